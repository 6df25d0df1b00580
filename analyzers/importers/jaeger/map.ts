// Jaeger JSON span → model. Two dialects share one mapper:
// - the UI / query-API JSON model (traceID/spanID hex, startTime & duration in µs, tags
//   {key, type, value}, processID into the trace's `processes`, or an embedded `process`);
// - api_v2 proto-JSON (traceId/spanId base64, RFC 3339 startTime, "NNNns" durations, tags
//   {key, vType, vStr|vInt64|vBool|vFloat64|vBinary}).
import { resourceFromAttributes, type AttrValue, type Attributes, type Provenance, type Resource, type Scope, type Span, type SpanEvent, type SpanKind, type SpanLink } from '../../model/index.js';
import { normalizeHexId, normalizeJaegerProtoId } from '../common/ids.js';
import { show, type RecordOut } from '../common/json-decoder.js';
import { digitsWithin, parseDurationNs, parseTimestamp, UINT64_MAX } from '../common/time.js';
import type { ImportErrorCode } from '../types.js';

export interface RawJaegerTag {
  key?: string;
  type?: string;
  value?: unknown;
  vType?: string;
  vStr?: string;
  vBool?: boolean;
  vInt64?: string | number;
  vFloat64?: number | string;
  vBinary?: string;
}

export interface RawJaegerProcess {
  serviceName?: string;
  tags?: RawJaegerTag[];
}

export interface RawJaegerReference {
  refType?: string;
  traceID?: string;
  spanID?: string;
  traceId?: string;
  spanId?: string;
}

export interface RawJaegerSpan {
  traceID?: string;
  spanID?: string;
  parentSpanID?: string;
  traceId?: string;
  spanId?: string;
  operationName?: string;
  references?: RawJaegerReference[];
  flags?: number;
  startTime?: number | string;
  duration?: number | string;
  tags?: RawJaegerTag[];
  logs?: { timestamp?: number | string; fields?: RawJaegerTag[] }[];
  processID?: string;
  processId?: string;
  process?: RawJaegerProcess;
}

// Not an Error (as prometheus/parse-line.ts's Fail): a bad record is expected input, and a stack
// trace captured per rejected record made rejecting 500,000 bad array elements take 10-40 s.
export class JaegerMapError {
  constructor(
    readonly code: ImportErrorCode,
    readonly message: string,
  ) {}
}

const KINDS: Record<string, SpanKind> = { server: 'server', client: 'client', producer: 'producer', consumer: 'consumer', internal: 'internal' };

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

// Enum numbers of jaeger model.proto (ValueType, SpanRefType), as protobuf JSON printers write
// them when told to (EnumsAsInts), and as a hostile file may: never a crash, the name instead.
const PROTO_VALUE_TYPES = ['STRING', 'BOOL', 'INT64', 'FLOAT64', 'BINARY'];
const REF_TYPES = ['CHILD_OF', 'FOLLOWS_FROM'];

/** An enum given as its name, its number, or something else (→ `fallback`). */
function enumName(v: unknown, names: readonly string[], fallback: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return names[v] ?? fallback;
  return fallback;
}

/** One tag (either dialect) → attribute value. */
export function tagValue(t: RawJaegerTag): AttrValue {
  if (t.vType !== undefined || t.vStr !== undefined || t.vInt64 !== undefined || t.vBool !== undefined || t.vFloat64 !== undefined || t.vBinary !== undefined) {
    // proto-JSON omits default values: a missing vType is STRING, a missing vStr is "".
    switch (enumName(t.vType, PROTO_VALUE_TYPES, 'STRING').toUpperCase()) {
      case 'BOOL':
        return t.vBool === true;
      case 'INT64': {
        const n = num(t.vInt64 ?? 0);
        return n !== undefined && Number.isSafeInteger(n) ? n : String(t.vInt64);
      }
      case 'FLOAT64':
        return num(t.vFloat64 ?? 0) ?? null;
      case 'BINARY':
        return t.vBinary ?? '';
      default:
        return t.vStr ?? '';
    }
  }
  const v = t.value;
  switch (enumName(t.type, PROTO_VALUE_TYPES, '').toLowerCase()) {
    case 'bool':
      return v === true || v === 'true';
    case 'int64': {
      const n = num(v);
      return n !== undefined && Number.isSafeInteger(n) ? n : v === undefined || v === null ? null : String(v);
    }
    case 'float64':
      return num(v) ?? null;
    default:
      if (v === undefined || v === null) return null;
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
}

export function tagsToAttributes(tags: unknown): Attributes {
  const out: Attributes = {};
  if (tags === undefined || tags === null) return out;
  if (!Array.isArray(tags)) throw new JaegerMapError('wrong-type', 'tags should be an array');
  for (const t of tags as RawJaegerTag[]) {
    if (t === null || typeof t !== 'object' || typeof t.key !== 'string') throw new JaegerMapError('wrong-type', 'tag without a string key');
    const v = tagValue(t);
    if (t.key === '__proto__') Object.defineProperty(out, t.key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[t.key] = v;
  }
  return out;
}

/** Process → Resource (service name lifted into `service.name`). */
export function processResource(p: RawJaegerProcess | undefined | null): Resource {
  if (p === undefined || p === null || typeof p !== 'object') return resourceFromAttributes({});
  const attrs = tagsToAttributes(p.tags);
  if (typeof p.serviceName === 'string' && p.serviceName !== '') attrs['service.name'] = p.serviceName;
  return resourceFromAttributes(attrs);
}

/** A µs count of the JSON model (startTime, duration: uint64): a negative or 2^64+ number is not one. */
function isMicros(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 2 ** 64;
}

function isMicrosText(v: string): boolean {
  return /^\d+$/.test(v) && digitsWithin(v, UINT64_MAX);
}

/** Jaeger µs number (or numeric string) → ns; RFC 3339 text for proto-JSON. */
function readStart(v: unknown, out: RecordOut): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  if (isMicros(v)) return v === 0 ? undefined : BigInt(Math.round(v)) * 1000n;
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) {
      if (isMicrosText(v)) return /^0+$/.test(v) ? undefined : BigInt(v) * 1000n;
    } else {
      const t = parseTimestamp(v);
      if (t !== undefined) return t.ns;
    }
  }
  out.error('invalid-timestamp', `startTime is not a time: ${show(v)}`, false);
  return undefined;
}

function readDuration(v: unknown, out: RecordOut): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  if (isMicros(v)) return BigInt(Math.round(v)) * 1000n;
  if (typeof v === 'string') {
    if (isMicrosText(v)) return BigInt(v) * 1000n;
    const d = parseDurationNs(v);
    if (d !== undefined) return d;
  }
  out.error('invalid-timestamp', `duration is not a duration: ${show(v)}`, false);
  return undefined;
}

function readIds(
  s: RawJaegerSpan | RawJaegerReference,
  proto: boolean,
): { traceId: string | undefined | null; spanId: string | undefined | null; rawTrace: unknown; rawSpan: unknown } {
  if (proto) {
    const r = s as { traceId?: unknown; spanId?: unknown };
    return { traceId: normalizeJaegerProtoId(r.traceId, 16), spanId: normalizeJaegerProtoId(r.spanId, 8), rawTrace: r.traceId, rawSpan: r.spanId };
  }
  return { traceId: normalizeHexId(s.traceID, 32), spanId: normalizeHexId(s.spanID, 16), rawTrace: s.traceID, rawSpan: s.spanID };
}

/**
 * The span's trace id spelled as the reference's: a 64-bit id may be written with or without 16
 * leading zeros, so `0000000000000000abcd…` and `abcd…` are one trace.
 */
function sameTraceSpelling(spanTrace: string, refTrace: string): string {
  if (spanTrace.length === refTrace.length) return spanTrace;
  if (spanTrace.length === 16 && refTrace.length === 32) return '0'.repeat(16) + spanTrace;
  if (spanTrace.length === 32 && refTrace.length === 16 && spanTrace.startsWith('0'.repeat(16))) return spanTrace.slice(16);
  return spanTrace;
}

/** True when the object has the identity fields of a Jaeger span (either dialect). */
export function looksLikeJaegerSpan(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const s = v as RawJaegerSpan;
  return (s.spanID !== undefined && s.traceID !== undefined) || (s.spanId !== undefined && s.traceId !== undefined && s.operationName !== undefined);
}

/**
 * Map one span. `resolveProcess` turns a processID (undefined: the span has none, e.g. inside
 * a proto Batch) into the trace's Resource, or undefined when unknown; an embedded `process` wins.
 */
export function mapJaegerSpan(
  raw: unknown,
  resolveProcess: (processId: string | undefined) => Resource | undefined,
  source: Provenance,
  out: RecordOut,
): Span {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new JaegerMapError('wrong-type', `span should be an object, got ${show(raw)}`);
  const s = raw as RawJaegerSpan;
  const proto = s.traceID === undefined && s.spanID === undefined && (s.traceId !== undefined || s.spanId !== undefined);
  const ids = readIds(s, proto);
  if (ids.traceId === undefined) throw new JaegerMapError('missing-field', 'span without traceID');
  if (ids.traceId === null) throw new JaegerMapError('invalid-id', `traceID is not a ${proto ? 'base64 ' : ''}trace id: ${show(ids.rawTrace)}`);
  if (ids.spanId === undefined) throw new JaegerMapError('missing-field', 'span without spanID');
  if (ids.spanId === null) throw new JaegerMapError('invalid-id', `spanID is not a ${proto ? 'base64 ' : ''}span id: ${show(ids.rawSpan)}`);

  const attributes = tagsToAttributes(s.tags);
  let spanKind: SpanKind = 'unspecified';
  const kindTag = attributes['span.kind'];
  if (typeof kindTag === 'string') {
    spanKind = KINDS[kindTag.toLowerCase()] ?? 'unspecified';
    delete attributes['span.kind'];
  }
  const status: Span['status'] = { code: 'unset' };
  const otelStatus = attributes['otel.status_code'];
  if (typeof otelStatus === 'string') {
    const c = otelStatus.toUpperCase();
    status.code = c === 'ERROR' ? 'error' : c === 'OK' ? 'ok' : 'unset';
    delete attributes['otel.status_code'];
  }
  const errTag = attributes['error'];
  if (status.code === 'unset' && (errTag === true || errTag === 'true')) status.code = 'error';
  const desc = attributes['otel.status_description'];
  if (typeof desc === 'string') {
    if (desc !== '') status.message = desc;
    delete attributes['otel.status_description'];
  }
  let scope: Scope | undefined;
  const scopeName = attributes['otel.scope.name'] ?? attributes['otel.library.name'];
  if (typeof scopeName === 'string') {
    scope = { name: scopeName };
    const v = attributes['otel.scope.version'] ?? attributes['otel.library.version'];
    if (typeof v === 'string') scope.version = v;
    delete attributes['otel.scope.name'];
    delete attributes['otel.library.name'];
    delete attributes['otel.scope.version'];
    delete attributes['otel.library.version'];
  }

  let resource: Resource | undefined;
  if (s.process !== undefined && s.process !== null) resource = processResource(s.process);
  else {
    const pid = s.processID ?? s.processId;
    resource = resolveProcess(typeof pid === 'string' ? pid : undefined);
    if (resource === undefined) {
      if (typeof pid === 'string') out.error('invalid-record', `processID ${show(pid)} not found in the trace's processes`, false);
      resource = resourceFromAttributes({});
    }
  }

  const span: Span = {
    kind: 'span',
    traceId: ids.traceId,
    spanId: ids.spanId,
    name: typeof s.operationName === 'string' ? s.operationName : '',
    spanKind,
    status,
    attributes,
    events: [],
    links: [],
    resource,
    source,
  };
  if (scope !== undefined) span.scope = scope;

  // Parent: as Jaeger's model (Span.ParentSpanID in model/span.go), the first CHILD_OF reference
  // into the span's own trace, else the first FOLLOWS_FROM (or other) reference into it. A
  // reference to a span of another trace (a batch job FOLLOWS_FROM the request that queued it) is
  // never the parent: the span is a root of its trace with a link to the other one. Every
  // reference that is not the parent becomes a link.
  const refs = s.references;
  if (refs !== undefined && refs !== null) {
    if (!Array.isArray(refs)) throw new JaegerMapError('wrong-type', 'references should be an array');
    const ids: (ReturnType<typeof readIds> | undefined)[] = [];
    let parentIdx = -1;
    let fallbackIdx = -1;
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i] as RawJaegerReference;
      if (r === null || typeof r !== 'object') throw new JaegerMapError('wrong-type', 'reference should be an object');
      const rid = readIds(r, proto || (r.traceID === undefined && r.traceId !== undefined));
      if (rid.spanId === null || rid.traceId === null || rid.spanId === undefined) {
        out.error('invalid-id', `reference with invalid ids: ${show(rid.rawTrace)}/${show(rid.rawSpan)}`, false);
        ids.push(undefined);
        continue;
      }
      ids.push(rid);
      if (rid.traceId !== undefined && rid.traceId !== sameTraceSpelling(span.traceId, rid.traceId)) continue;
      if (parentIdx === -1 && enumName(r.refType, REF_TYPES, 'CHILD_OF').toUpperCase() === 'CHILD_OF') parentIdx = i;
      else if (fallbackIdx === -1) fallbackIdx = i;
    }
    if (parentIdx === -1) parentIdx = fallbackIdx;
    if (parentIdx !== -1 && enumName((refs[parentIdx] as RawJaegerReference).refType, REF_TYPES, 'CHILD_OF').toUpperCase() === 'FOLLOWS_FROM') span.followsFrom = true;
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i] as RawJaegerReference;
      const rid = ids[i];
      if (rid === undefined) continue;
      if (i === parentIdx) span.parentSpanId = rid.spanId!;
      else {
        const link: SpanLink = { traceId: rid.traceId ?? span.traceId, spanId: rid.spanId!, attributes: {} };
        if (r.refType !== undefined && r.refType !== null) link.attributes['jaeger.ref_type'] = enumName(r.refType, REF_TYPES, String(r.refType));
        span.links.push(link);
      }
    }
  }
  if (span.parentSpanId === undefined && s.parentSpanID !== undefined) {
    const p = normalizeHexId(s.parentSpanID, 16);
    if (p === null) out.error('invalid-id', `parentSpanID is not a span id: ${show(s.parentSpanID)}`, false);
    else if (p !== undefined) span.parentSpanId = p;
  }

  const startNs = readStart(s.startTime, out);
  if (startNs !== undefined) {
    span.startNs = startNs;
    const d = readDuration(s.duration, out);
    if (d !== undefined) span.endNs = startNs + d;
  }

  const logs = s.logs;
  if (logs !== undefined && logs !== null) {
    if (!Array.isArray(logs)) throw new JaegerMapError('wrong-type', 'logs should be an array');
    for (const l of logs) {
      if (l === null || typeof l !== 'object') throw new JaegerMapError('wrong-type', 'log should be an object');
      const attrs = tagsToAttributes(l.fields);
      let name = '';
      const ev = attrs['event'];
      if (typeof ev === 'string') {
        name = ev;
        delete attrs['event'];
      }
      const e: SpanEvent = { name, attributes: attrs };
      const t = readStart(l.timestamp, out);
      if (t !== undefined) e.timeNs = t;
      span.events.push(e);
    }
  }
  return span;
}
