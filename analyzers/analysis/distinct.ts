// Distinct counting: exact up to a cap, then HyperLogLog (bounded memory, ~1.6% error).

const HLL_P = 14;
const HLL_M = 1 << HLL_P;

/** 32-bit FNV-1a followed by a murmur finaliser; good enough spread for HLL. */
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

export interface DistinctState {
  exact?: string[];
  registers?: number[];
}

export class DistinctCounter {
  private exact: Set<string> | undefined = new Set();
  private registers: Uint8Array | undefined;

  constructor(private readonly cap = 200_000) {}

  add(value: string): void {
    if (this.exact) {
      this.exact.add(value);
      if (this.exact.size > this.cap) this.toSketch();
      return;
    }
    this.addToSketch(value);
  }

  get approximate(): boolean {
    return this.exact === undefined;
  }

  has(value: string): boolean | undefined {
    return this.exact ? this.exact.has(value) : undefined;
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

  values(): string[] | undefined {
    return this.exact ? [...this.exact].sort() : undefined;
  }

  state(): DistinctState {
    return this.exact ? { exact: [...this.exact] } : { registers: Array.from(this.registers!) };
  }

  merge(state: DistinctState): void {
    if (state.exact) for (const v of state.exact) this.add(v);
    else if (state.registers) {
      if (this.exact) this.toSketch();
      const regs = this.registers!;
      for (let i = 0; i < HLL_M; i++) if (state.registers[i]! > regs[i]!) regs[i] = state.registers[i]!;
    }
  }

  private toSketch(): void {
    this.registers = new Uint8Array(HLL_M);
    const values = this.exact!;
    this.exact = undefined;
    for (const v of values) this.addToSketch(v);
  }

  private addToSketch(value: string): void {
    const h = hash32(value);
    const idx = h >>> (32 - HLL_P);
    const rest = (h << HLL_P) >>> 0;
    const h2 = hash32(value, 0x9e3779b9);
    // rank over 32 - P bits of h, extended with a second hash when they are all zero
    let rank = rest === 0 ? 32 - HLL_P + 1 + Math.clz32(h2) : Math.clz32(rest) + 1;
    if (rank > 63) rank = 63;
    if (rank > this.registers![idx]!) this.registers![idx] = rank;
  }
}
