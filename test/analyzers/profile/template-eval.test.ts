import { describe, expect, it } from 'vitest';
import { normaliseTemplate, scoreGrouping, scoreTemplates } from '../../../analyzers/profile/template-eval.js';

describe('GA / FGA (grouping accuracy, exact-group rule)', () => {
  it('scores a perfect grouping 1 whatever the labels', () => {
    const r = scoreGrouping(['a', 'a', 'b', 'c'], ['x', 'x', 'y', 'z']);
    expect(r.ga).toBe(1);
    expect(r.fga).toBe(1);
    expect(r.rightGroups).toBe(3);
  });

  it('marks every line of a predicted superset group wrong', () => {
    // truth: A={0,1}, B={2}; predicted P={0,1,2} is a superset of A and of B → no line is right.
    const r = scoreGrouping(['A', 'A', 'B'], ['P', 'P', 'P']);
    expect(r.ga).toBe(0);
    expect(r.fga).toBe(0);
  });

  it('marks every line of a split true group wrong, and counts the rest', () => {
    // truth: A={0,1,2}, B={3,4}, C={5}; predicted: {0,1} {2} {3,4} {5}
    // right groups: {3,4} (=B) and {5} (=C) → GA = 3/6; precision 2/4, recall 2/3 → F1 = 4/7.
    const r = scoreGrouping(['A', 'A', 'A', 'B', 'B', 'C'], ['p', 'p', 'q', 'r', 'r', 's']);
    expect(r.ga).toBeCloseTo(3 / 6, 12);
    expect(r.fga).toBeCloseTo(4 / 7, 12);
    expect(r.predictedGroups).toBe(4);
    expect(r.trueGroups).toBe(3);
  });

  it('needs the whole true group, not just a pure predicted group', () => {
    // predicted {0} is pure (only A) but A also has line 1 elsewhere → wrong; {2} = B → right.
    const r = scoreGrouping(['A', 'A', 'B'], ['p', 'q', 'r']);
    expect(r.ga).toBeCloseTo(1 / 3, 12);
  });

  it('rejects inputs of different lengths', () => {
    expect(() => scoreGrouping(['a'], [])).toThrow();
  });
});

describe('PA (template text accuracy)', () => {
  it('normalises whitespace and adjacent variables', () => {
    expect(normaliseTemplate('  a   <*> <*>  b ')).toBe('a <*> b');
    expect(normaliseTemplate('x <*><*> <*>')).toBe('x <*>');
    expect(normaliseTemplate('a <*>:<*>')).toBe('a <*>:<*>');
  });

  it('counts lines whose normalised template matches', () => {
    const truth = ['open <*>', 'open <*>', 'close <*> <*>', 'x'];
    const pred = ['open <*>', 'open  <*>', 'close <*>', 'y'];
    expect(scoreTemplates(truth, pred)).toBe(3 / 4);
  });
});
