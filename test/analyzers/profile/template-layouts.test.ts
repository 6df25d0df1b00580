// The message template of a record must not depend on the layout its logger printed it in: the
// header (timestamp, level, logger name) is cut whatever its shape, and the words of the message
// are never taken for header columns. Expected templates and shares are written by hand from the
// generated records (the same records, printed the ways real loggers print them).
import { describe, expect, it } from 'vitest';
import { TemplateMiner } from '../../../analyzers/profile/template-miner.js';
import { cutHeader } from '../../../analyzers/profile/template-header.js';
import { analyseInputs } from '../../helpers/analyse.js';

interface Finding {
  ruleId: string;
  value: number;
  passed: boolean;
  message: string;
}

/** Templates of the lines, most frequent first, as `count template`. */
function templatesOf(lines: string[]): string[] {
  const miner = new TemplateMiner();
  for (const l of lines) miner.add(l);
  return miner
    .templates()
    .sort((a, b) => b.count - a.count || a.firstLine - b.firstLine)
    .map((t) => `${t.count} ${t.template}`);
}

function topTemplateFinding(name: string, lines: string[]): Finding {
  const report = analyseInputs([[name, lines.join('\n') + '\n']]) as unknown as { findings: Finding[] };
  return report.findings.find((f) => f.ruleId === 'N-LOG-TOP-TEMPLATE')!;
}

const iso = (i: number): string => new Date(Date.UTC(2026, 10, 27, 12, 0, 0) + i * 2000).toISOString();

describe('header cut: the words of a message are not header columns', () => {
  const cases: [string, string][] = [
    // A word then a number after the timestamp: the message, not a component and a pid.
    ['2026-11-27T12:00:00.000Z payment 0 completed', 'payment 0 completed'],
    ['2026-11-27T12:45:26.001Z query 1 took 1ms', 'query 1 took 1ms'],
    ['2026-11-27T12:45:26.089Z app:db query 0 took 0ms', 'query 0 took 0ms'],
    ['2026-11-27T12:00:00.000Z payment 0 failed: timeout', 'payment 0 failed: timeout'],
    ['1428634687123 Hello, World!', 'Hello, World!'],
    // Access logs: the message is the request, its status and size (and referer, user agent).
    ['127.0.0.1 - - [27/Nov/2026:12:46:06 +0000] "GET /api/items/0 HTTP/1.1" 200 8 "http://example.test/" "probe/1.0"', '"GET /api/items/0 HTTP/1.1" 200 8 "http://example.test/" "probe/1.0"'],
    ['127.0.0.1 - GET /api/items/0 HTTP/1.1 200 8 - 1.123 ms', 'GET /api/items/0 HTTP/1.1 200 8 - 1.123 ms'],
    ['GET /api/items/0 200 8 - 1.123 ms', 'GET /api/items/0 200 8 - 1.123 ms'],
    ['GET /api/items/0 200 1.123 ms - 8', 'GET /api/items/0 200 1.123 ms - 8'],
    ['::ffff:127.0.0.1 - - [27/Nov/2026:12:46:06 +0000] "GET /a HTTP/1.1" 304 -', '"GET /a HTTP/1.1" 304 -'],
    ['::ffff:127.0.0.1 - - [Fri, 27 Nov 2026 12:46:06 GMT] "GET /a HTTP/1.1" 200 5', '"GET /a HTTP/1.1" 200 5'],
    // Words stay in a header when a timestamp follows them (component and state columns).
    ['2568643 node-70 action start 1074119817 1 clusterAddMember  (command 1902)', 'clusterAddMember  (command 1902)'],
    // Logger names after the level, in every layout.
    ['INFO:payments.db:charge 0 processed for user u0', 'charge 0 processed for user u0'],
    ['CRITICAL:root:charge 1 failed', 'charge 1 failed'],
    ['2012-07-02 10:22:40,672:DEBUG:foo bar baz', 'foo bar baz'],
    ['2015-03-12T23:16:52.071:INFO:com.root:Response :', 'Response :'],
    ['2026-11-27 07:46:37,935 INFO payments.db charge 0 processed for user u0', 'charge 0 processed for user u0'],
    ['2026-11-27 07:46:37,947 | INFO     | payments.db:emit:19 - charge 0 processed for user u0', 'charge 0 processed for user u0'],
    ['[2026-11-27T12:44:58.422] [INFO] shipping - parcel 0 scanned at dock 0', 'parcel 0 scanned at dock 0'],
    ['2026-11-27 12:44:58.425 [TRACE] shipping - parcel 1 scanned at dock 1', 'parcel 1 scanned at dock 1'],
    ['info: cache miss for key 1 {"service":"orders"}', 'cache miss for key 1 {"service":"orders"}'],
    // A JavaScript error's class is no level.
    ['Error: connection refused', 'Error: connection refused'],
    ['Nov 27, 2026 12:46:54 PM Gen main', 'Gen main'],
  ];
  for (const [line, msg] of cases) {
    it(`finds the message of «${line.slice(0, 50)}»`, () => {
      expect(line.slice(cutHeader(line).start)).toBe(msg);
    });
  }
});

describe('templates of the same records in different layouts', () => {
  it('keeps the first word of `<timestamp> word number word` lines: one template per event', () => {
    const words = ['payment', 'shipment', 'refund', 'invoice', 'session'];
    const lines = Array.from({ length: 500 }, (_, i) => `${iso(i)} ${words[i % 5]} ${i} completed`);
    expect(templatesOf(lines)).toEqual(words.map((w) => `100 ${w} <*> completed`));
    // With a level between, the same templates.
    const leveled = Array.from({ length: 500 }, (_, i) => `${iso(i)} INFO ${words[i % 5]} ${i} completed`);
    expect(templatesOf(leveled)).toEqual(words.map((w) => `100 ${w} <*> completed`));
    const f = topTemplateFinding('app.log', lines);
    expect([f.value, f.passed]).toEqual([0.2, true]);
  });

  it('templates a debug-style line with or without its timestamp alike', () => {
    const plain = Array.from({ length: 50 }, (_, i) => `query ${i} took ${i}ms`);
    const dated = plain.map((m, i) => `${iso(i)} ${m}`);
    expect(templatesOf(plain)).toEqual(['50 query <*> took <*>']);
    expect(templatesOf(dated)).toEqual(['50 query <*> took <*>']);
  });

  // 500 records of two loggers at five levels; every 40th (from the 11th) is another event.
  const levels = ['INFO', 'DEBUG', 'WARNING', 'ERROR', 'CRITICAL'];
  const records = Array.from({ length: 500 }, (_, i) => ({
    ts: iso(i),
    level: levels[i % 5]!,
    logger: i % 2 ? 'payments.api' : 'payments.db',
    msg: i % 40 === 11 ? `charge ${i} failed` : `charge ${i} processed for user u${i % 17}`,
  }));
  const layouts: [string, (r: (typeof records)[number]) => string][] = [
    ['%(levelname)s:%(name)s:%(message)s', (r) => `${r.level}:${r.logger}:${r.msg}`],
    ['%(asctime)s %(levelname)s %(name)s %(message)s', (r) => `${r.ts} ${r.level} ${r.logger} ${r.msg}`],
    ['%(asctime)s %(levelname)-8s [%(name)s] %(message)s', (r) => `${r.ts} ${r.level.padEnd(8)} [${r.logger}] ${r.msg}`],
    ['{asctime} | {levelname:<8} | {name}:{funcName}:{lineno} - {message}', (r) => `${r.ts} | ${r.level.padEnd(8)} | ${r.logger}:emit:19 - ${r.msg}`],
    ['log4js basic: [%d] [%p] %c - %m', (r) => `[${r.ts}] [${r.level}] ${r.logger.split('.')[1] === 'db' ? 'payments.db' : 'payments'} - ${r.msg}`],
    ['log4js pattern: %d [%-8p] %c - %m', (r) => `${r.ts} [${r.level.padEnd(8)}] ${r.logger === 'payments.db' ? 'payments.db' : 'payments'} - ${r.msg}`],
  ];
  for (const [name, print] of layouts) {
    it(`gives the message template and its share, as a JSON layout does, for ${name}`, () => {
      const lines = records.map(print);
      // 13 records (i = 11, 51, …, 491) are the failure event.
      expect(templatesOf(lines)).toEqual(['487 charge <*> processed for user <*>', '13 charge <*> failed']);
      const f = topTemplateFinding('py.log', lines);
      expect([f.value, f.passed]).toEqual([0.974, false]);
      const json = records.map((r) => JSON.stringify({ timestamp: r.ts, level: r.level, logger: r.logger, message: r.msg }));
      expect(topTemplateFinding('py.jsonl', json).value).toBe(f.value);
    });
  }
});

describe("Node's debug namespaces are the logger's name", () => {
  const cases: [string, string][] = [
    ['2026-11-27T12:45:26.089Z express:router dispatching GET /users', 'dispatching GET /users'],
    ['  app:db connected to postgres in 12ms +0ms', 'connected to postgres in 12ms +0ms'],
    ['socket.io:client writing packet', 'writing packet'],
    ['2026-11-27 12:45:26,089 INFO knex:query select 1', 'select 1'],
    // not a namespace: a URL, a time, a `Key:Value`, a name alone, a namespace after words of the message
    ['2026-11-27T12:45:26.089Z http://a.test/x fetched', 'http://a.test/x fetched'],
    ['Error:Boom thrown', 'Error:Boom thrown'],
    ['app:db', 'app:db'],
    ['2026-11-27T12:45:26.089Z payment 0 app:db', 'payment 0 app:db'],
  ];
  for (const [line, msg] of cases) {
    it(`finds the message of «${line.slice(0, 50)}»`, () => {
      expect(line.slice(cutHeader(line).start)).toBe(msg);
    });
  }

  it('gives the same template whatever the namespace, with or without the time', () => {
    const spaces = ['app:db', 'app:cache', 'worker:pool'];
    const lines = Array.from({ length: 60 }, (_, i) => `${iso(i)} ${spaces[i % 3]} connected to postgres in ${i}ms`);
    const bare = Array.from({ length: 60 }, (_, i) => `${spaces[i % 3]} connected to postgres in ${i}ms`);
    expect(templatesOf(lines)).toEqual(['60 connected to postgres in <*>']);
    expect(templatesOf(bare)).toEqual(['60 connected to postgres in <*>']);
    // on a terminal, debug adds the time since the namespace's last line: no word of the message
    const tty = Array.from({ length: 60 }, (_, i) => `  ${spaces[i % 3]} dispatching GET /users +${i}ms`);
    expect(templatesOf([...tty, ...tty.map((l) => l.replace(/ \+\d+ms$/, ''))])).toEqual(['120 dispatching GET /users']);
    // (a message that is only such a word, or has it inside, keeps it)
    expect(templatesOf(['+5ms', 'took +5ms here'])).toEqual(['1 <*>', '1 took <*> here']);
  });
});

describe('an undotted logger name after the level, without a separator', () => {
  const events = (i: number): string => (i % 40 === 11 ? `charge ${i} failed` : `charge ${i} processed for user u${i % 17}`);
  it('is cut as the dotted ones are where the stream shows dotted names there: one template whatever the logger', () => {
    const loggers = ['payments.db', 'payments', 'root', 'orders.api', '__main__'];
    const lines = Array.from({ length: 500 }, (_, i) => `${iso(i)} INFO ${loggers[i % 5]} ${events(i)}`);
    // (the undotted names before the third dotted one, lines 1, 2 and 4, are left: the stream has not shown its layout yet)
    expect(templatesOf(lines)).toEqual([
      '484 charge <*> processed for user <*>',
      '13 charge <*> failed',
      '1 payments charge <*> processed for user <*>',
      '1 root charge <*> processed for user <*>',
      '1 __main__ charge <*> processed for user <*>',
    ]);
    // the same through the block front end (what `obsready templates` and the analysis run)
    const f = topTemplateFinding('py.log', lines);
    expect([f.value, f.passed]).toEqual([0.968, false]);
  });

  it('is left where no line shows a dotted name there: the message keeps its first word', () => {
    const words = ['payment', 'shipment', 'refund'];
    const lines = Array.from({ length: 300 }, (_, i) => `${iso(i)} INFO ${words[i % 3]} ${i} completed`);
    expect(templatesOf(lines)).toEqual(words.map((w) => `100 ${w} <*> completed`));
    // two dotted names among them are too few
    lines[3] = `${iso(3)} INFO app.db payment 3 completed`;
    lines[7] = `${iso(7)} INFO app.db shipment 7 completed`;
    expect(templatesOf(lines)).toEqual(words.map((w) => `100 ${w} <*> completed`));
  });
});

describe("the stream's header consensus", () => {
  it('does not cut a line past the words its message starts with, whatever the other lines cut', () => {
    // Most lines have a two-field header; the stack lines have none (a word, then an ident: no timestamp).
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) lines.push(`[12:44:05.${100 + i}] INFO handled request ${i}`);
    for (let i = 0; i < 4; i++) lines.push(`    at Module._compile (node:internal/modules/cjs/loader:${1500 + i}:14)`);
    expect(templatesOf(lines)).toEqual(['12 handled request <*>', '4 at Module._compile (node:<*>:<*>)']);
  });
});

describe('templates of access logs', () => {
  // 400 requests to two routes, statuses 200, 404 and 500.
  const reqs = Array.from({ length: 400 }, (_, i) => ({
    route: i % 2 ? `/api/users/${i}` : `/api/orders/${i}?page=${i % 3}`,
    status: [200, 200, 404, 500][i % 4]!,
    size: 100 + (i % 7),
  }));
  it('is the request shape (method, route with its ids masked, protocol), not the referer and user agent', () => {
    const combined = reqs.map((r) => `10.0.0.${r.size % 5} - - [27/Nov/2026:12:46:06 +0000] "GET ${r.route} HTTP/1.1" ${r.status} ${r.size} "http://example.test/" "probe/1.0"`);
    expect(templatesOf(combined)).toEqual(['200 "GET /api/orders/<*> HTTP/1.1" <*> "<*>" "<*>"', '200 "GET /api/users/<*> HTTP/1.1" <*> "<*>" "<*>"']);
    const common = reqs.map((r) => `10.0.0.1 - frank [27/Nov/2026:12:46:06 +0000] "GET ${r.route} HTTP/1.1" ${r.status} ${r.size}`);
    expect(templatesOf(common)).toEqual(['200 "GET /api/orders/<*> HTTP/1.1" <*>', '200 "GET /api/users/<*> HTTP/1.1" <*>']);
    const short = reqs.map((r) => `10.0.0.1 - GET ${r.route} HTTP/1.1 ${r.status} ${r.size} - 1.123 ms`);
    expect(templatesOf(short)).toEqual(['200 GET /api/orders/<*> HTTP/1.1 <*> - <*>', '200 GET /api/users/<*> HTTP/1.1 <*> - <*>']);
    const f = topTemplateFinding('access.log', combined);
    expect([f.value, f.passed]).toEqual([0.5, true]);
  });

  it('is one template per route whatever the user agent, the referer or an empty size (morgan and nginx combined)', () => {
    const agents = [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'curl/8.4.0',
      'a \\"quoted\\" agent',
    ];
    const referers = ['-', 'https://example.test/page?q=1', 'http://example.test/'];
    // nginx's combined log, and morgan's (Node behind an IPv6 socket: `::ffff:` addresses; no size on a 304)
    const nginx = reqs.map((r, i) => `10.0.0.${i % 9} - - [27/Nov/2026:12:46:06 +0000] "GET ${r.route} HTTP/1.1" ${r.status} ${r.size} "${referers[i % 3]}" "${agents[i % 7]}"`);
    const morgan = reqs.map((r, i) => `::ffff:10.0.0.${i % 9} - - [27/Nov/2026:12:46:06 +0000] "GET ${r.route} HTTP/1.1" ${r.status} ${i % 5 ? r.size : '-'} "${referers[i % 3]}" "${agents[i % 7]}"`);
    for (const lines of [nginx, morgan]) expect(templatesOf(lines)).toEqual(['200 "GET /api/orders/<*> HTTP/1.1" <*> "<*>" "<*>"', '200 "GET /api/users/<*> HTTP/1.1" <*> "<*>" "<*>"']);
    // (a quoted text in a message without a request line stays words)
    expect(templatesOf(['job "nightly backup" done', 'job "nightly backup" done'])).toEqual(['2 job "nightly backup" done']);
  });

  it('keeps routes apart however many there are, and masks a route segment only when it holds a value', () => {
    const names = ['users', 'orders', 'items', 'carts', 'payments', 'invoices'];
    const lines = names.map((n, i) => `10.0.0.1 - - [27/Nov/2026:12:46:0${i} +0000] "GET /v2/${n}/${i}f3a HTTP/1.1" 200 5`);
    expect(templatesOf(lines)).toEqual(names.map((n) => `1 "GET /v2/${n}/<*> HTTP/1.1" <*>`));
  });
});
