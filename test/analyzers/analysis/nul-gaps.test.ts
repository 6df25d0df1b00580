// A run of NULs in the middle of a text input (what logrotate's copytruncate leaves after the
// lines written before the truncation, when the writer kept its offset) is one gap: skipped and
// reported once with its offset and length; the lines on both sides are read.
import { describe, expect, it } from 'vitest';
import { NulGapStripper, MIN_NUL_GAP } from '../../../analyzers/analysis/nul-gaps.js';
import { analyseText } from '../../helpers/analyse.js';

const enc = new TextEncoder();

function withGap(before: string, gap: number, after: string): Uint8Array {
  const a = enc.encode(before);
  const b = enc.encode(after);
  const bytes = new Uint8Array(a.length + gap + b.length);
  bytes.set(a, 0);
  bytes.set(b, a.length + gap);
  return bytes;
}

describe('a NUL gap in a text log', () => {
  const line = (i: number) => `2024-03-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO request ${String(i).padStart(3, '0')}\n`; // 20 + 1 + 4 + 1 + 7 + 1 + 3 + 1 = 38 bytes
  const before = Array.from({ length: 100 }, (_, i) => line(i)).join('');
  const after = Array.from({ length: 100 }, (_, i) => line(100 + i)).join('');

  it('100 lines, 1 MB of NULs, 100 lines: 200 records and one error at the gap (was: the input is binary, 0 records)', () => {
    const bytes = withGap(before, 1_000_000, after);
    expect(before.length).toBe(3800);
    for (const chunk of [7, 4096, 1 << 20, bytes.length]) {
      const input = analyseText(bytes, chunk, 'app.log');
      expect([chunk, input.format, input.records, input.rejected]).toEqual([chunk, 'text-logs', 200, 0]);
      // by hand: the gap starts after the 100 lines of 38 bytes
      expect(input.errors.map((e) => [e.code, e.offset])).toEqual([['binary-data', 3800]]);
      expect(input.errors[0]!.message).toContain('1,000,000 NUL bytes');
    }
  });

  it('JSON Lines: the line glued after the NULs is read, and offsets after the gap count the NULs', () => {
    const json = (i: number) => `{"level":"info","msg":"m${String(i).padStart(3, '0')}"}\n`; // 16 + 12 + 1 + 1 = 30 bytes
    const head = Array.from({ length: 100 }, (_, i) => json(i)).join('');
    const tail = json(100) + '{"msg": broken\n' + Array.from({ length: 98 }, (_, i) => json(101 + i)).join('');
    const bytes = withGap(head, 1_000_000, tail);
    for (const chunk of [7, 4096, 1 << 20]) {
      const input = analyseText(bytes, chunk, 'app.jsonl');
      // by hand: 100 + 1 (glued after the gap) + 98 records; line 102 is rejected, at offset
      // 100 × 30 + 1,000,000 NULs + 30 (line 101)
      expect([input.format, input.records, input.rejected]).toEqual(['jsonl-logs', 199, 1]);
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([
        ['binary-data', undefined, 3000],
        ['invalid-json', 102, 3000 + 1_000_000 + 30],
      ]);
    }
  });

  it('binary data with NUL runs stays binary', () => {
    const bytes = new Uint8Array(20_000);
    for (let i = 0; i < bytes.length; i += 200) bytes.set([1, 2, 3, 0xff, 0xfe, 7, 8], i);
    expect(analyseText(bytes, 4096).errors.map((e) => e.code)).toEqual(['binary-data']);
  });
});

describe('NulGapStripper', () => {
  it('gives the same bytes and gaps in any chunking; short NUL runs stay', () => {
    const bytes = withGap('ab\0c', 100, 'd' + '\0'.repeat(MIN_NUL_GAP - 1) + 'e');
    const expected = 'ab\0cd' + '\0'.repeat(MIN_NUL_GAP - 1) + 'e';
    for (const chunk of [1, 3, 7, 64, bytes.length]) {
      const gaps: [number, number][] = [];
      const s = new NulGapStripper((o, n) => gaps.push([o, n]));
      const out: number[] = [];
      for (let i = 0; i < bytes.length; i += chunk) for (const p of s.push(bytes.subarray(i, i + chunk))) out.push(...p);
      for (const p of s.end()) out.push(...p);
      expect(String.fromCharCode(...out)).toBe(expected);
      expect(gaps).toEqual([[4, 100]]);
      expect([s.toInput(3), s.toInput(4), s.toInput(5)]).toEqual([3, 104, 105]);
    }
  });

  it('a run at the end of the input is a gap too', () => {
    const s = new NulGapStripper(() => undefined);
    expect(s.push(new Uint8Array([65, ...new Array<number>(70).fill(0)])).map((p) => p.length)).toEqual([1]);
    expect(s.end()).toEqual([]);
  });
});
