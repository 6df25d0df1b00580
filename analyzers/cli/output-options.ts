// The report options of `obsready analyze` (names and types only): read by main.ts before the
// analysis's modules load (see early-split.ts), so this module imports nothing.
import type { ParseArgsConfig } from 'node:util';

export const OUTPUT_OPTIONS = {
  json: { type: 'string' },
  html: { type: 'string' },
  pdf: { type: 'string' },
  md: { type: 'string' },
  sarif: { type: 'string' },
  junit: { type: 'string' },
  paper: { type: 'string' },
  chromium: { type: 'string' },
  'fail-under': { type: 'string' },
  'fail-on': { type: 'string' },
} satisfies NonNullable<ParseArgsConfig['options']>;

export type OutputValues = { [K in keyof typeof OUTPUT_OPTIONS]?: string };

/** The report files `obsready analyze` writes, by option name. */
export const OUTPUT_FILE_OPTIONS = ['json', 'html', 'pdf', 'md', 'sarif', 'junit'] as const;
