// The analysis Web Worker: parsing and scoring never run on the UI thread.
import { detectInput, runAnalysis } from './analysis-engine.js';
import type { FromWorker, ToWorker } from './protocol.js';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;
const cancelled = new Set<number>();

scope.addEventListener('message', (e) => {
  const msg = e.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.runId);
    return;
  }
  if (msg.type === 'detect') {
    void Promise.all(msg.items.map(detectInput)).then((results) => scope.postMessage({ type: 'detected', requestId: msg.requestId, results }));
    return;
  }
  const runId = msg.runId;
  runAnalysis(msg.items, {
    now: () => performance.now(),
    progressEveryMs: 150,
    partialEveryMs: msg.partialEveryMs,
    ...(msg.generatedAt ? { generatedAt: msg.generatedAt } : {}),
    isCancelled: () => cancelled.has(runId),
    yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
    onProgress: (files, elapsedMs) => scope.postMessage({ type: 'progress', runId, files, elapsedMs }),
    onPartial: (report, costMs) => scope.postMessage({ type: 'partial', runId, report, costMs }),
  }, msg.incidents && msg.incidents.length > 0 ? { incidents: msg.incidents } : {})
    .then((out) => {
      if (out.kind === 'cancelled') scope.postMessage({ type: 'cancelled', runId, files: out.files });
      else scope.postMessage({ type: 'done', runId, report: out.report, files: out.files, elapsedMs: 0 });
    })
    .catch((err: unknown) => scope.postMessage({ type: 'failed', runId, message: err instanceof Error ? err.message : String(err) }))
    .finally(() => cancelled.delete(runId));
});
