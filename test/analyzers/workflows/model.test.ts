// The seed's practical assessment: levels from the automation answers, binding constraint from
// the supporting capabilities and the data readiness of the touched services.
import { describe, expect, it } from 'vitest';
import { evaluateWorkflow, levelOf, newWorkflow, parseWorkflows, serializeWorkflows, type WorkflowAnswers, type WorkflowAssessment } from '../../../analyzers/workflows/model.js';
import { workflowsForReport } from '../../../analyzers/workflows/report.js';
import { makeUiReport } from '../../renderer/fixtures/ui-report.js';

const allYes: WorkflowAnswers = {
  detectionAutomated: 'yes',
  diagnosisAutomated: 'yes',
  remediationAutomated: 'yes',
  decision: 'approval',
  observabilityStructured: 'yes',
  remediationIdempotentTested: 'yes',
  processDefined: 'yes',
  auditTrails: 'yes',
  governanceFramework: 'yes',
};

function wf(answers: Partial<WorkflowAnswers>, extra: Partial<WorkflowAssessment> = {}): WorkflowAssessment {
  return { ...newWorkflow('w1', 'Horizontal scaling'), ...extra, answers: { ...newWorkflow('x').answers, ...answers } };
}

describe('levelOf', () => {
  it('follows the yes → no progression of detection, remediation and decision', () => {
    expect(levelOf(wf({}).answers)).toEqual({ level: 0 });
    expect(levelOf(wf({ detectionAutomated: 'yes' }).answers)).toEqual({ level: 1 });
    expect(levelOf(wf({ detectionAutomated: 'yes', remediationAutomated: 'yes' }).answers)).toEqual({ level: 2 });
    expect(levelOf({ ...allYes, decision: 'approval' }).level).toBe(3);
    expect(levelOf({ ...allYes, decision: 'oversight' }).level).toBe(4);
    expect(levelOf({ ...allYes, decision: 'autonomous' }).level).toBe(5);
    // A remediation that is not automated keeps it at L1 whatever the decision says.
    expect(levelOf({ ...allYes, remediationAutomated: 'no', decision: 'autonomous' }).level).toBe(1);
  });

  it('counts an automated decision without automated diagnosis as Level 2', () => {
    const r = levelOf({ ...allYes, diagnosisAutomated: 'no' });
    expect(r.level).toBe(2);
    expect(r.caveat).toMatch(/diagnosis is not/);
  });
});

describe('evaluateWorkflow', () => {
  const report = makeUiReport();

  it('L0: observability binds (nothing detects the problem)', () => {
    const ev = evaluateWorkflow(wf({}), report);
    expect([ev.level, ev.nextLevel, ev.binding]).toEqual([0, 1, 'observability']);
  });

  it('L1 → L2: testing binds before process when neither is confirmed', () => {
    const ev = evaluateWorkflow(wf({ detectionAutomated: 'yes' }), report);
    expect([ev.level, ev.binding]).toEqual([1, 'testing']);
    expect(evaluateWorkflow(wf({ detectionAutomated: 'yes', remediationIdempotentTested: 'yes' }), report).binding).toBe('process');
  });

  it('L2 → L3: a touched service whose data is not ready binds on observability even with every answer yes', () => {
    const w = wf({ ...allYes, decision: 'human' }, { services: ['checkout', 'payment'] });
    const ev = evaluateWorkflow(w, report);
    expect([ev.level, ev.nextLevel, ev.binding]).toEqual([2, 3, 'observability']);
    expect(ev.readiness.verdict).toBe('not-ready');
    expect(ev.reasons).toEqual(['The telemetry of the touched services is not ready for a decision engine.']);
    // With only the ready service, nothing binds.
    const ok = evaluateWorkflow({ ...w, services: ['payment'] }, report);
    expect([ok.binding, ok.reasons]).toEqual([null, []]);
  });

  it('services missing from the data are blind spots', () => {
    const ev = evaluateWorkflow(wf({ ...allYes, decision: 'human' }, { services: ['payment', 'ledger'] }), report);
    expect(ev.readiness.missing).toEqual(['ledger']);
    expect(ev.binding).toBe('observability');
  });

  it('a pod name the workflow names is the service its pods are filed under (services[].spellings), not a blind spot', () => {
    const withPods = { ...report, services: report.services!.map((s) => (s.name === 'payment' ? { ...s, spellings: [{ name: 'payment-7d4b9c6f8d-x2k9p', records: 400 }] } : s)) };
    const ev = evaluateWorkflow(wf({ ...allYes, decision: 'human' }, { services: ['payment-7d4b9c6f8d-x2k9p'] }), withPods);
    // before: missing ['payment-7d4b9c6f8d-x2k9p'], verdict not-ready
    expect([ev.readiness.missing, ev.readiness.matched]).toEqual([[], [{ name: 'payment-7d4b9c6f8d-x2k9p', score: 90, verdict: 'ready' }]]);
  });

  it('governance binds once the risk class ceiling is reached', () => {
    const ev = evaluateWorkflow(wf({ ...allYes, decision: 'human' }, { services: ['payment'], riskClass: 'critical' }), report);
    expect([ev.level, ev.ceiling, ev.binding]).toEqual([2, 2, 'governance']);
    const l3 = evaluateWorkflow(wf({ ...allYes, auditTrails: 'no' }, { services: ['payment'], riskClass: 'medium' }), report);
    expect([l3.level, l3.binding]).toEqual([3, 'governance']);
  });

  it('L5 has no next level', () => {
    const ev = evaluateWorkflow(wf({ ...allYes, decision: 'autonomous' }, { riskClass: 'low' }), report);
    expect([ev.level, ev.nextLevel, ev.binding]).toEqual([5, null, null]);
  });
});

describe('workflow JSON', () => {
  it('round-trips and reports invalid answers instead of guessing', () => {
    const w = wf({ detectionAutomated: 'yes' }, { services: ['checkout'], riskClass: 'high', notes: 'pager' });
    expect(parseWorkflows(serializeWorkflows([w]))).toEqual({ workflows: [w], problems: [] });
    const bad = parseWorkflows(JSON.stringify([{ name: 'A', answers: { detectionAutomated: 'maybe', decision: 'robots' } }, { services: [] }]));
    expect(bad.workflows.map((x) => [x.name, x.answers.detectionAutomated, x.answers.decision])).toEqual([['A', 'unknown', 'human']]);
    expect(bad.problems).toEqual(['workflow "A": detectionAutomated must be yes, no or unknown', 'workflow "A": decision must be one of human, approval, oversight, autonomous', 'workflow 2: missing name']);
    expect(parseWorkflows('{').problems[0]).toMatch(/^not valid JSON/);
    // a risk class that is none of the four (an object's own property names too) is said, not taken
    for (const riskClass of ['extreme', 'toString', '__proto__']) {
      const r = parseWorkflows(JSON.stringify([{ name: 'B', riskClass }]));
      expect(r.workflows[0]!.riskClass).toBe('medium');
      expect(r.problems).toEqual([`workflow "B": riskClass must be one of low, medium, high, critical (${JSON.stringify(riskClass)} given; medium is used)`]);
    }
  });

  it('goes into the report with level, binding and data readiness', () => {
    const [r] = workflowsForReport([wf({ ...allYes, decision: 'human' }, { services: ['checkout', 'payment'] })], makeUiReport());
    expect(r).toMatchObject({ level: 2, levelName: 'Semi-automated remediation', nextLevel: 3, bindingConstraint: 'observability', dataReadiness: 51, readinessVerdict: 'not-ready' });
  });
});
