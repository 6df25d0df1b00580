// Grafana "Formatted data" CSVs saved in a decimal-comma locale (European Excel/Grafana): `;`
// delimiter, `0,5 ms`, `1,20 s`, `12,5 %`. A comma is a decimal separator only when the file is
// not comma-delimited and the value is digits,digits (optionally with a unit); thousands groups
// are read where no other reading fits (`1.234,5`, `1.234.567`); anything else stays invalid-number.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { decodeText, points, sniffedId } from '../prometheus/metrics-test-helpers.js';
import { LOCALE_GRAFANA } from './csv-fixtures.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('csv-metrics: decimal commas with units (semicolon Grafana export)', () => {
  it('reads 9 points, rescaled to the base unit, no errors; sniffed as csv-metrics (was text-logs)', () => {
    expect(sniffedId(enc(LOCALE_GRAFANA))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, LOCALE_GRAFANA);
    expect(r.errors).toEqual([]);
    expect(r.progress.rejected).toBe(0);
    expect(points(r).map((p) => [p.source.line, p.name, p.labels, p.value, p.unit])).toEqual([
      [2, 'latency', { pod: 'a' }, 0.0005, 's'],
      [2, 'cpu', {}, 12.5, '%'],
      [2, 'mem', {}, 1.5 * 1024 * 1024, 'By'],
      [3, 'latency', { pod: 'a' }, 1.2, 's'],
      [3, 'cpu', {}, 13, '%'],
      [3, 'mem', {}, 512, 'By'],
      [4, 'latency', { pod: 'a' }, 0.999, 's'],
      [4, 'cpu', {}, 12.75, '%'],
      [4, 'mem', {}, 1234.5 * 1024, 'By'],
    ]);
  });

  it('tab-delimited: the same cells read the same', () => {
    const r = decodeText(csvMetrics, 'Time\tlatency\tcpu\n2024-01-01T10:00:00Z\t0,5 ms\t12,5 %\n2024-01-01T10:00:15Z\t1,20 s\t-0,25\n');
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.value, p.unit])).toEqual([
      [0.0005, 's'],
      [12.5, '%'],
      [1.2, 's'],
      [-0.25, undefined],
    ]);
  });

  it('thousands groups where no decimal-point reading fits; ambiguous or malformed numbers are not guessed', () => {
    const text = [
      'time;v',
      '2024-01-01T10:00:00Z;1.234,5', // 1234.5
      '2024-01-01T10:00:01Z;1.234.567', // 1234567 (two dots: groups)
      '2024-01-01T10:00:02Z;1\u00a0234,5 ms', // no-break space groups: 1234.5 ms
      '2024-01-01T10:00:03Z;1.234', // a lone group: read with a decimal point, as before
      '2024-01-01T10:00:04Z;1,234.5', // comma groups and a point: 1234.5, the only reading (see the Grafana 5 test below)
      '2024-01-01T10:00:05Z;1.23,4', // a group of 2 digits: not read
      '2024-01-01T10:00:06Z;12,5,6',
      '2024-01-01T10:00:07Z;0.123,4',
      '',
    ].join('\n');
    const r = decodeText(csvMetrics, text);
    expect(points(r).map((p) => [p.source.line, p.value])).toEqual([
      [2, 1234.5],
      [3, 1234567],
      [4, 1.2345],
      [5, 1.234],
      [6, 1234.5],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-number', 7],
      ['invalid-number', 8],
      ['invalid-number', 9],
    ]);
    expect(r.progress.rejected).toBe(3);
  });

  // Grafana 5's panel "Export CSV" (series as rows): `;`-delimited, quoted cells, values with
  // comma thousands groups and a decimal point (shape from grafana/grafana#14578). Expected by
  // hand: 4 rows → 4 points of the one series, the commas dropped.
  const GRAFANA5 = [
    '"Series";"Time";"Value"',
    '"[[tag_host]]";"2018-12-12T12:00:00+11:00";1,721,992,142.283',
    '"[[tag_host]]";"2018-12-12T13:00:00+11:00";2,042,607,538.558',
    '"[[tag_host]]";"2018-12-12T14:00:00+11:00";12,345,678',
    '"[[tag_host]]";"2018-12-12T23:00:00+11:00";-2,583,357,480.2',
    '',
  ].join('\r\n');

  it.each([undefined, 1, 7, 4096])('Grafana 5 export with comma thousands groups: 4 points, no errors (chunk %s)', (chunk) => {
    expect(sniffedId(enc(GRAFANA5))).toBe('csv-metrics');
    const r = decodeText(csvMetrics, GRAFANA5, chunk);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.value, p.timeNs])).toEqual([
      ['[[tag_host]]', 1721992142.283, 1544576400000000000n],
      ['[[tag_host]]', 2042607538.558, 1544580000000000000n],
      ['[[tag_host]]', 12345678, 1544583600000000000n],
      ['[[tag_host]]', -2583357480.2, 1544616000000000000n],
    ]);
  });

  it('comma-delimited: quoted comma-grouped numbers with a point or two groups are read; a lone "1,000" stays text', () => {
    const r = decodeText(csvMetrics, 'Time,bytes_in,bytes_out\n2024-01-01T00:00:00Z,"1,234,567.5","12,345,678"\n2024-01-01T00:01:00Z,"1,000",5\n');
    expect(points(r).map((p) => [p.source.line, p.name, p.value])).toEqual([
      [2, 'bytes_in', 1234567.5],
      [2, 'bytes_out', 12345678],
      [3, 'bytes_out', 5],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-number', 3]]);
  });

  it('comma-delimited: a quoted "0,5 ms" is not a decimal comma (the comma is the delimiter there) and stays invalid-number', () => {
    const r = decodeText(csvMetrics, 'Time,latency,cpu\n2024-01-01T10:00:00Z,"0,5 ms",1\n2024-01-01T10:00:15Z,2 ms,"12,5 %"\n2024-01-01T10:00:30Z,3 ms,3\n');
    expect(points(r).map((p) => [p.source.line, p.name, p.value])).toEqual([
      [2, 'cpu', 1],
      [3, 'latency', 0.002],
      [4, 'latency', 0.003],
      [4, 'cpu', 3],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-number', 2],
      ['invalid-number', 3],
    ]);
  });
});
