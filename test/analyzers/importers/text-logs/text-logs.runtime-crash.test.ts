// The reports Python, Ruby, Go, Rust and .NET print as an exception or a panic ends the program, after the
// program's own log lines (their output captured as the runtimes wrote it, on stderr): records of
// their own, as Node's report and the JVM's `Exception in thread` are. A traceback a logger prints
// with its record (`logging.exception`, `exc_info=True`) stays that record's. Expected records are
// counted off the lines by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';

/** Each record as [first line, severity number, severity text, lines]. */
function read(text: string): [number | undefined, number | undefined, string | undefined, unknown][] {
  const r = decodeText(textLogs, text);
  expect(r.progress.rejected).toBe(0);
  return logs(r).map((x) => [x.source.line, x.severityNumber, x.severityText, x.attributes['log.record.lines'] ?? 1]);
}

function invariant(text: string): void {
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
}

// python3.11 crash.py: logging.basicConfig(format='%(asctime)s %(levelname)s %(name)s: %(message)s'), two
// logging.info lines, then an uncaught KeyError.
const PY_CRASH = [
  '2026-11-27 18:42:22,795 INFO worker: job 1 started',
  '2026-11-27 18:42:22,796 INFO worker: job 1 done',
  'Traceback (most recent call last):',
  '  File "/srv/crash.py", line 7, in <module>',
  '    run()',
  '  File "/srv/crash.py", line 6, in run',
  "    def run(): return {}['cfg']",
  '                      ~~^^^^^^^',
  "KeyError: 'cfg'",
].join('\n') + '\n';

describe("text-logs: Python's report of an uncaught exception after a logger's lines", () => {
  it('is a record of its own at ERROR (3 records: the 2 INFO lines, the traceback of 7 lines)', () => {
    expect(read(PY_CRASH)).toEqual([[1, 9, 'INFO', 1], [2, 9, 'INFO', 1], [3, 17, 'error', 7]]);
    const crash = logs(decodeText(textLogs, PY_CRASH))[2]!;
    expect(crash.body).toBe(PY_CRASH.split('\n').slice(2, 9).join('\n'));
    expect(crash.timeNs).toBeUndefined();
    invariant(PY_CRASH);
  });

  it('alone, or after lines a program printed (no header): a record at ERROR too', () => {
    const alone = PY_CRASH.split('\n').slice(2).join('\n');
    expect(read(alone)).toEqual([[1, 17, 'error', 7]]);
    const printed = ['loading config', 'config ok', ...PY_CRASH.split('\n').slice(2)].join('\n');
    expect(read(printed)).toEqual([[1, undefined, undefined, 1], [2, undefined, undefined, 1], [3, 17, 'error', 7]]);
    invariant(printed);
  });

  it('`python -m` (runpy first) and a chained crash are one record; two crashes in a row are two', () => {
    const chained = [
      '2026-11-27 18:42:22,795 DEBUG worker: loading',
      'Traceback (most recent call last):',
      '  File "<frozen runpy>", line 198, in _run_module_as_main',
      '  File "/srv/worker/__main__.py", line 3, in <module>',
      "KeyError: 'cfg'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "<frozen runpy>", line 198, in _run_module_as_main',
      '  File "/srv/worker/__main__.py", line 5, in <module>',
      'RuntimeError: no config',
      'Traceback (most recent call last):',
      '  File "/srv/worker/__main__.py", line 3, in <module>',
      "KeyError: 'cfg'",
    ].join('\n') + '\n';
    expect(read(chained)).toEqual([[1, 5, 'DEBUG', 1], [2, 17, 'error', 11], [13, 17, 'error', 3]]);
    invariant(chained);
  });

  it("a thread's report (threading's excepthook: its header, then the traceback) is one record", () => {
    const thread = [
      '2026-11-27 18:42:22,795 INFO worker: pool started',
      'Exception in thread Thread-1 (work):',
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3.11/threading.py", line 1045, in _bootstrap_inner',
      '    self.run()',
      'ZeroDivisionError: division by zero',
      '2026-11-27 18:42:23,000 INFO worker: pool stopped',
    ].join('\n') + '\n';
    expect(read(thread)).toEqual([[1, 9, 'INFO', 1], [2, 17, 'error', 5], [7, 9, 'INFO', 1]]);
    invariant(thread);
  });
});

describe("text-logs: an exception Python ignored (`Exception ignored in: …`) after a logger's lines", () => {
  // python3.12: a __del__ that raises, among logging's lines; the program goes on (WARN, not ERROR).
  it('is a record of its own at WARN, its traceback in it, the lines after it their own', () => {
    const text = [
      '2026-11-27 18:42:22,795 INFO pool: closing',
      'Exception ignored in: <function Conn.__del__ at 0x7f0c2b3f1e40>',
      'Traceback (most recent call last):',
      '  File "/srv/pool.py", line 12, in __del__',
      '    self.sock.close()',
      "AttributeError: 'NoneType' object has no attribute 'close'",
      '2026-11-27 18:42:22,796 ERROR pool: closed with errors',
      'Exception ignored in atexit callback: <function flush at 0x7f0c2b3f1f00>',
      'Traceback (most recent call last):',
      '  File "/srv/pool.py", line 30, in flush',
      'OSError: [Errno 9] Bad file descriptor',
      'Traceback (most recent call last):',
      '  File "/srv/main.py", line 3, in <module>',
      'SystemError: crash',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 9, 'INFO', 1], [2, 13, 'warn', 5], [7, 17, 'ERROR', 1], [8, 13, 'warn', 4], [12, 17, 'error', 3]]);
    invariant(text);
  });

  it("without a traceback (a pipe closed under print): the exception's line is its only other line, also after printed lines", () => {
    const text = [
      'row 1',
      'row 2',
      "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>",
      'BrokenPipeError: [Errno 32] Broken pipe',
      'row 3',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, undefined, undefined, 1], [2, undefined, undefined, 1], [3, 13, 'warn', 2], [5, undefined, undefined, 1]]);
    invariant(text);
  });

  it('a generator closed while it raised StopIteration (a bare class name, no message): its line is the report\'s too', () => {
    const text = ['row 1', 'Exception ignored in: <generator object rows at 0x7f0c2b3f1e40>', 'StopIteration', 'row 2'].join('\n') + '\n';
    expect(read(text)).toEqual([[1, undefined, undefined, 1], [2, 13, 'warn', 2], [4, undefined, undefined, 1]]);
    invariant(text);
  });
});

describe("text-logs: a traceback a Python logger prints with its record stays that record's", () => {
  // logging.exception / logger.error(…, exc_info=True) / logger.warning(…, exc_info=True): the
  // record's line, then the traceback from where the exception was caught; logger.debug(…,
  // exc_info=True) (botocore's "Exception received when sending HTTP request.") likewise.
  const LOGGED = [
    '2026-11-27 18:42:22,795 INFO api: request 1',
    '2026-11-27 18:42:22,796 ERROR api: request 1 failed',
    'Traceback (most recent call last):',
    '  File "/srv/api.py", line 20, in handle',
    '    charge()',
    'ValueError: declined',
    '2026-11-27 18:42:22,797 WARNING api: retrying',
    'Traceback (most recent call last):',
    '  File "/srv/api.py", line 31, in retry',
    'TimeoutError',
    '2026-11-27 18:42:22,798 DEBUG botocore.endpoint: Exception received when sending HTTP request.',
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3/site-packages/botocore/endpoint.py", line 281, in _do_get_response',
    'ConnectionResetError: [Errno 104] Connection reset by peer',
    '2026-11-27 18:42:22,799 CRITICAL api: giving up',
    'Traceback (most recent call last):',
    '  File "/srv/api.py", line 40, in <module>',
    '    main()',
    'SystemError: fatal',
  ].join('\n') + '\n';

  it('after ERROR, WARNING, CRITICAL (even from the top frame), and after DEBUG from a frame inside the program: 5 records', () => {
    expect(read(LOGGED)).toEqual([[1, 9, 'INFO', 1], [2, 17, 'ERROR', 5], [7, 13, 'WARNING', 4], [11, 5, 'DEBUG', 4], [15, 21, 'CRITICAL', 5]]);
    invariant(LOGGED);
  });

  it("logging's default format (no time), a chained traceback included", () => {
    const text = [
      'ERROR:root:handler crashed',
      'Traceback (most recent call last):',
      '  File "app.py", line 3, in <module>',
      "KeyError: 'a'",
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'Traceback (most recent call last):',
      '  File "app.py", line 5, in <module>',
      'RuntimeError: wrapped',
      'INFO:root:done',
      'Traceback (most recent call last):',
      '  File "app.py", line 9, in <module>',
      'OSError: crash',
    ].join('\n') + '\n';
    // (the empty lines around the chaining sentence are the record's, as printed)
    expect(read(text)).toEqual([[1, 17, 'ERROR', 10], [11, 9, 'INFO', 1], [12, 17, 'error', 3]]);
    invariant(text);
  });
});

describe('text-logs: a Go panic after a log.Printf line', () => {
  // go1.19 run main.go: log.Printf, then a nil map assignment; `go run` adds `exit status 2`.
  const PANIC = [
    'panic: assignment to entry in nil map',
    '',
    'goroutine 1 [running]:',
    'main.main()',
    '\t/srv/main.go:25 +0x285',
    '',
    'goroutine 18 [chan receive]:',
    'main.main.func1()',
    '\t/srv/main.go:20 +0x5a',
    'created by main.main',
    '\t/srv/main.go:20 +0x1a7',
    'exit status 2',
  ];
  const LOGGED = ['2026/11/27 18:35:32 starting', '2026/11/27 18:35:32 processing batch 7', ...PANIC].join('\n') + '\n';

  it('is a record of its own at FATAL, the same record as the panic alone, its dump as printed, empty lines kept (exit status 2 apart)', () => {
    expect(read(LOGGED)).toEqual([[1, undefined, undefined, 1], [2, undefined, undefined, 1], [3, 21, 'panic', 11], [14, undefined, undefined, 1]]);
    expect(read(PANIC.join('\n') + '\n')).toEqual([[1, 21, 'panic', 11], [12, undefined, undefined, 1]]);
    const body = (text: string) => logs(decodeText(textLogs, text)).find((x) => x.severityNumber === 21)!.body;
    expect(body(LOGGED)).toBe(PANIC.slice(0, 11).join('\n'));
    expect(body(PANIC.join('\n') + '\n')).toBe(PANIC.slice(0, 11).join('\n'));
    invariant(LOGGED);
    invariant(PANIC.join('\n') + '\n');
  });

  it('plain and behind CRI: the same record, the same body (the program\'s output as it printed it)', () => {
    const stamp = (i: number) => new Date(Date.UTC(2026, 10, 27, 18, 35, 32) + i).toISOString().replace('Z', '123456Z');
    const variants = {
      plain: LOGGED,
      cri: LOGGED.split('\n').slice(0, -1).map((l, i) => `${stamp(i)} stderr F ${l}`).join('\n') + '\n',
    };
    for (const [name, text] of Object.entries(variants)) {
      expect(read(text), name).toEqual([[1, undefined, undefined, 1], [2, undefined, undefined, 1], [3, 21, 'panic', 11], [14, undefined, undefined, 1]]);
      expect(logs(decodeText(textLogs, text))[2]!.body, name).toBe(PANIC.slice(0, 11).join('\n'));
      invariant(text);
    }
  });

  it('where no header begins the records, an empty line between lines of one record is kept, one after it is not (a separator)', () => {
    const text = ['starting', 'Traceback (most recent call last):', '  File "/srv/a.py", line 3, in <module>', "KeyError: 'a'", '', 'During handling of the above exception, another exception occurred:', '', 'Traceback (most recent call last):', '  File "/srv/a.py", line 5, in <module>', 'RuntimeError: b', '', '', 'done'].join('\n') + '\n';
    expect(read(text)).toEqual([[1, undefined, undefined, 1], [2, 17, 'error', 9], [13, undefined, undefined, 1]]);
    expect(logs(decodeText(textLogs, text))[1]!.body).toBe(text.split('\n').slice(1, 10).join('\n'));
    invariant(text);
  });

  it("a fatal error (throw) is one too; a panic message over two lines stays whole; a logger's stack (net/http's recovered panic) stays the logger's", () => {
    const text = [
      '2026/11/27 18:35:32 http: panic serving 127.0.0.1:40000: boom',
      'goroutine 7 [running]:',
      'net/http.(*conn).serve.func1()',
      '\t/usr/local/go/src/net/http/server.go:1850 +0xbf',
      '2026/11/27 18:35:33 retrying',
      'panic: first line',
      'second line',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/srv/main.go:9 +0x1d',
      '2026/11/27 18:35:34 restarted',
      'fatal error: all goroutines are asleep - deadlock!',
      '',
      'goroutine 1 [chan receive]:',
      'main.main()',
      '\t/srv/main.go:12 +0x2a',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, undefined, undefined, 4], [5, undefined, undefined, 1], [6, 21, 'panic', 6], [12, undefined, undefined, 1], [13, 21, 'fatal', 5]]);
    invariant(text);
  });
});

describe("text-logs: Ruby's report of an uncaught exception after a Logger line", () => {
  const LOGGED = [
    'I, [2026-11-27T18:42:15.850308 #20742]  INFO -- billing: multi',
    'line message',
    "app.rb:22:in `b': uncaught boom (RuntimeError)",
    "\tfrom app.rb:21:in `a'",
    "\tfrom app.rb:23:in `<main>'",
  ].join('\n') + '\n';

  it('is a record of its own at ERROR (Ruby 3.1 and 3.4 quoting)', () => {
    expect(read(LOGGED)).toEqual([[1, 9, 'INFO', 2], [3, 17, 'error', 3]]);
    const ruby34 = LOGGED.replace(/`b'/, "'Object#b'").replace(/`a'/, "'Object#a'").replace(/`<main>'/, "'<main>'");
    expect(read(ruby34)).toEqual([[1, 9, 'INFO', 2], [3, 17, 'error', 3]]);
    invariant(LOGGED);
  });

  it('alone (the file holds only the report) it is read, one record at ERROR, not refused as source code', () => {
    const alone = LOGGED.split('\n').slice(2).join('\n');
    const ruby34 = alone.replace(/`b'/, "'Object#b'").replace(/`a'/, "'Object#a'").replace(/`<main>'/, "'<main>'");
    for (const text of [alone, ruby34]) {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('text-logs');
      expect(read(text)).toEqual([[1, 17, 'error', 3]]);
      invariant(text);
    }
  });

  it("a thread's report (its header, then the exception) is one record; Logger's own backtrace (log.error(e)) stays its record's", () => {
    const text = [
      'E, [2026-11-27T18:42:15.850308 #20742] ERROR -- billing: boom (RuntimeError)',
      "app.rb:21:in 'a'",
      "app.rb:23:in '<main>'",
      '#<Thread:0x00007f8b1c0a2b40 app.rb:5 run> terminated with exception (report_on_exception is true):',
      "app.rb:6:in 'block in <main>': worker died (IOError)",
      "\tfrom app.rb:5:in 'Thread#initialize'",
      'I, [2026-11-27T18:42:16.000000 #20742]  INFO -- billing: done',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 17, 'ERROR', 3], [4, 17, 'error', 3], [7, 9, 'INFO', 1]]);
    invariant(text);
  });
});

describe("text-logs: Rust's report of a panic after env_logger's lines", () => {
  // cargo run (Rust 1.80): env_logger's lines, then a panic in the main thread; with RUST_BACKTRACE=1, its backtrace.
  const PANIC = [
    "thread 'main' panicked at src/main.rs:5:5:",
    'index out of bounds: the len is 3 but the index is 7',
    'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
  ];
  const BACKTRACE = [
    "thread 'main' panicked at src/main.rs:5:5:",
    'boom',
    'stack backtrace:',
    '   0: rust_begin_unwind',
    '             at /rustc/3f5fd8dd41153bc5fdca9427e9e05be2c767ba23/library/std/src/panicking.rs:652:5',
    '   1: crash::main',
    '             at ./src/main.rs:5:5',
    'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
  ];
  const LOG = ['[2026-11-27T18:42:22Z INFO  crash] starting', '[2026-11-27T18:42:22Z WARN  crash] cache cold'];

  it("the main thread's panic is a record of its own at FATAL (the process ends): head, message, note", () => {
    const text = [...LOG, ...PANIC].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 9, 'INFO', 1], [2, 13, 'WARN', 1], [3, 21, 'fatal', 3]]);
    expect(logs(decodeText(textLogs, text))[2]!.body).toBe(PANIC.join('\n'));
    invariant(text);
  });

  it('with its backtrace: one record of 8 lines; alone, and after lines a program printed, the same', () => {
    for (const text of [[...LOG, ...BACKTRACE], ['loading', 'loaded', ...BACKTRACE]].map((l) => l.join('\n') + '\n')) {
      expect(read(text).slice(2)).toEqual([[3, 21, 'fatal', 8]]);
      invariant(text);
    }
    expect(read(BACKTRACE.join('\n') + '\n')).toEqual([[1, 21, 'fatal', 8]]);
    expect(read(PANIC.join('\n') + '\n')).toEqual([[1, 21, 'fatal', 3]]);
  });

  it("another thread's panic (it ends that thread) is at ERROR, the lines after it their own; Rust's older one-line head too", () => {
    const text = [
      '[2026-11-27T18:42:22Z INFO  crash] spawning worker',
      "thread '<unnamed>' panicked at src/worker.rs:9:9:",
      'queue closed',
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
      '[2026-11-27T18:42:23Z ERROR crash] worker failed',
      "thread 'main' panicked at 'worker failed', src/main.rs:12:33",
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 9, 'INFO', 1], [2, 17, 'error', 3], [5, 17, 'ERROR', 1], [6, 21, 'fatal', 2]]);
    invariant(text);
    // where no header begins the records: the line after an older (one-line) head is a line of its own
    const printed = ['spawning worker', "thread 'worker-1' panicked at 'queue closed', src/worker.rs:9:9", 'worker failed', 'done'].join('\n') + '\n';
    expect(read(printed)).toEqual([[1, undefined, undefined, 1], [2, 17, 'error', 1], [3, undefined, undefined, 1], [4, undefined, undefined, 1]]);
    invariant(printed);
  });
});

describe(".NET's report of an unhandled exception after a logger's lines", () => {
  // dotnet run (.NET 8): Serilog's file format, then the exception the program ended on.
  const CRASH = [
    'Unhandled exception. System.InvalidOperationException: Sequence contains no elements',
    '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
    '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
    '   at Program.<Main>$(String[] args) in /src/Program.cs:line 5',
  ];

  it('is a record of its own at ERROR (an exception, as the JVM\'s and Python\'s are)', () => {
    const text = ['2026-11-27 18:42:22.795 +00:00 [INF] Worker started', '2026-11-27 18:42:22.796 +00:00 [WRN] Queue empty', ...CRASH].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 9, 'INF', 1], [2, 13, 'WRN', 1], [3, 17, 'error', 4]]);
    expect(logs(decodeText(textLogs, text))[2]!.body).toBe(CRASH.join('\n'));
    invariant(text);
    expect(read(CRASH.join('\n') + '\n')).toEqual([[1, 17, 'error', 4]]);
  });

  it("an async method's boundary and an inner exception stay in the report, also after lines a program printed; .NET Framework's head too", () => {
    const text = [
      'Worker started',
      'Unhandled exception. System.AggregateException: One or more errors occurred. (boom)',
      ' ---> System.Exception: boom',
      '   at Program.Run() in /src/Program.cs:line 9',
      '--- End of stack trace from previous location ---',
      '   at Program.Main() in /src/Program.cs:line 4',
      '   --- End of inner exception stack trace ---',
      'Worker stopped',
      'Unhandled Exception: System.Exception: old',
      '   at Program.Main()',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, undefined, undefined, 1], [2, 17, 'error', 6], [8, undefined, undefined, 1], [9, 17, 'error', 2]]);
    invariant(text);
  });
});

describe('text-logs: a traceback uWSGI prints between request lines', () => {
  it("is a record of its own, not a line of the request line above it", () => {
    const text = [
      '[pid: 6704|app: 0|req: 1/1] 127.0.0.1 () {24 vars in 246 bytes} [Fri Nov 27 18:39:16 2026] GET / => generated 3 bytes in 0 msecs (HTTP/1.1 200) 1 headers in 45 bytes (1 switches on core 0)',
      'Traceback (most recent call last):',
      '  File "app.py", line 6, in application',
      '    raise ValueError("boom requested")',
      'ValueError: boom requested',
      '[pid: 6704|app: 0|req: 2/2] 127.0.0.1 () {24 vars in 254 bytes} [Fri Nov 27 18:39:16 2026] GET /boom => generated 0 bytes in 0 msecs (HTTP/1.1 500) 0 headers in 0 bytes (0 switches on core 0)',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, undefined, undefined, 1], [2, 17, 'error', 4], [6, undefined, undefined, 1]]);
    invariant(text);
  });
});

describe("text-logs: a Java logger's exception stays its record's", () => {
  it('logger.error("…", e): the exception line and its frames are the ERROR record', () => {
    const text = [
      '2026-11-27 18:42:22.795  INFO 1 --- [main] c.e.App : started',
      '2026-11-27 18:42:22.796 ERROR 1 --- [main] c.e.App : charge failed',
      'java.lang.IllegalStateException: boom',
      '\tat com.example.App.charge(App.java:10)',
      'Caused by: java.io.IOException: reset',
      '\t... 1 more',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 9, 'INFO', 1], [2, 17, 'ERROR', 5]]);
    invariant(text);
  });
});

describe('text-logs: a Python service crashing behind container prefixes', () => {
  // A Flask-style service's stderr: a logged traceback (logging.exception), then the uncaught one it died of.
  const POD = [
    '2026-11-27 15:38:41,600 INFO app: started',
    '2026-11-27 15:38:41,700 ERROR app: request failed',
    'Traceback (most recent call last):',
    '  File "/app/app.py", line 20, in handle',
    'ValueError: declined',
    '2026-11-27 15:38:41,800 INFO app: shutting down',
    'Traceback (most recent call last):',
    '  File "/app/app.py", line 30, in <module>',
    '    main()',
    "KeyError: 'cfg'",
    '2026-11-27 15:38:43,000 INFO app: started',
  ];
  const EXPECTED = [[1, 9, 'INFO', 1], [2, 17, 'ERROR', 4], [6, 9, 'INFO', 1], [7, 17, 'error', 4], [11, 9, 'INFO', 1]];
  const stamp = (i: number) => new Date(Date.UTC(2026, 10, 27, 15, 38, 41, 500) + 137 * (i + 1)).toISOString().replace('Z', '123456Z');
  const stampNs = (i: number) => BigInt(Date.UTC(2026, 10, 27, 15, 38, 41, 500) + 137 * (i + 1)) * 1_000_000n + 123_456n;
  const PREFIXED: Record<string, (l: string, i: number) => string> = {
    plain: (l) => l,
    'kubectl logs --prefix': (l) => `[pod/api-7d9f8c6b5d-x2k4p/api] ${l}`,
    'kubectl logs --prefix --timestamps': (l, i) => `[pod/api-7d9f8c6b5d-x2k4p/api] ${stamp(i)} ${l}`,
    'kubectl logs --timestamps': (l, i) => `${stamp(i)} ${l}`,
    'CRI (/var/log/pods)': (l, i) => `${stamp(i)} stderr F ${l}`,
    'docker compose logs': (l) => `api-1  | ${l}`,
  };
  for (const [name, prefix] of Object.entries(PREFIXED)) {
    it(`${name}: the logged traceback is its ERROR record's, the uncaught one a record of its own`, () => {
      const text = POD.map(prefix).join('\n') + '\n';
      expect(read(text)).toEqual(EXPECTED);
      invariant(text);
    });
  }

  it("the crash takes the time of its first line's stamp where the prefix gives one", () => {
    for (const name of ['kubectl logs --prefix --timestamps', 'kubectl logs --timestamps', 'CRI (/var/log/pods)']) {
      const recs = logs(decodeText(textLogs, POD.map(PREFIXED[name]!).join('\n') + '\n'));
      expect(recs[3]!.timeNs, name).toBe(stampNs(6));
      expect(recs[3]!.body, name).toBe(POD.slice(6, 10).join('\n'));
    }
  });

  it('behind CRI, a Go panic after a log line is a record of its own at FATAL', () => {
    const lines = ['2026/11/27 15:38:41 starting', '2026/11/27 15:38:41 processing batch 7', 'panic: assignment to entry in nil map', '', 'goroutine 1 [running]:', 'main.main()', '\t/srv/main.go:25 +0x285'];
    const text = lines.map((l, i) => `${stamp(i)} stderr F ${l}`.trimEnd()).join('\n') + '\n';
    // (behind CRI an empty line inside a crash is kept, see the CRI tests in text-logs.multiline)
    expect(read(text)).toEqual([[1, undefined, undefined, 1], [2, undefined, undefined, 1], [3, 21, 'panic', 5]]);
    invariant(text);
  });

  it('behind CRI and docker compose, a Rust panic and a .NET crash after a log line are records of their own', () => {
    const lines = ['[2026-11-27T15:38:41Z INFO  api] starting', "thread 'main' panicked at src/main.rs:5:5:", 'boom', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace', 'Unhandled exception. System.Exception: boom', '   at Program.Main() in /src/Program.cs:line 4'];
    for (const name of ['CRI (/var/log/pods)', 'docker compose logs']) {
      const text = lines.map(PREFIXED[name]!).join('\n') + '\n';
      expect(read(text), name).toEqual([[1, 9, 'INFO', 1], [2, 21, 'fatal', 3], [5, 17, 'error', 2]]);
      invariant(text);
    }
  });
});

// Reports generated by running real programs here (python3.11, rustc 1.95, node 20; paths shortened to /srv):
// each a record of its own with all its lines, in a plain file and behind a CRI prefix alike.
const criStamp = (i: number) => new Date(Date.UTC(2026, 10, 27, 15, 38, 41, 500) + i).toISOString().replace('Z', '123456Z');
/** `lines` as the kubelet writes them (`stderr F`, an empty message after the tag's space). */
const cri = (lines: readonly string[]) => lines.map((l, i) => `${criStamp(i)} stderr F ${l}`).join('\n') + '\n';
const plain = (lines: readonly string[]) => lines.join('\n') + '\n';
/** `lines` as `docker compose logs` prints them. */
const compose = (lines: readonly string[]) => lines.map((l) => `api-1  | ${l}`).join('\n') + '\n';

describe('text-logs: a Python 3.11+ exception group (`  + Exception Group Traceback`, its sub-tracebacks under `| `)', () => {
  // python3.11: logging.basicConfig(format=…), log.info, then an ExceptionGroup of two exceptions, uncaught.
  const GROUP = [
    '  + Exception Group Traceback (most recent call last):',
    '  |   File "/srv/py_group.py", line 13, in <module>',
    '  |     run()',
    '  |   File "/srv/py_group.py", line 12, in run',
    "  |     raise ExceptionGroup('several jobs failed', errs)",
    '  | ExceptionGroup: several jobs failed (2 sub-exceptions)',
    '  +-+---------------- 1 ----------------',
    '    | Traceback (most recent call last):',
    '    |   File "/srv/py_group.py", line 10, in run',
    '    |     try: f()',
    '    |          ^^^',
    '    |   File "/srv/py_group.py", line 5, in a',
    "    |     def a(): raise ValueError('bad value')",
    '    |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    '    | ValueError: bad value',
    '    +---------------- 2 ----------------',
    '    | Traceback (most recent call last):',
    '    |   File "/srv/py_group.py", line 10, in run',
    '    |     try: f()',
    '    |          ^^^',
    '    |   File "/srv/py_group.py", line 6, in b',
    "    |     def b(): raise KeyError('missing')",
    '    |              ^^^^^^^^^^^^^^^^^^^^^^^^^',
    "    | KeyError: 'missing'",
    '    +------------------------------------',
  ];
  const INFO = '2026-11-27 18:42:22,795 INFO worker: job 1 started';

  it('uncaught, after an INFO line: a record of its own at ERROR with its 25 lines, plain and behind CRI and compose', () => {
    for (const text of [plain([INFO, ...GROUP]), cri([INFO, ...GROUP]), compose([INFO, ...GROUP])]) {
      expect(read(text)).toEqual([[1, 9, 'INFO', 1], [2, 17, 'error', 25]]);
      invariant(text);
    }
    expect(logs(decodeText(textLogs, plain([INFO, ...GROUP])))[1]!.body).toBe(GROUP.join('\n'));
    expect(logs(decodeText(textLogs, cri([INFO, ...GROUP])))[1]!.body).toBe(GROUP.join('\n'));
    // after lines a program printed (no header), and alone (all its lines indented: Python's indent, no margin of the file's)
    expect(read(plain(['loading', ...GROUP]))).toEqual([[1, undefined, undefined, 1], [2, 17, 'error', 25]]);
    expect(read(plain(GROUP))).toEqual([[1, 17, 'error', 25]]);
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(plain(GROUP)), true)).spec?.id).toBe('text-logs');
    invariant(plain(GROUP));
  });

  it("logged (logger.exception) after its ERROR line, or from a frame inside the program after an INFO line: the logger's record's", () => {
    const inner = ['  + Exception Group Traceback (most recent call last):', '  |   File "/srv/jobs.py", line 9, in outer', '  |     inner()', '  | ExceptionGroup: inner (1 sub-exception)', '  +-+---------------- 1 ----------------', '    | TypeError: t', '    +------------------------------------'];
    const text = ['2026-11-27 18:42:22,795 ERROR worker: logged group', ...inner, '2026-11-27 18:42:22,796 INFO worker: retry failed', ...inner, '2026-11-27 18:42:22,797 INFO worker: done'];
    for (const t of [plain(text), cri(text), compose(text)]) {
      expect(read(t)).toEqual([[1, 17, 'ERROR', 8], [9, 9, 'INFO', 8], [17, 9, 'INFO', 1]]);
      invariant(t);
    }
  });
});

describe("text-logs: Rust's panic as Rust 1.90+ prints it (the thread's id after its name, an empty line before)", () => {
  // cargo build (rustc 1.95): env_logger-style line on stderr, then an index out of bounds in main.
  const LOG = '[2026-11-27T18:42:22Z INFO  rcrash] starting';
  const PANIC = ["thread 'main' (11934) panicked at src/main.rs:1:38:", 'index out of bounds: the len is 3 but the index is 7', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'];
  // RUST_BACKTRACE=full (frames cut to 3 of 37)
  const FULL = [
    "thread 'main' (11606) panicked at src/main.rs:1:38:",
    'index out of bounds: the len is 3 but the index is 7',
    'stack backtrace:',
    '   0:     0x558b0f36092a - std[e28293b1aa0f68bd]::backtrace_rs::backtrace::libunwind::trace',
    '                               at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/../../backtrace/src/backtrace/libunwind.rs:117:9',
    '   5:     0x558b0f371cea - core[c1f1a4ba060b9bfa]::fmt::write',
    '  36:                0x0 - <unknown>',
  ];

  it('the main thread\'s panic: a record of its own at FATAL, plain and behind CRI (the empty line before it no record there either, as in a plain file; nor behind compose)', () => {
    expect(read(plain([LOG, '', ...PANIC]))).toEqual([[1, 9, 'INFO', 1], [3, 21, 'fatal', 3]]);
    expect(read(cri([LOG, '', ...PANIC]))).toEqual([[1, 9, 'INFO', 1], [3, 21, 'fatal', 3]]);
    expect(read(plain([LOG, '', ...FULL]))).toEqual([[1, 9, 'INFO', 1], [3, 21, 'fatal', 7]]);
    expect(read(cri([LOG, '', ...FULL])).slice(1)).toEqual([[3, 21, 'fatal', 7]]);
    expect(read(compose([LOG, '', ...FULL])).slice(1)).toEqual([[3, 21, 'fatal', 7]]);
    for (const t of [plain([LOG, '', ...PANIC]), cri([LOG, '', ...FULL])]) invariant(t);
  });

  it("another thread's (`thread 'worker-1' (11938)`) at ERROR, the logger's line after it its own", () => {
    const text = [LOG, '', "thread 'worker-1' (11938) panicked at src/main.rs:7:85:", 'queue closed', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace', '[2026-11-27T18:42:23Z ERROR rcrash] worker failed'];
    for (const t of [plain(text), cri(text)]) expect(read(t).filter((r) => r[1] !== undefined)).toEqual([[1, 9, 'INFO', 1], [3, 17, 'error', 3], [6, 17, 'ERROR', 1]]);
  });

  it('with panic = "abort": the shell\'s `Aborted (core dumped)` (sh, bash) is the panic\'s last line, also where no header begins the records', () => {
    for (const aborted of ['Aborted', 'Aborted (core dumped)', 'bash: line 1: 11622 Aborted                 ./target/debug/rcrash', './run.sh: line 3:  4242 Aborted (core dumped) ./app']) {
      expect(read(plain([LOG, '', ...PANIC, aborted])), aborted).toEqual([[1, 9, 'INFO', 1], [3, 21, 'fatal', 4]]);
      expect(read(cri([LOG, '', ...PANIC, aborted])).slice(1), aborted).toEqual([[3, 21, 'fatal', 4]]);
      expect(read(plain(['loading', ...PANIC, aborted, 'restarting'])), aborted).toEqual([[1, undefined, undefined, 1], [2, 21, 'fatal', 4], [6, undefined, undefined, 1]]);
    }
    invariant(plain(['loading', ...PANIC, 'Aborted (core dumped)', 'restarting']));
    // (a line `Aborted` after anything else is no panic's)
    expect(read(plain(['loading', 'Aborted']))).toEqual([[1, undefined, undefined, 1], [2, undefined, undefined, 1]]);
  });
});

describe(".NET: Microsoft.Extensions.Logging's default console format (`fail: Category[EventId]`, the message and the exception indented)", () => {
  // No .NET here: written from Microsoft's documented SimpleConsoleFormatter output (learn.microsoft.com, "Console log
  // formatting": the level as trce/dbug/info/warn/fail/crit, the category and event id, then each line of the message
  // and of the exception indented by 6 spaces), then the runtime's own report of the exception the host died of.
  const MEL = [
    'info: Microsoft.Hosting.Lifetime[14]',
    '      Now listening on: http://localhost:5000',
    'fail: Orders.Api.Worker[0]',
    '      Charge failed for order 42',
    '      System.InvalidOperationException: Sequence contains no elements',
    '         at System.Linq.ThrowHelper.ThrowNoElementsException()',
    '         at Orders.Api.Worker.ExecuteAsync(CancellationToken stoppingToken) in /src/Worker.cs:line 21',
    'crit: Microsoft.Extensions.Hosting.Internal.Host[10]',
    '      BackgroundService failed',
    '      System.InvalidOperationException: Sequence contains no elements',
    '         at Orders.Api.Worker.ExecuteAsync(CancellationToken stoppingToken) in /src/Worker.cs:line 21',
    'Unhandled exception. System.InvalidOperationException: Sequence contains no elements',
    '   at Orders.Api.Worker.ExecuteAsync(CancellationToken stoppingToken) in /src/Worker.cs:line 21',
    '   at Microsoft.Extensions.Hosting.Internal.Host.TryExecuteBackgroundServiceAsync(BackgroundService backgroundService)',
  ];

  it('fail at ERROR, crit at FATAL (LogLevel.Critical, OpenTelemetry .NET\'s Fatal) with their lines, the runtime\'s report a record of its own, plain and behind CRI', () => {
    for (const text of [plain(MEL), cri(MEL)]) {
      expect(read(text)).toEqual([[1, 9, 'info', 2], [3, 17, 'fail', 5], [8, 21, 'crit', 4], [12, 17, 'error', 3]]);
      invariant(text);
    }
  });
});

describe("text-logs: Node's report of an uncaught exception behind a CRI prefix", () => {
  // node 20: a logger's lines, then `throw new Error('x')` uncaught (and an error with own properties).
  const THROW = ['/srv/app.js:5', "    throw new Error('x');", '    ^', '', 'Error: x', '    at handler (/srv/app.js:5:11)', '    at Object.<anonymous> (/srv/app.js:7:1)', '    at node:internal/main/run_main_module:28:49', '', 'Node.js v20.20.2'];
  const PROPS = ['/srv/app2.js:3', "setTimeout(() => { throw new DbError('connect failed'); }, 1);", '                   ^', '', 'DbError: connect failed', '    at Timeout._onTimeout (/srv/app2.js:3:26)', '    at process.processTimers (node:internal/timers:519:7) {', "  code: 'ECONNREFUSED',", '  port: 5432', '}', '', 'Node.js v20.20.2'];

  it('after a logger\'s text lines: one record at ERROR with all its lines, the same as in a plain file', () => {
    const text = ['2026-11-27T18:42:22.795Z info app: starting', '2026-11-27T18:42:22.795Z warn app: cache cold', ...THROW];
    for (const t of [plain(text), cri(text)]) {
      expect(read(t)).toEqual([[1, 9, 'info', 1], [2, 13, 'warn', 1], [3, 17, 'error', 10]]);
      expect(logs(decodeText(textLogs, t))[2]!.body).toBe(THROW.join('\n'));
      invariant(t);
    }
  });

  it("after a JSON logger's line, its error's properties and the footer in it; the container's next line its own", () => {
    const text = ['{"level":30,"time":1795804942795,"msg":"starting"}', ...PROPS, '{"level":30,"time":1795804952795,"msg":"starting"}'];
    for (const t of [plain(text), cri(text)]) {
      expect(read(t)).toEqual([[1, 9, 'info', 1], [2, 17, 'error', 12], [14, 9, 'info', 1]]);
      invariant(t);
    }
  });
});

describe('text-logs: empty messages behind CRI after a record', () => {
  it('are held only as far as the record could take them (10,000 lines): there the record ends and they are dropped, as in a plain file', () => {
    const lines = ['2026/11/27 15:38:41 starting', ...Array.from({ length: 10_003 }, () => ''), '\tat x'];
    for (const text of [cri(lines), lines.join('\n') + '\n']) {
      const r = decodeText(textLogs, text);
      const recs = logs(r);
      // the record (its 9,998 empty messages held, one short of the bound with the next, then dropped with the rest), then the frame on its own
      expect(recs.map((x) => [x.source.line, x.attributes['log.record.lines'] ?? 1])).toEqual([[1, 1], [10_005, 1]]);
      expect(recs[1]!.body).toBe('\tat x');
      // (the plain file says the record met the bound; behind CRI the empty lines past it are only dropped)
      expect(r.errors.map((e) => [e.code, e.line])).toEqual(text.includes(' stderr F ') ? [] : [['invalid-record', 1]]);
    }
  });
});

describe("text-logs: Node's reports and a chained traceback behind compose and `kubectl logs --prefix`, as in a plain file", () => {
  // node 20.20.2 (MODULE_NOT_FOUND, after a logger's line and a process warning with its hint), python 3.11 (a chained traceback)
  const NODE = [
    '2026-11-27T15:38:41.300Z INFO server: starting',
    '(node:7257) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues.',
    '(Use `node --trace-deprecation ...` to show where the warning was created)',
    'node:internal/modules/cjs/loader:1210',
    '  throw err;',
    '  ^',
    '',
    "Error: Cannot find module './lib/missing-config'",
    'Require stack:',
    '- /srv/main.js',
    '    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)',
    '    at Object.<anonymous> (/srv/main.js:2:1) {',
    "  code: 'MODULE_NOT_FOUND',",
    "  requireStack: [ '/srv/main.js' ]",
    '}',
    '',
    'Node.js v20.20.2',
  ];
  const CHAINED = [
    '2026-11-28 00:00:23,249 INFO worker: job 1 done',
    'Traceback (most recent call last):',
    '  File "/srv/py_crash.py", line 16, in <module>',
    "KeyError: 'cfg'",
    '',
    'The above exception was the direct cause of the following exception:',
    '',
    'Traceback (most recent call last):',
    '  File "/srv/py_crash.py", line 18, in <module>',
    "RuntimeError: no config",
  ];
  const rows = (text: string) => logs(decodeText(textLogs, text)).map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines'] ?? 1]);
  const kubectl = (lines: readonly string[]) => lines.map((l) => `[pod/api-7d9f8c6b5d-x2k4p/api] ${l}`).join('\n') + '\n';
  it('each report is one record with all its lines (its empty ones inside it), as plain and behind CRI', () => {
    for (const wrap of [plain, cri, compose, kubectl]) {
      expect(rows(wrap(NODE)), wrap(['x'])).toEqual([[1, 9, 1], [2, 13, 2], [4, 17, 14]]);
      expect(rows(wrap(CHAINED)), wrap(['x'])).toEqual([[1, 9, 1], [2, 17, 9]]);
      invariant(wrap(NODE));
      invariant(wrap(CHAINED));
    }
  });
});

describe("text-logs: CPython's fatal error report (faulthandler) after a logger's lines", () => {
  // python3.11 with faulthandler.enable() and a segfault in ctypes, then a thread's dump and the
  // extension modules line of 3.11 (counts by hand: 3 records, the report FATAL).
  const FATAL = [
    '2026-11-28 03:00:00,000 INFO app: serving',
    'Fatal Python error: Segmentation fault',
    '',
    'Thread 0x00007f3db99d56c0 (most recent call first):',
    '  File "/app/w.py", line 3 in worker',
    '',
    'Current thread 0x00007fe27499f040 (most recent call first):',
    '  File "/usr/lib/python3.11/ctypes/__init__.py", line 519 in string_at',
    '  File "/app/w.py", line 5 in <module>',
    '',
    'Extension modules: _cffi_backend, yaml._yaml (total: 2)',
    '2026-11-28 03:00:05,000 INFO app: restarted',
  ];
  const cri = (lines: readonly string[]) => lines.map((l, i) => `2026-11-28T03:00:00.${String(i).padStart(3, '0')}123456Z stderr F ${l}`).join('\n') + '\n';
  it('is one record at FATAL with its threads, plain, behind CRI and alone', () => {
    for (const text of [FATAL.join('\n') + '\n', cri(FATAL)]) {
      expect(read(text)).toEqual([[1, 9, 'INFO', 1], [2, 21, 'Fatal', 10], [12, 9, 'INFO', 1]]);
      invariant(text);
    }
    expect(read(FATAL.slice(1, 11).join('\n') + '\n')).toEqual([[1, 21, 'Fatal', 10]]);
  });
});

describe("text-logs: multiprocessing's report of an exception that ended a child process", () => {
  it('`Process Process-1:` and its traceback are one record at ERROR; a sentence that begins with Process is not such a head', () => {
    // python3.11: mp.Process(target=w) whose w raises, then the parent prints (2 records)
    const text = [
      'Process Process-1:',
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap',
      '    self.run()',
      '  File "/app/tb_mp.py", line 3, in w',
      "    raise OSError('worker failed')",
      'OSError: worker failed',
      'parent exiting',
      'Process finished:',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([[1, 17, 'error', 7], [8, undefined, undefined, 1], [9, undefined, undefined, 1]]);
    invariant(text);
  });
});
