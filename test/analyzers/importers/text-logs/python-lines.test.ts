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
