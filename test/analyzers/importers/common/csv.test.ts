import { describe, expect, it } from 'vitest';
import { CsvReader, detectDelimiter, excelSepLine } from '../../../../analyzers/importers/common/csv.js';
import { sniffCsvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { sniffCsvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { sniffCsvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import { makeSniffInput } from '../../../../analyzers/importers/sniff.js';

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

  it('reports a record that ends inside a quoted field (a file cut inside a message over several lines)', () => {
    const { rows, bad } = read('a,b\n1,"open\n  at frame one\n  at frame two\n', 5);
    expect(rows).toEqual([]);
    expect(bad).toEqual([[2, 'input ends inside a quoted field']]);
  });

  it('a stray quote that never closes costs its own line, not the rows after it', () => {
    // `"` at the start of a field opens a quoted field to the end of the file: the rows it swallowed
    // are read again, one bad line reported
    const { rows, bad } = read('a,b\n1,"open\n2,x\n3,y\n', 5);
    expect(rows).toEqual([
      [['2', 'x'], 3],
      [['3', 'y'], 4],
    ]);
    expect(bad.map(([line, message]) => [line, String(message).startsWith('input ends inside a quoted field (a quote opened on this line')])).toEqual([[2, true]]);
  });

  it('a quoted field of more than 100,000 lines is taken as an unbalanced quote (held lines cost memory each)', () => {
    const text = 'a,b\n1,"' + 'x,y\n'.repeat(100_002) + 'z"\n';
    const { rows, bad } = read(text, 65536);
    expect(bad[0]).toEqual([2, 'a quoted field opened on this line runs past 100,000 lines: the quote is taken as unbalanced; the lines after it are read as records']);
    // the lines it held are rows again
    expect(rows.length).toBeGreaterThanOrEqual(100_000);
    expect(rows[0]).toEqual([['x', 'y'], 3]);
  });

  it('a quote inside an unquoted field is a literal: it does not open a quoted field (RFC 4180 leniency, as papaparse)', () => {
    // 1,000 rows; rows 100 and 900 carry `27"` / `55"` mid-field. Counting every quote joined the
    // lines between them into one record (800 rows lost); only a quote at a field's start opens one.
    const rows = Array.from({ length: 1000 }, (_, i) => `t${i},info,${i === 99 ? 'monitor 27" model' : i === 899 ? 'tv 55" model' : `hello ${i}`}`);
    const text = 'time,level,message\n' + rows.join('\n') + '\n';
    for (const chunk of [1, 7, 4096, text.length]) {
      const r = read(text, chunk);
      expect(r.bad).toEqual([]);
      expect(r.rows.length).toBe(1000);
      expect(r.rows[99]).toEqual([['t99', 'info', 'monitor 27" model'], 101]);
      expect(r.rows[899]).toEqual([['t899', 'info', 'tv 55" model'], 901]);
    }
  });

  it('a quote at the start of a field opens a quoted field; after its closing quote the field is literal text', () => {
    const { rows, bad } = read('a,b,c\n"x ""y""",z"w,"p\nq"\n1,"2",3\n', 3);
    expect(bad).toEqual([]);
    expect(rows.map(([f, l]) => [f.length, f[0], l])).toEqual([
      [3, 'x "y"', 2],
      [3, '1', 4],
    ]);
    expect(rows[0]![0]).toEqual(['x "y"', 'z"w', 'p\nq']);
  });

  it("a header whose quote never closes is the header, its quotes read as text (not: no header, or row 2 as the header)", () => {
    // `"time,cpu,mem` then 3 rows: by hand, the header is time/cpu/mem, the 3 rows are rows, one note
    const text = '"time,cpu,mem\n1,2,3\n4,5,6\n7,8,9\n';
    for (const chunk of [1, 7, 4096]) {
      const notes: [number, string][] = [];
      let header: string[] = [];
      const rows: [string[], number][] = [];
      const bad: number[] = [];
      const r = new CsvReader({ header: (h) => (header = h), row: (f, l) => rows.push([f, l]), bad: (l) => bad.push(l), note: (l, _o, m) => notes.push([l, m]) });
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk));
      r.end();
      expect(header).toEqual(['time', 'cpu', 'mem']);
      expect(rows).toEqual([[['1', '2', '3'], 2], [['4', '5', '6'], 3], [['7', '8', '9'], 4]]);
      expect(bad).toEqual([]);
      expect(notes.map(([l, m]) => [l, m.startsWith('the header has a quote that is never closed')])).toEqual([[1, true]]);
    }
  });

  it('a header whose quote runs past 100,000 lines is the header too (rows after it are rows)', () => {
    const text = '"a,b\n' + '1,2\n'.repeat(100_005);
    const { header, rows, bad } = read(text, 65536);
    expect(header).toEqual(['a', 'b']);
    expect(rows.length).toBe(100_005);
    expect(rows[0]).toEqual([['1', '2'], 2]);
    // without a `note` handler the header's note comes through `bad`
    expect(bad.map(([l]) => l)).toEqual([1]);
  });

  it('the metrics CSV sniffer is not blinded by a quote opened in row 1 that never closes', () => {
    // was 0 (one parse of the window: the quote swallowed every row after it)
    const rows = Array.from({ length: 300 }, (_, i) => `2024-03-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,${i === 0 ? '"5' : i},${i}`);
    const text = 'timestamp,cpu,mem\n' + rows.join('\n') + '\n';
    expect(sniffCsvMetrics(makeSniffInput(new TextEncoder().encode(text), true))).toBe(0.7);
  });

  it('a quote opened by mistake and closed by another stray quote lines later does not make one record of the rows between', () => {
    // row 2 opens a field with `"`; row 7 has a `"` that closes it. By hand: line 2 is bad, lines
    // 3–6 are rows (3 fields each, like the header), line 7 is read again (its quote opens nothing
    // mid-field), line 8 is a row: 6 rows, 1 bad.
    const text = 'time,level,msg\n1,info,"oops\n2,info,b\n3,info,c\n4,info,d\n5,info,e\n6,info,27" model\n7,info,g\n';
    for (const chunk of [1, 7, 4096]) {
      const { rows, bad } = read(text, chunk);
      expect(bad.map(([l, m]) => [l, m.startsWith('a quoted field opened on this line spans lines that are rows')])).toEqual([[2, true]]);
      expect(rows.map(([f, l]) => [f[0], l])).toEqual([['2', 3], ['3', 4], ['4', 5], ['5', 6], ['6', 7], ['7', 8]]);
    }
  });

  it('a message over several lines stays one record (its lines are not rows)', () => {
    const { rows, bad } = read('time,level,msg\n1,error,"boom\n  at a.b(C.java:1)\n  at d.e(F.java:2)\n  at g.h(I.java:3)\nend"\n2,info,ok\n', 7);
    expect(bad).toEqual([]);
    expect(rows.map(([f, l]) => [f[0], l])).toEqual([['1', 2], ['2', 7]]);
  });

  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x;y",b,c')).toBe(',');
  });
});

describe("PowerShell Export-Csv's #TYPE line", () => {
  it('is read past: the header after it is the header, by sniffing too', () => {
    const text = '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n"Message","Id","LevelDisplayName","ProviderName","TimeCreated"\r\n"The service entered the running state.","7036","Information","Service Control Manager","5/1/2024 12:00:00 PM"\r\n';
    const { header, rows } = read(text, 7);
    expect(header).toEqual(['Message', 'Id', 'LevelDisplayName', 'ProviderName', 'TimeCreated']);
    expect(rows.map(([f, l]) => [f[0], l])).toEqual([['The service entered the running state.', 3]]);
    expect(sniffCsvLogs(makeSniffInput(new TextEncoder().encode(text), true))).toBeGreaterThan(0.5);
  });
});

describe("Excel's sep= line", () => {
  it('gives the delimiter and is not the header; rows keep their file lines, in any chunking', () => {
    for (const chunk of [1, 7, 4096]) {
      const r = read('\uFEFFsep=;\r\na;b\r\n1;2\r\n', chunk);
      expect(r.header).toEqual(['a', 'b']);
      expect(r.rows).toEqual([[['1', '2'], 3]]);
      expect(r.bad).toEqual([]);
    }
  });

  it('only as the first line, and only as a whole line', () => {
    expect(excelSepLine('sep=,\nx')).toEqual({ delimiter: ',', rest: 'x' });
    expect(excelSepLine('"sep=\t"\r\nx')).toEqual({ delimiter: '\t', rest: 'x' });
    expect(excelSepLine('sep=,a\nx')).toBeUndefined();
    expect(excelSepLine('a,b\nsep=,\n')).toBeUndefined();
    const r = read('sep,x\n1,2\n', 7);
    expect(r.header).toEqual(['sep', 'x']);
  });

  it('the log and span CSV sniffers look past it', () => {
    const enc = (t: string) => makeSniffInput(new TextEncoder().encode(t), true);
    expect(sniffCsvLogs(enc('sep=,\r\ntimestamp,level,message\r\n2023-11-14T22:13:20Z,INFO,hello\r\n'))).toBeGreaterThan(0);
    expect(sniffCsvSpans(enc('sep=;\ntraceId;spanId;parentSpanId;name;startTime;duration\n4e441824ec2b6a44ffdc9bb9a6453df3;7d6b4d5bd4ff0df8;;root;2023-11-14T22:13:20Z;5ms\n'))).toBe(0.9);
  });
});
