// `obsready analyze` on hostile paths (stop 29): a named pipe nothing writes to yet, a file whose
// name starts with `-`, a name that is not UTF-8. The built CLI in a child process; fixtures made here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATH_COLUMNS, tablePath, waitingNotice, PIPE_WAIT_NOTICE_MS } from '../../../analyzers/cli/analyze.js';
import { CLI } from '../../helpers/paths.js';

const LOG = '2026-11-28T08:00:01Z INFO app request 1 done\n2026-11-28T08:00:02Z WARN app request 2 slow\n2026-11-28T08:00:03Z ERROR app request 3 failed\n';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-cli-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a named pipe nothing writes to yet', () => {
  it('waitingNotice: one line after the delay unless data came first', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const stderr = { write: (s: string) => lines.push(s) };
      const cancel = waitingNotice('logs/\x1b[31mpipe', stderr);
      vi.advanceTimersByTime(PIPE_WAIT_NOTICE_MS - 1);
      expect(lines).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(lines).toEqual(['obsready: logs/\u241b[31mpipe: waiting for data (a named pipe or device gives nothing until a program writes to it; Ctrl-C to stop)\n']);
      cancel();
      const quiet: string[] = [];
      const cancelled = waitingNotice('p', { write: (s: string) => quiet.push(s) });
      cancelled();
      vi.advanceTimersByTime(10 * PIPE_WAIT_NOTICE_MS);
      expect(quiet).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it.skipIf(process.platform === 'win32')('the CLI says it waits, then reads what a writer sends', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [CLI, 'analyze', fifo, '--no-progress', '--json', join(dir, 'pipe.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    // (waits for the notice itself, not for a time)
    await new Promise<void>((res) => child.stderr.on('data', (b: Buffer) => ((stderr += b.toString()), stderr.includes('waiting for data') && res())));
    const w = createWriteStream(fifo);
    w.end(LOG);
    expect(await exited).toBe(0);
    expect(stderr).toBe(`obsready: ${fifo}: waiting for data (a named pipe or device gives nothing until a program writes to it; Ctrl-C to stop)\n`);
    const report = JSON.parse(readFileSync(join(dir, 'pipe.json'), 'utf8')) as { inputs: { records: number; errorCount: number }[] };
    expect(report.inputs.map((i) => [i.records, i.errorCount])).toEqual([[3, 0]]);
    expect(stdout).toContain('JSON report:');
  });
});

describe('--incidents / --workflows given a named pipe nothing writes to yet', () => {
  for (const [option, body] of [
    ['--incidents', 'id,start,end,service,fault\ni1,2026-11-28T08:00:00Z,2026-11-28T08:05:00Z,app,cpu\n'],
    ['--workflows', JSON.stringify({ workflows: [{ name: 'restart', level: 1 }] })],
  ] as const) {
    it.skipIf(process.platform === 'win32')(`${option}: the CLI says it waits, then reads what a writer sends`, async () => {
      const fifo = join(dir, `side${option}`);
      execFileSync('mkfifo', [fifo]);
      writeFileSync(join(dir, 'side.log'), LOG);
      const child = spawn(process.execPath, [CLI, 'analyze', join(dir, 'side.log'), option, fifo, '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stdout.resume();
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      await new Promise<void>((res) => child.stderr.on('data', (b: Buffer) => ((stderr += b.toString()), stderr.includes('waiting for data') && res())));
      createWriteStream(fifo).end(body);
      const code = await exited;
      expect(stderr.split('\n')[0]).toBe(`obsready: ${fifo}: waiting for data (a named pipe or device gives nothing until a program writes to it; Ctrl-C to stop)`);
      expect(stderr).not.toContain('cannot read');
      expect(code).toBe(0);
    });
  }
});

describe('names a shell passes on', () => {
  it('a file whose name starts with `-`: the usage error says how to name it', () => {
    writeFileSync(join(dir, '-app.log'), LOG);
    const r = spawnSync(process.execPath, [CLI, 'analyze', '-app.log', '--no-progress'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual(["obsready analyze: Unknown option '-a'", '(-app.log is a file: name it ./-app.log, or put -- before the paths)']);
    const ok = spawnSync(process.execPath, [CLI, 'analyze', '--no-progress', '--json', '-', '--', '-app.log'], { cwd: dir, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { inputs: { path: string; records: number }[] }).inputs.map((i) => [i.path, i.records])).toEqual([['-app.log', 3]]);
  });

  it.skipIf(process.platform !== 'linux')('a file name that is not UTF-8, as a glob or a shell passes it', () => {
    const raw = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.log')]); // Latin-1 "café.log"
    writeFileSync(Buffer.concat([Buffer.from(dir + '/'), raw]), LOG);
    // (spawn passes a Buffer argument's bytes as they are through the shell)
    const r = spawnSync('/bin/sh', ['-c', `exec "${process.execPath}" "${CLI}" analyze --no-progress --json - caf*.log`], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { inputs: { path: string; records: number }[] }).inputs.map((i) => [i.path, i.records])).toEqual([['caf\\xe9.log', 3]]);    // and `obsready templates` opens it too
    const t = spawnSync('/bin/sh', ['-c', `exec "${process.execPath}" "${CLI}" templates caf*.log`], { cwd: dir, encoding: 'utf8' });
    expect(t.status).toBe(0);
    expect(t.stdout.split('\n').slice(0, 2)).toEqual(['caf\\xe9.log: 3 lines, 1 template', 'Top template:']);
  });
});

describe('a very long path in the terminal table', () => {
  it('tablePath keeps the end of a path past PATH_COLUMNS, control characters shown', () => {
    expect(PATH_COLUMNS).toBe(120);
    expect(tablePath('logs/a.log')).toBe('logs/a.log');
    expect(tablePath('a\nb.log')).toBe('a\\nb.log');
    const long = 'x/'.repeat(100) + 'app.log';
    expect(tablePath(long)).toBe('…' + long.slice(-119));
    expect([...tablePath(long)].length).toBe(120);
    // wide characters count two columns
    expect(tablePath('界'.repeat(100))).toBe('…' + '界'.repeat(59));
  });

  it('one deep path does not widen every row of the table', () => {
    const root = join(dir, 'deep');
    let deep = root;
    for (let i = 0; i < 12; i++) deep = join(deep, 'd'.repeat(200));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'app.log'), LOG);
    for (let i = 0; i < 3; i++) writeFileSync(join(root, `s${i}.log`), LOG.replace('request 1', `request 1${i}`));
    const r = spawnSync(process.execPath, [CLI, 'analyze', root, '--no-progress', '--json', join(dir, 'deep.json')], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').slice(2, 6);
    expect(rows.map((l) => l.split('  ')[0]!.trimEnd())).toEqual(['…' + join(deep, 'app.log').slice(dir.length + 1).slice(-119), 'deep/s0.log', 'deep/s1.log', 'deep/s2.log']);
    expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length))).toBeLessThan(260);
    // the report keeps the whole path
    const report = JSON.parse(readFileSync(join(dir, 'deep.json'), 'utf8')) as { inputs: { path: string }[] };
    expect(report.inputs[0]!.path).toBe(join(deep, 'app.log').slice(dir.length + 1));
  });
});
