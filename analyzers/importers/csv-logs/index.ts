// Logs in CSV: one row per record with a message column (log/message/body/content…) and
// optional time, level, service/pod/container and trace/span id columns, found by header name.
// Quoted fields may span lines (the record's provenance is its first line). A message cell that
// is a docker json-file line or JSON is unwrapped to the inner log text.
//
// The message may also be an unnamed last column: Windows Event Viewer's "Save All Events As…
// CSV" writes the header `Level,Date and Time,Source,Event ID,Task Category` and a sixth field,
// the (quoted, multi-line) message, in every row. A header without a message column whose data
// rows all have exactly one more field than it, that field text, is read that way; when the rows
// disagree, nothing is guessed (no message column, as before).
import Papa from 'papaparse';
import { MAX_RECORD_ATTRIBUTES, type AttrValue, type Attributes } from '../../model/index.js';
import type { Decoder, DecoderContext, FormatSpec, Progress, SniffInput } from '../types.js';
import { CsvReader, detectDelimiter, excelSepLine, sameRow } from '../common/csv.js';
import { INVALID_UTF8_MESSAGE } from '../common/lines.js';
import { BinaryHead } from '../prometheus/binary-head.js';
import { parseLogTimestamp } from '../common/time.js';
import { buildLogRecord, LogOutput, withoutNewline } from '../jsonl-logs/log-output.js';
import { isFieldKey, jsonObjectLine, logfmtPairs, mapStructured, mapText, roleOfKey, setAttribute, type LineKind, type MappedLog } from '../jsonl-logs/map-fields.js';
import { isArrayIndex } from '../common/key-bound.js';
import { englishColumn, LOCALIZED_MESSAGE_NAMES, localizedLevel } from './localized.js';

const norm = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');
// Azure Monitor Log Analytics exports: ContainerLog's LogEntry, Syslog's SyslogMessage, Event's RenderedDescription.
// Google Cloud's Logs Explorer CSV: textPayload, else jsonPayload.message (a row has one or the other).
const MESSAGE_NAMES = ['message', 'msg', 'log', 'logmessage', 'body', 'content', 'text', 'logline', 'line', 'raw', 'rawlog', 'logtext', 'messagetext', 'logentry', 'syslogmessage', 'rendereddescription', 'textpayload', 'jsonpayloadmessage'];
// Loghub-style split timestamps: Month/Date/Day/Year + Time columns are read together.
const DATE_PART_NAMES = ['year', 'month', 'date', 'day'];

/** A layout without a message column (Event Viewer's export of its columns alone): the message is made of the row's other cells. */
const NO_MESSAGE = -2;

/**
 * PostgreSQL's csvlog columns (docs, "Using CSV-Format Log Output"), which it writes without a
 * header row: 23 up to PostgreSQL 12, `backend_type` added in 13, `leader_pid` and `query_id` in 14.
 */
const PG_CSVLOG_COLUMNS = ['log_time', 'user_name', 'database_name', 'process_id', 'connection_from', 'session_id', 'session_line_num', 'command_tag', 'session_start_time', 'virtual_transaction_id', 'transaction_id', 'error_severity', 'sql_state_code', 'message', 'detail', 'hint', 'internal_query', 'internal_query_pos', 'context', 'query', 'query_pos', 'location', 'application_name', 'backend_type', 'leader_pid', 'query_id'];
const PG_CSVLOG_WIDTHS = [23, 24, 26];
const PG_SEVERITY = /^(?:DEBUG[1-5]|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC)$/;

/**
 * The header a headerless PostgreSQL csvlog row stands for, when `fields` are such a row: as many
 * fields as a PostgreSQL version writes, a time first, a pid, a session id (`hex.hex`), a line
 * number, a PostgreSQL severity and an SQLSTATE (or nothing) where csvlog puts them. Undefined otherwise.
 */
export function postgresCsvlogHeader(fields: string[]): string[] | undefined {
  if (!PG_CSVLOG_WIDTHS.includes(fields.length) || !postgresCsvlogStart(fields)) return undefined;
  return PG_CSVLOG_COLUMNS.slice(0, fields.length);
}

/**
 * `fields` begin as a csvlog row does, up to its SQLSTATE (the 13 columns before the message: see
 * postgresCsvlogHeader), whatever follows: for a row whose quoted message goes on over the next lines.
 */
export function postgresCsvlogStart(fields: readonly string[]): boolean {
  if (fields.length < 13) return false;
  const f = (i: number): string => fields[i]!.trim();
  if (!/^\d+$/.test(f(3)) || !/^[0-9a-f]+\.[0-9a-f]+$/.test(f(5)) || !/^\d+$/.test(f(6)) || !PG_SEVERITY.test(f(11)) || !/^(?:[0-9A-Z]{5})?$/.test(f(12))) return false;
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(f(0)) && parseLogTimestamp(f(0)) !== undefined;
}

export interface CsvLogLayout {
  /** Column of the message, or NO_MESSAGE. */
  messageIndex: number;
  /** Another message column, read where the first is empty (GCP's textPayload / jsonPayload.message); -1 when none. */
  altMessageIndex?: number;
  /** Columns that together make the timestamp (in order), when the time is split. */
  dateParts: number[];
  /** Fields a row should have: the header's, plus one when the message is the unnamed last column. */
  width: number;
  /** Columns whose header says their zone-less times are UTC (`TimeGenerated [UTC]`). */
  utc: number[];
  /** Names the header cells are read under (Event Viewer's "Date and Time" is the time, its "Source" the service). */
  names: string[];
}

/** Which column is the message, and whether date and time are split over columns. */
export function layoutCsvLogs(header: string[]): CsvLogLayout | undefined {
  const names = header.map(norm);
  let messageIndex = -1;
  for (const m of MESSAGE_NAMES) {
    messageIndex = names.indexOf(m);
    if (messageIndex >= 0) break;
  }
  // Windows Event Viewer's message, in a header that names it
  if (messageIndex < 0 && names.includes('eventid')) messageIndex = names.indexOf('description');
  // Kibana's Discover CSV with no column chosen: each hit's whole document as JSON in `_source`
  if (messageIndex < 0) messageIndex = header.findIndex((h) => h.trim() === '_source');
  if (messageIndex < 0) return undefined;
  const alt = MESSAGE_NAMES.slice(MESSAGE_NAMES.indexOf(names[messageIndex]!) + 1).map((m) => names.indexOf(m)).find((i) => i >= 0) ?? -1;
  return { messageIndex, ...(alt >= 0 ? { altMessageIndex: alt } : {}), dateParts: datePartsOf(names), width: header.length, names: readAs(header), utc: utcColumns(header) };
}

/**
 * Windows Event Viewer's columns without the message (left out of the export, no unnamed last
 * column either): still its events, whose message is made of their other cells. Undefined for
 * any other header.
 */
export function layoutWithoutMessage(header: string[]): CsvLogLayout | undefined {
  const names = header.map(norm);
  if (!names.includes('eventid') || !names.includes('level') || !names.some((n) => n === 'dateandtime' || n === 'timecreated' || n === 'date')) return undefined;
  return { messageIndex: NO_MESSAGE, dateParts: datePartsOf(names), width: header.length, names: readAs(header), utc: utcColumns(header) };
}

/**
 * Why a header gives no layout: no column is named as a message is. Says which columns were
 * recognised (the time, the level…), so the user knows which one to rename.
 */
function noMessageColumn(raw: string[], english: string[]): string {
  const known: string[] = [];
  english.forEach((h, i) => {
    const role = roleOfKey(h);
    if (role === 'time' || role === 'level' || role === 'service' || role === 'host') known.push(`${role} (${raw[i]})`);
  });
  const recognised = known.length > 0 ? `; the columns recognised are ${known.join(', ')}` : '';
  return `no message column in header (${raw.slice(0, 12).join(',')}): no column is named as a log message is (message, msg, log, body, text, content, line…, or ${LOCALIZED_MESSAGE_NAMES} in other languages)${recognised}; rename the message column to "message"`;
}

/** Rows a decoder or sniffer looks at before deciding that the message is an unnamed last column. */
export const UNNAMED_MESSAGE_ROWS = 20;

/**
 * The message as an extra, unnamed last column (Windows Event Viewer): `rows` (the first data
 * rows, blank ones left out) all have exactly one field more than `header`, and that field is
 * text (at least half of them words with a space between; none a bare number). Undefined when
 * the header names a message column, there are no rows, or any row disagrees.
 */
export function layoutWithUnnamedMessage(header: string[], rows: string[][]): CsvLogLayout | undefined {
  if (rows.length === 0 || layoutCsvLogs(header)) return undefined;
  let words = 0;
  for (const r of rows) {
    if (r.length !== header.length + 1) return undefined;
    const extra = r[header.length]!.trim();
    if (/^[-+]?[\d.,:]*$/.test(extra) && extra !== '') return undefined;
    if (/\p{L}/u.test(extra) && /\s/.test(extra)) words++;
  }
  if (words * 2 < rows.length) return undefined;
  return { messageIndex: header.length, dateParts: datePartsOf(header.map(norm)), width: header.length + 1, names: readAs(header), utc: utcColumns(header) };
}

/**
 * Header names as the record mapper should read them: Windows Event Viewer's "Date and Time"
 * is the event time and, next to an "Event ID", "Source" (the event provider) is the service.
 * Every other column keeps its name.
 */
function readAs(header: string[]): string[] {
  const names = header.map(norm);
  const eventLog = names.includes('eventid') && names.includes('source');
  return header.map((h, i) => (names[i] === 'dateandtime' && !names.includes('time') ? 'time' : eventLog && names[i] === 'source' && !names.includes('servicename') ? 'service.name' : (UTC_HEADER.exec(h)?.[1] ?? LOCAL_HEADER.exec(h)?.[1] ?? h)));
}

/** A column whose header says its times are the viewer's local time (`TimeGenerated [Local Time]`): read under its own name, zone-less. */
const LOCAL_HEADER = /^(.*\S)\s*\[Local(?: Time)?\]$/i;

/**
 * A column whose header names its zone, as Azure Monitor Log Analytics exports write it
 * (`TimeGenerated [UTC]`, values like `11/14/2023, 10:13:20.123 PM`): read under its own name,
 * and its times without a zone are that zone's.
 */
const UTC_HEADER = /^(.*\S)\s*\[(?:UTC|GMT|Z)\]$/i;

/** Indexes of the columns whose header says their times are UTC. */
export function utcColumns(header: string[]): number[] {
  return header.flatMap((h, i) => (UTC_HEADER.test(h) ? [i] : []));
}

function datePartsOf(names: string[]): number[] {
  const timeIndex = names.indexOf('time');
  const dateParts: number[] = [];
  if (timeIndex >= 0) {
    for (const p of DATE_PART_NAMES) {
      const i = names.indexOf(p);
      if (i >= 0) dateParts.push(i);
    }
    if (dateParts.length > 0) dateParts.push(timeIndex);
  }
  return dateParts;
}

/** Characters of held rows after which the layout is decided with the rows held so far. */
const HELD_CHARS = 256 * 1024;

function isBlankRow(fields: string[]): boolean {
  return fields.length === 1 && fields[0]!.trim() === '';
}

export class CsvLogsDecoder implements Decoder {
  private readonly out: LogOutput;
  private readonly reader: CsvReader;
  private header: string[] = [];
  private layout: CsvLogLayout | undefined;
  private bytes = 0;

  constructor(ctx: DecoderContext) {
    this.out = new LogOutput(ctx);
    this.reader = new CsvReader({
      header: (fields, line, offset) => this.onHeader(fields, line, offset),
      row: (fields, line, offset) => this.onRow(fields, line, offset),
      bad: (line, offset, message) => (this.out.sawContent = true) && this.out.error(/ends inside/.test(message) ? 'truncated' : 'invalid-record', message, line, offset, true),
      note: (line, offset, message) => this.out.error('invalid-line', message, line, offset, false),
      tooLong: (line, offset) => (this.out.sawContent = true) && this.out.error('line-too-long', 'line exceeds the length limit; skipped', line, offset, true),
      invalidUtf8: (line, offset) => this.out.error('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset),
    });
  }

  get progress(): Progress {
    this.out.progress.lines = this.reader.linesSeen;
    this.out.progress.bytes = this.bytes;
    return this.out.progress;
  }

  // Random bytes are not a CSV with a bad header: the head is judged once (binary → one error).
  private readonly gate = new BinaryHead(
    (chunk) => this.reader.push(chunk),
    () => {
      this.out.sawContent = true;
      this.out.error('binary-data', 'binary content, not CSV', 1, 0, false);
    },
  );

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.gate.push(chunk);
  }

  end(): void {
    this.gate.end();
    if (this.gate.binary) {
      this.out.progress.bytes = this.bytes;
      this.out.finish();
      return;
    }
    this.reader.end();
    if (this.undecided) this.decide();
    this.out.progress.lines = this.reader.linesSeen;
    this.out.progress.bytes = this.bytes;
    this.out.finish();
  }

  private onHeader(fields: string[], line: number, offset: number): void {
    this.out.sawContent = true;
    // PostgreSQL's csvlog has no header: its first row is a record, its columns are fixed
    const pg = postgresCsvlogHeader(fields);
    if (pg) {
      this.rawHeader = pg;
      this.header = pg;
      this.headerLine = line;
      this.layout = layoutCsvLogs(pg);
      this.onRow(fields, line, offset);
      return;
    }
    this.rawHeader = fields;
    // (a localized header is read under the English names of its columns: see localized.ts)
    this.header = fields.map(englishColumn);
    this.headerLine = line;
    this.layout = layoutCsvLogs(this.header);
    // No message column named: the first rows decide whether it is an unnamed last column.
    if (!this.layout) this.undecided = [];
  }

  private headerLine = 1;
  /** The header as written (this.header has the English names of localized columns). */
  private rawHeader: string[] = [];
  /** Rows held (at most UNNAMED_MESSAGE_ROWS, or until HELD_CHARS) until the layout is decided. */
  private undecided: { fields: string[]; line: number; offset: number }[] | undefined;
  private undecidedChars = 0;
  private undecidedRows = 0;

  private decide(): void {
    const held = this.undecided ?? [];
    this.undecided = undefined;
    this.layout = layoutWithUnnamedMessage(this.header, held.filter((r) => !isBlankRow(r.fields)).map((r) => r.fields)) ?? layoutWithoutMessage(this.header);
    if (!this.layout) this.out.error('missing-field', noMessageColumn(this.rawHeader, this.header), this.headerLine, 0);
    for (const r of held) this.onRow(r.fields, r.line, r.offset);
  }

  private onRow(fields: string[], line: number, offset: number): void {
    // The header again (CSV exports joined with `cat`): not a log record
    if (sameRow(fields, this.rawHeader)) return;
    if (this.undecided) {
      this.undecided.push({ fields, line, offset });
      if (!isBlankRow(fields)) this.undecidedRows++;
      for (const f of fields) this.undecidedChars += f.length;
      if (this.undecidedRows >= UNNAMED_MESSAGE_ROWS || this.undecidedChars >= HELD_CHARS) {
        this.undecidedRows = 0;
        this.undecidedChars = 0;
        this.decide();
      }
      return;
    }
    const layout = this.layout;
    if (!layout) {
      this.out.progress.rejected++;
      return;
    }
    if (fields.length !== layout.width) {
      if (isBlankRow(fields)) return; // blank line
      const expected = layout.width === this.header.length ? `header has ${this.header.length}` : `expected ${layout.width} (${this.header.length} named in the header, then the message)`;
      if (fields.length <= layout.messageIndex) {
        this.out.error('invalid-record', `row has ${fields.length} fields, ${expected}`, line, offset, true);
        return;
      }
      this.out.error('invalid-record', `row has ${fields.length} fields, ${expected}; read by position`, line, offset);
    }
    let shape = this.rowShape;
    if (shape?.layout !== layout) {
      shape = this.rowShape = { header: this.header, rawHeader: this.rawHeader, layout, labelsColumn: this.labelsColumn, labels: layout.names.map(isLabelColumn), eventCells: (f) => this.eventCells(f) };
      if (this.header.length > MAX_RECORD_ATTRIBUTES) shape.needed = layout.names.map((n) => isFieldKey(n) || isArrayIndex(n));
    }
    const { mapped: m, structured } = mapCsvLogRow(shape, fields);
    for (const p of m.problems) this.out.error(p.code, p.message, line, offset);
    this.out.record(buildLogRecord(m, this.out.resource(m.resourceAttributes), structured, this.out.file, line, offset));
  }

  /** What reading a row needs of the file (made once its layout is known). */
  private rowShape: RowShape | undefined;
  /** The column named `labels` (Grafana's log frame), or -1. */
  private get labelsColumn(): number {
    return (this.labelsIndex ??= this.layout?.names.findIndex((n) => norm(n) === 'labels') ?? -1);
  }
  private labelsIndex: number | undefined;
  /** Without a message column: the columns that make one (not the time, level or source), found once. */
  private messageColumns: number[] | undefined;

  private eventCells(fields: string[]): string {
    const dateParts = this.layout?.dateParts ?? [];
    this.messageColumns ??= this.header.flatMap((h, i) => (dateParts.includes(i) || /^(level|dateandtime|timecreated|date|time|source)$/.test(norm(h)) ? [] : [i]));
    return this.messageColumns.flatMap((i) => (fields[i] === undefined || fields[i] === '' ? [] : [`${this.header[i]}=${fields[i]}`])).join(' ');
  }

}

/** What reading a row needs of its file: its header (as read, and as written), its layout, which columns are labels. */
interface RowShape {
  header: string[];
  rawHeader: string[];
  layout: CsvLogLayout;
  /** Per column of a header wider than MAX_RECORD_ATTRIBUTES: whether the mapping reads it by name. */
  needed?: boolean[];
  /** The column named `labels` (Grafana's log frame), or -1. */
  labelsColumn: number;
  /** Per column: it says when and where a line was logged, not what it says (see isLabelColumn). */
  labels: boolean[];
  /** Without a message column: the message made of the row's other cells. */
  eventCells?: (fields: string[]) => string;
}

/** A row of a CSV log as a record's parts, and whether it is structured (see below). */
function mapCsvLogRow(shape: RowShape, fields: string[]): { mapped: MappedLog; structured: boolean } {
  const { header, rawHeader, layout, needed } = shape;
  const columns: Record<string, unknown> = {};
  const alt = layout.altMessageIndex ?? -1;
  // (the other message column is the message where the first is empty, else a field of its own)
  const useAlt = alt >= 0 && (fields[layout.messageIndex] ?? '') === '' && (fields[alt] ?? '') !== '';
  const skipped = new Set<number>([layout.messageIndex, ...layout.dateParts, ...(useAlt ? [alt] : [])]);
  // A header of more than MAX_RECORD_ATTRIBUTES columns: the row is bounded as it is read, as
  // the analysis would trim it (the first cells in column order, and the columns the mapping
  // reads by name), the others only counted; a 500,000-column row built whole took 1.3 s and
  // tens of MB, for the analysis to drop all but 1,024 of them (`needed`).
  let ordinary = 0;
  let extra = 0;
  let dropped = 0;
  for (let i = 0; i < header.length && i < fields.length; i++) {
    let cell = fields[i]!;
    if (skipped.has(i) || cell === '') continue;
    if (needed !== undefined) {
      if (needed[i] ? extra++ >= MAX_RECORD_ATTRIBUTES : ordinary++ >= MAX_RECORD_ATTRIBUTES) {
        dropped++;
        continue;
      }
    }
    if (layout.utc.includes(i) && parseLogTimestamp(cell)?.withoutZone) cell += ' UTC';
    // Grafana's log frame as CSV: its `labels` column holds the stream's labels as a JSON object
    // (`{"service_name":"api","level":"warn"}`), read as the fields they are
    if (i === shape.labelsColumn && cell.startsWith('{') && cell.endsWith('}')) {
      const labels = jsonObjectLine(cell);
      if (labels) {
        (columns as Record<string, unknown>)[layout.names[i]!] = labels;
        continue;
      }
    }
    setAttribute(columns as Attributes, layout.names[i] || `column${i + 1}`, cell); // a `__proto__` column too
  }
  const m = mapStructured(columns, { inner: true, noMessage: true, smallLevelsSyslog: true }); // the message column is read below
  // A localized column left as a field keeps the name it has in the file (`Dienst`, not `service`).
  for (let i = 0; i < header.length; i++) {
    const name = layout.names[i]!;
    if (name === header[i] && name !== rawHeader[i] && Object.hasOwn(m.attributes, name)) {
      setAttribute(m.attributes, rawHeader[i]!, m.attributes[name]!);
      delete m.attributes[name];
    }
  }
  // a level named in another language (Event Viewer's `Fehler`, `Avertissement`)
  if (m.severityNumber === undefined && m.severityText !== undefined) {
    const n = localizedLevel(m.severityText);
    if (n !== undefined) m.severityNumber = n;
  }
  // A `[UTC]` column that is not the record's time keeps its cell as written, without the zone
  // added for reading it.
  for (const i of layout.utc) {
    const name = layout.names[i] || `column${i + 1}`;
    if (fields[i] !== undefined && m.attributes[name] === `${fields[i]} UTC`) m.attributes[name] = fields[i]!;
  }
  if (dropped > 0) m.droppedAttributes = (m.droppedAttributes ?? 0) + dropped;
  if (layout.dateParts.length > 0 && m.timeNs === undefined) {
    // the time column may be complete on its own (BGL); else read it with the date columns
    const timeCell = fields[layout.dateParts[layout.dateParts.length - 1]!] ?? '';
    const text = layout.dateParts.map((i) => fields[i] ?? '').filter((s) => s !== '').join(' ');
    const t = (/^\d+$/.test(timeCell.trim()) ? undefined : parseLogTimestamp(timeCell)) ?? parseLogTimestamp(text);
    if (t) {
      m.timeNs = t.ns;
      if (t.withoutZone) m.timeWithoutZone = true;
      if (t.withoutYear) m.timeWithoutYear = true;
    } else if (text !== '') m.problems.push({ code: 'invalid-timestamp', message: `unreadable timestamp "${text.slice(0, 60)}"` });
  }
  for (const i of layout.dateParts) if (fields[i]) m.attributes[header[i]!] = fields[i]!;
  // (no message column: the event's own cells, `Event ID=4658 Task Category=File System`)
  const cell = layout.messageIndex === NO_MESSAGE ? (shape.eventCells?.(fields) ?? '') : useAlt ? fields[alt]! : fields[layout.messageIndex] ?? '';
  const { mapped: inner, kind } = readMessage(cell);
  merge(m, inner);
  // A row with fields of the source's own beside its message (a level, a component, a pid, an
  // event id: Datadog's, Windows', Log Analytics', Loghub's parsed columns) is structured. A row
  // of only a time and labels around a raw line (a Grafana/Loki table: labels, Time, Line,
  // tsNs, id) is as structured as that line: only a JSON or logfmt message is.
  const labels = shape.labels;
  let fielded = false;
  // (`-` is Kibana's and Splunk's cell for a field the event does not have)
  for (let i = 0; i < fields.length && i < labels.length && !fielded; i++) fielded = !labels[i] && !skipped.has(i) && fields[i] !== '' && fields[i] !== '-';
  return { mapped: m, structured: fielded || kind !== 'text' };
}

/**
 * A headerless PostgreSQL csvlog row (see postgresCsvlogHeader) read as a csvlog file's row is: its
 * documented column names, its message the body. Undefined when `fields` are no such row. For
 * readers that meet csvlog rows one by one (behind a container's prefix in a text log).
 */
export function mapPostgresCsvlogRow(fields: string[]): { mapped: MappedLog; structured: boolean } | undefined {
  const header = postgresCsvlogHeader(fields);
  const layout = header && layoutCsvLogs(header);
  if (!header || !layout) return undefined;
  return mapCsvLogRow({ header, rawHeader: header, layout, labelsColumn: -1, labels: layout.names.map(isLabelColumn) }, fields);
}

function readMessage(cell: string): { mapped: MappedLog; kind: LineKind } {
  const t = cell.trim();
  const v = jsonObjectLine(t);
  if (v) return { mapped: mapStructured(v), kind: 'json' };
  // A logfmt message counts as structured; its text stays the message, as a text line's does.
  return { mapped: mapText(withoutNewline(cell)), kind: logfmtPairs(t) ? 'logfmt' : 'text' };
}

/** Columns win over what the message text says; the message fills the gaps. */
function merge(m: MappedLog, inner: MappedLog): void {
  m.body = inner.body;
  if (m.timeNs === undefined && inner.timeNs !== undefined) {
    m.timeNs = inner.timeNs;
    if (inner.timeWithoutZone) m.timeWithoutZone = true;
    if (inner.timeWithoutYear) m.timeWithoutYear = true;
  }
  if (inner.observedTimeNs !== undefined) m.observedTimeNs = inner.observedTimeNs;
  if (m.severityNumber === undefined && m.severityText === undefined) {
    if (inner.severityNumber !== undefined) m.severityNumber = inner.severityNumber;
    if (inner.severityText !== undefined) m.severityText = inner.severityText;
  } else if (m.severityNumber === undefined && inner.severityNumber !== undefined) {
    // a level column we cannot read (Loghub Linux puts host names there): keep the text, take the number
    m.severityNumber = inner.severityNumber;
  }
  if (!m.traceId && inner.traceId) m.traceId = inner.traceId;
  if (!m.spanId && inner.spanId) m.spanId = inner.spanId;
  if (!m.scopeName && inner.scopeName) m.scopeName = inner.scopeName;
  for (const [k, v] of Object.entries(inner.resourceAttributes)) if (!(k in m.resourceAttributes)) m.resourceAttributes[k] = v;
  for (const [k, v] of Object.entries(inner.attributes)) if (!(k in m.attributes)) (m.attributes as Attributes)[k] = v as AttrValue;
  m.problems.push(...inner.problems);
}

/** Roles of columns that say when and where a line was logged, not what it says. */
const LABEL_ROLES = new Set(['time', 'service', 'host', 'pod', 'namespace', 'container', 'node', 'environment', 'version']);
/** Other such columns by name (normalized): a Loki frame's labels/tsNs/id, shippers' file and stream, search indexes' `_id`/`_index`. */
// Splunk's search metadata (linecount, punct, splunk_server, timestartpos, date_*), Azure's LogSource.
const LABEL_NAMES = /^(labels|tsns|id|index|score|type|filename|file|path|stream|source|sourcetype|job|instance|cluster|logstream|loggroup|ingestiontime|computer|logentrysource|containerid|tenantid|sourcesystem|resourceid|logsource|detectedlevel|linecount|punct|splunkserver|splunkservergroup|timestartpos|timeendpos|eventtype|tag|date(?:hour|mday|minute|month|second|wday|year|zone))$/;

function isLabelColumn(header: string): boolean {
  const name = header.replace(/\s*\[[^\]]*\]$/, ''); // Log Analytics' `TimeGenerated [UTC]`
  const role = roleOfKey(name);
  // a platform's own fields, named with `@` or `_` (CloudWatch's @log, @logStream, @ptr; Splunk's
  // _bkt, _cd, _serial, _si, _indextime; a search index's _id, _score), unless they are a level or ids
  if (/^[@_]/.test(name.trim()) && role !== 'level' && role !== 'trace' && role !== 'span') return true;
  if (LABEL_NAMES.test(norm(name))) return true; // (Loki's detected_level: a level it guessed from the line, no field of the source)
  return role !== undefined && LABEL_ROLES.has(role);
}

const SPAN_COLUMNS = /^(spanid|parentid|parentspanid|operationname|starttime|starttimeunixnano|endtime|endtimeunixnano|duration|durationus|durationms)$/;

export function sniffCsvLogs(input: SniffInput): number {
  let text = input.text.replace(/^\uFEFF/, '');
  const sep = excelSepLine(text);
  if (sep) text = sep.rest;
  const nl = text.indexOf('\n');
  if (nl < 0 && !input.complete) return 0;
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (first.trim() === '' || first[0] === '{' || first[0] === '[' || first[0] === '#') return 0;
  // a headerless PostgreSQL csvlog (its first record may run over several lines: a quoted message)
  if (!sep && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[^,]*,/.test(first)) {
    const rows = Papa.parse<string[]>(text.slice(0, 16384), { delimiter: ',', preview: 2 }).data;
    if (rows.length > 0 && (rows.length > 1 || input.complete) && postgresCsvlogHeader(rows[0]!)) return 0.9;
  }
  const delimiter = sep?.delimiter ?? detectDelimiter(first);
  const raw = (Papa.parse<string[]>(first, { delimiter }).data[0] ?? []).map((h) => h.trim());
  if (raw.length < 2) return 0;
  // header cells look like names (in any language), not data
  if (!raw.every((h) => h.length > 0 && h.length <= 48 && /^[\p{L}_@][\p{L}\p{N}_ .@/()%[\]'’-]*$/u.test(h))) return 0;
  const header = raw.map(englishColumn);
  const rest = nl < 0 ? '' : text.slice(nl + 1);
  const second = Papa.parse<string[]>(rest.slice(0, 16384), { delimiter }).data[0];
  const layout = layoutCsvLogs(header) ?? layoutWithUnnamedMessage(header, firstRows(rest, delimiter, input.complete)) ?? layoutWithoutMessage(header);
  if (!layout) {
    // A log's header, its time and level named, without a message column (in no language the
    // importer knows): claimed, so the decoder says which column it could not map, rather than
    // every row read as a line of text with the header as the first.
    const roles = header.map(roleOfKey);
    return roles.includes('time') && roles.includes('level') && second?.length === header.length ? 0.6 : 0;
  }
  const names = header.map(norm);
  const timeish = names.some((n) => /time|date|ts|timestamp/.test(n));
  const spanish = names.filter((n) => SPAN_COLUMNS.test(n)).length;
  if (spanish >= 3) return 0.3; // more like spans with a log-ish column
  // the next row should have as many fields as the header (and the unnamed message)
  const consistent = second ? second.length === layout.width : input.complete;
  return (timeish ? 0.85 : 0.7) - (consistent ? 0 : 0.3);
}

/** The first data rows of the sniffed text (the last one dropped when the window may cut it), blank rows left out. */
function firstRows(rest: string, delimiter: string, complete: boolean): string[][] {
  const rows = Papa.parse<string[]>(rest, { delimiter, preview: UNNAMED_MESSAGE_ROWS + 1 }).data;
  if (!complete || rows.length > UNNAMED_MESSAGE_ROWS) rows.pop();
  return rows.filter((r) => !isBlankRow(r)).slice(0, UNNAMED_MESSAGE_ROWS);
}

export const csvLogs: FormatSpec = {
  id: 'csv-logs',
  signal: 'logs',
  label: 'CSV logs (message column + optional time/level/service/trace columns)',
  sniff: sniffCsvLogs,
  create: (ctx) => new CsvLogsDecoder(ctx),
};
