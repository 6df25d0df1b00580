// A span exported twice (the same trace from two files, a Collector's retry, one trace exported as
// OTLP and as Zipkin) counts once: the rule shared by the profile's per-trace checks (structure
// dimension) and the correlation's span topology (COR rules, dependency graph), which read the one
// store of sampled traces (sampled-traces.ts), so that both read one set of spans.

/** The fields that say whether two spans of one trace are one span exported twice. */
export interface SpanCopyFields {
  spanId: string;
  /** 0, 1 shared (Zipkin/B3 server side of its client's id), 2 follows-from. */
  relation: number;
  parentId: string;
  service: string;
  /** Kind initial (KIND_INITIALS: U I S C P K). */
  kind: string;
  name: string;
  /** NaN: unknown (a span without a start is never a copy). */
  startMs: number;
  /** −1: unknown (not ended). */
  durUs: number;
  err: number;
}

// (an internal span has no kind in Zipkin: unspecified and internal are one kind here; Zipkin lower-cases names)
const kindOf = (k: string): string => (k === 'U' ? 'I' : k);

// (the kind is not compared: a span exported twice with two kinds — a converter that lost or
// changed it — is one span all the same, read by its first copy's kind and counted apart as a
// kind conflict, so that it is reported instead of being two spans, one of them a second root)
function sameSpan(a: SpanCopyFields, b: SpanCopyFields): boolean {
  return a.parentId === b.parentId && a.service === b.service && a.name.toLowerCase() === b.name.toLowerCase() && Math.abs(a.startMs - b.startMs) <= 1;
}

/** Two copies of one span whose kinds differ (unspecified and internal are one kind). */
export function kindsConflict(a: SpanCopyFields, b: SpanCopyFields): boolean {
  return kindOf(a.kind) !== kindOf(b.kind);
}

/**
 * A trace's spans without the copies of a span exported twice: same span and parent id, service,
 * name and times (start within a millisecond, duration within a microsecond: Zipkin keeps
 * microseconds) and status, whatever its kind (`kindConflicts`: the copies of another kind than
 * the span kept, with that kind) — the first in `list` order (callers sort by provenance) is kept, the
 * copies are counted. A span exported before it ended (no end: an X-Ray in-progress segment) is a
 * copy of its ended version, which is kept. A span id reused by a different span, or the same
 * span with another outcome, is no copy. `kept` is `list` itself when there is no copy.
 */
export function withoutSpanCopies<T>(list: T[], fieldsOf: (s: T) => SpanCopyFields): { kept: T[]; copies: number; kindConflicts: { copy: T; keptKind: string }[] } {
  // every kept span of an id (spans of different services may share one: each is compared), as
  // slots of `kept` chained in list order: `firstOf` the id's first slot, `nextOf[k]` the slot after
  // k (−1: none). (A chain by id, not a list per id and relation: one map entry and no array
  // allocated per span, most spans having an id of their own.)
  const firstOf = new Map<string, number>();
  const nextOf: number[] = [];
  const kept: T[] = [];
  const keptFields: SpanCopyFields[] = [];
  let copies = 0;
  // copies whose kind is not their kept span's (each with the kept span it is a copy of)
  const kindConflicts: { copy: T; keptKind: string }[] = [];
  const keep = (s: T, f: SpanCopyFields, head: number | undefined): void => {
    const k = kept.length;
    kept.push(s);
    keptFields.push(f);
    nextOf.push(-1);
    if (head === undefined) firstOf.set(f.spanId, k);
    else {
      let tail = head;
      while (nextOf[tail]! >= 0) tail = nextOf[tail]!;
      nextOf[tail] = k;
    }
  };
  for (const s of list) {
    const f = fieldsOf(s);
    const head = firstOf.get(f.spanId);
    // the first kept span of the id and relation that this one is a copy of
    let at = -1;
    for (let k = head ?? -1; k >= 0; k = nextOf[k]!) {
      if (keptFields[k]!.relation === f.relation && sameSpan(keptFields[k]!, f)) {
        at = k;
        break;
      }
    }
    if (at < 0) {
      keep(s, f, head);
      continue;
    }
    const first = keptFields[at]!;
    // the same span exported while still running (no end yet: an X-Ray in-progress segment) and
    // once ended: the ended one is kept, whichever came first
    if (first.durUs < 0 && f.durUs >= 0) {
      if (kindsConflict(first, f)) kindConflicts.push({ copy: kept[at]!, keptKind: f.kind });
      kept[at] = s;
      keptFields[at] = f;
      copies++;
    } else if (f.durUs < 0 || (Math.abs(first.durUs - f.durUs) <= 1 && first.err === f.err)) {
      if (kindsConflict(first, f)) kindConflicts.push({ copy: s, keptKind: first.kind });
      copies++;
    } else keep(s, f, head); // a different outcome (status, duration): not a copy
  }
  return { kept: copies === 0 ? list : kept, copies, kindConflicts };
}
