// Runs of NUL bytes inside a text input: what logrotate's copytruncate leaves when the writer keeps
// its offset (the file is sparse up to there), or a crash that left a block unwritten. Such a run is
// taken out of the text before the decoder reads it, so the lines on both sides are read (the line
// glued after the NULs too); each run is reported once, with its offset and length, by the caller.
import { byteSearch, concat } from '../importers/common/lines.js';

/** A run of at least this many NUL bytes is a gap; shorter runs stay in the text (the importers report them). */
export const MIN_NUL_GAP = 64;

/** Gaps remembered to map offsets back to the file; past this they are left in the text. */
const MAX_GAPS = 100_000;

/** A NUL run of at least MIN_NUL_GAP bytes anywhere in `bytes`. */
export function hasNulGap(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0); i !== -1; ) {
    let j = i;
    while (j < bytes.length && bytes[j] === 0) j++;
    if (j - i >= MIN_NUL_GAP) return true;
    i = bytes.indexOf(0, j);
  }
  return false;
}

/** `bytes` without its NUL runs of at least MIN_NUL_GAP bytes (for a sniff window). */
export function withoutNulGaps(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let from = 0;
  let n = 0;
  for (let i = bytes.indexOf(0); i !== -1; ) {
    let j = i;
    while (j < bytes.length && bytes[j] === 0) j++;
    if (j - i >= MIN_NUL_GAP) {
      parts.push(bytes.subarray(from, i));
      n += i - from;
      from = j;
    }
    i = bytes.indexOf(0, j);
  }
  if (from === 0) return bytes;
  parts.push(bytes.subarray(from));
  n += bytes.length - from;
  return concat(parts, n);
}

/**
 * Takes NUL gaps out of a byte stream, chunk by chunk (the same output in any chunking: up to
 * MIN_NUL_GAP - 1 NULs at a chunk's end are held until the run's length is known). Offsets of the
 * output map back to the input with `toInput`.
 */
export class NulGapStripper {
  /** Bytes given out so far (offsets in the decoder's text). */
  private out = 0;
  /** NULs of the current run not given out yet (fewer than MIN_NUL_GAP), or the whole run once it is a gap. */
  private run = 0;
  /** Output offset of each gap, and the NUL bytes removed up to and including it. */
  private readonly at: number[] = [];
  private readonly removed: number[] = [];
  private total = 0;

  /** `onGap(inputOffset, length)` is called once per gap, when its run ends. */
  constructor(private readonly onGap: (inputOffset: number, length: number) => void) {}

  /** The chunk without its gaps (pieces in order). */
  push(chunk: Uint8Array): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    let from = 0;
    let i = 0;
    if (this.run > 0) {
      while (i < chunk.length && chunk[i] === 0) i++;
      this.run += i;
      if (i === chunk.length) return pieces; // the run goes on
      this.endRun(pieces);
      from = i;
    }
    const search = byteSearch;
    for (let z = search.indexOf(chunk, 0, i); z !== -1; ) {
      let j = z;
      while (j < chunk.length && chunk[j] === 0) j++;
      if (j === chunk.length) {
        // a run to the chunk's end: its length is known with the next chunk
        this.emit(pieces, chunk.subarray(from, z));
        this.run = j - z;
        return pieces;
      }
      if (j - z >= MIN_NUL_GAP && this.at.length < MAX_GAPS) {
        this.emit(pieces, chunk.subarray(from, z));
        this.gap(j - z);
        from = j;
      }
      z = search.indexOf(chunk, 0, j);
    }
    this.emit(pieces, chunk.subarray(from));
    return pieces;
  }

  /** The NULs held at the end of the input. */
  end(): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    if (this.run > 0) this.endRun(pieces);
    return pieces;
  }

  /** Some gap was taken out (offsets need mapping). */
  get active(): boolean {
    return this.at.length > 0;
  }

  /** An offset in the output as an offset in the input. */
  toInput(offset: number): number {
    const at = this.at;
    if (at.length === 0 || offset < at[0]!) return offset;
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset + this.removed[lo]!;
  }

  private endRun(pieces: Uint8Array[]): void {
    const n = this.run;
    this.run = 0;
    if (n >= MIN_NUL_GAP && this.at.length < MAX_GAPS) this.gap(n);
    else this.emit(pieces, new Uint8Array(n));
  }

  private gap(length: number): void {
    this.onGap(this.out + this.total, length);
    this.total += length;
    this.at.push(this.out);
    this.removed.push(this.total);
  }

  private emit(pieces: Uint8Array[], bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    pieces.push(bytes);
    this.out += bytes.length;
  }
}
