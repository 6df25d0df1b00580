// Jaeger JSON importer: `{"data":[trace…]}` (UI upload / query API), a bare trace object
// `{traceID, spans, processes}`, a flat array of spans with embedded `process`, api_v2
// proto-JSON (`{"spans":[…]}` / Batch `{spans, process}`), an Elasticsearch span document,
// and api_v3 `{"result": OTLP}`. Streamed: only one trace (or one span) is held at a time.
import { resourceFromAttributes, type Provenance, type Resource } from '../../model/index.js';
import { ScannedJsonDecoder } from '../common/json-decoder.js';
import type { SelectNode } from '../common/json-stream.js';
import { OtlpDocumentConsumer, otlpSelectNode } from '../otlp-json/index.js';
import type { DecoderContext, FormatSpec, ImportErrorCode, SniffInput } from '../types.js';
import { apiErrorText } from '../common/foreign-json.js';
import { JaegerMapError, looksLikeJaegerSpan, mapJaegerSpan, processResource, type RawJaegerProcess } from './map.js';

export { mapJaegerSpan } from './map.js';

const J_ROOT = 100;
const J_DATA = 101;
const J_TRACE = 102;
const J_SPAN = 104;
const J_PROCESSES = 105;
const J_PROCESS = 106;
const J_FIELD = 107;
const J_FLAT = 108;
const J_RESULT = 109;
const J_TRACE_SPANS = 110;
const J_TRACE_SPAN = 111;
const J_TRACE_PROCESSES = 112;
const J_TRACE_FIELD = 113;
const J_ES_SPAN = 114;
/** Root-level spans held while waiting for `processes` that come after them. */
const MAX_PENDING = 50_000;

function selection(): SelectNode {
  // `{"result": …}` is the grpc-gateway envelope of a streamed answer: OTLP from api_v3, or an
  // api_v2 SpansResponseChunk `{"spans":[…]}` (proto-JSON spans with their process inline).
  const result = otlpSelectNode(J_RESULT);
  result.keys!['spans'] = { id: 0, items: { id: J_SPAN, capture: true } };
  return {
    id: J_ROOT,
    keys: {
      // A trace of `data` is streamed span by span (its processes come after its spans in Jaeger's
      // output), so a cut download keeps the spans before the cut; a non-object is captured whole.
      // (`resync`: an element broken by a missing comma or a stray byte costs that element only)
      data: {
        id: J_DATA,
        resync: true,
        items: {
          id: J_TRACE,
          capture: true,
          keys: { spans: { id: J_TRACE_SPANS, resync: true, items: { id: J_TRACE_SPAN, capture: true }, capture: true }, processes: { id: J_TRACE_PROCESSES, capture: true } },
          other: { id: J_TRACE_FIELD, capture: true },
        },
        capture: true,
      },
      spans: { id: 0, resync: true, items: { id: J_SPAN, capture: true } },
      // Elasticsearch/OpenSearch storage (jaeger-span-* indices): a `_search` answer's hits, or one
      // hit a line (elasticdump, `_search` hits through `jq -c`)
      hits: { id: 0, keys: { hits: { id: 0, resync: true, items: { id: 0, keys: { _source: { id: J_ES_SPAN, capture: true } } } } } },
      _source: { id: J_ES_SPAN, capture: true },
      processes: { id: J_PROCESSES, capture: true },
      process: { id: J_PROCESS, capture: true },
      result,
    },
    other: { id: J_FIELD, capture: true },
    resync: true,
    items: { id: J_FLAT, capture: true },
  };
}

interface StreamedTrace {
  source: Provenance;
  /** Other members (traceID, warnings…): a data element that is a span, not a trace, is mapped from them. */
  fields: Record<string, unknown>;
  /** undefined: no `spans` member yet; true: an array (its spans streamed); else the non-array value. */
  spans: unknown;
  /** The `spans` list has closed (every span in it read). */
  spansDone: boolean;
  processes: Map<string, Resource> | undefined;
  /** Spans held until `processes` (after them in Jaeger's output) or the trace's end, with where each is. */
  pending: { raw: unknown; line: number; offset: number }[];
  pidsWithoutProcesses: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Tempo's /api/search answer: `{"traces":[{"traceID","rootServiceName","spanSets":[…]}],"metrics":{"inspectedBytes":…}}`. */
function isTempoSearch(fields: Record<string, unknown>): boolean {
  const traces = fields['traces'];
  if (!Array.isArray(traces)) return false;
  if (traces.length === 0) return isObject(fields['metrics']) && ('inspectedBytes' in fields['metrics'] || 'inspectedTraces' in fields['metrics'] || 'completedJobs' in fields['metrics']);
  return traces.some((t) => isObject(t) && ('rootServiceName' in t || 'spanSets' in t || 'spanSet' in t));
}

/**
 * A span as Jaeger's Elasticsearch storage writes it: with `--es.tags-as-fields.all` (or a
 * listed key) its tags are an object `tag` whose keys have `@` for `.` (`"tag":
 * {"http@status_code":"200"}`), beside or instead of the `tags` list; the same for `process.tag`.
 */
function fromStoredSpan(doc: Record<string, unknown>): Record<string, unknown> {
  const withTagFields = (o: Record<string, unknown>): Record<string, unknown> => {
    const tag = o['tag'];
    if (!isObject(tag)) return o;
    const tags = Array.isArray(o['tags']) ? [...(o['tags'] as unknown[])] : [];
    for (const [k, v] of Object.entries(tag)) tags.push({ key: k.replace(/@/g, '.'), value: v });
    return { ...o, tags };
  };
  const span = withTagFields(doc);
  return isObject(span['process']) ? { ...span, process: withTagFields(span['process']) } : span;
}

function processMap(raw: unknown): Map<string, Resource> {
  const map = new Map<string, Resource>();
  if (!isObject(raw)) throw new JaegerMapError('wrong-type', 'processes should be an object of processID → process');
  for (const [pid, p] of Object.entries(raw)) map.set(pid, processResource(p as RawJaegerProcess));
  return map;
}

class JaegerDecoder extends ScannedJsonDecoder {
  private readonly otlp: OtlpDocumentConsumer;
  // state of the current top-level value
  private processes: Map<string, Resource> | undefined;
  private batchProcess: Resource | undefined;
  private pending: { raw: unknown; source: Provenance }[] = [];
  private fields: Record<string, unknown> = {};
  private sawTraceData = false;
  /** `"data": null` seen in this document (a failed query answer, explained by `errors`). */
  private nullData: Provenance | undefined;
  /** Where the query answer's `errors` member is. */
  private errorsAt: Provenance | undefined;
  private rootSource: Provenance = { file: '', line: 1, offset: 0 };
  /** The trace of `data` being streamed: where it starts (every span's provenance), what it holds so far. */
  private trace: StreamedTrace | undefined;

  constructor(ctx: DecoderContext) {
    super(ctx, 'Jaeger JSON');
    this.otlp = new OtlpDocumentConsumer(ctx.file, this.out);
  }

  protected selection(): SelectNode {
    return selection();
  }

  /** An OTLP resource or scope refused whole (api_v3's OTLP traces) costs no span: see OtlpDocumentConsumer.costsRecord. */
  protected override costsRecord(id: number | undefined, code: ImportErrorCode, recordLost: boolean): boolean {
    if (this.cutAfterSpans(id, code)) return false;
    return OtlpDocumentConsumer.costsRecord(id, code, recordLost);
  }

  /**
   * An input that ends inside a trace of `data` after its `spans` list closed (in its `processes`,
   * written after the spans by Jaeger, or another member) costs no span: all were read.
   */
  private cutAfterSpans(id: number | undefined, code: ImportErrorCode): boolean {
    return code === 'truncated' && this.trace?.spansDone === true && (id === undefined || id === J_TRACE_PROCESSES || id === J_TRACE_FIELD);
  }

  protected override notLostNote(id: number | undefined): string {
    if (this.trace?.spansDone === true && (id === undefined || id === J_TRACE_PROCESSES || id === J_TRACE_FIELD)) return 'it comes after the trace\'s spans, which are read';
    return 'the resource or scope is read as empty, the records under it are read';
  }

  protected override onOpen(id: number, offset: number, line: number): void {
    if (id === J_ROOT) {
      this.rootSource = { file: this.file, line, offset };
      this.processes = undefined;
      this.batchProcess = undefined;
      this.pending = [];
      this.fields = {};
      this.sawTraceData = false;
      this.nullData = undefined;
      this.errorsAt = undefined;
    } else if (id === J_RESULT || id === J_DATA) this.sawTraceData = true;
    else if (id === J_TRACE) this.trace = { source: { file: this.file, line, offset }, fields: {}, spans: undefined, spansDone: false, processes: undefined, pending: [], pidsWithoutProcesses: 0 };
    else if (id === J_TRACE_SPANS) this.trace!.spans = true;
    else this.otlp.open(id);
  }

  protected override onClose(id: number): void {
    if (id === J_TRACE) {
      this.closeTrace();
      return;
    }
    if (id === J_TRACE_SPANS) {
      if (this.trace !== undefined) this.trace.spansDone = true;
      return;
    }
    if (id !== J_ROOT) {
      this.otlp.close(id);
      return;
    }
    this.flushPending(true);
    const reported = this.reportQueryErrors();
    if (this.nullData !== undefined && !reported) {
      this.errLine = this.nullData.line;
      this.errOffset = this.nullData.offset;
      this.out.error('wrong-type', 'a trace should be an object', true);
    }
    const keys = Object.keys(this.fields);
    if (this.sawTraceData || keys.length === 0) return;
    if (looksLikeJaegerSpan(this.fields)) {
      // A single span document (Elasticsearch storage, one span per line).
      this.mapSpan(this.fields, this.rootSource, () => undefined, this.rootSource.line, this.rootSource.offset);
      return;
    }
    // api_v3 streams its answer as `{"result": …}` chunks; one that failed ends with `{"error": …}`
    const failed = keys.length === 1 ? apiErrorText(this.fields['error']) : undefined;
    if (failed !== undefined) {
      this.errLine = this.rootSource.line;
      this.errOffset = this.rootSource.offset;
      this.out.error('invalid-record', `Jaeger answered with an error: ${failed}; the answer stops there, so traces may be missing (the findings are about the spans before it)`, false);
      return;
    }
    if (isTempoSearch(this.fields)) {
      // The sniff sees `traceID` in it; it names traces, it holds no spans.
      this.errLine = this.rootSource.line;
      this.errOffset = this.rootSource.offset;
      this.out.error('unsupported', 'Grafana Tempo search results list trace summaries (root service, duration, matched spans), not the traces: fetch each trace (Tempo /api/traces/<traceID>, or "Download JSON" on a trace in Grafana Explore) and analyse those', false);
      return;
    }
    this.out.error('invalid-record', `not a Jaeger trace: top-level members ${keys.slice(0, 5).join(', ')}`, true);
  }

  protected onValue(id: number, value: unknown, key: string | undefined, text: string, offset: number, line: number): void {
    const source: Provenance = { file: this.file, line, offset };
    switch (id) {
      case J_DATA:
        this.sawTraceData = true;
        // A failed query answers `{"data": null, …, "errors": [...]}`: judged when the document ends.
        if (value === null) this.nullData = source;
        else this.mapTrace(value, source);
        return;
      case J_TRACE:
        this.sawTraceData = true;
        this.mapTrace(value, source);
        return;
      case J_TRACE_SPANS: {
        // `spans` that is not an array: the trace is judged when it closes, as a whole one would be.
        const t = this.trace!;
        t.spans = value;
        return;
      }
      case J_TRACE_SPAN: {
        const t = this.trace!;
        t.spans = true;
        if (t.processes !== undefined) this.mapTraceSpan(t, value, line, offset);
        else {
          t.pending.push({ raw: value, line, offset });
          // Memory stays bounded: past MAX_PENDING spans, they are read without their processes.
          if (t.pending.length >= MAX_PENDING) this.flushTraceSpans(t);
        }
        return;
      }
      case J_TRACE_PROCESSES: {
        const t = this.trace!;
        this.errLine = t.source.line;
        this.errOffset = t.source.offset;
        t.processes = new Map();
        if (value !== null) {
          try {
            t.processes = processMap(value);
          } catch (e) {
            if (!(e instanceof JaegerMapError)) throw e;
            this.out.error(e.code, e.message, false);
          }
        }
        this.flushTraceSpans(t);
        return;
      }
      case J_TRACE_FIELD:
        if (key !== undefined && key !== '__proto__') this.trace!.fields[key] = value;
        return;
      case J_FLAT:
        // An array of traces (`jq .data` of a UI download or query answer, a script that collected
        // traces one by one): each element is read as a trace of `data`.
        if (isObject(value) && Array.isArray(value.spans) && !looksLikeJaegerSpan(value)) {
          this.mapTrace(value, source);
          return;
        }
        if (!looksLikeJaegerSpan(value)) {
          this.out.error('invalid-record', isObject(value) && 'callCount' in value ? 'a dependency link, not a span' : 'not a Jaeger span (no traceID/spanID)', true);
          return;
        }
        this.mapSpan(value, source, () => undefined, line, offset);
        return;
      case J_SPAN:
        this.sawTraceData = true;
        if (this.canMapNow(value)) this.mapSpan(value, source, (pid) => this.resolve(pid), line, offset);
        else {
          this.pending.push({ raw: value, source });
          if (this.pending.length >= MAX_PENDING) this.flushPending(true);
        }
        return;
      case J_ES_SPAN:
        this.sawTraceData = true;
        if (!looksLikeJaegerSpan(value)) {
          this.errLine = line;
          this.errOffset = offset;
          this.out.error('invalid-record', 'an Elasticsearch document that is not a Jaeger span (no traceID/spanID)', true);
          return;
        }
        this.mapSpan(fromStoredSpan(value as Record<string, unknown>), source, () => undefined, line, offset);
        return;
      case J_PROCESSES:
        try {
          this.processes = processMap(value);
        } catch (e) {
          if (!(e instanceof JaegerMapError)) throw e;
          this.out.error(e.code, e.message, false);
          this.processes = new Map();
        }
        this.fields['processes'] = true;
        this.flushPending(false);
        return;
      case J_PROCESS:
        this.fields['process'] = value;
        try {
          this.batchProcess = processResource(value as RawJaegerProcess);
        } catch (e) {
          if (!(e instanceof JaegerMapError)) throw e;
          this.out.error(e.code, e.message, false);
          this.batchProcess = resourceFromAttributes({});
        }
        this.flushPending(false);
        return;
      case J_FIELD:
        if (key !== undefined && key !== '__proto__') this.fields[key] = value;
        if (key === 'errors') this.errorsAt = source;
        return;
      default:
        this.otlp.value(id, value, offset, line, text);
    }
  }

  /**
   * The query API's `errors` (`[{code, msg, traceID}]`: traces it could not load) mean the export
   * is incomplete: one error, not rejecting anything, as for Prometheus API warnings. True when
   * there were any.
   */
  private reportQueryErrors(): boolean {
    const errors = this.fields['errors'];
    if (!Array.isArray(errors) || errors.length === 0 || this.errorsAt === undefined) return false;
    const text = errors
      .map((e) => {
        if (!isObject(e)) return JSON.stringify(e);
        const parts = [e['code'] !== undefined ? String(e['code']) : '', typeof e['msg'] === 'string' ? e['msg'] : JSON.stringify(e['msg'] ?? '')].filter((x) => x !== '');
        if (typeof e['traceID'] === 'string' && e['traceID'] !== '') parts.push(`(trace ${e['traceID']})`);
        return parts.join(' ');
      })
      .join('; ');
    this.errLine = this.errorsAt.line;
    this.errOffset = this.errorsAt.offset;
    this.out.error('invalid-record', `Jaeger reported ${errors.length} error${errors.length === 1 ? '' : 's'} (traces may be missing): ${text.slice(0, 500)}`, false);
    return true;
  }

  private resolve(pid: string | undefined): Resource | undefined {
    if (pid === undefined) return this.batchProcess;
    return this.processes?.get(pid);
  }

  private canMapNow(raw: unknown): boolean {
    if (!isObject(raw) || isObject(raw['process'])) return true;
    const pid = raw['processID'] ?? raw['processId'];
    return typeof pid === 'string' ? this.processes !== undefined : this.batchProcess !== undefined;
  }

  private flushPending(final: boolean): void {
    const list = this.pending;
    if (list.length === 0) return;
    this.pending = [];
    const keep: { raw: unknown; source: Provenance }[] = [];
    for (const p of list) {
      if (final || this.canMapNow(p.raw)) this.mapSpan(p.raw, p.source, (pid) => this.resolve(pid), p.source.line, p.source.offset);
      else keep.push(p);
    }
    this.pending = keep;
  }

  private mapSpan(raw: unknown, source: Provenance, resolve: (pid: string | undefined) => Resource | undefined, line: number | undefined, offset: number | undefined): void {
    this.errLine = line;
    this.errOffset = offset;
    try {
      this.out.record(mapJaegerSpan(raw, resolve, source, this.out));
    } catch (e) {
      if (!(e instanceof JaegerMapError)) throw e;
      this.out.error(e.code, e.message, true);
    }
  }

  /** One span of the streamed trace `t` (at `line`/`offset`), with the trace's processes (when it has them). */
  private mapTraceSpan(t: StreamedTrace, raw: unknown, line: number, offset: number): void {
    const processes = t.processes;
    const resolve = (pid: string | undefined): Resource | undefined => {
      if (pid === undefined) return undefined;
      if (processes !== undefined) return processes.get(pid);
      t.pidsWithoutProcesses++; // no `processes` member (cut before it, or too many spans held): said once
      return resourceFromAttributes({});
    };
    this.mapSpan(raw, { file: this.file, line, offset }, resolve, line, offset);
  }

  /** The streamed trace ended (or the input was cut inside it): what a whole trace object gives. */
  private closeTrace(): void {
    const t = this.trace;
    if (t === undefined) return;
    this.trace = undefined;
    this.errLine = t.source.line;
    this.errOffset = t.source.offset;
    if (t.spans === undefined) {
      if (looksLikeJaegerSpan(t.fields)) this.mapSpan(t.fields, t.source, () => undefined, t.source.line, t.source.offset);
      else this.out.error('invalid-record', 'not a Jaeger trace: no spans', true);
      return;
    }
    if (t.spans !== true && !Array.isArray(t.spans)) {
      this.out.error('wrong-type', 'spans should be an array', true);
      return;
    }
    this.flushTraceSpans(t);
    if (t.pidsWithoutProcesses > 0) {
      this.errLine = t.source.line;
      this.errOffset = t.source.offset;
      const n = t.pidsWithoutProcesses;
      const spans = `${n} span${n === 1 ? ' names a processID' : 's name processIDs'}`;
      const why = t.processes === undefined ? `the trace has no processes: ${spans} it cannot resolve` : `${spans} read before the trace's processes (more than ${MAX_PENDING} spans held)`;
      this.out.error('invalid-record', `${why} (service unknown)`, false);
    }
  }

  private flushTraceSpans(t: StreamedTrace): void {
    const pending = t.pending;
    t.pending = [];
    for (const p of pending) this.mapTraceSpan(t, p.raw, p.line, p.offset);
  }

  /** A whole trace object `{traceID, spans, processes}`. */
  private mapTrace(value: unknown, source: Provenance): void {
    if (!isObject(value)) {
      this.out.error('wrong-type', 'a trace should be an object', true);
      return;
    }
    if (value['spans'] === undefined && looksLikeJaegerSpan(value)) {
      this.mapSpan(value, source, () => undefined, source.line, source.offset);
      return;
    }
    const spans = value['spans'];
    if (!Array.isArray(spans)) {
      this.out.error(spans === undefined ? 'invalid-record' : 'wrong-type', spans === undefined ? 'not a Jaeger trace: no spans' : 'spans should be an array', true);
      return;
    }
    let processes: Map<string, Resource> | undefined;
    try {
      processes = value['processes'] === undefined || value['processes'] === null ? undefined : processMap(value['processes']);
    } catch (e) {
      if (!(e instanceof JaegerMapError)) throw e;
      this.out.error(e.code, e.message, false);
    }
    for (const s of spans) this.mapSpan(s, source, (pid) => (pid === undefined ? undefined : processes?.get(pid)), source.line, source.offset);
  }
}

const RESULT_RE = /^\s*\{\s*"result"\s*:\s*\{\s*"(resourceSpans|resourceMetrics|resourceLogs|spans)"/;

export function sniffJaeger(input: SniffInput): number {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  if (!/^\s*[[{]/.test(text)) return 0;
  if (RESULT_RE.test(text)) return 0.9;
  if (text.includes('"callCount"') && text.includes('"parent"') && !text.includes('"spanID"')) return 0; // dependencies
  const hasOp = text.includes('"operationName"');
  if (text.includes('"traceID"') && text.includes('"spanID"')) return hasOp ? 0.9 : 0.6;
  if (hasOp && text.includes('"traceId"') && text.includes('"spanId"')) return 0.85; // api_v2 proto-JSON
  // The query API envelope `{"data": …}` without recognisable spans: weakly Jaeger, so a wrong
  // shape (`{"data":5}`) gets Jaeger's coded error instead of passing as a generic JSON log.
  if (/^\s*\{\s*"data"\s*:/.test(text)) return 0.3;
  return 0;
}

export const jaeger: FormatSpec = {
  id: 'jaeger',
  signal: 'traces',
  label: 'Jaeger JSON (UI/query API, api_v2 proto-JSON, api_v3)',
  sniff: sniffJaeger,
  create: (ctx) => new JaegerDecoder(ctx),
};
