// What one line of a plain-text log says about itself: timestamp, level, syslog/glog/access-log
// parts, trace ids written into the text, and a "header key" — the shape of the line's start,
// which the text decoder uses to learn how records begin in a given file.
import type { Attributes } from '../../model/index.js';
import { civilToNs, matchTimestampAt, scanLeadingTimestamp, parseLogTimestamp, type FoundTimestamp, type LogTimeOptions } from '../common/time.js';
import { severityFromLetter, severityFromSyslog, severityFromText } from '../jsonl-logs/severity.js';
import { readTraceListener } from './trace-listener.js';
import { readTtcc } from './ttcc.js';
import { normalizeId, type IdKind } from '../jsonl-logs/ids.js';
import { findLevelColumn, levelInColumn, type FoundColumn, type LevelColumn, type TextLineOptions } from './level-column.js';
import { NODE_WARNING } from '../common/crash-lines.js';
import { readHaproxyStderr } from './haproxy-stderr.js';
import { PY_LEVEL_HEADER, pythonLineLevel } from './python-lines.js';

export interface TextLineFields {
  timeNs?: bigint;
  timeWithoutZone?: boolean;
  timeWithoutYear?: boolean;
  severityNumber?: number;
  severityText?: string;
  /** Trace/span ids written in the text (`TraceID: 2ffb…`, `trace_id=…`). */
  traceId?: string;
  spanId?: string;
  /** The logger that wrote the line, when the layout names it (Spring Boot's `logger : message`). */
  scopeName?: string;
  attributes: Attributes;
  resourceAttributes: Attributes;
  /** Shape of the line start, e.g. `ts:iso@` or `glog`; `indent` for indented lines. */
  headerKey: string;
  /** True when the line starts with a recognised header (timestamp, syslog PRI, glog, access log). */
  hasHeader: boolean;
  /** A leading date whose fields are out of range (`2020-07-66 20:34:49`), as written (see LogTimeOptions.reportInvalid). */
  invalidTime?: string;
  /** Fluentd `out_file` lines (`<time>\t<tag>\t<record as JSON>`): the tag and the record's JSON text. */
  fluentd?: { tag: string; json: string };
  /** Where the line writes a level word after its header, with the word (only with TextLineOptions.findLevelColumn). */
  levelColumn?: FoundColumn;
}

/** After the time of a Fluentd out_file line: tab, tag, tab, a JSON object. */
const FLUENTD_TAIL = /^\t([^\t\s]+)\t(\{.*\})\s*$/;

// (glog 0.6 and later write the year too: I20261128 09:00:00.123456)
const GLOG = /^([IWEF])((?:\d{4})?\d{4} \d{2}:\d{2}:\d{2}(?:\.\d+)?)\s+(\d+)\s+([^:\s\]]+):(\d+)\]\s?/;
/**
 * Common/combined log format (Apache, nginx): client, ident, user, [time], "request", status,
 * size, then optionally "referer" "agent". The client may be a list, as nginx writes
 * `$proxy_add_x_forwarded_for` or a quoted X-Forwarded-For before the address
 * (`10.0.0.2, 10.0.0.1, 127.0.0.1 - - […]`, `"10.5.1.2, 199.96.1.1" 10.2.1.185 - - […]`,
 * as in filebeat's nginx module tests): up to 8 more tokens, the fewest that fit.
 */
const ACCESS = /^((?:"[^"]*"|[^\s"]+)(?: (?:"[^"]*"|[^\s"[]+)){0,8}?) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
/** The first address of an access line's client list (the original client of a forwarded request). */
const firstClient = (list: string): string => list.replace(/^"/, '').split(/[\s,"]+/, 1)[0]!;
// `<PRI>` and the RFC 5424 version; an octet count before it is syslog over TCP's framing (RFC 6587),
// as Heroku's log drains and rsyslog's omfwd with octet-counting send it.
const PRI = /^(?:\d{1,6} )?<(\d{1,3})>(?:(\d{1,2}) )?/;
// RFC 3164 TAG (alphanumerics, up to 32; here `-_./` too) and an optional `[pid]`, then `: `; not a
// capitalised word, which begins a sentence (`<14>Connection: closed`), nor a level word (see below).
const PRI_TAG = /^(?![A-Z][a-z]+:)([A-Za-z0-9][\w./-]{0,47})(?:\[(\d+)\])?:\s/;
// AWS Application Load Balancer access log (docs "Access log entries"): type time elb client:port
// target:port request/target/response processing times (s, -1 when none) elb_status target_status
// received sent "request" "user_agent" …, then "trace_id" (an X-Ray header) among the fields after.
const ALB = /^(https?|h2|grpcs|wss?) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (\S+) (\S+) (\S+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (\d{3}|-) (\d{3}|-) (\d+|-) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"/;
// after a syslog timestamp: host app[pid]: message   (app may carry "(pam_unix)")
// (macOS: a responsible process after the pid, `sandboxd[129] ([31211]):`)
// (sysklogd names itself with its version: `syslogd 1.4.1: restart.`)
/**
 * The time `dmesg --time-format iso` writes at a line's start (util-linux: `%Y-%m-%dT%H:%M:%S,%06ld%+03d:%02d`,
 * the microseconds after a comma; journalctl, rsyslog and syslog-ng write a point there).
 */
const DMESG_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d{6}[+-]\d\d:\d\d$/;
const SYSLOG_TAIL = /^\s+(\S+)\s+([^\s[:]+(?:\([^)]*\))?)(?:\[(\d+)\](?: \(\[\d+\]\))?| \d+(?:\.\d+)+)?:\s?/;
const SYSLOG_TAIL_PID = /^\s+(\S+)\s+([^\s[:]+(?:\([^)]*\))?)\[(\d+)\](?: \(\[\d+\]\))?:\s?/;
/**
 * After an ISO or epoch time (journalctl `-o short-iso` / `short-unix`, rsyslog's RFC 3339
 * template): `host tag:` without a pid only when the host is a hostname and the tag a program
 * name in lower case (`kernel:`, `sudo:`, `thermald:`), so an application's `INFO main:` or
 * `worker-1 Processing:` is not taken for a host and a service; nor is a capitalised word, which
 * begins a sentence, not a hostname (`Requested labels:`, `Database connection: refused`).
 */
const SYSLOG_TAIL_HOST_TAG = /^\s+(?![A-Z][a-z]+\s)([A-Za-z0-9][\w.-]*)\s+([a-z][\w.-]*(?:\([^)]*\))?):\s/;
/** `tag[pid]:` or `tag:` right after the time: journalctl `--no-hostname` (no host field). */
const SYSLOG_TAIL_NO_HOST = /^\s+()([^\s[:]+(?:\([^)]*\))?)\[(\d+)\]:\s?/;
/**
 * Heroku's Logplex lines after their RFC 3339 time (`heroku logs`, a log drain): `source[dyno]:`,
 * `app[web.1]` the application's own output, `heroku[router]` / `heroku[web.1]` the platform's.
 */
const HEROKU_TAIL = /^\s+()(app|heroku)\[([\w.-]+)\]:\s?/;
// RFC 5424 after the timestamp: HOST APP PROCID MSGID
const RFC5424_TAIL = /^\s+(\S+) (\S+) (\S+) (\S+) ?/;
// A trace id in 32 or 16 hex, or as a UUID (some loggers print the 128 bits that way).
const TRACE_IN_TEXT = /\b(?:trace[_.-]?id|traceid|x-b3-traceid)["']?\s*[:=]\s*["']?(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}|[0-9a-fA-F]{16})(?![0-9a-fA-F])/i;
// An AWS X-Ray trace header (`X-Amzn-Trace-Id: Root=1-…;Parent=…`, an ALB access log's trace_id field).
const XRAY_ROOT_IN_TEXT = /\bRoot=(1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24})(?![0-9a-fA-F])/;
// A W3C `traceparent` header written into the line (access logs that log it): version-trace-span-flags.
const TRACEPARENT_IN_TEXT = /\btraceparent["']?\s*[:=]\s*["']?[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}\b/i;
// (the ids are written as SpanContext has them: lower-case hex, 32 and 16 digits)
const OTEL_JAVA_LOG_IDS = /' : ([0-9a-f]{32}) ([0-9a-f]{16}) \[scopeInfo: [^\]]*\] /;
const SPAN_IN_TEXT = /\b(?:span[_.-]?id|spanid|x-b3-spanid)["']?\s*[:=]\s*["']?([0-9a-fA-F]{16})(?![0-9a-fA-F])/i;
const TOKEN = /[^\s[\]()<>{}|:,;="']+/g;
// `trce`, `dbug`, `fail`: the .NET console logger (`fail: Microsoft.AspNetCore…[13]`).
/** The .NET console logger's (SimpleConsoleFormatter's) head of a record at LogLevel.Critical: `crit: Category[EventId]`. */
const MEL_CRITICAL = /^crit: [^\s[\]]{1,1000}\[\d{1,10}\]/;
const LOWER_OK = new Set(['trace', 'debug', 'info', 'information', 'notice', 'warn', 'warning', 'error', 'err', 'fatal', 'critical', 'crit', 'severe', 'emerg', 'alert', 'panic', 'verbose', 'trce', 'dbug', 'fail']);

/** Collapse a prefix to its character classes so `R02-M1 ` and `R13-M0 ` look alike. */
export function classShape(text: string): string {
  return text.replace(/\d+/g, '9').replace(/[A-Za-z]+/g, 'a').replace(/\s+/g, ' ');
}

export interface FoundLevel {
  number?: number;
  text: string;
}

/**
 * Find a level word near `from`: the first token in any case (`info`, `Info`, `INFO`),
 * later tokens (up to 10) only in capitals; one-letter levels (logcat `D`) only right after
 * numeric tokens such as pid/tid. Past the tenth token, key=value pairs do not count against
 * the ten, and only a `LEVEL:` is taken: Sidekiq 7 writes its context before the level
 * (`pid=1 tid=2ac1 class=HardJob jid=… elapsed=0.503 INFO: done`).
 *
 * The level is in the line's header (its time, bracketed fields, a name, a pid), before the
 * message. Once the message has begun (see sentenceStart: two plain words in a row), a word is a
 * level only when it is written as one: in square brackets (`[warn]`), in capitals before a colon
 * (`ERROR:`), or as a level field's value (`level=error`). Before, any capital level word among
 * the first ten tokens was taken: `user clicked (DEBG) button` was a debug record and `request
 * done, status ERROR returned` an error.
 */
export function findLevel(text: string, from: number, afterTimestamp: boolean): FoundLevel | undefined {
  const window = text.slice(from, from + 200);
  let message = -1; // where the message starts (see sentenceStart), looked for once a token after the first needs it
  TOKEN.lastIndex = 0;
  let i = 0;
  let plain = 0;
  let allNumeric = true;
  let prevWasLevelKey = false;
  for (let m = TOKEN.exec(window); m && plain < 10; m = TOKEN.exec(window), i++) {
    const tok = m[0];
    const pair = window[m.index + tok.length] === '=' || window[m.index - 1] === '=';
    if (!pair) plain++;
    if (i >= 10) {
      if (pair || tok.length < 2 || tok !== tok.toUpperCase() || window[m.index + tok.length] !== ':') continue;
      const n = severityFromText(tok);
      if (n !== undefined) return { number: n, text: tok };
      continue;
    }
    const upper = tok.toUpperCase();
    if (prevWasLevelKey) {
      const n = severityFromText(tok);
      if (n !== undefined) return { number: n, text: tok };
    }
    const after = window[m.index + tok.length];
    if (i > 0 && message === -1) message = sentenceStart(window);
    // (`at=info`, `at=error`: Heroku's router and platform lines say their level so; in the message only `level=`/`level:` is a field)
    prevWasLevelKey = (/^(level|lvl|severity|loglevel)$/i.test(tok) && (i === 0 || m.index < message || after === '=' || after === ':')) || (tok === 'at' && window[m.index + 2] === '=');
    if (i > 0 && m.index >= message) {
      // In the message: only a level written as one.
      if (tok.length > 1 && tok === upper && after === ':') {
        const n = severityFromText(tok);
        if (n !== undefined) return { number: n, text: tok };
      }
      const level = bracketedLevel(window, m.index, tok);
      if (level) return level;
      continue;
    }
    if (tok === upper && /[A-Z]/.test(tok)) {
      if (tok.length === 1) {
        if (afterTimestamp && allNumeric && i > 0) {
          const n = severityFromLetter(tok);
          if (n !== undefined) return { number: n, text: tok };
        }
      } else {
        const n = severityFromText(tok);
        if (n !== undefined) return { number: n, text: tok };
      }
    } else if (i === 0 && LOWER_OK.has(tok.toLowerCase()) && window[m.index - 1] !== '[') {
      // (a bracketed first word is read as any bracketed word: Ansible's `[warn] *****` names a task)
      // (.NET's console logger writes LogLevel.Critical, its top level, as `crit` before the category and event id: FATAL, as
      // OpenTelemetry .NET maps it, not syslog's crit)
      if (tok === 'crit' && MEL_CRITICAL.test(window.slice(m.index))) return { number: 21, text: tok };
      return { number: severityFromText(tok), text: tok };
    } else {
      const level = bracketedLevel(window, m.index, tok);
      if (level) return level;
    }
    const dot = tok.lastIndexOf('.');
    if (dot > 0 && window[m.index + tok.length] === ':') {
      // Monolog (Laravel, Symfony): `[time] channel.LEVEL: message`
      const level = tok.slice(dot + 1);
      const n = level.length > 1 && level === level.toUpperCase() ? severityFromText(level) : undefined;
      if (n !== undefined) return { number: n, text: level };
    }
    if (i === 0 && tok.indexOf('/') > 0) {
      // Celery's `[time: LEVEL/ProcessName]`
      const level = tok.slice(0, tok.indexOf('/'));
      const n = level === level.toUpperCase() ? severityFromText(level) : undefined;
      if (n !== undefined) return { number: n, text: level };
    }
    if (!/^\d+$/.test(tok)) allNumeric = false;
  }
  return undefined;
}

/**
 * A bracketed level: Apache 2.4 `[core:error]`, `[mpm_event:notice]`, `[core:trace3]`, `[warn]`,
 * MySQL's `[Warning]`, `[Note]` and `[System]` (its information level); not a bracketed name (see namesBracket).
 */
function bracketedLevel(window: string, at: number, tok: string): FoundLevel | undefined {
  // (structlog's console renderer pads the level in its bracket: `[info     ]`)
  let close = at + tok.length;
  while (window[close] === ' ') close++;
  if (window[close] !== ']' || (window[at - 1] !== '[' && window[at - 1] !== ':') || namesBracket(window, at, close - at)) return undefined;
  const lower = tok.toLowerCase();
  const word = /^trace[1-8]$/.test(lower) ? 'trace' : lower;
  if (LOWER_OK.has(word) || word === 'note') return { number: severityFromText(word), text: tok };
  if (word === 'system' && window[at - 1] === '[') return { number: 9, text: tok };
  return undefined;
}

/** A word of a sentence: letters, in lower case after an optional capital (`user`, `Connection`). */
const SENTENCE_WORD = /^[A-Za-z][a-z]+$/;
/** The word after it: the same, one letter (`a`), or either with a punctuation mark (`done,`, `response:`). */
const SENTENCE_NEXT = /^[A-Za-z][a-z]*[,.;:!?]?$/;

/**
 * Where the message starts in a line's `window` (after its time): at the first two words of a
 * sentence in a row (one space apart), outside any brackets, the first no level word
 * (`user clicked`, `no error`, `request done,`). A header has no such pair: its fields are a
 * name, a number, a bracket or a level (`[main] ERROR com.example.Foo -`, `worker-3 INFO`,
 * `myapp: ERROR`, `RAS KERNEL INFO`). window.length when there is none.
 */
export function sentenceStart(window: string): number {
  let depth = 0;
  let prev = -1; // where the previous word starts, when it can begin a sentence
  let prevEnd = -1;
  for (let i = 0; i < window.length; ) {
    const c = window.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    let j = i;
    let bracketed = depth > 0;
    for (; j < window.length; j++) {
      const ch = window.charCodeAt(j);
      if (ch === 32 || ch === 9) break;
      if (ch === 91 || ch === 40 || ch === 123) {
        depth++;
        bracketed = true;
      } else if ((ch === 93 || ch === 41 || ch === 125) && depth > 0) {
        depth--;
        bracketed = true;
      }
    }
    const word = window.slice(i, j);
    if (prev >= 0 && !bracketed && prevEnd === i - 1 && SENTENCE_NEXT.test(word)) return prev;
    prev = !bracketed && SENTENCE_WORD.test(word) && severityFromText(word) === undefined ? i : -1;
    prevEnd = j;
    i = j;
  }
  return window.length;
}

/**
 * The bracket around `window[at…at+length]` holds a name, not a level: a keyword in capitals is
 * before it (Ansible's `TASK [debug]`, `HANDLER [fail]`: the keyword and the task's name), or a
 * banner rule follows it (`TASK [debug] *****`). A level's bracket follows a time, a number,
 * another bracket or a lower-case tag (Fly's region: `ams [info]`).
 */
function namesBracket(window: string, at: number, length: number): boolean {
  const open = window[at - 1] === '[' ? at - 1 : window.lastIndexOf('[', at);
  const keyword = open > 1 && window[open - 1] === ' ' ? /(?:^|\s)([A-Z]{2,})$/.exec(window.slice(Math.max(0, open - 30), open - 1)) : null;
  if (keyword && severityFromText(keyword[1]!) === undefined) return true;
  return /^\]\s*(?:\*{3,}|={3,}|-{3,})/.test(window.slice(at + length, at + length + 8));
}

function applyTime(out: TextLineFields, ts: { ns?: bigint; withoutZone: boolean; withoutYear?: boolean }): void {
  if (ts.ns === undefined) return;
  out.timeNs = ts.ns;
  if (ts.withoutZone) out.timeWithoutZone = true;
  if (ts.withoutYear) out.timeWithoutYear = true;
}

// `service.name=…` written into the line, as OpenTelemetry's Python logging instrumentation
// does (`resource.service.name=%(otelServiceName)s`); it names the service more surely than
// a syslog tag or an application name in the layout.
const SERVICE_IN_TEXT = /(?:^|[\s[(,;])(?:resource\.)?service\.name=([^\s[\](),;"']+)/;

/**
 * Datadog's log injection into a text log (ddtrace's default formats: Python's
 * `[dd.service=… dd.env=… dd.version=… dd.trace_id=… dd.span_id=…]`, Java/Ruby alike): unified
 * service tagging (service, env, version) and the ids, which Datadog writes in decimal (64-bit,
 * or 128-bit as 32 hex): read as the JSON importers read `dd.trace_id`. 0 is no id.
 */
const DD_FIELD = /(?:^|[\s[(,;])dd\.(service|env|version|trace_id|span_id)=([^\s\]),;"']+)/g;

function readDatadogInjection(line: string, out: TextLineFields): void {
  DD_FIELD.lastIndex = 0;
  for (let m = DD_FIELD.exec(line); m; m = DD_FIELD.exec(line)) {
    const v = m[2]!;
    if (m[1] === 'service') out.resourceAttributes['service.name'] ??= v;
    else if (m[1] === 'env') out.resourceAttributes['deployment.environment'] = v;
    else if (m[1] === 'version') out.resourceAttributes['service.version'] = v;
    else {
      const kind = m[1] === 'trace_id' ? 'trace' : 'span';
      const id = normalizeId(v, kind, true);
      // (read after the generic patterns: the decimal reading decides, not 16 of its digits taken for hex)
      if (id.id !== undefined) out[kind === 'trace' ? 'traceId' : 'spanId'] = id.id;
    }
  }
}

const CISCO_MESSAGE = /(?:^|[\s:])%[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)?-([0-7])-[A-Z0-9_]+:/;
const BRACKET_IDS = /\[([0-9a-fA-F]{32})[,\s-]+([0-9a-fA-F]{16})\]/;

function findIds(line: string, out: TextLineFields): void {
  if (line.includes('service.name=')) {
    const svc = SERVICE_IN_TEXT.exec(line);
    if (svc) out.resourceAttributes['service.name'] = svc[1]!;
  }
  if (line.includes('Root=1-')) {
    const root = XRAY_ROOT_IN_TEXT.exec(line);
    const traceId = idOf(root?.[1], 'trace');
    if (traceId !== undefined) out.traceId = traceId;
  }
  // `[<32 hex>,<16 hex>]` near the start: a logging pattern's trace and span ids (Micrometer's
  // `[%X{traceId},%X{spanId}]`); 128 and 64 bits of hex side by side are nothing else
  const open = line.indexOf('[');
  if (open >= 0 && open < 200) {
    const pair = BRACKET_IDS.exec(line.slice(open, open + 300));
    if (pair) {
      const tid = idOf(pair[1], 'trace');
      const sid = idOf(pair[2], 'span');
      if (tid !== undefined && out.traceId === undefined) {
        out.traceId = tid;
        if (sid !== undefined) out.spanId = sid;
      }
    }
  }
  // OpenTelemetry Java's SystemOutLogRecordExporter: `<time> <SEVERITY> '<body>' : <trace id> <span id>
  // [scopeInfo: <name>:<version>] {attributes}` (all zeros when the record has no span context)
  if (out.traceId === undefined && line.includes(' [scopeInfo: ')) {
    const otel = OTEL_JAVA_LOG_IDS.exec(line);
    const tid = idOf(otel?.[1], 'trace');
    if (tid !== undefined) {
      out.traceId = tid;
      const sid = idOf(otel?.[2], 'span');
      if (sid !== undefined) out.spanId = sid;
    }
  }
  if (!/race|RACE/.test(line)) return;
  const t = TRACE_IN_TEXT.exec(line);
  const traceId = idOf(t?.[1], 'trace');
  if (traceId !== undefined) out.traceId ??= traceId;
  const s = SPAN_IN_TEXT.exec(line);
  const spanId = idOf(s?.[1], 'span');
  if (spanId !== undefined) out.spanId = spanId;
  if (out.traceId === undefined) {
    const tp = TRACEPARENT_IN_TEXT.exec(line);
    if (tp) {
      const tid = idOf(tp[1], 'trace');
      const sid = idOf(tp[2], 'span');
      if (tid !== undefined) out.traceId = tid;
      if (tid !== undefined && sid !== undefined && out.spanId === undefined) out.spanId = sid;
    }
  }
}

// Spring Boot's default Logback/Log4j2 console and file layout, after the time:
//   LEVEL [app,trace,span(,exportable)] PID --- [app] [thread] [trace-span] logger : message
// The `[app,trace,span]` group is Spring Cloud Sleuth's (and the documented Micrometer Tracing
// `logging.pattern.level` for Boot 3.0/3.1); `[app]` after `---` is Boot 3.2+'s application
// name (3.4 may add a group bracket); `[trace-span]` is Boot 3.2+'s correlation pattern,
// padded with spaces when the line has no trace. PID is a space when unknown.
const SPRING_HEAD = /^\s*([A-Za-z]+)\s+(?:\[([^\],\s]*),([0-9a-fA-F]*),([0-9a-fA-F]*)(?:,(?:true|false)?)?\]\s+)?(\d+)?\s*---\s+/;
const SPRING_CORRELATION = /^\s*([0-9a-fA-F]{16}|[0-9a-fA-F]{32})?\s*-\s*([0-9a-fA-F]{16})?\s*$/;
// (a logger name may hold brackets: Tomcat's `o.a.c.c.C.[Tomcat].[localhost].[/]`)
const SPRING_LOGGER = /^([^\s:[\]][^\s:]*)\s+:(?:\s|$)/;

// Redis (server.c serverLogRaw): `pid:role dd Mon yyyy hh:mm:ss.mmm <mark> message`, the role
// X/C/S/M (sentinel, child, replica, master) and the mark its level: . debug, - verbose, * notice, # warning.
const REDIS_HEAD = /^(\d+):[XCSM] $/;
const REDIS_MARK: Record<string, [number, string]> = { '.': [5, 'debug'], '-': [7, 'verbose'], '*': [10, 'notice'], '#': [13, 'warning'] };

/** Read Redis's level mark after the time (`ts` at `start`…`end`); false when the line is not Redis's. */
function readRedisLayout(line: string, start: number, end: number, out: TextLineFields): boolean {
  if (line[end] !== ' ' || line[end + 2] !== ' ') return false;
  const mark = REDIS_MARK[line[end + 1]!];
  const head = mark ? REDIS_HEAD.exec(line.slice(0, start)) : null;
  if (!mark || !head) return false;
  out.severityNumber = mark[0];
  out.severityText = mark[1];
  out.resourceAttributes['process.pid'] = Number(head[1]);
  return true;
}

// macOS `log show`: `<time> <thread 0x…> <Type> <activity 0x…> <pid> <ttl> <process>: message`,
// the Type (Default, Info, Debug, Error, Fault) the level
const MACOS_LOG_SHOW = /^ +0x[0-9a-f]+ +(Default|Info|Debug|Error|Fault) +0x[0-9a-f]+ +(\d+) +\d+ +([^:\s][^:]{0,100}): /;
const MACOS_TYPE: Record<string, [number, string]> = { Default: [9, 'Default'], Info: [9, 'Info'], Debug: [5, 'Debug'], Error: [17, 'Error'], Fault: [21, 'Fault'] };

function readMacosLogShow(after: string, out: TextLineFields): boolean {
  const m = MACOS_LOG_SHOW.exec(after);
  if (!m) return false;
  const [n, text] = MACOS_TYPE[m[1]!]!;
  out.severityNumber = n;
  out.severityText = text;
  out.resourceAttributes['process.pid'] = Number(m[2]);
  out.resourceAttributes['service.name'] ??= m[3]!.trim();
  return true;
}

// Ruby's Logger::Formatter (Rails, Sidekiq…): `L, [time #pid] LEVEL -- progname: message`, where
// progname is the program's name (empty by default, as in `-- : message`).
const RUBY = /^[DIWEFA], \[[^\]#]{10,40} #(\d+)\]\s+([A-Z]+) -- (.{0,100}?): /;

/**
 * PostgreSQL's csvlog (log_destination = 'csvlog'), after its log_time: user_name, database_name,
 * process_id, connection_from, session_id, session_line_num, command_tag, session_start_time,
 * virtual_transaction_id, transaction_id, error_severity, sql_state_code, message, … (PostgreSQL
 * docs, "Using CSV-Format Log Output"). Fields are CSV-quoted; a quoted field may hold newlines
 * (then the record's next lines are its continuation). False when the line is not that layout.
 */
/** Longest field before the message that a csvlog line has (names, addresses, times, ids). */
const MAX_PG_FIELD = 1024;

function readPostgresCsvLog(line: string, from: number, out: TextLineFields): boolean {
  // The fields up to sql_state_code, all short: the message and what follows are not split here.
  const f: string[] = [];
  let i = from;
  while (f.length < 12 && i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1 || q - i > MAX_PG_FIELD) return false;
        v += line.slice(j, q);
        if (line[q + 1] === '"') {
          v += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      f.push(v);
    } else {
      const c = line.indexOf(',', i);
      if ((c === -1 ? line.length : c) - i > MAX_PG_FIELD) return false;
      f.push(line.slice(i, c === -1 ? line.length : c));
      i = c === -1 ? line.length : c;
    }
    if (line[i] !== ',') break;
    i++;
  }
  return finishPostgres(f, out);
}

function finishPostgres(f: string[], out: TextLineFields): boolean {
  // process_id and session_line_num are numbers, error_severity one of PostgreSQL's levels
  if (f.length < 12 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[5]!) || !/^(?:DEBUG[1-5]|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC)$/.test(f[10]!)) return false;
  out.severityNumber = severityFromText(f[10]!);
  out.severityText = f[10]!;
  out.resourceAttributes['process.pid'] = Number(f[2]);
  out.attributes['db.system.name'] = 'postgresql';
  if (f[0] !== '') out.attributes['user.name'] = f[0]!;
  if (f[1] !== '') out.attributes['db.namespace'] = f[1]!;
  if (f[3] !== '') out.attributes['client.address'] = f[3]!.replace(/:\d+$/, '');
  if (f[4] !== '') out.attributes['postgresql.session_id'] = f[4]!;
  if (f[6] !== '') out.attributes['db.operation.name'] = f[6]!;
  if (f[11] !== undefined && f[11] !== '' && f[11] !== '00000') out.attributes['db.response.status_code'] = f[11];
  return true;
}

function readRubyLayout(line: string, out: TextLineFields): boolean {
  const m = RUBY.exec(line);
  if (!m) return false;
  const n = severityFromText(m[2]!);
  if (n !== undefined) out.severityNumber = n;
  out.severityText = m[2]!;
  out.resourceAttributes['process.pid'] = Number(m[1]);
  if (m[3] !== '') out.resourceAttributes['service.name'] ??= m[3]!;
  return true;
}

/** A trace or span id matched in the text, as the JSON log mapping reads ids (case, UUID form, zeros = none). */
function idOf(text: string | undefined, kind: IdKind): string | undefined {
  return text ? normalizeId(text, kind).id : undefined;
}

/** Read Spring Boot's layout from `from` (just after the time); false when the line is not one. */
function readSpringLayout(line: string, from: number, out: TextLineFields): boolean {
  const head = SPRING_HEAD.exec(line.slice(from, from + 200));
  if (!head || severityFromText(head[1]!) === undefined) return false;
  let pos = from + head[0].length;
  const groups: string[] = [];
  let correlation: RegExpExecArray | null = null;
  while (line[pos] === '[' && groups.length < 4) {
    const close = line.indexOf(']', pos + 1);
    if (close < 0 || close - pos > 300) return false;
    const inner = line.slice(pos + 1, close);
    const c = SPRING_CORRELATION.exec(inner);
    if (c && (c[1] !== undefined || inner.trim() === '' || inner.trim() === '-')) correlation = c;
    else if (inner.trim() === '' && groups.length > 0) correlation = SPRING_CORRELATION.exec('-');
    else groups.push(inner.trim());
    pos = close + 1;
    while (line[pos] === ' ') pos++;
  }
  const logger = SPRING_LOGGER.exec(line.slice(pos, pos + 400));
  if (groups.length === 0 || !logger) return false;
  out.severityNumber = severityFromText(head[1]!);
  out.severityText = head[1]!;
  const app = head[2] || (groups.length > 1 ? groups[0] : undefined);
  if (app) out.resourceAttributes['service.name'] ??= app;
  if (head[5] !== undefined) out.resourceAttributes['process.pid'] = Number(head[5]);
  const thread = groups[groups.length - 1]!;
  if (thread !== '') out.attributes['thread.name'] = thread;
  out.scopeName = logger[1]!;
  const traceId = idOf(correlation?.[1], 'trace') ?? idOf(head[3], 'trace');
  const spanId = idOf(correlation?.[2], 'span') ?? idOf(head[4], 'span');
  if (traceId !== undefined && out.traceId === undefined) out.traceId = traceId;
  if (spanId !== undefined && out.spanId === undefined) out.spanId = spanId;
  return true;
}

// Envoy's default access log format and Istio's (the sidecars' stdout): [START_TIME] "METHOD
// PATH PROTOCOL" RESPONSE_CODE RESPONSE_FLAGS, then (Istio) RESPONSE_CODE_DETAILS
// CONNECTION_TERMINATION_DETAILS "UPSTREAM_TRANSPORT_FAILURE_REASON", then BYTES_RECEIVED
// BYTES_SENT DURATION UPSTREAM_SERVICE_TIME "X-FORWARDED-FOR" "USER-AGENT" "X-REQUEST-ID"
// ":AUTHORITY" "UPSTREAM_HOST" and (Istio) UPSTREAM_CLUSTER ….
const ENVOY = /^\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))\] "(\S+) (\S+) (\S+)" (\d{1,3}) (\S+) (.*)$/;
const ENVOY_FIELD = /"((?:[^"\\]|\\.)*)"|(\S+)/g;

function readEnvoyLine(m: RegExpExecArray, out: TextLineFields, opts?: LogTimeOptions): void {
  const ts = parseLogTimestamp(m[1]!, opts);
  if (ts) applyTime(out, ts);
  const a = out.attributes;
  if (m[2] !== '-') a['http.request.method'] = m[2]!;
  if (m[3] !== '-') a['url.path'] = m[3]!;
  if (m[4] !== '-') a['network.protocol.name'] = m[4]!;
  const status = Number(m[5]);
  if (status > 0) a['http.response.status_code'] = status; // 0: no response was sent
  if (m[6] !== '-') a['envoy.response_flags'] = m[6]!; // UF, UH, URX, UT…: why the proxy failed the request
  const rest: string[] = [];
  ENVOY_FIELD.lastIndex = 0;
  for (let f = ENVOY_FIELD.exec(m[7]!); f && rest.length < 20; f = ENVOY_FIELD.exec(m[7]!)) rest.push(f[1] ?? f[2]!);
  let i = 0;
  if (rest[0] !== undefined && !/^\d+$/.test(rest[0])) {
    // Istio: the response code details and connection termination details, the transport failure reason
    if (rest[0] !== '-') a['envoy.response_code_details'] = rest[0];
    i = 3;
  }
  const num = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const rx = num(rest[i]);
  const tx = num(rest[i + 1]);
  const duration = num(rest[i + 2]);
  if (rx !== undefined) a['http.request.body.size'] = rx;
  if (tx !== undefined) a['http.response.body.size'] = tx;
  if (duration !== undefined) a['envoy.duration_ms'] = duration;
  const q = (k: number): string | undefined => (rest[k] === undefined || rest[k] === '-' ? undefined : rest[k]);
  const ua = q(i + 5);
  if (ua !== undefined) a['user_agent.original'] = ua;
  const requestId = q(i + 6);
  if (requestId !== undefined) a['http.request.header.x-request-id'] = requestId;
  const authority = q(i + 7);
  if (authority !== undefined) a['server.address'] = authority;
  const upstream = q(i + 8);
  if (upstream !== undefined) a['network.peer.address'] = upstream;
  const cluster = q(i + 9);
  if (cluster !== undefined && cluster.includes('|')) a['envoy.upstream_cluster'] = cluster;
  out.headerKey = 'envoy';
  out.hasHeader = true;
}

/** An access log's request line: `METHOD TARGET PROTOCOL`. */
const REQUEST_LINE = /^(\S+) (\S+)(?: (\S+))?$/;

/**
 * HAProxy's HTTP log format (`option httplog`; HAProxy docs, "HTTP log format"): client:port
 * [accept date] frontend backend/server Tr/Tw/Tc/Tr/Ta status bytes_read request_cookie
 * response_cookie termination_state actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue
 * ({captured request headers} {captured response headers}) "request". A timer is -1 for a step
 * not reached, `+` marks an estimate (`option logasap`); status -1: no response.
 */
const HAPROXY_HTTPLOG = /(?:^|\s)(\S+):(\d+) \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}(?:\.\d{3})?\] (\S+) (\S+)\/(\S+) (-?\d+)\/(-?\d+)\/(-?\d+)\/(-?\d+)\/\+?(-?\d+) (-1|\d{3}) \+?(\d+) \S+ \S+ ([-A-Za-z]{4}) (\d+)\/(\d+)\/(\d+)\/(\d+)\/\+?(\d+) (\d+)\/(\d+) (?:\{[^}]*\} ){0,2}"((?:[^"\\]|\\.)*)"?/;
/** `:port [dd/Mon/yyyy:hh:mm:ss`: the cheap test before HAPROXY_HTTPLOG. */
const HAPROXY_ACCEPT_DATE = /:\d+ \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:/;

function readHaproxyHttplog(m: RegExpExecArray, out: TextLineFields): void {
  const a = out.attributes;
  a['client.address'] = m[1]!;
  a['client.port'] = Number(m[2]);
  a['haproxy.frontend'] = m[3]!;
  a['haproxy.backend'] = m[4]!;
  if (m[5] !== '<NOSRV>') a['haproxy.server'] = m[5]!;
  const status = Number(m[11]);
  if (status > 0) a['http.response.status_code'] = status;
  a['http.response.size'] = Number(m[12]); // bytes_read: what was sent to the client, headers included
  // four characters: why and at which step the session ended, then the persistence cookie's state (`----`: a normal end)
  a['haproxy.termination_state'] = m[13]!;
  const total = Number(m[10]);
  if (total >= 0) a['haproxy.total_time_ms'] = total;
  const retries = Number(m[18]);
  if (retries > 0) a['haproxy.retries'] = retries;
  const req = REQUEST_LINE.exec(m[21]!);
  if (req) putRequest(a, req, 'url.path');
  else if (m[21] !== '' && m[21] !== '<BADREQ>') a['http.request.line'] = m[21]!;
}

/** A request target in absolute form (`http://host:port/path?q`, what a proxy receives and varnishncsa logs): group 1 the path and query. */
const ABSOLUTE_TARGET = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]*([^#\s]*)/;

/**
 * The request line's method, target (under `urlKey`: `url.path` for a path, `url.full` for a URL)
 * and protocol. A target in absolute form where a path is expected is the full URL, its path the path.
 */
function putRequest(attrs: TextLineFields['attributes'], req: RegExpExecArray, urlKey: 'url.path' | 'url.full'): void {
  attrs['http.request.method'] = req[1]!;
  const absolute = urlKey === 'url.path' ? ABSOLUTE_TARGET.exec(req[2]!) : null;
  if (absolute) {
    attrs['url.full'] = req[2]!;
    attrs['url.path'] = absolute[1] || '/';
  } else attrs[urlKey] = req[2]!;
  if (req[3]) attrs['network.protocol.name'] = req[3];
}

/**
 * uWSGI's request log line (its default logformat): `[pid: 6704|app: 0|req: 2/2] 127.0.0.1 ()
 * {24 vars in 254 bytes} [Fri Nov 27 18:39:16 2026] GET /boom => generated 0 bytes in 0 msecs
 * (HTTP/1.1 500) 0 headers in 0 bytes (…)`. Groups: pid, client, remote user, method, URI,
 * response size, milliseconds, protocol, status.
 */
const UWSGI_REQUEST = /^\[pid: (\d+)\|app: [^|\]]*\|req: [^\]]*\] (\S+) \(([^)]*)\) \{[^}]*\} \[[^\]]+\] (\S+) (\S+) => generated (\d+) bytes in (\d+) msecs \((\S+) (\d{3})\)/;

function readUwsgiRequest(line: string, out: TextLineFields): void {
  const m = UWSGI_REQUEST.exec(line);
  if (!m) return;
  out.resourceAttributes['process.pid'] = Number(m[1]);
  out.attributes['client.address'] = m[2]!;
  if (m[3] !== '') out.attributes['user.name'] = m[3]!;
  out.attributes['http.request.method'] = m[4]!;
  out.attributes['url.path'] = m[5]!;
  out.attributes['http.response.body.size'] = Number(m[6]);
  out.attributes['uwsgi.duration_ms'] = Number(m[7]);
  out.attributes['network.protocol.name'] = m[8]!;
  out.attributes['http.response.status_code'] = Number(m[9]);
}

function readAlbLine(m: RegExpExecArray, out: TextLineFields, opts?: LogTimeOptions): void {
  const ts = parseLogTimestamp(m[2]!, opts);
  if (ts) applyTime(out, ts);
  // app/<name>/<id>: the load balancer is what wrote the line
  const elb = /^(?:app|net)\/([^/]+)\//.exec(m[3]!);
  out.resourceAttributes['service.name'] = elb ? elb[1]! : m[3]!;
  out.attributes['aws.elb.type'] = m[1]!;
  if (m[4] !== '-') out.attributes['client.address'] = m[4]!.replace(/:\d+$/, '');
  if (m[5] !== '-') out.attributes['server.address'] = m[5]!;
  const seconds = (v: string, key: string): void => {
    const n = Number(v);
    if (Number.isFinite(n) && n >= 0) out.attributes[key] = n; // -1: the request never reached that stage
  };
  seconds(m[6]!, 'aws.elb.request_processing_time');
  seconds(m[7]!, 'aws.elb.target_processing_time');
  seconds(m[8]!, 'aws.elb.response_processing_time');
  if (m[9] !== '-') out.attributes['http.response.status_code'] = Number(m[9]);
  if (m[10] !== '-') out.attributes['aws.elb.target_status_code'] = Number(m[10]);
  const req = REQUEST_LINE.exec(m[13]!);
  if (req && req[1] !== '-') putRequest(out.attributes, req, 'url.full'); // `- - -`: a request the balancer could not read
  if (m[14] !== '-' && m[14] !== '') out.attributes['user_agent.original'] = m[14]!;
  // no level, as in any access log: the status code is the outcome
  out.headerKey = 'alb';
  out.hasHeader = true;
}

/**
 * An Oracle WebLogic server or domain log entry: `####<time> <severity> <subsystem> <machine>
 * <server> <thread> <user> <transaction> <diagnostic context> <raw time> <message id> <message>`,
 * the message often running over more lines up to its closing `>`. The raw time (milliseconds
 * since the epoch) is exact; the written time is local, with the zone's abbreviation or none.
 */
const WEBLOGIC = /^####<([^<>]{6,80})> <([A-Za-z]+)> <([^<>]*)> <([^<>]*)> <([^<>]*)> /;
const WEBLOGIC_RAW_TIME = /> <(\d{12,14})> <([^<>]*)> </;

function readWeblogicLine(line: string, m: RegExpExecArray, out: TextLineFields, opts: LogTimeOptions | undefined): void {
  const raw = WEBLOGIC_RAW_TIME.exec(line.slice(m[0].length - 2, m[0].length + 600));
  if (raw) {
    applyTime(out, { ns: BigInt(raw[1]!) * 1_000_000n, withoutZone: false });
    if (raw[2] !== '') out.attributes['weblogic.message_id'] = raw[2]!;
  } else {
    const ts = parseLogTimestamp(m[1]!, opts);
    if (ts) applyTime(out, ts);
  }
  const level = severityFromText(m[2]!);
  if (level !== undefined) out.severityNumber = level;
  out.severityText = m[2]!;
  if (m[3] !== '') out.scopeName = m[3]!;
  if (m[4] !== '') out.resourceAttributes['host.name'] = m[4]!;
  if (m[5] !== '') out.resourceAttributes['service.name'] = m[5]!;
  out.headerKey = 'weblogic';
  out.hasHeader = true;
}

/**
 * Samba's debug header (lib/util/debug.c): `[<time>, <level>` (the level `%2d`), then with `debug
 * pid`, `debug uid` and `debug class` its `, pid=…`, `, effective(…), real(…)`, `, class=…`, `]`,
 * then the source file, line and function (`../../source3/smbd/server.c:1741(main)`); the message
 * follows on the next lines, indented. With `debug prefix timestamp` the message follows the `]`.
 */
const SAMBA_HEADER = /^, ( \d|\d\d)((?:, (?:pid=\d+|effective\(\d+, \d+\)|real\(\d+, \d+\)|class=[\w-]+))*)\](?: ([^\s:()]+):(\d+)\(([^()\s]*)\)\s*$| (?=\S))/;

/**
 * Samba's header after its time (the characters it takes, 0 when it is none): the debug level is the severity, as smb.conf(5) (`syslog`) maps
 * Samba's levels onto syslog's: 0 LOG_ERR, 1 LOG_WARNING, 2 LOG_NOTICE, 3 LOG_INFO, higher LOG_DEBUG.
 */
function readSambaHeader(tail: string, out: TextLineFields): number {
  const m = tail.length <= 4096 ? SAMBA_HEADER.exec(tail) : null;
  if (!m) return 0;
  const level = Number(m[1]!.trim());
  const s = severityFromSyslog(Math.min(7, level + 3))!;
  out.severityNumber = s.number;
  out.severityText = s.text;
  out.attributes['samba.debug.level'] = level;
  const pid = /pid=(\d+)/.exec(m[2]!);
  if (pid) out.resourceAttributes['process.pid'] = Number(pid[1]);
  const cls = /class=([\w-]+)/.exec(m[2]!);
  if (cls) out.attributes['samba.debug.class'] = cls[1]!;
  if (m[3] !== undefined) {
    out.attributes['code.filepath'] = m[3];
    out.attributes['code.lineno'] = Number(m[4]);
    if (m[5] !== '') out.attributes['code.function'] = m[5]!;
  }
  return m[0].length;
}

/** capnslog's letter column after its time, then the package that logged (coreos/pkg capnslog's default formatter: `<time> I | etcdmain: …`). */
const CAPNSLOG_PACKAGE = /^ ?[CEWNIDT] \| ([A-Za-z0-9_.][\w./-]{0,99}): /;
/** The word Go's `log` prefix writes right before the date (see scanLeadingTimestamp's glued prefix): letters only. */
const GLUED_LOGGER = /^[A-Za-z]{1,16}$/;

/** MongoDB ≤ 4.2's text log after its time: severity letter (D1–D5 debug levels), component, [context]. */
const MONGO_LEGACY = /^ ([FEWI]|D[1-5]?) {1,2}([A-Z_-]+) +\[([^\]]+)\] /;

function readMongoLegacy(tail: string, out: TextLineFields): boolean {
  const m = MONGO_LEGACY.exec(tail);
  if (!m) return false;
  out.severityNumber = severityFromLetter(m[1]![0]!);
  out.severityText = m[1]!;
  out.attributes['mongodb.component'] = m[2]!;
  out.attributes['thread.name'] = m[3]!;
  return true;
}

const ZABBIX = /^ {0,6}(\d{1,7}):(\d{4})(\d\d)(\d\d):(\d\d)(\d\d)(\d\d)\.(\d{3}) /;

/**
 * PHP's error log (`error_log`, or stderr): `[time] PHP Warning:  message`, the error type its
 * level. Fatal errors end the script (FATAL); a parse error fails the one file that did not
 * compile (ERROR), as do the recoverable ones; a deprecation is a warning to act on.
 */
// (after the time, or after the zone's name the time is followed by: `[15-Jan-2024 10:00:00 Europe/Berlin] PHP …`)
const PHP_ERROR = /^(?: [^\]\s]{1,40}\])? ?PHP (Fatal error|Parse error|Recoverable fatal error|Catchable fatal error|Warning|Notice|Deprecated|Strict Standards): /;
/**
 * php-fpm's line for what a worker wrote to its stderr (catch_workers_output, as the official Docker
 * images set it): fpm logs each line at WARNING, `[pool www] child 12 said into stderr: "NOTICE: PHP
 * message: PHP Fatal error:  Uncaught …"`; PHP's own error type in it is the event's level.
 */
const PHP_FPM_CHILD = /\[pool [^\]\n]{1,200}\] child \d{1,10} said into std(?:err|out): "(?:[A-Z]{1,10}: PHP message: )?PHP (Fatal error|Parse error|Recoverable fatal error|Catchable fatal error|Warning|Notice|Deprecated|Strict Standards): /;
/**
 * The same with fpm's decoration off (`decorate_workers_output = no`, the official php-fpm Docker
 * image): the worker's line alone, as its SAPI logs it, `NOTICE: PHP message: PHP Warning:  …` at
 * the start of the line, no time. A record of its own (its key, 'php-fpm', begins one); its level
 * PHP's error type, else fpm's word.
 */
const PHP_FPM_RAW = /^(DEBUG|NOTICE|WARNING|ERROR|ALERT): PHP message: (?:PHP (Fatal error|Parse error|Recoverable fatal error|Catchable fatal error|Warning|Notice|Deprecated|Strict Standards): )?/;
/** PHP's error as displayed (display_errors, the CLI's default; no `PHP ` prefix), told by its end: `Deprecated: msg in /app/x.php on line 6`. */
const PHP_DISPLAYED = /^(Fatal error|Parse error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards): [^\n]{1,4000} on line \d{1,9}\s*$/;
const PHP_LEVEL: Record<string, number> = { 'Fatal error': 21, 'Parse error': 17, 'Recoverable fatal error': 17, 'Catchable fatal error': 17, Warning: 13, Notice: 10, Deprecated: 13, 'Strict Standards': 10 };

const ERLANG_REPORT = /^=(INFO|WARNING|ERROR|CRASH|SUPERVISOR|PROGRESS) REPORT==== /;

/** Android logcat's priority letter, tag and pid (`brief` and `time` formats). */
const LOGCAT_TAG = /^([VDIWEFA])\/([^(\n]{1,80}?)\(\s*(\d+)\): /;

/**
 * Ansible's own log (`log_path` in ansible.cfg) after its time: `p=<pid> u=<user> n=<logger> | `,
 * in later ansible-core with the level before the bar (`n=ansible INFO| `); the message follows.
 * Its pairs are the header's fields (the pid, the user, the logger), not a logfmt record.
 */
const ANSIBLE_HEAD = /^ p=(\d+) u=(\S+) n=(\S+?)(?: ([A-Za-z]+))? ?\| ?/;
/**
 * Ansible's word for a task that failed on a host, at the message's start: `fatal: [web2]: FAILED! => {…}`,
 * `fatal: [web2]: UNREACHABLE! => {…}`, a loop item's `failed: [web1] (item=foo) => {…}`; and its
 * `ERROR! …` (a playbook that cannot run). An error: Ansible itself logs these at ERROR.
 */
/**
 * A warning about a place in a source file, as Ruby writes them to stderr (rb_warn: `app.rb:12:
 * warning: method redefined`, `-e:1: warning: …`) and compilers do (`x.c:3:5: warning: …`): WARN.
 */
const SOURCE_WARNING = /^(?:[A-Za-z]:)?[^\s:][^:\n]{0,400}:\d{1,9}(?::\d{1,9})?: warning: /;
/**
 * UndefinedBehaviorSanitizer's one-line report (ubsan's Diag: `crash.cc:22:45: runtime error:
 * signed integer overflow: …`, the program going on after it): ERROR.
 */
const UBSAN_RUNTIME_ERROR = /^(?:[A-Za-z]:)?[^\s:][^:\n]{0,400}:\d{1,9}:\d{1,9}: runtime error: /;
/** HotSpot's warning at the line's start (after its time, if any): the VM's name as VM_Version::vm_name() gives it, `warning: `. */
const HOTSPOT_WARNING = /\s*(?:OpenJDK|Java HotSpot\(TM\)|GraalVM [\w.+-]{1,40}) (?:64-Bit |32-Bit )?(?:Server|Client|Zero|Minimal) VM warning: /y;
const ANSIBLE_FAILED = /(?:(fatal|failed): \[[^\]]{1,200}\](?:: (?:FAILED|UNREACHABLE)!| \(item=| =>)|(ERROR)! )/y;

/**
 * A program's tag with its pid (and a thread number: `name[pid:tid]`), then a level word and a
 * colon, with or without a host before it: Unbound writes `unbound[10768:0] notice: init module 0`
 * after its time (log-time-ascii, or `[epoch]`). A bracket cannot be in a hostname, so the tag is
 * the program and the word its level (read by findLevel: the match ends before it). Group 4: the word.
 */
const SYSLOG_TAIL_TAG_LEVEL = /^\s+(?:([^\s[\]]+)\s+)?([^\s[:]+)\[(\d+)(?::\d+)?\](?=\s+([A-Za-z]+):\s)/;

function tagThenLevel(tail: string): RegExpExecArray | null {
  const m = SYSLOG_TAIL_TAG_LEVEL.exec(tail);
  return m && LOWER_OK.has(m[4]!.toLowerCase()) ? m : null;
}

/**
 * Dovecot's own log (log_path, info_log_path, debug_log_path) after its time (log_timestamp, by
 * default `%b %d %H:%M:%S `): `<process>[(<user>)][<pid>][<session>]: <Level>: message`, as
 * `imap-login: Info: Login: …`, `imap(bob)<20906><+dbGlkZh/MJ/AAAB>: Error: mkdir(…) failed`,
 * `auth-worker(20547): Debug: …` (a pid in the parentheses). The level is one of Dovecot's
 * (src/lib/failures.c). Groups: process, user or pid, pid, session, level.
 */
const DOVECOT_TAIL = /^ ([a-z][\w-]{0,40})(?:\(([^()\s]{0,100})\))?(?:<(\d+)>)?(?:<([^<>\s]{0,100})>)?: (Debug|Info|Warning|Error|Fatal|Panic): /;

/**
 * The same prefix in a message Dovecot sent to syslog (its default), after the syslog tag
 * (`dovecot:`, `dovecot[123]:` from journald): `imap(bob)<20906><+dbGl…>: Error: …`. To syslog,
 * Dovecot writes the level word for every level but Info (failures.c's syslog handler: the priority
 * carries it), so under its own tag a prefix without a level word is an Info message:
 * `dovecot: imap-login: Login: user=<bob>, …`. Groups as DOVECOT_TAIL's; the level is optional.
 */
const DOVECOT_SYSLOG_MESSAGE = /([a-z][\w-]{0,40})(?:\(([^()\s]{0,100})\))?(?:<(\d+)>)?(?:<([^<>\s]{0,100})>)?: (?:(Debug|Info|Warning|Error|Fatal|Panic): )?/y;

/** Dovecot's process prefix (DOVECOT_TAIL, DOVECOT_SYSLOG_MESSAGE) → the process, user, pids and session; the level when `level` is given and none is read yet. */
function readDovecotPrefix(m: RegExpExecArray, out: TextLineFields, level: string | undefined, processAsService: boolean): void {
  if (processAsService) out.resourceAttributes['service.name'] ??= m[1]!;
  else out.attributes['dovecot.process'] = m[1]!;
  const who = m[2];
  if (who !== undefined && /^\d+$/.test(who)) out.resourceAttributes['process.pid'] = Number(who);
  else if (who !== undefined && who !== '') out.attributes['user.name'] = who;
  if (m[3] !== undefined) out.resourceAttributes['process.pid'] = Number(m[3]);
  if (m[4] !== undefined && m[4] !== '') out.attributes['dovecot.session'] = m[4];
  if (level !== undefined && out.severityNumber === undefined) {
    out.severityNumber = severityFromText(level);
    out.severityText = level;
  }
}

/** A BSD syslog line's `host tag[pid]:`; `tag[pid]:` alone when the host was left out (journalctl --no-hostname). */
function syslogAfterYearless(tail: string): RegExpExecArray | null {
  return SYSLOG_TAIL_NO_HOST.exec(tail) ?? tagThenLevel(tail) ?? SYSLOG_TAIL.exec(tail);
}

/** The syslog part after an ISO or epoch time: with a pid, or a hostname and a program name (see SYSLOG_TAIL_HOST_TAG). */
function syslogAfterIso(tail: string): RegExpExecArray | null {
  const withPid = SYSLOG_TAIL_NO_HOST.exec(tail) ?? SYSLOG_TAIL_PID.exec(tail) ?? tagThenLevel(tail) ?? HEROKU_TAIL.exec(tail);
  if (withPid) return withPid;
  const m = SYSLOG_TAIL_HOST_TAG.exec(tail);
  return m && severityFromText(m[1]!) === undefined && severityFromText(m[2]!) === undefined ? m : null;
}

/** Read what a text line tells about itself. `line` should already be free of ANSI codes. */
export function analyzeTextLine(line: string, opts?: TextLineOptions): TextLineFields {
  const out: TextLineFields = { attributes: {}, resourceAttributes: {}, headerKey: '', hasHeader: false };
  const c0 = line.charCodeAt(0);
  const zabbix = c0 === 32 || (c0 >= 48 && c0 <= 57) ? ZABBIX.exec(line) : null;
  if (zabbix) {
    // Zabbix server, proxy and agent logs: `%6d:%Y%m%d:%H%M%S.%03d message`, the pid padded with spaces, local time
    const ns = civilToNs(+zabbix[2]!, +zabbix[3]!, +zabbix[4]!, +zabbix[5]!, +zabbix[6]!, +zabbix[7]!, zabbix[8], 0);
    if (ns !== undefined) applyTime(out, { ns, withoutZone: true });
    out.resourceAttributes['process.pid'] = Number(zabbix[1]);
    out.headerKey = 'zabbix';
    out.hasHeader = true;
    return out;
  }
  if (line.length > 0 && (line[0] === ' ' || line[0] === '\t')) {
    out.headerKey = 'indent';
    return out;
  }
  findIds(line, out);
  if (line.includes('dd.')) readDatadogInjection(line, out);
  let pos = 0;
  let keyPrefix = '';
  const pri = PRI.exec(line);
  if (pri) {
    const value = Number(pri[1]);
    if (value <= 191) {
      const sev = severityFromSyslog(value & 7);
      if (sev) {
        out.severityNumber = sev.number;
        out.severityText = sev.text;
      }
      out.attributes['syslog.facility'] = value >> 3;
      pos = pri[0].length;
      keyPrefix = 'pri:';
      out.hasHeader = true;
    }
  }

  const glog = pos === 0 ? GLOG.exec(line) : null;
  if (glog) {
    const ts = matchTimestampAt(line, 0, opts);
    if (ts) applyTime(out, ts);
    out.severityNumber = severityFromLetter(glog[1]!);
    out.severityText = glog[1]!;
    out.attributes['thread.id'] = Number(glog[3]);
    out.attributes['code.filepath'] = glog[4]!;
    out.attributes['code.lineno'] = Number(glog[5]);
    out.headerKey = 'glog';
    out.hasHeader = true;
    return out;
  }

  // (System.Diagnostics' TraceListener: `app.exe Information: 0 : message`, see trace-listener.ts)
  if (pos === 0 && readTraceListener(line, out)) return out;
  // (log4j 1.x / log4cxx TTCCLayout: `4 [0x7f…] INFO  a.b.C null - message`, see ttcc.ts)
  if (pos === 0 && readTtcc(line, out)) return out;

  const envoy = pos === 0 && line.charCodeAt(0) === 91 /* [ */ ? ENVOY.exec(line) : null;
  if (envoy) {
    readEnvoyLine(envoy, out, opts);
    return out;
  }

  // (h: http, https, h2; g: grpcs; w: ws, wss)
  const alb = pos === 0 && (c0 === 104 || c0 === 103 || c0 === 119) ? ALB.exec(line) : null;
  if (alb) {
    readAlbLine(alb, out, opts);
    return out;
  }

  const weblogic = pos === 0 && line.startsWith('####<') ? WEBLOGIC.exec(line) : null;
  if (weblogic) {
    readWeblogicLine(line, weblogic, out, opts);
    return out;
  }

  if (pos === 0 && readHaproxyStderr(line, out)) return out;

  const access = pos === 0 ? ACCESS.exec(line) : null;
  if (access) {
    const ts = parseLogTimestamp(access[4]!, opts);
    if (ts) applyTime(out, ts);
    // (behind logging's default format, werkzeug's `INFO:werkzeug:127.0.0.1 - - […]`: the prefix is no part of the client)
    const py = c0 >= 67 && c0 <= 87 ? PY_LEVEL_HEADER.exec(access[1]!) : null;
    out.attributes['client.address'] = firstClient(py ? access[1]!.slice(py[0].length) : access[1]!);
    if (py) {
      const level = pythonLineLevel(line, 0, true);
      if (level) {
        out.severityNumber = level.number;
        out.severityText = level.text;
      }
    }
    if (access[3] !== '-') out.attributes['user.name'] = access[3]!;
    const req = REQUEST_LINE.exec(access[5]!);
    if (req) putRequest(out.attributes, req, 'url.path');
    else out.attributes['http.request.line'] = access[5]!;
    if (access[6] !== '-') out.attributes['http.response.status_code'] = Number(access[6]);
    if (access[7] !== '-') out.attributes['http.response.body.size'] = Number(access[7]);
    if (access[8] !== undefined && access[8] !== '-') out.attributes['http.request.header.referer'] = access[8];
    if (access[9] !== undefined && access[9] !== '-') out.attributes['user_agent.original'] = access[9];
    out.headerKey = 'access';
    out.hasHeader = true;
    return out;
  }

  const ts: FoundTimestamp | undefined = pos > 0 ? matchTimestampAt(line, pos, opts) : scanLeadingTimestamp(line, 5, opts);
  let rest = pos;
  if (ts) {
    applyTime(out, ts);
    if (ts.invalid) out.invalidTime = line.slice(ts.start, ts.end);
    out.hasHeader = true;
    out.headerKey = `${keyPrefix}ts:${ts.shape}@${classShape(line.slice(pos, ts.start))}`;
    rest = ts.end;
    if (line[ts.start - 1] === '[' && line[rest] === ']') rest++;
    const tail = line.slice(rest);
    let samba = 0;
    if (ts.start === 0 && tail.charCodeAt(0) === 9) {
      const fl = FLUENTD_TAIL.exec(tail);
      if (fl) {
        out.fluentd = { tag: fl[1]!, json: fl[2]! };
        return out;
      }
    }
    const dovecot = ts.start === 0 ? DOVECOT_TAIL.exec(tail) : null;
    const ansible = !dovecot && ts.start === 0 && tail.startsWith(' p=') ? ANSIBLE_HEAD.exec(tail) : null;
    // (dmesg --time-format iso: the kernel's messages after the time, `CPU topo: …`, `IOAPIC[0]: …`,
    // name a subsystem, not a host and a program: no service, as in dmesg's other time formats)
    const kernel = ts.shape === 'iso' && ts.start === 0 && DMESG_ISO.test(line.slice(0, ts.end));
    const syslogTail = ansible || dovecot || kernel ? null : pri && pri[2] ? RFC5424_TAIL.exec(tail) : ts.shape === 'syslog' ? syslogAfterYearless(tail) : ts.shape === 'iso' || ts.shape === 'epoch' ? syslogAfterIso(tail) : null;
    if (dovecot) {
      readDovecotPrefix(dovecot, out, dovecot[5]!, true);
      rest += dovecot[0].length;
    } else if (ansible) {
      out.resourceAttributes['process.pid'] = Number(ansible[1]);
      out.attributes['user.name'] = ansible[2]!;
      out.scopeName = ansible[3]!;
      const level = ansible[4] !== undefined ? severityFromText(ansible[4]) : undefined;
      if (level !== undefined) {
        out.severityNumber = level;
        out.severityText = ansible[4]!;
      }
      rest += ansible[0].length;
    } else if (syslogTail) {
      if (syslogTail[1] !== undefined && syslogTail[1] !== '-' && syslogTail[1] !== '') out.resourceAttributes['host.name'] = syslogTail[1];
      if (syslogTail[2] !== '-') out.resourceAttributes['service.name'] ??= syslogTail[2]!;
      if (syslogTail[3] !== undefined && syslogTail[3] !== '-') {
        const pid = Number(syslogTail[3]);
        if (Number.isFinite(pid)) out.resourceAttributes['process.pid'] = pid;
        else out.resourceAttributes['service.instance.id'] = syslogTail[3]; // a Heroku dyno (`web.1`, `router`)
      }
      rest += syslogTail[0].length;
      // Dovecot's own prefix in the message: its level word, or Info under its own tag (see DOVECOT_SYSLOG_MESSAGE)
      const own = syslogTail[2] === 'dovecot';
      DOVECOT_SYSLOG_MESSAGE.lastIndex = rest;
      const dove = own || line.indexOf(': ', rest) > 0 ? DOVECOT_SYSLOG_MESSAGE.exec(line) : null;
      if (dove && own) {
        readDovecotPrefix(dove, out, dove[5] ?? 'Info', false);
        rest += dove[0].length;
      } else if (dove && dove[5] !== undefined && out.severityNumber === undefined) {
        // (another program's message in that shape: its level word only)
        out.severityNumber = severityFromText(dove[5]);
        out.severityText = dove[5];
        rest += dove[0].length;
      }
    } else if (ts.start === 0 && line[ts.end] === ',' && readPostgresCsvLog(line, ts.end + 1, out)) rest = line.length;
    else if (ts.start === 4 && line[1] === ',') readRubyLayout(line, out);
    else if (ts.start === 1 && tail.charCodeAt(0) === 44 /* , */ && (samba = readSambaHeader(tail, out)) > 0) rest += samba;
    else if (ts.start === 0 && line.charCodeAt(ts.end) === 32 && readMacosLogShow(line.slice(ts.end), out)) rest = line.length;
    else if (ts.start === 0 && ts.shape === 'iso' && readMongoLegacy(tail, out)) rest = line.length;
    else if (ts.shape !== 'dmy-name' || !readRedisLayout(line, ts.start, ts.end, out)) readSpringLayout(line, rest, out);
  } else if (pos === 0 && c0 >= 67 && c0 <= 87 && PY_LEVEL_HEADER.test(line)) {
    // Python logging's default format, uvicorn's (python-lines.ts): the level is read below
    out.headerKey = 'pylevel';
    out.hasHeader = true;
  } else {
    out.headerKey = keyPrefix + 'shape:' + classShape(line.split(/\s+/, 2).join(' ')).slice(0, 40);
    // `<PRI>tag[pid]: message` with no time nor host: what a sender puts on the wire when the relay
    // adds them (Python's SysLogHandler: `<PRI>` + its ident); the tag names the program, as after a time.
    const tag = pri ? PRI_TAG.exec(line.slice(pos, pos + 80)) : null;
    if (tag && severityFromText(tag[1]!) === undefined) {
      out.resourceAttributes['service.name'] ??= tag[1]!;
      if (tag[2] !== undefined) out.resourceAttributes['process.pid'] = Number(tag[2]);
      rest = pos + tag[0].length;
    }
    // Dovecot's prefix and level word with neither time nor tag (`journalctl -o cat`): the level
    DOVECOT_SYSLOG_MESSAGE.lastIndex = rest;
    const dove = out.severityNumber === undefined && line.indexOf(': ', rest) > 0 ? DOVECOT_SYSLOG_MESSAGE.exec(line) : null;
    if (dove && dove[5] !== undefined) {
      out.severityNumber = severityFromText(dove[5]);
      out.severityText = dove[5];
      rest += dove[0].length;
    }
    // no leading timestamp: a bracketed one further in still dates the line (uwsgi, HAProxy)
    for (let b = line.indexOf('['); b >= 0 && b < 200; b = line.indexOf('[', b + 1)) {
      const inner = matchTimestampAt(line, b + 1, opts);
      if (inner && inner.ns !== undefined) {
        applyTime(out, inner);
        break;
      }
    }
  }
  if (pos === 0 && line.startsWith('[pid: ')) readUwsgiRequest(line, out);
  if (HAPROXY_ACCEPT_DATE.test(line)) {
    // HAProxy's `option httplog` line, raw or after a syslog header (its time is read above)
    const hap = HAPROXY_HTTPLOG.exec(line.slice(pos, pos + 2000));
    if (hap) readHaproxyHttplog(hap, out);
  }
  if (out.severityNumber === undefined) {
    ANSIBLE_FAILED.lastIndex = rest;
    const failed = ANSIBLE_FAILED.exec(line);
    if (failed) {
      out.severityNumber = 17;
      out.severityText = failed[1] ?? failed[2]!;
    }
  }
  if (out.severityNumber === undefined) {
    // HotSpot's warning() (utilities/debug.cpp): the VM's name, then `warning: `, on stderr (`OpenJDK 64-Bit Server VM warning:
    // Option UseBiasedLocking was deprecated…`, `Java HotSpot(TM) 64-Bit Server VM warning: …`), at WARN
    HOTSPOT_WARNING.lastIndex = rest;
    if (HOTSPOT_WARNING.test(line)) {
      out.severityNumber = 13;
      out.severityText = 'warning';
    }
  }
  if (out.severityNumber === undefined && rest === 0 && line.includes(': warning: ') && SOURCE_WARNING.test(line.slice(0, 500))) {
    out.severityNumber = 13;
    out.severityText = 'warning';
  }
  if (out.severityNumber === undefined && rest === 0 && line.includes(': runtime error: ') && UBSAN_RUNTIME_ERROR.test(line.slice(0, 500))) {
    out.severityNumber = 17;
    out.severityText = 'runtime error';
  }
  if (out.severityNumber === undefined && (rest === 0 || ts?.shape === 'md-dash')) {
    // Android logcat's `brief` and `time` formats: `D/ActivityManager( 1702): message`
    const lc = LOGCAT_TAG.exec(line.slice(rest, rest + 120).trimStart());
    if (lc) {
      out.severityNumber = severityFromLetter(lc[1]!);
      out.severityText = lc[1]!;
      const tag = lc[2]!.trim();
      if (tag !== '') out.scopeName = tag;
      out.resourceAttributes['process.pid'] = Number(lc[3]);
      if (!ts) {
        out.headerKey = 'logcat';
        out.hasHeader = true;
      }
    }
  }
  if (out.severityNumber === undefined && line.charCodeAt(0) === 61 /* = */) {
    // Erlang/OTP error_logger: `=CRASH REPORT==== 11-Oct-2023::12:30:51 ===` (a crash or a supervisor's report is an error)
    const erl = ERLANG_REPORT.exec(line);
    if (erl) {
      out.severityNumber = erl[1] === 'INFO' || erl[1] === 'PROGRESS' ? 9 : erl[1] === 'WARNING' ? 13 : 17;
      out.severityText = erl[1]!;
    }
  }
  if (ts !== undefined && line.includes(' said into std')) {
    const php = PHP_FPM_CHILD.exec(line.slice(rest, rest + 600));
    if (php) {
      out.severityNumber = PHP_LEVEL[php[1]!];
      out.severityText = php[1]!;
    }
  }
  // (without a time: what PHP writes to stderr, `PHP Warning:  …` at the line's start; see PHP_ERROR)
  if (out.severityNumber === undefined && (ts !== undefined ? line.includes('PHP ') : rest === 0 && line.startsWith('PHP '))) {
    const php = PHP_ERROR.exec(line.slice(rest, rest + 80));
    if (php) {
      out.severityNumber = PHP_LEVEL[php[1]!];
      out.severityText = php[1]!;
    }
  }
  if (ts === undefined && rest === 0 && line.includes(': PHP message: ')) {
    const fpm = PHP_FPM_RAW.exec(line);
    if (fpm) {
      out.headerKey = 'php-fpm';
      out.hasHeader = true;
      out.severityNumber = fpm[2] !== undefined ? PHP_LEVEL[fpm[2]] : severityFromText(fpm[1]!);
      out.severityText = fpm[2] ?? fpm[1]!;
    }
  }
  if (out.severityNumber === undefined && ts === undefined && rest === 0 && line.length <= 8192 && line.includes(' on line ')) {
    const php = PHP_DISPLAYED.exec(line);
    if (php) {
      out.severityNumber = PHP_LEVEL[php[1]!];
      out.severityText = php[1]!;
    }
  }
  if (out.severityNumber === undefined) {
    // Cisco IOS and NX-OS messages: `%FACILITY-SEVERITY-MNEMONIC:`, the severity on the syslog scale
    const cisco = line.indexOf('%') >= 0 ? CISCO_MESSAGE.exec(line.slice(rest, rest + 200)) : null;
    const sev = cisco ? severityFromSyslog(Number(cisco[1])) : undefined;
    if (sev) {
      out.severityNumber = sev.number;
      out.severityText = sev.text;
    }
  }
  let node = rest;
  while (line.charCodeAt(node) === 32) node++;
  if (out.severityNumber === undefined && line.startsWith('(node:', node)) {
    // Node's process warning: `(node:1234) [DEP0005] DeprecationWarning: …` (see crash-lines.ts), after a time too
    const warning = NODE_WARNING.exec(line.slice(node));
    if (warning) {
      out.severityNumber = 13;
      out.severityText = warning[1]!;
    }
  }
  if (out.severityNumber === undefined) {
    // Python's `warnings` line, Twisted's `[namespace#level]` (python-lines.ts)
    const py = pythonLineLevel(line, rest, ts !== undefined);
    if (py) {
      out.severityNumber = py.number;
      out.severityText = py.text;
      if (py.scope !== undefined) out.scopeName ??= py.scope;
    }
  }
  // (where the line's time starts: a level letter may be written before it)
  const head = ts !== undefined && pos === 0 ? ts.start : 0;
  if (out.severityNumber === undefined && opts?.levelColumn?.form === 'L') {
    // the file's letter column (capnslog's `I | …`, CUPS's `E [time] …`): its letter is the line's level, before any word of the message
    const level = levelInColumn(line, rest, opts.levelColumn, head);
    if (level) {
      out.severityNumber = level.number;
      out.severityText = level.text;
      // capnslog's package after its letter (`I | etcdserver/membership: …`) is the logger
      const pkg = out.scopeName === undefined && head === 0 ? CAPNSLOG_PACKAGE.exec(line.slice(rest, rest + 200)) : null;
      if (pkg) out.scopeName = pkg[1]!;
    }
  }
  // Go's `log` prefix glued to the date (`raft2026/11/27 21:22:48 …`: `log.New(w, "raft", …)`) names the logger
  if (out.scopeName === undefined && head > 0 && GLUED_LOGGER.test(line.slice(0, head))) out.scopeName = line.slice(0, head);
  if (out.severityNumber === undefined) {
    // (after the time, or before it: Cassandra's `INFO  [main] 2024-05-01 12:00:00,123 …`)
    const level = findLevel(line, rest, ts !== undefined) ?? (ts !== undefined && ts.start > 0 ? findLevel(line.slice(0, ts.start), 0, false) : undefined);
    if (level) {
      if (level.number !== undefined) out.severityNumber = level.number;
      out.severityText = level.text;
    }
  }
  if (out.severityNumber === undefined && opts?.levelColumn !== undefined && opts.levelColumn.form !== 'L') {
    // the file's level column (learned by the decoder): winston's `http:`, npmlog's `sill`, tslog's `SILLY`, signale's `info` there
    const level = levelInColumn(line, rest, opts.levelColumn);
    if (level) {
      out.severityNumber = level.number;
      out.severityText = level.text;
    }
  }
  if (opts?.findLevelColumn) {
    const column = findLevelColumn(line, rest, head);
    if (column) out.levelColumn = column;
  }
  return out;
}
