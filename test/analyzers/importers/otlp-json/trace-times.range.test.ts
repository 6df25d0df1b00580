import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import { canonical, decode } from '../common/json-test-helpers.js';

// A time outside its field's type is not a time: OTLP's *TimeUnixNano are uint64 (max
// 18446744073709551615), Jaeger's JSON startTime/duration uint64 µs, Zipkin's timestamp/duration
// int64 µs (max 9223372036854775807). Such a value (1e300, a 21-digit string, 2^64) used to become
// a 300-digit bigint time and the report's time range ended in a 300-digit number; now it is an
// invalid-timestamp error, the span is kept without that time. The largest valid values still read.

function check(spec: FormatSpec, text: string): { spans: Span[]; codes: string[] } {
  const r = decode(spec, text);
  for (const chunk of [1, 7, 4096]) {
    const c = decode(spec, text, chunk);
    expect([canonical(c.records), c.errors]).toEqual([canonical(r.records), r.errors]);
  }
  return { spans: r.records as Span[], codes: r.errors.map((e) => e.code) };
}

describe('trace times beyond their field type', () => {
  it('OTLP: uint64 nanoseconds', () => {
    const span = (id: string, start: string, end: string): string =>
      `{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"${id}","name":"op","startTimeUnixNano":${start},"endTimeUnixNano":${end}}`;
    const spans = [span('0000000000000001', '"18446744073709551615"', '"18446744073709551616"'), span('0000000000000002', '"1700000000000000000"', '1e300'), span('0000000000000003', '"99999999999999999999"', '18446744073709551616')];
    const { spans: out, codes } = check(otlpJson, `{"resourceSpans":[{"scopeSpans":[{"spans":[${spans.join(',')}]}]}]}\n`);
    expect(out.map((s) => [s.startNs, s.endNs])).toEqual([
      [18446744073709551615n, undefined],
      [1700000000000000000n, undefined],
      [undefined, undefined],
    ]);
    expect(codes).toEqual(['invalid-timestamp', 'invalid-timestamp', 'invalid-timestamp', 'invalid-timestamp']);
  });

  it('Jaeger: uint64 microseconds, negative or 2^64+ is not one', () => {
    const span = (id: string, start: string, duration: string): string => `{"traceID":"f1b2c3d4e5f60718","spanID":"${id}","operationName":"op","startTime":${start},"duration":${duration}}`;
    const text = `[${span('1', '1700000000000000', '1e300')},${span('2', '-5', '10')},${span('3', '"18446744073709551616"', '10')},${span('4', '1700000000000000', '"18446744073709551615"')}]`;
    const { spans, codes } = check(jaeger, text);
    expect(spans.map((s) => [s.startNs, s.endNs])).toEqual([
      [1700000000000000000n, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [1700000000000000000n, 1700000000000000000n + 18446744073709551615000n],
    ]);
    expect(codes).toEqual(['invalid-timestamp', 'invalid-timestamp', 'invalid-timestamp']);
  });

  it('Zipkin: int64 microseconds', () => {
    const span = (id: string, ts: string, duration: string): string => `{"traceId":"5af7183fb1d4cf5f","id":"${id}","name":"op","timestamp":${ts},"duration":${duration}}`;
    const text = `[${span('1', '1700000000000000', '1e300')},${span('2', '"9223372036854775808"', '10')},${span('3', '"9223372036854775807"', '1')}]`;
    const { spans, codes } = check(zipkin, text);
    expect(spans.map((s) => [s.startNs, s.endNs])).toEqual([
      [1700000000000000000n, undefined],
      [undefined, undefined],
      [9223372036854775807000n, 9223372036854775808000n],
    ]);
    expect(codes).toEqual(['invalid-timestamp', 'invalid-timestamp']);
  });
});
