// The report model: the one data structure every output (JSON, HTML, PDF, Markdown, SARIF,
// JUnit, the desktop app) is rendered from. The JSON report is this object serialised with
// stable key order; `schemaVersion` changes when a field changes meaning. Documented in
// docs/report-schema.md.
//
// Conventions: times are ISO-8601 strings (UTC, ns precision) in the report, never bigint;
// scores are 0–100 with one decimal; shares are 0–1; every finding carries evidence.

import type { CorrelationSummary, DependencyGraph, RcaReport, Symptom } from '../correlation/types.js';
import type { SampleInfo } from '../profile/sample-note.js';

export const REPORT_SCHEMA_VERSION = '1.3';

export type ReportSignal = 'traces' | 'metrics' | 'logs' | 'mixed';

export interface InputError {
  code: string;
  message: string;
  line?: number;
  offset?: number;
}

export interface InputReport {
  path: string;
  sha256: string;
  /** One of the names `--as` takes, or 'unknown' when nothing could be read. */
  format: string;
  signal: ReportSignal | 'none';
  bytes: number;
  /** Spans + log records + metric data points read from this input. */
  records: number;
  rejected: number;
  /** Total number of errors (the list below is capped). */
  errorCount: number;
  errors: InputError[];
  /** How the format was chosen. */
  /**
   * How the format was decided: from the content's head (`confidence`: the sniffer's) or forced
   * (`--as`). `readAs`: why the whole input was read as another format than its head's (an
   * OpenMetrics exposition whose distinguishing syntax lies past the 64 KB head), which `format` names.
   */
  detection: { by: 'content' | 'forced'; confidence: number; readAs?: string };
  /** Set when the input was not UTF-8 and was read as this encoding (UTF-16 with a BOM; Windows-1252 text). */
  encoding?: 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | 'windows-1252';
  /**
   * Hex sha256 of the content as read (inflated) when it is not the bytes `sha256` is of: a `.gz`
   * or `.zst` input. The duplicate-input check compares it (else `sha256`).
   */
  contentSha256?: string;
  /** Set when the input came out of a compressed file: .gz, or .zst (also the Collector file exporter's zstd framing). */
  container?: 'gzip' | 'zstd';
  /** Set when the input is a file inside a tar archive: the archive's path (the input's path is `archive/member`). */
  archive?: string;
  /**
   * Other paths that named the same file (a symbolic link, a hard link): it was read once, under
   * `path` (or, for a file out of an archive, under `archive`). Absent when the file had one path.
   */
  aliases?: string[];
  /**
   * Internal, never in a written report: a piece of a split input's records with an unset time
   * written as a date (how many, and where the first was), for the input's one notice (see
   * InputSession.absorb). Only a piece's report, which its input's session absorbs, has it.
   */
  unsetTimes?: { count: number; line?: number; offset?: number };
}

/**
 * The services of one signal: `services` lists the names, at most the first 10,000 in sorted order
 * (`servicesCapped` when names were left out); `serviceCount` counts them all, exactly up to
 * 1,000,000 distinct names, else estimated (`serviceCountApproximate`). Both flags absent when false.
 */
export interface SignalServices {
  services: string[];
  /** Always written since schema 1.3 (absent in older reports: read `services.length`). */
  serviceCount?: number;
  servicesCapped?: true;
  serviceCountApproximate?: true;
}

export interface SignalsSummary {
  traces: { spans: number; traces: number; timeRange?: TimeRange; detail?: TraceDetail } & SignalServices;
  metrics: { points: number; series: number; metricNames: number; timeRange?: TimeRange } & SignalServices;
  logs: { records: number; timeRange?: TimeRange } & SignalServices;
  /** True when a distinct count was estimated (HyperLogLog) instead of counted exactly. */
  approximate?: boolean;
}

/**
 * Set when the span details were examined on a sample (a large trace input; `--exact` turns it
 * off): the counts (spans, traces, services, status, errors) stay exact; the span checks, the trace
 * topology and the correlation's traces come from the spans of 1 trace in 2^level, picked by trace-id hash.
 */
export interface TraceDetail {
  sampled: true;
  level: number;
  /** 2^-level: the share of traces examined. */
  share: number;
  examinedSpans: number;
  /** Distinct traces among the examined spans (an estimate when `approximate`). */
  examinedTraces: number;
  approximate?: true;
}

export interface TimeRange {
  start: string;
  end: string;
}

export type Dimension = 'structure' | 'noise' | 'correlation';
export type Impact = 'critical' | 'important' | 'normal' | 'low';
export type Verdict = 'ready' | 'conditional' | 'not-ready' | 'inconclusive';

export interface EvidenceRecord {
  file: string;
  line?: number;
  offset?: number;
  /** Up to ~200 characters of the record, secrets masked. */
  excerpt: string;
  /** Why this record is an example (e.g. "no severity", "series with 412 distinct values"). */
  note?: string;
}

export interface Evidence {
  examined: number;
  failing: number;
  examples: EvidenceRecord[];
  /** 'low' when the sample is small; the finding says so. */
  confidence: 'high' | 'medium' | 'low';
  /** What `examined` and `failing` count, plural ('services', 'traces', 'metric names'…); absent: records. */
  unit?: string;
  /** Set when `examined` and `failing` are a sample's (past a memory cap): its size, the total it was taken from, the share kept. */
  sample?: SampleInfo;
}

export interface Finding {
  ruleId: string;
  dimension: Dimension;
  impact: Impact;
  signal: 'traces' | 'metrics' | 'logs' | 'cross';
  /** Service the finding is about; '*' for the whole input set. */
  service: string;
  passed: boolean;
  /** Measured value (share, count, ms …) and the threshold it was compared with. */
  value: number | string | null;
  threshold: number | string | null;
  /** One sentence in plain words: what was measured and what it means. */
  message: string;
  evidence: Evidence;
  remediation: string;
  /** The data cannot tell (no timestamps, single-point series…): counted as not passing; the message says what is missing. */
  inconclusive?: true;
}

export interface RuleDescriptor {
  id: string;
  dimension: Dimension;
  signal: 'traces' | 'metrics' | 'logs' | 'cross';
  impact: Impact;
  title: string;
  passes: string;
  threshold: string;
  rationale: string;
  remediation: string;
}

export interface DimensionScore {
  /** null when no rule of the dimension could be evaluated. */
  score: number | null;
  evaluated: number;
  total: number;
  passed: number;
  /** Rule ids evaluated in this dimension, with pass/fail over all services. */
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
  /** Overall score gain if this rule passed everywhere it failed. */
  gain: number;
  newScore: number;
  newVerdict: Verdict;
  action: string;
}

export interface InstrumentationScoreView {
  score: number | null;
  band: 'Excellent' | 'Good' | 'Needs Improvement' | 'Poor' | null;
  evaluated: number;
  total: number;
  note: string;
  perService: {
    service: string;
    score: number | null;
    band: InstrumentationScoreView['band'];
    evaluated: number;
    total: number;
    rules: { id: string; impact: Impact; passed: boolean | null; detail: string }[];
  }[];
}

export interface ReportBase {
  schemaVersion: string;
  tool: { name: string; version: string };
  generatedAt: string;
  inputs: InputReport[];
  signals: SignalsSummary;
}

/** Fields added by scoring (issue 4) and correlation (issue 5); optional until computed. */
export interface Report extends ReportBase {
  score?: number | null;
  verdict?: Verdict;
  verdictReason?: string;
  dimensions?: Record<Dimension, DimensionScore>;
  services?: ServiceScore[];
  findings?: Finding[];
  bindingConstraint?: { dimension: Dimension | null; ruleIds: string[]; explanation: string };
  fixPlan?: FixPlanItem[];
  instrumentationScore?: InstrumentationScoreView;
  rules?: RuleDescriptor[];
  /** Correlation outputs (issue 5): service identity map, dependency graph, symptoms, rca. */
  correlation?: CorrelationSummary & { score: number | null };
  dependencyGraph?: DependencyGraph;
  symptoms?: Symptom[];
  rca?: RcaReport;
  workflows?: unknown[];
}
