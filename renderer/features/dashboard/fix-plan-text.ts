// A fix plan item's action as the dashboard shows it (pure, tested). The engine writes
// "<rule title> — in service(s) <where>: <remediation>" or "… — in all services: …" (the whole input
// set; older reports wrote "in service *"); the title is already the row's heading.
import type { FixPlanItem, Report } from '../../../analyzers/report/model.js';

export interface PlanAction {
  /** "all services", "service checkout", "services a, b, c and 4 more". */
  where: string;
  /** The remediation text (may hold `code` spans). */
  remedy: string;
}

function describeWhere(kind: string, list: string): string {
  const names = list.trim();
  if (names === '*') return 'all services';
  if (kind === 'service') return `service ${names}`;
  // "*, checkout": the whole set and a service: the whole set covers it.
  if (names.split(/,\s*/).includes('*')) return 'all services';
  return `services ${names}`;
}

export function planAction(item: Pick<FixPlanItem, 'action' | 'service'>, title: string): PlanAction {
  let text = item.action.trim();
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^\s*[—–-]\s*/, '');
  // The catalogue title may differ from the one in the action (an older report): cut at " — in service".
  const all = /^(?:[\s\S]*? — )?in all services: ([\s\S]*)$/.exec(text);
  if (all) return { where: 'all services', remedy: all[1]!.trim() };
  const m = /^(?:[\s\S]*? — )?in (services?) (.+?): ([\s\S]*)$/.exec(text);
  if (m) return { where: describeWhere(m[1]!, m[2]!), remedy: m[3]!.trim() };
  return { where: item.service === '*' ? 'all services' : `service ${item.service}`, remedy: text };
}

/** The Service column: the one service, else the services the action names. */
export function planWhereShort(item: Pick<FixPlanItem, 'action' | 'service'>, title: string): string {
  if (item.service !== '*') return item.service;
  return planAction(item, title).where.replace(/^services? /, '');
}

/**
 * The binding constraint's explanation without the engine's "(fix plan: ID → verdict)" aside: the
 * dashboard says that part in the fix plan's own words (bindingPlanNote).
 */
export function bindingExplanation(explanation: string): string {
  return explanation.replace(/\s*\(fix plan: [^)]*\)/, '');
}

/** Where the first binding rule stands in the fix plan, in the plan's words ("if fixed alone"). */
export function bindingPlanNote(report: Pick<Report, 'bindingConstraint' | 'fixPlan' | 'verdict'>, titleOf: (id: string) => string, verdictLabel: (v: FixPlanItem['newVerdict']) => string): string | null {
  const ids = report.bindingConstraint?.ruleIds ?? [];
  const plan = report.fixPlan ?? [];
  if (ids.length === 0 || plan.length === 0) return null;
  const rank = plan.findIndex((f) => f.ruleId === ids[0]);
  if (rank < 0) return null;
  const item = plan[rank]!;
  const where = `rank ${rank + 1} of ${plan.length} in the fix plan`;
  const alone = `If fixed alone, “${titleOf(item.ruleId)}” would reach ${item.newScore.toFixed(1)} · ${verdictLabel(item.newVerdict)} (${where})`;
  if (report.verdict && item.newVerdict === report.verdict) return `${alone}: on its own it does not change the verdict; the other failing rules hold it there too.`;
  return `${alone}.`;
}
