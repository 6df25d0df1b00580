// Bundles the CLI (and benchmarks) with esbuild; npm packages stay external.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';

const entryPoints = { 'cli/obsready': 'analyzers/cli/main.ts', 'cli/analyze-worker': 'analyzers/node/analyze-worker.ts', 'cli/templates-worker': 'analyzers/node/templates-worker.ts' };
entryPoints['demo/run'] = 'demo/run.ts';
for (const f of existsSync('bench') ? readdirSync('bench') : []) {
  if (f.endsWith('.ts')) entryPoints[`bench/${f.replace(/\.ts$/, '')}`] = `bench/${f}`;
}
for (const [k, v] of Object.entries(entryPoints)) if (!existsSync(v)) delete entryPoints[k];

await build({
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  splitting: true, // lazy chunks: the OTel SDK and the report renderers load only when used
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
