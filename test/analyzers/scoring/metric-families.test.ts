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
