// Prometheus HTTP API answers without a query result are refused as `unsupported` (0 records),
// named by what they hold, read off the start of their `data` (shapes of Prometheus 2.42's
// /api/v1/alerts, /rules, /targets, /status/buildinfo, /status/tsdb, /series, /labels, /metadata,
// S27a probe): every one said "without data points (series, labels, label values or metadata)",
// and claimed the `metrics` signal, as exemplars and a string result did, with nothing read.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../helpers/analyse.js';

const answer = (data: unknown): string => JSON.stringify({ status: 'success', data });
/** The same answer with sorted keys (`jq -S`). */
const sorted = (data: unknown): string => JSON.stringify(JSON.parse(JSON.stringify({ data, status: 'success' }), (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v)));

const CASES: [name: string, data: unknown, kind: RegExp][] = [
  ['alerts', { alerts: [{ labels: { alertname: 'TargetDown' }, annotations: {}, state: 'firing', activeAt: '2024-03-05T09:40:00Z', value: '0e+00' }] }, /^a Prometheus API answer of the alerts of its rules \(\/api\/v1\/alerts: alert states\), without data points/],
  ['rules', { groups: [{ name: 'g', file: 'r.yml', rules: [{ name: 'job:up:sum', query: 'sum by (job) (up)', health: 'ok', type: 'recording' }], interval: 15 }] }, /^a Prometheus API answer of its rule groups \(\/api\/v1\/rules/],
  ['targets', { activeTargets: [{ discoveredLabels: { __address__: 'a:9100' }, labels: { job: 'node' }, scrapePool: 'node', health: 'up' }], droppedTargets: [] }, /^a Prometheus API answer of its scrape targets \(\/api\/v1\/targets\)/],
  ['buildinfo', { version: '2.42.0', revision: 'abc', branch: 'HEAD', buildUser: 'u', buildDate: '20230201', goVersion: 'go1.19.8' }, /^a Prometheus API answer of its build information \(\/api\/v1\/status\/buildinfo\)/],
  ['tsdb status', { headStats: { numSeries: 41, numLabelPairs: 12, chunkCount: 69, minTime: 1, maxTime: 2 }, seriesCountByMetricName: [{ name: 'up', value: 3 }] }, /^a Prometheus API answer of its TSDB statistics \(\/api\/v1\/status\/tsdb/],
  ['series', [{ __name__: 'up', job: 'node' }], /^a Prometheus API answer of a listing of series \(\/api\/v1\/series: label sets\)/],
  ['labels', ['__name__', 'instance', 'job'], /^a Prometheus API answer of a list of names \(\/api\/v1\/labels/],
  ['metadata', { up: [{ type: 'gauge', help: 'h', unit: '' }] }, /^a Prometheus API answer of metric metadata \(\/api\/v1\/metadata/],
  ['targets metadata', [{ target: { instance: 'a:9100', job: 'node' }, metric: 'up', type: 'gauge', help: 'h', unit: '' }], /^a Prometheus API answer of the metadata of its targets' metrics \(\/api\/v1\/targets\/metadata/],
  ['another answer', { somethingElse: 1 }, /^a Prometheus API answer without a query result \(no `result`\), without data points/],
];

describe('Prometheus API answers without a query result', () => {
  it.each(CASES)('%s: named by what it holds, no signal claimed', (_name, data, kind) => {
    for (const text of [answer(data), sorted(data)]) {
      for (const chunk of [undefined, 7]) {
        const got = analyseText(text, chunk, 'a.json');
        expect([got.format, got.signal, got.records, got.rejected, got.errors.map((e) => e.code)]).toEqual(['prom-api', 'none', 0, 0, ['unsupported']]);
        expect(got.errors[0]!.message).toMatch(kind);
        expect(got.errors[0]!.message).not.toMatch(/series, labels, label values or metadata/);
      }
    }
  });

  it('exemplars and a string result claim no signal either; a query answer with every point rejected keeps its signal', () => {
    const exemplars = answer([{ seriesLabels: { __name__: 'x' }, exemplars: [{ labels: { trace_id: 'abc' }, value: '1', timestamp: 1700000000 }] }]);
    const str = answer({ resultType: 'string', result: [1700000000, 'hi'] });
    for (const text of [exemplars, str]) expect(analyseText(text, undefined, 'a.json').signal).toBe('none');
    const rejected = analyseText(answer({ resultType: 'vector', result: [{ metric: { __name__: 'up' }, value: [-1e306, '1'] }] }), undefined, 'a.json');
    expect([rejected.signal, rejected.records, rejected.rejected]).toEqual(['metrics', 0, 1]);
  });

  it('a malformed exposition that yields no sample is still a metrics input; an empty one claims no signal', () => {
    // an OpenMetrics exposition whose one HELP line is malformed: its line is reported, nothing read
    const bad = analyseText('# TYPE a counter\n# HELP a help\n# HELP a again\n# EOF\n', undefined, 'metrics');
    expect([bad.format, bad.signal, bad.records, bad.errors.length > 0]).toEqual(['openmetrics', 'metrics', 0, true]);
    const empty = analyseText('', undefined, 'metrics.prom');
    expect([empty.signal, empty.records, empty.errors.map((e) => e.code)]).toEqual(['none', 0, ['empty-input']]);
  });
});
