// logfmt line grammar: `key=value key2="quoted value"` after an optional free-text prefix (a value
// may be quoted in single quotes too, as Python's repr writes it). Shared
// by the logfmt importer and by importers whose records carry a logfmt line (Loki, CloudWatch).
import { MAX_RECORD_ATTRIBUTES } from '../../model/index.js';
import { KeyBound } from '../common/key-bound.js';

export interface LogfmtLine {
  /** Text before the first key=value pair (trimmed), '' when the line starts with a pair. */
  prefix: string;
  pairs: Record<string, string>;
  count: number;
  /** The key of a quoted value the line ends inside (no closing quote): the rest of the line was taken as its value. */
  unterminated?: string;
  /** Set when `pairs` was bounded (see parseLogfmt): the keys left out, and how many. */
  bound?: KeyBound;
}

const KEY_CHAR = /[A-Za-z0-9_.\-@/:[\]]/;

/**
 * Split one logfmt line. Values may be "double quoted" or 'single quoted' with backslash escapes. With `needed` (the
 * keys the record's mapping reads by name), a line of more than MAX_RECORD_ATTRIBUTES keys keeps
 * only the ones KeyBound keeps in `pairs`: a million-pair line no longer builds a million pairs.
 */
export function parseLogfmt(line: string, needed?: (key: string) => boolean): LogfmtLine {
  const pairs: Record<string, string> = {};
  let bound: KeyBound | undefined;
  const put = (key: string, value: string, at: number): void => {
    if (needed !== undefined && (bound !== undefined || count >= MAX_RECORD_ATTRIBUTES) && !Object.prototype.hasOwnProperty.call(pairs, key)) {
      bound ??= new KeyBound(needed, (p) => keyAt(line, p), Object.keys(pairs));
      if (!bound.store(key)) {
        bound.drop(key, at);
        return;
      }
    }
    setPair(pairs, key, value);
  };
  let count = 0;
  let prefixEnd = -1;
  let unterminated: string | undefined;
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    const start = i;
    if (line[i] === '"') {
      // quoted free text (klog message) — skip it as part of the prefix
      i = skipQuoted(line, i).end;
      continue;
    }
    while (i < n && KEY_CHAR.test(line[i]!)) i++;
    if (i > start && line[i] === '=') {
      const key = line.slice(start, i);
      i++;
      let value: string;
      const single = line[i] === "'" ? skipQuoted(line, i, 39) : undefined;
      if (line[i] === '"') {
        const q = skipQuoted(line, i);
        value = q.value;
        i = q.end;
        if (!q.closed) unterminated = key;
      } else if (single !== undefined && single.closed && (single.end === n || line[single.end] === ' ' || line[single.end] === '\t')) {
        // Python's repr of a string (structlog's KeyValueRenderer: `event='cache warmed'`): quoted
        // in single quotes, backslash escapes as in double ones; a value whose quote closes only
        // inside a word (`name='a'b`) or never (`note='it`) is bare, quotes and all.
        value = single.value;
        i = single.end;
      } else {
        const vs = i;
        while (i < n && line[i] !== ' ' && line[i] !== '\t') i++;
        value = line.slice(vs, i);
      }
      if (prefixEnd === -1) prefixEnd = start;
      put(key, value, start);
      count++;
      continue;
    }
    // not a pair: a bare word (prefix text, or a flag key between pairs)
    while (i < n && line[i] !== ' ' && line[i] !== '\t') i++;
    if (prefixEnd !== -1 && i > start && /^[A-Za-z_][\w.-]*$/.test(line.slice(start, i))) {
      put(line.slice(start, i), 'true', start);
      count++;
    }
  }
  const out: LogfmtLine = { prefix: (prefixEnd === -1 ? line : line.slice(0, prefixEnd)).trim(), pairs, count };
  if (unterminated !== undefined) out.unterminated = unterminated;
  if (bound !== undefined && bound.dropped > 0) out.bound = bound;
  return out;
}

/** The key that starts at `at` (a pair's key, or a bare word: both runs of key characters). */
function keyAt(line: string, at: number): string {
  let i = at;
  while (i < line.length && KEY_CHAR.test(line[i]!)) i++;
  return line.slice(at, i);
}

/** `__proto__=x` is a pair like any other (plain assignment would set the object's prototype). */
function setPair(pairs: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(pairs, key, { value, enumerable: true, writable: true, configurable: true });
  else pairs[key] = value;
}

/** The quoted value at `at` (its opening quote, `quote` the quote's code: `"` unless told). */
function skipQuoted(line: string, at: number, quote = 34): { value: string; end: number; closed: boolean } {
  // The value is built from slices between escapes, not a character at a time: a 60 MB quoted
  // value concatenated char by char became a rope of 60 million nodes (gigabytes). Slices are
  // joined a block at a time, so a value of millions of escapes holds no array of millions.
  const blocks: string[] = [];
  let parts: string[] = [];
  const add = (s: string): void => {
    parts.push(s);
    if (parts.length >= 4096) {
      blocks.push(parts.join(''));
      parts = [];
    }
  };
  const value = (): string => {
    if (blocks.length === 0) return parts.length === 1 ? parts[0]! : parts.join('');
    blocks.push(parts.join(''));
    return blocks.join('');
  };
  let from = at + 1;
  let i = from;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 92 /* \\ */ && i + 1 < n) {
      if (i > from) add(line.slice(from, i));
      const next = line[i + 1]!;
      add(next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next);
      i += 2;
      from = i;
      continue;
    }
    if (c === quote) {
      if (i > from) add(line.slice(from, i));
      return { value: value(), end: i + 1, closed: true };
    }
    i++;
  }
  if (n > from) add(line.slice(from, n));
  return { value: value(), end: n, closed: false }; // unterminated: take the rest
}
