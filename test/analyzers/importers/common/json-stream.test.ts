import { describe, expect, it } from 'vitest';
import { JsonStreamScanner, type SelectNode } from '../../../../analyzers/importers/common/json-stream.js';

interface Ev {
  kind: string;
  id?: number;
  value?: unknown;
  key?: string | undefined;
  offset?: number;
  line?: number;
  code?: string;
}

function scan(root: SelectNode, input: string | Uint8Array, chunk?: number, maxDepth?: number): Ev[] {
  const events: Ev[] = [];
  const s = new JsonStreamScanner(
    root,
    {
      value: (id, value, key, offset, line) => events.push({ kind: 'value', id, value, key, offset, line }),
      open: (id) => events.push({ kind: 'open', id }),
      close: (id) => events.push({ kind: 'close', id }),
      error: (code, _m, offset, line) => events.push({ kind: 'error', code, offset, line }),
    },
    maxDepth === undefined ? {} : { maxDepth },
  );
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const step = chunk ?? (bytes.length || 1);
  for (let i = 0; i < bytes.length; i += step) s.push(bytes.subarray(i, i + step));
  s.end();
  return events;
}

const ITEMS: SelectNode = { id: 1, keys: { context: { id: 2, capture: true }, list: { id: 3, items: { id: 4, capture: true } } } };

describe('JsonStreamScanner', () => {
  // Offsets computed with python: text.index('1, ') etc.
  it('emits selected elements with their context, offsets and lines, skipping the rest', () => {
    const text = '{"skip":{"a":[1,2,{"b":"}"}]},"context":{"k":"v"},\n"list":[1, "two",\n {"x":[true,null]}]}';
    const ev = scan(ITEMS, text);
    expect(ev).toEqual([
      { kind: 'open', id: 1 },
      { kind: 'value', id: 2, value: { k: 'v' }, key: 'context', offset: 40, line: 1 },
      { kind: 'open', id: 3 },
      { kind: 'value', id: 4, value: 1, key: undefined, offset: 59, line: 2 },
      { kind: 'value', id: 4, value: 'two', key: undefined, offset: 62, line: 2 },
      { kind: 'value', id: 4, value: { x: [true, null] }, key: undefined, offset: 70, line: 3 },
      { kind: 'close', id: 3 },
      { kind: 'close', id: 1 },
    ]);
    for (const chunk of [1, 2, 3, 7]) expect(scan(ITEMS, text, chunk)).toEqual(ev);
  });

  it('handles escapes, escaped keys and multi-byte UTF-8 split across chunks', () => {
    const text = '{"li\\u0073t":["a\\"b\\\\", "€𝄞 ü", {"\\n":"\\u20ac"}]}';
    const want = ['a"b\\', '€𝄞 ü', { '\n': '€' }];
    for (const chunk of [undefined, 1, 2, 5]) {
      expect(scan(ITEMS, text, chunk).filter((e) => e.kind === 'value').map((e) => e.value)).toEqual(want);
    }
  });

  it('skips a UTF-8 BOM even when split', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"list":[1]}')]);
    expect(scan(ITEMS, bytes, 1).filter((e) => e.kind !== 'open' && e.kind !== 'close')).toEqual([{ kind: 'value', id: 4, value: 1, key: undefined, offset: 12, line: 1 }]);
  });

  it('reports too-deep at the cap without recursion and continues after the value', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const ev = scan(ITEMS, `{"list":[${deep},7]}`, 4096, 64);
    expect(ev.filter((e) => e.kind !== 'open' && e.kind !== 'close')).toEqual([
      { kind: 'error', code: 'too-deep', offset: 9, line: 1 },
      { kind: 'value', id: 4, value: 7, key: undefined, offset: 200_010, line: 1 },
    ]);
  });

  it('a too-deep value that was only being skipped is reported without costing a record', () => {
    const lost: [string, boolean | undefined][] = [];
    const s = new JsonStreamScanner(ITEMS, { value: () => {}, error: (code, _m, _o, _l, recordLost) => lost.push([code, recordLost]) }, { maxDepth: 64 });
    const deep = '['.repeat(1000) + ']'.repeat(1000);
    s.push(new TextEncoder().encode(`{"skip":${deep},"list":[${deep}]}`));
    s.end();
    // the skipped member: not lost; the captured list element: lost
    expect(lost).toEqual([['too-deep', false], ['too-deep', true]]);
  });

  it('invalid element JSON is rejected alone; structural garbage resyncs at the next line', () => {
    const ev = scan(ITEMS, '{"list":[{"a" 1}, 2]}\n{"list" 5}\n{"list":[3]}');
    expect(ev.filter((e) => e.kind === 'value' || e.kind === 'error').map((e) => e.kind === 'value' ? e.value : e.code)).toEqual(['invalid-json', 2, 'invalid-json', 3]);
  });

  it('reports truncated input and wrong container types', () => {
    expect(scan(ITEMS, '{"list":[1,{"a":').map((e) => e.code ?? e.value ?? e.kind)).toEqual(['open', 'open', 1, 'truncated', 'close', 'close']);
    expect(scan(ITEMS, '{"list":"x"}').filter((e) => e.kind === 'error').map((e) => e.code)).toEqual(['wrong-type']);
    expect(scan(ITEMS, '{"list":[1]} junk').filter((e) => e.kind === 'error').map((e) => [e.code, e.offset])).toEqual([['invalid-json', 13]]);
  });

  it('a number the end of input stops is complete at the top level only: inside a container it may be cut', () => {
    // `[1549891472010,15498915` may have been `…,1549891503438]`: the last number is not a value.
    for (const chunk of [undefined, 1, 7]) {
      expect(scan(ITEMS, '{"list":[12,345', chunk).map((e) => e.code ?? e.value ?? e.kind)).toEqual(['open', 'open', 12, 'truncated', 'close', 'close']);
      expect(scan({ id: 9, capture: true }, '345', chunk).map((e) => e.value ?? e.code)).toEqual([345]);
      expect(scan({ id: 9, capture: true }, 'true', chunk).map((e) => e.value ?? e.code)).toEqual([true]);
    }
  });
});

describe('JsonStreamScanner: per-element resync (SelectNode.resync)', () => {
  const RESYNC: SelectNode = { id: 1, resync: true, items: { id: 2, capture: true } };
  const values = (ev: Ev[]) => ev.filter((e) => e.kind === 'value').map((e) => e.value);
  const errors = (ev: Ev[]) => ev.filter((e) => e.kind === 'error').map((e) => [e.code, e.line]);

  it('pretty-printed: a structurally broken element costs only that element', () => {
    // element 2 (lines 3-5) has a mismatched bracket; elements 1 and 3 are read, the array closes normally
    const text = '[\n  {"a":1},\n  {"b":[1,\n    2}\n  },\n  {"c":3}\n]\n';
    for (const chunk of [undefined, 1, 7]) {
      const ev = scan(RESYNC, text, chunk);
      expect(values(ev)).toEqual([{ a: 1 }, { c: 3 }]);
      expect(errors(ev)).toEqual([['invalid-json', 4]]);
      expect(ev.at(-1)).toEqual({ kind: 'close', id: 1 });
    }
  });

  it('one-line: resumes at the next },{ boundary', () => {
    const text = '[{"a":1},{"b":[1}},{"c":3},{"d":4}]';
    const ev = scan(RESYNC, text);
    expect(values(ev)).toEqual([{ a: 1 }, { c: 3 }, { d: 4 }]);
    expect(errors(ev)).toEqual([['invalid-json', 1]]);
  });

  it('a missing comma between elements is reported and both elements are read', () => {
    const errs: boolean[] = [];
    const got: unknown[] = [];
    const s = new JsonStreamScanner(RESYNC, { value: (_i, v) => got.push(v), error: (_c, _m, _o, _l, lost) => errs.push(lost ?? true) });
    s.push(new TextEncoder().encode('[\n {"a":1}\n {"b":2}\n]'));
    s.end();
    expect(got).toEqual([{ a: 1 }, { b: 2 }]);
    expect(errs).toEqual([false]);
  });

  it('the broken element was the last one: the closing bracket further left ends the array', () => {
    const text = '{"events": [\n    {"a": [}\n  ]\n}\n{"events": [\n    {"b": 2}\n]}\n';
    const sel: SelectNode = { id: 1, keys: { events: { id: 3, resync: true, items: { id: 2, capture: true } } } };
    const ev = scan(sel, text);
    expect(values(ev)).toEqual([{ b: 2 }]);
    expect(errors(ev)).toEqual([['invalid-json', 2]]);
    expect(ev.filter((e) => e.kind === 'close').length).toBe(4);
  });

  it('without resync the old behaviour stands (skip to the next top-level line)', () => {
    const text = '[\n  {"a":1},\n  {"b":[1}\n  },\n  {"c":3}\n]\n[{"d":4}]\n';
    const ev = scan({ id: 1, items: { id: 2, capture: true } }, text);
    expect(values(ev)).toEqual([{ a: 1 }, { d: 4 }]);
  });
});
