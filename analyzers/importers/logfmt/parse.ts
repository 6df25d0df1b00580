// logfmt line grammar: `key=value key2="quoted value"` after an optional free-text prefix. Shared
// by the logfmt importer and by importers whose records carry a logfmt line (Loki, CloudWatch).
export interface LogfmtLine {
  /** Text before the first key=value pair (trimmed), '' when the line starts with a pair. */
  prefix: string;
  pairs: Record<string, string>;
  count: number;
  /** The key of a quoted value the line ends inside (no closing quote): the rest of the line was taken as its value. */
  unterminated?: string;
}

const KEY_CHAR = /[A-Za-z0-9_.\-@/:[\]]/;

/** Split one logfmt line. Values may be "double quoted" with backslash escapes. */
export function parseLogfmt(line: string): LogfmtLine {
  const pairs: Record<string, string> = {};
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
      if (line[i] === '"') {
        const q = skipQuoted(line, i);
        value = q.value;
        i = q.end;
        if (!q.closed) unterminated = key;
      } else {
        const vs = i;
        while (i < n && line[i] !== ' ' && line[i] !== '\t') i++;
        value = line.slice(vs, i);
      }
      if (prefixEnd === -1) prefixEnd = start;
      setPair(pairs, key, value);
      count++;
      continue;
    }
    // not a pair: a bare word (prefix text, or a flag key between pairs)
    while (i < n && line[i] !== ' ' && line[i] !== '\t') i++;
    if (prefixEnd !== -1 && i > start && /^[A-Za-z_][\w.-]*$/.test(line.slice(start, i))) {
      setPair(pairs, line.slice(start, i), 'true');
      count++;
    }
  }
  const out: LogfmtLine = { prefix: (prefixEnd === -1 ? line : line.slice(0, prefixEnd)).trim(), pairs, count };
  if (unterminated !== undefined) out.unterminated = unterminated;
  return out;
}

/** `__proto__=x` is a pair like any other (plain assignment would set the object's prototype). */
function setPair(pairs: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(pairs, key, { value, enumerable: true, writable: true, configurable: true });
  else pairs[key] = value;
}

function skipQuoted(line: string, at: number): { value: string; end: number; closed: boolean } {
  let i = at + 1;
  let value = '';
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      const next = line[i + 1]!;
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      i += 2;
      continue;
    }
    if (ch === '"') return { value, end: i + 1, closed: true };
    value += ch;
    i++;
  }
  return { value, end: i, closed: false }; // unterminated: take the rest
}
