// Runs the catalogue over a scoring context and turns outcomes into the report's scoring fields:
// findings with evidence, scores per service/dimension/overall, the verdict, the binding
// constraint and the what-if fix plan.
import { allRules, describeRule } from './catalogue.js';
import { confidenceOf } from '../profile/confidence.js';
import { computeInstrumentationScore } from './instrumentation-score.js';
import type { RuleDefinition, RuleOutcome, ScoringContext } from './rule.js';
import { CANNOT_TELL_OPENING, computeVerdict, DATA_CANNOT_TELL, quotedVerdict, VERDICT_RANK, type DataSufficiency, type ScoredOutcome } from './verdict.js';
import { overallScore, round1, weightedScore } from './weighted-score.js';
import { DIMENSIONS, IMPACT_WEIGHT, type Dimension, type DimensionScore, type Finding, type FixPlanItem, type ScoringResult, type ServiceScore, type Verdict } from './types.js';

interface Evaluated extends ScoredOutcome {
  rule: RuleDefinition;
  outcome: RuleOutcome;
}

export { confidenceOf };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function evaluateAll(ctx: ScoringContext, rules: RuleDefinition[]): Evaluated[] {
  const out: Evaluated[] = [];
  for (const rule of rules) {
    for (const o of rule.evaluate(ctx)) out.push({ rule, outcome: o, ruleId: rule.id, dimension: rule.dimension, impact: rule.impact, service: o.service, passed: o.passed });
  }
  return out.sort((a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.service, b.service));
}

function toFinding(e: Evaluated): Finding {
  const o = e.outcome;
  return {
    ruleId: e.ruleId,
    dimension: e.dimension,
    impact: e.impact,
    signal: e.rule.signal,
    service: o.service,
    passed: o.passed,
    value: o.value,
    threshold: o.threshold,
    message: o.message,
    evidence: { examined: o.examined, failing: o.failing, examples: o.examples.slice(0, 5), confidence: o.confidence ?? confidenceOf(o.examined), ...(o.unit ? { unit: o.unit } : {}), ...(o.sample ? { sample: o.sample } : {}) },
    remediation: e.rule.remediation,
    ...(o.inconclusive ? { inconclusive: true as const } : {}),
  };
}

function scoreOrNull(xs: ScoredOutcome[]): number | null {
  const s = weightedScore(xs);
  return s === null ? null : round1(s);
}

function dimensionScores(evals: Evaluated[], rules: RuleDefinition[]): Record<Dimension, DimensionScore> {
  const out = {} as Record<Dimension, DimensionScore>;
  for (const d of DIMENSIONS) {
    const inDim = evals.filter((e) => e.dimension === d);
    const ruleIds = [...new Set(inDim.map((e) => e.ruleId))].sort();
    const perRule = ruleIds.map((id) => {
      const es = inDim.filter((e) => e.ruleId === id);
      const failed = es.filter((e) => !e.passed).length;
      return { ruleId: id, passed: failed === 0, evaluatedServices: es.length, failedServices: failed };
    });
    out[d] = { score: scoreOrNull(inDim), evaluated: ruleIds.length, total: rules.filter((r) => r.dimension === d).length, passed: perRule.filter((r) => r.passed).length, rules: perRule };
  }
  return out;
}

function flip(evals: readonly ScoredOutcome[], pred: (e: ScoredOutcome) => boolean): ScoredOutcome[] {
  return evals.map((e) => (!e.passed && pred(e) ? { ...e, passed: true } : e));
}

export interface ScoreOptions {
  data: DataSufficiency;
  /** Rules to use; defaults to the whole registered catalogue. */
  rules?: RuleDefinition[];
}

/** A rule's message without its "Cannot tell: " opening (the fix plan says it its own way). */
/**
 * `services[].nameFrom` / `nameFromRecords`: the keys that named the service's records — an
 * attribute of records without a usable `service.name` (namedBy), or the label that gave a
 * resource its `service.name` (a Prometheus `job`: labelNamedRecords) — with the records of each.
 */
function nameFromOf(st: ScoringContext['services'][number]['state']): { nameFrom?: string[]; nameFromRecords?: Record<string, number> } {
  const counts = new Map<string, number>();
  for (const k of st.namedBy ?? []) counts.set(k, st.namedByRecords?.[k] ?? 0);
  for (const [k, n] of Object.entries(st.labelNamedRecords ?? {})) counts.set(k, (counts.get(k) ?? 0) + n);
  if (counts.size === 0) return {};
  const keys = [...counts.keys()].sort();
  // (a state without per-key counts, from an older ObsReady: the keys alone)
  if (st.namedBy !== undefined && st.namedByRecords === undefined && st.labelNamedRecords === undefined) return { nameFrom: keys };
  const nameFromRecords: Record<string, number> = {};
  for (const k of keys) nameFromRecords[k] = counts.get(k)!;
  return { nameFrom: keys, nameFromRecords };
}

function withoutOpening(message: string): string {
  return message.startsWith(CANNOT_TELL_OPENING) ? message.slice(CANNOT_TELL_OPENING.length) : message;
}

export function scoreProfile(ctx: ScoringContext, options: ScoreOptions): ScoringResult {
  const rules = options.rules ?? allRules();
  const evals = evaluateAll(ctx, rules);
  const overallRaw = overallScore(evals);
  const score = overallRaw === null ? null : round1(overallRaw);
  const { verdict, reason } = computeVerdict(evals, options.data);

  // (a record that could not be read names no service: the unreadable share caps only the overall verdict)
  const serviceData: DataSufficiency = { ...options.data, rejected: 0 };
  const services: ServiceScore[] = ctx.services.map((svc) => {
    const own = evals.filter((e) => e.service === svc.name);
    const dims = {} as ServiceScore['dimensions'];
    for (const d of DIMENSIONS) {
      const inDim = own.filter((e) => e.dimension === d);
      dims[d] = { score: scoreOrNull(inDim), evaluated: new Set(inDim.map((e) => e.ruleId)).size, total: rules.filter((r) => r.dimension === d).length };
    }
    const signals: ServiceScore['signals'] = [];
    if (svc.records.spans) signals.push('traces');
    if (svc.records.points) signals.push('metrics');
    if (svc.records.logs) signals.push('logs');
    const ownScore = overallScore(own);
    const spellings = Object.entries(svc.state.spellings ?? {})
      .map(([name, records]) => ({ name, records }))
      .sort((a, b) => b.records - a.records || cmp(a.name, b.name));
    return {
      name: svc.name,
      signals,
      score: ownScore === null ? null : round1(ownScore),
      verdict: computeVerdict(own, serviceData).verdict,
      dimensions: dims,
      records: { ...svc.records },
      ...nameFromOf(svc.state),
      ...(spellings.length > 0 ? { spellings } : {}),
      ...(svc.state.unlistedSpellings !== undefined ? { spellingsNotListed: { names: svc.state.unlistedSpellings.names.length, records: svc.state.unlistedSpellings.records, ...(svc.state.unlistedSpellings.more === true ? { atLeast: true as const } : {}) } } : {}),
    };
  });

  // What-if: each failing rule passes everywhere it failed.
  const failingIds = [...new Set(evals.filter((e) => !e.passed).map((e) => e.ruleId))].sort();
  const plan: (FixPlanItem & { rank: number; weight: number })[] = failingIds.map((id) => {
    const after = flip(evals, (e) => e.ruleId === id);
    const newRaw = overallScore(after) ?? 0;
    const v = computeVerdict(after, options.data).verdict;
    const rule = rules.find((r) => r.id === id)!;
    const failed = evals.filter((e) => e.ruleId === id && !e.passed);
    const failedServices = [...new Set(failed.map((e) => e.service))].sort();
    const where = failedServices.length <= 3 ? failedServices.join(', ') : `${failedServices.slice(0, 3).join(', ')} and ${failedServices.length - 3} more`;
    // '*' is an outcome about the whole input set: it covers every service named beside it.
    const scope = failedServices.includes('*') ? 'all services' : `${failedServices.length === 1 ? 'service' : 'services'} ${where}`;
    // The data cannot tell whether the rule passes: the fix is data that can be judged, not the rule's remedy.
    const undecided = failed.every((e) => e.outcome.inconclusive);
    return {
      ruleId: id,
      service: failedServices.length === 1 ? failedServices[0]! : '*',
      gain: round1(newRaw - (overallRaw ?? 0)),
      newScore: round1(newRaw),
      newVerdict: v,
      action: undecided
        ? `${rule.title} — ${DATA_CANNOT_TELL} in ${scope}: ${withoutOpening(failed[0]!.outcome.message).replace(/; counted as not passing\.$/, '')}. Export data that can be judged (timestamped points, series over time, a format that carries types and descriptions); the score counts it as not passing until then.`
        : `${rule.title} — in ${scope}: ${rule.remediation}`,
      rank: VERDICT_RANK[v],
      weight: IMPACT_WEIGHT[rule.impact],
    };
  });
  plan.sort((a, b) => b.rank - a.rank || b.gain - a.gain || b.weight - a.weight || cmp(a.ruleId, b.ruleId));
  const fixPlan: FixPlanItem[] = plan.map(({ rank: _r, weight: _w, ...item }) => item);

  const bindingConstraint = findBindingConstraint(evals, options.data, verdict, fixPlan);

  return {
    score,
    verdict,
    verdictReason: reason,
    dimensions: dimensionScores(evals, rules),
    services,
    findings: evals.map(toFinding).sort((a, b) => Number(a.passed) - Number(b.passed) || IMPACT_WEIGHT[b.impact] - IMPACT_WEIGHT[a.impact] || cmp(a.ruleId, b.ruleId) || cmp(a.service, b.service)),
    bindingConstraint,
    fixPlan,
    instrumentationScore: computeInstrumentationScore(ctx),
    rules: rules.map(describeRule),
  };
}

/**
 * The dimension whose failing rules, all fixed, would lift the verdict most (then the score most);
 * its rule ids ordered as in the fix plan. Nothing binds when no rule fails.
 */
function findBindingConstraint(evals: Evaluated[], data: DataSufficiency, verdict: Verdict, fixPlan: FixPlanItem[]): ScoringResult['bindingConstraint'] {
  const failing = evals.filter((e) => !e.passed);
  if (failing.length === 0) {
    return { dimension: null, ruleIds: [], explanation: verdict === 'inconclusive' ? 'No rule fails; the verdict is held back by the amount of data, not by a rule.' : 'No rule fails.' };
  }
  // A failed critical rule caps the verdict on its own: its dimension binds first.
  const critical = failing.filter((e) => e.impact === 'critical');
  if (critical.length > 0) {
    const critIds = new Set(critical.map((e) => e.ruleId));
    const firstCritical = fixPlan.find((f) => critIds.has(f.ruleId))!;
    const d = evals.find((e) => e.ruleId === firstCritical.ruleId)!.dimension;
    const inDim = new Set(failing.filter((e) => e.dimension === d).map((e) => e.ruleId));
    const ordered = [...fixPlan.filter((f) => critIds.has(f.ruleId) && inDim.has(f.ruleId)), ...fixPlan.filter((f) => !critIds.has(f.ruleId) && inDim.has(f.ruleId))].map((f) => f.ruleId);
    return { dimension: d, ruleIds: ordered, explanation: `${critIds.size > 1 ? 'Critical rules' : 'Critical rule'} ${[...critIds].sort().join(', ')} ${critIds.size > 1 ? 'cap' : 'caps'} the verdict at ${quotedVerdict('not-ready')} whatever the scores; fix it first (fix plan: ${firstCritical.ruleId} → ${quotedVerdict(firstCritical.newVerdict)}).` };
  }
  let best: { d: Dimension; rank: number; score: number } | undefined;
  for (const d of DIMENSIONS) {
    if (!failing.some((e) => e.dimension === d)) continue;
    const after = flip(evals, (e) => e.dimension === d);
    const rank = VERDICT_RANK[computeVerdict(after, data).verdict];
    const score = overallScore(after) ?? 0;
    if (!best || rank > best.rank || (rank === best.rank && score > best.score + 1e-9)) best = { d, rank, score };
  }
  const d = best!.d;
  const ids = new Set(failing.filter((e) => e.dimension === d).map((e) => e.ruleId));
  const ordered = fixPlan.filter((f) => ids.has(f.ruleId)).map((f) => f.ruleId);
  const newVerdict = Object.keys(VERDICT_RANK).find((k) => VERDICT_RANK[k as Verdict] === best!.rank) as Verdict;
  return {
    dimension: d,
    ruleIds: ordered,
    explanation: `Fixing the ${ordered.length} failing ${d} rule(s) would raise the score to ${round1(best!.score)} and the verdict to ${quotedVerdict(newVerdict)}; no other dimension lifts it as much.`,
  };
}
