// The point key memo returns exactly what its function computes, for any sequence of points:
// a hit needs the same labels object, the same resource object and the same name.
import { describe, expect, it } from 'vitest';
import { PointKeyMemo } from '../../../analyzers/profile/point-key-memo.js';
import { emptyResource, type MetricPoint } from '../../../analyzers/model/index.js';

function point(name: string, labels: Record<string, string>, resource = emptyResource()): MetricPoint {
  return { kind: 'metric', name, type: 'gauge', temporality: 'unspecified', labels, value: 1, exemplars: [], resource, source: { file: 'f' } };
}
const compute = (p: MetricPoint) => `${p.name}{${Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(',')}}@${p.resource.serviceName ?? ''}`;

describe('PointKeyMemo', () => {
  it('gives the computed key for every point, computing again only for new identities', () => {
    let calls = 0;
    const memo = new PointKeyMemo((p) => (calls++, compute(p)));
    const a = { host: 'a' };
    const b = { host: 'b' };
    const r1 = { ...emptyResource(), serviceName: 'checkout' };
    const r2 = { ...emptyResource(), serviceName: 'cart' };
    const seq = [point('cpu', a, r1), point('cpu', a, r1), point('mem', a, r1), point('cpu', b, r1), point('cpu', a, r2), point('cpu', { host: 'a' }, r1), point('cpu', a, r1)];
    expect(seq.map((p) => memo.key(p))).toEqual(seq.map(compute));
    // New: cpu/a/r1, mem/a/r1, cpu/b/r1, cpu/a/r2, cpu/{host:a} (another object)/r1 → 5 computations.
    expect(calls).toBe(5);
  });

  it('more series than slots in turn: still exact', () => {
    const memo = new PointKeyMemo(compute);
    const labels = Array.from({ length: 20 }, (_, i) => ({ i: String(i) }));
    const r = emptyResource();
    for (let round = 0; round < 3; round++) for (const l of labels) expect(memo.key(point('x', l, r))).toBe(compute(point('x', l, r)));
  });

  it('steps aside while points share nothing, and comes back: keys exact throughout', () => {
    let calls = 0;
    const memo = new PointKeyMemo((p) => (calls++, compute(p)));
    const r = emptyResource();
    // 300 points with fresh labels: 256 misses close a window with no hits, so the memo is off
    // for the next 16,384 points (the other 44 fresh ones and 16,340 of the shared ones).
    for (let i = 0; i < 300; i++) {
      const p = point('x', { i: String(i) }, r);
      expect(memo.key(p)).toBe(compute(p));
    }
    const shared = { host: 'a' };
    for (let i = 0; i < 20_000; i++) expect(memo.key(point('x', shared, r))).toBe('x{host=a}@');
    // 256 + 44 + 16,340 computed while off or missing, then one miss, then hits.
    expect(calls).toBe(256 + 44 + 16_340 + 1);
  });
});
