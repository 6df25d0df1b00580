// One spelling per trace id across formats: a 64-bit trace id is 16 hex in Jaeger's JSON and
// left-padded to 32 in OTLP (and W3C, and logs that print a 32-hex trace_id). A Jaeger export
// and an OTLP export of one trace counted it twice.
import { describe, expect, it } from 'vitest';
import { canonicalTraceId, LENIENT_ID_CAP, LenientTraceIds, lenientJoinCount, lenientTraceJoin } from '../../../analyzers/analysis/trace-ids.js';
import { IdSet } from '../../../analyzers/profile/id-set.js';
import { traceStatsByService } from '../../../analyzers/profile/trace-store.js';
import { SampledTraces } from '../../../analyzers/analysis/sampled-traces.js';
import { sampledTraces } from '../../../analyzers/correlation/trace-sample.js';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { analyseInputs } from '../../helpers/analyse.js';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { inDetail } from '../../../analyzers/analysis/detail.js';
import { traceHash } from '../../../analyzers/profile/trace-store.js';

const TID = '463ac35c9f6413ad';

describe('canonicalTraceId', () => {
  it('folds a zero high half, leaves every other id alone', () => {
    expect(canonicalTraceId('0000000000000000' + TID)).toBe(TID);
    expect(canonicalTraceId(TID)).toBe(TID);
    expect(canonicalTraceId('5b8efff798038103d269b633813fc60c')).toBe('5b8efff798038103d269b633813fc60c');
    expect(canonicalTraceId('0000000000000001' + TID)).toBe('0000000000000001' + TID);
    expect(canonicalTraceId('00000000000000000')).toBe('00000000000000000'); // not 32 long
  });
});

describe('a trace exported by Jaeger (16 hex) and OTLP (32 hex, zero high half)', () => {
  it('is one trace: the OTLP span (and its link) joins the Jaeger spans', () => {
    const jaeger = JSON.stringify({
      data: [{
        traceID: TID,
        spans: [0, 1, 2].map((i) => ({ traceID: TID, spanID: `000000000000000${i + 1}`, operationName: 'GET /x', references: i ? [{ refType: 'CHILD_OF', traceID: TID, spanID: `000000000000000${i}` }] : [], startTime: 1700000000000000 + i * 10, duration: 100, tags: [], logs: [], processID: 'p1' })),
        processes: { p1: { serviceName: 'api', tags: [] } },
      }],
    });
    const otlp = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'db' } }] }, scopeSpans: [{ spans: [{ traceId: '0000000000000000' + TID, spanId: '00000000000000aa', parentSpanId: '0000000000000003', name: 'SELECT', kind: 3, startTimeUnixNano: '1700000000000050000', endTimeUnixNano: '1700000000000080000', links: [{ traceId: '0000000000000000' + TID, spanId: '0000000000000001' }] }] }] }] }) + '\n';
    const report = analyseInputs([['jaeger.json', jaeger], ['otlp.jsonl', otlp]]);
    expect(report.inputs.map((i) => [i.format, i.records])).toEqual([['jaeger', 3], ['otlp-json', 1]]);
    expect(report.signals.traces).toMatchObject({ spans: 4, traces: 1 });
  });
});

// Zipkin's lenient trace-id matching (STRICT_TRACE_ID=false): a 64-bit id and a 128-bit id whose
// low 64 bits are equal are one trace. A service whose tracer propagates only 64 bits reported its
// span under the low half; its parent, in the 128-bit trace, was not found (COR-005 and
// S-SPAN-PARENT counted an orphan, the graph lost the call).
describe('lenient trace-id joining (Zipkin inputs)', () => {
  const LOW = '48485a3953bb6124';
  const HIGH = '463ac35c9f6413ad';
  const HIGH2 = '5b8efff798038103';
  const ts = 1_700_000_000_000_000;
  const web = (traceId: string, id: string) => ({ traceId, id, name: 'get /', kind: 'SERVER', timestamp: ts, duration: 10_000, localEndpoint: { serviceName: 'web' } });
  const api = { traceId: LOW, parentId: '0000000000000001', id: '0000000000000002', name: 'get', kind: 'SERVER', timestamp: ts + 1_000, duration: 5_000, localEndpoint: { serviceName: 'api' } };
  const finding = (r: ReturnType<typeof analyseInputs>, rule: string, service: string) => r.findings?.find((f) => f.ruleId === rule && f.service === service);

  it('lenientTraceJoin: a flagged 64-bit id joins the one 128-bit trace of its low half; never when two have it', () => {
    expect(lenientTraceJoin([HIGH + LOW, LOW, 'ffff'], [LOW])).toEqual(Int32Array.from([0, 0, 2]));
    expect(lenientTraceJoin([LOW, HIGH + LOW], [LOW])).toEqual(Int32Array.from([1, 1]));
    expect(lenientTraceJoin([HIGH + LOW, LOW, HIGH2 + LOW], [LOW])).toBeUndefined();
    expect(lenientTraceJoin([HIGH + LOW, LOW], [])).toBeUndefined();
    expect(lenientTraceJoin([LOW], [LOW])).toBeUndefined();
  });

  it('joins a Zipkin 64-bit child to its parent in the 128-bit trace', () => {
    const r = analyseInputs([['z.json', JSON.stringify([web(HIGH + LOW, '0000000000000001'), api])]]);
    const cor5 = finding(r, 'COR-005', '*')!;
    // before: 1 of 2 (api's span named a parent not in "its" trace)
    expect([cor5.evidence.examined, cor5.evidence.failing]).toEqual([2, 0]);
    const parent = finding(r, 'S-SPAN-PARENT', 'api')!;
    expect([parent.evidence.examined, parent.evidence.failing]).toEqual([1, 0]);
    // one trace of 2 spans, one root; the call web → api is in the graph
    const c = r.correlation!.traces as unknown as Record<string, number>;
    expect([c.traces, c.sampleSpans, c.noRootTraces]).toEqual([1, 2, 0]);
    expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.calls])).toEqual([['web', 'api', 1]]);
  });

  it('does not join when the low half is that of two 128-bit traces (ambiguous)', () => {
    const r = analyseInputs([['z.json', JSON.stringify([web(HIGH + LOW, '0000000000000001'), web(HIGH2 + LOW, '0000000000000001'), api])]]);
    const cor5 = finding(r, 'COR-005', '*')!;
    expect([cor5.evidence.examined, cor5.evidence.failing]).toEqual([3, 1]);
    expect(finding(r, 'S-SPAN-PARENT', 'api')!.evidence.failing).toBe(1);
    expect(r.dependencyGraph!.edges).toEqual([]);
  });

  it('does not join a 64-bit id from a non-Zipkin input (Jaeger is strict)', () => {
    const jaeger = JSON.stringify({ data: [{ traceID: LOW, spans: [{ traceID: LOW, spanID: '0000000000000002', operationName: 'get', references: [{ refType: 'CHILD_OF', traceID: LOW, spanID: '0000000000000001' }], startTime: ts + 1_000, duration: 5_000, tags: [{ key: 'span.kind', type: 'string', value: 'server' }], logs: [], processID: 'p1' }], processes: { p1: { serviceName: 'api', tags: [] } } }] });
    const r = analyseInputs([['z.json', JSON.stringify([web(HIGH + LOW, '0000000000000001')])], ['j.json', jaeger]]);
    expect(finding(r, 'COR-005', '*')!.evidence.failing).toBe(1);
    expect(finding(r, 'S-SPAN-PARENT', 'api')!.evidence.failing).toBe(1);
  });
});

// The two spellings of a lenient trace are one trace in the counts too (signals.traces.traces,
// correlation.traces.totalTraces counted them as two), and past the stores' caps they are sampled
// together: each store hashed the whole id, so it kept one spelling and dropped the other, and the
// kept 64-bit half became an orphan in a trace of its own.
describe('lenient trace ids in the counts and the samples', () => {
  const ts = 1_700_000_000_000_000;
  const pair = (i: number) => {
    const low = '48485a39' + i.toString(16).padStart(8, '0');
    const high = '463ac35c' + i.toString(16).padStart(8, '0');
    return [
      { traceId: high + low, id: '0000000000000001', name: 'get /', kind: 'SERVER', timestamp: ts + i, duration: 10_000, localEndpoint: { serviceName: 'web' } },
      { traceId: low, parentId: '0000000000000001', id: '0000000000000002', name: 'get', kind: 'SERVER', timestamp: ts + i + 1_000, duration: 5_000, localEndpoint: { serviceName: 'api' } },
    ];
  };

  it('counts a joined trace once in signals.traces.traces and correlation.traces.totalTraces', () => {
    const spans = [...pair(1), ...pair(2)];
    const r = analyseInputs([['z.json', JSON.stringify(spans)]]);
    // before: 4 and 4
    expect(r.signals.traces.traces).toBe(2);
    expect(r.signals.approximate).toBeUndefined();
    const c = r.correlation!.traces as unknown as Record<string, unknown>;
    expect([c.traces, c.totalTraces, c.totalTracesEstimated]).toEqual([2, 2, undefined]);
  });

  it('counts a joined trace once among the traces examined under detail sampling (signals.traces.detail.examinedTraces)', () => {
    const spans = Array.from({ length: 64 }, (_, i) => pair(i)).flat();
    const analysis = new Analysis({ toolVersion: '0.0.0-test', detailLevel: 1 });
    const s = analysis.openInput('z.json');
    s.push(new TextEncoder().encode(JSON.stringify(spans)));
    s.end();
    const r = analysis.finish();
    // both spellings of a trace hash alike (traceSampleKey): examined together, one trace
    const examined = Array.from({ length: 64 }, (_, i) => pair(i)[0]!.traceId).filter((id) => inDetail(traceHash(id), 1)).length;
    expect(examined).toBeGreaterThan(0);
    expect(examined).toBeLessThan(64);
    expect(r.signals.traces.traces).toBe(64);
    // before: 2 × examined (the 64-bit and 128-bit spellings apart)
    expect(r.signals.traces.detail).toMatchObject({ examinedSpans: 2 * examined, examinedTraces: examined });
    expect(r.signals.traces.detail?.approximate).toBeUndefined();
  });

  it('lenientJoinCount: joins only a flagged 64-bit id present with exactly one 128-bit id of its low half', () => {
    const set = (ids: string[]) => {
      const s = new IdSet();
      for (const id of ids) s.add(id);
      return s.state();
    };
    const LOW = '48485a3953bb6124';
    expect(lenientJoinCount(set(['463ac35c9f6413ad' + LOW, LOW, 'ffffffffffffffff']), [LOW])).toBe(1);
    expect(lenientJoinCount(set(['463ac35c9f6413ad' + LOW, '5b8efff798038103' + LOW, LOW]), [LOW])).toBe(0);
    expect(lenientJoinCount(set(['463ac35c9f6413ad' + LOW]), [LOW])).toBe(0);
    expect(lenientJoinCount(set(['463ac35c9f6413ad' + LOW, LOW]), [])).toBe(0);
  });

  it('past the caps, both spellings of a trace are kept or dropped together', () => {
    const base = { kind: 'span' as const, name: 'get', status: { code: 'unset' as const }, attributes: {}, events: [], links: [], startNs: 1_000_000_000n, endNs: 1_002_000_000n };
    const store = new SampledTraces(100);
    for (let i = 0; i < 400; i++) {
      const [w, a] = pair(i);
      const root: Span = { ...base, traceId: w!.traceId, spanId: w!.id, spanKind: 'server', resource: resourceFromAttributes({ 'service.name': 'web' }), source: { file: 'z.json', line: 2 * i + 1 } };
      const child: Span = { ...base, traceId: a!.traceId, spanId: a!.id, parentSpanId: a!.parentId, spanKind: 'server', lenientTraceId: true, resource: resourceFromAttributes({ 'service.name': 'api' }), source: { file: 'z.json', line: 2 * i + 2 } };
      for (const s of [root, child]) {
        store.add(s);
      }
    }
    const st = store.state();
    // (before: level 4 — the two spellings hashed apart, more ids were kept than traces)
    expect(st.level).toBe(3);
    const stats = traceStatsByService(st);
    const api = stats.get('api')!;
    const web = stats.get('web')!;
    // every api span kept has its parent kept (before: a 64-bit half kept alone was an orphan)
    expect([web.traces, api.traces, api.withParent, api.orphans]).toEqual([46, 46, 46, 0]);
    expect(api.sample).toMatchObject({ size: 46 });
    // (the same store as the correlation reads it: each trace its two spans, the two spellings one trace)
    const traces = sampledTraces(st);
    expect(traces.map(([, spans]) => spans.length)).toEqual(new Array(traces.length).fill(2));
    expect(traces.length).toBe(st.traceIds.length / 2);
  });
});

describe('LenientTraceIds (the one keeper of both trace counts)', () => {
  it('keeps distinct 16-hex ids up to the cap, then says it overflowed; its state merges back the same', () => {
    const l = new LenientTraceIds();
    l.note(TID);
    l.note(TID);
    l.note('5b8efff798038103d269b633813fc60c'); // (not a 64-bit id)
    expect(l.state()).toEqual({ lenientTraceIds: [TID] });
    for (let i = 0; l.ids.size < LENIENT_ID_CAP; i++) l.note(i.toString(16).padStart(16, '0'));
    expect(l.overflow).toBe(false);
    l.note('ffffffffffffffff');
    expect(l.overflow).toBe(true);
    expect(l.ids.size).toBe(LENIENT_ID_CAP);
    const m = new LenientTraceIds();
    m.merge(l.state());
    expect([m.ids.size, m.overflow]).toEqual([LENIENT_ID_CAP, true]);
    expect(new LenientTraceIds().state()).toEqual({});
  });
});
