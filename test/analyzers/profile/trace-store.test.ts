// The trace sample behind the trace-level rules (the run's sampled traces, ../analysis/sampled-traces.ts,
// as the profile reads them: profileTraceView): capped at SPAN_CAP spans by a trace-hash level
// that only grows. Whatever the split of the traces between threads and the order of merging,
// the merged sample must be the one a single pass keeps — and never hold part of a trace.
import { describe, expect, it } from 'vitest';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { KIND_INITIALS, SPAN_CAP, keepAtLevel, traceSampleNote, traceSampleReason, traceStatsByService } from '../../../analyzers/profile/trace-store.js';
import { SampledTraces, profileTraceView, type SampledTracesState } from '../../../analyzers/analysis/sampled-traces.js';

const resource = resourceFromAttributes({ 'service.name': 'checkout' });
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');

/** `traces` traces of `per` spans each, a chain of parents, ids derived from the indexes. */
function makeTraces(traces: number, per: number): Span[][] {
  const out: Span[][] = [];
  for (let t = 0; t < traces; t++) {
    const traceId = hex(0x9e3779b1 * (t + 1), 16) + hex(t + 1, 16);
    const spans: Span[] = [];
    for (let s = 0; s < per; s++) {
      const span: Span = { kind: 'span', traceId, spanId: hex(t * per + s + 1, 16), name: `op ${s}`, spanKind: s === 0 ? 'server' : 'client', status: { code: 'unset' }, attributes: {}, events: [], links: [], resource, source: { file: 'f.jsonl', line: t + 1 }, startNs: 1_000_000_000n, endNs: 1_002_000_000n };
      if (s > 0) span.parentSpanId = spans[s - 1]!.spanId;
      spans.push(span);
    }
    out.push(spans);
  }
  return out;
}

function spanIdsByTrace(st: SampledTracesState): string[] {
  const lists = st.traceIds.map((): string[] => []);
  st.trace.forEach((slot, i) => lists[slot]!.push(st.spanId[i]!));
  return st.traceIds.map((id, t) => `${id}:${lists[t]!.sort().join(',')}`).sort();
}

describe('sampled traces merge (as the profile reads them)', () => {
  // 13,000 traces of 10 spans: 130,000 spans, beyond the cap, so levels are raised.
  const traces = makeTraces(13_000, 10);
  const single = new SampledTraces();
  for (const t of traces) for (const s of t) single.add(s);
  const expected = spanIdsByTrace(single.state());

  it('keeps whole traces only, and exactly the ones a single pass keeps, for any split and merge order', () => {
    expect(SPAN_CAP).toBeLessThan(130_000);
    expect(single.state().level).toBeGreaterThan(0);
    for (const parts of [2, 3, 7]) {
      const stores = Array.from({ length: parts }, () => new SampledTraces());
      // Runs of consecutive traces go to the threads in turn, as pieces of a file do.
      traces.forEach((t, i) => {
        for (const s of t) stores[Math.floor(i / 500) % parts]!.add(s);
      });
      for (const order of [stores, [...stores].reverse()]) {
        const merged = new SampledTraces();
        for (const st of order) merged.merge(st.state());
        const state = merged.state();
        const counts = new Map<number, number>();
        for (const slot of state.trace) counts.set(slot, (counts.get(slot) ?? 0) + 1);
        expect([...counts.values()].every((c) => c === 10)).toBe(true);
        expect(counts.size).toBe(state.traceIds.length);
        expect(spanIdsByTrace(state)).toEqual(expected);
        expect(state.level).toBe(single.state().level);
      }
    }
  });
});

/** [traceId, spanId, parentId, service, kind initial, durUs, file, line, name] of a stored span, in stored order. */
type Row = [string, string, string, string, string, number, string, number, string];

/** (as the profile reads them: names cut to 80 characters) */
function rows(state: SampledTracesState): Row[] {
  const st = profileTraceView(state);
  const str = st.strings;
  return Array.from(st.trace, (slot, i): Row => [st.traceIds[slot]!, st.spanId[i]!, st.parentId[i]!, str[st.service[i]!]!, KIND_INITIALS[st.kind[i]!]!, st.durUs[i]!, str[st.file[i]!]!, st.line[i]!, st.nameOf(st.name[i]!)]);
}

/** Rows grouped by trace, traces in first-stored order. */
function byTrace(rs: Row[]): [string, Row[]][] {
  const m = new Map<string, Row[]>();
  for (const r of rs) {
    const list = m.get(r[0]) ?? [];
    list.push(r);
    m.set(r[0], list);
  }
  return [...m];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const resources = ['cart', 'checkout', 'payment'].map((name) => resourceFromAttributes({ 'service.name': name }));
const KINDS: Span['spanKind'][] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** Spans of a trace mostly together, sometimes one of an earlier trace. */
function makeSpans(n: number, seed: number): Span[] {
  const r = rng(seed);
  const out: Span[] = [];
  let trace = 0;
  for (let i = 0; i < n; i++) {
    if (r() < 0.2) trace++;
    const t = r() < 0.1 ? Math.floor(r() * (trace + 1)) : trace;
    const start = 1_700_000_000_000_000_000n + BigInt(i) * 1000n;
    const span: Span = { kind: 'span', traceId: `trace-${t}`, spanId: `span-${i}`, name: `GET /route/${Math.floor(r() * 50)}` + (r() < 0.05 ? 'x'.repeat(100) : ''), spanKind: KINDS[Math.floor(r() * 6)]!, status: { code: 'unset' }, attributes: {}, events: [], links: [], resource: resources[Math.floor(r() * 3)]!, source: { file: r() < 0.5 ? 'a.jsonl' : 'b.jsonl' } };
    if (r() < 0.7) span.parentSpanId = `span-${Math.floor(r() * (i + 1))}`;
    const x = r();
    if (x < 0.9) span.source.line = i + 1;
    else if (x < 0.95) span.source.offset = i * 100;
    if (r() < 0.9) {
      span.startNs = start;
      span.endNs = start + BigInt(Math.floor(r() * 1e10));
      if (r() < 0.05) span.endNs = start - 1n;
    }
    out.push(span);
  }
  return out;
}

const row = (s: Span): Row => [s.traceId, s.spanId, s.parentSpanId ?? '', s.resource.attributes['service.name'] as string, 'UISCPK'[KINDS.indexOf(s.spanKind)]!, s.startNs !== undefined && s.endNs !== undefined && s.endNs >= s.startNs ? Number((s.endNs - s.startNs) / 1000n) : -1, s.source.file, s.source.line ?? s.source.offset ?? -1, s.name.slice(0, 80)];

/** The rule, written plainly: the smallest level at which the spans of the passing traces fit. */
function reference(spans: Span[], cap: number): { level: number; rows: Row[] } {
  let level = 0;
  while (spans.filter((s) => keepAtLevel(s.traceId, level)).length > cap) level++;
  return { level, rows: spans.filter((s) => keepAtLevel(s.traceId, level)).map(row) };
}

const canonical = (st: SampledTracesState) =>
  byTrace(rows(st))
    .map(([id, list]) => [id, [...list].sort((a, b) => (a[1] < b[1] ? -1 : 1))] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('sampled traces columns (as the profile reads them)', () => {
  const spans = makeSpans(5000, 11);

  it('keeps every span, field for field, under the cap; traces in first-stored order', () => {
    const t = new SampledTraces(10_000);
    for (const s of spans) t.add(s);
    const st = t.state();
    expect(st.level).toBe(0);
    expect(t.level).toBe(0);
    expect(byTrace(rows(st))).toEqual(byTrace(reference(spans, 10_000).rows));
    expect(st.traceIds).toEqual(byTrace(rows(st)).map(([id]) => id));
  });

  it('over the cap: the level and kept traces of the rule; dictionary holds only strings in use', () => {
    for (const cap of [1000, 300, 40]) {
      const t = new SampledTraces(cap);
      for (const s of spans) t.add(s);
      const st = t.state();
      const ref = reference(spans, cap);
      expect(ref.level).toBeGreaterThan(0);
      expect(st.level).toBe(ref.level);
      expect(t.level).toBeGreaterThan(0);
      expect(st.trace.length).toBeLessThanOrEqual(cap);
      expect(byTrace(rows(st))).toEqual(byTrace(ref.rows));
      const used = new Set<number>();
      for (const col of [st.service, st.base, st.peer, st.file, st.name]) for (const i of col) used.add(i);
      expect(used.size).toBe(st.strings.length);
      expect(new Set(st.strings).size).toBe(st.strings.length);
    }
  });

  it('merging pieces in any order gives the one-pass result, never part of a trace', () => {
    for (const cap of [500, 60]) {
      const one = new SampledTraces(cap);
      for (const s of spans) one.add(s);
      const expected = canonical(one.state());
      const pieces = [spans.slice(0, 1200), spans.slice(1200, 1300), spans.slice(1300, 4000), spans.slice(4000)];
      for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]]) {
        const states = pieces.map((p) => {
          const t = new SampledTraces(cap);
          for (const s of p) t.add(s);
          return structuredClone(t.state());
        });
        const merged = new SampledTraces(cap);
        for (const k of order) merged.merge(states[k]!);
        const st = merged.state();
        expect(st.level).toBe(one.state().level);
        expect(canonical(st)).toEqual(expected);
      }
    }
  });

  it('prepared merges (both sides raised ahead to the merged level) keep what a single pass keeps, for any split', () => {
    for (const cap of [500, 60, 10_000]) {
      const one = new SampledTraces(cap);
      for (const s of spans) one.add(s);
      const expected = canonical(one.state());
      for (const cut of [1200, 2900, 5000]) {
        const a = new SampledTraces(cap);
        const b = new SampledTraces(cap);
        spans.forEach((s, i) => (i < cut ? a : b).add(s));
        const [la, lb] = [a.levels(), b.levels()];
        expect(la.spans.reduce((x, y) => x + y, 0)).toBe(a.state().trace.length);
        a.prepareMerge(lb);
        b.prepareMerge(la);
        // both at the level the merge ends at; what the sending side sends is all kept
        expect(a.state().level).toBe(one.state().level);
        expect(b.state().level).toBe(one.state().level);
        const sent = structuredClone(b.state());
        a.merge(sent);
        const st = a.state();
        expect(st.level).toBe(one.state().level);
        expect(st.trace.length).toBe(one.state().trace.length);
        expect(canonical(st)).toEqual(expected);
        // the merged store goes on as one that stored every span itself (a later raise renews its dictionary)
        const more = makeSpans(3000, 29).map((x) => ({ ...x, traceId: 'more-' + x.traceId }));
        const cont = new SampledTraces(cap);
        cont.merge(structuredClone(st));
        for (const x of more) cont.add(x);
        const ref = new SampledTraces(cap);
        for (const x of [...spans, ...more]) ref.add(x);
        expect(canonical(cont.state())).toEqual(canonical(ref.state()));
      }
    }
  });

  it('traceStatsByService counts over the stored traces', () => {
    const t = new SampledTraces(10_000);
    for (const s of spans) t.add(s);
    const stats = traceStatsByService(t.state());
    const traces = byTrace(reference(spans, 10_000).rows);
    for (const svc of ['cart', 'checkout', 'payment']) {
      const st = stats.get(svc)!;
      let withParent = 0;
      let orphans = 0;
      let roots = 0;
      let clientRoots = 0;
      let inTraces = 0;
      let maxInternal = 0;
      for (const [, list] of traces) {
        const ids = new Set(list.map((r) => r[1]));
        const mine = list.filter((r) => r[3] === svc);
        if (mine.length) inTraces++;
        maxInternal = Math.max(maxInternal, mine.filter((r) => r[4] === 'I').length);
        for (const r of mine) {
          if (r[2] === '') {
            roots++;
            if (r[4] === 'C') clientRoots++;
          } else {
            withParent++;
            if (!ids.has(r[2])) orphans++;
          }
        }
      }
      expect([st.withParent, st.orphans, st.roots, st.clientRoots, st.traces, st.maxInternalPerTrace]).toEqual([withParent, orphans, roots, clientRoots, inTraces, maxInternal]);
      expect(st.orphanExamples.length).toBe(Math.min(5, orphans));
    }
  });

  it('past the cap the stats name their sample: the traces kept, of the export count when given, else about kept / share', () => {
    const t = new SampledTraces(300);
    for (const s of spans) t.add(s);
    const st = t.state();
    const kept = st.traceIds.length;
    const all = new Set(spans.map((s) => s.traceId)).size;
    const share = 2 ** -st.level;
    expect(kept).toBeLessThan(all);
    const exact = traceStatsByService(st, { traces: all });
    for (const v of exact.values()) expect(v.sample).toEqual({ unit: 'traces', size: kept, total: all, share });
    expect(traceSampleNote(exact.get('cart')!)).toBe(` (in a sample of ${kept} of ${all} traces, 1 in ${2 ** st.level}: past the memory cap the trace checks run on whole traces sampled by id)`);
    // no count given (or an impossible one, below the traces kept): estimated from the share
    for (const total of [undefined, { traces: kept - 1 }]) {
      expect(traceStatsByService(st, total).get('cart')!.sample).toEqual({ unit: 'traces', size: kept, total: Math.round(kept / share), estimated: true, share });
    }
    expect(traceStatsByService(st, { traces: 123_456, estimated: true }).get('cart')!.sample).toEqual({ unit: 'traces', size: kept, total: 123_456, estimated: true, share });
    // under the cap: no sample
    const whole = new SampledTraces(10_000);
    for (const s of spans) whole.add(s);
    expect(traceStatsByService(whole.state(), { traces: all }).get('cart')!.sample).toBeUndefined();
  });
});

describe('why the stored traces are a sample: the run detail sample, the memory cap, or both', () => {
  const spans = makeSpans(5000, 11);
  const all = new Set(spans.map((s) => s.traceId)).size;
  const DETAIL = 'a large trace input: span details are examined on whole traces sampled by id (--exact examines every span)';
  const CAP = 'past the memory cap the trace checks run on whole traces sampled by id';
  const noteOf = (cap: number, floor: number) => {
    const t = new SampledTraces(cap, floor);
    for (const s of spans) t.add(s);
    const st = t.state();
    return { st, note: traceSampleNote(traceStatsByService(st, { traces: all }).get('cart')!) };
  };

  it('at the detail level, under the cap: the detail sample (it said "past the memory cap")', () => {
    const { st, note } = noteOf(10_000, 2);
    expect([st.level, st.floor]).toEqual([2, 2]);
    expect(traceSampleReason(st.level, st.floor)).toBe('detail');
    expect(note).toBe(` (in a sample of ${st.traceIds.length} of ${all} traces, 1 in 4: ${DETAIL})`);
  });

  it('past the cap above the detail level: both; without a detail level: the cap, as before', () => {
    const both = noteOf(300, 1);
    expect(both.st.level).toBeGreaterThan(1);
    expect(both.note).toBe(` (in a sample of ${both.st.traceIds.length} of ${all} traces, 1 in ${2 ** both.st.level}: ${DETAIL}, and ${CAP})`);
    const cap = noteOf(300, 0);
    expect(cap.note).toBe(` (in a sample of ${cap.st.traceIds.length} of ${all} traces, 1 in ${2 ** cap.st.level}: ${CAP})`);
    expect([traceSampleReason(3, 1), traceSampleReason(3, 0), traceSampleReason(0, 0)]).toEqual(['detail+cap', 'cap', 'cap']);
  });

  it('a merge keeps the run detail level (the highest of the states)', () => {
    const a = new SampledTraces(10_000, 2);
    const b = new SampledTraces(10_000, 2);
    spans.forEach((s, i) => (i < 2500 ? a : b).add(s));
    const merged = new SampledTraces(10_000);
    merged.merge(structuredClone(a.state()));
    merged.merge(structuredClone(b.state()));
    expect([merged.state().level, merged.state().floor]).toEqual([2, 2]);
    expect(new SampledTraces().state().floor).toBe(0);
  });
});

describe('trace store: a span exported twice counts once in the per-trace checks', () => {
  // One payment trace: a SERVER root and `internal` INTERNAL children of 1 ms each (all shorter
  // than 5 ms), the same file exported twice under two names (a.json, b.json) — every span stored
  // twice with the same ids, service, kind, name, times and status.
  const pay = resourceFromAttributes({ 'service.name': 'payment' });
  const TRACE = '0af7651916cd43dd8448eb211c80319c';
  function trace(internal: number, file: string): Span[] {
    const root: Span = { kind: 'span', traceId: TRACE, spanId: hex(1, 16), name: 'POST /pay', spanKind: 'server', status: { code: 'unset' }, attributes: {}, events: [], links: [], resource: pay, source: { file, line: 1 }, startNs: 1_000_000_000n, endNs: 1_100_000_000n };
    const out = [root];
    for (let i = 0; i < internal; i++) out.push({ ...root, spanId: hex(i + 2, 16), parentSpanId: root.spanId, name: `step ${i}`, spanKind: 'internal', source: { file, line: i + 2 }, startNs: 1_000_000_000n + BigInt(i) * 1_000_000n, endNs: 1_001_000_000n + BigInt(i) * 1_000_000n });
    return out;
  }
  const statsOf = (spans: Span[]) => {
    const t = new SampledTraces(10_000);
    for (const s of spans) t.add(s);
    return traceStatsByService(t.state()).get('payment')!;
  };

  it('8 INTERNAL spans stored twice are 8, in either order (they were 16: N-SPAN-INTERNAL failed)', () => {
    for (const spans of [[...trace(8, 'a.json'), ...trace(8, 'b.json')], [...trace(8, 'b.json'), ...trace(8, 'a.json')].reverse()]) {
      const st = statsOf(spans);
      // 1 root + 8 children, each once: 8 INTERNAL, 8 with a parent, none an orphan, 1 root
      expect([st.maxInternalPerTrace, st.internalExplosions, st.withParent, st.orphans, st.roots, st.traces]).toEqual([8, 0, 8, 0, 1, 1]);
    }
  });

  it('12 INTERNAL, 24 short spans stored twice: 12 and 12, the example names the first file', () => {
    const st = statsOf([...trace(12, 'b.json'), ...trace(12, 'a.json')]);
    // 12 INTERNAL children > 10: one explosion of 12; short: the 12 children of 1 ms (the root
    // is 100 ms) — 12 ≤ 20, no short explosion (24 when counted twice: it failed)
    expect([st.maxInternalPerTrace, st.internalExplosions, st.maxShortPerTrace, st.shortExplosions]).toEqual([12, 1, 12, 0]);
    expect(st.explosionExamples.map((e) => [e.file, e.line, e.note])).toEqual([['a.json', 1, '12 INTERNAL spans in this trace']]);
  });

  it('the same span id with another status or duration is no copy: both count', () => {
    const [root, child] = trace(1, 'a.json');
    const failed: Span = { ...child!, status: { code: 'error' }, source: { file: 'b.json', line: 2 } };
    const longer: Span = { ...child!, endNs: child!.endNs! + 5_000_000n, source: { file: 'c.json', line: 2 } };
    // root + child + the failed retry + the longer one: 3 INTERNAL spans, 2 of them shorter than 5 ms (the longer is 6 ms)
    const st = statsOf([root!, child!, failed, longer]);
    expect([st.maxInternalPerTrace, st.maxShortPerTrace, st.withParent]).toEqual([3, 2, 3]);
  });
});

describe('lenient trace ids across stores', () => {
  it('a Zipkin 64-bit trace stored by one thread joins the 128-bit trace of its low half stored by another', () => {
    const base = { kind: 'span' as const, name: 'get', status: { code: 'unset' as const }, attributes: {}, events: [], links: [], startNs: 1_000_000_000n, endNs: 1_002_000_000n };
    const root: Span = { ...base, traceId: '463ac35c9f6413ad48485a3953bb6124', spanId: '0000000000000001', spanKind: 'server', resource: resourceFromAttributes({ 'service.name': 'web' }), source: { file: 'a.json', line: 1 } };
    const strictChild: Span = { ...base, traceId: '48485a3953bb6124', spanId: '0000000000000002', parentSpanId: '0000000000000001', spanKind: 'server', resource: resourceFromAttributes({ 'service.name': 'api' }), source: { file: 'b.json', line: 1 } };
    const child: Span = { ...strictChild, lenientTraceId: true };
    const a = new SampledTraces();
    a.add(root);
    const b = new SampledTraces();
    b.add(child);
    expect(b.state().lenient).toEqual(['48485a3953bb6124']);
    const merged = new SampledTraces();
    merged.merge(b.state());
    merged.merge(a.state());
    const stats = traceStatsByService(merged.state());
    expect([stats.get('api')!.withParent, stats.get('api')!.orphans, stats.get('api')!.traces, stats.get('web')!.traces]).toEqual([1, 0, 1, 1]);
    // without the flag (a strict input) the child stays an orphan in a trace of its own
    const strict = new SampledTraces();
    strict.add(root);
    strict.add(strictChild);
    expect(traceStatsByService(strict.state()).get('api')!.orphans).toBe(1);
  });
});
