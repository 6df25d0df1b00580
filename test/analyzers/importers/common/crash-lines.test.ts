// The patterns the text, JSON Lines (docker json-file) and logfmt importers share for the lines a
// runtime prints around a log stream: one definition each (crash-lines.ts), read the same way by
// every importer.
import { describe, expect, it } from 'vitest';
import { CRASH_CONTINUATION, EXCEPTION_LINE, PY_NAMED_EXCEPTION, TEXT_CONTINUATION } from '../../../../analyzers/importers/common/crash-lines.js';

describe('crash-lines: CRASH_CONTINUATION and TEXT_CONTINUATION', () => {
  const both = ['\tat com.x.A.b(A.java:1)', '  File "a.py", line 1, in f', 'Caused by: java.io.IOException: x', 'Traceback (most recent call last):', '... 12 more', '... 3 common frames omitted', 'goroutine 1 [running]:'];
  it('the lines of a crash continue a record in any log', () => {
    for (const l of both) {
      expect(CRASH_CONTINUATION.test(l), l).toBe(true);
      expect(TEXT_CONTINUATION.test(l), l).toBe(true);
    }
  });

  it("a text log's also takes a structure's closing brackets (a line beginning with `}`, a line that is `]`), no other line", () => {
    for (const l of ['}', '},', '} // end', ']']) {
      expect(TEXT_CONTINUATION.test(l), l).toBe(true);
      expect(CRASH_CONTINUATION.test(l), l).toBe(false);
    }
    for (const l of ['], more', 'x }', 'Error: x', 'goroutine 1 running', '..  12 more', 'caused by: x', '']) {
      expect(TEXT_CONTINUATION.test(l), l).toBe(false);
      expect(CRASH_CONTINUATION.test(l), l).toBe(false);
    }
  });
});

describe('crash-lines: PY_NAMED_EXCEPTION', () => {
  it("a Python exception's line: a class named as an exception (dotted too), alone, with `:` or with `: message`", () => {
    for (const l of ["KeyError: 'a'", 'requests.exceptions.HTTPError: 404', 'StopIteration', 'StopAsyncIteration', 'KeyboardInterrupt', 'SystemExit: 2', 'UserWarning:', 'BrokenPipeError: [Errno 32] Broken pipe']) {
      expect(PY_NAMED_EXCEPTION.test(l), l).toBe(true);
    }
  });

  it('not a sentence, a class not named as an exception, a message without the space, or trailing blanks', () => {
    for (const l of ['Error occurred while saving', 'Boom: x', 'KeyError:x', 'KeyError ', 'ValueError x', '2026-11-27 ERROR: x', '.KeyError: a', '']) {
      expect(PY_NAMED_EXCEPTION.test(l), l).toBe(false);
    }
  });
});

describe('crash-lines: EXCEPTION_LINE, the one table of exception lines', () => {
  it('each reading takes the lines it names, no other', () => {
    const cases: [keyof typeof EXCEPTION_LINE, string[], string[]][] = [
      ['overStack', ['TypeError: x', 'Error [ERR_MODULE_NOT_FOUND]: Cannot find module', 'uncaughtException: Error: boom', 'Uncaught RangeError: bad', 'System.InvalidOperationException: x', 'java.io.IOException: disk'], ['Error rate 5', 'TypeError', 'my error: x']],
      ['javaLogged', ['java.lang.IllegalStateException: boom', 'com.x.AppError', 'com.x.Outer$InnerException: y', 'java.lang.Exception: declined', 'java.lang.Error: out', 'java.lang.Throwable'], ['IllegalStateException: boom', 'Com.X.AppError', 'java.lang.Exceptional: x', 'java.lang.Exception:x']],
      ['javaCrash', ['Exception in thread "main" java.lang.IllegalStateException: boom', 'Com.X.AppError:', 'java.lang.Exception  '], ['java.lang.Exceptions', 'IllegalStateException']],
      ['pythonNamed', ["KeyError: 'a'", 'StopIteration', 'requests.exceptions.HTTPError: 404'], ['ValueErrors happen here', 'WARNING: x y']],
      ['pythonAny', ["KeyError: 'a'", 'psycopg2.errors.UndefinedTable: relation', 'Boom'], ['two words', ' KeyError: x']],
      ['jvmUncaught', ['Exception in thread "main" java.lang.IllegalStateException: boom', 'Exception in thread "pool-1" MyEx'], ['Exception in thread main java.lang.X: y']],
      ['dotnetUnhandled', ['Unhandled exception. System.InvalidOperationException: x', 'Unhandled Exception: System.Exception: old', 'Unhandled exception. System.Collections.Generic.List`1+Enumerator: x'], ['Unhandled exception in worker', 'unhandled exception. System.X: y']],
      ['dotnetInner', [' ---> System.Exception: boom', '---> System.IO.IOException'], ['  ---> System.Exception: boom', ' --> System.Exception: boom']],
    ];
    for (const [key, yes, no] of cases) {
      for (const l of yes) expect(EXCEPTION_LINE[key].test(l), `${key}: ${l}`).toBe(true);
      for (const l of no) expect(EXCEPTION_LINE[key].test(l), `${key}: ${l}`).toBe(false);
    }
    // (one table: the name crash-lines' readers import is its entry)
    expect(PY_NAMED_EXCEPTION).toBe(EXCEPTION_LINE.pythonNamed);
  });
});
