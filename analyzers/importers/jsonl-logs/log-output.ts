// What every log decoder shares: progress counters, capped error reporting, resource interning.
import { resourceFromAttributes, type AttrValue, type Attributes, type LogRecord, type Resource, type SignalRecord } from '../../model/index.js';
import { newProgress, type DecoderContext, type ImportErrorCode, type Progress } from '../types.js';

/** Errors reported per file before we only count them (one `too-many-errors` marks the cut). */
export const MAX_REPORTED_ERRORS = 1000;
const MAX_INTERNED_RESOURCES = 4096;

export class LogOutput {
  readonly progress: Progress = newProgress();
  private reported = 0;
  private readonly resources = new ResourceInterner();

  /** Set by decoders when a non-blank line was seen (for `empty-input`). */
  sawContent = false;

  constructor(private readonly ctx: DecoderContext) {}

  /**
   * Call from end(): an input without any non-blank line is reported as empty (not a piece of a
   * split JSON Lines file: a run of blank lines in the middle of a file is no error).
   */
  /** Lines read in the decoder's own syntax (JSON objects, logfmt pairs), and what that syntax is called. */
  ownLines = 0;
  ownSyntax: string | undefined;

  finish(): void {
    if (!this.sawContent && !this.ctx.jsonLines) this.error('empty-input', this.progress.bytes === 0 ? 'the input has no bytes' : 'the input has only blank lines');
    // Content picks these formats only when it has such lines: none at all means `--as` forced a
    // format the input is not in. Said once; the lines are still read as free text.
    else if (this.ownSyntax !== undefined && this.ownLines === 0 && this.progress.records > 0 && !this.ctx.jsonLines) {
      this.error('unrecognised-format', `no line is ${this.ownSyntax}: every line was read as a record of free text (is the format forced with --as?)`);
    }
  }

  get file(): string {
    return this.ctx.file;
  }

  /** Report a problem; `reject` also counts a rejected record. */
  error(code: ImportErrorCode, message: string, line?: number, offset?: number, reject = false): void {
    if (reject) this.progress.rejected++;
    this.reported++;
    if (this.reported > MAX_REPORTED_ERRORS + 1) {
      this.progress.unreportedErrors++;
      return;
    }
    if (this.reported === MAX_REPORTED_ERRORS + 1) {
      this.ctx.sink.error({ code: 'too-many-errors', message: `more than ${MAX_REPORTED_ERRORS} errors; further errors are only counted`, file: this.ctx.file, line, offset });
      return;
    }
    const e: { code: ImportErrorCode; message: string; file: string; line?: number; offset?: number } = { code, message, file: this.ctx.file };
    if (line !== undefined) e.line = line;
    if (offset !== undefined) e.offset = offset;
    this.ctx.sink.error(e);
  }

  /**
   * For the lines of free text among the records (klog's `I0319 …`, syslog's `Mar 19 …`): the last
   * record with a full date dates their year (the latest not after it, a day of margin for zones),
   * not the year the analysis runs in.
   */
  readonly timeOpts: { nowMs: number; memo: { shape?: number } } = { nowMs: Date.now(), memo: {} };

  /** A log record (or a span, for the trace documents a log export may hold: Elastic APM's; or any record of an OTLP request a container wrote). */
  record(r: SignalRecord): void {
    this.progress.records++;
    if (r.kind === 'log' && r.timeNs !== undefined && !r.timeWithoutYear) this.timeOpts.nowMs = Number(r.timeNs / 1_000_000n) + 86_400_000;
    this.ctx.sink.record(r);
  }

  /** One shared Resource object per distinct attribute set (bounded cache). */
  resource(attrs: Attributes): Resource {
    return this.resources.resource(attrs);
  }
}

/** One shared Resource object per distinct attribute set (bounded cache). */
export class ResourceInterner {
  private readonly resources = new Map<string, Resource>();
  private readonly empty: Resource = { attributes: {} };
  private lastAttrs: Attributes | undefined;
  private lastKeys = 0;
  private lastResource: Resource | undefined;

  resource(attrs: Attributes): Resource {
    const keys = Object.keys(attrs);
    if (keys.length === 0) return this.empty;
    // consecutive records mostly share their resource: compare with the last one first
    const last = this.lastAttrs;
    if (last && this.lastResource && keys.length === this.lastKeys && keys.every((k) => last[k] === attrs[k])) return this.lastResource;
    let key = '';
    for (const k of keys) key += k + '\u0000' + String(attrs[k]) + '\u0001';
    let r = this.resources.get(key);
    if (!r) {
      r = resourceFromAttributes(attrs);
      if (this.resources.size < MAX_INTERNED_RESOURCES) this.resources.set(key, r);
    }
    this.lastAttrs = attrs;
    this.lastKeys = keys.length;
    this.lastResource = r;
    return r;
  }
}

/**
 * An ANSI escape sequence: a CSI (`ESC [` parameters, intermediates, a final byte: colours, erase-line), an OSC (`ESC ]`
 * text to a BEL or `ESC \`: a hyperlink, a title), or an ESC with intermediates and a final byte (`ESC(B`, `ESC7`). The
 * same sequences as escapeLength (common/lines.ts), which looksBinary does not count as control bytes.
 */
const ANSI_SOURCE = '\\u001b\\[[0-?]*[ -/]*[@-~]|\\u001b\\][^\\u0000-\\u001f]{0,252}(?:\\u0007|\\u001b\\\\)|\\u001b[ -/]{0,6}[0-Z\\\\^-~]';
const ANSI = new RegExp(ANSI_SOURCE, 'g');
const ANSI_AT = new RegExp(ANSI_SOURCE, 'y');

/** Strip ANSI escape sequences (colours, erase-line) that terminal-oriented loggers emit. */
export function stripAnsi(text: string): string {
  return text.indexOf('\u001b') === -1 ? text : text.replace(ANSI, '');
}

/** Bytes after an ESC looked at for its sequence (a CSI's parameters are a few bytes). */
const ANSI_WINDOW = 256;

/**
 * stripAnsi over a stream of UTF-8 (or any ASCII-compatible) bytes, chunk by chunk: the same
 * sequences taken out (an escape sequence is ASCII, so it never cuts a multi-byte character), one
 * cut by a chunk's end held until the next. For readers of raw text lines (`obsready templates`).
 */
export class AnsiStripper {
  private held: Uint8Array | undefined;

  /** The chunk without its escape sequences (a sequence it ends inside is held: see end). */
  push(chunk: Uint8Array): Uint8Array {
    let data = chunk;
    if (this.held) {
      data = new Uint8Array(this.held.length + chunk.length);
      data.set(this.held);
      data.set(chunk, this.held.length);
      this.held = undefined;
    }
    return this.strip(data, false);
  }

  /** What is held, at the input's end. */
  end(): Uint8Array {
    const held = this.held;
    this.held = undefined;
    return held ? this.strip(held, true) : new Uint8Array(0);
  }

  private strip(data: Uint8Array, ending: boolean): Uint8Array {
    let esc = data.indexOf(0x1b);
    if (esc === -1) return data;
    const out = new Uint8Array(data.length);
    let n = 0;
    let from = 0;
    for (; esc !== -1; esc = data.indexOf(0x1b, from)) {
      const window = data.subarray(esc, Math.min(data.length, esc + ANSI_WINDOW));
      ANSI_AT.lastIndex = 0;
      const m = ANSI_AT.exec(String.fromCharCode(...window));
      if (!m && !ending && esc + ANSI_WINDOW > data.length) {
        // (a sequence the chunk may end inside: held, with what follows)
        out.set(data.subarray(from, esc), n);
        n += esc - from;
        this.held = data.slice(esc);
        return out.subarray(0, n);
      }
      const len = m ? m[0].length : 1;
      const keep = m ? esc : esc + 1;
      out.set(data.subarray(from, keep), n);
      n += keep - from;
      from = esc + len;
    }
    out.set(data.subarray(from), n);
    n += data.length - from;
    return out.subarray(0, n);
  }
}

/** `text` without its one trailing newline (LF or CRLF), as docker and shippers keep it; no regex (one scanned the whole line). */
export function withoutNewline(text: string): string {
  if (text.charCodeAt(text.length - 1) !== 10) return text;
  return text.slice(0, text.charCodeAt(text.length - 2) === 13 ? -2 : -1);
}

/** How a line was read: `json` and `logfmt` lines count as structured. */
export type LineKind = 'json' | 'logfmt' | 'text';

/** The parts every log decoder fills in (see MappedLog in map-fields.ts). */
export interface LogParts {
  timeNs?: bigint;
  timeWithoutZone?: boolean;
  timeWithoutYear?: boolean;
  observedTimeNs?: bigint;
  severityNumber?: number;
  severityText?: string;
  body: AttrValue;
  traceId?: string;
  spanId?: string;
  attributes: Attributes;
  /** Attributes / body members read past MAX_RECORD_ATTRIBUTES and not stored (see LogRecord). */
  droppedAttributes?: number;
  droppedBodyMembers?: number;
  resourceAttributes: Attributes;
  scopeName?: string;
  /** How an application's line inside an envelope (docker, CRI, a Loki entry) was read; see MappedLog. */
  lineKind?: LineKind;
  /** (text logs) the line's fields are a JSON object that ends it (zap's console encoder, winston's `simple`): structured, as a JSON or logfmt line is. */
  jsonTail?: boolean;
}

/** Assemble a LogRecord, leaving absent optional fields absent (records compare cleanly). */
export function buildLogRecord(p: LogParts, resource: Resource, structured: boolean, file: string, line: number, offset: number): LogRecord {
  const r: LogRecord = { kind: 'log', body: p.body, attributes: p.attributes, resource, structured, source: { file, line, offset } };
  if (p.timeNs !== undefined) r.timeNs = p.timeNs;
  if (p.observedTimeNs !== undefined) r.observedTimeNs = p.observedTimeNs;
  if (p.timeWithoutZone) r.timeWithoutZone = true;
  if (p.timeWithoutYear) r.timeWithoutYear = true;
  if (p.severityNumber !== undefined) r.severityNumber = p.severityNumber;
  if (p.severityText !== undefined) r.severityText = p.severityText;
  if (p.traceId !== undefined) r.traceId = p.traceId;
  if (p.spanId !== undefined) r.spanId = p.spanId;
  if (p.scopeName !== undefined) r.scope = { name: p.scopeName };
  if (p.droppedAttributes !== undefined) r.droppedAttributes = p.droppedAttributes;
  if (p.droppedBodyMembers !== undefined) r.droppedBodyMembers = p.droppedBodyMembers;
  return r;
}
