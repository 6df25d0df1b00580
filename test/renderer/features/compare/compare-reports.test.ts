// Before/after comparison of two reports.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { compareReports } from '../../../../renderer/features/compare/compare-reports.js';
import { CompareResults, outcomeChange } from '../../../../renderer/features/compare/ComparePage.js';
import { diffReports } from '../../../../analyzers/report/diff.js';
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
    expect(c.rules.map((r) => [r.kind, r.ruleId, r.service, r.before, r.after])).toEqual([
      ['regressed', 'N-DEBUG-SHARE', 'checkout', 'passed', 'failed'],
      ['new-failure', 'S-SPAN-STATUS', 'payment', null, 'failed'],
      ['fixed', 'S-SERVICE-IDENTITY', 'checkout', 'failed', 'passed'],
      ['no-longer-evaluated', 'C-LOG-TRACE-CONTEXT', '*', 'failed', null],
    ]);
    // S-LOG-STRUCTURED fails in both: counted, not listed
    expect(c.counts).toEqual({ regressed: 1, 'new-failure': 1, fixed: 1, 'cannot-tell': 0, 'no-longer-evaluated': 1, 'still-failing': 1, 'still-cannot-tell': 0 });
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

  it('shows a rule the data cannot tell as “cannot tell”, and counts it as the CLI diff does', () => {
    const base = makeUiReport();
    const [identity, structured, debug, traceCtx, spanKind] = base.findings!;
    const undecided = { inconclusive: true as const, passed: false };
    const before = makeUiReport({
      findings: [
        identity!, // fails → cannot tell: no fix
        { ...structured!, ...undecided }, // cannot tell → fails: no new failure
        debug!, // passes → cannot tell: regressed (the pass is no longer shown)
        { ...traceCtx!, ...undecided }, // cannot tell → passes: fixed
        { ...spanKind!, ...undecided }, // cannot tell in both
      ],
    });
    const after = makeUiReport({
      findings: [{ ...identity!, ...undecided }, { ...structured!, passed: false }, { ...debug!, ...undecided }, { ...traceCtx!, passed: true }, { ...spanKind!, ...undecided }],
    });
    const c = compareReports(before, after);
    expect(c.rules.map((r) => [r.kind, r.ruleId, r.before, r.after])).toEqual([
      ['regressed', 'N-DEBUG-SHARE', 'passed', 'inconclusive'],
      ['fixed', 'C-LOG-TRACE-CONTEXT', 'inconclusive', 'passed'],
      ['cannot-tell', 'S-LOG-STRUCTURED', 'inconclusive', 'failed'],
      ['cannot-tell', 'S-SERVICE-IDENTITY', 'failed', 'inconclusive'],
    ]);
    expect(c.counts).toEqual({ regressed: 1, 'new-failure': 0, fixed: 1, 'cannot-tell': 2, 'no-longer-evaluated': 0, 'still-failing': 0, 'still-cannot-tell': 1 });
    // the same answer as `obsready diff`: one regression and one improvement among the rules, fails ↔ cannot tell in neither
    const d = diffReports(before, after);
    expect(d.regressions).toEqual(['N-DEBUG-SHARE (normal) passed on checkout; the data cannot tell now']);
    expect(d.improvements).toEqual(['C-LOG-TRACE-CONTEXT (important) now passes on * (the data could not tell before)']);
    expect(d.rules.undecided.map((r) => `${r.ruleId}:${r.old}→${r.new}`)).toEqual(['S-SERVICE-IDENTITY:failed→inconclusive', 'S-LOG-STRUCTURED:inconclusive→failed']);
    expect(outcomeChange(c.rules[3]!)).toBe('fails → cannot tell');
    expect(outcomeChange(c.rules[0]!)).toBe('passes → cannot tell');
  });

  it('renders the outcome on each side and the rule for what cannot be told', () => {
    const base = makeUiReport();
    const before = makeUiReport({ findings: [base.findings![0]!] });
    const after = makeUiReport({ findings: [{ ...base.findings![0]!, inconclusive: true }] });
    const html = renderToStaticMarkup(createElement(CompareResults, { cmp: compareReports(before, after), rules: new Map() }));
    expect(html).toContain('<span class="pill change-cannot-tell">Cannot tell</span>');
    expect(html).toContain('<td>fails → cannot tell</td>');
    expect(html).toContain('data-testid="compare-cannot-tell-rule"');
    expect(html).toContain('Regressed: 0 · New failure: 0 · Fixed: 0 · Cannot tell: 1 · No longer evaluated: 0 · Still failing: 0 · Still cannot tell: 0');
  });
});
