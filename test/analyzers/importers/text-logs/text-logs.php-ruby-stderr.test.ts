// What PHP 8.2 and Ruby 3.1 write to stderr, without a time, as the probe of stop 29 captured it
// (Debian's php8.2-cli with log_errors to stderr or display_errors, ruby 3.1.2): lines copied from
// the real output, paths shortened. Expected records are counted off the lines by hand (one per
// error or warning PHP reported, one per uncaught exception's report).
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';

/** Each record as [first line, severity number, severity text, lines] (a docker entry's record: the lines of its body). */
function read(text: string, spec: FormatSpec = textLogs): [number | undefined, number | undefined, string | undefined, unknown][] {
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  return logs(r).map((x) => [x.source.line, x.severityNumber, x.severityText, spec === textLogs ? (x.attributes['log.record.lines'] ?? 1) : String(x.body).split('\n').length]);
}

// php -d log_errors=1 -d display_errors=0 errs.php 2> err.txt
const PHP_LOGGED = [
  'custom error_log message',
  'PHP Warning:  Undefined variable $undefined_var in /app/errs.php on line 4',
  'PHP Deprecated:  user deprecated thing in /app/errs.php on line 6',
  'PHP Notice:  user notice in /app/errs.php on line 7',
  'PHP Fatal error:  Uncaught ArgumentCountError: strlen() expects exactly 1 argument, 0 given in /app/errs.php:9',
  'Stack trace:',
  '#0 /app/errs.php(9): strlen()',
  '#1 {main}',
  '  thrown in /app/errs.php on line 9',
  '',
].join('\n');

// php -d display_errors=stderr -d log_errors=0 errs.php 2> err.txt
const PHP_DISPLAYED = [
  'Warning: Undefined array key "nokey" in /app/errs.php on line 5',
  'Deprecated: user deprecated thing in /app/errs.php on line 6',
  'Fatal error: Uncaught Exception: x in Command line code:1',
  'Stack trace:',
  '#0 {main}',
  '  thrown in Command line code on line 1',
  '',
].join('\n');

describe("text-logs: PHP's errors on stderr, no time", () => {
  it('each `PHP <type>:` line its level, the uncaught exception one FATAL record of 5 lines (was no levels, and 4 records for the report)', () => {
    expect(read(PHP_LOGGED)).toEqual([
      [1, undefined, undefined, 1],
      [2, 13, 'Warning', 1],
      [3, 13, 'Deprecated', 1],
      [4, 10, 'Notice', 1],
      [5, 21, 'Fatal error', 5],
    ]);
  });

  it('as displayed (no `PHP ` prefix): a deprecation is a warning (was no level), the report one record (was 3)', () => {
    expect(read(PHP_DISPLAYED)).toEqual([
      [1, 13, 'Warning', 1],
      [2, 13, 'Deprecated', 1],
      [3, 21, 'Fatal', 4],
    ]);
  });

  it("a previous exception's `Next …` and its trace stay in the report", () => {
    const text = [
      'PHP Fatal error:  Uncaught InvalidArgumentException: inner in /app/a.php:3',
      'Stack trace:',
      '#0 {main}',
      '',
      'Next RuntimeException: outer in /app/a.php:5',
      'Stack trace:',
      '#0 {main}',
      '  thrown in /app/a.php on line 5',
      'after the report',
      '',
    ].join('\n');
    expect(read(text)).toEqual([
      [1, 21, 'Fatal error', 8],
      [9, undefined, undefined, 1],
    ]);
  });

  it('a line that merely mentions PHP or `on line` keeps no level', () => {
    expect(read('Running PHP Warning: tests\nChecked file x on line 4\n')).toEqual([
      [1, undefined, undefined, 1],
      [2, undefined, undefined, 1],
    ]);
  });

  it('behind docker json-file, one entry a line: the report one record (was 4)', () => {
    const docker = PHP_LOGGED.split('\n').slice(0, -1)
      .map((l, i) => JSON.stringify({ log: l + '\n', stream: 'stderr', time: `2026-11-28T09:00:00.${String(i).padStart(3, '0')}000000Z` }))
      .join('\n') + '\n';
    expect(read(docker, jsonlLogs)).toEqual([
      [1, undefined, undefined, 1],
      [2, 13, 'Warning', 1],
      [3, 13, 'Deprecated', 1],
      [4, 10, 'Notice', 1],
      [5, 21, 'Fatal error', 5],
    ]);
  });
});

describe("text-logs: Ruby 3.1's uncaught error with error_highlight and did_you_mean lines", () => {
  it('the source line and carets under the head, and `Did you mean?`, are the report (was 2 and 3 records)', () => {
    const highlight = [
      "-e:1:in `f': undefined method `upcase' for nil:NilClass (NoMethodError)",
      '',
      'def f(n)= n==0 ? nil.upcase : f(n-1); f(3)',
      '                    ^^^^^^^',
      "\tfrom -e:1:in `f'",
      "\tfrom -e:1:in `<main>'",
      '',
    ].join('\n');
    expect(read(highlight)).toEqual([[1, 17, 'error', 6]]);
    const didYouMean = [
      "-e:1:in `<main>': undefined local variable or method `foo' for main:Object (NameError)",
      '',
      'def fooo = 1; foo',
      '              ^^^',
      'Did you mean?  fooo',
      '',
    ].join('\n');
    expect(read(didYouMean)).toEqual([[1, 17, 'error', 5]]);
  });

  it('a line after a report without frames, with no empty line between, is no part of it; nor one after its frames', () => {
    expect(read("-e:1:in `<main>': top (RuntimeError)\nnext run starts\n")).toEqual([
      [1, 17, 'error', 1],
      [2, undefined, undefined, 1],
    ]);
    expect(read("-e:1:in `f': boom (NoMethodError)\n\tfrom -e:1:in `<main>'\n\nnext run starts\n")).toEqual([
      [1, 17, 'error', 2],
      [4, undefined, undefined, 1],
    ]);
  });
});

describe("text-logs: Ruby's warnings on stderr (`file:line: warning: …`)", () => {
  it('WARN (was no level); a line that only quotes the words later keeps none', () => {
    expect(read("-e:1: warning: `$;' is deprecated\n/app/lib/x.rb:12: warning: method redefined; discarding old call\nsrc/a.c:3:5: warning: unused variable 'x'\nnote: see app.rb:3: warning: x\n")).toEqual([
      [1, 13, 'warning', 1],
      [2, 13, 'warning', 1],
      [3, 13, 'warning', 1],
      [4, undefined, undefined, 1],
    ]);
  });
});

describe("text-logs: php-fpm's log of its workers' stderr (catch_workers_output), php-fpm 8.2", () => {
  it("decorated: the worker's PHP error type is the level (was fpm's WARNING for every line, a fatal error too)", () => {
    const text = [
      '[28-Nov-2026 09:05:05] NOTICE: fpm is running, pid 14477',
      '[28-Nov-2026 09:05:07] WARNING: [pool www] child 14479 said into stderr: "NOTICE: PHP message: PHP Warning:  Undefined variable $undefined in /app/app.php on line 3"',
      '[28-Nov-2026 09:05:07] WARNING: [pool www] child 14479 said into stderr: "NOTICE: PHP message: app error_log line"',
      '[28-Nov-2026 09:05:08] WARNING: [pool www] child 14479 said into stderr: "NOTICE: PHP message: PHP Fatal error:  Uncaught RuntimeException: fpm uncaught in /app/app.php:5"',
      '',
    ].join('\n');
    expect(read(text)).toEqual([
      [1, 10, 'NOTICE', 1],
      [2, 13, 'Warning', 1],
      [3, 13, 'WARNING', 1],
      [4, 21, 'Fatal error', 1],
    ]);
  });

  it('undecorated (the official Docker image): each `NOTICE: PHP message:` line a record, the uncaught report one (was all 7 lines in the NOTICE record above)', () => {
    const text = [
      '[28-Nov-2026 09:05:35] NOTICE: ready to handle connections',
      'NOTICE: PHP message: PHP Warning:  Undefined variable $undefined in /app/app.php on line 3',
      'NOTICE: PHP message: app error_log line',
      'NOTICE: PHP message: PHP Fatal error:  Uncaught RuntimeException: fpm uncaught in /app/app.php:5',
      'Stack trace:',
      '#0 {main}',
      '  thrown in /app/app.php on line 5',
      '',
    ].join('\n');
    expect(read(text)).toEqual([
      [1, 10, 'NOTICE', 1],
      [2, 13, 'Warning', 1],
      [3, 10, 'NOTICE', 1],
      [4, 21, 'Fatal error', 4],
    ]);
    // the workers' lines alone (no line of fpm's own with a time)
    expect(read(text.split('\n').slice(1).join('\n'))).toEqual([
      [1, 13, 'Warning', 1],
      [2, 10, 'NOTICE', 1],
      [3, 21, 'Fatal error', 4],
    ]);
  });
});
