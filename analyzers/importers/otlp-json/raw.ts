// Raw OTLP/JSON shapes as they arrive (proto3 JSON mapping): int64 as string or number, enums as
// names or numbers, ids as hex or base64. Everything optional: input is never trusted.

export interface RawOtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  arrayValue?: { values?: RawOtlpAnyValue[] } | null;
  kvlistValue?: { values?: RawOtlpKeyValue[] } | null;
  bytesValue?: string;
}

export interface RawOtlpKeyValue {
  key: string;
  value?: RawOtlpAnyValue | null;
}

export interface RawOtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  traceState?: string;
  flags?: number;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: RawOtlpKeyValue[];
  events?: { timeUnixNano?: string | number; name?: string; attributes?: RawOtlpKeyValue[]; droppedAttributesCount?: number | string }[];
  links?: { traceId?: string; spanId?: string; traceState?: string; flags?: number; attributes?: RawOtlpKeyValue[]; droppedAttributesCount?: number | string }[];
  status?: { code?: number | string; message?: string } | null;
  droppedAttributesCount?: number | string;
  droppedEventsCount?: number | string;
  droppedLinksCount?: number | string;
}

export interface RawOtlpLogRecord {
  timeUnixNano?: string | number;
  observedTimeUnixNano?: string | number;
  severityNumber?: number | string;
  severityText?: string;
  body?: RawOtlpAnyValue;
  attributes?: RawOtlpKeyValue[];
  traceId?: string;
  spanId?: string;
  eventName?: string;
}

export interface RawOtlpNumberPoint {
  attributes?: RawOtlpKeyValue[];
  startTimeUnixNano?: string | number;
  timeUnixNano?: string | number;
  asDouble?: number | string | null;
  asInt?: string | number | null;
  traceId?: string;
  spanId?: string;
}

interface RawOtlpData {
  dataPoints?: unknown[];
  aggregationTemporality?: number | string;
  isMonotonic?: boolean;
}

export interface RawOtlpMetric {
  name?: string;
  description?: string;
  unit?: string;
  gauge?: RawOtlpData;
  sum?: RawOtlpData;
  histogram?: RawOtlpData;
  exponentialHistogram?: RawOtlpData;
  summary?: RawOtlpData;
}

export interface RawOtlpScopeGroup {
  scope?: unknown;
  /** Pre-1.0 name of `scope`. */
  instrumentationLibrary?: unknown;
  spans?: RawOtlpSpan[];
  metrics?: RawOtlpMetric[];
  logRecords?: RawOtlpLogRecord[];
}

export interface RawOtlpResourceGroup {
  resource?: unknown;
  scopeSpans?: RawOtlpScopeGroup[];
  scopeMetrics?: RawOtlpScopeGroup[];
  scopeLogs?: RawOtlpScopeGroup[];
  instrumentationLibrarySpans?: RawOtlpScopeGroup[];
  instrumentationLibraryMetrics?: RawOtlpScopeGroup[];
  instrumentationLibraryLogs?: RawOtlpScopeGroup[];
}

export interface RawOtlpRequest {
  resourceSpans?: RawOtlpResourceGroup[];
  resourceMetrics?: RawOtlpResourceGroup[];
  resourceLogs?: RawOtlpResourceGroup[];
  /** Jaeger api_v3 wraps the request in `result`. */
  result?: RawOtlpRequest;
  /** Grafana Tempo's trace API: v2 wraps the request in `trace`; v1 names resourceSpans `batches`. */
  trace?: RawOtlpRequest;
  batches?: unknown;
  /** Beside Tempo's v2 `trace`: `"PARTIAL"` when Tempo cut the trace, and its `message` why. */
  status?: unknown;
  message?: unknown;
}
