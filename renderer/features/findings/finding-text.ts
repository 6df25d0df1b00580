// How a finding's status, measurement and evidence read in the findings browser (pure, tested).
import type { Finding, RuleDescriptor } from '../../../analyzers/report/model.js';
import { DATA_CANNOT_TELL, RULE_OUTCOME_LABEL, formatSample, formatValue, singularUnit } from '../../../analyzers/report/format.js';
import { formatCount } from '../shell/format.js';

export type FindingStatus = 'passes' | 'fails' | 'inconclusive';

/** Inconclusive findings do not pass, but they did not fail either: the data cannot tell. */
export function findingStatus(f: Pick<Finding, 'passed' | 'inconclusive'>): FindingStatus {
  if (f.inconclusive) return 'inconclusive';
  return f.passed ? 'passes' : 'fails';
}

/** The reports' words for a rule's outcome (the comparisons use them too). */
export const STATUS_LABEL: Record<FindingStatus, string> = { passes: RULE_OUTCOME_LABEL.passed, fails: RULE_OUTCOME_LABEL.failed, inconclusive: RULE_OUTCOME_LABEL.inconclusive };

// (the reports' singular of a unit, so that the app and the reports say it alike)
export { singularUnit };

function countOf(n: number, unit: string): string {
  return `${formatCount(n)} ${n === 1 ? singularUnit(unit) : unit}`;
}

/** "7 of 10 services fail · confidence high"; an inconclusive finding says what was examined, never "fail". */
export function evidenceLine(f: Pick<Finding, 'passed' | 'inconclusive' | 'evidence'>): string {
  const e = f.evidence;
  if (!e) return 'none recorded';
  const unit = e.unit && e.unit.trim() !== '' ? e.unit : 'records';
  const confidence = ` · confidence ${e.confidence}`;
  // counts of a sample (past a memory cap) say which, as the reports do
  const sample = e.sample ? ` (${formatSample(e.sample)})` : '';
  if (f.inconclusive) return `${countOf(e.examined, unit)} examined: ${DATA_CANNOT_TELL}${sample}${confidence}`;
  const verb = e.failing === 1 ? 'fails' : 'fail';
  return `${formatCount(e.failing)} of ${countOf(e.examined, unit)} ${verb}${sample}${confidence}`;
}

const isShare = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/** A share as a percentage with the precision it needs: 0.085 → "8.5 %", 0.8 → "80 %", 0.0004 → "0.04 %". */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct === 0 || pct === 100) return `${pct} %`;
  const digits = Math.abs(pct) >= 10 ? 1 : Math.abs(pct) >= 0.1 ? 1 : 2;
  return `${Number(pct.toFixed(digits))} %`;
}

/** Value and threshold as shares when both are in [0, 1], else as the report has them. */
export function measuredText(f: Pick<Finding, 'value' | 'threshold' | 'inconclusive'>): string {
  if (f.value === null || f.value === undefined) return f.inconclusive ? `not measurable (${DATA_CANNOT_TELL})` : '–';
  if (isShare(f.value) && isShare(f.threshold)) return formatPercent(f.value);
  return typeof f.value === 'number' ? formatValue(f.value) : String(f.value);
}

/** The threshold with its meaning from the rule catalogue: "80 % (passes at ≥ 80 % of lines in recurring templates)". */
export function thresholdText(f: Pick<Finding, 'value' | 'threshold'>, rule?: Pick<RuleDescriptor, 'threshold'>): string {
  const t = f.threshold;
  const shown = t === null || t === undefined ? '' : (isShare(t) && (isShare(f.value) || f.value === null || f.value === undefined) ? formatPercent(t) : typeof t === 'number' ? formatValue(t) : String(t));
  const meaning = rule?.threshold?.trim();
  if (shown && meaning) return `${shown} (passes at ${meaning})`;
  return shown || meaning || '–';
}
