// Save dialogs and PDF printing, with electron mocked at the edge.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const state = vi.hoisted(() => ({
  savePath: undefined as string | undefined,
  windows: [] as { options: Record<string, unknown>; url?: string; destroyed: boolean; fileExisted?: boolean }[],
  requestFilter: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  permission: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof state.windows)[number];
    webContents = {
      on: () => undefined,
      getURL: () => this.record.url ?? '',
      setWindowOpenHandler: () => undefined,
      printToPDF: async () => state.pdf,
    };
    constructor(options: Record<string, unknown>) {
      this.record = { options, destroyed: false };
      state.windows.push(this.record);
    }
    async loadURL(url: string) {
      this.record.url = url;
      this.record.fileExisted = existsSync(new URL(url));
    }
    destroy() {
      this.record.destroyed = true;
    }
    static fromWebContents() {
      return null;
    }
  }
  return {
    BrowserWindow,
    dialog: { showSaveDialog: async () => (state.savePath ? { canceled: false, filePath: state.savePath } : { canceled: true, filePath: '' }) },
    session: {
      fromPartition: () => ({
        setPermissionRequestHandler: (fn: never) => (state.permission = fn),
        webRequest: { onBeforeRequest: (fn: never) => (state.requestFilter = fn) },
      }),
    },
    ipcMain: { handle: vi.fn() },
  };
});

const { printPdf, saveExport } = await import('../../../electron/main/exports.js');
const dir = mkdtempSync(join(tmpdir(), 'obsready-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  state.windows.length = 0;
  state.savePath = undefined;
});

describe('saveExport', () => {
  it('writes the content where the user chose, and reports a cancelled dialog as a value', async () => {
    expect(await saveExport(null, { format: 'json', suggestedName: 'r.json', content: '{}' })).toEqual({ ok: false, reason: 'cancelled' });
    state.savePath = join(dir, 'r.json');
    expect(await saveExport(null, { format: 'json', suggestedName: 'r.json', content: '{"a":1}\n' })).toEqual({ ok: true, path: state.savePath });
    expect(readFileSync(state.savePath, 'utf8')).toBe('{"a":1}\n');
    state.savePath = join(dir, 'missing-folder', 'r.json');
    const failed = await saveExport(null, { format: 'json', suggestedName: 'r.json', content: '{}' });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.reason).toBe('write-failed');
  });
});

describe('printPdf', () => {
  it('prints the HTML in a hidden sandboxed window without JavaScript and saves the PDF', async () => {
    state.savePath = join(dir, 'r.pdf');
    const res = await printPdf(null, { html: '<h1>Ready</h1>', suggestedName: 'r.pdf', pageSize: 'A4' });
    expect(res).toEqual({ ok: true, path: state.savePath });
    expect([...readFileSync(state.savePath)]).toEqual([...state.pdf]);
    expect(state.windows.length).toBe(1);
    const w = state.windows[0]!;
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(w.url).toMatch(/^file:\/\/.*report\.html$/);
    expect(w.fileExisted).toBe(true);
    expect(w.destroyed).toBe(true);
    // The temporary HTML is removed after printing.
    expect(existsSync(new URL(w.url!))).toBe(false);
    // The print session loads only that file (and inline data), and grants nothing.
    const cancel = (url: string) => {
      let c: boolean | undefined;
      state.requestFilter!({ url }, (r) => (c = r.cancel));
      return c;
    };
    expect([cancel(w.url!), cancel('data:image/png;base64,AA=='), cancel('https://example.com/x.png'), cancel('file:///etc/passwd')]).toEqual([false, false, true, true]);
    const cb = vi.fn();
    state.permission!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('asks for the destination first and prints nothing when cancelled', async () => {
    expect(await printPdf(null, { html: '<p>x</p>', suggestedName: 'r.pdf', pageSize: 'Letter' })).toEqual({ ok: false, reason: 'cancelled' });
    expect(state.windows.length).toBe(0);
  });
});
