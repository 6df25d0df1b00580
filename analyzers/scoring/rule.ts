// What a rule is: a catalogue entry plus an evaluation over the scoring context. A rule returns
// one outcome per service it applies to; a service it does not apply to (no logs, no histograms…)
// gets no outcome and is left out of the score ("k of n rules evaluated").
import type { SampleInfo } from '../profile/sample-note.js';
import type { TelemetryProfileState } from '../profile/telemetry-profile.js';
import type { ServiceView } from './context.js';
import type { EvidenceRecord, RuleDescriptor } from './types.js';

export interface RuleOutcome {
  /** Service name, or '*' for an outcome about the whole input set. */
  service: string;
  passed: boolean;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  examined: number;
  failing: number;
  examples: EvidenceRecord[];
  /** Defaults to a confidence derived from `examined`. */
  confidence?: 'high' | 'medium' | 'low';
  /** What examined and failing count (plural); absent: records. */
  unit?: string;
  /** The data cannot tell; `passed` is false (counted as not passing). */
  inconclusive?: true;
  /** Set when examined and failing are a sample's (past a memory cap): which sample. */
  sample?: SampleInfo;
}

export interface ScoringContext {
  profile: TelemetryProfileState;
  services: ServiceView[];
  /** States of the other registered collectors, by plug-in id (e.g. 'correlation'). */
  extras: Record<string, unknown>;
}

export interface RuleDefinition extends RuleDescriptor {
  evaluate(ctx: ScoringContext): RuleOutcome[];
}
