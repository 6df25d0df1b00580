// OpenTelemetry Python's console exporters (ConsoleSpanExporter, ConsoleLogExporter,
// ConsoleMetricExporter) print each span, log record or metrics batch as JSON (`to_json()`,
// indented by 4 unless a formatter says otherwise). Their shapes are the SDK's own, not OTLP:
// attributes as objects, `0x`-prefixed ids, ISO times with microseconds, `SpanKind.SERVER`,
// a metric's points under `data` with no word for its type. Each is rewritten here as the OTLP
// request it stands for and read by the OTLP mapper, so both formats mean the same.
import { MAX_DEPTH } from '../types.js';
import { parseTimestamp } from '../common/time.js';
import { MapError, type OtlpOut } from '../otlp-json/map.js';
import { mapOtlpRequest } from '../otlp-json/request.js';
import type { RawOtlpAnyValue, RawOtlpKeyValue } from '../otlp-json/raw.js';
import type { Provenance } from '../../model/index.js';
import { isObject } from '../json-logs/map.js';
import { goSpanRequest, isGoSpan } from './go.js';

type Obj = Record<string, unknown>;

/** What a console-exporter value is. */
export type ConsoleKind = 'span' | 'log' | 'metrics' | 'go-span';

export function consoleKind(v: unknown): ConsoleKind | undefined {
  if (!isObject(v)) return undefined;
  if (isObject(v['context']) && 'trace_id' in v['context'] && 'name' in v) return 'span';
  if (isGoSpan(v)) return 'go-span';
  if ('resource_metrics' in v) return 'metrics';
  if ('body' in v && ('severity_number' in v || 'severity_text' in v)) return 'log';
  return undefined;
}

/** A JSON value as an OTLP AnyValue (objects as key-value lists, arrays as array values). */
export function anyValueOf(v: unknown, depth: number): RawOtlpAnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: v } : { doubleValue: v };
  if (Array.isArray(v)) {
    if (depth >= MAX_DEPTH) throw new MapError('too-deep', `attribute value nested deeper than ${MAX_DEPTH} levels`);
    return { arrayValue: { values: v.map((x) => anyValueOf(x, depth + 1)) } };
  }
  if (isObject(v)) return { kvlistValue: { values: keyValues(v, depth + 1) } };
  return {};
}

/** `{"http.method": "GET"}` → OTLP key-values; `null` or absent → none. */
function keyValues(v: unknown, depth = 0): RawOtlpKeyValue[] {
  if (v === undefined || v === null) return [];
  if (!isObject(v)) throw new MapError('wrong-type', 'attributes should be an object');
  if (depth >= MAX_DEPTH) throw new MapError('too-deep', `attribute value nested deeper than ${MAX_DEPTH} levels`);
  return Object.keys(v).map((key) => ({ key, value: anyValueOf(v[key], depth) }));
}

/** `0x5b8e…` → `5b8e…` (the OTLP mapper checks the rest); anything else as it is. */
function id(v: unknown): unknown {
  return typeof v === 'string' && /^0x/i.test(v) ? v.slice(2) : v;
}

/** An ISO time (`2024-01-10T12:00:00.123456Z`) → ns as a digit string; absent → undefined. */
export function nanos(v: unknown, field: string, out: OtlpOut): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const t = typeof v === 'string' || typeof v === 'number' ? parseTimestamp(v) : undefined;
  if (t === undefined) {
    out.error('invalid-timestamp', `${field} is not a time: ${JSON.stringify(v).slice(0, 80)}`, false);
    return undefined;
  }
  return String(t.ns);
}

/**
 * The `resource`: `{"attributes": {…}, "schema_url": …}`; the attributes alone (SDKs before 1.0
 * final); or the repr string some log exporters printed.
 */
function resourceOf(v: unknown): { attributes: RawOtlpKeyValue[] } {
  if (isObject(v)) {
    if (isObject(v['attributes']) || ('schema_url' in v && Object.keys(v).length <= 2)) return { attributes: keyValues(v['attributes']) };
    return { attributes: keyValues(v) };
  }
  if (typeof v === 'string') {
    // `BoundedAttributes({'service.name': 'shop', …}, maxlen=None)`: only plain string values are read back
    const attrs: RawOtlpKeyValue[] = [];
    for (const m of v.matchAll(/'((?:[^'\\]|\\.)*)': '((?:[^'\\]|\\.)*)'/g)) attrs.push({ key: m[1]!, value: { stringValue: m[2]! } });
    return { attributes: attrs };
  }
  return { attributes: [] };
}

const KINDS: Record<string, string> = { INTERNAL: 'SPAN_KIND_INTERNAL', SERVER: 'SPAN_KIND_SERVER', CLIENT: 'SPAN_KIND_CLIENT', PRODUCER: 'SPAN_KIND_PRODUCER', CONSUMER: 'SPAN_KIND_CONSUMER' };

function spanRequest(s: Obj, out: OtlpOut): unknown {
  const ctx = s['context'] as Obj;
  const kind = typeof s['kind'] === 'string' ? KINDS[s['kind'].replace(/^SpanKind\./, '').toUpperCase()] : undefined;
  const status = isObject(s['status']) ? s['status'] : {};
  const code = typeof status['status_code'] === 'string' ? `STATUS_CODE_${status['status_code'].toUpperCase()}` : undefined;
  const events = Array.isArray(s['events']) ? s['events'] : [];
  const links = Array.isArray(s['links']) ? s['links'] : [];
  const span = {
    traceId: id(ctx['trace_id']),
    spanId: id(ctx['span_id']),
    ...(s['parent_id'] !== null && s['parent_id'] !== undefined ? { parentSpanId: id(s['parent_id']) } : {}),
    name: s['name'],
    ...(kind ? { kind } : {}),
    startTimeUnixNano: nanos(s['start_time'], 'start_time', out),
    endTimeUnixNano: nanos(s['end_time'], 'end_time', out),
    status: { ...(code ? { code } : {}), ...(typeof status['description'] === 'string' ? { message: status['description'] } : {}) },
    attributes: keyValues(s['attributes']),
    events: events.map((e) => (isObject(e) ? { name: e['name'], timeUnixNano: nanos(e['timestamp'], 'event timestamp', out), attributes: keyValues(e['attributes']) } : e)),
    links: links.map((l) => (isObject(l) && isObject(l['context']) ? { traceId: id(l['context']['trace_id']), spanId: id(l['context']['span_id']), attributes: keyValues(l['attributes']) } : l)),
  };
  return { resourceSpans: [{ resource: resourceOf(s['resource']), scopeSpans: [{ spans: [span] }] }] };
}

function logRequest(r: Obj, out: OtlpOut): unknown {
  // `9`, or `"<SeverityNumber.INFO: 9>"` (the repr earlier SDKs printed)
  const sev = r['severity_number'];
  const severityNumber = typeof sev === 'number' ? sev : typeof sev === 'string' ? Number(/(\d+)>?\s*$/.exec(sev)?.[1] ?? NaN) : undefined;
  const record = {
    timeUnixNano: nanos(r['timestamp'], 'timestamp', out),
    observedTimeUnixNano: nanos(r['observed_timestamp'], 'observed_timestamp', out),
    ...(severityNumber !== undefined && Number.isInteger(severityNumber) ? { severityNumber } : {}),
    ...(typeof r['severity_text'] === 'string' ? { severityText: r['severity_text'] } : {}),
    ...(r['body'] !== null && r['body'] !== undefined ? { body: anyValueOf(r['body'], 0) } : {}),
    attributes: keyValues(r['attributes']),
    // `""` or `0x0…0` when the record was written outside a span: no id
    traceId: id(r['trace_id']),
    spanId: id(r['span_id']),
    ...(typeof r['event_name'] === 'string' && r['event_name'] !== '' ? { eventName: r['event_name'] } : {}),
  };
  return { resourceLogs: [{ resource: resourceOf(r['resource']), scopeLogs: [{ logRecords: [record] }] }] };
}

/** A metric's `data`: its type by its fields (the SDK prints none), as OTLP names it. */
function typedData(data: Obj): string {
  const first = Array.isArray(data['data_points']) && isObject(data['data_points'][0]) ? data['data_points'][0] : {};
  if ('scale' in first || 'positive' in first) return 'exponentialHistogram';
  if ('bucket_counts' in first || 'explicit_bounds' in first) return 'histogram';
  if ('quantile_values' in first) return 'summary';
  if ('is_monotonic' in data) return 'sum';
  return 'gauge';
}

function point(p: unknown, type: string): unknown {
  if (!isObject(p)) return p;
  const o: Obj = { attributes: keyValues(p['attributes']), startTimeUnixNano: p['start_time_unix_nano'], timeUnixNano: p['time_unix_nano'] };
  if (type === 'gauge' || type === 'sum') {
    const v = p['value'];
    if (typeof v === 'number' && Number.isInteger(v)) o['asInt'] = v;
    else o['asDouble'] = v;
  } else {
    for (const [k, camel] of [['count', 'count'], ['sum', 'sum'], ['min', 'min'], ['max', 'max'], ['bucket_counts', 'bucketCounts'], ['explicit_bounds', 'explicitBounds'], ['scale', 'scale'], ['zero_count', 'zeroCount'], ['flags', 'flags']] as const) {
      if (p[k] !== undefined && p[k] !== null) o[camel] = p[k];
    }
    for (const side of ['positive', 'negative'] as const) {
      const b = p[side];
      if (isObject(b)) o[side] = { offset: b['offset'], bucketCounts: b['bucket_counts'] };
    }
    if (Array.isArray(p['quantile_values'])) o['quantileValues'] = p['quantile_values'];
  }
  return o;
}

function metricsRequest(doc: Obj): unknown {
  const groups = doc['resource_metrics'];
  if (!Array.isArray(groups)) return { resourceMetrics: groups };
  return {
    resourceMetrics: groups.map((g) => {
      if (!isObject(g)) return g;
      const scopes = Array.isArray(g['scope_metrics']) ? g['scope_metrics'] : [];
      return {
        resource: resourceOf(g['resource']),
        scopeMetrics: scopes.map((sc) => {
          if (!isObject(sc)) return sc;
          const scope = isObject(sc['scope']) ? { name: sc['scope']['name'], version: sc['scope']['version'], attributes: keyValues(sc['scope']['attributes']) } : undefined;
          const metrics = Array.isArray(sc['metrics']) ? sc['metrics'] : [];
          return {
            ...(scope ? { scope } : {}),
            metrics: metrics.map((m) => {
              if (!isObject(m) || !isObject(m['data'])) return m;
              const data = m['data'];
              const type = typedData(data);
              const points = Array.isArray(data['data_points']) ? data['data_points'].map((p) => point(p, type)) : data['data_points'];
              return {
                name: m['name'],
                description: m['description'],
                unit: m['unit'],
                [type]: { dataPoints: points, aggregationTemporality: data['aggregation_temporality'], ...(type === 'sum' ? { isMonotonic: data['is_monotonic'] } : {}) },
              };
            }),
          };
        }),
      };
    }),
  };
}

/** Map one printed value (a span, a log record or a metrics batch) through the OTLP mapper. */
export function mapConsoleValue(v: unknown, source: Provenance, out: OtlpOut): void {
  const kind = consoleKind(v);
  if (kind === undefined) {
    out.error('invalid-record', 'not a span, log record or metrics batch of an OpenTelemetry console (stdout) exporter', true);
    return;
  }
  let req: unknown;
  try {
    req = kind === 'span' ? spanRequest(v as Obj, out) : kind === 'go-span' ? goSpanRequest(v as Obj, out) : kind === 'log' ? logRequest(v as Obj, out) : metricsRequest(v as Obj);
  } catch (e) {
    if (!(e instanceof MapError)) throw e;
    out.error(e.code, e.message, true);
    return;
  }
  mapOtlpRequest(req, source, out);
}
