// Building blocks for rules: "share of examined records failing a check must stay under x" is
// the common case; `ruleFromServices` covers rules computed from a service view directly.
import type { CheckState } from '../profile/checks.js';
import type { ExampleRecord } from '../profile/examples.js';
import { sampleNote } from '../profile/sample-note.js';
import type { ServiceView } from './context.js';
import type { RuleDefinition, RuleOutcome, ScoringContext } from './rule.js';
import type { EvidenceRecord, RuleDescriptor } from './types.js';
import { CANNOT_TELL_OPENING } from './verdict.js';

export function pct(x: number): string {
  const p = x * 100;
  return (p === 0 || p >= 10 || Number.isInteger(p) ? p.toFixed(0) : p < 0.1 ? p.toFixed(3) : p.toFixed(1)) + ' %';
}

/** Round to 4 decimals so shares serialise identically everywhere. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Examined records (or names) the data cannot decide — their format cannot carry what the check
 * looks for — counted apart from `failing`: how many, the first examples, and what they are (a
 * plural noun phrase: "metric points of a text exposition, which carries no timestamps").
 */
export interface Undecided {
  count: number;
  examples: ExampleRecord[];
  what: string;
}

/** A check's counts, with those of its examined the data cannot decide (`undecided`, not in `failing`). */
export type JudgedCheck = CheckState & {
  undecided?: Undecided;
  /** Said after the counts in the finding's message (`; …`): how some of the examined were read. */
  note?: string;
};

export interface ShareRuleSpec extends RuleDescriptor {
  /**
   * The check; its `undecided` (when any) are judged neither way: the rule fails when the failing
   * share of the others is above the allowed one, passes when it would pass even were the
   * undecided failing, and otherwise the data cannot tell (an inconclusive outcome, not passing).
   */
  check: (svc: ServiceView, ctx: ScoringContext) => JudgedCheck | undefined;
  /** Highest failing share that still passes. */
  maxFailShare: number;
  /** Fewer examined records than this: not applicable. Default 1. */
  minExamined?: number;
  /** "records without a severity" – used in messages. */
  failingWhat: string;
  /** Express the measured value as the passing share (e.g. structured share) instead of the failing one. */
  reportPassingShare?: boolean;
}

/** Why a span check ran on the spans of the sampled traces, past the memory cap. */
export const SPAN_SAMPLE_WHY = 'past the memory cap this check runs on the spans of whole traces sampled by id';

/** Counts of a check that ran on a deterministic sample are the sample's: say which (how many records of how many). */
function checkSampleNote(c: CheckState): string {
  return sampleNote(c.sample, c.sampleWhy ?? SPAN_SAMPLE_WHY);
}

export function shareRule(spec: ShareRuleSpec): RuleDefinition {
  const { check, maxFailShare, minExamined = 1, failingWhat, reportPassingShare, ...desc } = spec;
  return {
    ...desc,
    evaluate(ctx: ScoringContext): RuleOutcome[] {
      const out: RuleOutcome[] = [];
      for (const svc of ctx.services) {
        const c = check(svc, ctx);
        if (!c || c.examined < minExamined) continue;
        if (c.undecided !== undefined && c.undecided.count > 0) {
          out.push(withUndecided(svc.name, c, c.undecided, maxFailShare, failingWhat, reportPassingShare));
          continue;
        }
        const share = c.failing / c.examined;
        const passed = share <= maxFailShare + 1e-12;
        const value = round4(reportPassingShare ? 1 - share : share);
        const threshold = round4(reportPassingShare ? 1 - maxFailShare : maxFailShare);
        out.push({
          service: svc.name,
          passed,
          value,
          threshold,
          message: `${c.failing} of ${c.examined} ${failingWhat} (${pct(share)}; ${passed ? 'within' : 'above'} the ${pct(maxFailShare)} allowed)${checkSampleNote(c)}${c.note !== undefined ? `; ${c.note}` : ''}.`,
          examined: c.examined,
          failing: c.failing,
          examples: c.examples.map((e) => ({ ...e })),
          ...(c.unit ? { unit: c.unit } : {}),
          ...(c.sample ? { sample: { ...c.sample } } : {}),
        });
      }
      return out;
    },
  };
}

/**
 * A share rule's outcome when some examined cannot be decided (`u` of them): fails on the others
 * alone (`f` of `n - u` above the allowed share), passes when even `f + u` of `n` stays within it,
 * else cannot tell.
 */
function withUndecided(service: string, c: CheckState, u: Undecided, maxFailShare: number, failingWhat: string, reportPassingShare: boolean | undefined): RuleOutcome {
  const n = c.examined;
  const f = c.failing;
  const judged = n - u.count;
  const threshold = round4(reportPassingShare ? 1 - maxFailShare : maxFailShare);
  const common = { service, threshold, ...(c.unit ? { unit: c.unit } : {}), ...(c.sample ? { sample: { ...c.sample } } : {}) };
  const valueOf = (share: number) => round4(reportPassingShare ? 1 - share : share);
  const note = checkSampleNote(c);
  const judgedShare = judged > 0 ? f / judged : 0;
  if (judged > 0 && judgedShare > maxFailShare + 1e-12) {
    return { ...common, passed: false, value: valueOf(judgedShare), message: `${f} of ${judged} ${failingWhat} (${pct(judgedShare)}; above the ${pct(maxFailShare)} allowed); the other ${u.count} cannot be told, being ${u.what}${note}.`, examined: judged, failing: f, examples: c.examples.map((e) => ({ ...e })) };
  }
  const atWorst = (f + u.count) / n;
  if (atWorst <= maxFailShare + 1e-12) {
    return { ...common, passed: true, value: valueOf(f / n), message: `${f} of ${n} ${failingWhat} (${pct(f / n)}; within the ${pct(maxFailShare)} allowed, even were the ${u.count} that cannot be told failing: ${u.what})${note}.`, examined: n, failing: f, examples: c.examples.map((e) => ({ ...e })) };
  }
  const others = judged > 0 ? `; ${f} of the other ${judged} ${failingWhat}` : '';
  const examples = [...c.examples, ...u.examples].slice(0, 5).map((e) => ({ ...e }));
  return { ...common, passed: false, value: null, message: `${CANNOT_TELL_OPENING}${u.count} of ${n} are ${u.what}${others}${note}; counted as not passing.`, examined: n, failing: f + u.count, examples, confidence: 'low', inconclusive: true };
}

export interface ServiceRuleSpec extends RuleDescriptor {
  /** Undefined = not applicable to this service. */
  perService: (svc: ServiceView, ctx: ScoringContext) => RuleOutcome | undefined;
}

export function ruleFromServices(spec: ServiceRuleSpec): RuleDefinition {
  const { perService, ...desc } = spec;
  return {
    ...desc,
    evaluate(ctx) {
      const out: RuleOutcome[] = [];
      for (const svc of ctx.services) {
        const o = perService(svc, ctx);
        if (o) out.push(o);
      }
      return out;
    },
  };
}

export function firstExamples(list: EvidenceRecord[], n = 5): EvidenceRecord[] {
  return list.slice(0, n).map((e) => ({ ...e }));
}
