// The OpenTelemetry Collector's debug exporter prints its batches into the Collector's own log, so
// a copy of that log may hold more of the Collector's own lines (startup, export retries) before
// the first batch than the sniff window does: read by the window alone it was a text log, the
// batches' lines records of free text. When the window is the Collector's own log and sniffs as
// text logs, the input session holds more of the head (up to LATE_BATCH_BYTES) looking for the
// first batch line; where the window from that line sniffs as the debug exporter's output, the
// input is read as such from its start, and the Collector's lines before the batch are skipped
// and reported by that decoder as they are in a head that holds both. Decided on the content only
// (the first batch line within the limit, the sniff window from it), never on chunking.
import { makeSniffInput, sniffFormat, type SniffResult } from '../importers/sniff.js';
import { SNIFF_BYTES } from '../importers/types.js';
import { BATCH_LINE, collectorLogWithoutBatch } from '../importers/otel-debug/index.js';

/** How far into an input a first debug-exporter batch is looked for. */
export const LATE_BATCH_BYTES = 16 * 1024 * 1024;
/** Lines longer than this are not looked at (a batch line is short). */
const MAX_SCANNED_LINE = 4096;

const latin1 = new TextDecoder('latin1');

/** Whether the sniff window (`window`, the first SNIFF_BYTES) is worth holding more of the head for. */
export function waitsForLateBatch(window: Uint8Array): boolean {
  const input = makeSniffInput(window, false);
  return collectorLogWithoutBatch(input.text) && sniffFormat(input).spec?.id === 'text-logs';
}

/** Finds, chunk by chunk, the byte offset of the first line that begins a batch (before LATE_BATCH_BYTES). */
export class LateBatchScan {
  /** Offset of the first batch line, once found. */
  found: number | undefined;
  /** Bytes scanned before `carry` (the unfinished last line). */
  private done = 0;
  private carry = '';

  push(chunk: Uint8Array): void {
    if (this.found !== undefined || this.done >= LATE_BATCH_BYTES) return;
    // (latin1: one character a byte, so offsets in the text are offsets in the bytes)
    const text = this.carry + latin1.decode(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const at = this.done + start;
      if (at >= LATE_BATCH_BYTES) {
        this.done = LATE_BATCH_BYTES;
        return;
      }
      if (!this.long && nl - start <= MAX_SCANNED_LINE && BATCH_LINE.test(text.slice(start, nl))) {
        this.found = at;
        return;
      }
      this.long = false;
      start = nl + 1;
    }
    this.done += start;
    this.carry = text.slice(start);
    // A line longer than any batch line is not kept: its end is found, its text not looked at.
    if (this.carry.length > MAX_SCANNED_LINE) {
      this.done += this.carry.length;
      this.carry = '';
      this.long = true;
    }
  }

  /** The line being read is longer than MAX_SCANNED_LINE (its start was dropped). */
  private long = false;

  /** Whether the head must grow before deciding: a batch found whose window is not whole yet, or none found within the limit so far. */
  waiting(headBytes: number): boolean {
    if (this.found !== undefined) return headBytes < this.found + SNIFF_BYTES;
    return this.done < LATE_BATCH_BYTES && headBytes < LATE_BATCH_BYTES + MAX_SCANNED_LINE;
  }
}

/**
 * The sniff of the debug exporter's output at the first batch line of `head` (the content as the
 * decoder will read it; the whole input when `complete`), when the window there sniffs so;
 * undefined otherwise. (The line is found again here: NUL padding taken off the head, or a
 * transcoded one, moves it.)
 */
export function lateBatchSniff(head: Uint8Array, complete: boolean): SniffResult | undefined {
  const scan = new LateBatchScan();
  scan.push(head);
  const at = scan.found;
  if (at === undefined) return undefined;
  const sniffed = sniffFormat(makeSniffInput(head.subarray(at, at + SNIFF_BYTES), complete && head.length - at <= SNIFF_BYTES));
  return sniffed.spec?.id === 'otel-debug' ? sniffed : undefined;
}
