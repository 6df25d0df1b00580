// Before/after comparison of two reports: score, verdict, dimensions, rules and services.
import type { Dimension, Report, Verdict } from '../../../analyzers/report/model.js';

export interface Delta {
  before: number | null;
  after: number | null;
  /** after − before, one decimal; null when either side is missing. */
  change: number | null;
}

export type RuleChangeKind = 'fixed' | 'regressed' | 'new-failure' | 'no-longer-evaluated' | 'still-failing';

export interface RuleChange {
  ruleId: string;
  service: string;
  kind: RuleChangeKind;
  impact: string;
  dimension: string;
  message: string;
}

export interface Comparison {
  score: Delta;
  verdict: { before: Verdict | null; after: Verdict | null; direction: 'better' | 'worse' | 'same' };
  dimensions: Record<Dimension, Delta>;
  services: { name: string; score: Delta; verdictBefore: Verdict | null; verdictAfter: Verdict | null }[];
  rules: RuleChange[];
  counts: Record<RuleChangeKind, number>;
}

const VERDICT_ORDER: Record<Verdict, number> = { 'not-ready': 0, inconclusive: 1, conditional: 2, ready: 3 };

function delta(before: number | null | undefined, after: number | null | undefined): Delta {
  const b = before ?? null;
  const a = after ?? null;
  return { before: b, after: a, change: a !== null && b !== null ? Math.round((a - b) * 10) / 10 : null };
}

export function compareReports(before: Report, after: Report): Comparison {
  const vb = before.verdict ?? null;
  const va = after.verdict ?? null;
  const direction = vb === null || va === null || vb === va ? 'same' : VERDICT_ORDER[va] > VERDICT_ORDER[vb] ? 'better' : 'worse';
  const dims: Dimension[] = ['structure', 'noise', 'correlation'];
  const dimensions = Object.fromEntries(dims.map((d) => [d, delta(before.dimensions?.[d]?.score, after.dimensions?.[d]?.score)])) as Record<Dimension, Delta>;

  const names = [...new Set([...(before.services ?? []).map((s) => s.name), ...(after.services ?? []).map((s) => s.name)])].sort();
  const sb = new Map((before.services ?? []).map((s) => [s.name, s]));
  const sa = new Map((after.services ?? []).map((s) => [s.name, s]));
  const services = names.map((name) => ({ name, score: delta(sb.get(name)?.score, sa.get(name)?.score), verdictBefore: sb.get(name)?.verdict ?? null, verdictAfter: sa.get(name)?.verdict ?? null }));

  const key = (f: { ruleId: string; service: string }) => `${f.ruleId}\u0000${f.service}`;
  const fb = new Map((before.findings ?? []).map((f) => [key(f), f]));
  const fa = new Map((after.findings ?? []).map((f) => [key(f), f]));
  const rules: RuleChange[] = [];
  for (const k of new Set([...fb.keys(), ...fa.keys()])) {
    const b = fb.get(k);
    const a = fa.get(k);
    let kind: RuleChangeKind | null = null;
    if (b && a) {
      if (!b.passed && a.passed) kind = 'fixed';
      else if (b.passed && !a.passed) kind = 'regressed';
      else if (!b.passed && !a.passed) kind = 'still-failing';
    } else if (a && !b) {
      if (!a.passed) kind = 'new-failure';
    } else if (b && !a) {
      if (!b.passed) kind = 'no-longer-evaluated';
    }
    if (!kind) continue;
    const f = (a ?? b)!;
    rules.push({ ruleId: f.ruleId, service: f.service, kind, impact: f.impact, dimension: f.dimension, message: f.message });
  }
  const kindOrder: RuleChangeKind[] = ['regressed', 'new-failure', 'fixed', 'no-longer-evaluated', 'still-failing'];
  rules.sort((x, y) => kindOrder.indexOf(x.kind) - kindOrder.indexOf(y.kind) || x.ruleId.localeCompare(y.ruleId) || x.service.localeCompare(y.service));
  const counts = Object.fromEntries(kindOrder.map((k) => [k, rules.filter((r) => r.kind === k).length])) as Record<RuleChangeKind, number>;
  return { score: delta(before.score, after.score), verdict: { before: vb, after: va, direction }, dimensions, services, rules, counts };
}
