// A byte that is not UTF-8 past the first 64 KB (the encoding is decided on the head, so the byte
// is left to the importer) is reported by every importer as `invalid-utf8` at the line it is on:
// line-based formats give that line's first byte as the offset, JSON documents the bad byte's own.
// Found by fuzzing: csv-metrics, csv-spans, Prometheus text, prom-api, Jaeger, Zipkin and OTLP JSON
// said nothing (a damaged series or span name, silently), csv-logs and otel-debug said it once at
// the end without a place. The same whatever the chunking.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../helpers/analyse.js';

const HEAD = 64 * 1024;

/** `text` as bytes, the `okay` after the head (the first after byte HEAD + 100) with a 0xFF for its `k`. */
function badByteAfterHead(text: string): { bytes: Uint8Array; at: number; line: number; lineStart: number } {
  const bytes = new TextEncoder().encode(text);
  const at = Buffer.from(bytes).indexOf('okay', HEAD + 100) + 1;
  expect(at).toBeGreaterThan(HEAD);
  bytes[at] = 0xff;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { bytes, at, line, lineStart };
}

const lines = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';

const OTEL_DEBUG_BATCH = `2023-09-07T09:57:12.820-0700    info    TracesExporter  {"kind": "exporter", "data_type": "traces", "name": "debug", "resource spans": 1, "spans": 1}
2023-09-07T09:57:12.821-0700    info    ResourceSpans #0
Resource SchemaURL: https://opentelemetry.io/schemas/1.4.0
Resource attributes:
     -> service.name: Str(telemetrygen)
ScopeSpans #0
ScopeSpans SchemaURL:
InstrumentationScope telemetrygen
Span #0
    Trace ID       : 0c636f29e29816ea76e6a5b8cd6601cf
    Parent ID      :
    ID             : 1a08eba9395c5243
    Name           : okay-dokey
    Kind           : Server
    Start time     : 2023-09-07 16:57:12.045933 +0000 UTC
    End time       : 2023-09-07 16:57:12.046058 +0000 UTC
    Status code    : Unset
    Status message :
Attributes:
     -> peer.service: Str(telemetrygen-server)
	{"kind": "exporter", "data_type": "traces", "name": "debug"}
`;

const span = (i: number) => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: (i + 1).toString(16).padStart(16, '0'), name: `okay-op-${i}`, startTimeUnixNano: '1544712660000000000', endTimeUnixNano: '1544712661000000000', kind: 2 });
const otlpRequest = (spans: unknown[]) => ({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }] });

/** [format, the error's offset: the line's first byte, or the bad byte's (JSON documents), text] */
const CASES: [string, 'line' | 'byte', () => string][] = [
  ['csv-metrics', 'line', () => 'timestamp,metric,value,pod\n' + lines(2500, (i) => `${1700000000 + i},cpu_usage,0.${i % 10},okay-${i % 7}`)],
  ['csv-logs', 'line', () => 'timestamp,level,service,message\n' + lines(1700, (i) => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,INFO,svc-a,okay request handled in ${i} ms`)],
  ['csv-spans', 'line', () => 'TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration\n' + lines(700, (i) => `${(i + 1).toString(16).padStart(32, '0')},${(i + 1).toString(16).padStart(16, '0')},root,ts-a-service,GET /okay/${i},${1675079506000000000n + BigInt(i) * 1000000n},${1675079506005000000n + BigInt(i) * 1000000n},5000`)],
  ['otel-debug', 'line', () => OTEL_DEBUG_BATCH.repeat(110)],
  ['prometheus', 'line', () => '# TYPE requests_total counter\n' + lines(1500, (i) => `requests_total{pod="okay-${i}",path="/api/v1/x"} ${i}`)],
  ['openmetrics', 'line', () => '# TYPE requests counter\n' + lines(1500, (i) => `requests_total{pod="okay-${i}",path="/api/v1/x"} ${i}`) + '# EOF\n'],
  ['prom-api', 'byte', () => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: Array.from({ length: 400 }, (_, i) => ({ metric: { __name__: 'up', pod: `okay-${i}` }, values: [[1620351786, '1'], [1620351796, '1']] })) } }, null, 1)],
  ['jaeger', 'byte', () => JSON.stringify({ data: [{ traceID: 'c620759e5d60fafb8ee0922b30e06bc6', processes: { p1: { serviceName: 'svc', tags: [] } }, spans: Array.from({ length: 500 }, (_, i) => ({ traceID: 'c620759e5d60fafb8ee0922b30e06bc6', spanID: (i + 1).toString(16).padStart(16, '0'), operationName: `okay-op-${i}`, references: [], startTime: 1620351786000000 + i, duration: 100, tags: [], logs: [], processID: 'p1' })) }] }, null, 1)],
  ['zipkin', 'byte', () => JSON.stringify(Array.from({ length: 600 }, (_, i) => ({ traceId: 'a03ee8fff1dcd9b9', id: (i + 1).toString(16).padStart(16, '0'), kind: 'SERVER', name: `okay-op-${i}`, timestamp: 1571896375322000 + i, duration: 1000, localEndpoint: { serviceName: 'svc' } })), null, 1)],
  ['otlp-json', 'byte', () => JSON.stringify(otlpRequest(Array.from({ length: 500 }, (_, i) => span(i))), null, 1)],
  // OTLP JSON Lines (a Collector file exporter's output): read a line at a time
  ['otlp-json', 'line', () => lines(60, (b) => JSON.stringify(otlpRequest(Array.from({ length: 8 }, (_, k) => span(b * 8 + k)))))],
];

describe('invalid-utf8 past the first 64 KB, at its line', () => {
  it.each(CASES)('%s (offset: of the %s)', (format, where, make) => {
    const { bytes, at, line, lineStart } = badByteAfterHead(make());
    expect(bytes.length).toBeGreaterThan(70 * 1024);
    for (const chunk of [1, 7, 4096]) {
      const input = analyseText(bytes, chunk);
      expect(input.format).toBe(format);
      expect(input.errors.filter((e) => e.code === 'invalid-utf8').map((e) => [e.line, e.offset])).toEqual([[line, where === 'line' ? lineStart : at]]);
    }
  });

  it('csv: in a quoted field over several lines, the line of the bad byte (not the record\'s first), in line order', () => {
    const rows = lines(1600, (i) => (i === 1500 ? `2024-01-01T00:00:00Z,ERROR,svc-a,"failed:\nat okay.one\nat two"` : `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,INFO,svc-a,request handled in ${i} ms`));
    const { bytes, line, lineStart } = badByteAfterHead('timestamp,level,service,message\n' + rows);
    for (const chunk of [1, 7, 4096]) {
      const input = analyseText(bytes, chunk);
      expect([input.format, input.records]).toEqual(['csv-logs', 1600]);
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', line, lineStart]]);
    }
    // the row starts a line before the bad one
    expect(new TextDecoder().decode(bytes).split('\n')[line - 2]).toContain('"failed:');
  });

  it('UTF-16: a lone surrogate past the head is reported at its line (csv-metrics), a U+FFFD written in UTF-8 is no bad byte', () => {
    const text = 'timestamp,metric,value,pod\n' + lines(2500, (i) => `${1700000000 + i},cpu_usage,0.${i % 10},okay-${i % 7}`);
    const cut = text.indexOf('okay', 70 * 1024) + 1; // in UTF-16, past the head at any rate
    const line = text.slice(0, cut).split('\n').length;
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(0, cut), 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from(text.slice(cut + 1), 'utf16le')]);
    for (const chunk of [1, 7, 4096]) {
      const input = analyseText(new Uint8Array(u16), chunk);
      expect([input.format, input.encoding]).toEqual(['csv-metrics', 'utf-16le']);
      // (offsets in UTF-16 input count bytes of its UTF-8 text: the line's first byte there)
      expect(input.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['invalid-utf8', line, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n', cut) + 1))]]);
    }
    // node_exporter writes U+FFFD for a sysfs value that was not UTF-8: valid UTF-8 text, no error
    const written = 'timestamp,metric,value,pod\n' + lines(2500, (i) => `${1700000000 + i},cpu_usage,0.${i % 10},${i === 2400 ? 'p\ufffdd' : 'pod'}`);
    expect(analyseText(written).errors).toEqual([]);
  });
});
