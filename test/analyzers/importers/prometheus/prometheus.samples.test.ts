// Real expositions: exact point counts, specific values, sniffing.
// Expected counts are sample lines, counted independently with
//   grep -cvE '^[[:space:]]*(#|$)' FILE
// (every line that is neither blank nor a comment is one sample = one MetricPoint).
import { describe, expect, it } from 'vitest';
import { openMetricsText, prometheusText } from '../../../../analyzers/importers/prometheus/index.js';
import { decodeData, decodeText, points, readData, sniffedId } from './metrics-test-helpers.js';

const PROM_FILES: [string, number][] = [
  ['prometheus-text/node_exporter/e2e/e2e-output-darwin.txt', 103],
  ['prometheus-text/node_exporter/e2e/e2e-output-dragonfly.txt', 89],
  ['prometheus-text/node_exporter/e2e/e2e-output-freebsd.txt', 106],
  ['prometheus-text/node_exporter/e2e/e2e-output-netbsd.txt', 52],
  ['prometheus-text/node_exporter/e2e/e2e-output-openbsd.txt', 101],
  ['prometheus-text/node_exporter/e2e/e2e-output-solaris.txt', 84],
  ['prometheus-text/node_exporter/e2e/e2e-output.txt', 3027],
  ['prometheus-text/prometheus-common/expfmt-testdata/text', 248],
  ['prometheus-text/prometheus-textparse/alltypes.237mfs.prom.txt', 1857],
  ['prometheus-text/prometheus-textparse/alltypes.237mfs.nometa.prom.txt', 1857],
  ['prometheus-text/node_exporter/textfile/histogram/metrics.prom', 13],
];
const OM_FILES: [string, number][] = [
  ['prometheus-text/prometheus-textparse/1histogram.om.txt', 42],
  ['prometheus-text/prometheus-textparse/alltypes.5mfs.om.txt', 53],
];

describe('Prometheus text 0.0.4 real files', () => {
  it.each(PROM_FILES)('%s has %i points, none rejected, and sniffs as prometheus', (file, expected) => {
    const r = decodeData(prometheusText, file);
    expect(r.records).toHaveLength(expected);
    expect(r.progress.records).toBe(expected);
    expect(r.progress.rejected).toBe(0);
    expect(r.errors).toEqual([]);
    expect(sniffedId(readData(file))).toBe('prometheus');
  });

  it('maps a histogram bucket line with le, family, type and HELP', () => {
    const p = points(decodeData(prometheusText, 'prometheus-text/node_exporter/textfile/histogram/metrics.prom'));
    // line 3: prometheus_tsdb_compaction_chunk_range_bucket{le="100"} 0
    expect(p[0]).toMatchObject({
      name: 'prometheus_tsdb_compaction_chunk_range_bucket',
      family: 'prometheus_tsdb_compaction_chunk_range',
      type: 'histogram',
      temporality: 'cumulative',
      labels: { le: '100' },
      value: 0,
      description: 'Final time range of chunks on their first compaction',
      source: { line: 3 },
    });
    expect(p.filter((x) => x.name.endsWith('_bucket'))).toHaveLength(11); // grep -c _bucket
  });

  it('keeps NaN quantile values of a summary', () => {
    const p = points(decodeData(prometheusText, 'prometheus-text/prometheus-textparse/alltypes.237mfs.prom.txt'));
    // line 1740: prometheus_sd_consul_rpc_duration_seconds{call="service",endpoint="catalog",quantile="0.5"} NaN
    const q = p.find((x) => x.source.line === 1740)!;
    expect(q).toMatchObject({ name: 'prometheus_sd_consul_rpc_duration_seconds', type: 'summary', labels: { call: 'service', endpoint: 'catalog', quantile: '0.5' } });
    expect(q.value).toBeNaN();
  });

  it('reads the lenient 0.0.4 syntax: blanks, tabs, trailing comma, escapes, ms timestamps', () => {
    const p = points(decodeData(prometheusText, 'prometheus-text/prometheus-common/expfmt-fuzz-corpus/from_test_parse_2'));
    expect(p).toHaveLength(4);
    expect(p[1]).toMatchObject({ name: 'name', type: 'counter', labels: { labelname: 'val2', basename: 'base"v\\al\nue' }, value: 0.23, timeNs: 1234567890000000n });
    expect(p[0]!.value).toBeNaN();
    expect(p[2]).toMatchObject({ name: 'name2', type: 'gauge', labels: { labelname: 'val2', basename: 'basevalue2' }, value: Infinity, timeNs: 54321000000n, description: 'doc str"ing 2' });
    expect(p[3]).toMatchObject({ name: 'name2', labels: { labelname: 'val1' }, value: -Infinity });
    // HELP after the samples still applies to later points of the family
    expect(p[0]!.description).toBeUndefined();
  });

  it('attaches _sum/_count of a summary to its family', () => {
    const p = points(decodeData(prometheusText, 'prometheus-text/prometheus-common/expfmt-fuzz-corpus/from_test_parse_3'));
    const count = p.find((x) => x.name === 'my_summary_count')!;
    expect(count).toMatchObject({ family: 'my_summary', type: 'summary', value: 42 });
    expect(p.find((x) => x.name === 'decoy')).toMatchObject({ family: 'decoy', type: 'unknown', value: -1, timeNs: -2000000n });
  });

  it('reads UTF-8 quoted metric names inside the braces', () => {
    const r = decodeText(prometheusText, '{"my.metric.name", code="200"} 7\n');
    expect(r.errors).toEqual([]);
    expect(points(r)[0]).toMatchObject({ name: 'my.metric.name', labels: { code: '200' }, value: 7 });
  });

  it('binds HELP and TYPE lines that quote a UTF-8 name (Prometheus 3) to that family', () => {
    // What Prometheus 3 writes for an OTLP-ingested histogram with dots in its name: quoted in
    // the metadata lines as in the samples. These lines were invalid-line errors and the samples
    // lost their type and help.
    const text = [
      '# HELP "http.server.request.duration" Duration of HTTP requests.',
      '# TYPE "http.server.request.duration" histogram',
      '{"http.server.request.duration_bucket",le="0.1","service.name"="api"} 5',
      '{"http.server.request.duration_bucket",le="+Inf","service.name"="api"} 7',
      '{"http.server.request.duration_sum","service.name"="api"} 1.5',
      '{"http.server.request.duration_count","service.name"="api"} 7',
      '# TYPE "weird\\"name" gauge',
      '{"weird\\"name"} 1',
    ].join('\n') + '\n';
    for (const chunk of [undefined, 1, 7]) {
      const r = decodeText(prometheusText, text, chunk);
      expect(r.errors).toEqual([]);
      const p = points(r);
      expect(p.map((x) => [x.name, x.family, x.type])).toEqual([
        ['http.server.request.duration_bucket', 'http.server.request.duration', 'histogram'],
        ['http.server.request.duration_bucket', 'http.server.request.duration', 'histogram'],
        ['http.server.request.duration_sum', 'http.server.request.duration', 'histogram'],
        ['http.server.request.duration_count', 'http.server.request.duration', 'histogram'],
        ['weird"name', 'weird"name', 'gauge'],
      ]);
      expect(p[0]!.description).toBe('Duration of HTTP requests.');
    }
  });

  it('reads `promtool tsdb dump` output ({__name__="…", …} value ms-timestamp); a second name is still refused', () => {
    const text = [
      '{__name__="go_gc_duration_seconds", instance="localhost:9090", job="prometheus", quantile="0"} 1.6451e-05 1688635426006',
      '{__name__="up", instance="localhost:9090", job="prometheus"} 1 1688635426006',
      '{job="x", __name__="late"} 2 1688635441006',
    ].join('\n') + '\n';
    const r = decodeText(prometheusText, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.labels, p.value, p.timeNs])).toEqual([
      ['go_gc_duration_seconds', { instance: 'localhost:9090', job: 'prometheus', quantile: '0' }, 1.6451e-05, 1688635426006n * 1_000_000n],
      ['up', { instance: 'localhost:9090', job: 'prometheus' }, 1, 1688635426006n * 1_000_000n],
      ['late', { job: 'x' }, 2, 1688635441006n * 1_000_000n],
    ]);
    // expfmt's own error case (a name and a __name__ label), and an empty name.
    const bad = decodeText(prometheusText, 'metric{__name__="bla"} 3.14\n{__name__=""} 1\n');
    expect([bad.records.length, bad.errors.map((e) => e.code)]).toEqual([0, ['invalid-line', 'invalid-line']]);
  });

  it('reports a missing final newline but keeps the sample', () => {
    const r = decodeText(prometheusText, 'up 1\nup{job="x"} 0');
    expect(r.records).toHaveLength(2);
    expect(r.errors).toMatchObject([{ code: 'truncated', line: 2 }]);
  });

  // The OpenTelemetry JS PrometheusExporter (as others) writes `# UNIT` in 0.0.4 text too: to
  // expfmt a comment, it was dropped, and every such metric "declared no unit".
  it('reads a # UNIT line as the family unit, silently ignores a malformed one, and keeps the first of two', () => {
    const text = [
      '# HELP http_server_request_duration Latency',
      '# UNIT http_server_request_duration s',
      '# TYPE http_server_request_duration histogram',
      'http_server_request_duration_bucket{le="+Inf"} 3',
      'http_server_request_duration_sum 0.4',
      'http_server_request_duration_count 3',
      '# UNIT queue_depth {item}',
      '# UNIT queue_depth items',
      'queue_depth 7',
      '# UNIT',
      '# UNIT bad-name x',
      '# UNIT no_unit',
      'no_unit 1',
      '',
    ].join('\n');
    for (const chunk of [undefined, 7]) {
      const r = decodeText(prometheusText, text, chunk);
      expect(r.errors).toEqual([]);
      expect(points(r).map((x) => [x.name, x.family, x.type, x.unit])).toEqual([
        ['http_server_request_duration_bucket', 'http_server_request_duration', 'histogram', 's'],
        ['http_server_request_duration_sum', 'http_server_request_duration', 'histogram', 's'],
        ['http_server_request_duration_count', 'http_server_request_duration', 'histogram', 's'],
        ['queue_depth', 'queue_depth', 'unknown', '{item}'],
        ['no_unit', 'no_unit', 'unknown', undefined],
      ]);
    }
  });
});

describe('OpenMetrics 1.0 real files', () => {
  it.each(OM_FILES)('%s has %i points and sniffs as openmetrics', (file, expected) => {
    const r = decodeData(openMetricsText, file);
    expect(r.records).toHaveLength(expected);
    expect(r.progress.rejected).toBe(0);
    expect(sniffedId(readData(file))).toBe('openmetrics');
  });

  it('1histogram.om.txt is clean', () => {
    expect(decodeData(openMetricsText, 'prometheus-text/prometheus-textparse/1histogram.om.txt').errors).toEqual([]);
  });

  it('reads exemplars with their value, timestamp and labels', () => {
    const r = decodeData(openMetricsText, 'prometheus-text/prometheus-textparse/alltypes.5mfs.om.txt');
    const p = points(r);
    // rpc_durations_histogram_seconds_bucket{le="-0.0002899999999999998"} 3 # {dummyID="17783"} -0.0003825067330956884 1.7268398142239082e+09
    const b = p.find((x) => x.labels.le === '-0.0002899999999999998')!;
    expect(b).toMatchObject({ name: 'rpc_durations_histogram_seconds_bucket', family: 'rpc_durations_histogram_seconds', type: 'histogram', value: 3 });
    expect(b.exemplars).toEqual([{ value: -0.0003825067330956884, timeNs: 1726839814223908200n, attributes: { dummyID: '17783' } }]);
    // grep -c ' # {' alltypes.5mfs.om.txt → 6 exemplars in the file
    expect(p.reduce((n, x) => n + x.exemplars.length, 0)).toBe(6);
    // _created: value in seconds, also given as the start time
    const created = p.find((x) => x.name === 'promhttp_metric_handler_errors_created')!;
    expect(created).toMatchObject({ family: 'promhttp_metric_handler_errors', type: 'counter', labels: { cause: 'encoding' } });
    expect(Number(created.startTimeNs! / 1_000_000n)).toBe(1726839813016);
  });

  it('reports, but keeps, samples that break the negative-bucket _sum rule', () => {
    // The file's histogram has negative buckets AND a negative _sum: OpenMetrics 1.0 forbids both.
    const r = decodeData(openMetricsText, 'prometheus-text/prometheus-textparse/alltypes.5mfs.om.txt');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(new Set(r.errors.map((e) => e.code))).toEqual(new Set(['invalid-record']));
    expect(r.progress.rejected).toBe(0);
  });

  it('maps trace_id/span_id exemplar labels to ids', () => {
    const r = decodeText(
      openMetricsText,
      '# TYPE foo counter\n# UNIT foo seconds\nfoo_total 17 # {trace_id="4BF92F3577B34DA6A3CE929D0E0E4736",span_id="00f067aa0ba902b7",pod="a"} 1 1700000000.5\n# EOF\n',
    );
    expect(r.errors).toMatchObject([{ code: 'invalid-record' }]); // unit "seconds" is not a suffix of "foo"
    expect(points(r)[0]).toMatchObject({
      name: 'foo_total',
      family: 'foo',
      type: 'counter',
      monotonic: true,
      unit: 'seconds',
      value: 17,
      exemplars: [{ value: 1, timeNs: 1700000000500000000n, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', attributes: { pod: 'a' } }],
    });
  });

  // Prometheus 3 (and the OpenMetrics 2.0 draft) quote UTF-8 names in OpenMetrics as in 0.0.4:
  // every line of such an exposition was an invalid-line error. Expected by hand: 2 sample lines
  // → 2 points of the counter family "my.counter", service.name from the quoted label.
  it('reads quoted UTF-8 metric and label names, and binds quoted HELP/TYPE/UNIT names', async () => {
    const text = [
      '# TYPE "my.counter" counter',
      '# HELP "my.counter" dotted counter',
      '{"my.counter_total","service.name"="svc-a"} 1.0',
      '{"my.counter_created","service.name"="svc-a"} 1.7e9',
      '# TYPE "with space" gauge',
      '# UNIT "with space" bytes',
      '{"with space"} 3',
      '# EOF',
      '',
    ].join('\n');
    expect(sniffedId(new TextEncoder().encode(text))).toBe('openmetrics');
    for (const chunk of [undefined, 1, 5]) {
      const r = decodeText(openMetricsText, text, chunk);
      expect(r.errors.filter((e) => e.code !== 'invalid-record')).toEqual([]); // the unit not being a suffix of "with space" is reported, as for any name
      expect(points(r).map((x) => [x.name, x.family, x.type, x.labels, x.value, x.description])).toEqual([
        ['my.counter_total', 'my.counter', 'counter', { 'service.name': 'svc-a' }, 1, 'dotted counter'],
        ['my.counter_created', 'my.counter', 'counter', { 'service.name': 'svc-a' }, 1.7e9, 'dotted counter'],
        ['with space', 'with space', 'gauge', {}, 3, undefined],
      ]);
    }
    const { analyseInputs } = await import('../../../helpers/analyse.js');
    const m = analyseInputs([['om.txt', text]]).signals.metrics;
    expect([m.points, m.series, m.services]).toEqual([3, 3, ['svc-a']]);
  });

  it('still refuses a quoted name that is not first in the braces, or a brace without a name', () => {
    for (const line of ['{a="b","my.counter"} 1', '{a="b"} 1', '{"my.counter" x="1"} 1']) {
      const r = decodeText(openMetricsText, `${line}\n# EOF\n`);
      expect(points(r), line).toEqual([]);
      expect(r.errors.map((e) => e.code), line).toContain('invalid-line');
    }
  });

  // OpenMetrics caps an exemplar's label names and values at 128 characters together. A longer
  // one broke the whole line: the sample was rejected with its exemplar.
  it('drops an exemplar over 128 characters and keeps its sample, with one error about the exemplar', () => {
    const ex = (value: string) => `# {a="${value}"} 1 1700000000.1`;
    const text = [
      '# TYPE req counter',
      `req_total{code="200"} 5 ${ex('x'.repeat(128))}`, // 1 + 128 = 129 characters: too long
      `req_total{code="500"} 2 ${ex('y'.repeat(127))}`, // 1 + 127 = 128: the limit, allowed
      '# EOF',
      '',
    ].join('\n');
    const r = decodeText(openMetricsText, text);
    expect(points(r).map((p) => [p.labels.code, p.value, p.exemplars.length])).toEqual([
      ['200', 5, 0],
      ['500', 2, 1],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-record', 2]]);
    expect(r.errors[0]!.message).toMatch(/exemplar labels are 129 characters long.*exemplar is dropped, the sample kept/);
    expect(r.progress.rejected).toBe(0);
  });

  // `# TYPE foo counter` then `foo 1`: the sample lacks `_total`, which the error only said as
  // "clashes with an earlier metric family". The point is kept, as before, with type unknown.
  it('says that a counter sample needs _total when the bare family name is used', () => {
    const r = decodeText(openMetricsText, '# TYPE foo counter\nfoo 1\n# EOF\n');
    expect(points(r).map((p) => [p.name, p.type, p.value])).toEqual([['foo', 'unknown', 1]]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-record', 2]]);
    expect(r.errors[0]!.message).toContain('a counter sample is named "foo_total"');
    // a name clash that is no missing suffix keeps the plain message
    const c = decodeText(openMetricsText, '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# TYPE a gauge\na 2\n# EOF\n');
    expect(c.errors.map((e) => e.message)).toContain('metric family "a": name "a" clashes with an earlier metric family');
  });

  // client_golang 1.14 with EnableOpenMetrics (a Go program's default registry): its Go collector
  // writes `go_memstats_alloc_bytes` as a gauge, then a second family of the same name, a counter
  // (lines 19–24 of the probe-gors28 capture). One error for the clash of names; the counter keeps
  // its type and its help, as the same scrape in 0.0.4 text does (it lost both, with 2 errors).
  it('a second family of the name just read (client_golang go_memstats_alloc_bytes): its own family, one error', () => {
    const text = [
      '# HELP go_memstats_alloc_bytes Number of bytes allocated and still in use.',
      '# TYPE go_memstats_alloc_bytes gauge',
      'go_memstats_alloc_bytes 243840.0',
      '# HELP go_memstats_alloc_bytes Total number of bytes allocated, even if freed.',
      '# TYPE go_memstats_alloc_bytes counter',
      'go_memstats_alloc_bytes_total 243840.0',
      '# EOF',
    ].join('\n') + '\n';
    const r = decodeText(openMetricsText, text);
    expect(points(r).map((p) => [p.name, p.type, p.description])).toEqual([
      ['go_memstats_alloc_bytes', 'gauge', 'Number of bytes allocated and still in use.'],
      ['go_memstats_alloc_bytes_total', 'counter', 'Total number of bytes allocated, even if freed.'],
    ]);
    expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-record', 4, 'metric family "go_memstats_alloc_bytes": name "go_memstats_alloc_bytes" clashes with an earlier metric family']]);
     // metadata after the samples that no sample follows is metadata out of place (OpenMetrics' bad_metadata_in_wrong_place), as before
    const late = decodeText(openMetricsText, '# TYPE a gauge\na 1\n# HELP a gauge\n# EOF\n');
    expect(points(late).map((p) => [p.name, p.type])).toEqual([['a', 'gauge']]);
    expect(late.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-line', 3, 'HELP for "a" after its samples']]);
  });

  it('reads fractional-second timestamps and _created start times', () => {
    const r = decodeData(openMetricsText, 'openmetrics/OpenMetrics-parser-tests/timestamps/metrics');
    const p = points(r);
    expect(p.map((x) => x.timeNs)).toEqual([0n, 0n, 1100000000n, 12345678901234567890123456789n, 1500000000000n, 1234567890000000000n]);
    const c = points(decodeData(openMetricsText, 'openmetrics/OpenMetrics-parser-tests/counter_unit/metrics'));
    expect(c[1]).toMatchObject({ name: 'cc_seconds_created', family: 'cc_seconds', unit: 'seconds', description: 'A counter', startTimeNs: 123456000000n });
  });

  it('types info, stateset, gaugehistogram and unknown families', () => {
    const types = (dir: string) => points(decodeData(openMetricsText, `openmetrics/OpenMetrics-parser-tests/${dir}/metrics`)).map((x) => x.type);
    expect(types('info_timestamps')).toEqual(['info', 'info']);
    expect(types('simple_stateset')).toEqual(['stateset', 'stateset']);
    expect(types('simple_gaugehistogram')).toEqual(['gaugehistogram', 'gaugehistogram', 'gaugehistogram', 'gaugehistogram']);
    expect(types('untyped')).toEqual(['unknown', 'unknown']);
  });
});
