import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Finding } from '../../../../analyzers/report/model.js';
import { evidenceLine, findingStatus, measuredText, singularUnit, thresholdText } from '../../../../renderer/features/findings/finding-text.js';
import { FindingDetail } from '../../../../renderer/features/findings/FindingsBrowser.js';
import { filterFindings, findingKey } from '../../../../renderer/features/findings/filter-findings.js';
import { DEFAULT_FILTER } from '../../../../renderer/state/transitions.js';
import { makeUiReport } from '../../fixtures/ui-report.js';

const base = makeUiReport().findings![1]!;
const flapping: Finding = {
  ...base,
  ruleId: 'N-MET-FLAPPING',
  dimension: 'noise',
  signal: 'metrics',
  passed: false,
  inconclusive: true,
  value: null,
  threshold: 0.05,
  message: 'Cannot tell: 3911 points fall into 3040 series, so no series is long enough to judge.',
  evidence: { examined: 3911, failing: 3911, examples: [], confidence: 'low', unit: 'metric points' },
};

describe('finding status and evidence', () => {
  it('tells an inconclusive finding from a failing one and never says it fails', () => {
    expect(findingStatus(flapping)).toBe('inconclusive');
    expect(findingStatus(base)).toBe('fails');
    expect(evidenceLine(flapping)).toBe('3,911 metric points examined: the data cannot tell · confidence low');
    expect(evidenceLine(flapping)).not.toMatch(/fail/);
    expect(measuredText(flapping)).toMatch(/cannot tell/);
  });

  it('counts in the evidence unit (records when absent), singular for one', () => {
    expect(evidenceLine({ ...base, evidence: { ...base.evidence, examined: 10, failing: 7, unit: 'services' } })).toBe('7 of 10 services fail · confidence high');
    expect(evidenceLine({ ...base, evidence: { ...base.evidence, examined: 1, failing: 1, unit: 'traces' } })).toBe('1 of 1 trace fails · confidence high');
    expect(evidenceLine(base)).toBe('696 of 1,200 records fail · confidence high');
    // counts of a sample say which, as the reports do
    expect(evidenceLine({ ...base, evidence: { ...base.evidence, sample: { unit: 'traces', size: 25_065, total: 50_000, share: 0.5 } } })).toBe('696 of 1,200 records fail (in a sample of 25,065 of 50,000 traces, 1 in 2) · confidence high');
    expect(singularUnit('series')).toBe('series');
    expect(singularUnit('metric points')).toBe('metric point');
    expect(singularUnit('entries')).toBe('entry');
  });

  it('shows shares as percentages and the threshold with its catalogue meaning', () => {
    const f = { ...base, value: 0.085, threshold: 0.8 };
    expect(measuredText(f)).toBe('8.5 %');
    expect(thresholdText(f, { threshold: '≥ 80 % of lines in recurring templates' })).toBe('80 % (passes at ≥ 80 % of lines in recurring templates)');
    // Counts stay counts.
    expect(measuredText({ ...base, value: 6035, threshold: 0 })).toBe('6,035');
    expect(thresholdText({ ...base, value: 6035, threshold: 0 }, { threshold: '0 missing' })).toBe('0 (passes at 0 missing)');
  });

  it('renders the inconclusive status and unit in the finding detail, remediation code without backticks', () => {
    const report = makeUiReport();
    const html = renderToStaticMarkup(createElement(FindingDetail, { f: { ...flapping, remediation: 'Smooth with a longer `rate()` window.' }, report }));
    expect(html).toContain('pill inconclusive');
    expect(html).toContain('cannot tell');
    expect(html).not.toContain('records fail');
    expect(html).toContain('3,911 metric points examined');
    expect(html).toContain('<code>rate()</code>');
    expect(html).not.toContain('`rate()`');
  });

  it('filters inconclusive findings apart and keeps them with the failing ones by default', () => {
    const findings = [...makeUiReport().findings!, flapping];
    const keys = (status: typeof DEFAULT_FILTER.status) => filterFindings(findings, { ...DEFAULT_FILTER, status }).map(findingKey);
    expect(keys('inconclusive')).toEqual(['N-MET-FLAPPING@checkout']);
    expect(keys('failed')).not.toContain('N-MET-FLAPPING@checkout');
    expect(filterFindings(findings, DEFAULT_FILTER).map(findingKey)).toContain('N-MET-FLAPPING@checkout');
  });
});
