// Telemetry text in a format no importer reads is named (code `unsupported`, with what to export
// instead) rather than read as message-only log lines and scored as logs. InfluxDB line
// protocol as Telegraf's file output and `influx` exports write it (docs.influxdata.com, "Line
// protocol"): escapes, integer/unsigned/boolean/string fields, s..ns timestamps.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import type { Report } from '../../../analyzers/report/model.js';
import { makeSniffInput, sniffFormat } from '../../../analyzers/importers/sniff.js';
import { analyseInputs, analyseText } from '../../helpers/analyse.js';

const LP = [
  '# written by telegraf',
  'cpu,cpu=cpu-total,host=web\\ 01 usage_idle=90.5,usage_user=3.2 1704888000000000000',
  'mem,host=web\\ 01 used_percent=41.2,available=8123456i 1704888000000000000',
  'disk,host=web\\ 01,path=/ free=123u,readonly=false,fs="ext4" 1704888010',
  'system,host=web\\ 01 uptime=12345i,load1=0.5 1704888000000',
  '',
].join('\n');

const sniff = (text: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true));

describe('InfluxDB line protocol', () => {
  it('is refused as unsupported, with what to export instead, not read as 4 log records', () => {
    for (const chunk of [undefined, 1, 7, 4096]) {
      const input = analyseText(LP, chunk, 'telegraf.out');
      expect([input.format, input.records, input.rejected, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, 0, ['unsupported']]);
      expect(input.errors[0]!.message).toMatch(/^InfluxDB line protocol .*Prometheus text/);
    }
  });

  it('a folder with it still reads its other files', () => {
    const r = analyseInputs([
      ['a.lp', LP],
      ['app.log', '2024-01-10T12:00:00Z INFO started\n2024-01-10T12:00:01Z ERROR failed\n'],
    ]);
    expect(r.inputs.map((i) => [i.format, i.records])).toEqual([
      ['unknown', 0],
      ['text-logs', 2],
    ]);
  });

  it('log lines with key=value numbers, logfmt and Prometheus text are not taken for it', () => {
    expect(sniff('Retrying count=3\nRetrying count=4\n').reason).toBeUndefined(); // no timestamp: text logs
    expect(sniff('ts=2024-01-10T12:00:00Z level=info msg=hi\nts=2024-01-10T12:00:01Z level=warn msg=slow\n').spec?.id).toBe('logfmt');
    expect(sniff('# TYPE up gauge\nup{job="a"} 1 1704888000000\n').spec?.id).toBe('prometheus');
    // one line in ten that is not line protocol is enough to leave the file to the sniffers
    const mixed = Array.from({ length: 8 }, (_, i) => `cpu,host=a usage=${i} 170488800${i}`).concat(['plain text line', 'another plain line']).join('\n');
    expect(sniff(mixed).reason).toBeUndefined();
  });

  it('--as still forces a format on it', () => {
    const analysis = new Analysis({ toolVersion: '0.0.0-test', forceFormat: 'text-logs' });
    const s = analysis.openInput('a.lp', { totalBytes: LP.length });
    s.push(new TextEncoder().encode(LP));
    s.end();
    const input = (analysis.finish() as Report).inputs[0]!;
    expect([input.format, input.records]).toEqual(['text-logs', 5]);
  });
});

describe('XML documents', () => {
  // wevtutil qe System /f:xml (one <Event> per line in an <Events> root when saved from Event Viewer).
  const events = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Events>',
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager'/><EventID>7036</EventID><Level>4</Level><TimeCreated SystemTime='2023-11-14T22:13:20.123Z'/><Computer>DESKTOP-1</Computer></System><EventData><Data Name='param1'>Windows Update</Data></EventData></Event>",
    '</Events>',
    '',
  ].join('\r\n');

  it('Windows event XML is unsupported with what to export instead (it was 4 text-log records of markup)', () => {
    for (const chunk of [undefined, 1, 7]) {
      const input = analyseText(events, chunk, 'system.xml');
      expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
      expect(input.errors[0]!.message).toContain('ConvertTo-Json');
    }
  });

  it('other XML is unsupported too; an HTML page and syslog lines (<PRI>) are not taken for XML', () => {
    expect(sniff('<?xml version="1.0"?>\n<testsuites><testsuite name="a"></testsuite></testsuites>\n').message).toMatch(/^an XML document/);
    expect(sniff('<html><head><title>x</title></head><body>hi</body></html>\n').reason).toBe('unrecognised-format');
    expect(sniff('<34>1 2023-11-14T22:13:20.003Z web01 checkout 2345 ID47 - payment failed </x>\n<34>1 2023-11-14T22:13:21.003Z web01 checkout 2345 ID47 - ok\n').spec?.id).toBe('text-logs');
  });
});

describe("Datadog's v2 JSON:API answers", () => {
  // Shapes of datadog-api-client's TimeseriesResponse and SpansListResponse: `{"data": …}` as a
  // Jaeger answer starts, but neither is Jaeger ("not a Jaeger trace: no spans" before).
  it('spans and v2 metric queries are named unsupported, with what to export instead; v2 logs are still read', () => {
    const spans = JSON.stringify({ data: [{ id: 'AAAAAY1', type: 'spans', attributes: { service: 'web', trace_id: '123', span_id: '456', start_timestamp: '2024-05-01T10:00:00Z' } }] }, null, 2);
    const series = JSON.stringify({ data: { type: 'timeseries_response', id: '0', attributes: { series: [{ group_tags: ['host:a'], query_index: 0 }], times: [1700000000000], values: [[1.5]] } } });
    for (const [text, what] of [[spans, 'Datadog spans'], [series, 'Datadog metrics query']] as const) {
      const r = sniff(text);
      expect([r.spec, r.reason]).toEqual([undefined, 'unsupported']);
      expect(r.message).toContain(what);
    }
    const logs = JSON.stringify({ data: [{ id: 'AQAAAY', type: 'log', attributes: { timestamp: '2024-05-01T10:00:00Z', service: 'web', status: 'info', message: 'ok' } }] });
    expect(sniff(logs).spec?.id).toBe('json-logs');
  });
});

describe('the systemd Journal Export Format', () => {
  it('is named unsupported with the JSON export to use instead, not read as one record per field', () => {
    // journalctl -o export (systemd.io/JOURNAL_EXPORT_FORMATS): KEY=value lines, entries split by a blank line
    const text = [
      '__CURSOR=s=739ad463348b4ceca5a9e69c95a3c93f;i=4ece7;b=6c7c6013a26343b29e964691ff25d04c;m=4fc72436e;t=4c508a72423d9;x=d3e5610681098c10',
      '__REALTIME_TIMESTAMP=1342540861416409',
      '__MONOTONIC_TIMESTAMP=21415215982',
      '_TRANSPORT=syslog',
      'PRIORITY=4',
      'MESSAGE=hello',
      '',
    ].join('\n');
    const input = analyseText(text, 7, 'journal.export');
    expect([input.records, input.errors.map((e) => e.code)]).toEqual([0, ['unsupported']]);
    expect(input.errors[0]!.message).toContain('journalctl -o json');
  });
});

describe('other metric formats no importer reads', () => {
  // Shapes from each protocol's documentation: Graphite's plaintext protocol, the StatsD and
  // DogStatsD datagram formats, OpenTSDB's telnet `put`, Telegraf's JSON serializer, Datadog's
  // metrics submission (POST /api/v1/series).
  const cases: [string, string, RegExp][] = [
    ['graphite.txt', 'servers.web01.cpu.load 0.53 1700000000\nservers.web01.cpu.load 0.61 1700000060\nservers.web02.mem.used;dc=eu 123456 1700000000\n', /^Graphite plaintext/],
    ['statsd.txt', 'gorets:1|c\nglork:320|ms|@0.1\ngaugor:333|g\npage.views:1|c|#env:prod,host:a\n', /^StatsD/],
    ['opentsdb.txt', 'put sys.cpu.user 1356998400 42.5 host=webserver01 cpu=0\nput sys.cpu.user 1356998410 43.5 host=webserver01 cpu=0\n', /^OpenTSDB put lines/],
    ['telegraf.json', '{"fields":{"usage_idle":98.5},"name":"cpu","tags":{"host":"a"},"timestamp":1700000000}\n{"fields":{"free":1024},"name":"mem","tags":{"host":"a"},"timestamp":1700000000}\n', /^Telegraf metrics in its JSON format/],
    ['series.json', '{"series":[{"metric":"system.load.1","points":[[1700000000,0.5]],"tags":["host:a"],"type":"gauge"}]}', /^a Datadog metrics submission payload/],
  ];
  it('each is refused as unsupported with what to export instead, not read as logs', () => {
    for (const [name, text, message] of cases) {
      for (const chunk of [undefined, 7]) {
        const input = analyseText(text, chunk, name);
        expect([name, input.records, input.errors.map((e) => e.code)]).toEqual([name, 0, ['unsupported']]);
        expect(input.errors[0]!.message).toMatch(message);
      }
    }
  });

  it('a text log with a line of that shape among others stays a log', () => {
    const log = ['2024-01-01T00:00:00Z INFO started', 'servers.web01.cpu.load 0.53 1700000000', '2024-01-01T00:00:01Z INFO ready', '2024-01-01T00:00:02Z WARN slow'].join('\n') + '\n';
    expect(sniff(log).spec?.id).toBe('text-logs');
  });
});

// Span payloads of other tracing products, in the shapes their producers write: a ddtrace test
// snapshot (a list of traces, each a list of spans), Elastic APM intake v2 NDJSON (the metadata
// line first), Honeycomb Beeline events, an OTLP request printed by Python protobuf, the JS SDK's
// ConsoleSpanExporter (util.inspect), and an X-Ray service graph.
describe('payloads of other products no importer reads (spans, Logstash rubydebug)', () => {
  const cases: [string, string, RegExp][] = [
    ['dd.json', JSON.stringify([[{ name: 'q', service: 'db', resource: 'SELECT 1', trace_id: 0, span_id: 1, parent_id: 0, start: 1, duration: 5, error: 0 }]], null, 2), /^Datadog trace payload/],
    ['apm.ndjson', '{"metadata": {"service": {"name": "chatty", "agent": {"name": "elastic-node", "version": "3.14.0"}}}}\n{"transaction": {"id": "945254c567a5417e", "trace_id": "0123456789abcdef0123456789abcdef", "duration": 32.5, "type": "request"}}\n{"span": {"id": "1234567890aaaade", "trace_id": "0123456789abcdef0123456789abcdef", "duration": 3.1}}\n', /^Elastic APM intake events/],
    ['hc.jsonl', '{"trace.trace_id":"t1","trace.span_id":"s1","name":"GET /api","service.name":"api","duration_ms":100}\n{"trace.trace_id":"t1","trace.span_id":"s2","trace.parent_id":"s1","name":"db","service.name":"api","duration_ms":45}\n', /^Honeycomb span events/],
    ['print.txt', 'resource_spans {\n  resource {\n    attributes {\n      key: "service.name"\n      value {\n        string_value: "shop"\n      }\n    }\n  }\n}\n', /protobuf text format/],
    ['console.txt', "{\n  resource: { attributes: { 'service.name': 'backend' } },\n  traceId: '9878c4a9172408b1081f150e6f9b20e1',\n  name: 'validate',\n  id: 'dce1c12af54c176c',\n  kind: 0,\n  timestamp: 1795756587537000,\n  duration: 3497.509\n}\n", /^OpenTelemetry JS ConsoleSpanExporter/],
    ['graph.json', JSON.stringify({ Services: [{ ReferenceId: 0, Name: 'Scorekeep', Edges: [] }], StartTime: 1 }, null, 4), /^AWS X-Ray service graph/],
    ['rubydebug.txt', '{\n       "message" => "GET /status 200",\n      "@version" => "1",\n    "@timestamp" => 2013-12-11T08:01:45.000Z,\n          "host" => "cadenza"\n}\n', /^Logstash rubydebug output/],
  ];
  it.each(cases)('%s is named unsupported with what to export instead, not read as logs', (name, text, message) => {
    for (const chunk of [undefined, 7]) {
      const input = analyseText(text, chunk, name);
      expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
      expect(input.errors[0]!.message).toMatch(message);
    }
  });

  it("OpenTelemetry JS's console exporters: the message names what the file holds, log records, spans or metrics, in the order written", () => {
    const log = "{\n  resource: {\n    attributes: { 'service.name': 'inventory' }\n  },\n  instrumentationScope: { name: 'inv', version: undefined, schemaUrl: undefined },\n  timestamp: 1795777205004000,\n  traceId: 'e6204ec8b823c57ac65f5930ee9ccf21',\n  spanId: '6178a48ee30ca2aa',\n  traceFlags: 1,\n  severityText: 'INFO',\n  severityNumber: 9,\n  eventName: undefined,\n  body: 'stock lookup 0',\n  attributes: { sku: 0 }\n}\n";
    const span = "{\n  resource: {\n    attributes: { 'service.name': 'inventory' }\n  },\n  instrumentationScope: { name: 'inv', version: undefined, schemaUrl: undefined },\n  traceId: 'e6204ec8b823c57ac65f5930ee9ccf21',\n  name: 'redis GET',\n  id: '780c98a1fac40cd8',\n  kind: 2,\n  timestamp: 1795777205002000,\n  duration: 4000,\n  attributes: { 'db.system.name': 'redis' },\n  status: { code: 0 },\n  events: [],\n  links: []\n}\n";
    const metric = "{\n  descriptor: {\n    name: 'requests',\n    type: 'COUNTER',\n    description: 'reqs',\n    unit: '1',\n    valueType: 1,\n    advice: {}\n  },\n  dataPointType: 3,\n  dataPoints: [\n    {\n      attributes: { route: '/a' },\n      startTime: [ 1795784205, 246000000 ],\n      endTime: [ 1795784205, 246000000 ],\n      value: 5\n    }\n  ]\n}\n";
    const message = (text: string) => {
      const input = analyseText(text, undefined, 'console.txt');
      expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
      return input.errors[0]!.message;
    };
    expect(message(log + span + span)).toBe("OpenTelemetry JS console exporters' output (ConsoleLogRecordExporter, ConsoleSpanExporter): log records and spans (`util.inspect` of each record, which is not JSON): not read; export the log records and spans with the OTLP exporters (to a Collector's file exporter), or print them as JSON");
    expect(message(span + log)).toMatch(/^OpenTelemetry JS console exporters' output \(ConsoleSpanExporter, ConsoleLogRecordExporter\): spans and log records /);
    expect(message(log)).toBe("OpenTelemetry JS ConsoleLogRecordExporter output: log records (`util.inspect` of each log record, which is not JSON): not read; export the log records with the OTLP exporter (to a Collector's file exporter), or print them as JSON");
    expect(message(metric + metric)).toBe("OpenTelemetry JS ConsoleMetricExporter output: metrics (`util.inspect` of each metric, which is not JSON): not read; export the metrics with the OTLP exporter (to a Collector's file exporter), or print them as JSON");
    expect(message(metric + span + log)).toMatch(/^OpenTelemetry JS console exporters' output \(ConsoleMetricExporter, ConsoleSpanExporter, ConsoleLogRecordExporter\): metrics, spans and log records /);
  });

  it("OpenTelemetry Java's LoggingSpanExporter / LoggingMetricExporter (through java.util.logging) are named, not read as log records", () => {
    // opentelemetry-exporter-logging 1.66.0 on the JDK's SimpleFormatter (java/otel.stderr of probe S24, shortened)
    const src = (e: string) => `Nov 27, 2026 3:27:34 PM io.opentelemetry.exporter.logging.${e} export`;
    const spanLine = (id: string) => `INFO: 'SELECT orders' : aecf216ca7790fc0b9435751241434a1 ${id} CLIENT [tracer: probe.tracer:1.0] AttributesMap{data={db.system=postgresql}, capacity=128, totalAddedValues=1}`;
    const spans = [src('LoggingSpanExporter'), spanLine('fb61f3f4f857ea50'), src('LoggingSpanExporter'), spanLine('57c22a90e433ddba')];
    const metrics = [src('LoggingMetricExporter'), 'INFO: Received a collection of 1 metrics for export.', src('LoggingMetricExporter'), 'INFO: metric: ImmutableMetricData{resource=Resource{schemaUrl=null, attributes={service.name="checkout-java"}}, name=order.latency, type=HISTOGRAM}'];
    const message = (lines: string[]) => {
      const input = analyseText(lines.join('\n') + '\n', undefined, 'otel.stderr');
      expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
      return input.errors[0]!.message;
    };
    expect(message([...spans, ...metrics])).toBe("OpenTelemetry Java LoggingSpanExporter and LoggingMetricExporter output (spans and metrics logged through java.util.logging, one line each, without parent span ids, times or status): not read; export the spans and metrics with the OTLP exporters (to a Collector's file exporter, whose OTLP JSON is read)");
    expect(message(spans)).toMatch(/^OpenTelemetry Java LoggingSpanExporter output \(spans /);
    expect(message(metrics)).toMatch(/^OpenTelemetry Java LoggingMetricExporter output \(metrics /);
    // the application's own JUL records around a few exporter lines: still a log, the exporter's record skipped and said
    const app = (n: number) => [`Nov 27, 2026 3:27:3${n} PM com.example.Shop main`, `INFO: order ${n} placed`];
    const mixed = analyseText([...app(1), ...app(2), ...app(3), ...app(4), ...spans.slice(0, 2)].join('\n') + '\n', undefined, 'app.log');
    expect([mixed.format, mixed.records, mixed.errors.map((e) => [e.code, e.line])]).toEqual(['text-logs', 4, [['unsupported', 9]]]);
    // stdout and stderr of one program in one file: the SystemOutLogRecordExporter's log records are
    // not lost with the exporter lines, however many those are (4 records, then 10 spans in 20 lines, skipped in one error)
    const sysout = (n: number) => `2026-11-27T15:27:34.${n}Z INFO 'querying orders for customer ${n}' : aecf216ca7790fc0b9435751241434a1 fb61f3f4f857ea50 [scopeInfo: probe.logger:] {customer.id=${n}}`;
    const both = analyseText([sysout(1), sysout(2), sysout(3), sysout(4), ...spans, ...spans, ...spans, ...spans, ...spans].join('\n') + '\n', undefined, 'otel-combined.txt');
    expect([both.format, both.records, both.errors.map((e) => [e.code, e.line])]).toEqual(['text-logs', 4, [['unsupported', 5]]]);
    expect(both.errors[0]!.message).toMatch(/^20 lines are OpenTelemetry Java LoggingSpanExporter output \(10 spans logged through java\.util\.logging, .*skipped \(the first at this line, the last beginning at line 23 /);
  });

  it('JSON logs that carry one of those field names stay logs', () => {
    expect(sniff('{"time":"2024-01-10T12:00:00Z","level":"info","msg":"span done","trace.span_id":"s1","trace.trace_id":"t1"}\n{"time":"2024-01-10T12:00:01Z","level":"info","msg":"ok"}\n').spec?.id).toBe('jsonl-logs');
    expect(sniff('{"metadata":{"source":"app"},"time":"2024-01-10T12:00:00Z","msg":"x"}\n{"time":"2024-01-10T12:00:01Z","msg":"y"}\n').spec?.id).toBe('jsonl-logs');
  });
});
