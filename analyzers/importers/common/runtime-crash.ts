// The reports Python, Ruby, Go, Rust and .NET print when an exception or a panic ends the program (or a thread), as they
// come among a program's log lines: records of their own, not lines of the logger's record above
// them (as Node's report and the JVM's `Exception in thread "main"` are, see jvm-crash.ts).
//
// A Python traceback is the one a logger prints too: `logging.exception(…)`, `logger.error(…,
// exc_info=True)` write the record's line and then the same `Traceback (most recent call last):`
// block. What tells them apart is the record above and where the traceback begins (see
// tracebackAfter and PY_ENTRY_FRAME).
import { EXCEPTION_LINE, PY_CHAIN_SENTENCES, PY_NAMED_EXCEPTION } from './crash-lines.js';
import { continuesMonoLine, continuesMonoReport, continuesNativeCrash, continuesNativeLine, MONO_UNHANDLED_HEAD, nativeCrashHead } from './native-crash.js';

/** A Python traceback's first line (traceback.py, and the interpreter's own report of an uncaught exception). */
export const PY_TRACEBACK_HEAD = /^Traceback \(most recent call last\):\s*$/;
/**
 * The first line of an exception group's traceback (Python 3.11 and later, traceback.py's
 * TracebackException.format for a BaseExceptionGroup): indented by two, then its frames and
 * exception line under `  | `, and each sub-exception's traceback under `    | ` after a
 * `  +-+---------------- 1 ----------------` rule, all indented. The traceback a logger prints with
 * its record (`logger.exception`) or the interpreter's report, as a `Traceback` line is.
 */
const PY_GROUP_HEAD = /^ {2}\+ Exception Group Traceback \(most recent call last\):\s*$/;

/** A line of an exception group's traceback, from its head on: under its `  | ` and `  +-+---…` margins (nested deeper too). */
const PY_GROUP_LINE = /^ {2,}[|+]/;

/**
 * `text` goes on with the exception group's traceback whose line `prev` is (the line before it):
 * for readers where an indent of two does not continue a record (compose's), the group's margin does.
 */
export function continuesGroup(prev: string, text: string): boolean {
  return PY_GROUP_LINE.test(text) && PY_GROUP_LINE.test(prev);
}

/** `t` is the first line of a Python traceback: `Traceback (most recent call last):`, or an exception group's (see PY_GROUP_HEAD). */
export function isTracebackHead(t: string): boolean {
  if (t.length > 80) return false;
  const c = t.charCodeAt(0);
  return (c === 84 /* T */ && PY_TRACEBACK_HEAD.test(t)) || (c === 32 && PY_GROUP_HEAD.test(t));
}
/**
 * The line threading's excepthook prints before the traceback of an exception that ended a thread:
 * `Exception in thread Thread-1 (worker):` (no quotes: the JVM's has them, see JVM_UNCAUGHT); and
 * multiprocessing's for a child process (BaseProcess._bootstrap): `Process Process-1:`,
 * `Process ForkPoolWorker-3:`, `Process SpawnProcess-1:2:` (the default names only: a name of
 * words may be a sentence).
 */
const PY_THREAD_HEAD = /^(?:Exception in thread [^"\s][^\n]{0,200}|Process (?:[A-Z]\w{0,100}-\d+(?::\d+)*|MainProcess)):\s*$/;
/**
 * A traceback's first frame when the exception reached the program's top: the script's module
 * (`File "/app/crash.py", line 7, in <module>`, a console script's `/usr/bin/tool` too) or runpy's
 * `_run_module_as_main` (`python -m pkg`). A logger's traceback begins where the exception was
 * caught, which is the module only when the program catches it at its top. (An exception group's
 * frames are under `  | `: `  |   File "/app/jobs.py", line 13, in <module>`.)
 */
const PY_ENTRY_FRAME = /^ {2}(?:\| {3})?File "[^"\n]{1,4000}", line \d+, in (?:<module>|_run_module_as_main)\s*$/;
/**
 * The line the interpreter prints before the traceback of an exception it ignored, as a `__del__`,
 * a callback or a stream's close raised it (PyErr_WriteUnraisable): `Exception ignored in: <function
 * Conn.__del__ at 0x7f…>` (3.12: `Exception ignored in atexit callback: …`). The program goes on: WARN.
 * After it, the traceback, or only the exception's line (`BrokenPipeError: [Errno 32] Broken pipe`).
 */
const PY_IGNORED_HEAD = /^Exception ignored (?:in|on|while)\b[^\n]{0,4000}$/;
/** The sentences that chain one traceback to the next (the next `Traceback` belongs to the same report). */
const PY_CHAIN_LINE = new RegExp(`^(?:${PY_CHAIN_SENTENCES})\\s*$`);

/**
 * Ruby's report of an uncaught exception (error.c, error_print): where it was raised, the method,
 * the message and the class, then `\tfrom file:line:in 'm'` per frame. Ruby 3.4 quotes the method
 * `'Object#b'`, earlier versions `` `b' ``; an empty message is `unhandled exception`.
 */
const RUBY_CRASH_HEAD = /^(?:[A-Za-z]:)?[^\s:][^:\n]{0,4000}:\d+:in [`'][^'`\n]{1,400}': (?:[^\n]*\([A-Z]\w*(?:::[A-Z]\w*)*\)|unhandled exception)\s*$/;
/** Ruby's line before the report of an exception that ended a thread (Thread#report_on_exception). */
const RUBY_THREAD_HEAD = /^#<Thread:0x[0-9a-f]+[^\n]{0,4000}> terminated with exception \(report_on_exception is true\):\s*$/;

/**
 * Go's runtime, as a panic or a fatal error ends the program (runtime/panic.go: printpanics, throw):
 * then the goroutine dump. Before some fatal errors the runtime says why on lines of its own
 * (`runtime: goroutine stack exceeds 1000000000-byte limit`, `runtime: sp=… stack=[…]`, then
 * `fatal error: stack overflow`; `runtime: out of memory: cannot allocate …`): they begin the report
 * (see GO_RUNTIME_LINE).
 */
const GO_CRASH_HEAD = /^(?:panic: |fatal error: )/;
/**
 * A line of the Go runtime's reasons before its `fatal error:` (see GO_CRASH_HEAD): the runtime's
 * own words (runtime/stack.go, malloc.go, proc.go, traceback.go, mbitmap.go), not any line that
 * begins with `runtime: ` (a program's banner may).
 */
const GO_RUNTIME_LINE = /^runtime: (?:goroutine stack exceeds \d+-byte limit|sp=0x|out of memory|program exceeds \d+-thread limit|failed to create new OS thread|unexpected return pc|bad pointer in frame|pointer 0x|marked free object|cannot allocate memory|g\d+: |newstack |morestack on g0)/;

/**
 * Rust's report of a panic (std's default panic hook): `thread 'main' panicked at src/main.rs:5:5:`
 * and the message on the next line (Rust 1.73 and later), or `thread 'main' panicked at 'msg',
 * src/main.rs:5:5` on one line (earlier); then `note: run with \`RUST_BACKTRACE=1\`…`, or
 * `stack backtrace:` and the numbered frames (`RUST_BACKTRACE=full`: each with its address). A
 * thread's name may be `<unnamed>`; Rust 1.90 and later write the thread's id after it
 * (`thread 'main' (11934) panicked at …`), after an empty line.
 */
const RUST_PANIC_HEAD = /^thread '([^'\n]{1,200})'(?: \(\d{1,20}\))? panicked at [^\n]*$/;
/**
 * Rust's report of a thread that overflowed its stack (std's stack-overflow handler): `thread 'main'
 * (11208) has overflowed its stack`, then `fatal runtime error: stack overflow, aborting` (older:
 * `fatal runtime error: stack overflow`). The process aborts, whichever thread it was: FATAL.
 */
const RUST_OVERFLOW_HEAD = /^thread '[^'\n]{1,200}'(?: \(\d{1,20}\))? has overflowed its stack\s*$/;
/**
 * The lines of Rust's report after its head and message, unindented (the frames indent); with
 * `panic = "abort"`, the shell's report of the process's death by SIGABRT under it: `Aborted`,
 * `Aborted (core dumped)`, bash's in a script `bash: line 1: 11622 Aborted (core dumped) ./app`.
 */
const RUST_REPORT_LINE = /^(?:stack backtrace:|fatal runtime error: |note: (?:run with `RUST_BACKTRACE=|Some details are omitted, run with `RUST_BACKTRACE=)|(?:[^\s:][^:\n]{0,400}: line \d+: +\d+ +)?Aborted(?: \(core dumped\))?(?: +[^\s][^\n]*)?$)/;
/**
 * .NET's report of an unhandled exception (.NET Core 3 and later: `Unhandled exception.
 * System.InvalidOperationException: msg`; .NET Framework: `Unhandled Exception: System.…`), then
 * `   at …` per frame.
 */
const DOTNET_CRASH_HEAD = EXCEPTION_LINE.dotnetUnhandled;
/** Unindented lines of .NET's report after its head: an async method's boundary, an inner exception's end (its start: EXCEPTION_LINE.dotnetInner). */
const DOTNET_END_LINE = /^--- End of (?:stack trace from previous location|inner exception stack trace)\b/;

/**
 * PHP's report of an uncaught exception (Zend/zend_exceptions.c, as the error handler writes it to
 * stderr or the terminal): `PHP Fatal error:  Uncaught RuntimeException: msg in /app/x.php:9` (log
 * mode; `Fatal error: Uncaught …` displayed; php-fpm's worker prefixes `NOTICE: PHP message: `), then `Stack trace:`, `#0 /app/x.php(9): f()` per frame,
 * `#1 {main}`, a previous exception's `Next LogicException: …` and its own trace, and the indented
 * `  thrown in /app/x.php on line 9`. The script dies: FATAL. (In an error log each line has a time,
 * and the report's lines continue the timed one without this.)
 */
const PHP_CRASH_HEAD = /^(?:(?:DEBUG|NOTICE|WARNING|ERROR|ALERT): PHP message: )?(?:PHP )?Fatal error: {1,2}Uncaught [^\n]{1,4000}$/;
/** The unindented lines of PHP's report after its head (see PHP_CRASH_HEAD). */
const PHP_REPORT_LINE = /^(?:Stack trace:\s*$|#\d{1,6} (?:\{main\}\s*$|[^\s\n][^\n]*$)|Next [A-Za-z_\\][\w\\]{0,400}(?:: |\s*$))/;
/**
 * A PHP throwable as its string prints it (Exception::__toString: `echo $e`, `error_log((string) $e)`,
 * `fwrite(STDERR, $e)`): PHP 7 and later `RuntimeException: msg in /app/x.php:9` (no message:
 * `RuntimeException in /app/x.php:9`), PHP 5 `exception 'RuntimeException' with message 'msg' in
 * /app/x.php:9`; then `Stack trace:`, its `#0 …` frames, `#1 {main}`, and a previous exception's
 * `Next …` with its own trace (after an empty line). Not the program's death: the record is the
 * exception's (ERROR, see isExceptionWithStack), which its trace's lines continue where no header
 * begins the records as where one does.
 */
const PHP_THROWABLE_HEAD = /^(?:exception '[A-Za-z_\\][\w\\]{0,400}' with message '[^\n]{0,4000}'|[A-Za-z_\\][\w\\]{0,400}(?:: [^\n]{0,4000})?) in [^\n]{1,2000}:\d{1,9}\s*$/;
const PHP_TRACE_HEAD = /^Stack trace:\s*$/;
const PHP_FRAME = /^#\d{1,6} \S/;
const PHP_LAST_FRAME = /^#\d{1,6} \{main\}\s*$/;
const PHP_NEXT = /^Next [A-Za-z_\\][\w\\]{0,400}(?:: |\s*$)/;

/** `lines` (a record's first lines) are a PHP throwable's string with its trace (see PHP_THROWABLE_HEAD). */
export function isPhpThrowable(lines: readonly string[]): boolean {
  return lines.length >= 2 && PHP_TRACE_HEAD.test(lines[1]!) && lines[0]!.length <= MAX_HEAD && PHP_THROWABLE_HEAD.test(lines[0]!);
}

/**
 * `text`, a line without an indent, goes on with the PHP throwable `lines` is (see
 * PHP_THROWABLE_HEAD): `Stack trace:` right under its head or under a previous exception's `Next …`;
 * a frame under `Stack trace:` or another frame; `Next …` under the last frame, `#N {main}`, with
 * the empty line PHP writes between them (`blanks`: empty lines before `text`, not in `lines`).
 */
export function continuesPhpThrowable(lines: readonly string[], text: string, blanks = 0): boolean {
  const prev = lines[lines.length - 1]!;
  if (text.length > MAX_HEAD || prev.length > MAX_HEAD || lines[0]!.length > MAX_HEAD) return false;
  if (PHP_TRACE_HEAD.test(text)) return blanks === 0 && (lines.length === 1 ? PHP_THROWABLE_HEAD.test(prev) : PHP_NEXT.test(prev) && isPhpThrowable(lines));
  if (PHP_FRAME.test(text)) return blanks === 0 && (PHP_TRACE_HEAD.test(prev) || PHP_FRAME.test(prev)) && isPhpThrowable(lines);
  if (PHP_NEXT.test(text)) return blanks <= 1 && PHP_LAST_FRAME.test(prev) && isPhpThrowable(lines);
  return false;
}

/** Lines of these reports are read only up to this length (the patterns are not for megabyte lines). */
const MAX_HEAD = 8192;

/**
 * CPython's report of its own death (Py_FatalError, and faulthandler's handler of a fatal signal):
 * `Fatal Python error: Segmentation fault`, an empty line, then each thread's stack under
 * `Current thread 0x00007f…` / `Thread 0x…` `(most recent call first):` (its frames indented), and
 * (3.11 and later) `Extension modules: …` after another empty line.
 */
const PY_FATAL_HEAD = /^Fatal Python error: /;
/** The unindented lines of CPython's fatal error report after its head (see PY_FATAL_HEAD). */
const PY_FATAL_LINE = /^(?:(?:Current thread|Thread) 0x[0-9a-f]{1,16} \(most recent call first\):|Extension modules: |Python runtime state: |<no Python frame>$|<Cannot show all threads while the GIL is disabled>$)/;

/** Which runtime's report a record is: Python's (an uncaught exception, one ignored, the interpreter's fatal error), Ruby's, Go's, Rust's, .NET's or PHP's. */
export type RuntimeCrash = 'python' | 'python-ignored' | 'python-fatal' | 'ruby' | 'go' | 'rust' | 'dotnet' | 'php' | 'cpp' | 'sanitizer' | 'lua' | 'beam' | 'dart';

/**
 * The runtime whose report of its death `text` begins, whatever the record above: a Go panic or
 * fatal error, Ruby's report, a Python thread's header. (A Python traceback's head is decided with
 * the record above, see tracebackAfter.)
 */
export function crashHead(text: string): RuntimeCrash | undefined {
  if (text.length > MAX_HEAD) return undefined;
  const c = text.charCodeAt(0);
  if ((c === 112 /* p */ || c === 102 /* f */) && GO_CRASH_HEAD.test(text)) return 'go';
  if (c === 114 /* r */ && GO_RUNTIME_LINE.test(text)) return 'go';
  if ((c === 69 /* E */ || c === 80 /* P */) && PY_THREAD_HEAD.test(text)) return 'python';
  if (c === 69 /* E */ && PY_IGNORED_HEAD.test(text)) return 'python-ignored';
  if (c === 70 /* F */ && PY_FATAL_HEAD.test(text)) return 'python-fatal';
  if (c === 35 /* # */ && RUBY_THREAD_HEAD.test(text)) return 'ruby';
  if (c === 116 /* t */ && (RUST_PANIC_HEAD.test(text) || RUST_OVERFLOW_HEAD.test(text))) return 'rust';
  if ((c === 85 /* U */ && DOTNET_CRASH_HEAD.test(text)) || ((c === 85 || c === 91 /* [ */) && MONO_UNHANDLED_HEAD.test(text))) return 'dotnet';
  if ((c === 80 /* P */ || c === 70 /* F */ || text.includes(': PHP message: ')) && PHP_CRASH_HEAD.test(text)) return 'php';
  if (text.includes(':in ') && RUBY_CRASH_HEAD.test(text)) return 'ruby';
  // (C and C++: libstdc++'s terminate, glibc's assert, the sanitizers; see native-crash.ts)
  return nativeCrashHead(text);
}

/** `lines` (a record's, its first a thread's header) are only that header: the report that follows is that thread's. */
export function isThreadHeadOnly(lines: readonly string[], crash: RuntimeCrash | undefined): boolean {
  if (crash === undefined || lines.length !== 1 || lines[0]!.length > MAX_HEAD) return false;
  if (crash === 'python-ignored') return PY_IGNORED_HEAD.test(lines[0]!);
  return crash === 'python' ? PY_THREAD_HEAD.test(lines[0]!) : crash === 'ruby' && RUBY_THREAD_HEAD.test(lines[0]!);
}

/** What a record above a Python traceback is, for tracebackAfter. */
export interface RecordAbove {
  lines: readonly string[];
  /** The runtime whose report the record is, if it is one. */
  crash?: RuntimeCrash;
  severityNumber?: number;
  /** The record is a request line of an access log (it has a response status). */
  access: boolean;
}

/**
 * What a `Traceback (most recent call last):` line is after `above` (undefined: no record is open):
 * - 'joins': a line of that record. The traceback the record's sentence chains to the one before
 *   it, a thread's traceback after its header, and a logger's traceback after its record at WARN or
 *   above (`logging.exception`, `logger.error(…, exc_info=True)`, a `warning` with exc_info).
 * - 'starts': a record of its own: the runtime's report after another report, or after a request
 *   line (uWSGI prints the traceback of an exception the application raised between them).
 * - 'frame': after a record below WARN or without a level (a program's INFO line, a line it
 *   printed), decided by the traceback's first frame (see startsAtEntry): the interpreter's report
 *   when the exception reached the program's top, else the traceback a logger printed with the
 *   record (`logger.debug(…, exc_info=True)`).
 */
export function tracebackAfter(above: RecordAbove | undefined): 'joins' | 'starts' | 'frame' {
  if (above === undefined) return 'starts';
  const { lines } = above;
  let last = lines.length - 1;
  while (last > 0 && lines[last]!.trim() === '') last--;
  if (lines[last]!.length <= MAX_HEAD && PY_CHAIN_LINE.test(lines[last]!.trim())) return 'joins';
  if (above.crash !== undefined) return isThreadHeadOnly(lines, above.crash) && (above.crash === 'python' || above.crash === 'python-ignored') ? 'joins' : 'starts';
  if (above.severityNumber !== undefined && above.severityNumber >= 13) return 'joins';
  return above.access ? 'starts' : 'frame';
}

/**
 * `frame`, the line after a traceback's head, says the exception reached the program's top (see PY_ENTRY_FRAME).
 *
 * A known misreading: `logger.info(…, exc_info=True)` (or debug) in the program's top-level code prints a traceback
 * that begins at `<module>` too, right under its line, and is read as the interpreter's report. Its lines are the same
 * as an uncaught exception's; what differs is only what follows it (the program goes on, where after an uncaught one
 * the interpreter exits). Nothing in a plain file says that: the end of the input and a second traceback do, but a
 * restarted program's first line (a container that restarts) reads as the same program going on but for a time gap,
 * and no gap is one (a restart can take a tenth of a second, a program can log nothing for minutes). Behind CRI,
 * different stamps on the line and the traceback say they were written apart (a logger writes both at once), but the
 * same stamp does not say they were written together (the runtime stamps what it reads at once). So the traceback is
 * read by its first frame alone.
 */
export function startsAtEntry(frame: string): boolean {
  return frame.length <= MAX_HEAD && PY_ENTRY_FRAME.test(frame);
}

/** A Ruby report after `above` (a record of its own) that belongs to it: the report of the thread whose header `above` is. */
export function rubyReportJoins(above: RecordAbove | undefined): boolean {
  return above !== undefined && above.crash === 'ruby' && isThreadHeadOnly(above.lines, 'ruby');
}

/**
 * `text`, a line without an indent, continues the report `lines` of `crash` (where no header begins
 * the records, only indented lines would): the Go runtime's `fatal error:` under its reasons (see goReasonsGoOn), Rust's message on the line after its head (Rust 1.73 and
 * later end the head with `:`), its `note: run with \`RUST_BACKTRACE=1\`…` and `stack backtrace:`;
 * .NET's `--- End of stack trace from previous location ---` and inner exception lines; the
 * exception's line right after Python's `Exception ignored in: …` (no traceback); the thread
 * headers and `Extension modules:` of CPython's fatal error report; the lines of a Ruby message
 * under its head (see rubyMessageGoesOn); PHP's `Stack trace:`, frames and `Next …` lines.
 */
export function continuesCrash(crash: RuntimeCrash | undefined, lines: readonly string[], text: string, blanks = 0): boolean {
  if (text.length > MAX_HEAD) return false;
  if (crash === 'ruby') return rubyMessageGoesOn(lines, text, blanks);
  if (crash === 'go') return goReasonsGoOn(lines, text);
  if (crash === 'python-ignored') return isThreadHeadOnly(lines, crash) && PY_NAMED_EXCEPTION.test(text);
  if (crash === 'python-fatal') return PY_FATAL_LINE.test(text);
  if (crash === 'rust') return (lines.length === 1 && lines[0]!.trimEnd().endsWith(':')) || RUST_REPORT_LINE.test(text);
  if (crash === 'php') return PHP_REPORT_LINE.test(text);
  if (crash === 'cpp' || crash === 'sanitizer' || crash === 'lua' || crash === 'beam' || crash === 'dart') return continuesNativeCrash(crash, lines, text);
  return crash === 'dotnet' && (DOTNET_END_LINE.test(text) || EXCEPTION_LINE.dotnetInner.test(text) || continuesMonoReport(lines, text));
}

/**
 * Ruby 3.1 and later add to the message of an uncaught NameError, NoMethodError, TypeError… what
 * error_highlight and did_you_mean say: an empty line, the line of source (unindented, as written),
 * carets under the call (indented), `Did you mean?  name`; Ruby prints the message's first line in
 * the head and the others under it, before the `\tfrom` frames. `blanks`: the empty lines before
 * `text` (not in `lines`).
 */
function rubyMessageGoesOn(lines: readonly string[], text: string, blanks: number): boolean {
  const head = lines[0]!;
  // (the message's lines are a few: a record past 8 lines is past them, and is not scanned line by line)
  if (lines.length > 8 || head.length > MAX_HEAD || !RUBY_MESSAGE_HEAD.test(head) || lines.some((l) => l.startsWith('\tfrom '))) return false;
  // (the empty line may be held apart, `blanks`, or be the record's already: behind a container's prefix)
  return (lines.length === 1 && blanks === 1) || (lines.length === 2 && blanks === 0 && lines[1]!.trim() === '') || text.startsWith('Did you mean?');
}

/** A Ruby report's head whose message error_highlight or did_you_mean may go on with (see rubyMessageGoesOn). */
const RUBY_MESSAGE_HEAD = /\(\w*Error\)\s*$/;

/**
 * For readers that decide a line from the two lines above it alone (docker json-file, see
 * jsonl-logs/docker-crash.ts): `text` is error_highlight's source line after the empty line under a
 * Ruby report's head (`before2`, `prev` the empty line), or did_you_mean's `Did you mean?` right under
 * the head or error_highlight's carets (see rubyMessageGoesOn).
 */
export function continuesRubyMessage(before2: string | undefined, prev: string, text: string): boolean {
  if (text.length > MAX_HEAD || prev.length > MAX_HEAD || /^\s/.test(text)) return false;
  if (text.startsWith('Did you mean?')) return (crashHead(prev) === 'ruby' && RUBY_MESSAGE_HEAD.test(prev)) || /^\s+\^+\s*$/.test(prev);
  return prev.trim() === '' && before2 !== undefined && crashHead(before2) === 'ruby' && RUBY_MESSAGE_HEAD.test(before2);
}

/**
 * For readers that see a report one line at a time, each decided from the line before it alone
 * (a docker json-file log's entries, see jsonl-logs/docker-crash.ts): `text` continues the report
 * `prev` is a line of, though it has no indent. Rust's message after a head that ends with `:`,
 * its `stack backtrace:`, `fatal runtime error: …` (a stack overflow) and `note: …` lines (anywhere in a crash), and the shell's `Aborted` after
 * its note or last frame; .NET's `--- End of stack trace …` after a frame; Python's sentence that
 * chains one traceback to the next; PHP's `Stack trace:` and its `#0 …` frames.
 */
export function continuesReportLine(prev: string, text: string): boolean {
  if (text.length > MAX_HEAD || prev.length > MAX_HEAD) return false;
  const c = text.charCodeAt(0);
  if (prev.charCodeAt(0) === 116 /* t */ && RUST_PANIC_HEAD.test(prev) && prev.trimEnd().endsWith(':')) return true;
  if (RUST_REPORT_LINE.test(text)) return text.startsWith('stack backtrace:') || text.startsWith('note: ') || text.startsWith('fatal runtime error: ') || prev.startsWith('note: ') || /^\s/.test(prev); // (the shell's `Aborted`: after the note or a frame)
  if (c === 45 /* - */ && DOTNET_END_LINE.test(text)) return /^\s/.test(prev);
  // PHP's `Stack trace:` under its head (or a previous exception's `Next …`), its frames under it and one another
  if (c === 83 /* S */ && /^Stack trace:\s*$/.test(text)) return PHP_CRASH_HEAD.test(prev) || PHP_THROWABLE_HEAD.test(prev) || /^Next [A-Za-z_\\]/.test(prev);
  if (c === 35 /* # */ && /^#\d{1,6} \S/.test(text)) return /^(?:Stack trace:\s*$|#\d{1,6} \S)/.test(prev);
  // a sanitizer's report's own lines, Mono's exception under its `Unhandled Exception:` (see native-crash.ts)
  if (continuesNativeLine(prev, text) || continuesMonoLine(prev, text)) return true;
  return (c === 68 /* D */ || c === 84 /* T */) && PY_CHAIN_LINE.test(text);
}

/**
 * `text` goes on with the Go runtime's reasons `lines` (a report that so far is only `runtime: …`
 * lines): another of them, or the `fatal error: …` they are the reasons for.
 */
export function goReasonsGoOn(lines: readonly string[], text: string): boolean {
  if (lines.length > 16 || !(GO_RUNTIME_LINE.test(text) || text.startsWith('fatal error: '))) return false;
  return lines.every((l) => l.length <= MAX_HEAD && GO_RUNTIME_LINE.test(l));
}

/**
 * The level of a runtime's report, `lines` its lines. A panic ends the program: Go's (FATAL), and
 * Rust's in the main thread (FATAL), as a Rust thread's stack overflow does (FATAL); Rust's in another thread ends that thread (ERROR, as a Python
 * or Ruby thread's exception). An uncaught exception is ERROR, .NET's too (as Python's, Ruby's and
 * the JVM's are: the report of an exception, though .NET's runtime then aborts). An exception
 * Python ignored (`Exception ignored in: …`) is WARN: the program goes on. CPython's fatal error report is FATAL.
 */
export function crashSeverity(crash: RuntimeCrash, lines: readonly string[]): { number: number; text: string } {
  if (crash === 'go' || crash === 'python-fatal' || crash === 'php' || crash === 'cpp' || crash === 'sanitizer') return { number: 21, text: 'fatal' };
  if (crash === 'python-ignored') return { number: 13, text: 'warn' };
  // (the Erlang VM's death: FATAL; Elixir's `** (EXIT from …)` banner: ERROR, as an uncaught exception)
  if (crash === 'beam') return lines[0]!.startsWith('**') ? { number: 17, text: 'error' } : { number: 21, text: 'fatal' };
  const head = lines[0]!.length <= MAX_HEAD ? lines[0]!.trim() : '';
  if (crash === 'rust' && (RUST_PANIC_HEAD.exec(head)?.[1] === 'main' || RUST_OVERFLOW_HEAD.test(head))) return { number: 21, text: 'fatal' };
  return { number: 17, text: 'error' };
}
