// The zip reader on archives written by Info-ZIP: the files it yields are the files on disk,
// byte for byte, whether the archive comes whole or in 1-, 7- or 4096-byte chunks, deflated,
// stored or streamed with data descriptors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ZipReader, isZipHead } from '../../../analyzers/analysis/zip.js';

interface Got {
  files: { name: string; bytes: string; truncated: boolean; failed?: string }[];
  damage: string[];
}

function read(archive: Uint8Array, chunk = archive.length): Got {
  const got: Got = { files: [], damage: [] };
  const reader = new ZipReader({
    file(entry) {
      const parts: Uint8Array[] = [];
      return {
        push: (b) => void parts.push(b.slice()),
        end: (truncated) => void got.files.push({ name: entry.name, bytes: Buffer.concat(parts).toString('latin1'), truncated }),
        fail: (code) => void got.files.push({ name: entry.name, bytes: '', truncated: false, failed: code }),
      };
    },
    damage: (kind, _message, offset) => void got.damage.push(`${kind}@${offset}`),
  });
  for (let o = 0; o < archive.length; o += chunk) reader.push(archive.subarray(o, o + chunk));
  reader.end();
  return got;
}

const FILES: Record<string, string> = {
  'export/app.log': Array.from({ length: 400 }, (_, i) => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO line ${i} ${'x'.repeat(i % 37)}`).join('\n') + '\n',
  'export/metrics.prom': '# TYPE up gauge\nup{job="a"} 1\n',
  'export/empty.log': '',
  'export/deeper/spans.jsonl': '{"traceId":"0af7651916cd43dd8448eb211c80319c"}\n'.repeat(50),
};
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-zipreader-'));
  for (const [name, body] of Object.entries(FILES)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Where export/app.log's local header and its data start in the archive. */
function appLogData(archive: Uint8Array): { at: number; data: number } {
  const name = new TextEncoder().encode('export/app.log');
  let at = -1;
  for (let i = 0; i < archive.length - 30 && at < 0; i++) {
    if (archive[i] === 0x50 && archive[i + 1] === 0x4b && archive[i + 2] === 0x03 && archive[i + 3] === 0x04 && Buffer.from(archive.subarray(i + 30, i + 30 + name.length)).equals(Buffer.from(name))) at = i;
  }
  return { at, data: at + 30 + name.length + (archive[at + 28]! | (archive[at + 29]! << 8)) };
}

const expected = Object.keys(FILES)
  .sort()
  .map((name) => ({ name, bytes: FILES[name]!, truncated: false }));

describe.skipIf(process.platform === 'win32')('ZipReader', () => {
  const cases: [string, string[]][] = [
    ['deflated', ['-qr', '-']],
    ['stored', ['-qr0', '-']],
  ];
  for (const [label, args] of cases) {
    it(`yields every file of a ${label} zip written to a pipe (data descriptors), in any chunking`, () => {
      const archive = new Uint8Array(execFileSync('zip', [...args, 'export'], { cwd: dir }));
      expect(isZipHead(archive)).toBe(true);
      const whole = read(archive);
      expect(whole.damage).toEqual([]);
      expect([...whole.files].sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected);
      for (const chunk of [1, 7, 4096]) expect(read(archive, chunk), `chunk ${chunk}`).toEqual(whole);
    });
  }

  it('yields the same from a zip written to a file (sizes in the local headers)', () => {
    execFileSync('zip', ['-qr', join(dir, 'seekable.zip'), 'export'], { cwd: dir });
    const archive = new Uint8Array(execFileSync('cat', [join(dir, 'seekable.zip')]));
    expect([...read(archive, 7).files].sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected);
  });

  it("a file whose data does not match its header's CRC-32 fails as damaged (stored and deflated), in any chunking; the others are read", () => {
    for (const flag of ['-qr0', '-qr']) {
      const path = join(dir, `crc${flag}.zip`);
      execFileSync('zip', [flag, path, 'export'], { cwd: dir });
      const archive = new Uint8Array(execFileSync('cat', [path]));
      // flip one byte of app.log's data (stored: a letter in its text; deflated: a bit the inflater still takes)
      const { data } = appLogData(archive);
      const damaged = archive.slice();
      const flip = data + (flag === '-qr0' ? 100 : 200);
      damaged[flip] = damaged[flip]! ^ (flag === '-qr0' ? 0x01 : 0x10);
      for (const chunk of [damaged.length, 7, 4096]) {
        const got = read(damaged, chunk);
        const app = got.files.find((f) => f.name === 'export/app.log')!;
        // (a deflate stream broken by the flip may fail to inflate instead: damaged either way)
        expect(app.failed, `${flag} chunk ${chunk}`).toBe('decompress-failed');
        expect(got.files.filter((f) => f.name !== 'export/app.log' && !f.failed).length).toBe(3);
      }
      expect(read(archive).files.every((f) => !f.failed)).toBe(true);
    }
  });

  it('written to a pipe (the CRC-32 in a data descriptor after the data), a damaged file fails too; the others are read', () => {
    for (const flag of ['-qr0', '-qr']) {
      const archive = new Uint8Array(execFileSync('zip', [flag, '-', 'export'], { cwd: dir }));
      const { at, data } = appLogData(archive);
      expect(archive[at + 6]! & 0x08, 'sizes and CRC after the data').toBe(0x08);
      const damaged = archive.slice();
      const flip = data + (flag === '-qr0' ? 100 : 200);
      damaged[flip] = damaged[flip]! ^ (flag === '-qr0' ? 0x01 : 0x10);
      for (const chunk of [damaged.length, 7, 4096]) {
        const got = read(damaged, chunk);
        expect(got.files.find((f) => f.name === 'export/app.log')!.failed, `${flag} chunk ${chunk}`).toBe('decompress-failed');
        expect(got.files.filter((f) => f.name !== 'export/app.log' && !f.failed).length).toBe(3);
      }
      for (const chunk of [archive.length, 7]) expect(read(archive, chunk).files.every((f) => !f.failed)).toBe(true);
    }
  });

  it('isZipHead: only a local file header signature', () => {
    expect(isZipHead(new TextEncoder().encode('PK is a name\n'))).toBe(false);
    expect(isZipHead(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBe(false); // an empty zip: end record only
  });
});

describe('ZipReader and decompression bombs', () => {
  // Built in memory with fflate's zipSync: runs of zeros deflate at about 1000:1.
  const zeros = new Uint8Array(80 * 1024 * 1024);
  const good = new TextEncoder().encode('2024-01-01T00:00:00Z INFO after the bomb\n');

  it('a bomb stops on its own (decompress-limit) and the files after it are read', async () => {
    const { zipSync } = await import('fflate');
    const archive = zipSync({ 'a_zero.bin': [zeros, { level: 1 }], 'b_good.log': good });
    const got = read(archive, 1 << 20);
    expect(got.damage).toEqual([]);
    expect(got.files.map((f) => [f.name, f.failed ?? f.bytes])).toEqual([['a_zero.bin', 'decompress-limit'], ['b_good.log', new TextDecoder().decode(good)]]);
  });

  it('an archive of many bombs stops as a whole past 256 MB at the bomb ratio, saying so', async () => {
    const { zipSync } = await import('fflate');
    const files: Record<string, [Uint8Array, { level: 1 }]> = {};
    for (let i = 0; i < 8; i++) files[`bomb${i}.bin`] = [zeros, { level: 1 }];
    const got = read(zipSync(files), 1 << 20);
    // each one stops at its own limit (past 64 MB) until the archive has given past 256 MB
    expect(got.files.every((f) => f.failed === 'decompress-limit')).toBe(true);
    expect(got.files.length).toBeGreaterThanOrEqual(4);
    expect(got.files.length).toBeLessThan(8);
    expect(got.damage).toHaveLength(1);
    expect(got.damage[0]).toMatch(/^limit@/);
  }, 180_000); // heavy: 256 MB inflated and read; a minute on a loaded machine
});

describe('an empty zip archive', () => {
  it('is an empty input that says so, not "binary"', async () => {
    const { analyseText } = await import('../../helpers/analyse.js');
    // the end-of-central-directory record alone, as `zip` and Python's zipfile write an archive of nothing
    const eocd = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    const input = analyseText(eocd, undefined, 'empty.zip');
    expect([input.records, input.errors.map((e) => [e.code, e.message])]).toEqual([0, [['empty-input', 'an empty zip archive: it holds no files']]]);
  });
});

describe.skipIf(process.platform === 'win32')('an encrypted zip', () => {
  it('names each file as encrypted (unsupported), deflated or stored, and reads on', () => {
    const d = mkdtempSync(join(tmpdir(), 'obsready-zipenc-'));
    try {
      writeFileSync(join(d, 'a.log'), 'x'.repeat(5000));
      writeFileSync(join(d, 'b.log'), '{"msg":"b"}\n'.repeat(300));
      for (const level of ['-6', '-0']) {
        const archive = new Uint8Array(execFileSync('zip', ['-q', level, '-P', 'secret', '-', 'a.log', 'b.log'], { cwd: d }));
        const got: string[] = [];
        const reader = new ZipReader({
          file: (entry) => ({ push: () => undefined, end: () => void got.push(`${entry.name}: read`), fail: (code, message) => void got.push(`${entry.name}: ${code} ${message.slice(0, 9)}`) }),
          damage: (kind) => void got.push(`damage ${kind}`),
        });
        reader.push(archive);
        reader.end();
        expect(got, level).toEqual(['a.log: unsupported encrypted', 'b.log: unsupported encrypted']);
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('an archive of many files', () => {
  it('reads them all with the work per file bounded: fflate keeps no list per file read', async () => {
    const { zipSync } = await import('fflate');
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20_000; i++) entries[`e/${i}`] = new Uint8Array(0);
    entries['e/last.log'] = new TextEncoder().encode('hello\n');
    const archive = zipSync(entries, { level: 0 });
    let files = 0;
    let last = '';
    let longest = 0;
    const reader = new ZipReader({
      file(entry) {
        files++;
        const pending = (reader as unknown as { unzip: { k: unknown[] } }).unzip.k;
        longest = Math.max(longest, pending.length);
        const parts: Uint8Array[] = [];
        return { push: (b) => void parts.push(b.slice()), end: () => void (entry.name === 'e/last.log' && (last = Buffer.concat(parts).toString())), fail: () => undefined };
      },
      damage: () => undefined,
    });
    for (let o = 0; o < archive.length; o += 65536) reader.push(archive.subarray(o, o + 65536));
    reader.end();
    expect(files).toBe(20_001);
    expect(last).toBe('hello\n');
    // fflate adds the new file's list in front before announcing it: the current file, the one before
    expect(longest).toBeLessThanOrEqual(3);
  });
});
