import { describe, expect, it } from 'vitest';
import { ShapeCache } from '../../../analyzers/profile/shape-cache.js';
import { TemplateMiner } from '../../../analyzers/profile/template-miner.js';
import { mulberry32 } from '../../helpers/prng.js';

const rng = mulberry32;

/** `n` spelt in letters (a → 0, b → 1 … base 26). */
function letters(n: number): string {
  let s = '';
  do {
    s += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

/**
 * The old behaviour, written independently: a map keyed by (fingerprint, length) that is emptied
 * before a store when it holds `max` shapes. The old table was allocated at full size, so its
 * answers were exactly those of such a map (fingerprints are its only key).
 */
class ReferenceCache<T> {
  private map = new Map<string, T>();
  get size(): number {
    return this.map.size;
  }
  constructor(private readonly max: number) {}
  get(h1: number, h2: number, len: number): T | undefined {
    return this.map.get(`${h1},${h2},${len}`);
  }
  set(h1: number, h2: number, len: number, v: T): void {
    if (this.map.size >= this.max) this.map = new Map();
    this.map.set(`${h1},${h2},${len}`, v);
  }
}

describe('ShapeCache growth', () => {
  it('starts at 64 slots, doubles while filling, never past 2 × max rounded up to a power of two', () => {
    const cache = new ShapeCache<number>(16384);
    expect(cache.capacity).toBe(64);
    const buf = new Int32Array(4);
    const seen: number[] = [64];
    for (let n = 0; n < 40_000; n++) {
      buf[0] = n;
      buf[1] = n * 7;
      cache.hash(buf, 2);
      if (cache.get(8) === undefined) cache.set(8, n);
      if (cache.capacity !== seen[seen.length - 1]) seen.push(cache.capacity);
      // at most half full (the stored count since the last emptying is n % 16384 + 1)
      expect((n % 16384) + 1).toBeLessThanOrEqual(cache.capacity / 2);
    }
    // 64 → 32768 by doubling (2 × 16384 = 32768), and it stays there once emptied
    expect(seen).toEqual([64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768]);
  });

  it('a small cap starts at its full size; initialSlots rounds up to a power of two', () => {
    expect(new ShapeCache<number>(16384, Infinity).capacity).toBe(32768);
    expect(new ShapeCache<number>(16384, 100).capacity).toBe(128);
    expect(new ShapeCache<number>(1).capacity).toBe(16);
    expect(new ShapeCache<number>(20).capacity).toBe(64);
  });

  it('answers as the old full-size table did on a generated workload (hits, misses, emptying)', () => {
    const max = 1000;
    const cache = new ShapeCache<number>(max);
    const ref = new ReferenceCache<number>(max);
    const rand = rng(42);
    const buf = new Int32Array(64);
    let hits = 0;
    let empties = 0;
    for (let n = 0; n < 60_000; n++) {
      // shapes from a skewed pool of 3,000 (some recur often, most rarely), 1–40 words
      const id = Math.floor(3000 * rand() ** 3);
      const words = 1 + (id % 40);
      for (let i = 0; i < words; i++) buf[i] = Math.imul(id + 1, 0x9e3779b1) ^ (i * 0x85ebca6b);
      const len = words * 2 - (id & 1);
      cache.hash(buf, words);
      const got = cache.get(len);
      const want = ref.get(cache.hashLow, cache.hashHigh, len);
      expect(got).toBe(want);
      if (got === undefined) {
        if (ref.size >= max) empties++;
        cache.set(len, id);
        ref.set(cache.hashLow, cache.hashHigh, len, id);
      } else {
        expect(got).toBe(id);
        hits++;
      }
    }
    // the workload exercises both hits and the emptying at the cap
    expect(hits).toBeGreaterThan(10_000);
    expect(empties).toBeGreaterThan(3);
  });

  it('template mining gives the same ids and templates with the growing table as with a full-size one', () => {
    // The old behaviour is a table allocated at its full size (initialSlots = Infinity).
    const rand = rng(7);
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const k = Math.floor(3000 * rand() ** 2);
      // words of letters only (digits would be masked as variables): many distinct shapes
      const words = Array.from({ length: 2 + (k % 11) }, (_, j) => letters((k * 31 + j * 7) % 400)).join(' ');
      lines.push(`${words} took ${Math.floor(rand() * 1000)} ms user=u${Math.floor(rand() * 50)}`);
    }
    const mine = (miner: TemplateMiner) => {
      const ids = lines.map((l) => miner.add(l).group).map((g) => miner.resolveGroup(g));
      return { ids, templates: miner.templates() };
    };
    const grown = new TemplateMiner({ header: 'none' });
    const full = new TemplateMiner({ header: 'none' });
    (full as unknown as { cache: ShapeCache<unknown> }).cache = new ShapeCache(16384, Infinity);
    expect((full as unknown as { cache: ShapeCache<unknown> }).cache.capacity).toBe(32768);
    const a = mine(grown);
    expect((grown as unknown as { cache: ShapeCache<unknown> }).cache.capacity).toBeGreaterThan(64);
    expect(a).toEqual(mine(full));
    expect(new Set(a.ids).size).toBeGreaterThan(100);
  });
});
