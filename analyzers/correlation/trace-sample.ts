// The correlation collector's sample of whole traces, stored by column: one typed-array slot per
// span field and one dictionary for the repeated strings (service, peer, file, name), so a stored
// span costs ~100 bytes instead of ~440 as an 11-element tuple of boxed numbers and fresh strings,
// the garbage collector has almost nothing to trace, and a thread's state clones as a few blocks.
//
// Sampling rule (unchanged): every trace is kept until SPAN_SAMPLE_CAP spans are stored; then
// only traces whose id hash has `level` leading zero bits, the level rising until the spans fit.
// The final level is the smallest one at which all spans of the passing traces fit, whatever the
// order of arrival or merge, so the kept set depends on the data alone.
//
// Readers get the traces back as lists of span indexes (../analysis/trace-columns.ts
// traceSpanLists), or as [traceId, StoredSpan[]] in first-stored order (`sampledTraces`).
import { DictMap, StringDict, TraceSlots, appendRange, compactRuns, copyColumns, grow, mergedLevel, ownString, renewDict, traceSpanLists, type TraceLevels } from '../analysis/trace-columns.js';
import { keepAtLevel, lenientTraceJoin, traceHash } from '../analysis/trace-ids.js';

/**
 * [spanId, parentId|'', service base|'', kind initial, startMs, durationUs|-1, error 0/1, peer 'system|name'|'', file, line|-1, name,
 * parent relation: 0, 1 shared (the server side of its client's span id: its parent is the span of the same id),
 * 2 follows-from (an asynchronous child: its parent does not wait for it)].
 */
export type StoredSpan = [string, string, string, string, number, number, number, string, string, number, string, number];

export interface TraceSampleState {
  level: number;
  /** Trace ids by slot; `trace[i]` is the slot of span i. */
  traceIds: string[];
  trace: Uint32Array;
  spanId: string[];
  parentId: string[];
  /** Dictionary of the string fields below. */
  strings: string[];
  service: Uint32Array;
  peer: Uint32Array;
  file: Uint32Array;
  name: Uint32Array;
  /** Index into KIND_INITIALS. */
  kind: Uint8Array;
  err: Uint8Array;
  /** 1: a shared span (Span.shared); 2: a FOLLOWS_FROM child (Span.followsFrom). */
  shared: Uint8Array;
  startMs: Float64Array;
  durUs: Float64Array;
  line: Float64Array;
  /** Stored 64-bit trace ids read from a Zipkin input (Span.lenientTraceId), sorted: see lenientTraceJoin. */
  lenient: string[];
}

export const KIND_INITIALS = ['U', 'I', 'S', 'C', 'P', 'K'] as const;

// (the hash and the rule of every sample by trace id, the run's detail sample included: ../analysis/trace-ids.ts)
export { keepAtLevel };

export function emptyTraceSampleState(): TraceSampleState {
  return new TraceSample(0).state();
}

/** The fields of one span to store (strings are stored through the dictionary). */
export interface SpanFields {
  spanId: string;
  parentId: string;
  service: string;
  kind: number;
  startMs: number;
  durUs: number;
  err: number;
  peer: string;
  file: string;
  line: number;
  name: string;
  /** 1: Span.shared; 2: a FOLLOWS_FROM child. */
  shared?: number;
  /** The trace id is a Zipkin 64-bit id (Span.lenientTraceId). */
  lenient?: boolean;
}

export class TraceSample {
  private readonly t = new TraceSlots(traceHash);
  private n = 0;
  private dict = new StringDict();
  private spanId: string[] = [];
  private parentId: string[] = [];
  private trace = new Uint32Array(0);
  private service = new Uint32Array(0);
  private peer = new Uint32Array(0);
  private file = new Uint32Array(0);
  private name = new Uint32Array(0);
  private kind = new Uint8Array(0);
  private err = new Uint8Array(0);
  private shared = new Uint8Array(0);
  private startMs = new Float64Array(0);
  private durUs = new Float64Array(0);
  private line = new Float64Array(0);
  private lenient = new Set<string>();

  /** `floor`: the run's detail level (../analysis/detail.ts): only traces passing it are ever stored. */
  constructor(
    private readonly cap: number,
    floor = 0,
  ) {
    if (floor > 0) this.raise(floor);
  }

  get sampleLevel(): number {
    return this.t.level;
  }

  /** Whether a span of this trace would be stored (the caller can skip building its fields). */
  wants(traceId: string): boolean {
    return this.t.wants(traceId);
  }

  add(traceId: string, f: SpanFields): void {
    const slot = this.t.slotOf(traceId);
    if (slot < 0) return;
    if (f.lenient === true) this.lenient.add(traceId);
    const d = this.dict;
    this.push(slot, ownString(f.spanId), ownString(f.parentId), d.intern(f.service), f.kind, f.startMs, f.durUs, f.err, d.intern(f.peer), d.intern(f.file), f.line, d.intern(f.name), f.shared ?? 0);
    while (this.n > this.cap) this.raise(this.t.level + 1);
  }

  /** `spanId`, `parentId`: strings of their own (ownString). */
  private push(slot: number, spanId: string, parentId: string, service: number, kind: number, startMs: number, durUs: number, err: number, peer: number, file: number, line: number, name: number, shared: number): void {
    const i = this.n;
    if (i === this.trace.length) this.reserve(Math.max(1024, i * 2));
    this.trace[i] = slot;
    this.spanId.push(spanId);
    this.parentId.push(parentId);
    this.service[i] = service;
    this.kind[i] = kind;
    this.startMs[i] = startMs;
    this.durUs[i] = durUs;
    this.err[i] = err;
    this.shared[i] = shared;
    this.peer[i] = peer;
    this.file[i] = file;
    this.line[i] = line;
    this.name[i] = name;
    this.n = i + 1;
  }

  private reserve(size: number): void {
    this.trace = grow(this.trace, size);
    this.service = grow(this.service, size);
    this.peer = grow(this.peer, size);
    this.file = grow(this.file, size);
    this.name = grow(this.name, size);
    this.kind = grow(this.kind, size);
    this.err = grow(this.err, size);
    this.shared = grow(this.shared, size);
    this.startMs = grow(this.startMs, size);
    this.durUs = grow(this.durUs, size);
    this.line = grow(this.line, size);
  }

  /**
   * Raise the level and drop the traces that no longer pass, keeping the order (see compactRuns);
   * the dictionary is renewed to the strings the kept spans name (renewDict), unless `renew` is
   * false (ahead of a merge: see prepareMerge).
   */
  private raise(level: number, renew = true): void {
    const newSlot = this.t.raise(level);
    this.n = compactRuns(this.trace, this.n, newSlot, [this.service, this.peer, this.file, this.name, this.kind, this.err, this.shared, this.startMs, this.durUs, this.line, this.spanId, this.parentId]);
    if (renew) this.dict = renewDict(this.dict, [this.service, this.peer, this.file, this.name], this.n);
    for (const id of this.lenient) if (!keepAtLevel(id, level)) this.lenient.delete(id);
  }

  /** Plain structured-clone data (copies of the used part of each column). */
  state(): TraceSampleState {
    const n = this.n;
    return {
      level: this.t.level,
      traceIds: [...this.t.ids],
      trace: this.trace.slice(0, n),
      spanId: [...this.spanId],
      parentId: [...this.parentId],
      strings: [...this.dict.strings],
      service: this.service.slice(0, n),
      peer: this.peer.slice(0, n),
      file: this.file.slice(0, n),
      name: this.name.slice(0, n),
      kind: this.kind.slice(0, n),
      err: this.err.slice(0, n),
      shared: this.shared.slice(0, n),
      startMs: this.startMs.slice(0, n),
      durUs: this.durUs.slice(0, n),
      line: this.line.slice(0, n),
      lenient: [...this.lenient].filter((id) => keepAtLevel(id, this.t.level)).sort(),
    };
  }

  /** For a merge with another thread's sample: see TraceLevels and `prepareMerge`. */
  levels(): TraceLevels {
    return this.t.levels(this.trace, this.n);
  }

  /**
   * Before this sample and one with `other`'s levels are merged: raise the level now to the one the
   * merge ends at (mergedLevel), so that each thread drops its own traces that the merge would drop,
   * at once. The merge's outcome is unchanged (a level it reaches anyway).
   */
  prepareMerge(other: TraceLevels): void {
    const level = mergedLevel(this.levels(), other, this.cap);
    // (the dictionary keeps the strings of the spans dropped here, no more than it held: a merge
    // looks up only the strings its spans name, and the next raise of an add renews it)
    if (level !== undefined && level > this.t.level) this.raise(level, false);
  }

  /**
   * Absorb another sample: every span of its traces that pass the (common, higher) level is
   * appended, then the level rises until the cap holds — the result of storing all spans in one
   * pass. Spans go by runs of one trace, and runs kept one after another by one copy a column
   * (appendSpans). (The state's strings are its sample's own already, or fresh from a structured
   * clone: stored as they are.)
   */
  merge(s: TraceSampleState): void {
    if (s.level > this.t.level) this.raise(s.level);
    for (const id of s.lenient) this.lenient.add(id);
    const map = new DictMap(s.strings, this.dict);
    const total = s.trace.length;
    // The pending segment: the state's spans [from, to), to be appended at this.n.
    let from = 0;
    let to = 0;
    let i = 0;
    while (i < total) {
      const t = s.trace[i]!;
      let j = i + 1;
      while (j < total && s.trace[j] === t) j++;
      const slot = this.t.slotOf(s.traceIds[t]!, undefined, true);
      if (slot < 0) {
        this.appendSpans(s, from, to, map);
        from = to = j;
      } else {
        const need = this.n + j - from;
        if (need > this.trace.length) this.reserve(Math.max(need, this.trace.length * 2, 1024));
        this.trace.fill(slot, this.n + i - from, need);
        to = j;
      }
      i = j;
    }
    this.appendSpans(s, from, to, map);
    while (this.n > this.cap) this.raise(this.t.level + 1);
  }

  /** Append the state's spans [from, to) at this.n (their `trace` slots written already; room ensured). */
  private appendSpans(s: TraceSampleState, from: number, to: number, map: DictMap): void {
    if (to <= from) return;
    const named = [[this.service, s.service], [this.peer, s.peer], [this.file, s.file], [this.name, s.name]] as const;
    copyColumns(named, [[this.kind, s.kind], [this.err, s.err], [this.shared, s.shared], [this.startMs, s.startMs], [this.durUs, s.durUs], [this.line, s.line]], from, to, this.n, map);
    this.spanId = appendRange(this.spanId, s.spanId, from, to);
    this.parentId = appendRange(this.parentId, s.parentId, from, to);
    this.n += to - from;
  }
}

/**
 * The stored traces as [traceId, spans] in the order they were first stored (spans in stored
 * order); a Zipkin 64-bit trace id read with the one 128-bit trace of its low half
 * (lenientTraceJoin) is part of that trace: its spans follow the trace's own. (The analysis reads
 * the columns by trace directly: traceSpanLists.)
 */
export function sampledTraces(s: TraceSampleState): [string, StoredSpan[]][] {
  const str = s.strings;
  const tuple = (i: number): StoredSpan => [s.spanId[i]!, s.parentId[i]!, str[s.service[i]!]!, KIND_INITIALS[s.kind[i]!]!, s.startMs[i]!, s.durUs[i]!, s.err[i]!, str[s.peer[i]!]!, str[s.file[i]!]!, s.line[i]!, str[s.name[i]!]!, s.shared[i]!];
  return traceSpanLists(s.traceIds, s.trace, s.lenient).map(({ slot, spans }) => [s.traceIds[slot]!, spans.map(tuple)]);
}

/** The distinct peers ('system|name') the stored spans name, each once (in dictionary order). */
export function samplePeers(s: TraceSampleState): string[] {
  const used = new Uint8Array(s.strings.length);
  for (let i = 0; i < s.peer.length; i++) used[s.peer[i]!] = 1;
  const out: string[] = [];
  for (let k = 0; k < used.length; k++) if (used[k] === 1 && s.strings[k] !== '') out.push(s.strings[k]!);
  return out;
}
