// Pieces of a split input are not hashed: the input's own session hashes the whole file as it is
// read (`hashRaw`), so a piece's bytes hashed again were wasted work (on the main thread, a second
// sha256 of every piece it decoded). The content hash of a decompressed input is still made.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';

/** A sha256 hasher factory that counts the bytes every hasher it made was given. */
function countingHashers() {
  const seen = { bytes: 0 };
  const create = () => {
    const h = createHash('sha256');
    return {
      update: (b: Uint8Array) => {
        seen.bytes += b.length;
        h.update(b);
      },
      digestHex: () => h.digest('hex'),
    };
  };
  return { seen, create };
}

const line = (i: number) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans: [{ traceId: (i + 1).toString(16).padStart(32, '0'), spanId: (i + 1).toString(16).padStart(16, '0'), name: 'op', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000001000000' }] }] }] }) + '\n';
const bytes = new TextEncoder().encode(line(0) + line(1) + line(2));

describe('hashing of split inputs', () => {
  it('a piece decoded into the run (openPiece) or into an analysis of its own (worker) hashes nothing; its records are read', () => {
    const { seen, create } = countingHashers();
    const run = new Analysis({ toolVersion: 'test', createHasher: create });
    const input = run.openInput('big.jsonl', { totalBytes: bytes.length });
    input.declareSplit('otlp-json', 1, bytes.length);
    const home = run.openPiece('big.jsonl', input.index).asPiece('otlp-json', 1, 0);
    home.push(bytes, false);
    home.end();
    const worker = new Analysis({ toolVersion: 'test', createHasher: create });
    const piece = worker.openInput('big.jsonl', { index: input.index }).asPiece('otlp-json', 4, bytes.length);
    piece.push(bytes, false);
    piece.end();
    expect(seen.bytes).toBe(0);
    expect(home.report.records).toBe(3);
    expect(piece.report.records).toBe(3);
    expect(home.report.contentSha256).toBeUndefined();
    expect(piece.report.contentSha256).toBeUndefined();
    // the input's session hashes the file's bytes as read, once
    input.hashRaw(bytes);
    expect(seen.bytes).toBe(bytes.length);
  });

  it('an input whose content is not its stored bytes (inflated) still gets the content hash of what was read', () => {
    const { seen, create } = countingHashers();
    const run = new Analysis({ toolVersion: 'test', createHasher: create });
    const s = run.openInput('x.jsonl.gz');
    s.push(bytes, false);
    s.end();
    expect(seen.bytes).toBe(bytes.length);
    expect(s.report.contentSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
