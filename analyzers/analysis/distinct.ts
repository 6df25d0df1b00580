// Distinct counting: exact up to a cap, then HyperLogLog (bounded memory, ~1.6% error).
import { hashIdWords, IdSet, idWords, parseHexId, type IdSetSizes, type IdSetState } from '../profile/id-set.js';
import { fmix32, hash32 } from '../profile/hash.js';

const HLL_P = 14;
const HLL_M = 1 << HLL_P;


const HEX_DIGITS = '0123456789abcdef';

function hex8(h: number): string {
  let s = '';
  for (let i = 28; i >= 0; i -= 4) s += HEX_DIGITS[(h >>> i) & 15];
  return s;
}

/**
 * A 128-bit digest of a string as 32 lowercase hex, which a DistinctCounter (IdSet) stores packed in
 * 16 bytes: for keys that are long strings (a metric series' name, labels and origin), where a Set of
 * the strings themselves costs hundreds of bytes a member (a key built by `+=` holds its pieces).
 * Four 32-bit hashes of independent seeds in one pass; two distinct keys share a digest with
 * probability ~2⁻¹²⁸ a pair, so a count of digests is the count of keys.
 */
export function keyDigest(s: string): string {
  keyDigestWords(s);
  return hex8(idWords[0]!) + hex8(idWords[1]!) + hex8(idWords[2]!) + hex8(idWords[3]!);
}

/** keyDigest(s) as the four 32-bit words `parseHexId` would read from it, left in `idWords` (no string built). */
export function keyDigestWords(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x9e3779b9;
  let d = 0x7f4a7c15;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193) ^ (b >>> 15);
    c = Math.imul((c << 5) | (c >>> 27), 0x85ebca6b) ^ ch;
    d = Math.imul(d + ch, 0xcc9e2d51) ^ (d >>> 13);
  }
  idWords[0] = fmix32(a ^ s.length);
  idWords[1] = fmix32(b);
  idWords[2] = fmix32(c + s.length);
  idWords[3] = fmix32(d ^ 0x5bd1e995);
}


export interface DistinctState {
  exact?: IdSetState;
  registers?: Uint8Array;
}

/** HLL hash of a value: hex ids hash their words (as IdSet stores them), other strings their characters. */
function valueHash(value: string, seed: number): number {
  const w = parseHexId(value);
  return w > 0 ? hashIdWords(w, seed) : hash32(value, seed);
}

export class DistinctCounter {
  // Hex ids (trace ids) are stored packed: 16 bytes each instead of a ~100-byte string.
  private exact: IdSet | undefined = new IdSet();
  private registers: Uint8Array | undefined;

  constructor(private readonly cap = 200_000) {}

  /** Consecutive records mostly repeat a value (spans of one trace): skip the repeat. */
  private last: string | undefined;

  add(value: string): void {
    if (value === this.last) return;
    this.last = value;
    if (this.exact) {
      if (this.exact.add(value) && this.exact.size > this.cap) this.toSketch();
      return;
    }
    this.addToSketch(valueHash(value, 0), value);
  }

  /** Adds keyDigest(key) without building the digest string (the same count as add(keyDigest(key))). */
  addKeyDigest(key: string): void {
    keyDigestWords(key);
    this.last = undefined;
    if (this.exact) {
      if (this.exact.addWords(4) && this.exact.size > this.cap) this.toSketch();
      return;
    }
    this.addToSketch(hashIdWords(4, 0), undefined, 4);
  }

  get approximate(): boolean {
    return this.exact === undefined;
  }

  count(): number {
    if (this.exact) return this.exact.size;
    const regs = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < HLL_M; i++) {
      sum += 2 ** -regs[i]!;
      if (regs[i] === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / HLL_M);
    let estimate = (alpha * HLL_M * HLL_M) / sum;
    if (estimate <= 2.5 * HLL_M && zeros > 0) estimate = HLL_M * Math.log(HLL_M / zeros);
    return Math.round(estimate);
  }

  state(): DistinctState {
    return this.exact ? { exact: this.exact.state() } : { registers: this.registers!.slice() };
  }

  /** The exact set's table sizes (undefined once a sketch), for another counter's `prepareMerge`. */
  mergeSize(): IdSetSizes | undefined {
    return this.exact?.sizes();
  }

  /**
   * Before merging in the state of a counter whose mergeSize is `other`: make room in the exact set
   * now when the two together stay under the cap (a merge past it turns into the sketch anyway).
   */
  prepareMerge(other: IdSetSizes | undefined): void {
    if (this.exact && other && this.exact.size + other[0] + other[1] + other[2] <= this.cap) this.exact.reserve(other);
  }

  merge(state: DistinctState): void {
    if (state.exact) {
      if (this.exact) {
        this.exact.merge(state.exact);
        if (this.exact.size > this.cap) this.toSketch();
      } else IdSet.from(state.exact).forEach((w, other) => this.addToSketch(w > 0 ? hashIdWords(w, 0) : hash32(other!, 0), other, w));
    } else if (state.registers) {
      if (this.exact) this.toSketch();
      const regs = this.registers!;
      for (let i = 0; i < HLL_M; i++) if (state.registers[i]! > regs[i]!) regs[i] = state.registers[i]!;
    }
  }

  private toSketch(): void {
    this.registers = new Uint8Array(HLL_M);
    const values = this.exact!;
    this.exact = undefined;
    values.forEach((w, other) => this.addToSketch(w > 0 ? hashIdWords(w, 0) : hash32(other!, 0), other, w));
  }

  /** `h` is valueHash(value, 0); `value` is only read (re-parsed) when the rank needs a second hash. */
  private addToSketch(h: number, value: string | undefined, words = 0): void {
    const idx = h >>> (32 - HLL_P);
    const rest = (h << HLL_P) >>> 0;
    let rank: number;
    if (rest === 0) {
      // Rare: extend the rank with a second hash (idWords still hold a packed id when value is undefined).
      const h2 = value === undefined ? hashIdWords(words, 0x9e3779b9) : valueHash(value, 0x9e3779b9);
      rank = 32 - HLL_P + 1 + Math.clz32(h2);
    } else rank = Math.clz32(rest) + 1;
    if (rank > 63) rank = 63;
    if (rank > this.registers![idx]!) this.registers![idx] = rank;
  }
}
