// The collector is mergeable: records split across collectors (as worker threads do) and merged
// give the same correlation result as one collector that saw everything.
import { describe, expect, it } from 'vitest';
import { CorrelationCollector, analyzeCorrelation } from '../../../analyzers/correlation/index.js';
import { SampledTracesCollector } from '../../../analyzers/analysis/sampled-traces.js';
import { EXEMPLAR_SAMPLE_CAP, LOG_SAMPLE_CAP, SPAN_ID_EXACT_CAP } from '../../../analyzers/correlation/collector.js';
import { bloomAdd, bloomFalsePositiveRate, bloomHas, createBloom } from '../../../analyzers/correlation/sketches.js';
import { emptyResource, type SignalRecord, type Span, type LogRecord, type MetricPoint } from '../../../analyzers/model/index.js';

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

function exemplarPoint(i: number, trace: number): MetricPoint {
  const ms = 1_700_000_000_000 + i;
  return {
    kind: 'metric', name: 'latency', type: 'gauge', temporality: 'unspecified', unit: 's', labels: {}, timeNs: BigInt(ms) * 1_000_000n, value: 1,
    exemplars: [{ value: 1, timeNs: BigInt(ms) * 1_000_000n, traceId: trace.toString(16).padStart(32, '0'), spanId: '1'.padStart(16, '0'), attributes: {} }],
    resource: { ...emptyResource(), serviceName: 'svc' }, source: { file: 'm', line: i },
  };
}

describe('correlation collector', () => {
  it('exemplar and log samples: two halves within the cap that pass it together merge as one pass (the level rises)', () => {
    // 80,000 exemplars and 80,000 trace-linked logs of distinct trace ids: one pass passes each
    // cap (50,000) and raises the level; each half (40,000) stays at level 0, so only the merge
    // can raise it. (Before the fix the merged exemplar sample kept all 80,000 at level 0.)
    const n = 80_000;
    expect(n / 2).toBeLessThan(Math.min(EXEMPLAR_SAMPLE_CAP, LOG_SAMPLE_CAP));
    expect(n).toBeGreaterThan(Math.max(EXEMPLAR_SAMPLE_CAP, LOG_SAMPLE_CAP));
    const one = new CorrelationCollector();
    const halves = [new CorrelationCollector(), new CorrelationCollector()];
    for (let i = 0; i < n; i++) {
      for (const r of [exemplarPoint(i, i + 1), log(i, i + 1, 1, 'svc', 1_700_000_000_000 + i)]) {
        one.add(r);
        halves[i < n / 2 ? 0 : 1]!.add(r);
      }
    }
    for (const h of halves) {
      expect(h.state().metrics.level).toBe(0);
      expect(h.state().logs.level).toBe(0);
    }
    const merged = new CorrelationCollector();
    for (const h of halves) merged.merge(structuredClone(h.state()));
    const a = one.state();
    const b = merged.state();
    expect(a.metrics.level).toBeGreaterThan(0);
    expect(a.logs.level).toBeGreaterThan(0);
    expect(b.metrics.level).toBe(a.metrics.level);
    expect(b.metrics.exemplarSample.length).toBeLessThanOrEqual(EXEMPLAR_SAMPLE_CAP);
    expect(b.metrics.exemplarSample).toEqual(a.metrics.exemplarSample);
    expect(b.logs.level).toBe(a.logs.level);
    expect(b.logs.sample).toEqual(a.logs.sample);
  });

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
    // (with the sampled traces the correlation reads its span topology from, split and merged alike)
    const one = new CorrelationCollector();
    const oneTraces = new SampledTracesCollector();
    for (const r of recs) {
      one.add(r);
      oneTraces.add(r);
    }
    const parts = [new CorrelationCollector(), new CorrelationCollector(), new CorrelationCollector()];
    const traceParts = [new SampledTracesCollector(), new SampledTracesCollector(), new SampledTracesCollector()];
    recs.forEach((r, i) => {
      parts[i % 3]!.add(r);
      traceParts[i % 3]!.add(r);
    });
    const merged = new CorrelationCollector();
    const mergedTraces = new SampledTracesCollector();
    for (const p of parts) merged.merge(structuredClone(p.state()));
    for (const p of traceParts) mergedTraces.merge(structuredClone(p.state()));
    const a = analyzeCorrelation(one.state(), oneTraces.state());
    const b = analyzeCorrelation(merged.state(), mergedTraces.state());
    expect(b).toEqual(a);
    // 300 frontend → cart calls, every 10th failed
    expect(a.dependencyGraph.edges).toEqual([{ from: 'frontend', to: 'cart', kind: 'call', calls: 300, errors: 30, errorRate: 0.1, latencyMs: expect.any(Object) }]);
    expect(a.correlation.logs.resolved).toBe(300);
  });

  it('past the exact span-id cap: a split and merged run gives the same Bloom filter and index as one pass', () => {
    // Limits scaled down (exact cap 20,000 ids, Bloom for 400,000): 20,001 span ids in 200-span
    // traces (trace ids count too), split in two runs of whole traces (as pieces of a file are):
    // each half stays exact, the union does not.
    const limits = { spanIdExactCap: 20_000, spanIdBloomCapacity: 400_000 };
    expect(limits.spanIdExactCap).toBeLessThan(SPAN_ID_EXACT_CAP);
    const n = limits.spanIdExactCap + 1;
    const make = (i: number): Span => span(i + 1, Math.floor(i / 200) + 1, undefined, 'svc', 1_700_000_000_000 + i, 1);
    const one = new CorrelationCollector(limits);
    const a = new CorrelationCollector(limits);
    const b = new CorrelationCollector(limits);
    for (let i = 0; i < n; i++) {
      const sp = make(i);
      one.add(sp);
      (i < n / 2 ? a : b).add(sp);
    }
    const single = one.state();
    expect(single.spans.idExact).toBeNull();
    for (const order of [[a, b], [b, a]]) {
      const merged = new CorrelationCollector(limits);
      for (const c of order) merged.merge(structuredClone(c.state()));
      const st = merged.state();
      expect(st.spans.idExact).toBeNull();
      expect(st.spans.idBloom!.words).toEqual(single.spans.idBloom!.words);
      expect(bloomFalsePositiveRate(st.spans.idBloom!)).toBe(bloomFalsePositiveRate(single.spans.idBloom!));
      const index = analyzeCorrelation(st).correlation.traces?.spanIdIndex;
      expect(index?.kind).toBe('bloom');
      expect(index).toEqual(analyzeCorrelation(single).correlation.traces?.spanIdIndex);
    }
  });

  it('prepareMerge: Bloom filters built ahead on both sides give the same merge as building them in it', () => {
    const limits = { spanIdExactCap: 20_000, spanIdBloomCapacity: 400_000 };
    const make = (i: number): Span => span(i + 1, Math.floor(i / 200) + 1, undefined, 'svc', 1_700_000_000_000 + i, 1);
    const fill = (c: CorrelationCollector, from: number, to: number): CorrelationCollector => {
      for (let i = from; i < to; i++) c.add(make(i));
      return c;
    };
    // over the cap together (10,000 + 10,001 span ids and their 50 + 51 trace ids), under it apart
    const plain = fill(new CorrelationCollector(limits), 0, 10_000);
    plain.merge(structuredClone(fill(new CorrelationCollector(limits), 10_000, 20_001).state()));
    const home = fill(new CorrelationCollector(limits), 0, 10_000);
    const other = fill(new CorrelationCollector(limits), 10_000, 20_001);
    expect([home.mergeSize().ids, other.mergeSize().ids]).toEqual([10_050, 10_052]);
    other.prepareMerge(home.mergeSize());
    home.prepareMerge(other.mergeSize());
    const sent = structuredClone(other.state());
    expect(sent.spans.idExactBloom?.items).toBe(10_052);
    expect(sent.spans.idExact).not.toBeNull();
    home.merge(sent);
    const [x, y] = [home.state(), plain.state()];
    expect(x.spans.idExact).toBeNull();
    expect(x.spans.idBloom!.items).toBe(20_102);
    expect(x.spans.idBloom).toEqual(y.spans.idBloom);
    expect(x.spans.idExactBloom).toBeUndefined();
    expect(analyzeCorrelation(x)).toEqual(analyzeCorrelation(y));
    expect(home.mergeSize().ids).toBe(limits.spanIdExactCap + 1);
  });

  it('prepareMerge: a union under the cap stays exact; a Bloom filter built ahead of a set that grew since is not used', () => {
    const limits = { spanIdExactCap: 20_000, spanIdBloomCapacity: 400_000 };
    const make = (i: number): Span => span(i + 1, Math.floor(i / 200) + 1, undefined, 'svc', 1_700_000_000_000 + i, 1);
    const a = new CorrelationCollector(limits);
    const b = new CorrelationCollector(limits);
    for (let i = 0; i < 10_000; i++) a.add(make(i));
    // b holds the same ids: the sizes add up past the cap, the union does not
    for (let i = 0; i < 10_000; i++) b.add(make(i));
    a.prepareMerge(b.mergeSize());
    b.prepareMerge(a.mergeSize());
    const sent = structuredClone(b.state());
    expect(sent.spans.idExactBloom).toBeDefined();
    a.merge(sent);
    expect(a.state().spans.idExact?.spans).toEqual(b.state().spans.idExact?.spans);
    expect(a.state().spans.idBloom).toBeNull();
    // prepared, then grown: the ready filter misses the new ids and is not sent
    const c = new CorrelationCollector(limits);
    for (let i = 0; i < 15_000; i++) c.add(make(i));
    c.prepareMerge({ ids: 10_000 });
    c.add(make(15_000));
    expect(c.state().spans.idExactBloom).toBeUndefined();
    const d = new CorrelationCollector(limits);
    for (let i = 15_001; i < 25_000; i++) d.add(make(i));
    c.merge(structuredClone(d.state()));
    const one = new CorrelationCollector(limits);
    for (let i = 0; i < 25_000; i++) one.add(make(i));
    expect(c.state().spans.idBloom!.words).toEqual(one.state().spans.idBloom!.words);
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

/** A correlation collector and the sampled traces an analysis builds beside it (its span topology's input), fed the same records. */
function withTraces(): { add: (r: SignalRecord) => void; state: () => ReturnType<CorrelationCollector['state']>; traces: () => ReturnType<SampledTracesCollector['state']> } {
  const c = new CorrelationCollector();
  const t = new SampledTracesCollector();
  return {
    add: (r) => {
      c.add(r);
      t.add(r);
    },
    state: () => c.state(),
    traces: () => t.state(),
  };
}

describe('span topology of very many services', () => {
  it('every service is a graph node; symptom series are kept for the first MAX_SERIES_SERVICES only', async () => {
    const { analyzeSpans, MAX_SERIES_SERVICES } = await import('../../../analyzers/correlation/spans.js');
    const { ServiceResolver } = await import('../../../analyzers/correlation/service-identity.js');
    const c = withTraces();
    const n = MAX_SERIES_SERVICES + 500;
    for (let i = 1; i <= n; i++) c.add(span(i, i, undefined, `svc-${i}`, 1_700_000_000_000 + i, 10));
    const state = c.state();
    const topo = analyzeSpans(state, c.traces(), new ServiceResolver([]));
    expect(topo.graph.nodes).toHaveLength(n);
    expect(topo.entry.size).toBe(MAX_SERIES_SERVICES);
  });
});

describe('the dependency graph of very many services, as the report carries it', () => {
  it('keeps the busiest MAX_GRAPH_NODES services and the edges between them, and says how many were left out', async () => {
    const { MAX_GRAPH_NODES } = await import('../../../analyzers/correlation/index.js');
    const { readDependencyGraph } = await import('../../../analyzers/report/view.js');
    const c = withTraces();
    let id = 1;
    // a caller with 3 callees (the busiest), then many services of one span each
    for (let t = 1; t <= 20; t++) {
      const root = id++;
      c.add(span(root, t, undefined, 'gateway', 1_700_000_000_000 + t * 1000, 50));
      for (const callee of ['cart', 'pay', 'ship']) c.add(span(id++, t, root, callee, 1_700_000_000_000 + t * 1000 + 5, 10));
    }
    const lone = MAX_GRAPH_NODES + 100;
    for (let i = 0; i < lone; i++) c.add(span(id++, 1000 + i, undefined, `svc-${String(i).padStart(4, '0')}`, 1_700_000_100_000 + i, 10));
    const g = analyzeCorrelation(c.state(), c.traces()).dependencyGraph;
    expect(g.nodes).toHaveLength(MAX_GRAPH_NODES);
    expect(g.omittedNodes).toBe(4 + lone - MAX_GRAPH_NODES);
    for (const s of ['gateway', 'cart', 'pay', 'ship']) expect(g.nodes.some((n) => n.service === s)).toBe(true);
    expect(g.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['gateway>cart', 'gateway>pay', 'gateway>ship']);
    // a report from elsewhere with more services than a page can draw is cut to GRAPH_VIEW_MAX the same way
    const view = readDependencyGraph({ dependencyGraph: { nodes: Array.from({ length: 700 }, (_, i) => ({ service: `s${i}` })), edges: [{ from: 's699', to: 's698', calls: 1 }], sampled: false } } as never)!;
    expect([view.nodes.length, view.omitted, view.edges.length]).toEqual([500, 200, 1]);
  });
});

describe('span topology without the span times (a run without log records)', () => {
  it('is the same topology, only without spanTimes; with log records the times are there and the logs are checked against them', async () => {
    const { analyzeSpans } = await import('../../../analyzers/correlation/spans.js');
    const { ServiceResolver } = await import('../../../analyzers/correlation/service-identity.js');
    const c = withTraces();
    let id = 1;
    for (let t = 1; t <= 50; t++) {
      const root = id++;
      c.add(span(root, t, undefined, 'gateway', 1_700_000_000_000 + t * 1000, 50, t % 7 === 0));
      c.add(span(id++, t, root, 'cart', 1_700_000_000_000 + t * 1000 + 5, 10));
      c.add(span(id++, t, 999_999, 'pay', 1_700_000_000_000 + t * 1000 + 5, 10)); // an orphan
    }
    const state = c.state();
    const full = analyzeSpans(state, c.traces(), new ServiceResolver([]));
    const lean = analyzeSpans(state, c.traces(), new ServiceResolver([]), { spanTimes: false });
    // 3 spans a trace, 50 traces, each span id distinct: 150 span times
    expect(full.spanTimes.size).toBe(150);
    expect(lean.spanTimes.size).toBe(0);
    expect({ ...lean, spanTimes: undefined }).toEqual({ ...full, spanTimes: undefined });
    expect(lean.orphanSpans).toBe(50);
    // with log records, analyzeCorrelation asks for the times: a log 10 s after its span is skewed
    c.add(log(10_000, 1, 1, 'gateway', 1_700_000_000_000 + 1000 + 10_000));
    const r = analyzeCorrelation(c.state(), c.traces());
    expect(r.correlation.logs.resolved).toBe(1);
    expect(r.correlation.logs.skewChecked).toBe(1);
    expect(r.correlation.logs.skewOutsideSpan).toBe(1);
  });
});
