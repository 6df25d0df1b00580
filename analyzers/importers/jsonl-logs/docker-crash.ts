// A crash in a docker json-file log: docker writes each line the program printed as an entry of
// its own, so a Java exception's frames, its `Caused by:` and a Python traceback arrive as many
// entries. They belong to the record above them, as in a text log. Whether an entry continues the
// one before it is decided from the two entries alone (never from the record gathered so far, but
// for where in a JVM fatal error report it is, below), so the file splitter
// (analyzers/node/split-point.ts), which looks at two lines around a cut, and the decoder agree on
// every line.
//
// The JVM's reports of its death are records of their own, as in a text log: the report of an
// uncaught exception (`Exception in thread …`) begins one, and HotSpot's fatal error report (its `#`
// banner from the `#` above its head, and with -XX:+ErrorFileToStdout its sections up to `END.`)
// is one, whatever its lines are. Where in such a report the record is (JvmFatalPart) is the one
// thing carried from entry to entry: dockerStep is given it, and the file splitter replays it from
// the report's head (jvmReportLfs) to the same answers.
//
// The reports of Python, Ruby, Go, Rust, Node and .NET are records of their own too, at the level a
// text log gives them (crash-level.ts). Their lines that have no indent continue the entry above
// them as decided from it (runtime-crash.ts continuesReportLine: Rust's message and notes, .NET's
// `--- End of stack trace`, Python's chaining sentence) or from the two entries above (crash-lines.ts
// continuesNodeLine: Node's exception line after the empty line under its caret), which the file
// splitter reads too. Within the entries that continue one another (no cut among them), the decoder
// begins a record where a text log does (jsonl-logs/index.ts): at a Python traceback's head when the
// entry after it is the program's top frame (startsAtEntry) and the record above is no logger's at
// WARN or above (tracebackAfter), and at Rust's head after the empty line Rust 1.90 and later print
// before it (that line is no record, as in a plain file).
//
// Known gaps: a Rust panic's message of many lines, and Node's of many lines (MODULE_NOT_FOUND's
// `Require stack:`), keep only their first line in the report (each further line decided alone
// begins a record).
import { continuesGoDump, continuesNodeLine, CRASH_CONTINUATION, EXCEPTION_LINE, isJunkLine, PY_NAMED_EXCEPTION } from '../common/crash-lines.js';
import { continuesReportLine, crashHead } from '../common/runtime-crash.js';
import { withoutNewline } from './log-output.js';
import { continuesJvmFatal, JVM_FATAL_HEAD, JVM_UNCAUGHT, type JvmFatalPart } from '../common/jvm-crash.js';

/** The members of a docker entry the rule reads. */
export interface DockerEntry {
  log: string;
  stream: string;
  time: unknown;
}

/** Entries of one crash are written together: at most this far apart. */
const CRASH_WINDOW_MS = 1000;

/** `next` is written on `prev`'s stream within CRASH_WINDOW_MS of it (as one crash's lines are), and is a line of text. */
function sameBurst(prev: DockerEntry, next: DockerEntry, line: string): boolean {
  if (prev.stream !== next.stream || isJunkLine(line)) return false;
  const t0 = typeof prev.time === 'string' ? Date.parse(prev.time) : NaN;
  const t1 = typeof next.time === 'string' ? Date.parse(next.time) : NaN;
  return Math.abs(t1 - t0) <= CRASH_WINDOW_MS;
}

/** Where in a fatal error report a record that begins with the entry `first` is: in its banner when `first` is its head, else in none. */
export function jvmPartOf(first: DockerEntry): JvmFatalPart | undefined {
  return JVM_FATAL_HEAD.test(withoutNewline(first.log)) ? 'banner' : undefined;
}

/**
 * Whether `next` (the entry after `prev` in the file; `before`, the one before `prev`, when known) continues the record `prev` is part of,
 * that record being at `jvm` in a fatal error report (undefined: not one); and where in a report
 * the record is then (when `next` begins a record instead: where that one is, see jvmPartOf).
 */
export function dockerStep(prev: DockerEntry, next: DockerEntry, jvm: JvmFatalPart | undefined, before?: DockerEntry): { continues: boolean; jvm: JvmFatalPart | undefined } {
  const line = withoutNewline(next.log);
  if (JVM_FATAL_HEAD.test(line)) {
    // the head of a fatal error report: the `#` line above it begins it, when that began a record (no report took it)
    const hash = jvm === undefined && withoutNewline(prev.log).trim() === '#' && sameBurst(prev, next, line);
    return { continues: hash, jvm: 'banner' };
  }
  if (jvm !== undefined && sameBurst(prev, next, line)) {
    const part = continuesJvmFatal(jvm, line, () => true);
    if (part !== undefined) return { continues: true, jvm: part };
  }
  // (past a report's end, or out of its banner: the lines of a crash as after any entry)
  const continues = dockerContinues(prev, next, before);
  return { continues, jvm: continues ? (jvm === undefined ? undefined : 'ended') : undefined };
}

/**
 * `next` (the entry after `prev` in the file, `before2` the one before `prev` when known) is a line of
 * the crash `prev` is part of or begins (in no fatal error report: see dockerStep), or may be: no
 * cut of the file falls there (the decoder may still begin a record at it, see the head comment).
 */
export function dockerContinues(prev: DockerEntry, next: DockerEntry, before2?: DockerEntry): boolean {
  const line = withoutNewline(next.log);
  if (line.charCodeAt(0) === 123 /* { */ || !sameBurst(prev, next, line)) return false;
  // the JVM's report of an uncaught exception begins a record, as in a text log
  if (JVM_UNCAUGHT.test(line)) return false;
  // an empty line the program printed (inside a crash: after `panic: …`, before `with root cause`'s exception)
  if (line.trim() === '') return true;
  if (CRASH_CONTINUATION.test(line) || EXCEPTION_LINE.javaCrash.test(line)) return true;
  const before = withoutNewline(prev.log);
  // a Go goroutine dump's unindented lines
  if (continuesGoDump(before, line)) return true;
  // the exception line that ends a traceback, under its indented frames
  if (/^\s/.test(before) && PY_NAMED_EXCEPTION.test(line)) return true;
  // Rust's head after the empty line Rust prints before it (the decoder drops that line: no cut between them)
  if (before.trim() === '' && crashHead(line) === 'rust') return true;
  // the unindented lines of Rust's, .NET's and Node's reports, and Python's chained tracebacks
  if (continuesReportLine(before, line)) return true;
  const above = before2 !== undefined && sameBurst(before2, prev, before) ? withoutNewline(before2.log) : undefined;
  return continuesNodeLine(above, before, line);
}

/** The entry a parsed JSON line is, when it is one of docker's (the shape mapStructured reads as docker's). */
export function asDockerEntry(v: unknown): DockerEntry | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  return typeof o['log'] === 'string' && typeof o['stream'] === 'string' ? { log: o['log'], stream: o['stream'], time: o['time'] } : undefined;
}
