// Bundles Electron's main process and preload with esbuild into dist/electron (CommonJS: the
// sandboxed preload must be a single CommonJS file; main follows package.json "main").
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning', external: ['electron'] };

await build({ ...common, entryPoints: { main: 'electron/main/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
await build({ ...common, entryPoints: { preload: 'electron/preload/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
