// A metric series' bucket keeps the last value read in it (a cumulative counter's increase per
// bucket is read from it: metric-series.ts). Points of one series at the same millisecond (two
// exporters of one counter without an attribute that tells them apart, a retried export) made
// "last" the one read last, so a split run, whose merge order decides, and one pass disagreed.
// At the same ms the larger value is the last now, in add and in merge alike. The test feeds one
// counter's points — 3 values at each of 200 milliseconds — in order, in reverse, and split into
// 2..5 shuffled parts merged in a shuffled order, and expects the same buckets; the expected last
// value of each bucket is the largest of its last millisecond's values (by construction here).
import { describe, expect, it } from 'vitest';
import { CorrelationCollector, type CorrelationState } from '../../../analyzers/correlation/collector.js';
import { emptyResource, type MetricPoint } from '../../../analyzers/model/index.js';
import { mulberry32, shuffle } from '../../helpers/prng.js';

/** (a multiple of the 10 s bucket width: bucket b holds the points 4b..4b+3) */
const T0_MS = 1_700_000_000_000;

function counter(ms: number, value: number, line: number): MetricPoint {
  return { kind: 'metric', name: 'jobs.done', type: 'counter', temporality: 'cumulative', unit: '1', labels: { job: 'a' }, timeNs: BigInt(ms) * 1_000_000n, value, exemplars: [], resource: { ...emptyResource(), serviceName: 'worker' }, source: { file: 'm.jsonl', line } } as MetricPoint;
}

function fed(points: MetricPoint[]): CorrelationState {
  const c = new CorrelationCollector();
  for (const p of points) c.add(p);
  return c.state();
}

const buckets = (s: CorrelationState) => Object.values(s.metrics.series).map((x) => Object.entries(x.buckets).sort((a, b) => Number(a[0]) - Number(b[0])));

describe('a series bucket\'s last value at a tie of milliseconds', () => {
  const rnd = mulberry32(5);
  const points: MetricPoint[] = [];
  // (one point every 2.5 s: 4 ms per 10 s bucket; at each ms 3 values, in an order unrelated to size)
  for (let i = 0; i < 200; i++) for (const v of shuffle([i * 10, i * 10 + 3, i * 10 + 7], rnd)) points.push(counter(T0_MS + i * 2500, v, points.length + 1));
  const one = fed(points);

  it('is the largest value of the bucket\'s last millisecond', () => {
    const [series] = buckets(one);
    expect(series).toHaveLength(50);
    series!.forEach(([, st], b) => {
      expect(st[4]).toBe(T0_MS + (4 * b + 3) * 2500);
      expect(st[5]).toBe((4 * b + 3) * 10 + 7);
    });
  });

  it('is the same read in reverse, and split into 2..5 shuffled parts merged in any order', () => {
    expect(buckets(fed([...points].reverse()))).toEqual(buckets(one));
    for (let parts = 2; parts <= 5; parts++) {
      const shuffled = shuffle(points, rnd);
      const states = Array.from({ length: parts }, (_, k) => fed(shuffled.filter((_, i) => i % parts === k)));
      const merged = new CorrelationCollector();
      for (const s of shuffle(states, rnd)) merged.merge(s);
      expect(buckets(merged.state())).toEqual(buckets(one));
    }
  });
});
