// Text in front of an export that is not part of it, which real copies carry: the HTTP response
// headers `curl -i` writes before the body, a line a tool printed on the same stream
// (`kubectl port-forward`'s "Handling connection for 16686"), or the cut first line of a JSON
// Lines file copied from its end (`tail -c`). Found only in the head, and only when what follows
// is recognised without it: the export is then read from there, and the skipped lines are named.
import { makeSniffInput, sniffFormat, type SniffResult } from '../importers/sniff.js';
import { SNIFF_BYTES } from '../importers/types.js';
import { scanLeadingTimestamp } from '../importers/common/time.js';
import { MAX_RUN_COMMAND_LINES, NPM_RUN_COMMAND, NPM_RUN_HEAD, YARN_RUN_COMMAND, YARN_RUN_HEAD } from '../importers/common/run-banner.js';

export interface Preamble {
  /** Bytes and lines before the export. */
  bytes: number;
  lines: number;
  /** What the skipped text is, for the message. */
  what: string;
}

/** At most this much text before a JSON export is taken as a preamble (a few lines of noise, not a log). */
const MAX_NOISE_LINES = 20;
const MAX_NOISE_BYTES = 4096;
/** HTTP response headers: a status line, then header lines up to the first empty line. */
const MAX_HTTP_HEAD_BYTES = 64 * 1024;
const HTTP_STATUS = /^HTTP\/\d(?:\.\d)? \d{3}(?: |\r?$)/;
const HTTP_HEADER = /^[!#$%&'*+.^_`|~\w-]+:/;
/** Formats of JSON documents a preamble can stand before (JSON Lines logs tolerate text lines themselves). */
const JSON_EXPORTS: ReadonlySet<string> = new Set(['otlp-json', 'jaeger', 'zipkin', 'xray', 'otel-console', 'prom-api', 'json-logs']);
/**
 * Of those, the exports no log holds: a log line before them (`… INFO fileexporter started`) is
 * another tool's output, where before JSON log documents it may be a text log's own record.
 */
const TELEMETRY_EXPORTS: ReadonlySet<string> = new Set(['otlp-json', 'jaeger', 'zipkin', 'xray', 'otel-console', 'prom-api']);
/** A few stray characters glued before the opening bracket of the first line (`\{`, `>{`, a shell's `%{`). */
const MAX_STRAY_BYTES = 8;
/** Banner blocks in a row (`prestart`, `start`) looked at, at most (the lines a package manager prints: see run-banner.ts). */
const MAX_RUN_BANNERS = 8;

type Sniff = (bytes: Uint8Array, complete: boolean) => SniffResult;

/**
 * The preamble of `head` (the first bytes of the input; `complete` when that is all of it), given
 * how the whole head sniffed. `sniff` sniffs the bytes after a candidate preamble.
 */
export function findPreamble(head: Uint8Array, complete: boolean, whole: SniffResult, sniff: Sniff): { preamble: Preamble; sniffed: SniffResult } | undefined {
  const http = httpHeaders(head);
  if (http !== undefined) {
    const rest = head.subarray(http.bytes);
    // The headers are never telemetry: whatever the body is (an export, `[]`, an HTML error
    // page), it is judged on its own.
    return { preamble: { ...http, what: 'HTTP response headers (as `curl -i` writes them)' }, sniffed: sniff(rest, complete) };
  }
  // JSON Lines logs read a text line as a record; JSON Lines of spans after a text line are read so
  // too, unless the text is found to be a preamble here.
  if (whole.spec && whole.spec.id !== 'text-logs' && whole.spec.id !== 'jsonl-logs') return undefined;
  // (the lines npm or yarn prints before the script's own output: no records of the service's)
  const run = runBanner(head);
  if (run !== undefined) return { preamble: { bytes: run.bytes, lines: run.lines, what: `the banner ${run.tool} prints before it runs a script (\`${run.first}\`)` }, sniffed: sniff(head.subarray(run.bytes), complete) };
  const exportAfter = (at: number, exports: ReadonlySet<string>): SniffResult | undefined => {
    const sniffed = sniff(head.subarray(at), complete);
    return sniffed.spec && exports.has(sniffed.spec.id) && sniffed.confidence >= 0.5 ? sniffed : undefined;
  };
  if (whole.spec?.id !== 'jsonl-logs') {
    const stray = strayBeforeBracket(head);
    const sniffed = stray > 0 ? exportAfter(stray, JSON_EXPORTS) : undefined;
    if (sniffed) return { preamble: { bytes: stray, lines: 0, what: 'stray characters before the JSON' }, sniffed };
  }
  // Noise lines, then a line that opens a JSON document at column 0. A line with a log header
  // (a timestamp first) is noise only before a trace or metrics export: before JSON log
  // documents it is a log record, and a text log with a JSON line in it stays a log.
  let at = 0;
  let stamped = false;
  for (let line = 0; line < MAX_NOISE_LINES && at < MAX_NOISE_BYTES; line++) {
    const nl = head.indexOf(10, at);
    if (nl === -1) return undefined;
    if (!stamped && scanLeadingTimestamp(latin1.decode(head.subarray(at, Math.min(nl, at + 200)))) !== undefined) stamped = true;
    at = nl + 1;
    const c = head[at];
    if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) continue;
    const strict = stamped || whole.spec?.id === 'jsonl-logs';
    // (after log lines: only an export that goes on past its first line — a document over many
    // lines, or JSON lines — not one JSON line among log lines)
    if (strict && !continuesAsExport(head, at, complete)) continue;
    const sniffed = exportAfter(at, strict ? TELEMETRY_EXPORTS : JSON_EXPORTS);
    if (sniffed) {
      const lines = line + 1;
      return { preamble: { bytes: at, lines, what: `${lines === 1 ? 'a line' : `${lines} lines`} of text before the JSON (a cut first line, or output of another tool)` }, sniffed };
    }
  }
  return undefined;
}

/**
 * Whether the JSON that opens the line at `at` goes on as an export: the line is not a whole value
 * (a pretty-printed document), or the next non-blank line opens another value, or nothing follows.
 */
function continuesAsExport(head: Uint8Array, at: number, complete: boolean): boolean {
  const nl = head.indexOf(10, at);
  if (nl === -1) return true;
  let e = nl - 1;
  while (e > at && (head[e] === 32 || head[e] === 9 || head[e] === 13)) e--;
  if (head[e] !== 0x7d /* } */ && head[e] !== 0x5d /* ] */) return true;
  let i = nl + 1;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 13 || head[i] === 10)) i++;
  if (i >= head.length) return complete;
  return head[i] === 0x7b || head[i] === 0x5b;
}

/** Bytes of non-space, non-bracket characters before a `{` or `[` that opens the first line (0: none). */
function strayBeforeBracket(head: Uint8Array): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const from = i;
  for (; i < head.length && i - from <= MAX_STRAY_BYTES; i++) {
    const c = head[i]!;
    if (c === 0x7b || c === 0x5b) return i > from ? i : 0;
    if (c <= 0x20 || c === 0x22 /* " */ || c >= 0x80) return 0;
  }
  return 0;
}

const latin1 = new TextDecoder('latin1');

/**
 * `HTTP/1.1 200 OK` and header lines up to the empty line that ends them; several blocks in a row
 * as `curl -i` prints them (`100 Continue`, a proxy's `200 Connection established`, `-L` redirects).
 */
function httpHeaders(head: Uint8Array): { bytes: number; lines: number } | undefined {
  let bytes = 0;
  let lines = 0;
  for (let block = httpBlock(head); block; block = httpBlock(head.subarray(bytes))) {
    bytes += block.bytes;
    lines += block.lines;
  }
  return bytes > 0 ? { bytes, lines } : undefined;
}

function httpBlock(head: Uint8Array): { bytes: number; lines: number } | undefined {
  const text = latin1.decode(head.subarray(0, MAX_HTTP_HEAD_BYTES));
  const lines = text.split('\n');
  if (lines.length < 2 || !HTTP_STATUS.test(lines[0]!)) return undefined;
  let bytes = lines[0]!.length + 1;
  for (let i = 1; i < lines.length - 1; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    bytes += lines[i]!.length + 1;
    if (l === '') return { bytes, lines: i + 1 };
    if (!HTTP_HEADER.test(l)) return undefined;
  }
  return undefined;
}


/**
 * npm's (pnpm's) or yarn's banner blocks at the head (blank lines around them), up to the first
 * line of the script's output: their bytes and lines, the tool and the first banner line.
 */
function runBanner(head: Uint8Array): { bytes: number; lines: number; tool: string; first: string } | undefined {
  const text = latin1.decode(head.subarray(0, MAX_NOISE_BYTES));
  const lines = text.split('\n');
  lines.pop(); // (the last is unended: cut by the window, or the input's last line)
  let i = 0;
  let end = 0;
  let blocks = 0;
  let tool: string | undefined;
  let first = '';
  for (; blocks < MAX_RUN_BANNERS; blocks++) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    const h = lines[i]?.replace(/\r$/, '');
    const npm = h !== undefined && NPM_RUN_HEAD.test(h);
    if (h === undefined || (!npm && !YARN_RUN_HEAD.test(h))) break;
    const command = npm ? NPM_RUN_COMMAND : YARN_RUN_COMMAND;
    let k = i + 1;
    while (k < lines.length && k - i <= MAX_RUN_COMMAND_LINES && command.test(lines[k]!)) k++;
    if (k === i + 1) break;
    tool ??= npm ? 'npm' : 'yarn';
    if (first === '') first = h;
    // npm ends its banner with a blank line; yarn's command line is the last
    if (npm && lines[k]?.replace(/\r$/, '') !== '') break;
    i = npm ? k + 1 : k;
    end = i;
  }
  if (end === 0 || tool === undefined) return undefined;
  let bytes = 0;
  for (let n = 0; n < end; n++) bytes += lines[n]!.length + 1;
  return { bytes, lines: end, tool, first };
}

/** The sniff window's verdict on a stretch of content: the first SNIFF_BYTES of it. */
function sniffWindow(bytes: Uint8Array, complete: boolean): SniffResult {
  return sniffFormat(makeSniffInput(bytes.subarray(0, SNIFF_BYTES), complete && bytes.length <= SNIFF_BYTES));
}

/**
 * The format of the content that `head` begins (`complete` when it is all of it), looking past a
 * preamble: the verdict the app's file list shows and the analysis reads by.
 */
export function sniffHead(head: Uint8Array, complete: boolean): { sniffed: SniffResult; preamble?: Preamble } {
  const whole = sniffWindow(head, complete);
  const pre = findPreamble(head, complete, whole, sniffWindow);
  return pre ? { sniffed: pre.sniffed, preamble: pre.preamble } : { sniffed: whole };
}
