import { describe, expect, it } from 'vitest';
import { flapEpisodes, percentStateChange } from '../../../analyzers/profile/flapping.js';
import { thresholdAlertStates } from '../../../analyzers/profile/series-stats.js';

describe('Nagios flap detection (21 states, weights 0.8 → 1.2)', () => {
  it('weights: all 20 changes = 100 %, only the oldest change = 0.8/20 = 4 %, only the newest = 1.2/20 = 6 %', () => {
    const alternating = Array.from({ length: 21 }, (_, i) => i % 2);
    expect(percentStateChange(alternating, 20)).toBeCloseTo(100, 10);
    const oldest = [0, ...Array(20).fill(1)];
    expect(percentStateChange(oldest, 20)).toBeCloseTo(4, 10);
    const newest = [...Array(20).fill(0), 1];
    expect(percentStateChange(newest, 20)).toBeCloseTo(6, 10);
  });

  it('starts above 20 % and stops below 5 % (hysteresis)', () => {
    // 20 steady states, then 1,0,1,0,1,0: the window ending at index 25 (states 5..25) holds 6
    // changes at j = 14..19, weighing 0.8 + 0.4·j/19 each → Σ = 6.8842 → 34.42 % > 20 → flapping.
    const states = [...Array(20).fill(0), 1, 0, 1, 0, 1, 0, ...Array(30).fill(0)];
    const r = flapEpisodes(states);
    expect(r.episodes).toBe(1);
    expect(r.maxPercent).toBeCloseTo(([14, 15, 16, 17, 18, 19].reduce((a, j) => a + 0.8 + (0.4 * j) / 19, 0) * 100) / 20, 10);
    expect(r.maxPercent).toBeCloseTo(34.42, 2);
    // Stops once the weighted share drops below 5 %: the window must lose all but at most one change.
    expect(r.flappingStates).toBeGreaterThan(0);
    expect(r.flappingStates).toBeLessThan(states.length - 20);
    expect(flapEpisodes(Array(60).fill(0)).episodes).toBe(0);
  });

  it('threshold alert: a value outside trailing mean ± 3σ fires', () => {
    const xs = [...Array.from({ length: 20 }, (_, i) => 10 + (i % 2)), 10.5, 100];
    // window mean 10.5, σ 0.5 → band [9, 12]; 10.5 inside, 100 outside
    expect(thresholdAlertStates(xs, 20)).toEqual([0, 1]);
  });
});
