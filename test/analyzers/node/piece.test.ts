import { describe, expect, it } from 'vitest';
import { createPieceAnalysis, processPiece } from '../../../analyzers/node/piece.js';
import { collectGarbage } from '../../../analyzers/node/gc.js';
import type { Report } from '../../../analyzers/report/model.js';

describe('processPiece', () => {
  it('reads a piece with LF line ends whatever its own head looks like (the file was cut at LFs)', () => {
    // In an LF file this is one line (a CR is not a line end there), read as a sequential read
    // reads it: a lone CR between two objects parts them (two records of line 41), and a lone CR
    // elsewhere stays in its line (one invalid line) — not CR line ends because the piece's head
    // has CRs and no LF.
    const analysis = createPieceAnalysis();
    const bytes = new TextEncoder().encode('{"msg":"a"}\r{"msg":"b"}\n{"msg":"c",\r"x":}\n');
    const r = processPiece(analysis, { index: 0, path: 'big.jsonl', format: 'jsonl-logs', firstLine: 41, firstOffset: 4000, bytes });
    expect(r).toEqual({ records: 2, rejected: 1 });
    const input = (analysis.finish() as Report).inputs[0]!;
    expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-json', 42, 4024]]);
  });

  it('an oversized record in a piece is reported at its line and offset in the file, shifted once', () => {
    // line 2 of a piece that starts at line 41, offset 4000: file line 42, offset 4000 + length of line 1
    const line1 = '{"msg":"a","level":"info"}\n';
    const fields = Object.fromEntries(Array.from({ length: 1100 }, (_, i) => [`f${i}`, i]));
    const text = line1 + JSON.stringify({ msg: 'b', level: 'info', ...fields }) + '\n';
    const analysis = createPieceAnalysis();
    const r = processPiece(analysis, { index: 0, path: 'big.jsonl', format: 'jsonl-logs', firstLine: 41, firstOffset: 4000, bytes: new TextEncoder().encode(text) });
    expect(r).toEqual({ records: 2, rejected: 0 });
    const input = (analysis.finish() as Report).inputs[0]!;
    expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['too-many-attributes', 42, 4000 + line1.length]]);
  });

  // Found by fuzzing the split read against the sequential one. A file is split only when its
  // first line is a whole JSON object, so every piece is JSON Lines, whatever its own first line.
  it('an OTLP piece whose first line is a broken request is still read line by line (was read as one document)', () => {
    const span = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'op', startTimeUnixNano: '1544712660000000000', endTimeUnixNano: '1544712661000000000' };
    const request = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [span] }] }] });
    // Line 41: a request cut before its first span closed (a killed writer); 42: not JSON; 43: one span.
    const text = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"cut\n' + 'xxxx\n' + request + '\n';
    const analysis = createPieceAnalysis();
    const r = processPiece(analysis, { index: 0, path: 'big.jsonl', format: 'otlp-json', firstLine: 41, firstOffset: 4000, bytes: new TextEncoder().encode(text) });
    // Read as a document, line 41's request swallowed lines 42 and 43: no record, one `truncated`.
    expect(r).toEqual({ records: 1, rejected: 2 });
    const input = (analysis.finish() as Report).inputs[0]!;
    expect(input.errors.map((e) => [e.code, e.line])).toEqual([
      ['truncated', 41],
      ['invalid-json', 42],
    ]);
  });

  it('a piece of only blank lines (a blank run mid-file) reports nothing, as the sequential read does (was empty-input)', () => {
    for (const format of ['otlp-json', 'jsonl-logs'] as const) {
      const analysis = createPieceAnalysis();
      const r = processPiece(analysis, { index: 0, path: 'big.jsonl', format, firstLine: 41, firstOffset: 4000, bytes: new TextEncoder().encode('\n  \n\n') });
      expect(r).toEqual({ records: 0, rejected: 0 });
      expect((analysis.finish() as Report).inputs[0]!.errors).toEqual([]);
    }
  });

  it('a piece analysis does not keep the bytes of the pieces it has read', () => {
    // Each piece's session kept its head (the whole piece) alive: an arrow in the session's
    // decide step shared its scope with the decoder's sink callbacks. The split read's peak RSS
    // then grew with the input: 808 MB for 500 MB of OTLP. 48 pieces of 1 MiB: measured
    // after full collections, retained memory must stay far below the 48 MiB they add up to.
    const line = JSON.stringify({ msg: 'x'.repeat(900), level: 'info' }) + '\n';
    const piece = new TextEncoder().encode(line.repeat(Math.floor((1 << 20) / line.length)));
    const analysis = createPieceAnalysis();
    const retained = () => {
      collectGarbage();
      collectGarbage();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    processPiece(analysis, { index: 0, path: 'big.jsonl', format: 'jsonl-logs', firstLine: 1, firstOffset: 0, bytes: piece.slice() });
    const before = retained();
    for (let i = 1; i <= 48; i++) processPiece(analysis, { index: 0, path: 'big.jsonl', format: 'jsonl-logs', firstLine: 1 + i * 1000, firstOffset: i * piece.length, bytes: piece.slice() });
    expect(retained() - before).toBeLessThan(16 * 1024 * 1024);
  });
});
