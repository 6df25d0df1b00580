// Bounds on one record's size before the analysis sees it. A Prometheus sample with a million
// labels or a span with a million attributes fits in one 64 MB line; kept whole it cost the
// profile minutes and gigabytes (a 38 MB line of 3M labels: 94 s, 2.4 GB). OpenTelemetry SDKs cap
// attributes the same way (attribute count limit, default 128; event and link count limits) and
// count what they drop; here the cap is far above anything instrumented on purpose.
// An importer may stop storing a huge map at the bound itself (a 3M-label line no longer builds
// 3M labels first): it keeps the first ones and counts the rest in the record's `droppedLabels` /
// `droppedAttributes`, which are reported here with the ones trimmed here.
import { MAX_RECORD_ATTRIBUTES, type Attributes, type Resource, type SignalRecord } from '../model/index.js';
import { setOwn } from '../model/own-key.js';

export { MAX_RECORD_ATTRIBUTES };
/** Span events and links kept per span. */
export const MAX_SPAN_EVENTS = 1024;

/** Cheap for the usual small map (for-in stops early); a huge one is listed once by `trim`. */
function over(obj: object, max: number): boolean {
  let n = 0;
  for (const _ in obj) if (++n > max) return true;
  return false;
}

/** The first `max` entries of an oversized map, and how many were dropped. */
function trim<T>(obj: Record<string, T>, max: number): { kept: Record<string, T>; dropped: number } {
  const keys = Object.keys(obj);
  const kept: Record<string, T> = {};
  for (let i = 0; i < max && i < keys.length; i++) setOwn(kept, keys[i]!, obj[keys[i]!]!);
  return { kept, dropped: Math.max(0, keys.length - max) };
}

/** Trims records beyond the bounds; remembers each oversized Resource's trimmed copy. */
export class RecordLimiter {
  private lastResource: Resource | undefined;
  private lastTrimmed: Resource | undefined;
  private readonly resources = new WeakMap<Resource, Resource>();

  /**
   * Bounds `record` in place (its own maps; a shared Resource is replaced, never changed) and
   * says what was dropped, or `undefined` when nothing was.
   */
  bound(record: SignalRecord): string | undefined {
    // The usual record passes with a few key counts and no allocation.
    let dropped: string[] | undefined;
    const r = record.resource;
    if (r !== this.lastResource) {
      this.lastResource = r;
      this.lastTrimmed = this.resources.get(r);
      if (this.lastTrimmed === undefined) {
        let fixed = r;
        if (over(r.attributes, MAX_RECORD_ATTRIBUTES)) {
          const t = trim(r.attributes, MAX_RECORD_ATTRIBUTES);
          fixed = { ...r, attributes: t.kept };
          (dropped ??= []).push(`${t.dropped} resource attributes`);
        }
        // A service name of only spaces names no service (the record counts as unnamed, as an
        // empty one does), rather than a service called "  ".
        if (fixed.serviceName !== undefined && fixed.serviceName.trim() === '' && fixed.serviceName !== '') {
          fixed = { ...fixed };
          delete fixed.serviceName;
        }
        if (fixed !== r) {
          this.lastTrimmed = fixed;
          this.resources.set(r, fixed);
        }
      }
    }
    if (this.lastTrimmed !== undefined) record.resource = this.lastTrimmed;
    if (record.kind === 'metric') {
      let n = record.droppedLabels ?? 0;
      if (over(record.labels, MAX_RECORD_ATTRIBUTES)) {
        const t = trim(record.labels, MAX_RECORD_ATTRIBUTES);
        n += t.dropped;
        record.labels = t.kept;
      }
      if (n > 0) (dropped ??= []).push(`${n} labels`);
      // A label with an empty value is the same as no label (Prometheus's data model): one series
      // whether a scrape writes `instance=""` or leaves it out (Pushgateway, federation).
      if (hasEmptyValue(record.labels)) record.labels = withoutEmptyValues(record.labels);
    } else {
      let n = record.kind === 'log' ? (record.droppedAttributes ?? 0) : 0;
      if (over(record.attributes, MAX_RECORD_ATTRIBUTES)) {
        const t = trim(record.attributes, MAX_RECORD_ATTRIBUTES);
        n += t.dropped;
        record.attributes = t.kept;
      }
      if (n > 0) (dropped ??= []).push(`${n} attributes`);
      if (record.kind === 'log') {
        // A structured body is a map too (a JSON log line's message object); its first level is bounded.
        const b = record.body;
        if (b !== null && typeof b === 'object') {
          if (Array.isArray(b)) {
            if (b.length > MAX_RECORD_ATTRIBUTES) {
              (dropped ??= []).push(`${b.length - MAX_RECORD_ATTRIBUTES} body elements`);
              record.body = b.slice(0, MAX_RECORD_ATTRIBUTES);
            }
          } else {
            let n = record.droppedBodyMembers ?? 0;
            if (over(b, MAX_RECORD_ATTRIBUTES)) {
              const t = trim(b, MAX_RECORD_ATTRIBUTES);
              n += t.dropped;
              record.body = t.kept;
            }
            if (n > 0) (dropped ??= []).push(`${n} body members`);
          }
        }
      } else {
        if (record.events.length > 0) dropped = boundList(record.events, 'events', dropped);
        if (record.links.length > 0) dropped = boundList(record.links, 'links', dropped);
      }
    }
    if (dropped === undefined) return undefined;
    return `record with more than the analysed ${MAX_RECORD_ATTRIBUTES} attributes/labels (or ${MAX_SPAN_EVENTS} events/links): the first kept, ${dropped.join(', ')} dropped`;
  }
}

/** Nanoseconds of the latest instant a date can name (JavaScript's Date range, ±8.64e15 ms: year 275,760). */
const MAX_DATE_NS = 8_640_000_000_000_000_000_000n;
const beyond = (ns: bigint | undefined): boolean => ns !== undefined && (ns > MAX_DATE_NS || ns < -MAX_DATE_NS);

/**
 * A time no calendar can name (a nanosecond count written where milliseconds belong is year
 * 53 million) is dropped from the record, which is kept without it: the problem is named rather
 * than shown as a date nobody can read. Returns the first such time, for the error.
 */
export function boundTimes(record: SignalRecord): bigint | undefined {
  if (record.kind === 'span') {
    // start and end go together: a duration from one of them alone would be as wrong
    if (!beyond(record.startNs) && !beyond(record.endNs)) return undefined;
    const bad = beyond(record.startNs) ? record.startNs : record.endNs;
    delete record.startNs;
    delete record.endNs;
    return bad;
  }
  if (record.kind === 'log') return dropBeyond(record, 'observedTimeNs', dropBeyond(record, 'timeNs', undefined));
  let bad = dropBeyond(record, 'startTimeNs', dropBeyond(record, 'timeNs', undefined));
  for (const e of record.exemplars) bad = dropBeyond(e, 'timeNs', bad);
  return bad;
}

/** Deletes `o[key]` when it is past any date; returns the first such time (`bad`, else this one). */
function dropBeyond<K extends string>(o: { [k in K]?: bigint }, key: K, bad: bigint | undefined): bigint | undefined {
  const ns = o[key];
  if (!beyond(ns)) return bad;
  delete o[key];
  return bad ?? ns;
}

function hasEmptyValue(labels: Record<string, string>): boolean {
  for (const k in labels) if (labels[k] === '') return true;
  return false;
}

/** A copy without the empty-valued labels (label maps may be shared between points: never changed). */
function withoutEmptyValues(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in labels) if (labels[k] !== '') setOwn(out, k, labels[k]!);
  return out;
}

/** A span's events or links: their number, then each one's attributes. */
function boundList(list: { attributes: Attributes }[], what: string, dropped: string[] | undefined): string[] | undefined {
  if (list.length > MAX_SPAN_EVENTS) {
    (dropped ??= []).push(`${list.length - MAX_SPAN_EVENTS} ${what}`);
    list.length = MAX_SPAN_EVENTS;
  }
  let inner = 0;
  for (const item of list) {
    if (!over(item.attributes, MAX_RECORD_ATTRIBUTES)) continue;
    const t = trim(item.attributes, MAX_RECORD_ATTRIBUTES);
    inner += t.dropped;
    item.attributes = t.kept;
  }
  if (inner > 0) (dropped ??= []).push(`${inner} attributes of its ${what}`);
  return dropped;
}

const DAY_NS = 86_400_000_000_000n;
/** 0001-01-01T00:00:00Z in ns since 1970: Go's zero time.Time, .NET's DateTime.MinValue, Java's LocalDateTime of year 1. */
const YEAR_ONE_NS = -62_135_596_800_000_000_000n;
/** 0002-01-01T00:00:00Z. */
const YEAR_TWO_NS = YEAR_ONE_NS + 365n * DAY_NS;
/** The day before year 1 (see isYearOneTime). */
const YEAR_ONE_EVE_NS = YEAR_ONE_NS - DAY_NS;

/**
 * A time in year 1 (or the day before it: year 1's first instant written at a zone's local time
 * west of UTC, without the zone, is 0000-12-31): the zero value of a time type (Go's time.Time{},
 * .NET's DateTime.MinValue) written for a time that was never set. No telemetry is from then.
 */
export function isYearOneTime(ns: bigint | undefined): boolean {
  // (every span's times pass here: a real time fails the first test, with no bigint made per call)
  return ns !== undefined && ns < YEAR_TWO_NS && ns >= YEAR_ONE_EVE_NS;
}

/**
 * Times written as a date that mean "unset": a year-1 time is dropped from the record, as OTLP's
 * time 0 is (the record is kept without it; a span loses start and end together, a duration from
 * one of them alone being as wrong); a log's time of exactly 0 (1970-01-01T00:00:00Z written in a
 * text or JSON log) is kept as 0, which the analysis reads as unset already (see log-profile.ts,
 * signals-summary.ts) — not in OTLP (`zeroIsWritten` false), where 0 is how the protocol says
 * "unknown". True when the record had such a time, for the input's notice.
 */
export function dropUnsetTimes(record: SignalRecord, zeroIsWritten = true): boolean {
  if (record.kind === 'span') {
    if (!isYearOneTime(record.startNs) && !isYearOneTime(record.endNs)) return false;
    delete record.startNs;
    delete record.endNs;
    return true;
  }
  if (record.kind === 'log') {
    // (in OTLP, time 0 is the protocol's own "unknown": no notice, the observed time stands in)
    const zero = zeroIsWritten && record.timeNs === 0n;
    const year1 = dropYearOne(record, 'timeNs');
    return dropYearOne(record, 'observedTimeNs') || year1 || zero;
  }
  let found = dropYearOne(record, 'timeNs');
  found = dropYearOne(record, 'startTimeNs') || found;
  for (const e of record.exemplars) found = dropYearOne(e, 'timeNs') || found;
  return found;
}

function dropYearOne<K extends string>(o: { [k in K]?: bigint }, key: K): boolean {
  if (!isYearOneTime(o[key])) return false;
  delete o[key];
  return true;
}

/** The input's notice for its records with an unset time (dropUnsetTimes): how many, from the first of them on. */
export function unsetTimesMessage(count: number): string {
  const n = count === 1 ? '1 record has' : `${count} records have`;
  return `${n} an unset time written as a date (year 1, e.g. Go's zero time 0001-01-01T00:00:00Z, or 1970-01-01T00:00:00Z, time 0), the first at this place: read as unset, as OTLP's time 0 is; the records are kept`;
}

