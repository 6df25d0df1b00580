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
// Rust's report is read as far as two entries tell (continuesRustReport: the message under the head,
// its `stack backtrace:` and `note:` lines), at the level a text log gives it (FATAL in the main thread).
//
// Known gaps (not read as in a plain file yet): the reports of Python, Node and .NET are not
// records of their own here. A Python traceback's head continues the entry above (an indent-free
// `Traceback` is CRASH_CONTINUATION), and whether it is the interpreter's report is told by the
// entry after it (its first frame, see runtime-crash.ts startsAtEntry): a third entry, which this
// pair rule does not see. A Rust message's second line and Node's exception line after the empty line under
// its caret continue nothing decided from two entries alone; they need a part carried from entry to
// entry, as JvmFatalPart is, replayed by the file splitter from the report's head. And a record of
// text here takes its level from its own words, not from the report it is (crashSeverity), but for
// a record that a Python traceback begins (the interpreter's report of an uncaught exception: ERROR).
import { continuesGoDump, CRASH_CONTINUATION, isJunkLine, PY_NAMED_EXCEPTION } from '../common/crash-lines.js';
import { withoutNewline } from './log-output.js';
import { julLevelLine } from '../common/jul-locales.js';
import { matchTimestampAt } from '../common/time.js';
import { continuesJvmFatal, continuesThreadDump, JVM_FATAL_HEAD, JVM_UNCAUGHT, type JvmFatalPart } from '../text-logs/jvm-crash.js';
import { continuesRustReport } from '../text-logs/runtime-crash.js';

/** The members of a docker entry the rule reads. */
export interface DockerEntry {
  log: string;
  stream: string;
  time: unknown;
}

/** A line of a crash's header that starts at column 0: `java.lang.IllegalStateException: …`, `com.x.AppError`, `Exception in thread "main" …`. */
const JVM_EXCEPTION = /^(?:Exception in thread "[^"]*" )?(?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?<=Exception|Error|Throwable)(?::\s.*|:?\s*)$/;
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
  if (CRASH_CONTINUATION.test(line) || JVM_EXCEPTION.test(line)) return true;
  // Python's lines that no record begins with: the sentence that chains one traceback to the next
  // (an empty line above and under it), the head of the stack `logger.info(…, stack_info=True)`
  // prints, loguru's mark on the frame where the exception was raised (`> File "…"`, `backtrace=True`),
  // the thread headers and `Extension modules:` of CPython's fatal error report (runtime-crash.ts)
  if (PY_REPORT_LINE.test(line)) return true;
  const before = withoutNewline(prev.log);
  // a JVM thread dump's lines (kill -3 on a container's JVM): one record, as in a text log
  if (continuesThreadDump(before, line)) return true;
  // java.util.logging's SimpleFormatter writes a record's time and source on one line, its level and message on the next
  if (continuesJulRecord(before, line)) return true;
  // a Go goroutine dump's unindented lines
  if (continuesGoDump(before, line)) return true;
  // Rust's panic message under its head, its `stack backtrace:` and `note:` lines
  if (continuesRustReport(before, line)) return true;
  // the exception line that ends a traceback, under its indented frames (loguru's `diagnose`: after an empty line)
  return (/^\s/.test(before) || before.trim() === '') && PY_NAMED_EXCEPTION.test(line);
}

/** See dockerContinues: unindented lines of a Python traceback or stack that begin no record. */
const PY_REPORT_LINE = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:|Stack \(most recent call last\):|> File "[^"\n]{1,4000}", line \d+, in |(?:Current thread|Thread) 0x[0-9a-f]{1,16} \(most recent call first\):|Extension modules: )/;

/** What a SimpleFormatter record's first line holds after its time: the source (class and method) or the logger's name. */
const JUL_SOURCE = /^ \S{1,500}(?: \S{1,200})?\s*$/;

/**
 * `line` is the second line of a java.util.logging SimpleFormatter record whose first is `prev`
 * (its default format `%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n`:
 * `Nov 28, 2026 3:00:02 AM com.example.Main run`, then `INFO: started`, in the JVM's locale, see
 * jul-locales.ts): a dated line of the time and the source alone, then a level word and a colon.
 */
export function continuesJulRecord(prev: string, line: string): boolean {
  if (julLevelLine(line, prev) === undefined) return false;
  const t = prev.length <= 800 ? matchTimestampAt(prev, 0) : undefined;
  return t?.ns !== undefined && JUL_SOURCE.test(prev.slice(t.end));
}

/** The entry a parsed JSON line is, when it is one of docker's (the shape mapStructured reads as docker's). */
export function asDockerEntry(v: unknown): DockerEntry | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  return typeof o['log'] === 'string' && typeof o['stream'] === 'string' ? { log: o['log'], stream: o['stream'], time: o['time'] } : undefined;
}
