// A defect in a reader met on odd input (it threw where it should have reported) costs that input's
// rest, never the run: the error says where reading stopped, and the other inputs are read.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { logfmt } from '../../../analyzers/importers/logfmt/index.js';

afterEach(() => vi.restoreAllMocks());

describe('a reader that throws', () => {
  it('stops its own input with an invalid-record error; the next input is read', () => {
    const create = logfmt.create.bind(logfmt);
    vi.spyOn(logfmt, 'create').mockImplementation((ctx) => {
      const d = create(ctx);
      const push = d.push.bind(d);
      // reads the first two lines, then fails on the third
      d.push = (bytes) => {
        push(bytes.subarray(0, 34));
        throw new RangeError('The number Infinity cannot be converted to a BigInt');
      };
      return d;
    });
    const lines = 'level=info msg=a\nlevel=warn msg=b\n';
    const r = analyseInputs([['bad.log', lines.repeat(3)], ['good.jsonl', '{"level":"info","msg":"x"}\n']], 17);
    const bad = r.inputs.find((i) => i.path === 'bad.log')!;
    // the first line is a record; the second was still held (a logfmt record may go on) when the reader broke
    expect(bad.records).toBe(1);
    expect(bad.errors.map((e) => e.code)).toContain('invalid-record');
    expect(bad.errors.find((e) => e.code === 'invalid-record')!.message).toMatch(/^reading stopped here on an internal error \(The number Infinity/);
    expect(r.inputs.find((i) => i.path === 'good.jsonl')!.records).toBe(1);
  });
});
