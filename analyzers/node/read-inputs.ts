// The only analyzer code that touches the file system: expands paths, streams files (and
// .gz content, detected by magic bytes) into analysis sessions with bounded memory.
import { close, closeSync, constants as fsConstants, createReadStream, existsSync, open, openSync, readFileSync, promises as fsp } from 'node:fs';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { join, relative, resolve, sep } from 'node:path';
import type { Analysis } from '../analysis/analysis.js';
import type { Hasher } from '../analysis/hasher.js';
import { InputSource } from '../analysis/source.js';
import { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO, inflateLimitMessage, overInflateLimit } from '../analysis/inflate-limits.js';
import { isFramedZstdHead, isZstdHead } from '../analysis/zstd.js';
import { isZipHead, readZipLinkNames } from '../analysis/zip.js';
import { collectGarbage } from './gc.js';
import { installByteSearch } from './byte-search.js';
import { GZIP_NAME } from './early-workers.js';

// (memchr for the line and NUL searches of every input read in this thread)
installByteSearch();

export { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO };
const CHUNK_BYTES = 1024 * 1024;
/** Files listed between two full garbage collections in a folder walk (see expandPaths). */
const FILES_PER_GC = 10_000;
const GZIP_READ_BYTES = 64 * 1024;
/**
 * Bytes read into a session between two full garbage collections. V8 lets the old generation grow
 * to several times its live size while one input is parsed on this thread (every line's objects);
 * a full collection every 16 MB (the split path's threads collect every 128 MB: piece.ts) keeps the heap, and
 * so the process's RSS, near the collectors' live size however large the input.
 */
export const BYTES_PER_GC = 16 * 1024 * 1024;
/**
 * Records decoded between two full collections, whichever of the two comes first: dense input (a
 * CSV of 10,000 columns: a point every 2 bytes, 8 million in 16 MB; a long CSV of a series per
 * row, ~45 bytes a point) promotes per-record objects faster than its bytes would trigger one (the
 * old generation grew 115 → 460 MB between two). Checked every RECORDS_CHECK_BYTES (the session's
 * totals are summed over its inner sessions). 100,000: a 30 MB long CSV 616 → 401 MB peak RSS, a
 * 16 MB wide CSV 287 → 254 MB, CPU no higher (the other collections then have less to mark).
 */
export const RECORDS_PER_GC = 100_000;
const RECORDS_CHECK_BYTES = 1024 * 1024;

export function createNodeSha256(): Hasher {
  const h = createHash('sha256');
  return { update: (b) => void h.update(b), digestHex: () => h.digest('hex') };
}

export interface ExpandedInput {
  /** A Buffer for a file whose name (or a folder's above it) is not valid UTF-8: a string could not name it. */
  path: string | Buffer;
  display: string;
  size: number;
  /** Set when a folder entry cannot even be looked at (a dangling symlink, a link loop, no permission):
   *  it is still an input, reported with a `read-failed` error like a file that cannot be opened. */
  unreadable?: string;
  /** A pipe or character device named on the command line (`<(kubectl logs …)`, /dev/stdin): read once, front to back; its size is unknown (0). */
  pipe?: boolean;
  /** `-`: this process's standard input (read from the open stream: a socket, as a spawning process may give, cannot be opened by path). */
  stdin?: boolean;
}

export interface ExpandResult {
  files: ExpandedInput[];
  missing: { path: string; reason: string }[];
  /** Folders named on the command line that hold no file to read (none, or only hidden ones). */
  emptyFolders: string[];
  /** Paths of a file already listed under another path (a symlink, a hard link, the same path twice): read once, under `sameAs`. */
  aliases: { path: string; sameAs: string }[];
}

/**
 * Why a path cannot be looked at, in words: the system's message (`ELOOP: too many symbolic links
 * encountered, stat '/long/absolute/path'`) names an errno and repeats the path the row already shows.
 */
export function plainReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ELOOP':
      return 'a loop of symbolic links (a link that leads back to itself)';
    case 'ENAMETOOLONG':
      return 'the path is longer than the system allows (4,096 bytes in all, 255 a name): move or rename it, or analyse its folder from closer by (cd into it)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (run as a user who may read it, or change its permissions)';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EIO':
      return 'an input/output error of the disk or file system';
    default:
      return String(err.message);
  }
}

/**
 * The command line's arguments as bytes (Linux: /proc/self/cmdline), or undefined. Node decodes
 * `process.argv` as UTF-8, so a file name that is not UTF-8 arrives with U+FFFD in place of its
 * bytes: a name that does not exist. The bytes name it.
 */
export function rawArgv(): Buffer[] | undefined {
  try {
    const b = readFileSync('/proc/self/cmdline');
    const out: Buffer[] = [];
    for (let at = 0; at < b.length; ) {
      let end = b.indexOf(0, at);
      if (end === -1) end = b.length;
      out.push(b.subarray(at, end));
      at = end + 1;
    }
    return out;
  } catch {
    return undefined;
  }
}

/**
 * A path as given on the command line, or its bytes when it is a name that is not UTF-8 (see
 * rawArgv): what to open. A path that exists as it reads is kept.
 */
export function argvPath(p: string, argvBytes: () => Buffer[] | undefined = rawArgv): string | Buffer {
  if (!p.includes('\uFFFD') || existsSync(p)) return p;
  return argvBytes()?.find((b) => b.toString('utf8') === p && !b.equals(Buffer.from(p, 'utf8'))) ?? p;
}

/** Files and folders (recursive, sorted, hidden entries skipped) → the list of files. */
export async function expandPaths(paths: string[], cwd = process.cwd(), argvBytes: () => Buffer[] | undefined = rawArgv): Promise<ExpandResult> {
  const files: ExpandedInput[] = [];
  const missing: ExpandResult['missing'] = [];
  const emptyFolders: string[] = [];
  const aliases: ExpandResult['aliases'] = [];
  /** File identity → the path it is listed under. */
  const listedAs = new Map<string, string>();
  let walkedBefore = false;
  // Files and folders by device and inode, so a symlinked folder loop is walked once and a file
  // reached by two paths (a symlink, a hard link, the same path twice) is analysed once.
  const seen = new Set<string>();
  const identity = (st: { dev: number; ino: number }, abs: string | Buffer): string => (st.ino ? `${st.dev}:${st.ino}` : typeof abs === 'string' ? abs : abs.toString('hex'));
  const visit = async (abs: string | Buffer, display: string, top: boolean): Promise<void> => {
    let st;
    try {
      st = await fsp.stat(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!top) {
        // Inside a folder: the entry exists (readdir listed it), so it is an input that cannot be read.
        const dangling = code === 'ENOENT' && (await fsp.lstat(abs).then((l) => l.isSymbolicLink(), () => false));
        files.push({ path: abs, display, size: 0, unreadable: dangling ? 'a symbolic link whose target does not exist' : plainReason(e) });
        return;
      }
      missing.push({ path: display, reason: plainReason(e) });
      return;
    }
    if (st.isDirectory()) {
      const id = 'd' + identity(st, abs);
      if (seen.has(id)) {
        walkedBefore = true;
        return;
      }
      seen.add(id);
      let entries: Buffer[];
      try {
        // As bytes: a name that is not valid UTF-8 would come back with U+FFFD in it, a name
        // that does not exist. Sorted as their text, as before.
        entries = (await fsp.readdir(abs, { encoding: 'buffer' })).map((b) => [b, b.toString('utf8')] as const).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : Buffer.compare(a[0], b[0]))).map(([b]) => b);
      } catch (e) {
        // A folder inside the walk that cannot be listed (no permission): a row of the report that
        // says so, as an unreadable file gets; the rest of the walk goes on. Named on the command
        // line, it is a path that could not be read.
        if (top) missing.push({ path: display, reason: `a folder that cannot be listed: ${plainReason(e)}` });
        else files.push({ path: abs, display, size: 0, unreadable: `a folder that cannot be listed: ${plainReason(e)}` });
        return;
      }
      for (const raw of entries) {
        if (raw[0] === 0x2e) continue; // '.'
        const name = raw.toString('utf8');
        if (typeof abs === 'string' && Buffer.from(name, 'utf8').equals(raw)) await visit(join(abs, name), join(display, name), false);
        else await visit(Buffer.concat([typeof abs === 'string' ? Buffer.from(abs, 'utf8') : abs, Buffer.from(sep), raw]), join(display, escapedName(raw)), false);
      }
    } else if (st.isFile()) {
      const id = 'f' + identity(st, abs);
      if (seen.has(id)) {
        aliases.push({ path: display, sameAs: listedAs.get(id) ?? display });
        return;
      }
      seen.add(id);
      listedAs.set(id, display);
      files.push({ path: abs, display, size: st.size });
      // A walk of 100,000 files makes garbage (a stat, a promise, names) much faster than V8
      // collects it: its heap grew to three times what was live (peak RSS of a folder of 100,000
      // files was at the walk). A full collection every FILES_PER_GC files (~20 ms) keeps it near.
      if (files.length % FILES_PER_GC === 0) collectGarbage();
    } else if (top && (st.isFIFO() || st.isCharacterDevice())) {
      // A pipe or device named on the command line (`obsready analyze <(kubectl logs …)`, /dev/stdin):
      // read as a stream, once however often it is named (inside folders such entries are not read).
      const id = 'p' + identity(st, abs);
      if (seen.has(id)) return;
      seen.add(id);
      files.push({ path: abs, display, size: 0, pipe: true });
    } else if (!top) {
      // A named pipe, socket or device inside a folder: a row that says why it is not read (a pipe
      // may never end, a device never does).
      files.push({ path: abs, display, size: 0, unreadable: 'a named pipe, socket or device, not a file: not read inside a folder (name a pipe on the command line to read it as a stream)' });
    } else if (top) {
      missing.push({ path: display, reason: 'not a regular file, folder or pipe' });
    }
  };
  for (const p of paths) {
    if (p === '-') {
      // `-` is standard input, as for most command-line tools (`kubectl logs … | obsready analyze -`);
      // named twice it is still read once, as a file named twice is.
      if (seen.has('stdin')) continue;
      seen.add('stdin');
      files.push({ path: '/dev/stdin', display: 'stdin', size: 0, pipe: true, stdin: true });
      continue;
    }
    let abs: string | Buffer = resolve(cwd, p);
    const rel = relative(cwd, abs);
    // Show paths as the user would: relative inside the working folder, as given elsewhere.
    const before = files.length;
    const missed = missing.length;
    let shown = rel && !rel.startsWith('..') ? rel : p;
    // A name that is not UTF-8, typed or globbed on the command line: its bytes, from the raw argv.
    if (p.includes('\uFFFD') && !(await fsp.lstat(abs).then(() => true, () => false))) {
      const raw = argvBytes()?.find((b) => b.toString('utf8') === p && !b.equals(Buffer.from(p, 'utf8')));
      if (raw) {
        abs = raw[0] === 0x2f ? raw : Buffer.concat([Buffer.from(cwd.endsWith(sep) ? cwd : cwd + sep, 'utf8'), raw]);
        shown = escapedName(raw);
      }
    }
    walkedBefore = false;
    await visit(abs, shown, true);
    // (a folder walked before, by another path, is no empty folder: its files are read once)
    if (files.length === before && missing.length === missed && !walkedBefore && (await fsp.stat(abs).then((st) => st.isDirectory(), () => false))) emptyFolders.push(shown);
  }
  return { files, missing, emptyFolders, aliases };
}

/** A file name that is not valid UTF-8, for display: the bytes that are not UTF-8 written as \xNN. */
export function escapedName(raw: Buffer): string {
  let out = '';
  let at = 0;
  const fatal = new TextDecoder('utf-8', { fatal: true });
  while (at < raw.length) {
    // the longest valid prefix from `at`, then one bad byte
    let end = raw.length;
    for (; end > at; end--) {
      try {
        out += fatal.decode(raw.subarray(at, end));
        break;
      } catch {
        /* shorter */
      }
    }
    if (end === at) {
      out += `\\x${raw[at]!.toString(16).padStart(2, '0')}`;
      end = at + 1;
    }
    at = end;
  }
  return out;
}

async function readHead(path: string | Buffer, n: number): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

const GZIP_FLAGS = { FHCRC: 2, FEXTRA: 4, FNAME: 8, FCOMMENT: 16 };

async function readAt(path: string | Buffer, position: number, n: number): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Length of the gzip member header at the start of `b`, or a reason it is not one. */
function gzipHeaderLength(b: Buffer): number | 'not-gzip' | 'incomplete' {
  if (b.length < 10) return b.length >= 2 && !(b[0] === 0x1f && b[1] === 0x8b) ? 'not-gzip' : 'incomplete';
  if (b[0] !== 0x1f || b[1] !== 0x8b) return 'not-gzip';
  if (b[2] !== 8) return 'not-gzip';
  const flags = b[3]!;
  let at = 10;
  if (flags & GZIP_FLAGS.FEXTRA) {
    if (b.length < at + 2) return 'incomplete';
    at += 2 + b.readUInt16LE(at);
  }
  for (const f of [GZIP_FLAGS.FNAME, GZIP_FLAGS.FCOMMENT]) {
    if (!(flags & f)) continue;
    const end = b.indexOf(0, at);
    if (end === -1) return 'incomplete';
    at = end + 1;
  }
  if (flags & GZIP_FLAGS.FHCRC) at += 2;
  return at > b.length ? 'incomplete' : at;
}

/**
 * Inflate a gzip file member by member (raw deflate between headers and trailers we read
 * ourselves), handing on only the output past the first `skip` bytes. Stops at the first damage:
 * bytes after a member that are not another member (zero padding is fine, as for gzip(1)), a
 * corrupt or cut member, a CRC or length mismatch. `emit` returns false to stop early.
 */
async function inflateMembers(path: string | Buffer, skip: number, emit: (b: Buffer) => boolean): Promise<{ inflated: number; failure?: string; failureAt?: number; limit?: boolean; unreadable?: boolean }> {
  let pos = 0;
  let out = 0;
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  for (let member = 0; ; member++) {
    let head: Buffer;
    try {
      head = await readAt(path, pos, 64 * 1024);
    } catch (e) {
      return { inflated: out, failure: `cannot read: ${(e as Error).message}`, failureAt: out, unreadable: true };
    }
    if (head.length === 0) return { inflated: out };
    const hlen = gzipHeaderLength(head);
    if (hlen === 'not-gzip' || hlen === 'incomplete') {
      if (member > 0 && head.every((b) => b === 0)) return { inflated: out };
      if (member === 0) return { inflated: out, failure: hlen === 'incomplete' ? 'not a valid gzip stream: unexpected end of file' : 'not a valid gzip stream: incorrect header check', failureAt: out };
      return { inflated: out, failure: `the bytes after the end of the gzip data (from byte ${pos} of the file on) are not gzip: ignored; everything before them was read`, failureAt: out };
    }
    const inflate = createInflateRaw({ chunkSize: CHUNK_BYTES });
    // Small reads: zlib drops the output of the call that fails, so what a call gives before the
    // damage is lost with it (a file damaged in its first 16 KB gave no record at all).
    const stream = createReadStream(path, { start: pos + hlen, highWaterMark: RECOVERY_READ_BYTES });
    stream.on('error', (e) => inflate.destroy(e));
    stream.pipe(inflate);
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        if (crc32) crc = crc32(chunk, crc);
        size += chunk.length;
        const from = Math.max(0, Math.min(chunk.length, skip - out));
        out += chunk.length;
        const compressed = pos + hlen + inflate.bytesWritten;
        if (overInflateLimit(out, compressed)) {
          const at = out - chunk.length;
          return { inflated: at, limit: true, failure: inflateLimitMessage(at, compressed), failureAt: at };
        }
        if (from < chunk.length && !emit(from === 0 ? chunk : chunk.subarray(from))) return { inflated: out };
      }
    } catch (e) {
      return { inflated: out, failure: `not a valid gzip stream: ${(e as Error).message}`, failureAt: out };
    } finally {
      stream.unpipe(inflate);
      stream.destroy();
      inflate.destroy();
    }
    const trailerAt = pos + hlen + inflate.bytesWritten;
    const trailer = await readAt(path, trailerAt, 8).catch(() => Buffer.alloc(0));
    if (trailer.length < 8) return { inflated: out, failure: 'not a valid gzip stream: unexpected end of file', failureAt: out };
    if ((crc32 && trailer.readUInt32LE(0) !== crc >>> 0) || trailer.readUInt32LE(4) !== size % 2 ** 32) {
      return { inflated: out, failure: 'not a valid gzip stream: incorrect data check', failureAt: out };
    }
    pos = trailerAt + 8;
  }
}

/** The files a zip archive's central directory marks as symbolic links (see readZipLinkNames). */
export function readZipLinks(path: string | Buffer, size: number): Promise<Set<string>> {
  return readZipLinkNames(size, (position, length) => readAt(path, position, length));
}

/** Compressed bytes per zlib call when a damaged .gz is read again (see inflateMembers). */
const RECOVERY_READ_BYTES = 1024;

/** A file name that says zstd. */
const ZSTD_NAME = /\.(zst|zstd)$/i;

/** A file name that says gzip (early-workers.ts holds it: its split check runs before this module loads). */
export { GZIP_NAME };

/** A file cut shorter while it was read (rotated with copytruncate, rewritten): what the report says. */
export function shrankMessage(read: number, size: number): string {
  return `the file shrank while it was read: ${read} of the ${size} bytes it had when the run began were there`;
}

/**
 * A file that grew while it was read (a live log appended to): it is read up to the size it had
 * when the run began, and the report says how many bytes were written past it and not read.
 */
export function grewMessage(size: number, now: number): string {
  return `the file grew while it was read: the ${size.toLocaleString('en-US')} bytes it had when the run began were read, the ${(now - size).toLocaleString('en-US')} bytes written to it since were not`;
}

/** The size of the file at `path` now when it is bigger than `size` (it grew while it was read), else undefined. */
export async function grownTo(path: string | Buffer, size: number): Promise<number | undefined> {
  const st = await fsp.stat(path).catch(() => undefined);
  return st !== undefined && st.isFile() && st.size > size ? st.size : undefined;
}

/** What the report says of an input whose reading a Ctrl-C stopped (code `truncated`). */
export function interruptedMessage(read: number, inflated?: number): string {
  if (read === 0) return 'stopped by Ctrl-C before any data came: nothing of it was read';
  const of = inflated !== undefined ? ` of the file (${inflated.toLocaleString('en-US')} bytes inflated)` : '';
  return `stopped by Ctrl-C after ${read.toLocaleString('en-US')} bytes${of}: what came before is counted, the rest was not read`;
}

/**
 * The items of `it` until `signal` aborts: a read that waits (a named pipe nothing writes to, whose
 * open blocks; a quiet `kubectl logs -f`) ends at the abort instead of at the next chunk.
 */
export async function* untilAborted<T>(it: AsyncIterable<T>, signal?: AbortSignal, state: { cut: boolean } = { cut: false }): AsyncGenerator<T> {
  if (!signal) {
    yield* it;
    return;
  }
  const iter = it[Symbol.asyncIterator]();
  // One listener, which wakes the read waiting now (a race against one long-lived promise would
  // add a reaction to it per chunk: memory growing without bound on a stream that never ends).
  let wake: ((r: 'aborted') => void) | undefined;
  const onAbort = (): void => wake?.('aborted');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal.aborted) {
        state.cut = true;
        return;
      }
      const next = iter.next();
      // (a read left waiting at the abort may fail later, when its stream is destroyed: not a crash)
      next.catch(() => undefined);
      const r = await new Promise<IteratorResult<T> | 'aborted'>((res, rej) => {
        wake = res;
        next.then(res, rej);
      });
      wake = undefined;
      if (r !== 'aborted' && r.done) return;
      if (r === 'aborted' || signal.aborted) {
        state.cut = true;
        return;
      }
      yield r.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export interface ReadProgress {
  (source: InputSource, rawBytesRead: number): void;
}

/**
 * A named pipe opened for reading, as a socket; undefined when `signal` aborted while the open
 * waited for a writer. That open waits on a thread of the pool, and a thread left waiting keeps
 * the process from exiting: it is woken by opening the pipe for writing (without blocking, as
 * only a waiting reader allows) and closing it at once, which writes nothing.
 */
async function openFifo(path: string | Buffer, signal?: AbortSignal): Promise<Readable | undefined> {
  const opening = new Promise<number>((res, rej) => open(path, 'r', (e, fd) => (e ? rej(e) : res(fd))));
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((res) => (signal?.aborted ? res('aborted') : signal?.addEventListener('abort', (onAbort = () => res('aborted')), { once: true })));
  const fd = await Promise.race([opening, aborted]);
  if (onAbort) signal?.removeEventListener('abort', onAbort);
  if (fd === 'aborted') {
    opening.then((late) => close(late, () => undefined), () => undefined);
    try {
      closeSync(openSync(path, fsConstants.O_WRONLY | fsConstants.O_NONBLOCK));
    } catch {
      /* no reader waits any more: nothing to wake */
    }
    return undefined;
  }
  return new Socket({ fd, readable: true, writable: false });
}

/** An input the run did not come to (Ctrl-C stopped it before): a row of its own with `not-read`, so every report names it. */
export function notReadInput(analysis: Analysis, input: ExpandedInput): void {
  const s = new InputSource(analysis, input.display, input.pipe ? {} : { totalBytes: input.size });
  s.fail('not-read', 'not read: the run was stopped by Ctrl-C before this input; run again to read it', 0);
  s.end();
}

/**
 * Stream one file into `analysis`: one input session, or one per member when it is a tar
 * archive (.tar, .tar.gz). Never throws: failures become input errors.
 */
export async function analyzeFile(analysis: Analysis, input: ExpandedInput, onProgress?: ReadProgress, signal?: AbortSignal): Promise<InputSource> {
  if (input.unreadable !== undefined) {
    const failed = new InputSource(analysis, input.display, { totalBytes: 0 });
    failed.fail('read-failed', `cannot read: ${input.unreadable}`, 0);
    failed.end();
    onProgress?.(failed, 0);
    return failed;
  }
  // A pipe is read once, front to back: no look at its head by position. gzip on a pipe is
  // inflated by the core as it streams (the recovery of damaged gzip below reads a file twice).
  let gzip = false;
  let zipLinks: Set<string> | undefined;
  if (!input.pipe) {
    try {
      const head = await readHead(input.path, 4);
      gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
      // A zip's symbolic links are marked only in its central directory, at the end.
      if (isZipHead(head)) zipLinks = await readZipLinks(input.path, input.size);
    } catch {
      /* reported below by the stream */
    }
  }
  const session = new InputSource(analysis, input.display, { ...(input.pipe ? { gzipInCore: true } : { totalBytes: input.size }), ...(gzip ? { container: 'gzip' as const } : {}), ...(zipLinks?.size ? { zipLinks } : {}) });
  let raw = 0;
  let sinceGc = 0;
  let sinceCheck = 0;
  let recordsAtGc = 0;
  const collectEvery = (n: number): void => {
    sinceGc += n;
    sinceCheck += n;
    if (sinceCheck < RECORDS_CHECK_BYTES && sinceGc < BYTES_PER_GC) return;
    sinceCheck = 0;
    const records = session.totals().records;
    if (sinceGc >= BYTES_PER_GC || records - recordsAtGc >= RECORDS_PER_GC) {
      sinceGc = 0;
      recordsAtGc = records;
      collectGarbage();
    }
  };
  /** The first bytes read (the magic of a .zst). */
  let firstBytes: Uint8Array = new Uint8Array(0);
  /** Whether a Ctrl-C (the signal) cut the read short. */
  const stop = { cut: false };
  /** Bytes a .gz gave (where its content stopped, when a Ctrl-C stops it). */
  let inflated = 0;
  // A .gz is read in small pieces so `raw` follows what gunzip has consumed: the bomb ratio
  // (inflated / raw) then trips near MIN_BOMB_BYTES instead of after a whole read-ahead chunk.
  // A file is read up to the size it had when the run began: one that grows while it is read (a
  // live log) does not keep the run going. (Size 0 may be a /proc file that has content: read on.)
  // A named pipe is read as a socket (no blocked read on a thread of the pool: one such read, on a
  // pipe whose writer is quiet, would keep the process from exiting after a Ctrl-C).
  const fifo = input.pipe === true && !input.stdin && (await fsp.stat(input.path).then((st) => st.isFIFO(), () => false));
  let stream: NodeJS.ReadableStream & { destroy(): unknown } = input.stdin ? process.stdin : fifo ? Readable.from([]) : createReadStream(input.path, { highWaterMark: gzip ? GZIP_READ_BYTES : CHUNK_BYTES, ...(!input.pipe && input.size > 0 ? { end: input.size - 1 } : {}) });
  try {
    if (fifo) {
      const opened = await openFifo(input.path, signal);
      if (opened) stream = opened;
      else stop.cut = true;
    }
    if (!gzip) {
      for await (const chunk of untilAborted(stream as AsyncIterable<Buffer>, signal, stop)) {
        if (raw === 0) firstBytes = chunk.subarray(0, 8);
        raw += chunk.length;
        // Content that can be read no further (a binary file, a decompression limit) is read to
        // its end only to be fingerprinted and sized; a pipe or device may not end, so it stops.
        if (session.accepting) {
          session.push(chunk);
          collectEvery(chunk.length);
        } else session.drain(chunk);
        onProgress?.(session, raw);
        if (!session.accepting && input.pipe) break;
      }
      // Named as gzip but not gzip (no magic bytes): its content was read as it is, and the
      // report says so (a renamed file, or one a tool wrote uncompressed). zstd data named .gz
      // is no failure: it was inflated as zstd, as the input's container says.
      const zstdContent = isZstdHead(firstBytes) || isFramedZstdHead(firstBytes);
      if (!input.pipe && raw > 0 && GZIP_NAME.test(input.display) && !zstdContent) {
        session.fail('decompress-failed', 'named as gzip but not gzip data (no gzip header): its content was read as it is', 0);
      }
      if (!input.pipe && raw > 0 && ZSTD_NAME.test(input.display) && !zstdContent) {
        session.fail('decompress-failed', 'named as zstd but not zstd data (no zstd frame): its content was read as it is', 0);
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
      stream.on('error', (e: Error) => gunzip.destroy(e));
      stream.pipe(gunzip);
      let failed = false;
      try {
        for await (const chunk of untilAborted(gunzip as AsyncIterable<Buffer>, signal, stop)) {
          inflated += chunk.length;
          if (overInflateLimit(inflated, raw)) {
            session.fail('decompress-limit', inflateLimitMessage(inflated, raw), inflated);
            break;
          }
          session.push(chunk, false);
          collectEvery(chunk.length);
          onProgress?.(session, raw);
          if (!session.accepting) break;
        }
      } catch (e) {
        // Node's gunzip drops the output of the call that failed, and fails a whole member that
        // trailing bytes follow; gzip(1) keeps it. Read again member by member, past what was
        // pushed, so nothing before the damage is lost, and say what the damage really was.
        let more = inflated > 0 || raw > 0 ? await inflateMembers(input.path, inflated, (b) => {
          session.push(b, false);
          if (signal?.aborted) stop.cut = true;
          return session.accepting && !signal?.aborted;
        }) : undefined;
        // The file cannot be read again (deleted or replaced since, a live log rotated away):
        // what the first read found stands, damage and offset included.
        if (more?.unreadable && more.inflated <= inflated) more = undefined;
        if (more) inflated = more.inflated;
        const message = more?.failure ?? `not a valid gzip stream: ${(e as Error).message}`;
        session.fail(more?.limit ? 'decompress-limit' : 'decompress-failed', message, more?.failureAt ?? inflated);
        failed = true;
      } finally {
        hashing = false;
        stream.off('data', onData);
        stream.unpipe(gunzip);
        stream.destroy();
        gunzip.destroy();
      }
      // The fingerprint is of the whole file on disk, also when inflating stopped (damage, a
      // limit, content that cannot be read).
      if ((failed || !stop.cut) && raw < input.size) {
        for await (const chunk of createReadStream(input.path, { start: raw, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
          raw += chunk.length;
          session.hashRaw(chunk);
        }
      }
    }
    // A file cut shorter while it was read (rotated with copytruncate, rewritten): what was there is
    // kept, and the report says the rest is missing.
    if (!input.pipe && !stop.cut && raw < input.size && session.accepting) {
      session.fail('truncated', shrankMessage(raw, input.size), raw);
    }
    // A file that grew while it was read (a live log): what was there at the start is counted, and
    // the report says how much came after (code `truncated`, as for one that shrank). Not for a
    // file listed at size 0 (a /proc file), which is read to its end whatever its size.
    const grown = !input.pipe && !stop.cut && input.size > 0 && raw >= input.size && session.accepting ? await grownTo(input.path, input.size) : undefined;
    if (grown !== undefined) session.fail('truncated', grewMessage(input.size, grown), gzip ? inflated : input.size);
    // Stopped by Ctrl-C (runAnalyze): the report holds what was read, and says where it stopped.
    if (stop.cut && session.accepting) session.fail('truncated', interruptedMessage(raw, gzip ? inflated : undefined), gzip ? inflated : raw);
  } catch (e) {
    session.fail('read-failed', `cannot read: ${plainReason(e)}`, raw);
  } finally {
    stream.destroy();
  }
  session.end();
  onProgress?.(session, raw);
  return session;
}
