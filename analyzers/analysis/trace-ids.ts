// One spelling per trace id across formats. A 64-bit trace id travels as 16 hex (Jaeger's JSON,
// Zipkin/B3, older Jaeger clients) or left-padded with zeros to 128 bits (W3C trace context,
// OTLP, Jaeger api_v2's base64, logs that print a 32-hex trace_id). Kept as sent, a Jaeger export
// and the OTLP logs of the same system did not join log to trace, and a trace crossing both
// counted twice. The analysis sees the 64-bit spelling, as zipkin2.Span.normalizeTraceId does.
import type { SignalRecord } from '../model/index.js';

const ZERO_HIGH = '0000000000000000';

/** A 32-hex trace id whose high half is zero → its 16-hex low half; anything else unchanged. */
export function canonicalTraceId(id: string): string {
  return id.length === 32 && id.charCodeAt(0) === 48 && id.startsWith(ZERO_HIGH) ? id.slice(16) : id;
}

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
