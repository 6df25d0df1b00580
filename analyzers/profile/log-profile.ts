// Per-service log facts: structure (structured share, timestamps, severities), noise (DEBUG and
// ERROR shares, errors per time bucket for calm-period inflation) and sensitive bodies.
import type { LogRecord } from '../model/index.js';
import { Checks, type ChecksState } from './checks.js';
import { attrTextHead } from './examples.js';
import { findSensitiveInAttributes, detectSensitive } from './sensitive.js';
import { isDebugOrTrace, isErrorOrAbove, isProductionEnvironment, severityNumberOf } from './severity.js';

/** Width of the error-rate buckets; doubled whenever more than MAX_BUCKETS would be needed. */
export const LOG_BUCKET_NS = 60_000_000_000n;
const MAX_BUCKETS = 4_096;

export interface LogProfileState {
  records: number;
  checks: ChecksState;
  /** Bucket width in ns (decimal string) and [bucket index, records, errors] sorted by index. */
  bucketNs: string;
  buckets: [number, number, number][];
  /** First and last record time in ms (records with a time), when there is one. */
  timeRangeMs?: [number, number];
}

export class LogProfile {
  records = 0;
  readonly checks = new Checks();
  private bucketNs = LOG_BUCKET_NS;
  private buckets = new Map<number, [number, number]>();

  private firstMs = Infinity;
  private lastMs = -Infinity;

  add(r: LogRecord): void {
    this.records++;
    // Time 0 (1970-01-01T00:00:00Z) is OTLP's "unset" (an OTel SDK prints it for a record emitted
    // without a timestamp): no timestamp, as the signals' time range has it (signals-summary.ts).
    const timeNs = r.timeNs === 0n ? undefined : r.timeNs;
    if (timeNs !== undefined) {
      const ms = Number(timeNs / 1_000_000n);
      if (ms < this.firstMs) this.firstMs = ms;
      if (ms > this.lastMs) this.lastMs = ms;
    }
    const c = this.checks;
    c.record('log.structured', r.structured, r, 'free-text line');
    c.record('log.timestamp', timeNs !== undefined, r, r.timeNs === 0n ? 'time 0 (1970-01-01T00:00:00Z: unset)' : 'no parseable timestamp');
    if (timeNs !== undefined) c.record('log.timestamp-zone', !r.timeWithoutZone, r, 'timestamp without zone/offset');
    const sev = severityNumberOf(r);
    c.record('log.severity', sev !== undefined, r, 'no severity');
    c.record('log.severity-number', r.severityNumber !== undefined && r.severityNumber >= 1 && r.severityNumber <= 24, r, 'no severityNumber');
    if (sev !== undefined) {
      c.record('log.debug', !isDebugOrTrace(sev), r, `severity ${r.severityText ?? sev}`);
      c.record('log.error', !isErrorOrAbove(sev), r, `severity ${r.severityText ?? sev}`);
      if (isProductionEnvironment(r.resource.environment)) c.record('log.debug-production', (r.severityText ?? '').trim().toUpperCase() !== 'DEBUG', r, 'DEBUG in production');
      if (timeNs !== undefined) this.addToBucket(timeNs, isErrorOrAbove(sev));
    }
    const bodyText = r.body === null ? '' : attrTextHead(r.body, 4096);
    const sensitive = detectSensitive(bodyText) ?? findSensitiveInAttributes(r.attributes)?.kind;
    c.record('log.sensitive', sensitive === undefined, r, sensitive ? `${sensitive} in log` : undefined);
  }

  private addToBucket(timeNs: bigint, error: boolean): void {
    const idx = Number(timeNs / this.bucketNs);
    let b = this.buckets.get(idx);
    if (!b) {
      b = [0, 0];
      this.buckets.set(idx, b);
    }
    b[0]++;
    if (error) b[1]++;
    if (this.buckets.size > MAX_BUCKETS) this.widen(this.bucketNs * 2n);
  }

  private widen(to: bigint): void {
    const factor = to / this.bucketNs;
    const next = new Map<number, [number, number]>();
    for (const [idx, [n, e]] of this.buckets) {
      const j = Math.floor(idx / Number(factor));
      const b = next.get(j) ?? [0, 0];
      b[0] += n;
      b[1] += e;
      next.set(j, b);
    }
    this.buckets = next;
    this.bucketNs = to;
  }

  state(): LogProfileState {
    const buckets = [...this.buckets.entries()].sort((a, b) => a[0] - b[0]).map(([i, [n, e]]) => [i, n, e] as [number, number, number]);
    return { records: this.records, checks: this.checks.state(), bucketNs: this.bucketNs.toString(), buckets, ...(this.firstMs <= this.lastMs ? { timeRangeMs: [this.firstMs, this.lastMs] as [number, number] } : {}) };
  }

  merge(s: LogProfileState): void {
    this.records += s.records;
    if (s.timeRangeMs) {
      this.firstMs = Math.min(this.firstMs, s.timeRangeMs[0]);
      this.lastMs = Math.max(this.lastMs, s.timeRangeMs[1]);
    }
    this.checks.merge(s.checks);
    let width = BigInt(s.bucketNs);
    if (width > this.bucketNs) this.widen(width);
    const factor = Number(this.bucketNs / width);
    for (const [i, n, e] of s.buckets) {
      const j = Math.floor(i / factor);
      const b = this.buckets.get(j) ?? [0, 0];
      b[0] += n;
      b[1] += e;
      this.buckets.set(j, b);
    }
    while (this.buckets.size > MAX_BUCKETS) {
      width = this.bucketNs * 2n;
      this.widen(width);
    }
  }
}

export interface CalmPeriodStats {
  /** Buckets flagged as incident windows (error burst). */
  incidentBuckets: number;
  buckets: number;
  calmRecords: number;
  calmErrors: number;
  errorShareCalm: number;
}

/**
 * Error-level inflation: share of ERROR+ records outside incident windows. An incident window is a
 * bucket whose error count is at least 5 and at least median + 3 × MAD of the per-bucket error
 * counts (robust burst detection); with no such bucket the whole range counts as calm.
 */
export function calmPeriodStats(s: Pick<LogProfileState, 'buckets'>): CalmPeriodStats {
  const errs = s.buckets.map((b) => b[2]).sort((a, b) => a - b);
  const median = quantileSorted(errs, 0.5);
  const mad = quantileSorted(errs.map((e) => Math.abs(e - median)).sort((a, b) => a - b), 0.5);
  const limit = Math.max(5, median + 3 * Math.max(mad, 1));
  let incident = 0;
  let calmRecords = 0;
  let calmErrors = 0;
  for (const [, n, e] of s.buckets) {
    if (e >= limit) incident++;
    else {
      calmRecords += n;
      calmErrors += e;
    }
  }
  return { incidentBuckets: incident, buckets: s.buckets.length, calmRecords, calmErrors, errorShareCalm: calmRecords ? calmErrors / calmRecords : 0 };
}

export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
