// Text metric formats no importer reads (they would be read as message-only log lines), each
// named with what to export instead: line formats whose lines follow a grammar (InfluxDB line
// protocol, Telegraf's `--test` output, Graphite, StatsD/DogStatsD, OpenTSDB, Wavefront, Dynatrace
// MINT, promtool's query output) and documents of a tool (the AWS CLI's text, table and YAML
// outputs of CloudWatch metric queries).
import type { SniffInput } from '../types.js';
import { stripAnsi } from '../jsonl-logs/log-output.js';
import { metricToolDocument, TOOL_LINE_FORMATS } from './foreign-tools.js';

const TO_EXPORT = 'Export them as Prometheus text, OpenTelemetry (OTLP JSON) or CSV';
const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
/** A sample value as Prometheus and promtool print it (NaN and infinities included). */
const PROM_NUM = String.raw`(?:${NUM}|[-+]?Inf|NaN)`;

// InfluxDB line protocol: `measurement(,tag=value)* field=value(,field=value)* [timestamp]`, with
// backslash escapes; field values are numbers (`1.5`, `3i`, `3u`), booleans or quoted strings.
// The timestamp is optional in the protocol: a line without one needs a tag set (`home,room=x
// temp=21`), so a text log line like `Retrying count=3` is not taken for it.
const LP_NAME = String.raw`(?:[^\s,=\\]|\\.)+`;
const LP_FIELD_VALUE = String.raw`(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[iu]?|[tT]|true|True|TRUE|[fF]|false|False|FALSE|"(?:[^"\\]|\\.)*")`;
const LP_FIELDS = String.raw`${LP_NAME}=${LP_FIELD_VALUE}(?:,${LP_NAME}=${LP_FIELD_VALUE})*`;
const LP_TAG = String.raw`,${LP_NAME}=${LP_NAME}`;
const LP_BODY = String.raw`${LP_NAME}(?:(?:${LP_TAG})+ ${LP_FIELDS}(?: -?\d{1,19})?|(?:${LP_TAG})* ${LP_FIELDS} \d{10,19})`;
const LINE_PROTOCOL = new RegExp(String.raw`^${LP_BODY}$`);

/** What Telegraf logs itself (`2023-04-11T03:52:26Z I! Loading config file: …`). */
const SYSSTAT_BANNER = /^Linux \S+ \(\S+\)\s+\S+\s+_[\w-]+_\s+\(\d+ CPU\)\s*$/;
const TELEGRAF_LOG = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [DIWE]! /;

// DogStatsD extensions after the type, in any order: sample rate, tags, container id (`c:`),
// external data (`e:`), timestamp (`T<unix>`, protocol v1.3).
const STATSD_EXT = String.raw`(?:\|@${NUM}|\|#[^\s|]*|\|[a-z]:[^\s|]*|\|T\d{9,10})*`;
const STATSD = new RegExp(
  // `name:value[:value…]|type…` (several values: DogStatsD v1.1), an event `_e{len,len}:title|text…`
  // or a service check `_sc|name|status…`
  // (a set's value is any string: `users.unique:u42|s`)
  String.raw`^(?:[^\s:|]+:(?:${NUM}(?::${NUM})*\|(?:c|g|ms|h|s|d|kv|m)|[^\s:|]+\|s)${STATSD_EXT}|_e\{\d+,\d+\}:[^|]*\|.*|_sc\|[^\s|]+\|[0-3](?:\|.*)?)\s*$`,
);

// Wavefront: `name value [timestamp] source=… [tag=value…]` (the source (or host) is required).
const WF_PAIR = String.raw`[\w.\-]+=(?:"(?:[^"\\]|\\.)*"|[^\s"]+)`;
const WAVEFRONT = new RegExp(String.raw`^(?:"[^"]+"|[\w.\-~/]+)[ \t]+${NUM}(?:[ \t]+\d{9,13})?((?:[ \t]+${WF_PAIR})+)\s*$`);

// Dynatrace metric ingestion protocol (MINT): `key[,dim=value…] gauge,…|count,… [timestamp]`; the
// payload's type is required here (a bare `name value` is a Prometheus sample too).
const MINT_KEY = String.raw`[A-Za-z_][\w.\-:]*`;
const MINT = new RegExp(
  String.raw`^${MINT_KEY}(?:,${MINT_KEY}=(?:"(?:[^"\\]|\\.)*"|[^,\s"]*))*[ \t]+(?:gauge,(?:${NUM}|min=${NUM},max=${NUM},sum=${NUM},count=\d+)|count,(?:delta=)?${NUM})(?:[ \t]+\d{10,13})?\s*$`,
);

// promtool query output (`promtool query instant|range`, its default format): `series => value
// @[time]`, or for a range `series =>` and then `value @[time]` lines.
const PROM_SERIES = String.raw`(?:[A-Za-z_:][\w:]*(?:\{.*\})?|\{.*\})`;
const PROMTOOL = new RegExp(String.raw`^(?:(?:${PROM_SERIES}|scalar:?) =>(?: ${PROM_NUM} @\[\d+(?:\.\d+)?\])?|${PROM_NUM} @\[\d+(?:\.\d+)?\])\s*$`);

// promtool's outputs that hold no samples: `promtool query series` (one series' label set a line,
// as Go's labels.String() prints it), `promtool query labels` (a label's values, one a line),
// `promtool tsdb analyze` (a block's cardinality report), `promtool tsdb list` (the blocks of a
// TSDB) and its `block <id> not found` error. They would be read as message-only log lines.
const LABEL_PAIR = String.raw`[A-Za-z_][\w.]*\s*=\s*"(?:[^"\\]|\\.)*"`;
// (`(?:\s*,)?\s*\}`, not `\s*,?\s*\}`: two blank runs side by side split a long run of blanks every way, quadratic)
const SERIES_LISTING_LINE = new RegExp(String.raw`^\{\s*${LABEL_PAIR}(?:\s*,\s*${LABEL_PAIR})*(?:\s*,)?\s*\}\s*$`);
/** A TSDB block id: a ULID (26 characters of Crockford's base32). */
const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const TSDB_LIST_HEADER = /^BLOCK ULID\s+MIN TIME\s+MAX TIME\s+DURATION\s+NUM SAMPLES\s+NUM CHUNKS\s+NUM SERIES\b/;
const TSDB_LIST_ROW = new RegExp(`^${ULID}\\s`);
const BLOCK_NOT_FOUND = new RegExp(`^block (?:${ULID})? not found\\s*$`);
const TSDB_ANALYZE_HEAD = new RegExp(`^Block ID: ${ULID}\\s*$`);
/** A value of a label as `promtool query labels` prints it (sorted): one token, none of a CSV's, JSON's or key=value's marks. */
const VALUE_LINE = /^[^\s,;={}[\]"'`|<>]{1,256}$/;
/** A line that is a date or a time alone (a log's stamp on a line of its own), or a hex id (documents.ts names a list of ids). */
const NOT_A_VALUE = /^(?:\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d)|^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{16})$/;
/**
 * A problem promlint finds, as `promtool check metrics` prints it (`<metric name> <problem>`, one a
 * line: client_golang `testutil/promlint/validations`: help, counter, gauge, histogram/summary
 * reserved names, units, type in name, reserved chars, camelCase, abbreviations; promlint.go's
 * duplicate check).
 */
const PROMLINT_PROBLEM = [
  'no help text',
  'metric not unique',
  'counter metrics should have "_total" suffix',
  'non-counter metrics should not have "_total" suffix',
  'non-gauge metrics should not have "_timestamp_seconds" suffix',
  'non-histogram metrics should not have "_bucket" suffix',
  'non-histogram and non-summary metrics should not have "_(?:count|sum)" suffix',
  'non-histogram metrics should not have "le" label',
  'non-summary metrics should not have "quantile" label',
  'use base unit "[^"\\s]+" instead of "[^"\\s]+"',
  "metric name should not include type '[a-z]+'",
  "metric names should not contain ':'",
  "(?:metric|label) names should be written in 'snake_case' not 'camelCase'",
  'metric names should not contain abbreviated units',
].join('|');
const PROMLINT_LINE = new RegExp(String.raw`^[A-Za-z_:][\w:]* (?:${PROMLINT_PROBLEM})\s*$`);
const SAMPLES_INSTEAD = 'ObsReady reads the samples of the series: `promtool query range -o json`, the Prometheus HTTP API (/api/v1/query_range) or a /federate scrape';

/** promtool's outputs without samples, named with what to export instead; `lines`: the head's non-blank lines. */
function promtoolOutput(lines: readonly string[]): string | undefined {
  if (lines.every((l) => SERIES_LISTING_LINE.test(l))) {
    return `a listing of series (\`promtool query series\`: one series' labels a line, as /api/v1/series answers), without data points, which ObsReady does not read. ${SAMPLES_INSTEAD}`;
  }
  if (lines.every((l) => PROMLINT_LINE.test(l))) {
    return `the output of \`promtool check metrics\` (promlint's problems with metric names, one \`<metric> <problem>\` a line), which holds no samples and is not read; analyse the exposition it checked (Prometheus text and OpenMetrics are read, and judged by the same naming rules)`;
  }
  const first = lines[0]!;
  if (TSDB_ANALYZE_HEAD.test(first) && lines.some((l) => /^Series: \d+\s*$/.test(l))) {
    return `the output of \`promtool tsdb analyze\` (a block's cardinality report), which holds no samples and is not read. ${SAMPLES_INSTEAD}, or \`promtool tsdb dump\` of the block`;
  }
  if (TSDB_LIST_HEADER.test(first) && lines.slice(1).every((l) => TSDB_LIST_ROW.test(l))) {
    return 'the output of `promtool tsdb list` (the blocks of a TSDB), which holds no samples and is not read; dump the series with `promtool tsdb dump` (its output is read)';
  }
  if (lines.every((l) => BLOCK_NOT_FOUND.test(l))) {
    return "promtool's error `block … not found` (what a `promtool tsdb analyze` or `dump` printed when the block was missing), which holds no telemetry; run it on the TSDB's data directory (`promtool tsdb dump` output is read)";
  }
  return undefined;
}

/** What a list of values refused whole is called (see valueListHead). */
export const VALUE_LIST_MESSAGE = `a list of single values, one a line (as \`promtool query labels\` prints the values of a label), with no time, level or sample: no log records or metrics. ${SAMPLES_INSTEAD}`;

/**
 * `line` (not blank, no `#` comment) continues a list of single values after `prev` (undefined
 * for the first): one token, not a date or an id, after the one before it in sorted order (and
 * distinct from it), as the Prometheus API returns a label's values and `promtool query labels`
 * prints them. A few words of a log are seldom in order.
 */
export function continuesValueList(prev: string | undefined, line: string): boolean {
  return VALUE_LINE.test(line) && !NOT_A_VALUE.test(line) && (prev === undefined || prev < line);
}

/** Values a list must have to be refused: a two-line log that happens to be in order (`Starting`, `Stopped`) is read; a short list read as text loses nothing. */
export const MIN_LIST_VALUES = 3;

/**
 * Whether every line of the head (all of it, not a sample: a log may begin with a few sorted words)
 * continues a list of single values, at least MIN_LIST_VALUES of them: 'whole' when the head is the
 * whole input (refused as such), 'open' when the input goes on past it (its reader checks the rest:
 * see value-list-guard.ts), else undefined.
 */
export function valueListHead(input: SniffInput): 'whole' | 'open' | undefined {
  const all = input.text.replace(/^\uFEFF/, '').split('\n');
  if (!input.complete && all.length > 1) all.pop();
  let prev: string | undefined;
  let n = 0;
  for (const raw of all) {
    // (a coloured copy, `ls --color=always`, is read as its text)
    const l = stripAnsi(raw).replace(/\r$/, '');
    if (l.trim() === '' || l.startsWith('#')) continue;
    if (!continuesValueList(prev, l)) return undefined;
    prev = l;
    n++;
  }
  if (input.complete) return n >= MIN_LIST_VALUES ? 'whole' : undefined;
  return n > 0 ? 'open' : undefined;
}

interface LineFormat {
  /** A line of the format. */
  line: { test(line: string): boolean };
  /** Lines the format's producer writes beside its records, not counted either way (at least one line must be the format's). */
  skip?: RegExp;
  /** Every counted line must be the format's (a headerless CSV: with a header it is another CSV, read by csv-metrics). */
  all?: true;
  /** At least one line of the head must match it (the format is told by that line). */
  needs?: RegExp;
  message: string;
}

const AWS_OUTPUT_JSON = 'ObsReady reads the JSON output of `aws cloudwatch get-metric-data` and `get-metric-statistics`: run the command again with `--output json`';

/** Line-based metric formats no importer reads, each named with what to export instead. */
const METRIC_LINE_FORMATS: readonly LineFormat[] = [
  {
    line: LINE_PROTOCOL,
    message:
      'InfluxDB line protocol (Telegraf or an InfluxDB export): metrics ObsReady does not read. Export them as Prometheus text ' +
      "(Telegraf's prometheus_client output), OpenTelemetry (Telegraf's opentelemetry output) or CSV (an InfluxDB query's annotated CSV)",
  },
  {
    line: new RegExp(String.raw`^> ${LP_BODY}$`),
    skip: TELEGRAF_LOG,
    message:
      'the output of `telegraf --test` (its metrics in InfluxDB line protocol after `> `, among its own log lines): metrics ObsReady does not read. ' +
      "Have Telegraf write them as Prometheus text (its prometheus_client output) or OpenTelemetry (its opentelemetry output, to a Collector that exports OTLP JSON)",
  },
  // sysstat's `sadf -p` (mtools29 probe): host, interval, time, device, field, value, tab-separated
  {
    line: new RegExp(String.raw`^[^\t]+\t\d+\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: [A-Z]{1,5})?\t[^\t]*\t[^\t]+\t(?:${NUM}|-?nan)\s*$`),
    all: true,
    message: "sysstat's `sadf -p` output (host, interval, time, device, field and value per line), which ObsReady does not read; export the data with `sadf -d` (a semicolon CSV, read as a metrics CSV)",
  },
  // rrdtool fetch: `epoch: v v …` under a line of data source names
  {
    line: new RegExp(String.raw`^\d{9,10}: (?:${NUM}|-?nan)(?: (?:${NUM}|-?nan))*\s*$`),
    skip: /^\s+[\w-]+(?:\s+[\w-]+)*\s*$/,
    message: `the output of \`rrdtool fetch\` (data source names, then \`time: values\` rows), which ObsReady does not read. ${TO_EXPORT}`,
  },
  // collectd's unixsock LISTVAL: `N Values found`, then `epoch host/plugin-instance/type-instance`
  {
    line: /^\d{9,10}(?:\.\d+)? [^\s/]+\/[^\s/]+\/[^\s/]+$/,
    skip: /^-?\d+ Values? found$/,
    message: `collectd's unixsock LISTVAL answer (the value lists it holds, without their values), which ObsReady does not read. ${TO_EXPORT} (collectd's csv plugin writes CSV files, which are read, and write_prometheus serves Prometheus text)`,
  },
  // Graphite plaintext: `path value timestamp` (tags as `path;tag=value`); the path has a dot,
  // which a Prometheus text sample's name (`up 1 1700000000`) never has
  { line: new RegExp(String.raw`^[\w:\-]+(?:\.[\w:\-]+)+(?:;[\w.:\-]+=[^\s;]+)*[ \t]+${NUM}[ \t]+-?\d{9,10}(?:\.\d+)?\s*$`), message: `Graphite plaintext metrics (path value timestamp), which ObsReady does not read. ${TO_EXPORT} (a Graphite render query as JSON is read)` },
  // Graphite render API with format=csv (`path,YYYY-MM-DD HH:MM:SS,value`, no header) and format=raw (`path,start,end,step|v,v,…`)
  {
    line: new RegExp(String.raw`^[^,\s"]+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,(?:${NUM})?\s*$`),
    all: true,
    message: 'a Graphite render answer in CSV (`render?format=csv`: path, time, value rows), which ObsReady does not read; query the render API with `format=json`, whose answer is read',
  },
  {
    line: new RegExp(String.raw`^.+,\d{9,10},\d{9,10},\d+\|(?:${NUM}|None)?(?:,(?:${NUM}|None))*\s*$`),
    message: 'a Graphite render answer in raw format (`render?format=raw`: path,start,end,step|values), which ObsReady does not read; query the render API with `format=json`, whose answer is read',
  },
  { line: STATSD, message: `StatsD (DogStatsD) datagrams, which ObsReady does not read: they are not a time series yet. ${TO_EXPORT} from what aggregates them (the StatsD server, the Datadog agent, the Collector's statsd receiver)` },
  // OpenTSDB telnet `put metric timestamp value tag=value…`
  { line: new RegExp(String.raw`^put\s+\S+\s+\d{9,13}\s+${NUM}(?:\s+[^\s=]+=\S+)+\s*$`), message: `OpenTSDB put lines, which ObsReady does not read. ${TO_EXPORT} (an OpenTSDB /api/query answer as JSON is read)` },
  {
    line: { test: (l) => WAVEFRONT.exec(l)?.[1]?.match(/\s(?:source|host)=/) != null },
    message: `Wavefront (Tanzu Observability) data format (name value timestamp source=…), which ObsReady does not read. ${TO_EXPORT} (the Collector's wavefront receiver turns them into OTLP)`,
  },
  { line: MINT, message: `Dynatrace metric ingestion lines (key,dimensions gauge|count payload timestamp), which ObsReady does not read. ${TO_EXPORT}` },
  {
    line: PROMTOOL,
    message: 'the output of `promtool query` (series => value @[time]), which ObsReady does not read; run it with `-o json` (its result is the Prometheus API answer\'s data, which is read) or query the Prometheus HTTP API (/api/v1/query_range) for JSON',
  },
  // The AWS CLI's `--output text`: tab-separated rows named by the list they come from; a scalar
  // (the Label, a NextToken) is a line of its own
  {
    line: /^(?:DATAPOINTS|METRICDATARESULTS|TIMESTAMPS|VALUES|MESSAGES)\t[^\t]*(?:\t[^\t]*)*$/,
    skip: /^[^\s]+$/,
    message: `CloudWatch metrics as the AWS CLI prints them with \`--output text\`, which ObsReady does not read. ${AWS_OUTPUT_JSON}`,
  },
];

/**
 * The AWS CLI's `--output table` (a line of dashes, the operation's name boxed, `|`/`+` rows) and
 * `--output yaml` of a CloudWatch metric query.
 */
function awsCliDocument(lines: readonly string[]): string | undefined {
  if (lines.length >= 3 && /^-{8,}$/.test(lines[0]!) && /^\|\s+[A-Z][A-Za-z]+\s+\|$/.test(lines[1]!) && lines.slice(1).every((l) => /^[|+].*[|+]$/.test(l))) {
    const op = /^\|\s+([A-Za-z]+)\s+\|$/.exec(lines[1]!)![1]!;
    if (op === 'GetMetricStatistics' || op === 'GetMetricData') return `CloudWatch metrics as the AWS CLI prints them with \`--output table\`, which ObsReady does not read. ${AWS_OUTPUT_JSON}`;
    return `the AWS CLI's \`--output table\` (${op}), which ObsReady does not read; run the command again with \`--output json\``;
  }
  // YAML: top-level keys only of the answer (its lists and their items are indented or `- `)
  const top = lines.filter((l) => !/^(?:\s|- |-$|---)/.test(l));
  const keys = top.map((l) => /^([A-Za-z]+):(?:\s|$)/.exec(l)?.[1]);
  if (keys.length > 0 && keys.every((k) => k !== undefined && ['Label', 'Datapoints', 'MetricDataResults', 'Messages', 'NextToken'].includes(k)) && keys.some((k) => k === 'Datapoints' || k === 'MetricDataResults')) {
    return `CloudWatch metrics as the AWS CLI prints them with \`--output yaml\`, which ObsReady does not read. ${AWS_OUTPUT_JSON}`;
  }
  return undefined;
}

/** A time cell of a headerless metrics CSV: an epoch (s, with a fraction; ms, µs, ns) or an ISO 8601 date and time. */
const CSV_TIME_CELL = /^(?:\d{10}(?:\.\d{1,9})?|\d{13}|\d{16}|\d{19}|\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)$/;
const CSV_NUMBER_CELL = new RegExp(String.raw`^${PROM_NUM}$`);

/**
 * Comma-separated rows of metric samples without a header line, as VictoriaMetrics'
 * /api/v1/export/csv writes them (`up,1,1700000000`: its columns are only named by the query's
 * `format=`): every row has the same number of cells (at least two), one column but the first
 * holds a time (an epoch or an ISO 8601 date and time) in every row, another a number in every row, and no cell
 * but a time has a space or a quote (labels and names, not a log's text). Which column is the
 * name, a label or the value cannot be told from rows, so nothing is guessed.
 */
function headerlessMetricsCsv(lines: readonly string[]): string | undefined {
  const rows = lines.map((l) => l.split(','));
  const width = rows[0]!.length;
  if (width < 2 || !rows.every((r) => r.length === width)) return undefined;
  const columns = Array.from({ length: width }, (_v, i) => rows.map((r) => r[i]!));
  // (rows that begin with their time are a log's lines in CSV, read as text lines as before)
  const time = columns.findIndex((c) => c.every((v) => CSV_TIME_CELL.test(v)));
  if (time <= 0) return undefined;
  if (!columns.some((c, i) => i !== time && c.every((v) => CSV_NUMBER_CELL.test(v)))) return undefined;
  if (!columns.every((c, i) => i === time || c.every((v) => v.length <= 256 && !/[\s"]/.test(v)))) return undefined;
  return (
    'a CSV of metric samples without a header line (rows such as `up,1,1700000000`, as VictoriaMetrics\' /api/v1/export/csv writes them, its columns named only by the query\'s `format=`): ' +
    'which column is the metric name, a label, the value or the time cannot be told from the rows, so they are not read. Add a header line naming the columns and analyse the file again: ' +
    'the query\'s format list as it is (for example `__name__,__value__,__timestamp__:unix_s`, or `__name__,job,instance,__value__,__timestamp__:rfc3339`) is read as one; ' +
    "or export the series as JSON lines (VictoriaMetrics' /api/v1/export), which is read"
  );
}

/**
 * Telemetry text in a format no importer reads, named with what to export instead: when at least
 * 90 % of the head's first 100 non-blank, non-comment lines (and at least one) are a line format's
 * (lines its producer writes beside them not counted), or the head is an AWS CLI document.
 */
export function foreignMetricText(input: SniffInput): string | undefined {
  const all = input.text.replace(/^\uFEFF/, '').split('\n');
  if (!input.complete && all.length > 1) all.pop();
  const lines: string[] = [];
  for (const raw of all) {
    // (a coloured copy, `ls --color=always`, is read as its text)
    const l = stripAnsi(raw).replace(/\r$/, '');
    if (l.trim() === '' || l.startsWith('#')) continue;
    if (lines.push(l) >= 100) break;
  }
  if (lines.length === 0) return undefined;
  // (a list of values that goes on past the head is decided by its reader, see value-list-guard.ts)
  const list = valueListHead(input);
  if (list !== undefined) return list === 'whole' ? VALUE_LIST_MESSAGE : undefined;
  // sysstat's text reports (sar, iostat, mpstat) open with `Linux <release> (<host>)  <date>  _<arch>_  (<n> CPU)`
  if (SYSSTAT_BANNER.test(lines[0]!)) {
    return "a sysstat text report (sar, iostat or mpstat: columns aligned under a header per block), which ObsReady does not read; export the collected data with `sadf -d` (a semicolon CSV, read as a metrics CSV)";
  }
  const promtool = promtoolOutput(lines) ?? metricToolDocument(lines);
  if (promtool !== undefined) return promtool;
  for (const f of [...METRIC_LINE_FORMATS, ...TOOL_LINE_FORMATS]) {
    if (f.needs && !lines.some((l) => f.needs!.test(l))) continue;
    let counted = 0;
    let hits = 0;
    for (const l of lines) {
      if (l.length > 65536) {
        counted++;
        continue;
      }
      if (f.line.test(l)) {
        hits++;
        counted++;
      } else if (!f.skip?.test(l)) counted++;
    }
    if (hits > 0 && hits >= counted * (f.all ? 1 : 0.9)) return f.message;
  }
  return awsCliDocument(lines) ?? headerlessMetricsCsv(lines);
}
