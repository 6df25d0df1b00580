import { describe, expect, it, vi } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

// JSON Lines (and logfmt) as common servers and logging libraries write them by default.
// Each file is read whole and in 1-, 7- and 4096-byte chunks.

function read(spec: FormatSpec, text: string) {
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

describe('Go slog levels between the four named ones (`WARN+2`, `DEBUG-2`)', () => {
  it('JSONHandler and TextHandler: the level is the OpenTelemetry bridge severity (slog level + 9)', () => {
    const json = read(jsonlLogs, [
      '{"time":"2024-01-10T12:00:00.123456789+01:00","level":"INFO","msg":"hello","count":3}',
      '{"time":"2024-01-10T12:00:02.123456789+01:00","level":"WARN+2","msg":"custom"}',
      '{"time":"2024-01-10T12:00:03.123456789+01:00","level":"DEBUG-2","msg":"chatty"}',
      '{"time":"2024-01-10T12:00:04.123456789+01:00","level":"ERROR+4","msg":"worse"}',
    ].join('\n') + '\n');
    expect(json.map((r) => [r.severityText, r.severityNumber])).toEqual([['INFO', 9], ['WARN+2', 15], ['DEBUG-2', 3], ['ERROR+4', 21]]);
    const text = read(logfmt, 'time=2024-01-10T12:00:00.123+01:00 level=DEBUG+2 msg=custom\n');
    expect(text[0]!.severityNumber).toBe(7);
  });
});

describe('MongoDB 4.4+ structured log', () => {
  const MONGO = [
    '{"t":{"$date":"2024-01-10T12:00:00.123+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}',
    '{"t":{"$date":"2024-01-10T12:00:01.456+00:00"},"s":"W",  "c":"CONTROL",  "id":22120,   "ctx":"initandlisten","msg":"Access control is not enabled for the database","tags":["startupWarnings"]}',
    '{"t":{"$date":"2024-01-10T12:00:02.789+00:00"},"s":"E",  "c":"STORAGE",  "id":22435,   "ctx":"initandlisten","msg":"WiredTiger error message","attr":{"error":13,"message":"Permission denied"}}',
    '{"t":{"$date":"2024-01-10T12:00:03.000+00:00"},"s":"F",  "c":"CONTROL",  "id":20573,   "ctx":"initandlisten","msg":"Wrong mongod version","attr":{"error":"UPGRADE_PROBLEM"}}',
    '{"t":{"$date":"2024-01-10T12:00:04.000+00:00"},"s":"D1", "c":"COMMAND",  "id":21962,   "ctx":"conn1","msg":"Assertion while executing command","attr":{"command":"find"}}',
    '{"t":{"$date":"2024-01-10T12:00:05.000+00:00"},"s":"D5", "c":"COMMAND",  "id":21963,   "ctx":"conn1","msg":"detail"}',
  ].join('\n') + '\n';

  it('`s` is the severity, `c` the component (the scope), `msg` the body', () => {
    const recs = read(jsonlLogs, MONGO);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['I', 9], ['W', 13], ['E', 17], ['F', 21], ['D1', 8], ['D5', 5]]);
    expect(recs.map((r) => r.scope?.name)).toEqual(['NETWORK', 'CONTROL', 'STORAGE', 'CONTROL', 'COMMAND', 'COMMAND']);
    expect(recs[0]!.body).toBe('Waiting for connections');
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2024, 0, 10, 12, 0, 0, 123)) * 1_000_000n);
    expect(recs[0]!.attributes['s']).toBeUndefined();
    expect(recs[0]!.attributes['ctx']).toBe('listener');
  });
});

describe('text inside a docker json-file line', () => {
  it("keeps the logger the text layout names (Spring Boot's `logger : message`) as the scope", () => {
    const line = JSON.stringify({ log: '2024-01-10 12:00:00.123  INFO 1 --- [           main] c.e.Application                          : Starting\n', stream: 'stdout', time: '2024-01-10T12:00:00.123456789Z' });
    const recs = read(jsonlLogs, line + '\n');
    expect(recs[0]!.scope?.name).toBe('c.e.Application');
    expect(recs[0]!.severityText).toBe('INFO');
  });
});

describe('a JSON record written over several lines (Elasticsearch 7 JSON logs with a stack trace)', () => {
  const line = (i: number, level = 'INFO') => `{"type": "server", "timestamp": "2024-01-10T12:00:0${i},123Z", "level": "${level}", "component": "o.e.n.Node", "cluster.name": "docker-cluster", "node.name": "es01", "message": "line ${i}" }`;
  const ES7 = [
    line(1),
    line(2),
    '{"type": "server", "timestamp": "2024-01-10T12:00:03,789Z", "level": "ERROR", "component": "o.e.b.ElasticsearchUncaughtExceptionHandler", "cluster.name": "docker-cluster", "node.name": "es01", "message": "uncaught exception in thread [main]", ',
    '"stacktrace": ["org.elasticsearch.bootstrap.StartupException: java.lang.IllegalStateException: failed",',
    '"at org.elasticsearch.bootstrap.Elasticsearch.init(Elasticsearch.java:170) ~[elasticsearch-7.17.0.jar:7.17.0]",',
    '"at org.elasticsearch.cli.Command.main(Command.java:77) ~[elasticsearch-cli-7.17.0.jar:7.17.0]"] }',
    line(4),
  ].join('\n') + '\n';

  it('is one record at its first line, its lines joined; the file is sniffed as JSON Lines', () => {
    const recs = read(jsonlLogs, ES7);
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 3, 7]);
    expect(recs[2]!.severityText).toBe('ERROR');
    expect(recs[2]!.body).toBe('uncaught exception in thread [main]');
    expect(recs[2]!.attributes['stacktrace']).toHaveLength(3);
    expect(recs[2]!.timeNs).toBe(BigInt(Date.UTC(2024, 0, 10, 12, 0, 3, 789)) * 1_000_000n);
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(ES7), true)).spec?.id).toBe('jsonl-logs');
  });

  it('a line cut short stays one invalid-json error when the next line starts a record, and truncated at the end of the file', () => {
    const cut = line(1) + '\n' + line(2).slice(0, 60) + '\n' + line(3) + '\n' + line(4).slice(0, 50);
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(cut));
    const r = decodeText(jsonlLogs, cut);
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 3]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-json', 2], ['truncated', 4]]);
    // lines that never close the object are each read on their own, as before: the text after the
    // cut line is a record of free text (its indented line continues it)
    const text = line(1).slice(0, 60) + '\nnot json\n  also not\n' + line(2) + '\n';
    const t = decodeText(jsonlLogs, text);
    expect(logs(t).map((x) => [x.source.line, x.structured])).toEqual([[2, false], [4, true]]);
    expect(logs(t)[0]!.body).toBe('not json\n  also not');
    expect(t.errors.map((e) => [e.code, e.line])).toEqual([['invalid-json', 1]]);
    expect(t.progress.rejected).toBe(1);
  });

  it('the joined lines are parsed once, when their brackets close, not at each line that might close them', () => {
    // 500 lines that each end in `}` but leave the record open: parsing the joined text at each
    // was quadratic (a 57 MB file of such lines took 63 s and 0.9 GB). Counted, not timed.
    const open = ['{"a": [{}', ...Array.from({ length: 500 }, (_, i) => `,{"k": ${i}}`), '], "message": "done"}', line(5)].join('\n') + '\n';
    const recs = read(jsonlLogs, open);
    expect(recs.map((r) => r.source.line)).toEqual([1, 503]);
    expect((recs[0]!.attributes['a'] as unknown[]).length).toBe(501);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      decodeText(jsonlLogs, open);
      // the first line alone, the joined record, the last line: 3 (it was 250 and more)
      expect(parse.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      parse.mockRestore();
    }
  });

  it('a line whose string is left open is not held (a JSON string never goes on past its line)', () => {
    const text = '{"message": "cut here\n' + line(2) + '\n';
    const r = decodeText(jsonlLogs, text);
    expect(logs(r).map((x) => x.source.line)).toEqual([2]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-json', 1]]);
  });
});

describe('text the runtime prints among JSON log lines (container stdout)', () => {
  // A Spring Boot app with a JSON encoder (logstash-logback-encoder): Spring's banner comes first
  // (SpringApplicationBannerPrinter, before logging starts), then JSON lines; an uncaught error
  // is printed by the JVM's default handler (`Exception in thread …` then `\tat` frames).
  const BANNER = [
    '',
    '  .   ____          _            __ _ _',
    " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
    "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\",
    " \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )",
    "  '  |____| .__|_| |_|_| |_\\__, | / / / /",
    ' =========|_|==============|___/=/_/_/_/',
    ' :: Spring Boot ::                (v3.2.0)',
    '',
  ];
  const json = (i: number, level = 'INFO') => JSON.stringify({ '@timestamp': `2024-01-10T12:00:0${i}.000Z`, level, logger_name: 'com.example.App', message: `step ${i}`, service: 'demo' });
  const text = [
    ...BANNER,
    ...Array.from({ length: 30 }, (_, i) => json(i % 10)),
    'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
    '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3512)',
    '\tat com.example.App.main(App.java:42)',
    'Caused by: java.lang.IllegalStateException: boom',
    '\t... 2 more',
    json(9, 'ERROR'),
  ].join('\n') + '\n';

  it('is sniffed as JSON Lines; the banner and the crash are one record of free text each, not rejections', () => {
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('jsonl-logs');
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs).toHaveLength(1 + 30 + 1 + 1);
    expect([recs[0]!.structured, String(recs[0]!.body).split('\n')]).toEqual([false, BANNER.slice(1, 8)]);
    expect(recs.slice(1, 31).every((x) => x.structured && x.resource.serviceName === 'demo' && x.timeNs !== undefined)).toBe(true);
    const crash = recs[31]!;
    expect([crash.structured, crash.source.line, String(crash.body).split('\n').length]).toEqual([false, 40, 5]);
    expect(recs[32]!.severityText).toBe('ERROR');
    // the runtime's output is the service's: banner and crash take the service of the JSON records next to them
    expect([recs[0]!.resource.serviceName, crash.resource.serviceName]).toEqual(['demo', 'demo']);
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });

  it('a line of JSON broken in the middle is still invalid-json, and does not gather the text after it', () => {
    const r = decodeText(jsonlLogs, `${json(1)}\n{"level":"INFO", "message": oops}\n${json(2)}\n`);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-json', 2]]);
    expect(logs(r)).toHaveLength(2);
  });
});

describe('JSON text sequences (RFC 7464: a record separator before each value)', () => {
  it('a long stretch of text after JSON records: only the text record right next to a JSON one takes its service', () => {
    const text = [JSON.stringify({ time: '2024-01-10T12:00:00Z', level: 'info', msg: 'up', service: 'demo' }), 'first text record', 'second text record', 'third text record', JSON.stringify({ time: '2024-01-10T12:00:01Z', level: 'info', msg: 'again', service: 'other' })].join('\n') + '\n';
    expect(logs(decodeText(jsonlLogs, text)).map((x) => x.resource.serviceName)).toEqual(['demo', 'demo', undefined, 'other', 'other']);
  });

  it('`journalctl -o json-seq` is read as JSON Lines, the separators ignored', () => {
    const entry = (i: number) => `\u001e{"__REALTIME_TIMESTAMP":"17000000000000${i}0","PRIORITY":"6","SYSLOG_IDENTIFIER":"app","MESSAGE":"line ${i}","_PID":"42"}`;
    const text = [entry(1), entry(2), entry(3)].join('\n') + '\n';
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('jsonl-logs');
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.body, x.resource.serviceName, x.structured])).toEqual([
      ['line 1', 'app', true],
      ['line 2', 'app', true],
      ['line 3', 'app', true],
    ]);
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });
});

describe("Twisted's jsonFileLogObserver (JSON text sequences: RS before each event)", () => {
  it('the level from log_level.name, the message from log_format (log_text when there is one), the time from log_time; no errors', () => {
    // twisted.logger.jsonFileLogObserver (Twisted 22.4): Logger(namespace="myapp.web").info / .failure (shortened)
    const text = [
      '\u001e{"path": "/api", "ms": 12, "log_logger": {"unpersistable": true}, "log_level": {"name": "info", "__class_uuid__": "02e59486-f24d-46ad-8224-3acdf2a5732a"}, "log_namespace": "myapp.web", "log_source": null, "log_format": "request {path} took {ms}ms", "log_time": 1795834904.0119693}',
      '\u001e{"log_logger": {"unpersistable": true}, "log_level": {"name": "critical", "__class_uuid__": "02e59486-f24d-46ad-8224-3acdf2a5732a"}, "log_namespace": "myapp.web", "log_source": null, "log_format": "lookup crashed", "log_time": 1795834904.012}',
      '\u001e{"log_level": {"name": "warn"}, "log_namespace": "log_legacy", "log_text": "legacy message", "log_format": "{log_text}", "log_time": 1795834904.5}',
    ].join('\n') + '\n';
    const recs = read(jsonlLogs, text);
    expect(recs.map((r) => [r.severityNumber, r.severityText, r.body, r.scope?.name])).toEqual([
      [9, 'info', 'request {path} took {ms}ms', 'myapp.web'],
      [21, 'critical', 'lookup crashed', 'myapp.web'],
      [13, 'warn', 'legacy message', 'log_legacy'],
    ]);
    expect(recs[0]!.timeNs).toBe(1795834904011969300n);
  });
});

describe("loguru's serialize=True", () => {
  it('the message is record.message, not the formatted `text` line with its newline', () => {
    const text = '{"text": "2026-11-28 02:59:11.236 | DEBUG    | __main__:<module>:16 - debug details x=1\\n", "record": {"elapsed": {"repr": "0:00:00.019285", "seconds": 0.019285}, "exception": null, "extra": {}, "function": "<module>", "level": {"icon": "x", "name": "DEBUG", "no": 10}, "line": 16, "message": "debug details x=1", "module": "loguru_out", "name": "__main__", "time": {"repr": "2026-11-28 02:59:11.236800+00:00", "timestamp": 1795834751.2368}}}\n';
    const recs = read(jsonlLogs, text);
    expect(recs.map((r) => [r.severityNumber, r.body])).toEqual([[5, 'debug details x=1']]);
  });
});
