// prometheus/common expfmt corpus, format forced to prometheus: every from_test_parse_error_*
// input gives at least one error; the valid corpus and real scrapes give none.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { data, decodeData } from './metrics-test-helpers.js';

const CORPUS = 'prometheus-text/prometheus-common/expfmt-fuzz-corpus';
const corpus = readdirSync(data(CORPUS)).sort();
const bad = corpus.filter((f) => f.startsWith('from_test_parse_error_'));
const good = [
  ...corpus.filter((f) => /^from_test_parse_\d+$/.test(f) || f === 'minimal').map((f) => `${CORPUS}/${f}`),
  'prometheus-text/prometheus-common/expfmt-testdata/text',
  ...readdirSync(data('prometheus-text/node_exporter/e2e')).map((f) => `prometheus-text/node_exporter/e2e/${f}`),
  'prometheus-text/prometheus-textparse/alltypes.237mfs.prom.txt',
  'prometheus-text/prometheus-textparse/alltypes.237mfs.nometa.prom.txt',
];

describe('Prometheus expfmt corpus', () => {
  it('has the 20 error inputs and 6 valid corpus inputs (ls)', () => {
    expect(bad).toHaveLength(20);
    expect(good.filter((f) => f.startsWith(CORPUS))).toHaveLength(6);
  });

  it.each(bad)('%s gives a coded error', (f) => {
    const r = decodeData(prometheusText, `${CORPUS}/${f}`);
    expect(r.errors.length).toBeGreaterThanOrEqual(1);
    for (const e of r.errors) {
      expect(e.code).toMatch(/^[a-z-]+$/);
      expect(e.line).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(good)('%s parses without errors', (f) => {
    const r = decodeData(prometheusText, f);
    // expfmt accepts a whitespace-only input as an empty exposition (from_test_parse_0 is "\n\n");
    // that is no grammar error, but the input is still reported as empty, like every importer does.
    const blank = readFileSync(data(f), 'utf8').trim() === '';
    expect(r.errors.map((e) => e.code)).toEqual(blank ? ['empty-input'] : []);
  });
});
