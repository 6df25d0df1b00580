// Span topology from the trace sample: canonical services, entry spans, cross-service parent →
// child calls, peer calls to uninstrumented callees, orphans, roots, child-outside-parent skew,
// and per-service time-bucketed latency/error series for symptoms and root-cause replay.
import type { CorrelationState } from './collector.js';
import { KIND_INITIALS, correlationTraceView, type CorrelationTraceView, type SampledTracesState } from '../analysis/sampled-traces.js';
import { columnRanks, traceSpanLists } from '../analysis/trace-columns.js';
import { isUnknownService, spanServiceKey, UNKNOWN_SERVICE, type ServiceResolver } from './service-identity.js';
import type { DependencyEdge, DependencyGraph, DependencyNode } from './types.js';
import type { SpanCopyFields } from '../analysis/span-copies.js';
import { serviceOwners, traceTree } from '../analysis/span-tree.js';
import { addLatency, latencyQuantile, mergeLatency, type LatencyHistogram } from './sketches.js';

/** Tolerance before a child span counts as outside its parent (clock resolution, rounding). */
export const SKEW_TOLERANCE_MS = 1;

const KIND_NAMES: Record<string, string> = { U: 'UNSPECIFIED', I: 'INTERNAL', S: 'SERVER', C: 'CLIENT', P: 'PRODUCER', K: 'CONSUMER' };

export interface ExampleSpan {
  file: string;
  line: number;
  excerpt: string;
  note: string;
}

/** One time bucket of a series: its spans (or calls), the errors among them, and the latency of those with a duration (undefined: none). */
export interface BucketCell {
  count: number;
  errors: number;
  latency: LatencyHistogram | undefined;
}

/**
 * Time-bucketed series of one service (or one callee, for call series), by bucket number. (A Map:
 * bucket numbers are epoch-based, ~10^8, and an object keyed by them is a hash table all the same.)
 */
export type BucketSeries = Map<number, BucketCell>;

export interface SpanTopology {
  /** Sampling share of the trace sample (1 = every trace). */
  share: number;
  spansStored: number;
  traces: number;
  orphanSpans: number;
  /** Copies of a span exported twice, left out of the structure checks (see ../analysis/span-tree.ts). */
  duplicateSpans: number;
  /** Of those, copies whose kind differs from the kept copy's (the span is read by the kept copy's kind). */
  duplicateKindConflicts: number;
  kindConflictExamples: ExampleSpan[];
  /** Zipkin fragments (pieces without kind or times) folded into their span, left out likewise. */
  fragmentSpans: number;
  orphanExamples: ExampleSpan[];
  multiRootTraces: number;
  noRootTraces: number;
  rootExamples: ExampleSpan[];
  crossServiceChildren: number;
  childOutsideParent: number;
  skewExamples: ExampleSpan[];
  skewByPair: Map<string, number[]>;
  /** spanId → [start ms, end ms, canonical service] for log joins (empty when analyzeSpans was told no `spanTimes`). */
  spanTimes: Map<string, [number, number, string]>;
  /** Entry spans per service: latency of the service's own work as its callers reach it. */
  entry: Map<string, BucketSeries>;
  /** Latency of calls into a service as the caller saw them (client span or caller's span). */
  calls: Map<string, BucketSeries>;
  /** Caller time around the call not spent in the callee's span (network, queues, retries). */
  gaps: Map<string, BucketSeries>;
  graph: DependencyGraph;
  /** callee lists per caller, for explaining a caller's symptoms by its callees. */
  callees: Map<string, Set<string>>;
  servicesWithSpans: Set<string>;
}

/**
 * Services whose time-bucketed series are kept for symptom detection (each series holds latency
 * histograms per bucket): an export of 100,000 service names (a request id in service.name) held
 * 600 MB of them. Past the cap, a service is in the graph but not scanned for symptoms.
 */
export const MAX_SERIES_SERVICES = 2_000;

function series(map: Map<string, BucketSeries>, key: string): BucketSeries | undefined {
  let s = map.get(key);
  if (!s) {
    if (map.size >= MAX_SERIES_SERVICES) return undefined;
    s = new Map();
    map.set(key, s);
  }
  return s;
}

function addTo(s: BucketSeries | undefined, bucket: number, durUs: number, err: boolean): void {
  if (s === undefined) return;
  let cell = s.get(bucket);
  if (cell === undefined) s.set(bucket, (cell = { count: 0, errors: 0, latency: undefined }));
  cell.count++;
  if (err) cell.errors++;
  if (durUs >= 0) addLatency((cell.latency ??= new Map()), durUs);
}

function pushCapped<T>(list: T[], item: T, cap = 5): void {
  if (list.length < cap) list.push(item);
}

interface EdgeAcc {
  from: string;
  to: string;
  kind: DependencyEdge['kind'];
  calls: number;
  errors: number;
  /** Durations of the calls in µs, each kept (the trace sample bounds them): exact quantiles. */
  latency: number[];
  system?: string;
}

/**
 * `spanTimes`: whether to fill `SpanTopology.spanTimes` (read only to compare log records with their
 * span: a run without log records skips it, ~40 % of this function's time over a full trace sample).
 */
export function analyzeSpans(state: CorrelationState, sampled: SampledTracesState, resolver: ServiceResolver, opts: { spanTimes?: boolean } = {}): SpanTopology {
  const wantTimes = opts.spanTimes ?? true;
  const bucketMs = state.bucketS * 1000;
  const share = 1 / 2 ** sampled.level;
  // The stored spans are read from the sample's columns (c.kind[i], c.startMs[i], ... of row i),
  // trace by trace, the traces sorted by id so that results never depend on the order they arrived in.
  const c = correlationTraceView(sampled);
  const str = c.strings;
  const kindOf = (i: number): string => KIND_INITIALS[c.kind[i]!]!;
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const traces = traceSpanLists(c.traceIds, c.trace, c.lenient).sort((a, b) => order(c.traceIds[a.slot]!, c.traceIds[b.slot]!));
  const topo: SpanTopology = {
    share,
    spansStored: 0,
    traces: traces.length,
    orphanSpans: 0,
    duplicateSpans: 0,
    duplicateKindConflicts: 0,
    kindConflictExamples: [],
    fragmentSpans: 0,
    orphanExamples: [],
    multiRootTraces: 0,
    noRootTraces: 0,
    rootExamples: [],
    crossServiceChildren: 0,
    childOutsideParent: 0,
    skewExamples: [],
    skewByPair: new Map(),
    spanTimes: new Map(),
    entry: new Map(),
    calls: new Map(),
    gaps: new Map(),
    graph: { nodes: [], edges: [], sampled: share < 1 },
    callees: new Map(),
    servicesWithSpans: new Set(),
  };
  // edges by caller, then callee: the kinds of one pair (call, messaging, peer) in a short list
  // (no key string built per call)
  const edges = new Map<string, Map<string, EdgeAcc[]>>();
  const nodeStats = new Map<string, { spans: number; errors: number; kind: 'service' | 'peer'; system?: string }>();
  const edge = (from: string, to: string, kind: DependencyEdge['kind'], system?: string): EdgeAcc => {
    let byCallee = edges.get(from);
    if (!byCallee) edges.set(from, (byCallee = new Map()));
    let kinds = byCallee.get(to);
    if (!kinds) {
      byCallee.set(to, (kinds = []));
      // (the callee's first edge from this caller: callees keep the order they were first called in)
      let callees = topo.callees.get(from);
      if (!callees) topo.callees.set(from, (callees = new Set()));
      callees.add(to);
    }
    let e = kinds.find((x) => x.kind === kind);
    if (!e) {
      e = { from, to, kind, calls: 0, errors: 0, latency: [], ...(system ? { system } : {}) };
      kinds.push(e);
    }
    return e;
  };
  // (files compared by their rank among the sample's file names: equal ranks, equal names)
  const fileRank = columnRanks(str, c.file);
  const bySource = (a: number, b: number): number => fileRank[c.file[a]!]! - fileRank[c.file[b]!]! || c.line[a]! - c.line[b]! || order(c.spanId[a]!, c.spanId[b]!) || c.startMs[a]! - c.startMs[b]!;
  // The canonical service of a stored service name, by dictionary index (resolved once per name).
  // (the unknown buckets are no names to join: `(unknown service)`, `(unknown service: java)`)
  const canonical: (string | undefined)[] = new Array<string | undefined>(str.length);
  const serviceName = (k: number): string => {
    let name = canonical[k];
    if (name === undefined) {
      const own = str[k]!;
      canonical[k] = name = own === '' ? UNKNOWN_SERVICE : isUnknownService(own) ? own : resolver.resolve(own);
    }
    return name;
  };
  const example = (i: number, service: string, note: string): ExampleSpan => ({ file: str[c.file[i]!]!, line: c.line[i]!, excerpt: `${service}: ${str[c.name[i]!]!}`, note });
  // One trace's spans (rows of the columns): a function of its own, called per trace, so that the
  // engine optimises it on its own after a few traces; as the body of a loop run once, it waited
  // for the whole of analyzeSpans to be compiled on the stack (~0.4 s of compile, twice), run
  // unoptimised meanwhile.
  const addTrace = (rows: number[]): void => {
    // Merged pieces append spans in any order: sort by provenance so examples never depend on it.
    // The trace's logical spans and their parents (../analysis/span-tree.ts, the rule the profile's
    // per-trace checks read too): a span exported twice once, a Zipkin fragment folded into its
    // span, a shared span (Zipkin/B3: the server side re-using its client's span id) under the
    // client span of that id, and a span naming that id as parent under the shared span of its own
    // service (Zipkin: of its own endpoint), else the client, else a shared span of another
    // service. When the client span is not in the export (an uninstrumented caller sent B3
    // headers), the shared span keeps the parent it names.
    // A span is filed under the canonical service of the span that owns it (itself, or for a span
    // without a service the ancestor whose process it ran in: serviceOwners); the tree tells
    // services apart by spanServiceKey, as the profile's per-trace checks do (the resolver joins
    // two span services exactly when their keys are equal).
    // The tree names a span by its position p in `rows` (its row: rows[p]); `owners` maps positions.
    rows.sort(bySource);
    const owners = new Map<number, number>();
    const ownerRow = (p: number): number => rows[owners.get(p) ?? p]!;
    const tree = traceTree(rows.map((i) => storedFields(c, i)), (p) => spanServiceKey(str[c.service[ownerRow(p)]!]!));
    const list = tree.spans;
    topo.duplicateSpans += tree.copies;
    topo.duplicateKindConflicts += tree.kindConflicts.length;
    for (const { copy, keptKind } of tree.kindConflicts) {
      const i = rows[copy]!;
      pushCapped(topo.kindConflictExamples, example(i, serviceName(c.service[ownerRow(copy)]!), `span ${c.spanId[i]!} exported twice, as ${KIND_NAMES[kindOf(i)] ?? kindOf(i)} here and ${KIND_NAMES[keptKind] ?? keptKind} in the copy kept: read as ${KIND_NAMES[keptKind] ?? keptKind}`));
    }
    topo.fragmentSpans += tree.fragments;
    topo.spansStored += list.length;
    const parentOf = tree.parentOf;
    serviceOwners(list, parentOf, (p) => str[c.service[rows[p]!]!]! !== '', (p) => kindOf(rows[p]!), owners);
    // the canonical service of each logical span, by position
    const svc: string[] = new Array<string>(rows.length);
    for (const p of list) svc[p] = serviceName(c.service[ownerRow(p)]!);
    const hasCrossChild = new Uint8Array(rows.length);
    let roots = 0;
    let firstRoot: number | undefined;
    for (const p of list) {
      const i = rows[p]!;
      const service = svc[p]!;
      const kind = kindOf(i);
      const start = c.startMs[i]!;
      const dur = c.durUs[i]!;
      const err = c.err[i]!;
      topo.servicesWithSpans.add(service);
      // (a service met first as the peer a client called, in an earlier trace, is a service all
      // the same once it has spans of its own: the graph's kinds never depend on trace order)
      let ns = nodeStats.get(service);
      if (ns === undefined || ns.kind === 'peer') nodeStats.set(service, (ns = { spans: 0, errors: 0, kind: 'service' }));
      ns.spans++;
      ns.errors += err;
      // (an id held by several spans: the one the tree holds it by, else the first by provenance)
      if (wantTimes) {
        const id = c.spanId[i]!;
        if (tree.holderOf(id) === p || !topo.spanTimes.has(id)) topo.spanTimes.set(id, [start, dur >= 0 ? start + dur / 1000 : start, service]);
      }
      const parentId = tree.parentIdOf(p);
      if (parentId === '') {
        roots++;
        firstRoot ??= p;
      }
      const parent = parentOf(p);
      // a parent is looked for in the span's own trace, as trace viewers build their trees (and as
      // COR-006 counts roots): a span of that id in another trace is no parent
      if (parentId !== '' && parent === undefined) {
        topo.orphanSpans++;
        pushCapped(topo.orphanExamples, example(i, service, `parent ${parentId} is not in the export (in its trace)`));
      }
      const parentService = parent !== undefined ? svc[parent]! : undefined;
      const isEntry = parent === undefined || parentService !== service || kind === 'S' || kind === 'K';
      const bucket = Number.isFinite(start) ? Math.floor(start / bucketMs) : NaN;
      if (isEntry && Number.isFinite(bucket)) addTo(series(topo.entry, service), bucket, dur, err === 1);
      if (parent !== undefined && parentService !== service) {
        const q = rows[parent]!;
        const parentKind = kindOf(q);
        const parentStart = c.startMs[q]!;
        const parentDur = c.durUs[q]!;
        hasCrossChild[parent] = 1;
        topo.crossServiceChildren++;
        const messaging = parentKind === 'P' || kind === 'K';
        // a FOLLOWS_FROM child: its parent does not wait for it (no call time, no skew bound)
        const async = messaging || c.shared[i] === 2;
        const clientObserved = parentKind === 'C' || parentKind === 'P';
        const callDur = clientObserved && parentDur >= 0 ? parentDur : dur;
        const callErr = err === 1 || (clientObserved && c.err[q] === 1);
        const e = edge(parentService!, service, messaging ? 'messaging' : 'call');
        e.calls++;
        if (callErr) e.errors++;
        if (callDur >= 0) e.latency.push(callDur);
        if (Number.isFinite(bucket)) {
          addTo(series(topo.calls, service), bucket, parentDur, callErr);
          if (parentDur >= 0 && dur >= 0 && !async) addTo(series(topo.gaps, service), bucket, Math.max(0, parentDur - dur), false);
        }
        // Skew: a synchronous callee cannot start before its caller or end after it.
        if (Number.isFinite(start) && Number.isFinite(parentStart) && parentDur >= 0 && dur >= 0 && !async) {
          const pEnd = parentStart + parentDur / 1000;
          const cEnd = start + dur / 1000;
          const before = parentStart - start;
          const after = cEnd - pEnd;
          const out = Math.max(before, after);
          if (out > SKEW_TOLERANCE_MS) {
            topo.childOutsideParent++;
            const pair = `${parentService} → ${service}`;
            const arr = topo.skewByPair.get(pair) ?? [];
            if (arr.length < 10_000) arr.push(out);
            topo.skewByPair.set(pair, arr);
            pushCapped(topo.skewExamples, example(i, service, `${out.toFixed(1)} ms outside its parent in ${parentService}`));
          }
        }
      }
    }
    // Peer calls: client/producer spans whose callee left no span of its own.
    for (const p of list) {
      const i = rows[p]!;
      const peer = str[c.peer[i]!]!;
      if (peer === '' || hasCrossChild[p] === 1) continue;
      const sep = peer.indexOf('|');
      const system = peer.slice(0, sep);
      const caller = svc[p]!;
      const callee = resolver.resolvePeer(peer.slice(sep + 1), caller);
      if (callee === caller) continue;
      const dur = c.durUs[i]!;
      const e = edge(caller, callee, system === 'messaging' ? 'messaging' : 'peer', system);
      e.calls++;
      if (c.err[i] === 1) e.errors++;
      if (dur >= 0) e.latency.push(dur);
      if (!nodeStats.has(callee)) nodeStats.set(callee, { spans: 0, errors: 0, kind: 'peer', system });
      const start = c.startMs[i]!;
      const bucket = Number.isFinite(start) ? Math.floor(start / bucketMs) : NaN;
      if (Number.isFinite(bucket)) addTo(series(topo.calls, callee), bucket, dur, c.err[i] === 1);
    }
    if (roots > 1) {
      topo.multiRootTraces++;
      if (firstRoot !== undefined) pushCapped(topo.rootExamples, example(rows[firstRoot]!, svc[firstRoot]!, `one of ${roots} root spans in its trace`));
    } else if (roots === 0) {
      topo.noRootTraces++;
      const first = list[0];
      if (first !== undefined) pushCapped(topo.rootExamples, example(rows[first]!, svc[first]!, `no root span in its trace: each of its ${list.length} span${list.length === 1 ? ' names a parent' : 's names a parent'}`));
    }
  };
  for (const { spans: rows } of traces) addTrace(rows);
  const scale = (n: number) => Math.round(n / share);
  // Calls and errors into each callee, summed once (per node over all edges was quadratic: a
  // 36 MB export of 100,000 services took 600 MB).
  const into = new Map<string, { calls: number; errors: number }>();
  const edgeList: EdgeAcc[] = [];
  for (const byCallee of edges.values()) for (const kinds of byCallee.values()) edgeList.push(...kinds);
  for (const e of edgeList) {
    const t = into.get(e.to);
    if (t) {
      t.calls += e.calls;
      t.errors += e.errors;
    } else into.set(e.to, { calls: e.calls, errors: e.errors });
  }
  const nodes: DependencyNode[] = [...nodeStats].map(([service, n]) => {
    const calls = into.get(service)?.calls ?? 0;
    const errs = into.get(service)?.errors ?? 0;
    const node: DependencyNode = {
      service,
      kind: n.kind,
      spans: scale(n.spans),
      errorRate: n.kind === 'peer' ? (calls > 0 ? round(errs / calls, 4) : 0) : n.spans > 0 ? round(n.errors / n.spans, 4) : 0,
    };
    if (n.system) node.system = n.system;
    return node;
  });
  nodes.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  const out: DependencyEdge[] = edgeList.map((e) => ({
    from: e.from,
    to: e.to,
    kind: e.kind,
    calls: scale(e.calls),
    errors: scale(e.errors),
    errorRate: e.calls > 0 ? round(e.errors / e.calls, 4) : 0,
    latencyMs: edgeLatency(e.latency),
  }));
  out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  topo.graph = { nodes, edges: out, sampled: share < 1 };
  return topo;
}

/** p50, p95 and p99 of the calls' durations (nearest rank: each a duration some call took), in ms. */
function edgeLatency(us: number[]): DependencyEdge['latencyMs'] {
  if (us.length === 0) return { p50: null, p95: null, p99: null };
  const sorted = Float64Array.from(us).sort();
  const at = (q: number): number | null => ms(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function ms(us: number | null): number | null {
  return us === null ? null : round(us / 1000, 3);
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Merge a series' latency histograms over buckets [from, to). */
export function pooledLatency(s: BucketSeries | undefined, from: number, to: number): LatencyHistogram {
  const h: LatencyHistogram = new Map();
  if (!s) return h;
  for (const [b, cell] of s) if (b >= from && b < to && cell.latency !== undefined) mergeLatency(h, cell.latency);
  return h;
}

export function pooledCounts(s: BucketSeries | undefined, from: number, to: number): { count: number; errors: number } {
  let count = 0;
  let errors = 0;
  if (!s) return { count, errors };
  for (const [b, cell] of s) {
    if (b >= from && b < to) {
      count += cell.count;
      errors += cell.errors;
    }
  }
  return { count, errors };
}

/** The fields of stored span (row) `i` that place it in its trace (../analysis/span-tree.ts). */
function storedFields(c: CorrelationTraceView, i: number): SpanCopyFields {
  return { spanId: c.spanId[i]!, relation: c.shared[i]!, parentId: c.parentId[i]!, service: c.strings[c.service[i]!]!, kind: KIND_INITIALS[c.kind[i]!]!, name: c.strings[c.name[i]!]!, startMs: c.startMs[i]!, durUs: c.durUs[i]!, err: c.err[i]! };
}
