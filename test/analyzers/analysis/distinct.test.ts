import { describe, expect, it } from 'vitest';
import { DistinctCounter, keyDigest } from '../../../analyzers/analysis/distinct.js';

describe('DistinctCounter', () => {
  it('is exact under the cap', () => {
    const d = new DistinctCounter(100);
    for (let i = 0; i < 250; i++) d.add(String(i % 50));
    expect(d.count()).toBe(50);
    expect(d.approximate).toBe(false);
  });

  it('switches to HyperLogLog past the cap with < 3% error', () => {
    const d = new DistinctCounter(1000);
    for (let i = 0; i < 200_000; i++) d.add(`trace-${i}`);
    expect(d.approximate).toBe(true);
    expect(Math.abs(d.count() - 200_000) / 200_000).toBeLessThan(0.03);
  });

  it('merges exact and sketched states to the same estimate regardless of order', () => {
    const a = new DistinctCounter(1000);
    const b = new DistinctCounter(1000);
    for (let i = 0; i < 5000; i++) a.add(`x${i}`);
    for (let i = 2500; i < 7500; i++) b.add(`x${i}`);
    const ab = new DistinctCounter(1000);
    ab.merge(a.state());
    ab.merge(b.state());
    const ba = new DistinctCounter(1000);
    ba.merge(b.state());
    ba.merge(a.state());
    expect(ab.count()).toBe(ba.count());
    expect(Math.abs(ab.count() - 7500) / 7500).toBeLessThan(0.03);
  });
});

describe('keyDigest', () => {
  it('is 32 lowercase hex, the same for the same key, and stored packed by a DistinctCounter', () => {
    const k = 'm\u0001pod\u0002pod-1\u0003svc\u0003';
    expect(keyDigest(k)).toMatch(/^[0-9a-f]{32}$/);
    expect(keyDigest(k)).toBe(keyDigest(['m', '\u0001pod', '\u0002pod-1', '\u0003svc\u0003'].join('')));
    expect(keyDigest(k)).not.toBe(keyDigest(k + ' '));
    expect(keyDigest('')).not.toBe(keyDigest('\u0000'));
    const d = new DistinctCounter(1_000_000);
    // near keys (one character apart, permutations, prefixes): no two share a digest
    for (let i = 0; i < 100_000; i++) {
      d.add(keyDigest(`app_metric_${i % 97}\u0001pod\u0002pod-${i}`));
      d.add(keyDigest(`app_metric_${i % 97}\u0001pod\u0002pod-${i}`));
    }
    for (let i = 0; i < 1000; i++) d.add(keyDigest('x'.repeat(i)));
    expect(d.count()).toBe(101_000);
    expect(d.approximate).toBe(false);
    expect(d.state().exact?.other.length).toBe(0);
  });
});
