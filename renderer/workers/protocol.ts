// Messages between the UI thread and the analysis worker. Everything here is structured-clone
// safe (the Report has no bigint; incidents' bigint times clone as they are); File and
// ReadableStream sources are passed, not copied.
import type { Report } from '../../analyzers/report/model.js';
import type { Incident } from '../../analyzers/analysis/incidents.js';

export type FileStatus = 'queued' | 'reading' | 'done' | 'failed' | 'cancelled';

export interface DetectItem {
  id: string;
  path: string;
  sizeBytes: number;
  /** The first bytes of the file (SNIFF_BYTES, or the whole file when smaller). */
  head: Uint8Array;
}

export interface Detection {
  id: string;
  /** Format id (`--as` name) or 'unknown'. */
  format: string;
  formatLabel: string;
  signal: 'traces' | 'metrics' | 'logs' | 'mixed' | 'none';
  confidence: number;
  gzip: boolean;
  /** zstd-compressed (a .zst, or the Collector file exporter's zstd framing). */
  zstd?: boolean;
  /** Why nothing was recognised. */
  problem?: { code: string; message: string };
  /** A tar or zip archive: each file in it is read as an input of its own. */
  archive?: boolean;
}

export interface AnalyzeItem {
  id: string;
  path: string;
  sizeBytes: number;
  /** Other paths of the same file: the report's rows of it name them (`inputs[].aliases`). */
  aliases?: string[];
  source: Blob | ReadableStream<Uint8Array>;
}

export interface FileProgress {
  id: string;
  status: FileStatus;
  /** Bytes read from the file as stored (compressed bytes for .gz). */
  bytesRead: number;
  sizeBytes: number;
  records: number;
  rejected: number;
  errorCount: number;
  errors: { code: string; message: string; line?: number; offset?: number }[];
  format?: string;
  /** Why the analysis read the file as another format than its head showed (the report's `detection.readAs`), once it knows. */
  readAs?: string;
  /** Set when the file is an archive whose files are inputs of their own. */
  archive?: 'tar' | 'zip';
  /** The signal of the format the analysis found, while reading; what the file held once read (for an archive, the signals of its files together). */
  signal?: 'traces' | 'metrics' | 'logs' | 'mixed' | 'none';
  /** ms since the run started (worker clock). */
  startedMs?: number;
  endedMs?: number;
}

export type ToWorker =
  | { type: 'detect'; requestId: number; items: DetectItem[] }
  | { type: 'analyze'; runId: number; items: AnalyzeItem[]; partialEveryMs: number; generatedAt?: string; /** Labelled incidents for the root-cause replay. */ incidents?: Incident[] }
  | { type: 'cancel'; runId: number };

export type FromWorker =
  | { type: 'detected'; requestId: number; results: Detection[] }
  | { type: 'progress'; runId: number; elapsedMs: number; files: FileProgress[] }
  | { type: 'partial'; runId: number; report: Report; costMs: number }
  | { type: 'done'; runId: number; report: Report; elapsedMs: number; files: FileProgress[] }
  | { type: 'cancelled'; runId: number; files: FileProgress[] }
  | { type: 'failed'; runId: number; message: string };
