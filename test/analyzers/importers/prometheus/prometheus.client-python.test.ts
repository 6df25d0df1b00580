// prometheus_client (Python) writes OpenMetrics-only samples of a 0.0.4 exposition as gauge
// families of their own after the family (prometheus_client/exposition.py generate_latest):
//   # TYPE latency_seconds histogram … # HELP latency_seconds_created … # TYPE latency_seconds_created gauge
// HELP/TYPE name their family by its exact name, as expfmt reads them; the `_created` TYPE was
// taken for the histogram's own and reported as a conflicting TYPE of "an earlier scrape".
// Expected by hand: 12 sample lines → 12 points, no errors; the _created gauges are their own
// gauge families. Appended twice: 24 points, still no errors.
import { describe, expect, it } from 'vitest';
import { prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points, sniffedId } from './metrics-test-helpers.js';

const SCRAPE = `# HELP python_gc_objects_collected_total Objects collected during gc
# TYPE python_gc_objects_collected_total counter
python_gc_objects_collected_total{generation="0"} 379.0
python_gc_objects_collected_total{generation="1"} 31.0
# HELP requests_total Total requests
# TYPE requests_total counter
requests_total{path="/"} 12.0
# HELP requests_created Total requests
# TYPE requests_created gauge
requests_created{path="/"} 1.7000000001234567e+09
# HELP latency_seconds Latency
# TYPE latency_seconds histogram
latency_seconds_bucket{le="0.005"} 0.0
latency_seconds_bucket{le="+Inf"} 3.0
latency_seconds_count 3.0
latency_seconds_sum 0.42
# HELP latency_seconds_created Latency
# TYPE latency_seconds_created gauge
latency_seconds_created 1.7000000001234567e+09
# HELP rpc_seconds RPC
# TYPE rpc_seconds summary
rpc_seconds_count 2.0
rpc_seconds_sum 0.5
# HELP rpc_seconds_created RPC
# TYPE rpc_seconds_created gauge
rpc_seconds_created 1.7000000001234567e+09
`;

describe('prometheus: prometheus_client (Python) 0.0.4 output with _created gauges', () => {
  it('sniffs as prometheus; 12 points, no errors; the _created gauges are families of their own', () => {
    expect(sniffedId(new TextEncoder().encode(SCRAPE))).toBe('prometheus');
    const r = decodeText(prometheusText, SCRAPE);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.family, p.type])).toEqual([
      ['python_gc_objects_collected_total', 'python_gc_objects_collected_total', 'counter'],
      ['python_gc_objects_collected_total', 'python_gc_objects_collected_total', 'counter'],
      ['requests_total', 'requests_total', 'counter'],
      ['requests_created', 'requests_created', 'gauge'],
      ['latency_seconds_bucket', 'latency_seconds', 'histogram'],
      ['latency_seconds_bucket', 'latency_seconds', 'histogram'],
      ['latency_seconds_count', 'latency_seconds', 'histogram'],
      ['latency_seconds_sum', 'latency_seconds', 'histogram'],
      ['latency_seconds_created', 'latency_seconds_created', 'gauge'],
      ['rpc_seconds_count', 'rpc_seconds', 'summary'],
      ['rpc_seconds_sum', 'rpc_seconds', 'summary'],
      ['rpc_seconds_created', 'rpc_seconds_created', 'gauge'],
    ]);
  });

  it('two scrapes appended: 24 points, no errors', () => {
    const r = decodeText(prometheusText, SCRAPE + SCRAPE);
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(24);
  });

  it.each(CHUNK_SIZES)('the same in %i-byte chunks', (chunk) => {
    expect(fingerprint(decodeText(prometheusText, SCRAPE + SCRAPE, chunk))).toBe(fingerprint(decodeText(prometheusText, SCRAPE + SCRAPE)));
  });
});
