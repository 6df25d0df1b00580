// How many cores ObsReady's threads may use: OBSREADY_THREADS when set to a number (a cap: 1 to 8),
// else every core up to 8. Shared by the split analysis (parallel.ts) and the template miner's
// workers. Never more than 8: each thread holds its own piece's state, so 1,000 threads asked for
// would need gigabytes and gain nothing on any machine this runs on.
import { availableParallelism } from 'node:os';

const MAX_THREADS = 8;

/** Cores to use, counting the main thread. */
export function coresToUse(): number {
  const env = process.env['OBSREADY_THREADS'];
  const n = env !== undefined && env.trim() !== '' ? Number(env) : NaN;
  return Number.isFinite(n) ? Math.max(1, Math.min(Math.floor(n), MAX_THREADS)) : Math.min(availableParallelism(), MAX_THREADS);
}
