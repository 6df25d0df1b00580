// A runtime's report of its death printed as plain text among a log's JSON or logfmt lines: the
// record of free text it makes is read as in a text log (see jvm-crash.ts and runtime-crash.ts,
// which the text log reads with too): its lines kept together, at the level the text log gives it.
import { continuesNodeReport, isNodeCrash } from './crash-lines.js';
import { JVM_UNCAUGHT } from './jvm-crash.js';
import { isBareRule } from './native-crash.js';
import { continuesCrash, crashHead, crashSeverity, isTracebackHead, type RuntimeCrash } from './runtime-crash.js';

/**
 * The runtime whose report a record of free text begins with `first`: Python's (a traceback, which
 * among structured lines has no logger's record to join, an exception group's too: the text log's
 * own test, isTracebackHead), Ruby's, Go's, Rust's, .NET's. `raw`: the line as written, its indent
 * kept, where `first` is trimmed (an exception group's head is indented by two).
 */
export function crashOfText(first: string, raw = first): RuntimeCrash | undefined {
  return isTracebackHead(first) || (raw !== first && isTracebackHead(raw.trimEnd())) ? 'python' : crashHead(first);
}

/** `text`, a line without an indent, continues the report `lines` (Rust's message and note, .NET's inner exception lines, Node's report). */
export function continuesCrashText(crash: RuntimeCrash | undefined, lines: readonly string[], text: string): boolean {
  return continuesCrash(crash, lines, text) || continuesNodeReport(lines, text);
}

/**
 * The level a text log gives the report `lines` (of `crash`, if one of runtime-crash.ts's): ERROR
 * for an uncaught exception (the JVM's, Node's, Python's, Ruby's, .NET's), FATAL for a Go panic or
 * Rust's main thread's, WARN for an exception Python ignored; undefined when the lines are none.
 */
export function crashTextLevel(lines: readonly string[], crash: RuntimeCrash | undefined): { number: number; text: string } | undefined {
  if (JVM_UNCAUGHT.test(lines[0]!) || isNodeCrash(lines)) return { number: 17, text: 'error' };
  // (a sanitizer's rule of `=` with no report under it is a line of `=`, no report)
  return crash === undefined || (crash === 'sanitizer' && isBareRule(lines)) ? undefined : crashSeverity(crash, lines);
}
