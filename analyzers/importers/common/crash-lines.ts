// Lines of a crash that a runtime prints around a log stream (a Java exception's frames, a Python
// traceback, a Go panic with its goroutine dump): they belong to the record above them. Shared
// by the text, JSON Lines and logfmt importers, which all meet them in real container output.
import { severityFromText } from '../jsonl-logs/severity.js';

/**
 * What begins a line that continues the record above in any log: an indent (frames), `Caused by:`, a traceback's head,
 * `... 12 more`, a goroutine header; OCaml's backtrace lines (Printexc: `Raised at Crash.charge in file "crash.ml", line 2,
 * …`, `Re-raised at …`, `Raised by primitive operation at …`, `Called from …`; before 4.11 `Raised at file "…"`), and
 * GHC's `CallStack (from HasCallStack):` (its frames indent; GHC 9.10's `HasCallStack backtrace:`).
 */
const CRASH_CONTINUATION_SOURCE = String.raw`\s|Caused by:|Traceback \(most recent call last\)|\.\.\. \d+ (more|common frames omitted)|goroutine \d+ \[|(?:Raised at|Re-raised at|Raised by primitive operation at|Called from) (?:[^\s"]{1,300} in )?file "|Called from unknown location|CallStack \(from HasCallStack\):|HasCallStack backtrace:`;
/** Lines that continue the record above in any log: indented frames, `Caused by:`, `... 12 more`, a goroutine header. */
export const CRASH_CONTINUATION = new RegExp(`^(${CRASH_CONTINUATION_SOURCE})`);
/**
 * Lines that continue a record in a text log even where no header pattern was learned: those of
 * CRASH_CONTINUATION, and the closing brackets of a structure the record printed over lines (a
 * line that begins with `}`, a line that is `]`).
 */
export const TEXT_CONTINUATION = new RegExp(`^(${CRASH_CONTINUATION_SOURCE}|\\}|\\]$)`);

/**
 * A Java throwable's class, qualified: its packages (lower-case, as Java's are), then a class whose
 * name ends as a throwable's does (`IllegalStateException`, `OutOfMemoryError`, and
 * `java.lang.Exception` itself: the lookbehind lets the suffix be the whole name). A nested class
 * prints as `Outer$InnerException`.
 */
const JAVA_THROWABLE = String.raw`(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?<=Exception|Error|Throwable)`;
/** The same where the packages may be capitalised too (the line of a crash in a docker log, docker-crash.ts). */
const JAVA_THROWABLE_ANY_CASE = String.raw`(?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?<=Exception|Error|Throwable)`;
/** A .NET exception's class, qualified (`System.InvalidOperationException`, a generic's `` `1 ``, a nested class's `+`). */
const DOTNET_CLASS = String.raw`[A-Za-z_][\w.\`+]*`;
/** A Python exception's class as the interpreter prints it: a (dotted) name (`KeyError`, `requests.exceptions.HTTPError`). */
const PY_CLASS = String.raw`[A-Za-z_][\w.]*`;

/**
 * The lines that name an exception, one table for every reader: which line each reading takes
 * for an exception's, from where it meets it.
 * - `overStack`: any runtime's exception line over its stack (exception-stack.ts: a record with no
 *   level that is an exception and its frames): its class, a name that ends as an error's does
 *   (`TypeError`, `AggregateError`, `java.io.IOException`, `System.InvalidOperationException`),
 *   Node's code in brackets (`Error [ERR_MODULE_NOT_FOUND]`, `DOMException [AbortError]`), then `: `
 *   and its message. One word and a colon may come before it, the event a handler names
 *   (`uncaughtException: `, `unhandledRejection: `), or the REPL's `Uncaught `.
 * - `javaLogged`: the exception a Java logger prints under its record's message, before the frames
 *   (`java.lang.IllegalStateException: boom`; text-logs, where no header begins a record or behind
 *   a container's prefix).
 * - `javaCrash`: a line of a Java crash at column 0 in a docker log (docker-crash.ts): the
 *   exception, after the JVM's `Exception in thread "main" ` or not, with a message or none.
 * - `pythonNamed`: a Python exception's line, its class named as an exception's is (`KeyError: 'a'`,
 *   `requests.exceptions.HTTPError: 404`, a bare `StopIteration`), or the base class itself
 *   (`raise Exception('…')`: `Exception: …`): the last line of a traceback, or
 *   the only line after `Exception ignored in: …` (runtime-crash.ts); in a docker log, the entry
 *   under a traceback's last frame (docker-crash.ts).
 * - `pythonAny`: the last line of a traceback under its indented frames in a text log, any name
 *   (endsTraceback: the record's own lines say it is a traceback; a level word is no exception).
 * - `jvmUncaught`: the JVM's report of an exception no code caught (ThreadGroup.uncaughtException):
 *   `Exception in thread "main" java.lang.IllegalStateException: boom` (jvm-crash.ts).
 * - `dotnetUnhandled`: .NET's report of an unhandled exception (.NET Core 3 and later: `Unhandled
 *   exception. System.InvalidOperationException: msg`; .NET Framework: `Unhandled Exception:
 *   System.…`), and `dotnetInner`, an inner exception's line in it (` ---> System.Exception: boom`)
 *   (runtime-crash.ts).
 */
export const EXCEPTION_LINE = {
  overStack: /^(?:[A-Za-z][\w-]{0,63}: |Uncaught )?(?:[A-Za-z_$][\w$]*\.){0,20}(?:[A-Za-z_$][\w$]{0,200})?(?:Error|Exception)(?: \[[\w.-]{1,100}\])?: /,
  javaLogged: new RegExp(String.raw`^${JAVA_THROWABLE}(?::\s.*)?$`),
  javaCrash: new RegExp(String.raw`^(?:Exception in thread "[^"]*" )?${JAVA_THROWABLE_ANY_CASE}(?::\s.*|:?\s*)$`),
  pythonNamed: new RegExp(String.raw`^(?:${PY_CLASS}(?:Error|Exception|Interrupt|Exit|Warning|Iteration)|Exception)(?:: .*|:)?$`),
  pythonAny: new RegExp(String.raw`^${PY_CLASS}(?:: .*|:)?$`),
  jvmUncaught: /^Exception in thread ".{0,200}" (?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*(?::\s|$)/,
  dotnetUnhandled: new RegExp(String.raw`^Unhandled (?:exception\.|Exception:) ${DOTNET_CLASS}(?::|$)`),
  dotnetInner: new RegExp(String.raw`^ ?---> ${DOTNET_CLASS}(?::|$)`),
} as const;

/** EXCEPTION_LINE.pythonNamed, by the name its readers import. */
export const PY_NAMED_EXCEPTION = EXCEPTION_LINE.pythonNamed;

/**
 * Not a line of text: it holds a control character (other than a tab), or is a quarter or more
 * bytes that are not UTF-8 (U+FFFD). Stricter than isBinaryLine, for importers whose lines are
 * meant to be JSON or logfmt, where a stray text line is kept as a record but random bytes are
 * not; a text line with a few Latin-1 letters (`café` as one byte) is text. (ANSI colour codes
 * are stripped before.) `badUtf8` false: the line holds no bytes that are not UTF-8, its U+FFFDs
 * were written as such (a log that went through a lossy decoder before it was written): text.
 */
export function isJunkLine(text: string, badUtf8 = true): boolean {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 0x7f) return true;
    if (c === 0xfffd) bad++;
  }
  return badUtf8 && bad > 0 && bad * 4 >= text.length;
}

/** A line without a letter or a digit (a banner's ASCII art, a rule of `=====`): it starts no record. */
export const NO_WORDS = /^[^\p{L}\p{N}]*$/u;

/** A line of binary (control) bytes rather than text. */
export function isBinaryLine(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const n = Math.min(text.length, 512);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 0x7f) ctrl++;
  }
  return n > 0 && ctrl / n > 0.3;
}

/** The sentences CPython prints between two tracebacks of one chain (a pattern's source, unanchored: each reader anchors it). */
export const PY_CHAIN_SENTENCES = 'During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:';

/**
 * What ends a Python traceback, after its frames: the exception line (EXCEPTION_LINE.pythonAny), or
 * the sentence that chains one traceback to the next.
 */
const PY_CHAIN_LINE = new RegExp(`^(?:${PY_CHAIN_SENTENCES})$`);

/**
 * Unindented lines of a Go panic's goroutine dump (runtime/traceback.go): a frame's function
 * (`main.main()`, `net/http.(*Server).Serve(0xc000…)`), `created by …`, the `[signal …]`
 * line after the panic message, and `...additional frames elided...` where a goroutine's frames
 * pass the runtime's limit (a stack overflow's), and `runtime stack:` over the system stack's frames
 * (a fatal error's, before the goroutines).
 */
const MAX_DUMP_LINE = 4096;
// No two parts can match the same characters (the method part starts with its parenthesis): linear time.
const GO_DUMP_LINE = /^(created by \S.*|[^\s(]+(\(\*?[^\s()]+\)[^\s(]*)?\(.*\)|\[signal .*\]|\.\.\.additional frames elided\.\.\.|runtime stack:)$/;

/**
 * `next` is an unindented line of a Go goroutine dump that `prev`, the line before it, is part of
 * (the panic message, a `goroutine N [...]:` header, a frame's function or its indented file line).
 * Decided from the two lines alone, for readers that see a crash one line at a time.
 */
export function continuesGoDump(prev: string, next: string): boolean {
  if (next.length > MAX_DUMP_LINE || !GO_DUMP_LINE.test(next)) return false;
  return prev.startsWith('panic: ') || prev.startsWith('goroutine ') || prev.startsWith('[signal ') || /^\s/.test(prev) || (prev.length <= MAX_DUMP_LINE && GO_DUMP_LINE.test(prev));
}

/**
 * `text` belongs to the record whose lines so far are `lines`, though it has no indent: the last
 * line of a Python traceback (the exception after its indented frames, or a chaining sentence),
 * or an unindented line of a Go goroutine dump after a panic or a fatal error (and its `runtime: …` reasons).
 */
export function endsTraceback(lines: readonly string[], text: string): boolean {
  if (lines.length === 0 || text.length > MAX_DUMP_LINE) return false; // the frame pattern is not for megabyte lines
  if ((/^(?:panic|fatal error|runtime): /.test(lines[0]!) || lines.some((l) => l.startsWith('goroutine '))) && GO_DUMP_LINE.test(text)) return true;
  if (lines.length < 2) return false;
  if (!lines.some((l) => l.startsWith('Traceback (most recent call last)'))) return false;
  if (PY_CHAIN_LINE.test(text)) return true;
  const last = lines[lines.length - 1]!;
  if (!/^\s/.test(last) || !EXCEPTION_LINE.pythonAny.test(text)) return false;
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  return severityFromText(name) === undefined; // `WARNING: …` is the next record, not an exception
}

/**
 * Node's process warning (lib/internal/process/warning.js): `(node:PID) [CODE] NameWarning: message`
 * (`DeprecationWarning`, `ExperimentalWarning`, `MaxListenersExceededWarning`, a program's own
 * `process.emitWarning`). A record of its own, at WARN; its name is the group.
 */
export const NODE_WARNING = /^\(node:\d+\) (?:\[[\w.-]+\] )?(\w*Warning): /;
/**
 * The first line of Node's report of an uncaught exception (src/node_errors.cc): where it was
 * thrown, `file:line` alone (`/app/server.js:42`, `file:///app/x.mjs:3`, `C:\app\x.js:9`, `node:events:497`; code
 * run by `node -e`/`-p`, from stdin or a worker's eval: `[eval]:1`, `[eval]-wrapper:6`, `[stdin]:1`, `[worker eval]:1`).
 * Then the source line, a caret under the throw, an empty line, the exception and its stack, and
 * (Node 18 and later) `Node.js v20.11.0` after another empty line.
 */
export const NODE_CRASH_HEAD = /^(?:node:[\w/]+|(?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])\S*\.[cm]?[jt]sx?|\[(?:eval|stdin|worker eval)\](?:-wrapper)?):\d+$/;
/** The caret line under the throw in Node's report of an uncaught exception (the third line). */
export const NODE_CARET = /^\s*\^+\s*$/;
const NODE_FOOTER = /^Node\.js v\d+\.\d+\.\d+/;
/** Node's hint after a warning or an uncaught exception: `(Use \`node --trace-deprecation ...\` to show where the warning was created)`. */
const NODE_HINT = /^\(Use `node --trace-[\w-]+ \.\.\.` to show where /;
/** After the exception line of a crash report: what the runtime prints about it (the stack's lines indent, its properties' `}`). */
const NODE_REPORT_TAIL = /^(?:\}|Emitted 'error' event |Thrown at:)/;

/** A line that begins one of Node's own reports: a process warning, or an uncaught exception's `file:line`. */
export function startsNodeReport(text: string): boolean {
  return NODE_WARNING.test(text) || NODE_CRASH_HEAD.test(text);
}

/** `lines` (the record's lines so far, its first a crash head) are Node's report of an uncaught exception: the caret line is third. */
export function isNodeCrash(lines: readonly string[]): boolean {
  return lines.length >= 3 && NODE_CRASH_HEAD.test(lines[0]!) && NODE_CARET.test(lines[2]!);
}

/**
 * `text` continues one of Node's reports whose lines so far are `lines` (for readers where an
 * unindented line starts a record): a warning's hint; a crash's source line, caret, exception
 * line, stack, hint and `Node.js v…`, after which nothing more belongs to it.
 */
export function continuesNodeReport(lines: readonly string[], text: string): boolean {
  const first = lines[0];
  if (first === undefined) return false;
  if (first.charCodeAt(0) === 40 /* ( */) return lines.length === 1 && NODE_WARNING.test(first) && NODE_HINT.test(text);
  if (!NODE_CRASH_HEAD.test(first)) return false;
  if (lines.length === 1) return true; // the source line
  if (lines.length === 2) return NODE_CARET.test(text);
  if (!NODE_CARET.test(lines[2]!) || NODE_FOOTER.test(lines[lines.length - 1]!)) return false;
  // an empty line, for readers that do not hold them (compose's): the report's when a line of it follows, else dropped at its end
  if (text.trim() === '') return true;
  // the exception line, the first after the caret; then its stack and what follows it
  if (lines.slice(3).every((l) => l.trim() === '')) return true;
  if (CRASH_CONTINUATION.test(text) || NODE_REPORT_TAIL.test(text) || NODE_HINT.test(text) || NODE_FOOTER.test(text)) return true;
  // the exception's message goes on until its stack's first frame: a message of many lines, MODULE_NOT_FOUND's `Require
  // stack:` and its `- /app/server.js` lines (a JSON line is a logger's, not the message's). The last line tells: the
  // exception's or its message's, as a frame, the properties' `}` or the hint is not (and the lines after those are)
  const last = lines[lines.length - 1]!;
  return text.charCodeAt(0) !== 123 /* { */ && last.trim() !== '' && !CRASH_CONTINUATION.test(last) && !NODE_REPORT_TAIL.test(last) && !NODE_HINT.test(last);
}

/**
 * For readers that see Node's report one line at a time, each decided from the two lines before it
 * alone (a docker json-file log's entries, see jsonl-logs/docker-crash.ts; `before` undefined when
 * not known): `text`, a line without an indent, continues the report. The source line after the
 * `file:line` head, the caret under it, the exception's line after the empty line under the caret,
 * `Node.js v…` after an empty line, what follows a stack (its properties' `}`, `Emitted 'error'
 * event …`), and a warning's hint.
 */
export function continuesNodeLine(before: string | undefined, prev: string, text: string): boolean {
  if (NODE_CRASH_HEAD.test(prev) || NODE_CARET.test(text)) return true;
  if (prev.trim() === '') return NODE_FOOTER.test(text) || (before !== undefined && NODE_CARET.test(before));
  if (NODE_REPORT_TAIL.test(text)) return /^\s/.test(prev);
  return NODE_HINT.test(text) && NODE_WARNING.test(prev);
}

/**
 * `line` continues the record of free text whose lines so far are `lines` (`raw`: the line as
 * written, its indent kept): a crash's frame or sentence, banner art; never a line of binary junk
 * (`badUtf8`: see isJunkLine). The rule JSON Lines and logfmt logs share for what the runtime
 * prints among their lines.
 */
export function continuesText(lines: readonly string[], raw: string, line: string, badUtf8 = true): boolean {
  return (CRASH_CONTINUATION.test(raw) || NO_WORDS.test(line) || endsTraceback(lines, line)) && !isJunkLine(line, badUtf8);
}

/**
 * The resource attributes of a record of free text: its own when they name a service, else those
 * of the structured record next to it (`near`) with its own on top. What the runtime printed among
 * a service's log lines (its banner, its crash) is that service's output.
 */
export function withNeighbourService<T extends Record<string, unknown>>(own: T, near: Record<string, unknown> | undefined): T {
  return own['service.name'] === undefined && near !== undefined && near['service.name'] !== undefined ? ({ ...near, ...own } as T) : own;
}

/** What a record of many lines (a crash's dump) says when it reaches the most lines one record holds. */
export function recordLimitMessage(lines: number): string {
  return `the record that starts here reached ${lines.toLocaleString('en-US')} lines, the most one record holds; the lines that would continue it are read as records of their own`;
}
