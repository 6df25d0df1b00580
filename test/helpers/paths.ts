import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Real public sample data, beside the checkout (never copied into the repo). */
export const DATA = resolve(REPO, '../shared/data');
export const CLI = resolve(REPO, 'dist/cli/obsready.js');
export const data = (...p: string[]) => resolve(DATA, ...p);
