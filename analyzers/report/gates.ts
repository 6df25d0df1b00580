// CI gates on a report: `--fail-under N` and `--fail-on critical|important`. A gate that
// cannot be checked (no score, no findings in the report) fails, with the reason: CI must
// never pass because a number was missing.
import type { Impact, Report } from './model.js';
import { formatScore, labelVerdict } from './format.js';
import { failingFindings } from './view.js';

export type FailOn = 'critical' | 'important';

export interface GateOptions {
  failUnder?: number;
  failOn?: FailOn;
}

export interface GateResult {
  failed: boolean;
  reasons: string[];
}

const FAIL_ON_IMPACTS: Record<FailOn, Impact[]> = {
  critical: ['critical'],
  important: ['critical', 'important'],
};

export function evaluateGates(report: Report, options: GateOptions): GateResult {
  const reasons: string[] = [];
  if (options.failUnder !== undefined) {
    const s = report.score;
    if (typeof s !== 'number' || !Number.isFinite(s)) reasons.push(`--fail-under ${options.failUnder}: the report has no score (${report.verdict ? `verdict ${labelVerdict(report.verdict)}` : 'scoring was not evaluated'})`);
    else if (s < options.failUnder) reasons.push(`score ${formatScore(s)} is below ${options.failUnder}`);
  }
  if (options.failOn) {
    if (!Array.isArray(report.findings)) {
      reasons.push(`--fail-on ${options.failOn}: the report has no rule results`);
    } else if (report.findings.length === 0) {
      // Scoring ran but no rule applied (no records, or none a rule can judge): nothing was checked.
      reasons.push(`--fail-on ${options.failOn}: no rule could be evaluated on this data (${report.verdict ? `verdict ${labelVerdict(report.verdict)}` : 'scoring was not evaluated'})`);
    } else {
      const impacts = FAIL_ON_IMPACTS[options.failOn];
      const hits = failingFindings(report).filter((f) => impacts.includes(f.impact));
      if (hits.length) {
        const shown = hits.slice(0, 5).map((f) => `${f.ruleId} (${f.impact}) on ${f.service}`);
        reasons.push(`${hits.length} ${options.failOn === 'critical' ? 'critical' : 'critical or important'} rule${hits.length === 1 ? '' : 's'} fail: ${shown.join(', ')}${hits.length > 5 ? `, and ${hits.length - 5} more` : ''}`);
      }
    }
  }
  return { failed: reasons.length > 0, reasons };
}
