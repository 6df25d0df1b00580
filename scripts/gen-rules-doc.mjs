// Writes docs/rules.md from the rule catalogue (bundles the TypeScript renderer with esbuild).
import { build } from 'esbuild';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const out = 'dist/tmp/rules-doc.mjs';
mkdirSync('dist/tmp', { recursive: true });
await build({ entryPoints: ['analyzers/scoring/rules-doc.ts'], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
const { renderRulesDoc } = await import(pathToFileURL(out).href);
writeFileSync('docs/rules.md', renderRulesDoc());
rmSync(out);
console.log('docs/rules.md written');
