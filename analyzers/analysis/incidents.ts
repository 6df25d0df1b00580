// Labelled incidents (CLI `--incidents FILE`, the app's "Incident labels" picker): CSV with a
// header, a JSON array of rows, JSON Lines, or a JSON object whose values are arrays of rows
// (incident lists grouped by hour or day). The shape is found from the content, never from the
// file name. Columns are found by name: id; start (start, time, timestamp, inject_time, …); end;
// service (service, root_cause, pod, inject_pod, …); fault (fault, type, inject_type, …).
// Times go through the importers' parseTimestamp (RFC 3339, epoch s/ms/µs/ns, "YYYY-MM-DD hh:mm:ss"
// read as UTC). Pure: no file system, so the Node adapter (analyzers/node/incidents.ts) and the
// renderer share it. It lives in analysis, not correlation, because it reads a file format
// (correlation may not import the importers' time parsing).
import Papa from 'papaparse';
import { parseTimestamp } from '../importers/common/time.js';
import type { Incident } from '../correlation/types.js';

export type { Incident } from '../correlation/types.js';

export const MAX_INCIDENTS = 10_000;
/** Incident lists are small; a larger file is almost certainly telemetry picked by mistake. */
export const MAX_INCIDENTS_FILE_BYTES = 64 * 1024 * 1024;
/** Issues kept per file: a wrong file must not produce one message per line. */
export const MAX_INCIDENT_ISSUES = 50;
// Objects nested deeper than this are not searched for rows (guards the recursion).
const MAX_GROUP_DEPTH = 8;

export type IncidentIssueCode =
  | 'unreadable'
  | 'no-rows'
  | 'missing-start'
  | 'invalid-start'
  | 'invalid-end'
  | 'missing-service'
  | 'too-many'
  | 'more-issues';

export interface IncidentIssue {
  code: IncidentIssueCode;
  /** 1-based row number among the rows found. */
  row?: number;
  message: string;
}

export interface IncidentsFile {
  incidents: Incident[];
  issues: IncidentIssue[];
}

const squash = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, '');
const KEYS = {
  id: ['id', 'incidentid', 'incident', 'caseid', 'name'],
  start: ['start', 'starttime', 'startts', 'begin', 'injecttime', 'injecttimestamp', 'time', 'timestamp', 'faulttime', 'onset'],
  end: ['end', 'endtime', 'endts', 'stop', 'recoverytime'],
  service: ['service', 'servicename', 'rootcause', 'rootcauseservice', 'culprit', 'injectservice', 'injectpod', 'pod', 'podname', 'component'],
  fault: ['fault', 'faulttype', 'type', 'injecttype', 'kind', 'anomalytype'],
};

type Row = Record<string, unknown>;

function pick(row: Row, wanted: string[]): string | number | undefined {
  let best: { v: string | number; rank: number } | undefined;
  for (const [k, v] of Object.entries(row)) {
    const rank = wanted.indexOf(squash(k));
    if (rank < 0 || v === null || v === undefined || v === '') continue;
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    if (!best || rank < best.rank) best = { v: typeof v === 'string' ? v.trim() : v, rank };
  }
  return best?.v;
}

const hasColumn = (row: Row, wanted: string[]) => Object.keys(row).some((k) => wanted.includes(squash(k)));
const isRow = (r: unknown): r is Row => r !== null && typeof r === 'object' && !Array.isArray(r);

function rowsOfJson(value: unknown, depth = 0): Row[] {
  if (Array.isArray(value)) return value.filter(isRow);
  if (isRow(value) && depth < MAX_GROUP_DEPTH) {
    // A single incident object, or {incidents: [...]}, or groups {"11": [...], "12": [...]}.
    if (pick(value, KEYS.start) !== undefined) return [value];
    const out: Row[] = [];
    for (const k of Object.keys(value).sort()) {
      for (const r of rowsOfJson(value[k], depth + 1)) out.push(r);
    }
    return out;
  }
  return [];
}

function readRows(t: string, issues: IncidentIssue[]): Row[] {
  if (!(t.startsWith('[') || t.startsWith('{'))) {
    const parsed = Papa.parse<Row>(t, { header: true, skipEmptyLines: 'greedy' });
    // (a quote that never closes, a row of the wrong width: said with its row, as the rows' own problems are)
    // (papaparse counts a quote error's row with the header, a field-count error's without; its
    // guess at a delimiter is no problem of the file)
    for (const e of parsed.errors.filter((x) => x.type !== 'Delimiter').slice(0, 20)) {
      const row = e.row === undefined ? undefined : e.type === 'Quotes' ? e.row : e.row + 1;
      issues.push({ code: 'unreadable', message: `${row !== undefined ? `row ${row}: ` : ''}${e.message}` });
    }
    return parsed.data;
  }
  try {
    return rowsOfJson(JSON.parse(t));
  } catch {
    // JSON Lines: one object per line
    const rows: Row[] = [];
    let lineNo = 0;
    for (const line of t.split(/\r?\n/)) {
      lineNo++;
      const l = line.trim();
      if (l === '') continue;
      try {
        for (const r of rowsOfJson(JSON.parse(l))) rows.push(r);
      } catch {
        issues.push({ code: 'unreadable', message: `line ${lineNo}: not JSON: ${l.slice(0, 60)}` });
      }
    }
    return rows;
  }
}

const list = (keys: string[]) => keys.slice(0, 6).join(', ') + ', …';

/** Parse an incidents file's text. Problems are returned as data, never thrown. */
export function parseIncidents(text: string): IncidentsFile {
  const issues: IncidentIssue[] = [];
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t.includes('\u0000')) {
    return { incidents: [], issues: [{ code: 'unreadable', message: 'binary content, not a CSV or JSON incidents file' }] };
  }
  let rows = readRows(t, issues);
  if (rows.length === 0) issues.push({ code: 'no-rows', message: 'no incident rows found (need a header or keys: start, service, optional id/end/fault)' });
  if (rows.length > MAX_INCIDENTS) {
    issues.push({ code: 'too-many', message: `${rows.length} rows; only the first ${MAX_INCIDENTS} are used` });
    rows = rows.slice(0, MAX_INCIDENTS);
  }
  // A file without a start or service column at all (e.g. telemetry picked by mistake) gets one
  // message naming the columns it has, not one per row.
  const columns = [...new Set(rows.slice(0, 100).flatMap((r) => Object.keys(r)))];
  const found = `columns found: ${columns.slice(0, 12).join(', ') || 'none'}${columns.length > 12 ? ', …' : ''}`;
  if (rows.length > 0 && !rows.some((r) => hasColumn(r, KEYS.start))) {
    issues.push({ code: 'missing-start', message: `no start-time column (looked for ${list(KEYS.start)}); ${found}` });
    return { incidents: [], issues: capIssues(issues) };
  }
  if (rows.length > 0 && !rows.some((r) => hasColumn(r, KEYS.service))) {
    issues.push({ code: 'missing-service', message: `no root-cause service column (looked for ${list(KEYS.service)}); ${found}` });
    return { incidents: [], issues: capIssues(issues) };
  }
  const incidents: Incident[] = [];
  rows.forEach((row, i) => {
    const n = i + 1;
    const start = pick(row, KEYS.start);
    if (start === undefined) return void issues.push({ code: 'missing-start', row: n, message: `row ${n}: no start time` });
    const ps = parseTimestamp(start);
    if (!ps) return void issues.push({ code: 'invalid-start', row: n, message: `row ${n}: cannot read start time "${String(start).slice(0, 60)}"` });
    const service = pick(row, KEYS.service);
    if (service === undefined) return void issues.push({ code: 'missing-service', row: n, message: `row ${n}: no root-cause service` });
    const inc: Incident = { id: String(pick(row, KEYS.id) ?? `incident-${n}`), startNs: ps.ns, service: String(service) };
    const end = pick(row, KEYS.end);
    if (end !== undefined) {
      const pe = parseTimestamp(end);
      if (pe && pe.ns > ps.ns) inc.endNs = pe.ns;
      else issues.push({ code: 'invalid-end', row: n, message: `row ${n}: end "${String(end).slice(0, 60)}" unreadable or not after start; ignored` });
    }
    const fault = pick(row, KEYS.fault);
    if (fault !== undefined) inc.fault = String(fault);
    incidents.push(inc);
  });
  return { incidents, issues: capIssues(issues) };
}

function capIssues(issues: IncidentIssue[]): IncidentIssue[] {
  if (issues.length <= MAX_INCIDENT_ISSUES) return issues;
  const kept = issues.slice(0, MAX_INCIDENT_ISSUES - 1);
  kept.push({ code: 'more-issues', message: `${issues.length - kept.length} more problems not listed` });
  return kept;
}

/**
 * Parse an incidents file's bytes, refusing files over the size cap. UTF-8 (BOM optional), or
 * UTF-16 with its BOM (what spreadsheet tools on Windows write for "Unicode text").
 */
export function parseIncidentsBytes(bytes: Uint8Array): IncidentsFile {
  if (bytes.byteLength > MAX_INCIDENTS_FILE_BYTES) {
    return { incidents: [], issues: [{ code: 'unreadable', message: `larger than ${MAX_INCIDENTS_FILE_BYTES / (1024 * 1024)} MB; an incidents file lists incidents, not telemetry` }] };
  }
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return parseIncidents(new TextDecoder(encoding).decode(bytes));
}
