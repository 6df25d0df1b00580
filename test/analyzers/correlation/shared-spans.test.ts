// Zipkin/B3 "shared" spans: the server side of a call re-uses its client's span id. Both are spans
// (never deduplicated), but the server's parent is the client of the same id and the id's children
// hang under the server, as in Zipkin's own trace tree (zipkin2.internal.SpanNode). Before, the
// server counted as a second root when the client was a root, and a call was counted twice in the
// dependency graph (a child edge and a peer edge). Counts derived by hand in the comments.
import { analyseJson } from '../../helpers/analyse.js';
import { describe, expect, it } from 'vitest';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { traceStatsByService } from '../../../analyzers/profile/trace-store.js';
import { SampledTraces } from '../../../analyzers/analysis/sampled-traces.js';
import type { Report } from '../../../analyzers/report/model.js';

const report = analyseJson;

const edges = (r: Report) => r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.kind, e.calls]);
const FE = { serviceName: 'frontend', ipv4: '10.0.0.1' };
const BE = { serviceName: 'backend', ipv4: '10.0.0.2' };
const T = '463ac35c9f6413ad';

// frontend SERVER a → frontend CLIENT b → backend SERVER b (shared) → backend CLIENT c (mysql) and
// PRODUCER d (kafka) → CONSUMER e with only a remote endpoint (no service of its own).
// 6 spans, 1 trace, 1 root (a), 0 orphans; edges: frontend→backend call (once), backend→mysql
// peer, backend→(unknown service) messaging.
const V2 = [
  { traceId: T, id: 'a', name: 'get /', kind: 'SERVER', timestamp: 1_000_000, duration: 10_000, localEndpoint: FE },
  { traceId: T, parentId: 'a', id: 'b', name: 'get /api', kind: 'CLIENT', timestamp: 1_001_000, duration: 8_000, localEndpoint: FE, remoteEndpoint: { serviceName: 'backend' } },
  { traceId: T, parentId: 'a', id: 'b', name: 'get /api', kind: 'SERVER', shared: true, timestamp: 1_002_000, duration: 6_000, localEndpoint: BE, remoteEndpoint: { ipv4: '10.0.0.1' } },
  { traceId: T, parentId: 'b', id: 'c', name: 'query', kind: 'CLIENT', timestamp: 1_003_000, duration: 2_000, localEndpoint: BE, remoteEndpoint: { serviceName: 'mysql' } },
  { traceId: T, parentId: 'b', id: 'd', name: 'send', kind: 'PRODUCER', timestamp: 1_004_000, duration: 100, localEndpoint: BE, remoteEndpoint: { serviceName: 'kafka' } },
  { traceId: T, parentId: 'd', id: 'e', name: 'receive', kind: 'CONSUMER', timestamp: 1_005_000, duration: 100, remoteEndpoint: { serviceName: 'kafka' } },
];

describe('shared span ids (Zipkin/B3)', () => {
  it('v2: both sides are spans; one root, no orphan, the call counted once', () => {
    const r = report({ 'v2.json': V2 });
    expect(r.signals.traces).toMatchObject({ spans: 6, traces: 1, services: ['backend', 'frontend'] });
    // crossServiceChildren: backend server b under frontend client b; consumer e under backend d.
    expect(r.correlation?.traces).toMatchObject({ spans: 6, traces: 1, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0, crossServiceChildren: 2 });
    expect(edges(r)).toEqual([
      ['backend', '(unknown service)', 'messaging', 1],
      ['backend', 'mysql', 'peer', 1],
      ['frontend', 'backend', 'call', 1],
    ]);
  });

  it('a client root and its shared server make one root, not two', () => {
    // 3 spans, 1 trace: frontend CLIENT 1 (root), backend SERVER 1 (shared), backend CLIENT 2.
    const spans = [
      { traceId: 'b'.repeat(16), id: '1', name: 'get', kind: 'CLIENT', timestamp: 1_000_000, duration: 9_000, localEndpoint: FE },
      { traceId: 'b'.repeat(16), id: '1', name: 'get', kind: 'SERVER', shared: true, timestamp: 1_001_000, duration: 7_000, localEndpoint: BE },
      { traceId: 'b'.repeat(16), parentId: '1', id: '2', name: 'q', kind: 'CLIENT', timestamp: 1_002_000, duration: 1_000, localEndpoint: BE, remoteEndpoint: { serviceName: 'mysql' } },
    ];
    const r = report({ 'root.json': spans });
    expect(r.correlation?.traces).toMatchObject({ spans: 3, traces: 1, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0, crossServiceChildren: 1 });
    expect(edges(r)).toEqual([
      ['backend', 'mysql', 'peer', 1],
      ['frontend', 'backend', 'call', 1],
    ]);
  });

  it('without the shared flag (OTLP or Jaeger storage converted from Zipkin): the same tree, in any order', () => {
    // Zipkin lens skew.json's trace: servicea SERVER r → servicea CLIENT s → serviceb SERVER s
    // (same id, no flag) → serviceb local l (parent s). The server of s is under the client of s and
    // l under the server: 1 cross-service child (serviceb s), 1 call servicea → serviceb. serviceb's
    // clock is behind: its server starts 65.441 ms before the client (74.202 − 8.761): 1 outside its
    // parent. Before, the span of id s read last was the parent of both: 2 / 2 / 2 in one order.
    const A = { serviceName: 'servicea' };
    const B = { serviceName: 'serviceb' };
    const t = '5af7183fb1d4cf5f';
    const spans = [
      { traceId: t, parentId: '74280ae0c10d8062', id: '43210ae0c10d1234', name: 'conflict', timestamp: 1470150004008762, duration: 65000, localEndpoint: B },
      { traceId: t, parentId: 'bf396325699c84bf', id: '74280ae0c10d8062', name: 'post', kind: 'SERVER', timestamp: 1470150004008761, duration: 93577, localEndpoint: B },
      { traceId: t, id: 'bf396325699c84bf', name: 'post', kind: 'SERVER', timestamp: 1470150004071068, duration: 99411, localEndpoint: A },
      { traceId: t, parentId: 'bf396325699c84bf', id: '74280ae0c10d8062', name: 'post', kind: 'CLIENT', timestamp: 1470150004074202, duration: 94539, localEndpoint: A },
    ];
    for (const order of [spans, [...spans].reverse(), [spans[3], spans[0], spans[2], spans[1]]]) {
      const r = report({ 'noflag.json': order });
      expect(r.correlation?.traces).toMatchObject({ spans: 4, traces: 1, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0, crossServiceChildren: 1, childOutsideParent: 1 });
      expect(edges(r)).toEqual([['servicea', 'serviceb', 'call', 1]]);
    }
  });

  it('a shared server whose client span is missing keeps the parent it names', () => {
    // An uninstrumented caller sent B3 headers: no parent named → a root; a parent named but not
    // exported → an orphan. 2 spans, 2 traces.
    const r = report({
      'server-only.json': [
        { traceId: 'c'.repeat(16), id: '8', name: 'get', kind: 'SERVER', shared: true, timestamp: 1_000_000, duration: 5_000, localEndpoint: BE },
        { traceId: 'f'.repeat(16), parentId: '7', id: '9', name: 'get', kind: 'SERVER', shared: true, timestamp: 1_000_000, duration: 5_000, localEndpoint: BE },
      ],
    });
    expect(r.correlation?.traces).toMatchObject({ spans: 2, traces: 2, orphanSpans: 1, noRootTraces: 1, multiRootTraces: 0 });
  });

  it('a span that names itself as parent (Jaeger domain_03.json) is not taken for a shared span', () => {
    // As before shared spans were understood: 2 spans, 1 root, no orphan.
    const jaeger = { data: [{ traceID: 'e'.repeat(16), spans: [
      { traceID: 'e'.repeat(16), spanID: '1', operationName: 'get', startTime: 1, duration: 5, processID: 'p' },
      { traceID: 'e'.repeat(16), spanID: '2', operationName: 'get', references: [{ refType: 'CHILD_OF', traceID: 'e'.repeat(16), spanID: '2' }], startTime: 2, duration: 1, processID: 'p' },
    ], processes: { p: { serviceName: 'api' } } }] };
    expect(report({ 'self.json': jaeger }).correlation?.traces).toMatchObject({ spans: 2, traces: 1, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0 });
  });

  it('the same trace as Zipkin v1 (one span logged by client and server) gives the same counts and edges', () => {
    const ann = (timestamp: number, value: string, endpoint: unknown) => ({ timestamp, value, endpoint });
    const v1 = [
      { traceId: T, id: 'a', name: 'get /', timestamp: 1_000_000, duration: 10_000, annotations: [ann(1_000_000, 'sr', FE), ann(1_010_000, 'ss', FE)] },
      {
        traceId: T, parentId: 'a', id: 'b', name: 'get /api', timestamp: 1_001_000, duration: 8_000,
        annotations: [ann(1_001_000, 'cs', FE), ann(1_002_000, 'sr', BE), ann(1_008_000, 'ss', BE), ann(1_009_000, 'cr', FE)],
        binaryAnnotations: [{ key: 'sa', value: true, endpoint: { serviceName: 'backend' } }],
      },
      { traceId: T, parentId: 'b', id: 'c', name: 'query', timestamp: 1_003_000, duration: 2_000, annotations: [ann(1_003_000, 'cs', BE), ann(1_005_000, 'cr', BE)], binaryAnnotations: [{ key: 'sa', value: true, endpoint: { serviceName: 'mysql' } }] },
    ];
    const r = report({ 'v1.json': v1 });
    // 4 spans (b is split in two), 1 trace, 1 root; edges frontend→backend call, backend→mysql peer.
    expect(r.signals.traces).toMatchObject({ spans: 4, traces: 1, services: ['backend', 'frontend'] });
    expect(r.correlation?.traces).toMatchObject({ spans: 4, orphanSpans: 0, noRootTraces: 0, multiRootTraces: 0, crossServiceChildren: 1 });
    expect(edges(r)).toEqual([
      ['backend', 'mysql', 'peer', 1],
      ['frontend', 'backend', 'call', 1],
    ]);
  });

  it('per-service roots and orphans of the trace store follow the same rule', () => {
    const span = (spanId: string, service: string, spanKind: Span['spanKind'], extra: Partial<Span> = {}): Span => ({
      kind: 'span', traceId: 'd'.repeat(16), spanId, name: 'x', spanKind, status: { code: 'unset' }, attributes: {}, events: [], links: [], resource: resourceFromAttributes({ 'service.name': service }), source: { file: 'f', line: 1 }, ...extra,
    });
    const store = new SampledTraces();
    for (const s of [span('0000000000000001', 'frontend', 'client'), span('0000000000000001', 'backend', 'server', { shared: true }), span('0000000000000002', 'backend', 'client', { parentSpanId: '0000000000000001' })]) store.add(s);
    const stats = traceStatsByService(store.state());
    // frontend: the one root (a CLIENT root); backend: 2 spans with a parent in the trace, no root.
    expect([stats.get('frontend')!.roots, stats.get('frontend')!.clientRoots, stats.get('frontend')!.orphans]).toEqual([1, 1, 0]);
    expect([stats.get('backend')!.roots, stats.get('backend')!.withParent, stats.get('backend')!.orphans]).toEqual([0, 2, 0]);
  });
});
