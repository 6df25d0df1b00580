// Scoring's own output types. They mirror analyzers/report/model.ts field for field (scoring may
// not import the report layer); analysis/extensions.ts assigns them to the report, so the
// compiler checks that the two stay compatible.
import type { SampleInfo } from '../profile/sample-note.js';

export type Dimension = 'structure' | 'noise' | 'correlation';
export type Impact = 'critical' | 'important' | 'normal' | 'low';
export type Verdict = 'ready' | 'conditional' | 'not-ready' | 'inconclusive';
export type RuleSignal = 'traces' | 'metrics' | 'logs' | 'cross';
export type Confidence = 'high' | 'medium' | 'low';

export const IMPACT_WEIGHT: Record<Impact, number> = { critical: 40, important: 30, normal: 20, low: 10 };
export const DIMENSIONS: readonly Dimension[] = ['structure', 'noise', 'correlation'];

export interface EvidenceRecord {
  file: string;
  line?: number;
  offset?: number;
  excerpt: string;
  note?: string;
}

export interface Evidence {
  examined: number;
  failing: number;
  examples: EvidenceRecord[];
  confidence: Confidence;
  /** What `examined` and `failing` count, plural ('services', 'traces', 'metric names'…); absent: records. */
  unit?: string;
  /** Set when `examined` and `failing` are a sample's (past a memory cap): its size, the total it was taken from, the share kept. */
  sample?: SampleInfo;
}

export interface Finding {
  ruleId: string;
  dimension: Dimension;
  impact: Impact;
  signal: RuleSignal;
  service: string;
  passed: boolean;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  evidence: Evidence;
  remediation: string;
  /** The data cannot tell (no timestamps, single-point series…): counted as not passing; the message says what is missing. */
  inconclusive?: true;
}

/** The catalogue entry as published (docs/rules.md, report appendix). */
export interface RuleDescriptor {
  id: string;
  dimension: Dimension;
  signal: RuleSignal;
  impact: Impact;
  title: string;
  passes: string;
  threshold: string;
  rationale: string;
  remediation: string;
}

export interface DimensionScore {
  score: number | null;
  evaluated: number;
  total: number;
  passed: number;
  rules: { ruleId: string; passed: boolean; evaluatedServices: number; failedServices: number }[];
}

export interface ServiceScore {
  name: string;
  signals: ('traces' | 'metrics' | 'logs')[];
  score: number | null;
  verdict: Verdict;
  dimensions: Record<Dimension, { score: number | null; evaluated: number; total: number }>;
  records: { spans: number; logs: number; points: number };
  /** Attribute keys that named the service for spans without a usable `service.name` (service from tag). */
  nameFrom?: string[];
  /**
   * Of its records, how many each `nameFrom` key named (the others carry a usable `service.name`):
   * `{ "PodName": 14079 }` of 14,279 records says the spans and logs named themselves and the
   * metric points were named by their pod label.
   */
  nameFromRecords?: Record<string, number>;
  /**
   * Names its records carry that differ from `name` — Kubernetes pod names (`checkout-7d4b9c6f8d-x2k9p`)
   * filed under the service they are pods of, as the dependency graph files them — with the records
   * of each, most first; at most 32.
   */
  spellings?: { name: string; records: number }[];
  /**
   * Names its records carry past the 32 listed in `spellings` (more pod names of one service): how
   * many (`atLeast`: past 10,000 they are no longer told apart) and the records that carry them.
   */
  spellingsNotListed?: { names: number; records: number; atLeast?: true };
}

export interface FixPlanItem {
  ruleId: string;
  service: string;
  gain: number;
  newScore: number;
  newVerdict: Verdict;
  action: string;
}

export type IsBand = 'Excellent' | 'Good' | 'Needs Improvement' | 'Poor';

export interface InstrumentationScoreView {
  score: number | null;
  band: IsBand | null;
  evaluated: number;
  total: number;
  note: string;
  perService: {
    service: string;
    score: number | null;
    band: IsBand | null;
    evaluated: number;
    total: number;
    rules: { id: string; impact: Impact; passed: boolean | null; detail: string }[];
  }[];
}

export interface ScoringResult {
  score: number | null;
  verdict: Verdict;
  verdictReason: string;
  dimensions: Record<Dimension, DimensionScore>;
  services: ServiceScore[];
  findings: Finding[];
  bindingConstraint: { dimension: Dimension | null; ruleIds: string[]; explanation: string };
  fixPlan: FixPlanItem[];
  instrumentationScore: InstrumentationScoreView;
  rules: RuleDescriptor[];
}
