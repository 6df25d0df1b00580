// A package manager's run banner (npm 10's `npm start`, captured: a blank line, `> app@1.0.0 start`, `> node server.js`,
// a blank line; yarn 1's `yarn run v1.22.19`, `$ node server.js`) where a restarted service prints it again in the
// middle of its log: no records of the service's, one invalid-line, as at the log's head. Expected records counted by
// hand from the lines.
import { describe, expect, it } from 'vitest';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const NPM = ['', '> app@1.0.0 start', '> node server.js', ''];
const YARN = ['yarn run v1.22.19', '$ node server.js'];
const text = (i: number) => `2026-11-28T03:00:0${i}.000Z INFO server: listening on 808${i}`;
const json = (i: number) => JSON.stringify({ time: `2026-11-28T03:00:0${i}.000Z`, level: 'info', msg: `listening on 808${i}` });

function read(spec: FormatSpec, lines: string[]) {
  const t = lines.join('\n') + '\n';
  expectChunkingInvariant(spec, new TextEncoder().encode(t));
  const r = decodeText(spec, t);
  return { lines: logs(r).map((x) => x.source.line), errors: r.errors.map((e) => [e.code, e.line, e.message]) };
}

describe('a run banner after a restart', () => {
  it.each([
    ['text log', textLogs, text],
    ['JSON Lines', jsonlLogs, json],
  ] as [string, FormatSpec, (i: number) => string][])('%s: npm\'s and yarn\'s skipped, one invalid-line each; the service\'s lines are its records', (_n, spec, line) => {
    // lines 1-4 the service; 5-8 npm's banner (its head on 6, its command on 7); 9-10 the service; 11-12 yarn's; 13 the service
    const r = read(spec, [line(1), line(2), line(3), line(4), ...NPM, line(5), line(6), ...YARN, line(7)]);
    // 7 records: lines 1-4, 9, 10, 13 (before: the banner's 2 lines of each were records too, 11)
    expect(r.lines).toEqual([1, 2, 3, 4, 9, 10, 13]);
    expect(r.errors).toEqual([
      ['invalid-line', 6, 'lines 6–8 are not part of the log: the banner npm prints before it runs a script (`> app@1.0.0 start`); skipped'],
      ['invalid-line', 11, 'lines 11–12 are not part of the log: the banner yarn prints before it runs a script (`yarn run v1.22.19`); skipped'],
    ]);
  });

  it('lines that only look like one are read as before: a `> x@1.0.0 start` with no command, or npm\'s with no blank line after', () => {
    const r = read(textLogs, [text(1), '> app@1.0.0 start', text(2), '> app@1.0.0 start', '> node server.js', text(3)]);
    // (each a line of the record above, as any line without a header: 3 records, as before)
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([1, 3, 6]);
  });
});
