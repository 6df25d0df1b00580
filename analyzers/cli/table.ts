// Plain-text tables for the terminal (no colours when not a TTY).

/** Control characters (a newline or an ANSI escape in a file name) shown visibly, never obeyed. */
export function visible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** Terminal columns of a string: East Asian wide and fullwidth characters take two, combining marks none. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1f64f) ||
      (c >= 0x1f900 && c <= 0x1f9ff) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

/** Characters of table text gathered before a piece is handed out. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A table's text in pieces of whole lines (~64 KB each), for tables of any length: `rows` is
 * called twice, once to measure the columns and once to write them, so no row is kept in between
 * (a table of 200,000 inputs was 16 MB of text and 1.4 million cell strings at once).
 */
export function* tableChunks(headers: string[], rows: () => Iterable<string[]>, align: ('l' | 'r')[] = []): Generator<string> {
  const widths = headers.map((h) => displayWidth(h));
  for (const r of rows()) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, displayWidth(visible(r[i] ?? '')));
  const pad = (c: string, w: number, right: boolean): string => {
    const fill = ' '.repeat(Math.max(0, w - displayWidth(c)));
    return right ? fill + c : c + fill;
  };
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, align[i] === 'r'))
      .join('  ')
      .trimEnd();
  let buf = fmt(headers) + '\n' + widths.map((w) => '─'.repeat(w)).join('  ') + '\n';
  for (const r of rows()) {
    buf += fmt(r.map((c) => visible(c ?? ''))) + '\n';
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield buf;
}
