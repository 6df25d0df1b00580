// Log exports of logging platforms as CSV: the platform's own metadata columns (Splunk's _serial,
// splunk_server, linecount; CloudWatch's @log, @logStream; Azure's LogSource) do not make a raw
// text row structured, nor does Kibana's `-` for a missing field; Azure's SeverityLevel (text, or
// Application Insights' 0–4), AppRoleName and OperationId, and Graylog's numeric syslog levels
// are read. Expected values are read off the rows by hand.
import { describe, expect, it } from 'vitest';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { decodeText, logs } from '../jsonl-logs/log-test-helpers.js';

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
