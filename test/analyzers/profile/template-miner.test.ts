import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TemplateMiner, globMatch } from '../../../analyzers/profile/template-miner.js';
import { cutHeader } from '../../../analyzers/profile/template-header.js';
import { maskMessage, MAX_MESSAGE_CHARS, MAX_TOKENS } from '../../../analyzers/profile/template-mask.js';
import { LineSplitter } from '../../../analyzers/importers/common/lines.js';
import { generateMixedLogLines } from '../../../bench/templates-synth.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');

function mine(lines: string[], miner = new TemplateMiner()): { ids: string[]; miner: TemplateMiner } {
  const groups = lines.map((l) => miner.add(l).group);
  return { ids: groups.map((g) => miner.resolveGroup(g)), miner };
}

describe('header cut', () => {
  // Expected messages written by hand from the shapes of common log formats.
  const cases: [string, string][] = [
    ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown', 'check pass; user unknown'],
    ['2015-10-18 18:01:47,978 INFO [main] org.example.app.Master: Created app', 'Created app'],
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating', 'PacketResponder 1 terminating'],
    ['03-17 16:13:38.811  1702  2395 D WindowManager: visible is true', 'visible is true'],
    ['2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1', 'Loaded Servicing Stack v6.1'],
    ['[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/x.properties', 'workerEnv.init() ok /etc/x.properties'],
    // Levels in brackets close the header whatever their case, so the message keeps its first words.
    ['[Sun Dec 04 04:51:08 2005] [notice] jk2_init() Found child 6725 in scoreboard slot 10', 'jk2_init() Found child 6725 in scoreboard slot 10'],
    ['[Sun Dec 04 04:51:18 2005] [error] mod_jk child workerEnv in error state 6', 'mod_jk child workerEnv in error state 6'],
    ['[Mon Dec 05 03:36:59 2005] [error] [client 218.76.139.20] Directory index forbidden by rule: /var/www/html/', 'Directory index forbidden by rule: /var/www/html/'],
    ['[INFO] Starting server on port 8080', 'Starting server on port 8080'],
    ['[warn] disk almost full', 'disk almost full'],
    ['2024-01-01 10:00:00 [error] connection refused', 'connection refused'],
    ['20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', 'onStandStepChanged 3579'],
    ['2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:QuorumPeer$QuorumServer@197] - Resolved hostname: 0.0.0.0', 'Resolved hostname: 0.0.0.0'],
    ['17/06/09 20:10:40 INFO executor.Backend: Registered signal handlers', 'Registered signal handlers'],
    ['- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root', 'session closed for user root'],
    ['[10.30 16:49:06] chrome.exe - proxy.example.org:5070 open through proxy', 'proxy.example.org:5070 open through proxy'],
    ['Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: Thunderbolt HPD packet for route = 0x0', 'Thunderbolt HPD packet for route = 0x0'],
    ['Jul  1 09:03:11 authorMacBook-Pro com.apple.CDScheduler[43]: Thermal pressure state: 1', 'Thermal pressure state: 1'],
    [
      'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b-2096 113d3a99 - - -] 10.11.10.1 "GET /v2/servers HTTP/1.1" status: 200',
      '10.11.10.1 "GET /v2/servers HTTP/1.1" status: 200',
    ],
    ['Invalid user webmaster from 173.234.31.186', 'Invalid user webmaster from 173.234.31.186'],
    // A word of marks before `name:` is no syslog host: exim's delivery-failed `**` starts the message.
    ['2026-11-27 18:41:11 1xX0sh-0003XF-05 ** nosuchuser@localhost: Unrouteable address', '** nosuchuser@localhost: Unrouteable address'],
    ['2026-11-27 18:41:11 1xX0sh-0003XF-05 -> bob@localhost: queued', '-> bob@localhost: queued'],
    ['Error reading file /tmp/x', 'Error reading file /tmp/x'],
  ];
  for (const [line, msg] of cases) {
    it(`finds the message of «${line.slice(0, 40)}…»`, () => {
      expect(line.slice(cutHeader(line).start)).toBe(msg);
    });
  }
});

describe('variable masking', () => {
  it('masks numbers, hex, IPs, paths, URLs, UUIDs, e-mail, block ids and key=value values', () => {
    const m = maskMessage(
      'got 42 0x1f from 10.0.0.1:80 fe80::1 /var/log/a.log https://x.org/a?b=1 123e4567-e89b-12d3-a456-426614174000 bob@example.org blk_-123 core.2275 took 5ms size=10KB name=com.example.app',
    );
    // The run from the IP to the e-mail address is all variables: one <*>; blk_/core. keep their word.
    expect(m.tokens.join(' ')).toBe('got <*> from <*> blk_<*> core.<*> took <*> size=<*> name=<*>');
  });

  it('keeps words, and a plain key=word value', () => {
    expect(maskMessage('session opened for user root state=idle').tokens.join(' ')).toBe('session opened for user root state=idle');
  });

  it('collapses variable-length lists of the same item', () => {
    expect(maskMessage('(stack @0x1 @0x2 @0x3)').tokens.join(' ')).toBe('(stack @<*>)');
    expect(maskMessage('delete blk_1 blk_2 blk_3').tokens.join(' ')).toBe('delete blk_<*>');
  });

  it('takes a size or duration unit after a number as part of the value (it changes with the magnitude)', () => {
    const a = maskMessage('Block 7 stored (estimated size 5.2 KB, free 366.3 MB) in 12 ms');
    const b = maskMessage('Block 8 stored (estimated size 93.0 B, free 1.1 GB) in 3 s');
    expect(a.tokens.join(' ')).toBe('Block <*> stored (estimated size <*>, free <*>) in <*>');
    expect(b.tokens.join(' ')).toBe(a.tokens.join(' '));
    // A word that is no unit, or a unit word after a word, stays.
    expect(maskMessage('sent 5 bytes to B').tokens.join(' ')).toBe('sent <*> bytes to B');
    expect(maskMessage('plan B failed after 3 KiB.').tokens.join(' ')).toBe('plan B failed after <*>.');
  });

  it('takes a comparison sign before a number as part of the value, and drops a parenthesised size annotation', () => {
    const lines = [
      'proxy.example.org:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01',
      'proxy.example.org:5070 close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime <1 sec',
      'proxy.example.org:5070 close, 403 bytes sent, 18846 bytes (18.4 KB) received, lifetime 00:02',
    ];
    const masked = lines.map((l) => maskMessage(l).tokens.join(' '));
    expect(new Set(masked).size).toBe(1);
    expect(masked[0]).toBe('proxy.example.org:<*> close, <*> bytes sent, <*> bytes received, lifetime <*>');
    // A value in parentheses without a unit stays a token (`(host.example.org)`, `(4711)`).
    expect(maskMessage('connection from 10.0.0.1 (4711) at noon').tokens.join(' ')).toBe('connection from <*> (<*>) at noon');
  });

  it('keeps a method after a scope :: constant (Class43xx::method), an IPv6 address whole', () => {
    expect(maskMessage('ARPT: 620701.011328: AirPort_Brcm43xx::syncPowerState: WWEN[enabled]').tokens.join(' ')).toBe('ARPT: <*> <*>::syncPowerState: WWEN[enabled]');
    expect(maskMessage('from fe80::1 and FE80::1a2b').tokens.join(' ')).toBe('from <*> and <*>');
  });

  it('takes a path with its query string as one value, so requests with and without a query are one event', () => {
    const plain = maskMessage('10.0.0.1 "GET /v2/54fa/servers/detail HTTP/1.1" status: 200 len: 1893');
    const query = maskMessage('10.0.0.1 "GET /v2/e974/servers/detail?all_tenants=True&changes-since=2017-05-16T05%3A54%3A58.5%2B00%3A00 HTTP/1.1" status: 200 len: 23370');
    expect(query.tokens).toEqual(plain.tokens);
    // A request's target is its route: names and the API version kept, ids masked, the query left out.
    expect(plain.tokens.join(' ')).toBe('<*> "GET /v2/<*>/servers/detail HTTP/1.1" status: <*> len: <*>');
    // A path that is no request target is one value, query string and all.
    expect(maskMessage('reading /v2/54fa/servers/detail?x=1 now').tokens.join(' ')).toBe('reading <*> now');
    // With trailing punctuation the token is read unit by unit, as before (no guess at where the query ends).
    expect(maskMessage('fetched /a/b?x=1,').tokens.join(' ')).toBe('fetched <*>=<*>,');
    // A `?` in a word is no query string.
    expect(maskMessage('really? yes').tokens.join(' ')).toBe('really? yes');
  });

  it('masks a date inside the message', () => {
    expect(maskMessage('connection at Fri Jun 17 07:07:00 2005').tokens.join(' ')).toBe('connection at <*>');
  });

  it('glob-matches patterns', () => {
    expect(globMatch('name=<*>', 'name=system')).toBe(true);
    expect(globMatch('name=<*>', 'name=')).toBe(false);
    expect(globMatch('<*>', 'x')).toBe(true);
    expect(globMatch('a<*>b<*>c', 'aXbYc')).toBe(true);
    expect(globMatch('a<*>b<*>c', 'aXc')).toBe(false);
  });
});

describe('grouping', () => {
  it('groups lines that differ only in masked variables', () => {
    const { ids, miner } = mine([
      'Jun 14 15:16:01 host sshd[1]: Accepted password for alice from 10.0.0.1 port 22 ssh2',
      'Jun 14 15:16:02 host sshd[2]: Connection closed by 10.0.0.2 [preauth]',
      'Jun 14 15:16:03 host sshd[3]: Connection closed by 10.0.0.3 [preauth]',
    ]);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(miner.template(ids[1]!)).toBe('Connection closed by <*> [preauth]');
  });

  it('turns a word position into a variable on evidence (3 distinct values), and remaps earlier ids', () => {
    const { ids, miner } = mine(['Invalid user alice from 1.2.3.4', 'Invalid user bob from 1.2.3.5', 'Invalid user carol from 1.2.3.6', 'Invalid user dave from 1.2.3.7']);
    expect(new Set(ids).size).toBe(1);
    expect(miner.template(ids[0]!)).toBe('Invalid user <*> from <*>');
    expect(miner.mergeCount).toBe(2);
  });

  it('keeps two events that differ by one word apart (two values are not evidence)', () => {
    const { ids } = mine(['cupsd startup succeeded', 'cupsd shutdown succeeded', 'cupsd startup succeeded']);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('takes ids of two kinds at one place as a variable (`broadcast_<*>`, `rdd_<*>`), not two padded field names', () => {
    const { ids, miner } = mine(['Block broadcast_1_piece0 stored as bytes', 'Block broadcast_2 stored as bytes', 'Block rdd_2_3 stored as bytes']);
    expect(new Set(ids).size).toBe(1);
    expect(miner.template(ids[0]!)).toBe('Block <*> stored as bytes');
    const padded = mine(['data store interrupt caused by dcbf.........0', 'data store interrupt caused by icbi.........0', 'data store interrupt caused by dcbf.........1']);
    expect(padded.ids[0]).toBe(padded.ids[2]);
    expect(padded.ids[0]).not.toBe(padded.ids[1]);
  });

  it('needs more evidence for capitalised words (HTTP methods, states): four values are a vocabulary, six a variable', () => {
    const vm = mine(['[instance: 1a] VM Started (Lifecycle Event)', '[instance: 1a] VM Paused (Lifecycle Event)', '[instance: 1a] VM Resumed (Lifecycle Event)', '[instance: 2b] VM Stopped (Lifecycle Event)']);
    expect(new Set(vm.ids).size).toBe(4);
    const http = mine(
      ['GET /v2/54fa/servers/detail', 'POST /v2/e974/os-server-external-events', 'DELETE /v2/54fa/servers/9f0c', 'GET /v2/e974/servers/detail'].map(
        (r, i) => `2017-05-16 00:00:0${i}.008 25746 INFO nova.osapi_compute.wsgi.server [req-${i} - - -] 10.11.10.1 "${r} HTTP/1.1" status: 200 len: 1893 time: 0.2477829`,
      ),
    );
    expect(http.ids[0]).toBe(http.ids[3]);
    expect(new Set(http.ids).size).toBe(3);
    expect(http.miner.template(http.ids[1]!)).toBe('<*> "POST /v2/<*>/os-server-external-events HTTP/1.1" status: <*> len: <*> time: <*>');
    const hosts = mine(['Connected to Alpha', 'Connected to Bravo', 'Connected to Charlie', 'Connected to Delta', 'Connected to Echo', 'Connected to Foxtrot']);
    expect(new Set(hosts.ids).size).toBe(1);
    expect(hosts.miner.template(hosts.ids[0]!)).toBe('Connected to <*>');
  });

  it('generalises dotted job names in front of one long shared message (three names), not short ones', () => {
    const tail = ': scheduler_evaluate_activity told me to run this job; however, the start time is in 42 seconds. Ignoring.';
    const jobs = mine(['com.apple.icloud.fmfd.heartbeat', 'com.apple.Safari.SafeBrowsing.Update', 'com.apple.CacheDelete.daily'].map((j) => j + tail));
    expect(new Set(jobs.ids).size).toBe(1);
    const hosts = mine(['proxy.example.org:5070', 'get.sogou.com:80', 'tcpconn.tencent.com:80'].map((h) => `${h} close, 859 bytes sent, 316 bytes received, lifetime 00:01`));
    expect(new Set(hosts.ids).size).toBe(1);
    const short = mine(['com.example.a: started', 'com.example.b: started', 'com.example.c: started']);
    expect(new Set(short.ids).size).toBe(3);
  });

  it('never generalises the first word of a message by count alone', () => {
    const { ids } = mine(['boot (command 1)', 'halt (command 2)', 'wait (command 3)', 'reset (command 4)']);
    expect(new Set(ids).size).toBe(4);
  });
});

describe('leading words of a message', () => {
  const templateOf = (lines: string[], i: number): string => {
    const { ids, miner } = mine(lines);
    return miner.template(ids[i]!)!;
  };

  it('keeps a capitalised level word that starts a sentence where the stream writes no level (mosquitto `Config loaded from`)', () => {
    const lines = [
      '1795804834: mosquitto version 2.0.11 starting',
      '1795804834: Config loaded from mosquitto.conf.',
      '1795804834: Opening ipv4 listen socket on port 28479.',
      '1795804835: New connection from 127.0.0.1:60054 on port 28479.',
      '1795804836: Error reading config file extra.conf.',
    ];
    expect(templateOf(lines, 1)).toBe('Config loaded from mosquitto.conf.');
    expect(templateOf(lines, 4)).toBe('Error reading config file extra.conf.');
    // the epoch before it is still header, and the line's own cut is unchanged otherwise
    expect(templateOf(lines, 3)).toBe('New connection from <*> on port <*>');
  });

  it('still cuts such a level where the stream writes one on its lines (`<time> Info msg`)', () => {
    const lines = ['2026-11-27 10:00:00 Info starting worker 1', '2026-11-27 10:00:01 Warning queue is 80% full', '2026-11-27 10:00:02 Info starting worker 2', '2026-11-27 10:00:03 Error worker 3 crashed'];
    const { ids, miner } = mine(lines);
    expect(ids.map((id) => miner.template(id))).toEqual(['starting worker <*>', 'queue is <*> full', 'starting worker <*>', 'worker <*> crashed']);
  });

  it('keeps exim\'s `**` (delivery failed) and `->` markers: a word of marks is no host before `name:`', () => {
    const lines = [
      '2026-11-27 18:41:10 1xX0sg-0003X0-3A <= root@vm U=root P=local S=263',
      '2026-11-27 18:41:11 1xX0sh-0003XF-05 ** nosuchuser@localhost: Unrouteable address',
      '2026-11-27 18:41:11 1xX0sh-0003XF-05 Completed',
    ];
    expect(templateOf(lines, 1)).toBe('** nosuchuser@localhost: Unrouteable address');
    expect(templateOf(lines, 2)).toBe('Completed');
  });

  it('separates lines whose first word differs after a masked value and marks (lighttpd `(file.c.N) Name : value`)', () => {
    const lines = [
      '2026-11-27 18:38:47: (response.c.422) Request-URI     : /',
      '2026-11-27 18:38:47: (response.c.511) Doc-Root     : /srv/www',
      '2026-11-27 18:38:47: (response.c.513) Basedir      : /srv/www',
      '2026-11-27 18:38:47: (response.c.515) Rel-Path     : /',
      '2026-11-27 18:38:47: (response.c.517) Path         : /srv/www/',
      '2026-11-27 18:38:48: (response.c.422) Request-URI     : /nope',
      '2026-11-27 18:38:48: (response.c.517) Path         : /srv/www/nope',
    ];
    const { ids, miner } = mine(lines);
    // (final texts: `/` and a path at one place are a variable)
    expect(ids.map((id) => miner.template(id))).toEqual([
      '(<*>) Request-URI : <*>',
      '(<*>) Doc-Root : <*>',
      '(<*>) Basedir : <*>',
      '(<*>) Rel-Path : /',
      '(<*>) Path : <*>',
      '(<*>) Request-URI : <*>',
      '(<*>) Path : <*>',
    ]);
    expect(miner.templateCount).toBe(5);
  });

  it('a position after leading values is still a variable when a variable is among its values', () => {
    const { ids, miner } = mine(['(12) 42 : ready', '(13) alpha : ready', '(14) beta : ready'], new TemplateMiner({ header: 'none' }));
    expect(new Set(ids).size).toBe(1);
    expect(miner.template(ids[0]!)).toBe('(<*>) <*> : ready');
  });
});

describe('determinism and chunking invariance', () => {
  const lines = generateMixedLogLines(20000, 7, 300);

  it('gives the same ids and templates on two runs', () => {
    const a = mine(lines);
    const b = mine(lines);
    expect(a.ids).toEqual(b.ids);
    expect(a.miner.templates()).toEqual(b.miner.templates());
  });

  it('gives the same ids whether the bytes come in one chunk, 1-byte chunks or 4 KiB chunks', () => {
    const bytes = new TextEncoder().encode(lines.slice(0, 3000).join('\r\n') + '\r\n');
    const run = (chunk: number): string[] => {
      const miner = new TemplateMiner();
      const groups: number[] = [];
      const sp = new LineSplitter({ line: (t) => groups.push(miner.add(t).group) });
      for (let o = 0; o < bytes.length; o += chunk) sp.push(bytes.subarray(o, o + chunk));
      sp.end();
      return groups.map((g) => miner.resolveGroup(g));
    };
    const whole = run(bytes.length);
    expect(whole.length).toBe(3000);
    expect(run(1)).toEqual(whole);
    expect(run(4096)).toEqual(whole);
  });
});

describe('memory cap policy', () => {
  it('sends lines that would found a template beyond the cap to per-token-count overflow groups, and counts them', () => {
    const miner = new TemplateMiner({ maxTemplates: 3 });
    // Distinct first words: each line founds its own template (first words are never generalised).
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const res = words.map((w) => miner.add(`${w} event happened`));
    res.push(miner.add('golf one two three'));
    res.push(miner.add('alpha event happened'));
    expect(miner.templateCount).toBe(3);
    expect(res.map((r) => r.templateId)).toEqual(['T1', 'T2', 'T3', 'T0-3', 'T0-3', 'T0-3', 'T0-4', 'T1']);
    expect(miner.overflowCount).toBe(4);
    const overflow = miner.templates().filter((t) => t.overflow);
    expect(overflow.map((t) => [t.templateId, t.count, t.template])).toEqual([
      ['T0-3', 3, '<overflow>'],
      ['T0-4', 1, '<overflow>'],
    ]);
  });
});

describe('bounds and hostile input', () => {
  it('masks only the first MAX_MESSAGE_CHARS chars of a message; the rest is one trailing variable', () => {
    // 1,000 words of 5 chars (5,999 chars): the token cap applies first (128 < the 683 words
    // under the 4,096-char cap), its last token standing for the rest.
    const words = Array.from({ length: 1000 }, () => 'abcde');
    const m = maskMessage(words.join(' '));
    expect(MAX_MESSAGE_CHARS).toBe(4096);
    expect(m.tokens.length).toBe(MAX_TOKENS);
    expect(m.tokens.slice(0, 3)).toEqual(['abcde', 'abcde', 'abcde']);
    expect(m.tokens.at(-1)).toBe('<*>');
    // A long token cut by the cap: the part before the cap is masked, the cut word is the rest.
    const long = 'start ' + 'x'.repeat(5000) + ' end';
    expect(maskMessage(long).tokens).toEqual(['start', '<*>']);
    // Different text after the cap: same template.
    const miner = new TemplateMiner({ header: 'none' });
    const a = miner.add('event ' + 'y'.repeat(4200) + ' tail one');
    const b = miner.add('event ' + 'y'.repeat(4300) + ' tail two');
    expect(b.templateId).toBe(a.templateId);
    expect(miner.template(a.templateId)).toBe('event <*>');
  });

  it('mines a 1 MB line without spaces quickly and keeps only a 512-char example', () => {
    const miner = new TemplateMiner();
    const t0 = performance.now();
    const r = miner.add('2024-01-01 00:00:00 INFO x: ' + 'A'.repeat(1 << 20));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.template).toBe('<*>');
    expect(miner.templates()[0]!.example.length).toBe(512);
  });

  it('keeps tokens that hold the internal separator char apart (no cache-key ambiguity)', () => {
    // Joined with U+0001 both would read "a\u0001b\u0001c": two tokens either way, split differently.
    const miner = new TemplateMiner({ header: 'none' });
    const x = miner.add('a\u0001b c');
    const y = miner.add('a b\u0001c');
    expect(x.templateId).not.toBe(y.templateId);
    expect(miner.template(x.templateId)).toBe('a\u0001b c');
    expect(miner.template(y.templateId)).toBe('a b\u0001c');
    expect(miner.add('a b\u0001c').templateId).toBe(y.templateId);
  });

  it('counts every overflow line, repeated shapes included', () => {
    const miner = new TemplateMiner({ maxTemplates: 1 });
    miner.add('first event');
    // Three lines beyond the cap, two of them the same shape (the second is a routing-cache hit).
    expect(miner.add('second event').templateId).toBe('T0-2');
    expect(miner.add('second event').templateId).toBe('T0-2');
    expect(miner.add('third thing happened').templateId).toBe('T0-3');
    expect(miner.overflowCount).toBe(3);
    expect(miner.templates().filter((t) => t.overflow).map((t) => t.count)).toEqual([2, 1]);
  });

  it('finds the same header cut whatever the digits and the message (shape-independent scanner state)', () => {
    // Each line is analysed from scratch: a scanner reused across lines must not leak fields.
    const lines = [
      '2024-03-01 22:13:20,069 WARN [worker-2] org.example.Handler: upload done',
      'Jan  1 22:13:20 host2 app[4849]: started',
      '2024-03-01 22:13:21,070 WARN [worker-3] org.example.Handler: x',
      '03-17 16:13:38.811  1702  2395 D WindowManager: visible is true',
      'plain message with no header',
    ];
    expect(lines.map((l) => l.slice(cutHeader(l).start))).toEqual(['upload done', 'started', 'x', 'visible is true', 'plain message with no header']);
  });
});

describe('no dataset-specific code', () => {
  it('names no benchmark system in the miner sources', () => {
    const dir = join(repo, 'analyzers/profile');
    const files = readdirSync(dir).filter((f) => /^(template-|log-template-).*\.ts$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const names = ['Android', 'BGL', 'HDFS', 'HPC', 'Hadoop', 'Linux', 'OpenSSH', 'Windows', 'Apache', 'HealthApp', 'Mac', 'OpenStack', 'Proxifier', 'Spark', 'Thunderbird', 'Zookeeper', 'Loghub'];
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const n of names) expect(new RegExp(`\\b${n}\\b`, 'i').test(src), `${f} mentions ${n}`).toBe(false);
    }
  });
});
