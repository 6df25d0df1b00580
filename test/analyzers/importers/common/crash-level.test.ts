import { describe, expect, it } from 'vitest';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// A runtime's report of its death printed as plain text among a program's JSON Lines or logfmt
// records (a container's stdout: the logger writes JSON, the JVM or the interpreter writes its
// report as text). The report is one record of free text, at the level a text log gives it, at
// the line it begins on. Each file is read whole and in 1-, 7- and 4096-byte chunks.

const REPORTS: [name: string, lines: string[], level: [string, number]][] = [
  ['the JVM\'s uncaught exception', ['Exception in thread "main" java.lang.IllegalStateException: boom', '\tat com.example.App.run(App.java:42)', '\tat com.example.App.main(App.java:10)', 'Caused by: java.io.IOException: disk full', '\tat com.example.Store.write(Store.java:7)', '\t... 2 more'], ['error', 17]],
  ['Python\'s traceback', ['Traceback (most recent call last):', '  File "/app/main.py", line 10, in <module>', '    main()', '  File "/app/main.py", line 6, in main', '    raise ValueError("bad")', 'ValueError: bad'], ['error', 17]],
  ['Rust\'s panic in the main thread', ["thread 'main' panicked at src/main.rs:5:5:", 'called `Option::unwrap()` on a `None` value', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'], ['fatal', 21]],
  ['Rust\'s panic in another thread', ["thread 'worker' panicked at src/pool.rs:9:13:", 'index out of bounds: the len is 0 but the index is 0', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'], ['error', 17]],
  ['.NET\'s unhandled exception', ['Unhandled exception. System.InvalidOperationException: boom', '   at Program.Main(String[] args) in /app/Program.cs:line 10'], ['error', 17]],
  ['Node\'s uncaught exception', ['/app/index.js:3', '  throw new Error("boom");', '  ^', '', 'Error: boom', '    at Object.<anonymous> (/app/index.js:3:9)', '    at Module._compile (node:internal/modules/cjs/loader:1256:14)', '', 'Node.js v20.10.0'], ['error', 17]],
  // python 3.11, an ExceptionGroup raised at the top (its head is indented by two, as all its lines are)
  ['Python\'s exception group', ['  + Exception Group Traceback (most recent call last):', '  |   File "/app/jobs.py", line 11, in <module>', "  |     raise ExceptionGroup('jobs failed', errs)", '  | ExceptionGroup: jobs failed (2 sub-exceptions)', '  +-+---------------- 1 ----------------', '    | Traceback (most recent call last):', '    |   File "/app/jobs.py", line 5, in job', "    |     raise ValueError(f'job {n} failed')", '    | ValueError: job 1 failed', '    +---------------- 2 ----------------', '    | Traceback (most recent call last):', '    |   File "/app/jobs.py", line 5, in job', "    |     raise ValueError(f'job {n} failed')", '    | ValueError: job 2 failed', '    +------------------------------------'], ['error', 17]],
  ['Python\'s ignored exception', ['Exception ignored in: <function Conn.__del__ at 0x7f3a2c1e0d30>', 'Traceback (most recent call last):', '  File "/app/conn.py", line 12, in __del__', '    self.close()', 'OSError: [Errno 9] Bad file descriptor'], ['warn', 13]],
];

const jsonLine = (i: number, level = 'INFO') => JSON.stringify({ '@timestamp': `2026-11-27T10:00:${String(i).padStart(2, '0')}.000Z`, level, logger: 'com.example.App', message: `step ${i}` });
const logfmtLine = (i: number, level = 'info') => `time=2026-11-27T10:00:${String(i).padStart(2, '0')}Z level=${level} msg="step ${i}" app=api`;

function read(spec: FormatSpec, text: string) {
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

describe.each([
  ['JSON Lines', jsonlLogs, jsonLine],
  ['logfmt', logfmt, logfmtLine],
] as [string, FormatSpec, (i: number, level?: string) => string][])('a runtime\'s report among %s records', (_name, spec, line) => {
  // (a traceback right after a logfmt record is the one its logger printed with it: see the last test; an exception
  // group's head, indented, joins it as any indented line does)
  it.each(REPORTS.filter(([name]) => spec !== logfmt || (name !== "Python's traceback" && name !== "Python's exception group")))('%s: one record of free text at its first line, at the level a text log gives it', (_r, report, [text, number]) => {
    const before = Array.from({ length: 20 }, (_, i) => line(i));
    const recs = read(spec, [...before, ...report, line(59)].join('\n') + '\n');
    // (before: no level, and Rust's and Node's reports split in several records; an exception group had no level)
    // 22 records: the 20 lines before, the report (one), the line after
    expect(recs).toHaveLength(22);
    const crash = recs[20]!;
    expect([crash.structured, crash.source.line, crash.severityText, crash.severityNumber]).toEqual([false, 21, text, number]);
    expect(String(crash.body).split('\n')).toEqual(report.filter((l) => l !== ''));
    expect(recs[21]!.source.line).toBe(21 + report.length);
  });

  it('the same level as in a text log', () => {
    for (const [, report, [text, number]] of REPORTS) {
      const [plain] = read(textLogs, report.join('\n') + '\n');
      expect([plain!.severityText, plain!.severityNumber]).toEqual([text, number]);
    }
  });

  it('a line of text that is no runtime\'s report still has no level', () => {
    const recs = read(spec, [...Array.from({ length: 20 }, (_, i) => line(i)), 'Exception in thread main without quotes is prose', line(59)].join('\n') + '\n');
    expect([recs[20]!.severityText, recs[20]!.severityNumber]).toEqual([undefined, undefined]);
  });
});

it('a traceback right after a logfmt record is that record\'s (its logger printed it with the record), as before', () => {
  const report = REPORTS[1]![1];
  const recs = read(logfmt, [logfmtLine(1, 'error'), ...report, logfmtLine(2)].join('\n') + '\n');
  expect(recs.map((r) => [r.source.line, r.severityText, String(r.body).split('\n').length])).toEqual([[1, 'error', 7], [8, 'info', 1]]);
});
