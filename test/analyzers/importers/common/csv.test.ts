import { describe, expect, it } from 'vitest';
import { CsvReader, detectDelimiter } from '../../../../analyzers/importers/common/csv.js';

function read(text: string, chunk: number) {
  const rows: [string[], number][] = [];
  const bad: [number, string][] = [];
  let header: string[] = [];
  const r = new CsvReader({ header: (h) => (header = h), row: (f, l) => rows.push([f, l]), bad: (l, _o, m) => bad.push([l, m]) });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk));
  r.end();
  return { header, rows, bad };
}

describe('CsvReader', () => {
  const text = '\uFEFFtime,msg,level\r\n1,"hello, world",INFO\r\n2,"multi\nline ""quoted""\nfield",ERROR\r\n\r\n3,plain,WARN\r\n';

  it('reads quoted multi-line fields and gives each record its first line', () => {
    const { header, rows, bad } = read(text, text.length);
    expect(header).toEqual(['time', 'msg', 'level']);
    expect(rows).toEqual([
      [['1', 'hello, world', 'INFO'], 2],
      [['2', 'multi\nline "quoted"\nfield', 'ERROR'], 3],
      [['3', 'plain', 'WARN'], 7],
    ]);
    expect(bad).toEqual([]);
  });

  it.each([1, 7, 4096])('is chunking-invariant (%i-byte chunks)', (n) => {
    expect(read(text, n)).toEqual(read(text, text.length));
  });

  it('reports a record that ends inside a quoted field', () => {
    const { rows, bad } = read('a,b\n1,"open\n2,x\n', 5);
    expect(rows).toEqual([]);
    expect(bad).toEqual([[2, 'input ends inside a quoted field']]);
  });

  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x;y",b,c')).toBe(',');
  });
});
