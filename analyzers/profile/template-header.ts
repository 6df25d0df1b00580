// Finds where the message starts in a raw log line, i.e. skips the header (timestamps, levels,
// pids, hosts, components, thread names in brackets). One grammar for every source: the header is
// a run of header-shaped fields, closed by an anchor (a level, a `component:` token, a ` - `
// separator, a padded column) or, without anchor, by the first field that looks like prose.
// Everything here is per line and context-free; the miner adds a per-stream consensus on top
// (TemplateMiner.headerConsensus) so that a message whose first word happens to look like a header field is
// not cut differently from its siblings.

/**
 * A set of ASCII words matched in place (no substring allocation on the hot path), written in
 * UPPER case, Capitalised, or (when `lowerToo`) lower case: info, INFO, Info; May, MAY.
 */
export class WordSet {
  private readonly words: string[];
  /** Open-addressing table of word index + 1 by folded hash (0: empty). */
  private readonly table: Int32Array;
  private readonly minLen: number;
  private readonly maxLen: number;

  constructor(
    words: string[],
    private readonly lowerToo: boolean,
  ) {
    this.words = words;
    this.table = new Int32Array(256);
    for (let w = 0; w < words.length; w++) {
      let i = foldedKey(words[w]!, 0, words[w]!.length) & 255;
      while (this.table[i] !== 0) i = (i + 1) & 255;
      this.table[i] = w + 1;
    }
    this.minLen = Math.min(...words.map((w) => w.length));
    this.maxLen = Math.max(...words.map((w) => w.length));
  }

  /** True when s[start, end) is one of the words in an accepted case form. */
  has(s: string, start: number, end: number): boolean {
    const len = end - start;
    if (len < this.minLen || len > this.maxLen || !caseFormOk(s, start, end, this.lowerToo)) return false;
    for (let i = foldedKey(s, start, end) & 255; this.table[i] !== 0; i = (i + 1) & 255) {
      if (equalsFolded(s, start, end, this.words[this.table[i]! - 1]!)) return true;
    }
    return false;
  }
}

/** Case-insensitive hash of an ASCII-letter run (length in the low bits). */
function foldedKey(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let j = start; j < end; j++) h = Math.imul(h ^ (s.charCodeAt(j) | 32), 0x01000193);
  return (h & 0x3ffffff) * 16 + Math.min(end - start, 15); // a small integer: a fast Map key
}

/** s[start, end) equals the lower-case word `w` ignoring ASCII case (letters only). */
function equalsFolded(s: string, start: number, end: number, w: string): boolean {
  if (end - start !== w.length) return false;
  for (let j = 0; j < w.length; j++) {
    const c = s.charCodeAt(start + j);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) || (c | 32) !== w.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * The case forms of a word: lower case (when `lowerToo`), UPPER case, or Capitalised with the rest
 * in lower case. The first letter of a capitalised form is upper case, the rest all lower or all upper.
 */
function caseFormOk(s: string, start: number, end: number, lowerToo: boolean): boolean {
  const c0 = s.charCodeAt(start);
  const firstUpper = c0 >= 65 && c0 <= 90;
  if (!firstUpper && !lowerToo) return false;
  let lower = 0;
  let upper = 0;
  for (let j = start + 1; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c >= 97 && c <= 122) lower++;
    else upper++;
  }
  if (firstUpper) return lower === 0 || upper === 0;
  return upper === 0;
}

const LEVELS = new WordSet(
  [
    'trace', 'debug', 'dbg', 'info', 'information', 'informational', 'notice', 'warn', 'warning', 'error', 'err', 'severe',
    'critical', 'crit', 'fatal', 'alert', 'emerg', 'emergency', 'verbose', 'fine', 'finer', 'finest', 'config', 'panic',
    'failure', 'success',
  ],
  true,
);
const MONTHS = new WordSet(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'], true);
const WEEKDAYS = new WordSet(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], true);

/** Shape of one header field candidate. */
const enum Kind {
  Dash, // `-`, `--`: empty column placeholder
  Number, // digits only (pid, epoch, record id)
  DateTime, // digits with date/time separators, e.g. 2005-06-03-15.42.50.675872, 16:13:38.811, 17/06/09
  Time, // a time of day (has ':' between digits)
  Month, // Jan..Dec
  Weekday,
  Level, // INFO, WARN, … (also single-letter logcat levels next to numbers)
  Bracket, // [ … ] group (may span spaces)
  Component, // identifier ending in ':' (sshd[12]:, WindowManager:, org.x.Y:)
  Ident, // identifier-like token with digits or dots/underscores (host, node id, dotted component)
  Word, // anything else: prose
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const MAX_HEADER_FIELDS = 16;
const MAX_HEADER_CHARS = 400;

/** Character classes of header fields (ASCII; everything else is Other). */
const enum Ch {
  Other,
  Digit,
  Alpha,
  AlphaTz, // t T z Z: letters of ISO-8601 date-times
  Space, // space, tab: ends a field
  Colon,
  DateSep, // - / . , +  (also ident punctuation)
  IdentPunct, // _ $ @ #
  Bracket, // [ ] ( )
}

const CHAR_CLASS = ((): Uint8Array => {
  const t = new Uint8Array(128); // Ch.Other
  for (let c = 48; c <= 57; c++) t[c] = Ch.Digit;
  for (let c = 65; c <= 90; c++) t[c] = t[c + 32] = Ch.Alpha;
  t[84] = t[116] = t[90] = t[122] = Ch.AlphaTz;
  t[58] = Ch.Colon;
  for (const c of [45, 47, 46, 44, 43]) t[c] = Ch.DateSep;
  for (const c of [95, 36, 64, 35]) t[c] = Ch.IdentPunct;
  for (const c of [91, 93, 40, 41]) t[c] = Ch.Bracket;
  t[32] = t[9] = Ch.Space;
  return t;
})();

function classify(s: string, start: number, end: number): Kind {
  let digits = 0;
  let alpha = 0;
  let colons = 0;
  let dateSep = 0;
  let identPunct = 0;
  let other = 0;
  let brackets = 0;
  let tz = 0;
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    switch (c < 128 ? CHAR_CLASS[c]! : Ch.Other) {
      case Ch.Digit:
        digits++;
        break;
      case Ch.Alpha:
        alpha++;
        break;
      case Ch.AlphaTz:
        alpha++;
        tz++;
        break;
      case Ch.Colon:
        colons++;
        break;
      case Ch.DateSep:
        dateSep++;
        break;
      case Ch.IdentPunct:
        identPunct++;
        break;
      case Ch.Bracket:
        brackets++;
        break;
      default:
        other++;
    }
  }
  return fieldKind(s, start, end, digits, alpha, tz, colons, dateSep, identPunct, other, brackets);
}

/**
 * Kind of the field s[start, end) from its character counts (dateSep chars also count as ident
 * punctuation; identPunct here counts only _ $ @ #).
 */
function fieldKind(s: string, start: number, end: number, digits: number, alpha: number, tz: number, colons: number, dateSep: number, identOnly: number, other: number, brackets: number): Kind {
  let len = end - start;
  if (len === 1 && s.charCodeAt(start) === 45) return Kind.Dash;
  if (len === 2 && s.charCodeAt(start) === 45 && s.charCodeAt(start + 1) === 45) return Kind.Dash;
  // A trailing ',' is a column separator: `04:30:30,`.
  const last = s.charCodeAt(end - 1);
  const colon = last === 58;
  if (last === 44 && len > 1) {
    end--;
    len--;
    dateSep--;
  }
  const identPunct = identOnly + dateSep;
  if (colon && len > 1 && other === 0) {
    // `name:` / `name[12]:` / `proc(pam_unix)[12]:` / `org.x.Y$Z:`; a time like 12:30: is not a component.
    const c1 = s.charCodeAt(start);
    if (isAlpha(c1) || c1 === 95) return Kind.Component;
  }
  if (digits > 0 && alpha === 0 && other === 0 && brackets === 0) {
    if (colons === 0 && dateSep === 0) return Kind.Number;
    if (colons > 0) return Kind.Time;
    return Kind.DateTime;
  }
  // ISO-8601 date-times: 2017-05-16T00:00:00.008Z, 20171223-22:15:29:606 handled above.
  if (digits >= 6 && other === 0 && brackets === 0 && alpha <= 2) {
    // Its only letters are T and Z. (A trailing ',' cut above is no letter: the counts hold.)
    if (isDigit(s.charCodeAt(start)) && tz === alpha) return colons > 0 ? Kind.Time : Kind.DateTime;
  }
  if (alpha > 0 && digits === 0 && other === 0 && identPunct === 0 && colons === 0 && brackets === 0) {
    if (len > 13) return Kind.Word;
    if (LEVELS.has(s, start, end)) return Kind.Level;
    if (len === 3 || len === 4) {
      if (MONTHS.has(s, start, end)) return Kind.Month;
      if (WEEKDAYS.has(s, start, end)) return Kind.Weekday;
    }
    return Kind.Word;
  }
  if (other === 0 && brackets === 0 && colons === 0 && (digits > 0 || identPunct > 0) && alpha + digits > 0) return Kind.Ident;
  if (other === 0 && colons > 0 && digits > 0 && alpha > 0 && brackets === 0) return Kind.Ident; // R02-M1-N0-C:J12-U11
  return Kind.Word;
}

function isNumeric(k: Kind): boolean {
  return k === Kind.Number || k === Kind.DateTime || k === Kind.Time;
}

function isTyped(k: Kind): boolean {
  return k !== Kind.Word && k !== Kind.Component && k !== Kind.Level;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Splits a `a|b|c|message` header (pipe-separated columns) when its first columns are header-shaped. */
function cutPipes(s: string, from: number): number {
  let cols = 0;
  let sawTime = false;
  const limit = Math.min(s.length, from + MAX_HEADER_CHARS);
  let colStart = from;
  for (let i = from; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 124 /* | */) {
      if (i === colStart) return -1;
      const k = classify(s, colStart, i);
      if (isNumeric(k)) sawTime = true;
      else if (k === Kind.Word && cols === 0) return -1;
      cols++;
      colStart = i + 1;
      if (cols >= 2 && sawTime) {
        // keep going while the next column is short and header-shaped
        let j = i + 1;
        while (j < limit && s.charCodeAt(j) !== 124 && !isSpace(s.charCodeAt(j))) j++;
        if (j >= limit || s.charCodeAt(j) !== 124) return i + 1;
      }
    } else if (isSpace(c)) break;
  }
  return -1;
}

/**
 * Header analysis of one line at a time. The fields of the current line live in reusable typed
 * arrays (no objects per line or per field: this runs once per mined line) and are read lazily,
 * since most headers close after a few fields; at most MAX_HEADER_FIELDS are read.
 *
 * The grammar, field by field from the start of the line:
 *   header fields: dash, number, date, time, month, weekday, bracket group, ident (host, node id,
 *   dotted component), and runs of at most 3 plain words between them (component/state columns);
 *   a level closes the header, after it: up to 2 bracket groups, then a component (with ':', or
 *   padded by 2+ spaces, or followed by a bracket group) and an optional `-`;
 *   a `component:` field closes the header when at most one word precedes it (syslog host);
 *   a lone `-` after a bracket, ident or word closes it (`… [thread] - msg`, `prog.exe - msg`).
 * Without an anchor the header ends at the last header-shaped field, if there are at least two
 * (three when the line starts with a word). The miner then applies the stream's consensus.
 */
export class HeaderScanner {
  private s = '';
  private pos = 0;
  private n = 0;
  private done = true;
  private readonly kinds = new Uint8Array(MAX_HEADER_FIELDS);
  private readonly starts = new Int32Array(MAX_HEADER_FIELDS);
  private readonly ends = new Int32Array(MAX_HEADER_FIELDS);
  private readonly gaps = new Int32Array(MAX_HEADER_FIELDS);
  /** Field count of the current line's own header cut. */
  own = 0;
  /** The own cut is closed by an anchor (level, component, separator). */
  anchored = false;

  /** Analyses `s`; sets `own` and `anchored`. The fields stay readable until the next call. */
  analyse(s: string): void {
    this.s = s;
    this.n = 0;
    let i = 0;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    const pipe = i < s.length ? cutPipes(s, i) : -1;
    if (pipe > 0) {
      this.kinds[0] = Kind.DateTime;
      this.starts[0] = i;
      this.ends[0] = pipe;
      this.gaps[0] = skipSpaces(s, pipe) - pipe;
      this.n = 1;
      this.done = true;
      this.own = 1;
      this.anchored = true;
      return;
    }
    this.pos = i;
    this.done = false;
    this.anchored = true;
    this.own = this.cut();
    if (this.own < 0) {
      this.anchored = false;
      this.own = -this.own - 1;
    }
  }

  /** Own cut: the field count when anchored, else −(count + 1). */
  private cut(): number {
    const s = this.s;
    const kinds = this.kinds;
    let wordRun = 0;
    let typed = 0;
    let lastTyped = -1;
    let k = 0;
    for (; this.has(k); k++) {
      const kind = kinds[k]! as Kind;
      if (kind === Kind.Level && !this.isHeaderLevel(k)) {
        kinds[k] = Kind.Word;
        wordRun++;
        if (wordRun > 3) break;
        continue;
      }
      if (kind === Kind.Level) {
        if (k === 0 && !this.isAllCaps(0) && !(this.has(1) && (kinds[1] === Kind.Bracket || kinds[1] === Kind.Component))) break;
        return this.afterLevel(k + 1);
      }
      if (kind === Kind.Component) {
        if (k > 0 && wordRun <= 1 && typed > 0) return k + 1;
        if (k > 0 && wordRun === 0) return k + 1;
        break;
      }
      if (kind === Kind.Dash && k > 0) {
        const prev = kinds[k - 1]!;
        if ((prev === Kind.Bracket || prev === Kind.Ident || prev === Kind.Word) && typed > 0) return k + 1;
      }
      if (kind === Kind.Word) {
        wordRun++;
        if (wordRun > 3) break;
        continue;
      }
      if (kind === Kind.Ident && this.has(k + 1) && kinds[k + 1] === Kind.Component && s.charCodeAt(this.starts[k + 1]!) === 40) {
        return k + 2; // `prog[12] (com.x.y):`
      }
      typed++;
      wordRun = 0;
      lastTyped = k;
    }
    // Left early (a `break`): field k exists, so the fields do not end at lastTyped and need not
    // all be read. Else there are exactly k fields.
    const exhausted = !this.has(k);
    const startsTyped = (!exhausted || k > 0) && isTyped(kinds[0]! as Kind);
    // The header never takes the whole line: a message is what is left.
    if (exhausted && lastTyped === k - 1) {
      lastTyped--;
      while (lastTyped >= 0 && !isTyped(kinds[lastTyped]! as Kind)) lastTyped--;
    }
    if (lastTyped >= 0 && (typed >= 2 || (typed >= 1 && kinds[0] === Kind.Bracket)) && (startsTyped || typed >= 3)) return -(lastTyped + 1) - 1;
    return -1;
  }

  /** After a level at field k-1: [bracket]{0,2} [component] [bracket] [-]. Returns the field count. */
  private afterLevel(k: number): number {
    const kinds = this.kinds;
    let brackets = 0;
    while (this.has(k) && kinds[k] === Kind.Bracket && brackets < 2) {
      brackets++;
      k++;
    }
    if (!this.has(k)) return k;
    const f = kinds[k]! as Kind;
    if (f === Kind.Component || f === Kind.Dash) return k + 1;
    if ((f === Kind.Word || f === Kind.Ident) && this.has(k + 1)) {
      const g = kinds[k + 1]! as Kind;
      if (g === Kind.Bracket && brackets === 0) return k + 2; // `nova.compute.manager [req-… - - -] msg`
      if (g === Kind.Dash && (f === Kind.Ident || brackets > 0)) return k + 2;
      if (this.gaps[k]! >= 2 && brackets === 0) return k + 1; // padded column: `Info      CBS    msg`
    }
    return k;
  }

  /**
   * A level word closes a header when it is written like one: INFO, WARN (after anything), or Info,
   * Warning right after a header field; a lowercase `error` is a word (`… bcast-error 1076 1 Link error`).
   */
  private isHeaderLevel(k: number): boolean {
    if (this.ends[k]! - this.starts[k]! === 1) return true; // single-letter logcat level, checked when read
    if (this.isAllCaps(k)) return true;
    const c = this.s.charCodeAt(this.starts[k]!);
    return c >= 65 && c <= 90 && (k === 0 || this.kinds[k - 1] !== Kind.Word);
  }

  private isAllCaps(k: number): boolean {
    const s = this.s;
    for (let j = this.starts[k]!, e = this.ends[k]!; j < e; j++) {
      const c = s.charCodeAt(j);
      if (c >= 97 && c <= 122) return false;
    }
    return true;
  }

  /** True when the line has a field `k` (reads fields up to it). */
  has(k: number): boolean {
    while (this.n <= k && !this.done) this.readNext();
    return k < this.n;
  }

  /** Number of fields (reads them all). */
  count(): number {
    while (!this.done) this.readNext();
    return this.n;
  }

  /** True when field `k` exists and could close a header (anything but prose). */
  canEndHeader(k: number): boolean {
    return this.has(k) && this.kinds[k] !== Kind.Word;
  }

  /** Char offset where the message starts when the header is `count` fields. */
  messageStart(count: number): number {
    const s = this.s;
    if (count <= 0) return skipSpaces(s, 0);
    const k = this.has(count - 1) ? count - 1 : this.count() - 1;
    return this.ends[k]! + this.gaps[k]!;
  }

  private readNext(): void {
    const s = this.s;
    const k = this.n;
    if (this.pos >= s.length || k >= MAX_HEADER_FIELDS || (k > 0 && this.pos - this.starts[0]! >= MAX_HEADER_CHARS)) {
      this.done = true;
      return;
    }
    this.readField(this.pos, k);
    if (this.kinds[k] === Kind.Word && k > 0 && isNumeric(this.kinds[k - 1]! as Kind) && this.ends[k]! - this.starts[k]! === 1) {
      // V D I W E F A (logcat), with a number or time before it.
      const c = s.charCodeAt(this.starts[k]!);
      if (c === 86 || c === 68 || c === 73 || c === 87 || c === 69 || c === 70 || c === 65) this.kinds[k] = Kind.Level;
    }
    this.n = k + 1;
    this.pos = this.ends[k]! + this.gaps[k]!;
  }

  /** Reads the field at `i` (which is not a space) into slot `k`. */
  private readField(i: number, k: number): void {
    const s = this.s;
    const n = s.length;
    let end = i;
    let kind = Kind.Word;
    let bracket = false;
    if (s.charCodeAt(i) === 91 /* [ */) {
      // Balanced brackets, possibly nested and spanning spaces: [Sun Dec 04 04:47:44 2005], [req-1 - - -].
      let depth = 0;
      let j = i;
      const limit = Math.min(n, i + MAX_HEADER_CHARS);
      for (; j < limit; j++) {
        const c = s.charCodeAt(j);
        if (c === 91) depth++;
        else if (c === 93) {
          depth--;
          if (depth === 0) break;
        }
      }
      if (depth === 0 && j < limit) {
        end = j + 1;
        // A trailing ':' or ',' belongs to the field: `[main]:`.
        if (end < n && (s.charCodeAt(end) === 58 || s.charCodeAt(end) === 44)) end++;
        if (end >= n || isSpace(s.charCodeAt(end))) {
          bracket = true;
          kind = Kind.Bracket;
        }
      }
    }
    if (!bracket) {
      // One pass: find the end of the field and count its character classes.
      let digits = 0;
      let alpha = 0;
      let colons = 0;
      let dateSep = 0;
      let identPunct = 0;
      let other = 0;
      let brackets = 0;
      let tz = 0;
      end = i;
      scan: for (; end < n; end++) {
        const c = s.charCodeAt(end);
        if (c >= 48 && c <= 57) {
          digits++; // most header chars: dates, times, pids
          continue;
        }
        switch (c < 128 ? CHAR_CLASS[c]! : Ch.Other) {
          case Ch.Space:
            break scan;
          case Ch.Alpha:
            alpha++;
            break;
          case Ch.AlphaTz:
            alpha++;
            tz++;
            break;
          case Ch.Colon:
            colons++;
            break;
          case Ch.DateSep:
            dateSep++;
            break;
          case Ch.IdentPunct:
            identPunct++;
            break;
          case Ch.Bracket:
            brackets++;
            break;
          default:
            other++;
        }
      }
      kind = fieldKind(s, i, end, digits, alpha, tz, colons, dateSep, identPunct, other, brackets);
    }
    let j = end;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    this.kinds[k] = kind;
    this.starts[k] = i;
    this.ends[k] = end;
    this.gaps[k] = j - end;
  }
}

const scanner = new HeaderScanner();

/** Per-line cut only (no stream consensus). */
export function cutHeader(s: string): { start: number; fields: number; anchored: boolean } {
  scanner.analyse(s);
  return { start: scanner.messageStart(scanner.own), fields: scanner.own, anchored: scanner.anchored };
}
