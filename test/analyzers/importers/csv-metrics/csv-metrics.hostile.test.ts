// Hostile CSV: coded errors, never a throw, bounded memory.
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { MAX_LINE_BYTES } from '../../../../analyzers/importers/types.js';

const enc = new TextEncoder();
const codes = (text: string | Uint8Array, chunk?: number) => decodeBytes(csvMetrics, typeof text === 'string' ? enc.encode(text) : text, 'x', chunk).errors.map((e) => e.code);

describe('csv-metrics hostile inputs', () => {
  it('empty input and header-only input', () => {
    expect(codes('')).toEqual(['empty-input']);
    const r = decodeBytes(csvMetrics, enc.encode('time,a\n'), 'x');
    expect(r.records).toEqual([]);
  });

  it('binary junk → one binary-data error', () => {
    const junk = new Uint8Array(50_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 131) % 256;
    expect(codes(junk, 4096)).toEqual(['binary-data']);
  });

  it('a span CSV forced as metrics → one invalid-record, every row rejected', () => {
    const r = decodeBytes(csvMetrics, enc.encode('TraceID,SpanID,StartTimeUnixNano\na,b,1\nc,d,2\n'), 'x');
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-record']);
    expect(r.progress.rejected).toBe(2);
  });

  it('an unterminated quote at the end → coded error', () => {
    expect(codes('time,a\n1700000000,"1\n')).toContain('invalid-line');
  });

  it('a 300 MB line without newline → line-too-long, memory bounded', () => {
    const errors: { code: string }[] = [];
    const records: unknown[] = [];
    const d = csvMetrics.create({ file: 'long.csv', sink: { record: (r) => records.push(r), error: (e) => errors.push(e) } });
    d.push(enc.encode('time,a\n1700000000,1\n'));
    const block = new Uint8Array(8 << 20).fill(49); // '1'
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 38; i++) {
      d.push(block);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    d.end();
    expect(errors.map((e) => e.code)).toContain('line-too-long');
    expect(records).toHaveLength(1);
    expect(peak).toBeLessThan(MAX_LINE_BYTES + (24 << 20));
  });
});
