import { describe, expect, it } from 'vitest';
import { createPieceAnalysis, processPiece } from '../../../analyzers/node/piece.js';
import type { Report } from '../../../analyzers/report/model.js';

describe('processPiece', () => {
  it('reads a piece with LF line ends whatever its own head looks like (the file was cut at LFs)', () => {
    // In an LF file this is one line (a CR is not a line end there): one invalid line, as a
    // sequential read gives, not two records because the piece's head has CRs and no LF.
    const analysis = createPieceAnalysis();
    const bytes = new TextEncoder().encode('{"msg":"a"}\r{"msg":"b"}');
    const r = processPiece(analysis, { index: 0, path: 'big.jsonl', format: 'jsonl-logs', firstLine: 41, firstOffset: 4000, bytes });
    expect(r).toEqual({ records: 0, rejected: 1 });
    const input = (analysis.finish() as Report).inputs[0]!;
    expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-json', 41, 4000]]);
  });
});
