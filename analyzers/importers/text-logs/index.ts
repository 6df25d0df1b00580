// Plain-text logs: syslog (RFC 3164/5424), log4j/logback, Python logging, glog/klog, Apache/nginx
// access logs, docker-compose prefixed output, W3C/IIS and Zeek tables, epoch/TAI64N-stamped
// lines, and anything else as message-only lines.
//
// Multi-line records: the decoder first reads a sample of lines and learns how records begin in
// this file (the timestamp shape most lines start with, or a compose prefix, or a table header).
// A line that does not begin a record (stack frames, `Caused by:`, tracebacks, indented text)
// belongs to the record above, but for a runtime's own report of its death (Node's, the JVM's,
// Python's, Ruby's, Go's: see jvm-crash.ts and runtime-crash.ts), which is a record of its own.
// Nothing here knows any particular product's log.
import type { AttrValue, Attributes } from '../../model/index.js';
import { MAX_LINE_BYTES, type Decoder, type DecoderContext, type FormatSpec, type Progress, type SniffInput } from '../types.js';
import { INVALID_UTF8_MESSAGE, linePiece, LineSplitter, looksBinary } from '../common/lines.js';
import { exactEpochToNs, matchTimestampAt, parseLogTimestamp, scanLeadingTimestamp, type LogTimeOptions } from '../common/time.js';
import { buildLogRecord, LogOutput, stripAnsi, type LogParts } from '../jsonl-logs/log-output.js';
import { depthExceeds, isFieldKey, jsonObjectLine, logfmtPairs, mapLogfmtLine, mapLogLine, mapStampedLine, mapStructured, mapText, POD_OF_DEPLOYMENT, readTrailingJson, setAttribute, type LineKind, type MapOptions, type MappedLog } from '../jsonl-logs/map-fields.js';
import { mapLokiEntry } from '../jsonl-logs/log-line.js';
import { analyzeTextLine } from './line-fields.js';
import { LevelColumnLearner, type FoundColumn, type LevelColumn } from './level-column.js';
import { documentKind } from '../common/documents.js';
import { continuesNodeReport, endsTraceback, EXCEPTION_LINE, isBinaryLine, isNodeCrash, NO_WORDS, NODE_CARET, NODE_CRASH_HEAD, recordLimitMessage, startsNodeReport, TEXT_CONTINUATION } from '../common/crash-lines.js';
import { severityFromText } from '../jsonl-logs/severity.js';
import { detectEntryLayout, type EntryLayout } from './entries.js';
import { julLevelLine } from '../common/jul-locales.js';
import { endsInsideQuotes, parseCsvLines } from '../common/csv.js';
import { mapPostgresCsvlogRow, postgresCsvlogStart } from '../csv-logs/index.js';
import { continuesPythonRecord, startsPythonRecord } from './python-lines.js';
import { continuesJvmFatal, continuesThreadDump, jcmdDumpTime, JVM_FATAL_HEAD, JVM_UNCAUGHT, jvmFatalTime, startsJvmReport, type JvmFatalPart } from '../common/jvm-crash.js';
import { isExceptionWithStack } from './exception-stack.js';
import { RUBY_LOGFILE_HEADER } from '../common/ruby-logger.js';
import { isGlogPreamble } from './glog-preamble.js';
import { TRACE_LISTENER_KEY } from './trace-listener.js';
import { TTCC_KEY } from './ttcc.js';
import { isBareRule } from '../common/native-crash.js';
import { continuesCrash, continuesGroup, continuesPhpThrowable, crashHead, crashSeverity, goReasonsGoOn, isPhpThrowable, isTracebackHead, rubyReportJoins, startsAtEntry, tracebackAfter, type RecordAbove, type RuntimeCrash } from '../common/runtime-crash.js';
import { otelJavaExporterRecord } from '../common/otel-java-exporter.js';
import { isOtlpRequest, mapExact, mapOtlpRequest, type OtlpOut } from '../otlp-json/request.js';
import { marginOf, paddedLevelWidth, padsLevel } from './aligned-start.js';
import { HAPROXY_STDERR_KEY, isHaproxyStderr } from './haproxy-stderr.js';
import { RunBannerReader, runBannerMessage } from '../common/run-banner.js';

/** Lines (or characters) read before deciding how records start. */
const SAMPLE_LINES = 200;
/** Lines past the sample that may still teach the file's level column (see learnLevelColumn). */
const LATE_COLUMN_LINES = 20_000;
/**
 * Container streams whose level column is learned behind a prefix (one a compose service or a
 * `kubectl logs --prefix` container; a CRI or stamped file is one): the lines of any further
 * stream learn none (their levels are read as without a column). Bounds the learners' memory.
 */
const MAX_COLUMN_STREAMS = 64;
const SAMPLE_CHARS = 256 * 1024;
/** A record may absorb this many continuation lines before the next line starts a new one. */
const MAX_RECORD_LINES = 10_000;
const PG_SECONDARY = /^(.{1,120}?)(?:DETAIL|HINT|STATEMENT|CONTEXT|QUERY|LOCATION):  /;
const PG_PRIMARY = /^(.{1,120}?)(?:DEBUG[1-5]?|INFO|NOTICE|WARNING|ERROR|LOG|FATAL|PANIC):  /;

/**
 * `line` is a PostgreSQL DETAIL/HINT/STATEMENT… line of the message `first` (the same log_line_prefix, pid and time included).
 * A prefix with `%l` (the session's line number, pgBadger's `%t [%p]: [%l-1] `) numbers each line it prefixes, the
 * secondary ones too: the prefixes then differ in that number only, larger by one for each prefixed line of the
 * message so far (`lines`: the record's lines; its continuation lines, indented with a tab, have no prefix). Another
 * backend's line differs in its pid, and is larger by exactly that count only by chance.
 */
function continuesPostgres(first: string, line: string, lines: readonly string[]): boolean {
  const s = PG_SECONDARY.exec(line);
  if (!s) return false;
  const p = PG_PRIMARY.exec(first);
  if (p === null) return false;
  if (p[1] === s[1]) return true;
  let prefixed = 0;
  for (const l of lines) if (l[0] !== '\t') prefixed++;
  return sameBarOneNumber(p[1]!, s[1]!, prefixed);
}

/** The prefixes `a` (the message's) and `b` (a later line's) are the same but for one number, larger in `b` by `step`. */
function sameBarOneNumber(a: string, b: string, step: number): boolean {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  if (x.length !== y.length) return false;
  let differ = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    // (odd places hold the digit runs; a run of 10 digits or more is no line number)
    if (i % 2 === 0 || ++differ > 1 || x[i]!.length > 9 || y[i]!.length > 9) return false;
    if (Number(y[i]) - Number(x[i]) !== step) return false;
  }
  return differ === 1;
}

/** The start of a PostgreSQL csvlog row: its log_time (`2023-11-14 22:13:20.123 UTC`), then a comma. */
const PG_CSVLOG_ROW = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[^,]{0,40},/;
/** What a container's prefix says of where a line comes from (kubectl's pod and container, compose's container, the service they name). */
const CONTAINER_RESOURCE = new Set(['k8s.pod.name', 'k8s.container.name', 'container.name', 'service.name']);

/** An AWS VPC flow log's header (default or custom format): field names, `srcaddr`, `dstaddr` and `start` among them. */
const VPC_FLOW_HEADER = /^(?=.*\bsrcaddr\b)(?=.*\bdstaddr\b)(?=.*\bstart\b)[a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*){4,}\s*$/;
const MACOS_LOG_SHOW_FRAME = /^(?:Timestamp +Thread +Type +Activity +PID +TTL *|-{100,}|Log +- Default: +\d+, Info: +\d+, Debug: +\d+, Error: +\d+, Fault: +\d+|Activity - Create: +\d+, Transition: +\d+, Actions: +\d+)$/;
/**
 * The Windows DNS server's debug log (dns.log) opens with when the file was made or wrapped, and
 * a legend of its packet lines' fields: `Message logging key (for packets - other items use a
 * subset of these fields):`, then the legend's tab-indented lines up to a blank line. No entries.
 */
const DNS_LOG_HEAD = /^(?:DNS Server log file creation at|Log file wrap at) \d{1,4}[./-]\d{1,2}[./-]\d{1,4} \d{1,2}:\d\d:\d\d(?: [AP]M)?\s*$/;
const DNS_LOG_KEY = /^Message logging key \(for packets - other items use a subset of these fields\):\s*$/;

/**
 * Kubernetes container logs as the kubelet writes them (CRI: /var/log/pods/…, /var/log/containers/…):
 * `<RFC 3339 time> <stdout|stderr> <P|F>[:more tags] <message>`. `P` marks a fragment of a long
 * line that the following lines of the same stream complete; `F` ends it.
 */
const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (stdout|stderr) ([PF])(?::\S*)?(?: (.*))?$/;
/**
 * `kubectl logs --timestamps` (and `docker logs --timestamps`): each line of the container's
 * output after the runtime's RFC 3339 time and one space. Read as a CRI line is when the lines
 * inside have a layout of their own (their own time, klog, an access log, JSON).
 */
/** Microsoft.Extensions.Logging's SimpleConsoleFormatter head (its default): the level's 4 letters, the category, the event id. */
const MEL_CONSOLE_HEAD = /^(?:trce|dbug|info|warn|fail|crit): [\w.+`<>-]{1,500}\[-?\d{1,10}\]\s*$/;
const STAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (.*)$/;
/**
 * `logcli query` default output (grafana/loki pkg/logcli/output/default.go): an RFC 3339 time,
 * the stream's label set `{app="api", namespace="prod"}` padded with spaces, then the line.
 */
const LOGCLI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) (\{(?:[A-Za-z_]\w*="(?:[^"\\]|\\.)*"(?:, )?)*\}) *(.*)$/;
const LABEL = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;
/**
 * A line of a Java stack trace as logcli prints it: its default output trims each line
 * (`strings.TrimSpace`), so a frame's tab is gone (`at com.example.Svc.run(Svc.java:40)`).
 */
const LOGCLI_FRAME = /^(?:at [\w$.\/<>@-]+\(.*\)|\.\.\. \d+ (?:more|common frames omitted)|(?:Caused by|Suppressed): .*)$/;

/**
 * Whether logcli printed the lines newest first (its default direction): their times never rise
 * and fall at least once (true), rise (false), or all are the same second so far (undefined).
 */
function newestFirst(lines: readonly Buffered[]): boolean | undefined {
  let last: number | undefined;
  let fell = false;
  for (const b of lines) {
    const m = LOGCLI.exec(b.text);
    if (!m) continue;
    const t = Date.parse(m[1]!);
    if (last !== undefined && t > last) return false;
    if (last !== undefined && t < last) fell = true;
    last = t;
  }
  return fell ? true : undefined;
}

/** `{a="b", c="d\"e"}` → its labels (Go-quoted values unescaped). */
function parseLabelSet(set: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of set.matchAll(LABEL)) setAttribute(out, m[1]!, m[2]!.replace(/\\(.)/g, (_x, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)));
  return out;
}

/**
 * A line prefixed with its source: `docker compose logs` (`web-1  | …`), or `kubectl logs --prefix`
 * (`[pod/<pod>/<container>] …`). Group 1 or 2 is the source, group 3 the line.
 */
const COMPOSE = /^(?:([A-Za-z0-9][\w.-]*)\s+\|\s?|\[(pod\/[a-z0-9][a-z0-9.-]*\/[a-z0-9][a-z0-9-]*)\] )(.*)$/;
/** The container's message of a compose or `kubectl logs --prefix` line (after kubectl's stamp, if any). */
function composeMessage(text: string): string | undefined {
  const m = COMPOSE.exec(text);
  if (!m) return undefined;
  return m[2] !== undefined ? (STAMPED.exec(m[3]!)?.[2] ?? m[3]!) : m[3]!;
}

/**
 * The held lines (a compose or `kubectl logs --prefix` line whose message is a `file:line`, and the
 * two after it) are Node's report of an uncaught exception: the third is the same container's caret.
 */
function composeCaret(held: readonly { text: string }[]): boolean {
  const head = COMPOSE.exec(held[0]!.text);
  const third = COMPOSE.exec(held[2]!.text);
  return head !== null && third !== null && (head[1] ?? head[2]) === (third[1] ?? third[2]) && NODE_CARET.test(composeMessage(held[2]!.text) ?? '');
}

/** How a container's line behind a prefix is read, with the options given: JSON, logfmt or text (see readInner). */
type InnerRead = (opts: MapOptions) => MappedLog;

/**
 * A compose or `kubectl logs --prefix` line (`m`: its COMPOSE match): its stream (the service or
 * container), the container's line (behind kubectl's stamp: `stamped`), and how that is read.
 */
function composeRead(m: RegExpExecArray): { key: string; msg: string; read: InnerRead; stamped: boolean } {
  const stamped = m[2] !== undefined ? STAMPED.exec(m[3]!) : null;
  const msg = stamped ? stamped[2]! : m[3]!;
  const read: InnerRead = (opts) => {
    if (stamped) return mapStampedLine(msg, stamped[1]!, opts);
    const r = mapLogLine(msg, { ...opts, inner: true });
    r.mapped.lineKind = r.kind;
    return r.mapped;
  };
  return { key: m[1] ?? m[2]!, msg, read, stamped: stamped !== null };
}

/** A message that begins as an OTLP export request does: its first member, lowerCamel or proto's snake_case. */
const OTLP_MESSAGE = /^\{\s*"(?:resource(?:Spans|Logs|Metrics)|resource_(?:spans|logs|metrics))"\s*:/;

/** How a CRI line's message (`stream` its stream) or a `kubectl logs --timestamps` line's (no stream) is read, `time` the stamp before it. */
function criRead(msg: string, stream: string | undefined, time: string): InnerRead {
  return (opts) => (stream === undefined ? mapStampedLine(msg, time, opts) : mapStructured({ log: msg, stream, time }, opts));
}

/**
 * Where a container's line (`msg`) writes a level word, from its read (`parts`, read with
 * findLevelColumn): a line read as text that does not begin with `{`; a JSON object or a logfmt
 * line has no column (nor has a `{` line that is not JSON: a JSON logger's cut or broken line).
 */
function innerColumnOf(msg: string, parts: MappedLog): FoundColumn | undefined {
  return parts.lineKind === 'text' && msg.trim().charCodeAt(0) !== 123 /* { */ ? parts.levelColumn : undefined;
}

/** A Java exception as a logger prints it after the message: a qualified class name, then its message (see crash-lines.ts). */
const JAVA_EXCEPTION_LINE = EXCEPTION_LINE.javaLogged;
/** Inside compose output: only clearly subordinate lines (frames, tab/deep indent) continue. */
const COMPOSE_CONTINUATION = /^(\t|\s+at |\s+File "|\s{4,}|Caused by:|Traceback \(most recent call last\)|\.\.\. \d+ more)/;
/**
 * The lines journalctl prints between entries, which are not entries: the range of the journal
 * (`-- Logs begin at … end at … --`, systemd ≥ 246 `-- Journal begins at … ends at … --`), a
 * boot boundary (`-- Reboot --`, systemd ≥ 250 `-- Boot <id> --`) and `-- No entries --`.
 */
const JOURNAL_MARKER = /^-- (?:(?:Logs begin at|Journal begins at) .*|Reboot|No entries|Boot [0-9a-f]{32}) --$/;
/**
 * A slashed date with a four-digit year near the start of a line (`11/10/2023 14:00`, `[13/10/2023:…`,
 * signale's `[11/27/2026] [12:45:25 PM]`), or log4js's spaced one (`27 11 2026 04:49:15.834`).
 */
const SLASH_DATE = /(?:^|[\s[(])(?:(\d{1,2})\/(\d{1,2})\/\d{4}[ ,T:\]]|(\d{2}) (\d{2}) \d{4} \d{2}:\d{2}:\d{2}\.\d{3}(?!\d))/;

/** Which field of the lines' slashed dates is the day, where some date tells: `day` first, `month` first, or undefined. */
function slashDateOrder(lines: readonly { text: string }[]): 'day' | 'month' | undefined {
  let day = false;
  let month = false;
  for (const b of lines) {
    const m = SLASH_DATE.exec(b.text.slice(0, 200));
    if (!m) continue;
    const a = Number(m[1] ?? m[3]);
    const c = Number(m[2] ?? m[4]);
    if (a > 12 && c <= 12) day = true;
    else if (c > 12 && a <= 12) month = true;
  }
  return day && !month ? 'day' : month && !day ? 'month' : undefined;
}

/** The head lines of Grafana's "Download logs" text after its common labels. */
const GRAFANA_HEAD = /^(?:Line limit|Total bytes processed|Common labels): /;
/** One line of it: epoch milliseconds, the RFC 3339 time, the log line. */
const GRAFANA_LINE = /^\d{13}\t(\d{4}-\d\d-\d\dT[^\t]+)\t(.*)$/;

/** What logcat prints where it starts reading a buffer (`--------- beginning of main`) or switches to another: no entry. */
const LOGCAT_MARKER = /^--------- (?:beginning of|switch to) [a-z_]+$/;
/** The end of the range a journal marker gives: the latest time its year-less entries can have. */
const JOURNAL_END = /\b(?:end|ends) at \w+ (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/;
/**
 * The widest margin a file's lines may all be indented by and still be read from after it: a
 * logger that indents every line (tracing-subscriber's Pretty format writes `  <time>  INFO …`
 * and its `    at file:line` / `    in span` lines deeper; Next.js prints ` ✓ Ready`, ` ⨯ Error`).
 * Four spaces or a tab are a stack frame's indent, never a margin.
 */
const MAX_MARGIN = 3;

/**
 * The spaces (1 to MAX_MARGIN) every one of the lines that may begin a record begins with (see
 * marginOf: a multi-line message's own lines may be unindented); 0 when some such line has none, or
 * a line is the head of a Python exception group's traceback (whose indent is Python's, as all its lines are: see runtime-crash.ts).
 */
function commonMargin(texts: readonly string[], opts?: LogTimeOptions): number {
  return marginOf(texts, MAX_MARGIN, (t) => canBeginRecord(t, opts), (t, n) => n === 2 && isTracebackHead(t));
}

/** `t` (at column 0) may begin a record: it has a header, or a level. */
function canBeginRecord(t: string, opts?: LogTimeOptions): boolean {
  const f = analyzeTextLine(t, opts);
  return f.hasHeader || f.severityText !== undefined;
}

/**
 * A reader of a container's messages one after another that tells those of a runtime's report of
 * its death (runtime-crash.ts, jvm-crash.ts, Node's), its head and the lines that continue it as in
 * a plain file, and empty ones: lines of no layout of the program's logger (see stampedLayout).
 */
function reportLines(): (msg: string) => boolean {
  let report: string[] | undefined;
  let crash: RuntimeCrash | undefined;
  return (msg) => {
    if (msg.trim() === '') return true;
    if (report !== undefined && report.length < SAMPLE_LINES && (CONTINUATION.test(msg) || continuesCrash(crash, report, msg) || continuesNodeReport(report, msg) || endsTraceback(report, msg) || continuesGroup(report[report.length - 1]!, msg))) {
      report.push(msg);
      return true;
    }
    crash = crashHead(msg) ?? (isTracebackHead(msg) ? 'python' : undefined);
    report = crash !== undefined || startsNodeReport(msg) || startsJvmReport(msg) ? [msg] : undefined;
    return report !== undefined;
  };
}

/** A banner's line that names the program and its version (Spring Boot's ` :: Spring Boot ::   (v3.2.1)`). */
const BANNER_VERSION = /^\s*(?:::\s*)?[A-Za-z][\w .-]{0,40}?(?:\s*::)?\s+\(?v?\d+(?:\.\d+)+[\w.-]*\)?\s*$/;

/**
 * How many of the first sampled lines are a startup banner: ASCII art (lines without a letter or
 * a digit, as Spring Boot and Quarkus draw their names) and the program's version line, before
 * the first line with a record header. At least two lines of art; 0 when the lines before the
 * first header are anything else (a message of their own is a record).
 */
function bannerLength(sample: readonly Buffered[], opts: LogTimeOptions): number {
  let art = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b.marker) return 0;
    const t = b.text;
    if (t.trim() === '') continue;
    if (NO_WORDS.test(t)) art++;
    else if (analyzeTextLine(t, opts).hasHeader) return art >= 2 ? i : 0;
    else if (!BANNER_VERSION.test(t)) return 0;
  }
  return 0;
}

/** Where the first `k` tokens (runs of characters other than spaces and tabs) of `line` end; -1 when it has fewer. */
function tokensEnd(line: string, k: number): number {
  let i = 0;
  for (let n = 0; n < k; n++) {
    while (n > 0 && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length || line[i] === ' ' || line[i] === '\t') return -1;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
  }
  return i;
}

/**
 * How many tokens long the prefix is that the file's logger repeats on each line of a multi-line
 * message (RabbitMQ's default text log: `2026-11-27 18:37:29.675390+00:00 [debug] <0.223.0> ` on
 * every line of a message), or undefined when the lines show no such thing. The evidence: at least
 * two pairs of neighbouring lines whose common head holds a sub-second time and more (a level, a
 * process), where the second line's message cannot begin one (it is indented or closes a bracket)
 * or the first one's is empty (a message that begins with a newline: the line ends in the prefix's
 * own separator), one pair at least of the first kind. Lines that merely share a millisecond are no
 * evidence: distinct events' messages each begin as messages do; nor are two identical lines (the
 * same event twice: their common head is the whole line), nor a line whose message the next one's
 * merely begins with (`retry`, `retry in 5s`). With `levelFirst` (a file read line by line, no
 * header learned), the head is instead a level word the line begins with and one token or more
 * after it (npmlog writes `<level> <prefix> ` before each line of a message: `ERR! orders     at …`
 * under `ERR! orders Error: …`); the same evidence is asked.
 */
function repeatedPrefixTokens(texts: readonly string[], opts: LogTimeOptions, levelFirst = false): number | undefined {
  const votes = new Map<number, number>();
  /** the heads for which a second line's message cannot begin one (not only an empty first message) */
  const continued = new Set<number>();
  /** (levelFirst) the head of the message whose lines the last evidence was, and that line's index */
  let runK = -1;
  let runEnd = -2;
  for (let i = 1; i < texts.length; i++) {
    const a = texts[i - 1]!;
    const b = texts[i]!;
    if (a === b) continue;
    // (with a level first, each further line of a message whose second line was evidence is evidence too:
    // the same head, both lines' text after it indented)
    if (levelFirst && i === runEnd + 1) {
      const e = tokensEnd(a, runK);
      if (e > 0 && b.startsWith(a.slice(0, e)) && /^[ \t]{2}/.test(a.slice(e)) && /^[ \t]{2}/.test(b.slice(e))) {
        votes.set(runK, (votes.get(runK) ?? 0) + 1);
        runEnd = i;
        continue;
      }
    }
    let common = 0;
    const max = Math.min(a.length, b.length, 300);
    while (common < max && a.charCodeAt(common) === b.charCodeAt(common)) common++;
    // back to the end of a token that ends both lines' heads there
    const sep = (t: string, at: number): boolean => at === t.length || t[at] === ' ' || t[at] === '\t';
    let p = common;
    while (p > 0 && !(sep(a, p) && sep(b, p) && !sep(a, p - 1))) p--;
    if (p === 0) continue;
    // (the head holds a sub-second time and more; or, in a file without times, a level word the
    // line begins with and more: npmlog's `ERR! orders ` on each line of an error's stack)
    let floor: number;
    const ts = levelFirst ? undefined : scanLeadingTimestamp(a, 5, opts);
    if (ts && ts.ns !== undefined && ts.end < p && /[.,]\d{3,9}/.test(a.slice(ts.start, ts.end))) floor = countTokens(a.slice(0, ts.end));
    else if (levelFirst && startsWithLevelWord(a, opts)) floor = 1;
    else continue;
    const k = countTokens(a.slice(0, p));
    if (k <= floor) continue; // the time (the level) alone is no repeated header
    const restA = a.slice(p + 1);
    const restB = b.slice(p + 1);
    // (a's message right after one space: a layout that pads its fields (`INFO  [main]`) pads both lines alike)
    if (/^[ \t]/.test(restA)) continue;
    // (an empty message only where the line goes on past the head with its separator: a line that
    // ends where the next one goes on is a message the next one begins with, not an empty one)
    const strong = /^[ \t]/.test(restB) || /^[}\])]/.test(restB);
    if (strong || (restA === '' && p < a.length)) votes.set(k, (votes.get(k) ?? 0) + 1);
    if (strong) {
      continued.add(k);
      [runK, runEnd] = [k, i];
    }
  }
  let best: number | undefined;
  let bestVotes = 1;
  for (const [k, n] of votes) if (n > bestVotes && continued.has(k)) [best, bestVotes] = [k, n];
  return best;
}

/**
 * In a file that repeats its prefix on each line of a message (see repeatedPrefixTokens), whether a
 * line with the record's prefix continues its message: `msg` the line's text after the prefix,
 * `prev` the record's line above (its text after the prefix). It does when it is a blank line, is
 * indented or closes a bracket, or when the line above announces more (its message empty, or ending
 * in `:`, `,`, `=>` or an open bracket) and this one does not begin as a message does (a letter or
 * digit): RabbitMQ's `… with configuration:` then `#{data_dir =>`. A line the same as the one above
 * is the same event again, never part of it (but an empty one: a message's empty lines in a row);
 * any other line that begins as a message is an event of its own, though it shares the time and
 * the process (if in doubt, a record of its own).
 */
function continuesRepeated(prev: string, msg: string): boolean {
  if (msg.trim() === '') return true;
  if (msg === prev) return false;
  if (/^[ \t}\])]/.test(msg)) return true;
  return (prev.trim() === '' || /(?:[:,{[(]|=>)[ \t]*$/.test(prev)) && !/^[\p{L}\p{N}]/u.test(msg);
}

/**
 * consola's fancy reporter (its default on a terminal) writes a record at warn level or above as a
 * badge, ` WARN `, ` ERROR `, ` FATAL `, ` FAIL ` (on a coloured background a terminal shows), after
 * an empty line: ` WARN  stock low`. Such a line after an empty line begins a record, though it is
 * indented; the line without its indent, undefined when it is no such badge (the word must be a level word).
 */
function consolaBadge(t: string): string | undefined {
  const m = /^ ([A-Z]{4,5}) {2}\S/.exec(t);
  return m && severityFromText(m[1]!) !== undefined ? t.slice(1) : undefined;
}

/** The line begins with a level word, its level (in a file without times: npmlog's `ERR! …`, `WARN …`). */
function startsWithLevelWord(line: string, opts: LogTimeOptions): boolean {
  const column = analyzeTextLine(line, { ...opts, findLevelColumn: true }).levelColumn;
  return column !== undefined && column.index === 0 && column.form === ' ' && line.startsWith(column.word);
}

function countTokens(text: string): number {
  const t = text.trim();
  return t === '' ? 0 : t.split(/[ \t]+/).length;
}

/** Lines that continue a record even where no header pattern was learned (see crash-lines.ts). */
const CONTINUATION = TEXT_CONTINUATION;

type Mode = 'header' | 'line' | 'compose' | 'table' | 'cri' | 'stamped' | 'logcli' | 'entries';

interface CriFragment {
  text: string;
  time: string;
  line: number;
  offset: number;
}

interface Buffered {
  text: string;
  line: number;
  offset: number;
  /** The line holds bytes that are not UTF-8 (see LineHandler.findInvalidUtf8). */
  bad?: boolean;
  /** A journalctl marker line (sampled only so the replay ends the record before it). */
  marker?: boolean;
}

interface Pending {
  /** Behind a container's prefix: its first line is a `file:line` that heads no Node report (no caret under it, see held). */
  notNodeReport?: boolean;
  parts: LogParts;
  line: number;
  offset: number;
  lines: string[];
  chars: number;
  /** compose service prefix of the record, for continuation matching */
  prefix?: string;
  /** (kubectl --prefix --timestamps) the record's first message came with kubectl's stamp */
  stamped?: boolean;
  /** The record is the JVM's fatal error report (see jvm-crash.ts): where in it the lines are. */
  jvm?: JvmFatalPart;
  /** (behind a container's prefix) the record began a PostgreSQL csvlog row whose quoted message is still open (see readCsvlog) */
  csvOpen?: boolean;
  /** The record is a PostgreSQL csvlog row read as csvlog's (its parts whole, the body its message): whether it is structured. */
  csv?: boolean;
  /** Where the record's last line is, when it is a `#` alone (a fatal error report's first line, when the report's head follows). */
  hashAt?: { line: number; offset: number; time?: string };
  /** Header mode, in a file that repeats its prefix on each line of a message: the record's prefix (see repeatedPrefixTokens). */
  head?: string;
  /** The record is a runtime's report of the exception or panic that ended the program (see runtime-crash.ts). */
  crash?: RuntimeCrash;
  /** The record's last line is a Python traceback's head that the next line (its first frame) may take to a record of its own (see resolveTraceback). */
  tbAt?: TracebackAt;
  /** (a Go crash) its goroutine dump has begun: from there on only the dump's lines continue it (see continuesGoCrash). */
  goDump?: boolean;
}

/** Where a Python traceback's head is that a record took as its last line (see Pending.tbAt): its line, and behind a container's prefix its time and the line as written. */
interface TracebackAt {
  line: number;
  offset: number;
  time?: string;
  raw?: string;
}

interface Table {
  fields: string[];
  separator: 'tab' | 'space';
  kind: 'w3c' | 'zeek' | 'vpc';
  unset: string;
  empty: string;
}

/** Headers that begin a record even when the sample did not show them: a timestamp at column 0, glog, access, PRI. */
function isStrongStart(key: string): boolean {
  return key === 'glog' || key === TRACE_LISTENER_KEY || key === TTCC_KEY || key === 'php-fpm' || key === HAPROXY_STDERR_KEY || key === 'access' || key === 'alb' || key === 'envoy' || key === 'weblogic' || key === 'logcat' || key === 'zabbix' || key.startsWith('pri:') || (key.startsWith('ts:') && key.endsWith('@'));
}

function headerShape(key: string): string {
  const at = key.indexOf('@');
  return at >= 0 ? key.slice(0, at) : key;
}

export class TextLogsDecoder implements Decoder {
  private readonly out: LogOutput;
  private readonly lines: LineSplitter;
  private sample: Buffered[] | undefined = [];
  private sampleChars = 0;
  private sampledContent = false;
  private mode: Mode = 'line';
  /** Header shapes that begin a record in this file (learned from the sample). */
  private readonly shapes = new Set<string>();
  /** Spaces every sampled line is indented by (see MAX_MARGIN): a line is read from after them. */
  private margin = 0;
  /** The width the file's lines right-align their level words to (see paddedLevelWidth), 0 when they do not. */
  private levelPad = 0;
  private table: Table | undefined;
  private pending: Pending | undefined;
  /** Mode 'entries': the layout of the file's multi-line entries (see entries.ts), and the entry being gathered. */
  private entries: EntryLayout | undefined;
  private entry: { lines: string[]; line: number; offset: number; chars: number } | undefined;
  /** CRI: the `P` fragments of an unfinished line, per stream. */
  private readonly criPartial = new Map<string, CriFragment>();
  /** One "now" per file (a missing year is inferred the same way for every line) and a shape memo. */
  private readonly timeOpts: { nowMs: number; memo: { shape?: number }; reportInvalid: boolean; dayFirst?: boolean; levelColumn?: LevelColumn; findLevelColumn?: boolean } = { nowMs: Date.now(), memo: {}, reportInvalid: true };

  constructor(ctx: DecoderContext) {
    this.out = new LogOutput(ctx);
    this.lines = new LineSplitter({
      line: (text, line, offset, bytes, bad, raw) => this.onRawLine(text, line, offset, bad, raw, bytes),
      findInvalidUtf8: true,
      tooLong: (line, offset, bytes) => {
        if (this.sample) this.learn();
        this.releaseBackward();
        this.releaseHeld();
        this.flush();
        this.out.sawContent = true;
        this.out.error('line-too-long', `line of ${bytes} bytes exceeds the limit; skipped`, line, offset, true);
      },
      // (a file of NUL-terminated messages without LF, syslog datagrams captured raw: a NUL ends a line, see nulTerminatedHead)
    }, MAX_LINE_BYTES, 'auto', true);
  }

  get progress(): Progress {
    this.out.progress.lines = this.lines.linesSeen;
    return this.out.progress;
  }

  push(chunk: Uint8Array): void {
    this.out.progress.bytes += chunk.length;
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
    if (this.sample) this.learn();
    this.releaseBackward();
    for (const b of this.banner.end()) this.handle(b.text, b.line, b.offset, b.bad === true, true);
    this.releaseHeld();
    this.releaseBlanks();
    // CRI fragments the file ended before completing (rotated mid-line) are records as they are.
    for (const [stream, f] of this.criPartial) this.startCri(f.text, stream, f);
    this.criPartial.clear();
    this.flush();
    this.reportExporterLines();
    this.out.progress.lines = this.lines.linesSeen;
    this.out.finish();
  }

  /**
   * A lone CR inside a line ends a line when what follows it begins with a date: files joined
   * from a classic-Mac or network-device log and an LF one (`cat a.log b.log`). A CR before
   * anything else (a progress bar redrawing itself) stays in the line.
   */
  private onRawLine(raw: string, line: number, offset: number, bad: number, bytes: Uint8Array, end: number): void {
    if (raw.includes('\0')) return this.onNulLine(raw, line, offset, bad >= 0, bytes, end);
    this.onCrLine(raw, line, offset, bad >= 0, bytes, 0, end);
  }

  /**
   * Messages each ended by one NUL and written back to back (RFC 3164 senders such as Python's
   * SysLogHandler, captured with `nc -lu`): a NUL followed by a syslog `<PRI>` or a date ends a
   * message. Other NULs stay in the line, which is then binary (two NULs in a row, junk).
   * (`bad`: the line holds bytes that are not UTF-8; `bytes`: its bytes, up to `end`: see linePiece.)
   */
  private onNulLine(raw: string, line: number, offset: number, bad: boolean, bytes: Uint8Array, end: number): void {
    let start = 0;
    let b = 0; // the byte `start` is at in the line
    for (let nul = raw.indexOf('\0'); nul !== -1; nul = raw.indexOf('\0', nul + 1)) {
      const next = raw.slice(nul + 1, nul + 65);
      if (!/^<\d{1,3}>/.test(next) && matchTimestampAt(next, 0, this.timeOpts)?.ns === undefined) continue;
      const current = raw.slice(start, nul);
      const piece = linePiece(current, 0, bytes, b, end, bad);
      this.onCrLine(current, line, offset + b, piece.bad, bytes, b, b + piece.bytes);
      b += piece.bytes + 1;
      start = nul + 1;
    }
    if (start === 0) return this.onCrLine(raw, line, offset, bad, bytes, 0, end);
    const last = raw.slice(start);
    this.onCrLine(last, line, offset + b, linePiece(last, -1, bytes, b, end, bad).bad, bytes, b, end);
  }

  /** `raw`: a line, or a piece of one, whose bytes are `bytes[from, end)`; `bad`: they are not all UTF-8 (see linePiece). */
  private onCrLine(raw: string, line: number, offset: number, bad: boolean, bytes: Uint8Array, from: number, end: number): void {
    const cr = raw.indexOf('\r');
    if (cr < 0 || cr === raw.length - 1) return this.onLine(raw, line, offset, bad);
    // A bare CR that starts a timestamp separates two records (old Mac line ends); other bare CRs
    // (progress-bar redraws, stray CRs) stay inside the line. One scan with slices of `raw`: no
    // array of every piece and no string grown piece by piece (each `+=` kept a rope node: a line
    // of 63 million CRs took 3 GB).
    let start = 0; // start of the record being built, in raw
    let b = from; // the byte it begins at
    for (let cr = raw.indexOf('\r'); cr !== -1; ) {
      const next = raw.indexOf('\r', cr + 1);
      const stop = next === -1 ? raw.length : next;
      if (stop > cr + 1 && stop - cr - 1 <= MAX_LINE_BYTES) {
        const ts = matchTimestampAt(raw.slice(cr + 1, stop), 0, this.timeOpts);
        if (ts !== undefined && ts.ns !== undefined) {
          const current = raw.slice(start, cr);
          const piece = linePiece(current, 13, bytes, b, end, bad);
          this.onLine(current, line, offset + (b - from), piece.bad);
          b += piece.bytes + 1;
          start = cr + 1;
        }
      }
      cr = next;
    }
    if (start === 0) return this.onLine(raw, line, offset, bad);
    const last = raw.slice(start);
    this.onLine(last, line, offset + (b - from), linePiece(last, -1, bytes, b, end, bad).bad);
  }

  /** `bad`: the line holds bytes that are not UTF-8 (a U+FFFD in `raw` may be written as such). */
  private onLine(raw: string, line: number, offset: number, bad: boolean): void {
    const text = stripAnsi(line === 1 ? raw.replace(/^\uFEFF/, '') : raw);
    // Ruby's Logger opens each file with `# Logfile created on <time> by logger.rb/v1.2.7`, macOS
    // `log show` prints a column header and a footer of counts: no entries
    if (text.startsWith('# Logfile created on ') && RUBY_LOGFILE_HEADER.test(text)) return;
    // (and glog its four lines about the file: see glog-preamble.ts)
    if (isGlogPreamble(text)) return;
    if (MACOS_LOG_SHOW_FRAME.test(text)) return;
    if (this.dnsLegend) {
      if (/^\s/.test(text) && text.trim() !== '') return;
      this.dnsLegend = false;
    }
    if (DNS_LOG_HEAD.test(text)) return;
    if (DNS_LOG_KEY.test(text)) {
      this.dnsLegend = true;
      return;
    }
    // Grafana's "Download logs" (.txt): a head of the query's common labels and counts, then
    // `<epoch ms>\t<RFC 3339>\t<line>` a line; the head is no record, its labels are every record's
    if (line <= 3 && text.startsWith('Common labels: {')) {
      const labels = jsonObjectLine(text.slice('Common labels: '.length).trim());
      this.grafanaLabels = labels ? mapStructured(labels).resourceAttributes : {};
      return;
    }
    if (this.grafanaLabels !== undefined && line <= 8 && GRAFANA_HEAD.test(text)) return;
    if ((text.startsWith('-- ') && JOURNAL_MARKER.test(text)) || (text.startsWith('--------- ') && LOGCAT_MARKER.test(text))) {
      // journalctl's and logcat's own lines: no record; a journal range's end dates the entries that print no year
      // (a day of margin: the entries are in local time, the range may be in another zone).
      const end = JOURNAL_END.exec(text);
      if (end) {
        this.timeOpts.nowMs = Date.UTC(Number(end[1]), Number(end[2]) - 1, Number(end[3]), Number(end[4]), Number(end[5]), Number(end[6])) + 86_400_000;
        this.journalDated = true;
      }
      if (this.sample) this.sample.push({ text, line, offset, marker: true });
      else {
        this.releaseBackward();
        this.releaseHeld();
        this.flush();
      }
      return;
    }
    if (this.sample) {
      // Blank lines before the first content do nothing (no record to belong to): not sampled,
      // so a file opening with many of them is still learned from its first log lines.
      if (!this.sampledContent) {
        if (text.trim() === '') return;
        this.sampledContent = true;
      }
      this.sample.push(bad ? { text, line, offset, bad } : { text, line, offset });
      this.sampleChars += text.length;
      if (this.sample.length >= SAMPLE_LINES || this.sampleChars >= SAMPLE_CHARS) this.learn();
      return;
    }
    this.handle(text, line, offset, bad);
  }

  /**
   * A record with a full date dates the year-less ones around it (klog's `I0319`, syslog's `Mar 19`
   * among logrus or zap lines): their year is the latest not after it (a day of margin for zones),
   * not the year the analysis runs in. A journal's own range, when printed, says it better.
   */
  private dateFrom(parts: { timeNs?: bigint; timeWithoutYear?: boolean }): void {
    if (this.journalDated || parts.timeNs === undefined || parts.timeWithoutYear) return;
    this.timeOpts.nowMs = Number(parts.timeNs / 1_000_000n) + 86_400_000;
  }

  private journalDated = false;
  /** Inside the legend of a Windows DNS server debug log's head (see DNS_LOG_KEY). */
  private dnsLegend = false;
  /** Grafana's downloaded logs: the resource its common labels give (undefined: not such a file). */
  private grafanaLabels: Attributes | undefined;

  /** Decide how records begin from the sampled lines, then replay them. */
  private learn(): void {
    let sample = this.sample ?? [];
    this.sample = undefined;
    // A startup banner before the first record is no record (nor part of one), and no evidence of how records begin.
    const banner = bannerLength(sample, this.timeOpts);
    if (banner > 0) sample = sample.slice(banner);
    const nonEmpty = sample.filter((b) => !b.marker && b.text.trim() !== '' && !isBinaryLine(b.text));
    const entries = nonEmpty.length > 0 ? detectEntryLayout(nonEmpty.map((b) => b.text)) : undefined;
    if (entries) {
      this.mode = 'entries';
      this.entries = entries;
    } else if (nonEmpty.length > 0) {
      const first = nonEmpty[0]!.text;
      if (first.startsWith('#') && nonEmpty.some((b) => /^#(Fields:|fields\t)/.test(b.text))) this.mode = 'table';
      else if (VPC_FLOW_HEADER.test(first)) {
        // AWS VPC flow logs as they are delivered to S3: a header line of field names, then one flow a line
        this.mode = 'table';
        this.table = { fields: first.trim().split(/\s+/), separator: 'space', kind: 'vpc', unset: '-', empty: '' };
        this.vpcHeader = nonEmpty[0]!.line;
      }
      else if (nonEmpty.filter((b) => CRI.test(b.text)).length >= nonEmpty.length * 0.5) this.mode = 'cri';
      else if (nonEmpty.filter((b) => LOGCLI.test(b.text)).length >= nonEmpty.length * 0.5) {
        this.mode = 'logcli';
        this.logcliBackward = newestFirst(sample);
      }
      else if (nonEmpty.filter((b) => COMPOSE.test(b.text)).length >= nonEmpty.length * 0.5) this.mode = 'compose';
      else if (this.stampedLayout(nonEmpty)) this.mode = 'stamped';
      else {
        // (a margin only in the modes read line by line: the others match their own prefix at column 0)
        this.margin = commonMargin(nonEmpty.map((b) => b.text), this.timeOpts);
        const texts = nonEmpty.map((b) => this.unindent(b.text));
        this.levelPad = paddedLevelWidth(texts);
        if (this.learnShapes(texts)) {
          this.mode = 'header';
          this.repeatedPrefix = repeatedPrefixTokens(texts, this.timeOpts);
        } else this.repeatedPrefix = repeatedPrefixTokens(texts, this.timeOpts, true);
        this.learnLevelColumn(texts);
      }
      if (this.mode === 'cri' || this.mode === 'stamped' || this.mode === 'compose') {
        // How the messages inside begin, so an exception's lines join the record above.
        const inner: string[] = [];
        for (const b of nonEmpty) {
          const msg = this.mode === 'cri' ? CRI.exec(b.text)?.[4] : this.mode === 'stamped' ? STAMPED.exec(b.text)?.[2] : composeMessage(b.text);
          if (msg !== undefined && msg.trim() !== '') inner.push(msg);
        }
        this.learnShapes(inner);
        this.learnInnerColumns(nonEmpty);
      }
    }
    // Slashed dates are month first unless a sampled line cannot be (`13/10/2023`) and none must be
    // (`10/13/2023`); log4js's spaced ones day first unless a sampled line cannot be (`11 27 2026`).
    const order = slashDateOrder(nonEmpty);
    if (order !== undefined) this.timeOpts.dayFirst = order === 'day';
    // (the year-less lines before the first full date are dated by it)
    for (const b of nonEmpty) {
      const f = analyzeTextLine(b.text, this.timeOpts);
      if (f.timeNs !== undefined && !f.timeWithoutYear) {
        this.dateFrom(f);
        break;
      }
    }
    for (const b of sample) {
      if (b.marker) {
        this.releaseBackward();
        this.releaseHeld();
        this.flush();
      } else this.handle(b.text, b.line, b.offset, b.bad === true);
    }
    // (the lines after the sample teach the level column the sample did not show)
    if (this.columnLearner) this.timeOpts.findLevelColumn = true;
    this.innerColumnsLive = true;
  }

  /**
   * Behind a container's prefix (CRI, `kubectl logs --timestamps`, compose, `kubectl logs
   * --prefix`): the level column of the lines inside, learned as a plain file's is (see
   * learnLevelColumn), one per stream (a compose service or kubectl container: their layouts
   * differ), for MAX_COLUMN_STREAMS streams at most, each line read as its record is read (see
   * innerColumnOf). A stream whose sampled lines show none, or that the sample did not hold, goes on
   * learning from its lines past the sample (see readInner).
   */
  private learnInnerColumns(lines: readonly Buffered[]): void {
    const learners = new Map<string, LevelColumnLearner>();
    for (const b of lines) {
      let key: string;
      let msg: string;
      let read: InnerRead;
      if (this.mode === 'compose') {
        const m = COMPOSE.exec(b.text);
        if (!m) continue;
        ({ key, msg, read } = composeRead(m));
      } else {
        const m = this.mode === 'cri' ? CRI.exec(b.text) : STAMPED.exec(b.text);
        // (a CRI fragment is not a whole line of the container's)
        if (!m || (this.mode === 'cri' && m[3] === 'P')) continue;
        key = '';
        msg = this.mode === 'cri' ? (m[4] ?? '') : m[2]!;
        read = criRead(msg, this.mode === 'cri' ? m[2]! : undefined, m[1]!);
      }
      if (msg.trim() === '' || CONTINUATION.test(msg)) continue;
      let learner = learners.get(key);
      if (!learner) {
        if (learners.size >= MAX_COLUMN_STREAMS) continue;
        learners.set(key, (learner = new LevelColumnLearner()));
      }
      learner.observe(innerColumnOf(msg, read({ ...this.timeOpts, findLevelColumn: true })));
    }
    for (const [key, learner] of learners) {
      const column = learner.decide();
      this.innerColumns.set(key, column ? { column } : { learner, late: 0 });
    }
  }

  /** The level column learned per container stream behind a prefix (see learnInnerColumns), or still being learned. */
  private readonly innerColumns = new Map<string, { column?: LevelColumn; learner?: LevelColumnLearner; late?: number }>();
  /** The sample has been learned and replayed: the lines read now teach the streams' columns still to learn. */
  private innerColumnsLive = false;

  /**
   * A container's line that begins a record (`msg`, of the stream `key`), read by `read` with the
   * options it is read with: its stream's level column, once learned. Past the sample, the line
   * also teaches the column its stream has not shown yet (as a plain file's lines do, see
   * observeLevelColumn), from the read itself (see innerColumnOf: the line is not analysed a second
   * time); the line that decides the column is read again with it.
   */
  private readInner(key: string, msg: string, read: InnerRead): MappedLog {
    let s = this.innerColumns.get(key);
    if (this.innerColumnsLive && !s && this.innerColumns.size < MAX_COLUMN_STREAMS) this.innerColumns.set(key, (s = { learner: new LevelColumnLearner(), late: 0 }));
    if (!this.innerColumnsLive || !s?.learner || msg.trim() === '' || CONTINUATION.test(msg)) {
      const parts = read(s?.column ? { ...this.timeOpts, levelColumn: s.column } : this.timeOpts);
      delete parts.levelColumn;
      return parts;
    }
    // (a stream still learning has no column yet)
    const parts = read({ ...this.timeOpts, findLevelColumn: true });
    const column = s.learner.slide(innerColumnOf(msg, parts));
    delete parts.levelColumn;
    if (column) s.column = column;
    if (column || ++s.late! >= LATE_COLUMN_LINES) {
      delete s.learner;
      delete s.late;
    }
    if (!column) return parts;
    const again = read({ ...this.timeOpts, levelColumn: column });
    delete again.levelColumn;
    return again;
  }

  /**
   * At least half the lines are stamped (`<RFC 3339> <line>`), and at least half of those carry a
   * layout of their own after the stamp: their own timestamp, klog, an access log, syslog PRI or a
   * JSON object. A plain `<RFC 3339> INFO message` log is the header mode's.
   */
  private stampedLayout(lines: Buffered[]): boolean {
    let stamped = 0;
    let layout = 0;
    // Stamped frames of a stack trace (`<stamp> \tat …`) and the `#` lines of the JVM's fatal error
    // report carry no layout of their own, nor deny one; nor do empty lines and the lines of a
    // runtime's report of its death (Rust's message and notes, Ruby's and .NET's, Node's: see reportLines).
    let frames = 0;
    const report = reportLines();
    for (const b of lines) {
      const m = STAMPED.exec(b.text);
      if (!m) continue;
      stamped++;
      const msg = m[2]!;
      if (report(msg) || COMPOSE_CONTINUATION.test(msg) || msg.charCodeAt(0) === 35 /* # */) frames++;
      else if (msg.trimStart().startsWith('{')) layout++;
      else {
        const key = analyzeTextLine(msg, this.timeOpts).headerKey;
        // its own timestamp first, or in a bracket that opens the line (env_logger's `[2026-… ERROR app]`, Ruby Logger's
        // `I, [2026-… #1]  INFO --`; a syslog line quoting an app's time further in stays a syslog line)
        if (key === 'glog' || key === 'access' || key.startsWith('pri:') || (key.startsWith('ts:') && (key.endsWith('@') || key.endsWith('@[') || key.endsWith('@a, [')))) layout++;
        // (lines with no time that begin a record by their head: .NET's TraceListener, log4j/log4cxx TTCC, php-fpm's worker
        // lines, and Microsoft.Extensions.Logging's console head `info: Worker[0]`, its message indented under it)
        else if (key === TRACE_LISTENER_KEY || key === TTCC_KEY || key === 'php-fpm' || MEL_CONSOLE_HEAD.test(msg)) layout++;
      }
    }
    return stamped >= lines.length * 0.5 && layout > 0 && layout >= (stamped - frames) * 0.5;
  }

  /** Learn the header shapes that begin records among `texts`; false when there is no such shape. */
  private learnShapes(texts: string[]): boolean {
    const counts = new Map<string, number>();
    let firstShape: string | undefined;
    for (let i = 0; i < texts.length; i++) {
      const f = analyzeTextLine(texts[i]!, this.timeOpts);
      if (!f.hasHeader) continue;
      const shape = headerShape(f.headerKey);
      if (i === 0) firstShape = shape;
      counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
    let best = '';
    let bestCount = 0;
    for (const [k, c] of counts) if (c > bestCount) [best, bestCount] = [k, c];
    if (firstShape !== undefined && (counts.get(firstShape) ?? 0) * 2 >= bestCount) best = firstShape;
    if (best === '' || !(best === firstShape || (counts.get(best) ?? 0) >= texts.length * 0.3)) return false;
    // every frequent shape starts records (interleaved formats), not only the most common
    for (const [k, c] of counts) if (k === best || c >= Math.max(2, texts.length * 0.05)) this.shapes.add(k);
    return true;
  }

  /**
   * Learn the file's level column (level-column.ts) from the lines that begin a record (not a
   * frame, an indented line, a closing brace). When the sample shows none (a long banner, another
   * layout first, too few lines with a level), the file's later lines go on teaching it, each with
   * the lines just before it (LevelColumnLearner.slide), until they show it or LATE_COLUMN_LINES
   * of them have not.
   */
  private learnLevelColumn(texts: readonly string[]): void {
    const learner = new LevelColumnLearner();
    const opts = { ...this.timeOpts, findLevelColumn: true };
    for (const t of texts) if (!CONTINUATION.test(t)) learner.observe(analyzeTextLine(t, opts).levelColumn);
    const column = learner.decide();
    if (column) this.timeOpts.levelColumn = column;
    else this.columnLearner = learner;
  }

  /** Header mode: the tokens of the prefix the file repeats on each line of a multi-line message (see repeatedPrefixTokens). */
  private repeatedPrefix: number | undefined;

  /** The line's repeated prefix (see repeatedPrefixTokens), undefined when the file repeats none or the line is too short. */
  private headOf(t: string): string | undefined {
    if (this.repeatedPrefix === undefined) return undefined;
    const end = tokensEnd(t, this.repeatedPrefix);
    return end > 0 ? t.slice(0, end) : undefined;
  }

  /** The level column is still being learned from the file's lines past its sample (see learnLevelColumn). */
  private columnLearner: LevelColumnLearner | undefined;

  /** Counts a line read past the sample for the level column still to learn (f: its fields, read with findLevelColumn). */
  private observeLevelColumn(text: string, f: ReturnType<typeof analyzeTextLine>): void {
    if (CONTINUATION.test(text)) return;
    const column = this.columnLearner!.slide(f.levelColumn);
    // (a file that has shown none in its first lines past the sample has none: its lines are no longer looked at for it)
    if (!column && ++this.columnLinesLate < LATE_COLUMN_LINES) return;
    if (column) this.timeOpts.levelColumn = column;
    this.timeOpts.findLevelColumn = false;
    this.columnLearner = undefined;
  }

  /** Lines past the sample weighed for the level column (see LATE_COLUMN_LINES). */
  private columnLinesLate = 0;

  /** The line without the file's margin (the line itself where it has none). */
  private unindent(text: string): string {
    const m = this.margin;
    if (m === 0) return text;
    let n = 0;
    while (n < m && text.charCodeAt(n) === 32) n++;
    return text.slice(n);
  }

  /**
   * Header mode: a line that is only `file:line` (`/app/server.js:42`) after a record, and the lines
   * after it, held until they tell whether it heads Node's report of an uncaught exception (the
   * source line, then the caret under the throw): then it begins a record, else it is a line of the
   * record above (a build's output, a stack a logger printed). Three lines at most.
   */
  private held: Buffered[] | undefined;
  /** While the held lines are read: whether the held `file:line` heads a crash report. */
  private crashHead: boolean | undefined;

  /** Reads the held lines (see held), deciding what their `file:line` is from the lines there are. */
  private releaseHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    this.crashHead = held.length >= 3 && (this.mode === 'compose' ? composeCaret(held) : NODE_CARET.test(held[2]!.text));
    this.handle(held[0]!.text, held[0]!.line, held[0]!.offset, held[0]!.bad === true, true);
    this.crashHead = undefined;
    for (let i = 1; i < held.length; i++) this.handle(held[i]!.text, held[i]!.line, held[i]!.offset, held[i]!.bad === true, true);
  }

  /** The lines a package manager prints before it runs a script, held until they tell (see run-banner.ts). */
  private readonly banner = new RunBannerReader<Buffered>();

  /**
   * `bad`: the line holds bytes that are not UTF-8 (reported here, once it is known not to be binary).
   * `told`: the line has been through the run banner's reader (see banner).
   */
  private handle(text: string, line: number, offset: number, bad: boolean, told = false): void {
    if (!told && (this.mode === 'header' || this.mode === 'line')) {
      // a package manager's run banner, wherever it is (a restarted service's): no record, one invalid-line
      const r = this.banner.take({ text, line, offset, bad });
      if (r.banner) {
        this.releaseHeld();
        this.flush();
        this.out.error('invalid-line', runBannerMessage(r.banner.first.line, r.banner.last.line, r.banner.tool, r.banner.head), r.banner.first.line, r.banner.first.offset);
      }
      for (const b of r.read) this.handle(b.text, b.line, b.offset, b.bad === true, true);
      return;
    }
    this.atLine = line;
    this.atOffset = offset;
    this.atTime = undefined;
    if (this.held) {
      this.held.push({ text, line, offset, bad });
      if (this.held.length === 3) this.releaseHeld();
      return;
    }
    if (this.pending?.tbAt !== undefined && (this.mode === 'header' || this.mode === 'line')) this.resolveTraceback(this.unindent(text));
    if (this.mode === 'header' && this.pending && this.crashHead === undefined && NODE_CRASH_HEAD.test(this.unindent(text))) {
      this.held = [{ text, line, offset, bad }];
      return;
    }
    // (behind compose's or kubectl's prefix too: a `file:line` heads Node's report only with the caret two lines below)
    if (this.mode === 'compose' && this.crashHead === undefined && NODE_CRASH_HEAD.test(composeMessage(text) ?? '')) {
      this.held = [{ text, line, offset, bad }];
      return;
    }
    if (this.mode === 'entries') return this.handleEntry(text, line, offset, bad);
    if (text.trim() === '') {
      // an empty line inside a multi-line record is kept (a Go panic's dump, a chained traceback: the program's output as
      // printed, as behind CRI), one after it is not (a separator: see flush); in line mode it is held until the next line
      // tells (see lineBlanks)
      if (this.pending && (this.mode === 'header' || (this.pending.jvm !== undefined && this.pending.jvm !== 'ended'))) this.append(text);
      else if (this.pending && this.mode === 'line') this.lineBlanks++;
      return;
    }
    this.out.sawContent = true;
    const grafana = this.grafanaLabels !== undefined ? GRAFANA_LINE.exec(text) : null;
    if (grafana) {
      const parts = mapStampedLine(grafana[2]!, grafana[1]!, this.timeOpts);
      for (const [k, v] of Object.entries(this.grafanaLabels!)) parts.resourceAttributes[k] ??= v;
      for (const pr of parts.problems) this.out.error(pr.code, pr.message, line, offset);
      this.start(parts, grafana[2]!, line, offset);
      return;
    }
    if (isBinaryLine(text)) {
      this.out.error('binary-data', 'line holds binary (control) bytes; skipped', line, offset, true);
      return;
    }
    if (bad) this.out.error('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset);
    switch (this.mode) {
      case 'table':
        return this.handleTable(text, line, offset);
      case 'compose':
        return this.handleCompose(text, line, offset);
      case 'cri':
        return this.handleCri(text, line, offset);
      case 'stamped':
        return this.handleStamped(text, line, offset);
      case 'logcli':
        if (this.logcliBackward === undefined) return this.holdUndecided(text, line, offset);
        return this.logcliBackward ? this.holdBackward(text, line, offset) : this.handleLogcli(text, line, offset);
      case 'header': {
        // (read after the file's margin; the record keeps the line as written)
        const t = this.unindent(text);
        // PostgreSQL's secondary lines of a message (DETAIL, HINT, STATEMENT…): the same prefix as the
        // message they belong to, as its csvlog keeps them in one row
        if (this.pending && this.pending.lines.length < MAX_RECORD_LINES && continuesPostgres(this.unindent(this.pending.lines[0]!), t, this.pending.lines)) {
          this.append(text);
          return;
        }
        // A line with the record's own prefix, in a file that repeats it on each line of a message
        // (RabbitMQ): the next line of the same message, its text after the prefix, where it reads as one (see continuesRepeated)
        const p = this.pending;
        if (p?.head !== undefined && p.lines.length < MAX_RECORD_LINES && p.chars < MAX_LINE_BYTES && t.startsWith(p.head)) {
          const after = t.slice(p.head.length);
          const prev = p.lines.length === 1 ? this.unindent(p.lines[0]!).slice(p.head.length + 1) : p.lines[p.lines.length - 1]!;
          if ((after[0] === ' ' || after[0] === '\t') && continuesRepeated(prev, after.slice(1))) {
            this.append(after.slice(1));
            return;
          }
        }
        const f = this.analyze(t, line, offset);
        // (Node's own warning or crash report among a logger's lines is a record of its own, not part of the one above, and so
        // are Python's, Ruby's and Go's: see runtime-crash.ts)
        // (a `file:line` heads a crash only when its caret follows: see held)
        const crash = this.crashStart(t);
        const starts = (f.hasHeader && (this.shapes.has(headerShape(f.headerKey)) || isStrongStart(f.headerKey))) || (this.crashHead !== false && startsNodeReport(t)) || startsJvmReport(t) || startsPythonRecord(t, this.shapes.has('pylevel')) || crash?.starts === true;
        // (HAProxy's messages on its standard error are one line each: see haproxy-stderr.ts)
        const room = this.pending !== undefined && this.pending.lines.length < MAX_RECORD_LINES && this.pending.chars < MAX_LINE_BYTES && this.continuesGoCrash(this.pending, t) && !isHaproxyStderr(this.pending.lines[0]!);
        // (a JSON or logfmt line with no time, level or message of its own inside a record the file's header began may
        // be part of it: a payload the message prints, a crash dump's `id=… addr=…` lines; see ownRecord)
        const own = starts ? undefined : this.ownRecord(t, line, offset, room ? this.pending : undefined);
        if (own) return this.start(own, text, line, offset);
        if (!starts && room) {
          this.append(text);
          if (crash?.starts === 'frame') this.pending!.tbAt = { line, offset };
          return;
        }
        this.start((f.fluentd && this.fromFluentd(f, f.fluentd, line, offset)) || fromText(f, text), text, line, offset, undefined, t);
        if (crash !== undefined) this.pending!.crash = crash.crash;
        return;
      }
      default: {
        // (a level right-aligned by the file's logger begins a record, its padding no indent: see aligned-start.ts)
        const u = this.unindent(text);
        const t = padsLevel(u, this.levelPad) ? u.trimStart() : u;
        const crash = this.crashStart(t);
        const blanks = this.lineBlanks;
        this.lineBlanks = 0;
        // A line with the record's own level and prefix, in a file that repeats them on each line of a
        // message (npmlog: see repeatedPrefixTokens): the next line of the same message, read as in header mode
        const p = this.pending;
        if (blanks === 0 && p?.head !== undefined && p.lines.length < MAX_RECORD_LINES && p.chars < MAX_LINE_BYTES && t.startsWith(p.head)) {
          const after = t.slice(p.head.length);
          const prev = p.lines.length === 1 ? this.unindent(p.lines[0]!).slice(p.head.length + 1) : p.lines[p.lines.length - 1]!;
          if ((after[0] === ' ' || after[0] === '\t') && continuesRepeated(prev, after.slice(1))) {
            this.append(after.slice(1));
            return;
          }
        }
        // (consola's badge, ` WARN  …` after an empty line, begins a record: see consolaBadge)
        const badge = blanks > 0 ? consolaBadge(t) : undefined;
        if (badge !== undefined) {
          this.start(fromText(this.analyze(badge, line, offset), text), text, line, offset, undefined, badge);
          return;
        }
        if (this.pending && crash?.starts !== true && (CONTINUATION.test(t) || this.endsTraceback(t) || continuesCrash(this.pending.crash, this.pending.lines, t, blanks) || continuesPhpThrowable(this.pending.lines, t, blanks) || continuesPythonRecord(this.pending.lines[0]!, t) || continuesNodeReport(this.pending.lines, t) || this.throwableOf(this.pending, t) || this.continuesJvm(this.pending, t) || continuesThreadDump(this.pending.lines[this.pending.lines.length - 1]!, t)) && this.pending.lines.length + blanks < MAX_RECORD_LINES && this.pending.chars + blanks < MAX_LINE_BYTES) {
          for (let i = 0; i < blanks; i++) this.append('');
          this.append(text);
          if (crash?.starts === 'frame') this.pending.tbAt = { line, offset };
          return;
        }
        this.start(this.ownRecord(t, line, offset) ?? fromText(this.analyze(t, line, offset), text), text, line, offset, undefined, t);
        if (crash !== undefined) this.pending!.crash = crash.crash;
      }
    }
  }

  /**
   * Line mode: empty lines after the record being gathered, not yet known to be inside it: they are
   * its lines when the next line continues it (a chained traceback's, a Go dump's), else separators.
   */
  private lineBlanks = 0;

  /** Mode 'entries': a line begins an entry, continues the one being gathered, is the file's own (no record), or is a record of its own. */
  private handleEntry(text: string, line: number, offset: number, bad: boolean): void {
    const layout = this.entries!;
    const blank = text.trim() === '';
    if (!blank && isBinaryLine(text)) {
      this.out.error('binary-data', 'line holds binary (control) bytes; skipped', line, offset, true);
      return;
    }
    if (!blank && bad) this.out.error('invalid-utf8', INVALID_UTF8_MESSAGE, line, offset);
    if (!blank) this.out.sawContent = true;
    if (!blank && layout.frame(text)) {
      this.flush();
      return;
    }
    const e = this.entry;
    if (!blank && layout.begins(text, e?.lines)) {
      this.flush();
      this.entry = { lines: [text], line, offset, chars: text.length };
      return;
    }
    if (e && e.chars < MAX_LINE_BYTES) {
      e.lines.push(text);
      e.chars += text.length + 1;
      // At the limit the entry is a record as it is; what would continue it is read line by line.
      if (e.lines.length === MAX_RECORD_LINES) {
        this.out.error('invalid-record', recordLimitMessage(MAX_RECORD_LINES), e.line, e.offset);
        this.flush();
      }
      return;
    }
    if (blank) return;
    // a line outside any entry (before the first, after a cut one): a record of its own
    this.start(this.ownRecord(text, line, offset) ?? fromText(this.analyze(text, line, offset), text), text, line, offset);
  }

  /** The gathered entry, as its layout reads it. */
  private emitEntry(): void {
    const e = this.entry!;
    this.entry = undefined;
    let n = e.lines.length;
    while (n > 1 && e.lines[n - 1]!.trim() === '') n--; // trailing blank lines are separators
    const parts = this.entries!.read(n === e.lines.length ? e.lines : e.lines.slice(0, n), this.timeOpts);
    for (const p of parts.problems) this.out.error(p.code, p.message, e.line, e.offset);
    // (its fields are the layout's own: structured)
    this.out.record(buildLogRecord(parts, this.out.resource(parts.resourceAttributes), true, this.out.file, e.line, e.offset));
  }

  /** A line's fields; a date written out of range (`2020-07-66`) is reported at its line (the line starts a record of its own). */
  private analyze(text: string, line: number, offset: number): ReturnType<typeof analyzeTextLine> {
    const f = analyzeTextLine(text, this.timeOpts);
    if (this.timeOpts.findLevelColumn) this.observeLevelColumn(text, f);
    if (f.invalidTime !== undefined) this.out.error('invalid-timestamp', `"${f.invalidTime}" is not a date (a field out of range); the record has no time`, line, offset);
    return f;
  }

  /**
   * `text` is the exception a Java logger prints after a record's message, its frames on the lines
   * after it (slf4j-simple's default `[main] ERROR com.example.Payments - charge failed`, no time):
   * where no header begins the records, the record above it must be a text line with a level (a
   * logger's, not one a program printed; a JSON logger puts the stack inside its record).
   */
  private throwableOf(p: Pending, text: string): boolean {
    return p.parts.severityNumber !== undefined && p.parts.lineKind !== 'json' && p.parts.lineKind !== 'logfmt' && JAVA_EXCEPTION_LINE.test(text);
  }

  /**
   * `t` begins a runtime's report of its death (see runtime-crash.ts): which runtime's, and whether
   * it begins a record here (false: it is a line of the record above; 'frame': the line after it,
   * a Python traceback's first frame, tells, see resolveTraceback). Undefined: it begins none.
   */
  private crashStart(t: string): { crash: RuntimeCrash; starts: boolean | 'frame' } | undefined {
    const head = crashHead(t);
    // (the Go runtime's `fatal error:` under its `runtime: …` reasons goes on with them: see goReasonsGoOn)
    if (head === 'go' && this.pending?.crash === 'go' && goReasonsGoOn(this.pending.lines, t)) return { crash: head, starts: false };
    // (and a sanitizer's `==1234==ERROR: …` under its rule: see native-crash.ts)
    if (head === 'sanitizer' && this.pending?.crash === 'sanitizer' && continuesCrash(head, this.pending.lines, t)) return { crash: head, starts: false };
    // (and the Erlang VM's slogan under the reason it displayed: see native-crash.ts)
    if (head === 'beam' && this.pending?.crash === 'beam' && continuesCrash(head, this.pending.lines, t)) return { crash: head, starts: false };
    if (head !== undefined) return { crash: head, starts: !(head === 'ruby' && rubyReportJoins(this.above())) };
    if (!isTracebackHead(t)) return undefined;
    const after = tracebackAfter(this.above());
    return { crash: 'python', starts: after === 'starts' ? true : after === 'joins' ? false : 'frame' };
  }

  /**
   * Header mode: `t`, a line without a header, continues the record `p`, unless `p` is a Go crash
   * whose goroutine dump has begun and `t` is no line of the dump (`go run`'s `exit status 2`): as
   * where no header begins the records. (Up to the dump, a panic's message may run over lines.)
   */
  private continuesGoCrash(p: Pending, t: string): boolean {
    if (p.crash !== 'go') return true;
    if (p.goDump !== true) {
      if (t.startsWith('goroutine ')) p.goDump = true;
      return true;
    }
    return CONTINUATION.test(t) || endsTraceback(p.lines, t);
  }

  /** The record being gathered, as a runtime's report after it sees it (see runtime-crash.ts). */
  private above(): RecordAbove | undefined {
    const p = this.pending;
    if (!p) return undefined;
    return { lines: p.lines, severityNumber: p.parts.severityNumber, access: p.parts.attributes['http.response.status_code'] !== undefined, ...(p.crash !== undefined ? { crash: p.crash } : {}) };
  }

  /**
   * `next` follows a Python traceback's head that the record took as its last line (see Pending.tbAt):
   * when it is the program's top frame (the exception reached it: the interpreter's report), the
   * head leaves the record and begins one of its own, which `next` then continues.
   */
  private resolveTraceback(next: string, restart?: (head: string, at: TracebackAt) => void): void {
    const p = this.pending!;
    const at = p.tbAt!;
    delete p.tbAt;
    if (!startsAtEntry(next)) return;
    const head = p.lines.pop()!;
    p.chars -= head.length + 1;
    // (behind a container's prefix, the head's record is begun as that prefix's lines are)
    if (restart) restart(head, at);
    else this.start(fromText(analyzeTextLine(this.unindent(head), this.timeOpts), head), head, at.line, at.offset);
    this.pending!.crash = 'python';
  }

  /** `text` ends a traceback or goes on with a Go dump in the record being gathered (see crash-lines.ts). */
  private endsTraceback(text: string): boolean {
    return this.pending !== undefined && endsTraceback(this.pending.lines, text);
  }

  private handleCompose(text: string, line: number, offset: number): void {
    const m = COMPOSE.exec(text);
    if (!m) {
      if (this.pending && CONTINUATION.test(text)) this.append(text);
      else this.start(fromText(this.analyze(text, line, offset), text), text, line, offset);
      return;
    }
    const prefix = m[1] ?? m[2]!;
    // `kubectl logs --prefix --timestamps`: the stamp kubectl adds, then the container's line
    const stamped = m[2] !== undefined ? STAMPED.exec(m[3]!) : null;
    const inner = stamped ? stamped[2]! : m[3]!;
    if (this.pending?.tbAt !== undefined && this.pending.prefix === prefix) this.resolveTraceback(inner, (_head, at) => this.startCompose(COMPOSE.exec(at.raw!)!, at.line, at.offset));
    const p = this.pending;
    const crash = this.crashStart(inner);
    if (p && p.prefix === prefix && p.lines.length < MAX_RECORD_LINES && p.chars < MAX_LINE_BYTES) {
      if (p.csvOpen) return this.continueCsvlog(p, inner);
      // Subordinate lines continue the record of their own container; so does, after a record that
      // began with a header (a learned one, a time at its start, kubectl's stamp), the exception line
      // a logger prints between the message and its frames (`java.lang.IllegalStateException: boom`).
      // Any other line without a header is a record of its own: a container's lines each are one.
      // (behind kubectl's stamp, the record's own line must have begun with a header: every line has the stamp)
      // (a runtime's report of its death is a record of its own, see runtime-crash.ts)
      // (inside a runtime's report, any indented line is the report's: Rust's `   0: …` frames, an exception group's `  | `;
      // a report's head that does not begin a record is the record's, and so are a logger's exception group's lines after it)
      // (Node's reports too, and they begin records of their own: as behind CRI, without waiting for a crash's caret; an empty
      // line inside a runtime's report is the report's when a line of it follows, else dropped at its end, as in a plain file)
      if (crash?.starts !== true && !(startsNodeReport(inner) && this.crashHead !== false) && (COMPOSE_CONTINUATION.test(inner) || crash !== undefined || (p.crash !== undefined && (CONTINUATION.test(inner) || inner.trim() === '')) || continuesGroup(p.lines[p.lines.length - 1]!, inner) || this.endsTraceback(inner) || continuesCrash(p.crash, p.lines, inner) || continuesPhpThrowable(p.lines, inner) || (p.notNodeReport !== true && continuesNodeReport(p.lines, inner)) || (JAVA_EXCEPTION_LINE.test(inner) && this.headed(p, !stamped) && !this.startsInner(inner)) || this.continuesJvm(p, inner) || continuesThreadDump(p.lines[p.lines.length - 1]!, inner))) {
        this.append(inner);
        if (crash?.starts === 'frame') p.tbAt = { line, offset, raw: text };
        return;
      }
    }
    // (an empty line that goes on with no record is dropped, as the same line in a plain file is)
    if (inner.trim() === '') return;
    this.startCompose(m, line, offset);
    if (crash !== undefined) this.pending!.crash = crash.crash;
    if (this.crashHead === false && NODE_CRASH_HEAD.test(inner)) this.pending!.notNodeReport = true;
  }

  /** A container's line behind a compose or `kubectl logs --prefix` prefix (`m`: its COMPOSE match) begins a record: JSON, logfmt or text. */
  private startCompose(m: RegExpExecArray, line: number, offset: number): void {
    const { key: prefix, msg: inner, read, stamped } = composeRead(m);
    const parts = this.readInner(prefix, inner, read);
    for (const p of parts.problems) this.out.error(p.code, p.message, line, offset);
    if (m[2] !== undefined) {
      // kubectl: the Deployment's name from its pod's, else the container's
      const [, pod, container] = prefix.split('/') as [string, string, string];
      parts.resourceAttributes['k8s.pod.name'] = pod;
      parts.resourceAttributes['k8s.container.name'] = container;
      parts.resourceAttributes['service.name'] ??= POD_OF_DEPLOYMENT.exec(pod)?.[1] ?? container;
    } else {
      // compose names replicas <service>-<n> (v2) or <project>_<service>_<n> (v1)
      parts.resourceAttributes['container.name'] = prefix;
      parts.resourceAttributes['service.name'] ??= prefix.replace(/[-_]\d+$/, '');
    }
    this.start(parts, inner, line, offset, prefix, inner);
    // (kubectl stamps every line when asked to: a line without a stamp after stamped ones is the container's continuation)
    if (stamped) this.pending!.stamped = true;
    if (PG_CSVLOG_ROW.test(inner)) this.readCsvlog(this.pending!, endsInsideQuotes(inner, false, ','));
  }

  /** logcli printed the entries newest first (its default, without `--forward`): see holdBackward; undefined: not known yet (see holdUndecided). */
  private logcliBackward: boolean | undefined = false;
  /** The lines read while the direction is not known, and the time of the first. */
  private undecided: { lines: Buffered[]; chars: number; first: number | undefined } | undefined;

  /**
   * logcli lines whose times have all been the same second so far (a crash's hundreds of lines are
   * written at once, and the newest come first without `--forward`): held until a line's time
   * tells the direction — an earlier one, newest first; a later one, oldest first — or, after
   * MAX_RECORD_LINES lines or MAX_LINE_BYTES characters or at the input's end, read oldest first
   * (as written).
   */
  private holdUndecided(text: string, line: number, offset: number): void {
    const u = (this.undecided ??= { lines: [], chars: 0, first: undefined });
    const m = LOGCLI.exec(text);
    const t = m ? Date.parse(m[1]!) : undefined;
    if (t !== undefined && u.first !== undefined && t !== u.first) return this.decideLogcli(t < u.first, { text, line, offset });
    if (t !== undefined) u.first ??= t;
    u.lines.push({ text, line, offset });
    u.chars += text.length;
    if (u.lines.length >= MAX_RECORD_LINES || u.chars >= MAX_LINE_BYTES) this.decideLogcli(false);
  }

  /** The direction is known: the held lines (then `next`) are read in it. */
  private decideLogcli(backward: boolean, next?: Buffered): void {
    const held = this.undecided?.lines ?? [];
    this.undecided = undefined;
    this.logcliBackward = backward;
    for (const b of next ? [...held, next] : held) {
      this.atLine = b.line;
      this.atOffset = b.offset;
      this.atTime = undefined;
      if (backward) this.holdBackward(b.text, b.line, b.offset);
      else this.handleLogcli(b.text, b.line, b.offset);
    }
  }
  /** The entries of one stream held to be read oldest first (see holdBackward): each its line and the lines of its text after it. */
  private back: { labels: string; units: Buffered[][]; lines: number; chars: number } | undefined;

  /**
   * logcli's default output, newest first: a record's lines come last line first (a stack's frames
   * before its exception, the fatal error report's `END.` before its head). The entries of one
   * stream in a row are held and read oldest first, as `--forward` prints them; another stream's
   * entry, the input's end, or a run past MAX_RECORD_LINES lines or MAX_LINE_BYTES characters reads
   * them (at that bound the oldest entries that begin no record stay held, up to half the bound: they
   * may go on with the older entries still to come). The records come newest run first.
   */
  private holdBackward(text: string, line: number, offset: number): void {
    const m = LOGCLI.exec(text);
    if (!m) {
      // a line of a multi-line entry: with the entry above it
      const units = this.back?.units;
      if (units && units.length > 0) {
        units[units.length - 1]!.push({ text, line, offset });
        this.back!.lines++;
        this.back!.chars += text.length;
      } else this.handleLogcli(text, line, offset);
      return;
    }
    if (this.back && this.back.labels !== m[2]) this.releaseBackward();
    this.back ??= { labels: m[2]!, units: [], lines: 0, chars: 0 };
    this.back.units.push([{ text, line, offset }]);
    this.back.lines++;
    this.back.chars += text.length;
    if (this.back.lines >= MAX_RECORD_LINES || this.back.chars >= MAX_LINE_BYTES) this.releaseBackward(true);
  }

  /** Reads the held entries oldest first (see holdBackward); `bounded`: the oldest that begin no record stay held. */
  private releaseBackward(bounded = false): void {
    if (this.logcliBackward === undefined && !bounded) this.decideLogcli(false);
    const back = this.back;
    if (!back) return;
    this.back = undefined;
    let keep = 0;
    if (bounded) {
      const begins = (u: Buffered[]) => {
        const msg = LOGCLI.exec(u[0]!.text)?.[3] ?? '';
        return startsJvmReport(msg) || analyzeTextLine(msg, this.timeOpts).hasHeader;
      };
      // (half the bound at most: where more stayed held, each entry after it reached the bound again and weighed them all again)
      let lines = 0;
      let chars = 0;
      while (keep < back.units.length - 1) {
        const u = back.units[back.units.length - 1 - keep]!;
        if (begins(u)) break;
        for (const b of u) [lines, chars] = [lines + 1, chars + b.text.length];
        if (lines > MAX_RECORD_LINES / 2 || chars > MAX_LINE_BYTES / 2) break;
        keep++;
      }
    }
    const kept = back.units.splice(back.units.length - keep, keep);
    for (let i = back.units.length - 1; i >= 0; i--) {
      for (const b of back.units[i]!) {
        this.atLine = b.line;
        this.atOffset = b.offset;
        this.atTime = undefined;
        this.handleLogcli(b.text, b.line, b.offset);
      }
    }
    if (kept.length > 0) {
      let lines = 0;
      let chars = 0;
      for (const u of kept) for (const b of u) [lines, chars] = [lines + 1, chars + b.text.length];
      this.back = { labels: back.labels, units: kept, lines, chars };
    }
  }

  /**
   * One Loki entry as logcli prints it: read like the same entry of `logcli --output=jsonl`. Where
   * each line a program wrote is an entry of its own (a container's log shipped line by line), the
   * entries of one stream (label set) that continue a record join it, as in a text log: the frames
   * of a Java exception (trimmed, see LOGCLI_FRAME) and a logger's exception line after its message,
   * and the JVM's fatal error report (its `#` banner, its sections up to `END.`).
   */
  private handleLogcli(text: string, line: number, offset: number): void {
    const m = LOGCLI.exec(text);
    if (!m) {
      // a line of a multi-line entry (logcli prints its newlines as they are)
      if (this.pending && this.pending.lines.length < MAX_RECORD_LINES && this.pending.chars < MAX_LINE_BYTES) this.append(text);
      else this.start(fromText(this.analyze(text, line, offset), text), text, line, offset);
      return;
    }
    const labels = m[2]!;
    const msg = m[3]!;
    const p = this.pending;
    if (p && p.prefix === labels && p.lines.length < MAX_RECORD_LINES && p.chars < MAX_LINE_BYTES) {
      if (this.continuesJvm(p, msg) || (p.jvm === undefined && (LOGCLI_FRAME.test(msg) || this.throwableOf(p, msg)))) {
        this.atTime = m[1]!;
        this.append(msg);
        return;
      }
    }
    const { mapped, kind } = mapLokiEntry(parseLabelSet(labels), msg, parseLogTimestamp(m[1]!)?.ns);
    mapped.lineKind = kind;
    for (const pr of mapped.problems) this.out.error(pr.code, pr.message, line, offset);
    this.start(mapped, msg, line, offset, labels, msg);
  }

  private handleCri(text: string, line: number, offset: number): void {
    const m = CRI.exec(text);
    if (!m) {
      if (this.pending && CONTINUATION.test(text) && this.pending.lines.length < MAX_RECORD_LINES) this.append(text);
      else this.start(fromText(this.analyze(text, line, offset), text), text, line, offset);
      return;
    }
    const time = m[1]!;
    const stream = m[2]!;
    const msg = m[4] ?? '';
    const frag = this.criPartial.get(stream);
    if (m[3] === 'P') {
      if (!frag) this.criPartial.set(stream, { text: msg, time, line, offset });
      else if (frag.text.length + msg.length <= MAX_LINE_BYTES) frag.text += msg;
      else {
        // A runaway partial line: what was gathered is a record, this fragment starts the next.
        this.criPartial.delete(stream);
        this.startCri(frag.text, stream, frag);
        this.criPartial.set(stream, { text: msg, time, line, offset });
      }
      return;
    }
    let full = msg;
    let at: { time: string; line: number; offset: number } = { time, line, offset };
    if (frag) {
      this.criPartial.delete(stream);
      full = frag.text + msg;
      at = frag;
    }
    this.criMessage(full, stream, at);
  }

  /** A `kubectl logs --timestamps` line: a CRI line without stream and fragment tags. */
  private handleStamped(text: string, line: number, offset: number): void {
    const m = STAMPED.exec(text);
    if (!m) {
      if (this.pending && CONTINUATION.test(text) && this.pending.lines.length < MAX_RECORD_LINES && this.pending.chars < MAX_LINE_BYTES) this.append(text);
      else this.start(fromText(this.analyze(text, line, offset), text), text, line, offset);
      return;
    }
    this.criMessage(m[2]!, undefined, { time: m[1]!, line, offset });
  }

  /** One stamped message: stack frames and other subordinate lines of the same stream belong to the record above. */
  private criMessage(full: string, stream: string | undefined, at: { time: string; line: number; offset: number }): void {
    if (this.pending?.tbAt !== undefined && this.pending.prefix === (stream ?? '') && full.trim() !== '') {
      // (an empty message between a traceback's head and its first frame: no traceback Python prints)
      if (this.blanks.length > 0) delete this.pending.tbAt;
      else this.resolveTraceback(full, (head, a) => this.startCri(head, stream, { time: a.time!, line: a.line, offset: a.offset }));
    }
    const p = this.pending;
    const room = p !== undefined && p.prefix === (stream ?? '') && p.lines.length < MAX_RECORD_LINES && p.chars < MAX_LINE_BYTES;
    if (room && p.csvOpen) return this.continueCsvlog(p, full);
    // (Ruby Logger's head of a file it created, `tail`ed to a container's output: no entry, as in the file)
    if (full.startsWith('# Logfile created on ') && RUBY_LOGFILE_HEADER.test(full)) return;
    // An empty line the program printed is held: inside a crash (`panic: …`, an empty line, then
    // `goroutine 1 [running]:`) it is part of it; else it is dropped, as the same line in a plain file is (a
    // container's wrapping makes no more records of the program's lines than the lines alone make).
    // (held no further than the record could take them: past that they are dropped, and memory stays bounded)
    if (full.trim() === '') {
      // (before any record, one is held too: it may be the empty line that opens a Rust panic's report, see below)
      if ((room && p.lines.length + this.blanks.length < MAX_RECORD_LINES - 1) || (p === undefined && this.blanks.length === 0)) this.blanks.push({ stream, at });
      else {
        this.releaseBlanks();
        // (past what the record could take, it ends there, as it does in a plain file after as many empty lines)
        if (room) this.flush();
      }
      return;
    }
    // An OTLP export request the program wrote to its stdout (OpenTelemetry's OTLP JSON stdout exporters, read from
    // the kubelet's CRI file): its records, as the OTLP JSON importer reads them, not one text record holding it
    if (full.charCodeAt(0) === 123 /* { */ && this.readOtlpMessage(full, at)) return;
    // A container's own lines, one stream: continuation lines as in a plain text log (a Go dump's `goroutine 1 [running]:`, any indent).
    const crash = this.crashStart(full);
    // (past a Go crash's goroutine dump, a message without a header is no line of it, as in a plain file: see continuesGoCrash)
    const inDump = room && this.continuesGoCrash(p, full);
    // (Node's report of an uncaught exception and its process warnings are records of their own, as in a plain file; a
    // `file:line` begins one here without waiting for the caret two lines below: a stream's lines are not held)
    const node = startsNodeReport(full);
    if (room && crash?.starts !== true && !node && (CONTINUATION.test(full) || this.endsTraceback(full) || continuesCrash(p.crash, p.lines, full, this.blanks.length) || continuesPhpThrowable(p.lines, full, this.blanks.length) || continuesPythonRecord(p.lines[0]!, full) || continuesNodeReport(p.lines, full) || (inDump && this.continuesInner(full)) || this.continuesJvm(p, full) || this.throwableOf(p, full) || continuesThreadDump(p.lines[p.lines.length - 1]!, full))) {
      for (let i = 0; i < this.blanks.length; i++) this.append('');
      this.blanks = [];
      this.atTime = at.time;
      this.append(full);
      if (crash?.starts === 'frame') p.tbAt = { line: at.line, offset: at.offset, time: at.time };
      return;
    }
    // (Rust 1.90 and later write an empty line before a panic's head, in one write with it: a line of the report, dropped
    // as a plain file's empty lines are, not a record of its own; see RUST_PANIC_HEAD)
    if (crash?.crash === 'rust' && crash.starts === true && this.blanks.length > 0 && this.blanks[this.blanks.length - 1]!.stream === stream) this.blanks.pop();
    this.releaseBlanks();
    this.startCri(full, stream, at);
    if (crash !== undefined) this.pending!.crash = crash.crash;
  }

  /**
   * `msg`, a container's message, is an OTLP export request (its first member one of the request's: the
   * OTLP JSON encoders write it first): the record above ends, and the request's spans, log records and
   * data points are read as the OTLP JSON importer reads them, at the message's line. False, nothing
   * done, when it is not one (a line that only begins like one is read as any other).
   */
  private readOtlpMessage(msg: string, at: { line: number; offset: number }): boolean {
    if (!OTLP_MESSAGE.test(msg)) return false;
    let v: unknown;
    try {
      v = JSON.parse(msg);
    } catch {
      return false;
    }
    if (!isOtlpRequest(v)) return false;
    this.releaseBlanks();
    this.flush();
    this.out.sawContent = true;
    const source = { file: this.out.file, line: at.line, offset: at.offset };
    const out: OtlpOut = {
      record: (r) => this.out.record(r),
      error: (code, message, rejected) => this.out.error(code, message, at.line, at.offset, rejected !== false && rejected !== 0),
    };
    mapExact(v, msg, (x, o) => mapOtlpRequest(x, source, o), out);
    return true;
  }

  /** Empty messages after the pending record, not yet known to be part of it. */
  private blanks: { stream: string | undefined; at: { time: string; line: number; offset: number } }[] = [];

  /** The held empty messages, not part of the record they followed: dropped, as a plain file's empty lines between records are. */
  private releaseBlanks(): void {
    if (this.blanks.length > 0) this.blanks = [];
  }

  /** Where the messages have a learned header (a timestamp, a level), a message without one continues the record above. */
  private continuesInner(msg: string): boolean {
    if (this.shapes.size === 0) return false;
    const t = msg.trimStart();
    if (t.startsWith('{')) return false;
    // (the JVM's reports of its death are records of their own, as in a file without prefixes)
    return !this.startsInner(msg) && !startsJvmReport(msg) && !startsPythonRecord(msg, this.shapes.has('pylevel'));
  }

  /**
   * The record began with a header: kubectl's stamp, or a learned one (read only when an exception
   * line or a JSON or logfmt line asks, not for every line).
   */
  private headed(p: Pending, byStamp = true): boolean {
    if (byStamp && p.stamped === true) return true;
    const first = this.unindent(p.lines[0]!);
    return !first.trimStart().startsWith('{') && this.startsInner(first);
  }

  /** The message begins with a learned header (or one that always begins a record). */
  private startsInner(msg: string): boolean {
    const f = analyzeTextLine(msg, this.timeOpts);
    return f.hasHeader && (this.shapes.has(headerShape(f.headerKey)) || isStrongStart(f.headerKey));
  }

  /** One CRI (or stamped) line's message, read like a docker json-file entry: JSON or text inside, the outer time as observed time. */
  private startCri(msg: string, stream: string | undefined, at: { time: string; line: number; offset: number }): void {
    const parts = this.readInner('', msg, criRead(msg, stream, at.time));
    for (const p of parts.problems) this.out.error(p.code, p.message, at.line, at.offset);
    this.start(parts, msg, at.line, at.offset, stream ?? '', msg);
    if (PG_CSVLOG_ROW.test(msg)) this.readCsvlog(this.pending!, endsInsideQuotes(msg, false, ','));
  }

  /** A line of the container's that goes on with the csvlog row `p` began, inside its quoted message (see readCsvlog). */
  private continueCsvlog(p: Pending, msg: string): void {
    this.append(msg);
    this.readCsvlog(p, endsInsideQuotes(msg, true, ','));
  }

  /**
   * The record `p` begins with a PostgreSQL csvlog row behind a container's prefix: once the row is
   * whole (`open`: a quoted field, the message, goes on over the next lines), it is read as a
   * csvlog file's row is (mapPostgresCsvlogRow: its documented columns, its message the body), with
   * the container's resource and stream, and the prefix's time where the row has none. A row that
   * is not csvlog's after all stays the line it was read as.
   */
  private readCsvlog(p: Pending, open: boolean): void {
    if (open) {
      // (only a row csvlog's up to its message holds the lines after it: a line that merely begins with a
      // time and a comma, as log4j's `2023-11-14 22:13:20,123 INFO …`, may open a quote it never closes)
      if (p.csvOpen === true || postgresCsvlogStart(parseCsvLines(p.lines[0]!, ',')[0] ?? [])) p.csvOpen = true;
      return;
    }
    delete p.csvOpen;
    const rows = parseCsvLines(p.lines.join('\n'), ',');
    const row = rows.length === 1 ? mapPostgresCsvlogRow(rows[0]!) : undefined;
    if (!row) return;
    const base = p.parts;
    const parts: LogParts = row.mapped;
    for (const [k, v] of Object.entries(base.resourceAttributes)) if (CONTAINER_RESOURCE.has(k)) parts.resourceAttributes[k] ??= v;
    const stream = base.attributes['log.iostream'];
    if (stream !== undefined) parts.attributes['log.iostream'] ??= stream;
    if (parts.timeNs === undefined && base.timeNs !== undefined) {
      parts.timeNs = base.timeNs;
      if (base.timeWithoutZone) parts.timeWithoutZone = true;
    }
    for (const pr of row.mapped.problems) this.out.error(pr.code, pr.message, p.line, p.offset);
    p.parts = parts;
    p.csv = row.structured;
  }

  private vpcHeader: number | undefined;

  private handleTable(text: string, line: number, offset: number): void {
    if (line === this.vpcHeader) return; // the field names, no flow
    if (text.startsWith('#')) {
      this.flush();
      this.readDirective(text);
      return;
    }
    const table = this.table;
    if (!table) {
      this.start(fromText(this.analyze(text, line, offset), text), text, line, offset);
      return;
    }
    const cells = table.separator === 'tab' ? text.split('\t') : text.trim().split(/\s+/);
    if (cells.length !== table.fields.length) this.out.error('invalid-line', `${cells.length} fields where the header names ${table.fields.length}`, line, offset);
    const attributes: Attributes = {};
    const get = (name: string): string | undefined => {
      const i = table.fields.indexOf(name);
      const v = i >= 0 ? cells[i] : undefined;
      return v === undefined || v === table.unset || v === table.empty || v === '' ? undefined : v;
    };
    table.fields.forEach((name, i) => {
      const v = cells[i];
      if (v !== undefined && v !== table.unset && v !== table.empty) attributes[name] = v;
    });
    const parts: LogParts = { body: text, attributes, resourceAttributes: {} };
    if (table.kind === 'zeek') {
      const ts = get('ts');
      const ns = ts ? exactEpochToNs(ts) : undefined;
      if (ns !== undefined) parts.timeNs = ns;
      else if (ts) this.out.error('invalid-timestamp', `unreadable ts "${ts}"`, line, offset);
      const uid = get('uid');
      if (uid) attributes['zeek.uid'] = uid;
      // conn.log's `service` is the application protocol Zeek detected in the connection (`http`,
      // `dns`, `ssl,http`), no service of the records: kept as `zeek.service`, not read as one
      if (attributes['service'] !== undefined) {
        attributes['zeek.service'] = attributes['service'];
        delete attributes['service'];
      }
    } else if (table.kind === 'vpc') {
      // `start` is the flow window's first second (Unix seconds); `account-id`/`interface-id` name where it was seen
      const start = get('start');
      const ns = start && /^\d{9,10}$/.test(start) ? exactEpochToNs(start) : undefined;
      if (ns !== undefined) parts.timeNs = ns;
      else if (start) this.out.error('invalid-timestamp', `unreadable start "${start}"`, line, offset);
      const eni = get('interface-id');
      if (eni) parts.resourceAttributes['service.instance.id'] = eni;
    } else {
      // W3C extended log: date and time are UTC by definition, unless a directive says they are
      // local (the Windows Firewall's `#Time Format: Local`)
      const date = get('date');
      const time = get('time');
      if (date && time) {
        const t = parseLogTimestamp(`${date}T${time}Z`);
        if (t) {
          parts.timeNs = t.ns;
          if (this.w3cLocalTime) parts.timeWithoutZone = true;
        }
        else this.out.error('invalid-timestamp', `unreadable date/time "${date} ${time}"`, line, offset);
      }
      const status = get('sc-status');
      if (status && /^\d{3}$/.test(status)) attributes['http.response.status_code'] = Number(status);
      const site = get('s-sitename');
      if (site) parts.resourceAttributes['service.name'] = site;
    }
    this.start(parts, text, line, offset);
  }

  /** A W3C log's `#Time Format: Local` directive: its times are local, of no stated zone. */
  private w3cLocalTime = false;

  private readDirective(text: string): void {
    const format = /^#Time Format:\s*(\S+)/i.exec(text);
    if (format) this.w3cLocalTime = format[1]!.toLowerCase() === 'local';
    const w3c = /^#Fields:\s*(.*)$/.exec(text);
    if (w3c) {
      this.table = { fields: w3c[1]!.trim().split(/\s+/), separator: 'space', kind: 'w3c', unset: '-', empty: '' };
      return;
    }
    if (text.startsWith('#fields\t')) {
      const prev = this.table;
      this.table = { fields: text.split('\t').slice(1), separator: 'tab', kind: 'zeek', unset: prev?.unset ?? '-', empty: prev?.empty ?? '(empty)' };
      return;
    }
    const unset = /^#unset_field\t(.*)$/.exec(text);
    if (unset && this.table) this.table.unset = unset[1]!;
    const empty = /^#empty_field\t(.*)$/.exec(text);
    if (empty && this.table) this.table.empty = empty[1]!;
  }

  /**
   * A Fluentd out_file line: the record is read as a structured log (its fields, level, message,
   * trace ids), the line's time is the event time unless the record has its own, the tag is an
   * attribute. Undefined when the JSON does not parse (the line is then text, as before).
   */
  private fromFluentd(f: ReturnType<typeof analyzeTextLine>, fl: { tag: string; json: string }, line: number, offset: number): LogParts | undefined {
    let v: unknown;
    try {
      v = JSON.parse(fl.json);
    } catch {
      return undefined;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v) || depthExceeds(v)) return undefined;
    const parts = mapStructured(v as Record<string, unknown>, this.timeOpts);
    for (const p of parts.problems) this.out.error(p.code, p.message, line, offset);
    if (parts.timeNs === undefined && f.timeNs !== undefined) {
      parts.timeNs = f.timeNs;
      if (f.timeWithoutZone) parts.timeWithoutZone = true;
    }
    parts.attributes['fluentd.tag'] = fl.tag;
    return parts;
  }

  /**
   * A line that is a whole JSON object or a logfmt line (pairs from its start) among text lines —
   * a JSON logger's output after a banner, a crash printed by the runtime — is a structured record
   * of its own, read as the JSON Lines and logfmt importers read it. `open`: the record the line
   * would continue. Data without a time, a level or a message of its own (see ownsRecord) continues
   * it where that record began with the file's header and is still open for more: its last line
   * introduces what follows (`response body:`), or it already runs over several lines (a crash
   * dump's sections). After a record of one line, such a line is a record of its own (a text log
   * that mixes in JSON lines: `INFO starting`, then `{"config": …}`).
   */
  private ownRecord(text: string, line: number, offset: number, open?: Pending): LogParts | undefined {
    const c = text.charCodeAt(0);
    if (c === 123 /* { */) {
      const obj = jsonObjectLine(text.trim());
      if (!obj) return undefined;
      const parts = mapStructured(obj, this.timeOpts);
      return open !== undefined && !ownsRecord(parts) && this.holds(open) ? undefined : this.structuredParts(parts, 'json', line, offset);
    }
    if (c <= 32 || c > 122) return undefined; // logfmt starts with a key
    const pairs = logfmtPairs(text.trim());
    if (!pairs || !Object.keys(pairs.pairs).some(isFieldKey)) return undefined; // `a=1 b=2` prose is not enough
    const parts = mapLogfmtLine(pairs, this.timeOpts);
    return open !== undefined && !ownsRecord(parts) && this.holds(open) ? undefined : this.structuredParts(parts, 'logfmt', line, offset);
  }

  /** The record `p` takes the data that follows it (see ownRecord). */
  private holds(p: Pending): boolean {
    return (p.lines.length > 1 || p.lines[0]!.trimEnd().endsWith(':')) && this.headed(p);
  }

  private structuredParts(parts: MappedLog, kind: LineKind, line: number, offset: number): LogParts {
    parts.lineKind = kind;
    for (const p of parts.problems) this.out.error(p.code, p.message, line, offset);
    return parts;
  }

  /** `read`: the line as its mode reads it (after a prefix, a margin), when it may head one of the JVM's fatal error reports. */
  private start(parts: LogParts, text: string, line: number, offset: number, prefix?: string, read?: string): void {
    if (read !== undefined && read.charCodeAt(0) === 35 /* # */ && JVM_FATAL_HEAD.test(read)) return this.startFatal(parts, text, line, offset, prefix);
    this.flush();
    this.dateFrom(parts);
    this.pending = { parts, line, offset, lines: [text], chars: text.length };
    if (prefix !== undefined) this.pending.prefix = prefix;
    if (this.repeatedPrefix !== undefined && (this.mode === 'header' || this.mode === 'line')) {
      // (a line that is the prefix alone, no separator after it, has no message after a prefix to go on)
      const t = this.unindent(text);
      const head = this.headOf(t);
      if (head !== undefined && head.length < t.length) this.pending.head = head;
    }
  }

  /**
   * `text` heads HotSpot's fatal error report: the report begins at the `#` line above it (of the
   * same source), which the record being gathered took as its last line (or which is a record of
   * its own so far); else at `text`.
   */
  private startFatal(parts: LogParts, text: string, line: number, offset: number, prefix: string | undefined): void {
    const p = this.pending;
    const last = p?.lines[p.lines.length - 1];
    if (p && last !== undefined && last.trim() === '#' && p.prefix === prefix && p.lines.length < MAX_RECORD_LINES) {
      if (p.lines.length === 1) {
        this.append(text);
        p.jvm = 'banner';
        return;
      }
      const at = p.hashAt;
      if (at) {
        p.lines.pop();
        p.chars -= last.length + 1;
        delete p.hashAt;
        // (the report's time, where its prefix gives one, is that of its first line)
        const time = at.time !== undefined ? parseLogTimestamp(at.time) : undefined;
        if (time !== undefined && parts.timeNs !== undefined) parts.timeNs = time.ns;
        this.start(parts, last, at.line, at.offset, prefix);
        this.append(text);
        this.pending!.jvm = 'banner';
        return;
      }
    }
    this.start(parts, text, line, offset, prefix);
    this.pending!.jvm = 'banner';
  }

  /** The line `handle` reads (where a line the record takes is, see Pending.hashAt), and the time its container prefix gives. */
  private atLine = 0;
  private atOffset = 0;
  private atTime: string | undefined;

  /**
   * `msg` continues the JVM's fatal error report `p` is (see continuesJvmFatal): in its sections,
   * any line that does not begin a record in this file, up to `END.`. Not another report's head.
   */
  private continuesJvm(p: Pending, msg: string): boolean {
    if (p.jvm === undefined || startsJvmReport(msg)) return false;
    const next = continuesJvmFatal(p.jvm, msg, () => !this.startsInner(msg));
    if (next === undefined) return false;
    p.jvm = next;
    return true;
  }

  private append(text: string): void {
    const p = this.pending!;
    p.lines.push(text);
    p.chars += text.length + 1;
    if (text.length < 8 && text.trim() === '#') p.hashAt = { line: this.atLine, offset: this.atOffset, ...(this.atTime !== undefined ? { time: this.atTime } : {}) };
    // At the limit the record is emitted as it is: what would continue it is read as records of its own. Said once per record.
    if (p.lines.length === MAX_RECORD_LINES) this.out.error('invalid-record', recordLimitMessage(MAX_RECORD_LINES), p.line, p.offset);
  }

  /** The records of OpenTelemetry Java's logging exporters skipped (see flush): lines, spans, metric records, the first's and the last's place. */
  private exporterLines: { lines: number; spans: number; metrics: number; first: { line: number; offset: number }; last: { line: number; offset: number } } | undefined;

  /** Says, once, how many of the logging exporters' lines were skipped, and why (see flush). */
  private reportExporterLines(): void {
    const x = this.exporterLines;
    if (!x) return;
    this.exporterLines = undefined;
    const what = [x.spans > 0 ? `${x.spans} span${x.spans === 1 ? '' : 's'}` : '', x.metrics > 0 ? `${x.metrics} metric record${x.metrics === 1 ? '' : 's'}` : ''].filter((w) => w !== '').join(' and ');
    const exporters = x.spans > 0 && x.metrics > 0 ? 'LoggingSpanExporter and LoggingMetricExporter' : x.spans > 0 ? 'LoggingSpanExporter' : 'LoggingMetricExporter';
    const where = x.last.line === x.first.line ? 'at this line' : `the first at this line, the last beginning at line ${x.last.line} (byte ${x.last.offset})`;
    this.out.error('unsupported', `${x.lines} line${x.lines === 1 ? ' is' : 's are'} OpenTelemetry Java ${exporters} output (${what} logged through java.util.logging, without parent span ids, times or status), not log records of the program's: skipped (${where}); export the spans and metrics with the OTLP exporter (to a Collector's file exporter, whose OTLP JSON is read)`, x.first.line, x.first.offset);
  }

  private flush(): void {
    if (this.entry) this.emitEntry();
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    let n = p.lines.length;
    while (n > 1 && p.lines[n - 1]!.trim() === '') n--; // trailing blank lines are separators
    // OpenTelemetry Java's logging exporters' spans and metrics among the program's own lines (its
    // stdout and stderr captured together): no log records; skipped, and said once (see end)
    const exporter = p.jvm === undefined && p.csv === undefined ? otelJavaExporterRecord(n === p.lines.length ? p.lines : p.lines.slice(0, n)) : undefined;
    if (exporter !== undefined) {
      const x = (this.exporterLines ??= { lines: 0, spans: 0, metrics: 0, first: { line: p.line, offset: p.offset }, last: { line: p.line, offset: p.offset } });
      x.lines += n;
      if (exporter === 'span') x.spans++;
      else x.metrics++;
      x.last = { line: p.line, offset: p.offset };
      return;
    }
    if (n > 1) {
      // continuation lines extend the message (a structured first line contributes its message; a csvlog row's is whole)
      const head = typeof p.parts.body === 'string' ? p.parts.body : JSON.stringify(p.parts.body);
      if (p.csv === undefined) p.parts.body = [head, ...p.lines.slice(1, n)].join('\n');
      p.parts.attributes['log.record.lines'] = n;
      // a thread dump jcmd printed: its pid line first, the JVM's time on the next (see jvm-crash.ts)
      if (p.parts.timeNs === undefined) {
        const t = jcmdDumpTime(p.lines);
        if (t !== undefined) {
          p.parts.timeNs = t.ns;
          if (t.withoutZone) p.parts.timeWithoutZone = true;
        }
      }
      // java.util.logging's SimpleFormatter (Tomcat's catalina.out, WebSphere, GlassFish) prints the
      // time and the logger on one line and the level on the next: `SEVERE: message` (in the JVM's
      // locale: `SCHWERWIEGEND:`, `GRAVE:`, see jul-locales.ts)
      if (p.parts.severityNumber === undefined) {
        const jul = julLevelLine(p.lines[1]!, p.lines[0]!);
        if (jul) {
          p.parts.severityNumber = severityFromText(jul.level);
          p.parts.severityText = jul.text;
        } else if (isNodeCrash(p.lines)) {
          // Node's report of an uncaught exception: the process ended on it
          p.parts.severityNumber = 17;
          p.parts.severityText = 'error';
        }
      }
    }
    if (p.jvm !== undefined) {
      // HotSpot's fatal error report: the process died of it; the time it gives, else the one the record has (a container's prefix)
      p.parts.body = p.lines.slice(0, n).join('\n');
      p.parts.severityNumber = 21;
      p.parts.severityText = 'fatal';
      const t = jvmFatalTime(p.lines);
      if (t !== undefined) {
        p.parts.timeNs = t.ns;
        if (t.withoutZone) p.parts.timeWithoutZone = true;
        else delete p.parts.timeWithoutZone;
        delete p.parts.timeWithoutYear;
      }
    } else if (p.parts.severityNumber === undefined && JVM_UNCAUGHT.test(p.lines[0]!)) {
      // the JVM's report of an uncaught exception: its thread ended on it
      p.parts.severityNumber = 17;
      p.parts.severityText = 'error';
    } else if (p.parts.severityNumber === undefined && p.crash !== undefined && !(p.crash === 'sanitizer' && isBareRule(p.lines))) {
      // Python's, Ruby's, Go's, Rust's or .NET's report of the exception or panic the program (or a thread) ended on, or Python's of one it ignored
      const s = crashSeverity(p.crash, p.lines);
      p.parts.severityNumber = s.number;
      p.parts.severityText = s.text;
    } else if (p.parts.severityNumber === undefined && (isExceptionWithStack(p.lines) || isPhpThrowable(p.lines))) {
      // an exception's class and message over its stack, with no level (`TypeError: …`, `uncaughtException: RangeError: …`,
      // PHP's `RuntimeException: … in /app/x.php:9` over its `Stack trace:`): an error
      p.parts.severityNumber = 17;
      p.parts.severityText = 'error';
    }
    // A text log's line is free text, unless it carries a JSON or logfmt record (inside a CRI or compose prefix, a logcli line)
    // or its fields as a JSON object that ends it (zap's console encoder: time, level, logger, message, then the fields).
    const structured = p.csv ?? (p.parts.lineKind === 'json' || p.parts.lineKind === 'logfmt' || p.parts.jsonTail === true);
    this.out.record(buildLogRecord(p.parts, this.out.resource(p.parts.resourceAttributes), structured, this.out.file, p.line, p.offset));
  }
}

/**
 * A structured line is a log record of its own when it says what one says: a time, a level or a
 * message. One with none of them (`{"code": "card_declined"}`, `id=4 addr=… cmd=debug`) is data,
 * which a record open for it takes (see ownRecord).
 */
function ownsRecord(parts: MappedLog): boolean {
  return parts.timeNs !== undefined || parts.severityNumber !== undefined || parts.severityText !== undefined || typeof parts.body === 'string';
}

function fromText(f: ReturnType<typeof analyzeTextLine>, text: string): LogParts {
  const parts: LogParts = { body: text, attributes: f.attributes as Record<string, AttrValue>, resourceAttributes: f.resourceAttributes };
  if (f.timeNs !== undefined) parts.timeNs = f.timeNs;
  if (f.timeWithoutZone) parts.timeWithoutZone = true;
  if (f.timeWithoutYear) parts.timeWithoutYear = true;
  if (f.severityNumber !== undefined) parts.severityNumber = f.severityNumber;
  if (f.severityText !== undefined) parts.severityText = f.severityText;
  if (f.traceId) parts.traceId = f.traceId;
  if (f.spanId) parts.spanId = f.spanId;
  if (f.scopeName !== undefined) parts.scopeName = f.scopeName;
  readTrailingJson(parts, text);
  return parts;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text logs are the fallback for readable text; log-shaped lines raise the confidence. */
export function sniffTextLogs(input: SniffInput): number {
  if (looksBinary(input.bytes)) return 0;
  const all = input.text.replace(/^\uFEFF/, '').split('\n');
  if (!input.complete && all.length > 1) all.pop();
  const lines = all.map((l) => stripAnsi(l).replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return 0;
  const first = lines[0]!.trim();
  if (/^#(Fields:|fields\t|Software:|Version:|separator )/.test(first)) return 0.75;
  // entries over several lines in a layout of their own (a slow query log, journalctl -o verbose, wevtutil's text)
  if (detectEntryLayout(lines.filter((l) => !JOURNAL_MARKER.test(l)))) return 0.6;
  if (first === '{' || first === '[' || /^[[{]\s*["{[]/.test(first)) {
    // JSON documents and JSON Lines belong to the JSON importers unless lines are plainly not JSON
    const jsonish = lines.filter((l) => isJson(l.trim())).length;
    // a document cut by the sniff window (or too deep to parse) is still JSON, not a log line
    const jsonStart = lines.filter((l) => /^[[{]\s*["{[]/.test(l.trim())).length;
    if (jsonish >= lines.length * 0.5 || jsonStart >= lines.length * 0.5 || first === '{' || first === '[') return 0.05;
  }
  // a CSV header (names separated by commas) followed by rows with as many commas: CSV, not text
  const cells = first.split(',');
  if (cells.length >= 2 && cells.every((c) => /^"?[A-Za-z_@][\w .@/()%-]{0,47}"?$/.test(c.trim()))) {
    const second = lines[1];
    if (second === undefined || second.split(',').length >= cells.length) return 0.1;
  }
  let headers = 0;
  let strong = 0;
  let csvish = 0;
  // (read after a margin, and a right-aligned level after its padding, as the decoder reads them: see aligned-start.ts)
  const margin = commonMargin(lines);
  const unindented = margin === 0 ? lines : lines.map((l) => l.slice(Math.min(margin, l.length - l.trimStart().length)));
  const pad = paddedLevelWidth(unindented);
  for (const u of unindented) {
    const l = padsLevel(u, pad) ? u.trimStart() : u;
    const f = analyzeTextLine(l);
    if (f.hasHeader) headers++;
    if (f.severityText !== undefined || f.headerKey === 'glog' || f.headerKey === 'access' || f.resourceAttributes['service.name'] !== undefined) strong++;
    if (!/\s/.test(l.slice(0, 200)) && (l.match(/,/g)?.length ?? 0) >= 2) csvish++;
  }
  if (csvish >= lines.length * 0.5) return 0.15;
  // No log header anywhere and the shape of a document (HTML, Markdown, source code): not logs.
  if (headers + strong <= lines.length * 0.05 && documentKind(lines) !== undefined) return 0;
  const compose = lines.filter((l) => COMPOSE.test(l)).length;
  if (compose >= lines.length * 0.5) return 0.6;
  const share = headers / lines.length;
  const strongShare = strong / lines.length;
  return Math.min(0.6, 0.2 + 0.25 * share + 0.2 * strongShare);
}

export const textLogs: FormatSpec = {
  id: 'text-logs',
  signal: 'logs',
  label: 'Plain-text logs (syslog, log4j, glog, access logs, multi-line records)',
  sniff: sniffTextLogs,
  create: (ctx) => new TextLogsDecoder(ctx),
};
