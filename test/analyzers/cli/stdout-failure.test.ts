// analyze with a stdout that cannot be written (a full disk behind `> file`; /dev/full here): not
// an internal error (exit 3) but "cannot write", exit 2, as a report file that cannot be written.
// A reader that goes away (`| head`) stays quiet: see epipe.test.ts.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO } from '../../helpers/paths.js';

const LINE = '{"time":"2024-01-01T00:00:00Z","level":"info","msg":"hello","service.name":"a"}\n';

async function run(args: string[], stdout: number | 'ignore'): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'analyze', ...args, '--no-progress'], { cwd: REPO, stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return { code, stderr };
}

describe.runIf(existsSync('/dev/full'))('a stdout that cannot be written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obsready-stdout-'));
  const input = join(dir, 'x.jsonl');
  writeFileSync(input, LINE.repeat(10));

  for (const extra of [[], ['--json', '-'], ['--json', '/dev/stdout']]) {
    it(`analyze ${extra.join(' ')} > /dev/full: exit 2, "cannot write", no internal error`, async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const { code, stderr } = await run([input, ...extra], full);
        expect(stderr).not.toContain('internal error');
        expect(stderr).toMatch(/cannot write.*no space left on the device/);
        expect(stderr).not.toContain('JSON report: stdout');
        expect(code).toBe(2);
      } finally {
        closeSync(full);
      }
    });
  }

  it.runIf(existsSync('/proc/self/fdinfo') && existsSync('/bin/sh'))('analyze --json - with stdout closed (>&-): exit 2, not "JSON report: stdout"', async () => {
    const child = spawn('/bin/sh', ['-c', `"${process.execPath}" "${CLI}" analyze "${input}" --no-progress --json - >&-`], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toContain('stdout is closed');
    expect(stderr).not.toContain('JSON report: stdout');
    expect(code).toBe(2);
  });
});
