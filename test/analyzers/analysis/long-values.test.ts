// Values no exporter writes, in the places a message quotes: a 300 KB token, a number past a
// double's range. The record is rejected with its code; the message quotes the start of the
// value (no report grows by the size of the bad value) and never says `null` for `1e400`.
import { describe, expect, it } from 'vitest';
import { Analysis, MAX_MESSAGE_CHARS, boundedMessage } from '../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../analyzers/analysis/source.js';

function analyse(path: string, text: string) {
  const analysis = new Analysis({ toolVersion: 't' });
  const s = new InputSource(analysis, path, { totalBytes: text.length });
  s.push(new TextEncoder().encode(text));
  s.end();
  const i = analysis.finish().inputs[0]!;
  return { format: i.format, records: i.records, rejected: i.rejected, errors: i.errors.map((e) => [e.code, e.message]) };
}

const LONG = 'x'.repeat(300_000);
const DIGITS = '9'.repeat(300_000);

describe('long and out-of-range values in messages', () => {
  it('boundedMessage keeps MAX_MESSAGE_CHARS and says how much it left out', () => {
    expect(boundedMessage('short')).toBe('short');
    expect(boundedMessage('a'.repeat(MAX_MESSAGE_CHARS + 5))).toBe(`${'a'.repeat(MAX_MESSAGE_CHARS)}… (5 more characters)`);
  });

  it('Prometheus text: a 300 KB value, timestamp and type quoted by their first 80 characters', () => {
    const r = analyse('m.prom', `m{a="b"} ${LONG}\nm{a="c"} 1 ${DIGITS}\n# TYPE n ${LONG}\nn 1\n`);
    expect(r.format).toBe('prometheus');
    expect([r.records, r.rejected]).toEqual([1, 2]);
    expect(r.errors).toEqual([
      ['invalid-number', `sample value "${'x'.repeat(80)}…" is not a number`],
      ['invalid-timestamp', `timestamp "${'9'.repeat(80)}…" is not an integer number of milliseconds (int64)`],
      ['invalid-line', `unknown metric type "${'x'.repeat(80)}…"`],
    ]);
  });

  it('Prometheus query API: a 300 KB time or value, and 1e400, said as what they are', () => {
    const r = analyse('q.json', `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"m"},"values":[["${LONG}","1"],[1700000000,"${LONG}"],[1e400,"1"],[1700000001,1e400],[1700000002,"1"]]}]}}`);
    // (a value given as a JSON number past the range is +Inf, a value Prometheus has: read)
    expect([r.format, r.records, r.rejected]).toEqual(['prom-api', 2, 3]);
    expect(r.errors).toEqual([
      ['invalid-timestamp', `sample time "${'x'.repeat(80)}" is not unix seconds`],
      ['invalid-number', `sample value "${'x'.repeat(80)}" is not a number`],
      ['invalid-timestamp', "sample time a number beyond a double's range (Infinity) is not unix seconds"],
    ]);
  });
});
