// A JSON Lines file where a capture proxy appended every request body it received: OTLP/HTTP JSON
// export requests and Zipkin v2 span lists (POST /api/v2/spans bodies, one JSON array each), as an
// OpenTelemetry SDK exporting to both writes them. Each line is read by its own shape; the Zipkin
// lines were rejected as "an OTLP export request should be an object, got an array", one rejected
// record per line however many spans it held.
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { analyseInputs } from '../../../helpers/analyse.js';
import { canonical, countKinds, decode } from '../common/json-test-helpers.js';

const T0 = 1_795_824_000_000_000; // µs
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
const attrs = (o: Record<string, string>) => Object.entries(o).map(([key, v]) => ({ key, value: { stringValue: v } }));

function otlpTraces(i: number): object {
  const traceId = hex(i, 32);
  const span = (id: number, parent: number | undefined, kind: number) => ({ traceId, spanId: hex(id, 16), ...(parent ? { parentSpanId: hex(parent, 16) } : {}), name: 'GET /chain', kind, startTimeUnixNano: String(BigInt(T0 + i * 1000) * 1000n), endTimeUnixNano: String(BigInt(T0 + i * 1000 + 500) * 1000n), status: {} });
  return { resourceSpans: [{ resource: { attributes: attrs({ 'service.name': 'frontend' }) }, scopeSpans: [{ scope: { name: '@opentelemetry/instrumentation-http' }, spans: [span(i * 10 + 1, undefined, 2), span(i * 10 + 2, i * 10 + 1, 3)] }] }] };
}

function otlpLogs(n: number): object {
  const logRecords = Array.from({ length: n }, (_, k) => ({ timeUnixNano: String(BigInt(T0 + k) * 1000n), severityNumber: 9, severityText: 'info', body: { stringValue: `request ${k}` } }));
  return { resourceLogs: [{ resource: { attributes: attrs({ 'service.name': 'frontend' }) }, scopeLogs: [{ scope: { name: 'pino' }, logRecords }] }] };
}

/** What @opentelemetry/exporter-zipkin posts: the same spans, kind upper-case, INTERNAL left out. */
function zipkinList(i: number): object[] {
  const traceId = hex(i, 32);
  const ts = T0 + i * 1000;
  return [
    { traceId, id: hex(i * 10 + 1, 16), name: 'get /chain', kind: 'SERVER', timestamp: ts, duration: 500, localEndpoint: { serviceName: 'frontend' }, tags: { 'http.method': 'GET' } },
    { traceId, parentId: hex(i * 10 + 1, 16), id: hex(i * 10 + 2, 16), name: 'get', kind: 'CLIENT', timestamp: ts + 10, duration: 400, localEndpoint: { serviceName: 'frontend' }, remoteEndpoint: { serviceName: 'backend', ipv4: '127.0.0.1', port: 8082 } },
    { traceId, parentId: hex(i * 10 + 1, 16), id: hex(i * 10 + 3, 16), name: 'render', timestamp: ts + 20, duration: 30, localEndpoint: { serviceName: 'frontend' } },
  ];
}

const lines = [
  JSON.stringify(otlpTraces(1)), // 2 spans
  JSON.stringify(zipkinList(1)), // 3 spans
  JSON.stringify(otlpLogs(4)), // 4 log records
  JSON.stringify(zipkinList(2)), // 3 spans
  JSON.stringify([...zipkinList(3).slice(0, 2), { id: hex(99, 16), name: 'no trace id' }]), // 2 spans, 1 rejected
  JSON.stringify([]), // an empty span list: nothing
  JSON.stringify([otlpTraces(4), otlpLogs(1)]), // `jq -s -c` of two requests: 2 spans, 1 log record
  JSON.stringify([7, 'x']), // neither: 2 rejected
];
const text = lines.join('\n') + '\n';

describe('OTLP JSON Lines with Zipkin v2 span lists appended', () => {
  it('is sniffed as otlp-json and reads every line by its shape: 12 spans, 5 log records, 3 rejected, in any chunking', () => {
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('otlp-json');
    const whole = decode(otlpJson, text);
    expect(countKinds(whole.records)).toEqual({ span: 12, log: 5 });
    expect(whole.progress.records).toBe(17);
    expect(whole.progress.rejected).toBe(3);
    expect(whole.errors.map((e) => [e.code, e.line])).toEqual([
      ['missing-field', 5],
      ['wrong-type', 8],
      ['wrong-type', 8],
    ]);
    expect(whole.errors[1]!.message).toBe('element 0 of the JSON array on this line is neither an OTLP export request nor a Zipkin span: 7');
    for (const chunk of [1, 7, 4096]) {
      const r = decode(otlpJson, text, chunk);
      expect(canonical(r.records)).toBe(canonical(whole.records));
      expect(r.errors).toEqual(whole.errors);
      expect(r.progress.rejected).toBe(3);
    }
  });

  it('reads a Zipkin line as the Zipkin importer does (kind, endpoints, local span, line of the record)', () => {
    const spans = decode(otlpJson, text).records.filter((r): r is Span => r.kind === 'span' && r.source.line === 2);
    const alone = decode(zipkin, JSON.stringify(zipkinList(1))).records as Span[];
    const noSource = (s: Span[]) => canonical(s.map((x) => ({ ...x, source: { file: '', line: 0, offset: 0 } })));
    expect(noSource(spans)).toBe(noSource(alone));
    expect(spans.map((s) => [s.spanKind, s.source.line, s.source.offset])).toEqual([
      ['server', 2, lines[0]!.length + 1],
      ['client', 2, lines[0]!.length + 1],
      ['internal', 2, lines[0]!.length + 1],
    ]);
  });

  it('in the whole analysis: the records of every line are counted', () => {
    const r = analyseInputs([['all.jsonl', text]]);
    expect(r.inputs[0]).toMatchObject({ format: 'otlp-json', records: 17, rejected: 3 });
    expect(r.signals.traces.spans).toBe(12);
  });
});
