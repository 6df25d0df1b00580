// The tar reader on archives written by the system's GNU tar in each of its formats: the members
// it yields are the files on disk, byte for byte, however the archive is chunked; damage is
// reported and reading resumes; an archive cut short ends its member with the bytes missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { TarReader, isTarHeader } from '../../../analyzers/analysis/tar.js';

interface Got {
  members: { name: string; size: number; bytes: string; missing: number }[];
  damage: { kind: string; offset: number; message: string }[];
}

function read(archive: Uint8Array, chunk = archive.length): Got {
  const got: Got = { members: [], damage: [] };
  const reader = new TarReader({
    file(entry) {
      const parts: Uint8Array[] = [];
      return {
        push: (b) => void parts.push(b.slice()),
        end: (missing) => got.members.push({ name: entry.name, size: entry.size, bytes: Buffer.concat(parts).toString('latin1'), missing }),
      };
    },
    damage: (kind, message, offset) => void got.damage.push({ kind, offset, message }),
  });
  for (let o = 0; o < archive.length; o += chunk) reader.push(archive.subarray(o, o + chunk));
  reader.end();
  return got;
}

const LONG_DIR = 'a-folder-with-a-rather-long-name-for-its-purpose/and-another-one-below-it-that-is-long-too';
const FILES: Record<string, string> = {
  'export/app.log': Array.from({ length: 40 }, (_, i) => `2024-01-01T00:00:${String(i).padStart(2, '0')}Z INFO line ${i}`).join('\n') + '\n',
  'export/metrics.prom': '# TYPE up gauge\nup{job="a"} 1\n',
  'export/empty.log': '',
  [`export/${LONG_DIR}/file-whose-whole-path-is-longer-than-one-hundred-bytes.jsonl`]: '{"msg":"deep"}\n',
  'export/exactly-512.txt': 'x'.repeat(511) + '\n',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-tarreader-'));
  for (const [name, body] of Object.entries(FILES)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  symlinkSync('app.log', join(dir, 'export', 'link.log'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tar(format: string, ...extra: string[]): Uint8Array {
  return new Uint8Array(execFileSync('tar', [`--format=${format}`, '-C', dir, '-cf', '-', ...extra, 'export'], { maxBuffer: 1 << 26 }));
}

const expected = (names = Object.keys(FILES)) => names.map((n) => ({ name: n, size: FILES[n]!.length, bytes: FILES[n]!, missing: 0 })).sort((a, b) => a.name.localeCompare(b.name));
const sorted = (g: Got) => [...g.members].sort((a, b) => a.name.localeCompare(b.name));

describe.skipIf(process.platform === 'win32')('TarReader', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    it(`reads every regular file of a ${format} archive (long paths, an empty file; a symlink and folders are not files), in any chunking`, () => {
      const archive = tar(format);
      expect(isTarHeader(archive.subarray(0, 512))).toBe(true);
      const whole = read(archive);
      // (the symlink is said once: no content of its own)
      expect(whole.damage.map((d) => d.message)).toEqual(['"export/link.log" is a symbolic link: no content of its own, not read (a link\'s target is read when it is a file in the archive)']);
      expect(sorted(whole)).toEqual(expected());
      for (const chunk of [1, 7, 4096]) expect(read(archive, chunk), `chunk ${chunk}`).toEqual(whole);
    });
  }

  it('reads a v7 archive (no magic, names up to 100 bytes)', () => {
    const short = Object.keys(FILES).filter((n) => !n.includes(LONG_DIR));
    const archive = new Uint8Array(execFileSync('tar', ['--format=v7', '-C', dir, '-cf', '-', ...short]));
    const got = read(archive, 7);
    expect(got.damage.filter((d) => !/symbolic link/.test(d.message))).toEqual([]);
    expect(sorted(got)).toEqual(expected(short));
  });

  it('a damaged header is reported at its offset and the files after it are still read', () => {
    const archive = tar('gnu').slice();
    const clean = read(archive);
    // Find the header of metrics.prom and break its checksum.
    const text = Buffer.from(archive).toString('latin1');
    const at = text.indexOf('export/metrics.prom');
    expect(at % 512).toBe(0);
    archive[at + 10] = archive[at + 10]! ^ 0xff;
    const got = read(archive, 4096);
    expect(got.damage.filter((d) => !/symbolic link/.test(d.message)).map((d) => [d.kind, d.offset])).toEqual([['bad-header', at]]);
    expect(got.damage[0]!.message).toMatch(/checksum/);
    expect(got.members.map((m) => m.name)).toEqual(clean.members.map((m) => m.name).filter((n) => n !== 'export/metrics.prom'));
  });

  it('an archive cut inside a file ends that file with the bytes it lacks; cut inside a header, the archive says so', () => {
    const archive = tar('ustar');
    const text = Buffer.from(archive).toString('latin1');
    const logHeader = text.indexOf('export/app.log');
    const cut = logHeader + 512 + 100;
    const got = read(archive.subarray(0, cut), 7);
    const log = got.members.find((m) => m.name === 'export/app.log')!;
    expect([log.bytes, log.missing]).toEqual([FILES['export/app.log']!.slice(0, 100), FILES['export/app.log']!.length - 100]);
    expect(got.damage.filter((d) => !/symbolic link/.test(d.message))).toEqual([]);
    const inHeader = read(archive.subarray(0, logHeader + 300));
    expect(inHeader.damage.filter((d) => d.kind !== 'unsupported').map((d) => [d.kind, d.offset])).toEqual([['truncated', logHeader]]);
  });

  it('cut inside the padding of a file\'s last block, the archive says it is cut', () => {
    const archive = tar('ustar');
    const text = Buffer.from(archive).toString('latin1');
    const logHeader = text.indexOf('export/app.log');
    const size = FILES['export/app.log']!.length;
    // the file's bytes are all there, its block's padding is not
    const inPad = read(archive.subarray(0, logHeader + 512 + size + 10));
    expect(inPad.members.find((m) => m.name === 'export/app.log')!.missing).toBe(0);
    const cut = inPad.damage.filter((d) => d.kind !== 'unsupported');
    expect(cut.map((d) => d.kind)).toEqual(['truncated']);
    expect(cut[0]!.message).toContain('padding');
  });

  it('stops at the end-of-archive marker: what follows it is padding, not members', () => {
    const archive = tar('gnu');
    const junk = Buffer.concat([Buffer.from(archive), Buffer.from('trailing junk that is not a header '.repeat(40))]);
    expect(read(new Uint8Array(junk))).toEqual(read(archive));
  });

  it('isTarHeader: text, JSON, zero blocks and a header with a wrong checksum are not tar', () => {
    const block = (s: string) => new Uint8Array(Buffer.concat([Buffer.from(s), Buffer.alloc(512)]).subarray(0, 512));
    expect(isTarHeader(block('{"resourceSpans":[]}'))).toBe(false);
    expect(isTarHeader(block('2024-01-01T00:00:00Z INFO hello ustar  '.repeat(20)))).toBe(false);
    expect(isTarHeader(new Uint8Array(512))).toBe(false);
    const h = tar('ustar').slice(0, 512);
    h[0] = h[0]! + 1;
    expect(isTarHeader(h)).toBe(false);
    expect(isTarHeader(tar('ustar').subarray(0, 511))).toBe(false);
  });

  it('reads sizes in the GNU base-256 form', () => {
    // A GNU header whose size field uses the base-256 form tar(1) writes past 8 GB, here for 5 bytes.
    const archive = tar('gnu').slice();
    const text = Buffer.from(archive).toString('latin1');
    const at = text.indexOf('export/metrics.prom');
    const size = FILES['export/metrics.prom']!.length;
    archive.fill(0, at + 124, at + 136);
    archive[at + 124] = 0x80;
    archive[at + 135] = size;
    // Recompute the checksum for the edited header.
    archive.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += archive[at + i]!;
    Buffer.from(sum.toString(8).padStart(6, '0') + '\0 ').copy(archive, at + 148);
    expect(sorted(read(archive, 7))).toEqual(expected());
  });

  it('a size no member can have (base-256 negative, an extended size past 2^53) is damage: the members after it are read', () => {
    const reseal = (archive: Uint8Array, at: number) => {
      archive.fill(0x20, at + 148, at + 156);
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += archive[at + i]!;
      Buffer.from(sum.toString(8).padStart(6, '0') + '\0 ').copy(archive, at + 148);
    };
    const archive = tar('gnu').slice();
    const text = Buffer.from(archive).toString('latin1');
    const at = text.indexOf('export/metrics.prom');
    archive.fill(0xff, at + 124, at + 136);
    reseal(archive, at);
    const got = read(archive, 7);
    expect(got.damage.filter((d) => !/symbolic link/.test(d.message)).map((d) => [d.kind, d.offset])).toEqual([['bad-header', at]]);
    expect(sorted(got).map((m) => m.name)).toEqual(expected().map((m) => m.name).filter((n) => n !== 'export/metrics.prom'));
    // pax: the header's own size stands in, as tar does
    const pax = tar('pax').slice();
    const ptext = Buffer.from(pax).toString('latin1');
    const name = 'export/metrics.prom';
    const member = ptext.indexOf(name, ptext.indexOf(name) + name.length); // the ustar header after its extended header
    const ext = ptext.lastIndexOf('PaxHeaders', member);
    const extHeader = ext - (ext % 512);
    const record = ' size=99999999999999999999999999\n';
    const body = Buffer.from(`${record.length + 2}${record}`);
    const withSize = Buffer.concat([Buffer.from(pax.subarray(0, extHeader + 512)), body, Buffer.alloc(512 - body.length), Buffer.from(pax.subarray(extHeader + 1024))]);
    withSize.fill(0, extHeader + 124, extHeader + 136);
    Buffer.from(body.length.toString(8).padStart(11, '0') + '\0').copy(withSize, extHeader + 124);
    const w = new Uint8Array(withSize);
    reseal(w, extHeader);
    const got2 = read(w, 7);
    expect(got2.damage.filter((d) => !/symbolic link/.test(d.message)).map((d) => d.message)).toEqual([`an extended header's size "99999999999999999999999999" at byte ${extHeader + 1024} of the archive is no size: the header's own is used`]);
    expect(sorted(got2)).toEqual(expected());
  });
});

describe.skipIf(process.platform === 'win32')('a sparse member', () => {
  it('is named as sparse (unsupported) in pax and GNU archives, and the members after it are read', () => {
    const d = mkdtempSync(join(tmpdir(), 'obsready-tarsparse-'));
    try {
      writeFileSync(join(d, 'sparse.log'), '{"msg":"x"}\n');
      execFileSync('truncate', ['-s', '2M', join(d, 'sparse.log')]); // a hole of 2 MB after the line
      writeFileSync(join(d, 'ok.log'), '{"msg":"y"}\n');
      for (const format of ['pax', 'gnu']) {
        const archive = new Uint8Array(execFileSync('tar', [`--format=${format}`, '--sparse', '-C', d, '-cf', '-', 'sparse.log', 'ok.log'], { maxBuffer: 1 << 24 }));
        const got = read(archive, 4096);
        expect(got.damage.map((x) => [x.kind, x.message.slice(0, 33)]), format).toEqual([['unsupported', '"sparse.log" is a GNU sparse file']]);
        expect(got.members.map((m) => [m.name, m.bytes]), format).toEqual([['ok.log', '{"msg":"y"}\n']]);
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
