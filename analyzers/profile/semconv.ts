// Semantic-convention expectations for spans by kind (SCORING.md §3). Current stable names
// first; deprecated names that carry the same information are accepted but reported.
import type { Attributes, Span } from '../model/index.js';

export type SpanCategory = 'http-server' | 'http-client' | 'db' | 'rpc' | 'messaging';

interface Requirement {
  key: string;
  deprecated: string[];
}

const REQUIRED: Record<SpanCategory, Requirement[]> = {
  'http-server': [
    { key: 'http.request.method', deprecated: ['http.method'] },
    { key: 'url.path', deprecated: ['http.target'] },
    { key: 'url.scheme', deprecated: ['http.scheme'] },
  ],
  'http-client': [
    { key: 'http.request.method', deprecated: ['http.method'] },
    { key: 'server.address', deprecated: ['net.peer.name', 'http.host', 'net.host.name'] },
    { key: 'server.port', deprecated: ['net.peer.port'] },
    { key: 'url.full', deprecated: ['http.url'] },
  ],
  db: [{ key: 'db.system.name', deprecated: ['db.system'] }],
  rpc: [{ key: 'rpc.system.name', deprecated: ['rpc.system'] }],
  messaging: [
    { key: 'messaging.system', deprecated: [] },
    { key: 'messaging.operation.type', deprecated: ['messaging.operation'] },
  ],
};

export const SEMCONV_REQUIRED = REQUIRED;

const has = (a: Attributes, k: string): boolean => a[k] !== undefined && a[k] !== null && a[k] !== '';

export function categoryOf(span: Span): SpanCategory | undefined {
  const a = span.attributes;
  if (has(a, 'db.system.name') || has(a, 'db.system')) return 'db';
  if (has(a, 'rpc.system.name') || has(a, 'rpc.system')) return 'rpc';
  if (has(a, 'messaging.system')) return 'messaging';
  const http = has(a, 'http.request.method') || has(a, 'http.method') || has(a, 'http.response.status_code') || has(a, 'http.status_code');
  // Spans named like HTTP requests stay HTTP spans even when their attributes were lost.
  const httpNamed = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE|HTTP)(\s|$)/.test(span.name);
  if (http || httpNamed) {
    if (span.spanKind === 'server') return 'http-server';
    if (span.spanKind === 'client') return 'http-client';
    // Kind lost: a path-like attribute or name means server side.
    if (span.spanKind === 'unspecified' || span.spanKind === 'internal') return has(a, 'url.path') || has(a, 'http.target') || has(a, 'http.route') || /\s\//.test(span.name) ? 'http-server' : 'http-client';
  }
  return undefined;
}

/** Remote-facing spans (server/client/producer/consumer) should say which protocol they speak. */
export function needsProtocol(span: Span): boolean {
  return span.spanKind === 'server' || span.spanKind === 'client' || span.spanKind === 'producer' || span.spanKind === 'consumer';
}

export function usesAnySemconvKey(span: Span, category: SpanCategory): boolean {
  return REQUIRED[category].some((r) => has(span.attributes, r.key) || r.deprecated.some((k) => has(span.attributes, k)));
}

export interface SemconvResult {
  missing: string[];
  deprecated: string[];
}

export function checkSemconv(span: Span, category: SpanCategory): SemconvResult {
  const a = span.attributes;
  const missing: string[] = [];
  const deprecated: string[] = [];
  for (const req of REQUIRED[category]) {
    if (has(a, req.key)) continue;
    const old = req.deprecated.find((k) => has(a, k));
    if (old) deprecated.push(old);
    else missing.push(req.key);
  }
  return { missing, deprecated };
}

/** HTTP/RPC outcome of a span, when it has one: status code and whether it is an error. */
export function httpStatusOf(span: Span): number | undefined {
  const v = span.attributes['http.response.status_code'] ?? span.attributes['http.status_code'];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

/** Whether the span's status is set as the conventions ask, or a reason when it is not. */
export function statusProblem(span: Span): { examined: boolean; problem?: string } {
  const http = httpStatusOf(span);
  const code = span.status.code;
  if (http !== undefined) {
    if (http >= 500 && code !== 'error') return { examined: true, problem: `HTTP ${http} with status ${code}` };
    if (http >= 400 && http < 500) {
      if (span.spanKind === 'server' && code === 'error') return { examined: true, problem: `HTTP ${http} on a server span marked Error` };
      if (span.spanKind === 'client' && code !== 'error') return { examined: true, problem: `HTTP ${http} on a client span with status ${code}` };
    }
    if (http < 400 && code === 'error') return { examined: true, problem: `HTTP ${http} marked Error` };
    return { examined: true };
  }
  const grpc = span.attributes['rpc.grpc.status_code'];
  if (typeof grpc === 'number' || (typeof grpc === 'string' && /^\d+$/.test(grpc))) {
    const g = Number(grpc);
    if (g !== 0 && span.spanKind === 'client' && code !== 'error') return { examined: true, problem: `gRPC status ${g} on a client span with status ${code}` };
    if (g === 0 && code === 'error') return { examined: true, problem: 'gRPC OK marked Error' };
    return { examined: true };
  }
  if (span.events.some((e) => e.name === 'exception') && code === 'ok') return { examined: true, problem: 'exception event on a span marked Ok' };
  return { examined: false };
}

/** Tokens that make a span name unbounded: ids, long numbers, UUIDs, hex strings, e-mails. */
const ID_TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:^|[^a-z0-9])[0-9a-f]{16,}(?:$|[^a-z0-9])|(?:^|[^a-z0-9.])\d{4,}(?:$|[^a-z0-9])|@/i;

/** Span names are looked at up to here: a name longer than this is unbounded in itself. */
const MAX_NAME_CHARS = 4096;

export function nameHasIdToken(name: string): boolean {
  // (a 6 MB run of hex digits overflowed the regular expression's backtracking stack)
  return name.length > MAX_NAME_CHARS || ID_TOKEN.test(name);
}
