// Worker thread: decodes pieces of split inputs and keeps its own collectors; on `finish`
// it returns their mergeable state to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { Analysis } from '../analysis/analysis.js';
import { TOOL_VERSION } from '../version.js';
import type { WorkerRequest, WorkerResponse } from './parallel.js';

const noHash = () => ({ update: () => undefined, digestHex: () => '' });
const analysis = new Analysis({ toolVersion: TOOL_VERSION, createHasher: noHash, ...((workerData as object) ?? {}) });

parentPort!.on('message', (m: WorkerRequest | { type: 'finish' }) => {
  try {
    if (m.type === 'piece') {
      const s = analysis.openInput(m.path, { index: m.index }).asPiece(m.format, m.firstLine, m.firstOffset);
      s.push(m.bytes, false);
      s.end();
      const res: WorkerResponse = { type: 'done', id: m.id, records: s.report.records, rejected: s.report.rejected };
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
