// A correlation metric series whose points disagree — one name written as a cumulative sum by some
// exports and as a gauge by others, same labels and service — took the type, temporality and unit of
// the first point read, so a split run (whose merge order decides) and one pass replayed it
// differently: a 42 MB OTLP file showed a metric-anomaly symptom on 1 thread that 2 threads did not.
// It now takes those of its earliest point by time (a cumulative counter's at a tie). The test feeds
// one series whose points alternate between the two kinds in runs, shuffled, to one collector, in
// reverse, and split into 2..5 shuffled parts merged in a shuffled order, and expects the same
// series; the expected kind is the earliest point's (the generator knows it).
import { describe, expect, it } from 'vitest';
import { CorrelationCollector, type CorrelationState } from '../../../analyzers/correlation/collector.js';
import { emptyResource, type MetricPoint } from '../../../analyzers/model/index.js';
import { mulberry32, shuffle } from '../../helpers/prng.js';

const T0_MS = 1_700_000_000_000;
const resource = { ...emptyResource(), serviceName: 'api' };

function point(i: number, counter: boolean, line: number): MetricPoint {
  const base = { kind: 'metric', name: 'http.requests', labels: { route: '/a' }, timeNs: BigInt(T0_MS + i * 5000) * 1_000_000n, value: i * 3, exemplars: [], resource, source: { file: 'm.jsonl', line } };
  return (counter ? { ...base, type: 'counter', temporality: 'cumulative', unit: '{request}' } : { ...base, type: 'gauge', temporality: 'unspecified', unit: '1' }) as MetricPoint;
}

function fed(points: MetricPoint[]): CorrelationState {
  const c = new CorrelationCollector();
  for (const p of points) c.add(p);
  return c.state();
}

const series = (s: CorrelationState) => Object.values(s.metrics.series).map((x) => ({ ...x, buckets: Object.entries(x.buckets).sort((a, b) => Number(a[0]) - Number(b[0])) }));

describe('a metric series whose points disagree on type and temporality', () => {
  for (const counterFirst of [true, false]) {
    it(`takes its earliest point's (${counterFirst ? 'a cumulative counter' : 'a gauge'}), whatever the order and the split`, () => {
      const rnd = mulberry32(counterFirst ? 3 : 4);
      const list = Array.from({ length: 400 }, (_, i) => point(i, (Math.floor(i / 50) % 2 === 0) === counterFirst, i + 1));
      const order = shuffle(list, rnd);
      const one = fed(order);
      const [s] = series(one);
      expect(s).toMatchObject(counterFirst ? { type: 'counter', cumulative: true, unit: '{request}' } : { type: 'gauge', cumulative: false, unit: '1' });
      expect(series(fed([...order].reverse()))).toEqual(series(one));
      for (let parts = 2; parts <= 5; parts++) {
        const shuffled = shuffle(list, rnd);
        const states = Array.from({ length: parts }, (_, k) => fed(shuffled.filter((_, i) => i % parts === k)));
        const merged = new CorrelationCollector();
        for (const st of shuffle(states, rnd)) merged.merge(st);
        expect(series(merged.state())).toEqual(series(one));
      }
    });
  }
  it('at a tie of times, a cumulative counter', () => {
    const a = point(0, false, 1);
    const b = point(0, true, 2);
    expect(series(fed([a, b]))[0]).toMatchObject({ type: 'counter', cumulative: true });
    expect(series(fed([b, a]))[0]).toMatchObject({ type: 'counter', cumulative: true });
  });
});
