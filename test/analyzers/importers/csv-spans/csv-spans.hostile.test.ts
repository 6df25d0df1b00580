import { describe, expect, it } from 'vitest';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import { codes, decode } from '../common/json-test-helpers.js';

describe('csv-spans hostile input', () => {
  it('empty, binary, header without ids, ragged and quoted rows', () => {
    expect(codes(decode(csvSpans, ''))).toEqual(['empty-input']);
    expect(codes(decode(csvSpans, new Uint8Array([0, 0, 0, 1])))).toEqual(['binary-data']);
    const noIds = decode(csvSpans, 'a,b\n1,2\n');
    expect([noIds.records.length, codes(noIds), noIds.progress.rejected]).toEqual([0, ['missing-field', 'missing-field'], 1]);
    const r = decode(csvSpans, 'TraceID,SpanID,OperationName,Extra\nab,cd,"multi\nline, name",x\nab,ce\nab,cf,"unterminated\n');
    expect(r.records.length).toBe(1);
    expect(r.records[0]).toMatchObject({ name: 'multi\nline, name', attributes: { Extra: 'x' } });
    // CsvReader reports the unterminated record at end(), before the batch holding line 4.
    expect(r.errors.map((e) => [e.code, e.line]).sort()).toEqual([
      ['invalid-line', 4],
      ['invalid-line', 5],
    ]);
  });
});
