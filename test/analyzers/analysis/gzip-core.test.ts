// The core's gzip reader (for .gz files in archives and on pipes) checks each member's trailer, as
// gzip -t does: a member whose data does not match its CRC-32 or length is said to be damaged
// (before, fflate's streaming Gunzip read it silently); good single and multi-member files pass.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipStream } from '../../../analyzers/analysis/gzip.js';

function inflate(bytes: Uint8Array, chunk: number): { out: string; fails: string[] } {
  const parts: Uint8Array[] = [];
  const fails: string[] = [];
  const z = new GzipStream({ data: (b) => void parts.push(b.slice()), fail: (code, message) => void fails.push(`${code}: ${message}`), accepting: true });
  for (let i = 0; i < bytes.length; i += chunk) z.push(bytes.subarray(i, i + chunk));
  z.end();
  return { out: Buffer.concat(parts).toString(), fails };
}

const text = (n: number) => Array.from({ length: n }, (_, i) => `{"level":"info","msg":"m${i}"}\n`).join('');

describe('GzipStream trailer check', () => {
  const a = text(3000);
  const b = text(10);
  const two = new Uint8Array(Buffer.concat([gzipSync(a), gzipSync(b)]));

  it('passes good single and multi-member streams in any chunking', () => {
    for (const chunk of [1, 7, 4096, two.length]) {
      expect(inflate(new Uint8Array(gzipSync(a)), chunk)).toEqual({ out: a, fails: [] });
      expect(inflate(two, chunk)).toEqual({ out: a + b, fails: [] });
    }
  });

  it('says a member whose CRC-32 does not match, after reading what came before it', () => {
    const first = gzipSync(a).length;
    for (const at of [first - 8, two.length - 8]) {
      const bad = two.slice();
      bad[at] = bad[at]! ^ 0xff; // the CRC-32 of the first or of the last member
      const r = inflate(bad, 4096);
      expect(r.fails).toHaveLength(1);
      expect(r.fails[0]).toMatch(/^decompress-failed: not a valid gzip stream: incorrect data check: the data does not match the CRC-32/);
      expect(r.out.startsWith(a)).toBe(true);
    }
  });
});
