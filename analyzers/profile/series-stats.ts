// Shape statistics of one metric time series, used by the noise rules. Definitions (docs/scoring.md):
// - intervals: Δt between consecutive points; a gap is an interval > 2 × the median interval;
//   scrape irregularity is the coefficient of variation (σ/μ) of the intervals that are not gaps.
// - counters (cumulative) are turned into per-second rates first; a decrease is a reset, after
//   which the new value itself is the increment.
// - flat: at least FLAT_MIN_POINTS values and all equal.
// - jittery: at least JITTER_MIN_POINTS values, CV = σ/|μ| > 0.25 and lag-1 autocorrelation < 0.2,
//   i.e. large point-to-point variation that carries no persistence (noise, not signal).
// - flapping: the states of a threshold alert that fires when a value leaves mean ± 3σ of the
//   trailing ALERT_WINDOW values, run through the Nagios flap detector (see flapping.ts).
import { flapEpisodes } from './flapping.js';

export const FLAT_MIN_POINTS = 10;
export const JITTER_MIN_POINTS = 20;
export const ALERT_WINDOW = 20;
export const GAP_FACTOR = 2;
export const JITTER_CV = 0.25;
export const JITTER_LAG1 = 0.2;

export interface SeriesStats {
  points: number;
  medianIntervalMs: number | null;
  gaps: number;
  intervalCv: number | null;
  resets: number;
  /** Values the shape rules are computed on (rates for counters). */
  derived: number;
  flat: boolean | null;
  cv: number | null;
  lag1: number | null;
  jittery: boolean | null;
  alertStates: number;
  flapping: boolean | null;
  flapPercentMax: number | null;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function std(xs: readonly number[], m = mean(xs)): number {
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Lag-1 autocorrelation (biased estimator); null when the series has no variance. */
export function lag1Autocorrelation(xs: readonly number[]): number | null {
  if (xs.length < 3) return null;
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    den += d * d;
    if (i > 0) num += d * (xs[i - 1]! - m);
  }
  return den === 0 ? null : num / den;
}

/** Alert state per point from index ALERT_WINDOW on: 1 when outside trailing mean ± 3σ. */
export function thresholdAlertStates(xs: readonly number[], window = ALERT_WINDOW): number[] {
  const states: number[] = [];
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < xs.length; i++) {
    if (i >= window) {
      const m = sum / window;
      const sd = Math.sqrt(Math.max(0, sumSq / window - m * m));
      const dev = Math.abs(xs[i]! - m);
      // Relative epsilon: floating-point noise around a constant window must not fire.
      states.push(dev > 3 * sd + 1e-9 * Math.max(1, Math.abs(m)) ? 1 : 0);
      sum -= xs[i - window]!;
      sumSq -= xs[i - window]! * xs[i - window]!;
    }
    sum += xs[i]!;
    sumSq += xs[i]! * xs[i]!;
  }
  return states;
}

export function analyzeSeries(times: readonly number[], values: readonly number[], shape: 'counter' | 'gauge'): SeriesStats {
  const n = times.length;
  const intervals: number[] = [];
  for (let i = 1; i < n; i++) intervals.push(times[i]! - times[i - 1]!);
  let medianIntervalMs: number | null = null;
  let gaps = 0;
  let intervalCv: number | null = null;
  if (intervals.length >= 2) {
    medianIntervalMs = median(intervals);
    const regular = intervals.filter((d) => d <= GAP_FACTOR * medianIntervalMs!);
    gaps = intervals.length - regular.length;
    const m = mean(regular);
    intervalCv = m > 0 ? std(regular, m) / m : 0;
  }
  let resets = 0;
  let derived: number[] = [...values];
  if (shape === 'counter') {
    derived = [];
    for (let i = 1; i < n; i++) {
      const prev = values[i - 1]!;
      const cur = values[i]!;
      let inc = cur - prev;
      if (inc < 0) {
        resets++;
        inc = cur;
      }
      const dtS = (times[i]! - times[i - 1]!) / 1000;
      derived.push(dtS > 0 ? inc / dtS : inc);
    }
  }
  const d = derived.length;
  let flat: boolean | null = null;
  let cv: number | null = null;
  let lag1: number | null = null;
  let jittery: boolean | null = null;
  if (d >= FLAT_MIN_POINTS) flat = derived.every((x) => x === derived[0]);
  if (d >= 3) {
    const m = mean(derived);
    const sd = std(derived, m);
    cv = m !== 0 ? sd / Math.abs(m) : sd === 0 ? 0 : null;
    lag1 = lag1Autocorrelation(derived);
  }
  if (d >= JITTER_MIN_POINTS) jittery = flat === false && (cv === null || cv > JITTER_CV) && lag1 !== null && lag1 < JITTER_LAG1;
  const states = thresholdAlertStates(derived);
  let flapping: boolean | null = null;
  let flapPercentMax: number | null = null;
  if (states.length >= 21) {
    const f = flapEpisodes(states);
    flapping = f.episodes > 0;
    flapPercentMax = f.maxPercent;
  }
  return { points: n, medianIntervalMs, gaps, intervalCv, resets, derived: d, flat, cv, lag1, jittery, alertStates: states.length, flapping, flapPercentMax };
}
