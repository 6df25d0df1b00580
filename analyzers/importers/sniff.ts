// Content sniffing: ask every importer how sure it is; never look at the file name.
import { FORMATS } from './registry.js';
import { crOnlyHead, decodeUtf8, looksBinary } from './common/lines.js';
import { documentKindOfText } from './common/documents.js';
import { isJsonData } from './jsonl-logs/index.js';
import { ambiguousCsvDates } from './csv-metrics/index.js';
import { foreignProtobufMessage } from './common/foreign-protobuf.js';
import { foreignMetricText, valueListHead } from './common/foreign-lines.js';
import { binaryMetricMessage, metricToolText } from './common/foreign-tools.js';
import { guardValueList } from './common/value-list-guard.js';
import { OTEL_JAVA_EXPORTER_LINE } from './common/otel-java-exporter.js';
import { foreignJson, jsonValuesOfHead, prettyOfOneLineObject } from './common/foreign-json.js';
import type { FormatFamily, FormatId, FormatSpec, ForcedFormat, SniffInput } from './types.js';

export interface SniffResult {
  spec?: FormatSpec;
  confidence: number;
  /** Why nothing matched, when `spec` is undefined. */
  reason?: 'empty-input' | 'binary-data' | 'unrecognised-format' | 'unsupported';
  /** With 'unrecognised-format': what the content looks like instead ('an HTML page', 'source code'…). */
  looksLike?: string;
  /** With 'unsupported': which telemetry format it is and what to export instead; with 'binary-data', what the binary is when it is known. */
  message?: string;
}

/**
 * The sniffers' view of an input's head. A head with CR-only line ends (see crOnlyHead) is shown
 * with LFs in their place, as its decoder will split it, so every sniffer sees its lines.
 */
export function makeSniffInput(bytes: Uint8Array, complete: boolean): SniffInput {
  if (crOnlyHead(bytes)) {
    // A copy (never `slice()`, which is a view on a Node Buffer): the caller's head is not touched.
    const lf = new Uint8Array(bytes);
    for (let i = lf.indexOf(13); i !== -1; i = lf.indexOf(13, i + 1)) lf[i] = 10;
    bytes = lf;
  }
  // A NUL that ends a message before its line end (as the decoder drops it: LineSplitter)
  if (nulBeforeLineEnd(bytes)) {
    const b = bytes;
    bytes = b.filter((c, i) => c !== 0 || (b[i + 1] !== 10 && !(b[i + 1] === 13 && b[i + 2] === 10)) || (i > 0 && b[i - 1] === 0));
  }
  return { bytes, text: decodeUtf8(bytes), complete };
}

/** True when one NUL (not two) comes right before an LF or a CRLF; found from the LFs, so a head of NULs costs nothing. */
function nulBeforeLineEnd(b: Uint8Array): boolean {
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) {
    const at = b[i - 1] === 13 ? i - 2 : i - 1;
    if (at >= 0 && b[at] === 0 && (at === 0 || b[at - 1] !== 0)) return true;
  }
  return false;
}

export function sniffFormat(input: SniffInput, formats: readonly FormatSpec[] = FORMATS): SniffResult {
  if (input.text.trim() === '') return { confidence: 0, reason: 'empty-input' };
  // `[]` or `{}` alone: an API's answer when nothing matched (Zipkin /api/v2/traces, a Jaeger span
  // list), or an export of nothing. No records, whatever the format: said so, not read as a log line.
  // `null` is what jq prints for a path that is not there; several of them, one per answer saved.
  if (input.complete && /^\uFEFF?(?:\s*(?:\[\s*\]|\{\s*\}|null))+\s*$/.test(input.text)) {
    const what = /^\uFEFF?\s*null\s*$/.test(input.text) ? 'a JSON null' : /^\uFEFF?\s*(\[\s*\]|\{\s*\})\s*$/.test(input.text) ? `an empty JSON ${input.text.includes('[') ? 'array' : 'object'}` : 'empty JSON values (`[]`, `{}` or `null`) only';
    return { confidence: 0, reason: 'empty-input', message: `${what}: no records (an API answers so when nothing matched; jq prints null for a path that is not there)` };
  }
  // journalctl -o export (the Journal Export Format: KEY=value lines, binary fields length-prefixed)
  if (/^__CURSOR=s=[0-9a-f]+;/.test(input.text) && /\n__REALTIME_TIMESTAMP=\d+\n/.test(input.text)) {
    return { confidence: 0, reason: 'unsupported', message: 'the systemd Journal Export Format (`journalctl -o export`): not read; export the journal as JSON Lines with `journalctl -o json`, which ObsReady reads' };
  }
  // Before looksBinary: protobuf whose strings are long (log bodies) has few control bytes.
  const protobuf = foreignProtobufMessage(input.bytes, input.complete);
  if (protobuf) return { confidence: 0, reason: 'binary-data', message: protobuf };
  if (looksBinary(input.bytes)) {
    const named = binaryMetricMessage(input.bytes);
    return named ? { confidence: 0, reason: 'binary-data', message: named } : { confidence: 0, reason: 'binary-data' };
  }
  // Datadog's JSON:API answers for spans and metric queries (v2): `{"data": …}` as Jaeger's is,
  // but not traces Jaeger's importer can read; say what they are instead of "no spans".
  const dd = datadogV2Answer(input.text) ?? metricPayloadText(input) ?? tracePayloadText(input);
  if (dd) return { confidence: 0, reason: 'unsupported', message: dd };
  // JSON of other products (whatever its whitespace), and APIs' error answers: see foreign-json.ts
  const foreign = foreignJson(input);
  if (foreign) return { confidence: 0, ...foreign };
  // Documents of metrics tools (whisper-dump, whisper-info, the InfluxDB CLI's tables): see foreign-tools.ts
  const tool = metricToolText(input.text, input.complete);
  if (tool) return { confidence: 0, reason: 'unsupported', message: tool };
  // The answer of an OTLP receiver (ExportTraceServiceResponse and its siblings), saved instead of
  // the request it answered: it counts rejected records, it holds none.
  if (input.complete && input.text.length < 4096 && /^\uFEFF?\s*\{\s*"partial_?[sS]uccess"\s*:\s*\{[^{}]*\}\s*\}\s*$/.test(input.text)) {
    return { confidence: 0, reason: 'unsupported', message: 'an OTLP export response (`partialSuccess`: what a receiver rejected), which holds no telemetry; analyse the request that was sent (the Collector file exporter writes it)' };
  }
  let best: FormatSpec | undefined;
  let bestScore = 0;
  for (const spec of formats) {
    let score = 0;
    try {
      score = spec.sniff(input);
    } catch {
      score = 0; // a sniffer must never take the run down
    }
    if (score > bestScore) {
      best = spec;
      bestScore = score;
    }
  }
  // One JSON object on one line is refused as its pretty-printed copy is (whitespace must not change
  // the outcome), unless that copy is only "unrecognised" and the object has a time, a level or a
  // message: then it is one log record.
  const pretty = best?.id === 'jsonl-logs' ? prettyOfOneLineObject(input) : undefined;
  if (pretty) {
    const asPretty = sniffFormat(pretty, formats);
    if (!asPretty.spec && (asPretty.reason !== 'unrecognised-format' || isJsonData({ ...input, complete: true }))) return asPretty;
  }
  // A JSON document written over several lines that does not parse (a missing comma, cut short):
  // its lines may look like lines of a text log (`{"id":1,`), but it is one broken JSON value, said
  // with the line of the flaw rather than counted as log records. Only when the whole input is JSON
  // tokens (a text log's lines have words, times, levels outside any string).
  if (best?.id === 'text-logs' && jsonTokensOnly(input)) {
    const broken = brokenJsonMessage(input);
    if (broken) return { confidence: bestScore, reason: 'unrecognised-format', message: broken };
  }
  if (bestScore < 0.9) {
    const other = unsupportedTelemetryText(input);
    if (other) return { confidence: bestScore, reason: 'unsupported', message: other };
  }
  // A list of values in sorted order (`promtool query labels`) that goes on past the head: refused
  // only if all of it is one, which its reader sees (a log may begin with a few sorted words).
  if (best?.id === 'text-logs' && valueListHead(input) === 'open') return { spec: guardValueList(best), confidence: bestScore };
  // An answer whose lists are all empty (`{"events":[]}` from CloudWatch) that no format claims
  // as its own (they say "read as FORMAT but holds no records"): no records, not one log record.
  if ((!best || bestScore < 0.2 || best.id === 'jsonl-logs') && input.complete && input.text.length < 4096 && EMPTY_ANSWER.test(input.text)) {
    return { confidence: 0, reason: 'empty-input', message: 'a JSON answer whose lists are empty: no records (an API answers so when nothing matched)' };
  }
  if (!best || bestScore < 0.2) {
    // A metrics CSV but for the order of its slashed dates: say that, not "unrecognised".
    const dates = ambiguousCsvDates(input);
    if (dates) return { confidence: bestScore, reason: 'unsupported', message: `a metrics CSV that is not read: ${dates}` };
    // (pretty-printed JSON's bracket lines are no source code)
    const kind = documentKindOfText(input.text, input.complete);
    const looksLike = kind === 'source code' && jsonValuesOfHead(input) ? undefined : kind;
    const broken = looksLike ? undefined : brokenJsonMessage(input);
    if (broken) return { confidence: bestScore, reason: 'unrecognised-format', message: broken };
    if (!looksLike && isJsonData(input)) {
      return { confidence: bestScore, reason: 'unrecognised-format', message: 'JSON that no importer reads: its objects have no time, level or message, so they are no log records, and they are no other format ObsReady reads (use --as FORMAT to force one)' };
    }
    return { confidence: bestScore, reason: 'unrecognised-format', ...(looksLike ? { looksLike } : {}) };
  }
  // A Kubernetes object or list written compactly (`kubectl get --raw …`, `-o json | jq -c`) is
  // one JSON line: a resource, not a log record (its pretty-printed form is named above).
  if ((best.id === 'jsonl-logs' || best.id === 'json-logs') && bestScore < 0.9) {
    const looksLike = documentKindOfText(input.text, input.complete);
    if (looksLike?.startsWith('a Kubernetes ')) return { confidence: bestScore, reason: 'unrecognised-format', looksLike };
  }
  return { spec: best, confidence: bestScore };
}

/**
 * What is wrong with an input that is JSON but for one flaw a user can fix: it ends before its
 * value closes (cut short), or it has commas before a closing bracket (JavaScript's trailing
 * commas). Said with the line; `undefined` for anything else (only whole inputs in the head).
 */
const TRAILING_COMMA = /,\s*[}\]]/;
const TRAILING_COMMAS = /,(\s*[}\]])/g;

export function brokenJsonMessage(input: SniffInput): string | undefined {
  if (!input.complete || input.text.length > 1024 * 1024) return undefined;
  const text = input.text.replace(/^\uFEFF/, '');
  const start = /^\s*[[{]/.exec(text);
  if (!start) return undefined;
  let message: string;
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    message = (e as Error).message;
  }
  const lineOf = (at: number): number => text.slice(0, at).split('\n').length;
  if (/end of JSON input/i.test(message) || /at position (\d+)/.exec(message)?.[1] === String(text.length)) {
    return `JSON cut short: the input ends (line ${lineOf(text.length)}) before the JSON value that opens on line ${lineOf(start[0].length - 1)} closes (a partial download or copy?); nothing before the cut is a format ObsReady reads`;
  }
  // the whole text as one value, or (JSON Lines) each of its first lines
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const values = lines.length > 1 && lines.every((l) => /^\s*[[{]/.test(l)) ? lines.slice(0, 50) : [text];
  // Another flaw (a missing comma, a colon where a comma belongs) in a document of JSON tokens only
  // written over several lines: the parser's message, with the line it is on.
  const flaw = (): string | undefined => {
    const at = /at position (\d+)/.exec(message)?.[1];
    if (at === undefined || !jsonTokensOnly(input)) return undefined;
    return `JSON that does not parse: ${message.replace(/ in JSON at position \d+.*$/, '')} on line ${lineOf(Number(at))} (the value opens on line ${lineOf(start[0].length - 1)}); nothing is read from it (fix the JSON, or use --as FORMAT to force a format)`;
  };
  if (!values.some((v) => TRAILING_COMMA.test(v))) return flaw();
  for (const v of values) {
    try {
      JSON.parse(v.replace(TRAILING_COMMAS, '$1'));
    } catch {
      return flaw(); // (more is wrong than commas)
    }
  }
  return `JSON with a trailing comma (a comma before a closing bracket, first on line ${lineOf(text.search(TRAILING_COMMA))}), which JSON does not allow; remove the trailing commas (use --as FORMAT to force a format)`;
}

/**
 * A whole input (≤ 1 MB) of JSON tokens only — strings, numbers, true/false/null, brackets, colons,
 * commas, white space — that opens a value on its first line and does not close it there: a JSON
 * document written over several lines, whatever flaw it has. Text logs that hold JSON have
 * other words on their lines (a time, a level, a message outside any quotes).
 */
const JSON_TOKEN = /\s+|"(?:[^"\\\n]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\]:,]/y;

export function jsonTokensOnly(input: SniffInput): boolean {
  if (!input.complete || input.text.length > 1024 * 1024) return false;
  const text = input.text.replace(/^\uFEFF/, '');
  const nl = text.indexOf('\n');
  if (!/^\s*[[{]/.test(text) || nl < 0) return false;
  // the first line a whole value: JSON Lines (its reader says what is wrong with a line)
  try {
    JSON.parse(text.slice(0, nl));
    return false;
  } catch {
    // a value that goes on past the first line
  }
  JSON_TOKEN.lastIndex = 0;
  while (JSON_TOKEN.lastIndex < text.length) {
    const at = JSON_TOKEN.lastIndex;
    if (!JSON_TOKEN.test(text) || JSON_TOKEN.lastIndex === at) return false;
  }
  return true;
}

const EMPTY_ANSWER = /^\uFEFF?\s*\{\s*"[^"]{1,64}"\s*:\s*\[\s*\]\s*(?:,\s*"[^"]{1,64}"\s*:\s*(?:\[\s*\]|\{\s*\}|null|-?\d+|"[^"]{0,200}"|true|false)\s*)*\}\s*$/;

export function formatById(id: string, formats: readonly FormatSpec[] = FORMATS): FormatSpec | undefined {
  return formats.find((f) => f.id === (id as FormatId));
}

/**
 * Containers we recognise but do not open (only gzip is read): named so the user knows what to do
 * instead of a bare "binary". `undefined` when the head is none of them.
 */
export function unsupportedContainer(head: Uint8Array): string | undefined {
  const at = (offset: number, magic: number[]): boolean => head.length >= offset + magic.length && magic.every((b, i) => head[offset + i] === b);
  // Reaches here only inside compressed data (a .zst file is inflated first, once).
  if (at(0, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd-compressed inside compressed data; decompress the outer layer and analyse the result';
  if (at(0, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz-compressed; decompress it first (xz -d)';
  if (at(0, [0x42, 0x5a, 0x68]) && head.length > 3 && head[3]! >= 0x31 && head[3]! <= 0x39) return 'bzip2-compressed; decompress it first (bunzip2)';
  if (at(0, [0x04, 0x22, 0x4d, 0x18])) return 'lz4-compressed; decompress it first (lz4 -d)';
  if (at(0, [0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59])) return 'snappy-framed; decompress it first';
  // Reaches here only inside compressed data (a gzip file is always inflated first, once).
  if (at(0, [0x1f, 0x8b, 0x08])) return 'gzip-compressed inside compressed data (gzip inside the gzip, or inside a .zst); decompress the outer layer and analyse the result';
  if (at(0, [0x50, 0x4b, 0x03, 0x04])) return 'a zip archive inside an archive, which is not opened; unpack it and analyse the folder';
  if (at(0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'a 7-Zip archive; unpack it and analyse the folder';
  // RAR 1.5–4 (`Rar!\x1a\x07\x00`) and RAR 5 (`Rar!\x1a\x07\x01\x00`)
  if (at(0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) && (head[6] === 0x00 || (head[6] === 0x01 && head[7] === 0x00))) return 'a RAR archive; unpack it (unrar x) and analyse the folder';
  // POSIX/GNU tar: "ustar" at 257, then NUL or a space, and a type flag of a real header.
  const type = head[156];
  const tarType = type === 0 || (type !== undefined && /[0-7xgLKS]/.test(String.fromCharCode(type)));
  if (at(257, [0x75, 0x73, 0x74, 0x61, 0x72]) && (head[262] === 0 || head[262] === 0x20) && tarType) return 'a tar archive that could not be opened here (a tar inside an archive, or one whose first header is damaged); unpack it (tar -xf) and analyse the folder';
  return undefined;
}

/** Field 1 as a length-delimited message (ResourceSpans/…Metrics/…Logs) at `at`, whose own first field is 1, 2 or 3. */
function otlpRequestAt(head: Uint8Array, at: number): boolean {
  if (head[at] !== 0x0a) return false;
  let len = 0;
  let i = at + 1;
  for (let shift = 0; i < head.length && shift <= 28; i++, shift += 7) {
    len += (head[i]! & 0x7f) * 2 ** shift;
    if (head[i]! < 0x80) break;
  }
  if (i >= head.length || head[i]! >= 0x80) return false;
  const first = head[i + 1];
  return len >= 2 && (first === 0x0a || first === 0x12 || first === 0x1a);
}

/**
 * A binary head that opens like an OTLP protobuf export request (ExportTraceServiceRequest and
 * its metrics and logs siblings: repeated field 1, length-delimited), bare or after a 4-byte
 * big-endian length (the Collector file exporter's `format: proto`). Only names what a binary
 * input probably is; nothing reads protobuf.
 */
export function looksLikeOtlpProtobuf(head: Uint8Array): boolean {
  return otlpRequestAt(head, 0) || (head.length > 5 && head[0] === 0 && otlpRequestAt(head, 4));
}

/**
 * An XML document (it opens with an XML declaration or a root element, and a closing tag follows):
 * no importer reads XML, and as text lines its markup would be scored as log messages. Windows
 * event exports (wevtutil, Event Viewer's "Save as XML") are named with what to export instead.
 */
function xmlDocument(input: SniffInput): string | undefined {
  const t = input.text.replace(/^\uFEFF/, '').trimStart();
  if (!/^<(?:\?xml[\s?]|[A-Za-z_][\w.:-]*[\s>/])/.test(t) || !/<\/[A-Za-z_][\w.:-]*\s*>/.test(t.slice(0, 65536))) return undefined;
  if (documentKindOfText(input.text, input.complete) === 'an HTML page') return undefined; // named as one when unrecognised
  if (/<Event[\s>]/.test(t) && /schemas\.microsoft\.com\/win\/2004\/08\/events\/event|<EventID[\s>]/.test(t)) {
    return 'Windows event XML (wevtutil, Event Viewer "Save as XML"): XML is not read. Export the events with PowerShell (Get-WinEvent … | ConvertTo-Json) or Event Viewer\'s "Save All Events As… CSV"';
  }
  return 'an XML document: no telemetry format ObsReady reads is XML. Export the data as OTLP JSON, JSON, CSV or plain text';
}

/**
 * Telemetry text in a format no importer reads, named with what to export instead (so it is not
 * read as message-only log lines): InfluxDB line protocol, when at least 90 % of the head's
 * non-blank, non-comment lines (and at least one) follow its grammar with a timestamp. `--as` still forces a format.
 */
const DD_V2 = /^\uFEFF?\s*\{\s*"data"\s*:\s*[[{]\s*(?:\{\s*)?(?:"(?:id|attributes)"\s*:\s*(?:"[^"]*"|\{)[^]{0,200}?)?"type"\s*:\s*"(timeseries_response|scalar_response|spans)"/;

/** A Datadog API v2 answer ObsReady does not read (spans, timeseries and scalar metric queries): what to export instead. */
function datadogV2Answer(text: string): string | undefined {
  const m = DD_V2.exec(text.slice(0, 4096));
  if (!m) return undefined;
  return m[1] === 'spans'
    ? 'Datadog spans (Spans API v2 `{"data":[{"type":"spans",…}]}`): not read; send the traces to ObsReady as OTLP JSON or Jaeger JSON (for example through an OpenTelemetry Collector)'
    : 'a Datadog metrics query answer in the v2 format (`timeseries_response`/`scalar_response`): not read; query the v1 API (`/api/v1/query`), whose answer ObsReady reads';
}

export function unsupportedTelemetryText(input: SniffInput): string | undefined {
  const xml = xmlDocument(input);
  if (xml !== undefined) return xml;
  return foreignMetricText(input);
}

const TO_EXPORT = 'Export them as Prometheus text, OpenTelemetry (OTLP JSON) or CSV';

/**
 * JSON metric payloads no importer reads (they look like JSON logs to the log importers), named
 * with what to export instead: Telegraf's JSON serializer, a Datadog metrics submission.
 */
function metricPayloadText(input: SniffInput): string | undefined {
  const t = input.text.replace(/^\uFEFF/, '').trimStart();
  if (/^\{\s*"series"\s*:\s*\[\s*\{/.test(t) && /"metric"\s*:\s*"/.test(t) && /"points"\s*:\s*\[/.test(t)) {
    return `a Datadog metrics submission payload (POST /api/v1/series or /api/v2/series), which ObsReady does not read; query the metrics back (a Datadog query answer is read) or ${TO_EXPORT.charAt(0).toLowerCase()}${TO_EXPORT.slice(1)}`;
  }
  const head = t.slice(0, 8192);
  // collectd's JSON (write_http with `Format "JSON"`, the JSON of its network/unixsock tooling):
  // arrays of value lists with values, dstypes, dsnames, plugin
  if (/^\[\s*\{/.test(t) && ['"values"', '"dstypes"', '"dsnames"', '"plugin"'].every((k) => head.includes(k))) {
    return `collectd metrics in its JSON format (value lists with values, dstypes, dsnames), which ObsReady does not read. ${TO_EXPORT} (collectd's write_prometheus plugin serves Prometheus text)`;
  }
  // Tempo's TraceQL metrics answer (/api/metrics/query_range, /api/metrics/query): series of samples computed from spans
  if (/^\{\s*"series"\s*:\s*\[/.test(t) && /"samples"\s*:\s*\[\s*(?:\{\s*"timestampMs"|\])/.test(head) && (/"promLabels"\s*:/.test(head) || /"inspectedBytes"/.test(head))) {
    return "a Grafana Tempo TraceQL metrics answer (/api/metrics/query_range): series computed from spans, which ObsReady does not read. Analyse the spans themselves (a Tempo trace answer, /api/traces/<id>, is read), or query the span metrics Tempo's metrics-generator writes to Prometheus through the Prometheus API (its answer is read)";
  }
  const lines = t.split('\n', 21).map((l) => l.trim()).filter((l) => l !== '');
  if (!input.complete && lines.length > 1) lines.pop();
  // (Telegraf's JSON, in any key order and in a batch: foreign-json.ts)
  // Amazon CloudWatch Metric Streams with the JSON output format (what Firehose delivers to S3):
  // one aggregated datapoint a line
  if (lines.length > 0 && lines.every((l) => l.startsWith('{') && l.includes('"metric_stream_name"') && l.includes('"metric_name"') && /"value"\s*:\s*\{/.test(l))) {
    return 'Amazon CloudWatch Metric Streams records in JSON format (metric_stream_name, metric_name, value {max,min,sum,count}), which ObsReady does not read. Query the metrics with `aws cloudwatch get-metric-data` (its output is read), or have the Collector receive them and export OTLP JSON';
  }
  return undefined;
}

const TO_EXPORT_SPANS = 'send the traces as OTLP (through an OpenTelemetry Collector if need be) and export OTLP JSON (the Collector file exporter), Jaeger JSON or Zipkin JSON';

/**
 * What OpenTelemetry JS's console exporters print, each record a `util.inspect` of an object (two
 * spaces before its keys): ConsoleSpanExporter's spans (`id`, `duration`), ConsoleLogRecordExporter's
 * log records (`severityNumber`, `body`), ConsoleMetricExporter's metrics (`descriptor`,
 * `dataPointType`, `dataPoints`). One program's console may show all three.
 */
const OTEL_JS_CONSOLE: readonly { key: RegExp; exporter: string; record: string; records: string }[] = [
  { key: /\n {2}duration: [\d.]+,?\n/, exporter: 'ConsoleSpanExporter', record: 'span', records: 'spans' },
  { key: /\n {2}severityNumber: (?:\d+|undefined),?\n/, exporter: 'ConsoleLogRecordExporter', record: 'log record', records: 'log records' },
  { key: /\n {2}dataPointType: \d+,?\n/, exporter: 'ConsoleMetricExporter', record: 'metric', records: 'metrics' },
];

/** Names what OpenTelemetry JS's console exporters wrote (see OTEL_JS_CONSOLE), in the order the head shows them. */
function otelJsConsoleText(t: string, head: string): string | undefined {
  if (!/^\{\s*\n\s*(?:resource|instrumentationScope|instrumentationLibrary|traceId|descriptor): /.test(t)) return undefined;
  const found = OTEL_JS_CONSOLE.map((k) => ({ ...k, at: head.search(k.key) })).filter((k) => k.at >= 0).sort((a, b) => a.at - b.at);
  if (found.length === 0) return undefined;
  const exporter = found.length === 1 ? `${found[0]!.exporter} output` : `console exporters' output (${found.map((k) => k.exporter).join(', ')})`;
  const what = found.map((k) => k.records);
  const list = what.length === 1 ? what[0]! : `${what.slice(0, -1).join(', ')} and ${what[what.length - 1]!}`;
  const each = found.length === 1 ? found[0]!.record : 'record';
  return `OpenTelemetry JS ${exporter}: ${list} (\`util.inspect\` of each ${each}, which is not JSON): not read; export the ${list} with the OTLP exporter${found.length > 1 ? 's' : ''} (to a Collector's file exporter), or print them as JSON`;
}

/**
 * OpenTelemetry Java's LoggingSpanExporter and LoggingMetricExporter output (see otel-java-exporter.ts):
 * when such lines (with the JUL source lines naming the exporters) make up all of the head, the input
 * is named, not read as log records about nothing.
 */
function otelJavaLoggingText(t: string): string | undefined {
  if (!t.includes('io.opentelemetry.exporter.logging.Logging') && !t.includes(' [tracer: ') && !t.includes('ImmutableMetricData{')) return undefined;
  const lines = t.split('\n', 41).map((l) => l.trim()).filter((l) => l !== '').slice(0, 40);
  const hits = lines.filter((l) => OTEL_JAVA_EXPORTER_LINE.test(l)).length;
  // (every line of the head: a log record among them — the SystemOutLogRecordExporter's on the same
  // console — would be lost with the file; such a mix is read as a log, the exporter lines too)
  if (hits < 2 || hits < lines.length) return undefined;
  const spans = lines.some((l) => / \[tracer: /.test(l) || l.includes('LoggingSpanExporter'));
  const metrics = lines.some((l) => l.includes('ImmutableMetricData{') || l.includes('LoggingMetricExporter'));
  const what = spans && metrics ? 'spans and metrics' : spans ? 'spans' : 'metrics';
  const exporters = spans && metrics ? 'LoggingSpanExporter and LoggingMetricExporter' : spans ? 'LoggingSpanExporter' : 'LoggingMetricExporter';
  return `OpenTelemetry Java ${exporters} output (${what} logged through java.util.logging, one line each, without parent span ids, times or status): not read; export the ${what} with the OTLP exporter${spans && metrics ? 's' : ''} (to a Collector's file exporter, whose OTLP JSON is read)`;
}

/**
 * Span payloads of tracing products no importer reads (they look like JSON logs, or like text, to
 * the log importers), named with what to export instead.
 */
function tracePayloadText(input: SniffInput): string | undefined {
  const t = input.text.replace(/^\uFEFF/, '').trimStart();
  const head = t.slice(0, 8192);
  // Datadog: what ddtrace sends the agent (v0.3/v0.4) and its test snapshots: a list of traces, each a list of spans
  if (/^\[\s*\[\s*\{/.test(head) && ['"span_id"', '"trace_id"', '"resource"', '"service"', '"duration"'].every((k) => head.includes(k))) {
    return `Datadog trace payload (\`[[{span…}]]\`, what ddtrace sends the Datadog agent, or a ddtrace test snapshot): not read; ${TO_EXPORT_SPANS}`;
  }
  // protobuf text format (`print(request)` of an OTLP request in Python, `prototext` in Go)
  if (/^resource_(spans|metrics|logs)\s*\{/.test(t)) {
    return `an OTLP request in protobuf text format (\`resource_spans {\`, as \`print(request)\` writes it): not read; export OTLP JSON instead (the Collector file exporter, or \`MessageToJson\` of the request)`;
  }
  // OpenTelemetry JS's console exporters: `util.inspect` of each span, log record or metric (unquoted keys, 'quoted' strings)
  const jsConsole = otelJsConsoleText(t, head);
  if (jsConsole) return jsConsole;
  const javaLogging = otelJavaLoggingText(t);
  if (javaLogging) return javaLogging;
  // Logstash's rubydebug codec: Ruby hash syntax (`"message" => "…"`), not JSON
  if (/^\{\s*\n\s*"[^"\n]+"\s*=>\s*/.test(t) && /\n\s*"@timestamp"\s*=>\s*\d{4}-/.test(head)) {
    return "Logstash rubydebug output (`codec => rubydebug`, Ruby's hash syntax, not JSON): not read; write the events with `codec => json_lines` (or `json`), which is read";
  }
  // AWS X-Ray service graph: services and edges, no segments
  if (/^\{\s*"Services"\s*:\s*\[\s*\{\s*"ReferenceId"/.test(t)) {
    return 'AWS X-Ray service graph (`aws xray get-service-graph`): services and edge statistics, no spans; fetch the traces with `aws xray batch-get-traces --trace-ids …` and analyse that output';
  }
  const lines = t.split('\n', 21).map((l) => l.trim()).filter((l) => l !== '');
  if (!input.complete && lines.length > 1) lines.pop();
  if (lines.length === 0) return undefined;
  // Elastic APM intake v2: a metadata line, then one event a line
  if (/^\{\s*"metadata"\s*:\s*\{/.test(lines[0]!) && (lines.length === 1 || lines.slice(1).some((l) => /^\{\s*"(transaction|span|error|metricset|log)"\s*:\s*\{/.test(l)))) {
    return `Elastic APM intake events (v2 NDJSON: a \`{"metadata"}\` line, then \`{"transaction"}\`, \`{"span"}\`, \`{"error"}\` lines, what APM agents send APM Server): not read; ${TO_EXPORT_SPANS}`;
  }
  // Honeycomb (Beeline) span events: `trace.trace_id`, `trace.span_id`, `duration_ms` on each line
  // (not log records that carry those fields: a level or a message makes a line a log)
  const honeycomb = lines.filter((l) => l.startsWith('{') && l.includes('"trace.span_id"') && l.includes('"trace.trace_id"') && l.includes('"duration_ms"') && !/"(?:level|msg|message|severity)"\s*:/.test(l)).length;
  if (honeycomb >= Math.max(1, lines.length * 0.5)) {
    return `Honeycomb span events (\`trace.trace_id\`, \`trace.span_id\`, \`duration_ms\` fields, as Beelines send them): spans in an event format that is not read; ${TO_EXPORT_SPANS}`;
  }
  return undefined;
}

/** Members of each `--as` family, in the order that breaks a tie. */
export const FORMAT_FAMILIES: Readonly<Record<FormatFamily, readonly FormatId[]>> = {
  csv: ['csv-metrics', 'csv-spans', 'csv-logs'],
};

/** Every name `--as` takes: the formats, then the families. */
export function forcedFormatNames(formats: readonly FormatSpec[] = FORMATS): string[] {
  return [...formats.map((f) => f.id), ...Object.keys(FORMAT_FAMILIES)];
}

export function isForcedFormat(name: string, formats: readonly FormatSpec[] = FORMATS): name is ForcedFormat {
  return formats.some((f) => f.id === name) || Object.hasOwn(FORMAT_FAMILIES, name);
}

/**
 * The format an `--as` name forces on this content: itself, or for a family the member whose
 * sniffer is surest of the head (even when none would have been sure enough to choose it
 * unforced; the first member when none sees anything). `undefined` for an unknown name.
 */
export function resolveForcedFormat(name: string, head: () => SniffInput, formats: readonly FormatSpec[] = FORMATS): FormatSpec | undefined {
  const single = formatById(name, formats);
  if (single || !Object.hasOwn(FORMAT_FAMILIES, name)) return single;
  const members = FORMAT_FAMILIES[name as FormatFamily].map((id) => formatById(id, formats)).filter((f): f is FormatSpec => f !== undefined);
  const input = head();
  let best = members[0];
  let bestScore = 0;
  for (const spec of members) {
    let score = 0;
    try {
      score = spec.sniff(input);
    } catch {
      score = 0;
    }
    if (score > bestScore) {
      best = spec;
      bestScore = score;
    }
  }
  return best;
}
