// Sniffing of the trace formats (OTLP JSON, Jaeger, Zipkin, CSV spans) by content only.
import { describe, expect, it } from 'vitest';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import { listJson, readData } from '../common/json-test-helpers.js';

const MINE = [otlpJson, jaeger, zipkin, csvSpans];

function input(file: string): ReturnType<typeof makeSniffInput> {
  const b = readData(file);
  return makeSniffInput(b.subarray(0, SNIFF_BYTES), b.length <= SNIFF_BYTES);
}

const NOT_TRACES = new Set(['jaeger-json/jaeger-api-v3/FindTraceSummaries.json', 'jaeger-json/jaeger-ui-dependencies/large.json', 'jaeger-json/jaeger-ui-dependencies/small.json']);

describe('trace format sniffing', () => {
  const cases: [string, string][] = [
    ...listJson('otlp-json').map((f): [string, string] => [f, 'otlp-json']),
    ...listJson('jaeger-json').filter((f) => !NOT_TRACES.has(f)).map((f): [string, string] => [f, 'jaeger']),
    ...listJson('zipkin-v2-json').map((f): [string, string] => [f, 'zipkin']),
    ...listJson('incident-nezha/trainticket-2023-01-30/trace').map((f): [string, string] => [f, 'csv-spans']),
    ['logs-structured/lnav-test/logfile_otel_collector.jsonl', 'otlp-json'],
  ];
  for (const [file, id] of cases) {
    it(`${file} is ${id} (whole registry)`, () => {
      expect(sniffFormat(input(file)).spec?.id).toBe(id);
    });
  }

  const negatives = [
    ...listJson('prometheus-api-json'),
    ...NOT_TRACES,
    ...listJson('logs-structured').filter((f) => !f.endsWith('otel_collector.jsonl')),
    ...listJson('incident-nezha/trainticket-2023-01-30/log'),
    ...listJson('incident-nezha/trainticket-2023-01-30/metric'),
  ];
  for (const file of negatives) {
    it(`${file} is not claimed as traces`, () => {
      for (const spec of MINE) expect([spec.id, spec.sniff(input(file)) < 0.5]).toEqual([spec.id, true]);
    });
  }
});
