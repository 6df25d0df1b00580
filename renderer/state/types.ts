// The UI state's shape. Changes are pure functions in transitions.ts; store.ts binds them to zustand.
import type { Report } from '../../analyzers/report/model.js';
import type { Detection, FileProgress } from '../workers/protocol.js';
import type { WorkflowAssessment } from '../features/workflows/workflow-model.js';

export type Screen = 'start' | 'inputs' | 'dashboard' | 'services' | 'findings' | 'graph' | 'timeline' | 'workflows' | 'compare';

export interface InputEntry {
  id: string;
  path: string;
  sizeBytes: number;
  detection?: Detection;
  progress?: FileProgress;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface RunState {
  status: RunStatus;
  runId: number;
  /** Worker clock, ms since the run started, at the last progress message. */
  elapsedMs: number;
  message?: string;
}

export interface FindingsFilter {
  dimension: string;
  impact: string;
  service: string;
  signal: string;
  status: 'failed' | 'passed' | 'all';
  text: string;
}

export interface CompareSide {
  name: string;
  report: Report;
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface AppState {
  screen: Screen;
  theme: 'light' | 'dark';
  inputs: InputEntry[];
  run: RunState;
  report: Report | null;
  /** True while the report is a snapshot of a run still reading files. */
  reportPartial: boolean;
  reportName: string;
  workflows: WorkflowAssessment[];
  findingsFilter: FindingsFilter;
  selectedFindingKey: string | null;
  compare: { before: CompareSide | null; after: CompareSide | null };
  notices: Notice[];
}
