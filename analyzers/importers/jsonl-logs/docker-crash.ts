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
import { continuesGoDump, continuesNodeLine, CRASH_CONTINUATION, EXCEPTION_LINE, isJunkLine, PY_CHAIN_SENTENCES, PY_NAMED_EXCEPTION } from '../common/crash-lines.js';
import { continuesReportLine, continuesRubyMessage, crashHead } from '../common/runtime-crash.js';
import { continuesBeamLine } from '../common/beam-lines.js';
import { continuesBeamDeath } from '../common/native-crash.js';
import { withoutNewline } from './log-output.js';
import { julLevelLine } from '../common/jul-locales.js';
import { matchTimestampAt } from '../common/time.js';
import { continuesJvmFatal, continuesThreadDump, JVM_FATAL_HEAD, JVM_UNCAUGHT, type JvmFatalPart } from '../common/jvm-crash.js';

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
  // Python's lines that no record begins with: the sentence that chains one traceback to the next
  // (an empty line above and under it), the head of the stack `logger.info(…, stack_info=True)`
  // prints, loguru's mark on the frame where the exception was raised (`> File "…"`, `backtrace=True`),
  // the thread headers and `Extension modules:` of CPython's fatal error report (runtime-crash.ts)
  if (PY_CHAIN_START.test(line) || PY_STACK_LINE.test(line)) return true;
  const before = withoutNewline(prev.log);
  // a JVM thread dump's lines (kill -3 on a container's JVM): one record, as in a text log
  if (continuesThreadDump(before, line)) return true;
  // java.util.logging's SimpleFormatter writes a record's time and source on one line, its level and message on the next
  if (continuesJulRecord(before, line)) return true;
  // a Go goroutine dump's unindented lines
  if (continuesGoDump(before, line)) return true;
  // the exception line that ends a traceback, under its indented frames (loguru's `diagnose`: after an empty line that
  // itself went on with the report, not one that begins a record of its own)
  if ((/^\s/.test(before) || (before.trim() === '' && before2 !== undefined && sameBurst(before2, prev, before))) && PY_NAMED_EXCEPTION.test(line)) return true;
  // Rust's head after the empty line Rust prints before it (the decoder drops that line: no cut between them)
  if (before.trim() === '' && crashHead(line) === 'rust') return true;
  // the unindented lines of Rust's, .NET's and Node's reports, and Python's chained tracebacks
  if (continuesReportLine(before, line)) return true;
  // the unindented lines of Erlang's and Elixir's reports (beam-lines.ts)
  if (continuesBeamLine(before, line)) return true;
  const above = before2 !== undefined && sameBurst(before2, prev, before) ? withoutNewline(before2.log) : undefined;
  // the Erlang VM's crash dump note after the empty line under its slogan
  if (before.trim() === '' && above !== undefined && continuesBeamDeath(above, line)) return true;
  // Ruby's error_highlight and did_you_mean lines under an uncaught error's head
  if (continuesRubyMessage(above, before, line)) return true;
  return continuesNodeLine(above, before, line);
}

/** See dockerContinues: unindented lines of a Python traceback or stack that begin no record: the chaining sentence, */
const PY_CHAIN_START = new RegExp(`^(?:${PY_CHAIN_SENTENCES})`);
/** the stack head, loguru's raising frame, the fatal error report's thread headers and its modules. */
const PY_STACK_LINE = /^(?:Stack \(most recent call last\):|> File "[^"\n]{1,4000}", line \d+, in |(?:Current thread|Thread) 0x[0-9a-f]{1,16} \(most recent call first\):|Extension modules: )/;

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
