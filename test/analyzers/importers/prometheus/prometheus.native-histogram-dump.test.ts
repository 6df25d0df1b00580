// `promtool tsdb dump` prints a native histogram sample with Go's Histogram.String() in place of
// the value (prometheus/prometheus cmd/promtool/tsdb.go formatSeriesSet, model/histogram
// String(); the shape as posted in prometheus/prometheus#12775):
//   {__name__="x", …} {count:822093, sum:4.935757323322672e+06, [-0.05,0.05]:3409, (0.0441,0.0625]:833} 1693350571140
// Each such line is one data point holding the histogram; it was rejected as invalid-line
// ("unexpected text after the timestamp"). Expected values below are read off the lines by hand:
// bounds are the buckets' upper edges ascending, counts each bucket's own, then 0 for +Inf
// unless a bucket reaches +Inf.
import { describe, expect, it } from 'vitest';
import { prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points, sniffedId } from './metrics-test-helpers.js';

const DUMP =
  [
    '{__name__="http_request_durations", code="200", instance="native-demo:8080", job="native-demo"} {count:822093, sum:4.935757323322672e+06, [-0.05,0.05]:3409, (0.044194173824159216,0.0625]:833, (0.0625,0.08838834764831843]:1792} 1693350571140',
    '{__name__="g"} {count:6.5, sum:-3, [-4,-2):1.5, [-2,-1):2, [-0.001,0.001]:3} 1700000000000',
    '{__name__="nhcb", job="a"} {count:5, sum:2.5, (-Inf,0.1]:2, (0.1,+Inf]:3} 1700000000000',
    '{__name__="empty"} {count:0, sum:0} 1700000000000',
    '{__name__="bad"} {count:x, sum:1} 1700000000000',
    '{__name__="open"} {count:1, sum:2 1700000000000',
    '{__name__="up", job="a"} 1 1700000000000',
  ].join('\n') + '\n';

describe('prometheus: native histograms in `promtool tsdb dump` output', () => {
  it('sniffs as prometheus', () => {
    expect(sniffedId(new TextEncoder().encode(DUMP))).toBe('prometheus');
  });

  it('reads each histogram line as one histogram point; unreadable ones are rejected with a code', () => {
    const r = decodeText(prometheusText, DUMP);
    expect(points(r).map((p) => [p.source.line, p.name, p.type, p.labels, p.value, p.histogram, p.timeNs])).toEqual([
      [1, 'http_request_durations', 'histogram', { code: '200', instance: 'native-demo:8080', job: 'native-demo' }, undefined, { count: 822093, sum: 4935757.323322672, bounds: [0.05, 0.0625, 0.08838834764831843], counts: [3409, 833, 1792, 0], native: true }, 1693350571140000000n],
      [2, 'g', 'histogram', {}, undefined, { count: 6.5, sum: -3, bounds: [-2, -1, 0.001], counts: [1.5, 2, 3, 0], native: true }, 1700000000000000000n],
      [3, 'nhcb', 'histogram', { job: 'a' }, undefined, { count: 5, sum: 2.5, bounds: [0.1], counts: [2, 3], native: true }, 1700000000000000000n],
      [4, 'empty', 'histogram', {}, undefined, { count: 0, sum: 0, bounds: [], counts: [0], native: true }, 1700000000000000000n],
      [7, 'up', 'unknown', { job: 'a' }, 1, undefined, 1700000000000000000n],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-number', 5],
      ['invalid-line', 6],
    ]);
    expect(r.progress.records).toBe(5);
    expect(r.progress.rejected).toBe(2);
  });

  it.each(CHUNK_SIZES)('gives the same records and errors in %i-byte chunks', (chunk) => {
    expect(fingerprint(decodeText(prometheusText, DUMP, chunk))).toBe(fingerprint(decodeText(prometheusText, DUMP)));
  });
});
