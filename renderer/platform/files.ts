// Browser File objects as InputSources (used by both platforms: drops and file inputs give Files).
import type { InputSource } from './types.js';

let nextId = 0;
export function newInputId(): string {
  nextId += 1;
  return `in-${Date.now().toString(36)}-${nextId}`;
}

export function fileSource(file: File, path: string): InputSource {
  return {
    id: newInputId(),
    path,
    sizeBytes: file.size,
    readHead: async (n) => new Uint8Array(await file.slice(0, n).arrayBuffer()),
    open: () => file,
  };
}

/**
 * The CLI's order (analyzers/node/read-inputs.ts): each folder's entries sorted by name (UTF-16
 * code units), walked depth first. Comparing paths segment by segment gives the same order
 * ("logs/a.log" before "logs.txt", as the folder "logs" sorts before the name "logs.txt").
 */
export function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

export function sourcesFromFiles(files: Iterable<File>): InputSource[] {
  const picked: { file: File; path: string }[] = [];
  for (const f of files) {
    // webkitRelativePath is set for folder picks ("folder/sub/file.log").
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
    const path = rel && rel.length > 0 ? rel : f.name;
    // Hidden files and whatever is inside hidden folders are skipped, as the CLI and drops do.
    if (path.split('/').some((seg) => seg.startsWith('.'))) continue;
    picked.push({ file: f, path });
  }
  // The browser lists a picked folder in no particular order; examples and the report follow the CLI's.
  picked.sort((a, b) => comparePaths(a.path, b.path));
  return picked.map((p) => fileSource(p.file, p.path));
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

async function walk(entry: Entry, out: InputSource[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
    out.push(fileSource(file, entry.fullPath.replace(/^\//, '')));
  } else if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    const children: Entry[] = [];
    // readEntries returns batches until an empty one.
    for (;;) {
      const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      children.push(...batch);
    }
    children.sort((a, b) => comparePaths(a.name, b.name));
    for (const c of children) await walk(c, out);
  }
}

export async function sourcesFromDrop(data: DataTransfer): Promise<InputSource[]> {
  const entries: Entry[] = [];
  for (const item of Array.from(data.items)) {
    const entry = (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return sourcesFromFiles(Array.from(data.files));
  const out: InputSource[] = [];
  for (const e of entries) await walk(e, out);
  return out;
}
