// Gates and run-to-run diff on the fixture report (score 72.8, 4 critical and 12 important
// findings failing; see make-full-report.mjs) and on edited copies of it.
import { describe, expect, it } from 'vitest';
import { evaluateGates } from '../../../analyzers/report/gates.js';
import { diffReports, formatReportDiff } from '../../../analyzers/report/diff.js';
import type { Report } from '../../../analyzers/report/model.js';
import { loadFullReport, partialReport } from './helpers.js';

describe('gates', () => {
  it('--fail-under compares the overall score', () => {
    expect(evaluateGates(loadFullReport(), { failUnder: 72.8 }).failed).toBe(false);
    const g = evaluateGates(loadFullReport(), { failUnder: 72.9 });
    expect(g.failed).toBe(true);
    expect(g.reasons).toEqual(['score 72.8 is below 72.9']);
  });

  it('--fail-on critical counts critical failures; important includes critical', () => {
    const c = evaluateGates(loadFullReport(), { failOn: 'critical' });
    expect(c.failed).toBe(true);
    expect(c.reasons[0]).toMatch(/^4 critical rules fail: COR-001 \(critical\) on cart, COR-001 \(critical\) on shipping/);
    const i = evaluateGates(loadFullReport(), { failOn: 'important' });
    expect(i.reasons[0]).toMatch(/^16 critical or important rules fail/);
    const fixed = loadFullReport();
    fixed.findings = fixed.findings!.map((f) => (f.impact === 'critical' ? { ...f, passed: true } : f));
    expect(evaluateGates(fixed, { failOn: 'critical' }).failed).toBe(false);
    expect(evaluateGates(fixed, { failOn: 'important' }).failed).toBe(true);
  });

  it('fails a gate it cannot check rather than passing it', () => {
    const g = evaluateGates(partialReport(), { failUnder: 10, failOn: 'critical' });
    expect(g.failed).toBe(true);
    expect(g.reasons).toHaveLength(2);
    expect(evaluateGates(partialReport(), {}).failed).toBe(false);
    // scored, but no rule applied to the data (a CSV with only a header): nothing was checked
    const none: Report = { ...loadFullReport(), findings: [], score: null, verdict: 'inconclusive' };
    for (const failOn of ['critical', 'important'] as const) {
      expect(evaluateGates(none, { failOn })).toEqual({ failed: true, reasons: [`--fail-on ${failOn}: no rule could be evaluated on this data (verdict Inconclusive)`] });
    }
  });
});

function improved(): Report {
  // The "after" run: COR-001 fixed on cart, NOI-002 newly failing
  // on cart, service "shipping" renamed away, "billing" added, score up.
  const r = loadFullReport();
  r.generatedAt = '2024-06-01T00:00:00Z';
  r.score = 80.1;
  r.verdict = 'conditional';
  r.dimensions!.structure = { ...r.dimensions!.structure, score: 70.2 };
  r.dimensions!.noise = { ...r.dimensions!.noise, score: 75.0 };
  r.findings = r.findings!.map((f) => {
    if (f.ruleId === 'COR-001' && f.service === 'cart') return { ...f, passed: true };
    if (f.ruleId === 'NOI-002' && f.service === 'cart') return { ...f, passed: false };
    return f;
  });
  r.findings.push({ ...r.findings[0]!, service: 'billing', passed: false });
  r.services = [...r.services!.filter((s) => s.name !== 'shipping'), { ...r.services![0]!, name: 'billing' }];
  return r;
}

describe('diff', () => {
  it('reports score, verdict, dimension, rule and service changes', () => {
    const d = diffReports(loadFullReport(), improved());
    expect(d.score).toEqual({ old: 72.8, new: 80.1, delta: 7.3, direction: 'improved' });
    expect(d.verdict).toEqual({ old: 'not-ready', new: 'conditional', direction: 'improved' });
    expect(d.dimensions.map((x) => [x.dimension, x.direction, x.delta])).toEqual([
      ['structure', 'improved', 3.5], // 66.7 → 70.2
      ['noise', 'regressed', -1.7], // 76.7 → 75.0
      ['correlation', 'unchanged', 0],
    ]);
    expect(d.services.added).toEqual(['billing']);
    expect(d.services.removed).toEqual(['shipping']);
    expect(d.rules.newlyPassing.map((r) => `${r.ruleId}@${r.service}`)).toEqual(['COR-001@cart']);
    // NOI-002 passed on cart and fails now: a regression. findings[0] of the fixture (STR-001 on
    // cart) copied to the new service billing fails where nothing was evaluated before: a new
    // finding, listed but not a regression (more data examined, not worse data).
    expect(d.rules.newlyFailing.map((r) => `${r.ruleId}@${r.service}:${r.wasEvaluated}`)).toEqual(['NOI-002@cart:true']);
    expect(d.rules.newFindings.map((r) => `${r.ruleId}@${r.service}:${r.wasEvaluated}`)).toEqual(['STR-001@billing:false']);
    expect(d.regressed).toBe(true);
    expect(d.regressions).toEqual(['Noise 76.7 → 75.0 (−1.7)', 'NOI-002 (important) now fails on cart']);
    const text = formatReportDiff(d);
    expect(text).toContain('Score:    72.8 → 80.1 (+7.3)  improved');
    expect(text).toContain('Services removed: shipping');
  });

  it('finds nothing between a report and itself', () => {
    const d = diffReports(loadFullReport(), loadFullReport());
    expect(d.regressed).toBe(false);
    expect(d.regressions).toEqual([]);
    expect(d.improvements).toEqual([]);
    expect(d.services.changed).toEqual([]);
  });

  it('compares partial reports without crashing', () => {
    const d = diffReports(partialReport(), loadFullReport());
    expect(d.score.direction).toBe('unchanged');
    // a partial report has no findings: the full report's 30 failing ones are new findings, not regressions
    expect(d.rules.newlyFailing).toHaveLength(0);
    expect(d.rules.newFindings).toHaveLength(30);
  });

  it('records without a service that all name one now: the failures of "(unknown service)" are resolved, an improvement', () => {
    const before = loadFullReport();
    before.findings = [...before.findings!, { ...before.findings![0]!, ruleId: 'S-SERVICE-IDENTITY', service: '(unknown service)', impact: 'critical', passed: false }];
    before.services = [...before.services!, { ...before.services![0]!, name: '(unknown service)' }];
    const d = diffReports(before, loadFullReport());
    expect(d.rules.resolved.map((r) => `${r.ruleId}@${r.service}`)).toEqual(['S-SERVICE-IDENTITY@(unknown service)']);
    expect(d.improvements).toContain('S-SERVICE-IDENTITY (critical) no longer fails on (unknown service): every record names its service now');
    expect(d.regressions.filter((r) => r.includes('unknown'))).toEqual([]);
    expect(formatReportDiff(d)).toContain('Services removed: (unknown service) (not in the new report)');
  });

  it('a failure that moved from "(unknown service)" to a newly named service is no improvement', () => {
    // before: S-LOG-TIMEZONE fails on (unknown service); after: the records name `hdfs`, which fails it
    const before = loadFullReport();
    const tz = { ...before.findings![0]!, ruleId: 'S-LOG-TIMEZONE', impact: 'low' as const, passed: false };
    before.findings = [...before.findings!, { ...tz, service: '(unknown service)' }];
    before.services = [...before.services!, { ...before.services![0]!, name: '(unknown service)' }];
    const after = loadFullReport();
    after.findings = [...after.findings!, { ...tz, service: 'hdfs' }];
    after.services = [...after.services!, { ...after.services![0]!, name: 'hdfs' }];
    const d = diffReports(before, after);
    expect(d.rules.resolved).toEqual([]);
    expect(d.improvements.filter((r) => r.includes('S-LOG-TIMEZONE'))).toEqual([]);
  });

  it('a rule the data cannot tell: fails ↔ cannot tell is neither a regression nor a fix; a pass that is no longer shown is a regression', () => {
    const before = loadFullReport();
    const after = loadFullReport();
    // four (rule, service) pairs of the fixture: two failing, two passing
    const failing = before.findings!.filter((f) => !f.passed).slice(0, 2);
    const passing = before.findings!.filter((f) => f.passed).slice(0, 2);
    const at = (r: Report, f: { ruleId: string; service: string }) => r.findings!.findIndex((x) => x.ruleId === f.ruleId && x.service === f.service);
    const undecided = (r: Report, f: { ruleId: string; service: string }) => (r.findings![at(r, f)] = { ...r.findings![at(r, f)]!, passed: false, inconclusive: true });
    undecided(after, failing[0]!); // fails → cannot tell
    undecided(before, failing[1]!); // cannot tell → fails
    undecided(after, passing[0]!); // passes → cannot tell
    undecided(before, passing[1]!); // cannot tell → passes
    const d = diffReports(before, after);
    const id = (f: { ruleId: string; service: string }) => `${f.ruleId}@${f.service}`;
    expect(d.rules.undecided.map((r) => [id(r), r.old, r.new]).sort()).toEqual([
      [id(failing[0]!), 'failed', 'inconclusive'],
      [id(failing[1]!), 'inconclusive', 'failed'],
    ].sort());
    expect(d.rules.newlyUndecided.map((r) => [id(r), r.old, r.new])).toEqual([[id(passing[0]!), 'passed', 'inconclusive']]);
    expect(d.rules.newlyPassing.map((r) => [id(r), r.old, r.new])).toEqual([[id(passing[1]!), 'inconclusive', 'passed']]);
    expect(d.rules.newlyFailing).toEqual([]);
    expect(d.regressions).toEqual([`${passing[0]!.ruleId} (${passing[0]!.impact}) passed on ${passing[0]!.service}; the data cannot tell now`]);
    expect(d.improvements).toEqual([`${passing[1]!.ruleId} (${passing[1]!.impact}) now passes on ${passing[1]!.service} (the data could not tell before)`]);
    expect(d.unchangedRules).toEqual({ failing: loadFullReport().findings!.filter((f) => !f.passed).length - 2, undecided: 0 });
    const text = formatReportDiff(d);
    expect(text).toContain('Failing in one report, the data cannot tell in the other (neither a regression nor a fix) (2)');
    expect(text).toContain(`  ${failing[0]!.ruleId} (${failing[0]!.impact}) on ${failing[0]!.service}: fails → cannot tell`);
    expect(text).toContain(`  ${failing[1]!.ruleId} (${failing[1]!.impact}) on ${failing[1]!.service}: cannot tell → fails`);
  });

  it('a failing rule of the whole input set ("*") that is not evaluated now is listed', () => {
    const before = loadFullReport();
    before.findings = [...before.findings!, { ...before.findings![0]!, ruleId: 'COR-099', service: '*', passed: false }];
    const d = diffReports(before, loadFullReport());
    expect(d.rules.noLongerEvaluated.map((r) => `${r.ruleId}@${r.service}:${r.old}`)).toEqual(['COR-099@*:failed']);
  });

  it('records that named their service and name none now: a critical failure on "(unknown service)" is a regression', () => {
    // before: S-SERVICE-IDENTITY passes on hdfs; after: hdfs is gone and the rule fails on (unknown service)
    const before = loadFullReport();
    const id = { ...before.findings![0]!, ruleId: 'S-SERVICE-IDENTITY', impact: 'critical' as const };
    before.findings = [...before.findings!, { ...id, service: 'hdfs', passed: true }];
    before.services = [...before.services!, { ...before.services![0]!, name: 'hdfs' }];
    const after = loadFullReport();
    after.findings = [...after.findings!, { ...id, service: '(unknown service)', passed: false }];
    after.services = [...after.services!, { ...after.services![0]!, name: '(unknown service)' }];
    const d = diffReports(before, after);
    expect(d.rules.newlyFailing.map((r) => `${r.ruleId}@${r.service}`)).toEqual(['S-SERVICE-IDENTITY@(unknown service)']);
    expect(d.regressions).toContain('S-SERVICE-IDENTITY (critical) now fails on (unknown service)');
    expect(d.regressed).toBe(true);
  });
});
