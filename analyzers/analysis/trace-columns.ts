// Building blocks of the columnar trace stores (the correlation collector's trace sample and the
// profile's trace store): spans live in typed-array columns indexed by span, each span points to
// a trace slot, and repeated strings go through one dictionary. Both stores keep a trace while its
// id hash has `level` leading zero bits, the level only rising.
import { lenientTraceJoin } from './trace-ids.js';

/** A copy of `a` with room for `n` elements. */
export function grow<T extends Uint32Array | Uint8Array | Float64Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * `s` as a string of its own. A substring of 13 characters or more is, in V8, a view into the
 * string it was cut from (a CSV row, a decoded chunk of the input): kept in a store that lives to
 * the end of the run (the trace stores keep up to their span cap from anywhere in the input), one id
 * would hold its whole source string, and the cap would bound the ids but not what they hold. The
 * copy costs its own length. (JSON.parse makes every string it returns anew: no view.)
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Strings by index; `intern` gives a string's index, adding it when new. */
export class StringDict {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      const own = ownString(s);
      this.strings.push(own);
      this.index.set(own, i);
    }
    return i;
  }
}

/**
 * The kept traces by slot (first-stored order) and the sampling level. `slotOf` registers a trace
 * that passes the level; `raise` drops the traces that no longer pass, keeping the order of the others.
 */
export class TraceSlots {
  level = 0;
  ids: string[] = [];
  private hashes: number[] = [];
  private readonly slots = new Map<string, number>();
  /** The trace of the last lookup (spans of one trace mostly come together) and its slot (−1: not kept). */
  private lastId: string | undefined;
  private lastSlot = -1;

  constructor(private readonly hash: (traceId: string) => number) {}

  /** Whether spans of this trace are stored (kept already, or passing the level). */
  wants(traceId: string): boolean {
    if (this.level === 0) return true;
    if (traceId === this.lastId) return this.lastSlot >= 0;
    return this.slots.has(traceId) || this.hash(traceId) >>> (32 - this.level) === 0;
  }

  /** The trace's slot, registered if new and passing the level; −1 when the level drops it. `h`: its hash, when known. */
  slotOf(traceId: string, h?: number): number {
    if (traceId === this.lastId) return this.lastSlot;
    let slot = this.slots.get(traceId);
    if (slot === undefined) {
      const hash = h ?? this.hash(traceId);
      if (this.level > 0 && hash >>> (32 - this.level) !== 0) slot = -1;
      else {
        slot = this.ids.length;
        const own = ownString(traceId);
        this.ids.push(own);
        this.hashes.push(hash);
        this.slots.set(own, slot);
      }
    }
    this.lastId = traceId;
    this.lastSlot = slot;
    return slot;
  }

  /** Raise the level to `level`; returns the new slot of each old slot (−1: dropped). */
  raise(level: number): Int32Array {
    this.level = level;
    const newSlot = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const hashes: number[] = [];
    this.slots.clear();
    for (let t = 0; t < this.ids.length; t++) {
      const h = this.hashes[t]!;
      if (h >>> (32 - level) !== 0) continue;
      newSlot[t] = ids.length;
      this.slots.set(this.ids[t]!, ids.length);
      ids.push(this.ids[t]!);
      hashes.push(h);
    }
    this.ids = ids;
    this.hashes = hashes;
    this.lastId = undefined;
    this.lastSlot = -1;
    return newSlot;
  }
}

/**
 * The spans of each trace of a columnar store (`trace[i]`: the slot of span i), as lists of span
 * indexes in stored order, traces by slot (first-stored order). A Zipkin 64-bit trace id read with
 * the one 128-bit trace of its low half (lenientTraceJoin) is part of that trace: its spans follow
 * the trace's own, and it has no list of its own.
 */
export function traceSpanLists(traceIds: readonly string[], trace: Uint32Array, lenient: readonly string[]): { slot: number; spans: number[] }[] {
  const lists: number[][] = traceIds.map(() => []);
  for (let i = 0; i < trace.length; i++) lists[trace[i]!]!.push(i);
  const into = lenientTraceJoin(traceIds, lenient);
  if (into !== undefined) for (let t = 0; t < into.length; t++) if (into[t] !== t) for (const i of lists[t]!) lists[into[t]!]!.push(i);
  const out: { slot: number; spans: number[] }[] = [];
  for (let t = 0; t < traceIds.length; t++) if (into === undefined || into[t] === t) out.push({ slot: t, spans: lists[t]! });
  return out;
}

/**
 * The rank of each dictionary string that `column` refers to, in code-unit order (a dictionary holds
 * a string once: equal ranks are equal strings), by dictionary index: spans sorted by a string
 * column compare two numbers, and the strings are compared once each, not once per comparison.
 */
export function columnRanks(strings: readonly string[], column: Uint32Array): Uint32Array {
  const used = new Uint8Array(strings.length);
  for (let i = 0; i < column.length; i++) used[column[i]!] = 1;
  const distinct: number[] = [];
  for (let k = 0; k < strings.length; k++) if (used[k] === 1) distinct.push(k);
  distinct.sort((a, b) => (strings[a]! < strings[b]! ? -1 : strings[a]! > strings[b]! ? 1 : 0));
  const rank = new Uint32Array(strings.length);
  for (let r = 0; r < distinct.length; r++) rank[distinct[r]!] = r;
  return rank;
}
