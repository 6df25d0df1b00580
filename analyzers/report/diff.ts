// Run-to-run comparison of two reports (before/after a change): what improved and what
// regressed in the score, the verdict, each dimension, each service, and each rule on each
// service. Pure data; the CLI (`obsready diff`) and the app's compare view render it.
//
// A rule's outcome on a service is one of three: it passes, it fails, or the data cannot tell
// (`inconclusive`: points without timestamps, series of one point; `passed` is false then, as the
// score counts it). Changes count by what the data shows:
// - passes → fails: a regression; fails → passes: an improvement;
// - passes → cannot tell: a regression (a pass the data no longer shows: a gate must not pass
//   because the evidence went, as with a score that is gone); cannot tell → passes: an improvement;
// - fails ↔ cannot tell: neither — a failure the data can no longer judge is not fixed, and a rule
//   the data could not judge and now fails may have failed all along. Listed apart (`undecided`).
import type { Dimension, Finding, Impact, Report, Verdict } from './model.js';
import { DATA_CANNOT_TELL, DIMENSION_ORDER, RULE_OUTCOME_LABEL, compareText, formatDelta, formatScore, labelDimension, labelVerdict, rankImpact, visibleControls } from './format.js';
import { listFindings } from './view.js';
import { isUnknownService } from '../profile/service.js';

/** Scores are shown with one decimal; smaller moves are rounding, not change. */
export const SCORE_EPSILON = 0.05;

const VERDICT_RANK: Record<Verdict, number> = { ready: 3, conditional: 2, 'not-ready': 1, inconclusive: 0 };

export type Direction = 'improved' | 'regressed' | 'unchanged';

/** A rule's outcome on a service: `inconclusive` when the data cannot tell (the finding's `inconclusive`). */
export type RuleOutcome = 'passed' | 'failed' | 'inconclusive';

export function ruleOutcome(f: Pick<Finding, 'passed' | 'inconclusive'>): RuleOutcome {
  return f.passed ? 'passed' : f.inconclusive ? 'inconclusive' : 'failed';
}

export interface ScoreChange {
  old: number | null;
  new: number | null;
  delta: number | null;
  direction: Direction;
}

export interface RuleChange {
  ruleId: string;
  service: string;
  impact: Impact;
  dimension: Dimension;
  /** Whether the rule was evaluated on this service in the old report. */
  wasEvaluated: boolean;
  /** Its outcome in the old and the new report; null where that report did not evaluate it. */
  old: RuleOutcome | null;
  new: RuleOutcome | null;
}

export interface ServiceChange {
  name: string;
  score: ScoreChange;
  verdict: { old: Verdict | null; new: Verdict | null; direction: Direction };
}

export interface ReportDiff {
  old: { generatedAt: string; toolVersion: string; inputs: number };
  new: { generatedAt: string; toolVersion: string; inputs: number };
  score: ScoreChange;
  verdict: { old: Verdict | null; new: Verdict | null; direction: Direction };
  dimensions: ({ dimension: Dimension } & ScoreChange)[];
  services: { added: string[]; removed: string[]; changed: ServiceChange[] };
  /**
   * `newlyFailing`: failing now, passing before (regressions); `newlyUndecided`: passing before, the
   * data cannot tell now (regressions); `newlyPassing`: passing now, failing or undecided before
   * (improvements); `undecided`: failing in one report, undecided in the other (neither);
   * `newFindings`: failing or undecided on what the old report did not evaluate (a new service, a
   * rule newly applicable: more data examined, not worse data); `noLongerEvaluated`: failing or
   * undecided before on a service still there, not evaluated now; `resolved`: failing before on
   * records without a service, which all name one now.
   */
  rules: { newlyFailing: RuleChange[]; newlyUndecided: RuleChange[]; newlyPassing: RuleChange[]; undecided: RuleChange[]; noLongerEvaluated: RuleChange[]; newFindings: RuleChange[]; resolved: RuleChange[] };
  /** Rules on a service with the same outcome in both reports, other than passing. */
  unchangedRules: { failing: number; undecided: number };
  regressed: boolean;
  regressions: string[];
  improvements: string[];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function compareScores(a: unknown, b: unknown): ScoreChange {
  const o = num(a);
  const n = num(b);
  // A score that is gone (the new data could not be scored) is a regression: a CI gate must not
  // pass because the scores disappeared.
  if (o !== null && n === null) return { old: o, new: n, delta: null, direction: 'regressed' };
  if (o === null || n === null) return { old: o, new: n, delta: null, direction: 'unchanged' };
  const delta = Math.round((n - o) * 10) / 10;
  return { old: o, new: n, delta, direction: delta >= SCORE_EPSILON ? 'improved' : delta <= -SCORE_EPSILON ? 'regressed' : 'unchanged' };
}

function compareVerdicts(a: Verdict | undefined, b: Verdict | undefined): { old: Verdict | null; new: Verdict | null; direction: Direction } {
  const o = a ?? null;
  const n = b ?? null;
  if (o && !n) return { old: o, new: n, direction: 'regressed' }; // the verdict is gone
  if (!o || !n || o === n) return { old: o, new: n, direction: 'unchanged' };
  const ro = VERDICT_RANK[o] ?? 0;
  const rn = VERDICT_RANK[n] ?? 0;
  return { old: o, new: n, direction: rn > ro ? 'improved' : rn < ro ? 'regressed' : 'unchanged' };
}

function key(f: Finding): string {
  return `${f.ruleId}\u0000${f.service}`;
}

function serviceNames(r: Report): Set<string> {
  const s = new Set<string>();
  for (const x of r.services ?? []) s.add(x.name);
  if (s.size === 0) for (const k of ['traces', 'metrics', 'logs'] as const) for (const n of r.signals?.[k]?.services ?? []) s.add(n);
  return s;
}

function compareRuleChange(a: RuleChange, b: RuleChange): number {
  return rankImpact(a.impact) - rankImpact(b.impact) || compareText(a.ruleId, b.ruleId) || compareText(a.service, b.service);
}

export function diffReports(oldR: Report, newR: Report): ReportDiff {
  const score = compareScores(oldR.score, newR.score);
  const verdict = compareVerdicts(oldR.verdict, newR.verdict);
  const dimensions = DIMENSION_ORDER.map((d) => ({ dimension: d, ...compareScores(oldR.dimensions?.[d]?.score, newR.dimensions?.[d]?.score) }));

  const oldNames = serviceNames(oldR);
  const newNames = serviceNames(newR);
  const added = [...newNames].filter((n) => !oldNames.has(n)).sort(compareText);
  const removed = [...oldNames].filter((n) => !newNames.has(n)).sort(compareText);
  const oldSvc = new Map((oldR.services ?? []).map((s) => [s.name, s]));
  const changed: ServiceChange[] = [];
  for (const s of [...(newR.services ?? [])].sort((a, b) => compareText(a.name, b.name))) {
    const o = oldSvc.get(s.name);
    if (!o) continue;
    const c = { name: s.name, score: compareScores(o.score, s.score), verdict: compareVerdicts(o.verdict, s.verdict) };
    if (c.score.direction !== 'unchanged' || c.verdict.direction !== 'unchanged') changed.push(c);
  }

  const oldF = new Map(listFindings(oldR).map((f) => [key(f), f]));
  const newF = new Map(listFindings(newR).map((f) => [key(f), f]));
  const newlyFailing: RuleChange[] = [];
  const newlyUndecided: RuleChange[] = [];
  const newlyPassing: RuleChange[] = [];
  const undecided: RuleChange[] = [];
  const noLongerEvaluated: RuleChange[] = [];
  const newFindings: RuleChange[] = [];
  const resolved: RuleChange[] = [];
  const unchangedRules = { failing: 0, undecided: 0 };
  // Records that named services before and name none now (or the reverse) move a finding between
  // "(unknown service)" and those services: rules passing on a service that is gone, failing on
  // one that is new.
  const addedSet = new Set(added);
  const removedSet = new Set(removed);
  const passedOnRemoved = new Set([...oldF.values()].filter((x) => x.passed && removedSet.has(x.service)).map((x) => x.ruleId));
  const failsOnAdded = new Set([...newF.values()].filter((x) => !x.passed && addedSet.has(x.service)).map((x) => x.ruleId));
  for (const [k, f] of newF) {
    const o = oldF.get(k);
    const now = ruleOutcome(f);
    const was = o ? ruleOutcome(o) : null;
    const base: RuleChange = { ruleId: f.ruleId, service: f.service, impact: f.impact, dimension: f.dimension, wasEvaluated: !!o, old: was, new: now };
    if (was === null) {
      // records whose service passed this rule now name no service, and fail it there (or cannot
      // tell it there): a regression, as if it had passed on that service before
      if (now !== 'passed' && isUnknownService(f.service) && passedOnRemoved.has(f.ruleId)) (now === 'failed' ? newlyFailing : newlyUndecided).push({ ...base, old: 'passed' });
      else if (now !== 'passed') newFindings.push(base);
    } else if (was === now) {
      if (now === 'failed') unchangedRules.failing++;
      else if (now === 'inconclusive') unchangedRules.undecided++;
    } else if (now === 'passed') newlyPassing.push(base);
    else if (was === 'passed') (now === 'failed' ? newlyFailing : newlyUndecided).push(base);
    else undecided.push(base);
  }
  for (const [k, o] of oldF) {
    if (newF.has(k) || o.passed) continue;
    const change: RuleChange = { ruleId: o.ruleId, service: o.service, impact: o.impact, dimension: o.dimension, wasEvaluated: true, old: ruleOutcome(o), new: null };
    // ('*', the whole input set, is in every report)
    if (newNames.has(o.service) || o.service === '*') noLongerEvaluated.push(change);
    // (not when the rule now fails on a newly named service: the failure moved with the records;
    // not a rule the data could not tell there: nothing was failing)
    else if (isUnknownService(o.service) && change.old === 'failed' && !failsOnAdded.has(o.ruleId)) resolved.push(change);
  }
  for (const l of [newlyFailing, newlyUndecided, newlyPassing, undecided, noLongerEvaluated, newFindings, resolved]) l.sort(compareRuleChange);

  const regressions: string[] = [];
  const improvements: string[] = [];
  const note = (c: ScoreChange, what: string): void => {
    const text = c.delta === null ? `${what} ${formatScore(c.old)} → ${formatScore(c.new)}` : `${what} ${formatScore(c.old)} → ${formatScore(c.new)} (${formatDelta(c.delta)})`;
    if (c.direction === 'regressed') regressions.push(text);
    if (c.direction === 'improved') improvements.push(text);
  };
  note(score, 'score');
  if (verdict.direction === 'regressed') regressions.push(`verdict ${labelVerdict(verdict.old)} → ${labelVerdict(verdict.new)}`);
  if (verdict.direction === 'improved') improvements.push(`verdict ${labelVerdict(verdict.old)} → ${labelVerdict(verdict.new)}`);
  for (const d of dimensions) note(d, `${labelDimension(d.dimension)}`);
  for (const r of newlyFailing) regressions.push(`${r.ruleId} (${r.impact}) now fails on ${r.service}`);
  for (const r of newlyUndecided) regressions.push(`${r.ruleId} (${r.impact}) passed on ${r.service}; ${DATA_CANNOT_TELL} now`);
  for (const r of newlyPassing) improvements.push(`${r.ruleId} (${r.impact}) now passes on ${r.service}${r.old === 'inconclusive' ? ' (the data could not tell before)' : ''}`);
  for (const r of resolved) improvements.push(`${r.ruleId} (${r.impact}) no longer fails on ${r.service}: every record names its service now`);
  for (const s of changed) {
    if (s.verdict.direction === 'regressed') regressions.push(`service ${s.name}: verdict ${labelVerdict(s.verdict.old)} → ${labelVerdict(s.verdict.new)}`);
    if (s.verdict.direction === 'improved') improvements.push(`service ${s.name}: verdict ${labelVerdict(s.verdict.old)} → ${labelVerdict(s.verdict.new)}`);
  }
  // A service dropping out is reported but not a regression of the telemetry's quality:
  // it usually means the inputs differ, which the output says next to it.
  return {
    old: { generatedAt: oldR.generatedAt ?? '', toolVersion: oldR.tool?.version ?? '', inputs: oldR.inputs?.length ?? 0 },
    new: { generatedAt: newR.generatedAt ?? '', toolVersion: newR.tool?.version ?? '', inputs: newR.inputs?.length ?? 0 },
    score,
    verdict,
    dimensions,
    services: { added, removed, changed },
    rules: { newlyFailing, newlyUndecided, newlyPassing, undecided, noLongerEvaluated, newFindings, resolved },
    unchangedRules,
    regressed: regressions.length > 0,
    regressions,
    improvements,
  };
}

/** The diff as plain text for a terminal or a CI log. */
/**
 * A name or sentence from a report (from the data) on one terminal line: a newline in it must not
 * start a line of its own, a control character must not reach the terminal (as in analyze's summary).
 */
const oneLine = (s: string): string => visibleControls(s.replace(/\r?\n/g, ' \u23ce '));

export function formatReportDiff(d: ReportDiff): string {
  const lines: string[] = [];
  const arrow = (c: ScoreChange): string => `${formatScore(c.old)} → ${formatScore(c.new)}${c.delta !== null ? ` (${formatDelta(c.delta)})` : ''}`;
  lines.push(`Score:    ${arrow(d.score)}${d.score.direction !== 'unchanged' ? `  ${d.score.direction}` : ''}`);
  lines.push(`Verdict:  ${labelVerdict(d.verdict.old)} → ${labelVerdict(d.verdict.new)}${d.verdict.direction !== 'unchanged' ? `  ${d.verdict.direction}` : ''}`);
  for (const x of d.dimensions) lines.push(`${(labelDimension(x.dimension) + ':').padEnd(13)} ${arrow(x)}${x.direction !== 'unchanged' ? `  ${x.direction}` : ''}`);
  if (d.services.added.length) lines.push(`Services added:   ${d.services.added.map(oneLine).join(', ')}`);
  if (d.services.removed.length) lines.push(`Services removed: ${d.services.removed.map(oneLine).join(', ')} (not in the new report)`);
  for (const s of d.services.changed) lines.push(`  ${oneLine(s.name)}: ${arrow(s.score)}, ${labelVerdict(s.verdict.old)} → ${labelVerdict(s.verdict.new)}`);
  const list = (title: string, items: string[]): void => {
    lines.push(`\n${title} (${items.length})`);
    for (const i of items) lines.push(`  ${oneLine(i)}`);
  };
  const outcome = (o: RuleOutcome | null): string => (o === null ? 'not evaluated' : RULE_OUTCOME_LABEL[o]);
  list('Regressed', d.regressions);
  list('Improved', d.improvements);
  if (d.rules.undecided.length) list(`Failing in one report, ${DATA_CANNOT_TELL} in the other (neither a regression nor a fix)`, d.rules.undecided.map((r) => `${r.ruleId} (${r.impact}) on ${r.service}: ${outcome(r.old)} → ${outcome(r.new)}`));
  if (d.rules.newFindings.length) list('Failing or undecided where the old report did not evaluate (a new service or newly applicable rule: not counted as a regression)', d.rules.newFindings.map((r) => `${r.ruleId} (${r.impact}) on ${r.service}${r.new === 'inconclusive' ? `: ${DATA_CANNOT_TELL}` : ''}`));
  if (d.rules.noLongerEvaluated.length) list('Failing or undecided before, not evaluated now', d.rules.noLongerEvaluated.map((r) => `${r.ruleId} on ${r.service}${r.old === 'inconclusive' ? ' (the data could not tell)' : ''}`));
  if (d.unchangedRules.failing || d.unchangedRules.undecided) lines.push(`\nUnchanged: ${d.unchangedRules.failing} failing in both, ${d.unchangedRules.undecided} ${DATA_CANNOT_TELL} in both`);
  return lines.join('\n') + '\n';
}
