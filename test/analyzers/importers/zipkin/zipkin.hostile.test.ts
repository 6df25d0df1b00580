import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import { ZipkinMapError } from '../../../../analyzers/importers/zipkin/map.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { codes, decode } from '../common/json-test-helpers.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';

const sniffText = (text: string): string | undefined => {
  const bytes = new TextEncoder().encode(text);
  return sniffFormat(makeSniffInput(bytes, true)).spec?.id;
};

const span = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ traceId: '463ac35c9f6413ad48485a3953bb6124', id, name: 'get', timestamp: 1, duration: 2, ...extra });

describe('zipkin hostile input and edge cases', () => {
  it('reads /api/v2/traces ([[span]]) and JSON Lines of arrays', () => {
    const r = decode(zipkin, JSON.stringify([[span('a')], [span('b'), span('c')]]) + '\n' + JSON.stringify([span('d')]) + '\n');
    expect((r.records as Span[]).map((s) => s.spanId)).toEqual(['000000000000000a', '000000000000000b', '000000000000000c', '000000000000000d']);
    expect(r.records.map((x) => x.source.line)).toEqual([1, 1, 1, 2]);
  });

  it('empty, binary, truncated, wrong types, invalid ids, deep nesting', () => {
    expect(codes(decode(zipkin, '  '))).toEqual(['empty-input']);
    expect(codes(decode(zipkin, new Uint8Array(100).fill(1)))).toEqual(['binary-data']);
    const t = decode(zipkin, JSON.stringify([span('1'), span('2')]).slice(0, -20));
    expect([t.records.length, codes(t)]).toEqual([1, ['truncated']]);
    const w = decode(zipkin, JSON.stringify(['x', span('nothex'), span('3', { traceId: 'f'.repeat(33) }), span('4', { tags: 'x' }), span('5', { binaryAnnotations: [] }), span('6')]));
    // span 5 is Zipkin v1 (binaryAnnotations), read since v1 is supported: 2 spans.
    expect([w.records.length, codes(w)]).toEqual([2, ['wrong-type', 'invalid-id', 'invalid-id', 'wrong-type']]);
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const d = decode(zipkin, `[${deep},${JSON.stringify(span('7'))}]`);
    expect([d.records.length, codes(d)]).toEqual([1, ['too-deep']]);
  });

  it('a single span on one line, or one span a line, is Zipkin, not a JSON Lines log', () => {
    // Zipkin's own example span (POST /api/v2/spans accepts one span object); its `traceId` and
    // `timestamp` are also log keys, which made the one-line form sniff as jsonl-logs.
    const one = JSON.stringify({ traceId: '5af7183fb1d4cf5f', id: '352bff9a74ca9ad2', name: 'get', kind: 'SERVER', timestamp: 1556604172355737, duration: 1431, localEndpoint: { serviceName: 'frontend', ipv4: '127.0.0.1' } });
    expect(sniffText(one + '\n')).toBe('zipkin');
    expect(sniffText(one)).toBe('zipkin');
    const two = `${JSON.stringify(span('a'))}\n${JSON.stringify(span('b', { parentId: 'a' }))}\n`;
    expect(sniffText(two)).toBe('zipkin');
    const r = decode(zipkin, two);
    expect([r.records.length, codes(r)]).toEqual([2, []]);
    // A log line that carries trace context and a duration but has a message stays a log.
    expect(sniffText('{"time":"2024-01-01T00:00:00Z","msg":"done","traceId":"5af7183fb1d4cf5f","span_id":"352bff9a74ca9ad2","duration":12}\n')).toBe('jsonl-logs');
  });
});

describe('zipkin: many rejected elements', () => {
  // Fuzzing found `--as zipkin` on a 1 MB array of 524,288 empty strings took 26 s: every
  // rejected element threw an Error, whose stack trace capture was the whole cost (now 1.4 s).
  it('a rejection is not an Error (no stack captured per bad span) and every element is counted', () => {
    expect(new ZipkinMapError('wrong-type', 'x')).not.toBeInstanceOf(Error);
    // 100,000 strings and 100,000 numbers in one array: each element is one rejected span.
    const r = decode(zipkin, '[' + Array.from({ length: 200_000 }, (_, i) => (i % 2 ? '1' : '""')).join(',') + ']');
    expect([r.records.length, r.progress.rejected, r.errors[0]?.code]).toEqual([0, 200_000, 'wrong-type']);
  });
});

describe('zipkin: a missing comma between two spans', () => {
  it('is reported and costs no span (pretty-printed or on one line); the spans after it are read', () => {
    const spans = Array.from({ length: 6 }, (_, i) => span(`00000000000000a${i}`));
    const pretty = JSON.stringify(spans, null, 2).replace(/\},\n(\s+)\{\n(\s+)"traceId": "463ac35c9f6413ad48485a3953bb6124",\n(\s+)"id": "00000000000000a3"/, '}\n$1{\n$2"traceId": "463ac35c9f6413ad48485a3953bb6124",\n$3"id": "00000000000000a3"');
    expect(pretty).not.toBe(JSON.stringify(spans, null, 2));
    const oneLine = JSON.stringify(spans).replace('},{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"00000000000000a3"', '}{"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"00000000000000a3"');
    for (const text of [pretty, oneLine]) {
      for (const chunk of [undefined, 7]) {
        const r = decode(zipkin, text, chunk);
        expect([r.records.length, r.progress.rejected, r.errors.map((e) => e.code)]).toEqual([6, 0, ['invalid-json']]);
        expect(r.errors[0]!.message).toContain("missing ','");
      }
    }
  });
});
