// The patterns the text, JSON Lines (docker json-file) and logfmt importers share for the lines a
// runtime prints around a log stream: one definition each (crash-lines.ts), read the same way by
// every importer.
import { describe, expect, it } from 'vitest';
import { CRASH_CONTINUATION, PY_NAMED_EXCEPTION, TEXT_CONTINUATION } from '../../../../analyzers/importers/common/crash-lines.js';

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
