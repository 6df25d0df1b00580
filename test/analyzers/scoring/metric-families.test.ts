// The metric rules that count "metric names" (S-MET-TYPE/UNIT/HELP/NAMING/UCUM, N-MET-SERIES…)
// judge metrics, not the sample names of a text exposition, and read the units an exposition
// declares. Expected figures are counted by hand from the inputs written out below.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import type { Report } from '../../../analyzers/report/model.js';

const finding = (r: Report, id: string) => {
  const f = r.findings!.find((x) => x.ruleId === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};
const counts = (r: Report, id: string) => {
  const f = finding(r, id);
  return { passed: f.passed, examined: f.evidence.examined, failing: f.evidence.failing };
};

describe('# UNIT lines in Prometheus text 0.0.4', () => {
  // Two gauges, each with a `# UNIT` line and no unit suffix: the units are declared as metadata.
  const text = ['# HELP db_pool_connections Pool', '# UNIT db_pool_connections {connection}', '# TYPE db_pool_connections gauge', 'db_pool_connections{state="idle"} 5', 'db_pool_connections{state="used"} 3', '# HELP queue_depth Depth', '# UNIT queue_depth {item}', '# TYPE queue_depth gauge', 'queue_depth 7', ''].join('\n');

  it('declare the unit: S-MET-UNIT 0 of 2 failing (was 2 of 2), and the units are UCUM', () => {
    const r = analyseInputs([['m.prom', text]]);
    expect(r.inputs[0]!.format).toBe('prometheus');
    expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: true, examined: 2, failing: 0 });
    expect(counts(r, 'S-MET-UCUM')).toEqual({ passed: true, examined: 2, failing: 0 });
  });

  it('without them, the same gauges declare no unit', () => {
    const r = analyseInputs([['m.prom', text.split('\n').filter((l) => !l.startsWith('# UNIT')).join('\n')]]);
    expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: false, examined: 2, failing: 2 });
  });
});

describe('a histogram and a summary are one metric each, not their sample names', () => {
  // One histogram (3 buckets, _sum, _count) and one summary (2 quantiles, _sum, _count): 9 sample
  // lines of 6 sample names, 2 metrics, both named with a base unit.
  const typed = [
    '# HELP req_duration_seconds Request latency',
    '# TYPE req_duration_seconds histogram',
    'req_duration_seconds_bucket{le="0.1",route="/a"} 5',
    'req_duration_seconds_bucket{le="1",route="/a"} 8',
    'req_duration_seconds_bucket{le="+Inf",route="/a"} 9',
    'req_duration_seconds_sum{route="/a"} 3.2',
    'req_duration_seconds_count{route="/a"} 9',
    '# HELP payload_bytes Payload size',
    '# TYPE payload_bytes summary',
    'payload_bytes{quantile="0.5"} 120',
    'payload_bytes{quantile="0.9"} 180',
    'payload_bytes_sum 14950',
    'payload_bytes_count 100',
    '',
  ].join('\n');

  it('Prometheus text: 2 metric names examined by every name rule, as signals.metricNames says (was 6, 5 "no unit")', () => {
    const r = analyseInputs([['m.prom', typed]]);
    expect(r.signals.metrics.metricNames).toBe(2);
    expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: true, examined: 2, failing: 0 });
    for (const id of ['S-MET-TYPE', 'S-MET-HELP', 'S-MET-NAMING']) expect(counts(r, id), id).toEqual({ passed: true, examined: 2, failing: 0 });
    expect(counts(r, 'N-MET-SERIES')).toEqual({ passed: true, examined: 2, failing: 0 });
    // its largest metric is the histogram, with the series of its 3 sample names: 1 route × (3 buckets + 2)
    expect(finding(r, 'N-MET-SERIES').message).toBe('0 of 2 metric names exceed 200 series; the largest is req_duration_seconds (req_duration_seconds_bucket, req_duration_seconds_count, req_duration_seconds_sum) with 5 stored series (1 label set × 5 series of a classic histogram: its buckets, sum and count).');
    // labels of metrics: route of the histogram; le and quantile are how they are written
    expect(counts(r, 'N-MET-LABEL-CARDINALITY')).toEqual({ passed: true, examined: 1, failing: 0 });
  });

  it('OpenMetrics: the same, and a counter family x is the one metric x_total (with its _created)', () => {
    const om = typed.replace(/\n$/, '') + '\n# HELP jobs Jobs run\n# TYPE jobs counter\njobs_total 7\njobs_created 1700000000\n# EOF\n';
    const r = analyseInputs([['m.om', om]]);
    expect(r.inputs[0]!.format).toBe('openmetrics');
    expect(r.signals.metrics.metricNames).toBe(3);
    // jobs_total has no unit: the one failing name
    expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: false, examined: 3, failing: 1 });
    expect(finding(r, 'S-MET-UNIT').evidence.examples.map((e) => e.note)).toEqual(['jobs_total: no unit']);
    // named as Prometheus stores it, the counter ends in _total: no naming problem
    expect(counts(r, 'S-MET-NAMING')).toEqual({ passed: true, examined: 3, failing: 0 });
  });

  it('without # TYPE, le and quantile labels and the _sum/_count beside them still make 2 metrics (untyped)', () => {
    const r = analyseInputs([['m.prom', typed.split('\n').filter((l) => !l.startsWith('#')).join('\n')]]);
    expect(r.signals.metrics.metricNames).toBe(2);
    expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: true, examined: 2, failing: 0 });
    expect(counts(r, 'S-MET-TYPE')).toEqual({ passed: false, examined: 2, failing: 2 });
  });

  it('a histogram has the series of its sample names together: 20 routes × (9 buckets + 2) = 220 > 200', () => {
    const lines: string[] = ['# TYPE rpc_seconds histogram'];
    for (let r = 0; r < 20; r++) {
      for (const le of ['0.01', '0.05', '0.1', '0.5', '1', '2', '5', '10', '+Inf']) lines.push(`rpc_seconds_bucket{route="/r${r}",le="${le}"} 1`);
      lines.push(`rpc_seconds_sum{route="/r${r}"} 0.2`, `rpc_seconds_count{route="/r${r}"} 1`);
    }
    const r = analyseInputs([['m.prom', lines.join('\n') + '\n']]);
    // (each sample name alone stays under 200: 180 bucket series, 20 _sum, 20 _count)
    expect(counts(r, 'N-MET-SERIES')).toEqual({ passed: false, examined: 1, failing: 1 });
    expect(finding(r, 'N-MET-SERIES').evidence.examples.map((e) => e.note)).toEqual(['rpc_seconds (rpc_seconds_bucket, rpc_seconds_count, rpc_seconds_sum): 220 series']);
  });

  it('an unbounded label of a histogram is one unbounded metric label, not one per sample name', () => {
    // 12 scrapes, each with a new request_id on the histogram's 3 sample names
    const lines: string[] = ['# TYPE lat_seconds histogram'];
    for (let i = 0; i < 12; i++) {
      const ts = 1700000000000 + i * 15000;
      lines.push(`lat_seconds_bucket{le="+Inf",request_id="r${i}"} 1 ${ts}`, `lat_seconds_sum{request_id="r${i}"} 0.2 ${ts}`, `lat_seconds_count{request_id="r${i}"} 1 ${ts}`);
    }
    const r = analyseInputs([['m.prom', lines.join('\n') + '\n']]);
    expect(counts(r, 'N-MET-LABEL-CARDINALITY')).toEqual({ passed: false, examined: 1, failing: 1 });
    expect(finding(r, 'N-MET-LABEL-CARDINALITY').evidence.examples.map((e) => e.note)).toEqual(['lat_seconds: label "request_id" has 12 distinct values over 12 points']);
  });
});

describe("client_python's Enum: a state set in 0.0.4 text as in OpenMetrics", () => {
  // client_python writes an Enum `shop_state` as `# TYPE shop_state gauge` with a label named as the
  // metric in 0.0.4 text, and as a `stateset` family in OpenMetrics (S27a probe: 1 of 2 names
  // without a unit in the one, 0 of 2 in the other, for the same metrics).
  const states = ['shop_state{shop_state="starting"} 0.0', 'shop_state{shop_state="running"} 1.0'];
  const prom = ['# HELP shop_build_info Build', '# TYPE shop_build_info gauge', 'shop_build_info{version="1.4.2"} 1.0', '# HELP shop_state State', '# TYPE shop_state gauge', ...states, ''].join('\n');
  const om = ['# HELP shop_build Build', '# TYPE shop_build info', 'shop_build_info{version="1.4.2"} 1.0', '# HELP shop_state State', '# TYPE shop_state stateset', ...states, '# EOF', ''].join('\n');

  it('is judged alike: S-MET-UNIT 0 of 2 failing in both', () => {
    for (const [name, text, format] of [['m.prom', prom, 'prometheus'], ['m.om.txt', om, 'openmetrics']] as const) {
      const r = analyseInputs([[name, text]]);
      expect(r.inputs[0]!.format).toBe(format);
      expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: true, examined: 2, failing: 0 });
    }
  });

  it('a gauge whose label is named otherwise still declares no unit', () => {
    const r = analyseInputs([['m.prom', prom.replaceAll('shop_state{shop_state=', 'shop_state{state=')]]);
    expect(counts(r, 'S-MET-UNIT')).toEqual({ passed: false, examined: 2, failing: 1 });
    expect(finding(r, 'S-MET-UNIT').evidence.examples.map((e) => e.note)).toEqual(['shop_state: no unit']);
  });
});
