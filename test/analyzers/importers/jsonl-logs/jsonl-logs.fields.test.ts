import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { normalizeId } from '../../../../analyzers/importers/jsonl-logs/ids.js';
import { severityFromNumber, severityFromText } from '../../../../analyzers/importers/jsonl-logs/severity.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decodeText, logs } from './log-test-helpers.js';

const sniffedFormatOf = (text: string): string | undefined => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;

describe('severity mapping (OTel log data model)', () => {
  it('text levels', () => {
    const table: [string, number | undefined][] = [
      ['TRACE', 1], ['debug', 5], ['Info', 9], ['notice', 10], ['WARN', 13], ['warning', 13], ['ERROR', 17], ['err', 17],
      // syslog's crit, alert, emerg as the OTel log data model's appendix B maps them (ERROR2 18, ERROR3 19,
      // FATAL 21); CRITICAL in full is Python's and .NET's top level (LogLevel.Critical → FATAL 21)
      ['crit', 18], ['CRITICAL', 21], ['FATAL', 21], ['alert', 19], ['EMERG', 21], ['DEBUG2', 6], ['DEBUG5', 8], ['STATS', undefined],
    ];
    for (const [text, n] of table) expect(severityFromText(text), text).toBe(n);
  });
  it('bunyan/pino numeric levels 10–60 and journald PRIORITY 0–7', () => {
    expect([10, 20, 30, 40, 50, 60].map((v) => severityFromNumber(v, 'bunyan')?.number)).toEqual([1, 5, 9, 13, 17, 21]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((v) => severityFromNumber(v, 'syslog')?.number)).toEqual([21, 19, 18, 17, 13, 10, 9, 5]); // appendix B's syslog column
    expect(severityFromNumber(8, 'syslog')).toBeUndefined();
  });
});

describe('trace id normalisation', () => {
  it('reads hex, UUID, traceparent, GCP, X-Ray, Datadog decimal and base64 forms', () => {
    expect(normalizeId('5B8AA5A2D2C872E8321CF37308D69DF2', 'trace').id).toBe('5b8aa5a2d2c872e8321cf37308d69df2');
    expect(normalizeId('5b8aa5a2-d2c8-72e8-321c-f37308d69df2', 'trace').id).toBe('5b8aa5a2d2c872e8321cf37308d69df2');
    expect(normalizeId('00-5b8aa5a2d2c872e8321cf37308d69df2-051581bf3cb55c13-01', 'span').id).toBe('051581bf3cb55c13');
    expect(normalizeId('projects/p1/traces/5b8aa5a2d2c872e8321cf37308d69df2', 'trace').id).toBe('5b8aa5a2d2c872e8321cf37308d69df2');
    expect(normalizeId('1-5759e988-bd862e3fe1be46a994272793', 'trace').id).toBe('5759e988bd862e3fe1be46a994272793');
    // 5049389765587424453 = 0x4613093d2e54d4c5 (python: hex(5049389765587424453))
    expect(normalizeId('5049389765587424453', 'trace', true).id).toBe('4613093d2e54d4c5');
    // base64 of bytes 01..10 (python: base64.b64encode(bytes(range(1,17))))
    expect(normalizeId('AQIDBAUGBwgJCgsMDQ4PEA==', 'trace').id).toBe('0102030405060708090a0b0c0d0e0f10');
    expect(normalizeId('00000000000000000000000000000000', 'trace')).toEqual({});
    expect(normalizeId('not-an-id!', 'trace').invalid).toBe(true);
    // base64 without padding only with the look of random bytes: 8 bytes 0x0c…05 (python:
    // base64.b64encode(bytes([12,52,86,120,154,188,222,5])).rstrip(b'=')) is an id; 11-letter words are not
    expect(normalizeId('DDRWeJq83gU', 'span').id).toBe('0c3456789abcde05');
    expect(normalizeId('DDRWeJq83gU=', 'span').id).toBe('0c3456789abcde05');
    for (const word of ['hello-world', 'abcdefghijk', 'xxxxxxxxxxx']) expect(normalizeId(word, 'trace').invalid, word).toBe(true);
    // OpenTelemetry Python prints ids `0x`-prefixed (console exporters, LoggingHandler's otelTraceID is bare)
    expect(normalizeId('0x5b8aa5a2d2c872e8321cf37308d69df2', 'trace').id).toBe('5b8aa5a2d2c872e8321cf37308d69df2');
    expect(normalizeId('0x051581BF3CB55C13', 'span').id).toBe('051581bf3cb55c13');
    expect(normalizeId('0x123', 'span').invalid).toBe(true);
  });

  it('finds trace ids wherever they sit', () => {
    const lines = [
      '{"msg":"a","trace.id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}',
      '{"msg":"b","trace":{"id":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}',
      '{"msg":"c","traceId":"CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"}',
      '{"msg":"d","dd":{"trace_id":"5049389765587424453"}}',
      '{"msg":"e","otelTraceID":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"}',
      '{"message":"f","logging.googleapis.com/trace":"projects/x/traces/ffffffffffffffffffffffffffffffff"}',
      '{"msg":"g","attributes":{"trace_id":"99999999999999999999999999999999"}}',
      '{"msg":"h","dd.trace_id":"1"}',
    ];
    const recs = logs(decodeText(jsonlLogs, lines.join('\n')));
    expect(recs.map((r) => r.traceId)).toEqual([
      'a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32), '4613093d2e54d4c5', 'e'.repeat(32), 'f'.repeat(32), '9'.repeat(32), '0000000000000001',
    ]);
  });
});

describe('JSON lines each ended by a NUL (a sender that NUL-terminates its messages)', () => {
  it('are found and read as JSON lines: the NUL before the line end is no content', () => {
    const text = '{"time":"2024-01-01T00:00:00Z","level":"info","msg":"a"}\0\n{"time":"2024-01-01T00:00:01Z","level":"warn","msg":"b"}\0\n';
    expect(sniffedFormatOf(text)).toBe('jsonl-logs');
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.severityNumber, x.body])).toEqual([[9, 'a'], [13, 'b']]);
  });
});

describe('a traceparent field', () => {
  it('gives the trace id and the span id (nginx `"traceparent":"$http_traceparent"`)', () => {
    const lines = [
      '{"time":"2026-11-27T15:20:01+00:00","status":"200","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}',
      // a plain trace id under a trace key gives no span id
      '{"time":"2026-11-27T15:20:02+00:00","status":"200","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}',
      // an explicit span id wins over the traceparent's
      '{"time":"2026-11-27T15:20:03+00:00","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","span_id":"1111111111111111"}',
    ];
    const recs = logs(decodeText(jsonlLogs, lines.join('\n')));
    expect(recs.map((r) => [r.traceId, r.spanId])).toEqual([
      ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'],
      ['4bf92f3577b34da6a3ce929d0e0e4736', undefined],
      ['4bf92f3577b34da6a3ce929d0e0e4736', '1111111111111111'],
    ]);
  });
});

describe('GELF (Graylog Extended Log Format) lines', () => {
  it('level is the syslog severity (0 emergency … 7 debug); additional _fields give the service and trace id', () => {
    // GELF 1.1 spec (go2docs.graylog.org): version, host, short_message, timestamp (s), level (syslog), _additional fields
    const text = [
      '{"version":"1.1","host":"web01","short_message":"payment failed","full_message":"payment failed\\nstack","timestamp":1700000000.123,"level":3,"_service":"checkout","_trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}',
      '{"version":"1.1","host":"web01","short_message":"ok","timestamp":1700000001.5,"level":6,"_service":"checkout"}',
      '{"version":"1.1","host":"web01","short_message":"verbose","timestamp":1700000002,"level":7}',
      // not GELF: a bunyan level stays on the bunyan scale
      '{"msg":"bunyan","level":30,"time":"2023-11-14T22:13:23Z"}',
    ].join('\n');
    const recs = logs(decodeText(jsonlLogs, text));
    expect(recs.map((r) => [r.severityNumber, r.severityText])).toEqual([[17, 'err'], [9, 'info'], [5, 'debug'], [9, 'info']]);
    expect(recs[0]!.body).toBe('payment failed');
    expect(recs[0]!.resource.serviceName).toBe('checkout');
    expect(recs[0]!.resource.attributes['host.name']).toBe('web01');
    expect(recs[0]!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(recs[0]!.timeNs).toBe(1_700_000_000_123_000_000n);
  });
});

describe('docker json-file lines', () => {
  it('the inner log text is the body; inner JSON is parsed; docker time is the observed time', () => {
    const text = [
      '{"log":"2023-01-30 11:51:46,123 ERROR [main] boom\\n","stream":"stderr","time":"2023-01-30T11:51:46.200Z"}',
      '{"log":"{\\"level\\":\\"warn\\",\\"msg\\":\\"inner\\",\\"trace_id\\":\\"0123456789abcdef0123456789abcdef\\"}\\n","stream":"stdout","time":"2023-01-30T11:51:47Z"}',
    ].join('\n');
    const [a, b] = logs(decodeText(jsonlLogs, text));
    expect(a!.body).toBe('2023-01-30 11:51:46,123 ERROR [main] boom');
    expect(a!.severityNumber).toBe(17);
    // the inner text's time has no zone (a local clock): docker's exact, zoned time is the record's
    expect(a!.timeNs).toBe(BigInt(Date.UTC(2023, 0, 30, 11, 51, 46, 200)) * 1_000_000n);
    expect(a!.timeWithoutZone).toBeUndefined();
    expect(a!.observedTimeNs).toBe(BigInt(Date.UTC(2023, 0, 30, 11, 51, 46, 200)) * 1_000_000n);
    expect(a!.attributes['log.iostream']).toBe('stderr');
    expect(b!.body).toBe('inner');
    expect(b!.severityNumber).toBe(13);
    expect(b!.traceId).toBe('0123456789abcdef0123456789abcdef');
    expect(b!.timeNs).toBe(BigInt(Date.UTC(2023, 0, 30, 11, 51, 47)) * 1_000_000n); // inner has no time: docker's
  });

  it('a line is a structured record only when it is JSON or logfmt itself; logfmt pairs are read', () => {
    // Docker's envelope (log, stream, time) is written by the runtime around whatever the app
    // printed: a free-text line stays free text (S-LOG-STRUCTURED), as it is in a plain log file.
    const text = [
      '{"log":"2023-01-30 11:51:46,123 ERROR [main] boom\\n","stream":"stderr","time":"2023-01-30T11:51:46.200Z"}',
      '{"log":"{\\"level\\":\\"warn\\",\\"msg\\":\\"inner\\"}\\n","stream":"stdout","time":"2023-01-30T11:51:47Z"}',
      '{"log":"time=\\"2023-01-30T11:51:48Z\\" level=error msg=\\"db down\\" trace_id=0123456789abcdef0123456789abcdef retries=3\\n","stream":"stdout","time":"2023-01-30T11:51:48.500Z"}',
      '{"log":"\\u001b[32mINFO\\u001b[0m colored text\\n","stream":"stdout","time":"2023-01-30T11:51:49Z"}',
      '{"level":"info","msg":"a JSON record of its own","time":"2023-01-30T11:51:50Z"}',
    ].join('\n');
    const recs = logs(decodeText(jsonlLogs, text));
    expect(recs.map((r) => r.structured)).toEqual([false, true, true, false, true]);
    const lf = recs[2]!;
    expect(lf.body).toBe('db down');
    expect(lf.severityNumber).toBe(17);
    expect(lf.traceId).toBe('0123456789abcdef0123456789abcdef');
    expect(lf.attributes['retries']).toBe('3');
    expect(lf.attributes['log.iostream']).toBe('stdout');
    expect(lf.timeNs).toBe(BigInt(Date.UTC(2023, 0, 30, 11, 51, 48)) * 1_000_000n); // the line's own time
    expect(lf.observedTimeNs).toBe(BigInt(Date.UTC(2023, 0, 30, 11, 51, 48, 500)) * 1_000_000n);
    expect(recs[3]!.body).toBe('INFO colored text'); // terminal colours are not part of the message
  });

  it('GCP Cloud Logging entries and Docker fluentd records: the container name is the service when nothing better names it', () => {
    const text = [
      // GCP GKE container log: resource.labels.container_name, trace as projects/…/traces/ID.
      '{"jsonPayload":{"message":"payment failed","level":"error"},"resource":{"type":"k8s_container","labels":{"container_name":"payment","namespace_name":"prod","pod_name":"payment-x"}},"timestamp":"2026-01-01T00:00:00Z","severity":"ERROR","trace":"projects/p/traces/5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}',
      // Docker's fluentd driver: container_name with its leading slash.
      '{"container_name":"/web-1","source":"stdout","log":"GET /health 200","time":"2026-01-01T00:00:01Z"}',
      // A real service field still wins over the container.
      '{"service":"checkout","container_name":"app","msg":"ok","time":"2026-01-01T00:00:02Z"}',
    ].join('\n');
    const [gcp, docker, svc] = logs(decodeText(jsonlLogs, text));
    expect(gcp!.resource.serviceName).toBe('payment');
    expect(gcp!.resource.attributes['k8s.namespace.name']).toBe('prod');
    expect(gcp!.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(gcp!.spanId).toBe('eee19b7ec3c1b174');
    expect(gcp!.severityNumber).toBe(17);
    expect(docker!.resource.serviceName).toBe('web-1');
    expect(svc!.resource.serviceName).toBe('checkout');
  });
});

describe('odd values', () => {
  it('a __proto__ key stays an attribute; absurd epochs are invalid-timestamp', () => {
    const r = decodeText(jsonlLogs, '{"msg":"a","__proto__":{"polluted":true},"time":1e300}\n');
    const [rec] = logs(r);
    expect(Object.getPrototypeOf(rec!.attributes)).toBe(Object.prototype);
    expect(Object.keys(rec!.attributes)).toContain('__proto__');
    expect(rec!.timeNs).toBeUndefined();
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-timestamp']);
  });
});

describe('jsonl-logs: Splunk export lines', () => {
  it('reads the event in `result` (_raw text or JSON, _time, host, source…); a line without a result is no record', () => {
    // Splunk's export endpoint / "Export results → JSON": one {"preview":…,"result":{…}} a line.
    const lines = [
      { preview: false, offset: 0, result: { _raw: '2024-01-01 00:00:00,123 ERROR [main] payment failed', _time: '2024-01-01T00:00:00.123+00:00', host: 'web-1', source: '/var/log/app.log', sourcetype: 'log4j', index: 'main', _serial: '0', splunk_server: 's1', user: 'u1' } },
      { preview: false, offset: 1, lastrow: true, result: { _raw: '{"level":"info","msg":"ok","trace_id":"0af7651916cd43dd8448eb211c80319c"}', _time: '2024-01-01T01:00:01.000+01:00', host: 'web-1', sourcetype: '_json' } },
      { preview: false, lastrow: true },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    expect(sniffedFormatOf(text)).toBe('jsonl-logs');
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    // 2 events; the bare end marker (line 3) is not a log record (it was counted as one).
    expect(recs.map((x) => [x.body, x.severityNumber, x.timeNs, x.resource.attributes['host.name']])).toEqual([
      ['2024-01-01 00:00:00,123 ERROR [main] payment failed', 17, BigInt(Date.UTC(2024, 0, 1, 0, 0, 0, 123)) * 1_000_000n, 'web-1'],
      ['ok', 9, BigInt(Date.UTC(2024, 0, 1, 0, 0, 1)) * 1_000_000n, 'web-1'],
    ]);
    expect(recs[0]!.timeWithoutZone).toBeUndefined(); // _time has a zone; the text's own time has none
    expect(recs[0]!.attributes).toMatchObject({ 'splunk.source': '/var/log/app.log', 'splunk.sourcetype': 'log4j', 'splunk.index': 'main', user: 'u1' });
    expect(recs[1]!.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });
});

describe('jsonl-logs: one Elasticsearch hit a line (elasticdump)', () => {
  it('reads the _source as the record (service, level, time), index and id as attributes', () => {
    const text = [
      '{"_index":"logs-2024.01.01","_type":"_doc","_id":"a1","_score":1,"_source":{"@timestamp":"2024-01-01T00:00:00.000Z","message":"hello","log":{"level":"error"},"service":{"name":"api"}}}',
      '{"_index":"logs-2024.01.01","_id":"a2","_score":1,"_source":{"@timestamp":"2024-01-01T00:00:01.000Z","message":"world","log":{"level":"info"}}}',
    ].join('\n') + '\n';
    expect(sniffedFormatOf(text)).toBe('jsonl-logs');
    const recs = logs(decodeText(jsonlLogs, text));
    // The service sits two levels down (_source.service.name): it was not found, nor were _index/_id named.
    expect(recs.map((x) => [x.body, x.severityNumber, x.resource.serviceName, x.attributes['elasticsearch.index'], x.attributes['log.record.uid']])).toEqual([
      ['hello', 17, 'api', 'logs-2024.01.01', 'a1'],
      ['world', 9, undefined, 'logs-2024.01.01', 'a2'],
    ]);
  });
});

describe('jsonl-logs: OpenTelemetry Python logging instrumentation fields', () => {
  it('otelServiceName names the service, next to otelTraceID/otelSpanID', () => {
    const line = '{"timestamp":"2024-01-01T00:00:00Z","level":"WARNING","message":"py","otelTraceID":"0af7651916cd43dd8448eb211c80319c","otelSpanID":"b7ad6b7169203331","otelServiceName":"pysvc","otelTraceSampled":true}\n';
    const [rec] = logs(decodeText(jsonlLogs, line));
    expect([rec!.resource.serviceName, rec!.traceId, rec!.spanId, rec!.severityNumber]).toEqual(['pysvc', '0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 13]);
  });
});

describe('a null message field', () => {
  it('journalctl -o json writes MESSAGE: null for a message over its size limit: an empty body, not the whole entry', () => {
    const line = '{"__REALTIME_TIMESTAMP":"1704067200000000","MESSAGE":null,"PRIORITY":"3","_SYSTEMD_UNIT":"checkout.service","_HOSTNAME":"node-1"}\n';
    const [l] = logs(decodeText(jsonlLogs, line));
    expect(l!.body).toBe('');
    expect(l!.severityNumber).toBe(17);
    // Without any message field the record stays its own body.
    const [m] = logs(decodeText(jsonlLogs, '{"time":"2024-01-01T00:00:00Z","level":"info","user":"a"}\n'));
    expect(m!.body).toEqual({ time: '2024-01-01T00:00:00Z', level: 'info', user: 'a' });
  });
});

describe('a Docker Swarm task container', () => {
  it('names its service, not one service per task', async () => {
    const { jsonlLogs } = await import('../../../../analyzers/importers/jsonl-logs/index.js');
    const { decodeText, logs } = await import('./log-test-helpers.js');
    const text = ['PMP_DMZ_tsm_accessgate.1.lkuzbn9efs73p9gefzhbtxi2n', 'PMP_DMZ_tsm_accessgate.2.x0mdq1jfp3tvfahch8hrumgbd', 'web-1'].map((c, i) => JSON.stringify({ '@timestamp': `2024-01-10T12:00:0${i}Z`, message: 'x', container: { name: c } })).join('\n') + '\n';
    expect(logs(decodeText(jsonlLogs, text)).map((r) => r.resource.serviceName)).toEqual(['PMP_DMZ_tsm_accessgate', 'PMP_DMZ_tsm_accessgate', 'web-1']);
  });
});

describe('more JSON log shapes', () => {
  it("a Kubernetes audit event's time, loguru's nested level, klog JSON's verbosity and err, GCP's logging service", async () => {
    const { jsonlLogs } = await import('../../../../analyzers/importers/jsonl-logs/index.js');
    const { decodeText, logs } = await import('./log-test-helpers.js');
    const lines = [
      { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', stage: 'ResponseComplete', requestReceivedTimestamp: '2023-10-05T08:15:30.123456Z', stageTimestamp: '2023-10-05T08:15:30.200000Z', verb: 'get' },
      { text: 'boom\n', record: { level: { icon: '❌', name: 'ERROR', no: 40 }, message: 'boom', time: { repr: '2023-06-01 12:00:01.456000+00:00', timestamp: 1685620801.456 } } },
      { ts: 1580306777.04728, v: 4, msg: 'Pod status updated', pod: { name: 'nginx-1', namespace: 'default' } },
      { ts: 1580306777.04728, v: 0, msg: 'Back-off restarting failed container', err: 'CrashLoopBackOff', containerName: 'web' },
      { timestamp: '2023-06-14T17:03:18.123456Z', severity: 'NOTICE', protoPayload: { serviceName: 'run.googleapis.com' }, resource: { type: 'cloud_run_revision', labels: { service_name: 'checkout' } } },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n';
    const recs = logs(decodeText(jsonlLogs, lines));
    expect(recs[0]!.timeNs).toBe(1696493730123456000n);
    expect([recs[1]!.severityNumber, recs[1]!.severityText]).toEqual([17, 'ERROR']);
    expect([recs[2]!.severityNumber, recs[3]!.severityNumber]).toEqual([5, 17]);
    expect(recs[3]!.resource.serviceName).toBeUndefined();
    expect(recs[4]!.resource.serviceName).toBe('checkout');
  });
});

describe('a JSON line of too many members', () => {
  it('is refused before it is parsed (one coded error at its line); the lines around it are read', async () => {
    const { jsonlLogs } = await import('../../../../analyzers/importers/jsonl-logs/index.js');
    const { decodeText, logs } = await import('./log-test-helpers.js');
    const members = Array.from({ length: 150_000 }, (_, i) => `"k${i}":${i}`).join(',');
    const text = '{"msg":"before","level":"info"}\n{"msg":"huge",' + members + '}\n{"msg":"after","level":"info"}\n';
    const r = decodeText(jsonlLogs, text);
    expect(logs(r).map((x) => x.body)).toEqual(['before', 'after']);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['too-many-attributes', 2]]);
    expect(r.progress.rejected).toBe(1);
  });
});
