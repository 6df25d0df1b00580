// The only analyzer code that touches the file system: expands paths, streams files (and
// .gz content, detected by magic bytes) into analysis sessions with bounded memory.
import { createReadStream, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { join, relative, resolve } from 'node:path';
import type { Analysis, InputSession } from '../analysis/analysis.js';
import type { Hasher } from '../analysis/hasher.js';

/** A .gz stops inflating past this many bytes … */
export const MAX_INFLATED_BYTES = 32 * 1024 ** 3;
/** … or once it is past MIN_BOMB_BYTES with a compression ratio above this (a decompression bomb). */
export const MAX_INFLATE_RATIO = 250;
const MIN_BOMB_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const GZIP_READ_BYTES = 64 * 1024;

export function createNodeSha256(): Hasher {
  const h = createHash('sha256');
  return { update: (b) => void h.update(b), digestHex: () => h.digest('hex') };
}

export interface ExpandedInput {
  path: string;
  display: string;
  size: number;
  /** Set when a folder entry cannot even be looked at (a dangling symlink, a link loop, no permission):
   *  it is still an input, reported with a `read-failed` error like a file that cannot be opened. */
  unreadable?: string;
}

export interface ExpandResult {
  files: ExpandedInput[];
  missing: { path: string; reason: string }[];
}

/** Files and folders (recursive, sorted, hidden entries skipped) → the list of files. */
export async function expandPaths(paths: string[], cwd = process.cwd()): Promise<ExpandResult> {
  const files: ExpandedInput[] = [];
  const missing: ExpandResult['missing'] = [];
  // Files and folders by device and inode, so a symlinked folder loop is walked once and a file
  // reached by two paths (a symlink, a hard link, the same path twice) is analysed once.
  const seen = new Set<string>();
  const identity = (st: { dev: number; ino: number }, abs: string): string => (st.ino ? `${st.dev}:${st.ino}` : abs);
  const visit = async (abs: string, display: string, top: boolean): Promise<void> => {
    let st;
    try {
      st = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!top) {
        // Inside a folder: the entry exists (readdir listed it), so it is an input that cannot be read.
        const dangling = code === 'ENOENT' && (await fsp.lstat(abs).then((l) => l.isSymbolicLink(), () => false));
        files.push({ path: abs, display, size: 0, unreadable: dangling ? 'a symbolic link whose target does not exist' : String((e as Error).message) });
        return;
      }
      missing.push({ path: display, reason: code === 'ENOENT' ? 'no such file or folder' : String((e as Error).message) });
      return;
    }
    if (st.isDirectory()) {
      const id = 'd' + identity(st, abs);
      if (seen.has(id)) return;
      seen.add(id);
      let entries: string[];
      try {
        entries = (await fsp.readdir(abs)).sort();
      } catch (e) {
        missing.push({ path: display, reason: String((e as Error).message) });
        return;
      }
      for (const name of entries) {
        if (name.startsWith('.')) continue;
        await visit(join(abs, name), join(display, name), false);
      }
    } else if (st.isFile()) {
      const id = 'f' + identity(st, abs);
      if (seen.has(id)) return;
      seen.add(id);
      files.push({ path: abs, display, size: st.size });
    } else if (top) {
      // A FIFO, socket or device named on the command line (inside folders they are skipped).
      missing.push({ path: display, reason: 'not a regular file or folder' });
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const rel = relative(cwd, abs);
    // Show paths as the user would: relative inside the working folder, as given elsewhere.
    await visit(abs, rel && !rel.startsWith('..') ? rel : p, true);
  }
  return { files, missing };
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export interface ReadProgress {
  (session: InputSession, rawBytesRead: number): void;
}

/** Stream one file into a new session of `analysis`. Never throws: failures become input errors. */
export async function analyzeFile(analysis: Analysis, input: ExpandedInput, onProgress?: ReadProgress, signal?: AbortSignal): Promise<InputSession> {
  if (input.unreadable !== undefined) {
    const failed = analysis.openInput(input.display, { totalBytes: 0 });
    failed.fail('read-failed', `cannot read: ${input.unreadable}`, 0);
    failed.end();
    onProgress?.(failed, 0);
    return failed;
  }
  let gzip = false;
  try {
    const head = await readHead(input.path, 2);
    gzip = head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } catch {
    /* reported below by the stream */
  }
  const session = analysis.openInput(input.display, { totalBytes: input.size, ...(gzip ? { container: 'gzip' as const } : {}) });
  let raw = 0;
  // A .gz is read in small pieces so `raw` follows what gunzip has consumed: the bomb ratio
  // (inflated / raw) then trips near MIN_BOMB_BYTES instead of after a whole read-ahead chunk.
  const stream = createReadStream(input.path, { highWaterMark: gzip ? GZIP_READ_BYTES : CHUNK_BYTES });
  try {
    if (!gzip) {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (signal?.aborted) break;
        raw += chunk.length;
        session.push(chunk);
        onProgress?.(session, raw);
        if (!session.accepting) break;
      }
    } else {
      const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
      // Stops hashing once reading stops: a late 'data' event after session.end() (the digest)
      // would otherwise throw from an event handler and take the process down.
      let hashing = true;
      const onData = (c: string | Buffer): void => {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        raw += b.length;
        if (hashing) session.hashRaw(b);
      };
      stream.on('data', onData);
      stream.on('error', (e) => gunzip.destroy(e));
      stream.pipe(gunzip);
      let inflated = 0;
      try {
        for await (const chunk of gunzip as AsyncIterable<Buffer>) {
          if (signal?.aborted) break;
          inflated += chunk.length;
          if (inflated > MAX_INFLATED_BYTES || (inflated > MIN_BOMB_BYTES && inflated / Math.max(raw, 1) > MAX_INFLATE_RATIO)) {
            session.fail('decompress-limit', `stopped inflating at ${inflated} bytes from ${raw} compressed bytes (limit: ratio ${MAX_INFLATE_RATIO}:1 past ${MIN_BOMB_BYTES} bytes, or ${MAX_INFLATED_BYTES} bytes in all); the content read so far was analysed`, inflated);
            break;
          }
          session.push(chunk, false);
          onProgress?.(session, raw);
          if (!session.accepting) break;
        }
      } catch (e) {
        session.fail('decompress-failed', `not a valid gzip stream: ${(e as Error).message}`, inflated);
      } finally {
        hashing = false;
        stream.off('data', onData);
        stream.unpipe(gunzip);
        stream.destroy();
        gunzip.destroy();
      }
    }
  } catch (e) {
    session.fail('read-failed', `cannot read: ${(e as Error).message}`, raw);
  } finally {
    stream.destroy();
  }
  session.end();
  onProgress?.(session, raw);
  return session;
}
