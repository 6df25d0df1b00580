// A record that is an exception over its stack, with no level of its own: what a runtime or a
// program prints for an error (`console.error(err)`, a handler's `uncaughtException: ${err.stack}`,
// `printStackTrace()`, `Console.Error.WriteLine(ex)`).

/**
 * An exception's line: its class, a name that ends as an error's does (`TypeError`, `RangeError`,
 * `AggregateError`, `java.io.IOException`, `System.InvalidOperationException`), Node's code in
 * brackets (`Error [ERR_MODULE_NOT_FOUND]`, `DOMException [AbortError]`), then `: ` and its message.
 * One word and a colon may come before it, the event a handler names (`uncaughtException: `,
 * `unhandledRejection: `), or the REPL's `Uncaught `.
 */
const EXCEPTION_LINE = /^(?:[A-Za-z][\w-]{0,63}: |Uncaught )?(?:[A-Za-z_$][\w$]*\.){0,20}(?:[A-Za-z_$][\w$]{0,200})?(?:Error|Exception)(?: \[[\w.-]{1,100}\])?: /;
/** A stack frame: `    at f (/app/a.js:1:1)` (JavaScript, .NET), `\tat com.x.Y.m(Y.java:1)` (Java). */
const STACK_FRAME = /^\s+at \S/;
/** Lines of a record looked at: the exception's line is read only up to this length. */
const MAX_LINE = 8192;

/**
 * `lines` (a record's lines, as written) are an exception's line and its stack: the first line is
 * the exception's class and message, the second a stack frame. A sentence that merely begins with
 * such a word (`Error rate: 5`, `TimeoutException: retrying`) has no frame under it: not one.
 */
export function isExceptionWithStack(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const first = lines[0]!;
  return first.length <= MAX_LINE && lines[1]!.length <= MAX_LINE && STACK_FRAME.test(lines[1]!) && EXCEPTION_LINE.test(first);
}
