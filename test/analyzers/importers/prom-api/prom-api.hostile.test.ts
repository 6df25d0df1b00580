// Hostile JSON: coded errors, never a throw, bounded memory.
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { MAX_HELD } from '../../../../analyzers/importers/prom-api/decoder.js';
import { promApi } from '../../../../analyzers/importers/prom-api/index.js';
import { MAX_LINE_BYTES } from '../../../../analyzers/importers/types.js';
import type { MetricPoint } from '../../../../analyzers/model/index.js';
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

  it('one series longer than MAX_LINE_BYTES is read point by point, memory bounded', () => {
    // Each pair is read on its own, so a series of any size costs one pair of memory (it used to
    // be captured whole, and one over the cap was skipped with line-too-long, every point lost).
    // Expected by construction: 8 × 2^19 pairs + the last [1,"1"] + 1 point of the small series.
    let n = 0;
    let last: MetricPoint | undefined;
    const errors: { code: string }[] = [];
    const d = promApi.create({ file: 'huge.json', sink: { record: (r) => { n++; last = r as MetricPoint; }, error: (e) => errors.push(e) } });
    d.push(enc.encode('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"big"},"values":['));
    const pair = enc.encode('[1700000000,"1"],'.repeat(1 << 19)); // ≈ 8.9 MB
    d.push(pair); // (the binary-content check copies the first bytes: measured from here on)
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 1; i < 8; i++) {
      d.push(pair);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    expect(8 * pair.length).toBeGreaterThan(MAX_LINE_BYTES);
    d.push(enc.encode('[1,"1"]]},{"metric":{"__name__":"small"},"values":[[1,"2"]]}]}}'));
    d.end();
    expect(errors).toEqual([]);
    expect(n).toBe(8 * (1 << 19) + 2);
    expect(last).toMatchObject({ name: 'small', value: 2 }); // the small series after the huge one is still read
    expect(peak).toBeLessThan(16 << 20);
  });

  it(`points before "metric" are held up to ${MAX_HELD} per series; the rest are rejected, not held`, () => {
    // Expected by construction: 150,000 pairs come before "metric": the first MAX_HELD (100,000)
    // are held and read once "metric" names them, the other 50,000 are one line-too-long error.
    const pairs = Array.from({ length: 150_000 }, (_, i) => `[${1700000000 + i},"${i}"]`).join(',');
    const text = `{"data":{"result":[{"values":[${pairs}],"metric":{"__name__":"late"}},{"metric":{"__name__":"next"},"values":[[1,"1"]]}],"resultType":"matrix"},"status":"success"}`;
    const r = decodeBytes(promApi, enc.encode(text), 'held.json', 4096);
    expect(r.records).toHaveLength(MAX_HELD + 1);
    expect(r.records[0]).toMatchObject({ name: 'late', value: 0 });
    expect(r.records[MAX_HELD - 1]).toMatchObject({ name: 'late', value: MAX_HELD - 1 });
    expect(r.records[MAX_HELD]).toMatchObject({ name: 'next', value: 1 });
    expect(r.errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(r.errors[0]!.message).toContain('50000 data points');
    expect(r.progress.rejected).toBe(50_000);
  });
});
