// `signals.metrics.metricNames` counts metrics, not sample names: a Prometheus histogram's
// `_bucket`, `_sum` and `_count` samples (a summary's quantiles, `_sum` and `_count`; a counter's
// `_total`) are one metric, as the one OTLP histogram they stand for is. Without `# TYPE` the
// names and labels still say it (analyzers/profile/metric-family.ts): `x_bucket` with `le`, `x`
// with `quantile`, and the `x_sum`/`x_count` of such an `x` or of each other; nothing else is
// regrouped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { DATA } from '../../helpers/paths.js';
import { SignalsSummaryCollector } from '../../../analyzers/analysis/signals-summary.js';
import type { MetricPoint } from '../../../analyzers/model/index.js';

const HISTOGRAM = [
  '# HELP rpc_seconds RPC latency.',
  '# TYPE rpc_seconds histogram',
  'rpc_seconds_bucket{le="0.1"} 1',
  'rpc_seconds_bucket{le="+Inf"} 2',
  'rpc_seconds_sum 0.3',
  'rpc_seconds_count 2',
  '# TYPE req_seconds summary',
  'req_seconds{quantile="0.5"} 0.1',
  'req_seconds_sum 1',
  'req_seconds_count 4',
  '# TYPE http_requests_total counter',
  'http_requests_total{code="200"} 7',
  '',
].join('\n');

describe('metric names', () => {
  it('a typed histogram, summary and counter are 3 metrics in 8 points', () => {
    const m = analyseInputs([['a.prom', HISTOGRAM]]).signals.metrics;
    expect([m.points, m.metricNames]).toEqual([8, 3]);
  });

  it('the same samples without # TYPE are still 3 metrics, by their le/quantile labels and _sum/_count names', () => {
    const m = analyseInputs([['a.prom', HISTOGRAM.split('\n').filter((l) => !l.startsWith('#')).join('\n')]]).signals.metrics;
    expect([m.points, m.metricNames]).toEqual([8, 3]);
  });

  it('untyped: in any order; _sum with _count is a summary without quantiles; nothing else is regrouped', () => {
    const text = [
      // the OpenTelemetry JS exporter's order: _count and _sum before the buckets → 1 metric
      'a_seconds_count 2', 'a_seconds_sum 0.3', 'a_seconds_bucket{le="+Inf"} 2',
      // a summary without quantiles → 1
      'b_seconds_sum 4', 'b_seconds_count 2',
      // a lone _count, a _bucket without le, a _total: each its own → 3
      'c_count 5', 'd_bucket 1', 'e_total 3',
      '',
    ].join('\n');
    expect(analyseInputs([['a.prom', text]]).signals.metrics.metricNames).toBe(5);
    // declared as gauges they are what TYPE says: 2 metrics, x_sum and x_count
    const typed = '# TYPE x_sum gauge\nx_sum 1\n# TYPE x_count gauge\nx_count 2\n';
    expect(analyseInputs([['t.prom', typed]]).signals.metrics.metricNames).toBe(2);
  });

  it('untyped samples split across merged states (parallel reads) are grouped the same', () => {
    const point = (name: string, labels: Record<string, string> = {}): MetricPoint => ({ kind: 'metric', name, type: 'unknown', temporality: 'unspecified', labels, exemplars: [], resource: { attributes: {} }, source: { file: 'f' } });
    const a = new SignalsSummaryCollector();
    const b = new SignalsSummaryCollector();
    a.add(point('x_sum'));
    b.add(point('x_bucket', { le: '+Inf' }));
    b.add(point('y_count'));
    a.add(point('y_sum'));
    a.add(point('z_count'));
    const merged = new SignalsSummaryCollector();
    merged.merge(a.state());
    merged.merge(b.state());
    // x (bucket + _sum), y (_sum + _count), z_count alone
    expect(merged.summary().metrics.metricNames).toBe(3);
    expect([a.summary().metrics.metricNames, b.summary().metrics.metricNames]).toEqual([3, 2]);
  });

  it('untyped x_created (federation, tsdb dump, API) is part of an untyped counter x_total or a summary without quantiles, whatever the order', () => {
    const fed = (lines: string[]) => lines.map((l) => `${l} 1795824585479`).join('\n') + '\n';
    // x_created + x_total → 1; y_created + y_sum + y_count → 1; z_created alone → 1; w_created + a lone w_count → 2
    const text = fed(['# TYPE x_created untyped', 'x_created{a="1"} 1.7e9', '# TYPE x_total untyped', 'x_total{a="1"} 7', 'y_count 2', 'y_created 1.7e9', 'y_sum 4', 'z_created 1.7e9', 'w_created 1.7e9', 'w_count 3'].flatMap((l) => (l.startsWith('#') ? [] : [l])));
    const r = analyseInputs([['fed.prom', text]]);
    expect(r.signals.metrics.metricNames).toBe(5);
    // the rules judge the same metrics: S-MET-NAMING examines 5 names
    expect(r.findings!.find((f) => f.ruleId === 'S-MET-NAMING')!.evidence.examined).toBe(5);
    // split over merged states, the same count
    const point = (name: string): MetricPoint => ({ kind: 'metric', name, type: 'unknown', temporality: 'unspecified', labels: {}, exemplars: [], resource: { attributes: {} }, source: { file: 'f' } });
    const a = new SignalsSummaryCollector();
    const b = new SignalsSummaryCollector();
    for (const n of ['x_created', 'y_created', 'z_created', 'w_created']) a.add(point(n));
    for (const n of ['x_total', 'y_sum', 'y_count', 'w_count']) b.add(point(n));
    const merged = new SignalsSummaryCollector();
    merged.merge(a.state());
    merged.merge(b.state());
    expect(merged.summary().metrics.metricNames).toBe(5);
  });

  it("Prometheus's alltypes test exposition: 237 families, as its name says, with its metadata or without", () => {
    // Derived with `grep '^# TYPE' | awk '{print $3}' | sort -u | wc -l` (237). The nometa copy has
    // 291 sample names (`grep -v '^#' | sed 's/[{ ].*//' | sort -u | wc -l`); its 15 histograms and
    // 13 summaries (`grep '^# TYPE' … | awk '{print $4}' | sort | uniq -c` on the typed copy) have
    // buckets with `le`, quantiles or both _sum and _count, so they are 237 metrics again.
    // 1,857 sample lines each.
    const dir = join(DATA, 'prometheus-text/prometheus-textparse');
    for (const [file, names] of [['alltypes.237mfs.prom.txt', 237], ['alltypes.237mfs.nometa.prom.txt', 237]] as const) {
      const m = analyseInputs([[file, readFileSync(join(dir, file))]]).signals.metrics;
      expect([file, m.points, m.metricNames]).toEqual([file, 1857, names]);
    }
  });
});
