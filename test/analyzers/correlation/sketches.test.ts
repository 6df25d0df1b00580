// The Bloom filter's false-positive rate is read from its bits: the mean over 512-bit blocks of
// (share of the block's bits set)^k. It is in the report (correlation.traces.spanIdIndex), so a
// faster way to compute it must give the same number to the last bit.
import { describe, expect, it } from 'vitest';
import { bloomAdd, bloomFalsePositiveRate, createBloom, type BloomState } from '../../../analyzers/correlation/sketches.js';

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
