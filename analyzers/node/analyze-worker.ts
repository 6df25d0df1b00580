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
      const res: WorkerResponse = { type: 'done', id: m.id, records: r.records, rejected: r.rejected };
      parentPort!.postMessage(res);
    } else if (m.type === 'finish') {
      const res: WorkerResponse = { type: 'state', state: analysis.state() };
      parentPort!.postMessage(res);
    }
  } catch (e) {
    const res: WorkerResponse = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(res);
  }
});
