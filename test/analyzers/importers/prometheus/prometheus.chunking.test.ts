// The same input fed whole or in 1-, 7- and 4096-byte chunks gives identical records,
// errors and counters, for both dialects (including the binary check held over the head).
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { openMetricsText, prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { CHUNK_SIZES, fingerprint, readData } from './metrics-test-helpers.js';
import { appScrape, THREE_SCRAPES } from './concatenated-fixtures.js';

const CASES = [
  [prometheusText, 'prometheus-text/node_exporter/e2e/e2e-output-darwin.txt'],
  [prometheusText, 'prometheus-text/prometheus-common/expfmt-testdata/text'],
  [prometheusText, 'prometheus-text/prometheus-common/expfmt-fuzz-corpus/from_test_parse_2'],
  [prometheusText, 'prometheus-text/prometheus-common/expfmt-fuzz-corpus/from_test_parse_error_2'],
  [openMetricsText, 'prometheus-text/prometheus-textparse/alltypes.5mfs.om.txt'],
  [openMetricsText, 'openmetrics/OpenMetrics-parser-tests/exemplars_with_hash_in_label_values/metrics'],
  [openMetricsText, 'openmetrics/OpenMetrics-parser-tests/bad_grouping_or_ordering_0/metrics'],
] as const;

describe('chunking invariance', () => {
  it.each(CASES.flatMap(([spec, file]) => CHUNK_SIZES.map((n) => [spec.id, file, n, spec] as const)))('%s %s in %i-byte chunks', (_id, file, n, spec) => {
    const bytes = readData(file);
    const whole = decodeBytes(spec, bytes, file);
    const chunked = decodeBytes(spec, bytes, file, n);
    expect(whole.records.length + whole.errors.length).toBeGreaterThan(0);
    expect(fingerprint(chunked)).toBe(fingerprint(whole));
  });

  const INLINE = [
    ['three appended scrapes', THREE_SCRAPES],
    ['appended scrapes with a conflicting TYPE', appScrape(1) + appScrape(2, 'counter')],
  ] as const;
  it.each(INLINE.flatMap(([name, text]) => CHUNK_SIZES.map((n) => [name, n, text] as const)))('prometheus %s in %i-byte chunks', (_name, n, text) => {
    const bytes = new TextEncoder().encode(text);
    const whole = decodeBytes(prometheusText, bytes, 'input');
    expect(whole.records.length).toBeGreaterThan(0);
    expect(fingerprint(decodeBytes(prometheusText, bytes, 'input', n))).toBe(fingerprint(whole));
  });

  const om = (v: number): string => `# TYPE app_up gauge\napp_up ${v} 1700000000\n# TYPE c counter\nc_total ${v} 1700000000\n# EOF\n`;
  it.each(CHUNK_SIZES.map((n) => [n] as const))('openmetrics expositions appended after # EOF in %i-byte chunks', (n) => {
    const bytes = new TextEncoder().encode(om(1) + om(2) + om(3));
    const whole = decodeBytes(openMetricsText, bytes, 'input');
    expect(whole.records.length).toBe(6);
    expect(fingerprint(decodeBytes(openMetricsText, bytes, 'input', n))).toBe(fingerprint(whole));
  });

  it('a CRLF exposition split inside every CRLF gives the same points as LF', () => {
    const lf = new TextDecoder().decode(readData('prometheus-text/node_exporter/textfile/histogram/metrics.prom'));
    const crlf = new TextEncoder().encode(lf.replace(/\n/g, '\r\n'));
    const a = decodeBytes(prometheusText, new TextEncoder().encode(lf), 'x');
    const b = decodeBytes(prometheusText, crlf, 'x', 1);
    expect(b.records.map((r) => JSON.stringify({ ...r, source: undefined }))).toEqual(a.records.map((r) => JSON.stringify({ ...r, source: undefined })));
  });
});
