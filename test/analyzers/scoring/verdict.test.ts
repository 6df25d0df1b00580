// The data-sufficiency reason of the verdict: the range it states must agree with the threshold.
import { describe, expect, it } from 'vitest';
import { MIN_RANGE_MS, formatRange, insufficiency } from '../../../analyzers/scoring/verdict.js';

describe('insufficiency', () => {
  it('never states a range that reads as the threshold it failed', () => {
    // 300 records over 4 min 59 s (a log per second) said "covers 5.0 min (at least 5 min …)".
    expect(insufficiency({ records: 300, rangeMs: MIN_RANGE_MS - 1000 })).toBe('the data covers 4.9 min (at least 5 min are needed to judge noise and behaviour over time)');
    expect(insufficiency({ records: 300, rangeMs: MIN_RANGE_MS - 1 })).toMatch(/covers 4\.9 min/);
    expect(insufficiency({ records: 300, rangeMs: MIN_RANGE_MS })).toBeUndefined();
  });

  it('formats ranges rounded down', () => {
    expect(formatRange(999.9)).toBe('999 ms');
    expect(formatRange(1999)).toBe('1.9 s');
    expect(formatRange(119_999)).toBe('119.9 s');
    expect(formatRange(120_000)).toBe('2.0 min');
  });
});
