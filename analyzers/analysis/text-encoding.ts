// The text of an input as UTF-8, whatever it was written in: UTF-8 (watched for a change to
// UTF-16 and back, as two logs joined do when a Windows tool wrote one), UTF-16 with a byte-order
// mark or without one, UTF-32 with or without its mark. The one decoder of input text: the
// analysis (InputSession) reads every input through it, and `obsready templates` its file.
// (Windows-1252 is decided on the sniff window by the reader: see legacyText in analysis.ts.)
// Pure core: no Node built-ins.

import { concat, utf8SequenceAt } from '../importers/common/lines.js';

const utf8Encoder = new TextEncoder();

/**
 * A UTF-16 or UTF-32 code unit that is no character (a lone surrogate, a cut last unit, past
 * U+10FFFF), decoded as U+FFFD, is given to the importers as these bytes, which are not UTF-8 (a
 * 4-byte sequence cut after 3 bytes: read as one U+FFFD, the same length as U+FFFD's own bytes,
 * and no byte of a character after it continues it), so they report it at its line as a bad byte
 * of a UTF-8 input (see firstInvalidUtf8), and a U+FFFD written in a UTF-8 text is not taken for one.
 */
const TRANSCODED_BAD_UNIT = new Uint8Array([0xf4, 0x8f, 0xbf]);

/** Text decoded from UTF-16 or UTF-32, as UTF-8 for the importers (a U+FFFD as TRANSCODED_BAD_UNIT). */
function encodeTranscoded(text: string): Uint8Array {
  const out = utf8Encoder.encode(text);
  if (!text.includes('\uFFFD')) return out;
  for (let i = out.indexOf(0xef); i !== -1 && i + 2 < out.length; i = out.indexOf(0xef, i + 1)) {
    if (out[i + 1] === 0xbf && out[i + 2] === 0xbd) out.set(TRANSCODED_BAD_UNIT, i);
  }
  return out;
}

export type TextEncodingName = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface TranscoderSink {
  /** The next bytes of UTF-8 text. */
  content(bytes: Uint8Array): void;
  /**
   * The encoding changes here (said once a change): `line` and `offset` are the place in the
   * text given out so far (1-based line, byte offset of the UTF-8 text).
   */
  change(message: string, line: number, offset: number): void;
  /** The input's own encoding, when its head decides it is not UTF-8. */
  encoding?(name: TextEncodingName): void;
}

export interface TranscoderOptions {
  /** Decide the encoding from the input's head (its mark, its NULs); false for a piece that starts mid-file (its head decides nothing). Default true. */
  head?: boolean;
  /** Watch UTF-8 text for a change to UTF-16 (see pushUtf8). Default true. */
  watch?: boolean;
  /** Where the input starts in its file, for the byte named in a change's message. Default 0. */
  byteBase?: number;
}

/** Input bytes in, UTF-8 text out (to the sink), chunk by chunk; any chunking gives the same text and changes. */
export class TextTranscoder {
  private readonly head: boolean;
  private readonly watch: boolean;
  private readonly byteBase: number;
  /** Bytes pushed so far. */
  private bytes = 0;

  constructor(
    private readonly sink: TranscoderSink,
    options: TranscoderOptions = {},
  ) {
    this.head = options.head ?? true;
    this.watch = options.watch ?? true;
    this.byteBase = options.byteBase ?? 0;
  }

  /** Whether the text is being decoded from UTF-16 or UTF-32 now (not read as UTF-8 bytes). */
  get transcoding(): boolean {
    return this.utf16 !== undefined;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (!this.encodingKnown) {
      // UTF-16 with a byte-order mark (PowerShell's `>` and "Unicode text" exports on Windows):
      // transcoded to UTF-8 here, so every importer reads it; line numbers are unchanged, byte
      // offsets in errors count the UTF-8 text. Needs the first two bytes to decide.
      // Without a mark, text whose every other byte is NUL in the head is UTF-16 too (a .NET
      // StreamWriter with Encoding.Unicode, some exporters): that needs UTF16_SNIFF bytes.
      const c = this.bomHead ? concat([this.bomHead, chunk], this.bomHead.length + chunk.length) : chunk;
      // (a head that may open with a UTF-32 mark, FF FE 00 00 or 00 00 FE FF, waits for its 4 bytes)
      // (and a head that may be UTF-32 without a mark, whose first two bytes are NUL when big-endian, for UTF16_SNIFF bytes)
      const mayBeUtf32 = c.length < 4 && ((c[0] === 0xff && c[1] === 0xfe) || (c[0] === 0 && (c.length < 2 || c[1] === 0)));
      if (this.head && (c.length < 2 || mayBeUtf32 || (c.length < UTF16_SNIFF && ((c[0] === 0) !== (c[1] === 0) || (c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] !== 0))))) {
        this.bomHead = c.slice();
        return;
      }
      this.bomHead = undefined;
      this.decideEncoding(c);
      chunk = c;
    }
    if (this.utf16Watch) return this.pushUtf16(chunk, this.bytes - chunk.length);
    if (this.utf16) {
      chunk = encodeTranscoded(this.utf16.decode(chunk, { stream: true }));
      if (chunk.length === 0) return;
    } else if (this.watch) return this.pushUtf8(chunk, this.bytes - chunk.length);
    this.emit(chunk);
  }

  /** The input has ended: what is held is decided on the bytes there are, and given out. */
  end(): void {
    if (this.bomHead) {
      // A short input: what it holds decides (a one-byte input has no mark to find).
      const head = this.bomHead;
      this.bomHead = undefined;
      this.decideEncoding(head);
      if (this.utf16) {
        const text = this.utf16.decode(head, { stream: true });
        if (text !== '') this.emit(encodeTranscoded(text));
      } else if (this.watch) this.pushUtf8(head, 0);
      else this.emit(head);
    }
    // What the watches hold, decided on the bytes there are (a change back and forth at the end
    // takes a round each).
    this.ending = true;
    for (let round = 0; round < 4 && (this.u8Held.length > 0 || this.utf16Watch); round++) {
      const held = this.u8Held;
      if (held.length > 0) {
        this.u8Held = new Uint8Array(0);
        this.pushUtf8(held, this.bytes - held.length);
      }
      if (this.utf16Watch && this.u8Held.length === 0) {
        this.endUtf16();
        if (this.utf16) break; // read as UTF-16 to the end
      }
    }
    if (this.utf16) {
      const tail = this.utf16.decode();
      if (tail !== '') this.emit(encodeTranscoded(tail));
    }
  }

  private emit(bytes: Uint8Array): void {
    this.contentOut += bytes.length;
    this.sink.content(bytes);
  }

  /**
   * UTF-8 text is watched for UTF-16 after it (a log a Windows tool wrote in UTF-16 appended to a
   * UTF-8 one, two logs concatenated): a byte-order mark (FF FE, FE FF: never in UTF-8) followed by
   * Latin UTF-16, or, at a line's start, a run of UTF16_START_UNITS code units of Latin text each
   * with its NUL byte. Read as UTF-8 it was one record of NUL-laden garbage per line, or the whole
   * file "binary" when it began in the sniff window. Said once, with its place; read as UTF-16 from
   * there (and watched for UTF-8 again: see pushUtf16). The bytes from a place that may be that are
   * held (at most 2 + 2 × UTF16_START_UNITS of them) until it is known.
   */
  private u8Held: Uint8Array = new Uint8Array(0);
  /** The two bytes before the next chunk of watched UTF-8 (a line end before the file's first byte). */
  private u8Prev1 = 10;
  private u8Prev2 = 10;
  /** Set by end(): a place held for want of bytes is decided on those there are. */
  private ending = false;
  /** The UTF-16 in use (the input's, or the part's after a change), for the messages. */
  private u16Name = '';

  private pushUtf8(chunk: Uint8Array, rawStart: number): void {
    const held = this.u8Held;
    const data = held.length > 0 ? concat([held, chunk], held.length + chunk.length) : chunk;
    const dataStart = rawStart - held.length;
    this.u8Held = new Uint8Array(0);
    const byteAt = (i: number): number => (i >= 0 ? data[i]! : i === -1 ? this.u8Prev1 : this.u8Prev2);
    // the next FF, FE and NUL from `scan` on (each looked for again only once passed)
    let ff = -2;
    let fe = -2;
    let nul = -2;
    for (let scan = 0; ; ) {
      if (ff !== -1 && ff < scan) ff = data.indexOf(0xff, scan);
      if (fe !== -1 && fe < scan) fe = data.indexOf(0xfe, scan);
      if (nul !== -1 && nul < scan) nul = data.indexOf(0, scan);
      let at = -1;
      for (const c of [ff, fe, nul]) if (c !== -1 && (at === -1 || c < at)) at = c;
      if (at === -1) break;
      // (a run of the same byte is passed over at once, binary data, a block of NULs: only its first
      // NUL can start UTF-16, only its last FF or FE a mark)
      const b = data[at]!;
      let end = at + 1;
      while (data[end] === b) end++;
      scan = b === 0 ? end : Math.max(at + 1, end - 1);
      if (b !== 0 && end - 1 > at) continue;
      let start: number;
      let le: boolean;
      const bom = at !== nul;
      if (bom) {
        // FF FE (little-endian) or FE FF (big-endian)
        const next = data[at + 1];
        if (next === undefined && !this.ending) return this.holdUtf8(data, at);
        if (!((data[at] === 0xff && next === 0xfe) || (data[at] === 0xfe && next === 0xff))) continue;
        le = data[at] === 0xff;
        start = at + 2;
      } else {
        // a NUL after a byte of text at a line's start (little-endian), or right at it (big-endian);
        // (a byte of text after a line end at a chunk's end is held: see below)
        const lineEnd = (b: number): boolean => b === 10 || b === 13;
        if (at >= 1 && isTextByte(data[at - 1]!) && lineEnd(byteAt(at - 2))) {
          le = true;
          start = at - 1;
        } else if (lineEnd(byteAt(at - 1))) {
          le = false;
          start = at;
        } else continue;
      }
      const verdict = latinUtf16(data, start, le, bom, this.ending);
      if (verdict === undefined) return this.holdUtf8(data, bom ? at : start);
      if (!verdict) {
        // (a short stretch is looked for in UTF16_START_UNITS code units and the bytes after them, after a mark too)
        if (!this.ending && data.length - start < 2 * UTF16_START_UNITS + UTF8_AFTER_STRETCH) return this.holdUtf8(data, bom ? at : start);
        const end = utf16Stretch(data, start, le);
        if (end < 0) continue;
        // a line or two of UTF-16 between UTF-8 text: read as UTF-16, and as UTF-8 again after it
        this.giveUtf8(data.subarray(0, bom ? at : start));
        this.switchToUtf16(le ? 'utf-16le' : 'utf-16be', dataStart + start, bom);
        this.switchToUtf8(data.subarray(start), dataStart + start, dataStart + end);
        return;
      }
      this.giveUtf8(data.subarray(0, bom ? at : start));
      this.switchToUtf16(le ? 'utf-16le' : 'utf-16be', dataStart + start, bom);
      this.pushUtf16(data.subarray(start), dataStart + start);
      return;
    }
    // A byte of text after a line end last: it may be the first unit's, its NUL in the next chunk.
    const n = data.length;
    if (!this.ending && n > 0 && isTextByte(data[n - 1]!) && (byteAt(n - 2) === 10 || byteAt(n - 2) === 13)) return this.holdUtf8(data, n - 1);
    this.giveUtf8(data);
  }

  /** Give out `data` before `at`, and hold the rest (a place that may start UTF-16, not decided yet). */
  private holdUtf8(data: Uint8Array, at: number): void {
    this.giveUtf8(data.subarray(0, at));
    this.u8Held = data.slice(at);
  }

  /** UTF-8 content: counted (lines, the last two bytes) and given out. */
  private giveUtf8(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n === 0) return;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) this.contentLines++;
    this.u8Prev2 = n >= 2 ? bytes[n - 2]! : this.u8Prev1;
    this.u8Prev1 = bytes[n - 1]!;
    this.emit(bytes);
  }

  /** The text is UTF-16 from the file's byte `at` (after its mark when `bom`): said once, read as such from there. */
  private switchToUtf16(enc: 'utf-16le' | 'utf-16be', at: number, bom: boolean): void {
    this.utf16 = new TextDecoder(enc);
    this.utf16Watch = true;
    this.u16Name = enc;
    this.u16RunStart = -1;
    this.u16Held = new Uint8Array(0);
    const name = enc.toUpperCase();
    const byte = (bom ? at - 2 : at) + this.byteBase;
    this.sink.change(
      `the text changes from UTF-8 to ${name} here (byte ${byte} of the file, ${bom ? 'at a byte-order mark' : 'without a byte-order mark'}: a UTF-16 text appended to a UTF-8 one, as a Windows tool writes it?); read as ${name} from there`,
      this.contentLines + 1,
      this.contentOut,
    );
  }

  /**
   * UTF-16 text is watched for UTF-8 after it (a UTF-8 log appended to a UTF-16 one, PowerShell's
   * `>>` onto a file another tool wrote): the UTF-16 of log text has a NUL in every few bytes; a
   * run of UTF16_SWITCH_RUN bytes after a NUL with none, nearly all ASCII and holding a line end,
   * is UTF-8. Decoded as UTF-16 it was one record of CJK-looking garbage, silently. Said once, with
   * its place; read as UTF-8 from there. The bytes of a run that may be that are held (at most
   * UTF16_SWITCH_RUN of them) until it is known.
   */
  private utf16Watch = false;
  private u16Held: Uint8Array = new Uint8Array(0);
  /** The run since the last NUL byte: its file offset, length, non-ASCII (or control) bytes, whether it holds an LF; -1 when it is no candidate. */
  private u16RunStart = -1;
  private u16RunLen = 0;
  private u16RunOdd = 0;
  private u16RunLf = false;
  /** Bytes and LFs of the text given out (the UTF-8 text's offsets and lines). */
  private contentOut = 0;
  private contentLines = 0;

  private pushUtf16(chunk: Uint8Array, rawStart: number): void {
    const held = this.u16Held;
    const data = held.length > 0 ? concat([held, chunk], held.length + chunk.length) : chunk;
    const dataStart = rawStart - held.length;
    for (let i = held.length; i < data.length; i++) {
      const b = data[i]!;
      if (b === 0) {
        this.u16RunStart = dataStart + i + 1;
        this.u16RunLen = 0;
        this.u16RunOdd = 0;
        this.u16RunLf = false;
        continue;
      }
      if (this.u16RunStart < 0) continue;
      this.u16RunLen++;
      if (b === 10) this.u16RunLf = true;
      else if (b >= 0x80 || b < 9 || (b > 13 && b < 32)) this.u16RunOdd++;
      if (this.u16RunOdd > UTF16_SWITCH_ODD) this.u16RunStart = -1;
      else if (this.u16RunLen >= UTF16_SWITCH_RUN && this.u16RunLf) return this.switchToUtf8(data, dataStart);
    }
    // Decoded up to the run that may be UTF-8 (held); all of it when there is none.
    const safe = this.u16RunStart >= 0 ? Math.max(0, this.u16RunStart - dataStart) : data.length;
    this.u16Held = safe < data.length ? data.slice(safe) : new Uint8Array(0);
    this.pushDecoded(data.subarray(0, safe));
  }

  private pushDecoded(bytes: Uint8Array, final = false): void {
    const text = this.utf16!.decode(bytes, { stream: !final });
    if (text === '') return;
    const out = encodeTranscoded(text);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.contentLines++;
    this.emit(out);
  }

  /**
   * UTF-8 from the file's byte `at`: by default the run's start (on a UTF-16 code unit: after the
   * NUL of a big-endian line end, its LF). `data` starts at the file's byte `dataStart`.
   */
  private switchToUtf8(data: Uint8Array, dataStart: number, at = this.u16RunStart + (this.u16RunStart % 2)): void {
    const enc = this.u16Name || 'utf-16';
    this.pushDecoded(data.subarray(0, at - dataStart), true);
    this.utf16Watch = false;
    this.utf16 = undefined;
    this.u16Held = new Uint8Array(0);
    this.sink.change(`the text changes from ${enc.toUpperCase()} to UTF-8 here (byte ${at + this.byteBase} of the file: a UTF-8 text appended to a UTF-16 one?); read as UTF-8 from there`, this.contentLines + 1, this.contentOut);
    // (watched for UTF-16 again: the UTF-8 part starts at a line end, the UTF-16 one's last)
    this.u8Prev1 = 10;
    this.u8Prev2 = 10;
    this.pushUtf8(data.subarray(at - dataStart), at);
  }

  /** End of a watched UTF-16 input: a held run with a line end is UTF-8 too when long enough, else UTF-16. */
  private endUtf16(): void {
    const held = this.u16Held;
    if (held.length >= 32 && this.u16RunStart >= 0 && this.u16RunLf) return this.switchToUtf8(held, this.bytes - held.length);
    this.u16Held = new Uint8Array(0);
    this.pushDecoded(held);
  }

  /** UTF-16 by its byte-order mark, or by the NUL bytes of a head without one; else the bytes are read as they are. */
  private decideEncoding(head: Uint8Array): void {
    this.encodingKnown = true;
    if (!this.head) return;
    // UTF-32 by its mark (PowerShell's `Out-File -Encoding utf32`), before UTF-16's (FF FE begins both)
    // (or without it: three NUL bytes in every four, at the same places; see utf32WithoutMark)
    const utf32 = head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0 ? 'utf-32le' : head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff ? 'utf-32be' : utf32WithoutMark(head);
    if (utf32) {
      this.sink.encoding?.(utf32);
      this.utf16 = new Utf32Decoder(utf32 === 'utf-32le');
      return;
    }
    const enc = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : utf16WithoutMark(head);
    if (enc) {
      this.sink.encoding?.(enc);
      this.utf16 = new TextDecoder(enc);
      this.utf16Watch = true;
      this.u16Name = enc;
    }
  }

  private encodingKnown = false;
  private bomHead: Uint8Array | undefined;
  private utf16: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;
}

/**
 * UTF-32 to text, chunk by chunk (TextDecoder has no UTF-32): its mark is dropped, a code point
 * that is not one (a surrogate, past U+10FFFF) becomes U+FFFD, as a TextDecoder does with bad input.
 */
class Utf32Decoder {
  private rest = new Uint8Array(0);
  private first = true;

  constructor(private readonly littleEndian: boolean) {}

  decode(input: Uint8Array = new Uint8Array(0), options?: { stream?: boolean }): string {
    const b = this.rest.length > 0 ? concat([this.rest, input], this.rest.length + input.length) : input;
    const whole = b.length - (b.length % 4);
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out: string[] = [];
    let run: number[] = [];
    for (let i = 0; i < whole; i += 4) {
      const cp = view.getUint32(i, this.littleEndian);
      if (this.first) {
        this.first = false;
        if (cp === 0xfeff) continue;
      }
      run.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
      if (run.length >= 8192) {
        out.push(String.fromCodePoint(...run));
        run = [];
      }
    }
    if (run.length > 0) out.push(String.fromCodePoint(...run));
    this.rest = b.slice(whole);
    if (!options?.stream && this.rest.length > 0) {
      this.rest = new Uint8Array(0);
      out.push('\uFFFD'); // a cut last code point
    }
    return out.join('');
  }
}


/** Code units of Latin text (a text byte and a NUL) that start UTF-16 in UTF-8 text at a line's start, without a byte-order mark. */
const UTF16_START_UNITS = 32;
/** Code units after a byte-order mark in UTF-8 text looked at (3 in 4 Latin text: the mark is evidence already). */
const UTF16_BOM_UNITS = 8;

/**
 * Whether the UTF-16 code units from `start` are Latin text, each a text byte (see isTextByte)
 * and a NUL: UTF16_START_UNITS of them all so, or after a byte-order mark (`bom`) 3 in 4 of
 * UTF16_BOM_UNITS. undefined when fewer bytes are there and more may come; at the `ending`, the
 * units there are decide (at least 2 after a mark, 8 without), and without a mark a shorter
 * rest of the input is UTF-16 when it is a whole UTF-16 line (see utf16Tail).
 */
function latinUtf16(data: Uint8Array, start: number, le: boolean, bom: boolean, ending: boolean): boolean | undefined {
  let units = bom ? UTF16_BOM_UNITS : UTF16_START_UNITS;
  const have = (data.length - start) >> 1;
  if (have < units) {
    if (!ending) return undefined;
    if (!bom && utf16Tail(data, start, le)) return true;
    if (have < (bom ? 2 : 8)) return false;
    units = have;
  }
  let latin = 0;
  for (let k = 0, i = start; k < units; k++, i += 2) {
    const lo = le ? data[i]! : data[i + 1]!;
    const hi = le ? data[i + 1]! : data[i]!;
    if (hi === 0 && isTextByte(lo)) latin++;
  }
  return bom ? latin * 4 >= units * 3 : latin === units;
}

/** Bytes after a short UTF-16 stretch that must be UTF-8 text (see utf16Stretch). */
const UTF8_AFTER_STRETCH = 16;

/**
 * A short stretch of UTF-16 between UTF-8 text (a line or two a Windows tool wrote into a UTF-8
 * log: `done\r\n`, a message with a € in it): from a line's start (`start`; `data` holds at
 * least UTF16_START_UNITS code units and UTF8_AFTER_STRETCH bytes from there, or is the input's
 * end), whole UTF-16 lines, the last ending with a CRLF (as Windows writes them) before the
 * UTF16_START_UNITS-th unit, as utf16Tail's lines (3 in 4 Latin text with the NUL in its place,
 * the others characters outside Latin-1, one a visible character), and UTF-8 text after them: the
 * next code unit's NUL is not in its place, and the next UTF8_AFTER_STRETCH bytes (or those to
 * the input's end) are UTF-8 with no NUL or control. Its end (the index in `data` after it), -1
 * when there is none. UTF-8 text has no NUL in every other byte up to one after a line end
 * (`x\0\r\0\n\0`). (A stretch of LF-ended lines is not looked for: short, it is too like binary
 * junk of many NULs and line ends before a line of text; it stays a line of binary bytes.)
 */
function utf16Stretch(data: Uint8Array, start: number, le: boolean): number {
  const window = Math.min((data.length - start) >> 1, UTF16_START_UNITS);
  const unit = (k: number): number => (le ? data[start + 2 * k]! | (data[start + 2 * k + 1]! << 8) : (data[start + 2 * k]! << 8) | data[start + 2 * k + 1]!);
  let latin = 0;
  let visible = 0;
  let end = -1;
  let endLatin = 0;
  let endVisible = 0;
  for (let k = 0; k < window; k++) {
    const u = unit(k);
    if (u < 0x100) {
      if (!isTextByte(u)) break;
      latin++;
      if (u > 0x20) visible++;
      if (u === 10 && k > 0 && unit(k - 1) === 13) {
        end = k + 1;
        endLatin = latin;
        endVisible = visible;
      }
    } else if (u >= 0xd800 && u <= 0xdbff) {
      const next = k + 1 < window ? unit(k + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) break;
      visible++;
      k++;
    } else if ((u >= 0xdc00 && u <= 0xdfff) || u >= 0xfffe) break;
    else visible++;
  }
  if (end < 0 || end >= window || endVisible === 0 || endLatin * 4 < end * 3) return -1;
  const at = start + 2 * end;
  if (unit(end) < 0x100) return -1;
  // (a character the UTF8_AFTER_STRETCH bytes end inside is looked at no further: the same verdict however the input comes)
  const after = data.subarray(0, Math.min(data.length, at + UTF8_AFTER_STRETCH));
  for (let i = at; i < after.length; ) {
    const b = after[i]!;
    if (b < 0x80) {
      if (!isTextByte(b)) return -1;
      i++;
      continue;
    }
    const n = utf8SequenceAt(after, i);
    if (n === undefined) break;
    if (n < 0) return -1;
    i += n;
  }
  return at;
}

/**
 * Whether the input's last bytes, from a line's start (`start`) to its end, are UTF-16 lines
 * shorter than UTF16_START_UNITS code units (a short line or two a Windows tool appended:
 * `done\r\n`, a message with a € in it): whole code units (an even count of bytes), ending
 * with a line end (LF or CR: a writer's last line), at least 3 in 4 of them Latin text with
 * the NUL in its place, the others characters outside Latin-1 (not a NUL, a control or an
 * unpaired surrogate), and one at least a visible character. Binary junk at a file's end (a run
 * of NULs, random bytes) is not that: its NULs are not in every other byte, or it does not end
 * with a UTF-16 line end right there.
 */
function utf16Tail(data: Uint8Array, start: number, le: boolean): boolean {
  const n = data.length - start;
  if (n < 4 || n % 2 !== 0) return false;
  const unit = (k: number): number => (le ? data[start + 2 * k]! | (data[start + 2 * k + 1]! << 8) : (data[start + 2 * k]! << 8) | data[start + 2 * k + 1]!);
  const units = n / 2;
  const last = unit(units - 1);
  if (last !== 10 && last !== 13) return false;
  let latin = 0;
  let visible = 0;
  for (let k = 0; k < units; k++) {
    const u = unit(k);
    if (u < 0x100) {
      if (!isTextByte(u)) return false;
      latin++;
      if (u > 0x20) visible++;
    } else if (u >= 0xd800 && u <= 0xdbff) {
      const next = k + 1 < units ? unit(k + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return false;
      visible++;
      k++;
    } else if ((u >= 0xdc00 && u <= 0xdfff) || u >= 0xfffe) return false;
    else visible++;
  }
  return visible > 0 && latin * 4 >= units * 3;
}

/** A run of this many bytes without NUL in UTF-16 text, with at most UTF16_SWITCH_ODD non-ASCII or control bytes and an LF, is UTF-8. */
const UTF16_SWITCH_RUN = 256;
const UTF16_SWITCH_ODD = 12;

/** Bytes of a head without byte-order mark looked at for UTF-16 (every other byte NUL). */
const UTF16_SNIFF = 512;

/**
 * UTF-16 without a byte-order mark: in the head (an even number of bytes, at least 16), the
 * bytes at one parity are nearly all NUL and the others nearly none, as for text in the Latin
 * ranges. Binary data and UTF-8 text do not look like that.
 */
function utf16WithoutMark(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(head.length, UTF16_SNIFF) & ~1;
  if (n < 16) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.9 && evenNul <= units * 0.05) return 'utf-16le';
  if (evenNul >= units * 0.9 && oddNul <= units * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * UTF-32 without a byte-order mark (Python's `encoding='utf-32-le'`, some exporters): in the head
 * (at least 16 bytes, whole code units), every unit is a code point (≤ U+10FFFF) and nearly all
 * are text in the Latin ranges, one byte and three NULs in the same places: `x 00 00 00` little-endian,
 * `00 00 00 x` big-endian, `x` a printable character or a line end. UTF-16 has one NUL in two;
 * a table of small 32-bit numbers (binary) has control bytes and NUL units among its values.
 */
export function utf32WithoutMark(head: Uint8Array): 'utf-32le' | 'utf-32be' | undefined {
  const n = Math.min(head.length, UTF16_SNIFF) & ~3;
  if (n < 16) return undefined;
  let le = 0;
  let be = 0;
  let leValid = true;
  let beValid = true;
  for (let i = 0; i < n; i += 4) {
    const a = head[i]!;
    const b = head[i + 1]!;
    const c = head[i + 2]!;
    const d = head[i + 3]!;
    if (b === 0 && c === 0 && d === 0 && isTextByte(a)) le++;
    if (a === 0 && b === 0 && c === 0 && isTextByte(d)) be++;
    if (d !== 0 || c > 0x10) leValid = false;
    if (a !== 0 || b > 0x10) beValid = false;
  }
  const units = n / 4;
  if (leValid && le >= units * 0.9) return 'utf-32le';
  if (beValid && be >= units * 0.9) return 'utf-32be';
  return undefined;
}

/**
 * A code point below U+0100 that is text: a tab, a line end, the ESC of an ANSI colour code (a
 * coloured log's line may start with one), a printable character (not DEL or a C1 control).
 */
function isTextByte(b: number): boolean {
  return b === 9 || b === 10 || b === 13 || b === 0x1b || (b >= 0x20 && b < 0x7f) || b >= 0xa0;
}

