// A PHP exception printed as its string (`echo $e`, `error_log((string) $e)`) and the Dart VM's
// report of an uncaught exception, alone on a program's stderr (no time, no logger's header). The
// shapes are those of the exceptions in GoogleCloudPlatform/fluent-plugin-detect-exceptions
// (test/plugin/test_exception_detector.rb, PHP_EXC and DART_EXC, commit 016aafb6): a few lines,
// paths shortened. Before, each line of the trace was a record of its own (PHP 5 records, Dart 7).
// Expected records are counted off the lines by hand: one per exception.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';

/** Each record as [first line, severity number, lines] (a docker entry's record: the lines of its body). */
function read(text: string, spec: FormatSpec = textLogs): [number | undefined, number | undefined, number][] {
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  return logs(r).map((x) => [x.source.line, x.severityNumber, spec === textLogs ? ((x.attributes['log.record.lines'] as number | undefined) ?? 1) : String(x.body).split('\n').length]);
}

const stamp = (i: number) => `2026-11-29T09:00:00.${String(i).padStart(3, '0')}000000Z`;
const plain = (lines: readonly string[]) => lines.join('\n') + '\n';
const cri = (lines: readonly string[]) => lines.map((l, i) => `${stamp(i)} stderr F ${l}`).join('\n') + '\n';
const docker = (lines: readonly string[]) => lines.map((l, i) => JSON.stringify({ log: l + '\n', stream: 'stderr', time: stamp(i) })).join('\n') + '\n';

// PHP 5's Exception::__toString
const PHP5 = [
  "exception 'Exception' with message 'Custom exception' in /home/joe/test.php:5",
  'Stack trace:',
  '#0 /home/joe/test.php(9): func1()',
  '#1 /home/joe/test.php(13): func2()',
  '#2 {main}',
];
// PHP 7 and later: `Class: message in file:line`, a previous exception's `Next …` after an empty line
const PHP8 = [
  'InvalidArgumentException: inner in /app/a.php:3',
  'Stack trace:',
  '#0 /app/a.php(7): check()',
  '#1 {main}',
  '',
  'Next RuntimeException: outer in /app/a.php:9',
  'Stack trace:',
  '#0 {main}',
  'done',
];
const DART = [
  'Unhandled exception:',
  'Exception: exception message',
  '#0      main.<anonymous closure> (file:///path/to/code/dartFile.dart:17:20)',
  '#1      printError (file:///path/to/code/dartFile.dart:37:13)',
  '#2      main (file:///path/to/code/dartFile.dart:17:3)',
  '<asynchronous suspension>',
  '#3      _startIsolate.<anonymous closure> (dart:isolate-patch/isolate_patch.dart:265)',
  '#4      _RawReceivePortImpl._handleMessage (dart:isolate-patch/isolate_patch.dart:151)',
  'server stopped',
];

describe('text-logs: a PHP exception printed as its string', () => {
  it('PHP 5: one ERROR record of 5 lines (was 5 records without a level), plain and behind CRI', () => {
    for (const t of [plain(PHP5), cri(PHP5)]) expect(read(t)).toEqual([[1, 17, 5]]);
  });

  it('PHP 7+: the previous exception and its trace stay in the record; the line after it is its own', () => {
    for (const t of [plain(PHP8), cri(PHP8)]) expect(read(t)).toEqual([[1, 17, 8], [9, undefined, 1]]);
  });

  it('behind docker json-file, one entry a line: one record (without a level, as a JavaScript exception there)', () => {
    expect(read(docker(PHP5), jsonlLogs)).toEqual([[1, undefined, 5]]);
  });

  it('a line that only ends like the head, or a `#` line after a sentence, joins nothing', () => {
    expect(read(plain(['Disk: full in /var/lib:3', 'retrying', '#1 in the queue', 'Stack trace:']))).toEqual([
      [1, undefined, 1],
      [2, undefined, 1],
      [3, undefined, 1],
      [4, undefined, 1],
    ]);
  });
});

describe("text-logs: the Dart VM's report of an uncaught exception", () => {
  it('one ERROR record of 8 lines (was 7 records and no level); the line after it is its own; plain and behind CRI', () => {
    for (const t of [plain(DART), cri(DART)]) expect(read(t)).toEqual([[1, 17, 8], [9, undefined, 1]]);
  });

  it('an exception whose text runs over lines (a FormatException with its source line and caret, a NoSuchMethodError) is one record', () => {
    // DART_FORMAT_WITH_CODE_ERR and DART_NO_METHOD_GLOBAL_ERR of the same test file (frames cut)
    const format = ['Unhandled exception:', 'FormatException: Invalid base64 data (at line 3, character 8)', 'this is not valid', '       ^', '', '#0      main.<anonymous closure> (file:///path/to/code/dartFile.dart:24:20)', '#1      main (file:///path/to/code/dartFile.dart:24:3)'];
    const noMethod = ['Unhandled exception:', "NoSuchMethodError: No top-level method 'noMethod' declared.", 'Receiver: top-level', 'Tried calling: noMethod()', '#0      NoSuchMethodError._throwNew (dart:core-patch/errors_patch.dart:196)', '#1      main (file:///path/to/code/dartFile.dart:10:3)'];
    expect(read(plain(format))).toEqual([[1, 17, 7]]);
    expect(read(plain([...noMethod, 'next line']))).toEqual([[1, 17, 6], [7, undefined, 1]]);
  });

  it('after a logger\'s record it is a record of its own', () => {
    const text = plain(['2026-11-29T09:00:00Z INFO starting', ...DART.slice(0, 4)]);
    expect(read(text)).toEqual([[1, 9, 1], [2, 17, 4]]);
  });

  it('behind docker json-file, one entry a line: one record', () => {
    expect(read(docker(DART.slice(0, 8)), jsonlLogs)).toEqual([[1, 17, 8]]);
  });
});
