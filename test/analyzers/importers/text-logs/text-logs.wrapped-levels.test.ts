import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { readCleanLogs } from '../jsonl-logs/log-test-helpers.js';

// A file's level column (level-column.ts) learned from the lines inside a container's prefix: the
// plain-text cases of text-logs.level-letters, .node-loggers and .levels tests, each wrapped in a
// Kubernetes CRI line, `kubectl logs --timestamps`, `kubectl logs --prefix` and `docker compose
// logs` prefix, read with the same levels as plain. Each file is read whole and in 1-, 7- and
// 4096-byte chunks (readCleanLogs).

const read = (text: string) => readCleanLogs(textLogs, text);
const levels = (lines: readonly string[]) => read(lines.join('\n') + '\n').map((r) => [r.severityText, r.severityNumber]);

const sec = (i: number) => String(i % 60).padStart(2, '0');
const WRAPS: Record<string, (line: string, i: number) => string> = {
  plain: (l) => l,
  cri: (l, i) => `2026-11-27T10:00:${sec(i)}.123456789Z stdout F ${l}`,
  'kubectl --timestamps': (l, i) => `2026-11-27T10:00:${sec(i)}.123456789Z ${l}`,
  'kubectl --prefix': (l) => `[pod/web-7d4b9c6f5d-x2x9k/app] ${l}`,
  compose: (l) => `web-1  | ${l}`,
};

const CASES: { name: string; lines: string[]; expected: [string | undefined, number | undefined][] }[] = [
  {
    name: "BIND's `general: debug 3:` and `info:`",
    lines: [
      '27-Nov-2026 21:24:56.026 general: debug 1: now using logging configuration from config file',
      '27-Nov-2026 21:24:56.026 general: debug 1: exclusive task mode: ending',
      '27-Nov-2026 21:24:56.030 zoneload: debug 1: managed-keys-zone: starting load',
      '27-Nov-2026 21:24:56.030 general: debug 3: zone_settimer: managed-keys-zone: enter',
      '27-Nov-2026 21:24:56.030 zoneload: info: managed-keys-zone: loaded serial 0',
      '27-Nov-2026 21:24:56.030 general: notice: running',
    ],
    expected: [['debug', 5], ['debug', 5], ['debug', 5], ['debug', 5], ['info', 9], ['notice', 10]],
  },
  {
    name: "CUPS's `E [time]`",
    lines: [
      'I [27/Nov/2026:21:30:18 +0000] Listening to 127.0.0.1:16310 (IPv4)',
      'D [27/Nov/2026:21:30:18 +0000] Added auto ServerAlias vm',
      'E [27/Nov/2026:21:30:18 +0000] cupsdLoadBanners: Unable to open banner directory "/usr/share/cups/banners": No such file or directory',
      'd [27/Nov/2026:21:30:19 +0000] cupsdSetBusyState: newbusy="Not busy", busy="Active clients"',
      'W [27/Nov/2026:21:30:20 +0000] No limit for CUPS-Get-Document defined in policy default',
      'N [27/Nov/2026:21:30:20 +0000] Ready to print.',
    ],
    expected: [['I', 9], ['D', 5], ['E', 17], ['d', 6], ['W', 13], ['N', 10]],
  },
  {
    name: "etcd's capnslog `I | …`",
    lines: [
      '2026-11-27 21:22:48.065814 I | etcdmain: etcd Version: 3.4.23',
      '2026-11-27 21:22:48.069192 I | etcdserver: starting member 2943212f5e2cf73 in cluster 70f9cf875eabdc0b',
      '2026-11-27 21:22:48.074158 W | auth: simple token is not cryptographically signed',
      '2026-11-27 21:22:48.175240 N | embed: serving insecure client requests on 127.0.0.1:23792, this is strongly discouraged!',
      '2026-11-27 21:22:49.175406 E | rafthttp: failed to dial 8e9e05c52164694d on stream Message',
      '2026-11-27 21:22:50.275406 D | etcdserver/api/v3rpc: ERROR: not an error of this line',
    ],
    expected: [['I', 9], ['I', 9], ['W', 13], ['N', 10], ['E', 17], ['D', 5]],
  },
  {
    name: "winston's simple format (`http:`, `silly:`)",
    lines: [
      'error: request 0 handled {"service":"orders"}',
      'warn: request 1 handled {"service":"orders"}',
      'info: request 2 handled {"service":"orders"}',
      'http: request 3 handled {"service":"orders"}',
      'debug: request 5 handled {"service":"orders"}',
      'silly: request 6 handled {"service":"orders"}',
    ],
    expected: [['error', 17], ['warn', 13], ['info', 9], ['http', 9], ['debug', 5], ['silly', 1]],
  },
  {
    name: "tslog's `<time> SILLY`",
    lines: [
      '2026-11-27 12:45:25.408\tINFO\t/app/src/search.ts:12\tsearch\tindexed document 0',
      '2026-11-27 12:45:25.414\tSILLY\t/app/src/search.ts:12\tsearch:indexer\tindexed document 5',
      '2026-11-27 12:45:25.414\tFATAL\t/app/src/search.ts:12\tsearch\tindexed document 6',
    ],
    expected: [['INFO', 9], ['SILLY', 1], ['FATAL', 21]],
  },
  {
    name: "npmlog's `verb`, `sill`, `ERR!`",
    lines: ['info install fetched package 0', 'verb install fetched package 1', 'WARN install fetched package 2', 'ERR! install fetched package 3', 'sill install fetched package 4', 'http install fetched package 5'],
    expected: [['info', 9], ['verb', 1], ['WARN', 13], ['ERR!', 17], ['sill', 1], ['http', 9]],
  },
  {
    name: 'one level word after two plain words (`webserver nginx INFO`)',
    lines: Array.from({ length: 4 }, (_, i) => `webserver nginx INFO request ${i} handled`),
    expected: [['INFO', 9], ['INFO', 9], ['INFO', 9], ['INFO', 9]],
  },
];

describe('text-logs: the level column of the lines behind a container prefix', () => {
  for (const c of CASES) {
    for (const [wrap, f] of Object.entries(WRAPS)) {
      it(`${c.name}, ${wrap}: the levels of the plain file`, () => {
        expect(levels(c.lines.map(f))).toEqual(c.expected);
      });
    }
  }

  it('two compose containers: only the one whose lines have a level column reads `http:` as a level', () => {
    const api = ['info: server started', 'http: GET /orders 200', 'warn: slow query', 'silly: cache state dumped', 'http: GET /orders/7 404'];
    const gw = ['2024/01/15 10:00:00 http: TLS handshake error from 10.0.0.1:51234: EOF', '2024/01/15 10:00:01 listening on :8443', '2024/01/15 10:00:02 http: superfluous response.WriteHeader call', '2024/01/15 10:00:03 http: TLS handshake error from 10.0.0.2:4411: EOF', '2024/01/15 10:00:04 proxy ready'];
    const lines: string[] = [];
    for (let i = 0; i < api.length; i++) lines.push(`api-1      | ${api[i]}`, `gateway-1  | ${gw[i]}`);
    const recs = read(lines.join('\n') + '\n');
    expect(recs.map((r) => [r.resource.attributes['service.name'], r.severityText, r.severityNumber])).toEqual([
      ['api', 'info', 9], ['gateway', undefined, undefined],
      ['api', 'http', 9], ['gateway', undefined, undefined],
      ['api', 'warn', 13], ['gateway', undefined, undefined],
      ['api', 'silly', 1], ['gateway', undefined, undefined],
      ['api', 'http', 9], ['gateway', undefined, undefined],
    ]);
    // the same lines under one prefix learn one column, and the gateway's `http:` is read as a level with it
    const one = read(lines.map((l) => l.replace(/^\S+\s+\|/, 'app-1 |')).join('\n') + '\n');
    expect(one.filter((r) => String(r.body).includes('TLS handshake')).map((r) => r.severityText)).toEqual(['http', 'http']);
  });

  it('a container first seen past the sample learns its column from its own lines', () => {
    const lines = Array.from({ length: 250 }, (_, i) => `web-1     | GET /item/${i} served`);
    const lv = ['I', 'W', 'E', 'I', 'N', 'D'];
    for (let i = 0; i < 12; i++) lines.push(`etcd-1    | 2026-11-27 21:22:48.065814 ${lv[i % 6]} | etcdserver: event ${i}`);
    const recs = read(lines.join('\n') + '\n');
    expect(recs.slice(0, 250).every((r) => r.severityNumber === undefined)).toBe(true);
    // (learned from its 3rd line with a letter in the column on; as a plain file's lines past its sample are)
    expect(recs.slice(250).map((r) => r.severityText)).toEqual([undefined, undefined, ...['E', 'I', 'N', 'D', 'I', 'W', 'E', 'I', 'N', 'D']]);
  });

  it('a line whose escape sequences the read strips again learns the column from the text its level is read from, in the sample and past it', () => {
    // ESC ESC[31m [0m: stripping ESC[31m leaves ESC[0m, which the line's read strips too. Its level
    // was read from `http: …` while its column was learned from `ESC[0mhttp: …` (no column: `http`
    // and `silly` no level), in the sample and past it alike.
    const lv = ['info', 'http', 'warn', 'silly', 'error'];
    const nested = (i: number) => `\u001b\u001b[31m[0m\u001b[32m${lv[i % 5]}\u001b[39m: request ${i} handled`;
    const levelsOf = (lines: string[]) => read(lines.join('\n') + '\n').filter((r) => String(r.body).endsWith(' handled')).map((r) => r.severityText);
    const expected = Array.from({ length: 20 }, (_, i) => lv[i % 5]);
    // in the sample
    expect(levelsOf(Array.from({ length: 20 }, (_, i) => `web-1  | ${nested(i)}`))).toEqual(expected);
    // a container first seen past the sample: from its 3rd line (info, http, warn: two level words)
    const late = [...Array.from({ length: 230 }, (_, i) => `web-1  | GET /item/${i} served`), ...Array.from({ length: 20 }, (_, i) => `api-1  | ${nested(i)}`)];
    expect(levelsOf(late)).toEqual(['info', undefined, ...expected.slice(2)]);
  });

  it('the streams learned are bounded: a container past the 64th learns no column', () => {
    const lines: string[] = [];
    for (let round = 0; round < 3; round++) for (let c = 0; c < 70; c++) lines.push(`svc${c}-1 | ${['info', 'warn', 'silly'][round]}: tick ${round}`);
    const recs = read(lines.join('\n') + '\n');
    const silly = recs.filter((r) => String(r.body).startsWith('silly:'));
    expect(silly.length).toBe(70);
    // `silly` is a level only in a learned column: the first 64 services learned one, the last 6 none
    expect(silly.map((r) => r.severityNumber)).toEqual([...Array<number>(64).fill(1), ...Array<undefined>(6).fill(undefined)]);
  });
});
