import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, logs } from '../jsonl-logs/log-test-helpers.js';

const levels = (text: string) => logs(decodeText(textLogs, text)).map((r) => [r.severityText, r.severityNumber]);

describe('text-logs: level words of particular loggers', () => {
  it("logrus's text formatter cuts every level to four letters: TRAC, PANI and FATA too", () => {
    // logrus TextFormatter (no TTY colours here): `LEVL[0000] message  key=value`, the level's first four letters
    const text = ['TRAC[0000] entering handler fn=handle', 'DEBU[0000] cache lookup key=a', 'PANI[0002] unrecoverable err=boom', 'FATA[0002] exiting code=1'].join('\n');
    // OTel numbers: TRACE 1, DEBUG 5; panic and fatal both FATAL 21
    expect(levels(text)).toEqual([['TRAC', 1], ['DEBU', 5], ['PANI', 21], ['FATA', 21]]);
  });

  it("supervisord's DEBG is DEBUG", () => {
    expect(levels("2024-01-15 10:06:00,000 DEBG 'nginx' stdout output:\n2024-01-15 10:06:01,000 INFO exited: nginx\n")).toEqual([['DEBG', 5], ['INFO', 9]]);
  });

  it("PHP's error log: the error type after `PHP ` is the level, after a zone's name as well", () => {
    const text = [
      '[15-Jan-2024 10:00:00 UTC] PHP Warning:  Undefined variable $foo in /var/www/html/index.php on line 5',
      '[15-Jan-2024 10:00:01 UTC] PHP Fatal error:  Uncaught Exception: boom in /var/www/html/index.php:8',
      '[15-Jan-2024 10:00:02 UTC] PHP Notice:  Undefined index: id in /var/www/html/user.php on line 14',
      '[15-Jan-2024 10:00:03 Europe/Berlin] PHP Deprecated:  Function create_function() is deprecated in /var/www/html/old.php on line 3',
      '[15-Jan-2024 10:00:04 UTC] PHP Parse error:  syntax error, unexpected token "}" in /var/www/html/broken.php on line 9',
    ].join('\n');
    // WARN 13, FATAL 21, INFO2 (notice) 10, WARN 13, ERROR 17 (see PHP_LEVEL)
    expect(levels(text)).toEqual([['Warning', 13], ['Fatal error', 21], ['Notice', 10], ['Deprecated', 13], ['Parse error', 17]]);
    // a message that only mentions PHP is no level
    expect(levels('[15-Jan-2024 10:00:00 UTC] upgraded PHP Warning: none\n')).toEqual([[undefined, undefined]]);
  });

  it('a bracketed name after a keyword or before a banner rule is no level (Ansible TASK [debug] ****); bracketed levels still are', () => {
    const text = [
      '2024-01-15 10:00:03,200 p=4321 u=deploy n=ansible | TASK [debug] *******************************************************************',
      '2024-01-15 10:00:03,300 p=4321 u=deploy n=ansible | HANDLER [fail]',
      '2024-01-15 10:00:03,400 p=4321 u=deploy n=ansible | [warn] *****',
      // nginx's error log, Apache 2.4's and MySQL's: after a time, a bracket, a number
      '2024/01/15 10:00:04 [error] 123#0: *1 open() failed',
      '[Mon Jan 15 10:00:05.123456 2024] [core:warn] [pid 35708:tid 4328636416] AH00098: pid file overwritten',
      '2024-01-15T10:00:06.000000Z 0 [Warning] [MY-010068] [Server] CA certificate is self signed.',
      // `fly logs`: a lower-case region before the level's bracket
      '2024-01-15T10:00:04Z app[3d8d9e4b1c2a78] ams [warn]slow query 812ms',
    ];
    // (each line a file of its own: the layouts differ)
    const each = text.map((l) => levels(l + '\n')[0]);
    // by hand: the first three brackets hold names (after TASK, HANDLER; before a rule of *); the
    // last four levels: ERROR 17, WARN 13, WARN 13, WARN 13
    expect(each).toEqual([[undefined, undefined], [undefined, undefined], [undefined, undefined], ['error', 17], ['warn', 13], ['Warning', 13], ['warn', 13]]);
  });

  it("Sidekiq 7: a LEVEL: after the job's key=value context (past the tenth token) is the level", () => {
    const text = [
      '2024-01-15T10:00:01.000Z pid=1234 tid=2ac1 class=HardJob jid=b4a577edbccf1d805744efa9 INFO: start',
      '2024-01-15T10:00:01.503Z pid=1234 tid=2ac1 class=HardJob jid=b4a577edbccf1d805744efa9 elapsed=0.503 INFO: done',
      '2024-01-15T10:00:02.010Z pid=1234 tid=2ad9 class=FailJob jid=c5b688fecde2e916855f0b4a elapsed=0.01 WARN: fail',
    ].join('\n');
    // tokens after the time (split at `=`): pid 1234 tid 2ac1 class HardJob jid <id> elapsed 0.503 INFO → the 11th
    expect(levels(text)).toEqual([['INFO', 9], ['INFO', 9], ['WARN', 13]]);
    // past the tenth token a capital level word without its colon is text, as before
    expect(levels('2024-01-15T10:00:01.000Z one two three four five six seven eight nine ten ERROR eleven\n')).toEqual([[undefined, undefined]]);
  });

  it("a level word in the message is no level; the header's level, a bracketed one and a `LEVEL:` still are", () => {
    const text = [
      '2024-01-01 12:00:00 user clicked (DEBG) button',
      '2024-01-01 12:00:01 request done, status ERROR returned by backend',
      '2024-01-01 12:00:02 retrying after WARN from upstream',
      '2024-01-01 12:00:03 server started on port 8080 in DEBUG mode',
      '2024-01-01 12:00:04 no error occurred while saving',
      '2024-01-01 12:00:05 pid=12 tid=3 user clicked the button INFO',
      '2024-01-01 12:00:06 Connection to db failed: ERROR 1045 access denied',
      // the header's level: after a bracket, a name, a name and a colon, all in capitals; the first word in any case
      '2024-01-01 12:00:07 [main] ERROR com.example.Foo - boom',
      '2024-01-01 12:00:08 worker-3 INFO started',
      '2024-01-01 12:00:09 myapp: WARN disk at 91%',
      '2024-01-01 12:00:10 RAS KERNEL FATAL data TLB error interrupt',
      '2024-01-01 12:00:11 Error while saving file',
      '2024-01-01 12:00:12 [Default Executor Thread 1] DEBUG cache warmed',
      // structlog's console renderer: the level padded in its bracket
      '2024-01-01 12:00:13 [info     ] server started                 port=8080',
      // in the message, a level written as one: a capital word and its colon, a bracketed word, a level field
      '2024-01-01 12:00:13 job finished: ERROR: disk full',
      '2024-01-01 12:00:14 user alice logged in, see [warn] below',
      '2024-01-01 12:00:15 request failed with level=error code=7',
    ];
    // (each line a file of its own: one line's layout decides nothing for another)
    const each = text.map((l) => levels(l + '\n')[0]);
    // by hand: seven message words, no level; then ERROR 17, INFO 9, WARN 13, FATAL 21, ERROR 17, DEBUG 5, INFO 9; ERROR 17, WARN 13, ERROR 17
    expect(each).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      ['ERROR', 17],
      ['INFO', 9],
      ['WARN', 13],
      ['FATAL', 21],
      ['Error', 17],
      ['DEBUG', 5],
      ['info', 9],
      ['ERROR', 17],
      ['warn', 13],
      ['error', 17],
    ]);
  });

  it("Ansible's log: p= u= n= are the header's fields, a failed task is an error, a level before the bar is the level", () => {
    const text = [
      '2024-01-01 12:00:00,123 p=1234 u=root n=ansible | TASK [install nginx] ***********************************************************',
      '2024-01-01 12:00:01,300 p=1234 u=root n=ansible | ok: [web1]',
      '2024-01-01 12:00:02,600 p=1234 u=root n=ansible | failed: [web1] (item=foo) => {"changed": false, "item": "foo", "msg": "No package matching \'foo\' is available"}',
      '2024-01-01 12:00:02,700 p=1234 u=root n=ansible | fatal: [web1]: FAILED! => {"changed": false, "msg": "One or more items failed"}',
      '2024-01-01 12:00:02,750 p=1234 u=root n=ansible | fatal: [web2 -> localhost]: UNREACHABLE! => {"changed": false, "unreachable": true}',
      '2024-01-01 12:00:02,800 p=1234 u=root n=ansible | [WARNING]: Could not match supplied host pattern, ignoring: dbservers',
      '2024-01-01 12:00:02,900 p=1234 u=root n=ansible | ERROR! the role \'foo\' was not found',
      '2024-01-01 12:00:03,100 p=1234 u=root n=ansible | web1                       : ok=3    changed=1    unreachable=0    failed=1    skipped=0',
    ].join('\n');
    const recs = logs(decodeText(textLogs, text + '\n'));
    // by hand: no level for the banner, ok: and the recap (Ansible's log says none); failed and fatal
    // (a task that failed on a host) ERROR 17, not FATAL; [WARNING] WARN 13; ERROR! ERROR 17
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      ['failed', 17],
      ['fatal', 17],
      ['fatal', 17],
      ['WARNING', 13],
      ['ERROR', 17],
      [undefined, undefined],
    ]);
    // the header's pairs: the pid (a resource attribute, as syslog's), the user, the logger
    expect(recs.map((r) => [r.resource.attributes['process.pid'], r.attributes['user.name'], r.scope?.name])).toEqual(Array(8).fill([1234, 'root', 'ansible']));
    // later ansible-core writes the level before the bar: that is the level
    const leveled = logs(decodeText(textLogs, '2024-01-15 10:00:03,001 p=4321 u=deploy n=ansible ERROR| fatal: [web2]: UNREACHABLE! => {"unreachable": true}\n2024-01-15 10:00:03,101 p=4321 u=deploy n=ansible INFO| ok: [web1]\n'));
    expect(leveled.map((r) => [r.severityText, r.severityNumber, r.attributes['user.name']])).toEqual([
      ['ERROR', 17, 'deploy'],
      ['INFO', 9, 'deploy'],
    ]);
    // Ansible's screen output, without the log's header: the same words
    expect(levels('fatal: [web2]: UNREACHABLE! => {"changed": false}\nfailed: [web1] (item=foo) => {"item": "foo"}\nok: [web1]\n')).toEqual([
      ['fatal', 17],
      ['failed', 17],
      [undefined, undefined],
    ]);
  });
});

describe("text-logs: a file's level column, learned from its lines", () => {
  const ts = (i: number) => `2024-01-15 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;

  it('holds the level after two plain words (`webserver nginx INFO msg`) in a file with one level word', () => {
    const lines = Array.from({ length: 6 }, (_, i) => `${ts(i)} webserver nginx INFO request ${i} handled`);
    expect(levels(lines.join('\n') + '\n')).toEqual(Array.from({ length: 6 }, () => ['INFO', 9]));
    // without a time
    expect(levels(lines.map((l) => l.slice(20)).join('\n') + '\n')).toEqual(Array.from({ length: 6 }, () => ['INFO', 9]));
  });

  it('learned from one level word, it takes level words only, in capitals, in the column: no word of a sentence elsewhere', () => {
    const text = [
      `${ts(0)} webserver nginx INFO request 0 handled`,
      `${ts(1)} webserver nginx INFO request 1 handled`,
      `${ts(2)} webserver nginx INFO request 2 handled`,
      `${ts(3)} request done, status ERROR returned`,
      `${ts(4)} webserver nginx http: request 4`,
      `${ts(5)} webserver nginx started INFO page`,
    ].join('\n');
    expect(levels(text + '\n')).toEqual([['INFO', 9], ['INFO', 9], ['INFO', 9], [undefined, undefined], [undefined, undefined], [undefined, undefined]]);
    // two lines with the word are too few to learn it from
    expect(levels(`${ts(0)} webserver nginx INFO a\n${ts(1)} webserver nginx INFO b\n`)).toEqual([[undefined, undefined], [undefined, undefined]]);
  });

  it('is learned past the first 200 lines when they are another layout (a long start-up banner)', () => {
    const lv = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
    const banner = Array.from({ length: 230 }, (_, i) => `${ts(i)} [boot] step ${i} of the start-up sequence`);
    const records = Array.from({ length: 100 }, (_, i) => `${ts(230 + i)} webserver nginx ${lv[i % 4]} request ${i} handled`);
    const got = levels([...banner, ...records].join('\n') + '\n').slice(230);
    // the 50 lines before the 25th record (25 of the banner, 25 records) show the column: from the 26th on
    expect(got.slice(0, 25)).toEqual(Array.from({ length: 25 }, () => [undefined, undefined]));
    expect(got.slice(25)).toEqual(records.slice(25).map((_, i) => [lv[(i + 25) % 4], [9, 13, 17, 5][(i + 25) % 4]]));
    // (looked for in the 20,000 lines after the sample only: later it is not learned)
    const long = Array.from({ length: 20_300 }, (_, i) => `${ts(i)} [boot] step ${i} of the start-up sequence`);
    const late = levels([...long, ...records].join('\n') + '\n').slice(20_300);
    expect(late).toEqual(records.map(() => [undefined, undefined]));
  });

  it('past the first 200 lines, a cluster of lines ending in a lower-case state word is no level column', () => {
    // (loghub HPC: `<id> <node> <component> <state> <epoch> <flag> <message>`, the message of a
    // temperature sensor `normal`, `warning` or `critical`; a run of warnings came after line 1,200)
    const row = (i: number, state: string): string => `${2_550_000 + i} gige7 gige temperature ${1_073_151_998 + i} 1 ${state}`;
    const lines = [
      ...Array.from({ length: 300 }, (_, i) => row(i, i % 3 === 0 ? 'warning' : 'normal')),
      ...Array.from({ length: 100 }, (_, i) => row(300 + i, i % 2 === 0 ? 'warning' : 'critical')),
    ];
    expect(levels(lines.join('\n') + '\n').filter(([text]) => text !== undefined)).toEqual([]);
  });
});
