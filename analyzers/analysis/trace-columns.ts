// Building blocks of the columnar store of sampled traces (sampled-traces.ts): spans live in
// typed-array columns indexed by span, each span points to a trace slot, and repeated strings go
// through one dictionary. The store keeps a trace while its id hash has `level` leading zero bits,
// the level only rising.
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
 * the end of the run (the sampled traces keep up to their span cap from anywhere in the input), one id
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

/** A typed column of a store. */
export type Column = Uint32Array | Uint8Array | Float64Array;

/**
 * Moves a dictionary column's indexes from one dictionary (`from`'s strings) to another, looking
 * each string up once, on first use (not once per span that names it).
 */
export class DictMap {
  private readonly map: Int32Array;

  constructor(
    private readonly from: readonly string[],
    private readonly into: StringDict,
  ) {
    this.map = new Int32Array(from.length).fill(-1);
  }

  /** Rewrite `col[start…end)` from indexes into `from` to indexes into `into`. */
  remap(col: Uint32Array, start: number, end: number): void {
    const map = this.map;
    for (let x = start; x < end; x++) {
      const k = col[x]!;
      let v = map[k]!;
      if (v < 0) v = map[k] = this.into.intern(this.from[k]!);
      col[x] = v;
    }
  }
}

/** A typed column of a store, and the same column of the state its spans are copied from. */
type ColumnPair = readonly [Uint8Array, Uint8Array] | readonly [Uint32Array, Uint32Array] | readonly [Float64Array, Float64Array];

/**
 * Copy a state's spans [from, to) into a store's columns at `at` (room ensured): `named` are
 * dictionary-index columns, mapped into the store's dictionary by `map`; `plain` are copied as they are.
 */
export function copyColumns(named: readonly (readonly [Uint32Array, Uint32Array])[], plain: readonly ColumnPair[], from: number, to: number, at: number, map: DictMap): void {
  const end = at + to - from;
  for (const [into, src] of named) {
    into.set(src.subarray(from, to), at);
    map.remap(into, at, end);
  }
  for (const [into, src] of plain) (into as Uint8Array).set((src as Uint8Array).subarray(from, to), at);
}

/**
 * `out` with `src[from…to)` appended: by one concatenation when the range is large next to `out`
 * (as when a merge appends a whole state), else element by element; either way O(range) amortized.
 * (Builtins where it counts: a merge runs once, in code not yet optimized.)
 */
export function appendRange(out: string[], src: readonly string[], from: number, to: number): string[] {
  if ((to - from) * 4 >= out.length) return out.concat(from === 0 && to === src.length ? src : src.slice(from, to));
  for (let x = from; x < to; x++) out.push(src[x]!);
  return out;
}

/**
 * Keep the spans whose trace has a new slot (`newSlot[old slot]` ≥ 0, as TraceSlots.raise gives),
 * in order, renumbering `trace`, and compact the other columns `cols` (typed, or string arrays,
 * which are cut to the spans kept) in place. Spans of one trace mostly come together: the work goes
 * by runs of a trace and by segments of kept runs (one copy a column each), not span by span.
 * Returns the spans kept.
 */
export function compactRuns(trace: Uint32Array, n: number, newSlot: Int32Array, cols: readonly (Column | string[])[]): number {
  let k = 0;
  /** The pending segment of kept runs: from `from` (source) to `dest`, up to the current run. */
  let from = -1;
  let dest = 0;
  const flush = (end: number): void => {
    if (dest !== from) {
      for (const c of cols) {
        if (!Array.isArray(c)) c.copyWithin(dest, from, end);
        // (a plain loop: Array.prototype.copyWithin is the generic, slower one)
        else for (let x = from, y = dest; x < end; x++, y++) c[y] = c[x]!;
      }
    }
    from = -1;
  };
  let i = 0;
  while (i < n) {
    const t = trace[i]!;
    let j = i + 1;
    while (j < n && trace[j] === t) j++;
    const s = newSlot[t]!;
    if (s >= 0) {
      if (from < 0) {
        from = i;
        dest = k;
      }
      // (k ≤ i: this writes only over runs already read)
      trace.fill(s, k, k + j - i);
      k += j - i;
    } else if (from >= 0) flush(i);
    i = j;
  }
  if (from >= 0) flush(n);
  for (const c of cols) if (Array.isArray(c)) c.length = k;
  return k;
}

/** After a raise: a new dictionary of the strings the `n` spans kept name, the columns `cols` rewritten to it (dropped spans' strings go). */
export function renewDict(dict: StringDict, cols: readonly Uint32Array[], n: number): StringDict {
  const d = new StringDict();
  const map = new DictMap(dict.strings, d);
  for (const c of cols) map.remap(c, 0, n);
  return d;
}

/**
 * What a store tells another thread ahead of a merge (see mergedLevel): its level, and its spans
 * by the leading zero bits of their trace id's hash (`spans[z]`: spans whose trace hash has exactly
 * z of them, z = 0…32), from which the level of the merged store follows without merging.
 */
export interface TraceLevels {
  level: number;
  spans: number[];
}

/**
 * The level the merge of two stores of `cap` spans ends at (the smallest one, not below either's,
 * at which the spans of both whose traces pass it fit in the cap: what storing all their spans in
 * one pass would end at), or undefined when no level up to 32 makes them fit.
 */
export function mergedLevel(a: TraceLevels, b: TraceLevels, cap: number): number | undefined {
  let level = Math.max(a.level, b.level);
  let n = 0;
  for (let z = level; z <= 32; z++) n += (a.spans[z] ?? 0) + (b.spans[z] ?? 0);
  while (n > cap) {
    if (level >= 32) return undefined;
    n -= (a.spans[level] ?? 0) + (b.spans[level] ?? 0);
    level++;
  }
  return level;
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

  /**
   * The trace's slot, registered if new and passing the level; −1 when the level drops it. `h`: its
   * hash, when known. `owned`: the id is a string of its own already (one of a store's state, not
   * a view into a record's source: see ownString), kept as it is.
   */
  slotOf(traceId: string, h?: number, owned = false): number {
    if (traceId === this.lastId) return this.lastSlot;
    let slot = this.slots.get(traceId);
    if (slot === undefined) {
      const hash = h ?? this.hash(traceId);
      if (this.level > 0 && hash >>> (32 - this.level) !== 0) slot = -1;
      else {
        slot = this.ids.length;
        const own = owned ? traceId : ownString(traceId);
        this.ids.push(own);
        this.hashes.push(hash);
        this.slots.set(own, slot);
      }
    }
    this.lastId = traceId;
    this.lastSlot = slot;
    return slot;
  }

  /** The spans of `trace` (the slot of each of its first `n` spans) by the leading zero bits of their trace's hash: see TraceLevels. */
  levels(trace: Uint32Array, n: number): TraceLevels {
    const spans = new Array<number>(33).fill(0);
    const hashes = this.hashes;
    for (let i = 0; i < n; i++) spans[Math.clz32(hashes[trace[i]!]!)]!++;
    return { level: this.level, spans };
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
