// `signals.metrics.metricNames` counts metrics, not sample names: a Prometheus histogram's
// `_bucket`, `_sum` and `_count` samples (a summary's quantiles, `_sum` and `_count`; a counter's
// `_total`) are one metric, as the one OTLP histogram they stand for is. Without `# TYPE` nothing
// says that `x_sum` belongs to `x`, so every sample name is then a metric of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { DATA } from '../../helpers/paths.js';

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

  it('the same samples without # TYPE are 7 sample names, each its own metric', () => {
    const m = analyseInputs([['a.prom', HISTOGRAM.split('\n').filter((l) => !l.startsWith('#')).join('\n')]]).signals.metrics;
    expect([m.points, m.metricNames]).toEqual([8, 7]);
  });

  it("Prometheus's alltypes test exposition: 237 families, as its name says; 291 sample names without its metadata", () => {
    // Derived with `grep '^# TYPE' | awk '{print $3}' | sort -u | wc -l` (237) and, for the
    // nometa copy, `grep -v '^#' | sed 's/[{ ].*//' | sort -u | wc -l` (291); 1,857 sample lines each.
    const dir = join(DATA, 'prometheus-text/prometheus-textparse');
    for (const [file, names] of [['alltypes.237mfs.prom.txt', 237], ['alltypes.237mfs.nometa.prom.txt', 291]] as const) {
      const m = analyseInputs([[file, readFileSync(join(dir, file))]]).signals.metrics;
      expect([file, m.points, m.metricNames]).toEqual([file, 1857, names]);
    }
  });
});
