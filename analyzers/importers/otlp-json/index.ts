// OTLP/JSON importer: ExportTrace/Metrics/LogsServiceRequest as one document or JSON Lines
// (signals may be mixed in one file), plus Jaeger api_v3's `{"result": …}` wrapper.
import type { FormatSpec, SniffInput } from '../types.js';
import { OtlpJsonDecoder } from './decoder.js';

export { mapOtlpRequest, mapOtlpText, isOtlpRequest, type OtlpOut } from './request.js';
export { OtlpJsonDecoder, OtlpDocumentConsumer, otlpSelectNode } from './decoder.js';

// OTLP/JSON's lowerCamelCase names, or the proto field names some protobuf printers keep.
const FIRST_KEY_RE = /^\s*\{\s*"(resourceSpans|resourceMetrics|resourceLogs|resourceProfiles|resource_spans|resource_metrics|resource_logs|resource_profiles)"\s*:/;
const RESULT_RE = /^\s*\{\s*"result"\s*:\s*\{\s*"(resourceSpans|resourceMetrics|resourceLogs|resourceProfiles|resource_spans|resource_metrics|resource_logs|resource_profiles)"\s*:/;
const ANY_KEY_RE = /"(resourceSpans|resourceMetrics|resourceLogs|resourceProfiles|resource_spans|resource_metrics|resource_logs|resource_profiles)"\s*:\s*\[/;
// Grafana Tempo's trace API: `{"batches": [{"resource": …, "scopeSpans"|"instrumentationLibrarySpans": …}]}`
// (v1) and `{"trace": {"resourceSpans": …}}` (v2).
// An answer with no spans (`{"batches":[]}`, `{"trace":{}}`: the trace was not found) is one too.
const TEMPO_RE = /^\s*\{\s*"(batches"\s*:\s*\[\s*(\{\s*"(resource|scopeSpans|instrumentationLibrarySpans)"\s*:|\]\s*\})|trace"\s*:\s*\{\s*("(resourceSpans|batches)"\s*:|\}\s*\}))/;

// A JSON array of requests: `[{"resourceSpans": …}, …]`.
const ARRAY_RE = /^\s*\[\s*\{\s*"(resourceSpans|resourceMetrics|resourceLogs|resourceProfiles|resource_spans|resource_metrics|resource_logs|resource_profiles)"\s*:/;

export function sniffOtlpJson(input: SniffInput): number {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  if (FIRST_KEY_RE.test(text)) return 0.95;
  if (ARRAY_RE.test(text)) return 0.9;
  if (TEMPO_RE.test(text)) return 0.9;
  // Jaeger's importer claims the api_v3 wrapper a little more strongly; both read it.
  if (RESULT_RE.test(text)) return 0.85;
  const start = /^\s*\{/.test(text);
  if (start && ANY_KEY_RE.test(text)) return 0.7;
  return 0;
}

export const otlpJson: FormatSpec = {
  id: 'otlp-json',
  signal: 'mixed',
  label: 'OTLP JSON (traces, metrics, logs; document or JSON Lines)',
  sniff: sniffOtlpJson,
  create: (ctx) => new OtlpJsonDecoder(ctx),
};
