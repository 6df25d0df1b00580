import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// zipkin2.Span.normalizeTraceId (openzipkin/zipkin, zipkin/src/main/java/zipkin2/Span.java):
// "if (length == 32 && zeros >= 16) return traceId.substring(16)". A 128-bit trace id whose high
// half is zero is the 64-bit id, so a Brave service (64-bit ids) and an OpenTelemetry service
// (always 32 hex) in one trace are one trace, as in Zipkin's UI and storage.
const root = { traceId: '463ac35c9f6413ad', id: '0000000000000001', name: 'root', kind: 'SERVER', timestamp: 1700000000000000, duration: 1000, localEndpoint: { serviceName: 'brave-svc' } };
const child = { traceId: '0000000000000000463ac35c9f6413ad', id: '0000000000000002', parentId: '0000000000000001', name: 'child', kind: 'SERVER', timestamp: 1700000000000100, duration: 500, localEndpoint: { serviceName: 'otel-svc' } };
const wide = { traceId: '00000000000000010000000000000abc', id: '3', name: 'x' };

describe('zipkin v2 trace id width', () => {
  it('a 32-hex trace id with a zero high half is the 64-bit id; a non-zero high half is kept', () => {
    const text = JSON.stringify([root, child, wide]);
    const r = decode(zipkin, text);
    expect(r.errors).toEqual([]);
    expect((r.records as Span[]).map((s) => s.traceId)).toEqual(['463ac35c9f6413ad', '463ac35c9f6413ad', '00000000000000010000000000000abc']);
    for (const chunk of [1, 7, 4096]) expect(canonical(decode(zipkin, text, chunk).records)).toBe(canonical(r.records));
  });
});
