// Ctrl-C on a run that never ends (`kubectl logs -f | obsready analyze -`, a named pipe): the first
// SIGINT stops reading and the reports of what was read are written, the input carrying a
// `truncated` error that says where it stopped; the exit code is 130. No test waits for a time:
// each sends SIGINT once the CLI has provably read (the pipe took more than its buffer holds) or
// said it waits.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INTERRUPTED_EXIT, Interrupt } from '../../../analyzers/cli/analyze.js';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256, interruptedMessage } from '../../../analyzers/node/read-inputs.js';
import { CLI } from '../../helpers/paths.js';

const LINE = '{"timestamp":"2026-11-28T10:00:00Z","level":"info","message":"request served"}\n';
/** Lines written before the SIGINT: 4.7 MB, far more than a pipe's buffer (64 KB) holds unread. */
const LINES = 60_000;

interface Row {
  records: number;
  rejected: number;
  errors: { code: string; message: string; offset?: number }[];
}

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'obsready-ctrlc-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a read cut at `offset` bytes of LINE-long lines counts: whole lines, and the cut one rejected. */
function expectCutAt(row: Row): void {
  const at = row.errors[0]!.offset!;
  expect(row.errors[0]).toEqual({ code: 'truncated', message: interruptedMessage(at), offset: at });
  expect(at).toBeGreaterThanOrEqual(LINE.length * LINES - 64 * 1024 - 1024 * 1024);
  expect(row.records).toBe(Math.floor(at / LINE.length));
  expect(row.rejected).toBe(at % LINE.length === 0 ? 0 : 1);
}

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, 'analyze', ...args, '--no-progress'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return { child, exited, err: () => stderr, out: () => stdout };
}

describe('Ctrl-C while analyze reads', () => {
  it('Interrupt: the first SIGINT aborts and says so, the second exits at once with 130', () => {
    const lines: string[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const interrupt = new Interrupt({ write: (t: string) => lines.push(t) });
    try {
      expect(interrupt.signal.aborted).toBe(false);
      process.emit('SIGINT', 'SIGINT');
      expect(interrupt.signal.aborted).toBe(true);
      expect(exit).not.toHaveBeenCalled();
      expect(lines).toEqual(['obsready: Ctrl-C: reading stops; the reports of what was read are being written (Ctrl-C again to quit at once)\n']);
      process.emit('SIGINT', 'SIGINT');
      expect(exit).toHaveBeenCalledWith(INTERRUPTED_EXIT);
      expect(INTERRUPTED_EXIT).toBe(130);
    } finally {
      interrupt.release();
      exit.mockRestore();
    }
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('inputs after the one Ctrl-C cut are each a row with `not-read` in every report, not only counted on stderr', async () => {
    const a = join(dir, 'after one.log');
    const b = join(dir, 'after-two.jsonl');
    writeFileSync(a, 'INFO one\n');
    writeFileSync(b, LINE);
    const json = join(dir, 'unread.json');
    const md = join(dir, 'unread.md');
    const html = join(dir, 'unread.html');
    const r = run(['-', a, b, '--json', json, '--md', md, '--html', html]);
    await new Promise<void>((res) => r.child.stdin.write(LINE.repeat(LINES), () => res()));
    r.child.kill('SIGINT');
    expect(await r.exited).toEqual({ code: 130, signal: null });
    expect(r.err()).toContain('obsready: stopped by Ctrl-C while reading stdin; 2 more inputs were not read: the reports hold what was read (exit code 130)\n');
    const report = JSON.parse(readFileSync(json, 'utf8')) as { inputs: (Row & { path: string; format: string; signal: string })[] };
    // (rows in the report's order, by path)
    expect(report.inputs.map((i) => i.path)).toEqual([a, b, 'stdin']);
    expectCutAt(report.inputs[2]!);
    const message = 'not read: the run was stopped by Ctrl-C before this input; run again to read it';
    for (const row of report.inputs.slice(0, 2)) {
      expect([row.format, row.signal, row.records, row.rejected]).toEqual(['unknown', 'none', 0, 0]);
      expect(row.errors).toEqual([{ code: 'not-read', message, offset: 0 }]);
    }
    // the terminal table and the Markdown report name them too
    expect(r.out().match(/not-read/g)?.length).toBe(2);
    expect(readFileSync(html, 'utf8').split(message).length).toBe(3);
    expect(readFileSync(md, 'utf8')).toContain(`**Not read** (\`not-read\`: the run was stopped by Ctrl-C before them; run again to read them): \`${a}\`, \`${b}\`.\n`);
    r.child.stdin.destroy();
  });

  it('stdin that never ends: the first SIGINT writes the report of what was read, exit 130', async () => {
    const json = join(dir, 'stdin.json');
    const r = run(['-', '--json', json]);
    // (the write's callback: the pipe took it all, so the CLI has read all but the pipe's buffer)
    await new Promise<void>((res) => r.child.stdin.write(LINE.repeat(LINES), () => res()));
    r.child.kill('SIGINT');
    expect(await r.exited).toEqual({ code: 130, signal: null });
    expect(r.err()).toBe(
      'obsready: Ctrl-C: reading stops; the reports of what was read are being written (Ctrl-C again to quit at once)\n' +
        'obsready: stopped by Ctrl-C while reading stdin: the reports hold what was read (exit code 130)\n',
    );
    expect(r.out()).toContain(`JSON report: ${json}`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { inputs: (Row & { format: string })[] };
    expect(report.inputs.length).toBe(1);
    expect(report.inputs[0]!.format).toBe('jsonl-logs');
    expectCutAt(report.inputs[0]!);
    r.child.stdin.destroy();
  });

  it.skipIf(process.platform === 'win32')('a named pipe whose writer stays open but quiet: stopped, reported, the process exits', async () => {
    const fifo = join(dir, 'quiet');
    execFileSync('mkfifo', [fifo]);
    const json = join(dir, 'quiet.json');
    writeFileSync(join(dir, 'after.log'), LINE);
    const r = run([fifo, join(dir, 'after.log'), '--json', json]);
    const w = createWriteStream(fifo);
    await new Promise<void>((res) => w.write(LINE.repeat(LINES), () => res()));
    r.child.kill('SIGINT');
    // (the writer is still open: a read left waiting on a pool thread would keep the CLI alive)
    expect(await r.exited).toEqual({ code: 130, signal: null });
    w.destroy();
    expect(r.err().split('\n')[1]).toBe(`obsready: stopped by Ctrl-C while reading ${fifo}; 1 more input was not read: the reports hold what was read (exit code 130)`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { inputs: (Row & { path: string })[] };
    // (the input not read is a row of its own: `not-read`)
    expect(report.inputs.map((i) => [i.path, i.errors.map((e) => e.code)])).toEqual([[join(dir, 'after.log'), ['not-read']], [fifo, ['truncated']]]);
    expectCutAt(report.inputs[1]!);
  });

  it.skipIf(process.platform === 'win32')('a named pipe nothing opened for writing: Ctrl-C ends the wait, exit 130', async () => {
    const fifo = join(dir, 'nowriter');
    execFileSync('mkfifo', [fifo]);
    const json = join(dir, 'nowriter.json');
    const r = run([fifo, '--json', json]);
    await new Promise<void>((res) => r.child.stderr.on('data', () => r.err().includes('waiting for data') && res()));
    r.child.kill('SIGINT');
    expect(await r.exited).toEqual({ code: 130, signal: null });
    const report = JSON.parse(readFileSync(json, 'utf8')) as { inputs: Row[] };
    expect(report.inputs[0]!.errors[0]).toEqual({ code: 'truncated', message: 'stopped by Ctrl-C before any data came: nothing of it was read', offset: 0 });
    expect(report.inputs[0]!.records).toBe(0);
  });

  it('a file whose read is stopped: counted to where it stopped (the Node adapter)', async () => {
    const file = join(dir, 'big.jsonl');
    writeFileSync(file, LINE.repeat(40_000)); // 3.2 MB: four 1 MB chunks
    const analysis = new Analysis({ toolVersion: 't', createHasher: createNodeSha256 });
    const stop = new AbortController();
    const source = await analyzeFile(analysis, { path: file, display: 'big.jsonl', size: LINE.length * 40_000 }, (_s, raw) => raw >= 1024 * 1024 && stop.abort(), stop.signal);
    const row = source.report;
    expect(row.errors[0]).toEqual({ code: 'truncated', message: interruptedMessage(1024 * 1024), offset: 1024 * 1024 });
    expect(row.records).toBe(Math.floor((1024 * 1024) / LINE.length));
    expect(row.rejected).toBe(1);
    // a .gz: where its content stopped, in inflated bytes (the offsets of its errors)
    const gz = join(dir, 'big.jsonl.gz');
    writeFileSync(gz, gzipSync(LINE.repeat(40_000)));
    const gzStop = new AbortController();
    const gzRow = (await analyzeFile(new Analysis({ toolVersion: 't', createHasher: createNodeSha256 }), { path: gz, display: 'big.jsonl.gz', size: statSync(gz).size }, (s) => s.totals().records > 0 && gzStop.abort(), gzStop.signal)).report;
    const cut = gzRow.errors[0]!;
    expect(cut.code).toBe('truncated');
    expect(cut.message).toMatch(/^stopped by Ctrl-C after [\d,]+ bytes of the file \([\d,]+ bytes inflated\): what came before is counted, the rest was not read$/);
    expect(cut.message).toContain(`(${cut.offset!.toLocaleString('en-US')} bytes inflated)`);
    expect(gzRow.records).toBe(Math.floor(cut.offset! / LINE.length));
    expect(gzRow.records).toBeLessThan(40_000);
    // a read that ended before the signal is whole: no error
    const whole = await analyzeFile(new Analysis({ toolVersion: 't', createHasher: createNodeSha256 }), { path: file, display: 'big.jsonl', size: LINE.length * 40_000 }, undefined, new AbortController().signal);
    expect([whole.report.records, whole.report.errors.length]).toEqual([40_000, 0]);
  });
});
