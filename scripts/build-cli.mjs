// Bundles the CLI (and benchmarks) with esbuild; npm packages stay external.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const entryPoints = { 'cli/obsready': 'analyzers/cli/main.ts', 'cli/analyze-worker': 'analyzers/node/analyze-worker.ts', 'cli/templates-worker': 'analyzers/node/templates-worker.ts' };
entryPoints['demo/run'] = 'demo/run.ts';
for (const f of existsSync('bench') ? readdirSync('bench') : []) {
  if (f.endsWith('.ts')) entryPoints[`bench/${f.replace(/\.ts$/, '')}`] = `bench/${f}`;
}
for (const [k, v] of Object.entries(entryPoints)) if (!existsSync(v)) delete entryPoints[k];

/**
 * Small pure-JS packages every `analyze` loads (CSV parsing, gzip/zip, zstd, SHA-256): bundled into
 * the chunks rather than imported, which saves Node's resolution and ESM/CommonJS loading of each
 * (~60 ms of start-up CPU on the main thread, papaparse and @noble/hashes on each worker too).
 */
const BUNDLED = new Set(['papaparse', 'fflate', 'fzstd', '@noble/hashes']);
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Other npm packages stay external (imported from node_modules).
  plugins: [{ name: 'external-packages', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('node:') || !BUNDLED.has(packageName(a.path)) ? { path: a.path, external: true } : undefined)) }],
  sourcemap: true,
  splitting: true, // lazy chunks: the OTel SDK and the report renderers load only when used
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
