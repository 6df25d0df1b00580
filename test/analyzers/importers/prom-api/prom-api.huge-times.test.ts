// A time so large that it overflows to Infinity once made milliseconds (±1e306 seconds) is an
// invalid timestamp of its point, not a crash of the run (BigInt(Infinity) threw: exit 3).
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../../helpers/analyse.js';

const cases: [string, string][] = [
  ['matrix.json', '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[[1704067200,"1"],[1e306,"1"]]}]}}'],
  ['vector.json', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up"},"value":[-1e306,"1"]}]}}'],
  ['graphite.json', '[{"target":"a.b","tags":{"name":"a.b"},"datapoints":[[1,1704067200],[2,1e306]]}]'],
  ['cloudwatch.json', '{"MetricDataResults":[{"Id":"m1","Label":"CPU","Timestamps":[1704067200,1e306],"Values":[1,2],"StatusCode":"Complete"}],"Messages":[]}'],
  ['cloudwatch-stats.json', '{"Label":"CPU","Datapoints":[{"Timestamp":1e306,"Average":1,"Unit":"Percent"}]}'],
];

describe('huge times in JSON metric APIs', () => {
  it('each such point is rejected with invalid-timestamp; the others are read', () => {
    const r = analyseInputs(cases);
    // by hand: one good point in matrix, graphite and cloudwatch; none in vector and cloudwatch-stats
    expect(r.inputs.map((i) => [i.path, i.records, i.rejected, i.errors.map((e) => e.code)])).toEqual([
      ['cloudwatch-stats.json', 0, 1, ['invalid-timestamp']],
      ['cloudwatch.json', 1, 1, ['invalid-timestamp']],
      ['graphite.json', 1, 1, ['invalid-timestamp']],
      ['matrix.json', 1, 1, ['invalid-timestamp']],
      ['vector.json', 0, 1, ['invalid-timestamp']],
    ]);
  });
});

describe("the Pushgateway's /api/v1/metrics answer", () => {
  it('is named, with what to read instead (it said "without data points")', () => {
    const text = '{"status":"success","data":[{"labels":{"instance":"","job":"backup"},"last_push_successful":true,"push_time_seconds":{"time_stamp":"2023-11-14T22:13:20Z","type":"GAUGE","help":"h","metrics":[{"labels":{"job":"backup"},"value":"1.7e+09"}]}}]}';
    const input = analyseInputs([['pg.json', text]]).inputs[0]!;
    expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['prom-api', 0, ['unsupported']]);
    expect(input.errors[0]!.message).toMatch(/^a Pushgateway API answer \(\/api\/v1\/metrics\).*scrape the Pushgateway's \/metrics instead/);
  });
});
