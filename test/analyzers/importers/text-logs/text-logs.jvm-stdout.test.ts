// What a JVM writes on its own among a Java service's log lines, plain and behind the container
// runtimes (CRI, docker's json-file driver): HotSpot's thread dump (kill -3, jstack, jcmd
// Thread.print), java.util.logging's SimpleFormatter records, HotSpot's `VM warning:` lines, and an
// exception under a record of a layout with no date (logback's default `%d{HH:mm:ss.SSS}`). The
// lines are cut from real OpenJDK 17.0.15 / logback 1.2.11 output (the addresses as printed);
// records are counted off them by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, isoNs, logs } from '../jsonl-logs/log-test-helpers.js';
import { continuesThreadDump } from '../../../../analyzers/importers/common/jvm-crash.js';

/** `lines` as the kubelet writes them (one CRI line a line, 1 ms apart) and as docker's json-file driver does. */
const cri = (lines: readonly string[], stream = 'stdout') => lines.map((l, i) => `2026-11-28T03:00:00.${String(i).padStart(3, '0')}000000Z ${stream} F ${l}`.replace(/ F $/, ' F')).join('\n') + '\n';
const docker = (lines: readonly string[], stream = 'stdout') => lines.map((l, i) => JSON.stringify({ log: `${l}\n`, stream, time: `2026-11-28T03:00:00.${String(i).padStart(3, '0')}000000Z` })).join('\n') + '\n';
const plain = (lines: readonly string[]) => lines.join('\n') + '\n';

// `jcmd 12007 Thread.print`, shortened (3 of its 22 threads)
const JCMD_DUMP = [
  '12007:',
  '2026-11-28 03:00:23',
  'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):',
  '',
  'Threads class SMR info:',
  '_java_thread_list=0x00007f7e2c002790, length=13, elements={',
  '0x00007f7eb0017f90, 0x00007f7eb0095f00, 0x00007f7eb00972e0, 0x00007f7eb009ed80,',
  '0x00007f7e2c001800',
  '}',
  '',
  '"main" #1 prio=5 os_prio=0 cpu=128.47ms elapsed=4.64s tid=0x00007f7eb0017f90 nid=0x2ee9 waiting on condition  [0x00007f7eb53fe000]',
  '   java.lang.Thread.State: TIMED_WAITING (sleeping)',
  '\tat java.lang.Thread.sleep(java.base@17.0.15/Native Method)',
  '\tat com.example.shop.Sleeper.main(Sleeper.java:13)',
  '',
  '"Finalizer" #3 daemon prio=8 os_prio=0 cpu=0.22ms elapsed=4.58s tid=0x00007f7eb00972e0 nid=0x2ef1 in Object.wait()  [0x00007f7e993fe000]',
  '   java.lang.Thread.State: WAITING (on object monitor)',
  '\tat java.lang.Object.wait(java.base@17.0.15/Native Method)',
  '\t- waiting on <0x00000000fc3168c0> (a java.lang.ref.ReferenceQueue$Lock)',
  '',
  '"VM Thread" os_prio=0 cpu=2.66ms elapsed=4.59s tid=0x00007f7eb0091f70 nid=0x2eef runnable  ',
  '',
  'JNI global refs: 7, weak refs: 0',
  '',
];

// kill -3 on a JVM logging with logback's default layout: the dump (time, head, threads, the heap
// at SIGQUIT) between two of its records, on its stdout
const TICK = (n: number, ms: number) => `03:00:2${n}.${ms} [main] INFO com.example.shop.Sleeper - tick ${n}`;
const KILL3 = [
  TICK(1, 560),
  ...JCMD_DUMP.slice(1, -1),
  '',
  'Heap',
  ' garbage-first heap   total 65536K, used 11918K [0x00000000fc000000, 0x0000000100000000)',
  '  class space    used 147K, committed 256K, reserved 1048576K',
  '',
  TICK(2, 184),
];

describe('text-logs: a HotSpot thread dump is one record', () => {
  it("jcmd Thread.print's output: one record (the pid line, the time, the dump), at the JVM's time (no zone)", () => {
    const recs = logs(decodeText(textLogs, plain(JCMD_DUMP)));
    expect(recs).toHaveLength(1);
    expect((recs[0]!.body as string).split('\n')).toEqual(JCMD_DUMP.slice(0, -1));
    expect(isoNs(recs[0]!.timeNs)).toBe('2026-11-28T03:00:23.000000000Z');
    expect(recs[0]!.timeWithoutZone).toBe(true);
    expect(recs[0]!.severityNumber).toBeUndefined();
    expectChunkingInvariant(textLogs, new TextEncoder().encode(plain(JCMD_DUMP)));
  });

  it('jstack / kill -3 (no pid line): one record from the time on', () => {
    const recs = logs(decodeText(textLogs, plain(JCMD_DUMP.slice(1))));
    expect(recs.map((r) => r.source.line)).toEqual([1]);
    expect(isoNs(recs[0]!.timeNs)).toBe('2026-11-28T03:00:23.000000000Z');
  });

  // counted by hand: tick 1, the dump (time to the heap's last line), tick 2
  it.each([
    ['plain', plain(KILL3), textLogs, [1, 2, KILL3.length]],
    // behind CRI and docker the empty line after the dump is no record either, as in the plain file
    ['CRI', cri(KILL3), textLogs, [1, 2, KILL3.length]],
    ['docker json-file', docker(KILL3), jsonlLogs, [1, 2, KILL3.length]],
  ] as const)('among logback lines on stdout, %s: tick, dump, tick', (_w, text, spec, starts) => {
    const recs = logs(decodeText(spec, text));
    expect(recs.map((r) => r.source.line)).toEqual(starts);
    const dump = (recs[1]!.body as string).split('\n');
    expect(dump[0]).toBe('2026-11-28 03:00:23');
    expect(dump[dump.length - 1]).toBe('  class space    used 147K, committed 256K, reserved 1048576K');
    expect(dump).toHaveLength(KILL3.length - 3);
    expect(recs.map((r) => r.severityNumber)).toEqual([9, undefined, 9]);
    expectChunkingInvariant(spec, new TextEncoder().encode(text));
  });

  // the end of a dump taken while two threads deadlock (kill -3, a real capture shortened)
  const DEADLOCK = [
    '2026-11-28 03:50:00.000 INFO started',
    '2026-11-28 03:49:03',
    'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):',
    '',
    '"pay-1" #13 prio=5 os_prio=0 cpu=1.02ms elapsed=2.01s tid=0x00007f25d4180000 nid=0x3a1c waiting for monitor entry  [0x00007f25a8dfe000]',
    '   java.lang.Thread.State: BLOCKED (on object monitor)',
    '\tat com.example.shop.Deadlock.lambda$main$0(Deadlock.java:5)',
    '',
    'JNI global refs: 4, weak refs: 0',
    '',
    '',
    'Found one Java-level deadlock:',
    '=============================',
    '"pay-1":',
    '  waiting to lock monitor 0x00007f25b4065ac0 (object 0x000000069ec199c0, a java.lang.Object),',
    '  which is held by "pay-2"',
    '',
    'Java stack information for the threads listed above:',
    '===================================================',
    '"pay-1":',
    '\tat com.example.shop.Deadlock.lambda$main$0(Deadlock.java:5)',
    '\t- waiting to lock <0x000000069ec199c0> (a java.lang.Object)',
    '',
    'Found 1 deadlock.',
    '',
    'Heap',
    ' garbage-first heap   total 65536K, used 11918K [0x00000000fc000000, 0x0000000100000000)',
    '2026-11-28 03:50:04.000 INFO still here',
  ];
  it.each([['plain', plain(DEADLOCK), textLogs], ['CRI', cri(DEADLOCK), textLogs], ['docker json-file', docker(DEADLOCK), jsonlLogs]] as const)('a dump with a deadlock report, %s: one record from the time to the heap', (_w, text, spec) => {
    const recs = logs(decodeText(spec, text));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, DEADLOCK.length]);
    expect((recs[1]!.body as string).split('\n')).toEqual(DEADLOCK.slice(1, -1));
    expectChunkingInvariant(spec, new TextEncoder().encode(text));
  });

  it('the lines a dump continues a record with, decided from two lines: not a logger line, not a date alone after anything but a pid line', () => {
    expect(continuesThreadDump('', '"Attach Listener" #13 daemon prio=9 os_prio=0 cpu=0.34ms elapsed=0.09s tid=0x00007f7e2c001800 nid=0x2f51 waiting on condition  [0x0000000000000000]')).toBe(true);
    // JDK 21 prints the thread's os id in brackets; JDK 7 has no os_prio
    expect(continuesThreadDump('', '"main" #1 [12345] prio=5 os_prio=0 cpu=1.00ms elapsed=1.00s tid=0x00007f7eb0017f90 nid=12345 runnable  [0x00007f7eb53fe000]')).toBe(true);
    expect(continuesThreadDump('', '"main" prio=10 tid=0x00007f7eb0017f90 nid=0x2ee9 runnable [0x00007f7eb53fe000]')).toBe(true);
    expect(continuesThreadDump('', 'Found one Java-level deadlock:')).toBe(true);
    expect(continuesThreadDump('', '"Thread-1":')).toBe(true);
    expect(continuesThreadDump('2026-11-28 03:00:23', 'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):')).toBe(true);
    expect(continuesThreadDump('03:00:21.111 [main] INFO a - b', 'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):')).toBe(false);
    expect(continuesThreadDump('12007:', '2026-11-28 03:00:23')).toBe(true);
    expect(continuesThreadDump('03:00:21.111 [main] INFO a - b', '2026-11-28 03:00:23')).toBe(false);
    expect(continuesThreadDump('', '03:00:21.111 [main] INFO com.example.shop.Sleeper - tick 3')).toBe(false);
    expect(continuesThreadDump('', '"quoted" text os_prio')).toBe(false);
    // the thread list, its closing brace and a deadlock's rule only under their own lines
    expect(continuesThreadDump('Threads class SMR info:', '_java_thread_list=0x00007f7e2c002790, length=13, elements={')).toBe(true);
    expect(continuesThreadDump('_java_thread_list=0x00007f7e2c002790, length=13, elements={', '0x00007f7eb0017f90, 0x00007f7eb0095f00,')).toBe(true);
    expect(continuesThreadDump('0x00007f7e2c001800', '}')).toBe(true);
    expect(continuesThreadDump('Found one Java-level deadlock:', '=============================')).toBe(true);
    expect(continuesThreadDump('app started', '0x00007f7eb0017f90, 0x00007f7eb0095f00,')).toBe(false);
    expect(continuesThreadDump('app started', '}')).toBe(false);
    expect(continuesThreadDump('Results:', '=============================')).toBe(false);
  });
});

// java.util.logging's SimpleFormatter on stderr (its default format: two lines a record, an empty
// line after an exception's stack)
const JUL = [
  'Nov 28, 2026 3:00:02 AM com.example.shop.JulMain$1 info',
  'INFO: Started ShopApplication in 2.345 seconds (process running for 2.9)',
  'Nov 28, 2026 3:00:02 AM com.example.shop.JulMain$1 warn',
  'WARNING: Slow query: 1503 ms for SELECT * FROM orders',
  'Nov 28, 2026 3:00:02 AM com.example.shop.JulMain$1 error',
  'SEVERE: Request failed for order 42',
  'java.io.IOException: Connection reset by peer',
  '\tat com.example.shop.Scenario.level3(Scenario.java:12)',
  '\t... 5 more',
  '',
  'Nov 28, 2026 3:00:02 AM org.apache.catalina.startup.Catalina start',
  'INFORMATION: Server startup in [3601] milliseconds',
];

describe("java.util.logging's two-line records in docker's json-file log", () => {
  it('are one record each, at the level of their second line, as in a plain file and behind CRI', () => {
    const text = docker(JUL, 'stderr');
    const recs = logs(decodeText(jsonlLogs, text));
    // (the empty line after the stack ends the stack, as SimpleFormatter prints it: no record, as in the plain file)
    expect(recs.map((r) => r.source.line)).toEqual([1, 3, 5, 11]);
    expect(recs.map((r) => [r.severityNumber, r.severityText])).toEqual([[9, 'INFO'], [13, 'WARNING'], [17, 'SEVERE'], [9, 'INFORMATION']]);
    expect((recs[2]!.body as string).split('\n')).toEqual(JUL.slice(4, 9));
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
    const criRecs = logs(decodeText(textLogs, cri(JUL, 'stderr')));
    expect(criRecs.map((r) => [r.source.line, r.severityNumber])).toEqual(recs.map((r) => [r.source.line, r.severityNumber]));
    expect(logs(decodeText(textLogs, plain(JUL))).map((r) => [r.source.line, r.severityNumber])).toEqual([[1, 9], [3, 13], [5, 17], [11, 9]]);
  });

  it('an empty line after a Java stack ends it behind a container runtime (a frame, `... N more`, a circular cause); after any other line it is no record either, as in a plain file', () => {
    const ends = ['\tat com.example.shop.Scenario.level3(Scenario.java:12) ~[classes/:na]', '\t... 4 common frames omitted', 'Caused by: [CIRCULAR REFERENCE: java.lang.RuntimeException: B]'];
    for (const last of ends) {
      const lines = ['2026-11-28 03:00:02,001 ERROR [main] com.example.App - failed', 'java.lang.RuntimeException: A', last, '', '2026-11-28 03:00:02,002 INFO [main] com.example.App - next'];
      expect(logs(decodeText(textLogs, cri(lines))).map((r) => r.source.line), last).toEqual([1, 5]);
      expect(logs(decodeText(jsonlLogs, docker(lines))).map((r) => r.source.line), last).toEqual([1, 5]);
    }
    const other = ['2026-11-28 03:00:02,001 INFO [main] com.example.App - banner follows', '  indented text', '', '2026-11-28 03:00:02,002 INFO [main] com.example.App - next'];
    expect(logs(decodeText(textLogs, cri(other))).map((r) => r.source.line)).toEqual([1, 4]);
    expect(logs(decodeText(jsonlLogs, docker(other))).map((r) => r.source.line)).toEqual([1, 4]);
    expect(logs(decodeText(textLogs, plain(other))).map((r) => r.source.line)).toEqual([1, 4]);
  });

  it('a level line under any other line is a record of its own (only a dated line of the time and the source takes it)', () => {
    const lines = ['2026-11-28 03:00:02,001 INFO [main] com.example.App - ready', 'INFO: from another writer', 'Nov 28, 2026 3:00:02 AM com.example.App main extra words', 'INFO: not a SimpleFormatter pair'];
    const recs = logs(decodeText(jsonlLogs, docker(lines)));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 3, 4]);
  });
});

describe("HotSpot's `VM warning:` lines", () => {
  // start-up with deprecated options, then logback's default layout on the same stdout
  const LINES = [
    'OpenJDK 64-Bit Server VM warning: Option UseBiasedLocking was deprecated in version 15.0 and will likely be removed in a future release.',
    'Java HotSpot(TM) 64-Bit Server VM warning: Options -Xverify:none and -noverify were deprecated in JDK 13 and will likely be removed in a future release.',
    '03:00:31.792 [main] INFO com.example.shop.Main - started',
    'the VM warning: is not at the start here',
  ];
  it.each([['plain', plain(LINES), textLogs], ['CRI', cri(LINES, 'stderr'), textLogs], ['docker json-file', docker(LINES, 'stderr'), jsonlLogs]] as const)('are at WARN, %s', (_w, text, spec) => {
    expect(logs(decodeText(spec, text)).map((r) => [r.severityNumber, r.severityText])).toEqual([[13, 'warning'], [13, 'warning'], [9, 'INFO'], [undefined, undefined]]);
  });
});

describe('behind CRI, an exception under a record whose layout has no date', () => {
  // logback's default layout (`%d{HH:mm:ss.SSS}`: no date, so no header the messages are learned to
  // begin with) after two JVM warnings and a GC line: the exception's class line and frames are the
  // ERROR record's, as in the plain file
  const LINES = [
    'OpenJDK 64-Bit Server VM warning: Option UseBiasedLocking was deprecated in version 15.0 and will likely be removed in a future release.',
    'OpenJDK 64-Bit Server VM warning: Options -Xverify:none and -noverify were deprecated in JDK 13 and will likely be removed in a future release.',
    '[0.011s][info][gc] Using Parallel',
    '03:00:31.814 [main] ERROR com.example.shop.OrderService - Request failed for order 42',
    'com.example.shop.Scenario$DataAccessException: could not fetch order 42',
    '\tat com.example.shop.Scenario.level1(Scenario.java:14)',
    'Caused by: java.lang.IllegalStateException: pool exhausted',
    '\t... 4 common frames omitted',
    '03:00:31.814 [main] ERROR com.example.shop.OrderService - Resource cleanup failed',
    'java.io.IOException: close failed',
    '\tat com.example.shop.Scenario.suppressed(Scenario.java:18)',
    '03:00:31.831 [worker-1] INFO com.example.shop.OrderService - Worker finished batch 7',
  ];
  it.each([['plain', plain(LINES)], ['CRI', cri(LINES)]] as const)('%s: 6 records, the stacks in theirs', (_w, text) => {
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => r.source.line)).toEqual([1, 2, 3, 4, 9, 12]);
    expect((recs[3]!.body as string).split('\n').slice(-4)).toEqual(LINES.slice(4, 8));
    expect(recs.map((r) => r.severityNumber)).toEqual([13, 13, 9, 17, 17, 9]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});
