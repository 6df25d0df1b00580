// Per-service, per-metric-name facts: declared type/unit/description, histogram bounds, series and
// attribute-value cardinality (sketches, never sets of every value) and the time covered.
import type { MetricPoint } from '../model/index.js';
import { Checks, type ChecksState } from './checks.js';
import { addExample, compareExamples, exampleOf, mergeExamples, wouldKeep, type ExampleRecord } from './examples.js';
import { bucketBase, declaredMetricName, isSiblingName, siblingBase, untypedShape, type UntypedShape } from './metric-family.js';
import { pointSeries } from './point-series.js';
import { DistinctSketch, type SketchState } from './sketch.js';

const NAMES_CAP = 1_000;
const LABEL_KEYS_CAP = 16;
const SMALL_SET_CAP = 8;

export interface MetricNameState {
  points: number;
  types: string[];
  units: string[];
  /** Read from a Prometheus or OpenMetrics exposition, whose units are OpenMetrics' base-unit words (`seconds`, `bytes`). */
  exposition?: true;
  /** The metric this sample name is part of, when its exposition declares another (`x` for `x_bucket`; metric-family.ts). */
  family?: string;
  /** Untyped samples of this name are buckets or quantiles (metric-family.ts). */
  shape?: UntypedShape;
  described: number;
  temporalities: string[];
  bounds: string[];
  series: SketchState;
  labels: Record<string, SketchState>;
  firstNs?: string;
  lastNs?: string;
  examples: ExampleRecord[];
}

export interface MetricProfileState {
  points: number;
  checks: ChecksState;
  names: Record<string, MetricNameState>;
  namesDropped: number;
}

function addSmall(list: string[], v: string): void {
  if (list.includes(v) || list.length >= SMALL_SET_CAP) return;
  list.push(v);
  list.sort();
}

interface NameEntry {
  points: number;
  types: string[];
  units: string[];
  exposition: boolean;
  family: string | undefined;
  shape: UntypedShape | undefined;
  described: number;
  temporalities: string[];
  bounds: string[];
  series: DistinctSketch;
  labels: Map<string, DistinctSketch>;
  firstNs: bigint | undefined;
  lastNs: bigint | undefined;
  examples: ExampleRecord[];
}

function newEntry(): NameEntry {
  return { points: 0, types: [], units: [], exposition: false, family: undefined, shape: undefined, described: 0, temporalities: [], bounds: [], series: new DistinctSketch(256), labels: new Map(), firstNs: undefined, lastNs: undefined, examples: [] };
}

export class MetricProfile {
  points = 0;
  readonly checks = new Checks();
  private readonly names = new Map<string, NameEntry>();
  private namesDropped = 0;

  add(p: MetricPoint): void {
    this.points++;
    // Keys, secret scan and label strings of the point's series, computed once per series.
    const series = pointSeries(p);
    const sensitive = series.sensitive;
    this.checks.record('metric.timestamp', p.timeNs !== undefined && p.timeNs !== 0n, p, 'no timestamp');
    this.checks.record('metric.sensitive', sensitive === undefined, p, sensitive ? `${sensitive.kind} in label ${sensitive.key}` : undefined);
    let e = this.names.get(p.name);
    if (!e) {
      if (this.names.size >= NAMES_CAP) {
        this.namesDropped++;
        return;
      }
      e = newEntry();
      this.names.set(p.name, e);
    }
    e.points++;
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
    const keys = series.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      let sk = e.labels.get(k);
      if (!sk) {
        if (e.labels.size >= LABEL_KEYS_CAP) continue;
        sk = new DistinctSketch();
        e.labels.set(k, sk);
      }
      sk.add(series.values[i]!);
    }
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
      for (const k of [...e.labels.keys()].sort()) labels[k] = e.labels.get(k)!.state();
      const s: MetricNameState = { points: e.points, types: [...e.types], units: [...e.units], ...(e.exposition ? { exposition: true as const } : {}), ...(e.family !== undefined ? { family: e.family } : {}), ...(e.shape !== undefined ? { shape: e.shape } : {}), described: e.described, temporalities: [...e.temporalities], bounds: [...e.bounds], series: e.series.state(), labels, examples: e.examples.map((x) => ({ ...x })) };
      if (e.firstNs !== undefined) s.firstNs = e.firstNs.toString();
      if (e.lastNs !== undefined) s.lastNs = e.lastNs.toString();
      names[n] = s;
    }
    return { points: this.points, checks: this.checks.state(), names, namesDropped: this.namesDropped };
  }

  merge(s: MetricProfileState): void {
    this.points += s.points;
    this.namesDropped += s.namesDropped;
    this.checks.merge(s.checks);
    for (const n of Object.keys(s.names)) {
      const o = s.names[n]!;
      let e = this.names.get(n);
      if (!e) {
        if (this.names.size >= NAMES_CAP) {
          this.namesDropped++;
          continue;
        }
        e = newEntry();
        this.names.set(n, e);
      }
      e.points += o.points;
      for (const v of o.types) addSmall(e.types, v);
      for (const v of o.units) addSmall(e.units, v);
      if (o.exposition) e.exposition = true;
      e.family ??= o.family;
      e.shape ??= o.shape;
      e.described += o.described;
      for (const v of o.temporalities) addSmall(e.temporalities, v);
      for (const v of o.bounds) addSmall(e.bounds, v);
      e.series.merge(o.series);
      for (const k of Object.keys(o.labels)) {
        let sk = e.labels.get(k);
        if (!sk) {
          if (e.labels.size >= LABEL_KEYS_CAP) continue;
          sk = new DistinctSketch();
          e.labels.set(k, sk);
        }
        sk.merge(o.labels[k]!);
      }
      if (o.firstNs !== undefined && (e.firstNs === undefined || BigInt(o.firstNs) < e.firstNs)) e.firstNs = BigInt(o.firstNs);
      if (o.lastNs !== undefined && (e.lastNs === undefined || BigInt(o.lastNs) > e.lastNs)) e.lastNs = BigInt(o.lastNs);
      mergeExamples(e.examples, o.examples, 1);
    }
  }
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
  described: number;
  bounds: string[];
  /** The example of its members read first (the exposition's first sample of the metric). */
  examples: ExampleRecord[];
}

/**
 * The metrics a naming, type, unit or series rule judges: sample names grouped into the metric
 * they are samples of (metric-family.ts: declared families, then the untyped conventions), sorted
 * by name. The empty name, which a computed query's series have (`sum by (job) (rate(…))` in a
 * Prometheus API answer, a long CSV's empty name column), has no name to judge: left out unless
 * `withUnnamed` (its series and labels still count).
 */
export function metricFamilies(m: { names: Record<string, MetricNameState> }, withUnnamed = false): MetricFamily[] {
  const names = m.names;
  const untyped = (n: string): boolean => {
    const st = Object.prototype.hasOwnProperty.call(names, n) ? names[n] : undefined;
    return st !== undefined && st.family === undefined && st.types.every((t) => t === 'unknown');
  };
  const isBase = (b: string): boolean => (untyped(b) && names[b]!.shape === 'quantile') || (untyped(b + '_bucket') && names[b + '_bucket']!.shape === 'bucket');
  const groups = new Map<string, string[]>();
  for (const n of Object.keys(names).sort()) {
    if (n === '' && !withUnnamed) continue;
    const st = names[n]!;
    let family = st.family;
    if (family === undefined && untyped(n)) {
      if (st.shape === 'bucket') family = bucketBase(n);
      else if (isSiblingName(n)) family = siblingBase(n, isBase, untyped);
    }
    family ??= n;
    const g = groups.get(family);
    if (g) g.push(n);
    else groups.set(family, [n]);
  }
  const out: MetricFamily[] = [];
  for (const name of [...groups.keys()].sort()) {
    const members = groups.get(name)!;
    const f: MetricFamily = { name, members, points: 0, types: [], units: [], exposition: false, described: 0, bounds: [], examples: [] };
    for (const n of members) {
      const st = names[n]!;
      f.points += st.points;
      for (const v of st.types) addSmall(f.types, v);
      for (const v of st.units) addSmall(f.units, v);
      if (st.exposition) f.exposition = true;
      f.described += st.described;
      for (const v of st.bounds) addSmall(f.bounds, v);
      const ex = st.examples[0];
      if (ex && (f.examples.length === 0 || compareExamples(ex, f.examples[0]!) < 0)) f.examples = [{ ...ex }];
    }
    out.push(f);
  }
  return out;
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
