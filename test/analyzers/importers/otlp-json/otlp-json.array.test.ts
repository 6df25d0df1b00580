// A JSON array of OTLP requests, `[{"resourceSpans": …}, {"resourceMetrics": …}, …]`: what `jq -s`
// makes of a Collector file exporter's lines, and what tools that collect the requests they sent
// write (jaeger-ui#2225). It was 'unrecognised-format' (forced: one wrong-type error, nothing read).
// Each element is read as the request it is, in any chunking; a broken element costs itself alone.
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { canonical, countKinds, decode, readData } from '../common/json-test-helpers.js';

const EX = 'otlp-json/opentelemetry-proto-examples';
const trace = JSON.parse(new TextDecoder().decode(readData(`${EX}/trace.json`))) as unknown;
const metrics = JSON.parse(new TextDecoder().decode(readData(`${EX}/metrics.json`))) as unknown;
const logs = JSON.parse(new TextDecoder().decode(readData(`${EX}/logs.json`))) as unknown;
const strip = (r: ReturnType<typeof decode>) => canonical(r.records.map((x) => ({ ...x, source: { file: x.source.file } })));
/** The three requests read one by one: the array must give exactly their records, in order. */
const one = [trace, metrics, logs].map((d) => decode(otlpJson, JSON.stringify(d)));
const want = canonical(one.flatMap((r) => r.records).map((x) => ({ ...x, source: { file: x.source.file } })));
const wantCounts = countKinds(one.flatMap((r) => r.records));

describe('OTLP JSON: an array of requests', () => {
  it('the example requests have records', () => {
    for (const r of one) {
      expect(r.records.length).toBeGreaterThan(0);
      expect(r.errors).toEqual([]);
    }
  });

  for (const [name, text] of [
    ['one line', JSON.stringify([trace, metrics, logs])],
    ['pretty-printed', JSON.stringify([trace, metrics, logs], null, 2)],
  ] as const) {
    it(`${name}: sniffed as otlp-json, the same records as the three requests, in chunks of 1/7/4096 bytes`, () => {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('otlp-json');
      for (const chunk of [undefined, 1, 7, 4096]) {
        const r = decode(otlpJson, text, chunk);
        expect(r.errors).toEqual([]);
        expect(countKinds(r.records)).toEqual(wantCounts);
        expect(strip(r)).toBe(want);
      }
    });
  }

  it('a broken element and a non-request element cost themselves only', () => {
    // element 2 breaks inside a span (`,,`): that span is lost (1 invalid-json); element 3 `{}` is
    // not a request (1 invalid-record); elements 1 and 4 are read whole.
    const text = `[${JSON.stringify(trace)},{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":1,,}]}]}]},{},${JSON.stringify(metrics)}]`;
    for (const chunk of [undefined, 1, 7, 4096]) {
      const r = decode(otlpJson, text, chunk);
      expect(countKinds(r.records)).toEqual(countKinds([...one[0]!.records, ...one[1]!.records]));
      expect(r.errors.map((e) => e.code)).toEqual(['invalid-json', 'invalid-record']);
      expect(r.progress.rejected).toBe(2);
    }
  });

  it('a top-level array of something else is not claimed', () => {
    for (const text of ['[{"traceID":"a","spans":[]}]', '[1,2]', '[{"resource":{}}]']) {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).not.toBe('otlp-json');
    }
  });
});
