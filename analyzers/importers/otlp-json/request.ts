// Whole-request mapping: one parsed ExportTrace/Metrics/LogsServiceRequest → records.
// `mapOtlpRequest` is the entry point for worker threads (they JSON.parse lines themselves);
// `mapOtlpText` adds the exact-int64 fallback when the raw text is at hand.
import { emptyResource, type Attributes, type Provenance, type Resource, type Scope, type SignalRecord } from '../../model/index.js';
import { MAX_DEPTH, type ImportErrorCode } from '../types.js';
import { MapError, describe, mapLogRecord, mapMetric, mapResource, mapScope, mapSpan, precision, int64Past, sayInt64Past, type OtlpOut } from './map.js';
import type { EpochUnit } from '../prometheus/numbers.js';
import type { RawOtlpLogRecord, RawOtlpMetric, RawOtlpRequest, RawOtlpResourceGroup, RawOtlpScopeGroup, RawOtlpSpan } from './raw.js';
import { mapZipkinSpan, ZipkinMapError, type ZipkinResources } from '../zipkin/map.js';
import { isZipkinV1Span, mapZipkinV1Span } from '../zipkin/map-v1.js';

export type { OtlpOut } from './map.js';

export const SIGNAL_SPANS = 0;
export const SIGNAL_METRICS = 1;
export const SIGNAL_LOGS = 2;
export type OtlpSignalIndex = 0 | 1 | 2;

/** Per signal: request key, scope-group keys (current, pre-1.0), item key. */
/** Root keys of a request written with proto field names instead of OTLP/JSON's lowerCamelCase. */
const SNAKE_ROOT_KEYS = ['resource_spans', 'resource_metrics', 'resource_logs', 'resource_profiles'] as const;

/** OTLP profiles (ExportProfilesServiceRequest): recognised as OTLP, reported, not read. */
export const PROFILES_KEY = 'resourceProfiles';
export const PROFILES_MESSAGE = 'OTLP profiles (resourceProfiles) are not read; only spans, metrics and logs are';

/**
 * Grafana Tempo's trace API (v2) marks a trace it cut `"status": "PARTIAL"` (with a `message`
 * saying why: the trace exceeds its size limit): the spans returned are read, and the answer is
 * said to be incomplete, as other importers say of an answer with more pages. `undefined` for
 * any other status (`COMPLETE`).
 */
export function partialTraceMessage(status: unknown, message: unknown): string | undefined {
  if (status !== 'PARTIAL') return undefined;
  const why = typeof message === 'string' && message !== '' ? `: ${JSON.stringify(message.slice(0, 300))}` : '';
  return `Grafana Tempo answered "status": "PARTIAL"${why}; the trace is incomplete (spans were left out), and its findings are about the spans returned`;
}

function hasSnakeRoot(obj: object): boolean {
  return SNAKE_ROOT_KEYS.some((k) => (obj as Record<string, unknown>)[k] !== undefined);
}

export const OTLP_KEYS = [
  { resource: 'resourceSpans', scope: 'scopeSpans', oldScope: 'instrumentationLibrarySpans', items: 'spans' },
  { resource: 'resourceMetrics', scope: 'scopeMetrics', oldScope: 'instrumentationLibraryMetrics', items: 'metrics' },
  { resource: 'resourceLogs', scope: 'scopeLogs', oldScope: 'instrumentationLibraryLogs', items: 'logRecords' },
] as const;

/** Map one span / metric / log record; a bad one is reported and rejected alone. */
export function mapOtlpItem(signal: OtlpSignalIndex, raw: unknown, resource: Resource, scope: Scope | undefined, source: Provenance, out: OtlpOut): void {
  int64Past.value = undefined;
  try {
    if (signal === SIGNAL_SPANS) out.record(mapSpan(raw as RawOtlpSpan, resource, scope, source, out));
    else if (signal === SIGNAL_LOGS) out.record(mapLogRecord(raw as RawOtlpLogRecord, resource, scope, source, out));
    else mapMetric(raw as RawOtlpMetric, resource, scope, source, out);
  } catch (e) {
    if (!(e instanceof MapError)) throw e;
    out.error(e.code, e.message, e.lost ?? true);
  }
  sayInt64Past(out, signal === SIGNAL_SPANS ? 'a span' : signal === SIGNAL_LOGS ? 'a log record' : 'a data point');
}

/** Resources recently mapped, most recent first (see `sameResource`). */
const recentResources: Resource[] = [];
const RECENT_RESOURCES = 32;
const RESOURCE_MAX_KEYS = 128;
const RESOURCE_MAX_CHARS = 16 * 1024;

/** Same attributes, all of them primitive values (nested values are not compared: never the same). */
function sameAttributes(a: Attributes, b: Attributes): boolean {
  let n = 0;
  for (const k in a) {
    const v = a[k]!;
    if (v !== null && typeof v === 'object') return false;
    if (!Object.is(b[k], v) || !Object.prototype.hasOwnProperty.call(b, k)) return false;
    n++;
  }
  for (const k in b) if (--n < 0 || !Object.prototype.hasOwnProperty.call(a, k)) return false;
  return n === 0;
}

/**
 * The Resource object of an earlier request when this one's attributes are the same (the
 * Collector's file exporter repeats each service's resource on every line). Collectors memoize
 * per-resource work by object identity ("records of one request share their Resource"), so an
 * identical resource shared across lines turns per-line repeats of that work into hits.
 * Resources are never modified after mapping, so sharing one is safe.
 */
function sameResource(r: Resource): Resource {
  for (let i = 0; i < recentResources.length; i++) {
    const c = recentResources[i]!;
    if (c.serviceName === r.serviceName && sameAttributes(r.attributes, c.attributes)) {
      if (i > 0) {
        recentResources.splice(i, 1);
        recentResources.unshift(c);
      }
      return c;
    }
  }
  if (!smallResource(r.attributes)) return r;
  recentResources.unshift(r);
  if (recentResources.length > RECENT_RESOURCES) recentResources.pop();
  return r;
}

/**
 * Only small resources are remembered: the list must not keep big attribute values alive (a line
 * can be up to MAX_LINE_BYTES), nor make the comparison costly.
 */
function smallResource(attrs: Attributes): boolean {
  let chars = 0;
  let keys = 0;
  for (const k in attrs) {
    const v = attrs[k]!;
    if (v !== null && typeof v === 'object') return false;
    chars += k.length + (typeof v === 'string' ? v.length : 8);
    if (++keys > RESOURCE_MAX_KEYS || chars > RESOURCE_MAX_CHARS) return false;
  }
  return true;
}

/** Resource of a group; a malformed one is reported (records kept, with an empty resource). */
export function mapGroupResource(raw: unknown, out: OtlpOut): Resource {
  int64Past.value = undefined;
  try {
    return sameResource(mapResource(raw));
  } catch (e) {
    if (!(e instanceof MapError)) throw e;
    out.error(e.code, `resource: ${e.message}`, false);
    return emptyResource();
  } finally {
    sayInt64Past(out, 'a resource');
  }
}

/**
 * mapGroupResource with the resource's text at hand (the document reader): an attribute intValue
 * JSON.parse rounded (past 2^53) is read again from the text, exactly (as mapExact does for records),
 * so that 2^63 is told from int64's max 2^63 − 1.
 */
/** The text parsed again with its integers past 2^53 kept as strings; undefined when the rewrite touched a string (keep the approximate result). */
function reparseExact(text: string): unknown {
  try {
    return JSON.parse(text.replace(BIG_INT_RE, '$1"$2"'));
  } catch {
    return undefined;
  }
}

export function mapGroupResourceExact(raw: unknown, text: string, out: OtlpOut, reread: (v: unknown) => unknown = (v) => v): Resource {
  precision.lost = false;
  const notes: [ImportErrorCode, string, boolean | number][] = [];
  const collect: OtlpOut = { record: () => undefined, error: (c, m, r) => void notes.push([c, m, r]) };
  let resource = mapGroupResource(raw, collect);
  if (precision.lost) {
    precision.lost = false;
    const exact = reparseExact(text);
    if (exact !== undefined) {
      notes.length = 0;
      resource = mapGroupResource(reread(exact), collect);
      precision.lost = false;
    }
  }
  for (const [c, m, r] of notes) out.error(c, m, r);
  return resource;
}

export function mapGroupScope(raw: unknown, out: OtlpOut): Scope | undefined {
  try {
    return mapScope(raw);
  } catch (e) {
    if (!(e instanceof MapError)) throw e;
    out.error(e.code, `scope: ${e.message}`, false);
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mapGroups(signal: OtlpSignalIndex, groups: unknown, source: Provenance, out: OtlpOut): void {
  const keys = OTLP_KEYS[signal];
  if (groups === null) return;
  if (!Array.isArray(groups)) {
    out.error('wrong-type', `${keys.resource} should be an array, got ${describe(groups)}`, true);
    return;
  }
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as RawOtlpResourceGroup;
    if (!isObject(group)) {
      out.error('wrong-type', `${keys.resource}[${g}] should be an object, got ${describe(group)}`, true);
      continue;
    }
    const resource = mapGroupResource(group.resource, out);
    const scopes = (group[keys.scope] ?? group[keys.oldScope]) as unknown;
    if (scopes === undefined || scopes === null) continue;
    if (!Array.isArray(scopes)) {
      out.error('wrong-type', `${keys.scope} should be an array, got ${describe(scopes)}`, true);
      continue;
    }
    for (let s = 0; s < scopes.length; s++) {
      const sg = scopes[s] as RawOtlpScopeGroup;
      if (!isObject(sg)) {
        out.error('wrong-type', `${keys.scope}[${s}] should be an object, got ${describe(sg)}`, true);
        continue;
      }
      const scope = mapGroupScope(sg.scope ?? sg.instrumentationLibrary, out);
      const items = sg[keys.items] as unknown;
      if (items === undefined || items === null) continue;
      if (!Array.isArray(items)) {
        out.error('wrong-type', `${keys.items} should be an array, got ${describe(items)}`, true);
        continue;
      }
      for (let i = 0; i < items.length; i++) mapOtlpItem(signal, items[i], resource, scope, source, out);
    }
  }
}

/** True when `obj` looks like an OTLP request (or the Jaeger api_v3 `{result: …}` wrapper). */
export function isOtlpRequest(obj: unknown): boolean {
  if (!isObject(obj)) return false;
  const r = obj as RawOtlpRequest;
  if (r.resourceSpans !== undefined || r.resourceMetrics !== undefined || r.resourceLogs !== undefined || (r as Record<string, unknown>)[PROFILES_KEY] !== undefined) return true;
  if (hasSnakeRoot(obj)) return true;
  if (isTempoBatches(r)) return true;
  return (isObject(r.result) && isOtlpRequest(r.result)) || (isObject(r.trace) && isOtlpRequest(r.trace));
}

/** `s` has a '_' followed by a letter or digit: a proto field name, not its JSON (lowerCamel) name. */
function isSnake(k: string): boolean {
  const i = k.indexOf('_');
  return i > 0 && i < k.length - 1;
}

/**
 * Proto field names (`resource_spans`, `trace_id`, `string_value`), as protobuf printers write
 * them when told to keep the original names, renamed to OTLP/JSON's lowerCamelCase. Every object
 * key in an OTLP message is a field name (OTLP has no proto maps), so renaming all keys is exact.
 * Deeper than MAX_DEPTH * 2 is left as is (the mapper reports `too-deep` there anyway).
 */
export function camelizeOtlp(v: unknown, depth = 0): unknown {
  if (typeof v !== 'object' || v === null || depth > MAX_DEPTH * 2) return v;
  if (Array.isArray(v)) return v.map((x) => camelizeOtlp(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const key = isSnake(k) ? k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()) : k;
    if (key === '__proto__') Object.defineProperty(out, key, { value: camelizeOtlp(x, depth + 1), enumerable: true, writable: true, configurable: true });
    else out[key] = camelizeOtlp(x, depth + 1);
  }
  return out;
}

/** Grafana Tempo's trace API v1: `{"batches": [resourceSpans…]}`. */
function isTempoBatches(r: RawOtlpRequest): boolean {
  return r.resourceSpans === undefined && Array.isArray(r.batches);
}

/** Map one parsed export request. `source` is shared by all its records. */
export function mapOtlpRequest(obj: unknown, source: Provenance, out: OtlpOut): void {
  if (!isObject(obj)) {
    out.error('wrong-type', `an OTLP export request should be an object, got ${describe(obj)}`, true);
    return;
  }
  if (hasSnakeRoot(obj)) obj = camelizeOtlp(obj);
  let req = obj as RawOtlpRequest;
  if (req.resourceSpans === undefined && req.resourceMetrics === undefined && req.resourceLogs === undefined) {
    if (isObject(req.result)) req = req.result; // Jaeger api_v3 response
    else if (isObject(req.trace)) {
      const partial = partialTraceMessage(req.status, req.message);
      if (partial !== undefined) out.error('invalid-record', partial, false);
      req = req.trace; // Grafana Tempo trace API v2
      // `{"trace":{}}`: Tempo found no such trace; an answer with no spans, not a broken record
      if (Object.keys(req).length === 0) return;
    }
    if (isTempoBatches(req)) req = { resourceSpans: req.batches as RawOtlpResourceGroup[] }; // Tempo API v1
  }
  let known = false;
  if (req.resourceSpans !== undefined) {
    known = true;
    mapGroups(SIGNAL_SPANS, req.resourceSpans, source, out);
  }
  if (req.resourceMetrics !== undefined) {
    known = true;
    mapGroups(SIGNAL_METRICS, req.resourceMetrics, source, out);
  }
  if (req.resourceLogs !== undefined) {
    known = true;
    mapGroups(SIGNAL_LOGS, req.resourceLogs, source, out);
  }
  if ((req as Record<string, unknown>)[PROFILES_KEY] !== undefined) {
    known = true;
    out.error('unsupported', PROFILES_MESSAGE, false);
  }
  if (!known) out.error('invalid-record', 'not an OTLP export request: no resourceSpans, resourceMetrics or resourceLogs', true);
}

// Quote integer literals of 16+ digits so JSON.parse keeps them exact (as strings).
const BIG_INT_RE = /([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g;

class BufferOut implements OtlpOut {
  records: SignalRecord[] = [];
  errors: { code: ImportErrorCode; message: string; rejected: boolean | number }[] = [];
  evidentUnits?: Set<EpochUnit>;
  record(r: SignalRecord): void {
    this.records.push(r);
  }
  error(code: ImportErrorCode, message: string, rejected: boolean | number): void {
    this.errors.push({ code, message, rejected });
  }
  reset(): void {
    this.records = [];
    this.errors = [];
  }
  flushTo(out: OtlpOut): void {
    // the units said in this value's errors stay said for the rest of the input
    if (this.evidentUnits !== undefined) out.evidentUnits = this.evidentUnits;
    this.evidentUnits = undefined;
    for (let i = 0; i < this.errors.length; i++) {
      const e = this.errors[i]!;
      out.error(e.code, e.message, e.rejected);
    }
    for (let i = 0; i < this.records.length; i++) out.record(this.records[i]!);
    this.reset();
  }
}

const buffer = new BufferOut();

/**
 * Run `map(value)`; if it met an int64 JSON number beyond 2^53 (precision lost in JSON.parse),
 * re-parse `text` with such numbers quoted and map again, so timestamps stay exact.
 */
export function mapExact(value: unknown, text: string, map: (v: unknown, out: OtlpOut) => void, out: OtlpOut, reread: (v: unknown) => unknown = (v) => v): void {
  precision.lost = false;
  buffer.reset();
  // A copy of the input's said units: a second, exact pass must say again what the first said.
  const said = out.evidentUnits;
  buffer.evidentUnits = said === undefined ? undefined : new Set(said);
  map(value, buffer);
  if (precision.lost) {
    const exact = reparseExact(text);
    if (exact !== undefined) {
      buffer.reset();
      buffer.evidentUnits = said === undefined ? undefined : new Set(said);
      map(reread(exact), buffer);
    }
    precision.lost = false;
  }
  buffer.flushTo(out);
}

/**
 * One JSON text (a JSON Lines line) → records. False, with nothing reported, when the text is
 * not JSON: the caller decides (salvage what the broken line holds, or report it). With
 * `zipkinResources`, a line that is a JSON array is read element by element (mapJsonLinesArray).
 */
export function mapOtlpText(text: string, source: Provenance, out: OtlpOut, zipkinResources?: ZipkinResources): boolean {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return false;
  }
  // A list written twice in one object (two `scopeSpans` of one resource): JSON.parse kept the
  // last, the document reader reads both, as the Collector's OTLP JSON unmarshaler (pdata) does.
  // Such a line is given back, to be read as a document (the caller's fallback), so that a request
  // counts the same on a line of its own as in a file.
  if (listKeyHidden(text, obj)) return false;
  if (zipkinResources !== undefined && Array.isArray(obj)) mapExact(obj, text, (v, o) => mapJsonLinesArray(v as unknown[], source, o, zipkinResources), out);
  else mapExact(obj, text, (v, o) => mapOtlpRequest(v, source, o), out);
  return true;
}

/**
 * The ends of the list names of each signal (camelCase, snake_case and the old instrumentationLibrary
 * names alike) as member names are written: the closing quote and the colon (`"scopeSpans": [` too).
 */
const LIST_NAME_ENDS = [['pans":'], ['etrics":'], ['ogs":', 'ecords":']] as const;
/** The same ends as parsed keys end (without the quote and the colon). */
const LIST_KEY_ENDS = LIST_NAME_ENDS.map((ends) => ends.map((e) => e.slice(0, -2)));

const RESOURCE_KEY_RE = /"resource"\s*:/g;

function occurrencesRe(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

function occurrences(text: string, what: string): number {
  let n = 0;
  for (let i = text.indexOf(what); i !== -1; i = text.indexOf(what, i + what.length)) n++;
  return n;
}

/**
 * Times `"resource"` is written in `text` (each RESOURCE_KEY_RE match holds one, at a start of its
 * own: a bound of that count). Searched as `urce"`, whose rare first letter makes the search several
 * times faster than that of a pattern opening with a quote, the most common character of JSON.
 */
function resourceNames(text: string): number {
  let n = 0;
  for (let i = text.indexOf('urce"'); i !== -1; i = text.indexOf('urce"', i + 5)) if (i >= 5 && text.startsWith('"reso', i - 5)) n++;
  return n;
}

function keysEndingIn(o: unknown, ends: readonly string[]): number {
  if (!isObject(o)) return 0;
  let n = 0;
  for (const k of Object.keys(o)) {
    for (let e = 0; e < ends.length; e++) {
      if (k.endsWith(ends[e]!)) {
        n++;
        break;
      }
    }
  }
  return n;
}

/**
 * Whether the text names one of a request's lists (resourceX, scopeX, the records' list) more
 * often than the parsed request holds them: a name written twice in one object, which JSON.parse
 * drops. One text search per signal present; the same text in a value (`"a spans":`) only sends
 * the line the slower way, which reads it the same but for the offsets (each record's, not the line's).
 */
function listKeyHidden(text: string, obj: unknown): boolean {
  if (!isObject(obj)) return false;
  // A `resource` written twice in one group: the document reader reads the first (and says so).
  let resources = 0;
  for (let s = 0; s < OTLP_KEYS.length; s++) {
    const root = obj[OTLP_KEYS[s]!.resource] ?? obj[SNAKE_KEYS[s]!.resource];
    if (Array.isArray(root)) for (const group of root) if (isObject(group) && group.resource !== undefined) resources++;
  }
  // (the exact count, a regular expression's slower scan, only when the plain name is written more often)
  if (resourceNames(text) > resources && occurrencesRe(text, RESOURCE_KEY_RE) > resources) return true;
  for (let s = 0; s < OTLP_KEYS.length; s++) {
    const k = OTLP_KEYS[s]!;
    const sn = SNAKE_KEYS[s]!;
    const root = obj[k.resource] ?? obj[sn.resource];
    if (!Array.isArray(root)) continue;
    // (both spellings of one list, `scope_spans` and `scopeSpans`: the document reader reads both too)
    if (obj[k.resource] !== undefined && obj[sn.resource] !== undefined) return true;
    const keyEnds = LIST_KEY_ENDS[s]!;
    let expected = keysEndingIn(obj, keyEnds);
    for (const group of root) {
      expected += keysEndingIn(group, keyEnds);
      if (!isObject(group)) continue;
      let lists = 0;
      for (const key of sn.scopeKeys) {
        const scopes = group[key];
        if (scopes !== undefined) lists++;
        if (Array.isArray(scopes)) for (const sc of scopes) expected += keysEndingIn(sc, keyEnds);
        if (Array.isArray(scopes) && k.items !== sn.items) for (const sc of scopes) if (isObject(sc) && sc[k.items] !== undefined && sc[sn.items] !== undefined) return true;
      }
      if (lists > 1) return true;
    }
    let found = 0;
    for (const e of LIST_NAME_ENDS[s]!) found += occurrences(text, e);
    if (found > expected) return true;
  }
  return false;
}

function snakeName(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Each signal's list names in snake_case (`resource_spans`…) and the scope-list names a group may use (computed once, not per line). */
const SNAKE_KEYS = OTLP_KEYS.map((k) => ({ resource: snakeName(k.resource), items: snakeName(k.items), scopeKeys: [k.scope, k.oldScope, snakeName(k.scope), snakeName(k.oldScope)] as const }));

/**
 * A JSON Lines line that is an array, in a file of OTLP export requests: a capture proxy that
 * appends every body it receives writes an OpenTelemetry SDK's Zipkin v2 span lists (POST
 * /api/v2/spans) beside its OTLP/HTTP JSON requests, and `jq -s -c` makes a line of several
 * requests. Each element is read by its own shape — a Zipkin span (v2, or v1, as the Zipkin
 * importer reads it), an OTLP request — and an element that is neither costs itself alone.
 */
function mapJsonLinesArray(list: unknown[], source: Provenance, out: OtlpOut, resources: ZipkinResources): void {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (isOtlpRequest(v)) mapOtlpRequest(v, source, out);
    else if (isObject(v) && ('traceId' in v || 'id' in v)) {
      // a Zipkin span, or a broken one (its mapper says what is missing)
      try {
        if (isZipkinV1Span(v)) for (const span of mapZipkinV1Span(v, resources, source, out)) out.record(span);
        else out.record(mapZipkinSpan(v, resources, source, out));
      } catch (e) {
        if (!(e instanceof ZipkinMapError)) throw e;
        out.error(e.code, e.message, true);
      }
    } else out.error('wrong-type', `element ${i} of the JSON array on this line is neither an OTLP export request nor a Zipkin span: ${describe(v)}`, true);
  }
}
