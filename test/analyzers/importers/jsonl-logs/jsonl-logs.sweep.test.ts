// Regressions from the log-import sweep: shapes real libraries write (sources cited per test).
// Expected values are read off the input lines by hand.
import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('jsonl-logs: a field named by its whole path beats a nested namesake', () => {
  // pino `logger.error({ err }, 'db query failed')` (pino docs, "err" serializer): the
  // message is `msg`; `err.message` is the error's own text.
  const text = [
    '{"level":50,"time":1700000000456,"pid":4321,"hostname":"web-1","err":{"type":"Error","message":"connect ECONNREFUSED","stack":"Error: connect ECONNREFUSED"},"msg":"db query failed"}',
    '{"level":30,"time":1700000000456,"event":{"timestamp":"2001-01-01T00:00:00Z"},"msg":"nested timestamp"}',
    '',
  ].join('\n');

  it('body is the top-level msg, time the top-level time', () => {
    const r = decodeText(jsonlLogs, text);
    const [a, b] = logs(r);
    expect(r.errors).toEqual([]);
    expect(a!.body).toBe('db query failed');
    expect(a!.attributes['err']).toMatchObject({ message: 'connect ECONNREFUSED' });
    expect(a!.timeNs).toBe(1_700_000_000_456_000_000n);
    expect(b!.timeNs).toBe(1_700_000_000_456_000_000n); // not 2001 from event.timestamp
    expect(b!.attributes['event']).toEqual({ timestamp: '2001-01-01T00:00:00Z' });
    expectChunkingInvariant(jsonlLogs, enc(text));
  });

  it('a nested field still fills a role nothing at the top fills (tracing-subscriber fields.message)', () => {
    const r = decodeText(jsonlLogs, '{"timestamp":"2024-01-05T10:00:00Z","level":"INFO","fields":{"message":"hello"},"target":"app"}\n');
    expect(logs(r)[0]!.body).toBe('hello');
  });
});

describe('jsonl-logs: keys that are names of Object.prototype members', () => {
  it('`constructor`, `toString` and `hasOwnProperty` are plain attributes, no error', () => {
    const text = '{"msg":"m","level":"info","constructor":"c","toString":"t","hasOwnProperty":1}\n';
    const r = decodeText(jsonlLogs, text);
    expect(r.errors).toEqual([]);
    expect(logs(r)[0]!.attributes).toEqual({ constructor: 'c', toString: 't', hasOwnProperty: 1 });
  });
});
