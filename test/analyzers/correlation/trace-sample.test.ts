// The columnar trace sample must keep exactly what the rule says (all traces until the cap, then
// the traces whose id hash has `level` leading zero bits, the smallest level that fits), whatever
// the order of arrival and merge; checked against a plain reference implementation of the rule.
import { describe, expect, it } from 'vitest';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { SampledTraces } from '../../../analyzers/analysis/sampled-traces.js';
import { keepAtLevel, sampledTraces, type StoredSpan } from '../../../analyzers/correlation/trace-sample.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const KINDS: Span['spanKind'][] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const resources = ['cart', 'checkout', 'payment'].map((name) => resourceFromAttributes({ 'service.name': name }));

/** Spans as the correlation stores them: the fields below, each written out in `tuple` as the correlation reads it back. */
function makeSpans(n: number, seed: number): Span[] {
  const r = rng(seed);
  const out: Span[] = [];
  let trace = 0;
  for (let i = 0; i < n; i++) {
    if (r() < 0.2) trace++;
    // Spans of a trace mostly together, sometimes one of an earlier trace.
    const t = r() < 0.1 ? Math.floor(r() * (trace + 1)) : trace;
    const kind = KINDS[Math.floor(r() * 6)]!;
    const start = 1_700_000_000_000_000_000n + BigInt(i) * 250_000n;
    const span: Span = {
      kind: 'span',
      traceId: `trace-${t}`,
      spanId: `span-${i}`,
      name: `GET /route/${Math.floor(r() * 50)}` + (r() < 0.05 ? 'y'.repeat(150) : ''),
      spanKind: kind,
      status: { code: r() < 0.05 ? 'error' : 'unset' },
      attributes: r() < 0.5 ? {} : { 'db.system': 'postgresql', 'server.address': `db-${Math.floor(r() * 4)}` },
      events: [],
      links: [],
      resource: resources[Math.floor(r() * 3)]!,
      source: { file: r() < 0.5 ? 'a.jsonl' : 'b.jsonl' },
    };
    if (r() >= 0.3) span.parentSpanId = `span-${Math.floor(r() * (i + 1))}`;
    const x = r();
    // (a span with a byte offset and no line: the correlation reads its line as −1)
    if (x < 0.9) span.source.line = i + 1;
    else if (x < 0.95) span.source.offset = i * 100;
    if (r() >= 0.1) {
      span.startNs = start;
      span.endNs = start + BigInt(Math.floor(r() * 1e9));
    }
    const y = r();
    if (y < 0.05) span.shared = true;
    else if (y < 0.1 && span.parentSpanId !== undefined) span.followsFrom = true;
    out.push(span);
  }
  return out;
}

const KIND = ['U', 'I', 'S', 'C', 'P', 'K'];
const tuple = (s: Span): StoredSpan => [
  s.spanId,
  s.parentSpanId ?? '',
  s.resource.serviceName!,
  KIND[KINDS.indexOf(s.spanKind)]!,
  s.startNs !== undefined ? Number(s.startNs / 1000n) / 1000 : NaN,
  s.startNs !== undefined && s.endNs !== undefined ? Number(s.endNs - s.startNs) / 1000 : -1,
  s.status.code === 'error' ? 1 : 0,
  (s.spanKind === 'client' || s.spanKind === 'producer') && s.attributes['db.system'] !== undefined ? `database|${s.attributes['server.address'] as string}` : '',
  s.source.file,
  s.source.line ?? -1,
  s.name.slice(0, 120),
  s.shared === true ? 1 : s.followsFrom === true ? 2 : 0,
];

/** The rule, written plainly: the smallest level at which the spans of the passing traces fit. */
function reference(spans: Span[], cap: number): { level: number; traces: Map<string, StoredSpan[]> } {
  let level = 0;
  while (spans.filter((s) => keepAtLevel(s.traceId, level)).length > cap) level++;
  const traces = new Map<string, StoredSpan[]>();
  for (const s of spans) {
    if (!keepAtLevel(s.traceId, level)) continue;
    const list = traces.get(s.traceId) ?? [];
    list.push(tuple(s));
    traces.set(s.traceId, list);
  }
  return { level, traces };
}

const canonical = (traces: Iterable<[string, StoredSpan[]]>) =>
  [...traces].map(([id, list]) => [id, [...list].sort((a, b) => (a[0] < b[0] ? -1 : 1))] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('sampled traces, as the correlation reads them', () => {
  const spans = makeSpans(5000, 7);

  it('keeps every span, in order and field for field, under the cap', () => {
    const t = new SampledTraces(10_000);
    for (const s of spans) t.add(s);
    const st = t.state();
    expect(st.level).toBe(0);
    expect(st.trace.length).toBe(5000);
    const ref = reference(spans, 10_000);
    // Same traces in first-stored order, spans in stored order.
    expect(sampledTraces(st)).toEqual([...ref.traces]);
  });

  it('over the cap: the level and kept traces of the rule; dictionary holds only strings in use', () => {
    for (const cap of [1000, 300, 40]) {
      const t = new SampledTraces(cap);
      for (const s of spans) t.add(s);
      const st = t.state();
      const ref = reference(spans, cap);
      expect(ref.level).toBeGreaterThan(0);
      expect(st.level).toBe(ref.level);
      expect(st.trace.length).toBeLessThanOrEqual(cap);
      expect(sampledTraces(st)).toEqual([...ref.traces]);
      const used = new Set<number>();
      for (const col of [st.service, st.base, st.peer, st.file, st.name]) for (const i of col) used.add(i);
      expect(used.size).toBe(st.strings.length);
      expect(new Set(st.strings).size).toBe(st.strings.length);
    }
  });

  it('merging pieces in any order gives the one-pass result', () => {
    const cap = 500;
    const one = new SampledTraces(cap);
    for (const s of spans) one.add(s);
    const expected = canonical(sampledTraces(one.state()));
    const pieces = [spans.slice(0, 1200), spans.slice(1200, 1300), spans.slice(1300, 4000), spans.slice(4000)];
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]]) {
      const states = pieces.map((p) => {
        const t = new SampledTraces(cap);
        for (const s of p) t.add(s);
        return structuredClone(t.state());
      });
      const merged = new SampledTraces(cap);
      for (const k of order) merged.merge(states[k]!);
      const st = merged.state();
      expect(st.level).toBe(one.state().level);
      expect(canonical(sampledTraces(st))).toEqual(expected);
    }
  });

  it('prepared merges (both sides raised ahead to the merged level) give the one-pass result, for any split', () => {
    for (const cap of [500, 60]) {
      const one = new SampledTraces(cap);
      for (const s of spans) one.add(s);
      const expected = canonical(sampledTraces(one.state()));
      for (const cut of [700, 2500, 4800]) {
        const a = new SampledTraces(cap);
        const b = new SampledTraces(cap);
        spans.forEach((s, i) => (i < cut ? a : b).add(s));
        const [la, lb] = [a.levels(), b.levels()];
        a.prepareMerge(lb);
        b.prepareMerge(la);
        expect([a.state().level, b.state().level]).toEqual([one.state().level, one.state().level]);
        a.merge(structuredClone(b.state()));
        const st = a.state();
        expect(st.level).toBe(one.state().level);
        expect(canonical(sampledTraces(st))).toEqual(expected);
      }
    }
  });

  it('a span is stored exactly when its trace passes the level (kept already, or passing)', () => {
    const t = new SampledTraces(200);
    let stored = 0;
    for (const s of spans) {
      const before = t.state().trace.length;
      const levelBefore = t.state().level;
      const want = keepAtLevel(s.traceId, levelBefore);
      t.add(s);
      const st = t.state();
      // A raise may drop spans right after the add; without one, the count grows iff wanted.
      if (st.level === levelBefore) expect(st.trace.length - before).toBe(want ? 1 : 0);
      if (want) stored++;
    }
    expect(stored).toBeGreaterThan(200);
  });
});
