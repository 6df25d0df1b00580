// Grafana Tempo's trace API answers: v1 `{"batches": [resourceSpans…]}` (older Tempo, often with
// instrumentationLibrarySpans) and v2 `{"trace": {"resourceSpans": …}}`. Read exactly as the OTLP
// request they hold, on one line or pretty-printed, in any chunking.
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { canonical, decode, readData } from '../common/json-test-helpers.js';

const original = JSON.parse(new TextDecoder().decode(readData('otlp-json/opentelemetry-proto-examples/trace.json'))) as { resourceSpans: Record<string, unknown>[] };
const expected = decode(otlpJson, JSON.stringify(original));
const strip = (rs: typeof expected.records) => canonical(rs.map((r) => ({ ...r, source: { file: r.source.file } })));

/** The same groups with the pre-1.0 scope key, as old Tempo versions return them. */
const oldScopes = original.resourceSpans.map(({ scopeSpans, ...rest }) => ({ ...rest, instrumentationLibrarySpans: (scopeSpans as Record<string, unknown>[]).map(({ scope, ...s }) => ({ ...s, instrumentationLibrary: scope })) }));

const SHAPES: [string, unknown][] = [
  ['v1 batches', { batches: original.resourceSpans }],
  ['v1 batches, instrumentationLibrarySpans', { batches: oldScopes }],
  ['v2 trace', { trace: original }],
];

describe('Grafana Tempo trace API', () => {
  it('the reference request has spans', () => {
    expect(expected.records.length).toBeGreaterThan(0);
    expect(expected.errors).toEqual([]);
  });
  for (const [name, doc] of SHAPES) {
    it(`${name}: same spans as the OTLP request`, () => {
      for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
        expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('otlp-json');
        for (const chunk of [undefined, 7]) {
          const r = decode(otlpJson, text, chunk);
          expect(r.errors).toEqual([]);
          const want = name.includes('instrumentationLibrary') ? strip(decode(otlpJson, JSON.stringify({ resourceSpans: oldScopes })).records) : strip(expected.records);
          expect(strip(r.records)).toBe(want);
        }
      }
    });
  }
});
