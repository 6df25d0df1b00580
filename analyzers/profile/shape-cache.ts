// Routing cache of the template miner: masked token shape → group, by a 64-bit fingerprint of
// the masker's buffer. Its own module so that a front end in another thread (template-frontend.ts)
// computes the very same fingerprints.

/**
 * Routing cache: masked token shape (the masker's buffer) → group. A shape is identified by its
 * length and a 64-bit fingerprint (two 32-bit multiply-xorshift hashes over its chars, two per
 * 32-bit word, each run as two interleaved chains), looked up straight from the buffer: no key string is built, and a lookup touches
 * one cache line. The table keeps no copy of the keys: comparing them cost more than all the
 * hashing (their memory is cold), and two distinct shapes of equal length collide with
 * probability about 2^-64 per lookup. Emptied when it holds `max` shapes, so its memory is bounded.
 *
 * The table starts at INITIAL_SLOTS slots and doubles whenever it would become more than half full,
 * up to the smallest power of two ≥ 2 × `max` (where it stays at most half full until emptied). A
 * miner per service and source made a table of the full size each (512 KB for 16,384 shapes): 100,000
 * services in a log held ~260 MB of empty tables. Growing changes no result: a lookup finds the one
 * slot of its fingerprint and length whatever the table's size (set() stores a shape once), and the
 * table is emptied at the same `max` shapes as before.
 */
export class ShapeCache<T> {
  private mask: number;
  /** Slots at full size (a power of two, ≥ 2 × max). */
  private readonly maxSlots: number;
  /** Per slot: fingerprint low, fingerprint high, length, value index + 1 (0: empty). */
  private slots: Int32Array;
  private values: T[] = [];
  private h1 = 0;
  private h2 = 0;

  /** `initialSlots`: the table's first size (rounded up to a power of two; at most its full size). */
  constructor(
    private readonly max: number,
    initialSlots = INITIAL_SLOTS,
  ) {
    let cap = 16;
    while (cap < max * 2) cap *= 2;
    this.maxSlots = cap;
    let start = 16;
    while (start < Math.min(cap, initialSlots)) start *= 2;
    this.mask = start - 1;
    this.slots = new Int32Array(start * 4);
  }

  /** Slots in the table now (for tests). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Fingerprints buf[0, words) for the get/set that follow. */
  hash(buf: Int32Array, words: number): void {
    // Two 32-bit hashes, each over the even words and the odd words in separate chains that the
    // CPU runs in parallel (one multiply per word and chain), combined at the end.
    let a = 0x811c9dc5 ^ words;
    let b = 0x2545f491;
    let c = 0x9e3779b9;
    let d = 0x7f4a7c15;
    let i = 0;
    for (; i + 1 < words; i += 2) {
      const w = buf[i]!;
      const v = buf[i + 1]!;
      a = Math.imul(a ^ w, 0x01000193);
      a ^= a >>> 15;
      b = Math.imul(b ^ w, 0x5bd1e995);
      b ^= b >>> 13;
      c = Math.imul(c ^ v, 0x01000193);
      c ^= c >>> 15;
      d = Math.imul(d ^ v, 0x5bd1e995);
      d ^= d >>> 13;
    }
    if (i < words) {
      const w = buf[i]!;
      a = Math.imul(a ^ w, 0x01000193);
      a ^= a >>> 15;
      b = Math.imul(b ^ w, 0x5bd1e995);
      b ^= b >>> 13;
    }
    this.h1 = fmix(a ^ Math.imul(c ^ (c >>> 16), 0x85ebca6b));
    this.h2 = fmix(b ^ Math.imul(d ^ (d >>> 16), 0xc2b2ae35) ^ 0x68e31da4);
  }

  /** The fingerprint of the last hash(), low and high words. */
  get hashLow(): number {
    return this.h1;
  }
  get hashHigh(): number {
    return this.h2;
  }

  /** Sets the fingerprint for the get/set that follow to one that hash() computed elsewhere (a worker's). */
  setHash(low: number, high: number): void {
    this.h1 = low;
    this.h2 = high;
  }

  /** The value stored for the shape last hashed, of `len` chars. */
  get(len: number): T | undefined {
    const slots = this.slots;
    const h1 = this.h1;
    const h2 = this.h2;
    for (let i = h1 & this.mask; ; i = (i + 1) & this.mask) {
      const o = i * 4;
      const v = slots[o + 3]!;
      if (v === 0) return undefined;
      if (slots[o] === h1 && slots[o + 1] === h2 && slots[o + 2] === len) return this.values[v - 1];
    }
  }

  /** Stores `value` for the shape last hashed (not present), of `len` chars. */
  set(len: number, value: T): void {
    if (this.values.length >= this.max) {
      this.slots.fill(0);
      this.values = [];
    } else if ((this.values.length + 1) * 2 > this.mask + 1 && this.mask + 1 < this.maxSlots) this.grow();
    const slots = this.slots;
    let i = this.h1 & this.mask;
    while (slots[i * 4 + 3] !== 0) i = (i + 1) & this.mask;
    const o = i * 4;
    slots[o] = this.h1;
    slots[o + 1] = this.h2;
    slots[o + 2] = len;
    this.values.push(value);
    slots[o + 3] = this.values.length;
  }

  /** Doubles the table, every stored shape moved to its slot in the new one. */
  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const mask = size - 1;
    const slots = new Int32Array(size * 4);
    for (let o = 0; o < old.length; o += 4) {
      if (old[o + 3] === 0) continue;
      let i = old[o]! & mask;
      while (slots[i * 4 + 3] !== 0) i = (i + 1) & mask;
      slots.set(old.subarray(o, o + 4), i * 4);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Slots of a new table: 64 slots are 1 KB. */
const INITIAL_SLOTS = 64;

/** Murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
