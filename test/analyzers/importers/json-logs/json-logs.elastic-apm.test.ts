// Elastic APM transactions and spans as Elasticsearch stores them (traces-apm-* data streams),
// found among search hits: spans of the trace model, not log records. Field names from the APM
// data model (elastic.co/guide/en/apm/guide, "Transactions", "Spans"); values invented.
import { describe, expect, it } from 'vitest';
import { jsonLogs } from '../../../../analyzers/importers/json-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import type { LogRecord, Span } from '../../../../analyzers/model/index.js';
import { decode } from '../common/json-test-helpers.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const transaction = {
  '@timestamp': '2024-01-01T00:00:00.000Z',
  processor: { event: 'transaction' },
  trace: { id: TRACE },
  transaction: { id: 'b7ad6b7169203331', name: 'GET /api/orders', type: 'request', duration: { us: 15000 }, result: 'HTTP 5xx' },
  timestamp: { us: 1704067200000000 },
  event: { outcome: 'failure' },
  http: { request: { method: 'get' }, response: { status_code: 500 } },
  url: { path: '/api/orders' },
  service: { name: 'opbeans-java', version: '1.2.0', environment: 'prod' },
  agent: { name: 'java', version: '1.45.0' },
};
const span = {
  '@timestamp': '2024-01-01T00:00:00.002Z',
  processor: { event: 'span' },
  trace: { id: TRACE },
  parent: { id: 'b7ad6b7169203331' },
  transaction: { id: 'b7ad6b7169203331' },
  span: { id: '00f067aa0ba902b7', name: 'SELECT FROM orders', type: 'db', subtype: 'postgresql', duration: { us: 4000 } },
  timestamp: { us: 1704067200002000 },
  event: { outcome: 'success' },
  service: { name: 'opbeans-java' },
};
const log = { '@timestamp': '2024-01-01T00:00:00.003Z', message: 'order failed', 'log.level': 'error', service: { name: 'opbeans-java' } };
const hit = (doc: object, i: number) => ({ _index: '.ds-traces-apm-default-2024.01.01-000001', _id: `id${i}`, _score: 1, _source: doc });

function check(records: (Span | LogRecord)[]): void {
  const spans = records.filter((r): r is Span => r.kind === 'span');
  expect(spans.map((s) => [s.spanId, s.parentSpanId ?? null, s.name, s.spanKind, s.status.code, s.resource.serviceName, s.endNs! - s.startNs!])).toEqual([
    ['b7ad6b7169203331', null, 'GET /api/orders', 'server', 'error', 'opbeans-java', 15_000_000n],
    ['00f067aa0ba902b7', 'b7ad6b7169203331', 'SELECT FROM orders', 'client', 'unset', 'opbeans-java', 4_000_000n],
  ]);
  expect(spans[0]!.traceId).toBe(TRACE);
  expect(spans[0]!.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 500, 'url.path': '/api/orders' });
  expect(records.filter((r) => r.kind === 'log')).toHaveLength(1); // the log document stays a log record
}

describe('Elastic APM documents among search hits', () => {
  it('a _search answer: transactions and spans are spans, other documents log records', () => {
    const r = decode(jsonLogs, JSON.stringify({ took: 5, timed_out: false, hits: { total: { value: 3, relation: 'eq' }, hits: [transaction, span, log].map(hit) } }, null, 2));
    expect(r.errors).toEqual([]);
    check(r.records as (Span | LogRecord)[]);
  });

  it('one hit a line (elasticdump): the same', () => {
    const r = decode(jsonlLogs, [transaction, span, log].map((d, i) => JSON.stringify(hit(d, i))).join('\n') + '\n');
    expect(r.errors).toEqual([]);
    check(r.records as (Span | LogRecord)[]);
  });

  it('a transaction without a trace id is rejected with a coded error', () => {
    const r = decode(jsonLogs, JSON.stringify({ hits: { hits: [hit({ ...transaction, trace: {} }, 0), hit(span, 1)] } }));
    expect([r.records.length, r.errors.map((e) => e.code), r.progress.rejected]).toEqual([1, ['invalid-id'], 1]);
  });
});
