import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, logs } from '../jsonl-logs/log-test-helpers.js';

describe('text-logs: Datadog log injection in a text line', () => {
  it('dd.service, dd.env, dd.version name the resource; dd.trace_id and dd.span_id are decimal ids; 0 is none', () => {
    const text = [
      '2024-01-15 10:00:00,123 INFO [app] [app.py:25] [dd.service=checkout dd.env=prod dd.version=1.2.0 dd.trace_id=5972216380779436346 dd.span_id=7224180138612834419] - processing order',
      // 16 decimal digits: hex-shaped, still decimal under dd.
      '2024-01-15 10:00:00,456 WARNING [app] [app.py:30] [dd.service=checkout dd.env=prod dd.version=1.2.0 dd.trace_id=1234567890123456 dd.span_id=1234567890123456] - payment retry',
      '2024-01-15 10:00:01,000 INFO [app] [app.py:12] [dd.service=checkout dd.env=prod dd.version=1.2.0 dd.trace_id=0 dd.span_id=0] - startup complete',
    ].join('\n');
    const recs = logs(decodeText(textLogs, text + '\n'));
    // by hand (BigInt(n).toString(16), 16 digits): 5972216380779436346 = 0x52e19327fa20993a,
    // 7224180138612834419 = 0x6441718f8b734073, 1234567890123456 = 0x000462d53c8abac0
    expect(recs.map((r) => [r.traceId, r.spanId])).toEqual([
      ['52e19327fa20993a', '6441718f8b734073'],
      ['000462d53c8abac0', '000462d53c8abac0'],
      [undefined, undefined],
    ]);
    for (const r of recs) {
      expect(r.resource.serviceName).toBe('checkout');
      expect(r.resource.attributes['deployment.environment']).toBe('prod');
      expect(r.resource.attributes['service.version']).toBe('1.2.0');
    }
  });
});

describe("text-logs: OpenTelemetry Java's SystemOutLogRecordExporter", () => {
  it('`<time> <SEVERITY> \'<body>\' : <trace id> <span id> [scopeInfo: …] {…}`: the ids are read; all zeros is none', () => {
    // opentelemetry-exporter-logging 1.66.0 (java/otel.stdout of probe S24); the format is SystemOutLogRecordExporter.formatLog's
    const text = [
      "2026-11-27T15:27:34.289Z INFO 'querying orders for customer 0' : aecf216ca7790fc0b9435751241434a1 fb61f3f4f857ea50 [scopeInfo: probe.logger:] {customer.id=0}",
      "2026-11-27T15:27:34.671Z ERROR 'checkout failed' : ac1eaeef2ac138fabc6c63b55d3f39bf 8f6f7cc398b4f101 [scopeInfo: probe.logger:1.0] {}",
      "2026-11-27T15:27:35Z WARN 'no span here' : 00000000000000000000000000000000 0000000000000000 [scopeInfo: probe.logger:] {}",
    ].join('\n');
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.severityNumber, r.traceId, r.spanId])).toEqual([
      [9, 'aecf216ca7790fc0b9435751241434a1', 'fb61f3f4f857ea50'],
      [17, 'ac1eaeef2ac138fabc6c63b55d3f39bf', '8f6f7cc398b4f101'],
      [13, undefined, undefined],
    ]);
  });
});
