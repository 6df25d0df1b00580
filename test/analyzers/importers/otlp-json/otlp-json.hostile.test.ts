import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { MapError } from '../../../../analyzers/importers/otlp-json/map.js';
import type { LogRecord, MetricPoint, SignalRecord, Span } from '../../../../analyzers/model/index.js';
import { MAX_LINE_BYTES, type ImportError } from '../../../../analyzers/importers/types.js';
import { codes, decode } from '../common/json-test-helpers.js';

const T = '5b8efff798038103d269b633813fc60c';
const span = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ traceId: T, spanId: id, name: `op-${id}`, kind: 2, startTimeUnixNano: '1544712660000000000', endTimeUnixNano: '1544712661000000000', ...extra });
const request = (spans: unknown): Record<string, unknown> => ({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }] });

describe('otlp-json value handling', () => {
  it('reads hex/base64 ids, enum names, string and number int64s exactly', () => {
    const line = JSON.stringify(request([
      // base64 of the same ids: Buffer.from(hex,'hex').toString('base64')
      { traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: '7uGbfsPBsXQ=', name: 'b64', kind: 'SPAN_KIND_CLIENT', status: { code: 'STATUS_CODE_ERROR', message: 'bad' }, startTimeUnixNano: 1544712660000000000, endTimeUnixNano: '1544712661000000001' },
    ])).replace('1544712660000000000', '1544712660123456789');
    const r = decode(otlpJson, line + '\n');
    expect(r.errors).toEqual([]);
    const s = r.records[0] as Span;
    expect(s).toMatchObject({ traceId: T, spanId: 'eee19b7ec3c1b174', spanKind: 'client', status: { code: 'error', message: 'bad' } });
    // a JSON number beyond 2^53 keeps every digit (re-read from the raw text)
    expect(s.startNs).toBe(1544712660123456789n);
    expect(s.endNs).toBe(1544712661000000001n);
    expect(s.resource.serviceName).toBe('svc');
  });

  it('maps every AnyValue kind', () => {
    const attrs = [
      { key: 's', value: { stringValue: 'x' } },
      { key: 'b', value: { boolValue: true } },
      { key: 'i', value: { intValue: '42' } },
      { key: 'big', value: { intValue: '9223372036854775807' } },
      { key: 'd', value: { doubleValue: 1.5 } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'bytes', value: { bytesValue: 'AQI=' } },
      { key: 'arr', value: { arrayValue: { values: [{ intValue: 1 }, { stringValue: 'y' }] } } },
      { key: 'kv', value: { kvlistValue: { values: [{ key: 'inner', value: { boolValue: false } }] } } },
      { key: 'empty', value: {} },
    ];
    const r = decode(otlpJson, JSON.stringify(request([span('eee19b7ec3c1b174', { attributes: attrs })])));
    expect((r.records[0] as Span).attributes).toEqual({ s: 'x', b: true, i: 42, big: '9223372036854775807', d: 1.5, nan: NaN, bytes: 'AQI=', arr: [1, 'y'], kv: { inner: false }, empty: null });
  });

  it('maps logs (severity names, body, empty trace ids) and metric kinds in one JSON Lines file', () => {
    const logs = { resourceLogs: [{ resource: {}, scopeLogs: [{ logRecords: [
      { timeUnixNano: '1', observedTimeUnixNano: '2', severityNumber: 'SEVERITY_NUMBER_WARN2', severityText: 'W', body: { stringValue: 'hello' }, traceId: '', spanId: '' },
      { severityNumber: 17, body: { kvlistValue: { values: [{ key: 'k', value: { intValue: 3 } }] } }, traceId: T, spanId: 'eee19b7ec3c1b174' },
    ] }] }] };
    const metrics = { resourceMetrics: [{ scopeMetrics: [{ metrics: [
      { name: 'g', unit: 'By', gauge: { dataPoints: [{ asInt: '7', timeUnixNano: '5' }, { asDouble: 'Infinity' }] } },
      { name: 'c', sum: { aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE', isMonotonic: true, dataPoints: [{ asDouble: 2, exemplars: [{ asDouble: 1, traceId: T, spanId: 'eee19b7ec3c1b174' }] }] } },
      { name: 'u', sum: { aggregationTemporality: 1, dataPoints: [{ asInt: -3 }] } },
      { name: 'h', histogram: { aggregationTemporality: 2, dataPoints: [{ count: '3', sum: 6, bucketCounts: ['1', '2'], explicitBounds: [1] }] } },
      { name: 'e', exponentialHistogram: { dataPoints: [{ count: 2, scale: 3, zeroCount: 1, positive: { offset: -1, bucketCounts: [1] } }] } },
    ] }] }] };
    const text = [JSON.stringify(logs), JSON.stringify(metrics), JSON.stringify(request([span('eee19b7ec3c1b174')]))].join('\n');
    const r = decode(otlpJson, text);
    expect(r.errors).toEqual([]);
    const recs = r.records;
    const l = recs.filter((x): x is LogRecord => x.kind === 'log');
    expect(l.map((x) => [x.severityNumber, x.traceId, x.body, x.timeNs, x.observedTimeNs])).toEqual([
      [14, undefined, 'hello', 1n, 2n],
      [17, T, { k: 3 }, undefined, undefined],
    ]);
    const m = recs.filter((x): x is MetricPoint => x.kind === 'metric');
    expect(m.map((x) => [x.name, x.type, x.temporality, x.monotonic, x.value])).toEqual([
      ['g', 'gauge', 'unspecified', undefined, 7],
      ['g', 'gauge', 'unspecified', undefined, Infinity],
      ['c', 'counter', 'cumulative', true, 2],
      ['u', 'gauge', 'delta', false, -3],
      ['h', 'histogram', 'cumulative', undefined, undefined],
      ['e', 'exponential-histogram', 'unspecified', undefined, undefined],
    ]);
    expect(m[2]!.exemplars[0]).toMatchObject({ value: 1, traceId: T });
    expect(m[4]!.histogram).toEqual({ count: 3, sum: 6, bounds: [1], counts: [1, 2] });
    expect(m[5]!.exponentialHistogram).toMatchObject({ count: 2, scale: 3, zeroCount: 1, positive: { offset: -1, counts: [1] } });
    expect(recs.map((x) => x.source.line)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 3]);
  });

  it('waits for a resource that comes after the spans in a document', () => {
    const doc = `{"resourceSpans":[{"scopeSpans":[{"spans":[${JSON.stringify(span('eee19b7ec3c1b174'))}]}],"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"late"}}]}}]}`;
    const r = decode(otlpJson, doc.replace('{"resourceSpans"', '{\n"resourceSpans"'));
    expect((r.records[0] as Span).resource.serviceName).toBe('late');
  });
});

describe('otlp-json hostile input', () => {
  const good = JSON.stringify(request([span('eee19b7ec3c1b174'), span('eee19b7ec3c1b175')]));

  it('empty and whitespace-only input: empty-input', () => {
    expect(codes(decode(otlpJson, ''))).toEqual(['empty-input']);
    expect(codes(decode(otlpJson, ' \n\n \r\n'))).toEqual(['empty-input']);
  });

  it('binary junk: binary-data, no records', () => {
    const junk = new Uint8Array(5000).map((_, i) => (i * 37) % 256);
    const r = decode(otlpJson, junk);
    expect(codes(r)).toEqual(['binary-data']);
    expect(r.records).toEqual([]);
  });

  it('truncated document: the complete spans are kept, then truncated', () => {
    const text = good.replace('{"resourceSpans"', '{\n"resourceSpans"');
    const r = decode(otlpJson, text.slice(0, text.lastIndexOf('"name"')));
    expect(r.records.length).toBe(1);
    expect(codes(r)).toEqual(['truncated']);
  });

  it('truncated JSON Lines: the last line is truncated, the others are read', () => {
    const r = decode(otlpJson, `${good}\n${good}\n${good.slice(0, 50)}`);
    expect(r.records.length).toBe(4);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['truncated', 3]]);
  });

  it('a JSON Lines request cut mid-write (killed Collector) keeps the spans that closed before the cut', () => {
    // Line 2 is a 100-span request cut inside its 51st span; line 3 a plain-text line.
    const spans = Array.from({ length: 100 }, (_, i) => span((0xa000 + i).toString(16).padStart(16, '0')));
    const big = JSON.stringify(request(spans));
    const cutAt = big.indexOf(`"${(0xa000 + 50).toString(16).padStart(16, '0')}"`);
    const text = `${good}\n${big.slice(0, cutAt)}\nnot json at all\n${good}\n`;
    for (const chunk of [undefined, 1, 7, 4096]) {
      const r = decode(otlpJson, text, chunk);
      // 2 (line 1) + 50 complete spans of line 2 + 2 (line 4); the cut span and line 3 rejected.
      expect(r.records.length).toBe(54);
      expect((r.records as Span[]).slice(2, 52).every((x) => x.resource.serviceName === 'svc' && x.source.line === 2)).toBe(true);
      expect(r.errors.map((e) => [e.code, e.line])).toEqual([['truncated', 2], ['invalid-json', 3]]);
      expect(r.progress.rejected).toBe(2);
      // Error offsets are the file's, inside line 2 (which starts after line 1 and its newline).
      expect(r.errors[0]!.offset).toBeGreaterThan(good.length + 1);
      expect(r.errors[0]!.offset).toBeLessThan(good.length + 1 + cutAt + 1);
    }
    // A garbled line breaks twice (bad token, then it ends early): still one error for the line.
    const garbled = decode(otlpJson, `${good}\n{"resourceSpans": [ broken\n${good}\n`);
    expect([garbled.records.length, garbled.errors.map((e) => [e.code, e.line]), garbled.progress.rejected]).toEqual([4, [['invalid-json', 2]], 1]);
  });

  it('wrong types: spans "x", a number among spans, resourceSpans an object', () => {
    const r = decode(otlpJson, [JSON.stringify(request('x')), JSON.stringify(request([1, span('eee19b7ec3c1b174')])), '{"resourceSpans":{}}', '[1,2]', '{"foo":1}'].join('\n'));
    expect(r.records.length).toBe(1);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['wrong-type', 1],
      ['wrong-type', 2],
      ['wrong-type', 3],
      // a line that is an array is read element by element (Zipkin span lists, `jq -s -c` requests): 2 elements, 2 rejected
      ['wrong-type', 4],
      ['wrong-type', 4],
      ['invalid-record', 5],
    ]);
    expect(r.progress.rejected).toBe(6);
    // the same in a (pretty-printed) document
    const d = decode(otlpJson, JSON.stringify(request(['x', span('eee19b7ec3c1b174')]), null, 1));
    expect([d.records.length, codes(d)]).toEqual([1, ['wrong-type']]);
  });

  it('invalid ids: span rejected, invalid parent dropped with a warning, rest kept', () => {
    const r = decode(otlpJson, JSON.stringify(request([span('xyz'), span('eee19b7ec3c1b174', { parentSpanId: 'nothex!' }), span('eee19b7ec3c1b175', { traceId: '' })])));
    expect(r.records.length).toBe(1);
    expect((r.records[0] as Span).parentSpanId).toBeUndefined();
    expect(codes(r)).toEqual(['invalid-id', 'invalid-id', 'missing-field']);
    expect(r.progress.rejected).toBe(2);
  });

  it('100,000-deep nesting: too-deep for that span, no crash, the next span is read', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const doc = `{\n"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${T}","spanId":"eee19b7ec3c1b174","x":${deep}},${JSON.stringify(span('eee19b7ec3c1b175'))}]}]}]}`;
    const r = decode(otlpJson, doc);
    expect(r.records.length).toBe(1);
    expect(codes(r)).toEqual(['too-deep']);
    // deep attribute values inside a JSON Lines line
    let v = '{"stringValue":"leaf"}';
    for (let i = 0; i < 2000; i++) v = `{"arrayValue":{"values":[${v}]}}`;
    const line = JSON.stringify(request([span('eee19b7ec3c1b174')])).replace('"kind":2', `"kind":2,"attributes":[{"key":"k","value":${v}}]`);
    const l = decode(otlpJson, `${line}\n${good}\n`);
    expect([l.records.length, codes(l)]).toEqual([2, ['too-deep']]);
  });

  it('a too-deep value outside any span is reported but costs no record; a deep non-request costs one', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const extra = decode(otlpJson, `{"x":${deep},"resourceSpans":[{"scopeSpans":[{"spans":[${JSON.stringify(span('eee19b7ec3c1b175'))}]}]}]}`);
    expect([extra.records.length, codes(extra), extra.progress.rejected]).toEqual([1, ['too-deep'], 0]);
    // an array of "requests" whose one element is itself a 100,000-deep array: one value, one rejection
    const notRequest = decode(otlpJson, `[${deep}]`);
    expect([notRequest.records.length, codes(notRequest), notRequest.progress.rejected]).toEqual([0, ['wrong-type', 'too-deep'], 1]);
  });

  it('a 300 MB line without newline in JSON Lines: line-too-long, bounded memory, next line read', () => {
    const sink: { records: SignalRecord[]; errors: ImportError[] } = { records: [], errors: [] };
    const d = otlpJson.create({ file: 'big', sink: { record: (r) => sink.records.push(r), error: (e) => sink.errors.push(e) } });
    const enc = new TextEncoder();
    d.push(enc.encode(good + '\n'));
    const block = new Uint8Array(4 << 20).fill(0x61); // 'a'
    const before = process.memoryUsage();
    d.push(enc.encode('{"resourceSpans":[{"x":"'));
    for (let i = 0; i < 75; i++) d.push(block); // 300 MB
    const after = process.memoryUsage();
    d.push(enc.encode('"}]}\n' + good + '\n'));
    d.end();
    expect(sink.records.length).toBe(4);
    expect(sink.errors.map((e) => [e.code, e.line])).toEqual([['line-too-long', 2]]);
    // at most one line buffer (MAX_LINE_BYTES) plus slack
    expect(after.arrayBuffers + after.heapUsed - before.arrayBuffers - before.heapUsed).toBeLessThan(MAX_LINE_BYTES + 32 * 1024 * 1024);
    expect(d.progress.lines).toBe(3);
  });

  it('a 300 MB single-line document streams: exact span count, bounded memory', () => {
    let records = 0;
    let lastStart: bigint | undefined;
    const errors: ImportError[] = [];
    const d = otlpJson.create({ file: 'big', sink: { record: (r) => { records++; lastStart = (r as Span).startNs; }, error: (e) => errors.push(e) } });
    const enc = new TextEncoder();
    const pad = 'p'.repeat(3000);
    const one = JSON.stringify(span('eee19b7ec3c1b174', { attributes: [{ key: 'pad', value: { stringValue: pad } }] }));
    const perBlock = 1000;
    const block = enc.encode((one + ',').repeat(perBlock)); // ~3.2 MB
    const blocks = Math.ceil((300 * 1024 * 1024) / block.length);
    d.push(enc.encode('{"resourceSpans":[{"resource":{},"scopeSpans":[{"scope":{},"spans":['));
    const before = process.memoryUsage();
    let peak = 0;
    for (let i = 0; i < blocks; i++) {
      d.push(block);
      if (i % 10 === 0) {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
      }
    }
    d.push(enc.encode(one + ']}]}]}'));
    d.end();
    expect(errors).toEqual([]);
    expect(records).toBe(blocks * perBlock + 1);
    expect(lastStart).toBe(1544712660000000000n);
    expect(d.progress.bytes).toBeGreaterThan(300 * 1024 * 1024);
    expect(peak).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);
});

describe('otlp-json: a metric rejected whole counts its data points', () => {
  // records = data points, so a metric lost whole loses each of its points. Expected by hand:
  // the nameless gauge has 3 points (3 rejected), the nameless sum with an empty list loses none,
  // the metric of an unknown kind has no readable points (1 rejected, as before), the named
  // gauge's 2 points are read. As one document and as JSON Lines; whole and chunked.
  const metrics = [
    { gauge: { dataPoints: [{ asInt: '1' }, { asInt: '2' }, { asInt: '3' }] } },
    { sum: { dataPoints: [], isMonotonic: true } },
    { name: 'u', unknownKind: {} },
    { name: 'ok', gauge: { dataPoints: [{ asDouble: 1, timeUnixNano: '1700000000000000000' }, { asDouble: 2, timeUnixNano: '1700000000000000000' }] } },
  ];
  const req = { resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeMetrics: [{ metrics }] }] };
  it.each([
    ['a document', JSON.stringify(req, null, 2)],
    ['JSON Lines', JSON.stringify(req) + '\n'],
  ])('%s: 2 records, 4 rejected', (_kind, text) => {
    for (const chunk of [undefined, 1, 7, 4096]) {
      const r = decode(otlpJson, text, chunk);
      expect(r.records.map((m) => (m as MetricPoint).value)).toEqual([1, 2]);
      expect(r.progress.rejected).toBe(4);
      expect(codes(r)).toEqual(['missing-field', 'missing-field', 'invalid-record']);
    }
  });
});

describe('otlp-json: many rejected elements', () => {
  // As Zipkin's (fuzzing): a stack trace captured per rejected span made bad arrays slow to reject.
  it('a rejection is not an Error (no stack captured per bad span) and every element is counted', () => {
    expect(new MapError('wrong-type', 'x')).not.toBeInstanceOf(Error);
    // 50,000 spans without spanId: each one rejected.
    const r = decode(otlpJson, JSON.stringify(request(Array.from({ length: 50_000 }, () => ({ traceId: T, name: 'op' })))));
    expect([r.records.length, r.progress.rejected]).toEqual([0, 50_000]);
  });
});

describe('OTLP metrics of the schema before v0.9', () => {
  it('intSum/doubleGauge… are named as the retired schema (unsupported), each metric rejected with its points', () => {
    const req = { resourceMetrics: [{ resource: {}, instrumentationLibraryMetrics: [{ metrics: [
      { name: 'jvm.gc.count', intSum: { dataPoints: [{ labels: [{ key: 'gc', value: 'G1' }], value: '3', timeUnixNano: '1700000000000000000' }], aggregationTemporality: 2, isMonotonic: true } },
      { name: 'cpu.util', doubleGauge: { dataPoints: [{ labels: [], value: 0.5, timeUnixNano: '1700000000000000000' }] } },
    ] }] }] };
    const r = decode(otlpJson, JSON.stringify(req));
    expect(r.errors.map((e) => [e.code, e.message.includes('before v0.9')])).toEqual([['unsupported', true], ['unsupported', true]]);
    expect(r.records).toHaveLength(0);
  });
});

describe('OTLP JSON Lines with a pretty-printed request after them (exports appended)', () => {
  it('the lone bracket opens a document: its spans are read, no error; positions stay the file\'s', () => {
    const req = (i: number) => ({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: `eee19b7ec3c1b17${i}`, name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] });
    const text = JSON.stringify(req(1)) + '\n' + JSON.stringify(req(2)) + '\n' + JSON.stringify(req(3), null, 2) + '\n' + JSON.stringify(req(4), null, 2) + '\n';
    const r = decode(otlpJson, text);
    expect([r.records.length, r.errors]).toEqual([4, []]);
    // each span's line lies inside its own request's lines (req 3 starts on line 3, req 4 after it)
    const start4 = 3 + JSON.stringify(req(3), null, 2).split('\n').length;
    const lines = (r.records as Span[]).map((s) => s.source.line!);
    expect(lines.slice(0, 2)).toEqual([1, 2]);
    expect(lines[2]! > 3 && lines[2]! < start4).toBe(true);
    expect(lines[3]! > start4 && lines[3]! < start4 + JSON.stringify(req(4), null, 2).split('\n').length).toBe(true);
    for (const chunk of [1, 7, 4096]) expect(decode(otlpJson, text, chunk).records.length).toBe(4);
  });

  it('a first line cut inside a string (tail -c, a cut log line) is one error, and the export after it is read', () => {
    const req = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b171', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] };
    for (const after of [JSON.stringify(req, null, 2), JSON.stringify(req)]) {
      const text = `{"level":"info","msg":"starting the exp\n${after}\n`;
      for (const chunk of [undefined, 1, 7, 4096]) {
        const r = decode(otlpJson, text, chunk);
        expect([r.records.length, r.errors.map((e) => [e.code, e.line]), r.progress.rejected]).toEqual([1, [['truncated', 1]], 1]);
        expect(r.errors[0]!.message).toContain('the line ends inside a JSON value');
      }
    }
  });

  it('a JSON Lines line that is not a request and breaks is one rejection, not two', () => {
    const line = JSON.stringify(request([span('eee19b7ec3c1b174')]));
    const r = decode(otlpJson, `${line}\n{ not json\n${line}\n{"level": \n${line}\n`);
    expect([r.records.length, r.errors.map((e) => [e.code, e.line]), r.progress.rejected]).toEqual([3, [['invalid-json', 2], ['truncated', 4]], 2]);
    // a whole document that is not JSON: one error too
    const doc = decode(otlpJson, '{ not json at all,\n  "x": 1\n}\n');
    expect([doc.records.length, doc.progress.rejected, doc.errors.length]).toEqual([0, 1, 1]);
  });
});

describe('otlp-json: a missing comma between two spans of a pretty-printed request', () => {
  it('is reported and costs no span; the spans after it are read', () => {
    const doc = request(Array.from({ length: 6 }, (_, i) => span(`00000000000000a${i}`)));
    const pretty = JSON.stringify(doc, null, 2).replace(/\},\n(\s+)\{\n(\s+)"traceId": "5b8efff798038103d269b633813fc60c",\n(\s+)"spanId": "00000000000000a3"/, '}\n$1{\n$2"traceId": "5b8efff798038103d269b633813fc60c",\n$3"spanId": "00000000000000a3"');
    expect(pretty).not.toBe(JSON.stringify(doc, null, 2));
    for (const chunk of [undefined, 7]) {
      const r = decode(otlpJson, pretty, chunk);
      expect([r.records.length, r.progress.rejected, r.errors.map((e) => e.code)]).toEqual([6, 0, ['invalid-json']]);
    }
  });
});

describe('otlp-json: a histogram whose count is not its buckets total', () => {
  it('is kept and flagged (explicit and exponential buckets); a consistent one is not', () => {
    const metric = (name: string, data: Record<string, unknown>) => ({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name, ...data }] }] }] });
    const lines = [
      metric('h', { histogram: { dataPoints: [{ timeUnixNano: '1', count: '10', bucketCounts: ['1', '1'], explicitBounds: [5] }], aggregationTemporality: 2 } }),
      metric('e', { exponentialHistogram: { dataPoints: [{ timeUnixNano: '1', count: '4', zeroCount: '1', scale: 0, positive: { offset: 0, bucketCounts: ['1', '1'] }, negative: { offset: 0, bucketCounts: ['2'] } }], aggregationTemporality: 1 } }),
      metric('ok', { histogram: { dataPoints: [{ timeUnixNano: '1', count: '2', bucketCounts: ['1', '1'], explicitBounds: [5] }], aggregationTemporality: 2 } }),
    ].map((l) => JSON.stringify(l)).join('\n') + '\n';
    const r = decode(otlpJson, lines);
    expect([r.records.length, r.progress.rejected]).toEqual([3, 0]);
    expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ['invalid-record', 1, 'histogram "h" has count 10 but its buckets hold 2'],
      ['invalid-record', 2, 'histogram "e" has count 4 but its buckets hold 5'],
    ]);
  });
});

describe('OTLP histogram counts that are no counts', () => {
  it('a count past 64 bits rejects its point; negative or fractional bucket counts are flagged; an asInt past 64 bits is no number', async () => {
    const { decode } = await import('../common/json-test-helpers.js');
    const { otlpJson } = await import('../../../../analyzers/importers/otlp-json/index.js');
    const hist = (count: string, buckets: string[]) => `{"count":${count},"bucketCounts":[${buckets.join(',')}],"explicitBounds":[1],"timeUnixNano":"1700000000000000000"}`;
    const doc = `{"resourceMetrics":[{"scopeMetrics":[{"metrics":[
      {"name":"a","histogram":{"aggregationTemporality":2,"dataPoints":[${hist('"1e400"', ['"1"', '"0"'])},${hist('"3"', ['"-5"', '"8"'])},${hist('"2"', ['"1"', '"1"'])}]}},
      {"name":"b","gauge":{"dataPoints":[{"asInt":"99999999999999999999999999","timeUnixNano":"1700000000000000000"}]}}
    ]}]}]}`;
    const r = decode(otlpJson, doc);
    // by hand: the first histogram point rejected, the second kept but flagged, the third fine; the gauge point rejected
    expect(r.records).toHaveLength(2);
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      ['invalid-number', 'count of "a" is not a count: "1e400"'],
      ['invalid-record', 'histogram "a" has bucket count -5 at 0: a count is a whole number, not negative'],
      ['invalid-number', `asInt of "b" is past int64's range (−2^63 to 2^63−1): "99999999999999999999999999"`],
    ]);
  });
});
