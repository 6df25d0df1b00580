// Distinct counting in bounded memory: exact up to a small cap, then a HyperLogLog sketch with
// 2^P registers (P = 10 → 1 KiB, ~3.3 % standard error). Many of these live at once (one per
// metric attribute key), so the cap is small; state is plain data and merges in any order.

import { hash32 } from './hash.js';

const P = 10;
const M = 1 << P;
const EXACT_CAP = 128;


export interface SketchState {
  exact?: string[];
  registers?: number[];
}

export class DistinctSketch {
  private exact: Set<string> | undefined = new Set();
  private registers: Uint8Array | undefined;

  constructor(private readonly cap = EXACT_CAP) {}

  add(value: string): void {
    if (this.exact) {
      this.exact.add(value);
      if (this.exact.size > this.cap) this.toSketch();
    } else this.addHashed(value);
  }

  get approximate(): boolean {
    return this.exact === undefined;
  }

  count(): number {
    if (this.exact) return this.exact.size;
    const regs = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      sum += 2 ** -regs[i]!;
      if (regs[i] === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / M);
    let estimate = (alpha * M * M) / sum;
    if (estimate <= 2.5 * M && zeros > 0) estimate = M * Math.log(M / zeros);
    return Math.round(estimate);
  }

  /** Sorted values while still exact (for evidence); undefined once sketched. */
  values(): string[] | undefined {
    return this.exact ? [...this.exact].sort() : undefined;
  }

  state(): SketchState {
    return this.exact ? { exact: [...this.exact].sort() } : { registers: Array.from(this.registers!) };
  }

  merge(s: SketchState): void {
    if (s.exact) for (const v of s.exact) this.add(v);
    else if (s.registers) {
      if (this.exact) this.toSketch();
      const regs = this.registers!;
      for (let i = 0; i < M; i++) if (s.registers[i]! > regs[i]!) regs[i] = s.registers[i]!;
    }
  }

  static from(s: SketchState, cap = EXACT_CAP): DistinctSketch {
    const d = new DistinctSketch(cap);
    d.merge(s);
    return d;
  }

  private toSketch(): void {
    this.registers = new Uint8Array(M);
    const values = this.exact!;
    this.exact = undefined;
    for (const v of values) this.addHashed(v);
  }

  private addHashed(value: string): void {
    const h = hash32(value);
    const idx = h >>> (32 - P);
    const rest = (h << P) >>> 0;
    let rank = rest === 0 ? 32 - P + 1 + Math.clz32(hash32(value, 0x9e3779b9)) : Math.clz32(rest) + 1;
    if (rank > 63) rank = 63;
    if (rank > this.registers![idx]!) this.registers![idx] = rank;
  }
}
