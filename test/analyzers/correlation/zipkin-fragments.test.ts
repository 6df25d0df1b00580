// A Zipkin span id held three times — a kind-less, time-less fragment of the server (binary
// annotations reported apart), the shared SERVER and the CLIENT — is one call whatever the order
// of the spans (the smartthings Zipkin export: crossServiceChildren 378 in one order, 294 reversed;
// a fragment stored last replaced the client as the id's span). Written by hand: edge → SERVER a
// (root, web) → CLIENT b (web) → shared SERVER b (api), plus the api fragment of b. Expected: 1
// call web → api, 1 cross-service child (server b under client b), 3 spans examined (the fragment
// is a piece of server b), 1 root, no orphan — in each of the 24 orders of the 4 spans.
import { describe, expect, it } from 'vitest';
import { analyseJson } from '../../helpers/analyse.js';

const T = '14b60fd9ae504820';
const WEB = { serviceName: 'web', ipv4: '10.0.0.1' };
const API = { serviceName: 'api', ipv4: '10.0.0.2' };
const spans = [
  { traceId: T, id: '000000000000000a', name: 'get /', kind: 'SERVER', timestamp: 1_000_000, duration: 10_000, localEndpoint: WEB },
  { traceId: T, parentId: '000000000000000a', id: '000000000000000b', name: 'post /run', kind: 'CLIENT', timestamp: 1_001_000, duration: 8_000, localEndpoint: WEB },
  { traceId: T, parentId: '000000000000000a', id: '000000000000000b', name: 'post', kind: 'SERVER', shared: true, timestamp: 1_002_000, duration: 6_000, localEndpoint: API },
  { traceId: T, parentId: '000000000000000a', id: '000000000000000b', name: 'post', localEndpoint: API },
];

function orders(n: number): number[][] {
  if (n === 1) return [[0]];
  return orders(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('a Zipkin fragment of a shared server span', () => {
  it('is a piece of that span: one call, counted once, in every order', () => {
    const all = orders(spans.length);
    expect(all.length).toBe(24);
    for (const order of all) {
      const r = analyseJson({ 'z.json': order.map((i) => spans[i]) });
      const c = r.correlation!.traces as unknown as { crossServiceChildren: number; sampleSpans: number; orphanSpans: number; multiRootTraces: number; noRootTraces: number };
      expect([c.crossServiceChildren, c.sampleSpans, c.orphanSpans, c.multiRootTraces, c.noRootTraces], `order ${order.join('')}`).toEqual([1, 3, 0, 0, 0]);
      expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.kind, e.calls])).toEqual([['web', 'api', 'call', 1]]);
    }
  });

  it('without a span of its own service it stays a span, and the client remains the id span in every order', () => {
    // no shared server: the fragment (api) and the client (web) hold b; the fragment names a as
    // parent: a cross-service child of web's SERVER a (1 call web → api, as the fragment is the
    // only trace of api); the client b, not the fragment, is the span of id b (nothing names b)
    const pair = [spans[0], spans[1], spans[3]];
    for (const order of orders(3)) {
      const r = analyseJson({ 'z.json': order.map((i) => pair[i]) });
      const c = r.correlation!.traces as unknown as { crossServiceChildren: number; sampleSpans: number; orphanSpans: number };
      expect([c.crossServiceChildren, c.sampleSpans, c.orphanSpans], `order ${order.join('')}`).toEqual([1, 3, 0]);
      expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.calls])).toEqual([['web', 'api', 1]]);
    }
  });

  it('of two spans of one id, the one lacking less (kind, times, service) is the parent, in either order', () => {
    // x: a kind-less span of service-x with times; a SERVER span of the same id with neither
    // service nor times (an OTLP span of a query result); y: a service-y child of that id. The
    // child hangs under service-x's span (it lacks only a kind; the other lacks times and a
    // service): 1 call service-x → service-y — before, whichever came last won.
    const X = [
      { traceId: T, id: '0000000000000002', name: 'work', timestamp: 1_000_000, duration: 5_000, localEndpoint: { serviceName: 'service-x' } },
      { traceId: T, id: '0000000000000002', name: 'foobar', kind: 'SERVER' },
      { traceId: T, parentId: '0000000000000002', id: '0000000000000003', name: 'child', kind: 'SERVER', timestamp: 1_001_000, duration: 1_000, localEndpoint: { serviceName: 'service-y' } },
    ];
    for (const order of orders(3)) {
      const r = analyseJson({ 'z.json': order.map((i) => X[i]) });
      expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.calls]), `order ${order.join('')}`).toEqual([['service-x', 'service-y', 1]]);
    }
  });
});
