// The span profile's exact id check and the profile's per-trace hashing remember the last trace
// id (spans of a trace mostly come together): the outcome must be the same as checking each span
// on its own, whatever the order of the spans.
import { describe, expect, it } from 'vitest';
import { SpanProfile } from '../../../analyzers/profile/span-profile.js';
import { TelemetryProfileCollector } from '../../../analyzers/profile/telemetry-profile.js';
import { resourceFromAttributes, type Span } from '../../../analyzers/model/index.js';
import { traceHash } from '../../../analyzers/profile/trace-store.js';

const resource = resourceFromAttributes({ 'service.name': 'checkout' });
function span(traceId: string, spanId: string, line: number): Span {
  return { kind: 'span', traceId, spanId, name: 'GET /', spanKind: 'server', status: { code: 'unset' }, attributes: {}, events: [], links: [], resource, source: { file: 'f', line }, startNs: 1_000n, endNs: 2_000n };
}
const T1 = '0af7651916cd43dd8448eb211c80319c';
const T2 = '4bf92f3577b34da6a3ce929d0e0e4736';
const spans = [
  span(T1, 'b7ad6b7169203331', 1),
  span(T1, 'NOT-HEX-SPAN-ID!', 2), // bad span id in a good trace
  span(T1, 'b7ad6b7169203333', 3),
  span('not-a-hex-trace-id', 'b7ad6b7169203334', 4), // bad trace id
  span('not-a-hex-trace-id', 'b7ad6b7169203335', 5), // the same bad trace id again
  span(T2, 'b7ad6b7169203336', 6),
  span('', 'b7ad6b7169203337', 7), // empty trace id
  span(T1, 'b7ad6b7169203338', 8), // back to a trace seen before
];

describe('span profile: per-trace memo', () => {
  it('flags exactly the spans with a malformed trace or span id', () => {
    const p = new SpanProfile();
    for (const s of spans) p.add(s, 0);
    const c = p.state().checks['span.ids']!;
    expect(c.examined).toBe(8);
    expect(c.failing).toBe(4);
    expect(c.examples.map((e) => e.line).sort()).toEqual([2, 4, 5, 7]);
  });

  it('the per-service profile is the same in any span order (the trace store keeps arrival order)', () => {
    const grouped = new TelemetryProfileCollector();
    for (const s of spans) grouped.add(s);
    const shuffled = new TelemetryProfileCollector();
    for (const i of [7, 3, 0, 6, 1, 4, 2, 5]) shuffled.add(spans[i]!);
    const norm = (st: ReturnType<TelemetryProfileCollector['state']>) => {
      const j = JSON.parse(JSON.stringify(st)) as { services: { spans: { checks: Record<string, { examples: { line: number }[] }> } }[] };
      for (const svc of j.services) for (const c of Object.values(svc.spans.checks)) c.examples.sort((a, b) => a.line - b.line);
      return j.services;
    };
    expect(norm(shuffled.state())).toEqual(norm(grouped.state()));
  });

  it('each span lands in the sampling bucket of its own trace id', () => {
    // 300 traces of 3 spans, in runs and interleaved: the buckets are clz32 of each trace id's
    // sampling hash (traceHash: of its low 64 bits, so both spellings of a lenient Zipkin trace id
    // land in one bucket).
    const many: Span[] = [];
    for (let t = 0; t < 300; t++) {
      const tid = (t * 2654435761).toString(16).padStart(32, '0').slice(-32);
      for (let k = 0; k < 3; k++) many.push(span(tid, (t * 3 + k + 1).toString(16).padStart(16, '0'), many.length + 1));
    }
    const interleaved = [...many.filter((_, i) => i % 2 === 0), ...many.filter((_, i) => i % 2 === 1)];
    const expected: number[] = [];
    for (const s of many) {
      const b = Math.clz32(traceHash(s.traceId));
      expected[b] = (expected[b] ?? 0) + 1;
    }
    for (const order of [many, interleaved]) {
      const c = new TelemetryProfileCollector();
      for (const s of order) c.add(s);
      const seen = c.state().services[0]!.spans!.sampled!.seen;
      expect(seen.map((n, b) => [b, n]).filter(([, n]) => n! > 0)).toEqual(expected.map((n, b) => [b, n]).filter(([, n]) => n !== undefined && n > 0));
    }
  });
});

describe('span profile: distinct span names', () => {
  it('an empty name counts as a name whether it comes first or not', () => {
    // Two spans of one service named "get " and "": two distinct names in either order (counted by
    // hand; the empty name is a value of its own, the span.name check flags it separately).
    const named = (name: string, line: number): Span => ({ ...span(T1, 'b7ad6b716920333' + line, line), name });
    for (const order of [
      ['get ', ''],
      ['', 'get '],
    ]) {
      const p = new SpanProfile();
      order.forEach((n, i) => p.add(named(n, i + 1), 0));
      expect(p.distinctNames()).toBe(2);
    }
  });
});
