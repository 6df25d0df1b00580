// One piece of a split input (whole lines of a line-independent format), decoded into an
// Analysis of its own: the same code runs in a worker thread and on the main thread when the
// main thread takes a share of the pieces itself.
import { Analysis, type AnalysisOptions, type InputSession } from '../analysis/analysis.js';
import { TOOL_VERSION } from '../version.js';
import type { FormatId } from '../importers/types.js';
import { collectGarbage } from './gc.js';
import { installByteSearch } from './byte-search.js';

// (memchr for the line and NUL searches of every input read in this thread)
installByteSearch();

export interface PieceRequest {
  index: number;
  path: string;
  format: FormatId;
  firstLine: number;
  firstOffset: number;
  bytes: Uint8Array;
  /** The piece starts inside a docker partial-line run of this stream (see findSplitPoint). */
  continuesDockerRun?: string;
}

const noHash = () => ({ update: () => undefined, digestHex: () => '' });

/** The Analysis that absorbs pieces (no input hashing: the main thread hashes whole files). */
export function createPieceAnalysis(options: Partial<AnalysisOptions> = {}): Analysis {
  return new Analysis({ toolVersion: TOOL_VERSION, createHasher: noHash, ...options });
}

/**
 * Input bytes a thread decodes between two full collections (0: never force one). 128 MB: on the
 * bench's 500 MB OTLP input, 64 MB cost ~0.5 s more CPU (user+sys 9.9–10.4 s vs 9.2–9.7 s, interleaved
 * runs) for no lower peak RSS (236–245 MB vs 236–260 MB; 1 GB: 252 vs 261 MB).
 */
const GC_EVERY_BYTES = Number(process.env['OBSREADY_GC_EVERY_MB'] ?? 128) * 1024 * 1024;
let sinceGc = 0;

export function processPiece(analysis: Analysis, m: PieceRequest): { records: number; rejected: number } {
  const s = decodePiece(analysis.openInput(m.path, { index: m.index }), m);
  return { records: s.report.records, rejected: s.report.rejected };
}

/** Decode piece `m` in session `s` (opened for it, by `openInput` or `openPiece`) and end it. */
export function decodePiece(s: InputSession, m: PieceRequest): InputSession {
  sinceGc += m.bytes.length;
  if (GC_EVERY_BYTES > 0 && sinceGc >= GC_EVERY_BYTES) {
    sinceGc = 0;
    collectGarbage();
  }
  s.asPiece(m.format, m.firstLine, m.firstOffset, m.continuesDockerRun);
  s.push(m.bytes, false);
  s.end();
  return s;
}
