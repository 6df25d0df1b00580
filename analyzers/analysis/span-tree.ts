// How the spans of one trace hang together: the rule shared by the profile's reading of the sampled
// traces (sampled-traces.ts; the per-trace checks: S-SPAN-PARENT, roots, N-SPAN-INTERNAL/N-SPAN-SHORT, the Instrumentation Score
// trace rules) and the correlation's span topology (COR-005/006/008, dependency graph), so that
// both read one set of logical spans and give each the same parent:
// - a span exported twice counts once (withoutSpanCopies);
// - a Zipkin fragment (a piece with neither kind nor times) of a span of its own id and service is
//   a piece of that span, not a span (zipkin2.internal.Trace.merge);
// - a Zipkin/B3 shared span (the server side re-using its client's span id, flagged or not) is
//   the child of the client span of that id, and the id's children hang under the shared span of
//   their own service, else under the client (zipkin2.internal.SpanNode).
import { withoutSpanCopies, type SpanCopyFields } from './span-copies.js';

/**
 * The logical spans of one trace and their parents. Spans are named by their position in the list
 * the tree was built from (callers keep their own span at that position), so that the tree needs no
 * map keyed by span and a caller no object per span.
 */
export interface TraceTree {
  /** Positions of the trace's logical spans (list order): without copies of a span exported twice and without fragments of a span. */
  spans: number[];
  /** Copies of a span exported twice left out. */
  copies: number;
  /** Of those, the copies whose kind differs from the kept span's (the span is read by the kept copy's kind). */
  kindConflicts: { copy: number; keptKind: string }[];
  /** Zipkin fragments left out (each a piece of a span of its id and service). */
  fragments: number;
  /** A shared span: flagged, or a SERVER beside one CLIENT of another service with its id. */
  isShared(i: number): boolean;
  /** The span of the trace this span hangs under (undefined: a root, or an orphan). */
  parentOf(i: number): number | undefined;
  /** The parent id the span is read with ('' for a root): a shared span under its client names its own id. */
  parentIdOf(i: number): string;
  /** The span an id stands for among the unshared spans that hold it (undefined: none). */
  holderOf(id: string): number | undefined;
}

/** A Zipkin fragment: a span piece with neither kind nor times (binary annotations reported apart). */
export function isFragment(f: SpanCopyFields): boolean {
  return f.kind === 'U' && !Number.isFinite(f.startMs) && f.durUs < 0;
}

/**
 * The logical spans of one trace and their parents. `list`: the fields of the trace's spans by
 * provenance (the first copy of a span is kept), each span's `service` as exported ('' for none);
 * `serviceOf`: the service the span at a position is attributed to when shared spans are told apart
 * and children are placed (default: its `service`), read when asked (a caller may refine it after
 * the tree is built: the topology lets a span without a service inherit its parent's).
 */
export function traceTree(list: readonly SpanCopyFields[], serviceOf?: (i: number) => string): TraceTree {
  const svcOf = serviceOf ?? ((i: number) => list[i]!.service);
  const n = list.length;
  const all: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const { kept, copies, kindConflicts } = withoutSpanCopies(all, (i) => list[i]!);
  const spans = withoutFragments(kept, list);
  // The spans of each id in list order, one map entry per id: `headOf[i]` the first span of i's id,
  // `nextOf[i]` the next span of that id (−1: none). The spans of one id are a client and its shared
  // server(s), or spans of several services reusing an id; most ids have one span.
  const firstOf = new Map<string, number>();
  const headOf = new Int32Array(n).fill(-1);
  const nextOf = new Int32Array(n).fill(-1);
  const tailOf = new Int32Array(n);
  let repeated: number[] | undefined;
  for (const i of spans) {
    const id = list[i]!.spanId;
    const head = firstOf.get(id);
    if (head === undefined) {
      firstOf.set(id, i);
      headOf[i] = tailOf[i] = i;
    } else {
      if (nextOf[head]! < 0) (repeated ??= []).push(head);
      headOf[i] = head;
      nextOf[tailOf[head]!] = i;
      tailOf[head] = i;
    }
  }
  // 1: a shared span (flagged, or a flagless shared server: markSharedWithoutFlag)
  const shared = new Uint8Array(n);
  for (const i of spans) if (list[i]!.relation === 1) shared[i] = 1;
  if (repeated !== undefined) for (const head of repeated) markSharedWithoutFlag(head, nextOf, list, svcOf, shared);
  const isShared = (i: number): boolean => shared[i] === 1;
  // The span each id stands for among its unshared spans (by head; −1: none): when several hold it
  // (a client and a span of another service, or a fragment no span of its own service absorbed),
  // the one a shared span's parent and the id's children are taken to be is chosen by what the
  // spans are, never by their order.
  const holder = new Int32Array(n).fill(-1);
  for (const i of spans) {
    if (shared[i] === 1) continue;
    const head = headOf[i]!;
    const cur = holder[head]!;
    if (cur < 0 || preferredHolder(list[i]!, list[cur]!) < 0) holder[head] = i;
  }
  const holderOfHead = (head: number | undefined): number | undefined => (head === undefined || holder[head]! < 0 ? undefined : holder[head]);
  const clientOf = (i: number): number | undefined => (shared[i] === 1 ? holderOfHead(headOf[i]) : undefined);
  return {
    spans,
    copies,
    kindConflicts,
    fragments: kept.length - spans.length,
    isShared,
    parentOf(i) {
      const client = clientOf(i);
      if (client !== undefined) return client;
      const parentId = list[i]!.parentId;
      if (parentId === '') return undefined;
      const head = firstOf.get(parentId);
      if (head === undefined) return undefined;
      // the id's shared span of this span's service, else the span the id stands for, else the id's first shared span
      let firstShared: number | undefined;
      for (let j = head; j >= 0; j = nextOf[j]!) {
        if (shared[j] !== 1) continue;
        if (svcOf(j) === svcOf(i)) return j;
        firstShared ??= j;
      }
      return holderOfHead(head) ?? firstShared;
    },
    parentIdOf: (i) => (clientOf(i) !== undefined ? list[i]!.spanId : list[i]!.parentId),
    holderOf: (id) => holderOfHead(firstOf.get(id)),
  };
}

/**
 * A span sent in pieces is one span (Zipkin merges the pieces of one id and endpoint:
 * zipkin2.internal.Trace.merge): a fragment whose id a span of its own service (or any span, for a
 * fragment without a service) holds with a kind or times is a piece of that span and is left out.
 * (Zipkin would keep a fragment apart from a shared server of its endpoint, the shared flag
 * differing; kept, it is a second span of the server under the client's parent — a call counted
 * twice, or once or not at all depending on which span of the id came last.)
 */
function withoutFragments(kept: number[], list: readonly SpanCopyFields[]): number[] {
  let fragments = false;
  for (const i of kept) if (isFragment(list[i]!)) fragments = true;
  if (!fragments) return kept;
  const whole = new Map<string, Set<string>>();
  for (const i of kept) {
    const x = list[i]!;
    if (isFragment(x)) continue;
    let services = whole.get(x.spanId);
    if (!services) whole.set(x.spanId, (services = new Set()));
    services.add(x.service);
  }
  return kept.filter((i) => {
    const x = list[i]!;
    if (!isFragment(x)) return true;
    const services = whole.get(x.spanId);
    return services === undefined || (x.service !== '' && !services.has(x.service));
  });
}

/**
 * Order of preference among the spans of one id that are not shared (negative: `a` first): a CLIENT
 * or PRODUCER (Zipkin orders the client first among a shared id's spans), then the span that lacks
 * the fewest of a kind, times and a service; then by start, service and name, and last by
 * provenance (the list's order).
 */
function preferredHolder(a: SpanCopyFields, b: SpanCopyFields): number {
  const rank = (s: SpanCopyFields): number => (s.kind === 'C' || s.kind === 'P' ? 0 : 4) + (s.kind === 'U' ? 1 : 0) + (Number.isFinite(s.startMs) || s.durUs >= 0 ? 0 : 1) + (s.service === '' ? 1 : 0);
  const start = (s: SpanCopyFields): number => (Number.isFinite(s.startMs) ? s.startMs : Infinity);
  const text = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return rank(a) - rank(b) || start(a) - start(b) || text(a.service, b.service) || text(a.name, b.name);
}

/**
 * Zipkin shared spans that lost their `shared` flag (OTLP converted from Zipkin, Jaeger storage of
 * Zipkin data: the ids are kept, the flag is not): where one CLIENT span and SERVER spans of other
 * services have one id, the servers are the shared sides of that call (their parent is the client,
 * the id's children are theirs), whatever order the spans came in. `head`: the first span of an id
 * that several spans have (the others follow by `nextOf`); the unflagged spans of the id are read.
 */
function markSharedWithoutFlag(head: number, nextOf: Int32Array, list: readonly SpanCopyFields[], svcOf: (i: number) => string, shared: Uint8Array): void {
  let client = -1;
  let clients = 0;
  for (let j = head; j >= 0; j = nextOf[j]!) {
    const x = list[j]!;
    if (x.relation !== 1 && x.kind === 'C') {
      client = j;
      clients++;
    }
  }
  if (clients !== 1) return;
  const service = svcOf(client);
  for (let j = head; j >= 0; j = nextOf[j]!) {
    const x = list[j]!;
    if (x.relation !== 1 && x.kind === 'S' && svcOf(j) !== service) shared[j] = 1;
  }
}

/**
 * The span whose service each span of a trace is filed under: itself when it names a service
 * (`hasService`), else — a span without a service runs in its parent's process when it is not
 * where a process starts serving (a SERVER or CONSUMER span) and its parent did not hand the work
 * to another one (a CLIENT or PRODUCER parent) — the nearest such ancestor that names one. This is
 * an X-Ray subsegment read apart from its segment (the daemon streams subsegments first; one file
 * or piece holds the subsegments, another the segment) or a local span exported without its
 * endpoint. Spans that inherit nothing are their own owner. Chains resolve in one pass (each span
 * is settled once; `owner`, when given, is filled as they settle, so a `parentOf` that reads it
 * sees the services settled so far). The one rule by which the profile's per-trace checks and the
 * dependency graph attribute a span without a service (each names the owner as it names services).
 */
export function serviceOwners<T>(list: readonly T[], parentOf: (s: T) => T | undefined, hasService: (s: T) => boolean, kindOf: (s: T) => string, owner = new Map<T, T>()): Map<T, T> {
  const chain: T[] = [];
  const inChain = new Set<T>();
  for (const s0 of list) {
    if (hasService(s0) || owner.has(s0)) continue;
    let cur: T | undefined = s0;
    let found: T | undefined;
    chain.length = 0;
    inChain.clear();
    while (cur !== undefined) {
      if (hasService(cur)) {
        found = cur;
        break;
      }
      const settled = owner.get(cur);
      if (settled !== undefined) {
        if (settled !== cur) found = settled;
        break;
      }
      const k = kindOf(cur);
      if (k === 'S' || k === 'K' || inChain.has(cur)) break;
      chain.push(cur);
      inChain.add(cur);
      const p = parentOf(cur);
      if (p !== undefined && (kindOf(p) === 'C' || kindOf(p) === 'P')) break;
      cur = p;
    }
    for (const c of chain) owner.set(c, found ?? c);
  }
  return owner;
}
