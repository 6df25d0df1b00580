// Native open dialogs and chunked reads. The renderer gets an opaque fileId per picked file
// and can read only those files, in bounded chunks: it never sends a path to read.
import { BrowserWindow, dialog } from 'electron';
import { open } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { expandPaths } from '../../analyzers/node/read-inputs.js';
import { CHANNELS, type PickResult, type PickedFile, type ReadChunkArgs, type ReadChunkResult } from '../shared/contract.js';
import { handle } from './ipc.js';

interface OpenEntry {
  /** A Buffer when the file's name is not valid UTF-8 (see expandPaths). */
  absPath: string | Buffer;
  sizeBytes: number;
}

/** Files picked in this run of the app, by fileId. */
export class FileRegistry {
  private readonly entries = new Map<string, OpenEntry>();

  add(absPath: string | Buffer, sizeBytes: number): string {
    const fileId = randomUUID();
    this.entries.set(fileId, { absPath, sizeBytes });
    return fileId;
  }

  get(fileId: string): OpenEntry | undefined {
    return this.entries.get(fileId);
  }

  remove(fileId: string): void {
    this.entries.delete(fileId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Expand picked paths (folders recursively) and register each file. */
export async function registerPicked(registry: FileRegistry, paths: string[]): Promise<PickResult> {
  if (paths.length === 0) return { ok: false, reason: 'cancelled' };
  // Display paths relative to the folder that holds the picked items, as the user saw them.
  const base = dirname(paths[0]!);
  const { files, missing, aliases } = await expandPaths(paths, base);
  const picked: PickedFile[] = files.map((f) => {
    const others = [...new Set(aliases.filter((a) => a.sameAs === f.display && a.path !== f.display).map((a) => a.path))];
    return { fileId: registry.add(f.path, f.size), path: f.display || (typeof f.path === 'string' ? basename(f.path) : ''), sizeBytes: f.size, ...(others.length ? { aliases: others } : {}) };
  });
  return { ok: true, files: picked, missing };
}

export async function readChunk(registry: FileRegistry, args: ReadChunkArgs): Promise<ReadChunkResult> {
  const entry = registry.get(args.fileId);
  if (!entry) return { ok: false, code: 'unknown-file', message: 'this file was not picked in this session' };
  let fh;
  try {
    fh = await open(entry.absPath, 'r');
    const buf = new Uint8Array(args.maxBytes);
    const { bytesRead } = await fh.read(buf, 0, args.maxBytes, args.offset);
    return { ok: true, bytes: bytesRead === buf.length ? buf : buf.slice(0, bytesRead), eof: bytesRead < args.maxBytes };
  } catch (e) {
    return { ok: false, code: 'read-failed', message: (e as Error).message };
  } finally {
    await fh?.close();
  }
}

export function setupFiles(registry: FileRegistry): void {
  const pick = async (event: Electron.IpcMainInvokeEvent, folder: boolean): Promise<PickResult> => {
    const win = BrowserWindow.fromWebContents(event.sender);
    const options: Electron.OpenDialogOptions = {
      title: folder ? 'Analyse a folder of exports' : 'Analyse telemetry exports',
      properties: folder ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    };
    const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (res.canceled) return { ok: false, reason: 'cancelled' };
    return registerPicked(registry, res.filePaths);
  };
  handle(CHANNELS.openFiles, (event) => pick(event, false));
  handle(CHANNELS.openFolder, (event) => pick(event, true));
  handle(CHANNELS.readChunk, (_event, args) => readChunk(registry, args));
  handle(CHANNELS.closeFile, (_event, fileId) => registry.remove(fileId));
}
