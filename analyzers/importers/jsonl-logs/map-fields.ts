// Structured log record (a JSON object, logfmt pairs, a CSV row) → the parts of a LogRecord.
// Fields are found by common names wherever they sit: top level, dotted keys (`log.level`),
// or nested (`trace.id`, `@fields.lvl`, `fields.message`), compared case- and punctuation-
// insensitively, so `trace_id`, `traceId`, `trace.id` and `TraceID` are one name.
import { MAX_RECORD_ATTRIBUTES, type AttrValue, type Attributes } from '../../model/index.js';
import { MAX_DEPTH, type ImportErrorCode } from '../types.js';
import { exactEpochToNs, parseLogTimestamp, type LogTimeOptions } from '../common/time.js';
import { normalizeId } from './ids.js';
import { severityFromLetter, severityFromLevelField, severityFromNumber, severityFromSyslog, severityFromText, type NumericScale } from './severity.js';
import { analyzeTextLine } from '../text-logs/line-fields.js';
import type { FoundColumn, TextLineOptions } from '../text-logs/level-column.js';
import { parseLogfmt, type LogfmtLine } from '../logfmt/parse.js';
import { stripAnsi, withoutNewline, type LineKind, type LogParts } from './log-output.js';

export type { LineKind } from './log-output.js';

export interface MappedLog {
  timeNs?: bigint;
  timeWithoutZone?: boolean;
  timeWithoutYear?: boolean;
  observedTimeNs?: bigint;
  severityNumber?: number;
  severityText?: string;
  body: AttrValue;
  traceId?: string;
  spanId?: string;
  attributes: Attributes;
  /** Attributes / body members read past MAX_RECORD_ATTRIBUTES and not stored (see LogRecord). */
  droppedAttributes?: number;
  droppedBodyMembers?: number;
  resourceAttributes: Attributes;
  scopeName?: string;
  /**
   * Set for an application's line carried in an envelope (docker json-file, CRI): how the line
   * itself was read. The envelope's own fields do not make free text structured.
   */
  lineKind?: LineKind;
  /** A free-text line whose fields are a JSON object that ends it (zap's console encoder; see readTrailingJson): structured, as a JSON or logfmt line is. */
  jsonTail?: boolean;
  /** Where a free-text line writes a level word (mapText asked with TextLineOptions.findLevelColumn): the reader's evidence for a level column. */
  levelColumn?: FoundColumn;
  problems: { code: ImportErrorCode; message: string }[];
}

export type Role = 'time' | 'level' | 'message' | 'trace' | 'span' | 'service' | 'host' | 'pid' | 'pod' | 'namespace' | 'container' | 'version' | 'environment' | 'scope' | 'node';

// Normalized names (lower case, no `._-@/ `) in order of preference (`errorseverity`, `processid`:
// PostgreSQL's csvlog columns, as exported with their header). Names marked with `!`
// only count at the top level (too generic to trust when nested: `t`, `name`, `log`…).
const CANDIDATES: Record<Role, string[]> = {
  // `tsNs`: Grafana's Loki data frame (labels, Time, Line, tsNs, id) keeps the exact time there; its `Time` is ms.
  // (`requestReceivedTimestamp`: a Kubernetes audit event's time)
  time: ['tsns', 'timestamp', 'timeunixnano', 'timeunixnanos', 'time', 'ts', '!t', 'datetime', '!date', 'realtimetimestamp', 'eventtime', 'logtime', 'asctime', 'timemillis', 'timestampms', 'instant', 'edgestarttimestamp', 'startedat', 'starttime', 'receivedat', 'eventcreated', 'createdat', 'timegenerated', 'sourcerealtimetimestamp', 'timecreated', 'requestreceivedtimestamp', 'stagetimestamp'],
  // (`record.level.name`: loguru's serialize=True; `log_level.name`: Twisted's jsonFileLogObserver)
  level: ['loglevel', 'level', 'lvl', 'severitytext', 'severity', 'levelname', '!l', 'priority', 'syslogseverity', 'levelno', 'severitynumber', 'errorseverity', 'recordlevelname', 'severitylevel', 'detectedlevel', 'loglevelname'],
  // (`log_text`, else `log_format`, the message's template: Twisted's jsonFileLogObserver; `record.message`:
  // loguru's serialize=True, whose top-level `text` is the whole formatted line with its newline)
  message: ['message', 'msg', 'renderedmessage', '!m', '!mt', 'messagetemplate', 'recordmessage', '!body', '!log', 'textpayload', 'shortmessage', 'fullmessage', '!text', '!event', '!content', 'logmessage', '!line', '!logtext', '!logformat'],
  // (Azure Application Insights: `operation_Id` / Log Analytics `OperationId` is the W3C trace id)
  trace: ['traceid', 'ddtraceid', 'oteltraceid', 'logginggoogleapiscomtrace', 'xb3traceid', 'awsxraytraceid', '!trace', '!tr', 'traceparent', 'operationid'],
  span: ['spanid', 'ddspanid', 'otelspanid', 'logginggoogleapiscomspanid', 'xb3spanid', '!sp', '!span'],
  // (GCP's `resource.labels.service_name` names the service that logged; an audit entry's `protoPayload.serviceName` the API called)
  // (Application Insights: `cloud_RoleName` / Log Analytics `AppRoleName`)
  service: ['resourcelabelsservicename', 'servicename', '!service', 'otelservicename', 'resourceservicename', 'ddservice', 'servicecontextservice', 'systemdunit', 'syslogidentifier', '!app', '!application', 'appname', 'applicationname', 'cloudrolename', 'approlename'],
  host: ['hostname', '!host', 'hosthostname', 'computername'],
  pid: ['pid', 'processpid', 'processid'],
  pod: ['podname', 'kubernetespodname', 'k8spodname', '!pod'],
  namespace: ['kubernetesnamespacename', 'k8snamespacename', '!namespace', 'podnamespace', 'namespacename'],
  container: ['containername', 'kubernetescontainername', 'k8scontainername', '!container'],
  version: ['serviceversion', 'version'],
  environment: ['deploymentenvironment', 'serviceenvironment', 'environment'],
  scope: ['loglogger', 'loggername', 'logger', 'sourcecontext', 'logname', '!target', '!category', '!cl', '!lognamespace'],
  node: ['nodename', 'kubernetesnodename', 'k8snodename', '!node'],
};

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-fA-F]{32}-[0-9a-fA-F]{16}-[0-9a-f]{2}$/;

// A Map, not an object literal: a key such as `constructor` must not find Object.prototype's members.
const PRIMARY = new Map<string, 'time' | 'level' | 'message'>([
  ['timestamp', 'time'], ['time', 'time'], ['ts', 'time'], ['level', 'level'], ['lvl', 'level'], ['loglevel', 'level'], ['severity', 'level'], ['message', 'message'], ['msg', 'message'],
]);

interface Entry {
  key: string;
  parent: Entry | undefined;
  value: unknown;
  depth: number;
}

function pathOf(e: Entry): string[] {
  const out: string[] = [];
  for (let x: Entry | undefined = e; x; x = x.parent) out.unshift(x.key);
  return out;
}

// norm() of the same few dozen keys runs for every record: remember it (bounded).
const NORM_CACHE = new Map<string, string>();
const norm = (k: string): string => {
  let n = NORM_CACHE.get(k);
  if (n === undefined) {
    n = k.toLowerCase().replace(/[._\-@/\s$:]/g, '');
    if (NORM_CACHE.size < 50_000) NORM_CACHE.set(k, n);
  }
  return n;
};
const MAX_INDEX_DEPTH = 3;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys mapStructured reads or writes by their own name, besides the role names: a record's map
 * bounded while it is read (common/key-bound.ts) stores them whatever their place.
 */
const NAMED_KEYS = new Set(['at', '@t', '@mt', '@m', 'name', 'pid', 'log', 'stream', 'time', '@metadata', 'agent', 'agent.type', 'source_type', 'log.iostream']);

/** The role a top-level field plays by its name (`hostname` → host), if any. */
export function roleOfKey(key: string): Role | undefined {
  return ROLE_OF.get(norm(key))?.[0]?.role;
}

/** Whether mapStructured may read (or write) a top-level key of this name. */
export function isFieldKey(key: string): boolean {
  return NAMED_KEYS.has(key) || ROLE_OF.has(norm(key));
}

interface RoleSlot {
  role: Role;
  rank: number;
  topOnly: boolean;
}
// normalized name → the roles it can fill, with its preference rank in each
const ROLE_OF = new Map<string, RoleSlot[]>();
for (const role of Object.keys(CANDIDATES) as Role[]) {
  CANDIDATES[role].forEach((cand, rank) => {
    const topOnly = cand.startsWith('!');
    const name = topOnly ? cand.slice(1) : cand;
    const list = ROLE_OF.get(name) ?? [];
    list.push({ role, rank, topOnly });
    ROLE_OF.set(name, list);
  });
}

interface Hit {
  entry: Entry;
  /**
   * The candidate's rank, plus LAST_ONLY when only the last path segment matched: a field named
   * by its whole path (`msg`, `time`, `log.level`, `trace.id`) beats any field of the same role
   * found only by its last segment inside another object (pino/bunyan `err.message`, a payload's
   * `event.timestamp`), whatever their ranks.
   */
  order: number;
  seq: number;
}

const LAST_ONLY = 1000;

class FieldIndex {
  private readonly hits = new Map<Role, Hit[]>();
  private seq = 0;

  constructor(obj: Record<string, unknown>) {
    this.add(obj, undefined, '', 1);
  }

  private add(obj: Record<string, unknown>, parent: Entry | undefined, parentNorm: string, depth: number): void {
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      const e: Entry = { key, parent, value, depth };
      const last = norm(key);
      const full = parentNorm + last;
      this.note(full, e, false);
      if (depth > 1) this.note(last, e, true);
      // A Logstash v0 event's `@fields` (winston's format.logstash(): `{"@fields":{"level","service",…},
      // "@message","@timestamp"}`) holds the event's own fields: read as fields at the top level are
      if (isPlainObject(value) && depth === 1 && key === '@fields') this.add(value, e, '', 1);
      else if (isPlainObject(value) && depth < MAX_INDEX_DEPTH) this.add(value, e, full, depth + 1);
    }
  }

  private note(name: string, e: Entry, lastOnly: boolean): void {
    const slots = ROLE_OF.get(name);
    if (!slots) return;
    for (const slot of slots) {
      if (slot.topOnly && (lastOnly || e.depth !== 1)) continue;
      const list = this.hits.get(slot.role);
      const hit: Hit = { entry: e, order: slot.rank + (lastOnly ? LAST_ONLY : 0), seq: this.seq++ };
      if (list) list.push(hit);
      else this.hits.set(slot.role, [hit]);
    }
  }

  /** Best entry for the role (by candidate preference, then document order) whose value passes `accept`. */
  find(role: Role, accept: (v: unknown) => boolean): (Entry & { path: string[] }) | undefined {
    const list = this.hits.get(role);
    if (!list) return undefined;
    if (list.length > 1) list.sort((a, b) => a.order - b.order || a.seq - b.seq);
    for (const h of list) if (accept(h.entry.value)) return { ...h.entry, path: pathOf(h.entry) };
    return undefined;
  }
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isTextOrNumber = (v: unknown): boolean => isText(v) || (typeof v === 'number' && Number.isFinite(v));
const isTimeValue = (v: unknown): boolean =>
  isTextOrNumber(v) || (isPlainObject(v) && ('epochSecond' in v || 'seconds' in v || '$date' in v));

/** Deepest nesting of a parsed JSON value, stopping as soon as it passes `limit`. */
export function depthExceeds(value: unknown, limit = MAX_DEPTH): boolean {
  const walk = (v: unknown, d: number): boolean => {
    if (d > limit) return true;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null && walk(x, d + 1)) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === 'object' && x !== null && walk(x, d + 1)) return true;
      }
    }
    return false;
  };
  return walk(value, 1);
}

/** Epoch values past 2286 (10^19 ns) are not timestamps (epoch units are told apart by magnitude). */
const MAX_EPOCH_NS = 10_000_000_000_000_000_000n;

export interface ReadTime {
  ns: bigint;
  withoutZone: boolean;
  withoutYear?: boolean;
}

/** A time field value: epoch number/string of any unit, a timestamp string, {epochSecond,nanoOfSecond}. */
export function readTimeValue(v: unknown, opts?: LogTimeOptions): ReadTime | undefined {
  if (typeof v === 'number') {
    // below 1e8 s (1973) a bare number is a duration, a counter or an hhmmss, not an epoch
    if (!Number.isFinite(v) || v < 1e8) return undefined;
    const ns = exactEpochToNs(String(v));
    return ns === undefined || ns > MAX_EPOCH_NS ? undefined : { ns, withoutZone: false };
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{9,}(\.\d+)?$/.test(t)) {
      const ns = exactEpochToNs(t);
      return ns === undefined || ns > MAX_EPOCH_NS ? undefined : { ns, withoutZone: false };
    }
    if (/^\d+(\.\d+)?$/.test(t)) return undefined;
    // Microsoft's JSON date (PowerShell ConvertTo-Json, .NET DataContractJsonSerializer): `/Date(ms)/`,
    // ms since the epoch in UTC; an offset after them only says where it was written.
    const ms = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(t);
    if (ms) return { ns: BigInt(ms[1]!) * 1_000_000n, withoutZone: false };
    return parseLogTimestamp(t, opts);
  }
  if (isPlainObject(v)) {
    const sec = v['epochSecond'] ?? v['seconds'];
    const nanos = v['nanoOfSecond'] ?? v['nanos'] ?? 0;
    if ((typeof sec === 'number' || typeof sec === 'string') && /^\d+$/.test(String(sec)) && /^\d+$/.test(String(nanos))) {
      return { ns: BigInt(String(sec)) * 1_000_000_000n + BigInt(String(nanos)), withoutZone: false };
    }
    if ('$date' in v) return readTimeValue(v['$date'], opts);
  }
  return undefined;
}

/**
 * A Windows event as PowerShell writes it (Get-WinEvent/Get-EventLog | ConvertTo-Json, Export-Csv): a
 * provider and an event id; or Get-WinEvent's provider and its time (EventLogRecord's `ProviderName`
 * and `TimeCreated`), which a `Select-Object TimeCreated, ProviderName, Message` keeps without the id.
 */
function isWindowsEvent(obj: Record<string, unknown>): boolean {
  if (typeof obj['ProviderName'] === 'string' && 'TimeCreated' in obj) return true;
  return (typeof obj['ProviderName'] === 'string' || typeof obj['Source'] === 'string') && ('Id' in obj || 'EventID' in obj || 'InstanceId' in obj);
}

/** Windows event levels (winmeta.xml): 1 critical, 2 error, 3 warning, 4 information, 5 verbose; 0 LogAlways. */
function severityFromWindowsLevel(level: number, display: unknown): { number?: number; text?: string } | undefined {
  const n = typeof display === 'string' ? severityFromText(display) : undefined;
  if (n !== undefined) return { number: n, text: display as string };
  const table: Record<number, [number, string]> = { 0: [9, 'LogAlways'], 1: [21, 'Critical'], 2: [17, 'Error'], 3: [13, 'Warning'], 4: [9, 'Information'], 5: [5, 'Verbose'] };
  const t = table[level];
  return t ? { number: t[0], text: t[1] } : undefined;
}

/**
 * Nextcloud's log (nextcloud.log, JSON a line): a request id `reqId`, the app that logged `app`,
 * the server's `version`. Its numeric `level` is its own scale (ILogger: 0 debug, 1 info, 2 warn,
 * 3 error, 4 fatal), not syslog's (where 0–2 would be emergencies) nor any other; read so only
 * where the record is recognisably Nextcloud's.
 */
function isNextcloud(obj: Record<string, unknown>): boolean {
  return typeof obj['reqId'] === 'string' && typeof obj['app'] === 'string' && typeof obj['version'] === 'string';
}

function severityFromNextcloud(level: number): { number: number; text: string } | undefined {
  const t = ([[5, 'debug'], [9, 'info'], [13, 'warn'], [17, 'error'], [21, 'fatal']] as const)[level];
  return t ? { number: t[0], text: t[1] } : undefined;
}

/**
 * PostgreSQL's jsonlog (log_destination = 'jsonlog'): its session fields. Its `application_name`
 * is what the client connection called itself (`psql`, a pool's name), not the server that logged.
 */
function isPostgresJsonlog(obj: Record<string, unknown>): boolean {
  return typeof obj['error_severity'] === 'string' && ('backend_type' in obj || 'session_id' in obj);
}

/**
 * A field found for the service that names something else in a record whose product is known:
 * PostgreSQL's client `application_name` (its csvlog, read as text, gives no service either), and
 * Nextcloud's `app`, the Nextcloud app or subsystem the line came from (`core`, `files`, `PHP`,
 * `cron`): one server process writes them all, record by record, into one file, and a service
 * that changed with every line would split one server into many. They stay attributes.
 */
function namesNoService(obj: Record<string, unknown>, e: Entry & { path: string[] }): boolean {
  if (e.depth !== 1) return false;
  const n = norm(e.key);
  return (n === 'applicationname' && isPostgresJsonlog(obj)) || (n === 'app' && isNextcloud(obj));
}

/** Datadog's log statuses (its status remapper's vocabulary), less `ok`, which names no level. */
const DATADOG_STATUSES = /^(?:emerg|emergency|alert|crit|critical|err|error|warn|warning|notice|info|debug)$/i;

function scaleFor(path: string[], value: number | undefined): NumericScale | 'appinsights' {
  const n = norm(path.join(''));
  if (n.endsWith('severitylevel')) return 'appinsights';
  if (n.includes('priority') || n.includes('syslog')) return 'syslog';
  if (n.endsWith('levelno')) return 'python';
  if (n.endsWith('severitynumber')) return 'otel';
  // (given `value`, a CSV export's) 1–7 is no bunyan level (10–60): the syslog scale, as Graylog
  // writes `level`; 0, below bunyan's trace in some loggers' own scales, is left unread rather than
  // read as an emergency
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 7 ? 'syslog' : 'bunyan';
}

/** Monolog's levels (its Level enum) → the RFC 5424 severity code each one is, and its name. */
const MONOLOG_SYSLOG: Readonly<Record<number, number>> = { 100: 7, 200: 6, 250: 5, 300: 4, 400: 3, 500: 2, 550: 1, 600: 0 };
const MONOLOG_NAMES: Readonly<Record<number, string>> = { 100: 'DEBUG', 200: 'INFO', 250: 'NOTICE', 300: 'WARNING', 400: 'ERROR', 500: 'CRITICAL', 550: 'ALERT', 600: 'EMERGENCY' };

/**
 * A level's name written beside a numeric `level` at the top of the record (Monolog's `level_name`,
 * Python's `levelname` beside `levelno`), when it is a level word: the number's own scale is then
 * the writer's, and its name says what it means.
 */
function levelNameBeside(obj: Record<string, unknown>): { key: string; number: number; text: string } | undefined {
  for (const key of ['level_name', 'levelname', 'levelName']) {
    const v = obj[key];
    if (typeof v !== 'string') continue;
    const text = v.trim();
    const number = severityFromLevelField(text);
    if (number !== undefined) return { key, number, text };
  }
  return undefined;
}

/** Application Insights' SeverityLevel: 0 Verbose, 1 Information, 2 Warning, 3 Error, 4 Critical. */
function severityFromAppInsights(level: number): { number: number; text: string } | undefined {
  const t = ([[1, 'Verbose'], [9, 'Information'], [13, 'Warning'], [17, 'Error'], [21, 'Critical']] as const)[level];
  return t ? { number: t[0], text: t[1] } : undefined;
}

/** klog's JSON line: `ts` (float seconds), a numeric verbosity `v`, `msg`. */
function isKlogJson(obj: Record<string, unknown>): boolean {
  return typeof obj['v'] === 'number' && typeof obj['ts'] === 'number' && typeof obj['msg'] === 'string' && !('level' in obj);
}

/** A Docker Swarm task's container name: `<service>.<slot or node id>.<25-character task id>`. */
const SWARM_TASK = /^(.+)\.(?:\d+|[a-z0-9]{25})\.[a-z0-9]{25}$/;
// Kubernetes Deployment pods are named <deployment>-<replicaset hash>-<5 chars>.
export const POD_OF_DEPLOYMENT = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/;

export interface MapOptions extends TextLineOptions {
  /** Do not unwrap docker json-file envelopes (used for the inner record). */
  inner?: boolean;
  /** Callers with their own order of service fields (Loki labels) turn the container fallback off. */
  noContainerService?: boolean;
  /** The caller has the message elsewhere (a CSV row's message column): no field is taken as it, all stay attributes. */
  noMessage?: boolean;
  /**
   * A numeric level of 1–7 is on the syslog scale (Graylog's CSV exports). Not for JSON records,
   * where small numbers are also other scales (Nextcloud's 0 debug … 4 fatal) and stay unread.
   */
  smallLevelsSyslog?: boolean;
}

/**
 * A record that is a line of pairs in written order (logfmt): a time key written before the
 * message is the line's own time, over one of any name written after it (Grafana's
 * `t=… level=warn msg=… time=…`, the later `time` a field of the event). The first top-level
 * time field (by its name) before the message key, with its time, when a message key follows.
 */
function leadingTime(obj: Record<string, unknown>, opts: LogTimeOptions | undefined): { key: string; t: ReadTime } | undefined {
  let key: string | undefined;
  let message = false;
  for (const k of Object.keys(obj)) {
    const n = norm(k);
    if (n === 'msg' || n === 'message') {
      message = true;
      break;
    }
    if (key === undefined && ROLE_OF.get(n)?.some((s) => s.role === 'time')) key = k;
  }
  if (key === undefined || !message) return undefined;
  const t = isTimeValue(obj[key]) ? readTimeValue(obj[key], opts) : undefined;
  return t ? { key, t } : undefined;
}

/**
 * Map one structured record. Never throws. `bounded` (a record whose attributes go to the analysis
 * as mapped here): past MAX_RECORD_ATTRIBUTES attributes the rest are counted in
 * `droppedAttributes`, not copied (a 2M-field JSON line copied them all for the analysis to trim);
 * they are the ones the analysis's trim dropped, as `obj`'s keys are in its key order.
 * `pairsInOrder`: `obj` is a logfmt line's pairs in written order (see leadingTime).
 */
export function mapStructured(obj: Record<string, unknown>, opts?: MapOptions, bounded = false, pairsInOrder = false): MappedLog {
  // Docker json-file: {"log":"…\n","stream":"stdout","time":"…"} — the log text is the record;
  // also as fluent-bit/fluentd forward it with their metadata (`kubernetes`, `date`, `tag`…) beside.
  if (!opts?.inner && isDockerLine(obj)) {
    return mapDockerLine(obj, opts);
  }
  const out: MappedLog = { body: obj as AttrValue, attributes: {}, resourceAttributes: {}, problems: [] };
  const idx = new FieldIndex(obj);
  const consumed = new Set<string>();
  // (a top-level key is consumed; a field read from inside `@fields` stays there, with the rest of it)
  const take = (e: Entry): void => {
    if (e.parent === undefined) consumed.add(e.key);
  };

  const lead = pairsInOrder ? leadingTime(obj, opts) : undefined;
  const time = lead !== undefined ? { key: lead.key, parent: undefined, value: obj[lead.key], depth: 1, path: [lead.key] } : idx.find('time', isTimeValue);
  if (time) {
    const t = lead !== undefined ? lead.t : readTimeValue(time.value, opts);
    if (t) {
      out.timeNs = t.ns;
      if (t.withoutZone) out.timeWithoutZone = true;
      if (t.withoutYear) out.timeWithoutYear = true;
      take(time);
    } else out.problems.push({ code: 'invalid-timestamp', message: `unreadable timestamp ${time.path.join('.')}=${JSON.stringify(time.value).slice(0, 80)}` });
  }

  const level = idx.find('level', isTextOrNumber);
  if (level) {
    const v = level.value as string | number;
    const numeric = typeof v === 'number' ? v : /^\d{1,3}$/.test(v.trim()) ? Number(v) : undefined;
    const named = numeric !== undefined && level.path.length === 1 ? levelNameBeside(obj) : undefined;
    if (named !== undefined) {
      // Monolog's JsonFormatter and NormalizerFormatter: `level` is its own scale (100 DEBUG,
      // 200 INFO, 250 NOTICE … 600 EMERGENCY) and `level_name` names it: the name is read. The scale
      // is RFC 5424's: where the number is Monolog's for that name, it is read as that syslog level
      // (500 CRITICAL is syslog's crit, below 550 ALERT, not Python's top CRITICAL).
      const syslog = MONOLOG_SYSLOG[numeric!];
      out.severityNumber = syslog !== undefined && MONOLOG_NAMES[numeric!] === named.text.toUpperCase() ? severityFromSyslog(syslog)!.number! : named.number;
      out.severityText = named.text;
      consumed.add(named.key);
    } else if (numeric !== undefined) {
      // GELF (Graylog): `level` is the syslog severity, 0 (emergency) to 7 (debug)
      // Windows events (Get-WinEvent | ConvertTo-Json): `Level` 1 critical … 5 verbose, named by LevelDisplayName
      const windows = level.path.length === 1 && isWindowsEvent(obj);
      const nextcloud = level.path.length === 1 && isNextcloud(obj);
      const scale = typeof obj['short_message'] === 'string' && level.path.length === 1 ? 'syslog' : scaleFor(level.path, opts?.smallLevelsSyslog === true ? numeric : undefined);
      const sev = windows ? severityFromWindowsLevel(numeric, obj['LevelDisplayName']) : nextcloud ? severityFromNextcloud(numeric) : scale === 'appinsights' ? severityFromAppInsights(numeric) : severityFromNumber(numeric, scale);
      if (sev?.number !== undefined) out.severityNumber = sev.number;
      out.severityText = sev?.text ?? String(v);
    } else {
      const text = String(v).trim();
      const n = text.length === 1 ? severityFromLetter(text.toUpperCase()) : severityFromLevelField(text);
      if (n !== undefined) out.severityNumber = n;
      out.severityText = text;
    }
    take(level);
  } else {
    const at = obj['at'];
    const atLevel = typeof at === 'string' ? severityFromText(at) : undefined;
    if (atLevel !== undefined) {
      // Heroku's logfmt (router and platform lines): `at=info`, `at=error code=H12`
      out.severityNumber = atLevel;
      out.severityText = (at as string).trim();
      consumed.add('at');
    } else if (typeof obj['@t'] === 'string' && (typeof obj['@mt'] === 'string' || typeof obj['@m'] === 'string')) {
      // Serilog compact JSON (CLEF): an absent `@l` means Information (serilog-formatting-compact README)
      out.severityNumber = 9;
    } else if (isKlogJson(obj)) {
      // klog's JSON format (Kubernetes components with --logging-format=json): no level, but an
      // error record carries `err`, and `v` is the verbosity (0-3 info, 4 and more debug)
      const err = 'err' in obj;
      const v = obj['v'] as number;
      out.severityNumber = err ? 17 : v >= 4 ? 5 : 9;
      out.severityText = err ? 'error' : v >= 4 ? `debug (v=${v})` : `info (v=${v})`;
    } else if (isPlainObject(obj['t']) && '$date' in obj['t'] && typeof obj['s'] === 'string') {
      // MongoDB 4.4+ structured log: `s` is the severity (F, E, W, I, D1…D5), `c` the component
      const s = obj['s'].trim();
      const debug = /^D([1-5])$/.exec(s);
      const n = debug ? Math.max(5, 9 - Number(debug[1])) : severityFromLetter(s);
      if (n !== undefined) out.severityNumber = n;
      out.severityText = s;
      consumed.add('s');
      if (typeof obj['c'] === 'string') out.scopeName = obj['c'];
    } else {
      // Datadog's log `status` (its CSV export's Status column): a level word only — an HTTP
      // status (`200`, `"OK"`) is not a level
      const key = typeof obj['status'] === 'string' ? 'status' : typeof obj['Status'] === 'string' ? 'Status' : undefined;
      const status = key === undefined ? '' : (obj[key] as string).trim();
      const n = DATADOG_STATUSES.test(status) ? severityFromText(status) : undefined;
      if (n !== undefined) {
        out.severityNumber = n;
        out.severityText = status;
        consumed.add(key!);
      }
    }
  }

  const message = opts?.noMessage ? undefined : idx.find('message', (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isByteArray(v));
  if (message) {
    out.body = isByteArray(message.value) ? decodeBytes(message.value) : String(message.value);
    take(message);
  }

  let traceValue: unknown;
  for (const role of ['trace', 'span'] as const) {
    const e = idx.find(role, (v) => isTextOrNumber(v));
    if (!e) continue;
    const decimal = norm(e.path.join('')).startsWith('dd');
    const r = normalizeId(e.value, role, decimal);
    if (r.id) {
      if (role === 'trace') {
        out.traceId = r.id;
        traceValue = e.value;
      } else out.spanId = r.id;
      take(e);
    } else if (r.invalid) {
      out.problems.push({ code: 'invalid-id', message: `${role} id ${e.path.join('.')}=${JSON.stringify(e.value).slice(0, 80)} is not a valid id` });
    }
  }
  // A W3C traceparent (`00-<trace>-<span>-01`, e.g. nginx's `$http_traceparent`) gives the span id too,
  // as a text line's `traceparent: …` does.
  if (out.spanId === undefined && typeof traceValue === 'string' && TRACEPARENT.test(traceValue.trim())) {
    const sp = normalizeId(traceValue, 'span').id;
    if (sp !== undefined) out.spanId = sp;
  }

  if (out.traceId === undefined && Array.isArray(obj['Scopes'])) readScopeIds(obj['Scopes'], out);

  const res = out.resourceAttributes;
  const str = (role: Role): string | undefined => {
    const e = idx.find(role, isTextOrNumber);
    return e ? String(e.value) : undefined;
  };
  // Heroku's router writes `service=18ms` (its service time): a number or a duration names no service.
  const serviceEntry = idx.find('service', (v) => isText(v) && !/^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)?$/.test(v.trim()));
  const service = serviceEntry && !namesNoService(obj, serviceEntry) ? String(serviceEntry.value) : undefined;
  const host = str('host');
  // bunyan: `name` is the service when it comes with hostname and pid
  const bunyanName = !service && host && typeof obj['name'] === 'string' && 'pid' in obj ? (obj['name'] as string) : undefined;
  const pod = str('pod');
  const podService = pod ? POD_OF_DEPLOYMENT.exec(pod)?.[1] : undefined;
  // Last resort, as OpenTelemetry's k8s service-name inference does: the container's name
  // (GCP `resource.labels.container_name`, Docker's `container_name: "/web-1"`).
  // A Docker Swarm task's container (`<service>.<slot>.<task id>`) names its service; a klog
  // record's `containerName` is what its message is about, not who wrote it.
  const containerService = !service && !bunyanName && !podService && !opts?.noContainerService && !isKlogJson(obj) ? str('container')?.replace(/^\//, '').replace(SWARM_TASK, '$1') : undefined;
  // a Windows event's provider (Event Viewer's "Source") is what wrote it, as the CSV export reads it
  const windowsProvider = !service && isWindowsEvent(obj) ? String(obj['ProviderName'] ?? obj['Source']) : undefined;
  // Monolog's LogstashFormatter writes its applicationName as `type` (with `@version` and `monolog_level`)
  const monologApp = !service && typeof obj['type'] === 'string' && obj['type'].trim() !== '' && 'monolog_level' in obj && '@version' in obj ? obj['type'] : undefined;
  const serviceName = service ?? bunyanName ?? monologApp ?? podService ?? (containerService || undefined) ?? windowsProvider;
  if (serviceName) res['service.name'] = serviceName;
  if (host) res['host.name'] = host;
  else if (typeof obj['MachineName'] === 'string' && obj['MachineName'] !== '' && isWindowsEvent(obj)) res['host.name'] = obj['MachineName'];
  const pid = str('pid');
  if (pid && /^\d+$/.test(pid)) res['process.pid'] = Number(pid);
  if (pod) res['k8s.pod.name'] = pod;
  const ns = str('namespace');
  if (ns) res['k8s.namespace.name'] = ns;
  const container = str('container');
  if (container) res['k8s.container.name'] = container;
  // (Elasticsearch's own JSON log, 7.x: `node.name` beside `cluster.name` is the Elasticsearch node
  // that logged, not a Kubernetes node; it stays an attribute)
  const nodeEntry = idx.find('node', isTextOrNumber);
  const node = nodeEntry && !(nodeEntry.depth === 1 && nodeEntry.key === 'node.name' && typeof obj['cluster.name'] === 'string') ? String(nodeEntry.value) : undefined;
  if (node) res['k8s.node.name'] = node;
  // Only a service's (or app's) version: a bare `version`, ECS's `ecs.version` (the schema's) and
  // filebeat's `agent.version` are something else.
  const version = idx.find('version', isText);
  if (version && /(service|app|application)version$/.test(norm(version.path.join('')))) res['service.version'] = String(version.value);
  const env = str('environment');
  if (env) res['deployment.environment'] = env;
  const scope = idx.find('scope', isText);
  if (scope) out.scopeName = String(scope.value);

  // A well-known field of the wrong JSON type (`"time": true`, `"msg": {…}`) is worth a word.
  const found: Record<string, boolean> = { time: !!time, level: !!level, message: !!message || !!opts?.noMessage };
  const keys = Object.keys(obj);
  for (const k of keys) {
    const role = PRIMARY.get(norm(k));
    const v = obj[k];
    // an empty string is a field left blank (`"level":""`), not one of the wrong type
    if (role && !found[role] && v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) {
      out.problems.push({ code: 'wrong-type', message: `field ${k} has type ${Array.isArray(v) ? 'array' : typeof v}, not a readable ${role}` });
    }
  }
  let kept = 0;
  let dropped = 0;
  for (const k of keys) {
    if (consumed.has(k)) continue;
    if (bounded && kept >= MAX_RECORD_ATTRIBUTES) dropped++;
    else {
      setAttribute(out.attributes, k, obj[k] as AttrValue);
      kept++;
    }
  }
  if (dropped > 0) out.droppedAttributes = dropped;
  if (!message) {
    // A message field that is null has no text to show (journalctl -o json writes MESSAGE: null for
    // a message over its field size limit): an empty body, not the whole record as the message.
    // Without any message field, the record itself is the body.
    const nullMessage = keys.some((k) => obj[k] === null && PRIMARY.get(norm(k)) === 'message');
    out.body = nullMessage ? '' : (obj as AttrValue);
  } else if (!opts?.inner && typeof obj['textPayload'] === 'string' && typeof obj['logName'] === 'string' && !('jsonPayload' in obj)) {
    // A Google Cloud Logging entry whose payload is the raw line the logging agent read (a
    // container's stdout): as structured as that line. Its severity is the agent's (stdout or
    // stderr), not the line's; a structured line arrives as jsonPayload.
    out.lineKind = lineKindOf(obj['textPayload']);
  } else if (!level && !opts?.inner && typeof out.body === 'string' && isShipperEnvelope(obj)) {
    // An attribute left out past the bound is one the record has: the shipped line's own does not replace it.
    const kind = readShippedLine(out, out.body, opts, dropped > 0 ? (k) => Object.prototype.hasOwnProperty.call(obj, k) && !consumed.has(k) : undefined);
    // As for docker's line: the record is as structured as the line it carries, unless a parser
    // (an ingest pipeline, a processor) added fields of the application's beside it.
    if (kind !== 'text' || keys.every((k) => SHIPPER_FIELDS.has(k) || consumed.has(k))) out.lineKind = kind;
  }
  return out;
}

/**
 * What filebeat / Elastic Agent and Vector put around a line they read without parsing it: where
 * it came from and who shipped it (filebeat's exported fields: `agent`, `ecs`, `host`, `input`,
 * `log.file`/`log.offset`, add_*_metadata processors' `cloud`, `container`, `kubernetes`…;
 * Vector's file, docker_logs and kubernetes_logs sources).
 */
const SHIPPER_FIELDS = new Set([
  '@timestamp', '@metadata', '@version', 'agent', 'ecs', 'host', 'input', 'log', 'log.file.path', 'log.offset', 'log.flags',
  'cloud', 'container', 'kubernetes', 'orchestrator', 'docker', 'data_stream', 'elastic_agent', 'fields', 'tags', 'event', 'fileset', 'service.type', 'stream',
  'source_type', 'timestamp', 'file', 'label', 'labels', 'container_id', 'container_name', 'container_created_at', 'image', 'hostname', 'path', 'type', 'message',
]);

/**
 * A record a log shipper wrote around a raw line it read from a file, without parsing it:
 * filebeat / Elastic Agent (`@metadata.beat`, `agent.type`, `input.type`) and Vector's file
 * source (`source_type`). Its message is the application's line, as docker's `log` is.
 */
function isShipperEnvelope(obj: Record<string, unknown>): boolean {
  const meta = obj['@metadata'];
  if (isPlainObject(meta) && typeof meta['beat'] === 'string') return true;
  const agent = obj['agent'];
  if (isPlainObject(agent) && (agent['type'] === 'filebeat' || agent['type'] === 'elastic-agent')) return true;
  if (typeof obj['agent.type'] === 'string' && /^(filebeat|elastic-agent)$/.test(obj['agent.type'])) return true;
  return obj['source_type'] === 'file' || obj['source_type'] === 'kubernetes_logs' || obj['source_type'] === 'docker_logs';
}

/** The shipped line read like docker's `log`: its own time, level, ids and message; the shipper's time is the observed time. */
function readShippedLine(out: MappedLog, line: string, opts?: MapOptions, hasAttribute?: (key: string) => boolean): LineKind {
  const { mapped: inner, kind } = mapLogLine(withoutNewline(line), { ...(out.timeNs === undefined ? opts : { ...opts, nowMs: envelopeMs(out.timeNs) }), inner: true });
  out.body = inner.body;
  if (inner.timeNs !== undefined) {
    if (out.timeNs !== undefined) out.observedTimeNs = out.timeNs;
    out.timeNs = inner.timeNs;
    if (inner.timeWithoutZone) out.timeWithoutZone = true;
    else delete out.timeWithoutZone;
    if (inner.timeWithoutYear) out.timeWithoutYear = true;
    else delete out.timeWithoutYear;
  }
  if (inner.severityNumber !== undefined) out.severityNumber = inner.severityNumber;
  if (inner.severityText !== undefined) out.severityText = inner.severityText;
  fillTraceContext(out, inner);
  if (out.scopeName === undefined && inner.scopeName !== undefined) out.scopeName = inner.scopeName;
  for (const k of Object.keys(inner.attributes)) if (!(k in out.attributes) && !hasAttribute?.(k)) setAttribute(out.attributes, k, inner.attributes[k] as AttrValue);
  out.resourceAttributes = { ...out.resourceAttributes, ...inner.resourceAttributes };
  out.problems.push(...inner.problems);
  if (inner.jsonTail) out.jsonTail = true;
  return kind;
}

/**
 * ASP.NET Core's JSON console formatter with IncludeScopes writes the logging scopes as a
 * top-level `Scopes` array of objects; the hosting layer's activity scope holds the W3C ids
 * (`{"Message":"SpanId:…, TraceId:…, ParentId:…","SpanId":"…","TraceId":"…","ParentId":"…"}`).
 * The first scope with a readable TraceId gives the record its trace and span ids (the Scopes
 * stay an attribute: they hold more than the ids).
 */
function readScopeIds(scopes: unknown[], out: MappedLog): void {
  for (const scope of scopes.slice(0, 32)) {
    if (!isPlainObject(scope)) continue;
    let trace: unknown;
    let span: unknown;
    for (const k of Object.keys(scope)) {
      const n = norm(k);
      if (n === 'traceid') trace = scope[k];
      else if (n === 'spanid') span = scope[k];
    }
    const t = normalizeId(trace, 'trace').id;
    if (t === undefined) continue;
    out.traceId = t;
    const sp = normalizeId(span, 'span').id;
    if (sp !== undefined && out.spanId === undefined) out.spanId = sp;
    return;
  }
}

/** The level and the trace and span ids that fields beside a carried line found, where the line itself has none. */
export function fillFromEnvelope(out: MappedLog, env: MappedLog): void {
  if (out.severityNumber === undefined && out.severityText === undefined) {
    if (env.severityNumber !== undefined) out.severityNumber = env.severityNumber;
    if (env.severityText !== undefined) out.severityText = env.severityText;
  }
  fillTraceContext(out, env);
}

/** The trace and span ids another reading of the record found, where `out` has none. */
function fillTraceContext(out: MappedLog, from: MappedLog): void {
  if (out.traceId === undefined && from.traceId !== undefined) out.traceId = from.traceId;
  if (out.spanId === undefined && from.spanId !== undefined) out.spanId = from.spanId;
}

/** Plain assignment of a `__proto__` key would replace the object's prototype; define it instead. */
export function setAttribute(target: Attributes, key: string, value: AttrValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isByteArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && x >= 0 && x <= 255 && Number.isInteger(x));
}

const utf8 = new TextDecoder('utf-8');
function decodeBytes(bytes: number[]): string {
  return utf8.decode(Uint8Array.from(bytes));
}

/**
 * "Now" for inferring the year of a year-less timestamp inside an envelope with an exact time
 * (docker/CRI `time`, a Loki entry, a CloudWatch event): the envelope's time.
 */
export function envelopeMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}

/** A message carried inside another record (a shipper's `message`, Splunk's `_raw`): read as JSON, logfmt or text. */
function mapEmbedded(text: string, opts?: MapOptions): MappedLog {
  return mapLogLine(text, { ...opts, inner: true }).mapped;
}

/** logfmt pairs → parts; a klog-style prefix before the pairs gives time/level/body when the pairs lack them. */
export function mapLogfmtLine(parsed: LogfmtLine, opts?: MapOptions): MappedLog {
  const m = mapStructured(parsed.pairs, opts, false, true);
  if (parsed.prefix !== '') {
    const head = mapText(parsed.prefix, opts);
    if (m.timeNs === undefined && head.timeNs !== undefined) {
      m.timeNs = head.timeNs;
      if (head.timeWithoutZone) m.timeWithoutZone = true;
      if (head.timeWithoutYear) m.timeWithoutYear = true;
    }
    if (m.severityNumber === undefined && m.severityText === undefined) {
      if (head.severityNumber !== undefined) m.severityNumber = head.severityNumber;
      if (head.severityText !== undefined) m.severityText = head.severityText;
    }
    // A key the line left out past the bound is not added anew: the whole line had it there, past the bound.
    const bound = parsed.bound;
    if (bound === undefined) Object.assign(m.attributes, head.attributes);
    else for (const k of Object.keys(head.attributes)) if (!bound.has(k)) m.attributes[k] = head.attributes[k]!;
    if (typeof m.body !== 'string') {
      const quoted = /"((?:[^"\\]|\\.)*)"\s*$/.exec(parsed.prefix);
      m.body = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : parsed.prefix;
    }
  }
  if (parsed.bound !== undefined) {
    m.droppedAttributes = parsed.bound.dropped;
    if (m.body === parsed.pairs) m.droppedBodyMembers = parsed.bound.dropped;
  }
  return m;
}

/** A first `key=` as parseLogfmt reads keys (its KEY_CHAR): the line starts with a pair. */
const LOGFMT_START = /^[A-Za-z0-9_.\-@/:[\]]+=/;

/** Map one log line of unknown shape. Never throws. */
export function mapLogLine(raw: string, opts?: MapOptions): { mapped: MappedLog; kind: LineKind } {
  // the line's own newline (docker keeps it in `log`) is not part of the message
  const text = stripAnsi(withoutNewline(raw));
  const t = text.trim();
  const inner = jsonObjectLine(t);
  if (inner) return { mapped: mapStructured(inner, opts), kind: 'json' };
  const pairs = logfmtPairs(t);
  if (pairs) return { mapped: mapLogfmtLine(pairs, opts), kind: 'logfmt' };
  // Text whose fields end it as a JSON object (zap's console encoder: see readTrailingJson), read as
  // in a text log: `jsonTail` makes it structured; a JSON record after a tool's prefix is a JSON line.
  const mapped = mapText(text, opts);
  readTrailingJson(mapped, text);
  const carried = mapped.lineKind === 'json';
  delete mapped.lineKind;
  return { mapped, kind: carried ? 'json' : 'text' };
}

/** Whether a line read by mapLogLine is a structured record: JSON, logfmt, or text its fields end as a JSON object. */
export function isStructuredLine(read: { mapped: MappedLog; kind: LineKind }): boolean {
  return read.kind !== 'text' || read.mapped.jsonTail === true;
}

/** How a line would be read (JSON object, logfmt or text), without mapping it. */
function lineKindOf(line: string): LineKind {
  const t = stripAnsi(withoutNewline(line)).trim();
  return jsonObjectLine(t) ? 'json' : logfmtPairs(t) ? 'logfmt' : 'text';
}

/** A trimmed line that is one JSON object (within the depth limit), parsed; else undefined. */
export function jsonObjectLine(t: string): Record<string, unknown> | undefined {
  if (t.length < 2 || t[0] !== '{' || t[t.length - 1] !== '}') return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return isPlainObject(v) && !depthExceeds(v) ? v : undefined;
  } catch {
    return undefined; // not JSON after all: read it as logfmt or text
  }
}

/** A trimmed line's logfmt pairs when it is a logfmt line: two pairs or more from its very start. */
export function logfmtPairs(t: string): LogfmtLine | undefined {
  // Only a line that begins with a pair can be logfmt without a prefix: most text lines are not looked at further.
  if (!LOGFMT_START.test(t)) return undefined;
  const pairs = parseLogfmt(t);
  return pairs.count >= 2 && pairs.prefix === '' ? pairs : undefined;
}

/**
 * A line an envelope stamped with its own time (docker's `log` and `time`, a CRI line, `kubectl
 * logs --timestamps`): the line read as JSON, logfmt or text, with its own time, level and ids;
 * the envelope's time is the observed time, and the time when the line has none or has one
 * without a zone. `lineKind`
 * tells how the line was read: only a JSON or logfmt line is a structured record.
 */
export function mapStampedLine(text: string, time: unknown, opts?: MapOptions): MappedLog {
  const outer = readTimeValue(time, opts);
  // A year the line lacks (klog `I1006 …`, syslog `Oct  6 …`) is the one of the envelope's exact time, not of today.
  // The line is the application's record: a JSON object is not another envelope to unwrap.
  const { mapped: out, kind } = mapLogLine(text, { ...opts, ...(outer ? { nowMs: envelopeMs(outer.ns) } : {}), inner: true });
  out.lineKind = kind;
  if (outer) {
    out.observedTimeNs = outer.ns;
    // The line's own time without a zone (a logger's local clock) is the envelope's exact, zoned
    // instant to within the write: that one is taken, not the zone-less one guessed as UTC.
    if (out.timeNs === undefined || (out.timeWithoutZone && !outer.withoutZone)) {
      out.timeNs = outer.ns;
      delete out.timeWithoutZone;
      delete out.timeWithoutYear;
    }
  }
  return out;
}

function mapDockerLine(obj: Record<string, unknown>, opts?: MapOptions): MappedLog {
  const out = mapStampedLine(obj['log'] as string, obj['time'], opts); // its trailing newline is cut there
  out.attributes['log.iostream'] = obj['stream'] as string;
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) if (k !== 'log' && k !== 'stream' && k !== 'time') rest[k] = obj[k];
  for (const k of Object.keys(rest)) setAttribute(out.attributes, k, rest[k] as AttrValue);
  if (Object.keys(rest).length > 0) {
    // The collector's metadata (fluent-bit's `kubernetes.pod_name`…) names the resource; the line's own fields win.
    const env = mapStructured(rest, { ...opts, inner: true });
    out.resourceAttributes = { ...env.resourceAttributes, ...out.resourceAttributes };
    // a level or trace id a shipper's parser put beside the line fills what the line itself lacks
    fillFromEnvelope(out, env);
  }
  return out;
}

/** Docker json-file's entry (also as fluent-bit/fluentd forward it): `log` and `stream`, and no message member of its own. */
export function isDockerLine(obj: Record<string, unknown>): boolean {
  return typeof obj['log'] === 'string' && typeof obj['stream'] === 'string' && !hasMessageKey(obj);
}

/** A top-level member that is a log message by name (`msg`, `message`): then `log` is not docker's line. */
function hasMessageKey(obj: Record<string, unknown>): boolean {
  for (const k of Object.keys(obj)) if (PRIMARY.get(norm(k)) === 'message') return true;
  return false;
}

/** Members of a Splunk export line (`/services/search/jobs/export`, "Export results → JSON"). */
const SPLUNK_ENVELOPE = new Set(['preview', 'offset', 'lastrow', 'result', 'messages', 'init_offset']);

/** `{"preview":false,"offset":0,"result":{"_raw":…,"_time":…,"host":…}}`, one a line; the end marker may carry no result. */
export function isSplunkExportLine(obj: Record<string, unknown>): boolean {
  if (typeof obj['preview'] !== 'boolean') return false;
  for (const k of Object.keys(obj)) if (!SPLUNK_ENVELOPE.has(k)) return false;
  return obj['result'] === undefined || isPlainObject(obj['result']);
}

/**
 * The event of a Splunk export line, or undefined for a line without one. `_raw` is the event
 * text (JSON or text, read as such), `_time` Splunk's event time (with zone), `host`/`source`/
 * `sourcetype`/`index` the usual metadata; other fields (search-time extractions) are attributes.
 */
export function mapSplunkResult(obj: Record<string, unknown>, opts?: MapOptions): MappedLog | undefined {
  const result = obj['result'];
  if (!isPlainObject(result)) return undefined;
  const raw = result['_raw'];
  let out: MappedLog;
  if (typeof raw !== 'string') out = mapStructured(result, opts);
  else {
    out = mapEmbedded(withoutNewline(raw), opts);
    const time = readTimeValue(result['_time'], opts);
    if (time) {
      out.timeNs = time.ns;
      if (time.withoutZone) out.timeWithoutZone = true;
      else delete out.timeWithoutZone;
      delete out.timeWithoutYear;
    } else if (result['_time'] !== undefined) {
      out.problems.push({ code: 'invalid-timestamp', message: `unreadable _time ${JSON.stringify(result['_time']).slice(0, 80)}` });
    }
    const host = result['host'];
    if (typeof host === 'string' && host !== '') out.resourceAttributes['host.name'] ??= host;
    for (const [k, v] of Object.entries(result)) {
      if (k === '_raw' || k === '_time' || k === 'host' || k.startsWith('_') || k === 'splunk_server' || k === 'linecount') continue;
      if (out.attributes[k] === undefined) setAttribute(out.attributes, k === 'source' || k === 'sourcetype' || k === 'index' ? `splunk.${k}` : k, v as AttrValue);
    }
  }
  return out;
}

/** A JSON record after at most this much of a tool's prefix is the line's record (see readTrailingJson). */
const CARRIER_PREFIX_CHARS = 120;
/** Members that name a JSON object as a log record with a message of its own. */
const CARRIED_MESSAGE_KEYS = ['msg', 'message', '@message', 'log'];

/**
 * What comes before a JSON object is only a tool's prefix: it ends as a prefix does (`:`, `]`,
 * `|`), and has no words of a sentence in it (two plain words in a row, the first no level:
 * `Stripe response: `, where `INFO main: ` is a level and a name).
 */
function isCarrierPrefix(prefix: string): boolean {
  const t = prefix.trimEnd();
  const last = t[t.length - 1];
  if (last !== ':' && last !== ']' && last !== '|') return false;
  const words = t.split(/\s+/);
  for (let i = 0; i + 1 < words.length; i++) {
    if (/^[A-Za-z]+$/.test(words[i]!) && /^[A-Za-z]+:?$/.test(words[i + 1]!) && severityFromText(words[i]!) === undefined) return false;
  }
  return true;
}

/** Longest line whose trailing JSON object is looked for. */
const TRAILING_JSON_CHARS = 64 * 1024;

/**
 * Fields a logger appends to the message as one JSON object — winston's `simple` format
 * (`info: user created {"service":"users"}`), zap's console encoder (`…\tmsg\t{"trace_id":"…"}`):
 * read as a structured record's fields are, the service, trace and span ids where the line has
 * none, and the other fields as attributes. The line stays the body, and the record counts as
 * structured (its fields are fields, as a JSON or logfmt line's are) — unless the object has a
 * message of its own and is not carried: a payload the line's text shows, free text.
 */
export function readTrailingJson(parts: LogParts, text: string): void {
  if (text.length > TRAILING_JSON_CHARS || text.charCodeAt(text.length - 1) !== 125 /* } */) return;
  // the `{"` after a space or tab from which the rest of the line is one JSON object: the only one
  // that can be is where the line's last `}` is opened (trailingObjectStart), parsed once
  const p = trailingObjectStart(text);
  if (p > 0 && text.charCodeAt(p + 1) === 34 /* " */ && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) {
    let obj: unknown;
    try {
      obj = JSON.parse(text.slice(p));
    } catch {
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || depthExceeds(obj)) return;
    const record = obj as Record<string, unknown>;
    // A JSON log record after a tool's short prefix (`app[web.1]: `, pm2's `0|app | <local time>: `,
    // tekton's `[step] `): the record's own message, level and exact time are the line's. Not a
    // payload the line's own message goes on to show (`INFO client: Stripe response {…}`, Ansible's
    // `fatal: [web2]: UNREACHABLE! => {…}`): that line is its own record, its time and text its own.
    const ownMessage = CARRIED_MESSAGE_KEYS.some((k) => typeof record[k] === 'string');
    const carried = p <= CARRIER_PREFIX_CHARS && isCarrierPrefix(text.slice(0, p)) && ownMessage;
    const m = mapStructured(record, { noMessage: !carried, inner: true });
    // The logger's fields (zap's, winston's) make the record structured; an object with a message of
    // its own that the line does not carry is a payload its text shows (an API's reply): free text.
    if (!ownMessage) parts.jsonTail = true;
    if (carried) {
      parts.lineKind = 'json';
      if (typeof m.body === 'string') parts.body = m.body;
      if (parts.severityNumber === undefined && m.severityNumber !== undefined) {
        parts.severityNumber = m.severityNumber;
        if (m.severityText !== undefined) parts.severityText = m.severityText;
      }
      if (m.timeNs !== undefined && !m.timeWithoutZone && (parts.timeNs === undefined || parts.timeWithoutZone)) {
        parts.timeNs = m.timeNs;
        delete parts.timeWithoutZone;
        delete parts.timeWithoutYear;
      }
    }
    // (a record carried whole names its own service over its envelope's tag: syslog's `app[1]:`)
    const service = m.resourceAttributes['service.name'];
    if (service !== undefined) {
      if (carried) parts.resourceAttributes['service.name'] = service;
      else parts.resourceAttributes['service.name'] ??= service;
    }
    if (parts.traceId === undefined && m.traceId !== undefined) {
      parts.traceId = m.traceId;
      if (m.spanId !== undefined) parts.spanId = m.spanId;
    }
    for (const [k, v] of Object.entries(m.attributes)) if (!(k in parts.attributes)) setAttribute(parts.attributes, k, v);
  }
}

/**
 * Where the JSON value that ends `text` (its last character a `}` or `]`) would begin: read back
 * from the end, its brackets matched outside its strings (a `"` is a string's end or start unless
 * an odd run of backslashes precedes it: inside a JSON string a quote is escaped, and no backslash
 * stands before a string), up to the bracket the last one closes. Any suffix of `text` that is a
 * JSON value so ending begins there, so it is the one place worth parsing; -1 where brackets do not
 * match. Linear in the length of that suffix.
 */
function trailingObjectStart(text: string): number {
  const open: number[] = [];
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // the string's other quote: the first one before it that no odd run of backslashes escapes
      let j = i - 1;
      for (; j >= 0; j--) {
        if (text.charCodeAt(j) !== 34) continue;
        let k = j - 1;
        while (k >= 0 && text.charCodeAt(k) === 92 /* \ */) k--;
        if ((j - 1 - k) % 2 === 0) break;
      }
      if (j < 0) return -1;
      i = j;
    } else if (c === 125 /* } */ || c === 93 /* ] */) open.push(c === 125 ? 123 : 91);
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (open.pop() !== c) return -1;
      if (open.length === 0) return i;
    }
  }
  return -1;
}

/** A free-text message (docker `log`, a CSV message cell): level, time and ids from the text. */
export function mapText(text: string, opts?: TextLineOptions): MappedLog {
  const f = analyzeTextLine(text.replace(/^\s+/, ''), opts);
  const out: MappedLog = { body: text, attributes: f.attributes, resourceAttributes: f.resourceAttributes, problems: [] };
  if (f.timeNs !== undefined) {
    out.timeNs = f.timeNs;
    if (f.timeWithoutZone) out.timeWithoutZone = true;
    if (f.timeWithoutYear) out.timeWithoutYear = true;
  }
  if (f.severityNumber !== undefined) out.severityNumber = f.severityNumber;
  if (f.severityText !== undefined) out.severityText = f.severityText;
  if (f.traceId) out.traceId = f.traceId;
  if (f.spanId) out.spanId = f.spanId;
  if (f.scopeName !== undefined) out.scopeName = f.scopeName;
  if (f.levelColumn) out.levelColumn = f.levelColumn;
  return out;
}
