// The metric rules' figures for the same metrics exported in different ways, the `_created` gauges
// of Prometheus client_python, the words of the series-shape rules' sample, and a service past the
// profile's cap of 1,000 metric names. Expected figures are counted by hand from the inputs below.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import type { Report } from '../../../analyzers/report/model.js';
import type { MetricPoint } from '../../../analyzers/model/index.js';

const finding = (r: Report, id: string, service?: string) => {
  const f = r.findings!.find((x) => x.ruleId === id && (service === undefined || x.service === service));
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};

const T0 = 1_700_000_000_000_000_000n;
const ns = (i: number) => String(T0 + BigInt(i) * 15_000_000_000n);
const attrs = (o: Record<string, string>) => Object.entries(o).map(([key, v]) => ({ key, value: { stringValue: v } }));
const otlp = (metrics: unknown[]) => JSON.stringify({ resourceMetrics: [{ resource: { attributes: attrs({ 'service.name': 'shop' }) }, scopeMetrics: [{ metrics }] }] }) + '\n';

describe('N-MET-SERIES counts a histogram as a Prometheus-like store keeps it, whatever the format', () => {
  // One histogram over 3 routes with bounds 0.1, 0.5, 1 (4 buckets with +Inf): 3 × (4 + 2) = 18
  // series; one summary over the same routes with 2 quantiles: 3 × (2 + 2) = 12.
  const routes = ['/a', '/b', '/c'];
  const histogramOtlp = otlp([
    { name: 'req_duration_seconds', unit: 's', description: 'Request latency', histogram: { aggregationTemporality: 2, dataPoints: routes.map((route) => ({ attributes: attrs({ route }), timeUnixNano: ns(0), count: '9', sum: 3.2, explicitBounds: [0.1, 0.5, 1], bucketCounts: ['5', '2', '1', '1'] })) } },
    { name: 'payload_bytes', unit: 'By', description: 'Payload size', summary: { dataPoints: routes.map((route) => ({ attributes: attrs({ route }), timeUnixNano: ns(0), count: '100', sum: 14950, quantileValues: [{ quantile: 0.5, value: 120 }, { quantile: 0.9, value: 180 }] })) } },
  ]);
  const histogramProm = [
    '# HELP req_duration_seconds Request latency',
    '# TYPE req_duration_seconds histogram',
    ...routes.flatMap((route) => [
      `req_duration_seconds_bucket{route="${route}",le="0.1"} 5`,
      `req_duration_seconds_bucket{route="${route}",le="0.5"} 7`,
      `req_duration_seconds_bucket{route="${route}",le="1"} 8`,
      `req_duration_seconds_bucket{route="${route}",le="+Inf"} 9`,
      `req_duration_seconds_sum{route="${route}"} 3.2`,
      `req_duration_seconds_count{route="${route}"} 9`,
    ]),
    '# HELP payload_bytes Payload size',
    '# TYPE payload_bytes summary',
    ...routes.flatMap((route) => [`payload_bytes{route="${route}",quantile="0.5"} 120`, `payload_bytes{route="${route}",quantile="0.9"} 180`, `payload_bytes_sum{route="${route}"} 14950`, `payload_bytes_count{route="${route}"} 100`]),
    '',
  ].join('\n');

  it('OTLP JSON: 18 series for the histogram (was 3: one per label set), 12 for the summary', () => {
    const r = analyseInputs([['m.json', histogramOtlp]]);
    const f = finding(r, 'N-MET-SERIES', 'shop');
    expect(f.value).toBe(18);
    expect(f.message).toBe('0 of 2 metric names exceed 200 series; the largest is req_duration_seconds with 18 stored series (3 label sets × 6 series of a classic histogram: its buckets, sum and count).');
    const summaryOnly = analyseInputs([['m.json', otlp([JSON.parse(histogramOtlp).resourceMetrics[0].scopeMetrics[0].metrics[1]])]]);
    expect(finding(summaryOnly, 'N-MET-SERIES', 'shop').value).toBe(12);
  });

  it('Prometheus text: the same 18 and 12', () => {
    const r = analyseInputs([['m.prom', histogramProm]]);
    const f = finding(r, 'N-MET-SERIES');
    expect(f.value).toBe(18);
    expect(f.message).toBe('0 of 2 metric names exceed 200 series; the largest is req_duration_seconds (req_duration_seconds_bucket, req_duration_seconds_count, req_duration_seconds_sum) with 18 stored series (3 label sets × 6 series of a classic histogram: its buckets, sum and count).');
    const summaryOnly = analyseInputs([['m.prom', histogramProm.slice(histogramProm.indexOf('# HELP payload_bytes'))]]);
    expect(finding(summaryOnly, 'N-MET-SERIES').value).toBe(12);
  });

  it('a histogram over 40 routes fails in both formats: 40 × 6 = 240 > 200 (OTLP said 40 and passed)', () => {
    const many = Array.from({ length: 40 }, (_, i) => `/r${i}`);
    const o = otlp([{ name: 'req_duration_seconds', unit: 's', histogram: { aggregationTemporality: 2, dataPoints: many.map((route) => ({ attributes: attrs({ route }), timeUnixNano: ns(0), count: '9', explicitBounds: [0.1, 0.5, 1], bucketCounts: ['5', '2', '1', '1'] })) } }]);
    const p = ['# TYPE req_duration_seconds histogram', ...many.flatMap((route) => ['0.1', '0.5', '1', '+Inf'].map((le) => `req_duration_seconds_bucket{route="${route}",le="${le}"} 1`).concat([`req_duration_seconds_sum{route="${route}"} 1`, `req_duration_seconds_count{route="${route}"} 1`])), ''].join('\n');
    for (const [name, text] of [['m.json', o], ['m.prom', p]] as const) {
      const f = finding(analyseInputs([[name, text]]), 'N-MET-SERIES');
      expect({ name, passed: f.passed, value: f.value, failing: f.evidence.failing }).toEqual({ name, passed: false, value: 240, failing: 1 });
    }
  });

  it('an exponential histogram is one native-histogram series per label set, however many buckets it populates', () => {
    // A store keeps an OTLP exponential histogram as a native histogram (Prometheus' OTLP receiver,
    // the remote-write exporters): one series holding buckets, sum and count. One label set whose
    // points populate positive buckets 1, 3, 4 and the zero bucket: 1 series (was 4 cells + 2 = 6);
    // a second metric over 3 label sets with 300 populated buckets each: 3 (was 3 × 302 = 906).
    const points = [
      { attributes: [], timeUnixNano: ns(0), count: '6', sum: 10, scale: 2, zeroCount: '1', positive: { offset: 1, bucketCounts: ['2', '0', '3'] } },
      { attributes: [], timeUnixNano: ns(1), count: '9', sum: 20, scale: 2, zeroCount: '0', positive: { offset: 3, bucketCounts: ['4', '5'] } },
    ];
    const r = analyseInputs([['m.json', otlp([{ name: 'latency', unit: 's', exponentialHistogram: { aggregationTemporality: 2, dataPoints: points } }])]]);
    const one = finding(r, 'N-MET-SERIES', 'shop');
    expect({ passed: one.passed, value: one.value, message: one.message }).toEqual({ passed: true, value: 1, message: '0 of 1 metric names exceed 200 series; the largest is latency with 1.' });
    const wide = ['GET', 'PUT', 'POST'].map((method) => ({ attributes: attrs({ method }), timeUnixNano: ns(0), count: '300', sum: 1000, scale: 3, zeroCount: '0', positive: { offset: -20, bucketCounts: Array.from({ length: 300 }, () => '1') } }));
    const w = finding(analyseInputs([['m.json', otlp([{ name: 'payload_size', unit: 'By', exponentialHistogram: { aggregationTemporality: 1, dataPoints: wide } }])]]), 'N-MET-SERIES', 'shop');
    expect({ passed: w.passed, value: w.value, message: w.message }).toEqual({ passed: true, value: 3, message: '0 of 1 metric names exceed 200 series; the largest is payload_size with 3.' });
  });

  it('a native histogram (promtool tsdb dump, Prometheus API) is one series per label set, not one per bucket', () => {
    // 2 label sets, 250 buckets each: 2 series (was 2 × (250 + 1 + 2) = 506, failing)
    const buckets = Array.from({ length: 250 }, (_, i) => `, (${i},${i + 1}]:1`).join('');
    const dump = ['a', 'b'].map((code) => `{__name__="rpc_seconds", job="api", code="${code}"} {count:250, sum:3000${buckets}} 1700000000000`).join('\n') + '\n';
    const d = finding(analyseInputs([['dump.txt', dump]]), 'N-MET-SERIES');
    expect({ passed: d.passed, value: d.value, message: d.message }).toEqual({ passed: true, value: 2, message: '0 of 1 metric names exceed 200 series; the largest is rpc_seconds with 2.' });
    const rows = Array.from({ length: 250 }, (_, i) => `[0,"${i}","${i + 1}","1"]`).join(',');
    const api = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: ['a', 'b'].map((code) => ({ metric: { __name__: 'rpc_seconds', job: 'api', code }, histograms: [[1700000000, JSON.parse(`{"count":"250","sum":"3000","buckets":[${rows}]}`)]] })) } }) + '\n';
    const a = finding(analyseInputs([['query_range.json', api]]), 'N-MET-SERIES');
    expect({ passed: a.passed, value: a.value, message: a.message }).toEqual({ passed: true, value: 2, message: '0 of 1 metric names exceed 200 series; the largest is rpc_seconds with 2.' });
  });

  it('the message says the stored series are label sets × the series of a classic histogram or summary', () => {
    // 12 routes × 18 (15 bounds: 16 buckets with +Inf, + _sum + _count) = 216 stored series, 12 label sets
    const twelve = Array.from({ length: 12 }, (_, i) => `/r${i}`);
    const bounds = Array.from({ length: 15 }, (_, i) => i + 1);
    const h = otlp([{ name: 'req_duration_seconds', unit: 's', histogram: { aggregationTemporality: 2, dataPoints: twelve.map((route) => ({ attributes: attrs({ route }), timeUnixNano: ns(0), count: '17', explicitBounds: bounds, bucketCounts: bounds.map(() => '1').concat(['1']) })) } }]);
    expect(finding(analyseInputs([['m.json', h]]), 'N-MET-SERIES').message).toBe('1 of 1 metric names exceed 200 series; the largest is req_duration_seconds with 216 stored series (12 label sets × 18 series of a classic histogram: its buckets, sum and count).');
    const p = ['# TYPE req_duration_seconds histogram', ...twelve.flatMap((route) => [...bounds.map(String), '+Inf'].map((le) => `req_duration_seconds_bucket{route="${route}",le="${le}"} 1`).concat([`req_duration_seconds_sum{route="${route}"} 1`, `req_duration_seconds_count{route="${route}"} 1`])), ''].join('\n');
    expect(finding(analyseInputs([['m.prom', p]]), 'N-MET-SERIES').message).toBe('1 of 1 metric names exceed 200 series; the largest is req_duration_seconds (req_duration_seconds_bucket, req_duration_seconds_count, req_duration_seconds_sum) with 216 stored series (12 label sets × 18 series of a classic histogram: its buckets, sum and count).');
  });
});

describe('a client_python `_created` gauge is part of its counter, histogram or summary', () => {
  // Prometheus client_python 0.0.4 text: a counter, a histogram and a summary, each followed by its
  // `x_created` gauge (the family's creation time), and one `boot_created` gauge of its own.
  const text = [
    '# HELP requests_total Requests',
    '# TYPE requests_total counter',
    'requests_total{path="/"} 5',
    '# HELP latency_seconds Latency',
    '# TYPE latency_seconds histogram',
    'latency_seconds_bucket{le="0.5"} 1',
    'latency_seconds_bucket{le="+Inf"} 2',
    'latency_seconds_count 2',
    'latency_seconds_sum 0.9',
    '# HELP size_bytes Size',
    '# TYPE size_bytes summary',
    'size_bytes_count 3',
    'size_bytes_sum 300',
    '# HELP boot_created Boot time',
    '# TYPE boot_created gauge',
    'boot_created 1.7e9',
    '# HELP requests_created Requests',
    '# TYPE requests_created gauge',
    'requests_created{path="/"} 1.7e9',
    '# HELP latency_seconds_created Latency',
    '# TYPE latency_seconds_created gauge',
    'latency_seconds_created 1.7e9',
    '# HELP size_bytes_created Size',
    '# TYPE size_bytes_created gauge',
    'size_bytes_created 1.7e9',
    '',
  ].join('\n');

  it('4 metric names (was 7), and the only one without a unit is the counter and the lone gauge (was 4 of 7)', () => {
    const r = analyseInputs([['m.prom', text]]);
    expect(r.signals.metrics.metricNames).toBe(4);
    const unit = finding(r, 'S-MET-UNIT');
    expect({ examined: unit.evidence.examined, failing: unit.evidence.failing }).toEqual({ examined: 4, failing: 2 });
    expect(unit.evidence.examples.map((e) => e.note)).toEqual(['boot_created: no unit', 'requests_total: no unit']);
    for (const id of ['S-MET-TYPE', 'S-MET-HELP', 'S-MET-NAMING']) expect(finding(r, id).evidence, id).toMatchObject({ examined: 4, failing: 0 });
    // a timestamp of the metric, not a series of it: the histogram keeps its 2 buckets + 2
    expect(finding(r, 'N-MET-SERIES').message).toBe('0 of 4 metric names exceed 200 series; the largest is latency_seconds (latency_seconds_bucket, latency_seconds_count, latency_seconds_created, latency_seconds_sum) with 4 stored series (1 label set × 4 series of a classic histogram: its buckets, sum and count).');
  });

  it('only where the family is there: alone, requests_created is a gauge of its own', () => {
    const alone = ['# HELP requests_created Requests', '# TYPE requests_created gauge', 'requests_created 1.7e9', ''].join('\n');
    const r = analyseInputs([['m.prom', alone]]);
    expect(r.signals.metrics.metricNames).toBe(1);
    expect(finding(r, 'S-MET-UNIT').evidence.examples.map((e) => e.note)).toEqual(['requests_created: no unit']);
  });

  it('the family and its _created read from separate inputs are grouped the same', () => {
    const cut = text.indexOf('# HELP boot_created');
    const r = analyseInputs([['a.prom', text.slice(0, cut)], ['b.prom', text.slice(cut)]]);
    expect(r.signals.metrics.metricNames).toBe(4);
    expect(finding(r, 'S-MET-UNIT').evidence).toMatchObject({ examined: 4, failing: 2 });
  });
});

describe('the series-shape rules say the sample they read: its size and the total', () => {
  // 2,500 gauge series of one service, 12 points each, 15 s apart: past the series store's 2,000
  // the rules read a sample; every series is flat.
  const lines: string[] = [];
  for (let s = 0; s < 2500; s++) for (let i = 0; i < 12; i++) lines.push(`cpu_ratio{core="${s}"} 0.5 ${1_700_000_000_000 + i * 15_000}`);
  const r = analyseInputs([['m.prom', lines.join('\n') + '\n']]);

  it('N-MET-FLAT: "X of Y sampled series … (in a sample of 2000 of 2500 metric series, 1 in 1.3: …)" (it said "X of Y sampled series" with no total)', () => {
    const f = finding(r, 'N-MET-FLAT');
    expect(f.evidence.sample).toEqual({ unit: 'metric series', size: 2000, total: 2500, share: 0.8 });
    expect(f.evidence).toMatchObject({ examined: 2000, failing: 2000 });
    expect(f.message).toBe('2000 of 2000 sampled series are flat (100 %; 50 % allowed) (in a sample of 2000 of 2500 metric series, 1 in 1.3: past 2000 series over all services the series-shape checks run on series sampled by a hash of their key).');
  });

  it('every series kept: no sample, and no "sampled"', () => {
    const few = analyseInputs([['m.prom', lines.slice(0, 12 * 30).join('\n') + '\n']]);
    const f = finding(few, 'N-MET-FLAT');
    expect(f.evidence.sample).toBeUndefined();
    expect(f.message).toBe('30 of 30 series are flat (100 %; 50 % allowed).');
  });
});

describe('a service past the profile cap of 1,000 metric names', () => {
  // 1,500 gauges of one service, none with a unit: past 1,000 names the name rules read a sample
  // of 1,000 of them (picked by a hash of the name), and say so; the others are counted.
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) lines.push(`# TYPE m${String(i).padStart(4, '0')} gauge`, `m${String(i).padStart(4, '0')}{k="v"} 1`);
  const r = analyseInputs([['m.prom', lines.join('\n') + '\n']]);
  const sample = { unit: 'metric sample names', size: 1000, total: 1500, share: 1000 / 1500 };
  const note = ' (in a sample of 1000 of 1500 metric sample names, 1 in 1.5: past 1000 metric names per service the name checks run on names picked by a hash, the others counted)';

  it('signals.metrics counts all 1,500 names and series exactly', () => {
    expect(r.signals.metrics).toMatchObject({ points: 1500, series: 1500, metricNames: 1500 });
    expect(r.signals.approximate).toBeUndefined();
  });

  it('the name rules say their sample: 1,000 of 1,500 names (they said "1000 of 1000" with no total)', () => {
    const unit = finding(r, 'S-MET-UNIT');
    expect(unit.evidence).toMatchObject({ examined: 1000, failing: 1000, sample });
    expect(unit.message).toBe(`1000 of 1000 metric names declare no unit (100 %; above the 20 % allowed)${note}.`);
    expect(finding(r, 'S-MET-TYPE').message).toBe(`0 of 1000 metric names are untyped (0 %; within the 10 % allowed)${note}.`);
    const series = finding(r, 'N-MET-SERIES');
    expect(series.evidence.sample).toEqual(sample);
    expect(series.message).toMatch(/^0 of 1000 metric names exceed 200 series; the largest is m\d{4} with 1 \(in a sample of 1000 of 1500 metric sample names, 1 in 1\.5: /);
    expect(finding(r, 'N-MET-LABEL-CARDINALITY').message).toBe(`All 1000 metric labels are bounded (largest: 1 distinct values)${note}.`);
  });

  it('the same names are judged whatever the order they are read in, or split over inputs (merged states)', () => {
    const pairs: string[] = [];
    for (let i = lines.length - 2; i >= 0; i -= 2) pairs.push(lines[i]!, lines[i + 1]!);
    const reversed = analyseInputs([['m.prom', pairs.join('\n') + '\n']]);
    const half = lines.length / 2;
    const two = analyseInputs([['a.prom', lines.slice(0, half).join('\n') + '\n'], ['b.prom', lines.slice(half - 2).join('\n') + '\n']]);
    // (the examples' lines differ: the names they show do not)
    const judged = (x: Report, id: string) => {
      const f = finding(x, id);
      return { message: f.message, examined: f.evidence.examined, failing: f.evidence.failing, sample: f.evidence.sample, names: f.evidence.examples.map((e) => e.note) };
    };
    for (const x of [reversed, two]) {
      expect(x.signals.metrics.metricNames).toBe(1500);
      for (const id of ['S-MET-UNIT', 'N-MET-SERIES']) expect(judged(x, id), id).toEqual(judged(r, id));
    }
  });

  it('below the cap, no sample', () => {
    const few = analyseInputs([['m.prom', lines.slice(0, 2 * 1000).join('\n') + '\n']]);
    expect(finding(few, 'S-MET-UNIT').evidence.sample).toBeUndefined();
    expect(finding(few, 'S-MET-UNIT').message).toBe('1000 of 1000 metric names declare no unit (100 %; above the 20 % allowed).');
  });
});

describe('MetricProfile states merged past the cap', () => {
  it('two states of 800 names, 100 shared: 1,000 kept, 1,500 in all (each name once), whatever the order', async () => {
    const { MetricProfile, metricNameTotal } = await import('../../../analyzers/profile/metric-profile.js');
    const resource = { attributes: {} };
    const points = (from: number, to: number): MetricPoint[] =>
      Array.from({ length: to - from }, (_, i) => ({ kind: 'metric', name: `m${from + i}`, type: 'gauge', temporality: 'unspecified', labels: {}, value: 1, exemplars: [], resource, source: { file: 'f', line: from + i + 1, offset: 0 } }) as MetricPoint);
    const a = new MetricProfile();
    const b = new MetricProfile();
    for (const p of points(0, 800)) a.add(p);
    for (const p of points(700, 1500)) b.add(p);
    const m = new MetricProfile();
    m.merge(a.state());
    m.merge(b.state());
    const st = m.state();
    expect(metricNameTotal(st)).toEqual({ kept: 1000, total: 1500, approximate: false });
    // each kept name has all its points (2 for m700…m799, read in both); the others' points counted as dropped
    const pointsOf = (n: string) => (Number(n.slice(1)) >= 700 && Number(n.slice(1)) < 800 ? 2 : 1);
    expect(Object.entries(st.names).filter(([n, e]) => e.points !== pointsOf(n))).toEqual([]);
    let dropped = 0;
    for (let i = 0; i < 1500; i++) if (!Object.prototype.hasOwnProperty.call(st.names, `m${i}`)) dropped += pointsOf(`m${i}`);
    expect(st.namesDropped).toBe(dropped);
    // the same names merged the other way, and read by one profile in reverse
    const back = new MetricProfile();
    back.merge(b.state());
    back.merge(a.state());
    expect(Object.keys(back.state().names)).toEqual(Object.keys(st.names));
    const one = new MetricProfile();
    for (const p of points(0, 1500).reverse()) one.add(p);
    expect(Object.keys(one.state().names)).toEqual(Object.keys(st.names));
  });
});
