// The stream's header consensus of the template miner, and the layout of a line prepared by a
// front end in another thread (template-frontend.ts). One module for both sides, so that the main
// thread (TemplateMiner) and the front ends vote and cut alike.
import type { HeaderScanner } from './template-header.js';

/**
 * Header cut with the stream's consensus: lines whose own cut is anchored (level, component)
 * keep it; a capitalised level word that may start the message (HeaderScanner.softLevel) is cut
 * only where the stream's mode is that cut; otherwise the most frequent header field count so far wins when this line has a
 * header-shaped field there (a message that starts with a number or a host-like word is not
 * eaten, and `2286759 full partition status 1061219795 -1 running` cuts like its siblings), and
 * the cut stays before the words its message starts with (HeaderScanner.reach).
 */
export class HeaderConsensus {
  /** Lines by their own header field count (at most 18: 16 fields and a level's two followers). */
  readonly hist = new Float64Array(32);
  /** The most frequent own field count so far (ties: the smaller). */
  mode = 0;
  /** Whether the last start() took the stream's mode instead of the line's own cut. */
  applied = false;
  /** Lines with a logger name after their level without a separator, dotted or maybe (HeaderScanner.loggerSlot), and the dotted ones. */
  slots = 0;
  dotted = 0;
  /** Whether the last start() cut the line's undotted logger name (see loggers). */
  loggerCut = false;

  /**
   * The stream writes a logger name after the level without a separator (`%(levelname)s %(name)s
   * %(message)s`): a fifth of the lines with a word there, 3 at least, show a dotted name. Then an
   * undotted one there (`root`, `payments`) is a logger name too, cut as the dotted ones are, so a
   * message has one template whatever its logger.
   */
  get loggers(): boolean {
    return this.dotted >= 3 && this.dotted * 5 >= this.slots;
  }

  /** Counts a line's logger evidence (HeaderScanner.dottedLogger, loggerSlot ≥ 0), before its cut is decided. */
  voteLogger(dotted: boolean, slot: boolean): void {
    if (dotted) {
      this.dotted++;
      this.slots++;
    } else if (slot) this.slots++;
  }

  /** Counts a line whose own header has `own` fields (before its cut is decided). */
  vote(own: number): void {
    const hist = this.hist;
    const n = (hist[own] = hist[own]! + 1);
    const m0 = this.mode;
    if (n > hist[m0]! || (n === hist[m0] && own < m0)) this.mode = own;
  }

  /** Start of the message of the line that `h` has just analysed, with the current mode. */
  start(h: HeaderScanner, line: string): number {
    const own = h.own;
    let count = own;
    const m = this.mode;
    this.applied = false;
    this.loggerCut = false;
    if (h.anchored && h.loggerSlot >= 0 && h.loggerSlot === own && this.loggers) {
      count = own + 1;
      this.loggerCut = true;
    }
    if (!h.anchored && h.softLevel) {
      // A level word that may start the message: cut where the stream's lines cut theirs there,
      // else left to the message (HeaderScanner.softLevel).
      if (m > 0 && m !== own) {
        count = own - 1;
        this.applied = true;
      }
    } else if (!h.anchored && m > 0 && m !== own && m <= h.reach && h.has(m) && h.canEndHeader(m - 1)) {
      count = m;
      this.applied = true;
    }
    let start = h.messageStart(count);
    // A cut that leaves nothing is one field too long.
    if (start >= line.length && count > 0) start = h.messageStart(count - 1);
    return start;
  }

  /** Continues from another consensus's state (a snapshot taken in the main thread). */
  load(hist: Float64Array, mode: number, slots: number, dotted: number): void {
    this.hist.set(hist);
    this.mode = mode;
    this.slots = slots;
    this.dotted = dotted;
  }
}

/** Int32 columns per prepared line. */
export const PREP_STRIDE = 7;

/** Columns of a prepared line (at line k × PREP_STRIDE). */
export const enum Prep {
  /** Byte offset of the line in its block. */
  Offset = 0,
  /** Its length in bytes, without the line end (and a CR before an LF). */
  Bytes = 1,
  /** PrepInfo bits. */
  Info = 2,
  /** Start of the message part (chars), as cut by the front end. */
  From = 3,
  /** Fingerprint of the masked shape (ShapeCache.hash), low and high words. */
  H1 = 4,
  H2 = 5,
  /** Length of the masked shape in chars. */
  Len = 6,
}

/** Bits of Prep.Info. Bits 0–4: the line's own header field count. */
export const enum PrepInfo {
  Anchored = 1 << 5,
  /** Bits 6–10: the stream mode the front end cut with. */
  ModeShift = 6,
  /** The front end took that mode instead of the line's own cut. */
  Applied = 1 << 11,
  /** The masked shape is a valid cache key (no separator char inside a token). */
  Cacheable = 1 << 12,
  /** The line exceeded the line cap: skipped, not mined. */
  TooLong = 1 << 13,
  /** HeaderScanner.dottedLogger. */
  Dotted = 1 << 14,
  /** HeaderScanner.loggerSlot ≥ 0: the line's cut depends on HeaderConsensus.loggers. */
  Slot = 1 << 15,
  /** The front end cut the line's undotted logger name (HeaderConsensus.loggerCut). */
  LoggerCut = 1 << 16,
}
