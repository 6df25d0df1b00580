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

describe('OTLP: `resource` written twice in one resourceSpans element', () => {
  // The first is read (the Collector's decoder keeps the first written value of an attribute), on
  // every path: streamed document, a JSON Lines line (JSON.parse alone would keep the last), chunks.
  // Expected services and notices written by hand.
  const res2 = '"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"second"}}]}';
  const doc = `{"resourceSpans":[{${res},"scopeSpans":[{"spans":[${span()}]}],${res2}},{${res2},"scopeSpans":[{"spans":[${span()}]}]}]}`;
  function services(text: string, chunk = 0) {
    const analysis = new Analysis({ toolVersion: 't' });
    const bytes = new TextEncoder().encode(text);
    const s = new InputSource(analysis, 'in.json', { totalBytes: bytes.length });
    for (let i = 0; i < bytes.length; i += chunk || bytes.length) s.push(bytes.subarray(i, i + (chunk || bytes.length)));
    s.end();
    const r = analysis.finish();
    const i = r.inputs[0]!;
    return { records: i.records, rejected: i.rejected, services: r.signals.traces.services, errors: i.errors.map((e) => [e.code, e.message]) };
  }
  const notice = ['invalid-record', 'resourceSpans element writes "resource" twice; the first is read, this one (line 1) is not'];
  for (const chunk of [0, 1, 7, 4096]) {
    it(`first one wins, one notice: one line, two lines, pretty-printed (chunk ${chunk})`, () => {
      expect(services(doc, chunk)).toEqual({ records: 2, rejected: 0, services: ['second', 'svc'], errors: [notice] });
      expect(services(`${doc}\n${doc}\n`, chunk)).toMatchObject({ records: 4, rejected: 0, services: ['second', 'svc'] });
      const pretty = services(doc.replace(/,"/g, ',\n  "'), chunk);
      expect([pretty.records, pretty.services, pretty.errors.length]).toEqual([2, ['second', 'svc'], 1]);
    });
  }
});
