// Levels Python programs write in their own words (python-lines.ts): the `warnings` module's line
// and Twisted's `[namespace#level]`. The lines are what python3.11 and Twisted 22.4 wrote (paths
// shortened); expected records and levels counted off them by hand.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

/** Each record as [first line, severity number, severity text, scope, lines]. */
function read(text: string): [number | undefined, number | undefined, string | undefined, string | undefined, unknown][] {
  const r = decodeText(textLogs, text);
  expect([r.progress.rejected, r.errors]).toEqual([0, []]);
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  return logs(r).map((x) => [x.source.line, x.severityNumber, x.severityText, x.scope?.name, x.attributes['log.record.lines'] ?? 1]);
}

describe("Python's warnings module", () => {
  it('`file:line: CategoryWarning: message` and its source line are one record at WARN, the category its text', () => {
    // python3 -W always warnings_out.py 2> warnings.log (warnings.warn thrice, warn_explicit once)
    const text = [
      "/app/warnings_out.py:4: DeprecationWarning: old() is deprecated, use new()",
      '  old()',
      "/app/warnings_out.py:5: UserWarning: config key 'timeout' ignored",
      '  warnings.warn("config key \'timeout\' ignored")',
      'C:\\app\\x.py:7: ResourceWarning: resource busy',
      '  warnings.warn("resource busy", ResourceWarning)',
      'legacy.py:12: FutureWarning: explicit warning',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([
      [1, 13, 'DeprecationWarning', undefined, 2],
      [3, 13, 'UserWarning', undefined, 2],
      [5, 13, 'ResourceWarning', undefined, 2],
      [7, 13, 'FutureWarning', undefined, 1],
    ]);
  });
  it('a line that only mentions a warning class is not one', () => {
    const text = 'config.py loaded: DeprecationWarning: none\nhost:8080: UserWarning x\n';
    expect(read(text).map((r) => r[1])).toEqual([undefined, undefined]);
  });
});

describe("Twisted's text log", () => {
  it('the level after the namespace (`[myapp.web#warn]`) is the level, the namespace the logger; `[-]` has none', () => {
    // twisted.logger.textFileLogObserver, and twistd's log file
    const text = [
      '2026-11-28T03:01:43+0000 [myapp.web#debug] debug detail 1',
      '2026-11-28T03:01:43+0000 [myapp.web#info] request /api took 12ms',
      '2026-11-28T03:01:43+0000 [myapp.web#warn] slow backend db',
      '2026-11-28T03:01:43+0000 [myapp.web#error] cannot reach cache',
      '2026-11-28T03:01:43+0000 [myapp.web#critical] lookup crashed',
      '\tTraceback (most recent call last):',
      '\tbuiltins.KeyError: \'k\'',
      '\t',
      '2026-11-28T03:01:51+0000 [-] Site starting on 18089',
    ].join('\n') + '\n';
    expect(read(text)).toEqual([
      [1, 5, 'debug', 'myapp.web', 1],
      [2, 9, 'info', 'myapp.web', 1],
      [3, 13, 'warn', 'myapp.web', 1],
      [4, 17, 'error', 'myapp.web', 1],
      [5, 21, 'critical', 'myapp.web', 3], // (the tab-only line after the traceback is not counted)
      [9, undefined, undefined, undefined, 1],
    ]);
  });
});

describe('lines without a header that begin a record among lines that have one', () => {
  const cri = (lines: readonly string[]) => lines.map((l, i) => `2026-11-28T03:00:00.${String(i).padStart(3, '0')}123456Z stderr F ${l}`).join('\n') + '\n';
  it("a Python warning among logging.basicConfig's lines is a record of its own, plain and behind CRI", () => {
    // python3 -W always: logger.info, warnings.warn, logger.info, warnings.warn, logger.error (5 records)
    const lines = [
      '2026-11-28 03:22:12,850 INFO svc: starting',
      '/app/mixed_warn.py:5: DeprecationWarning: pkg_resources is deprecated',
      '  warnings.warn("pkg_resources is deprecated", DeprecationWarning)',
      '2026-11-28 03:22:12,850 INFO svc: loaded',
      '/app/mixed_warn.py:7: UserWarning: verify=False is insecure',
      '  warnings.warn("verify=False is insecure")',
      '2026-11-28 03:22:12,850 ERROR svc: request failed',
    ];
    for (const text of [lines.join('\n') + '\n', cri(lines)]) {
      expect(read(text).map((r) => [r[0], r[1], r[4]])).toEqual([[1, 9, 1], [2, 13, 2], [4, 9, 1], [5, 13, 2], [7, 17, 1]]);
    }
  });
  it("Django runserver's stderr: its lines about error responses are records of their own at WARN and ERROR, the 500's traceback with it", () => {
    // manage.py runserver with DEBUG=True (Django 3.2): django.server's access lines, django.request's messages
    const lines = [
      '[28/Nov/2026 03:01:16] "GET /ok HTTP/1.1" 200 2',
      'Not Found: /missing',
      '[28/Nov/2026 03:01:16] "GET /missing HTTP/1.1" 404 2408',
      'Internal Server Error: /boom',
      'Traceback (most recent call last):',
      '  File "/app/site1/urls.py", line 28, in boom',
      '    raise RuntimeError("django view exploded")',
      'RuntimeError: django view exploded',
      '[28/Nov/2026 03:01:16] "GET /boom HTTP/1.1" 500 56731',
      'Forbidden (CSRF cookie not set.): /ok',
      '[28/Nov/2026 03:01:16] "POST /ok HTTP/1.1" 403 2870',
      'Method Not Allowed (PUT): /ok',
    ];
    for (const text of [lines.join('\n') + '\n', cri(lines)]) {
      expect(read(text).map((r) => [r[0], r[1], r[4]])).toEqual([[1, undefined, 1], [2, 13, 1], [3, undefined, 1], [4, 17, 5], [9, undefined, 1], [10, 13, 1], [11, undefined, 1], [12, 13, 1]]);
    }
  });
  it('a reason phrase not followed by a path alone is no such line', () => {
    const text = '[28/Nov/2026 03:01:16] "GET /ok HTTP/1.1" 200 2\nNot Found: the user asked for /x\nGone: /a b\n';
    expect(read(text).map((r) => [r[0], r[4]])).toEqual([[1, 3]]);
  });
});

describe("logging's default format (`LEVEL:logger:message`) and uvicorn's (`INFO:     message`) are headers", () => {
  it("a message's later lines and an exception's notes are its record's", () => {
    // logging.basicConfig() with no format: logger.exception with an add_note()d exception, a message of three lines (6 records)
    const text = [
      'DEBUG:api.handlers:query plan cached',
      'INFO:api.handlers:GET /items 200 12ms',
      'ERROR:api.handlers:row rejected',
      'Traceback (most recent call last):',
      '  File "/app/variants.py", line 18, in <module>',
      'ValueError: bad',
      'while parsing row 7',
      'ERROR:api.handlers:line one',
      'line two',
      'line three',
      'CRITICAL:root:halting',
      'INFO:     Started server process [11056]',
    ].join('\n') + '\n';
    expect(read(text).map((r) => [r[0], r[1], r[4]])).toEqual([[1, 5, 1], [2, 9, 1], [3, 17, 5], [8, 17, 3], [11, 21, 1], [12, 9, 1]]);
  });
  it("werkzeug's request line under basicConfig takes the prefix's level, and its client is the address after it", () => {
    const r = decodeText(textLogs, 'INFO:werkzeug:127.0.0.1 - - [28/Nov/2026 03:00:41] "GET /ok HTTP/1.1" 200 -\nWARNING:flaskapp:post received\n');
    expect(logs(r).map((x) => [x.severityNumber, x.attributes['client.address'] ?? null, x.attributes['http.response.status_code'] ?? null])).toEqual([[9, '127.0.0.1', 200], [13, null, null]]);
  });
  it('a word and a colon alone is no such header (`INFO:` needs a logger and a colon, or spaces)', () => {
    expect(read('INFO:done\nERROR:x\n').map((r) => r[0])).toEqual([1, 2]);
  });
});

describe("asyncio's report of an exception nobody retrieved", () => {
  // logging's last resort prints asyncio's ERROR bare (nothing configured the root logger), here among uvicorn's lines (3 records)
  const lines = [
    'INFO:     Uvicorn running on http://127.0.0.1:18082 (Press CTRL+C to quit)',
    'Task exception was never retrieved',
    "future: <Task finished name='Task-2' coro=<boom() done, defined at /app/tb_asyncio.py:2> exception=RuntimeError('task died')>",
    'Traceback (most recent call last):',
    '  File "/app/tb_asyncio.py", line 3, in boom',
    "    raise RuntimeError('task died')",
    'RuntimeError: task died',
    'INFO:     Shutting down',
  ];
  const cri = (ls: readonly string[]) => ls.map((l, i) => `2026-11-28T03:00:00.${String(i).padStart(3, '0')}123456Z stderr F ${l}`).join('\n') + '\n';
  it('is one record at ERROR with its context line and traceback: among headers, alone, behind CRI', () => {
    for (const text of [lines.join('\n') + '\n', cri(lines)]) {
      expect(read(text).map((r) => [r[0], r[1], r[4]])).toEqual([[1, 9, 1], [2, 17, 6], [8, 9, 1]]);
    }
    expect(read(lines.slice(1, 7).join('\n') + '\n').map((r) => [r[0], r[1], r[4]])).toEqual([[1, 17, 6]]);
  });
  it('a context-like line after any other record is not one of its lines', () => {
    expect(read('job started\nfuture: <Task pending>\n').map((r) => r[0])).toEqual([1, 2]);
  });
});
