// One spelling per trace id across formats. A 64-bit trace id travels as 16 hex (Jaeger's JSON,
// Zipkin/B3, older Jaeger clients) or left-padded with zeros to 128 bits (W3C trace context,
// OTLP, Jaeger api_v2's base64, logs that print a 32-hex trace_id). Kept as sent, a trace exported
// by Jaeger and by OTLP counted twice and its spans made two trees. The analysis sees the 64-bit
// spelling, as zipkin2.Span.normalizeTraceId does (the Zipkin importers fold at import already).
import type { SignalRecord } from '../model/index.js';
import { foldZeroHighTraceId } from '../importers/common/ids.js';
import { idWords, parseHexId, type IdSetState } from '../profile/id-set.js';
import { hash32 } from '../profile/hash.js';

/** A 32-hex trace id whose high half is zero → its 16-hex low half; anything else unchanged. */
export const canonicalTraceId = foldZeroHighTraceId;

/** Rewrites the record's trace ids (span, its links, a log's, a point's exemplars) in place. */
export function canonicalizeTraceIds(record: SignalRecord): void {
  if (record.kind === 'span') {
    record.traceId = canonicalTraceId(record.traceId);
    for (const l of record.links) l.traceId = canonicalTraceId(l.traceId);
  } else if (record.kind === 'log') {
    if (record.traceId !== undefined) record.traceId = canonicalTraceId(record.traceId);
  } else {
    for (const e of record.exemplars) if (e.traceId !== undefined) e.traceId = canonicalTraceId(e.traceId);
  }
}

/**
 * Zipkin's lenient trace-id matching (its STRICT_TRACE_ID=false): a 64-bit trace id (16 hex) and a
 * 128-bit one (32 hex) whose low 64 bits are equal are one trace — a tracer that propagates only
 * 64 bits (an older Brave or B3 client) cuts a 128-bit id to its low half. Joined here only for a
 * 64-bit id read from a Zipkin input (`lenient`: Span.lenientTraceId) and only when it is
 * unambiguous: its low half is that of exactly one 128-bit trace among `traceIds`. Returns, per
 * index of `traceIds`, the index of the trace it is read with (itself, or the 128-bit trace it
 * joins); undefined when nothing joins.
 */
export function lenientTraceJoin(traceIds: readonly string[], lenient: Iterable<string>): Int32Array | undefined {
  let wanted: Set<string> | undefined;
  for (const id of lenient) if (id.length === 16) (wanted ??= new Set()).add(id);
  if (wanted === undefined) return undefined;
  // low half → the one 128-bit trace with it (-2: several)
  const byLow = new Map<string, number>();
  for (let t = 0; t < traceIds.length; t++) {
    const id = traceIds[t]!;
    if (id.length !== 32) continue;
    const low = id.slice(16);
    if (!wanted.has(low)) continue;
    byLow.set(low, byLow.has(low) ? -2 : t);
  }
  let into: Int32Array | undefined;
  for (let t = 0; t < traceIds.length; t++) {
    const id = traceIds[t]!;
    if (id.length !== 16 || !wanted.has(id)) continue;
    const to = byLow.get(id);
    if (to === undefined || to < 0) continue;
    if (into === undefined) {
      into = new Int32Array(traceIds.length);
      for (let i = 0; i < into.length; i++) into[i] = i;
    }
    into[t] = to;
  }
  return into;
}

/**
 * The part of a trace id that both spellings of a lenient trace share (its low 64 bits: the 16-hex
 * id itself, the low half of a 32-hex one): what the sampled traces hash to sample traces past their
 * cap, so that the 64-bit and the 128-bit spelling of one trace are kept or dropped together
 * (hashed whole, one was kept and the other not, and the join was lost). Two 128-bit traces that
 * share a low half are sampled together too, which changes no count.
 */
export function traceSampleKey(traceId: string): string {
  return traceId.length === 32 ? traceId.slice(16) : traceId;
}

/**
 * The hash every sample by trace id picks traces by (its traceSampleKey: both spellings of a
 * lenient trace alike): the run's detail sample (detail.ts inDetail), the sampled traces
 * (sampled-traces.ts), and the correlation's log and exemplar samples. One function,
 * so a sample at level L' ≥ L holds only traces of the sample at L.
 */
export function traceHash(traceId: string): number {
  return hash32(traceSampleKey(traceId));
}

/** Whether a trace is in the sample at `level`: its hash has `level` leading zero bits (1 trace in 2^level; none past 32). */
export function keepAtLevel(traceId: string, level: number): boolean {
  return level === 0 || Math.clz32(traceHash(traceId)) >= level;
}

/**
 * How many traces of an exact id set are one trace with another by lenientTraceJoin: the flagged
 * 64-bit ids (`lenient`) in the set whose low half is that of exactly one 128-bit id in it. The
 * distinct trace count less this is the count with each such trace once.
 */
export function lenientJoinCount(ids: IdSetState, lenient: Iterable<string>): number {
  // low half (two words) → 128-bit ids in the set with it
  const low = new Map<string, number>();
  for (const id of lenient) {
    if (parseHexId(id) !== 2) continue;
    low.set(`${idWords[0]}:${idWords[1]}`, 0);
  }
  if (low.size === 0) return 0;
  for (let o = 0; o < ids.w4.length; o += 4) {
    const k = `${ids.w4[o + 2]}:${ids.w4[o + 3]}`;
    const n = low.get(k);
    if (n !== undefined) low.set(k, n + 1);
  }
  let joins = 0;
  for (let o = 0; o < ids.w2.length; o += 2) if (low.get(`${ids.w2[o]}:${ids.w2[o + 1]}`) === 1) joins++;
  return joins;
}

/** Zipkin 64-bit trace ids kept for the lenient join of a trace count (lenientJoinCount). */
export const LENIENT_ID_CAP = 100_000;

/** The state LenientTraceIds keeps: its ids (sorted; absent when none) and whether there were more. */
export interface LenientTraceIdsState {
  lenientTraceIds?: string[];
  lenientOverflow?: boolean;
}

/**
 * The Zipkin 64-bit trace ids (Span.lenientTraceId) read, at most LENIENT_ID_CAP (`overflow`: there
 * were more, so a count joined by them is approximate): what the collectors that count traces keep
 * for lenientJoinCount (signals.traces.traces, correlation.traces.totalTraces).
 */
export class LenientTraceIds {
  readonly ids = new Set<string>();
  overflow = false;

  note(id: string): void {
    if (id.length !== 16 || this.ids.has(id)) return;
    if (this.ids.size < LENIENT_ID_CAP) this.ids.add(id);
    else this.overflow = true;
  }

  state(): { lenientTraceIds?: string[]; lenientOverflow?: true } {
    return { ...(this.ids.size > 0 ? { lenientTraceIds: [...this.ids].sort() } : {}), ...(this.overflow ? { lenientOverflow: true as const } : {}) };
  }

  merge(s: LenientTraceIdsState): void {
    for (const id of s.lenientTraceIds ?? []) this.note(id);
    if (s.lenientOverflow === true) this.overflow = true;
  }
}
