import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, isoNs, logs, readCleanLogs } from '../jsonl-logs/log-test-helpers.js';

// Node.js loggers' text output, as the loggers write it (lines copied from winston 3, tslog 4,
// npmlog 7, consola 3, signale 1.4, log4js 6 and Node 20's own runtime output). Each file is read
// whole and in 1-, 7- and 4096-byte chunks.

const read = (text: string) => readCleanLogs(textLogs, text);

const levels = (text: string) => read(text).map((r) => [r.severityText, r.severityNumber]);
const iso = isoNs;
const ESC = '\u001b';

describe("text-logs: a file's level column holds the level words of its logger", () => {
  it("winston's simple format: npm levels `http` and `silly` at the line's start are levels, as in its JSON", () => {
    const text = [
      'error: request 0 handled {"service":"orders"}',
      'warn: request 1 handled {"service":"orders"}',
      'info: request 2 handled {"service":"orders"}',
      'http: request 3 handled {"service":"orders"}',
      'verbose: request 4 handled {"service":"orders"}',
      'debug: request 5 handled {"service":"orders"}',
      'silly: request 6 handled {"service":"orders"}',
    ].join('\n') + '\n';
    // severity.ts's level-field reading: http INFO 9, silly TRACE 1 (verbose TRACE 1 as before)
    expect(levels(text)).toEqual([['error', 17], ['warn', 13], ['info', 9], ['http', 9], ['verbose', 1], ['debug', 5], ['silly', 1]]);
    expect(read(text).map((r) => r.resource.attributes['service.name'])).toEqual(Array(7).fill('orders'));
  });

  it("winston's cli (padded, coloured), colorize with a time, and printf's `[service] LEVEL:` layouts", () => {
    const cli = [
      `${ESC}[32minfo${ESC}[39m:    order 0 placed`,
      `${ESC}[34mdebug${ESC}[39m:   cache miss for key 1`,
      `${ESC}[33mwarn${ESC}[39m:    cache miss for key 2`,
      // (winston's cli pads `http` with `undefined`: its padding table has no entry for it)
      `${ESC}[32mhttp${ESC}[39m:undefinedcache miss for key 5`,
      `${ESC}[35msilly${ESC}[39m:   order 6 placed`,
    ].join('\n') + '\n';
    expect(levels(cli)).toEqual([['info', 9], ['debug', 5], ['warn', 13], ['http', 9], ['silly', 1]]);
    const colorize = [
      `2026-11-27T12:44:27.368Z ${ESC}[32minfo${ESC}[39m: order 0 placed`,
      `2026-11-27T12:44:27.368Z ${ESC}[34mdebug${ESC}[39m: cache miss for key 1`,
      `2026-11-27T12:44:27.368Z ${ESC}[32mhttp${ESC}[39m: cache miss for key 5`,
      `2026-11-27T12:44:27.368Z ${ESC}[35msilly${ESC}[39m: order 6 placed`,
    ].join('\n') + '\n';
    expect(levels(colorize)).toEqual([['info', 9], ['debug', 5], ['http', 9], ['silly', 1]]);
    const printf = [
      '2026-11-27 12:44:26.546 +0000 [orders] INFO: order 0 placed',
      '2026-11-27 12:44:26.546 +0000 [orders] DEBUG: cache miss for key 1',
      '2026-11-27 12:44:26.546 +0000 [orders] HTTP: cache miss for key 5',
      '2026-11-27 12:44:26.546 +0000 [orders] SILLY: order 6 placed',
    ].join('\n') + '\n';
    expect(levels(printf)).toEqual([['INFO', 9], ['DEBUG', 5], ['HTTP', 9], ['SILLY', 1]]);
  });

  it("tslog's pretty output: SILLY in the level column is a trace; the record's lines stay one record", () => {
    const text = [
      '2026-11-27 12:45:25.408\tINFO\t/app/src/search.ts:12\tsearch\tindexed document 0 {',
      '  docId: 0',
      '}',
      '2026-11-27 12:45:25.414\tSILLY\t/app/src/search.ts:12\tsearch:indexer\tindexed document 5 {',
      '  docId: 5',
      '}',
      '2026-11-27 12:45:25.414\tFATAL\t/app/src/search.ts:12\tsearch\tindexed document 6 {',
      '  docId: 6',
      '}',
    ].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [r.severityText, r.severityNumber, r.attributes['log.record.lines']])).toEqual([['INFO', 9, 3], ['SILLY', 1, 3], ['FATAL', 21, 3]]);
  });

  it("npmlog: `verb`, `sill`, `http`, `timing` and `ERR!` in its level column, with or without npm's heading", () => {
    const bare = ['info install fetched package 0', 'verb install fetched package 1', 'WARN install fetched package 2', 'ERR! install fetched package 3', 'sill install fetched package 4', 'http install fetched package 5', 'notice install fetched package 6'].join('\n') + '\n';
    // VERBOSE and SILLY are traces (1), http an information (9), ERR! an error (17), notice INFO2 (10)
    expect(levels(bare)).toEqual([['info', 9], ['verb', 1], ['WARN', 13], ['ERR!', 17], ['sill', 1], ['http', 9], ['notice', 10]]);
    const npm = [
      'npm verb cli /usr/local/bin/node /usr/local/bin/npm',
      'npm info using npm@10.2.4',
      'npm sill logfile start cleaning logs, removing 1 files',
      'npm timing npm:load Completed in 42ms',
      'npm http fetch GET 404 https://registry.npmjs.org/nope 120ms',
      'npm WARN config production Use `--omit=dev` instead.',
      'npm ERR! code E404',
    ].join('\n') + '\n';
    expect(levels(npm)).toEqual([['verb', 1], ['info', 9], ['sill', 1], ['timing', 9], ['http', 9], ['WARN', 13], ['ERR!', 17]]);
  });

  it("npmlog repeats `<level> <prefix> ` on every line of a message: an error's stack is one record, not one a line", () => {
    // Shaped like npmlog 7's output of `log.error('orders', err)` (captured from npmlog 7.0.1 on Node 20): npmlog
    // prefixes each line of the message, the stack, then util.format's ` ` and the error again.
    const stack = (head: string) => [`${head}Error: connection refused`, `${head}    at Object.<anonymous> (/app/gen.js:2:13)`, `${head}    at Module._compile (node:internal/modules/cjs/loader:1521:14)`, `${head}    at node:internal/main/run_main_module:28:49`];
    const text = [
      'sill orders received 0',
      'verb orders placed 0',
      'info orders placed 0',
      'http GET /orders/0',
      'WARN stock low for item 0',
      ...stack('ERR! orders '),
      ...stack('ERR! orders  ').slice(0, 2),
      'info orders placed 1',
      ...stack('ERR! db '),
      'WARN stock low for item 1',
    ].join('\n') + '\n';
    const recs = read(text);
    // 5 one-line records, the first error (6 lines: its stack, then the second ` Error:` and its frame), the info line,
    // the second error (4 lines, another prefix), the warning: 9 records for 17 lines
    expect(recs.map((r) => [r.severityText, r.source.line])).toEqual([['sill', 1], ['verb', 2], ['info', 3], ['http', 4], ['WARN', 5], ['ERR!', 6], ['info', 12], ['ERR!', 13], ['WARN', 17]]);
    expect(recs[5]!.body).toBe('ERR! orders Error: connection refused\n    at Object.<anonymous> (/app/gen.js:2:13)\n    at Module._compile (node:internal/modules/cjs/loader:1521:14)\n    at node:internal/main/run_main_module:28:49\n Error: connection refused\n     at Object.<anonymous> (/app/gen.js:2:13)');
    expect(recs[7]!.body).toBe(stack('ERR! db ').map((l, i) => (i === 0 ? l : l.slice('ERR! db '.length))).join('\n'));
  });

  it('npmlog without a prefix pads its message (`WARN  a`): lines of one level are still records of their own; so are a prefix\'s lines that begin as messages do', () => {
    // no evidence of a repeated head: the text after `WARN` is indented on every line alike (npmlog's empty prefix)
    const bare = ['WARN  stock low 0', 'WARN  stock low 1', 'WARN      indented 2', 'info  placed 3', 'info      indented 4'].join('\n') + '\n';
    expect(read(bare).map((r) => r.source.line)).toEqual([1, 2, 3, 4, 5]);
    // one message's lines are evidence (`ERR! a Error` then its frame, twice); `ERR! a next` begins as a message does
    const text = ['ERR! a Error: x', 'ERR! a     at f (a.js:1:1)', 'ERR! a next message', 'ERR! a Error: y', 'ERR! a     at g (a.js:2:1)', 'info a done'].join('\n') + '\n';
    expect(read(text).map((r) => r.source.line)).toEqual([1, 3, 4, 6]);
  });

  it("consola's fancy reporter: a warning's or an error's badge (` WARN `, ` ERROR `) after an empty line begins a record at its level", () => {
    // Shaped like consola 3.4's FancyReporter output without a terminal (captured with `fancy: true`, stdout to a file):
    // `⚙`/`ℹ`/`✔` icons before debug, info and success messages; a badge, with an empty line above and below, at warn and above.
    const text = [
      '⚙ order 0 received', 'ℹ order 0 placed', '', ' WARN  stock low for item 0', '',
      '⚙ order 1 received', '', ' ERROR  connection refused', '', '    at Object.<anonymous> (/app/gen.js:2:13)', '    at node:internal/main/run_main_module:28:49', '',
      '✔ done', '◐ starting',
    ].join('\n') + '\n';
    const recs = read(text);
    // 6 lines with a message of their own, the ERROR's stack its own: 7 records
    expect(recs.map((r) => [r.source.line, r.severityText ?? null])).toEqual([[1, null], [2, null], [4, 'WARN'], [6, null], [8, 'ERROR'], [13, null], [14, null]]);
    expect(recs[4]!.body).toBe(' ERROR  connection refused\n\n    at Object.<anonymous> (/app/gen.js:2:13)\n    at node:internal/main/run_main_module:28:49');
    // a badge right under a line (no empty line above) stays part of the record above, as an indented line does
    const under = read('ℹ start\n WARN  x\nℹ next\n\n WARN  y\n');
    expect(under.map((r) => [r.source.line, r.severityText ?? null])).toEqual([[1, null], [3, null], [5, 'WARN']]);
  });

  it("consola's basic reporter: its types in the first bracket (success, start, ready, box, log at info; fail an error)", () => {
    const text = ['[info] [api] handled call 0', '[success] [api] handled call 1', '[warn] [api] handled call 2', '[start] [api] handled call 5', '[ready] [api] handled call 16', '[box] [api] handled call 17', '[log] [api] handled call 8', '[fail] [api] handled call 9', '[error] [api] upstream 502 6', '  at /app/src/api.mjs:23:155'].join('\n') + '\n';
    // SUCCESS is INFO3 (11) as a level word already; the frame joins the error's record
    expect(levels(text)).toEqual([['info', 9], ['success', 11], ['warn', 13], ['start', 9], ['ready', 9], ['box', 9], ['log', 9], ['fail', 17], ['error', 17]]);
  });

  it("signale: the label after its `›` and badge is the level, the bracketed date and time the record's time", () => {
    const text = [
      '[11/27/2026] [12:45:25 PM] [deploy] › ℹ  info      step 0 of rollout',
      '[11/27/2026] [12:45:25 PM] [deploy] › ✔  success   step 1 of rollout',
      '[11/27/2026] [12:45:26 PM] [deploy] › ⚠  warning   step 2 of rollout',
      '[11/27/2026] [12:45:26 PM] [deploy] › ✖  error     step 3 of rollout',
      '[11/27/2026] [12:45:27 PM] [deploy] › ⬤  debug     step 4 of rollout',
      '[11/27/2026] [12:45:27 PM] [deploy] › ▶  start     step 5 of rollout',
      '[11/27/2026] [01:05:00 PM] [deploy] › ☒  complete  step 6 of rollout',
      '[11/27/2026] [01:05:01 PM] [deploy] › ☐  pending   step 7 of rollout',
    ].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [r.severityText, r.severityNumber])).toEqual([['info', 9], ['success', 11], ['warning', 13], ['error', 17], ['debug', 5], ['start', 9], ['complete', 9], ['pending', 9]]);
    // toLocaleDateString/TimeString of en-US: month first, a 12-hour clock; local time, no zone
    expect(recs.map((r) => iso(r.timeNs))).toEqual([
      '2026-11-27T12:45:25.000000000Z', '2026-11-27T12:45:25.000000000Z', '2026-11-27T12:45:26.000000000Z', '2026-11-27T12:45:26.000000000Z',
      '2026-11-27T12:45:27.000000000Z', '2026-11-27T12:45:27.000000000Z', '2026-11-27T13:05:00.000000000Z', '2026-11-27T13:05:01.000000000Z',
    ]);
    expect(recs.every((r) => r.timeWithoutZone === true)).toBe(true);
    // an en-GB locale: day first (27 cannot be a month), a 24-hour clock
    const gb = read('[27/11/2026] [13:45:25] › ℹ  info      a\n[05/11/2026] [13:45:26] › ⚠  warning   b\n');
    expect(gb.map((r) => [iso(r.timeNs), r.severityText])).toEqual([['2026-11-27T13:45:25.000000000Z', 'info'], ['2026-11-05T13:45:26.000000000Z', 'warning']]);
  });

  it('a column word is a level only in the column, in lower case or capitals, in a file whose column shows two levels or more', () => {
    // Go's net/http server errors through the standard logger: `http:` begins the message; no level column
    const go = ['2024/01/15 10:00:00 http: TLS handshake error from 10.0.0.1:51234: EOF', '2024/01/15 10:00:01 listening on :8443', '2024/01/15 10:00:02 http: superfluous response.WriteHeader call'].join('\n') + '\n';
    expect(levels(go)).toEqual([[undefined, undefined], [undefined, undefined], [undefined, undefined]]);
    // elsewhere than the column, and capitalised (a sentence's first word), a column word is text
    const winston = ['info: server started', 'warn: slow start', 'error: request failed', 'info: http request done', 'Start: the job'].join('\n') + '\n';
    expect(levels(winston)).toEqual([['info', 9], ['warn', 13], ['error', 17], ['info', 9], [undefined, undefined]]);
    // one level word in the column (all `info`) does not make it a level column: `http` stays text
    expect(levels('info: a\ninfo: b\nhttp: c\ninfo: d\n')).toEqual([['info', 9], ['info', 9], [undefined, undefined], ['info', 9]]);
  });
});

describe("text-logs: Node's process warnings and uncaught exception report among a logger's lines", () => {
  const LOG4JS = [
    '2026-11-27T12:46:28.557Z INFO worker job 10 done in 20ms',
    '(node:12963) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
    '(Use `node --trace-deprecation ...` to show where the warning was created)',
    '2026-11-27T12:46:28.558Z INFO worker job 11 done in 22ms',
    '(node:12963) ResourceWarning: pool exhausted, queuing',
    '2026-11-27T12:46:28.658Z INFO worker job 30 done in 60ms',
    '/app/worker.js:9',
    "  if (i === 30) Promise.reject(new Error('unhandled rejection test'));",
    '                               ^',
    '',
    'Error: unhandled rejection test',
    '    at Timeout._onTimeout (/app/worker.js:9:32)',
    '    at listOnTimeout (node:internal/timers:581:17)',
    '    at process.processTimers (node:internal/timers:519:7)',
    '',
    'Node.js v20.20.2',
  ].join('\n') + '\n';

  it('after a header: each warning and the crash are records of their own, at WARN and ERROR', () => {
    const recs = read(LOG4JS);
    expect(recs.map((r) => [r.source.line, r.severityText, r.severityNumber, r.attributes['log.record.lines']])).toEqual([
      [1, 'INFO', 9, undefined],
      [2, 'DeprecationWarning', 13, 2],
      [4, 'INFO', 9, undefined],
      [5, 'ResourceWarning', 13, undefined],
      [6, 'INFO', 9, undefined],
      [7, 'error', 17, 10],
    ]);
    expect(recs[5]!.body).toBe(LOG4JS.split('\n').slice(6, 16).join('\n'));
  });

  it('a warning after a time (a process manager stamps every line) is at WARN too; a line that only mentions one is not', () => {
    const text = [
      '2026-11-27T12:46:28.557Z (node:7) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 exit listeners added to [process].',
      '2026-11-27T12:46:28.558Z (node:7) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.',
      '2026-11-27T12:46:28.559Z saw (node:7) Warning: in a message',
      '2026-11-27T12:46:28.560Z (node:7) is what Node prints',
    ].join('\n') + '\n';
    expect(levels(text)).toEqual([['MaxListenersExceededWarning', 13], ['DeprecationWarning', 13], [undefined, undefined], [undefined, undefined]]);
  });

  it('among lines without a header (console.log): the whole report is one record, and what follows its footer is not', () => {
    const text = [
      'server listening on :3000',
      '/app/server.js:42',
      '    throw err;',
      '    ^',
      '',
      "TypeError: Cannot read properties of undefined (reading 'id')",
      '    at handler (/app/server.js:42:11)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {',
      "  code: 'E_BAD'",
      '}',
      '',
      'Node.js v20.11.0',
      'server listening on :3000',
    ].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [r.source.line, r.severityText, r.severityNumber])).toEqual([[1, undefined, undefined], [2, 'error', 17], [13, undefined, undefined]]);
    // (its empty lines are its own, as printed: as with headers and behind CRI)
    expect(recs[1]!.body).toBe(text.split('\n').slice(1, 12).join('\n'));
    // an unindented source line, a throw in an ES module, and a Node before 18 (no footer): the next line of the program is its own record
    const esm = ['file:///app/main.mjs:3', "throw new Error('boom');", '^', '', 'Error: boom', '    at file:///app/main.mjs:3:7', 'restarting'].join('\n') + '\n';
    expect(read(esm).map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, 17, 6], [7, undefined, undefined]]);
  });

  it("MODULE_NOT_FOUND (`Require stack:`, its `- path` lines) and a message of many lines: the report is one record, up to its footer", () => {
    // node 20.20.2, `require('./lib/missing-config')` in /app/main.js, after a console.log
    const missing = [
      'starting',
      'node:internal/modules/cjs/loader:1210',
      '  throw err;',
      '  ^',
      '',
      "Error: Cannot find module './lib/missing-config'",
      'Require stack:',
      '- /app/main.js',
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)',
      '    at Object.<anonymous> (/app/main.js:2:1)',
      '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12) {',
      "  code: 'MODULE_NOT_FOUND',",
      "  requireStack: [ '/app/main.js' ]",
      '}',
      '',
      'Node.js v20.20.2',
      'restarted',
    ].join('\n') + '\n';
    const recs = read(missing);
    expect(recs.map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, undefined, undefined], [2, 17, 15], [17, undefined, undefined]]);
    expect(recs[1]!.body).toBe(missing.split('\n').slice(1, 16).join('\n'));
    // `throw new Error('first line\nsecond line of message')`
    const multi = ['/app/main.js:2', "throw new Error('first line\\nsecond line of message');", '^', '', 'Error: first line', 'second line of message', '    at Object.<anonymous> (/app/main.js:2:7)', '', 'Node.js v20.20.2'].join('\n') + '\n';
    expect(read(multi).map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, 17, 9]]);
    // after its stack, a line that is not the report's is the program's (Node before 18: no footer)
    const old = ['/app/main.js:2', 'x();', '^', '', 'Error: first line', 'second line', '    at Object.<anonymous> (/app/main.js:2:7)', 'restarted', '{"level":30,"msg":"up"}'].join('\n') + '\n';
    expect(read(old).map((r) => [r.source.line, r.attributes['log.record.lines']])).toEqual([[1, 7], [8, undefined], [9, undefined]]);
    expectChunkingInvariant(textLogs, new TextEncoder().encode(missing));
  });

  it('a crash in code run by `node -e`, `node -p`, from stdin: its head is `[eval]:1`, `[stdin]:1`; one record at ERROR', () => {
    // node 20.20.2: `node -e 'setTimeout(()=>{ const o={}; o.missing.call(); },10)'`
    const evalCrash = [
      '[eval]:1',
      'setTimeout(()=>{ const o={}; o.missing.call(); },10)',
      '                                       ^',
      '',
      "TypeError: Cannot read properties of undefined (reading 'call')",
      '    at Timeout._onTimeout ([eval]:1:40)',
      '    at listOnTimeout (node:internal/timers:581:17)',
      '',
      'Node.js v20.20.2',
    ].join('\n') + '\n';
    expect(read(evalCrash).map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, 17, 9]]);
    // `echo 'null.x' | node`, after a logger's lines
    const stdin = ['2026-11-27T15:38:41.100Z INFO server: booting', '[stdin]:1', 'null.x', '     ^', '', "TypeError: Cannot read properties of null (reading 'x')", '    at [stdin]:1:6', '    at [stdin]-wrapper:6:24', '', 'Node.js v20.20.2'].join('\n') + '\n';
    expect(read(stdin).map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, 9, undefined], [2, 17, 9]]);
    // (a line `[eval]:1` without the caret after it stays a line of the record above)
    expect(read('2026-11-27T15:38:41.100Z INFO compiled\n[eval]:1\nok\n').map((r) => r.attributes['log.record.lines'])).toEqual([3]);
  });

  it("a Java or Python trace in a record stays that record's, and so does a `file.js:line` line without the caret of a crash after it", () => {
    const text = [
      '2024-01-15 10:00:00,000 ERROR [main] c.e.App - failed',
      'java.lang.IllegalStateException: boom',
      '\tat com.example.App.main(App.java:10)',
      '2024-01-15 10:00:01,000 ERROR root: failed',
      'Traceback (most recent call last):',
      '  File "/app/x.py", line 3, in <module>',
      'KeyError: 1',
      '2024-01-15 10:00:02,000 INFO build done',
      '/app/dist/bundle.js:1',
      'size 120 kB',
    ].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, 17, 3], [4, 17, 4], [8, 9, 3]]);
    expect(recs[2]!.body).toBe('2024-01-15 10:00:02,000 INFO build done\n/app/dist/bundle.js:1\nsize 120 kB');
  });

  it('a `file.js:line` line is told from the lines after it: a crash when its caret follows, else a line of the record above, wherever the input is cut', () => {
    const text = [
      '2024-01-15 10:00:00,000 ERROR failed to load plugin',
      '/app/plugins/a.js:3',
      'see the file above',
      '2024-01-15 10:00:01,000 INFO retrying',
      '/app/server.js:42',
      '    throw err;',
      '    ^',
      '',
      'Error: boom',
      '    at handler (/app/server.js:42:11)',
      '',
      'Node.js v20.11.0',
      '2024-01-15 10:00:02,000 INFO restarted',
      '/app/last.js:7',
    ].join('\n') + '\n';
    const recs = read(text);
    expect(recs.map((r) => [r.source.line, r.severityNumber, r.attributes['log.record.lines']])).toEqual([[1, 17, 3], [4, 9, undefined], [5, 17, 8], [13, 9, 2]]);
    expect(recs[0]!.body).toBe('2024-01-15 10:00:00,000 ERROR failed to load plugin\n/app/plugins/a.js:3\nsee the file above');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  });
});

describe("text-logs: log4js's %d{DATETIME} (`dd MM yyyy hh:mm:ss.SSS`)", () => {
  it('is day first, as log4js writes it; local time', () => {
    const recs = read('27 11 2026 04:49:15.834 INFO tz tick 0\n05 11 2026 04:49:16.001 INFO tz tick 1\n');
    expect(recs.map((r) => [iso(r.timeNs), r.timeWithoutZone, r.severityText])).toEqual([
      ['2026-11-27T04:49:15.834000000Z', true, 'INFO'],
      ['2026-11-05T04:49:16.001000000Z', true, 'INFO'],
    ]);
    // its basic layout with the same date format
    expect(read('[05 11 2026 04:49:15.834] [WARN] cheese - Cheese is too ripe!\n').map((r) => [iso(r.timeNs), r.severityText])).toEqual([['2026-11-05T04:49:15.834000000Z', 'WARN']]);
  });

  it('month first where a date of the file cannot be day first (`11 27 2026`)', () => {
    const recs = read('11 27 2026 04:49:15.834 INFO a\n11 05 2026 04:49:16.001 INFO b\n');
    expect(recs.map((r) => iso(r.timeNs))).toEqual(['2026-11-27T04:49:15.834000000Z', '2026-11-05T04:49:16.001000000Z']);
  });
});
