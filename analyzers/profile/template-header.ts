// Finds where the message starts in a raw log line, i.e. skips the header (timestamps, levels,
// pids, hosts, components, thread names in brackets). One grammar for every source: the header is
// a run of header-shaped fields, closed by an anchor (a level, a `component:` token, a ` - `
// separator, a padded column) or, without anchor, by the first field that looks like prose.
// Everything here is per line and context-free; the miner adds a per-stream consensus on top
// (see HeaderConsensus) so that a message whose first word happens to look like a header field is
// not cut differently from its siblings.

/** The words in lower case, UPPER case and Capitalised (no per-token lower-casing on the hot path). */
function caseVariants(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    out.add(w);
    out.add(w.toUpperCase());
    out.add(w[0]!.toUpperCase() + w.slice(1));
  }
  return out;
}

const LEVELS = caseVariants([
  'trace', 'debug', 'dbg', 'info', 'information', 'informational', 'notice', 'warn', 'warning', 'error', 'err', 'severe',
  'critical', 'crit', 'fatal', 'alert', 'emerg', 'emergency', 'verbose', 'fine', 'finer', 'finest', 'config', 'panic',
  'failure', 'success',
]);
const MONTHS = caseVariants(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const WEEKDAYS = caseVariants(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

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

interface Field {
  kind: Kind;
  start: number;
  end: number; // exclusive
  /** Number of spaces after the field (2+ means a padded column). */
  gap: number;
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

/** Reads the next field at `i` (which is not a space). */
function readField(s: string, i: number): Field {
  const n = s.length;
  const c0 = s.charCodeAt(i);
  let end = i;
  if (c0 === 91 /* [ */) {
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
      if (end >= n || isSpace(s.charCodeAt(end))) return withGap(s, { kind: Kind.Bracket, start: i, end, gap: 0 });
    }
  }
  end = i;
  while (end < n && !isSpace(s.charCodeAt(end))) end++;
  return withGap(s, { kind: classify(s, i, end), start: i, end, gap: 0 });
}

function withGap(s: string, f: Field): Field {
  let j = f.end;
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  f.gap = j - f.end;
  return f;
}

function classify(s: string, start: number, end: number): Kind {
  let len = end - start;
  if (len === 1 && s.charCodeAt(start) === 45) return Kind.Dash;
  if (len === 2 && s.charCodeAt(start) === 45 && s.charCodeAt(start + 1) === 45) return Kind.Dash;
  // A trailing ',' is a column separator: `04:30:30,`.
  let last = s.charCodeAt(end - 1);
  const colon = last === 58;
  if (last === 44 && len > 1) {
    end--;
    len--;
    last = s.charCodeAt(end - 1);
  }
  let digits = 0;
  let alpha = 0;
  let colons = 0;
  let dateSep = 0; // - / . , T Z +
  let identPunct = 0; // . _ $ - /
  let other = 0;
  let brackets = 0;
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    if (isDigit(c)) digits++;
    else if (isAlpha(c)) alpha++;
    else if (c === 58) colons++;
    else if (c === 45 || c === 47 || c === 46 || c === 44 || c === 43) {
      dateSep++;
      identPunct++;
    } else if (c === 95 || c === 36 || c === 64 || c === 35) identPunct++;
    else if (c === 91 || c === 93 || c === 40 || c === 41) brackets++;
    else other++;
  }
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
    const c = s.charCodeAt(start);
    if (isDigit(c)) {
      let onlyTz = true;
      for (let j = start; j < end; j++) {
        const ch = s.charCodeAt(j) | 32;
        if (isAlpha(s.charCodeAt(j)) && ch !== 116 /* t */ && ch !== 122 /* z */) onlyTz = false;
      }
      if (onlyTz) return colons > 0 ? Kind.Time : Kind.DateTime;
    }
  }
  if (alpha > 0 && digits === 0 && other === 0 && identPunct === 0 && colons === 0 && brackets === 0) {
    if (len > 13) return Kind.Word;
    const w = s.slice(start, end);
    if (LEVELS.has(w)) return Kind.Level;
    if (len === 3 || len === 4) {
      if (MONTHS.has(w)) return Kind.Month;
      if (WEEKDAYS.has(w)) return Kind.Weekday;
    }
    return Kind.Word;
  }
  if (other === 0 && brackets === 0 && colons === 0 && (digits > 0 || identPunct > 0) && alpha + digits > 0) return Kind.Ident;
  if (other === 0 && colons > 0 && digits > 0 && alpha > 0 && brackets === 0) return Kind.Ident; // R02-M1-N0-C:J12-U11
  return Kind.Word;
}

function isSingleLetterLevel(s: string, f: Field): boolean {
  if (f.end - f.start !== 1) return false;
  const c = s.charCodeAt(f.start);
  // V D I W E F A (logcat), with a number or time before it.
  return c === 86 || c === 68 || c === 73 || c === 87 || c === 69 || c === 70 || c === 65;
}

function isNumeric(k: Kind): boolean {
  return k === Kind.Number || k === Kind.DateTime || k === Kind.Time;
}

export interface HeaderFields {
  fields: FieldList;
  /** Field count of this line's own header cut. */
  own: number;
  anchored: boolean;
}

export type { Field };

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

function isTyped(k: Kind): boolean {
  return k !== Kind.Word && k !== Kind.Component && k !== Kind.Level;
}

/**
 * A level word closes a header when it is written like one: INFO, WARN (after anything), or Info,
 * Warning right after a header field; a lowercase `error` is a word (`… bcast-error 1076 1 Link error`).
 */
function isHeaderLevel(s: string, f: Field, prev: Field | undefined): boolean {
  if (f.end - f.start === 1) return true; // single-letter logcat level, checked by the caller
  if (isAllCaps(s, f)) return true;
  const c = s.charCodeAt(f.start);
  return c >= 65 && c <= 90 && (prev === undefined || prev.kind !== Kind.Word);
}

function isAllCaps(s: string, f: Field): boolean {
  for (let j = f.start; j < f.end; j++) {
    const c = s.charCodeAt(j);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

/** Fields of a line, read lazily (most headers close after a few fields), at most MAX_HEADER_FIELDS. */
export class FieldList {
  private readonly items: Field[] = [];
  private pos: number;
  private done = false;

  constructor(
    private readonly s: string,
    from: number,
  ) {
    this.pos = from;
  }

  /** A list of exactly one field (a pipe-separated header). */
  static single(s: string, f: Field): FieldList {
    const l = new FieldList(s, s.length);
    l.items.push(f);
    l.done = true;
    return l;
  }

  get(k: number): Field | undefined {
    while (this.items.length <= k && !this.done) this.readNext();
    return this.items[k];
  }

  /** Number of fields (reads them all). */
  get length(): number {
    while (!this.done) this.readNext();
    return this.items.length;
  }

  private readNext(): void {
    const s = this.s;
    if (this.pos >= s.length || this.items.length >= MAX_HEADER_FIELDS || (this.items[0] && this.pos - this.items[0].start >= MAX_HEADER_CHARS)) {
      this.done = true;
      return;
    }
    const f = readField(s, this.pos);
    const prev = this.items[this.items.length - 1];
    if (f.kind === Kind.Word && prev && isNumeric(prev.kind) && isSingleLetterLevel(s, f)) f.kind = Kind.Level;
    this.items.push(f);
    this.pos = f.end + f.gap;
  }
}

/**
 * Per-line header analysis. The grammar, field by field from the start of the line:
 *   header fields: dash, number, date, time, month, weekday, bracket group, ident (host, node id,
 *   dotted component), and runs of at most 3 plain words between them (component/state columns);
 *   a level closes the header, after it: up to 2 bracket groups, then a component (with ':', or
 *   padded by 2+ spaces, or followed by a bracket group) and an optional `-`;
 *   a `component:` field closes the header when at most one word precedes it (syslog host);
 *   a lone `-` after a bracket, ident or word closes it (`… [thread] - msg`, `prog.exe - msg`).
 * Without an anchor the header ends at the last header-shaped field, if there are at least two
 * (three when the line starts with a word). The miner then applies the stream's consensus.
 */
export function analyseHeader(s: string): HeaderFields {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const pipe = i < s.length ? cutPipes(s, i) : -1;
  if (pipe > 0) {
    const end = skipSpaces(s, pipe);
    return { fields: FieldList.single(s, { kind: Kind.DateTime, start: i, end: pipe, gap: end - pipe }), own: 1, anchored: true };
  }
  const fields = new FieldList(s, i);
  let wordRun = 0;
  let typed = 0;
  let lastTyped = -1;
  for (let k = 0; ; k++) {
    const f = fields.get(k);
    if (!f) break;
    const kind = f.kind;
    if (kind === Kind.Level && !isHeaderLevel(s, f, k > 0 ? fields.get(k - 1)! : undefined)) {
      f.kind = Kind.Word;
      wordRun++;
      if (wordRun > 3) break;
      continue;
    }
    if (kind === Kind.Level) {
      if (k === 0 && !isAllCaps(s, f) && !(fields.get(1) && (fields.get(1)!.kind === Kind.Bracket || fields.get(1)!.kind === Kind.Component))) break;
      return { fields, own: afterLevel(s, fields, k + 1), anchored: true };
    }
    if (kind === Kind.Component) {
      if (k > 0 && wordRun <= 1 && typed > 0) return { fields, own: k + 1, anchored: true };
      if (k > 0 && wordRun === 0) return { fields, own: k + 1, anchored: true };
      break;
    }
    if (kind === Kind.Dash && k > 0) {
      const prev = fields.get(k - 1)!.kind;
      if ((prev === Kind.Bracket || prev === Kind.Ident || prev === Kind.Word) && typed > 0) return { fields, own: k + 1, anchored: true };
    }
    if (kind === Kind.Word) {
      wordRun++;
      if (wordRun > 3) break;
      continue;
    }
    if (kind === Kind.Ident && fields.get(k + 1)?.kind === Kind.Component && s.charCodeAt(fields.get(k + 1)!.start) === 40) {
      return { fields, own: k + 2, anchored: true }; // `prog[12] (com.x.y):`
    }
    typed++;
    wordRun = 0;
    lastTyped = k;
  }
  const startsTyped = fields.length > 0 && isTyped(fields.get(0)!.kind);
  // The header never takes the whole line: a message is what is left.
  if (lastTyped === fields.length - 1) {
    lastTyped--;
    while (lastTyped >= 0 && !isTyped(fields.get(lastTyped)!.kind)) lastTyped--;
  }
  if (lastTyped >= 0 && (typed >= 2 || (typed >= 1 && fields.get(0)!.kind === Kind.Bracket)) && (startsTyped || typed >= 3)) {
    return { fields, own: lastTyped + 1, anchored: false };
  }
  return { fields, own: 0, anchored: false };
}

/** Char offset where the message starts when the header is `count` fields. */
export function messageStart(s: string, h: HeaderFields, count: number): number {
  if (count <= 0) {
    let i = 0;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    return i;
  }
  const f = h.fields.get(count - 1) ?? h.fields.get(h.fields.length - 1)!;
  return f.end + f.gap;
}

/** True when field `k` could close a header (anything but prose). */
export function fieldCanEndHeader(h: HeaderFields, k: number): boolean {
  const f = h.fields.get(k);
  return f !== undefined && f.kind !== Kind.Word;
}

/** Per-line cut only (no stream consensus). */
export function cutHeader(s: string): { start: number; fields: number; anchored: boolean } {
  const h = analyseHeader(s);
  return { start: messageStart(s, h, h.own), fields: h.own, anchored: h.anchored };
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** After a level at field k-1: [bracket]{0,2} [component] [bracket] [-]. Returns the field count. */
function afterLevel(s: string, fields: FieldList, k: number): number {
  let brackets = 0;
  while (fields.get(k)?.kind === Kind.Bracket && brackets < 2) {
    brackets++;
    k++;
  }
  const f = fields.get(k);
  if (!f) return k;
  if (f.kind === Kind.Component || f.kind === Kind.Dash) return k + 1;
  const g = fields.get(k + 1);
  if ((f.kind === Kind.Word || f.kind === Kind.Ident) && g) {
    if (g.kind === Kind.Bracket && brackets === 0) return k + 2; // `nova.compute.manager [req-… - - -] msg`
    if (g.kind === Kind.Dash && (f.kind === Kind.Ident || brackets > 0)) return k + 2;
    if (f.gap >= 2 && brackets === 0) return k + 1; // padded column: `Info      CBS    msg`
  }
  return k;
}
