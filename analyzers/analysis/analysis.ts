// The analysis pipeline: bytes of each input → sniffer → push decoder → collectors → report.
// Pure core: the Node adapter, the CLI and the Web Worker all drive this same class.
import { CONDENSE_MAX_BYTES, HeadCondenser, condenseHead } from './condensed-head.js';
import { SPAN_STATUS_ERROR, selfTracer, type SelfSpan } from './self-tracer.js';
import type { SignalRecord } from '../model/index.js';
import { signalOf } from '../model/index.js';
import type { Decoder, FormatId, FormatSpec, ForcedFormat, ImportError, ImportErrorCode, SniffInput } from '../importers/types.js';
import { MAX_LINE_BYTES, SNIFF_BYTES } from '../importers/types.js';
import { formatById, looksLikeOtlpProtobuf, makeSniffInput, resolveForcedFormat, sniffFormat, unsupportedContainer } from '../importers/sniff.js';
import { concat, crOnlyHead, decodeUtf8, isUtf8, looksBinary } from '../importers/common/lines.js';
import { foreignProtobuf } from '../importers/common/foreign-protobuf.js';
import { FORMATS } from '../importers/registry.js';
import { REPORT_SCHEMA_VERSION, type InputError, type InputReport, type Report, type ReportSignal } from '../report/model.js';
import { SignalsSummaryCollector, type SignalsSummaryMergeSize, type SignalsSummaryState } from './signals-summary.js';
import { createSha256, type Hasher } from './hasher.js';
import { createExtraCollectors, finishReport, type ExtraCollectors, type ExtraState, type FinishOptions } from './extensions.js';
import { RecordLimiter, boundTimes, dropUnsetTimes, unsetTimesMessage } from './record-limits.js';
import { sniffHead } from './preamble.js';
import { LateBatchScan, lateBatchSniff, waitsForLateBatch } from './late-batch.js';
import { excelSepLine } from '../importers/common/csv.js';
import { canonicalizeTraceIds, traceHash } from './trace-ids.js';
import { NulGapStripper, hasNulGap, withoutNulGaps } from './nul-gaps.js';
import { TextTranscoder } from './text-encoding.js';
import { inDetail } from './detail.js';

export { utf32WithoutMark } from './text-encoding.js';

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
  /**
   * Detail sampling of spans (detail.ts): examine the details of the spans of 1 trace in 2^level
   * (by trace-id hash); counts stay exact. 0 or absent: every span is examined (`--exact`). Every
   * Analysis of one run (worker threads included) must be given the same level: `detailLevelFor`
   * of the run's input bytes.
   */
  detailLevel?: number;
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

/** What an analysis tells another thread ahead of a merge (Analysis.mergeSizes; plain structured-clone data). */
export interface MergeSizes {
  summary: SignalsSummaryMergeSize;
  /** By plug-in id. */
  extra: Record<string, unknown>;
}

const utf8Encoder = new TextEncoder();

/**
 * The sniff window of a head, made when asked. A module-level function on purpose: an arrow
 * written inside InputSession's decide step would share that scope's context with the decoder's
 * sink callbacks, which live as long as the session, and so keep every session's head (a whole
 * 1 MB piece in a split read) alive: peak RSS grew with the input (808 MB at 500 MB of OTLP).
 */
function sniffWindowOf(head: Uint8Array, skip: number, complete: boolean): () => SniffInput {
  return () => makeSniffInput(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES);
}

/** The line and offset of a place, those it has. */
function placeOf(p: { line?: number; offset?: number }): { line?: number; offset?: number } {
  return { ...(p.line !== undefined ? { line: p.line } : {}), ...(p.offset !== undefined ? { offset: p.offset } : {}) };
}

/** Whether place `a` comes before `b` (by line, then offset; one without them last). */
function before(a: { line?: number; offset?: number }, b: { line?: number; offset?: number }): boolean {
  return (a.line ?? Infinity) < (b.line ?? Infinity) || (a.line === b.line && (a.offset ?? Infinity) < (b.offset ?? Infinity));
}

export class InputSession {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private decoder: Decoder | undefined;
  private spec: FormatSpec | undefined;
  private readonly hasher: Hasher;
  /** Of the content as read, when it is not the bytes `hasher` sees (an inflated .gz or .zst): made on its first such bytes. */
  private contentHasher: Hasher | undefined;
  private bytes = 0;
  private readonly signals = new Set<ReportSignal>();
  private ended = false;
  private unreadable = false;
  private readonly span: SelfSpan;
  /** For a piece of a larger file analysed elsewhere: where the piece starts in that file. */
  private base: { line: number; offset: number; format: FormatId; continuesDockerRun?: string; watchEncoding?: boolean } | undefined;
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
   * `watchEncoding`: the piece is the rest of a UTF-8 file from a line start on, watched for a
   * change of encoding as a whole read of the file watches it (see pushUtf8); its first bytes
   * decide nothing by themselves (the file's head was UTF-8). Without it, the piece's bytes are
   * read as they are: the splitter gives such pieces none of the bytes that may start a change.
   */
  asPiece(format: FormatId, firstLine: number, firstOffset: number, continuesDockerRun?: string, watchEncoding = false): this {
    this.base = { line: firstLine - 1, offset: firstOffset, format, ...(continuesDockerRun !== undefined ? { continuesDockerRun } : {}), ...(watchEncoding ? { watchEncoding } : {}) };
    return this;
  }

  /** Fold a piece's counts and errors (analysed in a worker) into this input's report. */
  absorb(piece: InputReport): void {
    this.report.records += piece.records;
    this.report.rejected += piece.rejected;
    this.piecesRejected += piece.rejected;
    this.report.errorCount += piece.errorCount;
    if (piece.unsetTimes) this.noteUnsetTimes(piece.unsetTimes.count, piece.unsetTimes);
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
    // (not for a piece of a split input: the input's own session hashes the whole file, and a
    // piece's content hash was never read — on the main thread it cost a second sha256 of every
    // piece it decoded, ~0.2 s of the 500 MB bench input)
    else if (this.base === undefined) (this.contentHasher ??= (this.analysis.options.createHasher ?? createSha256)()).update(chunk);
    this.bytes += chunk.length;
    // Nothing more is read of an input found unreadable (its format, or its lack of one, is said).
    if (this.unreadable) return;
    this.transcoder().push(chunk);
  }

  /** The input's text as UTF-8 (see text-encoding.ts); made on the first bytes, when a piece's base is known. */
  private text: TextTranscoder | undefined;
  /** Notes of a change of encoding met before the format was decided: added when the input is read. */
  private earlyNotes: ImportError[] = [];

  private transcoder(): TextTranscoder {
    this.text ??= new TextTranscoder(
      {
        content: (bytes) => this.pushContent(bytes),
        // (a piece's lines and offsets are its own, which addError shifts by its base; a preamble's shift is taken off here, as addError adds it)
        change: (message, line, offset) => this.note({ code: 'invalid-utf8', message, file: this.report.path, line: line - (this.shift?.line ?? 0), offset: offset - (this.shift?.offset ?? 0) }),
        encoding: (name) => (this.report.encoding = name),
      },
      { head: !this.base, watch: !this.base || this.base.watchEncoding === true, byteBase: this.base?.offset ?? 0 },
    );
    return this.text;
  }

  /** A change of encoding: reported now when the input is being read, else when its format is decided (not for an input found unreadable). */
  private note(e: ImportError): void {
    if (this.decoder || this.spec) this.addError(e, true, true);
    else this.earlyNotes.push(e);
  }

  /** Windows-1252 (single-byte: no state between chunks). */
  private legacy: { decode(input?: Uint8Array): string } | undefined;

  private pushContent(chunk: Uint8Array): void {
    if (this.decoder) {
      this.feed(this.legacy ? utf8Encoder.encode(this.legacy.decode(chunk)) : chunk);
      return;
    }
    if (this.unreadable) return;
    this.holdHead(chunk);
    // The head is copied only when it is held past this call (the caller may reuse its buffer):
    // a chunk the format is decided on at once (a split input's piece, 1 MiB) is read uncopied.
    const held = this.head;
    if (held.length > 0 && held[held.length - 1] === chunk) held[held.length - 1] = chunk.slice();
  }

  private holdHead(chunk: Uint8Array): void {
    this.head.push(chunk);
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
    if (this.headBytes - this.sniffSkip() >= SNIFF_BYTES && !this.awaitsLateBatch(chunk) && !this.awaitsLongValues(chunk)) this.start(false);
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
      if (this.base || this.analysis.options.forceFormat || this.text?.transcoding || this.sniffSkip() > 0) return false;
      const head = concat(this.head, this.headBytes);
      this.head = [head];
      if (!waitsForLateBatch(head.subarray(0, SNIFF_BYTES))) return false;
      this.lateScan = new LateBatchScan();
      this.lateScan.push(head);
    } else if (this.lateScan) this.lateScan.push(chunk);
    return this.lateScan?.waiting(this.headBytes) ?? false;
  }

  /** Set while the head is held past the sniff window for its condensed form (see condensed-head.ts); undefined when not. */
  private condenser: HeadCondenser | undefined;
  private condenseLooked = false;

  /**
   * Whether to hold more of the head before deciding the format: more than half of the window is
   * the middle of long strings (a big first value), so a condensed window of the records that
   * follow is made, for a second look if the window is not recognised. Bounded: up to a full
   * condensed window, or CONDENSE_MAX_BYTES of input.
   */
  private awaitsLongValues(chunk: Uint8Array): boolean {
    if (!this.condenseLooked) {
      this.condenseLooked = true;
      if (this.base || this.analysis.options.forceFormat || this.text?.transcoding) return false;
      const head = concat(this.head, this.headBytes);
      this.head = [head];
      const skip = this.sniffSkip();
      const window = new HeadCondenser(SNIFF_BYTES);
      window.push(head.subarray(skip, skip + SNIFF_BYTES));
      if (window.length >= SNIFF_BYTES / 2) return false;
      this.condenser = new HeadCondenser(SNIFF_BYTES);
      this.condenser.push(head.subarray(skip));
    } else if (this.condenser) this.condenser.push(chunk);
    return this.condenser !== undefined && !this.condenser.full && this.condenser.consumed < CONDENSE_MAX_BYTES;
  }

  private headBlank = true;
  /** Blank bytes before the first content (all of the head while it is blank). */
  private blankPrefix = 0;

  /** Where the sniff window starts: after a blank prefix longer than the window, else at 0. */
  private sniffSkip(): number {
    return this.blankPrefix >= SNIFF_BYTES && !this.headBlank && !this.base ? this.blankPrefix : 0;
  }

  /** An error from outside the decoder (read failure, decompression). */
  fail(code: ImportErrorCode, message: string, offset?: number, line?: number): void {
    // Kept even when the decoder already filled the error list: a read or decompression
    // failure (decompress-limit after 100 bad lines) must stay visible in the report.
    this.addError({ code, message, file: this.report.path, ...(line !== undefined ? { line } : {}), ...(offset !== undefined ? { offset } : {}) }, true);
    // Nothing came out of the file at all: that is the whole story, not also "the input is empty".
    if ((code === 'read-failed' || code === 'not-read' || code === 'decompress-failed' || code === 'decompress-limit' || code === 'unsupported') && this.bytes === 0 && !this.decoder && !this.unreadable) {
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

  end(): InputReport {
    if (this.ended) return this.report;
    if (!this.unreadable) this.text?.end();
    // Not when sniffing already refused the input: a second look would report it twice.
    if (!this.decoder && !this.spec && !this.unreadable) this.start(true);
    if (this.splitBytes !== undefined) this.bytes = this.splitBytes;
    if (this.decoder && !this.decoderBroken) {
      try {
        for (const piece of this.gaps?.end() ?? []) this.decoder.push(piece);
        this.decoder.end();
        // The whole input showed another format than the head (OpenMetrics past a Prometheus head): say what was read.
        const readAs = this.decoder.readAs;
        const spec = readAs !== undefined ? formatById(readAs.format, FORMATS) : undefined;
        if (readAs !== undefined && spec !== undefined) {
          this.spec = spec;
          this.report.format = spec.id;
          this.report.detection = { ...this.report.detection, readAs: readAs.note };
        }
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
    if (this.contentHasher) this.report.contentSha256 = this.contentHasher.digestHex();
    this.report.bytes = this.bytes;
    if (this.decoder) {
      this.report.rejected = this.decoder.progress.rejected + this.piecesRejected;
      this.report.errorCount += this.decoder.progress.unreportedErrors;
      // Its buffers and tables are not needed any more: a folder or archive of 100,000 small
      // files keeps 100,000 ended sessions (their reports), not 100,000 decoders.
      this.endedRejected = this.decoder.progress.rejected;
      this.decoder = undefined;
    }
    // (the notice is made before the list is trimmed, which might cut a piece's, and kept past the cap)
    const unset = this.unsetTimesNotice();
    if (this.splitBytes !== undefined) this.trimErrors();
    if (unset) this.ownErrors().push(unset);
    this.sortErrors();
    this.span.setAttributes({
      'obsready.input.format': this.report.format,
      'obsready.input.bytes': this.bytes,
      'obsready.input.records': this.report.records,
      'obsready.input.rejected': this.report.rejected,
      'obsready.input.errors': this.report.errorCount,
    });
    if (this.unreadable) this.span.setStatus({ code: SPAN_STATUS_ERROR, message: this.report.errors[0]?.message ?? 'unreadable' });
    this.span.end();
    const sigs = [...this.signals];
    // The signal of what was read; with nothing read, its format's — a malformed export of that
    // format (every record rejected, or its lines reported) is still of that signal — unless the
    // input was refused as holding no records of it: an answer without records (an API's alerts or
    // status, exemplars, a string result) or an empty export claims no signal.
    const refused = this.report.errors.some((e) => NO_SIGNAL_CODES.has(e.code));
    this.report.signal = sigs.length > 1 ? 'mixed' : sigs.length === 1 ? sigs[0]! : this.spec && this.spec.signal !== 'mixed' && (this.report.rejected > 0 || !refused) ? this.spec.signal : 'none';
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
    if (nuls > 0 && nuls < head.length && !this.base && !this.text?.transcoding && !looksBinary(withoutNulGaps(head.subarray(nuls, nuls + SNIFF_BYTES))) && !foreignProtobuf(head.subarray(0, SNIFF_BYTES), complete && head.length <= SNIFF_BYTES)) {
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
    if (!this.base && !this.text?.transcoding && isEbcdicText(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES)) {
      // Not binary but text in a code the importers cannot read: named, and how to convert it.
      this.unreadable = true;
      this.fail('unsupported', EBCDIC_MESSAGE, 0);
      return;
    }
    const legacy = !this.base && !this.text?.transcoding ? legacyText(head.subarray(skip, skip + SNIFF_BYTES), complete && head.length - skip <= SNIFF_BYTES) : undefined;
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
      // A stream of unknown size (a pipe, a device: /dev/urandom never ends) whose head is binary is
      // refused after its head, as it is without --as: no format --as forces is binary. (A file is
      // read to its end, its bad lines coded by the forced importer.)
      const window = head.subarray(skip, skip + SNIFF_BYTES);
      // (text with runs of NULs in it is text: only what is left without them is judged)
      const judged = hasNulGap(window) ? withoutNulGaps(window) : window;
      if (this.totalBytes === undefined && !this.base && !this.text?.transcoding && window.length > 0 && (judged.length === 0 || looksBinary(judged))) {
        this.report.format = spec.id;
        this.unreadable = true;
        this.fail('binary-data', `the input is binary, not ${spec.id} text: a pipe or device is not read past its head, whatever --as says`, skip);
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
      // Nothing but NUL bytes: an empty tar archive (its two zero end blocks, 10,240 bytes as tar
      // writes them), or a file preallocated or zeroed and never written. No content, not "binary".
      if (complete && head.length > 0 && onlyNuls(head)) {
        this.unreadable = true;
        this.fail('empty-input', `only NUL bytes (${head.length.toLocaleString('en-US')}): no content (an empty tar archive is its zero end blocks; else a file preallocated or zeroed and never written)`, 0);
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
      if (!sniffed.spec && sniffed.reason === 'binary-data' && skip === 0 && !this.text?.transcoding && hasNulGap(head.subarray(0, SNIFF_BYTES))) {
        // Text with a run of NULs in the window (copytruncate's padding after the first lines) is
        // text: sniffed without its NUL gaps (the window only, so chunking decides nothing). The
        // gaps are taken out of what the decoder reads and reported there.
        const again = sniffHead(withoutNulGaps(head.subarray(0, SNIFF_BYTES)), complete && head.length <= SNIFF_BYTES);
        if (again.sniffed.spec && !again.preamble) ({ sniffed, preamble } = again);
      }
      // The Collector's own log, then its debug exporter's first batch past the window: read as the
      // debug exporter's output from the start (its decoder skips and reports the Collector's lines).
      // A window that is mostly the middle of a long first value: a second look at its condensed
      // form (condensed-head.ts), which shows the records' keys and columns past it.
      if (!sniffed.spec && sniffed.reason === 'unrecognised-format' && this.condenser !== undefined && !preamble) {
        const condensed = condenseHead(head.subarray(skip), SNIFF_BYTES);
        const again = sniffFormat(makeSniffInput(condensed.bytes, complete && condensed.all));
        if (again.spec) sniffed = again;
      }
      this.condenser = undefined;
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
        // Where the content judged starts: line 1, or the line after a blank prefix longer than the
        // window. Text is refused by its lines; binary data, which has none, by its offset alone.
        let line = 1;
        const brk = crOnlyHead(head) ? 13 : 10;
        for (let i = head.indexOf(brk); i !== -1 && i < skip; i = head.indexOf(brk, i + 1)) line++;
        const text = reason === 'unsupported' || reason === 'unrecognised-format';
        this.fail(reason, message, reason === 'empty-input' ? 0 : skip, text ? line : undefined);
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
      ...(forced ? { forced: true } : {}),
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
    if (dropUnsetTimes(record, this.report.format !== 'otlp-json') && this.unsetTimes++ === 0) this.unsetAt = at;
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

  /** Records with an unset time written as a date (dropUnsetTimes), and where the first was (the decoder's place). */
  private unsetTimes = 0;
  private unsetAt: SignalRecord['source'] | undefined;
  /** The unset times of the pieces absorbed (their sum, and the first place among theirs). */
  private piecesUnset: { count: number; line?: number; offset?: number } | undefined;

  /** Fold `count` unset times whose first is at `place` into the pieces' sum (places in input terms). */
  private noteUnsetTimes(count: number, place: { line?: number; offset?: number }): void {
    const u = this.piecesUnset;
    if (!u) {
      this.piecesUnset = { count, ...placeOf(place) };
      return;
    }
    u.count += count;
    if (before(place, u)) {
      delete u.line;
      delete u.offset;
      Object.assign(u, placeOf(place));
    }
  }

  /**
   * The one notice of an input's unset times: this session's own and those of its pieces, summed,
   * at the first place, as one pass over the whole file says it. A piece says none itself: its
   * report carries its count (`unsetTimes`) to the input's session, which absorbs it.
   */
  private unsetTimesNotice(): InputError | undefined {
    let count = this.piecesUnset?.count ?? 0;
    let first: { line?: number; offset?: number } | undefined = this.piecesUnset;
    if (this.unsetTimes > 0) {
      const own = this.shiftedPlace(this.unsetAt!);
      if (!first || before(own, first)) first = own;
      count += this.unsetTimes;
    }
    if (count === 0 || !first) return undefined;
    if (this.base !== undefined) {
      this.report.unsetTimes = { count, ...placeOf(first) };
      return undefined;
    }
    this.report.errorCount++;
    return { code: 'invalid-timestamp', message: unsetTimesMessage(count), ...placeOf(first) };
  }

  /** A record's place (the decoder's) in the input: as addError shifts a piece's and maps NUL gaps. */
  private shiftedPlace(at: SignalRecord['source']): { line?: number; offset?: number } {
    const shift = this.base ?? this.shift;
    const offset = at.offset === undefined ? undefined : (this.gaps?.active ? this.gaps.toInput(at.offset) : at.offset) + (shift?.offset ?? 0);
    return { ...(at.line !== undefined ? { line: at.line + (shift?.line ?? 0) } : {}), ...(offset !== undefined ? { offset } : {}) };
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
      const err: InputReport['errors'][number] = { code: e.code, message: boundedMessage(e.message) };
      if (e.line !== undefined) err.line = e.line;
      if (e.offset !== undefined) err.offset = e.offset;
      this.ownErrors().push(err);
    }
    this.analysis.options.onError?.(e);
  }
}

/** Characters of an error message kept in the report: one quoting a 10 MB value is cut. */
export const MAX_MESSAGE_CHARS = 1000;

/** A message cut to MAX_MESSAGE_CHARS, saying how much was left out. */
export function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}… (${(message.length - MAX_MESSAGE_CHARS).toLocaleString('en-US')} more characters)`;
}

/** The error list of every ended row without errors: one list, frozen (a row that gets an error later gets its own). */
export const NO_ERRORS: InputError[] = Object.freeze([]) as unknown as InputError[];

/** Detections ended rows share, by method and confidence (rounded to hundredths: at most a few hundred). */
const DETECTIONS = new Map<string, InputReport['detection']>();

function sharedDetection(d: InputReport['detection']): InputReport['detection'] {
  if (d.readAs !== undefined) return d; // (rare: an input read as another format than its head's)
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
  const { path, sha256, format, signal, bytes, records, rejected, errorCount, encoding, container, archive, contentSha256, unsetTimes } = r;
  if (encoding === undefined && container === undefined && contentSha256 === undefined && unsetTimes === undefined) {
    return archive === undefined
      ? { path, sha256, format, signal, bytes, records, rejected, errorCount, errors, detection }
      : { path, sha256, format, signal, bytes, records, rejected, errorCount, errors, detection, archive };
  }
  const row: InputReport = { path, sha256, format, signal, bytes, records, rejected, errorCount, errors, detection };
  if (container !== undefined) row.container = container;
  if (contentSha256 !== undefined) row.contentSha256 = contentSha256;
  if (encoding !== undefined) row.encoding = encoding;
  if (archive !== undefined) row.archive = archive;
  if (unsetTimes !== undefined) row.unsetTimes = unsetTimes;
  return row;
}

/**
 * Inputs with the same content as an earlier one (the same export dropped twice, a copy in another
 * folder, a `.gz` or `.zst` of it): their records are counted again, which the report says on each
 * copy. Compared by the sha256 of the content as read (inflated: `contentSha256` of a compressed
 * input, else `sha256`), so a compressed copy of a plain file (or of another compressed one) is one.
 */
function markDuplicates(inputs: InputReport[]): InputReport[] {
  const first = new Map<string, InputReport>();
  return inputs.map((i) => {
    const content = i.contentSha256 ?? i.sha256;
    if (content === '' || i.records === 0) return i;
    const original = first.get(content);
    if (original === undefined) {
      first.set(content, i);
      return i;
    }
    const counted = `its ${i.records} record${i.records === 1 ? ' is' : 's are'} counted a second time`;
    const message =
      i.contentSha256 === undefined && original.contentSha256 === undefined
        ? `the same bytes as ${original.path} (equal sha256): ${counted}`
        : `the same content as ${original.path} (equal sha256 of the content as read: ${i.container ? `inflated from ${i.container} here` : 'uncompressed here'}, ${original.container ? `from ${original.container} there` : 'uncompressed there'}): ${counted}`;
    return { ...i, errors: [{ code: 'duplicate-input', message }, ...i.errors], errorCount: i.errorCount + 1 };
  });
}

const EXPOSITIONS: ReadonlySet<FormatId> = new Set<FormatId>(['prometheus', 'openmetrics']);

/** No-op unless a tracer was installed (the CLI's --trace-self installs OpenTelemetry's: self-tracer.ts). */
function tracer() {
  return selfTracer();
}

// Windows-1252's 0x80–0x9F (the WHATWG table; undefined bytes map to the C1 control of that code).
/** Errors that refuse an input as holding no records of its format: with nothing read, it claims no signal. */
const NO_SIGNAL_CODES: ReadonlySet<string> = new Set<ImportErrorCode>(['unsupported', 'empty-input', 'unrecognised-format', 'binary-data', 'read-failed', 'not-read']);

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

const NO_HASH: Hasher = { update: () => undefined, digestHex: () => '' };

export class Analysis {
  /** Sessions not ended yet, with the place of their row in `reports`. An ended one is dropped (its hasher, span, limits, buffers): only its report row is kept. */
  private readonly live = new Map<InputSession, number>();
  /** The rows of the sessions opened here, in the order they were opened. */
  private readonly reports: InputReport[] = [];
  private readonly mergedInputs: InputReport[] = [];
  readonly summary: SignalsSummaryCollector;
  readonly extra: ExtraCollectors;
  /** The run's detail level (detail.ts); 0: every span examined. */
  private readonly detailLevel: number;
  private lastDetailTrace: string | undefined;
  private lastDetail = true;

  constructor(readonly options: AnalysisOptions) {
    this.detailLevel = Math.max(0, Math.min(32, Math.floor(options.detailLevel ?? 0)));
    this.summary = new SignalsSummaryCollector(this.detailLevel);
    this.extra = createExtraCollectors(undefined, this.detailLevel);
  }

  /** `hasher`: one that already holds the input's bytes (an archive's row, opened at its end). */
  openInput(path: string, opts: { totalBytes?: number; container?: 'gzip' | 'zstd'; index?: number; hasher?: Hasher } = {}): InputSession {
    const s = new InputSession(this, opts.index ?? this.mergedInputs.length + this.reports.length, path, opts.totalBytes, opts.hasher ?? (this.options.createHasher ?? createSha256)(), opts.container);
    this.live.set(s, this.reports.length);
    this.reports.push(s.report);
    return s;
  }

  /**
   * A session for a piece of a split input decoded on this thread, into this analysis's own
   * collectors: no row of its own (the caller folds its report into the input's session with
   * `absorb`) and no hashing (the input's session hashes the whole file).
   */
  openPiece(path: string, index: number): InputSession {
    return new InputSession(this, index, path, undefined, NO_HASH);
  }

  /** A session ended: its report (its compact row, in `reports`) is all that is kept of it. */
  ended(session: InputSession): void {
    const at = this.live.get(session);
    if (at === undefined) return;
    this.live.delete(session);
    this.reports[at] = session.report;
  }

  collect(record: SignalRecord, inputIndex: number): void {
    let detail = true;
    if (this.detailLevel > 0 && record.kind === 'span') {
      // Spans of one trace mostly come together: decide each run's trace once (whole traces in or out).
      if (record.traceId !== this.lastDetailTrace) {
        this.lastDetailTrace = record.traceId;
        this.lastDetail = inDetail(traceHash(record.traceId), this.detailLevel);
      }
      detail = this.lastDetail;
    }
    this.summary.add(record, inputIndex, detail);
    this.extra.add(record, inputIndex, detail);
  }

  inputs(): InputReport[] {
    return [...this.mergedInputs, ...this.reports];
  }

  state(): AnalysisState {
    return { inputs: this.inputs(), summary: this.summary.state(), extra: this.extra.state() };
  }

  /** What another thread's `prepareMerge` is given (see Collector.prepareMerge). */
  mergeSizes(): MergeSizes {
    return { summary: this.summary.mergeSize(), extra: this.extra.mergeSizes() };
  }

  /**
   * Before this analysis's state and one with `sizes` (its mergeSizes) are merged: see
   * Collector.prepareMerge. `merging`: the other state will be merged into this analysis (else this
   * one's state is the one sent).
   */
  prepareMerge(sizes: MergeSizes, merging = true): void {
    this.summary.prepareMerge(sizes.summary, merging);
    this.extra.prepareMerge(sizes.extra, merging);
  }

  /**
   * This analysis's state in parts (together, `state()`), for another thread that merges each as
   * it comes (while the next is built here): each plug-in collector's, then the inputs and the
   * summary. `sizes`: the merging side's mergeSizes; each collector then prepares its side of the
   * merge (Collector.prepareMerge, as the side that sends) just before its state is taken.
   */
  *stateParts(sizes?: MergeSizes): Generator<Partial<AnalysisState>> {
    for (const id of this.extra.ids) {
      if (sizes && sizes.extra[id] !== undefined) this.extra.prepareMerge({ [id]: sizes.extra[id] }, false);
      yield { extra: { [id]: this.extra.stateOf(id) } };
    }
    if (sizes) this.summary.prepareMerge(sizes.summary, false);
    yield { inputs: this.inputs(), summary: this.summary.state() };
  }

  /** Fold in only the collectors of an analysis run elsewhere (its inputs are pieces of ours): its state, or a part of it (stateParts). */
  mergeCollectors(state: Partial<AnalysisState>): void {
    if (state.summary) this.summary.merge(state.summary);
    if (state.extra) this.extra.merge(state.extra);
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

function onlyNuls(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
