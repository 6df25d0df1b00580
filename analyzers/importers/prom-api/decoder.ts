// Prometheus HTTP API responses (/api/v1/query, /api/v1/query_range) → MetricPoints.
//
// {"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]}]}}
// - matrix: one point per `values` pair (and per `histograms` pair for native histograms);
//   vector: one point per series (`value`/`histogram`); scalar: one point named ''.
// - `metric.__name__` → name; computed PromQL results have none, their name is '' and the
//   labels are kept (that is how Prometheus itself returns them, not an input defect).
// - Times are unix seconds (float, ms precision) → ns; values are strings ("1.5", "NaN",
//   "+Inf"). Prometheus does not say which type a query result has: type `unknown`.
// - Native histograms: buckets `[boundaryRule, lower, upper, count]` become a HistogramValue
//   with the upper edges as bounds and per-bucket counts (the lowest edge is dropped).
// - `"status":"error"` → `invalid-record` with errorType/error; `warnings` → one
//   `invalid-record` (results may be partial), and so does VictoriaMetrics' `"isPartial": true`;
//   a non-standard `"status":"warning"` is read.
// - Responses without data points (series, labels, label values, metadata, targets…) and
//   string results are recognised and reported once as `unsupported`, with 0 records.
// Memory: the document is scanned in a stream; only one series' JSON is held at a time
// (capped by MAX_LINE_BYTES), so a 1 GB matrix costs one series of memory. Several documents
// in a row (one response per line) are each read.
// Datadog's metrics query API (/api/v1/query, what its exports and scripts save) has the same
// role: {"status":"ok","res_type":"time_series","series":[{"metric":…,"tag_set":["host:a"],
// "pointlist":[[ms, value|null],…]}]} — one point per pointlist pair with a value (null is
// Datadog's "no data in this interval", not a sample); tags `key:value` become labels.
import { emptyResource, type HistogramValue, type MetricPoint } from '../../model/index.js';
import { ErrorReporter } from '../common/json-errors.js';
import { JsonStreamScanner, type SelectNode } from '../common/json-stream.js';
import { BinaryHead } from '../prometheus/binary-head.js';
import { histogramFromBuckets, type NativeBucket } from '../prometheus/native-histogram.js';
import { newProgress, type Decoder, type DecoderContext, type ImportErrorCode } from '../types.js';

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

const SELECT: SelectNode = {
  id: ROOT,
  keys: {
    status: { id: STATUS, capture: true },
    errorType: { id: ERROR_TYPE, capture: true },
    error: { id: ERROR, capture: true },
    warnings: { id: WARNINGS, capture: true },
    infos: { id: INFOS, capture: true },
    // VictoriaMetrics (cluster) marks a response some vmstorage nodes did not answer `"isPartial":true`.
    isPartial: { id: IS_PARTIAL, capture: true },
    series: { id: DD_SERIES, items: { id: DD_ITEM, capture: true } },
    data: {
      id: DATA,
      keys: {
        resultType: { id: RESULT_TYPE, capture: true },
        result: { id: RESULT, items: { id: ITEM, capture: true } },
      },
      // data is an array for /series, /labels, /label/…/values: count the items, keep nothing big
      items: { id: DATA_ITEM },
    },
  },
  // a top-level array is not an API response; look at its items only to name it
  items: { id: ROOT_ITEM, capture: true },
};

/** Raw shapes of the API (kept apart from the model). */
interface RawSeries {
  metric?: unknown;
  stream?: unknown;
  values?: unknown;
  value?: unknown;
  histograms?: unknown;
  histogram?: unknown;
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

/** API timestamps are float seconds with millisecond precision. */
function parseApiTimeNs(t: unknown): bigint | undefined {
  const n = typeof t === 'number' ? t : typeof t === 'string' && VALUE_RE.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n)) return undefined;
  return BigInt(Math.round(n * 1000)) * 1_000_000n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class PromApiDecoder implements Decoder {
  readonly progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly scanner: JsonStreamScanner;
  private doc: DocState | undefined;
  private readonly gate: BinaryHead;

  constructor(private readonly ctx: DecoderContext) {
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    this.scanner = new JsonStreamScanner(SELECT, {
      open: (id, offset, line) => this.onOpen(id, offset, line),
      close: (id) => this.onClose(id),
      value: (id, value, _key, offset, line) => this.onValue(id, value, offset, line),
      error: (code, message, offset, line) => this.onScanError(code, message, offset, line),
    });
    this.gate = new BinaryHead(
      (chunk) => this.scanner.push(chunk),
      () => this.report('binary-data', 'binary content, not JSON', 1, 0, false),
    );
  }

  push(chunk: Uint8Array): void {
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

  private report(code: ImportErrorCode, message: string, line: number | undefined, offset: number | undefined, rejected: boolean): void {
    this.errors.report(code, message, line, offset, rejected);
  }

  private onScanError(code: ImportErrorCode, message: string, offset: number, line: number): void {
    // A broken or oversized element inside `result` costs that series.
    const inResult = this.doc?.resultOpen === true;
    this.report(code, message, line, offset, inResult && code !== 'wrong-type');
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
      };
    } else if (id === DATA && this.doc) this.doc.sawData = true;
    else if (id === DD_SERIES && this.doc) {
      this.doc.datadog = true;
      this.doc.resultOpen = true;
    }
    else if (id === RESULT && this.doc) {
      this.doc.sawResult = true;
      this.doc.resultOpen = true;
    }
  }

  private onClose(id: number): void {
    const doc = this.doc;
    if (!doc) return;
    if (id === DD_SERIES) doc.resultOpen = false;
    else if (id === RESULT) {
      doc.resultOpen = false;
      if (doc.primitives.length > 0) this.emitScalar(doc);
    } else if (id === ROOT) this.finishDoc();
  }

  private onValue(id: number, value: unknown, offset: number, line: number): void {
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
      case IS_PARTIAL:
        doc.isPartial = value;
        return;
      case RESULT_TYPE:
        doc.resultType = value;
        return;
      case ITEM:
        if (isPlainObject(value)) this.emitSeries(doc, value as RawSeries, offset, line);
        else if (value === null || typeof value !== 'object') {
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
        if (isPlainObject(value) && 'baseLabels' in value && 'metric' in value) doc.legacy = true;
        return;
      default:
        return;
    }
  }

  private finishDoc(): void {
    const doc = this.doc!;
    this.doc = undefined;
    const { line, offset } = doc;
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
    if (doc.isPartial === true) {
      this.report('invalid-record', 'the response is marked "isPartial": true (VictoriaMetrics: some storage nodes did not answer); results may be incomplete', line, offset, false);
    }
    if (doc.rootArray || doc.legacy) {
      if (doc.legacy) this.report('unsupported', 'legacy Prometheus JSON exposition format (pre-2015) is not read', line, offset, false);
      else this.report('invalid-record', 'a JSON array is not a Prometheus API response', line, offset, false);
      return;
    }
    if (doc.status === undefined && !doc.sawData) {
      this.report('invalid-record', 'JSON object without "status" or "data": not a Prometheus API response', line, offset, false);
      return;
    }
    if (doc.status !== 'error' && !doc.sawResult) {
      this.report('unsupported', 'Prometheus API response without data points (series, labels, label values or metadata); nothing to read', line, offset, false);
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

  private emitSeries(doc: DocState, s: RawSeries, offset: number, line: number): void {
    doc.series++;
    if (s.metric === undefined && isPlainObject(s.stream)) {
      // Loki's query API has the same envelope; its streams are log lines, not samples.
      doc.streams++;
      return;
    }
    const metric = s.metric === undefined ? {} : s.metric;
    if (!isPlainObject(metric)) {
      this.report('wrong-type', '"metric" must be an object of labels', line, offset, true);
      return;
    }
    let name = '';
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(metric)) {
      const sv = typeof v === 'string' ? v : JSON.stringify(v);
      if (k === '__name__') name = sv;
      else labels[k] = sv;
    }
    let any = false;
    if (s.values !== undefined) {
      any = true;
      if (!Array.isArray(s.values)) this.report('wrong-type', '"values" must be an array of [time, "value"] pairs', line, offset, true);
      else for (const pair of s.values) this.emitPair(name, labels, pair, offset, line);
    }
    if (s.histograms !== undefined) {
      any = true;
      if (!Array.isArray(s.histograms)) this.report('wrong-type', '"histograms" must be an array of [time, histogram] pairs', line, offset, true);
      else for (const pair of s.histograms) this.emitPair(name, labels, pair, offset, line);
    }
    if (s.value !== undefined) {
      any = true;
      this.emitPair(name, labels, s.value, offset, line);
    }
    if (s.histogram !== undefined) {
      any = true;
      this.emitPair(name, labels, s.histogram, offset, line);
    }
    if (!any) this.report('missing-field', 'series without "values", "value" or "histogram(s)"', line, offset, true);
  }

  private emitDatadogSeries(doc: DocState, s: Record<string, unknown>, offset: number, line: number): void {
    doc.series++;
    const name = typeof s.metric === 'string' ? s.metric : typeof s.display_name === 'string' ? s.display_name : '';
    const labels: Record<string, string> = {};
    if (Array.isArray(s.tag_set)) {
      for (const t of s.tag_set) {
        if (typeof t !== 'string') continue;
        const c = t.indexOf(':');
        if (c > 0) labels[t.slice(0, c)] = t.slice(c + 1);
        else labels[t] = '';
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
      this.emitPoint(name, labels, Number.isFinite(ms) ? ms / 1000 : pair[0], pair[1], offset, line);
    }
  }

  private emitPair(name: string, labels: Record<string, string>, pair: unknown, offset: number, line: number): void {
    if (!Array.isArray(pair) || pair.length !== 2) {
      this.report('wrong-type', 'a sample must be a [time, value] pair', line, offset, true);
      return;
    }
    this.emitPoint(name, labels, pair[0], pair[1], offset, line);
  }

  private emitPoint(name: string, labels: Record<string, string>, t: unknown, v: unknown, offset: number, line: number): void {
    const timeNs = parseApiTimeNs(t);
    if (timeNs === undefined) {
      this.report('invalid-timestamp', `sample time ${JSON.stringify(t)} is not unix seconds`, line, offset, true);
      return;
    }
    const point: MetricPoint = {
      kind: 'metric',
      name,
      type: 'unknown',
      temporality: 'unspecified',
      labels: { ...labels },
      timeNs,
      exemplars: [],
      resource: emptyResource(),
      source: { file: this.ctx.file, line, offset },
    };
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
        this.report(typeof v === 'string' ? 'invalid-number' : 'wrong-type', `sample value ${JSON.stringify(v)} is not a number`, line, offset, true);
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
