// Identical records whole vs 1-, 7-, 4096-byte chunks, on the real responses and a synthetic
// multi-series matrix (generated here: 40 series × 50 values).
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { CHUNK_SIZES, fingerprint, readData } from '../prometheus/metrics-test-helpers.js';

const series = Array.from({ length: 40 }, (_, s) => ({
  metric: { __name__: 'http_requests_total', pod: `p-${s}`, note: 'quote " and \\ and é' },
  values: Array.from({ length: 50 }, (_, i) => [1700000000 + i * 15.5, String(i * s)]),
}));
const synthetic = new TextEncoder().encode(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } }, null, 1));

describe('prom-api chunking invariance', () => {
  it.each(
    [
      ['prometheus-api-json/jaeger/service_span_name_datapoint_response.json', readData('prometheus-api-json/jaeger/service_span_name_datapoint_response.json')],
      ['prometheus-api-json/prometheus-codemirror-promql/metadata.json', readData('prometheus-api-json/prometheus-codemirror-promql/metadata.json')],
      ['synthetic matrix', synthetic],
    ].flatMap(([name, bytes]) => CHUNK_SIZES.map((n) => [name as string, n, bytes as Uint8Array] as const)),
  )('%s in %i-byte chunks', (name, n, bytes) => {
    const whole = decodeBytes(promApi, bytes, name);
    expect(fingerprint(decodeBytes(promApi, bytes, name, n))).toBe(fingerprint(whole));
  });

  it('the synthetic matrix has 40 × 50 points', () => {
    expect(decodeBytes(promApi, synthetic).records).toHaveLength(2000);
  });
});
