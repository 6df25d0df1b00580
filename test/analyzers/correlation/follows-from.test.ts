// An asynchronous child (Jaeger FOLLOWS_FROM; in OTLP converted by the Collector, a link to the
// parent with opentracing.ref_type = follows_from) may start after its parent ended: it stays in
// the graph but is no clock-skew evidence (COR-008). Counts derived by hand in the comments.
import { analyseJson } from '../../helpers/analyse.js';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../analyzers/report/model.js';

const report = analyseJson;

const edges = (r: Report) => r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.kind, e.calls]);
const T = 'f77950feed55c1ce91dd8e87896623a7';
const tag = (key: string, value: string) => ({ key, type: 'string', value });

describe('asynchronous (FOLLOWS_FROM) children', () => {
  // orders SERVER a1 (0–20 ms) → audit SERVER a2 at 1000–1010 ms, 990 ms after its parent ended.
  const jaegerDoc = (refType: string) => ({
    data: [
      {
        traceID: T,
        spans: [
          { traceID: T, spanID: '00000000000000a1', operationName: 'POST /orders', references: [], startTime: 1586160015000000, duration: 20000, tags: [tag('span.kind', 'server')], processID: 'p1' },
          { traceID: T, spanID: '00000000000000a2', operationName: 'audit-write', references: [{ refType, traceID: T, spanID: '00000000000000a1' }], startTime: 1586160016000000, duration: 10000, tags: [tag('span.kind', 'server')], processID: 'p2' },
        ],
        processes: { p1: { serviceName: 'orders', tags: [] }, p2: { serviceName: 'audit', tags: [] } },
      },
    ],
  });

  it('Jaeger FOLLOWS_FROM: in the graph, not outside its parent', () => {
    const r = report({ 'j.json': jaegerDoc('FOLLOWS_FROM') });
    expect(r.correlation?.traces).toMatchObject({ crossServiceChildren: 1, childOutsideParent: 0 });
    expect(edges(r)).toEqual([['orders', 'audit', 'call', 1]]);
    expect(r.findings?.find((f) => f.ruleId === 'COR-008')?.passed).toBe(true);
  });

  it('the same child by CHILD_OF is still skew (the control)', () => {
    const r = report({ 'j.json': jaegerDoc('CHILD_OF') });
    expect(r.correlation?.traces).toMatchObject({ crossServiceChildren: 1, childOutsideParent: 1 });
  });

  it('OTLP: the parent also a link with opentracing.ref_type = follows_from', () => {
    const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
    const span = (service: string, s: Record<string, unknown>) => ({ resource: { attributes: [str('service.name', service)] }, scopeSpans: [{ spans: [{ traceId: T, kind: 2, ...s }] }] });
    const otlp = {
      resourceSpans: [
        span('orders', { spanId: '00000000000000a1', name: 'POST /orders', startTimeUnixNano: '1586160015000000000', endTimeUnixNano: '1586160015020000000' }),
        span('audit', {
          spanId: '00000000000000a2',
          parentSpanId: '00000000000000a1',
          name: 'audit-write',
          startTimeUnixNano: '1586160016000000000',
          endTimeUnixNano: '1586160016010000000',
          links: [{ traceId: T, spanId: '00000000000000a1', attributes: [str('opentracing.ref_type', 'follows_from')] }],
        }),
      ],
    };
    const r = report({ 'o.json': otlp });
    expect(r.correlation?.traces).toMatchObject({ crossServiceChildren: 1, childOutsideParent: 0 });
  });
});
