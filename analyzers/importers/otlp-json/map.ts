// OTLP/JSON → model. Pure functions over already-parsed request objects, so the same code runs
// on a JSON Lines line, on elements streamed out of a huge document, and in worker threads.
// Kept lean on purpose (hot path of the OTLP benchmark): plain loops, no closures per value.
import {
  resourceFromAttributes,
  type AttrValue,
  type Attributes,
  type Exemplar,
  type LogRecord,
  type MetricPoint,
  type MetricType,
  type Provenance,
  type Resource,
  type Scope,
  type SignalRecord,
  type Span,
  type SpanEvent,
  type SpanKind,
  type SpanLink,
  type StatusCode,
  type Temporality,
} from '../../model/index.js';
import { normalizeOtlpId } from '../common/ids.js';
import { MAX_DEPTH, type ImportErrorCode } from '../types.js';
import type { RawOtlpAnyValue, RawOtlpKeyValue, RawOtlpLogRecord, RawOtlpMetric, RawOtlpNumberPoint, RawOtlpSpan } from './raw.js';
import { digitsWithin, INT64_MAX, UINT64_MAX } from '../common/time.js';
import { epochUnitMessage, ERA_FROM_NS, evidentEpochUnit, type EpochUnit } from '../prometheus/numbers.js';

export interface OtlpOut {
  record(record: SignalRecord): void;
  /** `rejected`: a record (or a whole request) was dropped because of it; a number: that many records. */
  error(code: ImportErrorCode, message: string, rejected: boolean | number): void;
  /** Units data point times were found written in instead of ns (each said once per input). */
  evidentUnits?: Set<EpochUnit>;
}

// Not an Error (as prometheus/parse-line.ts's Fail): a bad record is expected input, and a stack
// trace captured per rejected record made rejecting 500,000 bad array elements take 10-40 s.
/** Thrown inside a record's mapping; the record is rejected with this code. */
export class MapError {
  constructor(
    readonly code: ImportErrorCode,
    readonly message: string,
    /** Records lost with it, when more than the one being mapped (a metric's data points). */
    readonly lost?: number,
  ) {}
}

/**
 * Set when an int64 arrived as a JSON number beyond 2^53 (precision already lost by
 * JSON.parse). Callers holding the raw text re-parse it with such numbers quoted.
 */
export const precision = { lost: false };
/** The first attribute `intValue` past int64's range met while mapping (kept as its text); said by sayInt64Past. */
export const int64Past: { value: string | undefined } = { value: undefined };

/** Says (once, a notice: the value is kept as text) an intValue past int64 met since the last call. */
export function sayInt64Past(out: OtlpOut, where: string): void {
  if (int64Past.value === undefined) return;
  out.error('invalid-number', `${where} attribute intValue past int64's range (−2^63 to 2^63−1), kept as text: ${describe(int64Past.value)}`, false);
  int64Past.value = undefined;
}

const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const SPAN_KIND_NAMES: Record<string, SpanKind> = {
  SPAN_KIND_UNSPECIFIED: 'unspecified',
  SPAN_KIND_INTERNAL: 'internal',
  SPAN_KIND_SERVER: 'server',
  SPAN_KIND_CLIENT: 'client',
  SPAN_KIND_PRODUCER: 'producer',
  SPAN_KIND_CONSUMER: 'consumer',
};
const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];
const STATUS_NAMES: Record<string, StatusCode> = { STATUS_CODE_UNSET: 'unset', STATUS_CODE_OK: 'ok', STATUS_CODE_ERROR: 'error' };
const SEVERITY_BASE: Record<string, number> = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 };

export function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v);
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v);
}

function isDigits(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Unix-nano int64 (string or number) → bigint; 0/absent → undefined (OTLP: 0 means unset). */
export function readNs(v: unknown, field: string, out: OtlpOut): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    // 20 digits may pass 2^64 − 1: not a uint64 (a year-5000 time, or a number that overflowed).
    if (isDigits(v) && digitsWithin(v, UINT64_MAX)) {
      const ns = BigInt(v);
      return ns === 0n ? undefined : ns;
    }
  } else if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 64) {
    if (v === 0) return undefined;
    if (!Number.isSafeInteger(v)) precision.lost = true;
    return BigInt(v);
  }
  out.error('invalid-timestamp', `${field} is not an unsigned int64: ${describe(v)}`, false);
  return undefined;
}

/**
 * A data point time: uint64 ns, or, when the number is evidently seconds, ms or µs (a time before
 * 2001 as ns that another unit puts in our era: `"1700000000000"` is 1970-01-01T00:28:20Z as ns),
 * read in that unit and said once per input, as the Prometheus and OpenMetrics text importers
 * read a time in the wrong unit.
 */
function pointNs(v: unknown, field: string, out: OtlpOut): bigint | undefined {
  const ns = readNs(v, field, out);
  if (ns === undefined || ns >= ERA_FROM_NS) return ns;
  const evident = evidentEpochUnit(ns, 'ns');
  if (evident === undefined) return ns;
  const said = (out.evidentUnits ??= new Set());
  if (!said.has(evident.unit)) {
    said.add(evident.unit);
    out.error('invalid-timestamp', epochUnitMessage(`data point ${field} ${describe(v)}`, 'OTLP', 'ns', evident.unit), false);
  }
  return evident.ns;
}

/** int64 count/int value → number (exact up to 2^53; counts beyond that are approximations anyway). */
function readInt(v: unknown): number | undefined {
  // (OTLP's integers are 64 bits: past 2^64 a number is none of them)
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) && Number.isInteger(v)) precision.lost = true;
    return Number.isFinite(v) && Math.abs(v) < 2 ** 64 ? v : undefined;
  }
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    return Number.isFinite(n) && Number.isInteger(n) && Math.abs(n) < 2 ** 64 ? n : undefined;
  }
  return undefined;
}

/**
 * An int64 (`asInt`): as readInt, but a value past int64's range is none, as OTLP's decoders refuse
 * it. (A JSON number past 2^53 is already rounded: 2^63 is let through, as int64's max rounds to it.)
 */
function readInt64(v: unknown): number | undefined {
  if (typeof v === 'number') return Math.abs(v) <= 2 ** 63 ? readInt(v) : undefined;
  if (typeof v === 'string' && /^[-+]?\d+$/.test(v)) {
    const digits = v.replace(/^[-+]?0*/, '');
    if (!digitsWithin(digits, v.startsWith('-') ? INT64_MAX + 1n : INT64_MAX)) return undefined;
  }
  return readInt(v);
}

/** double: JSON number, or the proto-JSON strings "NaN", "Infinity", "-Infinity", "1.5". */
function readDouble(v: unknown): number | undefined {
  // (a JSON number is never Infinity: one JSON.parse read so is beyond a double's range, `1e400`,
  // which ProtoJSON readers refuse; the strings "Infinity" and "-Infinity" are the infinities)
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    if (!Number.isNaN(n) || v === 'NaN') return n;
  }
  return undefined;
}

function setAttr(out: Attributes, key: string, value: AttrValue): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

export function anyValue(v: RawOtlpAnyValue | null | undefined, depth: number): AttrValue {
  if (v === null || typeof v !== 'object') return null;
  const s = v.stringValue;
  if (s !== undefined) return typeof s === 'string' ? s : String(s);
  if (v.intValue !== undefined) {
    const iv = v.intValue;
    if (typeof iv === 'number') {
      if (Math.abs(iv) > 2 ** 63) int64Past.value ??= String(iv);
      // Past 2^53 JSON.parse has rounded it (2^63 − 1 and 2^63 both read as 2^63): with the text at
      // hand the caller reads it again exactly (mapExact), as a quoted int64 it is kept as text.
      if (!Number.isSafeInteger(iv) && Number.isInteger(iv)) precision.lost = true;
      return iv;
    }
    // (up to 15 digits, no sign: within int64 and exact as a number, what the checks below give, without them)
    if (typeof iv === 'string' && iv.length <= 15 && isDigits(iv)) return Number(iv);
    if (typeof iv === 'string' && readInt64(iv) === undefined && /^[-+]?\d+$/.test(iv)) int64Past.value ??= iv;
    const n = Number(iv);
    // Keep int64s beyond 2^53 as their exact decimal text rather than a rounded number.
    return Number.isSafeInteger(n) ? n : String(iv);
  }
  if (v.boolValue !== undefined) return v.boolValue === true || (v.boolValue as unknown) === 'true';
  if (v.doubleValue !== undefined) return readDouble(v.doubleValue) ?? null;
  if (v.arrayValue !== undefined) {
    if (depth >= MAX_DEPTH) throw new MapError('too-deep', `attribute value nested deeper than ${MAX_DEPTH} levels`);
    const values = v.arrayValue?.values;
    if (values === undefined || values === null) return [];
    if (!Array.isArray(values)) throw new MapError('wrong-type', 'arrayValue.values should be an array');
    const arr: AttrValue[] = new Array<AttrValue>(values.length);
    for (let i = 0; i < values.length; i++) arr[i] = anyValue(values[i], depth + 1);
    return arr;
  }
  if (v.kvlistValue !== undefined) {
    if (depth >= MAX_DEPTH) throw new MapError('too-deep', `attribute value nested deeper than ${MAX_DEPTH} levels`);
    return attributes(v.kvlistValue?.values, depth + 1);
  }
  if (v.bytesValue !== undefined) return typeof v.bytesValue === 'string' ? v.bytesValue : null;
  return null;
}

export function attributes(list: RawOtlpKeyValue[] | null | undefined, depth = 0): Attributes {
  const out: Attributes = {};
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new MapError('wrong-type', 'attributes should be an array of {key, value}');
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    if (kv === null || typeof kv !== 'object' || typeof kv.key !== 'string') throw new MapError('wrong-type', 'attribute without a string key');
    setAttr(out, kv.key, anyValue(kv.value, depth));
  }
  return out;
}

function labelText(v: AttrValue): string {
  return typeof v === 'string' ? v : v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function labels(list: RawOtlpKeyValue[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new MapError('wrong-type', 'attributes should be an array of {key, value}');
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    if (kv === null || typeof kv !== 'object' || typeof kv.key !== 'string') throw new MapError('wrong-type', 'attribute without a string key');
    const v = kv.value;
    const text = v && typeof v.stringValue === 'string' ? v.stringValue : labelText(anyValue(v, 0));
    if (kv.key === '__proto__') Object.defineProperty(out, kv.key, { value: text, enumerable: true, writable: true, configurable: true });
    else out[kv.key] = text;
  }
  return out;
}

export function mapResource(raw: unknown): Resource {
  if (raw === undefined || raw === null) return resourceFromAttributes({});
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new MapError('wrong-type', 'resource should be an object');
  return resourceFromAttributes(attributes((raw as { attributes?: RawOtlpKeyValue[] }).attributes));
}

export function mapScope(raw: unknown): Scope | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new MapError('wrong-type', 'scope should be an object');
  const r = raw as { name?: unknown; version?: unknown; attributes?: RawOtlpKeyValue[] };
  const scope: Scope = {};
  if (typeof r.name === 'string' && r.name !== '') scope.name = r.name;
  if (typeof r.version === 'string' && r.version !== '') scope.version = r.version;
  if (r.attributes !== undefined && r.attributes !== null) scope.attributes = attributes(r.attributes);
  return scope;
}

function readSpanKind(k: unknown): SpanKind {
  if (typeof k === 'number') return SPAN_KINDS[k] ?? 'unspecified';
  if (typeof k === 'string') return SPAN_KIND_NAMES[k] ?? SPAN_KINDS[Number(k)] ?? 'unspecified';
  return 'unspecified';
}

function readStatusCode(c: unknown): StatusCode {
  if (c === undefined || c === null) return 'unset';
  if (typeof c === 'number') return STATUS_CODES[c] ?? 'unset';
  if (typeof c === 'string') return STATUS_NAMES[c] ?? STATUS_CODES[Number(c)] ?? 'unset';
  return 'unset';
}

/** Severity number or its enum name (SEVERITY_NUMBER_WARN2) → 1..24. */
function readSeverity(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 0 && v <= 24 ? v : undefined;
  if (typeof v === 'string' && v.startsWith('SEVERITY_NUMBER_')) {
    const rest = v.slice(16);
    const last = rest.charCodeAt(rest.length - 1);
    const digit = last >= 50 && last <= 52 ? last - 49 : 0; // WARN2..WARN4
    const base = SEVERITY_BASE[digit > 0 ? rest.slice(0, -1) : rest];
    return base === undefined ? undefined : base + digit;
  }
  if (typeof v === 'string' && v !== '') return readSeverity(Number(v));
  return undefined;
}

function readId(v: unknown, bytes: number, field: string, required: boolean): string | undefined {
  const id = normalizeOtlpId(v, bytes);
  if (id === null) throw new MapError('invalid-id', `${field} is neither ${bytes * 2}-hex nor base64 of ${bytes} bytes: ${describe(v)}`);
  if (id === undefined && required) throw new MapError('missing-field', `${field} is missing or empty`);
  return id;
}

/** Optional id: an invalid one is reported (record kept) and dropped. */
function readOptionalId(v: unknown, bytes: number, field: string, out: OtlpOut): string | undefined {
  const id = normalizeOtlpId(v, bytes);
  if (id === null) {
    out.error('invalid-id', `${field} is neither ${bytes * 2}-hex nor base64 of ${bytes} bytes: ${describe(v)}`, false);
    return undefined;
  }
  return id;
}

/**
 * What the SDK dropped at its limits (attribute, event and link counts) is kept as the
 * `otel.dropped_*_count` attributes the OpenTelemetry spec names for formats without such fields
 * (specification/common/mapping-to-non-otlp.md; the Zipkin and Jaeger exporters write them), so
 * the three trace formats show drops alike. Zero or absent: nothing added.
 */
function setDropped(out: Attributes, key: string, v: unknown): void {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0;
  if (Number.isSafeInteger(n) && n > 0) setAttr(out, key, n);
}

export function mapSpan(s: RawOtlpSpan, resource: Resource, scope: Scope | undefined, source: Provenance, out: OtlpOut): Span {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new MapError('wrong-type', `span should be an object, got ${describe(s)}`);
  const traceId = readId(s.traceId, 16, 'traceId', true)!;
  const spanId = readId(s.spanId, 8, 'spanId', true)!;
  const st = s.status;
  const status: Span['status'] = { code: st ? readStatusCode(st.code) : 'unset' };
  if (st && typeof st.message === 'string' && st.message !== '') status.message = st.message;
  const span: Span = {
    kind: 'span',
    traceId,
    spanId,
    name: typeof s.name === 'string' ? s.name : '',
    spanKind: readSpanKind(s.kind),
    status,
    attributes: attributes(s.attributes),
    events: [],
    links: [],
    resource,
    source,
  };
  setDropped(span.attributes, 'otel.dropped_attributes_count', s.droppedAttributesCount);
  setDropped(span.attributes, 'otel.dropped_events_count', s.droppedEventsCount);
  setDropped(span.attributes, 'otel.dropped_links_count', s.droppedLinksCount);
  // An empty or all-zero parentSpanId is "no parent" (normalizeOtlpId): the span is a root.
  const parent = readOptionalId(s.parentSpanId, 8, 'parentSpanId', out);
  if (parent !== undefined) span.parentSpanId = parent;
  const startNs = readNs(s.startTimeUnixNano, 'startTimeUnixNano', out);
  if (startNs !== undefined) span.startNs = startNs;
  const endNs = readNs(s.endTimeUnixNano, 'endTimeUnixNano', out);
  if (endNs !== undefined) span.endNs = endNs;
  if (scope !== undefined) span.scope = scope;
  const events = s.events;
  if (events !== undefined && events !== null) {
    if (!Array.isArray(events)) throw new MapError('wrong-type', 'events should be an array');
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e === null || typeof e !== 'object') throw new MapError('wrong-type', 'event should be an object');
      const ev: SpanEvent = { name: typeof e.name === 'string' ? e.name : '', attributes: attributes(e.attributes) };
      setDropped(ev.attributes, 'otel.dropped_attributes_count', e.droppedAttributesCount);
      const t = readNs(e.timeUnixNano, 'event timeUnixNano', out);
      if (t !== undefined) ev.timeNs = t;
      span.events.push(ev);
    }
  }
  const links = s.links;
  if (links !== undefined && links !== null) {
    if (!Array.isArray(links)) throw new MapError('wrong-type', 'links should be an array');
    for (let i = 0; i < links.length; i++) {
      const l = links[i];
      if (l === null || typeof l !== 'object') throw new MapError('wrong-type', 'link should be an object');
      const lt = readOptionalId(l.traceId, 16, 'link traceId', out);
      const ls = readOptionalId(l.spanId, 8, 'link spanId', out);
      if (lt === undefined || ls === undefined) continue;
      const link: SpanLink = { traceId: lt, spanId: ls, attributes: attributes(l.attributes) };
      setDropped(link.attributes, 'otel.dropped_attributes_count', l.droppedAttributesCount);
      span.links.push(link);
    }
  }
  return span;
}

export function mapLogRecord(r: RawOtlpLogRecord, resource: Resource, scope: Scope | undefined, source: Provenance, out: OtlpOut): LogRecord {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new MapError('wrong-type', `log record should be an object, got ${describe(r)}`);
  const rec: LogRecord = {
    kind: 'log',
    body: anyValue(r.body, 0),
    attributes: attributes(r.attributes),
    resource,
    structured: true,
    source,
  };
  const t = readNs(r.timeUnixNano, 'timeUnixNano', out);
  if (t !== undefined) rec.timeNs = t;
  const ot = readNs(r.observedTimeUnixNano, 'observedTimeUnixNano', out);
  if (ot !== undefined) rec.observedTimeNs = ot;
  const sev = readSeverity(r.severityNumber);
  if (sev !== undefined) rec.severityNumber = sev;
  if (typeof r.severityText === 'string' && r.severityText !== '') rec.severityText = r.severityText;
  const traceId = readOptionalId(r.traceId, 16, 'traceId', out);
  if (traceId !== undefined) rec.traceId = traceId;
  const spanId = readOptionalId(r.spanId, 8, 'spanId', out);
  if (spanId !== undefined) rec.spanId = spanId;
  if (typeof r.eventName === 'string' && r.eventName !== '') setAttr(rec.attributes, 'event.name', r.eventName);
  if (scope !== undefined) rec.scope = scope;
  return rec;
}

function readTemporality(v: unknown): Temporality {
  if (v === 1 || v === 'AGGREGATION_TEMPORALITY_DELTA' || v === '1') return 'delta';
  if (v === 2 || v === 'AGGREGATION_TEMPORALITY_CUMULATIVE' || v === '2') return 'cumulative';
  return 'unspecified';
}

function numberList(v: unknown, field: string): number[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new MapError('wrong-type', `${field} should be an array`);
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) {
    const n = readDouble(v[i]);
    if (n === undefined) throw new MapError('invalid-number', `${field}[${i}] is not a number: ${describe(v[i])}`);
    out[i] = n;
  }
  return out;
}

/** A histogram's `count` (a uint64; absent means 0): anything else rejects the point. */
function readCount(v: unknown, name: string): number {
  if (v === undefined || v === null) return 0;
  const n = readInt(v);
  if (n === undefined || n < 0) throw new MapError('invalid-number', `count of "${name}" is not a count: ${describe(v)}`);
  return n;
}

/** Bucket counts are counts (uint64): a negative or fractional one is flagged, the point kept. */
function checkCounts(name: string, counts: readonly number[], out: OtlpOut): void {
  const bad = counts.findIndex((c) => !(c >= 0) || !Number.isInteger(c));
  if (bad >= 0) out.error('invalid-record', `histogram "${name}" has bucket count ${counts[bad]} at ${bad}: a count is a whole number, not negative`, false);
}

function total(counts: readonly number[]): number {
  let t = 0;
  for (const c of counts) t += c;
  return t;
}

/** A histogram point whose count is not its buckets' total is kept (count and sum are still data) but flagged, as OpenMetrics' `+Inf` rule is. */
function checkBucketTotal(name: string, count: number, buckets: number | undefined, out: OtlpOut): void {
  if (buckets !== undefined && buckets !== count) out.error('invalid-record', `histogram "${name}" has count ${count} but its buckets hold ${buckets}`, false);
}

function exemplars(list: unknown, out: OtlpOut): Exemplar[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new MapError('wrong-type', 'exemplars should be an array');
  const res: Exemplar[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as RawOtlpNumberPoint & { filteredAttributes?: RawOtlpKeyValue[] };
    if (e === null || typeof e !== 'object') throw new MapError('wrong-type', 'exemplar should be an object');
    const value = e.asDouble !== undefined ? readDouble(e.asDouble) : readInt64(e.asInt);
    const ex: Exemplar = { value: value ?? NaN, attributes: attributes(e.filteredAttributes) };
    const t = readNs(e.timeUnixNano, 'exemplar timeUnixNano', out);
    if (t !== undefined) ex.timeNs = t;
    const traceId = readOptionalId(e.traceId, 16, 'exemplar traceId', out);
    if (traceId !== undefined) ex.traceId = traceId;
    const spanId = readOptionalId(e.spanId, 8, 'exemplar spanId', out);
    if (spanId !== undefined) ex.spanId = spanId;
    res.push(ex);
  }
  return res;
}

function optNumber(p: Record<string, unknown>, key: string): number | undefined {
  const v = p[key];
  return v === undefined || v === null ? undefined : readDouble(v);
}

/** One MetricPoint per data point; a bad point is rejected alone. */
export function mapMetric(m: RawOtlpMetric, resource: Resource, scope: Scope | undefined, source: Provenance, out: OtlpOut): void {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new MapError('wrong-type', `metric should be an object, got ${describe(m)}`);
  if (typeof m.name !== 'string' || m.name === '') {
    const hasData = m.gauge ?? m.sum ?? m.histogram ?? m.exponentialHistogram ?? m.summary;
    if (hasData === undefined || hasData === null) {
      // `{}` in a metrics list (seen in real exporter test data): nothing to read, nothing lost.
      out.error('invalid-record', 'empty metric without name or data ignored', false);
      return;
    }
    // Its data points are lost with it: each is one record of the input.
    const points = (hasData as { dataPoints?: unknown }).dataPoints;
    const n = Array.isArray(points) ? points.length : 1;
    throw new MapError('missing-field', n === 1 ? 'metric without a name' : `metric without a name (${n} data points)`, n);
  }
  let type: MetricType;
  let data: { dataPoints?: unknown; aggregationTemporality?: unknown; isMonotonic?: unknown } | undefined;
  let temporality: Temporality = 'unspecified';
  let monotonic: boolean | undefined;
  if (m.gauge) {
    type = 'gauge';
    data = m.gauge;
  } else if (m.sum) {
    data = m.sum;
    temporality = readTemporality(m.sum.aggregationTemporality);
    monotonic = m.sum.isMonotonic === true;
    // A non-monotonic sum (UpDownCounter) behaves like a gauge; Prometheus exports it as one.
    type = monotonic ? 'counter' : 'gauge';
  } else if (m.histogram) {
    type = 'histogram';
    data = m.histogram;
    temporality = readTemporality(m.histogram.aggregationTemporality);
  } else if (m.exponentialHistogram) {
    type = 'exponential-histogram';
    data = m.exponentialHistogram;
    temporality = readTemporality(m.exponentialHistogram.aggregationTemporality);
  } else if (m.summary) {
    type = 'summary';
    data = m.summary;
  } else {
    // OTLP before 0.9 (2021) had typed data fields with `labels`; the Collector has not written them since
    const retired = ['intGauge', 'doubleGauge', 'intSum', 'doubleSum', 'intHistogram', 'doubleHistogram', 'doubleSummary'].find((k) => k in (m as object));
    if (retired !== undefined) throw new MapError('unsupported', `metric "${m.name}" uses "${retired}" of the OTLP metrics schema before v0.9 (retired in 2021), not read; export it again with a current OpenTelemetry Collector or SDK`);
    throw new MapError('invalid-record', `metric "${m.name}" has no gauge, sum, histogram, exponentialHistogram or summary`);
  }
  if (typeof data !== 'object' || Array.isArray(data)) throw new MapError('wrong-type', `metric "${m.name}" data should be an object`);
  const points = data.dataPoints;
  if (points === undefined || points === null) return;
  if (!Array.isArray(points)) throw new MapError('wrong-type', `metric "${m.name}" dataPoints should be an array`);
  const unit = typeof m.unit === 'string' && m.unit !== '' ? m.unit : undefined;
  const description = typeof m.description === 'string' && m.description !== '' ? m.description : undefined;
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Record<string, unknown>;
    try {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new MapError('wrong-type', `data point of "${m.name}" should be an object`);
      const point: MetricPoint = {
        kind: 'metric',
        name: m.name,
        type,
        temporality,
        labels: labels(p.attributes as RawOtlpKeyValue[] | undefined),
        exemplars: exemplars(p.exemplars, out),
        resource,
        source,
      };
      if (unit !== undefined) point.unit = unit;
      if (description !== undefined) point.description = description;
      if (monotonic !== undefined) point.monotonic = monotonic;
      if (scope !== undefined) point.scope = scope;
      const t = pointNs(p.timeUnixNano, 'timeUnixNano', out);
      if (t !== undefined) point.timeNs = t;
      const st = pointNs(p.startTimeUnixNano, 'startTimeUnixNano', out);
      if (st !== undefined) point.startTimeNs = st;
      if (type === 'gauge' || type === 'counter') {
        // ProtoJSON reads `null` as a field not written: `"asDouble": null` is a point with no value
        // (kept, as one without a value field is), said in a notice, as the Collector's OTLP JSON
        // decoder refuses the request.
        const nulled = p.asDouble === null ? 'asDouble' : p.asInt === null ? 'asInt' : undefined;
        if (nulled !== undefined && (p.asDouble ?? p.asInt ?? null) === null) {
          out.error('invalid-number', `${nulled} of "${m.name}" is null: read as not written (ProtoJSON), a point without a value`, false);
        }
        const v = p.asDouble != null ? readDouble(p.asDouble) : p.asInt != null ? readInt64(p.asInt) : undefined;
        // flags bit 1 = no recorded value (staleness marker); OTLP sends no value field then.
        if (v === undefined && (p.asDouble != null || p.asInt != null)) {
          // (what was there: `asDouble: null` is null, not "undefined")
          const raw = p.asDouble != null ? p.asDouble : p.asInt;
          const past = p.asDouble == null && (typeof raw === 'number' ? Number.isInteger(raw) || !Number.isFinite(raw) : typeof raw === 'string' && /^[-+]?\d+$/.test(raw));
          const huge = typeof raw === 'number' && !Number.isFinite(raw);
          throw new MapError('invalid-number', past ? `asInt of "${m.name}" is past int64's range (−2^63 to 2^63−1): ${describe(raw)}` : huge ? `value of "${m.name}" is a JSON number beyond a double's range (read as ${describe(raw)}); write "Infinity" if that is meant` : `value of "${m.name}" is not a number: ${describe(raw)}`);
        }
        if (v !== undefined) point.value = v;
      } else if (type === 'histogram') {
        const counts = numberList(p.bucketCounts, 'bucketCounts');
        const bounds = numberList(p.explicitBounds, 'explicitBounds');
        if (counts.length !== 0 && counts.length !== bounds.length + 1) {
          // Kept (count and sum are still good data) but flagged: buckets cannot be trusted.
          out.error('invalid-record', `histogram "${m.name}" has ${counts.length} bucket counts for ${bounds.length} bounds (expected ${bounds.length + 1})`, false);
        }
        point.histogram = { count: readCount(p.count, m.name), bounds, counts };
        checkCounts(m.name, counts, out);
        checkBucketTotal(m.name, point.histogram.count, counts.length === 0 ? undefined : total(counts), out);
        const sum = optNumber(p, 'sum');
        if (sum !== undefined) point.histogram.sum = sum;
        const min = optNumber(p, 'min');
        if (min !== undefined) point.histogram.min = min;
        const max = optNumber(p, 'max');
        if (max !== undefined) point.histogram.max = max;
      } else if (type === 'exponential-histogram') {
        const pos = (p.positive ?? {}) as { offset?: unknown; bucketCounts?: unknown };
        const neg = (p.negative ?? {}) as { offset?: unknown; bucketCounts?: unknown };
        point.exponentialHistogram = {
          count: readCount(p.count, m.name),
          scale: readInt(p.scale) ?? 0,
          zeroCount: readInt(p.zeroCount) ?? 0,
          positive: { offset: readInt(pos.offset) ?? 0, counts: numberList(pos.bucketCounts, 'positive.bucketCounts') },
          negative: { offset: readInt(neg.offset) ?? 0, counts: numberList(neg.bucketCounts, 'negative.bucketCounts') },
        };
        const e = point.exponentialHistogram;
        checkCounts(m.name, [...e.positive.counts, ...e.negative.counts], out);
        checkBucketTotal(m.name, e.count, e.zeroCount + total(e.positive.counts) + total(e.negative.counts), out);
        const sum = optNumber(p, 'sum');
        if (sum !== undefined) point.exponentialHistogram.sum = sum;
        const min = optNumber(p, 'min');
        if (min !== undefined) point.exponentialHistogram.min = min;
        const max = optNumber(p, 'max');
        if (max !== undefined) point.exponentialHistogram.max = max;
      } else {
        const qv = p.quantileValues;
        if (qv !== undefined && qv !== null && !Array.isArray(qv)) throw new MapError('wrong-type', 'quantileValues should be an array');
        const quantiles: { quantile: number; value: number }[] = [];
        for (const q of (qv ?? []) as { quantile?: unknown; value?: unknown }[]) {
          quantiles.push({ quantile: readDouble(q?.quantile) ?? 0, value: readDouble(q?.value) ?? 0 });
        }
        point.summary = { count: readCount(p.count, m.name), quantiles };
        const sum = optNumber(p, 'sum');
        if (sum !== undefined) point.summary.sum = sum;
      }
      out.record(point);
    } catch (e) {
      if (!(e instanceof MapError)) throw e;
      out.error(e.code, e.message, true);
    }
  }
}
