// Where a JSON Lines file may be cut between worker threads. Lines are independent records,
// except docker's partial entries: a run of them is one record, joined by the decoder that reads
// it (analyzers/importers/jsonl-logs/docker-partial.ts), so a piece must not end inside a run
// that the next piece would continue. Lines are classified here from their bytes by the same
// rule the decoder applies to their text, so the two agree on every line.
import {
  DOCKER_JOIN_MAX_BYTES,
  DOCKER_LOG_PREFIX,
  DOCKER_PARTIAL_MIN_BYTES,
  DOCKER_STREAM_KEY,
  endsWithEscapedNewline,
  type DockerLineClass,
} from '../importers/jsonl-logs/docker-partial.js';
import { asDockerEntry, dockerContinues, dockerStep, type DockerEntry } from '../importers/jsonl-logs/docker-crash.js';
import type { JvmFatalPart } from '../importers/common/jvm-crash.js';

const PREFIX = Buffer.from(DOCKER_LOG_PREFIX);
const STREAM_KEY = Buffer.from(DOCKER_STREAM_KEY);

/** A docker partial-line run that goes on past a cut: its stream and the log bytes read so far. */
export interface OpenRun {
  stream: string;
  logBytes: number;
}

/** classifyDockerLine on the bytes `b[start, lf)` of one line (`lf`: its LF; a CR before it is not part of the line). */
export function classifyDockerBytes(b: Buffer, start: number, lf: number): DockerLineClass | undefined {
  let end = lf;
  if (end > start && b[end - 1] === 13) end--;
  if (end - start < PREFIX.length + STREAM_KEY.length + 2 || b[end - 1] !== 0x7d || b.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0) return undefined;
  const i = b.indexOf(STREAM_KEY, start + PREFIX.length);
  if (i < 0 || i + STREAM_KEY.length > end) return undefined;
  const s = i + STREAM_KEY.length;
  const q = b.indexOf(0x22, s);
  if (q < 0 || q >= end) return undefined;
  const logBytes = i - start - PREFIX.length;
  const newline = endsWithEscapedNewline((k) => b[k]!, start + PREFIX.length, i);
  return { stream: b.toString('utf8', s, q), partial: !newline && logBytes >= DOCKER_PARTIAL_MIN_BYTES, logBytes };
}

/**
 * Where to cut the complete lines `b[0, lastLf]` (the bytes after `lastLf` are an unfinished
 * line): just after the last line after which no docker run goes on, that is a line that is not
 * a partial entry, or one whose next line does not continue it. When every line is a partial
 * entry of one run (the buffer is inside a single long line) and that run is already past the
 * join limit (its rest is left out anyway), the cut is the last LF and the run goes on into the
 * next piece (`open`), which skips its entries. Undefined: no cut yet (read on).
 * `startOpen`: the run the buffer starts inside (an earlier cut of this kind), if any.
 */
export function findSplitPoint(b: Buffer, lastLf: number, startOpen: OpenRun | undefined): { cut: number; open: OpenRun | undefined } | undefined {
  let end = lastLf;
  let next: DockerLineClass | undefined; // the line after the candidate cut, when known
  let nextKnown = false;
  let runBytes = 0;
  for (;;) {
    const start = end === 0 ? 0 : b.lastIndexOf(10, end - 1) + 1;
    const line = classifyDockerBytes(b, start, end);
    if (!line?.partial || (nextKnown && next?.stream !== line.stream)) return { cut: end + 1, open: undefined };
    // A partial whose run goes on (or may: its next line is not read yet).
    runBytes += line.logBytes;
    next = line;
    nextKnown = true;
    if (start === 0) {
      if (startOpen?.stream === line.stream) runBytes += startOpen.logBytes;
      return runBytes > DOCKER_JOIN_MAX_BYTES ? { cut: lastLf + 1, open: { stream: line.stream, logBytes: runBytes } } : undefined;
    }
    end = start - 1;
  }
}

/**
 * The last LF at or before `lastLf` after which a line starts with `{` at column 0: the JSON Lines
 * decoder never joins such a line to a record above it (it joins the lines of one record written
 * over several, as Elasticsearch 7 writes stack traces), so a cut there splits no record.
 * Undefined when no such line is in the buffer. `n`: the buffer's length.
 */
export function lastLfBeforeObject(b: Buffer, lastLf: number, n: number): number | undefined {
  const inReport = jvmReportLfs(b, lastLf);
  for (let lf = lastLf; lf > 0; lf = b.lastIndexOf(10, lf - 1)) {
    if (lf + 1 < n && b[lf + 1] === 0x7b && !inReport?.has(lf) && !continuesDockerCrash(b, lf, n)) return lf;
  }
  return undefined;
}

/** The start of a docker entry whose line is the head of HotSpot's fatal error report. */
const FATAL_HEAD = Buffer.from(`${DOCKER_LOG_PREFIX}# A fatal error has been detected by the Java Runtime Environment`);

/** The docker entry of the bytes b[from, to) (a CR before `to` is not part of it), when it is one. */
function entryAt(b: Buffer, from: number, to: number): DockerEntry | undefined {
  try {
    return asDockerEntry(JSON.parse(b.toString('utf8', from, to)));
  } catch {
    return undefined;
  }
}

/**
 * The LFs in b[0, lastLf] after which the docker entry that follows goes on with one of HotSpot's
 * fatal error reports (docker-crash.ts): the decoder carries where in a report a record is from
 * entry to entry, so the two-entry rule alone does not tell; here each report is followed from
 * its head as the decoder follows it (dockerStep), and its LFs are no cuts. The LF before a head
 * that the `#` entry above it begins is none either. Undefined when the bytes hold no such head
 * (no report can be open: a piece never ends inside one).
 */
export function jvmReportLfs(b: Buffer, lastLf: number): Set<number> | undefined {
  let h = b.lastIndexOf(FATAL_HEAD, lastLf);
  if (h < 0) return undefined;
  const out = new Set<number>();
  for (; h >= 0; h = h === 0 ? -1 : b.lastIndexOf(FATAL_HEAD, h - 1)) {
    if (h > 0 && b[h - 1] !== 10) continue; // (not at a line's start)
    let end = b.indexOf(10, h);
    if (end < 0 || end > lastLf) continue;
    let prev = entryAt(b, h, end);
    if (!prev) continue;
    if (h > 0) {
      const before = entryAt(b, h >= 2 ? b.lastIndexOf(10, h - 2) + 1 : 0, h - 1);
      if (before && dockerStep(before, prev, undefined).continues) out.add(h - 1);
    }
    let jvm: JvmFatalPart | undefined = 'banner';
    while (end < lastLf) {
      const nextEnd = b.indexOf(10, end + 1);
      const next = entryAt(b, end + 1, nextEnd);
      if (!next) break;
      const step = dockerStep(prev, next, jvm);
      if (!step.continues) break;
      out.add(end);
      jvm = step.jvm;
      prev = next;
      end = nextEnd;
    }
  }
  return out;
}

/**
 * The docker entry that starts after the LF at `lf` continues the crash of the entry before it
 * (docker-crash.ts, the decoder's own rule on the same two lines): no cut there.
 */
function continuesDockerCrash(b: Buffer, lf: number, n: number): boolean {
  const found = b.indexOf(10, lf + 1);
  const complete = found >= 0 && found < n;
  const nextEnd = complete ? found : n;
  // not a docker entry, as far as its bytes here tell
  const seen = Math.min(PREFIX.length, nextEnd - lf - 1);
  if (b.compare(PREFIX, 0, seen, lf + 1, lf + 1 + seen) !== 0) return false;
  // (a docker entry after the buffer's last LF is not all here: it may continue, so no cut before it)
  if (!complete) return true;
  const prevStart = b.lastIndexOf(10, lf - 1) + 1;
  if (b.compare(PREFIX, 0, PREFIX.length, prevStart, Math.min(lf, prevStart + PREFIX.length)) !== 0) return false;
  const entry = (from: number, to: number): DockerEntry | undefined => {
    try {
      return asDockerEntry(JSON.parse(b.toString('utf8', from, to)));
    } catch {
      return undefined;
    }
  };
  const prev = entry(prevStart, lf);
  const next = prev ? entry(lf + 1, nextEnd) : undefined;
  if (prev === undefined || next === undefined) return false;
  // the entry before `prev` (Node's exception line after the empty one under its caret: see crash-lines.ts continuesNodeLine)
  const before = prevStart >= 2 ? entry(b.lastIndexOf(10, prevStart - 2) + 1, prevStart - 1) : undefined;
  // (not in the buffer, and `prev` is an empty line: it may be the one under a caret, so no cut after it)
  if (prevStart === 0 && prev.log.trim() === '') return true;
  return dockerContinues(prev, next, before);
}

/** Lines that continue a record of free text though they start at column 0 (see common/crash-lines.ts). */
const CONTINUES = /^(?:Caused by|Traceback|goroutine |created by |panic: |\[signal |[^\s(]+\(.*\)\s*$)/;
const STARTS_WORD = (c: number | undefined): boolean => c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39));

/**
 * In JSON Lines logs with long stretches of plain text (a JSON logger's file followed by a text
 * log, a crash dump): the last LF at or before `lastLf` between two lines that both start with a
 * letter or digit, the second not a crash's continuation. The decoder starts a record of free text
 * at such a line, so a cut there splits no record; without it, text after the last `{` line was
 * held whole (memory grew with the file). Looks back at most `window` bytes.
 */
export function lastLfBeforeTextRecord(b: Buffer, lastLf: number, window = 1 << 20): number | undefined {
  const stop = Math.max(0, lastLf - window);
  let next = lastLf; // the LF that ends the line after the candidate LF
  for (let lf = b.lastIndexOf(10, lastLf - 1); lf > stop; next = lf, lf = b.lastIndexOf(10, lf - 1)) {
    if (!STARTS_WORD(b[lf + 1])) continue;
    const prev = b.lastIndexOf(10, lf - 1);
    if (!STARTS_WORD(b[prev + 1])) continue;
    const line = b.toString('latin1', lf + 1, Math.min(next, lf + 1 + 200));
    if (!CONTINUES.test(line)) return lf;
  }
  return undefined;
}
