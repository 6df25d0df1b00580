// Span fields a real export carries besides ids and times: an empty or all-zero parentSpanId (a
// root, never an orphan), traceState, W3C flags and the SDK's dropped counts.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import type { Report } from '../../../../analyzers/report/model.js';
import { codes, decode } from '../common/json-test-helpers.js';

const T1 = '5b8efff798038103d269b633813fc60c';
const span = (traceId: string, spanId: string, extra: Record<string, unknown> = {}) => ({ traceId, spanId, name: `op-${spanId}`, kind: 2, startTimeUnixNano: '1544712660000000000', endTimeUnixNano: '1544712661000000000', ...extra });
const request = (spans: unknown[], snake = false) => {
  const r = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }], droppedAttributesCount: 0 }, scopeSpans: [{ scope: { name: 'lib', droppedAttributesCount: 0 }, spans }] }] };
  const text = JSON.stringify(r);
  return snake ? text.replace(/"(resourceSpans|scopeSpans|traceId|spanId|parentSpanId|traceState|startTimeUnixNano|endTimeUnixNano|droppedAttributesCount|droppedEventsCount|droppedLinksCount|stringValue|timeUnixNano)"/g, (_m, k: string) => `"${k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())}"`) : text;
};

// Trace T1: a root with parentSpanId "" (traceState, flags 0x301 = sampled + remote parent known +
// remote, 3 attributes, 2 events and 1 link dropped) and its child. Traces T2/T3: one root each,
// with parentSpanId all zeros in hex and in base64. 4 spans, 3 traces, 3 roots, 0 orphans.
const SPANS = [
  span(T1, 'eee19b7ec3c1b174', {
    parentSpanId: '',
    traceState: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE',
    flags: 769,
    attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }],
    droppedAttributesCount: 3,
    events: [{ timeUnixNano: '1544712660300000000', name: 'retry', attributes: [], droppedAttributesCount: 1 }],
    droppedEventsCount: 2,
    links: [{ traceId: '5b8efff798038103d269b633813fc60d', spanId: 'eee19b7ec3c1b175', traceState: 'x=y', flags: 1, attributes: [], droppedAttributesCount: 0 }],
    droppedLinksCount: 1,
  }),
  span(T1, 'eee19b7ec3c1b176', { parentSpanId: 'eee19b7ec3c1b174', traceState: '', flags: 1, kind: 3, droppedAttributesCount: 0 }),
  span('6b8efff798038103d269b633813fc60c', 'aee19b7ec3c1b174', { parentSpanId: '0000000000000000' }),
  span('7b8efff798038103d269b633813fc60c', 'bee19b7ec3c1b174', { parentSpanId: 'AAAAAAAAAAA=' }),
];

describe('otlp-json span fields', () => {
  for (const snake of [false, true]) {
    it(`an empty or all-zero parentSpanId is a root; dropped counts are kept${snake ? ' (proto field names)' : ''}`, () => {
      const r = decode(otlpJson, request(SPANS, snake));
      expect([codes(r), r.records.length]).toEqual([[], 4]);
      const spans = r.records as Span[];
      expect(spans.map((s) => s.parentSpanId)).toEqual([undefined, 'eee19b7ec3c1b174', undefined, undefined]);
      // The OpenTelemetry names for drops in formats without such fields (mapping-to-non-otlp.md).
      expect(spans[0]!.attributes).toEqual({ 'http.request.method': 'GET', 'otel.dropped_attributes_count': 3, 'otel.dropped_events_count': 2, 'otel.dropped_links_count': 1 });
      expect(spans[0]!.events[0]!.attributes).toEqual({ 'otel.dropped_attributes_count': 1 });
      expect(spans[0]!.links).toEqual([{ traceId: '5b8efff798038103d269b633813fc60d', spanId: 'eee19b7ec3c1b175', attributes: {} }]);
      // Zero counts add nothing.
      expect(spans[1]!.attributes).toEqual({});
    });
  }

  it('spans, traces, roots and orphans are exact in the report', () => {
    const analysis = new Analysis({ toolVersion: '0.0.0-test' });
    const bytes = new TextEncoder().encode(request(SPANS));
    const input = analysis.openInput('otlp.json', { totalBytes: bytes.length });
    input.push(bytes);
    input.end();
    const report = analysis.finish() as Report;
    expect([report.inputs[0]!.records, report.inputs[0]!.rejected, report.inputs[0]!.errors]).toEqual([4, 0, []]);
    expect(report.signals.traces).toMatchObject({ spans: 4, traces: 3, services: ['checkout'] });
    expect(report.correlation?.traces).toMatchObject({ spans: 4, traces: 3, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0 });
  });
});
