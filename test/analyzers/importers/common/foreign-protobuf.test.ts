// Protobuf exports that are not read (OTLP export requests, Zipkin proto3 ListOfSpans) are told
// apart by walking their wire format against the schema they would be. An OTLP logs request whose
// bodies are long is mostly text (under 10 % control bytes, so not "binary"): it was read as text
// logs, one record per LF its bytes happened to hold. A Zipkin ListOfSpans opens as an OTLP request
// does (`0a len 0a …`) and was called OTLP. The OTLP bytes are made by @opentelemetry/otlp-transformer
// (the SDK's own protobuf encoder); the Zipkin and metrics bytes by a small encoder below, after
// zipkin2/zipkin.proto and opentelemetry/proto/metrics/v1/metrics.proto.
import { describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { foreignProtobuf } from '../../../../analyzers/importers/common/foreign-protobuf.js';
import { looksBinary } from '../../../../analyzers/importers/common/lines.js';
import { analyseText } from '../../../helpers/analyse.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// --- a minimal protobuf encoder (varints below 2^28 suffice here) ---
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const len = (field: number, body: number[] | Uint8Array): number[] => [...varint(field * 8 + 2), ...varint(body.length), ...body];
const str = (field: number, s: string): number[] => len(field, enc(s));
const vint = (field: number, n: number): number[] => [...varint(field * 8), ...varint(n)];
const fixed64 = (field: number): number[] => [...varint(field * 8 + 1), 0, 0x2a, 0x36, 0xfe, 0x9c, 0x97, 0x17, 0];
const bytes = (n: number, seed: number): number[] => Array.from({ length: n }, (_, i) => (seed * 37 + i * 101) & 0xff);

/** A Zipkin proto3 span (zipkin.proto: trace_id 1, parent_id 2, id 3, kind 4, name 5, timestamp 6, duration 7, local_endpoint 8, tags 11). */
function zipkinSpan(i: number, parent: boolean): number[] {
  return [
    ...len(1, bytes(16, 1)),
    ...(parent ? len(2, bytes(8, 2)) : []),
    ...len(3, bytes(8, 3 + i)),
    ...vint(4, parent ? 1 : 2),
    ...str(5, `get /api/${i}`),
    ...fixed64(6),
    ...vint(7, 1500 + i),
    ...len(8, str(1, 'frontend')),
    ...len(11, [...str(1, 'http.method'), ...str(2, 'GET')]),
  ];
}
const zipkinList = new Uint8Array([...len(1, zipkinSpan(0, false)), ...len(1, zipkinSpan(1, true))]);

/** ExportMetricsServiceRequest: a resource with service.name, one scope, two metrics (name 1, unit 3, gauge 5 not walked). */
const metricsRequest = new Uint8Array(
  len(1, [
    ...len(1, len(1, [...str(1, 'service.name'), ...len(2, str(1, 'checkout'))])),
    ...len(2, [...len(1, str(1, 'meter')), ...len(2, [...str(1, 'queue.depth'), ...str(3, '1'), ...len(5, len(1, [...fixed64(3), ...vint(6, 7)]))]), ...len(2, [...str(1, 'queue.age'), ...str(3, 's')])]),
  ]),
);

function spans() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout' }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('test');
  const parent = tracer.startSpan('GET /cart');
  tracer.startSpan('SELECT carts', undefined, trace.setSpan(context.active(), parent)).end();
  parent.end();
  return exporter.getFinishedSpans();
}

/** 4 log records with ~150-character bodies: mostly text once encoded. */
function textHeavyLogs(): Uint8Array {
  const resource = resourceFromAttributes({ 'service.name': 'checkout' });
  const instrumentationScope = { name: 'checkout.logger' };
  const records: ReadableLogRecord[] = [0, 1, 2, 3].map((i) => ({
    hrTime: [1_700_000_000, i * 1000],
    hrTimeObserved: [1_700_000_000, i * 1000],
    severityText: 'INFO',
    severityNumber: 9,
    body: `GET /api/v1/orders?customer=1234${i}&include=items,payments,shipping took ${120 + i} ms; cache miss on orders:${i}; upstream inventory answered 200 after 80 ms; retry budget left 3, then answered from the replica in eu-west-1 with the cached price list`,
    resource,
    instrumentationScope,
    attributes: {},
    droppedAttributesCount: 0,
  }));
  return ProtobufLogsSerializer.serializeRequest(records)!;
}

function prefixed(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + message.length);
  new DataView(out.buffer).setUint32(0, message.length);
  out.set(message, 4);
  return out;
}

describe('foreignProtobuf', () => {
  const logs = textHeavyLogs();
  const traces = ProtobufTraceSerializer.serializeRequest(spans())!;

  it('names OTLP requests by signal and a Zipkin ListOfSpans, bare and length-prefixed', () => {
    expect(looksBinary(logs)).toBe(false); // what let it through before: under 10 % control bytes
    expect(foreignProtobuf(logs, true)).toBe('logs');
    expect(foreignProtobuf(traces, true)).toBe('traces');
    expect(foreignProtobuf(metricsRequest, true)).toBe('metrics');
    expect(foreignProtobuf(zipkinList, true)).toBe('zipkin');
    expect(foreignProtobuf(prefixed(logs), true)).toBe('logs');
    expect(foreignProtobuf(new Uint8Array([...prefixed(traces), ...prefixed(traces)]), true)).toBe('traces');
  });

  it('a head cut short still fits when it is not the whole input, and does not when it is', () => {
    const cut = logs.subarray(0, Math.floor(logs.length / 2));
    expect(foreignProtobuf(cut, false)).toBe('logs');
    expect(foreignProtobuf(cut, true)).toBeUndefined();
    expect(foreignProtobuf(zipkinList.subarray(0, 40), false)).toBe('zipkin');
  });

  it('a request with resources only fits every OTLP signal: OTLP, signal unsaid', () => {
    const resourceOnly = new Uint8Array(len(1, len(1, len(1, [...str(1, 'service.name'), ...len(2, str(1, 'checkout'))]))));
    expect(foreignProtobuf(resourceOnly, true)).toBe('otlp');
  });

  it('never takes text for protobuf, text that opens with LFs included', () => {
    const texts = [
      '\n\n\n2023-11-14 22:13:20 INFO started\n',
      '\n}\n{\n  "level": "info", "msg": "x"\n}\n',
      '\n\x12\n\x10abcdefghijklmnop and more',
      '\n'.repeat(40),
      '2023-11-14T22:13:20Z INFO GET /api 200\n'.repeat(20),
      '{"level":"info","msg":"a"}\n'.repeat(10),
      '# HELP up Up.\n# TYPE up gauge\nup{job="a"} 1\n',
    ];
    for (const t of texts) {
      const b = enc(t);
      for (let n = 1; n <= b.length; n++) {
        expect(foreignProtobuf(b.subarray(0, n), true)).toBeUndefined();
        expect(foreignProtobuf(b.subarray(0, n), false)).toBeUndefined();
      }
    }
  });

  it('other protobuf (a message of fields OTLP does not have) is none of them', () => {
    expect(foreignProtobuf(new Uint8Array(len(1, [...vint(7, 3), ...str(9, 'x'.repeat(20))])), true)).toBeUndefined();
  });
});

describe('protobuf exports in an analysis', () => {
  it('the text-heavy OTLP logs request is refused as OTLP protobuf (such a request was read as text logs: 6 records, 8 rejected), bare and length-prefixed', () => {
    for (const b of [textHeavyLogs(), prefixed(textHeavyLogs())]) {
      const input = analyseText(b, undefined, 'logs.binpb');
      expect([input.format, input.records, input.rejected]).toEqual(['unknown', 0, 0]);
      expect(input.errors.map((e) => e.code)).toEqual(['binary-data']);
      expect(input.errors[0]!.message).toMatch(/^the input is binary: it looks like OTLP protobuf \(ExportLogsServiceRequest, logs\), which is not read; export OTLP JSON instead/);
    }
  });

  it('a Zipkin ListOfSpans is named as Zipkin protobuf, not OTLP', () => {
    const input = analyseText(zipkinList, undefined, 'spans.bin');
    expect(input.records).toBe(0);
    expect(input.errors.map((e) => e.code)).toEqual(['binary-data']);
    expect(input.errors[0]!.message).toMatch(/^the input is binary: it looks like Zipkin protobuf \(a proto3 ListOfSpans.*export Zipkin JSON v2 instead/);
    expect(input.errors[0]!.message).not.toContain('OTLP protobuf');
  });

  it('binary that opens like OTLP but does not follow it is not claimed as OTLP', () => {
    const other = new Uint8Array([...len(1, [...str(1, 'x'), ...vint(9, 1), ...bytes(40, 5).map((b) => b & 0x1f)]), 0, 1, 2, 3, 4, 5, 6, 7]);
    const msg = analyseText(other).errors[0]!.message;
    expect(msg).toMatch(/^the input is binary: it opens as an OTLP protobuf export request does but does not follow its layout/);
  });
});
