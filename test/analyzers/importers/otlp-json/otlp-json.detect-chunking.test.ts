import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { canonical, codes } from '../common/json-test-helpers.js';

// The JSON Lines / document decision and the binary check must not depend on how the bytes
// arrive: a UTF-8 BOM pushed one byte at a time is not binary, and a first line longer than the
// detection window is read the same way whole or chunked.

function request(service: string, spans: number, firstSpan: number): string {
  const list = [];
  for (let i = 0; i < spans; i++) {
    list.push({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: (firstSpan + i).toString(16).padStart(16, '0'),
      name: `op${firstSpan + i}`,
      kind: 2,
      startTimeUnixNano: String(1700000000000000000n + BigInt(i)),
      endTimeUnixNano: String(1700000000000001000n + BigInt(i)),
      attributes: [{ key: 'k', value: { stringValue: 'v'.repeat(60) } }],
    });
  }
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ scope: {}, spans: list }] }] });
}

function sameInEveryChunking(bytes: Uint8Array, chunks: number[]): ReturnType<typeof decodeBytes> {
  const whole = decodeBytes(otlpJson, bytes, 'input');
  for (const chunk of chunks) {
    const r = decodeBytes(otlpJson, bytes, 'input', chunk);
    expect({ chunk, records: canonical(r.records) === canonical(whole.records), errors: r.errors, progress: r.progress }).toEqual({ chunk, records: true, errors: whole.errors, progress: whole.progress });
  }
  return whole;
}

describe('otlp-json detection is the same for any chunking', () => {
  it('a file exporter file with a UTF-8 BOM and CRLF line ends, cut inside its last line', () => {
    const lines = [request('a', 1, 1), request('a', 1, 2), request('a', 1, 3), request('a', 1, 4)];
    const cut = lines[3]!.slice(0, Math.floor(lines[3]!.length / 2)); // ends inside the only span of line 4
    const bytes = new TextEncoder().encode('\ufeff' + [...lines.slice(0, 3), cut].join('\r\n'));
    const r = sameInEveryChunking(bytes, [1, 2, 3, 7, 4096]);
    // 3 whole lines of one span each; the cut line loses its span.
    expect(r.records.length).toBe(3);
    expect(codes(r)).toEqual(['truncated']);
    expect(r.progress.rejected).toBe(1);
  });

  it('a first line longer than the 1 MB detection window, then short lines', () => {
    const first = request('big', 6000, 1); // 6000 spans of ~250 bytes: about 1.5 MB on line 1
    expect(first.length).toBeGreaterThan(1024 * 1024);
    const text = [first, request('small', 1, 100000), request('small', 1, 100001)].join('\n') + '\n';
    const r = sameInEveryChunking(new TextEncoder().encode(text), [4096, 65536]);
    expect(r.records.length).toBe(6002);
    expect(r.errors).toEqual([]);
  });
});
