// A head whose first values are long (a 300 KB tag on the first Zipkin span, a long quoted field
// in the first CSV row, a JSON line with a big message) fills the 64 KB sniff window with one
// string, and no sniffer sees the shape of the records. The condensed head keeps every byte but
// the middle of long quoted strings (a JSON string, a quoted CSV field): each keeps its first
// KEEP_BYTES and its closing quote, so the window shows the records' keys and columns. It is only
// a second look when the window itself was not recognised; the decoder reads the real bytes.

/** Bytes kept of each quoted string (whole characters and escapes). */
export const KEEP_BYTES = 256;
/** Most bytes of the head held for a condensed window; past it the window is decided on what came. */
export const CONDENSE_MAX_BYTES = 16 * 1024 * 1024;

const QUOTE = 34;
const BACKSLASH = 92;

/** Condenses bytes pushed in order; `out` grows to at most `max` bytes. */
export class HeadCondenser {
  private readonly buf: Uint8Array;
  length = 0;
  /** Input bytes consumed. */
  consumed = 0;
  private inString = false;
  private run = 0;
  private escape = false;
  /** Hex digits left of a `\u` escape. */
  private hex = 0;
  /** Whether the escape (or character) being read is kept. */
  private keeping = true;

  constructor(private readonly max: number) {
    this.buf = new Uint8Array(max);
  }

  get full(): boolean {
    return this.length >= this.max;
  }

  /** Takes bytes until the output is full or `limit` input bytes were consumed in all. */
  push(chunk: Uint8Array, limit = CONDENSE_MAX_BYTES): void {
    let i = 0;
    for (; i < chunk.length && this.length < this.max && this.consumed + i < limit; i++) {
      const b = chunk[i]!;
      if (!this.inString) {
        if (b === QUOTE) {
          this.inString = true;
          this.run = 0;
          this.escape = false;
          this.hex = 0;
          this.keeping = true;
        }
        this.buf[this.length++] = b;
        continue;
      }
      if (this.escape) {
        this.escape = false;
        if (b === 0x75) this.hex = 4;
        if (this.keeping) this.buf[this.length++] = b;
        continue;
      }
      if (this.hex > 0) {
        this.hex--;
        if (this.keeping) this.buf[this.length++] = b;
        continue;
      }
      if (b === QUOTE) {
        this.inString = false;
        this.buf[this.length++] = b;
        continue;
      }
      // A UTF-8 continuation byte goes with its character; any other byte starts one, kept while
      // the string is short.
      if ((b & 0xc0) !== 0x80) this.keeping = this.run < KEEP_BYTES;
      if (b === BACKSLASH) this.escape = true;
      this.run++;
      if (this.keeping) this.buf[this.length++] = b;
    }
    this.consumed += i;
  }

  /** The condensed bytes so far (a view). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Condenses `head` (at most CONDENSE_MAX_BYTES of it) to at most `max` bytes; `all` when the whole head was taken. */
export function condenseHead(head: Uint8Array, max: number): { bytes: Uint8Array; all: boolean } {
  const c = new HeadCondenser(max);
  c.push(head);
  return { bytes: c.bytes(), all: c.consumed === head.length };
}
