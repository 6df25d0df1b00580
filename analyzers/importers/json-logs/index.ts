// JSON log documents: log records inside one JSON document rather than one per line —
//  - a JSON array of log objects (Kibana / Datadog / Grafana "download as JSON", scripts), pretty-printed or not;
//  - AWS CloudWatch Logs `aws logs filter-log-events` / `get-log-events` output `{"events":[…]}`,
//    and subscription payloads `{"messageType":…,"logGroup":…,"logEvents":[…]}` (Firehose → S3);
//  - Datadog Logs API v2 responses `{"data":[{"type":"log","attributes":{…}}]}`, and v1 ones
//    `{"logs":[{"id":…,"content":{…}}]}` (also their elements as a bare array);
//  - Kubernetes Events (`kubectl get events -o json`: a List of core/v1 or events.k8s.io/v1 Events);
//  - CloudWatch Logs Insights results exported as JSON (`[{"@timestamp","@message","@logStream",…}]`);
//  - Grafana Loki query / query_range responses `{"status":…,"data":{"resultType":"streams","result":[…]}}`;
//  - Elasticsearch / OpenSearch `_search` responses `{"hits":{"hits":[{"_source":…}]}}`.
// Streamed through JsonStreamScanner: one element is held at a time, each record's provenance is
// the line/offset where its element starts, and a broken element costs that element only (the
// arrays are selected with `resync`). Several documents in a row (pages) are read one by one.
// Fields are mapped by the JSON Lines importer's map-fields.ts; message/line text by log-line.ts.
import type { Provenance } from '../../model/index.js';
import { ScannedJsonDecoder } from '../common/json-decoder.js';
import { JsonStreamScanner, type SelectNode } from '../common/json-stream.js';
import { buildLogRecord, ResourceInterner } from '../jsonl-logs/log-output.js';
import type { DecoderContext, FormatSpec, SniffInput } from '../types.js';
import { apmSpanOf } from './apm.js';
import { ElementError, isObject, mapArrayElement, mapCloudWatchEvent, mapDatadogLog, mapLokiValue, mapSearchHit, type MappedElement } from './map.js';
import { parseTimestamp } from '../common/time.js';

const D_ROOT = 400;
const D_ITEM = 401; // element of a top-level array
const D_EVENTS = 402;
const D_EVENT = 403; // CloudWatch event
const D_HITS = 404;
const D_HIT = 405; // Elasticsearch hit
const D_DATA = 406;
const D_RESULT_TYPE = 407;
const D_STREAM = 408; // Loki stream {stream, values}
const D_LABELS = 409;
const D_VALUE = 410; // Loki ["ns", "line"]
const D_OTHER = 411;
const D_FIELD = 412;
const D_PUSH = 413;
const D_DD_LOG = 414; // Datadog Logs API v2 `data[]` element
const D_SUB_EVENT = 415;
const D_DD_V1_LOGS = 416; // Datadog Logs API v1 `{"logs":[{id, content}]}`
const D_K8S_ITEMS = 417;
const D_HITS_TOTAL = 418; // Elasticsearch `hits.total` // a Kubernetes List `{"items":[Event…]}` // CloudWatch Logs subscription payload `logEvents[]` element // Loki push body `{"streams":[…]}` // a member of a top-level object (a pretty-printed log record is one)
/** Loki values held while waiting for the `stream` labels that come after them. */
const MAX_PENDING = 10_000;

function selection(): SelectNode {
  const other: SelectNode = { id: D_OTHER };
  const streams: SelectNode = {
    id: 0,
    resync: true,
    items: { id: D_STREAM, keys: { stream: { id: D_LABELS, capture: true }, values: { id: 0, resync: true, items: { id: D_VALUE, capture: true } } }, other },
  };
  return {
    id: D_ROOT,
    resync: true,
    items: { id: D_ITEM, capture: true },
    keys: {
      events: { id: D_EVENTS, resync: true, items: { id: D_EVENT, capture: true } },
      // CloudWatch Logs subscription payload (Kinesis, Firehose → S3, Lambda): `{messageType, owner,
      // logGroup, logStream, subscriptionFilters, logEvents: [{id, timestamp, message}]}`, several in a row
      logEvents: { id: D_EVENTS, resync: true, items: { id: D_SUB_EVENT, capture: true } },
      hits: { id: 0, keys: { hits: { id: D_HITS, resync: true, items: { id: D_HIT, capture: true } }, total: { id: D_HITS_TOTAL, capture: true } }, other },
      // Datadog Logs API v1 (`POST /api/v1/logs-queries/list`): `{"logs":[{id, content}], "nextLogId", "status"}`
      logs: { id: D_DD_V1_LOGS, resync: true, items: { id: D_ITEM, capture: true } },
      // `kubectl get events -o json`: `{"apiVersion":"v1","items":[{"kind":"Event",…}],"kind":"List"}`
      items: { id: D_K8S_ITEMS, resync: true, items: { id: D_ITEM, capture: true } },
      // Azure Monitor resource logs (diagnostic settings to a storage account or Event Hub): `{"records":[{time, resourceId, category, level, properties…}]}`
      records: { id: D_K8S_ITEMS, resync: true, items: { id: D_ITEM, capture: true } },
      // Splunk's search results (REST `/results?output_mode=json`, the UI's JSON export of a search):
      // `{"preview":false,"init_offset":0,"messages":[],"fields":[…],"results":[{_time, _raw, host…}]}`
      results: { id: D_K8S_ITEMS, resync: true, items: { id: D_ITEM, capture: true } },
      // Loki's push API body (POST /loki/api/v1/push): the same streams, at the top level.
      streams: { ...streams, id: D_PUSH },
      data: {
        id: D_DATA,
        // Datadog's Logs API answers `{"data":[{"type":"log","attributes":…}],"links":…,"meta":…}`
        resync: true,
        items: { id: D_DD_LOG, capture: true },
        keys: {
          resultType: { id: D_RESULT_TYPE, capture: true },
          result: streams,
        },
        other,
      },
    },
    other: { id: D_FIELD, capture: true },
  };
}

type Kind = 'array' | 'cloudwatch' | 'search' | 'loki' | 'datadog';

class JsonLogsDecoder extends ScannedJsonDecoder {
  private readonly resources = new ResourceInterner();
  // state of the current top-level value
  private kind: Kind | undefined;
  private resultType: string | undefined;
  private nonStreamValues = 0;
  // state of the current Loki stream
  private labels: Record<string, unknown> | undefined;
  private pending: { value: unknown; source: Provenance }[] = [];
  // members of the current top-level object, and where it starts
  private fields: Record<string, unknown> = {};
  private rootSource: Provenance = { file: '', line: 1, offset: 0 };
  private sawLoki = false;

  constructor(ctx: DecoderContext) {
    super(ctx, 'a JSON log document');
  }

  protected selection(): SelectNode {
    return selection();
  }

  protected override onOpen(id: number, offset: number, line: number, isArray: boolean): void {
    if (id === D_ROOT) {
      this.kind = isArray ? 'array' : undefined;
      this.resultType = undefined;
      this.nonStreamValues = 0;
      this.fields = {};
      this.sawLoki = false;
      this.hitsRead = 0;
      this.hitsTotal = undefined;
      this.hitsAtLeast = false;
      this.rootSource = { file: this.file, line, offset };
    } else if (id === D_EVENTS) this.kind = 'cloudwatch';
    else if (id === D_HITS) this.kind = 'search';
    else if ((id === D_DATA || id === D_DD_V1_LOGS) && isArray) this.kind = 'datadog';
    else if (id === D_K8S_ITEMS && isArray) this.kind = 'array';
    else if (id === D_DATA || id === D_PUSH) this.kind = 'loki';
    else if (id === D_STREAM) {
      this.sawLoki = true;
      this.labels = undefined;
      this.pending = [];
    }
  }

  protected override onClose(id: number): void {
    if (id === D_STREAM) {
      this.labels ??= {};
      this.flushPending();
      this.labels = undefined;
    } else if (id === D_ROOT) {
      if (this.nonStreamValues > 0) {
        this.out.error('unsupported', `${this.nonStreamValues} values of a Loki "${this.resultType ?? '?'}" result (metric samples, not log lines) skipped`, false);
      } else if ((this.kind === undefined || (this.kind === 'loki' && !this.sawLoki && this.resultType === undefined)) && isLogObject(this.fields)) {
        // One log record as a top-level object: a pretty-printed JSON log stream (`… | jq .`),
        // or a single-record file. (A `data` member of such a record is not kept.)
        this.emit(() => mapArrayElement(this.fields), this.rootSource);
      } else if (this.kind === undefined) {
        this.errLine = this.rootSource.line;
        this.errOffset = this.rootSource.offset;
        this.out.error('invalid-record', 'not a JSON log document: no events, records, hits.hits or data.result array, and not an array of log objects', true);
      }
      if (this.kind !== undefined) this.notePages();
    }
  }

  protected onValue(id: number, value: unknown, _key: string | undefined, _text: string, offset: number, line: number): void {
    const source: Provenance = { file: this.file, line, offset };
    switch (id) {
      case D_ITEM:
        this.emit(() => mapArrayElement(value), source);
        return;
      case D_EVENT:
        this.emit(() => mapCloudWatchEvent(value), source);
        return;
      case D_SUB_EVENT: {
        // CONTROL_MESSAGE payloads carry CloudWatch's reachability checks, not log events
        if (this.fields['messageType'] === 'CONTROL_MESSAGE') return;
        const f = this.fields;
        this.emit(() => mapCloudWatchEvent(value, { logGroupName: f['logGroup'], logStreamName: f['logStream'], owner: f['owner'] }), source);
        return;
      }
      case D_HITS_TOTAL:
        // 7.x+: `{"value": n, "relation": "eq"|"gte"}`; 6.x: a number
        this.hitsTotal = typeof value === 'number' ? value : isObject(value) && typeof value['value'] === 'number' ? value['value'] : undefined;
        this.hitsAtLeast = isObject(value) && value['relation'] === 'gte';
        return;
      case D_HIT: {
        this.hitsRead++;
        // An Elastic APM transaction or span stored in Elasticsearch is a span, not a log record
        const doc = isObject(value) && isObject(value['_source']) ? value['_source'] : undefined;
        const span = doc && apmSpanOf(doc, (a) => this.resources.resource(a), { file: this.file, line: source.line ?? 1, offset: source.offset ?? 0 });
        if (span === undefined) this.emit(() => mapSearchHit(value), source);
        else {
          this.errLine = source.line;
          this.errOffset = source.offset;
          if (typeof span === 'string') this.out.error('invalid-id', span, true);
          else this.out.record(span);
        }
        return;
      }
      case D_DD_LOG:
        this.emit(() => mapDatadogLog(value), source);
        return;
      case D_FIELD:
        if (_key !== undefined && _key !== '__proto__') this.fields[_key] = value;
        return;
      case D_RESULT_TYPE:
        this.resultType = typeof value === 'string' ? value : String(value);
        return;
      case D_LABELS:
        if (isObject(value)) this.labels = value;
        else {
          this.out.error('wrong-type', `stream labels should be an object, not ${JSON.stringify(value).slice(0, 40)}`, false);
          this.labels = {};
        }
        this.flushPending();
        return;
      case D_VALUE:
        if (this.resultType !== undefined && this.resultType !== 'streams') {
          this.nonStreamValues++;
          return;
        }
        if (this.labels !== undefined) this.emitLoki(value, source);
        else {
          this.pending.push({ value, source });
          if (this.pending.length >= MAX_PENDING) {
            this.labels = {};
            this.flushPending();
            this.labels = undefined;
          }
        }
        return;
      default:
    }
  }

  private hitsRead = 0;
  private hitsTotal: number | undefined;
  /** `relation: "gte"`: the total is a lower bound (Elasticsearch stops counting at 10,000). */
  private hitsAtLeast = false;

  /**
   * An answer that says more pages remain (CloudWatch's nextToken, Datadog's next page or
   * nextLogId, a search's scroll or a total above the hits returned): the export is incomplete,
   * and the findings are about the part that was downloaded.
   */
  private notePages(): void {
    const f = this.fields;
    const meta = isObject(f['meta']) ? f['meta'] : undefined;
    const page = meta && isObject(meta['page']) ? meta['page'] : undefined;
    const links = isObject(f['links']) ? f['links'] : undefined;
    let more: string | undefined;
    if (typeof f['nextToken'] === 'string' && f['nextToken'] !== '' && this.kind === 'cloudwatch') more = 'CloudWatch answered with a nextToken: more events were not fetched (run the command without --max-items, or fetch the next pages with --next-token and analyse them too)';
    else if (this.kind === 'datadog' && ((page && typeof page['after'] === 'string' && page['after'] !== '') || (links && typeof links['next'] === 'string'))) more = 'Datadog answered with a next page (meta.page.after): more logs were not fetched (page through with page[cursor] and analyse every page)';
    else if (this.kind === 'datadog' && typeof f['nextLogId'] === 'string' && f['nextLogId'] !== '') more = 'Datadog answered with a nextLogId: more logs were not fetched (repeat the query with startAt set to it and analyse every page)';
    else if (this.kind === 'search' && this.hitsTotal !== undefined && this.hitsTotal > this.hitsRead) more = `the search matched ${this.hitsAtLeast ? 'at least ' : ''}${this.hitsTotal} documents and the answer holds ${this.hitsRead} (size/from paging${typeof f['_scroll_id'] === 'string' ? ', a scroll' : ''}): the others were not fetched`;
    if (more === undefined) return;
    this.errLine = this.rootSource.line;
    this.errOffset = this.rootSource.offset;
    this.out.error('invalid-record', `${more}; this export is incomplete, and its findings are about the part downloaded`, false);
  }

  private flushPending(): void {
    const list = this.pending;
    this.pending = [];
    for (const p of list) this.emitLoki(p.value, p.source);
  }

  private emitLoki(value: unknown, source: Provenance): void {
    const labels = this.labels ?? {};
    this.emit(() => mapLokiValue(labels, value), source);
  }

  private emit(map: () => MappedElement, source: Provenance): void {
    this.errLine = source.line;
    this.errOffset = source.offset;
    let el: MappedElement;
    try {
      el = map();
    } catch (e) {
      if (!(e instanceof ElementError)) throw e;
      this.out.error(e.code, e.message, true);
      return;
    }
    const m = el.mapped;
    for (const p of m.problems) this.out.error(p.code, p.message, false);
    this.out.record(buildLogRecord(m, this.resources.resource(m.resourceAttributes), el.structured, this.file, source.line ?? 1, source.offset ?? 0));
  }
}

// Keys that make an object a log record (at its top level), compared case-insensitively.
const LOG_KEY = /^(@?timestamp|time|ts|@t|datetime|date|level|lvl|loglevel|log\.level|severity|severity_?text|levelname|msg|message|@message|@m|@mt|body|log|textpayload|short_message|line)$/i;
const MESSAGE_KEY = /^(msg|message|@message|@m|@mt|body|log|textpayload|short_message|line)$/i;
// Spans (an id with a duration or a parent) and dependency links belong to the trace importers.
const SPAN_SHAPE_KEY = /^(duration|operationName|parent_?id|parent_?span_?id|localEndpoint|remoteEndpoint|references|callCount)$/i;

/** A sniffed array element that reads as a log record: a message, or a time together with a level. */
function isLogObject(v: unknown): boolean {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.some((k) => SPAN_SHAPE_KEY.test(k))) return false;
  if (typeof v['message'] === 'string' && ('ingestionTime' in v || 'eventId' in v)) return true; // CloudWatch events
  if ('_index' in v && isObject(v['_source'])) return true; // search hits
  if (keys.length === 2 && typeof v['id'] === 'string' && isLogObject(v['content'])) return true; // Datadog Logs API v1
  const logKeys = keys.filter((k) => LOG_KEY.test(k));
  if (logKeys.some((k) => MESSAGE_KEY.test(k)) || logKeys.length >= 2) return true;
  // An event with a time and fields of its own and no message (GitLab's production_json, an
  // access log as JSON): a time member that reads as one, and at least three other members.
  const timeKey = keys.find((k) => TIME_KEY.test(k));
  const t = timeKey === undefined ? undefined : v[timeKey];
  return keys.length >= 4 && (typeof t === 'string' || typeof t === 'number') && parseTimestamp(t) !== undefined;
}

const TIME_KEY = /^(@?timestamp|time|ts|@t|datetime|date)$/i;

/** The first elements of a top-level array, read from the sniff window with the streaming scanner. */
function sniffElements(bytes: Uint8Array): { elements: unknown[]; broken: boolean } {
  const elements: unknown[] = [];
  let broken = false;
  const scanner = new JsonStreamScanner(
    { id: 1, items: { id: 2, capture: true } },
    {
      value: (id, value) => {
        if (id === 2 && elements.length < 50) elements.push(value);
      },
      error: (code) => {
        if (code !== 'truncated') broken = true;
      },
    },
  );
  scanner.push(bytes.subarray(0, 65536));
  return { elements, broken };
}

/**
 * Log records as pretty-printed top-level objects one after another (what `jq .` makes of JSON
 * Lines logs). One-line objects are JSON Lines and left to that importer.
 */
function sniffObjectStream(bytes: Uint8Array, text: string): number {
  const nl = text.indexOf('\n');
  const first = (nl === -1 ? text : text.slice(0, nl)).trim();
  if (first.endsWith('}')) return 0; // a whole object on the first line: JSON Lines
  const values: unknown[] = [];
  let broken = false;
  const scanner = new JsonStreamScanner({ id: 1, capture: true }, {
    value: (id, value) => {
      if (id === 1 && values.length < 20) values.push(value);
    },
    error: (code) => {
      if (code !== 'truncated') broken = true;
    },
  });
  scanner.push(bytes.subarray(0, 65536));
  if (broken || values.length === 0) return 0;
  // as for arrays: a stray other object (reported when read) does not make it another format
  return isLogObject(values[0]) && values.filter(isLogObject).length >= values.length * 0.7 ? 0.6 : 0;
}

const CLOUDWATCH_RE = /^\{\s*"events"\s*:\s*\[/;
const CLOUDWATCH_KEYS_RE = /"(ingestionTime|eventId|logStreamName|searchedLogStreams|nextForwardToken|nextBackwardToken)"\s*:/;
const LOKI_RE = /"resultType"\s*:\s*"streams"/;
const DATADOG_RE = /^\{\s*"data"\s*:\s*\[\s*\{/;
const SEARCH_RE = /"hits"\s*:\s*\{/;
const SEARCH_KEYS_RE = /"(_source|_index)"\s*:/;
const SEARCH_ENVELOPE_RE = /"(took|timed_out|_shards)"\s*:/;

/** How sure we are that the sniffed text is a JSON log document. */
export function sniffJsonLogs(input: SniffInput): number {
  const t = input.text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) {
    if (LOKI_RE.test(t) && /"status"\s*:/.test(t)) return 0.9; // prom-api claims the envelope at 0.3 for streams
    if (/^\{\s*"streams"\s*:\s*\[\s*\{\s*"(stream|values)"\s*:/.test(t)) return 0.9; // Loki push body
    if (/"events"\s*:\s*\[/.test(t) && CLOUDWATCH_KEYS_RE.test(t)) return 0.9;
    if (/"messageType"\s*:\s*"(DATA|CONTROL)_MESSAGE"/.test(t) && /"logEvents"\s*:\s*\[/.test(t)) return 0.9; // subscription payloads
    if (CLOUDWATCH_RE.test(t) && /"message"\s*:/.test(t)) return 0.6;
    if (DATADOG_RE.test(t) && /"type"\s*:\s*"log"/.test(t) && /"attributes"\s*:/.test(t)) return 0.9; // prom-api claims `data` at 0.7
    if (/^\{\s*"logs"\s*:\s*\[\s*\{\s*"(?:id|content)"\s*:/.test(t) && /"content"\s*:\s*\{/.test(t)) return 0.9; // Datadog Logs API v1
    if (/"items"\s*:\s*\[/.test(t) && /"kind"\s*:\s*"Event"/.test(t) && /"(?:involvedObject|regarding)"\s*:\s*\{/.test(t)) return 0.9; // Kubernetes Events
    if (/^\{\s*"records"\s*:\s*\[\s*\{/.test(t) && /"(?:time|timeGenerated)"\s*:/.test(t) && /"(?:resourceId|category|operationName)"\s*:/.test(t)) return 0.9; // Azure Monitor resource logs
    if (/"results"\s*:\s*\[\s*\{/.test(t) && /"init_offset"\s*:/.test(t) && /"_raw"\s*:|"_time"\s*:/.test(t)) return 0.97; // Splunk search results (above JSON Lines, which a one-line answer also looks like)
    if (SEARCH_RE.test(t) && (SEARCH_KEYS_RE.test(t) || SEARCH_ENVELOPE_RE.test(t)) && /"_shards"\s*:|"_index"\s*:/.test(t)) return 0.9;
    return sniffObjectStream(input.bytes, t);
  }
  if (!t.startsWith('[')) return 0;
  // A bracketed time that opens a text log line (`[2026-11-28 09:24:12] plugin_load: …`, collectd's
  // logfile; JSON lines of values may follow it): not JSON from its first number on.
  if (/^\[\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[^\s\d,\].eE]/.test(t)) return 0;
  const { elements, broken } = sniffElements(input.bytes);
  if (elements.length === 0) {
    // First element bigger than the sniff window: judge by its first member.
    return !broken && /^\[\s*\{\s*"(@?timestamp|time|level|message|msg|log|@t)"\s*:/.test(t) ? 0.5 : 0;
  }
  // A stray non-object element (reported as wrong-type when read) does not make it another format.
  const objects = elements.filter(isObject);
  if (objects.length < elements.length / 2) return 0;
  const share = objects.filter(isLogObject).length / objects.length;
  if (share < 0.8) return 0;
  return broken ? 0.6 : 0.85;
}

export const jsonLogs: FormatSpec = {
  id: 'json-logs',
  signal: 'logs',
  label: 'JSON log documents (array of log objects, CloudWatch Logs events, Loki query API, Elasticsearch/OpenSearch _search)',
  sniff: sniffJsonLogs,
  create: (ctx) => new JsonLogsDecoder(ctx),
};
