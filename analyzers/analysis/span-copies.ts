// A span exported twice (the same trace from two files, a Collector's retry, one trace exported as
// OTLP and as Zipkin) counts once: the rule shared by the profile's trace store (per-trace checks
// of the structure dimension) and the correlation collector's trace sample (COR rules, dependency
// graph), so that both read one set of spans.

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
  // every kept span of an id (spans of different services may share one: each is compared)
  const seen = new Map<string, number[]>();
  const kept: T[] = [];
  const keptFields: SpanCopyFields[] = [];
  let copies = 0;
  // copies whose kind is not their kept span's (each with the kept span it is a copy of)
  const kindConflicts: { copy: T; keptKind: string }[] = [];
  for (const s of list) {
    const f = fieldsOf(s);
    const key = `${f.spanId}\u0000${f.relation}`;
    const ats = seen.get(key);
    const at = ats?.find((i) => sameSpan(keptFields[i]!, f));
    if (at === undefined) {
      if (ats) ats.push(kept.length);
      else seen.set(key, [kept.length]);
      kept.push(s);
      keptFields.push(f);
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
    } else {
      ats!.push(kept.length);
      kept.push(s); // a different outcome (status, duration): not a copy
      keptFields.push(f);
    }
  }
  return { kept: copies === 0 ? list : kept, copies, kindConflicts };
}
