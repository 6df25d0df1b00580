// Noise: does the signal stand out? Repetitive or churning log templates, DEBUG floods, error
// levels used for non-errors, span explosions, unbounded names and labels, and metric series
// whose shape would make a threshold alert useless (flat, jittery, gappy, resetting, flapping).
import { isProductionEnvironment } from '../profile/severity.js';
import { MAX_INTERNAL_PER_TRACE, MAX_SHORT_PER_TRACE, traceSampleNote } from '../profile/trace-store.js';
import type { AnalyzedSeries, ServiceView } from './context.js';
import { pct, round4, ruleFromServices, shareRule } from './rule-helpers.js';
import type { RuleDefinition, RuleOutcome } from './rule.js';
import type { Impact, RuleDescriptor } from './types.js';
import { DistinctSketch } from '../profile/sketch.js';
import type { ExampleRecord } from '../profile/examples.js';
import { isCreatedMember, isStructuralLabel, metricFamilies, metricLabel, NAMES_SAMPLE_WHY, namesSample, storeSeriesTotal, storedSeries, type MetricProfileState } from '../profile/metric-profile.js';
import { sampleNote, type SampleInfo } from '../profile/sample-note.js';
import { SERIES_CAP } from '../profile/series-store.js';
import type { SeriesStats } from '../profile/series-stats.js';
import { CANNOT_TELL_OPENING } from './verdict.js';
import { isAlertStateSeries } from '../profile/prometheus-generated.js';

type SeriesRuleSpec = Omit<RuleDescriptor, 'dimension' | 'signal'> & {
  /** null = this series cannot be judged; true = it fails. */
  fails: (s: SeriesStats, a: AnalyzedSeries) => boolean | null;
  maxShare: number;
  minSeries?: number;
  what: string;
  note: (s: SeriesStats) => string;
};

/**
 * Why the points of a service cannot form time series (a break, not a short recording): most points
 * lack timestamps, or series average fewer than 1.5 points (a label that changes on every point).
 * Undefined when the data could form series (then too-short data is simply not applicable).
 */
export function unseriesable(svc: ServiceView): string | undefined {
  const m = svc.state.metrics;
  if (!m || m.points < 100) return undefined;
  const ts = m.checks['metric.timestamp'];
  if (ts && ts.failing > 0.5 * ts.examined) return `${ts.failing} of ${ts.examined} metric points have no timestamp`;
  const series = seriesCount(svc);
  if (series > 0 && m.points / series < 1.5) return `${m.points} points fall into ${series} series (${(m.points / series).toFixed(2)} points per series)`;
  return undefined;
}

/** The distinct series a service's metric points fall into (label sets per name, NaN points included). */
function seriesCount(svc: ServiceView): number {
  const m = svc.state.metrics;
  let series = 0;
  if (m) for (const name of Object.keys(m.names)) series += DistinctSketch.from(m.names[name]!.series, 256).count();
  return series;
}

/**
 * Whether a service's points, NaN ones included, run in time series of more than one point each on
 * average: an instant answer (a query's vector, one scrape) has no series shape to judge, NaN or not.
 */
function formsSeries(svc: ServiceView): boolean {
  const m = svc.state.metrics;
  if (!m) return false;
  const series = seriesCount(svc);
  return series > 0 && m.points / series >= 1.5;
}

/** Why the series-shape rules ran on a sample. */
const SERIES_SAMPLE_WHY = `past ${SERIES_CAP} series over all services the series-shape checks run on series sampled by a hash of their key`;

/**
 * The sample the series-shape rules read of a service: its series the store kept of how many it
 * has (timestamped points with a value); undefined when every one was kept.
 */
export function seriesSample(svc: ServiceView): SampleInfo | undefined {
  const size = svc.series.length;
  const t = storeSeriesTotal(svc.state.metrics);
  if (t === undefined || size === 0 || t.total <= size) return undefined;
  return { unit: 'metric series', size, total: t.total, ...(t.approximate ? { estimated: true as const } : {}), share: size / t.total };
}

function seriesRule(spec: SeriesRuleSpec): RuleDefinition {
  const { fails, maxShare, minSeries = 1, what, note, ...desc } = spec;
  return ruleFromServices({
    ...desc,
    dimension: 'noise',
    signal: 'metrics',
    perService: (svc) => {
      // Points whose value is NaN or ±Inf (a query's 0/0, a failed computation): no series shape
      // can be read from them. Most of a service's points so: the rule cannot tell, never a pass
      // on what little is left (scoring.md §1) — where they run in series at all: a single point or an
      // instant answer of NaN has no series shape to judge, as the same with values has none.
      const nonFinite = svc.state.metrics?.checks['metric.value.finite'];
      const bad = nonFinite?.failing ?? 0;
      if (nonFinite && bad > 0 && 2 * bad > nonFinite.examined && formsSeries(svc)) {
        return { service: svc.name, passed: false, value: null, threshold: maxShare, message: `${CANNOT_TELL_OPENING}${bad} of ${nonFinite.examined} metric points have the value NaN or ±Inf (${pct(bad / nonFinite.examined)}), which no series shape can be read from; counted as not passing.`, examined: nonFinite.examined, failing: bad, examples: nonFinite.examples.map((e) => ({ ...e })), confidence: 'low', unit: 'metric points', inconclusive: true };
      }
      const leftOut = bad > 0 ? `; ${bad} of ${nonFinite!.examined} points are NaN or ±Inf, left out` : '';
      let examined = 0;
      let failing = 0;
      const examples = [];
      // (an alert's state series, `ALERTS`, is Prometheus' output, not a measurement of the service)
      const series = svc.series.filter((a) => !isAlertStateSeries(a.sample.name));
      for (const a of series) {
        const f = fails(a.stats, a);
        if (f === null) continue;
        examined++;
        if (f) {
          failing++;
          if (examples.length < 5) examples.push({ ...a.sample.example, note: note(a.stats) });
        }
      }
      if (examined < minSeries) {
        const why = unseriesable(svc);
        if (!why) return undefined;
        // the evidence: points without a timestamp, or series of a single point
        const untimed = svc.state.metrics?.checks['metric.timestamp'];
        const evidence = untimed && untimed.failing > 0.5 * untimed.examined ? untimed.examples : svc.series.filter((a) => a.sample.times.length <= 1).slice(0, 5).map((a) => ({ ...a.sample.example, note: `the only point of its series` }));
        return { service: svc.name, passed: false, value: null, threshold: maxShare, message: `${CANNOT_TELL_OPENING}${why}, so no series is long enough to judge; counted as not passing.`, examined: svc.records.points, failing: svc.records.points, examples: evidence, confidence: 'low', unit: 'metric points', inconclusive: true };
      }
      const share = failing / examined;
      const passed = share <= maxShare + 1e-12;
      const sample = seriesSample(svc);
      const sampled = sample !== undefined ? 'sampled ' : '';
      const unjudged = series.length > examined ? `; the other ${series.length - examined} ${sampled}series are too short to judge` : '';
      return { service: svc.name, passed, value: round4(share), threshold: maxShare, message: `${failing} of ${examined} ${sampled}series ${what} (${pct(share)}; ${pct(maxShare)} allowed${unjudged}${leftOut})${sampleNote(sample, SERIES_SAMPLE_WHY)}.`, examined, failing, examples, unit: 'metric series', ...(sample ? { sample } : {}) };
    },
  });
}

function traceRule(id: string, impact: Impact, kind: 'internal' | 'short'): RuleDefinition {
  const limit = kind === 'internal' ? MAX_INTERNAL_PER_TRACE : MAX_SHORT_PER_TRACE;
  const what = kind === 'internal' ? 'INTERNAL spans' : 'spans shorter than 5 ms';
  return ruleFromServices({
    id,
    dimension: 'noise',
    signal: 'traces',
    impact,
    title: kind === 'internal' ? 'No INTERNAL-span explosions' : 'No sub-5 ms span explosions',
    passes: `at most 1 % of the traces a service takes part in contain more than ${limit} of its ${what}`,
    threshold: `≤ 1 % of traces with > ${limit} ${what}`,
    rationale: kind === 'internal' ? 'Dozens of INTERNAL spans per request (loops, ORM calls traced one by one) bury the spans that matter and cost storage.' : 'Many very short spans per trace are instrumentation overhead, not signal; they hide the slow hop a decision engine looks for.',
    remediation: kind === 'internal' ? 'Disable noisy instrumentations (`OTEL_INSTRUMENTATION_<NAME>_ENABLED=false`), trace the loop not each iteration, or drop them in the Collector with the `filter` processor (`span.kind == SPAN_KIND_INTERNAL and …`).' : 'Suppress low-value spans (e.g. `OTEL_INSTRUMENTATION_COMMON_EXPERIMENTAL_SUPPRESS_*`, fs/dns instrumentations off) or drop them with the Collector `filter` processor on duration.',
    perService: (svc) => {
      const t = svc.trace;
      if (!t || t.traces === 0) return undefined;
      const bad = kind === 'internal' ? t.internalExplosions : t.shortExplosions;
      const share = bad / t.traces;
      const passed = share <= 0.01;
      const max = kind === 'internal' ? t.maxInternalPerTrace : t.maxShortPerTrace;
      return { service: svc.name, passed, value: round4(share), threshold: 0.01, message: `${bad} of ${t.traces} traces have more than ${limit} ${what} of this service (max ${max} in one trace)${traceSampleNote(t)}.`, examined: t.traces, failing: bad, examples: (kind === 'internal' ? t.explosionExamples : t.shortExamples).map((e) => ({ ...e })), unit: 'traces', ...(t.sample ? { sample: { ...t.sample } } : {}) };
    },
  });
}

/** A metric type as a message names it. */
const TYPE_WORDS: Record<string, string> = {
  counter: 'a counter',
  gauge: 'a gauge',
  histogram: 'a histogram',
  'exponential-histogram': 'an exponential histogram',
  summary: 'a summary',
  info: 'an info metric',
  stateset: 'a stateset',
  gaugehistogram: 'a gauge histogram',
};

/**
 * How N-MET-SERIES counted a metric's `n` series when they are more than its label sets (a classic
 * histogram's buckets, `_sum` and `_count`, a summary's quantiles, `_sum` and `_count`, each a
 * series), so the figure is not read as label sets (`signals.metrics.series`): ` stored series (12
 * label sets × 18 series of a classic histogram: its buckets, sum and count)`; '' when each label
 * set is one series. The label sets are those of the family's `_count` (or `_sum`, `_gcount`), or
 * of its one sample name.
 */
function seriesBasis(m: MetricProfileState, family: string, members: string[], n: number): string {
  // A name declared with several types (a histogram in one export, a gauge in another): its series
  // are of each, counted together; no single type's shape describes them. (A gauge on a suffix
  // sample is how 0.0.4 text declares a part of its family — client_python's `x_created`, a gauge
  // histogram's `x_gcount` —, no other type of the name.)
  const types = [...new Set(members.flatMap((x) => m.names[x]!.types.filter((t) => t !== 'unknown' && (t !== 'gauge' || x === family))))].sort();
  if (types.length > 1) {
    const names = types.map((t) => TYPE_WORDS[t] ?? `a ${t}`);
    const list = names.length === 2 ? `both as ${names[0]} and as ${names[1]}` : `as ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return ` series (${family} is declared ${list}: its series of each type are counted together)`;
  }
  let labelSets: number | undefined;
  for (const suffix of ['_count', '_sum', '_gcount', '_gsum']) {
    if (members.includes(family + suffix)) {
      labelSets = storedSeries(m.names[family + suffix]!).labelSets;
      break;
    }
  }
  if (labelSets === undefined && members.length === 1) labelSets = storedSeries(m.names[members[0]!]!).labelSets;
  if (labelSets === undefined) {
    let own = 0;
    for (const x of members) if (!isCreatedMember(family, x)) own += storedSeries(m.names[x]!).labelSets;
    return own < n ? ' stored series' : '';
  }
  if (labelSets >= n || labelSets === 0) return '';
  const summary = members.some((x) => m.names[x]!.types.includes('summary') || m.names[x]!.shape === 'quantile');
  const histogram = members.some((x) => x.endsWith('_bucket') || (m.names[x]!.fanout !== undefined && m.names[x]!.bounds.length > 0));
  const kind = histogram === summary ? 'a histogram or summary: buckets or quantiles, sum and count' : histogram ? 'a classic histogram: its buckets, sum and count' : 'a summary: its quantiles, sum and count';
  const sets = `${labelSets} label set${labelSets === 1 ? '' : 's'}`;
  return n % labelSets === 0 ? ` stored series (${sets} × ${n / labelSets} series of ${kind})` : ` stored series (${sets}, each the series of ${kind})`;
}

/**
 * Distinct values per label key per metric; a label is unbounded when almost every point of a metric
 * seen over time has a new value. A metric of several sample names (a Prometheus histogram's
 * `_bucket`, `_sum`, `_count`) has each label once: unbounded when it is on any of them (each judged
 * on its own points, as the values repeat across them); `le` and `quantile` are how the metric is
 * written (metric-profile.ts isStructuralLabel), not labels of it.
 */
function labelCardinality(svc: ServiceView): RuleOutcome | undefined {
  const m = svc.state.metrics;
  if (!m) return undefined;
  let examined = 0;
  let failing = 0;
  let worst = 0;
  let worstApprox = false;
  const examples = [];
  for (const fam of metricFamilies(m, true)) {
    const keys = new Map<string, { distinct: number; points: number; failed: boolean; example: ExampleRecord | undefined }>();
    for (const member of fam.members) {
      const st = m.names[member]!;
      const overTime = st.firstNs !== undefined && st.lastNs !== undefined && st.firstNs !== st.lastNs;
      for (const key of Object.keys(st.labels)) {
        if (isStructuralLabel(fam.name, member, st, key)) continue;
        // (past its exact size the sketch estimates: never more values than points)
        const sketch = DistinctSketch.from(st.labels[key]!);
        const distinct = Math.min(sketch.count(), st.points);
        if (distinct > worst) {
          worst = distinct;
          worstApprox = sketch.approximate;
        }
        const unbounded = overTime && st.points >= 10 && distinct >= 0.9 * st.points;
        const k = keys.get(key) ?? { distinct: 0, points: 0, failed: false, example: undefined };
        if (distinct > 1000 || unbounded) {
          if (!k.failed || distinct > k.distinct) Object.assign(k, { distinct, points: st.points, example: st.examples[0] });
          k.failed = true;
        } else if (!k.failed && distinct > k.distinct) Object.assign(k, { distinct, points: st.points });
        keys.set(key, k);
      }
    }
    for (const [key, k] of [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      examined++;
      if (!k.failed) continue;
      failing++;
      if (k.example && examples.length < 5) examples.push({ ...k.example, note: `${metricLabel(fam.name)}: label "${key}" has ${k.distinct} distinct values over ${k.points} points` });
    }
  }
  if (examined === 0) return undefined;
  const passed = failing === 0;
  const sample = namesSample(m);
  return { service: svc.name, passed, value: failing, threshold: 0, message: (passed ? `All ${examined} metric labels are bounded (largest: ${worstApprox ? 'about ' : ''}${worst} distinct values)` : `${failing} of ${examined} metric labels are unbounded (a new value on ≥ 90 % of points over time, or > 1000 values)`) + `${sampleNote(sample, NAMES_SAMPLE_WHY)}.`, examined, failing, examples, unit: 'metric labels', ...(sample ? { sample } : {}) };
}

export const NOISE_RULES: RuleDefinition[] = [
  ruleFromServices({
    id: 'N-LOG-TOP-TEMPLATE',
    dimension: 'noise',
    signal: 'logs',
    impact: 'normal',
    title: 'No single log template floods the stream',
    passes: 'the most frequent log template accounts for at most 50 % of a service\'s lines (with at least 100 lines)',
    threshold: '≤ 50 % of lines',
    rationale: 'When one message is half of the volume (health checks, per-request chatter), everything else is a needle in a haystack.',
    remediation: 'Lower that statement to DEBUG or sample it (logback `DuplicateMessageFilter`, pino `level`), or drop it in the Collector with the `filter` processor (`log_record: [\'IsMatch(body, "…")\']`).',
    perService: (svc) => {
      const t = svc.templates;
      if (!t || t.lines < 100) return undefined;
      const passed = t.topShare <= 0.5;
      return { service: svc.name, passed, value: round4(t.topShare), threshold: 0.5, message: `The top template covers ${pct(t.topShare)} of ${t.lines} lines: "${t.topTemplate.slice(0, 120)}".`, examined: t.lines, failing: Math.round(t.topShare * t.lines), examples: t.examples.top };
    },
  }),
  ruleFromServices({
    id: 'N-LOG-TEMPLATE-CHURN',
    dimension: 'noise',
    signal: 'logs',
    impact: 'low',
    title: 'Log templates are stable over time',
    passes: 'at most 50 % of templates (with at least 10 dated templates) appear for the first time in the second half of the time range',
    threshold: '≤ 50 % new in the second half',
    rationale: 'A steady system repeats a stable set of messages; templates that keep appearing mean variables leak into messages, so baselines never settle.',
    remediation: 'Move variable parts (ids, sizes, paths) out of the message into fields; structured logging makes this automatic.',
    perService: (svc) => {
      const t = svc.templates;
      if (!t || t.lateShare === null) return undefined;
      const passed = t.lateShare <= 0.5;
      return { service: svc.name, passed, value: round4(t.lateShare), threshold: 0.5, message: `${pct(t.lateShare)} of ${t.datedTemplates} templates first appear in the second half of the time range.`, examined: t.datedTemplates, failing: Math.round(t.lateShare * t.datedTemplates), examples: t.examples.late, unit: 'templates' };
    },
  }),
  shareRule({
    id: 'N-LOG-DEBUG',
    dimension: 'noise',
    signal: 'logs',
    impact: 'important',
    title: 'DEBUG/TRACE logs are not shipped from production',
    passes: 'at most 10 % of severity-bearing log records are DEBUG or TRACE (services whose `deployment.environment.name` is a non-production environment are not judged)',
    threshold: '≤ 10 % DEBUG/TRACE',
    rationale: 'Debug floods multiply volume and bury the records that describe a failure.',
    remediation: 'Set the production log level to INFO (logback `<root level="INFO">`, pino `level: "info"`, `LOG_LEVEL=info`); drop DEBUG in the Collector with the `filter` processor (`severity_number < SEVERITY_NUMBER_INFO`).',
    check: (s) => {
      const envs = s.state.resource.environments;
      // Known non-production environments are allowed to debug; unknown counts as production.
      if (envs.length > 0 && !envs.some((e) => isProductionEnvironment(e))) return undefined;
      return s.state.logs?.checks['log.debug'];
    },
    maxFailShare: 0.1,
    failingWhat: 'log records are DEBUG/TRACE',
  }),
  ruleFromServices({
    id: 'N-LOG-ERROR-CALM',
    dimension: 'noise',
    signal: 'logs',
    impact: 'important',
    title: 'ERROR level is not used in calm periods',
    passes: 'outside detected error bursts, at most 5 % of severity-bearing log records are ERROR or above (with at least 100 dated records)',
    threshold: '≤ 5 % ERROR+ when calm',
    rationale: 'If errors are logged all the time, an error-rate alert fires constantly or is tuned to ignore real failures.',
    remediation: 'Log expected conditions (client errors, retries that succeed, validation failures) at WARN or INFO; reserve ERROR for failures someone must act on.',
    perService: (svc) => {
      const c = svc.calm;
      if (!c || c.calmRecords < 100) return undefined;
      const passed = c.errorShareCalm <= 0.05;
      const errCheck = svc.state.logs?.checks['log.error'];
      return {
        service: svc.name,
        passed,
        value: round4(c.errorShareCalm),
        threshold: 0.05,
        message: `${c.calmErrors} of ${c.calmRecords} records outside ${c.incidentBuckets} error-burst window(s) are ERROR+ (${pct(c.errorShareCalm)}).`,
        examined: c.calmRecords,
        failing: c.calmErrors,
        examples: passed ? [] : (errCheck?.examples ?? []).map((e) => ({ ...e })),
      };
    },
  }),
  traceRule('N-SPAN-INTERNAL', 'normal', 'internal'),
  traceRule('N-SPAN-SHORT', 'normal', 'short'),
  ruleFromServices({
    id: 'N-SPAN-NAMES',
    dimension: 'noise',
    signal: 'traces',
    impact: 'important',
    title: 'Span names are low-cardinality',
    passes: 'a service has at most 200 distinct span names and at most 1 % of its spans have an id-like token (number ≥ 4 digits, hex ≥ 16, UUID, e-mail) in the name',
    threshold: '≤ 200 names, ≤ 1 % id-like',
    rationale: 'Span names with ids make every request its own operation: no baseline, no per-operation SLO, no anomaly detection.',
    remediation: 'Name spans by route template (`GET /users/{id}`), not by URL; set `http.route`; rewrite names in the Collector with the `transform` processor (`replace_pattern(name, "/[0-9]+", "/{id}")`) or `spanmetrics` dimensions.',
    perService: (svc) => {
      const sp = svc.state.spans;
      if (!sp || sp.spans === 0) return undefined;
      const distinct = DistinctSketch.from(sp.names, 512).count();
      const id = sp.checks['span.name-id'];
      const idShare = id ? id.failing / id.examined : 0;
      const passed = distinct <= 200 && idShare <= 0.01;
      return { service: svc.name, passed, value: distinct, threshold: 200, message: `${distinct} distinct span names over ${sp.spans} spans; ${pct(idShare)} of spans have an id-like token in the name.`, examined: sp.spans, failing: id?.failing ?? 0, examples: (id?.examples ?? []).map((e) => ({ ...e })) };
    },
  }),
  ruleFromServices({
    id: 'N-MET-SERIES',
    dimension: 'noise',
    signal: 'metrics',
    impact: 'important',
    title: 'Series per metric name stay bounded',
    passes: 'no metric name has more than 200 series, counted as a Prometheus-like store keeps them whatever the format: label sets, a classic histogram\'s label sets × (buckets + 2) (`_bucket` per bucket with `+Inf`, `_sum`, `_count`), a summary\'s × (quantiles + 2), an exponential or native histogram one series per label set (a store keeps it as one native histogram); a `_created` sample is the metric\'s creation time, not a series; when the stored series are more than the label sets the message says both',
    threshold: '≤ 200 series per name',
    rationale: 'Promlint guidance: keep a metric under 10 series, investigate over 100; thousands of series per name cost money and make per-series alerting noise.',
    remediation: 'Drop high-cardinality labels at the source (OpenTelemetry Views `attribute_keys` allow-list) or in the Collector (`attributes` processor `action: delete`, `transform` `delete_key`); the SDK caps at 2000 attribute sets per metric.',
    perService: (svc) => {
      const m = svc.state.metrics;
      if (!m || Object.keys(m.names).length === 0) return undefined;
      let worst = 0;
      let worstName = '';
      let worstApprox = false;
      let worstBasis = '';
      let failing = 0;
      const examples = [];
      // A metric of several sample names has the series of all of them, as Prometheus stores it: a
      // classic histogram its label sets × (buckets + 2) (`_bucket`, `_sum`, `_count`); an OTLP
      // histogram the same (storedSeries); an exponential or native histogram one series per label
      // set. Its `_created` is a timestamp of it, as an OTLP start time.
      const families = metricFamilies(m, true);
      for (const fam of families) {
        let n = 0;
        let approx = false;
        for (const x of fam.members) {
          if (isCreatedMember(fam.name, x)) continue;
          const stored = storedSeries(m.names[x]!);
          n += stored.series;
          approx ||= stored.approximate;
        }
        const name = fam.members.length > 1 || fam.members[0] !== fam.name ? `${fam.name} (${fam.members.join(', ')})` : metricLabel(fam.name);
        if (n > worst) {
          worst = n;
          worstName = name;
          worstApprox = approx;
          worstBasis = seriesBasis(m, fam.name, fam.members, n);
        }
        if (n > 200) {
          failing++;
          const ex = fam.examples[0];
          if (ex && examples.length < 5) examples.push({ ...ex, note: `${name}: ${n} series` });
        }
      }
      const examined = families.length;
      const sample = namesSample(m);
      return { service: svc.name, passed: failing === 0, value: worst, threshold: 200, message: `${failing} of ${examined} metric names exceed 200 series; the largest is ${worstName} with ${worstApprox ? 'about ' : ''}${worst}${worstBasis}${sampleNote(sample, NAMES_SAMPLE_WHY)}.`, examined, failing, examples, unit: 'metric names', ...(sample ? { sample } : {}) };
    },
  }),
  ruleFromServices({
    id: 'N-MET-LABEL-CARDINALITY',
    dimension: 'noise',
    signal: 'metrics',
    impact: 'important',
    title: 'Metric labels have bounded values',
    passes: 'no label of a metric takes a new value on ≥ 90 % of its points over time (≥ 10 points) and none has more than 1000 distinct values',
    threshold: '0 unbounded labels',
    rationale: 'A label carrying request ids, timestamps or user ids creates a new series per point: nothing to baseline, nothing to alert on.',
    remediation: 'Remove the label (OpenTelemetry View with an attribute allow-list; Collector `attributes` processor `action: delete` or `transform` `delete_key(attributes, "…")`); put ids on exemplars or spans instead.',
    perService: (svc) => labelCardinality(svc),
  }),
  seriesRule({
    id: 'N-MET-FLAT',
    impact: 'low',
    title: 'Series are not flat-lined',
    passes: 'at most 50 % of sampled series (≥ 10 values; rates for counters) are constant',
    threshold: '≤ 50 % flat',
    rationale: 'A flat series (a counter that never moves, a gauge stuck at one value) carries no information; many of them suggest dead instrumentation.',
    remediation: 'Remove unused instruments or stop exporting idle series (Collector `filter` processor on the metric name); check that counters are incremented on the code path that matters.',
    fails: (s) => s.flat,
    maxShare: 0.5,
    what: 'are flat',
    note: (s) => `constant over ${s.derived} values`,
  }),
  seriesRule({
    id: 'N-MET-JITTER',
    impact: 'normal',
    title: 'Series are not jittery',
    passes: 'at most 20 % of sampled series (≥ 20 values) are jittery: coefficient of variation > 0.25 with lag-1 autocorrelation < 0.2',
    threshold: '≤ 20 % jittery',
    rationale: 'Point-to-point noise without persistence makes any static threshold either fire randomly or miss real shifts.',
    remediation: 'Aggregate over a longer interval (export interval `OTEL_METRIC_EXPORT_INTERVAL`, PromQL `rate()` over ≥ 4 scrapes), use histograms instead of last-value gauges for latencies.',
    fails: (s) => s.jittery,
    maxShare: 0.2,
    what: 'are jittery',
    note: (s) => `CV ${s.cv === null ? '–' : s.cv.toFixed(2)}, lag-1 autocorrelation ${s.lag1 === null ? '–' : s.lag1.toFixed(2)}`,
  }),
  seriesRule({
    id: 'N-MET-GAPS',
    impact: 'normal',
    title: 'Series have no gaps',
    passes: 'at most 10 % of sampled series (≥ 3 points) have an interval longer than twice their median interval',
    threshold: '≤ 10 % with gaps',
    rationale: 'Gaps look like outages to an alert (absent data) or hide real ones.',
    remediation: 'Check scrape targets and timeouts (`scrape_timeout` < `scrape_interval`), exporter queue/retry (`sending_queue`, `retry_on_failure`) and `memory_limiter` drops in the Collector.',
    fails: (s) => (s.medianIntervalMs === null ? null : s.gaps > 0),
    maxShare: 0.1,
    what: 'have gaps',
    note: (s) => `${s.gaps} gap(s), median interval ${s.medianIntervalMs} ms`,
  }),
  seriesRule({
    id: 'N-MET-SCRAPE-REGULARITY',
    impact: 'low',
    title: 'Scrape/export intervals are regular',
    passes: 'at most 10 % of sampled series (≥ 3 points) have a coefficient of variation of their (gap-free) intervals above 0.2',
    threshold: '≤ 10 % irregular',
    rationale: 'Rates and windows assume a steady interval; irregular collection biases every rate a decision engine computes.',
    remediation: 'Use one fixed `scrape_interval`/`OTEL_METRIC_EXPORT_INTERVAL` per job; avoid push-on-event gauges for periodic measurements.',
    fails: (s) => (s.intervalCv === null ? null : s.intervalCv > 0.2),
    maxShare: 0.1,
    what: 'have irregular intervals',
    note: (s) => `interval CV ${s.intervalCv === null ? '–' : s.intervalCv.toFixed(2)}`,
  }),
  seriesRule({
    id: 'N-MET-COUNTER-RESETS',
    impact: 'low',
    title: 'Counters rarely reset',
    passes: 'at most 10 % of sampled cumulative counter series (≥ 2 points) decrease at some point',
    threshold: '≤ 10 % with resets',
    rationale: 'Each reset is a process restart or a broken counter; frequent resets make rates spike and flap.',
    remediation: 'Find the restarting process (crash loops, OOM kills); keep `start_time_unix_nano` stable; use the Collector `cumulativetodelta` processor carefully around restarts.',
    fails: (s, a) => (a.sample.shape !== 'counter' || s.points < 2 ? null : s.resets > 0),
    maxShare: 0.1,
    what: 'reset',
    note: (s) => `${s.resets} reset(s)`,
  }),
  seriesRule({
    id: 'N-MET-FLAPPING',
    impact: 'important',
    title: 'A threshold alert on the series would not flap',
    passes: 'at most 5 % of sampled series (≥ 41 values) flap: a mean ± 3σ alert over the trailing 20 values, run through the Nagios flap detector (21 states, weights 0.8→1.2), exceeds 20 % state change',
    threshold: '≤ 5 % flapping',
    rationale: 'A series on which the simplest statistical alert flaps will page humans or trigger remediations repeatedly; Level 3 needs signals that change state for a reason.',
    remediation: 'Smooth the series before alerting (longer `rate()` windows, histograms over gauges), add hysteresis (`for:` durations, keep_firing_for) and fix the source of oscillation (retry storms, GC cycles, polling artefacts).',
    fails: (s) => s.flapping,
    maxShare: 0.05,
    what: 'would flap',
    note: (s) => `max weighted state change ${s.flapPercentMax === null ? '–' : s.flapPercentMax.toFixed(1)} %`,
  }),
];
