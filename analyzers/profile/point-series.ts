// The series of a metric point, found once per point and shared by every collector that keys
// points by series (signals summary, metric profile, series store, correlation) and by the metric
// excerpt. Each collector used to build its own key string from every label of every point
// (sorted, JSON-quoted), the profile scanned the labels for secrets, and examples rendered and
// masked the labels again; a series' points share all of that, so it is computed once per series
// and looked up per point: the previous point's series first (the points of a series often come
// in a row, and the collectors of one record ask one after the other), else by a hash of the
// name, label values and service. Either way the point is compared with the series it is given:
// name, unit, type (the excerpt shows both), service name, origin (resource and scope) and every label key and
// value in order, so a hit can never be stale, not even when a decoder reuses and changes one
// labels object. In order: the secret scan reports the first finding in label order, so label
// order is part of what a cached value is made of.
// Memory is bounded: a 2-way set-associative table of SLOTS entries, a new series replacing the
// older of its two slots. Input where nearly every point is a series of its own (a label that
// changes on every point) gains nothing from the table and pays for it in objects that live long
// enough to be promoted (200k such points: +120 MB peak RSS): after a window of MISS_WINDOW
// misses with fewer hits than misses, the next OFF_POINTS new points get a series of their own
// that is not stored (`shared` false), then the table is tried again (and a table grown past
// SLOTS is shrunk back, so stale series of such input are never held more than SLOTS at a time).
// A working set larger than the table met in a cycle (a wide CSV's columns, row after row: the
// least recently used of a 2-way set is the one that comes next) misses on series it evicted:
// the hashes of evicted series are remembered (a table of MAX_SLOTS numbers), and a window where
// half the misses or more are such returns doubles the table, up to MAX_SLOTS, so each of those
// series is made once, not once per row (points that never repeat never return).
import type { MetricPoint, Resource } from '../model/index.js';
import type { SeriesExcerpt } from './examples.js';
import { findSensitiveInAttributes, type SensitiveKind } from './sensitive.js';
import { recordServiceOf } from './service.js';
import { hash32 } from './hash.js';

const SLOTS = 1 << 14;
/** The most slots the table grows to (series held at most: the table's entries). */
export const MAX_SLOTS = 1 << 16;

/**
 * What tells the series of one metric and label set apart beyond the service name: in
 * OpenTelemetry a series is identified by its resource (every attribute: `host.name`,
 * `k8s.pod.name`, `service.instance.id`…) and its instrumentation scope. The hostmetrics of ten
 * hosts are ten series, not one that jumps between hosts (which read as resets and jitter).
 * Computed once per resource object (importers share them between the points of a resource).
 */
const resourceOrigins = new WeakMap<Resource, { base: string; byScope: Map<string, string> | undefined }>();

function resourceOrigin(r: Resource): { base: string; byScope: Map<string, string> | undefined } {
  let o = resourceOrigins.get(r);
  if (o === undefined) {
    const a = r.attributes;
    const keys = Object.keys(a).filter((k) => k !== 'service.name' && k !== 'service.instance.id').sort();
    let base = r.serviceInstanceId === undefined ? '' : 'service.instance.id\u0002' + r.serviceInstanceId + '\u0001';
    for (const k of keys) {
      const v = a[k];
      base += k + '\u0002' + (typeof v === 'string' ? v : JSON.stringify(v)) + '\u0001';
    }
    o = { base, byScope: undefined };
    resourceOrigins.set(r, o);
  }
  return o;
}

/**
 * The series origin of a point: its resource's identity (beyond the service name), its scope and
 * the file its series is bound to (`seriesFile`: a CSV column is a series of its own file).
 * Found per point on the hot path: one string per resource and scope, built once and looked up.
 */
export function seriesOrigin(p: MetricPoint): string {
  const o = resourceOrigin(p.resource);
  const scope = p.scope?.name;
  let origin = o.base;
  if (scope !== undefined && scope !== '') {
    let withScope = (o.byScope ??= new Map()).get(scope);
    if (withScope === undefined) {
      withScope = o.base + '\u0004' + scope;
      if (o.byScope.size < 64) o.byScope.set(scope, withScope);
    }
    origin = withScope;
  }
  const file = p.seriesFile;
  return file === undefined ? origin : withFile(origin, file);
}

/** The last origin and file joined (the points of a file come in a run: one string for them). */
let lastOrigin = '';
let lastFile = '';
let lastWithFile = '\u0005';

function withFile(origin: string, file: string): string {
  if (origin !== lastOrigin || file !== lastFile) {
    lastOrigin = origin;
    lastFile = file;
    lastWithFile = origin + '\u0005' + file;
  }
  return lastWithFile;
}

/**
 * A series origin's hash, kept: the origin (every resource attribute) may be hundreds of
 * characters, and the same string object comes back for every point of the resource (V8 keeps a
 * string's own hash, so the lookup does not read it again).
 */
const originHashes = new Map<string, number>();

function originHash(origin: string): number {
  let h = originHashes.get(origin);
  if (h === undefined) {
    h = hashChars(0x811c9dc5 ^ 1, origin);
    if (originHashes.size >= 4096) originHashes.clear();
    originHashes.set(origin, h);
  }
  return h;
}

const MISS_WINDOW = 256;
const OFF_POINTS = 16_384;

/** What the collectors key a series by, and what its excerpt is made of; computed once per series. */
export class PointSeries {
  /** Label keys and values in the labels object's own order (strings of the first point seen). */
  readonly keys: string[] = [];
  readonly values: string[] = [];
  readonly name: string;
  readonly unit: string | undefined;
  readonly type: MetricPoint['type'];
  readonly serviceName: string | undefined;
  /**
   * The service bucket the series is filed under (recordServiceOf: a function of the service name,
   * the labels and the resource, which the series fixes), and the label it was named by.
   */
  readonly service: { name: string; from?: string; spelling?: string };
  /** The resource (beyond the service name) and scope the series comes from (seriesOrigin). */
  readonly origin: string;
  /** The signals summary's series identity (`seriesKey`). */
  readonly signalsKey: string;
  /** keyDigest(signalsKey) (analysis/distinct.ts), set by the signals summary when first counted (a wide CSV's columns come one after the other: once per series, not per point). */
  signalsDigest: string | undefined;
  /** The metric profile's series identity within a metric name: labels and instance. */
  readonly profileKey: string;
  /** The series store's key: name, labels, service bucket and instance. */
  readonly storeKey: string;
  /** First secret in the labels (label order), as `findSensitiveInAttributes` reports it. */
  readonly sensitive: { key: string; kind: SensitiveKind } | undefined;
  /** The excerpts of this series' points (examples.ts), set up when one is first rendered. */
  excerpt: SeriesExcerpt | undefined;
  private storeHashValue = -1;

  constructor(
    p: MetricPoint,
    readonly hash: number,
    /** Stored in the index, so later points of the series get this object (worth remembering). */
    readonly shared: boolean,
  ) {
    const labels = p.labels;
    for (const k in labels) {
      this.keys.push(k);
      this.values.push(labels[k]!);
    }
    this.name = p.name;
    this.unit = p.unit;
    this.type = p.type;
    this.serviceName = p.resource.serviceName;
    this.origin = seriesOrigin(p);
    const lk = labelsKey(labels);
    this.signalsKey = seriesKey(p);
    this.service = recordServiceOf(p);
    // (the pods of a service filed under it by their service.name are one service, not one series:
    // each pod's points stay a series of their own; a pod named by a label or resource attribute is
    // in the labels or the origin already)
    const pod = this.service.spelling === undefined || this.service.from !== undefined ? '' : '\u0005' + this.service.spelling;
    this.profileKey = lk + '|' + this.origin + pod;
    this.storeKey = p.name + lk + '|' + this.service.name + '|' + this.origin + pod;
    this.sensitive = findSensitiveInAttributes(labels);
  }

  /** hash32(storeKey), computed on first use (the store hashes only series it has not seen). */
  get storeHash(): number {
    if (this.storeHashValue < 0) this.storeHashValue = hash32(this.storeKey);
    return this.storeHashValue;
  }

  /** Same name, unit, type, service, origin and labels (keys and values in the same order). */
  matches(p: MetricPoint): boolean {
    if (p.name !== this.name || p.unit !== this.unit || p.type !== this.type || p.resource.serviceName !== this.serviceName || seriesOrigin(p) !== this.origin) return false;
    const labels = p.labels;
    const keys = this.keys;
    const values = this.values;
    let i = 0;
    for (const k in labels) {
      if (i >= keys.length || k !== keys[i] || labels[k] !== values[i]) return false;
      i++;
    }
    return i === keys.length;
  }
}

/** Labels in key order with JSON-quoted values: `{a="x",b="y",}`. */
export function labelsKey(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  let k = '{';
  for (const key of keys) k += key + '=' + JSON.stringify(labels[key]) + ',';
  return k + '}';
}

/** Identity of a series: name, labels in key order, and the emitting resource. No JSON, sort only when needed. */
export function seriesKey(p: MetricPoint): string {
  const keys = Object.keys(p.labels);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let k = p.name;
  for (const key of keys) k += '\u0001' + key + '\u0002' + p.labels[key];
  return k + '\u0003' + (p.resource.serviceName ?? '') + '\u0003' + seriesOrigin(p);
}

function hashChars(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0xff, 0x01000193);
}

/** FNV-1a over the name, label values, service and instance (keys, unit and type are compared, not hashed). */
function contentHash(p: MetricPoint): number {
  let h = hashChars(0x811c9dc5, p.name);
  const labels = p.labels;
  for (const k in labels) h = hashChars(h, labels[k]!);
  // Series of one metric and labels from many services or instances (OTLP resources) must spread.
  const r = p.resource;
  if (r.serviceName !== undefined) h = hashChars(h, r.serviceName);
  const origin = seriesOrigin(p);
  if (origin !== '') h ^= originHash(origin);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export class PointSeriesIndex {
  private slots: (PointSeries | undefined)[];
  private mask: number;
  private last: PointSeries | undefined;
  private hits = 0;
  private misses = 0;
  private off = 0;
  /** Misses of the window on a series evicted before (its hash in `evicted`). */
  private returns = 0;
  /** Hashes of evicted series, by their low bits (maxSlots entries). */
  private readonly evicted: Int32Array;

  /** `slots`: a power of two ≥ 2. */
  constructor(
    private readonly minSlots = SLOTS,
    private readonly maxSlots = MAX_SLOTS,
  ) {
    this.slots = new Array<PointSeries | undefined>(minSlots).fill(undefined);
    this.mask = (minSlots - 1) & ~1;
    this.evicted = new Int32Array(maxSlots);
  }

  /** The table's slots now (between minSlots and maxSlots). */
  get size(): number {
    return this.slots.length;
  }

  /** A new table of `n` slots holding the entries of this one that fit (the most recently used of each set first). */
  private resize(n: number): void {
    const old = this.slots;
    this.slots = new Array<PointSeries | undefined>(n).fill(undefined);
    this.mask = (n - 1) & ~1;
    for (let i = 0; i < old.length; i += 2) {
      for (const s of [old[i], old[i + 1]]) {
        if (s === undefined) continue;
        const j = s.hash & this.mask;
        if (this.slots[j] === undefined) this.slots[j] = s;
        else if (this.slots[j + 1] === undefined) this.slots[j + 1] = s;
      }
    }
  }

  of(p: MetricPoint): PointSeries {
    const last = this.last;
    if (last !== undefined && last.matches(p)) return last;
    const s = this.off > 0 ? (this.off--, new PointSeries(p, 0, false)) : this.lookUp(p);
    this.last = s;
    return s;
  }

  private lookUp(p: MetricPoint): PointSeries {
    const h = contentHash(p);
    const i = h & this.mask;
    const slots = this.slots;
    const s = slots[i];
    if (s !== undefined && s.hash === h && s.matches(p)) {
      this.hits++;
      return s;
    }
    const t = slots[i + 1];
    slots[i + 1] = s; // the most recently used first
    if (t !== undefined && t.hash === h && t.matches(p)) {
      this.hits++;
      slots[i] = t;
      return t;
    }
    const evicted = this.evicted;
    const g = h & (evicted.length - 1);
    if (evicted[g] === (h | 0)) this.returns++;
    if (t !== undefined) evicted[t.hash & (evicted.length - 1)] = t.hash | 0;
    if (++this.misses >= MISS_WINDOW) {
      if (this.returns * 2 >= this.misses && this.slots.length < this.maxSlots) this.resize(this.slots.length * 2);
      else if (this.hits < this.misses) {
        this.off = OFF_POINTS;
        if (this.slots.length > this.minSlots) this.resize(this.minSlots);
      }
      this.returns = 0;
      this.hits = 0;
      this.misses = 0;
    }
    const n = new PointSeries(p, h, true);
    const now = this.slots;
    if (now === slots) slots[i] = n;
    else {
      // (resized above: the new table's set, the most recently used first)
      const j = h & this.mask;
      now[j + 1] = now[j];
      now[j] = n;
    }
    return n;
  }
}

/** One index per thread, shared by the collectors of every analysis in it (entries are pure functions of their content). */
const shared = new PointSeriesIndex();

/** The series of `p`: its keys, secret scan and excerpt parts, computed once per series. */
export function pointSeries(p: MetricPoint): PointSeries {
  return shared.of(p);
}
