// Report shapes produced by correlation (issue 5). The report model (analyzers/report/model.ts)
// refers to these for `correlation`, `dependencyGraph`, `symptoms` and `rca`. Correlation may not
// import the report layer, so its findings use `CorrelationFinding`, which is structurally the
// report's `Finding` (checked by a type test).
import type { SampleInfo } from '../profile/sample-note.js';

export type CorrelationSignal = 'traces' | 'metrics' | 'logs';

export interface CorrelationEvidenceRecord {
  file: string;
  line?: number;
  offset?: number;
  excerpt: string;
  note?: string;
}

export interface CorrelationEvidence {
  examined: number;
  failing: number;
  examples: CorrelationEvidenceRecord[];
  confidence: 'high' | 'medium' | 'low';
  /** What `examined` and `failing` count, plural ('services', 'traces', 'metric names'…); absent: records. */
  unit?: string;
  /** Set when `examined` and `failing` are a sample's (past a memory cap): its size, the total it was taken from, the share kept. */
  sample?: SampleInfo;
}

export interface CorrelationFinding {
  ruleId: string;
  dimension: 'correlation';
  impact: 'critical' | 'important' | 'normal' | 'low';
  signal: 'traces' | 'metrics' | 'logs' | 'cross';
  service: string;
  passed: boolean;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  evidence: CorrelationEvidence;
  remediation: string;
}

export interface CorrelationRuleDescriptor {
  id: string;
  dimension: 'correlation';
  signal: 'traces' | 'metrics' | 'logs' | 'cross';
  impact: 'critical' | 'important' | 'normal' | 'low';
  title: string;
  passes: string;
  threshold: string;
  rationale: string;
  remediation: string;
}

/** How a raw service name seen in a signal was mapped onto the canonical service. */
export type ServiceMappingReason =
  | 'exact' // the same name in every signal
  | 'pod-name' // a Kubernetes pod name: ReplicaSet hash and pod suffix stripped
  | 'near-miss'; // differs only by case, separators or a service/svc suffix

export interface ServiceMapping {
  raw: string;
  signal: CorrelationSignal;
  /** Where the name was read: resource `service.name`, or an attribute/label key. */
  from: string;
  service: string;
  reason: ServiceMappingReason;
  records: number;
}

export interface ServiceIdentity {
  service: string;
  signals: CorrelationSignal[];
  /** Raw names per signal (as seen). */
  names: Partial<Record<CorrelationSignal, string[]>>;
  /** True when the service is a callee known only from peer attributes of client spans. */
  peerOnly?: boolean;
}

export interface SignalRange {
  signal: CorrelationSignal;
  start: string;
  end: string;
}

export interface CorrelationSummary {
  services: ServiceIdentity[];
  mappings: ServiceMapping[];
  /** Services seen in logs or metrics but never in traces. */
  blindSpots: string[];
  logs: {
    records: number;
    withTraceId: number;
    withSpanId: number;
    /** Logs with trace context checked against the spans (all of them unless sampled). */
    checked: number;
    /** Share of the logs with trace context kept in the log sample (1 unless the run's detail level — `detailLevel` — or the sample's memory cap made it a sample by trace id). */
    sampledShare?: number;
    resolved: number;
    /** Logs more than 100 ms outside their span; median/p95 distance (ms) of those outside at all. */
    skewOutsideSpan: number;
    /** Logs whose span was available to compare times with. */
    skewChecked: number;
    skewMedianMs: number | null;
    skewP95Ms: number | null;
  };
  traces: {
    /** Spans in the export (every copy counted, as the signals count records). */
    spans: number;
    /** Spans the trace checks examined: those of the traces kept (all unless sampled), a span exported twice counted once, a Zipkin fragment folded into its span. */
    sampleSpans?: number;
    /** Traces the trace checks examined (the sample's when sampledShare < 1). */
    traces: number;
    orphanSpans: number;
    /** Copies of a span exported twice (same trace, span and parent id, service, name and times, whatever their kind: see duplicateKindConflicts), counted once in the structure checks. */
    duplicateSpans: number;
    /** Of `duplicateSpans`, copies exported with another kind than the copy kept (read by the kept copy's kind); absent when none. */
    duplicateKindConflicts?: number;
    /** Zipkin fragments (pieces of a span with neither kind nor times, reported apart) folded into their span in the structure checks; absent in older reports. */
    fragmentSpans?: number;
    multiRootTraces: number;
    noRootTraces: number;
    /** Cross-service child spans that start before their parent or end after it (beyond 1 ms). */
    childOutsideParent: number;
    crossServiceChildren: number;
    /** Share of traces kept for the structure checks (1 unless memory caps forced sampling). */
    sampledShare: number;
    /** Distinct traces in the export (of which `traces` were examined): exact, or estimated from the sample when `totalTracesEstimated`; absent in older reports. */
    totalTraces?: number;
    totalTracesEstimated?: true;
    /** Span ids kept exactly, or in a Bloom filter with this false-positive rate. */
    spanIdIndex: { kind: 'exact' | 'bloom'; falsePositiveRate: number };
  };
  metrics: {
    points: number;
    series: number;
    pointsWithExemplars: number;
    exemplarsWithTraceId: number;
    exemplarsResolved: number;
    /**
     * Present when the exemplars checked against the spans are a sample by trace id (at the run's
     * detail level, or past their cap): how many were checked, and the share of the exemplars with
     * a trace id kept (`exemplarsResolved` is estimated from them).
     */
    exemplarsChecked?: number;
    exemplarsSampledShare?: number;
    /** Median interval between points of a series, in seconds (null without a series of ≥ 2 points). */
    medianIntervalS: number | null;
    droppedSeries: number;
  };
  ranges: SignalRange[];
  /** Intersection ÷ union of the time ranges of the signals present (1 = same window). */
  timeOverlap: number | null;
  bucketWidthS: number;
  /**
   * Present when the time buckets of every metric series and log service together come near the
   * cap (more than half of TOTAL_BUCKETS at the final width; collector.ts): the width may have
   * been doubled for the total rather than for any one series. `buckets`: those held.
   */
  bucketCap?: { buckets: number; cap: number };
  /**
   * The run's detail level (../analysis/detail.ts), when > 0: the span and trace ids the logs and
   * exemplars are resolved against are those of the detail sample's traces, so the logs and
   * exemplars checked are those of its traces (their samples at this level or above).
   */
  detailLevel?: number;
}

export interface LatencySummaryMs {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface DependencyNode {
  service: string;
  /** `service` = instrumented (has spans); `peer` = inferred from client-span peer attributes. */
  kind: 'service' | 'peer';
  /** `database`, `messaging`, `http`… for peer nodes. */
  system?: string;
  spans: number;
  errorRate: number;
}

export interface DependencyEdge {
  from: string;
  to: string;
  /** `call` (client/server or cross-service parent-child), `messaging` (producer/consumer), `peer` (callee not instrumented). */
  kind: 'call' | 'messaging' | 'peer';
  calls: number;
  errors: number;
  errorRate: number;
  latencyMs: LatencySummaryMs;
}

export interface DependencyGraph {
  nodes: DependencyNode[];
  edges: DependencyEdge[];
  /** True when edge counts were estimated from a sample of traces. */
  sampled: boolean;
  /** Services (and their edges) left out of the report's graph past its size limit, when any. */
  omittedNodes?: number;
  omittedEdges?: number;
}

export type SymptomKind = 'span-error-rate' | 'span-latency' | 'call-latency' | 'log-error-burst' | 'metric-anomaly';

export interface Symptom {
  service: string;
  kind: SymptomKind;
  /** Start of the first anomalous time bucket (ISO-8601 UTC). */
  onset: string;
  /** Robust z-score (x − median) / IQR against the baseline window; capped at 1000. */
  strength: number;
  /** What was measured, e.g. `p95 1520 ms vs baseline median 14 ms (IQR 3 ms)`. */
  evidence: string;
  metric?: string;
}

export interface RcaRankingEntry {
  service: string;
  score: number;
  /** The strongest evidence behind the score, in words. */
  reason?: string;
}

export interface RcaCase {
  id: string;
  start: string;
  end?: string;
  trueService: string;
  fault?: string;
  ranking: RcaRankingEntry[];
  /** 1-based; null when the true service is not among the ranked candidates. */
  rankOfTrue: number | null;
  /** Candidate services considered (N for chance). */
  candidates: number;
}

export interface RcaMethodResult {
  method: string;
  cases: RcaCase[];
  ac1: number | null;
  ac3: number | null;
  avg5: number | null;
  /** Chance Avg@5 = mean over cases of min(5, N)… simplified to 3/N as in RCAEval (N candidates). */
  chance: number | null;
  lift: number | null;
}

export interface RcaReport extends RcaMethodResult {
  baseline: RcaMethodResult;
  /** Incidents skipped because no data covers their start (with the reason). */
  skipped: { id: string; reason: string }[];
}

/** One labelled incident as the core sees it (times already parsed). */
export interface Incident {
  id: string;
  startNs: bigint;
  endNs?: bigint;
  service: string;
  fault?: string;
}
