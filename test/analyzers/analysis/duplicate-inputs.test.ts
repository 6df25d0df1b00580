// The same export given twice (dropped twice, a copy in another folder): its records are counted
// twice, and the report says so on the copy, by the bytes' sha256.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const log = '{"level":"info","msg":"a","service":"api"}\n{"level":"warn","msg":"b","service":"api"}\n';

describe('inputs with the same bytes', () => {
  it('the later copies carry a duplicate-input error naming the first; the first and other inputs none', () => {
    const report = analyseInputs([['b/app.jsonl', log], ['a/app.jsonl', log], ['c/other.jsonl', log.replace('"a"', '"c"')], ['d/app.jsonl', log]]);
    const rows = report.inputs.map((i) => [i.path, i.records, i.errors.map((e) => [e.code, e.message])]);
    expect(rows).toEqual([
      ['a/app.jsonl', 2, []],
      ['b/app.jsonl', 2, [['duplicate-input', 'the same bytes as a/app.jsonl (equal sha256): its 2 records are counted a second time']]],
      ['c/other.jsonl', 2, []],
      ['d/app.jsonl', 2, [['duplicate-input', 'the same bytes as a/app.jsonl (equal sha256): its 2 records are counted a second time']]],
    ]);
    expect(report.inputs.map((i) => i.errorCount)).toEqual([0, 1, 0, 1]);
  });

  it('empty or unreadable copies are not marked (nothing is counted twice)', () => {
    const report = analyseInputs([['a.log', ''], ['b.log', '']]);
    expect(report.inputs.flatMap((i) => i.errors.map((e) => e.code))).toEqual(['empty-input', 'empty-input']);
  });
});
