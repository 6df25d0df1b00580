import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { codes, decode } from '../common/json-test-helpers.js';

const span = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ traceId: '463ac35c9f6413ad48485a3953bb6124', id, name: 'get', timestamp: 1, duration: 2, ...extra });

describe('zipkin hostile input and edge cases', () => {
  it('reads /api/v2/traces ([[span]]) and JSON Lines of arrays', () => {
    const r = decode(zipkin, JSON.stringify([[span('a')], [span('b'), span('c')]]) + '\n' + JSON.stringify([span('d')]) + '\n');
    expect((r.records as Span[]).map((s) => s.spanId)).toEqual(['000000000000000a', '000000000000000b', '000000000000000c', '000000000000000d']);
    expect(r.records.map((x) => x.source.line)).toEqual([1, 1, 1, 2]);
  });

  it('empty, binary, truncated, wrong types, invalid ids, v1 spans, deep nesting', () => {
    expect(codes(decode(zipkin, '  '))).toEqual(['empty-input']);
    expect(codes(decode(zipkin, new Uint8Array(100).fill(1)))).toEqual(['binary-data']);
    const t = decode(zipkin, JSON.stringify([span('1'), span('2')]).slice(0, -20));
    expect([t.records.length, codes(t)]).toEqual([1, ['truncated']]);
    const w = decode(zipkin, JSON.stringify(['x', span('nothex'), span('3', { traceId: 'f'.repeat(33) }), span('4', { tags: 'x' }), span('5', { binaryAnnotations: [] }), span('6')]));
    expect([w.records.length, codes(w)]).toEqual([1, ['wrong-type', 'invalid-id', 'invalid-id', 'wrong-type', 'unsupported']]);
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const d = decode(zipkin, `[${deep},${JSON.stringify(span('7'))}]`);
    expect([d.records.length, codes(d)]).toEqual([1, ['too-deep']]);
  });
});
