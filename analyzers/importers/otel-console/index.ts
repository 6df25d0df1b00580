// OpenTelemetry Python's console exporters: what ConsoleSpanExporter, ConsoleLogExporter and
// ConsoleMetricExporter print to stdout — one JSON value per span, log record or metrics batch,
// indented (the default) or one a line, in any mix. Streamed value by value; each is read as the
// OTLP request it stands for (see map.ts).
import type { Provenance } from '../../model/index.js';
import { ScannedJsonDecoder } from '../common/json-decoder.js';
import type { JsonStreamOptions, SelectNode } from '../common/json-stream.js';
import { mapExact } from '../otlp-json/request.js';
import type { DecoderContext, FormatSpec, SniffInput } from '../types.js';
import { mapConsoleValue } from './map.js';

const C_VALUE = 300;

class ConsoleDecoder extends ScannedJsonDecoder {
  constructor(ctx: DecoderContext) {
    super(ctx, 'OpenTelemetry console exporter output');
  }

  protected selection(): SelectNode {
    // (a list of them, as `json.dumps` of spans prints it, holds them as elements)
    return { id: C_VALUE, capture: true, items: { id: C_VALUE, capture: true } };
  }

  protected override scannerOptions(): JsonStreamOptions {
    // Python's json.dumps writes `Infinity` and `NaN` bare (an attribute `max_tokens: Infinity`)
    return { nonFinite: true };
  }

  protected onValue(id: number, value: unknown, _key: string | undefined, text: string, offset: number, line: number): void {
    if (id !== C_VALUE) return;
    const source: Provenance = { file: this.file, line, offset };
    // (times as JSON numbers beyond 2^53, as the metrics batches print them, are read exactly)
    mapExact(value, text, (v, out) => mapConsoleValue(v, source, out), this.out);
  }
}

const SPAN = /"context"\s*:\s*\{\s*"trace_id"\s*:\s*"0x[0-9a-fA-F]{32}"/;
const GO_SPAN = /"SpanContext"\s*:\s*\{\s*"TraceID"\s*:\s*"[0-9a-fA-F]{32}"/;
const SPAN_KIND = /"kind"\s*:\s*"SpanKind\.[A-Z]+"/;
const LOG = /"severity_number"\s*:\s*(?:\d+|"<SeverityNumber\.)/;
const METRICS = /"resource_metrics"\s*:[\s\S]*"data"\s*:\s*\{\s*"data_points"\s*:/;

export function sniffOtelConsole(input: SniffInput): number {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  if (!/^\s*\{/.test(text)) return 0;
  if (SPAN.test(text) && SPAN_KIND.test(text)) return 0.97;
  // Go's stdouttrace: `"SpanContext": {"TraceID": "…"`
  if (GO_SPAN.test(text) && /"SpanKind"\s*:\s*\d/.test(text)) return 0.97;
  // (above OTLP JSON, which knows resource_metrics but not the SDK's `data` without a type)
  if (METRICS.test(text)) return 0.99;
  if (LOG.test(text) && /"dropped_attributes"\s*:/.test(text) && /"resource"\s*:/.test(text)) return 0.97;
  return 0;
}

export const otelConsole: FormatSpec = {
  id: 'otel-console',
  signal: 'mixed',
  label: "OpenTelemetry Python console exporters' output (spans, log records, metrics)",
  sniff: sniffOtelConsole,
  create: (ctx) => new ConsoleDecoder(ctx),
};
