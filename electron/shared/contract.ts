// The IPC contract between the renderer and Electron's main process: channel names, argument
// and result types, and the AppApi the preload exposes as `window.obsready`. Types only (plus
// the channel table), so the renderer, the preload and main all compile against one file.
//
// Conventions: channels are `domain:verb-noun`; every call is async (invoke/handle); expected
// failures (a cancelled dialog, an unreadable file) are result values, never thrown errors.

export const CHANNELS = {
  openFiles: 'dialog:open-files',
  openFolder: 'dialog:open-folder',
  readChunk: 'file:read-chunk',
  closeFile: 'file:close-file',
  saveExport: 'export:save-file',
  printPdf: 'export:print-pdf',
  listRecent: 'recent:list-analyses',
  addRecent: 'recent:add-analysis',
  openRecent: 'recent:open-analysis',
  removeRecent: 'recent:remove-analysis',
  getAppInfo: 'app:get-info',
} as const;

/** Main → renderer event (menu items); the only one-way channel. */
export const MENU_COMMAND_CHANNEL = 'menu:run-command';

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

export type MenuCommand = 'open-files' | 'open-folder' | 'export-json' | 'export-pdf' | 'toggle-theme' | 'show-start';

/** A file the user picked in a native dialog. The renderer never sees or sends raw paths for reading: only `fileId`. */
export interface PickedFile {
  fileId: string;
  /** Display path: relative to the picked folder, or the file name. */
  path: string;
  sizeBytes: number;
  /** Other paths of the same file in the pick (a symbolic link, a hard link): it is read once, as `path`. */
  aliases?: string[];
}

export type PickResult = { ok: true; files: PickedFile[]; missing: { path: string; reason: string }[] } | { ok: false; reason: 'cancelled' };

export interface ReadChunkArgs {
  fileId: string;
  offset: number;
  /** At most MAX_CHUNK_BYTES. */
  maxBytes: number;
}

export type ReadChunkResult = { ok: true; bytes: Uint8Array; eof: boolean } | { ok: false; code: 'unknown-file' | 'read-failed'; message: string };

export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

export type ExportFormat = 'json' | 'html' | 'markdown' | 'sarif' | 'junit' | 'pdf' | 'workflows';

export interface SaveExportArgs {
  format: ExportFormat;
  suggestedName: string;
  /** Text formats as a string, PDF as bytes. */
  content: string | Uint8Array;
}

export type SaveResult = { ok: true; path: string } | { ok: false; reason: 'cancelled' | 'write-failed' | 'print-failed'; message?: string };

export interface PrintPdfArgs {
  /** The single-file HTML report to print (no scripts run while printing). */
  html: string;
  suggestedName: string;
  pageSize: 'A4' | 'Letter';
}

export interface RecentAnalysis {
  id: string;
  title: string;
  savedAt: string;
  verdict: string | null;
  score: number | null;
  inputCount: number;
}

export interface AddRecentArgs {
  title: string;
  /** The report as serialised JSON (analyzers/report/json.ts). */
  reportJson: string;
}

export type OpenRecentResult = { ok: true; reportJson: string } | { ok: false; reason: 'not-found' | 'read-failed' };

export interface AppInfo {
  version: string;
  platform: string;
  electron: string;
}

/** Exactly what the preload exposes on `window.obsready`. */
export interface AppApi {
  openFiles(): Promise<PickResult>;
  openFolder(): Promise<PickResult>;
  readChunk(args: ReadChunkArgs): Promise<ReadChunkResult>;
  closeFile(fileId: string): Promise<void>;
  saveExport(args: SaveExportArgs): Promise<SaveResult>;
  printPdf(args: PrintPdfArgs): Promise<SaveResult>;
  listRecent(): Promise<RecentAnalysis[]>;
  addRecent(args: AddRecentArgs): Promise<RecentAnalysis>;
  openRecent(id: string): Promise<OpenRecentResult>;
  removeRecent(id: string): Promise<void>;
  getAppInfo(): Promise<AppInfo>;
  /** Subscribe to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** Argument tuples per channel, for the typed handler wrapper in main. */
export interface ChannelArgs {
  'dialog:open-files': [];
  'dialog:open-folder': [];
  'file:read-chunk': [ReadChunkArgs];
  'file:close-file': [string];
  'export:save-file': [SaveExportArgs];
  'export:print-pdf': [PrintPdfArgs];
  'recent:list-analyses': [];
  'recent:add-analysis': [AddRecentArgs];
  'recent:open-analysis': [string];
  'recent:remove-analysis': [string];
  'app:get-info': [];
}

export interface ChannelResults {
  'dialog:open-files': PickResult;
  'dialog:open-folder': PickResult;
  'file:read-chunk': ReadChunkResult;
  'file:close-file': void;
  'export:save-file': SaveResult;
  'export:print-pdf': SaveResult;
  'recent:list-analyses': RecentAnalysis[];
  'recent:add-analysis': RecentAnalysis;
  'recent:open-analysis': OpenRecentResult;
  'recent:remove-analysis': void;
  'app:get-info': AppInfo;
}

/** The app's own origin in Electron (a privileged custom scheme, see electron/main/protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'obsready';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
