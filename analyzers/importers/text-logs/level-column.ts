// A file's level column: the place after the line's header where its lines write their level
// (`info: …`, `<time> SILLY\t…`, `npm verb …`, `[success] …`), learned from the file's sample by
// the text decoder. Some loggers have level words that are levels only there: in any other place
// they are words of a sentence (Go's net/http writes `http: TLS handshake error …`).
import type { LogTimeOptions } from '../common/time.js';
import { severityFromText } from '../jsonl-logs/severity.js';

/** Where a file's lines write their level. */
export interface LevelColumn {
  /** The word's place among the first words after the line's header, 0 to 2 (decoration such as `›` or `✔` is not counted). */
  index: number;
  /** How the word is written: `:` before a colon (`info:`), `[` in brackets (`[info]`), ` ` alone (`INFO\t`, `npm verb`). */
  form: ':' | '[' | ' ';
  /** Only level words (severity.ts) are levels there, not the column's own words (COLUMN_LEVELS): a column learned from one level word. */
  levelsOnly?: boolean;
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

/** Calls `visit` with the first words after `from` (up to MAX_INDEX), their place and form, until it returns true. */
function scanHead(line: string, from: number, visit: (index: number, word: string, form: LevelColumn['form']) => boolean): void {
  const end = Math.min(line.length, from + HEAD_CHARS);
  let index = 0;
  let i = from;
  while (i < end && index <= MAX_INDEX) {
    while (i < end && separates(line.charCodeAt(i))) i++;
    const start = i;
    while (i < end && !separates(line.charCodeAt(i))) i++;
    if (i === start) break;
    const word = line.slice(start, i);
    if (!hasAlnum(word)) continue;
    const form = line[start - 1] === '[' && start > from ? '[' : line[i] === ':' ? ':' : ' ';
    if (visit(index, word, form)) return;
    index++;
  }
}

/** Where the line writes a level word after `from` (its header's end), and the word: what the decoder learns a file's column from. */
export function findLevelColumn(line: string, from: number): (LevelColumn & { word: string }) | undefined {
  let found: (LevelColumn & { word: string }) | undefined;
  scanHead(line, from, (index, word, form) => {
    if (columnWordLevel(word) === undefined) return false;
    found = { index, form, word };
    return true;
  });
  return found;
}

/** The level the line writes in the file's level column, if it writes one there. */
export function levelInColumn(line: string, from: number, column: LevelColumn): { number: number; text: string } | undefined {
  let level: { number: number; text: string } | undefined;
  scanHead(line, from, (index, word, form) => {
    if (index < column.index) return false;
    const n = form !== column.form ? undefined : column.levelsOnly ? capsLevel(word, form) : columnWordLevel(word);
    if (n !== undefined) level = { number: n, text: word };
    return true;
  });
  return level;
}

/** A level word (severity.ts) written in capitals, or in brackets in any case: what a column of one level word holds. */
function capsLevel(word: string, form: LevelColumn['form']): number | undefined {
  if (form !== '[' && (word.length < 2 || word !== word.toUpperCase())) return undefined;
  return severityFromText(word);
}

/** Lines past the decoder's sample the learner looks back over (the sample is learned from whole). */
export const LEVEL_COLUMN_WINDOW = 50;
/** Lines that must write the single level word in the column for it to be learned. */
const MIN_SINGLE_LEVEL_LINES = 3;
const FORMS: readonly LevelColumn['form'][] = [':', '[', ' '];

/** What a line says about the column: its place and form, its word's level (lower case) if a level word, the word in capitals or brackets. */
interface Seen {
  key: number;
  level: string | undefined;
  single: boolean;
}

/**
 * Learns a file's level column from its lines that begin a record: the place after the header
 * where at least half the lines write a level word, the same way (`info:`, `[info]`, `INFO`). With
 * two level words or more there (`info` and `warn`), the column's own words (winston's `http`,
 * npmlog's `sill`) are levels there too; with one only (a file whose lines are all `INFO`), only
 * that word, in capitals or brackets, on 3 lines at least: `webserver nginx INFO msg` keeps its
 * level, a word of a sentence (`http: …`, `status error …`) does not become one.
 *
 * The decoder's sample is learned from whole (observe, decide). Past it, when the sample showed
 * no column (a long banner, another layout first), each line is weighed with the LEVEL_COLUMN_WINDOW
 * lines before it (slide): memory is bounded by that window.
 */
export class LevelColumnLearner {
  private readonly seen: Seen[] = [];
  private readonly counts = new Int32Array(MAX_INDEX * 3 + 3);
  /** Next slot of the sliding window (seen is its ring once full). */
  private at = 0;

  /** Counts one line of the sample that begins a record, with where it writes a level word (findLevelColumn), if it does. */
  observe(found: (LevelColumn & { word: string }) | undefined): void {
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
  slide(found: (LevelColumn & { word: string }) | undefined): LevelColumn | undefined {
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
    for (const s of this.seen) {
      if (s.key !== key) continue;
      if (s.level !== undefined) levels.add(s.level);
      if (s.single) single++;
    }
    const column: LevelColumn = { index: Math.floor(key / 3), form: FORMS[key % 3]! };
    if (late && column.form === ' ' && single !== count) return undefined;
    if (levels.size >= 2) return column;
    if (levels.size === 1 && single === count && single >= MIN_SINGLE_LEVEL_LINES) return { ...column, levelsOnly: true };
    return undefined;
  }
}

function seenOf(found: (LevelColumn & { word: string }) | undefined): Seen {
  if (!found) return { key: -1, level: undefined, single: false };
  return {
    key: found.index * 3 + FORMS.indexOf(found.form),
    level: severityFromText(found.word) !== undefined ? found.word.toLowerCase() : undefined,
    single: capsLevel(found.word, found.form) !== undefined,
  };
}
