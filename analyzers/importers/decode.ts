// One-shot adapter over a push decoder: handy for tests, small inputs and the Web Worker.
import type { SignalRecord } from '../model/index.js';
import type { FormatSpec, ImportError, Progress, ReadAs } from './types.js';

export interface DecodeResult {
  records: SignalRecord[];
  errors: ImportError[];
  progress: Progress;
  /** When the decoder found the input to be another format, which it read as such (Decoder.readAs). */
  readAs?: ReadAs;
}

/** Feed `bytes` to a fresh decoder in chunks of `chunkSize` (whole when omitted). */
export function decodeBytes(spec: FormatSpec, bytes: Uint8Array, file = 'input', chunkSize?: number): DecodeResult {
  const records: SignalRecord[] = [];
  const errors: ImportError[] = [];
  const decoder = spec.create({ file, sink: { record: (r) => records.push(r), error: (e) => errors.push(e) } });
  const step = chunkSize && chunkSize > 0 ? chunkSize : bytes.length || 1;
  for (let i = 0; i < bytes.length; i += step) decoder.push(bytes.subarray(i, Math.min(bytes.length, i + step)));
  decoder.end();
  return { records, errors, progress: { ...decoder.progress }, ...(decoder.readAs !== undefined ? { readAs: { ...decoder.readAs } } : {}) };
}
