// A JSON array of Jaeger traces, `[{traceID, spans, processes}, …]`: `jq .data` of a UI download
// or of a query answer, or a script that collected traces one by one. Each element was taken for a
// span ('not a Jaeger span (no traceID/spanID)', every span lost); now each is read as a trace of
// `data`, with its own processes.
import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { canonical, chunkings, decode, readData } from '../common/json-test-helpers.js';

const multi = JSON.parse(new TextDecoder().decode(readData('jaeger-json/jaeger-ui/fixtures/oltp2jaeger-multi-out.json'))) as { data: unknown[] };
const single = JSON.parse(new TextDecoder().decode(readData('jaeger-json/jaeger-ui/tableValuesTestTrace/spansAmongEachOther.json'))) as unknown;
const strip = (r: ReturnType<typeof decode>) => canonical(r.records.map((x) => ({ ...x, source: { file: x.source.file } })));

describe('jaeger: an array of traces', () => {
  // oltp2jaeger-multi-out.json: 4 spans (jq '[.data[].spans[]]|length'); spansAmongEachOther.json:
  // 12 spans (jq '.spans|length'). The array of all their traces holds 16, read as `data` reads them.
  const traces = [...multi.data, single];
  const want = strip(decode(jaeger, JSON.stringify({ data: traces })));

  for (const [name, text] of [
    ['one line', JSON.stringify(traces)],
    ['pretty-printed', JSON.stringify(traces, null, 2)],
  ] as const) {
    it(`${name}: 16 spans, the same as {"data": […]}, in any chunking`, () => {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('jaeger');
      const r = decode(jaeger, text);
      expect(r.records).toHaveLength(16);
      expect(r.errors).toEqual([]);
      expect(r.progress.rejected).toBe(0);
      expect(strip(r)).toBe(want);
      const { whole, variants } = chunkings(jaeger, new TextEncoder().encode(text));
      for (const v of variants) expect({ chunk: v.chunk, same: v.records === canonical(whole.records), errors: v.errors }).toEqual({ chunk: v.chunk, same: true, errors: '[]' });
    });
  }

  it('a flat array of spans is still read span by span', () => {
    const spans = (single as { spans: unknown[] }).spans;
    const r = decode(jaeger, JSON.stringify(spans));
    expect(r.records).toHaveLength(12);
  });
});
