// Reads a labelled-incidents file (`--incidents FILE`): CSV with a header, a JSON array of rows,
// JSON Lines, or a JSON object whose values are arrays of rows (incident lists grouped by hour or
// day). Columns are found by name: id; start (start, time, timestamp, inject_time, …); end;
// service (service, root_cause, pod, inject_pod, …); fault (fault, type, inject_type, …).
// Times go through the importers' parseTimestamp (RFC 3339, epoch s/ms/µs/ns, "YYYY-MM-DD hh:mm:ss"
// read as UTC). The file is read whole: incident lists are small (capped at MAX_INCIDENTS).
import { promises as fsp } from 'node:fs';
import Papa from 'papaparse';
import { parseTimestamp } from '../importers/common/time.js';
import type { Incident } from '../correlation/types.js';

export const MAX_INCIDENTS = 10_000;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type IncidentIssueCode = 'unreadable' | 'no-rows' | 'missing-start' | 'invalid-start' | 'invalid-end' | 'missing-service' | 'too-many';

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

function pick(row: Record<string, unknown>, wanted: string[]): string | number | undefined {
  let best: { v: string | number; rank: number } | undefined;
  for (const [k, v] of Object.entries(row)) {
    const rank = wanted.indexOf(squash(k));
    if (rank < 0 || v === null || v === undefined || v === '') continue;
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    if (!best || rank < best.rank) best = { v: typeof v === 'string' ? v.trim() : v, rank };
  }
  return best?.v;
}

function rowsOfJson(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // A single incident object, or {incidents: [...]}, or groups {"11": [...], "12": [...]}.
    if (pick(obj, KEYS.start) !== undefined) return [obj];
    const out: Record<string, unknown>[] = [];
    for (const k of Object.keys(obj).sort()) out.push(...rowsOfJson(obj[k]));
    return out;
  }
  return [];
}

export function parseIncidents(text: string): IncidentsFile {
  const issues: IncidentIssue[] = [];
  const t = text.replace(/^\uFEFF/, '').trim();
  let rows: Record<string, unknown>[] = [];
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      rows = rowsOfJson(JSON.parse(t));
    } catch {
      // JSON Lines: one object per line
      for (const line of t.split(/\r?\n/)) {
        const l = line.trim();
        if (l === '') continue;
        try {
          rows.push(...rowsOfJson(JSON.parse(l)));
        } catch {
          issues.push({ code: 'unreadable', message: `not JSON: ${l.slice(0, 60)}` });
        }
      }
    }
  } else {
    const parsed = Papa.parse<Record<string, string>>(t, { header: true, skipEmptyLines: true });
    rows = parsed.data;
  }
  if (rows.length === 0) issues.push({ code: 'no-rows', message: 'no incident rows found (need a header or keys: start, service, optional id/end/fault)' });
  if (rows.length > MAX_INCIDENTS) {
    issues.push({ code: 'too-many', message: `${rows.length} rows; only the first ${MAX_INCIDENTS} are used` });
    rows = rows.slice(0, MAX_INCIDENTS);
  }
  const incidents: Incident[] = [];
  rows.forEach((row, i) => {
    const n = i + 1;
    const start = pick(row, KEYS.start);
    if (start === undefined) return void issues.push({ code: 'missing-start', row: n, message: `row ${n}: no start time` });
    const ps = parseTimestamp(start);
    if (!ps) return void issues.push({ code: 'invalid-start', row: n, message: `row ${n}: cannot read start time "${String(start)}"` });
    const service = pick(row, KEYS.service);
    if (service === undefined) return void issues.push({ code: 'missing-service', row: n, message: `row ${n}: no root-cause service` });
    const inc: Incident = { id: String(pick(row, KEYS.id) ?? `incident-${n}`), startNs: ps.ns, service: String(service) };
    const end = pick(row, KEYS.end);
    if (end !== undefined) {
      const pe = parseTimestamp(end);
      if (pe && pe.ns > ps.ns) inc.endNs = pe.ns;
      else issues.push({ code: 'invalid-end', row: n, message: `row ${n}: end "${String(end)}" unreadable or not after start; ignored` });
    }
    const fault = pick(row, KEYS.fault);
    if (fault !== undefined) inc.fault = String(fault);
    incidents.push(inc);
  });
  return { incidents, issues };
}

export async function readIncidentsFile(path: string): Promise<IncidentsFile> {
  const st = await fsp.stat(path);
  if (st.size > MAX_FILE_BYTES) return { incidents: [], issues: [{ code: 'unreadable', message: `${path}: larger than ${MAX_FILE_BYTES} bytes` }] };
  return parseIncidents(await fsp.readFile(path, 'utf8'));
}
