// AWS X-Ray segment document → model spans, as the OpenTelemetry Collector's awsxrayreceiver
// translates them: a segment is a SERVER span whose `name` is the service (resource), each embedded
// subsegment (any depth, bounded by MAX_DEPTH) a span of the same resource under its enclosing
// (sub)segment, CLIENT when its namespace is `remote` or `aws`, INTERNAL otherwise. Times are
// epoch seconds (float).
import { resourceFromAttributes, type Attributes, type AttrValue, type Provenance, type Resource, type Span, type SpanKind } from '../../model/index.js';
import { show, type RecordOut } from '../common/json-decoder.js';
import { MAX_DEPTH, type ImportErrorCode } from '../types.js';

// Not an Error (as ZipkinMapError): a rejected document is expected input, not a fault.
export class XRayMapError {
  constructor(
    readonly code: ImportErrorCode,
    readonly message: string,
    /** Records lost with it: the (sub)segment and the subsegments it holds. */
    readonly rejected: number = 1,
  ) {}
}

type Obj = Record<string, unknown>;

const TRACE_ID_RE = /^1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})$/;
const SPAN_ID_RE = /^[0-9a-fA-F]{16}$/;
const MAX_CACHED = 10_000;
const NS_PER_S = 1_000_000_000n;

/** X-Ray `origin` → OpenTelemetry `cloud.platform` (the values the Collector's awsxrayexporter maps back). */
const PLATFORMS: Record<string, string> = {
  'AWS::EC2::Instance': 'aws_ec2',
  'AWS::ECS::Container': 'aws_ecs',
  'AWS::ECS::EC2': 'aws_ecs',
  'AWS::ECS::Fargate': 'aws_ecs',
  'AWS::EKS::Container': 'aws_eks',
  'AWS::ElasticBeanstalk::Environment': 'aws_elastic_beanstalk',
  'AWS::Lambda::Function': 'aws_lambda',
  'AWS::Lambda': 'aws_lambda',
  'AWS::AppRunner::Service': 'aws_app_runner',
};

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `1-5759e988-bd862e3fe1be46a994272793` → `5759e988bd862e3fe1be46a994272793`; null when not of that form. */
export function xrayTraceId(v: unknown): string | null {
  const m = typeof v === 'string' ? TRACE_ID_RE.exec(v) : null;
  return m === null ? null : (m[1]! + m[2]!).toLowerCase();
}

function spanIdOf(v: unknown): string | null {
  return typeof v === 'string' && SPAN_ID_RE.test(v) ? v.toLowerCase() : null;
}

/**
 * Epoch seconds → ns from the number's shortest decimal spelling (what the document said, for up
 * to 17 significant digits), not through `x * 1e9` (which turned 1478293361.271 into …270999808).
 */
export function secondsToNs(v: unknown): bigint | undefined {
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v >= 1e11) return undefined;
    text = String(v);
    if (text.includes('e')) text = v.toFixed(9); // below 1e-6 s
  } else if (typeof v === 'string') text = v.trim();
  else return undefined;
  const m = /^(\d{1,11})(?:\.(\d+))?$/.exec(text);
  if (m === null) return undefined;
  return BigInt(m[1]!) * NS_PER_S + BigInt((m[2] ?? '').slice(0, 9).padEnd(9, '0'));
}

/** Segments and subsegments in a (sub)segment, itself included; iterative, so any depth costs no stack. */
export function countSegments(seg: unknown): number {
  let n = 0;
  const stack: unknown[] = [seg];
  while (stack.length > 0) {
    const s = stack.pop();
    if (!isObj(s)) continue;
    n++;
    const subs = s['subsegments'];
    if (Array.isArray(subs)) for (const c of subs) stack.push(c);
  }
  return n;
}

function put(attrs: Attributes, key: string, v: unknown): void {
  if (typeof v === 'string' ? v !== '' : typeof v === 'number' ? Number.isFinite(v) : typeof v === 'boolean') attrs[key] = v as AttrValue;
}

function str(o: unknown, key: string): string | undefined {
  const v = isObj(o) ? o[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Resources shared between the segments of one service (bounded), and each (sub)segment's resource by id for subsegments sent on their own. */
export class XRayResources {
  private readonly cache = new Map<string, Resource>();
  private readonly byId = new Map<string, Resource>();

  forSegment(seg: Obj): Resource {
    const attrs: Attributes = {};
    put(attrs, 'service.name', seg['name']);
    const aws = seg['aws'];
    const origin = seg['origin'];
    if (typeof origin === 'string' || isObj(aws)) attrs['cloud.provider'] = 'aws';
    if (typeof origin === 'string' && origin !== '') {
      const platform = PLATFORMS[origin];
      if (platform !== undefined) attrs['cloud.platform'] = platform;
      attrs['aws.xray.origin'] = origin;
    }
    put(attrs, 'service.version', str(seg['service'], 'version'));
    if (isObj(aws)) {
      put(attrs, 'cloud.region', aws['region']);
      put(attrs, 'cloud.account.id', aws['account_id']);
      const ec2 = aws['ec2'];
      put(attrs, 'cloud.availability_zone', str(ec2, 'availability_zone'));
      put(attrs, 'host.id', str(ec2, 'instance_id'));
      put(attrs, 'host.type', str(ec2, 'instance_size'));
      const ecs = aws['ecs'];
      put(attrs, 'container.name', str(ecs, 'container'));
      put(attrs, 'container.id', str(ecs, 'container_id') ?? str(aws['eks'], 'container_id'));
      put(attrs, 'k8s.cluster.name', str(aws['eks'], 'cluster_name'));
      put(attrs, 'k8s.pod.name', str(aws['eks'], 'pod'));
      const eb = aws['elastic_beanstalk'];
      put(attrs, 'service.namespace', str(eb, 'environment_name'));
      if (attrs['service.version'] === undefined) put(attrs, 'service.version', str(eb, 'version_label'));
      put(attrs, 'telemetry.sdk.name', str(aws['xray'], 'sdk'));
      put(attrs, 'telemetry.sdk.version', str(aws['xray'], 'sdk_version'));
    }
    const key = JSON.stringify(attrs);
    let r = this.cache.get(key);
    if (r === undefined) {
      r = resourceFromAttributes(attrs);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(key, r);
    }
    return r;
  }

  /** Called with each (sub)segment id as it is remembered (the decoder releases subsegments held for it). */
  onRemember: ((spanId: string) => void) | undefined;

  remember(spanId: string, r: Resource): void {
    if (this.byId.size >= MAX_CACHED) this.byId.clear();
    this.byId.set(spanId, r);
    this.onRemember?.(spanId);
  }

  /** Whether the (sub)segment of this id was read (its resource is known). */
  knows(spanId: string): boolean {
    return this.byId.has(spanId);
  }

  /** The resource of a (sub)segment read before, for a subsegment sent on its own under it. */
  ofParent(parentId: string | undefined): Resource {
    return (parentId !== undefined ? this.byId.get(parentId) : undefined) ?? this.forSegment({});
  }
}

/** `scheme://host:port/path?query` → url.scheme, server.address, server.port, url.path. */
function urlParts(url: string, attrs: Attributes, server: boolean): void {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d{1,5}))?([^?#]*)/.exec(url);
  if (m === null) return;
  attrs['url.scheme'] = m[1]!.toLowerCase();
  if (server) {
    attrs['url.path'] = m[4] === '' ? '/' : m[4]!;
    return;
  }
  if (m[2] !== '') attrs['server.address'] = m[2]!;
  if (m[3] !== undefined) attrs['server.port'] = Number(m[3]);
}

function addHttp(seg: Obj, attrs: Attributes, server: boolean): number | undefined {
  const http = seg['http'];
  if (!isObj(http)) return undefined;
  const req = http['request'];
  if (isObj(req)) {
    put(attrs, 'http.request.method', req['method']);
    const url = req['url'];
    if (typeof url === 'string' && url !== '') {
      attrs['url.full'] = url;
      urlParts(url, attrs, server);
    }
    put(attrs, 'client.address', req['client_ip']);
    put(attrs, 'user_agent.original', req['user_agent']);
  }
  const resp = http['response'];
  if (!isObj(resp)) return undefined;
  put(attrs, 'http.response.body.size', resp['content_length']);
  const status = resp['status'];
  if (typeof status !== 'number' || !Number.isInteger(status)) return undefined;
  attrs['http.response.status_code'] = status;
  return status;
}

function addSql(seg: Obj, attrs: Attributes): void {
  const sql = seg['sql'];
  if (!isObj(sql)) return;
  const type = str(sql, 'database_type');
  if (type !== undefined) attrs['db.system.name'] = type.toLowerCase();
  put(attrs, 'db.query.text', sql['sanitized_query']);
  const url = str(sql, 'url');
  if (url === undefined) return;
  // protocol+transport://host:port/dbName?query (the receiver's splitSQLURL)
  const m = /^[a-zA-Z][\w+.:-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?]*)(?::(\d{1,5}))?(?:\/([^?]*))?/.exec(url);
  if (m === null) return;
  if (m[1] !== '') attrs['server.address'] = m[1]!;
  if (m[2] !== undefined) attrs['server.port'] = Number(m[2]);
  if (m[3] !== undefined && m[3] !== '') attrs['db.namespace'] = m[3];
}

/** The call's AWS attributes; a segment's own region is its resource's cloud.region. */
function addAws(seg: Obj, attrs: Attributes, namespace: unknown, segment: boolean): void {
  const aws = seg['aws'];
  if (namespace === 'aws') {
    attrs['rpc.system.name'] = 'aws-api'; // current semconv name (rpc.system is reported as deprecated)
    put(attrs, 'rpc.service', seg['name']);
  }
  if (!isObj(aws)) return;
  put(attrs, 'rpc.method', aws['operation']);
  if (!segment) put(attrs, 'aws.region', aws['region']);
  put(attrs, 'aws.request_id', aws['request_id']);
  const table = str(aws, 'table_name');
  if (table !== undefined) attrs['aws.dynamodb.table_names'] = [table];
  put(attrs, 'aws.sqs.queue.url', aws['queue_url']);
}

function addAnnotations(seg: Obj, attrs: Attributes): void {
  const ann = seg['annotations'];
  if (!isObj(ann)) return;
  for (const k of Object.keys(ann)) {
    const v = ann[k];
    const value: AttrValue = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : (JSON.stringify(v) ?? '');
    if (k === '__proto__') Object.defineProperty(attrs, k, { value, enumerable: true, writable: true, configurable: true });
    else attrs[k] = value;
  }
}

/** Exception events from `cause.exceptions`; the first message, for the status. */
function addCause(seg: Obj, span: Span): string | undefined {
  const cause = seg['cause'];
  if (!isObj(cause) || !Array.isArray(cause['exceptions'])) return undefined;
  let first: string | undefined;
  for (const e of cause['exceptions'] as unknown[]) {
    if (!isObj(e)) continue;
    const attrs: Attributes = {};
    put(attrs, 'exception.type', e['type']);
    put(attrs, 'exception.message', e['message']);
    const stack = e['stack'];
    if (Array.isArray(stack) && stack.length > 0) {
      const frames = stack.filter(isObj).map((f) => `\tat ${str(f, 'label') ?? ''}(${str(f, 'path') ?? ''}: ${typeof f['line'] === 'number' ? f['line'] : '<unknown>'})`);
      attrs['exception.stacktrace'] = `${str(e, 'type') ?? ''}: ${str(e, 'message') ?? ''}\n${frames.join('\n')}`;
    }
    if (e['remote'] === true) attrs['aws.xray.exception.remote'] = true;
    span.events.push({ name: 'exception', attributes: attrs });
    first ??= str(e, 'message');
  }
  return first;
}

function readTimes(seg: Obj, span: Span, out: RecordOut): void {
  const start = secondsToNs(seg['start_time']);
  if (start === undefined) {
    if (seg['start_time'] === undefined) out.error('missing-field', `${span.name}: (sub)segment ${span.spanId} without start_time`, false);
    else out.error('invalid-timestamp', `start_time is not epoch seconds: ${show(seg['start_time'])}`, false);
  } else span.startNs = start;
  const rawEnd = seg['end_time'];
  if (rawEnd === undefined || rawEnd === null) return; // in progress (in_progress: true), or an SDK that left it out
  const end = secondsToNs(rawEnd);
  if (end === undefined) out.error('invalid-timestamp', `end_time is not epoch seconds: ${show(rawEnd)}`, false);
  else if (start !== undefined && end < start) out.error('invalid-timestamp', `(sub)segment ${span.spanId} ends (${show(rawEnd)}) before it starts (${show(seg['start_time'])}): read without its end`, false);
  else span.endNs = end;
}

interface Walk {
  traceId: string;
  resource: Resource;
  resources: XRayResources;
  source: Provenance;
  out: RecordOut;
}

function toSpan(seg: Obj, spanId: string, parent: string | undefined, kind: SpanKind, w: Walk): Span {
  const attributes: Attributes = {};
  addAnnotations(seg, attributes);
  const span: Span = { kind: 'span', traceId: w.traceId, spanId, name: seg['name'] as string, spanKind: kind, status: { code: 'unset' }, attributes, events: [], links: [], resource: w.resource, source: w.source };
  if (parent !== undefined) span.parentSpanId = parent;
  readTimes(seg, span, w.out);
  const status = addHttp(seg, attributes, kind === 'server');
  addSql(seg, attributes);
  addAws(seg, attributes, seg['namespace'], kind === 'server');
  put(attributes, 'enduser.id', seg['user']);
  if (seg['inferred'] === true) attributes['aws.xray.inferred'] = true;
  const client = kind === 'client';
  // fault: a 5xx / server-side failure; error: a 4xx, the caller's failure, so an error only of a client span (semconv).
  const failed = seg['fault'] === true || (client && seg['error'] === true) || (status !== undefined && (status >= 500 || (client && status >= 400)));
  if (seg['error'] === true && !client) attributes['aws.xray.error'] = true;
  if (seg['throttle'] === true) attributes['aws.xray.throttle'] = true;
  const message = addCause(seg, span);
  if (failed) {
    span.status.code = 'error';
    if (message !== undefined) span.status.message = message;
  }
  return span;
}

/** The id and name every (sub)segment must have, or why it is rejected (with the subsegments it holds). */
function identify(seg: unknown, what: string): { seg: Obj; spanId: string } {
  if (!isObj(seg)) throw new XRayMapError('wrong-type', `a ${what} should be an object, got ${show(seg)}`);
  const spanId = spanIdOf(seg['id']);
  if (spanId === null) {
    const n = countSegments(seg);
    if (seg['id'] === undefined) throw new XRayMapError('missing-field', `${what} without id`, n);
    throw new XRayMapError('invalid-id', `${what} id is not 16 hex digits: ${show(seg['id'])}`, n);
  }
  if (typeof seg['name'] !== 'string' || seg['name'] === '') throw new XRayMapError('missing-field', `${what} ${spanId} without name`, countSegments(seg));
  return { seg, spanId };
}

/** Subsegments of `parent` (depth: of `parent`), depth first; a bad one costs itself and what it holds. */
function walkSubsegments(parent: Obj, parentId: string, depth: number, w: Walk): void {
  const subs = parent['subsegments'];
  if (subs === undefined || subs === null) return;
  if (!Array.isArray(subs)) {
    w.out.error('wrong-type', `subsegments of ${parentId} should be an array, got ${show(subs)}`, true);
    return;
  }
  if (depth >= MAX_DEPTH) {
    const n = subs.reduce((a: number, s) => a + countSegments(s), 0);
    w.out.error('too-deep', `subsegments nested deeper than ${MAX_DEPTH} under ${parentId}: ${n} not read`, n);
    return;
  }
  for (const raw of subs) {
    let sub: { seg: Obj; spanId: string };
    try {
      sub = identify(raw, 'subsegment');
    } catch (e) {
      if (!(e instanceof XRayMapError)) throw e;
      w.out.error(e.code, e.message, e.rejected);
      continue;
    }
    const ns = sub.seg['namespace'];
    w.out.record(toSpan(sub.seg, sub.spanId, parentId, ns === 'remote' || ns === 'aws' ? 'client' : 'internal', w));
    w.resources.remember(sub.spanId, w.resource);
    walkSubsegments(sub.seg, sub.spanId, depth + 1, w);
  }
}

/**
 * One segment document (a segment with its subsegments, or a subsegment sent on its own) → its
 * spans, sent to `out` in document order. Throws XRayMapError when the document itself is rejected.
 */
export function mapSegmentDocument(raw: unknown, resources: XRayResources, source: Provenance, out: RecordOut): void {
  const { seg, spanId } = identify(raw, 'segment');
  if (seg['trace_id'] === undefined) throw new XRayMapError('missing-field', `segment ${spanId} without trace_id`, countSegments(seg));
  const traceId = xrayTraceId(seg['trace_id']);
  if (traceId === null) throw new XRayMapError('invalid-id', `trace_id is not an X-Ray trace id (1-<8 hex>-<24 hex>): ${show(seg['trace_id'])}`, countSegments(seg));
  let parent: string | undefined;
  if (seg['parent_id'] !== undefined && seg['parent_id'] !== null) {
    const p = spanIdOf(seg['parent_id']);
    if (p === null) out.error('invalid-id', `parent_id is not 16 hex digits: ${show(seg['parent_id'])}`, false);
    else parent = p;
  }
  const standalone = seg['type'] === 'subsegment' && parent !== undefined;
  const ns = seg['namespace'];
  const kind: SpanKind = !standalone ? 'server' : ns === 'remote' || ns === 'aws' ? 'client' : 'internal';
  const resource = standalone ? resources.ofParent(parent) : resources.forSegment(seg);
  const w: Walk = { traceId, resource, resources, source, out };
  out.record(toSpan(seg, spanId, parent, kind, w));
  resources.remember(spanId, resource);
  walkSubsegments(seg, spanId, 1, w);
}
