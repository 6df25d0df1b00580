// Metric rules on what a Prometheus format cannot carry: a scrape has no timestamps (Prometheus
// stamps it), a query API answer and a /federate exposition no types or HELP. Those points and
// names cannot tell; the same lack in a format that carries the property still fails. Also a
// gauge histogram written in 0.0.4 text by client_python is one metric, as in OpenMetrics.
// Expected figures are counted by hand from the inputs written out below.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import type { Report } from '../../../analyzers/report/model.js';

const finding = (r: Report, id: string, service?: string) => {
  const f = r.findings!.find((x) => x.ruleId === id && (service === undefined || x.service === service));
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};
const outcome = (r: Report, id: string, service?: string) => {
  const f = finding(r, id, service);
  return { passed: f.passed, inconclusive: f.inconclusive ?? false, value: f.value, examined: f.evidence.examined, failing: f.evidence.failing };
};

const SCRAPE_WHAT = 'samples of a text exposition (Prometheus 0.0.4 or OpenMetrics) without a timestamp, which a scrape leaves out by design: Prometheus stamps the samples when it scrapes them';

/** A Prometheus /api/v1/query_range answer: each series 3 points 15 s apart. */
function rangeAnswer(series: Record<string, string>[]): string {
  const t0 = 1_700_000_000;
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series.map((metric) => ({ metric, values: [0, 1, 2].map((i) => [t0 + 15 * i, String(i)]) })) } });
}

/** OTLP JSON gauge points of service `svc`, those at the given indexes without a time. */
function otlpGauge(svc: string, n: number, untimed: Set<number>): string {
  const dataPoints = Array.from({ length: n }, (_, i) => ({ asDouble: i, attributes: [{ key: 'i', value: { stringValue: String(i) } }], ...(untimed.has(i) ? {} : { timeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000_000n) }) }));
  return JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: svc } }] }, scopeMetrics: [{ metrics: [{ name: 'queue_depth', unit: '{item}', description: 'Depth', gauge: { dataPoints } }] }] }] });
}

describe('S-MET-TIMESTAMP on a scrape', () => {
  const scrape = '# HELP up Up\n# TYPE up gauge\nup{job="api"} 1\n# HELP temp_celsius T\n# TYPE temp_celsius gauge\ntemp_celsius{job="api"} 21.5\ntemp_celsius{job="api",room="b"} 19\n';

  it('cannot tell for the samples of a text exposition without timestamps (was: 3 of 3 fail)', () => {
    const r = analyseInputs([['m.prom', scrape]]);
    expect(outcome(r, 'S-MET-TIMESTAMP')).toEqual({ passed: false, inconclusive: true, value: null, examined: 3, failing: 3 });
    expect(finding(r, 'S-MET-TIMESTAMP').message).toBe(`Cannot tell: 3 of 3 are ${SCRAPE_WHAT}; counted as not passing.`);
    expect(finding(r, 'S-MET-TIMESTAMP').evidence.examples.map((e) => [e.line, e.note])).toEqual([
      [3, "no timestamp (a text exposition's sample)"],
      [6, "no timestamp (a text exposition's sample)"],
      [7, "no timestamp (a text exposition's sample)"],
    ]);
    // the same in OpenMetrics
    const om = analyseInputs([['m.om', scrape + '# EOF\n']]);
    expect(om.inputs[0]!.format).toBe('openmetrics');
    expect(outcome(om, 'S-MET-TIMESTAMP')).toEqual({ passed: false, inconclusive: true, value: null, examined: 3, failing: 3 });
  });

  it('passes when the scrape is too small a share to matter beside timestamped points', () => {
    // 300 API points (100 series × 3) with times and the scrape's 3 without, all of job "api": 3 of 303 ≤ 1 %
    const api = rangeAnswer(Array.from({ length: 100 }, (_, i) => ({ __name__: 'up', job: 'api', instance: `h${i}` })));
    const r = analyseInputs([['m.prom', scrape], ['q.json', api]]);
    expect(outcome(r, 'S-MET-TIMESTAMP', 'api')).toEqual({ passed: true, inconclusive: false, value: 1, examined: 303, failing: 0 });
    expect(finding(r, 'S-MET-TIMESTAMP', 'api').message).toBe(`0 of 303 metric points have no timestamp (0 %; within the 1 % allowed, even were the 3 that cannot be told failing: ${SCRAPE_WHAT}).`);
  });

  it('still fails points of a format that carries time (OTLP) without one, the scrape beside them apart', () => {
    // OTLP: 10 points of "api", 4 without a time; the scrape: 3 points of "api" without
    const r = analyseInputs([['m.prom', scrape], ['o.json', otlpGauge('api', 10, new Set([1, 3, 5, 7]))]]);
    expect(outcome(r, 'S-MET-TIMESTAMP', 'api')).toEqual({ passed: false, inconclusive: false, value: 0.6, examined: 10, failing: 4 });
    expect(finding(r, 'S-MET-TIMESTAMP', 'api').message).toBe(`4 of 10 metric points have no timestamp (40 %; above the 1 % allowed); the other 3 cannot be told, being ${SCRAPE_WHAT}.`);
    expect(finding(r, 'S-MET-TIMESTAMP', 'api').evidence.examples.every((e) => e.file === 'o.json')).toBe(true);
    // OTLP alone: as before
    const alone = analyseInputs([['o.json', otlpGauge('api', 10, new Set([1, 3, 5, 7]))]]);
    expect(outcome(alone, 'S-MET-TIMESTAMP', 'api')).toEqual({ passed: false, inconclusive: false, value: 0.6, examined: 10, failing: 4 });
    expect(finding(alone, 'S-MET-TIMESTAMP', 'api').message).toBe('4 of 10 metric points have no timestamp (40 %; above the 1 % allowed).');
  });

  it('cannot tell when the other points pass but the scrape is too large a share', () => {
    // OTLP: 10 points with times; the scrape: 3 without (3 of 13 > 1 %)
    const r = analyseInputs([['m.prom', scrape], ['o.json', otlpGauge('api', 10, new Set())]]);
    expect(outcome(r, 'S-MET-TIMESTAMP', 'api')).toEqual({ passed: false, inconclusive: true, value: null, examined: 13, failing: 3 });
    expect(finding(r, 'S-MET-TIMESTAMP', 'api').message).toBe(`Cannot tell: 3 of 13 are ${SCRAPE_WHAT}; 0 of the other 10 metric points have no timestamp; counted as not passing.`);
  });
});

describe('S-MET-TYPE and S-MET-HELP on formats that cannot carry them', () => {
  const TYPE_WHAT = 'metric names read only from a format that cannot carry a type (a query API\'s answer, such as Prometheus /api/v1/query_range, a Prometheus /federate exposition or promtool tsdb dump output)';
  const HELP_WHAT = 'metric names read only from a format that cannot carry a description (a query API\'s answer, such as Prometheus /api/v1/query_range, a Prometheus /federate exposition or promtool tsdb dump output)';

  it('a query_range answer: cannot tell (was: 2 of 2 untyped, 2 of 2 without description)', () => {
    // (not `up`: in an API answer that is a series Prometheus writes itself, judged apart — see below)
    const r = analyseInputs([['q.json', rangeAnswer([{ __name__: 'queue_depth', job: 'api' }, { __name__: 'go_goroutines', job: 'api' }])]]);
    expect(r.inputs[0]!.format).toBe('prom-api');
    for (const id of ['S-MET-TYPE', 'S-MET-HELP']) expect(outcome(r, id), id).toEqual({ passed: false, inconclusive: true, value: null, examined: 2, failing: 2 });
    expect(finding(r, 'S-MET-TYPE').message).toBe(`Cannot tell: 2 of 2 are ${TYPE_WHAT}; counted as not passing.`);
    expect(finding(r, 'S-MET-HELP').message).toBe(`Cannot tell: 2 of 2 are ${HELP_WHAT}; counted as not passing.`);
    expect(finding(r, 'S-MET-TYPE').evidence.examples.map((e) => e.note)).toEqual(['go_goroutines: untyped in a format that cannot carry a type', 'queue_depth: untyped in a format that cannot carry a type']);
  });

  it('a name also read from a format that carries them is judged as usual', () => {
    // `up` typed and described by a scrape of the same service; `go_goroutines` only in the answer
    const scrape = '# HELP up Up\n# TYPE up gauge\nup{job="api"} 1\n';
    const r = analyseInputs([['m.prom', scrape], ['q.json', rangeAnswer([{ __name__: 'up', job: 'api' }, { __name__: 'go_goroutines', job: 'api' }])]]);
    expect(outcome(r, 'S-MET-TYPE', 'api')).toEqual({ passed: false, inconclusive: true, value: null, examined: 2, failing: 1 });
    expect(finding(r, 'S-MET-TYPE', 'api').message).toBe(`Cannot tell: 1 of 2 are ${TYPE_WHAT}; 0 of the other 1 metric names are untyped; counted as not passing.`);
    // the scrape declares `up` untyped, without HELP: that is the exporter's, judged (1 fails)
    const untyped = analyseInputs([['m.prom', '# TYPE up untyped\nup{job="api"} 1\n'], ['q.json', rangeAnswer([{ __name__: 'up', job: 'api' }, { __name__: 'go_goroutines', job: 'api' }])]]);
    expect(outcome(untyped, 'S-MET-TYPE', 'api')).toEqual({ passed: false, inconclusive: false, value: 1, examined: 1, failing: 1 });
    expect(finding(untyped, 'S-MET-TYPE', 'api').message).toBe(`1 of 1 metric names are untyped (100 %; above the 10 % allowed); the other 1 cannot be told, being ${TYPE_WHAT}.`);
  });

  // Prometheus 2.x /federate: every family `# TYPE … untyped`, no HELP, every sample timestamped
  const federate = [
    '# TYPE go_goroutines untyped',
    'go_goroutines{instance="h:9100",job="node"} 7 1795805095399',
    '# TYPE job:up:sum untyped',
    'job:up:sum{job="node"} 1 1795805095399',
    '# TYPE node_load1 untyped',
    'node_load1{instance="h:9100",job="node"} 0.5 1795805095399',
    '',
  ].join('\n');

  it('a /federate exposition: cannot tell, and its recording-rule name is no naming problem', () => {
    const r = analyseInputs([['federate.prom', federate]]);
    expect(r.inputs[0]!.format).toBe('prometheus');
    for (const id of ['S-MET-TYPE', 'S-MET-HELP']) expect(outcome(r, id), id).toEqual({ passed: false, inconclusive: true, value: null, examined: 3, failing: 3 });
    // job:up:sum was "colon in the name": 1 of 3 failing
    expect(outcome(r, 'S-MET-NAMING')).toEqual({ passed: true, inconclusive: false, value: 0, examined: 3, failing: 0 });
    expect(outcome(r, 'S-MET-TIMESTAMP')).toEqual({ passed: true, inconclusive: false, value: 1, examined: 3, failing: 0 });
  });

  it('untyped families with HELP, or without timestamps, are an exporter\'s: judged as before', () => {
    const withHelp = federate.replace('# TYPE go_goroutines untyped', '# HELP go_goroutines Goroutines\n# TYPE go_goroutines untyped');
    const r = analyseInputs([['m.prom', withHelp]]);
    // go_goroutines is judged (untyped: fails; described: passes); the other two cannot tell
    expect(outcome(r, 'S-MET-TYPE')).toEqual({ passed: false, inconclusive: false, value: 1, examined: 1, failing: 1 });
    expect(outcome(r, 'S-MET-HELP')).toEqual({ passed: false, inconclusive: true, value: null, examined: 3, failing: 2 });
    const untimed = analyseInputs([['m.prom', federate.replace(/ 1795805095399/g, '')]]);
    expect(outcome(untimed, 'S-MET-TYPE')).toEqual({ passed: false, inconclusive: false, value: 1, examined: 3, failing: 3 });
    expect(outcome(untimed, 'S-MET-HELP')).toEqual({ passed: false, inconclusive: false, value: 1, examined: 3, failing: 3 });
  });

  it('promtool tsdb dump output: cannot tell; the same samples with a name of their own are judged', () => {
    const dump = '{__name__="nginx_up", instance="h:9113", job="nginx"} 1 1795804490983\n{__name__="nginx_up", instance="h:9113", job="nginx"} 1 1795804492983\n{__name__="job:up:sum", job="nginx"} 1 1795804490983\n';
    const r = analyseInputs([['dump.txt', dump]]);
    expect(r.inputs[0]!.format).toBe('prometheus');
    for (const id of ['S-MET-TYPE', 'S-MET-HELP']) expect(outcome(r, id), id).toEqual({ passed: false, inconclusive: true, value: null, examined: 2, failing: 2 });
    expect(finding(r, 'S-MET-TYPE').message).toBe(`Cannot tell: 2 of 2 are ${TYPE_WHAT}; counted as not passing.`);
    // written as names, not labels, the samples are an exposition's without TYPE: untyped
    const named = analyseInputs([['m.prom', 'nginx_up{instance="h:9113",job="nginx"} 1 1795804490983\n']]);
    expect(outcome(named, 'S-MET-TYPE')).toEqual({ passed: false, inconclusive: false, value: 1, examined: 1, failing: 1 });
  });

  it('a colon elsewhere is still a naming problem, said as such', () => {
    const r = analyseInputs([['m.prom', '# HELP redis:keys Keys\n# TYPE redis:keys gauge\nredis:keys 3\n# HELP job:up:sum Up\n# TYPE job:up:sum gauge\njob:up:sum 1\n']]);
    expect(outcome(r, 'S-MET-NAMING')).toEqual({ passed: false, inconclusive: false, value: 0.5, examined: 2, failing: 1 });
    expect(finding(r, 'S-MET-NAMING').evidence.examples.map((e) => e.note)).toEqual(['redis:keys: colon in the name outside the recording-rule form level:metric:operations (colons are reserved for recording rules)']);
  });
});

describe('a gauge histogram in Prometheus text 0.0.4 (client_python)', () => {
  // client_python's 0.0.4 output of a counter (with its _created gauge) and a gauge histogram:
  // `# TYPE x histogram` with the buckets, then `x_gcount` and `x_gsum` as gauges of their own.
  const text = [
    '# HELP app_requests_total Requests handled',
    '# TYPE app_requests_total counter',
    'app_requests_total{code="200"} 255.0',
    '# HELP app_requests_created Requests handled',
    '# TYPE app_requests_created gauge',
    'app_requests_created{code="200"} 1.7958045920795016e+09',
    '# HELP app_queue_wait_seconds Queue wait',
    '# TYPE app_queue_wait_seconds histogram',
    'app_queue_wait_seconds_bucket{le="1.0"} 3.0',
    'app_queue_wait_seconds_bucket{le="+Inf"} 5.0',
    '# HELP app_queue_wait_seconds_gcount Queue wait',
    '# TYPE app_queue_wait_seconds_gcount gauge',
    'app_queue_wait_seconds_gcount 5.0',
    '# HELP app_queue_wait_seconds_gsum Queue wait',
    '# TYPE app_queue_wait_seconds_gsum gauge',
    'app_queue_wait_seconds_gsum 7.0',
    '',
  ].join('\n');

  it('is one metric, with its unit, as in OpenMetrics (was: 4 metric names, 3 of 4 without a unit)', () => {
    const r = analyseInputs([['m.prom', text]]);
    expect(r.signals.metrics.metricNames).toBe(2);
    expect(outcome(r, 'S-MET-UNIT')).toEqual({ passed: false, inconclusive: false, value: 0.5, examined: 2, failing: 1 });
    expect(finding(r, 'S-MET-UNIT').evidence.examples.map((e) => e.note)).toEqual(['app_requests_total: no unit']);
    for (const id of ['S-MET-TYPE', 'S-MET-HELP', 'S-MET-NAMING']) expect(outcome(r, id), id).toEqual({ passed: true, inconclusive: false, value: 0, examined: 2, failing: 0 });
    // its series: 2 buckets, _gcount and _gsum (a _created is no series)
    expect(finding(r, 'N-MET-SERIES').message).toBe('0 of 2 metric names exceed 200 series; the largest is app_queue_wait_seconds (app_queue_wait_seconds_bucket, app_queue_wait_seconds_gcount, app_queue_wait_seconds_gsum) with 4 stored series (1 label set × 4 series of a classic histogram: its buckets, sum and count).');
    // the same registry in OpenMetrics
    const om = ['# HELP app_requests Requests handled', '# TYPE app_requests counter', 'app_requests_total{code="200"} 255.0', 'app_requests_created{code="200"} 1.7958045920795016e+09', '# HELP app_queue_wait_seconds Queue wait', '# TYPE app_queue_wait_seconds gaugehistogram', 'app_queue_wait_seconds_bucket{le="1.0"} 3.0', 'app_queue_wait_seconds_bucket{le="+Inf"} 5.0', 'app_queue_wait_seconds_gcount 5.0', 'app_queue_wait_seconds_gsum 7.0', '# EOF', ''].join('\n');
    expect(analyseInputs([['m.om', om]]).signals.metrics.metricNames).toBe(2);
  });

  it('whatever the order the names come in, and split in pieces', () => {
    const blocks = text.split(/(?=# HELP)/);
    const reversed = [...blocks].reverse().join('');
    expect(analyseInputs([['m.prom', reversed]]).signals.metrics.metricNames).toBe(2);
    expect(analyseInputs([['a.prom', blocks.slice(2).join('')], ['b.prom', blocks.slice(0, 2).join('')]]).signals.metrics.metricNames).toBe(2);
  });

  it('a _gsum or _gcount gauge without its histogram stays a gauge of its own', () => {
    const r = analyseInputs([['m.prom', '# HELP pool_gsum Sum\n# TYPE pool_gsum gauge\npool_gsum 7\n# HELP pool_gcount Count\n# TYPE pool_gcount gauge\npool_gcount 5\n']]);
    expect(r.signals.metrics.metricNames).toBe(2);
    expect(outcome(r, 'S-MET-TYPE')).toEqual({ passed: true, inconclusive: false, value: 0, examined: 2, failing: 0 });
  });
});

describe('series rules on NaN and ±Inf values', () => {
  /** A query_range answer of job "api": each series 30 points 15 s apart with the value `value(i)`. */
  const answer = (series: { labels: Record<string, string>; value: (i: number) => string }[]) =>
    JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series.map((s) => ({ metric: { __name__: 'queue_depth', job: 'api', ...s.labels }, values: Array.from({ length: 30 }, (_, i) => [1_700_000_000 + 15 * i, s.value(i)]) })) } });

  it('most points NaN or ±Inf: the series rules cannot tell, with the count and examples (was: no outcome, READY)', () => {
    // 90 points: q=a 30 NaN; q=b 20 +Inf then 10 NaN; q=c 10 NaN then 20 finite → 70 of 90 not finite
    const r = analyseInputs([['a.json', answer([{ labels: { q: 'a' }, value: () => 'NaN' }, { labels: { q: 'b' }, value: (i) => (i < 20 ? '+Inf' : 'NaN') }, { labels: { q: 'c' }, value: (i) => (i < 10 ? 'NaN' : '5') }])]]);
    for (const id of ['N-MET-FLAT', 'N-MET-JITTER', 'N-MET-GAPS', 'N-MET-SCRAPE-REGULARITY', 'N-MET-FLAPPING']) {
      const f = finding(r, id, 'api');
      expect([id, f.passed, f.inconclusive, f.evidence.examined, f.evidence.failing]).toEqual([id, false, true, 90, 70]);
    }
    const flat = finding(r, 'N-MET-FLAT', 'api');
    expect(flat.message).toBe('Cannot tell: 70 of 90 metric points have the value NaN or ±Inf (78 %), which no series shape can be read from; counted as not passing.');
    // (the examples as the profile picks them: by file, line, offset, excerpt; each says which value)
    expect(flat.evidence.examples.map((e) => e.note)).toEqual(['NaN', '+Inf', 'NaN', 'NaN']);
    expect(r.verdict).not.toBe('ready');
  });

  it('an instant answer or a single point of NaN: no series to judge, as with values (was: six "cannot tell" findings)', () => {
    const vector = (v: string) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: ['a', 'b', 'c'].map((q) => ({ metric: { __name__: 'queue_depth', job: 'api', q }, value: [1_700_000_000, v] })) } });
    const ids = ['N-MET-FLAT', 'N-MET-JITTER', 'N-MET-GAPS', 'N-MET-SCRAPE-REGULARITY', 'N-MET-FLAPPING', 'N-MET-COUNTER-RESETS'];
    const shapeRules = (r: ReturnType<typeof analyseInputs>) => (r.findings ?? []).filter((f) => ids.includes(f.ruleId)).map((f) => f.ruleId);
    const withValues = analyseInputs([['a.json', vector('5')]]);
    const withNaN = analyseInputs([['a.json', vector('NaN')]]);
    expect(shapeRules(withValues)).toEqual([]);
    expect(shapeRules(withNaN)).toEqual([]);
    expect(typeof withNaN.score).toBe('number');
    expect(withNaN.score).toBe(withValues.score);
    const onePoint = analyseInputs([['metrics', '# TYPE a counter\na_total NaN\n# EOF\n']]);
    expect(shapeRules(onePoint)).toEqual([]);
  });

  it('half or fewer: the finite points are judged, the message says how many were left out', () => {
    const r = analyseInputs([['a.json', answer([{ labels: { q: 'a' }, value: () => 'NaN' }, { labels: { q: 'c' }, value: () => '5' }])]]);
    const f = finding(r, 'N-MET-FLAT', 'api');
    expect([f.passed, f.inconclusive ?? false, f.evidence.examined, f.evidence.failing]).toEqual([false, false, 1, 1]);
    expect(f.message).toBe('1 of 1 series are flat (100 %; 50 % allowed; 30 of 60 points are NaN or ±Inf, left out).');
  });
});

describe('series without a metric name (a computed query: rate(), sum by)', () => {
  /** A query_range answer of job "web": 2 series × 40 points 15 s apart, with or without `__name__`. */
  const answer = (named: boolean) =>
    JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: ['a', 'b'].map((q) => ({ metric: { ...(named ? { __name__: 'http_requests_total' } : {}), job: 'web', q }, values: Array.from({ length: 40 }, (_, i) => [1_700_000_000 + 15 * i, String(i * (q === 'a' ? 3 : 5) + ((i * 7) % 3))]) })) } });
  const RANK: Record<string, number> = { ready: 3, conditional: 2, inconclusive: 1, 'not-ready': 0 };

  it('cannot tell for the name rules, never a free pass: the nameless answer ranks no better than the named one (was: READY 100)', () => {
    const nameless = analyseInputs([['rate.json', answer(false)]]);
    const named = analyseInputs([['raw.json', answer(true)]]);
    for (const id of ['S-MET-TYPE', 'S-MET-UNIT', 'S-MET-HELP', 'S-MET-NAMING']) expect([id, outcome(nameless, id, 'web')]).toEqual([id, { passed: false, inconclusive: true, value: null, examined: 1, failing: 1 }]);
    expect(finding(nameless, 'S-MET-NAMING', 'web').message).toBe("Cannot tell: 1 of 1 are series without a metric name (a computed query's result — `rate(…)`, `sum by (…)`, any PromQL function — drops `__name__`, and with it what the metric is: its name, type, unit and description); counted as not passing.");
    expect(finding(nameless, 'S-MET-NAMING', 'web').evidence.examples.map((e) => e.note)).toEqual(['(no metric name): 80 points of series without __name__']);
    expect(RANK[nameless.verdict!]!).toBeLessThanOrEqual(RANK[named.verdict!]!);
    expect(nameless.score!).toBeLessThanOrEqual(named.score!);
    // the messages name the nameless series, never with an empty name
    expect(finding(nameless, 'N-MET-SERIES', 'web').message).toBe('0 of 1 metric names exceed 200 series; the largest is (no metric name) with 2.');
  });

  it('beside named metrics, the nameless series are one name of those the rule counts, that cannot be told', () => {
    const r = analyseInputs([['raw.json', answer(true)], ['rate.json', answer(false)]]);
    expect(outcome(r, 'S-MET-NAMING', 'web')).toEqual({ passed: false, inconclusive: true, value: null, examined: 2, failing: 1 });
    expect(finding(r, 'S-MET-NAMING', 'web').message).toBe("Cannot tell: 1 of 2 are series without a metric name (a computed query's result — `rate(…)`, `sum by (…)`, any PromQL function — drops `__name__`, and with it what the metric is: its name, type, unit and description); 0 of the other 1 metric names break naming conventions; counted as not passing.");
    // S-MET-TYPE: the named one is undecided too (an API answer cannot carry a type): both reasons said
    expect(finding(r, 'S-MET-TYPE', 'web').message).toMatch(/^Cannot tell: 2 of 2 are metric names read only from a format that cannot carry a type \(.*\), or series without a metric name \(/);
  });
});

describe("series Prometheus writes itself (up, scrape_*, ALERTS, ALERTS_FOR_STATE)", () => {
  /** A query_range answer: each series 40 points 15 s apart, value `v(i)`. */
  const answer = (series: { metric: Record<string, string>; v: (i: number) => number }[]) =>
    JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series.map((s) => ({ metric: s.metric, values: Array.from({ length: 40 }, (_, i) => [1_700_000_000 + 15 * i, String(s.v(i))]) })) } });
  const varying = (i: number) => 10 + ((i * 7) % 5) + i;
  const own = [
    { metric: { __name__: 'nginx_connections_active', job: 'web' }, v: varying },
    { metric: { __name__: 'nginx_http_requests_total', job: 'web' }, v: (i: number) => 100 + 5 * i },
  ];
  const written: { metric: Record<string, string>; v: (i: number) => number }[] = [
    { metric: { __name__: 'ALERTS', alertname: 'High', alertstate: 'firing', job: 'web' }, v: () => 1 },
    { metric: { __name__: 'ALERTS_FOR_STATE', alertname: 'High', job: 'web' }, v: () => 1_700_000_000 },
    { metric: { __name__: 'up', job: 'web', instance: 'h:9113' }, v: () => 1 },
    { metric: { __name__: 'scrape_duration_seconds', job: 'web', instance: 'h:9113' }, v: (i: number) => 0.01 + (i % 3) / 1000 },
  ];

  it("are not judged as the service's metric names, nor ALERTS* as series of it (was: 2 of 6 names fail S-MET-NAMING, ALERTS flat)", () => {
    const r = analyseInputs([['a.json', answer([...own, ...written])]]);
    expect(outcome(r, 'S-MET-NAMING', 'web')).toEqual({ passed: true, inconclusive: false, value: 0, examined: 2, failing: 0 });
    // (neither of the two own names has a unit; up and scrape_duration_seconds, apart, are not counted)
    expect(outcome(r, 'S-MET-UNIT', 'web')).toEqual({ passed: false, inconclusive: false, value: 1, examined: 2, failing: 2 });
    // the series of up and scrape_duration_seconds are the target's (as Prometheus saw it) and are judged; the ALERTS ones are not: 4 of 6
    const flat = finding(r, 'N-MET-FLAT', 'web');
    expect([flat.evidence.examined, flat.evidence.failing, flat.message]).toEqual([4, 1, '1 of 4 series are flat (25 %; 50 % allowed).']);
    // they are still metrics of the export: counted
    expect(r.signals.metrics.metricNames).toBe(6);
  });

  it('a service with nothing but them (a down target): the name rules cannot tell', () => {
    const r = analyseInputs([['a.json', answer(written.map((s) => ({ ...s, metric: { ...s.metric, job: 'down' } })))]]);
    const f = finding(r, 'S-MET-NAMING', 'down');
    expect([f.passed, f.inconclusive, f.evidence.examined, f.evidence.failing]).toEqual([false, true, 4, 4]);
    expect(f.message).toBe('Cannot tell: 4 of 4 are series Prometheus writes itself (`up` and `scrape_*` per target, `ALERTS` and `ALERTS_FOR_STATE` by its rules), whose names the service did not choose; counted as not passing.');
  });
});
