// The importer contract: every format is one incremental push decoder plus a content sniffer.
import type { Signal, SignalRecord } from '../model/index.js';

/** Names accepted by `--as` and written to `inputs[].format`. */
export type FormatId =
  | 'otlp-json'
  | 'jaeger'
  | 'zipkin'
  | 'xray'
  | 'otel-console'
  | 'otel-debug'
  | 'csv-spans'
  | 'prometheus'
  | 'openmetrics'
  | 'prom-api'
  | 'csv-metrics'
  | 'jsonl-logs'
  | 'json-logs'
  | 'logfmt'
  | 'text-logs'
  | 'csv-logs';

/**
 * An `--as` name for a family of formats that share a syntax: the content picks the member
 * (`csv`: a CSV file may hold metrics, spans or logs).
 */
export type FormatFamily = 'csv';

/** What `--as` takes: one format, or a family whose member the content decides. */
export type ForcedFormat = FormatId | FormatFamily;

/** Closed set of error codes. Add a code here (with a comment) rather than inventing strings. */
export type ImportErrorCode =
  | 'empty-input' // the file has no bytes (or only whitespace)
  | 'unrecognised-format' // no importer claimed the content
  | 'binary-data' // NUL bytes / non-text content where text was expected
  | 'invalid-utf8' // bytes that are not UTF-8 (record still read with replacement chars where possible)
  | 'invalid-json' // a JSON value that does not parse
  | 'truncated' // input ended inside a record / document
  | 'too-deep' // nesting deeper than MAX_DEPTH
  | 'line-too-long' // a line/record longer than MAX_LINE_BYTES; skipped up to the next newline
  | 'wrong-type' // a field has the wrong JSON type (e.g. spans is a string)
  | 'missing-field' // a required field is absent (e.g. span without spanId)
  | 'invalid-id' // trace/span id that is neither hex nor base64 of the right length
  | 'invalid-timestamp' // a timestamp that cannot be read
  | 'invalid-number' // a numeric value that cannot be read
  | 'invalid-line' // a text line that does not follow the format's grammar
  | 'invalid-record' // a structurally valid value that is not a record of this format
  | 'duplicate' // duplicate metadata/series the format forbids
  | 'duplicate-input' // an input with the same bytes as an earlier one: its records are counted twice
  | 'unsupported' // valid input of a kind we do not read (e.g. legacy JSON exposition)
  | 'decompress-failed' // a .gz that is not valid gzip / corrupt stream
  | 'decompress-limit' // inflated size or ratio beyond the configured limit
  | 'read-failed' // the file system refused (permissions, vanished file)
  | 'not-read' // an input named for the run but not read: the run was stopped (Ctrl-C) before it
  | 'too-many-attributes' // a record with more attributes/labels (or span events/links) than the analysis keeps; the first kept, the record read (a JSON value of more than 100,000 members is not read at all)
  | 'too-many-errors'; // error list capped; further errors are only counted

export interface ImportError {
  code: ImportErrorCode;
  message: string;
  file: string;
  /** 1-based line where the problem starts, when known. */
  line?: number;
  /** Byte offset where the problem starts, when known. */
  offset?: number;
}

export interface Progress {
  /** Bytes pushed so far (decompressed). */
  bytes: number;
  lines: number;
  records: number;
  rejected: number;
  /**
   * Errors counted but not sent to the sink: a decoder sends its first MAX_REPORTED_ERRORS and
   * one `too-many-errors`, then only counts. The input's errorCount adds them, so it is the total
   * whether the file is read whole or in pieces (each piece has its own decoder and cap).
   */
  unreportedErrors: number;
}

export interface DecoderSink {
  record(record: SignalRecord): void;
  error(error: ImportError): void;
}

/** How lines end: decided from the input's head ('auto'), LF (a CR before it dropped), or CR-only (CR, LF and CRLF each end a line). */
export type LineEnds = 'auto' | 'lf' | 'cr';

export interface DecoderContext {
  /** Display path of the input, copied into every record's provenance. */
  file: string;
  sink: DecoderSink;
  /**
   * Line ends, when the caller knows them better than the decoder's own head: a piece of a split
   * file starts mid-file, so its head says nothing (the file was split at LFs: 'lf').
   */
  lineEnds?: LineEnds;
  /**
   * A piece of a split JSON Lines file that starts inside a docker partial-line run of this
   * stream, cut where the run was already past its join limit: its entries up to the run's end
   * belong to the record the piece before read (see jsonl-logs/docker-partial.ts).
   */
  continuesDockerRun?: string;
  /**
   * A piece of a split file, which is split only when its first line is a whole JSON object: the
   * piece is JSON Lines even when its own first line is broken or blank (a decoder that decides
   * its shape from its first line, as OTLP JSON does, would take the piece for a document).
   */
  jsonLines?: boolean;
  /** The format was forced (`--as`): read the input as it, never as another its content shows (Decoder.readAs). */
  forced?: boolean;
}

export interface Decoder {
  push(chunk: Uint8Array): void;
  /** Flush: the input is complete. Reports `truncated` when it ends inside a record. */
  end(): void;
  readonly progress: Progress;
  /**
   * Set (by the end at the latest) when the whole input showed it to be another format than the
   * one the decoder was made for, which it read as such: the input's `format` (and a note on its
   * detection). The Prometheus 0.0.4 reader sets it for OpenMetrics found past the sniffed head.
   */
  readonly readAs?: ReadAs;
}

/** What a decoder found its input to be, and why (a sentence for the report). */
export interface ReadAs {
  format: FormatId;
  note: string;
}

export interface SniffInput {
  /** The first bytes of the (decompressed) input, at most SNIFF_BYTES. */
  bytes: Uint8Array;
  /** The same bytes decoded as UTF-8 (may end mid-line). */
  text: string;
  /** True when `bytes` holds the complete input. */
  complete: boolean;
}

export interface FormatSpec {
  id: FormatId;
  /** Signal it produces; OTLP JSON may carry several and reports `mixed`. */
  signal: Signal | 'mixed';
  label: string;
  /** 0 = not this format, 1 = certainly this format. Highest wins. Never looks at file names. */
  sniff(input: SniffInput): number;
  create(ctx: DecoderContext): Decoder;
}

export const SNIFF_BYTES = 64 * 1024;
/** Longest line (or single JSON Lines record) we buffer before reporting `line-too-long`. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** Deepest JSON/attribute nesting we follow before reporting `too-deep`. */
export const MAX_DEPTH = 64;

export function newProgress(): Progress {
  return { bytes: 0, lines: 0, records: 0, rejected: 0, unreportedErrors: 0 };
}
