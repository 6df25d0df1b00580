import { describe, expect, it } from 'vitest';
import { bandOf, IS_RULES, scoreFromCounts, weightedScore } from '../../../analyzers/scoring/index.js';
import type { Impact } from '../../../analyzers/scoring/index.js';

function tallies(counts: [Impact, number, number][]): { impact: Impact; passed: boolean }[] {
  const out: { impact: Impact; passed: boolean }[] = [];
  for (const [impact, passed, total] of counts) for (let i = 0; i < total; i++) out.push({ impact, passed: i < passed });
  return out;
}

describe('Instrumentation Score formula', () => {
  it("reproduces the specification's test vector: 530/830 = 63.85542168674698", () => {
    const counts = { critical: { passed: 4, total: 8 }, important: { passed: 8, total: 10 }, normal: { passed: 6, total: 8 }, low: { passed: 1, total: 5 } };
    expect(scoreFromCounts(counts)).toBe(63.85542168674698);
    expect(weightedScore(tallies([['critical', 4, 8], ['important', 8, 10], ['normal', 6, 8], ['low', 1, 5]]))).toBe(63.85542168674698);
  });

  it('matches the spec text: 4 critical fixed → 83.13, 4 low fixed → 68.67', () => {
    // (8·40 + 8·30 + 6·20 + 1·10)/830 = 690/830; (4·40 + 8·30 + 6·20 + 5·10)/830 = 570/830
    expect(weightedScore(tallies([['critical', 8, 8], ['important', 8, 10], ['normal', 6, 8], ['low', 1, 5]]))!.toFixed(2)).toBe('83.13');
    expect(weightedScore(tallies([['critical', 4, 8], ['important', 8, 10], ['normal', 6, 8], ['low', 5, 5]]))!.toFixed(2)).toBe('68.67');
  });

  it('bands: 90–100 Excellent, 75–89 Good, 50–74 Needs Improvement, 0–49 Poor', () => {
    expect([bandOf(100), bandOf(90), bandOf(89.4), bandOf(75), bandOf(74), bandOf(50), bandOf(49.4), bandOf(0), bandOf(null)]).toEqual(['Excellent', 'Excellent', 'Good', 'Good', 'Needs Improvement', 'Needs Improvement', 'Poor', 'Poor', null]);
  });

  it('covers the spec rules listed in SCORING.md §1 with their impacts', () => {
    const expected: Record<string, Impact> = {
      'RES-001': 'normal', 'RES-002': 'important', 'RES-003': 'important', 'RES-004': 'important', 'RES-005': 'critical', 'RES-006': 'normal', 'RES-007': 'important',
      'RES-010': 'critical', 'SPA-006': 'critical', 'LOG-003': 'critical', 'MET-008': 'critical',
      'SPA-001': 'normal', 'SPA-002': 'normal', 'SPA-003': 'important', 'SPA-004': 'important', 'SPA-005': 'important',
      'MET-001': 'important', 'MET-002': 'important', 'MET-003': 'important', 'MET-004': 'normal', 'MET-005': 'normal', 'MET-006': 'important',
      'LOG-001': 'important', 'LOG-002': 'important', 'SDK-001': 'low',
    };
    expect(Object.fromEntries(IS_RULES.map((r) => [r.id, r.impact]))).toEqual(expected);
  });
});
