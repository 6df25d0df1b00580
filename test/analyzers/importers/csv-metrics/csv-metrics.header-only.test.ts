// A Grafana panel downloaded with no data in its range is a CSV header alone. It was read as a
// one-record text log ("Series;Time;Value") or unrecognised ("Time","cpu"); it is now a CSV of
// metrics without data rows (0 records, so the CLI says nothing could be read and exits 2).
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../helpers/analyse.js';

const analyse = (text: string) => analyseText(text);

describe('CSV metrics: a header without data rows', () => {
  it('Grafana headers alone are CSV metrics with 0 records', () => {
    for (const text of ['"Time","cpu_usage"\n', 'Series;Time;Value\n', 'time,host_a,host_b\r\n']) {
      const input = analyse(text);
      expect([input.format, input.records, input.rejected], text).toEqual(['csv-metrics', 0, 0]);
    }
  });

  it('a header of a log or span table, one column, or a line of text is not taken for it', () => {
    expect(analyse('time,level,message\n').format).toBe('csv-logs');
    expect(analyse('Time\n').format).not.toBe('csv-metrics');
    expect(analyse('timestamp,trace_id,span_id\n').format).not.toBe('csv-metrics');
    expect(analyse('2024-01-01T00:00:00Z INFO started, listening\n').format).toBe('text-logs');
  });
});
