// The Bloom filter's false-positive rate is read from its bits: the mean over 512-bit blocks of
// (share of the block's bits set)^k. It is in the report (correlation.traces.spanIdIndex), so a
// faster way to compute it must give the same number to the last bit.
import { describe, expect, it } from 'vitest';
import { bloomAdd, bloomFalsePositiveRate, createBloom, robustBaseline, robustBaselineOfSorted, SlidingSorted, type BloomState } from '../../../analyzers/correlation/sketches.js';

/** The definition, computed the plain way (bit by bit). */
function reference(b: BloomState): number {
  const blocks = b.bits / 512;
  let sum = 0;
  for (let blk = 0; blk < blocks; blk++) {
    let set = 0;
    for (let bit = 0; bit < 512; bit++) if ((b.words[blk * 16 + (bit >>> 5)]! >>> (bit & 31)) & 1) set++;
    if (set > 0) sum += (set / 512) ** b.hashes;
  }
  return sum / blocks;
}

describe('bloomFalsePositiveRate', () => {
  it('is 0 for an empty filter', () => {
    expect(bloomFalsePositiveRate(createBloom(1000, 0.01))).toBe(0);
  });

  it('equals the definition exactly, from a few ids to an overfull filter (every block full)', () => {
    for (const n of [1, 37, 1000, 5000, 200_000]) {
      const b = createBloom(1000, 0.01);
      for (let i = 0; i < n; i++) bloomAdd(b, `s:${(i * 2654435761 >>> 0).toString(16).padStart(16, '0')}`);
      const rate = bloomFalsePositiveRate(b);
      expect(rate).toBe(reference(b));
      expect(rate).toBeGreaterThan(0);
      if (n === 200_000) expect(rate).toBe(1);
    }
  });
});

// Symptom detection reads each bucket's baseline (the 30 values before it) from a window kept
// sorted as it slides instead of sorting it anew: the window must be the stable sort of those
// values exactly (equal values, −0 and 0 among them, in the order they came), so that the median
// and IQR — in the report's symptom evidence — are the same to the last bit.
describe('SlidingSorted', () => {
  it('is the sorted window at every position, equal values in arrival order', () => {
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const pool of [[0, -0, 1, 1, 2], [3.5, 3.5, -1, 0, -0, 1e-9, 2 ** 40], [0.1, 0.2, 0.30000000000000004, 0.3]]) {
      const values = Array.from({ length: 400 }, () => pool[Math.floor(rand() * pool.length)]!);
      const w = new SlidingSorted();
      for (let i = 0; i < values.length; i++) {
        if (i >= 30) w.removeOldest(values[i - 30]!);
        w.add(values[i]!);
        const expected = values.slice(Math.max(0, i - 29), i + 1).sort((a, b) => a - b);
        // (toEqual tells −0 from 0, as Object.is does)
        expect(w.sorted).toEqual(expected);
        expect(robustBaselineOfSorted(w.sorted)).toEqual(robustBaseline(values.slice(Math.max(0, i - 29), i + 1)));
      }
    }
  });
});
