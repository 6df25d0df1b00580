// Example records behind a finding: at most EXAMPLE_CAP per check, chosen deterministically as the
// first by (file, line, offset, excerpt) so that the choice never depends on the order in which
// records or merged states arrive.
import type { AttrValue, SignalRecord } from '../model/index.js';
import { maskSensitive } from './sensitive.js';

export const EXAMPLE_CAP = 5;
export const EXCERPT_CHARS = 200;

export interface ExampleRecord {
  file: string;
  line?: number;
  offset?: number;
  excerpt: string;
  note?: string;
}

export function compareExamples(a: ExampleRecord, b: ExampleRecord): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const la = a.line ?? -1;
  const lb = b.line ?? -1;
  if (la !== lb) return la - lb;
  const oa = a.offset ?? -1;
  const ob = b.offset ?? -1;
  if (oa !== ob) return oa - ob;
  if (a.excerpt !== b.excerpt) return a.excerpt < b.excerpt ? -1 : 1;
  const na = a.note ?? '';
  const nb = b.note ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Insert keeping the list sorted, unique and capped. Mutates and returns `list`. */
export function addExample(list: ExampleRecord[], ex: ExampleRecord, cap = EXAMPLE_CAP): ExampleRecord[] {
  if (list.length >= cap && compareExamples(ex, list[list.length - 1]!) >= 0) return list;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareExamples(list[mid]!, ex) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo < list.length && compareExamples(list[lo]!, ex) === 0) return list;
  list.splice(lo, 0, ex);
  if (list.length > cap) list.length = cap;
  return list;
}

export function mergeExamples(into: ExampleRecord[], from: readonly ExampleRecord[], cap = EXAMPLE_CAP): ExampleRecord[] {
  for (const ex of from) addExample(into, ex, cap);
  return into;
}

/**
 * Would this record make it into a full list? Lets callers skip building the excerpt, which only
 * breaks ties between records at the same file, line and offset (the points of one series in a
 * one-line Prometheus API matrix share a line; without the offset every one of them was rendered).
 */
export function wouldKeep(list: readonly ExampleRecord[], source: { file: string; line?: number; offset?: number }, cap = EXAMPLE_CAP): boolean {
  if (list.length < cap) return true;
  const last = list[list.length - 1]!;
  if (source.file !== last.file) return source.file < last.file;
  const line = source.line ?? -1;
  const lastLine = last.line ?? -1;
  if (line !== lastLine) return line < lastLine;
  return (source.offset ?? -1) <= (last.offset ?? -1);
}

function clip(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? flat.slice(0, EXCERPT_CHARS - 1) + '…' : flat;
}

export function attrText(v: AttrValue): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * `attrText` of at most its first `max` characters, without rendering the rest: a huge string is
 * sliced, a huge object or array is serialised only until `max` characters are out (the same
 * text as JSON.stringify up to there). A log body of a million members cost seconds per example.
 */
export function attrTextHead(v: AttrValue, max: number): string {
  if (typeof v === 'string') return v.length > max ? v.slice(0, max) : v;
  if (v === null || typeof v !== 'object') return attrText(v).slice(0, max);
  const parts: string[] = [];
  let len = 0;
  const push = (t: string): boolean => {
    parts.push(t);
    len += t.length;
    return len < max;
  };
  const walk = (x: AttrValue, depth: number): boolean => {
    if (typeof x === 'string') return push(JSON.stringify(x.length > max ? x.slice(0, max) : x));
    if (x === null || typeof x !== 'object') return push(JSON.stringify(x) ?? 'null');
    if (depth > 128) return push('…');
    if (Array.isArray(x)) {
      if (!push('[')) return false;
      for (let i = 0; i < x.length; i++) if ((i > 0 && !push(',')) || !walk(x[i]!, depth + 1)) return false;
      return push(']');
    }
    if (!push('{')) return false;
    let first = true;
    for (const k in x) {
      if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
      if (!push((first ? '' : ',') + JSON.stringify(k) + ':') || !walk(x[k]!, depth + 1)) return false;
      first = false;
    }
    return push('}');
  };
  walk(v, 0);
  const out = parts.join('');
  return out.length > max ? out.slice(0, max) : out;
}

/**
 * Text read into an excerpt before masking and clipping: well past what is shown, so masking sees
 * each shown token whole, but bounded — a 50 MB log message is not copied, flattened and
 * regex-scanned for a 200-character excerpt (that took 14 s and gigabytes per example).
 */
const EXCERPT_SOURCE_CHARS = EXCERPT_CHARS * 8;

function head(s: string): string {
  return s.length > EXCERPT_SOURCE_CHARS ? s.slice(0, EXCERPT_SOURCE_CHARS) : s;
}

/** A short, masked, human-readable rendering of a record for evidence lists. */
export function excerptOf(record: SignalRecord): string {
  let s: string;
  if (record.kind === 'log') {
    const sev = record.severityText ?? (record.severityNumber !== undefined ? `sev=${record.severityNumber}` : '');
    s = (sev ? sev + ' ' : '') + attrTextHead(record.body, EXCERPT_SOURCE_CHARS);
  } else if (record.kind === 'span') {
    s = `span "${record.name}" kind=${record.spanKind} status=${record.status.code} trace=${record.traceId} span=${record.spanId}` + (record.parentSpanId ? ` parent=${record.parentSpanId}` : '');
    const keys = Object.keys(record.attributes).sort();
    if (keys.length) s += ' ' + keys.map((k) => `${k}=${attrTextHead(record.attributes[k]!, EXCERPT_SOURCE_CHARS)}`).join(' ');
  } else {
    const labels = Object.keys(record.labels)
      .sort()
      .map((k) => `${k}="${head(record.labels[k]!)}"`)
      .join(',');
    const v = record.value ?? record.histogram?.count ?? record.exponentialHistogram?.count ?? record.summary?.count;
    s = `${record.name}{${labels}} ${v === undefined ? '' : String(v)}` + (record.unit ? ` unit=${record.unit}` : '') + ` type=${record.type}`;
  }
  return clip(maskSensitive(head(s)));
}

// Several checks may take the same record as an example one after the other: render it once.
let lastExcerptRecord: SignalRecord | undefined;
let lastExcerpt = '';

export function exampleOf(record: SignalRecord, note?: string): ExampleRecord {
  if (record !== lastExcerptRecord) {
    lastExcerpt = excerptOf(record);
    lastExcerptRecord = record;
  }
  const ex: ExampleRecord = { file: record.source.file, excerpt: lastExcerpt };
  if (record.source.line !== undefined) ex.line = record.source.line;
  if (record.source.offset !== undefined) ex.offset = record.source.offset;
  if (note !== undefined) ex.note = note;
  return ex;
}
