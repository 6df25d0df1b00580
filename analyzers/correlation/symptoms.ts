// Symptom detection over time: each bucket of a per-service series is scored by its robust
// z-score against the preceding baseline window (up to BASELINE_BUCKETS buckets, at least
// MIN_BASELINE); a run of anomalous buckets is one symptom with its onset and peak strength.
import type { Symptom, SymptomKind } from './types.js';
import type { BucketSeries } from './spans.js';
import type { ValueSeries } from './metric-series.js';
import { histogramCount, latencyQuantile, robustBaseline, robustBaselineOfSorted, SlidingSorted } from './sketches.js';
import { clampStrength, fmtMs, msToIso } from './detect.js';

export const BASELINE_BUCKETS = 30;
export const MIN_BASELINE = 3;
export const SYMPTOM_Z = 5;
export const METRIC_SYMPTOM_Z = 8;
export const MAX_SYMPTOMS = 300;
/** A run ends after this many consecutive normal buckets. */
const RUN_GAP = 2;

interface ScanOptions {
  /** Scale floor given the baseline median. */
  floor: (median: number) => number;
  /** Extra guard: is the value a meaningful change from the median (not just statistically odd)? */
  meaningful: (x: number, median: number) => boolean;
  z: number;
  describe: (x: number, median: number, iqr: number) => string;
}

export function scanSeries(buckets: number[], values: number[], o: ScanOptions): { onsetBucket: number; strength: number; evidence: string }[] {
  const out: { onsetBucket: number; strength: number; evidence: string }[] = [];
  let run: { onsetBucket: number; strength: number; evidence: string; last: number } | undefined;
  // The baseline of bucket i is values[from, i), sorted as it slides (a series of a day in 10 s
  // buckets was 8,640 sorts); a series with a value that is not finite is sorted per bucket.
  const window = values.every(Number.isFinite) ? new SlidingSorted() : undefined;
  for (let i = 0; i < values.length; i++) {
    const from = Math.max(0, i - BASELINE_BUCKETS);
    if (window !== undefined && i > 0) {
      if (i - 1 - BASELINE_BUCKETS >= 0) window.removeOldest(values[i - 1 - BASELINE_BUCKETS]!);
      window.add(values[i - 1]!);
    }
    if (i - from < MIN_BASELINE) continue;
    const rb = window !== undefined ? robustBaselineOfSorted(window.sorted) : robustBaseline(values.slice(from, i));
    const x = values[i]!;
    const z = (x - rb.median) / Math.max(rb.iqr, o.floor(rb.median));
    const anomalous = z >= o.z && o.meaningful(x, rb.median);
    if (anomalous) {
      if (run && buckets[i]! - run.last <= RUN_GAP + 1) {
        run.last = buckets[i]!;
        if (z > run.strength) {
          run.strength = z;
          run.evidence = o.describe(x, rb.median, rb.iqr);
        }
      } else {
        if (run) out.push(run);
        run = { onsetBucket: buckets[i]!, strength: z, evidence: o.describe(x, rb.median, rb.iqr), last: buckets[i]! };
      }
    }
  }
  if (run) out.push(run);
  return out;
}

function sortedKeys(m: Map<number, unknown>): number[] {
  return [...m.keys()].sort((a, b) => a - b);
}

function sortedBuckets(rec: Record<number, unknown>): number[] {
  return Object.keys(rec)
    .map(Number)
    .sort((a, b) => a - b);
}

export interface SymptomInputs {
  bucketMs: number;
  entry: Map<string, BucketSeries>;
  calls: Map<string, BucketSeries>;
  gaps: Map<string, BucketSeries>;
  logs: Map<string, Record<number, [number, number]>>;
  metrics: ValueSeries[];
}

export function detectSymptoms(inp: SymptomInputs): Symptom[] {
  const out: Symptom[] = [];
  const emit = (service: string, kind: SymptomKind, runs: ReturnType<typeof scanSeries>, metric?: string) => {
    for (const r of runs) {
      const s: Symptom = { service, kind, onset: msToIso(r.onsetBucket * inp.bucketMs), strength: clampStrength(r.strength), evidence: r.evidence };
      if (metric) s.metric = metric;
      out.push(s);
    }
  };
  const latencyOpts: ScanOptions = {
    floor: (m) => Math.max(0.25 * m, 1000),
    meaningful: (x, m) => x >= 1.5 * m && x - m >= 2000,
    z: SYMPTOM_Z,
    describe: (x, m, iqr) => `p95 ${fmtMs(x)} vs baseline median ${fmtMs(m)} (IQR ${fmtMs(iqr)})`,
  };
  const latencySeries = (s: BucketSeries) => {
    const bs: number[] = [];
    const vs: number[] = [];
    for (const b of sortedKeys(s)) {
      const h = s.get(b)!.latency;
      if (h === undefined || histogramCount(h) < 1) continue;
      bs.push(b);
      vs.push(latencyQuantile(h, 0.95)!);
    }
    return { bs, vs };
  };
  for (const [service, s] of [...inp.entry].sort(byKey)) {
    const { bs, vs } = latencySeries(s);
    emit(service, 'span-latency', scanSeries(bs, vs, latencyOpts));
    const eb = sortedKeys(s).filter((b) => s.get(b)!.count >= 5);
    const ev = eb.map((b) => s.get(b)!.errors / s.get(b)!.count);
    emit(
      service,
      'span-error-rate',
      scanSeries(eb, ev, {
        floor: () => 0.02,
        meaningful: (x, m) => x - m >= 0.05,
        z: SYMPTOM_Z,
        describe: (x, m) => `error rate ${(x * 100).toFixed(1)} % vs baseline median ${(m * 100).toFixed(1)} %`,
      }),
    );
  }
  for (const [service, s] of [...inp.calls].sort(byKey)) {
    const { bs, vs } = latencySeries(s);
    emit(service, 'call-latency', scanSeries(bs, vs, { ...latencyOpts, describe: (x, m, iqr) => `callers see p95 ${fmtMs(x)} vs baseline median ${fmtMs(m)} (IQR ${fmtMs(iqr)})` }));
  }
  for (const [service, s] of [...inp.gaps].sort(byKey)) {
    const { bs, vs } = latencySeries(s);
    emit(service, 'call-latency', scanSeries(bs, vs, { ...latencyOpts, describe: (x, m, iqr) => `callers spend p95 ${fmtMs(x)} around calls into it beyond its own span (network, queues) vs baseline median ${fmtMs(m)} (IQR ${fmtMs(iqr)})` }));
  }
  for (const [service, rec] of [...inp.logs].sort(byKey)) {
    const bs = sortedBuckets(rec);
    const vs = bs.map((b) => rec[b]![1]);
    emit(
      service,
      'log-error-burst',
      scanSeries(bs, vs, {
        floor: () => 1,
        meaningful: (x, m) => x >= 3 && x >= 2 * m + 1,
        z: SYMPTOM_Z,
        describe: (x, m) => `${x} error logs in the bucket vs baseline median ${m}`,
      }),
    );
  }
  for (const v of inp.metrics) {
    if (v.service === '') continue;
    emit(
      v.service,
      'metric-anomaly',
      scanSeries(v.buckets, v.values, {
        floor: (m) => Math.max(Math.abs(m) * 0.05, 1e-9),
        meaningful: () => true,
        z: METRIC_SYMPTOM_Z,
        describe: (x, m, iqr) => `${v.name} = ${fmtNum(x)} vs baseline median ${fmtNum(m)} (IQR ${fmtNum(iqr)})`,
      }),
      v.name,
    );
  }
  out.sort((a, b) => b.strength - a.strength || (a.onset < b.onset ? -1 : a.onset > b.onset ? 1 : 0) || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  const kept = out.slice(0, MAX_SYMPTOMS);
  kept.sort((a, b) => (a.onset < b.onset ? -1 : a.onset > b.onset ? 1 : 0) || b.strength - a.strength || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || ((a.metric ?? '') < (b.metric ?? '') ? -1 : 1));
  return kept;
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1000 ? x.toFixed(0) : a >= 1 ? x.toFixed(2) : x.toPrecision(3);
}
