// The data-sufficiency reason of the verdict: the range it states must agree with the threshold.
import { describe, expect, it } from 'vitest';
import { MIN_RANGE_MS, formatRange, insufficiency } from '../../../analyzers/scoring/verdict.js';

describe('insufficiency', () => {
  it('never states a range that reads as the threshold it failed', () => {
    // 300 records over 4 min 59 s (a log per second) said "covers 5.0 min (at least 5 min …)".
    expect(insufficiency({ records: 300, rangeMs: MIN_RANGE_MS - 1000 })).toBe('the data covers 4.9 min (at least 5 min are needed to judge noise and behaviour over time)');
    expect(insufficiency({ records: 300, rangeMs: MIN_RANGE_MS - 1 })).toMatch(/covers 4\.9 min/);
    expect(insufficiency({ records: 300, rangeMs: MIN_RANGE_MS })).toBeUndefined();
  });

  it('formats ranges rounded down', () => {
    expect(formatRange(999.9)).toBe('999 ms');
    expect(formatRange(1999)).toBe('1.9 s');
    expect(formatRange(119_999)).toBe('119.9 s');
    expect(formatRange(120_000)).toBe('2.0 min');
  });
});

describe('series of a computed query (no metric name)', () => {
  it('are counted as series but have no name to judge: no naming, type or unit finding, 0 metric names', async () => {
    const { analyseInputs } = await import('../../helpers/analyse.js');
    // `sum by (job) (rate(…))` through /api/v1/query_range: the result has no __name__.
    const api = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'node' }, values: [[1700000000, '0.5'], [1700000015, '0.6']] }, { metric: { job: 'api' }, values: [[1700000000, '0.1']] }] } });
    const named = '# TYPE http_requests_total counter\nhttp_requests_total{job="x"} 1 1700000000000\n';
    const r = analyseInputs([['rate.json', api]]);
    expect([r.signals.metrics.points, r.signals.metrics.series, r.signals.metrics.metricNames]).toEqual([3, 2, 0]);
    const judged = (rep: typeof r) => (rep.findings ?? []).filter((f) => ['S-MET-NAMING', 'S-MET-TYPE', 'S-MET-UNIT'].includes(f.ruleId)).map((f) => [f.ruleId, f.evidence.examined]);
    expect(judged(r)).toEqual([]);
    // with a named metric beside them, only that name is examined
    const both = judged(analyseInputs([['rate.json', api], ['named.prom', named]]));
    expect(both.length).toBeGreaterThan(0);
    expect(both.every(([, examined]) => examined === 1)).toBe(true);
  });
});
