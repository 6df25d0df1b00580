// zipkin2's timestamp and duration are int64 µs: past that range the value is coded and said as
// what it is (a JSON number is read rounded to a double, which the message says).
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../../analyzers/analysis/source.js';

function analyse(text: string) {
  const analysis = new Analysis({ toolVersion: 't' });
  const s = new InputSource(analysis, 'z.json', { totalBytes: text.length });
  s.push(new TextEncoder().encode(text));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => [e.code, e.message]) };
}

const span = (d: string) => `[{"traceId":"0af7651916cd43dd8448eb211c80319c","id":"b7ad6b7169203331","name":"x","timestamp":1700000000000000,"duration":${d},"localEndpoint":{"serviceName":"svc"}}]`;

describe('Zipkin int64 microseconds', () => {
  it('a duration past int64, as a number and as text', () => {
    expect(analyse(span('9223372036854775808'))).toEqual({ format: 'zipkin', records: 1, rejected: 0, errors: [['invalid-timestamp', "duration is past int64's range (zipkin2 reads microseconds as an int64): 9223372036854776000 (as a double)"]] });
    expect(analyse(span('"9223372036854775808"')).errors).toEqual([['invalid-timestamp', 'duration is past int64\'s range (zipkin2 reads microseconds as an int64): "9223372036854775808"']]);
    expect(analyse(span('9223372036854775807')).errors).toEqual([['invalid-timestamp', "duration is past int64's range (zipkin2 reads microseconds as an int64): 9223372036854776000 (as a double)"]]);
    // (int64's max as text is a duration, of a span that ends past any calendar date)
    expect(analyse(span('"9223372036854775807"')).errors.map((e) => e[0])).toEqual(['invalid-timestamp']);
    expect(analyse(span('"9223372036854775807"')).errors[0]![1]).toMatch(/^a time past any calendar date/);
    expect(analyse(span('-1')).errors).toEqual([['invalid-timestamp', 'duration is not a number of microseconds: -1']]);
  });
});
