// Worker thread: decodes pieces of split inputs and keeps its own collectors; on `finish`
// it returns their mergeable state to the main thread.
// (Its imports are the analysis's alone: no module of the CLI or of the report renderers.)
import { parentPort } from 'node:worker_threads';
import { createPieceAnalysis, processPiece } from './piece.js';
import type { Analysis, AnalysisState } from '../analysis/analysis.js';
import type { WorkerFinish, WorkerInit, WorkerRequest, WorkerResponse } from './parallel.js';

/**
 * Made by the first message (`init`, the pool's options), not at start: a worker may be started
 * before the run knows them (see early-workers.ts).
 */
let analysis: Analysis | undefined;
const ready = (): Analysis => (analysis ??= createPieceAnalysis());

/**
 * The buffers of the state's big typed arrays (exact id sets, Bloom filters), to be moved rather
 * than copied: this thread ends as soon as the state is posted.
 */
function transferables(state: Partial<AnalysisState>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.byteLength >= 1 << 20 && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
      return;
    }
    // (an array that starts with a primitive is taken for an array of primitives, as the state's
    // columns of ids are: not walked element by element; a typed array missed would be copied, not lost)
    if (Array.isArray(v)) {
      if (v.length > 0 && (v[0] === null || typeof v[0] === 'object')) for (const x of v) walk(x);
      return;
    }
    for (const x of Object.values(v)) walk(x);
  };
  walk(state);
  return [...out];
}

parentPort!.on('message', (m: WorkerInit | WorkerRequest | WorkerFinish) => {
  try {
    if (m.type === 'init') analysis ??= createPieceAnalysis(m.options);
    else if (m.type === 'piece') {
      const r = processPiece(ready(), m);
      // The piece's buffer goes back to the main thread, which reads the next pieces into it.
      const buffer = m.bytes.buffer as ArrayBuffer;
      const res: WorkerResponse = { type: 'done', id: m.id, records: r.records, rejected: r.rejected, buffer };
      parentPort!.postMessage(res, [buffer]);
    } else if (m.type === 'finish') {
      // This thread's merge sizes first, so the main thread prepares its side of the merge while
      // this one prepares its own (see Collector.prepareMerge).
      const analysis = ready();
      parentPort!.postMessage({ type: 'sizes', sizes: analysis.mergeSizes() } satisfies WorkerResponse);
      // The state in parts, each prepared for the merge and sent as soon as it is built: the main
      // thread merges one while this one builds the next; then the end of it (an empty last part).
      // (Big typed arrays move rather than being copied: this thread ends next.)
      for (const part of analysis.stateParts(m.sizes)) parentPort!.postMessage({ type: 'part', state: part } satisfies WorkerResponse, transferables(part));
      parentPort!.postMessage({ type: 'state', state: {} } satisfies WorkerResponse);
      // The state is serialized and queued: end the thread now, so its heap is gone while the main
      // thread takes in the last parts.
      process.exit(0);
    }
  } catch (e) {
    const res: WorkerResponse = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(res);
  }
});
