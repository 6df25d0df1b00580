// What a Jaeger query API (/api/traces) answer holds besides spans: an `errors` list (traces it
// could not load), `warnings` on spans (from Jaeger's adjusters), and references to spans of other
// traces (FOLLOWS_FROM a request that queued the job). Counts derived by hand in the comments.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import type { Report } from '../../../../analyzers/report/model.js';
import { canonical, chunkings, decode } from '../common/json-test-helpers.js';

const TRACE = '2992f2a5b5d037a8aabffd08ef384237';
const OTHER = '0000000000000000aaaabbbbccccdddd';
const span = (spanID: string, extra: Record<string, unknown> = {}) => ({ traceID: TRACE, spanID, operationName: 'op', startTime: 1509533706521220, duration: 1000, tags: [], logs: [], processID: 'p1', ...extra });

// Jaeger-ui issue 115: a span whose only reference is FOLLOWS_FROM a span of another trace, with
// a child of its own and a warning; one more span with both a CHILD_OF into its trace and a
// FOLLOWS_FROM into the other trace; the answer's `errors` names one trace that was not found.
// 3 spans, 1 trace, 1 service; root: 1bdf… (its reference leaves the trace), no orphans;
// 2bdf… → parent 1bdf…; 3bdf… → parent 2bdf… plus a link to the other trace.
const ANSWER = {
  data: [
    {
      traceID: TRACE,
      spans: [
        span('1bdf4201221bb2ac', { references: [{ refType: 'FOLLOWS_FROM', traceID: OTHER, spanID: 'ea7cfaca83f0724b' }], warnings: ['clock skew adjustment disabled; not applying calculated delta of 35.5ms'] }),
        span('2bdf4201221bb2ac', { references: [{ refType: 'CHILD_OF', traceID: TRACE, spanID: '1bdf4201221bb2ac' }], warnings: null }),
        span('3bdf4201221bb2ac', {
          references: [
            { refType: 'FOLLOWS_FROM', traceID: OTHER, spanID: 'ea7cfaca83f0724c' },
            { refType: 'CHILD_OF', traceID: TRACE, spanID: '2bdf4201221bb2ac' },
          ],
        }),
      ],
      processes: { p1: { serviceName: 'issue115', tags: [] } },
      warnings: null,
    },
  ],
  total: 0,
  limit: 0,
  offset: 0,
  errors: [{ code: 404, msg: 'trace not found', traceID: '00000000000000000000000000abcdef' }],
};

function report(text: string): Report {
  const analysis = new Analysis({ toolVersion: '0.0.0-test' });
  const bytes = new TextEncoder().encode(text);
  const input = analysis.openInput('answer.json', { totalBytes: bytes.length });
  input.push(bytes);
  input.end();
  return analysis.finish() as Report;
}

describe('jaeger query API answers', () => {
  it('a reference into another trace is a link, never the parent (Jaeger model Span.ParentSpanID)', () => {
    const r = decode(jaeger, JSON.stringify(ANSWER));
    const spans = r.records as Span[];
    expect(spans.map((s) => [s.spanId, s.parentSpanId, s.links.map((l) => [l.traceId, l.spanId, l.attributes['jaeger.ref_type']])])).toEqual([
      ['1bdf4201221bb2ac', undefined, [[OTHER, 'ea7cfaca83f0724b', 'FOLLOWS_FROM']]],
      ['2bdf4201221bb2ac', '1bdf4201221bb2ac', []],
      ['3bdf4201221bb2ac', '2bdf4201221bb2ac', [[OTHER, 'ea7cfaca83f0724c', 'FOLLOWS_FROM']]],
    ]);
    // A FOLLOWS_FROM into the span's own trace is still its parent when there is no CHILD_OF.
    const same = decode(jaeger, JSON.stringify([span('4bdf4201221bb2ac', { references: [{ refType: 'FOLLOWS_FROM', traceID: TRACE, spanID: '1bdf4201221bb2ac' }] })]));
    expect((same.records[0] as Span).parentSpanId).toBe('1bdf4201221bb2ac');
    // The same 64-bit trace written with and without 16 leading zeros is one trace.
    const short = { traceID: 'aaaabbbbccccdddd', spanID: '5', references: [{ refType: 'CHILD_OF', traceID: OTHER, spanID: '6' }] };
    expect((decode(jaeger, JSON.stringify([short])).records[0] as Span).parentSpanId).toBe('0000000000000006');
  });

  it('reports the errors list once, without losing or rejecting a span; warnings change nothing', () => {
    const r = decode(jaeger, JSON.stringify(ANSWER, null, 1));
    expect([r.records.length, r.progress.rejected]).toEqual([3, 0]);
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([['invalid-record', 'Jaeger reported 1 error (traces may be missing): 404 trace not found (trace 00000000000000000000000000abcdef)']]);
    expect(r.errors[0]!.line).toBe(JSON.stringify(ANSWER, null, 1).split('\n').findIndex((l) => l.includes('"errors"')) + 1);
    // "errors": null (what Jaeger writes when all went well) is nothing to report.
    expect(decode(jaeger, JSON.stringify({ ...ANSWER, errors: null })).errors).toEqual([]);
    // Whole and chunked alike.
    const { whole, variants } = chunkings(jaeger, new TextEncoder().encode(JSON.stringify(ANSWER, null, 1)));
    for (const v of variants) expect([v.records, v.errors]).toEqual([canonical(whole.records), JSON.stringify(whole.errors)]);
  });

  it('a failed query ({"data": null, "errors": [...]}) reports the errors, not a malformed trace', () => {
    const failed = decode(jaeger, JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'failed to query: context deadline exceeded' }] }));
    expect([failed.records.length, failed.progress.rejected, failed.errors.map((e) => [e.code, e.message])]).toEqual([0, 0, [['invalid-record', 'Jaeger reported 1 error (traces may be missing): 500 failed to query: context deadline exceeded']]]);
    // Without errors, a null data is still a wrong type, as before.
    const bare = decode(jaeger, '{"data":null}');
    expect([bare.progress.rejected, bare.errors.map((e) => [e.code, e.line, e.offset])]).toEqual([1, [['wrong-type', 1, 8]]]);
  });

  it('counts, roots and orphans are exact in the report', () => {
    const r = report(JSON.stringify(ANSWER));
    expect(r.correlation?.traces).toMatchObject({ spans: 3, traces: 1, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0 });
    expect(r.signals.traces).toMatchObject({ spans: 3, traces: 1, services: ['issue115'] });
  });
});

describe('Grafana Tempo search results (sniffed as Jaeger for their traceID)', () => {
  // Tempo /api/search (docs: api_docs "Search"): trace summaries, no spans. Before, one
  // `invalid-record` "not a Jaeger trace" with a rejected record; now one `unsupported` that says
  // what to export instead, and nothing rejected.
  const search = {
    traces: [
      {
        traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54',
        rootServiceName: 'shop-backend',
        rootTraceName: 'update-billing',
        startTimeUnixNano: '1684778327699392724',
        durationMs: 557,
        spanSets: [{ spans: [{ spanID: '563d623c76514f8e', startTimeUnixNano: '1684778327735077898', durationNanos: '446979497', attributes: [{ key: 'status', value: { stringValue: 'error' } }] }], matched: 1 }],
      },
    ],
    metrics: { inspectedBytes: '1', completedJobs: 1, totalJobs: 1 },
  };

  it('is one unsupported error at the document, no record, nothing rejected, in any chunking', () => {
    for (const text of [JSON.stringify(search), JSON.stringify(search, null, 2), JSON.stringify({ traces: [], metrics: { inspectedBytes: '0' } })]) {
      const { whole, variants } = chunkings(jaeger, new TextEncoder().encode(text));
      expect(whole.records).toHaveLength(0);
      expect(whole.errors).toMatchObject([{ code: 'unsupported', line: 1, offset: 0 }]);
      expect(whole.errors[0]!.message).toContain('/api/traces/<traceID>');
      expect(whole.progress.rejected).toBe(0);
      for (const v of variants) {
        expect(v.records).toBe('[]');
        expect(v.errors).toBe(JSON.stringify(whole.errors));
        expect(v.progress).toEqual(whole.progress);
      }
    }
  });
});
