// Go and Rust loggers' text output, as the probe of stop 28 captured it (Debian's Go 1.19 libraries,
// tracing-subscriber 0.3.16, rustc 1.95): lines copied from the real output, shortened. Expected
// records are counted off the lines by hand (one per log call).
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';

/** Each record as [first line, severity text, lines]. */
function read(text: string): [number | undefined, string | undefined, unknown][] {
  const r = decodeText(textLogs, text);
  expect(r.errors).toEqual([]);
  expectChunkingInvariant(textLogs, new TextEncoder().encode(text));
  return logs(r).map((x) => [x.source.line, x.severityText, x.attributes['log.record.lines'] ?? 1]);
}

function sniffed(text: string): string | undefined {
  return sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;
}

// tracing_subscriber::fmt().pretty(): `info!("multi\nline message")` writes its second line at column 0.
const PRETTY = [
  '  2026-11-28T03:17:39.193345Z TRACE app: trace detail',
  '    at src/main.rs:14',
  '',
  '  2026-11-28T03:17:39.193449Z  INFO app: processing order, items: 3',
  '    at src/main.rs:5',
  '    in app::handle with order_id: 2, user: "alice"',
  '',
  '  2026-11-28T03:17:39.193475Z ERROR app: db query failed, error: "connection refused"',
  '    at src/main.rs:9',
  '    in app::db with table: "orders"',
  '',
  '  2026-11-28T03:17:39.193515Z  INFO app: multi',
  'line message',
  '    at src/main.rs:19',
  '',
].join('\n');

describe('text-logs: a margin under which a message line may begin at column 0 (tracing-subscriber Pretty)', () => {
  it('4 records (was 1: the unindented message line ruled the margin out, and every line continued the first)', () => {
    expect(read(PRETTY)).toEqual([[1, 'TRACE', 2], [4, 'INFO', 3], [8, 'ERROR', 3], [12, 'INFO', 3]]);
    const last = logs(decodeText(textLogs, PRETTY))[3]!;
    expect(last.body).toBe('  2026-11-28T03:17:39.193515Z  INFO app: multi\nline message\n    at src/main.rs:19');
    expect(last.timeNs).toBe(BigInt(Date.UTC(2026, 10, 28, 3, 17, 39) / 1000) * 1_000_000_000n + 193_515_000n);
  });

  it('no margin where the unindented lines are many, or the indented ones begin no record (a list under its head)', () => {
    // by hand: a head line without time or level, five indented lines: one record
    expect(read('Config:\n  listen: :8080\n  workers: 4\n  db: postgres\n  cache: redis\n  tls: off\n')).toEqual([[1, undefined, 6]]);
    // an unindented line with a time rules the margin out (as before): the indented lines continue it
    expect(read('2024-01-01 00:00:00,000 INFO start\n  2024-01-01 00:00:01,000 quoted in a message\n  more\n  more\n  more\n  more\n')).toEqual([[1, 'INFO', 6]]);
  });

  it("tracing-subscriber's uptime timer (right-aligned seconds): text, one record a line (was logfmt, 2 records and an error)", () => {
    const text = [
      '   0.000191755s TRACE app: trace detail',
      '   0.000266676s DEBUG app: debug detail k=1',
      '   0.000273737s  INFO app: starting server addr=":8080"',
      '   0.000355939s ERROR handle{order_id=2 user="alice"}:db{table="orders"}: app: db query failed error="connection refused"',
      '   0.000395488s  INFO app: multi',
      'line message',
    ].join('\n') + '\n';
    expect(sniffed(text)).toBe('text-logs');
    // (no header: a line mode file, so the message's second line is a record of its own, as in any file without one)
    expect(read(text)).toEqual([[1, 'TRACE', 1], [2, 'DEBUG', 1], [3, 'INFO', 1], [4, 'ERROR', 1], [5, 'INFO', 1], [6, undefined, 1]]);
  });
});

describe('text-logs: a level right-aligned by its logger begins a record, its padding no indent', () => {
  it("tracing-subscriber without time (`.without_time()`): 6 records with their levels (was logfmt, 4 records)", () => {
    const text = [
      'TRACE trace detail',
      'DEBUG debug detail k=1',
      ' INFO starting server addr=":8080"',
      ' INFO handle{order_id=2 user="alice"}: processing order items=3',
      ' WARN handle{order_id=2 user="alice"}:db{table="orders"}: slow query took_ms=1500',
      'ERROR handle{order_id=2 user="alice"}:db{table="orders"}: db query failed error="connection refused"',
    ].join('\n') + '\n';
    expect(sniffed(text)).toBe('text-logs');
    expect(read(text)).toEqual([[1, 'TRACE', 1], [2, 'DEBUG', 1], [3, 'INFO', 1], [4, 'INFO', 1], [5, 'WARN', 1], [6, 'ERROR', 1]]);
    // the record keeps its line as written
    expect(logs(decodeText(textLogs, text))[2]!.body).toBe(' INFO starting server addr=":8080"');
  });

  it("apex/log's text handler (levels right-aligned to six, colours or none): 4 records (was 2)", () => {
    const plain = [' DEBUG[0000] debug detail             ', '  INFO[0000] starting server           addr=:8080', '  WARN[0000] slow request             ', ' ERROR[0000] db query failed           error=connection refused'].join('\n') + '\n';
    expect(read(plain)).toEqual([[1, 'DEBUG', 1], [2, 'INFO', 1], [3, 'WARN', 1], [4, 'ERROR', 1]]);
    const coloured = '\x1b[37m DEBUG\x1b[0m[0000] debug detail\n\x1b[34m  INFO\x1b[0m[0000] starting server\n\x1b[33m  WARN\x1b[0m[0000] slow request\n\x1b[31m ERROR\x1b[0m[0000] db query failed\n';
    expect(read(coloured)).toEqual([[1, 'DEBUG', 1], [2, 'INFO', 1], [3, 'WARN', 1], [4, 'ERROR', 1]]);
  });

  it('an indented level word under a line is still its continuation where the file aligns no levels', () => {
    // by hand: one width only by chance (two lines), no padded level among lines that show none: the indented line continues
    expect(read('ERROR request failed\n  INFO: retry scheduled\n')).toEqual([[1, 'ERROR', 2]]);
  });
});

describe('text-logs behind CRI: the empty line Rust (1.90 and later) writes before a panic', () => {
  const cri = (lines: string[]): string => lines.map((l, i) => `2026-11-28T03:00:00.${String(123456789 + i * 1000000).padStart(9, '0')}Z stderr F ${l}`).join('\n') + '\n';
  it('is a line of the report, not a record of its own (3 records, was 4 with an empty one), as in the plain file', () => {
    const lines = ['2026-11-28T03:17:40.985975Z  INFO app: starting', '2026-11-28T03:17:40.986058Z ERROR app: about to fail', '', "thread 'main' (26054) panicked at src/main.rs:47:152:", 'config missing', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'];
    expect(read(cri(lines))).toEqual([[1, 'INFO', 1], [2, 'ERROR', 1], [4, 'fatal', 3]]);
    expect(read(lines.join('\n') + '\n')).toEqual([[1, 'INFO', 1], [2, 'ERROR', 1], [4, 'fatal', 3]]);
    // the panic as the container's first output too
    expect(read(cri(lines.slice(2)))).toEqual([[2, 'fatal', 3]]);
  });

  it('other empty lines are no records either, as in a plain file', () => {
    expect(read(cri(['2026-11-28T03:17:40.985975Z  INFO app: starting', '', '2026-11-28T03:17:40.986058Z ERROR app: done']))).toEqual([[1, 'INFO', 1], [3, 'ERROR', 1]]);
    expect(read(cri(['', '2026-11-28T03:17:40.986058Z ERROR app: done']))).toEqual([[2, 'ERROR', 1]]);
  });
});

// GOTRACEBACK default, Go 1.19: `func recurse(n int) int { … return recurse(n+1) … }` (frames shortened).
const GO_STACK_OVERFLOW = [
  'runtime: goroutine stack exceeds 1000000000-byte limit',
  'runtime: sp=0xc0200e0388 stack=[0xc0200e0000, 0xc0400e0000]',
  'fatal error: stack overflow',
  '',
  'runtime stack:',
  'runtime.throw({0x511e55?, 0x5d5e60?})',
  '\t/usr/lib/go-1.19/src/runtime/panic.go:1047 +0x5d fp=0x7fff588e3210 sp=0x7fff588e31e0 pc=0x43503d',
  'runtime.newstack()',
  '\t/usr/lib/go-1.19/src/runtime/stack.go:1103 +0x5cc fp=0x7fff588e33c8 sp=0x7fff588e3210 pc=0x44c72c',
  '',
  'goroutine 1 [running]:',
  'main.recurse(0x5d1739?)',
  '\t/tmp/probe/main.go:74 +0x7c fp=0xc0200e0398 sp=0xc0200e0390 pc=0x4cdd5c',
  '...additional frames elided...',
  '',
  'goroutine 2 [force gc (idle)]:',
  'runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)',
  '\t/usr/lib/go-1.19/src/runtime/proc.go:363 +0xd6 fp=0xc000042fb0 sp=0xc000042f90 pc=0x437c56',
].join('\n') + '\n';

describe("text-logs: Go's report of a stack overflow", () => {
  it('one record at FATAL from its `runtime:` reasons to the dump (was 3, the first dated 2001-09-09 from `1000000000-byte`)', () => {
    expect(read(GO_STACK_OVERFLOW)).toEqual([[1, 'fatal', 18]]);
    expect(logs(decodeText(textLogs, GO_STACK_OVERFLOW))[0]!.timeNs).toBeUndefined();
  });

  it("after a logger's lines too (zap's JSON), and a `runtime:` line of a program's own is no crash", () => {
    const zap = '{"level":"info","ts":1795834882.0518875,"caller":"probe/main.go:27","msg":"starting server"}\n';
    expect(read(zap + GO_STACK_OVERFLOW)).toEqual([[1, 'info', 1], [2, 'fatal', 18]]);
    expect(read('2026-11-28 03:00:00 INFO start\nruntime: node v20\n2026-11-28 03:00:01 INFO ready\n')).toEqual([[1, 'INFO', 2], [3, 'INFO', 1]]);
  });
});

describe("text-logs: Rust's report of a thread's stack overflow", () => {
  it("one record at FATAL (was 2, the first without a level): the process aborts", () => {
    const text = "\nthread 'main' (11208) has overflowed its stack\nfatal runtime error: stack overflow, aborting\n";
    expect(read(text)).toEqual([[2, 'fatal', 2]]);
    expect(read("2026-11-28T03:17:39.171842Z  INFO app: working\n\nthread 'worker-1' has overflowed its stack\nfatal runtime error: stack overflow\n")).toEqual([[1, 'INFO', 1], [3, 'fatal', 2]]);
  });
});

describe("text-logs: fern's README layout `[%Y-%m-%d][%H:%M:%S][target][LEVEL] msg`", () => {
  it('reads the time (local: no zone) and the level of each line (the time was not read)', () => {
    const recs = logs(decodeText(textLogs, '[2026-11-28][03:23:31][app][DEBUG] debug detail\n[2026-11-28][03:23:32][app][ERROR] db query failed\n'));
    expect(recs.map((r) => [r.severityText, r.timeNs, r.timeWithoutZone])).toEqual([
      ['DEBUG', BigInt(Date.UTC(2026, 10, 28, 3, 23, 31) / 1000) * 1_000_000_000n, true],
      ['ERROR', BigInt(Date.UTC(2026, 10, 28, 3, 23, 32) / 1000) * 1_000_000_000n, true],
    ]);
  });
});

describe("text-logs: log15's terminal format `LVL[mm-dd|hh:mm:ss] msg  k=v`", () => {
  it('reads the year-less time (was none), as logcat’s `mm-dd hh:mm:ss` is read', () => {
    const text = 'INFO[11-28|03:22:32] starting server                          module=orders addr=:8080\nEROR[11-28|03:22:33] db query failed                          module=orders err="connection refused"\n';
    const recs = logs(decodeText(textLogs, text));
    expect(recs.map((r) => [r.severityText, r.timeWithoutYear, r.timeWithoutZone])).toEqual([['INFO', true, true], ['EROR', true, true]]);
    // (the year is inferred: only the day and the time are checked)
    expect(recs.map((r) => new Date(Number(r.timeNs! / 1_000_000n)).toISOString().slice(5, 19))).toEqual(['11-28T03:22:32', '11-28T03:22:33']);
    expect(read(text)).toEqual([[1, 'INFO', 1], [2, 'EROR', 1]]);
  });
});
