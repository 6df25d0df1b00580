// Example records behind a finding: at most EXAMPLE_CAP per check, chosen deterministically as the
// first by (file, line, offset, excerpt) so that the choice never depends on the order in which
// records or merged states arrive.
import type { AttrValue, MetricPoint, SignalRecord } from '../model/index.js';
import { pointSeries } from './point-series.js';
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

type ExampleSource = { file: string; line?: number; offset?: number };

/**
 * Would this record make it into a full list? Lets callers skip building the excerpt, which only
 * breaks ties between records at the same file, line and offset (the points of one series in a
 * one-line Prometheus API matrix share a line; without the offset every one of them was rendered).
 */
export function wouldKeep(list: readonly ExampleRecord[], source: ExampleSource, cap = EXAMPLE_CAP): boolean {
  return list.length < cap || notAfter(source, list[list.length - 1]!);
}

/** Is `source` at or before `ex` by (file, line, offset)? Only then can its record come first. */
export function notAfter(source: ExampleSource, ex: ExampleRecord): boolean {
  if (source.file !== ex.file) return source.file < ex.file;
  const line = source.line ?? -1;
  const exLine = ex.line ?? -1;
  if (line !== exLine) return line < exLine;
  return (source.offset ?? -1) <= (ex.offset ?? -1);
}

function flatten(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function cap(flat: string): string {
  return flat.length > EXCERPT_CHARS ? flat.slice(0, EXCERPT_CHARS - 1) + '…' : flat;
}

function clip(s: string): string {
  return cap(flatten(s).trim());
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

/** Whether `word` occurs in `text` as a whole word, ignoring case. */
function containsWord(text: string, word: string): boolean {
  const lower = text.toLowerCase();
  const w = word.toLowerCase();
  for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + 1)) {
    const before = at === 0 ? '' : lower[at - 1]!;
    const after = lower[at + w.length] ?? '';
    if (!/[a-z0-9_]/.test(before) && !/[a-z0-9_]/.test(after)) return true;
  }
  return false;
}

/** A short, masked, human-readable rendering of a record for evidence lists. */
export function excerptOf(record: SignalRecord): string {
  let s: string;
  if (record.kind === 'log') {
    const sev = record.severityText ?? (record.severityNumber !== undefined ? `sev=${record.severityNumber}` : '');
    const body = attrTextHead(record.body, EXCERPT_SOURCE_CHARS);
    // A text line that shows its level already is quoted as it is (a user greps for it), not prefixed.
    s = (sev && !(typeof record.body === 'string' && containsWord(body, sev)) ? sev + ' ' : '') + body;
  } else if (record.kind === 'span') {
    s = `span "${record.name}" kind=${record.spanKind} status=${record.status.code} trace=${record.traceId} span=${record.spanId}` + (record.parentSpanId ? ` parent=${record.parentSpanId}` : '');
    const keys = Object.keys(record.attributes).sort();
    if (keys.length) s += ' ' + keys.map((k) => `${k}=${attrTextHead(record.attributes[k]!, EXCERPT_SOURCE_CHARS)}`).join(' ');
  } else s = metricSeriesText(record) + metricValueText(record) + metricSuffixText(record);
  return clip(maskSensitive(head(s)));
}

// A metric point's excerpt text is `${name}{${labels}} ` + value + ` unit=… type=…`: all but the
// value is fixed by its series (name, labels, unit and type).
function metricSeriesText(p: MetricPoint): string {
  const labels = Object.keys(p.labels)
    .sort()
    .map((k) => `${k}="${head(p.labels[k]!)}"`)
    .join(',');
  return `${p.name}{${labels}} `;
}

function metricValueText(p: MetricPoint): string {
  const v = p.value ?? p.histogram?.count ?? p.exponentialHistogram?.count ?? p.summary?.count;
  return v === undefined ? '' : String(v);
}

function metricSuffixText(p: MetricPoint): string {
  return (p.unit ? ` unit=${p.unit}` : '') + ` type=${p.type}`;
}

/** Number text shorter than this is never changed by maskSensitive (see SeriesExcerpt). */
const MASKABLE_NUMBER_CHARS = 13;

/**
 * The excerpts of one series' points, the same strings as excerptOf renders, with the series'
 * part masked and flattened once: in series-per-line formats (Prometheus API matrix,
 * VictoriaMetrics export) all points of a series share file, line and offset, so every point was
 * rendered and masked to break the tie. Why the parts can be masked and flattened apart, for
 * text P + V + S (series part, value, suffix) no longer than the head excerptOf reads:
 * - masking: P ends in `} `, V is a number's text (no white space) and S starts with a space.
 *   No pattern of maskSensitive matches across `} ` (none matches a `}` followed by a space, or a
 *   space after a `}`) nor across a space then a letter (` unit=`, ` type=`); their look-behinds
 *   and \b see a space or the start of the text at the start of V and S alike. So
 *   mask(P + V + S) = mask(P) + mask(V) + mask(S). A number's text has no '@' and none of the
 *   words the patterns need (it is digits, '.', 'e', '+', '-', NaN, Infinity), so only the card
 *   number pattern can match it, and that one replaces 13 digits or more: shorter text stays.
 * - flattening and trimming: mask(P) still ends in a space after a non-space, and mask(S) ends
 *   in a non-space (the type, or a mask's '>'), so the white-space runs of the parts never meet
 *   across them but at that one space, and trim touches only the start of P and the end of S.
 */
export class SeriesExcerpt {
  /** P and S chars: the point's value text must fit into EXCERPT_SOURCE_CHARS with them. */
  private readonly fixedChars: number;
  /** flatten(mask(P) without its last space), trimmed at the start. */
  private readonly lead: string;
  /** flatten(mask(S)). */
  private readonly tail: string;
  /** The excerpt of a point without a value. */
  private readonly noValue: string;
  /** The excerpt of every point when the series part alone fills it. */
  private readonly full: string | undefined;

  constructor(p: MetricPoint) {
    const series = metricSeriesText(p);
    const suffix = metricSuffixText(p);
    this.fixedChars = series.length + suffix.length;
    const maskedSeries = maskSensitive(series);
    const maskedSuffix = maskSensitive(suffix);
    this.lead = flatten(maskedSeries.slice(0, -1)).trimStart();
    this.tail = flatten(maskedSuffix);
    this.noValue = cap(this.lead + flatten(' ' + maskedSuffix));
    // lead + at least ' ' + type: longer than EXCERPT_CHARS once lead has EXCERPT_CHARS - 1.
    this.full = this.lead.length >= EXCERPT_CHARS - 1 ? this.lead.slice(0, EXCERPT_CHARS - 1) + '…' : undefined;
  }

  /** The excerpt of a point of this series whose value text is `value`; undefined when excerptOf would cut the text (render it in full). */
  render(value: string): string | undefined {
    if (this.fixedChars + value.length > EXCERPT_SOURCE_CHARS) return undefined;
    if (this.full !== undefined) return this.full;
    if (value === '') return this.noValue;
    return cap(this.lead + ' ' + (value.length < MASKABLE_NUMBER_CHARS ? value : maskSensitive(value)) + this.tail);
  }
}

/** excerptOf for a metric point, from its series' cached parts. */
export function metricExcerpt(p: MetricPoint): string {
  const series = pointSeries(p);
  const value = metricValueText(p);
  return (series.excerpt ??= new SeriesExcerpt(p)).render(value) ?? excerptOf(p);
}

// Several checks may take the same record as an example one after the other: render it once.
let lastExcerptRecord: SignalRecord | undefined;
let lastExcerpt = '';

export function exampleOf(record: SignalRecord, note?: string): ExampleRecord {
  if (record !== lastExcerptRecord) {
    lastExcerpt = record.kind === 'metric' ? metricExcerpt(record) : excerptOf(record);
    lastExcerptRecord = record;
  }
  const ex: ExampleRecord = { file: record.source.file, excerpt: lastExcerpt };
  if (record.source.line !== undefined) ex.line = record.source.line;
  if (record.source.offset !== undefined) ex.offset = record.source.offset;
  if (note !== undefined) ex.note = note;
  return ex;
}
