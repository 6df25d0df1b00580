// InfluxDB 1.x (InfluxQL) CSV as the 1.6 CLI (`influx -format csv`) and the HTTP API
// (/query with `Accept: application/csv`) write it (mtools30 probe): `name` (the measurement),
// `tags` (with GROUP BY; /query always), `time` (ns epoch, or RFC 3339 with -precision rfc3339),
// then a column per tag and field, one table per measurement, each with its header. Before: a
// file of two measurements was "unrecognised" (the second table's rows mixed into the first's
// columns in the sniff), and one measurement was read with names `usage_user{name="cpu"}`
// and the `tags` cell as one label `tags="host=web01"`; the JSON answer of the same query names
// them `cpu_usage_user{host=…}`.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

const sniffed = (text: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;
const T0 = 1795867620;
const ns = (s: number) => `${s}000000000`;

/** `influx -format csv` of `SELECT * FROM cpu; SELECT * FROM http_requests` (`api`: the /query CSV, with its empty `tags` column). */
function twoMeasurements(api: boolean): string {
  const t = api ? ',' : '';
  const cpu = Array.from({ length: 4 }, (_v, i) => `cpu,${t}${ns(T0 + i * 10)},web01,eu west,2.5,${10 + i / 4}`);
  const http = Array.from({ length: 3 }, (_v, i) => `http_requests,${t}${ns(T0 + i * 10)},${100 + i},true,web01,"ok, ""fine"""`);
  const tags = api ? 'tags,' : '';
  return [`name,${tags}time,host,region,usage_system,usage_user`, ...cpu, `name,${tags}time,count,healthy,host,status`, ...http].join('\n') + '\n' + (api ? '\n' : '');
}

describe('csv-metrics: InfluxDB 1.x CSV', () => {
  it.each([
    ['influx -format csv', false],
    ['/query Accept: application/csv', true],
  ])('%s of two measurements: <measurement>_<field>, tags as labels, each table with its header', (_name, api) => {
    const text = twoMeasurements(api);
    expect(sniffed(text)).toBe('csv-metrics');
    const r = decodeText(csvMetrics, text);
    for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(csvMetrics, text, n)), `${n}-byte chunks`).toBe(fingerprint(r));
    // cpu: 4 rows × 2 fields; http_requests: 3 rows × count (`healthy` true/false: a text column, a label)
    expect([r.progress.records, r.progress.rejected, r.errors]).toEqual([8 + 3, 0, []]);
    const ps = points(r);
    expect([...new Set(ps.map((p) => p.name))]).toEqual(['cpu_usage_system', 'cpu_usage_user', 'http_requests_count']);
    expect(ps[1]).toMatchObject({ name: 'cpu_usage_user', labels: { host: 'web01', region: 'eu west' }, timeNs: BigInt(ns(T0)), value: 10 });
    expect(ps[ps.length - 1]).toMatchObject({ name: 'http_requests_count', labels: { host: 'web01', healthy: 'true', status: 'ok, "fine"' }, value: 102 });
  });

  it('GROUP BY: the `tags` cell (escaped as in line protocol) gives one label per tag', () => {
    const text = ['name,tags,time,mean', `cpu,"host=web01,region=eu\\ west",${ns(T0)},10.625`, `cpu,"host=web01,region=eu\\ west",${ns(T0 + 60)},12.125`, `cpu,host=web02,${ns(T0)},3`].join('\n') + '\n';
    expect(sniffed(text)).toBe('csv-metrics');
    const r = decodeText(csvMetrics, text);
    for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(csvMetrics, text, n)), `${n}-byte chunks`).toBe(fingerprint(r));
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([
      ['cpu_mean', { host: 'web01', region: 'eu west' }, 10.625],
      ['cpu_mean', { host: 'web01', region: 'eu west' }, 12.125],
      ['cpu_mean', { host: 'web02' }, 3],
    ]);
  });

  it('a CSV whose first column is `name` but no `time` after it keeps its old reading', () => {
    const text = 'name,timestamp,value\nup,1700000000,1\nup,1700000015,0\n';
    const r = decodeText(csvMetrics, text);
    expect(points(r).map((p) => [p.name, p.value])).toEqual([
      ['up', 1],
      ['up', 0],
    ]);
  });
});

describe('csv-metrics: a Markdown table', () => {
  it("the alignment row under the header (`:---:|:---:`, Netdata's format=markdown) is no row: not rejected", () => {
    const text = ['time|user|system', ':---:|:---:|:---:', '2026-11-28 12:39:59|42.42424|9.090909', '2026-11-28 12:39:58|26.63317|26.63317'].join('\n') + '\n';
    expect(sniffed(text)).toBe('csv-metrics');
    const r = decodeText(csvMetrics, text);
    for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(csvMetrics, text, n)), `${n}-byte chunks`).toBe(fingerprint(r));
    expect([r.progress.records, r.progress.rejected]).toEqual([4, 0]);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-timestamp']); // (times without a zone, read as UTC: a note)
  });
});
