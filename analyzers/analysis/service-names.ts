// The service names of one signal for the report's `signals.<signal>.services`: the first
// SERVICE_LIST_CAP names in sorted order, and how many distinct names there are, in bounded memory
// whatever the input names (an input can name a million services).
import { DistinctCounter, type DistinctState } from './distinct.js';

/** Names listed at most (the first ones in sorted order). */
export const SERVICE_LIST_CAP = 10_000;
/** Distinct names counted exactly; past this, estimated (HyperLogLog, about ±2 %). */
export const SERVICE_COUNT_EXACT = 1_000_000;

export interface ServiceNamesState {
  /** At most the cap's first names in sorted order (of those this collector saw). */
  names: string[];
  /** Names were left out of `names`. */
  capped?: boolean;
  /** The distinct names, by a 128-bit digest each (keyDigest: 16 bytes a name, not the string). */
  count: DistinctState;
}

/**
 * The smallest `cap` names in sorted (UTF-16 code unit) order, whatever the order they come in or
 * how the work is split (merge), and the count of distinct names. Holds at most 2 × cap names:
 * when it holds that many it keeps the smallest cap and from then on drops any name above the
 * largest kept (there are cap names below it already).
 */
export class ServiceNames {
  private held = new Set<string>();
  /** After a trim: the largest name kept; a larger one is not among the first cap. */
  private bound: string | undefined;
  private capped = false;
  private readonly counter: DistinctCounter;
  /** Consecutive records mostly repeat a name: skip the repeat. */
  private last: string | undefined;

  constructor(
    private readonly cap = SERVICE_LIST_CAP,
    exactCount = SERVICE_COUNT_EXACT,
  ) {
    this.counter = new DistinctCounter(exactCount);
  }

  add(name: string): void {
    if (name === this.last) return;
    this.last = name;
    // (a held name was counted when it came first; a name not held is digested, counted once)
    if (this.held.has(name)) return;
    this.counter.addKeyDigest(name);
    this.offer(name);
  }

  private offer(name: string): void {
    if (this.bound !== undefined && name > this.bound) {
      this.capped = true;
      return;
    }
    this.held.add(name);
    if (this.held.size >= 2 * this.cap) this.trim();
  }

  /** Keeps the smallest cap names held. */
  private trim(): void {
    if (this.held.size <= this.cap) return;
    const sorted = [...this.held].sort();
    sorted.length = this.cap;
    this.held = new Set(sorted);
    this.bound = sorted[this.cap - 1];
    this.capped = true;
  }

  state(): ServiceNamesState {
    this.trim();
    return { names: [...this.held], ...(this.capped ? { capped: true } : {}), count: this.counter.state() };
  }

  merge(s: ServiceNamesState): void {
    for (const n of s.names) if (!this.held.has(n)) this.offer(n);
    if (s.capped) this.capped = true;
    this.counter.merge(s.count);
  }

  /** The first cap names in sorted order, and whether names were left out. */
  list(): { names: string[]; capped: boolean } {
    const names = [...this.held].sort();
    const capped = this.capped || names.length > this.cap;
    if (names.length > this.cap) names.length = this.cap;
    return { names, capped };
  }

  /** Distinct names: exact up to the exact-count limit, else an estimate (`approximate`). */
  count(): { count: number; approximate: boolean } {
    if (!this.counter.approximate) return { count: this.counter.count(), approximate: false };
    // (an estimate never says fewer than the names listed, nor, when some were left out, as few)
    return { count: Math.max(this.counter.count(), this.cap + 1), approximate: true };
  }
}
