// A bounded sample of metric time series for the noise rules that need the shape of a series
// (flat, jittery, gaps, irregular scrapes, counter resets, flapping alerts). Series are kept by
// bottom-k sampling on a hash of their key and each keeps its first POINTS_CAP points by time, so
// the sample is the same whatever the arrival or merge order.
import type { MetricPoint } from '../model/index.js';
import { compareExamples, exampleOf, notAfter, type ExampleRecord } from './examples.js';
import { pointSeries } from './point-series.js';

export const SERIES_CAP = 2_000;
export const POINTS_CAP = 720;

export interface SeriesSample {
  key: string;
  hash: number;
  service: string;
  name: string;
  /**
   * 'counter' when the values are cumulative monotonic totals (resets and rates apply). A series whose
   * points disagree (one name written as a gauge by some exports, as a cumulative sum by others) takes
   * the shape of its earliest point, a counter's at a tie: a rule of the points alone (the first read
   * decided, so a split run, whose merge order decides, judged it otherwise than one pass).
   */
  shape: 'counter' | 'gauge';
  /** The time (ms) of the point `shape` is from; absent in states of older builds (then: the series' first time). */
  shapeMs?: number;
  /** Point times in ms since epoch (ascending) and the values. */
  times: number[];
  values: number[];
  example: ExampleRecord;
}

export interface SeriesStoreState {
  series: SeriesSample[];
}

/** The value the store keeps of a point (a distribution's count); undefined: the point is not stored (no value, NaN or ±Inf: no shape can be read from it). */
export function pointValue(p: MetricPoint): number | undefined {
  const v = p.value ?? p.histogram?.count ?? p.exponentialHistogram?.count ?? p.summary?.count;
  return v === undefined || !Number.isFinite(v) ? undefined : v;
}

/** Whether the store keeps a point whose value is defined: it has a time. */
export function isStorable(p: MetricPoint): p is MetricPoint & { timeNs: bigint } {
  return p.timeNs !== undefined && p.timeNs > 0n;
}

function shapeOf(p: MetricPoint): 'counter' | 'gauge' {
  if (p.type === 'counter') return p.temporality === 'delta' || p.monotonic === false ? 'gauge' : 'counter';
  if ((p.type === 'histogram' || p.type === 'summary' || p.type === 'exponential-histogram') && p.temporality !== 'delta') return 'counter';
  return 'gauge';
}

/** Whether a point at `t` (ms) of shape `shape` gives series `s` its shape rather than the point it has it from: an earlier one, a counter's at the same time. */
function shapeBefore(t: number, shape: SeriesSample['shape'], s: SeriesSample): boolean {
  const cur = s.shapeMs ?? s.times[0] ?? Infinity;
  return t < cur || (t === cur && shape === 'counter' && s.shape !== 'counter');
}

function insertPoint(s: SeriesSample, t: number, v: number): void {
  const n = s.times.length;
  if (n === 0 || t > s.times[n - 1]!) {
    if (n >= POINTS_CAP) return;
    s.times.push(t);
    s.values.push(v);
    return;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  if (s.times[lo] === t) {
    // Duplicate timestamp: keep the smaller value so the result is order-independent.
    if (v < s.values[lo]!) s.values[lo] = v;
    return;
  }
  s.times.splice(lo, 0, t);
  s.values.splice(lo, 0, v);
  if (s.times.length > POINTS_CAP) {
    s.times.length = POINTS_CAP;
    s.values.length = POINTS_CAP;
  }
}

export class SeriesStore {
  private readonly map = new Map<string, SeriesSample>();
  /** Largest kept hash once full; series hashing above it are not kept. */
  private maxHash = 0xffffffff;

  add(p: MetricPoint): void {
    const v = pointValue(p);
    if (v === undefined || !isStorable(p)) return;
    const series = pointSeries(p);
    const key = series.storeKey;
    const t = Number(p.timeNs / 1000n) / 1000;
    let s = this.map.get(key);
    if (!s) {
      const hash = series.storeHash;
      if (this.map.size >= SERIES_CAP && hash >= this.maxHash) return;
      s = { key, hash, service: series.service.name, name: p.name, shape: shapeOf(p), shapeMs: t, times: [], values: [], example: exampleOf(p) };
      this.insertSeries(s);
      if (!this.map.has(key)) return;
    } else {
      if (notAfter(p.source, s.example)) {
        const ex = exampleOf(p);
        if (compareExamples(ex, s.example) < 0) s.example = ex;
      }
      // (a point before the shape's: only the first points of a file read in time order pay shapeOf)
      if (t <= (s.shapeMs ?? t)) {
        const shape = shapeOf(p);
        if (shapeBefore(t, shape, s)) {
          s.shape = shape;
          s.shapeMs = t;
        }
      }
    }
    insertPoint(s, t, v);
  }

  private insertSeries(s: SeriesSample): void {
    this.map.set(s.key, s);
    if (this.map.size > SERIES_CAP) {
      let worst: SeriesSample | undefined;
      for (const x of this.map.values()) if (!worst || x.hash > worst.hash || (x.hash === worst.hash && x.key > worst.key)) worst = x;
      this.map.delete(worst!.key);
    }
    if (this.map.size >= SERIES_CAP) {
      let m = 0;
      for (const x of this.map.values()) if (x.hash > m) m = x.hash;
      this.maxHash = m;
    }
  }

  state(): SeriesStoreState {
    const series = [...this.map.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((s) => ({ ...s, times: [...s.times], values: [...s.values], example: { ...s.example } }));
    return { series };
  }

  merge(st: SeriesStoreState): void {
    for (const o of st.series) {
      let s = this.map.get(o.key);
      if (!s) {
        if (this.map.size >= SERIES_CAP && o.hash >= this.maxHash) continue;
        s = { ...o, times: [], values: [], example: { ...o.example } };
        this.insertSeries(s);
        if (!this.map.has(o.key)) continue;
      } else {
        if (compareExamples(o.example, s.example) < 0) s.example = { ...o.example };
        const t = o.shapeMs ?? o.times[0] ?? Infinity;
        if (shapeBefore(t, o.shape, s)) {
          s.shape = o.shape;
          s.shapeMs = t;
        }
      }
      for (let i = 0; i < o.times.length; i++) insertPoint(s, o.times[i]!, o.values[i]!);
    }
  }
}
