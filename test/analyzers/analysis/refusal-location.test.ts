// An input refused by sniffing (unsupported, unrecognised-format) carried offset 0 and no line; its
// evidence is its text from line 1 (or, past a blank prefix longer than the sniff window, from the
// line after it): the error says so. Binary data has no lines: its offset alone. An empty input none.
import { describe, expect, it } from 'vitest';
import { analyseText } from '../../helpers/analyse.js';
import { SNIFF_BYTES } from '../../../analyzers/importers/types.js';

// (one trace id a line: "looks like a list of ids", refused as unrecognised)
const ids = Array.from({ length: 20 }, (_, i) => (i + 1).toString(16).padStart(32, 'a')).join('\n') + '\n';
const at = (text: string | Uint8Array) => analyseText(text).errors.map((e) => [e.code, e.line, e.offset]);

describe('where a refused input is refused', () => {
  it('unrecognised text and unsupported telemetry: line 1, offset 0', () => {
    expect(at(ids)).toEqual([['unrecognised-format', 1, 0]]);
    expect(at('{"a":1,"b":2}\n{"a":3,"b":4}\n')).toEqual([['unrecognised-format', 1, 0]]);
    expect(at('__CURSOR=s=0123abcd;i=1\n__REALTIME_TIMESTAMP=1700000000000000\nMESSAGE=hi\n\n')).toEqual([['unsupported', 1, 0]]);
  });

  it('past a blank prefix longer than the sniff window: the line and offset where the content starts', () => {
    const blank = '\n'.repeat(SNIFF_BYTES + 10);
    expect(at(blank + ids)).toEqual([['unrecognised-format', SNIFF_BYTES + 11, SNIFF_BYTES + 10]]);
  });

  it('binary data: the offset only; an empty input: neither', () => {
    const bin = new Uint8Array(4096).map((_, i) => (i * 7) % 32);
    expect(at(bin)).toEqual([['binary-data', undefined, 0]]);
    expect(at('')).toEqual([['empty-input', undefined, 0]]);
  });
});
