// Ctrl-C while a report is being written must not leave a truncated file that looks complete:
// outputs are written to a hidden temporary file beside the target and renamed when complete.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../analyzers/cli/outputs.js';
import { CLI } from '../../helpers/paths.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-interrupt-'));
  expect(statSync(CLI).isFile()).toBe(true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('interrupted writes', () => {
  it('writeFileAtomic leaves the file and no temporary beside it', () => {
    const f = join(dir, 'r.json');
    writeFileAtomic(f, '{"a":1}');
    writeFileAtomic(f, '{"a":2}');
    expect(readFileSync(f, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(dir)).toEqual(['r.json']);
    // through an existing symlink, as a plain write goes
    const real = join(dir, 'real.json');
    const link = join(dir, 'link.json');
    writeFileAtomic(real, 'old');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    for (const f of [real, link]) rmSync(f);
  });

  it('templates --csv: SIGINT while the CSV is written leaves neither the CSV nor a temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'csv-'));
    const log = join(sub, 'big.log');
    const ws = createWriteStream(log);
    for (let i = 0; i < 600_000; i++) {
      if (!ws.write(`2024-01-01 12:00:${String(i % 60).padStart(2, '0')} INFO worker ${i % 17} processed job ${i} in ${i % 999} ms\n`)) await once(ws, 'drain');
    }
    ws.end();
    await once(ws, 'finish');
    const csv = join(sub, 'out.csv');
    const child = spawn(process.execPath, [CLI, 'templates', log, '--csv', csv], { stdio: 'ignore' });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    // Wait until the temporary CSV exists (mining done, writing started), then interrupt.
    let seen = false;
    for (let t = 0; t < 2000 && !seen; t++) {
      seen = readdirSync(sub).some((n) => n.endsWith('.tmp'));
      if (!seen) await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGINT');
    const [code] = await exited;
    expect(seen).toBe(true);
    if (seen && code !== 0) {
      expect(code).toBe(130);
      expect(existsSync(csv)).toBe(false);
    } else {
      // The write finished before the signal arrived: the CSV is then complete.
      expect(readFileSync(csv, 'utf8').split('\n').length).toBe(600_002);
    }
    expect(readdirSync(sub).filter((n) => n !== 'big.log' && n !== 'out.csv')).toEqual([]);
  });
});
