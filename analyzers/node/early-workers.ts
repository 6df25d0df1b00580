// The worker threads of a split analysis (analyze-worker.ts), and starting them early: a worker
// loads its modules (~0.2 s of one core) before it decodes its first piece, so when a run names a
// file that will almost surely be split, main.ts starts the workers before the CLI loads its own
// modules, and both load at once (on two cores). The WorkerPool takes them at its first piece.
// Only cheap checks here (a stat, a 64 KB head read): this module is loaded before everything else,
// so it imports nothing of the analysis. A run that splits no input after all stops them unused.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { coresToUse } from './threads.js';

/** Files smaller than this are not worth the hand-off. */
export const PARALLEL_MIN_BYTES = Number(process.env['OBSREADY_SPLIT_MIN_BYTES'] ?? 32 * 1024 * 1024);

/** Formats whose lines are independent records: the only ones split. */
export const LINE_INDEPENDENT: ReadonlySet<string> = new Set(['otlp-json', 'jsonl-logs']);

/** A name read as gzip (or as plain under a gzip name, which the sequential read notes): never split. */
export const GZIP_NAME = /\.(gz|gzip|tgz)$/i;

/** The head a split decision reads (the importers' SNIFF_BYTES: the first line must end in it). */
export const SPLIT_HEAD_BYTES = 64 * 1024;

/**
 * Young generation of each worker. JSON.parse of a 1 MB piece makes a few MB of short-lived
 * objects; a nursery of 8 MB holds them, and keeps the worker's heap from growing to V8's
 * default (which costs ~70 MB of RSS per worker for nothing).
 */
const YOUNG_GEN_MB = Number(process.env['OBSREADY_WORKER_YOUNG_MB'] ?? 8);

/** Threads that decode: every core, counting the main thread (which takes pieces itself). */
export function decodingThreads(): number {
  return coresToUse();
}

/** A new analysis worker (its options come in its first message, see WorkerPool). */
export function startAnalyzeWorker(url: URL): Worker {
  const options: WorkerOptions = YOUNG_GEN_MB > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GEN_MB } } : {};
  return new Worker(url, options);
}

/**
 * Whether the named file will very likely be split (parallel.ts, splittableFormat, decides): a
 * regular file of at least `minBytes` whose name is not a gzip one, and whose first line, ending in
 * its first SPLIT_HEAD_BYTES, is a whole JSON value (an object or an array): no gzip, zstd, zip or
 * tar head is. `forced`: the --as format, if any; only a line-independent one is split.
 */
export function looksSplittable(path: string, forced: string | undefined, minBytes = PARALLEL_MIN_BYTES): boolean {
  if (forced !== undefined && !LINE_INDEPENDENT.has(forced)) return false;
  if (GZIP_NAME.test(path)) return false;
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size < minBytes) return false;
    fd = openSync(path, 'r');
    const head = Buffer.alloc(SPLIT_HEAD_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    const nl = head.subarray(0, n).indexOf(10);
    if (nl < 0) return false;
    const first: unknown = JSON.parse(head.toString('utf8', 0, nl));
    return typeof first === 'object' && first !== null;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

interface Early {
  url: string;
  workers: Worker[];
}
let early: Early | undefined;

/**
 * Starts the pool's workers now (one per spare core), for a run that will split an input. They
 * wait for their options and pieces; unreferenced until taken, so they never keep the process
 * alive (a run that ends early, on a usage error, just ends).
 */
export function startEarlyWorkers(url: URL, count = decodingThreads() - 1): void {
  if (early || count <= 0) return;
  early = { url: url.href, workers: [] };
  for (let i = 0; i < count; i++) {
    const w = startAnalyzeWorker(url);
    // A worker that failed or ended before a pool took it is dropped: the pool starts its own, and
    // that one's failure is the pool's to report.
    const drop = (): void => {
      const list = early?.workers ?? [];
      const at = list.indexOf(w);
      if (at >= 0) list.splice(at, 1);
    };
    w.once('error', drop);
    w.once('exit', drop);
    w.unref();
    early.workers.push(w);
  }
}

/** Whether workers started early are waiting to be taken. */
export function earlyWorkersWaiting(): boolean {
  return (early?.workers.length ?? 0) > 0;
}

/** A worker started early for `url`, now referenced as a running worker is (undefined: none left). */
export function takeEarlyWorker(url: URL): Worker | undefined {
  if (!early || early.url !== url.href) return undefined;
  const w = early.workers.shift();
  w?.ref();
  return w;
}

/** Stops the workers started early that no pool took (the run splits no input after all). */
export function stopEarlyWorkers(): void {
  for (const w of early?.workers.splice(0) ?? []) void w.terminate();
  early = undefined;
}
