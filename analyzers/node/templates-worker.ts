// Worker thread of the template miner's front end: prepares blocks (template-frontend.ts) and
// sends the columns back together with the block's bytes (both transferred, not copied).
import { parentPort } from 'node:worker_threads';
import { prepareBlock } from '../analysis/template-frontend.js';
import type { TemplateWorkerRequest, TemplateWorkerResponse } from './template-workers.js';

parentPort!.on('message', (m: TemplateWorkerRequest) => {
  let res: TemplateWorkerResponse;
  try {
    res = { type: 'done', id: m.id, bytes: m.bytes, ...prepareBlock(m) };
  } catch (e) {
    res = { type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(res, res.type === 'done' ? [res.bytes.buffer as ArrayBuffer, res.cols.buffer as ArrayBuffer] : []);
});
