// Zipkin v2 has no INTERNAL kind: "When absent, the span is local or incomplete" (zipkin2.Span
// `kind`; the OpenTelemetry Zipkin exporter leaves kind out for INTERNAL spans). A kindless span
// with its own times and a local endpoint, and no remote endpoint, is a local span: read as
// INTERNAL, said on the span (kindFrom). One without times is incomplete and stays UNSPECIFIED.
import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { analyseInputs } from '../../../helpers/analyse.js';
import { decode } from '../common/json-test-helpers.js';

const T0 = 1_795_824_000_000_000; // µs
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

/** 20 requests: a SERVER span and its in-process child (no kind), as the OTel JS Zipkin exporter writes them. */
function otelExport(): object[] {
  const spans: object[] = [];
  for (let i = 1; i <= 20; i++) {
    const traceId = hex(i, 32);
    const ts = T0 + i * 1_000_000;
    spans.push({ traceId, id: hex(i, 16), name: 'get /ok', kind: 'SERVER', timestamp: ts, duration: 5000, localEndpoint: { serviceName: 'frontend' }, tags: { 'http.request.method': 'GET', 'http.response.status_code': '200', 'url.path': '/ok' } });
    spans.push({ traceId, id: hex(1000 + i, 16), parentId: hex(i, 16), name: 'render-ok', timestamp: ts + 100, duration: 4000, localEndpoint: { serviceName: 'frontend' } });
  }
  return spans;
}

describe('a Zipkin v2 span without kind', () => {
  it('with timestamp, duration and a local endpoint only is a local span: INTERNAL', () => {
    const r = decode(zipkin, new TextEncoder().encode(JSON.stringify(otelExport())));
    const spans = r.records as Span[];
    expect(spans.map((s) => s.spanKind).filter((k) => k === 'internal')).toHaveLength(20);
    expect(spans.filter((s) => s.spanKind === 'server')).toHaveLength(20);
    expect(spans.filter((s) => s.kindFrom === 'zipkin-local').map((s) => s.name)).toEqual(Array(20).fill('render-ok'));
    expect(spans.filter((s) => s.spanKind === 'server').every((s) => s.kindFrom === undefined)).toBe(true);
  });

  it('S-SPAN-KIND passes: 0 of 40 unspecified (was 20 of 40, asking for a kind Zipkin cannot carry)', () => {
    const rep = analyseInputs([['spans.json', JSON.stringify(otelExport())]]);
    const f = rep.findings!.find((x) => x.ruleId === 'S-SPAN-KIND')!;
    expect([f.passed, f.evidence.examined, f.evidence.failing]).toEqual([true, 40, 0]);
  });

  it("S-SPAN-KIND's message says how many kinds were read from the span's shape (kindFrom), not written", () => {
    const rep = analyseInputs([['spans.json', JSON.stringify(otelExport())]]);
    expect(rep.findings!.find((x) => x.ruleId === 'S-SPAN-KIND')!.message).toBe(
      '0 of 40 spans have kind UNSPECIFIED (0 %; within the 5 % allowed); 20 of the 40 have no kind written and were read as INTERNAL from their shape (Zipkin local spans: a timestamp, a duration and a local endpoint, no remote endpoint; kindFrom `zipkin-local`).',
    );
    // one such span of one: said in the singular
    const one = analyseInputs([['one.json', JSON.stringify([(otelExport()[1] as Record<string, unknown>)])]]);
    expect(one.findings!.find((x) => x.ruleId === 'S-SPAN-KIND')!.message).toBe(
      '0 of 1 spans have kind UNSPECIFIED (0 %; within the 5 % allowed); the span has no kind written and was read as INTERNAL from its shape (Zipkin local span: a timestamp, a duration and a local endpoint, no remote endpoint; kindFrom `zipkin-local`).',
    );
    // spans whose kind was written: nothing added
    const written = analyseInputs([['w.json', JSON.stringify(otelExport().filter((_, i) => i % 2 === 0))]]);
    expect(written.findings!.find((x) => x.ruleId === 'S-SPAN-KIND')!.message).toBe('0 of 20 spans have kind UNSPECIFIED (0 %; within the 5 % allowed).');
  });

  it('stays UNSPECIFIED when incomplete (no timestamp or no duration), with a remote endpoint, shared, or without a local endpoint', () => {
    const base = { traceId: hex(7, 32), parentId: hex(1, 16), name: 'x', timestamp: T0, duration: 10, localEndpoint: { serviceName: 'frontend' } };
    const cases: [string, object][] = [
      ['no duration', { ...base, id: hex(2, 16), duration: undefined }],
      ['no timestamp', { ...base, id: hex(3, 16), timestamp: undefined }],
      ['zero duration', { ...base, id: hex(4, 16), duration: 0 }],
      ['a remote endpoint', { ...base, id: hex(5, 16), remoteEndpoint: { serviceName: 'db', ipv4: '10.0.0.9' } }],
      ['shared', { ...base, id: hex(6, 16), shared: true }],
      ['no local endpoint', { ...base, id: hex(8, 16), localEndpoint: undefined }],
      ['an empty local endpoint', { ...base, id: hex(9, 16), localEndpoint: {} }],
    ];
    const r = decode(zipkin, new TextEncoder().encode(JSON.stringify(cases.map(([, s]) => s))));
    expect((r.records as Span[]).map((s, i) => [cases[i]![0], s.spanKind, s.kindFrom])).toEqual(cases.map(([why]) => [why, 'unspecified', undefined]));
  });

  it('with a kind keeps it (an unknown kind is UNSPECIFIED, not local)', () => {
    const base = { traceId: hex(7, 32), name: 'x', timestamp: T0, duration: 10, localEndpoint: { serviceName: 'frontend' } };
    const r = decode(zipkin, new TextEncoder().encode(JSON.stringify([{ ...base, id: hex(1, 16), kind: 'CLIENT' }, { ...base, id: hex(2, 16), kind: 'LOCAL' }])));
    expect((r.records as Span[]).map((s) => [s.spanKind, s.kindFrom])).toEqual([['client', undefined], ['unspecified', undefined]]);
  });
});
