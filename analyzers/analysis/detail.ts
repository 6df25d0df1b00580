// Detail sampling of large trace inputs. Counts stay exact for every span (records, spans, traces,
// services and their span counts, status counts; the logs and exemplars with trace ids); the
// per-span *detail* work (span checks, the sampled traces of sampled-traces.ts, and the
// span/trace id sets log→trace correlation looks up) runs on the spans of whole traces whose
// trace-id hash (analysis/trace-ids.ts traceHash, the one hash of every sample by trace id) has at
// least `level` leading zero bits: 1 trace in 2^level. The correlation's log and exemplar samples
// start at `level`, so each log or exemplar it checks names a trace of the sample (its ids held).
//
// The level is fixed for the run before anything is read, from the bytes of its inputs (their
// sizes on disk): every thread, every piece and every file of the run uses the same level, so the
// examined set depends on the data alone (not on threads, chunking or order), and a trace is
// examined whole or not at all. Past the threshold each doubling of the input raises the level by
// one, so the examined spans stay near the threshold's worth whatever the input's size.

/** Input bytes up to which every span is examined (detail level 0): far above any usual input. */
export const DETAIL_THRESHOLD_BYTES = 64 * 1024 * 1024;
/** The highest level used (1 trace in 2^16): beyond, the sample would hold too few traces to judge. */
export const MAX_DETAIL_LEVEL = 16;

/** The detail level for a run of `bytes` input bytes: 0 up to `threshold`, then one more per doubling. */
export function detailLevelFor(bytes: number, threshold = DETAIL_THRESHOLD_BYTES): number {
  if (!(bytes > threshold) || !(threshold > 0)) return 0;
  return Math.min(MAX_DETAIL_LEVEL, Math.ceil(Math.log2(bytes / threshold)));
}

/** Why a check's counts come from the detail sample (the wording of rule evidence). */
export const DETAIL_SAMPLE_WHY = 'a large trace input: span details are examined on whole traces sampled by id (--exact examines every span)';

/** Whether a span of a trace whose hash is `hash` (traceHash) is examined at `level`. */
export function inDetail(hash: number, level: number): boolean {
  return Math.clz32(hash) >= level;
}
