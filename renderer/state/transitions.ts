// Pure state changes (jaeger-ui style: outside `create`, testable without React or a worker).
import type { Report } from '../../analyzers/report/model.js';
import type { Detection, FileProgress } from '../workers/protocol.js';
import { parseWorkflows, type WorkflowAssessment } from '../../analyzers/workflows/model.js';
import type { AppState, CompareSide, FindingsFilter, IncidentLabels, InputEntry, Notice, Screen } from './types.js';

export const DEFAULT_FILTER: FindingsFilter = { dimension: 'all', impact: 'all', service: 'all', signal: 'all', status: 'not-passing', text: '' };

export function initialState(theme: AppState['theme'] = 'light'): AppState {
  return {
    screen: 'start',
    theme,
    inputs: [],
    incidentLabels: null,
    run: { status: 'idle', runId: 0, elapsedMs: 0 },
    report: null,
    reportPartial: false,
    reportName: '',
    workflows: [],
    findingsFilter: DEFAULT_FILTER,
    selectedFindingKey: null,
    compare: { before: null, after: null },
    notices: [],
    pendingAdd: null,
  };
}

/**
 * A run's title (Recent analyses, exports): the one file, the folder all files share, or the first
 * file and how many more, instead of "16 inputs".
 */
export function runTitle(paths: string[]): string {
  if (paths.length === 0) return 'no inputs';
  if (paths.length === 1) return paths[0]!;
  const top = paths.map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/')) : null));
  if (top[0] && top.every((t) => t === top[0])) return `${top[0]}/ (${paths.length} files)`;
  return `${paths[0]} and ${paths.length - 1} more ${paths.length - 1 === 1 ? 'file' : 'files'}`;
}

/** Make display paths unique: the worker and the report key inputs by path. */
export function uniquePath(path: string, taken: ReadonlySet<string>): string {
  if (!taken.has(path)) return path;
  for (let n = 2; ; n++) {
    const candidate = `${path} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Files picked after a run (or with a report open) do not silently replace what was analysed: the
 * user is asked first (AddFilesDialog) whether to start a new analysis with them or to add them to
 * the current files and run again. Before any run they are simply listed.
 */
export function needsAddChoice(state: Pick<AppState, 'run'>): boolean {
  return state.run.status !== 'idle' && state.run.status !== 'running';
}

/** Hold picked files until the user chose what to do with them (the sources stay registered). */
export function askToAdd(state: AppState, entries: InputEntry[]): Partial<AppState> {
  if (state.run.status === 'running' || entries.length === 0) return {};
  return { pendingAdd: { entries } };
}

/** The user cancelled: the picked files are dropped, the current analysis stays as it was. */
export function dropPendingAdd(_state: AppState): Partial<AppState> {
  return { pendingAdd: null };
}

/**
 * `new` (the default): after a run, the files listed and the verdict go and these files are listed
 * for a new analysis (the finished report stays under Recent analyses); before any run they join
 * the list. `add`: they join the current files and the verdict goes, for a run of them all.
 */
export function addInputs(state: AppState, entries: InputEntry[], mode: 'new' | 'add' = 'new'): Partial<AppState> {
  if (state.run.status === 'running') return {};
  const after = state.run.status !== 'idle';
  const base = after && mode === 'new' ? [] : state.inputs;
  const taken = new Set(base.map((e) => e.path));
  const added = entries.map((e) => {
    const path = uniquePath(e.path, taken);
    taken.add(path);
    return { ...e, path };
  });
  const next: Partial<AppState> = { inputs: [...base, ...added], screen: 'inputs', pendingAdd: null };
  if (!after) return next;
  return {
    ...next,
    // (progress of the last run goes with its verdict: the next run reads every file again)
    ...(mode === 'add' ? { inputs: [...base.map(({ progress: _p, ...e }) => e), ...added] } : {}),
    run: { status: 'idle', runId: state.run.runId, elapsedMs: 0 },
    report: null,
    reportPartial: false,
  };
}

/** Pick (or with null, drop) the incident labels; they apply from the next run on. */
export function setIncidentLabels(state: AppState, labels: IncidentLabels | null): Partial<AppState> {
  if (state.run.status === 'running') return {};
  return { incidentLabels: labels };
}

/** Incidents the next run will replay: none when the file gave no usable row. */
export function usableIncidents(state: Pick<AppState, 'incidentLabels'>): IncidentLabels['incidents'] {
  return state.incidentLabels?.incidents ?? [];
}

export function removeInput(state: AppState, id: string): Partial<AppState> {
  if (state.run.status === 'running') return {};
  return { inputs: state.inputs.filter((e) => e.id !== id) };
}

export function clearInputs(state: AppState): Partial<AppState> {
  if (state.run.status === 'running') return {};
  return { inputs: [], run: { status: 'idle', runId: state.run.runId, elapsedMs: 0 }, report: null, reportPartial: false, screen: 'start' };
}

export function applyDetections(state: AppState, detections: Detection[]): Partial<AppState> {
  const byId = new Map(detections.map((d) => [d.id, d]));
  return { inputs: state.inputs.map((e) => (byId.has(e.id) ? { ...e, detection: byId.get(e.id)! } : e)) };
}

export function startRun(state: AppState, runId: number, name: string): Partial<AppState> {
  const labels = state.incidentLabels;
  return {
    run: { status: 'running', runId, elapsedMs: 0, ...(labels && labels.incidents.length > 0 ? { incidentLabelsName: labels.name } : {}) },
    inputs: state.inputs.map(({ progress: _p, ...e }) => e),
    report: null,
    reportPartial: false,
    reportName: name,
    selectedFindingKey: null,
    screen: 'inputs',
  };
}

function mergeProgress(inputs: InputEntry[], files: FileProgress[]): InputEntry[] {
  const byId = new Map(files.map((f) => [f.id, f]));
  return inputs.map((e) => {
    const p = byId.get(e.id);
    if (!p) return e;
    // The analysis's format, once it knows it (an archive's "tar: 3 files so far" is no format)
    const known = p.format !== undefined && p.format !== 'unknown' && p.archive === undefined;
    return { ...e, progress: p, ...(known ? { analysed: { format: p.format!, ...(p.signal ? { signal: p.signal } : {}), ...(p.readAs !== undefined ? { readAs: p.readAs } : {}) } } : {}) };
  });
}

export function applyProgress(state: AppState, runId: number, files: FileProgress[], elapsedMs: number): Partial<AppState> {
  if (runId !== state.run.runId || state.run.status !== 'running') return {};
  return { inputs: mergeProgress(state.inputs, files), run: { ...state.run, elapsedMs } };
}

export function applyPartial(state: AppState, runId: number, report: Report): Partial<AppState> {
  if (runId !== state.run.runId || state.run.status !== 'running') return {};
  return { report, reportPartial: true };
}

export function finishRun(state: AppState, runId: number, report: Report, files: FileProgress[]): Partial<AppState> {
  if (runId !== state.run.runId) return {};
  return {
    run: { ...state.run, status: 'done' },
    inputs: mergeProgress(state.inputs, files),
    report,
    reportPartial: false,
    screen: state.screen === 'inputs' || state.screen === 'start' ? 'dashboard' : state.screen,
  };
}

/** Screens that show nothing without a report: a cancelled run leaves them for the inputs. */
const REPORT_SCREENS: ReadonlySet<Screen> = new Set(['services', 'findings', 'graph', 'timeline']);

export function cancelRun(state: AppState, runId: number, files: FileProgress[]): Partial<AppState> {
  if (runId !== state.run.runId) return {};
  // Files the worker did not report on (it was stopped outright) are cancelled too.
  const inputs = mergeProgress(state.inputs, files).map((e) => (e.progress && (e.progress.status === 'reading' || e.progress.status === 'queued') ? { ...e, progress: { ...e.progress, status: 'cancelled' as const } } : e));
  // A cancelled run has no verdict: the provisional snapshot (verdict, score, fix plan) goes; what
  // was read stays on the file rows.
  return {
    run: { ...state.run, status: 'cancelled', message: 'Analysis cancelled: no verdict.' },
    inputs,
    report: null,
    reportPartial: false,
    screen: REPORT_SCREENS.has(state.screen) ? 'inputs' : state.screen,
  };
}

export function failRun(state: AppState, runId: number, message: string): Partial<AppState> {
  if (runId !== state.run.runId) return {};
  return { run: { ...state.run, status: 'failed', message } };
}

/** Open a saved report (JSON file, recent analysis): no inputs to stream. */
export function loadReport(state: AppState, report: Report, name: string): Partial<AppState> {
  const workflows = Array.isArray(report.workflows) ? parseWorkflows(JSON.stringify(report.workflows)).workflows : state.workflows;
  return {
    report,
    reportPartial: false,
    reportName: name,
    workflows,
    inputs: [],
    run: { status: 'done', runId: state.run.runId, elapsedMs: 0 },
    screen: 'dashboard',
    selectedFindingKey: null,
  };
}

/** The assessment is kept beside the report and folded into every export (features/export). */
export function setWorkflows(_state: AppState, workflows: WorkflowAssessment[]): Partial<AppState> {
  return { workflows };
}

export function setScreen(_state: AppState, screen: Screen): Partial<AppState> {
  return { screen };
}

export function setFilter(state: AppState, patch: Partial<FindingsFilter>): Partial<AppState> {
  return { findingsFilter: { ...state.findingsFilter, ...patch } };
}

export function setCompareSide(state: AppState, side: 'before' | 'after', value: CompareSide | null): Partial<AppState> {
  return { compare: { ...state.compare, [side]: value } };
}

let noticeId = 0;
export function pushNotice(state: AppState, kind: Notice['kind'], text: string): Partial<AppState> {
  noticeId += 1;
  return { notices: [...state.notices.slice(-2), { id: noticeId, kind, text }] };
}

export function dismissNotice(state: AppState, id: number): Partial<AppState> {
  return { notices: state.notices.filter((n) => n.id !== id) };
}

/** Overall progress for the header: bytes done / total, and an ETA from the observed rate. */
export function overallProgress(inputs: InputEntry[], elapsedMs: number): { bytesRead: number; totalBytes: number; records: number; etaMs: number | null } {
  let bytesRead = 0;
  let totalBytes = 0;
  let records = 0;
  for (const e of inputs) {
    totalBytes += e.sizeBytes;
    bytesRead += Math.min(e.progress?.bytesRead ?? 0, e.sizeBytes);
    records += e.progress?.records ?? 0;
  }
  const etaMs = bytesRead > 0 && elapsedMs > 500 ? ((totalBytes - bytesRead) * elapsedMs) / bytesRead : null;
  return { bytesRead, totalBytes, records, etaMs };
}

/** ETA of one file from its own rate since it started. */
export function fileEtaMs(p: FileProgress, elapsedMs: number): number | null {
  if (p.status !== 'reading' || p.startedMs === undefined || p.bytesRead === 0) return null;
  const spent = elapsedMs - p.startedMs;
  if (spent < 300) return null;
  return ((p.sizeBytes - p.bytesRead) * spent) / p.bytesRead;
}
