// The workflow maturity assessment of the seed text ("Practical assessment"): per operational
// workflow, the automation questions give a level L0–L5, the supporting-capability questions and
// the data readiness of the services it touches give the binding constraint for the next level.
// Plain data and functions; stored in the report's `workflows` field.
import type { Report, Verdict } from '../report/model.js';

export type Answer = 'yes' | 'no' | 'unknown';
/** Who decides to remediate: a human; the system proposes and a human approves; the system acts under oversight; no human in the loop. */
export type DecisionMode = 'human' | 'approval' | 'oversight' | 'autonomous';
export type RiskClass = 'low' | 'medium' | 'high' | 'critical';
export type Constraint = 'observability' | 'testing' | 'process' | 'governance';
export type Level = 0 | 1 | 2 | 3 | 4 | 5;

export interface WorkflowAnswers {
  detectionAutomated: Answer;
  diagnosisAutomated: Answer;
  remediationAutomated: Answer;
  decision: DecisionMode;
  observabilityStructured: Answer;
  remediationIdempotentTested: Answer;
  /** Documented failure modes, runbooks with a rollback path, defined on-call roles for automated actions. */
  processDefined: Answer;
  auditTrails: Answer;
  governanceFramework: Answer;
}

export interface WorkflowAssessment {
  id: string;
  name: string;
  services: string[];
  riskClass: RiskClass;
  answers: WorkflowAnswers;
  notes: string;
}

export const QUESTIONS: { key: Exclude<keyof WorkflowAnswers, 'decision'>; text: string; group: 'automation' | Constraint }[] = [
  { key: 'detectionAutomated', text: 'Is the detection automated?', group: 'automation' },
  { key: 'diagnosisAutomated', text: 'Is the diagnosis automated?', group: 'automation' },
  { key: 'remediationAutomated', text: 'Is the remediation automated (scripted execution)?', group: 'automation' },
  { key: 'observabilityStructured', text: 'Is the observability data structured and programmatically accessible?', group: 'observability' },
  { key: 'remediationIdempotentTested', text: 'Are the remediation procedures idempotent and tested under failure conditions?', group: 'testing' },
  { key: 'processDefined', text: 'Are failure modes documented, with a rollback path and on-call roles for automated actions?', group: 'process' },
  { key: 'auditTrails', text: 'Are there audit trails for automated decisions?', group: 'governance' },
  { key: 'governanceFramework', text: 'Is there a governance framework that defines which actions are approved for automation?', group: 'governance' },
];

export const DECISION_LABELS: Record<DecisionMode, string> = {
  human: 'A human decides',
  approval: 'System proposes, human approves',
  oversight: 'System acts, humans oversee',
  autonomous: 'Fully autonomous',
};

export const LEVEL_NAMES: Record<Level, string> = {
  0: 'Manual operations',
  1: 'Alerting and monitoring',
  2: 'Semi-automated remediation',
  3: 'Automated with human approval',
  4: 'Autonomous with oversight',
  5: 'Fully autonomous',
};

/** The highest level the seed considers prudent per action risk class without extra governance. */
export const RISK_CEILING: Record<RiskClass, Level> = { low: 5, medium: 4, high: 3, critical: 2 };

/** A workflow with every answer unknown; the risk class is medium unless given (an example knows its own). */
export function newWorkflow(id: string, name = 'New workflow', riskClass: RiskClass = 'medium'): WorkflowAssessment {
  return {
    id,
    name,
    services: [],
    riskClass,
    notes: '',
    answers: {
      detectionAutomated: 'unknown',
      diagnosisAutomated: 'unknown',
      remediationAutomated: 'unknown',
      decision: 'human',
      observabilityStructured: 'unknown',
      remediationIdempotentTested: 'unknown',
      processDefined: 'unknown',
      auditTrails: 'unknown',
      governanceFramework: 'unknown',
    },
  };
}

/** Level from the automation answers: they progress from yes to no along detection → remediation → decision. */
export function levelOf(a: WorkflowAnswers): { level: Level; caveat?: string } {
  if (a.detectionAutomated !== 'yes') return { level: 0 };
  if (a.remediationAutomated !== 'yes') return { level: 1 };
  if (a.decision === 'human') return { level: 2 };
  // A system that picks a remediation must diagnose; without it the decision is a guess.
  if (a.diagnosisAutomated !== 'yes') return { level: 2, caveat: 'The decision is automated but the diagnosis is not: counted as Level 2.' };
  if (a.decision === 'approval') return { level: 3 };
  if (a.decision === 'oversight') return { level: 4 };
  return { level: 5 };
}

export interface DataReadiness {
  /** Worst verdict among the touched services found in the report. */
  verdict: Verdict | null;
  matched: { name: string; score: number | null; verdict: Verdict }[];
  missing: string[];
}

const VERDICT_RANK: Record<Verdict, number> = { ready: 0, conditional: 1, inconclusive: 2, 'not-ready': 3 };

export function dataReadiness(services: string[], report: Report | null): DataReadiness {
  const known = new Map((report?.services ?? []).map((s) => [s.name, s]));
  // a pod name the workflow names is the service it is a pod of (services[].spellings)
  for (const s of report?.services ?? []) for (const sp of Array.isArray(s.spellings) ? s.spellings : []) if (sp && typeof sp.name === 'string' && !known.has(sp.name)) known.set(sp.name, s);
  const matched: DataReadiness['matched'] = [];
  const missing: string[] = [];
  for (const name of services) {
    const s = known.get(name);
    if (s) matched.push({ name, score: s.score, verdict: s.verdict });
    else missing.push(name);
  }
  let verdict: Verdict | null = null;
  for (const m of matched) if (verdict === null || VERDICT_RANK[m.verdict] > VERDICT_RANK[verdict]) verdict = m.verdict;
  // Services the data does not cover at all are blind spots: not ready.
  if (missing.length > 0 && report?.services) verdict = 'not-ready';
  return { verdict, matched, missing };
}

export interface WorkflowEvaluation {
  level: Level;
  levelCaveat?: string;
  /** The level this assessment looks at next (one up, capped by the risk ceiling). */
  nextLevel: Level | null;
  binding: Constraint | null;
  reasons: string[];
  readiness: DataReadiness;
  ceiling: Level;
}

/**
 * The binding constraint for moving to the next level: the first unmet prerequisite, checked in
 * the seed's order (observability before automation, then testing, process, governance).
 */
export function evaluateWorkflow(w: WorkflowAssessment, report: Report | null): WorkflowEvaluation {
  const { level, caveat } = levelOf(w.answers);
  const readiness = dataReadiness(w.services, report);
  const ceiling = RISK_CEILING[w.riskClass];
  const target = level < 5 ? ((level + 1) as Level) : null;
  const reasons: string[] = [];
  const a = w.answers;
  const unmet: Constraint[] = [];
  if (target !== null) {
    // Observability: needed from L1 on; for L3+ the data must be ready for a decision engine.
    if (target === 1 && a.detectionAutomated !== 'yes') {
      unmet.push('observability');
      reasons.push('Detection is not automated: instrument the critical paths and tune alerts (L0 → L1).');
    }
    if (target >= 3) {
      if (a.observabilityStructured !== 'yes') {
        unmet.push('observability');
        reasons.push('Observability data is not confirmed as structured and programmatically accessible.');
      }
      if (readiness.verdict === 'not-ready' || readiness.verdict === 'inconclusive') {
        unmet.push('observability');
        reasons.push(`The telemetry of the touched services is ${readiness.verdict === 'not-ready' ? 'not ready' : 'inconclusive'} for a decision engine${readiness.missing.length ? ` (not in the data: ${readiness.missing.join(', ')})` : ''}.`);
      }
      if (target >= 3 && a.diagnosisAutomated !== 'yes') {
        unmet.push('observability');
        reasons.push('Diagnosis is not automated: symptoms are not formally tied to causes.');
      }
    }
    if (target >= 2 && a.remediationIdempotentTested !== 'yes') {
      unmet.push('testing');
      reasons.push('Remediation is not confirmed idempotent and tested under failure conditions.');
    }
    if (target >= 2 && a.processDefined !== 'yes') {
      unmet.push('process');
      reasons.push('Failure modes, rollback path or on-call roles for automated actions are not defined.');
    }
    if (target >= 3 && a.auditTrails !== 'yes') {
      unmet.push('governance');
      reasons.push('No audit trail for proposed and executed actions.');
    }
    if (target >= 3 && a.governanceFramework !== 'yes') {
      unmet.push('governance');
      reasons.push('No governance framework approves this action class for automation.');
    }
    if (target > ceiling) {
      unmet.push('governance');
      reasons.push(`A ${w.riskClass}-risk action above Level ${ceiling} needs explicit governance approval for its action class.`);
    }
  }
  const order: Constraint[] = ['observability', 'testing', 'process', 'governance'];
  const binding = order.find((c) => unmet.includes(c)) ?? null;
  return { level, ...(caveat ? { levelCaveat: caveat } : {}), nextLevel: target, binding, reasons, readiness, ceiling };
}

function isAnswer(v: unknown): v is Answer {
  return v === 'yes' || v === 'no' || v === 'unknown';
}

/** Read workflows from JSON (our own export, or a hand-written file); invalid entries are reported, not guessed. */
export function parseWorkflows(text: string): { workflows: WorkflowAssessment[]; problems: string[] } {
  const problems: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { workflows: [], problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const list = Array.isArray(data) ? data : Array.isArray((data as { workflows?: unknown })?.workflows) ? (data as { workflows: unknown[] }).workflows : null;
  if (!list) return { workflows: [], problems: ['expected an array of workflows or {"workflows": [...]}'] };
  const workflows: WorkflowAssessment[] = [];
  list.forEach((raw, i) => {
    const r = raw as Partial<WorkflowAssessment> & { answers?: Partial<WorkflowAnswers> };
    if (!r || typeof r.name !== 'string' || r.name.trim() === '') {
      problems.push(`workflow ${i + 1}: missing name`);
      return;
    }
    const w = newWorkflow(typeof r.id === 'string' && r.id ? r.id : `wf-${i + 1}`, r.name);
    if (Array.isArray(r.services)) w.services = r.services.filter((s): s is string => typeof s === 'string');
    if (typeof r.riskClass === 'string' && Object.prototype.hasOwnProperty.call(RISK_CEILING, r.riskClass)) w.riskClass = r.riskClass;
    else if (r.riskClass !== undefined) problems.push(`workflow "${r.name}": riskClass must be one of ${Object.keys(RISK_CEILING).join(', ')} (${JSON.stringify(r.riskClass).slice(0, 40)} given; ${w.riskClass} is used)`);
    if (typeof r.notes === 'string') w.notes = r.notes;
    const ans = (r.answers ?? {}) as Record<string, unknown>;
    for (const q of QUESTIONS) {
      const v = ans[q.key];
      if (v === undefined) continue;
      if (isAnswer(v)) w.answers[q.key] = v;
      else problems.push(`workflow "${r.name}": ${q.key} must be yes, no or unknown`);
    }
    for (const k of Object.keys(ans)) {
      if (k !== 'decision' && !QUESTIONS.some((q) => q.key === k)) problems.push(`workflow "${r.name}": unknown answer "${k}" (known: ${QUESTIONS.map((q) => q.key).join(', ')}, decision)`);
    }
    if (ans.decision !== undefined) {
      if (typeof ans.decision === 'string' && ans.decision in DECISION_LABELS) w.answers.decision = ans.decision as DecisionMode;
      else problems.push(`workflow "${r.name}": decision must be one of ${Object.keys(DECISION_LABELS).join(', ')}`);
    }
    workflows.push(w);
  });
  return { workflows, problems };
}

export function serializeWorkflows(workflows: WorkflowAssessment[]): string {
  return JSON.stringify({ workflows }, null, 2) + '\n';
}
