import { describe, expect, it } from 'vitest';
import { analyzeSeries, lag1Autocorrelation } from '../../../analyzers/profile/series-stats.js';

describe('series shape statistics', () => {
  it('intervals: median, gaps (> 2 × median) and CV of the gap-free intervals', () => {
    // intervals 10,10,10,50,10,12 → median 10; 50 is a gap; regular mean 52/5 = 10.4
    const times = [0, 10, 20, 30, 80, 90, 102];
    const s = analyzeSeries(times, times.map(() => 1), 'gauge');
    expect(s.medianIntervalMs).toBe(10);
    expect(s.gaps).toBe(1);
    const m = 10.4;
    const sd = Math.sqrt((4 * (10 - m) ** 2 + (12 - m) ** 2) / 5);
    expect(s.intervalCv).toBeCloseTo(sd / m, 12);
  });

  it('counters: a decrease is a reset and the rate restarts from the new value', () => {
    const times = [0, 1000, 2000, 3000, 4000];
    const s = analyzeSeries(times, [10, 20, 30, 5, 15], 'counter');
    expect(s.resets).toBe(1);
    expect(s.derived).toBe(4); // rates 10,10,5,10 per second
  });

  it('flat: ≥ 10 equal values; jittery needs CV > 0.25 and lag-1 autocorrelation < 0.2', () => {
    const t = Array.from({ length: 30 }, (_, i) => i * 1000);
    expect(analyzeSeries(t.slice(0, 10), Array(10).fill(3), 'gauge').flat).toBe(true);
    expect(analyzeSeries(t.slice(0, 9), Array(9).fill(3), 'gauge').flat).toBe(null);
    const alternating = t.map((_, i) => (i % 2 ? 1 : 10));
    const j = analyzeSeries(t, alternating, 'gauge');
    expect(j.lag1).toBeLessThan(-0.9);
    expect(j.jittery).toBe(true);
    const ramp = analyzeSeries(t, t.map((x) => x / 1000), 'gauge');
    expect(ramp.jittery).toBe(false);
  });

  it('lag-1 autocorrelation by hand: [1,2,3,4] → (−1.5·−0.5 + −0.5·0.5 + 0.5·1.5)/5 = 0.25', () => {
    expect(lag1Autocorrelation([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
    expect(lag1Autocorrelation([2, 2, 2])).toBe(null);
  });
});
