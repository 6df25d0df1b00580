// zstd inputs as the OpenTelemetry Collector's file exporter writes them with `compression: zstd`:
// a plain .zst (its native compression; also what `zstd` writes) and its legacy framing (each
// message a 4-byte big-endian length, then one zstd frame of an OTLP JSON request). Compressed
// here by the zstd command line tool; expected counts are those of the same bytes uncompressed.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../analyzers/analysis/source.js';
import type { InputReport } from '../../../analyzers/report/model.js';

const data = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const OTLP = resolve(data, 'otlp-json/jaeger-memory/otel_traces_01.json');

const zstd = (bytes: Uint8Array, ...args: string[]) => new Uint8Array(execFileSync('zstd', ['-q', '-c', ...args], { input: bytes, maxBuffer: 1 << 28 }));

function read(bytes: Uint8Array, chunk = bytes.length, name = 'in'): InputReport[] {
  const analysis = new Analysis({ toolVersion: 'test' });
  const src = new InputSource(analysis, name, { totalBytes: bytes.length });
  for (let o = 0; o < bytes.length; o += chunk) src.push(bytes.subarray(o, o + chunk));
  src.end();
  return analysis.finish('2026-01-01T00:00:00Z').inputs;
}

const counts = (r: InputReport[]) => r.map((i) => [i.format, i.signal, i.records, i.rejected, i.bytes]);

/** The legacy framing: each message compressed on its own, after its length. */
function framed(messages: Uint8Array[]): Uint8Array {
  const parts = messages.flatMap((m) => {
    const z = zstd(m);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, z.length, false);
    return [len, z];
  });
  return new Uint8Array(Buffer.concat(parts));
}

describe.skipIf(process.platform === 'win32')('zstd inputs', () => {
  const plain = new Uint8Array(readFileSync(OTLP));
  // One OTLP request a line, as the file exporter writes JSON.
  const lines = new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(plain))) + '\n');
  const expected = read(lines);

  it('a .zst reads as the bytes it holds, in any chunking, at any level, in one frame or several', () => {
    expect(expected[0]!.records).toBeGreaterThan(0);
    for (const level of ['-1', '-19']) {
      const z = zstd(lines, level);
      for (const chunk of [1, 7, 4096, z.length]) {
        const got = read(z, chunk);
        expect(counts(got), `${level} chunk ${chunk}`).toEqual(counts(expected));
        expect(got[0]!.container).toBe('zstd');
        expect(got[0]!.errors).toEqual([]);
      }
    }
    // Two frames one after the other (what a Collector writes between flushes): both read.
    const two = new Uint8Array(Buffer.concat([zstd(lines), zstd(lines)]));
    expect(read(two)[0]!.records).toBe(2 * expected[0]!.records);
  });

  it('the Collector file exporter\'s legacy framing reads as OTLP JSON Lines', () => {
    const messages = [lines, lines, lines];
    const bytes = framed(messages);
    for (const chunk of [3, 4096, bytes.length]) {
      const got = read(bytes, chunk);
      expect([got[0]!.format, got[0]!.records, got[0]!.container, got[0]!.errors]).toEqual(['otlp-json', 3 * expected[0]!.records, 'zstd', []]);
    }
    // Cut inside the last message: the first two are read, and the cut is said.
    const cut = read(bytes.subarray(0, bytes.length - 10))[0]!;
    expect(cut.records).toBe(2 * expected[0]!.records);
    expect(cut.errors.map((e) => e.code)).toEqual(['decompress-failed']);
    expect(cut.errors[0]!.message).toMatch(/message 3/);
  });

  it('a cut .zst keeps what came before the cut; a frame with a window above 128 MB is refused as zstd refuses it', () => {
    // Loghub's HDFS_2k.log: 2,000 lines, varied enough to fill several zstd blocks.
    const z = zstd(new Uint8Array(readFileSync(resolve(data, 'loghub/HDFS/HDFS_2k.log'))), '-1');
    const cut = read(z.subarray(0, Math.floor(z.length * 0.6)))[0]!;
    expect(cut.records).toBeGreaterThan(500);
    expect(cut.records).toBeLessThan(2000);
    expect(cut.errors.some((e) => e.code === 'decompress-failed')).toBe(true);
    // From a pipe (no content size) with --long=28 the header asks for a 256 MB window.
    const long = new Uint8Array(execFileSync('sh', ['-c', "yes 'level=info msg=hello' | head -c 100000 | zstd -q -c --long=28"]));
    const refused = read(long)[0]!;
    expect([refused.records, refused.errors.map((e) => e.code)]).toEqual([0, ['decompress-limit']]);
    expect(refused.errors[0]!.message).toMatch(/256 MB window/);
  });

  it('a zstd bomb stops at the .gz ratio limit', () => {
    const bomb = new Uint8Array(execFileSync('sh', ['-c', "yes '2024-01-01T00:00:00Z INFO the same line repeated forever' | head -c 100000000 | zstd -q -c -19"], { maxBuffer: 1 << 26 }));
    const r = read(bomb)[0]!;
    expect(r.errors.map((e) => e.code)).toContain('decompress-limit');
    expect(r.bytes).toBeLessThan(100_000_000);
  }, 180_000); // heavy: 64 MB of text logs read before the limit trips

  it('a bomb of zeros with a 128 MB window (zstd --long=27) stops at the limit', () => {
    const bomb = new Uint8Array(execFileSync('sh', ['-c', 'head -c 400000000 /dev/zero | zstd -q -c --long=27'], { maxBuffer: 1 << 26 }));
    const r = read(bomb)[0]!;
    expect(r.errors.map((e) => e.code)).toContain('decompress-limit');
    // the ratio limit trips past 64 MB: what came before it is read, nothing after
    expect(r.bytes).toBeGreaterThan(32 * 1024 * 1024);
    expect(r.bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
  }, 180_000); // heavy: 64 MB inflated before the limit trips

  it('a tar inside a .zst is an archive: its files are inputs of their own', () => {
    const tar = new Uint8Array(execFileSync('tar', ['-cf', '-', '-C', dirname(OTLP), 'otel_traces_01.json']));
    const got = read(zstd(tar), 4096, 'logs.tar.zst');
    expect(got.map((i) => [i.path, i.records])).toEqual([['logs.tar.zst/otel_traces_01.json', expected[0]!.records]]);
  });
});

describe.skipIf(process.platform === 'win32')('zstd: one compression layer a file', () => {
  it('zstd inside zstd is named, not opened (a crafted nesting would recurse as deep as it goes)', () => {
    const once = zstd(new TextEncoder().encode('up 1\n'));
    let nested = once;
    for (let i = 0; i < 50; i++) nested = zstd(nested);
    const [r] = read(nested);
    expect([r!.container, r!.records, r!.errors.map((e) => e.code)]).toEqual(['zstd', 0, ['unsupported']]);
    expect(r!.errors[0]!.message).toMatch(/zstd-compressed inside compressed data/);
  });

  it('a skippable frame (what pzstd writes before each frame) is read past, at the start and between frames', () => {
    const plain = new Uint8Array(readFileSync(OTLP));
    const skippable = (n: number) => {
      const b = new Uint8Array(8 + n);
      new DataView(b.buffer).setUint32(0, 0x184d2a50, true);
      new DataView(b.buffer).setUint32(4, n, true);
      return b;
    };
    const bytes = new Uint8Array(Buffer.concat([skippable(4), zstd(plain), skippable(12), zstd(new TextEncoder().encode('\n'))]));
    const [whole] = read(plain);
    for (const chunk of [bytes.length, 7]) {
      const [r] = read(bytes, chunk);
      expect([r!.container, r!.format, r!.records, r!.rejected]).toEqual(['zstd', whole!.format, whole!.records, 0]);
    }
  });
});
