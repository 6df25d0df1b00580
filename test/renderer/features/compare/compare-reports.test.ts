// Before/after comparison of two reports.
import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../../renderer/features/compare/compare-reports.js';
import { makeUiReport } from '../../fixtures/ui-report.js';

describe('compareReports', () => {
  it('reports score, verdict, dimension, rule and service changes', () => {
    const before = makeUiReport();
    const after = makeUiReport({
      score: 70.1,
      verdict: 'conditional',
      dimensions: { ...before.dimensions!, structure: { ...before.dimensions!.structure, score: 72.5 } },
      findings: [
        { ...before.findings![0]!, passed: true }, // S-SERVICE-IDENTITY@checkout fixed
        before.findings![1]!, // still failing
        { ...before.findings![2]!, passed: false }, // N-DEBUG-SHARE regressed
        // C-LOG-TRACE-CONTEXT no longer evaluated; a new failure appears:
        { ...before.findings![4]!, ruleId: 'S-SPAN-STATUS', passed: false },
        before.findings![4]!,
      ],
      services: before.services!.filter((s) => s.name !== 'frontend').map((s) => (s.name === 'checkout' ? { ...s, score: 60, verdict: 'conditional' as const } : s)),
    });
    const c = compareReports(before, after);
    // 70.1 − 62.4 = 7.7 (one decimal; the float difference is 7.6999…).
    expect(c.score).toEqual({ before: 62.4, after: 70.1, change: 7.7 });
    expect(c.verdict).toEqual({ before: 'not-ready', after: 'conditional', direction: 'better' });
    expect(c.dimensions.structure).toEqual({ before: 55, after: 72.5, change: 17.5 });
    expect(c.dimensions.noise.change).toBe(0);
    expect(c.rules.map((r) => [r.kind, r.ruleId, r.service])).toEqual([
      ['regressed', 'N-DEBUG-SHARE', 'checkout'],
      ['new-failure', 'S-SPAN-STATUS', 'payment'],
      ['fixed', 'S-SERVICE-IDENTITY', 'checkout'],
      ['no-longer-evaluated', 'C-LOG-TRACE-CONTEXT', '*'],
      ['still-failing', 'S-LOG-STRUCTURED', 'checkout'],
    ]);
    expect(c.counts).toEqual({ regressed: 1, 'new-failure': 1, fixed: 1, 'no-longer-evaluated': 1, 'still-failing': 1 });
    expect(c.services.find((s) => s.name === 'checkout')).toEqual({ name: 'checkout', score: { before: 51, after: 60, change: 9 }, verdictBefore: 'not-ready', verdictAfter: 'conditional' });
    expect(c.services.find((s) => s.name === 'frontend')).toEqual({ name: 'frontend', score: { before: 78.5, after: null, change: null }, verdictBefore: 'conditional', verdictAfter: null });
  });

  it('handles reports without scoring (not evaluated) without inventing changes', () => {
    const bare = makeUiReport({ score: undefined, verdict: undefined, dimensions: undefined, findings: undefined, services: undefined });
    const c = compareReports(bare, makeUiReport());
    expect(c.score.change).toBeNull();
    expect(c.verdict.direction).toBe('same');
    expect(c.rules.map((r) => r.kind)).toEqual(['new-failure', 'new-failure', 'new-failure']);
  });
});
