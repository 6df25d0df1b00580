// A wide CSV whose header is longer than the 64 KB sniff window: a Grafana "Download CSV" of a
// panel with thousands of series names each column by its whole label set
// (`{__name__="node_cpu_seconds_total", cpu="0", …}`). With no data row in the window the
// sniffer saw nothing and the file was read as one text-log record per row; the cells of the
// header before the cut now decide. Expected counts: rows × series (each cell one point).
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../helpers/analyse.js';

function wideCsv(series: number, rows: number, first = 'Time', extra = ''): string {
  const cols: string[] = [];
  for (let i = 0; i < series; i++) cols.push(`"{__name__=""node_cpu_seconds_total"", cpu=""${i}"", instance=""host-${i % 50}:9100"", job=""node"", mode=""idle""${extra}}"`);
  let s = `${first},${cols.join(',')}\n`;
  for (let r = 0; r < rows; r++) {
    s += `2024-01-10T12:00:${String(r).padStart(2, '0')}Z`;
    for (let i = 0; i < series; i++) s += ',' + (r + i / 10);
    s += '\n';
  }
  return s;
}

describe('CSV metrics: a header longer than the sniff window', () => {
  it('2,000 series (a 200 KB header) are read as CSV metrics: 3 rows × 2,000 points', () => {
    const text = wideCsv(2000, 3);
    expect(text.indexOf('\n')).toBeGreaterThan(64 * 1024);
    for (const chunk of [undefined, 4096]) {
      const input = analyseText(text, chunk);
      expect([input.format, input.records, input.rejected]).toEqual(['csv-metrics', 6000, 0]);
    }
  });

  it('a long header without a time column first, or with a log column, is not taken for metrics', () => {
    expect(analyseText(wideCsv(2000, 3, 'host')).format).not.toBe('csv-metrics');
    expect(analyseText(wideCsv(2000, 3, 'Time,level')).format).not.toBe('csv-metrics');
  });
});
