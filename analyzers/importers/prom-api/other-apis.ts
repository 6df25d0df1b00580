// Metric query APIs other than Prometheus's that answer with series and their points, read by the
// same importer (they have the same role: a query result saved to a file).
//
// Graphite's render API (`/render?format=json`, also what Grafana's Graphite data source fetches):
//   [{"target":"servers.web01.cpu.user","tags":{"name":…},"datapoints":[[12.5,1700000000],[null,…]]}]
//   — [value, unix seconds] pairs; null is Graphite's "no data in this interval", not a sample.
//   The target is the metric name; tags (Graphite 1.1 tagged series) are its labels, less `name`,
//   which names a tagged series whose target is its tagged path (`cpu;dc=eu;host=web02`).
// Amazon CloudWatch, as the AWS CLI saves it:
//   get-metric-data:       {"MetricDataResults":[{"Id":"m1","Label":"CPUUtilization",
//                           "Timestamps":["2023-11-14T22:15:00+00:00",…],"Values":[12.3,…],
//                           "StatusCode":"Complete"}],"Messages":[]}
//     — Timestamps and Values pair by position; the Label names the metric, the Id is a label.
//   get-metric-statistics: {"Label":"CPUUtilization","Datapoints":[{"Timestamp":"…",
//                           "Average":12.3,"Maximum":…,"Unit":"Percent"}]}
//     — one point per statistic, with a `statistic` label; Unit becomes the point's unit.
// InfluxDB 1.x's query API (InfluxQL, `/query`, what Grafana and scripts save):
//   {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time",
//   "usage_user",…],"values":[["2023-11-14T22:13:20Z",12.5,…],…]}]}]}
//   — one point per numeric cell, named <measurement>_<field> (as the InfluxDB CSV reader names
//   them), the tags as labels (and the row's string cells: `SELECT *` returns tags as columns);
//   null is no value; a result's `error` is reported.
// OpenTSDB's /api/query: [{"metric":"sys.cpu.user","tags":{…},"dps":{"<unix s or ms>":v,…}}]
//   (`dps` is an array of [t, v] pairs with arrays=true).
import { apiSecondsToNs, parseLogTimestamp } from '../common/time.js';
import type { ImportErrorCode } from '../types.js';
import { setOwn } from '../../model/own-key.js';
import { show } from '../common/json-decoder.js';

export interface ApiPointSink {
  point(name: string, labels: Record<string, string>, timeNs: bigint, value: number, offset: number, line: number, unit?: string): void;
  report(code: ImportErrorCode, message: string, line: number | undefined, offset: number | undefined, rejected: boolean | number): void;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An element of a top-level array that is a Graphite render series. */
export function isGraphiteSeries(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && 'datapoints' in v && ('target' in v || 'tags' in v);
}

/** A series' tags as labels: string and number values, less `skip`. */
function tagLabels(tags: unknown, skip?: string): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isPlainObject(tags)) for (const [k, v] of Object.entries(tags)) if (k !== skip && (typeof v === 'string' || typeof v === 'number')) setOwn(labels, k, String(v));
  return labels;
}

/** An RFC 3339 time with its zone (these APIs always write one: a time without is not theirs, and is not guessed). */
function zonedTime(t: string): bigint | undefined {
  const p = parseLogTimestamp(t);
  return p && !p.withoutZone ? p.ns : undefined;
}

function finiteNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function readGraphiteSeries(s: Record<string, unknown>, offset: number, line: number, sink: ApiPointSink): void {
  const labels = tagLabels(s['tags'], 'name');
  const tagName = isPlainObject(s['tags']) && typeof s['tags']['name'] === 'string' ? s['tags']['name'] : undefined;
  // A tagged series' target is its path with the tags (`cpu;dc=eu;host=web02`): its name is the tags' `name`.
  const target = typeof s['target'] === 'string' ? s['target'] : undefined;
  const name = target === undefined || (tagName !== undefined && target.startsWith(tagName + ';')) ? (tagName ?? '') : target;
  const points = s['datapoints'];
  if (!Array.isArray(points)) {
    sink.report('wrong-type', 'a Graphite series\' "datapoints" must be an array of [value, seconds] pairs', line, offset, true);
    return;
  }
  for (const pair of points) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      sink.report('wrong-type', 'a Graphite datapoint must be a [value, seconds] pair', line, offset, true);
      continue;
    }
    if (pair[0] === null) continue; // no data in this interval
    const value = finiteNumber(pair[0]);
    const seconds = finiteNumber(pair[1]);
    if (seconds === undefined) {
      sink.report('invalid-timestamp', `datapoint time ${show(pair[1])} is not unix seconds`, line, offset, true);
      continue;
    }
    if (value === undefined) {
      sink.report('invalid-number', `datapoint value ${JSON.stringify(pair[0])} is not a number`, line, offset, true);
      continue;
    }
    const timeNs = apiSecondsToNs(seconds);
    if (timeNs === undefined) {
      sink.report('invalid-timestamp', `datapoint time ${show(pair[1])} is not unix seconds`, line, offset, true);
      continue;
    }
    sink.point(name, labels, timeNs, value, offset, line);
  }
}

/** CloudWatch unit names → UCUM-style units as OpenTelemetry writes them ('None' is no unit). */
const CLOUDWATCH_UNITS: Readonly<Record<string, string>> = {
  Seconds: 's',
  Microseconds: 'us',
  Milliseconds: 'ms',
  Bytes: 'By',
  Kilobytes: 'kBy',
  Megabytes: 'MBy',
  Gigabytes: 'GBy',
  Terabytes: 'TBy',
  Bits: 'bit',
  Kilobits: 'kbit',
  Megabits: 'Mbit',
  Gigabits: 'Gbit',
  Terabits: 'Tbit',
  Percent: '%',
  Count: '1',
  'Bytes/Second': 'By/s',
  'Kilobytes/Second': 'kBy/s',
  'Megabytes/Second': 'MBy/s',
  'Gigabytes/Second': 'GBy/s',
  'Terabytes/Second': 'TBy/s',
  'Bits/Second': 'bit/s',
  'Kilobits/Second': 'kbit/s',
  'Megabits/Second': 'Mbit/s',
  'Gigabits/Second': 'Gbit/s',
  'Terabits/Second': 'Tbit/s',
  'Count/Second': '1/s',
};

function cloudWatchUnit(u: unknown): string | undefined {
  return typeof u === 'string' ? CLOUDWATCH_UNITS[u] : undefined;
}

function cloudWatchTime(t: unknown): bigint | undefined {
  if (typeof t === 'string') return zonedTime(t); // CloudWatch writes `+00:00` or `Z`
  if (typeof t === 'number') return apiSecondsToNs(t); // epoch seconds (boto3 JSON dumps)
  return undefined;
}

/** One element of get-metric-data's MetricDataResults. */
export function readCloudWatchResult(r: Record<string, unknown>, offset: number, line: number, sink: ApiPointSink): void {
  const name = typeof r['Label'] === 'string' && r['Label'] !== '' ? r['Label'] : typeof r['Id'] === 'string' ? r['Id'] : '';
  const labels: Record<string, string> = {};
  if (typeof r['Id'] === 'string') labels['id'] = r['Id'];
  const times = r['Timestamps'];
  const values = r['Values'];
  if (!Array.isArray(times) || !Array.isArray(values)) {
    sink.report('missing-field', `CloudWatch result ${JSON.stringify(name)} without "Timestamps" and "Values" arrays`, line, offset, true);
    return;
  }
  if (times.length !== values.length) {
    const lost = Math.abs(times.length - values.length);
    sink.report('invalid-record', `CloudWatch result ${JSON.stringify(name)}: ${times.length} timestamps for ${values.length} values; the ${lost} without a pair are not read`, line, offset, lost);
  }
  const n = Math.min(times.length, values.length);
  for (let i = 0; i < n; i++) {
    const timeNs = cloudWatchTime(times[i]);
    if (timeNs === undefined) {
      sink.report('invalid-timestamp', `CloudWatch timestamp ${JSON.stringify(times[i])} is not a time (RFC 3339 with a zone, or Unix seconds)`, line, offset, true);
      continue;
    }
    const value = finiteNumber(values[i]);
    if (value === undefined) {
      sink.report('invalid-number', `CloudWatch value ${JSON.stringify(values[i])} is not a number`, line, offset, true);
      continue;
    }
    sink.point(name, labels, timeNs, value, offset, line);
  }
  if (r['StatusCode'] === 'PartialData' || r['StatusCode'] === 'Forbidden' || r['StatusCode'] === 'InternalError') {
    sink.report('invalid-record', `CloudWatch result ${JSON.stringify(name)} has StatusCode ${r['StatusCode']}: its data is incomplete`, line, offset, false);
  }
  // A result's own messages (`ArithmeticError`: datapoints dropped for a NaN or an infinity)
  const messages = r['Messages'];
  if (Array.isArray(messages) && messages.length > 0) {
    const text = messages.map((m) => (isPlainObject(m) && typeof m['Value'] === 'string' ? `${String(m['Code'] ?? '')}: ${m['Value']}` : JSON.stringify(m))).join('; ');
    sink.report('invalid-record', `CloudWatch result ${JSON.stringify(name)} came with messages (its data may be incomplete): ${text.slice(0, 500)}`, line, offset, false);
  }
}

const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/** One element of get-metric-statistics' Datapoints; `label` names the metric. */
export function readCloudWatchDatapoint(label: string, d: unknown, offset: number, line: number, sink: ApiPointSink): void {
  if (!isPlainObject(d)) {
    sink.report('wrong-type', 'a CloudWatch datapoint must be an object', line, offset, true);
    return;
  }
  const timeNs = cloudWatchTime(d['Timestamp']);
  if (timeNs === undefined) {
    sink.report('invalid-timestamp', `CloudWatch datapoint Timestamp ${JSON.stringify(d['Timestamp'])} is not a time (RFC 3339 with a zone, or Unix seconds)`, line, offset, true);
    return;
  }
  const unit = cloudWatchUnit(d['Unit']);
  let any = false;
  const emit = (statistic: string, v: unknown): void => {
    const value = finiteNumber(v);
    if (value === undefined) {
      sink.report('invalid-number', `CloudWatch ${statistic} ${JSON.stringify(v)} is not a number`, line, offset, true);
      return;
    }
    any = true;
    // SampleCount counts samples: its unit is not the metric's
    sink.point(label, { statistic }, timeNs, value, offset, line, statistic === 'SampleCount' ? '1' : unit);
  };
  for (const s of STATISTICS) if (s in d) emit(s, d[s]);
  if (isPlainObject(d['ExtendedStatistics'])) for (const [s, v] of Object.entries(d['ExtendedStatistics'])) emit(s, v);
  if (!any && !STATISTICS.some((s) => s in d)) sink.report('missing-field', 'CloudWatch datapoint without a statistic (Average, Sum, Minimum, Maximum, SampleCount or ExtendedStatistics)', line, offset, true);
}

/** An element of a top-level array that is an OpenTSDB query result. */
export function isOpenTsdbSeries(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && typeof v['metric'] === 'string' && 'dps' in v;
}

/** OpenTSDB times are unix seconds, or ms (13 digits) with msResolution. */
function openTsdbTime(t: unknown): bigint | undefined {
  const n = finiteNumber(t);
  if (n === undefined || n < 0) return undefined;
  return n >= 1e11 ? BigInt(Math.round(n)) * 1_000_000n : apiSecondsToNs(n);
}

export function readOpenTsdbSeries(s: Record<string, unknown>, offset: number, line: number, sink: ApiPointSink): void {
  const labels = tagLabels(s['tags']);
  const name = s['metric'] as string;
  const dps = s['dps'];
  const pairs: [unknown, unknown][] = Array.isArray(dps) ? (dps as unknown[]).map((p) => (Array.isArray(p) && p.length === 2 ? [p[0], p[1]] : [undefined, undefined])) : isPlainObject(dps) ? Object.entries(dps) : [];
  if (!Array.isArray(dps) && !isPlainObject(dps)) {
    sink.report('wrong-type', 'an OpenTSDB result\'s "dps" must map times to values', line, offset, true);
    return;
  }
  for (const [t, v] of pairs) {
    if (v === null) continue;
    const timeNs = openTsdbTime(t);
    if (timeNs === undefined) {
      sink.report('invalid-timestamp', `OpenTSDB data point time ${show(t)} is not unix seconds or ms`, line, offset, true);
      continue;
    }
    const value = finiteNumber(v);
    if (value === undefined) {
      sink.report('invalid-number', `OpenTSDB data point value ${JSON.stringify(v)} is not a number`, line, offset, true);
      continue;
    }
    sink.point(name, labels, timeNs, value, offset, line);
  }
}

function influxTime(t: unknown): bigint | undefined {
  if (typeof t === 'string') return zonedTime(t);
  // epoch=ns|u|ms|s: a number; its size tells the unit (ns since 2001 has 19 digits)
  if (typeof t === 'number' && Number.isFinite(t) && t >= 0) {
    if (t >= 1e17) return BigInt(Math.round(t));
    if (t >= 1e14) return BigInt(Math.round(t)) * 1_000n;
    if (t >= 1e11) return BigInt(Math.round(t)) * 1_000_000n;
    return apiSecondsToNs(t);
  }
  return undefined;
}

/** One element of an InfluxQL response's `results`: its series, or its error. */
export function readInfluxResult(r: Record<string, unknown>, offset: number, line: number, sink: ApiPointSink): void {
  if (typeof r['error'] === 'string') sink.report('invalid-record', `InfluxDB query error (statement ${String(r['statement_id'] ?? '?')}): ${r['error'].slice(0, 300)}`, line, offset, false);
  const series = r['series'];
  if (series === undefined) return;
  if (!Array.isArray(series)) {
    sink.report('wrong-type', 'an InfluxDB result\'s "series" must be an array', line, offset, true);
    return;
  }
  for (const s of series) {
    if (!isPlainObject(s) || !Array.isArray(s['columns']) || !Array.isArray(s['values'])) {
      sink.report('missing-field', 'InfluxDB series without "columns" and "values" arrays', line, offset, true);
      continue;
    }
    const measurement = typeof s['name'] === 'string' ? s['name'] : '';
    const labels = tagLabels(s['tags']);
    const columns = (s['columns'] as unknown[]).map((c) => String(c));
    const timeAt = columns.indexOf('time');
    if (timeAt < 0) {
      // (what SHOW MEASUREMENTS, SHOW TAG KEYS, SHOW SERIES… answer: names, no samples to reject)
      sink.report('unsupported', `InfluxDB series ${JSON.stringify(measurement)} without a "time" column (columns ${JSON.stringify(columns.slice(0, 5)).slice(0, 120)}): a SHOW query's answer, names without samples; query the series with SELECT … FROM <measurement>`, line, offset, false);
      continue;
    }
    const names = columns.map((c) => (measurement === '' ? c : `${measurement}_${c}`));
    /** Rows with text but no number: nothing measured. */
    let textOnly = 0;
    for (const row of s['values'] as unknown[]) {
      if (!Array.isArray(row)) {
        sink.report('wrong-type', 'an InfluxDB row must be an array of column values', line, offset, true);
        continue;
      }
      const timeNs = influxTime(row[timeAt]);
      if (timeNs === undefined) {
        sink.report('invalid-timestamp', `InfluxDB time ${JSON.stringify(row[timeAt])} is neither RFC 3339 with zone nor an epoch`, line, offset, row.filter((v, i) => i !== timeAt && v !== null).length);
        continue;
      }
      // A string cell is a tag (`SELECT *` without GROUP BY returns the tags as columns) or a
      // string field: a label of the row's points, as a text column of a metrics CSV is.
      let rowLabels = labels;
      for (let i = 0; i < row.length && i < columns.length; i++) {
        if (i !== timeAt && typeof row[i] === 'string') {
          if (rowLabels === labels) rowLabels = { ...labels };
          setOwn(rowLabels, columns[i]!, row[i] as string);
        }
      }
      let numbers = 0;
      for (let i = 0; i < row.length && i < columns.length; i++) {
        if (i === timeAt || row[i] === null) continue;
        const v = row[i];
        const value = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : undefined;
        if (value === undefined) continue;
        numbers++;
        sink.point(names[i]!, rowLabels, timeNs, value, offset, line);
      }
      if (numbers === 0 && rowLabels !== labels) textOnly++;
    }
    if (textOnly > 0) sink.report('invalid-number', `${textOnly} row${textOnly === 1 ? '' : 's'} of InfluxDB series ${JSON.stringify(measurement)} ${textOnly === 1 ? 'holds' : 'hold'} text only (tags or string fields, no number): no metric samples`, line, offset, textOnly);
  }
}
