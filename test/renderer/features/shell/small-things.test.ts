import { describe, expect, it } from 'vitest';
import { formatBytes, formatLocalTime, plural } from '../../../../renderer/features/shell/format.js';
import { runTitle } from '../../../../renderer/state/transitions.js';
import { nodeLabelLines } from '../../../../renderer/features/graph/node-label.js';
import { EXAMPLES } from '../../../../renderer/features/workflows/WorkflowEditor.js';
import { newWorkflow } from '../../../../analyzers/workflows/model.js';

describe('small display things', () => {
  it('counts in the singular for one', () => {
    expect(plural(1, 'record')).toBe('1 record');
    expect(plural(2000, 'record')).toBe('2,000 records');
  });

  it('writes sizes in KiB/MiB as the reports do', () => {
    expect(formatBytes(287_744)).toBe('281.0 KiB');
    expect(formatBytes(3_250_000)).toBe('3.1 MiB');
    expect(formatBytes(512)).toBe('512 B');
  });

  it('labels a recent analysis time with its time zone', () => {
    const t = formatLocalTime('2026-11-27T10:15:00.000Z');
    expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+/);
    expect(t.split(' ').length).toBeGreaterThanOrEqual(3);
  });

  it('titles a run by its folder or first file, not "16 inputs"', () => {
    expect(runTitle(['mix/a.log', 'mix/b.log'])).toBe('mix/ (2 files)');
    expect(runTitle(['a.log', 'b.log', 'c.log'])).toBe('a.log and 2 more files');
    expect(runTitle(['only.log'])).toBe('only.log');
  });

  it('puts long service names on two lines instead of cutting them at 21 characters', () => {
    expect(nodeLabelLines('frontend')).toEqual(['frontend']);
    const lines = nodeLabelLines('ts-admin-basic-info-service-production');
    expect(lines).toEqual(['ts-admin-basic-info-', 'service-production']);
  });

  it('starts the Database failover example at the risk the dropdown gives it', () => {
    const ex = EXAMPLES.find((e) => e.name === 'Database failover')!;
    expect(newWorkflow('w', ex.name, ex.risk).riskClass).toBe('critical');
    expect(newWorkflow('w').riskClass).toBe('medium');
  });
});
