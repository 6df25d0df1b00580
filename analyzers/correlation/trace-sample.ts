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
import { StringDict, TraceSlots, grow, ownString, traceSpanLists } from '../analysis/trace-columns.js';
import { keepAtLevel, traceHash } from '../analysis/trace-ids.js';

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
    this.push(slot, f.spanId, f.parentId, d.intern(f.service), f.kind, f.startMs, f.durUs, f.err, d.intern(f.peer), d.intern(f.file), f.line, d.intern(f.name), f.shared ?? 0);
    while (this.n > this.cap) this.raise(this.t.level + 1);
  }

  private push(slot: number, spanId: string, parentId: string, service: number, kind: number, startMs: number, durUs: number, err: number, peer: number, file: number, line: number, name: number, shared: number): void {
    const i = this.n;
    if (i === this.trace.length) this.reserve(Math.max(1024, i * 2));
    this.trace[i] = slot;
    this.spanId.push(ownString(spanId));
    this.parentId.push(ownString(parentId));
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

  /** Raise the level and drop the traces (and dictionary strings) that no longer pass, keeping the order. */
  private raise(level: number): void {
    const newSlot = this.t.raise(level);
    const old = this.dict.strings;
    const d = (this.dict = new StringDict());
    const spanId = this.spanId;
    const parentId = this.parentId;
    this.spanId = [];
    this.parentId = [];
    let k = 0;
    for (let i = 0; i < this.n; i++) {
      const s = newSlot[this.trace[i]!]!;
      if (s < 0) continue;
      this.trace[k] = s;
      this.spanId.push(spanId[i]!);
      this.parentId.push(parentId[i]!);
      this.service[k] = d.intern(old[this.service[i]!]!);
      this.kind[k] = this.kind[i]!;
      this.startMs[k] = this.startMs[i]!;
      this.durUs[k] = this.durUs[i]!;
      this.err[k] = this.err[i]!;
      this.shared[k] = this.shared[i]!;
      this.peer[k] = d.intern(old[this.peer[i]!]!);
      this.file[k] = d.intern(old[this.file[i]!]!);
      this.line[k] = this.line[i]!;
      this.name[k] = d.intern(old[this.name[i]!]!);
      k++;
    }
    this.n = k;
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

  /**
   * Absorb another sample: every span of its traces that pass the (common, higher) level is
   * appended, then the level rises until the cap holds — the result of storing all spans in one pass.
   */
  merge(s: TraceSampleState): void {
    if (s.level > this.t.level) this.raise(s.level);
    for (const id of s.lenient) this.lenient.add(id);
    const str = s.strings;
    const d = this.dict;
    let prevSlot = -1;
    let slot = -1;
    for (let i = 0; i < s.trace.length; i++) {
      const from = s.trace[i]!;
      if (from !== prevSlot) {
        prevSlot = from;
        slot = this.t.slotOf(s.traceIds[from]!);
      }
      if (slot < 0) continue;
      this.push(slot, s.spanId[i]!, s.parentId[i]!, d.intern(str[s.service[i]!]!), s.kind[i]!, s.startMs[i]!, s.durUs[i]!, s.err[i]!, d.intern(str[s.peer[i]!]!), d.intern(str[s.file[i]!]!), s.line[i]!, d.intern(str[s.name[i]!]!), s.shared[i]!);
    }
    while (this.n > this.cap) this.raise(this.t.level + 1);
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
