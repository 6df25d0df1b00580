// One trace exported twice — in two files, by a Collector's retry, or as OTLP and as Zipkin — is
// one trace: the structure checks and the dependency graph count each span once, and the report
// says how many copies were left out. The spans are written by hand: a frontend SERVER span, its
// CLIENT call, and the backend SERVER span under it (expected: 1 call frontend → backend).
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const T = '5b8efff798038103d269b633813fc60c';
const otlp = (service: string, spans: unknown[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }] });
const span = (id: string, parent: string | undefined, kind: number, start: number, end: number) => ({ traceId: T, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name: `op-${id}`, kind, startTimeUnixNano: String(start * 1_000_000), endTimeUnixNano: String(end * 1_000_000) });
const base = 1_700_000_000_000;
const lines = [
  otlp('frontend', [span('00000000000000a1', undefined, 2, base, base + 50), span('00000000000000a2', '00000000000000a1', 3, base + 5, base + 45)]),
  otlp('backend', [span('00000000000000b1', '00000000000000a2', 2, base + 6, base + 44)]),
].join('\n') + '\n';
// the same three spans as Zipkin v2 (microseconds; no kind for nothing here: all have one)
const zipkin = JSON.stringify([
  { traceId: T, id: '00000000000000a1', name: 'op-00000000000000a1', kind: 'SERVER', timestamp: base * 1000, duration: 50_000, localEndpoint: { serviceName: 'frontend' } },
  { traceId: T, id: '00000000000000a2', parentId: '00000000000000a1', name: 'op-00000000000000a2', kind: 'CLIENT', timestamp: (base + 5) * 1000, duration: 40_000, localEndpoint: { serviceName: 'frontend' } },
  { traceId: T, id: '00000000000000b1', parentId: '00000000000000a2', name: 'op-00000000000000b1', kind: 'SERVER', timestamp: (base + 6) * 1000, duration: 38_000, localEndpoint: { serviceName: 'backend' } },
]);

describe('a span exported twice', () => {
  it.each([
    ['the same OTLP file twice over (a retry)', [['a.jsonl', lines + lines]]],
    ['as OTLP and as Zipkin', [['a.jsonl', lines], ['b.json', zipkin]]],
  ] as [string, [string, string][]][])('%s: counted once in the graph and the root check, and the copies said', (_, inputs) => {
    const r = analyseInputs(inputs);
    const c = r.correlation as unknown as { traces: { duplicateSpans: number; multiRootTraces: number; traces: number } };
    expect([c.traces.traces, c.traces.multiRootTraces, c.traces.duplicateSpans]).toEqual([1, 0, 3]);
    // COR-005 examined the 3 spans of the trace, not the 6 records (its examined counted the copies)
    expect(r.findings!.find((f) => f.ruleId === 'COR-005')!.evidence.examined).toBe(3);
    expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.calls])).toEqual([['frontend', 'backend', 1]]);
  });

  it('a span id reused by another span is no copy', () => {
    const other = otlp('backend', [span('00000000000000b1', '00000000000000a2', 2, base + 100, base + 120)]);
    const r = analyseInputs([['a.jsonl', lines + other + '\n']]);
    expect((r.correlation as unknown as { traces: { duplicateSpans: number } }).traces.duplicateSpans).toBe(0);
  });
});

describe('edge latency', () => {
  it('p50, p95 and p99 are nearest-rank quantiles of the calls: 101 calls of 1…101 ms give 51, 96 and 100 ms', () => {
    const t = (i: number) => i.toString(16).padStart(32, '0');
    const lines: string[] = [];
    for (let i = 1; i <= 101; i++) {
      const start = base + i * 1000;
      const client = { traceId: t(i), spanId: `a${i.toString(16).padStart(15, '0')}`, name: 'call', kind: 3, startTimeUnixNano: String(start * 1_000_000), endTimeUnixNano: String((start + i) * 1_000_000) };
      const server = { traceId: t(i), spanId: `b${i.toString(16).padStart(15, '0')}`, parentSpanId: client.spanId, name: 'serve', kind: 2, startTimeUnixNano: String(start * 1_000_000), endTimeUnixNano: String((start + i) * 1_000_000) };
      lines.push(JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] }, scopeSpans: [{ spans: [client] }] }, { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [server] }] }] }));
    }
    const r = analyseInputs([['calls.jsonl', lines.join('\n') + '\n']]);
    expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.calls, e.latencyMs])).toEqual([['web', 'api', 101, { p50: 51, p95: 96, p99: 100 }]]);
  });
});

describe('what is no copy, and what is', () => {
  const one = (spans: unknown[]) => otlp('backend', spans) + '\n';
  const dup = (a: unknown, b: unknown) => (analyseInputs([['a.jsonl', one([a]) + one([b])]]).correlation as unknown as { traces: { duplicateSpans: number } }).traces.duplicateSpans;
  const s = span('00000000000000b1', '00000000000000a2', 2, base + 6, base + 44);
  it('another status or another name is another span; an unended copy of an ended span is a copy', () => {
    expect(dup(s, { ...s, status: { code: 2 } })).toBe(0);
    expect(dup(s, { ...s, name: 'other' })).toBe(0);
    expect(dup(s, { ...s })).toBe(1);
    const unended = { ...s, endTimeUnixNano: undefined };
    expect(dup(unended, s)).toBe(1);
    expect(dup(s, unended)).toBe(1);
  });
});

describe('copies whatever their order', () => {
  it('a span id shared by two services: the copy of either is found, in any order', () => {
    const web = span('e000000000000001', undefined, 2, base, base + 10);
    const api = { ...span('e000000000000001', undefined, 2, base + 1, base + 5) };
    const count = (lines: string[]) => (analyseInputs([['a.jsonl', lines.join('\n') + '\n']]).correlation as unknown as { traces: { duplicateSpans: number } }).traces.duplicateSpans;
    expect(count([otlp('web', [web]), otlp('web', [web]), otlp('api', [api])])).toBe(1);
    expect(count([otlp('api', [api]), otlp('web', [web]), otlp('web', [web])])).toBe(1);
  });
});
