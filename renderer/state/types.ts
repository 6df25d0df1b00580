// The UI state's shape. Changes are pure functions in transitions.ts; store.ts binds them to zustand.
import type { Report } from '../../analyzers/report/model.js';
import type { Detection, FileProgress } from '../workers/protocol.js';
import type { WorkflowAssessment } from '../../analyzers/workflows/model.js';
import type { Incident, IncidentIssue } from '../../analyzers/analysis/incidents.js';

export type Screen = 'start' | 'inputs' | 'dashboard' | 'services' | 'findings' | 'graph' | 'timeline' | 'workflows' | 'compare';

export interface InputEntry {
  id: string;
  path: string;
  sizeBytes: number;
  /** Other paths of the same file, read once (see InputSource.aliases). */
  aliases?: string[];
  /** The early guess, from the file's first bytes (SNIFF_BYTES) before the analysis reads it. */
  detection?: Detection;
  progress?: FileProgress;
  /**
   * The format (and its signal) the analysis found once it knew it, kept when the run's progress
   * goes (a new run): the file list shows it in place of the detection's guess, with why when it is
   * not the format the file's head showed (`readAs`).
   */
  analysed?: { format: string; signal?: FileProgress['signal']; readAs?: FileProgress['readAs'] };
}

/** A labelled-incidents file the user picked, parsed by the core (analyzers/analysis/incidents.ts). */
export interface IncidentLabels {
  name: string;
  sizeBytes: number;
  incidents: Incident[];
  issues: IncidentIssue[];
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface RunState {
  status: RunStatus;
  runId: number;
  /** Worker clock, ms since the run started, at the last progress message. */
  elapsedMs: number;
  message?: string;
  /** The incident labels file whose incidents this run replays (absent: none were given). */
  incidentLabelsName?: string;
}

export interface FindingsFilter {
  dimension: string;
  impact: string;
  service: string;
  signal: string;
  /** 'not-passing': fails or cannot tell (inconclusive); 'failed': fails outright. */
  status: 'not-passing' | 'failed' | 'inconclusive' | 'passed' | 'all';
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
  /** Optional labelled incidents: the next run replays root-cause ranking on them. */
  incidentLabels: IncidentLabels | null;
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
  /** Files picked after a run, waiting for the user's choice (new analysis, add and re-run, cancel). */
  pendingAdd: { entries: InputEntry[] } | null;
}
