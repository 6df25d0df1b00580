// A captured JSON value of more than 100,000 members (a generated payload, an attack: parsed,
// 5.5 million members took 1.5 GB) is refused before it is parsed with too-many-attributes, as a
// JSON Lines line is; its neighbours are read. Values with many members inside arrays of their
// own elements (a Jaeger trace of 60,000 spans) are not one captured value and are unaffected.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../../helpers/analyse.js';
import { countMembers } from '../../../../analyzers/importers/common/json-stream.js';

describe('a JSON value with too many members', () => {
  it('counts `":` pairs in bytes and in text, up to just past the limit', () => {
    const t = '{"a":1,"b":{"c":2},"d":"x\\":y"}';
    expect(countMembers(t, 100)).toBe(5); // a, b, c, d, and the `\\":` inside the string (a cheap count)
    expect(countMembers(new TextEncoder().encode(t), 100)).toBe(countMembers(t, 100));
    expect(countMembers('{"a":1,"b":2,"c":3}', 1)).toBe(2);
  });

  it('is refused in a JSON array of logs; the other logs are read', () => {
    const wide = '{' + Array.from({ length: 120_000 }, (_, i) => `"k${i}":0`).join(',') + ',"msg":"wide"}';
    const text = `[{"ts":"2024-01-01T00:00:00Z","level":"info","msg":"a"},${wide},{"ts":"2024-01-01T00:00:02Z","level":"info","msg":"c"}]`;
    const input = analyseInputs([['logs.json', text]]).inputs[0]!;
    expect([input.format, input.records, input.rejected]).toEqual(['json-logs', 2, 1]);
    expect(input.errors.map((e) => e.code)).toEqual(['too-many-attributes']);
    expect(input.errors[0]!.message).toMatch(/^a JSON value of more than 100,000 members \(1 MB\): not read/);
  });
});
