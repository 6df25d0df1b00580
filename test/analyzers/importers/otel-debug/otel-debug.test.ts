// The Collector's debug exporter (`verbosity: detailed`) prints each batch as indented text
// (exporter/debugexporter/internal/otlptext). The fixtures below are written in its layout: a
// traces and a logs batch as `otelcol` prints them to the console (each batch's first line after
// zap's time and level, its fields on a line of their own after it), and a metrics batch as
// `docker compose logs` shows it (every line after the container's name). Expected values are the
// ones written; the exponential histogram's scale and offsets are those its printed bounds imply
// ((1.414214, 2] is 2^(1/2) wide: scale 1; its lower bound 2^(1/2) is index 1).
import { describe, expect, it } from 'vitest';
import { otelDebug } from '../../../../analyzers/importers/otel-debug/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import type { LogRecord, MetricPoint, Span } from '../../../../analyzers/model/index.js';
import { decode, expectSameInAnyChunking } from '../common/json-test-helpers.js';
import { analyseText } from '../../../helpers/analyse.js';

const TRACES_AND_LOGS = `2023-09-07T09:57:12.820-0700    info    TracesExporter  {"kind": "exporter", "data_type": "traces", "name": "debug", "resource spans": 1, "spans": 2}
2023-09-07T09:57:12.821-0700    info    ResourceSpans #0
Resource SchemaURL: https://opentelemetry.io/schemas/1.4.0
Resource attributes:
     -> service.name: Str(telemetrygen)
ScopeSpans #0
ScopeSpans SchemaURL:
InstrumentationScope telemetrygen
Span #0
    Trace ID       : 0c636f29e29816ea76e6a5b8cd6601cf
    Parent ID      : 1a08eba9395c5243
    ID             : 10cebe4b63d47cae
    Name           : okey-dokey
    Kind           : Internal
    Start time     : 2023-09-07 16:57:12.045933 +0000 UTC
    End time       : 2023-09-07 16:57:12.046058 +0000 UTC
    Status code    : Unset
    Status message :
Attributes:
     -> span.kind: Str(server)
     -> net.peer.ip: Str(1.2.3.4)
     -> peer.service: Str(telemetrygen)
Span #1
    Trace ID       : 0c636f29e29816ea76e6a5b8cd6601cf
    Parent ID      :
    ID             : 1a08eba9395c5243
    Name           : lets-go
    Kind           : Server
    Start time     : 2023-09-07 16:57:12.045933 +0000 UTC
    End time       : 2023-09-07 16:57:12.046058 +0000 UTC
    Status code    : Error
    Status message : boom: it (broke)
Attributes:
     -> span.kind: Str(client)
     -> net.peer.ip: Str(1.2.3.4)
     -> peer.service: Str(telemetrygen-server)
Events:
SpanEvent #0
     -> Name: exception
     -> Timestamp: 2023-09-07 16:57:12.046 +0000 UTC
     -> DroppedAttributesCount: 0
     -> Attributes::
          -> exception.message: Str(bad thing)
          -> exception.stacktrace: Str(Traceback (most recent call last):
  File "x.py", line 3, in <module>
    foo(bar)
ValueError: bad thing)
	{"kind": "exporter", "data_type": "traces", "name": "debug"}
2023-09-07T09:57:13.000-0700    info    LogsExporter  {"kind": "exporter", "data_type": "logs", "name": "debug", "resource logs": 1, "log records": 2}
2023-09-07T09:57:13.001-0700    info    ResourceLog #0
Resource SchemaURL: 
Resource attributes:
     -> service.name: Str(shop)
ScopeLogs #0
ScopeLogs SchemaURL: 
InstrumentationScope  
LogRecord #0
ObservedTimestamp: 1970-01-01 00:00:00 +0000 UTC
Timestamp: 2020-02-11 20:26:13.000000789 +0000 UTC
SeverityText: Info
SeverityNumber: Info(9)
Body: Str(This is a log message
with a second line)
Attributes:
     -> app: Str(server)
     -> instance_num: Int(1)
Trace ID: 08040201000000000000000000000000
Span ID: 0102040800000000
Flags: 0
LogRecord #1
ObservedTimestamp: 1970-01-01 00:00:00 +0000 UTC
Timestamp: 2020-02-11 20:26:13.000000789 +0000 UTC
SeverityText: INFO
SeverityNumber: Info(9)
EventName: my.event
Body: Map({"key1":"val1","key2":{"key21":"val21","key22":"val22"}})
Attributes:
     -> key1: Map({"key11":"val11","key12":"val12","key13":{"key131":"val131"}})
     -> key2: Str(val2)
Trace ID: 
Span ID: 
Flags: 0
	{"kind": "exporter", "data_type": "logs", "name": "debug"}
`;

const METRICS = `otel-collector-1  | 2024-03-01T10:00:00.000Z	info	MetricsExporter	{"kind": "exporter", "data_type": "metrics", "name": "debug", "resource metrics": 1, "metrics": 5, "data points": 7}
otel-collector-1  | 2024-03-01T10:00:00.001Z	info	ResourceMetrics #0
otel-collector-1  | Resource SchemaURL: 
otel-collector-1  | Resource attributes:
otel-collector-1  |      -> service.name: Str(checkout)
otel-collector-1  |      -> host.name: Str(node-1)
otel-collector-1  | ScopeMetrics #0
otel-collector-1  | ScopeMetrics SchemaURL: 
otel-collector-1  | InstrumentationScope io.opentelemetry.http 1.2.0
otel-collector-1  | Metric #0
otel-collector-1  | Descriptor:
otel-collector-1  |      -> Name: queue.size
otel-collector-1  |      -> Description: items waiting
otel-collector-1  |      -> Unit: 1
otel-collector-1  |      -> DataType: Gauge
otel-collector-1  | NumberDataPoints #0
otel-collector-1  | Data point attributes:
otel-collector-1  |      -> queue: Str(a)
otel-collector-1  | StartTimestamp: 2024-03-01 09:59:00 +0000 UTC
otel-collector-1  | Timestamp: 2024-03-01 10:00:00.000000123 +0000 UTC
otel-collector-1  | Value: 12
otel-collector-1  | NumberDataPoints #1
otel-collector-1  | Data point attributes:
otel-collector-1  |      -> queue: Str(b)
otel-collector-1  | StartTimestamp: 2024-03-01 09:59:00 +0000 UTC
otel-collector-1  | Timestamp: 2024-03-01 10:00:00 +0000 UTC
otel-collector-1  | Value: 1.500000
otel-collector-1  | Metric #1
otel-collector-1  | Descriptor:
otel-collector-1  |      -> Name: http.server.requests
otel-collector-1  |      -> Description: 
otel-collector-1  |      -> Unit: {request}
otel-collector-1  |      -> DataType: Sum
otel-collector-1  |      -> IsMonotonic: true
otel-collector-1  |      -> AggregationTemporality: Cumulative
otel-collector-1  | NumberDataPoints #0
otel-collector-1  | StartTimestamp: 2024-03-01 09:59:00 +0000 UTC
otel-collector-1  | Timestamp: 2024-03-01 10:00:00 +0000 UTC
otel-collector-1  | Value: 42
otel-collector-1  | Exemplars:
otel-collector-1  | Exemplar #0
otel-collector-1  |      -> Trace ID: 0102030405060708090a0b0c0d0e0f10
otel-collector-1  |      -> Span ID: 1112131415161718
otel-collector-1  |      -> Timestamp: 2024-03-01 09:59:59 +0000 UTC
otel-collector-1  |      -> Value: 1
otel-collector-1  |      -> FilteredAttributes:
otel-collector-1  |           -> user: Str(u1)
otel-collector-1  | Metric #2
otel-collector-1  | Descriptor:
otel-collector-1  |      -> Name: http.server.duration
otel-collector-1  |      -> Description: 
otel-collector-1  |      -> Unit: ms
otel-collector-1  |      -> DataType: Histogram
otel-collector-1  |      -> AggregationTemporality: Delta
otel-collector-1  | HistogramDataPoints #0
otel-collector-1  | Data point attributes:
otel-collector-1  |      -> route: Str(/cart)
otel-collector-1  | StartTimestamp: 2024-03-01 09:59:00 +0000 UTC
otel-collector-1  | Timestamp: 2024-03-01 10:00:00 +0000 UTC
otel-collector-1  | Count: 3
otel-collector-1  | Sum: 30.500000
otel-collector-1  | Min: 5.000000
otel-collector-1  | Max: 15.000000
otel-collector-1  | ExplicitBounds #0: 10.000000
otel-collector-1  | ExplicitBounds #1: 20.000000
otel-collector-1  | Buckets #0, Count: 1
otel-collector-1  | Buckets #1, Count: 2
otel-collector-1  | Buckets #2, Count: 0
otel-collector-1  | Metric #3
otel-collector-1  | Descriptor:
otel-collector-1  |      -> Name: rpc.latency
otel-collector-1  |      -> Description: 
otel-collector-1  |      -> Unit: s
otel-collector-1  |      -> DataType: ExponentialHistogram
otel-collector-1  |      -> AggregationTemporality: Delta
otel-collector-1  | ExponentialHistogramDataPoints #0
otel-collector-1  | StartTimestamp: 2024-03-01 09:59:00 +0000 UTC
otel-collector-1  | Timestamp: 2024-03-01 10:00:00 +0000 UTC
otel-collector-1  | Count: 5
otel-collector-1  | Sum: 0.150000
otel-collector-1  | Bucket [-1.414214, -1.000000), Count: 1
otel-collector-1  | Bucket [-1.000000, -0.707107), Count: 1
otel-collector-1  | Bucket [0, 0], Count: 1
otel-collector-1  | Bucket (1.414214, 2.000000], Count: 1
otel-collector-1  | Bucket (2.000000, 2.828427], Count: 1
otel-collector-1  | Metric #4
otel-collector-1  | Descriptor:
otel-collector-1  |      -> Name: gc.pause
otel-collector-1  |      -> Description: 
otel-collector-1  |      -> Unit: s
otel-collector-1  |      -> DataType: Summary
otel-collector-1  | SummaryDataPoints #0
otel-collector-1  | StartTimestamp: 2024-03-01 09:59:00 +0000 UTC
otel-collector-1  | Timestamp: 2024-03-01 10:00:00 +0000 UTC
otel-collector-1  | Count: 1
otel-collector-1  | Sum: 15.000000
otel-collector-1  | QuantileValue #0: Quantile 0.500000, Value 15.000000
otel-collector-1  | QuantileValue #1: Quantile 0.990000, Value 15.000000
otel-collector-1  | 	{"kind": "exporter", "data_type": "metrics", "name": "debug"}
`;

const bytes = (t: string) => new TextEncoder().encode(t);

describe('OpenTelemetry Collector debug exporter output', () => {
  it('reads spans and log records with their resource, fields, events and multi-line values, whole or in chunks', () => {
    const r = expectSameInAnyChunking(otelDebug, bytes(TRACES_AND_LOGS));
    const spans = r.records.filter((x): x is Span => x.kind === 'span');
    const logs = r.records.filter((x): x is LogRecord => x.kind === 'log');
    expect([spans.length, logs.length]).toEqual([2, 2]);
    expect(spans[0]).toMatchObject({ traceId: '0c636f29e29816ea76e6a5b8cd6601cf', spanId: '10cebe4b63d47cae', parentSpanId: '1a08eba9395c5243', name: 'okey-dokey', spanKind: 'internal', startNs: 1694105832045933000n, endNs: 1694105832046058000n, status: { code: 'unset' } });
    expect(spans[0]!.attributes).toEqual({ 'span.kind': 'server', 'net.peer.ip': '1.2.3.4', 'peer.service': 'telemetrygen' });
    expect(spans[0]!.resource.serviceName).toBe('telemetrygen');
    expect(spans[0]!.scope?.name).toBe('telemetrygen');
    expect(spans[0]!.source.line).toBe(9);
    expect(spans[1]).toMatchObject({ name: 'lets-go', spanKind: 'server', status: { code: 'error', message: 'boom: it (broke)' } });
    expect(spans[1]!.parentSpanId).toBeUndefined();
    // the event's stack trace runs over four lines; its last ")" closes the value
    expect(spans[1]!.events).toEqual([
      {
        name: 'exception',
        timeNs: 1694105832046000000n,
        attributes: { 'exception.message': 'bad thing', 'exception.stacktrace': 'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\n    foo(bar)\nValueError: bad thing' },
      },
    ]);
    expect(logs[0]).toMatchObject({ body: 'This is a log message\nwith a second line', severityNumber: 9, severityText: 'Info', traceId: '08040201000000000000000000000000', spanId: '0102040800000000', timeNs: 1581452773000000789n });
    expect(logs[0]!.observedTimeNs).toBeUndefined();
    expect(logs[0]!.attributes).toEqual({ app: 'server', instance_num: 1 });
    expect(logs[0]!.resource.serviceName).toBe('shop');
    expect(logs[1]!.body).toEqual({ key1: 'val1', key2: { key21: 'val21', key22: 'val22' } });
    expect(logs[1]!.attributes).toEqual({ 'event.name': 'my.event', key1: { key11: 'val11', key12: 'val12', key13: { key131: 'val131' } }, key2: 'val2' });
    expect(logs[1]!.traceId).toBeUndefined();
    // the Collector's own lines (two "…Exporter" lines and two field lines): one error, nothing rejected
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 1]]);
    expect(r.errors[0]!.message).toMatch(/^4 lines are not part of a debug-exporter batch/);
    expect(r.progress.rejected).toBe(0);
  });

  it('reads every metric type after a docker compose prefix: one record per data point', () => {
    const r = expectSameInAnyChunking(otelDebug, bytes(METRICS));
    const points = r.records as MetricPoint[];
    expect(points.map((p) => [p.name, p.type, p.temporality])).toEqual([
      ['queue.size', 'gauge', 'unspecified'],
      ['queue.size', 'gauge', 'unspecified'],
      ['http.server.requests', 'counter', 'cumulative'],
      ['http.server.duration', 'histogram', 'delta'],
      ['rpc.latency', 'exponential-histogram', 'delta'],
      ['gc.pause', 'summary', 'unspecified'],
    ]);
    expect(points.map((p) => p.resource.serviceName)).toEqual(Array(6).fill('checkout'));
    expect(points[0]).toMatchObject({ value: 12, labels: { queue: 'a' }, timeNs: 1709287200000000123n, startTimeNs: 1709287140000000000n, description: 'items waiting', unit: '1' });
    expect(points[1]).toMatchObject({ value: 1.5, labels: { queue: 'b' } });
    expect(points[2]).toMatchObject({ value: 42, monotonic: true });
    expect(points[2]!.exemplars).toEqual([{ value: 1, timeNs: 1709287199000000000n, traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '1112131415161718', attributes: { user: 'u1' } }]);
    expect(points[3]!.histogram).toEqual({ count: 3, sum: 30.5, min: 5, max: 15, bounds: [10, 20], counts: [1, 2, 0] });
    expect(points[4]!.exponentialHistogram).toMatchObject({ count: 5, sum: 0.15, scale: 1, zeroCount: 1, positive: { offset: 1, counts: [1, 1] }, negative: { offset: -1, counts: [1, 1] } });
    expect(points[5]!.summary).toMatchObject({ count: 1, sum: 15, quantiles: [{ quantile: 0.5, value: 15 }, { quantile: 0.99, value: 15 }] });
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 1]]);
  });

  it('is chosen by content, over text logs; a batch pasted from its scope on is read with an empty resource', () => {
    const sniff = (t: string) => sniffFormat(makeSniffInput(bytes(t), true)).spec?.id;
    expect(sniff(TRACES_AND_LOGS)).toBe('otel-debug');
    expect(sniff(METRICS)).toBe('otel-debug');
    const fragment = TRACES_AND_LOGS.slice(TRACES_AND_LOGS.indexOf('ScopeSpans #0'), TRACES_AND_LOGS.indexOf('Span #1'));
    expect(sniff(fragment)).toBe('otel-debug');
    const input = analyseText(fragment, undefined, 'pasted.txt');
    expect([input.format, input.records, input.rejected, input.errors]).toEqual(['otel-debug', 1, 0, []]);
    // a log line that mentions a span number is still a log
    expect(sniff('2024-01-01T00:00:00Z INFO Span #0 done\n2024-01-01T00:00:01Z INFO ok\n')).not.toBe('otel-debug');
  });

  it("skips another container's lines among the Collector's, and says so", () => {
    const lines = METRICS.split('\n');
    lines.splice(20, 0, 'shop-1  | 2024-03-01 10:00:00 INFO cart loaded');
    const r = decode(otelDebug, lines.join('\n'));
    expect(r.records.length).toBe(6);
    expect(r.errors.map((e) => e.message.slice(0, 9))).toEqual(['3 lines a']);
  });

  it('input with no batch, forced: one unrecognised-format error; an empty input: empty-input', () => {
    expect(decode(otelDebug, '2024-01-01T00:00:00.000Z\tinfo\tservice@v0.98.0/service.go:169\tEverything is ready.\n').errors.map((e) => e.code)).toEqual(['unrecognised-format']);
    expect(decode(otelDebug, '').errors.map((e) => e.code)).toEqual(['empty-input']);
  });

  it('a bad time or id costs what OTLP JSON would: the span with a bad id is rejected, a bad time is reported', () => {
    const bad = TRACES_AND_LOGS.replace('ID             : 10cebe4b63d47cae', 'ID             : zz').replace('Start time     : 2023-09-07 16:57:12.045933 +0000 UTC\n    End time       : 2023-09-07 16:57:12.046058 +0000 UTC\n    Status code    : Error', 'Start time     : yesterday\n    End time       : 2023-09-07 16:57:12.046058 +0000 UTC\n    Status code    : Error');
    const r = decode(otelDebug, bad);
    expect(r.records.filter((x) => x.kind === 'span').length).toBe(1);
    expect(r.errors.map((e) => e.code).sort()).toEqual(['invalid-id', 'invalid-line', 'invalid-timestamp']);
    expect(r.errors.find((e) => e.code === 'invalid-id')!.line).toBe(9);
  });
});

describe('debug exporter output as it reaches users', () => {
  const spansOnly = TRACES_AND_LOGS.slice(0, TRACES_AND_LOGS.indexOf('2023-09-07T09:57:13.000-0700'));

  it('after `kubectl logs --timestamps` (a time before every line) and with trailing blanks, reads as plain', () => {
    const plain = decode(otelDebug, spansOnly);
    const stamped = spansOnly.split('\n').map((l, i) => (l === '' ? l : `2023-09-07T16:57:12.${String(100000 + i).slice(1)}Z ${l}   `)).join('\n');
    const sniffed = sniffFormat(makeSniffInput(bytes(stamped), true)).spec?.id;
    expect(sniffed).toBe('otel-debug');
    const r = decode(otelDebug, stamped);
    expect(canonicalSpans(r.records)).toEqual(canonicalSpans(plain.records));
  });

  it("a log body's lines that look like another signal's markers stay in the body", () => {
    const body = TRACES_AND_LOGS.replace('Body: Str(This is a log message\nwith a second line)', 'Body: Str(This is a log message\nSpan #0\n    Trace ID       : bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nwith a second line)');
    const r = decode(otelDebug, body);
    expect(r.records.filter((x) => x.kind === 'span').length).toBe(2);
    expect((r.records.find((x) => x.kind === 'log') as LogRecord).body).toBe('This is a log message\nSpan #0\n    Trace ID       : bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nwith a second line');
  });

  it('the old logging exporter (Resource labels, STRING(…)) and a blank line after the last value', () => {
    const old = 'ResourceSpans #0\nResource labels:\n     -> service.name: STRING(otlptrace-example)\n     -> component: STRING(traefik)\nInstrumentationLibrarySpans #0\nSpan #0\n    Trace ID       : 0c636f29e29816ea76e6a5b8cd6601cf\n    Parent ID      : \n    ID             : 10cebe4b63d47cae\n    Name           : GET\n    Kind           : SPAN_KIND_SERVER\n    Start time     : 2022-01-10 10:00:00 +0000 UTC\n    End time       : 2022-01-10 10:00:01 +0000 UTC\n    Status code    : STATUS_CODE_UNSET\n    Status message : \nAttributes:\n     -> http.method: STRING(GET)\n     -> http.status_code: INT(200)\n\n';
    const r = decode(otelDebug, old);
    const s = r.records as Span[];
    expect(s.map((x) => [x.resource.serviceName, x.resource.attributes['component'], x.spanKind, x.attributes])).toEqual([['otlptrace-example', 'traefik', 'server', { 'http.method': 'GET', 'http.status_code': 200 }]]);
  });

  it('a batch whose start was cut (kubectl logs --tail) keeps its items, without a resource', () => {
    const cut = TRACES_AND_LOGS.slice(TRACES_AND_LOGS.indexOf('LogRecord #1'));
    expect(sniffFormat(makeSniffInput(bytes(cut), true)).spec?.id).toBe('otel-debug');
    const r = decode(otelDebug, cut);
    expect(r.records.map((x) => [x.kind, x.resource.serviceName])).toEqual([['log', undefined]]);
  });
});

function canonicalSpans(records: readonly unknown[]): string[] {
  return (records as Span[]).filter((s) => s.kind === 'span').map((s) => `${s.traceId}/${s.spanId}/${s.name}/${s.startNs}/${s.endNs}/${JSON.stringify(s.attributes)}`);
}
