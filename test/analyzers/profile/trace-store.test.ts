// The trace sample behind the trace-level rules: capped at SPAN_CAP spans by a trace-hash level
// that only grows. Whatever the split of the traces between threads and the order of merging,
// the merged sample must be the one a single pass keeps — and never hold part of a trace.
import { describe, expect, it } from 'vitest';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { SPAN_CAP, TraceStore, type TraceStoreState } from '../../../analyzers/profile/trace-store.js';

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

function canonical(st: TraceStoreState): string[] {
  return st.traces.map(([id, list]) => `${id}:${list.map((s) => s[0]).sort().join(',')}`).sort();
}

describe('TraceStore merge', () => {
  // 13,000 traces of 10 spans: 130,000 spans, beyond the cap, so levels are raised.
  const traces = makeTraces(13_000, 10);
  const single = new TraceStore();
  for (const t of traces) for (const s of t) single.add(s);
  const expected = canonical(single.state());

  it('keeps whole traces only, and exactly the ones a single pass keeps, for any split and merge order', () => {
    expect(SPAN_CAP).toBeLessThan(130_000);
    expect(single.state().level).toBeGreaterThan(0);
    for (const parts of [2, 3, 7]) {
      const stores = Array.from({ length: parts }, () => new TraceStore());
      // Runs of consecutive traces go to the threads in turn, as pieces of a file do.
      traces.forEach((t, i) => {
        for (const s of t) stores[Math.floor(i / 500) % parts]!.add(s);
      });
      for (const order of [stores, [...stores].reverse()]) {
        const merged = new TraceStore();
        for (const st of order) merged.merge(st.state());
        const state = merged.state();
        for (const [, list] of state.traces) expect(list).toHaveLength(10);
        expect(canonical(state)).toEqual(expected);
        expect(state.level).toBe(single.state().level);
      }
    }
  });
});
