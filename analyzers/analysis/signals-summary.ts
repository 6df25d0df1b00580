// Counts per signal for the report's `signals` block: spans, traces, services, series, names.
import type { SignalRecord } from '../model/index.js';
import type { SignalsSummary } from '../report/model.js';
import { nsToIso } from '../importers/common/time.js';
import type { Collector } from './collector.js';
import { pointSeries } from '../profile/point-series.js';
import { DistinctCounter, type DistinctState } from './distinct.js';

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
  traceServices: string[];
  metricServices: string[];
  logServices: string[];
  ranges: { traces: RangeState; metrics: RangeState; logs: RangeState };
}

const SERVICE_CAP = 10_000;

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

export class SignalsSummaryCollector implements Collector<SignalsSummaryState> {
  private spans = 0;
  private logs = 0;
  private points = 0;
  private readonly traceIds = new DistinctCounter(1_000_000);
  private readonly series = new DistinctCounter(500_000);
  private readonly metricNames = new DistinctCounter(100_000);
  private readonly traceServices = new Set<string>();
  private readonly metricServices = new Set<string>();
  private readonly logServices = new Set<string>();
  private readonly ranges = { traces: new Range(), metrics: new Range(), logs: new Range() };

  add(record: SignalRecord): void {
    const service = record.resource.serviceName;
    if (record.kind === 'span') {
      this.spans++;
      this.traceIds.add(record.traceId);
      if (service !== undefined && this.traceServices.size < SERVICE_CAP) this.traceServices.add(service);
      this.ranges.traces.add(record.startNs);
      this.ranges.traces.add(record.endNs);
    } else if (record.kind === 'log') {
      this.logs++;
      if (service !== undefined && this.logServices.size < SERVICE_CAP) this.logServices.add(service);
      this.ranges.logs.add(record.timeNs);
    } else {
      this.points++;
      this.series.add(pointSeries(record).signalsKey);
      // A metric counts once by its family: a Prometheus histogram's `_bucket`, `_sum` and `_count`
      // samples are one metric, as the OTLP histogram they stand for is. (A computed query's series have no name.)
      const name = record.family ?? record.name;
      if (name !== '') this.metricNames.add(name);
      if (service !== undefined && this.metricServices.size < SERVICE_CAP) this.metricServices.add(service);
      this.ranges.metrics.add(record.timeNs);
    }
  }

  state(): SignalsSummaryState {
    return {
      spans: this.spans,
      logs: this.logs,
      points: this.points,
      traceIds: this.traceIds.state(),
      series: this.series.state(),
      metricNames: this.metricNames.state(),
      traceServices: [...this.traceServices],
      metricServices: [...this.metricServices],
      logServices: [...this.logServices],
      ranges: { traces: this.ranges.traces.state(), metrics: this.ranges.metrics.state(), logs: this.ranges.logs.state() },
    };
  }

  merge(s: SignalsSummaryState): void {
    this.spans += s.spans;
    this.logs += s.logs;
    this.points += s.points;
    this.traceIds.merge(s.traceIds);
    this.series.merge(s.series);
    this.metricNames.merge(s.metricNames);
    for (const v of s.traceServices) this.traceServices.add(v);
    for (const v of s.metricServices) this.metricServices.add(v);
    for (const v of s.logServices) this.logServices.add(v);
    this.ranges.traces.merge(s.ranges.traces);
    this.ranges.metrics.merge(s.ranges.metrics);
    this.ranges.logs.merge(s.ranges.logs);
  }

  summary(): SignalsSummary {
    const sorted = (s: Set<string>) => [...s].sort();
    const out: SignalsSummary = {
      // (an estimate of distinct values never says more of them than there are items)
      traces: { spans: this.spans, traces: Math.min(this.traceIds.count(), this.spans), services: sorted(this.traceServices) },
      metrics: { points: this.points, series: Math.min(this.series.count(), this.points), metricNames: Math.min(this.metricNames.count(), this.points), services: sorted(this.metricServices) },
      logs: { records: this.logs, services: sorted(this.logServices) },
    };
    const tr = this.ranges.traces.report();
    if (tr) out.traces.timeRange = tr;
    const mr = this.ranges.metrics.report();
    if (mr) out.metrics.timeRange = mr;
    const lr = this.ranges.logs.report();
    if (lr) out.logs.timeRange = lr;
    if (this.traceIds.approximate || this.series.approximate || this.metricNames.approximate) out.approximate = true;
    return out;
  }
}
