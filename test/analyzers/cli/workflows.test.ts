// `obsready analyze --workflows FILE`: the assessments the desktop app saves are evaluated against
// the analysed data and go into the JSON, HTML and Markdown reports and the terminal summary.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO, data } from '../../helpers/paths.js';
import { serializeWorkflows, newWorkflow } from '../../../analyzers/workflows/model.js';

const OTEL_TUI = data('otlp-json/otel-tui/test_data.json');

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'analyze', ...args, '--no-progress'], { cwd: REPO, encoding: 'utf8' });
}

describe('analyze --workflows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obsready-wf-'));

  it('evaluates saved workflows against the data and puts them in every report', () => {
    // As the app saves them: one at L3 (detection, diagnosis and remediation automated, a human approves).
    const wf = newWorkflow('wf-1', 'Restart stuck frontend pods');
    wf.services = ['frontend'];
    wf.riskClass = 'high';
    Object.assign(wf.answers, { detectionAutomated: 'yes', diagnosisAutomated: 'yes', remediationAutomated: 'yes', decision: 'approval' });
    const manual = newWorkflow('wf-2', 'Rotate certificates');
    const file = join(dir, 'workflows.json');
    writeFileSync(file, serializeWorkflows([wf, manual]));
    const out = (f: string) => join(dir, f);
    const r = run([OTEL_TUI, '--workflows', file, '--json', out('r.json'), '--md', out('r.md'), '--html', out('r.html')]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(out('r.json'), 'utf8'));
    expect(report.workflows.map((w: { name: string; level: number }) => [w.name, w.level])).toEqual([
      ['Restart stuck frontend pods', 3],
      ['Rotate certificates', 0],
    ]);
    expect(report.workflows[0].services).toEqual(['frontend']);
    expect(typeof report.workflows[0].bindingConstraint === 'string' || report.workflows[0].bindingConstraint === null).toBe(true);
    expect(r.stdout).toMatch(/Restart stuck frontend pods: L3 /);
    // the data readiness is named by the verdict's label, not the JSON slug
    expect(r.stdout).toMatch(/Restart stuck frontend pods: L3 .*; data: [\d.]+\/100 \((Ready|Ready with conditions|Not ready|Inconclusive)\)\n/);
    expect(readFileSync(out('r.md'), 'utf8')).toContain('| Restart stuck frontend pods | L3 |');
    expect(readFileSync(out('r.html'), 'utf8')).toContain('Restart stuck frontend pods');
  });

  it('reports problems in the file, and refuses a file with no usable workflow (exit 2)', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ workflows: [{ name: 'Scale payment', answers: { detect: 'yes' } }, { services: ['x'] }] }));
    const ok = run([OTEL_TUI, '--workflows', file]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('workflow "Scale payment": unknown answer "detect"');
    expect(ok.stderr).toContain('workflow 2: missing name');
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '{"workflows": []}');
    const bad = run([OTEL_TUI, '--workflows', empty]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no usable workflow');
    const missing = run([OTEL_TUI, '--workflows', join(dir, 'nope.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read --workflows');
  });
});
