// One spelling per trace id across formats. A 64-bit trace id travels as 16 hex (Jaeger's JSON,
// Zipkin/B3, older Jaeger clients) or left-padded with zeros to 128 bits (W3C trace context,
// OTLP, Jaeger api_v2's base64, logs that print a 32-hex trace_id). Kept as sent, a trace exported
// by Jaeger and by OTLP counted twice and its spans made two trees. The analysis sees the 64-bit
// spelling, as zipkin2.Span.normalizeTraceId does (the Zipkin importers fold at import already).
import type { SignalRecord } from '../model/index.js';
import { foldZeroHighTraceId } from '../importers/common/ids.js';

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
