import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import type { LogRecord, MetricPoint, Span } from '../../../../analyzers/model/index.js';
import { countKinds, decode, listJson, readData } from '../common/json-test-helpers.js';

// Expected [spans, metric data points, log records] per file, counted with jq, e.g.
//   jq '[.resourceSpans[]?.scopeSpans[]?.spans[]?]|length' F
//   jq '[.resourceMetrics[]?.scopeMetrics[]?.metrics[]? | (.gauge // .sum // .histogram
//        // .exponentialHistogram // .summary).dataPoints|length]|add' F
//   jq '[.resourceLogs[]?.scopeLogs[]?.logRecords[]?]|length' F
// and for the JSON Lines file the same with `jq -s '[.[]|…]'`.
const EXPECTED: Record<string, [number, number, number]> = {
  'otlp-json/otel-tui/test_data.json': [547, 4551, 23],
  'otlp-json/opentelemetry-proto-examples/metrics.json': [0, 4, 0],
  'otlp-json/opentelemetry-proto-examples/events.json': [0, 0, 1],
  'otlp-json/opentelemetry-proto-examples/trace.json': [1, 0, 0],
  'otlp-json/opentelemetry-proto-examples/logs.json': [0, 0, 1],
  'otlp-json/jaeger-ui/otlp2jaeger-in-error.json': [1, 0, 0],
  'otlp-json/jaeger-ui/otlp2jaeger-in.json': [2, 0, 0],
  'otlp-json/jaeger-ui/otlp2jaeger-multi-in-combined.json': [4, 0, 0],
  'otlp-json/jaeger-memory/otel_traces_01.json': [4, 0, 0],
  'otlp-json/datadog-mapping-otlpdata/origin/origin.json': [0, 4, 0],
  'otlp-json/datadog-mapping-otlpdata/source/simple.json': [0, 7, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/single-point-exponential-no-min-max.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/single-bucket-delta-no-min-max.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/simple-delta-non-monotonic-bound.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/zero-delta.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/empty-delta-no-min-max.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/static-cumulative.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/simple-exponential.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/empty-delta-exponential.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/empty-cumulative-exponential.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/simple-delta.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/simple-delta-min-max.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/simple-cumulative.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/empty-delta-with-min-max.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/histogram/single-bucket-delta-with-min-max.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/summary/simple.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/summary/with-attributes.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/mixed/interval.json': [0, 4, 0],
  'otlp-json/datadog-mapping-otlpdata/mixed/simple.json': [0, 15, 0],
  'otlp-json/datadog-mapping-otlpdata/hosts/runtime_other.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/hosts/stats_and_runtime.json': [0, 2, 0],
  'otlp-json/datadog-mapping-otlpdata/hosts/runtime.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/hosts/stats.json': [0, 1, 0],
  'otlp-json/datadog-mapping-otlpdata/hosts/stats_other.json': [0, 2, 0],
  'otlp-json/jaeger-integration/multi_spot_tags_trace.json': [1, 0, 0],
  'otlp-json/jaeger-integration/example_trace.json': [5, 0, 0],
  'otlp-json/jaeger-integration/process_tags_trace.json': [1, 0, 0],
  'otlp-json/jaeger-integration/log_tags_trace.json': [1, 0, 0],
  'otlp-json/jaeger-integration/span_tags_trace.json': [1, 0, 0],
  'otlp-json/jaeger-integration/scope_attributes_trace.json': [1, 0, 0],
  'otlp-json/jaeger-integration/link_attributes_trace.json': [1, 0, 0],
};

describe('otlp-json on the real samples', () => {
  it('covers every file of the sample folder', () => {
    expect(listJson('otlp-json').sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Real quirks, kept and flagged without losing data: an empty `{}` metric (line 45 of the
  // two DataDog files) and a histogram with 2 bucket counts for 2 bounds (spec wants bounds + 1).
  const WARNINGS: Record<string, string[]> = {
    'otlp-json/datadog-mapping-otlpdata/histogram/simple-exponential.json': ['invalid-record'],
    'otlp-json/datadog-mapping-otlpdata/mixed/simple.json': ['invalid-record'],
    'otlp-json/datadog-mapping-otlpdata/histogram/simple-delta-non-monotonic-bound.json': ['invalid-record'],
  };

  for (const [file, [spans, points, logs]] of Object.entries(EXPECTED)) {
    it(`reads ${file} exactly`, () => {
      const r = decode(otlpJson, readData(file), undefined, file);
      expect(r.errors.map((e) => e.code)).toEqual(WARNINGS[file] ?? []);
      const kinds = countKinds(r.records);
      expect([kinds.span ?? 0, kinds.metric ?? 0, kinds.log ?? 0]).toEqual([spans, points, logs]);
      expect(r.progress.records).toBe(spans + points + logs);
      expect(r.progress.rejected).toBe(0);
      expect(r.progress.bytes).toBe(readData(file).length);
    });
  }

  it('maps the spec example span: upper-case hex ids, scope, resource, times', () => {
    const r = decode(otlpJson, readData('otlp-json/opentelemetry-proto-examples/trace.json'));
    const s = r.records[0] as Span;
    expect(s).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: "I'm a server span",
      spanKind: 'server',
      startNs: 1544712660000000000n,
      endNs: 1544712661000000000n,
      attributes: { 'my.span.attr': 'some value' },
      scope: { name: 'my.library', version: '1.0.0', attributes: { 'my.scope.attribute': 'some scope attribute' } },
      source: { line: 29, offset: 615 },
    });
    expect(s.resource.serviceName).toBe('my.service');
  });

  it('counts services and traces in the JSON Lines demo file', () => {
    const r = decode(otlpJson, readData('otlp-json/otel-tui/test_data.json'));
    const spans = r.records.filter((x): x is Span => x.kind === 'span');
    // 141 traces per SOURCES.md; also: jq -s '[.[]|.resourceSpans[]?.scopeSpans[]?.spans[]?.traceId]|unique|length'
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(141);
    expect(r.progress.lines).toBe(97); // wc -l
    const logs = r.records.filter((x): x is LogRecord => x.kind === 'log');
    expect(logs.every((l) => l.structured && l.resource.serviceName !== undefined)).toBe(true);
    // Every record keeps the line it came from (lines 1..97).
    expect(r.records.every((x) => x.source.line! >= 1 && x.source.line! <= 97)).toBe(true);
  });

  it('maps metric types: exponential histogram, histogram bounds, summary quantiles, temporality', () => {
    const exp = decode(otlpJson, readData('otlp-json/datadog-mapping-otlpdata/histogram/simple-exponential.json')).records as MetricPoint[];
    expect(exp.every((p) => p.type === 'exponential-histogram' && p.exponentialHistogram !== undefined)).toBe(true);
    const hist = decode(otlpJson, readData('otlp-json/datadog-mapping-otlpdata/histogram/simple-delta.json')).records as MetricPoint[];
    expect(hist[0]!.type).toBe('histogram');
    expect(hist[0]!.temporality).toBe('delta');
    expect(hist[0]!.histogram!.counts.length).toBe(hist[0]!.histogram!.bounds.length + 1);
    // jq '.resourceMetrics[0].scopeMetrics[0].metrics[]|.summary.dataPoints[]?.quantileValues|length'
    const sum = decode(otlpJson, readData('otlp-json/datadog-mapping-otlpdata/summary/simple.json')).records as MetricPoint[];
    expect(sum.map((p) => [p.type, p.summary!.quantiles.length])).toEqual([
      ['summary', 0],
      ['summary', 4],
    ]);
    expect(sum[1]!.summary!.quantiles[2]).toEqual({ quantile: 0.999, value: 500 });
  });
});
