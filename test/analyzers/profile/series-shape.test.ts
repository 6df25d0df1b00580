// The series store's shape of a series ('counter': resets and rates apply; 'gauge': jitter, flat)
// when its points disagree — one metric name written as a cumulative sum by some exports and as a
// gauge by others, same labels — was its first point's, so a split run (whose merge order decides)
// and one pass judged different rules: a 42 MB OTLP file ran N-MET-JITTER on 1 thread and not on 2
// (service score 90.4 vs 96.7). It is now the shape of the series' earliest point by time, a
// counter's at a tie. The test feeds one series whose points alternate between the two shapes in runs,
// in an order unrelated to time, to one store, in reverse, and split into 2..5 shuffled parts merged
// in a shuffled order; the expected shape is the one of the point with the earliest time (by
// construction: the generator knows it).
import { describe, expect, it } from 'vitest';
import { SeriesStore, type SeriesStoreState } from '../../../analyzers/profile/series-store.js';
import { emptyResource, type MetricPoint } from '../../../analyzers/model/index.js';
import { mulberry32, shuffle } from '../../helpers/prng.js';

const T0 = 1_764_000_000_000_000_000n;
const resource = { ...emptyResource(), serviceName: 'api' };

function point(i: number, counter: boolean, line: number): MetricPoint {
  const base = { kind: 'metric', name: 'http.requests', unit: '1', labels: { route: '/a' }, timeNs: T0 + BigInt(i) * 5_000_000_000n, value: i, exemplars: [], resource, source: { file: 'm.jsonl', line } };
  return (counter ? { ...base, type: 'counter', temporality: 'cumulative', monotonic: true } : { ...base, type: 'gauge', temporality: 'unspecified' }) as MetricPoint;
}

function fed(points: MetricPoint[]): SeriesStoreState {
  const s = new SeriesStore();
  for (const p of points) s.add(p);
  return s.state();
}

const shapes = (st: SeriesStoreState) => st.series.map((x) => [x.key, x.shape, x.times.length]);

describe('the shape of a series whose points disagree', () => {
  for (const earliest of ['counter', 'gauge'] as const) {
    it(`is its earliest point's (${earliest}), whatever the order and the split`, () => {
      const rnd = mulberry32(earliest === 'counter' ? 1 : 2);
      // times 0..399 in runs of 50 of one shape, the run at time 0 of shape `earliest`; read in a
      // shuffled order, so the first point read is of either shape
      const list = Array.from({ length: 400 }, (_, i) => point(i, (Math.floor(i / 50) % 2 === 0) === (earliest === 'counter'), i + 1));
      const order = shuffle(list, rnd);
      const one = fed(order);
      expect(one.series).toHaveLength(1);
      expect(one.series[0]!.shape).toBe(earliest);
      expect(shapes(fed([...order].reverse()))).toEqual(shapes(one));
      for (let parts = 2; parts <= 5; parts++) {
        const shuffled = shuffle(list, rnd);
        const states = Array.from({ length: parts }, (_, k) => fed(shuffled.filter((_, i) => i % parts === k)));
        const merged = new SeriesStore();
        for (const s of shuffle(states, rnd)) merged.merge(s);
        expect(shapes(merged.state())).toEqual(shapes(one));
      }
    });
  }
  it('at a tie of times, a counter', () => {
    const a = point(0, false, 1);
    const b = point(0, true, 2);
    expect(fed([a, b]).series[0]!.shape).toBe('counter');
    expect(fed([b, a]).series[0]!.shape).toBe('counter');
  });
});
