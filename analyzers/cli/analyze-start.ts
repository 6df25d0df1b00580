// What `obsready analyze` needs before the analysis's modules load (main.ts imports this, and
// analyze.ts only when the command is analyze): its options, and the early start of the split's
// worker threads, whose module loading then overlaps this thread's own (see early-workers.ts).
import { parseArgs } from 'node:util';
import { OUTPUT_OPTIONS } from './output-options.js';
import { decodingThreads, looksSplittable, startEarlyWorkers } from '../node/early-workers.js';

export const ANALYZE_OPTIONS = {
  as: { type: 'string' },
  'trace-self': { type: 'string' },
  incidents: { type: 'string' },
  workflows: { type: 'string' },
  'no-progress': { type: 'boolean' },
  exact: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...OUTPUT_OPTIONS,
} as const;

/** The analysis worker's script, beside the CLI's (from dist/cli or dist/chunks alike). */
export const ANALYZE_WORKER_URL = new URL('../cli/analyze-worker.js', import.meta.url);

/** Named inputs looked at for an early start: a command line of 10,000 files is not stat'ed twice. */
const EARLY_LOOK = 32;

/**
 * The first of the inputs named on `analyze`'s command line (`argv` after `analyze`) that will very
 * likely be split (looksSplittable); undefined for a command line that fails to parse, asks for
 * help, or names none (small files, pipes, folders, an --as format that is never split).
 */
export function earlySplitInput(argv: string[], minBytes?: number): string | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: ANALYZE_OPTIONS });
  } catch {
    return undefined; // (runAnalyze says what is wrong)
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  return positionals.slice(0, EARLY_LOOK).find((p) => looksSplittable(p, values.as, minBytes));
}

/** Starts the split's workers now when `analyze argv` will very likely split an input (and there is a spare core). */
export function startAnalyzeWorkersEarly(argv: string[]): void {
  if (decodingThreads() < 2 || earlySplitInput(argv) === undefined) return;
  startEarlyWorkers(ANALYZE_WORKER_URL);
}
