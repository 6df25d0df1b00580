// Building blocks for rules: "share of examined records failing a check must stay under x" is
// the common case; `ruleFromServices` covers rules computed from a service view directly.
import type { CheckState } from '../profile/checks.js';
import { sampleNote } from '../profile/sample-note.js';
import type { ServiceView } from './context.js';
import type { RuleDefinition, RuleOutcome, ScoringContext } from './rule.js';
import type { EvidenceRecord, RuleDescriptor } from './types.js';

export function pct(x: number): string {
  const p = x * 100;
  return (p === 0 || p >= 10 || Number.isInteger(p) ? p.toFixed(0) : p < 0.1 ? p.toFixed(3) : p.toFixed(1)) + ' %';
}

/** Round to 4 decimals so shares serialise identically everywhere. */
export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export interface ShareRuleSpec extends RuleDescriptor {
  check: (svc: ServiceView, ctx: ScoringContext) => CheckState | undefined;
  /** Highest failing share that still passes. */
  maxFailShare: number;
  /** Fewer examined records than this: not applicable. Default 1. */
  minExamined?: number;
  /** "records without a severity" – used in messages. */
  failingWhat: string;
  /** Express the measured value as the passing share (e.g. structured share) instead of the failing one. */
  reportPassingShare?: boolean;
}

/** Counts of a check that ran on a deterministic sample are the sample's: say which (how many records of how many). */
function checkSampleNote(c: CheckState): string {
  return sampleNote(c.sample, c.sampleWhy ?? 'past the memory cap this check runs on the spans of whole traces sampled by id');
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
        const share = c.failing / c.examined;
        const passed = share <= maxFailShare + 1e-12;
        const value = round4(reportPassingShare ? 1 - share : share);
        const threshold = round4(reportPassingShare ? 1 - maxFailShare : maxFailShare);
        out.push({
          service: svc.name,
          passed,
          value,
          threshold,
          message: `${c.failing} of ${c.examined} ${failingWhat} (${pct(share)}; ${passed ? 'within' : 'above'} the ${pct(maxFailShare)} allowed)${checkSampleNote(c)}.`,
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
