import { describe, expect, it } from 'vitest';
import { filterFindings, findingKey } from '../../../../renderer/features/findings/filter-findings.js';
import { DEFAULT_FILTER } from '../../../../renderer/state/transitions.js';
import { makeUiReport } from '../../fixtures/ui-report.js';

const findings = makeUiReport().findings!;
const keys = (f = {}) => filterFindings(findings, { ...DEFAULT_FILTER, ...f }).map(findingKey);

describe('filterFindings', () => {
  it('shows failing findings by default and filters by every facet', () => {
    expect(keys()).toEqual(['S-SERVICE-IDENTITY@checkout', 'S-LOG-STRUCTURED@checkout', 'C-LOG-TRACE-CONTEXT@*']);
    expect(keys({ status: 'passed' })).toEqual(['N-DEBUG-SHARE@checkout', 'S-SPAN-KIND@payment']);
    expect(keys({ status: 'all', dimension: 'structure' })).toEqual(['S-SERVICE-IDENTITY@checkout', 'S-LOG-STRUCTURED@checkout', 'S-SPAN-KIND@payment']);
    expect(keys({ impact: 'critical' })).toEqual(['S-SERVICE-IDENTITY@checkout']);
    expect(keys({ status: 'all', service: 'payment' })).toEqual(['S-SPAN-KIND@payment']);
    expect(keys({ signal: 'cross' })).toEqual(['S-SERVICE-IDENTITY@checkout', 'C-LOG-TRACE-CONTEXT@*']);
    expect(keys({ text: 'trace-context' })).toEqual(['C-LOG-TRACE-CONTEXT@*']);
    expect(keys({ text: 'nothing like this' })).toEqual([]);
  });
});
