// What stop 31's probe captured on Debian 12 (lines copied from the real output, paths shortened):
// spdlog 1.10's `%L` letters after an epoch, log4cxx 1.0's TTCCLayout, UBSan's one-line report,
// OCaml 4.13 backtraces (OCAMLRUNPARAM=b), GHC 9.0's `error` with its CallStack, the Erlang/OTP 25 VM's
// death and Elixir 1.14's `** (EXIT from …)` banner, OTP's and Elixir's reports behind docker json-file.
// Expected records are counted off the lines by hand, from each producer's layout.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';

/** Each record as [first line, severity number, lines]. */
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

describe('text-logs: spdlog level letters and log4cxx TTCC', () => {
  it('spdlog `%E %L %v`: the letter after the epoch is the level', () => {
    const lines = ['1795869867.295253559 T trace detail 1', '1795869867.295264165 D cache warm', '1795869867.295265827 I server started on port 8080', '1795869867.295267390 W slow query took 1203ms', '1795869867.295268682 E payment failed for order 42', '1795869867.295269683 C out of memory'];
    expect(read(plain(lines))).toEqual([[1, 1, 1], [2, 5, 1], [3, 9, 1], [4, 13, 1], [5, 17, 1], [6, 18, 1]]);
  });
  it('one letter only after the time (`I think …` on every line) is no level column', () => {
    const lines = ['2026-11-28 12:00:00 I think so', '2026-11-28 12:00:01 I said no', '2026-11-28 12:00:02 I went home', '2026-11-28 12:00:03 I am back'];
    expect(read(plain(lines))).toEqual([[1, undefined, 1], [2, undefined, 1], [3, undefined, 1], [4, undefined, 1]]);
  });
  it('spdlog `[%=7L]` padded with dashes after the time: the letter', () => {
    const lines = ['2026-11-28T12:44:27.322Z [---I---] server started', '2026-11-28T12:44:27.323Z [---W---] slow query', '2026-11-28T12:44:27.324Z [---E---] payment failed', '2026-11-28T12:44:27.325Z [---I---] done'];
    expect(read(plain(lines))).toEqual([[1, 9, 1], [2, 13, 1], [3, 17, 1], [4, 9, 1]]);
  });
  it('TTCCLayout (log4cxx): each line a record at its level, a message\'s second line joins it (was a record of its own)', () => {
    const lines = ['4 [0x7f67d9619b80] INFO  com.shop.Orders null - server started on port 8080', '4 [0x7f67d9619b80] WARN  com.shop.Orders null - slow query took 1203ms', '4 [0x7f67d9619b80] INFO  com.shop.Orders null - multi', 'line message', '  indented third', '5 [0x7f67d9619b80] ERROR com.shop.Orders null - caught: boom', '176 [main] FATAL examples.Sort - out of memory'];
    expect(read(plain(lines))).toEqual([[1, 9, 1], [2, 13, 1], [3, 9, 3], [6, 17, 1], [7, 21, 1]]);
    const r = logs(decodeText(textLogs, plain(lines)));
    expect([r[0]!.scope?.name, r[0]!.attributes['thread.name'], r[4]!.scope?.name, r[4]!.attributes['thread.name']]).toEqual(['com.shop.Orders', '0x7f67d9619b80', 'examples.Sort', 'main']);
  });
  it('UBSan\'s `file:line:col: runtime error: …` is an ERROR line', () => {
    expect(read(plain(['app: starting ubsan', "crash.cc:22:45: runtime error: signed integer overflow: 2 + 2147483647 cannot be represented in type 'int'"]))).toEqual([[1, undefined, 1], [2, 17, 1]]);
  });
});

const OCAML = [
  'app: starting',
  'processed 2',
  'Fatal error: exception Crash.Payment_failed("declined", 42)',
  'Raised at Crash.charge in file "crash.ml", line 2, characters 32-71',
  'Called from Stdlib__List.map in file "list.ml", line 92, characters 20-23',
  'Called from Crash.process in file "crash.ml" (inlined), line 3, characters 18-37',
  'Called from Crash in file "crash.ml", line 8, characters 9-29',
];
const OCAML_LOGGED = ['error: Invalid_argument("bad input")', 'Raised at Exitf in file "exitf.ml", line 2, characters 7-43', 'continuing'];
const GHC = ['app: starting', 'err: payment failed for order 42', 'CallStack (from HasCallStack):', '  error, called at err.hs:8:19 in main:Main', 'next line'];

describe('text-logs: OCaml and GHC reports', () => {
  it('OCaml\'s uncaught exception with its backtrace is one record (was one per line)', () => {
    expect(read(plain(OCAML))).toEqual([[1, undefined, 1], [2, undefined, 1], [3, 21, 5]]);
    expect(read(cri(OCAML))).toEqual([[1, undefined, 1], [2, undefined, 1], [3, 21, 5]]);
    expect(read(docker(OCAML), jsonlLogs)).toEqual([[1, undefined, 1], [2, undefined, 1], [3, 21, 5]]);
  });
  it('a backtrace a program printed (Printexc.get_backtrace) joins its line', () => {
    expect(read(plain(OCAML_LOGGED))).toEqual([[1, 17, 2], [3, undefined, 1]]);
  });
  it('GHC\'s CallStack joins the message above it', () => {
    // (a message with a stack under it: ERROR, as exception-stack.ts reads a logged exception)
    expect(read(plain(GHC))).toEqual([[1, undefined, 1], [2, 17, 3], [5, undefined, 1]]);
    expect(read(docker(GHC), jsonlLogs)).toEqual([[1, undefined, 1], [2, 17, 3], [5, undefined, 1]]);
  });
  it('a line beginning `Called from` without OCaml\'s `file "…"` is a line of its own', () => {
    expect(read(plain(['job started', 'Called from the scheduler at noon']))).toEqual([[1, undefined, 1], [2, undefined, 1]]);
  });
});

const OTP_DEATH = [
  '=SUPERVISOR REPORT==== 28-Nov-2026::17:35:51.455785 ===',
  '    supervisor: {<0.79.0>,wsup}',
  '    errorContext: shutdown',
  '    reason: reached_max_restart_intensity',
  '',
  '{"init terminating in do_boot",{badarg_at_top,[{w,main,0,[{file,"w.erl"},{line,20}]}]}}',
  'init terminating in do_boot ({badarg_at_top,[{w,main,0,[{_},{_}]}]})',
  '',
  'Crash dump is being written to: erl_crash.dump...done',
];
const OTP_GEN_SERVER = [
  '=ERROR REPORT==== 28-Nov-2026::17:35:51.355344 ===',
  '** Generic server w terminating ',
  "** Last message in was {'$gen_cast',boom}",
  '** When Server state == #{}',
  '** Reason for termination ==',
  '** {{badkey,missing},',
  '    [{erlang,map_get,[missing,#{}],[]}]}',
  '',
  '=INFO REPORT==== 28-Nov-2026::17:35:51.355506 ===',
  'payment service starting on port 8080',
];
const ELIXIR = [
  '17:35:38.695 [warning] after crashes',
  '17:35:38.697 [error] Task #PID<0.108.0> started from #PID<0.96.0> terminating',
  '** (stop) :timeout_talking_to_db',
  '    sup.exs:18: anonymous fn/0 in :elixir_compiler_0.__FILE__/1',
  'Function: #Function<1.7038526 in file:sup.exs>',
  '    Args: []',
  '** (EXIT from #PID<0.96.0>) :timeout_talking_to_db',
];

describe('text-logs: the Erlang VM\'s death and Elixir\'s exit banner', () => {
  it('the VM\'s reason, slogan and crash dump note are one FATAL record (were joined to the last report)', () => {
    expect(read(plain(OTP_DEATH))).toEqual([[1, 17, 4], [6, 21, 4]]);
    expect(read(cri(OTP_DEATH))).toEqual([[1, 17, 4], [6, 21, 4]]);
    expect(read(docker(OTP_DEATH), jsonlLogs)).toEqual([[1, 17, 4], [6, 21, 4]]);
  });
  it('RabbitMQ\'s boot failure: the kernel\'s reason and slogan are one FATAL record (were joined to the notice above)', () => {
    const lines = [
      '2026-11-28 08:56:57.080137+00:00 [notice] <0.44.0> Application rabbit exited with reason: {eacces,{rabbit,start,[normal,[]]}}',
      '{"Kernel pid terminated",application_controller,"{application_start_failure,rabbit,{eacces,{rabbit,start,[normal,[]]}}}"}',
      'Kernel pid terminated (application_controller) ({application_start_failure,rabbit,{eacces,{rabbit,start,[normal,[]]}}})',
      '',
      'Crash dump is being written to: /var/log/rabbitmq/erl_crash.dump...',
    ];
    expect(read(plain(lines))).toEqual([[1, 10, 1], [2, 21, 4]]);
  });
  it('Elixir\'s `** (EXIT from #PID<…>)` is a record of its own (was joined to the Task report)', () => {
    expect(read(plain(ELIXIR))).toEqual([[1, 13, 1], [2, 17, 5], [7, 17, 1]]);
  });
  it('docker json-file: OTP\'s legacy report lines and Elixir\'s report lines continue their report', () => {
    expect(read(docker(OTP_GEN_SERVER), jsonlLogs)).toEqual([[1, 17, 7], [9, 9, 2]]);
    expect(read(docker(ELIXIR), jsonlLogs)).toEqual([[1, 13, 1], [2, 17, 5], [7, 17, 1]]);
  });
});

// `kubectl logs --timestamps`: the pod's lines behind an RFC 3339 stamp
const stamped = (lines: readonly string[]) => lines.map((l, i) => `${stamp(i)} ${l}`).join('\n') + '\n';

describe('text-logs: .NET heads behind kubectl logs --timestamps', () => {
  it('Microsoft.Extensions.Logging\'s console head and its indented message are one record, the unhandled exception another (were 7 records)', () => {
    const lines = ['info: Worker[0]', '      Worker started', 'Unhandled exception. System.AggregateException: One or more errors occurred. (boom)', ' ---> System.InvalidOperationException: boom', '   at Program.Work() in /app/Program.cs:line 9', '   --- End of inner exception stack trace ---', '   at Program.<Main>$(String[] args) in /app/Program.cs:line 5'];
    expect(read(plain(lines))).toEqual([[1, 9, 2], [3, 17, 5]]);
    expect(read(stamped(lines))).toEqual([[1, 9, 2], [3, 17, 5]]);
  });
  it('TraceListener lines: a record each at their level', () => {
    const lines = ['starting', 'app.exe Information: 0 : trace info message', 'app.exe Warning: 0 : trace warning', 'Shop.Orders Error: 42 : payment failed'];
    expect(read(stamped(lines))).toEqual([[1, undefined, 1], [2, 9, 1], [3, 13, 1], [4, 17, 1]]);
  });
});
