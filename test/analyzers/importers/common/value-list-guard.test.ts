import { describe, expect, it } from 'vitest';
import { analyseText } from '../../../helpers/analyse.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { guardValueList, MAX_HELD_BYTES } from '../../../../analyzers/importers/common/value-list-guard.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

// A list of single values in sorted order (`promtool query labels`) is refused, but the decision
// holds for the whole input: a file that begins with sorted words and goes on with log lines is a
// log (it was refused whole when its first 100 lines were such words). Past the sniff window the
// reader decides (value-list-guard.ts), holding at most MAX_HELD_BYTES of the list's lines.

const LOG = ['2026-11-27 10:00:00.123 INFO  [main] app.Server - started on :8080', '2026-11-27 10:00:01.456 WARN  [main] app.Pool - slow query (1.2 s)', '2026-11-27 10:00:02.789 ERROR [main] app.Api - request failed'];
/** `n` distinct values in sorted order (`v000001`, `v000002`, …). */
const values = (n: number): string[] => Array.from({ length: n }, (_, i) => `value_${String(i + 1).padStart(7, '0')}`);
const file = (lines: string[]): string => lines.join('\n') + '\n';
const CHUNKS = [undefined, 7, 4096] as const;

function eachChunking(text: string) {
  return CHUNKS.map((c) => {
    const r = analyseText(text, c);
    return { format: r.format, records: r.records, errors: r.errors.map((e) => [e.code, e.line ?? null, e.message.slice(0, 40)]) };
  });
}

describe('a list of single values in sorted order', () => {
  it('within the sniff window, every line one: refused, as before', () => {
    // (refused by sniffing: at line 1, where its evidence starts)
    for (const r of eachChunking(file(values(150)))) expect(r).toEqual({ format: 'unknown', records: 0, errors: [['unsupported', 1, 'a list of single values, one a line (as ']] });
  });

  it('within the sniff window, 150 sorted words then log lines: read, every line a record (was refused whole)', () => {
    for (const r of eachChunking(file([...values(150), ...LOG]))) expect(r).toEqual({ format: 'text-logs', records: 153, errors: [] });
  });

  it('past the sniff window (84 KB), every line one: refused by its reader', () => {
    for (const r of eachChunking(file(values(6_000)))) expect(r).toEqual({ format: 'text-logs', records: 0, errors: [['unsupported', null, 'a list of single values, one a line (as ']] });
  });

  it('past the sniff window, a coloured list (`ls --color=always` style) is refused as the plain one is', () => {
    const E = '\u001b';
    const coloured = values(6_000).map((v) => `${E}[01;34m${v}${E}[0m`);
    for (const r of eachChunking(file(coloured))) expect(r).toEqual({ format: 'text-logs', records: 0, errors: [['unsupported', null, 'a list of single values, one a line (as ']] });
  });

  it('past the sniff window, log lines after 84 KB of sorted words: the whole file read, as text logs read it', () => {
    const text = file([...values(6_000), ...LOG]);
    for (const r of eachChunking(text)) expect(r).toEqual({ format: 'text-logs', records: 6_003, errors: [] });
    // the records are those the text-logs reader makes of the file, whatever the chunking
    const guarded = guardValueList(textLogs);
    expectChunkingInvariant(guarded, new TextEncoder().encode(text), [7, 4096]);
    expect(decodeText(guarded, text).records).toEqual(decodeText(textLogs, text).records);
  });

  it('a list longer than the reader holds, then log lines: the list refused, the lines after it read at their own line numbers and offsets', () => {
    const list = values(Math.ceil(MAX_HELD_BYTES / 14) + 1000);
    const text = file([...list, ...LOG]);
    const guarded = guardValueList(textLogs);
    expectChunkingInvariant(guarded, new TextEncoder().encode(text), [7, 4096, 65536]);
    const r = decodeText(guarded, text);
    expect(r.errors.map((e) => [e.code, e.line, e.offset])).toEqual([['unsupported', 1, 0]]);
    expect(r.errors[0]!.message).toMatch(new RegExp(`^lines 1–${list.length}: a list of single values.*The lines from line ${list.length + 1} on are read$`));
    const recs = logs(r);
    expect(recs.map((x) => [x.source.line, x.source.offset, x.severityText])).toEqual([
      [list.length + 1, list.length * 14, 'INFO'],
      [list.length + 2, list.length * 14 + LOG[0]!.length + 1, 'WARN'],
      [list.length + 3, list.length * 14 + LOG[0]!.length + LOG[1]!.length + 2, 'ERROR'],
    ]);
    expect([r.progress.lines, r.progress.bytes, r.progress.records]).toEqual([list.length + 3, text.length, 3]);
  });

  it('a list longer than the reader holds, to its end: refused whole', () => {
    const text = file(values(Math.ceil(MAX_HELD_BYTES / 14) + 1000));
    const guarded = guardValueList(textLogs);
    expectChunkingInvariant(guarded, new TextEncoder().encode(text), [4096, 65536]);
    const r = decodeText(guarded, text);
    expect([r.errors.map((e) => [e.code, e.message.slice(0, 40)]), r.records.length]).toEqual([[['unsupported', 'a list of single values, one a line (as ']], 0]);
  });

  it('two sorted words past the window are a log of two lines, not a list: read', () => {
    const text = file(['Starting', 'Stopped']);
    const r = decodeText(guardValueList(textLogs), text);
    expect([r.errors, logs(r).length]).toEqual([[], 2]);
  });

  it('the reader, in 1-, 7- and 4096-byte chunks: a list that breaks (on its last line without a newline too), and one that does not', () => {
    const guarded = guardValueList(textLogs);
    for (const text of [file([...values(50), ...LOG]), [...values(50), LOG[0]].join('\n'), file(values(50)), values(50).join('\n'), `\uFEFF# values of job\n\n${file(values(5))}`]) {
      expectChunkingInvariant(guarded, new TextEncoder().encode(text));
    }
    expect(logs(decodeText(guarded, [...values(50), LOG[0]].join('\n'))).length).toBe(51);
    expect(decodeText(guarded, values(50).join('\n')).errors.map((e) => e.code)).toEqual(['unsupported']);
    expect(decodeText(guarded, `\uFEFF# values of job\n\n${file(values(5))}`).errors.map((e) => e.code)).toEqual(['unsupported']);
  });
});
