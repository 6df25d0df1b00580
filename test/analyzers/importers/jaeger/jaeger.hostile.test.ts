import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import { JaegerMapError } from '../../../../analyzers/importers/jaeger/map.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { codes, decode } from '../common/json-test-helpers.js';

const span = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ traceID: 'abc', spanID: id, operationName: 'op', startTime: 1000, duration: 5, processID: 'p1', ...extra });
const processes = { p1: { serviceName: 'svc', tags: [{ key: 'ip', type: 'string', value: '1.2.3.4' }] } };

describe('jaeger hostile input and edge cases', () => {
  it('bare trace with processes after spans: spans wait for them', () => {
    const r = decode(jaeger, JSON.stringify({ traceID: 'abc', spans: [span('1'), span('2')], processes }));
    expect(r.errors).toEqual([]);
    expect((r.records as Span[]).map((s) => [s.spanId, s.resource.serviceName, s.traceId])).toEqual([
      ['0000000000000001', 'svc', '0000000000000abc'],
      ['0000000000000002', 'svc', '0000000000000abc'],
    ]);
  });

  it('unknown processID keeps the span and says so; otel.status_code and span.kind are lifted', () => {
    const r = decode(jaeger, JSON.stringify({ data: [{ spans: [span('1', { processID: 'nope', tags: [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }, { key: 'span.kind', type: 'string', value: 'producer' }] })], processes }] }));
    expect(codes(r)).toEqual(['invalid-record']);
    expect(r.progress.rejected).toBe(0);
    expect(r.records[0]).toMatchObject({ spanKind: 'producer', status: { code: 'error' }, attributes: {} });
  });

  it('empty, binary, truncated, wrong types, invalid ids, deep nesting: coded errors, the rest kept', () => {
    expect(codes(decode(jaeger, ''))).toEqual(['empty-input']);
    expect(codes(decode(jaeger, new Uint8Array([0, 1, 2, 3, 0, 255])))).toEqual(['binary-data']);
    const t = decode(jaeger, '[' + JSON.stringify(span('1', { process: processes.p1 })) + ',{"traceID":"ab');
    expect([t.records.length, codes(t)]).toEqual([1, ['truncated']]);
    const w = decode(jaeger, JSON.stringify({ data: [{ spans: 'x' }, 5, { spans: [span('zz'), 'x', span('3')], processes }] }));
    expect([w.records.length, codes(w)]).toEqual([1, ['wrong-type', 'wrong-type', 'invalid-id', 'wrong-type']]);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const d = decode(jaeger, `{"data":[{"spans":${deep}}, ${JSON.stringify({ spans: [span('4')], processes })}]}`);
    expect([d.records.length, codes(d)]).toEqual([1, ['too-deep']]);
  });

  it('api_v2 GetTrace answers through the grpc-gateway ({"result":{"spans":[…]}} a line) are read, not silently empty', () => {
    // Two streamed SpansResponseChunk messages in the gateway's envelope, proto-JSON spans:
    // base64 ids, RFC 3339 start, "1ms"-style durations, process inline, refType omitted (CHILD_OF = 0).
    const chunk = (spanId: string, extra: Record<string, unknown>) => JSON.stringify({ result: { spans: [{ traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==', spanId, operationName: 'op', startTime: '2024-01-01T00:00:00.000001Z', duration: '0.001s', process: { serviceName: 'svc' }, ...extra }] } });
    const text = chunk('AAAAAAAAAAI=', {}) + '\n' + chunk('AAAAAAAAAAM=', { references: [{ traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==', spanId: 'AAAAAAAAAAI=' }], duration: '500ns' }) + '\n';
    const r = decode(jaeger, text);
    expect(r.errors).toEqual([]);
    const spans = r.records as Span[];
    expect(spans.map((x) => [x.spanId, x.parentSpanId, x.resource.serviceName])).toEqual([
      ['0000000000000002', undefined, 'svc'],
      ['0000000000000003', '0000000000000002', 'svc'],
    ]);
    expect(spans.map((x) => x.endNs! - x.startNs!)).toEqual([1_000_000n, 500n]);
    expect(jaeger.sniff({ bytes: new TextEncoder().encode(text), text, complete: true })).toBeGreaterThanOrEqual(0.9);
  });
});

describe('jaeger: many rejected elements', () => {
  // As Zipkin's (fuzzing): a stack trace captured per rejected span made bad arrays slow to reject.
  it('a rejection is not an Error (no stack captured per bad span) and every element is counted', () => {
    expect(new JaegerMapError('wrong-type', 'x')).not.toBeInstanceOf(Error);
    // 50,000 spans without spanID in one trace: each one rejected.
    const r = decode(jaeger, JSON.stringify({ data: [{ traceID: 'abc', spans: Array.from({ length: 50_000 }, () => ({ traceID: 'abc', operationName: 'op', processID: 'p1' })), processes }] }));
    expect([r.records.length, r.progress.rejected]).toEqual([0, 50_000]);
  });
});

describe('jaeger: where a bad span of a trace is', () => {
  it("errors and records of a trace's spans carry each span's own line, not the trace's", () => {
    const doc = { data: [{ traceID: 'abc', spans: [span('1'), span('2', { processID: 'p42' }), { traceID: 'abc', operationName: 'no id', processID: 'p1' }, span('4')], processes }] };
    const text = JSON.stringify(doc, null, 2) + '\n';
    const lines = text.split('\n');
    // the line of each span's opening brace (JSON.stringify indents a span of data[0].spans by 8)
    const spanLines = lines.flatMap((l, i) => (/^ {8}\{$/.test(l) ? [i + 1] : []));
    expect(spanLines).toHaveLength(4);
    for (const chunk of [undefined, 7]) {
      const r = decode(jaeger, text, chunk);
      expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-record', spanLines[1]], ['missing-field', spanLines[2]]]);
      expect((r.records as Span[]).map((x) => x.source.line)).toEqual([spanLines[0], spanLines[1], spanLines[3]]);
    }
  });
});

describe('jaeger: a missing comma between two spans', () => {
  it('is reported and costs no span (pretty-printed or on one line)', () => {
    const doc = { data: [{ traceID: 'abc', spans: [span('1'), span('2'), span('3')], processes }] };
    const pretty = JSON.stringify(doc, null, 2).replace(/\}\,\n(\s+)\{\n(\s+)"traceID": "abc",\n(\s+)"spanID": "2"/, '}\n$1{\n$2"traceID": "abc",\n$3"spanID": "2"');
    expect(pretty).not.toBe(JSON.stringify(doc, null, 2));
    const oneLine = JSON.stringify(doc).replace('},{"traceID":"abc","spanID":"2"', '}{"traceID":"abc","spanID":"2"');
    for (const text of [pretty, oneLine]) {
      for (const chunk of [undefined, 7]) {
        const r = decode(jaeger, text, chunk);
        expect([r.records.length, r.progress.rejected, r.errors.map((e) => e.code)]).toEqual([3, 0, ['invalid-json']]);
        expect(r.errors[0]!.message).toContain("missing ','");
      }
    }
  });
});
