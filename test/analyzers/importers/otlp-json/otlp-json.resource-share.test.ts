// Requests on different JSON Lines lines with the same resource share one Resource object (the
// collectors memoize per-resource work by identity); different resources never do.
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { decode } from '../common/json-test-helpers.js';

function line(attrs: Record<string, unknown>[], spanId: string): string {
  const span = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId, name: 'GET /', kind: 2, startTimeUnixNano: '1', endTimeUnixNano: '2' };
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: attrs }, scopeSpans: [{ spans: [span] }] }] });
}
const svc = (name: string, extra: Record<string, unknown>[] = []) => [{ key: 'service.name', value: { stringValue: name } }, ...extra];

describe('otlp-json: one Resource object for the same resource on many lines', () => {
  it('shares equal resources across lines, keeps different ones apart, and keeps values exact', () => {
    const lines = [
      line(svc('checkout'), 'b7ad6b7169203331'),
      line(svc('cart'), 'b7ad6b7169203332'),
      line(svc('checkout'), 'b7ad6b7169203333'),
      // Same service, one more attribute: another resource.
      line(svc('checkout', [{ key: 'service.instance.id', value: { stringValue: 'i-1' } }]), 'b7ad6b7169203334'),
      // Same keys, other value.
      line(svc('checkout', [{ key: 'service.instance.id', value: { stringValue: 'i-2' } }]), 'b7ad6b7169203335'),
      // 0 and -0 are different values.
      line(svc('cart', [{ key: 'x', value: { doubleValue: 0 } }]), 'b7ad6b7169203336'),
      line(svc('cart', [{ key: 'x', value: { doubleValue: 0 } }]), 'b7ad6b7169203337').replace('"doubleValue":0', '"doubleValue":-0'), // JSON.stringify writes -0 as 0
      // A nested value is never taken as equal.
      line(svc('cart', [{ key: 'a', value: { arrayValue: { values: [{ intValue: '1' }] } } }]), 'b7ad6b7169203338'),
      line(svc('cart', [{ key: 'a', value: { arrayValue: { values: [{ intValue: '1' }] } } }]), 'b7ad6b7169203339'),
      line(svc('cart'), 'b7ad6b716920333a'),
    ];
    const r = decode(otlpJson, lines.join('\n') + '\n');
    expect(r.errors).toEqual([]);
    const spans = r.records as Span[];
    expect(spans).toHaveLength(10);
    const res = spans.map((s) => s.resource);
    expect(res[2]).toBe(res[0]);
    expect(res[9]).toBe(res[1]);
    expect(res[1]).not.toBe(res[0]);
    expect(res[3]).not.toBe(res[0]);
    expect(res[4]).not.toBe(res[3]);
    expect(res[4]!.serviceInstanceId).toBe('i-2');
    expect(res[6]).not.toBe(res[5]);
    expect(Object.is(res[6]!.attributes['x'], -0)).toBe(true);
    expect(res[8]).not.toBe(res[7]);
    expect(res[8]!.attributes['a']).toEqual([1]);
    // Every span still carries exactly the resource its line wrote.
    spans.forEach((s, i) => expect(JSON.stringify(s.resource.attributes)).toBe(JSON.stringify(Object.fromEntries((JSON.parse(lines[i]!) as { resourceSpans: { resource: { attributes: { key: string; value: Record<string, unknown> }[] } }[] }).resourceSpans[0]!.resource.attributes.map((a) => [a.key, a.value['stringValue'] ?? a.value['doubleValue'] ?? [1]])))));
  });

  it('does not remember big resources (they would stay alive), which are then not shared', () => {
    const big = svc('checkout', [{ key: 'process.command_line', value: { stringValue: 'x'.repeat(20_000) } }]);
    const r = decode(otlpJson, [line(big, 'b7ad6b7169203331'), line(big, 'b7ad6b7169203332')].join('\n') + '\n');
    const spans = r.records as Span[];
    expect(spans).toHaveLength(2);
    expect(spans[1]!.resource).not.toBe(spans[0]!.resource);
    expect(spans[1]!.resource).toEqual(spans[0]!.resource);
    const many = svc('checkout', Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: { stringValue: 'v' } })));
    const r2 = decode(otlpJson, [line(many, 'b7ad6b7169203331'), line(many, 'b7ad6b7169203332')].join('\n') + '\n');
    const s2 = r2.records as Span[];
    expect(s2[1]!.resource).not.toBe(s2[0]!.resource);
  });
});
