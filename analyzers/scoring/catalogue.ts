// The rule catalogue: every rule ObsReady scores with, as data. Other modules add their rules with
// `registerRules` (see index.ts); docs/rules.md is generated from `allRules()`.
import { NOISE_RULES } from './noise-rules.js';
import type { RuleDefinition } from './rule.js';
import { STRUCTURE_RULES } from './structure-rules.js';
import type { Dimension, RuleDescriptor } from './types.js';
import { DIMENSIONS } from './types.js';

const registered: RuleDefinition[] = [...STRUCTURE_RULES, ...NOISE_RULES];

/** Add rules (e.g. the correlation dimension). Ids must be unique; registering the same id twice throws. */
export function registerRules(rules: readonly RuleDefinition[]): void {
  for (const r of rules) {
    const existing = registered.find((x) => x.id === r.id);
    if (existing === r) continue;
    if (existing) throw new Error(`rule ${r.id} is already registered`);
    registered.push(r);
  }
}

/** All rules in catalogue order: by dimension (structure, noise, correlation), then id. */
export function allRules(): RuleDefinition[] {
  const dimIndex = (d: Dimension) => DIMENSIONS.indexOf(d);
  return [...registered].sort((a, b) => dimIndex(a.dimension) - dimIndex(b.dimension) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function describeRule(r: RuleDefinition): RuleDescriptor {
  return { id: r.id, dimension: r.dimension, signal: r.signal, impact: r.impact, title: r.title, passes: r.passes, threshold: r.threshold, rationale: r.rationale, remediation: r.remediation };
}
