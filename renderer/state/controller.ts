// Orchestrates the analysis worker for the UI: detection of picked inputs, the streaming run,
// cancel, and what happens with the finished report. Holds what is not state (sources, worker).
import { serializeReport } from '../../analyzers/report/json.js';
import type { Report } from '../../analyzers/report/model.js';
import { SNIFF_BYTES } from '../../analyzers/importers/types.js';
import { platform, type InputSource } from '../platform/index.js';
import type { AnalyzeItem, DetectItem, FromWorker, ToWorker } from '../workers/protocol.js';
import { getState, update } from './store.js';
import { MAX_INCIDENTS_FILE_BYTES, parseIncidentsBytes } from '../../analyzers/analysis/incidents.js';
import { runTitle, addInputs, applyDetections, applyPartial, applyProgress, askToAdd, cancelRun, dropPendingAdd, failRun, finishRun, loadReport, needsAddChoice, pushNotice, setIncidentLabels, startRun, usableIncidents } from './transitions.js';

const PARTIAL_EVERY_MS = 1000;
const CANCEL_GRACE_MS = 3000;
const DETECT_BATCH = 32;

const sources = new Map<string, InputSource>();
let worker: Worker | null = null;
let detectSeq = 0;
let runSeq = 0;
const pendingDetect = new Map<number, (m: Extract<FromWorker, { type: 'detected' }>) => void>();
let cancelTimer: ReturnType<typeof setTimeout> | undefined;

function ensureWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'obsready-analysis' });
  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => onWorkerMessage(e.data));
  worker.addEventListener('error', (e) => {
    update(failRun, getState().run.runId, `The analysis worker stopped: ${e.message || 'unknown error'}`);
    restartWorker();
  });
  return worker;
}

function restartWorker(): void {
  worker?.terminate();
  worker = null;
}

function post(msg: ToWorker, transfer: Transferable[] = []): void {
  ensureWorker().postMessage(msg, transfer);
}

function onWorkerMessage(m: FromWorker): void {
  switch (m.type) {
    case 'detected':
      pendingDetect.get(m.requestId)?.(m);
      pendingDetect.delete(m.requestId);
      return;
    case 'progress':
      update(applyProgress, m.runId, m.files, m.elapsedMs);
      return;
    case 'partial':
      update(applyPartial, m.runId, m.report);
      return;
    case 'done':
      clearTimeout(cancelTimer);
      update(finishRun, m.runId, m.report, m.files);
      void rememberReport(m.report);
      return;
    case 'cancelled':
      clearTimeout(cancelTimer);
      update(cancelRun, m.runId, m.files);
      return;
    case 'failed':
      update(failRun, m.runId, m.message);
      return;
  }
}

async function rememberReport(report: Report): Promise<void> {
  const st = getState();
  try {
    await platform.addRecent(st.reportName || `${report.inputs.length} inputs`, serializeReport(report));
  } catch {
    /* recent list is a convenience; never fail the run over it */
  }
}

export async function addSources(list: InputSource[], skipped: { path: string; reason: string }[] = []): Promise<void> {
  if (getState().run.status === 'running') {
    update(pushNotice, 'info', 'An analysis is running: cancel it before adding files.');
    return;
  }
  for (const s of list) sources.set(s.id, s);
  for (const s of skipped) update(pushNotice, 'error', `${s.path}: ${s.reason}`);
  const entries = list.map((s) => ({ id: s.id, path: s.path, sizeBytes: s.sizeBytes, ...(s.aliases?.length ? { aliases: s.aliases } : {}) }));
  // After a run the user chooses first (resolvePendingAdd); before one the files are listed.
  if (needsAddChoice(getState())) {
    // (a second pick while the question is open replaces the first: its sources are let go)
    for (const e of getState().pendingAdd?.entries ?? []) removeSource(e.id);
    update(askToAdd, entries);
    return;
  }
  update(addInputs, entries);
  await detectSources(list);
}

/**
 * The user's answer to picked files after a run: `new` lists them for a new analysis instead of
 * the current files, `add` adds them to the current files; both run at once (the question was the
 * confirmation). `cancel` lets them go and leaves the analysis as it was.
 */
export async function resolvePendingAdd(choice: 'new' | 'add' | 'cancel'): Promise<void> {
  const pending = getState().pendingAdd;
  if (!pending) return;
  if (choice === 'cancel' || getState().run.status === 'running') {
    for (const e of pending.entries) removeSource(e.id);
    update(dropPendingAdd);
    return;
  }
  // The files set aside by a new analysis are let go (an opened report has none).
  if (choice === 'new') for (const e of getState().inputs) removeSource(e.id);
  update(addInputs, pending.entries, choice);
  startAnalysis();
  await detectSources(pending.entries.flatMap((e) => sources.get(e.id) ?? []));
}

async function detectSources(list: InputSource[]): Promise<void> {
  // Sources whose paths were made unique keep the state's path.
  const byId = new Map(getState().inputs.map((e) => [e.id, e.path]));
  // In batches: a picked folder can hold thousands of files, and each head is up to 64 KiB.
  for (let i = 0; i < list.length; i += DETECT_BATCH) {
    const batch = list.slice(i, i + DETECT_BATCH);
    const items: DetectItem[] = await Promise.all(
      batch.map(async (s) => ({ id: s.id, path: byId.get(s.id) ?? s.path, sizeBytes: s.sizeBytes, head: await s.readHead(SNIFF_BYTES).catch(() => new Uint8Array(0)) })),
    );
    const requestId = ++detectSeq;
    const res = await new Promise<Extract<FromWorker, { type: 'detected' }>>((resolve) => {
      pendingDetect.set(requestId, resolve);
      post({ type: 'detect', requestId, items }, items.map((it) => it.head.buffer as ArrayBuffer));
    });
    update(applyDetections, res.results);
  }
}

export function startAnalysis(): void {
  const st = getState();
  if (st.run.status === 'running' || st.inputs.length === 0) return;
  const runId = ++runSeq;
  const name = runTitle(st.inputs.map((e) => e.path));
  update(startRun, runId, name);
  const items: AnalyzeItem[] = [];
  const transfer: Transferable[] = [];
  for (const e of getState().inputs) {
    const src = sources.get(e.id);
    if (!src) continue;
    const source = src.open();
    if (!(source instanceof Blob)) transfer.push(source as unknown as Transferable);
    items.push({ id: e.id, path: e.path, sizeBytes: e.sizeBytes, source, ...(e.aliases?.length ? { aliases: e.aliases } : {}) });
  }
  const incidents = usableIncidents(getState());
  post({ type: 'analyze', runId, items, partialEveryMs: PARTIAL_EVERY_MS, ...(incidents.length > 0 ? { incidents } : {}) }, transfer);
}

/**
 * An incident labels file the user picked: parsed by the core (CSV or JSON, found from the
 * content), problems kept with the labels so the picker can show them. Incident lists are small;
 * the size is checked before reading so a telemetry file picked by mistake is not loaded whole.
 */
export async function loadIncidentLabels(file: Blob, name: string): Promise<void> {
  if (getState().run.status === 'running') {
    update(pushNotice, 'info', 'An analysis is running: cancel it before changing the incident labels.');
    return;
  }
  const base = { name, sizeBytes: file.size };
  if (file.size > MAX_INCIDENTS_FILE_BYTES) {
    update(setIncidentLabels, { ...base, incidents: [], issues: [{ code: 'unreadable', message: `larger than ${MAX_INCIDENTS_FILE_BYTES / (1024 * 1024)} MiB; an incidents file lists incidents, not telemetry` }] });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    update(setIncidentLabels, { ...base, incidents: [], issues: [{ code: 'unreadable', message: `cannot read: ${(e as Error).message}` }] });
    return;
  }
  update(setIncidentLabels, { ...base, ...parseIncidentsBytes(bytes) });
}

export function clearIncidentLabels(): void {
  update(setIncidentLabels, null);
}

export function cancelAnalysis(): void {
  const { run } = getState();
  if (run.status !== 'running') return;
  post({ type: 'cancel', runId: run.runId });
  // A worker stuck in a long synchronous step is stopped outright.
  cancelTimer = setTimeout(() => {
    if (getState().run.status === 'running' && getState().run.runId === run.runId) {
      restartWorker();
      update(cancelRun, run.runId, []);
    }
  }, CANCEL_GRACE_MS);
}

export function removeSource(id: string): void {
  sources.get(id)?.release?.();
  sources.delete(id);
}

/** A report JSON file the user opened (or a recent analysis). */
export function openReportText(text: string, name: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    update(pushNotice, 'error', `${name} is not valid JSON.`);
    return false;
  }
  const r = parsed as Partial<Report>;
  if (!r || typeof r !== 'object' || typeof r.schemaVersion !== 'string' || !Array.isArray(r.inputs) || !r.signals) {
    update(pushNotice, 'error', `${name} is not an ObsReady report (no schemaVersion/inputs/signals).`);
    return false;
  }
  update(loadReport, r as Report, name);
  return true;
}

export function parseReportText(text: string): Report | null {
  try {
    const r = JSON.parse(text) as Partial<Report>;
    return r && typeof r.schemaVersion === 'string' && Array.isArray(r.inputs) && r.signals ? (r as Report) : null;
  } catch {
    return null;
  }
}
