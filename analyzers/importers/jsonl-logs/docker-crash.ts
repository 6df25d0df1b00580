// A crash in a docker json-file log: docker writes each line the program printed as an entry of
// its own, so a Java exception's frames, its `Caused by:` and a Python traceback arrive as many
// entries. They belong to the record above them, as in a text log. Whether an entry continues the
// one before it is decided from the two entries alone (never from the record gathered so far), so
// the file splitter (analyzers/node/split-point.ts), which looks at two lines around a cut, and
// the decoder agree on every line.
import { continuesGoDump, CRASH_CONTINUATION, isJunkLine } from '../common/crash-lines.js';
import { withoutNewline } from './log-output.js';

/** The members of a docker entry the rule reads. */
export interface DockerEntry {
  log: string;
  stream: string;
  time: unknown;
}

/** A line of a crash's header that starts at column 0: `java.lang.IllegalStateException: …`, `com.x.AppError`, `Exception in thread "main" …`. */
const JVM_EXCEPTION = /^(?:Exception in thread "[^"]*" )?(?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?<=Exception|Error|Throwable)(?::\s.*|:?\s*)$/;
/** Python's last line of a traceback: `KeyError: 'a'`, `requests.exceptions.HTTPError: 404`. */
const PY_EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit|Warning|Iteration)(?:: .*|:)?$/;
/** Entries of one crash are written together: at most this far apart. */
const CRASH_WINDOW_MS = 1000;

/** `next` (the entry after `prev` in the file) is a line of the crash `prev` is part of or begins. */
export function dockerContinues(prev: DockerEntry, next: DockerEntry): boolean {
  if (prev.stream !== next.stream) return false;
  const line = withoutNewline(next.log);
  if (line.charCodeAt(0) === 123 /* { */ || isJunkLine(line)) return false;
  const t0 = typeof prev.time === 'string' ? Date.parse(prev.time) : NaN;
  const t1 = typeof next.time === 'string' ? Date.parse(next.time) : NaN;
  if (!(Math.abs(t1 - t0) <= CRASH_WINDOW_MS)) return false;
  // an empty line the program printed (inside a crash: after `panic: …`, before `with root cause`'s exception)
  if (line.trim() === '') return true;
  if (CRASH_CONTINUATION.test(line) || JVM_EXCEPTION.test(line)) return true;
  const before = withoutNewline(prev.log);
  // a Go goroutine dump's unindented lines
  if (continuesGoDump(before, line)) return true;
  // the exception line that ends a traceback, under its indented frames
  return /^\s/.test(before) && PY_EXCEPTION_LINE.test(line);
}

/** The entry a parsed JSON line is, when it is one of docker's (the shape mapStructured reads as docker's). */
export function asDockerEntry(v: unknown): DockerEntry | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  return typeof o['log'] === 'string' && typeof o['stream'] === 'string' ? { log: o['log'], stream: o['stream'], time: o['time'] } : undefined;
}
