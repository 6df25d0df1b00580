// OTLP/JSON push decoder. Two shapes, chosen from the content:
// - JSON Lines (Collector file exporter): one request per line, JSON.parse per line; a bad line
//   is rejected alone; a line over MAX_LINE_BYTES is skipped (`line-too-long`).
// - one JSON document (possibly pretty-printed, possibly hundreds of MB on one line): streamed
//   with JsonStreamScanner, each span / metric / log record parsed on its own.
// Rule: if the first non-blank line is complete within DETECT_BYTES and is a `{…}` object on
// its own, it is JSON Lines; otherwise a document. Same decision for any chunking.
import { emptyResource, type Provenance, type Resource, type Scope, type SignalRecord } from '../../model/index.js';
import { ErrorReporter } from '../common/json-errors.js';
import { JsonStreamScanner, type SelectNode } from '../common/json-stream.js';
import { concat, INVALID_UTF8_MESSAGE, LineSplitter, lineTooLongMessage, looksBinary } from '../common/lines.js';
import { ZipkinResources } from '../zipkin/map.js';
import { MAX_LINE_BYTES, newProgress, type Decoder, type DecoderContext, type ImportErrorCode, type Progress } from '../types.js';
import { OTLP_KEYS, PROFILES_KEY, PROFILES_MESSAGE, camelizeOtlp, partialTraceMessage, mapExact, mapGroupResourceExact, mapGroupScope, mapOtlpItem, mapOtlpText, type OtlpOut, type OtlpSignalIndex } from './request.js';

const DETECT_BYTES = 1024 * 1024;
/** Bytes the binary check looks at: held before deciding, so every chunking decides on the same bytes. */
const BINARY_CHECK_BYTES = 8192;
/** Items held while waiting for a resource that comes after them in the document. */
const MAX_PENDING = 10_000;

// Selector ids for the document scanner.
const ID_ROOT = 1;
const ID_RESULT = 2;
const ID_OTHER = 3;
const ID_PROFILES = 4;
const ID_TEMPO_STATUS = 5;
const ID_TEMPO_MESSAGE = 6;
const ID_LIST = 10; // + signal: resourceX list
const ID_GROUP = 20; // + signal: resourceX element
const ID_RESOURCE = 30;
const ID_SCOPE_GROUP = 40;
const ID_SCOPE = 50;
const ID_ITEM = 60;

/** A proto field name as a key somewhere in a captured value's text (`"string_value":`). */
const SNAKE_KEY_RE = /"[a-z][a-z0-9]*_[a-z0-9_]*"\s*:/;

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/** The scanner selection for an OTLP request document (also used inside Jaeger's `result`). */
export function otlpSelectNode(rootId: number): SelectNode {
  const root: SelectNode = { id: rootId, keys: {} };
  for (let s = 0; s < 3; s++) {
    const k = OTLP_KEYS[s]!;
    const scope: SelectNode = { id: ID_SCOPE + s, capture: true };
    const scopeGroup: SelectNode = {
      id: ID_SCOPE_GROUP + s,
      // (each list resynchronises: a broken element, a missing comma, costs that element alone)
      keys: { scope, instrumentationLibrary: scope, [k.items]: { id: 0, resync: true, items: { id: ID_ITEM + s, capture: true } } },
    };
    const scopeList: SelectNode = { id: 0, resync: true, items: scopeGroup };
    const group: SelectNode = { id: ID_GROUP + s, keys: { resource: { id: ID_RESOURCE + s, capture: true }, [k.scope]: scopeList, [k.oldScope]: scopeList } };
    root.keys![k.resource] = { id: ID_LIST + s, resync: true, items: group };
    // The same shape written with proto field names (`resource_spans`, `scope_spans`, `log_records`):
    // captured values are renamed to lowerCamelCase before mapping.
    scopeGroup.keys![snake(k.items)] = scopeGroup.keys![k.items]!;
    scopeGroup.keys!['instrumentation_library'] = scope;
    group.keys![snake(k.scope)] = scopeList;
    group.keys![snake(k.oldScope)] = scopeList;
    root.keys![snake(k.resource)] = root.keys![k.resource]!;
  }
  // Grafana Tempo's trace API (v1) names the resourceSpans list `batches`.
  root.keys!['batches'] = root.keys![OTLP_KEYS[0].resource]!;
  return root;
}

function documentSelection(): SelectNode {
  const root = otlpSelectNode(ID_ROOT);
  const result = otlpSelectNode(ID_RESULT);
  root.keys!.result = result;
  // Grafana Tempo's trace API (v2) wraps the request in `trace`, beside a `status` ("PARTIAL"
  // when Tempo cut the trace) and a `message`.
  root.keys!.trace = result;
  root.keys!.status = { id: ID_TEMPO_STATUS, capture: true };
  root.keys!.message = { id: ID_TEMPO_MESSAGE, capture: true };
  // Any other member is only noted (a small capture, bounded by the scanner cap).
  root.other = { id: ID_OTHER };
  // OTLP profiles (the Collector's file exporter writes them too): a request, but not read.
  root.keys![PROFILES_KEY] = { id: ID_PROFILES, items: { id: 0 } };
  root.keys![snake(PROFILES_KEY)] = root.keys![PROFILES_KEY]!;
  // A JSON array of requests (`jq -s` over a file exporter's lines, tools that collect the
  // requests they sent): each element is read as a document; a broken one costs itself alone.
  root.items = { ...root, items: undefined };
  root.resync = true;
  return root;
}

interface ScopeRef {
  scope: Scope | undefined;
}
interface PendingItem {
  signal: OtlpSignalIndex;
  raw: unknown;
  text: string;
  scope: ScopeRef;
  source: Provenance;
  reread: ((v: unknown) => unknown) | undefined;
}

/** Consumes scanner events of an OTLP document; shared with the Jaeger api_v3 wrapper. */
export class OtlpDocumentConsumer {
  private resource: Resource | undefined;
  /** The group's `resource` has been read (a second one is not). */
  private resourceRead = false;
  private pending: PendingItem[] = [];
  private scope: ScopeRef = { scope: undefined };
  /** Members that made the root an OTLP request (resourceX lists seen). */
  knownMembers = 0;

  constructor(
    private readonly file: string,
    private readonly out: OtlpOut,
  ) {}

  /**
   * Whether a scanner error on node `id` costs a record. A resource or a scope that is refused
   * whole (too many members, too long, too deep, not JSON) costs none: the spans, points and log
   * records under it are still read, without its attributes, and counted; the error is a notice.
   * (An input that ends inside it, `truncated`, is counted as the scanner says.)
   */
  static costsRecord(id: number | undefined, code: ImportErrorCode, recordLost: boolean): boolean {
    if (!recordLost || id === undefined || code === 'truncated') return recordLost;
    return !((id >= ID_RESOURCE && id < ID_RESOURCE + 3) || (id >= ID_SCOPE && id < ID_SCOPE + 3));
  }

  /** Returns true when the event belonged to OTLP. */
  open(id: number): boolean {
    if (id >= ID_LIST && id < ID_LIST + 3) {
      this.knownMembers++;
      return true;
    }
    if (id >= ID_GROUP && id < ID_GROUP + 3) {
      this.resource = undefined;
      this.resourceRead = false;
      this.pending = [];
      return true;
    }
    if (id >= ID_SCOPE_GROUP && id < ID_SCOPE_GROUP + 3) {
      this.scope = { scope: undefined };
      return true;
    }
    return false;
  }

  close(id: number): boolean {
    if (id >= ID_GROUP && id < ID_GROUP + 3) {
      this.resource ??= emptyResource();
      this.flush();
      this.resource = undefined;
      return true;
    }
    return id >= ID_SCOPE_GROUP && id < ID_SCOPE_GROUP + 3;
  }

  value(id: number, value: unknown, offset: number, line: number, text: string): boolean {
    // (a value read again from its text, exactly, is renamed again)
    const snakeKeys = text.includes('_') && SNAKE_KEY_RE.test(text); // memchr first: most items have no '_'
    if (snakeKeys) value = camelizeOtlp(value);
    const reread = snakeKeys ? camelizeOtlp : undefined;
    if (id >= ID_ITEM && id < ID_ITEM + 3) {
      const signal = (id - ID_ITEM) as OtlpSignalIndex;
      const source: Provenance = { file: this.file, line, offset };
      if (this.resource !== undefined) this.mapItem(signal, value, text, this.resource, this.scope.scope, source, reread);
      else {
        this.pending.push({ signal, raw: value, text, scope: this.scope, source, reread });
        if (this.pending.length >= MAX_PENDING) {
          this.resource = emptyResource(); // give up waiting: keep memory bounded
          this.flush();
        }
      }
      return true;
    }
    if (id >= ID_RESOURCE && id < ID_RESOURCE + 3) {
      if (this.resourceRead) {
        // Read as the Collector's decoder keeps it (first written wins), whether the request is
        // streamed or on a line of its own (mapOtlpText gives such a line to this reader).
        this.out.error('invalid-record', `${OTLP_KEYS[id - ID_RESOURCE]!.resource} element writes "resource" twice; the first is read, this one (line ${line}) is not`, false);
        return true;
      }
      this.resourceRead = true;
      this.resource = mapGroupResourceExact(value, text, this.out, reread);
      this.flush();
      return true;
    }
    if (id >= ID_SCOPE && id < ID_SCOPE + 3) {
      this.scope.scope = mapGroupScope(value, this.out);
      return true;
    }
    return false;
  }

  private mapItem(signal: OtlpSignalIndex, raw: unknown, text: string, resource: Resource, scope: Scope | undefined, source: Provenance, reread?: (v: unknown) => unknown): void {
    mapExact(raw, text, (v, o) => mapOtlpItem(signal, v, resource, scope, source, o), this.out, reread);
  }

  private flush(): void {
    const items = this.pending;
    if (items.length === 0) return;
    this.pending = [];
    for (const p of items) this.mapItem(p.signal, p.raw, p.text, this.resource!, p.scope.scope, p.source, p.reread);
  }
}

export class OtlpJsonDecoder implements Decoder {
  readonly progress: Progress = newProgress();
  private readonly errors: ErrorReporter;
  private readonly out: OtlpOut;
  private mode: 'detect' | 'lines' | 'document' | 'dead' = 'detect';
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private lines: LineSplitter | undefined;
  private scanner: JsonStreamScanner | undefined;
  private consumer: OtlpDocumentConsumer | undefined;

  constructor(private readonly ctx: DecoderContext) {
    this.errors = new ErrorReporter(ctx.file, ctx.sink, this.progress);
    const progress = this.progress;
    const sink = ctx.sink;
    this.out = {
      record(r: SignalRecord): void {
        progress.records++;
        sink.record(r);
      },
      error: (code: ImportErrorCode, message: string, rejected: boolean | number): void => {
        this.errors.report(code, message, this.errLine, this.errOffset, rejected);
      },
    };
    if (ctx.jsonLines) {
      // A piece of a JSON Lines file: its first line may be a broken request (read as a document,
      // it took every line after it into that request) or blank (an empty-input for the piece).
      this.mode = 'lines';
      this.startLines();
    }
  }

  // Location attached to errors raised while mapping the current line / element.
  private errLine: number | undefined;
  private errOffset: number | undefined;

  push(chunk: Uint8Array): void {
    this.progress.bytes += chunk.length;
    if (this.mode === 'detect') {
      this.head.push(chunk.slice());
      this.headBytes += chunk.length;
      this.detect(false);
      return;
    }
    this.forward(chunk);
  }

  end(): void {
    if (this.mode === 'detect') this.detect(true);
    if (this.mode === 'lines') {
      this.lines!.end();
      this.tail?.end();
      this.progress.lines = this.lines!.linesSeen;
      if (this.progress.records === 0 && this.errors.count === 0 && this.sawContentLines === 0 && !this.ctx.jsonLines) this.reportEmpty();
    } else if (this.mode === 'document') {
      this.scanner!.end();
      this.progress.lines = this.scanner!.line - (this.endsWithNewline ? 1 : 0);
      if (!this.scanner!.sawContent) this.reportEmpty();
    }
  }

  private endsWithNewline = false;
  private sawContentLines = 0;

  private reportEmpty(): void {
    this.errors.report('empty-input', 'the input is empty', undefined, 0, false);
  }

  private forward(chunk: Uint8Array): void {
    if (chunk.length > 0) this.endsWithNewline = chunk[chunk.length - 1] === 10;
    if (this.mode === 'lines') this.lines!.push(chunk);
    else if (this.mode === 'document') {
      this.scanner!.push(chunk);
      this.progress.lines = this.scanner!.line - 1;
    }
  }

  private detect(atEnd: boolean): void {
    const all = this.headBytes === this.head[0]?.length ? this.head[0]! : concat(this.head, this.headBytes);
    this.head = [all];
    if (!atEnd && all.length < BINARY_CHECK_BYTES) return;
    let i = 0;
    if (all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf) i = 3;
    while (i < all.length && (all[i] === 32 || all[i] === 9 || all[i] === 10 || all[i] === 13)) i++;
    if (i === all.length && !atEnd && all.length < DETECT_BYTES) return; // only whitespace so far
    let mode: 'lines' | 'document' | 'dead';
    if (looksBinary(all.subarray(0, Math.min(all.length, BINARY_CHECK_BYTES)))) {
      this.errors.report('binary-data', 'binary data, not OTLP JSON', undefined, 0, false);
      mode = 'dead';
    } else {
      // Only an LF within the first DETECT_BYTES counts: a whole buffer must decide as a chunked
      // one that stopped waiting there (a first line longer than that is read as a document).
      let nl = all.indexOf(10, i);
      if (nl >= DETECT_BYTES) nl = -1;
      if (nl === -1 && !atEnd && all.length < DETECT_BYTES) return; // first line not complete yet
      mode = 'document';
      if (nl !== -1) {
        let e = nl - 1;
        while (e > i && (all[e] === 32 || all[e] === 9 || all[e] === 13)) e--;
        // A first line cut inside a string (`tail -c` of JSON Lines, a log line cut before an
        // export) is no line of a document, where a string never spans lines: JSON Lines, whose
        // broken line is reported alone (a pretty-printed request after it is still read).
        if (all[i] === 123 && e > i && (all[e] === 125 || endsInsideString(all, i, e + 1))) mode = 'lines';
      }
    }
    this.mode = mode;
    this.head = [];
    this.headBytes = 0;
    if (mode === 'lines') this.startLines();
    else if (mode === 'document') this.startDocument();
    if (mode !== 'dead') this.forward(all);
  }

  private startLines(): void {
    const file = this.ctx.file;
    this.lines = new LineSplitter(
      {
        line: (text, line, offset) => {
          if (this.tail) {
            this.tail.push(utf8.encode(text + '\n'));
            return;
          }
          if (text.length === 0 || isBlank(text)) return;
          const t = text.trim();
          if (t === '{' || t === '[') {
            // A pretty-printed request after JSON Lines (exports appended into one file): a lone
            // bracket opens a document over many lines, which a line cannot hold. The rest of the
            // file is read as documents, one after another, positions still the file's.
            this.sawContentLines++;
            this.tail = this.documentScanner(offset, line);
            this.tail.push(utf8.encode(text + '\n'));
            return;
          }
          this.sawContentLines++;
          this.progress.lines = line;
          this.errLine = line;
          this.errOffset = offset;
          if (!mapOtlpText(text, { file, line, offset }, this.out, (this.zipkinResources ??= new ZipkinResources()))) this.salvageLine(text, line, offset);
        },
        tooLong: (line, offset, bytes) => {
          this.sawContentLines++;
          this.errors.report('line-too-long', lineTooLongMessage(bytes, MAX_LINE_BYTES), line, offset, true);
        },
        // (the lines of a pretty-printed request after the JSON Lines go to its document reader, which reports them)
        invalidUtf8: (line, offset) => {
          if (this.tail === undefined) this.errors.report('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset, false);
        },
      },
      MAX_LINE_BYTES,
      'lf', // lines mode: the first line ended in an LF
    );
  }

  /** The local endpoints of the Zipkin span lists among the lines (mapOtlpText), made at the first line. */
  private zipkinResources: ZipkinResources | undefined;

  /** The document reader that took over from the line reader at a pretty-printed request (see startLines). */
  private tail: JsonStreamScanner | undefined;

  private startDocument(): void {
    this.scanner = this.documentScanner(0, 1);
  }

  /**
   * The streaming reader over a whole document, or over one broken JSON Lines line whose first
   * byte is at `baseOffset` on line `baseLine` (positions in records and errors are the file's).
   */
  private documentScanner(baseOffset: number, baseLine: number, oneError = false): JsonStreamScanner {
    let errors = 0;
    const consumer = new OtlpDocumentConsumer(this.ctx.file, this.out);
    this.consumer = consumer;
    let rootKnown = 0;
    /** Scanner errors when the current request opened: one that broke it is its only error. */
    let rootErrors = 0;
    /** Per open ID_ROOT: true for the array of requests, whose elements are the requests. */
    const rootIsArray: boolean[] = [];
    /** The open request's Tempo `status` and `message`, and where it opens. */
    let tempo: { status?: unknown; message?: unknown; line: number; offset: number } = { line: baseLine, offset: baseOffset };
    return new JsonStreamScanner(documentSelection(), {
      value: (id, value, _key, offset, line, text) => {
        this.errLine = line + baseLine - 1;
        this.errOffset = offset + baseOffset;
        if (id === ID_OTHER) return;
        if (id === ID_TEMPO_STATUS) tempo.status = value;
        else if (id === ID_TEMPO_MESSAGE) tempo.message = value;
        if (id === ID_TEMPO_STATUS || id === ID_TEMPO_MESSAGE) return;
        consumer.value(id, value, this.errOffset, this.errLine, text);
      },
      open: (id, offset, line, isArray) => {
        this.errLine = line + baseLine - 1;
        this.errOffset = offset + baseOffset;
        if (id === ID_ROOT) {
          rootIsArray.push(isArray);
          if (isArray) return;
          rootKnown = consumer.knownMembers;
          rootErrors = errors;
          tempo = { line: this.errLine, offset: this.errOffset };
        }
        if (id === ID_PROFILES) {
          consumer.knownMembers++;
          this.errors.report('unsupported', PROFILES_MESSAGE, this.errLine, this.errOffset, false);
          return;
        }
        consumer.open(id);
      },
      close: (id) => {
        if (id === ID_ROOT && rootIsArray.pop() === true) return;
        consumer.close(id);
        const partial = id === ID_ROOT ? partialTraceMessage(tempo.status, tempo.message) : undefined;
        if (partial !== undefined) this.errors.report('invalid-record', partial, tempo.line, tempo.offset, false);
        if (id === ID_ROOT && consumer.knownMembers === rootKnown && errors === rootErrors) {
          this.errors.report('invalid-record', 'not an OTLP export request: no resourceSpans, resourceMetrics or resourceLogs', this.errLine, this.errOffset, true);
        }
      },
      // Every scanner error costs the element it happened in, unless the scanner says otherwise
      // (a too-deep value it was only skipping).
      error: (code, message, offset, line, recordLost = true, id) => {
        // A broken JSON Lines line is one error, as JSON.parse would give, however it breaks.
        if (errors++ > 0 && oneError) return;
        if (oneError && code === 'truncated') message = 'the line ends inside a JSON value (cut while it was written?)';
        const lost = OtlpDocumentConsumer.costsRecord(id, code, recordLost);
        if (lost !== recordLost) message += `; the ${id !== undefined && id >= ID_SCOPE ? 'scope' : 'resource'} is read as empty, the records under it are read`;
        this.errors.report(code, message, line + baseLine - 1, offset + baseOffset, lost);
      },
      // (a broken JSON Lines line read again here was reported as such by the line reader)
      invalidUtf8: oneError ? undefined : (offset, line) => this.errors.report('invalid-utf8', INVALID_UTF8_MESSAGE, line + baseLine - 1, offset + baseOffset, false),
    });
  }

  /**
   * A JSON Lines line that does not parse — typically the last request of a Collector file
   * exporter that was killed mid-write: the spans, points and log records that closed before the
   * break are still read (as the document reader does for a cut file), the break is reported.
   */
  private salvageLine(text: string, line: number, offset: number): void {
    const start = text.search(/\S/);
    if (text[start] !== '{') {
      this.errors.report('invalid-json', `line is not JSON: ${text.slice(start, start + 60)}`, line, offset, true);
      return;
    }
    const scanner = this.documentScanner(offset, line, true);
    scanner.push(new TextEncoder().encode(text));
    scanner.end();
  }
}

const utf8 = new TextEncoder();

/** True when bytes `from`..`to` (one line) end inside a JSON string: an odd number of unescaped quotes. */
function endsInsideString(b: Uint8Array, from: number, to: number): boolean {
  let inside = false;
  for (let k = from; k < to; k++) {
    if (b[k] === 92 && inside) k++;
    else if (b[k] === 34) inside = !inside;
  }
  return inside;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

