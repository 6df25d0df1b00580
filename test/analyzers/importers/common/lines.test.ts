import { describe, expect, it } from 'vitest';
import { LineSplitter, crOnlyHead, escapeLength, looksBinary, nulTerminatedHead } from '../../../../analyzers/importers/common/lines.js';
import type { LineEnds } from '../../../../analyzers/importers/types.js';

function split(bytes: Uint8Array, chunk: number, max?: number, ends?: LineEnds) {
  const out: [string, number, number][] = [];
  const long: [number, number, number][] = [];
  const invalid: [number, number][] = [];
  const s = new LineSplitter({ line: (t, l, o) => out.push([t, l, o]), tooLong: (l, o, b) => long.push([l, o, b]), invalidUtf8: (l, o) => invalid.push([l, o]) }, max, ends);
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return { out, long, invalid, ends: s.lineEnds, seen: s.linesSeen };
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

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
    expect(split(new Uint8Array([0x61, 0xff, 0x62, 10]), 1).invalid).toEqual([[1, 0]]);
  });

  it('an empty input gives no line', () => {
    expect(split(new Uint8Array(), 1).out).toEqual([]);
  });
});

describe('LineSplitter: CR-only line ends', () => {
  // Classic Mac OS / network-device style: a lone CR ends each line; an empty line (3); no CR
  // after the last line.
  const text = 'alpha\rbeta\r\rgamma é\rdelta';
  const bytes = enc(text);

  it('splits at a lone CR, counts the lines and gives each line its byte offset', () => {
    const { out, ends, seen } = split(bytes, bytes.length);
    expect(ends).toBe('cr');
    expect(seen).toBe(5);
    expect(out).toEqual([
      ['alpha', 1, 0],
      ['beta', 2, 6],
      ['', 3, 11],
      ['gamma é', 4, 12],
      ['delta', 5, 21],
    ]);
  });

  it.each([1, 2, 3, 7, 4096])('is chunking-invariant (%i-byte chunks)', (n) => {
    expect(split(bytes, n).out).toEqual(split(bytes, bytes.length).out);
  });

  it.each([1, 2, 3, 7, 4096])('in a CR-only input a CRLF (also cut between chunks) and an LF end one line each (%i-byte chunks)', (n) => {
    const mixed = enc('alpha\rbeta\r\ngamma\ndelta\r\r\nepsilon');
    expect(split(mixed, n, undefined, 'cr').out).toEqual([
      ['alpha', 1, 0],
      ['beta', 2, 6],
      ['gamma', 3, 12],
      ['delta', 4, 18],
      ['', 5, 24],
      ['epsilon', 6, 26],
    ]);
  });

  it('a CR then an LF in the next chunk is one line end, not an extra empty line', () => {
    const s = enc('a\r\nb\r');
    const out: string[] = [];
    const sp = new LineSplitter({ line: (t) => out.push(t) }, undefined, 'cr');
    sp.push(s.subarray(0, 2)); // "a\r"
    sp.push(s.subarray(2, 3)); // "\n"
    sp.push(s.subarray(3));
    sp.end();
    expect(out).toEqual(['a', 'b']);
    expect(sp.linesSeen).toBe(2);
  });

  it('a trailing CR ends the last line (no empty line after it)', () => {
    expect(split(enc('x\ry\r'), 1).out).toEqual([['x', 1, 0], ['y', 2, 2]]);
  });

  it('is decided per file from the head: one LF in it makes the input an LF one', () => {
    expect(split(enc('a\rb\r\nc\rd\n'), 1).out.map((o) => o[0])).toEqual(['a\rb', 'c\rd']);
  });

  it('is decided per file from the head: a stray CR in an LF or CRLF file stays inside its line', () => {
    // A progress bar redrawn with CRs in an LF log, and the same in a CRLF log: split as before.
    const lf = enc('start\n10%\r50%\r100%\ndone\n');
    expect(split(lf, 3).out.map((o) => o[0])).toEqual(['start', '10%\r50%\r100%', 'done']);
    expect(split(lf, 3).ends).toBe('lf');
    const crlf = enc('start\r\n10%\r50%\r100%\r\ndone\r\n');
    expect(split(crlf, 1).out.map((o) => o[0])).toEqual(['start', '10%\r50%\r100%', 'done']);
    // Even when the first line holds the stray CRs: the LF later in the head decides.
    expect(split(enc('10%\r100%\nnext\n'), 2).out.map((o) => o[0])).toEqual(['10%\r100%', 'next']);
  });

  it('decides from the first 64 KB only: an LF after them does not turn CR-only back (chunking-invariant)', () => {
    const line = 'x'.repeat(99) + '\r';
    const big = enc(line.repeat(1000) + 'tail\nlast'); // 100,000 bytes of CR-ended lines, then an LF
    const whole = split(big, big.length);
    expect(whole.ends).toBe('cr');
    expect(whole.out).toHaveLength(1002);
    expect(whole.out[1000]).toEqual(['tail', 1001, 100_000]);
    for (const n of [7, 4096, 65_535, 65_536, 65_537]) expect(split(big, n).out).toEqual(whole.out);
  });

  it('a head without CR or LF (one long line) is LF', () => {
    expect(split(enc('no line end at all'), 4).ends).toBe('lf');
  });

  it("the caller may fix the line ends ('lf': CR-only text stays one line)", () => {
    expect(split(enc('a\rb\r'), 2, undefined, 'lf').out).toEqual([['a\rb', 1, 0]]);
  });

  it('skips an over-long CR-ended line and goes on counting lines', () => {
    const all = enc('ok\r' + 'a'.repeat(5000) + '\r\rafter\r');
    const { out, long } = split(all, 333, 1000);
    expect(out).toEqual([['ok', 1, 0], ['', 3, 5004], ['after', 4, 5005]]);
    expect(long).toEqual([[2, 3, 5000]]);
  });

  it('crOnlyHead: CRs and no LF in the first 64 KB', () => {
    expect(crOnlyHead(enc('a\rb\r'))).toBe(true);
    expect(crOnlyHead(enc('a\r\nb'))).toBe(false);
    expect(crOnlyHead(enc('a\nb'))).toBe(false);
    expect(crOnlyHead(enc('ab'))).toBe(false);
  });
});

describe('NUL-terminated messages without LF (syslog datagrams captured raw)', () => {
  const datagrams = '<14>Nov 27 15:00:01 web01 app[42]: one\0<11>Nov 27 15:00:02 web01 app[42]: two\0<14>three\0';
  const raw = (bytes: Uint8Array, chunk: number, nulEnds: boolean) => {
    const out: [string, number, number][] = [];
    const s = new LineSplitter({ line: (t, l, o) => out.push([t, l, o]) }, undefined, 'auto', nulEnds);
    for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
    s.end();
    return out;
  };

  it('nulTerminatedHead: each NUL before a <PRI> or a date; not UTF-16, binary bytes or a NUL before other text', () => {
    expect(nulTerminatedHead(enc(datagrams))).toBe(true);
    expect(nulTerminatedHead(enc('2024-01-05 10:00:00 INFO a\x002024-01-05 10:00:01 INFO b\0'))).toBe(true);
    // UTF-16LE of the same text: a NUL after every ASCII letter
    expect(nulTerminatedHead(new Uint8Array([...datagrams].flatMap((c) => [c.charCodeAt(0), 0])))).toBe(false);
    expect(nulTerminatedHead(enc('<14>app: a\0junk\0<14>app: b\0'))).toBe(false);
    expect(nulTerminatedHead(enc('<14>app: a\0\0<14>app: b\0'))).toBe(false);
    expect(nulTerminatedHead(enc('<14>app: a\x01\x02\0<14>app: b\0'))).toBe(false);
    expect(nulTerminatedHead(enc('no NUL at all'))).toBe(false);
  });

  it('a splitter asked to (text logs) ends a line at each NUL, in any chunking; others keep one line', () => {
    const bytes = enc(datagrams);
    const want = [
      ['<14>Nov 27 15:00:01 web01 app[42]: one', 1, 0],
      ['<11>Nov 27 15:00:02 web01 app[42]: two', 2, 39],
      ['<14>three', 3, 78],
    ];
    for (const chunk of [1, 7, 4096]) expect(raw(bytes, chunk, true), `${chunk}-byte chunks`).toEqual(want);
    expect(raw(bytes, 4096, false)).toHaveLength(1);
  });
});

describe('looksBinary', () => {
  it('detects NUL and control-heavy content but not text', () => {
    expect(looksBinary(new Uint8Array([0x7b, 0x00, 0x7d]))).toBe(true);
    expect(looksBinary(new Uint8Array(100).fill(1))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('{"a":1}\n\tx\r\n'))).toBe(false);
  });
});

describe('looksBinary: terminal escape sequences are text', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  const ESC = '\u001b';

  it("winston's cli format with colorize({ all: true }) (a tenth of its bytes ESC): text; the same share of bare ESC bytes is not", () => {
    // the lines winston 3.19 wrote to a file
    const line = (c: number, level: string, pad: string, msg: string) => `${ESC}[${c}m${ESC}[${c}m${level}${ESC}[${c}m${ESC}[39m:${pad}${ESC}[${c}m${msg}${ESC}[39m\n`;
    const text = line(34, 'debug', '   ', 'cache warm') + line(32, 'info', '    ', 'stock updated') + line(33, 'warn', '    ', 'low stock') + line(31, 'error', '   ', 'db write failed') + line(32, 'info', '    ', 'done');
    const b = bytes(text);
    const esc = b.filter((x) => x === 0x1b).length;
    expect(esc / b.length).toBeGreaterThan(0.1); // over the limit when counted as control bytes
    expect(looksBinary(b)).toBe(false);
    // ESC followed by what begins no sequence: control bytes, as before
    expect(looksBinary(bytes(text.replaceAll(`${ESC}[`, `${ESC}\u0001`)))).toBe(true);
  });

  it('grep --color=always, an OSC 8 hyperlink and `tput sgr0` (ESC(B) are text', () => {
    const grep = `${ESC}[35m${ESC}[Kapp.log${ESC}[m${ESC}[K${ESC}[36m${ESC}[K:${ESC}[m${ESC}[K${ESC}[01;31m${ESC}[KERROR${ESC}[m${ESC}[K x\n`;
    expect(looksBinary(bytes(grep.repeat(5)))).toBe(false);
    const link = `${ESC}]8;;https://example.com/unit${ESC}\\unit${ESC}]8;;${ESC}\\ ok ${ESC}]0;title\u0007\n`;
    expect(looksBinary(bytes(link.repeat(5)))).toBe(false);
    expect(looksBinary(bytes(`${ESC}(B${ESC}[m${ESC}7${ESC}8x\n`.repeat(5)))).toBe(false);
  });
});

describe('escapeLength', () => {
  const at = (s: string, end?: number) => escapeLength(new TextEncoder().encode(s), 0, end);
  it('a CSI, an OSC to BEL or ST, an ESC with intermediates and a final byte', () => {
    expect([at('\u001b[32mx'), at('\u001b[01;31m'), at('\u001b[38:5:196m'), at('\u001b[K'), at('\u001b[?25l')]).toEqual([5, 8, 11, 3, 6]);
    expect([at('\u001b]0;t\u0007x'), at('\u001b]8;;u\u001b\\x'), at('\u001b(B'), at('\u001b7'), at('\u001bc')]).toEqual([6, 8, 3, 2, 2]);
  });
  it('none: a sequence cut by the end, an unterminated or too long OSC, a control byte inside, ESC ESC', () => {
    expect([at('\u001b[3'), at('\u001b[32m', 4), at('\u001b'), at('\u001b]0;t'), at(`\u001b]${'x'.repeat(253)}\u0007`), at('\u001b]0;t\nx\u0007'), at('\u001b\u001b[m'), at('\u001b[\n')]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(at(`\u001b]${'x'.repeat(252)}\u0007`)).toBe(255);
  });
});

