// CI check: docs/rules.md must be exactly what `npm run docs:rules` generates from the catalogue.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../../../analyzers/scoring/rules-doc.js';
import { allRules } from '../../../analyzers/scoring/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('docs/rules.md', () => {
  it('is current with the rule catalogue (run `npm run docs:rules` when this fails)', () => {
    expect(readFileSync(path.join(repo, 'docs/rules.md'), 'utf8')).toBe(renderRulesDoc());
  });

  it('documents every rule with passes/threshold/rationale/remediation', () => {
    const doc = renderRulesDoc();
    for (const r of allRules()) {
      expect(doc).toContain(`### ${r.id}`);
      for (const field of [r.passes, r.threshold, r.rationale, r.remediation]) expect(field.length).toBeGreaterThan(3);
    }
  });
});
