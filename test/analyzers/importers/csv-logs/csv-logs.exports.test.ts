// Log exports as CSV from common tools: Azure Monitor Log Analytics, Datadog's Log Explorer,
// PostgreSQL's csvlog with its header, and a header wider than a record keeps.
//
// Azure Monitor Log Analytics "Export → CSV (all columns)": a header cell names its zone
// (`TimeGenerated [UTC]`), the values are the portal's US-locale times (`11/14/2023, 10:13:20.123 PM`),
// and the message column has the table's own name (ContainerLog: LogEntry; Syslog: SyslogMessage;
// Event: RenderedDescription). Before, such a file was read as text-log lines, the header one of
// them (3 records, no times); now 2 records with their UTC times, from content only.
import { describe, expect, it } from 'vitest';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import { analyseText } from '../../../helpers/analyse.js';

const sniffed = (text: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;

describe('csv-logs: Azure Log Analytics exports', () => {
  const containerLog = [
    'TimeGenerated [UTC],Computer,ContainerName,LogEntry,LogEntrySource',
    '"11/14/2023, 10:13:20.123 PM",aks-node-1,checkout,"ERROR payment failed",stderr',
    '"11/14/2023, 10:13:21.000 PM",aks-node-1,checkout,"{""level"":""info"",""msg"":""ok""}",stdout',
    '',
  ].join('\r\n');

  it('ContainerLog: computer, container and stream are labels: a text LogEntry is free text, a JSON one structured', () => {
    expect(logs(decodeText(csvLogs, containerLog)).map((x) => x.structured)).toEqual([false, true]);
  });

  it('ContainerLog: the [UTC] column is the time, in UTC; LogEntry is the message (text or JSON)', () => {
    expect(sniffed(containerLog)).toBe('csv-logs');
    const r = decodeText(csvLogs, containerLog);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => [x.body, x.severityNumber, x.timeNs, x.timeWithoutZone])).toEqual([
      ['ERROR payment failed', 17, 1_700_000_000_123_000_000n, undefined], // 22:13:20.123Z = 1700000000.123 s
      ['ok', 9, 1_700_000_001_000_000_000n, undefined],
    ]);
    expect(recs[0]!.resource.serviceName).toBe('checkout');
    expect(recs[0]!.attributes['LogEntrySource']).toBe('stderr');
    expectChunkingInvariant(csvLogs, new TextEncoder().encode(containerLog));
  });

  it('Syslog: SyslogMessage is the message; EventTime [UTC] (the event\'s own time) is the time; a time with its own zone keeps it', () => {
    const syslog = [
      'TimeGenerated [UTC],Computer,Facility,SeverityLevel,SyslogMessage,EventTime [UTC]',
      '"11/14/2023, 10:13:21.000 PM",vm-1,daemon,err,"sshd[12]: error: kex_exchange_identification","11/14/2023, 10:13:20.000 PM"',
      '"11/14/2023, 10:13:22.000 PM",vm-1,daemon,info,"cron[9]: job done",2023-11-14T22:13:21+01:00',
      '',
    ].join('\n');
    expect(sniffed(syslog)).toBe('csv-logs');
    const recs = logs(decodeText(csvLogs, syslog));
    expect(recs.map((x) => [x.body, x.timeNs, x.timeWithoutZone])).toEqual([
      ['sshd[12]: error: kex_exchange_identification', 1_700_000_000_000_000_000n, undefined], // 22:13:20Z
      ['cron[9]: job done', 1_699_996_401_000_000_000n, undefined], // 22:13:21+01:00 = 21:13:21Z
    ]);
    // The other [UTC] column keeps its cell as written (its zone is the header's).
    expect(recs[0]!.attributes['TimeGenerated']).toBe('11/14/2023, 10:13:21.000 PM');
    expectChunkingInvariant(csvLogs, new TextEncoder().encode(syslog));
  });
});

describe('csv-logs: Datadog Log Explorer CSV export', () => {
  it('Status is the level when it is one of Datadog\'s status words; an HTTP status or `failure` is not', () => {
    const text = ['Date,Host,Service,Status,Message', '2023-11-14T22:13:20.123Z,web01,checkout,error,payment failed', '2023-11-14T22:13:21.000Z,web01,checkout,Warn,slow', '2023-11-14T22:13:22.000Z,web01,checkout,ok,fine', '', 'time,status,message', '2023-11-14T22:13:23Z,200,GET /', '2023-11-14T22:13:24Z,failure,job'].join('\n');
    const [dd, http] = text.split('\n\n');
    expect(logs(decodeText(csvLogs, dd!)).map((x) => [x.severityNumber, x.severityText])).toEqual([[17, 'error'], [13, 'Warn'], [undefined, undefined]]);
    expect(logs(decodeText(csvLogs, http!)).map((x) => [x.severityNumber, x.attributes['status']])).toEqual([[undefined, '200'], [undefined, 'failure']]);
  });
});

describe('csv-logs: a header of more columns than a record keeps', () => {
  it('reads each row bounded (the first 1,024 cells, the named columns too) with the same report as reading it whole', () => {
    // 3,000 extra columns, some empty per row; one named column (`service`) far to the right.
    const n = 3000;
    const header = ['time', 'message', ...Array.from({ length: n }, (_, i) => `c${i}`), 'service'];
    const row = (r: number) => [`2023-11-14T22:13:2${r}Z`, `msg ${r}`, ...Array.from({ length: n }, (_, i) => ((i + r) % 5 === 0 ? '' : String(i))), 'checkout'];
    const text = [header, row(0), row(1)].map((cells) => cells.join(',')).join('\n') + '\n';
    const input = analyseText(text, undefined, 'wide.csv');
    expect([input.format, input.records, input.rejected]).toEqual(['csv-logs', 2, 0]);
    // attributes per row: 3,000 − 600 empty = 2,400 c-cells, and `service` (kept as an attribute too,
    // as every named column is) = 2,401; kept 1,024 → 1,377 dropped, as reading the row whole gave
    expect(input.errors.map((e) => [e.code, e.line, e.message.replace(/.*: the first kept, /, '')])).toEqual([
      ['too-many-attributes', 2, '1377 attributes dropped'],
      ['too-many-attributes', 3, '1377 attributes dropped'],
    ]);
    const [rec] = logs(decodeText(csvLogs, text));
    expect(rec!.resource.serviceName).toBe('checkout'); // past the bound, read by name
    // As the importer hands it over: 1,024 ordinary cells and the named column, 1,376 counted;
    // the analysis trims the one attribute over 1,024 and reports 1,377, as above.
    expect(Object.keys(rec!.attributes)).toHaveLength(1025);
    expect(rec!.droppedAttributes).toBe(1376);
    expectChunkingInvariant(csvLogs, new TextEncoder().encode(text));
  });
});

describe('csv-logs: PostgreSQL csvlog exported with its header row', () => {
  it('error_severity is the level and process_id the pid', () => {
    const text = [
      'log_time,user_name,database_name,process_id,connection_from,session_id,session_line_num,command_tag,session_start_time,virtual_transaction_id,transaction_id,error_severity,sql_state_code,message',
      '2023-11-14 22:13:20.123 UTC,postgres,shop,1234,127.0.0.1:5432,6553a1b0.4d2,1,SELECT,2023-11-14 22:13:19 UTC,3/12,0,ERROR,42P01,"relation ""orders"" does not exist"',
      '2023-11-14 22:13:21.000 UTC,postgres,shop,1234,127.0.0.1:5432,6553a1b0.4d2,2,idle,2023-11-14 22:13:19 UTC,3/13,0,LOG,00000,statement: SELECT 1',
      '',
    ].join('\n');
    const recs = logs(decodeText(csvLogs, text));
    expect(recs.map((x) => [x.body, x.severityNumber, x.severityText, x.resource.attributes['process.pid'], x.timeNs])).toEqual([
      ['relation "orders" does not exist', 17, 'ERROR', 1234, 1_700_000_000_123_000_000n],
      ['statement: SELECT 1', 9, 'LOG', 1234, 1_700_000_001_000_000_000n],
    ]);
  });
});

describe('csv-logs: which rows count as structured', () => {
  const structured = (text: string) => logs(decodeText(csvLogs, text)).map((x) => x.structured);

  it('a time and labels around a raw line are as structured as the line: JSON and logfmt are, text is not', () => {
    // Grafana's inspector CSV of a Loki query (labels, Time, Line, tsNs, id)
    const loki = [
      '"labels","Time","Line","tsNs","id"',
      '"{""app"":""api""}",2024-01-05 10:00:00.123,"GET /health 200 3ms",1704448800123456789,a',
      '"{""app"":""api""}",2024-01-05 10:00:01.123,"level=error msg=""db down""",1704448801123456789,b',
      '"{""app"":""api""}",2024-01-05 10:00:02.123,"{""level"":""info"",""msg"":""ok""}",1704448802123456789,c',
      '',
    ].join('\r\n');
    expect(structured(loki)).toEqual([false, true, true]);
    expectChunkingInvariant(csvLogs, new TextEncoder().encode(loki));
    // Kibana Discover's CSV report with only the message column chosen
    expect(structured('"@timestamp",message\n"2024-01-05T10:00:00.123Z","connection reset by peer"\n')).toEqual([false]);
  });

  it('a row with fields of its own (level, component, pid, event id) is structured whatever its message', () => {
    expect(structured('Date,Host,Service,Status,Message\n2024-01-05T10:00:00Z,web-1,api,error,"connection reset by peer"\n')).toEqual([true]);
    // Loghub's parsed CSV (OpenSSH logs have no level: component, pid and the mined event are fields)
    expect(structured('LineId,Date,Day,Time,Component,Pid,Content,EventId,EventTemplate\n1,Dec,10,06:55:46,LabSZ,24200,reverse mapping checking getaddrinfo failed,E27,reverse mapping checking <*> failed\n')).toEqual([true]);
  });
});
