// Per-service, per-metric-name facts: declared type/unit/description, histogram bounds, series and
// attribute-value cardinality (sketches, never sets of every value) and the time covered.
import type { MetricPoint } from '../model/index.js';
import { Checks, recordCheck, type ChecksState } from './checks.js';
import { addExample, compareExamples, exampleOf, mergeExamples, wouldKeep, type ExampleRecord } from './examples.js';
import { bucketBase, declaredMetricName, gaugeHistogramPartBase, isSiblingName, siblingBase, untypedShape, type UntypedShape } from './metric-family.js';
import { pointSeries } from './point-series.js';
import { isStorable, pointValue } from './series-store.js';
import type { SampleInfo } from './sample-note.js';
import { DistinctSketch, type SketchState } from './sketch.js';
import { hash32 } from './hash.js';
import { setOwn } from '../model/own-key.js';

/**
 * Metric names a service keeps the detail of (types, units, series, labels): past it, a sample of
 * NAMES_CAP names picked by a hash of their stem (the name without a sample suffix, so the
 * `_bucket`, `_sum`, `_count`, `_created` of a metric are kept or left together), the same
 * whatever the order the names are read or merged in (a name past them is evicted or never kept,
 * so each kept name has every one of its points); the others are only counted.
 */
export const NAMES_CAP = 1_000;
// The per-name caps below keep values by a rule of the values alone, never by arrival (a first-come
// cap kept each thread's own first ones, so a split run and a one-thread run reported different
// units and a different stored-series estimate): a value past a cap is dropped or displaces the
// last kept one, which then never comes back, so every kept key's sketch has all its values.
/** Label keys kept per name (with a sketch of their values): the ones of lowest (hash, key). */
export const LABEL_KEYS_CAP = 16;
/** Types, units, temporalities and bucket layouts kept per name: the first in sorted order. */
export const SMALL_SET_CAP = 8;
/** Names past NAMES_CAP counted exactly up to this many (then estimated). */
const NAMES_COUNT_CAP = 100_000;
/**
 * A service's series the series store could sample, counted exactly up to this many (then
 * estimated), by the store's 32-bit hash of their key (a short string each, not the key).
 */
const STORE_SERIES_EXACT = 10_000;
/** Distinct per-series counts (fanout weights) kept per name: the largest (the most series each). */
export const FANOUT_CAP = 32;

export interface MetricNameState {
  points: number;
  types: string[];
  units: string[];
  /** Read from a Prometheus or OpenMetrics exposition, whose units are OpenMetrics' base-unit words (`seconds`, `bytes`). */
  exposition?: true;
  /** Points read from a format that cannot carry a type or description (MetricPoint.noMetadata); absent when none. */
  noMetadata?: number;
  /** The metric this sample name is part of, when its exposition declares another (`x` for `x_bucket`; metric-family.ts). */
  family?: string;
  /** Untyped samples of this name are buckets or quantiles (metric-family.ts). */
  shape?: UntypedShape;
  described: number;
  temporalities: string[];
  bounds: string[];
  series: SketchState;
  /**
   * The series a Prometheus-like store keeps beyond one per label set, for points that carry a
   * whole distribution kept as several series (a classic histogram, OTLP or not, and a summary):
   * per weight w, a sketch of label sets (or cells) that each stand for w series (storedSeries).
   */
  fanout?: Record<string, SketchState>;
  labels: Record<string, SketchState>;
  firstNs?: string;
  lastNs?: string;
  examples: ExampleRecord[];
}

export interface MetricProfileState {
  points: number;
  checks: ChecksState;
  names: Record<string, MetricNameState>;
  /** Points of names past NAMES_CAP (counted, not detailed). */
  namesDropped: number;
  /** The distinct names past NAMES_CAP (exact up to NAMES_COUNT_CAP, then a sketch). */
  namesOver?: SketchState;
  /**
   * The service's series the series store samples from (timestamped points with a value, by the
   * store's hash of their key), of every name: the total the series-shape rules' sample is drawn from.
   */
  storeSeries?: SketchState;
}

function addSmall(list: string[], v: string): void {
  if (list.includes(v)) return;
  if (list.length >= SMALL_SET_CAP && v > list[list.length - 1]!) return;
  list.push(v);
  list.sort();
  if (list.length > SMALL_SET_CAP) list.length = SMALL_SET_CAP;
}

interface NameEntry {
  points: number;
  types: string[];
  units: string[];
  exposition: boolean;
  noMetadata: number;
  family: string | undefined;
  shape: UntypedShape | undefined;
  described: number;
  temporalities: string[];
  bounds: string[];
  series: DistinctSketch;
  fanout: Map<number, DistinctSketch> | undefined;
  labels: Map<string, DistinctSketch>;
  /** With LABEL_KEYS_CAP keys in `labels`: the last of them by rank (undefined: not known yet). */
  labelTop: Ranked | undefined;
  firstNs: bigint | undefined;
  lastNs: bigint | undefined;
  examples: ExampleRecord[];
}

function newEntry(): NameEntry {
  return { points: 0, types: [], units: [], exposition: false, noMetadata: 0, family: undefined, shape: undefined, described: 0, temporalities: [], bounds: [], series: new DistinctSketch(256), fanout: undefined, labels: new Map(), labelTop: undefined, firstNs: undefined, lastNs: undefined, examples: [] };
}

/** The sketch of fanout weight `weight` of `e`, made when it is among the FANOUT_CAP largest (the smallest kept one displaced); undefined when not. */
function fanoutOf(e: NameEntry, weight: number): DistinctSketch | undefined {
  let sk = e.fanout?.get(weight);
  if (sk) return sk;
  const m = (e.fanout ??= new Map());
  if (m.size >= FANOUT_CAP) {
    let least = weight;
    for (const w of m.keys()) if (w < least) least = w;
    if (least === weight) return undefined;
    m.delete(least);
  }
  sk = new DistinctSketch(256);
  m.set(weight, sk);
  return sk;
}

function addFanout(e: NameEntry, weight: number, key: string): void {
  fanoutOf(e, weight)?.add(key);
}

/** The sketch of label key `k` of `e`, made when the key is among the LABEL_KEYS_CAP of lowest (hash, key) (the last kept one displaced); undefined when not. */
function labelSketch(e: NameEntry, k: string): DistinctSketch | undefined {
  let sk = e.labels.get(k);
  if (sk) return sk;
  if (e.labels.size >= LABEL_KEYS_CAP) {
    // (the last kept key, found once per change of the kept keys: a key not kept costs one hash)
    let top = e.labelTop;
    if (top === undefined) {
      for (const key of e.labels.keys()) {
        const r = rankOf(key, false);
        if (top === undefined || after(r, top)) top = r;
      }
      e.labelTop = top;
    }
    if (!after(top!, rankOf(k, false))) return undefined;
    e.labels.delete(top!.name);
    e.labelTop = undefined;
  }
  sk = new DistinctSketch();
  e.labels.set(k, sk);
  return sk;
}

/**
 * The series a point of a whole distribution stands for in a Prometheus-like store, as its text
 * exposition writes it, beyond the one of its label set: a classic histogram's buckets (bounds + 1,
 * the last `+Inf`) plus `_sum` and `_count`; a summary's quantiles plus `_sum` and `_count`. An
 * exponential histogram and a native histogram stand for none: a store keeps each as a native
 * histogram, one series per label set holding buckets, sum and count (Prometheus' OTLP receiver
 * and the remote-write exporters convert an OTLP exponential histogram into one).
 */
function addStoredSeries(e: NameEntry, p: MetricPoint, key: string): void {
  if (p.histogram) {
    if (p.histogram.native !== true) addFanout(e, p.histogram.bounds.length + 3, key);
  } else if (p.summary) addFanout(e, p.summary.quantiles.length + 2, key);
}

const STEM_SUFFIX = /_(?:bucket|count|sum|created|total|gcount|gsum|info)$/;

/** The order names are kept in past NAMES_CAP: a hash of the stem, then the name. */
interface Ranked {
  h: number;
  name: string;
}

/** `stem`: a metric name's rank (by the hash of its stem); else a label key's (by the hash of the key). */
function rankOf(name: string, stem = true): Ranked {
  return { h: stem ? hash32(name.replace(STEM_SUFFIX, ''), 0x6d657472) : hash32(name), name };
}

function after(a: Ranked, b: Ranked): boolean {
  return a.h > b.h || (a.h === b.h && a.name > b.name);
}

function heapPush(h: Ranked[], v: Ranked): void {
  let i = h.length;
  h.push(v);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!after(v, h[parent]!)) break;
    h[i] = h[parent]!;
    i = parent;
  }
  h[i] = v;
}

function heapPop(h: Ranked[]): void {
  const last = h.pop()!;
  if (h.length === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= h.length) break;
    const c = l + 1 < h.length && after(h[l + 1]!, h[l]!) ? l + 1 : l;
    if (!after(h[c]!, last)) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
}

export class MetricProfile {
  points = 0;
  readonly checks = new Checks();
  private readonly untimedExposition = this.checks.ref('metric.timestamp.exposition');
  private readonly untimedOther = this.checks.ref('metric.timestamp.other');
  /** Points with a value (a distribution's count), failing when it is NaN or ±Inf: no series shape can be read from it (series-store.ts pointValue). */
  private readonly finite = this.checks.ref('metric.value.finite');
  private readonly names = new Map<string, NameEntry>();
  private namesDropped = 0;
  private namesOver: DistinctSketch | undefined;
  private storeSeries: DistinctSketch | undefined;
  /** The series objects (point-series.ts) already counted in storeSeries. */
  private readonly counted = new WeakSet<object>();

  /** The kept names as a max-heap by rank (the last kept first), to evict in O(log NAMES_CAP). */
  private readonly heap: Ranked[] = [];

  private over(name: string): void {
    (this.namesOver ??= new DistinctSketch(NAMES_COUNT_CAP)).add(name);
  }

  /**
   * Room for a new name at the cap: false when it sorts after every kept name (counted, not kept),
   * else the largest kept name is evicted (its points counted) and true.
   */
  private makeRoom(rank: Ranked, points: number): boolean {
    if (this.names.size < NAMES_CAP) return true;
    const last = this.heap[0]!;
    if (after(rank, last)) {
      this.namesDropped += points;
      this.over(rank.name);
      return false;
    }
    this.namesDropped += this.names.get(last.name)!.points;
    this.over(last.name);
    this.names.delete(last.name);
    heapPop(this.heap);
    return true;
  }

  /** A new name: kept (its entry) or, past NAMES_CAP and after every kept one, only counted (undefined). */
  private keep(name: string, points: number): NameEntry | undefined {
    const rank = rankOf(name);
    if (!this.makeRoom(rank, points)) return undefined;
    const e = newEntry();
    this.names.set(name, e);
    heapPush(this.heap, rank);
    return e;
  }

  add(p: MetricPoint): void {
    this.points++;
    // Keys, secret scan and label strings of the point's series, computed once per series.
    const series = pointSeries(p);
    const sensitive = series.sensitive;
    const timed = p.timeNs !== undefined && p.timeNs !== 0n;
    this.checks.record('metric.timestamp', timed, p, 'no timestamp');
    // A text exposition's samples carry no timestamp by design (Prometheus stamps them when it
    // scrapes): counted apart from the points of formats that should carry one (S-MET-TIMESTAMP).
    recordCheck(p.family !== undefined ? this.untimedExposition : this.untimedOther, timed, p, p.family !== undefined ? 'no timestamp (a text exposition\'s sample)' : 'no timestamp');
    this.checks.record('metric.sensitive', sensitive === undefined, p, sensitive ? `${sensitive.kind} in label ${sensitive.key}` : undefined);
    const raw = p.value ?? p.histogram?.count ?? p.exponentialHistogram?.count ?? p.summary?.count;
    if (raw !== undefined) recordCheck(this.finite, Number.isFinite(raw), p, Number.isNaN(raw) ? 'NaN' : raw > 0 ? '+Inf' : '-Inf');
    // (once per series object: past the exact cap the sketch hashes the whole key)
    if (!this.counted.has(series) && isStorable(p) && pointValue(p) !== undefined) {
      this.counted.add(series);
      (this.storeSeries ??= new DistinctSketch(STORE_SERIES_EXACT)).add(series.storeHash.toString(36));
    }
    let e = this.names.get(p.name);
    if (!e) {
      e = this.keep(p.name, 1);
      if (!e) return;
    }
    e.points++;
    if (p.noMetadata) e.noMetadata++;
    addSmall(e.types, p.type);
    addSmall(e.units, p.unit ?? '');
    if (p.family !== undefined) {
      e.exposition = true;
      if (e.family === undefined && p.family !== p.name) {
        const declared = declaredMetricName(p);
        if (declared !== p.name) e.family = declared;
      }
    }
    if (e.shape === undefined && p.type === 'unknown') e.shape = untypedShape(p);
    if (p.description !== undefined && p.description.trim() !== '') e.described++;
    addSmall(e.temporalities, p.temporality);
    if (p.histogram) addSmall(e.bounds, p.histogram.bounds.join(','));
    e.series.add(series.profileKey);
    if (p.histogram !== undefined || p.summary !== undefined) addStoredSeries(e, p, series.profileKey);
    const keys = series.keys;
    for (let i = 0; i < keys.length; i++) labelSketch(e, keys[i]!)?.add(series.values[i]!);
    if (p.timeNs !== undefined && p.timeNs !== 0n) {
      if (e.firstNs === undefined || p.timeNs < e.firstNs) e.firstNs = p.timeNs;
      if (e.lastNs === undefined || p.timeNs > e.lastNs) e.lastNs = p.timeNs;
    }
    // Several points can share a line (JSON Lines): ties are broken by the excerpt inside addExample.
    if (wouldKeep(e.examples, p.source, 1)) addExample(e.examples, exampleOf(p), 1);
  }

  state(): MetricProfileState {
    const names: Record<string, MetricNameState> = {};
    for (const n of [...this.names.keys()].sort()) {
      const e = this.names.get(n)!;
      const labels: Record<string, SketchState> = {};
      for (const k of [...e.labels.keys()].sort()) setOwn(labels, k, e.labels.get(k)!.state());
      const s: MetricNameState = { points: e.points, types: [...e.types], units: [...e.units], ...(e.exposition ? { exposition: true as const } : {}), ...(e.noMetadata > 0 ? { noMetadata: e.noMetadata } : {}), ...(e.family !== undefined ? { family: e.family } : {}), ...(e.shape !== undefined ? { shape: e.shape } : {}), described: e.described, temporalities: [...e.temporalities], bounds: [...e.bounds], series: e.series.state(), labels, examples: e.examples.map((x) => ({ ...x })) };
      if (e.fanout) {
        const fanout: Record<string, SketchState> = {};
        for (const w of [...e.fanout.keys()].sort((a, b) => a - b)) fanout[String(w)] = e.fanout.get(w)!.state();
        s.fanout = fanout;
      }
      if (e.firstNs !== undefined) s.firstNs = e.firstNs.toString();
      if (e.lastNs !== undefined) s.lastNs = e.lastNs.toString();
      setOwn(names, n, s);
    }
    return { points: this.points, checks: this.checks.state(), names, namesDropped: this.namesDropped, ...(this.namesOver ? { namesOver: this.namesOver.state() } : {}), ...(this.storeSeries ? { storeSeries: this.storeSeries.state() } : {}) };
  }

  merge(s: MetricProfileState): void {
    this.points += s.points;
    this.namesDropped += s.namesDropped;
    if (s.namesOver) (this.namesOver ??= new DistinctSketch(NAMES_COUNT_CAP)).merge(s.namesOver);
    if (s.storeSeries) (this.storeSeries ??= new DistinctSketch(STORE_SERIES_EXACT)).merge(s.storeSeries);
    this.checks.merge(s.checks);
    for (const n of Object.keys(s.names)) {
      const o = s.names[n]!;
      let e = this.names.get(n);
      if (!e) {
        e = this.keep(n, o.points);
        if (!e) continue;
      }
      e.points += o.points;
      for (const v of o.types) addSmall(e.types, v);
      for (const v of o.units) addSmall(e.units, v);
      if (o.exposition) e.exposition = true;
      e.noMetadata += o.noMetadata ?? 0;
      e.family ??= o.family;
      e.shape ??= o.shape;
      e.described += o.described;
      for (const v of o.temporalities) addSmall(e.temporalities, v);
      for (const v of o.bounds) addSmall(e.bounds, v);
      e.series.merge(o.series);
      if (o.fanout) for (const w of Object.keys(o.fanout)) fanoutOf(e, Number(w))?.merge(o.fanout[w]!);
      for (const k of Object.keys(o.labels)) labelSketch(e, k)?.merge(o.labels[k]!);
      if (o.firstNs !== undefined && (e.firstNs === undefined || BigInt(o.firstNs) < e.firstNs)) e.firstNs = BigInt(o.firstNs);
      if (o.lastNs !== undefined && (e.lastNs === undefined || BigInt(o.lastNs) > e.lastNs)) e.lastNs = BigInt(o.lastNs);
      mergeExamples(e.examples, o.examples, 1);
    }
  }
}

/** How a message names the series without a metric name (a computed query's result; a long CSV's empty name column). */
export const UNNAMED_METRIC = '(no metric name)';

/** A metric name as a message writes it: the empty name as UNNAMED_METRIC. */
export function metricLabel(name: string): string {
  return name === '' ? UNNAMED_METRIC : name;
}

/** One metric of a service, made of the sample names (profile keys) of its exposition (metric-family.ts). */
export interface MetricFamily {
  name: string;
  /** Its sample names, sorted (the name itself for OTLP and most metrics). */
  members: string[];
  points: number;
  types: string[];
  units: string[];
  exposition: boolean;
  /**
   * Some point of it was read from a format that can carry a type and a description (HELP): false
   * when every one came from a query API's answer or a /federate exposition (MetricPoint.noMetadata).
   */
  carriesMetadata: boolean;
  described: number;
  bounds: string[];
  /** The example of its members read first (the exposition's first sample of the metric). */
  examples: ExampleRecord[];
  /**
   * A gauge or untyped metric of one sample name whose samples carry a label named as the metric
   * itself (`x{x="running"}`): a state set, as Prometheus client_python writes an Enum in 0.0.4
   * text (an OpenMetrics `stateset` family there), its states' values 0 or 1.
   */
  stateLabel?: true;
}

/**
 * The metrics a naming, type, unit or series rule judges: sample names grouped into the metric
 * they are samples of (metric-family.ts: declared families, then the untyped conventions), sorted
 * by name. The empty name, which a computed query's series have (`sum by (job) (rate(…))` in a
 * Prometheus API answer, a long CSV's empty name column), has no name to judge: left out unless
 * `withUnnamed` (its series and labels still count). A gauge or untyped `x_created` (Prometheus
 * client_python writes one per counter, histogram and summary in 0.0.4 text, `# TYPE x_created
 * gauge`: the family's creation time) is part of the counter `x_total` or the histogram or summary
 * `x` when that metric is there; its type is not the metric's. So are a gauge histogram's `x_gsum`
 * and `x_gcount` gauges (client_python's 0.0.4 text beside `# TYPE x histogram`) part of the
 * histogram `x`: series of it (a gauge histogram's sum and count), their type not the metric's.
 */
export function metricFamilies(m: { names: Record<string, MetricNameState> }, withUnnamed = false): MetricFamily[] {
  const names = m.names;
  const untyped = (n: string): boolean => {
    const st = Object.prototype.hasOwnProperty.call(names, n) ? names[n] : undefined;
    return st !== undefined && st.family === undefined && st.types.every((t) => t === 'unknown');
  };
  const isBase = (b: string): boolean => (untyped(b) && names[b]!.shape === 'quantile') || (untyped(b + '_bucket') && names[b + '_bucket']!.shape === 'bucket');
  const groups = new Map<string, string[]>();
  const created: string[] = [];
  const parts: string[] = [];
  for (const n of Object.keys(names).sort()) {
    if (n === '' && !withUnnamed) continue;
    const st = names[n]!;
    let family = st.family;
    if (family === undefined && st.types.every((t) => t === 'gauge' || t === 'unknown')) {
      if (n.length > 8 && n.endsWith('_created')) {
        created.push(n);
        continue;
      }
      if (gaugeHistogramPartBase(n) !== undefined) {
        parts.push(n);
        continue;
      }
    }
    if (family === undefined && untyped(n)) {
      if (st.shape === 'bucket') family = bucketBase(n);
      else if (isSiblingName(n)) family = siblingBase(n, isBase, untyped);
    }
    family ??= n;
    const g = groups.get(family);
    if (g) g.push(n);
    else groups.set(family, [n]);
  }
  // A `_created` of a counter, histogram or summary of the export (declared, or untyped buckets or quantiles).
  const hasType = (family: string, types: string[]): boolean => groups.get(family)?.some((x) => names[x]!.types.some((t) => types.includes(t)) || names[x]!.shape !== undefined) ?? false;
  // Untyped (a /federate exposition, `promtool tsdb dump`, an API answer): the counter `x_total` by
  // its name, a summary without quantiles by its `x_sum`/`x_count` pair grouped under `x`.
  const counterTotal = (family: string): boolean => hasType(family, ['counter']) || (untyped(family) && (groups.get(family)?.includes(family) ?? false));
  const summaryPair = (base: string): boolean => groups.get(base)?.some((x) => x === base + '_sum' || x === base + '_count') ?? false;
  const createdOf = new Set<string>();
  for (const n of created) {
    const base = n.slice(0, -8);
    const family = counterTotal(base + '_total') ? base + '_total' : hasType(base, ['histogram', 'summary', 'gaugehistogram']) || summaryPair(base) ? base : n;
    if (family !== n) createdOf.add(n);
    const g = groups.get(family);
    if (g) g.push(n);
    else groups.set(family, [n]);
  }
  // A `_gsum`/`_gcount` gauge of a histogram `x` of the export (client_python's gauge histogram in 0.0.4 text).
  const partOf = new Set<string>();
  for (const n of parts) {
    const base = gaugeHistogramPartBase(n)!;
    const isHistogram = groups.get(base)?.some((x) => names[x]!.types.some((t) => t === 'histogram' || t === 'gaugehistogram') || names[x]!.shape === 'bucket') ?? false;
    const family = isHistogram ? base : n;
    if (isHistogram) partOf.add(n);
    const g = groups.get(family);
    if (g) g.push(n);
    else groups.set(family, [n]);
  }
  const out: MetricFamily[] = [];
  for (const name of [...groups.keys()].sort()) {
    const members = groups.get(name)!.sort();
    const f: MetricFamily = { name, members, points: 0, types: [], units: [], exposition: false, carriesMetadata: false, described: 0, bounds: [], examples: [] };
    for (const n of members) {
      const st = names[n]!;
      const timestamps = createdOf.has(n);
      f.points += st.points;
      if (!timestamps && !partOf.has(n)) for (const v of st.types) addSmall(f.types, v);
      for (const v of st.units) addSmall(f.units, v);
      if (st.exposition) f.exposition = true;
      if (!timestamps && st.points > (st.noMetadata ?? 0)) f.carriesMetadata = true;
      if (!timestamps) f.described += st.described;
      for (const v of st.bounds) addSmall(f.bounds, v);
      const ex = st.examples[0];
      if (ex && !timestamps && (f.examples.length === 0 || compareExamples(ex, f.examples[0]!) < 0)) f.examples = [{ ...ex }];
    }
    const own = members.length === 1 && members[0] === name ? names[name]! : undefined;
    if (own && own.types.length > 0 && own.types.every((t) => t === 'gauge' || t === 'unknown') && Object.prototype.hasOwnProperty.call(own.labels, name)) f.stateLabel = true;
    out.push(f);
  }
  return out;
}

/**
 * Whether member `member` of metric `family` is its creation time (`x_created` of the histogram or
 * summary `x`, of the counter `x_total`): a timestamp of the metric, not a series of it, as an
 * OTLP point's start time is.
 */
export function isCreatedMember(family: string, member: string): boolean {
  if (member === family) return false;
  return member === (family.endsWith('_total') ? family.slice(0, -6) : family) + '_created';
}

/**
 * The series a Prometheus-like store keeps for one sample name: one per label set, and for a point
 * of a classic histogram or summary those its text exposition writes (addStoredSeries): a
 * histogram's label sets × (buckets + 2), a summary's × (quantiles + 2); an exponential or native
 * histogram is one native-histogram series per label set. The same histogram read from OTLP or
 * from a Prometheus exposition (`_bucket`, `_sum`, `_count`) gives the same count. `labelSets`: the
 * name's distinct label sets. `approximate` when a sketch estimated either.
 */
export function storedSeries(st: MetricNameState): { series: number; labelSets: number; approximate: boolean } {
  const sketch = DistinctSketch.from(st.series, 256);
  const labelSets = Math.min(sketch.count(), st.points);
  let series = labelSets;
  let approximate = sketch.approximate;
  if (st.fanout) {
    for (const w of Object.keys(st.fanout)) {
      const f = DistinctSketch.from(st.fanout[w]!, 256);
      series += (Number(w) - 1) * f.count();
      approximate ||= f.approximate;
    }
  }
  return { series, labelSets, approximate };
}

/**
 * The distinct metric names a service has (sample names, as the profile keeps them): those kept
 * in detail and those past NAMES_CAP, only counted. `approximate` past NAMES_COUNT_CAP.
 */
export function metricNameTotal(m: MetricProfileState): { kept: number; total: number; approximate: boolean } {
  const kept = Object.keys(m.names).length;
  if (!m.namesOver) return { kept, total: kept, approximate: false };
  if (m.namesOver.exact) {
    let over = 0;
    for (const n of m.namesOver.exact) if (!Object.prototype.hasOwnProperty.call(m.names, n)) over++;
    return { kept, total: kept + over, approximate: false };
  }
  return { kept, total: kept + DistinctSketch.from(m.namesOver, NAMES_COUNT_CAP).count(), approximate: true };
}

/** The service's series the series store sampled from (MetricProfileState.storeSeries). */
export function storeSeriesTotal(m: MetricProfileState | undefined): { total: number; approximate: boolean } | undefined {
  if (!m?.storeSeries) return undefined;
  const sk = DistinctSketch.from(m.storeSeries, STORE_SERIES_EXACT);
  return { total: sk.count(), approximate: sk.approximate };
}

/** Why the metric-name rules ran on a sample of a service's names. */
export const NAMES_SAMPLE_WHY = `past ${NAMES_CAP} metric names per service the name checks run on names picked by a hash, the others counted`;

/**
 * The sample of names the metric-name rules read of a service past NAMES_CAP (the names it keeps
 * of all it has, as sample names are read: `x_bucket` and `x_sum` are two); undefined below it.
 */
export function namesSample(m: MetricProfileState | undefined): SampleInfo | undefined {
  if (!m) return undefined;
  const t = metricNameTotal(m);
  if (t.total <= t.kept) return undefined;
  return { unit: 'metric sample names', size: t.kept, total: t.total, ...(t.approximate ? { estimated: true as const } : {}), share: t.kept / t.total };
}

/**
 * Whether `key` of member `member` is part of how its metric is written rather than a label of the
 * metric: `le` of a histogram's `_bucket` samples, `quantile` of a summary's quantile samples.
 */
export function isStructuralLabel(family: string, member: string, st: MetricNameState, key: string): boolean {
  if (key === 'le') return member === family + '_bucket';
  if (key === 'quantile') return member === family && (st.types.includes('summary') || st.shape === 'quantile');
  return false;
}
