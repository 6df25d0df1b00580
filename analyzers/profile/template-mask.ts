// Tokenises a log message and masks its variable parts with `<*>`.
// Tokens are whitespace-separated; inside a token, "units" are separated by punctuation that never
// belongs to a value (= , ; ( ) [ ] { } < > " ' |, and ':' after a word). A unit is a variable when
// it holds a digit (numbers, hex, ids, IPs, IPv6, times, sizes, durations, versions, block ids,
// UUIDs), is a path (/a/b, C:\x), a URL, an e-mail address, or the value of key=value.
// Then runs of consecutive all-variable tokens collapse into one (variable-length lists such as
// `(stack @0x1 @0x2 @0x3)` give one template whatever their length).

export const VAR = '<*>';

/** Hard cap on tokens per message: the rest of a longer message collapses into one trailing variable. */
export const MAX_TOKENS = 128;
/** Cap on the length of a quoted key="value" span scanned across spaces. */
const MAX_QUOTED = 256;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
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

export interface MaskedMessage {
  /** Masked tokens; a token containing `<*>` has variable parts. */
  tokens: string[];
  /** Parallel to tokens: true when the token has no constant letters at all (pure variable). */
  pure: boolean[];
}

/** Splits `msg` into whitespace tokens, keeping `key="quoted value"` together. */
export function splitTokens(msg: string, out: string[]): void {
  const n = msg.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(msg.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n) {
      const c = msg.charCodeAt(i);
      if (isSpace(c)) break;
      if (c === 34 && i > start && msg.charCodeAt(i - 1) === 61) {
        // key="value with spaces": jump to the closing quote if it is near.
        const close = msg.indexOf('"', i + 1);
        if (close > 0 && close - i <= MAX_QUOTED) {
          i = close + 1;
          continue;
        }
      }
      i++;
    }
    out.push(msg.slice(start, i));
  }
}

interface UnitScan {
  digits: number;
  alpha: number;
  slash: number;
  backslash: number;
  at: number;
  dot: number;
}

function isVariableUnit(tok: string, a: number, b: number, scan: UnitScan, afterEq: boolean): boolean {
  if (b <= a) return false;
  if (scan.digits > 0) return true;
  // key=value: a value that is not a plain word (com.example.x, a/b, x-y, a_b) is a variable; plain
  // words (user=root, state=idle) are kept and generalise like other words, by evidence.
  if (afterEq && scan.alpha < b - a) return true;
  if (scan.backslash > 0) return true;
  if (scan.slash > 0) {
    // /usr/lib, a/b/c, ./x — a path; a lone `/` or `and/or` is not.
    const first = tok.charCodeAt(a);
    if (b - a > 1 && (first === 47 || first === 126 || scan.slash >= 2)) return true;
  }
  if (scan.at > 0 && scan.dot > 0 && scan.alpha > 2) return true; // e-mail, user@host.domain
  return false;
}

/** Masks one token. Returns the masked text; sets `pureOut[0]` when no constant letter remains. */
export function maskToken(tok: string, pureOut: boolean[]): string {
  const n = tok.length;
  // Fast path: plain words.
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = tok.charCodeAt(i);
    if (isDigit(c) || c === 61 || c === 47 || c === 92 || c === 64 || c === 58) {
      plain = false;
      break;
    }
  }
  if (plain) {
    let letters = false;
    for (let i = 0; i < n; i++) {
      if (isAlpha(tok.charCodeAt(i))) {
        letters = true;
        break;
      }
    }
    pureOut[0] = false;
    if (!letters) pureOut[0] = false; // punctuation-only tokens are constants
    return tok;
  }
  // URL: scheme://… is one variable; keep surrounding brackets/quotes/punctuation.
  const url = tok.indexOf('://');
  if (url > 0) {
    let a = 0;
    while (a < url && !isAlpha(tok.charCodeAt(a))) a++;
    let b = n;
    while (b > url + 3 && isTrailingPunct(tok.charCodeAt(b - 1))) b--;
    pureOut[0] = true;
    return tok.slice(0, a) + VAR + tok.slice(b);
  }
  let out = '';
  let constLetters = false;
  let unitStart = 0;
  let afterEq = false;
  const scan: UnitScan = { digits: 0, alpha: 0, slash: 0, backslash: 0, at: 0, dot: 0 };
  const flush = (end: number): void => {
    if (end > unitStart) {
      if (isVariableUnit(tok, unitStart, end, scan, afterEq)) {
        // Keep a leading word before a separator: blk_<*>, core.<*>, node-<*>, appattempt_<*>.
        let keep = afterEq ? 0 : wordPrefix(tok, unitStart, end);
        // Keep a sign-like lead before a number: @0x7fed…, /10.0.0.1:80, #12.
        const c0 = tok.charCodeAt(unitStart);
        if (keep === 0 && (c0 === 64 || c0 === 47 || c0 === 35) && end - unitStart > 1 && isDigit(tok.charCodeAt(unitStart + 1))) keep = 1;
        if (keep > 0) {
          out += tok.slice(unitStart, unitStart + keep);
          if (keep > 1) constLetters = true;
        }
        out += VAR;
      } else {
        out += tok.slice(unitStart, end);
        if (scan.alpha > 0) constLetters = true;
      }
    }
    scan.digits = scan.alpha = scan.slash = scan.backslash = scan.at = scan.dot = 0;
  };
  for (let i = 0; i < n; i++) {
    const c = tok.charCodeAt(i);
    if (c === 34 && i > 0 && tok.charCodeAt(i - 1) === 61) {
      // key="quoted value"
      const close = tok.indexOf('"', i + 1);
      if (close > i) {
        flush(i);
        out += '"' + (close > i + 1 ? VAR : '') + '"';
        i = close;
        unitStart = i + 1;
        afterEq = false;
        continue;
      }
    }
    let delim = isDelim(c);
    if (c === 46 && i + 1 < n && tok.charCodeAt(i + 1) === 46) {
      // A run of dots is filler (`instruction......0`, `wait...`), not part of a value.
      flush(i);
      let j = i;
      while (j < n && tok.charCodeAt(j) === 46) j++;
      out += tok.slice(i, j);
      i = j - 1;
      afterEq = false;
      unitStart = j;
      continue;
    }
    if (!delim && c === 58 /* : */) {
      // ':' ends a unit after a word (`HWID:1973`, `status:`), not inside ip:port, times, IPv6, C:\.
      delim = scan.digits === 0 && (i === unitStart || scan.alpha > 0) && !(i + 1 < n && tok.charCodeAt(i + 1) === 92);
      if (delim && i + 2 < n && tok.charCodeAt(i + 1) === 58) delim = i === unitStart ? true : scan.alpha > 0 && scan.digits === 0; // IPv6 `::`
    }
    if (delim) {
      flush(i);
      out += tok[i];
      afterEq = c === 61;
      unitStart = i + 1;
      continue;
    }
    if (isDigit(c)) scan.digits++;
    else if (isAlpha(c)) scan.alpha++;
    else if (c === 47) scan.slash++;
    else if (c === 92) scan.backslash++;
    else if (c === 64) scan.at++;
    else if (c === 46) scan.dot++;
  }
  flush(n);
  pureOut[0] = !constLetters;
  return out;
}

/** Length of a leading `word<sep>` (letters only, then one of . _ - # @) when digits follow it. */
function wordPrefix(tok: string, a: number, b: number): number {
  let i = a;
  while (i < b && isAsciiLetter(tok.charCodeAt(i))) i++;
  if (i - a < 2 || i >= b - 1) return 0;
  const c = tok.charCodeAt(i);
  if (c !== 46 && c !== 95 && c !== 45 && c !== 35 && c !== 64) return 0;
  // Only when the value right after the separator is a number: blk_-123, core.2275, node-246;
  // not lns-vlq-45-… or Package_for_KB31… (words mixed with numbers are one variable).
  let j = i + 1;
  if (tok.charCodeAt(j) === 45 && j + 1 < b) j++;
  return isDigit(tok.charCodeAt(j)) ? i - a + 1 : 0;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isTrailingPunct(c: number): boolean {
  return c === 41 || c === 93 || c === 125 || c === 34 || c === 39 || c === 44 || c === 46 || c === 59 || c === 58 || c === 62;
}

/** `blk_<*>`, `node-<*>`: a word prefix and one variable, as items of a list. */
function isListItem(m: string): boolean {
  return m.endsWith(VAR) && m.indexOf(VAR) === m.length - VAR.length;
}

function stripTrailing(m: string): string {
  let b = m.length;
  while (b > 0 && isTrailingPunct(m.charCodeAt(b - 1)) && m.charCodeAt(b - 1) !== 62) b--;
  return m.slice(0, b);
}

/** Capitalised and upper-case forms (dates inside messages are written that way). */
function capitalisedForms(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w[0]!.toUpperCase() + w.slice(1));
    out.add(w.toUpperCase());
  }
  return out;
}

const MONTH_WORDS = capitalisedForms(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const DAY_WORDS = capitalisedForms(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

function dateWordKind(t: string | undefined): 'month' | 'day' | 'num' | undefined {
  if (t === undefined) return undefined;
  const c = t.charCodeAt(0);
  if (isDigit(c)) return 'num';
  if (t.length < 3 || t.length > 10 || !(c >= 65 && c <= 90)) return undefined;
  const last = t.charCodeAt(t.length - 1);
  const w = last === 44 || last === 46 ? t.slice(0, -1) : t;
  if (MONTH_WORDS.has(w)) return 'month';
  if (DAY_WORDS.has(w)) return 'day';
  return undefined;
}

/** A capitalised month or weekday name inside a date (`at Fri Jun 17 07:07:00 2005`, `on 3 May 2021`) is a variable. */
function isDateWord(raw: string[], r: number): boolean {
  const k = dateWordKind(raw[r]);
  if (k !== 'month' && k !== 'day') return false;
  const next = dateWordKind(raw[r + 1]);
  const prev = dateWordKind(raw[r - 1]);
  if (k === 'day') return next === 'month' || next === 'num';
  return next === 'num' || prev === 'num' || prev === 'day';
}

/** True when the masked token contains a variable. */
export function hasVar(tok: string): boolean {
  return tok.includes(VAR);
}

/**
 * Tokenises and masks a message. Runs of consecutive pure-variable tokens become one token made of
 * the first token's text before its variable and the last token's text after it.
 */
export function maskMessage(msg: string): MaskedMessage {
  const raw: string[] = [];
  splitTokens(msg, raw);
  const tokens: string[] = [];
  const pure: boolean[] = [];
  const flag = [false];
  let runStart = -1; // index in tokens of the current pure run
  let runBase = '';
  for (let r = 0; r < raw.length; r++) {
    const m = isDateWord(raw, r) ? VAR : maskToken(raw[r]!, flag);
    if (m === VAR) flag[0] = true;
    const isPure = m.includes(VAR) && (flag[0]! || isListItem(m));
    if (isPure && runStart >= 0 && stripTrailing(m) === runBase && tokens[runStart] === runBase) {
      // extend the run: keep the prefix of the first token, take the suffix of this one
      const first = tokens[runStart]!;
      const p = first.indexOf(VAR);
      const q = m.lastIndexOf(VAR);
      tokens[runStart] = first.slice(0, p) + VAR + m.slice(q + VAR.length);
      continue;
    }
    runStart = isPure ? tokens.length : -1;
    runBase = stripTrailing(m);
    tokens.push(m);
    pure.push(isPure);
  }
  if (tokens.length > MAX_TOKENS) {
    tokens.length = MAX_TOKENS - 1;
    pure.length = MAX_TOKENS - 1;
    tokens.push(VAR);
    pure.push(true);
  }
  return { tokens, pure };
}
