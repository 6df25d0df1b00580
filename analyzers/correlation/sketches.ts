// Small mergeable summaries for correlation: a log-bucket latency histogram, a Bloom filter for
// span ids past the exact cap, and robust statistics (median, IQR) over plain arrays.

/** 32-bit FNV-1a with a murmur3 finaliser. */
export function hash32(s: string, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Latency histogram: bucket i holds values in (2^((i-1)/8), 2^(i/8)] µs, i.e. ~9 % wide, so a
// quantile read from it is within ~4.5 % of the true value. Sparse: {bucket: count}.
const PER_OCTAVE = 8;

export type LatencyHistogram = Record<number, number>;

export function addLatency(h: LatencyHistogram, durationUs: number, n = 1): void {
  const i = durationUs <= 1 ? 0 : Math.ceil(Math.log2(durationUs) * PER_OCTAVE);
  h[i] = (h[i] ?? 0) + n;
}

export function mergeLatency(into: LatencyHistogram, from: LatencyHistogram): void {
  for (const [k, v] of Object.entries(from)) into[Number(k)] = (into[Number(k)] ?? 0) + v;
}

export function histogramCount(h: LatencyHistogram): number {
  let n = 0;
  for (const v of Object.values(h)) n += v;
  return n;
}

/** Quantile in µs (geometric middle of the bucket), null when empty. */
export function latencyQuantile(h: LatencyHistogram, q: number): number | null {
  const keys = Object.keys(h).map(Number).sort((a, b) => a - b);
  const total = histogramCount(h);
  if (total === 0) return null;
  const rank = q * (total - 1);
  let seen = 0;
  for (const k of keys) {
    seen += h[k]!;
    if (seen > rank) return k === 0 ? 1 : 2 ** ((k - 0.5) / PER_OCTAVE);
  }
  return 2 ** ((keys[keys.length - 1]! - 0.5) / PER_OCTAVE);
}

// Bloom filter: m bits, k hash functions by double hashing. Sized for `capacity` items at the
// target false-positive rate: m = −n·ln p / (ln 2)², k = (m/n)·ln 2.
export interface BloomState {
  bits: number;
  hashes: number;
  /** Typed: a 20M-id filter is 24 MB as one block, cloned between threads without per-element cost. */
  words: Int32Array;
  items: number;
}

export function createBloom(capacity: number, falsePositiveRate: number): BloomState {
  const bits = Math.max(64, Math.ceil((-capacity * Math.log(falsePositiveRate)) / Math.LN2 ** 2));
  const hashes = Math.max(1, Math.round((bits / capacity) * Math.LN2));
  return { bits, hashes, words: new Int32Array(Math.ceil(bits / 32)), items: 0 };
}

export function bloomAdd(b: BloomState, key: string): void {
  const h1 = hash32(key, 0x9747b28c);
  const h2 = hash32(key, 0x5bd1e995) | 1;
  for (let i = 0; i < b.hashes; i++) {
    const bit = (h1 + Math.imul(i, h2)) >>> 0;
    const idx = bit % b.bits;
    b.words[idx >>> 5] = b.words[idx >>> 5]! | (1 << (idx & 31));
  }
  b.items++;
}

export function bloomHas(b: BloomState, key: string): boolean {
  const h1 = hash32(key, 0x9747b28c);
  const h2 = hash32(key, 0x5bd1e995) | 1;
  for (let i = 0; i < b.hashes; i++) {
    const idx = ((h1 + Math.imul(i, h2)) >>> 0) % b.bits;
    if ((b.words[idx >>> 5]! & (1 << (idx & 31))) === 0) return false;
  }
  return true;
}

/** OR another filter of the same shape into `b`. */
export function bloomMerge(b: BloomState, other: BloomState): void {
  for (let i = 0; i < b.words.length; i++) b.words[i] = b.words[i]! | (other.words[i] ?? 0);
  b.items += other.items;
}

/** Expected false-positive rate with the items inserted so far: (1 − e^(−kn/m))^k. */
export function bloomFalsePositiveRate(b: BloomState): number {
  return (1 - Math.exp((-b.hashes * b.items) / b.bits)) ** b.hashes;
}

export function median(sorted: number[]): number {
  return quantileSorted(sorted, 0.5);
}

/** Linear-interpolated quantile of an ascending array (type 7, as numpy's default). */
export function quantileSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface RobustBaseline {
  median: number;
  iqr: number;
}

export function robustBaseline(values: number[]): RobustBaseline {
  const s = [...values].sort((a, b) => a - b);
  return { median: quantileSorted(s, 0.5), iqr: quantileSorted(s, 0.75) - quantileSorted(s, 0.25) };
}
