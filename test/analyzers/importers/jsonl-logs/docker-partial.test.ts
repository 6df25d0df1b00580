// Docker json-file splits a log line longer than 16 KB into several entries; all but the last
// have a `log` that does not end in a newline. Each entry was a record of its own; a run of
// partial entries is now one record (provenance: its first line), joined up to 1 MiB of log text
// with a coded, non-rejecting error past that, and whole = 1-, 7-, 4096-byte chunks.
import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { classifyDockerLine, DOCKER_JOIN_MAX_BYTES } from '../../../../analyzers/importers/jsonl-logs/docker-partial.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

const entry = (log: string, stream = 'stdout', time = '2026-11-25T15:04:06.000000001Z'): string => JSON.stringify({ log, stream, time });
/** `text` + '\n' as docker writes it: 16 KiB pieces, the last one with the newline. */
function split(text: string, stream = 'stdout', sec = 6): string[] {
  const full = text + '\n';
  const out: string[] = [];
  for (let i = 0; i < full.length; i += 16384) out.push(entry(full.slice(i, i + 16384), stream, `2026-11-25T15:04:0${sec}.00000000${out.length + 1}Z`));
  return out;
}
const bytesOf = (s: string): number => new TextEncoder().encode(s).length;
const BIG = '{"level":"info","msg":"payload dump","data":"' + 'x'.repeat(40_000) + '"}';

describe('classifyDockerLine', () => {
  it('partial: docker-shaped, at least 16 KiB of log as written, no escaped newline at its end', () => {
    const [p1, , last] = split(BIG);
    // 16,384 characters of log, 11 of them quotes written as \"
    expect(classifyDockerLine(p1!, bytesOf(p1!))).toEqual({ stream: 'stdout', partial: true, logBytes: 16395 });
    expect(classifyDockerLine(last!, bytesOf(last!))).toMatchObject({ stream: 'stdout', partial: false });
  });

  it('not partial: a short log without a newline (a pipeline that strips them), an escaped backslash before n, other shapes', () => {
    const short = entry('no newline here');
    expect(classifyDockerLine(short, bytesOf(short))).toEqual({ stream: 'stdout', partial: false, logBytes: 15 });
    const slashN = entry('a'.repeat(20_000) + '\\n'); // ends in a backslash and an n, not a newline
    expect(classifyDockerLine(slashN, bytesOf(slashN))?.partial).toBe(true);
    const other = JSON.stringify({ stream: 'stdout', log: 'a'.repeat(20_000) });
    expect(classifyDockerLine(other, bytesOf(other))).toBeUndefined();
    expect(classifyDockerLine('{"log":"x', 9)).toBeUndefined();
  });
});

describe('jsonl-logs: docker partial entries', () => {
  const parts = split(BIG);
  const LINES = [
    entry('2026-11-25T15:04:05Z INFO starting\n', 'stdout', '2026-11-25T15:04:05.000000001Z'),
    ...parts, // lines 2-4
    entry('2026-11-25T15:04:07Z WARN slow request\n', 'stderr', '2026-11-25T15:04:07.000000001Z'),
    entry('2026-11-25T15:04:08Z INFO done\n', 'stdout', '2026-11-25T15:04:08.000000001Z'),
  ];
  const TEXT = LINES.join('\n') + '\n';

  it('a long line split in 3 entries is one record, read from its first line (was 3 records)', () => {
    const r = decodeText(jsonlLogs, TEXT);
    expect(r.errors).toEqual([]);
    expect(r.progress).toMatchObject({ records: 4, rejected: 0, lines: 6 });
    const recs = logs(r);
    expect(recs.map((x) => x.source.line)).toEqual([1, 2, 5, 6]);
    const joined = recs[1]!;
    expect(joined.source.offset).toBe(bytesOf(LINES[0]!) + 1);
    // the inner JSON of the whole line is read: its level and message
    expect(joined.severityNumber).toBe(9);
    expect(joined.attributes['log.iostream']).toBe('stdout');
    expect(joined.observedTimeNs).toBe(BigInt(Date.UTC(2026, 10, 25, 15, 4, 6)) * 1_000_000n + 1n);
    // the whole line's JSON parsed: its message is the body, its data an attribute
    expect(joined.body).toBe('payload dump');
    expect(joined.attributes['data']).toBe('x'.repeat(40_000));
  });

  it('whole = 1-, 7-, 4096-byte chunks', () => {
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(TEXT));
  });

  it('a run longer than 1 MiB is cut there, with a non-rejecting line-too-long at its first line; the entries past it are left out', () => {
    const huge = split('y'.repeat(70 * 16384)); // 71 entries, 1,146,881 bytes of log
    const text = [entry('before\n'), ...huge, entry('after\n')].join('\n') + '\n';
    const r = decodeText(jsonlLogs, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['line-too-long', 2]]);
    expect(r.errors[0]!.message).toContain(`longer than ${DOCKER_JOIN_MAX_BYTES} bytes`);
    expect(r.progress).toMatchObject({ records: 3, rejected: 0, lines: 73 });
    expect(logs(r)[1]!.body).toBe('y'.repeat(DOCKER_JOIN_MAX_BYTES));
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text), [4096, 65_536]);
  });

  it('a run cut by the end of the file (rotated mid-line) is a record as it is', () => {
    const r = decodeText(jsonlLogs, [entry('first\n'), ...parts.slice(0, 2)].join('\n') + '\n');
    expect(r.errors).toEqual([]);
    expect(r.progress).toMatchObject({ records: 2, rejected: 0 });
    expect(logs(r)[1]!.source.line).toBe(2);
  });

  it('a line of another stream or shape between the entries leaves the run as it is: no guessing across it', () => {
    const text = [parts[0], entry('2026-11-25T15:04:07Z WARN other stream\n', 'stderr'), parts[1], parts[2]].join('\n') + '\n';
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    // lines 1 (a part alone), 2 (stderr), 3-4 (the rest joined)
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 2, 3]);
  });

  it('short entries without a newline (a shipper that strips them) are records each, as before', () => {
    const text = [entry('one'), entry('two'), entry('three')].join('\n') + '\n';
    expect(decodeText(jsonlLogs, text).progress).toMatchObject({ records: 3, rejected: 0 });
  });

  it('a broken entry inside a run is reported at its line; the run is still one record', () => {
    const broken = parts[1]!.replace('"time":"', '"time":'); // still docker-shaped, not JSON
    const r = decodeText(jsonlLogs, [parts[0], broken, parts[2]].join('\n') + '\n');
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-json', 2]]);
    expect(r.progress).toMatchObject({ records: 1, rejected: 1 });
  });

  it('a piece of a split file that starts inside a run (continuesDockerRun) skips the run’s entries up to its end', () => {
    const bytes = new TextEncoder().encode([parts[1], parts[2], entry('next\n')].join('\n') + '\n');
    const records: unknown[] = [];
    const errors: unknown[] = [];
    const d = jsonlLogs.create({ file: 'piece', sink: { record: (x) => records.push(x), error: (e) => errors.push(e) }, continuesDockerRun: 'stdout' });
    d.push(bytes);
    d.end();
    expect([records.length, errors, d.progress.lines]).toEqual([1, [], 3]);
    // without it, the same bytes are a run (lines 1-2) and a line
    expect(decodeBytes(jsonlLogs, bytes).progress.records).toBe(2);
  });
});

describe("docker json-file: a crash's lines, one entry each, are one record", () => {
  // What a Java service's logger and the JVM write through docker: the ERROR line, the exception,
  // its frames, `Caused by:`, `... n more` — each line an entry (counts by hand: 3 records).
  const crash = [
    entry('2018-03-09 03:17:09 INFO  SparkContext:54 - Running Spark\n', 'stdout', '2018-03-09T03:17:09.384Z'),
    entry('2018-03-09 03:17:10 ERROR SparkContext:91 - Error initializing SparkContext.\n', 'stderr', '2018-03-09T03:17:10.029Z'),
    entry('java.lang.Exception: exception message\n', 'stderr', '2018-03-09T03:17:10.030Z'),
    entry('\tat org.example.Tests.run(Tests.java:352)\n', 'stderr', '2018-03-09T03:17:10.030Z'),
    entry('Caused by: java.lang.RuntimeException: cause\n', 'stderr', '2018-03-09T03:17:10.031Z'),
    entry('\t... 37 more\n', 'stderr', '2018-03-09T03:17:10.031Z'),
    entry('2018-03-09 03:17:10 INFO  SparkContext:54 - Submitted application\n', 'stdout', '2018-03-09T03:17:10.324Z'),
  ].join('\n') + '\n';

  it('joins the lines into the record above them, whole or in chunks', () => {
    const recs = logs(decodeText(jsonlLogs, crash));
    expect(recs.map((r) => [r.source.line, r.severityNumber])).toEqual([[1, 9], [2, 17], [7, 9]]);
    expect((recs[1]!.body as string).split('\n')).toEqual(['2018-03-09 03:17:10 ERROR SparkContext:91 - Error initializing SparkContext.', 'java.lang.Exception: exception message', '\tat org.example.Tests.run(Tests.java:352)', 'Caused by: java.lang.RuntimeException: cause', '\t... 37 more']);
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(crash));
  });

  it('not across streams, not over a second apart, and a stamped line starts a record of its own', () => {
    const apart = [
      entry('2018-03-09 03:17:10 ERROR failed\n', 'stderr', '2018-03-09T03:17:10.000Z'),
      entry('\tat a.B.c(B.java:1)\n', 'stdout', '2018-03-09T03:17:10.000Z'), // another stream
      entry('\tat a.B.d(B.java:2)\n', 'stderr', '2018-03-09T03:17:12.000Z'), // 2 s later
      entry('2018-03-09 03:17:12 WARN next\n', 'stderr', '2018-03-09T03:17:12.000Z'),
      entry('{"level":"info","msg":"json"}\n', 'stderr', '2018-03-09T03:17:12.000Z'),
    ].join('\n');
    expect(logs(decodeText(jsonlLogs, apart)).map((r) => r.source.line)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('docker json-file: a Go panic and an exception after an empty line', () => {
  // A Go program's panic as docker writes it (one entry per line, the runtime's format:
  // runtime/panic.go, runtime/traceback.go), and Tomcat's "with root cause" followed by an empty
  // line and the exception (counts by hand: 4 records).
  const at = (ms: number) => `2026-04-28T21:00:54.${String(ms).padStart(3, '0')}Z`;
  const lines: [string, string][] = [
    ['another line...', 'stderr'],
    ['panic: my panic', 'stderr'],
    ['', 'stderr'],
    ['goroutine 4 [running]:', 'stderr'],
    ['panic(0x45cb40, 0x47ad70)', 'stderr'],
    ['\t/usr/local/go/src/runtime/panic.go:542 +0x46c', 'stderr'],
    ['main.main.func1(0xc420024120)', 'stderr'],
    ['created by main.main', 'stderr'],
    ['', 'stderr'],
    ['2023-09-08 22:39:38.244  WARN 3984 --- [exec-2] Resolver : Servlet threw exception with root cause', 'stdout'],
    ['', 'stdout'],
    ['java.lang.IllegalStateException: Cannot call sendError()', 'stdout'],
    ['\tat org.apache.catalina.connector.ResponseFacade.sendError(ResponseFacade.java:472)', 'stdout'],
    ['2023-09-08 22:39:39.001  INFO 3984 --- [exec-3] Controller : next', 'stdout'],
  ];
  const text = lines.map(([l, s], i) => entry(l + '\n', s, at(i))).join('\n') + '\n';

  it('joins the dump (empty lines, goroutine header, unindented frames) and the exception into the record above, whole or in chunks', () => {
    const recs = logs(decodeText(jsonlLogs, text));
    // (the empty line after the dump continues nothing: no record, as the same line in a plain file)
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 10, 14]);
    expect((recs[1]!.body as string).split('\n')).toEqual(lines.slice(1, 8).map(([l]) => l));
    expect((recs[2]!.body as string).split('\n')).toEqual(lines.slice(9, 13).map(([l]) => l));
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });

  it('an empty line between two records of their own joins neither, and is no record (as in a plain file); nor one a second later, or on another stream', () => {
    const late = '2026-04-28T21:00:56.000Z';
    for (const [t, stream] of [[at(1), 'stdout'], [late, 'stdout'], [at(1), 'stderr']] as const) {
      const two = [entry('first\n', 'stdout', at(0)), entry('\n', stream, t), entry('second\n', 'stdout', t === late ? late : at(2))].join('\n') + '\n';
      const r = decodeText(jsonlLogs, two);
      expect(logs(r).map((x) => [x.body, x.source.line])).toEqual([
        ['first', 1],
        ['second', 3],
      ]);
      expect(r.errors).toEqual([]);
      expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(two));
    }
  });
});

// rustc 1.95, tracing-subscriber's Full format then a panic (RUST_BACKTRACE=1, frames cut), as docker
// json-file keeps a container's stderr: one entry a line (the probe of stop 28).
describe("docker json-file: Rust's panic report", () => {
  const at = (ms: number) => `2026-11-28T03:00:00.${String(ms).padStart(3, '0')}Z`;
  const lines = [
    '2026-11-28T03:17:40.986058Z ERROR app: about to fail',
    '',
    "thread 'main' (26054) panicked at src/main.rs:47:152:",
    'config missing',
    'stack backtrace:',
    '   0: __rustc::rust_begin_unwind',
    '             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689:5',
    'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
    '2026-11-28T03:17:41.000000Z  INFO app: restarted',
  ];
  const text = lines.map((l, i) => entry(l + '\n', 'stderr', at(i))).join('\n') + '\n';

  it('is one record at FATAL from its head to its note (was 4 records without a level), whole or in chunks', () => {
    const recs = logs(decodeText(jsonlLogs, text));
    // (the empty entry Rust prints before the head is no record, as in a plain file and behind CRI)
    expect(recs.map((r) => [r.source.line, r.severityText])).toEqual([[1, 'ERROR'], [3, 'fatal'], [9, 'INFO']]);
    expect((recs[1]!.body as string).split('\n')).toEqual(lines.slice(2, 8));
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });

  it("another thread's panic at ERROR, a stack overflow at FATAL; a `note:` of the program's own after other text is no report's", () => {
    const worker = ["thread 'worker-1' (26241) panicked at src/main.rs:46:94:", 'worker failed', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace', 'main continues'];
    const w = logs(decodeText(jsonlLogs, worker.map((l, i) => entry(l + '\n', 'stderr', at(i))).join('\n') + '\n'));
    expect(w.map((r) => [r.source.line, r.severityText])).toEqual([[1, 'error'], [4, undefined]]);
    const overflow = ["thread 'main' (11208) has overflowed its stack", 'fatal runtime error: stack overflow, aborting'];
    expect(logs(decodeText(jsonlLogs, overflow.map((l, i) => entry(l + '\n', 'stderr', at(i))).join('\n') + '\n')).map((r) => [r.source.line, r.severityText])).toEqual([[1, 'fatal']]);
    const own = ['starting', 'note: cache is cold', 'ready'];
    expect(logs(decodeText(jsonlLogs, own.map((l, i) => entry(l + '\n', 'stderr', at(i))).join('\n') + '\n'))).toHaveLength(3);
  });
});

describe("docker json-file: Python's chained tracebacks, stack_info and loguru's diagnose, one entry a line", () => {
  // What CPython's logging and traceback modules print (a logger's record with a chained exception,
  // `stack_info=True`), the interpreter's report of an uncaught one, and loguru's `backtrace=True,
  // diagnose=True` block (`> File` on the raising frame, empty lines between frames), each line a
  // docker entry on stderr a millisecond apart (counts by hand: 4 records).
  const at = (ms: number) => `2026-11-28T03:00:00.${String(ms).padStart(3, '0')}Z`;
  const lines = [
    '2026-11-28 02:58:35,226 ERROR shop.orders: startup aborted',
    'Traceback (most recent call last):',
    '  File "/app/x.py", line 17, in <module>',
    'ValueError: invalid literal',
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/x.py", line 19, in <module>',
    'RuntimeError: config invalid',
    '2026-11-28 02:58:35,231 INFO shop.orders: stack info follows',
    'Stack (most recent call last):',
    '  File "/app/x.py", line 35, in <module>',
    '2026-11-28 02:59:11.380 | ERROR    | __main__:<module>:31 - compute failed',
    'Traceback (most recent call last):',
    '',
    '> File "/app/l.py", line 29, in <module>',
    '    compute([1, 2, 0])',
    '',
    'ZeroDivisionError: division by zero',
    'Traceback (most recent call last):',
    '  File "/app/u.py", line 7, in main',
    'FileNotFoundError: [Errno 2] No such file or directory',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "/app/u.py", line 10, in <module>',
    'RuntimeError: cannot start',
  ];
  // (the uncaught exception's report two seconds later: a traceback right under a record continues it, see docker-crash.ts)
  const text = lines.map((l, i) => entry(l + '\n', 'stderr', i < 20 ? at(i) : at(i).replace(':00.', ':02.'))).join('\n') + '\n';

  it('joins each traceback, its chain and stack into the record above; a traceback that begins a record is ERROR; whole or in chunks', () => {
    const recs = logs(decodeText(jsonlLogs, text));
    expect(recs.map((r) => [r.source.line, r.severityNumber])).toEqual([[1, 17], [11, 9], [14, 17], [21, 17]]);
    expect((recs[0]!.body as string).split('\n')).toEqual(lines.slice(0, 10));
    expect((recs[2]!.body as string).split('\n')).toEqual(lines.slice(13, 20));
    expect((recs[3]!.body as string).split('\n')).toEqual(lines.slice(20));
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });
});

describe("docker json-file: CPython's fatal error report, one entry a line", () => {
  const lines = ['Fatal Python error: Segmentation fault', '', 'Current thread 0x00007fe27499f040 (most recent call first):', '  File "/app/w.py", line 5 in <module>', '', 'Extension modules: yaml._yaml (total: 1)', 'next line'];
  const text = lines.map((l, i) => entry(l + '\n', 'stderr', `2026-11-28T03:00:00.00${i}Z`)).join('\n') + '\n';
  it('is one record at FATAL (its level word), up to its extension modules', () => {
    const recs = logs(decodeText(jsonlLogs, text));
    expect(recs.map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines'] ?? 1])).toEqual([[1, 21, 1], [7, undefined, 1]]);
    expect((recs[0]!.body as string).split('\n')).toEqual(lines.slice(0, 6));
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });
});
