// JSON of products ObsReady does not read, and APIs' error answers: named with what to export
// instead, whatever the whitespace. Every fixture is a small hand-written copy of the shape its
// product documents (the field names of its API reference); each is sniffed one-line (as
// `jq -c` writes it, or the API answers) and pretty-printed (`jq .`), and both must give the same
// result: the expected reason and message are read off the detector's wording in foreign-json.ts.
// Before this, the one-line copies were read as one log record (GCP, Azure, Sentry, Jaeger's
// error), as broken Jaeger traces (SkyWalking, New Relic, Datadog, Grafana frames) or as broken
// Prometheus text (Grafana /api/ds/query, SigNoz), and Jaeger's services list as 6 rejected traces.
import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat, type SniffResult } from '../../../../analyzers/importers/sniff.js';
import { foreignJson, jsonValuesOfHead } from '../../../../analyzers/importers/common/foreign-json.js';
import { analyseText } from '../../../helpers/analyse.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const sniff = (text: string, complete = true): SniffResult => sniffFormat(makeSniffInput(enc(text), complete));

/** The sniff of `doc` on one line and pretty-printed: the same, or the test fails. */
function sniffBoth(doc: unknown): SniffResult {
  const compact = sniff(JSON.stringify(doc));
  const pretty = sniff(JSON.stringify(doc, null, 2) + '\n');
  expect({ ...pretty, spec: pretty.spec?.id }).toEqual({ ...compact, spec: compact.spec?.id });
  return compact;
}

const SPANS = 'send the traces as OTLP (through an OpenTelemetry Collector if need be) and export OTLP JSON (the Collector file exporter), Jaeger JSON or Zipkin JSON';
const METRICS = 'export them as Prometheus text, OpenTelemetry (OTLP JSON) or CSV';

const gcpV1 = {
  projectId: 'my-project',
  traceId: '4c7d2a8d38e94a4e8bd1c2a06f0e12ab',
  spans: [
    { spanId: '5555555555555555', kind: 'RPC_SERVER', name: '/api/orders', startTime: '2024-03-05T10:00:00.000000Z', endTime: '2024-03-05T10:00:00.250000Z', labels: { '/http/method': 'GET' } },
    { spanId: '6666666666666666', kind: 'RPC_CLIENT', name: 'SELECT', startTime: '2024-03-05T10:00:00.010000Z', endTime: '2024-03-05T10:00:00.200000Z', parentSpanId: '5555555555555555' },
  ],
};
const azureMetrics = {
  cost: 0,
  timespan: '2017-04-14T02:20:00Z/2017-04-14T04:20:00Z',
  interval: 'PT1M',
  value: [{ id: '/subscriptions/x/providers/Microsoft.Insights/metrics/BlobCapacity', type: 'Microsoft.Insights/metrics', name: { value: 'BlobCapacity', localizedValue: 'Blob Capacity' }, unit: 'Bytes', timeseries: [{ metadatavalues: [], data: [{ timeStamp: '2017-04-14T02:20:00Z', count: 0 }] }] }],
};
const azureRecord = (minute: number, avg: number) => ({ count: 5, total: 5 * avg, minimum: avg, maximum: avg, average: avg, resourceId: '/SUBSCRIPTIONS/X/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/SA', time: `2023-12-12T12:${minute}:00.0000000Z`, metricName: 'Availability', timeGrain: 'PT1M' });
const sentryTransaction = {
  event_id: 'fc6d8c0c43fc4630ad850ee518f1b9d0',
  type: 'transaction',
  transaction: '/api/orders',
  start_timestamp: 1700000000.0,
  timestamp: 1700000000.25,
  contexts: { trace: { trace_id: '771a43a4192642f0b136d5159a501700', span_id: '8e5a8f8a0f1f4a2b', op: 'http.server' } },
  spans: [{ span_id: '9c2a6db8c79068a2', parent_span_id: '8e5a8f8a0f1f4a2b', trace_id: '771a43a4192642f0b136d5159a501700', op: 'db', start_timestamp: 1700000000.01, timestamp: 1700000000.2 }],
};
const telegrafMetric = (name: string, t: number) => ({ name, tags: { host: 'web01' }, fields: { usage_idle: 91.5 }, timestamp: t });
const traceEvents = [
  { name: 'RunTask', cat: 'devtools.timeline', ph: 'X', ts: 12345, dur: 100, pid: 1, tid: 1, args: {} },
  { name: 'ParseHTML', cat: 'devtools.timeline', ph: 'B', ts: 12400, pid: 1, tid: 1 },
  { name: 'ParseHTML', cat: 'devtools.timeline', ph: 'E', ts: 12440, pid: 1, tid: 1 },
];
const frame = { schema: { refId: 'A', fields: [{ name: 'Time', type: 'time' }, { name: 'Value', type: 'number', labels: { job: 'prometheus' } }] }, data: { values: [[1700000000000, 1700000015000], [1, 0]] } };

describe('products whose JSON is not read are named, on one line or pretty-printed', () => {
  const cases: [string, unknown, 'unsupported' | 'unrecognised-format', RegExp][] = [
    ['Google Cloud Trace v1 (a trace)', gcpV1, 'unsupported', /^Google Cloud Trace v1 traces \(projectId, traceId, spans with labels\): not read; send the traces as OTLP/],
    ['Google Cloud Trace v1 (ListTraces)', { traces: [gcpV1] }, 'unsupported', /^Google Cloud Trace v1 traces/],
    [
      'Google Cloud Trace v2 batchWrite',
      { spans: [{ name: 'projects/p/traces/4c7d2a8d38e94a4e8bd1c2a06f0e12ab/spans/5555555555555555', spanId: '5555555555555555', displayName: { value: '/api' }, startTime: '2024-03-05T10:00:00Z', endTime: '2024-03-05T10:00:01Z' }] },
      'unsupported',
      /^Google Cloud Trace v2 spans \(batchWrite/,
    ],
    ['Google Cloud Monitoring timeSeries.list', { timeSeries: [{ metric: { type: 'compute.googleapis.com/instance/cpu/utilization' }, resource: { type: 'gce_instance' }, points: [{ interval: { endTime: '2024-03-05T10:00:00Z' }, value: { doubleValue: 0.5 } }] }] }, 'unsupported', /^a Google Cloud Monitoring time series answer/],
    ['Azure Monitor metrics REST', azureMetrics, 'unsupported', /^an Azure Monitor metrics answer \(REST metrics list: timespan, interval, value\[\]\.timeseries\): not read; export them as Prometheus text.*azuremonitor receiver/],
    ['Azure diagnostic-settings metrics in records', { records: [azureRecord(11, 100), azureRecord(12, 100)] }, 'unsupported', /^Azure Monitor platform metrics as diagnostic settings write them/],
    ['a Sentry transaction event', sentryTransaction, 'unsupported', /^a Sentry transaction event \(event_id, contexts\.trace, spans/],
    ['Telegraf JSON batch', { metrics: [telegrafMetric('cpu', 1700000000), telegrafMetric('mem', 1700000000)] }, 'unsupported', /^Telegraf metrics in its JSON format \(fields, name, tags, timestamp, in a "metrics" batch\), which ObsReady does not read\. Export them as Prometheus text/],
    ['Chrome Trace Event Format (object)', { traceEvents: [{ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: 'Browser' } }, ...traceEvents], displayTimeUnit: 'ms' }, 'unsupported', /^Chrome Trace Event Format \(traceEvents with ph, ts, pid, tid/],
    ['Chrome Trace Event Format (array)', traceEvents, 'unsupported', /^Chrome Trace Event Format/],
    ['Zipkin (or Jaeger UI) dependencies', [{ parent: 'frontend', child: 'backend', callCount: 4, errorCount: 1 }], 'unsupported', /^service dependency links \(Zipkin's \/api\/v2\/dependencies, the Jaeger UI's dependency graph: parent, child, callCount\): call counts between services, no spans/],
    ['Jaeger dependencies', { data: [{ parent: 'frontend', child: 'driver', callCount: 1 }], total: 0, limit: 0, offset: 0, errors: null }, 'unsupported', /^Jaeger's dependency links \(\/api\/dependencies: parent, child, callCount\)/],
    ['Jaeger services', { data: ['customer', 'driver', 'frontend'], total: 3, limit: 0, offset: 0, errors: null }, 'unsupported', /^a Jaeger list of names \(\/api\/services, or \/api\/services\/<service>\/operations\): no spans; fetch the traces with \/api\/traces\?service=<service>/],
    ['Jaeger operations', { data: [{ name: 'HTTP GET /customer', spanKind: 'server' }, { name: 'SQL SELECT', spanKind: 'client' }], total: 2, limit: 0, offset: 0, errors: null }, 'unsupported', /^a Jaeger operations list \(\/api\/operations: name and spanKind\): no spans/],
    ['a bare list of names (Zipkin services)', ['backend', 'frontend'], 'unrecognised-format', /^a JSON list of names \(as Zipkin answers \/api\/v2\/services/],
    [
      'Alertmanager alerts',
      [{ annotations: { summary: 'Target down' }, endsAt: '2024-03-05T10:21:52.105Z', fingerprint: '1b2c3d4e5f6a7b8c', receivers: [{ name: 'slack' }], startsAt: '2024-03-05T09:40:00.000Z', status: { inhibitedBy: [], silencedBy: [], state: 'active' }, labels: { alertname: 'TargetDown' } }],
      'unsupported',
      /^Prometheus Alertmanager alerts \(\/api\/v2\/alerts/,
    ],
    // Alertmanager 0.27's /api/v2/alerts/groups and a webhook body (S27a probe): were `unrecognised-format` and a jsonl-logs record without a time
    [
      'Alertmanager alert groups',
      [{ alerts: [{ annotations: {}, endsAt: '2024-03-05T10:21:52.105Z', fingerprint: '1b2c3d4e5f6a7b8c', receivers: [{ name: 'hook' }], startsAt: '2024-03-05T09:40:00.000Z', status: { inhibitedBy: [], silencedBy: [], state: 'active' }, updatedAt: '2024-03-05T10:17:52.105Z', labels: { alertname: 'TargetDown' } }], labels: { alertname: 'TargetDown' }, receiver: { name: 'hook' } }],
      'unsupported',
      /^Prometheus Alertmanager alert groups \(\/api\/v2\/alerts\/groups: .*alert states, not telemetry/,
    ],
    [
      'an Alertmanager webhook notification',
      { receiver: 'hook', status: 'resolved', alerts: [{ status: 'resolved', labels: { alertname: 'TargetDown', severity: 'critical' }, annotations: {}, startsAt: '2024-03-05T09:40:00Z', endsAt: '2024-03-05T09:45:00Z', generatorURL: 'http://p:9090/graph', fingerprint: 'c480619612e55b46' }], groupLabels: { alertname: 'TargetDown' }, commonLabels: { alertname: 'TargetDown' }, commonAnnotations: {}, externalURL: 'http://am:9093', version: '4', groupKey: '{}:{alertname="TargetDown"}', truncatedAlerts: 0 },
      'unsupported',
      /^Alertmanager webhook notifications \(receiver, status, groupLabels, alerts.*alert states, not telemetry/,
    ],
    // `promtool query series -o json` (Prometheus 2.42; S27a probe): was `unrecognised-format`
    ['a bare list of label sets', [{ __name__: 'up', instance: 'a:9100', job: 'node' }, { __name__: 'up', instance: 'b:9090', job: 'prometheus' }], 'unsupported', /^a listing of series \(label sets with `__name__`, as `promtool query series -o json`.*without data points.*query range -o json/],
    ['Netdata /api/v1/data', { labels: ['time', 'user', 'system'], data: [[1700000010, 2.5, 0.9], [1700000000, 3, 1.2]] }, 'unsupported', /^a Netdata data answer.*allmetrics\?format=prometheus/],
    // sysstat 12.6 `iostat -o JSON` / `sadf -j` and rrdtool 1.7 `xport --json` (mtools29 probe): were read as one text-log record
    ['sysstat JSON (iostat -o JSON)', { sysstat: { hosts: [{ nodename: 'vm', sysname: 'Linux', 'number-of-cpus': 2, date: '11/28/26', statistics: [{ 'avg-cpu': { user: 45.9, idle: 45.2 }, disk: [{ disk_device: 'vda', tps: 1.5 }] }] }] } }, 'unsupported', /^sysstat's JSON \(`sadf -j`.*`sadf -d`/],
    ['rrdtool xport --json', { about: 'RRDtool graph JSON output', meta: { start: 1700000000, end: 1700000120, step: 60, legend: ['cpu', 'req/s'] }, data: [[null, null], [4.35, 1.67], [7.35, 1.67]] }, 'unsupported', /^rrdtool's JSON \(`rrdtool xport --json`/],
    ['CloudWatch list-metrics', { Metrics: [{ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }] }] }, 'unsupported', /^a CloudWatch metrics list \(`aws cloudwatch list-metrics`.*get-metric-data/],
    ['Grafana /api/ds/query frames', { results: { A: { status: 200, frames: [{ ...frame, schema: { ...frame.schema, name: 'up{instance="localhost:9090", job="prometheus"}' } }] } } }, 'unsupported', /^Grafana data frames \(schema\.fields and data\.values/],
    ['Grafana DataFrame JSON (a bare list of frames)', [frame], 'unsupported', /^Grafana data frames/],
    [
      'SigNoz traces by id',
      [{ columns: ['__time', 'SpanId', 'TraceId', 'ServiceName', 'References'], events: [[1700000000000, 'eee19b7ec3c1b174', '5b8efff798038103d269b633813fc60c', 'frontend', '[{TraceId=5b8efff798038103d269b633813fc60c, SpanId=, RefType=CHILD_OF}]']], isSubTree: false }],
      'unsupported',
      /^a SigNoz trace answer/,
    ],
    [
      'SkyWalking queryTrace',
      { data: { trace: { spans: [{ traceId: '2a2e.38.1', segmentId: '2a2e.38.0', spanId: 0, parentSpanId: -1, refs: [], serviceCode: 'frontend', startTime: 1700000000000, endTime: 1700000000250, endpointName: '/api', type: 'Entry' }] } } },
      'unsupported',
      /^Apache SkyWalking traces/,
    ],
    ['New Relic NerdGraph', { data: { actor: { account: { nrql: { results: [{ 'average.duration': 0.1234, beginTimeSeconds: 1700000000 }] } } } } }, 'unsupported', /^a New Relic NerdGraph answer/],
    [
      'Datadog tracer payload v0.7',
      { containerID: '', languageName: 'python', tracerVersion: '2.1.0', runtimeID: 'e4b2', chunks: [{ priority: 1, spans: [{ service: 'checkout', name: 'flask.request', traceID: '1', spanID: '2', parentID: '0', start: '1700000000000000000', duration: '250000000' }] }] },
      'unsupported',
      /^a Datadog tracer payload \(v0\.7/,
    ],
  ];
  for (const [name, doc, reason, message] of cases) {
    it(name, () => {
      const r = sniffBoth(doc);
      expect(r.spec).toBeUndefined();
      expect(r.reason).toBe(reason);
      expect(r.message).toMatch(message);
    });
  }

  it('Alertmanager webhook bodies one a line (as a receiver logs them) are refused whole, not read as log records', () => {
    const body = (status: string, alertname: string) =>
      JSON.stringify({ receiver: 'hook', status, alerts: [{ status, labels: { alertname }, annotations: {}, startsAt: '2024-03-05T09:40:00Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'c480619612e55b46' }], groupLabels: { alertname }, commonLabels: { alertname, severity: 'critical' }, version: '4' });
    const text = [body('firing', 'TargetDown'), body('firing', 'Watchdog'), body('resolved', 'TargetDown')].join('\n') + '\n';
    for (const chunk of [undefined, 7]) {
      const got = analyseText(text, chunk, 'input');
      expect([got.format, got.signal, got.records, got.rejected, got.errors.map((e) => e.code)]).toEqual(['unknown', 'none', 0, 0, ['unsupported']]);
      expect(got.errors[0]!.message).toMatch(/^Alertmanager webhook notifications/);
    }
    // a log line beside them is no webhook body: left to the importers
    expect(sniff(body('firing', 'A') + '\n{"time":"2024-03-05T09:40:00Z","msg":"sent"}\n').spec?.id).toBe('jsonl-logs');
  });

  it('says what to do for trace and metric products alike', () => {
    expect(sniffBoth(gcpV1).message).toContain(SPANS);
    expect(sniffBoth(azureMetrics).message).toContain(METRICS);
  });

  it('Telegraf JSON lines in any key order, and Azure diagnostic-settings metric lines', () => {
    // the two key orders Telegraf's serializer has written (fields first; name first)
    const fieldsFirst = '{"fields":{"usage_idle":91.5},"name":"cpu","tags":{"host":"web01"},"timestamp":1700000000}\n';
    const nameFirst = JSON.stringify(telegrafMetric('cpu', 1700000000)) + '\n' + JSON.stringify(telegrafMetric('mem', 1700000010)) + '\n';
    for (const text of [fieldsFirst, nameFirst]) expect(sniff(text).message).toMatch(/^Telegraf metrics in its JSON format \(fields, name, tags, timestamp\), which ObsReady does not read/);
    const azureLines = [azureRecord(11, 100), azureRecord(12, 6.33)].map((r) => JSON.stringify(r)).join('\n') + '\n';
    expect(sniff(azureLines)).toMatchObject({ reason: 'unsupported', message: expect.stringMatching(/^Azure Monitor platform metrics as diagnostic settings write them/) as unknown });
    // a head the sniff window cut: the lines before the cut are judged
    expect(sniff(nameFirst + '{"name":"disk","tags":{', false).message).toMatch(/^Telegraf metrics/);
  });
});

describe('a document the sniff window cut is judged by its start', () => {
  // 300 metrics of ~110 bytes: cut at 4,000 bytes (one-line) or 6,000 (pretty), inside an element
  const batch = { metrics: Array.from({ length: 300 }, (_, i) => telegrafMetric('cpu', 1700000000 + i)) };
  it('a Telegraf batch, one-line and pretty-printed: its whole elements are judged, the cut one left out', () => {
    for (const [text, at] of [[JSON.stringify(batch), 4000], [JSON.stringify(batch, null, 2), 6000]] as const) {
      const head = makeSniffInput(enc(text).subarray(0, at), false);
      const values = jsonValuesOfHead(head);
      expect(values?.single).toBe(true);
      expect(values?.cut).toBe(true);
      const metrics = (values?.values[0] as { metrics: unknown[] }).metrics;
      // every element kept is whole: as many as end (`}` of the element) before the cut
      expect(metrics.length).toBeGreaterThan(10);
      expect(metrics).toEqual(batch.metrics.slice(0, metrics.length));
      expect(sniffFormat(head).message).toMatch(/^Telegraf metrics in its JSON format \(fields, name, tags, timestamp, in a "metrics" batch\)/);
    }
  });

  it('a pretty-printed list (dependency links, as the Jaeger UI saves them) cut by the window', () => {
    const links = Array.from({ length: 400 }, (_, i) => ({ parent: `Service${i}`, child: `Service${i + 1}`, callCount: i }));
    for (const text of [JSON.stringify(links), JSON.stringify(links, null, 2)]) {
      const head = makeSniffInput(enc(text).subarray(0, 5000), false);
      expect((jsonValuesOfHead(head)?.values[0] as unknown[]).length).toBeGreaterThan(10);
      expect(sniffFormat(head)).toMatchObject({ reason: 'unsupported', message: expect.stringMatching(/^service dependency links/) as unknown });
    }
  });

  it('a Google Cloud Trace and a Sentry event with many spans', () => {
    const trace = { ...gcpV1, spans: Array.from({ length: 200 }, () => gcpV1.spans[0]) };
    const event = { ...sentryTransaction, spans: Array.from({ length: 200 }, () => sentryTransaction.spans[0]) };
    for (const [doc, message] of [[trace, /^Google Cloud Trace v1/], [event, /^a Sentry transaction event/]] as const) {
      for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) expect(sniffFormat(makeSniffInput(enc(text).subarray(0, 5000), false)).message).toMatch(message);
    }
  });

  it("what a cut document may not have reached yet is not guessed: a log line that starts with an error object is no API error answer", () => {
    const line = JSON.stringify({ error: { message: 'boom', code: 500 }, stack: 'x'.repeat(5000), time: '2024-03-05T10:00:00Z', level: 'error' });
    expect(foreignJson(makeSniffInput(enc(line).subarray(0, 3000), false))).toBeUndefined();
  });

  it('JSON Lines each of the same product: Sentry transaction events, one a line', () => {
    const text = [sentryTransaction, { ...sentryTransaction, event_id: 'ac6d8c0c43fc4630ad850ee518f1b9d1' }].map((e) => JSON.stringify(e)).join('\n') + '\n';
    expect(sniff(text).message).toMatch(/^a Sentry transaction event/);
    // and not when one line is something else (a log record): the lines are left to the log importer
    expect(sniff(text + '{"time":"2024-03-05T10:00:00Z","level":"info","msg":"x"}\n').reason).toBeUndefined();
  });
});

describe("an API's error answer is said to be one, with its message", () => {
  it("Jaeger api_v3 (grpc-gateway): no records, the message and codes quoted", () => {
    const r = sniffBoth({ error: { grpcCode: 5, httpCode: 404, message: 'trace not found', httpStatus: 'Not Found' } });
    expect(r.reason).toBe('unsupported');
    expect(r.message).toBe(
      'an API error answer (`{"error": …}`, as Jaeger\'s api_v3 and Google APIs answer), not telemetry: "trace not found" (HTTP 404 Not Found, gRPC code 5). It holds no records; fix the request (trace id, time range, query) and export the answer again',
    );
  });

  it('a Google API error: its code and status', () => {
    expect(sniffBoth({ error: { code: 403, message: 'Permission denied', status: 'PERMISSION_DENIED' } }).message).toContain(': "Permission denied" (HTTP 403, PERMISSION_DENIED). It holds no records');
  });

  it('a log record with an error object and more is still a log record', () => {
    const r = sniff('{"time":"2024-03-05T10:00:00Z","level":"error","error":{"message":"boom","code":500}}\n');
    expect(r.spec?.id).toBe('jsonl-logs');
  });
});

// InfluxDB 3 (`influxdb3 query --format json|jsonl`, /api/v3/query_sql?format=json): one object a
// row, the `time` column in UTC without a zone (Arrow's format), tags as strings, fields as numbers.
// They were read as JSON log records (3 records, no message, no level); they are metrics.
describe('InfluxDB 3 query output in JSON: metric rows, not log records', () => {
  const rows = [
    { host: 'server01', region: 'us-west', time: '2023-11-14T22:13:20', usage_idle: 91.5, usage_user: 5.2 },
    { host: 'server01', region: 'us-west', time: '2023-11-14T22:13:30.5', usage_idle: 90.1, usage_user: 6.0 },
    { host: 'server02', region: 'us-east', time: '2023-11-14T22:13:20', usage_idle: 71.0 }, // (a null field left out)
  ];
  it.each([
    ['json', JSON.stringify(rows), true],
    ['json pretty-printed', JSON.stringify(rows, null, 2), true],
    ['jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n', true],
    ['json cut by the sniff window', JSON.stringify([...rows, ...rows, ...rows]).slice(0, 300), false],
    ['an InfluxQL answer (iox::measurement)', JSON.stringify([{ 'iox::measurement': 'cpu', time: '2023-11-14T22:13:20', usage_idle: 91.5 }]), true],
  ])('%s is unsupported, with the CSV output to query instead', (_name, text, complete) => {
    const r = sniff(text, complete);
    expect(r.spec).toBeUndefined();
    expect(r.reason).toBe('unsupported');
    expect(r.message).toMatch(/^metric rows in JSON .*InfluxDB 3.*--format csv.*metrics CSV/);
  });

  it('the same rows queried with --format csv are read as metrics: a series per field, the tags its labels', () => {
    const csv = 'host,region,time,usage_idle,usage_user\nserver01,us-west,2023-11-14T22:13:20,91.5,5.2\nserver02,us-east,2023-11-14T22:13:20,71.0,20.4\n';
    const got = analyseText(csv, undefined, 'input');
    expect([got.format, got.records, got.rejected]).toEqual(['csv-metrics', 4, 0]);
  });
});

describe('what the importers read is left to them', () => {
  it('a Jaeger query answer with errors, a Prometheus label values answer, JSON log lines, OTLP', () => {
    expect(sniff('{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}').spec?.id).toBe('jaeger');
    expect(sniff('{"status":"success","data":["frontend","backend"]}').spec?.id).toBe('prom-api');
    expect(sniff('{"time":"2024-03-05T10:00:00Z","level":"info","msg":"started"}\n{"time":"2024-03-05T10:00:01Z","level":"info","msg":"ready"}\n').spec?.id).toBe('jsonl-logs');
    expect(sniff('{"resourceSpans":[]}').spec?.id).toBe('otlp-json');
    // rows with a time and numbers that are a log's: a message, a level, or a time with a zone
    expect(sniff('[{"host":"server01","time":"2023-11-14T22:13:20","duration_ms":91.5,"msg":"request served"}]').spec?.id).toBe('json-logs');
    expect(sniff('[{"host":"server01","time":"2023-11-14T22:13:20","duration_ms":91.5,"level":"info"}]').spec?.id).toBe('json-logs');
    expect(foreignJson(makeSniffInput(enc('[{"host":"server01","time":"2023-11-14T22:13:20Z","usage_idle":91.5}]'), true))).toBeUndefined();
    expect(sniff('{"time":"2023-11-14T22:13:20","user":"bob","action":"login","detail":"' + 'x'.repeat(80) + '","attempt":2}\n').spec?.id).toBe('jsonl-logs');
  });

  it('foreignJson is undefined for them, and for text', () => {
    for (const t of ['{"resourceSpans":[]}', 'hello world\n', '{"level":"info","msg":"x"}\n']) expect(foreignJson(makeSniffInput(enc(t), true))).toBeUndefined();
  });
});

describe('jsonValuesOfHead', () => {
  it('one document whatever its whitespace; JSON Lines one value a line; a cut last line left out; a cut document', () => {
    expect(jsonValuesOfHead(makeSniffInput(enc('{\n  "a": [1,\n 2]\n}\n'), true))).toEqual({ values: [{ a: [1, 2] }], single: true });
    expect(jsonValuesOfHead(makeSniffInput(enc('{"a":1}\n{"a":2}\n'), true))).toEqual({ values: [{ a: 1 }, { a: 2 }], single: false });
    expect(jsonValuesOfHead(makeSniffInput(enc('{"a":1}\n{"a":'), false))).toEqual({ values: [{ a: 1 }], single: false });
    // a cut document: up to its last comma between elements of its outermost open array, closed
    expect(jsonValuesOfHead(makeSniffInput(enc('{\n  "a": [1,\n 2, {"b": 3,'), false))).toEqual({ values: [{ a: [1, 2] }], single: true, cut: true });
    expect(jsonValuesOfHead(makeSniffInput(enc('{"n": 1, "m": {"k": 2'), false))).toEqual({ values: [{ n: 1 }], single: true, cut: true });
    expect(jsonValuesOfHead(makeSniffInput(enc('{\n  "a": [1'), false))).toBeUndefined();
    expect(jsonValuesOfHead(makeSniffInput(enc('a=1 b=2\n'), true))).toBeUndefined();
  });
});

describe('an HTTP Archive (HAR) is named, not read as one log record', () => {
  const entry = (i: number) => ({ startedDateTime: `2024-01-01T00:00:0${i}.000Z`, time: 12, request: { method: 'GET', url: `https://shop.example/api/${i}`, headers: [] }, response: { status: 200, content: { size: 10, mimeType: 'text/html', text: 'x'.repeat(40_000) } }, timings: { wait: 10 } });
  const doc = { log: { version: '1.2', creator: { name: 'Firefox', version: '120.0' }, pages: [], entries: [entry(1), entry(2), entry(3)] } };
  const message = `an HTTP Archive (HAR: the requests a browser's dev tools or a proxy recorded, \`log.entries\`): a client's network capture, not a service's telemetry; not read. For the service's side, ${SPANS}, or export its logs`;

  it('whole, one-line or pretty-printed, and cut by the sniff window (a HAR of 120 KB)', () => {
    const r = sniffBoth({ log: { ...doc.log, entries: [entry(1)] } });
    expect({ reason: r.reason, message: r.message, spec: r.spec?.id }).toEqual({ reason: 'unsupported', message, spec: undefined });
    const big = JSON.stringify(doc, null, 2);
    expect(big.length).toBeGreaterThan(65536);
    const cut = sniff(big.slice(0, 65536), false);
    expect({ reason: cut.reason, message: cut.message }).toEqual({ reason: 'unsupported', message });
  });

  it('analysed: 0 records, one `unsupported`', () => {
    const r = analyseText(JSON.stringify(doc, null, 2), 4096, 'session.har');
    expect([r.format, r.records, r.rejected, r.errors.map((e) => [e.code, e.message])]).toEqual(['unknown', 0, 0, [['unsupported', message]]]);
  });
});
