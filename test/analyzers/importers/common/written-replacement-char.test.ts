// A U+FFFD written in valid UTF-8 (bytes EF BF BD: the log went through a lossy decoder before it
// was written) is text, not a byte that is not UTF-8: text-logs, logfmt and jsonl-logs said
// `invalid-utf8` for every line holding one (they looked at the decoded text, not the bytes), and
// logfmt and jsonl-logs rejected a line mostly of them as binary junk. A byte that is not UTF-8 is
// still reported at its line, also on a line the text importer holds before it reads it (its
// sample, the look-ahead after a `file:line` that may head a Node crash) or cuts in pieces.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeBytes, type DecodeResult } from '../../../../analyzers/importers/decode.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import type { LogRecord } from '../../../../analyzers/model/index.js';

const FFFD = '\uFFFD';
/** A byte that is not UTF-8 (0xFF) in a line: written as this marker, replaced in the bytes. */
const BAD = '\u0001';

/** The lines as UTF-8 (LF ends), each BAD a 0xFF byte; the line and byte offset of each line holding one. */
function build(lines: string[]): { bytes: Uint8Array; bad: [number, number][] } {
  const parts: Uint8Array[] = [];
  const bad: [number, number][] = [];
  let offset = 0;
  lines.forEach((l, i) => {
    const b = Buffer.from(l + '\n', 'utf8');
    for (let k = b.indexOf(1); k !== -1; k = b.indexOf(1, k + 1)) b[k] = 0xff;
    if (l.includes(BAD)) bad.push([i + 1, offset]);
    parts.push(b);
    offset += b.length;
  });
  return { bytes: new Uint8Array(Buffer.concat(parts)), bad };
}

function decodeAll(spec: FormatSpec, bytes: Uint8Array): DecodeResult[] {
  return [undefined, 1, 7, 4096].map((chunk) => decodeBytes(spec, bytes, 'input', chunk));
}

const utf8Errors = (r: DecodeResult) => r.errors.filter((e) => e.code === 'invalid-utf8').map((e) => [e.line, e.offset]);
const bodies = (r: DecodeResult) => r.records.filter((x): x is LogRecord => x.kind === 'log').map((x) => x.body);

describe('a U+FFFD written in UTF-8 is no invalid-utf8; a byte that is not UTF-8 is, at its line', () => {
  it('text-logs: in the sample, past it, in the lines held after a `file:line`, and in messages a NUL ends', () => {
    const block = (n: number) => [
      `2024-05-01 10:00:0${n},001 INFO [main] app: user J${FFFD}rg ${FFFD}${FFFD}${FFFD} logged in`,
      `2024-05-01 10:00:0${n},002 ERROR [main] app: request failed`,
      `/app/caf${FFFD}.js:42`, // held: may head a Node crash report
      `    throw new Error('caf${BAD}')`, // held, a byte that is not UTF-8
      '    ^',
      `Error: caf${FFFD}`,
      `<14>app: caf${FFFD}\0<14>app: bad ${BAD} byte`, // two messages, the second with the bad byte
    ];
    const normal = Array.from({ length: 250 }, (_, i) => `2024-05-01 10:01:${String(i % 60).padStart(2, '0')},000 INFO [main] app: ${FFFD} request ${i}`);
    const lines = [...block(1), ...normal, ...block(2)];
    const { bytes, bad } = build(lines);
    // by hand: the bad bytes are on lines 4 and 7 and 261 and 264; on lines 7 and 264 in the second message, after the NUL
    expect(bad.map(([l]) => l)).toEqual([4, 7, 261, 264]);
    const nulMessage = (line: number, lineStart: number) => [line, lineStart + Buffer.byteLength(`<14>app: caf${FFFD}\0`)];
    const expected = [bad[0], nulMessage(...bad[1]!), bad[2], nulMessage(...bad[3]!)];
    for (const r of decodeAll(textLogs, bytes)) {
      expect(utf8Errors(r)).toEqual(expected);
      expect(r.errors.filter((e) => e.code !== 'invalid-utf8')).toEqual([]);
      expect(bodies(r)[0]).toBe(lines[0]);
    }
  });

  it('logfmt: a line of written U+FFFDs is text (was binary-data), a bad byte is reported at its line', () => {
    const lines = [
      `time=2024-05-01T10:00:00Z level=info msg="user J${FFFD}rg logged in"`,
      `${FFFD}${FFFD}${FFFD}${FFFD}${FFFD}${FFFD}`, // banner art of a lossy decoder: continues the record above
      `time=2024-05-01T10:00:01Z level=info msg="${FFFD}${FFFD}"`,
      `time=2024-05-01T10:00:02Z level=warn msg="bad ${BAD} byte"`,
      `${FFFD}${FFFD} started ${FFFD}${FFFD}`, // free text
    ];
    const { bytes, bad } = build(lines);
    for (const r of decodeAll(logfmt, bytes)) {
      expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', ...bad[0]!]]);
      expect([r.records.length, r.progress.rejected]).toEqual([4, 0]);
      expect(bodies(r)[0]).toBe(`user J${FFFD}rg logged in\n${FFFD.repeat(6)}`);
    }
  });

  it('jsonl-logs: a text line mostly of written U+FFFDs is a record (was binary-data), a bad byte is reported at its line, also in a piece a CR ends', () => {
    const lines = [
      `{"level":"info","msg":"user J${FFFD}rg"}`,
      `${FFFD}${FFFD}${FFFD} ok ${FFFD}${FFFD}`,
      `{"level":"info","msg":"${FFFD}"}\r{"level":"warn","msg":"bad ${BAD} byte"}`,
      `{"level":"info","msg":"${FFFD}${FFFD}"}`,
    ];
    const { bytes, bad } = build(lines);
    // by hand: the bad byte is in the second object of line 3, after the CR
    const at = bad[0]![1] + Buffer.byteLength(`{"level":"info","msg":"${FFFD}"}\r`);
    for (const r of decodeAll(jsonlLogs, bytes)) {
      expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 3, at]]);
      expect([r.records.length, r.progress.rejected]).toEqual([5, 0]);
      expect(bodies(r)[1]).toBe(`${FFFD}${FFFD}${FFFD} ok ${FFFD}${FFFD}`);
    }
  });

  it('a piece after one with bad bytes is where its bytes are, and a U+FFFD written in it is no bad byte (text-logs NUL and CR pieces, jsonl-logs CR pieces)', () => {
    // (a piece's place was counted from the text, 3 bytes for every U+FFFD: one read for the 1 bad byte moved
    // every later piece of the line 2 bytes on; and the first U+FFFD of any piece after the bad one was taken
    // for bad bytes, a written one too)
    const nul = `<14>Nov 27 18:40:17 host app: ok\0<14>Nov 27 18:40:18 host app: bad ${BAD} \0<14>Nov 27 18:40:19 host app: fine ${FFFD}\0<14>Nov 27 18:40:20 host app: end`;
    const cr = `2024-01-01T00:00:01Z b ${FFFD}\r2024-01-01T00:00:02Z c ${BAD}\r2024-01-01T00:00:03Z d ${FFFD}\r2024-01-01T00:00:04Z e`;
    const { bytes } = build(['2024-01-01T00:00:00Z first line', nul, cr]);
    // by hand: line 2 begins at byte 32, line 3 at 32 + the bytes of line 2 and its LF; each piece at the bytes before it
    const starts = (lineAt: number, text: string, sep: string) => {
      const out: number[] = [];
      let at = lineAt;
      for (const p of text.split(sep)) {
        out.push(at);
        at += Buffer.byteLength(p.replace(BAD, 'x')) + 1;
      }
      return out;
    };
    const line3 = 32 + Buffer.byteLength(nul.replace(BAD, 'x')) + 1;
    const nulAt = starts(32, nul, '\0');
    const crAt = starts(line3, cr, '\r');
    for (const r of decodeAll(textLogs, bytes)) {
      expect(r.records.map((x) => [x.source.line, x.source.offset])).toEqual([[1, 0], ...nulAt.map((o) => [2, o]), ...crAt.map((o) => [3, o])]);
      expect(utf8Errors(r)).toEqual([[2, nulAt[1]], [3, crAt[1]]]);
    }
    const json = `{"a":"${FFFD}"}\r{"b":"${BAD}"}\r{"c":"${FFFD}"}\r{"d":1}`;
    const j = build([json]);
    const jsonAt = starts(0, json, '\r');
    for (const r of decodeAll(jsonlLogs, j.bytes)) {
      expect(r.records.map((x) => [x.source.line, x.source.offset])).toEqual(jsonAt.map((o) => [1, o]));
      expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 1, jsonAt[1]]]);
    }
  });
});
