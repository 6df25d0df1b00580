// The CLI's scoring block (printed after the inputs table): verdict, score, dimensions with
// k of n rules, the Instrumentation Score, the binding constraint and the top of the fix plan.
import { DIMENSIONS, type ScoringResult } from './types.js';
import { VERDICT_LABEL } from './verdict.js';

export type ScoreSummaryInput = Partial<Pick<ScoringResult, 'score' | 'verdict' | 'verdictReason' | 'dimensions' | 'bindingConstraint' | 'fixPlan' | 'instrumentationScore'>>;

/** A verdict's label, or what the report holds when it is none (a report written by another version). */
function label(v: string): string {
  return (VERDICT_LABEL as Record<string, string>)[v] ?? v;
}

function fmt(score: number | null | undefined): string {
  return score === null || score === undefined ? '  –  ' : score.toFixed(1).padStart(5);
}

export function formatScoreSummary(report: ScoreSummaryInput, topN = 5): string {
  if (report.verdict === undefined) return '';
  const lines: string[] = [];
  lines.push('');
  lines.push(`Level-3 verdict: ${label(report.verdict).toUpperCase()}   score ${fmt(report.score).trim()}`);
  if (report.verdictReason) lines.push(`  ${report.verdictReason}`);
  if (report.dimensions) {
    lines.push('');
    // The score weighs every (rule, service) outcome; a rule counts as passed here only when it passes for every service.
    lines.push('Dimension      score  rules evaluated  pass for every service');
    for (const d of DIMENSIONS) {
      const ds = report.dimensions[d];
      if (!ds) continue;
      lines.push(`${d.padEnd(13)} ${fmt(ds.score)}  ${`${ds.evaluated} of ${ds.total}`.padStart(15)}  ${String(ds.passed).padStart(22)}`);
    }
  }
  const is = report.instrumentationScore;
  if (is) lines.push(`\nInstrumentation Score (spec): ${is.score === null ? '–' : is.score.toFixed(1)}${is.band ? ` (${is.band})` : ''}, ${is.evaluated} of ${is.total} spec rules evaluated`);
  const bc = report.bindingConstraint;
  if (bc && bc.dimension) lines.push(`\nBinding constraint: ${bc.dimension} — ${bc.ruleIds.slice(0, 5).join(', ')}${bc.ruleIds.length > 5 ? ', …' : ''}`);
  if (report.fixPlan && report.fixPlan.length > 0) {
    lines.push('');
    lines.push(`Fix plan (top ${Math.min(topN, report.fixPlan.length)} of ${report.fixPlan.length}):`);
    report.fixPlan.slice(0, topN).forEach((f, i) => {
      const action = f.action.length > 110 ? f.action.slice(0, 109) + '…' : f.action;
      lines.push(`${String(i + 1).padStart(2)}. ${f.ruleId.padEnd(26)} +${f.gain.toFixed(1).padStart(4)} → ${f.newScore.toFixed(1).padStart(5)} ${label(f.newVerdict)}`);
      lines.push(`    ${action}`);
    });
  }
  return lines.join('\n') + '\n';
}
