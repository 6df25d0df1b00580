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
// Known gaps (not read as in a plain file yet): the reports of Python, Rust, Node and .NET are not
// records of their own here. A Python traceback's head continues the entry above (an indent-free
// `Traceback` is CRASH_CONTINUATION), and whether it is the interpreter's report is told by the
// entry after it (its first frame, see runtime-crash.ts startsAtEntry): a third entry, which this
// pair rule does not see. Rust's message line and Node's exception line after the empty line under
// its caret continue nothing decided from two entries alone; they need a part carried from entry to
// entry, as JvmFatalPart is, replayed by the file splitter from the report's head. And a record of
// text here takes its level from its own words, not from the report it is (crashSeverity).
import { continuesGoDump, CRASH_CONTINUATION, EXCEPTION_LINE, isJunkLine, PY_NAMED_EXCEPTION } from '../common/crash-lines.js';
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
 * Whether `next` (the entry after `prev` in the file) continues the record `prev` is part of,
 * that record being at `jvm` in a fatal error report (undefined: not one); and where in a report
 * the record is then (when `next` begins a record instead: where that one is, see jvmPartOf).
 */
export function dockerStep(prev: DockerEntry, next: DockerEntry, jvm: JvmFatalPart | undefined): { continues: boolean; jvm: JvmFatalPart | undefined } {
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
  const continues = dockerContinues(prev, next);
  return { continues, jvm: continues ? (jvm === undefined ? undefined : 'ended') : undefined };
}

/** `next` (the entry after `prev` in the file) is a line of the crash `prev` is part of or begins (in no fatal error report: see dockerStep). */
export function dockerContinues(prev: DockerEntry, next: DockerEntry): boolean {
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
  return /^\s/.test(before) && PY_NAMED_EXCEPTION.test(line);
}

/** The entry a parsed JSON line is, when it is one of docker's (the shape mapStructured reads as docker's). */
export function asDockerEntry(v: unknown): DockerEntry | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  return typeof o['log'] === 'string' && typeof o['stream'] === 'string' ? { log: o['log'], stream: o['stream'], time: o['time'] } : undefined;
}
