// UTF-16 inputs with a byte-order mark (PowerShell `>` redirects, "Unicode text" exports) are
// transcoded in the input session: every importer then reads them exactly as the UTF-8 bytes,
// whatever the chunking (a chunk may end inside a code unit or a surrogate pair).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Analysis, windows1252Decoder } from '../../../analyzers/analysis/analysis.js';
import { createNodeSha256 } from '../../../analyzers/node/read-inputs.js';
import type { Report } from '../../../analyzers/report/model.js';
import { data } from '../../helpers/paths.js';

function encode16(text: string, enc: 'utf-16le' | 'utf-16be'): Uint8Array {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  if (enc === 'utf-16le') return new Uint8Array(le);
  const be = Buffer.from(le);
  be.swap16();
  return new Uint8Array(be);
}

function run(bytes: Uint8Array, chunk: number): Report {
  const analysis = new Analysis({ toolVersion: '0.0.0-test', createHasher: createNodeSha256 });
  const s = analysis.openInput('input', { totalBytes: bytes.length });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return analysis.finish() as Report;
}

// Real JSON Lines logs (bunyan, 10 lines, repeated 4 times) plus a line with characters outside
// the BMP and a broken line.
const bunyan = readFileSync(data('logs-structured/lnav-test/logfile_bunyan.0'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const ecs = [...bunyan, ...bunyan, ...bunyan, ...bunyan];
const text = [...ecs.slice(0, 30), '{"@timestamp":"2026-01-01T00:00:00Z","log.level":"error","message":"payment failed 💳 for ünïcödé user"}', '{"broken": ', ...ecs.slice(30, 40)].join('\r\n') + '\r\n';
const utf8 = run(new Uint8Array(Buffer.from(text, 'utf8')), 1 << 16);

describe('UTF-16 input', () => {
  it('reads the same records and errors as the UTF-8 text, for both byte orders and any chunking', () => {
    expect(utf8.inputs[0]!.format).toBe('jsonl-logs');
    expect(utf8.inputs[0]!.records).toBe(41); // 40 sample lines + 1 added
    expect(utf8.inputs[0]!.errors.map((e) => e.line)).toEqual([32]); // the broken line
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const bytes = encode16(text, enc);
      for (const chunk of [1, 3, 7, 4096]) {
        const r = run(bytes, chunk);
        const input = r.inputs[0]!;
        expect(input.encoding).toBe(enc);
        expect(input.format).toBe('jsonl-logs');
        expect(input.records).toBe(41);
        expect(input.bytes).toBe(bytes.length); // the file's bytes, not the transcoded ones
        expect(input.sha256).toBe(createHashHex(bytes));
        expect(input.errors.map((e) => [e.code, e.line])).toEqual(utf8.inputs[0]!.errors.map((e) => [e.code, e.line]));
        expect(r.signals).toEqual(utf8.signals);
      }
    }
  });

  it('UTF-32 with its mark (PowerShell `Out-File -Encoding utf32`): the same records, both byte orders, any chunking', () => {
    for (const le of [true, false]) {
      const cps = [...('\ufeff' + text)].map((ch) => ch.codePointAt(0)!);
      const bytes = new Uint8Array(cps.length * 4);
      const view = new DataView(bytes.buffer);
      cps.forEach((cp, i) => view.setUint32(i * 4, cp, le));
      for (const chunk of [1, 3, 7, 4096]) {
        const r = run(bytes, chunk);
        const input = r.inputs[0]!;
        expect([input.encoding, input.format, input.records, input.bytes]).toEqual([le ? 'utf-32le' : 'utf-32be', 'jsonl-logs', 41, bytes.length]);
        expect(input.errors.map((e) => [e.code, e.line])).toEqual(utf8.inputs[0]!.errors.map((e) => [e.code, e.line]));
        expect(r.signals).toEqual(utf8.signals);
      }
    }
  });

  it('without a byte-order mark (every other byte NUL in the head), both byte orders, any chunking', () => {
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const bytes = encode16(text, enc).subarray(2); // the same text, the mark left out
      for (const chunk of [1, 3, 7, 4096]) {
        const input = run(bytes, chunk).inputs[0]!;
        expect(input.encoding).toBe(enc);
        expect(input.records).toBe(41);
        expect(input.errors.map((e) => [e.code, e.line])).toEqual(utf8.inputs[0]!.errors.map((e) => [e.code, e.line]));
      }
    }
    // A short one too (under the 512 bytes looked at), read whole at the end.
    const short = encode16('2026-01-01 10:00:00 ERROR payment failed\n2026-01-01 10:00:01 INFO ok\n', 'utf-16le').subarray(2);
    for (const chunk of [1, 5, short.length]) {
      const input = run(short, chunk).inputs[0]!;
      expect([input.encoding, input.format, input.records]).toEqual(['utf-16le', 'text-logs', 2]);
    }
  });

  it('UTF-32 without a byte-order mark (three NULs in every four bytes, in place): both byte orders, any chunking (was binary-data)', () => {
    for (const le of [true, false]) {
      const cps = [...text].map((ch) => ch.codePointAt(0)!); // no mark
      const bytes = new Uint8Array(cps.length * 4);
      const view = new DataView(bytes.buffer);
      cps.forEach((cp, i) => view.setUint32(i * 4, cp, le));
      for (const chunk of [1, 3, 7, 4096]) {
        const r = run(bytes, chunk);
        const input = r.inputs[0]!;
        expect([input.encoding, input.format, input.records, input.bytes]).toEqual([le ? 'utf-32le' : 'utf-32be', 'jsonl-logs', 41, bytes.length]);
        expect(input.errors.map((e) => [e.code, e.line])).toEqual(utf8.inputs[0]!.errors.map((e) => [e.code, e.line]));
        expect(r.signals).toEqual(utf8.signals);
      }
    }
    // a table of small 32-bit numbers (3 in 4 bytes NUL, the others counting up from 0) stays binary
    const counts = new Uint8Array(new Int32Array(Array.from({ length: 256 }, (_, i) => i)).buffer);
    const table = run(counts, 64).inputs[0]!;
    expect([table.encoding, table.errors.map((e) => e.code)]).toEqual([undefined, ['binary-data']]);
  });

  it('binary data with NUL bytes is not taken for UTF-16 without a mark', () => {
    // a little-endian int32 table: NULs at three positions in four, not one in two
    const ints = new Uint8Array(new Int32Array(Array.from({ length: 256 }, (_, i) => i * 3)).buffer);
    const r = run(ints, 64).inputs[0]!;
    expect(r.encoding).toBeUndefined();
    expect(r.errors.map((e) => e.code)).toEqual(['binary-data']);
  });

  it('leaves UTF-8 (with or without its BOM) and one-byte inputs alone', () => {
    expect(utf8.inputs[0]!.encoding).toBeUndefined();
    const bom = run(new Uint8Array(Buffer.from('\ufeff' + text, 'utf8')), 5);
    expect(bom.inputs[0]!.encoding).toBeUndefined();
    expect(bom.inputs[0]!.records).toBe(41);
    const one = run(new Uint8Array([0x78]), 1);
    expect(one.inputs[0]!.bytes).toBe(1);
    expect(one.inputs[0]!.encoding).toBeUndefined();
  });
});

function createHashHex(bytes: Uint8Array): string {
  const h = createNodeSha256();
  h.update(bytes);
  return h.digestHex();
}

describe('Windows-1252 text', () => {
  // A Java service on Windows writing German log lines in the platform charset.
  const lines = Array.from({ length: 40 }, (_, i) => `2026-01-01 10:00:${String(i).padStart(2, '0')} ${i % 7 === 0 ? 'ERROR' : 'INFO'} Benutzer Müller (Größe ${i} µs, Preis 5 €) – Anfrage ${i}`);
  const text = lines.join('\r\n') + '\r\n';
  const asUtf8 = run(new Uint8Array(Buffer.from(text, 'utf8')), 1 << 16);
  const cp1252 = new Uint8Array(encode1252(text));

  it('is read as Windows-1252: same records and bodies as the UTF-8 text, no per-line errors, any chunking', () => {
    expect(asUtf8.inputs[0]!.format).toBe('text-logs');
    expect(asUtf8.inputs[0]!.records).toBe(40);
    for (const chunk of [1, 7, 4096]) {
      const r = run(cp1252, chunk);
      expect(r.inputs[0]!.encoding).toBe('windows-1252');
      expect(r.inputs[0]!.records).toBe(40);
      // One note, no rejection: the bytes could also be damaged UTF-8. Line 1 holds the first `ü`.
      expect(r.inputs[0]!.errors).toEqual([{ code: 'invalid-utf8', message: 'the text is not UTF-8; read as Windows-1252 (Latin-1)', line: 1, offset: lines[0]!.indexOf('ü') }]);
      expect(r.inputs[0]!.rejected).toBe(0);
      expect(r.inputs[0]!.bytes).toBe(cp1252.length);
      expect(r.signals).toEqual(asUtf8.signals);
    }
  });

  it('decodes the Windows-only characters (€, –, “ ”) too, not as Latin-1 control characters', () => {
    // Node's own TextDecoder('windows-1252') gives U+0080 for 0x80; the session's decoder does not.
    const d = windows1252Decoder()!;
    expect(d.decode(new Uint8Array([0x80, 0x96, 0x93, 0x94, 0xfc, 0x41]))).toBe('€–“”üA');
    expect(d.decode(new Uint8Array(encode1252(lines[1]!)))).toBe(lines[1]);
  });

  it('leaves UTF-8 alone, and binary data binary', () => {
    expect(asUtf8.inputs[0]!.encoding).toBeUndefined();
    const junk = new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 256);
    const r = run(junk, 512);
    expect(r.inputs[0]!.encoding).toBeUndefined();
    expect(r.inputs[0]!.errors.map((e) => e.code)).toContain('binary-data');
  });
});

/** Windows-1252 bytes of `text`: Latin-1 for U+0000–U+00FF, and the Windows-only characters the test uses. */
function encode1252(text: string): number[] {
  const extra: Record<string, number> = { '€': 0x80, '–': 0x96, '“': 0x93, '”': 0x94 }; // from the Windows-1252 code chart
  return [...text].map((c) => {
    const b = extra[c] ?? c.charCodeAt(0);
    if (b > 0xff) throw new Error(`not in windows-1252: ${c}`);
    return b;
  });
}

describe('mostly UTF-8 text with a few foreign bytes', () => {
  it('stays UTF-8: correct accents kept, only the damaged line reported', () => {
    // Line 1 is UTF-8 "café" (C3 A9), line 2 has a lone Latin-1 é (E9), line 3 is ASCII: one
    // valid multi-byte sequence against one bad byte. Read as Windows-1252, line 1 became "cafÃ©".
    const bytes = new Uint8Array([
      ...Buffer.from('2024-01-01T00:00:00Z INFO caf\u00e9\n', 'utf8'),
      ...Buffer.from('2024-01-01T00:00:01Z INFO caf', 'latin1'), 0xe9, 0x0a,
      ...Buffer.from('2024-01-01T00:00:02Z INFO ok\n', 'utf8'),
    ]);
    for (const chunk of [1, 7, 1 << 16]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect(input.encoding).toBeUndefined();
      expect([input.format, input.records]).toEqual(['text-logs', 3]);
      expect(input.errors.map((e) => [e.code, e.line])).toEqual([['invalid-utf8', 2]]);
    }
  });
});

describe('Windows-1252 decided on the sniff window, whatever the chunking', () => {
  // Found by fuzzing the CLI's split read against its sequential one: the session decided
  // "Windows-1252" on everything its first push held, so a Latin-1 byte past the first 64 KB
  // turned the whole file into Windows-1252 when read in 1 MB chunks, and into one bad line when
  // read in 64 KB chunks (or split across threads).
  it('a Latin-1 byte on line 2,501 (past 64 KB): one invalid-utf8 line, the rest read as UTF-8, for 4 KB to 1 MB chunks', () => {
    // 3,000 ASCII log lines of 35-36 bytes (~106 KB); the 2,501st has a Latin-1 é (0xE9).
    const lines = Array.from({ length: 3000 }, (_, i) => `2024-01-01 00:00:${String(i % 60).padStart(2, '0')} INFO hello ${i}`);
    lines[2500] = '2024-01-01 00:00:00 INFO caf\u00e9';
    const bytes = new Uint8Array(Buffer.from(lines.join('\n') + '\n', 'latin1'));
    expect(bytes.indexOf(0xe9)).toBeGreaterThan(64 * 1024);
    for (const chunk of [4096, 1 << 16, 1 << 20]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect([input.format, input.records, input.encoding, input.errors.map((e) => [e.code, e.line])]).toEqual(['text-logs', 3000, undefined, [['invalid-utf8', 2501]]]);
    }
  });
});

describe('UTF-8 after UTF-16 (a UTF-8 log appended to a UTF-16 one)', () => {
  const line = (i: number) => `{"timestamp":"2024-03-01T10:00:${String(i % 60).padStart(2, '0')}Z","level":"info","msg":"request ${String(i).padStart(3, '0')}"}\n`; // 36 + 15 + 19 + 1 + 1 = 72 characters, ASCII
  const u16 = Array.from({ length: 200 }, (_, i) => line(i)).join('');
  const u8 = Array.from({ length: 200 }, (_, i) => line(200 + i)).join('');

  it.each([
    ['utf-16le', [0xff, 0xfe], 'utf16le'],
    ['utf-16be', [0xfe, 0xff], 'utf16be'],
  ] as const)('%s then UTF-8: 400 records (was 201, the UTF-8 half one garbled record), the change reported once with its place', (_name, bom, kind) => {
    const le = Buffer.from(u16, 'utf16le');
    const body = kind === 'utf16le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1]!));
    const bytes = new Uint8Array([...bom, ...body, ...Buffer.from(u8, 'utf8')]);
    for (const chunk of [1, 7, 4096, bytes.length]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect([chunk, input.format, input.records, input.rejected]).toEqual([chunk, 'jsonl-logs', 400, 0]);
      // by hand: the change is at line 201; offsets count the UTF-8 text (200 lines of 72 bytes);
      // in the file it is after the mark and 200 × 72 × 2 bytes
      expect(u16.length).toBe(200 * 72);
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 201, 14_400]]);
      expect(input.errors[0]!.message).toContain(`byte ${2 + 28_800} of the file`);
    }
  });

  it.each([
    ['utf-16le with its mark', [0xff, 0xfe], 'utf16le', 'UTF-16LE'],
    ['utf-16le without a mark', [], 'utf16le', 'UTF-16LE'],
    ['utf-16be with its mark', [0xfe, 0xff], 'utf16be', 'UTF-16BE'],
  ] as const)('UTF-8 then %s: 400 records (was 200 and 200 NUL-laden lines, or "binary"), the change reported once with its place', (_name, bom, kind, name) => {
    const le = Buffer.from(u8, 'utf16le'); // the second half's lines 200–399, in UTF-16
    const body = kind === 'utf16le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1]!));
    const bytes = new Uint8Array([...Buffer.from(u16, 'utf8'), ...bom, ...body]);
    const whole = run(new Uint8Array(Buffer.from(u16 + u8, 'utf8')), 1 << 16);
    for (const chunk of [1, 7, 4096, bytes.length]) {
      const r = run(bytes, chunk);
      const input = r.inputs[0]!;
      expect([chunk, input.format, input.records, input.rejected, input.encoding]).toEqual([chunk, 'jsonl-logs', 400, 0, undefined]);
      // by hand: the change is at line 201, after 200 lines of 72 bytes (the offset and the byte in the file: 14,400)
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 201, 14_400]]);
      expect(input.errors[0]!.message).toContain(`the text changes from UTF-8 to ${name} here (byte 14400 of the file, ${bom.length > 0 ? 'at a byte-order mark' : 'without a byte-order mark'}`);
      // the records are the UTF-8 text's, levels and times included
      expect(r.signals).toEqual(whole.signals);
    }
  });

  it('UTF-8, UTF-16LE, UTF-8 again, past the sniff window and with CRLF: every part read, each change said at its line', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const big = Array.from({ length: 1200 }, (_, i) => line(1000 + i)).join(''); // 1,200 lines of 73 bytes (a 4-digit number): past 64 KB
    const bytes = new Uint8Array([...Buffer.from(crlf(big), 'utf8'), 0xff, 0xfe, ...Buffer.from(crlf(u16), 'utf16le'), ...Buffer.from(crlf(u8), 'utf8')]);
    const whole = run(new Uint8Array(Buffer.from(crlf(big + u16 + u8), 'utf8')), 1 << 16);
    for (const chunk of [4096, 1 << 16, bytes.length]) {
      const r = run(bytes, chunk);
      const input = r.inputs[0]!;
      expect([input.format, input.records, input.rejected]).toEqual(['jsonl-logs', 1600, 0]);
      // by hand: with CRLF, 74-byte lines then 73-byte ones; UTF-16 from line 1,201 (byte 1,200 × 74 = 88,800),
      // UTF-8 again from line 1,401: in the UTF-8 text at 88,800 + 200 × 73, in the file after the mark and 200 × 73 × 2 bytes
      expect(input.errors.map((e) => [e.line, e.offset])).toEqual([
        [1201, 88_800],
        [1401, 103_400],
      ]);
      expect(input.errors[1]!.message).toContain(`the text changes from UTF-16LE to UTF-8 here (byte ${88_800 + 2 + 29_200} of the file`);
      expect(r.signals).toEqual(whole.signals);
    }
  });

  it('UTF-8 with NULs that are no UTF-16 (a lone NUL, a run of them, NUL after a word) is left as it was', () => {
    const lines = Array.from({ length: 100 }, (_, i) => line(i));
    lines[10] = lines[10]!.replace('request', 'req\0uest'); // a NUL inside a line
    lines[20] = '\0'.repeat(200) + lines[20]!; // copytruncate's padding
    lines[30] = 'x\0y\0z\0' + lines[30]!; // a few NUL-separated bytes at a line's start: under 32 units
    const input = run(new Uint8Array(Buffer.from(lines.join(''), 'utf8')), 4096).inputs[0]!;
    expect(input.errors.map((e) => e.message).filter((m) => m.includes('changes from'))).toEqual([]);
    expect(input.records + input.rejected).toBe(100);
  });

  it.each([
    ['ok\n', 'utf-16le'],
    ['ok\r\n', 'utf-16be'],
    ['done.\r\n', 'utf-16le'],
    ['{"msg":"5 €"}\r\n', 'utf-16le'],
    ['{"msg":"5 €"}\r\n', 'utf-16be'],
    ['{"msg":"paid 💳"}\n', 'utf-16le'],
  ] as const)('UTF-8 then a short UTF-16 tail without a mark (%j, %s): read as UTF-16, said at its line (was 1–2 binary lines)', (tail, enc) => {
    const head = Array.from({ length: 50 }, (_, i) => line(i)).join('');
    const le = Buffer.from(tail, 'utf16le');
    const body = enc === 'utf-16le' ? le : Buffer.from(le).swap16();
    expect(body.length).toBeLessThan(64); // under 32 code units
    const bytes = new Uint8Array([...Buffer.from(head, 'utf8'), ...body]);
    const whole = run(new Uint8Array(Buffer.from(head + tail, 'utf8')), 1 << 16).inputs[0]!;
    for (const chunk of [1, 5, 4096]) {
      const input = run(bytes, chunk).inputs[0]!;
      // by hand: 50 lines of 72 bytes, then the tail on line 51 (one record: a JSON line or a line of text)
      expect([chunk, input.records, input.rejected, whole.records]).toEqual([chunk, 51, 0, 51]);
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 51, 3600]]);
      expect(input.errors[0]!.message).toContain(`the text changes from UTF-8 to ${enc.toUpperCase()} here (byte 3600 of the file, without a byte-order mark`);
    }
  });

  it.each([
    ['a run of NULs (a block never written)', new Uint8Array(48)],
    ['NUL-separated bytes without a line end', new Uint8Array(Buffer.from('x\0y\0z\0'))],
    ['a little-endian int16 table ending in 10', new Uint8Array(new Int16Array([3, 7, 0x41, 10]).buffer)],
    ['units that are not 3 in 4 Latin text, ending in 0A 00', new Uint8Array([0x41, 0x00, 0x17, 0x03, 0x0a, 0x00])],
    ['an odd count of bytes', new Uint8Array([0x6f, 0x00, 0x6b, 0x00, 0x0a, 0x00, 0x41])],
    ['an unpaired surrogate', new Uint8Array([0x41, 0x00, 0x00, 0xd8, 0x42, 0x00, 0x0a, 0x00])],
  ])('UTF-8 then binary junk at the end (%s) is not taken for a UTF-16 tail', (_name, junk) => {
    const head = Array.from({ length: 50 }, (_, i) => line(i)).join('');
    const bytes = new Uint8Array([...Buffer.from(head, 'utf8'), ...junk]);
    for (const chunk of [1, 4096]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect(input.errors.map((e) => e.message).filter((m) => m.includes('changes from'))).toEqual([]);
      expect(input.records).toBe(50);
    }
  });

  it.each([
    ['done.\r\n', 'utf-16le', false],
    ['done.\r\n', 'utf-16be', false],
    ['{"msg":"5 €"}\r\n', 'utf-16le', false],
    ['{"msg":"paid 💳"}\r\n', 'utf-16be', false],
    ['ok\r\n', 'utf-16le', true],
    ['exit code 0\r\nok\r\n', 'utf-16le', false],
  ] as const)('UTF-8, a short UTF-16 stretch (%j, %s, with a mark: %s), UTF-8 again: read as UTF-16, both changes said at their lines (was 1–2 binary lines)', (stretch, enc, mark) => {
    const head = Array.from({ length: 50 }, (_, i) => line(i)).join('');
    const rest = Array.from({ length: 50 }, (_, i) => line(50 + i)).join('');
    const le = Buffer.from((mark ? '\ufeff' : '') + stretch, 'utf16le');
    const body = enc === 'utf-16le' ? le : Buffer.from(le).swap16();
    expect(body.length).toBeLessThan(64); // under 32 code units
    const bytes = new Uint8Array([...Buffer.from(head, 'utf8'), ...body, ...Buffer.from(rest, 'utf8')]);
    const whole = run(new Uint8Array(Buffer.from(head + stretch + rest, 'utf8')), 1 << 16).inputs[0]!;
    const lines = stretch.split('\n').length - 1;
    for (const chunk of [1, 5, 4096, bytes.length]) {
      const input = run(bytes, chunk).inputs[0]!;
      // by hand: 50 lines of 72 bytes, the stretch from line 51 (its UTF-8 bytes in the text), UTF-8 again after its lines
      expect([chunk, input.records, input.rejected, whole.records]).toEqual([chunk, 100 + lines, 0, 100 + lines]);
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([
        ['invalid-utf8', 51, 3600],
        ['invalid-utf8', 51 + lines, 3600 + Buffer.byteLength(stretch)],
      ]);
      expect(input.errors[0]!.message).toContain(`the text changes from UTF-8 to ${enc.toUpperCase()} here (byte 3600 of the file, ${mark ? 'at a byte-order mark' : 'without a byte-order mark'}`);
      expect(input.errors[1]!.message).toContain(`the text changes from ${enc.toUpperCase()} to UTF-8 here (byte ${3600 + body.length} of the file`);
    }
  });

  it.each([
    ['NULs and line ends before binary bytes', [0x78, 0x00, 0x0d, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x01, 0x02, 0x7f]],
    ['a little-endian int16 table with 13, 10 in it', [...new Uint8Array(new Int16Array([0x41, 13, 10, 3, 0x42, 9]).buffer)]],
    ['a short stretch of LF-ended lines', [...Buffer.from('done.\n', 'utf16le')]],
  ])('UTF-8, %s, UTF-8 again: not taken for a stretch of UTF-16', (_name, junk) => {
    const head = Array.from({ length: 50 }, (_, i) => line(i)).join('');
    const rest = Array.from({ length: 50 }, (_, i) => line(50 + i)).join('');
    const bytes = new Uint8Array([...Buffer.from(head, 'utf8'), ...junk, ...Buffer.from(rest, 'utf8')]);
    for (const chunk of [1, 4096]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect(input.errors.map((e) => e.message).filter((m) => m.includes('changes from'))).toEqual([]);
      expect(input.format).toBe('jsonl-logs');
    }
  });

  it('UTF-8 then UTF-16 whose first line starts with an ANSI colour code: the change is found at that line (was the next one, the coloured line one garbled record)', () => {
    const head = Array.from({ length: 50 }, (_, i) => line(i)).join('');
    const tail = Array.from({ length: 20 }, (_, i) => `\u001b[31mERROR\u001b[0m 2024-03-01T10:00:00Z request ${i} failed with a long enough message\n`).join('');
    const bytes = new Uint8Array([...Buffer.from(head, 'utf8'), ...Buffer.from(tail, 'utf16le')]);
    for (const chunk of [3, 4096]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect([input.records, input.rejected]).toEqual([70, 0]);
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', 51, 3600]]);
    }
  });

  it('UTF-16 text of CJK (no NULs for long runs) is not taken for UTF-8', () => {
    const cjk = Array.from({ length: 50 }, (_, i) => `2024-03-01T10:00:00Z INFO ${'接続に失敗しました。データベースの応答がありません'.repeat(8)} ${i}\n`).join('');
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(cjk, 'utf16le')]);
    const input = run(bytes, 4096).inputs[0]!;
    expect([input.records, input.errors]).toEqual([50, []]);
  });
});

/** IBM037 (EBCDIC, US/Canada) bytes of `text`, for the characters the tests use (from the IBM037 code chart). */
function encode037(text: string): Uint8Array {
  const punct: Record<string, number> = { ' ': 0x40, '.': 0x4b, '(': 0x4d, ')': 0x5d, ':': 0x7a, '-': 0x60, ',': 0x6b, '=': 0x7e, '/': 0x61, '[': 0xba, ']': 0xbb, '\n': 0x25 };
  return new Uint8Array(
    [...text].map((c) => {
      if (punct[c] !== undefined) return punct[c]!;
      const code = c.charCodeAt(0);
      if (c >= '0' && c <= '9') return 0xf0 + code - 48;
      const lower = c >= 'a' && c <= 'z';
      if (!lower && !(c >= 'A' && c <= 'Z')) throw new Error(`not in the test's table: ${c}`);
      const k = code - (lower ? 97 : 65); // a–i, j–r, s–z
      return (lower ? 0x80 : 0xc0) + (k < 9 ? 0x01 + k : k < 18 ? 0x11 + k - 9 : 0x22 + k - 18);
    }),
  );
}

describe('EBCDIC text', () => {
  // A z/OS job's log, transferred in binary mode: IBM037, line ends LF (0x25) or NL (0x15).
  const lines = Array.from({ length: 40 }, (_, i) => `2024-01-01 12:00:${String(i).padStart(2, '0')} ${i % 5 === 0 ? 'ERROR' : 'INFO'} [BATCH] PAYROLL step ${i} ended, rc=${i % 5 === 0 ? 8 : 0} (elapsed 0.${i} s)`);
  const ebcdic = encode037(lines.join('\n') + '\n');

  it('is named, with how to convert it, instead of "binary" or a CJK code page (line ends LF or NL, any chunking)', () => {
    // the table by hand: "ERROR 42" is C5 D9 D9 D6 D9 40 F4 F2
    expect([...encode037('ERROR 42')]).toEqual([0xc5, 0xd9, 0xd9, 0xd6, 0xd9, 0x40, 0xf4, 0xf2]);
    const nl = ebcdic.map((b) => (b === 0x25 ? 0x15 : b));
    for (const bytes of [ebcdic, nl]) {
      for (const chunk of [1, 7, 4096]) {
        const input = run(bytes, chunk).inputs[0]!;
        expect([input.format, input.records, input.encoding, input.errors.map((e) => e.code)]).toEqual(['unknown', 0, undefined, ['unsupported']]);
        expect(input.errors[0]!.message).toContain('EBCDIC-encoded text');
        expect(input.errors[0]!.message).toContain('iconv -f IBM037 -t UTF-8');
        expect(input.bytes).toBe(bytes.length);
      }
    }
  });

  it('binary data, ASCII and Latin-1 text are not taken for EBCDIC', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 256);
    expect(run(junk, 512).inputs[0]!.errors.map((e) => e.code)).toEqual(['binary-data']);
    // bytes that are all EBCDIC letters and spaces but never a space 0x40 in 20: not text enough
    const letters = new Uint8Array(4096).map((_, i) => (i % 25 === 0 ? 0x40 : 0xc1 + (i % 9)));
    expect(run(letters, 512).inputs[0]!.errors.map((e) => e.code)).not.toContain('unsupported');
    const ascii = run(new Uint8Array(Buffer.from(lines.join('\n') + '\n', 'latin1')), 4096).inputs[0]!;
    expect([ascii.format, ascii.records, ascii.errors]).toEqual(['text-logs', 40, []]);
  });
});

describe('UTF-16 with an odd byte at its end (a code unit cut short), inside the sniff window', () => {
  const span = (i: number) => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: (i + 1).toString(16).padStart(16, '0'), name: `op-${i}`, startTimeUnixNano: '1544712660000000000', endTimeUnixNano: '1544712661000000000', kind: 2 });
  const CASES: [string, string][] = [
    ['zipkin', JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ traceId: 'a03ee8fff1dcd9b9', id: (i + 1).toString(16).padStart(16, '0'), kind: 'SERVER', name: `op-${i}`, timestamp: 1571896375322000 + i, duration: 1000, localEndpoint: { serviceName: 'svc' } })), null, 1)],
    ['jaeger', JSON.stringify({ data: [{ traceID: 'c620759e5d60fafb8ee0922b30e06bc6', processes: { p1: { serviceName: 'svc', tags: [] } }, spans: Array.from({ length: 5 }, (_, i) => ({ traceID: 'c620759e5d60fafb8ee0922b30e06bc6', spanID: (i + 1).toString(16).padStart(16, '0'), operationName: `op-${i}`, references: [], startTime: 1620351786000000 + i, duration: 100, tags: [], logs: [], processID: 'p1' })) }] }, null, 1)],
    ['otlp-json', JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: { name: 'lib' }, spans: Array.from({ length: 5 }, (_, i) => span(i)) }] }] }, null, 1)],
    ['prom-api', JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: Array.from({ length: 5 }, (_, i) => ({ metric: { __name__: 'up', pod: `p-${i}` }, values: [[1620351786, '1'], [1620351796, '1']] })) } }, null, 1)],
    ['json-logs', JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ '@timestamp': `2024-03-01T10:00:0${i}Z`, 'log.level': 'info', message: `request ${i}`, 'service.name': 'svc' })), null, 1)],
    // (line formats said it already: kept so)
    ['text-logs', Array.from({ length: 20 }, (_, i) => `2024-03-01T10:00:${String(i).padStart(2, '0')}Z INFO request ${i} handled`).join('\n') + '\n'],
    ['csv-metrics', 'timestamp,metric,value,pod\n' + Array.from({ length: 20 }, (_, i) => `${1700000000 + i},cpu_usage,0.${i % 10},p-${i % 7}`).join('\n') + '\n'],
  ];
  it.each(CASES.flatMap(([format, text]) => (['utf-16le', 'utf-16be'] as const).map((enc) => [format, enc, text] as const)))('%s in %s: invalid-utf8 at the cut unit (JSON documents: was none, and "unexpected character \'ô\'")', (format, enc, text) => {
    const bytes = new Uint8Array([...encode16(text, enc), 0x41]);
    expect(bytes.length).toBeLessThan(64 * 1024);
    // by hand: the cut unit comes after the whole text: on its last line (a line of its own after a line end), at its byte length in UTF-8
    const line = text.split('\n').length;
    const offset = Buffer.byteLength(text);
    const lineStart = text.endsWith('\n') ? offset : text.lastIndexOf('\n') + 1;
    const json = !text.endsWith('\n');
    for (const chunk of [1, 7, 4096, bytes.length]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect([chunk, input.format, input.encoding]).toEqual([chunk, format, enc]);
      // (line formats: the offset of the line's first byte; JSON documents: of the bad byte)
      expect(input.errors.filter((e) => e.code === 'invalid-utf8').map((e) => [e.line, e.offset])).toEqual([[line, json ? offset : lineStart]]);
      if (json) expect(input.errors.filter((e) => e.code !== 'invalid-utf8').map((e) => [e.code, e.line, e.offset, e.message])).toEqual([['invalid-json', line, offset, `unexpected bytes that are not UTF-8 at byte ${offset}`]]);
    }
  });
});
