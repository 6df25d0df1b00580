// The analysis pipeline: bytes of each input → sniffer → push decoder → collectors → report.
// Pure core: the Node adapter, the CLI and the Web Worker all drive this same class.
import { trace, SpanStatusCode, type Span as OtelSpan } from '@opentelemetry/api';
import type { SignalRecord } from '../model/index.js';
import { signalOf } from '../model/index.js';
import type { Decoder, FormatId, FormatSpec, ForcedFormat, ImportError, ImportErrorCode, SniffInput } from '../importers/types.js';
import { MAX_LINE_BYTES, SNIFF_BYTES } from '../importers/types.js';
import { formatById, looksLikeOtlpProtobuf, makeSniffInput, resolveForcedFormat, sniffFormat, unsupportedContainer } from '../importers/sniff.js';
import { crOnlyHead, decodeUtf8, isUtf8, looksBinary } from '../importers/common/lines.js';
import { foreignProtobuf } from '../importers/common/foreign-protobuf.js';
import { FORMATS } from '../importers/registry.js';
import { REPORT_SCHEMA_VERSION, type InputError, type InputReport, type Report, type ReportSignal } from '../report/model.js';
import { SignalsSummaryCollector, type SignalsSummaryState } from './signals-summary.js';
import { createSha256, type Hasher } from './hasher.js';
import { createExtraCollectors, finishReport, type ExtraCollectors, type ExtraState, type FinishOptions } from './extensions.js';
import { RecordLimiter, boundTimes } from './record-limits.js';
import { sniffHead } from './preamble.js';
import { LateBatchScan, lateBatchSniff, waitsForLateBatch } from './late-batch.js';
import { excelSepLine } from '../importers/common/csv.js';
import { canonicalizeTraceIds } from './trace-ids.js';
import { NulGapStripper, hasNulGap, withoutNulGaps } from './nul-gaps.js';

/** Errors kept per input; the rest are only counted (errorCount). */
export const MAX_ERRORS_PER_INPUT = 100;

export interface AnalysisOptions extends FinishOptions {
  /** Force one format, or a family whose member each input's content picks, for every input (`--as`). */
  forceFormat?: ForcedFormat;
  toolVersion: string;
  /** Replaces the default pure-JS SHA-256 (the Node adapter passes node:crypto). */
  createHasher?: () => Hasher;
  /** Called for each input error as it happens (progress UIs). */
  onError?: (error: ImportError) => void;
}

export interface InputProgress {
  path: string;
  bytes: number;
  totalBytes?: number;
  records: number;
  rejected: number;
  format?: string;
  done: boolean;
}

export interface AnalysisState {
  inputs: InputReport[];
  summary: SignalsSummaryState;
  extra: ExtraState;
}

const utf8Encoder = new TextEncoder();

/**
 * A UTF-16 or UTF-32 code unit that is no character (a lone surrogate, a cut last unit, past
 * U+10FFFF), decoded as U+FFFD, is given to the importers as these bytes, which are not UTF-8 (a
 * 4-byte sequence cut after 3 bytes: read as one U+FFFD, the same length as U+FFFD's own bytes,
 * and no byte of a character after it continues it), so they report it at its line as a bad byte
 * of a UTF-8 input (see firstInvalidUtf8), and a U+FFFD written in a UTF-8 text is not taken for one.
 */
const TRANSCODED_BAD_UNIT = new Uint8Array([0xf4, 0x8f, 0xbf]);

/** Text decoded from UTF-16 or UTF-32, as UTF-8 for the importers (a U+FFFD as TRANSCODED_BAD_UNIT). */
function encodeTranscoded(text: string): Uint8Array {
  const out = utf8Encoder.encode(text);
  if (!text.includes('\uFFFD')) return out;
  for (let i = out.indexOf(0xef); i !== -1 && i + 2 < out.length; i = out.indexOf(0xef, i + 1)) {
    if (out[i + 1] === 0xbf && out[i + 2] === 0xbd) out.set(TRANSCODED_BAD_UNIT, i);
  }
  return out;
}

/**
 * The sniff window of a head, made when asked. A module-level function on purpose: an arrow
 * written inside InputSession's decide step would share that scope's context with the decoder's
 * sink callbacks, which live as long as the session, and so keep every session's head (a whole
 * 1 MB piece in a split read) alive: peak RSS grew with the input (808 MB at 500 MB of OTLP).
 */
function sniffWindowOf(head: Uint8Array, skip: number, complete: boolean): () => SniffInput {
  return () => makeSniffInput(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES);
}

export class InputSession {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private decoder: Decoder | undefined;
  private spec: FormatSpec | undefined;
  private readonly hasher: Hasher;
  private bytes = 0;
  private readonly signals = new Set<ReportSignal>();
  private ended = false;
  private unreadable = false;
  private readonly span: OtelSpan;
  /** For a piece of a larger file analysed elsewhere: where the piece starts in that file. */
  private base: { line: number; offset: number; format: FormatId; continuesDockerRun?: string } | undefined;
  /** Where the decoder's line 1 is in the input, when a preamble was skipped (see preamble.ts). */
  private shift: { line: number; offset: number } | undefined;
  /** This input's row of the report; once the input has ended, its compact copy (see compactRow). */
  private row: InputReport;

  get report(): InputReport {
    return this.row;
  }

  constructor(
    private readonly analysis: Analysis,
    readonly index: number,
    path: string,
    readonly totalBytes: number | undefined,
    hasher: Hasher,
    container?: 'gzip' | 'zstd',
  ) {
    this.hasher = hasher;
    this.row = {
      path,
      sha256: '',
      format: 'unknown',
      signal: 'none',
      bytes: 0,
      records: 0,
      rejected: 0,
      errorCount: 0,
      errors: [],
      detection: { by: 'content', confidence: 0 },
    };
    if (container) this.report.container = container;
    this.span = tracer().startSpan('obsready.import', { attributes: { 'obsready.input.path': path, ...(totalBytes !== undefined ? { 'obsready.input.size_bytes': totalBytes } : {}) } });
  }

  /**
   * Make this session a piece of a bigger input whose format is already known and whose lines
   * are independent (JSON Lines): provenance is shifted by the piece's first line and offset.
   */
  asPiece(format: FormatId, firstLine: number, firstOffset: number, continuesDockerRun?: string): this {
    this.base = { line: firstLine - 1, offset: firstOffset, format, ...(continuesDockerRun !== undefined ? { continuesDockerRun } : {}) };
    return this;
  }

  /** Fold a piece's counts and errors (analysed in a worker) into this input's report. */
  absorb(piece: InputReport): void {
    this.report.records += piece.records;
    this.report.rejected += piece.rejected;
    this.piecesRejected += piece.rejected;
    this.report.errorCount += piece.errorCount;
    // Pieces arrive in any order: keep every piece's (capped) errors, and the first ones by line
    // at the end, as a single pass keeps them.
    const errors = this.ownErrors();
    for (const e of piece.errors) errors.push(e);
    if (this.report.errors.length > 4 * MAX_ERRORS_PER_INPUT) this.trimErrors();
    if (piece.signal !== 'none') {
      if (piece.signal === 'mixed') {
        this.signals.add('traces');
        this.signals.add('metrics');
      } else this.signals.add(piece.signal);
    }
  }

  /** Rejected outside this session's decoder: by split pieces' decoders, the file splitter, or the analysis. */
  private piecesRejected = 0;

  /** A line the file splitter rejected itself (longer than the line limit): counted as a piece's would be. */
  rejectLine(code: ImportErrorCode, message: string, line: number, offset: number): void {
    this.addError({ code, message, file: this.report.path, line, offset }, true);
    this.report.rejected++;
    this.piecesRejected++;
  }

  /** The row's error list, its own (an ended row without errors shares NO_ERRORS). */
  private ownErrors(): InputError[] {
    if (this.row.errors === NO_ERRORS) this.row.errors = [];
    return this.row.errors;
  }

  /** Errors by line, then offset (errors without a line first). */
  private sortErrors(): void {
    this.report.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.offset ?? 0) - (b.offset ?? 0));
  }

  private trimErrors(): void {
    this.sortErrors();
    if (this.report.errors.length > MAX_ERRORS_PER_INPUT) this.report.errors.length = MAX_ERRORS_PER_INPUT;
  }

  /** The content is analysed in pieces elsewhere: record the format and the byte count here. */
  declareSplit(format: FormatId, confidence: number, totalBytes: number): void {
    const spec = formatById(format, FORMATS);
    if (!spec) return;
    this.spec = spec;
    this.head = [];
    this.headBytes = 0;
    this.report.format = spec.id;
    this.report.detection = { by: this.analysis.options.forceFormat ? 'forced' : 'content', confidence };
    this.splitBytes = totalBytes;
  }

  /** The split read ended early (the file shrank): its bytes are those that were there. */
  splitSize(bytes: number): void {
    if (this.splitBytes !== undefined) this.splitBytes = bytes;
  }

  private splitBytes: number | undefined;
  /** The decoder's count of rejected records, kept when it is released at the end. */
  private endedRejected = 0;

  /** False once the input cannot be read further (no format recognised): readers may stop early. */
  get accepting(): boolean {
    return !this.ended && !this.unreadable;
  }

  /** Bytes as stored on disk (before decompression) for the fingerprint. */
  hashRaw(chunk: Uint8Array): void {
    this.hasher.update(chunk);
  }

  /**
   * Bytes after the content stopped being read (no format recognised: a binary file): counted
   * and fingerprinted, not decoded, so `bytes` and `sha256` are of the whole file.
   */
  drain(chunk: Uint8Array): void {
    if (this.ended) return;
    this.hasher.update(chunk);
    this.bytes += chunk.length;
  }

  /** Decompressed content bytes. Call `hashRaw` separately when the input is compressed. */
  push(chunk: Uint8Array, alsoHash = true): void {
    if (this.ended) return;
    if (alsoHash) this.hasher.update(chunk);
    this.bytes += chunk.length;
    if (!this.encodingKnown) {
      // UTF-16 with a byte-order mark (PowerShell's `>` and "Unicode text" exports on Windows):
      // transcoded to UTF-8 here, so every importer reads it; line numbers are unchanged, byte
      // offsets in errors count the UTF-8 text. Needs the first two bytes to decide.
      // Without a mark, text whose every other byte is NUL in the head is UTF-16 too (a .NET
      // StreamWriter with Encoding.Unicode, some exporters): that needs UTF16_SNIFF bytes.
      const c = this.bomHead ? concat([this.bomHead, chunk], this.bomHead.length + chunk.length) : chunk;
      // (a head that may open with a UTF-32 mark, FF FE 00 00 or 00 00 FE FF, waits for its 4 bytes)
      // (and a head that may be UTF-32 without a mark, whose first two bytes are NUL when big-endian, for UTF16_SNIFF bytes)
      const mayBeUtf32 = c.length < 4 && ((c[0] === 0xff && c[1] === 0xfe) || (c[0] === 0 && (c.length < 2 || c[1] === 0)));
      if (!this.base && (c.length < 2 || mayBeUtf32 || (c.length < UTF16_SNIFF && ((c[0] === 0) !== (c[1] === 0) || (c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] !== 0))))) {
        this.bomHead = c.slice();
        return;
      }
      this.bomHead = undefined;
      this.decideEncoding(c);
      chunk = c;
    }
    if (this.utf16Watch) return this.pushUtf16(chunk, this.bytes - chunk.length);
    if (this.utf16) {
      chunk = encodeTranscoded(this.utf16.decode(chunk, { stream: true }));
      if (chunk.length === 0) return;
    } else if (!this.base && !this.unreadable) return this.pushUtf8(chunk, this.bytes - chunk.length);
    this.pushContent(chunk);
  }

  /**
   * UTF-8 text is watched for UTF-16 after it (a log a Windows tool wrote in UTF-16 appended to a
   * UTF-8 one, two logs concatenated): a byte-order mark (FF FE, FE FF: never in UTF-8) followed by
   * Latin UTF-16, or, at a line's start, a run of UTF16_START_UNITS code units of Latin text each
   * with its NUL byte. Read as UTF-8 it was one record of NUL-laden garbage per line, or the whole
   * file "binary" when it began in the sniff window. Said once, with its place; read as UTF-16 from
   * there (and watched for UTF-8 again: see pushUtf16). The bytes from a place that may be that are
   * held (at most 2 + 2 × UTF16_START_UNITS of them) until it is known.
   */
  private u8Held: Uint8Array = new Uint8Array(0);
  /** The two bytes before the next chunk of watched UTF-8 (a line end before the file's first byte). */
  private u8Prev1 = 10;
  private u8Prev2 = 10;
  /** Set by end(): a place held for want of bytes is decided on those there are. */
  private ending = false;
  /** The UTF-16 in use (the input's, or the part's after a change), for the messages. */
  private u16Name = '';
  /** Notes of a change of encoding met before the format was decided: added when the input is read. */
  private earlyNotes: ImportError[] = [];

  private pushUtf8(chunk: Uint8Array, rawStart: number): void {
    const held = this.u8Held;
    const data = held.length > 0 ? concat([held, chunk], held.length + chunk.length) : chunk;
    const dataStart = rawStart - held.length;
    this.u8Held = new Uint8Array(0);
    const byteAt = (i: number): number => (i >= 0 ? data[i]! : i === -1 ? this.u8Prev1 : this.u8Prev2);
    // the next FF, FE and NUL from `scan` on (each looked for again only once passed)
    let ff = -2;
    let fe = -2;
    let nul = -2;
    for (let scan = 0; ; ) {
      if (ff !== -1 && ff < scan) ff = data.indexOf(0xff, scan);
      if (fe !== -1 && fe < scan) fe = data.indexOf(0xfe, scan);
      if (nul !== -1 && nul < scan) nul = data.indexOf(0, scan);
      let at = -1;
      for (const c of [ff, fe, nul]) if (c !== -1 && (at === -1 || c < at)) at = c;
      if (at === -1) break;
      // (a run of the same byte is passed over at once, binary data, a block of NULs: only its first
      // NUL can start UTF-16, only its last FF or FE a mark)
      const b = data[at]!;
      let end = at + 1;
      while (data[end] === b) end++;
      scan = b === 0 ? end : Math.max(at + 1, end - 1);
      if (b !== 0 && end - 1 > at) continue;
      let start: number;
      let le: boolean;
      const bom = at !== nul;
      if (bom) {
        // FF FE (little-endian) or FE FF (big-endian)
        const next = data[at + 1];
        if (next === undefined && !this.ending) return this.holdUtf8(data, at);
        if (!((data[at] === 0xff && next === 0xfe) || (data[at] === 0xfe && next === 0xff))) continue;
        le = data[at] === 0xff;
        start = at + 2;
      } else {
        // a NUL after a byte of text at a line's start (little-endian), or right at it (big-endian);
        // (a byte of text after a line end at a chunk's end is held: see below)
        const lineEnd = (b: number): boolean => b === 10 || b === 13;
        if (at >= 1 && isTextByte(data[at - 1]!) && lineEnd(byteAt(at - 2))) {
          le = true;
          start = at - 1;
        } else if (lineEnd(byteAt(at - 1))) {
          le = false;
          start = at;
        } else continue;
      }
      const verdict = latinUtf16(data, start, le, bom, this.ending);
      if (verdict === undefined) return this.holdUtf8(data, bom ? at : start);
      if (!verdict) continue;
      this.giveUtf8(data.subarray(0, bom ? at : start));
      this.switchToUtf16(le ? 'utf-16le' : 'utf-16be', dataStart + start, bom);
      this.pushUtf16(data.subarray(start), dataStart + start);
      return;
    }
    // A byte of text after a line end last: it may be the first unit's, its NUL in the next chunk.
    const n = data.length;
    if (!this.ending && n > 0 && isTextByte(data[n - 1]!) && (byteAt(n - 2) === 10 || byteAt(n - 2) === 13)) return this.holdUtf8(data, n - 1);
    this.giveUtf8(data);
  }

  /** Give out `data` before `at`, and hold the rest (a place that may start UTF-16, not decided yet). */
  private holdUtf8(data: Uint8Array, at: number): void {
    this.giveUtf8(data.subarray(0, at));
    this.u8Held = data.slice(at);
  }

  /** UTF-8 content: counted (lines, the last two bytes) and read. */
  private giveUtf8(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n === 0) return;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) this.contentLines++;
    this.u8Prev2 = n >= 2 ? bytes[n - 2]! : this.u8Prev1;
    this.u8Prev1 = bytes[n - 1]!;
    this.pushContent(bytes);
  }

  /** The text is UTF-16 from the file's byte `at` (after its mark when `bom`): said once, read as such from there. */
  private switchToUtf16(enc: 'utf-16le' | 'utf-16be', at: number, bom: boolean): void {
    this.utf16 = new TextDecoder(enc);
    this.utf16Watch = true;
    this.u16Name = enc;
    this.u16RunStart = -1;
    this.u16Held = new Uint8Array(0);
    const name = enc.toUpperCase();
    const shift = this.base ?? this.shift;
    this.note({
      code: 'invalid-utf8',
      message: `the text changes from UTF-8 to ${name} here (byte ${bom ? at - 2 : at} of the file, ${bom ? 'at a byte-order mark' : 'without a byte-order mark'}: a UTF-16 text appended to a UTF-8 one, as a Windows tool writes it?); read as ${name} from there`,
      file: this.report.path,
      line: this.contentLines + 1 - (shift?.line ?? 0),
      offset: this.contentOut - (shift?.offset ?? 0),
    });
  }

  /** A change of encoding: reported now when the input is being read, else when its format is decided (not for an input found unreadable). */
  private note(e: ImportError): void {
    if (this.decoder || this.spec) this.addError(e, true, true);
    else this.earlyNotes.push(e);
  }

  /**
   * UTF-16 text is watched for UTF-8 after it (a UTF-8 log appended to a UTF-16 one, PowerShell's
   * `>>` onto a file another tool wrote): the UTF-16 of log text has a NUL in every few bytes; a
   * run of UTF16_SWITCH_RUN bytes after a NUL with none, nearly all ASCII and holding a line end,
   * is UTF-8. Decoded as UTF-16 it was one record of CJK-looking garbage, silently. Said once, with
   * its place; read as UTF-8 from there. The bytes of a run that may be that are held (at most
   * UTF16_SWITCH_RUN of them) until it is known.
   */
  private utf16Watch = false;
  private u16Held: Uint8Array = new Uint8Array(0);
  /** The run since the last NUL byte: its file offset, length, non-ASCII (or control) bytes, whether it holds an LF; -1 when it is no candidate. */
  private u16RunStart = -1;
  private u16RunLen = 0;
  private u16RunOdd = 0;
  private u16RunLf = false;
  /** Bytes and LFs given to pushContent (the UTF-8 text's offsets and lines). */
  private contentOut = 0;
  private contentLines = 0;

  private pushUtf16(chunk: Uint8Array, rawStart: number): void {
    const held = this.u16Held;
    const data = held.length > 0 ? concat([held, chunk], held.length + chunk.length) : chunk;
    const dataStart = rawStart - held.length;
    for (let i = held.length; i < data.length; i++) {
      const b = data[i]!;
      if (b === 0) {
        this.u16RunStart = dataStart + i + 1;
        this.u16RunLen = 0;
        this.u16RunOdd = 0;
        this.u16RunLf = false;
        continue;
      }
      if (this.u16RunStart < 0) continue;
      this.u16RunLen++;
      if (b === 10) this.u16RunLf = true;
      else if (b >= 0x80 || b < 9 || (b > 13 && b < 32)) this.u16RunOdd++;
      if (this.u16RunOdd > UTF16_SWITCH_ODD) this.u16RunStart = -1;
      else if (this.u16RunLen >= UTF16_SWITCH_RUN && this.u16RunLf) return this.switchToUtf8(data, dataStart);
    }
    // Decoded up to the run that may be UTF-8 (held); all of it when there is none.
    const safe = this.u16RunStart >= 0 ? Math.max(0, this.u16RunStart - dataStart) : data.length;
    this.u16Held = safe < data.length ? data.slice(safe) : new Uint8Array(0);
    this.pushDecoded(data.subarray(0, safe));
  }

  private pushDecoded(bytes: Uint8Array, final = false): void {
    const text = this.utf16!.decode(bytes, { stream: !final });
    if (text === '') return;
    const out = encodeTranscoded(text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.contentLines++;
    this.pushContent(out);
  }

  /** UTF-8 from the run's start (on a UTF-16 code unit: after the NUL of a big-endian line end, its LF). */
  private switchToUtf8(data: Uint8Array, dataStart: number): void {
    const at = this.u16RunStart + (this.u16RunStart % 2);
    const enc = this.u16Name || 'utf-16';
    this.pushDecoded(data.subarray(0, at - dataStart), true);
    this.utf16Watch = false;
    this.utf16 = undefined;
    this.u16Held = new Uint8Array(0);
    const shift = this.base ?? this.shift;
    this.note({ code: 'invalid-utf8', message: `the text changes from ${enc.toUpperCase()} to UTF-8 here (byte ${at} of the file: a UTF-8 text appended to a UTF-16 one?); read as UTF-8 from there`, file: this.report.path, line: this.contentLines + 1 - (shift?.line ?? 0), offset: this.contentOut - (shift?.offset ?? 0) });
    // (watched for UTF-16 again: the UTF-8 part starts at a line end, the UTF-16 one's last)
    this.u8Prev1 = 10;
    this.u8Prev2 = 10;
    this.pushUtf8(data.subarray(at - dataStart), at);
  }

  /** End of a watched UTF-16 input: a held run with a line end is UTF-8 too when long enough, else UTF-16. */
  private endUtf16(): void {
    const held = this.u16Held;
    if (held.length >= 32 && this.u16RunStart >= 0 && this.u16RunLf) return this.switchToUtf8(held, this.bytes - held.length);
    this.u16Held = new Uint8Array(0);
    this.pushDecoded(held);
  }

  private encodingKnown = false;
  private bomHead: Uint8Array | undefined;
  private utf16: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;
  /** Windows-1252 (single-byte: no state between chunks). */
  private legacy: { decode(input?: Uint8Array): string } | undefined;

  private pushContent(chunk: Uint8Array): void {
    this.contentOut += chunk.length;
    if (this.decoder) {
      this.feed(this.legacy ? utf8Encoder.encode(this.legacy.decode(chunk)) : chunk);
      return;
    }
    if (this.unreadable) return;
    this.head.push(chunk.slice());
    if (this.headBlank) {
      const content = firstNonBlank(chunk);
      if (content === -1) this.blankPrefix += chunk.length;
      else {
        this.headBlank = false;
        this.blankPrefix += content;
      }
    }
    this.headBytes += chunk.length;
    // A file that opens with more blank lines (or other whitespace) than the sniff window holds
    // is not empty: wait for its first content (up to the line limit) before deciding its format.
    if (this.headBlank && !this.base && this.headBytes < MAX_LINE_BYTES) return;
    // Then for a whole sniff window of that content, as one push of the whole file would give:
    // deciding on whatever the chunk that ended the blanks held made the format depend on chunking.
    if (this.headBytes - this.sniffSkip() >= SNIFF_BYTES && !this.awaitsLateBatch(chunk)) this.start(false);
  }

  /** Set while the head is held past the sniff window for a debug-exporter batch (see late-batch.ts); undefined when not. */
  private lateScan: LateBatchScan | undefined;
  private lateLooked = false;

  /**
   * Whether to hold more of the head before deciding the format: the window is the Collector's own
   * log (read as text logs), and its debug exporter's first batch may begin further on.
   */
  private awaitsLateBatch(chunk: Uint8Array): boolean {
    if (!this.lateLooked) {
      this.lateLooked = true;
      if (this.base || this.analysis.options.forceFormat || this.utf16 || this.sniffSkip() > 0) return false;
      const head = concat(this.head, this.headBytes);
      this.head = [head];
      if (!waitsForLateBatch(head.subarray(0, SNIFF_BYTES))) return false;
      this.lateScan = new LateBatchScan();
      this.lateScan.push(head);
    } else if (this.lateScan) this.lateScan.push(chunk);
    return this.lateScan?.waiting(this.headBytes) ?? false;
  }

  private headBlank = true;
  /** Blank bytes before the first content (all of the head while it is blank). */
  private blankPrefix = 0;

  /** Where the sniff window starts: after a blank prefix longer than the window, else at 0. */
  private sniffSkip(): number {
    return this.blankPrefix >= SNIFF_BYTES && !this.headBlank && !this.base ? this.blankPrefix : 0;
  }

  /** An error from outside the decoder (read failure, decompression). */
  fail(code: ImportErrorCode, message: string, offset?: number): void {
    // Kept even when the decoder already filled the error list: a read or decompression
    // failure (decompress-limit after 100 bad lines) must stay visible in the report.
    this.addError({ code, message, file: this.report.path, ...(offset !== undefined ? { offset } : {}) }, true);
    // Nothing came out of the file at all: that is the whole story, not also "the input is empty".
    if ((code === 'read-failed' || code === 'decompress-failed' || code === 'decompress-limit' || code === 'unsupported') && this.bytes === 0 && !this.decoder && !this.unreadable) {
      this.unreadable = true;
      const forced = this.base?.format ?? this.analysis.options.forceFormat;
      const forcedSpec = forced ? formatById(forced, FORMATS) : undefined;
      if (forcedSpec) {
        this.report.format = forcedSpec.id;
        this.report.detection = { by: 'forced', confidence: 1 };
      }
    }
  }

  /** Nothing in this input is content to read (an archive's own row): no format is looked for. */
  markUnreadable(): void {
    if (!this.decoder) this.unreadable = true;
  }

  /** UTF-16 by its byte-order mark, or by the NUL bytes of a head without one; else the bytes are read as they are. */
  private decideEncoding(head: Uint8Array): void {
    this.encodingKnown = true;
    if (this.base) return;
    // UTF-32 by its mark (PowerShell's `Out-File -Encoding utf32`), before UTF-16's (FF FE begins both)
    // (or without it: three NUL bytes in every four, at the same places; see utf32WithoutMark)
    const utf32 = head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0 ? 'utf-32le' : head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff ? 'utf-32be' : utf32WithoutMark(head);
    if (utf32) {
      this.report.encoding = utf32;
      this.utf16 = new Utf32Decoder(utf32 === 'utf-32le');
      return;
    }
    const enc = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : utf16WithoutMark(head);
    if (enc) {
      this.report.encoding = enc;
      this.utf16 = new TextDecoder(enc);
      this.utf16Watch = true;
      this.u16Name = enc;
    }
  }

  end(): InputReport {
    if (this.ended) return this.report;
    if (this.bomHead) {
      // A short input: what it holds decides (a one-byte input has no mark to find).
      const head = this.bomHead;
      this.bomHead = undefined;
      this.decideEncoding(head);
      if (this.utf16) {
        const text = this.utf16.decode(head, { stream: true });
        if (text !== '') this.pushContent(encodeTranscoded(text));
      } else if (!this.base) this.pushUtf8(head, 0);
      else this.pushContent(head);
    }
    // What the watches hold, decided on the bytes there are (a change back and forth at the end
    // takes a round each).
    this.ending = true;
    for (let round = 0; round < 4 && (this.u8Held.length > 0 || this.utf16Watch); round++) {
      const held = this.u8Held;
      if (held.length > 0) {
        this.u8Held = new Uint8Array(0);
        this.pushUtf8(held, this.bytes - held.length);
      }
      if (this.utf16Watch && this.u8Held.length === 0) {
        this.endUtf16();
        if (this.utf16) break; // read as UTF-16 to the end
      }
    }
    if (this.utf16) {
      const tail = this.utf16.decode();
      if (tail !== '') this.pushContent(encodeTranscoded(tail));
    }
    // Not when sniffing already refused the input: a second look would report it twice.
    if (!this.decoder && !this.spec && !this.unreadable) this.start(true);
    if (this.splitBytes !== undefined) this.bytes = this.splitBytes;
    if (this.decoder && !this.decoderBroken) {
      try {
        for (const piece of this.gaps?.end() ?? []) this.decoder.push(piece);
        this.decoder.end();
      } catch (e) {
        this.decoderFailed(e);
      }
    }
    if (this.spec && !this.base && !this.unreadable && this.report.records === 0 && this.report.errorCount === 0 && this.bytes > 0 && !EXPOSITIONS.has(this.spec.id)) {
      // A well-formed export of nothing (Tempo's `{"batches":[]}`, a query's empty `result`, a
      // header without rows): said so, as an empty file is, not left as a silent zero. Not for an
      // exposition of metadata only: metric families without samples are valid there.
      this.addError({ code: 'empty-input', message: `the input is read as ${this.spec.id} but holds no records (an export of nothing, or an answer where nothing matched)`, file: this.report.path, offset: 0 });
    }
    this.ended = true;
    this.report.sha256 = this.hasher.digestHex();
    this.report.bytes = this.bytes;
    if (this.decoder) {
      this.report.rejected = this.decoder.progress.rejected + this.piecesRejected;
      this.report.errorCount += this.decoder.progress.unreportedErrors;
      // Its buffers and tables are not needed any more: a folder or archive of 100,000 small
      // files keeps 100,000 ended sessions (their reports), not 100,000 decoders.
      this.endedRejected = this.decoder.progress.rejected;
      this.decoder = undefined;
    }
    if (this.splitBytes !== undefined) this.trimErrors();
    else this.sortErrors();
    this.span.setAttributes({
      'obsready.input.format': this.report.format,
      'obsready.input.bytes': this.bytes,
      'obsready.input.records': this.report.records,
      'obsready.input.rejected': this.report.rejected,
      'obsready.input.errors': this.report.errorCount,
    });
    if (this.unreadable) this.span.setStatus({ code: SpanStatusCode.ERROR, message: this.report.errors[0]?.message ?? 'unreadable' });
    this.span.end();
    const sigs = [...this.signals];
    this.report.signal = sigs.length > 1 ? 'mixed' : sigs.length === 1 ? sigs[0]! : this.spec && this.spec.signal !== 'mixed' ? this.spec.signal : 'none';
    // Only the row is kept of an ended input, as small as it can be: 100,000 inputs are 100,000 rows.
    this.row = compactRow(this.row);
    this.analysis.ended(this);
    return this.report;
  }

  progress(): InputProgress {
    return {
      path: this.report.path,
      bytes: this.bytes,
      ...(this.totalBytes !== undefined ? { totalBytes: this.totalBytes } : {}),
      records: this.report.records,
      rejected: this.decoder?.progress.rejected ?? this.endedRejected,
      ...(this.spec ? { format: this.spec.id } : {}),
      done: this.ended,
    };
  }

  private start(complete: boolean): void {
    let head = concat(this.head, this.headBytes);
    this.head = [];
    let nuls = 0;
    while (nuls < head.length && head[nuls] === 0) nuls++;
    // (Not a length-prefixed protobuf export, whose length opens with NULs: it is named as such.)
    if (nuls > 0 && nuls < head.length && !this.base && !this.utf16 && !looksBinary(withoutNulGaps(head.subarray(nuls, nuls + SNIFF_BYTES))) && !foreignProtobuf(head.subarray(0, SNIFF_BYTES), complete && head.length <= SNIFF_BYTES)) {
      // NUL padding before text: what logrotate's copytruncate leaves when the writer keeps its
      // offset (the file is sparse up to there). Named once and skipped; the text is read. (Binary
      // data that starts with NULs is left whole.)
      this.addError({ code: 'binary-data', message: `${nuls} NUL bytes before the first line (the padding logrotate's copytruncate leaves in a file whose writer kept its offset); skipped`, file: this.report.path, line: 1, offset: 0 });
      this.shift = { line: 0, offset: nuls };
      this.blankPrefix -= nuls;
      head = head.subarray(nuls);
    }
    // The sniff window: the first SNIFF_BYTES of content (after a blank prefix longer than the
    // window). The head may hold more (a big first chunk); what is decided here looks at the window
    // only, so that no decision depends on how the input was chunked.
    const skip = this.sniffSkip();
    if (!this.base && !this.utf16 && isEbcdicText(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES)) {
      // Not binary but text in a code the importers cannot read: named, and how to convert it.
      this.unreadable = true;
      this.fail('unsupported', EBCDIC_MESSAGE, 0);
      return;
    }
    const legacy = !this.base && !this.utf16 ? legacyText(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES) : undefined;
    if (legacy) {
      // Not UTF-8 but plain text: Windows-1252 / Latin-1, as Windows tools and older Java and
      // .NET services write logs. Read as such (every importer then sees UTF-8), not line by line
      // with replacement characters. Decided on the head only; later bad bytes stay coded errors.
      this.legacy = windows1252Decoder();
      if (this.legacy) {
        this.report.encoding = 'windows-1252';
        // Said once (nothing is rejected): the bytes could also be damaged UTF-8.
        let at = 0;
        while (at < head.length && head[at]! < 0x80) at++;
        let line = 1;
        const brk = crOnlyHead(head) ? 13 : 10; // line ends as the decoder will count them
        for (let i = head.indexOf(brk); i !== -1 && i < at; i = head.indexOf(brk, i + 1)) line++;
        this.addError({ code: 'invalid-utf8', message: legacy.nonLatin ?? 'the text is not UTF-8; read as Windows-1252 (Latin-1)', file: this.report.path, line, offset: at });
        head = utf8Encoder.encode(this.legacy.decode(head));
      }
    }
    const forced = this.base?.format ?? this.analysis.options.forceFormat;
    const sepOnly = complete && !this.base && head.length < 64 ? excelSepLine(decodeUtf8(head)) : undefined;
    if (complete && !this.base && (decodeUtf8(head).trim() === '' || (sepOnly?.delimiter !== undefined && sepOnly.rest.trim() === ''))) {
      // Nothing to read, whatever the format (`--as` included): one `empty-input`, as the
      // contract defines it, instead of each importer's view of blank lines.
      const forcedSpec = forced ? formatById(forced, FORMATS) : undefined;
      if (forcedSpec) {
        this.report.format = forcedSpec.id;
        this.report.detection = { by: 'forced', confidence: 1 };
      }
      this.unreadable = true;
      // (Excel's `sep=,` line alone: a CSV export without header or rows, not a one-line log)
      this.fail('empty-input', head.length === 0 ? 'the input is empty' : sepOnly?.delimiter !== undefined ? "the input holds only Excel's delimiter line (`sep=`): a CSV without header or rows" : 'the input holds only whitespace', 0);
      return;
    }
    let spec: FormatSpec | undefined;
    if (forced) {
      // A family (`--as csv`) lets the content pick its member.
      spec = resolveForcedFormat(forced, sniffWindowOf(head, skip, complete), FORMATS);
      this.report.detection = { by: 'forced', confidence: 1 };
      if (!spec) {
        this.unreadable = true;
        this.fail('unrecognised-format', `unknown format "${forced}"`);
        return;
      }
    } else {
      // Before sniffing: a tar of one text file is mostly text and would pass as a log with its
      // header block glued to the first line.
      // An empty zip archive is its end record alone (`PK\x05\x06` and 18 bytes): no files at all.
      if (head.length === 22 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x05 && head[3] === 0x06) {
        this.unreadable = true;
        this.fail('empty-input', 'an empty zip archive: it holds no files', 0);
        return;
      }
      const container = unsupportedContainer(head);
      if (container) {
        this.unreadable = true;
        this.fail('unsupported', `the input is ${container}; only plain files, .gz and .zst files and tar and zip archives are read`, 0);
        return;
      }
      // After a blank prefix longer than the sniff window, sniff the content that follows it.
      // Else look past text before the export (`curl -i` headers, a tool's line, a cut first line).
      let { sniffed, preamble } = skip > 0 ? { sniffed: sniffFormat(makeSniffInput(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES)), preamble: undefined } : sniffHead(head, complete);
      if (!sniffed.spec && sniffed.reason === 'binary-data' && skip === 0 && !this.utf16 && hasNulGap(head.subarray(0, SNIFF_BYTES))) {
        // Text with a run of NULs in the window (copytruncate's padding after the first lines) is
        // text: sniffed without its NUL gaps (the window only, so chunking decides nothing). The
        // gaps are taken out of what the decoder reads and reported there.
        const again = sniffHead(withoutNulGaps(head.subarray(0, SNIFF_BYTES)), complete && head.length <= SNIFF_BYTES);
        if (again.sniffed.spec && !again.preamble) ({ sniffed, preamble } = again);
      }
      // The Collector's own log, then its debug exporter's first batch past the window: read as the
      // debug exporter's output from the start (its decoder skips and reports the Collector's lines).
      const late = this.lateScan && sniffed.spec?.id === 'text-logs' && !preamble ? lateBatchSniff(head, complete) : undefined;
      if (late) sniffed = late;
      this.lateScan = undefined;
      if (preamble) {
        const { bytes, lines, what } = preamble;
        const where = lines === 0 ? (bytes === 1 ? 'the first byte of line 1 is' : `the first ${bytes} bytes of line 1 are`) : `line${lines === 1 ? ' 1 is' : `s 1–${lines} are`}`;
        this.addError({ code: 'invalid-line', message: `${where} not part of the export: ${what}; skipped`, file: this.report.path, line: 1, offset: 0 });
        this.shift = { line: (this.shift?.line ?? 0) + lines, offset: (this.shift?.offset ?? 0) + bytes };
        head = head.subarray(bytes);
      }
      if (!sniffed.spec) {
        const reason = sniffed.reason ?? 'unrecognised-format';
        const message =
          (reason === 'unsupported' || reason === 'unrecognised-format') && sniffed.message !== undefined
            ? sniffed.message
            : reason === 'empty-input'
            ? (sniffed.message ?? 'the input is empty')
            : reason === 'binary-data'
              ? (sniffed.message ??
                (looksLikeOtlpProtobuf(head.subarray(skip))
                  ? 'the input is binary: it opens as an OTLP protobuf export request does but does not follow its layout throughout (another protobuf message, or a newer OTLP); protobuf is not read: if it is OTLP, export OTLP JSON instead (Collector file exporter `format: json`, or OTLP/HTTP with `Content-Type: application/json`)'
                  : 'the input is binary, not a text or JSON telemetry export'))
              : sniffed.looksLike
                ? `looks like ${sniffed.looksLike}, not telemetry (use --as FORMAT to force one)`
                : 'no importer recognised this content (use --as FORMAT to force one)';
        this.unreadable = true;
        this.fail(reason, message, 0);
        return;
      }
      spec = sniffed.spec;
      this.report.detection = { by: 'content', confidence: Math.round(sniffed.confidence * 100) / 100 };
    }
    this.spec = spec;
    this.report.format = spec.id;
    // (a change of encoding met in the head: its place is the file's, from before any shift was known)
    const early = this.earlyNotes;
    this.earlyNotes = [];
    const shifted = this.shift;
    for (const e of early) this.addError({ ...e, ...(e.line !== undefined ? { line: e.line - (shifted?.line ?? 0) } : {}), ...(e.offset !== undefined ? { offset: e.offset - (shifted?.offset ?? 0) } : {}) }, true, true);
    this.gaps = new NulGapStripper((offset, length) =>
      this.addError({ code: 'binary-data', message: `${length.toLocaleString('en-US')} NUL bytes in the text (the padding logrotate's copytruncate leaves, or a block never written); skipped, the lines around them are read`, file: this.report.path, offset }, false, true),
    );
    this.decoder = spec.create({
      file: this.report.path,
      sink: {
        record: (r) => this.onRecord(r),
        error: (e) => this.addError(e),
      },
      // A piece starts mid-file at a line the splitter cut at an LF: its own head decides nothing.
      ...(this.base ? { lineEnds: 'lf' as const, jsonLines: true } : {}),
      ...(this.base?.continuesDockerRun !== undefined ? { continuesDockerRun: this.base.continuesDockerRun } : {}),
    });
    if (head.length > 0) this.feed(head);
  }

  /** The decoder threw: a defect met on odd input. Its input stops there; the other inputs are read. */
  private decoderBroken = false;

  /** Takes runs of NULs out of what the decoder reads (offsets map back through it). */
  private gaps: NulGapStripper | undefined;

  private feed(bytes: Uint8Array): void {
    if (this.decoderBroken) return;
    try {
      for (const piece of this.gaps ? this.gaps.push(bytes) : [bytes]) this.decoder!.push(piece);
    } catch (e) {
      this.decoderFailed(e);
    }
  }

  private decoderFailed(e: unknown): void {
    this.decoderBroken = true;
    const message = e instanceof Error ? e.message : String(e);
    this.addError({ code: 'invalid-record', message: `reading stopped here on an internal error (${message.slice(0, 300)}): what came before was read, the rest of this input is not. This is a defect of ObsReady; please report it with the input`, file: this.report.path, offset: this.bytes }, true);
  }

  private lastSource: SignalRecord['source'] | undefined;
  private lastShifted: SignalRecord['source'] | undefined;

  private readonly limiter = new RecordLimiter();

  private onRecord(record: SignalRecord): void {
    // Where the decoder saw it: addError shifts a piece's lines and offsets itself.
    const at = record.source;
    const shift = this.base ?? this.shift;
    const gaps = this.gaps?.active ? this.gaps : undefined;
    if (shift || gaps) {
      // Decoders may share one provenance object between the records of a line: never mutate it;
      // shift it once and share the shifted one the same way (no object per span).
      const src = record.source;
      if (src !== this.lastSource) {
        this.lastSource = src;
        const offset = src.offset === undefined ? undefined : (gaps ? gaps.toInput(src.offset) : src.offset) + (shift?.offset ?? 0);
        this.lastShifted = { ...src, ...(src.line !== undefined ? { line: src.line + (shift?.line ?? 0) } : {}), ...(offset !== undefined ? { offset } : {}) };
      }
      record.source = this.lastShifted!;
    }
    canonicalizeTraceIds(record);
    const dropped = this.limiter.bound(record);
    if (dropped !== undefined) {
      this.addError({ code: 'too-many-attributes', message: dropped, file: this.report.path, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.offset !== undefined ? { offset: at.offset } : {}) });
    }
    const badTime = boundTimes(record);
    if (badTime !== undefined) {
      this.addError({ code: 'invalid-timestamp', message: `a time past any calendar date (${badTime / 1_000_000n} ms since 1970, beyond year 275,760: nanoseconds written where milliseconds or seconds belong?): the record is kept without it`, file: this.report.path, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.offset !== undefined ? { offset: at.offset } : {}) });
    }
    try {
      this.analysis.collect(record, this.index);
    } catch (e) {
      // A defect of the analysis met on one odd record must not cost the rest of the input: the
      // record is rejected with what went wrong, and reading goes on.
      this.addError({ code: 'invalid-record', message: `this record could not be analysed (${(e as Error).message}); it is left out, the rest of the input is read`, file: this.report.path, ...(at.line !== undefined ? { line: at.line } : {}), ...(at.offset !== undefined ? { offset: at.offset } : {}) }, true);
      this.report.rejected++;
      this.piecesRejected++;
      return;
    }
    this.report.records++;
    this.signals.add(signalOf(record));
  }

  /** `unmapped`: the offset is in the input already (not in the decoder's text without its NUL gaps). */
  private addError(e: ImportError, keep = false, unmapped = false): void {
    if (!unmapped && e.offset !== undefined && this.gaps?.active) e = { ...e, offset: this.gaps.toInput(e.offset) };
    const shift = this.base ?? this.shift;
    if (shift) {
      if (e.line !== undefined) e = { ...e, line: e.line + shift.line };
      if (e.offset !== undefined) e = { ...e, offset: e.offset + shift.offset };
    }
    this.report.errorCount++;
    if (this.report.errors.length < MAX_ERRORS_PER_INPUT || keep) {
      const err: InputReport['errors'][number] = { code: e.code, message: e.message };
      if (e.line !== undefined) err.line = e.line;
      if (e.offset !== undefined) err.offset = e.offset;
      this.ownErrors().push(err);
    }
    this.analysis.options.onError?.(e);
  }
}

/** The error list of every ended row without errors: one list, frozen (a row that gets an error later gets its own). */
export const NO_ERRORS: InputError[] = Object.freeze([]) as unknown as InputError[];

/** Detections ended rows share, by method and confidence (rounded to hundredths: at most a few hundred). */
const DETECTIONS = new Map<string, InputReport['detection']>();

function sharedDetection(d: InputReport['detection']): InputReport['detection'] {
  const key = `${d.by} ${d.confidence}`;
  let shared = DETECTIONS.get(key);
  if (shared === undefined) {
    shared = Object.freeze({ by: d.by, confidence: d.confidence }) as InputReport['detection'];
    if (DETECTIONS.size < 1024) DETECTIONS.set(key, shared);
  }
  return shared;
}

function compactError(e: InputError): InputError {
  const { code, message, line, offset } = e;
  // (one literal a shape: a field added to an object after it is made is kept in a store of its own)
  if (line === undefined) return offset === undefined ? { code, message } : { code, message, offset };
  return offset === undefined ? { code, message, line } : { code, message, line, offset };
}

/**
 * The row of an ended input as it is kept to the end of the run, the same fields and values in
 * less memory: every field in the object itself, the detection shared with the rows of the same
 * one, no error list of its own when it has no error (NO_ERRORS) and an exact-size one otherwise.
 * A folder or an archive of 200,000 small files keeps 200,000 of these (~260 bytes each with the
 * path and the hash, against ~480 for the row as it was built).
 */
export function compactRow(r: InputReport): InputReport {
  const errors = r.errors.length === 0 ? NO_ERRORS : r.errors.map(compactError);
  const detection = sharedDetection(r.detection);
  const { path, sha256, format, signal, bytes, records, rejected, errorCount, encoding, container, archive } = r;
  if (encoding === undefined && container === undefined) {
    return archive === undefined
      ? { path, sha256, format, signal, bytes, records, rejected, errorCount, errors, detection }
      : { path, sha256, format, signal, bytes, records, rejected, errorCount, errors, detection, archive };
  }
  const row: InputReport = { path, sha256, format, signal, bytes, records, rejected, errorCount, errors, detection };
  if (container !== undefined) row.container = container;
  if (encoding !== undefined) row.encoding = encoding;
  if (archive !== undefined) row.archive = archive;
  return row;
}

/**
 * Inputs with the same bytes as an earlier one (the same export dropped twice, a copy in another
 * folder): their records are counted again, which the report says on each copy.
 */
function markDuplicates(inputs: InputReport[]): InputReport[] {
  const first = new Map<string, string>();
  return inputs.map((i) => {
    if (i.sha256 === '' || i.records === 0) return i;
    const original = first.get(i.sha256);
    if (original === undefined) {
      first.set(i.sha256, i.path);
      return i;
    }
    const message = `the same bytes as ${original} (equal sha256): its ${i.records} record${i.records === 1 ? ' is' : 's are'} counted a second time`;
    return { ...i, errors: [{ code: 'duplicate-input', message }, ...i.errors], errorCount: i.errorCount + 1 };
  });
}

const EXPOSITIONS: ReadonlySet<FormatId> = new Set<FormatId>(['prometheus', 'openmetrics']);

/**
 * UTF-32 to text, chunk by chunk (TextDecoder has no UTF-32): its mark is dropped, a code point
 * that is not one (a surrogate, past U+10FFFF) becomes U+FFFD, as a TextDecoder does with bad input.
 */
class Utf32Decoder {
  private rest = new Uint8Array(0);
  private first = true;

  constructor(private readonly littleEndian: boolean) {}

  decode(input: Uint8Array = new Uint8Array(0), options?: { stream?: boolean }): string {
    const b = this.rest.length > 0 ? concat([this.rest, input], this.rest.length + input.length) : input;
    const whole = b.length - (b.length % 4);
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out: string[] = [];
    let run: number[] = [];
    for (let i = 0; i < whole; i += 4) {
      const cp = view.getUint32(i, this.littleEndian);
      if (this.first) {
        this.first = false;
        if (cp === 0xfeff) continue;
      }
      run.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
      if (run.length >= 8192) {
        out.push(String.fromCodePoint(...run));
        run = [];
      }
    }
    if (run.length > 0) out.push(String.fromCodePoint(...run));
    this.rest = b.slice(whole);
    if (!options?.stream && this.rest.length > 0) {
      this.rest = new Uint8Array(0);
      out.push('\uFFFD'); // a cut last code point
    }
    return out.join('');
  }
}

/** No-op unless a tracer provider was registered (the CLI's --trace-self does). */
function tracer() {
  return trace.getTracer('obsready');
}

// Windows-1252's 0x80–0x9F (the WHATWG table; undefined bytes map to the C1 control of that code).
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RE = /[\u0080-\u009f]/g;

/**
 * A Windows-1252 decoder that is exact in every runtime: Node's TextDecoder('windows-1252')
 * decodes 0x80–0x9F as Latin-1 C1 controls (browsers use the Windows table); those are mapped
 * here. undefined when the runtime has no single-byte decoder at all.
 */
export function windows1252Decoder(): { decode(input?: Uint8Array): string } | undefined {
  let d: { decode(input?: Uint8Array): string };
  try {
    d = new TextDecoder('windows-1252');
  } catch {
    return undefined;
  }
  return { decode: (bytes?: Uint8Array) => d.decode(bytes).replace(C1_RE, (c: string) => CP1252_C1[c.charCodeAt(0) - 0x80]!) };
}

/** Code units of Latin text (a text byte and a NUL) that start UTF-16 in UTF-8 text at a line's start, without a byte-order mark. */
const UTF16_START_UNITS = 32;
/** Code units after a byte-order mark in UTF-8 text looked at (3 in 4 Latin text: the mark is evidence already). */
const UTF16_BOM_UNITS = 8;

/**
 * Whether the UTF-16 code units from `start` are Latin text, each a text byte (see isTextByte)
 * and a NUL: UTF16_START_UNITS of them all so, or after a byte-order mark (`bom`) 3 in 4 of
 * UTF16_BOM_UNITS. undefined when fewer bytes are there and more may come; at the `ending`, the
 * units there are decide (at least 2 after a mark, 8 without).
 */
function latinUtf16(data: Uint8Array, start: number, le: boolean, bom: boolean, ending: boolean): boolean | undefined {
  let units = bom ? UTF16_BOM_UNITS : UTF16_START_UNITS;
  const have = (data.length - start) >> 1;
  if (have < units) {
    if (!ending) return undefined;
    if (have < (bom ? 2 : 8)) return false;
    units = have;
  }
  let latin = 0;
  for (let k = 0, i = start; k < units; k++, i += 2) {
    const lo = le ? data[i]! : data[i + 1]!;
    const hi = le ? data[i + 1]! : data[i]!;
    if (hi === 0 && isTextByte(lo)) latin++;
  }
  return bom ? latin * 4 >= units * 3 : latin === units;
}

/** A run of this many bytes without NUL in UTF-16 text, with at most UTF16_SWITCH_ODD non-ASCII or control bytes and an LF, is UTF-8. */
const UTF16_SWITCH_RUN = 256;
const UTF16_SWITCH_ODD = 12;

/** Bytes of a head without byte-order mark looked at for UTF-16 (every other byte NUL). */
const UTF16_SNIFF = 512;

/**
 * UTF-16 without a byte-order mark: in the head (an even number of bytes, at least 16), the
 * bytes at one parity are nearly all NUL and the others nearly none, as for text in the Latin
 * ranges. Binary data and UTF-8 text do not look like that.
 */
function utf16WithoutMark(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, UTF16_SNIFF) & ~1;
  if (n < 16) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.9 && evenNul <= units * 0.05) return 'utf-16le';
  if (evenNul >= units * 0.9 && oddNul <= units * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * UTF-32 without a byte-order mark (Python's `encoding='utf-32-le'`, some exporters): in the head
 * (at least 16 bytes, whole code units), every unit is a code point (≤ U+10FFFF) and nearly all
 * are text in the Latin ranges, one byte and three NULs in the same places: `x 00 00 00` little-endian,
 * `00 00 00 x` big-endian, `x` a printable character or a line end. UTF-16 has one NUL in two;
 * a table of small 32-bit numbers (binary) has control bytes and NUL units among its values.
 */
export function utf32WithoutMark(head: Uint8Array): 'utf-32le' | 'utf-32be' | undefined {
  const n = Math.min(head.length, UTF16_SNIFF) & ~3;
  if (n < 16) return undefined;
  let le = 0;
  let be = 0;
  let leValid = true;
  let beValid = true;
  for (let i = 0; i < n; i += 4) {
    const a = head[i]!;
    const b = head[i + 1]!;
    const c = head[i + 2]!;
    const d = head[i + 3]!;
    if (b === 0 && c === 0 && d === 0 && isTextByte(a)) le++;
    if (a === 0 && b === 0 && c === 0 && isTextByte(d)) be++;
    if (d !== 0 || c > 0x10) leValid = false;
    if (a !== 0 || b > 0x10) beValid = false;
  }
  const units = n / 4;
  if (leValid && le >= units * 0.9) return 'utf-32le';
  if (beValid && be >= units * 0.9) return 'utf-32be';
  return undefined;
}

/** A code point below U+0100 that is text: a tab, a line end, a printable character (not DEL or a C1 control). */
function isTextByte(b: number): boolean {
  return b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f) || b >= 0xa0;
}

/** EBCDIC bytes of text: space 0x40, letters, digits, line ends (NL 0x15, LF 0x25, CR), tab 0x05 and the usual punctuation. */
const EBCDIC_TEXT = (() => {
  const t = new Uint8Array(256);
  const set = (from: number, to = from): void => {
    for (let b = from; b <= to; b++) t[b] = 1;
  };
  for (const [from, to] of [[0x81, 0x89], [0x91, 0x99], [0xa2, 0xa9], [0xc1, 0xc9], [0xd1, 0xd9], [0xe2, 0xe9]] as const) set(from, to);
  set(0xf0, 0xf9);
  for (const b of [0x05, 0x0d, 0x15, 0x25, 0x40, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x61, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0xa1, 0xad, 0xba, 0xbb, 0xbd, 0xc0, 0xd0, 0xe0]) set(b);
  return t;
})();

/** Bytes of the head looked at for EBCDIC. */
const EBCDIC_SNIFF = 4096;

/**
 * EBCDIC text (an IBM mainframe's or an IBM i's export, transferred without conversion): no NUL,
 * at least 95 % of the bytes are EBCDIC text (see EBCDIC_TEXT), at least 5 % are its space 0x40
 * and a quarter its letters, and the bytes are not UTF-8. Random or compressed data has 0x40 once
 * in 256 bytes; ASCII text has its letters where EBCDIC has punctuation and accented letters.
 */
export function isEbcdicText(head: Uint8Array, complete: boolean): boolean {
  const h = head.length > EBCDIC_SNIFF ? head.subarray(0, EBCDIC_SNIFF) : head;
  const n = h.length;
  if (n < 32) return false;
  let text = 0;
  let space = 0;
  let letters = 0;
  for (let i = 0; i < n; i++) {
    const b = h[i]!;
    if (b === 0) return false;
    if (EBCDIC_TEXT[b] === 0) continue;
    text++;
    if (b === 0x40) space++;
    else if (b >= 0x81 && b <= 0xe9 && (b & 0x0f) >= 1 && (b & 0x0f) <= 9) letters++;
  }
  return text >= n * 0.95 && space >= n * 0.05 && letters >= n * 0.25 && !isUtf8(h, !complete || head.length > n);
}

/** What an EBCDIC input is told (it is not read). */
export const EBCDIC_MESSAGE =
  'the input is EBCDIC-encoded text (an IBM mainframe or IBM i export transferred without conversion), not ASCII, UTF-8 or UTF-16: it is not read. Convert it to UTF-8 first: iconv -f IBM037 -t UTF-8 (IBM1047 for z/OS UNIX files, IBM500 for international EBCDIC)';

/**
 * Text that is not UTF-8: no NUL or control bytes (not binary, not UTF-16), some bytes ≥ 0x80
 * (at most a third: text, not random data), and invalid as UTF-8 (a sequence cut by the end of an
 * incomplete head does not count).
 */
function isBlankByte(b: number): boolean {
  return b === 32 || b === 10 || b === 13 || b === 9 || b === 12 || b === 11;
}

/** Index of the first byte that is not blank, -1 when there is none. */
function firstNonBlank(chunk: Uint8Array): number {
  // (NUL bytes too: the padding logrotate's copytruncate leaves before the lines written after it)
  for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0 && !isBlankByte(chunk[i]!)) return i;
  return -1;
}

export function isLegacyText(head: Uint8Array, complete: boolean): boolean {
  return legacyText(head, complete) !== undefined;
}

/**
 * Text that is not UTF-8 (see isLegacyText), read byte for byte as Windows-1252. `nonLatin` is
 * the message when it is not Latin text at all but a non-Latin script in a legacy code page
 * (Cyrillic windows-1251 or KOI8-R, Greek, Shift_JIS, EUC-JP, GB18030…): most of its non-ASCII
 * bytes come in runs of 3 or more (whole words) of 10 or more different bytes, where Latin-1 text
 * has an accented letter here and there. Such text is not decoded (which code page cannot be told reliably from the bytes):
 * its lines, times and levels are read, its other text is garbled, and the message says so and
 * how to convert it. Before, text with more than a third of its bytes non-ASCII was "binary".
 */
export function legacyText(head: Uint8Array, complete: boolean): { nonLatin?: string } | undefined {
  let high = 0;
  let inRuns = 0;
  let ctrl = 0;
  const seen = new Uint8Array(128);
  let distinct = 0;
  for (let i = 0; i < head.length; ) {
    const b = head[i]!;
    if (b < 0x80) {
      if (b < 9 || (b > 13 && b < 32 && b !== 27) || b === 127) ctrl++;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < head.length && head[j]! >= 0x80) j++;
    for (let k = i; k < j; k++) {
      const v = head[k]! - 0x80;
      if (seen[v] === 0) distinct++;
      seen[v] = 1;
    }
    high += j - i;
    if (j - i >= 3) inRuns += j - i;
    i = j;
  }
  if (high === 0 || head.indexOf(0) !== -1 || isUtf8(head, !complete) || mostlyUtf8(head)) return undefined;
  // (and many different bytes: an alphabet, not the same few damaged bytes again and again)
  const nonLatin = high >= 16 && inRuns * 2 >= high && distinct >= 10;
  // (its bytes are not UTF-8, so looksBinary, which counts those as binary, does not judge it: control bytes do)
  if (nonLatin) return ctrl * 200 > head.length ? undefined : { nonLatin: nonLatinMessage(head) };
  return high * 3 <= head.length && !looksBinary(head) ? {} : undefined;
}

/** Legacy CJK encodings TextDecoder may know (the runtime's ICU decides), by their WHATWG labels. */
const CJK_ENCODINGS: readonly [label: string, name: string, iconv: string][] = [
  ['shift_jis', 'Shift_JIS', 'SHIFT_JIS'],
  ['euc-jp', 'EUC-JP', 'EUC-JP'],
  ['gb18030', 'GBK/GB18030', 'GB18030'],
  ['big5', 'Big5', 'BIG5'],
  ['euc-kr', 'EUC-KR', 'EUC-KR'],
];

function nonLatinMessage(head: Uint8Array): string {
  const cjk = CJK_ENCODINGS.filter(([label]) => {
    try {
      new TextDecoder(label, { fatal: true }).decode(head, { stream: true });
      return true;
    } catch {
      return false; // not valid in it, or not known to this runtime
    }
  });
  const what =
    cjk.length > 0
      ? `a legacy CJK double-byte encoding (its bytes are valid ${cjk.map(([, name]) => name).join(', ')})`
      : 'a legacy 8-bit code page of a non-Latin script (Cyrillic windows-1251 or KOI8-R, Greek windows-1253, …)';
  const from = cjk.length > 0 ? cjk[0]![2] : 'CP1251';
  return `the text is not UTF-8 or UTF-16 but ${what}, which is not supported: its lines, times and levels are read, its other text is garbled (read byte for byte as Windows-1252). Convert it to UTF-8 first: iconv -f ${from} -t UTF-8 (or the encoding it was written in)`;
}

/**
 * More well-formed UTF-8 multi-byte sequences than bytes that break UTF-8: a UTF-8 file with a
 * few damaged or foreign bytes (one line written in Latin-1), read as UTF-8 with those lines
 * reported, rather than turning every correct "é" into "Ã©". Windows-1252 text almost never
 * forms a valid sequence (it would take an accented capital followed by a C1 symbol).
 */
function mostlyUtf8(head: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  const cont = (j: number): boolean => j < head.length && (head[j]! & 0xc0) === 0x80;
  for (let i = 0; i < head.length; ) {
    const b = head[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (i + n >= head.length) break; // cut by the end of the head
    let ok = n > 0;
    for (let k = 1; ok && k <= n; k++) ok = cont(i + k);
    if (ok && n === 2) ok = !(b === 0xe0 && head[i + 1]! < 0xa0) && !(b === 0xed && head[i + 1]! > 0x9f);
    if (ok && n === 3) ok = !(b === 0xf0 && head[i + 1]! < 0x90) && !(b === 0xf4 && head[i + 1]! > 0x8f);
    if (ok) {
      valid++;
      i += n + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return valid >= invalid;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export class Analysis {
  /** Sessions not ended yet, with the place of their row in `reports`. An ended one is dropped (its hasher, span, limits, buffers): only its report row is kept. */
  private readonly live = new Map<InputSession, number>();
  /** The rows of the sessions opened here, in the order they were opened. */
  private readonly reports: InputReport[] = [];
  private readonly mergedInputs: InputReport[] = [];
  readonly summary = new SignalsSummaryCollector();
  readonly extra: ExtraCollectors;

  constructor(readonly options: AnalysisOptions) {
    this.extra = createExtraCollectors();
  }

  /** `hasher`: one that already holds the input's bytes (an archive's row, opened at its end). */
  openInput(path: string, opts: { totalBytes?: number; container?: 'gzip' | 'zstd'; index?: number; hasher?: Hasher } = {}): InputSession {
    const s = new InputSession(this, opts.index ?? this.mergedInputs.length + this.reports.length, path, opts.totalBytes, opts.hasher ?? (this.options.createHasher ?? createSha256)(), opts.container);
    this.live.set(s, this.reports.length);
    this.reports.push(s.report);
    return s;
  }

  /** A session ended: its report (its compact row, in `reports`) is all that is kept of it. */
  ended(session: InputSession): void {
    const at = this.live.get(session);
    if (at === undefined) return;
    this.live.delete(session);
    this.reports[at] = session.report;
  }

  collect(record: SignalRecord, inputIndex: number): void {
    this.summary.add(record);
    this.extra.add(record, inputIndex);
  }

  inputs(): InputReport[] {
    return [...this.mergedInputs, ...this.reports];
  }

  state(): AnalysisState {
    return { inputs: this.inputs(), summary: this.summary.state(), extra: this.extra.state() };
  }

  /** Fold in only the collectors of an analysis run elsewhere (its inputs are pieces of ours). */
  mergeCollectors(state: AnalysisState): void {
    this.summary.merge(state.summary);
    this.extra.merge(state.extra);
  }

  /** Fold in the state of an analysis run elsewhere (a worker thread). */
  merge(state: AnalysisState): void {
    this.mergedInputs.push(...state.inputs);
    this.summary.merge(state.summary);
    this.extra.merge(state.extra);
  }

  finish(generatedAt = new Date().toISOString()): Report {
    for (const s of [...this.live.keys()]) s.end();
    return tracer().startActiveSpan('obsready.finish', (span) => {
      try {
        const report = this.buildReport(generatedAt);
        span.setAttributes({ 'obsready.inputs': report.inputs.length, 'obsready.spans': report.signals.traces.spans, 'obsready.logs': report.signals.logs.records, 'obsready.points': report.signals.metrics.points });
        return report;
      } finally {
        span.end();
      }
    });
  }

  private buildReport(generatedAt: string): Report {
    const inputs = markDuplicates(this.inputs().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
    const base: Report = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'obsready', version: this.options.toolVersion },
      generatedAt,
      inputs,
      signals: this.summary.summary(),
    };
    return finishReport(base, this.extra, this.options);
  }
}
