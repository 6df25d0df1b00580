// APIs answer "nothing matched" with an empty value: `[]` (Zipkin /api/v2/traces, a Jaeger span
// list), `{}`, Tempo's `{"batches":[]}` (v1) and `{"trace":{}}` (v2). No records, and no record
// made of the brackets themselves (they were read as one log line before).
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../helpers/analyse.js';

describe('empty API answers', () => {
  it('[] and {} alone are empty inputs that say what they are', () => {
    for (const [text, what] of [['[]\n', 'array'], ['{ }', 'object'], ['\uFEFF[\n]\n', 'array']] as const) {
      const input = analyseText(text, 1, 'answer.json');
      expect([input.records, input.errors.map((e) => e.code)]).toEqual([0, ['empty-input']]);
      expect(input.errors[0]!.message).toContain(`an empty JSON ${what}`);
    }
  });

  it("Tempo's answers for a trace it does not have are OTLP with no spans and no error", () => {
    for (const text of ['{"batches":[]}\n', '{"trace":{}}\n', '{ "batches" : [ ] }']) {
      const input = analyseText(text, 3, 'tempo.json');
      expect([input.format, input.records, input.rejected, input.errors]).toEqual(['otlp-json', 0, 0, []]);
    }
  });

  it('an array or object with content is still read by its importer', () => {
    const input = analyseText('[{"traceId":"0000000000000001","id":"0000000000000002","name":"get","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"api"}}]', undefined, 'zipkin.json');
    expect([input.format, input.records]).toEqual(['zipkin', 1]);
  });
});
