// Robust change scores shared by symptom detection and root-cause replay: (x − median) / IQR
// against a baseline, with floors so that a flat baseline does not turn noise into infinity.
import { histogramCount, latencyQuantile, type LatencyHistogram } from './sketches.js';
import { robustBaseline } from './sketches.js';

export const MAX_STRENGTH = 1000;

export function clampStrength(z: number): number {
  return Math.min(MAX_STRENGTH, Math.round(z * 100) / 100);
}

export interface Shift {
  z: number;
  /** Increase in ms of the quantile that moved most. */
  deltaMs: number;
  text: string;
}

/**
 * How far the anomaly window's latency moved from the baseline's: the larger of the p50 and p90
 * moves, in units of max(baseline IQR, 25 % of baseline median, 0.5 ms).
 */
export function latencyShift(base: LatencyHistogram, anomaly: LatencyHistogram): Shift | null {
  if (histogramCount(base) < 3 || histogramCount(anomaly) < 2) return null;
  const b50 = latencyQuantile(base, 0.5)!;
  const iqr = latencyQuantile(base, 0.75)! - latencyQuantile(base, 0.25)!;
  const scale = Math.max(iqr, 0.25 * b50, 500);
  let best: Shift | null = null;
  for (const q of [0.5, 0.9]) {
    const b = latencyQuantile(base, q)!;
    const a = latencyQuantile(anomaly, q)!;
    const z = (a - b) / scale;
    if (!best || z > best.z) best = { z, deltaMs: (a - b) / 1000, text: `p${q * 100} ${fmtMs(a)} vs ${fmtMs(b)} before (baseline IQR ${fmtMs(iqr)})` };
  }
  return best;
}

/** Error-rate increase in units of max(binomial standard error, 2 percentage points). */
export function errorShift(base: { count: number; errors: number }, anomaly: { count: number; errors: number }): Shift | null {
  if (anomaly.count < 3) return null;
  const pb = base.count > 0 ? base.errors / base.count : 0;
  const pa = anomaly.errors / anomaly.count;
  const se = Math.sqrt((pb * (1 - pb)) / anomaly.count);
  const z = (pa - pb) / Math.max(se, 0.02);
  return { z, deltaMs: 0, text: `error rate ${(pa * 100).toFixed(1)} % (${anomaly.errors}/${anomaly.count}) vs ${(pb * 100).toFixed(1)} % before` };
}

/** Largest robust z of the anomaly values against the baseline values (scale floor given). */
export function countShift(base: number[], anomaly: number[], floor: number): Shift | null {
  if (base.length < 3 || anomaly.length < 1) return null;
  const rb = robustBaseline(base);
  const scale = Math.max(rb.iqr, floor);
  const x = Math.max(...anomaly);
  return { z: (x - rb.median) / scale, deltaMs: 0, text: `${x} per bucket vs median ${rb.median} before (IQR ${rb.iqr})` };
}

export function fmtMs(us: number): string {
  const ms = us / 1000;
  return ms >= 100 ? `${Math.round(ms)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

export function msToIso(ms: number): string {
  // A time in ms as a double keeps microseconds at best (about 0.2 µs of rounding error today):
  // written to the µs, with the nanosecond digits zero, as the signals' ranges are.
  const us = Math.round(ms * 1000);
  const d = new Date(Math.floor(us / 1000));
  if (!Number.isFinite(us) || Number.isNaN(d.getTime())) return String(ms);
  const iso = d.toISOString();
  return iso.slice(0, iso.length - 1) + String(us - Math.floor(us / 1000) * 1000).padStart(3, '0') + '000Z';
}
