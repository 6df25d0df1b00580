// The run's sampled traces: one store of whole traces, built once per thread from the spans of the
// run's detail sample, sent once, merged once, and read by both the profile's trace-level checks
// (../profile/trace-store.ts traceStatsByService: orphans, root kind, INTERNAL and sub-5 ms spans
// per trace) and the correlation's span topology (../correlation/spans.ts: dependency graph,
// symptoms, root causes). Each reads the columns through its view (profileTraceView,
// correlationTraceView), which gives it exactly the values it always read.
//
// Sampling rule: every trace is kept until SPAN_CAP spans are stored; then only traces whose id
// hash has `level` leading zero bits, the level rising until the spans fit. The final level is the
// smallest one at which all spans of the passing traces fit, whatever the order of arrival or
// merge, so the kept set depends on the data alone. The run's detail level is the floor.
//
// Spans are stored by column (typed arrays, one dictionary for the repeated strings: see
// trace-columns.ts): a few blocks to clone between threads, little for the garbage collector.
import type { Attributes, SignalRecord, Span } from '../model/index.js';
import type { Collector } from './collector.js';
import { DictMap, StringDict, TraceSlots, appendRange, compactRuns, copyColumns, grow, mergedLevel, ownString, renewDict, type TraceLevels } from './trace-columns.js';
import { keepAtLevel, traceHash } from './trace-ids.js';
import { spanServiceBase } from '../profile/service-identity.js';
import { hasServiceIdentity, serviceOfName, UNKNOWN_SERVICE } from '../profile/service.js';

export const SPAN_CAP = 100_000;

/** The id of the sampled traces among the analysis's plug-in collectors (../analysis/extensions.ts), and of their state. */
export const TRACES_ID = 'traces';

/** The characters of a span name stored (the correlation's examples show them; the profile's, the first PROFILE_NAME_CHARS). */
export const NAME_CHARS = 120;
export const PROFILE_NAME_CHARS = 80;

export interface SampledTracesState {
  level: number;
  /** The run's detail level the store started at (detail.ts; 0: every span examined): `level` == floor > 0 is the detail sample, not the cap. */
  floor: number;
  /** Trace ids by slot, in first-stored order; `trace[i]` is the slot of span i (spans in stored order). */
  traceIds: string[];
  trace: Uint32Array;
  spanId: string[];
  /** '' for a root span. */
  parentId: string[];
  /** Dictionary of service, base, peer, file and name. */
  strings: string[];
  /** The service bucket the profile files the span under (../profile/service.ts recordServiceOf). */
  service: Uint32Array;
  /**
   * The service the span names ('' for none; an SDK default's bucket: spanServiceBase): what the
   * trace trees tell services apart by, and the service the correlation files the span under.
   */
  base: Uint32Array;
  /** For client/producer spans: the callee as named by peer attributes ('system|name'), else ''. */
  peer: Uint32Array;
  file: Uint32Array;
  /** Span name, cut to NAME_CHARS characters. */
  name: Uint32Array;
  /** Index into KIND_INITIALS. */
  kind: Uint8Array;
  /** 1: a shared span (Span.shared): its parent is the span with its own id; 2: a FOLLOWS_FROM child (followsFrom). */
  shared: Uint8Array;
  /** 1: the kind was read from the span's shape, not written (Span.kindFrom 'zipkin-local'). */
  kindFrom: Uint8Array;
  /** 1: status error. */
  err: Uint8Array;
  /** S-SPAN-TIMING of the span: 0 a start and an end with end ≥ start, 1 no start or no end, 2 end before start (or no start after 1970). */
  timing: Uint8Array;
  /** Start in ms (whole µs / 1000); NaN: unknown. */
  startMs: Float64Array;
  /** Duration in whole µs (the ns cut down), −1: unknown (or end before start). */
  durUs: Float64Array;
  /**
   * Duration in µs as the ns duration over 1000 (with its fraction), −1: unknown. Not always
   * durUs plus a fraction: past 2^53 ns the two round differently, so each reader keeps its own.
   */
  durUsExact: Float64Array;
  /** Line, else byte offset (byOffset 1), else −1. */
  line: Float64Array;
  /** 1: `line` holds the span's byte offset (it has no line). */
  byOffset: Uint8Array;
  /** Stored 64-bit trace ids read from a Zipkin input (Span.lenientTraceId), sorted: see lenientTraceJoin. */
  lenient: string[];
}

export const KIND_INITIALS = ['U', 'I', 'S', 'C', 'P', 'K'] as const;
const KIND_INDEX: Record<Span['spanKind'], number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/** The span's S-SPAN-TIMING verdict (SampledTracesState.timing), as SpanProfile judged each record. */
function timingOf(span: Span): number {
  const start = span.startNs;
  const end = span.endNs;
  if (start === undefined || end === undefined) return 1;
  return start > 0n && end >= start ? 0 : 2;
}

function attrString(attrs: Attributes, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = attrs[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Whether a span's parent reference is asynchronous (FOLLOWS_FROM): as Jaeger says it, or as the
 * OpenTelemetry Collector's Jaeger translator keeps it in OTLP (the parent also a link with
 * `opentracing.ref_type` = `follows_from`).
 */
export function followsFrom(span: Span): boolean {
  if (span.followsFrom === true) return true;
  const p = span.parentSpanId;
  if (p === undefined || span.links.length === 0) return false;
  for (const l of span.links) if (l.spanId === p && l.attributes['opentracing.ref_type'] === 'follows_from') return true;
  return false;
}

/** For client/producer spans: the callee as named by peer attributes ('system|name'). */
export function peerOf(span: Span): string {
  if (span.spanKind !== 'client' && span.spanKind !== 'producer') return '';
  const a = span.attributes;
  const db = attrString(a, 'db.system.name', 'db.system');
  const msg = attrString(a, 'messaging.system');
  const peer = attrString(a, 'peer.service');
  const host = attrString(a, 'server.address', 'net.peer.name', 'net.host.name', 'http.host');
  const system = db !== undefined ? 'database' : msg !== undefined ? 'messaging' : attrString(a, 'rpc.system', 'rpc.system.name') !== undefined ? 'rpc' : 'http';
  const dest = msg !== undefined ? attrString(a, 'messaging.destination.name', 'messaging.destination') : undefined;
  // (an RPC with no host named: the service it calls, as AWS SDK spans name `DynamoDB` or `S3`)
  const name = peer ?? (db !== undefined ? (attrString(a, 'db.namespace', 'db.name') !== undefined && host === undefined ? db : host ?? db) : msg !== undefined ? host ?? dest ?? msg : host ?? (system === 'rpc' ? attrString(a, 'rpc.service') : undefined));
  return name === undefined ? '' : `${system}|${name}`;
}

// (one hash and one rule for every sample by trace id: trace-ids.ts)
export { keepAtLevel, traceHash };

export class SampledTraces {
  private readonly t = new TraceSlots(traceHash);
  private n = 0;
  private dict = new StringDict();
  private spanId: string[] = [];
  private parentId: string[] = [];
  private trace = new Uint32Array(0);
  private service = new Uint32Array(0);
  private base = new Uint32Array(0);
  private peer = new Uint32Array(0);
  private file = new Uint32Array(0);
  private name = new Uint32Array(0);
  private kind = new Uint8Array(0);
  private shared = new Uint8Array(0);
  private kindFrom = new Uint8Array(0);
  private err = new Uint8Array(0);
  private timing = new Uint8Array(0);
  private startMs = new Float64Array(0);
  private durUs = new Float64Array(0);
  private durUsExact = new Float64Array(0);
  private line = new Float64Array(0);
  private byOffset = new Uint8Array(0);
  private lenient = new Set<string>();
  /** See SampledTracesState.floor. */
  private floor: number;

  /** `floor`: the run's detail level (detail.ts): only traces passing it are ever stored. */
  constructor(
    private readonly cap = SPAN_CAP,
    floor = 0,
  ) {
    this.floor = Math.max(0, floor);
    if (floor > 0) this.raise(floor);
  }

  get level(): number {
    return this.t.level;
  }

  /** Store a span of the run's detail sample (when its trace passes the level). `hash`: traceHash(span.traceId), when the caller has it already. */
  add(span: Span, hash = traceHash(span.traceId)): void {
    const level = this.t.level;
    if (level > 0 && hash >>> (32 - level) !== 0) return;
    const slot = this.t.slotOf(span.traceId, hash);
    if (span.lenientTraceId === true) this.lenient.add(span.traceId);
    const start = span.startNs;
    const end = span.endNs;
    const timed = start !== undefined && end !== undefined && end >= start;
    const d = this.dict;
    const base = this.baseOf(span);
    // (a span without a usable service.name is filed under the name an attribute gives it, or its
    // SDK default's bucket, as the profile files it: service.ts recordServiceOf; a pod name as
    // service.name under its workload: serviceOfName)
    const service = span.resource === this.lastResource ? this.lastService : base !== '' ? base : UNKNOWN_SERVICE;
    const src = span.source;
    const at = src.line ?? src.offset ?? -1;
    this.push(
      slot,
      ownString(span.spanId),
      ownString(span.parentSpanId ?? ''),
      d.intern(service),
      d.intern(base),
      d.intern(peerOf(span)),
      d.intern(src.file),
      d.intern(span.name.slice(0, NAME_CHARS)),
      KIND_INDEX[span.spanKind],
      span.shared === true ? 1 : followsFrom(span) ? 2 : 0,
      span.kindFrom !== undefined ? 1 : 0,
      span.status.code === 'error' ? 1 : 0,
      timingOf(span),
      start !== undefined ? Number(start / 1000n) / 1000 : NaN,
      timed ? Number((end - start) / 1000n) : -1,
      timed ? Number(end - start) / 1000 : -1,
      at,
      src.line === undefined && src.offset !== undefined ? 1 : 0,
    );
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
  private push(slot: number, spanId: string, parentId: string, service: number, base: number, peer: number, file: number, name: number, kind: number, shared: number, kindFrom: number, err: number, timing: number, startMs: number, durUs: number, durUsExact: number, line: number, byOffset: number): void {
    const i = this.n;
    // (never more than the cap's spans and the one past it that raises the level: the last doubling stops there)
    if (i === this.trace.length) this.reserve(Math.min(Math.max(1024, i * 2), Math.max(this.cap + 1, i + 1)));
    this.trace[i] = slot;
    this.spanId.push(spanId);
    this.parentId.push(parentId);
    this.service[i] = service;
    this.base[i] = base;
    this.peer[i] = peer;
    this.file[i] = file;
    this.name[i] = name;
    this.kind[i] = kind;
    this.shared[i] = shared;
    this.kindFrom[i] = kindFrom;
    this.err[i] = err;
    this.timing[i] = timing;
    this.startMs[i] = startMs;
    this.durUs[i] = durUs;
    this.durUsExact[i] = durUsExact;
    this.line[i] = line;
    this.byOffset[i] = byOffset;
    this.n = i + 1;
  }

  /** The dictionary-index columns (mapped through the dictionary when spans move between stores), and the typed columns copied as they are. */
  private named(): Uint32Array[] {
    return [this.service, this.base, this.peer, this.file, this.name];
  }

  private plain(): (Uint8Array | Float64Array)[] {
    return [this.kind, this.shared, this.kindFrom, this.err, this.timing, this.startMs, this.durUs, this.durUsExact, this.line, this.byOffset];
  }

  private reserve(size: number): void {
    this.trace = grow(this.trace, size);
    this.service = grow(this.service, size);
    this.base = grow(this.base, size);
    this.peer = grow(this.peer, size);
    this.file = grow(this.file, size);
    this.name = grow(this.name, size);
    this.kind = grow(this.kind, size);
    this.shared = grow(this.shared, size);
    this.kindFrom = grow(this.kindFrom, size);
    this.err = grow(this.err, size);
    this.timing = grow(this.timing, size);
    this.startMs = grow(this.startMs, size);
    this.durUs = grow(this.durUs, size);
    this.durUsExact = grow(this.durUsExact, size);
    this.line = grow(this.line, size);
    this.byOffset = grow(this.byOffset, size);
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
    this.n = compactRuns(this.trace, this.n, newSlot, [...this.named(), ...this.plain(), this.spanId, this.parentId]);
    if (renew) this.dict = renewDict(this.dict, this.named(), this.n);
    for (const id of this.lenient) if (!keepAtLevel(id, level)) this.lenient.delete(id);
  }

  /** Plain structured-clone data (copies of the used part of each column). */
  state(): SampledTracesState {
    const n = this.n;
    return {
      level: this.t.level,
      floor: this.floor,
      traceIds: [...this.t.ids],
      trace: this.trace.slice(0, n),
      spanId: [...this.spanId],
      parentId: [...this.parentId],
      strings: [...this.dict.strings],
      service: this.service.slice(0, n),
      base: this.base.slice(0, n),
      peer: this.peer.slice(0, n),
      file: this.file.slice(0, n),
      name: this.name.slice(0, n),
      kind: this.kind.slice(0, n),
      shared: this.shared.slice(0, n),
      kindFrom: this.kindFrom.slice(0, n),
      err: this.err.slice(0, n),
      timing: this.timing.slice(0, n),
      startMs: this.startMs.slice(0, n),
      durUs: this.durUs.slice(0, n),
      durUsExact: this.durUsExact.slice(0, n),
      line: this.line.slice(0, n),
      byOffset: this.byOffset.slice(0, n),
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
  merge(s: SampledTracesState): void {
    // (the states of one run share its detail level; the highest one merged in holds for all)
    this.floor = Math.max(this.floor, s.floor);
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
  private appendSpans(s: SampledTracesState, from: number, to: number, map: DictMap): void {
    if (to <= from) return;
    const named = [
      [this.service, s.service],
      [this.base, s.base],
      [this.peer, s.peer],
      [this.file, s.file],
      [this.name, s.name],
    ] as const;
    const plain = [
      [this.kind, s.kind],
      [this.shared, s.shared],
      [this.kindFrom, s.kindFrom],
      [this.err, s.err],
      [this.timing, s.timing],
      [this.startMs, s.startMs],
      [this.durUs, s.durUs],
      [this.durUsExact, s.durUsExact],
      [this.line, s.line],
      [this.byOffset, s.byOffset],
    ] as const;
    copyColumns(named, plain, from, to, this.n, map);
    this.spanId = appendRange(this.spanId, s.spanId, from, to);
    this.parentId = appendRange(this.parentId, s.parentId, from, to);
    this.n += to - from;
  }
}

export function emptySampledTracesState(): SampledTracesState {
  return new SampledTraces(0).state();
}

/**
 * The sampled traces as one of the analysis's plug-in collectors (../analysis/extensions.ts): the
 * spans of the run's detail sample (`detail`), other records ignored. What it tells another thread
 * ahead of a merge: its levels (SampledTraces.prepareMerge).
 */
export class SampledTracesCollector implements Collector<SampledTracesState, TraceLevels> {
  private readonly store: SampledTraces;
  private lastTraceId: string | undefined;
  private lastHash = 0;

  constructor(detailLevel = 0, cap = SPAN_CAP) {
    this.store = new SampledTraces(cap, detailLevel);
  }

  add(record: SignalRecord, _inputIndex?: number, detail = true): void {
    if (record.kind !== 'span' || !detail) return;
    // Spans of one trace mostly come together: hash each run's trace id once.
    const tid = record.traceId;
    if (tid !== this.lastTraceId) {
      this.lastTraceId = tid;
      this.lastHash = traceHash(tid);
    }
    this.store.add(record, this.lastHash);
  }

  state(): SampledTracesState {
    return this.store.state();
  }

  merge(s: SampledTracesState): void {
    this.store.merge(s);
  }

  mergeSize(): TraceLevels {
    return this.store.levels();
  }

  prepareMerge(other: TraceLevels): void {
    this.store.prepareMerge(other);
  }
}

/** The profile's reading of the sampled traces: as SampledTracesState, with names cut to PROFILE_NAME_CHARS and `shared` 1 only for a shared span (a FOLLOWS_FROM child is 0 to it). */
export interface ProfileTraceView extends SampledTracesState {
  /** `nameOf(k)`: the dictionary string `k` as a span name the profile reads. */
  nameOf: (k: number) => string;
}

export function profileTraceView(s: SampledTracesState): ProfileTraceView {
  const cut: (string | undefined)[] = new Array<string | undefined>(s.strings.length);
  const shared = s.shared.map((x) => (x === 1 ? 1 : 0));
  return { ...s, shared, nameOf: (k) => (cut[k] ??= s.strings[k]!.slice(0, PROFILE_NAME_CHARS)) };
}

/**
 * The correlation's reading of the sampled traces: `service` the service the span names (base),
 * `durUs` the duration with its fraction (durUsExact), `line` the span's line or −1 (never its byte
 * offset), names as stored (NAME_CHARS), `shared` 0/1/2.
 */
export type CorrelationTraceView = Omit<SampledTracesState, 'service' | 'durUs' | 'line'> & { service: Uint32Array; durUs: Float64Array; line: Float64Array };

export function correlationTraceView(s: SampledTracesState): CorrelationTraceView {
  let line = s.line;
  if (s.byOffset.includes(1)) {
    line = s.line.slice();
    for (let i = 0; i < line.length; i++) if (s.byOffset[i] === 1) line[i] = -1;
  }
  return { ...s, service: s.base, durUs: s.durUsExact, line };
}
