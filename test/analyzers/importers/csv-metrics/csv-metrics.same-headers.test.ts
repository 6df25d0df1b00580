// Value columns whose headers name the same series (two Grafana panels' series both called
// `value`, a wide CSV with a repeated column name) stay distinct series, told apart by a
// `csv_column` label (the 1-based column number), and the header is reported once as a
// non-rejecting `duplicate` at the header line.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import type { DecodeResult } from '../../../../analyzers/importers/decode.js';
import { decodeText, points, sniffedId } from '../prometheus/metrics-test-helpers.js';
import { GRAFANA_SAME_HEADERS } from './csv-fixtures.js';

function seriesCount(r: DecodeResult): number {
  return new Set(points(r).map((p) => p.name + JSON.stringify(Object.entries(p.labels).sort()))).size;
}

describe('csv-metrics: columns with the same header', () => {
  it('Grafana: two panels\' series both named "value" give 2 series, 5 points, one duplicate error at the header', () => {
    expect(sniffedId(new TextEncoder().encode(GRAFANA_SAME_HEADERS))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, GRAFANA_SAME_HEADERS);
    expect(points(r).map((p) => [p.source.line, p.name, p.labels, p.value])).toEqual([
      [2, 'value', { csv_column: '2' }, 1.5],
      [2, 'value', { csv_column: '3' }, 20],
      [3, 'value', { csv_column: '2' }, 1.7],
      [3, 'value', { csv_column: '3' }, 21],
      [4, 'value', { csv_column: '3' }, 22],
    ]);
    expect(seriesCount(r)).toBe(2);
    expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['duplicate', 1, 0]]);
    expect(r.errors[0]!.message).toContain('columns 2, 3 have the same series header "value"');
    expect(r.progress.rejected).toBe(0);
  });

  it('a wide CSV with a repeated column name: 3 series (the unique column keeps its plain identity), label column kept', () => {
    const r = decodeText(csvMetrics, 'timestamp,host,cpu,mem,cpu\n1700000000,web-1,0.5,100,0.7\n1700000015,web-1,0.6,110,0.8\n');
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([
      ['cpu', { host: 'web-1', csv_column: '3' }, 0.5],
      ['mem', { host: 'web-1' }, 100],
      ['cpu', { host: 'web-1', csv_column: '5' }, 0.7],
      ['cpu', { host: 'web-1', csv_column: '3' }, 0.6],
      ['mem', { host: 'web-1' }, 110],
      ['cpu', { host: 'web-1', csv_column: '5' }, 0.8],
    ]);
    expect(seriesCount(r)).toBe(3);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['duplicate', 1]]);
    expect(r.errors[0]!.message).toContain('"cpu"');
  });

  it('headers that differ in text but name the same series (label order, Datadog aggregators) are told apart too', () => {
    const r = decodeText(csvMetrics, 'Time,"cpu{a=""1"",b=""2""}","cpu{b=""2"", a=""1""}","avg:load{*}","max:load{*}",other\n2024-01-01T10:00:00Z,1,2,3,4,5\n');
    expect(points(r).map((p) => [p.name, p.labels])).toEqual([
      ['cpu', { a: '1', b: '2', csv_column: '2' }],
      ['cpu', { b: '2', a: '1', csv_column: '3' }],
      ['load', { csv_column: '4' }],
      ['load', { csv_column: '5' }],
      ['other', {}],
    ]);
    expect(seriesCount(r)).toBe(5);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['duplicate', 1],
      ['duplicate', 1],
    ]);
    expect(r.errors[0]!.message).toContain('columns 2, 3 have the same series header "cpu{a="1",b="2"}", "cpu{b="2", a="1"}"');
    expect(r.errors[1]!.message).toContain('columns 4, 5');
  });

  it('a label column already called csv_column is not overwritten', () => {
    const r = decodeText(csvMetrics, 'time,csv_column,v,v\n2024-01-01T10:00:00Z,x,1,2\n2024-01-01T10:00:15Z,y,3,4\n');
    expect(points(r).map((p) => p.labels)).toEqual([
      { csv_column: 'x', _csv_column: '3' },
      { csv_column: 'x', _csv_column: '4' },
      { csv_column: 'y', _csv_column: '3' },
      { csv_column: 'y', _csv_column: '4' },
    ]);
    expect(r.errors[0]!.message).toContain('"_csv_column" label');
  });

  it('after an Excel sep= line the error is at the header line and offset', () => {
    const r = decodeText(csvMetrics, 'sep=;\r\nTime;value;value\r\n2024-01-01T10:00:00Z;0,5;1\r\n');
    expect(points(r).map((p) => [p.labels, p.value])).toEqual([
      [{ csv_column: '2' }, 0.5],
      [{ csv_column: '3' }, 1],
    ]);
    expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['duplicate', 2, 7]]);
  });
});
