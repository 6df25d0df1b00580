import { describe, expect, it } from 'vitest';
import { LogTemplateProfiler, stableTemplateId, summariseState } from '../../../analyzers/profile/log-template-profile.js';

const S = 1_000_000_000n; // 1 s in ns

function feed(p: LogTemplateProfiler, service: string, file: string, msgs: [string, bigint?][]): void {
  msgs.forEach(([m, t], i) => p.observe(m, service, file, i + 1, t));
}

// 6 lines of svc-a: template A "Connection closed by <*>" ×4 (first at t=0), B "Disk full" ×1 (t=9),
// C "Retry <*> of <*>" ×1 (t=10). Span 0..10 s; late = first seen ≥ 9 s → B and C → churn 2/3.
const A = (ip: string, t: bigint): [string, bigint] => [`Connection closed by ${ip}`, t];
const svcA: [string, bigint?][] = [A('10.0.0.1', 0n), A('10.0.0.2', 1n * S), A('10.0.0.3', 2n * S), A('10.0.0.4', 3n * S), ['Disk full', 9n * S], ['Retry 1 of 3', 10n * S]];

describe('LogTemplateProfiler', () => {
  it('computes counts, top-10 share, entropy, variables and churn (values worked out by hand)', () => {
    const p = new LogTemplateProfiler({ header: 'none' });
    feed(p, 'svc-a', 'a.log', svcA);
    const r = p.report().byService['svc-a']!;
    expect(r.lines).toBe(6);
    expect(r.templates).toBe(3);
    expect(r.top10Share).toBe(1);
    // H = −(4/6·log2(4/6) + 2·(1/6)·log2(1/6)) = 1.2516291673878228
    expect(r.entropyBits).toBeCloseTo(1.2516291673878228, 12);
    // variables: A 1, B 0, C 2 → mean 1
    expect(r.meanVariables).toBe(1);
    expect(r.churn).toBeCloseTo(2 / 3, 12);
    expect(r.topTemplates[0]).toEqual({
      templateId: stableTemplateId('Connection closed by <*>'),
      template: 'Connection closed by <*>',
      count: 4,
      share: 4 / 6,
      variables: 1,
      example: 'Connection closed by 10.0.0.1',
      file: 'a.log',
      line: 1,
    });
  });

  it('has no churn without timestamps', () => {
    const p = new LogTemplateProfiler({ header: 'none' });
    feed(p, 's', 'f', [['x 1'], ['y 2']]);
    expect(p.report().overall.churn).toBeUndefined();
  });

  it('merges like one profile of all the lines, and its state is plain JSON that round-trips', () => {
    const whole = new LogTemplateProfiler({ header: 'none' });
    feed(whole, 'svc-a', 'a.log', svcA);
    const part1 = new LogTemplateProfiler({ header: 'none' });
    const part2 = new LogTemplateProfiler({ header: 'none' });
    feed(part1, 'svc-a', 'a.log', svcA.slice(0, 3));
    svcA.slice(3).forEach(([m, t], i) => part2.observe(m, 'svc-a', 'a.log', i + 4, t));
    const merged = LogTemplateProfiler.fromState(JSON.parse(JSON.stringify(part1.toState())));
    merged.merge(part2);
    expect(merged.report()).toEqual(whole.report());
  });

  it('reports per service and per source', () => {
    const p = new LogTemplateProfiler({ header: 'none' });
    feed(p, 'api', 'x.log', [['GET /a/1 200'], ['GET /a/2 200']]);
    feed(p, 'db', 'x.log', [['checkpoint done']]);
    const st = summariseState(p.toState());
    expect(Object.keys(st.byService)).toEqual(['api', 'db']);
    expect(st.bySource['x.log']!.lines).toBe(3);
    expect(st.bySource['x.log']!.templates).toBe(2);
    expect(st.overall.lines).toBe(3);
  });
});
