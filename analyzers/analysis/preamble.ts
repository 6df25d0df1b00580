// Text in front of an export that is not part of it, which real copies carry: the HTTP response
// headers `curl -i` writes before the body, a line a tool printed on the same stream
// (`kubectl port-forward`'s "Handling connection for 16686"), or the cut first line of a JSON
// Lines file copied from its end (`tail -c`). Found only in the head, and only when what follows
// is recognised without it: the export is then read from there, and the skipped lines are named.
import { makeSniffInput, sniffFormat, type SniffResult } from '../importers/sniff.js';
import { SNIFF_BYTES } from '../importers/types.js';
import { scanLeadingTimestamp } from '../importers/common/time.js';

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
  if (whole.spec && whole.spec.id !== 'text-logs') return undefined;
  // Noise lines, then a line that opens a JSON document at column 0. A line with a log header
  // (a timestamp first) is a log record, not noise: a text log with a JSON line in it stays a log.
  let at = 0;
  for (let line = 0; line < MAX_NOISE_LINES && at < MAX_NOISE_BYTES; line++) {
    const nl = head.indexOf(10, at);
    if (nl === -1) return undefined;
    if (scanLeadingTimestamp(latin1.decode(head.subarray(at, Math.min(nl, at + 200)))) !== undefined) return undefined;
    at = nl + 1;
    const c = head[at];
    if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) continue;
    const rest = head.subarray(at);
    const sniffed = sniff(rest, complete);
    if (sniffed.spec && JSON_EXPORTS.has(sniffed.spec.id) && sniffed.confidence >= 0.5) {
      const lines = line + 1;
      return { preamble: { bytes: at, lines, what: `${lines === 1 ? 'a line' : `${lines} lines`} of text before the JSON (a cut first line, or output of another tool)` }, sniffed };
    }
  }
  return undefined;
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
