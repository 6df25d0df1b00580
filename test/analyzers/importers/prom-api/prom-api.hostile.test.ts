// Hostile JSON: coded errors, never a throw, bounded memory.
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { MAX_LINE_BYTES } from '../../../../analyzers/importers/types.js';
import { readData } from '../prometheus/metrics-test-helpers.js';

const enc = new TextEncoder();
const codes = (bytes: Uint8Array, chunk?: number) => decodeBytes(promApi, bytes, 'x', chunk).errors.map((e) => e.code);

describe('prom-api hostile inputs', () => {
  it('empty and whitespace-only input → empty-input', () => {
    expect(codes(new Uint8Array(0))).toEqual(['empty-input']);
    expect(codes(enc.encode('  \n '))).toEqual(['empty-input']);
  });

  it('truncated JSON → truncated, the complete series before the cut are kept', () => {
    const full = new TextDecoder().decode(readData('prometheus-api-json/jaeger/service_span_name_datapoint_response.json'));
    const cut = full.slice(0, full.lastIndexOf(']') - 5);
    const r = decodeBytes(promApi, enc.encode(cut), 'cut.json');
    expect(r.errors.map((e) => e.code)).toEqual(['truncated']);
  });

  it('binary junk → one binary-data error, in any chunking', () => {
    const junk = new Uint8Array(100_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 251;
    expect(codes(junk, 4096)).toEqual(['binary-data']);
    expect(codes(junk, 7)).toEqual(['binary-data']);
  });

  it('text that is not JSON → invalid-json', () => {
    expect(codes(enc.encode('hello world\nthis is not json\n'))).toContain('invalid-json');
  });

  it('wrong types: data a string, result an object', () => {
    expect(codes(enc.encode('{"status":"success","data":"x"}'))).toContain('wrong-type');
    expect(codes(enc.encode('{"status":"success","data":{"resultType":"matrix","result":{"a":1}}}'))).toContain('wrong-type');
  });

  it('100,000-deep nesting inside a series → too-deep, no stack overflow', () => {
    const deep = '{"status":"success","data":{"resultType":"matrix","result":[{"metric":' + '['.repeat(100_000) + ']'.repeat(100_000) + ',"values":[]}]}}';
    expect(codes(enc.encode(deep))).toContain('too-deep');
  });

  it('one 300 MB series → line-too-long with memory bounded by the value cap', () => {
    const records: unknown[] = [];
    const errors: { code: string }[] = [];
    const d = promApi.create({ file: 'huge.json', sink: { record: (r) => records.push(r), error: (e) => errors.push(e) } });
    d.push(enc.encode('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"big"},"values":['));
    const pair = enc.encode('[1700000000,"1"],'.repeat(1 << 19)); // ≈ 8.9 MB
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 34; i++) {
      d.push(pair);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    d.push(enc.encode('[1,"1"]]},{"metric":{"__name__":"small"},"values":[[1,"2"]]}]}}'));
    d.end();
    expect(errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(records).toHaveLength(1); // the small series after the huge one is still read
    expect(peak).toBeLessThan(MAX_LINE_BYTES + (32 << 20));
  });
});
