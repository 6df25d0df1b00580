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

  it("Tempo's answers for a trace it does not have are OTLP with no spans, said as an empty input", () => {
    for (const text of ['{"batches":[]}\n', '{"trace":{}}\n', '{ "batches" : [ ] }', '{"resourceSpans":[{"scopeSpans":[]}]}']) {
      const input = analyseText(text, 3, 'tempo.json');
      expect([input.format, input.records, input.rejected, input.errors.map((e) => e.code)]).toEqual(['otlp-json', 0, 0, ['empty-input']]);
      expect(input.errors[0]!.message).toContain('read as otlp-json but holds no records');
    }
  });

  it('other well-formed answers of nothing say so too: Jaeger, Prometheus API, Zipkin, a CSV header alone', () => {
    for (const [text, format] of [
      ['{"data":[],"total":0,"limit":0,"offset":0,"errors":null}', 'jaeger'],
      ['{"status":"success","data":{"resultType":"matrix","result":[]}}', 'prom-api'],
      ['time,cpu_usage\n', 'csv-metrics'],
    ] as const) {
      const input = analyseText(text, 5, 'answer.json');
      expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual([format, 0, ['empty-input']]);
    }
  });

  it('a compact answer whose lists are empty and that no format claims (CloudWatch `{"events":[]}`) is an empty input, not one log record', () => {
    for (const text of ['{"events":[]}', '{"events":[],"nextForwardToken":"f/3855","nextBackwardToken":"b/3855"}\n', '{"items":[],"kind":"List"}']) {
      const input = analyseText(text, 4, 'answer.json');
      expect([input.records, input.errors.map((e) => e.code)]).toEqual([0, ['empty-input']]);
    }
    // one with an event is read
    expect(analyseText('{"events":[{"timestamp":1700000000000,"message":"started"}]}', 4, 'a.json').records).toBe(1);
  });

  it('an exposition of metadata only is valid OpenMetrics: no error', () => {
    const input = analyseText('# TYPE a counter\n# HELP a help\n# EOF\n', undefined, 'metrics');
    expect([input.format, input.records, input.errors]).toEqual(['openmetrics', 0, []]);
  });

  it('null, or several empty values, are empty inputs too', () => {
    for (const [text, what] of [['null\n', 'a JSON null'], ['[]\n[]\n', 'empty JSON values'], ['{}\nnull\n[]', 'empty JSON values']] as const) {
      const input = analyseText(text, 1, 'answer.json');
      expect([input.records, input.errors.map((e) => e.code)]).toEqual([0, ['empty-input']]);
      expect(input.errors[0]!.message).toContain(what);
    }
  });

  it('an array or object with content is still read by its importer', () => {
    const input = analyseText('[{"traceId":"0000000000000001","id":"0000000000000002","name":"get","timestamp":1700000000000000,"duration":5,"localEndpoint":{"serviceName":"api"}}]', undefined, 'zipkin.json');
    expect([input.format, input.records]).toEqual(['zipkin', 1]);
  });
});
