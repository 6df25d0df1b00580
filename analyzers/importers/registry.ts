// Every importer registers here. Order matters only for equal sniff confidence (earlier wins).
import type { FormatSpec } from './types.js';
import { openMetricsText, prometheusText } from './prometheus/index.js';
import { promApi } from './prom-api/index.js';
import { csvMetrics } from './csv-metrics/index.js';
import { otlpJson } from './otlp-json/index.js';
import { jaeger } from './jaeger/index.js';
import { zipkin } from './zipkin/index.js';
import { xray } from './xray/index.js';
import { otelConsole } from './otel-console/index.js';
import { otelDebug } from './otel-debug/index.js';
import { csvSpans } from './csv-spans/index.js';
import { jsonlLogs } from './jsonl-logs/index.js';
import { jsonLogs } from './json-logs/index.js';
import { logfmt } from './logfmt/index.js';
import { csvLogs } from './csv-logs/index.js';
import { textLogs } from './text-logs/index.js';

export const FORMATS: readonly FormatSpec[] = [
  prometheusText,
  openMetricsText,
  promApi,
  csvMetrics,
  otlpJson,
  jaeger,
  zipkin,
  xray,
  otelConsole,
  otelDebug,
  csvSpans,
  jsonlLogs,
  jsonLogs,
  logfmt,
  csvLogs,
  textLogs,
  // importer folders add their spec here, e.g. `otlpJson` from './otlp-json/index.js'
];
