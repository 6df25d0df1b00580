// A record that is an exception over its stack, with no level of its own: what a runtime or a
// program prints for an error (`console.error(err)`, a handler's `uncaughtException: ${err.stack}`,
// `printStackTrace()`, `Console.Error.WriteLine(ex)`). Its exception's line: EXCEPTION_LINE.overStack (crash-lines.ts).
import { EXCEPTION_LINE } from '../common/crash-lines.js';

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
  return first.length <= MAX_LINE && lines[1]!.length <= MAX_LINE && STACK_FRAME.test(lines[1]!) && EXCEPTION_LINE.overStack.test(first);
}
