// The layer rules of ARCHITECTURE.md are lint errors, not habits: each forbidden import below
// must be reported; each allowed one must not.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { REPO } from '../helpers/paths.js';

const eslint = new ESLint({ cwd: REPO });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    ['analyzers/model/x.ts', "import { Analysis } from '../analysis/analysis.js'; export const a = Analysis;"],
    ['analyzers/profile/x.ts', "import { FORMATS } from '../importers/registry.js'; export const a = FORMATS;"],
    ['analyzers/importers/x.ts', "import { Analysis } from '../analysis/analysis.js'; export const a = Analysis;"],
    ['analyzers/importers/y.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['renderer/x.ts', "import { expandPaths } from '../analyzers/node/read-inputs.js'; export const a = expandPaths;"],
    ['renderer/y.ts', "import { readFileSync } from 'node:fs'; export const a = readFileSync;"],
    ['electron/preload/x.ts', "import { Analysis } from '../../analyzers/analysis/analysis.js'; export const a = Analysis;"],
    ['analyzers/scoring/x.ts', "import { FORMATS } from '../importers/registry.js'; export const a = FORMATS;"],
    ['analyzers/profile/y.ts', "import { readFileSync } from 'fs'; export const a = readFileSync;"],
    ['analyzers/model/y.ts', "import { createHash } from 'node:crypto'; export const a = createHash;"],
  ])('%s: forbidden import is an error', async (file, code) => {
    expect((await errorsFor(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['analyzers/importers/x.ts', "import { emptyResource } from '../model/index.js'; export const a = emptyResource;"],
    ['analyzers/node/x.ts', "import { readFileSync } from 'node:fs'; import { Analysis } from '../analysis/analysis.js'; export const a = [readFileSync, Analysis];"],
  ])('%s: allowed import passes', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
