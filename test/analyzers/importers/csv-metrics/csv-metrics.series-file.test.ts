// A wide CSV's column is a series of its own file: the same header (`value`) in two files is two
// series, not one whose points interleave (collectd's csv plugin writes one `epoch,value` file per
// value list; several `time,value` exports). A file name ending in a date is a part of a series
// split in time (collectd's daily files), and stays one series with its other days.
// collectd's layout (`<host>/<plugin>[-<instance>]/<type>[-<instance>]-<date>`, header `epoch,…`)
// names the metrics from the path, as collectd's write_prometheus plugin names them.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { collectdSeries, seriesFileOf } from '../../../../analyzers/importers/csv-metrics/series-file.js';
import { analyseInputs } from '../../../helpers/analyse.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { points } from '../prometheus/metrics-test-helpers.js';

/** A collectd csv file: `epoch,value`, a row every 2 s from `start` (as collectd's `Interval 2` writes them). */
function collectdFile(start: number, values: number[], header = 'epoch,value'): string {
  return [header, ...values.map((v, i) => `${(start + 2 * i).toFixed(3)},${v.toFixed(6)}`), ''].join('\n');
}

const IDLE = collectdFile(1795804518.636, [2603000, 2603180, 2603370, 2603560, 2603750, 2603940]);
const USER = collectdFile(1795804518.637, [3920000, 3920010, 3920030, 3920040, 3920060, 3920070]);

function metricFindings(r: ReturnType<typeof analyseInputs>): Record<string, boolean> {
  return Object.fromEntries((r.findings ?? []).filter((f) => f.signal === 'metrics').map((f) => [f.ruleId, f.passed]));
}

describe('csv-metrics: a column is a series of its own file', () => {
  it('collectd: two value lists of cpu-0 are 2 series, each a point every 2 s, as each file alone', () => {
    const two = analyseInputs([
      ['probehost/cpu-0/cpu-idle-2026-11-27', IDLE],
      ['probehost/cpu-0/cpu-user-2026-11-27', USER],
    ]);
    const m = two.signals.metrics!;
    expect([m.points, m.series, m.metricNames]).toEqual([12, 2, 1]);
    expect((two.findings ?? []).find((f) => f.ruleId === 'COR-011')!.message).toBe('Metric series have a point every 2 s (median over series).');
    const alone = analyseInputs([['probehost/cpu-0/cpu-idle-2026-11-27', IDLE]]);
    expect([alone.signals.metrics!.points, alone.signals.metrics!.series]).toEqual([6, 1]);
    expect(metricFindings(two)).toEqual(metricFindings(alone));
    expect(metricFindings(two)['N-MET-SCRAPE-REGULARITY']).toBe(true);
  });

  it('collectd: the daily files of one value list are one series', () => {
    const days = analyseInputs([
      ['probehost/cpu-0/cpu-idle-2026-11-27', IDLE],
      ['probehost/cpu-0/cpu-idle-2026-11-28', collectdFile(1795804518.636 + 12, [2604130, 2604320])],
    ]);
    expect([days.signals.metrics!.points, days.signals.metrics!.series]).toEqual([8, 1]);
  });

  it('collectd: metric names and labels from the path, as write_prometheus gives them', () => {
    const named = (path: string, text: string) => points(decodeBytes(csvMetrics, new TextEncoder().encode(text), path)).slice(0, 3).map((p) => [p.name, p.labels, p.value]);
    expect(named('/var/lib/collectd/csv/web-1/cpu-0/cpu-idle-2026-11-27', IDLE)[0]).toEqual(['collectd_cpu', { cpu: '0', type: 'idle', instance: 'web-1' }, 2603000]);
    expect(named('web-1/memory/memory-slab_recl-2026-11-27', collectdFile(1795804518.636, [886968320]))).toEqual([['collectd_memory', { memory: 'slab_recl', instance: 'web-1' }, 886968320]]);
    expect(named('web-1/load/load-2026-11-27', 'epoch,shortterm,midterm,longterm\n1795804518.636,2.568848,0.872070,0.663086\n')).toEqual([
      ['collectd_load_shortterm', { instance: 'web-1' }, 2.568848],
      ['collectd_load_midterm', { instance: 'web-1' }, 0.87207],
      ['collectd_load_longterm', { instance: 'web-1' }, 0.663086],
    ]);
    expect(named('web-1/interface-eth0/if_octets-2026-11-27', 'epoch,rx,tx\n1795804518.636,100,200\n')).toEqual([
      ['collectd_interface_if_octets_rx', { interface: 'eth0', instance: 'web-1' }, 100],
      ['collectd_interface_if_octets_tx', { interface: 'eth0', instance: 'web-1' }, 200],
    ]);
    // not collectd's layout: the header's names, as before
    expect(named('cpu-idle-2026-11-27', IDLE)[0]).toEqual(['value', {}, 2603000]);
    expect(named('web-1/cpu-0/cpu-idle.csv', IDLE)[0]).toEqual(['value', {}, 2603000]);
    expect(collectdSeries('web-1/cpu-0/cpu-idle-2026-11-27', ['time', 'value'])).toBeUndefined();
  });

  it('collectd: a folder of value lists is one series per column of each file (3 files, 5 columns)', () => {
    const r = analyseInputs([
      ['h/cpu-0/cpu-idle-2026-11-27', IDLE],
      ['h/cpu-1/cpu-idle-2026-11-27', IDLE],
      ['h/load/load-2026-11-27', 'epoch,shortterm,midterm,longterm\n1795804518.636,2.5,0.8,0.6\n1795804520.636,2.6,0.9,0.6\n'],
    ]);
    expect([r.signals.metrics!.points, r.signals.metrics!.series, r.signals.metrics!.metricNames]).toEqual([18, 5, 4]);
  });

  it('other CSVs: the same `time,value` header in two files is two series; in one file, counts as before', () => {
    const csv = (v: number) => ['time,value', ...[0, 15, 30, 45].map((s, i) => `2024-01-01T10:00:${String(s).padStart(2, '0')}Z,${v + i}`), ''].join('\n');
    const two = analyseInputs([
      ['exports/latency.csv', csv(1)],
      ['exports/errors.csv', csv(100)],
    ]);
    expect([two.signals.metrics!.points, two.signals.metrics!.series, two.signals.metrics!.metricNames]).toEqual([8, 2, 1]);
    const one = analyseInputs([['exports/latency.csv', csv(1)]]);
    expect([one.signals.metrics!.points, one.signals.metrics!.series, one.signals.metrics!.metricNames]).toEqual([4, 1, 1]);
    // downloads of one panel named by their date are one series split in time
    const split = analyseInputs([
      ['exports/latency-2024-01-01.csv', csv(1)],
      ['exports/latency-2024-01-02.csv', csv(1).replace(/2024-01-01/g, '2024-01-02')],
    ]);
    expect([split.signals.metrics!.points, split.signals.metrics!.series]).toEqual([8, 1]);
  });

  it('a file\'s series identity drops a compression suffix and a trailing date (and time), nothing else', () => {
    expect(seriesFileOf('h/cpu-0/cpu-idle-2026-11-27')).toBe('h/cpu-0/cpu-idle');
    expect(seriesFileOf('h/cpu-0/cpu-idle-2026-11-27.gz')).toBe('h/cpu-0/cpu-idle');
    expect(seriesFileOf('C:\\exports\\panel-data-2023-11-14 22_13_20.csv')).toBe('C:\\exports\\panel-data.csv');
    expect(seriesFileOf('exports/metrics_20240101.csv')).toBe('exports/metrics.csv');
    expect(seriesFileOf('exports/run_12345678.csv')).toBe('exports/run_12345678.csv'); // not a date
    expect(seriesFileOf('2026-11-27/latency.csv')).toBe('2026-11-27/latency.csv'); // a folder's date is kept
  });
});
