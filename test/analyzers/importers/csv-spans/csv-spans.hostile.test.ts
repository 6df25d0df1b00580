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

  it('a unit-less duration takes the unit of bare-number start times; decimal start times stay exact', () => {
    // Grafana's trace "Download CSV": startTime in epoch ms with a fraction, duration in ms.
    const grafana = [
      '"traceID","spanID","parentSpanID","operationName","serviceName","startTime","duration","kind","statusCode"',
      '"0af7651916cd43dd8448eb211c80319c","b7ad6b7169203331","","GET /api","frontend",1704067200000.123,12.5,"server",0',
      '"0af7651916cd43dd8448eb211c80319c","c7ad6b7169203331","b7ad6b7169203331","SELECT","db",1704067200001.5,3.25,"client",2',
    ].join('\n') + '\n';
    const g = decode(csvSpans, grafana);
    const start0 = BigInt(Date.UTC(2024, 0, 1)) * 1_000_000n; // 1704067200000 ms
    expect(g.records.map((x) => [(x as { startNs: bigint }).startNs - start0, (x as { endNs: bigint }).endNs - (x as { startNs: bigint }).startNs])).toEqual([
      [123_000n, 12_500_000n], // .123 ms; 12.5 ms
      [1_500_000n, 3_250_000n], // 1.5 ms; 3.25 ms
    ]);
    expect(g.errors.map((e) => e.message)).toEqual(['duration column has no unit; read as milliseconds, the unit of the start times']);
    // Jaeger-like µs start and duration: unchanged (µs); an RFC 3339 start keeps the µs default.
    const us = decode(csvSpans, 'traceId,spanId,name,startTime,duration\nab,cd,x,1704067200000000,1500\n');
    expect((us.records[0] as { endNs: bigint; startNs: bigint }).endNs - (us.records[0] as { startNs: bigint }).startNs).toBe(1_500_000n);
    const iso = decode(csvSpans, 'traceId,spanId,name,startTime,duration\nab,cd,x,2024-01-01T00:00:00Z,1500\n');
    expect((iso.records[0] as { endNs: bigint; startNs: bigint }).endNs - (iso.records[0] as { startNs: bigint }).startNs).toBe(1_500_000n);
    expect(iso.errors.map((e) => e.message)).toEqual(['duration column has no unit; read as microseconds']);
  });
});
