// The Instrumentation Score formula: 100 × Σ(Pᵢ·Wᵢ) / Σ(Tᵢ·Wᵢ) with weights critical 40,
// important 30, normal 20, low 10; Pᵢ/Tᵢ = passed/evaluated rules at impact level i.
import { IMPACT_WEIGHT, type Impact } from './types.js';

export interface Tally {
  impact: Impact;
  passed: boolean;
}

/** Unrounded score, or null when nothing was evaluated. */
export function weightedScore(items: Iterable<Tally>): number | null {
  let num = 0;
  let den = 0;
  for (const t of items) {
    const w = IMPACT_WEIGHT[t.impact];
    den += w;
    if (t.passed) num += w;
  }
  return den === 0 ? null : (num / den) * 100;
}

/**
 * ObsReady's overall score: the mean of the dimension scores that could be evaluated, each
 * dimension being the formula over all its service × rule evaluations. Averaging dimensions (not
 * pooling every evaluation) keeps one dimension with many applicable rules from drowning the
 * others, and a break that lowers one dimension always lowers the overall score.
 */
export function overallScore(items: readonly (Tally & { dimension: string })[]): number | null {
  const dims = [...new Set(items.map((i) => i.dimension))].sort();
  if (dims.length === 0) return null;
  let sum = 0;
  for (const d of dims) sum += weightedScore(items.filter((i) => i.dimension === d))!;
  return sum / dims.length;
}

/** Score from passed/total counts per impact level (the spec's own presentation). */
export function scoreFromCounts(counts: Partial<Record<Impact, { passed: number; total: number }>>): number | null {
  let num = 0;
  let den = 0;
  for (const k of Object.keys(counts) as Impact[]) {
    const c = counts[k]!;
    num += c.passed * IMPACT_WEIGHT[k];
    den += c.total * IMPACT_WEIGHT[k];
  }
  return den === 0 ? null : (num / den) * 100;
}

/** Scores are shown with one decimal. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
