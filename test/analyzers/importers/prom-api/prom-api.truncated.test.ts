// Responses cut short (a download interrupted, `curl` killed, a file cut at a size limit): the
// complete points before the cut are read; the pair the cut falls in is one rejected point
// (`truncated`). Each element of data.result used to be read whole, so a cut inside the last
// series lost all its points. Shapes: Prometheus' /api/v1/query_range and /api/v1/query bodies
// (prometheus.io/docs/prometheus/latest/querying/api: `"values": [[t, "v"], …]`, `"value": [t, "v"]`,
// native histograms `"histograms": [[t, {"count", "sum", "buckets": [[rule, lower, upper, count]]}]]`);
// sorted keys as `jq -S`, Python's sort_keys and re-encoded Go maps write them ("histograms" before
// "metric"). Every case is fed whole and in 1-, 7- and 4096-byte chunks, with identical results.
// Expected counts are derived by hand in each case.
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../../analyzers/importers/decode.js';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

/** Decoded whole, after checking every chunking gives the same records, errors and counts. */
function decodeAll(text: string): DecodeResult {
  const whole = decodeText(promApi, text);
  for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, n)), `${n}-byte chunks`).toBe(fingerprint(whole));
  return whole;
}

const byteOffset = (text: string, index: number) => new TextEncoder().encode(text.slice(0, index)).length;

describe('prom-api: a matrix cut inside its last series', () => {
  const head = '{"status":"success","data":{"resultType":"matrix","result":[';
  const a = '{"metric":{"__name__":"up","job":"a"},"values":[[1700000000,"1"],[1700000015,"1"]]}';
  const b = '{"metric":{"__name__":"up","job":"b"},"values":[[1700000000,"0"],[1700000015,"1"],[1700000030,"1"],[1700000045.5,"1';
  const text = `${head}${a},${b}`;

  it('reads the complete points before the cut; the cut pair is one rejected point', () => {
    // By hand: series a has 2 pairs, series b 3 complete pairs before the cut one (…45.5) →
    // 5 points, 1 rejected (the cut pair), one `truncated` error at that pair. (Before: 2 points,
    // the whole of series b one rejected record.)
    const r = decodeAll(text);
    expect(points(r).map((p) => [p.labels.job, p.timeNs, p.value])).toEqual([
      ['a', 1700000000000000000n, 1],
      ['a', 1700000015000000000n, 1],
      ['b', 1700000000000000000n, 0],
      ['b', 1700000015000000000n, 1],
      ['b', 1700000030000000000n, 1],
    ]);
    expect(r.errors).toMatchObject([{ code: 'truncated', line: 1, offset: text.indexOf('[1700000045.5') }]);
    expect(r.progress.rejected).toBe(1);
  });

  it('pretty-printed (jq .) and cut at the same place: the same counts, the error at the cut pair', () => {
    const full = JSON.parse(`${text}"]]}]}}`) as unknown;
    const pretty = JSON.stringify(full, null, 2);
    const cut = pretty.slice(0, pretty.indexOf('1700000045.5') + 5);
    const pairStart = cut.lastIndexOf('[');
    const r = decodeAll(cut);
    expect(r.records).toHaveLength(5);
    expect(r.progress.rejected).toBe(1);
    expect(r.errors).toMatchObject([{ code: 'truncated', line: cut.slice(0, pairStart).split('\n').length, offset: pairStart }]);
  });

  it('at every cut position: each complete pair read, one rejected only inside a pair or before a series\' first pair', () => {
    // Expected independently of the decoder, from the text: a pair is complete when its closing
    // `"]` is inside the cut text (no other `"]` occurs in it); a cut inside a pair (after its `[`,
    // before its `]`) costs that point; a cut inside a series before its first pair began costs
    // one point too (Prometheus omits series without points); anywhere else, none.
    const c = '{"metric":{"__name__":"up","job":"c"},"values":[[1700000000.25,"7"],[1700000015,"NaN"]]}';
    const full = `${head}${a},${b}"]]},${c}]}}`;
    const pairs = [...full.matchAll(/\[1700/g)].map((m) => [m.index, full.indexOf('"]', m.index) + 2]);
    const series = [...full.matchAll(/\{"metric"/g)].map((m) => [m.index, full.indexOf('[1700', m.index)]);
    for (let p = head.length; p < full.length; p++) {
      const cut = full.slice(0, p);
      const complete = cut.split('"]').length - 1;
      const inPair = pairs.some(([s, e]) => s! < p && p < e!);
      const beforeFirst = series.some(([s, f]) => s! < p && p <= f!);
      const whole = decodeText(promApi, cut);
      expect(fingerprint(decodeText(promApi, cut, 7)), `cut at ${p}`).toBe(fingerprint(whole));
      expect([p, whole.records.length, whole.progress.rejected]).toEqual([p, complete, inPair || beforeFirst ? 1 : 0]);
      expect(whole.errors.map((e) => e.code)).toEqual(['truncated']);
    }
  });
});

describe('prom-api: sorted keys, a series cut before its "metric"', () => {
  // jq -S order: "histograms" < "metric", so a native-histogram series' points come before its labels.
  const h = (c: number) => `{"buckets":[[0,"0.5","1","${c}"],[0,"1","2","1"]],"count":"${c + 1}","sum":"${c}.5"}`;
  const s1 = `{"histograms":[[1700000000,${h(1)}],[1700000015,${h(2)}]],"metric":{"__name__":"rpc_seconds","job":"a"}}`;
  const s2 = `{"histograms":[[1700000000,${h(3)}],[1700000015,${h(4)}],[1700000030,{"buckets":[[0,"0.5","1","5"]`;
  const text = `{"data":{"result":[${s1},${s2}`;

  it('a complete series is read once its metric arrives; the cut one\'s points cannot be attributed', () => {
    // By hand: series 1 has 2 points, held until its metric names them → 2 records. Series 2 is
    // cut inside its 3rd histogram, before its metric: the cut pair is 1 rejected (`truncated`),
    // its 2 complete points have no series → 2 rejected, one more `truncated` error. Rejected 3.
    // (Before: 2 points, 1 rejected.)
    const r = decodeAll(text);
    expect(points(r).map((p) => [p.name, p.labels, p.timeNs, p.histogram?.count, p.histogram?.counts])).toEqual([
      ['rpc_seconds', { job: 'a' }, 1700000000000000000n, 2, [1, 1, 0]],
      ['rpc_seconds', { job: 'a' }, 1700000015000000000n, 3, [2, 1, 0]],
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(['truncated', 'truncated']);
    expect(r.errors[0]!.offset).toBe(text.indexOf('[1700000030'));
    expect(r.errors[1]!.message).toContain('its 2 complete data points read so far cannot be attributed to a series');
    expect(r.progress.rejected).toBe(3);
  });

  it('cut inside the "metric" member itself: the held points are rejected, in one error', () => {
    // By hand: series 1 as above (2 records); series 2 has 2 complete points, then its metric is
    // cut → those 2 rejected, one `truncated` error at the metric.
    const cut = `{"data":{"result":[${s1},{"histograms":[[1700000000,${h(3)}],[1700000015,${h(4)}]],"metric":{"__name__":"rpc_sec`;
    const r = decodeAll(cut);
    expect(r.records).toHaveLength(2);
    expect(r.errors).toMatchObject([{ code: 'truncated', offset: byteOffset(cut, cut.lastIndexOf('{"__name__"')) }]);
    expect(r.progress.rejected).toBe(2);
  });

  it('a complete sorted-keys float series is read as before', () => {
    // "metric" < "values": the labels come first. 1 series × 3 pairs = 3 points.
    const t = '{"data":{"result":[{"metric":{"__name__":"up"},"values":[[1,"1"],[2,"2"],[3,"3"]]}],"resultType":"matrix"},"status":"success"}';
    const r = decodeAll(t);
    expect(points(r).map((p) => [p.name, p.value])).toEqual([['up', 1], ['up', 2], ['up', 3]]);
    expect(r.errors).toEqual([]);
  });
});

describe('prom-api: a vector cut', () => {
  const head = '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a"},"value":[1700000000.123,"1"]},';
  // By hand: the first series' one sample is read in each case; the second series has one sample.
  it.each([
    ['inside the second value', 1, `${head}{"metric":{"__name__":"up","job":"b"},"value":[1700000000.123,"0`],
    ['after the second metric, before its value', 1, `${head}{"metric":{"__name__":"up","job":"b"},"val`],
    ['between the two series', 0, head],
  ])('%s: 1 point, %i rejected', (_what, rejected, text) => {
    const r = decodeAll(text);
    expect(points(r).map((p) => [p.labels, p.timeNs, p.value])).toEqual([[{ job: 'a' }, 1700000000123000000n, 1]]);
    expect(r.errors.map((e) => e.code)).toEqual(['truncated']);
    expect(r.progress.rejected).toBe(rejected);
  });
});

describe('prom-api: a native-histograms series cut', () => {
  it('the complete histograms before the cut are read, the cut one rejected', () => {
    // Prometheus' order (metric, then histograms). By hand: 2 complete histogram samples, the 3rd
    // cut → 2 points, 1 rejected. (Before: 0 points, 1 rejected.)
    const text =
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"rpc_duration_seconds","job":"api"},"histograms":[' +
      '[1700000000,{"count":"10","sum":"3.5","buckets":[[0,"0.5","1","4"],[0,"1","2","6"]]}],' +
      '[1700000015,{"count":"12","sum":"4","buckets":[[0,"0.5","1","5"],[0,"1","2","7"]]}],' +
      '[1700000030,{"count":"14","sum":"4.5","buckets":[[0,"0.5","1","6"]';
    const r = decodeAll(text);
    expect(points(r).map((p) => [p.name, p.type, p.timeNs, p.histogram?.count, p.histogram?.bounds, p.histogram?.counts])).toEqual([
      ['rpc_duration_seconds', 'histogram', 1700000000000000000n, 10, [1, 2], [4, 6, 0]],
      ['rpc_duration_seconds', 'histogram', 1700000015000000000n, 12, [1, 2], [5, 7, 0]],
    ]);
    expect(r.errors).toMatchObject([{ code: 'truncated', offset: text.indexOf('[1700000030') }]);
    expect(r.progress.rejected).toBe(1);
  });
});

describe('prom-api: a syntax error inside a series', () => {
  it('costs the rest of that series only; the next series is read', () => {
    // A missing comma between two pairs of series a. By hand: a's first pair is read before the
    // error, its second is lost with the rest of a (1 rejected, invalid-json); b's 1 pair is read.
    const text = '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"a"},"values":[[1,"1"] [2,"2"]]},{"metric":{"__name__":"b"},"values":[[3,"3"]]}]}}';
    const r = decodeAll(text);
    expect(points(r).map((p) => [p.name, p.value])).toEqual([['a', 1], ['b', 3]]);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-json']);
    expect(r.progress.rejected).toBe(1);
  });
});
