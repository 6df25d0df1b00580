// A JSON document written over several lines that does not parse is one broken JSON value, refused
// with the line of its flaw; it is not read as text-log lines. Text logs that hold JSON stay text logs.
import { describe, expect, it } from 'vitest';
import { makeSniffInput, sniffFormat } from '../../../analyzers/importers/sniff.js';
import { analyseText } from '../../helpers/analyse.js';

const sniff = (s: string) => sniffFormat(makeSniffInput(new TextEncoder().encode(s), true));

describe('broken multi-line JSON documents', () => {
  // Each flaw placed by hand; the line named is the one where JSON.parse stops (the token after a
  // missing comma), counted from 1.
  it('a missing comma: refused, naming the line (was: text-logs, one record a line)', () => {
    const doc = '{"id":1,\n"rows":[1,2]\n"more":3}\n'; // `"more"` on line 3 follows `]` without a comma
    const s = sniff(doc);
    expect([s.spec?.id, s.reason]).toEqual([undefined, 'unrecognised-format']);
    expect(s.message).toMatch(/^JSON that does not parse: .* on line 3 \(the value opens on line 1\)/);
    const r = analyseText(doc);
    expect([r.format, r.records, r.rejected, r.errors.map((e) => e.code)]).toEqual(['unknown', 0, 0, ['unrecognised-format']]);
  });

  it('pretty-printed with two-space indents, the comma missing after line 3', () => {
    const doc = ['{', '  "name": "demo",', '  "version": "1.0"', '  "items": [', '    {"a": 1},', '    {"a": 2}', '  ]', '}', ''].join('\n');
    expect(sniff(doc).message).toMatch(/ on line 4 /);
  });

  it('trailing commas and a value cut short keep their own messages, now also when the lines looked like a text log', () => {
    expect(sniff('{"id":1,\n"rows":[1,2,],\n}\n').message).toMatch(/^JSON with a trailing comma \(a comma before a closing bracket, first on line 2\)/);
    expect(sniff('{"id":1,\n"rows":[1,2],\n"x": {"a": 1\n}\n').message).toMatch(/^JSON cut short: the input ends \(line 5\)/);
  });

  it('text logs with JSON in their lines stay text logs', () => {
    const logs = [
      '2024-01-15T10:00:00Z INFO request {"path":"/a","status":200}',
      '2024-01-15T10:00:01Z WARN slow {"path":"/b","ms":812',
      '2024-01-15T10:00:02Z ERROR failed {"path":"/c"}',
      '',
    ].join('\n');
    expect(sniff(logs).spec?.id).toBe('text-logs');
    // a log whose lines open with a bracket, with words outside any string
    const braces = ['{main} INFO started', '{worker-1} WARN retrying in 5s', '{worker-2} ERROR gave up', ''].join('\n');
    const b = sniff(braces);
    expect(b.message ?? '').not.toMatch(/^JSON/);
    // JSON Lines with one broken line stays JSON Lines: its reader names the line
    const jsonl = ['{"time":"2024-01-15T10:00:00Z","level":"info","msg":"a"}', '{"time":"2024-01-15T10:00:01Z","level":"info" "msg":"b"}', '{"time":"2024-01-15T10:00:02Z","level":"info","msg":"c"}', ''].join('\n');
    const r = analyseText(jsonl);
    expect([r.format, r.records, r.rejected, r.errors.map((e) => [e.code, e.line])]).toEqual(['jsonl-logs', 2, 1, [['invalid-json', 2]]]);
  });
});
