// Datadog's metrics query API response (/api/v1/query: what Datadog exports and scripts save),
// `{"status":"ok","res_type":"time_series","series":[{metric, tag_set, pointlist}]}`. It was read
// as one JSON log record (0 points). Now: one point per [ms, value] pair with a value; null is
// Datadog's "no data in this interval"; tags `key:value` become labels.
import { describe, expect, it } from 'vitest';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

const response = {
  status: 'ok',
  res_type: 'time_series',
  resp_version: 1,
  query: 'avg:system.cpu.user{*} by {host}',
  message: '',
  from_date: 1700000000000,
  to_date: 1700000060000,
  group_by: ['host'],
  series: [
    {
      unit: [{ family: 'percentage', scale_factor: 1, name: 'percent', short_name: '%' }, null],
      metric: 'system.cpu.user',
      display_name: 'system.cpu.user',
      aggr: 'avg',
      scope: 'host:a,env:prod',
      tag_set: ['host:a', 'env:prod', 'image:repo:1.2'],
      expression: 'avg:system.cpu.user{host:a,env:prod}',
      pointlist: [
        [1700000000000.0, 1.5],
        [1700000020000.0, null],
        [1700000040000.0, 2.5],
      ],
      length: 3,
      interval: 20,
    },
    { metric: 'system.cpu.user', tag_set: ['host:b'], pointlist: [[1700000000000.0, 3.5]], length: 1 },
  ],
};

describe('prom-api: Datadog metrics query responses', () => {
  // 2 series: 3 pairs of which 1 null, and 1 pair → 3 points, 1 metric name, 2 label sets.
  const text = JSON.stringify(response);

  it('is sniffed as prom-api (not as a JSON log record), 3 points, labels from tag_set', () => {
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('prom-api');
    const r = decodeText(promApi, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.labels, p.timeNs, p.value])).toEqual([
      ['system.cpu.user', { host: 'a', env: 'prod', image: 'repo:1.2' }, 1700000000000000000n, 1.5],
      ['system.cpu.user', { host: 'a', env: 'prod', image: 'repo:1.2' }, 1700000040000000000n, 2.5],
      ['system.cpu.user', { host: 'b' }, 1700000000000000000n, 3.5],
    ]);
  });

  it('reads the same pretty-printed and in 1/7/4096-byte chunks', () => {
    for (const t of [text, JSON.stringify(response, null, 2)]) {
      const whole = decodeText(promApi, t);
      expect(whole.records).toHaveLength(3);
      for (const chunk of CHUNK_SIZES) expect(fingerprint(decodeText(promApi, t, chunk))).toBe(fingerprint(whole));
    }
  });

  it('an error response and a broken pair are coded errors', () => {
    const r = decodeText(promApi, JSON.stringify({ status: 'error', error: 'Rate limit exceeded', series: [] }));
    expect(r.errors).toMatchObject([{ code: 'invalid-record', message: 'Datadog query response status "error": Rate limit exceeded' }]);
    const b = decodeText(promApi, JSON.stringify({ status: 'ok', res_type: 'time_series', series: [{ metric: 'm', pointlist: [[1700000000000, 'x'], [1], [1700000000000, 2]] }, { metric: 'n' }] }));
    expect(points(b).map((p) => p.value)).toEqual([2]);
    expect(b.errors.map((e) => e.code)).toEqual(['invalid-number', 'wrong-type', 'missing-field']);
    expect(b.progress.rejected).toBe(3);
  });
});
