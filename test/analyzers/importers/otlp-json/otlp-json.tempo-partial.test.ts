// Grafana Tempo's trace API v2 marks a trace it cut (over max_bytes_per_trace) with
// `"status": "PARTIAL"` and a `message` beside `trace`. The spans returned are read, and one error
// (invalid-record, nothing rejected: the code other importers give an incomplete export, such as
// CloudWatch's nextToken or Jaeger's `errors`) quotes Tempo's message. Before, the one-line answer
// was read as 1 log record (its top-level `message` a log key) and the pretty one silently as OTLP.
// Expected by hand: the fixture holds 2 spans (a server span and its client child).
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { sniffJsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decode, expectSameInAnyChunking } from '../common/json-test-helpers.js';

const span = (id: string, parent: string | undefined, name: string) => ({
  traceId: 'W47/95gDgQPSabYzgT/GDA==',
  spanId: id,
  ...(parent ? { parentSpanId: parent } : {}),
  name,
  kind: 'SPAN_KIND_SERVER',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000250000000',
  status: {},
});
const trace = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] }, scopeSpans: [{ scope: { name: 'manual' }, spans: [span('7uGbfsPBsXQ=', undefined, 'GET /'), span('7uGbfsPBsXU=', '7uGbfsPBsXQ=', 'call backend')] }] }] };
const MESSAGE = 'trace exceeds max size (max bytes: 5000000), partial trace returned';
const partial = { trace, status: 'PARTIAL', message: MESSAGE };

const texts = (doc: unknown): [string, string][] => [
  ['one line', JSON.stringify(doc)],
  ['one line, newline after', JSON.stringify(doc) + '\n'],
  ['pretty', JSON.stringify(doc, null, 2) + '\n'],
];

describe('Grafana Tempo trace answer marked PARTIAL', () => {
  for (const [name, text] of texts(partial)) {
    it(`${name}: otlp-json, 2 spans, one error quoting Tempo's message (any chunking)`, () => {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('otlp-json');
      const r = expectSameInAnyChunking(otlpJson, new TextEncoder().encode(text));
      expect(r.records.length).toBe(2);
      expect(r.errors.map((e) => [e.code, e.message, e.line, e.offset])).toEqual([
        ['invalid-record', `Grafana Tempo answered "status": "PARTIAL": "${MESSAGE}"; the trace is incomplete (spans were left out), and its findings are about the spans returned`, 1, 0],
      ]);
      expect(r.progress.rejected).toBe(0);
    });
  }

  it('PARTIAL without a message is said too; COMPLETE and other members (metrics) are not', () => {
    for (const [, text] of texts({ trace, status: 'PARTIAL' })) {
      expect(decode(otlpJson, text).errors.map((e) => e.message)).toEqual(['Grafana Tempo answered "status": "PARTIAL"; the trace is incomplete (spans were left out), and its findings are about the spans returned']);
    }
    for (const doc of [{ trace, status: 'COMPLETE' }, { trace, metrics: { inspectedBytes: '5543' } }]) {
      for (const [, text] of texts(doc)) {
        const r = decode(otlpJson, text);
        expect(r.errors).toEqual([]);
        expect(r.records.length).toBe(2);
      }
    }
  });

  it("the log importer leaves OTLP in Tempo's `trace` (or api_v3's `result`) to the OTLP importer", () => {
    expect(sniffJsonlLogs(makeSniffInput(new TextEncoder().encode(JSON.stringify(partial) + '\n'), true))).toBe(0.1);
    expect(sniffJsonlLogs(makeSniffInput(new TextEncoder().encode(JSON.stringify({ result: trace, message: 'x' }) + '\n'), true))).toBe(0.1);
  });
});
