// JSON answers and payloads of products ObsReady does not read, recognised by a few robust keys
// of their parsed values, so whitespace never changes the outcome: the one-line (compact) and the
// pretty-printed copy of the same content are the same values. Each is named with what to export
// instead, rather than being read as one log record (one line of JSON looks like JSON Lines), or
// taken for a broken Jaeger trace or Prometheus text. An API's error answer is said to be one,
// with its message quoted.
import type { SniffInput } from '../types.js';

export interface ForeignJson {
  reason: 'unsupported' | 'unrecognised-format';
  message: string;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The JSON values the head holds: the whole head as one document (when complete), or one value a
 * line (JSON Lines; the last line left out when the head is cut), or the start of one document
 * the sniff window cut (`cut`: see cutDocument). `single` says whether it is one document.
 * `undefined` when the head is no such JSON (text).
 */
export function jsonValuesOfHead(input: SniffInput): { values: unknown[]; single: boolean; cut?: true } | undefined {
  const text = input.text.replace(/^\uFEFF/, '').trim();
  if (text[0] !== '{' && text[0] !== '[') return undefined;
  if (input.complete) {
    try {
      return { values: [JSON.parse(text)], single: true };
    } catch {
      // not one document: perhaps one a line
    }
  }
  const lines = text.split('\n');
  if (!input.complete && lines.length > 1) lines.pop();
  const values: unknown[] = [];
  for (const l of lines.slice(0, 50)) {
    const t = l.trim();
    if (t === '') continue;
    if (t[0] !== '{') return input.complete ? undefined : cutDocument(text);
    try {
      values.push(JSON.parse(t));
    } catch {
      return input.complete ? undefined : cutDocument(text);
    }
  }
  return values.length === 0 ? undefined : { values, single: false };
}

/**
 * The start of a document the sniff window cut (on one line or pretty-printed), parsed: cut at a
 * comma and closed. The comma is the last one between elements of the outermost array still open
 * (so its elements are whole: a list of records keeps whole records), else the last one anywhere.
 */
function cutDocument(text: string): { values: unknown[]; single: true; cut: true } | undefined {
  const stack: string[] = [];
  /** The stack's depth inside the outermost array open (-1: none open), and the last comma between its elements. */
  let outerArrayDepth = -1;
  let inArray: { at: number; closers: string } | undefined;
  let anywhere: { at: number; closers: string } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? '}' : ']');
      if (c === '[' && outerArrayDepth < 0) outerArrayDepth = stack.length;
    } else if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length < outerArrayDepth) {
        outerArrayDepth = -1;
        inArray = undefined;
      }
      if (stack.length === 0) return undefined; // a whole value, then more: no one document
    } else if (c === ',') {
      const closers = stack.slice().reverse().join('');
      anywhere = { at: i, closers };
      if (stack.length === outerArrayDepth) inArray = { at: i, closers };
    }
  }
  const cut = inArray ?? anywhere;
  if (!cut) return undefined;
  try {
    return { values: [JSON.parse(text.slice(0, cut.at) + cut.closers)], single: true, cut: true };
  } catch {
    return undefined;
  }
}

/**
 * The whole head as a pretty-printed document, when it is one JSON object written on one line
 * (and nothing else): how a sniffer judges it must not depend on that. `undefined` otherwise.
 */
export function prettyOfOneLineObject(input: SniffInput): SniffInput | undefined {
  if (!input.complete) return undefined;
  const text = input.text.replace(/^\uFEFF/, '').trim();
  if (text[0] !== '{' || text.includes('\n')) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(v)) return undefined;
  const pretty = JSON.stringify(v, null, 2) + '\n';
  return { bytes: new TextEncoder().encode(pretty), text: pretty, complete: true };
}

const TO_EXPORT_SPANS = 'send the traces as OTLP (through an OpenTelemetry Collector if need be) and export OTLP JSON (the Collector file exporter), Jaeger JSON or Zipkin JSON';
const TO_EXPORT_METRICS = 'export them as Prometheus text, OpenTelemetry (OTLP JSON) or CSV';
const NETDATA_INSTEAD = 'fetch the metrics as Prometheus text instead (/api/v1/allmetrics?format=prometheus), which is read';
const GRAPHITE_INSTEAD = 'query the render API with `format=json`, whose answer is read';

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number';
/** The first element of `v` when it is a non-empty array of objects. */
const firstObj = (v: unknown): Obj | undefined => (Array.isArray(v) && isObj(v[0]) ? v[0] : undefined);
const has = (o: Obj, ...keys: string[]): boolean => keys.every((k) => Object.hasOwn(o, k));

/**
 * An API's error object (`{"message": …, "code"|"httpCode"|"grpcCode"|"status": …}`, as
 * grpc-gateway — Jaeger's api_v3 — and Google APIs write it), quoted with its codes:
 * `"trace not found" (HTTP 404 Not Found, gRPC code 5)`. `undefined` for anything else.
 */
export function apiErrorText(e: unknown): string | undefined {
  if (!isObj(e) || !str(e['message']) || !['code', 'httpCode', 'grpcCode', 'status'].some((k) => Object.hasOwn(e, k))) return undefined;
  const how: string[] = [];
  const http = num(e['httpCode']) ? e['httpCode'] : num(e['code']) && e['code'] >= 100 && e['code'] < 600 ? e['code'] : undefined;
  if (http !== undefined) how.push(`HTTP ${http}${str(e['httpStatus']) ? ` ${e['httpStatus']}` : ''}`);
  if (num(e['grpcCode'])) how.push(`gRPC code ${e['grpcCode']}`);
  if (str(e['status'])) how.push(e['status']);
  return `${JSON.stringify(e['message'].slice(0, 300))}${how.length > 0 ? ` (${how.join(', ')})` : ''}`;
}

/** `{"error": {…}}` (an error object, see apiErrorText) and nothing else but a request or trace id. */
function apiError(doc: Obj): ForeignJson | undefined {
  const text = apiErrorText(doc['error']);
  if (text === undefined || !Object.keys(doc).every((k) => k === 'error' || /^(request_?[iI]d|trace_?[iI]d)$/.test(k))) return undefined;
  return {
    reason: 'unsupported',
    message: `an API error answer (\`{"error": …}\`, as Jaeger's api_v3 and Google APIs answer), not telemetry: ${text}. It holds no records; fix the request (trace id, time range, query) and export the answer again`,
  };
}

/** Google Cloud Trace v1 (`{projectId, traceId, spans}`, or a list of them) and v2 (batchWrite's `spans` named `projects/…/traces/…/spans/…`). */
function gcpTrace(doc: Obj): ForeignJson | undefined {
  const trace = has(doc, 'projectId', 'traceId', 'spans') ? doc : firstObj(doc['traces']);
  const span = trace && has(trace, 'projectId', 'traceId') ? firstObj(trace['spans']) : undefined;
  if (span && str(span['spanId']) && (str(span['startTime']) || isObj(span['labels']) || str(span['kind']))) {
    return { reason: 'unsupported', message: `Google Cloud Trace v1 traces (projectId, traceId, spans with labels): not read; ${TO_EXPORT_SPANS}` };
  }
  const v2 = firstObj(doc['spans']);
  if (v2 && str(v2['name']) && /^projects\/[^/]+\/traces\/[0-9a-fA-F]{32}\/spans\/[0-9a-fA-F]{16}$/.test(v2['name']) && isObj(v2['displayName'])) {
    return { reason: 'unsupported', message: `Google Cloud Trace v2 spans (batchWrite: spans named projects/…/traces/…/spans/…): not read; ${TO_EXPORT_SPANS}` };
  }
  return undefined;
}

/** Google Cloud Monitoring timeSeries.list: `{"timeSeries":[{"metric":{"type"},"resource","points":[{"interval","value"}]}]}`. */
function gcpMonitoring(doc: Obj): ForeignJson | undefined {
  const ts = firstObj(doc['timeSeries']);
  if (!ts || !isObj(ts['metric']) || !str(ts['metric']['type']) || !Array.isArray(ts['points'])) return undefined;
  return { reason: 'unsupported', message: `a Google Cloud Monitoring time series answer (timeSeries.list: metric, resource, points): not read; ${TO_EXPORT_METRICS} (the OpenTelemetry Collector's googlecloudmonitoring receiver with the file exporter writes OTLP JSON)` };
}

/** Azure Monitor metrics REST answer: `{timespan, interval, value: [{name: {value}, timeseries: [{data: […]}]}]}`. */
function azureMetrics(doc: Obj): ForeignJson | undefined {
  const m = firstObj(doc['value']);
  if (!m || !Array.isArray(m['timeseries']) || !(isObj(m['name']) || str(m['type']))) return undefined;
  if (!str(doc['timespan']) && m['type'] !== 'Microsoft.Insights/metrics') return undefined;
  return { reason: 'unsupported', message: `an Azure Monitor metrics answer (REST metrics list: timespan, interval, value[].timeseries): not read; ${TO_EXPORT_METRICS} (the OpenTelemetry Collector's azuremonitor receiver with the file exporter writes OTLP JSON)` };
}

/** One Azure platform metric record as diagnostic settings write it (storage blob, Event Hubs): metricName, timeGrain, aggregates. */
function isAzureMetricRecord(v: unknown): boolean {
  return isObj(v) && str(v['metricName']) && str(v['timeGrain']) && ['average', 'count', 'total', 'minimum', 'maximum'].filter((k) => num(v[k])).length >= 2;
}

function azureDiagnosticMetrics(values: unknown[], single: boolean): ForeignJson | undefined {
  const records = single && isObj(values[0]) && Array.isArray(values[0]['records']) ? (values[0]['records'] as unknown[]) : values;
  if (records.length === 0 || !records.every(isAzureMetricRecord)) return undefined;
  return {
    reason: 'unsupported',
    message: `Azure Monitor platform metrics as diagnostic settings write them (records of metricName, timeGrain, average/count/total/minimum/maximum, to a storage account or Event Hubs): not read; ${TO_EXPORT_METRICS} (the OpenTelemetry Collector's azuremonitor receiver with the file exporter writes OTLP JSON)`,
  };
}

/** Telegraf's JSON serializer: `{fields, name, tags, timestamp}` a metric (in any key order), one a line or in `{"metrics": […]}`. */
function isTelegrafMetric(v: unknown): boolean {
  return isObj(v) && Object.keys(v).length === 4 && isObj(v['fields']) && str(v['name']) && isObj(v['tags']) && num(v['timestamp']);
}

function telegraf(values: unknown[], single: boolean): ForeignJson | undefined {
  const metrics = single && isObj(values[0]) && Object.keys(values[0]).length === 1 && Array.isArray(values[0]['metrics']) ? (values[0]['metrics'] as unknown[]) : values;
  if (metrics.length === 0 || !metrics.every(isTelegrafMetric)) return undefined;
  return {
    reason: 'unsupported',
    message: `Telegraf metrics in its JSON format (fields, name, tags, timestamp${metrics === values ? '' : ', in a "metrics" batch'}), which ObsReady does not read. Export them as Prometheus text, OpenTelemetry (OTLP JSON) or CSV (Telegraf's prometheus_client or opentelemetry outputs)`,
  };
}

/** A Sentry event with spans (a transaction): event_id, contexts.trace, spans. */
function sentry(doc: Obj): ForeignJson | undefined {
  if (!str(doc['event_id']) || !/^[0-9a-f]{32}$/.test(doc['event_id'])) return undefined;
  const ctx = doc['contexts'];
  const trace = isObj(ctx) && isObj(ctx['trace']) ? ctx['trace'] : undefined;
  if (doc['type'] !== 'transaction' && !(trace && Array.isArray(doc['spans']))) return undefined;
  return { reason: 'unsupported', message: `a Sentry transaction event (event_id, contexts.trace, spans, as Sentry's SDKs send it): not read; ${TO_EXPORT_SPANS} (Sentry's SDKs can send OpenTelemetry)` };
}

/** An HTTP Archive (HAR 1.x: `{"log":{"version","creator","entries":[…]}}`, what browsers' dev tools and proxies save). */
function har(doc: Obj): ForeignJson | undefined {
  const log = doc['log'];
  if (!isObj(log) || !str(log['version']) || !isObj(log['creator']) || !Array.isArray(log['entries'])) return undefined;
  return { reason: 'unsupported', message: `an HTTP Archive (HAR: the requests a browser's dev tools or a proxy recorded, \`log.entries\`): a client's network capture, not a service's telemetry; not read. For the service's side, ${TO_EXPORT_SPANS}, or export its logs` };
}

/** Chrome's Trace Event Format (chrome://tracing, Perfetto, profilers): `{"traceEvents":[…]}` or a bare array of `{name, ph, ts, pid, tid}`. */
function isTraceEvent(v: unknown): boolean {
  return isObj(v) && str(v['ph']) && v['ph'].length === 1 && num(v['pid']) && (num(v['ts']) || v['ph'] === 'M');
}

function chromeTrace(values: unknown[], single: boolean): ForeignJson | undefined {
  if (!single) return undefined;
  const doc = values[0];
  const events = isObj(doc) ? doc['traceEvents'] : doc;
  if (!Array.isArray(events) || events.length === 0 || events.filter(isTraceEvent).length < events.length * 0.9) return undefined;
  return { reason: 'unsupported', message: `Chrome Trace Event Format (traceEvents with ph, ts, pid, tid, from chrome://tracing, Perfetto or a profiler): a profile of one process, not read; for a service's traces ${TO_EXPORT_SPANS}` };
}

/** Dependency links (`{parent, child, callCount}`): a bare list (Zipkin's /api/v2/dependencies, the Jaeger UI's graph), or in Jaeger's `{"data": […]}`. */
function dependencies(values: unknown[], single: boolean): ForeignJson | undefined {
  if (!single) return undefined;
  const doc = values[0];
  const links = isObj(doc) && Array.isArray(doc['data']) ? doc['data'] : doc;
  if (!Array.isArray(links) || links.length === 0 || !links.every((l) => isObj(l) && str(l['parent']) && str(l['child']) && num(l['callCount']))) return undefined;
  const what = isObj(doc) ? "Jaeger's dependency links (/api/dependencies" : "service dependency links (Zipkin's /api/v2/dependencies, the Jaeger UI's dependency graph";
  return { reason: 'unsupported', message: `${what}: parent, child, callCount): call counts between services, no spans; fetch the traces (Zipkin /api/v2/traces, Jaeger /api/traces) and analyse that answer` };
}

/** Jaeger's query API lists: services (`{"data":["svc",…],"total":n}`), operations (`[{name, spanKind}]`). */
function jaegerLists(doc: Obj): ForeignJson | undefined {
  const data = doc['data'];
  if (!Array.isArray(data) || data.length === 0 || !num(doc['total']) || Object.hasOwn(doc, 'status')) return undefined;
  const names = data.every(str);
  const operations = !names && data.every((d) => isObj(d) && str(d['name']) && Object.keys(d).every((k) => k === 'name' || k === 'spanKind'));
  if (!names && !operations) return undefined;
  const what = names ? 'a Jaeger list of names (/api/services, or /api/services/<service>/operations)' : 'a Jaeger operations list (/api/operations: name and spanKind)';
  return { reason: 'unsupported', message: `${what}: no spans; fetch the traces with /api/traces?service=<service> (or a trace with /api/traces/<traceID>) and analyse that answer` };
}

/** A bare array of strings: the names Zipkin's /api/v2/services, /api/v2/spans, /api/v2/remoteServices list. */
function namesList(values: unknown[], single: boolean): ForeignJson | undefined {
  const doc = values[0];
  if (!single || !Array.isArray(doc) || doc.length === 0 || !doc.every(str)) return undefined;
  // dotted metric paths (`app.web01.requests`; tagged series as `_tagged.…` or `name;tag=value`): Graphite's /metrics/index.json
  if (doc.every((n) => /^[\w\-:]+(?:\.[\w\-:]+){2,}(?:;[\w.\-:]+=[^\s;]+)*$/.test(n as string))) {
    return { reason: 'unrecognised-format', message: `a JSON list of metric names (as Graphite answers /metrics/index.json), without values; ${GRAPHITE_INSTEAD} (/render?target=…&format=json)` };
  }
  return { reason: 'unrecognised-format', message: 'a JSON list of names (as Zipkin answers /api/v2/services or /api/v2/spans), not telemetry records; fetch the traces (Zipkin /api/v2/traces, Jaeger /api/traces) and analyse that answer' };
}

/** Graphite's /metrics/find: `[{"text","id","allowChildren","expandable","leaf"}]`, the tree of metric names. */
function graphiteFind(values: unknown[], single: boolean): ForeignJson | undefined {
  const doc = values[0];
  const first = single && Array.isArray(doc) ? doc[0] : undefined;
  if (!isObj(first) || !str(first['id']) || !str(first['text']) || !Object.hasOwn(first, 'leaf') || !Object.hasOwn(first, 'expandable')) return undefined;
  return { reason: 'unsupported', message: `a Graphite /metrics/find answer (a level of the tree of metric names, without values): not read; ${GRAPHITE_INSTEAD} (/render?target=…&format=json)` };
}

const ALERTS_INSTEAD = 'alert states, not telemetry; analyse the metrics behind them (a Prometheus query answer, /api/v1/query_range, is read)';

/** An alert as Alertmanager's API (`status: {state}`) or its webhook (`status: "firing"|"resolved"`) writes it: labels, startsAt and a state. */
function isAlert(a: unknown): boolean {
  return isObj(a) && isObj(a['labels']) && str(a['startsAt']) && (str(a['status']) || (isObj(a['status']) && str(a['status']['state'])));
}

/** Alertmanager's webhook notification (`{receiver, status, alerts: [alert…], groupLabels, commonLabels…}`, version 4; Grafana's webhook contact point writes the same keys). */
function isAlertNotification(v: unknown): boolean {
  return isObj(v) && str(v['receiver']) && str(v['status']) && isObj(v['groupLabels']) && Array.isArray(v['alerts']) && v['alerts'].every(isAlert);
}

/**
 * Alertmanager's answers and notifications: /api/v2/alerts (`[{labels, annotations, startsAt, endsAt, fingerprint, status: {state}}]`),
 * /api/v2/alerts/groups (`[{labels, receiver: {name}, alerts: […]}]`) and webhook bodies (one a line, as a receiver logs them, or one document).
 */
function alertmanager(values: unknown[], single: boolean): ForeignJson | undefined {
  if (values.length > 0 && values.every(isAlertNotification)) {
    return { reason: 'unsupported', message: `Alertmanager webhook notifications (receiver, status, groupLabels, alerts with labels and startsAt, as Alertmanager posts them to a webhook receiver): ${ALERTS_INSTEAD}` };
  }
  const a = single ? firstObj(values[0]) : undefined;
  if (!a) return undefined;
  if (str(a['fingerprint']) && isAlert(a) && isObj(a['status'])) {
    return { reason: 'unsupported', message: `Prometheus Alertmanager alerts (/api/v2/alerts: labels, state, startsAt, endsAt): ${ALERTS_INSTEAD}` };
  }
  const groups = values[0] as unknown[];
  if (groups.every((g) => isObj(g) && isObj(g['labels']) && isObj(g['receiver']) && Array.isArray(g['alerts']) && g['alerts'].every(isAlert))) {
    return { reason: 'unsupported', message: `Prometheus Alertmanager alert groups (/api/v2/alerts/groups: labels, receiver, alerts with their state, startsAt, endsAt): ${ALERTS_INSTEAD}` };
  }
  return undefined;
}

/** A Prometheus label set: an object of strings with a `__name__`. */
function isLabelSet(v: unknown): boolean {
  return isObj(v) && str(v['__name__']) && Object.values(v).every(str);
}

/** A bare list of label sets: `promtool query series -o json`, or the `data` of /api/v1/series (`jq .data`). */
function seriesList(values: unknown[], single: boolean): ForeignJson | undefined {
  const doc = values[0];
  if (!single || !Array.isArray(doc) || doc.length === 0 || !doc.every(isLabelSet)) return undefined;
  return {
    reason: 'unsupported',
    message:
      'a listing of series (label sets with `__name__`, as `promtool query series -o json` prints them and /api/v1/series answers), without data points, which ObsReady does not read. ' +
      'ObsReady reads the samples of the series: `promtool query range -o json`, the Prometheus HTTP API (/api/v1/query_range) or a /federate scrape',
  };
}

/** `{"labels":["time",…],"data":[[t, v…],…]}`: Netdata's /api/v1/data (format=json), Graphite's render format=dygraph (`"Time"`, ms). */
function labelledRows(doc: Obj): 'time' | 'Time' | undefined {
  const labels = doc['labels'];
  const data = doc['data'];
  if (!Array.isArray(labels) || (labels[0] !== 'time' && labels[0] !== 'Time') || !labels.every(str) || !Array.isArray(data) || !data.every((r) => Array.isArray(r) && r.length === labels.length)) return undefined;
  return labels[0];
}

/** Netdata's /api/v1/data (format=json, or `options=jsonwrap`: the same in `result` with the chart's id), Graphite's format=dygraph. */
function netdata(doc: Obj): ForeignJson | undefined {
  const wrapped = isObj(doc['result']) && str(doc['id']) && Object.hasOwn(doc, 'api');
  const rows = labelledRows(wrapped ? (doc['result'] as Obj) : doc);
  if (rows === 'Time' && !wrapped) return { reason: 'unsupported', message: `a Graphite render answer in dygraph format (\`render?format=dygraph\`: labels and rows of values): not read; ${GRAPHITE_INSTEAD}` };
  if (rows !== 'time') return undefined;
  return { reason: 'unsupported', message: `a Netdata data answer (/api/v1/data${wrapped ? ' with options=jsonwrap' : ''}: labels and rows of values): not read; ${NETDATA_INSTEAD}` };
}

/** A Google Charts DataTable (`{"cols":[{"label":"time","type":"datetime"}…],"rows":[{"c":[{"v":…}]}]}`): Netdata's format=datatable. */
function dataTable(doc: Obj): ForeignJson | undefined {
  const col = firstObj(doc['cols']);
  if (!col || !str(col['type']) || !Object.hasOwn(col, 'label') || !Array.isArray(doc['rows'])) return undefined;
  return { reason: 'unsupported', message: `a Google Charts DataTable (cols and rows, as Netdata's /api/v1/data?format=datatable answers): not read; ${NETDATA_INSTEAD}` };
}

/** Netdata's /api/v1/allmetrics?format=json: charts by id, each with its dimensions' last values. */
function netdataAllmetrics(doc: Obj): ForeignJson | undefined {
  const first = Object.values(doc)[0];
  if (!isObj(first) || !isObj(first['dimensions']) || !Object.hasOwn(first, 'last_updated')) return undefined;
  return { reason: 'unsupported', message: `Netdata's allmetrics JSON (/api/v1/allmetrics?format=json: each chart's last values, without a history): not read; ${NETDATA_INSTEAD}` };
}

/** `whisper-fetch --json`: `{"start":…,"end":…,"step":…,"values":[…]}`, one whisper file's values. */
function whisperFetch(doc: Obj): ForeignJson | undefined {
  if (!num(doc['start']) || !num(doc['end']) || !num(doc['step']) || !Array.isArray(doc['values']) || Object.keys(doc).length !== 4) return undefined;
  return { reason: 'unsupported', message: `the output of \`whisper-fetch --json\` (one whisper file's values by step, its metric named only by the file): not read; ${GRAPHITE_INSTEAD} (/render?target=…&format=json)` };
}

/** Graphite's render format=rickshaw: `[{"target":…,"datapoints":[{"x":t,"y":v},…]}]`. */
function graphiteRickshaw(values: unknown[], single: boolean): ForeignJson | undefined {
  const doc = values[0];
  const first = single && Array.isArray(doc) ? doc[0] : undefined;
  if (!isObj(first) || !str(first['target']) || !Array.isArray(first['datapoints'])) return undefined;
  const p = first['datapoints'][0];
  if (p !== undefined && !(isObj(p) && Object.hasOwn(p, 'x') && Object.hasOwn(p, 'y'))) return undefined;
  return { reason: 'unsupported', message: `a Graphite render answer in rickshaw format (\`render?format=rickshaw\`: datapoints as {x, y}): not read; ${GRAPHITE_INSTEAD}` };
}

/** A bare JSON array of numbers: values without names or times (Netdata's /api/v1/data?format=array). */
function numbersOnly(values: unknown[], single: boolean): ForeignJson | undefined {
  const doc = values[0];
  if (!single || !Array.isArray(doc) || doc.length < 2 || !doc.every((v) => num(v))) return undefined;
  return { reason: 'unsupported', message: `a JSON array of numbers without names or times (as Netdata's /api/v1/data?format=array answers): not read; ${NETDATA_INSTEAD}` };
}

/** `{"error":"…"}` alone, one document: an API's error answer (InfluxDB 1.x /query, Graphite, Netdata). */
function stringError(values: unknown[], single: boolean): ForeignJson | undefined {
  const doc = values[0];
  if (!single || !isObj(doc) || !str(doc['error']) || Object.keys(doc).length !== 1) return undefined;
  return {
    reason: 'unsupported',
    message: `an API error answer (\`{"error": "…"}\`, as InfluxDB's /query answers), not telemetry: ${JSON.stringify(doc['error'].slice(0, 300))}. It holds no records; fix the request and export the answer again`,
  };
}

/** `aws cloudwatch list-metrics`: `{"Metrics":[{"Namespace","MetricName","Dimensions"}]}`. */
function cloudwatchList(doc: Obj): ForeignJson | undefined {
  const m = firstObj(doc['Metrics']);
  if (!m || !str(m['Namespace']) || !str(m['MetricName']) || Object.hasOwn(m, 'Timestamps')) return undefined;
  return { reason: 'unsupported', message: 'a CloudWatch metrics list (`aws cloudwatch list-metrics`: namespaces, names and dimensions, no data points); fetch the values with `aws cloudwatch get-metric-data`, whose output is read' };
}

/** Grafana data frames (`{schema: {fields}, data: {values}}`): /api/ds/query's `results.<refId>.frames`, or the query inspector's DataFrame JSON. */
function isFrame(v: unknown): boolean {
  return isObj(v) && isObj(v['schema']) && Array.isArray(v['schema']['fields']) && isObj(v['data']) && Array.isArray(v['data']['values']);
}

function grafanaFrames(values: unknown[], single: boolean): ForeignJson | undefined {
  if (!single) return undefined;
  const doc = values[0];
  let frames: unknown[] | undefined;
  if (Array.isArray(doc)) frames = doc;
  else if (isObj(doc) && isObj(doc['results'])) {
    const first = Object.values(doc['results'])[0];
    if (isObj(first) && Array.isArray(first['frames'])) frames = first['frames'];
  } else if (isObj(doc) && Array.isArray(doc['frames'])) frames = doc['frames'];
  if (!frames || frames.length === 0 || !frames.every(isFrame)) return undefined;
  return {
    reason: 'unsupported',
    message: "Grafana data frames (schema.fields and data.values, from /api/ds/query or the query inspector's DataFrame JSON): not read; export from the data source itself (a Prometheus query answer, a Loki answer, a trace from Tempo /api/traces/<traceID> or Jaeger are read)",
  };
}

/** SigNoz's trace answer (/api/v1/traces/<id>): `[{"columns":[…,"SpanId","TraceId",…],"events":[[…]]}]`. */
function signoz(values: unknown[], single: boolean): ForeignJson | undefined {
  const t = single ? firstObj(values[0]) : undefined;
  if (!t || !Array.isArray(t['columns']) || !Array.isArray(t['events']) || !t['columns'].includes('SpanId') || !t['columns'].includes('TraceId')) return undefined;
  return { reason: 'unsupported', message: `a SigNoz trace answer (/api/v1/traces/<traceID>: columns and event rows): not read; ${TO_EXPORT_SPANS} (SigNoz receives OTLP: have the Collector that sends to it also write the file exporter's OTLP JSON)` };
}

/** Apache SkyWalking's GraphQL queryTrace answer: `{"data":{"trace":{"spans":[{traceId, segmentId, spanId, parentSpanId, serviceCode…}]}}}`. */
function skywalking(doc: Obj): ForeignJson | undefined {
  const data = doc['data'];
  const trace = isObj(data) ? (isObj(data['trace']) ? data['trace'] : isObj(data['queryTrace']) ? data['queryTrace'] : undefined) : undefined;
  const span = trace ? firstObj(trace['spans']) : undefined;
  if (!span || !has(span, 'segmentId', 'spanId', 'parentSpanId') || !str(span['serviceCode'])) return undefined;
  return { reason: 'unsupported', message: `Apache SkyWalking traces (a GraphQL queryTrace answer: segmentId, serviceCode, endpointName): not read; ${TO_EXPORT_SPANS} (the Collector's skywalking receiver takes SkyWalking agents' data)` };
}

/** New Relic NerdGraph: `{"data":{"actor":{…}}}` (an NRQL query's results among them). */
function newRelic(doc: Obj): ForeignJson | undefined {
  const data = doc['data'];
  if (!isObj(data) || !isObj(data['actor'])) return undefined;
  return { reason: 'unsupported', message: `a New Relic NerdGraph answer (\`{"data":{"actor":…}}\`, an NRQL query's results): not read; ${TO_EXPORT_METRICS}, or for traces ${TO_EXPORT_SPANS}` };
}

/** What the Datadog agent sends its intake (trace payload v0.7): `{containerID, languageName, tracerVersion, chunks: [{spans}]}`. */
function datadogTracerPayload(doc: Obj): ForeignJson | undefined {
  const chunk = firstObj(doc['chunks']);
  if (!chunk || !Array.isArray(chunk['spans']) || !(str(doc['languageName']) || str(doc['tracerVersion']))) return undefined;
  return { reason: 'unsupported', message: `a Datadog tracer payload (v0.7 \`{languageName, tracerVersion, chunks: [{spans}]}\`, what a tracer sends the Datadog agent): not read; ${TO_EXPORT_SPANS}` };
}

/** An ISO 8601 date and time without a zone, as InfluxDB 3 writes its `time` column (UTC, Arrow's format). */
const ZONELESS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?$/;
/** Keys (lower case, letters and digits only) that make a row a log record: a message, a level, trace ids. */
const LOG_KEY = /^(?:message|msg|log|body|text|content|event|error|err|exception|stack|stacktrace|level|lvl|loglevel|severity|severitytext|traceid|spanid)$/;

/**
 * Rows of a time and a tag set with field values, as InfluxDB 3 answers a SQL or InfluxQL query in
 * JSON (`influxdb3 query --format json|jsonl`, /api/v3/query_sql?format=json): every row has a
 * `time` written without a zone and at least one number, no key of a log record (a message, a
 * level, ids), and only numbers, booleans and short strings (tags) besides. Metric samples without
 * their measurement's name, not log records.
 */
function influxRows(values: unknown[], single: boolean): ForeignJson | undefined {
  const rows = single ? values[0] : values;
  if (!Array.isArray(rows) || rows.length === 0) return undefined;
  for (const r of rows) {
    if (!isObj(r) || !str(r['time']) || !ZONELESS_TIME.test(r['time'])) return undefined;
    let numbers = 0;
    for (const [k, v] of Object.entries(r)) {
      if (k === 'time') continue;
      if (LOG_KEY.test(k.toLowerCase().replace(/[^a-z0-9]/g, ''))) return undefined;
      if (num(v)) numbers++;
      else if (!(typeof v === 'boolean' || v === null || (str(v) && v.length <= 64 && !v.includes('\n')))) return undefined;
    }
    if (numbers === 0) return undefined;
  }
  return {
    reason: 'unsupported',
    message:
      'metric rows in JSON (a zone-less `time`, tags and numeric fields, as InfluxDB 3 answers a query with `--format json` or `jsonl`): samples without their measurement\'s name, not log records, and JSON rows of metrics are not read. ' +
      'Query with `--format csv` (`format=csv` on /api/v3/query_sql), whose rows are read as a metrics CSV (each field a series, the tags its labels), or ' +
      TO_EXPORT_METRICS,
  };
}

/** sysstat's JSON (`sadf -j`, `iostat -o JSON`, `mpstat -o JSON`): `{"sysstat":{"hosts":[{"nodename",…,"statistics":[…]}]}}`. */
function sysstat(doc: Obj): ForeignJson | undefined {
  const s = doc['sysstat'];
  if (!isObj(s) || !Array.isArray(s['hosts'])) return undefined;
  return {
    reason: 'unsupported',
    message: `sysstat's JSON (\`sadf -j\`, \`iostat -o JSON\`, \`mpstat -o JSON\`: hosts with their statistics): not read; export the collected data with \`sadf -d\` (a semicolon CSV, read as a metrics CSV), or ${TO_EXPORT_METRICS}`,
  };
}

/** rrdtool's \`xport --json\`: \`{"about":"RRDtool …","meta":{"start","step","legend":[…]},"data":[[…],…]}\`. */
function rrdtoolXport(doc: Obj): ForeignJson | undefined {
  const meta = doc['meta'];
  if (!isObj(meta) || !Array.isArray(meta['legend']) || typeof meta['step'] !== 'number' || !Array.isArray(doc['data'])) return undefined;
  if (!(typeof doc['about'] === 'string' && /^RRDtool/i.test(doc['about'])) && typeof meta['start'] !== 'number') return undefined;
  return { reason: 'unsupported', message: `rrdtool's JSON (\`rrdtool xport --json\`: a legend and rows of values by step): not read; ${TO_EXPORT_METRICS}` };
}

const OF_DOCUMENT: readonly ((doc: Obj) => ForeignJson | undefined)[] = [apiError, har, sysstat, rrdtoolXport, gcpTrace, gcpMonitoring, azureMetrics, sentry, jaegerLists, netdata, cloudwatchList, skywalking, newRelic, datadogTracerPayload, dataTable, netdataAllmetrics, whisperFetch];
/** Told by members a cut document may not have reached yet (what else the answer holds, the last row's length). */
const WHOLE_ONLY = new Set<unknown>([apiError, jaegerLists, netdata, namesList, whisperFetch, numbersOnly, stringError]);
const OF_VALUES: readonly ((values: unknown[], single: boolean) => ForeignJson | undefined)[] = [azureDiagnosticMetrics, telegraf, chromeTrace, dependencies, namesList, alertmanager, seriesList, grafanaFrames, signoz, influxRows, graphiteRickshaw, graphiteFind, numbersOnly, stringError];

/**
 * JSON of a product ObsReady does not read, named with what to export instead; `undefined` for
 * anything else (which the importers judge). Decided on the parsed values only.
 */
export function foreignJson(input: SniffInput): ForeignJson | undefined {
  const head = jsonValuesOfHead(input);
  if (!head) return undefined;
  const { values, single, cut } = head;
  for (const f of OF_VALUES) {
    if (cut && WHOLE_ONLY.has(f)) continue;
    const r = f(values, single);
    if (r) return r;
  }
  // one document, or lines each of the same product
  for (const f of OF_DOCUMENT) {
    if (cut && WHOLE_ONLY.has(f)) continue;
    const r = isObj(values[0]) ? f(values[0]) : undefined;
    if (r && values.every((v) => isObj(v) && f(v) !== undefined)) return r;
  }
  return undefined;
}
