// Splits big JSON Lines inputs across threads: the main thread reads and hashes the file and
// cuts it at newlines; one worker per spare core decodes and collects, and the main thread
// decodes the pieces no worker has room for (so n cores need n − 1 worker heaps, not n), straight
// into the run's own analysis; the workers' collector states are merged at the end (in any order:
// the merge is order-independent).
// Only formats whose lines are independent records qualify (OTLP JSON Lines, JSON Lines logs);
// in JSON Lines logs, docker's partial entries of one long line are not cut apart (split-point.ts).
import { promises as fsp } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { LINE_INDEPENDENT, PARALLEL_MIN_BYTES, decodingThreads, startAnalyzeWorker, takeEarlyWorker } from './early-workers.js';
import type { Analysis, AnalysisOptions, AnalysisState, InputSession, MergeSizes } from '../analysis/analysis.js';
import { createPieceAnalysis, decodePiece, type PieceRequest } from './piece.js';
import { collectGarbage } from './gc.js';
import { formatById, makeSniffInput, sniffFormat } from '../importers/sniff.js';
import { MAX_LINE_BYTES, SNIFF_BYTES, type FormatId, type ForcedFormat } from '../importers/types.js';
import { isUtf8, lineTooLongMessage } from '../importers/common/lines.js';
import { isTarHeader } from '../analysis/tar.js';
import { isZipHead } from '../analysis/zip.js';
import { isFramedZstdHead, isZstdHead } from '../analysis/zstd.js';
import { GZIP_NAME, grewMessage, grownTo, interruptedMessage, plainReason, shrankMessage, type ExpandedInput } from './read-inputs.js';
import { findSplitPoint, lastLfBeforeObject, lastLfBeforeTextRecord, type OpenRun } from './split-point.js';

/** Held past this without a line that starts a JSON record, a piece is cut before a line of text that starts one. */
const TEXT_CUT_BYTES = 4 * 1024 * 1024;

export { PARALLEL_MIN_BYTES, decodingThreads };
// 1 MB: a piece's transient strings and parse objects stay small, and fewer bytes wait in flight.
const PIECE_BYTES = Number(process.env['OBSREADY_SPLIT_PIECE_BYTES'] ?? 1024 * 1024);
const IN_FLIGHT_PER_WORKER = 3;
/** Capacity of a recycled piece buffer: a piece plus room for the unfinished line carried in front of it. */
const PIECE_CAPACITY = PIECE_BYTES + 256 * 1024;
/** A worker's first message: the options of its Analysis (made then, not at its start: see early-workers.ts). */
export interface WorkerInit {
  type: 'init';
  options: Partial<AnalysisOptions>;
}
export interface WorkerRequest extends PieceRequest {
  type: 'piece';
  id: number;
}
/** The end of the pieces: `sizes` are the merging thread's merge sizes (Analysis.mergeSizes), when it prepares a merge. */
export interface WorkerFinish {
  type: 'finish';
  sizes?: MergeSizes;
}
/**
 * A worker's replies. At the end, its state comes in parts (Analysis.stateParts), each merged as
 * it comes while the worker builds the next: `part`s, then `state` (the rest: empty) ends it.
 */
export type WorkerResponse = { type: 'done'; id: number; records: number; rejected: number; buffer: ArrayBuffer } | { type: 'sizes'; sizes: MergeSizes } | { type: 'part'; state: Partial<AnalysisState> } | { type: 'state'; state: Partial<AnalysisState> } | { type: 'error'; message: string };

/** How the merging thread's analysis takes part in preparing a merge (Analysis.mergeSizes / prepareMerge). */
export interface MergePreparation {
  sizes(): MergeSizes;
  prepare(sizes: MergeSizes): void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: number;
  waiters: (() => void)[];
}

export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private next = 0;
  private readonly pending = new Map<number, (r: { records: number; rejected: number }) => void>();
  private failure: Error | undefined;
  private local: Analysis | undefined;
  /**
   * The run's own analysis and the split inputs' sessions (by index), when this thread decodes its
   * pieces straight into that analysis: each piece's counts go to its input's session as it ends,
   * and there is no second set of collectors on this thread to build, hold and merge at the end
   * (the merge of the main thread's own state was ~0.2 s of the serial tail at 500 MB of OTLP).
   */
  private home: { analysis: Analysis; sessions: Map<number, InputSession> } | undefined;
  private homeUsed = false;
  /**
   * Piece buffers back from the threads that decoded them, for the next pieces: the split path
   * allocates a handful of buffers in all instead of one per piece, so no dead megabyte buffers
   * wait for a GC in either heap (they were ~20–35 MB of each thread's RSS).
   */
  private readonly free: ArrayBuffer[] = [];

  /**
   * `size`: worker threads. `localOptions`: when given, the main thread decodes the pieces that
   * find every worker busy, into an Analysis made with these options (as the workers' are).
   */
  constructor(
    private readonly workerUrl: URL,
    private readonly size = Math.max(0, decodingThreads() - 1),
    private readonly workerData: Partial<AnalysisOptions> = {},
    private readonly localOptions: Partial<AnalysisOptions> | undefined = workerData,
  ) {}

  /**
   * A view of `bytes` bytes for the next piece: a recycled buffer when it is big enough, else a new
   * one of `capacity` bytes (room for a line that goes on growing in place).
   */
  pieceBuffer(bytes: number, capacity = bytes): Uint8Array<ArrayBuffer> {
    if (bytes > PIECE_CAPACITY) return new Uint8Array(new ArrayBuffer(Math.max(bytes, capacity)), 0, bytes);
    return new Uint8Array(this.free.pop() ?? new ArrayBuffer(PIECE_CAPACITY), 0, bytes);
  }

  private recycle(buffer: ArrayBuffer | undefined): void {
    if (buffer?.byteLength === PIECE_CAPACITY && this.free.length < 2 * IN_FLIGHT_PER_WORKER * (this.size + 1)) this.free.push(buffer);
  }

  /**
   * Decode this thread's pieces of `session`'s input into `analysis` (the one the session belongs
   * to) rather than into an Analysis of their own. Results are the same either way (a piece's
   * records are collected as a sequential read collects them, and merging is order-independent).
   */
  decodeInto(analysis: Analysis, session: InputSession): void {
    if (this.home && this.home.analysis !== analysis) throw new Error('one WorkerPool serves one analysis');
    (this.home ??= { analysis, sessions: new Map() }).sessions.set(session.index, session);
  }

  /** A session on this thread for a piece (see `decodeInto`); `pieceEnded` folds it in once ended. */
  private localSession(req: Omit<PieceRequest, 'bytes'>): InputSession {
    if (this.home?.sessions.has(req.index)) {
      this.homeUsed = true;
      return this.home.analysis.openPiece(req.path, req.index);
    }
    const analysis = (this.local ??= createPieceAnalysis(this.localOptions ?? this.workerData));
    return analysis.openInput(req.path, { index: req.index });
  }

  /** A piece this thread decoded has ended: into the run's analysis, its counts go to its input's session now. */
  pieceEnded(piece: InputSession): void {
    if (this.home?.sessions.has(piece.index)) this.home.sessions.get(piece.index)!.absorb(piece.report);
  }

  /**
   * A session on this thread for the rest of a split input, read in order from a line start and
   * watched for a change of encoding (see analyzeFileSplit): it ends up among this thread's
   * pieces (call `pieceEnded` once it has ended).
   */
  tail(req: Omit<PieceRequest, 'bytes'>): InputSession {
    return this.localSession(req).asPiece(req.format, req.firstLine, req.firstOffset, req.continuesDockerRun, true);
  }

  get used(): boolean {
    return this.workers.length > 0 || this.local !== undefined || this.homeUsed;
  }

  private spawn(): void {
    while (this.workers.length < this.size) {
      // (one started early by main.ts when there is one: its modules may be loaded already)
      const w: PoolWorker = { worker: takeEarlyWorker(this.workerUrl) ?? startAnalyzeWorker(this.workerUrl), inFlight: 0, waiters: [] };
      const init: WorkerInit = { type: 'init', options: this.workerData };
      w.worker.postMessage(init);
      w.worker.on('message', (m: WorkerResponse) => {
        if (m.type === 'done') {
          this.recycle(m.buffer);
          w.inFlight--;
          w.waiters.shift()?.();
          this.pending.get(m.id)?.(m);
          this.pending.delete(m.id);
        } else if (m.type === 'error') this.failure = new Error(m.message);
      });
      w.worker.on('error', (e) => (this.failure = e));
      this.workers.push(w);
    }
  }

  /**
   * Hand a piece to a worker with room; when all are full, decode it here (if allowed) or wait
   * for room (backpressure). Resolves once the piece is handed over or done, not when a worker
   * has finished it. `bytesLeft`: of the input, the bytes still to read after this piece. Near the
   * end a worker is given fewer pieces ahead (when this thread decodes too): pieces queued in a
   * worker when the reading ends are decoded there while this thread waits for that worker's state,
   * so a worker takes a piece only while at most as many are queued in it as are still to come.
   */
  async submit(req: PieceRequest, onDone: (r: { records: number; rejected: number }) => void, bytesLeft = Infinity): Promise<void> {
    if (this.failure) throw this.failure;
    this.spawn();
    const room = this.localOptions || this.workers.length === 0 ? Math.min(IN_FLIGHT_PER_WORKER, 1 + Math.ceil(bytesLeft / PIECE_BYTES)) : IN_FLIGHT_PER_WORKER;
    let w: PoolWorker | undefined;
    for (let k = 0; k < this.workers.length; k++) {
      const c = this.workers[(this.next + k) % this.workers.length]!;
      if (c.inFlight < room) {
        w = c;
        this.next += k + 1;
        break;
      }
    }
    if (!w) {
      if (this.localOptions || this.workers.length === 0) {
        const piece = decodePiece(this.localSession(req), req);
        this.pieceEnded(piece);
        onDone({ records: piece.report.records, rejected: piece.report.rejected });
        this.recycle(req.bytes.buffer as ArrayBuffer);
        // Let worker replies (and their backpressure waiters) run between local pieces.
        await new Promise<void>((r) => setImmediate(r));
        return;
      }
      w = this.workers[this.next++ % this.workers.length]!;
      await new Promise<void>((res) => w!.waiters.push(res));
    }
    const id = this.nextId++;
    this.pending.set(id, onDone);
    w.inFlight++;
    const msg: WorkerRequest = { type: 'piece', id, ...req };
    w.worker.postMessage(msg, [msg.bytes.buffer as ArrayBuffer]);
  }

  /**
   * Wait for all pieces and hand every thread's state to `merge`, one at a time: the main
   * thread's own first, then each worker's, in parts as they come (Analysis.stateParts: a part is
   * merged here while the worker builds the next), each worker stopped as soon as its last part
   * arrived, with a full collection between two threads' states, so peak memory holds the merged
   * result plus one state. (None after the last: the garbage is left to the collector's own pace.)
   * `prep`: while a worker prepares its side of the merge, this thread prepares its own (both
   * told the other's merge sizes), so the two run at once.
   */
  async finish(merge: (state: Partial<AnalysisState>) => void, prep?: MergePreparation): Promise<void> {
    if (this.local) {
      const state = this.local.state();
      this.local = undefined;
      merge(state);
      if (this.workers.length > 0) collectGarbage();
    }
    for (const [k, w] of this.workers.entries()) {
      const state = await new Promise<Partial<AnalysisState>>((resolve, reject) => {
        w.worker.on('message', (m: WorkerResponse) => {
          if (m.type === 'sizes') prep?.prepare(m.sizes);
          else if (m.type === 'part') merge(m.state);
          else if (m.type === 'state') resolve(m.state);
        });
        w.worker.once('error', reject);
        const finish: WorkerFinish = { type: 'finish', ...(prep ? { sizes: prep.sizes() } : {}) };
        w.worker.postMessage(finish);
      });
      await w.worker.terminate();
      merge(state);
      if (k < this.workers.length - 1) collectGarbage();
    }
    this.workers.length = 0;
    if (this.failure) throw this.failure;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Decide whether `input` can be split: a line-independent format whose first line is a whole JSON value. */
export async function splittableFormat(input: ExpandedInput, forced?: ForcedFormat): Promise<{ format: FormatId; confidence: number } | undefined> {
  if (input.size < PARALLEL_MIN_BYTES || decodingThreads() < 2) return undefined;
  // Named .gz (gzip, or plain under a gzip name, which the sequential read notes): no split.
  if (GZIP_NAME.test(input.display)) return undefined;
  // (a file whose name is not UTF-8 is read in one pass: the worker threads are given paths as text)
  if (typeof input.path !== 'string') return undefined;
  let head: Buffer;
  try {
    head = await readHead(input.path);
  } catch {
    return undefined;
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return undefined; // gzip: sequential inflate
  if (isTarHeader(head) || isZipHead(head)) return undefined; // an archive: its files are read one by one
  if (isZstdHead(head) || isFramedZstdHead(head)) return undefined; // zstd: inflated in order
  let format: FormatId;
  let confidence = 1;
  if (forced) {
    // A family (`--as csv`) is decided per input by the sequential read; no family is split.
    const spec = formatById(forced);
    if (!spec) return undefined;
    format = spec.id;
  } else {
    const sniffed = sniffFormat(makeSniffInput(head, false));
    if (!sniffed.spec) return undefined;
    format = sniffed.spec.id;
    confidence = Math.round(sniffed.confidence * 100) / 100;
  }
  if (!LINE_INDEPENDENT.has(format)) return undefined;
  // Pieces are read as UTF-8: a head that is not (Windows-1252 text) goes the sequential way,
  // where the input session transcodes it.
  if (!isUtf8(head, true)) return undefined;
  const text = head.toString('utf8');
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  try {
    const first = JSON.parse(text.slice(0, nl));
    if (typeof first !== 'object' || first === null) return undefined;
  } catch {
    return undefined;
  }
  return { format, confidence };
}

/**
 * Whether `b` holds a byte that may start a change of encoding in UTF-8 text, as the input
 * session watches for it (a NUL of UTF-16 text, the FF FE or FE FF of a byte-order mark: never in
 * UTF-8; see InputSession.pushUtf8). Pieces without one are read as they are, each on its own.
 */
function mayChangeEncoding(b: Buffer): boolean {
  return b.indexOf(0) !== -1 || b.indexOf(0xff) !== -1 || b.indexOf(0xfe) !== -1;
}

/** Newlines in `b` (Buffer#indexOf is memchr; a plain Uint8Array's indexOf is several times slower). */
function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/** A piece read into `buf` after `from` bytes carried from the one before; or why there is none. */
type PieceRead = { buf: Uint8Array<ArrayBuffer>; from: number; bytesRead: number; lineCarried: boolean } | 'end' | 'interrupted';

/** The last LF of `b` at or after `from` (−1: none). */
function lastLfFrom(b: Buffer, from: number): number {
  const i = b.subarray(from).lastIndexOf(10);
  return i < 0 ? -1 : from + i;
}

/** Stream a splittable file into the pool. The returned session holds the hash and absorbs the pieces later. */
export async function analyzeFileSplit(analysis: Analysis, input: ExpandedInput, split: { format: FormatId; confidence: number }, pool: WorkerPool, onProgress?: (session: InputSession, rawBytesRead: number) => void, onPieceDone?: (records: number, rejected: number) => void, signal?: AbortSignal): Promise<InputSession> {
  const session = analysis.openInput(input.display, { totalBytes: input.size });
  session.declareSplit(split.format, split.confidence, input.size);
  pool.decodeInto(analysis, session);
  let raw = 0;
  let line = 1;
  let offset = 0;
  // JSON Lines logs: pieces end where no docker partial-line run goes on (see split-point.ts);
  // `open` is the run the next piece starts inside, when a run past its join limit was cut.
  const dockerRuns = split.format === 'jsonl-logs';
  let open: OpenRun | undefined;
  const send = async (bytes: Uint8Array, view: Buffer, nextOpen?: OpenRun): Promise<void> => {
    const firstLine = line;
    const firstOffset = offset;
    line += countNewlines(view);
    offset += bytes.length;
    const continues = open ? { continuesDockerRun: open.stream } : {};
    open = nextOpen;
    await pool.submit({ index: session.index, path: input.display, format: split.format, firstLine, firstOffset, bytes, ...continues }, (r) => onPieceDone?.(r.records, r.rejected), input.size - raw);
  };
  // Each piece is read straight into a buffer of its own (the tail of the previous read in front),
  // which is then transferred to a worker: one allocation a piece, no concatenation, no copy.
  // (Fewer, larger ArrayBuffer allocations also mean fewer GCs forced by external memory.)
  let carry = new Uint8Array(0);
  /** Bytes of a line over MAX_LINE_BYTES read so far (−1: not in one). */
  let longLine = -1;
  const rejectLongLine = (): void => session.rejectLine('line-too-long', lineTooLongMessage(longLine, MAX_LINE_BYTES), line, offset);
  let fh: Awaited<ReturnType<typeof fsp.open>> | undefined;
  // Read up to the size the file had when the run began, as the sequential read does: a live log
  // that grows does not keep the run going, and one that shrank is reported.
  let shrank = false;
  /** Stopped by Ctrl-C (the signal): what was read is counted, as for a file that shrank. */
  let interrupted = false;
  /**
   * From a place that may change the encoding on (a UTF-16 text appended to the UTF-8 one, a
   * byte-order mark, NUL bytes): the rest of the file, from the start of its line, is read in
   * order on this thread by one session that watches the encoding as a whole read does (same
   * records, notes and error lines). A cut there could fall inside a UTF-16 code unit (its LF is
   * 0A 00), and a piece on its own would not know what came before.
   */
  const readRest = async (first: Uint8Array): Promise<void> => {
    const tail = pool.tail({ index: session.index, path: input.display, format: split.format, firstLine: line, firstOffset: offset, ...(open ? { continuesDockerRun: open.stream } : {}) });
    tail.push(first, false);
    for (;;) {
      const want = Math.min(PIECE_BYTES, input.size - raw);
      if (want <= 0) break;
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
      const buf = new Uint8Array(want);
      const { bytesRead } = await fh!.read(buf, 0, want, null);
      if (bytesRead === 0) {
        shrank = true;
        break;
      }
      raw += bytesRead;
      const chunk = buf.subarray(0, bytesRead);
      session.hashRaw(chunk);
      tail.push(chunk, false);
      onProgress?.(session, raw);
    }
    const r = tail.end();
    pool.pieceEnded(tail);
    onPieceDone?.(r.records, r.rejected);
  };
  /**
   * Start reading the next piece (the carried tail of a line in front of it) — called before the
   * current piece is handed over, so that the read (in libuv's thread pool) runs while this thread
   * decodes a piece of its own instead of waiting for it (~3 % of the main thread was idle on reads).
   * One read is in flight at a time, so the file is read in order.
   */
  // `lineCarried`: the tail is a line in progress (no newline in it, held in a buffer of its own).
  const readNext = (tail: Uint8Array, lineCarried = false): Promise<PieceRead> => {
    const want = Math.min(PIECE_BYTES, input.size - raw);
    if (want <= 0) return Promise.resolve('end');
    if (signal?.aborted) return Promise.resolve('interrupted');
    let buf: Uint8Array<ArrayBuffer>;
    if (lineCarried && tail.byteOffset + tail.length + PIECE_BYTES <= tail.buffer.byteLength) {
      // a line still without its end, in a buffer with room after it: read on in place
      buf = new Uint8Array(tail.buffer as ArrayBuffer, tail.byteOffset, tail.length + PIECE_BYTES);
    } else {
      // A line that goes on past a piece gets a buffer of twice its size (up to the line limit), so
      // holding a long line costs O(its length) in copies and fresh pages, not O(length²) (a 65 MB
      // line took ~25 s of copying 1 MB at a time; page faults are dear in a VM).
      buf = pool.pieceBuffer(tail.length + PIECE_BYTES, lineCarried ? Math.min(2 * tail.length, MAX_LINE_BYTES) + 2 * PIECE_BYTES : 0);
      buf.set(tail);
    }
    const read = fh!.read(buf, tail.length, want, null).then(({ bytesRead }) => ({ buf, from: tail.length, bytesRead, lineCarried }));
    // (a read left in flight by a failure below must not be an unhandled rejection; awaiting it still throws)
    read.catch(() => undefined);
    return read;
  };
  try {
    fh = await fsp.open(input.path, 'r');
    let next = readNext(carry);
    for (;;) {
      const r = await next;
      if (r === 'end') break;
      if (r === 'interrupted') {
        interrupted = true;
        break;
      }
      const { buf, from, bytesRead, lineCarried } = r;
      if (bytesRead === 0) {
        shrank = true;
        break;
      }
      raw += bytesRead;
      session.hashRaw(buf.subarray(from, from + bytesRead));
      const n = from + bytesRead;
      const view = Buffer.from(buf.buffer, buf.byteOffset, n);
      if (longLine < 0 && mayChangeEncoding(view.subarray(from))) {
        carry = new Uint8Array(0);
        await readRest(buf.subarray(0, n));
        break;
      }
      if (longLine >= 0) {
        // Inside a line over the limit: drop bytes up to its end, then report it once, whole.
        const nl = view.indexOf(10);
        if (nl < 0) {
          longLine += n;
          carry = new Uint8Array(0);
          next = readNext(carry);
          continue;
        }
        longLine += nl;
        rejectLongLine();
        offset += longLine + 1;
        line++;
        longLine = -1;
        carry = buf.slice(nl + 1, n);
        if (mayChangeEncoding(Buffer.from(carry.buffer, carry.byteOffset, carry.length))) {
          const rest = carry;
          carry = new Uint8Array(0);
          await readRest(rest);
          break;
        }
        next = readNext(carry);
        continue;
      }
      // (the bytes carried as a line in progress hold no newline: only the new ones are searched)
      const lastLf = lineCarried ? lastLfFrom(view, from) : view.lastIndexOf(10);
      if (lastLf < 0) {
        if (n > MAX_LINE_BYTES) {
          longLine = n; // never held whole: memory stays at one piece
          carry = new Uint8Array(0);
          open = undefined; // an over-long line ends a docker run (the decoder's rule too)
          next = readNext(carry);
        } else {
          carry = buf.subarray(0, n);
          next = readNext(carry, true);
        }
        continue;
      }
      let cut = lastLf + 1;
      let nextOpen: OpenRun | undefined;
      if (dockerRuns) {
        // Inside a run of partial entries under the join limit: read on (at most that limit plus
        // a piece is held), unless an over-long line follows, which ends the run anyway.
        // Cut before a line that starts a record (not inside one written over several lines).
        const objectLf = lastLfBeforeObject(view, lastLf, n);
        let point = (objectLf === undefined ? undefined : findSplitPoint(view, objectLf, open)) ?? (n - cut > MAX_LINE_BYTES ? { cut, open: undefined } : undefined);
        if (!point && n > TEXT_CUT_BYTES) {
          // plain text after the JSON lines: cut before a line that starts a record of free text
          const textLf = lastLfBeforeTextRecord(view, lastLf);
          if (textLf !== undefined) point = { cut: textLf + 1, open: undefined };
        }
        if (!point) {
          carry = buf.subarray(0, n);
          next = readNext(carry);
          continue;
        }
        cut = point.cut;
        nextOpen = point.open;
      }
      carry = buf.slice(cut, n);
      next = readNext(carry);
      await send(buf.subarray(0, cut), view.subarray(0, cut), nextOpen);
      onProgress?.(session, raw);
    }
    if (longLine >= 0) rejectLongLine();
    else if (carry.length > 0) await send(carry, Buffer.from(carry.buffer, carry.byteOffset, carry.length));
    if (shrank || interrupted) {
      session.splitSize(raw);
      session.fail('truncated', interrupted ? interruptedMessage(raw) : shrankMessage(raw, input.size), raw);
    } else {
      // grew while it was read (a live log): said as the sequential read says it
      const grown = await grownTo(input.path, input.size);
      if (grown !== undefined) session.fail('truncated', grewMessage(input.size, grown), input.size);
    }
  } catch (e) {
    session.fail('read-failed', `cannot read: ${plainReason(e)}`, raw);
  } finally {
    await fh?.close();
  }
  onProgress?.(session, raw);
  return session;
}

/** Merge the threads' states into the analysis and end the split sessions (after `pool.finish`). */
export async function finishSplit(analysis: Analysis, sessions: Map<number, InputSession>, pool: WorkerPool): Promise<void> {
  const byPath = new Map([...sessions.values()].map((s) => [s.report.path, s] as const));
  await pool.finish(
    (st) => {
      analysis.mergeCollectors(st);
      for (const piece of st.inputs ?? []) byPath.get(piece.path)?.absorb(piece);
    },
    { sizes: () => analysis.mergeSizes(), prepare: (sizes) => analysis.prepareMerge(sizes) },
  );
  for (const s of sessions.values()) s.end();
}
