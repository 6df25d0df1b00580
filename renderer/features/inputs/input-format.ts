// What the file list says of a file's format: the analysis's format once it knows it, before
// that the detection's early guess (from the file's first SNIFF_BYTES only), marked as a guess.
// A Collector log whose debug-exporter batches start past that window is guessed `text-logs`;
// the analysis, which looks further, reads it as `otel-debug`, and the list then says so.
import { SNIFF_BYTES } from '../../../analyzers/importers/types.js';
import type { InputEntry } from '../../state/types.js';

export const GUESS_TITLE = `Guessed from the file's first ${SNIFF_BYTES / 1024} KB before the analysis reads it; the analysis may find another format (it reads further: a Collector log whose debug-exporter batches start later is such an export).`;

export interface FormatCell {
  /** The format shown; undefined while it is being detected. */
  format?: string;
  /** Only the detection's guess so far. */
  guess: boolean;
  /** The detection's words for the format, when the format shown is the detected one. */
  label?: string;
  title?: string;
  /** Why the analysis read the file as the format shown, not as its head showed (the report's `detection.readAs`). */
  readAs?: string;
  signal: string;
}

export function formatCell(entry: Pick<InputEntry, 'detection' | 'progress' | 'analysed'>): FormatCell {
  const d = entry.detection;
  const p = entry.progress;
  const analysed = p?.format && p.format !== 'unknown' ? p.format : entry.analysed?.format;
  const format = analysed ?? d?.format;
  // (an unrecognised file is a problem, and an archive's header is no guess)
  const guess = analysed === undefined && d !== undefined && d.format !== 'unknown' && !d.archive;
  const detected = format !== undefined && format === d?.format;
  const readAs = analysed !== undefined && analysed === entry.analysed?.format ? entry.analysed.readAs : undefined;
  const signal = p?.signal ?? entry.analysed?.signal ?? (detected ? d?.signal : undefined) ?? '—';
  return {
    ...(format !== undefined ? { format } : {}),
    guess,
    ...(detected && d?.formatLabel ? { label: d.formatLabel } : {}),
    ...(guess ? { title: GUESS_TITLE } : detected && d?.formatLabel ? { title: d.formatLabel } : {}),
    ...(readAs !== undefined ? { readAs } : {}),
    signal,
  };
}
