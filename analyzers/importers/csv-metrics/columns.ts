// Column roles of a metrics CSV, decided from the header and the first rows (content, never
// the file name): time columns, the long-format name/value columns, label columns and value
// columns. Shared by the sniffer and the decoder so both reach the same verdict.
import { civilToNs, parseTimestamp } from '../common/time.js';
import { setOwn } from '../../model/own-key.js';

const TIME_NAME_RE = /^(?:time|timestamp|ts|date|datetime|datetimeutc|eventtime|_time|t|epoch|clock|when)(?:unix)?(?:nano|nanos|ns|ms|millis|milliseconds|us|micros|microseconds|s|sec|secs|seconds|utc)?$/;
const NAME_KEYS = new Set(['name', 'metric', 'metricname', '__name__', 'series', 'seriesname']);
const VALUE_KEYS = new Set(['value', 'val', 'metricvalue', 'samplevalue', 'y']);
/** Headers that mean the CSV holds spans or log records: other importers' territory. */
const SPAN_KEYS = new Set(['traceid', 'spanid', 'parentid', 'parentspanid', 'operationname']);
const LOG_KEYS = new Set(['message', 'msg', 'log', 'body', 'content', 'logline', 'eventtemplate', 'severitytext']);
const SERVICE_KEYS = new Set(['service', 'servicename', 'app', 'application', 'job']);
const INSTANCE_KEYS = new Set(['pod', 'podname', 'instance', 'host', 'hostname', 'node', 'container']);

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** `0,5`, `-12,75`, `1,5e3`: a decimal comma, as spreadsheets in many locales write numbers. */
const DECIMAL_COMMA_RE = /^[+-]?\d+,\d+(?:[eE][+-]?\d+)?$/;
/**
 * Thousands groups of the same locales: `1.234,5`, `12.345.678`, `1 234,5` with a (narrow) no-break
 * space. Only forms no decimal-point reading fits: a lone `1.234` stays 1.234 (NUMBER_RE reads it first).
 */
const GROUPED_DECIMAL_COMMA_RE = /^[+-]?[1-9]\d{0,2}(?:(?:\.\d{3})+,\d+|(?:\.\d{3}){2,}|(?:[\u00a0\u202f]\d{3})+(?:,\d+)?)$/;
/**
 * Comma thousands groups with a decimal point (`1,721,992,142.283`, as Grafana 5's `;`-delimited export
 * wrote values), or two groups and more (`12,345,678`): no decimal-comma reading fits either, in any
 * file. A lone group without a point (`1,000`) stays ambiguous and is not read this way.
 */
const GROUPED_DECIMAL_POINT_RE = /^[+-]?[1-9]\d{0,2}(?:(?:,\d{3})+\.\d+|(?:,\d{3}){2,})$/;
const GO_MONOTONIC_RE = /\s+m=[+-]\d+(?:\.\d+)?$/;
const ZONE_NAME_AFTER_OFFSET_RE = /(\s[+-]\d{2}:?\d{2})\s+[A-Z]{2,5}$/;

export function headerKey(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9_@]/g, '').replace(/^@/, '');
}

export function isTimeHeader(h: string): boolean {
  const k = headerKey(h).replace(/_/g, '');
  return TIME_NAME_RE.test(k) || TIME_NAME_RE.test(headerKey(h));
}

/**
 * A numeric cell; NaN and ±Inf spelled any common way. undefined when not a number.
 * `decimalComma`: the file is not comma-delimited (`;`, tab), so `0,5` is 0.5 (in a comma-delimited
 * file a quoted "1,000" is ambiguous and stays text).
 */
export function parseCellNumber(cell: string, decimalComma = false): number | undefined {
  const t = cell.trim();
  if (NUMBER_RE.test(t)) return Number(t);
  if (decimalComma && DECIMAL_COMMA_RE.test(t)) return Number(t.replace(',', '.'));
  if (decimalComma && GROUPED_DECIMAL_COMMA_RE.test(t)) return Number(t.replace(/[.\u00a0\u202f]/g, '').replace(',', '.'));
  if (GROUPED_DECIMAL_POINT_RE.test(t)) return Number(t.replace(/,/g, ''));
  const l = t.toLowerCase();
  // (glibc's printf writes a negative NaN `-nan`: rrdtool, collectd, sysstat)
  if (l === 'nan' || l === '-nan' || l === '+nan') return NaN;
  if (l === 'inf' || l === '+inf' || l === 'infinity' || l === '+infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return undefined;
}

/** The spellings of NaN and ±Inf parseCellNumber reads as such. */
const NON_FINITE_SPELLING = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * A cell read as ±Inf only because its number is beyond a double's range (`1e400`, 400 digits, or
 * scaled past it by its unit: `1e306 Tri`), not spelled so (`+Inf`, `Infinity`, `NaN` stay values).
 * Such a cell is no value: Prometheus refuses `1e400` ("value out of range", Go's ParseFloat).
 */
export function beyondDoubleRange(cell: string, value: number): boolean {
  return !Number.isFinite(value) && !NON_FINITE_SPELLING.test(cell.trim());
}

/** The message for a cell beyondDoubleRange: where it is (column number and header) and what to write instead. */
export function beyondRangeMessage(cell: string, column: number, header: string | undefined): string {
  return `value "${cell.trim().slice(0, 80)}" in column ${column}${header === undefined ? '' : ` ("${header.slice(0, 80)}")`} is beyond a double's range (±1.8e308): not read (Prometheus refuses it too: value out of range; write +Inf if that is meant)`;
}

/** Grafana's time units as its "Formatted data" CSV writes them (scaled per value), in seconds. */
const TIME_UNITS: Record<string, number> = { ns: 1e-9, 'µs': 1e-6, 'μs': 1e-6, us: 1e-6, ms: 1e-3, s: 1, min: 60, hour: 3600, day: 86400, week: 604800, year: 31536000 };
/** Byte units (IEC and SI), in bytes; bits per second, in bit/s. */
const BYTE_UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };
const BIT_RATE_UNITS: Record<string, number> = { 'b/s': 1, bps: 1, 'Kb/s': 1e3, Kbps: 1e3, 'Mb/s': 1e6, Mbps: 1e6, 'Gb/s': 1e9, Gbps: 1e9 };
/** Units kept as they are (the number is not rescaled). */
const PLAIN_UNITS = new Set(['%', '°C', '°F', 'Hz', 'kHz', 'MHz', 'GHz', 'W', 'kW', 'V', 'A', 'rpm', 'req/s', 'rps', 'ops/s', 'iops', 'io/s', 'rd/s', 'wr/s', 'pps', 'p/s', 'reads/s', 'writes/s', 'conn/s', 'cps', 'rpm', 'ops/min', 'req/min']);
/** Grafana's "short" scale suffixes. */
const SCALE: Record<string, number> = { K: 1e3, Mil: 1e6, Bil: 1e9, Tri: 1e12 };
const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(\s*)(\S.{0,23})$/;
/** The number of a quantity in a decimal-comma file: `0,5 ms`, `1.234,5 KiB` (read by parseCellNumber). */
const QUANTITY_COMMA_RE = /^([+-]?(?:\d+,\d+(?:[eE][+-]?\d+)?|[1-9]\d{0,2}(?:[.\u00a0\u202f]\d{3})+(?:,\d+)?))(\s*)(\S.{0,23})$/;

/**
 * A number with a unit, as Grafana writes cells with "Formatted data" on (`2.50 ms`, `1.20 s` in the
 * same column, `10.0%`, `1.50 MiB`, `3.20 K`, `1.20 K req/s`): value in the family's base unit
 * (seconds, bytes, bit/s) so differently scaled cells of a column agree; other known units kept.
 * With `decimalComma` (a `;`/tab file) the number may be `0,5` or `1.234,5` (`0,5 ms`, `12,5 %`).
 * undefined when the cell is not a number, with or without such a unit.
 */
export function parseCellQuantity(cell: string, decimalComma = false): { value: number; unit?: string } | undefined {
  const n = parseCellNumber(cell, decimalComma);
  if (n !== undefined) return { value: n };
  const t = cell.trim();
  // In a `;`/tab file (decimalComma) `0,5 ms` is 0.5 ms; `1.20 s` is still read with its point.
  const m = (decimalComma ? QUANTITY_COMMA_RE.exec(t) : null) ?? QUANTITY_RE.exec(t);
  if (!m) return undefined;
  let value = parseCellNumber(m[1]!, decimalComma);
  if (value === undefined) return undefined;
  let rest = m[3]!.trim();
  if (rest === '%' ) return { value, unit: '%' };
  if (m[2] === '' && !/^(?:K|Mil|Bil|Tri)(?:\s|$)/.test(rest)) return undefined; // `12abc`, `0x1F`: not a quantity
  const scale = /^(K|Mil|Bil|Tri)(?:\s+(.+))?$/.exec(rest);
  if (scale) {
    value *= SCALE[scale[1]!]!;
    rest = scale[2] ?? '';
    if (rest === '') return { value };
  }
  if (TIME_UNITS[rest] !== undefined) return { value: value * TIME_UNITS[rest]!, unit: 's' };
  if (BYTE_UNITS[rest] !== undefined) return { value: value * BYTE_UNITS[rest]!, unit: 'By' };
  const perSec = rest.endsWith('/s') ? rest.slice(0, -2) : undefined;
  if (perSec !== undefined && BYTE_UNITS[perSec] !== undefined) return { value: value * BYTE_UNITS[perSec]!, unit: 'By/s' };
  if (BIT_RATE_UNITS[rest] !== undefined) return { value: value * BIT_RATE_UNITS[rest]!, unit: 'bit/s' };
  if (PLAIN_UNITS.has(rest)) return { value, unit: rest };
  return undefined;
}

/** No value: an empty cell, or `null` as Grafana writes a gap in its series. */
export function isEmptyCell(cell: string | undefined): boolean {
  if (cell === undefined) return true;
  const t = cell.trim();
  return t === '' || t === 'null' || t === 'NULL' || t === 'Null';
}

/** Epoch numbers of plausible magnitude (2001–2100 in s, ms, µs or ns). */
function plausibleEpoch(n: number): boolean {
  const a = Math.abs(n);
  return (a >= 1e9 && a < 4.2e9) || (a >= 1e12 && a < 4.2e12) || (a >= 1e15 && a < 4.2e15) || (a >= 1e18 && a < 4.2e18);
}

export interface CellTime {
  ns: bigint;
  withoutZone: boolean;
}

/** Timestamps as CSV exports write them, incl. Go's time.String() (`… +0000 UTC m=+0.1`). */
export function parseCellTime(cell: string, byContent = false, slashOrder?: SlashOrder): CellTime | undefined {
  let t = cell.trim();
  if (t === '') return undefined;
  if (NUMBER_RE.test(t)) {
    const n = Number(t);
    if (byContent && !plausibleEpoch(n)) return undefined;
    const p = parseTimestamp(t);
    return p ? { ns: p.ns, withoutZone: false } : undefined;
  }
  t = t.replace(GO_MONOTONIC_RE, '').replace(ZONE_NAME_AFTER_OFFSET_RE, '$1');
  const p = parseTimestamp(t);
  return p ? { ns: p.ns, withoutZone: p.withoutZone } : (localeTime(t) ?? (slashOrder ? slashTime(t, slashOrder) : undefined));
}

/** Which field of a slashed date is the month, as a column's own cells showed it. */
export type SlashOrder = 'mdy' | 'dmy';
const SLASH_24 = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

function slashTime(t: string, order: SlashOrder): CellTime | undefined {
  const m = SLASH_24.exec(t);
  if (!m) return undefined;
  const [a, b] = [+m[1]!, +m[2]!];
  return civilTime(+m[3]!, order === 'mdy' ? a : b, order === 'mdy' ? b : a, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, m[7]);
}

/**
 * A column of slashed dates with a 24-hour clock (`13/04/2023 10:00`): day or month first, as its
 * cells show — a first field above 12 is a day, a second one a month. Undefined when no cell
 * tells (all fields up to 12: 03/04 may be 3 April or 4 March, and is not guessed), when they
 * contradict each other, or when a cell is not such a date.
 */
function slashOrderOf(rows: string[][], col: number): SlashOrder | undefined {
  let dayFirst = false;
  let monthFirst = false;
  let n = 0;
  for (const r of rows) {
    const c = r[col];
    if (isEmptyCell(c)) continue;
    const m = SLASH_24.exec(c!.trim());
    if (!m) return undefined;
    n++;
    if (+m[1]! > 12) dayFirst = true;
    if (+m[2]! > 12) monthFirst = true;
  }
  if (n === 0 || dayFirst === monthFirst) return undefined;
  return dayFirst ? 'dmy' : 'mdy';
}

/** Every cell of the column a slashed 24-hour date, and none with a first or second field above 12. */
function slashUndecided(rows: string[][], col: number): boolean {
  let n = 0;
  for (const r of rows) {
    const c = r[col];
    if (isEmptyCell(c)) continue;
    const m = SLASH_24.exec(c!.trim());
    if (!m || +m[1]! > 12 || +m[2]! > 12) return false;
    n++;
  }
  return n > 0;
}

/** Why a metrics CSV's slashed dates are not read, and what to do. */
export function ambiguousDatesMessage(header: string, example: string): string {
  return `the dates of column "${header}" (such as "${example}") could be day/month or month/day, and no cell has a day above 12 to tell which; export the times as ISO 8601 (2023-04-03T10:00:00Z) or epoch seconds`;
}

// Spreadsheet and dashboard exports in a locale's own format, where the format itself says which
// field is the day: a 12-hour clock is US English (month first: `11/14/2023, 10:13:20 PM`), a
// dotted date is the European day first (`14.11.2023 22:13:20`). A slashed date with a 24-hour
// clock (`03/04/2023 10:00`) says neither, and is not read.
const US_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp])\.?[Mm]\.?$/;
const DOTTED_TIME = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/** A US-English or dotted European date and time (no zone: read as UTC and reported as zone-less). */
function localeTime(t: string): CellTime | undefined {
  let y: number, mo: number, d: number, h: number;
  let m = US_TIME.exec(t);
  if (m) {
    [mo, d, y, h] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!];
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (/[Pp]/.test(m[8]!) ? 12 : 0);
  } else {
    m = DOTTED_TIME.exec(t);
    if (!m) return undefined;
    [d, mo, y, h] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!];
    if (h > 23) return undefined;
  }
  return civilTime(y, mo, d, h, +m[5]!, m[6] ? +m[6] : 0, m[7]);
}

/** A zone-less date and time of day, checked (no 31 April, no 29 February of a common year), as UTC. */
function civilTime(y: number, mo: number, d: number, h: number, mi: number, sec: number, frac: string | undefined): CellTime | undefined {
  if (h > 23 || sec > 59) return undefined; // no 24:00 or leap second in a spreadsheet's clock
  const ns = civilToNs(y, mo, d, h, mi, sec, frac, 0);
  return ns === undefined ? undefined : { ns, withoutZone: true };
}

export interface ColumnPlan {
  kind: 'wide' | 'long';
  /** Column read for each row's time (first readable wins, in this order). */
  timeColumns: number[];
  nameColumn?: number;
  /** InfluxDB `_measurement`: the metric name is `<measurement>_<field>`. */
  namePrefixColumn?: number;
  /** InfluxDB 1.x `tags` (`host=a,region=b`, with GROUP BY): each tag a label. */
  tagSetColumn?: number;
  valueColumn?: number;
  typeColumn?: number;
  unitColumn?: number;
  labelColumns: number[];
  valueColumns: number[];
  serviceColumn?: number;
  instanceColumn?: number;
  /** Why the CSV is not a metrics CSV, when it is not. */
  reject?: 'spans' | 'logs' | 'no-time' | 'no-values' | 'ambiguous-dates';
  /**
   * The header is Robust Perception's query_csv.py's (`name,timestamp,value,<labels…>`): a row
   * is one series of a PromQL answer, an empty label cell a label that series does not have.
   */
  promQueryCsv?: boolean;
  /** With `ambiguous-dates`: the column whose slashed dates have no field above 12, and one of its cells. */
  ambiguous?: { column: number; example: string };
  /** The time column holds slashed 24-hour dates, day or month first as its cells showed. */
  slashOrder?: SlashOrder;
}

function share(rows: string[][], col: number, pred: (cell: string) => boolean): { ok: number; nonEmpty: number } {
  let ok = 0;
  let nonEmpty = 0;
  for (const r of rows) {
    const c = r[col];
    if (isEmptyCell(c)) continue;
    nonEmpty++;
    if (pred(c!)) ok++;
  }
  return { ok, nonEmpty };
}

/** Headers (as `headerKey` without underscores) that belong to a span or a log table. */
export function otherSignalOf(flatKeys: string[]): 'spans' | 'logs' | undefined {
  if (flatKeys.some((k) => SPAN_KEYS.has(k))) return 'spans';
  if (flatKeys.some((k) => LOG_KEYS.has(k))) return 'logs';
  return undefined;
}

export function planColumns(header: string[], rows: string[][], decimalComma = false): ColumnPlan {
  const keys = header.map(headerKey);
  // An InfluxDB result, one row per value or pivoted (`pivot()`: one column per field).
  const influx = isInfluxHeader(header);
  // `_start`/`_stop` of an InfluxDB result are the query range, not the point's time.
  const rangeOnly = influx;
  const flat = keys.map((k) => k.replace(/_/g, ''));
  const plan: ColumnPlan = { kind: 'wide', timeColumns: [], labelColumns: [], valueColumns: [] };
  const other = otherSignalOf(flat);
  if (other) return { ...plan, reject: other };

  // Time columns by name (kept when their cells read as times), then by content.
  const timeLike = new Set<number>();
  header.forEach((h, i) => {
    if (!isTimeHeader(h) || (rangeOnly && (keys[i] === '_start' || keys[i] === '_stop'))) return;
    timeLike.add(i);
    const s = share(rows, i, (c) => parseCellTime(c) !== undefined);
    if (s.nonEmpty === 0 || s.ok / s.nonEmpty >= 0.5) plan.timeColumns.push(i);
  });
  if (plan.timeColumns.length === 0) {
    for (let i = 0; i < header.length; i++) {
      const s = share(rows, i, (c) => parseCellTime(c, true) !== undefined);
      if (s.nonEmpty > 0 && s.ok === s.nonEmpty) {
        plan.timeColumns.push(i);
        timeLike.add(i);
        break;
      }
    }
  }
  if (plan.timeColumns.length === 0) {
    // slashed 24-hour dates, read when the column's own cells say which field is the day
    const named = header.map((_h, i) => i).sort((a, b) => Number(timeLike.has(b)) - Number(timeLike.has(a)));
    for (const i of named) {
      const order = slashOrderOf(rows, i);
      if (order) {
        plan.timeColumns.push(i);
        plan.slashOrder = order;
        timeLike.add(i);
        break;
      }
    }
  }
  if (plan.timeColumns.length === 0) {
    // Slashed dates whose cells never show which field is the day (03/04/2023: 3 April or March 4?):
    // said as such, not as "no time column".
    const named = header.map((_h, i) => i).sort((a, b) => Number(timeLike.has(b)) - Number(timeLike.has(a)));
    for (const i of named) {
      if (slashUndecided(rows, i)) return { ...plan, reject: 'ambiguous-dates', ambiguous: { column: i, example: rows.find((r) => !isEmptyCell(r[i]))![i]!.trim() } };
    }
    return { ...plan, reject: 'no-time' };
  }

  // InfluxDB 2 query results (UI "Download CSV", `influx query --raw`): one row per value with
  // `_time`, `_value`, `_field`, `_measurement`, tag columns, and the bookkeeping columns
  // `result`, `table`, `_start`, `_stop` (plus an unnamed first column) that are not labels.
  // Pivoted, each field is a column of its own; the measurement still prefixes the name.
  const skip = new Set<number>();
  if (influx) keys.forEach((k, i) => (k === '' || k === 'result' || k === 'table' || k === '_start' || k === '_stop') && skip.add(i));
  const influxLong = keys.includes('_field') && keys.includes('_value');
  // InfluxDB 1.x (InfluxQL) CSV, `influx -format csv` or /query with Accept: application/csv:
  // `name` (the measurement), `tags` (with GROUP BY, /query always), `time`, then a column per
  // tag and field: named <measurement>_<field> as its JSON answer's points are.
  const influx1 = isInflux1Header(header);
  if (influx1) {
    plan.namePrefixColumn = 0;
    if (keys[1] === 'tags') plan.tagSetColumn = 1;
  }
  const nameCol = influx1 ? -1 : influxLong ? keys.indexOf('_field') : flat.findIndex((k, i) => NAME_KEYS.has(keys[i]!) || NAME_KEYS.has(k));
  const valueCol = influxLong ? keys.indexOf('_value') : flat.findIndex((k) => VALUE_KEYS.has(k));
  if (nameCol !== -1 && valueCol !== -1 && !timeLike.has(nameCol) && !timeLike.has(valueCol)) {
    plan.kind = 'long';
    plan.nameColumn = nameCol;
    plan.valueColumn = valueCol;
    if (header[0]?.trim() === 'name' && header[1]?.trim() === 'timestamp' && header[2]?.trim() === 'value') plan.promQueryCsv = true;
  }
  if (influx && keys.includes('_measurement') && (plan.kind === 'long' || !influxLong)) plan.namePrefixColumn = keys.indexOf('_measurement');
  for (let i = 0; i < header.length; i++) {
    if (timeLike.has(i) || skip.has(i) || i === plan.nameColumn || i === plan.valueColumn || i === plan.namePrefixColumn || i === plan.tagSetColumn) continue;
    const k = flat[i]!;
    if (plan.kind === 'long') {
      if (k === 'type' || k === 'metrictype') plan.typeColumn = i;
      else if (k === 'unit') plan.unitColumn = i;
      else plan.labelColumns.push(i);
    } else {
      // A column whose cells are mostly text is a label (pod name, service…), not a series; so is
      // an identifier, numbers or not (`Event ID`, `request_id`, `userId`): nothing is measured.
      const s = share(rows, i, (c) => parseCellQuantity(c, decimalComma) !== undefined);
      if ((s.nonEmpty > 0 && s.ok / s.nonEmpty < 0.5) || ID_HEADER.test(header[i]!.trim()) || isRowKey(rows, plan.timeColumns[0], i) || isSamplingInterval(header[i]!, rows, i)) plan.labelColumns.push(i);
      else plan.valueColumns.push(i);
    }
  }
  for (const i of plan.labelColumns) {
    if (plan.serviceColumn === undefined && SERVICE_KEYS.has(flat[i]!)) plan.serviceColumn = i;
    if (plan.instanceColumn === undefined && INSTANCE_KEYS.has(flat[i]!)) plan.instanceColumn = i;
  }
  if (plan.kind === 'wide' && plan.valueColumns.length === 0) return { ...plan, reject: 'no-values' };
  return plan;
}

/**
 * A column named `interval` holding one whole number in every row (sysstat's `sadf -d`: the
 * sampling interval in seconds beside the timestamp): how the rows were sampled, a label, not a
 * measurement (read as a metric it added a point per row).
 */
function isSamplingInterval(header: string, rows: string[][], col: number): boolean {
  if (header.trim().toLowerCase() !== 'interval' || rows.length === 0) return false;
  const first = rows[0]![col]?.trim() ?? '';
  return /^\d{1,9}$/.test(first) && rows.every((r) => r[col]?.trim() === first);
}

/**
 * A column of whole numbers that tells apart the rows of one time, the same numbers at each time
 * (sysstat's `sadf -d` CPU column: `-1` for all, then `0`, `1`… at every timestamp): the key of
 * each row's series, as a pod name would be, not a value. Needs three times with two rows or more.
 */
function isRowKey(rows: string[][], timeCol: number | undefined, col: number): boolean {
  if (timeCol === undefined) return false;
  const groups: string[][] = [];
  let lastTime: string | undefined;
  for (const r of rows) {
    const t = r[timeCol];
    const c = r[col]?.trim() ?? '';
    if (!/^-?\d{1,9}$/.test(c)) return false;
    if (t !== lastTime || groups.length === 0) groups.push([]);
    lastTime = t;
    groups[groups.length - 1]!.push(c);
  }
  // (the last time may be cut by the end of the rows looked at)
  const whole = groups.length > 1 && groups[groups.length - 1]!.length < groups[0]!.length ? groups.slice(0, -1) : groups;
  const first = whole[0];
  if (whole.length < 3 || !first || first.length < 2 || new Set(first).size !== first.length) return false;
  return whole.every((g) => g.length === first.length && g.every((c, i) => c === first[i]));
}

/** Datadog's space aggregators, written before the metric in a query (`avg:system.cpu.user{…}`). */
const DATADOG_AGG_RE = /^(?:avg|sum|min|max):(?=[a-zA-Z_])/;
/** A Datadog tag `key:value` (the value may hold more colons: `image:repo:1.2`). */
const DATADOG_TAG_RE = /^([a-zA-Z_][a-zA-Z0-9_.\-/]*):(.*)$/;

/**
 * `cpu{pod="a",ns="b"}` → name + labels; `CpuUsage(m)` keeps its name and gives unit `m`.
 * Grafana names a series without `__name__` (a rate(), a sum by) by its labels alone,
 * `{instance="a:9100", job="node"}`: name '' as the Prometheus API importer gives it. Datadog writes
 * `avg:system.cpu.user{host:web-1,env:prod}` (tags `key:value`, `{*}` for none): name without the
 * aggregator, tags as labels.
 */
/** A header that names an identifier: `id`, `Event ID`, `request_id`, `userId`, `traceID`. */
const ID_HEADER = /^(?:.*[\s_.-])?(?:id|ID|Id)$|[a-z](?:ID|Id)$/;

export function parseSeriesHeader(header: string): { name: string; labels: Record<string, string>; unit?: string } {
  // (Datadog's `…{service:web}.as_count()`, `.rollup(sum, 60)`: functions applied to the query)
  const h = header.trim().replace(/\}(?:\.[a-z_]+\([^()]*\))+$/, '}');
  const brace = h.indexOf('{');
  if (brace >= 0 && h.endsWith('}')) {
    const labels: Record<string, string> = {};
    const body = h.slice(brace + 1, -1);
    const name = h.slice(0, brace).trim();
    const re = /\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^,]*))\s*(?:,|$)/gy;
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = re.exec(body)) !== null && m[0] !== '') {
      setOwn(labels, m[1]!, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? m[4] ?? '').trim());
      consumed = re.lastIndex;
    }
    if (consumed === body.length && (name !== '' || consumed > 0)) {
      // `{__name__="up", instance="…"}`: the name written as a label (Grafana, a PromQL export)
      const inner = labels['__name__'];
      if (name === '' && inner !== undefined && inner !== '') {
        delete labels['__name__'];
        return { name: inner, labels };
      }
      return { name, labels };
    }
    const tags = datadogTags(body);
    if (tags && name !== '') return { name: name.replace(DATADOG_AGG_RE, ''), labels: tags };
  }
  const unit = /[([]\s*([^()[\]]{1,16}?)\s*[)\]]$/.exec(h);
  return unit ? { name: h, labels: {}, unit: unit[1]! } : { name: h, labels: {} };
}

/** `host:web-1,env:prod` → labels; `*` → none; undefined when the body is not a tag list. */
function datadogTags(body: string): Record<string, string> | undefined {
  const t = body.trim();
  if (t === '*') return {};
  if (t === '') return undefined;
  const labels: Record<string, string> = {};
  for (const part of t.split(',')) {
    const m = DATADOG_TAG_RE.exec(part.trim());
    if (!m) return undefined;
    setOwn(labels, m[1]!, m[2]!);
  }
  return labels;
}

/** InfluxDB annotation rows (`#group,…`, `#datatype,…`, `#default,…`) above a result's header. */
export function isInfluxAnnotation(firstCell: string | undefined): boolean {
  return firstCell === '#group' || firstCell === '#datatype' || firstCell === '#default';
}

/** The header of an InfluxDB 1.x (InfluxQL) CSV table: `name,time,…` or `name,tags,time,…`. */
export function isInflux1Header(fields: string[]): boolean {
  return fields[0] === 'name' && (fields[1] === 'time' || (fields[1] === 'tags' && fields[2] === 'time'));
}

/** An InfluxDB 1.x CSV `tags` cell (`host=a,region=eu\ west`): its tags, escapes (`\,` `\=` `\ `) undone. */
export function parseInfluxTagSet(cell: string, into: Record<string, string>): void {
  let key = '';
  let cur = '';
  let inValue = false;
  const flush = (): void => {
    if (inValue && key !== '') setOwn(into, key, cur);
    key = '';
    cur = '';
    inValue = false;
  };
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length && ',= \\'.includes(cell[i + 1]!)) cur += cell[++i]!;
    else if (c === '=' && !inValue) {
      key = cur;
      cur = '';
      inValue = true;
    } else if (c === ',') flush();
    else cur += c;
  }
  flush();
}

/** The header of an InfluxDB / Flux CSV table: `,result,table,…`, or one with `_field` and `_value`. */
export function isInfluxHeader(fields: string[]): boolean {
  return (fields[0] === '' && fields[1] === 'result' && fields[2] === 'table') || (fields.includes('_field') && fields.includes('_value'));
}
