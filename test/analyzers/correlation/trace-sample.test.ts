// The columnar trace sample must keep exactly what the rule says (all traces until the cap, then
// the traces whose id hash has `level` leading zero bits, the smallest level that fits), whatever
// the order of arrival and merge; checked against a plain reference implementation of the rule.
import { describe, expect, it } from 'vitest';
import { TraceSample, keepAtLevel, sampledTraces, type SpanFields, type StoredSpan } from '../../../analyzers/correlation/trace-sample.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

interface Input {
  traceId: string;
  f: SpanFields;
}

function makeSpans(n: number, seed: number): Input[] {
  const r = rng(seed);
  const out: Input[] = [];
  let trace = 0;
  for (let i = 0; i < n; i++) {
    if (r() < 0.2) trace++;
    // Spans of a trace mostly together, sometimes one of an earlier trace.
    const t = r() < 0.1 ? Math.floor(r() * (trace + 1)) : trace;
    out.push({
      traceId: `trace-${t}`,
      f: {
        spanId: `span-${i}`,
        parentId: r() < 0.3 ? '' : `span-${Math.floor(r() * (i + 1))}`,
        service: ['cart', 'checkout', 'payment'][Math.floor(r() * 3)]!,
        kind: Math.floor(r() * 6),
        startMs: 1_700_000_000_000 + i * 0.25,
        durUs: r() < 0.1 ? -1 : Math.floor(r() * 1e6) / 7,
        err: r() < 0.05 ? 1 : 0,
        peer: r() < 0.5 ? '' : `postgresql|db-${Math.floor(r() * 4)}`,
        file: r() < 0.5 ? 'a.jsonl' : 'b.jsonl',
        line: r() < 0.05 ? -1 : i + 1,
        name: `GET /route/${Math.floor(r() * 50)}`,
      },
    });
  }
  return out;
}

const KIND = ['U', 'I', 'S', 'C', 'P', 'K'];
const tuple = (x: Input): StoredSpan => [x.f.spanId, x.f.parentId, x.f.service, KIND[x.f.kind]!, x.f.startMs, x.f.durUs, x.f.err, x.f.peer, x.f.file, x.f.line, x.f.name, x.f.shared ?? 0];

/** The rule, written plainly: the smallest level at which the spans of the passing traces fit. */
function reference(spans: Input[], cap: number): { level: number; traces: Map<string, StoredSpan[]> } {
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

describe('TraceSample', () => {
  const spans = makeSpans(5000, 7);

  it('keeps every span, in order and field for field, under the cap', () => {
    const t = new TraceSample(10_000);
    for (const s of spans) t.add(s.traceId, s.f);
    const st = t.state();
    expect(st.level).toBe(0);
    expect(st.trace.length).toBe(5000);
    const ref = reference(spans, 10_000);
    // Same traces in first-stored order, spans in stored order.
    expect(sampledTraces(st)).toEqual([...ref.traces]);
  });

  it('over the cap: the level and kept traces of the rule; dictionary holds only strings in use', () => {
    for (const cap of [1000, 300, 40]) {
      const t = new TraceSample(cap);
      for (const s of spans) t.add(s.traceId, s.f);
      const st = t.state();
      const ref = reference(spans, cap);
      expect(ref.level).toBeGreaterThan(0);
      expect(st.level).toBe(ref.level);
      expect(st.trace.length).toBeLessThanOrEqual(cap);
      expect(sampledTraces(st)).toEqual([...ref.traces]);
      const used = new Set<number>();
      for (const col of [st.service, st.peer, st.file, st.name]) for (const i of col) used.add(i);
      expect(used.size).toBe(st.strings.length);
      expect(new Set(st.strings).size).toBe(st.strings.length);
    }
  });

  it('merging pieces in any order gives the one-pass result', () => {
    const cap = 500;
    const one = new TraceSample(cap);
    for (const s of spans) one.add(s.traceId, s.f);
    const expected = canonical(sampledTraces(one.state()));
    const pieces = [spans.slice(0, 1200), spans.slice(1200, 1300), spans.slice(1300, 4000), spans.slice(4000)];
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]]) {
      const states = pieces.map((p) => {
        const t = new TraceSample(cap);
        for (const s of p) t.add(s.traceId, s.f);
        return structuredClone(t.state());
      });
      const merged = new TraceSample(cap);
      for (const k of order) merged.merge(states[k]!);
      const st = merged.state();
      expect(st.level).toBe(one.state().level);
      expect(canonical(sampledTraces(st))).toEqual(expected);
    }
  });

  it('prepared merges (both sides raised ahead to the merged level) give the one-pass result, for any split', () => {
    for (const cap of [500, 60]) {
      const one = new TraceSample(cap);
      for (const s of spans) one.add(s.traceId, s.f);
      const expected = canonical(sampledTraces(one.state()));
      for (const cut of [700, 2500, 4800]) {
        const a = new TraceSample(cap);
        const b = new TraceSample(cap);
        spans.forEach((s, i) => (i < cut ? a : b).add(s.traceId, s.f));
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

  it('wants() agrees with add(): a span is stored exactly when wanted', () => {
    const t = new TraceSample(200);
    let stored = 0;
    for (const s of spans) {
      const want = t.wants(s.traceId);
      const before = t.state().trace.length;
      const levelBefore = t.state().level;
      t.add(s.traceId, s.f);
      const st = t.state();
      // A raise may drop spans right after the add; without one, the count grows iff wanted.
      if (st.level === levelBefore) expect(st.trace.length - before).toBe(want ? 1 : 0);
      if (want) stored++;
    }
    expect(stored).toBeGreaterThan(200);
  });
});
