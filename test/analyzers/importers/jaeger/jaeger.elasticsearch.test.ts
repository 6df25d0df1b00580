// Spans as Jaeger's Elasticsearch/OpenSearch storage holds them (jaeger-span-YYYY-MM-DD indices):
// a `_search` answer, or one hit a line as elasticdump writes it. Each `_source` is one span with
// its process inline; with `--es.tags-as-fields` tags are an object `tag` whose keys have `@`
// for `.`. Before, the answer was "not a Jaeger trace" and the hit lines were read as log records.
import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { canonical, decode } from '../common/json-test-helpers.js';

const doc = (span: string, parent: string | undefined, service: string, start: number) => ({
  traceID: 'a1b2c3d4e5f60718',
  spanID: span,
  flags: 1,
  operationName: parent ? 'SELECT' : 'GET /',
  references: parent ? [{ refType: 'CHILD_OF', traceID: 'a1b2c3d4e5f60718', spanID: parent }] : [],
  startTime: start,
  startTimeMillis: Math.floor(start / 1000),
  duration: 1500,
  tags: [{ key: 'span.kind', type: 'string', value: parent ? 'client' : 'server' }],
  tag: { 'http@status_code': '200' },
  logs: [],
  process: { serviceName: service, tags: [], tag: { 'host@name': 'node-1' } },
});
const DOCS = [doc('0000000000000001', undefined, 'frontend', 1714557600000000), doc('0000000000000002', '0000000000000001', 'db', 1714557600000100)];
const hit = (d: object, i: number) => ({ _index: 'jaeger-span-2024-05-01', _type: '_doc', _id: String(i), _score: 1, _source: d });
const SEARCH = JSON.stringify({ took: 3, timed_out: false, _shards: { total: 5, successful: 5, skipped: 0, failed: 0 }, hits: { total: { value: 2, relation: 'eq' }, max_score: 1, hits: DOCS.map(hit) } }, null, 2);
const DUMP = DOCS.map((d, i) => JSON.stringify(hit(d, i))).join('\n') + '\n';

describe('jaeger: spans stored in Elasticsearch', () => {
  it('a _search answer and elasticdump lines are Jaeger: 2 spans, parent, services, tags as fields', () => {
    for (const text of [SEARCH, DUMP]) {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('jaeger');
      const r = decode(jaeger, text);
      expect(r.errors).toEqual([]);
      const spans = r.records as Span[];
      expect(spans.map((s) => [s.spanId, s.parentSpanId ?? null, s.resource.serviceName, s.spanKind, s.attributes['http.status_code']])).toEqual([
        ['0000000000000001', null, 'frontend', 'server', '200'],
        ['0000000000000002', '0000000000000001', 'db', 'client', '200'],
      ]);
      expect(spans[0]!.resource.attributes['host.name']).toBe('node-1');
      for (const chunk of [1, 7, 4096]) expect(canonical(decode(jaeger, text, chunk).records)).toEqual(canonical(spans));
    }
  });

  it('a hit that is no span is rejected with a coded error; the others are read', () => {
    const r = decode(jaeger, JSON.stringify({ hits: { hits: [hit(DOCS[0]!, 0), hit({ message: 'x' }, 1)] } }));
    expect([r.records.length, r.errors.map((e) => e.code), r.progress.rejected]).toEqual([1, ['invalid-record'], 1]);
  });
});
