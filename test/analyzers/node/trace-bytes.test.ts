// traceInputBytes: the bytes of a run's inputs that may hold spans (what the detail level is set from).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { headMayHoldSpans, traceInputBytes } from '../../../analyzers/node/trace-bytes.js';
import type { ExpandedInput } from '../../../analyzers/node/read-inputs.js';

const OTLP = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'cart' } }] }, scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] }) + '\n';
const ZIPKIN = JSON.stringify([{ traceId: '5af7183fb1d4cf5f', id: '6b221d5bc9e6496c', name: 'get /api', timestamp: 1700000000000000, duration: 1500, localEndpoint: { serviceName: 'web' } }]);
const LOG = '2026-11-28T10:00:00Z INFO request served in 12 ms\n'.repeat(20);
const PROM = '# TYPE http_requests_total counter\nhttp_requests_total{code="200"} 10\n';

describe('traceInputBytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obsready-tracebytes-'));
  const file = (name: string, data: string | Uint8Array): ExpandedInput => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return { path, display: name, size: Buffer.byteLength(data) };
  };
  const otlp = file('a.jsonl', OTLP);
  const zipkin = file('b.json', ZIPKIN);
  const log = file('c.log', LOG);
  const prom = file('d.prom', PROM);
  const gz = file('e.log.gz', gzipSync(LOG));

  it('counts the files whose head may hold spans, and compressed files whole', async () => {
    expect(await traceInputBytes([otlp, zipkin, log, prom])).toBe(otlp.size + zipkin.size);
    expect(await traceInputBytes([log, prom])).toBe(0);
    expect(await traceInputBytes([log, gz])).toBe(gz.size);
  });

  it('counts nothing for a pipe, an unreadable file or one gone since it was listed', async () => {
    const gone: ExpandedInput = { path: join(dir, 'gone.jsonl'), display: 'gone.jsonl', size: 10_000 };
    expect(await traceInputBytes([{ ...otlp, pipe: true }, { ...otlp, unreadable: 'permission denied' }, gone])).toBe(0);
  });

  it('under --as: all files for a format that may hold spans, none for a log or metrics format', async () => {
    expect(await traceInputBytes([log, prom], 'zipkin')).toBe(log.size + prom.size);
    expect(await traceInputBytes([log, prom], 'csv')).toBe(log.size + prom.size);
    expect(await traceInputBytes([otlp, zipkin], 'text-logs')).toBe(0);
    expect(await traceInputBytes([otlp, zipkin], 'prometheus')).toBe(0);
  });

  it('reads a head as the analysis sniffs it', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(headMayHoldSpans(enc(OTLP), true)).toBe(true);
    expect(headMayHoldSpans(enc(LOG), true)).toBe(false);
    expect(headMayHoldSpans(enc(''), true)).toBe(false);
  });
});
