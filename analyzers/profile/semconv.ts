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
  return presence(span.attributes, category) !== 0;
}

export interface SemconvResult {
  readonly missing: readonly string[];
  readonly deprecated: readonly string[];
  /** The evidence notes: `missing a, b` when `missing` is not empty, `deprecated c` when `deprecated` is not. */
  readonly missingNote?: string;
  readonly deprecatedNote?: string;
}

/** Each category's keys in REQUIRED order (a requirement's key, then its deprecated names): bit i is key i. */
const CATEGORY_KEYS = Object.fromEntries(Object.entries(REQUIRED).map(([c, reqs]) => [c, reqs.flatMap((r) => [r.key, ...r.deprecated])])) as Record<SpanCategory, string[]>;

/** Which of the category's keys the attributes have (bit i: CATEGORY_KEYS[category][i]); at most 9 keys. */
function presence(a: Attributes, category: SpanCategory): number {
  const keys = CATEGORY_KEYS[category];
  let m = 0;
  for (let i = 0; i < keys.length; i++) if (has(a, keys[i]!)) m |= 1 << i;
  return m;
}

/** The result for each presence mask, by category (at most 2^9 each): one frozen object shared by every span with those keys. */
const RESULTS = Object.fromEntries(Object.keys(REQUIRED).map((c) => [c, new Map<number, SemconvResult>()])) as Record<SpanCategory, Map<number, SemconvResult>>;

export function checkSemconv(span: Span, category: SpanCategory): SemconvResult {
  const m = presence(span.attributes, category);
  let r = RESULTS[category].get(m);
  if (r === undefined) {
    const missing: string[] = [];
    const deprecated: string[] = [];
    let bit = 0;
    for (const req of REQUIRED[category]) {
      const present = (m >> bit) & 1;
      bit++;
      // (the first deprecated name present, in the order listed)
      let old: string | undefined;
      for (const k of req.deprecated) {
        if (old === undefined && (m >> bit) & 1) old = k;
        bit++;
      }
      if (present) continue;
      if (old !== undefined) deprecated.push(old);
      else missing.push(req.key);
    }
    r = Object.freeze({
      missing: Object.freeze(missing),
      deprecated: Object.freeze(deprecated),
      ...(missing.length ? { missingNote: `missing ${missing.join(', ')}` } : {}),
      ...(deprecated.length ? { deprecatedNote: `deprecated ${deprecated.join(', ')}` } : {}),
    });
    RESULTS[category].set(m, r);
  }
  return r;
}

/** HTTP/RPC outcome of a span, when it has one: status code and whether it is an error. */
export function httpStatusOf(span: Span): number | undefined {
  const v = span.attributes['http.response.status_code'] ?? span.attributes['http.status_code'];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

// (the verdicts without a problem, shared: read only)
const EXAMINED_OK: { readonly examined: boolean; readonly problem?: string } = Object.freeze({ examined: true });
const NOT_EXAMINED: { readonly examined: boolean; readonly problem?: string } = Object.freeze({ examined: false });

/** Whether the span's status is set as the conventions ask, or a reason when it is not. */
export function statusProblem(span: Span): { readonly examined: boolean; readonly problem?: string } {
  const http = httpStatusOf(span);
  const code = span.status.code;
  if (http !== undefined) {
    if (http >= 500 && code !== 'error') return { examined: true, problem: `HTTP ${http} with status ${code}` };
    if (http >= 400 && http < 500) {
      if (span.spanKind === 'server' && code === 'error') return { examined: true, problem: `HTTP ${http} on a server span marked Error` };
      if (span.spanKind === 'client' && code !== 'error') return { examined: true, problem: `HTTP ${http} on a client span with status ${code}` };
    }
    if (http < 400 && code === 'error') return { examined: true, problem: `HTTP ${http} marked Error` };
    return EXAMINED_OK;
  }
  const grpc = span.attributes['rpc.grpc.status_code'];
  if (typeof grpc === 'number' || (typeof grpc === 'string' && /^\d+$/.test(grpc))) {
    const g = Number(grpc);
    if (g !== 0 && span.spanKind === 'client' && code !== 'error') return { examined: true, problem: `gRPC status ${g} on a client span with status ${code}` };
    if (g === 0 && code === 'error') return { examined: true, problem: 'gRPC OK marked Error' };
    return EXAMINED_OK;
  }
  const events = span.events;
  if (code === 'ok') for (let i = 0; i < events.length; i++) if (events[i]!.name === 'exception') return { examined: true, problem: 'exception event on a span marked Ok' };
  return NOT_EXAMINED;
}

/** Tokens that make a span name unbounded: ids, long numbers, UUIDs, hex strings, e-mails. */
const ID_TOKEN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:^|[^a-z0-9])[0-9a-f]{16,}(?:$|[^a-z0-9])|(?:^|[^a-z0-9.])\d{4,}(?:$|[^a-z0-9])|@/i;

/** Span names are looked at up to here: a name longer than this is unbounded in itself. */
const MAX_NAME_CHARS = 4096;

export function nameHasIdToken(name: string): boolean {
  // (a 6 MB run of hex digits overflowed the regular expression's backtracking stack)
  return name.length > MAX_NAME_CHARS || ID_TOKEN.test(name);
}
