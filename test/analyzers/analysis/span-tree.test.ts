// One logical span for the per-trace checks and the topology alike (analysis/span-tree.ts): a
// Zipkin fragment (a piece of a span without kind or times), a shared server without its flag
// (OTLP or Jaeger storage of Zipkin data) and a span exported twice are read the same way by the
// profile's trace store (S-SPAN-PARENT, roots, the Instrumentation Score trace rules) and by the
// correlation's topology (COR-005/006, the dependency graph), so their counts agree. Before, the
// trace store counted each fragment as a span (smartthings-mobile-web-install.json: S-SPAN-PARENT
// examined 335 spans of platformapi, the graph 251), a flagless shared server under a CLIENT root as
// a second root, and the topology found a parent in another trace (COR-005 1 orphan beside
// S-SPAN-PARENT's 2). Written by hand; the expected counts are derived in the comments.
import { describe, expect, it } from 'vitest';
import { traceTree } from '../../../analyzers/analysis/span-tree.js';
import type { SpanCopyFields } from '../../../analyzers/analysis/span-copies.js';
import { analyseJson } from '../../helpers/analyse.js';
import type { Finding } from '../../../analyzers/report/model.js';

const WEB = { serviceName: 'web' };
const API = { serviceName: 'api' };
const T1 = '00000000000000000000000000000a01';
const T2 = '00000000000000000000000000000a02';
const T3 = '00000000000000000000000000000a03';
const T4 = '00000000000000000000000000000a04';
const T5 = '00000000000000000000000000000a05';
const id = (n: number) => n.toString(16).padStart(16, '0');
const ts = 1_700_000_000_000_000;

// T1: web SERVER 1 (root) → web CLIENT 2 → api SERVER 2 (no shared flag) and an api fragment of 2
//     (no kind, no times: binary annotations reported apart) → api CLIENT 3 under 2.
// T2: web SERVER 4 (root) and a fragment of 4 with no service at all.
// T3: api SERVER 5 whose parent 0…ff is in no trace: an orphan; the trace has no root.
// T4: api SERVER 6 whose parent 1 is a span of T1, not of T4: an orphan; T4 has no root.
// T5: web CLIENT 7 (a root) and api SERVER 7 (no flag): one root, a CLIENT root.
const SPANS = [
  { traceId: T1, id: id(1), name: 'get /', kind: 'SERVER', timestamp: ts, duration: 10_000, localEndpoint: WEB },
  { traceId: T1, parentId: id(1), id: id(2), name: 'post /run', kind: 'CLIENT', timestamp: ts + 1_000, duration: 8_000, localEndpoint: WEB },
  { traceId: T1, parentId: id(1), id: id(2), name: 'post', kind: 'SERVER', timestamp: ts + 2_000, duration: 6_000, localEndpoint: API },
  { traceId: T1, parentId: id(1), id: id(2), name: 'post', localEndpoint: API, tags: { extra: 'x' } },
  { traceId: T1, parentId: id(2), id: id(3), name: 'query', kind: 'CLIENT', timestamp: ts + 3_000, duration: 1_000, localEndpoint: API },
  { traceId: T2, id: id(4), name: 'get /b', kind: 'SERVER', timestamp: ts, duration: 10_000, localEndpoint: WEB },
  { traceId: T2, id: id(4), name: 'get /b', tags: { extra: 'y' } },
  { traceId: T3, parentId: 'ff'.padStart(16, '0'), id: id(5), name: 'lost', kind: 'SERVER', timestamp: ts, duration: 1_000, localEndpoint: API },
  { traceId: T4, parentId: id(1), id: id(6), name: 'elsewhere', kind: 'SERVER', timestamp: ts, duration: 1_000, localEndpoint: API },
  { traceId: T5, id: id(7), name: 'call', kind: 'CLIENT', timestamp: ts, duration: 5_000, localEndpoint: WEB },
  { traceId: T5, id: id(7), name: 'call', kind: 'SERVER', timestamp: ts + 1_000, duration: 3_000, localEndpoint: API },
];

const finding = (r: ReturnType<typeof analyseJson>, rule: string, service: string): Finding | undefined => (r.findings as unknown as Finding[]).find((f) => f.ruleId === rule && f.service === service);
const isDetail = (r: ReturnType<typeof analyseJson>, rule: string, service: string): string | undefined => r.instrumentationScore!.perService.find((s) => s.service === service)?.rules.find((x) => x.id === rule)?.detail;

describe('the per-trace checks read the logical spans the topology reads', () => {
  for (const [label, order] of [
    ['in file order', SPANS],
    ['reversed', [...SPANS].reverse()],
  ] as const) {
    it(`fragments folded, a flagless shared server under its client, parents looked for in their own trace (${label})`, () => {
      const r = analyseJson({ 'z.json': order });
      const c = r.correlation!.traces as unknown as Record<string, number>;
      // spans examined: T1 4 (the fragment is a piece of api's span 2), T2 1, T3 1, T4 1, T5 2 = 9;
      // 2 fragments; orphans 5 and 6; T3 and T4 have no root; T5 one root (the server is under its client)
      expect([c.spans, c.sampleSpans, c.fragmentSpans, c.duplicateSpans, c.orphanSpans, c.noRootTraces, c.multiRootTraces]).toEqual([11, 9, 2, 0, 2, 2, 0]);
      // api: spans with a parent id 2 (under client 2), 3, 5, 6, 7 (under client 7) = 5, of them 5 and 6 orphans
      // (before: the fragment made 6, and server 7 was a root of api); web: 2 = 1, no orphan
      const api = finding(r, 'S-SPAN-PARENT', 'api')!;
      const web = finding(r, 'S-SPAN-PARENT', 'web')!;
      expect([api.evidence.examined, api.evidence.failing, web.evidence.examined, web.evidence.failing]).toEqual([5, 2, 1, 0]);
      expect(api.message).toBe('2 of 5 spans with a parent id have no parent in the export (40 %).');
      // the fragment without a service is a piece of web's span 4: no '(unknown service)' spans in the trace checks
      expect(finding(r, 'S-SPAN-PARENT', '(unknown service)')).toBeUndefined();
      expect(finding(r, 'N-SPAN-INTERNAL', '(unknown service)')).toBeUndefined();
      // the orphans agree: S-SPAN-PARENT 2 + 0 = COR-005's 2 (COR-005 found span 1 in T1 for span 6: 1)
      const cor5 = finding(r, 'COR-005', '*')!;
      expect([cor5.evidence.examined, cor5.evidence.failing]).toEqual([9, 2]);
      expect(cor5.evidence.failing).toBe(api.evidence.failing + web.evidence.failing);
      // roots: web 1, 4, 7 (7 a CLIENT root); api none (server 7 was a second root of T5)
      expect(isDetail(r, 'SPA-004', 'web')).toBe('1 of 3 root spans are CLIENT');
      expect(isDetail(r, 'SPA-004', 'api')).toBe('not applicable to this data');
      // every examined span is a root or has a parent id: 3 roots + 1 + 5 = COR-005's 9
      expect(3 + web.evidence.examined + api.evidence.examined).toBe(cor5.evidence.examined);
      // the COR-006 message says what was folded
      expect(finding(r, 'COR-006', '*')!.message).toBe('0 traces have several root spans and 2 have none, of 5 traces examined. 2 Zipkin span fragments (pieces without kind or times) were counted with the span of their id and service.');
      // the graph counts api's spans as the trace checks do: 2, 3, 5, 6, 7
      expect(r.dependencyGraph!.nodes.find((n) => n.service === 'api')!.spans).toBe(5);
      // S-SPAN-KIND and S-SPAN-TIMING judge the same logical spans: api's fragment of span 2 is part
      // of api's SERVER 2, which has a kind and times (before: 6 records of api, the fragment 1 failing
      // each; and the fragment without a service 1 of 1 failing under '(unknown service)')
      for (const rule of ['S-SPAN-KIND', 'S-SPAN-TIMING']) {
        const a = finding(r, rule, 'api')!;
        const w = finding(r, rule, 'web')!;
        expect([rule, a.evidence.examined, a.evidence.failing, w.evidence.examined, w.evidence.failing, a.passed]).toEqual([rule, 5, 0, 4, 0, true]);
        expect(a.evidence.sample).toBeUndefined();
        expect(finding(r, rule, '(unknown service)')).toBeUndefined();
      }
    });
  }
});

describe('traceTree', () => {
  const f = (spanId: string, parentId: string, service: string, kind: string, startMs = NaN, durUs = -1, relation = 0): SpanCopyFields => ({ spanId, parentId, service, kind, name: 'n', startMs, durUs, err: 0, relation });

  it('keeps a fragment without a span of its id and service, and folds one with', () => {
    const server = f('b', 'a', 'api', 'S', 1, 5);
    const piece = f('b', 'a', 'api', 'U');
    const stray = f('c', 'a', 'db', 'U');
    // (spans are named by their position in the list: piece 0, server 1, stray 2)
    const t = traceTree([piece, server, stray]);
    expect(t.spans).toEqual([1, 2]);
    expect([t.fragments, t.copies]).toEqual([1, 0]);
  });

  it('a flagless SERVER beside one CLIENT of another service is shared: under the client, its own id as parent id', () => {
    const client = f('q', '', 'web', 'C', 1, 5);
    const server = f('q', '', 'api', 'S', 2, 3);
    const child = f('r', 'q', 'api', 'C', 3, 1);
    // server 0, client 1, child 2
    const t = traceTree([server, client, child]);
    expect([t.isShared(0), t.isShared(1)]).toEqual([true, false]);
    expect([t.parentOf(0), t.parentIdOf(0), t.parentIdOf(1)]).toEqual([1, 'q', '']);
    // the id's children hang under the shared span of their own service
    expect(t.parentOf(2)).toBe(0);
    expect([t.holderOf('q'), t.holderOf('r'), t.holderOf('x')]).toEqual([1, 2, undefined]);
    // a SERVER of the client's own service is no shared side
    const same = f('q', '', 'web', 'S', 2, 3);
    expect(traceTree([client, same]).isShared(1)).toBe(false);
  });

  it('children of a shared id: under the shared span of their service, else the client, else the first shared span', () => {
    const client = f('q', 'a', 'web', 'C', 1, 5);
    const api = f('q', 'a', 'api', 'S', 2, 3, 1);
    const db = f('q', 'a', 'db', 'S', 2, 3, 1);
    const ofDb = f('r', 'q', 'db', 'C', 3, 1);
    const ofCache = f('s', 'q', 'cache', 'C', 3, 1);
    // client 0, api 1, db 2, ofDb 3, ofCache 4
    const t = traceTree([client, api, db, ofDb, ofCache]);
    expect([t.parentOf(1), t.parentOf(2), t.parentOf(3), t.parentOf(4)]).toEqual([0, 0, 2, 0]);
    // without the client: the shared spans keep the parent they name (absent: orphans), a child of
    // another service hangs under the first shared span of the id
    const u = traceTree([api, db, ofDb, ofCache]);
    expect([u.parentOf(0), u.parentIdOf(0), u.parentOf(2), u.parentOf(3)]).toEqual([undefined, 'a', 1, 0]);
  });

  it('a parent id no span of the trace holds has no parent, whatever other traces hold', () => {
    const lone = f('y', 'a', 'api', 'S', 1, 1);
    const t = traceTree([lone]);
    expect([t.parentOf(0), t.parentIdOf(0)]).toEqual([undefined, 'a']);
  });
});

// The per-trace checks and the dependency graph file a span under one service: a span without a
// service under the service of the span whose process it ran in (serviceOwners), and two spellings
// of a service that the graph joins (case, separators: spanServiceKey) are one service when the
// tree tells shared spans apart. The findings name the service as exported, the graph its
// canonical spelling (correlation.mappings says which). Before, the trace store filed a local span
// without an endpoint under '(unknown service)' while the graph gave it its parent's service, and
// read `stLogin` and `stlogin` as two services (a CLIENT and a SERVER of one id: a shared pair)
// where the graph read one (two roots).
describe('one service per span for the per-trace checks and the graph', () => {
  it('a span without a service is filed under its parent\'s service by both', () => {
    const spans = [
      { traceId: T1, id: id(1), name: 'get /', kind: 'SERVER', timestamp: ts, duration: 10_000, localEndpoint: WEB },
      // local spans reported without an endpoint (no service), one under the other
      { traceId: T1, parentId: id(1), id: id(2), name: 'render', timestamp: ts + 1_000, duration: 5_000 },
      { traceId: T1, parentId: id(2), id: id(3), name: 'template', timestamp: ts + 2_000, duration: 1_000 },
    ];
    const r = analyseJson({ 'z.json': spans });
    const web = finding(r, 'S-SPAN-PARENT', 'web')!;
    // before: web 0 spans with a parent id (no finding), '(unknown service)' 2 of 2
    expect([web.evidence.examined, web.evidence.failing]).toEqual([2, 0]);
    expect(finding(r, 'S-SPAN-PARENT', '(unknown service)')).toBeUndefined();
    expect(finding(r, 'S-SPAN-KIND', 'web')!.evidence.examined).toBe(3);
    expect(r.dependencyGraph!.nodes.map((n) => [n.service, n.spans])).toEqual([['web', 3]]);
    // the span's own record checks stay with its record's service (S-SERVICE-IDENTITY flags it)
    expect(finding(r, 'S-SERVICE-IDENTITY', '(unknown service)')!.evidence.failing).toBe(2);
  });

  it('two spellings the graph joins are one service in the trace tree of the per-trace checks too', () => {
    const spans = [
      { traceId: T1, id: id(7), name: 'call', kind: 'CLIENT', timestamp: ts, duration: 5_000, localEndpoint: { serviceName: 'stLogin' } },
      { traceId: T1, id: id(7), name: 'call', kind: 'SERVER', timestamp: ts + 1_000, duration: 3_000, localEndpoint: { serviceName: 'stlogin' } },
    ];
    const r = analyseJson({ 'z.json': spans });
    // the graph: one service stLogin, two root spans (a SERVER of the client's own service is no shared side)
    expect(r.dependencyGraph!.nodes.map((n) => [n.service, n.spans])).toEqual([['stLogin', 2]]);
    expect((r.correlation!.traces as unknown as Record<string, number>).multiRootTraces).toBe(1);
    expect(r.correlation!.mappings.find((m) => m.raw === 'stlogin')).toMatchObject({ service: 'stLogin', reason: 'near-miss' });
    // the per-trace checks: two roots too (before: the SERVER under the CLIENT, 1 span with a parent id, 1 root)
    expect(finding(r, 'S-SPAN-PARENT', 'stlogin')).toBeUndefined();
    expect(isDetail(r, 'SPA-004', 'stLogin')).toBe('1 of 1 root spans are CLIENT');
    expect(isDetail(r, 'SPA-004', 'stlogin')).toBe('0 of 1 root spans are CLIENT');
  });
});
