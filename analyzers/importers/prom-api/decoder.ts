// Prometheus HTTP API responses (/api/v1/query, /api/v1/query_range) → MetricPoints.
//
// {"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]}]}}
// - matrix: one point per `values` pair (and per `histograms` pair for native histograms);
//   vector: one point per series (`value`/`histogram`); scalar: one point named ''.
// - `metric.__name__` → name; computed PromQL results have none, their name is '' and the
//   labels are kept (that is how Prometheus itself returns them, not an input defect).
// - Times are unix seconds (float, ms precision) → ns; values are strings ("1.5", "NaN",
//   "+Inf"). Prometheus does not say which type a query result has: type `unknown`, and the
//   point is marked `noMetadata` (no query API answer can carry a type or description).
// - Native histograms: buckets `[boundaryRule, lower, upper, count]` become a HistogramValue
//   with the upper edges as bounds and per-bucket counts (the lowest edge is dropped).
// - `"status":"error"` → `invalid-record` with errorType/error; `warnings` → one
//   `invalid-record` (results may be partial), and so does VictoriaMetrics' `"isPartial": true`;
//   a non-standard `"status":"warning"` is read.
// - Responses without data points (series, labels, label values, metadata, targets, alerts,
//   rules, status…: named from the start of their `data`) and string results are recognised
//   and reported once as `unsupported`, with 0 records.
// Memory: the document is scanned in a stream, and so is each series: its `metric` and each of
// its `values`/`histograms` pairs are parsed on their own, so a series of any length costs one
// pair of memory, and a response cut inside its last series (an interrupted download) keeps
// every complete point before the cut; the pair the cut falls in is one rejected point
// (`truncated`). Points that come before `metric` (sorted keys put `histograms` first: `jq -S`,
// Python sort_keys, Go maps) are held until it arrives — at most MAX_HELD points and
// MAX_LINE_BYTES of their text per series; beyond that they are rejected (`line-too-long`) —
// and when the input ends before the series' `metric`, they cannot be attributed to a series
// and are rejected (`truncated`). A series without `metric` at all is read with no labels, as
// before. Points keep their series' line/offset as their source. Several documents in a row
// (one response per line) are each read.
// A result series on its own (`jq -c '.data.result[]'`: `{"metric":{…},"values":[[t,"v"],…]}` or
// `"value":[t,"v"]`, one a line) is read as that series. VictoriaMetrics' /api/v1/export (and
// vmctl's native-to-JSON output) writes one series a line with parallel arrays:
// `{"metric":{…},"values":[1,2],"timestamps":[1549891472010,…]}` — ms times, numeric values.
// The array that comes first is held (at most MAX_HELD_VM entries, 8 bytes each) and the other
// is paired with it by position as it streams; a value or time that cannot be read costs its
// point, and values without a time are rejected (`invalid-record`, `truncated` when the input
// ends inside the line, `line-too-long` beyond the held entries).
// Datadog's metrics query API (/api/v1/query, what its exports and scripts save) has the same
// role: {"status":"ok","res_type":"time_series","series":[{"metric":…,"tag_set":["host:a"],
// "pointlist":[[ms, value|null],…]}]} — one point per pointlist pair with a value (null is
// Datadog's "no data in this interval", not a sample); tags `key:value` become labels.
// Graphite render and OpenTSDB query responses (a top-level array of series), CloudWatch responses
// (MetricDataResults, Datapoints) and InfluxDB 1.x query responses (results) are read by
// other-apis.ts, one series, result or datapoint at a time.
import { type HistogramValue, type MetricPoint } from '../../model/index.js';
import { ErrorReporter } from '../common/json-errors.js';
import { LabelResources } from '../common/label-resource.js';
import { JsonStreamScanner, type SelectNode } from '../common/json-stream.js';
import { INVALID_UTF8_MESSAGE } from '../common/lines.js';
import { apiSecondsToNs } from '../common/time.js';
import { BinaryHead } from '../prometheus/binary-head.js';
import { histogramFromBuckets, type NativeBucket } from '../prometheus/native-histogram.js';
import { epochUnitMessage, ERA_FROM_NS, ERA_TO_NS, evidentEpochUnit, type EpochUnit } from '../prometheus/numbers.js';
import { MAX_LINE_BYTES, newProgress, type Decoder, type DecoderContext, type ImportErrorCode } from '../types.js';
import { isGraphiteSeries, isOpenTsdbSeries, isPlainObject, readCloudWatchDatapoint, readCloudWatchResult, readGraphiteSeries, readInfluxResult, readOpenTsdbSeries, type ApiPointSink } from './other-apis.js';
import { jsonErrorText } from '../common/json-errors.js';
import { setOwn } from '../../model/own-key.js';
import { show } from '../common/json-decoder.js';

const ROOT = 1;
const STATUS = 2;
const ERROR_TYPE = 3;
const ERROR = 4;
const WARNINGS = 5;
const DATA = 6;
const RESULT_TYPE = 7;
const RESULT = 8;
const ITEM = 9;
const DATA_ITEM = 10;
const ROOT_ITEM = 11;
const INFOS = 12;
const DD_SERIES = 13;
const DD_ITEM = 14;
const IS_PARTIAL = 15;
// inside one result element (a series)
const METRIC = 16;
const STREAM = 17;
const VALUES = 18; // captured only when it is not an array
const HISTOGRAMS = 19; // idem
const VALUES_PAIR = 20;
const HISTOGRAMS_PAIR = 21;
const VALUE = 22;
const HISTOGRAM = 23;
const TIMESTAMPS = 24; // VictoriaMetrics export: captured only when it is not an array
const TIMESTAMP = 25;
// Amazon CloudWatch (see other-apis.ts)
const CW_RESULTS = 26;
const CW_ITEM = 27;
const CW_DATAPOINTS = 28;
const CW_POINT = 29;
const CW_LABEL = 30;
const CW_MESSAGES = 31;
// InfluxDB 1.x query API (InfluxQL)
const INFLUX_RESULTS = 32;
const INFLUX_ITEM = 33;
const CW_NEXT_TOKEN = 34;
const HEAD_CHARS = 8192;
/** A /api/v1/query_exemplars answer: `data` is a list of `{seriesLabels, exemplars}`. */
/** The Pushgateway's `/api/v1/metrics` answer: groups with `last_push_successful` and metric families. */
const PUSHGATEWAY_ANSWER = /"(?:last_push_successful|push_time_seconds)"\s*:/;
const EXEMPLARS_ANSWER = /"data"\s*:\s*\[\s*\{\s*"(?:seriesLabels|exemplars)"\s*:/;

/** The start of an answer's `data` object whose first key (as the API writes it, or sorted) is one of `keys`. */
const dataObjectOf = (keys: string): RegExp => new RegExp(`"data"\\s*:\\s*\\{\\s*"(?:${keys})"\\s*:`);
/**
 * What a Prometheus API answer without a query result holds, named from the start of its `data`
 * (the head): the endpoints' shapes as Prometheus documents them (HTTP API: alerts, rules,
 * targets, status, series, labels, metadata).
 */
const NON_SAMPLE_ANSWERS: readonly [RegExp, string][] = [
  [dataObjectOf('alerts'), 'the alerts of its rules (/api/v1/alerts: alert states)'],
  [dataObjectOf('groups'), 'its rule groups (/api/v1/rules: recording and alerting rules)'],
  [dataObjectOf('activeTargets|droppedTargets|droppedTargetCounts'), 'its scrape targets (/api/v1/targets)'],
  [dataObjectOf('activeAlertmanagers|droppedAlertmanagers'), 'its Alertmanagers (/api/v1/alertmanagers)'],
  [dataObjectOf('version|revision|branch|buildUser|buildDate|goVersion'), 'its build information (/api/v1/status/buildinfo)'],
  [dataObjectOf('headStats|seriesCountByMetricName|labelValueCountByLabelName|memoryInBytesByLabelName|seriesCountByLabelValuePair'), 'its TSDB statistics (/api/v1/status/tsdb: cardinality counts)'],
  [dataObjectOf('yaml'), 'its configuration (/api/v1/status/config)'],
  [dataObjectOf('startTime|CWD|reloadConfigSuccess|lastConfigTime|corruptionCount|goroutineCount|GOMAXPROCS|GOGC|GODEBUG|storageRetention'), 'its runtime information (/api/v1/status/runtimeinfo)'],
  [/"data"\s*:\s*\[\s*\{\s*"__name__"\s*:/, 'a listing of series (/api/v1/series: label sets)'],
  [/"data"\s*:\s*\[\s*\{\s*"(?:target|metric|help)"\s*:/, 'the metadata of its targets\' metrics (/api/v1/targets/metadata: types, help, units)'],
  [/"data"\s*:\s*\{\s*"[^"]*"\s*:\s*\[\s*\{\s*"(?:type|help|unit)"\s*:/, 'metric metadata (/api/v1/metadata: types, help, units)'],
  [/"data"\s*:\s*\[\s*"/, 'a list of names (/api/v1/labels, or a label\'s values: /api/v1/label/<name>/values)'],
];

/** Points held per series while its `metric` is not known yet (Prometheus caps a series at 11,000). */
export const MAX_HELD = 100_000;
/** VictoriaMetrics export: values and timestamps held per line (8 bytes each; a year at 10 s is 3.2M). */
export const MAX_HELD_VM = 4_000_000;

/** One element of data.result, read member by member. */
const SERIES: SelectNode = {
  id: ITEM,
  // not an object (a scalar result's [t, "v"] items, a stray value): captured whole
  capture: true,
  keys: {
    metric: { id: METRIC, capture: true },
    stream: { id: STREAM, capture: true },
    // raw: most pairs are `[1700000000.123,"42"]`, read from their bytes (see readPair)
    values: { id: VALUES, capture: true, items: { id: VALUES_PAIR, capture: true, raw: true } },
    histograms: { id: HISTOGRAMS, capture: true, items: { id: HISTOGRAMS_PAIR, capture: true } },
    value: { id: VALUE, capture: true },
    histogram: { id: HISTOGRAM, capture: true },
  },
};

const SELECT: SelectNode = {
  id: ROOT,
  keys: {
    // a result series on its own, or a VictoriaMetrics export line
    ...SERIES.keys,
    timestamps: { id: TIMESTAMPS, capture: true, items: { id: TIMESTAMP, capture: true } },
    status: { id: STATUS, capture: true },
    errorType: { id: ERROR_TYPE, capture: true },
    error: { id: ERROR, capture: true },
    warnings: { id: WARNINGS, capture: true },
    infos: { id: INFOS, capture: true },
    // VictoriaMetrics (cluster) marks a response some vmstorage nodes did not answer `"isPartial":true`.
    isPartial: { id: IS_PARTIAL, capture: true },
    series: { id: DD_SERIES, items: { id: DD_ITEM, capture: true } },
    MetricDataResults: { id: CW_RESULTS, items: { id: CW_ITEM, capture: true } },
    Datapoints: { id: CW_DATAPOINTS, items: { id: CW_POINT, capture: true } },
    Label: { id: CW_LABEL, capture: true },
    Messages: { id: CW_MESSAGES, capture: true },
    NextToken: { id: CW_NEXT_TOKEN, capture: true },
    results: { id: INFLUX_RESULTS, items: { id: INFLUX_ITEM, capture: true } },
    // the response's `data` alone (`jq .data`)
    resultType: { id: RESULT_TYPE, capture: true },
    result: { id: RESULT, resync: true, items: SERIES },
    data: {
      id: DATA,
      keys: {
        resultType: { id: RESULT_TYPE, capture: true },
        // resync: a syntax error inside one series costs the rest of that series only
        result: { id: RESULT, resync: true, items: SERIES },
      },
      // data is an array for /series, /labels, /label/…/values: count the items, keep nothing big
      items: { id: DATA_ITEM },
    },
  },
  // a top-level array: Graphite render series, else not an API response (its items only name it)
  items: { id: ROOT_ITEM, capture: true },
};

/** The result element being read. */
interface SeriesState {
  offset: number;
  line: number;
  /** `metric` was read (valid or not). */
  metricSeen: boolean;
  /** Its points cannot be read: `metric` not an object of labels (or unreadable), reported once. */
  dropped: boolean;
  name: string;
  labels: Record<string, string>;
  stream: unknown;
  /** One of values/histograms/value/histogram was present. */
  any: boolean;
  /** Before `metric`: pair texts to read, or the id of a member to report as wrong-type. */
  held: (string | number)[];
  heldBytes: number;
  /** Points beyond the hold limits. */
  overflow: number;
  /** A syntax error cost the rest of the series. */
  broken: boolean;
  /** A point (or a values/histograms member) was read, held or rejected. */
  sawPoint: boolean;
  /** The input ended inside the series, not inside a point: where. */
  cut?: { message: string; offset: number; line: number };
  /** VictoriaMetrics export line: its values and ms times, paired by position when it closes. */
  vm?: VmLine;
}

/** A VictoriaMetrics export line's two parallel arrays, paired by position. */
interface VmLine {
  /** The array that came first: its entries are held until the other one pairs them. */
  first?: 'values' | 'times';
  /** Entries of the first array; NaN where unreadable. */
  held: number[];
  /** Positions of `held` whose entry is not a number / not unix ms (the point is rejected when paired). */
  heldBad: Set<number>;
  /** Positions of `held` whose entry a scan error lost (reported then; a value counted then too). */
  heldLost: Set<number>;
  /** Entries of the second array seen so far (its next position). */
  seconds: number;
  /** Second-array entries waiting for the series' labels (`metric` after both arrays); undefined = unreadable, null = lost. */
  waiting: (number | undefined | null)[];
  /** Entries of `values` seen, points made, and values rejected so far (reported). */
  values: number;
  points: number;
  rejected: number;
  badValues: number;
  badTimes: number;
  /** Values whose held time a scan error lost (counted when the line closes). */
  lostTimes: number;
  /** First-array entries beyond MAX_HELD_VM (not held). */
  overflow: number;
  /** A `timestamps` member was present. */
  sawTimes: boolean;
}

interface DocState {
  offset: number;
  line: number;
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
  isPartial?: unknown;
  resultType?: unknown;
  sawData: boolean;
  sawResult: boolean;
  resultOpen: boolean;
  series: number;
  primitives: unknown[];
  primitiveOffset: number;
  primitiveLine: number;
  dataItems: number;
  rootArray: boolean;
  legacy: boolean;
  streams: number;
  /** Datadog's `series` list was seen. */
  datadog: boolean;
  /** The document is itself a result series (or a VictoriaMetrics export line). */
  bare: boolean;
  /** Graphite render or OpenTSDB series read from a top-level array. */
  arraySeries: number;
  /** An InfluxDB 1.x query response (`results`). */
  influx: boolean;
  /** A CloudWatch get-metric-data or get-metric-statistics response. */
  cloudwatch: boolean;
  cwLabel?: unknown;
  cwMessages?: unknown;
  cwNextToken?: unknown;
  /** Prometheus 3's info-level annotations, beside `warnings`. */
  infos?: unknown;
  /** get-metric-statistics datapoints seen before the Label that names them (at most MAX_HELD). */
  cwHeld: { d: unknown; offset: number; line: number }[];
  cwOverflow: number;
}

const VALUE_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseApiValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  if (VALUE_RE.test(v)) return Number(v);
  const l = v.toLowerCase();
  if (l === 'nan') return NaN;
  if (l === '+inf' || l === 'inf' || l === '+infinity' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return undefined;
}

/** A VictoriaMetrics export time: unix milliseconds, a non-negative integer. */
function readVmTime(t: unknown): number | undefined {
  return typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : undefined;
}

/** API timestamps are float seconds with millisecond precision. */
function parseApiTimeNs(t: unknown): bigint | undefined {
  const n = typeof t === 'number' ? t : typeof t === 'string' && VALUE_RE.test(t) ? Number(t) : NaN;
  return apiSecondsToNs(n);
}

/** The unit a sample time is written in, for evidentTime; `raw`: the time as written, when `t` is not. */
interface TimeUnitOf {
  format: string;
  declared: EpochUnit;
  raw?: unknown;
}
const PROM_API_TIMES: TimeUnitOf = { format: 'the Prometheus API', declared: 's' };

const utf8 = new TextDecoder('utf-8');

function isWs(b: number): boolean {
  return b === 32 || b === 10 || b === 13 || b === 9;
}

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

/** Latin-1 string of b[from, to) (the caller checked the bytes are ASCII). */
function ascii(b: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Skips a JSON number from i: the index after it, or -1. `out[0]` counts its integer digits, `out[1]` its fraction digits, `out[2]` is 1 with an exponent. */
function scanJsonNumber(b: Uint8Array, i: number, n: number, out: number[]): number {
  if (b[i] === 45) i++; // -
  const is = i;
  if (b[i] === 48) i++;
  else if (i < n && b[i]! >= 49 && b[i]! <= 57) while (i < n && isDigit(b[i]!)) i++;
  else return -1;
  out[0] = i - is;
  out[1] = 0;
  out[2] = 0;
  if (b[i] === 46) {
    const fs = ++i;
    if (!(i < n && isDigit(b[i]!))) return -1;
    while (i < n && isDigit(b[i]!)) i++;
    out[1] = i - fs;
  }
  if (b[i] === 101 || b[i] === 69) {
    i++;
    if (b[i] === 43 || b[i] === 45) i++;
    if (!(i < n && isDigit(b[i]!))) return -1;
    while (i < n && isDigit(b[i]!)) i++;
    out[2] = 1;
  }
  return i;
}

const numShape = [0, 0, 0];

/**
 * Reads `[number, "value"]` (JSON whitespace allowed) — what Prometheus writes — into `out`, with
 * the result JSON.parse and then parseApiTimeNs/parseApiValue give, when the time follows the
 * JSON number grammar and the value is printable ASCII without escapes that parseApiValue reads.
 * False for anything else: the caller then takes the general path (JSON.parse, coded errors).
 */
function readPair(b: Uint8Array, out: { timeNs: bigint; value: number }): boolean {
  const n = b.length;
  let i = 0;
  if (b[i++] !== 91) return false; // [
  while (i < n && isWs(b[i]!)) i++;
  const ts = i;
  i = scanJsonNumber(b, i, n, numShape);
  if (i < 0) return false;
  const te = i;
  if (b[ts] !== 45 && numShape[0]! <= 11 && numShape[1]! <= 3 && numShape[2] === 0) {
    // unix seconds with up to 3 decimals: exactly the milliseconds Math.round(Number(t) * 1000)
    // gives (below 1e11 s the float error of Number(t) * 1000 is far under 0.5 ms)
    let ms = 0;
    let frac = 0;
    for (let k = ts; k < te; k++) {
      const c = b[k]!;
      if (c === 46) frac = 1;
      else {
        ms = ms * 10 + (c - 48);
        if (frac > 0) frac++;
      }
    }
    for (let k = frac > 0 ? frac - 1 : 0; k < 3; k++) ms *= 10;
    out.timeNs = BigInt(ms) * 1_000_000n;
  } else {
    const t = Number(ascii(b, ts, te));
    const ns = apiSecondsToNs(t);
    if (ns === undefined) return false;
    out.timeNs = ns;
  }
  while (i < n && isWs(b[i]!)) i++;
  if (b[i++] !== 44) return false; // ,
  while (i < n && isWs(b[i]!)) i++;
  if (b[i++] !== 34) return false; // "
  const vs = i;
  while (i < n) {
    const c = b[i]!;
    if (c === 34) break;
    if (c < 32 || c > 126 || c === 92) return false; // control, non-ASCII, escape
    i++;
  }
  if (i >= n) return false;
  const ve = i++;
  while (i < n && isWs(b[i]!)) i++;
  if (b[i++] !== 93 || i !== n) return false; // ]
  // VALUE_RE by hand: [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?
  let k = vs;
  if (b[k] === 43 || b[k] === 45) k++;
  const is = k;
  while (k < ve && isDigit(b[k]!)) k++;
  const intDigits = k - is;
  let plain = k === ve && intDigits > 0 && intDigits <= 15 && is === vs;
  if (plain) {
    // a whole number below 2^53: exact
    let v = 0;
    for (let j = vs; j < ve; j++) v = v * 10 + (b[j]! - 48);
    out.value = v;
    return true;
  }
  let fracDigits = 0;
  if (b[k] === 46) {
    const fs = ++k;
    while (k < ve && isDigit(b[k]!)) k++;
    fracDigits = k - fs;
  }
  plain = intDigits + fracDigits > 0;
  if (plain && k < ve && (b[k] === 101 || b[k] === 69)) {
    k++;
    if (b[k] === 43 || b[k] === 45) k++;
    const es = k;
    while (k < ve && isDigit(b[k]!)) k++;
    plain = k > es;
  }
  const text = ascii(b, vs, ve);
  const v = plain && k === ve ? Number(text) : parseApiValue(text);
  if (v === undefined) return false;
  out.value = v;
  return true;
}

function newSeries(offset: number, line: number): SeriesState {
  return { offset, line, metricSeen: false, dropped: false, name: '', labels: {}, stream: undefined, any: false, held: [], heldBytes: 0, overflow: 0, broken: false, sawPoint: false };
}

export class PromApiDecoder implements Decoder {
  readonly progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly scanner: JsonStreamScanner;
  private doc: DocState | undefined;
  private series: SeriesState | undefined;
  private readonly pair = { timeNs: 0n, value: 0 };
  /** The input ended inside the document (the scanner reported `truncated`). */
  private inputCut = false;
  private readonly gate: BinaryHead;
  // Records are never modified after decoding, so points share what they have in common: the
  // Resource their labels name (`job`, `service_name`: one object per service), and per series its labels
  // object and source. Collectors that remember the last resource, labels or source object (the
  // resource profile's checks, the per-series index) then do their work once, not per point.
  private readonly resources = new LabelResources();
  /** Datadog's answers: its unified `service` tag names the service too. */
  private readonly datadogResources = new LabelResources(true);
  private source: MetricPoint['source'] | undefined;
  /** Where the other query APIs' readers (Graphite, CloudWatch) put their points and problems. */
  private readonly apiSink: ApiPointSink = {
    point: (name, labels, timeNs, value, offset, line, unit) => {
      const point = this.newPoint(name, labels, timeNs, offset, line);
      point.value = value;
      if (unit !== undefined) point.unit = unit;
      this.progress.records++;
      this.ctx.sink.record(point);
    },
    report: (code, message, line, offset, rejected) => this.report(code, message, line, offset, rejected),
  };

  constructor(private readonly ctx: DecoderContext) {
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    this.scanner = new JsonStreamScanner(SELECT, {
      open: (id, offset, line) => this.onOpen(id, offset, line),
      close: (id) => this.onClose(id),
      value: (id, value, _key, offset, line, text) => this.onValue(id, value, offset, line, text),
      raw: (id, bytes, offset, line) => this.onRaw(id, bytes, offset, line),
      error: (code, message, offset, line, recordLost, id) => this.onScanError(code, message, offset, line, recordLost, id),
      invalidUtf8: (offset, line) => this.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false),
    });
    this.gate = new BinaryHead(
      (chunk) => this.scanner.push(chunk),
      () => this.report('binary-data', 'binary content, not JSON', 1, 0, false),
    );
  }

  /** The first bytes as text, to name an answer by its members (a /query_exemplars answer's `seriesLabels`). */
  private head = '';
  private readonly headDecoder = new TextDecoder();

  push(chunk: Uint8Array): void {
    if (this.head.length < HEAD_CHARS) this.head += this.headDecoder.decode(chunk.subarray(0, HEAD_CHARS), { stream: true });
    this.progress.bytes += chunk.length;
    this.gate.push(chunk);
    this.progress.lines = this.scanner.line - 1;
  }

  end(): void {
    this.gate.end();
    if (this.gate.binary) return;
    this.scanner.end();
    this.progress.lines = this.scanner.line;
    if (this.doc) this.finishDoc();
    if (!this.scanner.sawContent) this.report('empty-input', this.progress.bytes === 0 ? 'empty input' : 'input holds only whitespace', undefined, 0, false);
  }

  /** `rejected`: the problem cost a record, or that many records. */
  private report(code: ImportErrorCode, message: string, line: number | undefined, offset: number | undefined, rejected: boolean | number): void {
    this.errors.report(code, message, line, offset, rejected);
  }

  /** Units whose times were read in place of the API's (said once each per file). */
  private readonly evidentUnits = new Set<EpochUnit>();

  /**
   * A sample time outside the era that another unit explains (`[1700000000000,"1"]`: ms where
   * the API has seconds, as seconds the year 55,840) is read in that unit, said once per file,
   * as the text importers read Prometheus text seconds and OpenMetrics milliseconds.
   */
  private evidentTime(timeNs: bigint, raw: unknown, unit: TimeUnitOf, line: number, offset: number): bigint {
    const evident = evidentEpochUnit(timeNs, unit.declared);
    if (evident === undefined) return timeNs;
    if (!this.evidentUnits.has(evident.unit)) {
      this.evidentUnits.add(evident.unit);
      const shown = typeof raw === 'function' ? (raw as () => unknown)() : raw;
      this.report('invalid-timestamp', epochUnitMessage(`sample time ${JSON.stringify(shown)}`, unit.format, unit.declared, evident.unit), line, offset, false);
    }
    return evident.ns;
  }

  private onScanError(code: ImportErrorCode, message: string, offset: number, line: number, recordLost: boolean | undefined, id: number | undefined): void {
    if (code === 'truncated') this.inputCut = true;
    const s = this.series;
    if (s === undefined) {
      const doc = this.doc;
      // A broken or oversized element inside `result` costs that series (or scalar point) …
      const inResult = doc?.resultOpen === true;
      // … but the input ending between two series of a result costs no point.
      const betweenSeries = code === 'truncated' && id !== ITEM && doc?.datadog === false && doc.primitives.length === 0;
      this.report(code, message, line, offset, inResult && !betweenSeries && code !== 'wrong-type' && recordLost !== false);
      return;
    }
    if ((s.vm !== undefined && id === VALUES_PAIR) || id === TIMESTAMP) {
      // an unreadable entry of a VictoriaMetrics line keeps its position; its point is lost
      const counted = this.vmEntry(s, id === VALUES_PAIR, null);
      this.report(code, message, line, offset, counted);
    } else if (id === VALUES_PAIR || id === HISTOGRAMS_PAIR || id === VALUE || id === HISTOGRAM || id === VALUES || id === HISTOGRAMS) {
      // one point (or one unreadable member, as before) is lost; the series goes on
      s.any = true;
      s.sawPoint = true;
      this.report(code, message, line, offset, true);
    } else if (code === 'truncated') {
      s.cut = { message, offset, line }; // reported when the series closes, with what it cost
    } else if (id === METRIC || id === STREAM) {
      // the series' labels are unreadable: it costs one record, as before, and its points are not read
      s.dropped = true;
      s.held = [];
      s.overflow = 0;
      this.report(code, message, line, offset, true);
    } else if (code === 'invalid-json' && id === undefined && recordLost !== false) {
      // a syntax error: the scanner skips to the next series
      s.broken = true;
      this.report(code, message, line, offset, true);
    } else {
      // the input ends between two values of the series, or in a member we do not read: no point lost
      this.report(code, message, line, offset, false);
    }
  }

  private onOpen(id: number, offset: number, line: number): void {
    if (id === ROOT) {
      if (this.doc) this.finishDoc();
      this.doc = {
        offset,
        line,
        sawData: false,
        sawResult: false,
        resultOpen: false,
        series: 0,
        primitives: [],
        primitiveOffset: offset,
        primitiveLine: line,
        dataItems: 0,
        rootArray: false,
        legacy: false,
        streams: 0,
        datadog: false,
        bare: false,
        arraySeries: 0,
        influx: false,
        cloudwatch: false,
        cwHeld: [],
        cwOverflow: 0,
      };
    } else if (id === DATA && this.doc) this.doc.sawData = true;
    else if (id === DD_SERIES && this.doc) {
      this.doc.datadog = true;
      this.doc.resultOpen = true;
    } else if ((id === CW_RESULTS || id === CW_DATAPOINTS) && this.doc) {
      this.doc.cloudwatch = true;
      this.doc.resultOpen = true;
    } else if (id === INFLUX_RESULTS && this.doc) {
      this.doc.influx = true;
      this.doc.resultOpen = true;
    }
    else if (id === RESULT && this.doc) {
      this.doc.sawResult = true;
      this.doc.resultOpen = true;
    } else if (id === ITEM && this.doc) {
      this.doc.series++;
      this.series = newSeries(offset, line);
    } else if (id === VALUES || id === HISTOGRAMS || id === TIMESTAMPS) {
      const s = this.series ?? this.bareSeries();
      if (s === undefined) return;
      if (id === TIMESTAMPS) this.vmLine(s).sawTimes = true;
      else s.any = true;
    }
  }

  /** The document's own series when a series member appears at its top level (not inside a result). */
  private bareSeries(): SeriesState | undefined {
    const doc = this.doc;
    if (doc === undefined || doc.resultOpen) return undefined;
    if (!doc.bare) {
      doc.bare = true;
      this.series = newSeries(doc.offset, doc.line);
    }
    return this.series;
  }

  private vmLine(s: SeriesState): VmLine {
    return (s.vm ??= { held: [], heldBad: new Set(), heldLost: new Set(), seconds: 0, waiting: [], values: 0, points: 0, rejected: 0, badValues: 0, badTimes: 0, lostTimes: 0, overflow: 0, sawTimes: false });
  }

  private onClose(id: number): void {
    const doc = this.doc;
    if (!doc) return;
    if (id === ITEM) this.closeSeries(doc);
    else if (id === DD_SERIES || id === CW_RESULTS || id === CW_DATAPOINTS || id === INFLUX_RESULTS) doc.resultOpen = false;
    else if (id === RESULT) {
      doc.resultOpen = false;
      if (doc.primitives.length > 0) this.emitScalar(doc);
    } else if (id === ROOT) this.finishDoc();
  }

  private onValue(id: number, value: unknown, offset: number, line: number, text: string): void {
    const s = this.series ?? (id >= METRIC && id <= TIMESTAMP ? this.bareSeries() : undefined);
    if (s !== undefined && id !== ITEM) {
      this.onSeriesValue(s, id, value, text);
      return;
    }
    const doc = this.doc;
    if (!doc) {
      // A top-level scalar/string (not an object): not an API response.
      this.report('wrong-type', 'a Prometheus API response is a JSON object', line, offset, false);
      return;
    }
    switch (id) {
      case STATUS:
        doc.status = value;
        return;
      case ERROR_TYPE:
        doc.errorType = value;
        return;
      case ERROR:
        doc.error = value;
        return;
      case WARNINGS:
        doc.warnings = value;
        return;
      case INFOS:
        doc.infos = value;
        return;
      case IS_PARTIAL:
        doc.isPartial = value;
        return;
      case RESULT_TYPE:
        doc.resultType = value;
        return;
      case ITEM:
        if (value === null || typeof value !== 'object') {
          if (doc.primitives.length === 0) {
            doc.primitiveOffset = offset;
            doc.primitiveLine = line;
          }
          if (doc.primitives.length < 2) doc.primitives.push(value);
          else this.report('wrong-type', 'unexpected item in a scalar result', line, offset, false);
        } else this.report('wrong-type', 'a result series must be an object', line, offset, true);
        return;
      case DD_ITEM:
        if (isPlainObject(value)) this.emitDatadogSeries(doc, value, offset, line);
        else this.report('wrong-type', 'a Datadog series must be an object', line, offset, true);
        return;
      case ROOT_ITEM:
        doc.rootArray = true;
        if (isGraphiteSeries(value)) {
          doc.arraySeries++;
          readGraphiteSeries(value, offset, line, this.apiSink);
        } else if (isOpenTsdbSeries(value)) {
          doc.arraySeries++;
          readOpenTsdbSeries(value, offset, line, this.apiSink);
        } else if (isPromSeriesObject(value)) {
          // the result series alone (`jq .data.result`)
          doc.arraySeries++;
          const { name, labels } = seriesLabels(value['metric'] as Record<string, unknown>);
          for (const key of ['values', 'histograms']) if (Array.isArray(value[key])) for (const pair of value[key] as unknown[]) this.emitPair(name, labels, pair, offset, line);
          for (const key of ['value', 'histogram']) if (value[key] !== undefined) this.emitPair(name, labels, value[key], offset, line);
        } else if (doc.arraySeries > 0) this.report('wrong-type', 'an element of a Graphite, OpenTSDB or Prometheus result array must be a series object ("target" and "datapoints", "metric" and "dps", or "metric" and "values"/"value")', line, offset, true);
        else if (isPlainObject(value) && 'baseLabels' in value && 'metric' in value) doc.legacy = true;
        return;
      case CW_ITEM:
        if (isPlainObject(value)) readCloudWatchResult(value, offset, line, this.apiSink);
        else this.report('wrong-type', 'a CloudWatch MetricDataResults element must be an object', line, offset, true);
        return;
      case CW_POINT:
        if (typeof doc.cwLabel === 'string') readCloudWatchDatapoint(doc.cwLabel, value, offset, line, this.apiSink);
        else if (doc.cwHeld.length < MAX_HELD) doc.cwHeld.push({ d: value, offset, line });
        else doc.cwOverflow++;
        return;
      case CW_LABEL:
        doc.cwLabel = value;
        if (typeof value === 'string') this.releaseCloudWatch(doc);
        return;
      case CW_MESSAGES:
        doc.cwMessages = value;
        return;
      case CW_NEXT_TOKEN:
        doc.cwNextToken = value;
        return;
      case INFLUX_ITEM:
        if (isPlainObject(value)) readInfluxResult(value, offset, line, this.apiSink);
        else this.report('wrong-type', 'an InfluxDB result must be an object', line, offset, true);
        return;
      default:
        return;
    }
  }

  private finishDoc(): void {
    const doc = this.doc!;
    if (doc.bare) {
      this.closeSeries(doc);
      this.doc = undefined;
      return;
    }
    this.doc = undefined;
    const { line, offset } = doc;
    if (doc.cloudwatch) {
      this.releaseCloudWatch(doc);
      if (doc.cwOverflow > 0) this.report('line-too-long', `${doc.cwOverflow} CloudWatch datapoints before the "Label" that names them, beyond the ${MAX_HELD} held, are not read`, line, offset, doc.cwOverflow);
      if (Array.isArray(doc.cwMessages) && doc.cwMessages.length > 0) {
        const text = doc.cwMessages.map((m) => (isPlainObject(m) && typeof m['Value'] === 'string' ? `${String(m['Code'] ?? '')}: ${m['Value']}` : JSON.stringify(m))).join('; ');
        this.report('invalid-record', `CloudWatch returned messages (results may be incomplete): ${text.slice(0, 500)}`, line, offset, false);
      }
      if (typeof doc.cwNextToken === 'string' && doc.cwNextToken !== '') {
        // The AWS CLI follows NextToken itself unless told not to (--max-items, --no-paginate).
        this.report('invalid-record', 'CloudWatch answered with a NextToken: more pages of data were not fetched, so this export is incomplete; run get-metric-data again without --max-items or --no-paginate (or fetch the next pages with --next-token and analyse them too)', line, offset, false);
      }
      return;
    }
    if (doc.arraySeries > 0 || doc.influx) return;
    if (doc.datadog) {
      if (doc.status !== undefined && doc.status !== 'ok') {
        const msg = typeof doc.error === 'string' ? `: ${doc.error}` : '';
        this.report('invalid-record', `Datadog query response status ${JSON.stringify(doc.status)}${msg}`, line, offset, false);
      } else if (typeof doc.error === 'string' && doc.error !== '') this.report('invalid-record', `Datadog query response error: ${doc.error.slice(0, 500)}`, line, offset, false);
      return;
    }
    if (doc.status === 'error') {
      const type = typeof doc.errorType === 'string' ? doc.errorType : 'error';
      const msg = typeof doc.error === 'string' ? doc.error : 'no message';
      this.report('invalid-record', `Prometheus API error response (${type}): ${msg}`, line, offset, false);
    } else if (doc.status !== undefined && doc.status !== 'success' && doc.status !== 'warning') {
      this.report('invalid-record', `unexpected response status ${JSON.stringify(doc.status)}`, line, offset, false);
    }
    if (Array.isArray(doc.warnings) && doc.warnings.length > 0) {
      const text = doc.warnings.map((w) => (typeof w === 'string' ? w : JSON.stringify(w))).join('; ');
      this.report('invalid-record', `Prometheus reported warnings (results may be partial): ${text.slice(0, 500)}`, line, offset, false);
    }
    if (Array.isArray(doc.infos) && doc.infos.length > 0) {
      // Prometheus 3 splits its annotations into warnings and infos (notes such as "metric might
      // not be a counter"); both are said, as the API returns them.
      const text = doc.infos.map((w) => (typeof w === 'string' ? w : JSON.stringify(w))).join('; ');
      this.report('invalid-record', `Prometheus reported infos (notes on the query's result): ${text.slice(0, 500)}`, line, offset, false);
    }
    if (doc.isPartial === true) {
      this.report('invalid-record', 'the response is marked "isPartial": true (VictoriaMetrics: some storage nodes did not answer); results may be incomplete', line, offset, false);
    }
    if (doc.rootArray || doc.legacy) {
      if (doc.legacy) this.report('unsupported', 'legacy Prometheus JSON exposition format (pre-2015) is not read', line, offset, false);
      else this.report('invalid-record', 'a JSON array is not a Prometheus API response', line, offset, false);
      return;
    }
    if (doc.status === undefined && !doc.sawData && !doc.sawResult) {
      this.report('invalid-record', 'JSON object without "status" or "data": not a Prometheus API response', line, offset, false);
      return;
    }
    if (doc.status !== 'error' && !doc.sawResult && EXEMPLARS_ANSWER.test(this.head)) {
      this.report('unsupported', 'a Prometheus exemplars answer (/api/v1/query_exemplars): exemplars of series (trace ids with values), not the samples of the series: no data point to read (a query_range answer for the series is read)', line, offset, false);
    } else if (doc.status !== 'error' && !doc.sawResult && PUSHGATEWAY_ANSWER.test(this.head)) {
      this.report('unsupported', "a Pushgateway API answer (/api/v1/metrics): its groups' samples are not read from it; scrape the Pushgateway's /metrics instead (the same samples, read as Prometheus text)", line, offset, false);
    } else if (doc.status !== 'error' && !doc.sawResult) {
      const kind = NON_SAMPLE_ANSWERS.find(([re]) => re.test(this.head))?.[1];
      this.report(
        'unsupported',
        kind !== undefined
          ? `a Prometheus API answer of ${kind}, without data points: nothing to read (a query answer, /api/v1/query_range, is read)`
          : 'a Prometheus API answer without a query result (no `result`), without data points: nothing to read (a query answer, /api/v1/query_range, is read)',
        line,
        offset,
        false,
      );
    } else if (doc.streams > 0 || doc.resultType === 'streams') {
      this.report('unsupported', `Loki log streams (${doc.streams}) in a Prometheus-style response: not metric samples`, line, offset, false);
    } else if (doc.resultType === 'string') {
      this.report('unsupported', 'string query result: no numeric data point', line, offset, false);
    }
  }

  private emitScalar(doc: DocState): void {
    const [t, v] = doc.primitives;
    doc.primitives = [];
    if (doc.resultType === 'string') return; // reported in finishDoc
    this.emitPoint('', {}, t, v, doc.primitiveOffset, doc.primitiveLine);
  }

  /** A `values` pair, as bytes: the usual `[t,"v"]` is read here, anything else by JSON.parse. */
  private onRaw(id: number, bytes: Uint8Array, offset: number, line: number): void {
    const s = this.series;
    if (s !== undefined) s.sawPoint = true;
    if (s !== undefined && s.metricSeen && !s.dropped && readPair(bytes, this.pair)) {
      let timeNs = this.pair.timeNs;
      if (timeNs < ERA_FROM_NS || timeNs >= ERA_TO_NS) timeNs = this.evidentTime(timeNs, () => JSON.parse(utf8.decode(bytes))[0] as unknown, PROM_API_TIMES, s.line, s.offset);
      const point = this.newPoint(s.name, s.labels, timeNs, s.offset, s.line);
      point.value = this.pair.value;
      this.progress.records++;
      this.ctx.sink.record(point);
      return;
    }
    const text = utf8.decode(bytes);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.onScanError('invalid-json', `invalid JSON value: ${jsonErrorText(e)}`, offset, line, undefined, id);
      return;
    }
    this.onValue(id, value, offset, line, text);
  }

  /** A member of the open series: its labels, or one of its points. */
  private onSeriesValue(s: SeriesState, id: number, value: unknown, text: string): void {
    switch (id) {
      case METRIC:
        this.onMetric(s, value);
        return;
      case STREAM:
        s.stream = value;
        return;
      case VALUES:
      case HISTOGRAMS:
        // not an array (an array is read pair by pair)
        s.any = true;
        s.sawPoint = true;
        if (s.dropped) return;
        if (s.metricSeen) this.reportNotPairs(s, id);
        else this.hold(s, id, 0);
        return;
      case TIMESTAMPS:
        // not an array
        this.vmLine(s);
        this.report('wrong-type', '"timestamps" must be an array of unix milliseconds', s.line, s.offset, false);
        return;
      case TIMESTAMP:
        this.vmEntry(s, false, readVmTime(value));
        return;
      case VALUES_PAIR:
      case HISTOGRAMS_PAIR:
      case VALUE:
      case HISTOGRAM:
        if (id === VALUE || id === HISTOGRAM) s.any = true;
        s.sawPoint = true;
        if (id === VALUES_PAIR && this.doc?.bare === true && !Array.isArray(value)) {
          // VictoriaMetrics export: a plain value, paired with its time when the line closes
          this.vmEntry(s, true, parseApiValue(value));
          return;
        }
        if (s.dropped) return;
        if (s.metricSeen) this.emitPair(s.name, s.labels, value, s.offset, s.line);
        else this.hold(s, text, text.length);
        return;
      default:
        return;
    }
  }

  /**
   * One entry of a VictoriaMetrics export line's `values` (isValue) or `timestamps`: a number,
   * undefined when unreadable, null when a scan error lost it (the caller reports that). Held
   * when its array came first, else paired with the held entry at its position. Returns whether
   * a point is lost by it and not counted yet (for the caller's report of a lost entry).
   */
  private vmEntry(s: SeriesState, isValue: boolean, n: number | undefined | null): boolean {
    const vm = this.vmLine(s);
    if (isValue) vm.values++;
    const which = isValue ? 'values' : 'times';
    vm.first ??= which;
    if (vm.first === which) {
      if (vm.held.length >= MAX_HELD_VM) {
        vm.overflow++;
        return false; // counted when the line closes
      }
      const i = vm.held.length;
      if (n === null) vm.heldLost.add(i);
      else if (n === undefined) vm.heldBad.add(i);
      vm.held.push(n ?? NaN);
      if (n !== null || !isValue) return false; // a lost time costs its value when they are paired
      vm.rejected++;
      return true;
    }
    const i = vm.seconds++;
    if (!s.metricSeen && !s.dropped) {
      // the labels come later (or never): pair when the line closes
      if (vm.waiting.length < MAX_HELD_VM) vm.waiting.push(n);
      else vm.overflow++;
      return false;
    }
    return this.pairVm(s, vm, i, isValue, n);
  }

  /** Pairs the second array's entry at position i with the held one; true when a lost entry costs a point not counted before. */
  private pairVm(s: SeriesState, vm: VmLine, i: number, secondIsValue: boolean, n: number | undefined | null): boolean {
    if (i >= vm.held.length) {
      // no partner: a value is counted when the line closes; a lost one now
      if (n === null && secondIsValue) {
        vm.rejected++;
        return true;
      }
      return false;
    }
    if (vm.heldLost.has(i)) {
      // a held value was counted when lost; a held time that was lost costs this value
      if (!secondIsValue) return false;
      if (n === null) {
        vm.rejected++;
        return true;
      }
      vm.lostTimes++;
      return false;
    }
    if (n === null) {
      // this entry was lost: the point is, counted in the caller's report
      vm.rejected++;
      return true;
    }
    if (s.dropped) return false;
    const held = vm.heldBad.has(i) ? undefined : vm.held[i]!;
    const value = secondIsValue ? n : held;
    const ms = secondIsValue ? held : n;
    if (value === undefined) vm.badValues++;
    else if (ms === undefined) vm.badTimes++;
    else {
      const point = this.newPoint(s.name, s.labels, BigInt(ms) * 1_000_000n, s.offset, s.line);
      point.value = value;
      vm.points++;
      this.progress.records++;
      this.ctx.sink.record(point);
    }
    return false;
  }

  /** The line closes: pairs what waited for the labels, then reports the values that made no point. */
  private closeVm(s: SeriesState, vm: VmLine): void {
    const secondIsValue = vm.first === 'times';
    const waiting = vm.waiting;
    vm.waiting = [];
    for (let j = 0; j < waiting.length; j++) this.pairVm(s, vm, j, secondIsValue, waiting[j]);
    if (s.dropped) return; // the unreadable "metric" was reported as one rejected record
    const { line, offset } = s;
    if (vm.badValues > 0) this.report('invalid-number', `${vm.badValues} entr${vm.badValues === 1 ? 'y' : 'ies'} of "values" not a number`, line, offset, vm.badValues);
    if (vm.lostTimes > 0) {
      const what = `${vm.lostTimes} values lost with their entries of "timestamps"`;
      this.report(this.inputCut ? 'truncated' : 'invalid-json', what, line, offset, vm.lostTimes);
      vm.rejected += vm.lostTimes;
    }
    if (vm.badTimes > 0) this.report('invalid-timestamp', `${vm.badTimes} entr${vm.badTimes === 1 ? 'y' : 'ies'} of "timestamps" not unix milliseconds (a non-negative integer)`, line, offset, vm.badTimes);
    // every value is a point or a rejected one: what is left had no time to pair with
    const left = vm.values - vm.points - vm.rejected - vm.badValues - vm.badTimes;
    if (left <= 0) return;
    const times = vm.first === 'times' ? vm.held.length : vm.seconds;
    let what: string;
    let code: ImportErrorCode = 'invalid-record';
    if (vm.overflow > 0) {
      code = 'line-too-long';
      what = `${left} values beyond the ${MAX_HELD_VM} entries held per VictoriaMetrics export line; not read`;
    } else {
      what = vm.sawTimes ? `${left} values have no entry in "timestamps" (${times} times for ${vm.values} values)` : `${left} values without "timestamps"`;
      if (this.inputCut) {
        code = 'truncated';
        what = `input ends inside the line: ${what}`;
      }
    }
    this.report(code, what, line, offset, left);
  }

  private onMetric(s: SeriesState, metric: unknown): void {
    if (s.dropped) return;
    s.metricSeen = true;
    if (!isPlainObject(metric)) {
      s.dropped = true;
      s.held = [];
      s.overflow = 0;
      this.report('wrong-type', '"metric" must be an object of labels', s.line, s.offset, true);
      return;
    }
    const { name, labels } = seriesLabels(metric);
    s.name = name;
    s.labels = labels;
    this.releaseHeld(s);
  }

  /** Keeps a point (or a member to report) until the series' `metric` is known, within bounds. */
  private hold(s: SeriesState, item: string | number, bytes: number): void {
    if (s.held.length >= MAX_HELD || s.heldBytes + bytes > MAX_LINE_BYTES) {
      s.overflow++;
      return;
    }
    s.held.push(item);
    s.heldBytes += bytes;
  }

  /** Reads the held points with the series' labels (known now, or none: the series has no `metric`). */
  private releaseHeld(s: SeriesState): void {
    const held = s.held;
    s.held = [];
    s.heldBytes = 0;
    for (const item of held) {
      if (typeof item === 'number') this.reportNotPairs(s, item);
      else this.emitPair(s.name, s.labels, JSON.parse(item) as unknown, s.offset, s.line);
    }
    if (s.overflow > 0) {
      this.report(
        'line-too-long',
        `${s.overflow} data points come before the series' "metric" beyond the ${MAX_HELD} points (or ${MAX_LINE_BYTES} bytes) held until it names them; not read`,
        s.line,
        s.offset,
        s.overflow,
      );
      s.overflow = 0;
    }
  }

  private reportNotPairs(s: SeriesState, id: number): void {
    const what = id === VALUES ? '"values" must be an array of [time, "value"] pairs' : '"histograms" must be an array of [time, histogram] pairs';
    this.report('wrong-type', what, s.line, s.offset, true);
  }

  /** The series' element closes (or the input ended inside it, or a syntax error cut it short). */
  private closeSeries(doc: DocState): void {
    const s = this.series;
    this.series = undefined;
    if (!s) return;
    if (s.vm !== undefined) {
      this.closeVm(s, s.vm);
      return;
    }
    if (!s.metricSeen && !s.dropped && isPlainObject(s.stream)) {
      // Loki's query API has the same envelope; its streams are log lines, not samples.
      doc.streams++;
      if (s.cut) this.report('truncated', s.cut.message, s.cut.line, s.cut.offset, false);
      return;
    }
    const held = !s.metricSeen && !s.dropped ? s.held.length + s.overflow : 0;
    if (this.inputCut) {
      // The complete points read before the cut count; the pair the cut fell in was rejected.
      const at = s.cut ?? s;
      if (held > 0) {
        // their series is unknown: the input ended before its "metric"
        this.report('truncated', `input ends inside a series before its "metric" member: its ${held} complete data points read so far cannot be attributed to a series`, at.line, at.offset, held);
      } else if (s.cut) {
        // A series cut before any of its points lost at least one (Prometheus omits empty series).
        const first = !s.sawPoint && !s.dropped;
        this.report('truncated', first ? 'input ends inside a series before its first data point' : s.cut.message, at.line, at.offset, first ? 1 : 0);
      }
      return;
    }
    if (held > 0 && s.broken) {
      this.report('invalid-json', `a syntax error cuts the series before its "metric" member: its ${held} complete data points read so far cannot be attributed to a series`, s.line, s.offset, held);
      return;
    }
    if (!s.metricSeen && !s.dropped) this.releaseHeld(s); // no "metric" member: no labels
    if (!s.any && !s.dropped && !s.broken) this.report('missing-field', 'series without "values", "value" or "histogram(s)"', s.line, s.offset, true);
  }

  /** get-metric-statistics datapoints held until the Label (or the document's end: no label, no name). */
  private releaseCloudWatch(doc: DocState): void {
    const label = typeof doc.cwLabel === 'string' ? doc.cwLabel : '';
    for (const h of doc.cwHeld) readCloudWatchDatapoint(label, h.d, h.offset, h.line, this.apiSink);
    doc.cwHeld = [];
  }

  private emitDatadogSeries(doc: DocState, s: Record<string, unknown>, offset: number, line: number): void {
    doc.series++;
    const name = typeof s.metric === 'string' ? s.metric : typeof s.display_name === 'string' ? s.display_name : '';
    const labels: Record<string, string> = {};
    // its tags: `tag_set`, else the `scope` they were queried by (`service:web,env:prod`; `*` for all)
    const tags = Array.isArray(s.tag_set) ? s.tag_set : typeof s.scope === 'string' && s.scope !== '*' ? s.scope.split(',').map((t) => t.trim()) : undefined;
    if (tags !== undefined) {
      for (const t of tags) {
        if (typeof t !== 'string') continue;
        const c = t.indexOf(':');
        if (c > 0) setOwn(labels, t.slice(0, c), t.slice(c + 1));
        else setOwn(labels, t, '');
      }
    }
    if (!Array.isArray(s.pointlist)) {
      this.report(s.pointlist === undefined ? 'missing-field' : 'wrong-type', 'Datadog series without a "pointlist" array of [ms, value] pairs', line, offset, true);
      return;
    }
    for (const pair of s.pointlist) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        this.report('wrong-type', 'a Datadog point must be a [ms, value] pair', line, offset, true);
        continue;
      }
      if (pair[1] === null) continue; // no data in this interval
      const ms = typeof pair[0] === 'number' ? pair[0] : NaN;
      this.emitPoint(name, labels, Number.isFinite(ms) ? ms / 1000 : pair[0], pair[1], offset, line, { format: 'the Datadog API', declared: 'ms', raw: pair[0] });
    }
  }

  private emitPair(name: string, labels: Record<string, string>, pair: unknown, offset: number, line: number): void {
    if (!Array.isArray(pair) || pair.length !== 2) {
      this.report('wrong-type', 'a sample must be a [time, value] pair', line, offset, true);
      return;
    }
    this.emitPoint(name, labels, pair[0], pair[1], offset, line);
  }

  private newPoint(name: string, labels: Record<string, string>, timeNs: bigint, offset: number, line: number): MetricPoint {
    let source = this.source;
    if (source === undefined || source.offset !== offset || source.line !== line) source = this.source = { file: this.ctx.file, line, offset };
    const resource = (this.doc?.datadog ? this.datadogResources : this.resources).of(labels);
    // A query answer says neither type nor description (S-MET-TYPE and S-MET-HELP cannot tell).
    return { kind: 'metric', name, type: 'unknown', temporality: 'unspecified', labels, noMetadata: true, timeNs, exemplars: [], resource, source };
  }

  private emitPoint(name: string, labels: Record<string, string>, t: unknown, v: unknown, offset: number, line: number, unit: TimeUnitOf = PROM_API_TIMES): void {
    let timeNs = parseApiTimeNs(t);
    if (timeNs === undefined) {
      this.report('invalid-timestamp', `sample time ${show(t)} is not unix seconds`, line, offset, true);
      return;
    }
    timeNs = this.evidentTime(timeNs, unit.raw ?? t, unit, line, offset);
    const point = this.newPoint(name, labels, timeNs, offset, line);
    if (isPlainObject(v)) {
      const h = readNativeHistogram(v);
      if (!h) {
        this.report('invalid-number', 'native histogram sample without numeric count/sum/buckets', line, offset, true);
        return;
      }
      point.type = 'histogram';
      point.histogram = h;
    } else {
      const value = parseApiValue(v);
      if (value === undefined) {
        this.report(typeof v === 'string' ? 'invalid-number' : 'wrong-type', `sample value ${show(v)} is not a number`, line, offset, true);
        return;
      }
      point.value = value;
    }
    this.progress.records++;
    this.ctx.sink.record(point);
  }
}

function readNativeHistogram(v: Record<string, unknown>): HistogramValue | undefined {
  const count = parseApiValue(v.count);
  if (count === undefined) return undefined;
  const buckets = v.buckets;
  if (buckets !== undefined && !Array.isArray(buckets)) return undefined;
  const rows: NativeBucket[] = [];
  for (const b of (buckets as unknown[] | undefined) ?? []) {
    if (!Array.isArray(b) || b.length !== 4) return undefined;
    const upper = parseApiValue(b[2]);
    const c = parseApiValue(b[3]);
    if (upper === undefined || c === undefined) return undefined;
    rows.push({ upper, count: c });
  }
  return histogramFromBuckets(count, parseApiValue(v.sum), rows);
}

export function createPromApiDecoder(ctx: DecoderContext): Decoder {
  return new PromApiDecoder(ctx);
}

/** A result series' `metric`: its `__name__` and its other labels. */
function seriesLabels(metric: Record<string, unknown>): { name: string; labels: Record<string, string> } {
  let name = '';
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(metric)) {
    const sv = typeof v === 'string' ? v : JSON.stringify(v);
    if (k === '__name__') name = sv;
    else setOwn(labels, k, sv);
  }
  return { name, labels };
}

/** An element of a Prometheus query result: labels and samples (`values`, `value`, or histograms). */
function isPromSeriesObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && isPlainObject(v['metric']) && ['values', 'value', 'histograms', 'histogram'].some((k) => Array.isArray(v[k]) || (k === 'histogram' && v[k] !== undefined));
}
