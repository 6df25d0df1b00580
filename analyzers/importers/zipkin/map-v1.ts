// Zipkin v1 span → Zipkin v2 spans → model. A v1 span is one RPC as seen by every host that logged
// to it: core annotations cs/sr/ss/cr (ms/mr/ws/wr for messaging) carry the endpoint of the host
// that logged them, binary annotations are tags (or, for `ca`/`sa`/`ma`, the remote address). It
// is split into one v2 span per local endpoint exactly as openzipkin/zipkin does it:
// `zipkin2.v1.V1SpanConverter` (zipkin/src/main/java/zipkin2/v1/V1SpanConverter.java, 2019
// version with lenient address annotations), fed by `zipkin2.internal.V1JsonSpanReader` and
// `zipkin2.v1.V1Span.Builder` (annotations sorted by timestamp then value, binary annotations by
// key; empty endpoints dropped; a 32-hex traceId whose high half is zero is a 64-bit id), and
// `zipkin2.Span.Builder.build` (negative times are absent, a parentId equal to the id is dropped,
// `shared` is cleared on a CLIENT span). In short:
//   - kind from the core annotations; a client+server span (cs and sr) becomes a CLIENT span and a
//     SERVER span with the same id and `shared` (the server side gets sr as start, ss − sr as
//     duration; the client keeps the span's timestamp/duration or cs/cr);
//   - service = the endpoint of the annotations (or of string binary annotations such as `lc`);
//   - missing timestamp/duration derived from the begin/end annotations;
//   - other annotations → span events; string binary annotations → tags of the span whose service
//     logged them (`error` → error status, via the v2 mapper).
// Deliberate differences: span and service names keep their case (Zipkin lowercases them; the v2
// reader here keeps them too), and binary annotations with a number, boolean or other non-string
// value (Zipkin's v1 JSON reader drops them) are kept as text tags on the span of their service
// (or the first span) without creating a span of their own, so span counts match Zipkin's.
import type { Provenance, Span } from '../../model/index.js';
import { foldZeroHighTraceId, normalizeHexId } from '../common/ids.js';
import type { RecordOut } from '../common/json-decoder.js';
import { ZipkinMapError, mapZipkinSpan, type RawZipkinEndpoint, type RawZipkinSpan, type ZipkinResources } from './map.js';
import { show } from '../common/json-decoder.js';

export interface RawZipkinV1Annotation {
  timestamp?: number | string;
  value?: string;
  endpoint?: RawZipkinEndpoint | null;
}

export interface RawZipkinV1BinaryAnnotation {
  key?: string;
  value?: unknown;
  type?: string;
  endpoint?: RawZipkinEndpoint | null;
}

/** Endpoint with empty fields removed; null stands for Zipkin's EMPTY_ENDPOINT / absent. */
type Endpoint = RawZipkinEndpoint;

interface V1Annotation {
  timestamp: number;
  value: string;
  endpoint: Endpoint | null;
}

interface V1BinaryAnnotation {
  key: string;
  /** null: an address annotation (ca/sa/ma). */
  value: string | null;
  endpoint: Endpoint | null;
}

interface V1Span {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  /** µs; 0 = absent, as in Zipkin. */
  timestamp: number;
  duration: number;
  annotations: V1Annotation[];
  binaryAnnotations: V1BinaryAnnotation[];
  /** Non-string binary annotations kept as text tags (not in Zipkin's conversion). */
  typedTags: V1BinaryAnnotation[];
}

type Kind = 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';

interface Builder {
  local: Endpoint | null;
  kind?: Kind;
  timestamp: number;
  duration: number;
  shared: boolean;
  remote?: Endpoint;
  annotations: { timestamp: number; value: string }[];
  tags: Record<string, string>;
}

const CORE = new Set(['cs', 'sr', 'ss', 'cr', 'ms', 'mr', 'ws', 'wr']);

/**
 * True for a span in Zipkin v1 shape: it has binary annotations, or annotations that name their
 * endpoint (v2 annotations have only timestamp and value) and none of the v2-only fields.
 */
export function isZipkinV1Span(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const s = raw as RawZipkinSpan & { traceIdHigh?: unknown };
  if (s.binaryAnnotations !== undefined && s.binaryAnnotations !== null) return true;
  if (s.localEndpoint !== undefined || s.remoteEndpoint !== undefined || s.kind !== undefined || s.tags !== undefined || s.shared !== undefined) return false;
  if (s.traceIdHigh !== undefined && s.traceIdHigh !== null) return true;
  const anns: unknown = s.annotations;
  return Array.isArray(anns) && anns.some((a) => a !== null && typeof a === 'object' && 'endpoint' in a);
}

/** µs as a number; 0 when absent. Unreadable values are reported (span kept) and read as absent. */
function micros(v: unknown, field: string, out: RecordOut): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.round(v);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  out.error('invalid-timestamp', `${field} is not a number of microseconds: ${show(v)}`, false);
  return 0;
}

function readEndpoint(v: unknown): Endpoint | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const e = v as RawZipkinEndpoint;
  const ep: Endpoint = {};
  if (typeof e.serviceName === 'string' && e.serviceName !== '') ep.serviceName = e.serviceName;
  if (typeof e.ipv4 === 'string' && e.ipv4 !== '') ep.ipv4 = e.ipv4;
  if (typeof e.ipv6 === 'string' && e.ipv6 !== '') ep.ipv6 = e.ipv6;
  if (typeof e.port === 'number' && e.port > 0) ep.port = e.port;
  return Object.keys(ep).length === 0 ? null : ep;
}

const HEX = '0123456789abcdef';

/** traceIdHigh: hex digits, or the 64-bit number (Thrift i64, possibly negative) when it is exact. */
function readTraceIdHigh(v: unknown): string | undefined | null {
  if (v === undefined || v === null || v === '' || v === 0) return undefined;
  if (typeof v === 'string') {
    const h = normalizeHexId(v, 16);
    return h === undefined ? undefined : h;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) {
    let n = BigInt(v);
    if (n < 0n) n += 1n << 64n;
    let s = '';
    for (let i = 0; i < 16; i++, n >>= 4n) s = HEX[Number(n & 15n)]! + s;
    return s;
  }
  return null;
}

function readV1Span(s: RawZipkinSpan & { traceIdHigh?: unknown }, out: RecordOut): V1Span {
  let traceId = normalizeHexId(s.traceId, 32);
  if (traceId === undefined) throw new ZipkinMapError('missing-field', 'span without traceId');
  if (traceId === null) throw new ZipkinMapError('invalid-id', `traceId is not 1-32 hex digits: ${show(s.traceId)}`);
  if (traceId.length === 16) {
    const high = readTraceIdHigh(s.traceIdHigh);
    if (high === null) throw new ZipkinMapError('invalid-id', `traceIdHigh is neither 1-16 hex digits nor an exact 64-bit number: ${show(s.traceIdHigh)}`);
    if (high !== undefined) traceId = high + traceId;
  } else traceId = foldZeroHighTraceId(traceId); // high bits zero: a 64-bit id
  const id = normalizeHexId(s.id, 16);
  if (id === undefined) throw new ZipkinMapError('missing-field', 'span without id');
  if (id === null) throw new ZipkinMapError('invalid-id', `id is not 1-16 hex digits: ${show(s.id)}`);
  const span: V1Span = {
    traceId,
    id,
    name: typeof s.name === 'string' ? s.name : '',
    timestamp: micros(s.timestamp, 'timestamp', out),
    duration: micros(s.duration, 'duration', out),
    annotations: [],
    binaryAnnotations: [],
    typedTags: [],
  };
  if (s.parentId !== undefined && s.parentId !== null && s.parentId !== '') {
    const p = normalizeHexId(s.parentId, 16);
    if (p === null) out.error('invalid-id', `parentId is not 1-16 hex digits: ${show(s.parentId)}`, false);
    else if (p !== undefined && p !== id) span.parentId = p; // Zipkin drops a self-reference
  }

  const anns: unknown = s.annotations;
  if (anns !== undefined && anns !== null) {
    if (!Array.isArray(anns)) throw new ZipkinMapError('wrong-type', 'annotations should be an array');
    for (const a of anns as unknown[]) {
      if (a === null || typeof a !== 'object' || Array.isArray(a)) throw new ZipkinMapError('wrong-type', 'annotation should be an object');
      const r = a as RawZipkinV1Annotation;
      // Zipkin refuses an annotation without timestamp or value; the rest of the span is still good.
      if (typeof r.value !== 'string' || r.timestamp === undefined || r.timestamp === null) {
        out.error('missing-field', `annotation without ${typeof r.value !== 'string' ? 'value' : 'timestamp'} skipped`, false);
        continue;
      }
      const t = micros(r.timestamp, 'annotation timestamp', out);
      span.annotations.push({ timestamp: t, value: r.value, endpoint: readEndpoint(r.endpoint) });
    }
  }
  const bins: unknown = s.binaryAnnotations;
  if (bins !== undefined && bins !== null) {
    if (!Array.isArray(bins)) throw new ZipkinMapError('wrong-type', 'binaryAnnotations should be an array');
    for (const b of bins as unknown[]) {
      if (b === null || typeof b !== 'object' || Array.isArray(b)) throw new ZipkinMapError('wrong-type', 'binary annotation should be an object');
      const r = b as RawZipkinV1BinaryAnnotation;
      if (typeof r.key !== 'string') {
        out.error('missing-field', 'binary annotation without key skipped', false);
        continue;
      }
      const endpoint = readEndpoint(r.endpoint);
      const v = r.value;
      if (typeof v === 'string') span.binaryAnnotations.push({ key: r.key, value: v, endpoint });
      else if (r.key === 'ca' || r.key === 'sa' || r.key === 'ma') {
        if (v === true && endpoint !== null) span.binaryAnnotations.push({ key: r.key, value: null, endpoint });
      } else if (v !== undefined && v !== null) {
        span.typedTags.push({ key: r.key, value: typeof v === 'object' ? JSON.stringify(v) : String(v), endpoint });
      }
    }
  }
  // V1Span.Builder sorts (stable): annotations by timestamp then value, binary annotations by key.
  span.annotations.sort((x, y) => x.timestamp - y.timestamp || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  span.binaryAnnotations.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return span;
}

function lower(e: Endpoint | null | undefined): string | undefined {
  return e?.serviceName?.toLowerCase();
}

/** Zipkin lowercases service names when it reads them, so names compare case-insensitively. */
function hasSameServiceName(left: Endpoint, right: Endpoint | null): boolean {
  return lower(left) === lower(right);
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return lower(a) === lower(b) && a.ipv4 === b.ipv4 && a.ipv6 === b.ipv6 && a.port === b.port;
}

/** The v1 → v2 split of one span (V1SpanConverter.convert). */
class V1SpanConverter {
  private readonly first: Builder;
  private readonly spans: Builder[] = [];
  private cs?: V1Annotation;
  private sr?: V1Annotation;
  private ss?: V1Annotation;
  private cr?: V1Annotation;
  private ms?: V1Annotation;
  private mr?: V1Annotation;
  private ws?: V1Annotation;
  private wr?: V1Annotation;

  constructor(private readonly source: V1Span) {
    this.first = newBuilder(null);
  }

  convert(): Builder[] {
    this.processAnnotations();
    this.processBinaryAnnotations();
    this.processTypedTags();
    return [this.first, ...this.spans];
  }

  private processAnnotations(): void {
    const source = this.source;
    for (const a of source.annotations) {
      const currentSpan = this.forEndpoint(a.endpoint);
      // Core annotations require an endpoint; without one they are ordinary annotations.
      if (a.endpoint !== null && a.value.length === 2 && CORE.has(a.value)) {
        switch (a.value) {
          case 'cs':
            currentSpan.kind = 'CLIENT';
            this.cs = a;
            break;
          case 'sr':
            currentSpan.kind = 'SERVER';
            this.sr = a;
            break;
          case 'ss':
            currentSpan.kind = 'SERVER';
            this.ss = a;
            break;
          case 'cr':
            currentSpan.kind = 'CLIENT';
            this.cr = a;
            break;
          case 'ms':
            currentSpan.kind = 'PRODUCER';
            this.ms = a;
            break;
          case 'mr':
            currentSpan.kind = 'CONSUMER';
            this.mr = a;
            break;
          case 'ws':
            this.ws = a;
            break;
          default:
            this.wr = a;
        }
      } else {
        addAnnotation(currentSpan, a.timestamp, a.value);
      }
    }

    // When bridging between event and span model, a start annotation can be missing.
    if (this.cs === undefined && endTimestampReflectsSpanDuration(this.cr, source)) {
      this.cs = { timestamp: source.timestamp, value: 'cs', endpoint: this.cr!.endpoint };
    }
    if (this.sr === undefined && endTimestampReflectsSpanDuration(this.ss, source)) {
      this.sr = { timestamp: source.timestamp, value: 'sr', endpoint: this.ss!.endpoint };
    }
    const { cs, sr, ss, cr } = this;
    if (cs !== undefined && sr !== undefined) {
      // In a shared span the client side owns the span's duration (annotations or explicit timestamp).
      this.maybeTimestampDuration(cs, cr);
      const client = this.forEndpoint(cs.endpoint);
      let server: Builder;
      if (hasSameServiceName(cs.endpoint!, sr.endpoint)) {
        client.kind = 'CLIENT';
        server = this.newSpanBuilder(sr.endpoint); // loopback: the server side still gets its own span
        server.kind = 'SERVER';
      } else {
        server = this.forEndpoint(sr.endpoint);
      }
      server.shared = true;
      setTimestamp(server, sr.timestamp);
      if (ss !== undefined) setDuration(server, ss.timestamp - sr.timestamp);
      if (cr === undefined && source.duration === 0) client.duration = 0; // one-way: no duration
    } else if (cs !== undefined && cr !== undefined) {
      this.maybeTimestampDuration(cs, cr);
    } else if (sr !== undefined && ss !== undefined) {
      this.maybeTimestampDuration(sr, ss);
    } else {
      this.handleIncompleteRpc();
    }

    // v1 had no shared flag: by convention a server side without the span's own timestamp was
    // shared (or without duration although ss was logged: a row shared with the client side).
    if (cs === undefined && sr !== undefined && (source.timestamp === 0 || (ss !== undefined && source.duration === 0))) {
      this.forEndpoint(sr.endpoint).shared = true;
    }

    const { ms, mr, ws, wr } = this;
    if (ms !== undefined && mr !== undefined) {
      const producer = this.forEndpoint(ms.endpoint);
      let consumer: Builder;
      if (hasSameServiceName(ms.endpoint!, mr.endpoint)) {
        producer.kind = 'PRODUCER';
        consumer = this.newSpanBuilder(mr.endpoint);
        consumer.kind = 'CONSUMER';
      } else {
        consumer = this.forEndpoint(mr.endpoint);
      }
      consumer.shared = true;
      if (wr !== undefined) {
        setTimestamp(consumer, wr.timestamp);
        setDuration(consumer, mr.timestamp - wr.timestamp);
      } else {
        setTimestamp(consumer, mr.timestamp);
      }
      setTimestamp(producer, ms.timestamp);
      if (ws !== undefined) setDuration(producer, ws.timestamp - ms.timestamp);
      else producer.duration = 0;
    } else if (ms !== undefined) {
      this.maybeTimestampDuration(ms, ws);
    } else if (mr !== undefined) {
      if (wr !== undefined) this.maybeTimestampDuration(wr, mr);
      else this.maybeTimestampDuration(mr, undefined);
    } else {
      if (ws !== undefined) addAnnotation(this.forEndpoint(ws.endpoint), ws.timestamp, ws.value);
      if (wr !== undefined) addAnnotation(this.forEndpoint(wr.endpoint), wr.timestamp, wr.value);
    }
  }

  private handleIncompleteRpc(): void {
    this.handleIncompleteBuilder(this.first);
    for (const b of this.spans) this.handleIncompleteBuilder(b);
    if (this.source.timestamp !== 0) {
      setTimestamp(this.first, this.source.timestamp);
      setDuration(this.first, this.source.duration);
    }
  }

  private handleIncompleteBuilder(next: Builder): void {
    if (next.kind === 'CLIENT') {
      if (this.cs !== undefined) setTimestamp(next, this.cs.timestamp);
      if (this.cr !== undefined) addAnnotation(next, this.cr.timestamp, this.cr.value);
    } else if (next.kind === 'SERVER') {
      if (this.sr !== undefined) setTimestamp(next, this.sr.timestamp);
      if (this.ss !== undefined) addAnnotation(next, this.ss.timestamp, this.ss.value);
    }
  }

  private maybeTimestampDuration(begin: V1Annotation, end: V1Annotation | undefined): void {
    const span2 = this.forEndpoint(begin.endpoint);
    if (this.source.timestamp !== 0 && this.source.duration !== 0) {
      setTimestamp(span2, this.source.timestamp);
      setDuration(span2, this.source.duration);
    } else {
      setTimestamp(span2, begin.timestamp);
      if (end !== undefined) setDuration(span2, end.timestamp - begin.timestamp);
    }
  }

  private processBinaryAnnotations(): void {
    let ca: Endpoint | null = null;
    let sa: Endpoint | null = null;
    let ma: Endpoint | null = null;
    for (const b of this.source.binaryAnnotations) {
      // Address annotations should have the value true, but some tracers (zipkin-ruby) write "1":
      // Zipkin reads any ca/sa/ma as an address.
      if (b.key === 'ca') {
        ca = b.endpoint;
        continue;
      } else if (b.key === 'sa') {
        sa = b.endpoint;
        continue;
      } else if (b.key === 'ma') {
        ma = b.endpoint;
        continue;
      }
      const currentSpan = this.forEndpoint(b.endpoint);
      if (b.key === 'lc' && b.value === '') continue; // a marker naming the local endpoint, not a tag
      putTag(currentSpan, b.key, b.value!);
    }

    const { cs, sr, ss, cr, ms, mr } = this;
    const noCoreAnnotations = cs === undefined && cr === undefined && ss === undefined && sr === undefined;
    if (noCoreAnnotations && (ca !== null || sa !== null)) {
      if (ca !== null && sa !== null) {
        this.forEndpoint(ca).remote = sa;
      } else if (sa !== null) {
        this.forEndpoint(null).remote = sa; // "sa" alone is a remote address, not a client span
      } else {
        const b = this.forEndpoint(null); // "ca" alone: treat it like a server
        b.kind = 'SERVER';
        b.remote = ca!;
      }
      return;
    }
    const server = sr ?? ss;
    if (ca !== null && server !== undefined && !(server.endpoint !== null && sameEndpoint(ca, server.endpoint))) {
      // Finagle adds "ca" on server spans with the server's own service name: drop the name so no
      // loopback link appears.
      if (hasSameServiceName(ca, server.endpoint)) {
        const { serviceName: _drop, ...rest } = ca;
        ca = rest;
      }
      this.forEndpoint(server.endpoint).remote = ca;
    }
    if (sa !== null) {
      if (cs !== undefined) this.forEndpoint(cs.endpoint).remote = sa;
      else if (cr !== undefined) this.forEndpoint(cr.endpoint).remote = sa;
    }
    if (ma !== null) {
      if (ms !== undefined) this.forEndpoint(ms.endpoint).remote = ma;
      if (mr !== undefined) this.forEndpoint(mr.endpoint).remote = ma;
    }
  }

  /** Not in Zipkin: non-string binary annotations go to an existing span, never a new one. */
  private processTypedTags(): void {
    for (const b of this.source.typedTags) {
      let target = this.first;
      if (b.endpoint !== null) {
        for (const x of [this.first, ...this.spans]) {
          if (x.local !== null && hasSameServiceName(x.local, b.endpoint)) {
            target = x;
            break;
          }
        }
      }
      putTag(target, b.key, b.value!);
    }
  }

  private forEndpoint(e: Endpoint | null): Builder {
    if (e === null) return this.first; // missing endpoint data goes to the first span
    if (closeEnoughEndpoint(this.first, e)) return this.first;
    for (const next of this.spans) if (closeEnoughEndpoint(next, e)) return next;
    return this.newSpanBuilder(e);
  }

  private newSpanBuilder(e: Endpoint | null): Builder {
    const b = newBuilder(e);
    this.spans.push(b);
    return b;
  }
}

function newBuilder(local: Endpoint | null): Builder {
  return { local, timestamp: 0, duration: 0, shared: false, annotations: [], tags: {} };
}

function closeEnoughEndpoint(b: Builder, e: Endpoint): boolean {
  if (b.local === null) {
    b.local = e;
    return true;
  }
  return hasSameServiceName(b.local, e);
}

function endTimestampReflectsSpanDuration(end: V1Annotation | undefined, source: V1Span): boolean {
  return end !== undefined && source.timestamp !== 0 && source.duration !== 0 && source.timestamp + source.duration === end.timestamp;
}

/** zipkin2.Span.Builder: a negative time is no time. */
function setTimestamp(b: Builder, t: number): void {
  b.timestamp = t < 0 ? 0 : t;
}

function setDuration(b: Builder, d: number): void {
  b.duration = d < 0 ? 0 : d;
}

function addAnnotation(b: Builder, timestamp: number, value: string): void {
  b.annotations.push({ timestamp, value });
}

function putTag(b: Builder, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(b.tags, key, { value, enumerable: true, writable: true, configurable: true });
  else b.tags[key] = value;
}

function toV2(source: V1Span, b: Builder): RawZipkinSpan {
  const out: RawZipkinSpan = { traceId: source.traceId, id: source.id, name: source.name };
  if (source.parentId !== undefined) out.parentId = source.parentId;
  if (b.kind !== undefined) out.kind = b.kind;
  if (b.timestamp !== 0) {
    out.timestamp = b.timestamp;
    if (b.duration !== 0) out.duration = b.duration;
  }
  // `shared` is for the server side; Zipkin clears it on a client span.
  if (b.shared && b.kind !== 'CLIENT') out.shared = true;
  if (b.local !== null) out.localEndpoint = b.local;
  if (b.remote !== undefined) out.remoteEndpoint = b.remote;
  // v2 annotations are sorted and deduplicated.
  const anns = [...b.annotations].sort((x, y) => x.timestamp - y.timestamp || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  out.annotations = anns.filter((a, i) => i === 0 || a.timestamp !== anns[i - 1]!.timestamp || a.value !== anns[i - 1]!.value);
  out.tags = b.tags;
  return out;
}

/** One Zipkin v1 span → its Zipkin v2 spans (one per local endpoint, client side first). */
export function convertZipkinV1Span(raw: unknown, out: RecordOut): RawZipkinSpan[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ZipkinMapError('wrong-type', `span should be an object, got ${show(raw)}`);
  const v1 = readV1Span(raw as RawZipkinSpan, out);
  return new V1SpanConverter(v1).convert().map((b) => toV2(v1, b));
}

/** One Zipkin v1 span → model spans, through the v2 mapper. */
export function mapZipkinV1Span(raw: unknown, resources: ZipkinResources, source: Provenance, out: RecordOut): Span[] {
  return convertZipkinV1Span(raw, out).map((s) => mapZipkinSpan(s, resources, source, out));
}
