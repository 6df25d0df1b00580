// Saved answers of two more metric query APIs, read by the prom-api importer as series and points.
// Before, Graphite's render JSON was "unrecognised" (0 records) and a CloudWatch response was one
// JSON log record.
// - Graphite render API (format=json): [{"target", "tags", "datapoints": [[value, unix s], …]}];
//   null is "no data in this interval" (graphite-web render/datalib), not a sample.
// - Amazon CloudWatch, as the AWS CLI prints it: get-metric-data (MetricDataResults with parallel
//   Timestamps/Values) and get-metric-statistics (Label + Datapoints, one point per statistic).
// Expected counts are worked out by hand from the literals below.
import { describe, expect, it } from 'vitest';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

const sniffed = (text: string, complete = true) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), complete)).spec?.id;

const graphite = [
  { target: 'servers.web01.cpu.user', tags: { name: 'servers.web01.cpu.user' }, datapoints: [[12.5, 1700000000], [null, 1700000060], [13.1, 1700000120]] },
  { target: 'seriesByTag(\'name=cpu\')', tags: { name: 'cpu', host: 'web02', dc: 'eu' }, datapoints: [[2.5, 1700000000], [3, 1700000060.5]] },
  { target: 'empty.series', datapoints: [] },
  { target: 'cpu;dc=us;host=web03', tags: { name: 'cpu', host: 'web03', dc: 'us' }, datapoints: [[7, 1700000000]] },
];

describe('prom-api: Graphite render API responses', () => {
  const text = JSON.stringify(graphite);

  it('is sniffed as prom-api; one point per datapoint with a value, named by the target, tags as labels', () => {
    expect(sniffed(text)).toBe('prom-api');
    expect(sniffed(JSON.stringify(graphite, null, 2))).toBe('prom-api');
    const r = decodeText(promApi, text);
    // 3 + 2 + 0 + 1 pairs, one of them null → 5 points
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.labels, p.timeNs, p.value])).toEqual([
      ['servers.web01.cpu.user', {}, 1_700_000_000_000_000_000n, 12.5],
      ['servers.web01.cpu.user', {}, 1_700_000_120_000_000_000n, 13.1],
      ["seriesByTag('name=cpu')", { host: 'web02', dc: 'eu' }, 1_700_000_000_000_000_000n, 2.5],
      ["seriesByTag('name=cpu')", { host: 'web02', dc: 'eu' }, 1_700_000_060_500_000_000n, 3],
      ['cpu', { host: 'web03', dc: 'us' }, 1_700_000_000_000_000_000n, 7], // a tagged path: named by tags.name
    ]);
  });

  it('reads the same pretty-printed and in 1/7/4096-byte chunks', () => {
    for (const t of [text, JSON.stringify(graphite, null, 2)]) {
      const whole = decodeText(promApi, t);
      expect(whole.records).toHaveLength(5);
      for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, t, chunk))).toBe(fingerprint(whole));
    }
  });

  it('a bad datapoint costs that point; an element that is not a series is a coded error; a cut response keeps what came before', () => {
    const bad = JSON.stringify([{ target: 'a', datapoints: [[1, 1700000000], ['x', 1700000060], [2, 'later'], [3], [4, 1700000120]] }, 'stray']);
    const r = decodeText(promApi, bad);
    expect(points(r).map((p) => p.value)).toEqual([1, 4]);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-number', 'invalid-timestamp', 'wrong-type', 'wrong-type']);
    expect(r.progress.rejected).toBe(4);
    const cut = text.slice(0, text.indexOf('seriesByTag') + 40);
    const c = decodeText(promApi, cut);
    expect(points(c)).toHaveLength(2); // the first series is whole; the second is cut inside
    expect(c.errors.map((e) => e.code)).toEqual(['truncated']);
  });

  it('a top-level array of something else is still not read as Graphite', () => {
    expect(sniffed(JSON.stringify([{ target: 'x' }]))).not.toBe('prom-api');
    const r = decodeText(promApi, JSON.stringify([{ a: 1 }, { b: 2 }]));
    expect(r.records).toHaveLength(0);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-record']);
  });
});

const metricData = {
  MetricDataResults: [
    { Id: 'cpu', Label: 'CPUUtilization', Timestamps: ['2023-11-14T22:15:00+00:00', '2023-11-14T22:10:00+00:00', '2023-11-14T22:05:00Z'], Values: [12.3, 11.1, 9.5], StatusCode: 'Complete' },
    { Id: 'lat', Label: 'TargetResponseTime', Timestamps: ['2023-11-14T22:15:00+00:00'], Values: [0.25], StatusCode: 'PartialData' },
  ],
  NextToken: 'abc',
  Messages: [{ Code: 'MaxMetricsExceeded', Value: 'The maximum number of metrics was exceeded.' }],
};

const statistics = {
  Label: 'CPUUtilization',
  Datapoints: [
    { Timestamp: '2023-11-14T22:10:00+00:00', Average: 11.1, Maximum: 40, Unit: 'Percent' },
    { Timestamp: '2023-11-14T22:05:00+00:00', SampleCount: 5, Average: 9.5, ExtendedStatistics: { p99: 38.5 }, Unit: 'Percent' },
  ],
};

describe('prom-api: Amazon CloudWatch responses (AWS CLI)', () => {
  it('get-metric-data: Timestamps and Values pair by position; the Label names the metric; PartialData and Messages are reported', () => {
    const text = JSON.stringify(metricData, null, 4); // the AWS CLI indents by 4
    expect(sniffed(text)).toBe('prom-api');
    const r = decodeText(promApi, text);
    expect(points(r).map((p) => [p.name, p.labels, p.timeNs, p.value])).toEqual([
      ['CPUUtilization', { id: 'cpu' }, 1_700_000_100_000_000_000n, 12.3],
      ['CPUUtilization', { id: 'cpu' }, 1_699_999_800_000_000_000n, 11.1],
      ['CPUUtilization', { id: 'cpu' }, 1_699_999_500_000_000_000n, 9.5],
      ['TargetResponseTime', { id: 'lat' }, 1_700_000_100_000_000_000n, 0.25],
    ]);
    // The NextToken error is new: `NextToken: 'abc'` means pages were left unfetched, which was
    // not said (the expectation listed only the two errors reported then).
    expect(r.errors.map((e) => [e.code, e.message.slice(0, 60)])).toEqual([
      ['invalid-record', 'CloudWatch result "TargetResponseTime" has StatusCode Partia'],
      ['invalid-record', 'CloudWatch returned messages (results may be incomplete): Ma'],
      ['invalid-record', 'CloudWatch answered with a NextToken: more pages of data wer'],
    ]);
    expect(r.progress.rejected).toBe(0);
    for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, chunk))).toBe(fingerprint(r));
  });

  it("get-metric-data: a result's own Messages are reported; an empty or absent NextToken is no error", () => {
    const one = (extra: object) => ({ MetricDataResults: [{ Id: 'm1', Label: 'CPUUtilization', Timestamps: ['2024-01-10T12:10:00+00:00'], Values: [4.25], StatusCode: 'Complete', ...extra }], Messages: [] });
    const r = decodeText(promApi, JSON.stringify(one({ Messages: [{ Code: 'ArithmeticError', Value: 'One or more data-points have been dropped due to non-numeric values (NaN, -Infinite, +Infinite)' }] })));
    expect(points(r)).toHaveLength(1);
    expect(r.errors).toMatchObject([{ code: 'invalid-record', message: expect.stringMatching(/^CloudWatch result "CPUUtilization" came with messages.*ArithmeticError: One or more/) }]);
    for (const doc of [one({}), { ...one({}), NextToken: '' }, { ...one({}), NextToken: null }]) expect(decodeText(promApi, JSON.stringify(doc)).errors).toEqual([]);
    // NextToken before the results (any key order): still reported
    const sorted = decodeText(promApi, JSON.stringify({ NextToken: 'xyz', Messages: [], MetricDataResults: one({}).MetricDataResults }));
    expect(sorted.errors.map((e) => e.message.slice(0, 37))).toEqual(['CloudWatch answered with a NextToken:']);
  });

  it('get-metric-statistics: one point per statistic with its unit, whether Label comes before or after the datapoints', () => {
    const asPrinted = JSON.stringify(statistics, null, 4);
    const sorted = JSON.stringify({ Datapoints: statistics.Datapoints, Label: statistics.Label }); // jq -S order
    for (const text of [asPrinted, sorted]) {
      expect(sniffed(text)).toBe('prom-api');
      const r = decodeText(promApi, text);
      expect(r.errors).toEqual([]);
      // datapoint 1: Average, Maximum; datapoint 2: SampleCount, Average, p99 → 5 points
      expect(points(r).map((p) => [p.name, p.labels['statistic'], p.value, p.unit])).toEqual([
        ['CPUUtilization', 'Average', 11.1, '%'],
        ['CPUUtilization', 'Maximum', 40, '%'],
        ['CPUUtilization', 'SampleCount', 5, '1'],
        ['CPUUtilization', 'Average', 9.5, '%'],
        ['CPUUtilization', 'p99', 38.5, '%'],
      ]);
      for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, chunk))).toBe(fingerprint(r));
    }
  });

  it('bad times, values and shapes are coded errors that cost their points', () => {
    const r = decodeText(promApi, JSON.stringify({
      MetricDataResults: [
        { Id: 'a', Label: 'A', Timestamps: ['2023-11-14T22:15:00', '2023-11-14T22:10:00Z', 'soon'], Values: [1, 'x', 3] },
        { Id: 'b', Label: 'B', Timestamps: ['2023-11-14T22:15:00Z', '2023-11-14T22:10:00Z'], Values: [1] },
        { Id: 'c' },
        'stray',
      ],
    }));
    // A: a zoneless time (not guessed), a non-number, an unreadable time → 0 points;
    // B: 2 times for 1 value → 1 point, 1 lost; c: no arrays; 'stray': not an object
    expect(points(r).map((p) => [p.name, p.value])).toEqual([['B', 1]]);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-timestamp', 'invalid-number', 'invalid-timestamp', 'invalid-record', 'missing-field', 'wrong-type']);
    expect(r.progress.rejected).toBe(6);
  });
});

describe('prom-api: InfluxDB 1.x (InfluxQL) and OpenTSDB query responses', () => {
  // InfluxDB 1.x HTTP API /query (docs "Query data with the InfluxDB API"); before: one JSON log record.
  const influx = {
    results: [
      {
        statement_id: 0,
        series: [
          { name: 'cpu', tags: { host: 'web01' }, columns: ['time', 'usage_user', 'usage_system', 'cpu'], values: [['2023-11-14T22:13:20Z', 12.5, 3.1, 'cpu-total'], ['2023-11-14T22:13:30Z', 13, null, 'cpu-total']] },
          { name: 'mem', columns: ['time', 'used_percent'], values: [[1700000000000, 41.5]] }, // epoch=ms
        ],
      },
      { statement_id: 1, error: 'measurement not found' },
    ],
  };

  it('InfluxQL: one point per numeric cell named <measurement>_<field>, tags and string cells as labels; errors reported', () => {
    const text = JSON.stringify(influx);
    expect(sniffed(text)).toBe('prom-api');
    const r = decodeText(promApi, text);
    // cpu: 2 + 1 numeric cells (a null skipped; the string cell `cpu` a label); mem: 1 → 4 points
    expect(points(r).map((p) => [p.name, p.labels, p.timeNs, p.value])).toEqual([
      ['cpu_usage_user', { host: 'web01', cpu: 'cpu-total' }, 1_700_000_000_000_000_000n, 12.5],
      ['cpu_usage_system', { host: 'web01', cpu: 'cpu-total' }, 1_700_000_000_000_000_000n, 3.1],
      ['cpu_usage_user', { host: 'web01', cpu: 'cpu-total' }, 1_700_000_010_000_000_000n, 13],
      ['mem_used_percent', {}, 1_700_000_000_000_000_000n, 41.5],
    ]);
    expect(r.errors.map((e) => [e.code, e.message.slice(0, 40)])).toEqual([['invalid-record', 'InfluxDB query error (statement 1): meas']]);
    expect(r.progress.rejected).toBe(0);
    for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, chunk))).toBe(fingerprint(r));
  });

  it('InfluxQL `SELECT *` (tags as string columns) and the 1.x CLI\'s `influx -format json` (no statement_id): tags are labels, not rejected values', () => {
    // As InfluxDB 1.6 answered (mtools30 probe); before: 40 points and 40 "string values" rejected, and the CLI's JSON unrecognised.
    const rows = (n: number) => Array.from({ length: n }, (_v, i) => [1795867620 + i * 10, 'web01', 'eu west', 2.5, 10 + i / 4]);
    const http = (n: number) => Array.from({ length: n }, (_v, i) => [1795867620 + i * 10, 100 + i, true, 'web01', 'ok, "fine"']);
    const cli = {
      results: [
        { series: [{ name: 'cpu', columns: ['time', 'host', 'region', 'usage_system', 'usage_user'], values: rows(3) }] },
        { series: [{ name: 'http_requests', columns: ['time', 'count', 'healthy', 'host', 'status'], values: [...http(2), [1795867640, null, null, 'web01', 'down']] }] },
      ],
    };
    for (const text of [JSON.stringify(cli), JSON.stringify(cli, null, 4)]) {
      expect(sniffed(text)).toBe('prom-api');
      const r = decodeText(promApi, text);
      for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, chunk))).toBe(fingerprint(r));
      const ps = points(r);
      // cpu: 3 rows × 2 fields; http_requests: 2 rows × (count, healthy as 1); a row of text only is reported
      expect(ps.length).toBe(6 + 4);
      expect(ps[0]).toMatchObject({ name: 'cpu_usage_system', labels: { host: 'web01', region: 'eu west' }, timeNs: 1_795_867_620_000_000_000n, value: 2.5 });
      expect(ps.filter((p) => p.name.startsWith('http_requests')).map((p) => [p.name, p.value, p.labels['status']])).toEqual([
        ['http_requests_count', 100, 'ok, "fine"'],
        ['http_requests_healthy', 1, 'ok, "fine"'],
        ['http_requests_count', 101, 'ok, "fine"'],
        ['http_requests_healthy', 1, 'ok, "fine"'],
      ]);
      expect(r.errors.map((e) => [e.code, e.message])).toEqual([['invalid-number', '1 row of InfluxDB series "http_requests" holds text only (tags or string fields, no number): no metric samples']]);
      expect(r.progress.rejected).toBe(1);
    }
  });

  it("a SHOW query's answer (no time column) holds names, not samples: unsupported, nothing rejected", () => {
    // InfluxDB 1.6's answer to SHOW MEASUREMENTS (mtools30 probe); before: its 2 names counted as 2 rejected records
    const text = '{"results":[{"statement_id":0,"series":[{"name":"measurements","columns":["name"],"values":[["load"],["ping4"]]}]}]}';
    const r = decodeText(promApi, text);
    expect([r.progress.records, r.progress.rejected, r.errors.map((e) => e.code)]).toEqual([0, 0, ['unsupported']]);
    expect(r.errors[0]!.message).toMatch(/^InfluxDB series "measurements" without a "time" column \(columns \["name"\]\): a SHOW query's answer/);
  });

  it('OpenTSDB /api/query: dps as a map of unix times (s or ms) or as [t, v] pairs; before, unrecognised', () => {
    const tsdb = [
      { metric: 'sys.cpu.user', tags: { host: 'web01' }, aggregateTags: [], dps: { '1700000000': 12.5, '1700000060': 13.1 } },
      { metric: 'sys.cpu.user', tags: { host: 'web02' }, aggregateTags: [], dps: [[1700000000000, 2.5], [1700000060000, null]] },
    ];
    const text = JSON.stringify(tsdb, null, 2);
    expect(sniffed(text)).toBe('prom-api');
    const r = decodeText(promApi, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.labels['host'], p.timeNs, p.value])).toEqual([
      ['web01', 1_700_000_000_000_000_000n, 12.5],
      ['web01', 1_700_000_060_000_000_000n, 13.1],
      ['web02', 1_700_000_000_000_000_000n, 2.5],
    ]);
    for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, text, chunk))).toBe(fingerprint(r));
  });
});
