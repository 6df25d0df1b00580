// Seeded PRNG (mulberry32): the demo's only source of randomness, so a seed fixes every byte.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** `n` lowercase hex digits, never all zero. */
  hex(n: number): string;
}

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    exp: (mean) => -mean * Math.log(1 - next()),
    hex(n) {
      let s = '';
      while (s.length < n) s += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
      s = s.slice(0, n);
      return /^0+$/.test(s) ? '1'.padStart(n, '0') : s;
    },
  };
}
