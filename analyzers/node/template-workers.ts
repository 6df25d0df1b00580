// Worker threads for the template miner's front end (analyzers/analysis/template-frontend.ts):
// a BlockExecutor for mineInBlocks that prepares each block in the least busy thread. Threads
// start on the first block (a short stream never starts one) and end with close().
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { coresToUse } from './threads.js';
import type { BlockExecutor } from '../analysis/template-blocks.js';
import type { PrepareRequest, PreparedBlock } from '../analysis/template-frontend.js';

export type TemplateWorkerRequest = PrepareRequest & { id: number };
export type TemplateWorkerResponse = ({ type: 'done'; id: number; bytes: Uint8Array } & PreparedBlock) | { type: 'error'; id: number; message: string };

/**
 * Worker threads for a machine: one per core besides the main thread (which routes and prepares
 * blocks too while the workers are busy), at most 7; 0 on one core. OBSREADY_THREADS sets the
 * number of cores to use.
 */
export function templateThreads(): number {
  return Math.max(0, Math.min(coresToUse(), 8) - 1);
}

/**
 * The worker script next to the bundled CLI (dist/cli/templates-worker.js), from a module in
 * dist/cli, dist/chunks or dist/bench; undefined when it is not there (sources run unbundled).
 */
export function templateWorkerUrl(from: string): URL | undefined {
  const url = new URL('../cli/templates-worker.js', from);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

/** Blocks each worker holds at once (one being prepared, one waiting). */
const PER_WORKER = 2;

export class TemplateWorkers implements BlockExecutor {
  private readonly threads: Slot[] = [];
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: PreparedBlock & { bytes: Uint8Array }) => void; reject: (e: Error) => void; slot: Slot }>();

  constructor(
    private readonly url: URL,
    private readonly size: number,
  ) {}

  get slots(): number {
    return this.size * PER_WORKER;
  }

  poll(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  execute(req: PrepareRequest): Promise<PreparedBlock & { bytes: Uint8Array }> {
    if (this.threads.length < this.size) this.spawn();
    let slot = this.threads[0]!;
    for (const s of this.threads) if (s.inFlight < slot.inFlight) slot = s;
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      const msg: TemplateWorkerRequest = { ...req, id };
      const transfer = [req.bytes.buffer as ArrayBuffer];
      if (req.cols && req.cols.buffer !== req.bytes.buffer) transfer.push(req.cols.buffer as ArrayBuffer);
      slot.worker.postMessage(msg, transfer);
    });
  }

  private spawn(): void {
    const slot: Slot = { worker: new Worker(this.url, { resourceLimits: { maxYoungGenerationSizeMb: 8 } }), inFlight: 0 };
    slot.worker.on('message', (m: TemplateWorkerResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.slot.inFlight--;
      if (m.type === 'done') p.resolve(m);
      else p.reject(new Error(m.message));
    });
    const fail = (e: Error): void => {
      for (const [id, p] of this.pending) {
        if (p.slot !== slot) continue;
        this.pending.delete(id);
        p.reject(e);
      }
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`template worker exited with code ${code}`)));
    this.threads.push(slot);
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    const all = this.threads.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}
