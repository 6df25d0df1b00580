// UTF-16 inputs with a byte-order mark (PowerShell `>` redirects, "Unicode text" exports) are
// transcoded in the input session: every importer then reads them exactly as the UTF-8 bytes,
// whatever the chunking (a chunk may end inside a code unit or a surrogate pair).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { createNodeSha256 } from '../../../analyzers/node/read-inputs.js';
import type { Report } from '../../../analyzers/report/model.js';
import { data } from '../../helpers/paths.js';

function encode16(text: string, enc: 'utf-16le' | 'utf-16be'): Uint8Array {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  if (enc === 'utf-16le') return new Uint8Array(le);
  const be = Buffer.from(le);
  be.swap16();
  return new Uint8Array(be);
}

function run(bytes: Uint8Array, chunk: number): Report {
  const analysis = new Analysis({ toolVersion: '0.0.0-test', createHasher: createNodeSha256 });
  const s = analysis.openInput('input', { totalBytes: bytes.length });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return analysis.finish() as Report;
}

// Real JSON Lines logs (bunyan, 10 lines, repeated 4 times) plus a line with characters outside
// the BMP and a broken line.
const bunyan = readFileSync(data('logs-structured/lnav-test/logfile_bunyan.0'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const ecs = [...bunyan, ...bunyan, ...bunyan, ...bunyan];
const text = [...ecs.slice(0, 30), '{"@timestamp":"2026-01-01T00:00:00Z","log.level":"error","message":"payment failed 💳 for ünïcödé user"}', '{"broken": ', ...ecs.slice(30, 40)].join('\r\n') + '\r\n';
const utf8 = run(new Uint8Array(Buffer.from(text, 'utf8')), 1 << 16);

describe('UTF-16 input', () => {
  it('reads the same records and errors as the UTF-8 text, for both byte orders and any chunking', () => {
    expect(utf8.inputs[0]!.format).toBe('jsonl-logs');
    expect(utf8.inputs[0]!.records).toBe(41); // 40 sample lines + 1 added
    expect(utf8.inputs[0]!.errors.map((e) => e.line)).toEqual([32]); // the broken line
    for (const enc of ['utf-16le', 'utf-16be'] as const) {
      const bytes = encode16(text, enc);
      for (const chunk of [1, 3, 7, 4096]) {
        const r = run(bytes, chunk);
        const input = r.inputs[0]!;
        expect(input.encoding).toBe(enc);
        expect(input.format).toBe('jsonl-logs');
        expect(input.records).toBe(41);
        expect(input.bytes).toBe(bytes.length); // the file's bytes, not the transcoded ones
        expect(input.sha256).toBe(createHashHex(bytes));
        expect(input.errors.map((e) => [e.code, e.line])).toEqual(utf8.inputs[0]!.errors.map((e) => [e.code, e.line]));
        expect(r.signals).toEqual(utf8.signals);
      }
    }
  });

  it('leaves UTF-8 (with or without its BOM) and one-byte inputs alone', () => {
    expect(utf8.inputs[0]!.encoding).toBeUndefined();
    const bom = run(new Uint8Array(Buffer.from('\ufeff' + text, 'utf8')), 5);
    expect(bom.inputs[0]!.encoding).toBeUndefined();
    expect(bom.inputs[0]!.records).toBe(41);
    const one = run(new Uint8Array([0x78]), 1);
    expect(one.inputs[0]!.bytes).toBe(1);
    expect(one.inputs[0]!.encoding).toBeUndefined();
  });
});

function createHashHex(bytes: Uint8Array): string {
  const h = createNodeSha256();
  h.update(bytes);
  return h.digestHex();
}
