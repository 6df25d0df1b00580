// At a run's detail level D > 0 the correlation collector holds the span and trace ids of the
// detail sample's traces only (1 trace in 2^D by the one trace hash), and its log and exemplar
// samples start at level D: every log or exemplar it checks names a trace whose ids it holds. At
// D = 0 every id is held. Merged states give the same result whatever the split.
//
// Expected sets derived independently: the traces of the detail sample were computed with a Python
// implementation of 32-bit FNV-1a + murmur3 fmix32 over the trace id's low 16 hex digits (a trace
// is in the sample at level L when the hash has L leading zero bits, i.e. is < 2^(32-L)):
//   level 2, trace ids 1..64 (32-hex, zero-padded): 1 3 6 7 11 15 17 19 25 27 28 35 39 48 50 54 55 56 58 62 (20)
//   level 2, first trace id above 64: 68 (0x44)
// and the hash's known answers: "" → 0xab3e7c0b, "a" → 0x1a80b1b3, "0000000000000001" → 0x1d52fdbe.
import { describe, expect, it } from 'vitest';
import { CorrelationCollector, analyzeCorrelation, type CorrelationState } from '../../../analyzers/correlation/index.js';
import { hash32 } from '../../../analyzers/profile/hash.js';
import { keepAtLevel, traceHash } from '../../../analyzers/analysis/trace-ids.js';
import * as traceStore from '../../../analyzers/profile/trace-store.js';
import * as traceSample from '../../../analyzers/correlation/trace-sample.js';
import * as sampledTraces from '../../../analyzers/analysis/sampled-traces.js';
import { DETAIL_SAMPLE_WHY, inDetail } from '../../../analyzers/analysis/detail.js';
import { IdSet } from '../../../analyzers/profile/id-set.js';
import type { LogRecord, MetricPoint, SignalRecord, Span } from '../../../analyzers/model/index.js';

const DETAIL_2 = [1, 3, 6, 7, 11, 15, 17, 19, 25, 27, 28, 35, 39, 48, 50, 54, 55, 56, 58, 62];
const OUTSIDE_DETAIL_IN_SAMPLE = 68; // a trace id at level 2 that no span has
const T0 = 1_700_000_000_000;
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
const tid = (t: number) => hex(t, 32);
const root = (t: number) => hex(t * 16 + 1, 16);
const child = (t: number) => hex(t * 16 + 2, 16);

function span(t: number, id: string, parent: string | undefined, line: number): Span {
  return {
    kind: 'span', traceId: tid(t), spanId: id, ...(parent ? { parentSpanId: parent } : {}), name: 'op', spanKind: parent ? 'client' : 'server',
    startNs: BigInt(T0 + t * 1000) * 1_000_000n, endNs: BigInt(T0 + t * 1000 + 50) * 1_000_000n, status: { code: 'unset' },
    attributes: {}, events: [], links: [], resource: { serviceName: parent ? 'cart' : 'frontend', attributes: {} }, source: { file: 'spans', line },
  };
}
function log(t: number, spanId: string, line: number): LogRecord {
  return { kind: 'log', timeNs: BigInt(T0 + t * 1000 + 10) * 1_000_000n, body: `log ${line}`, traceId: tid(t), spanId, attributes: {}, resource: { serviceName: 'cart', attributes: {} }, structured: true, source: { file: 'logs', line } };
}
function point(t: number, line: number): MetricPoint {
  return {
    kind: 'metric', name: 'req', type: 'gauge', temporality: 'unspecified', labels: { route: '/a' }, timeNs: BigInt(T0 + t * 1000) * 1_000_000n, value: t,
    exemplars: [{ value: t, traceId: tid(t), spanId: child(t), attributes: {} }], resource: { serviceName: 'cart', attributes: {} }, source: { file: 'metrics', line },
  };
}

/**
 * 64 traces of two spans (frontend → cart); for each a log naming its cart span and a gauge point
 * whose exemplar names it; for traces 1..8 a log naming a span the export lacks; one log naming
 * trace 68, which the export lacks. Each record with the detail flag the Analysis would give it.
 */
function records(): [SignalRecord, boolean][] {
  const out: [SignalRecord, boolean][] = [];
  let line = 0;
  for (let t = 1; t <= 64; t++) {
    const d = DETAIL_2.includes(t);
    out.push([span(t, root(t), undefined, ++line), d], [span(t, child(t), root(t), ++line), d]);
    out.push([log(t, child(t), ++line), true], [point(t, ++line), true]);
    if (t <= 8) out.push([log(t, hex(0xdead0000 + t, 16), ++line), true]);
  }
  out.push([log(OUTSIDE_DETAIL_IN_SAMPLE, hex(0xbeef, 16), ++line), true]);
  return out;
}

function collect(level: number, recs: [SignalRecord, boolean][]): CorrelationCollector {
  const c = new CorrelationCollector(level > 0 ? { detailLevel: level } : {});
  for (const [r, d] of recs) c.add(r, 0, d);
  return c;
}

const held = (st: CorrelationState) => ({ spans: IdSet.from(st.spans.idExact!.spans), traces: IdSet.from(st.spans.idExact!.traces) });

describe('one trace hash for every sample by trace id', () => {
  it('hash32 gives the known answers, and the detail sample and the trace/log samples use the same function', () => {
    expect(hash32('')).toBe(0xab3e7c0b);
    expect(hash32('a')).toBe(0x1a80b1b3);
    expect(hash32('0000000000000001')).toBe(0x1d52fdbe);
    // (the stores' and the samples' rule are the one of analysis/trace-ids.ts: nested by construction)
    expect(traceStore.traceHash).toBe(traceHash);
    expect(traceStore.keepAtLevel).toBe(keepAtLevel);
    expect(traceSample.keepAtLevel).toBe(keepAtLevel);
    expect(sampledTraces.traceHash).toBe(traceHash);
    expect(sampledTraces.keepAtLevel).toBe(keepAtLevel);
    expect(traceHash(tid(1))).toBe(hash32(tid(1).slice(16)));
    const inSample = (level: number) => Array.from({ length: 64 }, (_, i) => i + 1).filter((t) => inDetail(traceHash(tid(t)), level));
    expect(inSample(2)).toEqual(DETAIL_2);
    for (let t = 1; t <= 64; t++) for (const level of [0, 1, 2, 3, 5]) expect(keepAtLevel(tid(t), level)).toBe(inDetail(traceHash(tid(t)), level));
    // nested: a trace kept at a higher level is kept at every lower one
    expect(inSample(3).every((t) => DETAIL_2.includes(t))).toBe(true);
    expect(inDetail(traceHash(tid(OUTSIDE_DETAIL_IN_SAMPLE)), 2)).toBe(true);
  });
});

describe('correlation ids at a detail level', () => {
  it('D = 0: every span and trace id is held and every log with trace context is checked', () => {
    const st = collect(0, records()).state();
    expect(st.spans.detailLevel).toBeUndefined();
    const ids = held(st);
    expect([ids.spans.size, ids.traces.size]).toEqual([128, 64]);
    expect(ids.spans.has(root(2))).toBe(true);
    expect(st.logs.level).toBe(0);
    const c = analyzeCorrelation(st).correlation;
    // 64 + 8 + 1 logs; 64 name a span of the export
    expect(c.logs).toMatchObject({ withTraceId: 73, withSpanId: 73, checked: 73, resolved: 64, sampledShare: 1 });
    expect(c.metrics).toMatchObject({ exemplarsWithTraceId: 64, exemplarsResolved: 64 });
    expect(c.metrics.exemplarsChecked).toBeUndefined();
    expect(c.traces).toMatchObject({ spans: 128, totalTraces: 64 });
    expect(c.traces.totalTracesEstimated).toBeUndefined();
    expect(c.detailLevel).toBeUndefined();
  });

  it('D = 2: only the ids of the detail sample are held; the logs and exemplars checked are those of its traces', () => {
    const st = collect(2, records()).state();
    expect(st.spans.detailLevel).toBe(2);
    expect(st.spans.count).toBe(128);
    const ids = held(st);
    // 20 traces of 2 spans
    expect([ids.spans.size, ids.traces.size]).toEqual([40, 20]);
    for (let t = 1; t <= 64; t++) {
      const d = DETAIL_2.includes(t);
      expect([ids.traces.has(tid(t)), ids.spans.has(root(t)), ids.spans.has(child(t))]).toEqual([d, d, d]);
    }
    // the samples start at D
    expect(st.logs.level).toBe(2);
    expect(st.metrics.level).toBe(2);
    const r = analyzeCorrelation(st);
    const c = r.correlation;
    // checked: the 20 logs of the detail traces' spans, those of traces 1, 3, 6, 7 naming a missing
    // span, and the one of trace 68 (in the sample, not in the export): 25; resolved: the 20
    expect(c.logs).toMatchObject({ records: 73, withTraceId: 73, withSpanId: 73, checked: 25, resolved: 20, sampledShare: 0.25 });
    // every exemplar checked (those of the 20 traces) resolves: the estimate is all 64
    expect(c.metrics).toMatchObject({ exemplarsWithTraceId: 64, exemplarsChecked: 20, exemplarsSampledShare: 0.25, exemplarsResolved: 64 });
    expect(c.detailLevel).toBe(2);
    // the traces in the export: without the signals' count, estimated from the 20 held (× 4)
    expect(c.traces).toMatchObject({ spans: 128, totalTraces: 80, totalTracesEstimated: true });
    // with it (as finishReport gives it): that count, exact
    const given = analyzeCorrelation(st, undefined, { traceCount: { count: 64, approximate: false } }).correlation.traces;
    expect(given.totalTraces).toBe(64);
    expect(given.totalTracesEstimated).toBeUndefined();

    const cor004 = r.findings.find((f) => f.ruleId === 'COR-004')!;
    expect(cor004.value).toBe(0.8);
    expect(cor004.evidence.sample).toEqual({ unit: 'logs with trace context', size: 25, total: 73, share: 0.25 });
    expect(cor004.message).toBe(`80.0 % of 25 logs with trace context point at their trace in the export (and at their span, when they name one) (in a sample of 25 of 73 logs with trace context, 1 in 4: ${DETAIL_SAMPLE_WHY}; the logs with trace context checked are those of the traces examined).`);
    expect(cor004.evidence.examples.map((e) => e.note)).toEqual([
      `span ${hex(0xdead0001, 16)} not in the export (its trace is)`,
      `span ${hex(0xdead0003, 16)} not in the export (its trace is)`,
      `span ${hex(0xdead0006, 16)} not in the export (its trace is)`,
      `span ${hex(0xdead0007, 16)} not in the export (its trace is)`,
      `trace ${tid(OUTSIDE_DETAIL_IN_SAMPLE)} not in the export`,
    ]);
    const cor007 = r.findings.find((f) => f.ruleId === 'COR-007')!;
    expect(cor007.evidence.sample).toEqual({ unit: 'exemplars with a trace id', size: 20, total: 64, share: 0.25 });
    expect(cor007.message).toContain(`(in a sample of 20 of 64 exemplars with a trace id, 1 in 4: ${DETAIL_SAMPLE_WHY}; the exemplars with a trace id checked are those of the traces examined).`);
  });

  it('D = 2: the ids held do not depend on the caller flagging the detail spans', () => {
    const flagged = collect(2, records()).state();
    const unflagged = collect(2, records().map(([r]) => [r, true])).state();
    expect(unflagged.spans).toEqual(flagged.spans);
  });

  it('D = 2: the same state and result whichever way the records are split across threads and merged', () => {
    const recs = records();
    const one = collect(2, recs);
    const expected = analyzeCorrelation(one.state());
    const splits: ((i: number) => number)[] = [(i) => i % 3, (i) => (i < recs.length / 2 ? 0 : 1), (i) => (i * 7) % 5 % 3, () => 0];
    for (const pick of splits) {
      const parts = [0, 1, 2].map(() => new CorrelationCollector({ detailLevel: 2 }));
      recs.forEach(([r, d], i) => parts[pick(i)]!.add(r, 0, d));
      for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
        // (as the merging thread: a collector of the run's level; and as mergeCorrelationStates: a fresh one)
        for (const into of [new CorrelationCollector({ detailLevel: 2 }), new CorrelationCollector()]) {
          for (const k of order) into.merge(structuredClone(parts[k]!.state()));
          const st = into.state();
          expect(st.spans.detailLevel).toBe(2);
          expect([st.logs.level, st.metrics.level]).toEqual([2, 2]);
          expect(held(st).spans.size).toBe(40);
          expect(analyzeCorrelation(st)).toEqual(expected);
        }
      }
    }
  });
});
