// Tokenises a log message and masks its variable parts with `<*>`.
// Tokens are whitespace-separated; inside a token, "units" are separated by punctuation that never
// belongs to a value (= , ; ( ) [ ] { } < > " ' |, and ':' after a word). A unit is a variable when
// it holds a digit (numbers, hex, ids, IPs, IPv6, times, sizes, durations, versions, block ids,
// UUIDs), is a path (/a/b, C:\x), a URL, an e-mail address, or the value of key=value. The target
// of an HTTP request (`GET /api/users/42?x=1 HTTP/1.1`) is a route instead: its names are kept,
// segments with a value are masked, the query string is left out, `HTTP/1.1` is a constant.
// Then runs of consecutive all-variable tokens collapse into one (variable-length lists such as
// `(stack @0x1 @0x2 @0x3)` give one template whatever their length).
//
// Speed. This runs on every mined line, so it is one left-to-right pass of charCodeAt scanners
// writing the masked tokens into a reusable UTF-16 buffer (MessageMasker): no regular expressions,
// no substring per token, no string concatenation. The miner hashes that buffer to look up the
// line's template and materialises token strings only for a shape it has not seen (a cache miss).

import { WordSet } from './template-header.js';

export const VAR = '<*>';

/**
 * The constants of the hot code, as a const enum so that they compile to literals: a module-level
 * `const` becomes a variable of the module's context once bundled, loaded and checked at every use.
 */
const enum K {
  /** Hard cap on tokens per message: the rest of a longer message collapses into one trailing variable. */
  MaxTokens = 128,
  /**
   * Only the first MaxMessageChars of a message are masked; any further text is one trailing
   * variable. It bounds the work per line and the memory a template can hold (a hostile 64 MB line
   * would otherwise become a 64 MB template); real messages, JSON lines included, are far shorter.
   */
  MaxMessageChars = 4096,
  /** Cap on the length of a quoted key="value" span scanned across spaces. */
  MaxQuoted = 256,
  /** Separator between tokens in the masked buffer. */
  Sep = 1,
  Lt = 60, // <
  Star = 42, // *
  Gt = 62, // >
}

/** Hard cap on tokens per message: the rest of a longer message collapses into one trailing variable. */
export const MAX_TOKENS: number = K.MaxTokens;
/** Only the first MAX_MESSAGE_CHARS of a message are masked; any further text is one trailing variable. */
export const MAX_MESSAGE_CHARS: number = K.MaxMessageChars;
/** Separator between tokens in the masked buffer. */
export const SEP: number = K.Sep;
const SEP_CHAR = String.fromCharCode(K.Sep);

function isSpace(c: number): boolean {
  return c === 32 || (c <= 13 && c >= 9); // space, \t \n \v \f \r
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
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

/** Output bound: a token masks to at most 3× its length (a one-char unit becomes `<*>`), plus separators and the rest variable. */
const BUFFER_CHARS = 3 * K.MaxMessageChars + 16; // even: whole 32-bit words

/**
 * Masks messages into a reusable buffer. After `mask(s, from)`: `buf[0, length)` holds the masked
 * tokens separated by SEP, `ends[t]` is the end of token t (it starts at 0 or at ends[t-1] + 1),
 * `pure[t]` is 1 when token t has no constant letter, `count` is the number of tokens, and
 * `sepInText` is true when a token itself contains the SEP character (the buffer is then not a
 * unique key of the token list).
 */
export class MessageMasker {
  readonly buf = new Uint16Array(BUFFER_CHARS);
  /** The same memory as 32-bit words (two chars each), for hashing and comparing keys. */
  readonly buf32 = new Int32Array(this.buf.buffer);
  length = 0;
  readonly ends = new Int32Array(K.MaxTokens + 1);
  readonly pure = new Uint8Array(K.MaxTokens + 1);
  count = 0;
  sepInText = false;
  /** Position of the first `<*>` written by writeVar for the current token (-1: none). */
  private firstVarAt = -1;
  private constLetters = false;

  /** Masks the message s[from…]. */
  mask(s: string, from: number): void {
    this.length = 0;
    this.count = 0;
    this.sepInText = false;
    // (the text masked ends before a trailing ` +12ms`: see debugDiffStart)
    const full = debugDiffStart(s, from);
    const limit = Math.min(full, from + K.MaxMessageChars);
    const buf = this.buf;
    let prevStart = -1;
    let prevEnd = -1;
    // The last token is the start of a run of pure variables still equal to its stripped form
    // (so that the next equal item extends it).
    let runOpen = false;
    let lastStart = 0;
    /** A quoted request line has closed (`"GET /a HTTP/1.1"`): the access log's fields follow. */
    let afterRequest = false;
    let i = from;
    // The char at i whenever i < limit: read once, when the spaces before a token are skipped.
    let c = 0;
    while (i < limit) {
      c = s.charCodeAt(i);
      if (!isSpace(c)) break;
      i++;
    }
    for (;;) {
      // i: the start of the next token (the spaces after each are skipped with it), or limit.
      let rest = false;
      if (i >= limit) {
        // Past the cap, any text left is one variable: the rest of the message.
        if (limit === full) break;
        let j = limit;
        while (j < full && isSpace(s.charCodeAt(j))) j++;
        if (j >= full) break;
        rest = true;
      }
      if (this.count > 0) buf[this.length++] = K.Sep;
      const ms = this.length;
      const start = i;
      let flag: boolean;
      let special = -1;
      let lt = false;
      let url = -1;
      /** A unit word taken into this token's value (`5.2 KB`): its raw start and end (-1: none). */
      let unitAt = -1;
      let unitEnd = -1;
      this.firstVarAt = -1;
      let quoted = -1;
      if (afterRequest && !rest && c === 34) {
        quoted = quotedFieldEnd(s, i, limit);
        // (a quote that does not close ends the look in this message: no text is scanned twice)
        if (quoted < 0) afterRequest = false;
      }
      if (rest) {
        i = s.length;
        this.writeVar();
        flag = true;
      } else if (quoted > 0) {
        // After the request line, a quoted field is a value whole, spaces and all: the referer, the
        // user agent (`"Mozilla/5.0 (X11; …) Gecko/20100101 Firefox/121.0"`), `"-"` when there is none.
        // The template is the request's route, not the browser family.
        buf[this.length++] = 34;
        this.writeVar();
        buf[this.length++] = 34;
        flag = false;
        i = quoted;
        while (i < limit && isSpace(s.charCodeAt(i))) i++;
        if (i < limit) c = s.charCodeAt(i);
        prevStart = start;
        prevEnd = quoted;
      } else {
        // Reads the raw token up to whitespace or limit, keeping `key="quoted value"` together, and
        // copies it to buf[ms…] as it goes: a plain word is then done. Notes its first char that
        // is not plain-word text (digit = / \ @ :), whether it holds a `<`, its first `://`.
        // (Inline: this runs for every token of every line.)
        let out = ms;
        scan: while (i < limit) {
          // a-z and the like (nothing above `\` needs a look): the common case, in a tight loop.
          while (c > 92) {
            buf[out++] = c;
            if (++i >= limit) break scan;
            c = s.charCodeAt(i);
          }
          // Digits once the token is special (numbers, ids, addresses): nothing more to note.
          if (special >= 0) {
            while (c <= 57 && c >= 48) {
              buf[out++] = c;
              if (++i >= limit) break scan;
              c = s.charCodeAt(i);
            }
            if (c > 92) continue;
          }
          if (c <= 64) {
            if (c <= 34) {
              if (isSpace(c)) break;
              if (c === K.Sep) this.sepInText = true;
              else if (c === 34 && i > start && s.charCodeAt(i - 1) === 61) {
                // key="value with spaces": jump to the closing quote if it is near.
                const qEnd = Math.min(limit, i + K.MaxQuoted + 1);
                let close = i + 1;
                while (close < qEnd && s.charCodeAt(close) !== 34) close++;
                if (close < qEnd) {
                  for (let j = i; j <= close; j++) {
                    const d = s.charCodeAt(j);
                    if (d === K.Sep) this.sepInText = true;
                    else if (d === K.Lt) lt = true;
                    else if (d === 58 && url < 0 && s.charCodeAt(j + 1) === 47 && s.charCodeAt(j + 2) === 47) url = j;
                    buf[out++] = d;
                  }
                  i = close + 1;
                  if (i < limit) c = s.charCodeAt(i);
                  continue;
                }
              }
            } else if (c === K.Lt) lt = true;
            else if ((c >= 48 && c <= 58) || c === 61 || c === 47 || c === 64) {
              if (special < 0) special = i;
              // `://` (its slashes are no spaces: inside the token unless the cap cuts it).
              if (c === 58 && url < 0 && i + 2 < limit && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47) url = i;
            }
          } else if (c === 92 && special < 0) special = i;
          buf[out++] = c;
          if (++i < limit) c = s.charCodeAt(i);
        }
        const end = i;
        // The next token starts after the spaces that follow (s[i] is one when i < limit).
        if (i < limit) {
          i++;
          while (i < limit) {
            c = s.charCodeAt(i);
            if (!isSpace(c)) break;
            i++;
          }
        }
        if (end === limit && limit < full && !isSpace(s.charCodeAt(limit))) {
          rest = true; // cut by the cap: the rest of the message
          this.writeVar();
          flag = true;
        } else if (isUpper(buf[ms]!) && this.isDateWord(s, start, end, prevStart, prevEnd, limit)) {
          // (buf[ms] is the token's first char, copied: a date word is capitalised.)
          this.writeVar();
          flag = true;
        } else if (special >= 0 && url < 0 && isRequestPart(s, start, end, prevStart, prevEnd)) {
          // An HTTP request line, `GET /api/users/42?x=1 HTTP/1.1`: the route is the event (its
          // segments with digits are variables, its query string is left out) and the protocol a constant.
          this.length = ms;
          if (s.charCodeAt(start) === 47) this.maskRoute(s, start, end);
          else {
            this.copy(s, start, end);
            if (s.charCodeAt(end - 1) === 34) afterRequest = true;
          }
          flag = false;
        } else if (afterRequest && end - start === 1 && s.charCodeAt(start) === 45) {
          // `"GET / HTTP/1.1" 304 -`: an access log's empty size (or other field), a value as a number there is.
          this.length = ms;
          this.writeVar();
          flag = true;
        } else if (special < 0) {
          this.length = ms + (end - start);
          flag = false;
          if (!lt) {
            // Plain word without `<`: no variable in it (the common case).
            this.pushToken(this.length, false);
            runOpen = false;
            lastStart = ms;
            prevStart = start;
            prevEnd = end;
            if (this.count > K.MaxTokens) return this.truncate();
            continue;
          }
        } else {
          const keep = url < 0 ? wholeVariable(buf, ms, ms + (end - start)) : -1;
          if (keep >= 0) {
            // One unit that is a variable whole (a number, an id, a path): what maskToken would
            // write, without its unit-by-unit scan.
            this.length = ms + keep;
            this.writeVar();
            flag = true;
          } else {
            flag = this.maskToken(s, start, end, url);
            // `<1`, `>5`, `~3`: a comparison sign before a number belongs to the value.
            const c0 = buf[ms]!;
            if (this.length - ms === 4 && (c0 === K.Lt || c0 === K.Gt || c0 === 126) && this.firstVarAt === ms + 1 && isDigit(s.charCodeAt(start + 1))) {
              this.length = ms;
              this.firstVarAt = -1;
              this.writeVar();
            }
          }
          // `5.2 KB`, `(18.4 KB)`, `12 ms`: a size or duration unit after a value is part of it (it
          // changes with the magnitude: 512 B, 5.2 KB, 1.1 MB are one event); its punctuation stays.
          const o = this.length;
          if (i < limit && o - ms >= 3 && buf[o - 1] === K.Gt && buf[o - 2] === K.Star && buf[o - 3] === K.Lt) {
            const u = unitLength(s, i, limit);
            if (u > 0) {
              let j = i + u;
              while (j < limit && !isSpace(s.charCodeAt(j))) buf[this.length++] = s.charCodeAt(j++);
              unitAt = i;
              unitEnd = j;
              while (j < limit && isSpace(s.charCodeAt(j))) j++;
              i = j;
              if (i < limit) c = s.charCodeAt(i);
            }
          }
        }
        prevStart = unitAt < 0 ? start : unitAt;
        prevEnd = unitAt < 0 ? end : unitEnd;
        // `(18.4 KB)`: a size or duration in parentheses, alone, is an annotation that messages of
        // one event print or leave out (`1190 bytes (1.16 KB) sent`, `0 bytes sent`): not a token.
        const len = this.length - ms;
        if (unitAt >= 0 && len === 5 && buf[ms] === 40 && buf[ms + 4] === 41 && buf[ms + 1] === K.Lt && buf[ms + 2] === K.Star && buf[ms + 3] === K.Gt && !rest) {
          this.length = this.count > 0 ? ms - 1 : ms;
          continue;
        }
      }
      const me = this.length;
      let firstVar = this.firstVarAt;
      if (lt || rest) {
        // Literal `<*>` in the input counts as a variable too.
        firstVar = -1;
        for (let k = ms; k + 2 < me; k++) {
          if (buf[k] === K.Lt && buf[k + 1] === K.Star && buf[k + 2] === K.Gt) {
            firstVar = k;
            break;
          }
        }
      }
      if (firstVar === ms && me - ms === 3) flag = true;
      // A list item is a word prefix and one trailing variable: `blk_<*>`, `node-<*>`.
      const isPure = firstVar >= 0 && (flag || firstVar === me - 3);
      let se = me;
      while (se > ms && isTrailingPunct(buf[se - 1]!) && buf[se - 1] !== K.Gt) se--;
      const lastEnd = ms - 1;
      if (isPure && runOpen && se - ms === lastEnd - lastStart && equalRange(buf, ms, lastStart, se - ms)) {
        // Extend the run: keep the prefix of the first token, take the suffix of this one.
        let q = me - 3;
        while (!(buf[q] === K.Lt && buf[q + 1] === K.Star && buf[q + 2] === K.Gt)) q--;
        let p = lastStart;
        while (!(buf[p] === K.Lt && buf[p + 1] === K.Star && buf[p + 2] === K.Gt)) p++;
        const at = p + 3;
        const tail = me - (q + 3);
        runOpen = at + tail === lastEnd && equalRange(buf, q + 3, at, tail);
        buf.copyWithin(at, q + 3, me);
        this.length = at + tail;
        this.ends[this.count - 1] = this.length;
      } else {
        this.pushToken(me, isPure);
        runOpen = isPure && se === me;
        lastStart = ms;
        if (this.count > K.MaxTokens) return this.truncate();
      }
      if (rest) break;
    }
  }

  /** Pads the masked text with a zero char to a whole number of 32-bit words; returns the word count. */
  padToWords(): number {
    if (this.length & 1) this.buf[this.length] = 0;
    return (this.length + 1) >> 1;
  }

  private pushToken(end: number, pure: boolean): void {
    this.ends[this.count] = end;
    this.pure[this.count] = pure ? 1 : 0;
    this.count++;
  }

  /** Past MAX_TOKENS tokens: those before the cap can no longer change, the rest is one trailing variable. */
  private truncate(): void {
    this.length = this.ends[K.MaxTokens - 2]!;
    this.buf[this.length++] = K.Sep;
    this.writeVar();
    this.ends[K.MaxTokens - 1] = this.length;
    this.pure[K.MaxTokens - 1] = 1;
    this.count = K.MaxTokens;
  }

  /** The masked tokens as strings (a cache miss, or for callers that need them). */
  tokens(): string[] {
    // Without SEP in the text, one string of the whole buffer split at SEP gives the same tokens
    // (one native split instead of a typed-array view and a call per token).
    if (!this.sepInText && this.count > 1) return bufferText(this.buf, 0, this.length).split(SEP_CHAR);
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

  private writeVar(): void {
    const buf = this.buf;
    const o = this.length;
    if (this.firstVarAt < 0) this.firstVarAt = o;
    buf[o] = K.Lt;
    buf[o + 1] = K.Star;
    buf[o + 2] = K.Gt;
    this.length = o + 3;
  }

  private copy(s: string, a: number, b: number): void {
    const buf = this.buf;
    let o = this.length;
    for (let i = a; i < b; i++) buf[o++] = s.charCodeAt(i);
    this.length = o;
  }

  /** End of the raw token at `start` (not a space), as mask finds it, without copying. */
  private static tokenEnd(s: string, start: number, limit: number): number {
    let i = start;
    while (i < limit) {
      const c = s.charCodeAt(i);
      if (isSpace(c)) break;
      if (c === 34 && i > start && s.charCodeAt(i - 1) === 61) {
        const end = Math.min(limit, i + K.MaxQuoted + 1);
        let close = i + 1;
        while (close < end && s.charCodeAt(close) !== 34) close++;
        if (close < end) {
          i = close + 1;
          continue;
        }
      }
      i++;
    }
    return i;
  }

  /** A capitalised month or weekday name inside a date (`at Fri Jun 17 07:07:00 2005`, `on 3 May 2021`) is a variable. */
  private isDateWord(s: string, a: number, b: number, pa: number, pb: number, limit: number): boolean {
    const c = s.charCodeAt(a);
    if (!(c >= 65 && c <= 90)) return false;
    const k = dateWordKind(s, a, b);
    if (k !== DateWord.Month && k !== DateWord.Day) return false;
    let na = b;
    while (na < limit && isSpace(s.charCodeAt(na))) na++;
    const next = na < limit ? dateWordKind(s, na, MessageMasker.tokenEnd(s, na, limit)) : DateWord.None;
    if (k === DateWord.Day) return next === DateWord.Month || next === DateWord.Num;
    const prev = dateWordKind(s, pa, pb);
    return next === DateWord.Num || prev === DateWord.Num || prev === DateWord.Day;
  }

  /**
   * Writes the request target s[a, b) (it starts with `/`) as a route: each path segment that
   * holds a digit or a `%` escape (an id, a hash, a size) is `<*>`, an API version (`v2`) and the
   * names are kept; the query string and fragment are left out; trailing punctuation stays.
   */
  private maskRoute(s: string, a: number, b: number): void {
    let end = b;
    while (end > a + 1 && isTrailingPunct(s.charCodeAt(end - 1))) end--;
    let q = a;
    while (q < end && s.charCodeAt(q) !== 63 && s.charCodeAt(q) !== 35) q++; // ? #
    let seg = a;
    for (let i = a; i <= q; i++) {
      if (i < q && s.charCodeAt(i) !== 47) continue;
      if (i > seg) {
        if (isVariableSegment(s, seg, i)) this.writeVar();
        else this.copy(s, seg, i);
      }
      if (i < q) this.buf[this.length++] = 47;
      seg = i + 1;
    }
    this.copy(s, end, b);
  }

  /** Masks the token s[a, b) (its first `://` at `url`, or -1) into the buffer. Returns true when no constant letter remains. */
  private maskToken(s: string, a: number, b: number, url: number): boolean {
    // URL: scheme://… is one variable; keep surrounding brackets/quotes/punctuation.
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
    let digits = 0;
    let alpha = 0;
    let slash = 0;
    let backslash = 0;
    let at = 0;
    let dot = 0;
    let unitStart = a;
    let afterEq = false;
    for (let i = a; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        alpha++;
        continue;
      }
      if (c === 34 && i > a && s.charCodeAt(i - 1) === 61) {
        // key="quoted value"
        let close = i + 1;
        while (close < b && s.charCodeAt(close) !== 34) close++;
        if (close < b) {
          this.flush(s, unitStart, i, afterEq, digits, alpha, slash, backslash, at, dot);
          digits = alpha = slash = backslash = at = dot = 0;
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
        this.flush(s, unitStart, i, afterEq, digits, alpha, slash, backslash, at, dot);
        digits = alpha = slash = backslash = at = dot = 0;
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
        delim = digits === 0 && (i === unitStart || alpha > 0) && !(i + 1 < b && s.charCodeAt(i + 1) === 92);
        if (delim && i + 2 < b && s.charCodeAt(i + 1) === 58) delim = i === unitStart ? true : alpha > 0 && digits === 0; // IPv6 `::`
        // `Class43xx::method`: a scope `::` after a name that is no hex group (letters past f).
        else if (!delim && i > unitStart && i + 2 < b && s.charCodeAt(i + 1) === 58 && isAsciiLetter(s.charCodeAt(i + 2)) && hasNonHexLetter(s, unitStart, i)) delim = true;
      }
      if (delim) {
        this.flush(s, unitStart, i, afterEq, digits, alpha, slash, backslash, at, dot);
        digits = alpha = slash = backslash = at = dot = 0;
        this.buf[this.length++] = c;
        afterEq = c === 61;
        unitStart = i + 1;
        continue;
      }
      if (isDigit(c)) digits++;
      else if (isAlpha(c)) alpha++;
      else if (c === 47) slash++;
      else if (c === 92) backslash++;
      else if (c === 64) at++;
      else if (c === 46) dot++;
    }
    this.flush(s, unitStart, b, afterEq, digits, alpha, slash, backslash, at, dot);
    return !this.constLetters;
  }

  /** Writes the unit s[a, end): its text, or `<*>` (after a kept word prefix) when it is a variable. */
  private flush(s: string, a: number, end: number, afterEq: boolean, digits: number, alpha: number, slash: number, backslash: number, at: number, dot: number): void {
    if (end <= a) return;
    if (isVariableUnit(s, a, end, afterEq, digits, alpha, slash, backslash, at, dot)) {
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
      if (alpha > 0) this.constLetters = true;
    }
  }
}

function isVariableUnit(s: string, a: number, b: number, afterEq: boolean, digits: number, alpha: number, slash: number, backslash: number, at: number, dot: number): boolean {
  if (digits > 0) return true;
  // key=value: a value that is not a plain word (com.example.x, a/b, x-y, a_b) is a variable; plain
  // words (user=root, state=idle) are kept and generalise like other words, by evidence.
  if (afterEq && alpha < b - a) return true;
  if (backslash > 0) return true;
  if (slash > 0) {
    // /usr/lib, a/b/c, ./x — a path; a lone `/` or `and/or` is not.
    const first = s.charCodeAt(a);
    if (b - a > 1 && (first === 47 || first === 126 || slash >= 2)) return true;
  }
  if (at > 0 && dot > 0 && alpha > 2) return true; // e-mail, user@host.domain
  return false;
}

/** Unit delimiters (isDelim), `:` and `.` as bits, for wholeVariable's scan; all 65536 codes (no range check). */
const UNIT_BREAK = ((): Uint8Array => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) if (isDelim(c)) t[c] = 1;
  t[58] = 2; // :
  t[46] = 4; // .
  return t;
})();

/**
 * For the raw token buf[a, b) (a special token: it holds a digit = / \ @ or :, and no URL): the
 * length of the prefix that maskToken keeps before one `<*>` when the token is a single unit that
 * is a variable whole, else -1 (maskToken must look). Single unit: no delimiter and no `..` run;
 * it starts with a digit (a unit with a digit is a variable, and a `:` after a digit splits
 * nothing: 42, 0x1f, 10.0.0.1:80, 3.5ms, 1f2e-…), or it is a path `/x…` without `:` (or with a query string `?…`, which is part of it; a unit with
 * 2+ chars starting with `/` is a variable; `/` is kept before a digit: /10.0.0.1).
 */
function wholeVariable(buf: Uint16Array, a: number, b: number): number {
  const c0 = buf[a]!;
  let stop: number;
  let keep: number;
  if (c0 >= 48 && c0 <= 57) {
    stop = 1; // delimiters
    keep = 0;
  } else if (c0 === 47 && b - a > 1) {
    stop = 3; // delimiters and `:`
    const c1 = buf[a + 1]!;
    keep = c1 >= 48 && c1 <= 57 ? 1 : 0;
  } else return -1;
  const table = UNIT_BREAK;
  for (let i = a + 1; i < b; i++) {
    const c = buf[i]!;
    // Digits and a-z (most of a number, hex id, UUID) are never a break: no table load.
    if (c - 48 < 10 ? c >= 48 : c >= 97 && c <= 122) continue;
    // A path's query string (`/servers/detail?all_tenants=True&since=…`) is part of its value,
    // whatever delimiters it holds, when the token ends in a plain char (no trailing punctuation).
    if (c === 63 && stop === 3) return isWordChar(buf[b - 1]!) ? keep : -1;
    const f = table[c]!;
    if (f !== 0 && ((f & stop) !== 0 || (f === 4 && buf[i - 1] === 46))) return -1; // (buf[a] is no `.`)
  }
  return keep;
}

/**
 * Where the message s[from…] ends when its last word is the time since the previous line that
 * Node's `debug` module adds on a terminal (`app:db connected +12ms`; its other output writes a
 * time before the namespace instead): before that word. s.length when there is none, or when it is
 * the whole message.
 */
function debugDiffStart(s: string, from: number): number {
  let e = s.length;
  while (e > from && isSpace(s.charCodeAt(e - 1))) e--;
  let j = e - 1; // the unit's first letter, then the last digit
  const u = s.charCodeAt(j);
  if (u === 115 /* s */ && s.charCodeAt(j - 1) === 109 /* m */) j--;
  else if (u !== 115 && u !== 109 && u !== 104 && u !== 100) return s.length; // s m h d
  let d = j - 1;
  while (d > from && isDigit(s.charCodeAt(d))) d--;
  if (d === j - 1 || s.charCodeAt(d) !== 43 /* + */ || d - 1 <= from || !isSpace(s.charCodeAt(d - 1))) return s.length;
  let k = d - 1;
  while (k > from && isSpace(s.charCodeAt(k - 1))) k--;
  return k > from ? k : s.length;
}

/**
 * End (past the closing quote) of the quoted field that opens at s[a] (a `"`): the next `"` not
 * escaped by a backslash and followed by a space or the end, within 1024 chars; or -1.
 */
function quotedFieldEnd(s: string, a: number, limit: number): number {
  const end = Math.min(limit, a + 1025);
  for (let j = a + 1; j < end; j++) {
    if (s.charCodeAt(j) !== 34 || s.charCodeAt(j - 1) === 92) continue;
    if (j + 1 >= limit || isSpace(s.charCodeAt(j + 1))) return j + 1;
  }
  return -1;
}

/** The token s[a, b) is the target of a request (a path after an HTTP method, s[pa, pb)) or an HTTP protocol. */
function isRequestPart(s: string, a: number, b: number, pa: number, pb: number): boolean {
  const c0 = s.charCodeAt(a);
  if (c0 === 47) return isRequestMethod(s, pa, pb);
  return (c0 === 72 || c0 === 34 || c0 === 40) && isProtocol(s, a, b);
}

/** s[a, b) is an HTTP method, alone or after the quote that opens a request line (`"GET`). */
function isRequestMethod(s: string, a: number, b: number): boolean {
  if (a < 0) return false;
  if (s.charCodeAt(a) === 34) a++;
  const len = b - a;
  if (len < 3 || len > 7) return false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return HTTP_METHODS.has(s.slice(a, b));
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** s[a, b) is an HTTP protocol and version, maybe quoted or in parentheses: `HTTP/1.1`, `HTTP/2"`, `(HTTP/1.0`. */
function isProtocol(s: string, a: number, b: number): boolean {
  const c0 = s.charCodeAt(a);
  if (c0 === 34 || c0 === 40) a++;
  if (b - a < 6 || !s.startsWith('HTTP/', a) || !isDigit(s.charCodeAt(a + 5))) return false;
  let i = a + 6;
  if (i + 1 < b && s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) i += 2;
  for (; i < b; i++) if (!isTrailingPunct(s.charCodeAt(i))) return false;
  return true;
}

/** A path segment s[a, b) that is a value: it holds a digit or a `%` escape, and is no API version (`v1`, `V2`). */
function isVariableSegment(s: string, a: number, b: number): boolean {
  let digits = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 37) return true;
  }
  if (digits === 0) return false;
  return !((s.charCodeAt(a) | 32) === 118 && digits === b - a - 1 && b - a <= 3);
}

/** An ASCII letter or digit, `_` or `-`. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/**
 * Length of the size or duration unit word at s[i] (B KB kB MB GB TB PB KiB MiB GiB TiB, ns us µs
 * ms s sec), when only trailing punctuation follows it before a space or `limit`; else 0.
 */
function unitLength(s: string, i: number, limit: number): number {
  // Quick reject on the second char (most words): a unit has B s i e there, or ends at once.
  const c1 = i + 1 < limit ? s.charCodeAt(i + 1) : 32;
  if (c1 >= 97 && c1 !== 115 && c1 !== 105 && c1 !== 101 && c1 <= 122) return 0;
  const c0 = s.charCodeAt(i);
  let n: number;
  if (c0 === 66 /* B */ || c0 === 115 /* s */) {
    n = 1;
    if (c0 === 115 && i + 2 < limit && s.charCodeAt(i + 1) === 101 && s.charCodeAt(i + 2) === 99) n = 3; // sec
  } else {
    if (c1 === 66) {
      if (!(c0 === 75 || c0 === 107 || c0 === 77 || c0 === 71 || c0 === 84 || c0 === 80)) return 0; // KB kB MB GB TB PB
      n = 2;
    } else if (c1 === 115) {
      if (!(c0 === 110 || c0 === 117 || c0 === 181 || c0 === 956 || c0 === 109)) return 0; // ns us µs (micro sign or mu) ms
      n = 2;
    } else if (c1 === 105) {
      if (!((c0 === 75 || c0 === 77 || c0 === 71 || c0 === 84) && i + 2 < limit && s.charCodeAt(i + 2) === 66)) return 0; // KiB MiB GiB TiB
      n = 3;
    } else return 0;
  }
  for (let j = i + n; j < limit; j++) {
    const c = s.charCodeAt(j);
    if (isSpace(c)) break;
    if (!isTrailingPunct(c)) return 0;
  }
  return n;
}

/** s[a, b) holds a letter that no hex digit is (g-z, G-Z). */
function hasNonHexLetter(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c >= 103 && c <= 122) return true;
  }
  return false;
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
