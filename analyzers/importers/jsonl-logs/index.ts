// JSON Lines logs: ECS, bunyan, pino, journald (`journalctl -o json`), Rust tracing, Cloudflare,
// docker json-file and any other one-object-per-line log. Every line is decoded on its own, so a
// bad line costs one `invalid-json` error and the rest of the file is still read. Docker's
// partial entries (a line over 16 KB split in several) are joined into one record: see
// docker-partial.ts. A line that is not JSON at all is what the runtime or the app printed
// outside the logger (a Spring Boot banner, an uncaught exception, a Go panic): a record of free
// text, unstructured, with the crash's following lines joined to it, not one rejection a line.
import { MAX_LINE_BYTES, type Decoder, type DecoderContext, type FormatSpec, type Progress, type SniffInput } from '../types.js';
import { INVALID_UTF8_MESSAGE, linePiece, LineSplitter, lineTooLongMessage } from '../common/lines.js';
import { buildLogRecord, LogOutput, stripAnsi, withoutNewline } from './log-output.js';
import { depthExceeds, isDockerLine, isSplunkExportLine, mapSplunkResult, mapStructured } from './map-fields.js';
import { asDockerEntry, dockerStep, jvmPartOf, type DockerEntry } from './docker-crash.js';
import { JVM_UNCAUGHT, jvmFatalTime, type JvmFatalPart } from '../common/jvm-crash.js';
import { julLevelLine } from '../common/jul-locales.js';
import { severityFromText } from './severity.js';
import { crashHead, isTracebackHead, startsAtEntry, tracebackAfter, type RecordAbove, type RuntimeCrash } from '../common/runtime-crash.js';
import { isLogcliLine, mapLogcliLine } from './log-line.js';
import { isSearchHit, mapSearchHit } from '../json-logs/map.js';
import { apmSpanOf } from '../json-logs/apm.js';
import { looksLikeJaegerSpan } from '../jaeger/map.js';
import { classifyDockerLine, DOCKER_JOIN_MAX_BYTES, type DockerLineClass } from './docker-partial.js';
import { topLevelKeysOfPrefix } from '../common/partial-json.js';
import { continuesText, isJunkLine, recordLimitMessage, withNeighbourService } from '../common/crash-lines.js';
import { continuesCrashText, crashOfText, crashTextLevel } from '../common/crash-level.js';
import { isStructuredLine, mapLogLine } from './map-fields.js';
import type { LogParts } from './log-output.js';
import { MAX_RECORD_ATTRIBUTES } from '../../model/index.js';
import { countMembers, MAX_VALUE_MEMBERS } from '../common/json-stream.js';
import { jsonErrorText } from '../common/json-errors.js';
import { RunBannerReader, runBannerMessage } from '../common/run-banner.js';
import { RUBY_LOGFILE_HEADER } from '../common/ruby-logger.js';
import { jsonValuesOfHead } from '../common/foreign-json.js';

/** An unfinished docker line: its partial entries so far (joined up to DOCKER_JOIN_MAX_BYTES). */
interface DockerRun {
  stream: string;
  line: number;
  offset: number;
  /** The first entry that parsed: its time, stream and attrs are the record's. */
  first: Record<string, unknown> | undefined;
  parts: string[];
  logBytes: number;
  capped: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A JSON record written over several lines (Elasticsearch 7's `"stacktrace": [` lines) is joined
 * up to this many lines and characters. Each line that may close it parses the lines joined so
 * far, so the bound is also what a hostile file can make that cost: lines that each leave the
 * record open took 63 s and 0.9 GB for 57 MB under a 64 MB bound; under 1 MB it is linear.
 */
const MAX_JOIN_LINES = 1000;
const MAX_JOIN_CHARS = 1024 * 1024;
/** Lines a record of free text (a stack trace) gathers before the next line starts a record of its own. */
const MAX_TEXT_LINES = 10_000;

/** A record of free text being gathered: its first line's fields, then its lines. */
interface TextRecord {
  parts: LogParts;
  /** A logfmt line is; free text is not. */
  structured: boolean;
  line: number;
  offset: number;
  lines: string[];
  chars: number;
  /** The runtime whose report of its death the record is (Python's, Ruby's, Go's, Rust's, .NET's), if it is one. */
  crash?: RuntimeCrash;
}

/** A line held because it opens a JSON object that the lines after it may close. */
interface HeldLine {
  text: string;
  line: number;
  offset: number;
  /** The input's last line, with no newline after it. */
  last: boolean;
  /** The line as written (indent kept), for a record of free text it continues. */
  raw: string;
  /** The line holds bytes that are not UTF-8 (a U+FFFD in it may be written as such). */
  bad: boolean;
}

/** A record of docker entries being gathered (see docker-crash.ts). */
interface HeldDocker {
  obj: Record<string, unknown>;
  line: number;
  offset: number;
  lines: string[];
  chars: number;
  last: DockerEntry;
  blankTail: { obj: Record<string, unknown>; line: number; offset: number }[];
  jvm: JvmFatalPart | undefined;
  fatal: boolean;
  /** The runtime whose report the record is, as its first line tells (see crash-level.ts). */
  crash?: RuntimeCrash;
  /** Its last line is a Python traceback's head that the next entry may take out of it (see dockerReportBegins). */
  tb?: { obj: Record<string, unknown>; line: number; offset: number; entry: DockerEntry; blankTail: HeldDocker['blankTail'] };
}

const LOG_KEYS = /^(@?timestamp|time|ts|t|@t|level|lvl|log\.level|severity|msg|message|@m|@mt|MESSAGE|__REALTIME_TIMESTAMP|PRIORITY|log|fields|trace_id|traceId|span_id)$/;
const MESSAGE_KEYS = /^(msg|message|@m|@mt|MESSAGE|log|body|Body)$/;
const OTLP_KEYS = /^(resourceLogs|resourceSpans|resourceMetrics|resource_logs|resource_spans|resource_metrics)$/;

export class JsonlLogsDecoder implements Decoder {
  private readonly out: LogOutput;
  private readonly lines: LineSplitter;

  constructor(ctx: DecoderContext) {
    this.out = new LogOutput(ctx);
    this.out.ownSyntax = 'a JSON object';
    this.lines = new LineSplitter(
      {
        line: (text, line, offset, bytes, bad, raw) => this.onRawLine(text, line, offset, bytes, bad, raw),
        findInvalidUtf8: true,
        tooLong: (line, offset, bytes) => {
          this.releaseHeld();
          this.endRun();
          this.out.sawContent = true;
          this.out.error('line-too-long', lineTooLongMessage(bytes, MAX_LINE_BYTES), line, offset, true);
        },
      },
      MAX_LINE_BYTES,
      ctx.lineEnds,
    );
    this.skipStream = ctx.continuesDockerRun;
  }

  get progress(): Progress {
    this.out.progress.lines = this.lines.linesSeen;
    return this.out.progress;
  }

  push(chunk: Uint8Array): void {
    this.out.progress.bytes += chunk.length;
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.settle(); // (the complete lines of a short CR-only input first)
    this.ending = true; // a line given now is the last one, with no newline after it
    this.lines.end();
    for (const b of this.banner.end()) this.onLine(b.text, b.line, b.offset, b.bad, true);
    this.releaseHeld(); // a multi-line record the file ends inside: its lines read one by one
    this.endRun(); // the file ends inside a docker line (rotated mid-line): a record as it is
    this.flushDocker();
    this.flushText();
    this.out.progress.lines = this.lines.linesSeen;
    this.out.finish();
  }

  private ending = false;
  private run: DockerRun | undefined;
  /** A piece of a split file that starts inside a run already read by the piece before: its entries are skipped. */
  private skipStream: string | undefined;

  /** (`rawBytes`: the line's bytes, its first `bytes`: see linePiece) */
  private onRawLine(raw: string, line: number, offset: number, bytes: number, bad: number, rawBytes: Uint8Array): void {
    // A lone CR between two JSON objects ends a line (files joined from a CR-ended one and an LF
    // one): a JSON value holds no raw CR but as whitespace, which never sits between `}` and `{`.
    let cr = raw.indexOf('\r');
    if (cr > 0 && cr < raw.length - 1) {
      let from = 0;
      let b = 0; // the byte `from` is at in the line
      for (; cr > 0 && cr < raw.length - 1; cr = raw.indexOf('\r', cr + 1)) {
        if (raw.charCodeAt(cr - 1) !== 125 /* } */ || raw.charCodeAt(cr + 1) !== 123 /* { */) continue;
        const text = raw.slice(from, cr);
        const piece = linePiece(text, 13, rawBytes, b, bytes, bad >= 0);
        this.onLineOf(text, line, offset + b, piece.bytes, piece.bad);
        b += piece.bytes + 1;
        from = cr + 1;
      }
      if (from > 0) {
        const last = raw.slice(from);
        return this.onLineOf(last, line, offset + b, bytes - b, linePiece(last, -1, rawBytes, b, bytes, bad >= 0).bad);
      }
    }
    this.onLineOf(raw, line, offset, bytes, bad >= 0);
  }

  /** `bad`: the line holds bytes that are not UTF-8 (a U+FFFD in it may be written as such). */
  private onLineOf(raw: string, line: number, offset: number, bytes: number, bad: boolean): void {
    const docker = raw.charCodeAt(0) === 123 /* { */ ? classifyDockerLine(raw, bytes) : undefined;
    if (this.skipStream !== undefined) {
      const skipped = docker?.stream === this.skipStream;
      if (!skipped || !docker.partial) this.skipStream = undefined;
      if (skipped) {
        this.out.sawContent = true;
        return;
      }
    }
    const run = this.run;
    if (run) {
      if (docker?.stream === run.stream) {
        this.addToRun(run, raw, docker, line, offset);
        if (!docker.partial) this.endRun();
        return;
      }
      this.endRun(); // another line: the run stays as it is
    }
    if (docker?.partial) {
      this.releaseHeld();
      this.run = { stream: docker.stream, line, offset, first: undefined, parts: [], logBytes: 0, capped: false };
      this.addToRun(this.run, raw, docker, line, offset);
      return;
    }
    this.onLine(raw, line, offset, bad);
  }

  private addToRun(run: DockerRun, raw: string, docker: DockerLineClass, line: number, offset: number): void {
    this.out.sawContent = true;
    if (run.capped) return; // past the cap: not even parsed
    run.logBytes += docker.logBytes;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      this.out.error('invalid-json', `invalid JSON: ${jsonErrorText(e)}`, line, offset, true);
      value = undefined;
    }
    if (isPlainObject(value)) {
      run.first ??= value;
      if (typeof value['log'] === 'string') run.parts.push(value['log']);
    }
    if (run.logBytes > DOCKER_JOIN_MAX_BYTES) {
      run.capped = true;
      this.out.error('line-too-long', `docker log line split into partial entries is longer than ${DOCKER_JOIN_MAX_BYTES} bytes; read up to there, the rest left out`, run.line, run.offset);
    }
  }

  /** The run as one record: the first entry with the joined log. */
  private endRun(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    if (!run.first) return; // no entry of it parsed (each reported)
    let log = run.parts.join('');
    if (log.length > DOCKER_JOIN_MAX_BYTES) log = log.slice(0, DOCKER_JOIN_MAX_BYTES);
    this.emit({ ...run.first, log }, run.line, run.offset);
  }

  /** The lines a package manager prints before it runs a script, held until they tell (see run-banner.ts). */
  private readonly banner = new RunBannerReader<{ text: string; line: number; offset: number; bad: boolean }>();

  /** `told`: the line has been through the run banner's reader (see banner). */
  private onLine(raw: string, line: number, offset: number, bad: boolean, told = false): void {
    if (!told) {
      // a package manager's run banner, wherever it is (a restarted service's): no record, one invalid-line
      const r = this.banner.take({ text: raw, line, offset, bad });
      if (r.banner) {
        this.releaseHeld();
        this.flushDocker();
        this.flushText();
        this.out.sawContent = true;
        this.out.error('invalid-line', runBannerMessage(r.banner.first.line, r.banner.last.line, r.banner.tool, r.banner.head), r.banner.first.line, r.banner.first.offset);
      }
      for (const b of r.read) this.onLine(b.text, b.line, b.offset, b.bad, true);
      return;
    }
    // (a record separator before each value: JSON text sequences, RFC 7464, `journalctl -o json-seq`)
    if (raw.charCodeAt(0) === 0x1e) raw = raw.slice(1);
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '') return;
    this.out.sawContent = true;
    // A line that starts an object at column 0 begins a record of its own (the file splitter cuts
    // only before such lines, see split-point.ts); any other line may continue a held one.
    if (raw.charCodeAt(0) === 123 /* { */) this.releaseHeld();
    // (a line of binary junk is rejected as such below: one error, not also this one)
    if (bad && !isJunkLine(stripAnsi(text))) this.out.error('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset);
    const held: HeldLine = { text, line, offset, last: this.ending, raw: line === 1 ? raw.replace(/^\uFEFF/, '') : raw, bad };
    if (this.held.length > 0 && this.continueHeld(held)) return;
    this.readLine(held, true);
  }

  private text: TextRecord | undefined;

  /** A line that is not JSON: binary junk is rejected; text (or logfmt) begins a record of its own. */
  private textLine(h: HeldLine): void {
    const text = stripAnsi(h.text);
    // Ruby's Logger heads each file it creates with a comment, whatever its formatter writes (JSON): no record
    if (text.startsWith('# Logfile created on ') && RUBY_LOGFILE_HEADER.test(text)) return;
    if (isJunkLine(text, h.bad)) {
      this.out.error('binary-data', 'line holds binary bytes (control characters or bytes that are not UTF-8), not JSON or text; skipped', h.line, h.offset, true);
      return;
    }
    this.flushDocker();
    this.flushText();
    // (a logfmt line among the JSON ones is read as one, and structured)
    const read = mapLogLine(text, this.out.timeOpts);
    this.text = { parts: read.mapped, structured: isStructuredLine(read), line: h.line, offset: h.offset, lines: [stripAnsi(h.raw.trimEnd())], chars: text.length };
    const crash = crashOfText(text, this.text.lines[0]);
    if (crash !== undefined) this.text.crash = crash;
  }

  /** Resource attributes of the JSON record just read, until a record of free text after it took them. */
  private lastAttrs: Record<string, unknown> | undefined;

  /**
   * The record of free text, if one is being gathered. What the runtime printed among a service's
   * JSON lines (its banner, its crash) is that service's output: without a service of its own it
   * takes the service of the JSON record right next to it (`next`, else the one right before).
   * Only right next to it: the text records of a long stretch of text are not one service's on the
   * strength of a JSON line far above them (and a file read in pieces, cut inside such a stretch,
   * gives every record the service a whole read gives it).
   */
  private flushText(next?: Record<string, unknown>): void {
    const t = this.text;
    if (!t) return;
    this.text = undefined;
    if (t.lines.length > 1) t.parts.body = t.lines.join('\n');
    // The runtime's report of its death among the JSON lines (no logger's record for it to join):
    // at the level a text log gives it, ERROR for an uncaught exception (the JVM's, Python's,
    // Node's, .NET's), FATAL for a Go panic or Rust's main thread's (see runtime-crash.ts).
    if (t.parts.severityNumber === undefined && t.parts.severityText === undefined) {
      const s = crashTextLevel(t.lines, t.crash);
      if (s !== undefined) {
        t.parts.severityNumber = s.number;
        t.parts.severityText = s.text;
      }
    }
    const attrs = withNeighbourService(t.parts.resourceAttributes, next ?? this.lastAttrs);
    this.lastAttrs = undefined;
    this.out.record(buildLogRecord(t.parts, this.out.resource(attrs), t.structured, this.out.file, t.line, t.offset));
  }

  private held: HeldLine[] = [];
  /** A line `{…},` has been said (once a file). */
  private saidTrailingComma = false;
  private heldChars = 0;
  /** Brackets the held lines leave open (see bracketDepth). */
  private heldDepth = 0;

  /**
   * `next` continues the held lines: true when taken (joined into a record, or held further).
   * The joined text is parsed once, when the held lines close every bracket they open: parsing
   * it at each line that might close the record made a hostile file quadratic (63 s for 57 MB).
   */
  private continueHeld(next: HeldLine): boolean {
    this.held.push(next);
    this.heldChars += next.text.length + 1;
    this.heldDepth = bracketDepth(next.text, this.heldDepth);
    if (this.heldDepth === 0) {
      const joined = this.held.map((h) => h.text).join('\n');
      let value: unknown;
      try {
        value = JSON.parse(joined);
      } catch {
        this.held.pop();
        this.heldChars -= next.text.length + 1;
        this.releaseHeld();
        return false;
      }
      const first = this.held[0]!;
      this.held = [];
      this.heldChars = 0;
      // (the first line opens an object, so the value is one)
      if (depthExceeds(value)) this.out.error('too-deep', 'JSON nesting deeper than the limit', first.line, first.offset, true);
      else this.emit(value as Record<string, unknown>, first.line, first.offset);
      return true;
    }
    if (this.heldDepth > 0 && this.canHoldMore()) return true;
    this.held.pop();
    this.heldChars -= next.text.length + 1;
    this.releaseHeld();
    return false;
  }

  private canHoldMore(): boolean {
    return this.held.length < MAX_JOIN_LINES && this.heldChars < MAX_JOIN_CHARS;
  }

  /** The held lines did not make a record: each is read on its own (with its own errors), none held again. */
  private releaseHeld(...more: HeldLine[]): void {
    if (this.held.length === 0 && more.length === 0) return;
    const lines = [...this.held, ...more];
    this.held = [];
    this.heldChars = 0;
    for (const h of lines) this.readLine(h, false);
  }

  /** One line on its own; `mayHold`: a line that opens an object the next lines may close is held. */
  private readLine(h: HeldLine, mayHold: boolean): void {
    const { text, line, offset } = h;
    const t = this.text;
    if (t && text[0] !== '{' && t.lines.length < MAX_TEXT_LINES && t.chars < MAX_LINE_BYTES && (continuesText(t.lines, h.raw, stripAnsi(text), h.bad) || continuesCrashText(t.crash, t.lines, stripAnsi(text)))) {
      // a line of the crash the record of free text above began (a frame, `Caused by:`)
      const kept = stripAnsi(h.raw.trimEnd());
      t.lines.push(kept);
      t.chars += kept.length + 1;
      if (t.lines.length === MAX_TEXT_LINES) this.out.error('invalid-record', recordLimitMessage(MAX_TEXT_LINES), t.line, t.offset);
      return;
    }
    if (cannotBeJson(text)) {
      // Same verdict JSON.parse would give, without the cost of a thrown SyntaxError per line.
      this.textLine(h);
      return;
    }
    // A line of millions of members (a generated payload, an attack): parsed, each member is an
    // object property of its own (~300 bytes: 3.3 million took 1 GB). The analysis keeps 1,024 of
    // a record's attributes; past MAX_LINE_MEMBERS the line is refused before it is parsed.
    if (text.length > LONG_LINE_CHARS) {
      const members = countMembers(text, MAX_LINE_MEMBERS);
      if (members > MAX_LINE_MEMBERS) {
        this.flushText();
        this.out.error('too-many-attributes', `a JSON line of more than ${MAX_LINE_MEMBERS.toLocaleString('en-US')} members (${(text.length / 1048576).toFixed(0)} MB): not read, as no record of it could keep more than ${MAX_RECORD_ATTRIBUTES.toLocaleString('en-US')} attributes`, line, offset, true);
        return;
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const deep = e instanceof RangeError;
      const uncomma = deep ? undefined : withoutTrailingComma(text);
      if (uncomma !== undefined) {
        // `{…},` (lines cut out of a JSON array, a logger that writes a comma after each record):
        // the object is whole; read it, and say once what is wrong with the lines.
        if (!this.saidTrailingComma) {
          this.saidTrailingComma = true;
          this.out.error('invalid-json', 'this line ends with a comma after its JSON object (JSON Lines holds one value a line and nothing after it): read without the comma, as are later lines like it', line, offset, false);
        }
        value = uncomma;
        if (typeof value === 'object' && value !== null && !Array.isArray(value) && !depthExceeds(value)) {
          this.emit(value as Record<string, unknown>, line, offset);
          return;
        }
      }
      if (!deep && mayHold && !h.last && text[0] === '{' && endsInside(text, (e as Error).message)) {
        // (a string left open cannot go on past the line: such a line is not held)
        const depth = bracketDepth(text, 0);
        if (depth > 0) {
          this.held = [h];
          this.heldChars = text.length;
          this.heldDepth = depth;
          return;
        }
      }
      if (!deep && h.last && text[0] === '{' && endsInside(text, (e as Error).message)) {
        this.out.error('truncated', 'the input ends inside this JSON line', line, offset, true);
        return;
      }
      if (!deep && text[0] !== '{') {
        this.textLine(h); // `[main] INFO …`, `"quoted" words`: text, not broken JSON
        return;
      }
      this.out.error(deep ? 'too-deep' : 'invalid-json', deep ? 'JSON nesting too deep to parse' : `invalid JSON: ${jsonErrorText(e)}`, line, offset, true);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.out.error('wrong-type', `line is JSON but not an object (${Array.isArray(value) ? 'array' : typeof value})`, line, offset, true);
      return;
    }
    if (depthExceeds(value)) {
      this.out.error('too-deep', 'JSON nesting deeper than the limit', line, offset, true);
      return;
    }
    this.emit(value as Record<string, unknown>, line, offset);
  }

  /**
   * The docker entry read last, held with the entries of a crash that continue it (see
   * docker-crash.ts): one record when the next entry does not continue it.
   */
  private docker: HeldDocker | undefined;
  /** The docker entry before the held record's last one (for Node's report, see docker-crash.ts), when it is one. */
  private dockerBefore: DockerEntry | undefined;

  private flushDocker(): void {
    const d = this.docker;
    if (!d) return;
    this.docker = undefined;
    // (empty lines after the last line of a crash are not its text, and an entry of empty lines alone is no record: dropped, as
    // the same lines in a plain file are; a container's wrapping makes no more records of the program's lines than the lines alone)
    const n = d.lines.length - d.blankTail.length;
    // (and Ruby Logger's head of a file it created, `tail`ed to a container's output: no entry, as in the file)
    if (n === 0 || (n === 1 && d.lines[0]!.startsWith('# Logfile created on ') && RUBY_LOGFILE_HEADER.test(d.lines[0]!))) return;
    const lines = n === d.lines.length ? d.lines : d.lines.slice(0, n);
    this.emitRecord(d.obj, d.line, d.offset, n > 1 ? lines.join('\n') : undefined, d.fatal ? 'fatal' : JVM_UNCAUGHT.test(lines[0]!) ? 'uncaught' : undefined, lines, d.crash);
  }

  private emit(obj: Record<string, unknown>, line: number, offset: number): void {
    const entry = isDockerLine(obj) ? asDockerEntry(obj) : undefined;
    if (entry) {
      const d = this.docker;
      const step = d && d.lines.length < MAX_TEXT_LINES && d.chars < MAX_LINE_BYTES ? dockerStep(d.last, entry, d.jvm, this.dockerBefore) : undefined;
      this.dockerBefore = d?.last;
      if (d && step?.continues) {
        const text = stripAnsi(withoutNewline(entry.log));
        if (this.dockerReportBegins(d, entry, text, obj, line, offset)) return;
        if (text.trim() !== '' && d.blankTail.length === d.lines.length) {
          // a record of empty entries so far begins with this entry (the empty lines are dropped, see flushDocker)
          this.beginDocker(obj, line, offset, entry, [text]);
          this.docker!.jvm = step.jvm;
          if (step.jvm !== undefined) this.docker!.fatal = true;
          return;
        }
        d.lines.push(text);
        // the empty entries at the end are counted (dropped unless a line of the record follows them)
        if (text.trim() === '') d.blankTail.push({ obj, line, offset });
        else d.blankTail.length = 0;
        d.chars += text.length + 1;
        d.last = entry;
        d.jvm = step.jvm;
        if (step.jvm !== undefined) d.fatal = true;
        if (d.lines.length === MAX_TEXT_LINES) this.out.error('invalid-record', recordLimitMessage(MAX_TEXT_LINES), d.line, d.offset);
        return;
      }
      if (d) delete d.tb;
      this.flushDocker();
      this.beginDocker(obj, line, offset, entry, [stripAnsi(withoutNewline(entry.log))]);
      return;
    }
    this.flushDocker();
    this.dockerBefore = undefined;
    this.emitRecord(obj, line, offset);
  }

  /** A record of docker entries begins with the entry `entry` (`lines`: its text, and that of the entries after it it takes). */
  private beginDocker(obj: Record<string, unknown>, line: number, offset: number, entry: DockerEntry, lines: string[]): void {
    const jvm = jvmPartOf(entry);
    let chars = -1;
    for (const l of lines) chars += l.length + 1;
    this.docker = { obj, line, offset, lines, chars, last: entry, blankTail: lines.length === 1 && lines[0]!.trim() === '' ? [{ obj, line, offset }] : [], jvm, fatal: jvm !== undefined };
    const crash = crashOfText(lines[0]!.trim(), lines[0]);
    if (crash !== undefined) this.docker.crash = crash;
  }

  /**
   * The entry `entry` (its text `text`), which continues the held record `d` as the file's cuts see
   * it (docker-crash.ts), begins a runtime's report of its own there, as in a text log: Rust's head
   * after the empty line before it (that line is dropped, as a plain file's empty lines are), a
   * Python traceback's head decided by the record above (tracebackAfter) or by the entry after it
   * (its first frame, startsAtEntry: the head is held as the record's until then). True when the
   * entry was taken so.
   */
  private dockerReportBegins(d: HeldDocker, entry: DockerEntry, text: string, obj: Record<string, unknown>, line: number, offset: number): boolean {
    const tb = d.tb;
    if (tb !== undefined) {
      delete d.tb;
      if (!startsAtEntry(text)) return false;
      // the traceback's head leaves the record above and begins the interpreter's report with this frame
      const head = d.lines.pop()!;
      d.chars -= head.length + 1;
      d.last = tb.entry;
      d.blankTail = tb.blankTail;
      this.flushDocker();
      this.beginDocker(tb.obj, tb.line, tb.offset, tb.entry, [head, text]);
      this.docker!.last = entry;
      this.docker!.crash = 'python';
      return true;
    }
    if (d.blankTail.length > 0 && d.blankTail.length < d.lines.length && crashHead(text) === 'rust') {
      d.lines.length -= d.blankTail.length;
      d.blankTail = [];
      this.flushDocker();
      this.beginDocker(obj, line, offset, entry, [text]);
      return true;
    }
    if (!isTracebackHead(text)) return false;
    const after = tracebackAfter(this.dockerAbove(d));
    if (after === 'starts') {
      this.flushDocker();
      this.beginDocker(obj, line, offset, entry, [text]);
      return true;
    }
    // ('frame': held as the record's line until the next entry tells; see above)
    if (after === 'frame') d.tb = { obj, line, offset, entry, blankTail: d.blankTail.slice() };
    return false;
  }

  /** The held record as a Python traceback's head after it sees it (see runtime-crash.ts tracebackAfter). */
  private dockerAbove(d: HeldDocker): RecordAbove {
    const m = mapStructured(d.obj, undefined, true);
    const n = d.lines.length - d.blankTail.length;
    return { lines: n === d.lines.length ? d.lines : d.lines.slice(0, n), severityNumber: m.severityNumber, access: m.attributes['http.response.status_code'] !== undefined, ...(d.crash !== undefined ? { crash: d.crash } : {}) };
  }

  /**
   * One JSON record; `body`: the text of a docker entry with the crash lines that continued it;
   * `jvm`: the entry's text (`lines`) is one of the JVM's reports of its death (see docker-crash.ts),
   * at FATAL (HotSpot's fatal error report, at the time it gives, else docker's) or at ERROR (an
   * uncaught exception), as in a text log.
   */
  private emitRecord(obj: Record<string, unknown>, line: number, offset: number, body?: string, jvm?: 'fatal' | 'uncaught', lines?: readonly string[], crash?: RuntimeCrash): void {
    this.out.ownLines++;
    let m;
    // A JSON record is structured; a line carried in an envelope (docker json-file, a Loki entry) only when it is JSON or logfmt itself.
    let structured = true;
    if (isSplunkExportLine(obj)) {
      // A Splunk export line: its `result` is the event; a line without one (the end marker) is none.
      m = mapSplunkResult(obj);
      if (!m) {
        this.flushText();
        return;
      }
    } else if (isSearchHit(obj) && isPlainObject(obj['_source'])) {
      // One Elasticsearch/OpenSearch hit a line (elasticdump, `_search` hits piped through jq -c): its _source is the record.
      // an Elastic APM transaction or span: a span, not a log record
      const span = apmSpanOf(obj['_source'], (a) => this.out.resource(a), { file: this.out.file, line, offset });
      if (span !== undefined) {
        this.flushText();
        if (typeof span === 'string') this.out.error('invalid-id', span, line, offset, true);
        else this.out.record(span);
        return;
      }
      m = mapSearchHit(obj).mapped;
    } else if (isLogcliLine(obj)) {
      // `logcli --output=jsonl`: the Loki line inside is itself JSON, logfmt or text
      const read = mapLogcliLine(obj);
      m = read.mapped;
      structured = isStructuredLine(read);
    } else m = mapStructured(obj, undefined, true);
    // A shipper's record around an unparsed text line (filebeat, Vector; also as an Elasticsearch hit's _source).
    if (m.lineKind === 'text' && m.jsonTail !== true) structured = false;
    if (body !== undefined) m.body = body;
    if (jvm === 'fatal') {
      m.severityNumber = 21;
      m.severityText = 'fatal';
      const t = jvmFatalTime(lines ?? []);
      if (t !== undefined) {
        m.timeNs = t.ns;
        if (t.withoutZone) m.timeWithoutZone = true;
        else delete m.timeWithoutZone;
        delete m.timeWithoutYear;
      }
    } else if (jvm === 'uncaught' && m.severityNumber === undefined) {
      m.severityNumber = 17;
      m.severityText = 'error';
    } else if (lines !== undefined && m.lineKind === 'text' && m.severityNumber === undefined && m.severityText === undefined) {
      // a runtime's report (Python's, Node's, Ruby's, Go's, Rust's, .NET's): at the level a text log gives it
      // (else java.util.logging's SimpleFormatter: the level on the record's second line, see docker-crash.ts continuesJulRecord)
      const s = crashTextLevel(lines, crash) ?? julLevelOf(lines);
      if (s !== undefined) {
        m.severityNumber = s.number;
        m.severityText = s.text;
      }
    }
    this.flushText(m.resourceAttributes);
    this.lastAttrs = m.resourceAttributes;
    for (const p of m.problems) this.out.error(p.code, p.message, line, offset);
    this.out.record(buildLogRecord(m, this.out.resource(m.resourceAttributes), structured, this.out.file, line, offset));
  }
}

/** The level of a java.util.logging SimpleFormatter record: on its second line (see docker-crash.ts continuesJulRecord). */
function julLevelOf(lines: readonly string[]): { number: number; text: string } | undefined {
  if (lines.length < 2) return undefined;
  const jul = julLevelLine(lines[1]!, lines[0]!);
  const number = jul === undefined ? undefined : severityFromText(jul.level);
  return jul === undefined || number === undefined ? undefined : { number, text: jul.text };
}

/** Lines longer than this are checked for their number of members before they are parsed. */
const LONG_LINE_CHARS = 1024 * 1024;
const MAX_LINE_MEMBERS = MAX_VALUE_MEMBERS;


/** The object of a line `{…},` (JSON Lines written with a comma after each object); undefined for any other text. */
export function withoutTrailingComma(text: string): unknown {
  if (text.charCodeAt(0) !== 123 || text.charCodeAt(text.length - 1) !== 44) return undefined;
  const body = text.slice(0, -1).trimEnd();
  if (body.charCodeAt(body.length - 1) !== 125) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** JSON.parse failed only because the text stops early (its error is at the very end). */
function endsInside(text: string, message: string): boolean {
  if (/end of JSON input/i.test(message)) return true;
  const at = /at position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= text.length;
}

const JSON_NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** True when a trimmed line certainly is not JSON (a plain-text log line, mostly). */
function cannotBeJson(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 123 || c === 91) return false; // { [
  if (c === 34) return text.length < 2 || text.charCodeAt(text.length - 1) !== 34;
  if (c === 45 || (c >= 48 && c <= 57)) return !JSON_NUMBER_RE.test(text);
  return text !== 'true' && text !== 'false' && text !== 'null';
}

/**
 * A span rather than a log line: a trace id, a span id (Zipkin says just `id`) and a start or
 * duration, and no message. Tested before the log keys, because a Zipkin v2 span's `traceId` and
 * `timestamp` are log keys too (a one-line Zipkin span would otherwise be read as a log).
 */
function isSpanShaped(keys: string[]): boolean {
  return keys.some((k) => /^trace_?id$/i.test(k)) && keys.some((k) => /^(span_?id|id|parent_?id)$/i.test(k))
    && keys.some((k) => /duration|start/i.test(k)) && !keys.some((k) => MESSAGE_KEYS.test(k));
}

/**
 * The first line is longer than the sniff window (a log line with a big payload or stack trace):
 * judge it by the member names before the cut, less surely than a whole line.
 */
function sniffCutLine(line: string): number {
  const keys = topLevelKeysOfPrefix(line);
  if (keys === undefined || keys.length === 0) return 0;
  if (keys.some((k) => OTLP_KEYS.test(k))) return 0.1;
  if (isSpanShaped(keys)) return 0.3;
  // A time, level or message before the cut; trace and span ids alone are as much a span's.
  const logKeys = keys.filter((k) => LOG_KEYS.test(k) && !/^(trace_?id|span_?id)$/i.test(k));
  if (logKeys.length === 0) return 0;
  // An id and no message yet: may be a span whose big member came first; leave it to the others.
  if (keys.some((k) => /^(span_?id|id|parent_?id)$/i.test(k)) && !keys.some((k) => MESSAGE_KEYS.test(k))) return 0.15;
  return 0.5;
}

/**
 * The brackets (`{` `[`) left open after `text`, starting from `depth` open before it; -1 when
 * more close than opened or a string is left open (a JSON string never goes on past its line).
 */
function bracketDepth(text: string, depth: number): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth < 0) return -1;
  }
  return inString ? -1 : depth;
}

/** The index of the line that closes the object `lines[start]` opens, when the lines up to it join into one. */
function joinedRecordEnd(lines: string[], start: number): number | undefined {
  // as the decoder joins them: parsed once, when the lines close the brackets the first opens
  let depth = bracketDepth(lines[start]!, 0);
  for (let j = start + 1; depth > 0 && j < lines.length && lines[j]![0] !== '{'; j++) {
    depth = bracketDepth(lines[j]!, depth);
    if (depth !== 0) continue;
    try {
      JSON.parse(lines.slice(start, j + 1).join('\n'));
      return j;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** JSON.parse fails on `text` only because it stops early. */
function cutShort(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (e) {
    return !(e instanceof RangeError) && endsInside(text, (e as Error).message);
  }
}

/** A member value written as a date and time (`2024-01-02T03:04`, `02/Jan/2024:03:04`), whatever its name. */
const DATED_VALUE = /\d{4}-\d\d-\d\d[T ]\d\d?:\d\d|\d\d?\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d/;

/**
 * Whether the decoder reads a time, a level or a message out of this object, or one of its
 * top-level members is a date and time by another name (`{"when": "2024-…", "what": …}`).
 */
function hasLogEvidence(obj: Record<string, unknown>): boolean {
  const m = mapStructured(obj);
  if (m.timeNs !== undefined || m.severityNumber !== undefined || m.severityText !== undefined || m.body !== obj) return true;
  return Object.values(obj).some((v) => typeof v === 'string' && v.length <= 64 && DATED_VALUE.test(v));
}

/**
 * JSON objects, one a line or in one array, none of which has a time, a level or a message:
 * data (a table exported as JSON, an API answer of another product), not log records.
 */
export function isJsonData(input: SniffInput): boolean {
  const head = jsonValuesOfHead(input);
  // (a document the sniff window cut is not judged: its start may not show its kind)
  if (!head || head.cut) return false;
  const objects = head.single && Array.isArray(head.values[0]) ? head.values[0].slice(0, 50) : head.values;
  if (objects.length === 0 || !objects.every((o) => typeof o === 'object' && o !== null && !Array.isArray(o))) return false;
  return !objects.some((o) => hasLogEvidence(o as Record<string, unknown>));
}

/** Grafana Tempo's `{"trace": {"resourceSpans": …}}` or Jaeger api_v3's `{"result": …}`, beside whatever other members (Tempo's `message`). */
function isOtlpWrapper(v: Record<string, unknown>): boolean {
  return [v['trace'], v['result']].some((w) => isPlainObject(w) && Object.keys(w).some((k) => OTLP_KEYS.test(k) || k === 'batches'));
}

/** How sure we are that the sniffed text is JSON Lines logs. */
export function sniffJsonlLogs(input: SniffInput): number {
  const all = input.text.replace(/^\uFEFF/, '').split('\n');
  if (!input.complete && all.length > 1) all.pop(); // last line may be cut by the sniff window
  const lines = all.map((l) => l.replace(/^\u001e/, '').trim()).filter((l) => l !== '').slice(0, 50);
  if (lines.length === 0) return 0;
  if (!input.complete && all.length === 1) return sniffCutLine(lines[0]!);
  // The whole input is one JSON line cut short (a partial download, a copy stopped at a size
  // limit): judged by the member names before the cut, as a line the sniff window cut is; its
  // reader says where it ends (`truncated`).
  if (input.complete && lines.length === 1 && lines[0]![0] === '{' && cutShort(lines[0]!)) return sniffCutLine(lines[0]!);
  // Lines `{…},` are read only where no line opens or closes an array or object of a document
  // (`[` alone, `{"events":[` — a JSON array written an element a line is a document).
  const commas = !lines.some((l) => l[0] === '[' || l[0] === ']' || /[[{]$/.test(l));
  let objects = 0;
  let logish = 0;
  let otlp = 0;
  let spanish = 0;
  let joinedLines = 0;
  /** Objects in which the decoder finds a time, a level or a message, by whatever name. */
  let evident = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l[0] !== '{') continue;
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      const uncomma = commas ? withoutTrailingComma(l) : undefined;
      if (uncomma !== undefined) v = uncomma;
      // a record over several lines (Elasticsearch 7's stack traces), as the decoder joins it;
      // not a lone `{` (a pretty-printed document is the json-logs importer's)
      else {
        const end = l.length > 1 ? joinedRecordEnd(lines, i) : undefined;
        if (end === undefined) continue;
        v = JSON.parse(lines.slice(i, end + 1).join('\n'));
        joinedLines += end - i;
        i = end;
      }
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
    objects++;
    const keys = Object.keys(v);
    if (keys.some((k) => OTLP_KEYS.test(k)) || isOtlpWrapper(v as Record<string, unknown>)) otlp++;
    else if (isSpanShaped(keys) || (isSearchHit(v as Record<string, unknown>) && looksLikeJaegerSpan((v as Record<string, unknown>)['_source']))) spanish++; // (Jaeger's Elasticsearch span documents)
    else if (keys.some((k) => LOG_KEYS.test(k)) || isSplunkExportLine(v as Record<string, unknown>) || isSearchHit(v as Record<string, unknown>)) logish++;
    else if (hasLogEvidence(v as Record<string, unknown>)) evident++;
  }
  if (objects === 0) return 0;
  const share = objects / (lines.length - joinedLines);
  if (otlp > 0) return 0.1; // OTLP JSON Lines belongs to the otlp-json importer
  if (share < 0.5) return 0.1 * share;
  if (spanish > logish) return 0.3;
  // Objects none of which has a time, a level or a message (`{"id":1,"name":"x"}`): data, not
  // log records; `--as jsonl-logs` still reads them.
  if (logish === 0 && evident === 0) return 0.1;
  // A single-object file without log keys is more likely a JSON document of another format.
  if (objects === 1 && logish === 0) return 0.25;
  return logish > 0 ? 0.6 + 0.35 * share : 0.5 * share;
}

export const jsonlLogs: FormatSpec = {
  id: 'jsonl-logs',
  signal: 'logs',
  label: 'JSON Lines logs (ECS, bunyan, pino, journald, docker, generic)',
  sniff: sniffJsonlLogs,
  create: (ctx) => new JsonlLogsDecoder(ctx),
};
