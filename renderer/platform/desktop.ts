// The platform inside Electron: native dialogs and chunked reads over the preload's AppApi.
import { MAX_CHUNK_BYTES, type AppApi, type PickResult } from '../../electron/shared/contract.js';
import { newInputId, sourcesFromDrop, sourcesFromFiles } from './files.js';
import type { InputSource, PickOutcome, Platform } from './types.js';

const CHUNK_BYTES = 1024 * 1024;

/** A picked file as a pull stream: each pull reads the next chunk through IPC (back-pressured). */
export function streamPicked(api: Pick<AppApi, 'readChunk'>, fileId: string): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const res = await api.readChunk({ fileId, offset, maxBytes: Math.min(CHUNK_BYTES, MAX_CHUNK_BYTES) });
      if (!res.ok) {
        controller.error(new Error(res.message));
        return;
      }
      offset += res.bytes.length;
      if (res.bytes.length > 0) controller.enqueue(res.bytes);
      if (res.eof) controller.close();
    },
  });
}

function toOutcome(api: AppApi, res: PickResult): PickOutcome {
  if (!res.ok) return res;
  const inputs: InputSource[] = res.files.map((f) => ({
    id: newInputId(),
    path: f.path,
    sizeBytes: f.sizeBytes,
    ...(f.aliases?.length ? { aliases: f.aliases } : {}),
    readHead: async (n) => {
      const r = await api.readChunk({ fileId: f.fileId, offset: 0, maxBytes: Math.min(n, MAX_CHUNK_BYTES) });
      return r.ok ? r.bytes : new Uint8Array(0);
    },
    open: () => streamPicked(api, f.fileId),
    release: () => void api.closeFile(f.fileId),
  }));
  return { ok: true, inputs, skipped: res.missing };
}

export function createDesktopPlatform(api: AppApi): Platform {
  return {
    kind: 'desktop',
    pickFiles: async () => toOutcome(api, await api.openFiles()),
    pickFolder: async () => toOutcome(api, await api.openFolder()),
    fromFileList: (files) => sourcesFromFiles(files),
    fromDrop: (data) => sourcesFromDrop(data),
    saveExport: async (format, suggestedName, content) => {
      const r = await api.saveExport({ format, suggestedName, content });
      return r.ok ? { ok: true, where: r.path } : r;
    },
    printPdf: async (html, suggestedName) => {
      const r = await api.printPdf({ html, suggestedName, pageSize: 'A4' });
      return r.ok ? { ok: true, where: r.path } : r;
    },
    listRecent: () => api.listRecent(),
    addRecent: async (title, reportJson) => void (await api.addRecent({ title, reportJson })),
    openRecent: async (id) => {
      const r = await api.openRecent(id);
      return r.ok ? r.reportJson : null;
    },
    removeRecent: (id) => api.removeRecent(id),
    onMenuCommand: (listener) => api.onMenuCommand(listener),
  };
}
