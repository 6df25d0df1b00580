// Terminal tables: columns stay aligned with wide (CJK) names, and control characters in a file
// name are shown escaped instead of breaking the row or reaching the terminal.
import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from '../../../analyzers/cli/table.js';

describe('renderTable', () => {
  it('aligns columns by terminal width, not string length', () => {
    const t = renderTable(['input', 'size'], [['日志/订单.log', '1 KB'], ['plain.log', '22 KB']], ['l', 'r']);
    const lines = t.trimEnd().split('\n');
    const sizeEnd = lines.map((l) => displayWidth(l));
    expect(new Set(sizeEnd).size).toBe(1);
    expect(lines[2]).toBe('日志/订单.log   1 KB');
    expect(displayWidth('café')).toBe(4);
    expect(displayWidth('cafe\u0301')).toBe(4);
  });

  it('escapes newlines and escape sequences in cells', () => {
    const t = renderTable(['input'], [['a\nb.log'], ['\u001b[31mred.log']]);
    expect(t.split('\n')).toHaveLength(5);
    expect(t).toContain('a\\nb.log');
    expect(t).toContain('\\x1b[31mred.log');
    expect(t).not.toContain('\u001b');
  });

  it('renders 200,000 rows (a folder of that many files) without a spread of them all', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`f${i}.log`, String(i)]);
    const out = renderTable(['input', 'records'], rows);
    expect(out.split('\n')).toHaveLength(200_003);
    expect(out.split('\n')[200_001]).toBe('f199999.log  199999');
  });
});
