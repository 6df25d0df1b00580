// Incremental line framing over bytes: handles CRLF, any chunk boundary, and caps line length
// so that a 300 MB line without a newline costs at most MAX_LINE_BYTES of memory.
import { MAX_LINE_BYTES } from '../types.js';

/** The message of a `line-too-long` error, one wording for every line-based importer. */
export function lineTooLongMessage(bytes: number, limit: number): string {
  return `line of ${bytes} bytes exceeds ${limit} bytes; skipped`;
}

export interface LineHandler {
  /** `text` excludes the line terminator (LF or CRLF). `line` is 1-based; `offset` is the byte offset of its first byte. */
  line(text: string, line: number, offset: number): void;
  /** Called once for a line that exceeded the cap; the line is skipped up to its newline. */
  tooLong?(line: number, offset: number, bytes: number): void;
}

const decoder = new TextDecoder('utf-8');

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  private lineNo = 1;
  private lineStart = 0; // byte offset of the current line
  private pos = 0; // total bytes seen
  private skipping = false; // inside an over-long line
  private skippedBytes = 0;
  /** True when any line had invalid UTF-8 (decoded with U+FFFD). */
  invalidUtf8 = false;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  get linesSeen(): number {
    return this.lineNo - 1;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    const n = chunk.length;
    while (start < n) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) {
        this.append(chunk, start, n);
        break;
      }
      if (this.partBytes === 0 && !this.skipping && nl - start <= this.maxLineBytes) {
        // Fast path: the whole line is inside this chunk; decode without copying.
        this.pos += nl - start + 1;
        this.emitBytes(chunk.subarray(start, nl));
      } else {
        this.append(chunk, start, nl);
        this.pos += 1; // the newline itself
        this.emit();
      }
      start = nl + 1;
    }
  }

  end(): void {
    if (this.partBytes > 0 || this.skipping) this.emit();
  }

  private append(chunk: Uint8Array, from: number, to: number): void {
    const len = to - from;
    this.pos += len;
    if (len === 0) return;
    if (this.skipping) {
      this.skippedBytes += len;
      return;
    }
    if (this.partBytes + len > this.maxLineBytes) {
      this.skipping = true;
      this.skippedBytes = this.partBytes + len;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    // Copy: the caller may reuse its buffer.
    this.parts.push(chunk.slice(from, to));
    this.partBytes += len;
  }

  private emit(): void {
    const line = this.lineNo++;
    const offset = this.lineStart;
    this.lineStart = this.pos;
    if (this.skipping) {
      this.handler.tooLong?.(line, offset, this.skippedBytes);
      this.skipping = false;
      this.skippedBytes = 0;
      return;
    }
    let bytes: Uint8Array;
    if (this.parts.length === 1) bytes = this.parts[0]!;
    else {
      bytes = new Uint8Array(this.partBytes);
      let o = 0;
      for (const p of this.parts) {
        bytes.set(p, o);
        o += p.length;
      }
    }
    this.parts = [];
    this.partBytes = 0;
    this.decodeAndSend(bytes, line, offset);
  }

  private emitBytes(bytes: Uint8Array): void {
    const line = this.lineNo++;
    const offset = this.lineStart;
    this.lineStart = this.pos;
    this.decodeAndSend(bytes, line, offset);
  }

  private decodeAndSend(bytes: Uint8Array, line: number, offset: number): void {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 13) end--;
    const text = decoder.decode(end === bytes.length ? bytes : bytes.subarray(0, end));
    if (!this.invalidUtf8 && text.includes('\uFFFD')) this.invalidUtf8 = true;
    this.handler.line(text, line, offset);
  }
}

/** Decode sniffed bytes for content checks. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** True when `bytes` are valid UTF-8; with `incomplete`, a sequence cut by their end does not count. */
export function isUtf8(bytes: Uint8Array, incomplete: boolean): boolean {
  try {
    // A decoder of its own: no stream state carried from a previous (failed) call.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: incomplete });
    return true;
  } catch {
    return false;
  }
}

/**
 * Heuristic: a high share of control bytes (NUL included) or undecodable UTF-8 means binary
 * content. A lone NUL in otherwise valid text (a torn write, a NUL in a HELP string) is not
 * enough: the text around it is still read and the bad line reported by its importer.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let ctrl = 0;
  let high = false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
    else if (b > 127) high = true;
  }
  if (high) {
    const text = decoder.decode(bytes.subarray(0, n));
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) ctrl++;
  }
  return ctrl / n > 0.1;
}
