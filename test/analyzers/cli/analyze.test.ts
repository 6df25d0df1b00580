// `obsready analyze` as a user runs it: the built CLI in a child process.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO, data } from '../../helpers/paths.js';

function run(args: string[], env: Record<string, string> = {}, cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-cli-'));
  // The suite runs after `npm run build:cli` (npm test does it first).
  expect(statSync(CLI).isFile()).toBe(true);
});

describe('obsready analyze', () => {
  it('analyses a real export, prints the inputs table and writes the JSON report', () => {
    const out = join(tmp, 'r.json');
    const file = data('prometheus-text/prometheus-common/expfmt-testdata/text');
    const r = run(['analyze', file, '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/input\s+format\s+signal\s+size\s+records\s+rejected/);
    expect(r.stdout).toMatch(/prometheus\s+metrics/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.schemaVersion).toBe('1.3');
    expect(report.tool).toEqual({ name: 'obsready', version: expect.any(String) });
    expect(report.inputs).toHaveLength(1);
    const input = report.inputs[0];
    expect(input.format).toBe('prometheus');
    expect(input.signal).toBe('metrics');
    expect(input.bytes).toBe(statSync(file).size);
    expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Sample lines = non-empty lines not starting with '#': counted with
    // grep -v '^#' text | grep -c .
    const expected = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
    expect(input.records).toBe(expected);
    expect(report.signals.metrics.points).toBe(expected);
  });

  it('exit 2 with a clear message for a missing path, still analysing the rest', () => {
    const r = run(['analyze', 'does/not/exist.json', data('prometheus-text/prometheus-common/expfmt-testdata/text')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does/not/exist.json: no such file or folder');
    expect(r.stdout).toMatch(/prometheus/);
    // only missing paths: said, and no empty summary table on stdout
    const none = run(['analyze', 'does/not/exist.json']);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toContain('nothing to analyse');
  });

  it('exit 2 when nothing is recognisable; binary, empty and unknown inputs get coded errors', () => {
    const bin = join(tmp, 'junk.bin');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    const empty = join(tmp, 'empty.log');
    writeFileSync(empty, '');
    const out = join(tmp, 'bad.json');
    const r = run(['analyze', bin, empty, '--json', out]);
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const codes = Object.fromEntries(report.inputs.map((i: { path: string; errors: { code: string }[] }) => [i.path.split('/').pop(), i.errors[0]!.code]));
    expect(codes).toEqual({ 'junk.bin': 'binary-data', 'empty.log': 'empty-input' });
  });

  it('exit 2 before the analysis when outputs collide, overwrite an input or cannot be created', () => {
    const input = join(tmp, 'collide.jsonl');
    writeFileSync(input, '{"level":"info","msg":"a"}\n');
    const out = join(tmp, 'same.out');
    let r = run(['analyze', input, '--json', out, '--md', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--json and --md name the same file ${out}`);
    expect(r.stdout).toBe(''); // nothing analysed, nothing written
    r = run(['analyze', input, '--json', input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--json ${input} is also an input`);
    expect(readFileSync(input, 'utf8')).toBe('{"level":"info","msg":"a"}\n');
    r = run(['analyze', input, '--html', join(input, 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${input} is a file, not a folder`);
    expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR|\n {4}at /);
  });

  it('exit 2 when a recognised or forced format yields not one record, with the report still written', () => {
    const logs = join(tmp, 'only-logs.jsonl');
    writeFileSync(logs, '{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n');
    const out = join(tmp, 'norecords.json');
    let r = run(['analyze', logs, '--as', 'jaeger', '--json', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no telemetry record could be read from the input (2 rejected)');
    expect(JSON.parse(readFileSync(out, 'utf8')).inputs[0]).toMatchObject({ format: 'jaeger', records: 0, rejected: 2 });
    const header = join(tmp, 'header-only.csv');
    writeFileSync(header, 'time,service,level,message\n');
    r = run(['analyze', header]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no telemetry record could be read from the input\n');
    // one readable input is enough
    expect(run(['analyze', header, logs]).code).toBe(0);
  });

  it("'-' writes one report to stdout and the summary to stderr; never a file named '-'", () => {
    const logs = join(tmp, 'stdout.jsonl');
    writeFileSync(logs, '{"level":"info","msg":"a"}\n{"level":"warn","msg":"b"}\n');
    const r = run(['analyze', logs, '--json', '-'], {}, tmp);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs[0].records).toBe(2);
    expect(r.stderr).toContain('Level-3 verdict');
    expect(r.stderr).toContain('JSON report: stdout');
    expect(existsSync(join(tmp, '-'))).toBe(false);
    const md = run(['analyze', logs, '--md', '-', '--json', join(tmp, 'beside.json')], {}, tmp);
    expect(md.stdout.startsWith('# ObsReady — Level-3 readiness report\n')).toBe(true);
    for (const [args, msg] of [
      [['--json', '-', '--md', '-'], "only one report can go to stdout ('-'): --json and --md both ask for it"],
      [['--pdf', '-'], '--pdf needs a file path'],
    ] as const) {
      const bad = run(['analyze', logs, ...args], {}, tmp);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(msg);
    }
  });

  it("'-' as an input is standard input, read as it streams", () => {
    const lines = '{"level":"info","msg":"a","time":"2024-01-01T00:00:00Z"}\n{"level":"warn","msg":"b","time":"2024-01-01T00:00:01Z"}\n';
    // named twice, it is read once (a second, empty stdin row said nothing true)
    for (const args of [['-'], ['-', '-']]) {
      const r = spawnSync(process.execPath, [CLI, 'analyze', ...args, '--no-progress', '--json', '-'], { cwd: REPO, encoding: 'utf8', input: lines });
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.inputs.map((i: { path: string; format: string; records: number }) => [i.path, i.format, i.records])).toEqual([['stdin', 'jsonl-logs', 2]]);
    }
  });

  it('run twice into its own input folder: the earlier report is skipped, not analysed', () => {
    const folder = mkdtempSync(join(tmp, 'rerun-'));
    writeFileSync(join(folder, 'app.jsonl'), '{"level":"info","msg":"a"}\n');
    const report = join(folder, 'report.json');
    expect(run(['analyze', folder, '--json', report]).code).toBe(0);
    const again = run(['analyze', folder, '--json', report]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("report.json: skipped, it is this run's --json output");
    expect(JSON.parse(readFileSync(report, 'utf8')).inputs.map((i: { path: string }) => i.path.split('/').pop())).toEqual(['app.jsonl']);
    // a telemetry file in that folder named as an output is refused, not skipped and overwritten
    const refused = run(['analyze', folder, '--md', join(folder, 'app.jsonl')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('app.jsonl is also an input');
    expect(readFileSync(join(folder, 'app.jsonl'), 'utf8')).toBe('{"level":"info","msg":"a"}\n');
  });

  it('an option given twice is a usage error, not last-one-wins', () => {
    const logs = join(tmp, 'twice.jsonl');
    writeFileSync(logs, '{"level":"info","msg":"a"}\n');
    for (const [args, name] of [
      [['--fail-under', '90', '--fail-under', '10'], 'fail-under'],
      [['--json', join(tmp, 't1.json'), '--json=' + join(tmp, 't2.json')], 'json'],
    ] as const) {
      const r = run(['analyze', logs, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`obsready analyze: --${name} is given more than once; give it once`);
    }
    expect(existsSync(join(tmp, 't2.json'))).toBe(false);
  });

  it('--as forces a format and rejects unknown names', () => {
    expect(run(['analyze', '--as', 'nonsense', data('prometheus-text/prometheus-common/expfmt-testdata/text')]).code).toBe(2);
    const r = run(['analyze', '--as', 'prometheus', data('prometheus-text/prometheus-common/expfmt-fuzz-corpus/from_test_parse_error_0')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/prometheus/);
  });

  it('--as csv lets each CSV pick its member (metrics, spans or logs); the report names the member', () => {
    const wide = join(tmp, 'wide.csv');
    writeFileSync(wide, 'time,cpu\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,2\n'); // 2 rows x 1 series = 2 points
    const spans = join(tmp, 'spans.csv');
    writeFileSync(spans, 'TraceID,SpanID,ParentID,OperationName,StartTimeUnixNano,EndTimeUnixNano\n0af7651916cd43dd8448eb211c80319c,b7ad6b7169203331,,GET,1700000000000000000,1700000000100000000\n');
    const logs = join(tmp, 'logs.csv');
    writeFileSync(logs, 'timestamp,level,message\n2024-01-01T00:00:00Z,INFO,hello\n2024-01-01T00:00:01Z,ERROR,"boom\n  at x"\n'); // 2 rows, one with a quoted 2-line message
    const out = join(tmp, 'as-csv.json');
    const r = run(['analyze', wide, spans, logs, '--as', 'csv', '--json', out]);
    expect(r.code).toBe(0);
    const inputs = JSON.parse(readFileSync(out, 'utf8')).inputs as { path: string; format: string; records: number; detection: { by: string } }[];
    const byName = Object.fromEntries(inputs.map((i) => [i.path.split(/[\\/]/).pop(), [i.format, i.records, i.detection.by]]));
    expect(byName).toEqual({ 'wide.csv': ['csv-metrics', 2, 'forced'], 'spans.csv': ['csv-spans', 1, 'forced'], 'logs.csv': ['csv-logs', 2, 'forced'] });
    expect(run(['analyze', '--help']).stdout).toMatch(/--as FORMAT.*text-logs, csv\b/);
  });

  it('--help documents the options; no args exits 2', () => {
    const h = run(['analyze', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--as FORMAT');
    expect(h.stdout).toContain('--json FILE');
    const none = run([]);
    expect(none.code).toBe(2);
    // a usage error: the help goes to stderr, stdout stays empty for pipes
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage:');
    expect(run(['--help']).stdout).toContain('3 internal error');
    expect(h.stdout).toContain('3 internal error');
    expect(run(['frobnicate']).code).toBe(2);
  });

  it('the same input gives byte-identical JSON apart from generatedAt', () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    const input = data('prometheus-text');
    run(['analyze', input, '--json', a]);
    run(['analyze', input, '--json', b]);
    const strip = (p: string) => readFileSync(p, 'utf8').replace(/"generatedAt": "[^"]+"/, '');
    expect(strip(a)).toBe(strip(b));
  });
});

describe('names from the data on the terminal and in Markdown', () => {
  it('control characters in a service name are shown, never sent raw (no screen clearing, no window title)', () => {
    const evil = 'shop\u001b[2J\u001b]0;pwn\u0007\u009b31m';
    // records without a level: the fix plan names the service (S-LOG-SEVERITY fails for it)
    const line = (i: number) => JSON.stringify({ time: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, msg: `failed ${i}`, service: evil });
    const dir = mkdtempSync(join(tmpdir(), 'obsready-esc-'));
    const file = join(dir, 'app.jsonl');
    writeFileSync(file, Array.from({ length: 120 }, (_, i) => line(i)).join('\n') + '\n');
    const md = join(dir, 'report.md');
    const r = run(['analyze', file, '--no-progress', '--md', md]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('shop␛[2J␛]0;pwn␇');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('shop␛\\[2J');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('names from the data make no link, image, entity or reversed text in Markdown, no raw control in HTML, no extra line in diff', () => {
    const names = ['![img](http://evil.example/x.png)', '[click](javascript:alert(4))', '&lt;amp&gt;', 'rtl\u202egnp.exe', 'nul\u0000esc\u001b[31m', 'two\nlines', '``x`` <img src=x onerror=alert(1)> ``y``', 'a\u200bpi'];
    // (the name in the message too: evidence excerpts show records as code)
    const line = (i: number) => JSON.stringify({ time: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, msg: `failed ${i} ${names[i % names.length]}`, service: names[i % names.length] });
    const dir = mkdtempSync(join(tmpdir(), 'obsready-inj-'));
    const file = join(dir, 'app.jsonl');
    writeFileSync(file, Array.from({ length: 120 }, (_, i) => line(i)).join('\n') + '\n');
    const [md, html, json] = ['report.md', 'report.html', 'report.json'].map((n) => join(dir, n)) as [string, string, string];
    const r = run(['analyze', file, '--no-progress', '--md', md, '--html', html, '--json', json]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(md, 'utf8');
    // outside code spans (shown literally), no link or image syntax survives
    const prose = text.split('\n').map((l) => l.replace(/(`+).*?\1(?!`)/g, '')).join('\n');
    expect(text).toContain('!\\[img\\](http://evil.example/x.png)');
    expect(prose).not.toMatch(/!\[img\]\(/);
    expect(prose).not.toMatch(/(^|[^\\])\[click\]/);
    expect(text).toContain('&amp;lt;amp&amp;gt;');
    expect(text).toContain('rtl⟦U+202E⟧gnp.exe');
    expect(text).toContain('a⟦U+200B⟧pi');
    // a name holding a run of two backticks is fenced by three wherever it is shown as code
    const raw = text.split('\n').filter((x) => x.includes('<img'));
    expect(raw.length).toBeGreaterThan(0); // (in evidence excerpts, shown as code)
    for (const l of raw) expect(l).toContain('```');
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(page).toContain('nul␀esc␛[31m');
    // diff: the same report with one service renamed, so names appear in the comparison
    const old = JSON.parse(readFileSync(json, 'utf8'));
    old.services = old.services.filter((s: { name: string }) => !s.name.startsWith('two'));
    const oldFile = join(dir, 'old.json');
    writeFileSync(oldFile, JSON.stringify(old));
    const d = run(['diff', oldFile, json]);
    expect(d.stdout).toContain('Services added:   two ⏎ lines');
    expect(d.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(d.stdout.split('\n').some((l) => l === 'lines')).toBe(false);
  });
});
