// The JVM's reports of its death among a Java service's log lines, in a file of its own and behind
// each container prefix the text importer reads: a thread's uncaught exception (`Exception in
// thread "…"`) and HotSpot's fatal error report (its `#` banner; with -XX:+ErrorFileToStdout, the
// whole hs_err report up to `END.`). Expected records are counted off the lines by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import type { LogRecord } from '../../../../analyzers/model/index.js';

const iso = (ns: bigint | undefined) => (ns === undefined ? undefined : new Date(Number(ns / 1_000_000n)).toISOString());

// A Spring Boot 3.2 service (its default console layout) whose scheduler thread dies of an
// exception nothing caught (the JVM prints it on stderr), then whose native library crashes the
// JVM (HotSpot's banner, on stdout).
const POD = [
  '2026-11-27T15:38:41.120Z  INFO 1 --- [checkout] [           main] c.e.checkout.CheckoutApplication         : Starting CheckoutApplication v1.4.2 using Java 17.0.9 with PID 1 (/app/app.jar started by root in /app)',
  '2026-11-27T15:38:43.511Z  INFO 1 --- [checkout] [           main] c.e.checkout.CheckoutApplication         : Started CheckoutApplication in 2.93 seconds (process running for 3.41)',
  '2026-11-27T15:38:47.002Z ERROR 1 --- [checkout] [   scheduling-1] c.e.checkout.ReconcileJob                : reconcile failed',
  'java.io.UncheckedIOException: java.net.SocketTimeoutException: Read timed out',
  '\tat com.example.checkout.ReconcileJob.fetch(ReconcileJob.java:58)',
  '\tat com.example.checkout.ReconcileJob.run(ReconcileJob.java:31)',
  'Exception in thread "scheduling-1" java.lang.IllegalStateException: reconcile state lost',
  '\tat com.example.checkout.ReconcileJob.run(ReconcileJob.java:40)',
  '\tat java.base/java.lang.Thread.run(Thread.java:840)',
  '2026-11-27T15:38:52.900Z  WARN 1 --- [checkout] [nio-8080-exec-3] c.e.checkout.NativeSigner                : signing through libsigner.so (fallback path)',
  '#',
  '# A fatal error has been detected by the Java Runtime Environment:',
  '#',
  '#  SIGSEGV (0xb) at pc=0x00007f3a8c1b2e40, pid=1, tid=41',
  '#',
  '# JRE version: OpenJDK Runtime Environment Temurin-17.0.9+9 (17.0.9+9) (build 17.0.9+9)',
  '# Java VM: OpenJDK 64-Bit Server VM Temurin-17.0.9+9 (17.0.9+9, mixed mode, sharing, tiered, compressed oops, compressed class ptrs, g1 gc, linux-amd64)',
  '# Problematic frame:',
  '# C  [libsigner.so+0x1e40]  sign_digest+0x10',
  '#',
  '# Core dump will be written. Default location: Core dumps may be processed with "/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h" (or dumping to /app/core.1)',
  '#',
  '# An error report file with more information is saved as:',
  '# /app/hs_err_pid1.log',
  '#',
  '# If you would like to submit a bug report, please visit:',
  '#   https://github.com/adoptium/adoptium-support/issues',
  '# The crash happened outside the Java Virtual Machine in native code.',
  '# See problematic frame for where to report the bug.',
  '#',
];
/** The lines the JVM (not the application's logger on stdout) writes on stderr: the uncaught exception's. */
const STDERR = new Set([6, 7, 8]);

// [first line, severity number, severity text, lines], counted off POD by hand: the logger's
// exception and frames belong to its ERROR line; the uncaught exception (3 lines) and the fatal
// error report (20 lines, from the `#` above its head) are records of their own.
const EXPECTED = [
  [1, 9, 'INFO', 1],
  [2, 9, 'INFO', 1],
  [3, 17, 'ERROR', 4],
  [7, 17, 'error', 3],
  [10, 13, 'WARN', 1],
  [11, 21, 'fatal', 20],
];

const shape = (recs: LogRecord[]) => recs.map((r) => [r.source.line, r.severityNumber, r.severityText, r.attributes['log.record.lines'] ?? 1]);
/** kubectl's (and the CRI runtime's) stamp for line i: 137 ms apart from 15:38:41.500Z on. */
const stamp = (i: number) => new Date(Date.UTC(2026, 10, 27, 15, 38, 41, 500) + 137 * (i + 1)).toISOString().replace('Z', '123456Z');
const stampNs = (i: number) => BigInt(Date.UTC(2026, 10, 27, 15, 38, 41, 500) + 137 * (i + 1)) * 1_000_000n + 123_456n;

const PREFIXED: Record<string, (l: string, i: number) => string> = {
  // kubectl logs --prefix deploy/checkout (logs.go: "[pod/<pod>/<container>] ")
  'kubectl logs --prefix': (l) => `[pod/checkout-7d9f8c6b5d-x2k4p/checkout] ${l}`,
  'kubectl logs --prefix --timestamps': (l, i) => `[pod/checkout-7d9f8c6b5d-x2k4p/checkout] ${stamp(i)} ${l}`,
  'kubectl logs --timestamps': (l, i) => `${stamp(i)} ${l}`,
  'CRI (/var/log/pods)': (l, i) => `${stamp(i)} ${STDERR.has(i) ? 'stderr' : 'stdout'} F ${l}`,
  'docker compose logs': (l) => (l === '' ? 'checkout-1  |' : `checkout-1  | ${l}`),
};

describe('text-logs: the JVM\'s reports of its death, plain and behind container prefixes', () => {
  it('in the plain file: the uncaught exception at ERROR and the fatal error report at FATAL are records of their own', () => {
    const text = POD.join('\n') + '\n';
    const r = decodeText(textLogs, text);
    expect(r.errors).toEqual([]);
    const recs = logs(r);
    expect(shape(recs)).toEqual(EXPECTED);
    const report = String(recs[5]!.body).split('\n');
    expect([report.length, report[0], report[1], report[18]]).toEqual([20, '#', '# A fatal error has been detected by the Java Runtime Environment:', '# See problematic frame for where to report the bug.']);
    // the WARN line above the report keeps only its own line
    expect(recs[4]!.body).toBe(POD[9]);
    // neither report says when: no time is made up
    expect([recs[3]!.timeNs, recs[5]!.timeNs]).toEqual([undefined, undefined]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  for (const [name, prefix] of Object.entries(PREFIXED)) {
    it(`behind ${name}: the same records, levels and lines as the plain file`, () => {
      const text = POD.map(prefix).join('\n') + '\n';
      const r = decodeText(textLogs, text);
      expect(r.errors).toEqual([]);
      const recs = logs(r);
      expect(shape(recs)).toEqual(EXPECTED);
      expect(String(recs[5]!.body).split('\n')[1]).toBe('# A fatal error has been detected by the Java Runtime Environment:');
      expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
    });
  }

  it('the reports take the time a container prefix gives, where one does (no time behind a prefix that gives none)', () => {
    const time = (name: string) => logs(decodeText(textLogs, POD.map(PREFIXED[name]!).join('\n') + '\n')).map((r) => r.timeNs);
    // the uncaught exception: its first line's stamp; the fatal error report: that of its first line (the `#` above its head)
    for (const name of ['kubectl logs --prefix --timestamps', 'kubectl logs --timestamps', 'CRI (/var/log/pods)']) {
      const t = time(name);
      expect([t[3], t[5]], name).toEqual([stampNs(6), stampNs(10)]);
    }
    for (const name of ['kubectl logs --prefix', 'docker compose logs']) {
      const t = time(name);
      expect([t[3], t[5]], name).toEqual([undefined, undefined]);
    }
  });
});

// -XX:+ErrorFileToStdout: the whole hs_err report follows the banner (JDK 11 and later, vmError.cpp),
// its `Time:` line in the summary, `END.` its last line. Shortened from a real report.
const FULL_REPORT = [
  '#',
  '# A fatal error has been detected by the Java Runtime Environment:',
  '#',
  '#  SIGSEGV (0xb) at pc=0x00007f5fc843f920, pid=1, tid=41',
  '#',
  '# JRE version: OpenJDK Runtime Environment Temurin-17.0.9+9 (17.0.9+9) (build 17.0.9+9)',
  '# Problematic frame:',
  '# C  [libsigner.so+0x1e40]  sign_digest+0x10',
  '#',
  '',
  '---------------  S U M M A R Y ------------',
  '',
  'Command Line: -XX:+ErrorFileToStdout -jar /app/app.jar',
  '',
  'Host: Intel(R) Xeon(R) CPU @ 2.20GHz, 2 cores, 7G, Ubuntu 22.04.3 LTS',
  'Time: Fri Nov 27 15:38:53 2026 CET elapsed time: 12.034512 seconds (0d 0h 0m 12s)',
  '',
  '---------------  T H R E A D  ---------------',
  '',
  'Current thread (0x00007f3a84028800):  JavaThread "http-nio-8080-exec-3" daemon [_thread_in_native, id=41, stack(0x00007f3a6b9f1000,0x00007f3a6baf2000)]',
  '',
  'Native frames: (J=compiled Java code, j=interpreted, Vv=VM code, C=native code)',
  'C  [libsigner.so+0x1e40]  sign_digest+0x10',
  'j  com.example.checkout.NativeSigner.sign([B)[B+0',
  '',
  'Top of Stack: (sp=0x00007f5fc93d6920)',
  '0x00007f5fc93d6920:   00007f5fc93d6901 0000000000000000',
  '',
  '---------------  P R O C E S S  ---------------',
  '',
  'Events (2 events):',
  'Event: 0.044 loading class java/lang/System$2',
  'Event: 11.903 Thread 0x00007f3a84028800 Thread added: 0x00007f3a84028800',
  '',
  'Dynamic libraries:',
  '00400000-00401000 r-xp 00000000 00:2cc 814709                            /opt/java/openjdk/bin/java',
  '7f5fc7e00000-7f5fc8f40000 r-xp 00000000 00:2cc 815145                    /opt/java/openjdk/lib/server/libjvm.so',
  '',
  'END.',
];

describe('text-logs: HotSpot\'s whole fatal error report (-XX:+ErrorFileToStdout, an hs_err file)', () => {
  const before = '2026-11-27T15:38:52.900+01:00  WARN 1 --- [checkout] [nio-8080-exec-3] c.e.checkout.NativeSigner                : signing through libsigner.so';
  const after = '2026-11-27T15:39:10.002+01:00  INFO 1 --- [checkout] [           main] c.e.checkout.CheckoutApplication         : Starting CheckoutApplication v1.4.2';

  it('is one FATAL record up to END., at the time its Time: line gives (CET: +01:00)', () => {
    const text = [before, ...FULL_REPORT, after].join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(shape(recs)).toEqual([
      [1, 13, 'WARN', 1],
      [2, 21, 'fatal', 39],
      [41, 9, 'INFO', 1],
    ]);
    expect(iso(recs[1]!.timeNs)).toBe('2026-11-27T14:38:53.000Z');
    expect(recs[1]!.timeWithoutZone).toBeUndefined();
  });

  it('behind CRI: its own Time: line, not the runtime\'s stamp; the lines after END. are records again', () => {
    const lines = [before, ...FULL_REPORT, after];
    const text = lines.map((l, i) => `${stamp(i)} stdout F ${l}`).join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(shape(recs)).toEqual([
      [1, 13, 'WARN', 1],
      [2, 21, 'fatal', 39],
      [41, 9, 'INFO', 1],
    ]);
    expect(iso(recs[1]!.timeNs)).toBe('2026-11-27T14:38:53.000Z');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });

  it('an hs_err file of its own (no log lines around it) is one record; without a known zone the time has none', () => {
    const text = FULL_REPORT.map((l) => l.replace(' CET elapsed', ' W. Europe Standard Time elapsed')).join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(shape(recs)).toEqual([[1, 21, 'fatal', 39]]);
    expect(iso(recs[0]!.timeNs)).toBe('2026-11-27T15:38:53.000Z');
    expect(recs[0]!.timeWithoutZone).toBe(true);
  });

  it('JDK 8: `time:` and `timezone:` lines, its last line `elapsed time: …`', () => {
    // JDK 8's os::print_date_and_time at the end of the S Y S T E M section
    const jdk8 = [
      ...FULL_REPORT.slice(0, 9),
      '',
      '---------------  T H R E A D  ---------------',
      '',
      'Current thread (0x00007f3a84028800):  JavaThread "main" [_thread_in_native, id=41, stack(0x00007f3a6b9f1000,0x00007f3a6baf2000)]',
      '',
      '---------------  S Y S T E M  ---------------',
      '',
      'vm_info: OpenJDK 64-Bit Server VM (25.392-b08) for linux-amd64 JRE (1.8.0_392-b08), built on Oct 19 2023 10:02:51 by "jenkins" with gcc 7.5.0',
      '',
      'time: Fri Nov 27 15:38:53 2026',
      'timezone: UTC',
      'elapsed time: 12 seconds (0d 0h 0m 12s)',
    ];
    const text = [...jdk8, 'Aborted (core dumped)'].map((l, i) => `checkout-1  | ${l}`.trimEnd()).join('\n') + '\n';
    const recs = logs(decodeText(textLogs, text));
    expect(shape(recs)).toEqual([
      [1, 21, 'fatal', 21],
      [22, undefined, undefined, 1],
    ]);
    expect(iso(recs[0]!.timeNs)).toBe('2026-11-27T15:38:53.000Z');
    expect(recs[0]!.timeWithoutZone).toBeUndefined();
  });
});
