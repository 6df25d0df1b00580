// A Java program's stdout and stderr captured into one file: OpenTelemetry Java's
// SystemOutLogRecordExporter's log records (stdout), then the LoggingSpanExporter's and
// LoggingMetricExporter's lines (stderr, through java.util.logging). The log records are read; the
// exporters' spans and metrics are no log records: skipped, and said in one error with their count
// and place. The fixture is the real capture (opentelemetry-exporter-logging 1.66.0, JDK 17).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import { otelJavaExporterRecord } from '../../../../analyzers/importers/common/otel-java-exporter.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/jvm-wrapped/otel-combined.txt');
const TEXT = readFileSync(FIXTURE, 'utf8');
const LINES = TEXT.split('\n').slice(0, -1);
/** The byte offset of line `n` (1-based). */
const offsetOf = (n: number) => Buffer.byteLength(LINES.slice(0, n - 1).map((l) => l + '\n').join(''));

describe('text-logs: OpenTelemetry Java logging exporters\' lines among a program\'s log records', () => {
  it('the capture: the 4 log records read, the 26 exporter lines (6 spans, 7 metric records) skipped in one error', () => {
    // (the fixture, counted by grep: 4 lines begin with the SystemOutLogRecordExporter's time, 13 with JUL's date)
    expect([LINES.length, LINES.filter((l) => /^2026-11-27T/.test(l)).length, LINES.filter((l) => /^Nov 27, 2026 /.test(l)).length]).toEqual([30, 4, 13]);
    const r = decodeText(textLogs, TEXT);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityText, x.traceId, x.spanId])).toEqual([
      [1, 'INFO', 'aecf216ca7790fc0b9435751241434a1', 'fb61f3f4f857ea50'],
      [2, 'INFO', 'cfad5a679c340a5a7cef409bdb1f68a5', '01c6f30ea9bc88b7'],
      [3, 'INFO', 'ac1eaeef2ac138fabc6c63b55d3f39bf', '8f6f7cc398b4f101'],
      [4, 'ERROR', 'ac1eaeef2ac138fabc6c63b55d3f39bf', '8f6f7cc398b4f101'],
    ]);
    expect(r.errors).toEqual([{
      code: 'unsupported',
      message: "26 lines are OpenTelemetry Java LoggingSpanExporter and LoggingMetricExporter output (6 spans and 7 metric records logged through java.util.logging, without parent span ids, times or status), not log records of the program's: skipped (the first at this line, the last beginning at line 29 (byte 7085)); export the spans and metrics with the OTLP exporter (to a Collector's file exporter, whose OTLP JSON is read)",
      file: 'input',
      line: 5,
      offset: 604,
    }]);
    expect([offsetOf(5), offsetOf(29)]).toEqual([604, 7085]);
    expect([r.progress.records, r.progress.rejected]).toEqual([4, 0]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(TEXT));
  });

  it('exporter lines between log records: each skipped, the log records around them kept', () => {
    const text = [LINES[0], LINES[4], LINES[5], LINES[1], LINES[16], LINES[17], LINES[2]].join('\n') + '\n';
    const r = decodeText(textLogs, text);
    expect(logs(r).map((x) => x.source.line)).toEqual([1, 4, 7]);
    expect(r.errors.map((e) => [e.code, e.line, e.message.slice(0, 118)])).toEqual([
      ['unsupported', 2, '4 lines are OpenTelemetry Java LoggingSpanExporter and LoggingMetricExporter output (1 span and 1 metric record logged'],
    ]);
    expect(r.errors[0]!.message).toContain('(the first at this line, the last beginning at line 5 (byte ');
  });

  it('a CR or a line separator inside an exporter line leaves it an exporter line, and a long line of such words with one is judged in linear time', () => {
    // (the message's `.*$` stopped at a CR, U+2028 or U+2029 and was tried again from every earlier
    // `: metric: ImmutableMetricData{`: a 600 KB line took 34 s, this 900 KB one over a minute)
    const metric = 'INFO: metric: ImmutableMetricData{resource=Resource{attributes={service.name="shop"}}, name=http.server.duration}';
    expect([otelJavaExporterRecord([metric]), otelJavaExporterRecord([metric.replace('}}, ', '}}\r, ')]), otelJavaExporterRecord([metric.replace('}}, ', '}}\u2028, ')])]).toEqual(['metric', 'metric', 'metric']);
    const span = LINES[5]!;
    expect([otelJavaExporterRecord([LINES[4]!, span]), otelJavaExporterRecord([LINES[4]!, span.replace('AttributesMap{', 'AttributesMap{\u2029')])]).toEqual(['span', 'span']);
    const long = '2026-11-27 10:00:01,000 INFO  [main] app: x' + ': metric: ImmutableMetricData{'.repeat(30_000);
    expect([otelJavaExporterRecord([long + '\r tail']), otelJavaExporterRecord([long + ' tail'])]).toEqual(['metric', 'metric']);
  });

  it('a program\'s own record that mentions the exporter, or quotes a span line inside a longer record, is kept', () => {
    expect(otelJavaExporterRecord(['Nov 27, 2026 3:27:34 PM com.example.Shop main', 'INFO: using io.opentelemetry.exporter.logging.LoggingSpanExporter'])).toBeUndefined();
    expect(otelJavaExporterRecord([LINES[4]!, LINES[5]!, '\tat com.example.Shop.main(Shop.java:3)'])).toBeUndefined();
    expect(otelJavaExporterRecord(['Nov 27, 2026 3:27:34 PM com.example.Shop main', LINES[5]!])).toBeUndefined();
    expect([otelJavaExporterRecord([LINES[4]!, LINES[5]!]), otelJavaExporterRecord([LINES[16]!, LINES[17]!]), otelJavaExporterRecord([LINES[18]!, LINES[19]!])]).toEqual(['span', 'metric', 'metric']);
    // one line a record (logback through the JUL bridge): the span's payload after the logger's ` - `
    expect(otelJavaExporterRecord([`15:27:34.289 [BatchSpanProcessor_WorkerThread-1] INFO  i.o.e.logging.LoggingSpanExporter - ${LINES[5]!.slice('INFO: '.length)}`])).toBe('span');
  });
});
