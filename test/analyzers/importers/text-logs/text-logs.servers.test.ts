import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, isoNs, logs, readCleanLogs } from '../jsonl-logs/log-test-helpers.js';
import { regexInputChars } from '../../../helpers/regex-work.js';

// Logs written by server software as it writes them by default (lines modelled on real output of
// Unbound 1.17, Dovecot 2.3, RabbitMQ 3.10, MariaDB 10.11, uWSGI 2.0 and Varnish 7.1). Each file is
// read whole and in 1-, 7- and 4096-byte chunks.

const read = (text: string) => readCleanLogs(textLogs, text);

const iso = isoNs;

describe('text-logs: a `name[pid]` / `name[pid:tid]` tag, then a level word (Unbound)', () => {
  it('log-time-ascii: the tag is the service, the word after it the level', () => {
    const recs = read([
      'Nov 27 18:40:17 unbound[10768:0] notice: init module 0: subnetcache',
      'Nov 27 18:40:17 unbound[10768:0] info: start of service (unbound 1.17.1).',
      'Nov 27 18:40:18 unbound[10768:0] error: could not open autotrust file for writing',
      'Nov 27 18:40:19 unbound[10768:0] debug: cache memory msg=66072 rrset=66072',
      'Nov 27 18:40:20 unbound[10768:0] warning: so-rcvbuf 1048576 was not granted',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['notice', 10], ['info', 9], ['error', 17], ['debug', 5], ['warning', 13]]);
    expect(recs.map((r) => r.resource.serviceName)).toEqual(['unbound', 'unbound', 'unbound', 'unbound', 'unbound']);
    expect(recs[0]!.resource.attributes['process.pid']).toBe(10768);
    expect(recs[0]!.resource.attributes['host.name']).toBeUndefined();
  });

  it('without the thread number, and after a host', () => {
    const recs = read(['Nov 27 18:40:17 unbound[10768] notice: init module 0: subnetcache', 'Nov 27 18:40:17 ns1 unbound[10768:1] info: 127.0.0.1 www.example.com. A IN'].join('\n') + '\n');
    expect(recs.map((r) => [r.resource.serviceName, r.resource.attributes['process.pid'], r.severityText])).toEqual([['unbound', 10768, 'notice'], ['unbound', 10768, 'info']]);
    expect(recs[1]!.resource.attributes['host.name']).toBe('ns1');
  });

  it('epoch times (`[1795804806] unbound[10129:0] notice: …`): time, service, pid and level', () => {
    const recs = read([
      '[1795804806] unbound[10129:0] notice: init module 0: subnetcache',
      '[1795804806] unbound[10129:0] info: start of service (unbound 1.17.1).',
      '[1795804807] unbound[10129:0] info: 127.0.0.1 www.probe.test. A IN',
    ].join('\n') + '\n');
    expect(recs.map((r) => [iso(r.timeNs), r.resource.serviceName, r.resource.attributes['process.pid'], r.severityText])).toEqual([
      ['2026-11-27T18:40:06.000000000Z', 'unbound', 10129, 'notice'],
      ['2026-11-27T18:40:06.000000000Z', 'unbound', 10129, 'info'],
      ['2026-11-27T18:40:07.000000000Z', 'unbound', 10129, 'info'],
    ]);
  });
});

describe('text-logs: Dovecot (`<process>[(user)][<pid>][<session>]: <Level>: message`)', () => {
  it('a short file (no level column to learn): each level and the process as the service', () => {
    const recs = read([
      '2026-11-27 18:54:29 imap-login: Info: Login: user=<bob>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=20906, secured, session=<+dbGlkZh/MJ/AAAB>',
      '2026-11-27 18:54:29 imap(bob)<20906><+dbGlkZh/MJ/AAAB>: Error: mkdir(/srv/mail/bob/Maildir) failed: Permission denied (euid=65534(nobody) egid=65534(nogroup) missing +w perm: /srv/mail, dir owned by 0:0 mode=0755)',
      '2026-11-27 18:54:29 imap(bob)<20906><+dbGlkZh/MJ/AAAB>: Error: Mailbox INBOX: Failed to autocreate mailbox: Internal error occurred. Refer to server log for more information. [2026-11-27 18:54:29]',
      '2026-11-27 18:54:23 auth: Info: passwd-file(bob,127.0.0.1,<hVqnlkZhGLp/AAAB>): Password mismatch',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber, r.resource.serviceName])).toEqual([
      ['Info', 9, 'imap-login'],
      ['Error', 17, 'imap'],
      ['Error', 17, 'imap'],
      ['Info', 9, 'auth'],
    ]);
    expect(recs[1]!.resource.attributes['process.pid']).toBe(20906);
    expect(recs[1]!.attributes['user.name']).toBe('bob');
    expect(recs[1]!.attributes['dovecot.session']).toBe('+dbGlkZh/MJ/AAAB');
    expect(iso(recs[1]!.timeNs)).toBe('2026-11-27T18:54:29.000000000Z');
    expect(recs[1]!.timeWithoutZone).toBe(true);
  });

  it('the default log_timestamp (`%b %d %H:%M:%S`): the process is no syslog host, its level word no tag', () => {
    const recs = read([
      'Nov 27 18:44:15 master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for imap (core dumps disabled)',
      'Nov 27 18:54:23 auth: Debug: auth client connected (pid=20547)',
      'Nov 27 18:54:24 auth-worker(20547): Fatal: passwd-file /etc/dovecot/users: open failed',
      'Nov 27 18:54:37 master: Warning: Killed with signal 15 (by pid=21094 uid=0 code=kill)',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber, r.resource.serviceName, r.resource.attributes['host.name']])).toEqual([
      ['Info', 9, 'master', undefined],
      ['Debug', 5, 'auth', undefined],
      ['Fatal', 21, 'auth-worker', undefined],
      ['Warning', 13, 'master', undefined],
    ]);
    expect(recs[2]!.resource.attributes['process.pid']).toBe(20547);
  });
});

describe('text-logs: Dovecot behind syslog (`host dovecot: <process>…: [<Level>: ]message`)', () => {
  // Lines as rsyslog and journald write Dovecot 2.3's syslog messages (its default logging): the
  // level word for every level but Info, which syslog's priority carries alone.
  const MSGS = [
    'master: Dovecot v2.3.19.1 (9b53102964) starting up for imap (core dumps disabled)',
    'auth: Debug: auth client connected (pid=7950)',
    'auth: passwd-file(bob,127.0.0.1,<IB9WskhhVtx/AAAB>): Password mismatch',
    'imap-login: Login: user=<bob>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=8179, secured, session=<y3ptskhhZtx/AAAB>',
    'imap(bob)<8179><y3ptskhhZtx/AAAB>: Error: mkdir(/srv/mail/bob/Maildir) failed: Permission denied (euid=65534(nobody) egid=65534(nogroup) missing +w perm: /srv/mail, dir owned by 0:0 mode=0755)',
    'imap(bob)<8179><y3ptskhhZtx/AAAB>: Disconnected: Logged out in=27 out=556 deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0',
    'master: Warning: Killed with signal 15 (by pid=8249 uid=0 code=kill)',
    'imap-login: Info: Disconnected: Connection closed (no auth attempts in 0 secs): user=<>, rip=127.0.0.1, lip=127.0.0.1, session=<Wm9vskhhZtx/AAAB>',
  ];
  const LEVELS = [['Info', 9], ['Debug', 5], ['Info', 9], ['Info', 9], ['Error', 17], ['Info', 9], ['Warning', 13], ['Info', 9]];

  it('RFC 3164 (rsyslog\'s traditional file format): the level word, Info without one; the mail process, user and session', () => {
    const recs = read(MSGS.map((m, i) => `Nov 27 21:25:${10 + i} vm dovecot: ${m}`).join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual(LEVELS);
    expect(recs.map((r) => r.resource.serviceName)).toEqual(MSGS.map(() => 'dovecot'));
    expect(recs.map((r) => r.attributes['dovecot.process'])).toEqual(['master', 'auth', 'auth', 'imap-login', 'imap', 'imap', 'master', 'imap-login']);
    expect(recs[4]!.attributes['user.name']).toBe('bob');
    expect(recs[4]!.attributes['dovecot.session']).toBe('y3ptskhhZtx/AAAB');
    expect(recs[4]!.resource.attributes['process.pid']).toBe(8179);
    expect(recs[4]!.resource.attributes['host.name']).toBe('vm');
  });

  it('journalctl -o short-iso (the tag with the log process\'s pid) and rsyslog\'s file format', () => {
    const journal = read(MSGS.map((m, i) => `2026-11-27T21:25:${10 + i}+0000 vm dovecot[7901]: ${m}`).join('\n') + '\n');
    expect(journal.map((r) => [r.severityText, r.severityNumber])).toEqual(LEVELS);
    expect(journal[0]!.resource.attributes['process.pid']).toBe(7901);
    expect(journal[4]!.resource.attributes['process.pid']).toBe(8179);
    const file = read(MSGS.map((m, i) => `2026-11-27T21:25:${10 + i}.713986+00:00 vm dovecot: ${m}`).join('\n') + '\n');
    expect(file.map((r) => [r.severityText, r.severityNumber])).toEqual(LEVELS);
  });

  it('journalctl -o cat (the message alone): the level words are read, no level is guessed without one', () => {
    const recs = read(MSGS.join('\n') + '\n');
    expect(recs.map((r) => r.severityText)).toEqual([undefined, 'Debug', undefined, undefined, 'Error', undefined, 'Warning', 'Info']);
  });

  it('another program\'s `name: text` is no Dovecot Info line; its Dovecot-shaped level word still counts', () => {
    const recs = read([
      'Nov 27 21:25:10 vm postfix/smtpd[8001]: connect from localhost[127.0.0.1]',
      'Nov 27 21:25:11 vm myapp: worker: started 4 threads',
      'Nov 27 21:25:12 vm myapp: worker(7): Error: queue full',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([[undefined, undefined], [undefined, undefined], ['Error', 17]]);
    expect(recs.map((r) => r.attributes['dovecot.process'])).toEqual([undefined, undefined, undefined]);
  });
});

describe('text-logs: a logger that repeats its prefix on each line of a message (RabbitMQ 3.10 text log)', () => {
  const RABBIT = [
    '2026-11-27 18:37:29.537004+00:00 [notice] <0.223.0> Logging: configured log handlers are now ACTIVE',
    '2026-11-27 18:37:29.537063+00:00 [debug] <0.223.0> ',
    '2026-11-27 18:37:29.537063+00:00 [debug] <0.223.0> == Clustering ==',
    '2026-11-27 18:37:29.537075+00:00 [debug] <0.223.0> Preparing cluster status files',
    '2026-11-27 18:37:29.573863+00:00 [debug] <0.223.0> Upgrading Mnesia schema',
    '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0> Starting Ra system called "quorum_queues" with configuration:',
    '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0> #{data_dir =>',
    '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0>       "/var/lib/rabbitmq/mnesia/rabbit@host/quorum/rabbit@host",',
    '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0>   name => quorum_queues,',
    '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0>   names =>',
    '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0>       #{closed_mem_tbls => ra_log_closed_mem_tables,directory => ra_directory}}',
    '2026-11-27 18:37:29.675401+00:00 [info] <0.230.0> ra: starting system quorum_queues',
    '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> closing AMQP connection <0.741.0> (127.0.0.1:49112 -> 127.0.0.1:5672):',
    '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> {bad_header,<<"HTTP/1.1">>}',
    '2026-11-27 18:38:03.066374+00:00 [debug] <0.743.0> Closing all channels from connection \'127.0.0.1:49112 -> 127.0.0.1:5672\' because it has been closed',
    '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0> closing AMQP connection <0.737.0> (127.0.0.1:49106 -> 127.0.0.1:5672):',
    '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0> {handshake_error,starting,24946,',
    '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0>                  {amqp_error,frame_error,',
    '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0>                              none}}',
    '2026-11-27 18:38:05.064123+00:00 [info] <0.737.0> connection closed',
  ].join('\n') + '\n';

  it('consecutive lines with the same time, level and process are one message; its lines after the prefix', () => {
    const recs = read(RABBIT);
    expect(recs.map((r) => [r.severityText, r.attributes['log.record.lines'] ?? 1])).toEqual([
      ['notice', 1], ['debug', 2], ['debug', 1], ['debug', 1], ['debug', 6], ['info', 1], ['error', 2], ['debug', 1], ['error', 4], ['info', 1],
    ]);
    expect(recs[1]!.body).toBe('2026-11-27 18:37:29.537063+00:00 [debug] <0.223.0> \n== Clustering ==');
    expect(recs[6]!.body).toBe('2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> closing AMQP connection <0.741.0> (127.0.0.1:49112 -> 127.0.0.1:5672):\n{bad_header,<<"HTTP/1.1">>}');
    expect(recs[4]!.body).toContain('\n#{data_dir =>\n      "/var/lib/rabbitmq/');
    expect(iso(recs[8]!.timeNs)).toBe('2026-11-27T18:38:05.064123000Z');
  });

  it('two or more empty lines in a row inside a message are its lines, not the same event again', () => {
    const recs = read([
      '2026-11-27 18:37:29.675401+00:00 [info] <0.230.0> ra: starting system quorum_queues',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> Error report:',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> ',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> ',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> ',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0>     {error,enoent}',
      '2026-11-27 18:38:05.064123+00:00 [info] <0.737.0> connection closed',
      ...RABBIT.split('\n').slice(5, 11),
    ].join('\n') + '\n');
    // (the second empty line was taken for the first one again: a record of its own, an empty message, with the lines after it)
    expect(recs.map((r) => [r.source.line, r.severityText, r.attributes['log.record.lines'] ?? 1])).toEqual([[1, 'info', 1], [2, 'error', 5], [7, 'info', 1], [8, 'debug', 6]]);
    expect(recs[1]!.body).toBe('2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> Error report:\n\n\n\n    {error,enoent}');
  });

  it('lines of distinct events that share a millisecond stay records of their own where no line continues a message', () => {
    const recs = read([
      '2024-01-10 12:00:00.123 [INFO] <main> request started',
      '2024-01-10 12:00:00.123 [INFO] <main> request finished',
      '2024-01-10 12:00:00.123 [INFO] <main> cache warmed',
      '2024-01-10 12:00:00.124 [INFO] <main>   retry scheduled',
      '2024-01-10 12:00:00.125 [WARN] <main> slow response',
      '2024-01-10 12:00:00.125 [WARN] <main> slow response again',
    ].join('\n') + '\n');
    expect(recs).toHaveLength(6);
  });

  it('fields padded alike on every line (log4j `%-5p`) are no repeated prefix', () => {
    const recs = read([
      '2026-11-27 18:30:00,123 [myid:] - INFO  [main:o.a.z.s.ZooKeeperServer@260] - Server environment:',
      '2026-11-27 18:30:00,123 [myid:] - INFO  [main:o.a.z.s.ZooKeeperServer@261] - zookeeper.version=3.8.0',
      '2026-11-27 18:30:00,123 [myid:] - INFO  [main:o.a.z.s.ZooKeeperServer@262] - host.name=localhost',
      '2026-11-27 18:30:00,124 [myid:] - DEBUG [main:o.a.z.s.ZooKeeperServer@263] - java.version=17',
      '2026-11-27 18:30:00,124 [myid:] - DEBUG [main:o.a.z.s.ZooKeeperServer@264] - java.vendor=Debian',
    ].join('\n') + '\n');
    expect(recs).toHaveLength(5);
  });
});

describe('text-logs: the MySQL / MariaDB general query log', () => {
  it('each event a record with the time last printed (zone-less); the lines mysqld writes when it opens the file are no records', () => {
    const recs = read([
      'mariadbd, Version: 10.11.19-MariaDB-0+deb12u1-log (Debian 12). started with:',
      'Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock',
      'Time\t\t    Id Command\tArgument',
      '261127 18:36:00\t     3 Connect\troot@localhost on  using Socket',
      '\t\t     3 Query\tcreate database shop',
      '\t\t     3 Init DB\tshop',
      '\t\t     3 Query\tselect id,',
      '  name from t',
      '  where id > 5',
      '261127  8:36:01\t     3 Query\tselect sleep(0.1)',
      '\t\t     3 Quit\t',
      '\t\t     5 Connect\tAccess denied for user \'root\'@\'localhost\' (using password: YES)',
    ].join('\n') + '\n');
    expect(recs.map((r) => [iso(r.timeNs), r.attributes['mysql.thread_id'], r.attributes['mysql.command'], r.body])).toEqual([
      ['2026-11-27T18:36:00.000000000Z', 3, 'Connect', 'Connect root@localhost on  using Socket'],
      ['2026-11-27T18:36:00.000000000Z', 3, 'Query', 'Query create database shop'],
      ['2026-11-27T18:36:00.000000000Z', 3, 'Init DB', 'Init DB shop'],
      ['2026-11-27T18:36:00.000000000Z', 3, 'Query', 'Query select id,\n  name from t\n  where id > 5'],
      ['2026-11-27T08:36:01.000000000Z', 3, 'Query', 'Query select sleep(0.1)'],
      ['2026-11-27T08:36:01.000000000Z', 3, 'Quit', 'Quit'],
      ['2026-11-27T08:36:01.000000000Z', 5, 'Connect', "Connect Access denied for user 'root'@'localhost' (using password: YES)"],
    ]);
    expect(recs.every((r) => r.timeWithoutZone === true && r.resource.serviceName === 'mariadbd' && r.attributes['db.system'] === 'mariadb')).toBe(true);
    expect(recs[2]!.attributes['db.namespace']).toBe('shop');
  });

  it("MySQL 8's: every event stamped in UTC", () => {
    const recs = read([
      '/usr/sbin/mysqld, Version: 8.0.35 (MySQL Community Server - GPL). started with:',
      'Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock',
      'Time                 Id Command    Argument',
      '2026-11-27T18:36:00.123456Z\t    8 Connect\troot@localhost on  using Socket',
      '2026-11-27T18:36:00.124001Z\t    8 Query\tSELECT 1',
      '2026-11-27T18:36:00.125002Z\t    8 Quit\t',
    ].join('\n') + '\n');
    expect(recs.map((r) => [iso(r.timeNs), r.timeWithoutZone, r.attributes['mysql.command'], r.resource.serviceName, r.attributes['db.system']])).toEqual([
      ['2026-11-27T18:36:00.123456000Z', undefined, 'Connect', 'mysqld', 'mysql'],
      ['2026-11-27T18:36:00.124001000Z', undefined, 'Query', 'mysqld', 'mysql'],
      ['2026-11-27T18:36:00.125002000Z', undefined, 'Quit', 'mysqld', 'mysql'],
    ]);
  });
});

describe('text-logs: varnishlog text output', () => {
  const tx = (head: string, depth: string, tags: [string, string][]) => [head, ...tags.map(([t, v]) => `${depth}${' '.repeat(Math.max(1, 4 - depth.length))}${t.padEnd(14)} ${v}`), ''];
  it('each transaction one record: its Timestamp Start (or SessOpen) time, method, URL and status', () => {
    const recs = read([
      ...tx('*   << Request  >> 5         ', '-', [
        ['Begin', 'req 4 rxreq'],
        ['Timestamp', 'Start: 1795804777.358096 0.000000 0.000000'],
        ['ReqStart', '127.0.0.1 50766 a0'],
        ['ReqMethod', 'GET'],
        ['ReqURL', '/nope'],
        ['ReqHeader', 'Host: 127.0.0.1:6081'],
        ['RespStatus', '404'],
        ['RespReason', 'Not Found'],
        ['End', ''],
      ]),
      ...tx('**  << BeReq    >> 6         ', '--', [
        ['Begin', 'bereq 5 fetch'],
        ['Timestamp', 'Start: 1795804777.358150 0.000000 0.000000'],
        ['BereqMethod', 'GET'],
        ['BereqURL', '/nope'],
        ['BerespStatus', '404'],
        ['End', ''],
      ]),
      ...tx('*   << Session  >> 4         ', '-', [
        ['Begin', 'sess 0 HTTP/1'],
        ['SessOpen', '127.0.0.1 50766 a0 127.0.0.1 6081 1795804777.358077 23'],
        ['Link', 'req 5 rxreq'],
        ['End', ''],
      ]),
    ].join('\n'));
    expect(recs.map((r) => [iso(r.timeNs), r.body, r.attributes['http.request.method'], r.attributes['url.path'], r.attributes['http.response.status_code'], r.attributes['varnish.vxid']])).toEqual([
      ['2026-11-27T18:39:37.358096000Z', 'Request GET /nope 404', 'GET', '/nope', 404, 5],
      ['2026-11-27T18:39:37.358150000Z', 'BeReq GET /nope 404', 'GET', '/nope', 404, 6],
      ['2026-11-27T18:39:37.358077000Z', 'Session', undefined, undefined, undefined, 4],
    ]);
    expect(recs.map((r) => [r.resource.serviceName, r.attributes['client.address']])).toEqual([['varnish', '127.0.0.1'], ['varnish', undefined], ['varnish', '127.0.0.1']]);
  });
  it('a tag line with a long run of blanks inside its value is read in linear time, its value trimmed', () => {
    // (`(.*?)\s*$` tried the rest of the line at every character of a blank run: 1.3 s for 40 KB, minutes for a MiB)
    const text = ['*   << Request  >> 5', '-   Begin          req 4 rxreq', '-   ReqURL         /a' + ' '.repeat(200_000) + 'b   ', '-   RespStatus     200  ', ''].join('\n');
    const t0 = performance.now();
    const r = decodeText(textLogs, text);
    expect(performance.now() - t0).toBeLessThan(2000);
    const recs = logs(r);
    expect(recs.map((x) => [x.attributes['url.path'], x.attributes['http.response.status_code']])).toEqual([['/a' + ' '.repeat(200_000) + 'b', 200]]);
  });
});

describe('text-logs: varnishlog -g raw', () => {
  // `%10u %-14.14s %c %s`: vxid, tag, c/b/-, data — lines of varnishlog 7.1 -g raw (read from a -w file, and live: the CLI pings)
  const raw = (vxid: number, type: string, tags: [string, string][]) => tags.map(([t, v]) => `${String(vxid).padStart(10)} ${t.padEnd(14)} ${type} ${v}`);
  const RAW = [
    ...raw(0, '-', [['CLI', 'Rd ping']]),
    ...raw(0, '-', [['CLI', 'Wr 200 19 PONG 1795804776 1.0']]),
    ...raw(6, 'b', [
      ['Begin', 'bereq 5 fetch'],
      ['Timestamp', 'Start: 1795804777.358150 0.000000 0.000000'],
      ['BereqMethod', 'GET'],
      ['BereqURL', '/nope'],
      ['BerespProtocol', 'HTTP/1.1'],
      ['BerespStatus', '404'],
      ['Filters', ''],
      ['End', ''],
    ]),
    ...raw(5, 'c', [
      ['Begin', 'req 4 rxreq'],
      ['Timestamp', 'Start: 1795804777.358096 0.000000 0.000000'],
      ['ReqStart', '127.0.0.1 50766 a0'],
      ['ReqMethod', 'GET'],
      ['ReqURL', '/nope'],
      ['RespStatus', '404'],
      ['End', ''],
    ]),
    ...raw(4, 'c', [
      ['Begin', 'sess 0 HTTP/1'],
      ['SessOpen', '127.0.0.1 50766 a0 127.0.0.1 6081 1795804777.358077 23'],
      ['Link', 'req 5 rxreq'],
      ['End', ''],
    ]),
    ...raw(0, '-', [['Backend_health', 'default Still healthy 4---X-RH 5 3 5 0.000412 0.000398 HTTP/1.1 200 OK']]),
  ].join('\n') + '\n';

  it('the lines of one vxid in a row are one transaction, read as under -g vxid; a line outside any transaction is a record of its own', () => {
    const recs = read(RAW);
    expect(recs.map((r) => [iso(r.timeNs), r.body, r.attributes['varnish.transaction'], r.attributes['varnish.vxid'], r.attributes['http.response.status_code']])).toEqual([
      [undefined, 'CLI Rd ping', undefined, undefined, undefined],
      [undefined, 'CLI Wr 200 19 PONG 1795804776 1.0', undefined, undefined, undefined],
      ['2026-11-27T18:39:37.358150000Z', 'BeReq GET /nope 404', 'BeReq', 6, 404],
      ['2026-11-27T18:39:37.358096000Z', 'Request GET /nope 404', 'Request', 5, 404],
      ['2026-11-27T18:39:37.358077000Z', 'Session', 'Session', 4, undefined],
      [undefined, 'Backend_health default Still healthy 4---X-RH 5 3 5 0.000412 0.000398 HTTP/1.1 200 OK', undefined, undefined, undefined],
    ]);
    expect(recs.map((r) => r.attributes['varnish.tag'])).toEqual(['CLI', 'CLI', undefined, undefined, undefined, 'Backend_health']);
    expect(recs.map((r) => r.resource.serviceName)).toEqual(['varnish', 'varnish', 'varnish', 'varnish', 'varnish', 'varnish']);
    expect(recs[3]!.attributes['client.address']).toBe('127.0.0.1');
    expect(recs[3]!.attributes['url.path']).toBe('/nope');
  });

  it('a transaction whose Begin is not in the file (the capture began inside it) takes its kind from the c/b column', () => {
    const recs = read([...raw(9, 'b', [['BereqMethod', 'GET'], ['BereqURL', '/a'], ['End', '']]), ...raw(8, 'c', [['Begin', 'req 7 rxreq'], ['ReqURL', '/a'], ['End', '']])].join('\n') + '\n');
    expect(recs.map((r) => [r.attributes['varnish.transaction'], r.attributes['varnish.vxid'], r.body])).toEqual([['BeReq', 9, 'BeReq GET /a'], ['Request', 8, 'Request /a']]);
  });

  it('the lines after a long first line of a transaction are read without going over that line again each', () => {
    // (whether a line goes on with the open transaction matched the transaction's first line again
    // at each later line: 2,000 lines after a 200 KB ReqURL handed 400 MB to the pattern; 1 MB and
    // 3,000 lines took 4 s, 10 MB and 10,000 lines minutes)
    const url = '/' + 'a'.repeat(200_000);
    const text = [...raw(7, 'c', [['Begin', 'req 6 rxreq'], ['End', '']]), ...raw(8, 'c', [['ReqURL', url], ...Array.from({ length: 2000 }, (_, i): [string, string] => ['ReqHeader', `X-H: ${i}`]), ['RespStatus', '200']])].join('\n') + '\n';
    let recs: ReturnType<typeof logs> = [];
    const chars = regexInputChars(() => (recs = logs(decodeText(textLogs, text))));
    expect(recs.map((r) => [r.attributes['varnish.vxid'], String(r.body).length, r.attributes['http.response.status_code']])).toEqual([[7, 'Request'.length, undefined], [8, 'Request '.length + url.length + ' 200'.length, 200]]);
    expect(chars).toBeLessThan(text.length * 20);
  });

  it('a raw line with a long run of blanks inside its data is read in linear time, its data trimmed', () => {
    // (`(?: (.*?))?\s*$` tried the rest of the line at every character of a blank run: 0.6 s for 40 KB, minutes for a MiB)
    const url = '/a' + ' '.repeat(200_000) + 'b';
    const text = [...raw(8, 'c', [['Begin', 'req 7 rxreq'], ['ReqURL', url + '   '], ['RespStatus', '200  '], ['End', '']])].join('\n') + '\n';
    const t0 = performance.now();
    const recs = read(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(recs.map((r) => [r.attributes['url.path'], r.attributes['http.response.status_code']])).toEqual([[url, 200]]);
  });
});

describe('text-logs: request fields of access lines', () => {
  it('varnishncsa logs the absolute-form target: the whole URL is url.full, its path url.path', () => {
    const recs = read([
      '127.0.0.1 - - [27/Nov/2026:18:39:37 +0000] "GET http://127.0.0.1:6081/nope HTTP/1.1" 404 341 "-" "curl/7.88.1"',
      '127.0.0.1 - - [27/Nov/2026:18:39:37 +0000] "GET http://127.0.0.1:6081 HTTP/1.1" 200 3 "-" "curl/7.88.1"',
      '127.0.0.1 - - [27/Nov/2026:18:39:38 +0000] "GET /index.html HTTP/1.1" 200 3 "-" "curl/7.88.1"',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.attributes['url.path'], r.attributes['url.full']])).toEqual([
      ['/nope', 'http://127.0.0.1:6081/nope'],
      ['/', 'http://127.0.0.1:6081'],
      ['/index.html', undefined],
    ]);
  });

  it("uWSGI's request lines: method, path, status, size, duration and the worker's pid", () => {
    const recs = read([
      '[pid: 6704|app: 0|req: 1/1] 127.0.0.1 () {24 vars in 246 bytes} [Fri Nov 27 18:39:16 2026] GET / => generated 3 bytes in 0 msecs (HTTP/1.1 200) 1 headers in 45 bytes (1 switches on core 0)',
      '[pid: 6704|app: 0|req: 2/2] 10.0.0.7 (alice) {24 vars in 254 bytes} [Fri Nov 27 18:39:16 2026] GET /boom?x=1 => generated 0 bytes in 12 msecs (HTTP/1.1 500) 0 headers in 0 bytes (0 switches on core 0)',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.attributes['http.request.method'], r.attributes['url.path'], r.attributes['http.response.status_code'], r.attributes['http.response.body.size'], r.attributes['uwsgi.duration_ms'], r.resource.attributes['process.pid']])).toEqual([
      ['GET', '/', 200, 3, 0, 6704],
      ['GET', '/boom?x=1', 500, 0, 12, 6704],
    ]);
    expect(recs[1]!.attributes['client.address']).toBe('10.0.0.7');
    expect(recs[1]!.attributes['user.name']).toBe('alice');
    expect(iso(recs[1]!.timeNs)).toBe('2026-11-27T18:39:16.000000000Z');
  });
});

describe('text-logs: lines that share a sub-second time are no repeated prefix of one message (same events again, or one message the start of the next)', () => {
  it('three identical ERROR lines in one millisecond are three records (a burst the noise rules count)', () => {
    const recs = read([
      '2026-11-27T21:26:57.071Z ERROR db: timeout',
      '2026-11-27T21:26:57.071Z ERROR db: timeout',
      '2026-11-27T21:26:57.071Z ERROR db: timeout',
      '2026-11-27T21:26:58.000Z INFO db: ok',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.body, r.attributes['log.record.lines'] ?? 1])).toEqual([
      ['ERROR', '2026-11-27T21:26:57.071Z ERROR db: timeout', 1],
      ['ERROR', '2026-11-27T21:26:57.071Z ERROR db: timeout', 1],
      ['ERROR', '2026-11-27T21:26:57.071Z ERROR db: timeout', 1],
      ['INFO', '2026-11-27T21:26:58.000Z INFO db: ok', 1],
    ]);
  });

  it('a message that the next line\'s message begins with, twice, is no repeated prefix: 5 records', () => {
    const recs = read([
      '2026-11-27 21:26:57.071 WARN pool: retry',
      '2026-11-27 21:26:57.071 WARN pool: retry in 5s',
      '2026-11-27 21:26:58.100 WARN pool: retry',
      '2026-11-27 21:26:58.100 WARN pool: retry in 10s',
      '2026-11-27 21:26:59.000 INFO pool: ok',
    ].join('\n') + '\n');
    expect(recs.map((r) => r.body)).toEqual([
      '2026-11-27 21:26:57.071 WARN pool: retry',
      '2026-11-27 21:26:57.071 WARN pool: retry in 5s',
      '2026-11-27 21:26:58.100 WARN pool: retry',
      '2026-11-27 21:26:58.100 WARN pool: retry in 10s',
      '2026-11-27 21:26:59.000 INFO pool: ok',
    ]);
  });

  it('fail2ban 1.0: the same `Ignore … by ignoreself rule` event four times in one millisecond is four records', () => {
    const recs = read([
      '2026-11-27 21:26:57,034 fail2ban.jail           [14500]: INFO    Jail \'sshd\' started',
      '2026-11-27 21:26:57,070 fail2ban.filter         [14500]: INFO    [sshd] Ignore 127.0.0.1 by ignoreself rule',
      '2026-11-27 21:26:57,071 fail2ban.filter         [14500]: INFO    [sshd] Ignore 127.0.0.1 by ignoreself rule',
      '2026-11-27 21:26:57,071 fail2ban.filter         [14500]: INFO    [sshd] Ignore 127.0.0.1 by ignoreself rule',
      '2026-11-27 21:26:57,071 fail2ban.filter         [14500]: INFO    [sshd] Ignore 127.0.0.1 by ignoreself rule',
      '2026-11-27 21:26:57,071 fail2ban.filter         [14500]: INFO    [sshd] Ignore 127.0.0.1 by ignoreself rule',
      '2026-11-27 21:27:04,306 fail2ban.filter         [14500]: INFO    [sshd] Ignore 127.0.0.1 by ignoreself rule',
    ].join('\n') + '\n');
    expect(recs).toHaveLength(7);
    expect(recs.every((r) => (r.attributes['log.record.lines'] ?? 1) === 1)).toBe(true);
    expect(recs.map((r) => iso(r.timeNs)!.slice(17, 23))).toEqual(['57.034', '57.070', '57.071', '57.071', '57.071', '57.071', '04.306']);
  });

  it('a burst of 40 identical logback lines in one millisecond, between lines of other times and a stack trace, is 40 records', () => {
    const burst = Array.from({ length: 40 }, () => '2026-11-27 21:30:00.512 ERROR [http-nio-8080-exec-3] c.e.api.OrderController - order lookup failed');
    const recs = read([
      '2026-11-27 21:29:59.001 INFO  [main] c.e.Application - Started Application in 3.2 seconds',
      '2026-11-27 21:29:59.001 INFO  [main] c.e.Application - Started',
      ...burst,
      '2026-11-27 21:30:00.513 ERROR [http-nio-8080-exec-3] c.e.api.OrderController - order lookup failed',
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
      '\tat com.example.api.OrderController.find(OrderController.java:42)',
      '2026-11-27 21:30:00.513 WARN  [http-nio-8080-exec-4] c.e.api.OrderController - slow',
      '2026-11-27 21:30:00.513 WARN  [http-nio-8080-exec-4] c.e.api.OrderController - slow query',
    ].join('\n') + '\n');
    expect(recs).toHaveLength(45);
    expect(recs.filter((r) => r.severityText === 'ERROR')).toHaveLength(41);
    expect(recs[42]!.attributes['log.record.lines']).toBe(4);
  });

  it('in a file that does repeat its prefix (RabbitMQ), the same event twice and a message that begins as one stay records of their own', () => {
    const recs = read([
      '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0> Starting Ra system called "quorum_queues" with configuration:',
      '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0> #{data_dir =>',
      '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0>       "/var/lib/rabbitmq/mnesia/rabbit@host/quorum/rabbit@host",',
      '2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0>   name => quorum_queues}',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> closing AMQP connection <0.741.0> (127.0.0.1:49112 -> 127.0.0.1:5672):',
      '2026-11-27 18:38:03.066114+00:00 [error] <0.741.0> {bad_header,<<"HTTP/1.1">>}',
      '2026-11-27 18:38:04.000001+00:00 [warning] <0.750.0> client unexpectedly closed TCP connection',
      '2026-11-27 18:38:04.000001+00:00 [warning] <0.750.0> client unexpectedly closed TCP connection',
      '2026-11-27 18:38:04.000002+00:00 [info] <0.750.0> connection closed',
      '2026-11-27 18:38:04.000002+00:00 [info] <0.750.0> connection closed by peer',
      '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0> closing AMQP connection <0.737.0> (127.0.0.1:49106 -> 127.0.0.1:5672):',
      '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0> {handshake_error,starting,24946,',
      '2026-11-27 18:38:05.064123+00:00 [error] <0.737.0>                  {amqp_error,frame_error,none}}',
    ].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.attributes['log.record.lines'] ?? 1])).toEqual([
      ['debug', 4], ['error', 2], ['warning', 1], ['warning', 1], ['info', 1], ['info', 1], ['error', 3],
    ]);
    expect(recs[5]!.body).toBe('2026-11-27 18:38:04.000002+00:00 [info] <0.750.0> connection closed by peer');
  });

  it('empty messages alone (lines that end in the prefix\'s separator) and identical lines are no evidence of a repeated prefix', () => {
    const recs = read([
      '2026-11-27 21:26:57.071 INFO [main] ',
      '2026-11-27 21:26:57.071 INFO [main] started',
      '2026-11-27 21:26:58.100 INFO [main] ',
      '2026-11-27 21:26:58.100 INFO [main] ready',
      '2026-11-27 21:26:59.000 INFO [main] tick',
      '2026-11-27 21:26:59.000 INFO [main] tick',
    ].join('\n') + '\n');
    expect(recs).toHaveLength(6);
  });
});

describe("text-logs: Samba's debug log (log.smbd, log.samba: `[<time>, <level>] file:line(function)`, the message indented below)", () => {
  // lib/util/debug.c writes the header, then the message on the lines after it, indented by two
  // spaces; `debug pid`, `debug uid` and `debug class` add their fields inside the brackets.
  const LOG = [
    '[2026/11/27 10:00:00.123456,  0] ../../source3/smbd/server.c:1741(main)',
    '  smbd version 4.17.12-Debian started.',
    '  Copyright Andrew Tridgell and the Samba Team 1992-2022',
    '[2026/11/27 10:00:00.234567,  2, pid=4321, effective(0, 0), real(0, 0)] ../../source3/lib/tallocmsg.c:84(register_msg_pool_usage)',
    '  Registered MSG_REQ_POOL_USAGE',
    '[2026/11/27 10:00:00.345678,  1] ../../source3/smbd/service.c:1066(make_connection_snum)',
    '  make_connection_snum: canonicalize_connect_path failed for service share, path /srv/share',
    '[2026/11/27 10:00:01.456789,  3] ../../source3/smbd/service.c:851(make_connection_snum)',
    '  10.0.0.5 (ipv4:10.0.0.5:51234) connect to service share initially as user alice (uid=1000, gid=1000) (pid 4400)',
    '[2026/11/27 10:00:02.567890,  5, pid=4400, effective(1000, 1000), real(1000, 0), class=auth] ../../source3/auth/auth.c:219(auth_check_ntlm_password)',
    '  check_ntlm_password:  Checking password for unmapped user [WORKGROUP]\\[alice]@[CLIENT1] with the new password interface',
    '[2026/11/27 10:00:03.678901, 10] ../../source3/smbd/smb2_server.c:4026(smbd_smb2_request_dispatch)',
    '  smbd_smb2_request_dispatch: opcode[SMB2_OP_CREATE] mid = 7',
  ];

  it('the header and its message are one record; the level is the severity as smb.conf(5) maps it to syslog (0 err, 1 warning, 2 notice, 3 info, higher debug)', () => {
    const recs = read(LOG.join('\n') + '\n');
    // (before: no level at all)
    expect(recs.map((r) => [r.source.line, r.severityText, r.severityNumber, r.attributes['samba.debug.level']])).toEqual([
      [1, 'err', 17, 0],
      [4, 'notice', 10, 2],
      [6, 'warning', 13, 1],
      [8, 'info', 9, 3],
      [10, 'debug', 5, 5],
      [12, 'debug', 5, 10],
    ]);
    expect(String(recs[0]!.body).split('\n')).toEqual(LOG.slice(0, 3));
    expect(iso(recs[0]!.timeNs)).toBe('2026-11-27T10:00:00.123456000Z');
    expect([recs[0]!.attributes['code.filepath'], recs[0]!.attributes['code.lineno'], recs[0]!.attributes['code.function']]).toEqual(['../../source3/smbd/server.c', 1741, 'main']);
    expect([recs[4]!.resource.attributes['process.pid'], recs[4]!.attributes['samba.debug.class']]).toEqual([4400, 'auth']);
  });

  it('`debug prefix timestamp`: the message after the header on its line', () => {
    const recs = read(['[2026/11/27 10:00:00.123456,  0] smbd version 4.17.12-Debian started.', '[2026/11/27 10:00:00.223456,  1] failed to open share', '[2026/11/27 10:00:00.323456,  3] connect to service share'].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['err', 17], ['warning', 13], ['info', 9]]);
  });

  it('a bracketed time and a number that are not its header keep their own reading', () => {
    const recs = read(['[2026/11/27 10:00:00.123456, 100] x', '[2026/11/27 10:00:00.123456,  0 ] y', '[2026/11/27 10:00:00.123456] WARN z'].join('\n') + '\n');
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([[undefined, undefined], [undefined, undefined], ['WARN', 13]]);
  });
});
