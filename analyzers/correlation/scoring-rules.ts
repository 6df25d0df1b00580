// The correlation rules as scoring-catalogue entries (structurally `RuleDefinition` of
// analyzers/scoring/rule.ts, which correlation may not import). Each rule reads the merged
// collector state from `ctx.extras.correlation`; the analysis runs once per state (memoised),
// with the labelled incidents that `prepareCorrelation` attached for the run.
import type { CorrelationState } from './collector.js';
import { analyzeCorrelation, type CorrelationOptions, type CorrelationResult } from './index.js';
import { CORRELATION_RULES } from './rules.js';
import type { CorrelationEvidenceRecord, CorrelationRuleDescriptor } from './types.js';
import type { SampleInfo } from '../profile/sample-note.js';
import { TRACES_ID, type SampledTracesState } from '../analysis/sampled-traces.js';

export const CORRELATION_PLUGIN_ID = 'correlation';

const memo = new WeakMap<object, CorrelationResult>();

/** Analyse a state once, with the run's sampled traces (`traces`: see analyzeCorrelation) and options (e.g. incidents); later calls reuse the result. */
export function prepareCorrelation(state: CorrelationState, traces: SampledTracesState | undefined, options: CorrelationOptions = {}): CorrelationResult {
  const r = analyzeCorrelation(state, traces, options);
  memo.set(state, r);
  return r;
}

export function correlationResultOf(state: CorrelationState, traces: SampledTracesState | undefined): CorrelationResult {
  return memo.get(state) ?? prepareCorrelation(state, traces);
}

/** The report fields correlation adds: `correlation`, `dependencyGraph`, `symptoms`, `rca`. */
export function correlationReportFields(r: CorrelationResult): Pick<CorrelationResult, 'correlation' | 'dependencyGraph' | 'symptoms' | 'rca'> {
  const out: Pick<CorrelationResult, 'correlation' | 'dependencyGraph' | 'symptoms' | 'rca'> = { correlation: r.correlation, dependencyGraph: r.dependencyGraph, symptoms: r.symptoms };
  if (r.rca) out.rca = r.rca;
  return out;
}

export interface CorrelationRuleOutcome {
  service: string;
  passed: boolean;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  examined: number;
  failing: number;
  examples: CorrelationEvidenceRecord[];
  confidence?: 'high' | 'medium' | 'low';
  unit?: string;
  sample?: SampleInfo;
}

export interface CorrelationRuleDefinition extends CorrelationRuleDescriptor {
  evaluate(ctx: { extras: Record<string, unknown> }): CorrelationRuleOutcome[];
}

export const CORRELATION_RULE_DEFINITIONS: CorrelationRuleDefinition[] = CORRELATION_RULES.map((desc) => ({
  ...desc,
  evaluate(ctx) {
    const state = ctx.extras[CORRELATION_PLUGIN_ID] as CorrelationState | undefined;
    if (!state) return [];
    return correlationResultOf(state, ctx.extras[TRACES_ID] as SampledTracesState | undefined)
      .findings.filter((f) => f.ruleId === desc.id)
      .map((f) => ({
        service: f.service,
        passed: f.passed,
        value: f.value,
        threshold: f.threshold,
        message: f.message,
        examined: f.evidence.examined,
        failing: f.evidence.failing,
        examples: f.evidence.examples,
        confidence: f.evidence.confidence,
        ...(f.evidence.unit ? { unit: f.evidence.unit } : {}),
        ...(f.evidence.sample ? { sample: { ...f.evidence.sample } } : {}),
      }));
  },
}));
