// OpenTelemetry Go's stdout trace exporter (go.opentelemetry.io/otel/exporters/stdout/stdouttrace)
// prints each span as JSON (indented with WithPrettyPrint, as the Go getting-started guide writes
// traces.txt): the SDK's SpanStub with Go field names — `SpanContext.TraceID`, a zero `Parent`
// for a root, `SpanKind` as Go's number (OTLP's), attributes as `{Key, Value: {Type, Value}}`.
// Each is rewritten as the OTLP request it stands for.
import { MAX_DEPTH } from '../types.js';
import { MapError, type OtlpOut } from '../otlp-json/map.js';
import type { RawOtlpAnyValue, RawOtlpKeyValue } from '../otlp-json/raw.js';
import { isObject } from '../json-logs/map.js';
import { nanos } from './map.js';

type Obj = Record<string, unknown>;

export function isGoSpan(v: Obj): boolean {
  return isObject(v['SpanContext']) && 'TraceID' in v['SpanContext'] && 'Name' in v;
}

/** `{Type: "INT64", Value: 3}` → an OTLP AnyValue (a slice type's elements by its element type). */
function goValue(v: unknown, depth: number): RawOtlpAnyValue {
  if (!isObject(v)) return {};
  const type = typeof v['Type'] === 'string' ? v['Type'].toUpperCase() : '';
  const value = v['Value'];
  const scalar = (t: string, x: unknown): RawOtlpAnyValue => {
    if (t.startsWith('BOOL') && typeof x === 'boolean') return { boolValue: x };
    if (t.startsWith('INT64') && (typeof x === 'number' || typeof x === 'string')) return { intValue: x };
    if (t.startsWith('FLOAT64') && typeof x === 'number') return { doubleValue: x };
    if (typeof x === 'string') return { stringValue: x };
    return x === null || x === undefined ? {} : { stringValue: JSON.stringify(x) };
  };
  if (type.endsWith('SLICE')) {
    if (depth >= MAX_DEPTH) throw new MapError('too-deep', `attribute value nested deeper than ${MAX_DEPTH} levels`);
    return { arrayValue: { values: Array.isArray(value) ? value.map((x) => scalar(type.slice(0, -5), x)) : [] } };
  }
  return scalar(type, value);
}

function goAttributes(list: unknown): RawOtlpKeyValue[] {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new MapError('wrong-type', 'Attributes should be a list of {Key, Value}');
  return list.filter(isObject).map((kv) => ({ key: String(kv['Key'] ?? ''), value: goValue(kv['Value'], 0) }));
}

/** An RFC 3339 time → ns digits (as the Python exporters' times are read); Go's zero time (`0001-01-01T00:00:00Z`) → unset. */
function goNanos(v: unknown, field: string, out: OtlpOut): string | undefined {
  return typeof v === 'string' && v.startsWith('0001-01-01T00:00:00') ? undefined : nanos(v, field, out);
}

const ZERO_ID = /^0*$/;
const STATUS: Record<string, string> = { UNSET: 'STATUS_CODE_UNSET', OK: 'STATUS_CODE_OK', ERROR: 'STATUS_CODE_ERROR' };

export function goSpanRequest(s: Obj, out: OtlpOut): unknown {
  const ctx = s['SpanContext'] as Obj;
  const parent = isObject(s['Parent']) ? s['Parent'] : {};
  const parentId = typeof parent['SpanID'] === 'string' && !ZERO_ID.test(parent['SpanID']) ? parent['SpanID'] : undefined;
  const status = isObject(s['Status']) ? s['Status'] : {};
  const code = typeof status['Code'] === 'string' ? STATUS[status['Code'].toUpperCase()] : undefined;
  const events = Array.isArray(s['Events']) ? s['Events'] : [];
  const links = Array.isArray(s['Links']) ? s['Links'] : [];
  const scope = isObject(s['InstrumentationScope']) ? s['InstrumentationScope'] : isObject(s['InstrumentationLibrary']) ? s['InstrumentationLibrary'] : undefined;
  const span = {
    traceId: ctx['TraceID'],
    spanId: ctx['SpanID'],
    ...(parentId ? { parentSpanId: parentId } : {}),
    ...(typeof ctx['TraceState'] === 'string' && ctx['TraceState'] !== '' ? { traceState: ctx['TraceState'] } : {}),
    name: s['Name'],
    ...(typeof s['SpanKind'] === 'number' ? { kind: s['SpanKind'] } : {}),
    startTimeUnixNano: goNanos(s['StartTime'], 'StartTime', out),
    endTimeUnixNano: goNanos(s['EndTime'], 'EndTime', out),
    status: { ...(code ? { code } : {}), ...(typeof status['Description'] === 'string' && status['Description'] !== '' ? { message: status['Description'] } : {}) },
    attributes: goAttributes(s['Attributes']),
    events: events.map((e) => (isObject(e) ? { name: e['Name'], timeUnixNano: goNanos(e['Time'], 'event Time', out), attributes: goAttributes(e['Attributes']) } : e)),
    links: links.map((l) => (isObject(l) && isObject(l['SpanContext']) ? { traceId: l['SpanContext']['TraceID'], spanId: l['SpanContext']['SpanID'], attributes: goAttributes(l['Attributes']) } : l)),
  };
  return {
    resourceSpans: [
      {
        resource: { attributes: goAttributes(s['Resource']) },
        scopeSpans: [{ ...(scope ? { scope: { name: scope['Name'], version: scope['Version'] } } : {}), spans: [span] }],
      },
    ],
  };
}
