// COR-001's examples are the first record of each service name by file and line, so the order in
// which files arrive (the command line's, a folder pick's) does not change the report.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const logs = (svc: string, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ time: `2024-01-01T10:00:0${i}Z`, level: 'info', msg: `step ${i}`, 'service.name': svc })).join('\n') + '\n';
const prom = '# TYPE up gauge\nup{job="check-out"} 1 1704103200000\nup{job="check-out"} 1 1704103205000\n';

describe('COR-001 examples do not depend on file order', () => {
  it('the same examples whichever file comes first', () => {
    // both spellings, `checkout` and `check-out`, are in two files each
    const files: [string, string][] = [['a.jsonl', logs('checkout', 3)], ['b.jsonl', logs('checkout', 3)], ['m1.prom', prom], ['m2.prom', prom]];
    const pick = (r: unknown) => (r as { findings: { ruleId: string; evidence: unknown }[] }).findings.find((f) => f.ruleId === 'COR-001')?.evidence;
    const forward = pick(analyseInputs(files));
    expect((forward as { examples: { file: string; line: number }[] }).examples.map((e) => [e.file, e.line])).toEqual([['m1.prom', 2]]);
    expect(pick(analyseInputs([...files].reverse()))).toEqual(forward);
  });
});
