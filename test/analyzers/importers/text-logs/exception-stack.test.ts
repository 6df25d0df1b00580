import { describe, expect, it } from 'vitest';
import { isExceptionWithStack } from '../../../../analyzers/importers/text-logs/exception-stack.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { readCleanLogs } from '../jsonl-logs/log-test-helpers.js';

describe('isExceptionWithStack', () => {
  it("an exception's class and message over a stack frame: JavaScript's classes, Node's codes, a handler's word, Java's and .NET's", () => {
    const yes = [
      ['TypeError: Cannot read properties of undefined (reading \'port\')', '    at Timeout._onTimeout (/app/app.js:3:71)'],
      ['uncaughtException: RangeError: index out of range', '    at Timeout._onTimeout ([eval]:1:181)'],
      ['Uncaught ReferenceError: x is not defined', '    at REPL1:1:1'],
      ['Error [ERR_MODULE_NOT_FOUND]: Cannot find package \'x\'', '    at new NodeError (node:internal/errors:405:5)'],
      ['AggregateError: All promises were rejected', '    at async Promise.any (index 0)'],
      ['java.lang.IllegalStateException: boom', '\tat com.acme.Orders.place(Orders.java:42)'],
      ['System.InvalidOperationException: Sequence contains no elements', '   at System.Linq.ThrowHelper.ThrowNoElementsException()'],
    ];
    for (const lines of yes) expect(isExceptionWithStack(lines), lines[0]).toBe(true);
  });

  it('not one: prose that begins with such a word, an exception line with no frame under it, a frame first', () => {
    const no = [
      ['Error rate: 5', '    at 12:00 it was 3'],
      ['TimeoutException: retrying'],
      ['TypeError: bad', 'next line'],
      ['the TypeError: was logged', '    at f (/a.js:1:1)'],
      ['Request failed: TypeError: bad input', '    at f (/a.js:1:1)'],
      ['    at f (/a.js:1:1)', '    at g (/a.js:2:1)'],
      ['ErrorCount: 3', '    at f (/a.js:1:1)'],
    ];
    for (const lines of no) expect(isExceptionWithStack(lines), lines.join(' | ')).toBe(false);
  });
});

describe('text-logs: an exception with its stack and no level is an error', () => {
  it('every class, not only `Error` (which is read as a level word): 5 of 5 at ERROR; a line that only names one stays without a level', () => {
    const text = [
      'uncaughtException: TypeError: cannot read x',
      '    at f (/app/a.js:1:1)',
      'uncaughtException: Error: plain',
      '    at f (/app/a.js:1:1)',
      'TypeError: bare type error',
      '    at f (/app/a.js:1:1)',
      'RangeError: bare range error',
      '    at f (/app/a.js:1:1)',
      'Error: bare error',
      '    at f (/app/a.js:1:1)',
      'SyntaxError: mentioned in passing',
    ].join('\n') + '\n';
    const recs = readCleanLogs(textLogs, text);
    expect(recs.map((r) => r.severityNumber)).toEqual([17, 17, 17, 17, 17, undefined]);
    expect(recs.map((r) => r.severityText)).toEqual(['error', 'Error', 'error', 'error', 'Error', undefined]);
  });

  it('a level the record has is kept (a logger at WARN printing an exception it recovered from)', () => {
    const text = '2026-11-28 00:10:01,100 WARN  [main] c.e.Retry: attempt failed\njava.io.IOException: reset\n\tat c.e.Retry.run(Retry.java:9)\n';
    expect(readCleanLogs(textLogs, text).map((r) => [r.severityText, r.severityNumber])).toEqual([['WARN', 13]]);
  });
});
