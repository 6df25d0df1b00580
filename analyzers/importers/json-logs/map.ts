// One element of a JSON log document → MappedLog, with the field mapping of the JSON Lines
// importer (map-fields.ts) and the line reader shared with it (log-line.ts).
import type { AttrValue } from '../../model/index.js';
import type { ImportErrorCode } from '../types.js';
import { applyEnvelopeTime, mapLogLine, mapLokiEntry, type LineKind } from '../jsonl-logs/log-line.js';
import { depthExceeds, envelopeMs, fillFromEnvelope, isStructuredLine, mapStructured, POD_OF_DEPLOYMENT, readTimeValue, setAttribute, type MappedLog } from '../jsonl-logs/map-fields.js';

// Not an Error (as prometheus/parse-line.ts's Fail): a bad record is expected input, and a stack
// trace captured per rejected record made rejecting 500,000 bad array elements take 10-40 s.
export class ElementError {
  constructor(
    readonly code: ImportErrorCode,
    readonly message: string,
  ) {}
}

export interface MappedElement {
  mapped: MappedLog;
  structured: boolean;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function checkDepth(v: unknown): void {
  if (depthExceeds(v)) throw new ElementError('too-deep', 'JSON nesting deeper than the limit');
}

const msToNs = (v: unknown): bigint | undefined => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return undefined;
  return BigInt(v) * 1_000_000n;
};

/** Looks like an `aws logs filter-log-events` / `get-log-events` event. */
export function isCloudWatchEvent(v: Record<string, unknown>): boolean {
  return typeof v['message'] === 'string' && ('ingestionTime' in v || 'eventId' in v || 'logStreamName' in v);
}

/** Looks like an Elasticsearch/OpenSearch hit. */
export function isSearchHit(v: Record<string, unknown>): boolean {
  return '_index' in v && (isObject(v['_source']) || isObject(v['fields']));
}

/**
 * CloudWatch Logs event: `{timestamp: ms, message, logStreamName, ingestionTime, eventId}`.
 * The message is read as a log line (JSON, logfmt or text); `timestamp` is the event time when
 * the message has none, `ingestionTime` the observed time.
 */
export function mapCloudWatchEvent(ev: unknown, envelope?: { logGroupName?: unknown; logStreamName?: unknown; owner?: unknown }): MappedElement {
  if (!isObject(ev)) throw new ElementError('wrong-type', `an event should be an object, not ${typeName(ev)}`);
  checkDepth(ev);
  const message = ev['message'];
  if (typeof message !== 'string') throw new ElementError(message === undefined ? 'missing-field' : 'wrong-type', message === undefined ? 'event without a message' : `event message is ${typeName(message)}, not a string`);
  const ts = msToNs(ev['timestamp']);
  const { mapped: m, kind } = mapLogLine(message, ts === undefined ? undefined : { nowMs: envelopeMs(ts) });
  if (ev['timestamp'] !== undefined && ts === undefined) m.problems.push({ code: 'invalid-timestamp', message: `unreadable event timestamp ${JSON.stringify(ev['timestamp']).slice(0, 80)}` });
  applyEnvelopeTime(m, ts, msToNs(ev['ingestionTime']));
  if (m.observedTimeNs === ts && ev['ingestionTime'] === undefined) delete m.observedTimeNs;
  m.resourceAttributes = { 'cloud.provider': 'aws', ...m.resourceAttributes };
  // a subscription payload names group, stream and account once for its events
  const stream = ev['logStreamName'] ?? envelope?.logStreamName;
  const group = ev['logGroupName'] ?? envelope?.logGroupName;
  if (typeof stream === 'string' && stream !== '') m.resourceAttributes['aws.log.stream.names'] = [stream];
  if (typeof group === 'string' && group !== '') {
    m.resourceAttributes['aws.log.group.names'] = [group];
    // a Lambda function's group (`/aws/lambda/<function>`) or an ECS task's (`/ecs/<service>`) names what logged
    const owner = /^\/(?:aws\/lambda|ecs)\/([^/]+)$/.exec(group)?.[1];
    if (owner !== undefined && m.resourceAttributes['service.name'] === undefined) m.resourceAttributes['service.name'] = owner;
  }
  if (typeof envelope?.owner === 'string' && /^\d{12}$/.test(envelope.owner)) m.resourceAttributes['cloud.account.id'] = envelope.owner;
  const uid = ev['eventId'] ?? (envelope ? ev['id'] : undefined);
  if (typeof uid === 'string' && uid !== '') m.attributes['log.record.uid'] = uid;
  for (const k of Object.keys(ev)) {
    if (k === 'message' || k === 'timestamp' || k === 'ingestionTime' || k === 'logStreamName' || k === 'logGroupName' || k === 'eventId' || (envelope && k === 'id')) continue;
    if (!(k in m.attributes)) setAttribute(m.attributes, k, ev[k] as AttrValue);
  }
  return { mapped: m, structured: isStructuredLine({ mapped: m, kind }) };
}

/** Elasticsearch/OpenSearch hit: `_source` (or `fields`, one-element arrays unwrapped) is the record. */
export function mapSearchHit(hit: unknown): MappedElement {
  if (!isObject(hit)) throw new ElementError('wrong-type', `a hit should be an object, not ${typeName(hit)}`);
  checkDepth(hit);
  let doc: Record<string, unknown>;
  if (isObject(hit['_source'])) doc = hit['_source'];
  else if (isObject(hit['fields'])) {
    doc = {};
    for (const [k, v] of Object.entries(hit['fields'])) doc[k] = Array.isArray(v) && v.length === 1 ? v[0] : v;
  } else throw new ElementError('missing-field', 'hit without _source or fields');
  const m = mapStructured(doc);
  if (typeof hit['_index'] === 'string') m.attributes['elasticsearch.index'] = hit['_index'];
  if (typeof hit['_id'] === 'string') m.attributes['log.record.uid'] = hit['_id'];
  // A filebeat/Vector document around an unparsed text line is as structured as that line.
  return { mapped: m, structured: m.lineKind !== 'text' || m.jsonTail === true };
}

/**
 * A Datadog log event of the Logs API v2 (`GET /api/v2/logs/events`, `POST …/events/search`):
 * `{id, type: "log", attributes: {timestamp, status, service, host, message, tags: ["env:prod", …],
 * attributes: {custom…, dd: {trace_id, span_id}}}}` (datadog-api-client LogAttributes). `status` is
 * the level; the reserved attributes win over custom ones of the same name.
 */
export function mapDatadogLog(v: unknown): MappedElement {
  if (!isObject(v)) throw new ElementError('wrong-type', `a Datadog log should be an object, not ${typeName(v)}`);
  checkDepth(v);
  const a = v['attributes'];
  if (!isObject(a)) throw new ElementError(a === undefined ? 'missing-field' : 'wrong-type', a === undefined ? 'Datadog log without attributes' : `Datadog log attributes are ${typeName(a)}, not an object`);
  const record: Record<string, unknown> = {};
  if (isObject(a['attributes'])) for (const [k, x] of Object.entries(a['attributes'])) if (k !== '__proto__') record[k] = x;
  for (const k of ['timestamp', 'message', 'service', 'host'] as const) if (a[k] !== undefined) record[k] = a[k];
  if (a['status'] !== undefined) record['level'] = a['status'];
  const m = mapStructured(record);
  const tags = a['tags'];
  if (Array.isArray(tags)) {
    m.attributes['tags'] = tags as AttrValue;
    for (const t of tags) {
      if (typeof t !== 'string') continue;
      const colon = t.indexOf(':');
      const key = t.slice(0, colon);
      const value = t.slice(colon + 1);
      if (colon <= 0 || value === '') continue;
      if (key === 'env') m.resourceAttributes['deployment.environment'] ??= value;
      else if (key === 'version') m.resourceAttributes['service.version'] ??= value;
      else if (key === 'service') m.resourceAttributes['service.name'] ??= value;
    }
  }
  if (typeof v['id'] === 'string') m.attributes['log.record.uid'] = v['id'];
  return { mapped: m, structured: true };
}

/** An element of a plain array of log objects (recognising CloudWatch events and search hits). */
export function mapArrayElement(v: unknown): MappedElement {
  if (!isObject(v)) throw new ElementError('wrong-type', `array element is ${typeName(v)}, not a log object`);
  if (isCloudWatchEvent(v)) return mapCloudWatchEvent(v);
  if (isSearchHit(v)) return mapSearchHit(v);
  if (isDatadogV1Log(v)) return mapDatadogV1Log(v);
  checkDepth(v);
  if (isK8sEvent(v)) return mapK8sEvent(v);
  if (isInsightsRow(v)) return mapInsightsRow(v);
  if (isGrafanaLogRow(v)) return mapGrafanaLogRow(v);
  const m = mapStructured(v);
  return { mapped: m, structured: m.lineKind !== 'text' || m.jsonTail === true };
}

/**
 * A row of CloudWatch Logs Insights results as its "Export results → JSON" and GetQueryResults
 * scripts save them: `{"@timestamp": "2023-11-14 22:13:20.123", "@message": "…", "@logStream",
 * "@log": "<account>:<group>", "@ptr", …fields the query extracted}`. The message is the
 * application's line (JSON, logfmt or text, as a CloudWatch event's); @timestamp fills the time
 * when the line has none (it has no zone: reported as such).
 */
function isInsightsRow(v: Record<string, unknown>): boolean {
  return typeof v['@message'] === 'string' && ('@timestamp' in v || '@logStream' in v || '@log' in v || '@ptr' in v);
}

function mapInsightsRow(v: Record<string, unknown>): MappedElement {
  const envelope = readTimeValue(v['@timestamp']);
  const { mapped: m, kind } = mapLogLine(v['@message'] as string, envelope === undefined ? undefined : { nowMs: envelopeMs(envelope.ns) });
  if (v['@timestamp'] !== undefined && envelope === undefined) m.problems.push({ code: 'invalid-timestamp', message: `unreadable @timestamp ${JSON.stringify(v['@timestamp']).slice(0, 80)}` });
  if (envelope !== undefined) {
    const own = m.timeNs !== undefined;
    applyEnvelopeTime(m, envelope.ns);
    if (!own && envelope.withoutZone) m.timeWithoutZone = true;
  }
  m.resourceAttributes = { 'cloud.provider': 'aws', ...m.resourceAttributes };
  const stream = v['@logStream'];
  if (typeof stream === 'string' && stream !== '') m.resourceAttributes['aws.log.stream.names'] = [stream];
  const log = v['@log'];
  if (typeof log === 'string' && log !== '') {
    const colon = log.indexOf(':');
    const account = colon > 0 ? log.slice(0, colon) : '';
    if (/^\d{12}$/.test(account)) m.resourceAttributes['cloud.account.id'] = account;
    m.resourceAttributes['aws.log.group.names'] = [/^\d{12}$/.test(account) ? log.slice(colon + 1) : log];
  }
  if (typeof v['@ptr'] === 'string' && v['@ptr'] !== '') m.attributes['log.record.uid'] = v['@ptr'];
  // the query's own fields (`parse`, `fields`): the line's fields win
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(v)) if (k !== '@message' && k !== '@timestamp' && k !== '@logStream' && k !== '@log' && k !== '@ptr' && k !== '__proto__') extra[k] = v[k];
  if (Object.keys(extra).length > 0) {
    const fields = mapStructured(extra, { inner: true });
    for (const k of Object.keys(fields.attributes)) if (!(k in m.attributes)) setAttribute(m.attributes, k, fields.attributes[k] as AttrValue);
    m.resourceAttributes = { ...fields.resourceAttributes, ...m.resourceAttributes };
    fillFromEnvelope(m, fields);
  }
  return { mapped: m, structured: isStructuredLine({ mapped: m, kind }) };
}

/** A Kubernetes Event, core/v1 (`kubectl get events -o json`) or events.k8s.io/v1. */
export function isK8sEvent(v: Record<string, unknown>): boolean {
  if (v['kind'] !== undefined && v['kind'] !== 'Event') return false;
  return (typeof v['message'] === 'string' && isObject(v['involvedObject'])) || (typeof v['note'] === 'string' && isObject(v['regarding']));
}

// A ReplicaSet is named <deployment>-<pod-template hash>.
const REPLICASET_OF_DEPLOYMENT = /^(.+)-[a-z0-9]{6,10}$/;

/**
 * A Kubernetes Event as a log record: its message (`note`), its `type` as the level (Warning,
 * Normal), the last time it was seen, and the object it is about as the resource (the namespace,
 * the pod and the workload it belongs to, or the node).
 */
function mapK8sEvent(v: Record<string, unknown>): MappedElement {
  const obj = (isObject(v['involvedObject']) ? v['involvedObject'] : v['regarding']) as Record<string, unknown>;
  const meta = isObject(v['metadata']) ? v['metadata'] : {};
  const source = isObject(v['source']) ? v['source'] : {};
  const series = isObject(v['series']) ? v['series'] : {};
  const body = typeof v['message'] === 'string' ? v['message'] : (v['note'] as string);
  const m: MappedLog = { body, attributes: {}, resourceAttributes: {}, problems: [] };
  const when = [v['lastTimestamp'], series['lastObservedTime'], v['deprecatedLastTimestamp'], v['eventTime'], v['firstTimestamp'], v['deprecatedFirstTimestamp'], meta['creationTimestamp']].find((t) => typeof t === 'string' && t !== '');
  if (when !== undefined) {
    const t = readTimeValue(when);
    if (t) {
      m.timeNs = t.ns;
      if (t.withoutZone) m.timeWithoutZone = true;
    } else m.problems.push({ code: 'invalid-timestamp', message: `unreadable event time ${JSON.stringify(when).slice(0, 80)}` });
  }
  if (v['type'] === 'Warning') [m.severityNumber, m.severityText] = [13, 'Warning'];
  else if (v['type'] === 'Normal') [m.severityNumber, m.severityText] = [9, 'Normal'];
  else if (typeof v['type'] === 'string' && v['type'] !== '') m.severityText = v['type'];
  const a = m.attributes;
  if (typeof v['reason'] === 'string') a['k8s.event.reason'] = v['reason'];
  if (typeof v['action'] === 'string') a['k8s.event.action'] = v['action'];
  const count = v['count'] ?? series['count'] ?? v['deprecatedCount'];
  if (typeof count === 'number') a['k8s.event.count'] = count;
  const component = source['component'] ?? v['reportingComponent'] ?? v['reportingController'];
  if (typeof component === 'string' && component !== '') a['k8s.event.component'] = component;
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  const name = typeof obj['name'] === 'string' ? obj['name'] : '';
  if (kind !== '') a['k8s.object.kind'] = kind;
  if (name !== '') a['k8s.object.name'] = name;
  if (typeof obj['fieldPath'] === 'string') a['k8s.object.field_path'] = obj['fieldPath'];
  if (typeof meta['name'] === 'string') a['log.record.uid'] = meta['name'];
  const r = m.resourceAttributes;
  const ns = obj['namespace'] ?? meta['namespace'];
  if (typeof ns === 'string' && ns !== '') r['k8s.namespace.name'] = ns;
  const node = source['host'] ?? v['reportingInstance'];
  if (kind === 'Node' && name !== '') r['k8s.node.name'] = name;
  else if (typeof node === 'string' && node !== '') r['k8s.node.name'] = node;
  if (name !== '') {
    if (kind === 'Pod') {
      r['k8s.pod.name'] = name;
      r['service.name'] = POD_OF_DEPLOYMENT.exec(name)?.[1] ?? name;
    } else if (kind === 'ReplicaSet') r['service.name'] = REPLICASET_OF_DEPLOYMENT.exec(name)?.[1] ?? name;
    else if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'Job' || kind === 'CronJob' || kind === 'Service') r['service.name'] = name;
  }
  return { mapped: m, structured: true };
}

/**
 * A Datadog log of the Logs API v1 (`POST /api/v1/logs-queries/list`: `{"logs":[…]}`, also saved as
 * a bare array): `{id, content: {timestamp, host, service, message, tags, attributes}}` — the
 * v2 event's attributes under another name.
 */
function isDatadogV1Log(v: Record<string, unknown>): boolean {
  return isObject(v['content']) && typeof v['id'] === 'string' && Object.keys(v).every((k) => k === 'id' || k === 'content');
}

function mapDatadogV1Log(v: Record<string, unknown>): MappedElement {
  const content = { ...(v['content'] as Record<string, unknown>) };
  // v1 has no `status` beside the message: the reserved attribute is among the custom ones
  const custom = content['attributes'];
  if (content['status'] === undefined && isObject(custom) && typeof custom['status'] === 'string') content['status'] = custom['status'];
  return mapDatadogLog({ id: v['id'], type: 'log', attributes: content });
}

/**
 * A row of Grafana's "Download logs → JSON" (logRowsToReadableJson in grafana/grafana
 * public/app/features/logs/utils.ts): `{line, timestamp: "<unix ns>", date?, fields: {labels…}}`.
 */
function isGrafanaLogRow(v: Record<string, unknown>): boolean {
  if (typeof v['line'] !== 'string' || !isObject(v['fields'])) return false;
  for (const k of Object.keys(v)) if (k !== 'line' && k !== 'timestamp' && k !== 'date' && k !== 'fields') return false;
  return true;
}

/** The row as the Loki entry it shows: labels name the service, the line is read as JSON, logfmt or text. */
function mapGrafanaLogRow(v: Record<string, unknown>): MappedElement {
  const ts = v['timestamp'];
  const t = typeof ts === 'string' && /^\d{1,20}$/.test(ts) ? BigInt(ts) : (readTimeValue(ts) ?? readTimeValue(v['date']))?.ns;
  const { mapped, kind } = mapLokiEntry(v['fields'] as Record<string, unknown>, v['line'] as string, t);
  if (t === undefined && (ts !== undefined || v['date'] !== undefined)) mapped.problems.push({ code: 'invalid-timestamp', message: `unreadable timestamp ${JSON.stringify(ts ?? v['date']).slice(0, 80)}` });
  return { mapped, structured: isStructuredLine({ mapped, kind }) };
}

/** Loki stream value `["<unix ns>", "<line>"]`, Loki 3 adds `{structured metadata}` as a third item. */
export function mapLokiValue(labels: Record<string, unknown>, v: unknown): MappedElement {
  if (!Array.isArray(v)) throw new ElementError('wrong-type', `a stream value should be ["<ns>", "<line>"], not ${typeName(v)}`);
  const [ts, line, meta] = v as unknown[];
  if (typeof line !== 'string') throw new ElementError(line === undefined ? 'missing-field' : 'wrong-type', line === undefined ? 'stream value without a log line' : `stream value log line is ${typeName(line)}, not a string`);
  let ns: bigint | undefined;
  if (typeof ts === 'string' && /^\d{1,20}$/.test(ts)) ns = BigInt(ts);
  else if (ts !== undefined) ns = readTimeValue(ts)?.ns;
  if (meta !== undefined) checkDepth(meta);
  const { mapped, kind }: { mapped: MappedLog; kind: LineKind } = mapLokiEntry(labels, line, ns, isObject(meta) ? meta : undefined);
  if (ns === undefined) mapped.problems.push({ code: 'invalid-timestamp', message: `unreadable stream value timestamp ${JSON.stringify(ts ?? null).slice(0, 80)}` });
  return { mapped, structured: isStructuredLine({ mapped, kind }) };
}
