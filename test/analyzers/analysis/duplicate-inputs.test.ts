// The same export given twice (dropped twice, a copy in another folder): its records are counted
// twice, and the report says so on the copy, by the bytes' sha256.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { InputSource } from '../../../analyzers/analysis/source.js';
import type { Report } from '../../../analyzers/report/model.js';
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

describe('a compressed copy of an input', () => {
  const content = '# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n';

  /** Reads files as the adapters do: a .gz inflated in the core (as on a pipe or in an archive), a plain file as is. */
  function run(files: [string, Uint8Array][], chunk = 1 << 20): Report {
    const analysis = new Analysis({ toolVersion: '0.0.0-test' });
    for (const [name, bytes] of files) {
      const src = new InputSource(analysis, name, { totalBytes: bytes.length, gzipInCore: true });
      for (let i = 0; i < bytes.length; i += chunk) src.push(bytes.subarray(i, i + chunk));
      src.end();
    }
    return analysis.finish() as Report;
  }
  const plain = new TextEncoder().encode(content);
  const gz = new Uint8Array(gzipSync(plain));
  const gz9 = new Uint8Array(gzipSync(plain, { level: 1, memLevel: 1 }));

  it('is marked by the sha256 of its inflated content, naming the input it repeats', () => {
    for (const chunk of [1, 7, 4096]) {
      const report = run([['m/up.prom', plain], ['m/up.prom.gz', gz], ['n/up.prom.gz', gz9], ['o/other.prom.gz', new Uint8Array(gzipSync(content.replace(' 0', ' 1')))]], chunk);
      const rows = report.inputs.map((i) => [i.path, i.container ?? '', i.records, i.errors.map((e) => [e.code, e.message])]);
      expect(rows).toEqual([
        ['m/up.prom', '', 2, []],
        ['m/up.prom.gz', 'gzip', 2, [['duplicate-input', 'the same content as m/up.prom (equal sha256 of the content as read: inflated from gzip here, uncompressed there): its 2 records are counted a second time']]],
        ['n/up.prom.gz', 'gzip', 2, [['duplicate-input', 'the same content as m/up.prom (equal sha256 of the content as read: inflated from gzip here, uncompressed there): its 2 records are counted a second time']]],
        ['o/other.prom.gz', 'gzip', 2, []],
      ]);
      const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
      expect(report.inputs.map((i) => [i.sha256, i.contentSha256])).toEqual([
        [sha(plain), undefined],
        [sha(gz), sha(plain)],
        [sha(gz9), sha(plain)],
        [report.inputs[3]!.sha256, sha(new TextEncoder().encode(content.replace(' 0', ' 1')))],
      ]);
    }
  });

  it('two compressed copies of one content: the later is marked, said as such', () => {
    const report = run([['a.prom.gz', gz], ['b.prom.gz', gz9]]);
    expect(report.inputs[1]!.errors).toEqual([{ code: 'duplicate-input', message: 'the same content as a.prom.gz (equal sha256 of the content as read: inflated from gzip here, from gzip there): its 2 records are counted a second time' }]);
    expect(report.inputs[0]!.errors).toEqual([]);
  });
});
