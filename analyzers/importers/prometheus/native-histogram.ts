// Prometheus native histograms written as text, and their mapping to the model's HistogramValue.
//
// `promtool tsdb dump` prints a native histogram sample with Go's Histogram.String() /
// FloatHistogram.String() in place of the value (prometheus/model/histogram):
//   {__name__="x", job="a"} {count:822093, sum:4.93e+06, [-0.05,0.05]:3409, (0.0441,0.0625]:833} 1693350571140
// "{count:%d|%g, sum:%g" then ", <bucket>" per non-empty bucket (negative ones, the zero bucket,
// positive ones), "}"; a bucket is `[` or `(`, "%g,%g" lower and upper, `]` or `)`, ":%v" count.
// Counts are per bucket, not cumulative. The Prometheus HTTP API gives the same buckets as
// `[boundaryRule, "lower", "upper", "count"]`.
import type { HistogramValue } from '../../model/index.js';
import { parseSampleValue } from './numbers.js';

export interface NativeBucket {
  upper: number;
  count: number;
}

/**
 * Buckets (any order) → explicit-bounds form: the upper edges ascending as bounds, each bucket's
 * own count, and the +Inf bucket last (0 when none reaches +Inf). The lowest edge is dropped; a gap
 * between buckets is a bucket with no observations, so the counts stay exact. Marked `native`: a
 * store keeps it as one series per label set (N-MET-SERIES).
 */
export function histogramFromBuckets(count: number, sum: number | undefined, buckets: NativeBucket[]): HistogramValue {
  const h: HistogramValue = { count, bounds: [], counts: [], native: true };
  if (sum !== undefined) h.sum = sum;
  const rows = [...buckets].sort((a, b) => a.upper - b.upper);
  let inf = 0;
  for (const r of rows) {
    if (r.upper === Infinity) inf += r.count;
    else {
      h.bounds.push(r.upper);
      h.counts.push(r.count);
    }
  }
  h.counts.push(inf);
  return h;
}

const HEAD_RE = /\{count:([^,{}\s]+), sum:([^,{}\s]+)/y;
const BUCKET_RE = /, [[(]([^,\s]+),([^\])\s]+)[\])]:([^,}\s]+)/y;

/** `{count:…, sum:…, (a,b]:n, …}` → HistogramValue; undefined when the text is not of that form. */
export function parseHistogramString(text: string): HistogramValue | undefined {
  HEAD_RE.lastIndex = 0;
  const head = HEAD_RE.exec(text);
  if (!head) return undefined;
  const count = parseSampleValue(head[1]!);
  const sum = parseSampleValue(head[2]!);
  if (count === undefined || sum === undefined) return undefined;
  const buckets: NativeBucket[] = [];
  let at = HEAD_RE.lastIndex;
  while (at < text.length - 1) {
    BUCKET_RE.lastIndex = at;
    const b = BUCKET_RE.exec(text);
    if (!b) return undefined;
    const lower = parseSampleValue(b[1]!);
    const upper = parseSampleValue(b[2]!);
    const n = parseSampleValue(b[3]!);
    if (lower === undefined || upper === undefined || n === undefined || Number.isNaN(upper)) return undefined;
    buckets.push({ upper, count: n });
    at = BUCKET_RE.lastIndex;
  }
  if (at !== text.length - 1 || text[at] !== '}') return undefined;
  return histogramFromBuckets(count, sum, buckets);
}
