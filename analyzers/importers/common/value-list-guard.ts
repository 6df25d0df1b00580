// A text whose head is a list of single values in sorted order (as `promtool query labels` prints
// a label's values) but which goes on past the head: the decision to refuse it holds for the whole
// input, not for its head alone. The reader holds the bytes while every line continues the list
// (up to MAX_HELD_BYTES of lines): a line that does not gives the whole input, from its first
// byte, to the format's own reader, as if it had never been held; an input that ends as a list is
// refused, as a list within the head is. A list longer than that is refused for as far as it goes
// (held no more: only the line being read is kept), and a line that then breaks it begins what is
// read, at its own line number and offset.
import { newProgress, type Decoder, type DecoderContext, type DecoderSink, type FormatSpec, type Progress } from '../types.js';
import { continuesValueList, MIN_LIST_VALUES, VALUE_LIST_MESSAGE } from './foreign-lines.js';
import { stripAnsi } from '../jsonl-logs/log-output.js';

/** Bytes of the list's lines held for its reader, should a line break the list. */
export const MAX_HELD_BYTES = 1024 * 1024;
/** A line longer than this is no value (see continuesValueList: 256 characters of UTF-8 and a CR). */
const MAX_VALUE_BYTES = 4 * 256 + 1;

/** `spec` read through the guard (see above). */
export function guardValueList(spec: FormatSpec): FormatSpec {
  return { ...spec, create: (ctx) => new ValueListGuard(ctx, spec) };
}

const utf8 = new TextDecoder('utf-8');

class ValueListGuard implements Decoder {
  private readonly own: Progress = newProgress();
  private inner: Decoder | undefined;
  /** While holding: every byte pushed; once the list is refused: nothing. */
  private held: Uint8Array[] = [];
  private holding = true;
  /** The bytes of the line being read that came in chunks before (no more than a value's: a longer line breaks the list). */
  private carry: Uint8Array[] = [];
  private carryBytes = 0;
  /** The line being read: its number (1-based) and where it begins. */
  private lineNo = 1;
  private lineAt = 0;
  private prev: string | undefined;
  private values = 0;
  private readonly shift = { lines: 0, bytes: 0 };

  constructor(
    private readonly ctx: DecoderContext,
    private readonly spec: FormatSpec,
  ) {}

  get progress(): Progress {
    if (!this.inner) return this.own;
    const p = this.inner.progress;
    return this.shift.bytes === 0 ? p : { ...p, bytes: p.bytes + this.shift.bytes, lines: p.lines + this.shift.lines };
  }

  push(chunk: Uint8Array): void {
    if (this.inner) {
      this.inner.push(chunk);
      return;
    }
    this.own.bytes += chunk.length;
    if (this.holding) this.held.push(new Uint8Array(chunk)); // a copy (a Buffer's slice() is a view): the caller may reuse its buffer
    let from = 0;
    for (let lf = chunk.indexOf(10); lf !== -1; lf = chunk.indexOf(10, from)) {
      if (!this.endLine(chunk.subarray(from, lf), 1)) {
        this.breakList(chunk.subarray(from));
        return;
      }
      from = lf + 1;
    }
    const rest = chunk.subarray(from);
    if (this.carryBytes + rest.length > MAX_VALUE_BYTES) {
      this.breakList(rest);
      return;
    }
    if (rest.length > 0) {
      this.carry.push(new Uint8Array(rest));
      this.carryBytes += rest.length;
    }
  }

  end(): void {
    if (!this.inner && this.carryBytes > 0 && !this.endLine(new Uint8Array(0), 0)) this.breakList(new Uint8Array(0));
    if (!this.inner && this.holding && this.values < MIN_LIST_VALUES) {
      // a list too short to tell (a log of a word or two in order): read
      this.release(0, 0);
      for (const c of this.held) this.inner!.push(c);
      this.held = [];
    }
    if (this.inner) {
      this.inner.end();
      return;
    }
    // Every line continued the list: refused whole, as a list within the head is (sniff.ts).
    this.own.lines = this.lineNo - 1;
    this.ctx.sink.error({ code: 'unsupported', message: VALUE_LIST_MESSAGE, file: this.ctx.file, offset: 0 });
  }

  /** The line being read ends with `seg` (then `lf` bytes of its LF): false when it breaks the list. */
  private endLine(seg: Uint8Array, lf: number): boolean {
    const size = this.carryBytes + seg.length;
    if (size > MAX_VALUE_BYTES || !this.continues(seg)) return false;
    this.lineNo++;
    this.lineAt += size + lf;
    this.carry = [];
    this.carryBytes = 0;
    // (a list held past the bound is refused for as far as it goes, decided at a line's end: the same line whatever the chunks)
    if (this.holding && this.lineAt > MAX_HELD_BYTES && this.values >= MIN_LIST_VALUES) {
      this.holding = false;
      this.held = [];
    }
    return true;
  }

  /** The line being read, ending with `seg`, continues the list (blank and `#` lines are passed over, as the sniffer passes them). */
  private continues(seg: Uint8Array): boolean {
    let bytes = seg;
    if (this.carryBytes > 0) {
      bytes = new Uint8Array(this.carryBytes + seg.length);
      let at = 0;
      for (const b of [...this.carry, seg]) {
        bytes.set(b, at);
        at += b.length;
      }
    }
    let text = utf8.decode(bytes);
    if (this.lineNo === 1) text = text.replace(/^\uFEFF/, '');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    // (coloured values are read as their text, as the sniffer reads them)
    text = stripAnsi(text);
    if (text.trim() === '' || text.startsWith('#')) return true;
    if (!continuesValueList(this.prev, text)) return false;
    this.prev = text;
    this.values++;
    return true;
  }

  /** The line being read broke the list (`rest`: its bytes in this chunk and all after them): the input goes to its reader. */
  private breakList(rest: Uint8Array): void {
    if (this.holding) {
      this.release(0, 0);
      for (const c of this.held) this.inner!.push(c);
      this.held = [];
      return;
    }
    // The list was refused up to here: said once, and the input is read from this line on.
    const lines = this.lineNo - 1;
    this.ctx.sink.error({ code: 'unsupported', message: `lines 1–${lines}: ${VALUE_LIST_MESSAGE}; not read. The lines from line ${this.lineNo} on are read`, file: this.ctx.file, line: 1, offset: 0 });
    this.release(this.lineAt, lines);
    for (const c of this.carry) this.inner!.push(c);
    this.carry = [];
    this.inner!.push(rest);
  }

  /** The reader of the input from byte `offset` (line `lines` + 1) on; its records and errors placed in the whole input. */
  private release(offset: number, lines: number): void {
    this.holding = false;
    this.shift.bytes = offset;
    this.shift.lines = lines;
    const sink: DecoderSink =
      offset === 0
        ? this.ctx.sink
        : {
            record: (r) => {
              const s = (r as { source?: { line: number; offset: number } }).source;
              if (s) (r as { source: unknown }).source = { ...s, line: s.line + lines, offset: s.offset + offset };
              this.ctx.sink.record(r);
            },
            error: (e) => this.ctx.sink.error({ ...e, ...(e.line !== undefined ? { line: e.line + lines } : {}), ...(e.offset !== undefined ? { offset: e.offset + offset } : {}) }),
          };
    this.inner = this.spec.create({ ...this.ctx, sink });
  }
}
