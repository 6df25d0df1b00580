// What the verdict, the binding constraint and the fix plan say to people names verdicts by the
// labels the reports show ("Not ready"), never by the JSON report's slugs ("not-ready").
import { describe, expect, it } from 'vitest';
import type { SignalRecord } from '../../../analyzers/model/index.js';
import { otlpJson } from '../../../analyzers/importers/otlp-json/index.js';
import { textLogs } from '../../../analyzers/importers/text-logs/index.js';
import { computeVerdict } from '../../../analyzers/scoring/verdict.js';
import { formatScoreSummary } from '../../../analyzers/scoring/format-summary.js';
import { labelVerdict } from '../../../analyzers/report/format.js';
import type { Report } from '../../../analyzers/report/model.js';
import { decodeFile, scoreRecords } from './helpers.js';

const SLUG = /\b(not-ready|conditional|inconclusive)\b/;

/** Every sentence of a scored report meant for people. */
function prose(r: Report): string[] {
  return [r.verdictReason ?? '', r.bindingConstraint?.explanation ?? '', ...(r.fixPlan ?? []).map((f) => f.action), formatScoreSummary(r, 100)];
}

const all = decodeFile(otlpJson, 'otlp-json/otel-tui/test_data.json');
const named = all.filter((r) => r.resource.serviceName !== undefined);

describe('verdict texts', () => {
  it('a failed critical rule: the reason names the cap by its label', () => {
    const v = computeVerdict([{ ruleId: 'S-SERVICE-IDENTITY', dimension: 'structure', impact: 'critical', service: 'api', passed: false }], { records: 500, rangeMs: 600_000 });
    expect(v).toEqual({ verdict: 'not-ready', reason: 'Critical rule S-SERVICE-IDENTITY failed for service api; a critical flaw caps the verdict at “Not ready” whatever the average.' });
  });

  it('a critical rule failed for several services: the reason lists three and counts the rest, without nested brackets', () => {
    const fail = (service: string) => ({ ruleId: 'S-SERVICE-IDENTITY', dimension: 'structure' as const, impact: 'critical' as const, service, passed: false });
    const two = computeVerdict([fail('api'), fail('(unknown service)')], { records: 500, rangeMs: 600_000 });
    expect(two.reason).toBe('Critical rule S-SERVICE-IDENTITY failed for 2 services: (unknown service) and api; a critical flaw caps the verdict at “Not ready” whatever the average.');
    const five = computeVerdict(['e', 'd', 'c', 'b', 'a'].map(fail), { records: 500, rangeMs: 600_000 });
    const rules = computeVerdict([fail('api'), { ...fail('api'), ruleId: 'C-TRACE-CONTEXT' }], { records: 500, rangeMs: 600_000 });
    expect(rules.reason).toBe('Critical rules C-TRACE-CONTEXT, S-SERVICE-IDENTITY failed for service api; a critical flaw caps the verdict at “Not ready” whatever the average.');
    expect(five.reason).toBe('Critical rule S-SERVICE-IDENTITY failed for 5 services: a, b, c and 2 more; a critical flaw caps the verdict at “Not ready” whatever the average.');
  });

  it('on real data with a critical flaw: reason, binding constraint and terminal summary say “Not ready”, the JSON fields keep the slugs', () => {
    // every tenth record loses its service name: S-SERVICE-IDENTITY fails
    const broken = all.map((r, i): SignalRecord => (i % 10 === 0 ? ({ ...r, resource: { ...r.resource, serviceName: undefined, attributes: {} } } as SignalRecord) : r));
    const r = scoreRecords(broken);
    expect(r.verdict).toBe('not-ready');
    const first = r.fixPlan!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY')!;
    expect(r.bindingConstraint!.explanation).toBe(`Critical rule S-SERVICE-IDENTITY caps the verdict at “Not ready” whatever the scores; fix it first (fix plan: S-SERVICE-IDENTITY → “${labelVerdict(first.newVerdict)}”).`);
    const summary = formatScoreSummary(r, 100);
    expect(summary).toContain('Level-3 verdict: NOT READY ');
    // each fix-plan line ends with the label of the verdict it would reach
    const lines = summary.split('\n').filter((l) => /^ *\d+\. /.test(l));
    expect(lines.map((l) => l.replace(/^.* → +[\d.]+ /, ''))).toEqual(r.fixPlan!.map((f) => labelVerdict(f.newVerdict)));
    for (const t of prose(r)) expect(t).not.toMatch(SLUG);
    expect(r.fixPlan!.every((f) => ['ready', 'conditional', 'not-ready', 'inconclusive'].includes(f.newVerdict))).toBe(true);
  });

  it('without a critical flaw: the binding constraint names the verdict it would reach by its label', () => {
    const r = scoreRecords(named);
    expect(r.bindingConstraint!.dimension).not.toBeNull();
    expect(r.bindingConstraint!.explanation).toMatch(/ and the verdict to “(Ready|Ready with conditions|Not ready|Inconclusive)”; no other dimension lifts it as much\.$/);
    for (const t of prose(r)) expect(t).not.toMatch(SLUG);
  });

  it('a rule failing for the whole input set: the fix plan says "in all services", never "service *"', () => {
    // HDFS's DataNode log carries no trace ids: the trace-context rule fails for the input set as a whole
    const r = scoreRecords(decodeFile(textLogs, 'loghub/HDFS/HDFS_2k.log'));
    const whole = r.fixPlan!.filter((f) => f.service === '*');
    expect(whole.length).toBeGreaterThan(0);
    for (const f of r.fixPlan!) expect(f.action).not.toContain('service *');
    expect(whole.some((f) => / — in all services: /.test(f.action))).toBe(true);
  });
});
