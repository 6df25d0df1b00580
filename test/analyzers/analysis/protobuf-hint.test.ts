// An OTLP protobuf export (the Collector file exporter with `format: proto`, a captured OTLP/HTTP
// body) is binary and not read: the error says what it probably is and what to export instead,
// where it used to say only "binary". Real protobuf bytes, made by @opentelemetry/otlp-transformer.
import { describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ProtobufTraceSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { analyseText } from '../../helpers/analyse.js';

function finishedSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout' }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('test');
  for (let i = 0; i < 5; i++) {
    const parent = tracer.startSpan(`GET /cart/${i}`);
    tracer.startSpan('SELECT carts', undefined, trace.setSpan(context.active(), parent)).end();
    parent.end();
  }
  return exporter.getFinishedSpans();
}

describe('an OTLP protobuf export', () => {
  const spans = finishedSpans();
  const proto = ProtobufTraceSerializer.serializeRequest(spans)!;

  it('is binary-data with a message naming OTLP protobuf and OTLP JSON instead, bare or length-prefixed (file exporter)', () => {
    const prefixed = new Uint8Array(4 + proto.length);
    new DataView(prefixed.buffer).setUint32(0, proto.length);
    prefixed.set(proto, 4);
    for (const bytes of [proto, prefixed]) {
      const input = analyseText(bytes, undefined, 'traces.binpb');
      expect(input.records).toBe(0);
      expect(input.errors).toHaveLength(1);
      expect(input.errors[0]!.code).toBe('binary-data');
      expect(input.errors[0]!.message).toContain('looks like OTLP protobuf');
      expect(input.errors[0]!.message).toContain('format: json');
    }
  });

  it('other binary input keeps the plain message; the same spans as OTLP JSON are read', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...new Array(64).fill(0)]);
    expect(analyseText(png).errors[0]!.message).toBe('the input is binary, not a text or JSON telemetry export');
    const json = analyseText(JsonTraceSerializer.serializeRequest(spans)!);
    expect([json.format, json.records]).toEqual(['otlp-json', 10]);
  });
});
