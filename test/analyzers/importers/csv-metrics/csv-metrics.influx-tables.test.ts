// InfluxDB 2 annotated CSV with several tables of different column sets (`influx query --raw`,
// the UI's "Download CSV"): a blank line, a new #group/#datatype/#default block and a new header
// start a table with its own columns. Each table is read with its own header (the later tables
// gave "row has 12 fields, the header has 11" errors, or were misread when the counts agreed).
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import type { DecodeResult } from '../../../../analyzers/importers/decode.js';
import { decodeText, points, sniffedId } from '../prometheus/metrics-test-helpers.js';
import { INFLUX_TABLES } from './csv-fixtures.js';

const R = '2024-01-01T00:00:00Z,2024-01-01T01:00:00Z';
const at = (s: number) => BigInt(Date.UTC(2024, 0, 1, 0, 0, s)) * 1_000_000n;

function seriesCount(r: DecodeResult): number {
  return new Set(points(r).map((p) => p.name + JSON.stringify(Object.entries(p.labels).sort()))).size;
}

describe('csv-metrics: InfluxDB results with tables of different columns', () => {
  it('3 tables (tags cpu+host, device+fstype+host, none): 6 points in 4 series, no errors, sniffed as csv-metrics', () => {
    expect(sniffedId(new TextEncoder().encode(INFLUX_TABLES))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, INFLUX_TABLES);
    expect(r.errors).toEqual([]);
    expect(r.progress.rejected).toBe(0);
    expect(points(r).map((p) => [p.source.line, p.name, p.labels, p.value, p.timeNs])).toEqual([
      [5, 'cpu_usage_user', { cpu: 'cpu-total', host: 'web-1' }, 12.5, at(10)],
      [6, 'cpu_usage_user', { cpu: 'cpu-total', host: 'web-1' }, 13.1, at(20)],
      [7, 'cpu_usage_system', { cpu: 'cpu-total', host: 'web-1' }, 3.2, at(10)],
      [13, 'disk_used', { device: 'sda1', fstype: 'ext4', host: 'web-1' }, 1073741824, at(10)],
      [14, 'disk_used', { device: 'sda1', fstype: 'ext4', host: 'web-1' }, 1073745920, at(20)],
      [20, 'system_load1', {}, 0.42, at(10)],
    ]);
    expect(seriesCount(r)).toBe(4);
  });

  it('a table with as many columns but other tag keys gets its own labels (was read with the first header)', () => {
    const text = [
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
      ',result,table,_start,_stop,_time,_value,_field,_measurement,host',
      `,,0,${R},2024-01-01T00:00:10Z,1,requests,http,web-1`,
      '',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
      ',result,table,_start,_stop,_time,_value,_field,_measurement,region',
      `,,1,${R},2024-01-01T00:00:10Z,2,requests,http,eu-west`,
      '',
    ].join('\n');
    const r = decodeText(csvMetrics, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.source.line, p.name, p.labels, p.value])).toEqual([
      [3, 'http_requests', { host: 'web-1' }, 1],
      [7, 'http_requests', { region: 'eu-west' }, 2],
    ]);
  });

  it('a broken row is judged against its own table header', () => {
    const lines = INFLUX_TABLES.split('\r\n');
    lines[13] = `,,2,${R},2024-01-01T00:00:20Z,1073745920,used,disk,sda1,web-1`; // 11 fields in a 12-column table
    const r = decodeText(csvMetrics, lines.join('\r\n'));
    expect(r.errors.map((e) => [e.code, e.line, e.message])).toEqual([['invalid-line', 14, 'row has 11 fields, the header has 12']]);
    expect(points(r)).toHaveLength(5);
    expect(r.progress.rejected).toBe(1);
  });

  it('tables without annotations (blank line + a new ,result,table header) are read with their own headers too', () => {
    const text = [
      ',result,table,_start,_stop,_time,_value,_field,_measurement,host',
      `,,0,${R},2024-01-01T00:00:10Z,12.5,usage_user,cpu,web-1`,
      '',
      ',result,table,_start,_stop,_time,_value,_field,_measurement,device,host',
      `,,1,${R},2024-01-01T00:00:10Z,1024,used,disk,sda1,web-1`,
      '',
    ].join('\n');
    const r = decodeText(csvMetrics, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.labels])).toEqual([
      ['cpu_usage_user', { host: 'web-1' }],
      ['disk_used', { device: 'sda1', host: 'web-1' }],
    ]);
  });

  it("#default gives a table's empty cells their value", () => {
    const text = [
      '#group,false,false,true,true,false,false,true,true,true',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
      '#default,_result,,,,,,,,eu-west',
      ',result,table,_start,_stop,_time,_value,_field,_measurement,region',
      `,,0,${R},2024-01-01T00:00:10Z,1,requests,http,`,
      `,,0,${R},2024-01-01T00:00:20Z,2,requests,http,us-east`,
      '',
    ].join('\n');
    const r = decodeText(csvMetrics, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => p.labels)).toEqual([{ region: 'eu-west' }, { region: 'us-east' }]);
  });

  it('pivoted tables (one column per field): <measurement>_<field> per cell, no bookkeeping series', () => {
    const text = [
      '#group,false,false,true,true,false,true,true,false,false',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string,double,double',
      '#default,_result,,,,,,,,',
      ',result,table,_start,_stop,_time,_measurement,host,usage_system,usage_user',
      `,,0,${R},2024-01-01T00:00:10Z,cpu,web-1,3.2,12.5`,
      `,,0,${R},2024-01-01T00:00:20Z,cpu,web-1,3.4,13.1`,
      '',
      '#group,false,false,true,true,false,true,true,false',
      '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string,long',
      '#default,_result,,,,,,,',
      ',result,table,_start,_stop,_time,_measurement,host,used',
      `,,1,${R},2024-01-01T00:00:10Z,disk,web-1,1073741824`,
      '',
    ].join('\n');
    expect(sniffedId(new TextEncoder().encode(text))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, text);
    expect(r.errors).toEqual([]);
    // 2 rows × 2 fields + 1 row × 1 field = 5 points (was 8: `table` read as a series)
    expect(points(r).map((p) => [p.source.line, p.name, p.labels, p.value])).toEqual([
      [5, 'cpu_usage_system', { host: 'web-1' }, 3.2],
      [5, 'cpu_usage_user', { host: 'web-1' }, 12.5],
      [6, 'cpu_usage_system', { host: 'web-1' }, 3.4],
      [6, 'cpu_usage_user', { host: 'web-1' }, 13.1],
      [12, 'disk_used', { host: 'web-1' }, 1073741824],
    ]);
  });
});
