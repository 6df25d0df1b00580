// The workflow assessment as it goes into the report's `workflows` field: the answers plus the
// computed level, binding constraint and data readiness (read by analyzers/report/view.ts).
import type { Report } from '../report/model.js';
import { evaluateWorkflow, LEVEL_NAMES, type WorkflowAssessment } from './model.js';

export interface ReportWorkflow extends WorkflowAssessment {
  level: number;
  levelName: string;
  nextLevel: number | null;
  bindingConstraint: string | null;
  /** Lowest score among the touched services that the data covers; null when none is scored. */
  dataReadiness: number | null;
  readinessVerdict: string | null;
  note: string;
}

export function workflowsForReport(workflows: WorkflowAssessment[], report: Report): ReportWorkflow[] {
  return workflows.map((w) => {
    const ev = evaluateWorkflow(w, report);
    const scores = ev.readiness.matched.map((m) => m.score).filter((s): s is number => s !== null);
    return {
      ...w,
      level: ev.level,
      levelName: LEVEL_NAMES[ev.level],
      nextLevel: ev.nextLevel,
      bindingConstraint: ev.binding,
      dataReadiness: scores.length ? Math.min(...scores) : null,
      readinessVerdict: ev.readiness.verdict,
      note: [ev.levelCaveat, ...ev.reasons].filter(Boolean).join(' '),
    };
  });
}
