// Zipkin v2 span → model (v1 spans are converted to v2 first, in map-v1.ts). Times are µs. The local endpoint is the service (resource); the
// remote endpoint becomes peer attributes on the span.
import { resourceFromAttributes, type Attributes, type Provenance, type Resource, type Span, type SpanKind } from '../../model/index.js';
import { foldZeroHighTraceId, normalizeHexId } from '../common/ids.js';
import { show, type RecordOut } from '../common/json-decoder.js';
import type { ImportErrorCode } from '../types.js';
import { digitsWithin, INT64_MAX } from '../common/time.js';

export interface RawZipkinEndpoint {
  serviceName?: string;
  ipv4?: string;
  ipv6?: string;
  port?: number;
}

export interface RawZipkinSpan {
  traceId?: string;
  id?: string;
  parentId?: string;
  name?: string;
  kind?: string;
  timestamp?: number | string;
  duration?: number | string;
  debug?: boolean;
  shared?: boolean;
  localEndpoint?: RawZipkinEndpoint | null;
  remoteEndpoint?: RawZipkinEndpoint | null;
  annotations?: { timestamp?: number | string; value?: string; endpoint?: unknown }[];
  tags?: Record<string, unknown>;
  binaryAnnotations?: unknown;
}

// Not an Error (as prometheus/parse-line.ts's Fail): a bad record is expected input, and a stack
// trace captured per rejected record made rejecting 500,000 bad array elements take 10-40 s.
export class ZipkinMapError {
  constructor(
    readonly code: ImportErrorCode,
    readonly message: string,
  ) {}
}

const KINDS: Record<string, SpanKind> = { CLIENT: 'client', SERVER: 'server', PRODUCER: 'producer', CONSUMER: 'consumer' };
const MAX_CACHED_RESOURCES = 10_000;

/** µs (number or digit string) → ns; undefined when absent or zero. */
function readMicros(v: unknown, field: string, out: RecordOut): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  // int64 µs (zipkin2.Span): 2^63 and beyond is not a time but an overflow.
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 2 ** 63) return v === 0 ? undefined : BigInt(Math.round(v)) * 1000n;
  if (typeof v === 'string' && /^\d+$/.test(v) && digitsWithin(v, INT64_MAX)) return /^0+$/.test(v) ? undefined : BigInt(v) * 1000n;
  // (a JSON number past 2^53 is read rounded to a double: said so, not as if it were the text)
  const past = (typeof v === 'number' && Number.isInteger(v) && v >= 2 ** 63) || (typeof v === 'string' && /^\d+$/.test(v));
  out.error('invalid-timestamp', past ? `${field} is past int64's range (zipkin2 reads microseconds as an int64): ${typeof v === 'number' ? `${show(v)} (as a double)` : show(v)}` : `${field} is not a number of microseconds: ${show(v)}`, false);
  return undefined;
}

/** An endpoint object that names something: a service name, an address or a port. */
function hasEndpoint(ep: RawZipkinEndpoint | null | undefined): boolean {
  if (ep === null || ep === undefined || typeof ep !== 'object') return false;
  return (typeof ep.serviceName === 'string' && ep.serviceName !== '') || typeof ep.ipv4 === 'string' || typeof ep.ipv6 === 'string' || typeof ep.port === 'number';
}

/** Resources shared between spans of the same local endpoint (bounded cache). */
export class ZipkinResources {
  private cache = new Map<string, Resource>();

  get(ep: RawZipkinEndpoint | null | undefined): Resource {
    if (ep === null || ep === undefined || typeof ep !== 'object') ep = {};
    const name = typeof ep.serviceName === 'string' ? ep.serviceName : '';
    const ip = typeof ep.ipv4 === 'string' ? ep.ipv4 : typeof ep.ipv6 === 'string' ? ep.ipv6 : '';
    const key = `${name}\u0000${ip}`;
    let r = this.cache.get(key);
    if (r === undefined) {
      const attrs: Attributes = {};
      if (name !== '') attrs['service.name'] = name;
      if (ip !== '') attrs['host.ip'] = ip;
      r = resourceFromAttributes(attrs);
      if (this.cache.size >= MAX_CACHED_RESOURCES) this.cache.clear();
      this.cache.set(key, r);
    }
    return r;
  }
}

export function looksLikeZipkinSpan(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'traceId' in v && 'id' in v;
}

export function mapZipkinSpan(raw: unknown, resources: ZipkinResources, source: Provenance, out: RecordOut): Span {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ZipkinMapError('wrong-type', `span should be an object, got ${show(raw)}`);
  const s = raw as RawZipkinSpan;
  let traceId = normalizeHexId(s.traceId, 32);
  if (traceId === undefined) throw new ZipkinMapError('missing-field', 'span without traceId');
  if (traceId === null) throw new ZipkinMapError('invalid-id', `traceId is not 1-32 hex digits: ${show(s.traceId)}`);
  // A 128-bit id whose high half is zero is the 64-bit id (zipkin2.Span.normalizeTraceId, as the
  // v1 reader does): an OpenTelemetry service writes 0000000000000000463ac35c9f6413ad where a
  // Brave service in the same trace writes 463ac35c9f6413ad.
  traceId = foldZeroHighTraceId(traceId);
  const spanId = normalizeHexId(s.id, 16);
  if (spanId === undefined) throw new ZipkinMapError('missing-field', 'span without id');
  if (spanId === null) throw new ZipkinMapError('invalid-id', `id is not 1-16 hex digits: ${show(s.id)}`);

  const attributes: Attributes = {};
  const status: Span['status'] = { code: 'unset' };
  const tags = s.tags;
  if (tags !== undefined && tags !== null) {
    if (typeof tags !== 'object' || Array.isArray(tags)) throw new ZipkinMapError('wrong-type', 'tags should be an object of strings');
    for (const k of Object.keys(tags)) {
      const v = tags[k];
      const text = typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      if (k === 'error') {
        // Zipkin marks failures with an `error` tag whose value is the message (may be empty).
        status.code = 'error';
        if (text !== '' && text !== 'true') status.message = text;
      }
      if (k === 'otel.status_code') {
        const c = text.toUpperCase();
        if (c === 'ERROR') status.code = 'error';
        else if (c === 'OK' && status.code !== 'error') status.code = 'ok';
        continue;
      }
      if (k === 'otel.status_description') {
        if (text !== '') status.message = text;
        continue;
      }
      if (k === '__proto__') Object.defineProperty(attributes, k, { value: text, enumerable: true, writable: true, configurable: true });
      else attributes[k] = text;
    }
  }
  const kind = typeof s.kind === 'string' ? (KINDS[s.kind.toUpperCase()] ?? 'unspecified') : 'unspecified';
  const remote = s.remoteEndpoint;
  if (remote !== undefined && remote !== null && typeof remote === 'object') {
    if (typeof remote.serviceName === 'string' && remote.serviceName !== '') attributes['peer.service'] = remote.serviceName;
    const ip = typeof remote.ipv4 === 'string' ? remote.ipv4 : typeof remote.ipv6 === 'string' ? remote.ipv6 : undefined;
    // For a server span the remote side is the caller (client.*), otherwise the callee (server.*).
    const side = kind === 'server' || kind === 'consumer' ? 'client' : 'server';
    if (ip !== undefined) attributes[`${side}.address`] = ip;
    if (typeof remote.port === 'number') attributes[`${side}.port`] = remote.port;
  }
  if (s.shared === true) attributes['zipkin.shared'] = true;

  const span: Span = {
    kind: 'span',
    traceId,
    spanId,
    name: typeof s.name === 'string' ? s.name : '',
    spanKind: kind,
    status,
    attributes,
    events: [],
    links: [],
    resource: resources.get(s.localEndpoint),
    source,
  };
  // Zipkin clears `shared` on a CLIENT span (zipkin2.Span.Builder.build): only the callee side shares.
  if (s.shared === true && kind !== 'client') span.shared = true;
  // Zipkin reads a 64-bit trace id leniently: the low half of a 128-bit id may be the same trace
  // (STRICT_TRACE_ID=false; joined where unambiguous: ../../analysis/trace-ids.ts lenientTraceJoin).
  if (traceId.length === 16) span.lenientTraceId = true;
  if (s.parentId !== undefined && s.parentId !== null && s.parentId !== '') {
    const p = normalizeHexId(s.parentId, 16);
    if (p === null) out.error('invalid-id', `parentId is not 1-16 hex digits: ${show(s.parentId)}`, false);
    else if (p !== undefined) span.parentSpanId = p;
  }
  const start = readMicros(s.timestamp, 'timestamp', out);
  if (start !== undefined) {
    span.startNs = start;
    const d = readMicros(s.duration, 'duration', out);
    if (d !== undefined) span.endNs = start + d;
  }
  // Zipkin v2 has no INTERNAL kind: "When absent, the span is local or incomplete" (zipkin2.Span).
  // One that is complete (its own timestamp and duration), runs at a local endpoint and calls no
  // remote one is a local span, as the OpenTelemetry Zipkin exporter writes an INTERNAL span. A
  // piece without times (a fragment, a span still in flight) stays unspecified.
  if (s.kind === undefined || s.kind === null) {
    if (span.endNs !== undefined && s.shared !== true && hasEndpoint(s.localEndpoint) && !hasEndpoint(s.remoteEndpoint)) {
      span.spanKind = 'internal';
      span.kindFrom = 'zipkin-local';
    }
  }
  const anns = s.annotations;
  if (anns !== undefined && anns !== null) {
    if (!Array.isArray(anns)) throw new ZipkinMapError('wrong-type', 'annotations should be an array');
    for (const a of anns) {
      if (a === null || typeof a !== 'object') throw new ZipkinMapError('wrong-type', 'annotation should be an object');
      const e: Span['events'][number] = { name: typeof a.value === 'string' ? a.value : '', attributes: {} };
      const t = readMicros(a.timestamp, 'annotation timestamp', out);
      if (t !== undefined) e.timeNs = t;
      span.events.push(e);
    }
  }
  return span;
}
