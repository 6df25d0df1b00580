// writeOutputs / gateExitCode as `obsready analyze` calls them, on the fixture report
// (score 72.8, 4 critical + 12 important failing findings) written to a temp folder.
import { closeSync, existsSync, linkSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OUTPUT_HELP, OUTPUT_OPTIONS, OutputUsageError, checkOutputPaths, gateExitCode, isSpecialTarget, removeTempsOnSignal, trackTemp, validateOutputValues, writeFileAtomic, writeOutputs } from '../../../analyzers/cli/outputs.js';
import { serializeJson, serializeReport } from '../../../analyzers/report/json.js';
import { renderReportSarif } from '../../../analyzers/report/sarif.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { loadFullReport, partialReport } from '../report/helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-outputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeOutputs', () => {
  it('writes JSON, HTML, Markdown, SARIF and JUnit, creating folders', async () => {
    const p = (f: string): string => join(dir, 'nested', 'deeper', f);
    const msgs = await writeOutputs(loadFullReport(), { json: p('r.json'), html: p('r.html'), md: p('r.md'), sarif: p('r.sarif'), junit: p('r.xml') });
    expect(msgs).toEqual([`JSON report: ${p('r.json')}`, `HTML report: ${p('r.html')}`, `Markdown report: ${p('r.md')}`, `SARIF: ${p('r.sarif')}`, `JUnit XML: ${p('r.xml')}`]);
    expect(readFileSync(p('r.json'), 'utf8')).toBe(serializeReport(loadFullReport()));
    expect(readFileSync(p('r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(JSON.parse(readFileSync(p('r.sarif'), 'utf8')).runs[0].results).toHaveLength(30);
    expect(readFileSync(p('r.xml'), 'utf8')).toContain('<testsuites name="obsready" tests="103" failures="30"');
    expect(readFileSync(p('r.md'), 'utf8')).toContain('**Verdict: Not ready**');
  });

  it('writes the same HTML and Markdown bytes twice', async () => {
    await writeOutputs(loadFullReport(), { html: join(dir, 'a.html'), md: join(dir, 'a.md') });
    await writeOutputs(loadFullReport(), { html: join(dir, 'b.html'), md: join(dir, 'b.md') });
    expect(readFileSync(join(dir, 'a.html'))).toEqual(readFileSync(join(dir, 'b.html')));
    expect(readFileSync(join(dir, 'a.md'))).toEqual(readFileSync(join(dir, 'b.md')));
  });

  it('rejects bad option values before writing anything', async () => {
    await expect(writeOutputs(loadFullReport(), { json: join(dir, 'x.json'), paper: 'a3' })).rejects.toThrow(OutputUsageError);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
    expect(() => validateOutputValues({ 'fail-under': 'abc' })).toThrow('--fail-under must be a number from 0 to 100, not "abc"');
    expect(() => validateOutputValues({ 'fail-under': '101' })).toThrow(OutputUsageError);
    expect(() => validateOutputValues({ 'fail-under': '' })).toThrow(OutputUsageError);
    for (const odd of ['0x10', '1e1', '0b1', '-0', '5%', 'Infinity']) expect(() => validateOutputValues({ 'fail-under': odd }), odd).toThrow(OutputUsageError);
    for (const [ok, n] of [['75', 75], [' 72.5 ', 72.5], ['0', 0], ['100', 100], ['.5', 0.5], ['+80', 80]] as const) expect(validateOutputValues({ 'fail-under': ok }).gates.failUnder, ok).toBe(n);
    expect(() => validateOutputValues({ 'fail-on': 'normal' })).toThrow('--fail-on must be critical or important, not "normal"');
    expect(validateOutputValues({ paper: 'LETTER', 'fail-on': 'Important', 'fail-under': '70' })).toEqual({ paper: 'letter', gates: { failOn: 'important', failUnder: 70 } });
  });

  it('rejects two outputs on one file, an output on an input, a folder and a path under a file', () => {
    const f = join(dir, 'plain-file');
    writeFileSync(f, 'x');
    expect(() => checkOutputPaths({ json: join(dir, 'r.out'), md: join(dir, '.', 'r.out') })).toThrow(`--json and --md name the same file ${join(dir, '.', 'r.out')}`);
    expect(() => checkOutputPaths({ sarif: 'x.json' }, { '--trace-self': './x.json' })).toThrow('--sarif and --trace-self name the same file');
    expect(() => checkOutputPaths({ json: f }, {}, [f])).toThrow(`--json ${f} is also an input; inputs are never overwritten`);
    expect(() => checkOutputPaths({ html: dir })).toThrow(`cannot write --html ${dir}: ${dir} is a folder`);
    expect(() => checkOutputPaths({ junit: join(f, 'sub', 'r.xml') })).toThrow(`cannot write --junit ${join(f, 'sub', 'r.xml')}: ${f} is a file, not a folder`);
    expect(() => checkOutputPaths({ json: join(dir, 'new', 'deeper', 'r.json'), md: join(dir, 'r.md') }, { '--trace-self': undefined }, [f])).not.toThrow();
  });

  it('refuses an output that is one of many inputs by another name (a hard link, a symlink), in the order the outputs are given', () => {
    const inputs: string[] = [];
    for (let i = 0; i < 50; i++) {
      inputs.push(join(dir, `in-${i}.jsonl`));
      writeFileSync(inputs[i]!, `{"i":${i}}\n`);
    }
    const hard = join(dir, 'hard-link.json');
    const soft = join(dir, 'soft-link.json');
    rmSync(hard, { force: true });
    rmSync(soft, { force: true });
    linkSync(inputs[31]!, hard);
    symlinkSync(inputs[7]!, soft);
    expect(() => checkOutputPaths({ json: join(dir, 'fresh.json'), md: hard }, {}, inputs)).toThrow(`--md ${hard} is also an input; inputs are never overwritten`);
    expect(() => checkOutputPaths({ json: soft, md: hard }, {}, inputs)).toThrow(`--json ${soft} is also an input`);
    // (a duplicate output before it is said first, as the outputs are checked in order)
    expect(() => checkOutputPaths({ json: join(dir, 'twice.json'), md: join(dir, 'twice.json'), sarif: hard }, {}, inputs)).toThrow('--json and --md name the same file');
    expect(() => checkOutputPaths({ json: join(dir, 'fresh.json') }, { '--trace-self': inputs[49] }, inputs)).toThrow(`--trace-self ${inputs[49]} is also an input`);
    expect(() => checkOutputPaths({ json: join(dir, 'fresh.json'), md: join(dir, 'fresh.md') }, {}, inputs)).not.toThrow();
  });

  it('names the option and the cause when a write fails', async () => {
    const f = join(dir, 'in-the-way');
    writeFileSync(f, 'x');
    await expect(writeOutputs(loadFullReport(), { md: join(f, 'r.md') })).rejects.toThrow(`--md ${join(f, 'r.md')}: ${f} is a file, not a folder`);
  });

  it('writes a device or a pipe in place (never renames a file over /dev/null or a FIFO)', async () => {
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => (got += b.toString()));
    const closed = new Promise((r) => reader.on('close', r));
    expect(isSpecialTarget(fifo)).toBe(true);
    writeFileAtomic(fifo, '{"ok":true}\n');
    await closed;
    expect(got).toBe('{"ok":true}\n');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(isSpecialTarget(join(dir, 'plain.json'))).toBe(false);
  });

  it('writes the JSON, Markdown and HTML reports and SARIF in pieces, the same bytes as one string (a report of 30,000 inputs)', async () => {
    const full = loadFullReport();
    const many = { ...full, inputs: Array.from({ length: 30_000 }, (_, k) => ({ ...full.inputs[k % full.inputs.length]!, path: `logs/d${k % 97}/f${k}.jsonl` })) };
    const pieces: string[] = [];
    const stdout = { write: (s: string) => pieces.push(s) };
    expect(await writeOutputs(many, { json: '-' }, stdout)).toEqual(['JSON report: stdout']);
    expect(pieces.join('')).toBe(serializeReport(many));
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(128 * 1024);
    for (const [opt, whole] of [['md', renderReportMarkdown(many)], ['html', renderReportHtml(many)]] as const) {
      pieces.length = 0;
      await writeOutputs(many, { [opt]: '-' }, stdout);
      expect(pieces.join(''), opt).toBe(whole);
      expect(pieces.length, opt).toBeGreaterThan(20);
    }
    // to a file: the same text
    await writeOutputs(many, { json: join(dir, 'many.json'), sarif: join(dir, 'many.sarif') });
    expect(readFileSync(join(dir, 'many.json'), 'utf8')).toBe(serializeReport(many));
    expect(readFileSync(join(dir, 'many.sarif'), 'utf8')).toBe(serializeJson(renderReportSarif(many, { baseDir: process.cwd() })));
  });

  it('writes a report in pieces through a pipe in place, whole', async () => {
    const fifo = join(dir, 'pieces.fifo');
    execFileSync('mkfifo', [fifo]);
    // (the reader writes a file: the write below is synchronous, so nothing here reads while it runs)
    const copy = join(dir, 'pieces.copy');
    const out = openSync(copy, 'w');
    const reader = spawn('cat', [fifo], { stdio: ['ignore', out, 'inherit'] });
    closeSync(out);
    const closed = new Promise((r) => reader.on('close', r));
    // (more than a pipe holds at once, and a character of several bytes in each piece)
    const pieces = Array.from({ length: 40 }, (_, k) => `${k}:` + 'é'.repeat(20_000) + '\n');
    writeFileAtomic(fifo, pieces);
    await closed;
    expect(readFileSync(copy, 'utf8')).toBe(pieces.join(''));
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('documents every option it declares', () => {
    for (const k of Object.keys(OUTPUT_OPTIONS)) expect(OUTPUT_HELP).toContain(`--${k} `);
  });
});

describe('gateExitCode', () => {
  it('exits 0 without gates and 1 when a gate fails', () => {
    expect(gateExitCode(loadFullReport(), {})).toEqual({ code: 0, reasons: [] });
    expect(gateExitCode(loadFullReport(), { 'fail-under': '72.8' }).code).toBe(0);
    expect(gateExitCode(loadFullReport(), { 'fail-under': '73' })).toEqual({ code: 1, reasons: ['score 72.8 is below 73'] });
    expect(gateExitCode(loadFullReport(), { 'fail-on': 'critical' }).code).toBe(1);
    const noCritical = loadFullReport();
    noCritical.findings = noCritical.findings!.filter((f) => f.impact !== 'critical');
    expect(gateExitCode(noCritical, { 'fail-on': 'critical' }).code).toBe(0);
    expect(gateExitCode(noCritical, { 'fail-on': 'important' }).code).toBe(1);
    expect(gateExitCode(partialReport(), { 'fail-under': '0' }).code).toBe(1);
  });
});

describe('an interrupted report write', () => {
  it('SIGINT or SIGTERM removes the temporary file being written and exits 130 or 143', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obsready-sig-'));
    for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const tmp = join(dir, `.r.json.${process.pid}.tmp`);
      writeFileSync(tmp, '{"partial":');
      const untrack = trackTemp(tmp);
      const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
      const off = removeTempsOnSignal();
      try {
        process.emit(sig, sig);
        expect(existsSync(tmp)).toBe(false);
        expect(exit).toHaveBeenCalledWith(code);
      } finally {
        off();
        untrack();
        exit.mockRestore();
      }
    }
  });
});
