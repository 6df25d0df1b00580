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
  it('are counted as series but not as metric names; the name rules cannot tell them (was: no finding at all, a free pass)', async () => {
    const { analyseInputs } = await import('../../helpers/analyse.js');
    // `sum by (job) (rate(…))` through /api/v1/query_range: the result has no __name__.
    const api = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'node' }, values: [[1700000000, '0.5'], [1700000015, '0.6']] }, { metric: { job: 'api' }, values: [[1700000000, '0.1']] }] } });
    const named = '# TYPE http_requests_total counter\nhttp_requests_total{job="x"} 1 1700000000000\n';
    const r = analyseInputs([['rate.json', api]]);
    expect([r.signals.metrics.points, r.signals.metrics.series, r.signals.metrics.metricNames]).toEqual([3, 2, 0]);
    const judged = (rep: typeof r) => (rep.findings ?? []).filter((f) => ['S-MET-NAMING', 'S-MET-TYPE', 'S-MET-UNIT'].includes(f.ruleId)).map((f) => [f.ruleId, f.service, f.evidence.examined, f.inconclusive ?? false]).sort((a, b) => String(a).localeCompare(String(b)));
    // each service's nameless series: one name that cannot be told, for each rule
    const cannotTell = (svc: string) => ['S-MET-NAMING', 'S-MET-TYPE', 'S-MET-UNIT'].map((id) => [id, svc, 1, true]);
    expect(judged(r)).toEqual([...cannotTell('api'), ...cannotTell('node')].sort((a, b) => String(a).localeCompare(String(b))));
    // a named metric beside them (service x) is judged as usual, on its own name
    const both = judged(analyseInputs([['rate.json', api], ['named.prom', named]]));
    expect(both.filter(([, svc]) => svc === 'x').map(([id, , examined, inc]) => [id, examined, inc])).toEqual([['S-MET-NAMING', 1, false], ['S-MET-TYPE', 1, false], ['S-MET-UNIT', 1, false]]);
  });
});

describe('records that could not be read', () => {
  const pass = (ruleId: string) => ({ ruleId, dimension: 'structure' as const, impact: 'important' as const, service: 'api', passed: true });
  const all = [pass('S-A'), { ...pass('N-A'), dimension: 'noise' as const }];

  it('more than 1 % unreadable caps a ready verdict at conditional and says how many', async () => {
    const { computeVerdict } = await import('../../../analyzers/scoring/verdict.js');
    // 1,240 read + 80 rejected = 1,320; 80 / 1,320 = 6.1 %
    const v = computeVerdict(all, { records: 1240, rangeMs: 600_000, rejected: 80 });
    expect(v.verdict).toBe('conditional');
    expect(v.reason).toBe('Ready with conditions: 80 of 1320 records (6.1 %) could not be read (see the inputs\' errors) and are not judged; the scores (overall 100.0) judge only the records read. Fix the export and analyse it again to be ready.');
    // 1 % exactly (10 of 1,000) is still ready
    expect(computeVerdict(all, { records: 990, rangeMs: 600_000, rejected: 10 }).verdict).toBe('ready');
  });

  it('end to end: the overall verdict is capped, a service verdict is not (an unread record names no service)', async () => {
    const { analyseInputs } = await import('../../helpers/analyse.js');
    // 200 good JSON lines over 10 min, then 20 broken ones: 20 of 220 (9.1 %) unreadable
    const good = Array.from({ length: 200 }, (_, i) => JSON.stringify({ time: new Date(Date.UTC(2024, 0, 1, 10, 0, i * 3)).toISOString(), level: i % 50 === 0 ? 'warn' : 'info', msg: `order ${i % 7} placed`, 'service.name': 'shop', trace_id: (i + 1).toString(16).padStart(32, '0') }));
    const broken = Array.from({ length: 20 }, () => '{"time": "2024-01-01T10:00:00Z", "msg": "cut');
    const r = analyseInputs([['app.jsonl', [...good, ...broken].join('\n') + '\n']]);
    expect(r.inputs[0]!.rejected).toBe(20);
    // the scores pass every ready threshold: only the unreadable lines hold the overall verdict back
    expect([r.verdict, r.verdictReason]).toEqual(['conditional', `Ready with conditions: 20 of 220 records (9.1 %) could not be read (see the inputs' errors) and are not judged; the scores (overall ${r.score!.toFixed(1)}) judge only the records read. Fix the export and analyse it again to be ready.`]);
    expect(r.services!.map((s) => [s.name, s.verdict])).toEqual([['shop', 'ready']]);
  });
});
