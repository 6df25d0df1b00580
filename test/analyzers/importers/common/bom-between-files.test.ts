// Files that each begin with a byte order mark, joined (`cat a b > c`): the marks after the first
// are no content. Pretty-printed JSON documents (the streaming scanner) and Prometheus/OpenMetrics
// text read every record, as JSON Lines already did; every chunking the same (a 1-byte chunking
// splits the 3-byte mark). Expected counts written by hand from the inputs below.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../../analyzers/analysis/source.js';

function analyse(bytes: Uint8Array, chunk = 0) {
  const analysis = new Analysis({ toolVersion: 't' });
  const s = new InputSource(analysis, 'in', { totalBytes: bytes.length });
  const step = chunk || bytes.length;
  for (let i = 0; i < bytes.length; i += step) s.push(bytes.subarray(i, i + step));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => e.code) };
}

const BOM = '\uFEFF';
const enc = (t: string) => new TextEncoder().encode(t);
const otlp = (i: number) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] }, scopeSpans: [{ spans: [{ traceId: '0123456789abcdef0123456789abcdef', spanId: `012345678901234${i}`, name: 'n', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000001000000000' }] }] }] }, null, 1);
const zipkin = (i: number) => JSON.stringify([{ traceId: '0123456789abcdef', id: `000000000000000${i}`, name: 'n', timestamp: 1700000000000000, duration: 5, localEndpoint: { serviceName: 'z' } }], null, 1);

describe('a byte order mark between joined files', () => {
  for (const chunk of [0, 1, 7, 4096]) {
    it(`pretty-printed OTLP and Zipkin documents: every span, nothing rejected (chunk ${chunk})`, () => {
      expect(analyse(enc(`${BOM}${otlp(1)}\n${BOM}${otlp(2)}\n${BOM}${otlp(3)}\n`), chunk)).toEqual({ format: 'otlp-json', records: 3, rejected: 0, errors: [] });
      expect(analyse(enc(`${BOM}${zipkin(1)}\n${BOM}${zipkin(2)}\n`), chunk)).toEqual({ format: 'zipkin', records: 2, rejected: 0, errors: [] });
    });
    it(`Prometheus text and OpenMetrics: every sample, the right dialect (chunk ${chunk})`, () => {
      expect(analyse(enc(`${BOM}# TYPE a gauge\na 1\n${BOM}# TYPE b gauge\nb 2\n`), chunk)).toEqual({ format: 'prometheus', records: 2, rejected: 0, errors: [] });
      expect(analyse(enc(`${BOM}# TYPE a gauge\na 1\n${BOM}# TYPE b gauge\nb 2\n# EOF\n`), chunk)).toEqual({ format: 'openmetrics', records: 2, rejected: 0, errors: [] });
    });
  }
  it('a byte order mark inside a JSON value is still an error there', () => {
    const r = analyse(enc(`{"resourceSpans":[${BOM}{"scopeSpans":[]}]}`));
    expect(r.errors).toContain('invalid-json');
  });
});
