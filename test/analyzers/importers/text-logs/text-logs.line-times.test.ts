// How a text line is dated and read. Lines without a year (klog's `I0907 07:17:58.124690`, syslog's `Sep  7 07:17:58`) among lines
// with a full date, as `kubectl logs` of an operator prints them (logrus, zap JSON and klog in one
// container): the year is the neighbours', not the year the analysis runs in. Expected times are
// the written ones, in the year of the dated lines.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, logs } from '../jsonl-logs/log-test-helpers.js';

const iso = (ns: bigint | undefined) => (ns === undefined ? undefined : new Date(Number(ns / 1_000_000n)).toISOString());

describe('the year of a year-less line is that of the dated lines around it', () => {
  it('text: klog lines before and after dated lines', () => {
    const text = [
      'I0907 07:17:56.000001       1 main.go:12] starting',
      '2023-09-07 07:17:57.000 INFO  [main] config refreshed',
      'I0907 07:17:58.124690       1 leaderelection.go:248] attempting to acquire leader lease',
      '2023-09-07 07:17:59.000 INFO  [main] ready',
    ].join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => iso(r.timeNs))).toEqual(['2023-09-07T07:17:56.000Z', '2023-09-07T07:17:57.000Z', '2023-09-07T07:17:58.124Z', '2023-09-07T07:17:59.000Z']);
    expect(recs[0]!.timeWithoutYear).toBe(true);
  });

  it('JSON Lines: a klog line among zap JSON records', () => {
    const text = [
      '{"level":"info","ts":"2023-09-07T07:17:58.123Z","logger":"setup","msg":"starting manager"}',
      'I0907 07:17:58.124690       1 leaderelection.go:248] attempting to acquire leader lease',
      '{"level":"info","ts":"2023-09-07T07:17:58.200Z","msg":"Starting server"}',
    ].join('\n') + '\n';
    const recs = logs(decodeText(jsonlLogs, text));
    expect(recs.map((r) => iso(r.timeNs))).toEqual(['2023-09-07T07:17:58.123Z', '2023-09-07T07:17:58.124Z', '2023-09-07T07:17:58.200Z']);
  });

  it('zap console encoder: seconds in scientific notation are a timestamp', () => {
    const recs = logs(decodeText(textLogs, '1.6792134703300617e+09\tINFO\tsetup\tstarting manager\n1.679213470337917e+09\tDEBUG\tevents\tleader elected\n'));
    expect(recs.map((r) => [iso(r.timeNs), r.severityText])).toEqual([
      ['2023-03-19T08:11:10.330Z', 'INFO'],
      ['2023-03-19T08:11:10.337Z', 'DEBUG'],
    ]);
    expect(recs[0]!.timeNs).toBe(1679213470330061700n);
  });
});

describe('a date written out of range', () => {
  it('starts a record of its own, without a time, and is reported at its line (it was glued to the record above)', () => {
    const text = [
      '[2020-07-16 20:34:49,700: INFO/MainProcess] Starting job',
      '[2020-07-66 20:34:49,801: INFO/MainProcess] Filtering pending operations',
      '[2020-07-16 20:34:49,900: INFO/MainProcess] Done',
    ].join('\n') + '\n';
    const r = decodeText(textLogs, text);
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, iso(x.timeNs)])).toEqual([
      [1, '2020-07-16T20:34:49.700Z'],
      [2, undefined],
      [3, '2020-07-16T20:34:49.900Z'],
    ]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['invalid-timestamp', 2]]);
  });
});

describe('a JSON log record after a tool prefix', () => {
  it("pm2 and tekton prefixes: the record's message, level and exact time are the line's", () => {
    const pm2 = '1|shop | 2025-07-11T18:26:05: {"level":30,"time":1752247565657,"pid":1,"msg":"incoming request"}\n1|shop | 2025-07-11T18:26:05: {"level":50,"time":1752247565658,"pid":1,"msg":"request failed"}\n';
    const recs = logs(decodeText(textLogs, pm2));
    // pm2's local time has no zone; the record's epoch ms is exact
    expect(recs.map((r) => [r.body, r.severityNumber, iso(r.timeNs), r.structured])).toEqual([
      ['incoming request', 9, '2025-07-11T15:26:05.657Z', true],
      ['request failed', 17, '2025-07-11T15:26:05.658Z', true],
    ]);
    const tekton = '[git-source-qn4l5] {"level":"info","ts":1641361951.6502163,"caller":"git/git.go:176","msg":"Successfully cloned"}\n[git-source-qn4l5] {"level":"error","ts":1641361951.6840498,"msg":"submodules failed"}\n';
    expect(logs(decodeText(textLogs, tekton)).map((r) => [r.body, r.severityText, iso(r.timeNs)])).toEqual([
      ['Successfully cloned', 'info', '2022-01-05T05:52:31.650Z'],
      ['submodules failed', 'error', '2022-01-05T05:52:31.684Z'],
    ]);
  });

  it("a payload the line's message goes on to show is no carried record: the line keeps its time, its text as body, and is free text", () => {
    // Python logging of an API's JSON reply, Ansible's `=> {…}` result: each line's JSON has a
    // `message`/`msg` (and the second a `time` two hours earlier); neither is the line's record
    const text = [
      '2024-01-15 10:00:00,123 INFO payments.client: Stripe response {"id": "ch_123", "message": "Your card was declined."}',
      '2024-01-15 10:00:03,000 WARNING payments.client: retrying request: {"attempt": 2, "msg": "timeout after 30s", "time": "2024-01-15T08:00:00Z"}',
      '2024-01-15 10:00:03,001 p=4321 u=deploy n=ansible | fatal: [web2]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect"}',
    ];
    const recs = logs(decodeText(textLogs, text.join('\n') + '\n'));
    // the lines' own (zone-less) times, read as UTC: 10:00:00.123, 10:00:03.000, 10:00:03.001
    expect(recs.map((r) => [r.body, iso(r.timeNs), r.structured])).toEqual([
      [text[0], '2024-01-15T10:00:00.123Z', false],
      [text[1], '2024-01-15T10:00:03.000Z', false],
      [text[2], '2024-01-15T10:00:03.001Z', false],
    ]);
    // the payload's fields are still the record's attributes
    expect(recs[0]!.attributes['id']).toBe('ch_123');
    // a level and a logger name before the object are a prefix: `INFO main: {…}` is still carried
    const own = logs(decodeText(textLogs, '2024-01-15 10:00:00,123 INFO main: {"msg": "carried", "level": "warn"}\n'));
    expect(own.map((r) => [r.body, r.structured])).toEqual([['carried', true]]);
  });

  it('a text message with trailing JSON context keeps its own message and level', () => {
    const recs = logs(decodeText(textLogs, '2024-01-10T12:00:00Z WARN slow request {"duration_ms":1200,"route":"/cart"}\n2024-01-10T12:00:01Z INFO ok {"route":"/pay"}\n'));
    expect(recs.map((r) => [r.severityText, r.attributes['route']])).toEqual([
      ['WARN', '/cart'],
      ['INFO', '/pay'],
    ]);
    expect(String(recs[0]!.body)).toContain('slow request');
  });
});

describe('Spring layouts', () => {
  it("a Sleuth group without ids names its service; a Tomcat logger with brackets is the logger; [trace,span] after the time are the ids", () => {
    const text = [
      "2021-10-08 09:20:11.703 ERROR [news-client,,] 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception",
      '2023-03-27 16:03:48,368 [7baee9c3042043cd3116a2bcf51b872e,ed1297a561d6ab6d] DEBUG o.s.o.j.JpaTransactionManager Exposing JPA transaction',
    ].join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.resource.serviceName, r.scope?.name, r.traceId, r.spanId])).toEqual([
      ['news-client', 'o.a.c.c.C.[.[.[/].[dispatcherServlet]', undefined, undefined],
      [undefined, undefined, '7baee9c3042043cd3116a2bcf51b872e', 'ed1297a561d6ab6d'],
    ]);
  });
});

describe('more layouts', () => {
  it('AWS ALB entries of every request type (ws, wss, grpcs too) are records of their own', () => {
    const entry = (type: string) => `${type} 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587 "GET http://10.0.0.30:80/ HTTP/1.1" "-" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.1.192:8010" "101" "-" "-"`;
    const recs = logs(decodeText(textLogs, ['http', 'ws', 'wss', 'grpcs', 'h2'].map(entry).join('\n') + '\n'));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it("a Sleuth group of four fields without ids names its service; Ruby Logger's file header is no record", () => {
    const sleuth = logs(decodeText(textLogs, '2021-03-10 12:00:00.101  INFO [payments,,,] 1 --- [main] c.e.Payments : started\n2021-03-10 12:00:01.000  INFO [payments,5b8efff798038103,5b8efff798038103,true] 1 --- [main] c.e.Payments : paid\n'));
    expect(sleuth.map((r) => r.resource.serviceName)).toEqual(['payments', 'payments']);
    const ruby = logs(decodeText(textLogs, '# Logfile created on 2014-03-04 12:03:39 -0800 by logger.rb/v1.2.7\nI, [2014-03-04T12:03:39.948154 #2830]  INFO -- : Started GET "/"\nE, [2014-03-04T12:03:40.000000 #2830] ERROR -- : failed\n'));
    expect(ruby.map((r) => [r.source.line, r.severityText])).toEqual([
      [2, 'INFO'],
      [3, 'ERROR'],
    ]);
  });
});

describe('AWS VPC flow logs', () => {
  it('the header names the fields and is no record; each flow is dated by its start', () => {
    const text = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1431280876 1431280934 REJECT OK\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.source.line, iso(r.timeNs), r.attributes['action'], r.resource.serviceInstanceId])).toEqual([
      [2, '2014-12-14T04:06:50.000Z', 'ACCEPT', 'eni-1235b8ca123456789'],
      [3, '2015-05-10T18:01:16.000Z', 'REJECT', 'eni-1235b8ca123456789'],
    ]);
  });
});

describe('offsets, early years, long fractions and levels in odd places', () => {
  it("an offset followed by a colon (a JVM GC log) is the line's offset", () => {
    const recs = logs(decodeText(textLogs, '2024-05-01T12:00:00.123+0200: 1.234: [GC (Allocation Failure) 1024K->512K(2048K), 0.0012 secs]\n2024-05-01T12:00:01.123+02:00: 2.234: [GC 1024K->512K(2048K), 0.0013 secs]\n'));
    expect(recs.map((r) => [iso(r.timeNs), r.timeWithoutZone])).toEqual([
      ['2024-05-01T10:00:00.123Z', undefined],
      ['2024-05-01T10:00:01.123Z', undefined],
    ]);
  });

  it('a year before 100 is that year (Go zero time 0001-01-01), not 1900 plus it; digits past nanoseconds are cut off', async () => {
    const { parseTimestamp } = await import('../../../../analyzers/importers/common/time.js');
    expect(iso(parseTimestamp('0024-05-01T12:00:00Z')!.ns)).toBe('0024-05-01T12:00:00.000Z');
    expect(parseTimestamp('0001-01-01T00:00:00Z')!.ns).toBe(-62135596800000000000n);
    expect(parseTimestamp('2024-05-01T12:00:00.123456789123Z')!.ns).toBe(1714564800123456789n);
    expect(parseTimestamp('2000-02-29T00:00:00Z')).toBeDefined();
    expect(parseTimestamp('0100-02-29T00:00:00Z')).toBeUndefined(); // (100 is no leap year)
  });

  it("Monolog's channel.LEVEL and a level before the time (Cassandra) are the line's level", () => {
    const mono = logs(decodeText(textLogs, '[2024-05-01 12:00:00] app.ERROR: Database down [] []\n[2024-05-01 12:00:01] security.DEBUG: token checked [] []\n'));
    expect(mono.map((r) => r.severityNumber)).toEqual([17, 5]);
    const cass = logs(decodeText(textLogs, 'INFO  [main] 2024-05-01 12:00:00,123 CassandraDaemon.java:123 - Starting\nWARN  [GossipTasks:1] 2024-05-01 12:00:01,123 Gossiper.java:1 - Node down\n'));
    expect(cass.map((r) => r.severityNumber)).toEqual([9, 13]);
  });
});

describe('Cisco IOS', () => {
  it("a `*` before an unsynchronised clock's time, and the severity in %FACILITY-N-MNEMONIC", () => {
    const recs = logs(decodeText(textLogs, '*Mar  1 18:46:11.123 UTC: %SYS-5-CONFIG_I: Configured from console by admin\n*Mar  1 18:47:11.123 UTC: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down\n'));
    expect(recs.map((r) => [iso(r.timeNs)?.slice(5), r.severityNumber])).toEqual([
      ['03-01T18:46:11.123Z', 10],
      ['03-01T18:47:11.123Z', 17],
    ]);
  });
});

describe('PostgreSQL', () => {
  it("a message's DETAIL and STATEMENT lines (same prefix, pid and time) belong to it; another pid's line does not", () => {
    const text = [
      '2024-05-01 12:00:00.123 CEST [12345] LOG:  database system is ready to accept connections',
      '2024-05-01 12:00:01.456 CEST [12346] ERROR:  relation "foo" does not exist at character 15',
      '2024-05-01 12:00:01.456 CEST [12346] STATEMENT:  SELECT * FROM foo',
      '\tWHERE id = 1;',
      '2024-05-01 12:00:02.000 CEST [12347] FATAL:  password authentication failed for user "bob"',
      '2024-05-01 12:00:02.000 CEST [12347] DETAIL:  Connection matched pg_hba.conf line 99',
      '2024-05-01 12:00:02.000 CEST [12348] DETAIL:  another backend',
    ].join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.source.line, r.severityText])).toEqual([
      [1, 'LOG'],
      [2, 'ERROR'],
      [5, 'FATAL'],
      [7, undefined],
    ]);
    expect(String(recs[1]!.body)).toContain('STATEMENT:  SELECT * FROM foo\n\tWHERE id = 1;');
  });
});

describe('a JSON record inside a syslog line', () => {
  it('names its own service over the syslog tag, and gives its exact time', () => {
    const recs = logs(decodeText(textLogs, 'May  1 12:00:00 host app[1]: {"time":"2024-05-01T12:00:00.123Z","level":"error","msg":"x","service":"checkout"}\nMay  1 12:00:01 host app[1]: {"time":"2024-05-01T12:00:01.123Z","level":"info","msg":"y","service":"checkout"}\n'));
    expect(recs.map((r) => [r.resource.serviceName, iso(r.timeNs), r.severityNumber])).toEqual([
      ['checkout', '2024-05-01T12:00:00.123Z', 17],
      ['checkout', '2024-05-01T12:00:01.123Z', 9],
    ]);
  });
});

describe('macOS log show', () => {
  it('its column header and footer are no records; the Type column is the level, the process the service', () => {
    const text = [
      'Timestamp                       Thread     Type        Activity             PID    TTL  ',
      '2024-05-01 12:00:00.123456+0200 0x1a2b     Default     0x0                  123    0    kernel: (AppleACPI) wake reason',
      '2024-05-01 12:00:01.123456+0200 0x1a2c     Error       0x0                  456    0    configd: [com.apple.network:x] failed',
      '2024-05-01 12:00:02.123456+0200 0x1a2d     Fault       0x0                  789    0    WindowServer: crash',
      '-'.repeat(116),
      'Log      - Default:          1, Info:                0, Debug:             0, Error:          1, Fault:          1',
      'Activity - Create:           0, Transition:          0, Actions:           0',
    ].join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.source.line, r.severityNumber, r.resource.serviceName, iso(r.timeNs)])).toEqual([
      [2, 9, 'kernel', '2024-05-01T10:00:00.123Z'],
      [3, 17, 'configd', '2024-05-01T10:00:01.123Z'],
      [4, 21, 'WindowServer', '2024-05-01T10:00:02.123Z'],
    ]);
    expect(recs[2]!.body).toBe('2024-05-01 12:00:02.123456+0200 0x1a2d     Fault       0x0                  789    0    WindowServer: crash');
  });
});

describe('a syslog time with the year and then the zone', () => {
  it('Mar 31 02:30:00 2024 CEST is read with its zone', () => {
    const recs = logs(decodeText(textLogs, 'Mar 31 02:30:00 2024 CEST host app[1]: a\nMar 31 02:31:00 2024 CEST host app[1]: b\n'));
    expect(recs.map((r) => [iso(r.timeNs), r.timeWithoutZone])).toEqual([
      ['2024-03-31T00:30:00.000Z', undefined],
      ['2024-03-31T00:31:00.000Z', undefined],
    ]);
  });
});
