// Records far beyond anything instrumented on purpose (a Prometheus sample with a million labels,
// a span with a million attributes fit in one 64 MB line) are bounded before the analysis: the
// first MAX_RECORD_ATTRIBUTES entries kept, the record read, one `too-many-attributes` error.
// Before: a 38 MB line of 3M labels took 94 s and 2.4 GB.
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_ATTRIBUTES, MAX_SPAN_EVENTS, RecordLimiter } from '../../../analyzers/analysis/record-limits.js';
import type { LogRecord, MetricPoint, Resource, Span } from '../../../analyzers/model/index.js';
import { analyseInputs, analyseText } from '../../helpers/analyse.js';

const many = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));

function point(labels: Record<string, string>, resource: Resource): MetricPoint {
  return { kind: 'metric', name: 'm', type: 'gauge', temporality: 'unspecified', labels, value: 1, exemplars: [], resource, source: { file: 'f', line: 1 } };
}

describe('RecordLimiter', () => {
  it('leaves ordinary records untouched (same objects)', () => {
    const limiter = new RecordLimiter();
    const resource: Resource = { serviceName: 's', attributes: many(MAX_RECORD_ATTRIBUTES) };
    const labels = many(MAX_RECORD_ATTRIBUTES);
    const p = point(labels, resource);
    expect(limiter.bound(p)).toBeUndefined();
    expect(p.labels).toBe(labels);
    expect(p.resource).toBe(resource);
  });

  it('keeps the first labels in the record order and says how many were dropped', () => {
    const p = point(many(5000), { attributes: {} });
    const message = new RecordLimiter().bound(p);
    expect(Object.keys(p.labels)).toEqual(Object.keys(many(MAX_RECORD_ATTRIBUTES)));
    expect(message).toContain(`${5000 - MAX_RECORD_ATTRIBUTES} labels dropped`);
  });

  it('reports what the importer already left out (droppedLabels / droppedAttributes) with its own trims', () => {
    const labels = many(MAX_RECORD_ATTRIBUTES);
    const p = { ...point(labels, { attributes: {} }), droppedLabels: 7 };
    expect(new RecordLimiter().bound(p)).toContain('7 labels dropped');
    expect(p.labels).toBe(labels);
    const more = { ...point(many(MAX_RECORD_ATTRIBUTES + 3), { attributes: {} }), droppedLabels: 7 };
    expect(new RecordLimiter().bound(more)).toContain('10 labels dropped');
    const log = { kind: 'log', attributes: many(MAX_RECORD_ATTRIBUTES), droppedAttributes: 5, body: 'b', resource: { attributes: {} }, source: { file: 'f' } } as unknown as LogRecord;
    expect(new RecordLimiter().bound(log)).toContain('5 attributes dropped');
  });

  it('replaces an oversized shared Resource by one trimmed copy, never changing it, and reports it once', () => {
    const limiter = new RecordLimiter();
    const resource: Resource = { serviceName: 'checkout', attributes: { ...many(3000), 'service.name': 'checkout' } };
    const a = point({}, resource);
    const b = point({}, resource);
    expect(limiter.bound(a)).toContain(`${3001 - MAX_RECORD_ATTRIBUTES} resource attributes`);
    expect(limiter.bound(b)).toBeUndefined();
    expect(a.resource).toBe(b.resource);
    expect(a.resource).not.toBe(resource);
    expect(Object.keys(resource.attributes)).toHaveLength(3001); // the original is not changed
    expect(Object.keys(a.resource.attributes)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    expect(a.resource.serviceName).toBe('checkout'); // lifted fields stay, even from a dropped key
  });

  it('bounds span attributes, events, links and their attributes; log attributes', () => {
    const span: Span = {
      kind: 'span', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'x', spanKind: 'server', status: { code: 'unset' },
      attributes: many(2000),
      events: Array.from({ length: MAX_SPAN_EVENTS + 10 }, (_, i) => ({ name: `e${i}`, attributes: i === 0 ? many(1100) : {} })),
      links: [],
      resource: { attributes: {} }, source: { file: 'f', line: 3 },
    } as unknown as Span;
    const message = new RecordLimiter().bound(span)!;
    expect(Object.keys(span.attributes)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    expect(span.events).toHaveLength(MAX_SPAN_EVENTS);
    expect(Object.keys(span.events[0]!.attributes)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    expect(message).toContain(`${2000 - MAX_RECORD_ATTRIBUTES} attributes`);
    expect(message).toContain('10 events');
    expect(message).toContain(`${1100 - MAX_RECORD_ATTRIBUTES} attributes of its events`);
    const log = { kind: 'log', attributes: many(1500), body: 'b', resource: { attributes: {} }, source: { file: 'f' } } as unknown as LogRecord;
    expect(new RecordLimiter().bound(log)).toContain(`${1500 - MAX_RECORD_ATTRIBUTES} attributes`);
    expect(Object.keys(log.attributes)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    // a structured body's first level: members or elements
    const objBody = { kind: 'log', attributes: {}, body: many(1200), resource: { attributes: {} }, source: { file: 'f' } } as unknown as LogRecord;
    expect(new RecordLimiter().bound(objBody)).toContain(`${1200 - MAX_RECORD_ATTRIBUTES} body members`);
    expect(Object.keys(objBody.body as object)).toHaveLength(MAX_RECORD_ATTRIBUTES);
    const arrBody = { kind: 'log', attributes: {}, body: Array.from({ length: 2000 }, (_, i) => i), resource: { attributes: {} }, source: { file: 'f' } } as unknown as LogRecord;
    expect(new RecordLimiter().bound(arrBody)).toContain(`${2000 - MAX_RECORD_ATTRIBUTES} body elements`);
    expect(arrBody.body).toEqual(Array.from({ length: MAX_RECORD_ATTRIBUTES }, (_, i) => i));
    const small = { kind: 'log', attributes: {}, body: many(10), resource: { attributes: {} }, source: { file: 'f' } } as unknown as LogRecord;
    const before = small.body;
    expect(new RecordLimiter().bound(small)).toBeUndefined();
    expect(small.body).toBe(before);
  });
});

describe('an oversized record in an input', () => {
  it('a Prometheus sample with 5,000 labels: read (1 record, 0 rejected), one too-many-attributes error at its line', () => {
    const labels = Array.from({ length: 5000 }, (_, i) => `l${i}="v"`).join(',');
    const text = `# TYPE m gauge\nm{${labels}} 1\nm{a="b"} 2\n`;
    const input = analyseText(text, undefined, 'big.prom');
    expect([input.format, input.records, input.rejected]).toEqual(['prometheus', 2, 0]);
    expect(input.errors.map((e) => [e.code, e.line])).toEqual([['too-many-attributes', 2]]);
    expect(input.errors[0]!.message).toContain(`${5000 - MAX_RECORD_ATTRIBUTES} labels dropped`);
  });
});

describe('times past any calendar date', () => {
  it('are dropped from the record, which is kept, with an invalid-timestamp error; the report keeps ISO times', () => {
    // A Prometheus sample whose time is past any calendar date in every unit (5e16 ms: year 1.6
    // million; as µs 3554, as ns 1971), an OTLP log with nanoseconds one level bigger than any
    // unit, and a good sample. (The Prometheus sample had 1700000000000000000, nanoseconds where
    // ms belong: the importer now reads such a time as the nanoseconds it evidently is, as it
    // reads 10-digit seconds, so it no longer reaches this bound.)
    const prom = '# TYPE a gauge\na{k="ms"} 1 1700000000000\na{k="ns"} 2 50000000000000000\n';
    const analysis = analyseInputs([
      ['a-ns.prom', prom],
      ['b-ns-logs.json', JSON.stringify({ resourceLogs: [{ resource: {}, scopeLogs: [{ logRecords: [{ timeUnixNano: '1700000000000000000', body: { stringValue: 'ok' } }, { timeUnixNano: 1.7e27, body: { stringValue: 'bad' } }] }] }] })],
    ]);
    const [p, l] = analysis.inputs;
    expect([p!.records, p!.rejected, p!.errors.map((e) => [e.code, e.line])]).toEqual([2, 0, [['invalid-timestamp', 3]]]);
    expect(p!.errors[0]!.message).toContain('50000000000000000 ms since 1970');
    expect(l!.errors.map((e) => e.code)).toContain('invalid-timestamp');
    expect(l!.records).toBe(2);
    const range = analysis.signals.metrics.timeRange!;
    expect([range.start, range.end]).toEqual(['2023-11-14T22:13:20.000000000Z', '2023-11-14T22:13:20.000000000Z']);
    expect(analysis.signals.logs.timeRange?.end).toBe('2023-11-14T22:13:20.000000000Z');
  });
});

describe('a record the analysis cannot take', () => {
  it('a span named by 6 MB of hex digits is read (its name is unbounded) and the spans after it too', () => {
    // The id-token pattern of span names overflowed its backtracking stack on such a name, and the
    // failure stopped the whole input as read-failed; the name is now looked at up to 4 KB.
    const line = (name: string, i: number) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [{ traceId: `${'0'.repeat(30)}${String(i + 10)}`, spanId: `${'0'.repeat(14)}${String(i + 10)}`, name, kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] });
    const text = [line('0'.repeat(6 * 1024 * 1024), 0), ...Array.from({ length: 20 }, (_, i) => line('GET /', i + 1))].join('\n') + '\n';
    const input = analyseText(text, undefined, 'big-name.jsonl');
    expect([input.format, input.records, input.rejected, input.errors.map((e) => e.code)]).toEqual(['otlp-json', 21, 0, []]);
  });
});

describe('labels with an empty value', () => {
  it('are the same as no label: a Pushgateway scrape and the API answer for its series are one series', () => {
    // Prometheus's data model: "a label with an empty label value is considered equivalent to a
    // label that does not exist" (docs/concepts/data_model.md).
    const prom = '# TYPE push_time_seconds gauge\npush_time_seconds{instance="",job="batch"} 1.7e+09 1700000000000\n';
    const api = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { __name__: 'push_time_seconds', job: 'batch' }, value: [1700000015, '1.7e+09'] }] } });
    const r = analyseInputs([['a.prom', prom], ['b.json', api]]);
    expect([r.signals.metrics.points, r.signals.metrics.series]).toEqual([2, 1]);
  });
});

describe('a service name of only spaces', () => {
  it('names no service: the record counts as unnamed, not as a service called "  "', () => {
    const req = (name: string) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: name } }] }, scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] });
    const r = analyseInputs([['a.json', req('  ')], ['b.json', req('api')]]);
    expect(r.signals.traces.services).toEqual(['api']);
    expect([r.signals.traces.spans, r.inputs.map((i) => i.records)]).toEqual([2, [1, 1]]);
  });
});
