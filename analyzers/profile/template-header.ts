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
  /** The words by first letter (folded, low 5 bits): a handful per letter at most. */
  private readonly byFirst: string[][] = [];
  private readonly minLen: number;
  private readonly maxLen: number;
  /** Quick reject: by first letter, a bit per word length and a bit per last letter (low 5 bits). */
  private readonly lensByFirst = new Int32Array(32);
  private readonly lastsByFirst = new Int32Array(32);

  constructor(
    words: string[],
    private readonly lowerToo: boolean,
  ) {
    for (let f = 0; f < 32; f++) this.byFirst.push([]);
    this.minLen = Math.min(...words.map((w) => w.length));
    this.maxLen = Math.max(...words.map((w) => w.length));
    for (const w of words) {
      const f = w.charCodeAt(0) & 31;
      this.byFirst[f]!.push(w);
      this.lensByFirst[f]! |= 1 << w.length;
      this.lastsByFirst[f]! |= 1 << (w.charCodeAt(w.length - 1) & 31);
    }
  }

  /** True when s[start, end) is one of the words in an accepted case form. */
  has(s: string, start: number, end: number): boolean {
    const len = end - start;
    if (len < this.minLen || len > this.maxLen) return false;
    const f = s.charCodeAt(start) & 31;
    if ((this.lensByFirst[f]! & (1 << len)) === 0 || (this.lastsByFirst[f]! & (1 << (s.charCodeAt(end - 1) & 31))) === 0) return false;
    const list = this.byFirst[f]!;
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (w.length === len && equalsFolded(s, start, end, w)) return caseFormOk(s, start, end, this.lowerToo);
    }
    return false;
  }
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
  Namespace, // a `debug` namespace: lower-case names joined by colons (app:db, express:router)
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

// Literals in the hot code (a module-level const is a context load at every use once bundled).
const enum Max {
  HeaderFields = 16,
  HeaderChars = 400,
}

/**
 * Character classes of header fields as bit flags (ASCII; everything else is F.OTHER). A field's
 * scan ORs its chars' flags together: one table load and one OR per char, no counters; the few
 * counts the field grammar needs (digits, T/Z letters, date separators) are taken by a rescan of
 * the field in the rare cases where they decide.
 */
const enum F {
  DIGIT = 1,
  ALPHA = 2, // letters but t T z Z
  TZ = 4, // t T z Z: letters of ISO-8601 date-times
  COLON = 8,
  DATESEP = 16, // - / . , +  (also ident punctuation)
  IDENT = 32, // _ $ @ #
  BRACKET = 64, // [ ] ( )
  OTHER = 128,
  SPACE = 256, // space, tab: ends a field
}

/** By char code (all 65536: no range check in the field scan; only the ASCII part is ever hot). */
const CHAR_FLAGS = ((): Uint16Array => {
  const t = new Uint16Array(65536).fill(F.OTHER);
  for (let c = 48; c <= 57; c++) t[c] = F.DIGIT;
  for (let c = 65; c <= 90; c++) t[c] = t[c + 32] = F.ALPHA;
  t[84] = t[116] = t[90] = t[122] = F.TZ;
  t[58] = F.COLON;
  for (const c of [45, 47, 46, 44, 43]) t[c] = F.DATESEP;
  for (const c of [95, 36, 64, 35]) t[c] = F.IDENT;
  for (const c of [91, 93, 40, 41]) t[c] = F.BRACKET;
  t[32] = t[9] = F.SPACE;
  return t;
})();

function charFlags(c: number): number {
  return CHAR_FLAGS[c]!;
}

function classify(s: string, start: number, end: number): Kind {
  let flags = 0;
  for (let j = start; j < end; j++) flags |= charFlags(s.charCodeAt(j));
  return fieldKind(s, start, end, flags & ~F.SPACE);
}

/** Kind of the field s[start, end) from the OR of its chars' flags. */
function fieldKind(s: string, start: number, end: number, flags: number): Kind {
  let len = end - start;
  if (len === 1 && s.charCodeAt(start) === 45) return Kind.Dash;
  if (len === 2 && s.charCodeAt(start) === 45 && s.charCodeAt(start + 1) === 45) return Kind.Dash;
  // A trailing ',' is a column separator: `04:30:30,`.
  const last = s.charCodeAt(end - 1);
  const colon = last === 58;
  let dateSep = (flags & F.DATESEP) !== 0;
  if (last === 44 && len > 1) {
    end--;
    len--;
    // Any date separator left?
    dateSep = false;
    for (let j = start; j < end; j++) {
      if (charFlags(s.charCodeAt(j)) === F.DATESEP) {
        dateSep = true;
        break;
      }
    }
  }
  const identPunct = dateSep || (flags & F.IDENT) !== 0;
  const other = (flags & F.OTHER) !== 0;
  const brackets = (flags & F.BRACKET) !== 0;
  const alpha = (flags & (F.ALPHA | F.TZ)) !== 0;
  const digits = (flags & F.DIGIT) !== 0;
  const colons = (flags & F.COLON) !== 0;
  if (colon && len > 1 && !other) {
    // `name:` / `name[12]:` / `proc(pam_unix)[12]:` / `org.x.Y$Z:`; a time like 12:30: is not a component.
    const c1 = s.charCodeAt(start);
    if (isAlpha(c1) || c1 === 95) return Kind.Component;
  }
  if (digits && !alpha && !other && !brackets) {
    if (!colons && !dateSep) return Kind.Number;
    if (colons) return Kind.Time;
    return Kind.DateTime;
  }
  // ISO-8601 date-times: 2017-05-16T00:00:00.008Z, 20171223-22:15:29:606 handled above. Their
  // only letters are T and Z (at most two), with at least six digits.
  if ((flags & (F.OTHER | F.BRACKET | F.ALPHA)) === 0 && isDigit(s.charCodeAt(start)) && isIsoDigits(s, start, end)) {
    return colons ? Kind.Time : Kind.DateTime;
  }
  if (alpha && !digits && !other && !identPunct && !colons && !brackets) return wordKind(s, start, end);
  if (!other && !brackets && !colons && (digits || identPunct) && (alpha || digits)) return Kind.Ident;
  // An IPv6 address (`::ffff:127.0.0.1`, `fe80::1`): a value as an IPv4 one is, no name before a `-`.
  if (!other && colons && digits && alpha && !brackets && isIpv6(s, start, end)) return Kind.DateTime;
  if (!other && colons && digits && alpha && !brackets) return Kind.Ident; // R02-M1-N0-C:J12-U11
  return Kind.Word;
}

/** s[a, b) is an IPv6 address: hex digits in groups of at most 4 joined by colons (`::` once at most), maybe an IPv4 address last. */
function isIpv6(s: string, a: number, b: number): boolean {
  let colons = 0;
  let doubles = 0;
  let group = 0;
  let dots = 0;
  for (let j = a; j < b; j++) {
    const c = s.charCodeAt(j);
    if (c === 58) {
      colons++;
      if (j > a && s.charCodeAt(j - 1) === 58) doubles++;
      group = 0;
    } else if (c === 46) {
      dots++;
      group = 0;
    } else if (isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102)) {
      if (++group > 4) return false;
    } else return false;
  }
  return colons >= 2 && colons <= 8 && doubles <= 1 && (dots === 0 || dots === 3);
}

/** Kind of the field s[start, end) made of letters only. */
function wordKind(s: string, start: number, end: number): Kind {
  const len = end - start;
  if (len > 13) return Kind.Word;
  if (LEVELS.has(s, start, end)) return Kind.Level;
  if (len === 3 || len === 4) {
    if (MONTHS.has(s, start, end)) return Kind.Month;
    if (WEEKDAYS.has(s, start, end)) return Kind.Weekday;
  }
  return Kind.Word;
}

/** s[start, end) (no letters but t T z Z) has at least six digits and at most two T/Z letters. */
function isIsoDigits(s: string, start: number, end: number): boolean {
  let digits = 0;
  let tz = 0;
  // (Compares instead of CHAR_FLAGS: a module-level table is a checked context load per use.)
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c <= 57 && c >= 48) digits++; // F.DIGIT
    else if ((c | 32) === 116 || (c | 32) === 122) tz++; // F.TZ: t T z Z
  }
  return digits >= 6 && tz <= 2;
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
  const limit = Math.min(s.length, from + Max.HeaderChars);
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
 * since most headers close after a few fields; at most 16 (Max.HeaderFields) are read.
 *
 * The grammar, field by field from the start of the line:
 *   header fields: dash, number, date, time, month, weekday, bracket group, ident (host, node id,
 *   dotted component), and runs of at most 3 plain words between them (component/state columns)
 *   when a timestamp-like field (date, time, epoch, month, bracket group) follows the words — else
 *   the words start the message (`<ts> payment 0 completed`, `<ts> "GET /a/1 HTTP/1.1" 200 8`);
 *   a level closes the header (also glued by colons: `INFO:name:msg`, `<time>:DEBUG:msg`; or
 *   first on the line with a colon: `info: msg`), after it: an optional `|`, up to 2 bracket
 *   groups, then a component (with ':', or padded by 2+ spaces, or followed by a bracket group or
 *   `-`, or a dotted logger name) and an optional `-`;
 *   a `component:` field closes the header when at most one word precedes it (syslog host);
 *   a lone `-` after a bracket, ident or word closes it (`… [thread] - msg`, `prog.exe - msg`);
 *   neither closes it after words and numbers of the message.
 * Without an anchor the header ends at the last header-shaped field, if there are at least two,
 * or one that is a timestamp or bracket group (three when the line starts with a word). The miner
 * then applies the stream's consensus.
 */
export class HeaderScanner {
  private s = '';
  private pos = 0;
  private n = 0;
  private done = true;
  private readonly kinds = new Uint8Array(Max.HeaderFields);
  private readonly starts = new Int32Array(Max.HeaderFields);
  private readonly ends = new Int32Array(Max.HeaderFields);
  private readonly gaps = new Int32Array(Max.HeaderFields);
  /** Field count of the current line's own header cut. */
  own = 0;
  /** The own cut is closed by an anchor (level, component, separator). */
  anchored = false;
  /**
   * Fields that can be header at most: where the message started, when words were followed by
   * fields without a timestamp (`at Module._load (node:…)`: 0); else Max.HeaderFields. The stream's
   * consensus never cuts a line past it.
   */
  reach = 0;
  /**
   * After a level, the field of a logger name written without a separator (`INFO payments charge
   * 0 …`): an undotted name could be the message's first word, so the own cut leaves it (−1: none).
   * The stream's consensus cuts it where lines show their logger so (HeaderConsensus.loggers).
   */
  loggerSlot = -1;
  /** The own cut took a dotted logger name after the level, without a separator (`INFO payments.db charge 0 …`). */
  dottedLogger = false;
  /**
   * The own cut ends with a level word written as a sentence's first word could be (`<time> Config
   * loaded from …`): unanchored, and the stream's consensus only decides whether the level is cut
   * or starts the message (HeaderConsensus.start), never a cut elsewhere.
   */
  softLevel = false;

  /** Analyses `s`; sets `own` and `anchored`. The fields stay readable until the next call. */
  analyse(s: string): void {
    this.s = s;
    this.n = 0;
    this.loggerSlot = -1;
    this.dottedLogger = false;
    this.softLevel = false;
    let i = 0;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    // A pipe-separated header needs a `|` in its first field: most lines have none at all.
    const pipe = i < s.length && s.indexOf('|', i) >= 0 ? cutPipes(s, i) : -1;
    if (pipe > 0) {
      this.kinds[0] = Kind.DateTime;
      this.starts[0] = i;
      this.ends[0] = pipe;
      this.gaps[0] = skipSpaces(s, pipe) - pipe;
      this.n = 1;
      this.done = true;
      this.reach = 1;
      this.own = 1;
      this.anchored = true;
      return;
    }
    this.pos = i;
    this.done = false;
    this.anchored = true;
    this.reach = Max.HeaderFields;
    this.own = this.cut();
    if (this.own < 0) {
      this.anchored = false;
      this.own = -this.own - 1;
    }
  }

  /**
   * Own cut: the field count when anchored, else −(count + 1).
   *
   * Without an anchor, the header is the run of typed fields from the start of the line, and a run
   * of words inside it is a header column only when a timestamp-like field comes after it (a date,
   * a time, an epoch, a month, a bracket group: `2557 node-70 action start 1074119817 1 msg`). A
   * word followed by mere numbers, paths or idents is the message: `<ts> payment 0 completed`,
   * `<ts> query 3 took 3ms`, `<ip> - - [<ts>] "GET /a/1 HTTP/1.1" 200 8` keep their words.
   */
  private cut(): number {
    const s = this.s;
    const kinds = this.kinds;
    let wordRun = 0;
    let typed = 0;
    /** Last field of the unanchored header so far. */
    let lastTyped = -1;
    /** The typed fields since the last word run are header only if one of them is timestamp-like. */
    let pending = false;
    /** A word run was followed by fields without a timestamp: the message has started. */
    let closed = false;
    /** First field of the current word run, and of the run before the pending fields. */
    let runStart = 0;
    let pendingRun = 0;
    let k = 0;
    for (; this.has(k); k++) {
      let kind = kinds[k]! as Kind;
      if (kind === Kind.Level && !this.isHeaderLevel(k)) kind = kinds[k] = Kind.Word;
      if (kind === Kind.Level) {
        if (k === 0 && !this.isAllCaps(0) && this.s.charCodeAt(this.starts[0]!) !== 91 && !(this.has(1) && (kinds[1] === Kind.Bracket || kinds[1] === Kind.Component))) break;
        const count = this.afterLevel(k + 1);
        // A capitalised level word that nothing sets apart — no brackets, no colon, no padding, no
        // logger or separator after it, a plain word next — may as well be the message's first word
        // (`<time> Config loaded from x.conf`, `<time> Error reading y`): the cut is not anchored, so
        // the stream's consensus decides it (a stream of `<time> Info msg` lines cuts it, one of
        // `<time> msg` lines keeps it in the message).
        if (count === k + 1 && this.isSoftLevel(k)) {
          this.loggerSlot = -1;
          this.softLevel = true;
          return -count - 1;
        }
        return count;
      }
      if (kind === Kind.Component) {
        // `info: msg`, `WARN: msg` (winston's simple and cli formats): a level first, as `[info] msg`
        // is; not `Error: msg`, a JavaScript error's class.
        if (k === 0 && LEVELS.has(s, this.starts[0]!, this.ends[0]! - 1) && (this.isAllCaps(0) || isLowerAt(s, this.starts[0]!))) return 1;
        // (Not after words and numbers of a message: `<ts> payment 0 failed: timeout`; nor after
        // a word of marks, which no host is: exim's `<ts> <id> ** bob@x: Unrouteable address`.)
        if (k > 0 && wordRun <= 1 && typed > 0 && !pending && !closed && (wordRun === 0 || this.hasAlnum(runStart))) return k + 1;
        if (k > 0 && wordRun === 0 && !pending && !closed) return k + 1;
        break;
      }
      if (kind === Kind.Namespace) {
        // Node's `debug` module: `<ISO time> app:db msg`, or first on the line (`  app:db msg +0ms` on
        // a terminal, DEBUG_HIDE_DATE): the namespace is the logger's name, as a dotted one is.
        if ((k === 0 || (wordRun === 0 && typed === k && !pending && !closed && this.isTimestampLike(k - 1))) && this.has(k + 1)) return k + 1;
        kind = kinds[k] = Kind.Word;
      }
      if (kind === Kind.Dash && k > 0 && !pending && !closed) {
        const prev = kinds[k - 1]!;
        if ((prev === Kind.Bracket || prev === Kind.Ident || prev === Kind.Word) && typed > 0) return k + 1;
      }
      if (kind === Kind.Word) {
        if (wordRun === 0 && pending && !closed) {
          closed = true;
          this.reach = pendingRun;
        }
        if (wordRun === 0) runStart = k;
        wordRun++;
        if (wordRun > 3) break;
        continue;
      }
      if (kind === Kind.Ident && this.has(k + 1) && kinds[k + 1] === Kind.Component && s.charCodeAt(this.starts[k + 1]!) === 40) {
        return k + 2; // `prog[12] (com.x.y):`
      }
      typed++;
      if (wordRun > 0 && !pending) {
        pending = true;
        pendingRun = runStart;
      }
      wordRun = 0;
      if (closed) continue;
      if (pending && this.isTimestampLike(k)) pending = false;
      if (!pending) lastTyped = k;
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
    if (lastTyped < 0) return -1;
    let kept = 0;
    for (let j = 0; j <= lastTyped; j++) if (isTyped(kinds[j]! as Kind)) kept++;
    // One typed field is a header when it is a bracket group or a timestamp (`<ts> msg`), not a lone number.
    if ((kept >= 2 || (kept >= 1 && startsTyped && (kinds[0] === Kind.Bracket || this.isTimestampLike(0)))) && (startsTyped || kept >= 3)) return -(lastTyped + 1) - 1;
    return -1;
  }

  /**
   * Field k (typed) can only be part of a header, not of a message: a date, a time of day, an
   * epoch in seconds to nanoseconds (10 to 19 digits from 1…, or seconds with a fraction), a month
   * or weekday name, a bracket group.
   */
  private isTimestampLike(k: number): boolean {
    const kind = this.kinds[k]! as Kind;
    if (kind === Kind.Time || kind === Kind.Month || kind === Kind.Weekday || kind === Kind.Bracket) return true;
    const s = this.s;
    const start = this.starts[k]!;
    const end = this.ends[k]!;
    if (kind === Kind.Number) {
      const len = end - start;
      return (len === 10 || len === 13 || len === 16 || len === 19) && s.charCodeAt(start) === 49; // 1…: 2001–2033
    }
    if (kind !== Kind.DateTime) return false;
    // A date: six digits or more, with `-` or `/` or the letters of ISO 8601 between them, or a year
    // first and two separators (2005.06.03); not a decimal or an IPv4 address.
    let digits = 0;
    let seps = 0;
    let firstRun = -1;
    let dashOrSlash = false;
    for (let j = start; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c >= 48 && c <= 57) digits++;
      else {
        if (firstRun < 0) firstRun = j - start;
        if (c === 45 || c === 47 || (c | 32) === 116) dashOrSlash = true;
        seps++;
      }
    }
    // An epoch with a fraction (`1320279567.181050`).
    if (seps === 1 && (firstRun === 10 || firstRun === 13) && s.charCodeAt(start) === 49 && s.charCodeAt(start + firstRun) === 46) return true;
    return digits >= 6 && (dashOrSlash || (firstRun === 4 && seps >= 2));
  }

  /**
   * After a level at field k-1: [|] [bracket]{0,2} [component] [bracket] [-]. Returns the field count.
   * The component is a logger or module name: `name:`, `name [thread]`, `name -`, `name` padded by
   * two spaces or more, or a dotted name (`payments.db`, `org.example.Handler`) on its own — the
   * same name is header in every one of these layouts, so a message is templated alike in each.
   */
  private afterLevel(k: number): number {
    const kinds = this.kinds;
    // `… | INFO     | app.db:emit:19 - msg` (loguru): a `|` between columns is no message.
    if (this.has(k) && this.ends[k]! - this.starts[k]! === 1 && this.s.charCodeAt(this.starts[k]!) === 124) k++;
    let brackets = 0;
    while (this.has(k) && kinds[k] === Kind.Bracket && brackets < 2) {
      brackets++;
      k++;
    }
    if (!this.has(k)) return k;
    const f = kinds[k]! as Kind;
    if (f === Kind.Component || f === Kind.Dash || (f === Kind.Namespace && this.has(k + 1))) return k + 1;
    if ((f === Kind.Word || f === Kind.Ident) && this.has(k + 1)) {
      const g = kinds[k + 1]! as Kind;
      if (g === Kind.Bracket && brackets === 0) return k + 2; // `nova.compute.manager [req-… - - -] msg`
      if (g === Kind.Dash) return k + 2; // `INFO shipping - msg`, `INFO [main] app.Db - msg`
      if (this.gaps[k]! >= 2 && brackets === 0) return k + 1; // padded column: `Info      CBS    msg`
      if (f === Kind.Ident && isDottedName(this.s, this.starts[k]!, this.ends[k]!, 1)) {
        this.dottedLogger = true;
        return k + 1; // `INFO payments.db msg`
      }
      if (isLoggerWord(this.s, this.starts[k]!, this.ends[k]!)) this.loggerSlot = k; // `INFO payments msg`: maybe
    }
    return k;
  }

  /**
   * A level word closes a header when it is written like one: INFO, WARN (after anything), or Info,
   * Warning right after a header field; a lowercase `error` is a word (`… bcast-error 1076 1 Link error`).
   */
  private isHeaderLevel(k: number): boolean {
    if (this.ends[k]! - this.starts[k]! === 1) return true; // single-letter logcat level, checked when read
    if (this.s.charCodeAt(this.starts[k]!) === 91) return true; // `[notice]`: bracketed, so a header field
    if (this.isAllCaps(k)) return true;
    const c = this.s.charCodeAt(this.starts[k]!);
    return c >= 65 && c <= 90 && (k === 0 || this.kinds[k - 1] !== Kind.Word);
  }

  /**
   * Level field k is written as a word of a sentence could be: Capitalised (not UPPER case, not in
   * brackets), one space after it, and a plain word (prose) after that.
   */
  private isSoftLevel(k: number): boolean {
    const s = this.s;
    const c0 = s.charCodeAt(this.starts[k]!);
    if (c0 < 65 || c0 > 90 || this.isAllCaps(k) || this.gaps[k] !== 1 || s.charCodeAt(this.ends[k]! - 1) === 58) return false;
    return this.has(k + 1) && this.kinds[k + 1] === Kind.Word;
  }

  /** Field k has a letter or a digit. */
  private hasAlnum(k: number): boolean {
    const s = this.s;
    for (let j = this.starts[k]!, e = this.ends[k]!; j < e; j++) {
      const c = s.charCodeAt(j);
      if (isAlpha(c) || isDigit(c)) return true;
    }
    return false;
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

  /**
   * Where the field s[i, end) (it has a colon and letters) is cut at a glued colon, or −1:
   * - after `LEVEL:` when the field starts with an UPPER-case level and text follows the colon;
   * - before that level when a timestamp glued by a colon comes first (`10:22:40,672:DEBUG:x`);
   * - after `name:` right after a glued level, when the name is a logger name (`INFO:app.db:x`).
   */
  private gluedCut(i: number, end: number, k: number): number {
    const s = this.s;
    if (k > 0 && this.kinds[k - 1] === Kind.Level && this.gaps[k - 1] === 0) {
      const colon = colonIn(s, i, end);
      return colon > i && colon < end - 1 && isDottedName(s, i, colon, 0) ? colon + 1 : -1;
    }
    const c0 = s.charCodeAt(i);
    if (c0 >= 65 && c0 <= 90) {
      // `INFO:…`: capital letters up to the colon (a level word is at most 13 letters).
      let j = i + 1;
      while (j < end && j - i <= 13 && isAlpha(s.charCodeAt(j))) j++;
      return j < end - 1 && s.charCodeAt(j) === 58 && isUpperLevel(s, i, j) ? j + 1 : -1;
    }
    if (!isDigit(c0)) return -1;
    for (let j = i; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c === 58) {
        const next = colonIn(s, j + 1, end);
        if (next > j + 1 && next < end - 1 && isUpperLevel(s, j + 1, next)) return j + 1;
      } else if (!isDigit(c) && (charFlags(c) & (F.DATESEP | F.TZ)) === 0) return -1;
    }
    return -1;
  }

  /** Kind of the field s[i, end) cut at a glued colon (gluedCut). */
  private gluedKind(i: number, end: number, k: number, flags: number): Kind {
    const s = this.s;
    if (k > 0 && this.kinds[k - 1] === Kind.Level && this.gaps[k - 1] === 0) return Kind.Component;
    if (isUpperLevel(s, i, end - 1)) return Kind.Level;
    return fieldKind(s, i, end, flags);
  }

  private readNext(): void {
    const s = this.s;
    const k = this.n;
    if (this.pos >= s.length || k >= Max.HeaderFields || (k > 0 && this.pos - this.starts[0]! >= Max.HeaderChars)) {
      this.done = true;
      return;
    }
    this.pos = this.readField(this.pos, k);
    this.n = k + 1;
  }

  /** Reads the field at `i` (which is not a space) into slot `k`. Returns where the next field starts. */
  private readField(i: number, k: number): number {
    const s = this.s;
    const n = s.length;
    let end = i;
    let kind = Kind.Word;
    let bracket = false;
    let glued = false;
    const c0 = s.charCodeAt(i);
    if (c0 === 91 /* [ */) {
      // Balanced brackets, possibly nested and spanning spaces: [Sun Dec 04 04:47:44 2005], [req-1 - - -].
      let depth = 0;
      let j = i;
      const limit = Math.min(n, i + Max.HeaderChars);
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
          // `[notice]`, `[error]`, `[INFO]`: a level in brackets is a level whatever its case.
          kind = LEVELS.has(s, i + 1, j) ? Kind.Level : Kind.Bracket;
        }
      }
    }
    if (!bracket) {
      // One pass: find the end of the field and OR its character classes.
      const table = CHAR_FLAGS;
      let flags = table[c0]!; // not a space
      end = i + 1;
      for (; end < n; end++) {
        const f = table[s.charCodeAt(end)]!;
        if (f === F.SPACE) break;
        flags |= f;
      }
      // `INFO:name:message`, `10:22:40,672:DEBUG:message` (Python's BASIC_FORMAT and the like): a
      // level glued to what is around it by colons is a field of its own, and so is the logger
      // name glued after it; the message starts right after the colon.
      if ((flags & F.COLON) !== 0 && (flags & F.ALPHA) !== 0) {
        const cut = this.gluedCut(i, end, k);
        if (cut > 0) {
          glued = true;
          end = cut;
          flags = 0;
          for (let j = i; j < end; j++) flags |= table[s.charCodeAt(j)]!;
        }
      }
      // The common shapes without fieldKind's general checks (same answers): numbers, dates and
      // times (digits with `:` or date separators; a trailing `,` needs fieldKind), plain words.
      if (glued) kind = this.gluedKind(i, end, k, flags);
      else if ((flags & F.COLON) !== 0 && (flags & (F.OTHER | F.BRACKET)) === 0 && isNamespace(s, i, end)) kind = Kind.Namespace;
      else if (flags === F.DIGIT) kind = Kind.Number;
      else if ((flags & ~(F.DIGIT | F.COLON | F.DATESEP)) === 0 && (flags & F.DIGIT) !== 0) {
        kind = (flags & F.COLON) !== 0 ? Kind.Time : s.charCodeAt(end - 1) !== 44 ? Kind.DateTime : fieldKind(s, i, end, flags);
      } else if ((flags & ~(F.ALPHA | F.TZ)) === 0 && flags !== 0) kind = wordKind(s, i, end);
      else kind = fieldKind(s, i, end, flags);
    }
    // s[end] is a space or tab when end < n (both scans stop there), unless the field was cut at a glued colon.
    let j = end < n && !glued ? end + 1 : end;
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    if (kind === Kind.Word && end - i === 2 && k > 0 && this.kinds[k - 1] === Kind.Time && isMeridiem(s, i)) {
      kind = Kind.Time; // `12:05:00 AM`: part of the time of day
    }
    if (kind === Kind.Word && end - i === 1 && k > 0 && isNumeric(this.kinds[k - 1]! as Kind)) {
      // V D I W E F A (logcat), with a number or time before it.
      if (c0 === 86 || c0 === 68 || c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70 || c0 === 65) kind = Kind.Level;
    }
    this.kinds[k] = kind;
    this.starts[k] = i;
    this.ends[k] = end;
    this.gaps[k] = j - end;
    return j;
  }
}

function isLowerAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 97 && c <= 122;
}

/** Position of the first `:` in s[from, end), or −1. */
function colonIn(s: string, from: number, end: number): number {
  for (let j = from; j < end; j++) if (s.charCodeAt(j) === 58) return j;
  return -1;
}

/** s[i, i + 2) is AM or PM, in either case. */
function isMeridiem(s: string, i: number): boolean {
  const a = s.charCodeAt(i) | 32;
  return (a === 97 || a === 112) && (s.charCodeAt(i + 1) | 32) === 109;
}

/** s[a, b) is an UPPER-case level word (INFO, WARNING): the only case glued levels are written in. */
function isUpperLevel(s: string, a: number, b: number): boolean {
  if (!LEVELS.has(s, a, b)) return false;
  for (let j = a; j < b; j++) if (s.charCodeAt(j) >= 97) return false;
  return true;
}

/** s[a, b) is a logger name: identifiers (letters, digits, `_`, `$`; not starting with a digit) joined by dots. */
function isDottedName(s: string, a: number, b: number, dotsNeeded: number): boolean {
  let dots = 0;
  let atStart = true;
  for (let j = a; j < b; j++) {
    const c = s.charCodeAt(j);
    if (c === 46) {
      if (atStart) return false;
      dots++;
      atStart = true;
    } else if (isAlpha(c) || c === 95 || c === 36) atStart = false;
    else if (!isDigit(c) || atStart) return false;
  }
  return !atStart && dots >= dotsNeeded;
}

/** s[a, b) could be an undotted logger name: a lower-case letter or `_` first, then letters, digits, `_` (`root`, `payments`, `__main__`). */
function isLoggerWord(s: string, a: number, b: number): boolean {
  const c0 = s.charCodeAt(a);
  if (!((c0 >= 97 && c0 <= 122) || c0 === 95)) return false;
  for (let j = a + 1; j < b; j++) {
    const c = s.charCodeAt(j);
    if (!(isAlpha(c) || isDigit(c) || c === 95)) return false;
  }
  return true;
}

/**
 * s[a, b) is a `debug` namespace: two names or more joined by colons, each a lower-case letter then
 * letters, digits, `_`, `-` or `.` (`app:db`, `express:router`, `socket.io:client`, `knex:query`);
 * not a time, a port (`localhost:8080`), a URL or a `key:Value`.
 */
function isNamespace(s: string, a: number, b: number): boolean {
  let names = 0;
  let atStart = true;
  for (let j = a; j < b; j++) {
    const c = s.charCodeAt(j);
    if (atStart) {
      if (c < 97 || c > 122) return false;
      atStart = false;
      names++;
    } else if (c === 58) atStart = true;
    else if (!(isAlpha(c) || isDigit(c) || c === 95 || c === 45 || c === 46)) return false;
  }
  return !atStart && names >= 2;
}

const scanner = new HeaderScanner();

/** Per-line cut only (no stream consensus). */
export function cutHeader(s: string): { start: number; fields: number; anchored: boolean } {
  scanner.analyse(s);
  return { start: scanner.messageStart(scanner.own), fields: scanner.own, anchored: scanner.anchored };
}
