// `rejected` counts records that were not read. A resource refused whole (more than 100,000
// attributes) costs no span: its spans are read without its attributes and the refusal is a
// notice. A value OTLP's int64 cannot hold (`asInt` past 2^63 − 1) rejects its point, and a
// message says what was there. `"asDouble": null` is, by ProtoJSON's rule (null = not written), a
// point without a value: kept, with a notice.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../../analyzers/analysis/source.js';

function analyse(text: string, chunk = 0) {
  const analysis = new Analysis({ toolVersion: 't' });
  const bytes = new TextEncoder().encode(text);
  const s = new InputSource(analysis, 'in.json', { totalBytes: bytes.length });
  if (chunk === 0) s.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => [e.code, e.message, e.line]) };
}

const span = (i: number) => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: `b7ad6b716920333${i}`, name: `op${i}`, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000000001000' });
const kv = (key: string, v: string) => ({ key, value: { stringValue: v } });

function gauge(point: string): string {
  return `{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[{"timeUnixNano":"1700000000000000000",${point}},{"timeUnixNano":"1700000001000000000","asInt":"7"}]}}]}]}]}`;
}

describe('OTLP: errors on a resource, and int64 values', () => {
  it('a resource of more than 100,000 attributes: its 3 spans are read, 0 rejected, the refusal said', { timeout: 60_000 }, () => {
    const attrs = [kv('service.name', 'svc')];
    for (let i = 0; i < 100_001; i++) attrs.push(kv(`k${i}`, 'v'));
    const doc = JSON.stringify({ resourceSpans: [{ resource: { attributes: attrs }, scopeSpans: [{ scope: { name: 's' }, spans: [span(0), span(1), span(2)] }] }] });
    const r = analyse(doc);
    expect([r.format, r.records, r.rejected]).toEqual(['otlp-json', 3, 0]);
    expect(r.errors).toEqual([
      ['too-many-attributes', 'a JSON value of more than 100,000 members (4 MB): not read, as no record of it could keep more than 1,024 attributes; the resource is read as empty, the records under it are read', 1],
    ]);
  });

  it('the same in Jaeger api_v3 (OTLP traces under `result`): 3 spans, 0 rejected', { timeout: 60_000 }, () => {
    const attrs = [];
    for (let i = 0; i < 100_001; i++) attrs.push(kv(`k${i}`, 'v'));
    const b64 = (s: string) => Buffer.from(s, 'hex').toString('base64');
    const spans = [0, 1, 2].map((i) => ({ ...span(i), traceId: b64('0af7651916cd43dd8448eb211c80319c'), spanId: b64(`b7ad6b716920333${i}`) }));
    const r = analyse(JSON.stringify({ result: { resourceSpans: [{ resource: { attributes: attrs }, scopeSpans: [{ spans }] }] } }));
    expect([r.format, r.records, r.rejected]).toEqual(['jaeger', 3, 0]);
    expect(r.errors).toEqual([['too-many-attributes', 'a JSON value of more than 100,000 members (4 MB): not read, as no record of it could keep more than 1,024 attributes; the resource or scope is read as empty, the records under it are read', 1]]);
  });

  it('a span of more than 100,000 attributes is still 1 rejected (the record itself was not read)', { timeout: 60_000 }, () => {
    const attrs = [];
    for (let i = 0; i < 100_001; i++) attrs.push(kv(`k${i}`, 'v'));
    const doc = JSON.stringify({ resourceSpans: [{ resource: { attributes: [kv('service.name', 'svc')] }, scopeSpans: [{ spans: [{ ...span(0), attributes: attrs }, span(1)] }] }] });
    const r = analyse(doc);
    expect([r.records, r.rejected]).toEqual([1, 1]);
    expect(r.errors.map((e) => e[0])).toEqual(['too-many-attributes']);
  });

  for (const chunk of [0, 1, 7, 4096]) {
    it(`asInt past int64 (string and number) rejects its point, said as what it was; asDouble/asInt null is a point without a value (chunk ${chunk})`, () => {
      // (gauge() writes 2 points: the null one and an asInt 7)
      expect(analyse(gauge('"asDouble":null'), chunk)).toEqual({ format: 'otlp-json', records: 2, rejected: 0, errors: [['invalid-number', 'asDouble of "m" is null: read as not written (ProtoJSON), a point without a value', 1]] });
      expect(analyse(gauge('"asInt":null'), chunk)).toEqual({ format: 'otlp-json', records: 2, rejected: 0, errors: [['invalid-number', 'asInt of "m" is null: read as not written (ProtoJSON), a point without a value', 1]] });
      // a null beside a value: the value is read, nothing said
      expect(analyse(gauge('"asDouble":null,"asInt":3'), chunk)).toEqual({ format: 'otlp-json', records: 2, rejected: 0, errors: [] });
      // pretty-printed (the streamed document reader): the same
      expect(analyse(JSON.stringify(JSON.parse(gauge('"asDouble":null')), null, 1), chunk).records).toBe(2);
      const past = [['invalid-number', 'asInt of "m" is past int64\'s range (−2^63 to 2^63−1): "9223372036854775808"', 1]];
      expect(analyse(gauge('"asInt":"9223372036854775808"'), chunk)).toEqual({ format: 'otlp-json', records: 1, rejected: 1, errors: past });
      expect(analyse(gauge('"asInt":9223372036854775808'), chunk)).toEqual({ format: 'otlp-json', records: 1, rejected: 1, errors: past });
      expect(analyse(gauge('"asInt":"-9223372036854775809"'), chunk).errors).toEqual([['invalid-number', 'asInt of "m" is past int64\'s range (−2^63 to 2^63−1): "-9223372036854775809"', 1]]);
    });
  }

  for (const chunk of [0, 1, 4096]) {
    it(`an attribute intValue past int64 is kept as text, with a notice that costs nothing (chunk ${chunk})`, () => {
      const sp = (i: number, v: string) => ({ ...span(i), attributes: [{ key: 'n', value: { intValue: v } }] });
      const doc = (v: string) => `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}},{"key":"big","value":{"intValue":${v}}}]},"scopeSpans":[{"spans":[${JSON.stringify(sp(0, '99999999999999999999'))},${JSON.stringify(sp(1, '9223372036854775807'))}]}]}]}`;
      // (as a JSON number, 2^63 in a resource reads as a double, which int64's max rounds to: let through)
      for (const v of ['"9223372036854775808"', '"+9223372036854775808"']) {
        expect(analyse(doc(v), chunk)).toEqual({
          format: 'otlp-json',
          records: 2,
          rejected: 0,
          errors: [
            ['invalid-number', `a resource attribute intValue past int64's range (−2^63 to 2^63−1), kept as text: ${v}`, 1],
            ['invalid-number', 'a span attribute intValue past int64\'s range (−2^63 to 2^63−1), kept as text: "99999999999999999999"', 1],
          ],
        });
      }
    });
  }

  for (const chunk of [0, 1, 7, 4096]) {
    for (const pretty of [false, true]) {
      it(`a JSON number intValue of 2^63 or more in a resource or a span is kept as text with a notice; int64's max is a value (chunk ${chunk}, ${pretty ? 'pretty-printed' : 'one line'})`, () => {
        // JSON.parse reads 9223372036854775807 (int64 max) and 9223372036854775808 alike as 2^63:
        // only the text tells them apart. Expected notices written by hand from the OTLP int64 range.
        const doc = (v: string) => {
          const d = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}},{"key":"big","value":{"intValue":${v}}}]},"scopeSpans":[{"spans":[${JSON.stringify(span(0)).slice(0, -1)},"attributes":[{"key":"n","value":{"intValue":${v}}}]}]}]}]}`;
          return pretty ? d.replace(/,"/g, ',\n "') : d;
        };
        for (const v of ['9223372036854775808', '18446744073709551616']) {
          expect(analyse(doc(v), chunk)).toEqual({
            format: 'otlp-json',
            records: 1,
            rejected: 0,
            errors: [
              ['invalid-number', `a resource attribute intValue past int64's range (−2^63 to 2^63−1), kept as text: "${v}"`, 1],
              ['invalid-number', `a span attribute intValue past int64's range (−2^63 to 2^63−1), kept as text: "${v}"`, pretty ? 4 : 1],
            ],
          });
        }
        expect(analyse(doc('9223372036854775807'), chunk).errors).toEqual([]);
      });
    }
  }

  it('int64 bounds themselves are values', () => {
    for (const v of ['"9223372036854775807"', '"-9223372036854775808"', '"+12"', '-5']) {
      expect(analyse(gauge(`"asInt":${v}`))).toEqual({ format: 'otlp-json', records: 2, rejected: 0, errors: [] });
    }
  });
});

describe('OTLP: a JSON number beyond a double (1e400)', () => {
  // JSON.parse reads 1e400 as Infinity; ProtoJSON readers (Go's protojson, the Collector's) refuse
  // it as out of range. The point is rejected, said as what it is; the string "Infinity" is +Inf.
  for (const chunk of [0, 7]) {
    it(`asDouble 1e400 and asInt 1e400 reject their point; "Infinity" is a value (chunk ${chunk})`, () => {
      expect(analyse(gauge('"asDouble":1e400'), chunk)).toEqual({ format: 'otlp-json', records: 1, rejected: 1, errors: [['invalid-number', 'value of "m" is a JSON number beyond a double\'s range (read as Infinity); write "Infinity" if that is meant', 1]] });
      expect(analyse(gauge('"asInt":1e400'), chunk).errors).toEqual([['invalid-number', 'asInt of "m" is past int64\'s range (−2^63 to 2^63−1): Infinity', 1]]);
      expect(analyse(gauge('"asDouble":"Infinity"'), chunk)).toEqual({ format: 'otlp-json', records: 2, rejected: 0, errors: [] });
    });
  }
});
