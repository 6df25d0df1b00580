import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// Enum fields given as numbers (protobuf JSON printed with EnumsAsInts; jaeger model.proto:
// ValueType STRING=0 BOOL=1 INT64=2 FLOAT64=3 BINARY=4, SpanRefType CHILD_OF=0 FOLLOWS_FROM=1) or
// as any other JSON type used to crash the run (TypeError: toUpperCase is not a function, exit 3).
// Now a number is read as its enum name and anything else as the field's default.
const T = 'f1b2c3d4e5f60718';
const span = (id: string, extra: Record<string, unknown>): Record<string, unknown> => ({ traceID: T, spanID: id, operationName: 'op', startTime: 1700000000000000, duration: 10, processID: 'p1', ...extra });
const DOC = JSON.stringify({
  data: [
    {
      traceID: T,
      spans: [
        span('0000000000000001', { tags: [{ key: 'a', type: 5, value: 'x' }, { key: 'b', type: null, value: 'y' }, { key: 'c', type: { s: 1 }, value: 'z' }] }),
        span('0000000000000002', { references: [{ refType: 1, traceID: T, spanID: '0000000000000001' }], tags: [{ key: 'n', vType: 2, vInt64: '7' }, { key: 'f', vType: 3, vFloat64: 1.5 }, { key: 'o', vType: [], vStr: 's' }] }),
        span('0000000000000003', { references: [{ refType: 1, traceID: T, spanID: '0000000000000001' }, { refType: 0, traceID: T, spanID: '0000000000000002' }, { refType: true, traceID: T, spanID: '0000000000000001' }] }),
      ],
      processes: { p1: { serviceName: 'svc', tags: [] } },
    },
  ],
});

describe('jaeger enum fields as numbers or other types', () => {
  it('are read, never crash', () => {
    const r = decode(jaeger, DOC);
    for (const chunk of [1, 7, 4096]) expect(canonical(decode(jaeger, DOC, chunk).records)).toBe(canonical(r.records));
    expect(r.errors).toEqual([]);
    const [a, b, c] = r.records as Span[];
    expect(a!.attributes).toEqual({ a: 'x', b: 'y', c: 'z' });
    // FOLLOWS_FROM (1) is the parent when there is no CHILD_OF into the trace
    expect([b!.parentSpanId, b!.attributes]).toEqual(['0000000000000001', { n: 7, f: 1.5, o: 's' }]);
    // CHILD_OF (0) wins over an earlier FOLLOWS_FROM; the other references are links named by type
    expect(c!.parentSpanId).toBe('0000000000000002');
    // the parent reference's type: asynchronous (FOLLOWS_FROM) for b only
    expect([b!.followsFrom, c!.followsFrom]).toEqual([true, undefined]);
    expect(c!.links.map((l) => [l.spanId, l.attributes['jaeger.ref_type']])).toEqual([
      ['0000000000000001', 'FOLLOWS_FROM'],
      ['0000000000000001', 'true'],
    ]);
  });
});
