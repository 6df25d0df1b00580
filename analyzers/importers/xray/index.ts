// AWS X-Ray importer: `aws xray batch-get-traces` output (`{"Traces":[{"Id","Segments":[{"Id",
// "Document":"<segment document as a JSON string>"}]}],"UnprocessedTraceIds":[…]}`), bare segment
// documents (one, an array of them, or one a line as the X-Ray SDKs send them to the daemon, with
// or without the daemon's `{"format":"json","version":1}` header lines), and put-trace-segments
// input (`{"TraceSegmentDocuments":["…"]}`). Streamed segment by segment, so a cut file keeps the
// segments before the cut. `get-trace-summaries` output names traces but holds no spans: it is
// reported once as unsupported.
import type { Provenance, SignalRecord } from '../../model/index.js';
import { ScannedJsonDecoder, show, type RecordOut } from '../common/json-decoder.js';
import type { SelectNode } from '../common/json-stream.js';
import type { DecoderContext, FormatSpec, SniffInput } from '../types.js';
import { isObj, mapSegmentDocument, XRayMapError, XRayResources } from './map.js';
import { jsonErrorText } from '../common/json-errors.js';

export { mapSegmentDocument, secondsToNs, xrayTraceId } from './map.js';

const X_ROOT = 300;
const X_TRACES = 301;
const X_TRACE = 302;
const X_SEGMENTS = 303;
const X_SEGMENT = 304;
const X_LIMIT = 305;
const X_UNPROCESSED = 306;
const X_SUMMARIES = 307;
const X_DOCS = 308;
const X_DOC = 309;
const X_FIELD = 310;
const X_ITEM = 311;

function selection(): SelectNode {
  const segments: SelectNode = { id: X_SEGMENTS, capture: true, resync: true, items: { id: X_SEGMENT, capture: true } };
  return {
    id: X_ROOT,
    keys: {
      Traces: { id: X_TRACES, capture: true, items: { id: X_TRACE, capture: true, keys: { Segments: segments, LimitExceeded: { id: X_LIMIT, capture: true } } } },
      UnprocessedTraceIds: { id: X_UNPROCESSED, capture: true },
      // Opened to be named, never kept: a summary holds no spans.
      TraceSummaries: { id: X_SUMMARIES, capture: true, items: { id: 0 } },
      TraceSegmentDocuments: { id: X_DOCS, capture: true, items: { id: X_DOC, capture: true } },
    },
    // A bare segment document, member by member (its subsegments are one member).
    other: { id: X_FIELD, capture: true },
    items: { id: X_ITEM, capture: true },
  };
}

const MAX_HELD_SEGMENTS = 10_000;
const MAX_HELD_SUBSEGMENTS = 10_000;
const MAX_COMPLETED_IDS = 100_000;

const SUMMARIES_MESSAGE =
  'AWS X-Ray get-trace-summaries output lists trace summaries (ids, durations, services), not the segments: fetch the traces with `aws xray batch-get-traces --trace-ids …` and analyse that output';

class XRayDecoder extends ScannedJsonDecoder {
  private readonly resources = new XRayResources();
  private fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private sawResponse = false;
  private saidSummaries = false;
  private rootSource: Provenance = { file: '', line: 1, offset: 0 };

  constructor(ctx: DecoderContext) {
    super(ctx, 'AWS X-Ray JSON');
    this.resources.onRemember = (id) => {
      if (this.orphans.has(id)) this.readIds.push(id);
    };
  }

  protected selection(): SelectNode {
    return selection();
  }

  protected override onOpen(id: number, offset: number, line: number): void {
    if (id === X_ROOT) {
      this.rootSource = { file: this.file, line, offset };
      this.fields = Object.create(null) as Record<string, unknown>;
      this.sawResponse = false;
    } else if (id === X_TRACES || id === X_DOCS) this.sawResponse = true;
    else if (id === X_SUMMARIES) this.summaries();
  }

  protected override onClose(id: number): void {
    if (id !== X_ROOT || this.sawResponse) return;
    const keys = Object.keys(this.fields);
    if (keys.length === 0) return;
    this.errLine = this.rootSource.line;
    this.errOffset = this.rootSource.offset;
    this.document(this.fields, this.rootSource);
  }

  protected onValue(id: number, value: unknown, key: string | undefined, _text: string, offset: number, line: number): void {
    const source: Provenance = { file: this.file, line, offset };
    switch (id) {
      case X_FIELD:
        this.fields[key!] = value;
        return;
      case X_ITEM:
      case X_DOC:
        this.document(value, source);
        return;
      case X_SEGMENT:
        this.segment(value, source);
        return;
      case X_TRACES:
      case X_SEGMENTS:
      case X_DOCS:
        this.sawResponse = true;
        if (value !== null) this.out.error('wrong-type', `${key} should be an array, got ${show(value)}`, true);
        return;
      case X_TRACE:
        this.out.error('wrong-type', `a trace of Traces should be an object, got ${show(value)}`, true);
        return;
      case X_LIMIT:
        this.limitExceeded(value);
        return;
      case X_UNPROCESSED:
        this.sawResponse = true;
        this.unprocessed(value);
        return;
      case X_SUMMARIES:
        this.summaries();
        return;
    }
  }

  private limitExceeded(value: unknown): void {
    if (value === true) this.out.error('invalid-record', 'a trace has LimitExceeded: true: X-Ray returned it without the segments beyond its trace size limit', false);
  }

  private unprocessed(value: unknown): void {
    if (!Array.isArray(value) || value.length === 0) return;
    const n = value.length;
    this.out.error('invalid-record', `${n} trace id${n === 1 ? ' was' : 's were'} not processed by X-Ray (UnprocessedTraceIds): ask batch-get-traces for ${n === 1 ? 'it' : 'them'} again`, false);
  }

  private summaries(): void {
    this.sawResponse = true;
    if (this.saidSummaries) return;
    this.saidSummaries = true;
    this.out.error('unsupported', SUMMARIES_MESSAGE, false);
  }

  /** A `{"Id","Document"}` element of a trace's Segments. */
  private segment(value: unknown, source: Provenance): void {
    if (!isObj(value)) {
      this.out.error('wrong-type', `a segment of Segments should be an object with a Document, got ${show(value)}`, true);
      return;
    }
    const doc = value['Document'];
    if (typeof doc !== 'string') {
      this.out.error(doc === undefined ? 'missing-field' : 'wrong-type', `segment ${show(value['Id'])} without a Document string`, true);
      return;
    }
    this.document(doc, source);
  }

  /** A segment document: an object, or the JSON text of one; a batch-get-traces answer or a Segments element on its own too. */
  private document(value: unknown, source: Provenance): void {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (e) {
        this.out.error('invalid-json', `a segment Document is not JSON (${jsonErrorText(e).slice(0, 120)}): ${show(value)}`, true);
        return;
      }
    }
    if (isObj(value)) {
      if ('Traces' in value || 'TraceSummaries' in value || 'TraceSegmentDocuments' in value) {
        this.response(value, source);
        return;
      }
      // A Segments element on its own (`jq '.Traces[].Segments[]'`).
      if (typeof value['Document'] === 'string' && !('trace_id' in value)) {
        this.segment(value, source);
        return;
      }
      // The daemon's packet header, as the SDKs write it before each document.
      if (value['format'] === 'json' && Object.keys(value).every((k) => k === 'format' || k === 'version')) return;
      if (!('id' in value) && !('trace_id' in value) && !('name' in value)) {
        this.out.error('invalid-record', `not an X-Ray segment document: top-level members ${Object.keys(value).slice(0, 5).join(', ') || 'none'}`, true);
        return;
      }
    }
    // A subsegment sent on its own before its segment (the daemon's order: the SDKs stream finished
    // subsegments while the segment is still open) has its service from that segment: held until
    // a (sub)segment of its parent id is read.
    if (isObj(value) && this.holdsForParent(value, source)) return;
    // An in-progress segment (`in_progress: true`, sent when the request starts) is replaced by its
    // completed version (same id), as X-Ray itself keeps only the last: held until that comes.
    const id = isObj(value) && typeof value['id'] === 'string' ? value['id'].toLowerCase() : undefined;
    const inProgress = id !== undefined && isObj(value) && value['in_progress'] === true;
    if (id !== undefined && !inProgress) {
      this.held.delete(id);
      if (this.completed.size >= MAX_COMPLETED_IDS) this.completed.clear();
      this.completed.add(id);
    }
    if (inProgress && this.completed.has(id)) return; // its completed version came first
    const records: SignalRecord[] = [];
    const out: RecordOut = inProgress ? { record: (r) => records.push(r), error: (code, message, rejected) => this.out.error(code, message, rejected) } : this.out;
    try {
      mapSegmentDocument(value, this.resources, source, out);
    } catch (e) {
      if (!(e instanceof XRayMapError)) throw e;
      this.out.error(e.code, e.message, e.rejected);
    }
    if (inProgress && records.length > 0) {
      this.held.delete(id);
      this.held.set(id, records);
      // bounded: the oldest one held is taken as it is
      if (this.held.size > MAX_HELD_SEGMENTS) {
        const [oldest, spans] = this.held.entries().next().value!;
        this.held.delete(oldest);
        for (const r of spans) this.out.record(r);
      }
    }
    if (this.readIds.length > 0) this.release();
  }

  /** Standalone subsegments by parent id, until a (sub)segment of that id is read. */
  private readonly orphans = new Map<string, { doc: Record<string, unknown>; source: Provenance }[]>();
  private orphanCount = 0;
  /** Ids read since the last release (XRayResources.onRemember). */
  private readonly readIds: string[] = [];
  private releasing = false;

  private holdsForParent(doc: Record<string, unknown>, source: Provenance): boolean {
    if (doc['type'] !== 'subsegment' || typeof doc['parent_id'] !== 'string') return false;
    const parent = doc['parent_id'].toLowerCase();
    if (!/^[0-9a-f]{16}$/.test(parent) || this.resources.knows(parent)) return false;
    const list = this.orphans.get(parent);
    if (list) list.push({ doc, source });
    else this.orphans.set(parent, [{ doc, source }]);
    // bounded: past the cap the longest-held parent's subsegments are read as they are (no service)
    if (++this.orphanCount > MAX_HELD_SUBSEGMENTS) {
      const [oldest, docs] = this.orphans.entries().next().value!;
      this.orphans.delete(oldest);
      this.orphanCount -= docs.length;
      for (const d of docs) this.mapNow(d.doc, d.source);
    }
    return true;
  }

  /** Map without holding (the subsegment's parent was never read). */
  private mapNow(doc: Record<string, unknown>, source: Provenance): void {
    try {
      mapSegmentDocument(doc, this.resources, source, this.out);
    } catch (e) {
      if (!(e instanceof XRayMapError)) throw e;
      this.out.error(e.code, e.message, e.rejected);
    }
  }

  /** Reads the subsegments held for the ids read since the last call (and, in turn, for theirs). */
  private release(): void {
    if (this.releasing) return;
    this.releasing = true;
    while (this.readIds.length > 0) {
      const id = this.readIds.pop()!;
      const docs = this.orphans.get(id);
      if (!docs) continue;
      this.orphans.delete(id);
      this.orphanCount -= docs.length;
      for (const d of docs) this.document(d.doc, d.source);
    }
    this.releasing = false;
  }

  /** In-progress segments by id, with their spans, until their completed version replaces them. */
  private readonly held = new Map<string, SignalRecord[]>();
  /** Ids of completed segments seen (an in-progress one sent after it is dropped). */
  private readonly completed = new Set<string>();

  override end(): void {
    super.end();
    // never read (another file holds it, or it was not exported): read without its service
    for (const docs of this.orphans.values()) for (const d of docs) this.mapNow(d.doc, d.source);
    this.orphans.clear();
    this.orphanCount = 0;
    // never completed (the capture ended first): the in-progress version is all there is
    for (const spans of this.held.values()) for (const r of spans) this.out.record(r);
    this.held.clear();
  }

  /** A whole response held as one value (an element of an array of responses). */
  private response(value: Record<string, unknown>, source: Provenance): void {
    if (value['TraceSummaries'] !== undefined) this.summaries();
    const traces = value['Traces'];
    if (Array.isArray(traces)) {
      for (const t of traces) {
        if (!isObj(t)) continue;
        this.limitExceeded(t['LimitExceeded']);
        const segs = t['Segments'];
        if (Array.isArray(segs)) for (const s of segs) this.segment(s, source);
      }
    }
    const docs = value['TraceSegmentDocuments'];
    if (Array.isArray(docs)) for (const d of docs) this.document(d, source);
    this.unprocessed(value['UnprocessedTraceIds']);
  }
}

const SEGMENT_ID_RE = /"id"\s*:\s*"[0-9a-fA-F]{16}"/;
const TRACE_ID_RE = /"trace_id"\s*:\s*"1-[0-9a-fA-F]{8}-/;
const ESCAPED_TRACE_ID_RE = /\\"trace_id\\"\s*:\s*\\"1-[0-9a-fA-F]{8}-/;

export function sniffXRay(input: SniffInput): number {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  if (!/^\s*[[{]/.test(text)) return 0;
  // Above JSON Lines logs (at most 0.95), which would take a segment document a line for a log.
  if (/"Traces"\s*:\s*\[/.test(text) && /"Segments"\s*:\s*\[/.test(text)) return 0.97;
  if (/^\s*\{\s*"Traces"\s*:\s*\[\s*\]/.test(text)) return 0.96;
  if (/"TraceSummaries"\s*:\s*\[/.test(text) || /"TraceSegmentDocuments"\s*:\s*\[/.test(text)) return 0.96;
  if (TRACE_ID_RE.test(text) && /"start_time"\s*:/.test(text) && SEGMENT_ID_RE.test(text)) return 0.96;
  // Segments elements on their own: the document is a JSON string, its quotes escaped.
  if (/"Document"\s*:\s*"/.test(text) && ESCAPED_TRACE_ID_RE.test(text)) return 0.96;
  return 0;
}

export const xray: FormatSpec = {
  id: 'xray',
  signal: 'traces',
  label: 'AWS X-Ray segment documents (batch-get-traces)',
  sniff: sniffXRay,
  create: (ctx) => new XRayDecoder(ctx),
};
