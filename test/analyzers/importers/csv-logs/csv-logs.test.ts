import { describe, expect, it } from 'vitest';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { decodeFile, decodeText, expectChunkingInvariant, expectCodedErrors, junkBytes, logs, pushHugeLine, readData, sniffedFormat } from '../jsonl-logs/log-test-helpers.js';

const NEZHA = 'incident-nezha/trainticket-2023-01-30/';

describe('csv-logs on the Nezha log CSVs', () => {
  // rows counted with python3: len(list(csv.reader(f))) - 1 (all rows have 8 fields)
  const counts: Record<string, number> = { '11_51_log.csv': 1975, '11_52_log.csv': 1383, '11_53_log.csv': 1824 };
  for (const [file, n] of Object.entries(counts)) {
    it(`${file}: ${n} records, sniffed as csv-logs`, () => {
      const r = decodeFile(csvLogs, NEZHA + 'log/' + file);
      expect(r.progress.records).toBe(n);
      expect(r.progress.rejected).toBe(0);
      expect(r.errors).toHaveLength(0);
      expect(sniffedFormat(NEZHA + 'log/' + file)).toBe('csv-logs');
    });
  }

  it('the docker json-file cell is unwrapped; columns give time, ids, pod and service', () => {
    const [rec] = logs(decodeFile(csvLogs, NEZHA + 'log/11_51_log.csv'));
    // first data row (head -2): TimeUnixNano 1675079459971622667, TraceID 2ffbc4a0…, SpanID 04ba577c01a08838
    expect(rec!.timeNs).toBe(1675079459971622667n);
    expect(rec!.timeWithoutZone).toBeUndefined();
    expect(rec!.traceId).toBe('2ffbc4a03bbc5600a45841d05e452454');
    expect(rec!.spanId).toBe('04ba577c01a08838');
    expect(rec!.resource.attributes['k8s.pod.name']).toBe('ts-travel-service-64469b5b48-5rjvb');
    expect(rec!.resource.serviceName).toBe('ts-travel-service');
    expect(rec!.severityNumber).toBe(9); // "19:50:59.971 INFO  t.s.TravelServiceImpl#457 …"
    expect((rec!.body as string).startsWith('19:50:59.971 INFO  t.s.TravelServiceImpl#457 TraceID:')).toBe(true);
    expect(rec!.attributes['log.iostream']).toBe('stdout');
    expect(rec!.source.line).toBe(2);
    expect(rec!.structured).toBe(true);
  });

  it('trace and metric CSVs of the same incident are not claimed', () => {
    expect(sniffedFormat(NEZHA + 'trace/11_51_trace.csv')).not.toBe('csv-logs');
    expect(sniffedFormat(NEZHA + 'metric/front_service.csv')).not.toBe('csv-logs');
    const spanHeader = 'TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration\n';
    expect(csvLogs.sniff({ bytes: new Uint8Array(), text: spanHeader, complete: true })).toBe(0);
    expect(csvLogs.sniff({ bytes: new Uint8Array(), text: 'time,cpu,mem\n1675079459,0.5,12\n', complete: true })).toBe(0);
  });
});

describe('csv-logs on the Loghub structured CSVs', () => {
  // 2000 rows each (python3 csv.reader); split Date/Time (and Month/Day) columns are read together
  const expected: Record<string, { first: string; withoutYear?: boolean; severity?: number }> = {
    HDFS: { first: '2008-11-09T20:36:15.000Z', severity: 9 }, // 081109,203615 (yymmdd hhmmss), INFO
    Hadoop: { first: '2015-10-18T18:01:47.978Z', severity: 9 }, // 2015-10-18,"18:01:47,978"
    Windows: { first: '2016-09-28T04:30:30.000Z', severity: 9 }, // Info
    BGL: { first: '2005-06-03T22:42:50.000Z', severity: 9 }, // Timestamp column 1117838570 (epoch s)
    HPC: { first: '2004-02-26T14:12:22.000Z' }, // Time column 1077804742 (epoch s)
    Android: { first: '-03-17T16:13:38.811Z', withoutYear: true, severity: 5 }, // 03-17,16:13:38.811, level D
    Linux: { first: '-06-14T15:16:01.000Z', withoutYear: true }, // Jun,14,15:16:01
    OpenSSH: { first: '-12-10T06:55:46.000Z', withoutYear: true }, // Dec,10,06:55:46
  };
  for (const [sys, exp] of Object.entries(expected)) {
    it(`${sys}: 2000 records, first time ${exp.first}`, () => {
      const file = `loghub/${sys}/${sys}_2k.log_structured.csv`;
      const r = decodeFile(csvLogs, file);
      expect(r.progress.records).toBe(2000);
      expect(r.errors).toHaveLength(0);
      const rec = logs(r)[0]!;
      const iso = new Date(Number(rec.timeNs! / 1_000_000n)).toISOString();
      if (exp.withoutYear) expect(iso.slice(4)).toBe(exp.first);
      else expect(iso).toBe(exp.first);
      expect(rec.timeWithoutYear ?? false).toBe(exp.withoutYear ?? false);
      if (exp.severity !== undefined) expect(rec.severityNumber).toBe(exp.severity);
      expect(sniffedFormat(file)).toBe('csv-logs');
    });
  }
});

describe('csv-logs framing and hostile input', () => {
  it('quoted multi-line messages: one record, provenance is the first line', () => {
    const text = 'time,level,message\n2023-01-30T11:51:46Z,ERROR,"boom\n\tat a.b(C.java:1)\n\tat d.e(F.java:2)"\n2023-01-30T11:51:47Z,INFO,ok\n';
    const recs = logs(decodeText(csvLogs, text));
    expect(recs.map((r) => r.source.line)).toEqual([2, 5]);
    expect(recs[0]!.body).toBe('boom\n\tat a.b(C.java:1)\n\tat d.e(F.java:2)');
    expect(recs[0]!.severityNumber).toBe(17);
  });
  it('a message cell with JSON is read as a structured record', () => {
    const recs = logs(decodeText(csvLogs, 'pod,log\nweb-7d9c8b6f5-abcde,"{""level"":""warn"",""msg"":""slow"",""trace_id"":""0af7651916cd43dd8448eb211c80319c""}"\n'));
    expect(recs[0]!.body).toBe('slow');
    expect(recs[0]!.severityNumber).toBe(13);
    expect(recs[0]!.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(recs[0]!.resource.serviceName).toBe('web');
  });
  it('rows with a wrong field count are reported; unterminated quotes at the end are truncated', () => {
    const r = decodeText(csvLogs, 'time,message\n2023-01-30T11:51:46Z\n2023-01-30T11:51:47Z,ok\n2023-01-30T11:51:48Z,"never closed\n');
    // CsvReader reports the unterminated tail before it flushes the last batch of rows: compare by line
    expect(r.errors.map((e) => [e.code, e.line]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([['invalid-record', 2], ['truncated', 4]]);
    expect(r.progress).toMatchObject({ records: 1, rejected: 2 });
  });
  it('no message column → missing-field, rows rejected', () => {
    const r = decodeText(csvLogs, 'a,b\n1,2\n');
    expect(r.errors.map((e) => e.code)).toEqual(['missing-field']);
    expect(r.progress).toMatchObject({ records: 0, rejected: 1 });
  });
  it('empty → empty-input; junk → coded errors', () => {
    expect(decodeText(csvLogs, '').errors.map((e) => e.code)).toEqual(['empty-input']);
    expectCodedErrors(decodeBytes(csvLogs, junkBytes(20_000), 'input'));
  });
  it('invalid UTF-8 → record read plus invalid-utf8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('time,message\n2023-01-30T11:51:46Z,bad '), 0xc3, 0x28, 10]);
    const r = decodeBytes(csvLogs, bytes, 'input');
    expect(r.records).toHaveLength(1);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-utf8']);
  });
  it('a 300 MB line → line-too-long with bounded memory', () => {
    const { result, heapGrowthBytes } = pushHugeLine(csvLogs, 300 * 1024 * 1024, 'time,message\n2023-01-30T11:51:46Z,');
    expect(result.errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(heapGrowthBytes).toBeLessThan(200 * 1024 * 1024);
  });
  it('whole = 1-, 7-, 4096-byte chunks', () => {
    expectChunkingInvariant(csvLogs, readData('loghub/Hadoop/Hadoop_2k.log_structured.csv').subarray(0, 40_000));
    expectChunkingInvariant(csvLogs, readData(NEZHA + 'log/11_52_log.csv').subarray(0, 60_000));
    expectChunkingInvariant(csvLogs, readData(NEZHA + 'log/11_52_log.csv'), [4096]);
  });
});

describe('csv-logs: a Kibana Discover CSV export', () => {
  it('reads its "Jan 1, 2024 @ 00:00:00.123" dates (as times without zone), not an invalid-timestamp per row', () => {
    const text = '"@timestamp",message,"log.level","service.name"\n"Jan 1, 2024 @ 00:00:00.123","hello world",info,api\n"Dec 31, 2023 @ 23:59:59.000","bye, world",error,api\n';
    const r = decodeText(csvLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.timeNs, x.timeWithoutZone, x.body])).toEqual([
      [BigInt(Date.UTC(2024, 0, 1, 0, 0, 0, 123)) * 1_000_000n, true, 'hello world'],
      [BigInt(Date.UTC(2023, 11, 31, 23, 59, 59)) * 1_000_000n, true, 'bye, world'],
    ]);
  });
});
