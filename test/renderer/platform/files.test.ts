// A folder picked in the browser is listed in no particular order; the inputs follow the CLI's.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { expandPaths } from '../../../analyzers/node/read-inputs.js';
import { comparePaths, sourcesFromFiles } from '../../../renderer/platform/files.js';

const REL = ['logs/a.log', 'logs.txt', 'logs/B.log', 'Z.log', 'a.log', 'sub/z/1.log', 'sub/y.log', 'sub-x.log', '.hidden/x.log', 'sub/.env', 'a-b.log', 'a/b.log'];

function pickedFile(root: string, rel: string): File {
  const f = new File(['x\n'], basename(rel));
  Object.defineProperty(f, 'webkitRelativePath', { value: `${root}/${rel}` });
  return f;
}

describe('sourcesFromFiles', () => {
  it('orders a picked folder as the CLI walks it and skips hidden entries', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pick-')), 'pick');
    for (const rel of REL) {
      mkdirSync(join(dir, dirname(rel)), { recursive: true });
      writeFileSync(join(dir, rel), 'x\n');
    }
    const cli = (await expandPaths([dir])).files.map((f) => f.display.slice(f.display.indexOf('pick/')));
    // The browser's own order: reversed and shuffled.
    const shuffled = [...REL].reverse();
    shuffled.push(shuffled.shift()!);
    const ui = sourcesFromFiles(shuffled.map((r) => pickedFile('pick', r))).map((s) => s.path);
    expect(ui).toEqual(cli);
    expect(ui).not.toContain('pick/.hidden/x.log');
    expect(ui.indexOf('pick/logs/a.log')).toBeLessThan(ui.indexOf('pick/logs.txt'));
  });

  it('compares segment by segment', () => {
    expect(comparePaths('a/b.log', 'a.log')).toBeLessThan(0);
    expect(comparePaths('B.log', 'a.log')).toBeLessThan(0);
  });
});
