// Series one a line, with no response envelope:
// - VictoriaMetrics /api/v1/export (docs.victoriametrics.com, "How to export data in JSON line
//   format"): `{"metric":{"__name__":…,…},"values":[…],"timestamps":[ms,…]}`, numeric values and
//   millisecond times in two parallel arrays;
// - a Prometheus query result taken apart with `jq -c '.data.result[]'`: `{"metric":…,"values":[[t,"v"],…]}`
//   or `{"metric":…,"value":[t,"v"]}`.
// Before, both were read as JSON Lines logs: one "log record" per series and no metric points.
// Every case is fed whole and in 1-, 7- and 4096-byte chunks with identical results; expected
// counts are derived by hand in each case.
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../../analyzers/importers/decode.js';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points, sniffedId } from '../prometheus/metrics-test-helpers.js';

function decodeAll(text: string): DecodeResult {
  const whole = decodeText(promApi, text);
  for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, n)), `${n}-byte chunks`).toBe(fingerprint(whole));
  return whole;
}

const rows = (r: DecodeResult) => points(r).map((p) => [p.name, p.labels.job, p.timeNs, p.value]);
const errs = (r: DecodeResult) => r.errors.map((e) => [e.code, e.line]);

const VM_UP = '{"metric":{"__name__":"up","job":"node","instance":"a:9100"},"values":[1,1,0],"timestamps":[1549891472010,1549891487724,1549891503438]}';
const VM_REQ = '{"metric":{"__name__":"http_requests_total","job":"api","code":"200"},"values":[10,12.5,15],"timestamps":[1549891472010,1549891487724,1549891503438]}';

describe('prom-api: VictoriaMetrics export lines', () => {
  it('each value is a point at its timestamp (ms), with the series labels', () => {
    // By hand: 2 lines × 3 values = 6 points, 0 rejected.
    const r = decodeAll(`${VM_UP}\n${VM_REQ}\n`);
    expect(rows(r)).toEqual([
      ['up', 'node', 1549891472010000000n, 1],
      ['up', 'node', 1549891487724000000n, 1],
      ['up', 'node', 1549891503438000000n, 0],
      ['http_requests_total', 'api', 1549891472010000000n, 10],
      ['http_requests_total', 'api', 1549891487724000000n, 12.5],
      ['http_requests_total', 'api', 1549891503438000000n, 15],
    ]);
    expect(points(r)[0]!.labels).toEqual({ job: 'node', instance: 'a:9100' });
    expect(points(r)[3]!.source).toEqual({ file: 'input', line: 2, offset: VM_UP.length + 1 });
    expect(r.progress.records).toBe(6);
    expect(r.progress.rejected).toBe(0);
    expect(r.errors).toEqual([]);
  });

  it('sorted keys (timestamps before values) give the same points', () => {
    const sorted = '{"metric":{"__name__":"up","job":"node"},"timestamps":[1549891472010,1549891487724],"values":[1,0]}';
    expect(rows(decodeAll(sorted))).toEqual([
      ['up', 'node', 1549891472010000000n, 1],
      ['up', 'node', 1549891487724000000n, 0],
    ]);
  });

  it('an unreadable value or time costs its own point; the rest of the line is read', () => {
    // By hand: 5 positions; position 1 has value null, position 3 has time -5 → 3 points, 2 rejected.
    const line = '{"metric":{"__name__":"m","job":"j"},"values":[1,null,3,4,"NaN"],"timestamps":[1000,2000,3000,-5,5000]}';
    const r = decodeAll(line);
    expect(rows(r)).toEqual([
      ['m', 'j', 1000000000n, 1],
      ['m', 'j', 3000000000n, 3],
      ['m', 'j', 5000000000n, NaN],
    ]);
    expect(r.progress.rejected).toBe(2);
    expect(r.errors.map((e) => e.code).sort()).toEqual(['invalid-number', 'invalid-timestamp']);
  });

  it('values without a time are rejected and counted', () => {
    // By hand: 4 values, 2 times → 2 points, 2 rejected (invalid-record).
    const r = decodeAll('{"metric":{"__name__":"m"},"values":[1,2,3,4],"timestamps":[1000,2000]}\n{"metric":{"__name__":"n"},"values":[7]}\n');
    expect(rows(r)).toEqual([
      ['m', undefined, 1000000000n, 1],
      ['m', undefined, 2000000000n, 2],
    ]);
    // and the second line: 1 value with no "timestamps" at all → 1 rejected
    expect(r.progress.rejected).toBe(3);
    expect(errs(r)).toEqual([
      ['invalid-record', 1],
      ['invalid-record', 2],
    ]);
    expect(r.errors[0]!.message).toContain('2 values have no entry in "timestamps"');
  });

  it('a line cut inside its timestamps keeps the complete pairs; the rest is truncated', () => {
    // By hand: line 1 whole (3 points); line 2 cut after 2 complete times of 3 values → 2 points,
    // 1 rejected (truncated). The time the cut falls in is not a complete entry.
    const cut = '{"metric":{"__name__":"up","job":"b"},"values":[5,6,7],"timestamps":[1549891472010,1549891487724,15498915';
    const r = decodeAll(`${VM_UP}\n${cut}`);
    expect(rows(r).slice(3)).toEqual([
      ['up', 'b', 1549891472010000000n, 5],
      ['up', 'b', 1549891487724000000n, 6],
    ]);
    expect(r.progress.records).toBe(5);
    expect(r.progress.rejected).toBe(1);
    expect(r.errors.every((e) => e.code === 'truncated')).toBe(true);
  });

  it('"metric" after both arrays: the points wait for the labels', () => {
    const r = decodeAll('{"values":[1,2],"timestamps":[1000,2000],"metric":{"__name__":"late","job":"j"}}');
    expect(rows(r)).toEqual([
      ['late', 'j', 1000000000n, 1],
      ['late', 'j', 2000000000n, 2],
    ]);
  });

  it('an entry a scan error loses costs one point, whichever array comes first; counts stay exact', () => {
    // By hand, 4 positions in each line → 2 points, 2 rejected:
    // values first: position 1's time is 1e400 (not unix ms: invalid-timestamp), position 2's
    // value is a 300-deep array (too deep: the scanner loses it, one point);
    // timestamps first: position 1's value is "x" (invalid-number), position 2's time is the
    // 300-deep array (lost while held: its value is counted when the two are paired).
    const deep = '['.repeat(300) + ']'.repeat(300);
    const big = '1' + '0'.repeat(400);
    for (const line of [
      `{"metric":{"__name__":"m"},"values":[1,2,${deep},4],"timestamps":[1000,${big},3000,4000]}`,
      `{"metric":{"__name__":"m"},"timestamps":[1000,2000,${deep},4000],"values":[1,"x",3,4]}`,
    ]) {
      const r = decodeAll(line);
      expect(rows(r), line.slice(0, 60)).toEqual([
        ['m', undefined, 1000000000n, 1],
        ['m', undefined, 4000000000n, 4],
      ]);
      expect(r.progress.records).toBe(2);
      expect(r.progress.rejected).toBe(2);
    }
  });

  it('a broken line costs that line; the lines after it are read', () => {
    const r = decodeAll(`${VM_UP}\n{"metric":{"__name__":"x"},"values":[1,2}],"timestamps":[1,2]}\n${VM_REQ}\n`);
    expect(rows(r).map((x) => x[0])).toEqual(['up', 'up', 'up', 'http_requests_total', 'http_requests_total', 'http_requests_total']);
    expect(r.progress.rejected).toBeGreaterThanOrEqual(1);
    expect(r.errors[0]!.code).toBe('invalid-json');
    expect(r.errors[0]!.line).toBe(2);
  });

  it('is sniffed as prom-api, not as JSON Lines logs', () => {
    expect(sniffedId(new TextEncoder().encode(`${VM_UP}\n${VM_REQ}\n`))).toBe('prom-api');
  });
});

describe('prom-api: Prometheus result series one a line (jq .data.result[])', () => {
  const MATRIX = '{"metric":{"__name__":"up","job":"node"},"values":[[1704888000,"1"],[1704888015.5,"0"]]}';
  const VECTOR = '{"metric":{"__name__":"up","job":"api"},"value":[1704888030,"1"]}';

  it('matrix and vector series are read as their points', () => {
    // By hand: 2 + 1 = 3 points.
    const r = decodeAll(`${MATRIX}\n${VECTOR}\n`);
    expect(rows(r)).toEqual([
      ['up', 'node', 1704888000000000000n, 1],
      ['up', 'node', 1704888015500000000n, 0],
      ['up', 'api', 1704888030000000000n, 1],
    ]);
    expect(r.errors).toEqual([]);
    expect(sniffedId(new TextEncoder().encode(`${MATRIX}\n${VECTOR}\n`))).toBe('prom-api');
  });

  it('a series line whose metric is not an object is one rejected record; the next line is read', () => {
    const r = decodeAll(`{"metric":"up","values":[[1,"1"]]}\n${VECTOR}\n`);
    expect(rows(r)).toEqual([['up', 'api', 1704888030000000000n, 1]]);
    expect(errs(r)).toEqual([['wrong-type', 1]]);
  });
});

describe('prom-api: the result alone (`jq .data.result`) or the data alone (`jq .data`)', () => {
  // A range query's answer (Prometheus HTTP API docs, "Range queries"): 2 series, 3 + 2 points.
  const result = [
    { metric: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' }, values: [[1435781430.781, '1'], [1435781445.781, '1'], [1435781460.781, '1']] },
    { metric: { __name__: 'up', job: 'node', instance: 'localhost:9091' }, values: [[1435781430.781, '0'], [1435781445.781, '0']] },
  ];
  const expected = [
    ['up', 'prometheus', 1435781430781000000n, 1],
    ['up', 'prometheus', 1435781445781000000n, 1],
    ['up', 'prometheus', 1435781460781000000n, 1],
    ['up', 'node', 1435781430781000000n, 0],
    ['up', 'node', 1435781445781000000n, 0],
  ];

  it('an array of result series, pretty or compact: every point, sniffed as prom-api', () => {
    for (const text of [JSON.stringify(result, null, 2), JSON.stringify(result)]) {
      expect(sniffedId(new TextEncoder().encode(text))).toBe('prom-api');
      const r = decodeAll(text + '\n');
      expect([rows(r), errs(r)]).toEqual([expected, []]);
    }
  });

  it('{"resultType", "result"} without the status envelope: every point, no "not a response" error', () => {
    const text = JSON.stringify({ resultType: 'matrix', result }, null, 1);
    expect(sniffedId(new TextEncoder().encode(text))).toBe('prom-api');
    const r = decodeAll(text);
    expect([rows(r), errs(r)]).toEqual([expected, []]);
    const vector = decodeAll(JSON.stringify({ resultType: 'vector', result: [{ metric: { __name__: 'up', job: 'node' }, value: [1435781451.781, '1'] }] }));
    expect(rows(vector)).toEqual([['up', 'node', 1435781451781000000n, 1]]);
  });

  it('an array element that is no series is a coded error; the others are read', () => {
    const r = decodeAll(JSON.stringify([result[0], { foo: 1 }, result[1]]));
    expect(rows(r)).toEqual(expected);
    expect(r.errors.map((e) => e.code)).toEqual(['wrong-type']);
  });
});

describe('a /api/v1/query_exemplars answer', () => {
  it('is named as what it is, not as an answer without data points; a syntax error in it is still reported', async () => {
    const { promApi } = await import('../../../../analyzers/importers/prom-api/index.js');
    const { decode } = await import('../common/json-test-helpers.js');
    // the shape of the Prometheus HTTP API documentation's example
    const answer = JSON.stringify({ status: 'success', data: [{ seriesLabels: { __name__: 'test_exemplar_metric_total', instance: 'localhost:8090', job: 'prometheus' }, exemplars: [{ labels: { trace_id: 'EpTxMJ40fUus7aGY' }, value: '6', timestamp: 1600096945.479 }] }] }, null, 2);
    const r = decode(promApi, answer);
    expect([r.records.length, r.errors.map((e) => e.code)]).toEqual([0, ['unsupported']]);
    expect(r.errors[0]!.message).toMatch(/^a Prometheus exemplars answer/);
    // (the documentation's own example has a comma after the last item)
    const broken = decode(promApi, answer.replace(/\}\n {2}\]\n\}$/, '},\n  ]\n}'));
    expect(broken.errors.map((e) => e.code).sort()).toEqual(['invalid-json', 'unsupported']);
    expect(broken.errors.find((e) => e.code === 'unsupported')!.message).toMatch(/^a Prometheus exemplars answer/);
  });
});
