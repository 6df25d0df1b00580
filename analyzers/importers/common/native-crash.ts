// The reports a C or C++ program's runtime prints as it dies, and Mono's report of an unhandled
// exception, as they come among a program's log lines (see runtime-crash.ts, which reads them as
// records of their own):
//
// - libstdc++'s verbose terminate handler (an exception nothing caught, std::terminate):
//   `terminate called after throwing an instance of 'std::runtime_error'`, then `  what():  msg`
//   (indented); `terminate called without an active exception`, `terminate called recursively`.
// - glibc's assert(): `prog: file.c:17: int main(int, char**): Assertion `x == 1' failed.`
// - the sanitizers' reports (compiler-rt: AddressSanitizer, LeakSanitizer, ThreadSanitizer,
//   MemorySanitizer): a rule of 65 `=`, then `==1234==ERROR: AddressSanitizer: heap-buffer-overflow …`,
//   and lines of the report's own, unindented, among indented frames and empty lines, up to
//   `==1234==ABORTING` (LeakSanitizer's ends at its `SUMMARY:`; ThreadSanitizer's rule is 18 `=`
//   with `WARNING: ThreadSanitizer:`).
// - the shell's report of the process's death under them: `Aborted`, `Aborted (core dumped)`.
// Each ends the program: FATAL.
// And the standalone Lua interpreter's report of an error nothing caught (lua.c, l_message and
// msghandler): `lua5.4: app.lua:9: msg`, then `stack traceback:` and its frames (tab-indented): ERROR, as
// Python's and Ruby's are.
// And the Dart VM's report of an exception nothing caught (`dart run`, a compiled `dart compile exe`
// program): `Unhandled exception:` alone on its line, the exception's text on the next, then the stack's
// frames, unindented (`#0      main (file:///app/bin/app.dart:17:20)`, the number padded to eight
// columns; `<asynchronous suspension>` between an async call's frames): ERROR, as Python's and Ruby's are.

/** The first line of one of these reports (see the head of this file). */
const CPP_TERMINATE_HEAD = /^terminate called (?:after throwing an instance of '[^'\n]{1,1000}'|without an active exception|recursively)\s*$/;
const GLIBC_ASSERT = /^[^\s:][^:\n]{0,400}: [^:\n]{1,1000}:\d+: [^\n]{1,2000}: Assertion [`'][^\n]{0,4000}' failed\.\s*$/;
/** compiler-rt's rule before a report (sanitizer_common Report: 65 `=`; ThreadSanitizer's 18), and its first line when the rule is not there. */
const SANITIZER_RULE = /^(?:={65}|={18})\s*$/;
const SANITIZER_HEAD = /^==\d{1,10}==(?:ERROR|WARNING): (?:Address|Leak|Thread|Memory|HWAddress)Sanitizer\b/;
/** The lines of a sanitizer's report without an indent after its head (its frames and shadow rows indent). */
const SANITIZER_LINE = /^(?:==\d{1,10}==|WARNING: ThreadSanitizer: |(?:READ|WRITE) of size \d+ at 0x|0x[0-9a-f]{1,16} is located |(?:freed|previously allocated|allocated) by thread T\d+ here:|(?:Previous )?(?:[Rr]ead|[Ww]rite|[Aa]tomic \w+) of size \d+ at 0x|Thread T\d+ (?:\([^)\n]{0,200}\) )?created by |SUMMARY: \w+Sanitizer: |Shadow bytes around the buggy address:|=>0x[0-9a-f]{1,16}:|Shadow byte legend |(?:Direct|Indirect) leak of \d+ byte|AddressSanitizer(?::DEADLYSIGNAL| can not provide additional info\.)|The signal is caused by a |Hint: |Address 0x[0-9a-f]{1,16} is |Uninitialized value was (?:created|stored) |Location is |Mutex M\d+ |HINT: |Objects leaked above:|-{10,}\s*$)/;
/** The shell's report of the death of the process it ran (see RUST_REPORT_LINE in runtime-crash.ts, the same words). */
const SHELL_DEATH = /^(?:[^\s:][^:\n]{0,400}: line \d+: +\d+ +)?(?:Aborted|Segmentation fault|Killed|Bus error|Floating point exception|Illegal instruction)(?: \(core dumped\))?(?: +[^\s][^\n]*)?$/;

/** The Lua interpreter's report's head (its program name: `lua`, `lua5.4`, `luajit`), and the line under it. */
const LUA_HEAD = /^(?:lua(?:5\.[1-4])?|luajit): [^\n]{1,4000}$/;
const LUA_TRACEBACK = /^stack traceback:\s*$/;
/** The Dart VM's report's head, and a frame of its stack (see the head of this file). */
const DART_HEAD = /^Unhandled exception:\s*$/;
/** Lines of a Dart report's exception text looked at before its first frame (the text of an error is a few lines). */
const DART_MESSAGE_LINES = 16;
const DART_FRAME = /^(?:#\d{1,6} {2,}\S[^\n]{0,4000}\((?:file|dart|package|org-dartlang-[\w-]{1,40}|https?):[^\n]{1,2000}\)|<asynchronous suspension>)\s*$/;

/**
 * The Erlang VM's death (erl_init and halt/1, the BEAM's own words on stderr, with no logger's header): the
 * reason boot failed, as erlang:display writes it (`{"init terminating in do_boot",{…}}`, `{"Kernel pid terminated",application_controller,"…"}`), the slogan
 * (`init terminating in do_boot ({…})`, `Kernel pid terminated (application_controller) (…)`, `Runtime
 * terminating during boot (…)`) and `Crash dump is being written to: erl_crash.dump...done`: one FATAL record;
 * and Elixir's banner of an exit signal that reached the script's own process (Exception.format_banner for
 * `{:EXIT, pid}`: `** (EXIT from #PID<0.96.0>) :reason`), the program's end: ERROR, as an uncaught exception's.
 */
const BEAM_DEATH = /^(?:\{"(?:init terminating in do_boot|Kernel pid terminated)",|init terminating in do_boot \(|Kernel pid terminated \(|Runtime terminating during boot \(|Crash dump is being written to: )/;
const ELIXIR_EXIT_FROM = /^\*\* \(EXIT from #PID<\d+\.\d+\.\d+>\) /;

/** The native report `text` begins: libstdc++'s terminate, glibc's assert, a sanitizer's; or Lua's; or the Erlang VM's death. */
export function nativeCrashHead(text: string): 'cpp' | 'sanitizer' | 'lua' | 'beam' | 'dart' | undefined {
  const c = text.charCodeAt(0);
  if (c === 108 /* l */ && LUA_HEAD.test(text)) return 'lua';
  if (c === 85 /* U */ && DART_HEAD.test(text)) return 'dart';
  if ((c === 123 /* { */ || c === 105 /* i */ || c === 75 /* K */ || c === 82 /* R */ || c === 67 /* C */) && BEAM_DEATH.test(text)) return 'beam';
  if (c === 42 /* * */ && ELIXIR_EXIT_FROM.test(text)) return 'beam';
  if (c === 116 /* t */ && CPP_TERMINATE_HEAD.test(text)) return 'cpp';
  if (c === 61 /* = */ && (SANITIZER_RULE.test(text) || SANITIZER_HEAD.test(text))) return 'sanitizer';
  if (c === 87 /* W */ && text.startsWith('WARNING: ThreadSanitizer: ')) return 'sanitizer';
  if (text.includes(': Assertion ') && GLIBC_ASSERT.test(text)) return 'cpp';
  return undefined;
}

/**
 * `text`, a line without an indent, goes on with the native report `lines` (`kind`): a sanitizer's
 * own lines up to its `==N==ABORTING` (or after a rule alone, its head), and after any of them the
 * shell's word on the death.
 */
export function continuesNativeCrash(kind: 'cpp' | 'sanitizer' | 'lua' | 'beam' | 'dart', lines: readonly string[], text: string): boolean {
  if (kind === 'lua') return lines.length === 1 && LUA_TRACEBACK.test(text);
  // (Dart's: the exception's text under the head, some lines long — a FormatException's source line and caret, a
  // NoSuchMethodError's `Receiver:` and `Tried calling:` —, then its frames, and nothing else once they began)
  if (kind === 'dart') return DART_FRAME.test(text) || (lines.length <= DART_MESSAGE_LINES && text.trim() !== '' && !lines.some((l) => DART_FRAME.test(l)));
  if (kind === 'beam') return lines.length < 4 && BEAM_DEATH.test(lines[0]!) && BEAM_DEATH.test(text) && !text.startsWith('{');
  const last = lines[lines.length - 1]!;
  if (SHELL_DEATH.test(text)) return !SHELL_DEATH.test(last);
  if (kind !== 'sanitizer') return false;
  if (lines.length === 1 && SANITIZER_RULE.test(lines[0]!)) return SANITIZER_HEAD.test(text) || text.startsWith('WARNING: ThreadSanitizer: ');
  return SANITIZER_LINE.test(text) && !lines.some((l) => /^==\d{1,10}==ABORTING\s*$/.test(l));
}

/**
 * For readers that decide a line from the line before it alone (docker json-file): `text` goes on
 * with the native report `prev` is a line of (a sanitizer's own line after a line of the report, an
 * empty one or a frame; the head after the rule).
 */
export function continuesNativeLine(prev: string, text: string): boolean {
  // (Dart's exception line under its `Unhandled exception:`, and a frame under a line of the report)
  if (DART_HEAD.test(prev)) return text.trim() !== '';
  if (text.charCodeAt(0) === 35 /* # */ || text.charCodeAt(0) === 60 /* < */) {
    if (DART_FRAME.test(text)) return text.startsWith('#0 ') ? prev.trim() !== '' : DART_FRAME.test(prev);
  }
  // (the Erlang VM's slogan and crash dump note under the reason it displayed)
  if (BEAM_DEATH.test(text) && !text.startsWith('{')) return continuesBeamDeath(prev, text);
  // (Lua's `stack traceback:` under the interpreter's head, or under a message a program wrote with debug.traceback's text)
  if (LUA_TRACEBACK.test(text)) return prev.trim() !== '';
  // glog's FATAL, then the stack of the check that failed (its frames indent)
  if (text.startsWith('*** Check failure stack trace: ***')) return /^F(?:\d{4})?\d{4} \d\d:\d\d:\d\d/.test(prev);
  if (SANITIZER_RULE.test(prev)) return SANITIZER_HEAD.test(text) || text.startsWith('WARNING: ThreadSanitizer: ');
  if (!SANITIZER_LINE.test(text) || text.startsWith('-')) return false;
  return prev.trim() === '' || /^\s/.test(prev) || SANITIZER_LINE.test(prev) || SANITIZER_HEAD.test(prev);
}

/**
 * Mono's report of an unhandled exception: `Unhandled Exception:` alone on its line, the exception
 * on the next (`System.ApplicationException: msg ---> System.…`), then frames; and its runtime's
 * `[ERROR] FATAL UNHANDLED EXCEPTION: System.…` after it (the same exception again, FATAL).
 */
export const MONO_UNHANDLED_HEAD = /^(?:Unhandled Exception:\s*$|\[ERROR\] FATAL UNHANDLED EXCEPTION: [A-Za-z_][\w.`+]*(?::|$))/;
/** An exception's line right under Mono's `Unhandled Exception:`, and the second line of an ArgumentException's message. */
const DOTNET_EXCEPTION_LINE = /^[A-Za-z_][\w`+]*(?:\.[A-Za-z_][\w`+]*)+(?::|\s*$)/;
const PARAMETER_NAME = /^Parameter name: \S/;

/** `text` goes on with .NET's or Mono's report `lines` without an indent (see MONO_UNHANDLED_HEAD). */
export function continuesMonoReport(lines: readonly string[], text: string): boolean {
  if (lines.length === 1 && /^Unhandled Exception:\s*$/.test(lines[0]!)) return DOTNET_EXCEPTION_LINE.test(text);
  return PARAMETER_NAME.test(text) && lines.length <= 3;
}

/** For readers that decide a line from the line before it alone (docker json-file): see continuesMonoReport. */
export function continuesMonoLine(prev: string, text: string): boolean {
  if (/^Unhandled Exception:\s*$/.test(prev)) return DOTNET_EXCEPTION_LINE.test(text);
  return PARAMETER_NAME.test(text) && prev.length <= 8192 && /^(?:Unhandled (?:exception\.|Exception:) |\[ERROR\] FATAL UNHANDLED EXCEPTION: )?[A-Za-z_][\w`+]*(?:\.[A-Za-z_][\w`+]*)+: /.test(prev);
}

/** `lines`, a record a sanitizer's rule began, is only that rule: a line of `=`, no report (no level of its own). */
export function isBareRule(lines: readonly string[]): boolean {
  return lines.length === 1 && SANITIZER_RULE.test(lines[0]!);
}

/** `text` is the Erlang VM's slogan or crash dump note after `prev`, a line of its death (see BEAM_DEATH); docker json-file also asks it across the empty line between them. */
export function continuesBeamDeath(prev: string, text: string): boolean {
  return BEAM_DEATH.test(text) && !text.startsWith('{') && BEAM_DEATH.test(prev);
}
