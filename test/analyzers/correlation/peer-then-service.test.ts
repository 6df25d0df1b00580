// A service first met as the peer of a client span (its callee left no span in that trace) and
// with spans of its own in a later trace is a service node, never a peer: the graph's node kinds
// must not depend on the order of the traces (all of zipkin-v2-json: 'backend', 2 spans of its
// own, was a peer node because a trace with a lower id called it first). Written by hand: trace 1
// web CLIENT → remote 'legacy' (no legacy span); trace 2 one legacy SERVER span. Expected: nodes
// legacy (service, 1 span, error rate of its span) and web (service); 1 peer edge web → legacy.
import { describe, expect, it } from 'vitest';
import { analyseJson } from '../../helpers/analyse.js';

const call = { id: '0000000000000001', name: 'get', kind: 'CLIENT', timestamp: 1_000_000, duration: 5_000, localEndpoint: { serviceName: 'web' }, remoteEndpoint: { serviceName: 'legacy' } };
const own = { id: '0000000000000002', name: 'serve', kind: 'SERVER', timestamp: 2_000_000, duration: 3_000, localEndpoint: { serviceName: 'legacy' }, tags: { error: 'boom' } };

describe('a traced service first seen as a peer', () => {
  for (const [callTrace, ownTrace] of [
    ['000000000000000000000000000000a1', '000000000000000000000000000000b2'],
    ['000000000000000000000000000000b2', '000000000000000000000000000000a1'],
  ] as const) {
    it(`is a service node whichever trace comes first (call in ${callTrace.slice(-2)}, own span in ${ownTrace.slice(-2)})`, () => {
      const r = analyseJson({ 'z.json': [{ ...call, traceId: callTrace }, { ...own, traceId: ownTrace }] });
      expect(r.dependencyGraph!.nodes.map((n) => [n.service, n.kind, n.spans, n.errorRate])).toEqual([
        ['legacy', 'service', 1, 1],
        ['web', 'service', 1, 0],
      ]);
      expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.kind, e.calls])).toEqual([['web', 'legacy', 'peer', 1]]);
    });
  }
});
