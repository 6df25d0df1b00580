// OpenTelemetry Python's console exporters print spans, log records and metrics batches as JSON
// (ReadableSpan.to_json, LogRecord.to_json, MetricsData.to_json, indent 4), one after another and
// among the program's own output. The fixtures below are written in those shapes (the field names
// and layouts of opentelemetry-sdk 1.x, and of 1.0.0rc1 whose span `resource` held the attributes
// themselves); expected counts are the values written.
import { describe, expect, it } from 'vitest';
import { otelConsole } from '../../../../analyzers/importers/otel-console/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import type { LogRecord, MetricPoint, Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';
import { analyseText } from '../../../helpers/analyse.js';

const TRACE = '0x5b8efff798038103d269b633813fc60c';
const span = (name: string, id: string, parent: string | null, kind: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({
  name,
  context: { trace_id: TRACE, span_id: id, trace_state: '[]' },
  kind: `SpanKind.${kind}`,
  parent_id: parent,
  start_time: start,
  end_time: end,
  status: { status_code: 'UNSET' },
  attributes: { 'http.method': 'GET', 'http.status_code': 200 },
  events: [{ name: 'cache miss', timestamp: start, attributes: { key: 'a' } }],
  links: [],
  resource: { attributes: { 'telemetry.sdk.language': 'python', 'service.name': 'shop' }, schema_url: '' },
  ...extra,
});
const print = (v: unknown): string => JSON.stringify(v, null, 4) + '\n';

const child = span('SELECT', '0x1111111111111111', '0x2222222222222222', 'CLIENT', '2024-01-10T12:00:00.100000Z', '2024-01-10T12:00:00.250000Z');
const root = span('GET /cart', '0x2222222222222222', null, 'SERVER', '2024-01-10T12:00:00.000000Z', '2024-01-10T12:00:00.300000Z', { status: { status_code: 'ERROR', description: 'boom' } });
const log = {
  body: 'cart loaded',
  severity_number: 9,
  severity_text: 'INFO',
  attributes: { 'code.lineno': 12 },
  dropped_attributes: 0,
  timestamp: '2024-01-10T12:00:00.200000Z',
  observed_timestamp: '2024-01-10T12:00:00.200100Z',
  trace_id: TRACE,
  span_id: '0x2222222222222222',
  trace_flags: 1,
  resource: { attributes: { 'service.name': 'shop' }, schema_url: '' },
};
// Times as Python prints them: JSON numbers beyond 2^53 (read exactly).
const metrics = `{
    "resource_metrics": [
        {
            "resource": { "attributes": { "service.name": "shop" }, "schema_url": "" },
            "scope_metrics": [
                {
                    "scope": { "name": "app", "version": "", "schema_url": "", "attributes": null },
                    "metrics": [
                        { "name": "http.server.requests", "description": "", "unit": "1",
                          "data": { "data_points": [
                              { "attributes": { "route": "/cart" }, "start_time_unix_nano": 1704888000000000001, "time_unix_nano": 1704888010000000001, "value": 5, "exemplars": [] },
                              { "attributes": { "route": "/pay" }, "start_time_unix_nano": 1704888000000000001, "time_unix_nano": 1704888010000000001, "value": 2, "exemplars": [] }
                          ], "aggregation_temporality": 2, "is_monotonic": true } },
                        { "name": "http.server.duration", "description": "", "unit": "ms",
                          "data": { "data_points": [
                              { "attributes": {}, "start_time_unix_nano": 1704888000000000001, "time_unix_nano": 1704888010000000001, "count": 3, "sum": 30.5, "bucket_counts": [1, 2, 0], "explicit_bounds": [10.0, 20.0], "min": 5, "max": 15, "exemplars": [] }
                          ], "aggregation_temporality": 2 } },
                        { "name": "queue.depth", "description": "", "unit": "1",
                          "data": { "data_points": [ { "attributes": {}, "start_time_unix_nano": 0, "time_unix_nano": 1704888010000000001, "value": 7.5, "exemplars": [] } ] } }
                    ],
                    "schema_url": ""
                }
            ],
            "schema_url": ""
        }
    ]
}
`;

describe('OpenTelemetry Python console exporters', () => {
  it('reads spans, a log record and a metrics batch printed one after another, whole or in chunks', () => {
    const text = print(child) + print(root) + print(log) + metrics;
    const whole = decode(otelConsole, text);
    expect(whole.errors).toEqual([]);
    const spans = whole.records.filter((r): r is Span => r.kind === 'span');
    const logs = whole.records.filter((r): r is LogRecord => r.kind === 'log');
    const points = whole.records.filter((r): r is MetricPoint => r.kind === 'metric');
    expect([spans.length, logs.length, points.length]).toEqual([2, 1, 4]);
    expect(spans[0]).toMatchObject({ traceId: TRACE.slice(2), spanId: '1111111111111111', parentSpanId: '2222222222222222', name: 'SELECT', spanKind: 'client', startNs: 1704888000100000000n, endNs: 1704888000250000000n });
    expect(spans[0]!.attributes).toEqual({ 'http.method': 'GET', 'http.status_code': 200 });
    expect(spans[0]!.events).toEqual([{ name: 'cache miss', timeNs: 1704888000100000000n, attributes: { key: 'a' } }]);
    expect(spans[0]!.resource.serviceName).toBe('shop');
    expect(spans[1]).toMatchObject({ spanKind: 'server', status: { code: 'error', message: 'boom' } });
    expect(spans[1]!.parentSpanId).toBeUndefined();
    expect(logs[0]).toMatchObject({ body: 'cart loaded', severityNumber: 9, traceId: TRACE.slice(2), spanId: '2222222222222222', timeNs: 1704888000200000000n });
    expect(points.map((p) => [p.name, p.type])).toEqual([['http.server.requests', 'counter'], ['http.server.requests', 'counter'], ['http.server.duration', 'histogram'], ['queue.depth', 'gauge']]);
    expect(points[0]!.timeNs).toBe(1704888010000000001n);
    expect(points[0]!.labels).toEqual({ route: '/cart' });
    for (const chunk of [1, 7, 4096]) expect(canonical(decode(otelConsole, text, chunk).records)).toBe(canonical(whole.records));
  });

  it('takes bare Infinity and NaN (json.dumps writes them), the attributes-only resource of 1.0.0rc1, and a JSON list of spans', () => {
    const odd = print(span('chat', '0x3333333333333333', null, 'INTERNAL', '2023-06-10T18:10:01.869155Z', '2023-06-10T18:10:03.030913Z', { resource: { 'telemetry.sdk.language': 'python', 'service.name': 'bot' } })).replace('"http.status_code": 200', '"max_tokens": Infinity, "score": NaN, "note": "NaN stays a string"');
    const listed = JSON.stringify([span('a', '0x4444444444444444', null, 'INTERNAL', '2024-01-10T12:00:00.000000Z', '2024-01-10T12:00:01.000000Z'), span('b', '0x5555555555555555', '0x4444444444444444', 'INTERNAL', '2024-01-10T12:00:00.000000Z', '2024-01-10T12:00:01.000000Z')]) + '\n';
    const r = decode(otelConsole, odd + listed);
    expect(r.errors).toEqual([]);
    const spans = r.records as Span[];
    expect(spans.map((s) => [s.name, s.resource.serviceName])).toEqual([['chat', 'bot'], ['a', 'shop'], ['b', 'shop']]);
    expect(spans[0]!.attributes).toMatchObject({ max_tokens: 'Infinity', score: 'NaN', note: 'NaN stays a string' });
  });

  it("the program's own lines around the printed values: a preamble is skipped, a line between values is one rejection", () => {
    const text = 'Welcome to the grocery store!\n' + print(child) + 'INFO:     127.0.0.1:52622 - "GET /chat HTTP/1.1" 200 OK\n' + print(root);
    const input = analyseText(text, undefined, 'stdout.txt');
    expect([input.format, input.records, input.rejected]).toEqual(['otel-console', 2, 1]);
    expect(input.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 1], ['invalid-json', 2 + print(child).split('\n').length - 1]]);
  });

  it('is chosen by content: Python console output, not OTLP JSON or JSON logs', () => {
    const sniff = (t: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(t), true)).spec?.id;
    expect(sniff(print(child))).toBe('otel-console');
    expect(sniff(print(log))).toBe('otel-console');
    expect(sniff(metrics)).toBe('otel-console');
    expect(sniff(JSON.stringify(child) + '\n')).toBe('otel-console');
    // OTLP with proto field names stays OTLP
    expect(sniff('{"resource_metrics":[{"scope_metrics":[{"metrics":[{"name":"a","gauge":{"data_points":[{"as_int":"1","time_unix_nano":"1"}]}}]}]}]}')).toBe('otlp-json');
  });

  it('a value that is none of the three is rejected alone with a coded error', () => {
    const r = decode(otelConsole, print(child) + '{"hello": "world"}\n' + print(root));
    expect([r.records.length, r.errors.map((e) => e.code), r.progress.rejected]).toEqual([2, ['invalid-record'], 1]);
  });
});

// OpenTelemetry Go's stdouttrace with WithPrettyPrint (the Go getting-started guide's traces.txt):
// each span a JSON object with Go field names, indented with tabs; a root's Parent is zero ids.
describe("OpenTelemetry Go's stdout trace exporter", () => {
  const goSpan = (name: string, id: string, parent: string, kind: number, extra: Record<string, unknown> = {}) => ({
    Name: name,
    SpanContext: { TraceID: 'b8c0291b6e5c0de0822cd8a4e98eca18', SpanID: id, TraceFlags: '01', TraceState: '', Remote: false },
    Parent: { TraceID: parent === '0000000000000000' ? '00000000000000000000000000000000' : 'b8c0291b6e5c0de0822cd8a4e98eca18', SpanID: parent, TraceFlags: '00', TraceState: '', Remote: false },
    SpanKind: kind,
    StartTime: '2023-10-04T13:24:21.128374+02:00',
    EndTime: '2023-10-04T13:24:22.962823+02:00',
    Attributes: null,
    Events: null,
    Links: null,
    Status: { Code: 'Unset', Description: '' },
    DroppedAttributes: 0,
    DroppedEvents: 0,
    DroppedLinks: 0,
    ChildSpanCount: 0,
    Resource: [{ Key: 'service.name', Value: { Type: 'STRING', Value: 'fib' } }, { Key: 'service.version', Value: { Type: 'STRING', Value: 'v0.1.0' } }],
    InstrumentationScope: { Name: 'fib', Version: '', SchemaURL: '' },
    InstrumentationLibrary: { Name: 'fib', Version: '', SchemaURL: '' },
    ...extra,
  });
  const text =
    JSON.stringify(goSpan('Fibonacci', 'cae41bc2b5d984a9', 'cae41bc2b5d984a8', 1, {
      Attributes: [{ Key: 'request.n', Value: { Type: 'INT64', Value: 7 } }, { Key: 'ratio', Value: { Type: 'FLOAT64', Value: 0.5 } }, { Key: 'ok', Value: { Type: 'BOOL', Value: true } }, { Key: 'tags', Value: { Type: 'STRINGSLICE', Value: ['a', 'b'] } }],
      Events: [{ Name: 'computed', Attributes: null, DroppedAttributeCount: 0, Time: '2023-10-04T13:24:22.000000001+02:00' }],
      Status: { Code: 'Error', Description: 'too big' },
    }), null, '\t') + '\n' + JSON.stringify(goSpan('Run', 'cae41bc2b5d984a8', '0000000000000000', 2), null, '\t') + '\n';

  it('reads each span as the OTLP span it stands for, whole or in chunks', () => {
    const r = decode(otelConsole, text);
    expect(r.errors).toEqual([]);
    const spans = r.records as Span[];
    expect(spans.map((s) => [s.name, s.spanKind, s.parentSpanId, s.status.code, s.resource.serviceName, s.scope?.name])).toEqual([
      ['Fibonacci', 'internal', 'cae41bc2b5d984a8', 'error', 'fib', 'fib'],
      ['Run', 'server', undefined, 'unset', 'fib', 'fib'],
    ]);
    expect(spans[0]).toMatchObject({ traceId: 'b8c0291b6e5c0de0822cd8a4e98eca18', spanId: 'cae41bc2b5d984a9', startNs: 1696418661128374000n, endNs: 1696418662962823000n, status: { message: 'too big' } });
    expect(spans[0]!.attributes).toEqual({ 'request.n': 7, ratio: 0.5, ok: true, tags: ['a', 'b'] });
    expect(spans[0]!.events).toEqual([{ name: 'computed', timeNs: 1696418662000000001n, attributes: {} }]);
    for (const chunk of [1, 7, 4096]) expect(canonical(decode(otelConsole, text, chunk).records)).toBe(canonical(r.records));
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('otel-console');
  });
});
