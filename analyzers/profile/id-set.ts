// Exact sets of trace/span ids in compact form. Ids in the model are lowercase hex: a 16-hex id
// is stored as two 32-bit words and a 32-hex id as four, in open-addressing typed-array tables
// (8 or 16 bytes an id instead of ~100 for a string in a Set, and nothing for the GC to trace).
// Anything else (other lengths, upper case) falls back to a plain Set<string>. State is plain
// structured-clone data (typed arrays copy as one block between worker threads).

import { fmix32 } from './hash.js';

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) HEX[97 + i] = 10 + i;

/** Scratch words of the last `parseHexId` call. */
export const idWords = new Uint32Array(4);

/** Parse a 16- or 32-char lowercase hex id (from `from` to the end of `id`) into `idWords`; returns the word count (2 or 4), or 0. */
export function parseHexId(id: string, from = 0): number {
  const n = id.length - from;
  if (n !== 16 && n !== 32) return 0;
  const words = n >>> 3;
  for (let w = 0; w < words; w++) {
    let v = 0;
    const base = from + (w << 3);
    for (let i = 0; i < 8; i++) {
      const c = id.charCodeAt(base + i);
      const d = c < 128 ? HEX[c]! : -1;
      if (d < 0) return 0;
      v = (v << 4) | d;
    }
    idWords[w] = v >>> 0;
  }
  return words;
}

/** Hash of the words in `idWords` (murmur3-style mixing of every word). */
export function hashIdWords(words: number, seed = 0): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < words; i++) {
    let k = Math.imul(idWords[i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ words);
}

const saved = new Uint32Array(4);

/** Open-addressing table of fixed-width keys (`stride` words each); grows at half load. */
class PackedTable {
  keys: Uint32Array;
  used: Uint8Array;
  size = 0;

  constructor(
    readonly stride: number,
    capacity = 1024,
  ) {
    this.keys = new Uint32Array(capacity * stride);
    this.used = new Uint8Array(capacity);
  }

  /** Insert the key in `idWords`; true when it was new. */
  insert(): boolean {
    if ((this.size + 1) * 2 > this.used.length) {
      saved.set(idWords);
      this.grow(); // reuses idWords as scratch
      idWords.set(saved);
    }
    const found = this.find();
    if (found >= 0) return false;
    const slot = -found - 1;
    this.used[slot] = 1;
    const s = this.stride;
    for (let i = 0; i < s; i++) this.keys[slot * s + i] = idWords[i]!;
    this.size++;
    return true;
  }

  has(): boolean {
    return this.find() >= 0;
  }

  /** Slot of the key in `idWords` (≥ 0), or −(free slot) − 1. */
  private find(): number {
    const s = this.stride;
    const mask = this.used.length - 1;
    let slot = hashIdWords(s) & mask;
    for (;;) {
      if (this.used[slot] === 0) return -slot - 1;
      const o = slot * s;
      let eq = true;
      for (let i = 0; i < s; i++) {
        if (this.keys[o + i] !== idWords[i]) {
          eq = false;
          break;
        }
      }
      if (eq) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    this.resize(this.used.length * 2);
  }

  /** Room for `n` keys in all without growing (the table doubled as often as adding them would double it). */
  reserve(n: number): void {
    let capacity = this.used.length;
    while (n * 2 > capacity) capacity *= 2;
    if (capacity > this.used.length) {
      saved.set(idWords);
      this.resize(capacity);
      idWords.set(saved);
    }
  }

  private resize(capacity: number): void {
    const oldKeys = this.keys;
    const oldUsed = this.used;
    const s = this.stride;
    this.keys = new Uint32Array(capacity * s);
    this.used = new Uint8Array(capacity);
    this.size = 0;
    for (let slot = 0; slot < oldUsed.length; slot++) {
      if (oldUsed[slot] === 0) continue;
      for (let i = 0; i < s; i++) idWords[i] = oldKeys[slot * s + i]!;
      this.insert();
    }
  }

  /** The keys, packed one after another. */
  packed(): Uint32Array {
    const s = this.stride;
    const out = new Uint32Array(this.size * s);
    let o = 0;
    for (let slot = 0; slot < this.used.length; slot++) {
      if (this.used[slot] === 0) continue;
      for (let i = 0; i < s; i++) out[o++] = this.keys[slot * s + i]!;
    }
    return out;
  }

  /** Call `fn` with each key loaded into `idWords`. */
  forEach(fn: () => void): void {
    const s = this.stride;
    for (let slot = 0; slot < this.used.length; slot++) {
      if (this.used[slot] === 0) continue;
      for (let i = 0; i < s; i++) idWords[i] = this.keys[slot * s + i]!;
      fn();
    }
  }
}

export interface IdSetState {
  /** 16-hex ids, two words each. */
  w2: Uint32Array;
  /** 32-hex ids, four words each. */
  w4: Uint32Array;
  /** Ids that are not lowercase 16/32-hex. */
  other: string[];
}

/** Sizes of an IdSet's tables: 16-hex ids, 32-hex ids, other ids. */
export type IdSetSizes = [number, number, number];

export class IdSet {
  private readonly t2 = new PackedTable(2);
  private readonly t4 = new PackedTable(4);
  private readonly other = new Set<string>();

  get size(): number {
    return this.t2.size + this.t4.size + this.other.size;
  }

  /** True when the id was not in the set yet. */
  add(id: string): boolean {
    const w = parseHexId(id);
    if (w === 2) return this.t2.insert();
    if (w === 4) return this.t4.insert();
    if (this.other.has(id)) return false;
    this.other.add(id);
    return true;
  }

  /** Adds the id held in `idWords` (`words`: 2 or 4 of them); true when it was not in the set yet. */
  addWords(words: 2 | 4): boolean {
    return words === 2 ? this.t2.insert() : this.t4.insert();
  }

  has(id: string): boolean {
    const w = parseHexId(id);
    if (w === 2) return this.t2.has();
    if (w === 4) return this.t4.has();
    return this.other.has(id);
  }

  /** Visit every member: packed ids load `idWords` and pass their word count; others pass the string. */
  forEach(fn: (words: number, other: string | undefined) => void): void {
    this.t2.forEach(() => fn(2, undefined));
    this.t4.forEach(() => fn(4, undefined));
    for (const s of this.other) fn(0, s);
  }

  /** The ids held, by table: 16-hex, 32-hex, others (what another set's `reserve` takes). */
  sizes(): IdSetSizes {
    return [this.t2.size, this.t4.size, this.other.size];
  }

  /**
   * Make room for the ids of a set of `sizes` (its `sizes()`) before merging it in: the tables grow
   * now, once, to what the merge would grow them to (at most: ids in both are counted twice).
   */
  reserve(sizes: IdSetSizes): void {
    this.t2.reserve(this.t2.size + sizes[0]);
    this.t4.reserve(this.t4.size + sizes[1]);
  }

  /** How many ids of `s` are in this set (for the size of a union without building it). */
  countIn(s: IdSetState): number {
    let n = 0;
    for (let o = 0; o < s.w2.length; o += 2) {
      idWords[0] = s.w2[o]!;
      idWords[1] = s.w2[o + 1]!;
      if (this.t2.has()) n++;
    }
    for (let o = 0; o < s.w4.length; o += 4) {
      for (let i = 0; i < 4; i++) idWords[i] = s.w4[o + i]!;
      if (this.t4.has()) n++;
    }
    for (const v of s.other) if (this.other.has(v)) n++;
    return n;
  }

  state(): IdSetState {
    return { w2: this.t2.packed(), w4: this.t4.packed(), other: [...this.other] };
  }

  merge(s: IdSetState): void {
    for (let o = 0; o < s.w2.length; o += 2) {
      idWords[0] = s.w2[o]!;
      idWords[1] = s.w2[o + 1]!;
      this.t2.insert();
    }
    for (let o = 0; o < s.w4.length; o += 4) {
      idWords[0] = s.w4[o]!;
      idWords[1] = s.w4[o + 1]!;
      idWords[2] = s.w4[o + 2]!;
      idWords[3] = s.w4[o + 3]!;
      this.t4.insert();
    }
    for (const v of s.other) this.other.add(v);
  }

  /** The size of the set a state was taken from (`state()` lists each member once), without building it. */
  static stateSize(s: IdSetState): number {
    return (s.w2.length >>> 1) + (s.w4.length >>> 2) + s.other.length;
  }

  static from(s: IdSetState): IdSet {
    const set = new IdSet();
    set.merge(s);
    return set;
  }
}
