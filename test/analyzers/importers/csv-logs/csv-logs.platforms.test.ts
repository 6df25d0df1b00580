// Log exports of logging platforms as CSV: the platform's own metadata columns (Splunk's _serial,
// splunk_server, linecount; CloudWatch's @log, @logStream; Azure's LogSource) do not make a raw
// text row structured, nor does Kibana's `-` for a missing field; Azure's SeverityLevel (text, or
// Application Insights' 0–4), AppRoleName and OperationId, and Graylog's numeric syslog levels
// are read. Expected values are read off the rows by hand.
import { describe, expect, it } from 'vitest';
import { csvLogs, postgresCsvlogHeader } from '../../../../analyzers/importers/csv-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

describe('CSV log exports of logging platforms', () => {
  it('metadata columns and `-` cells leave a raw text row free text; a JSON message is structured', () => {
    const splunk = '_serial,_time,source,host,index,splunk_server,_raw,linecount\n0,2024-01-01T10:15:30.000+01:00,/var/log/app.log,web-1,main,idx1,"Jan  1 10:15:30 web-1 sshd[1]: Failed password",1\n1,2024-01-01T10:15:31.000+01:00,/var/log/app.log,web-1,main,idx1,"{""level"":""error"",""msg"":""boom""}",1\n';
    expect(logs(decodeText(csvLogs, splunk)).map((r) => r.structured)).toEqual([false, true]);
    const cw = '@timestamp,@message,@logStream,@log\n2024-01-01 00:00:00.123,START RequestId: 1c2d Version: $LATEST,2024/01/01/[$LATEST]abc,123456789012:/aws/lambda/my-fn\n';
    expect(logs(decodeText(csvLogs, cw)).map((r) => r.structured)).toEqual([false]);
    const kibana = '@timestamp,level,message\n"Jan 1, 2024 @ 00:00:00.123",-,plain text line\n"Jan 1, 2024 @ 00:00:01.000",info,another line\n';
    expect(logs(decodeText(csvLogs, kibana)).map((r) => r.structured)).toEqual([false, true]);
  });

  it("Azure's SeverityLevel, AppRoleName and OperationId; Graylog's numeric levels on the syslog scale", () => {
    const app = 'TimeGenerated [UTC],Message,SeverityLevel,AppRoleName,OperationId\n"1/1/2024, 12:00:00.123 AM",Payment declined,3,payments-api,4bf92f3577b34da6a3ce929d0e0e4736\n"1/1/2024, 12:00:01.000 AM",Request handled,1,payments-api,4bf92f3577b34da6a3ce929d0e0e4736\n';
    expect(logs(decodeText(csvLogs, app)).map((r) => [r.severityNumber, r.severityText, r.resource.serviceName, r.traceId])).toEqual([
      [17, 'Error', 'payments-api', '4bf92f3577b34da6a3ce929d0e0e4736'],
      [9, 'Information', 'payments-api', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ]);
    const syslog = 'TimeGenerated [UTC],Computer,SeverityLevel,SyslogMessage\n"1/1/2024, 12:00:00.123 AM",vm-1,err,sshd[123]: Failed password\n';
    expect(logs(decodeText(csvLogs, syslog)).map((r) => r.severityNumber)).toEqual([17]);
    const graylog = '"timestamp","source","message","level"\n"2024-01-01T00:00:00.123Z","host-1","User login","6"\n"2024-01-01T00:00:01.123Z","host-1","Login failed","3"\n';
    expect(logs(decodeText(csvLogs, graylog)).map((r) => [r.severityNumber, r.severityText])).toEqual([[9, 'info'], [17, 'err']]);
  });
});

describe("Grafana's Loki log frame as CSV", () => {
  it('reads the labels column as fields (service, level); detected_level is a level but no field of the source', () => {
    const frame = '"Date","labels","Time","Line","tsNs","id"\n"2024-01-01T00:00:00.123Z","{""level"":""warn"",""service_name"":""api""}",1704067200123,"plain text","1704067200123456789","x1"\n';
    expect(logs(decodeText(csvLogs, frame)).map((r) => [r.resource.serviceName, r.severityNumber, r.structured])).toEqual([['api', 13, false]]);
    const detected = 'Date,Line,service_name,detected_level,pod\n2024-01-01T00:00:00.123Z,started worker,orders,info,orders-1\n';
    expect(logs(decodeText(csvLogs, detected)).map((r) => [r.resource.serviceName, r.severityNumber, r.structured])).toEqual([['orders', 9, false]]);
  });
});

describe("Google Cloud's Logs Explorer CSV", () => {
  it('is read: the message is textPayload, else jsonPayload.message; the trace from its resource name', () => {
    const text = 'timestamp,severity,textPayload,jsonPayload.message,resource.type,trace\n2024-01-01T00:00:00.123456Z,ERROR,boom,,k8s_container,projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736\n2024-01-01T00:00:01Z,INFO,,structured ok,k8s_container,\n';
    expect(logs(decodeText(csvLogs, text)).map((r) => [r.body, r.severityNumber, r.traceId])).toEqual([
      ['boom', 17, '4bf92f3577b34da6a3ce929d0e0e4736'],
      ['structured ok', 9, undefined],
    ]);
  });
});

describe("Kibana's Discover CSV with no column chosen", () => {
  it('reads each hit from its _source JSON (message, level, service), and is sniffed as csv-logs', async () => {
    const { makeSniffInput, sniffFormat } = await import('../../../../analyzers/importers/sniff.js');
    const text = '@timestamp,_source\n"Jan 1, 2024 @ 00:00:00.123","{""@timestamp"":""2024-01-01T00:00:00.123Z"",""log"":{""level"":""error""},""message"":""boom"",""service"":{""name"":""api""}}"\n';
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('csv-logs');
    expect(logs(decodeText(csvLogs, text)).map((r) => [r.body, r.severityNumber, r.resource.serviceName, r.structured])).toEqual([['boom', 17, 'api', true]]);
  });
});

describe('Azure Log Analytics export in the local time', () => {
  it('reads `TimeGenerated [Local Time]` as the time, without a zone (it had no time)', () => {
    const recs = logs(decodeText(csvLogs, 'TimeGenerated [Local Time],Computer,SyslogMessage\n"1/1/2024, 1:00:00.000 AM",vm,msg a\n'));
    expect(recs.map((r) => [r.timeNs, r.timeWithoutZone])).toEqual([[BigInt(Date.UTC(2024, 0, 1, 1)) * 1_000_000n, true]]);
  });
});

describe('small numeric levels outside CSV', () => {
  it('stay unread in JSON records (Nextcloud writes 0 debug … 4 fatal; 1 is no syslog alert there)', async () => {
    const { jsonlLogs } = await import('../../../../analyzers/importers/jsonl-logs/index.js');
    const recs = logs(decodeText(jsonlLogs, '{"reqId":"a","level":1,"time":"2024-01-01T00:00:00+00:00","app":"core","message":"x"}\n'));
    expect(recs.map((r) => [r.severityNumber, r.severityText])).toEqual([[undefined, '1']]);
  });
});

describe('PostgreSQL csvlog (no header row)', () => {
  // log_destination = 'csvlog' (PostgreSQL docs, "Using CSV-Format Log Output"): no header; 26
  // columns from PostgreSQL 14 (log_time … application_name, backend_type, leader_pid, query_id),
  // 24 in 13, 23 before. A quoted field may hold newlines (the third record's message).
  const pg15 = [
    '2023-11-14 22:13:20.123 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,1,"SELECT",2023-11-14 22:13:19 UTC,3/12,0,ERROR,42P01,"relation ""orders"" does not exist",,,,,,"SELECT * FROM orders",15,,"psql","client backend",,0',
    '2023-11-14 22:13:21.000 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,2,"idle",2023-11-14 22:13:19 UTC,3/13,0,LOG,00000,"statement: SELECT 1",,,,,,,,,"psql","client backend",,0',
    '2023-11-14 22:13:22.000 UTC,,,99,,6553a1b1.63,1,,2023-11-14 22:13:22 UTC,,0,FATAL,57P01,"terminating connection',
    'due to administrator command",,,,,,,,,"","autovacuum worker",,0',
    '',
  ].join('\n');
  const sniffed = (text: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;

  it('is found by its content and read by its documented columns: structured, the message as the body, one record per quoted multi-line row', () => {
    expect(sniffed(pg15)).toBe('csv-logs');
    const r = decodeText(csvLogs, pg15);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.severityNumber, x.severityText, x.resource.attributes['process.pid'], x.structured])).toEqual([
      [1, 17, 'ERROR', 1234, true],
      [2, 9, 'LOG', 1234, true],
      [3, 21, 'FATAL', 99, true],
    ]);
    expect(recs.map((x) => x.body)).toEqual(['relation "orders" does not exist', 'statement: SELECT 1', 'terminating connection\ndue to administrator command']);
    expect(recs[0]!.timeNs).toBe(1_700_000_000_123_000_000n);
    expect([recs[0]!.attributes['sql_state_code'], recs[0]!.attributes['database_name'], recs[0]!.attributes['query']]).toEqual(['42P01', 'shop', 'SELECT * FROM orders']);
    expectChunkingInvariant(csvLogs, new TextEncoder().encode(pg15));
  });

  it('PostgreSQL 12 and 13 widths (23 and 24 columns) too; a row of another shape is no csvlog', () => {
    const pg12 = '2023-11-14 22:13:20.123 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,1,"SELECT",2023-11-14 22:13:19 UTC,3/12,0,WARNING,01000,"careful",,,,,,,,,"psql"\n';
    expect(sniffed(pg12)).toBe('csv-logs');
    expect(logs(decodeText(csvLogs, pg12)).map((x) => [x.severityNumber, x.body, x.structured])).toEqual([[13, 'careful', true]]);
    const pg13 = pg12.replace('"psql"\n', '"psql","client backend"\n');
    expect(logs(decodeText(csvLogs, pg13)).map((x) => [x.severityNumber, x.attributes['backend_type']])).toEqual([[13, 'client backend']]);
    // 25 columns (no PostgreSQL writes that many), or no severity where csvlog has it: not claimed as csvlog
    expect(postgresCsvlogHeader(pg13.trim().split(',').concat('x'))).toBeUndefined();
    expect(postgresCsvlogHeader(pg12.trim().replace('WARNING', 'Careful').split(','))).toBeUndefined();
  });
});
