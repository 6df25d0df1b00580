// Tokenises a log message and masks its variable parts with `<*>`.
// Tokens are whitespace-separated; inside a token, "units" are separated by punctuation that never
// belongs to a value (= , ; ( ) [ ] { } < > " ' |, and ':' after a word). A unit is a variable when
// it holds a digit (numbers, hex, ids, IPs, IPv6, times, sizes, durations, versions, block ids,
// UUIDs), is a path (/a/b, C:\x), a URL, an e-mail address, or the value of key=value.
// Then runs of consecutive all-variable tokens collapse into one (variable-length lists such as
// `(stack @0x1 @0x2 @0x3)` give one template whatever their length).
//
// Speed. This runs on every mined line, so it is one left-to-right pass of charCodeAt scanners
// writing the masked tokens into a reusable UTF-16 buffer (MessageMasker): no regular expressions,
// no substring per token, no string concatenation. The miner hashes that buffer to look up the
// line's template and materialises token strings only for a shape it has not seen (a cache miss).

import { WordSet } from './template-header.js';

export const VAR = '<*>';

/** Hard cap on tokens per message: the rest of a longer message collapses into one trailing variable. */
export const MAX_TOKENS = 128;
/**
 * Only the first MAX_MESSAGE_CHARS of a message are masked; any further text is one trailing
 * variable. It bounds the work per line and the memory a template can hold (a hostile 64 MB line
 * would otherwise become a 64 MB template); real messages, JSON lines included, are far shorter.
 */
export const MAX_MESSAGE_CHARS = 4096;
/** Cap on the length of a quoted key="value" span scanned across spaces. */
const MAX_QUOTED = 256;
/** Separator between tokens in the masked buffer. */
export const SEP = 1;

const LT = 60; // <
const STAR = 42; // *
const GT = 62; // >

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}
function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters that always end a unit. */
function isDelim(c: number): boolean {
  switch (c) {
    case 61: // =
    case 44: // ,
    case 59: // ;
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 60: // <
    case 62: // >
    case 34: // "
    case 39: // '
    case 124: // |
    case 96: // `
      return true;
    default:
      return false;
  }
}

function isTrailingPunct(c: number): boolean {
  return c === 41 || c === 93 || c === 125 || c === 34 || c === 39 || c === 44 || c === 46 || c === 59 || c === 58 || c === 62;
}

/** Month and weekday names as written inside dates: Capitalised or UPPER case. */
const MONTH_WORDS = new WordSet(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  false,
);
const DAY_WORDS = new WordSet(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'], false);

const enum DateWord {
  None,
  Month,
  Day,
  Num,
}

/** What the raw token s[a, b) is inside a date (a < 0: no token). */
function dateWordKind(s: string, a: number, b: number): DateWord {
  if (a < 0) return DateWord.None;
  const c = s.charCodeAt(a);
  if (isDigit(c)) return DateWord.Num;
  if (b - a < 3 || b - a > 10 || !(c >= 65 && c <= 90)) return DateWord.None;
  const last = s.charCodeAt(b - 1);
  if (last === 44 || last === 46) b--;
  if (MONTH_WORDS.has(s, a, b)) return DateWord.Month;
  if (DAY_WORDS.has(s, a, b)) return DateWord.Day;
  return DateWord.None;
}

export interface MaskedMessage {
  /** Masked tokens; a token containing `<*>` has variable parts. */
  tokens: string[];
  /** Parallel to tokens: true when the token has no constant letters at all (pure variable). */
  pure: boolean[];
}

/** Text of buf[a, b) (in slices: String.fromCharCode takes its arguments on the stack). */
export function bufferText(buf: Uint16Array, a: number, b: number): string {
  if (b - a <= 4096) return String.fromCharCode.apply(null, buf.subarray(a, b) as unknown as number[]);
  let out = '';
  for (let i = a; i < b; i += 4096) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(b, i + 4096)) as unknown as number[]);
  return out;
}

/**
 * Masks messages into a reusable buffer. After `mask(s, from)`: `buf[0, length)` holds the masked
 * tokens separated by SEP, `ends[t]` is the end of token t (it starts at 0 or at ends[t-1] + 1),
 * `pure[t]` is 1 when token t has no constant letter, `count` is the number of tokens, and
 * `sepInText` is true when a token itself contains the SEP character (the buffer is then not a
 * unique key of the token list).
 */
export class MessageMasker {
  buf = new Uint16Array(1024);
  length = 0;
  ends = new Int32Array(MAX_TOKENS + 1);
  pure = new Uint8Array(MAX_TOKENS + 1);
  count = 0;
  sepInText = false;
  // Raw tokenisation state: the token after the current one (lookahead for dates), whether it is
  // the rest of a message cut at MAX_MESSAGE_CHARS, and where the scan stops.
  private nextStart = -1;
  private nextEnd = -1;
  private nextRest = false;
  private limit = 0;
  // Per-unit counts while masking a token.
  private digits = 0;
  private alpha = 0;
  private slash = 0;
  private backslash = 0;
  private at = 0;
  private dot = 0;
  private constLetters = false;

  /** Masks the message s[from…]. */
  mask(s: string, from: number): void {
    this.length = 0;
    this.count = 0;
    this.sepInText = false;
    this.limit = Math.min(s.length, from + MAX_MESSAGE_CHARS);
    let prevStart = -1;
    let prevEnd = -1;
    this.readRaw(s, from);
    let start = this.nextStart;
    let end = this.nextEnd;
    let rest = this.nextRest;
    // The last token is the start of a run of pure variables still equal to its stripped form
    // (so that the next equal item extends it).
    let runOpen = false;
    let lastStart = 0;
    while (start >= 0) {
      if (rest) this.nextStart = -1;
      else this.readRaw(s, end);
      this.reserve(3 * (end - start) + 8);
      const buf = this.buf;
      if (this.count > 0) buf[this.length++] = SEP;
      const ms = this.length;
      let flag: boolean;
      if (rest || this.isDateWord(s, start, end, prevStart, prevEnd)) {
        this.writeVar();
        flag = true;
      } else {
        flag = this.maskToken(s, start, end);
      }
      const me = this.length;
      let firstVar = -1;
      for (let i = ms; i + 2 < me; i++) {
        if (buf[i] === LT && buf[i + 1] === STAR && buf[i + 2] === GT) {
          firstVar = i;
          break;
        }
      }
      if (firstVar === ms && me - ms === 3) flag = true;
      // A list item is a word prefix and one trailing variable: `blk_<*>`, `node-<*>`.
      const isPure = firstVar >= 0 && (flag || firstVar === me - 3);
      let se = me;
      while (se > ms && isTrailingPunct(buf[se - 1]!) && buf[se - 1] !== GT) se--;
      const lastEnd = ms - 1;
      if (isPure && runOpen && se - ms === lastEnd - lastStart && equalRange(buf, ms, lastStart, se - ms)) {
        // Extend the run: keep the prefix of the first token, take the suffix of this one.
        let q = me - 3;
        while (!(buf[q] === LT && buf[q + 1] === STAR && buf[q + 2] === GT)) q--;
        let p = lastStart;
        while (!(buf[p] === LT && buf[p + 1] === STAR && buf[p + 2] === GT)) p++;
        const at = p + 3;
        const tail = me - (q + 3);
        runOpen = at + tail === lastEnd && equalRange(buf, q + 3, at, tail);
        buf.copyWithin(at, q + 3, me);
        this.length = at + tail;
        this.ends[this.count - 1] = this.length;
      } else {
        this.ends[this.count] = me;
        this.pure[this.count] = isPure ? 1 : 0;
        this.count++;
        runOpen = isPure && se === me;
        lastStart = ms;
        if (this.count > MAX_TOKENS) {
          // Tokens before the cap can no longer change: the rest is one trailing variable.
          this.length = this.ends[MAX_TOKENS - 2]!;
          this.buf[this.length++] = SEP;
          this.writeVar();
          this.ends[MAX_TOKENS - 1] = this.length;
          this.pure[MAX_TOKENS - 1] = 1;
          this.count = MAX_TOKENS;
          return;
        }
      }
      prevStart = start;
      prevEnd = end;
      start = this.nextStart;
      end = this.nextEnd;
      rest = this.nextRest;
    }
  }

  /** The masked tokens as strings (a cache miss, or for callers that need them). */
  tokens(): string[] {
    const out = new Array<string>(this.count);
    for (let t = 0, a = 0; t < this.count; t++) {
      const b = this.ends[t]!;
      out[t] = bufferText(this.buf, a, b);
      a = b + 1;
    }
    return out;
  }

  pureFlags(): boolean[] {
    const out = new Array<boolean>(this.count);
    for (let t = 0; t < this.count; t++) out[t] = this.pure[t] === 1;
    return out;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint16Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  private writeVar(): void {
    const buf = this.buf;
    buf[this.length] = LT;
    buf[this.length + 1] = STAR;
    buf[this.length + 2] = GT;
    this.length += 3;
  }

  private copy(s: string, a: number, b: number): void {
    const buf = this.buf;
    let o = this.length;
    for (let i = a; i < b; i++) buf[o++] = s.charCodeAt(i);
    this.length = o;
  }

  /**
   * Finds the raw token at or after `i` (nextStart = -1 when none); keeps `key="quoted value"`
   * together. Past `limit`, any text left is one token marked as the rest of the message.
   */
  private readRaw(s: string, i: number): void {
    const n = this.limit;
    this.nextRest = false;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n) {
      this.nextStart = -1;
      this.nextEnd = -1;
      if (n < s.length) {
        let j = n;
        while (j < s.length && isSpace(s.charCodeAt(j))) j++;
        if (j < s.length) {
          this.nextStart = this.nextEnd = n;
          this.nextRest = true;
        }
      }
      return;
    }
    const start = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c <= 34) {
        if (isSpace(c)) break;
        if (c === SEP) this.sepInText = true;
        else if (c === 34 && i > start && s.charCodeAt(i - 1) === 61) {
          // key="value with spaces": jump to the closing quote if it is near.
          const limit = Math.min(n, i + MAX_QUOTED + 1);
          let close = i + 1;
          while (close < limit && s.charCodeAt(close) !== 34) close++;
          if (close < limit) {
            for (let j = i + 1; j < close; j++) if (s.charCodeAt(j) === SEP) this.sepInText = true;
            i = close + 1;
            continue;
          }
        }
      }
      i++;
    }
    this.nextStart = start;
    this.nextEnd = i;
    // A token cut by the limit is the start of the rest of the message.
    if (i >= n && n < s.length && !isSpace(s.charCodeAt(n))) this.nextRest = true;
  }

  /** A capitalised month or weekday name inside a date (`at Fri Jun 17 07:07:00 2005`, `on 3 May 2021`) is a variable. */
  private isDateWord(s: string, a: number, b: number, pa: number, pb: number): boolean {
    const c = s.charCodeAt(a);
    if (!(c >= 65 && c <= 90)) return false;
    const k = dateWordKind(s, a, b);
    if (k !== DateWord.Month && k !== DateWord.Day) return false;
    const next = dateWordKind(s, this.nextStart, this.nextEnd);
    if (k === DateWord.Day) return next === DateWord.Month || next === DateWord.Num;
    const prev = dateWordKind(s, pa, pb);
    return next === DateWord.Num || prev === DateWord.Num || prev === DateWord.Day;
  }

  /** Masks the token s[a, b) into the buffer. Returns true when no constant letter remains. */
  private maskToken(s: string, a: number, b: number): boolean {
    // Fast path: plain words.
    let special = -1;
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      if (isDigit(c) || c === 61 || c === 47 || c === 92 || c === 64 || c === 58) {
        special = i;
        break;
      }
    }
    if (special < 0) {
      this.copy(s, a, b);
      return false;
    }
    // URL: scheme://… is one variable; keep surrounding brackets/quotes/punctuation.
    let url = -1;
    for (let i = special; i + 2 < b; i++) {
      if (s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47) {
        url = i;
        break;
      }
    }
    if (url > a) {
      let x = a;
      while (x < url && !isAlpha(s.charCodeAt(x))) x++;
      let y = b;
      while (y > url + 3 && isTrailingPunct(s.charCodeAt(y - 1))) y--;
      this.copy(s, a, x);
      this.writeVar();
      this.copy(s, y, b);
      return true;
    }
    this.constLetters = false;
    this.resetUnit();
    let unitStart = a;
    let afterEq = false;
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c === 34 && i > a && s.charCodeAt(i - 1) === 61) {
        // key="quoted value"
        let close = i + 1;
        while (close < b && s.charCodeAt(close) !== 34) close++;
        if (close < b) {
          this.flush(s, unitStart, i, afterEq);
          this.buf[this.length++] = 34;
          if (close > i + 1) this.writeVar();
          this.buf[this.length++] = 34;
          i = close;
          unitStart = i + 1;
          afterEq = false;
          continue;
        }
      }
      let delim = isDelim(c);
      if (c === 46 && i + 1 < b && s.charCodeAt(i + 1) === 46) {
        // A run of dots is filler (`instruction......0`, `wait...`), not part of a value.
        this.flush(s, unitStart, i, afterEq);
        let j = i;
        while (j < b && s.charCodeAt(j) === 46) j++;
        this.copy(s, i, j);
        i = j - 1;
        afterEq = false;
        unitStart = j;
        continue;
      }
      if (!delim && c === 58 /* : */) {
        // ':' ends a unit after a word (`HWID:1973`, `status:`), not inside ip:port, times, IPv6, C:\.
        delim = this.digits === 0 && (i === unitStart || this.alpha > 0) && !(i + 1 < b && s.charCodeAt(i + 1) === 92);
        if (delim && i + 2 < b && s.charCodeAt(i + 1) === 58) delim = i === unitStart ? true : this.alpha > 0 && this.digits === 0; // IPv6 `::`
      }
      if (delim) {
        this.flush(s, unitStart, i, afterEq);
        this.buf[this.length++] = c;
        afterEq = c === 61;
        unitStart = i + 1;
        continue;
      }
      if (isDigit(c)) this.digits++;
      else if (isAlpha(c)) this.alpha++;
      else if (c === 47) this.slash++;
      else if (c === 92) this.backslash++;
      else if (c === 64) this.at++;
      else if (c === 46) this.dot++;
    }
    this.flush(s, unitStart, b, afterEq);
    return !this.constLetters;
  }

  private resetUnit(): void {
    this.digits = this.alpha = this.slash = this.backslash = this.at = this.dot = 0;
  }

  /** Writes the unit s[a, end): its text, or `<*>` (after a kept word prefix) when it is a variable. */
  private flush(s: string, a: number, end: number, afterEq: boolean): void {
    if (end > a) {
      if (this.isVariableUnit(s, a, end, afterEq)) {
        // Keep a leading word before a separator: blk_<*>, core.<*>, node-<*>, appattempt_<*>.
        let keep = afterEq ? 0 : wordPrefix(s, a, end);
        // Keep a sign-like lead before a number: @0x7fed…, /10.0.0.1:80, #12.
        const c0 = s.charCodeAt(a);
        if (keep === 0 && (c0 === 64 || c0 === 47 || c0 === 35) && end - a > 1 && isDigit(s.charCodeAt(a + 1))) keep = 1;
        if (keep > 0) {
          this.copy(s, a, a + keep);
          if (keep > 1) this.constLetters = true;
        }
        this.writeVar();
      } else {
        this.copy(s, a, end);
        if (this.alpha > 0) this.constLetters = true;
      }
    }
    this.resetUnit();
  }

  private isVariableUnit(s: string, a: number, b: number, afterEq: boolean): boolean {
    if (this.digits > 0) return true;
    // key=value: a value that is not a plain word (com.example.x, a/b, x-y, a_b) is a variable; plain
    // words (user=root, state=idle) are kept and generalise like other words, by evidence.
    if (afterEq && this.alpha < b - a) return true;
    if (this.backslash > 0) return true;
    if (this.slash > 0) {
      // /usr/lib, a/b/c, ./x — a path; a lone `/` or `and/or` is not.
      const first = s.charCodeAt(a);
      if (b - a > 1 && (first === 47 || first === 126 || this.slash >= 2)) return true;
    }
    if (this.at > 0 && this.dot > 0 && this.alpha > 2) return true; // e-mail, user@host.domain
    return false;
  }
}

function equalRange(buf: Uint16Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** Length of a leading `word<sep>` (letters only, then one of . _ - # @) when digits follow it. */
function wordPrefix(s: string, a: number, b: number): number {
  let i = a;
  while (i < b && isAsciiLetter(s.charCodeAt(i))) i++;
  if (i - a < 2 || i >= b - 1) return 0;
  const c = s.charCodeAt(i);
  if (c !== 46 && c !== 95 && c !== 45 && c !== 35 && c !== 64) return 0;
  // Only when the value right after the separator is a number: blk_-123, core.2275, node-246;
  // not lns-vlq-45-… or Package_for_KB31… (words mixed with numbers are one variable).
  let j = i + 1;
  if (s.charCodeAt(j) === 45 && j + 1 < b) j++;
  return isDigit(s.charCodeAt(j)) ? i - a + 1 : 0;
}

/** True when the masked token contains a variable. */
export function hasVar(tok: string): boolean {
  return tok.includes(VAR);
}

const shared = new MessageMasker();

/**
 * Tokenises and masks a message. Runs of consecutive pure-variable tokens become one token made of
 * the first token's text before its variable and the last token's text after it.
 */
export function maskMessage(msg: string): MaskedMessage {
  shared.mask(msg, 0);
  return { tokens: shared.tokens(), pure: shared.pureFlags() };
}
