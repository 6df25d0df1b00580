// `obsready diff` exit codes and output, on the fixture report and edited copies.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../../analyzers/cli/diff.js';
import { serializeReport } from '../../../analyzers/report/json.js';
import type { Finding, Report } from '../../../analyzers/report/model.js';
import { loadFullReport } from '../report/helpers.js';

let dir: string;
let oldPath: string;
let betterPath: string;
let worsePath: string;

function capture(): { io: { stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean } }; out: () => string; err: () => string } {
  let o = '';
  let e = '';
  return {
    io: { stdout: { write: (s: string) => ((o += s), true) }, stderr: { write: (s: string) => ((e += s), true) } },
    out: () => o,
    err: () => e,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-diff-'));
  oldPath = join(dir, 'old.json');
  writeFileSync(oldPath, serializeReport(loadFullReport()));
  const better = loadFullReport();
  better.score = 90;
  better.findings = better.findings!.map((f) => ({ ...f, passed: true }));
  betterPath = join(dir, 'better.json');
  writeFileSync(betterPath, serializeReport(better));
  const worse = loadFullReport();
  worse.score = 60.4;
  worse.findings = worse.findings!.map((f) => (f.ruleId === 'COR-005' ? { ...f, passed: false } : f));
  worsePath = join(dir, 'worse.json');
  writeFileSync(worsePath, serializeReport(worse));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('obsready diff', () => {
  it('prints improvements and exits 0 even with --fail-on-regression', async () => {
    const c = capture();
    expect(await runDiff([oldPath, betterPath, '--fail-on-regression'], c.io)).toBe(0);
    expect(c.out()).toContain('Score:    72.8 → 90.0 (+17.2)  improved');
    // 30 failing findings in the fixture now pass
    expect(c.out()).toContain('Improved (31)'); // 30 rules + the score
    expect(c.out()).toContain('Regressed (0)');
  });

  it('exits 1 on a regression only when asked, and writes the JSON comparison', async () => {
    const c = capture();
    const out = join(dir, 'diff.json');
    expect(await runDiff([oldPath, worsePath, '--json', out], c.io)).toBe(0);
    const d = JSON.parse(readFileSync(out, 'utf8'));
    // COR-005 is evaluated on 5 services and already failed on cart and checkout → 3 newly failing
    expect(d.rules.newlyFailing.map((r: { service: string }) => r.service)).toEqual(['frontend', 'payment', 'shipping']);
    expect(d.score).toEqual({ delta: -12.4, direction: 'regressed', new: 60.4, old: 72.8 });
    const c2 = capture();
    expect(await runDiff([oldPath, worsePath, '--fail-on-regression'], c2.io)).toBe(1);
    expect(c2.err()).toContain('obsready diff: 4 regressions');
  });

  it("--json - writes the comparison to stdout and the text to stderr", async () => {
    const c = capture();
    expect(await runDiff([oldPath, betterPath, '--json', '-'], c.io)).toBe(0);
    expect(JSON.parse(c.out()).score.new).toBe(90);
    expect(c.err()).toContain('Comparing ');
  });

  it('a score or verdict that is gone in the new report is a regression: the gate does not pass on lost scores', async () => {
    const lost = loadFullReport();
    lost.score = null as never;
    delete (lost as Partial<Report>).verdict;
    const p = join(dir, 'lost.json');
    writeFileSync(p, serializeReport(lost));
    const c = capture();
    expect(await runDiff([oldPath, p, '--fail-on-regression'], c.io)).toBe(1);
    expect(c.out()).toMatch(/Score: +[\d.]+ → n\/a +regressed/);
  });

  it('exits 2 on unreadable input with a message naming the file', async () => {
    let n = 0;
    const edited = (edit: (r: Report) => void): string => {
      const r = loadFullReport();
      edit(r);
      const p = join(dir, `edited-${++n}.json`);
      writeFileSync(p, JSON.stringify(r));
      return p;
    };
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{"schemaVersion": ');
    const notReport = join(dir, 'array.json');
    writeFileSync(notReport, '[1,2]');
    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...loadFullReport(), schemaVersion: '2.0' }));
    for (const [args, msg] of [
      [[oldPath, join(dir, 'missing.json')], 'missing.json: cannot read (ENOENT)'],
      [[notJson, oldPath], 'bad.json: not JSON'],
      [[oldPath, notReport], 'array.json: not an ObsReady report'],
      [[oldPath, future], 'report schema 2.0 is not supported'],
      [[oldPath], 'give exactly two reports'],
      [[oldPath, oldPath, '--bogus'], "Unknown option '--bogus'"],
      [[oldPath, betterPath, '--json', betterPath], `--json ${betterPath} is also an input; inputs are never overwritten`],
      [[oldPath, betterPath, '--json', join(oldPath, 'x.json')], `${oldPath} is a file, not a folder`],
      [[oldPath, betterPath, '--json', dir], `${dir} is a folder`],
      [[oldPath, betterPath, '--json='], '--json needs a file path'],
      [[oldPath, betterPath, '--json', join(dir, 'a.json'), '--json', join(dir, 'b.json')], '--json is given more than once'],
      [[oldPath, edited((r) => (r.services![1] = { ...r.services![1]!, name: null as never }))], 'services[1] has no name'],
      [[edited((r) => delete (r.findings![2] as Partial<Finding>).ruleId), oldPath], 'findings[2] lacks ruleId, service or passed'],
      [[oldPath, edited((r) => (r.score = '80' as never))], 'score is not a number'],
      [[oldPath, edited((r) => (r.verdict = { a: 1 } as never))], 'verdict {"a":1} is not one of ready, conditional, not-ready, inconclusive'],
      [[oldPath, edited((r) => (r.services![0] = { ...r.services![0]!, verdict: 'great' as never }))], 'services[0] has a verdict or score that is not one'],
      [[oldPath, edited((r) => (r.dimensions = { structure: { score: 'x' } } as never))], 'dimensions.structure has a score that is not a number'],
      [[oldPath, edited((r) => (r.schemaVersion = 999 as never))], 'schemaVersion 999 is not a version string'],
    ] as const) {
      const c = capture();
      expect(await runDiff([...args], c.io)).toBe(2);
      expect(c.err()).toContain(msg);
    }
    // the report named by --json is still the report
    expect(readFileSync(betterPath, 'utf8')).toContain('"schemaVersion"');
    expect(JSON.parse(readFileSync(betterPath, 'utf8')).score).toBe(90);
  });
});
