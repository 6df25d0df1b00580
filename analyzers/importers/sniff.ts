// Content sniffing: ask every importer how sure it is; never look at the file name.
import { FORMATS } from './registry.js';
import { decodeUtf8, looksBinary } from './common/lines.js';
import { documentKindOfText } from './common/documents.js';
import type { FormatId, FormatSpec, SniffInput } from './types.js';

export interface SniffResult {
  spec?: FormatSpec;
  confidence: number;
  /** Why nothing matched, when `spec` is undefined. */
  reason?: 'empty-input' | 'binary-data' | 'unrecognised-format';
  /** With 'unrecognised-format': what the content looks like instead ('an HTML page', 'source code'…). */
  looksLike?: string;
}

export function makeSniffInput(bytes: Uint8Array, complete: boolean): SniffInput {
  return { bytes, text: decodeUtf8(bytes), complete };
}

export function sniffFormat(input: SniffInput, formats: readonly FormatSpec[] = FORMATS): SniffResult {
  if (input.text.trim() === '') return { confidence: 0, reason: 'empty-input' };
  if (looksBinary(input.bytes)) return { confidence: 0, reason: 'binary-data' };
  let best: FormatSpec | undefined;
  let bestScore = 0;
  for (const spec of formats) {
    let score = 0;
    try {
      score = spec.sniff(input);
    } catch {
      score = 0; // a sniffer must never take the run down
    }
    if (score > bestScore) {
      best = spec;
      bestScore = score;
    }
  }
  if (!best || bestScore < 0.2) {
    const looksLike = documentKindOfText(input.text, input.complete);
    return { confidence: bestScore, reason: 'unrecognised-format', ...(looksLike ? { looksLike } : {}) };
  }
  return { spec: best, confidence: bestScore };
}

export function formatById(id: string, formats: readonly FormatSpec[] = FORMATS): FormatSpec | undefined {
  return formats.find((f) => f.id === (id as FormatId));
}
