// What the OpenTelemetry Collector's debug exporter (the logging exporter before it) prints with
// `verbosity: detailed`: each batch as indented text (`ResourceSpans #0`, `Resource attributes:`,
// `Span #0`, `    Trace ID       : …`, `     -> key: Str(value)`), the first line after the
// Collector's own log prefix, the lines maybe prefixed by `docker compose` (`collector-1  | `) or
// `kubectl logs --prefix`. Streamed line by line: each span, log record and data point is rebuilt
// as the OTLP item it was and read by the OTLP mapper, so both formats mean the same. The
// Collector's own log lines between batches are skipped, and said once.
import type { Provenance, Resource, Scope } from '../../model/index.js';
import { ErrorReporter } from '../common/json-errors.js';
import { INVALID_UTF8_MESSAGE, LineSplitter } from '../common/lines.js';
import { isJunkLine } from '../common/crash-lines.js';
import { stripAnsi } from '../jsonl-logs/log-output.js';
import { mapGroupResource, mapGroupScope, mapOtlpItem, SIGNAL_LOGS, SIGNAL_METRICS, SIGNAL_SPANS, type OtlpOut, type OtlpSignalIndex } from '../otlp-json/request.js';
import type { RawOtlpAnyValue, RawOtlpKeyValue } from '../otlp-json/raw.js';
import { newProgress, type Decoder, type DecoderContext, type FormatSpec, type Progress, type SniffInput } from '../types.js';
import { DATA_TYPES, exponentialBuckets, goFloat, goTimeNanos, severityNumber, spanKind, statusCode, temporality, TYPED_VALUE, typedValue, type PrintedBucket } from './values.js';

type Obj = Record<string, unknown>;

const RESOURCE = /^(ResourceSpans|ResourceLog|ResourceLogs|ResourceMetrics) #\d+$/;
// (`InstrumentationLibrarySpans`: the old logging exporter's name for a scope's batch)
const SCOPE = /^(?:Scope|InstrumentationLibrary)(Spans|Logs|Metrics) #\d+$/;
const ITEM = /^(Span|LogRecord|Metric) #\d+$/;
const POINT = /^(Number|Histogram|ExponentialHistogram|Summary)DataPoints #\d+$/;
const SUB = /^(SpanEvent|SpanLink|Exemplar) #\d+$/;
const ITEM_SIGNAL: Record<string, OtlpSignalIndex> = { Span: SIGNAL_SPANS, LogRecord: SIGNAL_LOGS, Metric: SIGNAL_METRICS };
const SIGNAL_OF: Record<string, OtlpSignalIndex> = { Spans: SIGNAL_SPANS, Log: SIGNAL_LOGS, Logs: SIGNAL_LOGS, Metrics: SIGNAL_METRICS };
/** `    Trace ID       : …` (a span's fields, padded to 15). */
const SPAN_FIELD = /^ {4}(Trace ID|Parent ID|ID|Name|Kind|TraceState|Start time|End time|Status code|Status message|DroppedAttributesCount|DroppedEventsCount|DroppedLinksCount|Flags)\s*:(?: (.*))?$/;
const LOG_FIELD = /^(ObservedTimestamp|Timestamp|SeverityText|SeverityNumber|EventName|Body|Trace ID|Span ID|Flags|DroppedAttributesCount):(?: (.*))?$/;
const POINT_FIELD = /^(StartTimestamp|Timestamp|Value|Count|Sum|Min|Max|Flags|ZeroCount|ZeroThreshold):(?: (.*))?$/;
/** `     -> key: value` at any depth; the field lines of descriptors, events, links and exemplars too. */
const ARROW = /^(\s*)-> (.*?): ?(.*)$/;
const TYPED_ARROW = /^\s*-> .*?: (?:Str|Int|Double|Bool|Map|Slice|Bytes|Empty|STRING|INT|DOUBLE|BOOL|MAP|ARRAY|BYTES|EMPTY)\(/;
const HEADER = /^(Resource SchemaURL|ScopeSpans SchemaURL|ScopeLogs SchemaURL|ScopeMetrics SchemaURL|Resource attributes|Resource labels|InstrumentationLibrarySpans SchemaURL|InstrumentationLibraryMetrics SchemaURL|InstrumentationLibraryLogs SchemaURL|InstrumentationLibrary attributes|InstrumentationScope attributes|Attributes|Data point attributes|Events|Links|Exemplars|Descriptor|Entity Refs?|Entities)(?::.*)?$/;
/** Fields whose (trimmed) value is an id or a name, set only when not empty. */
const SPAN_ID_FIELDS: Record<string, string> = { 'Trace ID': 'traceId', 'Parent ID': 'parentSpanId', ID: 'spanId' };
const LOG_ID_FIELDS: Record<string, string> = { 'Trace ID': 'traceId', 'Span ID': 'spanId', EventName: 'eventName' };

/** Sets `field` of `o` to `v` unless `v` is empty; false when there is no such field (the caller reads the key itself). */
function setIdField(o: Obj, field: string | undefined, v: string): boolean {
  if (field === undefined) return false;
  if (v !== '') o[field] = v;
  return true;
}

/** The Collector's own log line (zap console encoder): `2024-05-01T10:00:00.000Z	info	…`. */
const OWN_LOG = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})\s+(?:debug|info|warn|error|dpanic|panic|fatal)\b/i;
/** The fields zap prints after a message that ended with a newline: `	{"kind": "exporter", …}`. */
const OWN_FIELDS = /^\s*\{"(?:kind|otelcol\.component\.kind|resource)"/;

/** Lines a value of free text may run over (a stack trace in a body), and its size. */
const MAX_VALUE_LINES = 10_000;
const MAX_VALUE_CHARS = 1024 * 1024;

/** A typed value whose text may continue on the next lines (`Str(` with newlines in it). */
interface OpenValue {
  type: string;
  parts: string[];
  chars: number;
  set: (v: RawOtlpAnyValue) => void;
  line: number;
  offset: number;
}

interface Item {
  signal: OtlpSignalIndex;
  raw: Obj;
  source: Provenance;
}

interface MetricState {
  name?: string;
  description?: string;
  unit?: string;
  type?: string;
  temporality?: string;
  monotonic?: boolean;
}

interface PointState {
  raw: Obj;
  source: Provenance;
  bounds: number[];
  buckets: string[];
  positive: PrintedBucket[];
  negative: PrintedBucket[];
  quantiles: { quantile: number; value: number }[];
}

/** The time `kubectl logs --timestamps` and `docker compose logs -t` put before each line. */
const LINE_STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) /;

const prefixMarker = (text: string): { prefix: string; marker: string } | undefined => {
  const m = /^(.*?)((?:ResourceSpans|ResourceLogs?|ResourceMetrics|ScopeSpans|ScopeLogs|ScopeMetrics|InstrumentationLibrary(?:Spans|Logs|Metrics)) #\d+)$/.exec(text);
  if (!m) return undefined;
  return { prefix: m[1]!, marker: m[2]! };
};

/** A `docker compose logs` (`collector-1  | `) or `kubectl logs --prefix` (`[pod/x/c] `) prefix, at the start of a marker line's prefix. */
const LINE_PREFIX = /^(?:[\w.-]+\s*\| |\[[^\]\n]+\] )/;

class DebugExporterDecoder implements Decoder {
  readonly progress: Progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly out: OtlpOut;
  private readonly lines: LineSplitter;
  private readonly file: string;
  private prefix: string | undefined;
  private stamped = false;
  private signal: OtlpSignalIndex | undefined;
  private rawResource: { attributes: RawOtlpKeyValue[] } | undefined;
  private resource: Resource | undefined;
  private rawScope: { name: string; version: string; attributes: RawOtlpKeyValue[] } | undefined;
  private scope: Scope | undefined;
  private scopeMapped = false;
  private item: Item | undefined;
  private metric: MetricState | undefined;
  private point: PointState | undefined;
  /** The span event, span link or exemplar being read. */
  private sub: Obj | undefined;
  private attrs: RawOtlpKeyValue[] | undefined;
  private open: OpenValue | undefined;
  private sawBatch = false;
  private sawContent = false;
  private skipped = 0;
  private junk = 0;
  private firstSkipped: { line: number; offset: number } | undefined;
  private errLine: number | undefined;
  private errOffset: number | undefined;

  constructor(ctx: DecoderContext) {
    this.file = ctx.file;
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    const progress = this.progress;
    this.out = {
      record: (r) => {
        progress.records++;
        ctx.sink.record(r);
      },
      error: (code, message, rejected) => this.errors.report(code, message, this.errLine, this.errOffset, rejected),
    };
    this.lines = new LineSplitter(
      {
        line: (text, line, offset) => this.onLine(text, line, offset),
        tooLong: (line, offset, bytes) => {
          this.sawContent = true;
          this.errors.report('line-too-long', `line of ${bytes} bytes exceeds the limit; skipped`, line, offset, false);
        },
        invalidUtf8: (line, offset) => this.errors.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false),
      },
      undefined,
      ctx.lineEnds ?? 'auto',
    );
  }

  push(chunk: Uint8Array): void {
    this.progress.bytes += chunk.length;
    this.lines.push(chunk);
    this.progress.lines = this.lines.linesSeen;
  }

  end(): void {
    this.lines.end();
    this.progress.lines = this.lines.linesSeen;
    this.closeValue();
    this.endBatch();
    if (!this.sawContent) this.errors.report('empty-input', 'the input is empty', undefined, 0, false);
    else if (!this.sawBatch && this.junk > 0) this.errors.report('binary-data', `binary data (${this.junk} line${this.junk === 1 ? '' : 's'} of control characters or bytes that are not UTF-8), not debug-exporter output`, this.firstSkipped?.line, this.firstSkipped?.offset, false);
    else if (!this.sawBatch) this.errors.report('unrecognised-format', 'no batch of the Collector debug exporter (a `ResourceSpans #0`, `ResourceLog #0` or `ResourceMetrics #0` line) was found', 1, 0, false);
    else if (this.skipped > 0) {
      const n = this.skipped;
      this.errors.report('invalid-line', `${n} line${n === 1 ? ' is' : 's are'} not part of a debug-exporter batch (the Collector's own log, or another program's; the first at this line); skipped`, this.firstSkipped!.line, this.firstSkipped!.offset, false);
    }
  }

  private onLine(raw: string, line: number, offset: number): void {
    // (trailing blanks: a terminal's copy pads lines to its width)
    let text = stripAnsi(line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trimEnd();
    if (text !== '') this.sawContent = true;
    this.errLine = line;
    this.errOffset = offset;
    if (this.prefix !== undefined) {
      if (text.startsWith(this.prefix)) text = text.slice(this.prefix.length);
      else if (text.trim() !== '') {
        // another container's line among the Collector's (`docker compose logs` interleaves them)
        this.skip(line, offset);
        return;
      }
    }
    if (this.stamped) text = text.replace(LINE_STAMP, '');
    if (this.open) {
      if (!this.known(text)) {
        this.continueValue(text);
        return;
      }
      this.closeValue();
    }
    const pm = prefixMarker(text);
    if (pm && pm.prefix !== '') {
      const lp = LINE_PREFIX.exec(pm.prefix);
      if (lp && this.prefix === undefined) this.prefix = lp[0];
      // `kubectl logs --timestamps`, `docker compose logs -t`: every line after its own time
      if (!this.stamped && LINE_STAMP.test(pm.prefix.slice(lp?.[0].length ?? 0))) this.stamped = true;
      text = pm.marker;
    }
    if (RESOURCE.test(text)) return this.startResource(text);
    if (SCOPE.test(text)) return this.startScope(text);
    // a batch whose start was cut (`kubectl logs --tail`, a rotated file): its items without resource
    if (this.signal === undefined && (ITEM.test(text) || POINT.test(text))) {
      const kind = text.slice(0, text.indexOf(' '));
      this.startScope(kind === 'Span' ? 'ScopeSpans #0' : kind === 'LogRecord' ? 'ScopeLogs #0' : 'ScopeMetrics #0');
      if (POINT.test(text)) this.metric = {};
    }
    if (this.signal === undefined || OWN_LOG.test(text) || OWN_FIELDS.test(text)) {
      this.endBatch();
      if (text.trim() !== '') this.skip(line, offset, text);
      return;
    }
    if (ITEM.test(text)) return this.startItem(text, line, offset);
    if (POINT.test(text)) return this.startPoint(line, offset);
    if (SUB.test(text)) return this.startSub(text);
    const scopeLine = /^Instrumentation(?:Scope|Library) (?!attributes:)/.exec(text);
    if (scopeLine) {
      const rest = text.slice(scopeLine[0].length);
      const sp = rest.indexOf(' ');
      this.rawScope = { name: sp < 0 ? rest : rest.slice(0, sp), version: sp < 0 ? '' : rest.slice(sp + 1).trim(), attributes: this.rawScope?.attributes ?? [] };
      this.scopeMapped = false;
      return;
    }
    if (HEADER.test(text.trim())) return this.header(text.trim());
    if (this.item?.signal === SIGNAL_SPANS && !this.sub) {
      const f = SPAN_FIELD.exec(text);
      if (f) return this.spanField(f[1]!, f[2] ?? '', line, offset);
    }
    if (this.item?.signal === SIGNAL_LOGS) {
      const f = LOG_FIELD.exec(text);
      if (f) return this.logField(f[1]!, f[2] ?? '', line, offset);
    }
    if (this.point) {
      if (this.pointLine(text)) return;
    }
    const a = ARROW.exec(text);
    if (a) return this.arrow(a[1]!.length, a[2]!, a[3]!, line, offset);
    // a line of a newer exporter version, or of the Collector's log without its usual prefix: ignored
  }

  /** A line the grammar knows (so a value of free text open above it has ended). */
  private known(t: string): boolean {
    if (prefixMarker(t) || OWN_LOG.test(t) || OWN_FIELDS.test(t)) return true;
    // an item marker of the batch's own signal (a log body's `Span #0` line is text of the body)
    if (ITEM.test(t)) return ITEM_SIGNAL[t.slice(0, t.indexOf(' '))] === this.signal;
    if (POINT.test(t)) return this.signal === SIGNAL_METRICS;
    if (SUB.test(t)) return (t.startsWith('Exemplar') ? SIGNAL_METRICS : SIGNAL_SPANS) === this.signal;
    if (HEADER.test(t.trim()) || TYPED_ARROW.test(t)) return true;
    if (this.item?.signal === SIGNAL_LOGS && LOG_FIELD.test(t)) return true;
    if (this.item?.signal === SIGNAL_SPANS && SPAN_FIELD.test(t)) return true;
    if (this.point && (POINT_FIELD.test(t) || /^(ExplicitBounds #|Buckets #|Bucket [[(]|QuantileValue #)/.test(t))) return true;
    return /^\s*-> (Name|Timestamp|DroppedAttributesCount|Trace ID|Span ID|ID|TraceState|Value|Attributes:|FilteredAttributes):/.test(t);
  }

  private skip(line: number, offset: number, text?: string): void {
    this.skipped++;
    if (text !== undefined && isJunkLine(text)) this.junk++;
    this.firstSkipped ??= { line, offset };
  }

  private startResource(marker: string): void {
    this.endBatch();
    this.sawBatch = true;
    this.signal = SIGNAL_OF[/^Resource(\w+)/.exec(marker)![1]!];
    this.rawResource = { attributes: [] };
    this.rawScope = undefined;
    this.attrs = undefined;
  }

  private startScope(marker: string): void {
    this.flushItem();
    const signal = SIGNAL_OF[SCOPE.exec(marker)![1]!]!;
    if (this.signal !== signal) {
      // a batch pasted from its scope on (`ScopeSpans #0` first): an empty resource
      this.endBatch();
      this.sawBatch = true;
      this.signal = signal;
      this.rawResource = { attributes: [] };
    }
    this.rawScope = { name: '', version: '', attributes: [] };
    this.scopeMapped = false;
    this.attrs = undefined;
  }

  private header(h: string): void {
    const name = h.replace(/:.*$/, '');
    if (name === 'Resource attributes' || name === 'Resource labels') this.attrs = this.rawResource?.attributes;
    else if (name === 'InstrumentationScope attributes') this.attrs = (this.rawScope ??= { name: '', version: '', attributes: [] }).attributes;
    else if (name === 'Attributes' && this.item && this.item.signal !== SIGNAL_METRICS) {
      this.sub = undefined;
      this.attrs = this.item.raw['attributes'] as RawOtlpKeyValue[];
    } else if (name === 'Data point attributes' && this.point) this.attrs = this.point.raw['attributes'] as RawOtlpKeyValue[];
    else if (name === 'Events' || name === 'Links' || name === 'Exemplars') {
      this.sub = undefined;
      this.attrs = undefined;
    } else if (name.startsWith('Entit')) this.attrs = undefined;
  }

  private startItem(marker: string, line: number, offset: number): void {
    this.flushItem();
    this.attrs = undefined;
    this.sub = undefined;
    const kind = marker.slice(0, marker.indexOf(' '));
    const source: Provenance = { file: this.file, line, offset };
    if (kind === 'Metric') {
      this.metric = {};
      return;
    }
    const signal = kind === 'Span' ? SIGNAL_SPANS : SIGNAL_LOGS;
    const raw: Obj = signal === SIGNAL_SPANS ? { attributes: [], events: [], links: [], status: {} } : { attributes: [] };
    this.item = { signal, raw, source };
  }

  private startPoint(line: number, offset: number): void {
    this.flushPoint();
    this.attrs = undefined;
    this.sub = undefined;
    this.point = { raw: { attributes: [], exemplars: [] }, source: { file: this.file, line, offset }, bounds: [], buckets: [], positive: [], negative: [], quantiles: [] };
  }

  private startSub(marker: string): void {
    this.attrs = undefined;
    const kind = marker.slice(0, marker.indexOf(' '));
    const sub: Obj = kind === 'Exemplar' ? { filteredAttributes: [] } : { attributes: [] };
    if (kind === 'Exemplar') {
      if (!this.point) return;
      (this.point.raw['exemplars'] as Obj[]).push(sub);
    } else {
      if (this.item?.signal !== SIGNAL_SPANS) return;
      (this.item.raw[kind === 'SpanEvent' ? 'events' : 'links'] as Obj[]).push(sub);
    }
    this.sub = sub;
  }

  private time(text: string, field: string, line: number, offset: number): string | undefined {
    const t = text.trim();
    if (t === '') return undefined;
    const ns = goTimeNanos(t);
    if (ns === undefined) this.errors.report('invalid-timestamp', `${field} is not a time: ${JSON.stringify(t.slice(0, 80))}`, line, offset, false);
    return ns;
  }

  private spanField(key: string, value: string, line: number, offset: number): void {
    const s = this.item!.raw;
    const v = value.trim();
    if (setIdField(s, SPAN_ID_FIELDS[key], v)) return;
    switch (key) {
      case 'Name':
        s['name'] = value;
        break;
      case 'Kind':
        s['kind'] = spanKind(v);
        break;
      case 'TraceState':
        s['traceState'] = v;
        break;
      case 'Start time':
        s['startTimeUnixNano'] = this.time(v, 'Start time', line, offset);
        break;
      case 'End time':
        s['endTimeUnixNano'] = this.time(v, 'End time', line, offset);
        break;
      case 'Status code':
        (s['status'] as Obj)['code'] = statusCode(v);
        break;
      case 'Status message':
        if (value !== '') (s['status'] as Obj)['message'] = value;
        break;
      case 'Flags':
        if (/^\d+$/.test(v)) s['flags'] = Number(v);
        break;
      default:
        if (/^\d+$/.test(v)) s[key[0]!.toLowerCase() + key.slice(1)] = Number(v);
    }
  }

  private logField(key: string, value: string, line: number, offset: number): void {
    const r = this.item!.raw;
    const v = value.trim();
    if (setIdField(r, LOG_ID_FIELDS[key], v)) return;
    switch (key) {
      case 'ObservedTimestamp':
        r['observedTimeUnixNano'] = this.time(v, 'ObservedTimestamp', line, offset);
        break;
      case 'Timestamp':
        r['timeUnixNano'] = this.time(v, 'Timestamp', line, offset);
        break;
      case 'SeverityText':
        if (value !== '') r['severityText'] = value;
        break;
      case 'SeverityNumber': {
        const n = severityNumber(v);
        if (n !== undefined && n > 0) r['severityNumber'] = n;
        break;
      }
      case 'Body':
        this.typed(value, (b) => (r['body'] = b), line, offset);
        break;
      default:
        break;
    }
  }

  /** A data point's own line; false when it is not one. */
  private pointLine(text: string): boolean {
    const p = this.point!;
    let m = POINT_FIELD.exec(text);
    if (m) {
      const key = m[1]!;
      const v = (m[2] ?? '').trim();
      const raw = p.raw;
      if (key === 'StartTimestamp') raw['startTimeUnixNano'] = this.time(v, key, this.errLine!, this.errOffset!);
      else if (key === 'Timestamp') raw['timeUnixNano'] = this.time(v, key, this.errLine!, this.errOffset!);
      else if (key === 'Value') {
        if (/^-?\d+$/.test(v)) raw['asInt'] = v;
        else raw['asDouble'] = goFloat(v);
      } else if (key === 'Count' || key === 'ZeroCount') raw[key === 'Count' ? 'count' : 'zeroCount'] = v;
      else if (key === 'Flags') raw['flags'] = Number(v);
      else raw[key.toLowerCase()] = goFloat(v);
      return true;
    }
    if ((m = /^ExplicitBounds #\d+: (.*)$/.exec(text))) {
      p.bounds.push(goFloat(m[1]!));
      return true;
    }
    if ((m = /^Buckets #\d+, Count: (\d+)$/.exec(text))) {
      p.buckets.push(m[1]!);
      return true;
    }
    if ((m = /^Bucket ([[(])(.*?), (.*?)[)\]], Count: (\d+)$/.exec(text))) {
      const lower = goFloat(m[2]!);
      const upper = goFloat(m[3]!);
      if (lower === 0 && upper === 0) p.raw['zeroCount'] = m[4]!;
      else (m[1] === '[' ? p.negative : p.positive).push({ lower, upper, count: m[4]! });
      return true;
    }
    if ((m = /^QuantileValue #\d+: Quantile (.*), Value (.*)$/.exec(text))) {
      p.quantiles.push({ quantile: goFloat(m[1]!), value: goFloat(m[2]!) });
      return true;
    }
    return false;
  }

  /** `     -> key: value`: an attribute, or a field of a descriptor, span event, span link or exemplar. */
  private arrow(indent: number, key: string, value: string, line: number, offset: number): void {
    const typed = TYPED_VALUE.test(value);
    if (this.metric && !this.point && !typed) {
      const m = this.metric;
      if (key === 'Name') m.name = value;
      else if (key === 'Description') m.description = value;
      else if (key === 'Unit') m.unit = value;
      else if (key === 'DataType') m.type = value.trim();
      else if (key === 'IsMonotonic') m.monotonic = value.trim() === 'true';
      else if (key === 'AggregationTemporality') m.temporality = temporality(value);
      return;
    }
    if (this.sub && (indent <= 5 || !typed)) {
      const s = this.sub;
      const v = value.trim();
      if (key === 'Attributes:' || key === 'FilteredAttributes' || key === 'Attributes') {
        this.attrs = (s['attributes'] ?? s['filteredAttributes']) as RawOtlpKeyValue[];
        return;
      }
      if (key === 'Name') s['name'] = value;
      else if (key === 'Timestamp') s['timeUnixNano'] = this.time(v, 'Timestamp', line, offset);
      else if (key === 'Trace ID') {
        if (v !== '') s['traceId'] = v;
      } else if (key === 'ID' || key === 'Span ID') {
        if (v !== '') s['spanId'] = v;
      } else if (key === 'TraceState') s['traceState'] = v;
      else if (key === 'DroppedAttributesCount') s['droppedAttributesCount'] = Number(v) || 0;
      else if (key === 'Value') {
        if (/^-?\d+$/.test(v)) s['asInt'] = v;
        else s['asDouble'] = goFloat(v);
      }
      return;
    }
    if (!typed || !this.attrs) return;
    const list = this.attrs;
    const kv: RawOtlpKeyValue = { key };
    list.push(kv);
    this.typed(value, (v) => (kv.value = v), line, offset);
  }

  /** A `Type(text)` value; its text may continue on the lines below until a line the grammar knows. */
  private typed(value: string, set: (v: RawOtlpAnyValue) => void, line: number, offset: number): void {
    const m = TYPED_VALUE.exec(value);
    if (!m) {
      // (a body printed by a version that wrote it bare)
      set({ stringValue: value });
      return;
    }
    const rest = value.slice(m[0].length);
    this.open = { type: m[1]!, parts: [rest], chars: rest.length, set, line, offset };
  }

  private continueValue(text: string): void {
    const o = this.open!;
    if (o.parts.length >= MAX_VALUE_LINES || o.chars + text.length > MAX_VALUE_CHARS) {
      if (o.chars !== Infinity) this.errors.report('line-too-long', `a value runs over more than ${MAX_VALUE_LINES} lines or ${MAX_VALUE_CHARS} characters; the rest of it is dropped`, o.line, o.offset, false);
      o.chars = Infinity;
      return;
    }
    o.parts.push(text);
    o.chars += text.length + 1;
  }

  private closeValue(): void {
    const o = this.open;
    if (!o) return;
    this.open = undefined;
    // (blank lines after the value: the blank line docker compose and the old exporter write after a batch)
    let n = o.parts.length;
    while (n > 1 && o.parts[n - 1] === '') n--;
    let text = (n === o.parts.length ? o.parts : o.parts.slice(0, n)).join('\n');
    if (text.endsWith(')')) text = text.slice(0, -1);
    o.set(typedValue(o.type, text));
  }

  private mappedResource(): Resource {
    if (!this.resource) this.resource = mapGroupResource(this.rawResource ?? { attributes: [] }, this.out);
    return this.resource;
  }

  private mappedScope(): Scope | undefined {
    if (!this.scopeMapped) {
      this.scope = this.rawScope && (this.rawScope.name !== '' || this.rawScope.version !== '' || this.rawScope.attributes.length > 0) ? mapGroupScope(this.rawScope, this.out) : undefined;
      this.scopeMapped = true;
    }
    return this.scope;
  }

  private flushPoint(): void {
    const p = this.point;
    const m = this.metric;
    if (!p || !m) return;
    this.point = undefined;
    this.sub = undefined;
    const type = DATA_TYPES[m.type ?? ''];
    const raw = p.raw;
    if (type === 'histogram') {
      raw['explicitBounds'] = p.bounds;
      raw['bucketCounts'] = p.buckets;
    } else if (type === 'exponentialHistogram') {
      const e = exponentialBuckets(p.positive, p.negative);
      raw['scale'] = e.scale;
      raw['positive'] = e.positive;
      raw['negative'] = e.negative;
    } else if (type === 'summary') raw['quantileValues'] = p.quantiles;
    const data: Obj = { dataPoints: [raw] };
    if (m.temporality !== undefined) data['aggregationTemporality'] = m.temporality;
    if (m.monotonic !== undefined) data['isMonotonic'] = m.monotonic;
    const metric: Obj = { name: m.name, description: m.description, unit: m.unit };
    if (type === undefined) {
      this.errors.report('invalid-record', `metric ${JSON.stringify(m.name ?? '')} has data points but no known DataType (${JSON.stringify(m.type ?? '')})`, p.source.line, p.source.offset, true);
      return;
    }
    metric[type] = data;
    this.mapItem(SIGNAL_METRICS, metric, p.source);
  }

  private flushItem(): void {
    this.closeValue();
    this.flushPoint();
    this.metric = undefined;
    const it = this.item;
    if (!it) return;
    this.item = undefined;
    this.sub = undefined;
    this.mapItem(it.signal, it.raw, it.source);
  }

  private mapItem(signal: OtlpSignalIndex, raw: Obj, source: Provenance): void {
    this.errLine = source.line;
    this.errOffset = source.offset;
    mapOtlpItem(signal, raw, this.mappedResource(), this.mappedScope(), source, this.out);
  }

  private endBatch(): void {
    this.flushItem();
    this.signal = undefined;
    this.rawResource = undefined;
    this.resource = undefined;
    this.rawScope = undefined;
    this.scope = undefined;
    this.scopeMapped = false;
    this.attrs = undefined;
  }
}

/** The head with a `docker compose`/`kubectl --prefix` prefix taken off each line. */
function unprefixed(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n').slice(0, 400).map((l) => stripAnsi(l).trimEnd());
  let prefix: string | undefined;
  let stamped = false;
  for (const l of lines) {
    const pm = prefixMarker(l);
    if (!pm) continue;
    const lp = LINE_PREFIX.exec(pm.prefix);
    prefix = lp?.[0];
    stamped = LINE_STAMP.test(pm.prefix.slice(lp?.[0].length ?? 0));
    break;
  }
  return lines.map((l) => {
    const t = prefix !== undefined && l.startsWith(prefix) ? l.slice(prefix.length) : l;
    return stamped ? t.replace(LINE_STAMP, '') : t;
  });
}

/** A line that begins a debug-exporter batch: `ResourceSpans #0` (and its siblings), at its start or after the Collector's log prefix. */
export const BATCH_LINE = /(?:^|[\s|\]])(?:ResourceSpans|ResourceLogs?|ResourceMetrics) #\d+\r?$/;
/** A field of the Collector's own log lines that names the component (`{"kind": "exporter", …}`, newer `otelcol.component.id`), or its name. */
const COLLECTOR_MARK = /\t\{"(?:kind|otelcol\.component\.(?:id|kind))": "|\botelcol(?:-contrib|-k8s)?\b/;

/**
 * The head is the OpenTelemetry Collector's own log (zap console lines, one of them naming a
 * Collector component or the Collector) with no debug-exporter batch in it: a batch the debug
 * exporter prints into that log may begin further on (after the startup lines, retries…).
 */
export function collectorLogWithoutBatch(text: string): boolean {
  if (/(?:ResourceSpans|ResourceLogs?|ResourceMetrics) #\d/.test(text)) return false;
  let own = false;
  let collector = false;
  for (const raw of text.replace(/^\uFEFF/, '').split('\n', 400)) {
    // (a `docker compose logs` or `kubectl logs --prefix` prefix, and kubectl's or docker's stamp, before the Collector's line)
    const l = stripAnsi(raw).replace(LINE_PREFIX, '').replace(LINE_STAMP, '');
    if (!own && OWN_LOG.test(l)) own = true;
    if (!collector && COLLECTOR_MARK.test(l)) collector = true;
    if (own && collector) return true;
  }
  return false;
}

export function sniffOtelDebug(input: SniffInput): number {
  if (!/(?:(?:Resource|Scope)(?:Spans|Logs?|Metrics)|Span|LogRecord|Metric) #\d/.test(input.text)) return 0;
  let markers = 0;
  let items = 0;
  let fields = 0;
  for (const l of unprefixed(input.text)) {
    if (prefixMarker(l)) markers++;
    else if (ITEM.test(l) || POINT.test(l)) items++;
    else if (SPAN_FIELD.test(l) || LOG_FIELD.test(l) || /^(Resource|Scope(Spans|Logs|Metrics)) SchemaURL:/.test(l) || /^(Resource attributes|Resource labels|Descriptor|Data point attributes):$/.test(l) || /^InstrumentationScope /.test(l)) fields++;
  }
  // a batch's markers, or (its start cut off) its items with their fields
  return (markers > 0 && fields + items >= 1) || (items > 0 && fields >= 3) ? 0.96 : 0;
}

export const otelDebug: FormatSpec = {
  id: 'otel-debug',
  signal: 'mixed',
  label: 'OpenTelemetry Collector debug exporter output (verbosity: detailed)',
  sniff: sniffOtelDebug,
  create: (ctx) => new DebugExporterDecoder(ctx),
};
