// Save dialogs for every export format and the PDF: the HTML report printed by Chromium
// (printToPDF) in a hidden, script-less, sandboxed window.
import { BrowserWindow, dialog, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNELS, type ExportFormat, type PrintPdfArgs, type SaveExportArgs, type SaveResult } from '../shared/contract.js';
import { handle } from './ipc.js';
import { hardenedWebPreferences, hardenWebContents } from './security.js';

export const EXPORT_FILTERS: Record<ExportFormat, Electron.FileFilter> = {
  json: { name: 'JSON report', extensions: ['json'] },
  html: { name: 'HTML report', extensions: ['html'] },
  markdown: { name: 'Markdown report', extensions: ['md'] },
  sarif: { name: 'SARIF 2.1.0', extensions: ['sarif', 'json'] },
  junit: { name: 'JUnit XML', extensions: ['xml'] },
  pdf: { name: 'PDF report', extensions: ['pdf'] },
  workflows: { name: 'Workflow assessment', extensions: ['json'] },
};

async function askPath(owner: BrowserWindow | null, format: ExportFormat, suggestedName: string): Promise<string | null> {
  const options: Electron.SaveDialogOptions = { title: 'Export report', defaultPath: suggestedName, filters: [EXPORT_FILTERS[format]] };
  const res = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return res.canceled || !res.filePath ? null : res.filePath;
}

export async function saveExport(owner: BrowserWindow | null, args: SaveExportArgs): Promise<SaveResult> {
  const path = await askPath(owner, args.format, args.suggestedName);
  if (!path) return { ok: false, reason: 'cancelled' };
  try {
    await writeFile(path, args.content);
    return { ok: true, path };
  } catch (e) {
    return { ok: false, reason: 'write-failed', message: (e as Error).message };
  }
}

/** Print HTML to PDF bytes in a hidden window that runs no scripts and can reach nothing. */
export async function renderPdf(html: string, pageSize: PrintPdfArgs['pageSize']): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'obsready-print-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).href;
  // Its own in-memory session: the report file and inline data only, no permissions.
  const printSession = session.fromPartition('obsready-print');
  printSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url === url || details.url.startsWith('data:')) }));
  const win = new BrowserWindow({ show: false, webPreferences: { ...hardenedWebPreferences(), javascript: false, session: printSession } });
  hardenWebContents(win.webContents);
  try {
    await writeFile(file, html, 'utf8');
    await win.loadURL(url);
    const pdf = await win.webContents.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function printPdf(owner: BrowserWindow | null, args: PrintPdfArgs): Promise<SaveResult> {
  const path = await askPath(owner, 'pdf', args.suggestedName);
  if (!path) return { ok: false, reason: 'cancelled' };
  let pdf: Uint8Array;
  try {
    pdf = await renderPdf(args.html, args.pageSize);
  } catch (e) {
    return { ok: false, reason: 'print-failed', message: (e as Error).message };
  }
  try {
    await writeFile(path, pdf);
    return { ok: true, path };
  } catch (e) {
    return { ok: false, reason: 'write-failed', message: (e as Error).message };
  }
}

export function setupExports(): void {
  handle(CHANNELS.saveExport, (event, args) => saveExport(BrowserWindow.fromWebContents(event.sender), args));
  handle(CHANNELS.printPdf, (event, args) => printPdf(BrowserWindow.fromWebContents(event.sender), args));
}
