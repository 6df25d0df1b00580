import { describe, expect, it } from 'vitest';
import { topLevelKeysOfPrefix } from '../../../../analyzers/importers/common/partial-json.js';

describe('topLevelKeysOfPrefix', () => {
  it('lists the top-level member names before the cut, skipping nested values and strings that look like keys', () => {
    expect(topLevelKeysOfPrefix('{"time":"2024-01-01T00:00:00Z","ctx":{"level":"x","a":[1,{"b":2}]},"msg":"say \\"k\\":1, {"')).toEqual(['time', 'ctx', 'msg']);
    expect(topLevelKeysOfPrefix('{"a":1,"b')).toEqual(['a']); // cut inside a name
    expect(topLevelKeysOfPrefix('{"a":1,"b":2}')).toEqual(['a', 'b']);
    expect(topLevelKeysOfPrefix('\uFEFF {"\\u0041":1')).toEqual(['A']);
    expect(topLevelKeysOfPrefix('{"a":"x\\\\","b":1')).toEqual(['a', 'b']); // escaped backslash ends the string
  });

  it('gives up on what is not a JSON object, or not one line', () => {
    expect(topLevelKeysOfPrefix('[{"a":1}]')).toBeUndefined();
    expect(topLevelKeysOfPrefix('time=1 level=info')).toBeUndefined();
    expect(topLevelKeysOfPrefix('{"a":1,\n"b":2')).toBeUndefined();
  });

  it('stops at max names', () => {
    const obj = '{' + Array.from({ length: 100 }, (_, i) => `"k${i}":${i}`).join(',');
    expect(topLevelKeysOfPrefix(obj, 10)).toHaveLength(10);
  });
});
