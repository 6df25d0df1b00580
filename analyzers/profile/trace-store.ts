// Span topology for trace-level rules (orphans, root kind, INTERNAL and sub-5 ms span counts per
// trace per service). Memory is bounded by SPAN_CAP: beyond it, traces are kept by a hash of their
// id at a sampling level that only grows (level L keeps traces whose hash has L leading zero bits),
// so the kept set depends on the data alone, never on arrival or merge order.
//
// Spans are stored by column (typed arrays, one dictionary for service, file and name; see
// ../analysis/trace-columns.ts): ~160 bytes a span, most of it the span and parent id strings,
// instead of ~260 as an 8-element tuple; little for the garbage collector to trace, and a thread's
// state clones as a few blocks.
import type { Span } from '../model/index.js';
import { DictMap, StringDict, TraceSlots, appendRange, columnRanks, compactRuns, copyColumns, grow, mergedLevel, ownString, renewDict, traceSpanLists, type TraceLevels } from '../analysis/trace-columns.js';
import type { SpanCopyFields } from '../analysis/span-copies.js';
import { serviceOwners, traceTree } from '../analysis/span-tree.js';
import { spanServiceBase, spanServiceKey } from './service-identity.js';
import { keepAtLevel, traceHash } from '../analysis/trace-ids.js';
import { compareExamples, type ExampleRecord } from './examples.js';
import { sampleNote, TRACE_SAMPLE_WHY, type SampleInfo } from './sample-note.js';
import { hasServiceIdentity, serviceOfName, UNKNOWN_SERVICE } from './service.js';

export const SPAN_CAP = 100_000;

export interface TraceStoreState {
  level: number;
  /** Trace ids by slot, in first-stored order; `trace[i]` is the slot of span i (spans in stored order). */
  traceIds: string[];
  trace: Uint32Array;
  spanId: string[];
  /** '' for a root span. */
  parentId: string[];
  /** Dictionary of service, base, file and name. */
  strings: string[];
  /** The service bucket the profile files the span under (../profile/service.ts recordServiceOf). */
  service: Uint32Array;
  /** The service the span names as the correlation reads it ('' for none: spanServiceBase): what the trace tree tells services apart by, as the dependency graph's does. */
  base: Uint32Array;
  file: Uint32Array;
  /** Span name, cut to 80 characters. */
  name: Uint32Array;
  /** Index into KIND_INITIALS. */
  kind: Uint8Array;
  /** 1: a shared span (Span.shared): its parent is the span with its own id. */
  shared: Uint8Array;
  /** 1: the kind was read from the span's shape, not written (Span.kindFrom 'zipkin-local'). */
  kindFrom: Uint8Array;
  /** −1: unknown. */
  durUs: Float64Array;
  /** Start in ms; NaN: unknown. With the status, tells a span exported twice from two spans (see ../analysis/span-copies.ts). */
  startMs: Float64Array;
  /** 1: status error. */
  err: Uint8Array;
  /** S-SPAN-TIMING of the span: 0 a start and an end with end ≥ start, 1 no start or no end, 2 end before start (or no start after 1970). */
  timing: Uint8Array;
  /** Line, else byte offset, else −1. */
  line: Float64Array;
  /** Stored 64-bit trace ids read from a Zipkin input (Span.lenientTraceId), sorted: see lenientTraceJoin. */
  lenient: string[];
}

export const KIND_INITIALS = ['U', 'I', 'S', 'C', 'P', 'K'] as const;
const KIND_INDEX: Record<Span['spanKind'], number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const UNSPECIFIED = 0;
const INTERNAL = 1;
const CLIENT = 3;

/** The span's S-SPAN-TIMING verdict (TraceStoreState.timing), as SpanProfile judged each record. */
function timingOf(span: Span): number {
  const start = span.startNs;
  const end = span.endNs;
  if (start === undefined || end === undefined) return 1;
  return start > 0n && end >= start ? 0 : 2;
}

// (one hash and one rule for every sample by trace id: ../analysis/trace-ids.ts)
export { keepAtLevel, traceHash };

export class TraceStore {
  private readonly t = new TraceSlots(traceHash);
  private n = 0;
  private dict = new StringDict();
  private spanId: string[] = [];
  private parentId: string[] = [];
  private trace = new Uint32Array(0);
  private service = new Uint32Array(0);
  private base = new Uint32Array(0);
  private file = new Uint32Array(0);
  private name = new Uint32Array(0);
  private kind = new Uint8Array(0);
  private shared = new Uint8Array(0);
  private kindFrom = new Uint8Array(0);
  private durUs = new Float64Array(0);
  private startMs = new Float64Array(0);
  private err = new Uint8Array(0);
  private timing = new Uint8Array(0);
  private line = new Float64Array(0);
  private lenient = new Set<string>();

  /** `floor`: the run's detail level (../analysis/detail.ts): only traces passing it are ever stored. */
  constructor(
    private readonly cap = SPAN_CAP,
    floor = 0,
  ) {
    if (floor > 0) this.raise(floor);
  }

  /** `hash`: traceHash(span.traceId), when the caller has it already. */
  add(span: Span, hash = traceHash(span.traceId)): void {
    const level = this.t.level;
    if (level > 0 && hash >>> (32 - level) !== 0) return;
    const slot = this.t.slotOf(span.traceId, hash);
    if (span.lenientTraceId === true) this.lenient.add(span.traceId);
    const dur = span.startNs !== undefined && span.endNs !== undefined && span.endNs >= span.startNs ? Number((span.endNs - span.startNs) / 1000n) : -1;
    const d = this.dict;
    const startMs = span.startNs !== undefined ? Number(span.startNs / 1000n) / 1000 : NaN;
    const base = this.baseOf(span);
    // (a span without a usable service.name is filed under the name an attribute gives it, or its
    // SDK default's bucket, as the profile files it: service.ts recordServiceOf; a pod name as
    // service.name under its workload: serviceOfName)
    const service = span.resource === this.lastResource ? this.lastService : base !== '' ? base : UNKNOWN_SERVICE;
    this.push(slot, ownString(span.spanId), ownString(span.parentSpanId ?? ''), d.intern(service), d.intern(base), KIND_INDEX[span.spanKind], dur, d.intern(span.source.file), span.source.line ?? span.source.offset ?? -1, d.intern(span.name.slice(0, 80)), span.shared === true ? 1 : 0, startMs, span.status.code === 'error' ? 1 : 0, timingOf(span), span.kindFrom !== undefined ? 1 : 0);
    while (this.n > this.cap) this.raise(this.t.level + 1);
  }

  // Spans of one export request share their Resource: its service.name, when it names the span's
  // service, is read once (an attribute-derived name depends on the span's own attributes).
  private lastResource: Span['resource'] | undefined;
  private lastBase = '';
  /** The profile's bucket of the last resource's service.name (serviceOfName). */
  private lastService = '';

  private baseOf(span: Span): string {
    if (span.resource === this.lastResource) return this.lastBase;
    const base = spanServiceBase(span);
    if (hasServiceIdentity(span)) {
      this.lastResource = span.resource;
      this.lastBase = base;
      this.lastService = serviceOfName(span.resource.serviceName!);
    } else this.lastResource = undefined;
    return base;
  }

  /** `spanId`, `parentId`: strings of their own (ownString). */
  private push(slot: number, spanId: string, parentId: string, service: number, base: number, kind: number, durUs: number, file: number, line: number, name: number, shared: number, startMs: number, err: number, timing: number, kindFrom: number): void {
    const i = this.n;
    // (never more than the cap's spans and the one past it that raises the level: the last doubling stops there)
    if (i === this.trace.length) this.reserve(Math.min(Math.max(1024, i * 2), Math.max(this.cap + 1, i + 1)));
    this.trace[i] = slot;
    this.spanId.push(spanId);
    this.parentId.push(parentId);
    this.service[i] = service;
    this.base[i] = base;
    this.kind[i] = kind;
    this.shared[i] = shared;
    this.kindFrom[i] = kindFrom;
    this.durUs[i] = durUs;
    this.startMs[i] = startMs;
    this.err[i] = err;
    this.timing[i] = timing;
    this.file[i] = file;
    this.line[i] = line;
    this.name[i] = name;
    this.n = i + 1;
  }

  private reserve(size: number): void {
    this.trace = grow(this.trace, size);
    this.service = grow(this.service, size);
    this.base = grow(this.base, size);
    this.file = grow(this.file, size);
    this.name = grow(this.name, size);
    this.kind = grow(this.kind, size);
    this.shared = grow(this.shared, size);
    this.kindFrom = grow(this.kindFrom, size);
    this.durUs = grow(this.durUs, size);
    this.startMs = grow(this.startMs, size);
    this.err = grow(this.err, size);
    this.timing = grow(this.timing, size);
    this.line = grow(this.line, size);
  }

  /** Room for `need` spans (doubling, as `push` grows, up to the cap and the one past it). */
  private ensure(need: number): void {
    if (need > this.trace.length) this.reserve(Math.max(need, Math.min(Math.max(1024, this.trace.length * 2), this.cap + 1)));
  }

  /**
   * Raise the level and drop the traces that no longer pass, keeping the order (see compactRuns);
   * the dictionary is renewed to the strings the kept spans name (renewDict), unless `renew` is
   * false (ahead of a merge: see prepareMerge).
   */
  private raise(level: number, renew = true): void {
    const newSlot = this.t.raise(level);
    this.n = compactRuns(this.trace, this.n, newSlot, [this.service, this.base, this.file, this.name, this.kind, this.shared, this.kindFrom, this.durUs, this.startMs, this.err, this.timing, this.line, this.spanId, this.parentId]);
    if (renew) this.dict = renewDict(this.dict, [this.service, this.base, this.file, this.name], this.n);
    for (const id of this.lenient) if (!keepAtLevel(id, level)) this.lenient.delete(id);
  }

  get sampled(): boolean {
    return this.t.level > 0;
  }

  /** Plain structured-clone data (copies of the used part of each column). */
  state(): TraceStoreState {
    const n = this.n;
    return {
      level: this.t.level,
      traceIds: [...this.t.ids],
      trace: this.trace.slice(0, n),
      spanId: [...this.spanId],
      parentId: [...this.parentId],
      strings: [...this.dict.strings],
      service: this.service.slice(0, n),
      base: this.base.slice(0, n),
      file: this.file.slice(0, n),
      name: this.name.slice(0, n),
      kind: this.kind.slice(0, n),
      shared: this.shared.slice(0, n),
      kindFrom: this.kindFrom.slice(0, n),
      durUs: this.durUs.slice(0, n),
      startMs: this.startMs.slice(0, n),
      err: this.err.slice(0, n),
      timing: this.timing.slice(0, n),
      line: this.line.slice(0, n),
      lenient: [...this.lenient].filter((id) => keepAtLevel(id, this.t.level)).sort(),
    };
  }

  /** For a merge with another thread's store: see TraceLevels and `prepareMerge`. */
  levels(): TraceLevels {
    return this.t.levels(this.trace, this.n);
  }

  /**
   * Before this store and one with `other`'s levels are merged: raise the level now to the one the
   * merge ends at (mergedLevel), so that each thread drops its own traces that the merge would drop,
   * at once, rather than the merging thread appending them and dropping them afterwards. The merge's
   * outcome is unchanged (a level it reaches anyway; counts only grow, so never past the final one).
   */
  prepareMerge(other: TraceLevels): void {
    const level = mergedLevel(this.levels(), other, this.cap);
    // (the dictionary keeps the strings of the spans dropped here, no more than it held: a merge
    // looks up only the strings its spans name, and the next raise of an add renews it)
    if (level !== undefined && level > this.t.level) this.raise(level, false);
  }

  /**
   * Absorb another store: the spans of its traces that pass the (common, higher) level are
   * appended, the level rising as soon as the cap is exceeded — the result of storing all spans in
   * one pass. Spans go by runs of one trace, and runs kept one after another by one copy a column
   * (appendSpans). (The state's strings are its store's own already, or fresh from a structured
   * clone: stored as they are.)
   */
  merge(s: TraceStoreState): void {
    if (s.level > this.t.level) this.raise(s.level);
    for (const id of s.lenient) this.lenient.add(id);
    let map = new DictMap(s.strings, this.dict);
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
        this.ensure(this.n + j - from);
        this.trace.fill(slot, this.n + i - from, this.n + j - from);
        to = j;
        if (this.n + to - from > this.cap) {
          this.appendSpans(s, from, to, map);
          from = to;
          while (this.n > this.cap) this.raise(this.t.level + 1);
          // (slots are renumbered and the dictionary may be new; a trace the raise dropped fails
          // the level from now on, so it never comes back in part)
          map = new DictMap(s.strings, this.dict);
        }
      }
      i = j;
    }
    this.appendSpans(s, from, to, map);
  }

  /** Append the state's spans [from, to) at this.n (their `trace` slots written already; room ensured). */
  private appendSpans(s: TraceStoreState, from: number, to: number, map: DictMap): void {
    if (to <= from) return;
    const named = [[this.service, s.service], [this.base, s.base], [this.file, s.file], [this.name, s.name]] as const;
    copyColumns(named, [[this.kind, s.kind], [this.shared, s.shared], [this.kindFrom, s.kindFrom], [this.durUs, s.durUs], [this.startMs, s.startMs], [this.err, s.err], [this.timing, s.timing], [this.line, s.line]], from, to, this.n, map);
    this.spanId = appendRange(this.spanId, s.spanId, from, to);
    this.parentId = appendRange(this.parentId, s.parentId, from, to);
    this.n += to - from;
  }
}

export interface TraceServiceStats {
  /**
   * The service's logical spans in the stored traces (../analysis/span-tree.ts: a span exported
   * twice once, a Zipkin fragment folded into the span of its id and service), and those whose
   * kind is UNSPECIFIED / whose times are missing or reversed (S-SPAN-KIND, S-SPAN-TIMING): a
   * fragment has neither, so a span sent in pieces has the kind and times of its whole piece.
   */
  spans: number;
  kindUnspecified: number;
  kindExamples: ExampleRecord[];
  /** Of `spans`, those whose kind was not written but read from their shape (Span.kindFrom: a Zipkin local span read as INTERNAL). */
  kindInferred: number;
  badTiming: number;
  timingExamples: ExampleRecord[];
  /** Spans with a parent id, and those whose parent is not in the export. */
  withParent: number;
  orphans: number;
  orphanExamples: ExampleRecord[];
  /** Traces in which the service has spans. */
  traces: number;
  /** Traces whose root span belongs to this service, and those where that root is CLIENT. */
  roots: number;
  clientRoots: number;
  clientRootExamples: ExampleRecord[];
  /** Traces where the service has more than 10 INTERNAL / more than 20 sub-5 ms spans. */
  internalExplosions: number;
  shortExplosions: number;
  /** Traces the service takes part in with more than 20 sub-5 ms spans in total (all services; SPA-005). */
  traceShortExplosions: number;
  maxInternalPerTrace: number;
  maxShortPerTrace: number;
  explosionExamples: ExampleRecord[];
  shortExamples: ExampleRecord[];
  /** Set when the store kept a sample of the traces (past its cap): the share kept (2^-level). */
  sampleShare?: number;
  /** Set with sampleShare: the traces the store kept (of every service) and how many the export has. */
  sample?: SampleInfo;
}

/** The export's distinct trace count, for the sample notes: exact, or an estimate. */
export interface TraceTotal {
  traces: number;
  estimated?: boolean;
}

/**
 * How a service's trace counts are to be read: '' when every trace was examined, else which sample
 * they come from (the traces kept of how many the export has: the one sample every trace check reads).
 */
export function traceSampleNote(st: TraceServiceStats): string {
  const share = st.sampleShare;
  if (share === undefined || share >= 1) return '';
  return sampleNote(st.sample ?? { unit: 'traces', size: st.traces, total: Math.round(st.traces / share), estimated: true, share }, TRACE_SAMPLE_WHY);
}

export const MAX_INTERNAL_PER_TRACE = 10;
export const MAX_SHORT_PER_TRACE = 20;
export const SHORT_SPAN_US = 5_000;

function emptyStats(): TraceServiceStats {
  return { spans: 0, kindUnspecified: 0, kindExamples: [], kindInferred: 0, badTiming: 0, timingExamples: [], withParent: 0, orphans: 0, orphanExamples: [], traces: 0, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 0, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 0, maxShortPerTrace: 0, explosionExamples: [], shortExamples: [] };
}

function exampleOfStored(s: TraceStoreState, traceId: string, i: number, note: string): ExampleRecord {
  const parent = s.parentId[i]!;
  const ex: ExampleRecord = { file: s.strings[s.file[i]!]!, excerpt: `span "${s.strings[s.name[i]!]!}" trace=${traceId} span=${s.spanId[i]!}` + (parent ? ` parent=${parent}` : ''), note };
  const line = s.line[i]!;
  if (line >= 0) ex.line = line;
  return ex;
}

function pushExample(list: ExampleRecord[], ex: ExampleRecord): void {
  list.push(ex);
  list.sort(compareExamples);
  if (list.length > 5) list.length = 5;
}

/**
 * Per-service trace statistics over the stored traces (in first-stored order, spans by
 * provenance), over each trace's logical spans as the correlation's span topology reads them
 * (../analysis/span-tree.ts): a span exported twice counted once, a Zipkin fragment folded into
 * its span, a shared span (Zipkin/B3, flagged or not) the child of its client span.
 */
export function traceStatsByService(s: TraceStoreState, total?: TraceTotal): Map<string, TraceServiceStats> {
  const out = new Map<string, TraceServiceStats>();
  // Past the cap: the traces kept of all (the export's count when the caller knows it, else
  // estimated from the share; never fewer than were kept).
  const share = 2 ** -s.level;
  // A Zipkin 64-bit trace id read with the one 128-bit trace of its low half (lenientTraceJoin):
  // its spans are that trace's, and the two ids are one trace kept.
  const traces = traceSpanLists(s.traceIds, s.trace, s.lenient);
  const kept = traces.length;
  const all = total !== undefined && total.traces >= kept ? total : { traces: Math.round(kept / share), estimated: true };
  const sample: SampleInfo = { unit: 'traces', size: kept, total: all.traces, ...(all.estimated ? { estimated: true as const } : {}), share };
  const get = (svc: string) => {
    let st = out.get(svc);
    if (!st) {
      st = emptyStats();
      if (s.level > 0) {
        st.sampleShare = share;
        st.sample = { ...sample };
      }
      out.set(svc, st);
    }
    return st;
  };
  const str = s.strings;
  // (files compared by their rank among the store's file names: equal ranks, equal names)
  const fileRank = columnRanks(str, s.file);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const byProvenance = (a: number, b: number): number => fileRank[s.file[a]!]! - fileRank[s.file[b]!]! || s.line[a]! - s.line[b]! || cmp(s.spanId[a]!, s.spanId[b]!) || s.startMs[a]! - s.startMs[b]! || a - b;
  // (the service the span names as the topology stores it: '' for none)
  const fieldsOf = (i: number): SpanCopyFields => ({ spanId: s.spanId[i]!, relation: s.shared[i]!, parentId: s.parentId[i]!, service: str[s.base[i]!]!, kind: KIND_INITIALS[s.kind[i]!]!, name: str[s.name[i]!]!, startMs: s.startMs[i]!, durUs: s.durUs[i]!, err: s.err[i]! });
  // One trace (a function of its own, called per trace, so that the engine optimises it on its own
  // after a few traces instead of waiting for the whole function's compile: see analyzeSpans)
  const addTrace = (slot: number, list: number[]): void => {
    const traceId = s.traceIds[slot]!;
    // The first copy of a span by provenance is kept, whatever order the copies were stored in.
    // Services are told apart as the dependency graph tells them (spanServiceKey of the name the
    // span names), and a span without a service is filed under the service of the span whose
    // process it ran in (serviceOwners), as the graph files it: under that span's bucket.
    // (the tree names spans by their position in `list`; `owners` maps positions too)
    list.sort(byProvenance);
    const owners = new Map<number, number>();
    const ownerOf = (p: number): number => list[owners.get(p) ?? p]!;
    const tree = traceTree(list.map(fieldsOf), (p) => spanServiceKey(str[s.base[ownerOf(p)]!]!));
    serviceOwners(tree.spans, tree.parentOf, (p) => str[s.base[list[p]!]!]! !== '', (p) => KIND_INITIALS[s.kind[list[p]!]!]!, owners);
    const perService = new Map<string, { internal: number; short: number; first: number }>();
    for (const p of tree.spans) {
      const i = list[p]!;
      const svc = str[s.service[ownerOf(p)]!]!;
      const st = get(svc);
      let ps = perService.get(svc);
      if (!ps) {
        ps = { internal: 0, short: 0, first: i };
        perService.set(svc, ps);
      } else {
        const file = fileRank[s.file[i]!]!;
        const firstFile = fileRank[s.file[ps.first]!]!;
        if (file < firstFile || (file === firstFile && (s.line[i]! < s.line[ps.first]! || (s.line[i] === s.line[ps.first] && s.spanId[i]! < s.spanId[ps.first]!)))) ps.first = i;
      }
      st.spans++;
      if (s.kindFrom[i] === 1) st.kindInferred++;
      if (s.kind[i] === UNSPECIFIED) {
        st.kindUnspecified++;
        pushExample(st.kindExamples, exampleOfStored(s, traceId, i, 'span kind unspecified'));
      }
      const timing = s.timing[i]!;
      if (timing !== 0) {
        st.badTiming++;
        pushExample(st.timingExamples, exampleOfStored(s, traceId, i, timing === 1 ? 'no start or end time' : 'end before start'));
      }
      if (s.kind[i] === INTERNAL) ps.internal++;
      const dur = s.durUs[i]!;
      if (dur >= 0 && dur < SHORT_SPAN_US) ps.short++;
      // A shared span (Zipkin/B3) is the child of the client span with its own id (Zipkin's
      // SpanNode); without that client in the export it keeps the parent it names.
      if (tree.parentIdOf(p) !== '') {
        st.withParent++;
        if (tree.parentOf(p) === undefined) {
          st.orphans++;
          pushExample(st.orphanExamples, exampleOfStored(s, traceId, i, 'parent span not in the export (in its trace)'));
        }
      } else {
        st.roots++;
        if (s.kind[i] === CLIENT) {
          st.clientRoots++;
          pushExample(st.clientRootExamples, exampleOfStored(s, traceId, i, 'root span of kind CLIENT'));
        }
      }
    }
    let traceShort = 0;
    for (const ps of perService.values()) traceShort += ps.short;
    for (const [svc, ps] of perService) {
      const st = get(svc);
      st.traces++;
      if (traceShort > MAX_SHORT_PER_TRACE) st.traceShortExplosions++;
      st.maxInternalPerTrace = Math.max(st.maxInternalPerTrace, ps.internal);
      st.maxShortPerTrace = Math.max(st.maxShortPerTrace, ps.short);
      if (ps.internal > MAX_INTERNAL_PER_TRACE) {
        st.internalExplosions++;
        pushExample(st.explosionExamples, exampleOfStored(s, traceId, ps.first, `${ps.internal} INTERNAL spans in this trace`));
      }
      if (ps.short > MAX_SHORT_PER_TRACE) {
        st.shortExplosions++;
        pushExample(st.shortExamples, exampleOfStored(s, traceId, ps.first, `${ps.short} spans shorter than 5 ms in this trace`));
      }
    }
  };
  for (const { slot, spans } of traces) addTrace(slot, spans);
  return out;
}
