// Scoring: the rule catalogue, dimension scores, the Level-3 verdict, the binding constraint, the
// what-if fix plan and the Instrumentation Score view.
//
// Adding rules from another module (e.g. the correlation dimension):
//   1. write `RuleDefinition`s (rule.ts) — `evaluate(ctx)` returns one outcome per service it
//      applies to; read your collector's merged state from `ctx.extras['<your plug-in id>']`
//      (register the collector in analysis/extensions.ts PROFILE_PLUGINS);
//   2. add ONE line to `analyzers/scoring/register-all.ts`: `registerRules(CORRELATION_RULES);`
//   3. run `npm run docs:rules` so docs/rules.md lists them (a test fails while it is stale).
// Helpers: `shareRule` (failing share of a check under a threshold) and `ruleFromServices`
// in rule-helpers.ts.
export { registerRules, allRules, describeRule } from './catalogue.js';
export { scoreProfile, confidenceOf, type ScoreOptions } from './engine.js';
export { buildContext, type ServiceView, type AnalyzedSeries } from './context.js';
export { computeVerdict, insufficiency, VERDICT_RANK, MIN_RECORDS, MIN_RANGE_MS, type DataSufficiency } from './verdict.js';
export { weightedScore, scoreFromCounts, round1 } from './weighted-score.js';
export { computeInstrumentationScore, IS_RULES, bandOf } from './instrumentation-score.js';
export { shareRule, ruleFromServices } from './rule-helpers.js';
export { formatScoreSummary } from './format-summary.js';
export type { RuleDefinition, RuleOutcome, ScoringContext } from './rule.js';
export * from './types.js';
import './register-all.js';
