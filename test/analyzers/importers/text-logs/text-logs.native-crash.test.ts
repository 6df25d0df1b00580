// What C/C++ programs (glog 0.6, spdlog 1.10, libstdc++'s terminate, glibc's assert, GCC 12's
// AddressSanitizer/LeakSanitizer) and Mono 6.8 write, as the probe of stop 30 captured it on Debian 12
// (lines copied from the real output, frames and shadow rows cut, paths shortened); and the
// container wrappers' empty lines (the lead's rule: a wrapper makes no more records than the lines
// it wraps make in a plain file). Expected records are counted off the lines by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, isoNs, logs } from '../jsonl-logs/log-test-helpers.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';

/** Each record as [first line, severity number, lines] (a docker entry's record: the lines of its body). */
function read(text: string, spec: FormatSpec = textLogs): [number | undefined, number | undefined, number][] {
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  return logs(r).map((x) => [x.source.line, x.severityNumber, spec === textLogs ? ((x.attributes['log.record.lines'] as number | undefined) ?? 1) : String(x.body).split('\n').length]);
}

const stamp = (i: number) => `2026-11-28T09:00:00.${String(i).padStart(3, '0')}000000Z`;
const plain = (lines: readonly string[]) => lines.join('\n') + '\n';
const cri = (lines: readonly string[]) => lines.map((l, i) => `${stamp(i)} stderr F ${l}`).join('\n') + '\n';
const docker = (lines: readonly string[]) => lines.map((l, i) => JSON.stringify({ log: l + '\n', stream: 'stderr', time: stamp(i) })).join('\n') + '\n';
const compose = (lines: readonly string[]) => lines.map((l) => `app-1  | ${l}`).join('\n') + '\n';

// GLOG_log_dir=… ./app: the INFO file (its preamble, then every entry), a CHECK failing at the end
const GLOG_FILE = [
  'Log file created at: 2026/11/28 12:43:26',
  'Running on machine: vm',
  'Running duration (h:mm:ss): 0:00:00',
  'Log line format: [IWEF]yyyymmdd hh:mm:ss.uuuuuu threadid file:line] msg',
  'I20261128 12:43:26.580871 28051 glogt.cc:6] server started on port 8080',
  'W20261128 12:43:26.581019 28051 glogt.cc:7] slow query took 1203ms',
  'E20261128 12:43:26.581063 28051 glogt.cc:8] payment failed for order 42',
  'I20261128 12:43:26.581113 28051 glogt.cc:9] multi',
  'line message',
  '  indented third',
  'F20261128 12:43:26.581147 28051 glogt.cc:3] Check failed: n > 0 (0 vs. 0) n must be positive, got 0',
];
// GLOG_logtostderr=1: the same FATAL on stderr, with the check failure's stack
const GLOG_FATAL = [
  'E20261128 12:43:26.617771 28053 glogt.cc:14] open failed: Success [0]',
  'F20261128 12:43:26.617786 28053 glogt.cc:3] Check failed: n > 0 (0 vs. 0) n must be positive, got 0',
  '*** Check failure stack trace: ***',
  '    @     0x7fdf5ebcb1ed  google::LogMessage::Fail()',
  '    @     0x55935083e335  deep()',
  '    @     0x55935083e890  main',
  '    @     0x55935083e1a1  _start',
];

describe('text-logs: glog 0.6 and later (the year in each line)', () => {
  it('each entry has its level and time; the file\'s four preamble lines are no record (were one, with no level)', () => {
    const r = decodeText(textLogs, plain(GLOG_FILE));
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.attributes['log.record.lines'] ?? 1])).toEqual([[5, 9, 1], [6, 13, 1], [7, 17, 1], [8, 9, 3], [11, 21, 1]]);
    expect(isoNs(recs[0]!.timeNs)).toBe('2026-11-28T12:43:26.580871000Z');
    expect(recs[0]!.timeWithoutYear).toBeUndefined();
    expect(recs[0]!.attributes['code.lineno']).toBe(6);
    expect(r.errors).toEqual([]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(plain(GLOG_FILE)));
  });

  it('the FATAL check failure with its stack is one record, plain, behind CRI and in docker json-file', () => {
    expect(read(plain(GLOG_FATAL))).toEqual([[1, 17, 1], [2, 21, 6]]);
    expect(read(cri(GLOG_FATAL))).toEqual([[1, 17, 1], [2, 21, 6]]);
    expect(read(docker(GLOG_FATAL), jsonlLogs).map((x) => x[0])).toEqual([1, 2]);
  });

  it('a line that only looks like the preamble inside an entry stays its text; the 4-digit glog of older versions still reads', () => {
    const lines = ['I1128 12:43:26.580871 28051 a.cc:6] first', 'Running on machine: vm and more words', 'I1128 12:43:27.000000 28051 a.cc:7] second'];
    const recs = logs(decodeText(textLogs, plain(lines)));
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.attributes['log.record.lines'] ?? 1])).toEqual([[1, 9, 2], [3, 9, 1]]);
  });
});

// spdlog's default pattern on stderr, then an exception nothing caught (sh -c './worker': the shell's word)
const SPD = ['[2026-11-28 12:45:21.959] [worker] [info] worker started', '[2026-11-28 12:45:21.959] [worker] [error] job 7 failed'];
const TERMINATE = ["terminate called after throwing an instance of 'std::runtime_error'", '  what():  unhandled in worker', 'Aborted'];
// g++ -fsanitize=address: a heap buffer overflow (frames, shadow rows and legend cut)
const ASAN = [
  '=================================================================',
  '==29396==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000020 at pc 0x55ee8637b3aa bp 0x7fff250bade0 sp 0x7fff250badd8',
  'READ of size 4 at 0x602000000020 thread T0',
  '    #0 0x55ee8637b3a9 in heap_overflow() /src/crash.cc:9',
  '    #1 0x55ee8637b6b1 in main /src/crash.cc:18',
  '',
  '0x602000000020 is located 0 bytes to the right of 16-byte region [0x602000000010,0x602000000020)',
  'allocated by thread T0 here:',
  '    #0 0x7f5bddcb9628 in operator new[](unsigned long) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:98',
  '',
  'SUMMARY: AddressSanitizer: heap-buffer-overflow /src/crash.cc:9 in heap_overflow()',
  'Shadow bytes around the buggy address:',
  '  0x0c047fff7ff0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '=>0x0c047fff8000: fa fa 00 00[fa]fa fa fa fa fa fa fa fa fa fa fa',
  'Shadow byte legend (one shadow byte represents 8 application bytes):',
  '  Addressable:           00',
  '==29396==ABORTING',
];
const LSAN = [
  '',
  '=================================================================',
  '==29720==ERROR: LeakSanitizer: detected memory leaks',
  '',
  'Direct leak of 77 byte(s) in 1 object(s) allocated from:',
  '    #0 0x7f5bddcb89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69',
  '    #1 0x55abf4ff7513 in leak() /src/crash.cc:11',
  '',
  'SUMMARY: AddressSanitizer: 77 byte(s) leaked in 1 allocation(s).',
];

describe('text-logs: the reports of a C/C++ program\'s death are FATAL records of their own', () => {
  it("libstdc++'s terminate (and the shell's `Aborted`) after spdlog's lines: one record (was joined to the ERROR line above)", () => {
    const lines = [...SPD, ...TERMINATE];
    for (const t of [plain(lines), cri(lines)]) expect(read(t)).toEqual([[1, 9, 1], [2, 17, 1], [3, 21, 3]]);
    expect(read(docker(lines), jsonlLogs)).toEqual([[1, 9, 1], [2, 17, 1], [3, 21, 3]]);
  });

  it("after a line of no logger's, and glibc's assert: records of their own at FATAL", () => {
    expect(read(plain(['app: starting', ...TERMINATE]))).toEqual([[1, undefined, 1], [2, 21, 3]]);
    expect(read(plain(['app: starting', "crash: crash.cc:17: int main(int, char**): Assertion `argc == 99 && \"argc must be 99\"' failed.", 'Aborted (core dumped)']))).toEqual([[1, undefined, 1], [2, 21, 2]]);
  });

  it('an AddressSanitizer report is one record (was 11: each of its unindented lines), plain, behind CRI, compose and docker json-file', () => {
    const lines = ['app: starting heap', ...ASAN];
    for (const t of [plain(lines), cri(lines), compose(lines)]) expect(read(t)).toEqual([[1, undefined, 1], [2, 21, ASAN.length]]);
    expect(read(docker(lines), jsonlLogs)).toEqual([[1, undefined, 1], [2, 21, ASAN.length]]);
  });

  it("after spdlog's records (a learned header): its own record, not the ERROR line's (the logger's line after it its own again)", () => {
    const lines = [...SPD, ...ASAN, '[2026-11-28 12:45:22.001] [worker] [info] restarted'];
    expect(read(plain(lines))).toEqual([[1, 9, 1], [2, 17, 1], [3, 21, ASAN.length], [3 + ASAN.length, 9, 1]]);
  });

  it('LeakSanitizer\'s report at exit (an empty line before its rule, none after its SUMMARY): one record', () => {
    const lines = ['app: starting leak', ...LSAN, 'app: next run'];
    expect(read(plain(lines))).toEqual([[1, undefined, 1], [3, 21, LSAN.length - 1], [11, undefined, 1]]);
    expect(read(cri(lines))).toEqual([[1, undefined, 1], [3, 21, LSAN.length - 1], [11, undefined, 1]]);
  });

  it('a line of 65 `=` with no report under it is no report: no level, and the lines after it are their own', () => {
    const lines = ['starting', '='.repeat(65), 'Results:', 'done'];
    expect(read(plain(lines))).toEqual([[1, undefined, 1], [2, undefined, 1], [3, undefined, 1], [4, undefined, 1]]);
  });
});

// mono --debug app.exe (Mono 6.8): its report of an unhandled exception, then its runtime's FATAL line (frames cut)
const MONO = [
  '2026-11-28T12:45:31.4253440Z INFO app started',
  '2026-11-28T12:45:31.4341300Z WARN low disk',
  '',
  'Unhandled Exception:',
  'System.ApplicationException: request failed ---> System.ArgumentException: bad order id',
  'Parameter name: orderId',
  '  at App.Inner (System.Int32 n) [0x0001f] in /src/app.cs:5 ',
  '   --- End of inner exception stack trace ---',
  '  at App.Main (System.String[] args) [0x000dc] in /src/app.cs:17 ',
  '[ERROR] FATAL UNHANDLED EXCEPTION: System.ApplicationException: request failed ---> System.ArgumentException: bad order id',
  'Parameter name: orderId',
  '  at App.Inner (System.Int32 n) [0x0001f] in /src/app.cs:5 ',
  '   --- End of inner exception stack trace ---',
  '  at App.Main (System.String[] args) [0x000dc] in /src/app.cs:17 ',
];

describe("text-logs: Mono's report of an unhandled exception", () => {
  it('its two blocks are records of their own (were joined to the WARN line above), plain, behind CRI and in docker json-file', () => {
    expect(read(plain(MONO))).toEqual([[1, 9, 1], [2, 13, 1], [4, 17, 6], [10, 17, 5]]);
    expect(read(cri(MONO))).toEqual([[1, 9, 1], [2, 13, 1], [4, 17, 6], [10, 17, 5]]);
    expect(read(docker(MONO), jsonlLogs)).toEqual([[1, 9, 1], [2, 13, 1], [4, 17, 6], [10, 17, 5]]);
  });

  it("TraceListener's lines (Trace.TraceInformation/TraceWarning/TraceError through ConsoleTraceListener) are records with their level (were joined to the timed line above, no level)", () => {
    const lines = [MONO[1]!, 'app.exe Information: 0 : trace info message', 'app.exe Warning: 0 : trace warning message', 'Shop.Orders Critical: 42 : ledger down', 'Shop.Orders Verbose: 7 : detail', 'Disk Warning: space low (no event id: text)'];
    for (const t of [plain(lines), cri(lines)]) expect(read(t)).toEqual([[1, 13, 1], [2, 9, 1], [3, 13, 1], [4, 21, 1], [5, 5, 2]]);
    const rec = logs(decodeText(textLogs, plain(lines)))[3]!;
    expect([rec.attributes['dotnet.trace.source'], rec.attributes['dotnet.trace.event_id'], rec.severityText]).toEqual(['Shop.Orders', 42, 'Critical']);
  });

  it('without a logger above it (line mode): the exception and its `Parameter name:` continue the head', () => {
    expect(read(plain(['app: starting', ...MONO.slice(3, 9)]))).toEqual([[1, undefined, 1], [2, 17, 6]]);
  });
});

// lua5.4 t.lua (Lua 5.4.4): a message logged with debug.traceback's text, then the interpreter's report of an uncaught error
const LUA = [
  '2026-11-28T12:45:38Z INFO starting',
  "2026-11-28T12:45:38Z ERROR with traceback: t.lua:1: attempt to index a nil value (field 'field')",
  'stack traceback:',
  '\tt.lua:1: in function <t.lua:1>',
  "\t[C]: in function 'xpcall'",
  '\tt.lua:7: in main chunk',
  "lua5.4: t.lua:9: configuration missing: db.host",
  'stack traceback:',
  "\t[C]: in function 'error'",
  '\tt.lua:9: in main chunk',
  '\t[C]: in ?',
];

describe("text-logs: the Lua interpreter's report of an uncaught error", () => {
  it('is a record of its own at ERROR (was joined to the logged ERROR line above), plain, behind CRI and in docker json-file; a logged traceback stays in its record', () => {
    const want = [[1, 9, 1], [2, 17, 5], [7, 17, 5]];
    for (const t of [plain(LUA), cri(LUA)]) expect(read(t)).toEqual(want);
    expect(read(docker(LUA), jsonlLogs)).toEqual(want);
    expect(read(plain(LUA.slice(6)))).toEqual([[1, 17, 5]]);
  });
});

describe('container wrappers make no more records than the lines they wrap (lead\'s rule, stop 30)', () => {
  // Elixir's console backend writes "\n" before each record (Elixir 1.14, the probe of stop 29)
  const ELIXIR = ['', '08:47:32.645 [debug] debug msg', '', '08:47:32.647 [info] user logged in', '', '08:47:32.647 [error] payment failed', 'second line', '', '08:47:32.647 [notice] a notice'];
  it('an empty line before each record: the same records plain, behind CRI, compose and docker json-file', () => {
    const want = [2, 4, 6, 9];
    for (const t of [plain(ELIXIR), cri(ELIXIR)]) expect(read(t).map((x) => x[0])).toEqual(want);
    // (behind compose and in docker's entries `second line` is a record of its own, as any unindented line without a report
    // above it there: not the empty lines' doing, left as it was)
    expect(read(compose(ELIXIR)).map((x) => x[0])).toEqual([2, 4, 6, 7, 9]);
    expect(read(docker(ELIXIR), jsonlLogs).map((x) => x[0])).toEqual([2, 4, 6, 7, 9]);
  });

  it("Ruby's error_highlight (an empty line, the source line, carets) stays in its report behind CRI, compose and docker json-file", () => {
    const RUBY = ["-e:1:in `f': undefined method `upcase' for nil:NilClass (NoMethodError)", '', 'def f(n)= n==0 ? nil.upcase : f(n-1); f(3)', '                    ^^^^^^^', "\tfrom -e:1:in `f'", "\tfrom -e:1:in `<main>'"];
    for (const t of [plain(RUBY), cri(RUBY), compose(RUBY)]) expect(read(t)).toEqual([[1, 17, 6]]);
    expect(read(docker(RUBY), jsonlLogs)).toEqual([[1, 17, 6]]);
  });

  it("Ruby Logger's file header behind a wrapper is no record, as in the file", () => {
    const lines = ['# Logfile created on 2026-11-28 08:41:51 +0000 by logger.rb/v1.5.0', 'I, [2026-11-28T08:41:51.878083 #17116]  INFO -- : server started on port 3000'];
    expect(read(cri(lines))).toEqual([[2, 9, 1]]);
    expect(read(docker(lines), jsonlLogs)).toEqual([[2, 9, 1]]);
  });
});
