// The run's one store of sampled traces, read by the profile's trace checks and by the
// correlation's span topology: each reader's view must give it exactly the values it read when it
// had a store of its own (the profile's TraceStore, the correlation's TraceSample). The expected
// values below are those stores' formulas, written out per field.
import { describe, expect, it } from 'vitest';
import { resourceFromAttributes, type SignalRecord, type Span } from '../../../analyzers/model/index.js';
import { NAME_CHARS, PROFILE_NAME_CHARS, SampledTraces, SampledTracesCollector, correlationTraceView, profileTraceView } from '../../../analyzers/analysis/sampled-traces.js';
import { sampledTraces } from '../../../analyzers/correlation/trace-sample.js';
import { traceStatsByService } from '../../../analyzers/profile/trace-store.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

function span(spanId: string, extra: Partial<Span> = {}): Span {
  return { kind: 'span', traceId: TRACE, spanId, name: 'op', spanKind: 'server', status: { code: 'unset' }, attributes: {}, events: [], links: [], resource: resourceFromAttributes({ 'service.name': 'checkout' }), source: { file: 'a.jsonl', line: 1 }, startNs: 1_000_000_000n, endNs: 1_002_000_000n, ...extra };
}

function stateOf(spans: Span[]) {
  const t = new SampledTraces();
  for (const s of spans) t.add(s);
  return t.state();
}

describe('one store, two readers', () => {
  it('names: stored cut to 120 characters; the profile reads the first 80 (as it cut them), the correlation all 120', () => {
    expect([NAME_CHARS, PROFILE_NAME_CHARS]).toEqual([120, 80]);
    const names = ['short', 'n'.repeat(79) + 'é', 'a'.repeat(80) + 'b'.repeat(20), 'x'.repeat(100) + 'y'.repeat(50), '😀'.repeat(70)];
    const st = stateOf(names.map((name, i) => span(`s${i}`, { name })));
    const p = profileTraceView(st);
    const c = correlationTraceView(st);
    names.forEach((name, i) => {
      expect(p.nameOf(p.name[i]!)).toBe(name.slice(0, 80));
      expect(c.strings[c.name[i]!]).toBe(name.slice(0, 120));
      // (the 80 cut of the 120 cut is the 80 cut: one stored name serves both)
      expect(name.slice(0, 120).slice(0, 80)).toBe(name.slice(0, 80));
    });
  });

  it('parent relation: a shared span is 1 to both; a FOLLOWS_FROM child is 2 to the correlation, an ordinary child (0) to the profile', () => {
    const link = { traceId: TRACE, spanId: 'p1', attributes: { 'opentracing.ref_type': 'follows_from' } };
    const spans = [span('p1'), span('s1', { shared: true }), span('c1', { parentSpanId: 'p1', followsFrom: true }), span('c2', { parentSpanId: 'p1', links: [link] }), span('c3', { parentSpanId: 'p1' })];
    const st = stateOf(spans);
    expect([...correlationTraceView(st).shared]).toEqual([0, 1, 2, 2, 0]);
    expect([...profileTraceView(st).shared]).toEqual([0, 1, 0, 0, 0]);
  });

  it('provenance: the profile reads line, else byte offset, else −1; the correlation line, else −1', () => {
    const spans = [span('a', { source: { file: 'f', line: 7 } }), span('b', { source: { file: 'f', offset: 4096 } }), span('c', { source: { file: 'f', line: 3, offset: 99 } }), span('d', { source: { file: 'f' } })];
    const st = stateOf(spans);
    expect([...profileTraceView(st).line]).toEqual(spans.map((s) => s.source.line ?? s.source.offset ?? -1));
    expect([...correlationTraceView(st).line]).toEqual(spans.map((s) => s.source.line ?? -1));
    // the stored column itself is left as it is (the view copies it)
    expect([...st.line]).toEqual([7, 4096, 3, -1]);
  });

  it('durations: the profile reads whole µs, the correlation the ns over 1000; past 2^53 ns they differ beyond the fraction, so both are kept', () => {
    const durs = [2_000_000n, 1_234_567n, 999n, 0n, 9_007_199_254_740_993_999n, 4_503_599_627_370_495_999n];
    const spans = durs.map((d, i) => span(`d${i}`, { startNs: 1n, endNs: 1n + d }));
    spans.push(span('none', { endNs: undefined }), span('reversed', { startNs: 5n, endNs: 4n }));
    const st = stateOf(spans);
    const whole = spans.map((s) => (s.startNs !== undefined && s.endNs !== undefined && s.endNs >= s.startNs ? Number((s.endNs - s.startNs) / 1000n) : -1));
    const exact = spans.map((s) => (s.startNs !== undefined && s.endNs !== undefined && s.endNs >= s.startNs ? Number(s.endNs - s.startNs) / 1000 : -1));
    expect([...profileTraceView(st).durUs]).toEqual(whole);
    expect([...correlationTraceView(st).durUs]).toEqual(exact);
    // (one column would not do: the floor of the correlation's value is not the profile's here)
    expect(Math.floor(exact[4]!)).not.toBe(whole[4]);
    expect(Math.floor(exact[5]!)).not.toBe(whole[5]);
  });

  it("services: the correlation reads the service the span names (an SDK default's bucket, '' for none), the profile that as `base` and its own bucket as `service`", () => {
    const spans = [
      span('a'),
      span('b', { resource: resourceFromAttributes({ 'service.name': 'unknown_service:java' }) }),
      span('c', { resource: resourceFromAttributes({}) }),
      span('d', { resource: resourceFromAttributes({}), attributes: { 'k8s.pod.name': 'cart-7d9c8b6f5d-x2kzq' } }),
    ];
    const st = stateOf(spans);
    const c = correlationTraceView(st);
    const p = profileTraceView(st);
    const corr = Array.from(c.service, (k) => c.strings[k]);
    expect(corr).toEqual(['checkout', '(unknown service: java)', '', 'cart']);
    expect(Array.from(p.base, (k) => p.strings[k])).toEqual(corr);
    expect(Array.from(p.service, (k) => p.strings[k])).toEqual(['checkout', '(unknown service: java)', '(unknown service)', 'cart']);
  });

  it('the correlation reads the stored peers; the profile its kind-from-shape and timing flags', () => {
    const spans = [
      span('a', { spanKind: 'client', attributes: { 'db.system': 'postgresql', 'server.address': 'pg' } }),
      span('b', { spanKind: 'internal', kindFrom: 'zipkin-local' }),
      span('c', { startNs: undefined }),
      span('d', { startNs: 10n, endNs: 5n }),
    ];
    const st = stateOf(spans);
    expect(sampledTraces(st)[0]![1].map((x) => x[7])).toEqual(['database|pg', '', '', '']);
    expect([...st.kindFrom]).toEqual([0, 1, 0, 0]);
    expect([...st.timing]).toEqual([0, 0, 1, 2]);
    const stats = traceStatsByService(st).get('checkout')!;
    expect([stats.kindInferred, stats.badTiming]).toEqual([1, 2]);
  });
});

describe('the store as a plug-in collector', () => {
  it('stores the spans of the detail sample only, never other records; its floor is the run detail level', () => {
    const c = new SampledTracesCollector();
    const log: SignalRecord = { kind: 'log', body: 'x', attributes: {}, resource: resourceFromAttributes({}), structured: false, traceId: TRACE, source: { file: 'l', line: 1 } };
    c.add(span('a'));
    c.add(span('b'), 0, false);
    c.add(log);
    expect(c.state().spanId).toEqual(['a']);
    // at level 32 only a trace whose hash is 0 passes: none of these
    const floor = new SampledTracesCollector(32);
    floor.add(span('a'));
    expect([floor.state().level, floor.state().spanId]).toEqual([32, []]);
  });

  it('merge sizes and a prepared merge, as the threads exchange them: the one-pass result', () => {
    const spans = Array.from({ length: 3000 }, (_, i) => span(`s${i}`, { traceId: `trace-${Math.floor(i / 3)}` }));
    const one = new SampledTracesCollector(0, 500);
    for (const s of spans) one.add(s);
    const [a, b] = [new SampledTracesCollector(0, 500), new SampledTracesCollector(0, 500)];
    spans.forEach((s, i) => (i < 1300 ? a : b).add(s));
    const [sa, sb] = [a.mergeSize(), b.mergeSize()];
    a.prepareMerge(sb);
    b.prepareMerge(sa);
    a.merge(structuredClone(b.state()));
    const [x, y] = [a.state(), one.state()];
    expect(x.level).toBe(y.level);
    expect(x.level).toBeGreaterThan(0);
    expect([...x.spanId].sort()).toEqual([...y.spanId].sort());
  });
});
