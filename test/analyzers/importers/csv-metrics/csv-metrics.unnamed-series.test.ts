// Long CSVs of Prometheus query results, as Robust Perception's query_csv.py writes them
// (github.com/RobustPerception/python_examples csv/query_csv.py; output shown in
// robustperception.io "Prometheus query results as CSV"): `name,timestamp,value,<labels…>`, the
// name empty for a computed series (`irate(process_cpu_seconds_total[1m])`). Such a row is the
// unnamed series of the query, name '' as the Prometheus API importer gives it; every row was
// rejected as missing-field. Expected by hand: 4 rows with labels → 4 points; a row without name
// nor labels still identifies nothing → missing-field.
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
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['missing-field', 6]]);
    expect(r.progress.rejected).toBe(1);
  });
});
