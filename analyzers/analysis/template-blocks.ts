// Mines a byte stream of log lines with the template miner's per-line front end spread over
// threads: the stream is cut into blocks of whole lines, an executor (worker threads, in the Node
// adapter) prepares each block (template-frontend.ts), and the results are routed here in stream
// order (TemplateMiner.addPrepared). Same ids, groups and templates as mining the lines one by one
// in this thread, whatever the block size, the number of threads or the order they finish in.
// This thread routes, and prepares blocks itself while the executor's threads are all busy.
//
// Memory: at most `maxInFlight` blocks are out at once (backpressure on the input), and the
// unfinished line carried between blocks is bounded: a line longer than `longLineBytes` without a
// line end switches the rest of the stream to mining in this thread (LineSplitter with the line
// cap, as the sequential path), after the blocks already out are routed.
import { LINE_ENDS_HEAD_BYTES, LineSplitter, crOnlyHead } from '../importers/common/lines.js';
import { MAX_LINE_BYTES, type LineEnds } from '../importers/types.js';
import { TemplateMiner } from '../profile/template-miner.js';
import { PrepInfo, PREP_STRIDE, Prep } from '../profile/template-consensus.js';
import { prepareBlock, type PrepareRequest, type PreparedBlock } from './template-frontend.js';

export type PreparedBytes = PreparedBlock & { bytes: Uint8Array };

/** Prepares blocks elsewhere (worker threads, in the Node adapter). */
export interface BlockExecutor {
  /** Prepares a block; it may take the request's bytes (and gives them back with the result). */
  execute(req: PrepareRequest): Promise<PreparedBytes>;
  /**
   * Blocks it takes at once; when that many are out, this thread prepares the next block itself
   * rather than wait (so n cores need n − 1 threads besides this one, which also routes).
   */
  readonly slots: number;
  /** Lets replies that have arrived be seen (one turn of the event loop). */
  poll(): Promise<void>;
}

export interface MinedLineSink {
  /** The next line's group (as MinedLine.group). */
  line(group: number): void;
  /** The next line exceeded the line cap and was skipped. */
  tooLong(): void;
}

export interface BlockMiningOptions {
  /** Bytes per block (default 1 MiB). */
  blockBytes?: number;
  /** Lines per block at most (default 16,384). */
  maxBlockLines?: number;
  /** Blocks handed out and not yet routed (default 4). */
  maxInFlight?: number;
  /** Line cap, as LineSplitter's (default MAX_LINE_BYTES). */
  maxLineBytes?: number;
  /** An unfinished line longer than this moves the rest of the stream to this thread (default 16 MiB). */
  longLineBytes?: number;
  /** Line ends when known; else decided from the head as LineSplitter's 'auto' does. */
  lineEnds?: LineEnds;
}

export interface BlockMiningStats {
  blocks: number;
  /** Blocks prepared in this thread: while the executor's slots are full, and a stream shorter than one block. */
  localBlocks: number;
  /** Lines mined in this thread after a line longer than longLineBytes. */
  sequentialLines: number;
}

/**
 * End of the last whole line in data[0, used): just after its line end, or 0 when there is none.
 * In a CR-only stream a CR at position used − 1 is not taken (an LF may follow it, and a CRLF is
 * one line end).
 */
export function lastLineEnd(data: Uint8Array, used: number, ends: 'lf' | 'cr'): number {
  return blockEnd(data, used, ends, Infinity);
}

/**
 * End of a block in data[0, limit): just after the `maxLines`-th line end when it comes first
 * (short lines: the prepared columns, 28 bytes a line, stay small), else after the last line end
 * (lastLineEnd's rules); 0 when there is none.
 */
export function blockEnd(data: Uint8Array, limit: number, ends: 'lf' | 'cr', maxLines: number): number {
  let pos = 0;
  let n = 0;
  if (ends === 'lf') {
    const view = data.subarray(0, limit);
    while (n < maxLines) {
      const nl = view.indexOf(10, pos);
      if (nl === -1) break;
      pos = nl + 1;
      n++;
    }
    return pos;
  }
  for (let i = 0; i < limit && n < maxLines; i++) {
    const c = data[i];
    if (c === 10) {
      pos = i + 1;
      n++;
    } else if (c === 13 && i < limit - 1) {
      if (data[i + 1] === 10) i++;
      pos = i + 1;
      n++;
    }
  }
  return pos;
}

export async function mineInBlocks(
  chunks: AsyncIterable<Uint8Array>,
  miner: TemplateMiner,
  sink: MinedLineSink,
  execute: BlockExecutor,
  options: BlockMiningOptions = {},
): Promise<BlockMiningStats> {
  const blockBytes = Math.max(1, options.blockBytes ?? 1 << 20);
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4);
  const maxLines = Math.max(1, options.maxBlockLines ?? 16384);
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const longLineBytes = Math.max(blockBytes, options.longLineBytes ?? 16 << 20);
  const header = miner.headerMode;
  const stats: BlockMiningStats = { blocks: 0, localBlocks: 0, sequentialLines: 0 };
  let ends: 'lf' | 'cr' | undefined = options.lineEnds === 'auto' ? undefined : options.lineEnds;
  let pending = new Uint8Array(Math.min(2 * blockBytes, 4 << 20));
  let used = 0;
  /** Blocks out, in stream order: prepared (result) or still with the executor (promise). */
  const queue: { result?: PreparedBytes; promise?: Promise<PreparedBytes> }[] = [];
  let outstanding = 0;
  let sequential: LineSplitter | undefined;

  // Block and column buffers come back with each result and are reused for the next blocks: a
  // handful in all rather than two per block, so no dead megabytes wait for a GC (buffers that
  // went to another thread and back count as external memory, which V8 collects late).
  const freeBytes: ArrayBuffer[] = [];
  const freeCols: Int32Array[] = [];
  const blockCapacity = blockBytes + (64 << 10);
  const blockBuffer = (n: number): Uint8Array => {
    const b = freeBytes.pop();
    return b && b.byteLength >= n ? new Uint8Array(b, 0, n) : new Uint8Array(new ArrayBuffer(Math.max(n, blockCapacity)), 0, n);
  };
  const route = (r: PreparedBytes): void => {
    const cols = r.cols;
    for (let k = 0; k < r.lines; k++) {
      if ((cols[k * PREP_STRIDE + Prep.Info]! & PrepInfo.TooLong) !== 0) sink.tooLong();
      else sink.line(miner.addPrepared(cols, k, r.bytes));
    }
    if (freeBytes.length <= maxInFlight && r.bytes.buffer.byteLength === blockCapacity) freeBytes.push(r.bytes.buffer as ArrayBuffer);
    if (freeCols.length <= maxInFlight) freeCols.push(cols);
  };
  /** Routes the prepared blocks at the head of the queue; with `wait`, waits for the head first. */
  const routeHead = async (wait: boolean): Promise<void> => {
    if (wait && queue.length && !queue[0]!.result) await queue[0]!.promise;
    while (queue.length && queue[0]!.result) route(queue.shift()!.result!);
  };
  const request = (bytes: Uint8Array): PrepareRequest => ({
    bytes,
    lineEnds: ends!,
    maxLineBytes,
    header,
    hist: Float64Array.from(miner.consensus.hist),
    mode: miner.consensus.mode,
    loggerSlots: miner.consensus.slots,
    loggerDotted: miner.consensus.dotted,
    cols: freeCols.pop(),
  });
  const handOut = async (bytes: Uint8Array): Promise<void> => {
    await execute.poll();
    await routeHead(false);
    while (queue.length >= maxInFlight) await routeHead(true);
    stats.blocks++;
    const req = request(bytes);
    if (outstanding < execute.slots) {
      outstanding++;
      const entry: { result?: PreparedBytes; promise?: Promise<PreparedBytes> } = {};
      entry.promise = execute.execute(req).then((r) => {
        outstanding--;
        entry.result = r;
        return r;
      });
      // A rejection surfaces when the block's turn comes (awaited in order); until then it is handled.
      entry.promise.catch(() => undefined);
      queue.push(entry);
    } else {
      stats.localBlocks++;
      queue.push({ result: { ...prepareBlock(req), bytes } });
    }
  };
  const decideEnds = (): void => {
    ends ??= crOnlyHead(pending.subarray(0, used)) ? 'cr' : 'lf';
  };

  for await (const chunk of chunks) {
    if (sequential) {
      sequential.push(chunk);
      continue;
    }
    if (used + chunk.length > pending.length) {
      const bigger = new Uint8Array(Math.max(pending.length * 2, used + chunk.length));
      bigger.set(pending.subarray(0, used));
      pending = bigger;
    }
    pending.set(chunk, used);
    used += chunk.length;
    while (used >= blockBytes) {
      if (ends === undefined) {
        // As LineSplitter's 'auto': an LF in the head decides at once; else its first
        // LINE_ENDS_HEAD_BYTES must be in before CRs can be taken for line ends.
        const head = pending.subarray(0, Math.min(used, LINE_ENDS_HEAD_BYTES));
        if (head.indexOf(10) !== -1) ends = 'lf';
        else if (used < LINE_ENDS_HEAD_BYTES) break;
        else decideEnds();
      }
      // Blocks of at most blockBytes and maxLines lines, else (a longer line) up to any later line end.
      let cut = blockEnd(pending, blockBytes, ends!, maxLines);
      if (cut === 0) cut = lastLineEnd(pending, used, ends!);
      if (cut === 0) {
        if (used > longLineBytes) {
          // A very long line: route what is out, then mine the rest of the stream here.
          while (queue.length) await routeHead(true);
          sequential = new LineSplitter(
            {
              line: (text) => {
                stats.sequentialLines++;
                sink.line(miner.add(text).group);
              },
              tooLong: () => sink.tooLong(),
            },
            maxLineBytes,
            ends,
          );
          sequential.push(pending.subarray(0, used));
          used = 0;
          pending = new Uint8Array(0);
        }
        break;
      }
      const block = blockBuffer(cut);
      block.set(pending.subarray(0, cut));
      pending.copyWithin(0, cut, used);
      used -= cut;
      await handOut(block);
    }
  }
  if (sequential) {
    sequential.end();
    return stats;
  }
  if (used > 0 || stats.blocks === 0) {
    decideEnds();
    const last = blockBuffer(used);
    last.set(pending.subarray(0, used));
    if (stats.blocks === 0) {
      // The whole stream is one block: prepare it here (no thread to start for so little).
      stats.blocks++;
      stats.localBlocks++;
      route({ ...prepareBlock(request(last)), bytes: last });
    } else await handOut(last);
  }
  while (queue.length) await routeHead(true);
  return stats;
}
