// Picked files: ids instead of paths, folder expansion, bounded chunked reads.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

vi.mock('electron', () => ({ BrowserWindow: {}, dialog: {}, ipcMain: { handle: vi.fn() } }));
const { FileRegistry, readChunk, registerPicked } = await import('../../../electron/main/files.js');

const sample = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/loghub/HDFS/HDFS_2k.log');
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-files-'));
  mkdirSync(join(dir, 'exports/sub'), { recursive: true });
  writeFileSync(join(dir, 'exports/a.log'), 'one\n');
  writeFileSync(join(dir, 'exports/sub/b.json'), '{}');
  writeFileSync(join(dir, 'exports/.hidden'), 'x');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('registerPicked', () => {
  it('expands a picked folder recursively, skips hidden entries, and hands out ids', async () => {
    const reg = new FileRegistry();
    const res = await registerPicked(reg, [join(dir, 'exports')]);
    if (!res.ok) throw new Error('expected files');
    expect(res.files.map((f) => [f.path, f.sizeBytes])).toEqual([
      ['exports/a.log', 4],
      [join('exports', 'sub', 'b.json'), 2],
    ]);
    expect(new Set(res.files.map((f) => f.fileId)).size).toBe(2);
    expect(reg.size).toBe(2);
  });

  it('names the other paths of a file picked through links (read once, as the CLI does)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-alias-'));
    try {
      mkdirSync(join(root, 'logs'));
      writeFileSync(join(root, 'logs', 'app.log'), 'one\n');
      symlinkSync(join(root, 'logs', 'app.log'), join(root, 'current.log'));
      linkSync(join(root, 'logs', 'app.log'), join(root, 'hard.log'));
      const reg = new FileRegistry();
      // the folder, and the file named again by its own path
      const res = await registerPicked(reg, [join(root, 'logs'), join(root, 'current.log'), join(root, 'hard.log'), join(root, 'logs', 'app.log')]);
      if (!res.ok) throw new Error('expected files');
      expect(res.files.map((f) => [f.path, f.aliases])).toEqual([[join('logs', 'app.log'), ['current.log', 'hard.log']]]);
      expect(reg.size).toBe(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('treats an empty pick as cancelled and reports missing paths', async () => {
    const reg = new FileRegistry();
    expect(await registerPicked(reg, [])).toEqual({ ok: false, reason: 'cancelled' });
    const res = await registerPicked(reg, [join(dir, 'nope.log')]);
    expect(res).toEqual({ ok: true, files: [], missing: [{ path: 'nope.log', reason: 'no such file or folder' }] });
  });
});

describe('readChunk', () => {
  it('reads a real export back byte for byte in chunks', async () => {
    const reg = new FileRegistry();
    const expected = readFileSync(sample);
    const id = reg.add(sample, expected.length);
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const r = await readChunk(reg, { fileId: id, offset, maxBytes: 65536 });
      if (!r.ok) throw new Error(r.message);
      parts.push(r.bytes);
      offset += r.bytes.length;
      if (r.eof) break;
    }
    expect(Buffer.concat(parts).equals(expected)).toBe(true);
    // 286,xxx bytes in 64 KiB chunks: ceil(size / 65536) reads, the last one short.
    expect(parts.length).toBe(Math.ceil(expected.length / 65536) + (expected.length % 65536 === 0 ? 1 : 0));
  });

  it('refuses ids that were not picked, and files that vanished', async () => {
    const reg = new FileRegistry();
    expect(await readChunk(reg, { fileId: 'made-up', offset: 0, maxBytes: 10 })).toEqual({ ok: false, code: 'unknown-file', message: 'this file was not picked in this session' });
    const id = reg.add(join(dir, 'gone.log'), 10);
    const r = await readChunk(reg, { fileId: id, offset: 0, maxBytes: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('read-failed');
    reg.remove(id);
    expect(reg.get(id)).toBeUndefined();
  });
});
