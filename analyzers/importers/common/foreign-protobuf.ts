// Protobuf exports ObsReady does not read, told apart by walking their wire format against the
// schema of the message they would be: an OTLP export request (ExportTraceServiceRequest and its
// logs and metrics siblings) or a Zipkin proto3 ListOfSpans. Only names what an input is; nothing
// here reads protobuf.
//
// The walk is strict, so that text is never taken for protobuf: every field of a message the walk
// knows must be one of that message's fields with its wire type, every string valid UTF-8, every
// nested message (and the whole head) must end exactly where its length says (only a message
// running past the end of the head, when the head is not the whole input, may stop early), and
// ids have their fixed lengths. A text line has none of this: its first byte would have to be an
// LF starting a field 1, the next the length, the next an allowed tag, and so on all the way.

/** How a field of a known message is written: a message of a known schema, or a scalar. */
type FieldKind =
  | { wire: 0 } // varint
  | { wire: 1 } // fixed64
  | { wire: 5 } // fixed32
  | { wire: 2; string?: true; bytes?: readonly number[]; message?: () => Schema }; // length-delimited
type Schema = Readonly<Record<number, FieldKind>>;

const VARINT = { wire: 0 } as const;
const FIXED64 = { wire: 1 } as const;
const FIXED32 = { wire: 5 } as const;
const STRING = { wire: 2, string: true } as const;
const BYTES = { wire: 2 } as const;
/** A length-delimited field whose content is not walked (a metric's data, a new sub-message). */
const OPAQUE = { wire: 2 } as const;
const msg = (schema: () => Schema): FieldKind => ({ wire: 2, message: schema });
const id = (...lengths: number[]): FieldKind => ({ wire: 2, bytes: lengths });

// opentelemetry/proto/common/v1/common.proto
const ANY_VALUE: Schema = { 1: STRING, 2: VARINT, 3: VARINT, 4: FIXED64, 5: msg(() => ARRAY_VALUE), 6: msg(() => KV_LIST), 7: BYTES };
const ARRAY_VALUE: Schema = { 1: msg(() => ANY_VALUE) };
const KEY_VALUE: Schema = { 1: STRING, 2: msg(() => ANY_VALUE) };
const KV_LIST: Schema = { 1: msg(() => KEY_VALUE) };
const SCOPE: Schema = { 1: STRING, 2: STRING, 3: msg(() => KEY_VALUE), 4: VARINT };
// opentelemetry/proto/resource/v1/resource.proto (3: entity_refs, newer)
const RESOURCE: Schema = { 1: msg(() => KEY_VALUE), 2: VARINT, 3: OPAQUE };
// An OTLP id: empty (not set), or 16 bytes (trace) or 8 (span).
const TRACE_ID = id(0, 16);
const SPAN_ID = id(0, 8);
// opentelemetry/proto/trace/v1/trace.proto
const SPAN: Schema = {
  1: TRACE_ID, 2: SPAN_ID, 3: STRING, 4: SPAN_ID, 5: STRING, 6: VARINT, 7: FIXED64, 8: FIXED64, 9: msg(() => KEY_VALUE), 10: VARINT,
  11: OPAQUE, 12: VARINT, 13: OPAQUE, 14: VARINT, 15: OPAQUE, 16: FIXED32,
};
// opentelemetry/proto/logs/v1/logs.proto
const LOG_RECORD: Schema = {
  1: FIXED64, 11: FIXED64, 2: VARINT, 3: STRING, 5: msg(() => ANY_VALUE), 6: msg(() => KEY_VALUE), 7: VARINT, 8: FIXED32, 9: TRACE_ID, 10: SPAN_ID, 12: STRING,
};
// opentelemetry/proto/metrics/v1/metrics.proto: name, description, unit, then the data (not walked) and metadata
const METRIC: Schema = { 1: STRING, 2: STRING, 3: STRING, 5: OPAQUE, 7: OPAQUE, 9: OPAQUE, 10: OPAQUE, 11: OPAQUE, 12: msg(() => KEY_VALUE) };

/** Resource{Spans,Logs,Metrics} → Scope… → the items (`1000`: the deprecated instrumentation_library_… list). */
function resourceOf(item: Schema): Schema {
  const scope: Schema = { 1: msg(() => SCOPE), 2: msg(() => item), 3: STRING };
  return { 1: msg(() => RESOURCE), 2: msg(() => scope), 3: STRING, 1000: OPAQUE };
}

// zipkin2/zipkin.proto (proto3)
const ZIPKIN_ENDPOINT: Schema = { 1: STRING, 2: id(4), 3: id(16), 4: VARINT };
const ZIPKIN_ANNOTATION: Schema = { 1: FIXED64, 2: STRING };
const ZIPKIN_TAG: Schema = { 1: STRING, 2: STRING }; // a map<string,string> entry
const ZIPKIN_SPAN: Schema = {
  1: id(8, 16), 2: id(8), 3: id(8), 4: VARINT, 5: STRING, 6: FIXED64, 7: VARINT, 8: msg(() => ZIPKIN_ENDPOINT), 9: msg(() => ZIPKIN_ENDPOINT),
  10: msg(() => ZIPKIN_ANNOTATION), 11: msg(() => ZIPKIN_TAG), 12: VARINT, 13: VARINT,
};

/** A request, or a list: repeated field 1 of the given message, and nothing else. */
const REQUESTS = {
  traces: { 1: msg(() => resourceOf(SPAN)) },
  logs: { 1: msg(() => resourceOf(LOG_RECORD)) },
  metrics: { 1: msg(() => resourceOf(METRIC)) },
  zipkin: { 1: msg(() => ZIPKIN_SPAN) },
} as const satisfies Record<string, Schema>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The varint at `at`: its value and where it ends, or undefined (cut by the head, or longer than 35 bits). */
function varint(b: Uint8Array, at: number): { value: number; end: number } | undefined {
  let value = 0;
  for (let i = at, shift = 0; i < b.length && shift <= 28; i++, shift += 7) {
    value += (b[i]! & 0x7f) * 2 ** shift;
    if (b[i]! < 0x80) return { value, end: i + 1 };
  }
  return undefined;
}

interface Walk {
  /** Fields walked and found right (the whole walk must find some). */
  fields: number;
}

/**
 * Whether b[start, end) is a message of `schema`. `end` past the head (`b.length`) when `cut`:
 * the message runs on beyond it, and is checked as far as the head goes.
 */
function message(b: Uint8Array, start: number, end: number, schema: Schema, cut: boolean, walk: Walk, depth: number): boolean {
  if (depth > 24) return true; // deep enough: what was walked decides
  const stop = Math.min(end, b.length);
  let i = start;
  while (i < stop) {
    const tag = varint(b, i);
    if (!tag) return cut && end > b.length; // the head cuts the tag
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    const kind = schema[field];
    if (field === 0 || !kind || kind.wire !== wire) return false;
    i = tag.end;
    if (wire === 0) {
      const v = varint(b, i);
      if (!v) return cut && end > b.length && b.length - i < 10;
      i = v.end;
    } else if (wire === 1 || wire === 5) {
      i += wire === 1 ? 8 : 4;
    } else {
      const len = varint(b, i);
      if (!len) return cut && end > b.length && b.length - i < 5;
      const from = len.end;
      const to = from + len.value;
      if (to > end) return false; // longer than the message that holds it
      const whole = to <= b.length;
      if (!whole && !(cut && end > b.length)) return false;
      if (kind.wire === 2 && kind.bytes && !kind.bytes.includes(len.value)) return false;
      if (kind.wire === 2 && kind.string && whole) {
        try {
          utf8.decode(b.subarray(from, to));
        } catch {
          return false;
        }
      }
      if (kind.wire === 2 && kind.message && !message(b, from, to, kind.message(), cut, walk, depth + 1)) return false;
      i = to;
    }
    walk.fields++;
  }
  return i === end || (cut && end > b.length && i >= b.length && i <= end);
}

export type ForeignProtobuf = keyof typeof REQUESTS;

/**
 * What the head is, if it is one of the protobuf exports above: bare, or after the 4-byte
 * big-endian length the Collector file exporter writes before each message (`format: proto`).
 * `complete`: the head is the whole input (it must then end where its last message does).
 * `undefined` for anything else, text included. A head that fits several: `'otlp'` when they are
 * OTLP signals only (a request of resources without items fits all three), `'protobuf'` when
 * Zipkin is among them (which one it is cannot be told).
 */
export function foreignProtobuf(head: Uint8Array, complete: boolean): ForeignProtobuf | 'otlp' | 'protobuf' | undefined {
  const found: ForeignProtobuf[] = [];
  for (const kind of Object.keys(REQUESTS) as ForeignProtobuf[]) {
    if (fits(head, complete, REQUESTS[kind])) found.push(kind);
  }
  if (found.length <= 1) return found[0];
  return found.includes('zipkin') ? 'protobuf' : 'otlp';
}

function fits(head: Uint8Array, complete: boolean, schema: Schema): boolean {
  if (head.length < 8 || head[0] !== 0x0a && head[0] !== 0) return false;
  const walk: Walk = { fields: 0 };
  if (head[0] === 0x0a) return message(head, 0, complete ? head.length : Infinity, schema, !complete, walk, 0) && walk.fields >= 4;
  // Length-prefixed messages, one after another, each opening with field 1.
  let at = 0;
  while (at < head.length) {
    if (head.length - at < 4) return !complete && walk.fields >= 4;
    const len = ((head[at]! << 24) >>> 0) + (head[at + 1]! << 16) + (head[at + 2]! << 8) + head[at + 3]!;
    const from = at + 4;
    if (len === 0 || head[from] !== undefined && head[from] !== 0x0a) return false;
    const to = from + len;
    if (to > head.length && complete) return false;
    if (!message(head, from, to, schema, !complete, walk, 0)) return false;
    at = to;
  }
  return walk.fields >= 4;
}

/** The error an input gets whose head is one of these protobuf exports (`undefined` when it is none). */
export function foreignProtobufMessage(head: Uint8Array, complete: boolean): string | undefined {
  const kind = foreignProtobuf(head, complete);
  if (kind === undefined) return undefined;
  if (kind === 'zipkin') {
    return 'the input is binary: it looks like Zipkin protobuf (a proto3 ListOfSpans, what Zipkin reporters send with `Content-Type: application/x-protobuf`), which is not read; export Zipkin JSON v2 instead (the reporter\'s JSON encoding, or the /api/v2/traces answer of the Zipkin API) or OTLP JSON';
  }
  if (kind === 'protobuf') {
    return 'the input is binary: it looks like protobuf (an OTLP export request or a Zipkin ListOfSpans; its first bytes fit both), which is not read; export OTLP JSON or Zipkin JSON v2 instead';
  }
  const what = kind === 'otlp' ? '' : ` (${kind === 'traces' ? 'ExportTraceServiceRequest' : kind === 'logs' ? 'ExportLogsServiceRequest' : 'ExportMetricsServiceRequest'}, ${kind})`;
  return `the input is binary: it looks like OTLP protobuf${what}, which is not read; export OTLP JSON instead (Collector file exporter \`format: json\`, or OTLP/HTTP with \`Content-Type: application/json\`)`;
}
