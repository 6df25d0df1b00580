// Front end of the template miner for a block of whole lines, meant to run in a worker thread:
// per line it does everything of TemplateMiner.add that depends on the line alone — UTF-8
// decoding, the header scan, the cut with the stream's header consensus, masking and the shape
// fingerprint — and writes the results as Int32 columns (template-consensus.ts: Prep). The main
// thread then routes each line with TemplateMiner.addPrepared, in stream order, which is all that
// depends on the lines before it: the ids are exactly those of mining the stream in one thread.
//
// The consensus a block starts from is a snapshot of the main thread's (taken when the block was
// handed out), advanced here line by line. Blocks still in flight before it are not in the
// snapshot, so its mode may lag; each line carries the mode it was cut with, and addPrepared
// re-cuts the (rare) lines whose cut would differ under the true mode.
import { LineSplitter } from '../importers/common/lines.js';
import type { LineEnds } from '../importers/types.js';
import { HeaderScanner } from '../profile/template-header.js';
import { MessageMasker } from '../profile/template-mask.js';
import { HeaderConsensus, PREP_STRIDE, Prep, PrepInfo } from '../profile/template-consensus.js';
import { ShapeCache } from '../profile/shape-cache.js';

export interface PrepareRequest {
  /** Whole lines: the block ends after a line end, or at the end of the stream. */
  bytes: Uint8Array;
  /** The stream's line ends (decided from its head, as LineSplitter's 'auto' does). */
  lineEnds: Exclude<LineEnds, 'auto'>;
  maxLineBytes: number;
  header: 'auto' | 'none';
  /** The main thread's header consensus when the block was handed out. */
  hist: Float64Array;
  mode: number;
  /** Its logger votes (HeaderConsensus.slots, dotted). */
  loggerSlots: number;
  loggerDotted: number;
  /** A buffer for the result columns, reused from an earlier block (a bigger one is made when it is too small). */
  cols?: Int32Array;
}

export interface PreparedBlock {
  lines: number;
  /** PREP_STRIDE Int32 per line (template-consensus.ts: Prep); room for more lines may follow. */
  cols: Int32Array;
}

const header = new HeaderScanner();
const masker = new MessageMasker();
const hasher = new ShapeCache<never>(1);
const consensus = new HeaderConsensus();

/** Prepares every line of a block (see the file comment). */
export function prepareBlock(req: PrepareRequest): PreparedBlock {
  // Room for lines of 64 bytes on average, grown by doubling when they are shorter.
  const want = PREP_STRIDE * Math.max(64, req.bytes.length >>> 6);
  let cols = req.cols && req.cols.length >= want ? req.cols : new Int32Array(want);
  let n = 0;
  const auto = req.header !== 'none';
  consensus.load(req.hist, req.mode, req.loggerSlots, req.loggerDotted);
  const room = (): void => {
    if ((n + 1) * PREP_STRIDE > cols.length) {
      const bigger = new Int32Array(cols.length * 2);
      bigger.set(cols);
      cols = bigger;
    }
  };
  const splitter = new LineSplitter(
    {
      line: (text, _line, offset, bytes) => {
        room();
        const o = n * PREP_STRIDE;
        let info = 0;
        let from = 0;
        if (auto) {
          header.analyse(text);
          const own = header.own;
          consensus.vote(own);
          consensus.voteLogger(header.dottedLogger, header.loggerSlot >= 0);
          from = consensus.start(header, text);
          info = own | (consensus.mode << PrepInfo.ModeShift);
          if (header.anchored) info |= PrepInfo.Anchored;
          if (consensus.applied) info |= PrepInfo.Applied;
          if (header.dottedLogger) info |= PrepInfo.Dotted;
          if (header.loggerSlot >= 0) info |= PrepInfo.Slot;
          if (consensus.loggerCut) info |= PrepInfo.LoggerCut;
        } else info = PrepInfo.Anchored;
        masker.mask(text, from);
        if (!masker.sepInText) {
          hasher.hash(masker.buf32, masker.padToWords());
          info |= PrepInfo.Cacheable;
          cols[o + Prep.H1] = hasher.hashLow;
          cols[o + Prep.H2] = hasher.hashHigh;
          cols[o + Prep.Len] = masker.length;
        }
        cols[o + Prep.Offset] = offset;
        cols[o + Prep.Bytes] = bytes;
        cols[o + Prep.Info] = info;
        cols[o + Prep.From] = from;
        n++;
      },
      tooLong: () => {
        room();
        cols[n * PREP_STRIDE + Prep.Info] = PrepInfo.TooLong;
        n++;
      },
    },
    req.maxLineBytes,
    req.lineEnds,
  );
  splitter.push(req.bytes);
  splitter.end();
  return { lines: n, cols };
}
