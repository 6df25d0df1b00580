// logfmt: `time=… level=info msg="quoted value" key=value` (logrus text, Go kit, Grafana/Loki,
// Heroku router). A line may start with a free-text prefix before the first pair (klog's
// `I0130 11:51:46.123456 1 file.go:12] "msg" key=value`); indented lines continue the record above.
// A line with no pairs is what the runtime or the app printed outside the logger (a Go panic, a
// banner): a record of free text, unstructured, with the crash's lines after it joined to it.
import type { Decoder, DecoderContext, FormatSpec, Progress, SniffInput } from '../types.js';
import { INVALID_UTF8_MESSAGE, LineSplitter } from '../common/lines.js';
import { buildLogRecord, LogOutput, stripAnsi, type LogParts } from '../jsonl-logs/log-output.js';
import { mapLogfmtLine } from '../jsonl-logs/log-line.js';
import { isFieldKey, mapText } from '../jsonl-logs/map-fields.js';
import { continuesText, isJunkLine, recordLimitMessage, withNeighbourService } from '../common/crash-lines.js';
import { parseLogfmt } from './parse.js';
import { RUBY_LOGFILE_HEADER } from '../common/ruby-logger.js';
import { continuesCrashText, crashOfText, crashTextLevel } from '../common/crash-level.js';
import type { RuntimeCrash } from '../common/runtime-crash.js';

export { parseLogfmt, type LogfmtLine } from './parse.js';

/** A pending record may absorb this many continuation lines before it is emitted on its own. */
const MAX_CONTINUATION_LINES = 10_000;
/**
 * A quoted value whose line ends before its closing quote may go on over this many more lines (or
 * characters, all its lines): structlog's LogfmtRenderer writes a traceback's newlines as they are, inside the
 * quotes (`exception="Traceback …` then the frames, then `ValueError: …"`).
 */
const MAX_QUOTED_LINES = 500;
const MAX_QUOTED_CHARS = 256 * 1024;

/** A line whose quoted value its end left open, and the lines after it that may close it. */
interface OpenQuote {
  lines: { raw: string; line: number; offset: number; bad: boolean }[];
  /** The lines joined by LFs. */
  text: string;
}

interface Pending {
  parts: LogParts;
  line: number;
  offset: number;
  /** The record's first line, then the lines that continue it. */
  lines: string[];
  /** False for a line of free text (no pairs). */
  structured: boolean;
  /** The runtime whose report of its death a record of free text is (see crash-level.ts). */
  crash?: RuntimeCrash;
}

export class LogfmtDecoder implements Decoder {
  private readonly out: LogOutput;
  private readonly lines: LineSplitter;
  private pending: Pending | undefined;

  constructor(ctx: DecoderContext) {
    this.out = new LogOutput(ctx);
    this.out.ownSyntax = 'logfmt (key=value pairs)';
    this.lines = new LineSplitter({
      line: (text, line, offset, _bytes, bad) => this.onLine(text, line, offset, bad >= 0),
      findInvalidUtf8: true,
      tooLong: (line, offset, bytes) => {
        this.flush();
        this.out.sawContent = true;
        this.out.error('line-too-long', `line of ${bytes} bytes exceeds the limit; skipped`, line, offset, true);
      },
    });
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
    this.lines.end();
    this.releaseQuote();
    this.flush();
    this.out.progress.lines = this.lines.linesSeen;
    this.out.finish();
  }

  private quote: OpenQuote | undefined;

  /**
   * A line after one whose quoted value is open (see MAX_QUOTED_LINES): joined to it until a line
   * closes the quote, and the lines read as one record. A line that is a logfmt record of its own
   * (two pairs or more, no text before them), or the limits, end the wait: the lines are read one
   * by one, as they were written.
   */
  private onLine(raw: string, line: number, offset: number, bad: boolean): void {
    const q = this.quote;
    if (q === undefined) return this.readLine(raw, line, offset, bad, true);
    const text = stripAnsi(raw);
    const own = parseLogfmt(text);
    if ((own.count >= 2 && own.prefix === '') || q.lines.length > MAX_QUOTED_LINES || q.text.length + raw.length >= MAX_QUOTED_CHARS) {
      this.releaseQuote();
      return this.readLine(raw, line, offset, bad, true);
    }
    q.lines.push({ raw, line, offset, bad });
    q.text += '\n' + raw;
    // (only a line with a quote in it may close the value: the others are not parsed again)
    if (!raw.includes('"') || parseLogfmt(q.text).unterminated !== undefined) return;
    this.quote = undefined;
    this.readLine(q.text, q.lines[0]!.line, q.lines[0]!.offset, q.lines.some((l) => l.bad), false);
  }

  /** The held lines of an open quote that no line closed: each read on its own (the first reported as before). */
  private releaseQuote(): void {
    const q = this.quote;
    if (!q) return;
    this.quote = undefined;
    for (const l of q.lines) this.readLine(l.raw, l.line, l.offset, l.bad, false);
  }

  /** `bad`: the line holds bytes that are not UTF-8 (a U+FFFD in it may be written as such); `mayHold`: a line whose quote is left open may wait for the lines that close it. */
  private readLine(raw: string, line: number, offset: number, bad: boolean, mayHold: boolean): void {
    const text = stripAnsi(line === 1 ? raw.replace(/^\uFEFF/, '') : raw);
    if (text.trim() === '') return;
    this.out.sawContent = true;
    // Ruby's Logger heads each file it creates with a comment, whatever its formatter writes: no record
    if (text.startsWith('# Logfile created on ') && RUBY_LOGFILE_HEADER.test(text)) return;
    // (not for a line of binary junk, rejected as such below: one error for it, not two)
    const junk = isJunkLine(text, bad);
    const noteUtf8 = (): void => {
      if (bad) this.out.error('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset);
    };
    if (!junk) noteUtf8();
    const p = this.pending;
    if (p && p.lines.length <= MAX_CONTINUATION_LINES && (continuesText(p.lines, text, text, bad) || (!p.structured && continuesCrashText(p.crash, p.lines, text)))) {
      if (junk) noteUtf8();
      p.lines.push(text);
      if (p.lines.length === MAX_CONTINUATION_LINES + 1) this.out.error('invalid-record', recordLimitMessage(MAX_CONTINUATION_LINES + 1), p.line, p.offset);
      return;
    }
    const parsed = parseLogfmt(text, isFieldKey);
    if (mayHold && parsed.unterminated !== undefined && parsed.count > 0 && !junk) {
      this.quote = { lines: [{ raw, line, offset, bad }], text: raw };
      return;
    }
    if (junk && parsed.count > 0) noteUtf8();
    if (parsed.count === 0) {
      this.flush();
      if (junk) {
        this.out.error('binary-data', 'line holds binary bytes (control characters or bytes that are not UTF-8), not logfmt or text; skipped', line, offset, true);
        return;
      }
      this.pending = { parts: mapText(text, this.out.timeOpts), line, offset, lines: [text], structured: false };
      const crash = crashOfText(text);
      if (crash !== undefined) this.pending.crash = crash;
      return;
    }
    this.out.ownLines++;
    const m = mapLogfmtLine(parsed);
    this.flush(m.resourceAttributes);
    this.lastAttrs = m.resourceAttributes;
    // The record is still read (its value runs to the end of the line), but the line breaks the grammar.
    if (parsed.unterminated !== undefined) this.out.error('invalid-line', `quoted value of ${parsed.unterminated.slice(0, 60)} has no closing quote; read to the end of the line`, line, offset);
    for (const p of m.problems) this.out.error(p.code, p.message, line, offset);
    this.pending = { parts: m, line, offset, lines: [text], structured: true };
  }

  /** Resource attributes of the last logfmt record: the service a free-text record belongs to. */
  private lastAttrs: Record<string, unknown> | undefined;

  /** The pending record; one of free text without a service takes that of the logfmt record next to it (`next`, else the one before). */
  private flush(next?: Record<string, unknown>): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    if (!p.structured) p.parts.resourceAttributes = withNeighbourService(p.parts.resourceAttributes, next ?? this.lastAttrs);
    // the runtime's report of its death among the logfmt lines: at the level a text log gives it
    const level = !p.structured && p.parts.severityNumber === undefined && p.parts.severityText === undefined ? crashTextLevel(p.lines, p.crash) : undefined;
    if (level !== undefined) {
      p.parts.severityNumber = level.number;
      p.parts.severityText = level.text;
    }
    if (p.lines.length > 1) {
      const body = typeof p.parts.body === 'string' ? p.parts.body : JSON.stringify(p.parts.body);
      p.parts.body = [body, ...p.lines.slice(1)].join('\n');
    }
    this.out.record(buildLogRecord(p.parts, this.out.resource(p.parts.resourceAttributes), p.structured, this.out.file, p.line, p.offset));
  }
}

const KNOWN_KEYS = /^(time|ts|t|timestamp|level|lvl|severity|msg|message|caller|logger|trace_?id|traceID|span_?id|err|error|component|at|method|path|status)$/i;

export function sniffLogfmt(input: SniffInput): number {
  const all = input.text.replace(/^\uFEFF/, '').split('\n');
  if (!input.complete && all.length > 1) all.pop();
  const lines = all.map((l) => stripAnsi(l).trim()).filter((l) => l !== '' && !l.startsWith('#')).slice(0, 50);
  if (lines.length === 0) return 0;
  let pure = 0;
  let prefixed = 0;
  let known = 0;
  for (const l of lines) {
    if (l[0] === '{' || l[0] === '[') continue;
    const p = parseLogfmt(l);
    if (p.count < 2) continue;
    const keys = Object.keys(p.pairs);
    if (keys.some((k) => KNOWN_KEYS.test(k))) known++;
    if (p.prefix === '') pure++;
    else prefixed++;
  }
  const share = pure / lines.length;
  if (share >= 0.5) return known > 0 ? 0.55 + 0.4 * share : 0.5 * share + 0.2;
  if ((pure + prefixed) / lines.length >= 0.5 && known > 0) return 0.35;
  return 0;
}

export const logfmt: FormatSpec = {
  id: 'logfmt',
  signal: 'logs',
  label: 'logfmt (key=value) logs',
  sniff: sniffLogfmt,
  create: (ctx) => new LogfmtDecoder(ctx),
};
