// Near-miss service joining must not merge span services that differ by a trailing service word
// (`content-api` and `content-service` are two services), nor turn a client span's peer name into
// its own caller (`telemetrygen` calling `telemetrygen-server`). Before, both were one service: the
// call between them vanished from the graph. Expected counts derived by hand in the comments.
import { analyseJson } from '../../helpers/analyse.js';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../analyzers/report/model.js';

const report = analyseJson;

const nodes = (r: Report) => r.dependencyGraph!.nodes.map((n) => `${n.service}:${n.spans}`);
const edges = (r: Report) => r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.kind, e.calls]);

describe('near-miss joining and span services', () => {
  it('two span services differing by -api/-service stay two, with the call between them', () => {
    const T = '463ac35c9f6413ad';
    const API = { serviceName: 'content-api' };
    const SVC = { serviceName: 'content-service' };
    // content-api SERVER a → content-api CLIENT b → content-service SERVER c:
    // nodes content-api 2 spans, content-service 1; one cross-service child (c under b).
    const spans = [
      { traceId: T, id: 'a', name: 'get /', kind: 'SERVER', timestamp: 1_000_000, duration: 10_000, localEndpoint: API },
      { traceId: T, parentId: 'a', id: 'b', name: 'get /x', kind: 'CLIENT', timestamp: 1_001_000, duration: 8_000, localEndpoint: API },
      { traceId: T, parentId: 'b', id: 'c', name: 'get /x', kind: 'SERVER', timestamp: 1_002_000, duration: 6_000, localEndpoint: SVC },
    ];
    const r = report({ 'z.json': spans });
    expect(nodes(r)).toEqual(['content-api:2', 'content-service:1']);
    expect(edges(r)).toEqual([['content-api', 'content-service', 'call', 1]]);
    expect(r.correlation?.traces.crossServiceChildren).toBe(1);
  });

  it("a client span's peer.service that near-misses its own service is another service", () => {
    const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
    // one SERVER root and its CLIENT child, both telemetrygen; the client names peer telemetrygen-server
    // and that callee left no span: one peer edge telemetrygen → telemetrygen-server.
    const otlp = {
      resourceSpans: [
        {
          resource: { attributes: [str('service.name', 'telemetrygen')] },
          scopeSpans: [
            {
              spans: [
                { traceId: 'e199fc80864d844728ebad88ccfadc67', spanId: '4e4fb0523f19a0d7', name: 'lets-go', kind: 2, startTimeUnixNano: '1750218567597408000', endTimeUnixNano: '1750218567597531000' },
                { traceId: 'e199fc80864d844728ebad88ccfadc67', spanId: 'a94838a53a9b92c0', parentSpanId: '4e4fb0523f19a0d7', name: 'okey-dokey', kind: 3, startTimeUnixNano: '1750218567597408000', endTimeUnixNano: '1750218567597531000', attributes: [str('peer.service', 'telemetrygen-server')] },
              ],
            },
          ],
        },
      ],
    };
    const r = report({ 'o.json': otlp });
    expect(edges(r)).toEqual([['telemetrygen', 'telemetrygen-server', 'peer', 1]]);
    expect(nodes(r)).toEqual(['telemetrygen:2', 'telemetrygen-server:0']);
  });
});
