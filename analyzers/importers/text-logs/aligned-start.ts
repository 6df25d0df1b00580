// Lines whose first column a logger pads on the left, so that a line that begins a record may begin
// with spaces, which elsewhere mark a line that continues the record above:
// - a level right-aligned to the width of the longest level word: tracing-subscriber's Full and
//   Compact formats without a time (`.without_time()`: `TRACE msg`, ` INFO msg`), apex/log's text
//   handler (` DEBUG[0000] msg`, `  INFO[0000] msg`);
// - a margin every record's line is indented by, under which a multi-line message's own lines may
//   begin at column 0: tracing-subscriber's Pretty format (`  2026-…Z  INFO app: msg`) and its
//   uptime timer (`   0.000191755s  INFO app: msg`), where `info!("a\nb")` writes `b` unindented.
import { severityFromText } from '../jsonl-logs/severity.js';

/** A line's left padding, then an upper-case level word (`INFO`, `WARN`, `DEBUG`…), ended by a space, `[`, `:` or the line's end. */
const PADDED_LEVEL = /^( {0,4})([A-Z]{3,8})(?=[ [:]|$)/;

/**
 * The width a file right-aligns its lines' level words to (the padding and the word: 5 for
 * `TRACE` / ` INFO`), or 0 when the lines show none: at least three lines begin with a level word,
 * padded to the same width, and at least one of them is padded and one less (or not) padded.
 */
export function paddedLevelWidth(texts: readonly string[]): number {
  let width = 0;
  let lines = 0;
  const pads = new Set<number>();
  for (const t of texts) {
    const m = PADDED_LEVEL.exec(t);
    if (!m || severityFromText(m[2]!) === undefined) continue;
    const w = m[1]!.length + m[2]!.length;
    if (width === 0) width = w;
    else if (w !== width) return 0;
    pads.add(m[1]!.length);
    lines++;
  }
  return lines >= 3 && pads.size >= 2 && [...pads].some((p) => p > 0) ? width : 0;
}

/** `text` begins with a level word padded on the left to `width` (see paddedLevelWidth): a record's first line, however it is indented. */
export function padsLevel(text: string, width: number): boolean {
  if (width === 0 || text.charCodeAt(0) !== 32) return false;
  const m = PADDED_LEVEL.exec(text);
  return m !== null && m[1]!.length + m[2]!.length === width && severityFromText(m[2]!) !== undefined;
}

/**
 * The spaces (1 to `max`) every line that may begin a record is indented by, 0 when there is no
 * such margin. A line indented by less that cannot begin a record (`canStart` false: no time, no
 * level) is a multi-line message's line at column 0, not evidence against the margin, while such
 * lines are fewer than a fifth of the lines and most lines at the margin can begin one (else the
 * indented lines are what continues the unindented ones: a list, a dump); `noMargin` lines (a
 * Python exception group's head) rule a margin out.
 */
export function marginOf(texts: readonly string[], max: number, canStart: (text: string) => boolean, noMargin: (text: string, indent: number) => boolean): number {
  if (texts.length === 0) return 0;
  let margin = max;
  const under: string[] = [];
  const indents = texts.map((t) => {
    let n = 0;
    while (n < max && t.charCodeAt(n) === 32) n++;
    return n;
  });
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    const n = indents[i]!;
    if (noMargin(t, n)) return 0;
    if (n >= margin) continue;
    if (n === 0 && !canStart(t)) under.push(t);
    else if (n === 0) return 0;
    else margin = n;
  }
  if (under.length === 0) return margin;
  if (under.length * 5 >= texts.length) return 0;
  let at = 0;
  let starting = 0;
  for (let i = 0; i < texts.length; i++) {
    if (indents[i] !== margin) continue;
    at++;
    if (canStart(texts[i]!.slice(margin))) starting++;
  }
  return starting * 2 > at ? margin : 0;
}
