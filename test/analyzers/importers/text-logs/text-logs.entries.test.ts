import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { detectEntryLayout } from '../../../../analyzers/importers/text-logs/entries.js';

const enc = (s: string) => new TextEncoder().encode(s);
const sniff = (s: string) => sniffFormat(makeSniffInput(enc(s), true));

// MySQL 8.0 slow query log (MySQL reference manual, "The Slow Query Log"): mysqld's header when it
// opens the file (again after a restart), `# Time:` in UTC with microseconds, `use db;` where the
// database changed, `SET timestamp=<epoch>;`, then the statement over its lines.
const MYSQL = [
  '/usr/sbin/mysqld, Version: 8.0.35 (MySQL Community Server - GPL). started with:',
  'Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock',
  'Time                 Id Command    Argument',
  '# Time: 2024-01-15T10:23:45.123456Z',
  '# User@Host: app[app] @ localhost []  Id:    12',
  '# Query_time: 2.500123  Lock_time: 0.000102 Rows_sent: 1  Rows_examined: 500000',
  'use shop;',
  'SET timestamp=1705314225;',
  "SELECT COUNT(*) FROM orders WHERE status = 'pending';",
  '# Time: 2024-01-15T10:24:01.000200Z',
  '# User@Host: report[report] @ web-2 [10.0.0.5]  Id:    13',
  '# Query_time: 5.012345  Lock_time: 0.000200 Rows_sent: 10  Rows_examined: 1200000',
  'SET timestamp=1705314241;',
  'SELECT o.id, c.name',
  'FROM orders o',
  '',
  'ORDER BY o.created_at DESC;',
  '/usr/sbin/mysqld, Version: 8.0.35 (MySQL Community Server - GPL). started with:',
  'Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock',
  'Time                 Id Command    Argument',
  '# Time: 2024-01-15T11:00:00.000001Z',
  '# User@Host: root[root] @ localhost []  Id:     8',
  '# Query_time: 3.000000  Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 0',
  'SET timestamp=1705316400;',
  'SELECT SLEEP(3);',
  '',
].join('\n');

// MariaDB 10.x: `# Time: YYMMDD HH:MM:SS` (local), left out for a second query of the same second;
// `# Thread_id: … Schema: … QC_hit: …` and `# Rows_affected: … Bytes_sent: …` lines.
const MARIADB = [
  '/usr/sbin/mariadbd, Version: 10.11.6-MariaDB-0+deb12u1-log (Debian 12). started with:',
  'Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock',
  'Time\t\t    Id Command\tArgument',
  '# Time: 240115 10:23:45',
  '# User@Host: app[app] @ localhost []',
  '# Thread_id: 31  Schema: shop  QC_hit: No',
  '# Query_time: 2.500123  Lock_time: 0.000102  Rows_sent: 1  Rows_examined: 500000',
  '# Rows_affected: 0  Bytes_sent: 64',
  'SET timestamp=1705314225;',
  "SELECT COUNT(*) FROM orders WHERE status = 'pending';",
  '# User@Host: app[app] @ localhost []',
  '# Thread_id: 31  Schema:   QC_hit: No',
  '# Query_time: 1.100000  Lock_time: 0.000010  Rows_sent: 5  Rows_examined: 90000',
  '# Rows_affected: 0  Bytes_sent: 300',
  'SET timestamp=1705314226;',
  'SELECT * FROM orders ORDER BY created_at DESC LIMIT 5;',
  '',
].join('\n');

describe('text-logs: MySQL slow query log', () => {
  it('one record per query, the timing fields as attributes; mysqld\'s header lines are no records', () => {
    expect(sniff(MYSQL).spec?.id).toBe('text-logs');
    const r = decodeText(textLogs, MYSQL);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs).toHaveLength(3);
    const [a, b, c] = recs as [(typeof recs)[0], (typeof recs)[0], (typeof recs)[0]];
    expect(a.body).toBe("SELECT COUNT(*) FROM orders WHERE status = 'pending';");
    expect(a.timeNs).toBe(1705314225123456000n);
    expect(a.timeWithoutZone).toBeUndefined();
    expect(a.structured).toBe(true);
    expect(a.source.line).toBe(4);
    expect(a.resource.serviceName).toBe('mysqld');
    expect(a.attributes).toEqual({
      'db.system': 'mysql', 'db.user': 'app', 'client.address': 'localhost', 'mysql.thread_id': 12, 'db.namespace': 'shop',
      'mysql.query_time': 2.500123, 'mysql.lock_time': 0.000102, 'mysql.rows_sent': 1, 'mysql.rows_examined': 500000,
    });
    // a statement over several lines, a blank line inside it kept
    expect(b.body).toBe('SELECT o.id, c.name\nFROM orders o\n\nORDER BY o.created_at DESC;');
    expect(b.attributes['client.address']).toBe('10.0.0.5');
    expect(b.attributes['mysql.query_time']).toBe(5.012345);
    expect(b.source.line).toBe(10);
    // after the header mysqld wrote again on a restart
    expect(c.body).toBe('SELECT SLEEP(3);');
    expect(c.source.line).toBe(21);
    expect(c.timeNs).toBe(1705316400000001000n);
  });

  it('MariaDB: an entry without `# Time:` begins at `# User@Host:`; a zone-less `# Time:` yields to SET timestamp', () => {
    const r = decodeText(textLogs, MARIADB);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => x.body)).toEqual(["SELECT COUNT(*) FROM orders WHERE status = 'pending';", 'SELECT * FROM orders ORDER BY created_at DESC LIMIT 5;']);
    expect(recs.map((x) => x.timeNs)).toEqual([1705314225000000000n, 1705314226000000000n]);
    expect(recs[0]!.timeWithoutZone).toBeUndefined();
    expect(recs[0]!.resource.serviceName).toBe('mariadbd');
    expect(recs[0]!.attributes['db.system']).toBe('mariadb');
    expect(recs[0]!.attributes['mysql.schema']).toBe('shop');
    expect(recs[0]!.attributes['mysql.bytes_sent']).toBe(64);
    // an empty `Schema:` is no value (the next key is not taken for it)
    expect(recs[1]!.attributes['mysql.schema']).toBeUndefined();
    expect(recs[1]!.attributes['mysql.qc_hit']).toBe('No');
    expect(recs.map((x) => x.source.line)).toEqual([4, 11]);
  });

  it('reads the same in any chunking', () => {
    expectChunkingInvariant(textLogs, enc(MYSQL));
    expectChunkingInvariant(textLogs, enc(MARIADB));
  });
});

// `journalctl -o verbose` (systemd logs-show.c output_verbose): the entry's time and cursor, then
// `    KEY=value` lines; a value's further lines indented under its first.
const JOURNAL = [
  'Mon 2024-01-15 10:23:45.123456 UTC [s=8f2a6c1e2b5d4a3f9e8d7c6b5a493827;i=1a2b;b=0123456789abcdef0123456789abcdef;m=2f3a4b5c;t=60ef9689e7080;x=9a8b7c6d5e4f3a2b]',
  '    _TRANSPORT=syslog',
  '    PRIORITY=3',
  '    SYSLOG_IDENTIFIER=nginx',
  '    _PID=1234',
  '    _SYSTEMD_UNIT=nginx.service',
  '    _HOSTNAME=web-1',
  '    MESSAGE=connect() failed (111: Connection refused)',
  '-- Boot 0123456789abcdef0123456789abcdef --',
  'Mon 2024-01-15 10:23:48.000000 UTC [s=8f2a6c1e2b5d4a3f9e8d7c6b5a493827;i=1a2e;b=0123456789abcdef0123456789abcdef;m=2f3a4b5f;t=60ef968ca5500;x=3a8b7c6d5e4f3a2b]',
  '    PRIORITY=2',
  '    SYSLOG_IDENTIFIER=api',
  '    _PID=2201',
  '    _HOSTNAME=web-1',
  '    MESSAGE=panic: runtime error: index out of range',
  '            goroutine 1 [running]:',
  '            main.main()',
  '    _BINARY=[3.2K blob data]',
  '',
].join('\n');

describe('text-logs: journalctl -o verbose', () => {
  it('one record per entry, read as the same entry of journalctl -o json is', () => {
    expect(sniff(JOURNAL).spec?.id).toBe('text-logs');
    const r = decodeText(textLogs, JOURNAL);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs).toHaveLength(2);
    const [a, b] = recs as [(typeof recs)[0], (typeof recs)[0]];
    expect(a.body).toBe('connect() failed (111: Connection refused)');
    expect(a.timeNs).toBe(1705314225123456000n);
    expect(a.severityNumber).toBe(17);
    expect(a.severityText).toBe('err');
    expect(a.resource.serviceName).toBe('nginx.service');
    expect(a.resource.attributes['host.name']).toBe('web-1');
    expect(a.structured).toBe(true);
    expect(b.body).toBe('panic: runtime error: index out of range\ngoroutine 1 [running]:\nmain.main()');
    expect(b.severityNumber).toBe(18); // PRIORITY=2, syslog crit → ERROR2 18 (OTel appendix B)
    // (no _SYSTEMD_UNIT: the syslog identifier)
    expect(b.resource.serviceName).toBe('api');
    expect(b.source.line).toBe(10);
    // the JSON export of the first entry gives the same record
    const json = JSON.stringify({ __CURSOR: 's=8f2a6c1e2b5d4a3f9e8d7c6b5a493827;i=1a2b;b=0123456789abcdef0123456789abcdef;m=2f3a4b5c;t=60ef9689e7080;x=9a8b7c6d5e4f3a2b', __REALTIME_TIMESTAMP: '1705314225123456', _TRANSPORT: 'syslog', PRIORITY: '3', SYSLOG_IDENTIFIER: 'nginx', _PID: '1234', _SYSTEMD_UNIT: 'nginx.service', _HOSTNAME: 'web-1', MESSAGE: 'connect() failed (111: Connection refused)' });
    const j = logs(decodeText(jsonlLogs, json + '\n'))[0]!;
    expect({ ...a, source: undefined }).toEqual({ ...j, source: undefined });
  });

  it('reads the same in any chunking', () => expectChunkingInvariant(textLogs, enc(JOURNAL)));
});

// `wevtutil qe System /f:text` (CRLF line ends): `Event[N]:`, two-space indented fields, the
// description on the lines after `Description:`, blank lines inside it kept.
const WEVTUTIL = [
  'Event[0]:', '  Log Name: System', '  Source: Service Control Manager', '  Date: 2024-01-15T10:23:45.1230000Z', '  Event ID: 7036', '  Task: N/A', '  Level: Information',
  '  Opcode: N/A', '  Keyword: Classic', '  User: N/A', '  User Name: N/A', '  Computer: WIN-SRV01', '  Description: ', 'The Windows Update service entered the stopped state.', '',
  'Event[1]:', '  Log Name: Application', '  Source: Application Error', '  Date: 2024-01-15T10:24:01.456', '  Event ID: 1000', '  Task: Application Crashing Events', '  Level: Error',
  '  Opcode: Info', '  Keyword: Classic', '  User: N/A', '  User Name: N/A', '  Computer: WIN-SRV01', '  Description: ',
  'Faulting application name: app.exe, version: 1.0.0.0', 'Exception code: 0xc0000005', '', 'Fault offset: 0x000000000009a2f1', '', '',
].join('\r\n');

describe('text-logs: wevtutil /f:text', () => {
  it('one record per event: the date, level, source as the service, computer as the host, the description as the message', () => {
    expect(sniff(WEVTUTIL).spec?.id).toBe('text-logs');
    const r = decodeText(textLogs, WEVTUTIL);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs).toHaveLength(2);
    const [a, b] = recs as [(typeof recs)[0], (typeof recs)[0]];
    expect(a.body).toBe('The Windows Update service entered the stopped state.');
    expect(a.timeNs).toBe(1705314225123000000n);
    expect(a.timeWithoutZone).toBeUndefined();
    expect(a.severityNumber).toBe(9);
    expect(a.resource.serviceName).toBe('Service Control Manager');
    expect(a.resource.attributes['host.name']).toBe('WIN-SRV01');
    // N/A fields are left out
    expect(a.attributes).toEqual({ 'Log Name': 'System', 'Event ID': 7036, Keyword: 'Classic' });
    expect(b.body).toBe('Faulting application name: app.exe, version: 1.0.0.0\nException code: 0xc0000005\n\nFault offset: 0x000000000009a2f1');
    expect(b.severityText).toBe('Error');
    expect(b.severityNumber).toBe(17);
    expect(b.timeWithoutZone).toBe(true);
    expect(b.source.line).toBe(16);
  });

  it('reads the same in any chunking', () => expectChunkingInvariant(textLogs, enc(WEVTUTIL)));
});

// A translated wevtutil's export: the same layout with other labels. No real output of a German,
// French or Spanish Windows was found (see entries.ts), so these are built from the English layout
// with the labels the task named (German, French): they test that the layout is read whatever the
// words, not that these are wevtutil's exact translations.
const WEVTUTIL_DE = [
  'Ereignis[0]:', '  Protokollname: System', '  Quelle: Service Control Manager', '  Datum: 2024-01-15T10:23:45.1230000Z', '  Ereignis-ID: 7036', '  Aufgabe: N/A', '  Ebene: Informationen',
  '  Computer: WIN-SRV01', '  Beschreibung: ', 'Der Dienst "Windows Update" befindet sich jetzt im Status "Beendet".', '',
  'Ereignis[1]:', '  Protokollname: Application', '  Quelle: Application Error', '  Datum: 2024-01-15T10:24:01.4560000Z', '  Ereignis-ID: 1000', '  Ebene: Fehler',
  '  Computer: WIN-SRV01', '  Beschreibung: ', 'Name der fehlerhaften Anwendung: app.exe, Version: 1.0.0.0', '', 'Ausnahmecode: 0xc0000005', '',
].join('\r\n');
const WEVTUTIL_FR = [
  'Événement[0]:', '  Nom du journal : System', '  Source : Service Control Manager', '  Date : 2024-01-15T10:23:45.1230000Z', '  ID de l’événement : 7036', '  Niveau : Information',
  '  Description : ', 'Le service Windows Update est entré dans l’état : arrêté.', '',
].join('\r\n');

describe('text-logs: wevtutil /f:text of a Windows in another language (read by its layout)', () => {
  it('German labels: one record per event, the ISO date as its time, the lines after the last empty field as its message (was a record a line)', () => {
    expect(sniff(WEVTUTIL_DE).spec?.id).toBe('text-logs');
    const r = decodeText(textLogs, WEVTUTIL_DE);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs).toHaveLength(2);
    const [a, b] = recs as [(typeof recs)[0], (typeof recs)[0]];
    expect(a.body).toBe('Der Dienst "Windows Update" befindet sich jetzt im Status "Beendet".');
    expect(a.timeNs).toBe(1705314225123000000n);
    // the other fields under their own labels (no meaning is guessed for an unknown word; `Computer` is wevtutil's English label)
    expect(a.attributes).toEqual({ Protokollname: 'System', Quelle: 'Service Control Manager', 'Ereignis-ID': '7036', Ebene: 'Informationen' });
    expect(a.resource.attributes['host.name']).toBe('WIN-SRV01');
    expect(b.body).toBe('Name der fehlerhaften Anwendung: app.exe, Version: 1.0.0.0\n\nAusnahmecode: 0xc0000005');
    expect(b.timeNs).toBe(1705314241456000000n);
    expect(b.source.line).toBe(12);
  });

  it('French labels (a space before the colon, accented letters): one record, its time and message', () => {
    const recs = logs(decodeText(textLogs, WEVTUTIL_FR));
    expect(recs.map((x) => [x.timeNs, x.body])).toEqual([[1705314225123000000n, 'Le service Windows Update est entré dans l’état : arrêté.']]);
    expect(recs[0]!.attributes).toEqual({ 'Nom du journal': 'System', 'ID de l’événement': '7036', Niveau: 'Information' });
    expect(recs[0]!.resource.serviceName).toBe('Service Control Manager'); // `Source`, as wevtutil's English label
  });

  it('a dump of indexed items without a wevtutil date is not taken for one', () => {
    const dump = ['Item[0]:', '  Name: alpha', '  Size: 12', 'Item[1]:', '  Name: beta', '  Size: 7'];
    expect(detectEntryLayout(dump)).toBeUndefined();
    expect(detectEntryLayout(WEVTUTIL_DE.split('\r\n'))?.kind).toBe('wevtutil-text');
  });

  it('reads the same in any chunking', () => expectChunkingInvariant(textLogs, enc(WEVTUTIL_DE)));
});

// The Windows DNS server's debug log (DNS Manager → Debug Logging): its head says when the file
// was made and gives a legend of the packet lines' fields before the first line.
const DNS = [
  '',
  'DNS Server log file creation at 1/15/2024 10:23:40 AM',
  'Log file wrap at 1/15/2024 10:23:40 AM',
  '',
  'Message logging key (for packets - other items use a subset of these fields):',
  '\tField #  Information         Values',
  '\t-------  -----------         ------',
  '\t   1     Date',
  '\t  10     Query/Response      R = Response',
  '\t                             blank = Query',
  '\t  16     Question Name',
  '',
  '1/15/2024 10:23:45 AM 0E40 PACKET  000000D5A4B2C1E0 UDP Rcv 10.0.0.25       3c1a   Q [0001   D   NOERROR] A      (3)www(7)example(3)com(0)',
  '1/15/2024 1:05:02 PM 0E40 EVENT   The DNS server has finished the background loading of zones.',
  '',
].join('\r\n');

describe('text-logs: Windows DNS server debug log', () => {
  it('its head (file creation, wrap, the field legend) is no record', () => {
    const r = decodeText(textLogs, DNS);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => x.source.line)).toEqual([13, 14]);
    expect(recs.map((x) => x.timeNs)).toEqual([1705314225000000000n, 1705323902000000000n]);
    expect(recs[1]!.body).toBe('1/15/2024 1:05:02 PM 0E40 EVENT   The DNS server has finished the background loading of zones.');
  });

  it('a server with a day-first date and a 24-hour clock writes its head so too', () => {
    const text = 'DNS Server log file creation at 15.01.2024 10:23:40\r\n\r\n15.01.2024 10:23:45 0E40 EVENT   The DNS server has started.\r\n';
    expect(logs(decodeText(textLogs, text)).map((x) => x.source.line)).toEqual([3]);
  });

  it('reads the same in any chunking', () => expectChunkingInvariant(textLogs, enc(DNS)));
});
