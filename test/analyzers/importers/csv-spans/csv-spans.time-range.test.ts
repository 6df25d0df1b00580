import { describe, expect, it } from 'vitest';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// A bare-number time or duration beyond uint64 nanoseconds (18446744073709551615, the OTLP field
// type; ~584 years) is an overflow, not a time: reported and left out, as the OTLP, Jaeger and
// Zipkin readers do, instead of a 23-digit start time that stretched the report's time range.
describe('csv-spans times beyond uint64 nanoseconds', () => {
  it('are reported, the span kept without them; the largest valid ones still read', () => {
    const text = [
      'TraceID,SpanID,StartTime,Duration (ns)',
      'ab,1,99999999999999999999999,5', // 23 digits: not a time
      'ab,2,1700000000,99999999999999999999999999', // 26-digit duration
      'ab,3,18446744073709551615,0', // uint64 max, read as ns
      'ab,4,1700000000,18446744073709551615',
    ].join('\n') + '\n';
    const r = decode(csvSpans, text);
    for (const chunk of [1, 7, 4096]) {
      const c = decode(csvSpans, text, chunk);
      expect([canonical(c.records), c.errors]).toEqual([canonical(r.records), r.errors]);
    }
    expect((r.records as Span[]).map((s) => [s.spanId, s.startNs, s.endNs])).toEqual([
      ['0000000000000001', undefined, undefined],
      ['0000000000000002', 1700000000000000000n, undefined],
      ['0000000000000003', 18446744073709551615n, 18446744073709551615n],
      ['0000000000000004', 1700000000000000000n, 1700000000000000000n + 18446744073709551615n],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-timestamp', 2],
      ['invalid-number', 3],
    ]);
    expect(r.progress.rejected).toBe(0);
  });
});
