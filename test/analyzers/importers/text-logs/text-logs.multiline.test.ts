import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { MAX_LINE_BYTES } from '../../../../analyzers/importers/types.js';
import { regexInputChars } from '../../../helpers/regex-work.js';
import { decodeFile, decodeText, expectChunkingInvariant, expectCodedErrors, junkBytes, logs, pushHugeLine, readData } from '../jsonl-logs/log-test-helpers.js';

const JAVA = [
  '2015-10-18 18:01:47,978 INFO [main] org.example.App: starting',
  '2015-10-18 18:01:48,100 ERROR [worker-1] org.example.Job: job failed',
  'java.lang.IllegalStateException: boom',
  '\tat org.example.Job.run(Job.java:42)',
  '\tat java.base/java.lang.Thread.run(Thread.java:833)',
  'Caused by: java.io.IOException: disk full',
  '\tat org.example.Disk.write(Disk.java:7)',
  '\t... 2 more',
  '',
  '2015-10-18 18:01:49,000 WARN [main] org.example.App: retrying',
].join('\r\n');

const PYTHON = [
  '2024-05-01 10:00:00,001 - app - INFO - ready',
  '2024-05-01 10:00:01,002 - app - ERROR - request failed',
  'Traceback (most recent call last):',
  '  File "/srv/app.py", line 10, in handle',
  '    do()',
  'ValueError: bad input',
  '2024-05-01 10:00:02,003 - app - CRITICAL - giving up',
].join('\n');

describe('text-logs multi-line records', () => {
  it('a Java stack trace (CRLF, Caused by, ... more, blank line) is one record with the right first line', () => {
    const recs = logs(decodeText(textLogs, JAVA));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 10]);
    expect(recs.map((r) => r.severityNumber)).toEqual([9, 17, 13]);
    const body = recs[1]!.body as string;
    expect(body.split('\n')[0]).toBe('2015-10-18 18:01:48,100 ERROR [worker-1] org.example.Job: job failed');
    expect(body.split('\n')).toHaveLength(7); // lines 2-8; the blank separator line is dropped
    expect(body).not.toContain('\r');
    expect(recs[1]!.attributes['log.record.lines']).toBe(7);
    expect(recs[1]!.timeNs).toBe(BigInt(Date.UTC(2015, 9, 18, 18, 1, 48, 100)) * 1_000_000n);
    expect(recs[1]!.timeWithoutZone).toBe(true);
  });

  it('a Python traceback belongs to the record above; CRITICAL → FATAL', () => {
    const recs = logs(decodeText(textLogs, PYTHON));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 7]);
    expect((recs[1]!.body as string).endsWith('ValueError: bad input')).toBe(true);
    expect(recs.map((r) => r.severityNumber)).toEqual([9, 17, 21]);
  });

  it('without any header shape, indented lines still continue the line above', () => {
    const recs = logs(decodeText(textLogs, 'starting worker\n  with 4 threads\nready\nCaused by: nothing\n'));
    expect(recs.map((r) => r.body)).toEqual(['starting worker\n  with 4 threads', 'ready\nCaused by: nothing']);
  });

  it('the header is learned from the file: a file of syslog lines does not fold unindented lines that are syslog', () => {
    const text = 'Jan 30 11:51:46 host app[1]: one\nJan 30 11:51:47 host app[1]: two\n\tcontinued\nJan 30 11:51:48 host app[2]: three\n';
    expect(logs(decodeText(textLogs, text)).map((r) => r.source.line)).toEqual([1, 2, 4]);
  });
});

describe('text-logs: a crash in a Kubernetes (CRI) container log', () => {
  // A Go panic as the kubelet writes it (one CRI line per line the program printed; the
  // runtime's format, runtime/traceback.go); counts by hand: 3 records (the empty line after the dump is
  // dropped, as the same line in a plain file is).
  const msgs = ['another line...', 'panic: my panic', '', 'goroutine 4 [running]:', 'panic(0x45cb40, 0x47ad70)', '  /usr/local/go/src/runtime/panic.go:542 +0x46c', 'main.main.func1(0xc420024120)', 'created by main.main', '', 'one more line'];
  const text = msgs.map((m, i) => `2026-04-28T21:00:54.${String(i).padStart(3, '0')}000000Z stderr F ${m}`.trimEnd()).join('\n') + '\n';

  it("joins the dump's empty lines, goroutine header and frames to the panic; an empty line that continues nothing is no record (as in a plain file)", () => {
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 10]);
    expect((recs[1]!.body as string).split('\n')).toEqual(msgs.slice(1, 8));
    expect(logs(decodeText(textLogs, msgs.join('\n') + '\n')).length).toBe(3);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: a record at the most lines one record holds', () => {
  it('a stack of 10,004 frames: the record is cut at 10,000 lines, and that is said once at its first line', () => {
    const text = '2024-01-01 00:00:00,000 ERROR [main] boom\n' + Array.from({ length: 10_004 }, (_, i) => `\tat a.B.m${i}(B.java:${i})`).join('\n') + '\n2024-01-01 00:00:01,000 INFO [main] next\n';
    const r = decodeText(textLogs, text);
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 10_001, 10_006]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-record', 1]]);
    expect(r.errors[0]!.message).toMatch(/reached 10,000 lines/);
  });
});

describe('text-logs hostile input', () => {
  it('empty and blank inputs → empty-input', () => {
    for (const t of ['', '\n \n']) expect(decodeText(textLogs, t).errors.map((e) => e.code)).toEqual(['empty-input']);
  });
  it('binary junk → binary-data errors, never a throw', () => {
    const r = decodeBytes(textLogs, junkBytes(50_000), 'input');
    expect(r.errors.some((e) => e.code === 'binary-data')).toBe(true);
    expectCodedErrors(r);
  });
  it("one NUL at a line's end terminates the message (Python SysLogHandler's datagrams); NULs inside a line are still binary", () => {
    // python/sysapp.py's datagrams as a receiver wrote them, one per line: `<PRI>ident: msg\0`
    const text = [
      '<159>billing-svc: DEBUG billing debug details id=7\0',
      '<156>billing-svc: WARNING billing retrying payment gateway attempt=2\0',
      '<155>billing-svc: ERROR billing failed computing tax',
      'Traceback (most recent call last):',
      '  File "/app/sysapp.py", line 14, in <module>',
      '    1 / 0',
      'ZeroDivisionError: division by zero\0',
      '<154>billing-svc[4242]: CRITICAL billing ledger unavailable\0\r',
      '<158>billing-svc: INFO a NUL\0 inside a line\0',
      '<158>billing-svc: INFO two NULs at the end\0\0',
      // no tag: a sentence's first word or a level word names no program
      '<14>Connection: closed by peer\0',
      '<11>ERROR: disk full\0',
      '',
    ].join('\n');
    const r = decodeText(textLogs, text);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.resource.serviceName])).toEqual([[1, 5, 'billing-svc'], [2, 13, 'billing-svc'], [3, 17, 'billing-svc'], [8, 18, 'billing-svc'], [11, 9, undefined], [12, 17, undefined]]);
    // (<154>: 154 & 7 = 2, syslog crit → ERROR2 18, OTel appendix B)
    expect(recs[2]!.body).toMatch(/\nZeroDivisionError: division by zero$/);
    expect(recs[3]!.resource.attributes['process.pid']).toBe(4242);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['binary-data', 9], ['binary-data', 10]]);
  });
  it('NUL-terminated messages back to back (datagrams captured with `nc -lu`): a NUL before a `<PRI>` or a date ends a message', () => {
    const text = '<159>billing-svc: DEBUG a\0<158>billing-svc: INFO b\0<155>billing-svc: ERROR c\nTraceback (most recent call last):\nZeroDivisionError: division by zero\0<154>billing-svc: CRITICAL d\0<154>billing-svc: CRITICAL d2\0junk\0<158>billing-svc: INFO e\0';
    const r = decodeText(textLogs, text);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.source.offset, x.severityNumber, x.body])).toEqual([
      [1, 0, 5, '<159>billing-svc: DEBUG a'],
      [1, 26, 9, '<158>billing-svc: INFO b'],
      [1, 51, 17, '<155>billing-svc: ERROR c\nTraceback (most recent call last):\nZeroDivisionError: division by zero'],
      [3, 148, 18, '<154>billing-svc: CRITICAL d'], // <154>: syslog crit → ERROR2 18
      [3, 212, 9, '<158>billing-svc: INFO e'],
    ]);
    // a NUL before anything else (`d2\0junk`) ends no message: that line is binary, still rejected
    expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['binary-data', 3, 177]]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
  it('a file of NUL-terminated messages and no LF at all (datagrams captured raw): each NUL ends a line, so no line reaches the cap', () => {
    // 8,400 datagrams of 8 KB, back to back with no LF: 68 MB, more than one line may hold (MAX_LINE_BYTES)
    const pad = 'x'.repeat(8000);
    const message = (i: number) => `<14>Nov 27 15:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} web01 app[42]: request ${i} payload=${pad}\0`;
    const one = new TextEncoder().encode(message(0)).length;
    const count = 8400;
    const bytes = new Uint8Array(one * count);
    for (let i = 0; i < count; i++) bytes.set(new TextEncoder().encode(message(i % 10)), i * one);
    expect(bytes.length).toBeGreaterThan(MAX_LINE_BYTES);
    const r = decodeBytes(textLogs, bytes, 'input', 1 << 20);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs).toHaveLength(count);
    expect([recs[0]!.source.line, recs[0]!.source.offset, recs[count - 1]!.source.line, recs[count - 1]!.source.offset]).toEqual([1, 0, count, one * (count - 1)]);
    expect([recs[9]!.severityNumber, recs[9]!.resource.serviceName, recs[9]!.body]).toEqual([9, 'app', message(9).slice(0, -1)]);
    expect(r.progress.lines).toBe(count);
  });

  it('a short one too: its messages are lines 1, 2, 3; a head with binary bytes is read as before, and binary input stays binary', () => {
    const text = '<14>app: one\0<11>app: two\0<14>app: three\0';
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.source.line, x.source.offset, x.severityNumber, x.body])).toEqual([
      [1, 0, 9, '<14>app: one'],
      [2, 13, 17, '<11>app: two'],
      [3, 26, 9, '<14>app: three'],
    ]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    // control bytes in a message: no such file; its NULs before a <PRI> still end messages inside the one line, the binary one is rejected
    const junky = logs(decodeText(textLogs, '<14>app: one\0<11>app: two \u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\0<14>app: three\0'));
    expect(junky.map((x) => [x.source.line, x.body])).toEqual([
      [1, '<14>app: one'],
      [1, '<14>app: three'],
    ]);
    // (junk bytes with NULs and no line end among them: no such file, one binary line, as before)
    const junk = decodeBytes(textLogs, junkBytes(50_000).map((b) => (b === 10 || b === 13 ? 32 : b)), 'input');
    expect([logs(junk).length, junk.errors.map((e) => [e.code, e.line])]).toEqual([0, [['binary-data', 1]]]);
  });

  it('invalid UTF-8: the record is read (U+FFFD) plus one invalid-utf8 error with its line', () => {
    const r = decodeFile(textLogs, 'logs-text/lnav-test/logfile_invalid_utf8.0');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'invalid-utf8', line: 4 })]);
    expect((logs(r)[0]!.body as string)).toContain('\uFFFD');
  });
  it('a 300 MB line without newline → line-too-long with bounded memory', () => {
    const { result, heapGrowthBytes } = pushHugeLine(textLogs, 300 * 1024 * 1024, '2023-01-30 11:51:46 INFO ');
    expect(result.errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(result.records).toHaveLength(0);
    expect(heapGrowthBytes).toBeLessThan(200 * 1024 * 1024);
  });
  it('a line after a too-long line is still read', () => {
    const big = 'x'.repeat(70 * 1024 * 1024);
    const r = decodeText(textLogs, `${big}\n2023-01-30 11:51:46 INFO after\n`);
    expect(r.errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(logs(r).map((x) => x.source.line)).toEqual([2]);
  });
});

describe('text-logs chunking', () => {
  it('synthetic Java and Python logs: whole = 1-, 7-, 4096-byte chunks', () => {
    expectChunkingInvariant(textLogs, new TextEncoder().encode(JAVA));
    expectChunkingInvariant(textLogs, new TextEncoder().encode(PYTHON));
  });
  for (const file of ['logs-text/lnav-test/logfile_syslog.3', 'logs-text/lnav-test/logfile_invalid_utf8.0', 'logs-text/lnav-test/logfile_bro_conn.log.0', 'logs-structured/lnav-test/logfile_docker_compose.0', 'logs-structured/lnav-test/logfile_zap_console.0', 'logs-text/lnav-test/logfile_crlf.0']) {
    it(`${file}: whole = 1-, 7-, 4096-byte chunks`, () => expectChunkingInvariant(textLogs, readData(file)));
  }
});

describe('text-logs line shapes', () => {
  it('RFC 5424 with PRI: severity from PRI & 7, host/app/pid from the header', () => {
    const [rec] = logs(decodeText(textLogs, '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 4321 ID47 [exampleSDID@32473 iut="3"] An application event\n'));
    expect(rec!.severityNumber).toBe(10); // 165 & 7 = 5 notice → INFO2
    expect(rec!.attributes['syslog.facility']).toBe(20); // 165 >> 3
    expect(rec!.timeNs).toBe(BigInt(Date.UTC(2003, 9, 11, 22, 14, 15, 3)) * 1_000_000n);
    expect(rec!.resource.serviceName).toBe('evntslog');
    expect(rec!.resource.attributes['host.name']).toBe('mymachine.example.com');
    expect(rec!.resource.attributes['process.pid']).toBe(4321);
  });
  it('Python logging without time (LEVEL:logger:msg) and Apache error log [notice]', () => {
    const recs = logs(decodeText(textLogs, 'WARNING:root:disk almost full\nERROR:app.db:connection lost\n'));
    expect(recs.map((r) => r.severityNumber)).toEqual([13, 17]);
    const [apache] = logs(decodeText(textLogs, '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties\n'));
    expect(apache!.severityNumber).toBe(10);
    expect(apache!.timeNs).toBe(BigInt(Date.UTC(2005, 11, 4, 4, 47, 44)) * 1_000_000n);
  });
  it('a bracketed timestamp further in the line dates it (uwsgi)', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_uwsgi.0'));
    expect(rec!.timeNs).toBe(BigInt(Date.UTC(2016, 2, 13, 22, 49, 12)) * 1_000_000n); // [Sun Mar 13 22:49:12 2016]
    expect(rec!.timeWithoutZone).toBe(true);
  });
  it('trace and span ids written in the text are picked up', () => {
    const [rec] = logs(decodeText(textLogs, '2023-01-30 11:51:46.123 INFO [svc] handled trace_id=0AF7651916CD43DD8448EB211C80319C span_id=b7ad6b7169203331\n'));
    expect(rec!.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(rec!.spanId).toBe('b7ad6b7169203331');
  });
});

describe('text-logs interleaved formats', () => {
  it('two timestamp shapes interleaved: every header line starts a record', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      lines.push(`2023-01-30 11:51:${String(i).padStart(2, '0')},000 INFO app: iso line ${i}`);
      lines.push(`Jan 30 11:52:${String(i).padStart(2, '0')} host daemon[1]: syslog line ${i}`);
      if (i % 3 === 0) lines.push('\tat com.example.Frame(Frame.java:1)');
    }
    const recs = logs(decodeText(textLogs, lines.join('\n')));
    expect(recs).toHaveLength(20); // 20 header lines; the 4 frames fold into the record above
    expect(recs.filter((r) => (r.body as string).includes('\n'))).toHaveLength(4);
  });
});

describe('text-logs Kubernetes container logs (CRI)', () => {
  // As the kubelet writes /var/log/containers/*.log: `<RFC 3339 nano> <stream> <P|F> <message>`.
  const CRI = [
    '2024-01-01T00:00:00.100000000Z stdout F 2024-01-01 00:00:00,100 INFO  [main] starting',
    '2024-01-01T00:00:00.200000000Z stdout P 2024-01-01 00:00:00,200 INFO  [main] a long line ',
    '2024-01-01T00:00:00.200000001Z stdout P split in ',
    '2024-01-01T00:00:00.200000002Z stdout F three parts',
    '2024-01-01T00:00:02.000000000Z stderr F 2024-01-01 00:00:02,000 ERROR [http-1] request failed',
    '2024-01-01T00:00:02.100000000Z stderr F java.lang.IllegalStateException: bad',
    '2024-01-01T00:00:02.200000000Z stderr F \tat com.x.A.b(A.java:10)',
    '2024-01-01T00:00:02.300000000Z stderr F Caused by: java.io.IOException: closed',
    '2024-01-01T00:00:02.400000000Z stderr F \t... 12 more',
    '2024-01-01T00:00:03.000000000+00:00 stdout F {"level":"warn","msg":"json inside","trace_id":"0123456789abcdef0123456789abcdef"}',
    '2024-01-01T00:00:04.000000000Z stdout P cut by rotation',
  ].join('\n') + '\n';

  it('joins P fragments, folds a stack trace into the record above, reads the message inside', () => {
    const r = decodeText(textLogs, CRI);
    const recs = logs(r);
    // 11 lines: line 1; lines 2-4 (P, P, F: one line); lines 5-9 (the ERROR and its 4 trace
    // lines); line 10 (JSON); line 11 (a P fragment the file ends in) → 5 records, no errors.
    expect(r.errors).toEqual([]);
    expect(recs.map((x) => x.source.line)).toEqual([1, 2, 5, 10, 11]);
    expect(recs[1]!.body).toBe('2024-01-01 00:00:00,200 INFO  [main] a long line split in three parts');
    expect((recs[2]!.body as string).split('\n')).toHaveLength(5);
    expect(recs[2]!.severityNumber).toBe(17);
    expect(recs.map((x) => x.attributes['log.iostream'])).toEqual(['stdout', 'stdout', 'stderr', 'stdout', 'stdout']);
    expect(recs[3]).toMatchObject({ body: 'json inside', severityText: 'warn', traceId: '0123456789abcdef0123456789abcdef' });
    // The CRI time is when the kubelet read the line; the record keeps it as observed time.
    expect(recs[3]!.timeNs).toBe(BigInt(Date.UTC(2024, 0, 1, 0, 0, 3)) * 1_000_000n);
    expect(recs[4]!.body).toBe('cut by rotation');
    // Only the JSON line is a structured record: the CRI prefix is the runtime's, not the app's.
    expect(recs.map((x) => x.structured)).toEqual([false, false, false, true, false]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(CRI));
  });

  it('messages without a header of their own stay one record a line', () => {
    const text = ['2024-01-01T00:00:00Z stdout F hello', '2024-01-01T00:00:01Z stdout F world', '2024-01-01T00:00:02Z stderr F   indented but another stream'].join('\n');
    expect(logs(decodeText(textLogs, text)).map((x) => x.body)).toEqual(['hello', 'world', '  indented but another stream']);
  });
});

describe('text-logs: kubectl logs --timestamps output', () => {
  // kubectl (and docker logs -t) put the runtime's RFC 3339 time and one space before each line
  // the container wrote; the line keeps its own layout after it.
  const text = [
    '2024-01-01T00:00:00.100000000Z 2024-01-01 00:00:00.090 ERROR 1 --- [main] c.e.Checkout : payment failed',
    '2024-01-01T00:00:00.100000100Z java.lang.IllegalStateException: declined',
    '2024-01-01T00:00:00.100000200Z \tat com.example.Checkout.pay(Checkout.java:42)',
    '2024-01-01T00:00:01.000000000Z I0101 00:00:01.000000       7 controller.go:12] synced',
    '2024-01-01T00:00:02.000000000Z {"level":"warn","msg":"json inside","trace_id":"0123456789abcdef0123456789abcdef"}',
    '2024-01-01T00:00:03.000000000Z 10.0.0.1 - - [01/Jan/2024:00:00:03 +0000] "GET /cart HTTP/1.1" 503 12 "-" "curl/8"',
    '2024-01-01T00:00:04Z 2024-01-01 00:00:04.000 INFO 1 --- [main] c.e.Checkout : done',
    '',
  ].join('\n');

  it('reads the line after the stamp with its own layout; the stamp is the observed time', () => {
    const r = decodeText(textLogs, text);
    const recs = logs(r);
    // records by hand: lines 1–3 (an exception's lines, each stamped, fold into the record), 4, 5, 6, 7
    expect(r.errors).toEqual([]);
    expect(recs.map((x) => x.source.line)).toEqual([1, 4, 5, 6, 7]);
    expect((recs[0]!.body as string).split('\n')).toEqual(['2024-01-01 00:00:00.090 ERROR 1 --- [main] c.e.Checkout : payment failed', 'java.lang.IllegalStateException: declined', '\tat com.example.Checkout.pay(Checkout.java:42)']);
    expect(recs[0]!.scope?.name).toBe('c.e.Checkout');
    expect(recs[0]!.attributes['thread.name']).toBe('main');
    // the app's own time has no zone: the stamp's exact, zoned time is the record's
    expect(recs[0]!.timeNs).toBe(1_704_067_200_100_000_000n);
    expect(recs[0]!.timeWithoutZone).toBeUndefined();
    expect(recs[0]!.observedTimeNs).toBe(1_704_067_200_100_000_000n); // the stamp
    expect(recs.map((x) => x.severityNumber)).toEqual([17, 9, 13, undefined, 9]);
    expect(recs[1]!.attributes['code.filepath']).toBe('controller.go'); // klog after the stamp
    expect(recs[2]).toMatchObject({ body: 'json inside', traceId: '0123456789abcdef0123456789abcdef', structured: true });
    expect(recs[3]!.attributes['http.response.status_code']).toBe(503);
    expect(recs.map((x) => x.structured)).toEqual([false, false, true, false, false]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('an rsyslog line (RFC 3339 time, host, app[pid]) quoting the app\'s own time further in stays a syslog line', () => {
    const rsyslog = ['2023-11-14T22:13:20.123456+00:00 web01 checkout[123]: 2023-11-14 22:13:20,123 ERROR payment failed', '2023-11-14T22:13:21.123456+00:00 web01 checkout[123]: 2023-11-14 22:13:21,123 INFO retry ok', ''].join('\n');
    const recs = logs(decodeText(textLogs, rsyslog));
    expect(recs.map((x) => [x.resource.serviceName, x.resource.attributes['host.name'], x.resource.attributes['process.pid'], x.severityNumber, x.observedTimeNs])).toEqual([
      ['checkout', 'web01', 123, 17, undefined],
      ['checkout', 'web01', 123, 9, undefined],
    ]);
  });

  it('a log whose own lines start with an RFC 3339 time and a level is read as before, not as stamped output', () => {
    const own = ['2024-01-01T00:00:00.100Z INFO starting', '2024-01-01T00:00:01.200Z ERROR failed', '  at frame', ''].join('\n');
    const recs = logs(decodeText(textLogs, own));
    expect(recs.map((x) => x.source.line)).toEqual([1, 2]);
    expect(recs.map((x) => x.body)).toEqual(['2024-01-01T00:00:00.100Z INFO starting', '2024-01-01T00:00:01.200Z ERROR failed\n  at frame']);
    expect(recs[0]!.observedTimeNs).toBeUndefined();
  });
});

describe('text-logs levels of common servers', () => {
  it('.NET console logger (trce/dbug/info/warn/fail/crit) and Apache 2.4 [module:level]', () => {
    const dotnet = [
      'info: Microsoft.Hosting.Lifetime[14]',
      '      Now listening on: http://localhost:5000',
      'fail: Microsoft.AspNetCore.Server.Kestrel[13]',
      '      An unhandled exception was thrown by the application.',
      '      System.InvalidOperationException: boom',
      'dbug: App.Worker[0]',
      '      tick',
      'trce: App.Worker[0]',
      '      tock',
    ].join('\n');
    const d = logs(decodeText(textLogs, dotnet));
    // 4 records (each header line with its indented lines); fail = ERROR (17), dbug 5, trce 1.
    expect(d.map((r) => [r.source.line, r.severityNumber])).toEqual([[1, 9], [3, 17], [6, 5], [8, 1]]);
    const apache = [
      '[Mon Jan 01 00:00:00.123456 2024] [core:error] [pid 1:tid 2] [client 1.2.3.4:5] AH00126: Invalid URI',
      '[Mon Jan 01 00:00:01.123456 2024] [mpm_event:notice] [pid 1:tid 2] AH00489: Apache configured',
      '[Mon Jan 01 00:00:02.123456 2024] [ssl:warn] [pid 1:tid 2] AH01909: certificate mismatch',
    ].join('\n');
    expect(logs(decodeText(textLogs, apache)).map((r) => [r.severityNumber, r.severityText])).toEqual([[17, 'error'], [10, 'notice'], [13, 'warn']]);
  });
});

describe('text-logs: Python tracebacks under logging\'s default "LEVEL:logger:message" lines (no timestamps)', () => {
  // logging.basicConfig() default format is "%(levelname)s:%(name)s:%(message)s" (Python docs);
  // logger.exception() writes the traceback after it, ending with the unindented exception line,
  // and chained tracebacks are joined by one of the two sentences below (Python docs, "Exception context").
  const text = [
    'ERROR:root:handler crashed',
    'Traceback (most recent call last):',
    '  File "app.py", line 3, in <module>',
    '    d["a"]',
    "KeyError: 'a'",
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "app.py", line 5, in <module>',
    '    raise RuntimeError("wrapped")',
    'RuntimeError: wrapped',
    'WARNING:root:after',
    'Traceback (most recent call last):',
    '  File "b.py", line 1, in <module>',
    '    raise StopIteration',
    'StopIteration',
    'WARNING: not an exception line',
    'INFO:root:done',
    '',
  ].join('\n');

  it('the exception line and the chaining sentence belong to the record above', () => {
    const r = decodeText(textLogs, text);
    // records start at the lines 1, 13, 18 and 19 (counted by hand above)
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 13, 18, 19]);
    expect(r.progress).toMatchObject({ records: 4, rejected: 0 });
    const first = logs(r)[0]!.body as string;
    expect(first.endsWith('RuntimeError: wrapped')).toBe(true);
    expect(first).toContain("KeyError: 'a'");
    expect((logs(r)[1]!.body as string).endsWith('StopIteration')).toBe(true);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: a Go panic with its goroutine dump in a log without timestamps', () => {
  // The runtime's dump (runtime/traceback.go): `goroutine N [state]:`, then per frame an
  // unindented function line and a tab-indented file:line; `created by …` closes a goroutine.
  const text = [
    'starting worker',
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
    '',
    'goroutine 1 [running]:',
    'main.handler(...)',
    '\t/app/main.go:12',
    'main.main()',
    '\t/app/main.go:8 +0x1d',
    '',
    'goroutine 18 [chan receive]:',
    'net/http.(*Server).Serve(0xc000130000, {0x6f6f50, 0xc00009c000})',
    '\t/usr/local/go/src/net/http/server.go:3056 +0x3a',
    'created by main.main in goroutine 1',
    '\t/app/main.go:6 +0x25',
    'exit status 2',
    '',
  ].join('\n');

  it('is one record from the panic line to the end of the dump', () => {
    const r = decodeText(textLogs, text);
    // three records by hand: line 1, the panic (lines 2–15), "exit status 2" (line 16)
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 2, 16]);
    expect((logs(r)[1]!.body as string).endsWith('\t/app/main.go:6 +0x25')).toBe(true);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('a long unbroken line after a panic is read in linear time', () => {
    const hostile = ['panic: x', ...Array.from({ length: 200 }, () => 'a'.repeat(4000))].join('\npanic: y\n');
    const t0 = Date.now();
    const r = decodeText(textLogs, hostile);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.progress.records).toBe(401);
  });
});

describe("text-logs: slf4j-simple's default layout (no timestamps) with a stack trace", () => {
  it('the exception a logger prints after its message, and its frames, are part of the record; after a line without a level they are not', () => {
    // slf4j-simple 2.0 (`[thread] LEVEL logger - message`, then Throwable.printStackTrace)
    const text = [
      '[main] INFO com.example.Payments - payment service started on port 8080',
      '[main] ERROR com.example.Payments - charge failed for order 99',
      'java.lang.RuntimeException: payment 99 failed',
      '\tat Slf.main(Slf.java:9)',
      'Caused by: java.lang.IllegalArgumentException: bad input: n=0',
      '\tat Slf.deep(Slf.java:3)',
      '\t... 1 more',
      '[main] INFO com.example.Payments - done',
      // a program's own line (no level), then an exception printed with printStackTrace: records of their own,
      // the exception over its stack an error (see exception-stack.ts)
      'starting the nightly batch',
      'java.lang.IllegalStateException: no input',
      '\tat App.main(App.java:5)',
      '',
    ].join('\n');
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber ?? null, x.attributes['log.record.lines'] ?? 1])).toEqual([
      [1, 9, 1],
      [2, 17, 6],
      [8, 9, 1],
      [9, null, 1],
      [10, 17, 2],
    ]);
    expect(String(recs[1]!.body).split('\n')[1]).toBe('java.lang.RuntimeException: payment 99 failed');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: the JVM\'s report of an uncaught exception (`Exception in thread "…"`)', () => {
  const lines = [
    '2026-11-27T15:38:53.987Z [main] INFO com.example.Batch - batch starting',
    '2026-11-27T15:38:53.989Z [main] WARN com.example.Batch - input file is empty',
    'Exception in thread "worker-1" java.lang.IllegalStateException: worker crashed',
    '\tat Uncaught.lambda$main$0(Uncaught.java:7)',
    '\tat java.base/java.lang.Thread.run(Thread.java:840)',
    'Caused by: java.io.IOException: disk full',
    '\t... 2 more',
    '2026-11-27T15:38:53.994Z [main] INFO com.example.Batch - batch finished',
    'Exception in thread "main" java.lang.RuntimeException: fatal: exit',
    '\tat Uncaught.main(Uncaught.java:10)',
    '',
  ];

  it('among timestamped lines: a record of its own at ERROR with its stack, not a part of the record above', () => {
    const text = lines.join('\n');
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.severityText, x.attributes['log.record.lines'] ?? 1, x.timeNs !== undefined])).toEqual([
      [1, 9, 'INFO', 1, true],
      [2, 13, 'WARN', 1, true],
      [3, 17, 'error', 5, false],
      [8, 9, 'INFO', 1, true],
      [9, 17, 'error', 2, false],
    ]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('among lines without timestamps: the same records, the reports at ERROR', () => {
    const text = lines.map((l) => l.replace(/^\S+Z /, '')).join('\n');
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.attributes['log.record.lines'] ?? 1])).toEqual([
      [1, 9, 1],
      [2, 13, 1],
      [3, 17, 5],
      [8, 9, 1],
      [9, 17, 2],
    ]);
  });
});

describe('text-logs: kubectl logs --prefix output', () => {
  // kubectl (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go addPrefixIfNeeded): "[pod/%s/%s] " with pod and container
  const text = [
    '[pod/api-7d9f8c6b5d-x2k4p/api] {"level":"error","msg":"prefixed json"}',
    '[pod/api-7d9f8c6b5d-x2k4p/api] 2024-01-05 10:00:00 ERROR failed',
    '[pod/api-7d9f8c6b5d-x2k4p/api] java.lang.IllegalStateException: x',
    '[pod/api-7d9f8c6b5d-x2k4p/api] \tat com.example.A.b(A.java:1)',
    '[pod/web-5f6d7c8b9-abcde/web] plain line of another pod',
    '',
  ].join('\n');

  it('each pod\'s line is its own record, with pod, container and service', () => {
    const r = decodeText(textLogs, text);
    // records by hand, as for compose output: line 1, lines 2–4 (the exception the logger printed
    // after its timestamped message, and its frame, continue it), line 5
    const recs = logs(r);
    expect(recs.map((x) => x.source.line)).toEqual([1, 2, 5]);
    expect(recs[0]!.body).toBe('prefixed json');
    expect(recs[0]!.severityNumber).toBe(17);
    expect(recs[1]!.body).toBe('2024-01-05 10:00:00 ERROR failed\njava.lang.IllegalStateException: x\n\tat com.example.A.b(A.java:1)');
    expect(recs.map((x) => x.resource.serviceName)).toEqual(['api', 'api', 'web']);
    expect(recs[2]!.resource.attributes['k8s.pod.name']).toBe('web-5f6d7c8b9-abcde');
    expect(recs[2]!.resource.attributes['k8s.container.name']).toBe('web');
    expect(recs.map((x) => x.structured)).toEqual([true, false, false]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('with --timestamps too: kubectl\'s stamp is the observed time, the line behind it is read as JSON, logfmt or text', () => {
    // logs.go writes the prefix, then (with --timestamps) the RFC 3339 stamp the runtime recorded
    const stamped = [
      '[pod/api-7d9f8c6b5d-x2k4p/api] 2024-03-05T14:02:11.532148107Z {"level":"info","msg":"a","service":"api","time":"2024-03-05T14:02:11.530Z"}',
      '[pod/api-7d9f8c6b5d-x2k4p/api] 2024-03-05T14:02:12.000000000Z level=warn msg="slow" path=/x',
      '[pod/api-7d9f8c6b5d-x2k4p/api] 2024-03-05T14:02:13.000000000Z plain text',
      '[pod/api-7d9f8c6b5d-x2k4p/api] 2024-03-05T14:02:13.000000001Z \tat com.example.A.b(A.java:1)',
      '',
    ].join('\n');
    const recs = logs(decodeText(textLogs, stamped));
    expect(recs.map((x) => [x.source.line, x.structured, x.resource.serviceName])).toEqual([
      [1, true, 'api'],
      [2, true, 'api'],
      [3, false, 'api'],
    ]);
    expect(recs[0]!.timeNs).toBe(1_709_647_331_530_000_000n); // the line's own time
    expect(recs[2]!.timeNs).toBe(1_709_647_333_000_000_000n); // kubectl's stamp where the line has none
    expectChunkingInvariant(textLogs, new TextEncoder().encode(stamped));
  });
});

describe('text-logs: kubectl logs --timestamps with a stack trace', () => {
  it('the stamped frames join the record above; they do not count against the stamped layout', () => {
    // Spring Boot lines behind kubectl's stamps, and an exception whose every line got a stamp
    const text = [
      '2024-03-05T14:02:11.532148107Z 2024-03-05 14:02:11.532  INFO 1 --- [           main] c.e.Demo : Started Demo',
      '2024-03-05T14:02:12.018000001Z 2024-03-05 14:02:12.018 ERROR 1 --- [nio-8080-exec-1] c.e.Controller : request failed',
      '2024-03-05T14:02:12.018000002Z java.lang.IllegalStateException: boom',
      '2024-03-05T14:02:12.018000003Z \tat com.example.demo.Controller.get(Controller.java:21)',
      '2024-03-05T14:02:12.018000004Z \tat java.base/java.lang.Thread.run(Thread.java:833)',
      '2024-03-05T14:02:13.100000000Z 2024-03-05 14:02:13.100  WARN 1 --- [nio-8080-exec-2] c.e.Controller : slow request',
      '',
    ].join('\n');
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((x) => [x.source.line, x.severityText, String(x.body).split('\n').length])).toEqual([
      [1, 'INFO', 1],
      [2, 'ERROR', 4],
      [6, 'WARN', 1],
    ]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: logcli query default output', () => {
  // grafana/loki pkg/logcli/output/default.go: RFC 3339 time, the padded label set, the line
  const text = [
    '2024-01-05T10:00:00Z {app="api", namespace="prod"} level=error msg="db down" traceID=4bf92f3577b34da6a3ce929d0e0e4736',
    '2024-01-05T10:00:01Z {app="api", namespace="prod"} {"level":"info","msg":"ok"}',
    '2024-01-05T11:00:02+01:00 {app="web"}                   panic: first line',
    'second line of the same entry',
    '',
  ].join('\n');

  it('labels name the service, the line is read as JSON, logfmt or text', () => {
    const r = decodeText(textLogs, text);
    const recs = logs(r);
    expect(r.errors).toEqual([]);
    expect(recs.map((x) => x.source.line)).toEqual([1, 2, 3]);
    expect(recs.map((x) => x.resource.serviceName)).toEqual(['api', 'api', 'web']);
    expect(recs.map((x) => x.body)).toEqual(['db down', 'ok', 'panic: first line\nsecond line of the same entry']);
    expect(recs[0]!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(recs[0]!.severityNumber).toBe(17);
    expect(recs[2]!.timeNs).toBe(1_704_448_802_000_000_000n); // 10:00:02Z; python: calendar.timegm((2024,1,5,10,0,2))
    expect(recs.map((x) => x.structured)).toEqual([true, true, false]); // logfmt, JSON, text
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  // A Java service's log shipped line by line (promtail), printed by logcli: each line trimmed, so a
  // frame has lost its tab. Oldest first (`--forward`), and newest first (logcli's default).
  const ENTRIES: [string, string][] = [
    ['2024-01-05T10:00:00Z', '2024-01-05 10:00:00.120 ERROR [worker-1] c.e.Payments - charge failed'],
    ['2024-01-05T10:00:00Z', 'java.lang.IllegalStateException: card declined'],
    ['2024-01-05T10:00:00Z', 'at com.example.Payments.charge(Payments.java:42)'],
    ['2024-01-05T10:00:00Z', '... 3 more'],
    ['2024-01-05T10:00:01Z', '2024-01-05 10:00:01.004 INFO  [worker-1] c.e.Payments - retrying'],
    ['2024-01-05T10:00:02Z', 'Exception in thread "worker-1" java.lang.OutOfMemoryError: Java heap space'],
    ['2024-01-05T10:00:02Z', 'at com.example.Payments.retry(Payments.java:77)'],
    ['2024-01-05T10:00:03Z', 'multi-line entry\nits second line'],
  ];
  const logcli = (e: [string, string][]) => e.map(([t, l]) => `${t} {app="payments"} ${l.replace('\\n', '\n')}`).join('\n') + '\n';

  it('a Java exception\'s trimmed frames, its logger\'s exception line and the uncaught exception join their records, oldest first or newest first', () => {
    const forward = logs(decodeText(textLogs, logcli(ENTRIES)));
    expect(forward.map((x) => [x.source.line, x.severityText, String(x.body).split('\n').length])).toEqual([[1, 'ERROR', 4], [5, 'INFO', 1], [6, 'error', 2], [8, undefined, 2]]);
    const back = logcli([...ENTRIES].reverse());
    const r = decodeText(textLogs, back);
    expect(r.errors).toEqual([]);
    // the same records, each read oldest line first (its first line: the last of its lines in the file); one stream: oldest record first
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityText, x.body])).toEqual([
      [9, 'ERROR', '2024-01-05 10:00:00.120 ERROR [worker-1] c.e.Payments - charge failed\njava.lang.IllegalStateException: card declined\nat com.example.Payments.charge(Payments.java:42)\n... 3 more'],
      [5, 'INFO', '2024-01-05 10:00:01.004 INFO  [worker-1] c.e.Payments - retrying'],
      [4, 'error', 'Exception in thread "worker-1" java.lang.OutOfMemoryError: Java heap space\nat com.example.Payments.retry(Payments.java:77)'],
      [1, undefined, 'multi-line entry\nits second line'],
    ]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(back));
  });

  it('newest first, told by a later line when the first lines are all one second; all one second: read as written', () => {
    const sameSecond = ENTRIES.slice(0, 4).reverse().map(([, l]) => ['2024-01-05T10:00:00Z', l] as [string, string]);
    // (one second throughout: no direction to tell, the lines read as printed — `... 3 more` and the frame after it, the exception line, the ERROR line)
    expect(logs(decodeText(textLogs, logcli(sameSecond))).map((x) => [x.source.line, String(x.body).split('\n').length])).toEqual([[1, 2], [3, 1], [4, 1]]);
    // an older line after them: newest first, the crash one record again
    const told = [...sameSecond, ['2024-01-05T09:59:58Z', '2024-01-05 09:59:58.000 INFO  [main] c.e.Payments - started'] as [string, string]];
    const recs = logs(decodeText(textLogs, logcli(told)));
    expect(recs.map((x) => [x.source.line, x.severityText, String(x.body).split('\n').length])).toEqual([[5, 'INFO', 1], [4, 'ERROR', 4]]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(logcli(told)));
  });

  it('newest first, one stream past 10,000 entries: read in runs, a crash the run\'s bound falls inside still one record', () => {
    // oldest first: 50 INFO lines, an ERROR line and its 5 frames, 9,997 INFO lines (one a second); printed newest first,
    // the 10,000th entry held is the crash's third frame from the end
    const at = (i: number) => new Date(Date.UTC(2024, 0, 5) + i * 1000).toISOString().replace('.000Z', 'Z');
    const entries: [string, string][] = [];
    for (let i = 0; i < 50; i++) entries.push([at(i), `2024-01-05 INFO [main] c.e.Jobs - tick ${i}`]);
    entries.push([at(50), '2024-01-05 ERROR [main] c.e.Jobs - job failed']);
    for (let k = 0; k < 5; k++) entries.push([at(50), `at com.example.Jobs.step${k}(Jobs.java:${k + 1})`]);
    for (let i = 51; i < 51 + 9997; i++) entries.push([at(i), `2024-01-05 INFO [main] c.e.Jobs - tick ${i}`]);
    const text = logcli(entries.reverse());
    const recs = logs(decodeText(textLogs, text));
    expect(recs.length).toBe(50 + 1 + 9997);
    const crash = recs.filter((x) => x.severityText === 'ERROR');
    expect(crash.map((x) => [x.source.line, String(x.body).split('\n')])).toEqual([[10003, ['2024-01-05 ERROR [main] c.e.Jobs - job failed', ...[0, 1, 2, 3, 4].map((k) => `at com.example.Jobs.step${k}(Jobs.java:${k + 1})`)]]]);
  });
  it('newest first, one stream of entries that begin no record past 10,000 (a JSON logger\'s): each entry read once, not weighed again at each later one', () => {
    // (at the bound every held entry but the newest stayed held, so each later entry weighed the
    // 9,999 held again: 12,000 entries took 350 s; now half the bound at most stays held)
    const at = (i: number) => new Date(Date.UTC(2024, 0, 5) + i * 1000).toISOString().replace('.000Z', 'Z');
    const n = 10_200;
    const entries: [string, string][] = [];
    for (let i = 0; i < n; i++) entries.push([at(i), `{"level":"info","msg":"request ${i} handled"}`]);
    const text = logcli(entries.reverse());
    let recs: ReturnType<typeof logs> = [];
    const chars = regexInputChars(() => (recs = logs(decodeText(textLogs, text))));
    expect(recs.length).toBe(n);
    expect(new Set(recs.map((x) => x.source.line)).size).toBe(n);
    expect(recs.every((x) => x.severityText === 'info' && x.structured)).toBe(true);
    expect(chars).toBeLessThan(text.length * 60);
  });
});

describe('text-logs: JSON or logfmt lines among text lines', () => {
  it('a whole JSON object or a logfmt line is a structured record of its own, not a continuation or free text', () => {
    // A short container log: a banner and a crash around the JSON logger's lines (too few JSON
    // lines for the file to be JSON Lines), and a logfmt logger before a Go panic.
    const mixed = [
      ' :: Spring Boot ::                (v3.2.0)',
      '{"@timestamp":"2024-01-10T12:00:00.000Z","level":"INFO","message":"started","service":"demo"}',
      'Exception in thread "main" java.lang.IllegalStateException: boom',
      '\tat com.example.App.main(App.java:42)',
      '{"@timestamp":"2024-01-10T12:00:05.000Z","level":"INFO","message":"restarted","service":"demo"}',
      'ts=2024-01-10T12:00:06Z level=warn msg="slow request" path=/api',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/app/main.go:12 +0x1d',
    ].join('\n') + '\n';
    const r = decodeText(textLogs, mixed);
    expect(r.errors).toEqual([]);
    expect(logs(r).map((x) => [x.source.line, x.structured, x.resource.serviceName ?? null, x.timeNs !== undefined])).toEqual([
      [1, false, null, false],
      [2, true, 'demo', true],
      [3, false, null, false],
      [5, true, 'demo', true],
      [6, true, null, true],
      [7, false, null, false],
    ]);
    expect(String(logs(r)[5]!.body).split('\n')).toHaveLength(4);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(mixed));
  });

  it('`a=1 b=2` prose without a known field is still text, and JSON inside a record is not cut out of it', () => {
    const text = '2024-01-10 12:00:00 INFO request body:\n  {"user":"x"}\nfoo=1 bar=2\n';
    const recs = logs(decodeText(textLogs, text));
    // (both lines continue the record their header began)
    expect(recs.map((x) => [x.source.line, x.structured, String(x.body).split('\n').length])).toEqual([[1, false, 3]]);
  });
});

describe('text-logs: JSON or logfmt data inside a record the file\'s header began', () => {
  it('a JSON line a Python message prints (no time, level or message of its own) is part of its record', () => {
    // logging.basicConfig(format="%(asctime)s %(levelname)s [%(name)s] %(message)s"), a message with a newline and json.dumps(…)
    const text = [
      '2026-11-27 15:34:02,176 INFO [payments] charging order 17',
      '2026-11-27 15:34:02,185 ERROR [payments] gateway rejected request, response body:',
      '{"code": "card_declined", "order": 17}',
      '2026-11-27 15:34:02,185 WARNING [payments] retry config:',
      'max_retries=3 backoff=exponential base_ms=200',
      '2026-11-27 15:34:02,185 INFO [payments] done',
      // a JSON logger's record in the same file (its own time, level and message): a record of its own
      '{"time":"2026-11-27T15:34:03Z","level":"warn","msg":"switched to JSON"}',
      '2026-11-27 15:34:04,001 INFO [payments] back',
      'level=error msg="logfmt record"',
      // data after a record of one line that does not introduce it: a line of its own (the program printed it)
      '2026-11-27 15:34:05,001 INFO [payments] starting',
      '{"config": {"port": 8080}}',
      '',
    ].join('\n');
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber ?? null, x.structured, String(x.body).split('\n').length])).toEqual([
      [1, 9, false, 1],
      [2, 17, false, 2],
      [4, 13, false, 2],
      [6, 9, false, 1],
      [7, 13, true, 1],
      [8, 9, false, 1],
      [9, 17, true, 1],
      [10, 9, false, 1],
      [11, null, true, 1],
    ]);
    expect(String(recs[1]!.body).split('\n')[1]).toBe('{"code": "card_declined", "order": 17}');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    // the same in a file whose every line is indented by a margin
    const indented = text.split('\n').slice(0, 6).map((l) => ` ${l}`).join('\n');
    expect(logs(decodeText(textLogs, indented)).map((x) => [x.source.line, x.structured])).toEqual([[1, false], [2, false], [4, false], [6, false]]);
  });

  it("Redis's crash report: the client list's `id=… addr=…` lines stay in the report's record", () => {
    // redis-server 7.0 after `DEBUG SEGFAULT` (serverLogRaw lines, then the bug report's raw sections)
    const client = 'id=4 addr=127.0.0.1:45972 laddr=127.0.0.1:16380 fd=7 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=29 cmd=debug user=default redir=-1 resp=2';
    const text = [
      '8360:M 27 Nov 2026 15:33:31.809 # Redis 7.0.15 crashed by signal: 11, si_code: 2',
      '8360:M 27 Nov 2026 15:33:31.809 # (00007ffe4ce4fe00) -> 00007f2bbbe14458',
      '',
      '------ INFO OUTPUT ------',
      '# Server',
      'redis_version:7.0.15',
      '',
      '------ CLIENT LIST OUTPUT ------',
      client,
      '',
      '------ CURRENT CLIENT INFO ------',
      client,
      "argv[0]: '\"debug\"'",
      '',
      '------ FAST MEMORY TEST ------',
      '8360:M 27 Nov 2026 15:33:31.809 # Bio thread for job type #0 terminated',
      '',
    ].join('\n');
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.timeNs !== undefined, x.attributes['log.record.lines'] ?? 1])).toEqual([
      [1, 13, true, 1],
      [2, 13, true, 14],
      [16, 13, true, 1],
    ]);
    expect(recs.every((x) => !x.structured)).toBe(true);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: an exception between a prefixed message and its frames', () => {
  it('joins the record of its own container (docker compose and kubectl --prefix); other unheaded lines stay records', () => {
    const compose = [
      'web-1  | 2023-10-11 14:32:52,123 INFO  [main] com.example.App - Started',
      'db-1   | 2023-10-11 14:32:52.500 UTC [1] LOG:  ready',
      'web-1  | 2023-10-11 14:32:53,000 ERROR [exec-1] com.example.Api - Request failed',
      'web-1  | java.lang.IllegalStateException: boom',
      'web-1  | \tat com.example.Api.handle(Api.java:42)',
      'web-1  | org.example.Fatal Error',
      'web-1  | Listening on 8080',
      'db-1   | org.postgresql.util.PSQLException: not after a header of db',
      '',
    ].join('\n');
    // by hand: 1, 2, 3–5 (exception and frame), 6 (not a qualified class name), 7 (a plain line),
    // 8 (db's exception line follows web's record, not a record of db's: it starts one)
    const recs = logs(decodeText(textLogs, compose));
    expect(recs.map((x) => x.source.line)).toEqual([1, 2, 3, 6, 7, 8]);
    expect(recs[2]!.body).toContain('IllegalStateException: boom\n\tat com.example.Api');
    const kubectl = [
      '[pod/web-7d4b9c8f5-abcde/app] 2023-10-11T14:32:53.000Z ERROR Request failed',
      '[pod/web-7d4b9c8f5-abcde/app] java.lang.IllegalStateException: boom',
      '[pod/web-7d4b9c8f5-abcde/app] \tat com.example.Api.handle(Api.java:42)',
      '[pod/web-7d4b9c8f5-fghij/app] 2023-10-11T14:32:54.000Z WARN  slow',
      '',
    ].join('\n');
    expect(logs(decodeText(textLogs, kubectl)).map((x) => x.source.line)).toEqual([1, 4]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(compose));
  });
});

describe('text-logs: lone CRs inside an LF file', () => {
  it('end a line where a dated line follows (two logs joined); a progress bar keeps its CRs', () => {
    const text = '2023-10-11 14:32:52,123 INFO a\n2023-10-11 14:32:53,000 INFO b\r2023-10-11 14:32:54,000 WARN c\r\n2023-10-11 14:32:55,000 INFO Downloading 10%\r20%\r100%\n';
    const recs = logs(decodeText(textLogs, text));
    // by hand: a, b, c (after the lone CR), the download line with its redraws
    expect(recs.map((r) => [r.source.line, r.source.offset, r.severityText])).toEqual([[1, 0, 'INFO'], [2, 31, 'INFO'], [2, 62, 'WARN'], [3, 94, 'INFO']]);
    expect(recs[3]!.body).toBe('2023-10-11 14:32:55,000 INFO Downloading 10%\r20%\r100%');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('text-logs: a line of many bare CRs', () => {
  it('is read in one pass: the same records as a few CRs, a dated piece after a CR run still starts a record', () => {
    // 1,000,000 CRs then a dated piece then 5 CRs on line 2. By hand: `start` (line 1, offset 0);
    // the CR run before the dated piece is no record of its own (blank); the dated piece starts at
    // offset 35 (line 2) + 1,000,000 CRs and keeps its trailing redraw CRs out of its fields.
    const text = '2023-10-11 14:32:52,123 INFO start\n' + '\r'.repeat(1_000_000) + '2023-10-11 14:32:53,000 WARN next' + '\r'.repeat(5) + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.source.line, r.source.offset, r.severityText])).toEqual([[1, 0, 'INFO'], [2, 1_000_035, 'WARN']]);
    expect(String(recs[1]!.body).startsWith('2023-10-11 14:32:53,000 WARN next')).toBe(true);
  });
});
