// Small mergeable summaries for correlation: a log-bucket latency histogram, a Bloom filter for
// span ids past the exact cap, and robust statistics (median, IQR) over plain arrays.
import { hashIdWords, parseHexId } from '../profile/id-set.js';
import { hash32 } from '../profile/hash.js';


// Latency histogram: bucket i holds values in (2^((i-1)/8), 2^(i/8)] µs, i.e. ~9 % wide, so a
// quantile read from it is within ~4.5 % of the true value. Sparse: bucket → count. (A Map, not an
// object keyed by bucket: an object given one key ~130 — a 100 ms duration — stores its elements as
// a holey array of ~200 slots, 1.8 KB for one count, and the symptom series hold a histogram per
// service and time bucket: 240 MB of heap to collect for a day of a 500 MB export.)
const PER_OCTAVE = 8;

export type LatencyHistogram = Map<number, number>;

export function addLatency(h: LatencyHistogram, durationUs: number, n = 1): void {
  const i = durationUs <= 1 ? 0 : Math.ceil(Math.log2(durationUs) * PER_OCTAVE);
  h.set(i, (h.get(i) ?? 0) + n);
}

export function mergeLatency(into: LatencyHistogram, from: LatencyHistogram): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

export function histogramCount(h: LatencyHistogram): number {
  let n = 0;
  for (const v of h.values()) n += v;
  return n;
}

/** Quantile in µs (geometric middle of the bucket), null when empty. */
export function latencyQuantile(h: LatencyHistogram, q: number): number | null {
  const keys: number[] = [];
  let total = 0;
  for (const [k, n] of h) {
    keys.push(k);
    total += n;
  }
  if (total === 0) return null;
  keys.sort((a, b) => a - b);
  const rank = q * (total - 1);
  let seen = 0;
  for (const k of keys) {
    seen += h.get(k)!;
    if (seen > rank) return k === 0 ? 1 : 2 ** ((k - 0.5) / PER_OCTAVE);
  }
  return 2 ** ((keys[keys.length - 1]! - 0.5) / PER_OCTAVE);
}

// Bloom filter, blocked: the m bits are cut into 512-bit blocks (one cache line); a key picks a
// block by one hash and sets its k bits inside that block from a xorshift stream seeded by a second, so an
// add or a lookup touches one cache line instead of k random ones in a 24 MB array. Blocking
// costs some accuracy, so the filter is sized by the blocked false-positive rate, not the classic
// m = −n·ln p / (ln 2)², k = (m/n)·ln 2 (which is only the starting point).
// Keys "<kind>:<id>" whose id is 16 or 32 lowercase hex are hashed from the id's packed words
// (no string hashing, no string building when ids come out of an IdSet).
export interface BloomState {
  bits: number;
  hashes: number;
  /** Typed: a 20M-id filter is 24 MB as one block, cloned between threads without per-element cost. */
  words: Int32Array;
  items: number;
}

const BLOCK_BITS = 512;
const BLOCK_WORDS = BLOCK_BITS / 32;
const SEED_BLOCK = 0x9747b28c;
const SEED_BITS = 0x5bd1e995;

/** False-positive rate of a blocked filter: Σ over the Poisson load j of a block of the in-block rate. */
function blockedFalsePositiveRate(bits: number, hashes: number, items: number): number {
  const blocks = Math.max(1, Math.floor(bits / BLOCK_BITS));
  const lambda = items / blocks;
  if (lambda === 0) return 0;
  const hi = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 20);
  let p = Math.exp(-lambda); // P(load = 0)
  let sum = 0;
  for (let j = 0; j <= hi; j++) {
    if (j > 0) p *= lambda / j;
    sum += p * (1 - (1 - 1 / BLOCK_BITS) ** (hashes * j)) ** hashes;
  }
  return sum;
}

export function createBloom(capacity: number, falsePositiveRate: number): BloomState {
  const classic = Math.max(BLOCK_BITS, Math.ceil((-capacity * Math.log(falsePositiveRate)) / Math.LN2 ** 2));
  const hashes = Math.max(1, Math.round((classic / capacity) * Math.LN2));
  let blocks = Math.ceil(classic / BLOCK_BITS);
  while (blockedFalsePositiveRate(blocks * BLOCK_BITS, hashes, capacity) > falsePositiveRate) blocks = Math.ceil(blocks * 1.01) + 1;
  return { bits: blocks * BLOCK_BITS, hashes, words: new Int32Array(blocks * BLOCK_WORDS), items: 0 };
}

function keyHashes(key: string): void {
  const w = key.length > 2 && key.charCodeAt(1) === 58 ? parseHexId(key, 2) : 0;
  if (w > 0) {
    const kind = key.charCodeAt(0);
    keyH[0] = hashIdWords(w, SEED_BLOCK ^ kind);
    keyH[1] = hashIdWords(w, SEED_BITS ^ kind);
  } else {
    keyH[0] = hash32(key, SEED_BLOCK);
    keyH[1] = hash32(key, SEED_BITS);
  }
}
const keyH = new Uint32Array(2);

function setBits(b: BloomState, h1: number, h2: number): void {
  const base = (h1 % (b.bits / BLOCK_BITS)) * BLOCK_WORDS;
  let x = h2 | 1; // xorshift32 stream: independent-looking positions (never 0)
  for (let i = 0; i < b.hashes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const idx = x >>> 23; // top 9 bits: 0..511
    const wi = base + (idx >>> 5);
    b.words[wi] = b.words[wi]! | (1 << (idx & 31));
  }
  b.items++;
}

function testBits(b: BloomState, h1: number, h2: number): boolean {
  const base = (h1 % (b.bits / BLOCK_BITS)) * BLOCK_WORDS;
  let x = h2 | 1;
  for (let i = 0; i < b.hashes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const idx = x >>> 23;
    if ((b.words[base + (idx >>> 5)]! & (1 << (idx & 31))) === 0) return false;
  }
  return true;
}

export function bloomAdd(b: BloomState, key: string): void {
  keyHashes(key);
  setBits(b, keyH[0]!, keyH[1]!);
}

/** Add "<kind>:<id>" for the id already packed in `idWords` (`words` of them): same bits as bloomAdd of the string. */
export function bloomAddIdWords(b: BloomState, kind: string, words: number): void {
  const k = kind.charCodeAt(0);
  setBits(b, hashIdWords(words, SEED_BLOCK ^ k), hashIdWords(words, SEED_BITS ^ k));
}

export function bloomHas(b: BloomState, key: string): boolean {
  keyHashes(key);
  return testBits(b, keyH[0]!, keyH[1]!);
}

/** OR another filter of the same shape into `b`. */
export function bloomMerge(b: BloomState, other: BloomState): void {
  for (let i = 0; i < b.words.length; i++) b.words[i] = b.words[i]! | (other.words[i] ?? 0);
  b.items += other.items;
}

/**
 * False-positive rate of the filter as it is: the mean over blocks of (share of the block's bits
 * set)^k. Read from the bits, so it depends only on the set of ids inserted — not on how often
 * an id was added, nor on how the work was split between threads and merged.
 */
export function bloomFalsePositiveRate(b: BloomState): number {
  const blocks = b.bits / BLOCK_BITS;
  const words = b.words;
  // (share of a block's bits set)^k for each count of bits set: one power per count, not per block
  // (a 20M-id filter has ~400k blocks; Math.pow per block was most of the time)
  const power = new Float64Array(BLOCK_BITS + 1);
  for (let set = 1; set <= BLOCK_BITS; set++) power[set] = (set / BLOCK_BITS) ** b.hashes;
  let sum = 0;
  for (let blk = 0, w = 0; blk < blocks; blk++) {
    let set = 0;
    for (const e = w + BLOCK_WORDS; w < e; w++) set += popcount32(words[w]!);
    if (set > 0) sum += power[set]!;
  }
  return sum / blocks;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
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
  return robustBaselineOfSorted([...values].sort((a, b) => a - b));
}

/** robustBaseline of values already in ascending order. */
export function robustBaselineOfSorted(sorted: number[]): RobustBaseline {
  return { median: quantileSorted(sorted, 0.5), iqr: quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25) };
}

/**
 * A window of a series' values kept in ascending order as it slides (a value enters, the oldest
 * leaves): what sorting the window's values anew gives, at the cost of one binary search and a
 * short move per value instead of a sort per position. Equal values (by `a - b`, so −0 and 0 too)
 * stay in the order they entered, as the stable sort keeps them, so quantiles read from it are
 * the sort's to the bit. For finite values only: NaN and ±Infinity compare inconsistently by
 * `a - b` (Infinity − Infinity is NaN), and what the sort makes of them is its own.
 */
export class SlidingSorted {
  readonly sorted: number[] = [];

  add(x: number): void {
    const s = this.sorted;
    // after every value not greater than x (the newest last among equals)
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! - x <= 0) lo = mid + 1;
      else hi = mid;
    }
    s.splice(lo, 0, x);
  }

  /** Take out `x`, the oldest value in the window: the first of the values equal to it. */
  removeOldest(x: number): void {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! - x < 0) lo = mid + 1;
      else hi = mid;
    }
    s.splice(lo, 1);
  }
}
