// Content sniffing for the text expositions. Both dialects share almost all syntax, so the
// sniffer scores "is this an exposition at all" once and then weighs the evidence that tells the
// dialects apart: what one of them requires or forbids, so that reading the input as the other
// would report errors that are not there.
// - OpenMetrics only: `# EOF`; the types info, stateset, gaugehistogram and unknown; exemplars;
//   fractional (seconds) timestamps; a counter family `x` whose samples are `x_total`; an
//   `x_created` sample of a counter, histogram or summary family (0.0.4 text declares it as a
//   gauge of its own); escapes 0.0.4 rejects (`\z` in a label value, `\"` in HELP).
// - 0.0.4 only: a complete input without `# EOF`; `untyped`; a counter family named `…_total`,
//   or whose samples are named as the family (no `_total`); blank lines and leading blanks;
//   whitespace or commas OpenMetrics does not allow in a sample; millisecond timestamps; a
//   `# UNIT` whose unit is not the name's suffix (OpenMetrics 1.0 requires it to be).
// `# UNIT` itself is no evidence: the OpenTelemetry Prometheus exporters write it in 0.0.4 text.
// When nothing tells them apart (a large input whose `# EOF` lies past the sniffed head, with
// gauges and histograms only), the input is read as 0.0.4: the OpenMetrics reading would report
// a missing `# EOF` if there is none, the 0.0.4 reading takes an OpenMetrics `# EOF` as a comment.
import type { SniffInput } from '../types.js';
import { parseOpenMetricsSample, parsePrometheusSample, unescapeHelp } from './parse-line.js';
import { parseSampleValue } from './numbers.js';

export interface ExpositionSniff {
  /** 0..1: how sure we are that this is a text exposition of either dialect. */
  exposition: number;
  omHints: number;
  promHints: number;
}

/** Lines of the head the sniffer weighs (exported: the 0.0.4 reader hands over to OpenMetrics only past them, see decoder.ts). */
export const MAX_LINES = 400;
/** Family types whose OpenMetrics samples include `x_created`. */
const CREATED_OF = new Set(['counter', 'histogram', 'summary']);
/** `# EOF`, or a complete input without it: what the two dialects differ in most surely (one line outweighs a few doubtful ones). */
const EOF_WEIGHT = 10;
/** `name{label=…` (any name-ish token) or `{label=…`: the shape of a sample line, even a broken one. */
const NEAR_SAMPLE_RE = /^(?:[^\s{}#"=]+\{|\{[ \t]*"?[a-zA-Z_])[^}]*=/;
/** A line that opens a JSON object (`{"key":`, `[{"key":`): never a near sample, whatever `=` its strings hold (a quoted name in a sample is followed by `,` or `}`, never `:`). */
const JSON_OBJECT_RE = /^(?:\[[ \t]*)*\{[ \t]*"(?:[^"\\]|\\.)*"[ \t]*:/;
const NEAR_META_RE = /^#[ \t]*(?:HELP|TYPE|UNIT)(?:[ \t]|$)/;
/** `metric_name value [timestamp]` whose value or timestamp does not parse (`up 0x1F`, `x 1_000`). */
const NAME_VALUE_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?[ \t]+\S+(?:[ \t]+\S+)?[ \t]*$/;
/** A HELP, TYPE or UNIT line; the name may be quoted (`# TYPE "my.counter" counter`, UTF-8 names). */
const META_RE = /^#[ \t]*(HELP|TYPE|UNIT)[ \t]+([a-zA-Z_:][a-zA-Z0-9_:]*|"(?:[^"\\\n]|\\.)*")(?:[ \t]+(.*))?$/;

export function sniffExposition(input: SniffInput): ExpositionSniff {
  const result: ExpositionSniff = { exposition: 0, omHints: 0, promHints: 0 };
  const lines = input.text.split('\n');
  if (!input.complete && lines.length > 1) lines.pop(); // may be cut mid-line
  else if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // (after the final newline: no blank line)
  // A whole input whose last line has no newline was cut (the text format ends every line with one):
  // that line, if it is no sample, is no evidence against the lines before it (its importer reports it).
  const cutLast = input.complete && lines.length > 1 && !input.text.endsWith('\n') ? lines.length - 1 : -1;
  let at = -1;
  let good = 0;
  let bad = 0;
  let samples = 0;
  let meta = 0;
  let seen = 0;
  // Lines that have the shape of an exposition without following its grammar: an input made of
  // them is a broken exposition (its importer reports each bad line), not a plain-text log.
  let near = 0;
  /** Bad lines of the `name value` shape: broken samples only where most lines are good ones. */
  let nameValue = 0;
  let eof = false;
  let datedSamples = 0;
  /** Samples that look like a metric's, not a word and a number: labels, or a snake_case name. */
  let metricLike = 0;
  /** Family name → the type its `# TYPE` line declares. */
  const types = new Map<string, string>();
  for (let raw of lines) {
    at++;
    if (seen >= MAX_LINES) break;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1); // a byte order mark where two files were joined (see decoder onLine)
    if (raw.trim() === '') {
      if (seen > 0) result.promHints++;
      continue;
    }
    seen++;
    if (raw[0] === ' ' || raw[0] === '\t') {
      result.promHints++;
      raw = raw.replace(/^[ \t]+/, '');
    }
    if (raw.startsWith('#')) {
      if (raw === '# EOF') {
        result.omHints += EOF_WEIGHT;
        good++;
        eof = true;
        continue;
      }
      const m = META_RE.exec(raw);
      if (!m) {
        if (NEAR_META_RE.test(raw)) near++; // `# TYPE met-ric`: a broken metadata line
        continue; // a free comment: neutral
      }
      meta++;
      good++;
      const arg = (m[3] ?? '').trim();
      const name = m[2]!.startsWith('"') ? m[2]!.slice(1, -1) : m[2]!;
      // (the OpenTelemetry exporters write `# UNIT` in 0.0.4 text: only a unit OpenMetrics 1.0 forbids tells)
      if (m[1] === 'UNIT' && arg !== '' && !name.endsWith('_' + arg)) result.promHints++;
      if (m[1] === 'HELP' && unescapeHelp(arg, 'prometheus') === undefined && unescapeHelp(arg, 'openmetrics') !== undefined) result.omHints++;
      if (m[1] === 'TYPE') {
        if (!types.has(name)) types.set(name, arg);
        if (arg === 'untyped') result.promHints++;
        if (arg === 'info' || arg === 'stateset' || arg === 'gaugehistogram' || arg === 'unknown') result.omHints++;
        if (arg === 'counter' && name.endsWith('_total')) result.promHints++;
      }
      continue;
    }
    let parsed = parsePrometheusSample(raw);
    const om = parseOpenMetricsSample(raw);
    if (!parsed.ok) {
      // OpenMetrics keeps unknown escapes (`\z`) that 0.0.4 rejects
      if (om.ok) {
        parsed = om;
        result.omHints++;
      }
    } else if (!om.ok) result.promHints++; // blanks, tabs or a trailing comma OpenMetrics does not allow
    if (!parsed.ok || (parsed.sample.histogramText === undefined && parseSampleValue(parsed.sample.valueText) === undefined)) {
      if (at === cutLast) continue;
      bad++;
      if (NEAR_SAMPLE_RE.test(raw) && !JSON_OBJECT_RE.test(raw)) near++;
      else if (NAME_VALUE_RE.test(raw)) nameValue++;
      continue;
    }
    const s = parsed.sample;
    if (s.timestampText !== undefined && !/^-?\d+$/.test(s.timestampText)) {
      if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s.timestampText)) result.omHints++;
      else {
        bad++;
        continue;
      }
    } else if (s.timestampText !== undefined && s.timestampText.replace('-', '').length >= 12) {
      result.promHints++;
      // a millisecond epoch between 2001 and 2100: a sample's own time, which no log line has after `name value`
      const ms = Number(s.timestampText);
      if (ms >= 1e12 && ms < 4.1e12) datedSamples++;
    }
    if (s.exemplar) result.omHints++;
    if (s.labels.length > 0 || /[a-zA-Z0-9][_:][a-zA-Z0-9]/.test(s.name)) metricLike++;
    // an OpenMetrics counter family `x` has samples `x_total`; a 0.0.4 counter's sample is named as its family
    if (s.name.endsWith('_total') && types.get(s.name.slice(0, -6)) === 'counter') result.omHints++;
    else if (types.get(s.name) === 'counter' && !s.name.endsWith('_total')) result.promHints++;
    // an OpenMetrics family's `x_created` sample; 0.0.4 text declares it as a family (`# TYPE x_created gauge`)
    else if (s.name.endsWith('_created') && !types.has(s.name) && CREATED_OF.has(types.get(s.name.slice(0, -8)) ?? '')) result.omHints++;
    samples++;
    good++;
  }
  // A complete input without `# EOF` is no OpenMetrics exposition (it must end with one).
  if (input.complete && !eof && good > 0) result.promHints += EOF_WEIGHT;
  const ratio = good + bad === 0 ? 0 : good / (good + bad);
  if (good === 0 || ratio < 0.8) {
    // Mostly broken, but shaped like an exposition (`# EOF`, HELP/TYPE lines, `name{label=…`
    // samples): weak evidence, still above the plain-text fallback, so the errors get reported.
    if (seen > 0 && near + good >= seen * 0.5 && (eof || near > 0)) result.exposition = 0.4;
    // Most lines good samples or metadata, the rest samples whose value does not parse: an
    // exposition with broken values (each reported), not a text log.
    else if (seen > 0 && good >= seen * 0.5 && good + near + nameValue >= seen * 0.9) result.exposition = 0.4;
    return result;
  }
  // One lone `word 1` line is weak evidence; metadata, several samples, samples with their own
  // millisecond time (`metric 1 1441205977284`, a remote-read dump's lines), or one sample of a
  // metric's shape (`job_last_run_timestamp_seconds 1700000000`, `errors{level="error"} 5`: a
  // node_exporter textfile collector's one-line file, which text-logs would take for a dated
  // line) are strong. The whole line parsed as a sample, so `started 1 worker` is none of them.
  const lone = samples === 1 && metricLike === 1;
  const strength = meta > 0 || samples >= 3 || lone || (datedSamples > 0 && datedSamples === samples) ? 1 : samples === 2 ? 0.7 : 0.4;
  result.exposition = ratio * strength;
  return result;
}

export function sniffPrometheus(input: SniffInput): number {
  const s = sniffExposition(input);
  if (s.exposition === 0) return 0;
  const w = s.promHints > s.omHints ? 0.95 : s.omHints > s.promHints ? 0.85 : 0.9;
  return w * s.exposition;
}

export function sniffOpenMetrics(input: SniffInput): number {
  const s = sniffExposition(input);
  if (s.exposition === 0) return 0;
  const w = s.omHints > s.promHints ? 0.95 : 0.85;
  return w * s.exposition;
}
