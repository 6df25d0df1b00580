// A file that opens with more whitespace than the sniff window (64 KB of blank lines, a run of
// tabs) is not empty: its format is decided on the content that follows, with line numbers and
// offsets still counted from the start of the file.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import type { Report } from '../../../analyzers/report/model.js';
import { analyseText } from '../../helpers/analyse.js';

function run(bytes: Uint8Array, chunk: number): Report {
  const analysis = new Analysis({ toolVersion: '0.0.0-test' });
  const s = analysis.openInput('input', { totalBytes: bytes.length });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return analysis.finish() as Report;
}

const JAVA = [
  '2024-01-01 10:00:00.123 ERROR [main] c.e.App - failed',
  'java.lang.IllegalStateException: outer',
  '\tat com.e.A.b(A.java:10)',
  '2024-01-01 10:00:01.123 INFO  [main] c.e.App - ok',
].join('\n') + '\n';

describe('a long blank head', () => {
  it('100,000 blank lines, then a log: read as that log (was empty-input), lines counted from the top', () => {
    const bytes = new TextEncoder().encode('\n'.repeat(100_000) + JAVA);
    for (const chunk of [4096, 1 << 16]) {
      const input = run(bytes, chunk).inputs[0]!;
      // 2 records: the ERROR with its 2 trace lines (learned from the log lines, not the blanks), the INFO.
      expect([input.format, input.records, input.errors]).toEqual(['text-logs', 2, []]);
    }
  });

  it('a JSON Lines file after 70 KB of spaces and tabs keeps its line numbers', () => {
    const bytes = new TextEncoder().encode(' \t'.repeat(35_000) + '\n{"level":"info","msg":"a"}\n{"msg": broken\n');
    const input = run(bytes, 1 << 16).inputs[0]!;
    expect([input.format, input.records, input.errors.map((e) => [e.code, e.line])]).toEqual(['jsonl-logs', 1, [['invalid-json', 3]]]);
  });

  it('only whitespace is still empty-input', () => {
    const input = run(new TextEncoder().encode(' '.repeat(200_000)), 1 << 16).inputs[0]!;
    expect(input.errors.map((e) => e.code)).toEqual(['empty-input']);
  });

  it("Excel's `sep=,` line alone is an empty input (a CSV without header or rows), not a one-line text log", () => {
    for (const text of ['sep=,', '\uFEFFsep=;\r\n', 'sep=,\n\n']) {
      const input = run(new TextEncoder().encode(text), 7).inputs[0]!;
      expect([input.records, input.errors.map((e) => e.code)]).toEqual([0, ['empty-input']]);
    }
    // a real first line of a log that happens to start so is not
    expect(run(new TextEncoder().encode('sep=, is the delimiter line\n'), 7).inputs[0]!.records).toBe(1);
  });

  it('the format is sniffed on a whole window of the content after the blanks, in any chunking', () => {
    // Found by fuzzing: the format was sniffed on what the chunk that ended the blanks held, so
    // in 1-byte chunks a Prometheus exposition after 80 KB of blank lines was sniffed on its "#"
    // alone and read as a text log (one record per line). 3 samples, by hand: a counter, a gauge
    // and an untyped series.
    const prom = '# HELP a_total A.\n# TYPE a_total counter\na_total 1\n# HELP b B.\n# TYPE b gauge\nb{x="1"} 2\nc 3\n';
    const bytes = new TextEncoder().encode(' \n'.repeat(40_000) + prom);
    for (const chunk of [1, 7, 4096, 1 << 20]) {
      const input = run(bytes, chunk).inputs[0]!;
      expect([chunk, input.format, input.records, input.errors]).toEqual([chunk, 'prometheus', 3, []]);
    }
  });
});

describe('NUL padding before the first line', () => {
  it('is skipped and named once: what logrotate copytruncate leaves when the writer keeps its offset', () => {
    for (const pad of [4096, 200_000]) {
      const text = '2023-11-14 22:13:20 INFO served request\n'.repeat(1000);
      const bytes = new Uint8Array(pad + text.length);
      bytes.set(new TextEncoder().encode(text), pad);
      const input = analyseText(bytes, 4096, 'app.log');
      expect([input.format, input.records, input.rejected, input.bytes]).toEqual(['text-logs', 1000, 0, bytes.length]);
      expect(input.errors.map((e) => [e.code, e.offset])).toEqual([['binary-data', 0]]);
      expect(input.errors[0]!.message).toContain(`${pad} NUL bytes`);
    }
  });

  it('binary data that starts with NULs stays binary, named once', () => {
    const ints = new Uint8Array(new Int32Array(Array.from({ length: 256 }, (_, i) => i * 3)).buffer);
    expect(analyseText(ints, 64).errors.map((e) => e.code)).toEqual(['binary-data']);
  });
});
