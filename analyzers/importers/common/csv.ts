// Incremental CSV reading: we frame records ourselves (quote-aware, so a quoted field may span
// lines and we know each record's first line), and papaparse parses the fields of each batch.
import Papa from 'papaparse';
import { LineSplitter } from './lines.js';
import { MAX_LINE_BYTES } from '../types.js';

export interface CsvHandler {
  header(fields: string[], line: number, offset: number): void;
  row(fields: string[], line: number, offset: number): void;
  /** A record papaparse could not read (e.g. unbalanced quotes at end of input). */
  bad(line: number, offset: number, message: string): void;
  tooLong?(line: number, offset: number): void;
  /** A problem that costs no record (the header's quote never closed, the header read anyway); `bad` when absent. */
  note?(line: number, offset: number, message: string): void;
  /**
   * A line with bytes that are not UTF-8 (read with U+FFFD): the line of the bad bytes (in a
   * record over several lines, that line, not the record's first) and its first byte. Given in
   * line order among the other calls: after the record that starts before it, before the next.
   */
  invalidUtf8?(line: number, offset: number): void;
}

const BATCH_CHARS = 256 * 1024;

/** Pick the delimiter with the most occurrences outside quotes in a header line. */
export function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const d of Object.keys(counts)) if (counts[d]! > counts[best]!) best = d;
  return best;
}

/**
 * Excel's delimiter directive `sep=,` (or `sep=;`, tab…) as the first line — Grafana's "Download
 * for Excel" and many spreadsheet exports write it (after a BOM) above the header. Returns the
 * delimiter and the text after that line; undefined when there is no such line. PowerShell's
 * `#TYPE` line above an Export-Csv header is read past the same way (no delimiter).
 */
export function excelSepLine(text: string): { delimiter?: string; rest: string } | undefined {
  const m = /^\uFEFF?"?sep=([^\r\n"])"?[ \t]*\r?(?:\n|$)/.exec(text);
  if (m) return { delimiter: m[1]!, rest: text.slice(m[0].length) };
  // Windows PowerShell 5.1's Export-Csv writes the exported objects' type first (`#TYPE System.…`)
  const t = /^\uFEFF?#TYPE [^\r\n]*\r?(?:\n|$)/.exec(text);
  return t ? { rest: text.slice(t[0].length) } : undefined;
}

/**
 * Whether a record is still inside a quoted field at the end of line `s` (RFC 4180, read leniently
 * as papaparse does): only a `"` that opens a field (at the start of the line or right after a
 * delimiter) starts a quoted field; a `"` inside an unquoted field (`27" model`) is a literal. In a
 * quoted field `""` is an escaped quote and a lone `"` closes it. `open` is the state at the start of
 * the line (a quoted field continued from the line before). Without a delimiter yet (the header),
 * any of the candidate delimiters ends a field.
 */
export function endsInsideQuotes(s: string, open: boolean, delimiter: string | undefined): boolean {
  let i = 0;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q === -1) return open;
    if (open) {
      if (s.charCodeAt(q + 1) === 0x22) {
        i = q + 2; // `""`: an escaped quote inside the quoted field
        continue;
      }
      open = false; // the closing quote
      i = q + 1;
      continue;
    }
    // A quote outside a quoted field opens one only at the start of a field. After a closing quote
    // (i > 0) the rest of that field is literal text, so q === i > 0 is not a field start.
    if (q === 0 || isDelimiter(s[q - 1]!, delimiter)) open = true;
    i = q + 1;
  }
}

function isDelimiter(ch: string, delimiter: string | undefined): boolean {
  return delimiter === undefined ? ch === ',' || ch === '\t' || ch === ';' || ch === '|' : ch === delimiter;
}

/**
 * The records of whole CSV lines (a sniff window), framed as CsvReader frames them, each parsed on
 * its own: a quote that opens on a line and does not close in these lines (a stray `"` in the
 * header or a row) costs that line its quoting (its quotes are read as text), not every line after
 * it, as one parse of the window did (the whole window one cell: the file was not recognised).
 */
export function parseCsvLines(body: string, delimiter: string): string[][] {
  const lines = body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines[lines.length - 1] === '') lines.pop();
  const rows: string[][] = [];
  const parse = (text: string) => {
    if (text !== '') rows.push(Papa.parse<string[]>(text, { delimiter, header: false }).data[0] ?? []);
  };
  for (let i = 0; i < lines.length; ) {
    let open = false;
    let j = i;
    do open = endsInsideQuotes(lines[j++]!, open, delimiter);
    while (open && j < lines.length);
    if (open) {
      parse(lines[i]!.replace(/"/g, ''));
      i++;
    } else {
      parse(lines.slice(i, j).join('\n'));
      i = j;
    }
  }
  return rows;
}

/**
 * Lines one record may span (a quoted message of many lines): past this the opening quote is taken
 * as unbalanced, as past MAX_LINE_BYTES. Each held line is a string of its own: 12 million lines in
 * one field held 12 million of them (700 MB for a 24 MB file).
 */
const MAX_RECORD_LINES = 100_000;

export class CsvReader {
  private readonly lines: LineSplitter;
  private delimiter: string | undefined;

  /** The delimiter in use (known once the header was read). */
  get delimiterInUse(): string | undefined {
    return this.delimiter;
  }
  private sawHeader = false;
  private firstRecord = true;
  // current record being framed
  private recParts: string[] = [];
  /** Byte offset of each line of the record being framed (its lines are consecutive). */
  private recOffsets: number[] = [];
  private recChars = 0;
  private recLine = 0;
  private recOffset = 0;
  /** The record being framed is inside a quoted field at the end of its last line. */
  private recOpen = false;
  // batch of complete records
  private batch: string[] = [];
  private batchLines: number[] = [];
  private batchOffsets: number[] = [];
  private batchChars = 0;
  /** Lines with bytes that are not UTF-8 not given to the handler yet (line, offset pairs), held so errors keep line order. */
  private badUtf8: number[] = [];
  private readonly handler: CsvHandler;

  constructor(handler: CsvHandler, delimiter?: string) {
    this.delimiter = delimiter;
    const upTo = (line: number): void => {
      if (this.badUtf8.length > 0) this.badUtf8Upto(line);
    };
    // Every call to the handler first gives the bad lines up to its line.
    this.handler = {
      header: (fields, line, offset) => (upTo(line), handler.header(fields, line, offset)),
      row: (fields, line, offset) => (upTo(line), handler.row(fields, line, offset)),
      bad: (line, offset, message) => (upTo(line), handler.bad(line, offset, message)),
      tooLong: (line, offset) => (upTo(line), handler.tooLong?.(line, offset)),
      note: handler.note && ((line, offset, message) => (upTo(line), handler.note!(line, offset, message))),
    };
    this.lines = new LineSplitter({
      line: (text, line, offset) => this.onLine(text, line, offset),
      tooLong: (line, offset) => this.handler.tooLong?.(line, offset),
      invalidUtf8: handler.invalidUtf8 && ((line, offset) => this.badUtf8.push(line, offset)),
    });
    this.onBadUtf8 = handler.invalidUtf8;
  }

  private readonly onBadUtf8: CsvHandler['invalidUtf8'];

  /** Give the held bad lines up to `line` (all of them for Infinity). */
  private badUtf8Upto(line: number): void {
    const held = this.badUtf8;
    let i = 0;
    for (; i < held.length && held[i]! <= line; i += 2) this.onBadUtf8!(held[i]!, held[i + 1]!);
    if (i > 0) this.badUtf8 = held.slice(i);
  }

  get linesSeen(): number {
    return this.lines.linesSeen;
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
    // Rows before the truncated record first, so errors and rows stay in line order.
    this.flush();
    // Unbalanced quote at end of input: a quote opened and never closed (a stray `"` at the start
    // of a field, or a file cut inside a quoted field). Its first line is reported; the lines
    // after it are read again as records, so one stray quote does not take the rest of the file.
    while (this.recParts.length > 0) {
      if (!this.sawHeader && this.recParts.length > 1) {
        this.headerWithStrayQuote();
        this.flush();
        continue;
      }
      if (!this.heldLinesAreRecords()) {
        // a file cut inside a quoted field (a message over several lines): one truncated record
        this.handler.bad(this.recLine, this.recOffset, 'input ends inside a quoted field');
        this.recParts = [];
        this.recOffsets = [];
        break;
      }
      this.reframe('input ends inside a quoted field (a quote opened on this line is never closed); the lines after it are read as records');
      this.flush();
    }
    if (this.badUtf8.length > 0) this.badUtf8Upto(Infinity);
  }

  /** Fields of the header (0 before it). */
  private headerFields = 0;

  /** Some line after the first of the held record has a whole row's delimiters: rows were swallowed by a stray quote. */
  private heldLinesAreRecords(): boolean {
    if (this.headerFields < 2 || this.delimiter === undefined) return false;
    const d = this.delimiter;
    return this.recParts.slice(1).some((l) => l.split(d).length >= this.headerFields);
  }

  /**
   * The header's quote never closes (a stray `"` in the first line, `"timestamp,cpu,mem`): its first
   * line is the header, read with its quotes as text (taking the next line as the header named
   * series after a data row's values; keeping the quote lost every row); its other lines are framed
   * again as rows. Said once; no record is lost.
   */
  private headerWithStrayQuote(): void {
    const parts = this.recParts;
    const offsets = this.recOffsets;
    const line = this.recLine;
    this.recParts = [];
    this.recOffsets = [];
    const text = parts[0]!;
    const first = this.firstRecord ? excelSepLine(text) : undefined;
    this.firstRecord = false;
    if (first !== undefined && first.rest === '') this.delimiter ??= first.delimiter;
    else {
      this.sawHeader = true;
      this.delimiter ??= detectDelimiter(text.replace(/"/g, ''));
      const fields = text.split(this.delimiter).map((h) => h.replace(/"/g, '').trim().replace(/^\uFEFF/, ''));
      this.headerFields = fields.length;
      const message = 'the header has a quote that is never closed; read as the header with its quotes as text, the lines after it as rows';
      if (this.handler.note) this.handler.note(line, offsets[0]!, message);
      else this.handler.bad(line, offsets[0]!, message);
      this.handler.header(fields, line, offsets[0]!);
    }
    for (let i = 1; i < parts.length; i++) this.onLine(parts[i]!, line + i, offsets[i]!);
  }

  /**
   * A record of 5 or more lines whose every line between the first and the last has exactly the
   * header's delimiters (3 or more fields), and no quote: rows swallowed by a stray quote, not a
   * message over several lines (a stack trace or JSON has not that many delimiters on every line).
   */
  private swallowedRows(): boolean {
    const parts = this.recParts;
    if (parts.length < 5 || this.headerFields < 3 || this.delimiter === undefined) return false;
    const d = this.delimiter;
    for (let i = 1; i < parts.length - 1; i++) {
      const l = parts[i]!;
      if (l.includes('"') || l.split(d).length !== this.headerFields) return false;
    }
    return true;
  }

  /** The record being framed is not one: its first line is bad, its other lines are framed again. */
  private reframe(message: string): void {
    const parts = this.recParts;
    const offsets = this.recOffsets;
    const line = this.recLine;
    this.recParts = [];
    this.recOffsets = [];
    this.handler.bad(line, offsets[0]!, message);
    for (let i = 1; i < parts.length; i++) this.onLine(parts[i]!, line + i, offsets[i]!);
  }

  private onLine(text: string, line: number, offset: number): void {
    if (this.recParts.length === 0) {
      if (text === '' ) return; // blank line between records
      this.recLine = line;
      this.recOffset = offset;
      this.recOpen = false;
      this.recChars = 0;
    }
    this.recParts.push(text);
    this.recOffsets.push(offset);
    this.recChars += text.length + 1;
    this.recOpen = endsInsideQuotes(text, this.recOpen, this.delimiter);
    if (this.recChars > MAX_LINE_BYTES || this.recParts.length > MAX_RECORD_LINES) {
      if (this.recParts.length === 1) {
        this.handler.bad(this.recLine, this.recOffset, `record longer than ${MAX_LINE_BYTES} bytes`);
        this.recParts = [];
        this.recOffsets = [];
      } else if (!this.sawHeader) this.headerWithStrayQuote();
      else this.reframe(`a quoted field opened on this line runs past ${this.recChars > MAX_LINE_BYTES ? `${MAX_LINE_BYTES} bytes` : `${MAX_RECORD_LINES.toLocaleString('en-US')} lines`}: the quote is taken as unbalanced; the lines after it are read as records`);
      return;
    }
    if (this.recOpen) return; // inside a quoted field that continues on the next line
    if (this.swallowedRows()) {
      // A quote opened by mistake closed by the next stray quote many lines later: the lines
      // between are rows, not one field's text.
      this.reframe('a quoted field opened on this line spans lines that are rows of their own (a stray quote, closed by another one lines later): the quote is taken as unbalanced; the lines after it are read as records');
      return;
    }
    const record = this.recParts.join('\n');
    this.recParts = [];
    this.recOffsets = [];
    if (!this.sawHeader) {
      const sep = this.firstRecord ? excelSepLine(record) : undefined;
      this.firstRecord = false;
      if (sep !== undefined && sep.rest === '') {
        this.delimiter ??= sep.delimiter; // Excel's `sep=X` line: the delimiter, not the header (PowerShell's `#TYPE` line: nothing)
        return;
      }
      this.sawHeader = true;
      this.delimiter ??= detectDelimiter(record);
      const parsed = Papa.parse<string[]>(record, { delimiter: this.delimiter, header: false });
      this.headerFields = parsed.data[0]?.length ?? 0;
      this.handler.header((parsed.data[0] ?? []).map((h) => h.trim().replace(/^\uFEFF/, '')), this.recLine, this.recOffset);
      return;
    }
    this.batch.push(record);
    this.batchLines.push(this.recLine);
    this.batchOffsets.push(this.recOffset);
    this.batchChars += record.length;
    if (this.batchChars >= BATCH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    const lines = this.batchLines;
    const offsets = this.batchOffsets;
    this.batch = [];
    this.batchLines = [];
    this.batchOffsets = [];
    this.batchChars = 0;
    // Records are framed already, so one parse per batch; row i is record i.
    const parsed = Papa.parse<string[]>(batch.join('\n'), { delimiter: this.delimiter!, header: false, skipEmptyLines: false });
    if (parsed.data.length === batch.length) {
      for (let i = 0; i < batch.length; i++) this.handler.row(parsed.data[i]!, lines[i]!, offsets[i]!);
      return;
    }
    // Row count disagrees (malformed quoting): parse one by one to attribute errors precisely.
    for (let i = 0; i < batch.length; i++) {
      const one = Papa.parse<string[]>(batch[i]!, { delimiter: this.delimiter!, header: false });
      if (one.data.length === 1 && one.errors.length === 0) this.handler.row(one.data[0]!, lines[i]!, offsets[i]!);
      else this.handler.bad(lines[i]!, offsets[i]!, one.errors[0]?.message ?? 'malformed CSV record');
    }
  }
}

/** The header row again (CSV exports joined with `cat`): two rows of more than one cell with the same cells. */
export function sameRow(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.length > 1 && a.every((x, i) => x.trim() === b[i]!.trim());
}
