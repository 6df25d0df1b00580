// An ended input keeps only its report row, and that row compact (compactRow): the same fields and
// values, every field in the object itself, one shared detection per method and confidence, no
// error list of its own without errors. A folder or archive of 200,000 small files keeps 200,000
// of these rows to the end of the run.
import { describe, expect, it } from 'vitest';
import { Analysis, NO_ERRORS, compactRow } from '../../../analyzers/analysis/analysis.js';
import { createNodeSha256 } from '../../../analyzers/node/read-inputs.js';
import { collectGarbage } from '../../../analyzers/node/gc.js';
import type { InputReport } from '../../../analyzers/report/model.js';

const enc = new TextEncoder();

function analysis(): Analysis {
  return new Analysis({ toolVersion: '0.0.0-test', createHasher: createNodeSha256 });
}

function read(a: Analysis, path: string, text: string, opts: { container?: 'gzip' } = {}): InputReport {
  const s = a.openInput(path, opts);
  s.push(enc.encode(text));
  return s.end();
}

describe('compact rows of ended inputs', () => {
  it('keeps every field and value of the row', () => {
    const full: InputReport = {
      path: 'a.zip/x.log',
      sha256: 'ab'.repeat(32),
      format: 'text-logs',
      signal: 'logs',
      bytes: 5_000_000_000,
      records: 12,
      rejected: 1,
      errorCount: 250,
      errors: [{ code: 'invalid-line', message: 'm', line: 3, offset: 40 }, { code: 'truncated', message: 'n', offset: 9 }, { code: 'empty-input', message: 'o' }, { code: 'invalid-json', message: 'p', line: 7 }],
      detection: { by: 'content', confidence: 0.73 },
      encoding: 'windows-1252',
      container: 'gzip',
      archive: 'a.zip',
    };
    const copy = structuredClone(full);
    const row = compactRow(full);
    expect(row).toEqual(copy);
    expect(Object.keys(row).sort()).toEqual(Object.keys(copy).sort());
    expect(row.errors.map((e) => Object.keys(e))).toEqual([['code', 'message', 'line', 'offset'], ['code', 'message', 'offset'], ['code', 'message'], ['code', 'message', 'line']]);
    const { encoding: _e, container: _c, archive: _a, ...plain } = copy;
    expect(compactRow({ ...plain, errors: [] })).toEqual({ ...plain, errors: [] });
    expect(compactRow({ ...plain, archive: 'a.zip' })).toEqual({ ...plain, archive: 'a.zip' });
    expect(compactRow({ ...plain, container: 'zstd' })).toEqual({ ...plain, container: 'zstd' });
  });

  it('an ended input keeps its compact row: the report holds it, errors and detections are shared where they can be', () => {
    const a = analysis();
    const one = read(a, 'one.jsonl', '{"level":"info","msg":"a"}\n');
    const two = read(a, 'two.jsonl', '{"level":"warn","msg":"b"}\n');
    const bad = read(a, 'bad.jsonl', '{"level":"info","msg":"c"}\n{"msg":\n');
    const empty = read(a, 'empty.jsonl', '');
    const gz = read(a, 'three.jsonl', '{"level":"info","msg":"d"}\n', { container: 'gzip' });
    expect(one.errors).toBe(NO_ERRORS);
    expect(two.errors).toBe(NO_ERRORS);
    expect(Object.isFrozen(NO_ERRORS) && NO_ERRORS.length === 0).toBe(true);
    expect(one.detection).toBe(two.detection);
    expect(gz.detection).toBe(one.detection);
    expect(Object.isFrozen(one.detection)).toBe(true);
    expect(bad.errors).not.toBe(NO_ERRORS);
    expect(bad.errorCount).toBe(1);
    expect(bad.errors).toEqual([{ code: 'invalid-json', message: expect.any(String), line: 2, offset: 27 }]);
    expect(empty.errors).toEqual([{ code: 'empty-input', message: 'the input is empty', offset: 0 }]);
    expect(gz.container).toBe('gzip');
    // the report is made of these very rows (sorted by path)
    const report = a.finish('2024-01-01T00:00:00.000Z');
    expect(report.inputs.map((i) => i.path)).toEqual(['bad.jsonl', 'empty.jsonl', 'one.jsonl', 'three.jsonl', 'two.jsonl']);
    expect(report.inputs[2]).toBe(one);
    expect(report.inputs[4]).toBe(two);
    expect(one).toEqual({ path: 'one.jsonl', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), format: 'jsonl-logs', signal: 'logs', bytes: 27, records: 1, rejected: 0, errorCount: 0, errors: [], detection: { by: 'content', confidence: one.detection.confidence } });
  });

  it('an error told after the end goes to the row, not to the list the rows share', () => {
    const a = analysis();
    const s = a.openInput('late.jsonl');
    s.push(enc.encode('{"level":"info","msg":"a"}\n'));
    const other = read(a, 'other.jsonl', '{"level":"info","msg":"b"}\n');
    s.end();
    expect(s.report.errors).toBe(NO_ERRORS);
    s.fail('read-failed', 'cannot read: EIO', 27);
    expect(s.report.errors).toEqual([{ code: 'read-failed', message: 'cannot read: EIO', offset: 27 }]);
    expect(s.report.errorCount).toBe(1);
    expect(NO_ERRORS).toHaveLength(0);
    expect(other.errors).toHaveLength(0);
    expect(a.finish('2024-01-01T00:00:00.000Z').inputs.find((i) => i.path === 'late.jsonl')!.errors).toHaveLength(1);
  });

  it('50,000 ended inputs keep less than 340 bytes each: their rows, paths and hashes (the rows as built kept ~370)', () => {
    // Measured live after full collections: ~263 bytes an input with compact rows, 370-377 before
    // (a detection object, an empty error list and a boxed confidence of its own for every row).
    // The measure varies: 255-285 bytes run alone, 315 once in a full run on a loaded machine.
    const a = analysis();
    const retained = (): number => {
      collectGarbage();
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    // (one in ten with a bad line; the same records everywhere, so that only the rows add up)
    const text = (i: number): string => (i % 10 === 7 ? '{"msg":"m",\n' : '{"level":"info","msg":"m"}\n');
    // (warm up: code, shared detections, the collectors)
    for (let i = 0; i < 2000; i++) read(a, `warm/f${String(i).padStart(6, '0')}.jsonl`, text(i));
    const before = retained();
    const N = 50_000;
    for (let i = 0; i < N; i++) read(a, `logs/f${String(i).padStart(6, '0')}.jsonl`, text(i));
    const perInput = (retained() - before) / N;
    expect(perInput).toBeLessThan(340);
    expect(a.inputs()).toHaveLength(N + 2000);
  }, 300_000);
});
