// The collector is mergeable: records split across collectors (as worker threads do) and merged
// give the same correlation result as one collector that saw everything.
import { describe, expect, it } from 'vitest';
import { CorrelationCollector, analyzeCorrelation } from '../../../analyzers/correlation/index.js';
import { bloomAdd, bloomFalsePositiveRate, bloomHas, createBloom } from '../../../analyzers/correlation/sketches.js';
import type { SignalRecord, Span, LogRecord } from '../../../analyzers/model/index.js';

function span(i: number, trace: number, parent: number | undefined, service: string, startMs: number, durMs: number, error = false): Span {
  return {
    kind: 'span', traceId: trace.toString(16).padStart(32, '0'), spanId: i.toString(16).padStart(16, '0'),
    ...(parent !== undefined ? { parentSpanId: parent.toString(16).padStart(16, '0') } : {}),
    name: 'op', spanKind: parent === undefined ? 'server' : 'client', startNs: BigInt(startMs) * 1_000_000n, endNs: BigInt(startMs + durMs) * 1_000_000n,
    status: { code: error ? 'error' : 'unset' }, attributes: {}, events: [], links: [], resource: { serviceName: service, attributes: {} }, source: { file: 'f', line: i },
  };
}
function log(i: number, trace: number, spanId: number, service: string, ms: number): LogRecord {
  return { kind: 'log', timeNs: BigInt(ms) * 1_000_000n, body: 'hello', traceId: trace.toString(16).padStart(32, '0'), spanId: spanId.toString(16).padStart(16, '0'), attributes: {}, resource: { serviceName: service, attributes: {} }, structured: true, source: { file: 'l', line: i } };
}

describe('correlation collector', () => {
  it('merged partial states equal one collector over all records', () => {
    const recs: SignalRecord[] = [];
    let id = 1;
    for (let t = 1; t <= 300; t++) {
      const start = 1_700_000_000_000 + t * 1000;
      const root = id++;
      recs.push(span(root, t, undefined, 'frontend', start, 50));
      const child = id++;
      recs.push(span(child, t, root, 'cart-7d9c8b6f5d-x2kzq', start + 5, 30, t % 10 === 0));
      recs.push(log(id, t, child, 'cart', start + 10));
    }
    const one = new CorrelationCollector();
    for (const r of recs) one.add(r);
    const parts = [new CorrelationCollector(), new CorrelationCollector(), new CorrelationCollector()];
    recs.forEach((r, i) => parts[i % 3]!.add(r));
    const merged = new CorrelationCollector();
    for (const p of parts) merged.merge(structuredClone(p.state()));
    const a = analyzeCorrelation(one.state());
    const b = analyzeCorrelation(merged.state());
    expect(b).toEqual(a);
    // 300 frontend → cart calls, every 10th failed
    expect(a.dependencyGraph.edges).toEqual([{ from: 'frontend', to: 'cart', kind: 'call', calls: 300, errors: 30, errorRate: 0.1, latencyMs: expect.any(Object) }]);
    expect(a.correlation.logs.resolved).toBe(300);
  });

  it('Bloom filter: no false negatives, false-positive rate near the 1 % it was sized for', () => {
    const b = createBloom(10_000, 0.01);
    for (let i = 0; i < 10_000; i++) bloomAdd(b, 's:' + i);
    for (let i = 0; i < 10_000; i++) expect(bloomHas(b, 's:' + i)).toBe(true);
    let fp = 0;
    for (let i = 0; i < 100_000; i++) if (bloomHas(b, 'x:' + i)) fp++;
    expect(fp / 100_000).toBeLessThan(0.02);
    expect(bloomFalsePositiveRate(b)).toBeCloseTo(0.01, 2);
  });
});
