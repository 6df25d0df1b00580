// `--as FORMAT` on a stream of unknown size (a pipe, /dev/urandom, /dev/zero): binary content is
// refused after its head, as without --as, so a device that never ends does not read forever. A
// file (its size known) is read to its end by the forced importer, as before.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../analyzers/analysis/source.js';
import { mulberry32 } from '../../helpers/prng.js';

function read(chunks: Uint8Array[], opts: { totalBytes?: number }, forceFormat: 'jsonl-logs' | 'text-logs' = 'jsonl-logs') {
  const analysis = new Analysis({ toolVersion: 't', forceFormat });
  const s = new InputSource(analysis, 'in', opts);
  let pushed = 0;
  for (const c of chunks) {
    if (!s.accepting) break;
    s.push(c);
    pushed += c.length;
  }
  s.end();
  const row = analysis.finish().inputs[0]!;
  return { pushed, accepting: s.accepting, format: row.format, records: row.records, errors: row.errors.map((e) => [e.code, e.offset]), messages: row.errors.map((e) => e.message) };
}

const random = (n: number): Uint8Array => {
  const r = mulberry32(7);
  return Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
};
const MB = 1024 * 1024;

describe('--as on binary content of unknown size', () => {
  it('random bytes on a pipe: binary-data after the head, reading stops', () => {
    const chunk = random(64 * 1024);
    const r = read(Array.from({ length: 64 }, () => chunk), {});
    expect(r.accepting).toBe(false);
    expect(r.pushed).toBeLessThan(4 * MB);
    expect([r.format, r.records, r.errors]).toEqual(['jsonl-logs', 0, [['binary-data', 0]]]);
  });

  it('NUL bytes only on a pipe (/dev/zero): binary-data, reading stops', () => {
    const zeros = new Uint8Array(MB);
    const r = read(Array.from({ length: 100 }, () => zeros), {}, 'text-logs');
    expect(r.accepting).toBe(false);
    expect(r.pushed).toBeLessThan(100 * MB);
    expect([r.format, r.records, r.errors]).toEqual(['text-logs', 0, [['binary-data', 0]]]);
  });

  it('text on a pipe is read as forced, NUL runs in it too; a binary file of known size is read to its end', () => {
    const line = '{"timestamp":"2026-11-28T10:00:00Z","level":"info","message":"m"}\n';
    const text = new TextEncoder().encode(line.repeat(100));
    const gap = Uint8Array.from([...new TextEncoder().encode(line), ...new Uint8Array(5000), ...new TextEncoder().encode(line)]);
    expect(read([text], {}).records).toBe(100);
    expect(read([gap], {}).records).toBe(2);
    const bin = random(2 * MB);
    const file = read([bin], { totalBytes: bin.length });
    expect(file.pushed).toBe(2 * MB);
    // (its NUL bytes are coded by the forced decoder as it reads: not the refusal of a stream)
    expect(file.messages.some((m) => m.includes('not read past its head'))).toBe(false);
    expect(read([bin], {}).messages).toEqual(['the input is binary, not jsonl-logs text: a pipe or device is not read past its head, whatever --as says']);
  });
});
