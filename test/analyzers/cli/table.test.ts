// Terminal tables: columns stay aligned with wide (CJK) names, and control characters in a file
// name are shown escaped instead of breaking the row or reaching the terminal.
import { describe, expect, it } from 'vitest';
import { displayWidth, tableChunks } from '../../../analyzers/cli/table.js';
import { inputsTableChunks } from '../../../analyzers/cli/analyze.js';
import type { InputReport, Report } from '../../../analyzers/report/model.js';

function row(path: string, bytes: number): InputReport {
  return { path, sha256: '0'.repeat(64), format: 'text-logs', signal: 'logs', bytes, records: 3, rejected: 0, errorCount: 0, errors: [], detection: { by: 'content', confidence: 1 } };
}

function reportOf(inputs: InputReport[]): Report {
  return { inputs } as Report;
}

/** The table as the CLI writes it: tableChunks' pieces, one after the other. */
function table(headers: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  return [...tableChunks(headers, () => rows, align)].join('');
}

describe('tableChunks', () => {
  it('aligns the inputs table by terminal width, not string length', () => {
    const t = [...inputsTableChunks(reportOf([row('日志/订单.log', 1024), row('plain.log', 22 * 1024)]))].join('');
    const lines = t.trimEnd().split('\n');
    // (the last column, errors, is empty: the rows end at "rejected")
    expect(new Set(lines.slice(2).map((l) => displayWidth(l))).size).toBe(1);
    expect(lines[0]).toBe('input          format     signal     size  records  rejected  errors (first)');
    expect(lines[2]).toBe('日志/订单.log  text-logs  logs     1.0 KB        3         0');
    expect(lines[3]).toBe('plain.log      text-logs  logs    22.0 KB        3         0');
    expect(displayWidth('café')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
  });

  it('escapes newlines and escape sequences in the names of the inputs table', () => {
    const t = [...inputsTableChunks(reportOf([row('a\nb.log', 1), row('\u001b[31mred.log', 1)]))].join('');
    expect(t.split('\n')).toHaveLength(5);
    expect(t).toContain('a\\nb.log');
    expect(t).toContain('\\x1b[31mred.log');
    expect(t).not.toContain('\u001b');
  });

  it('renders 200,000 rows (a folder of that many files) without a spread of them all', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`f${i}.log`, String(i)]);
    const out = table(['input', 'records'], rows);
    expect(out.split('\n')).toHaveLength(200_003);
    expect(out.split('\n')[200_001]).toBe('f199999.log  199999');
  });

  it('comes in pieces of whole lines, making each row as it is written (no table of all rows at once)', () => {
    const made: number[] = [];
    const rows = function* (): Generator<string[]> {
      for (let i = 0; i < 50_000; i++) {
        made.push(i);
        yield [`f${i}.log`, i === 49_999 ? 'wide\tcell' : String(i)];
      }
    };
    const pieces = [...tableChunks(['input', 'records'], rows, ['l', 'r'])];
    // twice through the rows: once for the column widths, once for the lines
    expect(made).toHaveLength(100_000);
    expect(pieces.join('')).toBe(table(['input', 'records'], [...Array.from({ length: 49_999 }, (_, i) => [`f${i}.log`, String(i)]), ['f49999.log', 'wide\tcell']], ['l', 'r']));
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces) {
      expect(p.length).toBeLessThan(65 * 1024);
      expect(p.endsWith('\n')).toBe(true);
    }
    expect(pieces.join('').split('\n')[2]).toBe('f0.log' + ' '.repeat(15) + '0');
  });
});

describe('inputsTableChunks: inputs read as another format than their head showed', () => {
  const readAs = 'OpenMetrics: the input ends with `# EOF`, and nothing in it is only Prometheus 0.0.4 text or breaks an OpenMetrics rule; the two read it alike';
  const om = (path: string): InputReport => ({ ...row(path, 90 * 1024), format: 'openmetrics', signal: 'metrics', detection: { by: 'content', confidence: 0.9, readAs } });

  it('says why under the table, for the first ten, then how many more; names with control characters escaped', () => {
    const t = [...inputsTableChunks(reportOf([om('a\u001b[2J.prom'), row('plain.log', 1)]))].join('');
    expect(t.split('\n').slice(4)).toEqual(['', `a\\x1b[2J.prom (openmetrics): not the format its first 64 KB showed — ${readAs}`, '']);
    expect(t).not.toContain('\u001b');
    const many = [...inputsTableChunks(reportOf(Array.from({ length: 13 }, (_, k) => om(`e${String(k).padStart(2, '0')}.prom`))))].join('').trimEnd().split('\n');
    expect(many.filter((l) => l.endsWith(readAs)).map((l) => l.slice(0, 3))).toEqual(['e00', 'e01', 'e02', 'e03', 'e04', 'e05', 'e06', 'e07', 'e08', 'e09']);
    expect(many.at(-1)).toBe('and 3 more read as another format than their head showed (inputs[].detection.readAs in the JSON report)');
  });

  it('says nothing more when no input was', () => {
    const t = [...inputsTableChunks(reportOf([row('plain.log', 1)]))].join('');
    expect(t).toBe('input      format     signal  size  records  rejected  errors (first)\n─────────  ─────────  ──────  ────  ───────  ────────  ──────────────\nplain.log  text-logs  logs     1 B        3         0\n');
  });
});
