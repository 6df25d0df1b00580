// Identical records whole vs 1-, 7-, 4096-byte chunks (column roles are decided on held-back
// rows, so chunking must not change them).
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { CHUNK_SIZES, fingerprint, readData } from '../prometheus/metrics-test-helpers.js';
import { GRAFANA_SAME_HEADERS, INFLUX_TABLES, LOCALE_GRAFANA } from './csv-fixtures.js';

const FILES = ['incident-nezha/trainticket-2023-01-30/metric/front_service.csv', 'incident-nezha/trainticket-2023-01-30/metric/ts-contacts-service-866bd68c97-dzqgd_metric.csv'];

describe('csv-metrics chunking invariance', () => {
  it.each(FILES.flatMap((f) => CHUNK_SIZES.map((n) => [f, n] as const)))('%s in %i-byte chunks', (f, n) => {
    const bytes = readData(f);
    const whole = decodeBytes(csvMetrics, bytes, f);
    expect(whole.records.length).toBeGreaterThan(0);
    expect(fingerprint(decodeBytes(csvMetrics, bytes, f, n))).toBe(fingerprint(whole));
  });

  const INLINE = [
    ['decimal-comma Grafana export', LOCALE_GRAFANA],
    ['Grafana columns with the same header', GRAFANA_SAME_HEADERS],
    ['InfluxDB tables with different columns', INFLUX_TABLES],
  ] as const;
  it.each(INLINE.flatMap(([name, text]) => CHUNK_SIZES.map((n) => [name, n, text] as const)))('%s in %i-byte chunks', (_name, n, text) => {
    const bytes = new TextEncoder().encode(text);
    const whole = decodeBytes(csvMetrics, bytes, 'input');
    expect(whole.records.length).toBeGreaterThan(0);
    expect(fingerprint(decodeBytes(csvMetrics, bytes, 'input', n))).toBe(fingerprint(whole));
  });
});
