import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, isoNs, logs, readCleanLogs } from '../jsonl-logs/log-test-helpers.js';

// Server logs as Debian 12's packages write them (lines modelled on real output of PostgreSQL 15,
// MariaDB 10.11, OpenSSH 9.2 and BIND 9.18 run by hand). Each file is read whole and in 1-, 7- and
// 4096-byte chunks (readCleanLogs).

const read = (text: string) => readCleanLogs(textLogs, text);

describe('PostgreSQL with %l (the session line number) in log_line_prefix', () => {
  it("pgBadger's `%t [%p]: [%l-1] …`: a message's DETAIL, CONTEXT and STATEMENT lines (numbered one more each) belong to it", () => {
    const recs = read([
      '2026-11-28 02:59:14 UTC [7359]: [5-1] user=postgres,db=shop,app=psql,client=127.0.0.1 ERROR:  null value in column "name" violates not-null constraint',
      '2026-11-28 02:59:14 UTC [7359]: [6-1] user=postgres,db=shop,app=psql,client=127.0.0.1 DETAIL:  Failing row contains (50001, null, 1).',
      '2026-11-28 02:59:14 UTC [7359]: [7-1] user=postgres,db=shop,app=psql,client=127.0.0.1 STATEMENT:  insert into items(name, qty) values (null, 1);',
      '2026-11-28 02:59:14 UTC [7359]: [8-1] user=postgres,db=shop,app=psql,client=127.0.0.1 ERROR:  division by zero',
      '2026-11-28 02:59:14 UTC [7359]: [9-1] user=postgres,db=shop,app=psql,client=127.0.0.1 CONTEXT:  SQL statement "SELECT 1/0"',
      '\tPL/pgSQL function f() line 1 at PERFORM',
      '2026-11-28 02:59:14 UTC [7359]: [10-1] user=postgres,db=shop,app=psql,client=127.0.0.1 STATEMENT:  select f();',
      '2026-11-28 02:59:14 UTC [7359]: [11-1] user=postgres,db=shop,app=psql,client=127.0.0.1 LOG:  duration: 608.097 ms  statement: SELECT id,',
      '\t       name',
      '\t  FROM items;',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.source.line, r.severityText])).toEqual([
      [1, 'ERROR'],
      [4, 'ERROR'],
      [8, 'LOG'],
    ]);
    expect(String(recs[1]!.body)).toContain('CONTEXT:  SQL statement "SELECT 1/0"\n\tPL/pgSQL function f() line 1 at PERFORM\n');
    expect(String(recs[1]!.body)).toContain('[10-1] user=postgres,db=shop,app=psql,client=127.0.0.1 STATEMENT:  select f();');
  });

  it('`%m [%p-%l] `: the number must be larger by the message\'s prefixed lines so far; another pid, or a number out of step, begins a record', () => {
    const recs = logs(decodeText(textLogs, [
      '2026-11-28 03:25:20.100 UTC [15192-5] ERROR:  relation "nosuchtable" does not exist at character 15',
      '2026-11-28 03:25:20.100 UTC [15192-6] STATEMENT:  select * from nosuchtable;',
      '2026-11-28 03:25:20.100 UTC [15192-8] DETAIL:  out of step (two more, one line so far)',
      '2026-11-28 03:25:20.200 UTC [15193-2] FATAL:  role "nosuchuser" does not exist',
      '2026-11-28 03:25:20.200 UTC [15194-3] DETAIL:  two numbers differ: another backend',
    ].join('\n') + '\n'));
    expect(recs.map((r) => [r.source.line, r.severityText])).toEqual([
      [1, 'ERROR'],
      [3, undefined],
      [4, 'FATAL'],
      [5, undefined],
    ]);
  });
});

describe('MariaDB error log', () => {
  it('the hour padded with a space (`2026-11-28  3:13:16`) is read, without a zone; the startup banner\'s `Version:` line is part of its message', () => {
    const recs = read([
      '2026-11-28  3:13:16 0 [Note] mariadbd: ready for connections.',
      "Version: '10.11.19-MariaDB-0+deb12u1-log'  socket: '/run/mysqld/mysqld.sock'  port: 3306  Debian 12",
      "2026-11-28  3:13:20 9 [Warning] Access denied for user 'nosuch'@'localhost' (using password: YES)",
      '2026-11-28 13:13:31 0 [Note] mariadbd: Shutdown complete',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.source.line, isoNs(r.timeNs), r.timeWithoutZone, r.severityText])).toEqual([
      [1, '2026-11-28T03:13:16.000000000Z', true, 'Note'],
      [3, '2026-11-28T03:13:20.000000000Z', true, 'Warning'],
      [4, '2026-11-28T13:13:31.000000000Z', true, 'Note'],
    ]);
  });
});

describe('one level word in lower case before a colon, on every line that has a level', () => {
  it("OpenSSH's `sshd -E` at LogLevel DEBUG1: `debug1:` is the level, lines without one have none", () => {
    const recs = read([
      'debug1: sshd version OpenSSH_9.2, OpenSSL 3.0.17 1 Jul 2025',
      'debug1: private host key #0: ssh-ed25519 SHA256:abc',
      'debug1: Bind to port 12222 on 127.0.0.1.',
      'Server listening on 127.0.0.1 port 12222.',
      'debug1: Forked child 41403.',
      'Invalid user nosuchuser from 127.0.0.1 port 41402',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([
      ['debug1', 5],
      ['debug1', 5],
      ['debug1', 5],
      [undefined, undefined],
      ['debug1', 5],
      [undefined, undefined],
    ]);
  });

  it("BIND's query log (`print-category yes; print-severity yes;`): `queries: info:` is an info record", () => {
    const recs = read([
      '28-Nov-2026 03:18:25.673 queries: info: client @0x7f3b2241a098 127.0.0.1#48604 (www.example.test): query: www.example.test IN A +E(0)K (127.0.0.1)',
      '28-Nov-2026 03:18:25.813 queries: info: client @0x7f3b208f7098 127.0.0.1#46483 (ns.example.test): query: ns.example.test IN A +E(0)K (127.0.0.1)',
      '28-Nov-2026 03:18:25.909 queries: info: client @0x7f3b208f7098 127.0.0.1#49527 (google.com): query: google.com IN A +E(0)K (127.0.0.1)',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber, r.timeWithoutZone])).toEqual([
      ['info', 9, true],
      ['info', 9, true],
      ['info', 9, true],
    ]);
  });

  it('a word that may begin a sentence (`note:`, `log:`) is not learned so', () => {
    const recs = read(['note: the cache was rebuilt', 'note: 3 entries dropped', 'note: done', 'something else'].join('\n') + '\n');
    expect(recs.map((r) => r.severityNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("HAProxy's messages on its standard error, among its `log stdout format raw` lines", () => {
  it('each `[LEVEL]  (pid) : …` line is a record with its level and pid; the raw lines after it are records of their own', () => {
    const recs = read([
      '[WARNING]  (17667) : Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms.',
      'Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms.',
      "[ALERT]    (17667) : backend 'be' has no server available!",
      'backend be has no server available!',
      '[NOTICE]   (17667) : haproxy version is 2.6.12-1+deb12u4',
      '[WARNING] 327/031531 (17668) : Server be/s2 is UP.',
      '127.0.0.1:48954 [28/Nov/2026:03:15:31.973] fe be/s1 0/0/0/3/3 200 185 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      '127.0.0.1:48964 [28/Nov/2026:03:15:32.003] fe be/s1 0/0/0/1/1 404 500 - - ---- 1/1/0/0/0 0/0 "GET /nope1 HTTP/1.1"',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.source.line, r.severityText, r.severityNumber, r.resource.attributes['process.pid']])).toEqual([
      [1, 'WARNING', 13, 17667],
      [2, undefined, undefined, undefined],
      [3, 'ALERT', 19, 17667], // HAProxy's levels are syslog's: alert → ERROR3 19 (OTel appendix B)
      [4, undefined, undefined, undefined],
      [5, 'NOTICE', 10, 17667],
      [6, 'WARNING', 13, 17668],
      [7, undefined, undefined, undefined],
      [8, undefined, undefined, undefined],
    ]);
    expect(recs.slice(0, 6).every((r) => r.timeNs === undefined)).toBe(true);
    expect(isoNs(recs[6]!.timeNs)).toBe('2026-11-28T03:15:31.973000000Z');
  });
});

describe("dmesg -x (--decode): the facility and the level, padded to their width before each colon", () => {
  it('every line gets its level, `notice` (no padding before its colon) as the padded ones', () => {
    // Shaped like util-linux 2.38's `dmesg -x` (captured on Debian 12): `%-6s:%-6s: ` facility and level
    const recs = read([
      'kern  :notice: [    0.000000] Linux version 6.18.44 (builder@sandboxing)',
      'kern  :info  : [    0.000000] Command line: console=ttyS0 quiet',
      'kern  :warn  : [    0.000000] [Firmware Bug]: TSC doesn\'t count with P0 frequency!',
      'kern  :debug : [    0.000012] e820: update [mem 0x00000000-0x00000fff] usable ==> reserved',
      'kern  :emerg : [    0.184103] RDSEED32 is broken. Disabling the corresponding CPUID bit.',
      'kern  :notice: [    0.201000] random: crng init done',
      'daemon:err   : [    1.000000] systemd[1]: Failed to start unit',
      'kern  :info  : [    1.500000] EXT4-fs (vda): mounted filesystem',
    ].join('\n') + '\n');
    // the OTel appendix B numbers for the syslog words: notice 10, info 9, warn 13, debug 5, emerg 21, err 17
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['notice', 10], ['info', 9], ['warn', 13], ['debug', 5], ['emerg', 21], ['notice', 10], ['err', 17], ['info', 9]]);
  });
});

describe('dmesg --time-format iso: a kernel subsystem is no service', () => {
  it('reads the subsystem prefixes as message, as plain dmesg does; a syslog line with a point before its fraction keeps its host and program', () => {
    // Shaped like util-linux dmesg --time-format iso (`%Y-%m-%dT%H:%M:%S,%06ld%+03d:%02d`, a comma before the microseconds)
    const lines = [
      '2026-11-29T02:16:29,065411+00:00 IOAPIC[0]: apic_id 0, version 17, address 0xfec00000, GSI 0-23',
      '2026-11-29T02:16:29,065487+00:00 CPU topo: Max. logical packages:   1',
      '2026-11-29T02:16:29,128359+00:00 mem auto-init: stack:all(zero), heap alloc:off, heap free:off',
      '2026-11-29T02:16:29,186965+00:00 x86/fpu: xstate_offset[2]:  576, xstate_sizes[2]:  256',
    ];
    const recs = read(lines.join('\n') + '\n');
    // by hand: four lines, four records, none with a service or host (plain dmesg's `[    0.065411] IOAPIC[0]: …` has none)
    expect(recs.map((r) => [r.resource.serviceName, r.resource.attributes['host.name']])).toEqual([[undefined, undefined], [undefined, undefined], [undefined, undefined], [undefined, undefined]]);
    expect(recs.map((r) => r.body)).toEqual(lines); // (a text record keeps its whole line)
    expect(isoNs(recs[0]!.timeNs)).toBe('2026-11-29T02:16:29.065411000Z');
    // journalctl -o short-iso-precise (a point before the microseconds): host and program as before
    const j = read('2026-11-29T02:16:29.065411+00:00 web-1 nginx[1234]: started\n');
    expect([j[0]!.resource.serviceName, j[0]!.resource.attributes['host.name']]).toEqual(['nginx', 'web-1']);
  });
});
