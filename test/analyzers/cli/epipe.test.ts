// A reader that closes the pipe early (`obsready analyze … | head -1`) must not turn into an
// "internal error": the analysis finishes, the report files are written, the exit code is 0.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO, data } from '../../helpers/paths.js';

describe('closed stdout', () => {
  it('keeps going when the reader of stdout goes away', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'obsready-epipe-')), 'r.json');
    const child = spawn(process.execPath, [CLI, 'analyze', data('otlp-json/otel-tui/test_data.json'), '--no-progress', '--json', out], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close our end of the pipe (as `head -1` does).
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).not.toContain('internal error');
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8')).inputs[0].format).toBe('otlp-json');
  });

  it('templates --csv -: a reader that stops after the header is not an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'obsready-epipe-'));
    const log = join(dir, 'app.log');
    let text = '';
    for (let i = 0; i < 200_000; i++) text += `worker ${i % 7} processed job ${i} in ${i % 999} ms\n`;
    writeFileSync(log, text);
    const child = spawn(process.execPath, [CLI, 'templates', log, '--csv', '-'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).not.toContain('cannot write');
    expect(stderr).toContain('200,000 lines');
    expect(code).toBe(0);
  });
});
