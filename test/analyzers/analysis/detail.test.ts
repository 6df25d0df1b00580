// Detail sampling (analyzers/analysis/detail.ts): past the threshold the span details run on the
// spans of whole traces picked by trace-id hash; every count stays exact. Here the level is forced
// (AnalysisOptions.detailLevel) on a generated multi-MB OTLP JSON Lines input.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { DETAIL_THRESHOLD_BYTES, detailLevelFor } from '../../../analyzers/analysis/detail.js';
import { traceHash } from '../../../analyzers/profile/trace-store.js';
import { IdSet } from '../../../analyzers/profile/id-set.js';
import { TRACES_ID, type SampledTracesState } from '../../../analyzers/analysis/sampled-traces.js';
import type { TelemetryProfileState } from '../../../analyzers/profile/telemetry-profile.js';
import type { CorrelationState } from '../../../analyzers/correlation/index.js';
import type { Report } from '../../../analyzers/report/model.js';
import { GEN_SERVICES as SERVICES, generateOtlpTraces as generate } from '../../helpers/otlp-traces.js';

const AT = '2026-01-01T00:00:00.000Z';
const enc = new TextEncoder();

/** Analyse `bytes` in `chunk`-byte pushes (whole when 0) at `detailLevel`. */
function analyse(bytes: Uint8Array, detailLevel: number, chunk = 0): { report: Report; analysis: Analysis } {
  const analysis = new Analysis({ toolVersion: 'test', ...(detailLevel > 0 ? { detailLevel } : {}) });
  const s = analysis.openInput('gen.jsonl', { totalBytes: bytes.length });
  if (chunk === 0) s.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return { report: analysis.finish(AT), analysis };
}

/** What a report presents as exact counts. */
function counts(r: Report): unknown {
  const svcSpans = (r.services ?? []).map((s) => [s.name, s.records]);
  return {
    inputs: r.inputs.map((i) => ({ records: i.records, rejected: i.rejected, errorCount: i.errorCount, errors: i.errors })),
    spans: r.signals.traces.spans,
    traces: r.signals.traces.traces,
    services: r.signals.traces.services,
    timeRange: r.signals.traces.timeRange,
    svcSpans,
    correlationTraces: r.correlation?.traces.totalTraces,
  };
}

describe('detailLevelFor', () => {
  it('is 0 up to the threshold, then one level per doubling', () => {
    expect(DETAIL_THRESHOLD_BYTES).toBe(64 * 1024 * 1024);
    expect(detailLevelFor(0)).toBe(0);
    expect(detailLevelFor(DETAIL_THRESHOLD_BYTES)).toBe(0);
    expect(detailLevelFor(DETAIL_THRESHOLD_BYTES + 1)).toBe(1);
    expect(detailLevelFor(2 * DETAIL_THRESHOLD_BYTES)).toBe(1);
    expect(detailLevelFor(2 * DETAIL_THRESHOLD_BYTES + 1)).toBe(2);
    expect(detailLevelFor(500 * 1024 * 1024)).toBe(3);
    expect(detailLevelFor(1000, 100)).toBe(4);
    expect(detailLevelFor(Number.MAX_SAFE_INTEGER)).toBe(16);
  });
});

describe('detail sampling', () => {
  const gen = generate(12_000);
  const bytes = enc.encode(gen.text);

  it('the generated input is multi-MB, with the spans and broken lines it was built with', () => {
    expect(bytes.length).toBeGreaterThan(3_000_000);
    expect(gen.perTrace.size).toBe(12_000);
  });

  const exact = analyse(bytes, 0);
  const sampled = analyse(bytes, 3);

  it('keeps every count exact (records, rejected, errors, spans, traces, services and their spans, error spans)', () => {
    expect(exact.report.signals.traces.detail).toBeUndefined();
    expect(exact.report.inputs[0]!.records).toBe(gen.spans);
    expect(exact.report.inputs[0]!.rejected).toBe(gen.brokenLines);
    expect(exact.report.signals.traces.traces).toBe(12_000);
    expect(counts(sampled.report)).toEqual(counts(exact.report));
    // the correlation's span count; its id sets (what logs and exemplars are resolved against)
    // hold every id at level 0, the ids of the detail sample's traces only at level 3
    const spans = (r: Analysis) => (r.extra.state()['correlation'] as CorrelationState).spans;
    expect(spans(exact.analysis).count).toBe(gen.spans);
    expect(spans(sampled.analysis).count).toBe(gen.spans);
    expect(IdSet.stateSize(spans(exact.analysis).idExact!.traces)).toBe(12_000);
    const passing = [...gen.perTrace].filter(([id]) => Math.clz32(traceHash(id)) >= 3);
    const heldTraces = IdSet.from(spans(sampled.analysis).idExact!.traces);
    expect(spans(sampled.analysis).detailLevel).toBe(3);
    expect(heldTraces.size).toBe(passing.length);
    for (const [id] of passing) expect(heldTraces.has(id)).toBe(true);
    expect(IdSet.stateSize(spans(sampled.analysis).idExact!.spans)).toBe(passing.reduce((n, [, k]) => n + k, 0));
    const status = (a: Analysis) => (a.extra.state()['profile'] as TelemetryProfileState).services.map((s) => [s.name, s.spans?.spans, s.spans?.statusCounts]);
    expect(status(sampled.analysis)).toEqual(status(exact.analysis));
    expect(status(exact.analysis).map((s) => [s[0], (s[2] as { error: number }).error])).toEqual(SERVICES.map((s) => [s, gen.errors.get(s) ?? 0]));
  });

  it('says what it examined: the spans and traces whose trace-id hash passes the level', () => {
    const passing = [...gen.perTrace].filter(([id]) => Math.clz32(traceHash(id)) >= 3);
    const examinedSpans = passing.reduce((n, [, k]) => n + k, 0);
    expect(sampled.report.signals.traces.detail).toEqual({ sampled: true, level: 3, share: 0.125, examinedSpans, examinedTraces: passing.length });
    // about 1 in 8 traces
    expect(passing.length).toBeGreaterThan(1200);
    expect(passing.length).toBeLessThan(1800);
    // the span checks' evidence names the sample
    const ids = sampled.report.findings!.filter((f) => f.ruleId === 'S-SPAN-IDS');
    expect(ids.length).toBe(SERVICES.length);
    const examined = ids.reduce((n, f) => n + (f.evidence.examined ?? 0), 0);
    expect(examined).toBe(examinedSpans);
    for (const f of ids) {
      expect(f.evidence.sample).toMatchObject({ unit: 'spans', share: 0.125 });
      expect(f.message).toContain(`, 1 in 8: a large trace input: span details are examined on whole traces sampled by id (--exact examines every span))`);
    }
    // the trace checks ran on the detail sample's traces (under the memory cap): said so, as COR-005 says it, not "past the memory cap"
    const traceChecks = sampled.report.findings!.filter((f) => ['S-SPAN-PARENT', 'N-SPAN-INTERNAL', 'N-SPAN-SHORT', 'S-SPAN-KIND', 'S-SPAN-TIMING', 'COR-005'].includes(f.ruleId) && f.message.includes('in a sample of'));
    expect(new Set(traceChecks.map((f) => f.ruleId)).size).toBe(6);
    for (const f of traceChecks) {
      expect(f.message).toContain(`, 1 in 8: a large trace input: span details are examined on whole traces sampled by id (--exact examines every span))`);
      expect(f.message).not.toContain('memory cap');
    }
    for (const svc of sampled.report.instrumentationScore!.perService) for (const r of svc.rules) expect(r.detail ?? '').not.toContain('memory cap');
  });

  it('examines whole traces: every stored trace has all its spans, and only traces passing the level', () => {
    // (the one store of sampled traces the profile's trace checks and the correlation both read)
    const traces = sampled.analysis.extra.state()[TRACES_ID] as SampledTracesState;
    for (const [ids, slots, level] of [[traces.traceIds, traces.trace, traces.level]] as const) {
      expect(level).toBeGreaterThanOrEqual(3);
      const stored = new Map<string, number>();
      for (const slot of slots) stored.set(ids[slot]!, (stored.get(ids[slot]!) ?? 0) + 1);
      expect(stored.size).toBeGreaterThan(0);
      for (const [id, n] of stored) {
        expect(Math.clz32(traceHash(id))).toBeGreaterThanOrEqual(level);
        expect(n).toBe(gen.perTrace.get(id));
      }
      // every trace passing the store's level is stored
      expect(stored.size).toBe([...gen.perTrace.keys()].filter((id) => Math.clz32(traceHash(id)) >= level).length);
    }
  });

  it('gives the same report in 1-, 7- and 4096-byte chunks', () => {
    const small = enc.encode(generate(400, 11).text);
    const whole = JSON.stringify(analyse(small, 2).report);
    expect(JSON.parse(whole).signals.traces.detail.level).toBe(2);
    for (const chunk of [1, 7, 4096]) expect(JSON.stringify(analyse(small, 2, chunk).report)).toBe(whole);
  });

  /**
   * The generated input split at its middle line: the first half decoded as a piece of `s` in `run`,
   * the second as a piece in `other` (as a worker decodes it), both at detail level 3. Returns the
   * second piece's session, not yet ended.
   */
  function splitInTwo() {
    const text = gen.text;
    const cut = text.indexOf('\n', text.length >> 1) + 1;
    const run = new Analysis({ toolVersion: 'test', detailLevel: 3 });
    const s = run.openInput('gen.jsonl', { totalBytes: bytes.length });
    s.declareSplit('otlp-json', sampled.report.inputs[0]!.detection.confidence, bytes.length);
    s.hashRaw(bytes);
    const head = enc.encode(text.slice(0, cut));
    const pieceA = run.openPiece('gen.jsonl', s.index).asPiece('otlp-json', 1, 0);
    pieceA.push(head, false);
    s.absorb(pieceA.end());
    const other = new Analysis({ toolVersion: 'test', detailLevel: 3 });
    const pieceB = other.openInput('gen.jsonl', { index: s.index }).asPiece('otlp-json', text.slice(0, cut).split('\n').length, head.length);
    pieceB.push(enc.encode(text.slice(cut)), false);
    return { run, s, other, pieceB };
  }

  it('gives the same report when the input is analysed in two pieces and merged (as two threads do)', () => {
    const { run, s, other, pieceB } = splitInTwo();
    const rowB = pieceB.end();
    s.absorb(rowB);
    run.mergeCollectors(other.state());
    s.end();
    const merged = run.finish(AT);
    expect(JSON.stringify({ ...merged, inputs: undefined })).toBe(JSON.stringify({ ...sampled.report, inputs: undefined }));
    expect(counts(merged)).toEqual(counts(sampled.report));
  });

  it('and when both sides prepare the merge ahead and the other state comes in parts (as a worker sends it)', () => {
    const { run, s, other, pieceB } = splitInTwo();
    pieceB.end();
    const [mine, theirs] = [structuredClone(run.mergeSizes()), structuredClone(other.mergeSizes())];
    run.prepareMerge(theirs, true);
    const parts = [...other.stateParts(mine)].map((p) => structuredClone(p));
    // one part a plug-in collector (profile, correlation, the sampled traces), then the inputs and the summary
    expect(parts.length).toBe(4);
    expect(parts.slice(0, 3).map((p) => Object.keys(p.extra ?? {}))).toEqual([['profile'], ['correlation'], [TRACES_ID]]);
    for (const part of parts) {
      run.mergeCollectors(part);
      for (const row of part.inputs ?? []) s.absorb(row);
    }
    s.end();
    const merged = run.finish(AT);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(sampled.report));
  });
});
