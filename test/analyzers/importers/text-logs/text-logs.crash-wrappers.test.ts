// A runtime's report of its death behind `kubectl logs --timestamps` (each line after the runtime's RFC 3339 stamp):
// one record, as behind CRI and in a plain file, also where the report's lines outnumber the logger's (a Rust
// backtrace, .NET's inner exception). The captures are the runtimes' own output (rustc 1.95; Ruby 3.4 and .NET from
// their documented formats). Expected records are counted off the lines by hand: [first line, severity number, lines].
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const stamp = (i: number): string => new Date(Date.UTC(2026, 10, 28, 3, 0, 0, i)).toISOString().replace('Z', '123456Z');
const stamped = (lines: readonly string[]): string => lines.map((l, i) => `${stamp(i)} ${l}`).join('\n') + '\n';
const cri = (lines: readonly string[]): string => lines.map((l, i) => `${stamp(i)} stderr F ${l}`).join('\n') + '\n';

type Row = [number | undefined, number | undefined, unknown];
function rows(text: string): Row[] {
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  const r = decodeText(textLogs, text);
  expect(r.errors).toEqual([]);
  return logs(r).map((x) => [x.source.line, x.severityNumber, x.attributes['log.record.lines'] ?? 1]);
}

const RUBY = ['I, [2026-11-28T03:00:00.000000 #1]  INFO -- : starting', 'I, [2026-11-28T03:00:00.100000 #1]  INFO -- : loaded', "/app/app.rb:5:in 'Object#handle': undefined method 'fetch' for nil (NoMethodError)", "\tfrom /app/app.rb:9:in 'Object#run'", "\tfrom /app/app.rb:12:in '<main>'"];
const RUST_BT = ['[2026-11-28T03:00:00Z INFO  rustcrash] starting', '[2026-11-28T03:00:00Z INFO  rustcrash] loaded config', "thread 'main' panicked at src/main.rs:6:21:", 'index out of bounds: the len is 0 but the index is 5', 'stack backtrace:', '   0: __rustc::rust_begin_unwind', '             at /rustc/5980761/library/std/src/panicking.rs:689:5', '   1: core::panicking::panic_fmt', '             at /rustc/5980761/library/core/src/panicking.rs:80:14', '   6: rustcrash::main', '             at ./src/main.rs:6:21', 'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.'];
const DOTNET = ['2026-11-28 03:00:00.000 +00:00 [INF] Worker started', 'Unhandled exception. System.AggregateException: One or more errors occurred. (boom)', ' ---> System.InvalidOperationException: boom', '   at Program.Work() in /app/Program.cs:line 9', '   --- End of inner exception stack trace ---', '   at Program.<Main>$(String[] args) in /app/Program.cs:line 5'];

describe('kubectl logs --timestamps: a runtime\'s report is one record, as behind CRI', () => {
  it.each([
    // the Logger's 2 lines; the report (3 lines) at ERROR (before: its head and each `from` line a record of no level: 5 records)
    ['Ruby', RUBY, [[1, 9, 1], [2, 9, 1], [3, 17, 3]]],
    // env_logger's 2 lines; head, message, `stack backtrace:`, 6 frame lines, note: 10 lines at FATAL (before: 12 records)
    ['Rust with a backtrace', RUST_BT, [[1, 9, 1], [2, 9, 1], [3, 21, 10]]],
    // Serilog's line; the report (5 lines) at ERROR (before: 6 records)
    ['.NET, an inner exception', DOTNET, [[1, 9, 1], [2, 17, 5]]],
  ] as [string, string[], Row[]][])('%s', (_name, lines, expected) => {
    expect(rows(stamped(lines))).toEqual(expected);
    expect(rows(cri(lines))).toEqual(expected);
    expect(rows(lines.join('\n') + '\n')).toEqual(expected);
  });
});

describe("Rust's empty line before its panic, and Node's `file:line` behind a container's prefix", () => {
  // rustc 1.95: the logger's line, then the empty line std's hook prints before `thread 'main' (id) panicked at`
  const RUST = ['[2026-11-28T03:00:00Z INFO  rustcrash] starting', '', "thread 'main' (8036) panicked at src/main.rs:6:21:", 'index out of bounds: the len is 0 but the index is 5', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'];

  it('behind CRI and kubectl\'s stamp the empty line is no record, as in a plain file (2 records: the INFO line; head, message, note)', () => {
    const expected: Row[] = [[1, 9, 1], [3, 21, 3]];
    expect(rows(RUST.join('\n') + '\n')).toEqual(expected);
    // (before: the empty line a record of its own behind CRI, 3 records)
    expect(rows(cri(RUST))).toEqual(expected);
    expect(rows(stamped(RUST))).toEqual(expected);
  });

  it('a `file:line` with no caret two lines below heads no Node report behind compose or kubectl --prefix: the line after it is its own record', () => {
    const lines = ['2026-11-28T03:00:00.000Z INFO build: compiling', '/app/src/x.js:3', 'warning: unused variable', '2026-11-28T03:00:01.000Z INFO build: done'];
    const compose = lines.map((l) => `web-1  | ${l}`).join('\n') + '\n';
    const kubectl = lines.map((l) => `[pod/web-7d9f8c6b5d-x2k4p/web] ${l}`).join('\n') + '\n';
    // each line a record, as a container's lines without a header are (before: the `file:line` took the warning, 3 records)
    for (const t of [compose, kubectl]) expect(rows(t)).toEqual([[1, 9, 1], [2, undefined, 1], [3, 13, 1], [4, 9, 1]]);
    // with the caret two lines below (node 20's report), still one record at ERROR with all its lines (7)
    const node = ['2026-11-28T03:00:00.000Z INFO app: starting', '/app/x.js:3', 'cfg.port = 1;', '         ^', '', "TypeError: Cannot set properties of null (setting 'port')", '    at Object.<anonymous> (/app/x.js:3:10)', '', 'Node.js v20.20.2'];
    for (const wrap of [(l: string) => `web-1  | ${l}`, (l: string) => `[pod/web-7d9f8c6b5d-x2k4p/web] ${l}`]) {
      expect(rows(node.map(wrap).join('\n') + '\n')).toEqual([[1, 9, 1], [2, 17, 8]]);
    }
  });
});
