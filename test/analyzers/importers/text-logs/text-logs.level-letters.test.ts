import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { nsToIso, scanLeadingTimestamp } from '../../../../analyzers/importers/common/time.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// Levels written as a number after the word (BIND's `debug 1:`) or as one letter in a column of
// the file's layout (etcd 3.4's capnslog `I | …`, CUPS's error_log `E [time] …`), and Go's `log`
// prefix glued to the date (etcd's raft logger). Lines are real output of BIND 9.18, CUPS 2.4 and
// etcd 3.4.23 (Debian 12). Each file is read whole and in 1-, 7- and 4096-byte chunks.

function read(text: string) {
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  const r = decodeText(textLogs, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

const levels = (text: string) => read(text).map((r) => [r.severityText, r.severityNumber]);
const iso = (ns: bigint | undefined): string | undefined => (ns === undefined ? undefined : nsToIso(ns));
const times = (n: number, v: string) => Array.from({ length: n }, () => v);

/** Counts of [severityText, severityNumber] pairs, as `text/number`. */
function counts(rows: unknown[][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [t, n] of rows) out[`${String(t)}/${String(n)}`] = (out[`${String(t)}/${String(n)}`] ?? 0) + 1;
  return out;
}

describe('text-logs: BIND 9 `print-severity yes` (`<category>: debug 1: …`, `<category>: info: …`)', () => {
  const debug = [
    '27-Nov-2026 21:24:56.026 general: debug 1: now using logging configuration from config file',
    '27-Nov-2026 21:24:56.026 general: debug 1: exclusive task mode: ending',
    '27-Nov-2026 21:24:56.030 general: debug 1: exclusive task mode: ended',
    '27-Nov-2026 21:24:56.030 general: debug 1: load_configuration: success',
    '27-Nov-2026 21:24:56.030 zoneload: debug 1: managed-keys-zone: starting load',
    '27-Nov-2026 21:24:56.030 general: debug 3: zone_settimer: managed-keys-zone: enter',
  ];
  const other = [
    '27-Nov-2026 21:24:56.030 zoneload: info: managed-keys-zone: loaded serial 0',
    '27-Nov-2026 21:24:56.030 zoneload: info: zone example.test/IN: loaded serial 1',
    '27-Nov-2026 21:24:56.030 general: notice: all zones loaded',
    '27-Nov-2026 21:24:56.030 general: notice: running',
    '27-Nov-2026 21:24:59.014 queries: info: client @0x7f122e432098 127.0.0.1#50552 (www.example.test): query: www.example.test IN A +E(0)K (127.0.0.1)',
  ];

  it('a file that opens with debug lines: `debug N:` is DEBUG, and the info/notice lines after them are read too', () => {
    const text = [...debug, ...debug, ...other].join('\n') + '\n';
    expect(levels(text)).toEqual([...times(12, 'debug').map((t) => [t, 5]), ['info', 9], ['info', 9], ['notice', 10], ['notice', 10], ['info', 9]]);
  });

  it('debug and info lines interleaved; every record keeps its time', () => {
    const text = [debug[0], other[0], debug[1], other[2], debug[5], other[4]].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['debug', 5], ['info', 9], ['debug', 5], ['notice', 10], ['debug', 5], ['info', 9]]);
    expect(iso(recs[5]!.timeNs)).toBe('2026-11-27T21:24:59.014000000Z');
  });

  it('a file of debug lines only (past the lines it is learned from): `debug N:` makes the column, its later info/notice lines are read', () => {
    const many = Array.from({ length: 250 }, (_, i) => debug[i % debug.length]!);
    const got = levels([...many, ...other].join('\n') + '\n');
    expect(counts(got)).toEqual({ 'debug/5': 250, 'info/9': 3, 'notice/10': 2 });
    expect(got.slice(250)).toEqual([['info', 9], ['info', 9], ['notice', 10], ['notice', 10], ['info', 9]]);
  });

  it('only a debug or trace word takes a number before its colon; other words there are no level', () => {
    const text = [...other, '27-Nov-2026 21:25:00.000 general: debug session started', '27-Nov-2026 21:25:00.000 general: error 42: connection reset'].join('\n') + '\n';
    expect(levels(text).slice(5)).toEqual([[undefined, undefined], [undefined, undefined]]);
  });
});

describe('text-logs: a column of one-letter levels in the file layout', () => {
  // cupsd-logs(5): X emerg, A alert, C crit, E error, W warn, N notice, I info, D debug, d debug2
  const cups = [
    'I [27/Nov/2026:21:30:18 +0000] Listening to 127.0.0.1:16310 (IPv4)',
    'I [27/Nov/2026:21:30:18 +0000] Remote access is disabled.',
    'D [27/Nov/2026:21:30:18 +0000] Added auto ServerAlias vm',
    'D [27/Nov/2026:21:30:18 +0000] Using keychain "/tmp/probe-S26/cups/root/ssl" for server name "vm".',
    'E [27/Nov/2026:21:30:18 +0000] cupsdLoadBanners: Unable to open banner directory "/usr/share/cups/banners": No such file or directory',
    'd [27/Nov/2026:21:30:19 +0000] cupsdSetBusyState: newbusy="Not busy", busy="Active clients"',
    'W [27/Nov/2026:21:30:20 +0000] No limit for CUPS-Get-Document defined in policy default - using Send-Document\'s policy.',
    'N [27/Nov/2026:21:30:20 +0000] Ready to print.',
    'A [27/Nov/2026:21:30:21 +0000] Unable to open file',
    'C [27/Nov/2026:21:30:21 +0000] Unable to read configuration file',
    'X [27/Nov/2026:21:30:21 +0000] Out of memory',
    'E [27/Nov/2026:21:30:21 +0000] File \\"/usr/lib/cups/cgi-bin/printers.cgi\\" not available: No such file or directory',
  ];

  it("CUPS's error_log: the letter before the time is the level, the time and its zone are read", () => {
    const recs = read(cups.join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([
      // (the OpenTelemetry log data model's syslog mapping: Alert ERROR3, Critical ERROR2, Emergency FATAL; were 21, 21, 22)
      ['I', 9], ['I', 9], ['D', 5], ['D', 5], ['E', 17], ['d', 6], ['W', 13], ['N', 10], ['A', 19], ['C', 18], ['X', 21], ['E', 17],
    ]);
    expect(iso(recs[0]!.timeNs)).toBe('2026-11-27T21:30:18.000000000Z');
    expect(recs[0]!.timeWithoutZone).not.toBe(true);
  });

  it("CUPS's default LogLevel (warn): a file of one letter only, and of two", () => {
    expect(levels([cups[4], cups[11], cups[4]].join('\n') + '\n')).toEqual([['E', 17], ['E', 17], ['E', 17]]);
    expect(levels([cups[4], cups[6], cups[11], cups[4]].join('\n') + '\n')).toEqual([['E', 17], ['W', 13], ['E', 17], ['E', 17]]);
  });

  const capnslog = [
    "[WARNING] Deprecated '--logger=capnslog' flag is set; use '--logger=zap' flag instead",
    '2026-11-27 21:22:48.065814 I | etcdmain: etcd Version: 3.4.23',
    '2026-11-27 21:22:48.065837 I | etcdmain: Git SHA: Not provided (use ./build instead of go build)',
    '2026-11-27 21:22:48.069192 I | etcdserver: starting member 2943212f5e2cf73 in cluster 70f9cf875eabdc0b',
    'raft2026/11/27 21:22:48 INFO: 2943212f5e2cf73 switched to configuration voters=()',
    'raft2026/11/27 21:22:48 INFO: 2943212f5e2cf73 became follower at term 0',
    '2026-11-27 21:22:48.079206 I | embed: listening for peers on 127.0.0.1:23802',
    '2026-11-27 21:22:48.074158 W | auth: simple token is not cryptographically signed',
    '2026-11-27 21:22:48.175240 N | embed: serving insecure client requests on 127.0.0.1:23792, this is strongly discouraged!',
    '2026-11-27 21:22:48.175406 N | etcdserver/membership: set the initial cluster version to 3.4',
    '2026-11-27 21:22:49.175406 E | rafthttp: failed to dial 8e9e05c52164694d on stream Message (peer 8e9e05c52164694d failed to find local node 2943212f5e2cf73)',
    '2026-11-27 21:22:50.175406 C | etcdmain: listen tcp 127.0.0.1:2380: bind: address already in use',
    '2026-11-27 21:22:50.275406 D | etcdserver/api/v3rpc: ERROR: not an error of this line',
  ];

  it("etcd 3.4's capnslog: the letter before ` | ` is the level (before any word of its message); raft's glued prefix dates its lines", () => {
    const recs = read(capnslog.join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([
      // (capnslog's C is CRITICAL: ERROR2 as the syslog Critical of the OpenTelemetry mapping, as CUPS's C; was 21)
      ['WARNING', 13], ['I', 9], ['I', 9], ['I', 9], ['INFO', 9], ['INFO', 9], ['I', 9], ['W', 13], ['N', 10], ['N', 10], ['E', 17], ['C', 18], ['D', 5],
    ]);
    // the package after the letter, and Go's log prefix glued to the date, are the logger (before: none)
    expect(recs.map((r) => r.scope?.name)).toEqual([
      undefined, 'etcdmain', 'etcdmain', 'etcdserver', 'raft', 'raft', 'embed', 'auth', 'embed', 'etcdserver/membership', 'rafthttp', 'etcdmain', 'etcdserver/api/v3rpc',
    ]);
    expect(recs.map((r) => iso(r.timeNs))).toEqual([
      undefined,
      '2026-11-27T21:22:48.065814000Z',
      '2026-11-27T21:22:48.065837000Z',
      '2026-11-27T21:22:48.069192000Z',
      '2026-11-27T21:22:48.000000000Z',
      '2026-11-27T21:22:48.000000000Z',
      '2026-11-27T21:22:48.079206000Z',
      '2026-11-27T21:22:48.074158000Z',
      '2026-11-27T21:22:48.175240000Z',
      '2026-11-27T21:22:48.175406000Z',
      '2026-11-27T21:22:49.175406000Z',
      '2026-11-27T21:22:50.175406000Z',
      '2026-11-27T21:22:50.275406000Z',
    ]);
  });

  it('a long capnslog file: the column learned from its sample holds to its end', () => {
    const lv = ['I', 'I', 'I', 'D', 'W', 'N', 'E'];
    const lines = Array.from({ length: 700 }, (_, i) => `2026-11-27 21:22:${String(10 + (i % 50)).padStart(2, '0')}.000001 ${lv[i % 7]} | etcdserver: event ${i}`);
    expect(counts(levels(lines.join('\n') + '\n'))).toEqual({ 'I/9': 300, 'D/5': 100, 'W/13': 100, 'N/10': 100, 'E/17': 100 });
  });

  it('a lone capital letter in free text is no level', () => {
    const t = '2026-11-27 21:22:48.000001';
    const text = [
      `${t} I think the cache is warm`,
      `${t} A user logged in from 10.0.0.1`,
      `${t} E 5 was the grid cell`,
      `${t} I am done`,
      `${t} W/o a reply the client retries`,
      `${t} D-Bus activation finished`,
    ].join('\n') + '\n';
    expect(levels(text)).toEqual(times(6, '').map(() => [undefined, undefined]));
    // nor a letter before the time where the file's lines do not begin so (two lines of six)
    const few = ['E [27/Nov/2026:21:30:18 +0000] a', 'I [27/Nov/2026:21:30:18 +0000] b', ...Array.from({ length: 4 }, (_, i) => `[27/Nov/2026:21:30:18 +0000] line ${i}`)].join('\n') + '\n';
    expect(levels(few)).toEqual(times(6, '').map(() => [undefined, undefined]));
    // nor two lines only: a column is learned from three at least
    expect(levels(`${t} I | etcdmain: a\n${t} W | etcdmain: b\n`)).toEqual([[undefined, undefined], [undefined, undefined]]);
  });

  it('a letter that is no level letter (M, S, Q) makes no column', () => {
    const text = Array.from({ length: 6 }, (_, i) => `${'MSQ'[i % 3]} [27/Nov/2026:21:30:18 +0000] entry ${i}`).join('\n') + '\n';
    expect(levels(text)).toEqual(times(6, '').map(() => [undefined, undefined]));
  });
});

describe("Go's log with a prefix glued to the date (`log.New(w, \"raft\", log.LstdFlags)`)", () => {
  it('the date after a short word at the line start is the time; the level is read as after any time', () => {
    const recs = read([
      'raft2026/11/27 21:22:48 INFO: 2943212f5e2cf73 switched to configuration voters=()',
      'raft2026/11/27 21:22:48 INFO: 2943212f5e2cf73 became follower at term 0',
      'raft2026/11/27 21:22:49 WARNING: 2943212f5e2cf73 stepped down to follower since quorum is not active',
    ].join('\n') + '\n');
    expect(recs.map((r) => [iso(r.timeNs), r.timeWithoutZone, r.severityText])).toEqual([
      ['2026-11-27T21:22:48.000000000Z', true, 'INFO'],
      ['2026-11-27T21:22:48.000000000Z', true, 'INFO'],
      ['2026-11-27T21:22:49.000000000Z', true, 'WARNING'],
    ]);
    expect(recs.map((r) => r.scope?.name)).toEqual(['raft', 'raft', 'raft']);
  });

  it('only a word of letters glued to a full date (year first) at the line start', () => {
    expect(scanLeadingTimestamp('raft2026/11/27 21:22:48 INFO: x')?.start).toBe(4);
    expect(scanLeadingTimestamp('app2026-11-27T21:22:48Z started')?.start).toBe(3);
    // digits or punctuation in the word, a word too long, a date not at the start, a time alone: no time
    expect(scanLeadingTimestamp('v1.2026-11-27T21:22:48Z x')).toBeUndefined();
    expect(scanLeadingTimestamp('abcdefghijklmnopq2026-11-27T21:22:48Z x')).toBeUndefined();
    expect(scanLeadingTimestamp('build 12 at2026-11-27T21:22:48Z')).toBeUndefined();
    expect(scanLeadingTimestamp('at21:22:48 done')).toBeUndefined();
    expect(scanLeadingTimestamp('id20261127 212248 x')).toBeUndefined();
  });
});
