// Text in a legacy code page of a non-Latin script (Cyrillic windows-1251 / KOI8-R, Greek,
// Shift_JIS, EUC-JP, GB18030): more than a third of its bytes are non-ASCII, so it was taken for
// binary (0 records). It is read byte for byte as Windows-1252 (lines, times and levels), and one
// error says which encoding family it looks like, that its text is garbled, and how to convert it.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../helpers/analyse.js';
import { legacyText } from '../../../analyzers/analysis/analysis.js';

const enc = new TextEncoder();

/** Lines with an ASCII timestamp and level, and a message of `msg` bytes. */
function lines(n: number, msg: (i: number) => number[]): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(...enc.encode(`2024-03-01 10:00:${String(i % 60).padStart(2, '0')} ${i % 5 === 0 ? 'ERROR' : 'INFO'} [main] `), ...msg(i), 0x0a);
  return new Uint8Array(out);
}

// "Ошибка подключения к базе данных" in windows-1251 (from the code chart: А–Я = C0–DF, а–я = E0–FF)
function cp1251(text: string): number[] {
  return [...text].map((c) => (c === ' ' ? 0x20 : c === 'ё' ? 0xb8 : c >= 'а' && c <= 'я' ? 0xe0 + c.charCodeAt(0) - 0x430 : c >= 'А' && c <= 'Я' ? 0xc0 + c.charCodeAt(0) - 0x410 : c.charCodeAt(0)));
}
// "接続に失敗しました" in Shift_JIS (each character two bytes, from the JIS X 0208 table)
const SJIS = [0x90, 0xda, 0x91, 0xb1, 0x82, 0xc9, 0x8e, 0xb8, 0x94, 0x73, 0x82, 0xb5, 0x82, 0xdc, 0x82, 0xb5, 0x82, 0xbd];

describe('legacy non-Latin encodings', () => {
  it('windows-1251 Russian: 300 lines read (was: the input is binary, 0 records), one error naming the code page family', () => {
    const bytes = lines(300, (i) => cp1251(`Ошибка подключения к базе данных номер ${i}`));
    for (const chunk of [7, 4096, bytes.length]) {
      const input = analyseText(bytes, chunk, 'app.log');
      expect([input.format, input.records, input.rejected, input.encoding]).toEqual(['text-logs', 300, 0, 'windows-1252']);
      // by hand: line 1's first non-ASCII byte follows `2024-03-01 10:00:00 ERROR [main] ` (33 bytes)
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 1, 33]]);
      expect(input.errors[0]!.message).toContain('legacy 8-bit code page of a non-Latin script');
      expect(input.errors[0]!.message).toContain('iconv -f');
    }
  });

  it('Shift_JIS in JSON Lines: read, but not silently as Windows-1252 (the message names a CJK encoding)', () => {
    const bytes = new Uint8Array([...Array.from({ length: 50 }, (_, i) => [...enc.encode(`{"level":"error","n":${i},"msg":"`), ...SJIS, ...enc.encode('"}\n')]).flat()]);
    const input = analyseText(bytes, 4096, 'app.jsonl');
    expect([input.format, input.records, input.rejected]).toEqual(['jsonl-logs', 50, 0]);
    expect(input.errors).toHaveLength(1);
    expect(input.errors[0]!.message).toMatch(/legacy CJK double-byte encoding/);
  });

  it('Latin-1 text keeps its plain note; damaged UTF-8 (the same few bad bytes) is not called a script', () => {
    const latin = lines(50, (i) => [...enc.encode('Benutzer M'), 0xfc, ...enc.encode(`ller ${i}`)]);
    expect(legacyText(latin, true)).toEqual({});
    const damaged = lines(50, () => [...enc.encode('done '), 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff]);
    expect(legacyText(damaged, true)?.nonLatin).toBeUndefined();
  });

  it('binary data stays binary', () => {
    const bytes = new Uint8Array(20_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    expect(legacyText(bytes, true)).toBeUndefined();
    expect(analyseText(bytes, 4096).errors.map((e) => e.code)).toEqual(['binary-data']);
  });
});
