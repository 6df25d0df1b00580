// Bounds one huge map of a record (a sample's labels, a logfmt line's pairs) while a decoder
// reads it, instead of building it whole for the analysis to trim (RecordLimiter keeps the first
// MAX_RECORD_ATTRIBUTES keys in the map's key order and counts the rest). A line of 3M labels built
// whole cost 11 s and 0.7 GB; read through this, it costs the scan.
//
// The records must come out as if the whole map had been stored and trimmed, so past the bound a
// decoder still stores the keys the record needs whole: the ones it looks up itself (`needed`:
// `le`, `msg`…) and array indices ("0", "17"), which a JS object lists before all other keys (the
// analysis's trim by key order may keep them). Every other key past the bound is counted once —
// its name remembered by where it is in the line (LineNameSet), not as a string — so the decoder
// can still refuse or merge a repeated key as it did.
import { MAX_RECORD_ATTRIBUTES } from '../../model/index.js';

/** A key a JS object lists before its other keys, in numeric order, whatever order it was added in. */
export function isArrayIndex(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 10 || (n > 1 && key.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return n < 10 || Number(key) < 4294967295;
}

/** Which keys of one map a decoder stores, and how many distinct keys it left out. */
export class KeyBound {
  private ordinary = 0;
  private extra = 0;
  private names: LineNameSet | undefined;
  /** Distinct keys left out (reported by the analysis with its own trims). */
  dropped = 0;

  /**
   * `stored`: the keys stored before the bound was needed (a decoder may start it late, at the
   * bound). `nameAt(at)`: the key that starts at `at` in the line.
   */
  constructor(
    private readonly needed: (key: string) => boolean,
    private readonly nameAt: (at: number) => string,
    stored: Iterable<string> = [],
  ) {
    for (const k of stored) this.store(k);
  }

  /** For a key not stored yet: true to store it, false to leave it out (then call `drop`). */
  store(key: string): boolean {
    if (this.needed(key) || isArrayIndex(key)) {
      // Never consumed by the trim of ordinary keys; bounded too, for a map of nothing else.
      if (this.extra >= MAX_RECORD_ATTRIBUTES) return false;
      this.extra++;
      return true;
    }
    if (this.ordinary >= MAX_RECORD_ATTRIBUTES) return false;
    this.ordinary++;
    return true;
  }

  /** A key `store` refused, found at `at` in the line: false when that key was left out before (counted once). */
  drop(key: string, at: number): boolean {
    this.names ??= new LineNameSet(this.nameAt);
    if (!this.names.add(key, at)) return false;
    this.dropped++;
    return true;
  }

  /** Whether `key` was left out (`drop`ped). */
  has(key: string): boolean {
    return this.names?.has(key) ?? false;
  }
}

/**
 * Distinct names of one line, each remembered by its position in the line (an open-addressing
 * table of 4-byte positions, at most half full), read again from the line when compared.
 */
export class LineNameSet {
  private slots = new Int32Array(1024); // position + 1; 0 = empty
  private size = 0;

  /** `nameAt(at)`: the name that starts at `at` in the line. */
  constructor(private readonly nameAt: (at: number) => string) {}

  /** Adds the name found at `at`; false when an equal name was added before. */
  add(name: string, at: number): boolean {
    const i = this.find(name);
    if (this.slots[i] !== 0) return false;
    this.slots[i] = at + 1;
    if (++this.size * 2 > this.slots.length) this.grow();
    return true;
  }

  has(name: string): boolean {
    return this.slots[this.find(name)] !== 0;
  }

  /** The slot holding `name`, or the empty slot where it would go. */
  private find(name: string): number {
    const mask = this.slots.length - 1;
    for (let i = fnv1a(name) & mask; ; i = (i + 1) & mask) {
      const p = this.slots[i]!;
      if (p === 0 || this.nameAt(p - 1) === name) return i;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const p of old) {
      if (p === 0) continue;
      let i = fnv1a(this.nameAt(p - 1)) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = p;
    }
  }
}

/** 32-bit FNV-1a of a string's UTF-16 units. */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
