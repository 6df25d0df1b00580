// Regressions from the log-import sweep: shapes real libraries write (sources cited per test).
// Expected values are read off the input lines by hand.
import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { jsonLogs } from '../../../../analyzers/importers/json-logs/index.js';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('jsonl-logs: a field named by its whole path beats a nested namesake', () => {
  // pino `logger.error({ err }, 'db query failed')` (pino docs, "err" serializer): the
  // message is `msg`; `err.message` is the error's own text.
  const text = [
    '{"level":50,"time":1700000000456,"pid":4321,"hostname":"web-1","err":{"type":"Error","message":"connect ECONNREFUSED","stack":"Error: connect ECONNREFUSED"},"msg":"db query failed"}',
    '{"level":30,"time":1700000000456,"event":{"timestamp":"2001-01-01T00:00:00Z"},"msg":"nested timestamp"}',
    '',
  ].join('\n');

  it('body is the top-level msg, time the top-level time', () => {
    const r = decodeText(jsonlLogs, text);
    const [a, b] = logs(r);
    expect(r.errors).toEqual([]);
    expect(a!.body).toBe('db query failed');
    expect(a!.attributes['err']).toMatchObject({ message: 'connect ECONNREFUSED' });
    expect(a!.timeNs).toBe(1_700_000_000_456_000_000n);
    expect(b!.timeNs).toBe(1_700_000_000_456_000_000n); // not 2001 from event.timestamp
    expect(b!.attributes['event']).toEqual({ timestamp: '2001-01-01T00:00:00Z' });
    expectChunkingInvariant(jsonlLogs, enc(text));
  });

  it('a nested field still fills a role nothing at the top fills (tracing-subscriber fields.message)', () => {
    const r = decodeText(jsonlLogs, '{"timestamp":"2024-01-05T10:00:00Z","level":"INFO","fields":{"message":"hello"},"target":"app"}\n');
    expect(logs(r)[0]!.body).toBe('hello');
  });
});

describe('jsonl-logs: keys that are names of Object.prototype members', () => {
  it('`constructor`, `toString` and `hasOwnProperty` are plain attributes, no error', () => {
    const text = '{"msg":"m","level":"info","constructor":"c","toString":"t","hasOwnProperty":1}\n';
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r)[0]!.attributes).toEqual({ constructor: 'c', toString: 't', hasOwnProperty: 1 });
  });
});

describe('jsonl-logs: service version, logger and message names of real encoders', () => {
  it('filebeat/ECS: ecs.version and agent.version are not the service version; flat service.version is; log.logger is the scope', () => {
    const text = [
      // ecs-logging-java (flat dotted keys), as in its README sample
      '{"@timestamp":"2023-05-02T09:14:04.123Z","log.level":"info","message":"Handling request","ecs.version":"1.6.0","service.name":"checkout","service.version":"1.2.3","log.logger":"com.example.Checkout"}',
      // filebeat output (nested objects)
      '{"@timestamp":"2023-05-02T09:14:05.000Z","log":{"level":"ERROR","logger":"app"},"message":"failed","service":{"name":"checkout"},"ecs":{"version":"8.11.0"},"agent":{"type":"filebeat","version":"8.11.0"}}',
      '',
    ].join('\n');
    const [a, b] = logs(decodeText(jsonlLogs, text));
    expect(a!.resource.attributes['service.version']).toBe('1.2.3');
    expect(a!.scope?.name).toBe('com.example.Checkout');
    expect(b!.resource.attributes['service.version']).toBeUndefined();
    expect(b!.scope?.name).toBe('app');
    expectChunkingInvariant(jsonlLogs, enc(text));
  });

  it('Serilog compact JSON: absent @l is Information (serilog-formatting-compact README); SourceContext is the scope', () => {
    const text = [
      '{"@t":"2016-06-07T03:44:57.8532799Z","@mt":"Hello, {User}","User":"nblumhardt","SourceContext":"MyApp.Program"}',
      '{"@t":"2016-06-07T03:44:58.0000000Z","@m":"Hello, \\"nblumhardt\\"","@i":"7a8b9c0d","User":"nblumhardt"}',
      '{"@t":"2016-06-07T03:44:59.0000000Z","@mt":"Failed","@l":"Error"}',
      '',
    ].join('\n');
    const r = logs(decodeText(jsonlLogs, text));
    expect(r.map((x) => x.severityNumber)).toEqual([9, 9, 17]);
    expect(r[0]!.scope?.name).toBe('MyApp.Program');
    expect(r[1]!.body).toBe('Hello, "nblumhardt"');
  });

  it('Serilog JsonFormatter: RenderedMessage, else MessageTemplate, is the body (not the whole record)', () => {
    const text = [
      '{"Timestamp":"2016-06-07T13:44:57.8532799+10:00","Level":"Information","MessageTemplate":"Hello, {@User}","Properties":{"User":{"Name":"n"},"SourceContext":"MyApp.Svc"}}',
      '{"Timestamp":"2016-06-07T13:44:58.0000000+10:00","Level":"Error","MessageTemplate":"Failed {N}","RenderedMessage":"Failed 3","Properties":{"N":3}}',
      '',
    ].join('\n');
    const r = logs(decodeText(jsonlLogs, text));
    expect(r.map((x) => x.body)).toEqual(['Hello, {@User}', 'Failed 3']);
    expect(r[0]!.scope?.name).toBe('MyApp.Svc');
  });
});

describe('a year-less timestamp inside an envelope with an exact time takes the envelope\'s', () => {
  // klog header `I1006 00:17:10.000000 1 main.go:10]` has month and day only (k8s.io/klog), and no
  // zone; the kubelet's CRI line and docker's json-file entry say the full, zoned time, which is
  // the record's. 2019-10-06 is years before any run of this test, so inferring the year from
  // "now" would give another year.
  const klogNs = 1_570_321_030_000_000_000n; // 2019-10-06T00:17:10Z (python: calendar.timegm((2019,10,6,0,17,10)))

  it('docker json-file entry', () => {
    const text = '{"log":"I1006 00:17:10.000000       1 main.go:10] klog in docker\\n","stream":"stderr","time":"2019-10-06T00:17:10.000000001Z"}\n';
    const [r] = logs(decodeText(jsonlLogs, text));
    expect(r!.timeNs).toBe(klogNs + 1n);
    expect([r!.timeWithoutYear, r!.timeWithoutZone]).toEqual([undefined, undefined]);
    expect(r!.observedTimeNs).toBe(klogNs + 1n);
  });

  it('CRI line (text-logs)', () => {
    const text = '2019-10-06T00:17:10.000000001Z stderr F I1006 00:17:10.000000       1 main.go:10] klog in cri\n';
    const [r] = logs(decodeText(textLogs, text));
    expect(r!.timeNs).toBe(klogNs + 1n);
    expect([r!.timeWithoutYear, r!.timeWithoutZone]).toEqual([undefined, undefined]);
  });

  it('logcli jsonl line and Loki query_range value', () => {
    const line = 'Oct  6 00:17:10 host sshd[1]: Accepted publickey';
    const logcli = `{"labels":{"job":"varlogs"},"line":${JSON.stringify(line)},"timestamp":"2019-10-06T00:17:10Z"}\n`;
    expect(logs(decodeText(jsonlLogs, logcli))[0]!.timeNs).toBe(klogNs);
    const loki = JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: { job: 'varlogs' }, values: [['1570321030000000000', line]] }] } });
    expect(logs(decodeText(jsonLogs, loki))[0]!.timeNs).toBe(klogNs);
  });

  it('CloudWatch Logs event (json-logs)', () => {
    const cw = JSON.stringify({ events: [{ logStreamName: 's', timestamp: 1570321030000, message: 'Oct  6 00:17:10 host app: hi', ingestionTime: 1570321031000, eventId: '1' }] });
    expect(logs(decodeText(jsonLogs, cw))[0]!.timeNs).toBe(klogNs);
  });
});

describe('csv-logs: Grafana inspector CSV of a Loki query (frame fields labels, Time, Line, tsNs, id — grafana/grafana public/app/plugins/datasource/loki)', () => {
  it('the exact tsNs column is the time, not the zone-less Time', () => {
    const text = [
      '"labels","Time","Line","tsNs","id"',
      '"{""app"":""api""}",2024-01-05 10:00:00.123,"level=error msg=""db down""",1704448800123456789,1704448800123456789_abc',
      '',
    ].join('\r\n');
    const r = decodeText(csvLogs, text);
    const [a] = logs(r);
    expect(r.progress.records).toBe(1);
    expect(a!.timeNs).toBe(1_704_448_800_123_456_789n);
    expect(a!.timeWithoutZone).toBeUndefined();
    expectChunkingInvariant(csvLogs, enc(text));
  });
});

describe('jsonl-logs: docker lines as fluent-bit forwards them (kubernetes filter metadata beside log/stream/time)', () => {
  // fluent-bit's kubernetes filter adds `kubernetes: {pod_name, namespace_name, container_name, …}`
  // to the docker record (docs.fluentbit.io, Filters → Kubernetes); its tail input may add `date`.
  const text = [
    '{"log":"2024-01-05T10:00:00.123Z INFO  starting\\n","stream":"stdout","time":"2024-01-05T10:00:00.123456789Z","kubernetes":{"pod_name":"api-7d9f8c6b5d-x2k4p","namespace_name":"prod","container_name":"api"}}',
    '{"date":1704448801.123,"log":"{\\"level\\":\\"error\\",\\"msg\\":\\"boom\\"}","stream":"stderr","time":"2024-01-05T10:00:01.123456789Z","kubernetes":{"pod_name":"api-7d9f8c6b5d-x2k4p","namespace_name":"prod","container_name":"api"}}',
    '{"log":"x","stream":"stdout","msg":"own message","level":"warn"}',
    '',
  ].join('\n');

  it('the log text is the record and the kubernetes metadata its resource', () => {
    const r = decodeText(jsonlLogs, text);
    const [a, b, c] = logs(r);
    expect(r.errors).toEqual([]);
    for (const x of [a!, b!]) {
      expect(x.resource.serviceName).toBe('api'); // from the Deployment pod name
      expect(x.resource.attributes['k8s.namespace.name']).toBe('prod');
    }
    expect(a!.body).toBe('2024-01-05T10:00:00.123Z INFO  starting');
    expect(b!.body).toBe('boom');
    expect(b!.severityNumber).toBe(17);
    expect(b!.attributes['log.iostream']).toBe('stderr');
    // a record with its own message field is not a docker line
    expect(c!.body).toBe('own message');
    expect(c!.severityNumber).toBe(13);
    expectChunkingInvariant(jsonlLogs, enc(text));
  });

  it('a level and trace id a parser put beside the line fill what the line lacks', () => {
    const line = '{"log":"plain text\\n","stream":"stdout","time":"2024-01-05T10:00:00Z","level":"warn","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","kubernetes":{"pod_name":"api-7d9f8c6b5d-x2k4p"}}\n';
    const [r] = logs(decodeText(jsonlLogs, line));
    expect(r!.body).toBe('plain text');
    expect(r!.severityNumber).toBe(13);
    expect(r!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(r!.resource.serviceName).toBe('api');
  });
});

describe('csv-logs: columns named like a message beside the message column stay attributes', () => {
  // CloudWatch Logs Insights console, "Export results → Download table (CSV)": @timestamp, @message, @logStream, @log
  it('@log (the log group) is kept, not swallowed as a second message', () => {
    const text = [
      '@timestamp,@message,@logStream,@log,msg',
      '2024-01-05 10:00:00.123,"{""level"":""error"",""message"":""boom""}",2024/01/05/[$LATEST]abc,123456789012:/aws/lambda/orders,extra',
      '',
    ].join('\n');
    const r = decodeText(csvLogs, text);
    const [a] = logs(r);
    expect(r.errors).toEqual([]);
    expect(a!.body).toBe('boom');
    expect(a!.attributes['@log']).toBe('123456789012:/aws/lambda/orders');
    expect(a!.attributes['msg']).toBe('extra');
  });
});

describe('timestamps that are no instant are reported, not rolled over', () => {
  it('30 February and a +25:00 offset are invalid-timestamp; 29 February 2024 is read; an empty time or level is no error', () => {
    const text = [
      '{"time":"2024-02-30T10:00:00Z","msg":"feb 30"}',
      '{"time":"2024-01-05T10:00:00+25:00","msg":"bad offset"}',
      '{"time":"2024-02-29T10:00:00Z","msg":"leap day"}',
      '{"time":"","level":"","msg":"blank"}',
      '',
    ].join('\n');
    const r = decodeText(jsonlLogs, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-timestamp', 1], ['invalid-timestamp', 2]]);
    const recs = logs(r);
    expect(recs.map((x) => x.timeNs)).toEqual([undefined, undefined, 1_709_200_800_000_000_000n, undefined]); // python: calendar.timegm((2024,2,29,10,0,0))
  });
});

describe('json-logs: Datadog Logs API v2 response (GET /api/v2/logs/events; datadog-api-client LogAttributes)', () => {
  const text = JSON.stringify({
    data: [
      {
        id: 'AQAAAYzabc',
        type: 'log',
        attributes: {
          timestamp: '2024-01-05T10:00:00.123Z', status: 'error', service: 'web-store', host: 'i-0123', message: 'Payment failed',
          tags: ['env:prod', 'version:1.2'], attributes: { dd: { trace_id: '5049389765587424453', span_id: '123' }, http: { status_code: 500 } },
        },
      },
      { id: 'AQAAAYzdef', type: 'log', attributes: { timestamp: '2024-01-05T10:00:01Z', status: 'info', service: 'web-store', message: 'ok', attributes: {} } },
      { id: 'bad', type: 'log' },
    ],
    links: { next: 'https://api.datadoghq.com/api/v2/logs/events?page[cursor]=x' },
    meta: { page: { after: 'x' }, status: 'done', elapsed: 12 },
  }, null, 2);

  it('is sniffed as json-logs (not prom-api) and each data element is a record', () => {
    expect(sniffFormat(makeSniffInput(enc(text), true)).spec?.id).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    expect(r.progress).toMatchObject({ records: 2, rejected: 1 });
    // (and its next page — meta.page.after, links.next — makes it an incomplete export, said once)
    expect(r.errors.map((e) => e.code)).toEqual(['missing-field', 'invalid-record']);
    const [a, b] = logs(r);
    expect(a!.body).toBe('Payment failed');
    expect(a!.severityNumber).toBe(17);
    expect(a!.timeNs).toBe(1_704_448_800_123_000_000n);
    expect(a!.resource.serviceName).toBe('web-store');
    expect(a!.resource.attributes['deployment.environment']).toBe('prod');
    expect(a!.resource.attributes['service.version']).toBe('1.2');
    expect(a!.traceId).toBe('4613093d2e54d4c5'); // 5049389765587424453 = 0x4613093d2e54d4c5 (python: hex(...))
    expect(b!.severityNumber).toBe(9);
    expectChunkingInvariant(jsonLogs, enc(text));
  });
});

describe('json-logs: CloudWatch Logs subscription payloads (Firehose → S3 writes them back to back)', () => {
  // Shape: AWS Lambda Powertools CloudWatchLogsEvent schema / AWS "Using CloudWatch Logs subscription filters":
  // {messageType, owner, logGroup, logStream, subscriptionFilters, logEvents:[{id, timestamp, message}]};
  // CONTROL_MESSAGE payloads are reachability checks without log events.
  const data = { messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/orders', logStream: '2024/01/05/[$LATEST]abc', subscriptionFilters: ['to-firehose'], logEvents: [
    { id: '37969263385626382818138475069290234071548722155454300160', timestamp: 1704448800123, message: '{"level":"error","msg":"boom"}' },
    { id: '37969263385626382818138475069290234071548722155454300161', timestamp: 1704448800124, message: 'plain' },
  ] };
  const control = { messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [
    { id: '', timestamp: 1704448800125, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' },
  ] };
  const text = JSON.stringify(data) + JSON.stringify(control) + JSON.stringify(data);

  it('each data event is a record with its group, stream and account; control messages are none', () => {
    expect(sniffFormat(makeSniffInput(enc(text), true)).spec?.id).toBe('json-logs');
    const r = decodeText(jsonLogs, text);
    expect(r.errors).toEqual([]);
    expect(r.progress).toMatchObject({ records: 4, rejected: 0 }); // 2 events × 2 data payloads
    const [a, b] = logs(r);
    expect(a!.body).toBe('boom');
    expect(a!.severityNumber).toBe(17);
    expect(b!.timeNs).toBe(1_704_448_800_124_000_000n);
    expect(a!.resource.attributes['aws.log.group.names']).toEqual(['/aws/lambda/orders']);
    expect(a!.resource.attributes['cloud.account.id']).toBe('123456789012');
    expect(a!.attributes['log.record.uid']).toBe('37969263385626382818138475069290234071548722155454300160');
    expectChunkingInvariant(jsonLogs, enc(text));
  });
});

describe('jsonl-logs: filebeat/Vector records around an unparsed line', () => {
  // filebeat output (file/Kafka/Logstash): @metadata.beat, agent.type "filebeat", message = the raw line read
  const text = [
    '{"@timestamp":"2024-01-05T10:00:00.500Z","@metadata":{"beat":"filebeat","type":"_doc","version":"8.11.0"},"log":{"offset":0,"file":{"path":"/var/log/app/app.log"}},"message":"2024-01-05T10:00:00.123Z ERROR [main] c.e.App - failed to connect","input":{"type":"filestream"},"ecs":{"version":"8.0.0"},"host":{"name":"web-1"},"agent":{"type":"filebeat","version":"8.11.0"}}',
    '{"@timestamp":"2024-01-05T10:00:01.500Z","@metadata":{"beat":"filebeat","type":"_doc","version":"8.11.0"},"message":"{\\"level\\":\\"warn\\",\\"msg\\":\\"json line\\",\\"trace_id\\":\\"4bf92f3577b34da6a3ce929d0e0e4736\\"}","host":{"name":"web-1"},"agent":{"type":"filebeat"}}',
    // Vector's file source (vector.dev docs, file source output): file, host, message, source_type, timestamp
    '{"file":"/var/log/app.log","host":"web-2","message":"WARN disk almost full","source_type":"file","timestamp":"2024-01-05T10:00:02Z"}',
    // an ECS record that has its own level is left as it is
    '{"@timestamp":"2024-01-05T10:00:03Z","log.level":"info","message":"ERROR is only a word here","agent":{"type":"filebeat"}}',
    '',
  ].join('\n');

  it('the line inside gives level, message, trace and event time; the shipper\'s time is the observed time', () => {
    const r = decodeText(jsonlLogs, text);
    const [a, b, c, d] = logs(r);
    expect(r.errors).toEqual([]);
    expect(a!.severityNumber).toBe(17);
    expect(a!.timeNs).toBe(1_704_448_800_123_000_000n);
    expect(a!.observedTimeNs).toBe(1_704_448_800_500_000_000n);
    expect(a!.resource.attributes['host.name']).toBe('web-1');
    expect(b!.body).toBe('json line');
    expect(b!.severityNumber).toBe(13);
    expect(b!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(c!.severityNumber).toBe(13);
    expect(c!.body).toBe('WARN disk almost full');
    expect(d!.severityNumber).toBe(9);
    expect(d!.body).toBe('ERROR is only a word here');
    expectChunkingInvariant(jsonlLogs, enc(text));
  });
});

describe('shipper records count as structured only when the line they carry is, or a parser added fields', () => {
  const lines = [
    // filebeat around a text line, and around a JSON line (as above)
    '{"@timestamp":"2024-01-05T10:00:00.500Z","@metadata":{"beat":"filebeat","type":"_doc","version":"8.11.0"},"log":{"offset":0,"file":{"path":"/var/log/app/app.log"}},"message":"2024-01-05T10:00:00.123Z ERROR [main] c.e.App - failed to connect","input":{"type":"filestream"},"ecs":{"version":"8.0.0"},"host":{"name":"web-1"},"agent":{"type":"filebeat","version":"8.11.0"}}',
    '{"@timestamp":"2024-01-05T10:00:01.500Z","@metadata":{"beat":"filebeat"},"message":"{\\"level\\":\\"warn\\",\\"msg\\":\\"json line\\"}","host":{"name":"web-1"},"agent":{"type":"filebeat"}}',
    // filebeat with add_kubernetes_metadata, around a logfmt line
    '{"@timestamp":"2024-01-05T10:00:02Z","agent":{"type":"filebeat"},"kubernetes":{"pod":{"name":"api-7d9f8b6c5-x2x9z"},"namespace":"prod"},"container":{"id":"abc"},"stream":"stdout","message":"level=info msg=\\"served\\" status=200"}',
    // Vector's kubernetes_logs source around a text line
    '{"file":"/var/log/pods/p/c/0.log","kubernetes":{"pod_name":"web-1"},"message":"GET /health 200","source_type":"kubernetes_logs","stream":"stdout","timestamp":"2024-01-05T10:00:03Z"}',
    // the nginx module's ingest pipeline parsed the line: http, url and source are the application's fields
    '{"@timestamp":"2024-01-05T10:00:04Z","agent":{"type":"filebeat"},"message":"10.0.0.1 - - [05/Jan/2024:10:00:04 +0000] \\"GET / HTTP/1.1\\" 200 612","http":{"response":{"status_code":200},"request":{"method":"GET"}},"url":{"original":"/"},"source":{"address":"10.0.0.1"}}',
    '',
  ];
  const text = lines.join('\n');

  it('JSON Lines: text lines are unstructured; JSON, logfmt and parsed records are structured', () => {
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => x.structured)).toEqual([false, true, true, false, true]);
    expectChunkingInvariant(jsonlLogs, enc(text));
  });

  it('the same documents as a JSON array, and as Elasticsearch hits, read the same', () => {
    const docs = lines.filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs(decodeText(jsonLogs, JSON.stringify(docs))).map((x) => x.structured)).toEqual([false, true, true, false, true]);
    const hits = { hits: { total: { value: docs.length }, hits: docs.map((d, i) => ({ _index: 'filebeat-8', _id: String(i), _source: d })) } };
    expect(logs(decodeText(jsonLogs, JSON.stringify(hits))).map((x) => x.structured)).toEqual([false, true, true, false, true]);
  });
});

describe('json-logs: Grafana Explore "Download logs → JSON" (logRowsToReadableJson: line, timestamp ns, date, fields)', () => {
  const text = JSON.stringify([
    { line: 'level=error msg="db down" traceID=4bf92f3577b34da6a3ce929d0e0e4736', timestamp: '1704448800123456789', date: '2024-01-05T10:00:00.123Z', fields: { app: 'api', namespace: 'prod' } },
    { line: '{"level":"info","msg":"ok"}', timestamp: '1704448801000000000', date: '2024-01-05T10:00:01.000Z', fields: { app: 'web' } },
  ], null, 2);

  it('each row is the Loki entry it shows', () => {
    const r = decodeText(jsonLogs, text);
    const [a, b] = logs(r);
    expect(r.errors).toEqual([]);
    expect(a!.body).toBe('db down');
    expect(a!.severityNumber).toBe(17);
    expect(a!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(a!.timeNs).toBe(1_704_448_800_123_456_789n);
    expect(a!.resource.serviceName).toBe('api');
    expect(b!.body).toBe('ok');
    expect(b!.resource.serviceName).toBe('web');
    expectChunkingInvariant(jsonLogs, enc(text));
  });
});

describe('json-logs: Google Cloud Logging entries (gcloud logging read --format=json)', () => {
  // LogEntry fields as the Cloud Logging API documents them: textPayload or jsonPayload, severity,
  // timestamp, resource.labels, trace "projects/<p>/traces/<id>", spanId.
  const entries = [
    { insertId: 'a1', jsonPayload: { message: 'payment failed', orderId: 'o-1' }, logName: 'projects/p/logs/stdout', resource: { type: 'k8s_container', labels: { container_name: 'payment', namespace_name: 'shop', pod_name: 'payment-7d9f8b6c5-x2x9z' } }, severity: 'ERROR', timestamp: '2024-01-05T10:00:00.123Z', trace: 'projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' },
    { insertId: 'a2', textPayload: 'GET /health 200', logName: 'projects/p/logs/stdout', resource: { type: 'k8s_container', labels: { container_name: 'frontend' } }, severity: 'INFO', timestamp: '2024-01-05T10:00:01Z' },
    { insertId: 'a3', textPayload: '{"level":"warn","msg":"slow"}', logName: 'projects/p/logs/stdout', resource: { type: 'k8s_container', labels: { container_name: 'frontend' } }, severity: 'INFO', timestamp: '2024-01-05T10:00:02Z' },
  ];

  it('a textPayload line the agent read raw is as structured as the line; a jsonPayload entry is structured', () => {
    const r = decodeText(jsonLogs, JSON.stringify(entries, null, 2));
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.structured, x.severityNumber, x.resource.serviceName])).toEqual([
      [true, 17, 'payment'],
      [false, 9, 'frontend'],
      [true, 9, 'frontend'],
    ]);
    expect([recs[0]!.traceId, recs[0]!.spanId]).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7']);
    // The same entries one a line.
    expect(logs(decodeText(jsonlLogs, entries.map((e) => JSON.stringify(e)).join('\n') + '\n')).map((x) => x.structured)).toEqual([true, false, true]);
  });
});
