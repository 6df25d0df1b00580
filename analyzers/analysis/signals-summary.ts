// Counts per signal for the report's `signals` block: spans, traces, services, series, names.
import type { MetricPoint, SignalRecord } from '../model/index.js';
import type { SignalsSummary } from '../report/model.js';
import { nsToIso } from '../importers/common/time.js';
import type { Collector } from './collector.js';
import { pointSeries, type PointSeries } from '../profile/point-series.js';
import { isUnknownService, recordServiceOf } from '../profile/service.js';
import { DistinctCounter, keyDigest, type DistinctState } from './distinct.js';
import type { IdSetSizes } from '../profile/id-set.js';
import { LenientTraceIds, lenientJoinCount } from './trace-ids.js';
import { ServiceNames, type ServiceNamesState } from './service-names.js';
import { bucketBase, declaredMetricName, gaugeHistogramPartBase, isSiblingName, isUntyped, siblingBase, untypedShape } from '../profile/metric-family.js';

interface RangeState {
  min?: string;
  max?: string;
}

export interface SignalsSummaryState {
  spans: number;
  logs: number;
  points: number;
  traceIds: DistinctState;
  series: DistinctState;
  metricNames: DistinctState;
  /** Untyped `x` whose buckets (`x_bucket{le}`) or quantiles (`x{quantile}`) were read (metric-family.ts). */
  untypedBases: string[];
  /** Untyped `x_sum` / `x_count` names, counted at the end: as `x` when they belong to it, else as themselves. */
  untypedSiblings: string[];
  /** `x` of the counters `x_total`, histograms and summaries `x` read (a `_created` gauge of theirs is part of them). */
  createdBases?: string[];
  /** `x` of the untyped `x_total` read (an untyped `x_created` is part of that counter). */
  untypedTotalBases?: string[];
  /** Gauge or untyped `x_created` names, counted at the end: as part of `x` when it is there, else as themselves. */
  createdNames?: string[];
  /** Zipkin 64-bit trace ids (Span.lenientTraceId), at most LENIENT_ID_CAP (trace-ids.ts LenientTraceIds): the trace count joins them to their 128-bit trace. */
  lenientTraceIds?: string[];
  /** More than LENIENT_ID_CAP of them: the joined count is approximate. */
  lenientOverflow?: boolean;
  /** `x` of the histograms and gauge histograms read, declared or untyped buckets (a `_gsum`/`_gcount` gauge of theirs is part of them). */
  histogramBases?: string[];
  /** Gauge or untyped `x_gsum` / `x_gcount` names, counted at the end: as part of the histogram `x` when it is there, else as themselves. */
  gaugeHistogramParts?: string[];
  traceServices: ServiceNamesState;
  metricServices: ServiceNamesState;
  logServices: ServiceNamesState;
  ranges: { traces: RangeState; metrics: RangeState; logs: RangeState };
  /** Under detail sampling (detail.ts): the level, and the spans and trace ids examined. */
  detail?: { level: number; spans: number; traceIds: DistinctState };
}

/** Untyped names held for the end (metric-family.ts); past this, a `_sum`/`_count` counts as itself. */
const UNTYPED_CAP = 100_000;

class Range {
  min: bigint | undefined;
  max: bigint | undefined;
  add(ns: bigint | undefined): void {
    if (ns === undefined || ns === 0n) return; // (0: unset, as OTLP has it; a time before 1970 is still one)
    if (this.min === undefined || ns < this.min) this.min = ns;
    if (this.max === undefined || ns > this.max) this.max = ns;
  }
  state(): RangeState {
    return { min: this.min?.toString(), max: this.max?.toString() };
  }
  merge(s: RangeState): void {
    if (s.min !== undefined) this.add(BigInt(s.min));
    if (s.max !== undefined) this.add(BigInt(s.max));
  }
  report(): { start: string; end: string } | undefined {
    return this.min === undefined || this.max === undefined ? undefined : { start: nsToIso(this.min), end: nsToIso(this.max) };
  }
}

/** `x` whose `x_created` is part of metric `metric` of type `type`: a counter `x_total`, a histogram or summary `x`. */
function createdBase(metric: string, type: string): string | undefined {
  if (type === 'counter') return metric.endsWith('_total') ? metric.slice(0, -6) : undefined;
  if (type === 'histogram' || type === 'summary' || type === 'gaugehistogram') return metric;
  return undefined;
}

/** The last resource whose service.name named its record, and that name. */
interface ServiceMemo {
  resource: SignalRecord['resource'] | undefined;
  name: string;
}

/**
 * A record's service (as the findings and the correlation name it: service.ts recordServiceOf),
 * read once per resource while its service.name names the records (an attribute-derived name
 * depends on each record's own attributes, so it is not remembered).
 */
function serviceOf(record: SignalRecord, memo: ServiceMemo): string {
  if (record.resource === memo.resource) return memo.name;
  const named = recordServiceOf(record);
  if (named.from === undefined && !isUnknownService(named.name)) {
    memo.resource = record.resource;
    memo.name = named.name;
  } else memo.resource = undefined;
  return named.name;
}

/** What a summary collector tells another thread ahead of a merge (Collector.mergeSize). */
export interface SignalsSummaryMergeSize {
  traceIds?: IdSetSizes | undefined;
  detailTraceIds?: IdSetSizes | undefined;
  series?: IdSetSizes | undefined;
  metricNames?: IdSetSizes | undefined;
}

export class SignalsSummaryCollector implements Collector<SignalsSummaryState, SignalsSummaryMergeSize> {
  private spans = 0;
  private logs = 0;
  private points = 0;
  private readonly traceIds = new DistinctCounter(1_000_000);
  private readonly series = new DistinctCounter(500_000);
  private readonly metricNames = new DistinctCounter(100_000);
  private readonly untypedBases = new Set<string>();
  private readonly untypedSiblings = new Set<string>();
  private readonly createdBases = new Set<string>();
  private readonly createdNames = new Set<string>();
  private readonly untypedTotalBases = new Set<string>();
  private readonly histogramBases = new Set<string>();
  private readonly gaugeHistogramParts = new Set<string>();
  // (the first SERVICE_LIST_CAP names in sorted order and the count of all: service-names.ts)
  private readonly traceServices = new ServiceNames();
  private readonly lenient = new LenientTraceIds();
  private readonly metricServices = new ServiceNames();
  private readonly logServices = new ServiceNames();
  private readonly ranges = { traces: new Range(), metrics: new Range(), logs: new Range() };
  /** Under detail sampling: the spans examined and their distinct trace ids. */
  private detail: { spans: number; traceIds: DistinctCounter } | undefined;

  /** `detailLevel`: the run's detail level (detail.ts; 0: every span examined). */
  constructor(private detailLevel = 0) {
    if (detailLevel > 0) this.detail = { spans: 0, traceIds: new DistinctCounter(1_000_000) };
  }

  /** `detail`: the span is in the run's detail sample. */
  add(record: SignalRecord, _inputIndex = 0, detail = true): void {
    if (record.kind === 'span') {
      this.spans++;
      this.traceIds.add(record.traceId);
      if (detail && this.detail) {
        this.detail.spans++;
        this.detail.traceIds.add(record.traceId);
      }
      if (record.lenientTraceId === true) this.lenient.note(record.traceId);
      // the service the findings and the dependency graph file the span under (a span without a
      // service.name named by an attribute: by that attribute; none for the unknown buckets)
      const named = serviceOf(record, this.spanService);
      if (!isUnknownService(named)) this.traceServices.add(named);
      this.ranges.traces.add(record.startNs);
      this.ranges.traces.add(record.endNs);
    } else if (record.kind === 'log') {
      this.logs++;
      // (as the findings and the correlation name the record: service.ts recordServiceOf)
      const named = serviceOf(record, this.logService);
      if (!isUnknownService(named)) this.logServices.add(named);
      this.ranges.logs.add(record.timeNs);
    } else {
      this.points++;
      // (a digest of the key: the keys of 500,000 series held as strings took hundreds of MB)
      const ps = pointSeries(record);
      if (ps !== this.lastSeries) {
        this.lastSeries = ps;
        this.series.add((ps.signalsDigest ??= keyDigest(ps.signalsKey)));
      }
      // A metric counts once, not once per sample name: a Prometheus histogram's `_bucket`, `_sum` and
      // `_count` samples are one metric, as the OTLP histogram they stand for is (metric-family.ts).
      // (A computed query's series have no name.)
      if (record.name !== '') this.addMetricName(record);
      const named = ps.service.name;
      if (!isUnknownService(named)) this.metricServices.add(named);
      this.ranges.metrics.add(record.timeNs);
    }
  }

  /** The series of the last point (its points mostly come in a row: its key is digested once for them). */
  private lastSeries: PointSeries | undefined;

  // The service of spans and of log records, each read once per resource (serviceOf).
  private readonly spanService: ServiceMemo = { resource: undefined, name: '' };
  private readonly logService: ServiceMemo = { resource: undefined, name: '' };


  /**
   * Distinct traces, a Zipkin 64-bit trace id that is one trace with the one 128-bit trace of its
   * low half (lenientTraceJoin, as the trace checks read it) counted once: exact while the ids are
   * (`approximate` false), else the estimate of the spellings.
   */
  private traceCount(ids: DistinctCounter = this.traceIds): { count: number; approximate: boolean } {
    const n = ids.count();
    if (this.lenient.ids.size === 0) return { count: n, approximate: ids.approximate };
    const st = ids.state();
    if (st.exact === undefined) return { count: n, approximate: true };
    return { count: n - lenientJoinCount(st.exact, this.lenient.ids), approximate: this.lenient.overflow };
  }

  /** The last typed point's sample name and the metric it declared (a counter's `x_total` is built, not read). */
  private lastDeclared: { name: string; family: string | undefined; type: string; metric: string } | undefined;

  private addMetricName(p: MetricPoint): void {
    if (!isUntyped(p)) {
      let d = this.lastDeclared;
      if (d === undefined || d.name !== p.name || d.family !== p.family || d.type !== p.type) {
        d = { name: p.name, family: p.family, type: p.type, metric: declaredMetricName(p) };
        this.lastDeclared = d;
        const base = createdBase(d.metric, p.type);
        if (base !== undefined && this.createdBases.size < UNTYPED_CAP) this.createdBases.add(base);
        if ((p.type === 'histogram' || p.type === 'gaugehistogram') && this.histogramBases.size < UNTYPED_CAP) this.histogramBases.add(d.metric);
      }
      if (p.type === 'gauge' && d.metric === p.name && (this.holdCreated(p.name) || this.holdGaugeHistogramPart(p.name))) return;
      this.metricNames.add(d.metric);
      return;
    }
    if (this.holdCreated(p.name) || this.holdGaugeHistogramPart(p.name)) return;
    const shape = untypedShape(p);
    if (shape !== undefined) {
      const base = shape === 'bucket' ? bucketBase(p.name) : p.name;
      if (this.untypedBases.size < UNTYPED_CAP) this.untypedBases.add(base);
      if (shape === 'bucket' && this.histogramBases.size < UNTYPED_CAP) this.histogramBases.add(base);
      this.metricNames.add(base);
    } else if (isSiblingName(p.name) && (this.untypedSiblings.size < UNTYPED_CAP || this.untypedSiblings.has(p.name))) this.untypedSiblings.add(p.name);
    else {
      if (p.name.length > 6 && p.name.endsWith('_total') && this.untypedTotalBases.size < UNTYPED_CAP) this.untypedTotalBases.add(p.name.slice(0, -6));
      this.metricNames.add(p.name);
    }
  }

  /** A gauge or untyped `x_created`, held for the end (metricNameCount); false past the cap (counted as itself). */
  private holdCreated(name: string): boolean {
    if (name.length <= 8 || !name.endsWith('_created')) return false;
    if (this.createdNames.size >= UNTYPED_CAP && !this.createdNames.has(name)) return false;
    this.createdNames.add(name);
    return true;
  }

  /** A gauge or untyped `x_gsum` / `x_gcount`, held for the end (metricNameCount); false past the cap (counted as itself). */
  private holdGaugeHistogramPart(name: string): boolean {
    if (gaugeHistogramPartBase(name) === undefined) return false;
    if (this.gaugeHistogramParts.size >= UNTYPED_CAP && !this.gaugeHistogramParts.has(name)) return false;
    this.gaugeHistogramParts.add(name);
    return true;
  }

  /**
   * The metric names, the untyped `_sum`/`_count` ones counted as the metric they belong to, a
   * `x_created` gauge as part of the counter `x_total` or the histogram or summary `x` when there,
   * a `x_gsum` / `x_gcount` gauge as part of the histogram `x` when there (metric-profile.ts
   * metricFamilies).
   */
  private metricNameCount(): DistinctCounter {
    if (this.untypedSiblings.size === 0 && this.createdNames.size === 0 && this.gaugeHistogramParts.size === 0) return this.metricNames;
    const names = new DistinctCounter(100_000);
    names.merge(this.metricNames.state());
    const isBase = (b: string) => this.untypedBases.has(b);
    const seen = (n: string) => this.untypedSiblings.has(n);
    // (the `x` of untyped `x_sum`/`x_count` pairs: summaries without quantiles, whose `x_created` is theirs)
    const pairBases = new Set<string>();
    for (const n of this.untypedSiblings) {
      const base = siblingBase(n, isBase, seen);
      if (base !== undefined) pairBases.add(base);
      names.add(base ?? n);
    }
    for (const n of this.createdNames) {
      const base = n.slice(0, -8);
      if (!this.createdBases.has(base) && !this.untypedBases.has(base) && !this.untypedTotalBases.has(base) && !pairBases.has(base)) names.add(n);
    }
    for (const n of this.gaugeHistogramParts) if (!this.histogramBases.has(gaugeHistogramPartBase(n)!)) names.add(n);
    return names;
  }

  state(): SignalsSummaryState {
    return {
      spans: this.spans,
      logs: this.logs,
      points: this.points,
      traceIds: this.traceIds.state(),
      series: this.series.state(),
      metricNames: this.metricNames.state(),
      untypedBases: [...this.untypedBases],
      untypedSiblings: [...this.untypedSiblings],
      createdBases: [...this.createdBases],
      createdNames: [...this.createdNames],
      untypedTotalBases: [...this.untypedTotalBases],
      ...this.lenient.state(),
      histogramBases: [...this.histogramBases],
      gaugeHistogramParts: [...this.gaugeHistogramParts],
      traceServices: this.traceServices.state(),
      metricServices: this.metricServices.state(),
      logServices: this.logServices.state(),
      ranges: { traces: this.ranges.traces.state(), metrics: this.ranges.metrics.state(), logs: this.ranges.logs.state() },
      ...(this.detail ? { detail: { level: this.detailLevel, spans: this.detail.spans, traceIds: this.detail.traceIds.state() } } : {}),
    };
  }

  /** The exact id sets' sizes (Collector.mergeSize): trace ids, detail trace ids, series, metric names. */
  mergeSize(): SignalsSummaryMergeSize {
    return { traceIds: this.traceIds.mergeSize(), detailTraceIds: this.detail?.traceIds.mergeSize(), series: this.series.mergeSize(), metricNames: this.metricNames.mergeSize() };
  }

  /** On the merging side: make room in the exact id sets for the other side's ids (DistinctCounter.prepareMerge). */
  prepareMerge(other: SignalsSummaryMergeSize, merging = true): void {
    if (!merging) return;
    this.traceIds.prepareMerge(other.traceIds);
    this.detail?.traceIds.prepareMerge(other.detailTraceIds);
    this.series.prepareMerge(other.series);
    this.metricNames.prepareMerge(other.metricNames);
  }

  merge(s: SignalsSummaryState): void {
    this.spans += s.spans;
    this.logs += s.logs;
    this.points += s.points;
    this.traceIds.merge(s.traceIds);
    this.series.merge(s.series);
    this.metricNames.merge(s.metricNames);
    for (const v of s.untypedBases) if (this.untypedBases.size < UNTYPED_CAP) this.untypedBases.add(v);
    for (const v of s.untypedSiblings) {
      if (this.untypedSiblings.size < UNTYPED_CAP) this.untypedSiblings.add(v);
      else this.metricNames.add(v);
    }
    for (const v of s.createdBases ?? []) if (this.createdBases.size < UNTYPED_CAP) this.createdBases.add(v);
    for (const v of s.untypedTotalBases ?? []) if (this.untypedTotalBases.size < UNTYPED_CAP) this.untypedTotalBases.add(v);
    for (const v of s.createdNames ?? []) {
      if (this.createdNames.size < UNTYPED_CAP) this.createdNames.add(v);
      else this.metricNames.add(v);
    }
    this.lenient.merge(s);
    for (const v of s.histogramBases ?? []) if (this.histogramBases.size < UNTYPED_CAP) this.histogramBases.add(v);
    for (const v of s.gaugeHistogramParts ?? []) {
      if (this.gaugeHistogramParts.size < UNTYPED_CAP) this.gaugeHistogramParts.add(v);
      else this.metricNames.add(v);
    }
    this.traceServices.merge(s.traceServices);
    this.metricServices.merge(s.metricServices);
    this.logServices.merge(s.logServices);
    this.ranges.traces.merge(s.ranges.traces);
    this.ranges.metrics.merge(s.ranges.metrics);
    this.ranges.logs.merge(s.ranges.logs);
    if (s.detail) {
      // (every state of one run has the run's level; a collector made without it takes it on)
      const d = (this.detail ??= { spans: 0, traceIds: new DistinctCounter(1_000_000) });
      this.detailLevel = Math.max(this.detailLevel, s.detail.level);
      d.spans += s.detail.spans;
      d.traceIds.merge(s.detail.traceIds);
    }
  }

  summary(): SignalsSummary {
    const metricNames = this.metricNameCount();
    const traces = this.traceCount();
    let servicesApproximate = false;
    // The names (the first SERVICE_LIST_CAP in sorted order) and how many there are.
    const services = (s: ServiceNames) => {
      const list = s.list();
      const n = s.count();
      if (n.approximate) servicesApproximate = true;
      return { services: list.names, serviceCount: n.count, ...(list.capped ? { servicesCapped: true as const } : {}), ...(n.approximate ? { serviceCountApproximate: true as const } : {}) };
    };
    const out: SignalsSummary = {
      // (an estimate of distinct values never says more of them than there are items)
      traces: { spans: this.spans, traces: Math.min(traces.count, this.spans), ...services(this.traceServices) },
      metrics: { points: this.points, series: Math.min(this.series.count(), this.points), metricNames: Math.min(metricNames.count(), this.points), ...services(this.metricServices) },
      logs: { records: this.logs, ...services(this.logServices) },
    };
    const tr = this.ranges.traces.report();
    if (tr) out.traces.timeRange = tr;
    if (this.detail && this.spans > 0) {
      // (joined as the trace count is: a Zipkin 64-bit id and its 128-bit trace hash alike, so both
      // spellings of a trace are in the sample or neither is)
      const examined = this.traceCount(this.detail.traceIds);
      out.traces.detail = { sampled: true, level: this.detailLevel, share: 2 ** -this.detailLevel, examinedSpans: this.detail.spans, examinedTraces: Math.min(examined.count, this.detail.spans), ...(examined.approximate ? { approximate: true as const } : {}) };
    }
    const mr = this.ranges.metrics.report();
    if (mr) out.metrics.timeRange = mr;
    const lr = this.ranges.logs.report();
    if (lr) out.logs.timeRange = lr;
    if (traces.approximate || this.series.approximate || metricNames.approximate || servicesApproximate) out.approximate = true;
    return out;
  }
}
