// Streaming JSON scanner over bytes, for documents too big to hold (a 300 MB OTLP export on one
// line). It walks the structure the caller selected (a small tree of keys and array items) and
// hands back the selected values, each parsed with JSON.parse from its own byte slice, with the
// byte offset and line where it starts. Everything else is skipped without being kept.
//
// Why not a full streaming tokenizer (e.g. @streamparser/json)? Building values token by token
// in JS is several times slower than finding an element's end with a byte loop and letting the
// native JSON.parse build it; memory stays bounded by the largest selected element (capped).
//
// No recursion: nesting is a counter plus a fixed-size bracket stack, so 100,000-deep input
// costs nothing but a `too-deep` error. Several top-level values in a row (JSON Lines, or
// concatenated documents) are read one after the other. After a structural error the scanner
// resynchronises at the next line that starts with `{` or `[` in column 0 — or, inside an array
// selected with `resync`, at the next element of that array (see SelectNode.resync).
import { MAX_DEPTH, MAX_LINE_BYTES, type ImportErrorCode } from '../types.js';
import { jsonErrorText } from './json-errors.js';
import { concat, firstInvalidUtf8, utf8SequenceAt } from './lines.js';

export interface SelectNode {
  /** Handed back in events for this position. */
  id: number;
  /** Descend into an object here; members whose key is listed go to that child. */
  keys?: Record<string, SelectNode>;
  /** Child for object members not listed in `keys` (default: skipped). */
  other?: SelectNode;
  /** Descend into an array here, each element goes to this child. */
  items?: SelectNode;
  /** Parse and emit the value when it is not descended into. */
  capture?: boolean;
  /**
   * With `capture` and a handler `raw`: hand over the value's bytes instead of parsing them (for
   * many tiny values whose decoding and JSON.parse cost more than the caller's own reading).
   */
  raw?: boolean;
  /**
   * For an array node: a structural error inside one of its elements costs that element only.
   * The scanner skips to the next element — in pretty-printed input the next line whose first
   * byte starts a value at the column the broken element started at (a line starting with `]`
   * further left closes the array); in one-line input the next `},{` (or `],[`) boundary — and a
   * missing comma between two elements is reported without losing either of them.
   */
  resync?: boolean;
}

export interface JsonStreamHandler {
  /**
   * A captured value; `key` is its member name when its parent is an object; `text` is the
   * JSON text it was parsed from (for callers that must re-read int64s beyond 2^53).
   */
  value(id: number, value: unknown, key: string | undefined, offset: number, line: number, text: string): void;
  /**
   * A captured value of a `raw` node: its bytes (valid only during the call: they may be the
   * caller's chunk), not decoded nor checked to be valid JSON.
   */
  raw?(id: number, bytes: Uint8Array, offset: number, line: number): void;
  /** A descended object/array opens or closes. */
  open?(id: number, offset: number, line: number, isArray: boolean): void;
  close?(id: number): void;
  /**
   * `recordLost` is false only for problems that cost no value (a missing comma that was repaired).
   * `id` is the node of the one value the problem is about (a captured value that does not parse,
   * is too long or too deep, or that the input ends inside); undefined for structural errors.
   */
  error(code: ImportErrorCode, message: string, offset: number, line: number, recordLost?: boolean, id?: number): void;
  /**
   * A captured value (or a member name read) holds bytes that are not UTF-8, read with U+FFFD:
   * `offset` and `line` are the first bad byte's. Called before the value is handed over; the
   * value is read all the same. Not a structural error, so not given to `error` (for a sniffer,
   * any error there means the text is broken). Also for such bytes where the JSON has structure
   * (a bad code unit of a UTF-16 input after the document), before the `invalid-json` they make.
   */
  invalidUtf8?(offset: number, line: number): void;
}

export interface JsonStreamOptions {
  maxDepth?: number;
  /** Largest captured value kept in memory; bigger ones are skipped with `line-too-long`. */
  maxValueBytes?: number;
  /**
   * Read the bare `NaN`, `Infinity` and `-Infinity` that Python's json.dumps writes (not JSON) as
   * the strings proto3 JSON uses for them, instead of rejecting the value.
   */
  nonFinite?: boolean;
}

/** `NaN`, `Infinity`, `-Infinity` outside strings → `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function quoteNonFinite(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 78 || c === 73 || c === 45) {
      const m = /^(?:NaN|-?Infinity)/.exec(text.slice(i, i + 9));
      if (m) {
        out += `${text.slice(from, i)}"${m[0]}"`;
        i += m[0].length - 1;
        from = i + 1;
      }
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

// structural states
const S_VALUE = 0; // expecting a value (root, after ':' or ',' in an array)
const S_VALUE_OR_END = 1; // just after '['
const S_KEY_OR_END = 2; // just after '{'
const S_KEY = 3; // after ',' in an object
const S_COLON = 4;
const S_COMMA_OR_END = 5;
// modes
const M_STRUCT = 0;
const M_KEY = 1;
const M_VALUE = 2;
const M_RESYNC = 3; // skipping to the next line that starts a value
const M_ITEM_RESYNC = 4; // skipping to the next element of a `resync` array

const utf8 = new TextDecoder('utf-8');

/** Captured values longer than this are checked for their number of members before they are parsed. */
const LONG_VALUE_BYTES = 1024 * 1024;
/** More members than this in one value and it is not parsed (see too-many-attributes). */
export const MAX_VALUE_MEMBERS = 100_000;

/**
 * Members in JSON text (`":`: a member's name ends so; one inside a string counts too), counted
 * up to just past `limit`.
 */
export function countMembers(text: Uint8Array | string, limit: number): number {
  let n = 0;
  if (typeof text === 'string') {
    for (let i = text.indexOf('":'); i >= 0 && n <= limit; i = text.indexOf('":', i + 2)) n++;
    return n;
  }
  for (let i = text.indexOf(34); i >= 0 && n <= limit; i = text.indexOf(34, i + 1)) if (text[i + 1] === 58) n++;
  return n;
}
const EMPTY = new Uint8Array(0);
const BOM = [0xef, 0xbb, 0xbf];

/**
 * What the bytes at `bytes[i]` are, when past ASCII: the character they make (whole in `bytes`:
 * see `carry`), or bytes that are not UTF-8 (as a bad code unit of a UTF-16 input is given). Not
 * its first byte as a Latin-1 letter (a cut UTF-16 unit was "unexpected character 'ô'").
 */
function nonAscii(bytes: Uint8Array, i: number): string | undefined {
  if (bytes[i]! < 0x80) return undefined;
  const n = utf8SequenceAt(bytes, i);
  return n === undefined || n < 0 ? 'bytes that are not UTF-8' : `character '${utf8.decode(bytes.subarray(i, i + n))}'`;
}

/** First byte of a JSON value: { [ " - 0-9 t f n. */
function isValueStart(b: number): boolean {
  return b === 123 || b === 91 || b === 34 || b === 45 || (b >= 48 && b <= 57) || b === 116 || b === 102 || b === 110;
}

function isWs(b: number): boolean {
  return b === 32 || b === 10 || b === 13 || b === 9;
}

export class JsonStreamScanner {
  private readonly maxDepth: number;
  private readonly maxValueBytes: number;
  private readonly nonFinite: boolean;
  // structural frames (only the descended levels; a handful deep)
  private frameNode: SelectNode[] = [];
  private frameIsArray: boolean[] = [];
  private frameKey: (string | undefined)[] = [];
  // per frame, for `resync` arrays: column of the current element (-1: it did not start its line) and its first byte
  private frameElemCol: number[] = [];
  private frameElemOpen: number[] = [];
  private state = S_VALUE;
  private mode = M_STRUCT;
  private pos = 0; // global offset of the current chunk's first byte
  private lineNo = 1;
  private lastNl = true; // previous byte was '\n' or start of input (for resync)
  private lineStart = 0; // global offset of the current line's first byte
  private lineBlank = true; // only whitespace so far on the current line
  private startsLine = false; // the structural byte being handled is the first non-blank of its line
  // element resync (M_ITEM_RESYNC)
  private rsDepth = 0; // frames kept (the array's frame is the last)
  private rsCol = -1; // column elements start at, -1 for one-line input
  private rsOpen = 0; // byte elements open with
  private rsStage = 0; // one-line input: 0 look for the close byte, 1 then ',', 2 then the open byte
  /** True once any non-whitespace byte was seen. */
  sawContent = false;
  /**
   * The bytes of a character past ASCII where the JSON has structure, that the chunk ended inside:
   * read with the next chunk, so the error names the character (or says it is no UTF-8) whatever the chunking.
   */
  private carry: Uint8Array | undefined;
  /** end() is reading what is carried: a character cut there is no UTF-8. */
  private ending = false;
  /** Number of complete top-level values read. */
  rootValues = 0;
  /** 1 right after a top-level value closed (a comma may follow it once), else 0. */
  private afterRoot = 0;
  private saidRootComma = false;

  // key being read
  private keyBytes: number[] = [];
  private keyEscape = false;
  private keyHasEscape = false;
  private currentKey: string | undefined;

  // value being scanned
  private vNode: SelectNode | undefined;
  private vKey: string | undefined;
  private vCapture = false;
  private vStart = 0; // global offset
  private vLine = 1;
  private vDepth = 0;
  private vInString = false;
  private vEscape = false;
  private vScalar = false;
  private vTooDeep = false;
  private vTooLarge = false;
  private vBrackets: Uint8Array;
  private vParts: Uint8Array[] = [];
  private vPartBytes = 0;
  private vChunkStart = -1; // index in the current chunk where the capture (continues to) start

  constructor(
    private readonly root: SelectNode,
    private readonly handler: JsonStreamHandler,
    options: JsonStreamOptions = {},
  ) {
    this.maxDepth = options.maxDepth ?? MAX_DEPTH;
    this.maxValueBytes = options.maxValueBytes ?? MAX_LINE_BYTES;
    this.nonFinite = options.nonFinite === true;
    this.vBrackets = new Uint8Array(this.maxDepth + 2);
  }

  get line(): number {
    return this.lineNo;
  }

  get offset(): number {
    return this.pos;
  }

  push(chunk: Uint8Array): void {
    if (this.carry) {
      chunk = concat([this.carry, chunk], this.carry.length + chunk.length);
      this.carry = undefined;
    }
    let n = chunk.length;
    let i = 0;
    if (this.mode === M_VALUE && this.vCapture) this.vChunkStart = 0;
    while (i < n) {
      const mode = this.mode;
      if (mode === M_VALUE) {
        i = this.scanValue(chunk, i);
        continue;
      }
      if (mode === M_KEY) {
        i = this.scanKey(chunk, i);
        continue;
      }
      if (mode === M_RESYNC) {
        i = this.resync(chunk, i);
        continue;
      }
      if (mode === M_ITEM_RESYNC) {
        i = this.itemResync(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      if (isWs(b)) {
        if (b === 10) this.newlineBetweenValues(i);
        i++;
        continue;
      }
      if (this.pos + i < 3 && !this.sawContent && b === BOM[this.pos + i]) {
        i++; // a UTF-8 byte order mark, possibly split across chunks
        continue;
      }
      if (b >= 0x80 && !this.ending && utf8SequenceAt(chunk, i) === undefined) {
        // a character where the JSON has structure (broken there) whose next bytes are in the next chunk: read with them (see nonAscii)
        this.carry = chunk.slice(i);
        n = i;
        break;
      }
      if (b === 0xef && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf && this.frameNode.length === 0 && this.state === S_VALUE) {
        // A byte order mark between top-level values (`cat a.json b.json` of files that each begin
        // with one): whitespace there, as at the start of the input and in JSON Lines.
        i += 3;
        continue;
      }
      this.lastNl = false;
      this.sawContent = true;
      this.startsLine = this.lineBlank;
      this.lineBlank = false;
      i = this.structural(chunk, i, b);
    }
    if (this.mode === M_VALUE && this.vCapture && this.vChunkStart >= 0 && this.vChunkStart < n) {
      this.keepPart(chunk.subarray(this.vChunkStart, n));
    }
    this.vChunkStart = -1;
    this.pos += n;
  }

  /** The input is complete: reports `truncated` when it ends inside a value. */
  end(): void {
    if (this.carry) {
      this.ending = true; // (a character cut by the end of the input is no UTF-8)
      this.push(EMPTY);
    }
    // A number (or literal) that the end of input stops is complete only at the top level; inside
    // an open container it may have been cut (`[1549891472010,15498915` ends mid-number).
    if (this.mode === M_VALUE && this.vScalar && this.vDepth === 0 && !this.vInString && this.frameNode.length === 0) {
      this.finishValue(EMPTY, 0);
    }
    if (this.mode === M_RESYNC) return;
    if (this.mode === M_ITEM_RESYNC) {
      // The error that started the skip was reported; release what is still open.
      this.closeFramesFrom(0);
      this.mode = M_RESYNC;
      return;
    }
    if (this.mode !== M_STRUCT || this.frameNode.length > 0 || this.state !== S_VALUE) {
      const at = this.mode === M_VALUE ? this.vStart : this.pos;
      const line = this.mode === M_VALUE ? this.vLine : this.lineNo;
      this.handler.error('truncated', 'input ends inside a JSON value', at, line, undefined, this.mode === M_VALUE ? this.vNode?.id : undefined);
      // Release the open containers so their owners can flush what they hold.
      for (let d = this.frameNode.length - 1; d >= 0; d--) this.handler.close?.(this.frameNode[d]!.id);
      this.frameNode = [];
      this.vParts = [];
    }
  }

  /** Close (innermost first) and drop the frames at index `from` and deeper. */
  private closeFramesFrom(from: number): void {
    for (let d = this.frameNode.length - 1; d >= from; d--) this.popFrame();
  }

  /** Drop the innermost frame and tell the handler it closed. */
  private popFrame(): void {
    const node = this.frameNode.pop()!;
    this.frameIsArray.pop();
    this.currentKey = this.frameKey.pop();
    this.frameElemCol.pop();
    this.frameElemOpen.pop();
    this.handler.close?.(node.id);
  }

  private fail(message: string, offset: number): void {
    this.handler.error('invalid-json', message, offset, this.lineNo);
    this.vParts = [];
    this.vPartBytes = 0;
    this.vCapture = false;
    for (let d = this.frameNode.length - 1; d >= 0; d--) {
      if (this.frameIsArray[d] && this.frameNode[d]!.resync && this.frameElemOpen[d]! !== 0) {
        // Only the element is lost: skip to the next one of this array.
        this.closeFramesFrom(d + 1);
        this.rsDepth = d + 1;
        this.rsCol = this.frameElemCol[d]!;
        this.rsOpen = this.frameElemOpen[d]!;
        this.rsStage = 0;
        this.lineBlank = false; // the rest of the failing line is skipped
        this.mode = M_ITEM_RESYNC;
        return;
      }
    }
    this.closeFramesFrom(0);
    this.mode = M_RESYNC;
  }

  private itemResync(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    const open = this.rsOpen;
    const close = open + 2; // { → }, [ → ]
    while (i < n) {
      const b = chunk[i]!;
      if (b === 10) {
        this.newlineBetweenValues(i);
        i++;
        continue;
      }
      if (isWs(b)) {
        i++;
        continue;
      }
      const first = this.lineBlank;
      const col = this.pos + i - this.lineStart;
      this.lineBlank = false;
      this.lastNl = false;
      if (first && col === 0 && (b === 123 || b === 91) && this.rsCol !== 0) {
        // A new top-level document.
        this.closeFramesFrom(0);
        this.mode = M_STRUCT;
        this.state = S_VALUE;
        this.lineBlank = true;
        return i;
      }
      if (this.rsCol >= 0) {
        if (first && col === this.rsCol && isValueStart(b)) return this.resumeItems(i, S_VALUE, true);
        if (first && b === 93 && col < this.rsCol) return this.resumeItems(i, S_COMMA_OR_END, true);
      } else if (this.rsStage === 2 && b === open) return this.resumeItems(i, S_VALUE, first);
      else if (b === close) this.rsStage = 1;
      else this.rsStage = b === 44 && this.rsStage === 1 ? 2 : 0;
      i++;
    }
    return i;
  }

  private resumeItems(i: number, state: number, startsLine: boolean): number {
    this.mode = M_STRUCT;
    this.state = state;
    this.lineBlank = startsLine; // the byte at i is handled again by the structural loop
    return i;
  }

  private resync(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    while (i < n) {
      const b = chunk[i]!;
      if (this.lastNl && (b === 123 || b === 91)) {
        this.mode = M_STRUCT;
        this.state = S_VALUE;
        return i;
      }
      this.lastNl = b === 10;
      if (b === 10) this.lineNo++;
      i++;
    }
    return i;
  }

  private structural(chunk: Uint8Array, i: number, b: number): number {
    // (a character cut short is in the chunk only when the input ends there: see carry)
    if (b >= 0x80 && !(utf8SequenceAt(chunk, i)! > 0)) this.handler.invalidUtf8?.(this.pos + i, this.lineNo);
    const depth = this.frameNode.length;
    const state = this.state;
    if (state === S_KEY_OR_END || state === S_KEY) {
      if (b === 125 && state === S_KEY_OR_END) return this.closeFrame(i, false);
      if (b !== 34) {
        this.fail(`expected a member name at byte ${this.pos + i}`, this.pos + i);
        return i + 1;
      }
      this.mode = M_KEY;
      this.keyBytes = [];
      this.keyEscape = false;
      this.keyHasEscape = false;
      return i + 1;
    }
    if (state === S_COLON) {
      if (b !== 58) {
        this.fail(`expected ':' at byte ${this.pos + i}`, this.pos + i);
        return i + 1;
      }
      this.state = S_VALUE;
      return i + 1;
    }
    if (state === S_COMMA_OR_END) {
      if (b === 44) {
        this.state = this.frameIsArray[depth - 1] ? S_VALUE : S_KEY;
        return i + 1;
      }
      if (b === 93 || b === 125) return this.closeFrame(i, b === 93);
      if (depth > 0 && this.frameIsArray[depth - 1] && this.frameNode[depth - 1]!.resync && b === this.frameElemOpen[depth - 1]) {
        this.handler.error('invalid-json', `missing ',' between array elements at byte ${this.pos + i}`, this.pos + i, this.lineNo, false);
        return this.startValue(chunk, i, b);
      }
      this.fail(`expected ',' or a closing bracket at byte ${this.pos + i}`, this.pos + i);
      return i + 1;
    }
    if (state === S_VALUE_OR_END && b === 93) return this.closeFrame(i, true);
    if (b === 44 && depth === 0 && this.afterRoot === 1) {
      // `{…},` then the next value: JSON Lines written with a comma after each line, values cut out
      // of an array. No value is lost: said once, read as if the comma were not there.
      this.afterRoot = 0;
      if (!this.saidRootComma) {
        this.saidRootComma = true;
        this.handler.error('invalid-json', `a comma after a whole top-level JSON value at byte ${this.pos + i} (as in lines cut out of a JSON array): read as if it were not there, as are later ones`, this.pos + i, this.lineNo, false);
      }
      return i + 1;
    }
    return this.startValue(chunk, i, b);
  }

  private closeFrame(i: number, isArray: boolean): number {
    const d = this.frameNode.length - 1;
    if (d < 0 || this.frameIsArray[d] !== isArray) {
      this.fail(`unexpected '${isArray ? ']' : '}'}' at byte ${this.pos + i}`, this.pos + i);
      return i + 1;
    }
    this.popFrame();
    this.afterValue();
    return i + 1;
  }

  private afterValue(): void {
    if (this.frameNode.length === 0) {
      this.state = S_VALUE;
      this.afterRoot = 1;
      this.rootValues++;
    } else this.state = S_COMMA_OR_END;
  }

  private nodeForValue(): SelectNode | undefined {
    const d = this.frameNode.length;
    if (d === 0) return this.root;
    const parent = this.frameNode[d - 1]!;
    if (this.frameIsArray[d - 1]) return parent.items;
    const k = this.currentKey!;
    return (parent.keys && Object.prototype.hasOwnProperty.call(parent.keys, k) ? parent.keys[k] : undefined) ?? parent.other;
  }

  private startValue(chunk: Uint8Array, i: number, b: number): number {
    this.afterRoot = 0;
    const node = this.nodeForValue();
    const key = this.frameIsArray[this.frameNode.length - 1] === false ? this.currentKey : undefined;
    const offset = this.pos + i;
    if (!isValueStart(b)) {
      this.fail(`unexpected ${nonAscii(chunk, i) ?? `character '${String.fromCharCode(b)}'`} at byte ${offset}`, offset);
      return i + 1;
    }
    const pd = this.frameNode.length - 1;
    if (pd >= 0 && this.frameIsArray[pd] && this.frameNode[pd]!.resync) {
      this.frameElemCol[pd] = this.startsLine ? offset - this.lineStart : -1;
      this.frameElemOpen[pd] = b;
    }
    if (node !== undefined) {
      if (b === 123 && node.keys !== undefined) return this.openFrame(node, false, offset, i);
      if (b === 91 && node.items !== undefined) return this.openFrame(node, true, offset, i);
      if (!node.capture && (node.keys !== undefined || node.items !== undefined) && b !== 110) {
        const want = node.keys !== undefined ? 'an object' : 'an array';
        this.handler.error('wrong-type', `${key !== undefined ? `"${key}"` : 'value'} should be ${want}`, offset, this.lineNo);
      }
    }
    this.mode = M_VALUE;
    this.vNode = node;
    this.vKey = key;
    this.vCapture = node?.capture === true;
    this.vStart = offset;
    this.vLine = this.lineNo;
    this.vTooDeep = false;
    this.vTooLarge = false;
    this.vParts = [];
    this.vPartBytes = 0;
    this.vChunkStart = this.vCapture ? i : -1;
    this.vInString = b === 34;
    this.vEscape = false;
    this.vScalar = !(b === 123 || b === 91 || b === 34);
    this.vDepth = 0;
    if (b === 123 || b === 91) {
      this.vDepth = 1;
      this.vBrackets[1] = b;
      if (this.frameNode.length + 1 > this.maxDepth) this.markTooDeep();
    }
    return this.vScalar ? i : i + 1;
  }

  private openFrame(node: SelectNode, isArray: boolean, offset: number, i: number): number {
    if (this.frameNode.length + 1 > this.maxDepth) {
      // Cannot happen with sane selectors; guard anyway.
      this.fail('selected structure nested too deep', offset);
      return i + 1;
    }
    this.frameKey.push(this.currentKey);
    this.frameNode.push(node);
    this.frameIsArray.push(isArray);
    this.frameElemCol.push(-1);
    this.frameElemOpen.push(0);
    this.state = isArray ? S_VALUE_OR_END : S_KEY_OR_END;
    this.currentKey = undefined;
    this.handler.open?.(node.id, offset, this.lineNo, isArray);
    return i + 1;
  }

  private scanKey(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    const bytes = this.keyBytes;
    while (i < n) {
      const b = chunk[i++]!;
      if (this.keyEscape) {
        this.keyEscape = false;
        bytes.push(b);
        continue;
      }
      if (b === 92) {
        this.keyEscape = true;
        this.keyHasEscape = true;
        bytes.push(b);
        continue;
      }
      if (b === 34) {
        let key = '';
        if (!this.keyHasEscape && bytes.length < 64 && bytes.every((c) => c < 128)) key = String.fromCharCode(...bytes);
        else {
          const raw = Uint8Array.from(bytes);
          const text = utf8.decode(raw);
          const bad = this.handler.invalidUtf8 !== undefined && text.includes('\uFFFD') ? firstInvalidUtf8(text, raw) : undefined;
          // (a member name holds no line end: its bytes end at the closing quote, on this line)
          if (bad !== undefined) this.handler.invalidUtf8!(this.pos + i - 1 - bytes.length + bad.bytes, this.lineNo);
          try {
            key = this.keyHasEscape ? (JSON.parse(`"${text}"`) as string) : text;
          } catch {
            this.fail('invalid escape in a member name', this.pos + i - 1);
            return i;
          }
        }
        this.currentKey = key;
        this.mode = M_STRUCT;
        this.state = S_COLON;
        return i;
      }
      if (bytes.length > 1_000_000) {
        this.fail('member name longer than 1 MB', this.pos + i);
        return i;
      }
      bytes.push(b);
    }
    return i;
  }

  private markTooDeep(): void {
    if (!this.vTooDeep) {
      this.vTooDeep = true;
      this.vParts = [];
      this.vPartBytes = 0;
      this.vChunkStart = -1;
    }
  }

  private keepPart(part: Uint8Array): void {
    if (this.vTooDeep || this.vTooLarge) return;
    if (this.vPartBytes + part.length > this.maxValueBytes) {
      this.vTooLarge = true;
      this.vParts = [];
      this.vPartBytes = 0;
      return;
    }
    this.vParts.push(part.slice()); // copy: the caller may reuse its buffer
    this.vPartBytes += part.length;
  }

  private scanValue(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    const base = this.frameNode.length;
    let depth = this.vDepth;
    let inString = this.vInString;
    let escape = this.vEscape;
    if (this.vScalar) {
      while (i < n) {
        const b = chunk[i]!;
        if (b === 44 || b === 125 || b === 93 || isWs(b)) {
          this.finishValue(chunk, i);
          return i;
        }
        i++;
      }
      return i;
    }
    while (i < n) {
      const b = chunk[i]!;
      if (inString) {
        if (escape) escape = false;
        else if (b === 92) escape = true;
        else if (b === 34) {
          inString = false;
          if (depth === 0) {
            this.vInString = false;
            this.finishValue(chunk, i + 1);
            return i + 1;
          }
        } else if (b === 10) this.newlineInValue(i);
        i++;
        continue;
      }
      if (b === 34) inString = true;
      else if (b === 123 || b === 91) {
        depth++;
        if (base + depth > this.maxDepth) this.markTooDeep();
        else this.vBrackets[depth] = b;
      } else if (b === 125 || b === 93) {
        if (base + depth <= this.maxDepth && this.vBrackets[depth] !== b - 2) {
          this.vDepth = depth;
          this.fail(`mismatched '${String.fromCharCode(b)}' at byte ${this.pos + i}`, this.pos + i);
          return i + 1;
        }
        depth--;
        if (depth === 0) {
          this.vDepth = 0;
          this.vInString = false;
          this.finishValue(chunk, i + 1);
          return i + 1;
        }
      } else if (b === 10) this.newlineInValue(i);
      i++;
    }
    this.vDepth = depth;
    this.vInString = inString;
    this.vEscape = escape;
    return i;
  }

  /** A newline at `i` of the current chunk outside any value: a new line that is blank so far. */
  private newlineBetweenValues(i: number): void {
    this.lineNo++;
    this.lastNl = true;
    this.lineBlank = true;
    this.lineStart = this.pos + i + 1;
  }

  private newlineInValue(i: number): void {
    this.lineNo++;
    this.lineStart = this.pos + i + 1;
  }

  /** The value ends just before `endIdx` of `chunk`. */
  private finishValue(chunk: Uint8Array, endIdx: number): void {
    this.mode = M_STRUCT;
    this.lineBlank = false;
    const node = this.vNode;
    if (this.vTooDeep) {
      // A skipped (unselected) value costs no record: reported, not counted as lost.
      this.handler.error('too-deep', `value nested deeper than ${this.maxDepth} levels`, this.vStart, this.vLine, this.vCapture, node?.id);
    } else if (this.vTooLarge || (this.vCapture && this.vPartBytes + Math.max(0, endIdx - Math.max(0, this.vChunkStart)) > this.maxValueBytes)) {
      this.handler.error('line-too-long', `value longer than ${this.maxValueBytes} bytes skipped`, this.vStart, this.vLine, undefined, node?.id);
    } else if (this.vCapture && node !== undefined) {
      let bytes: Uint8Array;
      const tail = this.vChunkStart >= 0 ? chunk.subarray(this.vChunkStart, endIdx) : EMPTY;
      if (this.vParts.length === 0) bytes = tail;
      else {
        bytes = new Uint8Array(this.vPartBytes + tail.length);
        let o = 0;
        for (const p of this.vParts) {
          bytes.set(p, o);
          o += p.length;
        }
        bytes.set(tail, o);
      }
      if (node.raw === true && this.handler.raw !== undefined) {
        this.handler.raw(node.id, bytes, this.vStart, this.vLine);
        this.endCapture();
        return;
      }
      if (bytes.length > LONG_VALUE_BYTES && countMembers(bytes, MAX_VALUE_MEMBERS) > MAX_VALUE_MEMBERS) {
        // Parsed, each member is a property of its own (~300 bytes: 5.5 million took 1.5 GB); no
        // record keeps more than 1,024 attributes. Refused before it is parsed, as a JSON line is.
        this.handler.error('too-many-attributes', `a JSON value of more than ${MAX_VALUE_MEMBERS.toLocaleString('en-US')} members (${(bytes.length / 1048576).toFixed(0)} MB): not read, as no record of it could keep more than 1,024 attributes`, this.vStart, this.vLine, true, node.id);
        this.endCapture();
        return;
      }
      let value: unknown;
      let ok = true;
      let text = utf8.decode(bytes);
      if (this.handler.invalidUtf8 !== undefined) {
        const bad = text.includes('\uFFFD') ? firstInvalidUtf8(text, bytes) : undefined;
        if (bad !== undefined) this.handler.invalidUtf8(this.vStart + bad.bytes, this.vLine + bad.lines);
      }
      try {
        value = JSON.parse(text);
      } catch (e) {
        ok = false;
        if (this.nonFinite) {
          const quoted = quoteNonFinite(text);
          if (quoted !== text) {
            try {
              value = JSON.parse(quoted);
              text = quoted;
              ok = true;
            } catch {
              /* reported below as it was */
            }
          }
        }
        if (!ok) this.handler.error('invalid-json', `invalid JSON value: ${jsonErrorText(e)}`, this.vStart, this.vLine, undefined, node.id);
      }
      if (ok) this.handler.value(node.id, value, this.vKey, this.vStart, this.vLine, text);
    }
    this.endCapture();
  }

  /** A captured value is done with (read, refused or handed over raw): drop its bytes and go on. */
  private endCapture(): void {
    this.vParts = [];
    this.vPartBytes = 0;
    this.vChunkStart = -1;
    this.vCapture = false;
    this.afterValue();
  }
}
