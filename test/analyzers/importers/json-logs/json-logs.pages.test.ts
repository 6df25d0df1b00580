// A log API answer that says more pages remain is an incomplete export: said once, with how to
// fetch the rest; its records are read. Answers that hold everything say nothing.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../../helpers/analyse.js';

const run = (text: string) => analyseInputs([['a.json', text]]).inputs[0]!;

describe('incomplete log API answers', () => {
  it('CloudWatch nextToken, Datadog v2 next page and v1 nextLogId, a search total above its hits', () => {
    const cases: [string, RegExp][] = [
      ['{"events":[{"timestamp":1704067200000,"message":"a","logStreamName":"s"}],"searchedLogStreams":[],"nextToken":"Bxkq6kVGFtq2y_Moigeqscg"}', /^CloudWatch answered with a nextToken/],
      ['{"data":[{"id":"1","type":"log","attributes":{"timestamp":"2024-01-01T00:00:00Z","status":"info","message":"a","service":"api"}}],"meta":{"page":{"after":"eyJhZnRlciI6e30"}},"links":{"next":"https://api.datadoghq.com/api/v2/logs/events?page[cursor]=x"}}', /^Datadog answered with a next page/],
      ['{"logs":[{"id":"AAAA","content":{"timestamp":"2024-01-01T00:00:00Z","message":"a","service":"api","attributes":{}}}],"nextLogId":"AAAB","status":"done"}', /^Datadog answered with a nextLogId/],
      ['{"took":3,"hits":{"total":{"value":5000,"relation":"eq"},"hits":[{"_index":"logs","_id":"1","_source":{"@timestamp":"2024-01-01T00:00:00Z","message":"a"}}]}}', /^the search matched 5000 documents and the answer holds 1/],
      ['{"took":3,"hits":{"total":{"value":10000,"relation":"gte"},"hits":[{"_index":"logs","_id":"1","_source":{"@timestamp":"2024-01-01T00:00:00Z","message":"a"}}]}}', /^the search matched at least 10000 documents and the answer holds 1/],
    ];
    for (const [text, message] of cases) {
      const input = run(text);
      expect(input.records, text).toBe(1);
      expect(input.errors.map((e) => [e.code, message.test(e.message)]), text).toEqual([['invalid-record', true]]);
    }
  });

  it('says nothing when the answer holds everything (no token, a total equal to the hits)', () => {
    for (const text of [
      '{"events":[{"timestamp":1704067200000,"message":"a"}],"searchedLogStreams":[]}',
      '{"took":3,"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_index":"logs","_id":"1","_source":{"@timestamp":"2024-01-01T00:00:00Z","message":"a"}}]}}',
    ]) expect(run(text).errors, text).toEqual([]);
  });
});

describe("Splunk's search results as JSON", () => {
  it('are read as log records (their _raw line and _time), sniffed as json-logs', () => {
    const text = '{"preview":false,"init_offset":0,"messages":[],"fields":[{"name":"_raw"},{"name":"_time"}],"results":[{"_raw":"2024-01-01 10:15:29,500 ERROR [main] c.e.App - failed","_time":"2024-01-01T10:15:29.500+01:00","host":"web-1"},{"_raw":"{\\"level\\":\\"info\\",\\"msg\\":\\"ok\\"}","_time":"2024-01-01T10:15:30.000+01:00","host":"web-1"}]}';
    const r = analyseInputs([['s.json', text]]);
    expect([r.inputs[0]!.format, r.inputs[0]!.records, r.inputs[0]!.errors]).toEqual(['json-logs', 2, []]);
    expect(r.signals.logs.timeRange).toEqual({ start: '2024-01-01T09:15:29.500000000Z', end: '2024-01-01T09:15:30.000000000Z' });
  });
});
