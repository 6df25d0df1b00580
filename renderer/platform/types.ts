// What the UI needs from its host, implemented once for Electron (platform/desktop.ts, over
// window.obsready) and once for a plain browser (platform/browser.ts).
import type { ExportFormat, MenuCommand, RecentAnalysis } from '../../electron/shared/contract.js';

export type { ExportFormat, MenuCommand, RecentAnalysis };

/** An input the user chose, before and during analysis. */
export interface InputSource {
  id: string;
  path: string;
  sizeBytes: number;
  /** Other paths of the same file (desktop: a symbolic or hard link in the pick); it is read once. */
  aliases?: string[];
  /** Read the first `n` bytes (for the "detected as" list). */
  readHead(n: number): Promise<Uint8Array>;
  /** What the worker reads: a Blob (read in the worker) or a stream fed from the host. */
  open(): Blob | ReadableStream<Uint8Array>;
  release?(): void;
}

export type PickOutcome = { ok: true; inputs: InputSource[]; skipped: { path: string; reason: string }[] } | { ok: false; reason: 'cancelled' };
export type SaveOutcome = { ok: true; where: string } | { ok: false; reason: 'cancelled' | 'write-failed' | 'print-failed'; message?: string };

export interface Platform {
  kind: 'desktop' | 'web';
  /** Desktop: native dialogs. Web: undefined, the UI shows file inputs instead. */
  pickFiles?(): Promise<PickOutcome>;
  pickFolder?(): Promise<PickOutcome>;
  /** Files from an <input type=file> or a drop (folders in a drop are walked recursively). */
  fromFileList(files: Iterable<File>): InputSource[];
  fromDrop(data: DataTransfer): Promise<InputSource[]>;
  saveExport(format: ExportFormat, suggestedName: string, content: string | Uint8Array): Promise<SaveOutcome>;
  /** Print the HTML report to PDF (desktop) or open the browser's print dialog on it (web). */
  printPdf(html: string, suggestedName: string): Promise<SaveOutcome>;
  listRecent(): Promise<RecentAnalysis[]>;
  addRecent(title: string, reportJson: string): Promise<void>;
  openRecent(id: string): Promise<string | null>;
  removeRecent(id: string): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
