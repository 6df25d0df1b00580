// How the spans of one trace hang together: the rule shared by the profile's trace store (the
// per-trace checks: S-SPAN-PARENT, roots, N-SPAN-INTERNAL/N-SPAN-SHORT, the Instrumentation Score
// trace rules) and the correlation's span topology (COR-005/006/008, dependency graph), so that
// both read one set of logical spans and give each the same parent:
// - a span exported twice counts once (withoutSpanCopies);
// - a Zipkin fragment (a piece with neither kind nor times) of a span of its own id and service is
//   a piece of that span, not a span (zipkin2.internal.Trace.merge);
// - a Zipkin/B3 shared span (the server side re-using its client's span id, flagged or not) is
//   the child of the client span of that id, and the id's children hang under the shared span of
//   their own service, else under the client (zipkin2.internal.SpanNode).
import { withoutSpanCopies, type SpanCopyFields } from './span-copies.js';

export interface TraceTree<T> {
  /** The trace's logical spans (`list` order): without copies of a span exported twice and without fragments of a span. */
  spans: T[];
  /** Copies of a span exported twice left out. */
  copies: number;
  /** Of those, the copies whose kind differs from the kept span's (the span is read by the kept copy's kind). */
  kindConflicts: { copy: T; keptKind: string }[];
  /** Zipkin fragments left out (each a piece of a span of its id and service). */
  fragments: number;
  /** A shared span: flagged, or a SERVER beside one CLIENT of another service with its id. */
  isShared(s: T): boolean;
  /** The span of the trace this span hangs under (undefined: a root, or an orphan). */
  parentOf(s: T): T | undefined;
  /** The parent id the span is read with ('' for a root): a shared span under its client names its own id. */
  parentIdOf(s: T): string;
  /** The span an id stands for among the unshared spans that hold it (undefined: none). */
  holderOf(id: string): T | undefined;
}

/** A Zipkin fragment: a span piece with neither kind nor times (binary annotations reported apart). */
export function isFragment(f: SpanCopyFields): boolean {
  return f.kind === 'U' && !Number.isFinite(f.startMs) && f.durUs < 0;
}

/**
 * The logical spans of one trace and their parents. `list`: the trace's spans by provenance (the
 * first copy of a span is kept); `fieldsOf`: the fields of a span, its `service` as exported ('' for
 * none); `serviceOf`: the service a span is attributed to when shared spans are told apart and
 * children are placed (default: `fieldsOf(s).service`), read when asked (a caller may refine it
 * after the tree is built: the topology lets a span without a service inherit its parent's).
 */
export function traceTree<T>(list: T[], fieldsOf: (s: T) => SpanCopyFields, serviceOf?: (s: T) => string): TraceTree<T> {
  const memo = new Map<T, SpanCopyFields>();
  const f = (s: T): SpanCopyFields => {
    let x = memo.get(s);
    if (x === undefined) memo.set(s, (x = fieldsOf(s)));
    return x;
  };
  const svcOf = serviceOf ?? ((s: T) => f(s).service);
  const { kept, copies, kindConflicts } = withoutSpanCopies(list, f);
  const spans = withoutFragments(kept, f);
  const shared = sharedWithoutFlag(spans, f, svcOf);
  const isShared = (s: T): boolean => f(s).relation === 1 || shared.has(s);
  const byId = new Map<string, T>();
  const sharedById = new Map<string, T[]>();
  for (const s of spans) {
    const id = f(s).spanId;
    if (!isShared(s)) {
      // several spans of one id that are not shared (a client and a span of another service, or
      // a fragment no span of its own service absorbed): the one a shared span's parent and the
      // id's children are taken to be is chosen by what the spans are, never by their order
      const cur = byId.get(id);
      if (cur === undefined || preferredHolder(f(s), f(cur)) < 0) byId.set(id, s);
    } else {
      const l = sharedById.get(id);
      if (l) l.push(s);
      else sharedById.set(id, [s]);
    }
  }
  const clientOf = (s: T): T | undefined => (isShared(s) ? byId.get(f(s).spanId) : undefined);
  return {
    spans,
    copies,
    kindConflicts,
    fragments: kept.length - spans.length,
    isShared,
    parentOf(s) {
      const client = clientOf(s);
      if (client !== undefined) return client;
      const parentId = f(s).parentId;
      if (parentId === '') return undefined;
      const sh = sharedById.get(parentId);
      return sh?.find((x) => svcOf(x) === svcOf(s)) ?? byId.get(parentId) ?? sh?.[0];
    },
    parentIdOf: (s) => (clientOf(s) !== undefined ? f(s).spanId : f(s).parentId),
    holderOf: (id) => byId.get(id),
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
function withoutFragments<T>(list: T[], f: (s: T) => SpanCopyFields): T[] {
  let fragments = false;
  for (const s of list) if (isFragment(f(s))) fragments = true;
  if (!fragments) return list;
  const whole = new Map<string, Set<string>>();
  for (const s of list) {
    const x = f(s);
    if (isFragment(x)) continue;
    let services = whole.get(x.spanId);
    if (!services) whole.set(x.spanId, (services = new Set()));
    services.add(x.service);
  }
  return list.filter((s) => {
    const x = f(s);
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
 * the id's children are theirs), whatever order the spans came in.
 */
function sharedWithoutFlag<T>(list: T[], f: (s: T) => SpanCopyFields, svcOf: (s: T) => string): Set<T> {
  const out = new Set<T>();
  const first = new Map<string, T>();
  let repeated: Map<string, T[]> | undefined;
  for (const s of list) {
    const x = f(s);
    if (x.relation === 1) continue;
    const at = first.get(x.spanId);
    if (at === undefined) first.set(x.spanId, s);
    else {
      repeated ??= new Map();
      const l = repeated.get(x.spanId);
      if (l) l.push(s);
      else repeated.set(x.spanId, [at, s]);
    }
  }
  if (repeated === undefined) return out;
  for (const same of repeated.values()) {
    const clients = same.filter((s) => f(s).kind === 'C');
    if (clients.length !== 1) continue;
    const client = svcOf(clients[0]!);
    for (const s of same) if (f(s).kind === 'S' && svcOf(s) !== client) out.add(s);
  }
  return out;
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
