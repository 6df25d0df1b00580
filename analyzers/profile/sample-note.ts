// Counts that come from a sample (past a memory cap a check runs on the records of whole traces
// picked by id hash) say which sample: how many were in it, of how many in all, and the share kept.
// One shape for the JSON evidence (`evidence.sample`), one wording for every message.

/** The sample a finding's counts come from. */
export interface SampleInfo {
  /** What was sampled, plural: 'spans', 'traces', 'logs with trace context' … */
  unit: string;
  /** How many of them the sample holds. */
  size: number;
  /** How many there are in all (an estimate when `estimated`). */
  total: number;
  estimated?: true;
  /** The share kept (2^-level): 1 in round(1 / share). */
  share: number;
}

/**
 * "in a sample of 3134 of 100000 spans, 1 in 32" (about the total when it is estimated), its
 * numbers written by `num`: the one wording of messages (sampleNote) and reports (formatSample).
 */
export function sampleWords(s: SampleInfo, num: (n: number) => string): string {
  return `in a sample of ${num(s.size)} of ${s.estimated ? 'about ' : ''}${num(s.total)} ${s.unit}, 1 in ${oneIn(1 / s.share, num)}`;
}

/**
 * K of "1 in K": a whole number for the shares 2^-level of the trace sample, one decimal below 10
 * for a share that is a ratio of counts (a sample of 50 of 74 series is 1 in 1.5, not 1 in 1).
 */
function oneIn(k: number, num: (n: number) => string): string {
  return k < 10 && Math.abs(k - Math.round(k)) >= 0.05 ? k.toFixed(1) : num(k);
}

/** " (in a sample of 3134 of 100000 spans, 1 in 32: why)"; '' without a sample. */
export function sampleNote(s: SampleInfo | undefined, why: string): string {
  if (s === undefined || s.share >= 1) return '';
  return ` (${sampleWords(s, (n) => String(Math.round(n)))}: ${why})`;
}

/** Why the trace checks ran on a sample. */
export const TRACE_SAMPLE_WHY = 'past the memory cap the trace checks run on whole traces sampled by id';
