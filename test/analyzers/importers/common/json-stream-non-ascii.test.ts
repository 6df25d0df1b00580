// A character past ASCII where JSON has structure breaks the document there: the error names the
// character (it named its first byte as a Latin-1 letter: '€' was 'â'), whatever the chunking
// (its bytes may be cut between chunks), and bytes that are not UTF-8 there are also said as such,
// at their place (a cut code unit of a UTF-16 input after the document said nothing of it).
import { describe, expect, it } from 'vitest';
import { JsonStreamScanner } from '../../../../analyzers/importers/common/json-stream.js';

function scan(bytes: Uint8Array, chunk: number): [string, number, number, string?][] {
  const out: [string, number, number, string?][] = [];
  const s = new JsonStreamScanner(
    { id: 1, items: { id: 2, keys: { a: { id: 3, capture: true } } } },
    {
      value: () => {},
      error: (code, message, offset, line) => out.push([code, line, offset, message]),
      invalidUtf8: (offset, line) => out.push(['invalid-utf8', line, offset]),
    },
  );
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return out;
}

const bytesOf = (...parts: (string | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

describe('JsonStreamScanner: a byte past ASCII where JSON has structure', () => {
  it.each([1, 2, 3, 7, 4096])('named as its character, or said to be no UTF-8 at its place (%i-byte chunks)', (chunk) => {
    // by hand: `[{}]\n` is 5 bytes, so the byte after it is at 5, on line 2
    expect(scan(bytesOf('[{}]\n€'), chunk)).toEqual([['invalid-json', 2, 5, "unexpected character '€' at byte 5"]]);
    expect(scan(bytesOf('[{}]\n😀'), chunk)).toEqual([['invalid-json', 2, 5, "unexpected character '😀' at byte 5"]]);
    // a U+FFFD written in UTF-8 is a character like any
    expect(scan(bytesOf('[{}]\n\uFFFD'), chunk)).toEqual([['invalid-json', 2, 5, "unexpected character '\uFFFD' at byte 5"]]);
    // a cut UTF-16 unit as the transcoder gives it (F4 8F BF), a Latin-1 byte, a lead byte the input ends after
    for (const bad of [[0xf4, 0x8f, 0xbf], [0xe9, 0x20], [0xe2, 0x82]]) {
      expect(scan(bytesOf('[{}]\n', bad), chunk)).toEqual([
        ['invalid-utf8', 2, 5],
        ['invalid-json', 2, 5, 'unexpected bytes that are not UTF-8 at byte 5'],
      ]);
    }
    // where a member name is expected: the error as before, and the bad bytes said
    expect(scan(bytesOf('[{', [0xff], '"a":1}]'), chunk)).toEqual([
      ['invalid-utf8', 1, 2],
      ['invalid-json', 1, 2, 'expected a member name at byte 2'],
    ]);
  });
});
