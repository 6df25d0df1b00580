// Incremental line framing over bytes: handles CRLF, any chunk boundary, and caps line length
// so that a 300 MB line without a newline costs at most MAX_LINE_BYTES of memory.
//
// Line ends are decided once per input, from its head: a head with CRs and no LF is a file with
// CR-only line ends (classic Mac OS, some network devices and old tools), where a lone CR, an LF
// and a CRLF each end a line. Anywhere else only LF ends a line (a CR before it is dropped): a
// stray CR inside a line of an LF or CRLF file (a progress bar redrawn in a log) stays in it. For
// text logs (`nulEnds`), a head without LF whose NULs each end a syslog message makes a NUL end a
// line too (see nulTerminatedHead).
import { MAX_LINE_BYTES, SNIFF_BYTES, type LineEnds } from '../types.js';
import { matchTimestampAt } from './time.js';

/** Bytes at the start of an input that decide its line ends (the sniff window). */
export const LINE_ENDS_HEAD_BYTES = SNIFF_BYTES;

/** True when `head` (the first LINE_ENDS_HEAD_BYTES of an input, or all of it) has CR-only line ends. */
export function crOnlyHead(head: Uint8Array): boolean {
  const h = head.length > LINE_ENDS_HEAD_BYTES ? head.subarray(0, LINE_ENDS_HEAD_BYTES) : head;
  return h.indexOf(10) === -1 && h.indexOf(13) !== -1;
}

/** The message of a `line-too-long` error, one wording for every line-based importer. */
export function lineTooLongMessage(bytes: number, limit: number): string {
  return `line of ${bytes} bytes exceeds ${limit} bytes; skipped`;
}

/**
 * The byte search of the hot loops (line ends, NUL runs): the index of `byte` in `bytes` from
 * `from`, or −1, as Uint8Array#indexOf. A runtime with a faster one installs it here (Node's
 * Buffer#indexOf is memchr, 10-25× faster than a plain Uint8Array's on lines of kilobytes, and
 * faster on short ones too: see analyzers/node/byte-search.ts); the result is the same.
 */
export const byteSearch = {
  indexOf(bytes: Uint8Array, byte: number, from: number): number {
    return bytes.indexOf(byte, from);
  },
};

/** The parts as one array of `total` bytes (the one part itself when there is one). */
export function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The message of an `invalid-utf8` error at a line, one wording for every importer. */
export const INVALID_UTF8_MESSAGE = 'line contains bytes that are not UTF-8 (read with U+FFFD)';

/**
 * The first bytes of `bytes` that are not UTF-8, `text` being their decoding (U+FFFD for each bad
 * sequence): its byte index, its index in `text` (`chars`) and the line ends before it; undefined
 * when there are none. A U+FFFD written as such (its bytes EF BF BD: a tool replaced bad bytes
 * before the file was written) is no bad byte. (The reading of a UTF-16 or UTF-32 input gives a
 * code unit that is no character, a lone surrogate or a cut unit, as bad bytes: see
 * TRANSCODED_BAD_UNIT in analysis/text-encoding.ts.)
 */
export function firstInvalidUtf8(text: string, bytes: Uint8Array): { bytes: number; chars: number; lines: number } | undefined {
  let at = text.indexOf('\uFFFD');
  let from = 0;
  let b = 0;
  while (at !== -1) {
    b += utf8Length(text.slice(from, at)); // the text before decoded cleanly: its byte length is exact
    if (bytes[b] !== 0xef || bytes[b + 1] !== 0xbf || bytes[b + 2] !== 0xbd) {
      let lines = 0;
      for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) lines++;
      return { bytes: b, chars: at, lines };
    }
    b += 3;
    from = at + 1;
    at = text.indexOf('\uFFFD', from);
  }
  return undefined;
}

/**
 * `head` (an input's first bytes, with no LF among them) is messages each ended by one NUL and
 * written back to back: syslog datagrams captured raw (`nc -lu > file`: RFC 3164 senders such as
 * Python's SysLogHandler end each with a NUL). Every NUL is followed by the next message's syslog
 * `<PRI>` or a date (or ends the head), and no other control byte (but a tab or a CR) is in it:
 * binary bytes, and UTF-16 (a NUL after every ASCII letter), are no such head.
 */
export function nulTerminatedHead(head: Uint8Array): boolean {
  let nuls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) {
      if (i + 1 < head.length && !startsMessage(head, i + 1)) return false;
      nuls++;
    } else if ((b < 32 && b !== 9 && b !== 13) || b === 0x7f) return false;
  }
  return nuls > 0;
}

/** The bytes at `at` begin a syslog message: `<PRI>`, or a date (a head's end may cut either). */
function startsMessage(head: Uint8Array, at: number): boolean {
  const next = decoder.decode(head.subarray(at, at + 64));
  if (/^<(?:\d{1,3}>|\d{0,3}$)/.test(next)) return true;
  if (!next.includes('\0') && at + 64 >= head.length && next.length < 20) return true; // (cut by the head's end: the message cannot be told)
  return matchTimestampAt(next, 0)?.ns !== undefined;
}

/**
 * A piece of a line cut at an ASCII byte `sep` (a NUL or a CR: one byte, one character, whatever
 * bytes around it are not UTF-8), for importers that cut lines in pieces: `piece` its text, `raw`
 * the line's bytes (LineHandler.line), `rawFrom` the byte it begins at, `rawEnd` the line's end;
 * `sep` -1 for the line's last piece. Its length in bytes, and whether it holds bytes that are not
 * UTF-8 (`lineBad`: the line does). Counted from the text where it holds no U+FFFD; else from the
 * bytes: a U+FFFD read for bad bytes is 1 to 3 of them, one written as such (EF BF BD) no bad byte.
 */
export function linePiece(piece: string, sep: number, raw: Uint8Array, rawFrom: number, rawEnd: number, lineBad: boolean): { bytes: number; bad: boolean } {
  if (!piece.includes('\uFFFD')) return { bytes: utf8Length(piece), bad: false };
  let end = rawEnd;
  if (sep >= 0) {
    // the piece's own `sep` characters (those that cut nothing), then the one after it
    const ch = String.fromCharCode(sep);
    end = raw.indexOf(sep, rawFrom);
    for (let i = piece.indexOf(ch); i !== -1 && end !== -1; i = piece.indexOf(ch, i + 1)) end = raw.indexOf(sep, end + 1);
  }
  if (end < rawFrom || end > rawEnd) return { bytes: utf8Length(piece), bad: lineBad }; // (not the line's bytes: never so)
  return { bytes: end - rawFrom, bad: lineBad && firstInvalidUtf8(piece, raw.subarray(rawFrom, end)) !== undefined };
}

export interface LineHandler {
  /**
   * `text` excludes the line terminator (LF or CRLF; or a lone CR in a CR-only input). `line` is
   * 1-based; `offset` is the byte offset of its first byte; `bytes` its length in bytes (without
   * the terminator).
   */
  line(text: string, line: number, offset: number, bytes: number, badUtf8: number, raw: Uint8Array): void;
  /**
   * Give `line` the place of the line's first bytes that are not UTF-8 (`badUtf8`: the index in
   * `text` of the U+FFFD read for them; -1 when there are none, or when neither this nor
   * `invalidUtf8` is set). For importers that first look at the line (a line of binary junk is
   * reported otherwise) or cut it in pieces (with `raw`, the line's bytes: see linePiece), and may
   * hold it before they report it: a U+FFFD written as such (bytes EF BF BD) is no bad byte, which
   * the text alone cannot tell. (`raw`: its first `bytes` are the line's; valid only during the call.)
   */
  readonly findInvalidUtf8?: boolean;
  /** Called once for a line that exceeded the cap; the line is skipped up to its newline. */
  tooLong?(line: number, offset: number, bytes: number): void;
  /**
   * A line that holds bytes that are not UTF-8 (decoded with U+FFFD), called once for it, just
   * before `line` gives it; `offset` is the line's first byte, as for `line`. For importers that
   * report it as such (INVALID_UTF8_MESSAGE); one that first looks at the line (a binary line is
   * reported otherwise) checks the text itself.
   */
  invalidUtf8?(line: number, offset: number): void;
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
  /** 'auto' until the head decided it; 'nul': a NUL ends a line too (see nulTerminatedHead). */
  private ends: LineEnds | 'nul';
  /** 'auto': the head bytes held until the line ends are known, and whether they hold a CR. */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private heldCr = false;
  /** CR-only input: the last byte seen was a CR, so an LF right after it belongs to that line end. */
  private afterCr = false;

  /**
   * `lineEnds`: 'auto' decides from the head (see crOnlyHead); 'lf' or 'cr' when the caller knows.
   * `nulEnds`: with 'auto', a head without LF whose NULs each end a message (nulTerminatedHead)
   * makes a NUL end a line, as an LF does (for text logs: syslog datagrams captured raw).
   */
  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes = MAX_LINE_BYTES,
    lineEnds: LineEnds = 'auto',
    private readonly nulEnds = false,
  ) {
    this.ends = lineEnds;
  }

  get linesSeen(): number {
    return this.lineNo - 1;
  }

  /** The line ends in use ('auto' while the head is still being read; 'lf' where a NUL ends a line too). */
  get lineEnds(): LineEnds {
    return this.ends === 'nul' ? 'lf' : this.ends;
  }

  push(chunk: Uint8Array): void {
    if (this.ends === 'auto') {
      // Hold the head (at most LINE_ENDS_HEAD_BYTES) until an LF shows, or it is complete.
      const room = LINE_ENDS_HEAD_BYTES - this.heldBytes;
      const look = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (look.indexOf(10) !== -1) this.decide('lf');
      else {
        if (!this.heldCr && look.indexOf(13) !== -1) this.heldCr = true;
        if (chunk.length < room) {
          if (chunk.length > 0) {
            this.held.push(new Uint8Array(chunk)); // a copy (a Buffer's slice() is a view): the caller may reuse its buffer
            this.heldBytes += chunk.length;
          }
          return;
        }
        this.decide(this.headEnds(look));
      }
    }
    if (this.ends === 'cr') this.pushCr(chunk);
    else if (this.ends === 'nul') this.pushNul(chunk);
    else this.pushLf(chunk);
  }

  /** The line ends of a head without LF (the held bytes, then `more`). */
  private headEnds(more?: Uint8Array): 'lf' | 'cr' | 'nul' {
    if (this.nulEnds) {
      const head = concat(more && more.length > 0 ? [...this.held, more] : this.held, this.heldBytes + (more?.length ?? 0));
      if (head.indexOf(0) !== -1 && nulTerminatedHead(head)) return 'nul';
    }
    return this.heldCr ? 'cr' : 'lf';
  }

  /**
   * Give every complete line held while the line ends were undecided (a short CR-only input is
   * held whole until its end): after this, only the unterminated last line is left for end().
   */
  settle(): void {
    if (this.ends === 'auto') this.decide(this.headEnds());
  }

  end(): void {
    this.settle();
    if (this.partBytes > 0 || this.skipping) this.emit();
  }

  private decide(ends: 'lf' | 'cr' | 'nul'): void {
    this.ends = ends;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const h of held) {
      if (ends === 'cr') this.pushCr(h);
      else if (ends === 'nul') this.pushNul(h);
      else this.pushLf(h);
    }
  }

  /** Messages each ended by a NUL (see nulTerminatedHead): a NUL ends a line, and so does an LF. */
  private pushNul(chunk: Uint8Array): void {
    this.pushEnds(chunk, 0, 0);
  }

  /** CR-only input: a lone CR, an LF and a CRLF (also split between chunks) each end one line. */
  private pushCr(chunk: Uint8Array): void {
    const n = chunk.length;
    let start = 0;
    if (this.afterCr && n > 0) {
      this.afterCr = false;
      if (chunk[0] === 10) {
        this.pos++;
        this.lineStart = this.pos;
        start = 1;
      }
    }
    this.pushEnds(chunk, start, 13);
  }

  /** `chunk` from `start` in lines each ended by the byte `end` (a NUL or a CR) or an LF; a CRLF is one end. */
  private pushEnds(chunk: Uint8Array, start: number, end: number): void {
    const n = chunk.length;
    while (start < n) {
      let e = start;
      while (e < n && chunk[e] !== end && chunk[e] !== 10) e++;
      if (e === n) {
        this.append(chunk, start, n);
        break;
      }
      if (this.partBytes === 0 && !this.skipping && e - start <= this.maxLineBytes) {
        this.pos += e - start + 1;
        this.emitBytes(chunk.subarray(start, e));
      } else {
        this.append(chunk, start, e);
        this.pos += 1; // the line's end itself
        this.emit();
      }
      start = e + 1;
      if (chunk[e] === 13) {
        if (start === n) this.afterCr = true;
        else if (chunk[start] === 10) {
          this.pos++;
          this.lineStart = this.pos;
          start++;
        }
      }
    }
  }

  private pushLf(chunk: Uint8Array): void {
    let start = 0;
    const n = chunk.length;
    const search = byteSearch;
    while (start < n) {
      const nl = search.indexOf(chunk, 10, start);
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
    // One NUL right before the line end terminates a message (RFC 3164 senders: Python's
    // SysLogHandler appends it by default, append_nul=True); it is no content of the line.
    if (end > 0 && bytes[end - 1] === 0) end--;
    const text = decoder.decode(end === bytes.length ? bytes : bytes.subarray(0, end));
    let bad = -1;
    if ((this.handler.invalidUtf8 !== undefined || this.handler.findInvalidUtf8 === true) && text.includes('\uFFFD')) {
      bad = firstInvalidUtf8(text, bytes)?.chars ?? -1;
      if (bad >= 0) this.handler.invalidUtf8?.(line, offset);
    }
    this.handler.line(text, line, offset, end, bad, bytes);
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

/** Bytes of an OSC's text looked at for its end (a hyperlink's URL, a window title); as stripAnsi's. */
const OSC_TEXT = 252;

/**
 * The length of the terminal escape sequence that starts at `bytes[i]` (an ESC), or 0 when none
 * does: a CSI (`ESC [` parameters, intermediates, a final byte: colours `ESC[32m`, erase-line
 * `ESC[K`), an OSC (`ESC ]` text to a BEL or `ESC \`: hyperlinks, titles), or an ESC with
 * intermediates and a final byte (`ESC(B` that `tput sgr0` writes, `ESC7`, `ESC=`). The same
 * sequences stripAnsi (jsonl-logs/log-output.ts) takes out of a line. One cut by `end` is none.
 */
export function escapeLength(bytes: Uint8Array, i: number, end = bytes.length): number {
  let j = i + 1;
  const b = bytes[j];
  if (j >= end || b === undefined) return 0;
  if (b === 0x5b) {
    // CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, a final byte 0x40-0x7E
    j++;
    while (j < end && bytes[j]! >= 0x30 && bytes[j]! <= 0x3f) j++;
    while (j < end && bytes[j]! >= 0x20 && bytes[j]! <= 0x2f) j++;
    return j < end && bytes[j]! >= 0x40 && bytes[j]! <= 0x7e ? j + 1 - i : 0;
  }
  if (b === 0x5d) {
    // OSC: printable text (at most OSC_TEXT bytes) to a BEL or an ST (`ESC \`)
    for (j++; j < end && j - i <= OSC_TEXT + 2; j++) {
      const c = bytes[j]!;
      if (c === 0x07) return j + 1 - i;
      if (c === 0x1b) return j + 1 < end && bytes[j + 1] === 0x5c ? j + 2 - i : 0;
      if (c < 0x20) return 0;
    }
    return 0;
  }
  // up to 6 intermediate bytes 0x20-0x2F, a final byte 0x30-0x7E (not `[` or `]`, which open a CSI or an OSC)
  while (j < end && bytes[j]! >= 0x20 && bytes[j]! <= 0x2f && j - i < 7) j++;
  const f = bytes[j];
  return j < end && f !== undefined && f >= 0x30 && f <= 0x7e && f !== 0x5b && f !== 0x5d ? j + 1 - i : 0;
}

/**
 * Heuristic: a high share of control bytes (NUL included) or undecodable UTF-8 means binary
 * content. A lone NUL in otherwise valid text (a torn write, a NUL in a HELP string) is not
 * enough: the text around it is still read and the bad line reported by its importer. The ESC of
 * a terminal escape sequence (a coloured log: winston's `cli` format is a tenth ESC bytes) is text.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let ctrl = 0;
  let high = false;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const len = escapeLength(bytes, i, n);
      if (len > 0) {
        i += len - 1;
        continue;
      }
    }
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
    else if (b > 127) high = true;
  }
  if (high) {
    const text = decoder.decode(bytes.subarray(0, n));
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) ctrl++;
  }
  return ctrl / n > 0.1;
}

/**
 * The UTF-8 character at `bytes[i]`: its length in bytes; -1 when the bytes there are not UTF-8
 * (a continuation byte first, an overlong form, a surrogate, past U+10FFFF, a sequence cut short);
 * undefined when `bytes` end inside it, valid so far.
 */
export function utf8SequenceAt(bytes: Uint8Array, i: number): number | undefined {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return undefined;
    const c = bytes[i + k]!;
    if (c < lo || c > hi) return -1;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

/** Bytes of `s` (from index `from`) in UTF-8, counted without encoding it. */
export function utf8Length(s: string, from = 0): number {
  let n = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
