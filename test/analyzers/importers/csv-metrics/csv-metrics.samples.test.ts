// Metrics CSV. Expected counts on the Nezha files derived with Python's csv module: number of
// non-empty cells outside Time, TimeStamp, PodName, ServiceName (NaN cells included):
//   sum(1 for r in rows[1:] for k, v in zip(h, r) if k not in skip and v.strip())
// front_service.csv 741 rows → 3705; each *_metric.csv 741 rows → 14079 (contacts: 1632 NaN).
import { describe, expect, it } from 'vitest';
import { csvMetrics, sniffCsvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { makeSniffInput } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import { CHUNK_SIZES, decodeData, decodeText, points, readData, sniffedId } from '../prometheus/metrics-test-helpers.js';

const M = 'incident-nezha/trainticket-2023-01-30/metric';

function sniffScore(rel: string): number {
  const b = readData(rel);
  const head = b.subarray(0, SNIFF_BYTES);
  return sniffCsvMetrics(makeSniffInput(head, head.length === b.length));
}

describe('Nezha metric CSVs (wide, Go time.String times, NaN)', () => {
  it.each([
    ['front_service.csv', 3705],
    ['ts-contacts-service-866bd68c97-dzqgd_metric.csv', 14079],
    ['ts-gateway-service-6f6cfc45b-d9pnv_metric.csv', 14079],
    ['ts-ui-dashboard-5477b965f-lwprp_metric.csv', 14079],
  ])('%s has %i points, no errors, sniffs as csv-metrics', (f, n) => {
    const r = decodeData(csvMetrics, `${M}/${f}`);
    expect(r.records).toHaveLength(n);
    expect(r.errors).toEqual([]);
    expect(r.progress.rejected).toBe(0);
    expect(sniffedId(readData(`${M}/${f}`))).toBe('csv-metrics');
  });

  it('maps a cell: header as name, unit from (…), pod label, Go time with monotonic suffix', () => {
    const p = points(decodeData(csvMetrics, `${M}/ts-contacts-service-866bd68c97-dzqgd_metric.csv`));
    // row 2: 2023-01-30 11:39:53.719185435 +0000 UTC m=+0.896015740,1675078793,ts-contacts-service-…,9.448376157119494,…
    expect(p[0]).toMatchObject({
      name: 'CpuUsage(m)',
      unit: 'm',
      type: 'gauge',
      labels: { PodName: 'ts-contacts-service-866bd68c97-dzqgd' },
      timeNs: 1675078793719185435n,
      value: 9.448376157119494,
      resource: { serviceInstanceId: 'ts-contacts-service-866bd68c97-dzqgd' },
      source: { line: 2 },
    });
    // row 3 has PodServerLatencyP90(s) = NaN
    const nan = p.find((x) => x.source.line === 3 && x.name === 'PodServerLatencyP90(s)')!;
    expect(nan.value).toBeNaN();
    expect(p.filter((x) => Number.isNaN(x.value))).toHaveLength(1632);
    // the TimeStamp column is a time, not a series
    expect(p.some((x) => x.name === 'TimeStamp')).toBe(false);
  });

  it('does not claim span, log or id-list CSVs', () => {
    for (const f of ['trace/11_51_trace.csv', 'log/11_51_log.csv', 'traceid/11_51_traceid.csv']) expect([f, sniffScore(`incident-nezha/trainticket-2023-01-30/${f}`)]).toEqual([f, 0]);
    for (const f of ['loghub/HDFS/HDFS_2k.log_structured.csv', 'loghub/BGL/BGL_2k.log_structured.csv', 'loghub/HDFS/HDFS_templates.csv']) expect([f, sniffScore(f)]).toEqual([f, 0]);
  });
});

describe('CSV layouts', () => {
  it('wide with label-bearing headers and epoch-ms times found by content', () => {
    const r = decodeText(csvMetrics, 'when_ms,cpu{pod="a"},cpu{pod="b"},mem_bytes\n1700000000000,1.5,,100\n1700000015000,NaN,2,bad\n');
    // "when_ms" is not a known time name: the column is found by content (epoch ms)
    expect(points(r).map((p) => [p.name, p.labels, p.value, p.timeNs])).toEqual([
      ['cpu', { pod: 'a' }, 1.5, 1700000000000000000n],
      ['mem_bytes', {}, 100, 1700000000000000000n],
      ['cpu', { pod: 'a' }, NaN, 1700000015000000000n],
      ['cpu', { pod: 'b' }, 2, 1700000015000000000n],
    ]);
    expect(r.errors).toMatchObject([{ code: 'invalid-number', line: 3 }]);
    expect(r.progress.rejected).toBe(1); // counted per cell
  });

  it('long format: time, name, value, other columns as labels, type column', () => {
    const r = decodeText(
      csvMetrics,
      'timestamp,metric,value,host,type\n2024-05-01T10:00:00Z,http_requests_total,10,web-1,counter\n2024-05-01T10:00:15Z,temp,21.5,web-2,\n2024-05-01T10:00:30Z,temp,oops,web-2,\n',
    );
    expect(points(r).map((p) => [p.name, p.type, p.labels, p.value, p.timeNs])).toEqual([
      ['http_requests_total', 'counter', { host: 'web-1' }, 10, 1714557600000000000n],
      ['temp', 'gauge', { host: 'web-2' }, 21.5, 1714557615000000000n],
    ]);
    expect(r.errors).toMatchObject([{ code: 'invalid-number', line: 4 }]);
    expect(sniffedId(new TextEncoder().encode('timestamp,metric,value,host\n2024-05-01T10:00:00Z,a,1,x\n2024-05-01T10:00:01Z,a,2,x\n'))).toBe('csv-metrics');
  });

  it('semicolon- and tab-delimited exports with decimal commas (spreadsheets in many locales)', () => {
    const semi = decodeText(csvMetrics, 'time;cpu_ratio;mem_mb\n2026-01-01T00:00:00Z;0,5;100\n2026-01-01T00:00:15Z;-1,25e2;110,75\n');
    expect(points(semi).map((p) => [p.name, p.value])).toEqual([
      ['cpu_ratio', 0.5],
      ['mem_mb', 100],
      ['cpu_ratio', -125],
      ['mem_mb', 110.75],
    ]);
    expect(semi.errors).toEqual([]);
    const tab = decodeText(csvMetrics, 'time\tcpu\n2026-01-01T00:00:00Z\t0,25\n');
    expect(points(tab).map((p) => p.value)).toEqual([0.25]);
    // Comma-delimited: a quoted "1,000" is ambiguous (a thousands separator?) and stays an error.
    const comma = decodeText(csvMetrics, 'time,a,b\n2026-01-01T00:00:00Z,"1,000",2\n2026-01-01T00:00:15Z,3,4\n');
    expect(points(comma).map((p) => p.value)).toEqual([2, 3, 4]);
    expect(comma.errors).toMatchObject([{ code: 'invalid-number', line: 2 }]);
  });

  it('unreadable times reject the row (per value), zone-less times are reported once', () => {
    const r = decodeText(csvMetrics, 'time,a,b\n2024-05-01 10:00:00,1,2\nyesterday,3,4\n2024-05-01 10:01:00,5,6\n');
    expect(r.records).toHaveLength(4);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-timestamp', 2], // no zone: read as UTC, reported once
      ['invalid-timestamp', 3],
    ]);
    expect(r.progress.rejected).toBe(2);
  });

  it('a row with the wrong number of fields is rejected', () => {
    const r = decodeText(csvMetrics, 'time,a,b\n1700000000,1,2\n1700000001,3\n');
    expect(r.records).toHaveLength(2);
    expect(r.errors).toMatchObject([{ code: 'invalid-line', line: 3 }]);
  });
});

describe('csv-metrics: InfluxDB 2 query results', () => {
  // The InfluxDB UI's "Download CSV" / `influx query --raw`: annotation rows, an unnamed first
  // column, result/table/_start/_stop bookkeeping, one row per value; a second table repeats
  // the annotations and the header after a blank line.
  const header = ',result,table,_start,_stop,_time,_value,_field,_measurement,host';
  const annotations = ['#group,false,false,true,true,false,false,true,true,true', '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string', '#default,_result,,,,,,,,'];
  const rows1 = [
    ',,0,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,2024-01-01T00:00:10Z,1.5,usage_user,cpu,h1',
    ',,0,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,2024-01-01T00:00:20Z,2.5,usage_user,cpu,h1',
  ];
  const rows2 = [',,1,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,2024-01-01T00:00:10Z,40,used_percent,mem,h1'];
  const text = [...annotations, header, ...rows1, '', ...annotations, header, ...rows2, ''].join('\r\n');

  it('one point per row, named <measurement>_<field>, tags as labels, the bookkeeping columns dropped', () => {
    expect(sniffedId(new TextEncoder().encode(text))).toBe('csv-metrics');
    for (const chunk of [undefined, ...CHUNK_SIZES]) {
      const r = decodeText(csvMetrics, text, chunk);
      expect(r.errors).toEqual([]);
      // 3 data rows → 3 points (was 6: `table` read as a second series and the names wrong).
      expect(points(r).map((p) => [p.name, p.value, p.labels, p.timeNs])).toEqual([
        ['cpu_usage_user', 1.5, { host: 'h1' }, BigInt(Date.UTC(2024, 0, 1, 0, 0, 10)) * 1_000_000n],
        ['cpu_usage_user', 2.5, { host: 'h1' }, BigInt(Date.UTC(2024, 0, 1, 0, 0, 20)) * 1_000_000n],
        ['mem_used_percent', 40, { host: 'h1' }, BigInt(Date.UTC(2024, 0, 1, 0, 0, 10)) * 1_000_000n],
      ]);
    }
    // Without the annotations (`--raw` off, or stripped) the same three points.
    expect(points(decodeText(csvMetrics, [header, ...rows1, ...rows2].join('\n') + '\n')).map((p) => p.name)).toEqual(['cpu_usage_user', 'cpu_usage_user', 'mem_used_percent']);
  });
});

describe('series headers as Grafana and Datadog write them', () => {
  it('Grafana: a series without __name__ is headed by its labels alone; one unnamed metric, two series', () => {
    // Inspect → Data → Download CSV of rate(node_cpu_seconds_total[5m]) by instance: the legend
    // is `{instance="…", job="node"}`. 2 rows × 2 columns = 4 points; both columns the same metric
    // (name '' as the prom-api importer names a computed result), the labels tell them apart.
    const r = decodeText(csvMetrics, '"Time","{instance=""a:9100"", job=""node""}","{instance=""b:9100"", job=""node""}"\n2023-11-14T22:13:20Z,0.5,0.7\n2023-11-14T22:13:35Z,0.6,0.8\n');
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([
      ['', { instance: 'a:9100', job: 'node' }, 0.5],
      ['', { instance: 'b:9100', job: 'node' }, 0.7],
      ['', { instance: 'a:9100', job: 'node' }, 0.6],
      ['', { instance: 'b:9100', job: 'node' }, 0.8],
    ]);
    expect(r.errors).toEqual([]);
  });

  it('Datadog: avg:metric{tag:value,…} is the metric with its tags as labels; {*} is no tag', () => {
    // 3 value columns, 2 rows, one empty cell → 5 points; metric names: system.cpu.user (2 series
    // told apart by host, the colon inside image:repo:1.2 kept in the value) and system.load.1.
    const r = decodeText(
      csvMetrics,
      'Time,"avg:system.cpu.user{host:web-1,image:repo:1.2}","avg:system.cpu.user{host:web-2,image:repo:1.2}",sum:system.load.1{*}\n2023-11-14T22:13:20Z,1.5,2.5,3\n2023-11-14T22:13:40Z,1.6,,4\n',
    );
    expect(points(r).map((p) => [p.name, p.labels, p.value])).toEqual([
      ['system.cpu.user', { host: 'web-1', image: 'repo:1.2' }, 1.5],
      ['system.cpu.user', { host: 'web-2', image: 'repo:1.2' }, 2.5],
      ['system.load.1', {}, 3],
      ['system.cpu.user', { host: 'web-1', image: 'repo:1.2' }, 1.6],
      ['system.load.1', {}, 4],
    ]);
    expect(r.errors).toEqual([]);
  });

  it('a header that is neither stays the name', () => {
    const r = decodeText(csvMetrics, 'Time,{},weird{a b}\n2023-11-14T22:13:20Z,1,2\n');
    expect(points(r).map((p) => [p.name, p.labels])).toEqual([
      ['{}', {}],
      ['weird{a b}', {}],
    ]);
  });
});

describe('Grafana "Formatted data" CSV: values with units', () => {
  // Inspect → Data → Download CSV with "Formatted data" on writes each value with its unit, scaled
  // per value (999 ms, then 1.20 s in the same column). These cells were 'invalid-number' (a
  // percent-only file was not even recognised). 3 rows × 4 columns = 12 points; values in the
  // family's base unit so the cells of one column agree.
  const text = [
    '"Time","latency{pod=""a""}","mem","rate","cpu"',
    '2023-11-14T22:13:20Z,999 ms,1.50 MiB,1.20 K req/s,10.0%',
    '2023-11-14T22:13:35Z,1.20 s,512 B,950 req/s,12.5%',
    '2023-11-14T22:13:50Z,2.5 min,1.00 GiB,3.00 K,0%',
    '',
  ].join('\n');

  it('reads every cell, rescaled to s / By, other units kept', () => {
    const r = decodeText(csvMetrics, text);
    expect(r.errors).toEqual([]);
    expect(points(r).map((p) => [p.name, p.value, p.unit])).toEqual([
      ['latency', 0.999, 's'],
      ['mem', 1.5 * 1024 * 1024, 'By'],
      ['rate', 1200, 'req/s'],
      ['cpu', 10, '%'],
      ['latency', 1.2, 's'],
      ['mem', 512, 'By'],
      ['rate', 950, 'req/s'],
      ['cpu', 12.5, '%'],
      ['latency', 150, 's'],
      ['mem', 1024 ** 3, 'By'],
      ['rate', 3000, undefined],
      ['cpu', 0, '%'],
    ]);
  });

  it('is sniffed as a metrics CSV, and reads the same in any chunking', () => {
    expect(sniffCsvMetrics(makeSniffInput(new TextEncoder().encode('"Time","Value"\n"2023-11-14T22:13:20.000Z","10.0%"\n"2023-11-14T22:13:35.000Z","12.5%"\n'), true))).toBeGreaterThan(0);
    const whole = JSON.stringify(points(decodeText(csvMetrics, text)), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const chunk of CHUNK_SIZES) {
      const r = decodeText(csvMetrics, text, chunk);
      expect(JSON.stringify(points(r), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).toBe(whole);
    }
  });

  it('a number glued to letters or an unknown word is still not a number', () => {
    const r = decodeText(csvMetrics, 'Time,v\n2023-11-14T22:13:20Z,1\n2023-11-14T22:13:25Z,2\n2023-11-14T22:13:30Z,3 ms\n2023-11-14T22:13:35Z,0x1F\n2023-11-14T22:13:50Z,200 OK\n2023-11-14T22:14:05Z,12abc\n');
    expect(points(r).map((p) => p.value)).toEqual([1, 2, 0.003]);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-number', 'invalid-number', 'invalid-number']);
  });
});

describe("Excel's sep= line (Grafana's 'Download for Excel')", () => {
  // BOM, `sep=,` then the header: the file was sniffed as text logs (3 'log records'). Now the line
  // gives the delimiter and the header is the next line: 2 rows × 2 columns = 4 points, 2 series of
  // one metric; the row offsets count the BOM (3 bytes) and the sep line (7 bytes with CRLF); a
  // data row is 30 bytes with its CRLF.
  const header = '"Time","cpu{instance=""a""}","cpu{instance=""b""}"\r\n';
  const text = `\uFEFFsep=,\r\n${header}2023-11-14T22:13:20Z,0.5,0.7\r\n2023-11-14T22:13:35Z,0.6,0.8\r\n`;
  it('comma: sniffed as csv-metrics, 4 points, lines and offsets of the file, in any chunking', () => {
    expect(sniffCsvMetrics(makeSniffInput(new TextEncoder().encode(text), true))).toBeGreaterThan(0);
    for (const chunk of [undefined, ...CHUNK_SIZES]) {
      const r = decodeText(csvMetrics, text, chunk);
      expect(r.errors).toEqual([]);
      expect(points(r).map((p) => [p.labels, p.value, p.source.line, p.source.offset])).toEqual([
        [{ instance: 'a' }, 0.5, 3, 10 + header.length],
        [{ instance: 'b' }, 0.7, 3, 10 + header.length],
        [{ instance: 'a' }, 0.6, 4, 10 + header.length + 30],
        [{ instance: 'b' }, 0.8, 4, 10 + header.length + 30],
      ]);
    }
  });

  it('semicolon with decimal commas: the sep line decides the delimiter', () => {
    const r = decodeText(csvMetrics, 'sep=;\r\n"Time";"A";"B"\r\n2023-11-14T22:13:20Z;0,5;0,7\r\n');
    expect(points(r).map((p) => [p.name, p.value])).toEqual([
      ['A', 0.5],
      ['B', 0.7],
    ]);
  });
});
