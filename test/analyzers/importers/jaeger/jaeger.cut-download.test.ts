import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// A Jaeger UI / query API download (`{"data":[{traceID, spans, processes, warnings}]}`, members in
// the order Jaeger's Go structs write them: spans before processes) cut short: the spans that are
// complete before the cut are read, as the OTLP and Zipkin readers do for a cut file; the cut span
// is the one rejected, and the missing processes are said once. Whole files read as before.
const TRACE = 'f1b2c3d4e5f60718293a4b5c6d7e8f90';
const span = (i: number, pid: string): Record<string, unknown> => ({
  traceID: TRACE,
  spanID: (i + 1).toString(16).padStart(16, '0'),
  flags: 1,
  operationName: `op${i}`,
  references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: TRACE, spanID: '0000000000000001' }],
  startTime: 1700000000000000 + i,
  duration: 10,
  tags: [],
  logs: [],
  processID: pid,
  warnings: null,
});
const download = {
  data: [
    { traceID: TRACE, spans: [span(0, 'p1'), span(1, 'p2'), span(2, 'p1'), span(3, 'p2')], processes: { p1: { serviceName: 'frontend', tags: [] }, p2: { serviceName: 'mysql', tags: [] } }, warnings: null },
  ],
  total: 0,
  limit: 0,
  offset: 0,
  errors: null,
};

function sameChunked(text: string): ReturnType<typeof decode> {
  const r = decode(jaeger, text);
  for (const chunk of [1, 7, 4096]) {
    const c = decode(jaeger, text, chunk);
    expect([canonical(c.records), c.errors, c.progress]).toEqual([canonical(r.records), r.errors, r.progress]);
  }
  return r;
}

describe('jaeger: a download cut inside its last trace', () => {
  it('whole: 4 spans with their services, no errors', () => {
    const r = sameChunked(JSON.stringify(download, null, 2));
    expect((r.records as Span[]).map((s) => s.resource.serviceName)).toEqual(['frontend', 'mysql', 'frontend', 'mysql']);
    expect(r.errors).toEqual([]);
  });

  it('cut inside the 4th span: 3 spans read, 1 rejected, the missing processes said once', () => {
    const text = JSON.stringify(download, null, 2);
    const cut = text.slice(0, text.indexOf('"op3"')); // ends inside span 4 (of 4), before `processes`
    const r = sameChunked(cut);
    const spans = r.records as Span[];
    expect(spans.map((s) => [s.spanId, s.parentSpanId, s.resource.serviceName])).toEqual([
      ['0000000000000001', undefined, undefined],
      ['0000000000000002', '0000000000000001', undefined],
      ['0000000000000003', '0000000000000001', undefined],
    ]);
    expect(r.progress.rejected).toBe(1);
    expect(r.errors.map((e) => e.code)).toEqual(['truncated', 'invalid-record']);
    expect(r.errors[1]!.message).toContain('3 spans name processIDs');
  });

  // Cut after the spans list closed (in `processes`, just before it, or in a member after it): every
  // span was read, none is lost: 4 spans, 0 rejected, the cut said as `truncated` (a notice).
  for (const [what, at] of [
    ['inside processes', (t: string) => t.indexOf('"serviceName"') + 5],
    ['at the processes key', (t: string) => t.indexOf('"processes"') + 4],
    ['right after the spans list', (t: string) => t.indexOf('"processes"') - 2],
    ['inside warnings, after processes', (t: string) => t.lastIndexOf('"warnings"') + 12],
  ] as const) {
    it(`cut ${what}: 4 spans read, none rejected`, () => {
      const text = JSON.stringify(download, null, 2);
      const r = sameChunked(text.slice(0, at(text)));
      expect([r.records.length, r.progress.rejected]).toEqual([4, 0]);
      expect(r.errors.map((e) => e.code)).toContain('truncated');
      expect(r.errors.find((e) => e.code === 'truncated')!.message).toContain("after the trace's spans, which are read");
    });
  }

  it('traces that are not traces keep their coded errors; an empty trace and a span in data are read as before', () => {
    const r = sameChunked(JSON.stringify({ data: [{ traceID: TRACE, spans: [], processes: {} }, { traceID: TRACE, spans: 5 }, { traceID: TRACE }, 7, span(9, 'x')] }));
    expect(r.records.length).toBe(1); // the span in data, whose processID cannot be resolved
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      ['wrong-type', 'spans should be an array'],
      ['invalid-record', 'not a Jaeger trace: no spans'],
      ['wrong-type', 'a trace should be an object'],
      ['invalid-record', 'processID "x" not found in the trace\'s processes'],
    ]);
    expect(r.progress.rejected).toBe(3);
  });
});
