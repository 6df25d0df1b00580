// Elastic APM documents as Elasticsearch stores them (traces-apm-* data streams, apm-*-transaction
// and apm-*-span indices): a `transaction` is the service's entry span, a `span` one of its
// operations. Found among search hits (a `_search` answer, elasticdump lines), they are spans, not
// log records. Fields after the APM data model (elastic.co/guide/en/apm/guide: "Transactions",
// "Spans"): trace.id, transaction.id / span.id, parent.id, timestamp.us, *.duration.us,
// event.outcome, service.*.
import type { Attributes, Provenance, Resource, Span, SpanKind } from '../../model/index.js';
import { normalizeHexId } from '../common/ids.js';

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** An Elastic APM transaction or span document (`processor.event`). */
export function apmEventOf(doc: Record<string, unknown>): 'transaction' | 'span' | undefined {
  const p = obj(doc['processor']);
  const e = p?.['event'] ?? doc['processor.event'];
  return e === 'transaction' || e === 'span' ? e : undefined;
}

export class ApmMapError extends Error {}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The resource attributes of the document's service (service.*, host, container, agent). */
export function apmResourceAttributes(doc: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  const service = obj(doc['service']);
  const put = (k: string, v: unknown): void => {
    const s = str(v);
    if (s !== undefined) out[k] = s;
  };
  put('service.name', service?.['name']);
  put('service.version', service?.['version']);
  put('deployment.environment.name', service?.['environment']);
  put('service.node.name', obj(service?.['node'])?.['name']);
  put('host.name', obj(doc['host'])?.['hostname'] ?? obj(doc['host'])?.['name']);
  put('container.id', obj(doc['container'])?.['id']);
  put('k8s.pod.name', obj(obj(doc['kubernetes'])?.['pod'])?.['name']);
  put('telemetry.sdk.name', obj(doc['agent'])?.['name']);
  put('telemetry.sdk.version', obj(doc['agent'])?.['version']);
  return out;
}

/** One transaction or span document as a span of the trace model. Throws ApmMapError for a document that cannot be one. */
export function mapApmEvent(doc: Record<string, unknown>, event: 'transaction' | 'span', resource: Resource, source: Provenance): Span {
  const body = obj(doc[event]) ?? {};
  const traceId = normalizeHexId(obj(doc['trace'])?.['id']);
  const spanId = normalizeHexId(body['id'], 16);
  if (!traceId) throw new ApmMapError(`APM ${event} without a valid trace.id`);
  if (!spanId) throw new ApmMapError(`APM ${event} without a valid ${event}.id`);
  const parent = normalizeHexId(obj(doc['parent'])?.['id'], 16);
  const type = str(body['type']);
  const subtype = str(body['subtype']);
  // transactions enter the service (server, or consumer for messaging); spans that leave it
  // (a destination, an external or db type) are clients, the others internal
  let kind: SpanKind;
  if (event === 'transaction') kind = type === 'messaging' ? 'consumer' : 'server';
  else if (obj(obj(doc['destination'])?.['service']) !== undefined || obj(obj(obj(doc['span'])?.['destination'])?.['service']) !== undefined || type === 'external' || type === 'db' || type === 'cache' || type === 'storage') kind = type === 'messaging' ? 'producer' : 'client';
  else kind = type === 'messaging' ? 'producer' : 'internal';
  const startUs = num(obj(doc['timestamp'])?.['us']);
  const tsText = typeof doc['@timestamp'] === 'string' ? Date.parse(doc['@timestamp']) : NaN;
  const startNs = startUs !== undefined ? BigInt(Math.round(startUs)) * 1000n : Number.isFinite(tsText) ? BigInt(tsText) * 1_000_000n : undefined;
  const durUs = num(obj(body['duration'])?.['us']);
  const outcome = str(obj(doc['event'])?.['outcome']);
  const attributes: Attributes = {};
  if (type !== undefined) attributes['elastic.apm.type'] = type;
  if (subtype !== undefined) attributes['elastic.apm.subtype'] = subtype;
  const http = obj(doc['http']);
  const method = str(obj(http?.['request'])?.['method']);
  const status = num(obj(http?.['response'])?.['status_code']);
  if (method !== undefined) attributes['http.request.method'] = method.toUpperCase();
  if (status !== undefined) attributes['http.response.status_code'] = status;
  const path = str(obj(doc['url'])?.['path']);
  if (path !== undefined) attributes['url.path'] = path;
  const result = str(body['result']);
  if (result !== undefined) attributes['elastic.apm.result'] = result;
  const span: Span = {
    kind: 'span',
    traceId,
    spanId,
    name: str(body['name']) ?? `${event} ${type ?? ''}`.trim(),
    spanKind: kind,
    // (a success outcome is the agent's inference, not a status the code set: unset, as in OpenTelemetry)
    status: outcome === 'failure' ? { code: 'error' } : { code: 'unset' },
    attributes,
    events: [],
    links: [],
    resource,
    source,
  };
  if (parent) span.parentSpanId = parent;
  if (startNs !== undefined) {
    span.startNs = startNs;
    if (durUs !== undefined && durUs >= 0 && Number.isFinite(durUs * 1000)) span.endNs = startNs + BigInt(Math.round(durUs * 1000));
  }
  return span;
}

/**
 * An Elasticsearch document as a span when it is an APM transaction or span: the span, or why it
 * cannot be one (a message for an `invalid-id` rejection); undefined for any other document.
 */
export function apmSpanOf(doc: Record<string, unknown>, resource: (attrs: Attributes) => Resource, source: Provenance): Span | string | undefined {
  const event = apmEventOf(doc);
  if (!event) return undefined;
  try {
    return mapApmEvent(doc, event, resource(apmResourceAttributes(doc)), source);
  } catch (e) {
    if (!(e instanceof ApmMapError)) throw e;
    return e.message;
  }
}
