// Long CSVs of Prometheus query results, as Robust Perception's query_csv.py writes them
// (github.com/RobustPerception/python_examples csv/query_csv.py; output shown in
// robustperception.io "Prometheus query results as CSV"): `name,timestamp,value,<labels…>`, the
// name empty for a computed series (`irate(process_cpu_seconds_total[1m])`). Such a row is the
// unnamed series of the query, name '' as the Prometheus API importer gives it; every row was
// rejected as missing-field. Expected by hand: one point per data row (query_csv.py writes one
// row per series of an instant query), 5 rows → 5 points. The fifth row, without name nor labels,
// was expected rejected as missing-field; that was wrong: query_csv.py writes a series's absent
// labels as empty cells, so the row is the label-less series `{}` of an aggregation (`sum(up)`
// answers `{"metric":{},"value":[…]}`) — a real series. Only a long CSV of another header keeps
// rejecting a row that names nothing.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { decodeText, points, sniffedId } from '../prometheus/metrics-test-helpers.js';

const QUERY_CSV = [
  'name,timestamp,value,instance,job',
  ',1477858669.096,0.0030060120239314473,demo.robustperception.io:9093,alertmanager',
  ',1477858669.096,0.510999999998603,demo.robustperception.io:9090,prometheus',
  ',1477858669.096,0.0020082337584533144,demo.robustperception.io:9100,node',
  ',1477858669.096,0.0009992006395102197,demo.robustperception.io:9091,pushgateway',
  ',1477858669.096,1,,',
  '',
].join('\r\n');

describe('csv-metrics: unnamed series of a computed query (long format)', () => {
  it.each([undefined, 1, 7, 4096])('4 points named "", the label-less nameless row rejected (chunk %s)', (chunk) => {
    expect(sniffedId(new TextEncoder().encode(QUERY_CSV))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, QUERY_CSV, chunk);
    expect(points(r).map((p) => [p.name, p.labels, p.value, p.timeNs])).toEqual([
      ['', { instance: 'demo.robustperception.io:9093', job: 'alertmanager' }, 0.0030060120239314473, 1477858669096000000n],
      ['', { instance: 'demo.robustperception.io:9090', job: 'prometheus' }, 0.510999999998603, 1477858669096000000n],
      ['', { instance: 'demo.robustperception.io:9100', job: 'node' }, 0.0020082337584533144, 1477858669096000000n],
      ['', { instance: 'demo.robustperception.io:9091', job: 'pushgateway' }, 0.0009992006395102197, 1477858669096000000n],
      ['', {}, 1, 1477858669096000000n],
    ]);
    expect(r.errors).toEqual([]);
    expect(r.progress.rejected).toBe(0);
  });

  // query_csv.py for `sum(up)`: header `name,timestamp,value` (no label names), one row per series
  it('sum(up): one point of the series {} (header without label columns)', () => {
    const text = 'name,timestamp,value\r\n,1700000000.123,2\r\n';
    expect(sniffedId(new TextEncoder().encode(text))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, text);
    expect(points(r).map((p) => [p.name, p.labels, p.value, p.timeNs])).toEqual([['', {}, 2, 1700000000123000000n]]);
    expect(r.errors).toEqual([]);
  });

  // `sum by (job) (up)` where one target has no job: its cell is empty, the series is `{}`, not `{job=""}`
  it('sum by (job): an empty label cell is a label the series does not have', async () => {
    const text = 'name,timestamp,value,job\r\n,1700000000.123,2,node\r\n,1700000000.123,1,\r\n';
    const r = decodeText(csvMetrics, text);
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([
      ['', { job: 'node' }, 2],
      ['', {}, 1],
    ]);
    expect(r.errors).toEqual([]);
    const { analyseInputs } = await import('../../../helpers/analyse.js');
    const m = analyseInputs([['q.csv', text]]).signals.metrics;
    expect([m.points, m.series]).toEqual([2, 2]); // two rows, two distinct label sets
  });

  it('another long CSV: a row without name nor labels still identifies nothing', () => {
    const r = decodeText(csvMetrics, 'metric,time,value,job\n,1700000000,1,\nup,1700000000,1,node\n');
    expect(points(r)).toHaveLength(1);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['missing-field', 2]]);
  });
});
