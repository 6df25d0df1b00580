// Layouts that put the level or the time somewhere else: java.util.logging's two-line
// SimpleFormatter (a 12-hour clock, the hour unpadded, the level on the second line), Oracle
// WebLogic's `####<…>` entries and Android logcat's `brief` and `time` formats. Expected values
// are read off the lines by hand.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { parseLogTimestamp } from '../../../../analyzers/importers/common/time.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const iso = (ns: bigint | undefined) => (ns === undefined ? undefined : new Date(Number(ns / 1_000_000n)).toISOString());

describe('java.util.logging SimpleFormatter (Tomcat catalina.out)', () => {
  const text = [
    'Nov 27, 2023 1:15:30 AM org.apache.catalina.startup.Catalina start',
    'INFO: Server startup in [4521] milliseconds',
    'Nov 27, 2023 9:59:59 AM org.apache.catalina.core.StandardServer await',
    'WARNING: A invalid shutdown command was received',
    'Nov 27, 2023 12:00:01 PM org.apache.catalina.core.StandardContext reload',
    'SEVERE: Reload failed',
    'java.lang.IllegalStateException: boom',
    '\tat org.apache.catalina.core.StandardContext.reload(StandardContext.java:1)',
    'Nov 27, 2023 11:59:59 PM org.apache.catalina.core.StandardServer await',
    'FINE: done',
    '',
  ].join('\n');

  it('is 4 records, each with its 24-hour time and the level of its second line', () => {
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => r.source.line)).toEqual([1, 3, 5, 9]);
    expect(recs.map((r) => iso(r.timeNs))).toEqual(['2023-11-27T01:15:30.000Z', '2023-11-27T09:59:59.000Z', '2023-11-27T12:00:01.000Z', '2023-11-27T23:59:59.000Z']);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['INFO', 9], ['WARNING', 13], ['SEVERE', 17], ['FINE', 5]]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('12 AM is midnight, 12 PM noon; 13 PM is no time', () => {
    expect(iso(parseLogTimestamp('Jan 1, 2024 12:00:00 AM')?.ns)).toBe('2024-01-01T00:00:00.000Z');
    expect(iso(parseLogTimestamp('Jan 1, 2024 12:00:00 PM')?.ns)).toBe('2024-01-01T12:00:00.000Z');
    expect(parseLogTimestamp('Jan 1, 2024 13:00:00 PM')).toBeUndefined();
    // Kibana's dates still read
    expect(iso(parseLogTimestamp('Jan 1, 2024 @ 00:00:00.123')?.ns)).toBe('2024-01-01T00:00:00.123Z');
  });
});

describe('java.util.logging SimpleFormatter on a JVM in another locale', () => {
  // test/fixtures/jul-locales: the JDK's own output under each locale it ships logging words for (see its README)
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/jul-locales');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  // record n (1–12): 2026-n-(9+n) 3:(n−1):05, PM for odd n, AM for even n; SEVERE … FINEST in turn
  const times = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, i, 10 + i, i % 2 === 0 ? 15 : 3, i, 5)).toISOString());
  const levels = Array.from({ length: 12 }, (_, i) => [17, 13, 9, 6, 5, 2, 1][i % 7]);

  it('there is a file for each locale, as the JDK (CLDR) and JDK 8 write it', () => {
    expect(files).toHaveLength(20);
  });

  it.each(files)('%s: 12 records, each with its month, 12-hour time and localized level', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(recs.map((x) => x.source.line)).toEqual(times.map((_, i) => 2 * i + 1));
    expect(recs.map((x) => iso(x.timeNs))).toEqual(times);
    expect(recs.map((x) => x.severityNumber)).toEqual(levels);
    // the level as written: the word before the colon of each record's second line
    const words = text.split('\n').filter((_, i) => i % 2 === 1 && i < 24).map((l) => l.slice(0, l.indexOf(': ')));
    expect(recs.map((x) => x.severityText)).toEqual(words);
  });

  it('the German and French words (Tomcat on a de/fr server)', () => {
    const de = logs(decodeText(textLogs, readFileSync(path.join(dir, 'de-DE.txt'), 'utf8')));
    expect(de.slice(0, 7).map((x) => x.severityText)).toEqual(['SCHWERWIEGEND', 'WARNUNG', 'INFORMATION', 'KONFIGURATION', 'FEIN', 'FEINER', 'AM FEINSTEN']);
    const text = [
      'nov. 27, 2026 3:36:32 PM Jul main',
      'INFOS: service starting',
      'déc. 01, 2026 12:00:01 AM Jul main',
      'GRAVE: unhandled error in checkout',
      'java.lang.RuntimeException: order 17 failed',
      '\tat Jul.main(Jul.java:9)',
      '',
    ].join('\n');
    const fr = logs(decodeText(textLogs, text));
    expect(fr.map((x) => [x.source.line, iso(x.timeNs), x.severityNumber, x.severityText])).toEqual([
      [1, '2026-11-27T15:36:32.000Z', 9, 'INFOS'],
      [3, '2026-12-01T00:00:01.000Z', 17, 'GRAVE'],
    ]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('a localized date needs its own words: a month and a marker of one of the locales, in that layout', () => {
    expect(iso(parseLogTimestamp('Okt. 27, 2026 3:04:05 PM')?.ns)).toBe('2026-10-27T15:04:05.000Z');
    expect(iso(parseLogTimestamp('11月 27, 2026 3:04:05 午前')?.ns)).toBe('2026-11-27T03:04:05.000Z');
    expect(iso(parseLogTimestamp('dic 27, 2026 3:04:05 P. M.')?.ns)).toBe('2026-12-27T15:04:05.000Z');
    expect(parseLogTimestamp('11 27, 2026 3:04:05 PM')).toBeUndefined(); // a bare month number only in JDK 8's Japanese
    expect(parseLogTimestamp('foo 27, 2026 3:04:05 PM')).toBeUndefined();
    expect(parseLogTimestamp('nov. 27, 2026 13:04:05 PM')).toBeUndefined();
  });
});

describe('Oracle WebLogic server log', () => {
  const text = [
    '####<Jul 15, 2013 3:16:54 PM CEST> <Info> <Security> <myhost> <> <main> <> <> <> <1373894214156> <BEA-090905> <Disabling CryptoJ self-integrity check>',
    '####<Jul 15, 2013 3:16:55 PM CEST> <Notice> <WebLogicServer> <myhost> <AdminServer> <main> <<WLS Kernel>> <> <> <1373894215031> <BEA-000395> <Following extensions directory contents added to the end of the classpath:',
    '/u01/app/oracle/middleware/wlserver/platform/lib/p13n/p13n-schemas.jar>',
    '####<Jul 15, 2013 10:18:40 PM> <Error> <Deployer> <myhost> <AdminServer> <[ACTIVE] ExecuteThread: \'0\' for queue: \'weblogic.kernel.Default (self-tuning)\'> <<WLS Kernel>> <> <> <1373919520000> <BEA-149205> <Failed to initialize the application "app"',
    'weblogic.application.ModuleException: boom',
    '\tat weblogic.Foo.bar(Foo.java:1)',
    '>',
    '',
  ].join('\n');

  it('is 3 records dated by their raw epoch milliseconds, with level, subsystem, machine and server', () => {
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 4]);
    // 1373894214156 ms = 2013-07-15T13:16:54.156Z (3:16:54 PM CEST)
    expect(recs.map((r) => iso(r.timeNs))).toEqual(['2013-07-15T13:16:54.156Z', '2013-07-15T13:16:55.031Z', '2013-07-15T20:18:40.000Z']);
    expect(recs.map((r) => r.severityNumber)).toEqual([9, 10, 17]);
    expect(recs.map((r) => r.resource.serviceName)).toEqual([undefined, 'AdminServer', 'AdminServer']);
    expect(recs[0]!.resource.attributes['host.name']).toBe('myhost');
    expect(recs[0]!.scope?.name).toBe('Security');
    expect(recs[2]!.attributes['weblogic.message_id']).toBe('BEA-149205');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe('Android logcat brief and time formats', () => {
  it('read the priority letter, tag and pid; the buffer markers are no entries', () => {
    const brief = [
      '--------- beginning of main',
      'D/ActivityManager( 1702): Start proc 2345:com.example/u0a123 for activity',
      'I/chatty  ( 2345): uid=10123(com.example) expire 3 lines',
      '--------- beginning of crash',
      'E/AndroidRuntime( 2345): FATAL EXCEPTION: main',
      '',
    ].join('\n');
    const b = logs(decodeText(textLogs, brief));
    expect(b.map((r) => [r.source.line, r.severityNumber, r.scope?.name, r.resource.attributes['process.pid']])).toEqual([
      [2, 5, 'ActivityManager', 1702],
      [3, 9, 'chatty', 2345],
      [5, 17, 'AndroidRuntime', 2345],
    ]);
    const time = logs(decodeText(textLogs, '10-11 14:32:52.123 W/Zygote  (  712): slow\n10-11 14:32:53.000 V/Tag( 1): v\n'));
    expect(time.map((r) => [r.severityNumber, r.scope?.name])).toEqual([[13, 'Zygote'], [1, 'Tag']]);
  });
});

describe('level words', () => {
  it("Serilog's VRB and loguru's SUCCESS are levels", () => {
    const recs = logs(decodeText(textLogs, '2023-10-11 14:32:52.123 [VRB] verbose\n2023-10-11 14:32:53.000 | SUCCESS  | app:main:1 - done\n'));
    expect(recs.map((r) => r.severityNumber)).toEqual([1, 11]);
  });
});

describe('slashed dates in a text log', () => {
  it('are day first in a file where one cannot be month first (Graphite carbon writes %d/%m/%Y)', () => {
    const text = '11/10/2023 14:32:52 :: [console] Log opened.\n12/10/2023 09:00:00 :: [console] tick\n13/10/2023 09:00:00 :: [console] tick\n';
    expect(logs(decodeText(textLogs, text)).map((r) => iso(r.timeNs))).toEqual(['2023-10-11T14:32:52.000Z', '2023-10-12T09:00:00.000Z', '2023-10-13T09:00:00.000Z']);
    // no line tells: month first, as US tools write them; one line that must be month first keeps it
    expect(logs(decodeText(textLogs, '11/10/2023 14:32:52 a\n')).map((r) => iso(r.timeNs))).toEqual(['2023-11-10T14:32:52.000Z']);
    expect(logs(decodeText(textLogs, '11/10/2023 14:32:52 a\n13/10/2023 09:00:00 b\n10/13/2023 09:00:00 c\n')).map((r) => iso(r.timeNs))).toEqual(['2023-11-10T14:32:52.000Z', '2023-10-13T09:00:00.000Z', '2023-10-13T09:00:00.000Z']);
  });
});

describe('Erlang/OTP, MongoDB ≤ 4.2 and Zabbix logs', () => {
  it("Erlang's error_logger reports: one record a report, its time and a level from its kind", () => {
    const text = [
      '=INFO REPORT==== 11-Oct-2023::12:30:45.123456 ===',
      '    application: rabbit',
      '=ERROR REPORT==== 11-Oct-2023::12:30:51 ===',
      '** Generic server <0.123.0> terminating',
      '** Reason for termination ==',
      '=CRASH REPORT==== 11-Oct-2023::12:30:51 ===',
      '  crasher:',
      '=WARNING REPORT==== 11-Oct-2023::12:30:52 ===',
      'Retrying connection',
      '',
    ].join('\n');
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.source.line, r.severityNumber, iso(r.timeNs)])).toEqual([
      [1, 9, '2023-10-11T12:30:45.123Z'],
      [3, 17, '2023-10-11T12:30:51.000Z'],
      [6, 17, '2023-10-11T12:30:51.000Z'],
      [8, 13, '2023-10-11T12:30:52.000Z'],
    ]);
  });

  it("MongoDB's legacy text log: the severity letter and the component", () => {
    const text = '2019-05-14T10:15:24.123+0000 I CONTROL  [initandlisten] MongoDB starting\n2019-05-14T10:15:25.000+0000 W STORAGE  [initandlisten] Detected\n2019-05-14T10:15:26.000+0000 D1 NETWORK  [conn1] x\n2019-05-14T10:15:27.000+0000 F -        [main] fatal\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.severityNumber, r.attributes['mongodb.component']])).toEqual([[9, 'CONTROL'], [13, 'STORAGE'], [5, 'NETWORK'], [21, '-']]);
  });

  it('Zabbix: the pid padded with spaces is no indent; every line a record with its local time', () => {
    const text = '  1234:20231011:143252.123 Starting Zabbix Agent [myhost].\n  1234:20231011:143252.124 **** Enabled features ****\n123456:20231011:143254.000 agent #1 started\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.source.line, iso(r.timeNs), r.resource.attributes['process.pid']])).toEqual([
      [1, '2023-10-11T14:32:52.123Z', 1234],
      [2, '2023-10-11T14:32:52.124Z', 1234],
      [3, '2023-10-11T14:32:54.000Z', 123456],
    ]);
  });
});

describe('Grafana "Download logs" text', () => {
  it('its head is no record, its common labels are every record\'s; each line is read as JSON, logfmt or text', () => {
    const text = [
      'Common labels: {"app":"api","namespace":"prod"}',
      'Line limit: "1000 (3 returned)"',
      'Total bytes processed: "12.3 kB"',
      '',
      '',
      '1704070800123\t2024-01-01T01:00:00.123Z\tlevel=error msg="db down" trace_id=4bf92f3577b34da6a3ce929d0e0e4736',
      '1704070801000\t2024-01-01T01:00:01.000Z\tplain text line',
      '1704070802000\t2024-01-01T01:00:02.000Z\t{"level":"warn","msg":"slow"}',
      '',
    ].join('\n');
    const recs = logs(decodeText(textLogs, text));
    // by hand: 3 entries (lines 6–8), service from the common `app` label
    expect(recs.map((r) => [r.source.line, iso(r.timeNs), r.severityNumber, r.structured, r.resource.serviceName])).toEqual([
      [6, '2024-01-01T01:00:00.123Z', 17, true, 'api'],
      [7, '2024-01-01T01:00:01.000Z', undefined, false, 'api'],
      [8, '2024-01-01T01:00:02.000Z', 13, true, 'api'],
    ]);
    expect(recs[0]!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});
