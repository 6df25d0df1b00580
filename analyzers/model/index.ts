// The normalized signal model. Every importer maps its raw input shapes (RawX types that
// live next to each importer) onto these types; nothing downstream sees a file format.
// This module imports nothing.

/**
 * Attributes (or labels, or a structured body's members) the analysis keeps per map of one record:
 * the first ones in the record's order (see analysis/record-limits.ts). An importer that meets a
 * bigger map may stop storing at this many and count the rest in the record's `dropped…` field.
 */
export const MAX_RECORD_ATTRIBUTES = 1024;

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = Record<string, AttrValue>;

/** Where a record came from: file and 1-based line (text formats) and/or byte offset. */
export interface Provenance {
  file: string;
  /** 1-based line where the record starts, when the format is line-oriented. */
  line?: number;
  /** Byte offset of the record's first byte in the (decompressed) input. */
  offset?: number;
}

export interface Resource {
  serviceName?: string;
  serviceInstanceId?: string;
  serviceNamespace?: string;
  serviceVersion?: string;
  environment?: string;
  /**
   * Set when the export carries no resource and `service.name` was derived from a point's labels
   * (OpenTelemetry's Prometheus compatibility): the label that named it (`job`, `service_name`,
   * Datadog's `service` tag; `target_info job` for one taken from the `target_info` before it).
   */
  serviceNameFrom?: string;
  /** All resource attributes as received, including the ones lifted above. */
  attributes: Attributes;
}

export interface Scope {
  name?: string;
  version?: string;
  attributes?: Attributes;
}

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusCode = 'unset' | 'ok' | 'error';

export interface SpanEvent {
  name: string;
  timeNs?: bigint;
  attributes: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

/**
 * Timestamps are unix nanoseconds as bigint (ns since epoch does not fit a double exactly).
 * Ids are lowercase hex; traceId is 32 hex chars when the source had 128 bits, 16 when 64 (the
 * analysis then spells a 128-bit id with a zero high half as 16: see analysis/trace-ids.ts).
 */
export interface Span {
  kind: 'span';
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /**
   * The server (or consumer) side of a call that re-uses its client's span id (Zipkin/B3 "shared"
   * spans): its parent is the span with the same id, and the children of that id are its own.
   * `parentSpanId` stays what the source said (the client's parent).
   */
  shared?: true;
  /**
   * The parent reference is asynchronous (OpenTracing/Jaeger FOLLOWS_FROM): the parent does not
   * wait for this span, which may start or end after it.
   */
  followsFrom?: true;
  /**
   * The 64-bit trace id came from a Zipkin input, where it may be the low half of a 128-bit id
   * (Zipkin's lenient trace-id matching, STRICT_TRACE_ID=false): see analysis/trace-ids.ts.
   */
  lenientTraceId?: true;
  name: string;
  spanKind: SpanKind;
  /**
   * The kind was not written but read from the span's shape: 'zipkin-local', a Zipkin v2 span
   * without `kind` that has a timestamp, a duration and a local endpoint and no remote endpoint —
   * a local (in-process) span in Zipkin's model ("When absent, the span is local or incomplete";
   * OpenTelemetry's Zipkin exporter leaves kind out for INTERNAL), read as INTERNAL.
   */
  kindFrom?: 'zipkin-local';
  startNs?: bigint;
  endNs?: bigint;
  status: { code: StatusCode; message?: string };
  attributes: Attributes;
  events: SpanEvent[];
  links: SpanLink[];
  resource: Resource;
  scope?: Scope;
  source: Provenance;
}

/** Severity numbers follow the OpenTelemetry log data model: 1-4 TRACE … 17-20 ERROR, 21-24 FATAL. */
export interface LogRecord {
  kind: 'log';
  timeNs?: bigint;
  observedTimeNs?: bigint;
  /** True when the source timestamp had no zone/offset and was read as UTC. */
  timeWithoutZone?: boolean;
  /** True when the source timestamp had no year (RFC 3164 syslog, glog, logcat): the year was inferred. */
  timeWithoutYear?: boolean;
  severityNumber?: number;
  severityText?: string;
  body: AttrValue;
  traceId?: string;
  spanId?: string;
  attributes: Attributes;
  /** Attributes the importer read past MAX_RECORD_ATTRIBUTES and did not store (reported as the analysis's own trims are). */
  droppedAttributes?: number;
  /** The same for the members of a structured body (a logfmt line without a message is its own body). */
  droppedBodyMembers?: number;
  resource: Resource;
  scope?: Scope;
  /** True when the record came from a structured source (JSON, logfmt, OTLP, CSV columns). */
  structured: boolean;
  source: Provenance;
}

export type MetricType = 'gauge' | 'counter' | 'histogram' | 'exponential-histogram' | 'summary' | 'unknown' | 'info' | 'stateset' | 'gaugehistogram';
export type Temporality = 'delta' | 'cumulative' | 'unspecified';

export interface Exemplar {
  value: number;
  timeNs?: bigint;
  traceId?: string;
  spanId?: string;
  attributes: Attributes;
}

export interface HistogramValue {
  count: number;
  sum?: number;
  min?: number;
  max?: number;
  /** Explicit upper bounds, ascending; `counts` has bounds.length + 1 entries (last is +Inf). */
  bounds: number[];
  counts: number[];
  /**
   * A Prometheus native histogram (`promtool tsdb dump`, the HTTP API's `histograms`) written in
   * this explicit-bounds form: a store keeps it as one series per label set, not one per bucket.
   */
  native?: true;
}

export interface ExponentialHistogramValue {
  count: number;
  sum?: number;
  min?: number;
  max?: number;
  scale: number;
  zeroCount: number;
  positive: { offset: number; counts: number[] };
  negative: { offset: number; counts: number[] };
}

export interface SummaryValue {
  count: number;
  sum?: number;
  quantiles: { quantile: number; value: number }[];
}

export interface MetricPoint {
  kind: 'metric';
  name: string;
  /** Metric family when the point is one sample of a larger family (Prometheus/OpenMetrics text: `x` for `x_bucket`, `x_sum`, `x_total`). */
  family?: string;
  type: MetricType;
  unit?: string;
  description?: string;
  temporality: Temporality;
  monotonic?: boolean;
  labels: Record<string, string>;
  /** Labels the importer read past MAX_RECORD_ATTRIBUTES and did not store (reported as the analysis's own trims are). */
  droppedLabels?: number;
  /**
   * The format the point was read from cannot carry a metric type or description, whatever the
   * producer did: a query API's answer (Prometheus /api/v1/query and query_range, and the other
   * query APIs prom-api reads), a Prometheus /federate exposition (every family `# TYPE … untyped`
   * without HELP, samples timestamped) or `promtool tsdb dump` output (`{__name__="x", …} v t`).
   * `type` is then `unknown` (a dumped native histogram's `histogram`) and `description` absent.
   */
  noMetadata?: true;
  timeNs?: bigint;
  startTimeNs?: bigint;
  /** Set for gauge/counter/unknown points (NaN and ±Infinity allowed). */
  value?: number;
  histogram?: HistogramValue;
  exponentialHistogram?: ExponentialHistogramValue;
  summary?: SummaryValue;
  exemplars: Exemplar[];
  resource: Resource;
  scope?: Scope;
  /**
   * What else tells the series apart when its name and labels come from a file's layout, not from
   * the data: a CSV column's series is that column of that file (csv-metrics: the path with a
   * trailing date dropped, so the daily files of one series, as collectd rotates them, stay one).
   */
  seriesFile?: string;
  source: Provenance;
}

export type SignalRecord = Span | LogRecord | MetricPoint;
export type Signal = 'traces' | 'metrics' | 'logs';

export const SEVERITY_ERROR = 17;

export function emptyResource(): Resource {
  return { attributes: {} };
}

/** Lift the well-known semantic-convention keys out of resource attributes. */
export function resourceFromAttributes(attributes: Attributes): Resource {
  const str = (k: string): string | undefined => {
    const v = attributes[k];
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  const r: Resource = { attributes };
  const serviceName = str('service.name');
  if (serviceName !== undefined) r.serviceName = serviceName;
  const instance = str('service.instance.id');
  if (instance !== undefined) r.serviceInstanceId = instance;
  const ns = str('service.namespace');
  if (ns !== undefined) r.serviceNamespace = ns;
  const version = str('service.version');
  if (version !== undefined) r.serviceVersion = version;
  const env = str('deployment.environment.name') ?? str('deployment.environment');
  if (env !== undefined) r.environment = env;
  return r;
}

export function signalOf(record: SignalRecord): Signal {
  return record.kind === 'span' ? 'traces' : record.kind === 'log' ? 'logs' : 'metrics';
}
