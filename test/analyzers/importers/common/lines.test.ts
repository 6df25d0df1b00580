import { describe, expect, it } from 'vitest';
import { LineSplitter, looksBinary } from '../../../../analyzers/importers/common/lines.js';

function split(bytes: Uint8Array, chunk: number, max?: number) {
  const out: [string, number, number][] = [];
  const long: [number, number, number][] = [];
  const s = new LineSplitter({ line: (t, l, o) => out.push([t, l, o]), tooLong: (l, o, b) => long.push([l, o, b]) }, max);
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return { out, long, invalid: s.invalidUtf8 };
}

describe('LineSplitter', () => {
  const text = 'alpha\r\nbeta\n\ngamma é ✓\r\nlast-without-newline';
  const bytes = new TextEncoder().encode(text);

  it('gives lines, 1-based numbers and byte offsets, CRLF stripped', () => {
    const { out } = split(bytes, bytes.length);
    expect(out).toEqual([
      ['alpha', 1, 0],
      ['beta', 2, 7],
      ['', 3, 12],
      ['gamma é ✓', 4, 13],
      ['last-without-newline', 5, 13 + new TextEncoder().encode('gamma é ✓\r\n').length],
    ]);
  });

  it.each([1, 2, 3, 7, 4096])('is chunking-invariant (%i-byte chunks, multi-byte UTF-8 split)', (n) => {
    expect(split(bytes, n).out).toEqual(split(bytes, bytes.length).out);
  });

  it('skips an over-long line with bounded memory and reports it once', () => {
    const big = new Uint8Array(10_000).fill(97);
    const all = new Uint8Array([...new TextEncoder().encode('ok\n'), ...big, 10, ...new TextEncoder().encode('after')]);
    const { out, long } = split(all, 333, 1000);
    expect(out.map((o) => o[0])).toEqual(['ok', 'after']);
    expect(long).toEqual([[2, 3, 10_000]]);
    expect(out[1]![1]).toBe(3);
  });

  it('flags invalid UTF-8', () => {
    expect(split(new Uint8Array([0x61, 0xff, 0x62, 10]), 1).invalid).toBe(true);
  });

  it('an empty input gives no line', () => {
    expect(split(new Uint8Array(), 1).out).toEqual([]);
  });
});

describe('looksBinary', () => {
  it('detects NUL and control-heavy content but not text', () => {
    expect(looksBinary(new Uint8Array([0x7b, 0x00, 0x7d]))).toBe(true);
    expect(looksBinary(new Uint8Array(100).fill(1))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('{"a":1}\n\tx\r\n'))).toBe(false);
  });
});
