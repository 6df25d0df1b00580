// Worker thread: decodes pieces of split inputs and keeps its own collectors; on `finish`
// it returns their mergeable state to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createPieceAnalysis, processPiece } from './piece.js';
import type { WorkerRequest, WorkerResponse } from './parallel.js';

const analysis = createPieceAnalysis((workerData as object) ?? {});

parentPort!.on('message', (m: WorkerRequest | { type: 'finish' }) => {
  try {
    if (m.type === 'piece') {
      const r = processPiece(analysis, m);
      // The piece's buffer goes back to the main thread, which reads the next pieces into it.
      const buffer = m.bytes.buffer as ArrayBuffer;
      const res: WorkerResponse = { type: 'done', id: m.id, records: r.records, rejected: r.rejected, buffer };
      parentPort!.postMessage(res, [buffer]);
    } else if (m.type === 'finish') {
      const res: WorkerResponse = { type: 'state', state: analysis.state() };
      parentPort!.postMessage(res);
      // The state is serialized and queued: end the thread now, so its heap is gone before the
      // main thread deserializes the state (peak memory holds one copy of it, not two).
      process.exit(0);
    }
  } catch (e) {
    const res: WorkerResponse = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(res);
  }
});
