// An OTLP export request a program writes to its stdout, one a line (the OpenTelemetry Java agent's
// OTLP JSON logging exporter; the Collector's otlpjson connector reads such container logs), as the
// kubelet's CRI file holds it. The request's line is that of the docs page "collecting file-based
// Java logs with OpenTelemetry" (Java agent 2.10, its stdout sample); the span request is shaped as
// open-telemetry/opentelemetry-proto's examples/trace.json, shortened. Before, the whole request
// was the body of one text record (no service, no trace id; a span counted as a log record).
// Expected values are read off the lines by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant } from '../jsonl-logs/log-test-helpers.js';
import type { LogRecord, Span } from '../../../../analyzers/model/index.js';

const LOGS_REQUEST =
  '{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}},{"key":"service.namespace","value":{"stringValue":"shop"}}]},"scopeLogs":[{"scope":{"name":"com.mycompany.checkout.CheckoutServiceServer$CheckoutServiceImpl","attributes":[]},"logRecords":[{"timeUnixNano":"1730435085776869000","observedTimeUnixNano":"1730435085776944000","severityNumber":9,"severityText":"INFO","body":{"stringValue":"Order order-12035 successfully placed"}, "attributes":[{"key":"customerId","value":{"stringValue":"customer-49"}}],"flags":1,"traceId":"42de1f0dd124e27619a9f3c10bccac1c","spanId":"270984d03e94bb8b"}]}],"schemaUrl":"https://opentelemetry.io/schemas/1.24.0"}]}';
const SPANS_REQUEST =
  '{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},"scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"I\'m a server span","startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000","kind":2},{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b174","name":"child","startTimeUnixNano":"1544712660100000000","endTimeUnixNano":"1544712660900000000","kind":3}]}]}]}';

const cri = (rows: [string, string][]) => rows.map(([tag, msg], i) => `2024-11-01T04:24:45.${String(i).padStart(3, '0')}000000Z stdout ${tag} ${msg}`).join('\n') + '\n';

describe('text-logs behind CRI: an OTLP export request the program wrote to stdout', () => {
  it("is read as the request's records: the log record with its service and trace id (was one text record holding the request)", () => {
    const text = cri([['F', 'starting'], ['F', LOGS_REQUEST], ['F', 'done']]);
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = r.records as LogRecord[];
    expect(recs.map((x) => [x.kind, x.source.line])).toEqual([['log', 1], ['log', 2], ['log', 3]]);
    expect(recs[1]!.body).toBe('Order order-12035 successfully placed');
    expect(recs[1]!.resource.serviceName).toBe('checkout');
    expect(recs[1]!.traceId).toBe('42de1f0dd124e27619a9f3c10bccac1c');
    expect(recs[1]!.severityNumber).toBe(9);
    expect(recs[0]!.body).toBe('starting');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('a span request gives its spans (2 spans of one trace), also when the kubelet split the line in partial (P) pieces', () => {
    const half = Math.floor(SPANS_REQUEST.length / 2);
    for (const text of [cri([['F', SPANS_REQUEST]]), cri([['P', SPANS_REQUEST.slice(0, half)], ['F', SPANS_REQUEST.slice(half)]])]) {
      const r = decodeText(textLogs, text);
      expect(r.errors).toEqual([]);
      const spans = r.records as Span[];
      expect(spans.map((s) => [s.kind, s.name, s.resource.serviceName])).toEqual([
        ['span', "I'm a server span", 'my.service'],
        ['span', 'child', 'my.service'],
      ]);
      expect(r.progress.records).toBe(2);
      expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    }
  });

  it('a line that only begins like a request (cut, not JSON) stays a text record', () => {
    const text = cri([['F', LOGS_REQUEST.slice(0, 120)]]);
    const r = decodeText(textLogs, text);
    expect(r.records.map((x) => x.kind)).toEqual(['log']);
    expect((r.records[0] as LogRecord).body).toBe(LOGS_REQUEST.slice(0, 120));
  });
});
