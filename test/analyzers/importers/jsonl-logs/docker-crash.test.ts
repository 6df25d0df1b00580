// A runtime's report of its death in a docker json-file log (each line the program printed an entry of its own, on
// stderr, one millisecond apart): one record of its own at the level a text log gives it, as in a plain file and
// behind CRI, never a line of the logger's record above it nor a record per line. The captures are the runtimes' own
// output (python 3.11, node 20.20.2, rustc 1.95; .NET and Ruby from their documented formats), paths shortened.
// Expected records are counted off the lines by hand: [first line, severity number, lines].
import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { lastLfBeforeObject } from '../../../../analyzers/node/split-point.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

const docker = (lines: readonly string[], from = 0): string =>
  lines.map((l, i) => JSON.stringify({ log: `${l}\n`, stream: 'stderr', time: new Date(Date.UTC(2026, 10, 28, 3, 0, 0, from + i)).toISOString().replace('Z', '123456Z') })).join('\n') + '\n';

type Row = [number | undefined, number | undefined, number];
function rows(spec: typeof jsonlLogs, text: string): Row[] {
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  return logs(r).map((x) => [x.source.line, x.severityNumber, String(x.body).split('\n').length]);
}

const PY = ['2026-11-28 02:59:13,787 INFO app: starting worker', '2026-11-28 02:59:13,787 INFO app: loaded 3 jobs', 'Traceback (most recent call last):', '  File "/app/crash.py", line 8, in <module>', "    handle('b')", '  File "/app/crash.py", line 7, in handle', "    return {'a': 1}[x]", '           ~~~~~~~~^^^', "KeyError: 'b'"];
const NODE = ['2026-11-28T03:00:00.000Z INFO app: starting server', '2026-11-28T03:00:00.000Z INFO app: listening on 8080', '/app/node_crash.js:5', 'cfg.port = 1;', '         ^', '', "TypeError: Cannot set properties of null (setting 'port')", '    at Object.<anonymous> (/app/node_crash.js:5:10)', '    at Module._compile (node:internal/modules/cjs/loader:1521:14)', '    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)', '    at Module.load (node:internal/modules/cjs/loader:1266:32)', '    at Module._load (node:internal/modules/cjs/loader:1091:12)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)', '    at node:internal/main/run_main_module:28:49', '', 'Node.js v20.20.2'];
const RUST = ['2026-11-28T03:00:00.000Z  INFO rustcrash: starting', '2026-11-28T03:00:00.100Z  INFO rustcrash: loaded config', '', "thread 'main' (8036) panicked at src/main.rs:6:21:", 'index out of bounds: the len is 0 but the index is 5', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'];
const RUST_BT = ['2026-11-28T03:00:00.000Z  INFO rustcrash: starting', '', "thread 'main' (8039) panicked at src/main.rs:6:21:", 'index out of bounds: the len is 0 but the index is 5', 'stack backtrace:', '   0: __rustc::rust_begin_unwind', '             at /rustc/5980761/library/std/src/panicking.rs:689:5', '   1: core::panicking::panic_fmt', '             at /rustc/5980761/library/core/src/panicking.rs:80:14', '   6: rustcrash::main', '             at ./src/main.rs:6:21', 'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.'];
const DOTNET = ['info: Worker[0]', '      Worker started', 'Unhandled exception. System.AggregateException: One or more errors occurred. (boom)', ' ---> System.InvalidOperationException: boom', '   at Program.Work() in /app/Program.cs:line 9', '   --- End of inner exception stack trace ---', '   at Program.<Main>$(String[] args) in /app/Program.cs:line 5'];
const DOTNET_ASYNC = ['Worker started', 'Unhandled exception. System.Exception: boom', '   at Program.Run() in /src/Program.cs:line 9', '--- End of stack trace from previous location ---', '   at Program.Main() in /src/Program.cs:line 4'];
const RUBY = ['I, [2026-11-28T03:00:00.000000 #1]  INFO -- : starting', 'I, [2026-11-28T03:00:00.100000 #1]  INFO -- : loaded', "/app/app.rb:5:in 'Object#handle': undefined method 'fetch' for nil (NoMethodError)", "\tfrom /app/app.rb:9:in '<main>'"];
const CHAINED = ['2026-11-28 00:00:23,249 INFO worker: job 1 done', 'Traceback (most recent call last):', '  File "/srv/py_crash.py", line 16, in <module>', "KeyError: 'cfg'", '', 'The above exception was the direct cause of the following exception:', '', 'Traceback (most recent call last):', '  File "/srv/py_crash.py", line 18, in <module>', 'RuntimeError: no config'];
// logger.exception() at ERROR in the program's top-level code: its traceback begins at <module> too, but the record above is at ERROR
const LOGGED = ['2026-11-28 02:59:13,787 INFO app: starting worker', '2026-11-28 02:59:13,790 ERROR app: job failed', 'Traceback (most recent call last):', '  File "/app/crash.py", line 8, in <module>', "    handle('b')", "KeyError: 'b'", '2026-11-28 02:59:13,791 INFO app: next job'];
// `raise Exception(...)`: the exception line names the base class itself (GoogleCloudPlatform/fluent-plugin-detect-exceptions,
// test/plugin/test_exception_detector.rb PYTHON_EXC, frames cut; its JSON scenario reads the traceback as one message)
// (paths shortened), then its ARBITRARY_TEXT's first line
const BARE = ['Traceback (most recent call last):', '  File "/base/webapp2.py", line 1535, in __call__', '    rv = self.handle_exception(request, response, e)', '  File "/base/nearfieldspy.py", line 17, in start', '    return get()', '  File "/base/nearfieldspy.py", line 5, in get', "    raise Exception('spam', 'eggs')", "Exception: ('spam', 'eggs')", 'This arbitrary text.'];
// logger.info(..., exc_info=True) deep in the program: its first frame is no entry point, so it stays the INFO record's
const INFO_TB = ['2026-11-28 02:59:13,787 INFO app: retrying', 'Traceback (most recent call last):', '  File "/app/jobs.py", line 20, in run', '    fetch()', 'TimeoutError: timed out', '2026-11-28 02:59:13,791 INFO app: next job'];

const CASES: [string, readonly string[], Row[]][] = [
  // the 2 INFO lines; the traceback's 7 lines (before: the INFO record took them, 2 records)
  ['Python', PY, [[1, 9, 1], [2, 9, 1], [3, 17, 7]]],
  // the 2 INFO lines; the report's 14 lines (its empty ones inside it) (before: 6 records of no level)
  ['Node', NODE, [[1, 9, 1], [2, 9, 1], [3, 17, 14]]],
  // the 2 INFO lines; the empty line is no record; head, message, note (before: 4 records, the empty one too)
  ['Rust', RUST, [[1, 9, 1], [2, 9, 1], [4, 21, 3]]],
  // the INFO line; head, message, `stack backtrace:`, 6 frame lines, the note: 10 lines (before: 4 records)
  ['Rust with a backtrace', RUST_BT, [[1, 9, 1], [3, 21, 10]]],
  // MEL's record (2 lines); the report's 5 lines (before: no level)
  ['.NET', DOTNET, [[1, 9, 2], [3, 17, 5]]],
  // a line the program printed; the report's 4 lines (before: `--- End of stack trace` began a record)
  ['.NET, an async boundary', DOTNET_ASYNC, [[1, undefined, 1], [2, 17, 4]]],
  // the 2 INFO lines; the report's 2 lines (before: no level)
  ['Ruby', RUBY, [[1, 9, 1], [2, 9, 1], [3, 17, 2]]],
  // the INFO line; both tracebacks with the sentence between them: 9 lines, the empty ones inside (before: 3 records)
  ['Python, chained', CHAINED, [[1, 9, 1], [2, 17, 9]]],
  // the INFO line; the ERROR record with its traceback (5 lines); the next INFO line
  ["a logger's traceback at ERROR", LOGGED, [[1, 9, 1], [2, 17, 5], [7, 9, 1]]],
  // the INFO record with its traceback (5 lines); the next INFO line
  ["a logger's traceback at INFO", INFO_TB, [[1, 9, 5], [6, 9, 1]]],
  // the traceback with its `Exception: …` line (8 lines; before: 7, that line a record of its own); the text line
  ['Python, a bare Exception', BARE, [[1, 17, 8], [9, undefined, 1]]],
];

describe("docker json-file: a runtime's report is a record of its own, as in a plain file", () => {
  it.each(CASES)('%s', (_name, lines, expected) => {
    expect(rows(jsonlLogs, docker(lines))).toEqual(expected);
    // (a plain file's records: the same lines, the same levels; a plain file drops its empty lines at a record's end)
    const plain = rows(textLogs, lines.join('\n') + '\n');
    expect(plain.map((r) => r.slice(0, 2))).toEqual(expected.map((r) => r.slice(0, 2)));
  });

  it("a report's lines on another stream, or a second later, are not its own", () => {
    const late = docker(NODE.slice(0, 5)) + docker(NODE.slice(5), 2000);
    // the logger's 2 lines; the report up to its caret (3 lines: Node's head over a caret, at ERROR); 2 s later, the empty
    // line (no record, as an empty entry that continues nothing is none, as in a plain file); the exception, its 7 frames,
    // the empty line and the footer (10 lines: no report's head above them, no level)
    expect(rows(jsonlLogs, late)).toEqual([[1, 9, 1], [2, 9, 1], [3, 17, 3], [7, undefined, 10]]);
  });

  it('the file splitter never cuts where the decoder carries a report on: each piece read alone gives the whole read\'s records', () => {
    const all = CASES.flatMap(([, lines]) => lines);
    const text = docker(all);
    const bytes = Buffer.from(text);
    const whole = logs(decodeText(jsonlLogs, text)).map((r) => [r.source.line, r.severityNumber, r.body]);
    const lfs = [...text.matchAll(/\n/g)].map((m) => m.index);
    let cuts = 0;
    for (let k = 1; k < lfs.length; k++) {
      // a buffer that ends inside the line after the k-th one (its first 5 bytes)
      const lastLf = lfs[k - 1]!;
      const cut = lastLfBeforeObject(bytes.subarray(0, lastLf + 6), lastLf, lastLf + 6);
      if (cut === undefined) continue;
      cuts++;
      const lineAfter = lfs.indexOf(cut) + 2; // (the LF of line n is lfs[n - 1])
      const piece = logs(decodeText(jsonlLogs, text.slice(cut + 1))).map((r) => [r.source.line! + lineAfter - 1, r.severityNumber, r.body]);
      expect(piece, `cut after line ${lineAfter - 1}`).toEqual(whole.filter((r) => (r[0] as number) >= lineAfter));
    }
    expect(cuts).toBeGreaterThan(10);
  });
});
