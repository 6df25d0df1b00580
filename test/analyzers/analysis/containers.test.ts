// Compressed files and archives other than gzip and tar are not opened; they are named (code
// `unsupported`, with what to do) instead of passing as "binary". A tar is opened by the file
// reader (analysis/source.ts); pushed straight into one input (a tar inside a tar) it is refused
// too, not read as a log whose first line carries the tar header.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { unsupportedContainer } from '../../../analyzers/importers/sniff.js';
import type { Report } from '../../../analyzers/report/model.js';

function run(bytes: Uint8Array): Report {
  const analysis = new Analysis({ toolVersion: '0.0.0-test' });
  const s = analysis.openInput('input', { totalBytes: bytes.length });
  s.push(bytes);
  s.end();
  return analysis.finish() as Report;
}

const LOG = Array.from({ length: 300 }, (_, i) => `2024-01-01T00:00:00Z INFO line ${i + 1}`).join('\n') + '\n';

describe('containers that are not gzip', () => {
  it.skipIf(process.platform === 'win32')('a tar pushed straight into one input is refused as a tar archive, not read as a 299-record log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'obsready-tar-'));
    try {
      writeFileSync(join(dir, 'app.log'), LOG);
      execFileSync('tar', ['-cf', join(dir, 'app.tar'), '-C', dir, 'app.log']);
      const input = run(new Uint8Array(readFileSync(join(dir, 'app.tar')))).inputs[0]!;
      expect([input.format, input.records, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
      expect(input.errors[0]!.message).toContain('tar archive');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names zstd (inside an archive), xz, bzip2, lz4, zip and 7z by their magic bytes', () => {
    const withMagic = (magic: number[]) => new Uint8Array([...magic, ...new Array<number>(64).fill(0)]);
    expect(unsupportedContainer(withMagic([0x28, 0xb5, 0x2f, 0xfd]))).toMatch(/^zstd/);
    expect(unsupportedContainer(withMagic([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))).toMatch(/^xz/);
    expect(unsupportedContainer(withMagic([0x42, 0x5a, 0x68, 0x39]))).toMatch(/^bzip2/);
    expect(unsupportedContainer(withMagic([0x04, 0x22, 0x4d, 0x18]))).toMatch(/^lz4/);
    expect(unsupportedContainer(withMagic([0x50, 0x4b, 0x03, 0x04]))).toMatch(/zip archive/);
    expect(unsupportedContainer(withMagic([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))).toMatch(/7-Zip/);
    expect(unsupportedContainer(withMagic([0x1f, 0x8b, 0x08]))).toMatch(/gzip-compressed inside compressed data/);
    const zst = run(withMagic([0x28, 0xb5, 0x2f, 0xfd])).inputs[0]!;
    expect(zst.errors.map((e) => e.code)).toEqual(['unsupported']);
    // Text that merely starts like one ("BZh" then a letter, "ustar" elsewhere) is not a container.
    expect(unsupportedContainer(new TextEncoder().encode('BZhello world\n' + 'ustar '.repeat(100)))).toBeUndefined();
    expect(run(new TextEncoder().encode(LOG)).inputs[0]).toMatchObject({ format: 'text-logs', records: 300 });
  });
});
