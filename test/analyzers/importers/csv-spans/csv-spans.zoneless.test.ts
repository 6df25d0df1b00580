import { describe, expect, it } from 'vitest';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// A ClickHouse `otel_traces` table exported with FORMAT CSVWithNames (the Collector's ClickHouse
// exporter schema: Timestamp DateTime64(9) printed without a zone, TraceId, SpanId, …, Duration).
// Times without a zone are read as UTC and reported once per file, as CSV metrics do; not silently.
const CSV = [
  'Timestamp,TraceId,SpanId,ParentSpanId,SpanName,SpanKind,ServiceName,Duration,StatusCode',
  '2023-11-14 22:13:20.000000000,5b8efff798038103d269b633813fc60c,eee19b7ec3c1b174,,GET /,Server,frontend,250,Error',
  '2023-11-14 22:13:20.010000000,5b8efff798038103d269b633813fc60c,eee19b7ec3c1b175,eee19b7ec3c1b174,SELECT,Client,db,100,Unset',
].join('\n') + '\n';

describe('csv-spans times without a zone', () => {
  it('are read as UTC and reported once, without rejecting rows', () => {
    const r = decode(csvSpans, CSV);
    // 1700000000 s = 2023-11-14T22:13:20Z
    expect((r.records as Span[]).map((s) => s.startNs)).toEqual([1700000000000000000n, 1700000000010000000n]);
    const zone = r.errors.filter((e) => e.message.includes('no zone'));
    expect(zone.map((e) => [e.code, e.line])).toEqual([['invalid-timestamp', 2]]);
    expect(r.progress.rejected).toBe(0);
    for (const chunk of [1, 7, 4096]) {
      const c = decode(csvSpans, CSV, chunk);
      expect([canonical(c.records), c.errors]).toEqual([canonical(r.records), r.errors]);
    }
  });

  it('the ClickHouse table\'s Duration is nanoseconds (the exporter writes end minus start in ns), with no "no unit" note', () => {
    const r = decode(csvSpans, CSV);
    expect((r.records as Span[]).map((s) => s.endNs! - s.startNs!)).toEqual([250n, 100n]);
    expect(r.errors.filter((e) => e.message.includes('no unit'))).toEqual([]);
    // the same columns under other names keep the usual reading (microseconds, said once)
    const other = decode(csvSpans, CSV.replace('Timestamp,TraceId', 'start_time,trace_id'));
    expect((other.records as Span[]).map((s) => s.endNs! - s.startNs!)).toEqual([250_000n, 100_000n]);
  });

  it('zoned and epoch times say nothing about zones', () => {
    const r = decode(csvSpans, 'TraceId,SpanId,Start,End\nab,1,2023-11-14T22:13:20Z,1700000000500000000\nab,2,2023-11-14T23:13:20+01:00,\n');
    expect(r.errors.filter((e) => e.message.includes('no zone'))).toEqual([]);
    expect(r.records.length).toBe(2);
  });
});
