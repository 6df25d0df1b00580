// The copy rule shared by the profile's trace store and the correlation's trace sample: a span
// exported twice (same id, relation, parent, service, kind — unspecified ≡ internal —, name up to
// case, start within 1 ms, duration within 1 µs, status) counts once; an unended copy gives way to
// the ended span; another outcome is another span. Expected counts written by hand per case.
import { describe, expect, it } from 'vitest';
import { withoutSpanCopies, type SpanCopyFields } from '../../../analyzers/analysis/span-copies.js';

const base: SpanCopyFields = { spanId: 'b1', relation: 0, parentId: 'a1', service: 'backend', kind: 'S', name: 'GET /x', startMs: 1000, durUs: 5000, err: 0 };
const run = (list: SpanCopyFields[]) => withoutSpanCopies(list, (s) => s);

describe('withoutSpanCopies', () => {
  it('keeps the first of identical spans and counts the copies', () => {
    const r = run([base, { ...base }, { ...base }]);
    expect([r.kept.length, r.copies]).toEqual([1, 2]);
    expect(r.kept[0]).toBe(base);
  });

  it('within the tolerances it is a copy: start ±1 ms, duration ±1 µs, name case, unspecified vs internal', () => {
    const r = run([{ ...base, kind: 'I' }, { ...base, kind: 'U', startMs: 1000.9, durUs: 5001, name: 'get /x' }]);
    expect([r.kept.length, r.copies]).toEqual([1, 1]);
  });

  it('another status, duration, parent, service, relation or start is another span', () => {
    const others: SpanCopyFields[] = [{ ...base, err: 1 }, { ...base, durUs: 5002 }, { ...base, parentId: 'a2' }, { ...base, service: 'api' }, { ...base, relation: 1 }, { ...base, startMs: 1002 }];
    const r = run([base, ...others]);
    // 7 spans, none a copy of another
    expect([r.kept.length, r.copies]).toEqual([7, 0]);
    expect(r.kept).toEqual([base, ...others]);
  });

  it('an unended copy gives way to the ended span, in either order; a span without a start is never a copy', () => {
    const open = { ...base, durUs: -1 };
    for (const list of [[open, base], [base, open]]) {
      const r = run(list);
      expect([r.kept, r.copies]).toEqual([[base], 1]);
    }
    const noStart = { ...base, startMs: NaN };
    expect(run([noStart, { ...noStart }]).copies).toBe(0);
  });
});
