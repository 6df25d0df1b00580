// Where a JSON Lines logs file with long stretches of plain text may be cut between pieces: before
// a line that starts a record of free text, never inside a crash (frames, Caused by, a Go dump).
import { describe, expect, it } from 'vitest';
import { lastLfBeforeTextRecord } from '../../../analyzers/node/split-point.js';

describe('lastLfBeforeTextRecord', () => {
  it('cuts between two text lines, not before a frame, Caused by or a Go dump line', () => {
    const text = ['2024-01-01 INFO a', '2024-01-01 INFO b', 'java.lang.IllegalStateException: x', '\tat a.B.c(B.java:1)', 'Caused by: y', 'goroutine 1 [running]:', 'main.main()', ''].join('\n');
    const b = Buffer.from(text, 'latin1');
    const lf = lastLfBeforeTextRecord(b, b.lastIndexOf(10));
    // the last cut that splits no record: before the exception line (its own record)
    expect(lf).toBe(text.indexOf('\njava.lang'));
    expect(lastLfBeforeTextRecord(Buffer.from('\tat x\n\tat y\n'), 10)).toBeUndefined();
  });
});
