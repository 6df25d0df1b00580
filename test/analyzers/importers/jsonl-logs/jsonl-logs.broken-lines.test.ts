// JSON Lines a user broke: a comma after each line's object (lines cut out of a JSON array, a
// logger that writes one), and a file that is one JSON line cut short. Both were "unrecognised";
// now the records are read (a notice says what is wrong with the lines) and a cut line is said
// `truncated` at its line. Same through the sniffer for every chunking. Expected counts written
// by hand from the inputs below.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../../analyzers/analysis/source.js';

function analyse(text: string, chunk = 0) {
  const analysis = new Analysis({ toolVersion: 't' });
  const bytes = new TextEncoder().encode(text);
  const s = new InputSource(analysis, 'in.log', { totalBytes: bytes.length });
  const step = chunk || bytes.length || 1;
  for (let i = 0; i < bytes.length; i += step) s.push(bytes.subarray(i, i + step));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => [e.code, e.line]) };
}

const rec = (i: number) => `{"level":"info","msg":"m${i}","time":"2024-01-01T00:00:0${i}Z"}`;
const COMMA_NOTE = 'this line ends with a comma after its JSON object';

describe('JSON Lines logs: a comma after each line', () => {
  for (const chunk of [0, 1, 7, 4096]) {
    it(`every line: all records read, one notice at the first (chunk ${chunk})`, () => {
      expect(analyse(`${rec(1)},\n${rec(2)},\n${rec(3)},\n`, chunk)).toEqual({ format: 'jsonl-logs', records: 3, rejected: 0, errors: [['invalid-json', 1]] });
    });
    it(`one line only: its record read (chunk ${chunk})`, () => {
      expect(analyse(`${rec(1)},\n`, chunk)).toEqual({ format: 'jsonl-logs', records: 1, rejected: 0, errors: [['invalid-json', 1]] });
    });
    it(`a comma on line 2 of 3: 3 records, notice at line 2 (chunk ${chunk})`, () => {
      expect(analyse(`${rec(1)}\n${rec(2)}, \n${rec(3)}\n`, chunk)).toEqual({ format: 'jsonl-logs', records: 3, rejected: 0, errors: [['invalid-json', 2]] });
    });
  }
  it('the notice says what is wrong', () => {
    const a = new Analysis({ toolVersion: 't' });
    const s = new InputSource(a, 'in.log', {});
    s.push(new TextEncoder().encode(`${rec(1)},\n${rec(2)},\n`));
    s.end();
    expect(a.finish().inputs[0]!.errors[0]!.message).toContain(COMMA_NOTE);
  });
  it('a broken object before the comma is still an error of its line', () => {
    expect(analyse(`${rec(1)}\n{"level":"info","msg":},\n${rec(3)}\n`)).toEqual({ format: 'jsonl-logs', records: 2, rejected: 1, errors: [['invalid-json', 2]] });
  });
  it('a JSON array written an element a line stays a document (json-logs), unchanged', () => {
    expect(analyse(`[\n${rec(1)},\n${rec(2)}\n]\n`)).toEqual({ format: 'json-logs', records: 2, rejected: 0, errors: [] });
  });
});

describe('JSON Lines logs: the whole file is one line cut short', () => {
  for (const chunk of [0, 1, 7, 4096]) {
    it(`a log object cut mid-string or mid-value: read as JSON Lines logs, 1 rejected, truncated at line 1 (chunk ${chunk})`, () => {
      expect(analyse('{"level":"info","msg":"hello","time":"2024-01-01T00:00:00Z"', chunk)).toEqual({ format: 'jsonl-logs', records: 0, rejected: 1, errors: [['truncated', 1]] });
      expect(analyse('{"level":"info","msg":"hel', chunk)).toEqual({ format: 'jsonl-logs', records: 0, rejected: 1, errors: [['truncated', 1]] });
    });
  }
  it('a cut object with no log member names stays unrecognised', () => {
    expect(analyse('{"id":1,"name":"x","rows":[1,2').format).toBe('unknown');
  });
});

describe('broken JSON that no importer reads: the error says what is wrong, with the line', () => {
  function message(text: string): string {
    const a = new Analysis({ toolVersion: 't' });
    const s = new InputSource(a, 'in.json', {});
    s.push(new TextEncoder().encode(text));
    s.end();
    const i = a.finish().inputs[0]!;
    expect([i.format, i.errors[0]!.code]).toEqual(['unknown', 'unrecognised-format']);
    return i.errors[0]!.message;
  }
  it('a data object cut short', () => {
    expect(message('{"id":1,"name":"x",\n"rows":[1,2')).toBe('JSON cut short: the input ends (line 2) before the JSON value that opens on line 1 closes (a partial download or copy?); nothing before the cut is a format ObsReady reads');
  });
  it('trailing commas inside objects, one object or JSON Lines', () => {
    expect(message('{"a":1,}\n{"b":2,}\n')).toContain('JSON with a trailing comma (a comma before a closing bracket, first on line 1)');
    expect(message('{"b":2}\n{"a":[1,2 ,] }\n')).toContain('first on line 2');
  });
});

describe('a comma after each top-level value in the JSON readers (OTLP, Zipkin)', () => {
  const otlp = (i: number) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 's' } }] }, scopeSpans: [{ spans: [{ traceId: '0123456789abcdef0123456789abcdef', spanId: `012345678901234${i}`, name: 'n', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000001000000000' }] }] }] });
  const zipkin = (i: number) => JSON.stringify([{ traceId: '0123456789abcdef', id: `000000000000000${i}`, name: 'n', timestamp: 1700000000000000, duration: 5, localEndpoint: { serviceName: 'z' } }]);
  for (const chunk of [0, 1, 7, 4096]) {
    it(`OTLP lines "{…},": 3 spans, none rejected, one notice (chunk ${chunk})`, () => {
      expect(analyse(`${otlp(1)},\n${otlp(2)},\n${otlp(3)},\n`, chunk)).toEqual({ format: 'otlp-json', records: 3, rejected: 0, errors: [['invalid-json', 1]] });
    });
    it(`Zipkin lists "[…],": 2 spans, none rejected (chunk ${chunk})`, () => {
      expect(analyse(`${zipkin(1)},\n${zipkin(2)},\n`, chunk)).toEqual({ format: 'zipkin', records: 2, rejected: 0, errors: [['invalid-json', 1]] });
    });
  }
  it('two commas in a row: the second is an error', () => {
    expect(analyse(`${otlp(1)},,\n${otlp(2)}\n`).errors.map((e) => e[0])).toEqual(['invalid-json', 'invalid-json']);
  });
});
