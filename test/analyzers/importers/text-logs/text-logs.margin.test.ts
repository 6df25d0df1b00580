import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// tracing-subscriber's Pretty format (tracing-subscriber fmt::format::Pretty, as in its
// `fmt-pretty` example): every event line is indented by two spaces, its `at file:line` and
// `in span` lines by four, a blank line after each event.
const RUST_PRETTY = [
  '  2022-02-15T18:44:24.535324Z  INFO fmt_pretty: preparing to shave yaks, number_of_yaks: 3',
  '    at examples/examples/fmt-pretty.rs:16 on main',
  '',
  '  2022-02-15T18:44:24.535442Z TRACE fmt_pretty::yak_shave: hello! I\'m gonna shave a yak, excitement: "yay!"',
  '    at examples/examples/fmt/yak_shave.rs:16 on main',
  '    in fmt_pretty::yak_shave::shave with yak: 1',
  '',
  '  2022-02-15T18:44:24.535590Z  WARN fmt_pretty::yak_shave: could not locate yak',
  '    at examples/examples/fmt/yak_shave.rs:18 on main',
  '',
].join('\n');

describe('text-logs: a margin every line of the file is indented by', () => {
  it('tracing-subscriber Pretty: each two-space-indented timestamped line starts a record; its deeper lines join it', () => {
    // by hand: three lines carry a time after the two-space margin (lines 1, 4, 8); the
    // four-space lines are under them; trailing blank lines are dropped from each record
    const recs = logs(decodeText(textLogs, RUST_PRETTY));
    expect(recs.map((r) => r.source.line)).toEqual([1, 4, 8]);
    expect(recs.map((r) => r.severityText)).toEqual(['INFO', 'TRACE', 'WARN']);
    expect(recs.map((r) => r.attributes['log.record.lines'])).toEqual([2, 3, 2]);
    // 2022-02-15T18:44:24.535324Z
    expect(recs[0]!.timeNs).toBe(BigInt(Date.UTC(2022, 1, 15, 18, 44, 24) / 1000) * 1_000_000_000n + 535_324_000n);
    expect(recs[0]!.timeWithoutZone).toBeUndefined();
    // the record keeps its lines as written, margin included
    expect(recs[2]!.body).toBe('  2022-02-15T18:44:24.535590Z  WARN fmt_pretty::yak_shave: could not locate yak\n    at examples/examples/fmt/yak_shave.rs:18 on main');
    expectChunkingInvariant(textLogs, new TextEncoder().encode(RUST_PRETTY));
  });

  it('Next.js: lines indented by one space are records of their own, deeper lines (a list, stack frames) continue them', () => {
    const text = [' ▲ Next.js 14.0.4', '   - Local:        http://localhost:3000', '', ' ✓ Ready in 2.3s', ' ⨯ Error: boom', '    at GET (/app/route.js:1:123)', ' ⚠ Fast Refresh had to perform a full reload.'].join('\n');
    // by hand: the one-space lines 1, 4, 5, 7 begin records; lines 2 and 6 are deeper
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => r.source.line)).toEqual([1, 4, 5, 7]);
    expect(recs[2]!.body).toBe(' ⨯ Error: boom\n    at GET (/app/route.js:1:123)');
  });

  it('no margin when a line has none; a tab or four spaces are never one (stack frames stay joined)', () => {
    // a Java exception's frames at a tab or four spaces under a line with no indent: one record
    expect(logs(decodeText(textLogs, 'java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n'))).toHaveLength(1);
    expect(logs(decodeText(textLogs, '    at a.B.c(B.java:1)\n    at a.B.d(B.java:2)\n'))).toHaveLength(1);
    // one unindented line among indented ones: the indented lines continue the records above
    const mixed = '2024-01-01 00:00:00,000 INFO start\n  2024-01-01 00:00:01,000 quoted in a message\n  more\n';
    expect(logs(decodeText(textLogs, mixed)).map((r) => r.source.line)).toEqual([1]);
  });
});
