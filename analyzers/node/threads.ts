// How many cores ObsReady's threads may use: OBSREADY_THREADS when set to a number, else every
// core up to 8. Shared by the split analysis (parallel.ts) and the template miner's workers.
import { availableParallelism } from 'node:os';

/** Cores to use, counting the main thread. */
export function coresToUse(): number {
  const env = process.env['OBSREADY_THREADS'];
  const n = env !== undefined && env.trim() !== '' ? Number(env) : NaN;
  return Number.isFinite(n) ? Math.floor(n) : Math.min(availableParallelism(), 8);
}
