// Before/after comparison of two reports for the Compare screen: the CLI's `obsready diff`
// (analyzers/report/diff.ts) decides what regressed, improved or cannot be told; this only puts its
// answer in the screen's shape, so the app and the terminal never disagree.
import type { Dimension, Report, Verdict } from '../../../analyzers/report/model.js';
import { diffReports, type RuleChange as DiffRuleChange, type RuleOutcome, type ScoreChange } from '../../../analyzers/report/diff.js';
import { compareText } from '../../../analyzers/report/format.js';

export interface Delta {
  before: number | null;
  after: number | null;
  /** after − before, one decimal; null when either side is missing. */
  change: number | null;
}

/**
 * `regressed` and `fixed` are counted as `obsready diff` counts them; `cannot-tell`: the data cannot
 * tell on one side and the rule does not pass on the other (fails ↔ cannot tell, or newly
 * evaluated and undecided) — neither a regression nor a fix.
 */
export type RuleChangeKind = 'regressed' | 'new-failure' | 'fixed' | 'cannot-tell' | 'no-longer-evaluated' | 'still-failing' | 'still-cannot-tell';

export interface RuleChange {
  ruleId: string;
  service: string;
  kind: RuleChangeKind;
  impact: string;
  dimension: string;
  /** The rule's outcome on the service before and after; null where that report did not evaluate it. */
  before: RuleOutcome | null;
  after: RuleOutcome | null;
  /** Why, when the outcomes alone do not say it. */
  note?: string;
}

export interface Comparison {
  score: Delta;
  verdict: { before: Verdict | null; after: Verdict | null; direction: 'better' | 'worse' | 'same' };
  dimensions: Record<Dimension, Delta>;
  services: { name: string; score: Delta; verdictBefore: Verdict | null; verdictAfter: Verdict | null }[];
  /** Rules that changed; the unchanged ones (still failing, still undecided) are only counted. */
  rules: RuleChange[];
  counts: Record<RuleChangeKind, number>;
}

export const KIND_ORDER: readonly RuleChangeKind[] = ['regressed', 'new-failure', 'fixed', 'cannot-tell', 'no-longer-evaluated', 'still-failing', 'still-cannot-tell'];

function delta(c: ScoreChange): Delta {
  return { before: c.old, after: c.new, change: c.delta };
}

function pairDelta(before: number | null | undefined, after: number | null | undefined): Delta {
  const b = typeof before === 'number' ? before : null;
  const a = typeof after === 'number' ? after : null;
  return { before: b, after: a, change: a !== null && b !== null ? Math.round((a - b) * 10) / 10 : null };
}

export function compareReports(before: Report, after: Report): Comparison {
  const d = diffReports(before, after);
  const direction = d.verdict.direction === 'improved' ? 'better' : d.verdict.direction === 'regressed' ? 'worse' : 'same';
  const dimensions = Object.fromEntries(d.dimensions.map((x) => [x.dimension, delta(x)])) as Record<Dimension, Delta>;

  // Every service of either report, with both sides (the screen lists them all, changed or not).
  const names = [...new Set([...(before.services ?? []).map((s) => s.name), ...(after.services ?? []).map((s) => s.name)])].sort(compareText);
  const sb = new Map((before.services ?? []).map((s) => [s.name, s]));
  const sa = new Map((after.services ?? []).map((s) => [s.name, s]));
  const services = names.map((name) => ({ name, score: pairDelta(sb.get(name)?.score, sa.get(name)?.score), verdictBefore: sb.get(name)?.verdict ?? null, verdictAfter: sa.get(name)?.verdict ?? null }));

  const row = (c: DiffRuleChange, kind: RuleChangeKind, note?: string): RuleChange => ({
    ruleId: c.ruleId,
    service: c.service,
    kind,
    impact: c.impact,
    dimension: c.dimension,
    before: c.old,
    after: c.new,
    ...(note ? { note } : {}),
  });
  const r = d.rules;
  const rules: RuleChange[] = [
    ...[...r.newlyFailing, ...r.newlyUndecided].map((c) => row(c, 'regressed')),
    ...r.newFindings.map((c) => row(c, c.new === 'inconclusive' ? 'cannot-tell' : 'new-failure')),
    ...r.newlyPassing.map((c) => row(c, 'fixed')),
    ...r.resolved.map((c) => row(c, 'fixed', 'every record names its service now')),
    ...r.undecided.map((c) => row(c, 'cannot-tell')),
    ...r.noLongerEvaluated.map((c) => row(c, 'no-longer-evaluated')),
  ];
  rules.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) || compareText(x.ruleId, y.ruleId) || compareText(x.service, y.service));
  const counts = Object.fromEntries(KIND_ORDER.map((k) => [k, rules.filter((c) => c.kind === k).length])) as Record<RuleChangeKind, number>;
  counts['still-failing'] = d.unchangedRules.failing;
  counts['still-cannot-tell'] = d.unchangedRules.undecided;
  return { score: delta(d.score), verdict: { before: d.verdict.old, after: d.verdict.new, direction }, dimensions, services, rules, counts };
}
