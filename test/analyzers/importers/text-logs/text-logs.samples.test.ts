import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeFile, logs, sniffedFormat } from '../jsonl-logs/log-test-helpers.js';

// Expected record counts: lines that start a record, counted with grep -cE on the header shape
// checked by eye for each file (continuation lines fold into the record above):
//   timestamp-led files  grep -cE '^[0-9]{4}-'          syslog        grep -cE '^[A-Z][a-z]{2} [ 0-9][0-9] '
//   glog                 grep -cE '^[IWEF][0-9]{4} '     access logs   grep -cE '^[^ ]+ [^ ]+ [^ ]+ \['
//   TAI64N               grep -c '^@4000'               W3C / Zeek    grep -vc '^#'
//   mysql slow log       grep -c '^# Time:'             epoch         grep -cE '^[0-9]{13} '
const LNAV_TEXT: Record<string, number> = {
  'logfile_access_log.0': 3,
  'logfile_bro_conn.log.0': 92,
  'logfile_crlf.0': 2,
  'logfile_epoch.0': 2,
  'logfile_generic_nanos.0': 2,
  'logfile_glog.0': 7,
  'logfile_haproxy.0': 17,
  'logfile_invalid_utf8.0': 1, // one timestamped line, then XML lines that belong to it
  'logfile_java.0': 20,
  'logfile_multiline.0': 2,
  'logfile_mysql_slow.0': 6,
  'logfile_postgres.0': 20, // 21 timestamped lines; the STATEMENT line belongs to the ERROR above it (same prefix, pid and time), as csvlog keeps them
  'logfile_shop_access_log.0': 1000,
  'logfile_syslog.0': 4,
  'logfile_syslog.3': 7,
  'logfile_syslog_with_mixed_times.0': 13,
  'logfile_tai64n.0': 10,
  'logfile_uwsgi.0': 19, // no leading timestamp: one record per line (wc -l)
  'logfile_w3c.0': 1,
  'logfile_with_zones.0': 3,
};

describe('text-logs on the lnav text samples', () => {
  for (const [file, n] of Object.entries(LNAV_TEXT)) {
    it(`${file}: ${n} records, sniffed as text-logs`, () => {
      const r = decodeFile(textLogs, 'logs-text/lnav-test/' + file);
      expect(r.progress.records).toBe(n);
      expect(r.progress.rejected).toBe(0);
      // (a slow query log's entries have fields of their own beside the statement: see text-logs.entries.test.ts)
      expect(logs(r).every((x) => x.structured === (file === 'logfile_mysql_slow.0'))).toBe(true);
      expect(sniffedFormat('logs-text/lnav-test/' + file)).toBe('text-logs');
    });
  }
  it('logfile_mysql_slow.0: the statement is the message, the timing fields attributes', () => {
    const recs = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_mysql_slow.0'));
    expect(recs.map((x) => x.source.line)).toEqual([1, 9, 16, 23, 30, 37]);
    expect(recs[0]!.body).toBe('SELECT * FROM `oc_appconfig`;');
    expect(recs[0]!.timeNs).toBe(1611704757678222000n);
    expect(recs[0]!.attributes['mysql.query_time']).toBe(0.011853);
    expect(recs[0]!.attributes['mysql.rows_examined']).toBe(268);
    expect(recs[0]!.attributes['mysql.bytes_sent']).toBe(10121);
    expect(recs[0]!.attributes['db.namespace']).toBe('owncloud');
  });
});

describe('text-logs on other text samples', () => {
  // Loghub 2k raw logs: every line starts with the system's header (grep -cE per system = 2000 = wc -l + 1 for no final newline)
  for (const sys of ['Android', 'BGL', 'HDFS', 'HPC', 'Hadoop', 'Linux', 'OpenSSH', 'Windows']) {
    it(`loghub ${sys}_2k.log: 2000 records`, () => {
      const r = decodeFile(textLogs, `loghub/${sys}/${sys}_2k.log`);
      expect(r.progress.records).toBe(2000);
      expect(r.errors).toHaveLength(0);
      expect(sniffedFormat(`loghub/${sys}/${sys}_2k.log`)).toBe('text-logs');
    });
  }
  // compose output: every line is prefixed (grep -c '|'); zap console: grep -c '^2025' = 3
  it('docker compose prefixed output: 22 records, service from the prefix', () => {
    const recs = logs(decodeFile(textLogs, 'logs-structured/lnav-test/logfile_docker_compose.0'));
    expect(recs).toHaveLength(22);
    expect(recs[0]!.resource.serviceName).toBe('web');
    expect(recs[0]!.resource.attributes['container.name']).toBe('web-1');
    expect(recs[21]!.resource.serviceName).toBe('redis');
    expect(recs[0]!.body).toBe(' * Serving Flask app \'app.py\''); // ANSI erase-line code stripped
    expect(sniffedFormat('logs-structured/lnav-test/logfile_docker_compose.0')).toBe('text-logs');
  });
  it('compose-prefixed JSON (caddy): 39 records with the JSON msg as body', () => {
    const recs = logs(decodeFile(textLogs, 'logs-structured/lnav-test/logfile_caddy_log.0'));
    expect(recs).toHaveLength(39);
    expect(recs[0]!.body).toBe('maxprocs: Leaving GOMAXPROCS=12: CPU quota undefined');
    expect(recs[0]!.timeNs).toBe(1761019822315275700n); // "ts":1761019822.3152757
    expect(recs[0]!.severityNumber).toBe(9);
  });
  it('zap console: the Go stack trace folds into the error record (3 records)', () => {
    const recs = logs(decodeFile(textLogs, 'logs-structured/lnav-test/logfile_zap_console.0'));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 9]);
    expect(recs[1]!.severityNumber).toBe(17);
    const body = recs[1]!.body as string;
    expect(body.split('\n')).toHaveLength(7); // lines 2..8
    expect(body.startsWith('2025-04-24T22:09:20.856Z\terror\tinternal/queue_sender.go:128')).toBe(true);
  });
});

describe('text-logs fields', () => {
  it('syslog RFC 3164: no year and no zone are both reported; host/app/pid lifted', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_syslog.0'));
    expect(rec!.timeWithoutYear).toBe(true);
    expect(rec!.timeWithoutZone).toBe(true);
    expect(rec!.resource.serviceName).toBe('automount');
    expect(rec!.resource.attributes['host.name']).toBe('veridian');
    expect(rec!.resource.attributes['process.pid']).toBe(7998);
    const d = new Date(Number(rec!.timeNs! / 1_000_000n));
    expect([d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]).toEqual([11, 3, 9, 23, 38]);
  });
  it('glog: level letter, mmdd time with microseconds, no year', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_glog.0'));
    expect(rec!.severityNumber).toBe(17); // E
    expect(rec!.timeWithoutYear).toBe(true);
    expect(rec!.timeNs! % 1_000_000_000n).toBe(619632000n);
    expect(rec!.attributes['code.filepath']).toBe('logging_unittest.cc');
  });
  it('access log: CLF time with zone, status and method as attributes', () => {
    const recs = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_access_log.0'));
    expect(recs[1]!.timeNs).toBe(BigInt(Date.UTC(2009, 6, 20, 22, 59, 29)) * 1_000_000n);
    expect(recs[1]!.timeWithoutZone).toBeUndefined();
    expect(recs[1]!.attributes['http.response.status_code']).toBe(404);
    expect(recs[1]!.attributes['http.request.method']).toBe('GET');
  });
  it('TAI64N labels: 2^62 + 10 + unix seconds', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_tai64n.0'));
    // python: 0x40000000433225833b6e1a8c → (0x4000000043322583 - 2**62 - 10) s + 0x3b6e1a8c ns
    expect(rec!.timeNs).toBe(1127359865n * 1_000_000_000n + 997071500n);
  });
  it('postgres: zone abbreviation PDT read as -07:00, LOG → INFO', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_postgres.0'));
    expect(rec!.timeNs).toBe(BigInt(Date.UTC(2025, 7, 13, 8, 45, 1, 123)) * 1_000_000n);
    expect(rec!.timeWithoutZone).toBeUndefined();
    expect(rec!.severityNumber).toBe(9);
  });
  it('Zeek: ts epoch with exact microseconds, #fields as attribute names', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_bro_conn.log.0'));
    expect(rec!.timeNs).toBe(1320279554496300000n);
    expect(rec!.attributes['id.orig_h']).toBe('192.168.2.76');
    expect(rec!.source.line).toBe(9);
    // conn.log's `service` column is the protocol Zeek detected, not the records' service: kept
    // under its own key, so no service is named after it (was the service `http`)
    const all = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_bro_conn.log.0'));
    expect(all.filter((r) => r.attributes['service'] !== undefined).length).toBe(0);
    expect(all.filter((r) => r.attributes['zeek.service'] === 'http').length).toBe(83);
  });
  it('W3C: date+time columns are UTC by definition', () => {
    const [rec] = logs(decodeFile(textLogs, 'logs-text/lnav-test/logfile_w3c.0'));
    expect(rec!.timeNs).toBe(BigInt(Date.UTC(2002, 4, 2, 17, 42, 15)) * 1_000_000n);
    expect(rec!.timeWithoutZone).toBeUndefined();
    expect(rec!.attributes['sc-status']).toBe('200');
  });
  it("W3C with the Windows Firewall's `#Time Format: Local`: the times have no zone", async () => {
    const { decodeText } = await import('../jsonl-logs/log-test-helpers.js');
    const text = '#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n#Fields: date time action protocol src-ip dst-ip\n\n2023-10-11 14:32:52 ALLOW TCP 10.0.0.5 10.0.0.1\n';
    const [rec] = logs(decodeText(textLogs, text));
    expect(rec!.timeNs).toBe(BigInt(Date.UTC(2023, 9, 11, 14, 32, 52)) * 1_000_000n);
    expect(rec!.timeWithoutZone).toBe(true);
  });
});
