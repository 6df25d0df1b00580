// Outputs of metrics tools that hold no time series ObsReady reads, or none at all, named with
// what to export instead (they would be read as message-only log lines, or as a Prometheus text
// of nonsense): Graphite's whisper command-line tools, the InfluxDB 1.x CLI's column output,
// Munin's plugin and node outputs, Nagios/Icinga plugin output and performance data files,
// Netdata's allmetrics shell export and its data API's html/ssv/JSONP answers, collectd's
// unixsock GETVAL answer, sysstat's `sadf -dh` of several devices. (mtools30 probe: each seen from the real tool.)

const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const TO_EXPORT = 'Export them as Prometheus text, OpenTelemetry (OTLP JSON) or CSV';
const GRAPHITE_JSON = 'query the Graphite render API with `format=json` (/render?target=…&format=json), whose answer is read';

export interface ToolLineFormat {
  line: { test(line: string): boolean };
  skip?: RegExp;
  all?: true;
  /** At least one line of the head must match it (the format is told by that line). */
  needs?: RegExp;
  message: string;
}

/** Munin's plugin config (`graph_title …`, `<field>.label …`): the graph's and fields' attributes. */
const MUNIN_CONFIG = /^(?:graph_[a-z_]+|(?:[A-Za-z_][\w]*)\.(?:label|type|draw|min|max|info|warning|critical|cdef|colour|graph|negative|line|stack|sum|update_rate|extinfo|unknown_limit|oldname|printf))(?: .*)?$/;

export const TOOL_LINE_FORMATS: readonly ToolLineFormat[] = [
  // munin-run <plugin> (and a munin-node `fetch`): `<field>.value <number|U>`; a node's session
  // adds its banner, the `list` answer and `.` after each fetch
  {
    line: new RegExp(String.raw`^[A-Za-z_][\w]*\.value (?:(?:\d{9,10}:)?${NUM}|U)\s*$`),
    skip: new RegExp(`^(?:\\.|${MUNIN_CONFIG.source.slice(1, -1)})\\s*$`),
    message: `Munin plugin values (\`munin-run\` or a munin-node fetch: \`<field>.value <number>\` lines, without times), which ObsReady does not read. ${TO_EXPORT} (munin's data lives in RRD files; \`rrdtool xport\` of them is named too)`,
  },
  {
    line: MUNIN_CONFIG,
    all: true,
    needs: /^graph_title /,
    message: 'a Munin plugin config (`munin-run <plugin> config`: graph and field attributes), which holds no values and is not read. ' + TO_EXPORT,
  },
  // whisper-fetch (default: `epoch<TAB>value|None`; --pretty: the time as ctime)
  {
    line: new RegExp(String.raw`^(?:\d{9,10}|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})\t(?:${NUM}|None)\s*$`),
    all: true,
    message: `the output of \`whisper-fetch\` (one whisper file's times and values, its metric named only by the file), which ObsReady does not read; ${GRAPHITE_JSON}`,
  },
  // Nagios / Icinga plugin output: `<SERVICE> <STATE> - <text>|<label>=<value>[uom];warn;crit;min;max …`
  {
    line: new RegExp(String.raw`^[A-Z][A-Za-z0-9_ .-]{0,40}?:? (?:OK|WARNING|CRITICAL|UNKNOWN)\b[^|]*\|\s*(?:'[^']+'|[^\s=|]+)=${NUM}[^\s|]*(?:\s+(?:'[^']+'|[^\s=|]+)=${NUM}[^\s|]*)*\s*$`),
    message: 'Nagios/Icinga plugin output (a status line with performance data after `|`), which holds no time and is not read. Have Nagios or Icinga write the performance data to a time-series store and export that as Prometheus text or CSV (Icinga 2 can also send it to an OpenTelemetry Collector or InfluxDB)',
  },
  // a Nagios/Icinga performance data file: `[SERVICEPERFDATA]\t<time>\t…` (Nagios' default template),
  // `DATATYPE::SERVICEPERFDATA\tTIMET::…` (PNP4Nagios' template, Icinga 2's PerfdataWriter)
  {
    line: /^(?:\[(?:SERVICE|HOST)PERFDATA\]\t\d{9,10}\t|DATATYPE::(?:SERVICE|HOST)PERFDATA\t)/,
    message: 'a Nagios/Icinga performance data file (one check result a line, its perfdata as `label=value;warn;crit;min;max`), which ObsReady does not read. Export the performance data from where it is graphed (Graphite, InfluxDB, PNP4Nagios RRDs) as Prometheus text, CSV or a Graphite render query as JSON',
  },
  // Netdata's /api/v1/allmetrics?format=shell: `NETDATA_<CHART>_<DIMENSION>="value"      # units`
  {
    line: /^NETDATA_[A-Z0-9_]+="[^"]*"(?:\s+#.*)?$/,
    message: 'Netdata metrics in its shell format (/api/v1/allmetrics?format=shell: `NETDATA_…="value"` variables, no times), which ObsReady does not read; fetch them as Prometheus text (/api/v1/allmetrics?format=prometheus), which is read',
  },
  // collectd's unixsock GETVAL answer: `N Value(s) found`, then `<ds>=<value>`
  {
    line: new RegExp(String.raw`^[\w.\-]+=(?:${NUM}|-?nan)\s*$`),
    skip: /^-?\d+ Values? found\s*$/,
    needs: /^\d+ Values? found\s*$/,
    message: `collectd's unixsock GETVAL answer (\`N Values found\`, then \`<ds>=<value>\`: values without names or times), which ObsReady does not read. ${TO_EXPORT} (collectd's csv plugin writes CSV files, which are read, and write_prometheus serves Prometheus text)`,
  },
  // an HTML table (Netdata's /api/v1/data?format=html, a page saved from a dashboard)
  {
    line: /^<tr>(?:<t[dh][^>]*>[^<]*<\/t[dh]>)+<\/tr>\s*$/,
    skip: /^<\/?(?:html|head|body|center|table|thead|tbody|div)(?:\s[^>]*)?>\s*$/,
    message: 'an HTML table (as Netdata\'s /api/v1/data?format=html answers), which ObsReady does not read; fetch the data as CSV (Netdata: format=csv, read as a metrics CSV) or Prometheus text (/api/v1/allmetrics?format=prometheus)',
  },
  // numbers alone on a line, separated by blanks (Netdata's format=ssv reduces a chart to one value per row, without its time)
  {
    line: new RegExp(String.raw`^${NUM}(?:[ \t]+${NUM})+\s*$`),
    all: true,
    message: 'numbers without names or times (as Netdata\'s /api/v1/data?format=ssv answers), which are not read; fetch the data as CSV (Netdata: format=csv, read as a metrics CSV) or Prometheus text (/api/v1/allmetrics?format=prometheus)',
  },
];

/** Documents of metrics tools told by their shape (`lines`: the head's non-blank, non-comment lines), or undefined. */
export function metricToolDocument(lines: readonly string[]): string | undefined {
  const first = lines[0]!;
  // whisper-dump: `Meta data:` and `Archive N info:` blocks, then `Archive N data:` with `i: time, value` rows
  if (first === 'Meta data:' && lines.some((l) => /^Archive \d+ (?:info|data):$/.test(l))) {
    return `the output of \`whisper-dump\` (a whisper file's header and every slot of its archives, its metric named only by the file), which ObsReady does not read; ${GRAPHITE_JSON}`;
  }
  // whisper-info: `aggregationMethod: …`, `xFilesFactor: …`, `Archive N` blocks
  if (/^(?:aggregationMethod|maxRetention|xFilesFactor|fileSize): /.test(first) && lines.some((l) => /^xFilesFactor: /.test(l)) && lines.some((l) => /^Archive \d+$/.test(l))) {
    return `the output of \`whisper-info\` (a whisper file's retention settings), which holds no values and is not read; ${GRAPHITE_JSON}`;
  }
  // influx -format column (the InfluxDB 1.x CLI's default): `name: <measurement>`, `tags: …` with
  // GROUP BY, a header, a line of dashes under it, aligned rows
  const dashes = /^tags: /.test(lines[1] ?? '') ? 3 : 2;
  if (/^name: \S+$/.test(first) && /^-{2,}(?: +-{2,})*\s*$/.test(lines[dashes] ?? '')) {
    return 'a table printed by the InfluxDB 1.x CLI (`influx -format column`: `name: <measurement>`, a header, dashes, aligned rows), which ObsReady does not read; run the query with `-format csv` or `-format json` (both are read)';
  }
  // JSONP: Netdata's data answer wrapped in a callback (`callback({"labels": …`)
  if (/^[A-Za-z_$][\w$.]*\(\s*\{\s*(?:"labels"\s*:|$)/.test(first) && lines.slice(0, 3).some((l) => /"labels"\s*:\s*\[\s*"time"/.test(l))) {
    return 'a Netdata data answer wrapped in a JSONP callback (/api/v1/data?format=jsonp: labels and rows of values), which ObsReady does not read; fetch the metrics as Prometheus text (/api/v1/allmetrics?format=prometheus) or the chart as CSV (format=csv), both read';
  }
  return undefined;
}

/**
 * metricToolDocument of the head (its first 100 non-blank lines that are not `#` comments): these
 * shapes are whole documents no format's lines make, so they are told before any importer's
 * sniffer (whisper-info's `name: value` lines are Prometheus samples by their grammar).
 */
export function metricToolText(text: string, complete: boolean): string | undefined {
  const all = text.replace(/^\uFEFF/, '').split('\n', 400);
  // sysstat's `sadf -dh` of an activity with several devices: all of them on one row, the header
  // naming the first device's columns and ending `[...]`: rows of no fixed width, not a table
  if (/^# hostname;interval;timestamp;.*\[\.\.\.\]\r?$/.test(all[0] ?? '')) {
    return "sysstat's `sadf -dh` output of several devices (every device on one row, the header ending `[...]`), which is not one table and is not read; export it with `sadf -d` (without -h: a row per device, read as a metrics CSV)";
  }
  if (!complete && all.length > 1) all.pop();
  const lines: string[] = [];
  for (const raw of all) {
    const l = raw.replace(/\r$/, '');
    if (l.trim() === '' || l.startsWith('#')) continue;
    if (lines.push(l) >= 100) break;
  }
  return lines.length === 0 ? undefined : metricToolDocument(lines);
}

/** `s` as a msgpack string (fixstr: one byte 0xa0 + length, then the bytes). */
function msgpackStr(s: string): number[] {
  return [0xa0 + s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
}

function includesBytes(head: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= head.length; i++) {
    for (let j = 0; j < needle.length; j++) if (head[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const ASCII = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/**
 * Graphite's binary render answers, named (else only "binary"): `format=pickle` (a Python pickle,
 * protocol 2 or later: 0x80 and the protocol, series as dicts with `pathExpression`) and
 * `format=msgpack` (an array of maps with `name`, `step` and `values`).
 */
export function binaryMetricMessage(head: Uint8Array): string | undefined {
  const window = head.subarray(0, 4096);
  if (window[0] === 0x80 && window[1]! >= 2 && window[1]! <= 5 && includesBytes(window, ASCII('pathExpression'))) {
    return `a Python pickle of metric series (Graphite's render API with \`format=pickle\`), which ObsReady does not read; ${GRAPHITE_JSON}`;
  }
  const array = (window[0]! & 0xf0) === 0x90 || window[0] === 0xdc || window[0] === 0xdd;
  if (array && includesBytes(window, msgpackStr('name')) && includesBytes(window, msgpackStr('step')) && includesBytes(window, msgpackStr('values'))) {
    return `metric series in MessagePack (Graphite's render API with \`format=msgpack\`), which ObsReady does not read; ${GRAPHITE_JSON}`;
  }
  return undefined;
}
