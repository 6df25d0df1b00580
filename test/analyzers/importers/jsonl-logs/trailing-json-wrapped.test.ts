import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../../analyzers/model/index.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { jsonLogs } from '../../../../analyzers/importers/json-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from './log-test-helpers.js';

// Zap's console encoder and Caddy's `format console` end a line with its fields as one JSON object.
// A text log reads them as the record's fields (readTrailingJson); the same lines inside a
// container's wrapper (CRI, kubectl, compose, docker json-file, Loki/logcli, CloudWatch) are read
// through mapLogLine, and must give the same records: level, message, ids, fields, structured.
// An object with a message of its own that the line only shows (an API's reply) stays free text.

const ZAP = [
  '2026-11-27T10:00:00.123Z\tINFO\tserver/main.go:42\tstarting server\t{"addr": ":8080", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}',
  '2026-11-27T10:00:01.456Z\tWARN\tdb/pool.go:88\tslow query\t{"elapsed": "1.2s", "query_id": 17}',
  '2026-11-27T10:00:02.789Z\tERROR\thttp/handler.go:12\trequest failed\t{"status": 500, "path": "/api/v1/users"}',
  '2026/11/27 10:00:03.000\tINFO\tadmin endpoint started\t{"address": "localhost:2019", "enforce_origin": false}',
  '2026-11-27T10:00:04.000Z\tINFO\tclient\tStripe response {"id": "ch_1", "message": "card declined"}',
  '2026-11-27T10:00:05.000Z\tINFO\tplain line without fields',
];
const stamp = (i: number): string => `2026-11-27T10:00:0${i}.000000000Z`;
const lines = (f: (l: string, i: number) => string): string => ZAP.map(f).join('\n') + '\n';

/** What the line itself gave the record: the wrapper's own attributes and resource are left out. */
const WRAPPER_ATTRS = new Set(['log.iostream', 'app', 'log.record.uid']);
function view(r: LogRecord) {
  const attributes = Object.fromEntries(Object.entries(r.attributes).filter(([k]) => !WRAPPER_ATTRS.has(k)));
  return { body: r.body, structured: r.structured, severityText: r.severityText, severityNumber: r.severityNumber, traceId: r.traceId, attributes };
}

function read(spec: FormatSpec, text: string) {
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

const WRAPPED: [string, FormatSpec, string][] = [
  ['CRI', textLogs, lines((l, i) => `${stamp(i)} stdout F ${l}`)],
  ['kubectl logs --timestamps', textLogs, lines((l, i) => `${stamp(i)} ${l}`)],
  ['kubectl logs --prefix', textLogs, lines((l) => `[pod/api-7d9f8b6c5d-x2k4m/api] ${l}`)],
  ['kubectl logs --prefix --timestamps', textLogs, lines((l, i) => `[pod/api-7d9f8b6c5d-x2k4m/api] ${stamp(i)} ${l}`)],
  ['docker compose logs', textLogs, lines((l) => `api-1  | ${l}`)],
  ['logcli query', textLogs, lines((l, i) => `2026-11-27T10:00:0${i}Z {app="api"} ${l}`)],
  ['docker json-file', jsonlLogs, lines((l, i) => JSON.stringify({ log: l + '\n', stream: 'stderr', time: stamp(i) }))],
  ['logcli --output=jsonl', jsonlLogs, lines((l, i) => JSON.stringify({ labels: { app: 'api' }, line: l, timestamp: stamp(i) }))],
  ['Loki query_range answer', jsonLogs, JSON.stringify({ status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'api' }, values: ZAP.map((l, i) => [String(1795773600000000000n + BigInt(i) * 1_000_000_000n), l]) }] } })],
  ['CloudWatch events', jsonLogs, JSON.stringify({ events: ZAP.map((l, i) => ({ timestamp: 1795773600000 + i * 1000, message: l, eventId: String(i) })) })],
];

describe('a text line ending in a JSON object of fields, inside a container wrapper', () => {
  const plain = read(textLogs, lines((l) => l)).map(view);

  it('the plain lines: the fields are attributes (the trace id the record\'s), structured; a payload with a message of its own, or no object, free text', () => {
    expect(plain.map((r) => [r.structured, r.severityText, r.traceId])).toEqual([
      [true, 'INFO', '4bf92f3577b34da6a3ce929d0e0e4736'],
      [true, 'WARN', undefined],
      [true, 'ERROR', undefined],
      [true, 'INFO', undefined],
      [false, 'INFO', undefined],
      [false, 'INFO', undefined],
    ]);
    expect(plain[1]!.attributes).toEqual({ elapsed: '1.2s', query_id: 17 });
    expect(plain[3]!.attributes).toEqual({ address: 'localhost:2019', enforce_origin: false });
  });

  it.each(WRAPPED)('%s: each record as the plain line\'s', (_name, spec, text) => {
    // (before: the lines with fields were free text, their fields not read and the trace id lost)
    expect(read(spec, text).map(view)).toEqual(plain);
  });

  it('a JSON log record behind a tool\'s prefix inside a CRI line is that record (its message, level), as in a plain file', () => {
    const line = 'app[web.1]: {"level":"warn","msg":"disk almost full","free_mb":12}';
    const [p] = read(textLogs, line + '\n');
    const [w] = read(textLogs, `${stamp(0)} stdout F ${line}\n`);
    expect([p!.body, p!.severityText, p!.structured]).toEqual(['disk almost full', 'warn', true]);
    expect([w!.body, w!.severityText, w!.structured, w!.attributes['free_mb']]).toEqual(['disk almost full', 'warn', true, 12]);
  });
});
