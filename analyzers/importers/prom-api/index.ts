// Prometheus HTTP API JSON responses (query / query_range and the metadata endpoints), their
// result series one a line, VictoriaMetrics /api/v1/export JSON lines, and the other metric query
// APIs whose saved answers have the same role (series with their points): Datadog, Graphite's
// render API, Amazon CloudWatch (get-metric-data, get-metric-statistics), InfluxDB 1.x (InfluxQL)
// and OpenTSDB query responses.
import type { FormatSpec, SniffInput } from '../types.js';
import { createPromApiDecoder } from './decoder.js';

const STATUS_RE = /"status"\s*:\s*"(success|error|warning)"/;
/**
 * A query response with its keys sorted (Python's `json.dump(sort_keys=True)`, `jq -S`, Go maps
 * re-encoded): `{"data": {"result": [{"metric": {…}, "values": [[…` — `resultType` and `status`
 * come after the whole result, beyond the sniff window of a large one.
 */
const SORTED_RESULT_RE = /^\{\s*"data"\s*:\s*\{\s*"result"\s*:\s*\[\s*\{\s*"metric"\s*:\s*\{/;
const SAMPLES_RE = /"(?:values|histograms)"\s*:\s*\[\s*\[|"(?:value|histogram)"\s*:\s*\[/;
const BARE_SERIES_RE = /^\{\s*"metric"\s*:\s*\{/;
const RESULT_ARRAY_RE = /^\[\s*\{\s*"metric"\s*:\s*\{/;
const DATA_ONLY_RE = /^\{\s*"(?:resultType|result)"\s*:/;
/** CloudWatch get-metric-statistics: `"Datapoints": [{"Timestamp": …, "Average": …}`, keys in any order. */
const CW_DATAPOINTS_RE = /"Datapoints"\s*:\s*\[\s*(?:\]|\{\s*"(?:Timestamp|SampleCount|Average|Sum|Minimum|Maximum|Unit|ExtendedStatistics)"\s*:)/;
/** Graphite render: `[{"target": "a.b.c", "datapoints": [[1.5, 1700000000], …` (tags may come between). */
const GRAPHITE_RE = /^\[\s*\{\s*"(?:target|tags|datapoints)"\s*:[\s\S]*"datapoints"\s*:\s*\[\s*(?:\]|\[\s*(?:null|-?[\d.]))/;
/** OpenTSDB /api/query: `[{"metric": "sys.cpu.user", "tags": {…}, …, "dps": {"1700000000": 1.5, …` (any key order). */
const OPENTSDB_RE = /^\[\s*\{(?=[\s\S]*"metric"\s*:\s*")[\s\S]*"dps"\s*:\s*[{[]/;
/** VictoriaMetrics /api/v1/export: `"values":[1,2,…]` with `"timestamps":[ms,…]`. */
const VM_SAMPLES_RE = /"timestamps"\s*:\s*\[|"values"\s*:\s*\[\s*[-\d"]/;

/**
 * `{"status":"success","data":{"resultType":…}}` is unmistakable; a status with `data` but no
 * resultType is one of the metadata endpoints (still ours, reported as holding no points).
 * The pre-2015 JSON exposition (`[{"baseLabels":…,"docstring":…}]`) is claimed weakly so it
 * is named and reported as unsupported instead of "unrecognised".
 */
export function sniffPromApi(input: SniffInput): number {
  const t = input.text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('{')) {
    // Datadog's metrics query API: `"res_type":"time_series"`, series with a `pointlist`.
    // Unmistakable, and above the JSON-lines log reader (which sees status/message keys).
    if (/"res_type"\s*:\s*"time_series"/.test(t)) return 0.97;
    if (/"series"\s*:\s*\[/.test(t) && /"pointlist"\s*:/.test(t)) return 0.97;
    // Amazon CloudWatch as the AWS CLI saves it: get-metric-data, get-metric-statistics.
    if (/^\{\s*"MetricDataResults"\s*:\s*\[/.test(t) || (/"MetricDataResults"\s*:\s*\[/.test(t) && /"(?:Timestamps|Values)"\s*:\s*\[/.test(t))) return 0.97;
    if (CW_DATAPOINTS_RE.test(t)) return 0.96;
    // InfluxDB 1.x query API (InfluxQL): `{"results":[{"statement_id":0,"series":[…`
    // (the 1.x CLI's `influx -format json` leaves statement_id out: `{"results":[{"series":[{"name":…`)
    if (/^\{\s*"results"\s*:\s*\[\s*(?:\]|\{\s*(?:"statement_id"\s*:|"series"\s*:\s*\[\s*(?:\]|\{\s*"name"\s*:)))/.test(t)) return 0.96;
    // One result series a line (`jq -c '.data.result[]'`) or a VictoriaMetrics export line; above
    // JSON Lines logs (at most 0.95), which would read each series as one log record.
    if (BARE_SERIES_RE.test(t) && (SAMPLES_RE.test(t) || VM_SAMPLES_RE.test(t))) return 0.96;
    // The response's `data` alone (`jq .data`): `{"resultType": …, "result": [ … ] }`.
    if (DATA_ONLY_RE.test(t) && /"resultType"\s*:\s*"(?:matrix|vector|scalar|string)"/.test(t)) return 0.95;
    if (!STATUS_RE.test(t)) return SORTED_RESULT_RE.test(t) && SAMPLES_RE.test(t) ? 0.9 : 0;
    if (/"resultType"\s*:\s*"streams"/.test(t)) return 0.3; // Loki log streams: a log importer should win
    if (/"resultType"\s*:/.test(t)) return 0.95;
    if (/"data"\s*:/.test(t) || /"errorType"\s*:/.test(t)) return 0.7;
    return 0.3;
  }
  if (t.startsWith('[') && /"baseLabels"\s*:/.test(t) && /"docstring"\s*:/.test(t)) return 0.5;
  // The result series alone (`jq .data.result`): `[{"metric": {…}, "values": [[t, "v"], …]}, …]`.
  if (RESULT_ARRAY_RE.test(t) && SAMPLES_RE.test(t)) return 0.95;
  // Graphite's render API (format=json): series with their [value, seconds] datapoints.
  if (GRAPHITE_RE.test(t)) return 0.95;
  // OpenTSDB /api/query: series with a metric name and their dps
  if (OPENTSDB_RE.test(t)) return 0.95;
  return 0;
}

export const promApi: FormatSpec = {
  id: 'prom-api',
  signal: 'metrics',
  label: 'Prometheus HTTP API JSON (also VictoriaMetrics export; Datadog, Graphite, CloudWatch, InfluxDB and OpenTSDB queries)',
  sniff: sniffPromApi,
  create: createPromApiDecoder,
};
