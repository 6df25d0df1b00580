// Per-series metric state in the correlation collector: series are found by a label hash on the
// hot path, so these pin down that the hash never merges or splits series the canonical key
// (name, sorted labels, service) would not, whatever the label order, object reuse or merges.
// Expected values are worked out by hand from the inputs built here.
import { describe, expect, it } from 'vitest';
import { CorrelationCollector, MAX_BUCKETS, MAX_SERIES, TOTAL_BUCKETS } from '../../../analyzers/correlation/collector.js';
import { analyzeCorrelation } from '../../../analyzers/correlation/index.js';
import { emptyResource, type MetricPoint } from '../../../analyzers/model/index.js';

const T0_MS = 1_700_000_000_000; // a multiple of 10 s: bucket boundaries fall on T0 + k·10 s
let line = 0;
const resource = { ...emptyResource(), serviceName: 'api' };

function gauge(name: string, labels: Record<string, string>, ms: number, value: number): MetricPoint {
  return { kind: 'metric', name, type: 'gauge', temporality: 'unspecified', unit: 'By', labels, timeNs: BigInt(ms) * 1_000_000n, value, exemplars: [], resource, source: { file: 'm.prom', line: ++line } };
}

describe('correlation collector metric series', () => {
  it('one series whatever the label order; bucket stats are count, sum, min, max and the latest value by time', () => {
    const c = new CorrelationCollector();
    c.add(gauge('mem', { pod: 'a', zone: 'z1' }, T0_MS + 1_000, 5));
    c.add(gauge('mem', { zone: 'z1', pod: 'a' }, T0_MS + 3_000, 9));
    c.add(gauge('mem', { pod: 'a', zone: 'z1' }, T0_MS + 2_000, 1)); // earlier than the previous point: not the latest
    c.add(gauge('mem', { zone: 'z1', pod: 'a' }, T0_MS + 12_000, 4)); // next 10 s bucket
    const { series } = c.state().metrics;
    expect(Object.keys(series)).toEqual(['mem{pod=a,zone=z1,}api']);
    const s = series['mem{pod=a,zone=z1,}api']!;
    expect(s.points).toBe(4);
    expect([s.firstMs, s.lastMs]).toEqual([T0_MS + 1_000, T0_MS + 12_000]);
    const b0 = T0_MS / 10_000;
    expect(s.buckets).toEqual({ [b0]: [3, 15, 1, 9, T0_MS + 3_000, 9], [b0 + 1]: [1, 4, 4, 4, T0_MS + 12_000, 4] });
  });

  it('a labels object reused and mutated by the decoder still lands in the right series', () => {
    const c = new CorrelationCollector();
    const labels: Record<string, string> = { pod: 'a' };
    c.add(gauge('cpu', labels, T0_MS, 1));
    labels.pod = 'b';
    c.add(gauge('cpu', labels, T0_MS, 2));
    labels.extra = 'x';
    c.add(gauge('cpu', labels, T0_MS, 3));
    delete labels.extra;
    labels.pod = 'a';
    c.add(gauge('cpu', labels, T0_MS, 4));
    const { series } = c.state().metrics;
    expect(Object.fromEntries(Object.entries(series).map(([k, s]) => [k, s.points]))).toEqual({ 'cpu{pod=a,}api': 2, 'cpu{extra=x,pod=b,}api': 1, 'cpu{pod=b,}api': 1 });
    expect(series['cpu{pod=a,}api']!.buckets[T0_MS / 10_000]![1]).toBe(5); // 1 + 4
  });

  it('label sets differing only by a subset, by name or by service stay apart', () => {
    const c = new CorrelationCollector();
    c.add(gauge('x', { a: '1' }, T0_MS, 1));
    c.add(gauge('x', { a: '1', b: '' }, T0_MS, 1));
    c.add(gauge('y', { a: '1' }, T0_MS, 1));
    c.add({ ...gauge('x', { a: '1' }, T0_MS, 1), resource: { ...emptyResource(), serviceName: 'web' } });
    c.add(gauge('x', { a: '1' }, T0_MS, 1));
    const pts = Object.fromEntries(Object.entries(c.state().metrics.series).map(([k, s]) => [k, s.points]));
    expect(pts).toEqual({ 'x{a=1,}api': 2, 'x{a=1,b=,}api': 1, 'y{a=1,}api': 1, 'x{a=1,}web': 1 });
  });

  it('one label set under services that only resource attributes name: a series each, points alternating', () => {
    // The same name and labels and no service.name: one point-series object for all of them, so
    // the entry it remembers must not be taken for a point of another service.
    const c = new CorrelationCollector();
    const cart = { ...emptyResource(), attributes: { 'k8s.deployment.name': 'cart' } };
    const web = { ...emptyResource(), attributes: { 'k8s.deployment.name': 'web' } };
    for (let i = 0; i < 6; i++) c.add({ ...gauge('rss', { pod: 'p' }, T0_MS + i, i), resource: i % 2 === 0 ? cart : web });
    // (each series' key also holds its resource, which is what names the service here)
    const pts = Object.fromEntries(Object.values(c.state().metrics.series).map((s) => [`${s.name}${JSON.stringify(s.labels)}${s.service}`, [s.points, s.buckets[T0_MS / 10_000]![1]]]));
    expect(pts).toEqual({ 'rss{"pod":"p"}cart': [3, 0 + 2 + 4], 'rss{"pod":"p"}web': [3, 1 + 3 + 5] });
  });

  it('one label set and service from several hosts (resources told apart by host.name): a series each', () => {
    const c = new CorrelationCollector();
    const host = (h: string) => ({ ...emptyResource(), serviceName: 'node', attributes: { 'service.name': 'node', 'host.name': h } });
    const hosts = [host('a'), host('b'), host('c')];
    for (let i = 0; i < 9; i++) c.add({ ...gauge('load', { cpu: '0' }, T0_MS + i, i), resource: hosts[i % 3]! });
    const series = Object.values(c.state().metrics.series);
    expect(series.map((s) => [s.service, s.points]).sort()).toEqual([['node', 3], ['node', 3], ['node', 3]]);
  });

  it('widens buckets when a series needs more than MAX_BUCKETS, keeping every point', () => {
    const c = new CorrelationCollector();
    // MAX_BUCKETS + 1 points 10 s apart need MAX_BUCKETS + 1 buckets of 10 s: one doubling to 20 s.
    for (let i = 0; i <= MAX_BUCKETS; i++) c.add(gauge('g', {}, T0_MS + i * 10_000, i));
    const st = c.state();
    expect(st.bucketS).toBe(20);
    const s = st.metrics.series['g{}api']!;
    const stats = Object.values(s.buckets);
    expect(stats.length).toBe(MAX_BUCKETS / 2 + 1);
    expect(stats.reduce((a, b) => a + b[0], 0)).toBe(MAX_BUCKETS + 1);
    // Points 0 and 1 share the first 20 s bucket: count 2, sum 1, min 0, max 1, latest value 1.
    expect(s.buckets[T0_MS / 20_000]).toEqual([2, 1, 0, 1, T0_MS + 10_000, 1]);
  });

  it('widens buckets when the series together hold more than TOTAL_BUCKETS, none past MAX_BUCKETS; the summary says so', () => {
    // 200 series × 1,400 points 10 s apart (a wide CSV's columns, row after row): 280,000 buckets
    // of 10 s > TOTAL_BUCKETS (262,144), each series 1,400 ≤ MAX_BUCKETS: one doubling to 20 s.
    expect(TOTAL_BUCKETS).toBe(262_144);
    const c = new CorrelationCollector();
    for (let row = 0; row < 1400; row++) for (let col = 0; col < 200; col++) c.add(gauge('col_' + col, {}, T0_MS + row * 10_000, row));
    const st = c.state();
    expect(st.bucketS).toBe(20);
    const series = Object.values(st.metrics.series);
    expect(series.length).toBe(200);
    expect(series.reduce((a, s) => a + Object.keys(s.buckets).length, 0)).toBe(140_000);
    expect(series.reduce((a, s) => a + Object.values(s.buckets).reduce((n, b) => n + b[0], 0), 0)).toBe(280_000);
    const summary = analyzeCorrelation(st).correlation;
    expect(summary.bucketWidthS).toBe(20);
    expect(summary.bucketCap).toEqual({ buckets: 140_000, cap: TOTAL_BUCKETS });
  });

  it('merged states past TOTAL_BUCKETS widen as one pass over the same points would', () => {
    const one = new CorrelationCollector();
    const a = new CorrelationCollector();
    const b = new CorrelationCollector();
    for (let row = 0; row < 1400; row++) {
      for (let col = 0; col < 200; col++) {
        const p = gauge('col_' + col, {}, T0_MS + row * 10_000, row);
        one.add(p);
        (col < 100 ? a : b).add(p);
      }
    }
    expect([a.state().bucketS, b.state().bucketS]).toEqual([10, 10]); // 140,000 each: under the cap
    a.merge(b.state());
    const merged = a.state();
    expect(merged.bucketS).toBe(20);
    expect(merged.metrics.series).toEqual(one.state().metrics.series);
  });

  it('no bucketCap in the summary while the buckets held are half TOTAL_BUCKETS or fewer', () => {
    const c = new CorrelationCollector();
    for (let row = 0; row < 1000; row++) for (let col = 0; col < 131; col++) c.add(gauge('col_' + col, {}, T0_MS + row * 10_000, row));
    const summary = analyzeCorrelation(c.state()).correlation;
    expect(summary.bucketWidthS).toBe(10);
    expect(summary.bucketCap).toBeUndefined();
  });

  it('counts series past MAX_SERIES once each as dropped, however many points they have', () => {
    const c = new CorrelationCollector();
    for (let i = 0; i < MAX_SERIES + 3; i++) c.add(gauge('n', { i: String(i) }, T0_MS, 1));
    for (let i = MAX_SERIES - 2; i < MAX_SERIES + 3; i++) c.add(gauge('n', { i: String(i) }, T0_MS + 1, 2));
    const m = c.state().metrics;
    expect(Object.keys(m.series).length).toBe(MAX_SERIES);
    expect(m.droppedSeries).toBe(3);
    // (which 3 are dropped goes by key hash: collector.caps.test.ts) the kept ones of the five sent twice have both points
    const twice = [-2, -1, 0, 1, 2].map((d) => m.series[`n{i=${MAX_SERIES + d},}api`]).filter((s) => s !== undefined);
    expect(twice.length).toBeGreaterThanOrEqual(2);
    for (const s of twice) expect(s.points).toBe(2);
  });

  it('points added after a merge join the merged series', () => {
    const part = new CorrelationCollector();
    part.add(gauge('q', { k: 'v', j: 'w' }, T0_MS, 2));
    const c = new CorrelationCollector();
    c.merge(structuredClone(part.state()));
    c.add(gauge('q', { j: 'w', k: 'v' }, T0_MS + 500, 6));
    const s = c.state().metrics.series['q{j=w,k=v,}api']!;
    expect(s.points).toBe(2);
    expect(s.buckets[T0_MS / 10_000]).toEqual([2, 8, 2, 6, T0_MS + 500, 6]);
  });

  it('a histogram point feeds its :count and :sum series (cumulative) from one label set', () => {
    const c = new CorrelationCollector();
    const h = (ms: number, count: number, sum: number): MetricPoint => ({
      ...gauge('lat', { route: '/' }, ms, 0), value: undefined, type: 'histogram', temporality: 'cumulative',
      histogram: { count, sum, bucketCounts: [count], explicitBounds: [] },
    } as unknown as MetricPoint);
    c.add(h(T0_MS, 10, 2.5));
    c.add(h(T0_MS + 10_000, 30, 7.5));
    const { series } = c.state().metrics;
    expect(Object.keys(series).sort()).toEqual(['lat:count{route=/,}api', 'lat:sum{route=/,}api']);
    expect(series['lat:count{route=/,}api']!.cumulative).toBe(true);
    expect(series['lat:sum{route=/,}api']!.buckets[T0_MS / 10_000 + 1]).toEqual([1, 7.5, 7.5, 7.5, T0_MS + 10_000, 7.5]);
  });
});
