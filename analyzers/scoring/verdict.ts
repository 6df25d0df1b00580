// The Level-3 verdict (docs/scoring.md):
// 1. a failed critical rule caps the verdict at not-ready, whatever the average (SSL Labs capping);
// 2. too little data → inconclusive (fewer than MIN_RECORDS records, or a time range shorter than
//    MIN_RANGE_MS or unknown), with the reason;
// 3. not-ready when the overall score < 60 or any evaluated dimension < 50;
// 4. ready when the overall score ≥ 85 and every evaluated dimension ≥ 75, and no more than
//    MAX_UNREADABLE_SHARE of the records could not be read (else conditional: the scores judge
//    only the records read);
// 5. conditional otherwise (the failing rules are the conditions).
import { overallScore, weightedScore } from './weighted-score.js';
import { DIMENSIONS, type Dimension, type Impact, type Verdict } from './types.js';

export const MIN_RECORDS = 100;
export const MIN_RANGE_MS = 5 * 60_000;
export const READY_OVERALL = 85;
export const READY_DIMENSION = 75;
export const NOT_READY_OVERALL = 60;
export const NOT_READY_DIMENSION = 50;
/** Past this share of records rejected (could not be read), the data is not ready as exported. */
export const MAX_UNREADABLE_SHARE = 0.01;

export interface DataSufficiency {
  records: number;
  /** Longest time range covered by any signal, in ms; null when no record had a timestamp. */
  rangeMs: number | null;
  /** Records the importers could not read (rejected), beside the `records` read. */
  rejected?: number;
}

export interface ScoredOutcome {
  ruleId: string;
  dimension: Dimension;
  impact: Impact;
  service: string;
  passed: boolean;
}

/**
 * The verdicts as every report, the terminal and the app name them. The slugs are the JSON report's
 * machine values; prose for people uses these labels (the one copy: report/format.ts and the app
 * read it from here, scoring may not import them).
 */
export const VERDICT_LABEL: Record<Verdict, string> = {
  ready: 'Ready',
  conditional: 'Ready with conditions',
  'not-ready': 'Not ready',
  inconclusive: 'Inconclusive',
};

/**
 * A rule's outcome on a service as every output says it to people (terminal, Markdown, HTML, PDF,
 * SARIF, JUnit, diff, the app): the one copy, as VERDICT_LABEL. The JSON keeps its own values
 * (`passed`, and `inconclusive: true` for the data that cannot tell).
 */
export const RULE_OUTCOME_LABEL: Readonly<Record<'passed' | 'failed' | 'inconclusive', string>> = { passed: 'passes', failed: 'fails', inconclusive: 'cannot tell' };

/** "the data cannot tell": a finding the data cannot decide, in a sentence. */
export const DATA_CANNOT_TELL = `the data ${RULE_OUTCOME_LABEL.inconclusive}`;

/** "Cannot tell: ": how the message of a rule the data cannot decide opens. */
export const CANNOT_TELL_OPENING = `${RULE_OUTCOME_LABEL.inconclusive.charAt(0).toUpperCase()}${RULE_OUTCOME_LABEL.inconclusive.slice(1)}: `;

/** A verdict named in a sentence: “Not ready”. */
export function quotedVerdict(v: Verdict): string {
  return `“${VERDICT_LABEL[v]}”`;
}

/** Higher is better; a break must never raise it. */
export const VERDICT_RANK: Record<Verdict, number> = { 'not-ready': 0, inconclusive: 1, conditional: 2, ready: 3 };

export function insufficiency(data: DataSufficiency): string | undefined {
  if (data.records < MIN_RECORDS) return `only ${data.records} record${data.records === 1 ? '' : 's'} (at least ${MIN_RECORDS} are needed to judge)`;
  if (data.rangeMs === null) return 'no record carries a timestamp, so the time range cannot be judged';
  if (data.rangeMs < MIN_RANGE_MS) return `the data covers ${formatRange(data.rangeMs)} (at least 5 min are needed to judge noise and behaviour over time)`;
  return undefined;
}

/** Rounded down: a range just under a threshold must never read as the threshold (4 min 59 s is not "5.0 min"). */
export function formatRange(ms: number): string {
  if (ms < 1000) return `${Math.floor(ms)} ms`;
  if (ms < 120_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  return `${(Math.floor(ms / 6000) / 10).toFixed(1)} min`;
}

/** What share of the records could not be read, when over MAX_UNREADABLE_SHARE; undefined otherwise. */
export function unreadable(data: DataSufficiency): string | undefined {
  const lost = data.rejected ?? 0;
  const all = data.records + lost;
  if (lost === 0 || lost / all <= MAX_UNREADABLE_SHARE) return undefined;
  return `${lost} of ${all} records (${((lost / all) * 100).toFixed(1)} %) could not be read (see the inputs' errors) and are not judged`;
}

/** "service api", "2 services: a and b", "5 services: a, b, c and 2 more". */
function nameServices(services: readonly string[]): string {
  if (services.length === 1) return `service ${services[0]}`;
  const shown = services.length > 3 ? `${services.slice(0, 3).join(', ')} and ${services.length - 3} more` : `${services.slice(0, -1).join(', ')} and ${services[services.length - 1]}`;
  return `${services.length} services: ${shown}`;
}

export function computeVerdict(outcomes: readonly ScoredOutcome[], data: DataSufficiency): { verdict: Verdict; reason: string } {
  const critical = outcomes.filter((o) => o.impact === 'critical' && !o.passed);
  if (critical.length > 0) {
    const ids = [...new Set(critical.map((o) => o.ruleId))].sort();
    const services = [...new Set(critical.map((o) => o.service))].sort();
    // (with too little data the cap still holds — the flaw is in the records read — but the rest cannot be judged: said too)
    const thin = insufficiency(data);
    return { verdict: 'not-ready', reason: `Critical rule${ids.length > 1 ? 's' : ''} ${ids.join(', ')} failed for ${nameServices(services)}; a critical flaw caps the verdict at ${quotedVerdict('not-ready')} whatever the average.${thin ? ` Beyond that flaw the data cannot tell: ${thin}.` : ''}` };
  }
  const why = insufficiency(data);
  if (why) return { verdict: 'inconclusive', reason: `Inconclusive: ${why}.` };
  const overall = overallScore(outcomes);
  if (overall === null) return { verdict: 'inconclusive', reason: 'Inconclusive: no rule could be evaluated on this data.' };
  const dims = DIMENSIONS.map((d) => [d, weightedScore(outcomes.filter((o) => o.dimension === d))] as const).filter((x) => x[1] !== null) as [Dimension, number][];
  const low = dims.filter(([, s]) => s < NOT_READY_DIMENSION);
  const lost = unreadable(data);
  if (overall < NOT_READY_OVERALL || low.length > 0) {
    const parts = [];
    if (overall < NOT_READY_OVERALL) parts.push(`overall score ${overall.toFixed(1)} < ${NOT_READY_OVERALL}`);
    for (const [d, s] of low) parts.push(`${d} ${s.toFixed(1)} < ${NOT_READY_DIMENSION}`);
    return { verdict: 'not-ready', reason: `Not ready: ${parts.join('; ')}.${lost ? ` Besides, ${lost}.` : ''}` };
  }
  const weak = dims.filter(([, s]) => s < READY_DIMENSION);
  if (overall >= READY_OVERALL && weak.length === 0) {
    if (lost) return { verdict: 'conditional', reason: `Ready with conditions: ${lost}; the scores (overall ${overall.toFixed(1)}) judge only the records read. Fix the export and analyse it again to be ready.` };
    return { verdict: 'ready', reason: `Ready: overall ${overall.toFixed(1)} ≥ ${READY_OVERALL} and every evaluated dimension ≥ ${READY_DIMENSION}.` };
  }
  const failing = [...new Set(outcomes.filter((o) => !o.passed && o.impact !== 'low').map((o) => o.ruleId))].sort();
  const parts = [];
  if (overall < READY_OVERALL) parts.push(`overall ${overall.toFixed(1)} < ${READY_OVERALL}`);
  for (const [d, s] of weak) parts.push(`${d} ${s.toFixed(1)} < ${READY_DIMENSION}`);
  return { verdict: 'conditional', reason: `Ready with conditions: ${parts.join('; ')}; fix ${failing.slice(0, 5).join(', ') || 'the failing rules'} to be ready.${lost ? ` Besides, ${lost}.` : ''}` };
}
