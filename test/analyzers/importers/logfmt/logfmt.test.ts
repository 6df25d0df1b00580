import { describe, expect, it } from 'vitest';
import { logfmt, parseLogfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { decodeFile, decodeText, expectChunkingInvariant, expectCodedErrors, junkBytes, logs, pushHugeLine, readData, sniffedFormat } from '../jsonl-logs/log-test-helpers.js';

describe('logfmt parsing', () => {
  it('quoted values with escapes, bare values, empty values', () => {
    const p = parseLogfmt('time="2021-09-15T21:17:10Z" level=error msg="say \\"hi\\"\\n" reason= n=3 flag');
    expect(p.pairs).toEqual({ time: '2021-09-15T21:17:10Z', level: 'error', msg: 'say "hi"\n', reason: '', n: '3', flag: 'true' });
    expect(p.prefix).toBe('');
  });
  it('a klog-style header before the pairs is kept as the prefix', () => {
    const p = parseLogfmt('I0130 11:51:46.123456       1 controller.go:12] "Pod synced" pod="default/web-1" attempt=2');
    expect(p.prefix).toBe('I0130 11:51:46.123456       1 controller.go:12] "Pod synced"');
    expect(p.pairs).toEqual({ pod: 'default/web-1', attempt: '2' });
  });
});

describe("logfmt: values in single quotes (Python's repr, structlog's KeyValueRenderer)", () => {
  // structlog.processors.KeyValueRenderer(key_order=["timestamp", "level", "event"]) writes each value with repr()
  const kv = [
    "timestamp='2026-11-28T02:59:10.221369Z' level='debug' event='cache warmed' service='checkout' entries=120",
    "timestamp='2026-11-28T02:59:10.221531Z' level='error' event='parse error' service='checkout' exception='Traceback (most recent call last):\\n  File \"/app/x.py\", line 23, in <module>\\nValueError: invalid literal for int() with base 10: \\'x\\''",
  ].join('\n');
  it('are unquoted with their escapes: time, level, message and service read, no errors', () => {
    const r = decodeText(logfmt, kv);
    const recs = logs(r);
    expect(r.errors).toEqual([]);
    expect(recs.map((x) => [x.severityNumber, x.body, x.resource.attributes['service.name']])).toEqual([
      [5, 'cache warmed', 'checkout'],
      [17, 'parse error', 'checkout'],
    ]);
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2026, 10, 28, 2, 59, 10, 221)) * 1_000_000n + 369_000n);
    expect(recs[1]!.attributes['exception']).toBe('Traceback (most recent call last):\n  File "/app/x.py", line 23, in <module>\nValueError: invalid literal for int() with base 10: \'x\'');
    expectChunkingInvariant(logfmt, new TextEncoder().encode(kv));
  });
  it("a quote that closes inside a word, or never, leaves the value bare, quotes and all", () => {
    expect(parseLogfmt("a='x'y b='open c=1 d=''").pairs).toEqual({ a: "'x'y", b: "'open", c: '1', d: '' });
  });
});

describe('logfmt: a quoted value over several lines (structlog LogfmtRenderer with a traceback)', () => {
  // structlog 22.3 LogfmtRenderer + format_exc_info: the exception value keeps its newlines inside the quotes (3 records)
  const lines = [
    'timestamp=2026-11-28T02:59:10.462370Z level=error event="charge failed" service=checkout',
    'timestamp=2026-11-28T02:59:10.462389Z level=error event="parse error" service=checkout exception="Traceback (most recent call last):',
    '  File \\"/app/x.py\\", line 23, in <module>',
    '',
    "ValueError: invalid literal for int() with base 10: 'x'\"",
    'timestamp=2026-11-28T02:59:10.462976Z level=critical event="shutting down" service=checkout',
  ];
  it('is one record, read whole or in chunks, with no error', () => {
    const text = lines.join('\n') + '\n';
    const r = decodeText(logfmt, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.source.line, x.severityNumber, x.body])).toEqual([[1, 17, 'charge failed'], [2, 17, 'parse error'], [6, 21, 'shutting down']]);
    expect(logs(r)[1]!.attributes['exception']).toBe('Traceback (most recent call last):\n  File "/app/x.py", line 23, in <module>\n\nValueError: invalid literal for int() with base 10: \'x\'');
    expectChunkingInvariant(logfmt, new TextEncoder().encode(text));
  });
  it('a quote no line closes: each line read as before (the open one reported), a logfmt line after it a record of its own', () => {
    const text = ['a=1 msg="open', 'more text', 'time=2026-11-28T03:00:00Z level=info msg="next"', ''].join('\n');
    const r = decodeText(logfmt, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 1]]);
    expect(logs(r).map((x) => [x.source.line, x.body])).toEqual([[1, 'open'], [2, 'more text'], [3, 'next']]);
    const atEnd = decodeText(logfmt, 'a=1 msg="open\nmore text\n');
    expect([atEnd.errors.map((e) => [e.code, e.line]), logs(atEnd).map((x) => x.source.line)]).toEqual([[['invalid-line', 1]], [1, 2]]);
  });
});

describe('logfmt on samples', () => {
  // record counts = wc -l (every line is a logfmt record)
  it('virtual-kubelet (logrus text): 5 records, levels, pod → k8s resource', () => {
    const r = decodeFile(logfmt, 'logs-structured/lnav-test/logfile_logfmt.0');
    const recs = logs(r);
    expect(recs).toHaveLength(5);
    expect(r.errors).toHaveLength(0);
    // grep -o 'level=[a-z]*' gives error warning info info error
    expect(recs.map((x) => x.severityNumber)).toEqual([17, 13, 9, 9, 17]);
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2021, 8, 15, 21, 17, 10, 220)) * 1_000_000n + 731_000n);
    expect(recs[0]!.resource.attributes['k8s.pod.name']).toBe('hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp');
    expect(recs[0]!.resource.attributes['k8s.namespace.name']).toBe('inc-1-enh-domain-c14-ns-2');
    expect(recs[0]!.structured).toBe(true);
    expect(sniffedFormat('logs-structured/lnav-test/logfile_logfmt.0')).toBe('logfmt');
  });
  it('Grafana: 5 records, nanosecond t=, logger as scope', () => {
    const recs = logs(decodeFile(logfmt, 'logs-structured/lnav-test/logfile_grafana.0'));
    expect(recs).toHaveLength(5);
    expect(recs[0]!.timeNs).toBe(1745524308520963849n); // date -d 2025-04-24T19:51:48Z +%s → 1745524308
    expect(recs[0]!.scope?.name).toBe('settings');
    expect(recs[0]!.body).toBe('Starting Grafana');
    expect(recs[0]!.attributes['version']).toBe('11.5.2');
    expect(sniffedFormat('logs-structured/lnav-test/logfile_grafana.0')).toBe('logfmt');
  });
  it('trace ids under traceID / trace_id keys', () => {
    const recs = logs(decodeText(logfmt, 'level=info msg=a traceID=4bf92f3577b34da6a3ce929d0e0e4736 spanID=00f067aa0ba902b7\nlevel=info msg=b trace_id=4BF92F3577B34DA6A3CE929D0E0E4736\n'));
    expect(recs.map((r) => r.traceId)).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', '4bf92f3577b34da6a3ce929d0e0e4736']);
    expect(recs[0]!.spanId).toBe('00f067aa0ba902b7');
  });
  it('klog header supplies level and time; indented lines continue the record', () => {
    const recs = logs(decodeText(logfmt, 'E0130 11:51:46.123456 1 c.go:1] "sync failed" err="timeout"\n\tgoroutine 1\nlevel=info msg=next\n'));
    expect(recs).toHaveLength(2);
    expect(recs[0]!.severityNumber).toBe(17);
    expect(recs[0]!.timeWithoutYear).toBe(true);
    expect(recs[0]!.body).toBe('sync failed\n\tgoroutine 1');
  });
});

describe('logfmt hostile input and chunking', () => {
  it('empty → empty-input; junk → coded errors; a line of binary bytes → binary-data, rest read', () => {
    expect(decodeText(logfmt, '').errors.map((e) => e.code)).toEqual(['empty-input']);
    const junk = decodeBytes(logfmt, junkBytes(20_000), 'input');
    expectCodedErrors(junk);
    const r = decodeText(logfmt, 'level=info msg=a\n\u0001\u0002\u0003\u0000\u0004\nlevel=warn msg=b\n');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'binary-data', line: 2 })]);
    expect(r.progress).toMatchObject({ records: 2, rejected: 1 });
    // bytes that are not UTF-8: a line mostly of them is junk (one error), a Latin-1 letter in text is text
    const bytes = Buffer.concat([Buffer.from('level=info msg=a\n'), Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0x41, 0xff, 0x0a]), Buffer.from('Caf\xe9 closed at noon\nlevel=warn msg=b\n', 'latin1')]);
    const mixed = decodeBytes(logfmt, new Uint8Array(bytes), 'mixed.log');
    expect(mixed.errors.map((e) => [e.code, e.line])).toEqual([['binary-data', 2], ['invalid-utf8', 3]]);
    expect(mixed.progress).toMatchObject({ records: 3, rejected: 1 });
  });
  it('a line with no pairs is a record of free text (unstructured); a Go panic printed by the runtime is one record with its dump', () => {
    // go-kit logfmt, then what the Go runtime writes to stderr on a panic (runtime/panic.go,
    // runtime/traceback.go), then the logger again.
    const text = [
      'ts=2024-01-10T12:00:00Z level=info msg="starting server" addr=:8080',
      'ts=2024-01-10T12:00:01Z level=info msg="request" path=/api status=200',
      'panic: runtime error: index out of range [5] with length 3',
      '',
      'goroutine 1 [running]:',
      'main.handler(0xc000010000)',
      '\t/app/main.go:42 +0x1d',
      'main.main()',
      '\t/app/main.go:12 +0x25',
      'exit status 2',
      'ts=2024-01-10T12:00:05Z level=info msg="starting server" addr=:8080',
    ].join('\n') + '\n';
    const r = decodeText(logfmt, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.structured, x.timeNs !== undefined])).toEqual([
      [1, true, true],
      [2, true, true],
      [3, false, false],
      [10, false, false],
      [11, true, true],
    ]);
    expect(String(recs[2]!.body).split('\n')).toHaveLength(6);
    expect(recs.map((x) => x.resource.serviceName ?? null)).toEqual([null, null, null, null, null]); // no service in these lines to lend
    expectChunkingInvariant(logfmt, new TextEncoder().encode(text));
  });
  it('a 300 MB line → line-too-long with bounded memory', () => {
    const { result, heapGrowthBytes } = pushHugeLine(logfmt, 300 * 1024 * 1024, 'level=info msg=');
    expect(result.errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(heapGrowthBytes).toBeLessThan(200 * 1024 * 1024);
  });
  it('whole = 1-, 7-, 4096-byte chunks', () => {
    expectChunkingInvariant(logfmt, readData('logs-structured/lnav-test/logfile_logfmt.0'));
    expectChunkingInvariant(logfmt, readData('logs-structured/lnav-test/logfile_grafana.0'));
  });
});

describe('logfmt: Heroku router lines (devcenter.heroku.com "Heroku Error Codes" / router log format)', () => {
  it('at= is the level; service=18ms is a duration, not a service name', () => {
    const text = [
      'at=info method=GET path="/" host=myapp.herokuapp.com request_id=8601b555-6a76-4c4e-b5dd-a6d2e4ba5c2c fwd="204.204.204.204" dyno=web.1 connect=1ms service=18ms status=200 bytes=13 protocol=https',
      'at=error code=H12 desc="Request timeout" method=GET path="/slow" host=myapp.herokuapp.com dyno=web.1 connect=0ms service=30000ms status=503 bytes=0 protocol=https',
      '',
    ].join('\n');
    const r = decodeText(logfmt, text);
    const recs = r.records.filter((x) => x.kind === 'log');
    expect(recs.map((x) => x.severityNumber)).toEqual([9, 17]);
    expect(recs.map((x) => x.resource.serviceName)).toEqual([undefined, undefined]);
    expect(recs[1]!.attributes['service']).toBe('30000ms');
  });
});

describe('logfmt: a quoted value without its closing quote', () => {
  it('is read to the end of the line and reported as invalid-line (not rejected)', () => {
    const text = 'level=info msg="ok"\nlevel=error msg="unterminated quote\nlevel=info msg=fine';
    const r = decodeText(logfmt, text);
    expect(r.progress).toMatchObject({ records: 3, rejected: 0 });
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-line', 2]]);
    expect(logs(r)[1]!.body).toBe('unterminated quote');
    expectChunkingInvariant(logfmt, new TextEncoder().encode(text));
  });
});

describe('logfmt and csv-logs: a `__proto__` key is an attribute like any other', () => {
  it('is kept (plain assignment would have set the prototype and dropped it)', () => {
    const r = decodeText(logfmt, 'level=info msg=hi __proto__=x constructor=y\n');
    expect(Object.entries(logs(r)[0]!.attributes)).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
    const c = decodeText(csvLogs, 'time,level,__proto__,message\n2024-01-05T10:00:00Z,info,x,hello\n');
    expect(Object.entries(logs(c)[0]!.attributes)).toEqual([['__proto__', 'x']]);
  });
});

describe('logfmt forced on a text log', () => {
  it('every line is a record of free text, and one error says that no line was logfmt', () => {
    const r = decodeText(logfmt, '2024-01-01 INFO started\n2024-01-01 WARN slow\n');
    expect([r.records.length, r.errors.map((e) => e.code)]).toEqual([2, ['unrecognised-format']]);
    expect(r.errors[0]!.message).toContain('no line is logfmt');
  });
});
