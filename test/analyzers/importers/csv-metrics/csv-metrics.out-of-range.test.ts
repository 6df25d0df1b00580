// A value cell beyond a double's range (`1e400`) is refused with a coded error naming its line and
// column, as the Prometheus text reader refuses it; `+Inf`, `Inf`, `Infinity`, `NaN` spelled so stay values.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

// Expectations by hand: the largest double is ≈1.7977e308 (IEEE 754 binary64), so 1e400, -1e400,
// a 400-digit integer and 1e306 scaled by Grafana's `Tri` (×1e12 = 1e318) are all past it; 1e308
// is inside. Lines are counted from the header (line 1).
describe('csv-metrics: values beyond a double', () => {
  it('wide CSV: the cell is refused (invalid-number at its line, naming its column); the row\'s other cells are read', () => {
    const text = ['time,cpu,mem', '1700000000,1e400,5', '1700000060,0.5,-1e400', '1700000120,+Inf,NaN', '1700000180,Inf,1e308', `1700000240,${'9'.repeat(400)},1`].join('\n') + '\n';
    const r = decodeText(csvMetrics, text);
    // cells: 10 in 5 rows; refused: 1e400 (line 2, col 2), -1e400 (line 3, col 3), 400 nines (line 6, col 2)
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-number', 2], ['invalid-number', 3], ['invalid-number', 6]]);
    expect(r.errors[0]!.message).toContain('column 2 ("cpu")');
    expect(r.errors[0]!.message).toContain('"1e400"');
    expect(r.errors[1]!.message).toContain('column 3 ("mem")');
    expect(r.progress.rejected).toBe(3);
    const values = points(r).map((p) => [p.name, p.value]);
    expect(values).toEqual([['mem', 5], ['cpu', 0.5], ['cpu', Infinity], ['mem', NaN], ['cpu', Infinity], ['mem', 1e308], ['mem', 1]]);
  });

  it('long CSV: the row is refused with the value column named', () => {
    const text = ['time,name,value', '1700000000,a,1', '1700000060,a,1e400', '1700000120,a,infinity', '1700000180,a,-inf'].join('\n') + '\n';
    const r = decodeText(csvMetrics, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-number', 3]]);
    expect(r.errors[0]!.message).toContain('column 3 ("value")');
    expect(points(r).map((p) => p.value)).toEqual([1, Infinity, -Infinity]);
  });

  it('a quantity scaled past the range by its unit (`1e306 Tri`) is refused too; a finite one is read', () => {
    const text = ['time,requests', '1700000000,1.5 K', '1700000060,1e306 Tri'].join('\n') + '\n';
    const r = decodeText(csvMetrics, text);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-number', 3]]);
    expect(points(r).map((p) => p.value)).toEqual([1500]);
  });

  it('gives the same records and errors in 1-, 7- and 4096-byte chunks', () => {
    const text = ['time,cpu,mem', '1700000000,1e400,5', '1700000060,0.5,-1e400', '1700000120,+Inf,NaN'].join('\n') + '\n';
    const whole = fingerprint(decodeText(csvMetrics, text));
    for (const size of CHUNK_SIZES) expect(fingerprint(decodeText(csvMetrics, text, size))).toBe(whole);
  });
});
