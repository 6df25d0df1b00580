// The Collector's debug exporter prints its batches (`verbosity: detailed`) into the Collector's
// own log. When more of that log than the sniff window holds comes before the first batch
// (startup lines, then export retries), the input was read as a text log: every line of the
// batches a record of free text. It is read as the debug exporter's output whatever the length of
// the log before its first batch (up to LATE_BATCH_BYTES), the Collector's lines skipped and
// reported as when the window holds both. Lines after the opentelemetry-collector's zap console
// encoder and its debug exporter (exporter/debugexporter, detailed text marshalers).
import { describe, expect, it } from 'vitest';
import { LATE_BATCH_BYTES, LateBatchScan } from '../../../analyzers/analysis/late-batch.js';
import { analyseText } from '../../helpers/analyse.js';

const STARTUP = [
  '2024-05-01T10:00:00.000Z\tinfo\tservice@v0.96.0/telemetry.go:55\tSetting up own telemetry...',
  '2024-05-01T10:00:00.006Z\tinfo\texporter@v0.96.0/exporter.go:275\tDevelopment component. May change in the future.\t{"kind": "exporter", "data_type": "traces", "name": "debug"}',
  '2024-05-01T10:00:00.009Z\tinfo\tservice@v0.96.0/service.go:143\tStarting otelcol-contrib...\t{"Version": "0.96.0", "NumCPU": 8}',
  '2024-05-01T10:00:00.030Z\tinfo\tservice@v0.96.0/service.go:169\tEverything is ready. Begin running and processing data.',
];
const RETRY = (i: number) =>
  `2024-05-01T10:00:${String(10 + (i % 50)).padStart(2, '0')}.000Z\tinfo\texporterhelper/retry_sender.go:118\tExporting failed. Will retry the request after interval.\t{"kind": "exporter", "data_type": "traces", "name": "otlp/jaeger", "error": "rpc error: code = Unavailable desc = connection error", "interval": "${(i % 7) + 1}.5s"}`;
const BATCH = [
  '2024-05-01T10:06:05.000Z\tinfo\tTracesExporter\t{"kind": "exporter", "data_type": "traces", "name": "debug", "resource spans": 1, "spans": 2}',
  '2024-05-01T10:06:05.000Z\tinfo\tResourceSpans #0',
  'Resource SchemaURL: https://opentelemetry.io/schemas/1.4.0',
  'Resource attributes:',
  '     -> service.name: Str(api)',
  'ScopeSpans #0',
  'ScopeSpans SchemaURL: ',
  'InstrumentationScope io.opentelemetry.http 1.0.0',
  'Span #0',
  '    Trace ID       : 5b8efff798038103d269b633813fc60c',
  '    Parent ID      : ',
  '    ID             : eee19b7ec3c1b174',
  '    Name           : GET /orders',
  '    Kind           : Server',
  '    Start time     : 2024-05-01 10:06:04.5 +0000 UTC',
  '    End time       : 2024-05-01 10:06:04.75 +0000 UTC',
  '    Status code    : Error',
  '    Status message : upstream timeout',
  'Span #1',
  '    Trace ID       : 5b8efff798038103d269b633813fc60c',
  '    Parent ID      : eee19b7ec3c1b174',
  '    ID             : aaa19b7ec3c1b175',
  '    Name           : SELECT orders',
  '    Kind           : Client',
  '    Start time     : 2024-05-01 10:06:04.51 +0000 UTC',
  '    End time       : 2024-05-01 10:06:04.74 +0000 UTC',
  '    Status code    : Unset',
  '    Status message : ',
  '\t{"kind": "exporter", "data_type": "traces", "name": "debug"}',
];

/** The Collector's startup, `retries` retry lines, then one batch of two spans. */
function collectorLog(retries: number): { text: string; before: number } {
  const before = [...STARTUP, ...Array.from({ length: retries }, (_v, i) => RETRY(i))];
  return { text: [...before, ...BATCH].join('\n') + '\n', before: before.length };
}

describe("the debug exporter's first batch after more of the Collector's own log than the sniff window holds", () => {
  it('is read as debug-exporter output (was: text-logs, every line a record), the Collector lines before it skipped and reported', () => {
    const { text, before } = collectorLog(400);
    expect(text.indexOf('ResourceSpans #0')).toBeGreaterThan(64 * 1024);
    for (const chunk of [undefined, 4096, 65_536, 1000]) {
      const input = analyseText(text, chunk);
      expect([input.format, input.signal, input.records, input.rejected]).toEqual(['otel-debug', 'traces', 2, 0]);
      // the lines before the batch, the exporter's own `TracesExporter` line and its closing fields line
      expect(input.errors.map((e) => [e.code, e.line, e.message.slice(0, 48)])).toEqual([['invalid-line', 1, `${before + 2} lines are not part of a debug-exporter batch`]]);
    }
  });

  it('so is `docker compose logs` output of the Collector (each line after its container prefix)', () => {
    const text = collectorLog(400).text.replace(/^/gm, 'otel-collector-1  | ').replace(/otel-collector-1 {2}\| $/, '');
    const input = analyseText(text, 4096);
    expect([input.format, input.records]).toEqual(['otel-debug', 2]);
  });

  it('the same batch after a short log reads the same (the outcome does not depend on where the window ends)', () => {
    const short = analyseText(collectorLog(10).text);
    const long = analyseText(collectorLog(400).text);
    expect([short.format, short.records]).toEqual([long.format, long.records]);
  });

  it("the Collector's own log without any batch stays a text log", () => {
    const text = [...STARTUP, ...Array.from({ length: 400 }, (_v, i) => RETRY(i))].join('\n') + '\n';
    const input = analyseText(text, 4096);
    expect([input.format, input.records]).toEqual(['text-logs', 404]);
  });

  it("another program's text log mentioning a batch marker is not held for it", () => {
    const text = Array.from({ length: 1000 }, (_v, i) => `2024-05-01T10:00:00.000Z INFO app: request ${i} served in 12 ms`).join('\n') + '\nResourceSpans #0\n';
    expect(analyseText(text).format).toBe('text-logs');
  });
});

describe('LateBatchScan', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('finds the first batch line whatever the chunking, and not past the limit', () => {
    const text = 'a\n' + 'x'.repeat(5000) + ' ResourceSpans #0\nb\n2024-05-01T10:00:00Z\tinfo\tResourceSpans #3\nResourceLog #0\n';
    const expected = text.indexOf('2024-05-01T10:00:00Z\tinfo\tResourceSpans #3');
    for (const size of [1, 7, 100, 4096, text.length]) {
      const s = new LateBatchScan();
      const bytes = enc(text);
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      // (the long line's own marker is not looked at: no batch line is that long)
      expect(s.found, `chunk ${size}`).toBe(expected);
    }
  });

  it('stops waiting once the limit is passed without a batch line', () => {
    const s = new LateBatchScan();
    const line = enc('y'.repeat(1023) + '\n');
    let bytes = 0;
    while (s.waiting(bytes)) {
      s.push(line);
      bytes += line.length;
    }
    expect(s.found).toBeUndefined();
    expect(bytes).toBeGreaterThanOrEqual(LATE_BATCH_BYTES);
    expect(bytes).toBeLessThan(LATE_BATCH_BYTES + 8192);
  });
});
