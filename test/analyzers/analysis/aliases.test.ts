// A file reached by two paths is read once; the report's rows of that file name its other paths.
import { describe, expect, it } from 'vitest';
import { withInputAliases } from '../../../analyzers/analysis/aliases.js';
import type { InputReport } from '../../../analyzers/report/model.js';

const row = (path: string, archive?: string): InputReport => ({ path, sha256: '', format: 'text-logs', signal: 'logs', bytes: 1, records: 1, rejected: 0, errorCount: 0, errors: [], detection: { by: 'content', confidence: 1 }, ...(archive ? { archive } : {}) });

describe('withInputAliases', () => {
  it('gives each row the other paths of its file, once each, in the order met; a path named twice adds nothing', () => {
    const rows = [row('a.log'), row('b.log'), row('c.log')];
    const out = withInputAliases(rows, [
      { path: 'link.log', sameAs: 'a.log' },
      { path: 'hard.log', sameAs: 'a.log' },
      { path: 'link.log', sameAs: 'a.log' }, // met by the walk and named again
      { path: 'b.log', sameAs: 'b.log' }, // the same path twice
    ]);
    expect(out.map((r) => [r.path, r.aliases])).toEqual([
      ['a.log', ['link.log', 'hard.log']],
      ['b.log', undefined],
      ['c.log', undefined],
    ]);
    // rows without another path get no key at all (no empty list in the JSON)
    expect('aliases' in out[1]!).toBe(false);
    // the rows given are not changed
    expect(rows.some((r) => 'aliases' in r)).toBe(false);
  });

  it('every file out of an archive reached by two paths names them', () => {
    const out = withInputAliases([row('logs.tar/a.log', 'logs.tar'), row('logs.tar/b.log', 'logs.tar'), row('other.log')], [{ path: 'latest.tar', sameAs: 'logs.tar' }]);
    expect(out.map((r) => r.aliases)).toEqual([['latest.tar'], ['latest.tar'], undefined]);
  });
});
