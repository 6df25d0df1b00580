// The profile collector: folds every record into bounded, mergeable per-service summaries
// (resource, logs, log templates, spans, metrics) plus the span topology and a series sample.
// Scoring reads `TelemetryProfileState` only; it never sees records or file formats.
import type { Resource, SignalRecord } from '../model/index.js';
import type { Collector } from '../analysis/collector.js';
import { LogProfile, type LogProfileState } from './log-profile.js';
import { LogTemplates, type LogTemplatesState } from './log-templates.js';
import { MetricProfile, type MetricProfileState } from './metric-profile.js';
import { ResourceProfile, type ResourceProfileState } from './resource-profile.js';
import { SeriesStore, type SeriesStoreState } from './series-store.js';
import { pointSeries } from './point-series.js';
import { hasServiceIdentity, recordServiceOf, serviceOfName } from './service.js';
import { SpanProfile, type SpanProfileState } from './span-profile.js';
import { traceHash } from '../analysis/trace-ids.js';
import { setOwn } from '../model/own-key.js';
import { OVERFLOW_SERVICE } from './pooled.js';
import { hash32 } from './hash.js';
import { BottomK } from './bottom-k.js';

/**
 * Services tracked individually: SERVICE_CAP of them, picked by a hash of the name (the lowest
 * hashes: a sample unrelated to the names' order); the records of every other service pool into
 * one overflow bucket. Picked by name, not by arrival, so the same services are scored
 * individually whatever the thread split, the piece size or the order of the files (a first-come
 * cap kept each thread's own first 500).
 */
export const SERVICE_CAP = 500;

export interface ServiceProfileState {
  name: string;
  resource: ResourceProfileState;
  logs?: LogProfileState;
  templates?: LogTemplatesState;
  spans?: SpanProfileState;
  metrics?: MetricProfileState;
  /**
   * The attribute keys (sorted, at most NAMED_BY_CAP) that named this service for records without a
   * usable `service.name` (recordServiceOf): the service's name came from them, not from the resource.
   */
  namedBy?: string[];
  /** Of the records `namedBy` names, how many each key named (the keys of `namedBy`). */
  namedByRecords?: Record<string, number>;
  /**
   * Records whose resource `service.name` a label gave (Resource.serviceNameFrom: a Prometheus
   * `job`, `service_name`, `target_info job`…), by label: they have a service identity (OpenTelemetry's
   * Prometheus compatibility), so they are not in `namedBy`, but the name still came from a label
   * (the report's `services[].nameFrom` lists both). At most NAMED_BY_CAP labels.
   */
  labelNamedRecords?: Record<string, number>;
  /**
   * The names its records carry that differ from the service's (a Kubernetes pod name filed under
   * its workload, by `service.name` or by a pod attribute: service.ts recordServiceOf), with the
   * records of each; at most SPELLINGS_CAP names, the first in sorted order.
   */
  spellings?: Record<string, number>;
  /**
   * The names past the SPELLINGS_CAP listed in `spellings`: how many (exact up to UNLISTED_SPELLINGS_CAP,
   * kept here to merge states; `more` past it) and the records that carry them. Counted, not listed.
   */
  unlistedSpellings?: { names: string[]; records: number; more?: true };
}

/** Attribute keys kept per service in `namedBy`. */
export const NAMED_BY_CAP = 5;
/** Spellings (pod names) kept per service in `spellings`. */
export const SPELLINGS_CAP = 32;
/** Distinct names counted (exactly) past SPELLINGS_CAP per service; past it, "at least". */
export const UNLISTED_SPELLINGS_CAP = 10_000;

/**
 * Count `n` records for `key` in `m`, which keeps at most `cap` keys: the first in sorted order
 * (not the first to arrive, so the kept keys are the same for any thread split or file order).
 * Returns the key that does not fit (this one, or the largest kept one, which it displaces) with
 * its records, or undefined.
 */
function addCount(m: Map<string, number>, key: string, n: number, cap: number): [string, number] | undefined {
  const c = m.get(key);
  if (c !== undefined) m.set(key, c + n);
  else if (m.size < cap) m.set(key, n);
  else {
    let largest = key;
    for (const k of m.keys()) if (k > largest) largest = k;
    if (largest === key) return [key, n];
    const out: [string, number] = [largest, m.get(largest)!];
    m.delete(largest);
    m.set(key, n);
    return out;
  }
  return undefined;
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  const o: Record<string, number> = {};
  for (const k of [...m.keys()].sort()) setOwn(o, k, m.get(k)!);
  return o;
}

export interface TelemetryProfileState {
  services: ServiceProfileState[];
  series: SeriesStoreState;
}

class ServiceProfile {
  readonly resource = new ResourceProfile();
  logs: LogProfile | undefined;
  templates: LogTemplates | undefined;
  spans: SpanProfile | undefined;
  metrics: MetricProfile | undefined;
  /** Attribute key → records it named (namedBy). */
  readonly namedBy = new Map<string, number>();
  /** Label → records whose resource service.name it gave (labelNamedRecords). */
  readonly labelNamed = new Map<string, number>();
  readonly spellings = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly detailLevel = 0,
  ) {}

  noteNamedBy(key: string, records = 1): void {
    addCount(this.namedBy, key, records, NAMED_BY_CAP);
  }

  noteLabelNamed(key: string, records = 1): void {
    addCount(this.labelNamed, key, records, NAMED_BY_CAP);
  }

  noteSpelling(name: string, records = 1): void {
    const out = addCount(this.spellings, name, records, SPELLINGS_CAP);
    if (out !== undefined) this.noteUnlisted(out[0], out[1]);
  }

  /** Names past SPELLINGS_CAP: counted (names and records), not listed. */
  private unlisted: Set<string> | undefined;
  private unlistedRecords = 0;
  private unlistedMore = false;

  private noteUnlisted(name: string, records: number): void {
    this.unlistedRecords += records;
    const u = (this.unlisted ??= new Set());
    if (u.has(name)) return;
    if (u.size < UNLISTED_SPELLINGS_CAP) u.add(name);
    else this.unlistedMore = true;
  }

  /** `lz`: leading zero bits of a span's trace-id hash (sampling bucket); unused for other records. `detail`: the span is in the detail sample. */
  add(r: SignalRecord, lz: number, detail = true): void {
    this.resource.add(r);
    if (r.kind === 'log') {
      (this.logs ??= new LogProfile()).add(r);
      (this.templates ??= new LogTemplates()).add(r);
    } else if (r.kind === 'span') (this.spans ??= new SpanProfile(this.detailLevel)).add(r, lz, detail);
    else (this.metrics ??= new MetricProfile()).add(r);
  }

  state(): ServiceProfileState {
    const s: ServiceProfileState = { name: this.name, resource: this.resource.state() };
    if (this.logs) s.logs = this.logs.state();
    if (this.templates) s.templates = this.templates.state();
    if (this.spans) s.spans = this.spans.state();
    if (this.metrics) s.metrics = this.metrics.state();
    if (this.namedBy.size > 0) {
      s.namedBy = [...this.namedBy.keys()].sort();
      s.namedByRecords = sortedRecord(this.namedBy);
    }
    if (this.labelNamed.size > 0) s.labelNamedRecords = sortedRecord(this.labelNamed);
    if (this.spellings.size > 0) s.spellings = sortedRecord(this.spellings);
    if (this.unlisted !== undefined) s.unlistedSpellings = { names: [...this.unlisted].sort(), records: this.unlistedRecords, ...(this.unlistedMore ? { more: true as const } : {}) };
    return s;
  }

  merge(s: ServiceProfileState): void {
    this.resource.merge(s.resource);
    if (s.logs) (this.logs ??= new LogProfile()).merge(s.logs);
    if (s.templates) (this.templates ??= new LogTemplates()).merge(s.templates);
    if (s.spans) (this.spans ??= new SpanProfile(this.detailLevel)).merge(s.spans);
    if (s.metrics) (this.metrics ??= new MetricProfile()).merge(s.metrics);
    // (a state without per-key counts: each key counted once)
    for (const k of s.namedBy ?? []) this.noteNamedBy(k, s.namedByRecords?.[k] ?? 1);
    for (const [k, n] of Object.entries(s.labelNamedRecords ?? {})) this.noteLabelNamed(k, n);
    for (const [k, n] of Object.entries(s.spellings ?? {})) this.noteSpelling(k, n);
    // (a name unlisted there may be listed here: its records are still counted as unlisted)
    const u = s.unlistedSpellings;
    if (u !== undefined) {
      for (const k of u.names) if (!this.spellings.has(k)) this.noteUnlisted(k, 0);
      this.unlistedRecords += u.records;
      if (u.more === true) this.unlistedMore = true;
    }
  }
}

// (the sampled traces the trace-level rules read are the analysis's, not the profile's:
// ../analysis/sampled-traces.ts)
export class TelemetryProfileCollector implements Collector<TelemetryProfileState> {
  /** The individually tracked services (at most SERVICE_CAP) and the overflow bucket. */
  private readonly services = new Map<string, ServiceProfile>();
  /** The names of the individually tracked services. */
  private readonly kept = new BottomK(SERVICE_CAP);
  private readonly series = new SeriesStore();

  /** `detailLevel`: the run's detail level (../analysis/detail.ts; 0: every span examined). */
  constructor(private readonly detailLevel = 0) {}

  private service(name: string): ServiceProfile {
    let s = this.services.get(name);
    if (s) return s;
    if (name === OVERFLOW_SERVICE) return this.overflow();
    const out = this.kept.offer(name, hash32(name));
    if (out === name) return this.overflow();
    if (out !== undefined) {
      // A service before the last kept one: that one's summary moves into the overflow bucket (the
      // same merge that joins threads' states), and this one takes its place. In any order of
      // arrival this happens ~SERVICE_CAP·ln(services/SERVICE_CAP) times, the hash being unrelated
      // to the order (names sorted backwards would evict on every new name if kept by name).
      const p = this.services.get(out)!;
      this.services.delete(out);
      this.overflow().merge(p.state());
      // (the memo of the last resource may point at the evicted service)
      this.lastResource = undefined;
    }
    s = new ServiceProfile(name, this.detailLevel);
    this.services.set(name, s);
    return s;
  }

  private overflow(): ServiceProfile {
    let s = this.services.get(OVERFLOW_SERVICE);
    if (!s) {
      s = new ServiceProfile(OVERFLOW_SERVICE, this.detailLevel);
      this.services.set(OVERFLOW_SERVICE, s);
    }
    return s;
  }

  // Records of one export request share their Resource object: resolve its service once.
  private lastResource: Resource | undefined;
  private lastService: ServiceProfile | undefined;
  /** The last resource's service.name when it is a pod name filed under its workload. */
  private lastSpelling: string | undefined;
  /** The last resource's Resource.serviceNameFrom: the label its service.name came from. */
  private lastNameFrom: string | undefined;
  private lastTraceId: string | undefined;
  private lastTraceHash = 0;

  /** `detail`: a span is in the run's detail sample (always true for other records). */
  add(record: SignalRecord, _inputIndex?: number, detail = true): void {
    let svc: ServiceProfile;
    if (record.resource === this.lastResource) {
      svc = this.lastService!;
      if (this.lastSpelling !== undefined) svc.noteSpelling(this.lastSpelling);
      if (this.lastNameFrom !== undefined) svc.noteLabelNamed(this.lastNameFrom);
    } else if (!hasServiceIdentity(record)) {
      // a record without a usable service.name: filed under the service an attribute of its own (or
      // of its resource) names, as the dependency graph and the correlation file it — per record,
      // not per resource (a metric point: per series, whose labels and resource name it)
      const named = record.kind === 'metric' ? pointSeries(record).service : recordServiceOf(record);
      svc = this.service(named.name);
      if (named.from !== undefined) svc.noteNamedBy(named.from);
      if (named.spelling !== undefined) svc.noteSpelling(named.spelling);
      this.lastResource = undefined;
    } else {
      // a pod name as service.name: filed under its workload, as the dependency graph files it
      const name = record.resource.serviceName!;
      const bucket = serviceOfName(name);
      svc = this.service(bucket);
      this.lastSpelling = bucket === name ? undefined : name;
      if (this.lastSpelling !== undefined) svc.noteSpelling(this.lastSpelling);
      this.lastNameFrom = record.resource.serviceNameFrom;
      if (this.lastNameFrom !== undefined) svc.noteLabelNamed(this.lastNameFrom);
      this.lastResource = record.resource;
      this.lastService = svc;
    }
    if (record.kind === 'span') {
      // Spans of one trace mostly come together: hash each run's trace id once.
      const tid = record.traceId;
      if (tid !== this.lastTraceId) {
        this.lastTraceId = tid;
        this.lastTraceHash = traceHash(tid);
      }
      const h = this.lastTraceHash;
      svc.add(record, Math.clz32(h), detail);
    } else {
      svc.add(record, 0);
      if (record.kind === 'metric') this.series.add(record);
    }
  }

  state(): TelemetryProfileState {
    const services = [...this.services.keys()].sort().map((k) => this.services.get(k)!.state());
    return { services, series: this.series.state() };
  }

  merge(s: TelemetryProfileState): void {
    for (const sp of s.services) this.service(sp.name).merge(sp);
    this.series.merge(s.series);
  }
}
