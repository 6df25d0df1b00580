// A file's level column: the place after the line's header where its lines write their level
// (`info: …`, `<time> SILLY\t…`, `npm verb …`, `[success] …`), learned from the file's sample by
// the text decoder. Some loggers have level words that are levels only there: in any other place
// they are words of a sentence (Go's net/http writes `http: TLS handshake error …`). One-letter
// levels (`I | …`, `E [time] …`) are levels only in such a column: a letter alone is a word of a
// sentence (`I think`, `A user`) anywhere else.
import type { LogTimeOptions } from '../common/time.js';
import { severityFromText } from '../jsonl-logs/severity.js';

/** Where a file's lines write their level. */
export interface LevelColumn {
  /**
   * The word's place among the first words after the line's header, 0 to 2 (decoration such as `›`
   * or `✔` is not counted); -1 (a letter only): the line begins with it, before its time (CUPS).
   */
  index: number;
  /**
   * How the word is written: `:` before a colon (`info:`, BIND's `debug 3:`), `[` in brackets
   * (`[info]`), ` ` alone (`INFO\t`, `npm verb`), `L` a level letter (LETTER_LEVELS) alone before a
   * mark (`I | …`), or at the line's start before its time (`E [27/Nov/2026:21:30:21 +0000] …`).
   */
  form: ':' | '[' | ' ' | 'L';
  /** Only level words (severity.ts) are levels there, not the column's own words (COLUMN_LEVELS): a column learned from one level word. */
  levelsOnly?: boolean;
  /** Learned from one level word written with its number (BIND's `debug 1:`): a level word there is a level in any case (`info:`). */
  numbered?: boolean;
}

export interface TextLineOptions extends LogTimeOptions {
  /** The file's level column: a level word there is the line's level, the column's own words included (COLUMN_LEVELS). */
  levelColumn?: LevelColumn;
  /** Report where the line writes a level word (TextLineFields.levelColumn): asked while the file's sample is learned. */
  findLevelColumn?: boolean;
}

/**
 * Words that are levels only in a file's level column (keys in capitals; a word is read in lower
 * case or capitals, as loggers print them). Any level word (severity.ts) is a level there too.
 */
const COLUMN_LEVELS: Readonly<Record<string, number>> = {
  // winston's npm levels `http` (between info and verbose: an information) and `silly` (below
  // debug: a trace), as severity.ts reads them in a level field; npmlog's (npm's own output:
  // `npm http fetch …`, `npm sill …`, `npm timing …` between info and http, `npm ERR! …`)
  HTTP: 9, SILLY: 1, SILL: 1, TIMING: 9, 'ERR!': 17,
  // consola's types at its info level (its basic reporter writes `[start] …`; `fail` is a level word already)
  START: 9, READY: 9, BOX: 9,
  // signale's labels whose logLevel is info (its types.js): `› ✔  complete   …`
  COMPLETE: 9, PENDING: 9, WAITING: 9, AWAITING: 9, WATCHING: 9, FAVORITE: 9, STAR: 9, PAUSE: 9,
};

/**
 * One-letter levels, read only in a file's letter column (form `L`): etcd's capnslog (coreos/pkg
 * capnslog LogLevel.Char: C critical, E error, W warning, N notice, I info, D debug, T trace) and
 * CUPS's error_log (cupsd-logs(5); scheduler/log.c writes "XACEWNIDd"[level]: X emerg, A alert,
 * C crit, E error, W warn, N notice, I info, D debug, d debug2); V is Android's verbose and F
 * glog's fatal. Their syslog-like levels take the numbers of the OpenTelemetry log data model's
 * syslog mapping (data-model-appendix.md, appendix B): Critical ERROR2 (18) — capnslog's C and
 * CUPS's crit alike —, Alert ERROR3 (19), Emergency FATAL (21), Notice INFO2 (10).
 */
const LETTER_LEVELS: Readonly<Record<string, number>> = { T: 1, V: 1, D: 5, d: 6, I: 9, N: 10, W: 13, E: 17, C: 18, A: 19, F: 21, X: 21 };

/**
 * A level letter in a column after the header: alone, then one space and a mark (capnslog's
 * `I | pkg: …`), not a word of the message (`I think`, `A user`, `E 5`).
 */
function letterBeforeMark(line: string, word: string, end: number): boolean {
  if (word.length !== 1 || LETTER_LEVELS[word] === undefined || line.charCodeAt(end) !== 32) return false;
  const next = line.charCodeAt(end + 1);
  return next > 32 && next < 127 && !/[A-Za-z0-9]/.test(line[end + 1]!);
}

/**
 * A level letter right after the header, one space before and after it, then the message
 * (spdlog's `%L` after its time: `1795869867.295253559 I server started`): the column is learned
 * from it only when every line writes one there, two letters or more (lines of `I think …`, `A user …` are no column).
 */
function letterBeforeWord(line: string, word: string, start: number, from: number, end: number): boolean {
  if (word.length !== 1 || LETTER_LEVELS[word] === undefined || start !== from + 1 || line.charCodeAt(from) !== 32 || line.charCodeAt(end) !== 32) return false;
  return /[A-Za-z0-9]/.test(line[end + 1] ?? '');
}

/** A level letter padded with dashes (spdlog's centred `%L`, `[---I---]`): the letter. */
function paddedLetter(word: string): string | undefined {
  const m = /^-+([A-Za-z])-+$/.exec(word);
  return m && LETTER_LEVELS[m[1]!] !== undefined ? m[1]! : undefined;
}

/** A level letter the line begins with before its time (`head`: where the time starts): `E [27/Nov/2026:…`, `I 2026-…`. */
function letterBeforeTime(line: string, head: number): string | undefined {
  if (head !== 2 && !(head === 3 && line[2] === '[')) return undefined;
  const c = line[0]!;
  return line[1] === ' ' && LETTER_LEVELS[c] !== undefined ? c : undefined;
}

/**
 * BIND's `print-severity yes` writes its debug levels with their number (`debug 1:`, `debug 3:`):
 * a debug or trace word followed by a number and a colon is written as `debug:` is. The end of
 * the number when it is so, else -1.
 */
function levelNumberColon(line: string, word: string, end: number): number {
  const digit = line.charCodeAt(end + 1);
  if (line.charCodeAt(end) !== 32 || digit < 48 || digit > 57) return -1;
  const n = severityFromText(word);
  if (n === undefined || n > 8) return -1;
  const m = /^ \d{1,3}:/.exec(line.slice(end, end + 6));
  return m ? end + m[0].length - 1 : -1;
}

/** Spaces, as a layout pads a word to its column's width, then a colon, at `i`. */
function paddedBeforeColon(line: string, i: number): boolean {
  let j = i;
  while (j < line.length && j - i <= 8 && line.charCodeAt(j) === 32) j++;
  return j > i && j - i <= 8 && line.charCodeAt(j) === 58;
}

/** How far after the header the column's word is looked for. */
const HEAD_CHARS = 120;
const MAX_INDEX = 2;

/** A character that separates the words of a line's head: white space, brackets, `:`, `|`, `,`, `;`, `=`, quotes. */
function separates(c: number): boolean {
  return c === 32 || c === 9 || c === 91 || c === 93 || c === 40 || c === 41 || c === 60 || c === 62 || c === 123 || c === 125 || c === 124 || c === 58 || c === 44 || c === 59 || c === 61 || c === 34 || c === 39;
}

/** A word of some ASCII letter or digit: not decoration (signale's `›` and badges, a `-` between fields). */
function hasAlnum(word: string): boolean {
  return /[A-Za-z0-9]/.test(word);
}

/** The level a word is in a level column: a level word, or one of COLUMN_LEVELS; in lower case or capitals only (`Start` begins a sentence). */
function columnWordLevel(word: string): number | undefined {
  const upper = word.toUpperCase();
  if (word !== upper && word !== word.toLowerCase()) return severityFromText(word);
  return severityFromText(word) ?? COLUMN_LEVELS[upper];
}

/** What a line shows of its level column: the place, the form and the word, and whether a number came before its colon (`debug 1:`). */
export type FoundColumn = LevelColumn & { word: string; numbered?: boolean };

/**
 * Calls `visit` with the first words after `from` (up to MAX_INDEX), their place and form, and
 * whether a number followed the word (`debug 1:`), until it returns true.
 */
function scanHead(line: string, from: number, visit: (index: number, word: string, form: LevelColumn['form'], numbered: boolean) => boolean): void {
  const end = Math.min(line.length, from + HEAD_CHARS);
  let index = 0;
  let i = from;
  while (i < end && index <= MAX_INDEX) {
    while (i < end && separates(line.charCodeAt(i))) i++;
    const start = i;
    while (i < end && !separates(line.charCodeAt(i))) i++;
    if (i === start) break;
    let word = line.slice(start, i);
    if (!hasAlnum(word)) continue;
    // (a word padded to its column's width before the colon is written before a colon too: dmesg -x's `kern  :info  : [ … ]`
    // beside `kern  :notice: [ … ]`)
    let form: LevelColumn['form'] = line[start - 1] === '[' && start > from ? '[' : line[i] === ':' || paddedBeforeColon(line, i) ? ':' : ' ';
    let numbered = false;
    const padded = paddedLetter(word);
    if (padded !== undefined) {
      word = padded;
      form = 'L';
    } else if (form === ' ') {
      const colon = levelNumberColon(line, word, i);
      if (colon >= 0) {
        form = ':';
        numbered = true;
        i = colon;
      } else if (letterBeforeMark(line, word, i)) form = 'L';
      else if (index === 0 && letterBeforeWord(line, word, start, from, i)) {
        form = 'L';
        numbered = true;
      }
    }
    if (visit(index, word, form, numbered)) return;
    index++;
  }
}

/**
 * Where the line writes a level word after `from` (its header's end), or a level letter before its
 * time (`head`: where the time starts, 0 when none), and the word: what the decoder learns a file's column from.
 */
export function findLevelColumn(line: string, from: number, head = 0): FoundColumn | undefined {
  const letter = letterBeforeTime(line, head);
  if (letter !== undefined) return { index: -1, form: 'L', word: letter };
  let found: FoundColumn | undefined;
  scanHead(line, from, (index, word, form, numbered) => {
    if (form === 'L') {
      // (numbered: a letter before a word, learned only with two letters or more)
      found = numbered ? { index, form, word, numbered } : { index, form, word };
      return true;
    }
    if (columnWordLevel(word) === undefined) return false;
    found = numbered ? { index, form, word, numbered } : { index, form, word };
    return true;
  });
  return found;
}

/** The level the line writes in the file's level column, if it writes one there (`head`: where its time starts, 0 when none). */
export function levelInColumn(line: string, from: number, column: LevelColumn, head = 0): { number: number; text: string } | undefined {
  if (column.index < 0) {
    const letter = letterBeforeTime(line, head);
    return letter === undefined ? undefined : { number: LETTER_LEVELS[letter]!, text: letter };
  }
  let level: { number: number; text: string } | undefined;
  scanHead(line, from, (index, word, form) => {
    if (index < column.index) return false;
    const n = form !== column.form ? undefined : form === 'L' ? LETTER_LEVELS[word] : column.numbered ? severityFromText(word) : column.levelsOnly ? capsLevel(word, form) : columnWordLevel(word);
    if (n !== undefined) level = { number: n, text: word };
    return true;
  });
  return level;
}

/**
 * A level word (severity.ts) written in capitals, or in brackets in any case, or one of the common
 * level words in lower case before a colon (LOWER_COLON_LEVEL: OpenSSH's `debug1: …` with `-E`,
 * BIND's `queries: info: …`): what a column of one level word holds.
 */
function capsLevel(word: string, form: LevelColumn['form']): number | undefined {
  if (form !== '[' && (word.length < 2 || word !== word.toUpperCase()) && !(form === ':' && LOWER_COLON_LEVEL.test(word))) return undefined;
  return severityFromText(word);
}

/**
 * Level words that, in lower case before a colon, are a level and not a word of a sentence (as
 * `log:`, `note:`, `fail:` or `config:` may be): syslog's, and the debug levels with their number.
 */
const LOWER_COLON_LEVEL = /^(?:trace|debug[1-9]?|info|notice|warn|warning|error|err|crit|critical|fatal|alert|emerg|panic)$/;

/** Lines past the decoder's sample the learner looks back over (the sample is learned from whole). */
export const LEVEL_COLUMN_WINDOW = 50;
/** Lines that must write the single level word in the column for it to be learned. */
const MIN_SINGLE_LEVEL_LINES = 3;
const FORMS: readonly LevelColumn['form'][] = [':', '[', ' ', 'L'];
/** A place and form as one number: the index (-1 to MAX_INDEX) and the form (FORMS). */
const keyOf = (index: number, form: LevelColumn['form']): number => (index + 1) * FORMS.length + FORMS.indexOf(form);

/** What a line says about the column: its place and form, its word's level (lower case) if a level word, the word in capitals or brackets, the word with its number. */
interface Seen {
  key: number;
  level: string | undefined;
  single: boolean;
  numbered: boolean;
}

/**
 * Learns a file's level column from its lines that begin a record: the place after the header
 * where at least half the lines write a level word, the same way (`info:`, `[info]`, `INFO`). With
 * two level words or more there (`info` and `warn`), the column's own words (winston's `http`,
 * npmlog's `sill`) are levels there too; with one only (a file whose lines are all `INFO`), only
 * that word, in capitals or brackets, on 3 lines at least: `webserver nginx INFO msg` keeps its
 * level, a word of a sentence (`http: …`, `status error …`) does not become one; or written with
 * its number (BIND's `debug 1:`, a file of debug lines), and then a level word there in any case
 * is a level (its `info:` lines further on). A letter column (capnslog's `I | …`, CUPS's
 * `E [time] …`) is learned from a level letter in the same place, so written, on half the lines
 * and 3 at least; a letter anywhere else stays a letter.
 *
 * The decoder's sample is learned from whole (observe, decide). Past it, when the sample showed
 * no column (a long banner, another layout first), each line is weighed with the LEVEL_COLUMN_WINDOW
 * lines before it (slide): memory is bounded by that window.
 */
export class LevelColumnLearner {
  private readonly seen: Seen[] = [];
  private readonly counts = new Int32Array((MAX_INDEX + 2) * FORMS.length);
  /** Next slot of the sliding window (seen is its ring once full). */
  private at = 0;

  /** Counts one line of the sample that begins a record, with where it writes a level word (findLevelColumn), if it does. */
  observe(found: FoundColumn | undefined): void {
    const s = seenOf(found);
    this.seen.push(s);
    if (s.key >= 0) this.counts[s.key]!++;
  }

  /** The column the observed lines show, if any; the learner is then emptied. */
  decide(): LevelColumn | undefined {
    let best = -1;
    for (let k = 0; k < this.counts.length; k++) if (this.counts[k]! > 0 && (best < 0 || this.counts[k]! > this.counts[best]!)) best = k;
    const column = best >= 0 ? this.columnAt(best, this.seen.length) : undefined;
    this.seen.length = 0;
    this.counts.fill(0);
    this.at = 0;
    return column;
  }

  /** Counts a line past the sample; the column once it and the lines before it (LEVEL_COLUMN_WINDOW at most) show one. */
  slide(found: FoundColumn | undefined): LevelColumn | undefined {
    const s = seenOf(found);
    if (this.seen.length < LEVEL_COLUMN_WINDOW) this.seen.push(s);
    else {
      const old = this.seen[this.at]!;
      if (old.key >= 0) this.counts[old.key]!--;
      this.seen[this.at] = s;
      this.at = (this.at + 1) % LEVEL_COLUMN_WINDOW;
    }
    if (s.key < 0) return undefined;
    this.counts[s.key]!++;
    if (this.counts[s.key]! * 2 < this.seen.length) return undefined;
    return this.columnAt(s.key, this.seen.length, true);
  }

  /**
   * The column `key` when the `lines` seen show it there (see the class's rule). Past the sample
   * (`late`), a column of bare words (no `:` nor brackets) is learned only from words in capitals:
   * a window of lines is small, and a cluster of lines ending in a lower-case `warning` or
   * `critical` (a state word of the message: HPC's `gige temperature … warning`) is no level column.
   */
  private columnAt(key: number, lines: number, late = false): LevelColumn | undefined {
    const count = this.counts[key]!;
    if (count * 2 < lines) return undefined;
    const levels = new Set<string>();
    let single = 0;
    let numbered = 0;
    for (const s of this.seen) {
      if (s.key !== key) continue;
      if (s.level !== undefined) levels.add(s.level);
      if (s.single) single++;
      if (s.numbered) numbered++;
    }
    const column: LevelColumn = { index: Math.floor(key / FORMS.length) - 1, form: FORMS[key % FORMS.length]! };
    // (a letter column: a level letter in its place on half the lines, 3 at least; its letters may be one)
    // (letters before a word, spdlog's `I server …`: only on every line, with two letters or more there; `I think`, `A user` are words)
    if (column.form === 'L') return count >= MIN_SINGLE_LEVEL_LINES && (numbered < count || (levels.size >= 2 && count === lines)) ? column : undefined;
    if (late && column.form === ' ' && single !== count) return undefined;
    if (levels.size >= 2) return column;
    if (levels.size === 1 && single === count && single >= MIN_SINGLE_LEVEL_LINES) return { ...column, levelsOnly: true };
    if (levels.size === 1 && numbered === count && numbered >= MIN_SINGLE_LEVEL_LINES) return { ...column, levelsOnly: true, numbered: true };
    return undefined;
  }
}

function seenOf(found: FoundColumn | undefined): Seen {
  if (!found) return { key: -1, level: undefined, single: false, numbered: false };
  return {
    key: keyOf(found.index, found.form),
    level: found.form === 'L' ? found.word : severityFromText(found.word) !== undefined ? found.word.toLowerCase() : undefined,
    single: found.form !== 'L' && capsLevel(found.word, found.form) !== undefined,
    numbered: found.numbered === true,
  };
}
