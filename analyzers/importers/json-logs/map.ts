// One element of a JSON log document → MappedLog, with the field mapping of the JSON Lines
// importer (map-fields.ts) and the line reader shared with it (log-line.ts).
import type { AttrValue } from '../../model/index.js';
import type { ImportErrorCode } from '../types.js';
import { applyEnvelopeTime, mapLogLine, mapLokiEntry, type LineKind } from '../jsonl-logs/log-line.js';
import { depthExceeds, mapStructured, readTimeValue, setAttribute, type MappedLog } from '../jsonl-logs/map-fields.js';

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
export function mapCloudWatchEvent(ev: unknown): MappedElement {
  if (!isObject(ev)) throw new ElementError('wrong-type', `an event should be an object, not ${typeName(ev)}`);
  checkDepth(ev);
  const message = ev['message'];
  if (typeof message !== 'string') throw new ElementError(message === undefined ? 'missing-field' : 'wrong-type', message === undefined ? 'event without a message' : `event message is ${typeName(message)}, not a string`);
  const { mapped: m, kind } = mapLogLine(message);
  const ts = msToNs(ev['timestamp']);
  if (ev['timestamp'] !== undefined && ts === undefined) m.problems.push({ code: 'invalid-timestamp', message: `unreadable event timestamp ${JSON.stringify(ev['timestamp']).slice(0, 80)}` });
  applyEnvelopeTime(m, ts, msToNs(ev['ingestionTime']));
  if (m.observedTimeNs === ts && ev['ingestionTime'] === undefined) delete m.observedTimeNs;
  m.resourceAttributes = { 'cloud.provider': 'aws', ...m.resourceAttributes };
  if (typeof ev['logStreamName'] === 'string') m.resourceAttributes['aws.log.stream.names'] = [ev['logStreamName']];
  if (typeof ev['logGroupName'] === 'string') m.resourceAttributes['aws.log.group.names'] = [ev['logGroupName']];
  if (typeof ev['eventId'] === 'string') m.attributes['log.record.uid'] = ev['eventId'];
  for (const k of Object.keys(ev)) {
    if (k === 'message' || k === 'timestamp' || k === 'ingestionTime' || k === 'logStreamName' || k === 'logGroupName' || k === 'eventId') continue;
    if (!(k in m.attributes)) setAttribute(m.attributes, k, ev[k] as AttrValue);
  }
  return { mapped: m, structured: kind !== 'text' };
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
  return { mapped: m, structured: true };
}

/** An element of a plain array of log objects (recognising CloudWatch events and search hits). */
export function mapArrayElement(v: unknown): MappedElement {
  if (!isObject(v)) throw new ElementError('wrong-type', `array element is ${typeName(v)}, not a log object`);
  if (isCloudWatchEvent(v)) return mapCloudWatchEvent(v);
  if (isSearchHit(v)) return mapSearchHit(v);
  checkDepth(v);
  return { mapped: mapStructured(v), structured: true };
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
  return { mapped, structured: kind !== 'text' };
}
