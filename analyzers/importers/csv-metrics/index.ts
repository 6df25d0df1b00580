// Metrics in CSV (wide: time + one column per series; long: time, name, value, labels).
import Papa from 'papaparse';
import { detectDelimiter, excelSepLine, parseCsvLines } from '../common/csv.js';
import type { FormatSpec, SniffInput } from '../types.js';
import { createCsvMetricsDecoder, PLAN_ROWS } from './decoder.js';
import { ambiguousDatesMessage, headerKey, isTimeHeader, otherSignalOf, planColumns, type ColumnPlan } from './columns.js';

/**
 * A header with a time column and mostly numeric other columns, or time + name + value.
 * Span CSVs (trace/span id columns) and log CSVs (a message/log/body column) are refused, and
 * the confidence stays modest (≤ 0.7) so the span/log CSV importers win wherever they apply.
 */
/**
 * A file that is only a header (a Grafana panel downloaded with no data in its range): a CSV of
 * metrics when it names a time column and others, none of them a log's or a span's — so it is
 * reported as a CSV without data rows, not read as a one-line text log.
 */
/** A header names a span's or a log's columns (the decoder's own notion; a level column is a log's too). */
function namesOtherSignal(header: string[]): boolean {
  return otherSignalOf(header.map((h) => headerKey(h).replace(/_/g, ''))) !== undefined || header.some((h) => /^(?:level|severity)$/i.test(h));
}

function headerOnlyScore(row: string[]): number {
  const header = row.map((h) => h.trim());
  if (header.length < 2 || header.some((h) => h === '' || h.length > 200)) return 0;
  if (!header.some(isTimeHeader) || namesOtherSignal(header)) return 0;
  return 0.4;
}

/**
 * A header longer than the sniff window (a Grafana or Prometheus export of thousands of series,
 * each column named by its whole label set): there is no data row to plan the columns with, so the
 * header's cells before the cut decide — a time column first, many columns, none of them a span's
 * or a log's. Such a file was read as one log record per row.
 */
function cutHeaderScore(text: string, sepDelimiter: string | undefined): number {
  if (/^[[{#]/.test(text)) return 0;
  const delimiter = sepDelimiter ?? detectDelimiter(text);
  const row = Papa.parse<string[]>(text, { delimiter, header: false }).data[0];
  if (row === undefined) return 0;
  const header = row.slice(0, -1).map((h) => h.trim()); // the last cell is cut
  if (header.length < 16 || header.some((h) => h === '' || h.length > 1000) || !isTimeHeader(header[0]!)) return 0;
  if (namesOtherSignal(header)) return 0;
  return 0.62;
}

/** A cell that is a date with a time of day (`2023-11-14 22:13:20`, `2023-11-14T22:13`, `11/14/2023 10:13`): data, not a column name. */
const DATE_TIME_CELL = /(?:^|\D)(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\d{1,2}\/\d{1,2}\/\d{4},? \d{1,2}:\d\d)/;
/** A cell that is an epoch time (seconds, maybe with a fraction; milli-, micro-, nanoseconds): data, not a column name. */
const EPOCH_CELL = /^(?:\d{10}(?:\.\d{1,9})?|\d{13}|\d{16}|\d{19})$/;

export function sniffCsvMetrics(input: SniffInput): number {
  return planHead(input).score;
}

/**
 * A CSV that would be metrics but for its slashed dates, whose order no cell of the head tells:
 * why it is not read (for the "unrecognised" message), else undefined.
 */
export function ambiguousCsvDates(input: SniffInput): string | undefined {
  const { plan, header } = planHead(input);
  return plan?.reject === 'ambiguous-dates' && plan.ambiguous && header ? ambiguousDatesMessage(header[plan.ambiguous.column]!, plan.ambiguous.example) : undefined;
}

/** The head's column plan and how much it looks like a metrics CSV. */
function planHead(input: SniffInput): { score: number; plan?: ColumnPlan; header?: string[] } {
  const score = (n: number) => ({ score: n });
  // InfluxDB annotation rows (#group/#datatype/#default) above the header are skipped.
  let text = input.text.replace(/^\uFEFF/, '');
  const sep = excelSepLine(text);
  if (sep) text = sep.rest;
  const annotated = /^#(?:group|datatype|default)[,;\t]/.test(text);
  text = text.replace(/^(?:#(?:group|datatype|default)[,;\t][^\n]*\n)+/, '');
  const firstNl = text.indexOf('\n');
  if (firstNl === -1 && !input.complete) return score(cutHeaderScore(text, sep?.delimiter));
  // A header written as a comment (`# hostname;interval;timestamp;…`, sysstat's `sadf -d`) loses its `# `.
  const commented = /^# [A-Za-z_][^\n]*[;,\t]/.test(text);
  if (commented) text = text.slice(2);
  const headerLine = (firstNl === -1 ? text : text.slice(0, firstNl)).replace(/\r$/, '');
  if (headerLine.startsWith('{') || headerLine.startsWith('[') || headerLine.startsWith('#')) return score(0);
  const delimiter = sep?.delimiter ?? detectDelimiter(headerLine);
  if (!headerLine.includes(delimiter)) return score(0);
  // Only whole lines of the sniff window, and a bounded number of them.
  let body = text;
  if (!input.complete) body = body.slice(0, body.lastIndexOf('\n') + 1);
  if (annotated || headerLine.startsWith(',result,table,')) {
    // An InfluxDB result's later tables (after a blank line, with their own annotations and
    // header) may have other columns: only the first table is looked at.
    const end = body.search(/\n(?:\r?\n|#(?:group|datatype|default),)/);
    if (end !== -1) body = body.slice(0, end + 1);
  }
  if (commented) {
    // sysstat's `sadf -d` of several activities: each has its own commented header and columns;
    // only the first table is looked at.
    const end = body.indexOf('\n# ');
    if (end !== -1) body = body.slice(0, end + 1);
  }
  // Tables joined in one file, each with its header (`influx -format csv` of two measurements,
  // `cat a.csv b.csv`): only the first table is looked at, as the decoder reads each with its own
  // header (see its isHeaderAgain).
  const firstCell = headerLine.split(delimiter, 1)[0]!;
  if (/^[A-Za-z_][\w .\-()[\]]*$/.test(firstCell)) {
    const again = body.indexOf(`\n${firstCell}${delimiter}`, headerLine.length);
    if (again !== -1) body = body.slice(0, again + 1);
  }
  let cut = -1;
  for (let n = 0; n <= PLAN_ROWS; n++) {
    cut = body.indexOf('\n', cut + 1);
    if (cut === -1) break;
  }
  if (cut !== -1) body = body.slice(0, cut + 1);
  // Framed line by line: a stray quote in row 1 (or the header) costs that line, not the window.
  const rows = parseCsvLines(body, delimiter);
  if (rows.length === 1 && input.complete) return score(headerOnlyScore(rows[0]!));
  if (rows.length < 2) return score(0);
  const header = rows[0]!.map((h) => h.trim());
  if (header.length < 2 || header.some((h) => h.length > 200)) return score(0);
  // A first row holding a date and time is data: a CSV without header (PostgreSQL's csvlog), which
  // read with that row as the header gave one "series" per field of it.
  // So is a first row with an epoch time in it (VictoriaMetrics' /api/v1/export/csv has no header:
  // `up,1,1700000000` read so gave the metric `1` labelled `up`); see foreign-lines.ts.
  if (header.some((h) => DATE_TIME_CELL.test(h) || EPOCH_CELL.test(h))) return score(0);
  const data = rows.slice(1).filter((r) => r.length === header.length);
  if (data.length === 0 || data.length < (rows.length - 1) / 2) return score(0);
  const plan = planColumns(header, data, delimiter !== ',');
  if (plan.reject) return { score: 0, plan, header };
  if (plan.kind === 'long') return { score: 0.65, plan, header };
  const numericShare = plan.valueColumns.length / Math.max(1, header.length - plan.timeColumns.length);
  return { score: numericShare >= 0.5 ? 0.7 : 0.45, plan, header };
}

export const csvMetrics: FormatSpec = {
  id: 'csv-metrics',
  signal: 'metrics',
  label: 'Metrics CSV (wide or long)',
  sniff: sniffCsvMetrics,
  create: createCsvMetricsDecoder,
};
