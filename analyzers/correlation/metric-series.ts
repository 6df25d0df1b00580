// Metric series as per-bucket values: the mean of the points in each bucket, or for cumulative
// counters the increase since the previous bucket (resets read as a restart from zero).
import type { SeriesState } from './collector.js';

export interface ValueSeries {
  key: string;
  name: string;
  service: string;
  labels: Record<string, string>;
  /** Ascending bucket indexes and their values. */
  buckets: number[];
  values: number[];
}

export function valueSeries(key: string, s: SeriesState): ValueSeries {
  const buckets = Object.keys(s.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  const values: number[] = [];
  const kept: number[] = [];
  let prev: number | undefined;
  for (const b of buckets) {
    const st = s.buckets[b]!;
    if (s.cumulative) {
      const last = st[5];
      if (prev !== undefined) {
        kept.push(b);
        values.push(last >= prev ? last - prev : last);
      }
      prev = last;
    } else {
      kept.push(b);
      values.push(st[1] / st[0]);
    }
  }
  return { key, name: s.name, service: s.service, labels: s.labels, buckets: kept, values };
}

/** Values of buckets in [from, to). */
export function windowValues(v: ValueSeries, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.buckets.length; i++) {
    const b = v.buckets[i]!;
    if (b >= from && b < to) out.push(v.values[i]!);
  }
  return out;
}
