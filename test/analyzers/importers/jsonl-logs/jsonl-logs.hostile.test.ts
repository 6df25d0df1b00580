import { describe, expect, it } from 'vitest';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeBytes } from '../../../../analyzers/importers/decode.js';
import { decodeText, expectChunkingInvariant, expectCodedErrors, junkBytes, pushHugeLine, readData } from './log-test-helpers.js';

describe('jsonl-logs hostile input', () => {
  it('empty and blank inputs → empty-input, no records', () => {
    for (const text of ['', '\n\n  \r\n']) {
      const r = decodeText(jsonlLogs, text);
      expect(r.records).toHaveLength(0);
      expect(r.errors.map((e) => e.code)).toEqual(['empty-input']);
    }
  });

  it('binary junk → coded errors, never a throw', () => {
    const r = decodeBytes(jsonlLogs, junkBytes(100_000), 'input');
    // A line of random bytes may by chance be a few printable characters (a record of free
    // text, unstructured); every other line is rejected, and no junk joins such a record.
    expect(r.records.every((x) => x.kind === 'log' && !x.structured && String(x.body).length < 16)).toBe(true);
    expect(r.records.length * 100).toBeLessThan(r.progress.rejected);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.progress.rejected).toBeGreaterThan(0);
    expectCodedErrors(r);
  });

  it('a line of bytes that are not UTF-8 is one binary-data rejection; a text line with a Latin-1 letter is a text record', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"level":"info","msg":"a"}\n'),
      Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0x41, 0xff, 0xc3, 0x0a]),
      Buffer.from('Caf\xe9 closed at noon\n{"level":"warn","msg":"b"}\n', 'latin1'),
    ]);
    for (const chunk of [undefined, 1, 7]) {
      const r = decodeBytes(jsonlLogs, new Uint8Array(bytes), 'mixed.jsonl', chunk);
      expect(r.errors.map((e) => [e.code, e.line])).toEqual([['binary-data', 2], ['invalid-utf8', 3]]);
      expect([r.records.length, r.progress.rejected]).toEqual([3, 1]);
    }
  });

  it('wrong JSON types: non-object lines are rejected as wrong-type, wrong-typed fields reported', () => {
    const r = decodeText(jsonlLogs, ['[1,2]', '"text"', '42', 'null', '{"time":true,"msg":{"a":1},"level":"info"}'].join('\n'));
    expect(r.errors.filter((e) => e.code === 'wrong-type').map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 5]);
    expect(r.progress.rejected).toBe(4);
    expect(r.records).toHaveLength(1);
    expectCodedErrors(r);
  });

  it('a file cut inside its last line → truncated; a bad line elsewhere stays invalid-json', () => {
    const good = '{"level":"info","msg":"a"}';
    for (const cut of ['{"level":"info","msg":"b', '{"level":"info","msg":"b",', '{"level":"info",', '{']) {
      const text = `${good}\n${good}\n${cut}`;
      const r = decodeText(jsonlLogs, text);
      expect([r.records.length, r.errors.map((e) => [e.code, e.line])], cut).toEqual([2, [['truncated', 3]]]);
      expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
    }
    // Not cut: broken in the middle of the line, or cut but followed by more lines.
    expect(decodeText(jsonlLogs, `${good}\n{"msg":"b",}`).errors.map((e) => e.code)).toEqual(['invalid-json']);
    expect(decodeText(jsonlLogs, `{"msg":"b\n${good}\n`).errors.map((e) => e.code)).toEqual(['invalid-json']);
  });

  it('100,000-deep nesting → too-deep, the next line is still read', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const r = decodeText(jsonlLogs, deep + '\n{"msg":"after"}\n');
    expect(r.errors.map((e) => e.code)).toEqual(['too-deep']);
    expect(r.records).toHaveLength(1);
  });

  it('invalid UTF-8 → record read with U+FFFD plus an invalid-utf8 error at that line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"msg":"ok"}\n{"msg":"bad '), 0xff, 0xfe, ...new TextEncoder().encode('"}\n')]);
    const r = decodeBytes(jsonlLogs, bytes, 'input');
    expect(r.records).toHaveLength(2);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'invalid-utf8', line: 2 })]);
  });

  it('CRLF line ends are handled', () => {
    const r = decodeText(jsonlLogs, '{"msg":"a"}\r\n{"msg":"b"}\r\n');
    expect(r.records.map((x) => (x.kind === 'log' ? x.body : null))).toEqual(['a', 'b']);
    expect(r.errors).toHaveLength(0);
  });

  it('a 300 MB line without newline → line-too-long with bounded memory', () => {
    const { result, heapGrowthBytes } = pushHugeLine(jsonlLogs, 300 * 1024 * 1024, '{"msg":"');
    expect(result.errors.map((e) => e.code)).toEqual(['line-too-long']);
    expect(result.errors[0]!.line).toBe(1);
    expect(result.records).toHaveLength(0);
    expect(heapGrowthBytes).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('jsonl-logs chunking', () => {
  for (const file of ['logfile_bunyan.0', 'logfile_mixed_json2.json', 'logfile_journald.json', 'logfile_json.json', 'logfile_invalid_json2.json']) {
    it(`${file}: whole = 1-, 7-, 4096-byte chunks`, () => expectChunkingInvariant(jsonlLogs, readData('logs-structured/lnav-test/' + file)));
  }
});

describe('jsonl-logs error cap', () => {
  it('5000 bad lines: 1000 errors reported, then one too-many-errors; all 5000 counted as rejected', () => {
    const r = decodeText(jsonlLogs, '{"msg": not json}\n'.repeat(5000) + '{"msg":"still read"}\n');
    expect(r.errors).toHaveLength(1001);
    expect(r.errors[1000]!.code).toBe('too-many-errors');
    expect(r.progress.rejected).toBe(5000);
    expect(r.progress.records).toBe(1);
  });
});

describe('jsonl-logs forced on a text log', () => {
  it('every line is a record of free text, and one error says that no line was JSON', () => {
    const text = '2024-01-01 INFO started\n2024-01-01 WARN slow\n';
    const r = decodeText(jsonlLogs, text);
    expect([r.records.length, r.errors.map((e) => e.code)]).toEqual([2, ['unrecognised-format']]);
    expect(r.errors[0]!.message).toContain('no line is a JSON object');
    // one JSON line is enough: no such error
    expect(decodeText(jsonlLogs, text + '{"msg":"a"}\n').errors).toEqual([]);
  });
});

describe('jsonl-logs: lone CRs among LF and CRLF line ends', () => {
  it('end a line between two objects (30 records, none lost); a CR inside a line elsewhere stays', async () => {
    const { jsonlLogs } = await import('../../../../analyzers/importers/jsonl-logs/index.js');
    const { decodeText, logs, expectChunkingInvariant } = await import('./log-test-helpers.js');
    const ends = ['\n', '\r\n', '\r'];
    const text = Array.from({ length: 30 }, (_, i) => `{"level":"info","msg":"m${i}","é":"ü"}${ends[i % 3]}`).join('');
    const recs = logs(decodeText(jsonlLogs, text));
    expect(recs.map((r) => r.body)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
    // by hand: each object is 37 bytes (é and ü take 2); line 1 ends in LF (38), line 2 in CRLF (77);
    // m2 ends in a lone CR, so m2 and m3 share line 3: m3 at 77 + 37 + 1
    expect(recs.slice(2, 4).map((r) => [r.source.line, r.source.offset])).toEqual([[3, 77], [3, 115]]);
    expectChunkingInvariant(jsonlLogs, new TextEncoder().encode(text));
  });
});

describe('JSON.parse messages', () => {
  it('read the same in every engine: the line and column newer V8 adds are dropped', async () => {
    const { jsonErrorText } = await import('../../../../analyzers/importers/common/json-errors.js');
    expect(jsonErrorText(new SyntaxError('Unterminated string in JSON at position 63 (line 1 column 64)'))).toBe('Unterminated string in JSON at position 63');
    expect(jsonErrorText(new SyntaxError('Unterminated string in JSON at position 63'))).toBe('Unterminated string in JSON at position 63');
  });
});
