// Spans in CSV: a header row mapped by name (case, `_`, `-`, `.`, spaces and unit suffixes in
// parentheses ignored), e.g. TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,
// EndTimeUnixNano,Duration. Columns we do not map become span attributes.
import { resourceFromAttributes, type Attributes, type Resource, type Span, type SpanKind, type StatusCode } from '../../model/index.js';
import { detectDelimiter, CsvReader, excelSepLine, sameRow } from '../common/csv.js';
import { normalizeHexId } from '../common/ids.js';
import { ErrorReporter } from '../common/json-errors.js';
import { INVALID_UTF8_MESSAGE, looksBinary } from '../common/lines.js';
import { exactEpochToNs, parseDurationNs, parseTimestamp, UINT64_MAX } from '../common/time.js';
import { newProgress, type Decoder, type DecoderContext, type FormatSpec, type Progress, type SniffInput } from '../types.js';

type Role = 'traceId' | 'spanId' | 'parent' | 'name' | 'service' | 'pod' | 'start' | 'end' | 'duration' | 'status' | 'statusMessage' | 'kind';

const SYNONYMS: Record<string, Role> = {
  traceid: 'traceId',
  trace: 'traceId',
  spanid: 'spanId',
  parentid: 'parent',
  // Honeycomb's trace fields (docs.honeycomb.io, "Honeycomb Dataset Fields"), as its raw data
  // export names the columns: trace.trace_id, trace.span_id, trace.parent_id, name, duration_ms.
  tracetraceid: 'traceId',
  tracespanid: 'spanId',
  traceparentid: 'parent',
  parentspanid: 'parent',
  parent: 'parent',
  parentspan: 'parent',
  operationname: 'name',
  operation: 'name',
  name: 'name',
  spanname: 'name',
  servicename: 'service',
  service: 'service',
  podname: 'pod',
  pod: 'pod',
  starttimeunixnano: 'start',
  starttime: 'start',
  start: 'start',
  startts: 'start',
  starttimestamp: 'start',
  timestamp: 'start',
  time: 'start',
  endtimeunixnano: 'end',
  endtime: 'end',
  end: 'end',
  endtimestamp: 'end',
  duration: 'duration',
  elapsed: 'duration',
  latency: 'duration',
  statuscode: 'status',
  status: 'status',
  statusmessage: 'statusMessage',
  kind: 'kind',
  spankind: 'kind',
};

const UNIT_NS: Record<string, bigint> = { ns: 1n, nanos: 1n, nano: 1n, us: 1000n, micros: 1000n, µs: 1000n, ms: 1_000_000n, millis: 1_000_000n, s: 1_000_000_000n, sec: 1_000_000_000n };
const KINDS: Record<string, SpanKind> = {
  internal: 'internal', server: 'server', client: 'client', producer: 'producer', consumer: 'consumer', unspecified: 'unspecified',
  '0': 'unspecified', '1': 'internal', '2': 'server', '3': 'client', '4': 'producer', '5': 'consumer',
};
const NO_PARENT = new Set(['', 'root', '0', '-', 'null', 'none', 'nil', '0000000000000000']);

interface Column {
  role: Role;
  /** ns per unit for duration columns, from a unit suffix such as `Duration(us)` or `duration_ms`. */
  unitNs?: bigint;
}

/** Header cell → role and unit. */
export function mapHeaderCell(cell: string): Column | undefined {
  // U+03BC GREEK SMALL LETTER MU, as most keyboards and fonts type "μs", is the micro sign here.
  const raw = cell.trim().toLowerCase().replace(/\u03bc/g, 'µ');
  let unit: string | undefined;
  const paren = /^(.*?)\s*[([]\s*([a-zµ]+)\s*[)\]]$/.exec(raw);
  let base = paren ? paren[1]! : raw;
  if (paren) unit = paren[2];
  base = base.replace(/[\s_.-]+/g, '');
  let role = SYNONYMS[base];
  if (role === undefined) {
    // duration_ms, durationNs, latency_us
    const m = /^(duration|elapsed|latency)(ns|us|µs|ms|s|micros|millis|nanos)$/.exec(base);
    if (m) {
      role = 'duration';
      unit = m[2];
    }
  }
  if (role === undefined) return undefined;
  const col: Column = { role };
  if (unit !== undefined && UNIT_NS[unit] !== undefined) col.unitNs = UNIT_NS[unit];
  return col;
}

/** Columns of the Collector ClickHouse exporter's traces table that together name it (its DDL spells them so). */
const CLICKHOUSE_TRACES = ['Timestamp', 'TraceId', 'SpanId', 'SpanName', 'SpanKind', 'ServiceName', 'Duration'];

/** Longest time or duration in ns a span can carry (uint64, as OTLP): more is an overflow, not a time. */
const MAX_NS = UINT64_MAX;

function readTime(text: string): { ns: bigint; withoutZone: boolean; unitNs?: bigint } | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) {
    // Decimal digits kept exactly (1704067200000.123 ms is …000123000 ns, not a double's …000123136).
    const ns = exactEpochToNs(t);
    return ns === undefined || ns > MAX_NS ? undefined : { ns, withoutZone: false, unitNs: epochUnitNs(t) };
  }
  return parseTimestamp(t);
}

/** ns per unit of a bare epoch number, by its magnitude as epochToNs reads it (s, ms, µs or ns). */
function epochUnitNs(text: string): bigint {
  const digits = text.indexOf('.') === -1 ? text.length : text.indexOf('.');
  return digits >= 17 ? 1n : digits >= 14 ? 1000n : digits >= 11 ? 1_000_000n : 1_000_000_000n;
}

const UNIT_NAMES = new Map<bigint, string>([[1n, 'nanoseconds'], [1000n, 'microseconds'], [1_000_000n, 'milliseconds'], [1_000_000_000n, 'seconds']]);

function readStatus(text: string, attrs: Attributes): StatusCode {
  const t = text.trim();
  if (t === '') return 'unset';
  const u = t.toUpperCase().replace(/^STATUS_CODE_/, '');
  if (u === 'ERROR' || u === '2' || u === 'FAIL' || u === 'FAILED' || u === 'FALSE') return 'error';
  if (u === 'OK' || u === '1' || u === 'SUCCESS' || u === 'TRUE') return 'ok';
  if (u === 'UNSET' || u === '0') return 'unset';
  const n = Number(t);
  if (Number.isInteger(n) && n >= 100 && n < 600) {
    // An HTTP status in a StatusCode column: 5xx is a failed request.
    attrs['http.response.status_code'] = n;
    return n >= 500 ? 'error' : 'unset';
  }
  return 'unset';
}

class CsvSpansDecoder implements Decoder {
  readonly progress: Progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly reader: CsvReader;
  private columns: (Column | undefined)[] = [];
  private names: string[] = [];
  private roles = new Map<Role, number>();
  private missing: string | undefined;
  private readonly resources = new Map<string, Resource>();
  private head: Uint8Array[] | undefined = [];
  private headBytes = 0;
  private dead = false;
  private sawHeader = false;
  private assumedUnitWarned = false;
  private zoneReported = false;

  constructor(private readonly ctx: DecoderContext) {
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    this.reader = new CsvReader({
      header: (fields) => this.onHeader(fields),
      row: (fields, line, offset) => this.onRow(fields, line, offset),
      bad: (line, offset, message) => this.errors.report('invalid-line', message, line, offset, true),
      note: (line, offset, message) => this.errors.report('invalid-line', message, line, offset, false),
      tooLong: (line, offset) => this.errors.report('line-too-long', 'CSV record longer than the line limit; skipped', line, offset, true),
      invalidUtf8: (line, offset) => this.errors.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false),
    });
  }

  push(chunk: Uint8Array): void {
    this.progress.bytes += chunk.length;
    if (this.dead) return;
    if (this.head !== undefined) {
      this.head.push(chunk.slice());
      this.headBytes += chunk.length;
      if (this.headBytes >= 8192) this.startReading();
      return;
    }
    this.reader.push(chunk);
    this.progress.lines = this.reader.linesSeen;
  }

  end(): void {
    if (this.head !== undefined) this.startReading();
    if (this.dead) return;
    this.reader.end();
    this.progress.lines = this.reader.linesSeen;
    if (!this.sawHeader) this.errors.report('empty-input', 'the input is empty', undefined, 0, false);
  }

  private startReading(): void {
    const all = new Uint8Array(this.headBytes);
    let o = 0;
    for (const p of this.head!) {
      all.set(p, o);
      o += p.length;
    }
    this.head = undefined;
    if (looksBinary(all.subarray(0, 8192))) {
      this.errors.report('binary-data', 'binary data, not CSV', undefined, 0, false);
      this.dead = true;
      return;
    }
    this.reader.push(all);
  }

  private onHeader(fields: string[]): void {
    this.sawHeader = true;
    this.names = fields;
    this.columns = fields.map((f) => mapHeaderCell(f));
    // The OpenTelemetry Collector's ClickHouse exporter table (`otel_traces`, exported with
    // CSVWithNames): its `Duration` is a count of nanoseconds (the end minus the start timestamp).
    const names = new Set(fields.map((f) => f.trim()));
    if (CLICKHOUSE_TRACES.every((n) => names.has(n))) {
      const d = this.columns[fields.findIndex((f) => f.trim() === 'Duration')];
      if (d && d.role === 'duration' && d.unitNs === undefined) d.unitNs = 1n;
    }
    this.columns.forEach((c, i) => {
      if (c !== undefined && !this.roles.has(c.role)) this.roles.set(c.role, i);
    });
    const need = (['traceId', 'spanId'] as Role[]).filter((r) => !this.roles.has(r));
    if (need.length > 0) {
      this.missing = need.join(' and ');
      this.errors.report('missing-field', `header has no ${this.missing} column: ${fields.slice(0, 10).join(', ')}`, 1, 0, false);
    }
  }

  private resource(service: string | undefined, pod: string | undefined): Resource {
    const key = `${service ?? ''}\u0000${pod ?? ''}`;
    let r = this.resources.get(key);
    if (r === undefined) {
      const attrs: Attributes = {};
      // A pod name is the only service identity such exports carry; keep it raw (correlation
      // derives the workload name later) and also record it as k8s.pod.name.
      if (service !== undefined) attrs['service.name'] = service;
      else if (pod !== undefined) attrs['service.name'] = pod;
      if (pod !== undefined) attrs['k8s.pod.name'] = pod;
      r = resourceFromAttributes(attrs);
      if (this.resources.size > 10_000) this.resources.clear();
      this.resources.set(key, r);
    }
    return r;
  }

  private onRow(fields: string[], line: number, offset: number): void {
    this.progress.lines = this.reader.linesSeen;
    if (fields.length === 1 && fields[0]!.trim() === '') return; // blank line
    // the header again (CSV exports joined with `cat`): not a span
    if (sameRow(fields, this.names)) return;
    const reject = (code: 'missing-field' | 'invalid-id' | 'invalid-line', message: string): void => this.errors.report(code, message, line, offset, true);
    if (this.missing !== undefined) return reject('missing-field', `no ${this.missing} column`);
    if (fields.length !== this.names.length) {
      return reject('invalid-line', `row has ${fields.length} fields, header has ${this.names.length}`);
    }
    const get = (role: Role): string | undefined => {
      const i = this.roles.get(role);
      if (i === undefined) return undefined;
      const v = fields[i]!.trim();
      return v === '' ? undefined : v;
    };
    const rawTrace = get('traceId');
    const traceId = normalizeHexId(rawTrace, 32);
    if (traceId === undefined) return reject('missing-field', 'row without a trace id');
    if (traceId === null) return reject('invalid-id', `trace id is not 1-32 hex digits: ${JSON.stringify(rawTrace!.slice(0, 80))}`);
    const rawSpan = get('spanId');
    const spanId = normalizeHexId(rawSpan, 16);
    if (spanId === undefined) return reject('missing-field', 'row without a span id');
    if (spanId === null) return reject('invalid-id', `span id is not 1-16 hex digits: ${JSON.stringify(rawSpan!.slice(0, 80))}`);

    const attributes: Attributes = {};
    for (let i = 0; i < fields.length; i++) {
      if (this.columns[i] !== undefined) continue;
      const name = this.names[i]!;
      if (name === '' || name === '__proto__') continue;
      attributes[name] = fields[i]!;
    }
    const statusText = get('status');
    const status: Span['status'] = { code: statusText === undefined ? 'unset' : readStatus(statusText, attributes) };
    const msg = get('statusMessage');
    if (msg !== undefined) status.message = msg;
    const kindText = get('kind');
    const spanKind: SpanKind = kindText === undefined ? 'unspecified' : (KINDS[kindText.toLowerCase().replace(/^span_kind_/, '')] ?? 'unspecified');

    const span: Span = {
      kind: 'span',
      traceId,
      spanId,
      name: get('name') ?? '',
      spanKind,
      status,
      attributes,
      events: [],
      links: [],
      resource: this.resource(get('service'), get('pod')),
      source: { file: this.ctx.file, line, offset },
    };
    const parent = get('parent');
    if (parent !== undefined && !NO_PARENT.has(parent.toLowerCase())) {
      const p = normalizeHexId(parent, 16);
      if (p === null) this.errors.report('invalid-id', `parent id is not 1-16 hex digits: ${JSON.stringify(parent.slice(0, 80))}`, line, offset, false);
      else if (p !== undefined) span.parentSpanId = p;
    }
    const startText = get('start');
    let startUnitNs: bigint | undefined;
    if (startText !== undefined) {
      const t = readTime(startText);
      if (t === undefined) this.errors.report('invalid-timestamp', `start time unreadable: ${JSON.stringify(startText.slice(0, 80))}`, line, offset, false);
      else {
        this.noteZone(t, startText, line, offset);
        span.startNs = t.ns;
        startUnitNs = t.unitNs;
      }
    }
    const endText = get('end');
    if (endText !== undefined) {
      const t = readTime(endText);
      if (t === undefined) this.errors.report('invalid-timestamp', `end time unreadable: ${JSON.stringify(endText.slice(0, 80))}`, line, offset, false);
      else {
        this.noteZone(t, endText, line, offset);
        span.endNs = t.ns;
      }
    }
    if (span.endNs === undefined && span.startNs !== undefined) {
      const d = this.readDuration(get('duration'), line, offset, startUnitNs);
      if (d !== undefined) span.endNs = span.startNs + d;
    }
    this.progress.records++;
    this.ctx.sink.record(span);
  }

  /** Times without a zone are read as UTC and said so, once per file (as CSV metrics do). */
  private noteZone(t: { withoutZone: boolean }, text: string, line: number, offset: number): void {
    if (!t.withoutZone || this.zoneReported) return;
    this.zoneReported = true;
    this.errors.report('invalid-timestamp', `times have no zone (e.g. ${JSON.stringify(text.slice(0, 80))}); read as UTC`, line, offset, false);
  }

  private readDuration(text: string | undefined, line: number, offset: number, startUnitNs: bigint | undefined): bigint | undefined {
    if (text === undefined) return undefined;
    const col = this.columns[this.roles.get('duration')!]!;
    if (/^\d+(\.\d+)?$/.test(text)) {
      let unit = col.unitNs;
      if (unit === undefined) {
        // Bare numbers without a unit: the unit of bare-number start times (Jaeger and Zipkin
        // give both in µs, Grafana's trace CSV both in ms), else microseconds as most trace CSVs use.
        unit = startUnitNs ?? 1000n;
        if (!this.assumedUnitWarned) {
          this.assumedUnitWarned = true;
          const why = startUnitNs === undefined ? '' : ', the unit of the start times';
          this.errors.report('invalid-number', `duration column has no unit; read as ${UNIT_NAMES.get(unit) ?? 'microseconds'}${why}`, line, offset, false);
        }
      }
      const [whole, frac = ''] = text.split('.');
      const d = BigInt(whole!) * unit + (frac === '' ? 0n : (BigInt(frac.slice(0, 9).padEnd(9, '0')) * unit) / 1_000_000_000n);
      if (d <= MAX_NS) return d;
    } else {
      const d = parseDurationNs(text);
      if (d !== undefined && d <= MAX_NS) return d;
    }
    this.errors.report('invalid-number', `duration unreadable: ${JSON.stringify(text.slice(0, 80))}`, line, offset, false);
    return undefined;
  }
}

export function sniffCsvSpans(input: SniffInput): number {
  let text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  const sep = excelSepLine(text);
  if (sep) text = sep.rest;
  const nl = text.indexOf('\n');
  const header = (nl === -1 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (header.length === 0 || header.length > 10_000 || /^\s*[[{]/.test(header)) return 0;
  const delimiter = sep?.delimiter ?? detectDelimiter(header);
  const cells = header.split(delimiter).map((c) => mapHeaderCell(c.replace(/^"|"$/g, '')));
  const roles = new Set(cells.filter((c): c is Column => c !== undefined).map((c) => c.role));
  if (!roles.has('traceId') || !roles.has('spanId')) return 0;
  // Log CSVs also carry trace and span ids; a span table has a parent, a name or a duration.
  if (roles.has('parent') || roles.has('end') || roles.has('duration') || roles.has('name')) return 0.9;
  return 0.3;
}

export const csvSpans: FormatSpec = {
  id: 'csv-spans',
  signal: 'traces',
  label: 'Spans in CSV',
  sniff: sniffCsvSpans,
  create: (ctx) => new CsvSpansDecoder(ctx),
};
