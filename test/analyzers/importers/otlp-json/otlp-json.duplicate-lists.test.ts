// A list written twice in one object (`scopeSpans` twice in a resource, `spans` twice in a scope,
// `resourceSpans` twice in a request). The document reader streams both, as the Collector's OTLP
// JSON unmarshaler (pdata) appends both; a request on a JSON Lines line, which JSON.parse reads
// (keeping the last), must count the same.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../../analyzers/analysis/source.js';

function analyse(text: string, chunk = 0) {
  const analysis = new Analysis({ toolVersion: 't' });
  const bytes = new TextEncoder().encode(text);
  const s = new InputSource(analysis, 'in.json', { totalBytes: bytes.length });
  if (chunk === 0) s.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.length };
}

let n = 0;
const span = (name = 'op') => `{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b71692033${(n++ % 256).toString(16).padStart(2, '0')}","name":"${name}","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000000001000"}`;
const res = '"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]}';
const group = (scopes: string) => `{${res},${scopes}}`;

const CASES: [string, string, number][] = [
  ['scopeSpans twice', `{"resourceSpans":[${group(`"scopeSpans":[{"spans":[${span()},${span()}]}],"scopeSpans":[{"spans":[${span()}]}]`)}]}`, 3],
  ['spans twice', `{"resourceSpans":[${group(`"scopeSpans":[{"spans":[${span()}],"spans":[${span()},${span()}]}]`)}]}`, 3],
  ['resourceSpans twice', `{"resourceSpans":[${group(`"scopeSpans":[{"spans":[${span()}]}]`)}],"resourceSpans":[${group(`"scopeSpans":[{"spans":[${span()}]}]`)}]}`, 2],
  ['scope_spans and scopeSpans', `{"resource_spans":[${group(`"scope_spans":[{"spans":[${span()}]}],"scopeSpans":[{"spans":[${span()}]}]`)}]}`, 2],
  ['no duplicate, a span named get_spans', `{"resourceSpans":[${group(`"scopeSpans":[{"spans":[${span('get_spans')},${span('\\"spans\\"')}]}]`)}]}`, 2],
];

describe('OTLP: a list named twice in one object', () => {
  for (const [what, doc, records] of CASES) {
    it(`${what}: ${records} spans as a document, on a JSON Lines line and in chunks`, () => {
      for (const chunk of [0, 1, 7, 4096]) expect(analyse(doc, chunk)).toEqual({ format: 'otlp-json', records, rejected: 0, errors: 0 });
      const lines = `${doc}\n${doc}\n`;
      for (const chunk of [0, 1, 7, 4096]) expect(analyse(lines, chunk)).toEqual({ format: 'otlp-json', records: 2 * records, rejected: 0, errors: 0 });
      // pretty-printed: a document over many lines
      expect(analyse(doc.replace(/,"/g, ',\n  "'))).toEqual({ format: 'otlp-json', records, rejected: 0, errors: 0 });
    });
  }
});
