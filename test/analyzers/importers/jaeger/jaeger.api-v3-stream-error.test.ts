// Jaeger's api_v3 streams a trace answer (grpc-gateway) as `{"result": …}` chunks, one a line; a
// stream that failed ends with an `{"error": {…}}` chunk. Its message is reported (the answer is
// incomplete), and the chunk is rejected as no trace no more. Before: 1 span, 1 rejected record
// ("not a Jaeger trace: top-level members error"), the message not shown.
// Expected by hand: the result chunk holds 1 span; the error chunk starts on line 2, at the byte
// after the first line and its newline (offset = length of line 1 + 1).
import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { expectSameInAnyChunking } from '../common/json-test-helpers.js';

const RESULT = JSON.stringify({
  result: {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
        scopeSpans: [{ scope: {}, spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000250000000', status: {} }] }],
      },
    ],
  },
});
const ERROR = JSON.stringify({ error: { grpcCode: 4, httpCode: 504, message: 'context deadline exceeded', httpStatus: 'Gateway Timeout' } });

describe('a Jaeger api_v3 stream that ends with an error chunk', () => {
  it("reads the spans before it and reports the error's message, rejecting nothing", () => {
    const text = `${RESULT}\n${ERROR}\n`;
    const bytes = new TextEncoder().encode(text);
    expect(sniffFormat(makeSniffInput(bytes, true)).spec?.id).toBe('jaeger');
    const r = expectSameInAnyChunking(jaeger, bytes);
    expect(r.records.length).toBe(1);
    expect(r.progress.rejected).toBe(0);
    expect(r.errors.map((e) => [e.code, e.message, e.line, e.offset])).toEqual([
      ['invalid-record', 'Jaeger answered with an error: "context deadline exceeded" (HTTP 504 Gateway Timeout, gRPC code 4); the answer stops there, so traces may be missing (the findings are about the spans before it)', 2, RESULT.length + 1],
    ]);
  });

  it('another top-level object after the chunks is still no trace', () => {
    const r = expectSameInAnyChunking(jaeger, new TextEncoder().encode(`${RESULT}\n{"error":"plain text","other":1}\n`));
    expect(r.records.length).toBe(1);
    expect(r.errors.map((e) => e.message)).toEqual(['not a Jaeger trace: top-level members error, other']);
    expect(r.progress.rejected).toBe(1);
  });
});
