#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/ by `npm run build:cli` (run on npm install).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'obsready.js');
if (!existsSync(entry)) {
  process.stderr.write('obsready: the CLI is not built yet; run `npm install` (or `npm run build:cli`) in the checkout.\n');
  process.exit(2);
}
await import(pathToFileURL(entry).href);
