import { describe, expect, it } from 'vitest';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';

const sniff = (text: string): string | undefined => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;

function read(text: string): ReturnType<typeof decode> {
  const r = decode(csvSpans, text);
  for (const chunk of [1, 7, 4096]) {
    const c = decode(csvSpans, text, chunk);
    expect([canonical(c.records), c.errors]).toEqual([canonical(r.records), r.errors]);
  }
  return r;
}

describe('csv-spans header spellings', () => {
  it("Honeycomb's raw data export (trace.trace_id, trace.span_id, trace.parent_id, duration_ms) is spans, not metrics", () => {
    // Field names from docs.honeycomb.io "Honeycomb Dataset Fields"; it used to sniff as CSV
    // metrics and give 4 points (duration_ms and status_code of 2 rows).
    const text = [
      'Timestamp,trace.trace_id,trace.span_id,trace.parent_id,name,service.name,duration_ms,status_code,span.kind',
      '2023-11-14T22:13:20.000Z,5b8efff798038103d269b633813fc60c,eee19b7ec3c1b174,,GET /,frontend,250.5,2,server',
      '2023-11-14T22:13:20.010Z,5b8efff798038103d269b633813fc60c,eee19b7ec3c1b175,eee19b7ec3c1b174,SELECT,db,100,0,client',
    ].join('\n') + '\n';
    expect(sniff(text)).toBe('csv-spans');
    const r = read(text);
    expect(r.errors).toEqual([]);
    // 1700000000 s = 2023-11-14T22:13:20Z; 250.5 ms = 250,500,000 ns
    expect((r.records as Span[]).map((s) => [s.spanId, s.parentSpanId, s.name, s.resource.serviceName, s.startNs, s.endNs! - s.startNs!, s.status.code, s.spanKind])).toEqual([
      ['eee19b7ec3c1b174', undefined, 'GET /', 'frontend', 1700000000000000000n, 250500000n, 'error', 'server'],
      ['eee19b7ec3c1b175', 'eee19b7ec3c1b174', 'SELECT', 'db', 1700000000010000000n, 100000000n, 'unset', 'client'],
    ]);
  });

  it('a duration unit written with the Greek mu (μs, U+03BC) is microseconds, like the micro sign (µs, U+00B5)', () => {
    for (const header of ['Duration (μs)', 'Duration (µs)', 'duration_μs']) {
      const r = read(`trace_id,span_id,start_time,${header}\nab,1,2023-11-14T22:13:20Z,1500\n`);
      expect([header, (r.records[0] as Span).endNs! - (r.records[0] as Span).startNs!, r.errors]).toEqual([header, 1500000n, []]);
    }
  });
});
