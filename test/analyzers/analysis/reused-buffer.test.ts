// A caller may reuse its buffer for the next chunk as soon as push() returns (a stream reading into
// one buffer): what the session holds past a call (the head, while the format is not decided) must
// be its own copy. Checked by feeding each chunk through one buffer that is filled with other bytes
// right after every push: the report must be the one of the whole input pushed at once. (The
// session reads a chunk it decides the format on at once without copying it: a split input's piece.)
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import type { Report } from '../../../analyzers/report/model.js';

function run(bytes: Uint8Array, chunk: number): Report['inputs'] {
  const analysis = new Analysis({ toolVersion: '0.0.0-test' });
  const s = analysis.openInput('input', { totalBytes: bytes.length });
  if (chunk === 0) s.push(bytes);
  else {
    const buf = new Uint8Array(chunk);
    for (let i = 0; i < bytes.length; i += chunk) {
      const part = bytes.subarray(i, i + chunk);
      buf.set(part);
      s.push(buf.subarray(0, part.length));
      buf.fill(0x7b); // '{': what a reused buffer holds next
    }
  }
  s.end();
  return (analysis.finish() as Report).inputs;
}

const enc = new TextEncoder();
const span = (i: number): string =>
  `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc-${i % 3}"}}]},"scopeSpans":[{"spans":[{"traceId":"${(i + 1).toString(16).padStart(32, '0')}","spanId":"${(i + 1).toString(16).padStart(16, '0')}","name":"op ${i}","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000"}]}]}]}\n`;

// (each input longer than the sniff window, 64 KB: with 7- and 4096-byte chunks the head is held over many calls)
const INPUTS: [string, string][] = [
  ['OTLP JSON Lines', Array.from({ length: 220 }, (_, i) => span(i)).join('')],
  ['a log after a blank head longer than the sniff window', '\n'.repeat(70_000) + '2024-01-01 10:00:00.123 ERROR [main] c.e.App - failed\n2024-01-01 10:00:01.123 INFO  [main] c.e.App - ok\n'],
  ['JSON Lines logs', Array.from({ length: 1200 }, (_, i) => `{"level":"info","msg":"m ${i}","ts":"2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z"}\n`).join('')],
];

describe('a reused buffer', () => {
  for (const [name, text] of INPUTS) {
    it(`${name}: the same report whole and through one reused buffer of 7, 4096 and 65,536 bytes`, () => {
      const bytes = enc.encode(text);
      const whole = run(bytes, 0);
      expect(whole[0]!.records).toBeGreaterThan(0);
      for (const chunk of [7, 4096, 1 << 16]) expect(run(bytes, chunk)).toEqual(whole);
    });
  }
});
