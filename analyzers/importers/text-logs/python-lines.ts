// Levels that Python programs write in their own words rather than in a level column: the
// `warnings` module's line, Django's line about a request it answered with an error, asyncio's
// report of an exception nobody retrieved, and the level
// Twisted's logger puts after its namespace. The first two are written without a header (no time,
// no level: Python's warnings go to stderr as they are, Django's default console handler has no
// formatter), among lines that have one: they begin a record all the same (startsPythonRecord).
import { severityFromText } from '../jsonl-logs/severity.js';

/**
 * The `warnings` module's line (warnings.formatwarning): `/app/x.py:3: DeprecationWarning: msg`,
 * then the source line indented under it. A warning: WARN, its category the level's text.
 */
const PY_WARNING = /^(?:[A-Za-z]:)?[^\s:][^:\n]{0,4000}:\d+: (\w{0,200}Warning): /;
/**
 * Django's line about a response it sent with an error status (django.utils.log.log_response,
 * logger django.request): the reason phrase and the path, `Not Found: /favicon.ico`, `Internal
 * Server Error: /boom` (then its traceback), and the CSRF and method checks' own (`Forbidden (CSRF
 * cookie not set.): /ok`, `Method Not Allowed (POST): /x`). 5xx at ERROR, 4xx at WARN, as Django logs them.
 */
const DJANGO_RESPONSE = /^(Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Request Timeout|Conflict|Gone|Length Required|Precondition Failed|(?:Request Entity|Content) Too Large|Unsupported Media Type|Unprocessable (?:Entity|Content)|Too Many Requests|(Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout))(?: \([^()\n]{0,400}\))?: \/\S{0,4000}$/;

/**
 * asyncio's default exception handler (BaseEventLoop.default_exception_handler, logger `asyncio` at
 * ERROR; printed bare by logging's last resort when nothing configured the root logger): its
 * message, then a line for each item of its context (`future: <Task finished …>`, `handle: <…>`),
 * then the exception's traceback.
 */
const ASYNCIO_MESSAGE = /^(?:Task exception was never retrieved|Future exception was never retrieved|Task was destroyed but it is pending!|Unhandled error in exception handler|Exception in callback [^\n]{1,4000}|Exception in default exception handler)$/;
const ASYNCIO_CONTEXT = /^(?:future|task|handle|protocol|transport|source_traceback|handle_traceback|socket|asyncgen): /;

/**
 * Twisted's text log line (twisted.logger.formatEventAsClassicLogText, twistd's log file):
 * `2026-11-28T03:01:51+0000 [twisted.web.server.Site#info] msg`, the namespace and the level
 * (LogLevel: debug, info, warn, error, critical) in the brackets after the time.
 */
const TWISTED_SYSTEM = /^ \[([^\s\]#]{1,400})#(debug|info|warn|error|critical)\] /;

/**
 * The head of a line in logging's default format (logging.BASIC_FORMAT, `logging.basicConfig()`
 * with no format: `WARNING:root:msg`, `ERROR:app.db:msg`) and in uvicorn's (`INFO:     msg`: the
 * level and its colon padded to nine characters, then a space; not `CRITICAL: ` with its one
 * space, nor any `INFO: msg`, which java.util.logging's second line is): a header, as a time is, so the lines of a message
 * or an exception's note below it are its record's, not records of their own.
 */
export const PY_LEVEL_HEADER = /^(?:(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):[^\s:]{1,400}:|(?:INFO: {5}|DEBUG: {4}|ERROR: {4}|WARNING: {2})(?=\S))/;

/** What python-lines reads from a line: its level (number and text) and its logger. */
export interface PythonLineLevel {
  number: number;
  text: string;
  scope?: string;
}

/** The level a Python program's line writes in its own words, `rest` where its message starts (after the time, if any; `timed`: it has one). */
export function pythonLineLevel(line: string, rest: number, timed: boolean): PythonLineLevel | undefined {
  // logging's default format over a message that has a time of its own (werkzeug's request line under basicConfig:
  // `INFO:werkzeug:127.0.0.1 - - [28/Nov/2026 03:00:41] "GET / HTTP/1.1" 200 -`): the level is the prefix's
  const head = PY_LEVEL_HEADER.exec(line);
  if (head) {
    const word = head[0].slice(0, head[0].indexOf(':'));
    const n = severityFromText(word);
    if (n !== undefined) return { number: n, text: word };
  }
  if (timed) {
    if (line.charCodeAt(rest) !== 32 || line.charCodeAt(rest + 1) !== 91 /* [ */) return undefined;
    const tw = TWISTED_SYSTEM.exec(line.slice(rest, rest + 420));
    const n = tw ? severityFromText(tw[2]!) : undefined;
    return tw && n !== undefined ? { number: n, text: tw[2]!, scope: tw[1]! } : undefined;
  }
  if (rest !== 0 || line.length > 4400) return undefined;
  const w = PY_WARNING.exec(line);
  if (w) return { number: 13, text: w[1]! };
  const d = DJANGO_RESPONSE.exec(line);
  if (d) return { number: d[2] !== undefined ? 17 : 13, text: d[2] !== undefined ? 'ERROR' : 'WARNING' };
  return ASYNCIO_MESSAGE.test(line) ? { number: 17, text: 'ERROR' } : undefined;
}

/** `text` continues the record whose first line is `first`: a context line of asyncio's report of an exception (see ASYNCIO_MESSAGE). */
export function continuesPythonRecord(first: string, text: string): boolean {
  return first.length <= 4400 && ASYNCIO_CONTEXT.test(text) && ASYNCIO_MESSAGE.test(first);
}

/**
 * `t`, a line without a header, begins a record of its own all the same: a Python warning, Django's
 * line about an error response, asyncio's about an exception; and where the file's header is logging's default format
 * (`pyHeaders`), a line that begins with a level and its colon (werkzeug's `WARNING: This is a
 * development server…` printed without a logger's prefix).
 */
export function startsPythonRecord(t: string, pyHeaders: boolean): boolean {
  return pythonLineLevel(t, 0, false) !== undefined || (pyHeaders && LEVEL_COLON.test(t));
}

const LEVEL_COLON = /^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL): \S/;
