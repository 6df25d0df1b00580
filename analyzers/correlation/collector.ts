// The correlation collector: folds every decoded record into a bounded, mergeable summary that
// correlation rules, the dependency graph, symptom detection and root-cause replay read.
//
// Memory bounds (all plain structured-clone-safe state, merged in any order with the same result):
// - span ids and trace ids, for resolving the logs and exemplars of the samples below: an exact
//   set (hex ids packed in typed arrays, see profile/id-set.ts) up to SPAN_ID_EXACT_CAP, then a
//   Bloom filter sized for SPAN_ID_BLOOM_CAPACITY ids at 1 % false-positive rate (the report
//   states the achieved rate). At a run's detail level D > 0 (../analysis/detail.ts) only the ids
//   of the spans of the detail sample are held (1 trace in 2^D, by the one trace hash), and the log
//   and exemplar samples start at level D: every log or exemplar checked names a trace of the
//   detail sample, whose ids are all held — its span's too, when the export has it. Nothing else
//   reads the ids (the trace count comes from the signals' own set at D > 0);
// - (traces kept whole for structure checks are not here: the analysis's sampled traces,
//   ../analysis/sampled-traces.ts, which the profile reads too, are handed to analyzeCorrelation);
// - logs with trace context and exemplars: the same hash rule, each with its own cap (from level D);
// - per-service log counts and per-series metric statistics in time buckets whose width starts at
//   10 s and doubles when any series would need more than MAX_BUCKETS buckets, or when the
//   series and log services together would hold more than TOTAL_BUCKETS (each bucket is a few
//   objects: 20,000 series × 2,048 buckets would be gigabytes; the report states the width and,
//   when the total is near the cap, that it set it).
//
// Hot path (one call per decoded record; a scrape has millions of points): a metric point finds its
// series through an order-independent hash of its labels, confirmed by comparing the labels
// themselves (decoders may build or reuse label objects freely) — a gauge or counter point of a
// series met before finds it through its object in the shared per-series index (profile/
// point-series.ts) without either — and updates its bucket stat in
// place (the last-touched bucket is cached). The canonical key — name, sorted labels, service —
// is built once per distinct label set, and bucket maps become the state's records in state().
import type { AttrValue, LogRecord, MetricPoint, SignalRecord, Span } from '../model/index.js';
import { attrTextHead, metricExcerpt } from '../profile/examples.js';
import type { Collector } from '../analysis/collector.js';
import { readServiceName, baseServiceName } from './service-identity.js';
import { bloomAdd, bloomAddIdWords, bloomHas, bloomMerge, createBloom, type BloomState } from './sketches.js';
import { IdSet, idWords, parseHexId, type IdSetSizes, type IdSetState } from '../profile/id-set.js';
import { pointSeries, seriesOrigin, type PointSeries } from '../profile/point-series.js';
import { keepAtLevel } from '../analysis/trace-ids.js';
import { LenientTraceIds } from '../analysis/trace-ids.js';
import { setOwn } from '../model/own-key.js';
import { hash32 as keyHash } from '../profile/hash.js';
import { BottomK } from '../profile/bottom-k.js';

export const SPAN_ID_EXACT_CAP = 1_000_000;
export const SPAN_ID_BLOOM_CAPACITY = 20_000_000;
export const SPAN_ID_BLOOM_FPR = 0.01;
export const LOG_SAMPLE_CAP = 50_000;
export const EXEMPLAR_SAMPLE_CAP = 50_000;
/**
 * Metric series kept (the MAX_SERIES of lowest key hash: bottom-k.ts); as many more are counted
 * dropped by key (the next MAX_SERIES by hash), past that not counted.
 */
export const MAX_SERIES = 20_000;
export const MAX_BUCKETS = 2048;
/** Buckets of every metric series and log service together (≈150 bytes each: ≈40 MB). */
export const TOTAL_BUCKETS = 262_144;
export const INITIAL_BUCKET_S = 10;
/** Service names kept with their records (signal, source, name): the MAX_NAMES of lowest key hash (bottom-k.ts). */
export const MAX_NAMES = 5_000;
/** Log services whose time buckets are kept: the MAX_LOG_SERVICES of lowest name hash (bottom-k.ts). */
export const MAX_LOG_SERVICES = 2_000;
const MAX_EXAMPLES = 5;
/** Distinct label sets remembered by the series index (kept series and dropped ones). */
const MAX_INDEX_ENTRIES = 2 * MAX_SERIES;
/** Series objects remembered with their index entry (each holds its labels: bounded, emptied when full). */
const SERIES_MEMO_CAP = 4_096;

/** [traceId, spanId|'', timeMs|NaN, service base|'', file, line|-1, excerpt]. */
export type StoredRef = [string, string, number, string, string, number, string];
/** [count, sum, min, max, lastTimeMs, lastValue] of the finite values that fell in one bucket. */
export type BucketStat = [number, number, number, number, number, number];

export interface SeriesState {
  name: string;
  service: string;
  labels: Record<string, string>;
  type: string;
  /** Cumulative monotonic counter: replay reads its increase per bucket, not its level. */
  cumulative: boolean;
  unit: string;
  points: number;
  firstMs: number;
  lastMs: number;
  buckets: Record<number, BucketStat>;
}

export interface NameStat {
  signal: 'traces' | 'logs' | 'metrics';
  raw: string;
  from: string;
  pod: boolean;
  records: number;
  file: string;
  line: number;
}

export interface ExampleRef {
  file: string;
  line: number;
  excerpt: string;
  /** What makes two examples of one line the same one (a metric's name: the points of one OTLP export share its line). */
  key?: string;
}

export interface CorrelationState {
  bucketS: number;
  names: Record<string, NameStat>;
  /** idExact: span ids and trace ids (unprefixed) while exact; idBloom holds 's:'/'t:'-prefixed keys after. */
  spans: {
    count: number;
    idExact: { spans: IdSetState; traces: IdSetState } | null;
    idBloom: BloomState | null;
    /**
     * The run's detail level D when > 0: idExact/idBloom hold only the ids of the spans of traces
     * in the detail sample (trace hash with D leading zero bits), and logs.level, metrics.level ≥ D.
     * Absent: every span's ids are held.
     */
    detailLevel?: number;
    /**
     * A Bloom filter of the very ids of idExact, built ahead by the thread that sent this state
     * (prepareMerge) when the union with the ids elsewhere may pass the exact cap: the merge then
     * ORs it in (same bits and count as adding the ids one by one) instead of adding them serially.
     */
    idExactBloom?: BloomState;
    /** 64-bit trace ids read from a Zipkin input (Span.lenientTraceId), at most LENIENT_ID_CAP (trace-ids.ts LenientTraceIds): the trace count joins them (lenientJoinCount). */
    lenientTraceIds?: string[];
    /** More lenient ids than the cap: the joined trace count is an estimate. */
    lenientOverflow?: true;
  };
  logs: {
    records: number;
    withTraceId: number;
    withSpanId: number;
    level: number;
    sample: StoredRef[];
    buckets: Record<string, Record<number, [number, number]>>;
    noContextExamples: ExampleRef[];
  };
  metrics: {
    points: number;
    pointsWithExemplars: number;
    exemplars: number;
    exemplarsWithTraceId: number;
    level: number;
    exemplarSample: StoredRef[];
    series: Record<string, SeriesState>;
    /** Distinct series not kept (past MAX_SERIES), counted up to MAX_SERIES: droppedKeys.length. */
    droppedSeries: number;
    /** Their keys: the MAX_SERIES keys after the kept ones by hash (bottom-k.ts), so that states merge to the same count. */
    droppedKeys: string[];
    noExemplarExamples: ExampleRef[];
  };
  ranges: Record<'traces' | 'logs' | 'metrics', [number, number] | null>;
  /** The records at each end of each signal's range (COR-010's evidence); absent in states of older builds. */
  rangeEnds?: Record<'traces' | 'logs' | 'metrics', [ExampleRef, ExampleRef] | null>;
}

/** A series while collecting: its state (buckets filled in by state()) and its buckets as a map with the last-touched bucket cached. */
interface SeriesAcc {
  state: SeriesState;
  /** Displaced by a series of lower key hash (bottom-k.ts): its index entries add nothing more. */
  dead: boolean;
  buckets: Map<number, BucketStat>;
  lastBucket: number;
  lastStat: BucketStat | undefined;
}

function newSeriesAcc(state: SeriesState): SeriesAcc {
  return { state, dead: false, buckets: new Map(), lastBucket: NaN, lastStat: undefined };
}

/** One label set seen under a hash: its exact labels (null-prototype copy) and the series it maps to (undefined: dropped). */
interface SeriesIndexEntry {
  name: string;
  service: string;
  /** The resource (beyond the service) and scope of the series (point-series.ts seriesOrigin). */
  origin: string;
  labels: Record<string, string>;
  labelCount: number;
  acc: SeriesAcc | undefined;
  next: SeriesIndexEntry | undefined;
}

/** FNV-1a over a string's UTF-16 units, continuing from `h` (no finaliser: callers mix). */
function hashString(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Order-independent hash of a label set: the sum of each (key, value) pair's mixed hash. */
function hashLabels(labels: Record<string, string>): number {
  let sum = 0;
  for (const k in labels) {
    let h = hashString(labels[k]!, hashString(k, 0x811c9dc5) ^ 0x3d);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    sum = (sum + h) | 0;
  }
  return sum;
}

function sameLabels(known: Record<string, string>, count: number, labels: Record<string, string>): boolean {
  let n = 0;
  for (const k in labels) {
    if (known[k] !== labels[k]) return false;
    n++;
  }
  return n === count;
}

const nsToMs = (ns: bigint): number => Number(ns / 1000n) / 1000;

/** Whether record or example `a` comes before `b` by file, then line (an example without a file last). */
function before(a: SignalRecord | ExampleRef, b: SignalRecord | ExampleRef): boolean {
  const [fa, la] = 'kind' in a ? [a.source.file, a.source.line ?? -1] : [a.file, a.line];
  const [fb, lb] = 'kind' in b ? [b.source.file, b.source.line ?? -1] : [b.file, b.line];
  if (fa === '' || fb === '') return fb === '' && fa !== '';
  return fa !== fb ? fa < fb : la < lb;
}

function excerptOf(value: unknown, max = 200): string {
  // Objects rendered only as far as shown (a log body of a million members); the rest as before.
  const s = typeof value === 'string' ? value : value !== null && typeof value === 'object' ? attrTextHead(value as AttrValue, max + 1) : JSON.stringify(value) ?? '';
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

// (what a client span calls, and whether a parent reference is FOLLOWS_FROM: read where the spans are stored)
export { followsFrom, peerOf } from '../analysis/sampled-traces.js';

function isErrorLog(r: LogRecord): boolean {
  if (r.severityNumber !== undefined && r.severityNumber > 0) return r.severityNumber >= 17;
  if (r.severityText !== undefined && r.severityText !== '') return /^(err|error|fatal|crit|critical|alert|emerg|emergency|severe|panic)$/i.test(r.severityText.trim());
  const body = typeof r.body === 'string' ? r.body.slice(0, 500) : '';
  return /\b(ERROR|FATAL|CRITICAL|PANIC)\b|Exception\b|\bTraceback\b/.test(body);
}

function compareRef(a: ExampleRef, b: ExampleRef): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.excerpt < b.excerpt ? -1 : a.excerpt > b.excerpt ? 1 : 0);
}

/** Whether an example at file:line would enter a full list (checked before building its excerpt). */
function exampleFits(list: ExampleRef[], file: string, line: number): boolean {
  if (list.length < MAX_EXAMPLES) return true;
  const last = list[list.length - 1]!;
  return file < last.file || (file === last.file && line < last.line);
}

function pushExample(list: ExampleRef[], ex: ExampleRef): void {
  if (list.length >= MAX_EXAMPLES && compareRef(ex, list[list.length - 1]!) >= 0) return;
  // (the points of one OTLP export share its line: the same metric name there is one example, not five)
  if (list.some((x) => compareRef(x, ex) === 0 || (ex.key !== undefined && x.key === ex.key && x.file === ex.file && x.line === ex.line))) return;
  list.push(ex);
  list.sort(compareRef);
  if (list.length > MAX_EXAMPLES) list.length = MAX_EXAMPLES;
}

export function emptyCorrelationState(): CorrelationState {
  return {
    bucketS: INITIAL_BUCKET_S,
    names: {},
    spans: { count: 0, idExact: { spans: new IdSet().state(), traces: new IdSet().state() }, idBloom: null },
    logs: { records: 0, withTraceId: 0, withSpanId: 0, level: 0, sample: [], buckets: {}, noContextExamples: [] },
    metrics: { points: 0, pointsWithExemplars: 0, exemplars: 0, exemplarsWithTraceId: 0, level: 0, exemplarSample: [], series: {}, droppedSeries: 0, droppedKeys: [], noExemplarExamples: [] },
    ranges: { traces: null, logs: null, metrics: null },
  };
}

/** Raise a sample's level (keepAtLevel of its trace ids) until it holds at most `cap` entries. */
function fitSample(sample: StoredRef[], level: number, cap: number): [StoredRef[], number] {
  while (sample.length > cap) {
    level++;
    const at = level;
    sample = sample.filter((x) => keepAtLevel(x[0], at));
  }
  return [sample, level];
}

function mergeStat(into: BucketStat | undefined, s: BucketStat): BucketStat {
  if (!into) return [...s] as BucketStat;
  const later = lastWins(s[4], s[5], into[4], into[5]);
  return [into[0] + s[0], into[1] + s[1], Math.min(into[2], s[2]), Math.max(into[3], s[3]), later ? s[4] : into[4], later ? s[5] : into[5]];
}

/**
 * Whether the value `v` at `ms` is a bucket's last value rather than `cur` at `curMs`: the later one;
 * at the same ms the larger (a cumulative counter's later value; any rule of the values alone, so
 * that points of one ms read in any order or merged from any split give the same last value — the
 * one read last won, and a split run's merge order decided).
 */
function lastWins(ms: number, v: number, curMs: number, cur: number): boolean {
  return ms > curMs || (ms === curMs && v > cur);
}

/** A gauge or counter point's series is a cumulative monotonic counter (replay reads its increase per bucket). */
function isCumulativeCounter(p: MetricPoint): boolean {
  return (p.temporality === 'cumulative' || (p.temporality === 'unspecified' && p.type === 'counter')) && p.type === 'counter';
}

/**
 * A series whose points disagree (one name written as a cumulative sum by some exports, as a gauge by
 * others, same labels) takes the type, temporality and unit of its earliest point; at a tie of times,
 * whether (`cumulative`, `type`, `unit`) come before the series' own: a cumulative counter first, then
 * by type and unit. A rule of the points alone: the first read decided, so a split run, whose merge
 * order decides, replayed the series otherwise than one pass.
 */
function seriesKindBefore(cumulative: boolean, type: string, unit: string, s: SeriesState): boolean {
  if (cumulative !== s.cumulative) return cumulative;
  if (type !== s.type) return type < s.type;
  return unit < s.unit;
}

/** What a correlation collector tells another thread ahead of a merge (Collector.mergeSize). */
export interface CorrelationMergeSize {
  /** Span and trace ids held exactly; a number past the exact cap once they are in the Bloom filter. */
  ids: number;
  /** The exact sets' table sizes (while exact), for the merging side to make room for them. */
  spanIds?: IdSetSizes;
  traceIds?: IdSetSizes;
}

export class CorrelationCollector implements Collector<CorrelationState, CorrelationMergeSize> {
  private bucketS = INITIAL_BUCKET_S;
  /** Buckets held by the series and the log services together (≤ TOTAL_BUCKETS once widened). */
  private bucketCount = 0;
  private readonly names = new Map<string, NameStat>();
  private spanCount = 0;
  private idExact: { spans: IdSet; traces: IdSet } | null = { spans: new IdSet(), traces: new IdSet() };
  private idBloom: BloomState | null = null;
  /** A Bloom filter of the exact ids, built ahead of a merge (prepareMerge); valid while the exact sets hold `size` ids. */
  private readyBloom: { bloom: BloomState; size: number } | null = null;
  private readonly idExactCap: number;
  private readonly idBloomCapacity: number;

  /**
   * `limits`: smaller span-id limits, for tests that must cross them cheaply; `detailLevel`: the
   * run's detail level (../analysis/detail.ts): the ids held and the log and exemplar samples start there.
   */
  constructor(limits: { spanIdExactCap?: number; spanIdBloomCapacity?: number; detailLevel?: number } = {}) {
    const level = Math.max(0, limits.detailLevel ?? 0);
    // (the ids are held for the detail sample only; the log and exemplar samples never go below it)
    this.idLevel = level;
    this.logLevel = level;
    this.exemplarLevel = level;
    this.idExactCap = limits.spanIdExactCap ?? SPAN_ID_EXACT_CAP;
    this.idBloomCapacity = limits.spanIdBloomCapacity ?? SPAN_ID_BLOOM_CAPACITY;
  }
  /** The detail level of the ids held (0: every span's): the run's, or the highest merged in. */
  private idLevel: number;
  private logs = { records: 0, withTraceId: 0, withSpanId: 0 };
  private logLevel = 0;
  private logSample: StoredRef[] = [];
  private readonly logBuckets = new Map<string, Map<number, [number, number]>>();
  /** The keys of names, logBuckets and series (bottom-k.ts: the same kept set for any split or order). */
  private keptNames = new BottomK(MAX_NAMES);
  private keptLogServices = new BottomK(MAX_LOG_SERVICES);
  private keptSeries = new BottomK(MAX_SERIES);
  /** A log service refused by keptLogServices (refused for good: the top only comes down). */
  private refusedLogService: string | undefined;
  private readonly noContextExamples: ExampleRef[] = [];
  private metricCounts = { points: 0, pointsWithExemplars: 0, exemplars: 0, exemplarsWithTraceId: 0 };
  private exemplarLevel = 0;
  private exemplarSample: StoredRef[] = [];
  /** Series by canonical key (insertion order is the state's order). */
  private readonly series = new Map<string, SeriesAcc>();
  /** Hash of (name, service, labels) → chain of label sets seen, each resolved to its series (or to none: dropped). */
  private readonly seriesIndex = new Map<number, SeriesIndexEntry>();
  /** Value points: the entry of each series object of the shared point-series index (cleared with the index). */
  private readonly entryBySeries = new Map<PointSeries, SeriesIndexEntry>();
  private indexSize = 0;
  /** Series not kept, by key: the ones of lowest hash after the kept ones (droppedHeap), at most MAX_SERIES. */
  private readonly droppedKeys = new Set<string>();
  private droppedHeap = new BottomK(MAX_SERIES);

  /** Smaller name, log-service and series caps, for tests that must cross them cheaply; before the first record or merge only. */
  withCaps(caps: { maxNames?: number; maxLogServices?: number; maxSeries?: number }): this {
    if (caps.maxNames !== undefined) this.keptNames = new BottomK(caps.maxNames);
    if (caps.maxLogServices !== undefined) this.keptLogServices = new BottomK(caps.maxLogServices);
    if (caps.maxSeries !== undefined) {
      this.keptSeries = new BottomK(caps.maxSeries);
      this.droppedHeap = new BottomK(caps.maxSeries);
    }
    return this;
  }
  private readonly noExemplarExamples: ExampleRef[] = [];
  private readonly ranges: CorrelationState['ranges'] = { traces: null, logs: null, metrics: null };
  private readonly rangeEnds: Record<'traces' | 'logs' | 'metrics', [SignalRecord | ExampleRef, SignalRecord | ExampleRef] | null> = { traces: null, logs: null, metrics: null };

  /** `detail`: a span is in the run's detail sample (always true for other records). */
  add(record: SignalRecord, _inputIndex?: number, detail = true): void {
    if (record.kind === 'span') this.addSpan(record, detail);
    else if (record.kind === 'log') this.addLog(record);
    else this.addMetric(record);
  }

  // Records of one export request share their Resource object: a name read from the resource
  // (the usual case) is resolved once per signal and resource.
  private readonly lastName: { resource: unknown; stat: NameStat | undefined; base: string }[] = [
    { resource: undefined, stat: undefined, base: '' },
    { resource: undefined, stat: undefined, base: '' },
    { resource: undefined, stat: undefined, base: '' },
  ];

  private readonly lastAttrName: { from: string; name: string; pod: boolean; stat: NameStat | undefined; base: string }[] = [0, 1, 2].map(() => ({ from: '', name: '', pod: false, stat: undefined, base: '' }));

  private noteName(signal: NameStat['signal'], record: SignalRecord): string {
    const memo = this.lastName[signal === 'traces' ? 0 : signal === 'logs' ? 1 : 2]!;
    if (memo.resource === record.resource) {
      if (memo.stat) memo.stat.records++;
      return memo.base;
    }
    const raw = readServiceName(record);
    if (!raw) return '';
    // Attribute-derived names (e.g. a scrape's `job` label) repeat from record to record: reuse
    // the last one's stat and pod inference instead of re-keying and re-matching.
    const last = this.lastAttrName[signal === 'traces' ? 0 : signal === 'logs' ? 1 : 2]!;
    if (raw.from === last.from && raw.name === last.name && raw.pod === last.pod) {
      memo.resource = undefined;
      if (last.stat) last.stat.records++;
      return last.base;
    }
    const key = `${signal}\u0000${raw.from}\u0000${raw.name}`;
    let s = this.names.get(key);
    if (s) {
      s.records++;
      // the example is the first record by file and line, whatever order the files come in
      const file = record.source.file;
      const line = record.source.line ?? -1;
      if (file < s.file || (file === s.file && line < s.line)) {
        s.file = file;
        s.line = line;
      }
    } else if (this.admitName(key)) {
      s = { signal, raw: raw.name, from: raw.from, pod: raw.pod, records: 1, file: record.source.file, line: record.source.line ?? -1 };
      this.names.set(key, s);
    }
    const base = baseServiceName(raw).name;
    if (raw.from === 'resource service.name') {
      // Depends on the resource alone (attribute-derived names may differ per record).
      memo.resource = record.resource;
      memo.stat = s;
      memo.base = base;
    } else {
      memo.resource = undefined;
      last.from = raw.from;
      last.name = raw.name;
      last.pod = raw.pod;
      last.stat = s;
      last.base = base;
    }
    return base;
  }

  /**
   * Whether a name key not held is kept: names keeps the MAX_NAMES keys of lowest hash, one of
   * higher hash making room (its records are not counted, as a name past the cap's never were).
   * (A memo may still point at the displaced stat: adding to it is harmless, as it is out of
   * names and its key comes after every kept one from now on, for good.)
   */
  private admitName(key: string): boolean {
    const out = this.keptNames.offer(key, keyHash(key));
    if (out === key) return false;
    if (out !== undefined) this.names.delete(out);
    return true;
  }

  /** Whether a log service not held gets time buckets (the MAX_LOG_SERVICES of lowest name hash; a displaced one's buckets go). */
  private admitLogService(service: string): boolean {
    if (service === this.refusedLogService) return false;
    const out = this.keptLogServices.offer(service, keyHash(service));
    if (out === service) {
      this.refusedLogService = service;
      return false;
    }
    if (out !== undefined) {
      this.bucketCount -= this.logBuckets.get(out)!.size;
      this.logBuckets.delete(out);
    }
    return true;
  }

  /** Whether a series key not held is kept (the MAX_SERIES of lowest key hash); a displaced or refused key is counted dropped. */
  private admitSeries(key: string): boolean {
    const out = this.keptSeries.offer(key, keyHash(key));
    if (out === key) {
      this.noteDropped(key, this.keptSeries.outHash);
      return false;
    }
    if (out !== undefined) {
      const h = this.keptSeries.outHash;
      const acc = this.series.get(out)!;
      acc.dead = true;
      this.bucketCount -= acc.buckets.size;
      this.series.delete(out);
      this.noteDropped(out, h);
    }
    return true;
  }

  /** Count a series key not kept as dropped: the MAX_SERIES of lowest hash among them are held, so merged states count the same ones. */
  private noteDropped(key: string, h: number): void {
    const out = this.droppedHeap.offer(key, h);
    if (out === key) return;
    this.droppedKeys.add(key);
    if (out !== undefined) this.droppedKeys.delete(out);
  }

  /**
   * Widens `signal`'s range to `ms`. `at` is the record (or, in a merge, the example) at that
   * time: the ends are kept as records and made examples only in state(), not on every record
   * that moves the end (every record of a file in time order does).
   */
  private range(signal: keyof CorrelationState['ranges'], ms: number, at: SignalRecord | ExampleRef): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    const r = this.ranges[signal];
    const ends = this.rangeEnds[signal];
    if (!r || !ends) {
      this.ranges[signal] = [ms, ms];
      this.rangeEnds[signal] = [at, at];
    } else {
      // (a tie goes to the record first by file and line: the same examples whatever the arrival order)
      if (ms < r[0] || (ms === r[0] && before(at, ends[0]))) {
        r[0] = ms;
        ends[0] = at;
      }
      if (ms > r[1] || (ms === r[1] && before(at, ends[1]))) {
        r[1] = ms;
        ends[1] = at;
      }
    }
  }

  private rangeEndsState(): NonNullable<CorrelationState['rangeEnds']> {
    const ref = (at: SignalRecord | ExampleRef): ExampleRef => {
      if (!('kind' in at)) return at;
      const what = at.kind === 'span' ? `span "${at.name}"` : at.kind === 'log' ? excerptOf(at.body) : at.name;
      return { file: at.source.file, line: at.source.line ?? -1, excerpt: what };
    };
    const out: NonNullable<CorrelationState['rangeEnds']> = { traces: null, logs: null, metrics: null };
    for (const sig of ['traces', 'logs', 'metrics'] as const) {
      const e = this.rangeEnds[sig];
      if (e) out[sig] = [ref(e[0]), ref(e[1])];
    }
    return out;
  }

  /** Zipkin 64-bit trace ids, for the lenient join of the trace count (correlation.traces.totalTraces). */
  private readonly lenient = new LenientTraceIds();

  /** `kind`: 's' for a span id, 't' for a trace id. */
  private addSpanId(kind: 's' | 't', id: string): void {
    const exact = this.idExact;
    if (exact) {
      (kind === 's' ? exact.spans : exact.traces).add(id);
      if (exact.spans.size + exact.traces.size > this.idExactCap) this.toBloom();
    } else {
      const w = parseHexId(id);
      if (w > 0) bloomAddIdWords(this.idBloom!, kind, w);
      else bloomAdd(this.idBloom!, kind + ':' + id);
    }
  }

  private toBloom(): void {
    this.idBloom = this.exactAsBloom();
    this.idExact = null;
    this.readyBloom = null;
  }

  /** A Bloom filter of the exact ids (the one built ahead by prepareMerge while still valid: sets only grow, so an unchanged size is an unchanged set). */
  private exactAsBloom(): BloomState {
    const exact = this.idExact!;
    const size = exact.spans.size + exact.traces.size;
    if (this.readyBloom?.size === size) return this.readyBloom.bloom;
    const bloom = createBloom(this.idBloomCapacity, SPAN_ID_BLOOM_FPR);
    addIdsToBloom(bloom, 's:', exact.spans);
    addIdsToBloom(bloom, 't:', exact.traces);
    return bloom;
  }

  /** Span and trace ids held exactly; once they are in the Bloom filter, a number past the cap. See prepareMerge. */
  private idsHeld(): number {
    return this.idExact ? this.idExact.spans.size + this.idExact.traces.size : this.idExactCap + 1;
  }

  mergeSize(): CorrelationMergeSize {
    const exact = this.idExact ? { spanIds: this.idExact.spans.sizes(), traceIds: this.idExact.traces.sizes() } : {};
    return { ids: this.idsHeld(), ...exact };
  }

  /**
   * Before a merge with states holding `other.ids` exact ids (their mergeSize): when the union may
   * pass the exact cap, build the Bloom filter of this thread's ids now, so that two threads build
   * theirs at once instead of the merging thread building both in turn; when it stays under the
   * cap, the merging side makes room in its exact sets for the other's ids. The merge's outcome is
   * unchanged (exact or Bloom by the size of the union, as ever); only when the work is done moves.
   */
  prepareMerge(other: CorrelationMergeSize, merging = true): void {
    const elsewhere = other.ids;
    if (!this.idExact) return;
    const size = this.idsHeld();
    if (merging && size + elsewhere <= this.idExactCap) {
      if (other.spanIds) this.idExact.spans.reserve(other.spanIds);
      if (other.traceIds) this.idExact.traces.reserve(other.traceIds);
    }
    if (size === 0 || elsewhere <= 0 || size + elsewhere <= this.idExactCap || this.readyBloom?.size === size) return;
    this.readyBloom = null;
    this.readyBloom = { bloom: this.exactAsBloom(), size };
  }

  private lastTraceId: string | undefined;
  /** Whether the ids of the spans of lastTraceId's run are held (its trace is in the sample at idLevel). */
  private lastIdsHeld = true;

  private addSpan(span: Span, detail: boolean): void {
    this.spanCount++;
    this.noteName('traces', span);
    // Spans of one trace mostly come together: decide each run's trace once, and add its trace id once.
    const run = span.traceId !== this.lastTraceId;
    if (run) {
      this.lastTraceId = span.traceId;
      // (the caller's detail flag is the same test, inDetail(traceHash(id), D): checked again so
      // that the ids held never depend on the caller)
      this.lastIdsHeld = this.idLevel === 0 || (detail && keepAtLevel(span.traceId, this.idLevel));
    }
    if (this.lastIdsHeld) {
      this.addSpanId('s', span.spanId);
      if (run) this.addSpanId('t', span.traceId);
    }
    if (span.lenientTraceId === true) this.lenient.note(span.traceId);
    const startMs = span.startNs !== undefined ? nsToMs(span.startNs) : NaN;
    this.range('traces', startMs, span);
    if (span.endNs !== undefined) this.range('traces', nsToMs(span.endNs), span);
    // (the spans of the detail sample are stored by the analysis's sampled traces: ../analysis/sampled-traces.ts)
  }

  private bucketOf(ms: number): number {
    return Math.floor(ms / 1000 / this.bucketS);
  }

  private addLog(r: LogRecord): void {
    this.logs.records++;
    const service = this.noteName('logs', r);
    // (time 0 is unset, as OTLP has it: the observed time stands in)
    const ms = r.timeNs !== undefined && r.timeNs !== 0n ? nsToMs(r.timeNs) : r.observedTimeNs !== undefined && r.observedTimeNs !== 0n ? nsToMs(r.observedTimeNs) : NaN;
    this.range('logs', ms, r);
    if (Number.isFinite(ms)) {
      let m = this.logBuckets.get(service);
      if (!m && this.admitLogService(service)) {
        m = new Map();
        this.logBuckets.set(service, m);
      }
      if (m) {
        const b = this.bucketOf(ms);
        let c = m.get(b);
        if (c === undefined) {
          c = [0, 0];
          m.set(b, c);
          this.bucketCount++;
        }
        c[0]++;
        if (isErrorLog(r)) c[1]++;
        if (m.size > MAX_BUCKETS || this.bucketCount > TOTAL_BUCKETS) this.widenBuckets();
      }
    }
    const traceId = r.traceId && !/^0+$/.test(r.traceId) ? r.traceId : undefined;
    const spanId = r.spanId && !/^0+$/.test(r.spanId) ? r.spanId : undefined;
    if (!traceId) {
      const line = r.source.line ?? -1;
      if (exampleFits(this.noContextExamples, r.source.file, line)) pushExample(this.noContextExamples, { file: r.source.file, line, excerpt: excerptOf(r.body) });
      return;
    }
    this.logs.withTraceId++;
    if (spanId) this.logs.withSpanId++;
    if (!keepAtLevel(traceId, this.logLevel)) return;
    this.logSample.push([traceId, spanId ?? '', ms, service, r.source.file, r.source.line ?? -1, excerptOf(r.body)]);
    if (this.logSample.length > LOG_SAMPLE_CAP) [this.logSample, this.logLevel] = fitSample(this.logSample, this.logLevel, LOG_SAMPLE_CAP);
  }

  private addMetric(p: MetricPoint): void {
    this.metricCounts.points++;
    const service = this.noteName('metrics', p);
    const ms = p.timeNs !== undefined ? nsToMs(p.timeNs) : NaN;
    this.range('metrics', ms, p);
    let traced = false;
    if (p.exemplars.length > 0) {
      this.metricCounts.pointsWithExemplars++;
      for (const ex of p.exemplars) {
        this.metricCounts.exemplars++;
        if (!ex.traceId) continue;
        traced = true;
        this.metricCounts.exemplarsWithTraceId++;
        if (!keepAtLevel(ex.traceId, this.exemplarLevel)) continue;
        this.exemplarSample.push([ex.traceId, ex.spanId ?? '', ex.timeNs !== undefined ? nsToMs(ex.timeNs) : NaN, service, p.source.file, p.source.line ?? -1, p.name]);
        if (this.exemplarSample.length > EXEMPLAR_SAMPLE_CAP) [this.exemplarSample, this.exemplarLevel] = fitSample(this.exemplarSample, this.exemplarLevel, EXEMPLAR_SAMPLE_CAP);
      }
    }
    if (!traced) {
      // COR-007's examples: points that carry no exemplar with a trace id, shown as the other
      // metric examples are (name, labels, value).
      const line = p.source.line ?? -1;
      if (exampleFits(this.noExemplarExamples, p.source.file, line)) pushExample(this.noExemplarExamples, { file: p.source.file, line, excerpt: metricExcerpt(p), key: p.name });
    }
    if (!Number.isFinite(ms)) return;
    if (p.value !== undefined) {
      // Gauges and counters (the bulk of any scrape): one series, no intermediate arrays.
      if (!Number.isFinite(p.value)) return;
      // A series met before (the shared per-series index gives its points one object) finds its
      // entry without hashing and comparing the labels again.
      const ps = pointSeries(p);
      let entry = this.entryBySeries.get(ps);
      if (entry === undefined || entry.service !== service) {
        entry = this.findSeries(p, hashLabels(p.labels), service, p.name, isCumulativeCounter(p), ms);
        if (entry === undefined) return;
        if (ps.shared) {
          if (this.entryBySeries.size >= SERIES_MEMO_CAP) this.entryBySeries.clear();
          this.entryBySeries.set(ps, entry);
        }
      }
      this.addToSeries(entry, p.value, ms, p, undefined);
      return;
    }
    const labelsHash = hashLabels(p.labels);
    for (const [name, value, cumulative] of metricValues(p)) {
      if (!Number.isFinite(value)) continue;
      const entry = this.findSeries(p, labelsHash, service, name, cumulative, ms);
      if (entry !== undefined) this.addToSeries(entry, value, ms, p, cumulative);
    }
  }

  /** The index entry of (name, service, labels), indexed now when new; undefined when the series is dropped. */
  private findSeries(p: MetricPoint, labelsHash: number, service: string, name: string, cumulative: boolean, ms: number): SeriesIndexEntry | undefined {
    // The series is found by a hash of (name, service, labels) and confirmed by comparing the
    // labels themselves, so no key string is built or sorted per point.
    const origin = seriesOrigin(p);
    const h = (Math.imul(hashString(name, labelsHash), 0x9e3779b1) ^ hashString(origin, hashString(service, 0x27d4eb2f))) >>> 0;
    let entry = this.seriesIndex.get(h);
    while (entry !== undefined && !(entry.name === name && entry.service === service && entry.origin === origin && sameLabels(entry.labels, entry.labelCount, p.labels))) entry = entry.next;
    return entry ?? this.indexSeries(p, h, service, origin, name, cumulative, ms);
  }

  /** `p`: the point; `cumulative`: the part's (undefined: a value point's, read from `p` when needed). */
  private addToSeries(entry: SeriesIndexEntry, value: number, ms: number, p: MetricPoint, cumulative: boolean | undefined): void {
    const acc = entry.acc;
    if (acc === undefined) return; // not kept (past MAX_SERIES by key hash): counted once as dropped when first seen
    if (acc.dead) {
      // displaced by a series of lower hash since: dropped from now on
      entry.acc = undefined;
      return;
    }
    const st = acc.state;
    st.points++;
    if (ms <= st.firstMs) {
      // (the type, unit and temporality of the series' earliest point: seriesKindBefore)
      const cum = cumulative ?? isCumulativeCounter(p);
      const unit = p.unit ?? '';
      if (ms < st.firstMs || seriesKindBefore(cum, p.type, unit, st)) {
        st.type = p.type;
        st.cumulative = cum;
        st.unit = unit;
      }
      st.firstMs = ms;
    }
    if (ms > st.lastMs) st.lastMs = ms;
    const b = Math.floor(ms / 1000 / this.bucketS);
    let stat = b === acc.lastBucket ? acc.lastStat : acc.buckets.get(b);
    if (stat === undefined) {
      stat = [1, value, value, value, ms, value];
      acc.buckets.set(b, stat);
      acc.lastBucket = b;
      acc.lastStat = stat;
      if (acc.buckets.size > MAX_BUCKETS || ++this.bucketCount > TOTAL_BUCKETS) this.widenBuckets();
      return;
    }
    acc.lastBucket = b;
    acc.lastStat = stat;
    // Same as mergeStat(stat, [1, value, value, value, ms, value]), in place.
    stat[0] += 1;
    stat[1] += value;
    stat[2] = Math.min(stat[2], value);
    stat[3] = Math.max(stat[3], value);
    if (lastWins(ms, value, stat[4], stat[5])) {
      stat[4] = ms;
      stat[5] = value;
    }
  }

  /**
   * Slow path, once per distinct (name, service, label set): builds the canonical series key
   * (sorted labels), finds or creates the series under it (or counts it dropped) and indexes it by
   * hash. Returns undefined when the index is full and the point's series is dropped.
   */
  private indexSeries(p: MetricPoint, h: number, service: string, origin: string, name: string, cumulative: boolean, ms: number): SeriesIndexEntry | undefined {
    const labelKeys = Object.keys(p.labels).sort();
    let key = name + '{';
    for (const k of labelKeys) key += k + '=' + p.labels[k] + ',';
    key += '}' + service + (origin === '' ? '' : '\u0003' + origin);
    let acc = this.series.get(key);
    // (a key dropped once stays dropped: it comes after every kept key, whose top only comes down)
    if (!acc && !this.droppedKeys.has(key)) {
      if (this.admitSeries(key)) {
        const labels: Record<string, string> = {};
        for (const k of labelKeys.slice(0, 24)) setOwn(labels, k, p.labels[k]!.slice(0, 200));
        acc = newSeriesAcc({ name, service, labels, type: p.type, cumulative, unit: p.unit ?? '', points: 0, firstMs: ms, lastMs: ms, buckets: {} });
        this.series.set(key, acc);
      }
    }
    if (this.indexSize >= MAX_INDEX_ENTRIES) return acc ? { name, service, origin, labels: p.labels, labelCount: 0, acc, next: undefined } : undefined;
    const copy: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const k of labelKeys) copy[k] = p.labels[k]!;
    const entry: SeriesIndexEntry = { name, service, origin, labels: copy, labelCount: labelKeys.length, acc, next: this.seriesIndex.get(h) };
    this.seriesIndex.set(h, entry);
    this.indexSize++;
    return entry;
  }

  /** Double the bucket width until every series fits in MAX_BUCKETS buckets and all of them in TOTAL_BUCKETS. */
  private widenBuckets(): void {
    for (;;) {
      this.rebucket(this.bucketS * 2);
      if (!this.bucketsOver()) return;
    }
  }

  /** Counts the buckets held (bucketCount); true when a series or log service holds more than MAX_BUCKETS or all of them more than TOTAL_BUCKETS. */
  private bucketsOver(): boolean {
    let over = false;
    let count = 0;
    for (const s of this.series.values()) {
      count += s.buckets.size;
      if (s.buckets.size > MAX_BUCKETS) over = true;
    }
    for (const m of this.logBuckets.values()) {
      count += m.size;
      if (m.size > MAX_BUCKETS) over = true;
    }
    this.bucketCount = count;
    return over || count > TOTAL_BUCKETS;
  }

  private rebucket(widthS: number): void {
    const factor = widthS / this.bucketS;
    this.bucketS = widthS;
    for (const s of this.series.values()) {
      s.buckets = rebucketMap(s.buckets, factor);
      s.lastBucket = NaN;
      s.lastStat = undefined;
    }
    for (const [svc, m] of this.logBuckets) {
      const next = new Map<number, [number, number]>();
      for (const [b, c] of m) {
        const nb = Math.floor(b / factor);
        const cur = next.get(nb) ?? [0, 0];
        cur[0] += c[0];
        cur[1] += c[1];
        next.set(nb, cur);
      }
      this.logBuckets.set(svc, next);
    }
  }

  state(): CorrelationState {
    const logBuckets: CorrelationState['logs']['buckets'] = {};
    for (const [svc, m] of this.logBuckets) logBuckets[svc] = Object.fromEntries(m);
    return {
      bucketS: this.bucketS,
      names: Object.fromEntries(this.names),
      spans: {
        count: this.spanCount,
        idExact: this.idExact ? { spans: this.idExact.spans.state(), traces: this.idExact.traces.state() } : null,
        ...(this.idExact && this.readyBloom?.size === this.idsHeld() ? { idExactBloom: this.readyBloom.bloom } : {}),
        ...this.lenient.state(),
        idBloom: this.idBloom,
        ...(this.idLevel > 0 ? { detailLevel: this.idLevel } : {}),
      },
      logs: { ...this.logs, level: this.logLevel, sample: this.logSample, buckets: logBuckets, noContextExamples: this.noContextExamples },
      metrics: {
        ...this.metricCounts,
        level: this.exemplarLevel,
        exemplarSample: this.exemplarSample,
        series: this.seriesRecord(),
        droppedSeries: this.droppedKeys.size,
        droppedKeys: [...this.droppedKeys],
        noExemplarExamples: this.noExemplarExamples,
      },
      ranges: { traces: this.ranges.traces, logs: this.ranges.logs, metrics: this.ranges.metrics },
      rangeEnds: this.rangeEndsState(),
    };
  }

  private seriesRecord(): Record<string, SeriesState> {
    const out: Record<string, SeriesState> = {};
    for (const [key, acc] of this.series) setOwn(out, key, { ...acc.state, buckets: Object.fromEntries(acc.buckets) });
    return out;
  }

  merge(s: CorrelationState): void {
    if (s.bucketS > this.bucketS) this.rebucket(s.bucketS);
    const factor = this.bucketS / s.bucketS;
    for (const [k, v] of Object.entries(s.names)) {
      const cur = this.names.get(k);
      if (cur) {
        cur.records += v.records;
        if (compareRef({ file: v.file, line: v.line, excerpt: '' }, { file: cur.file, line: cur.line, excerpt: '' }) < 0) {
          cur.file = v.file;
          cur.line = v.line;
        }
      } else if (this.admitName(k)) this.names.set(k, { ...v });
    }
    this.spanCount += s.spans.count;
    // (the states of one run share its detail level; the highest one merged in holds for all)
    this.idLevel = Math.max(this.idLevel, s.spans.detailLevel ?? 0);
    if (s.spans.idExact) {
      const inc = s.spans.idExact;
      // Exact while the union stays under the cap (as a single pass would be); else straight into
      // the Bloom filter from the packed state (an exact table of the incoming ids would only cost time).
      const ex = this.idExact;
      // (when the two sets together fit under the cap, so does their union: no need to count the ids in both)
      const sum = ex ? ex.spans.size + ex.traces.size + idStateSize(inc.spans) + idStateSize(inc.traces) : Infinity;
      const union = ex && sum > this.idExactCap ? sum - ex.spans.countIn(inc.spans) - ex.traces.countIn(inc.traces) : sum;
      if (ex && union <= this.idExactCap) {
        ex.spans.merge(inc.spans);
        ex.traces.merge(inc.traces);
        this.readyBloom = null; // (built for a union past the cap, which this is not)
      } else {
        if (ex) this.toBloom();
        if (s.spans.idExactBloom) bloomMerge(this.idBloom!, s.spans.idExactBloom);
        else {
          addIdStateToBloom(this.idBloom!, 's', inc.spans);
          addIdStateToBloom(this.idBloom!, 't', inc.traces);
        }
      }
    }
    this.lenient.merge(s.spans);
    if (s.spans.idBloom) {
      if (this.idExact) this.toBloom();
      bloomMerge(this.idBloom!, s.spans.idBloom);
    }

    this.logs.records += s.logs.records;
    this.logs.withTraceId += s.logs.withTraceId;
    this.logs.withSpanId += s.logs.withSpanId;
    this.logLevel = Math.max(this.logLevel, s.logs.level, this.idLevel);
    this.logSample = [...this.logSample, ...s.logs.sample].filter((x) => keepAtLevel(x[0], this.logLevel));
    if (this.logSample.length > LOG_SAMPLE_CAP) [this.logSample, this.logLevel] = fitSample(this.logSample, this.logLevel, LOG_SAMPLE_CAP);
    for (const [svc, buckets] of Object.entries(s.logs.buckets)) {
      let m = this.logBuckets.get(svc);
      if (!m) {
        if (!this.admitLogService(svc)) continue;
        m = new Map();
        this.logBuckets.set(svc, m);
      }
      for (const [b, c] of Object.entries(buckets)) {
        const nb = Math.floor(Number(b) / factor);
        const cur = m.get(nb) ?? [0, 0];
        cur[0] += c[0];
        cur[1] += c[1];
        m.set(nb, cur);
      }
    }
    for (const ex of s.logs.noContextExamples) pushExample(this.noContextExamples, ex);

    this.metricCounts.points += s.metrics.points;
    this.metricCounts.pointsWithExemplars += s.metrics.pointsWithExemplars;
    this.metricCounts.exemplars += s.metrics.exemplars;
    this.metricCounts.exemplarsWithTraceId += s.metrics.exemplarsWithTraceId;
    this.exemplarLevel = Math.max(this.exemplarLevel, s.metrics.level, this.idLevel);
    this.exemplarSample = [...this.exemplarSample, ...s.metrics.exemplarSample].filter((x) => keepAtLevel(x[0], this.exemplarLevel));
    // (two threads' samples, each within the cap, may together pass it: the level rises as one pass's would)
    if (this.exemplarSample.length > EXEMPLAR_SAMPLE_CAP) [this.exemplarSample, this.exemplarLevel] = fitSample(this.exemplarSample, this.exemplarLevel, EXEMPLAR_SAMPLE_CAP);
    // The index may hold label sets counted as dropped whose key a merged state now brings in.
    this.seriesIndex.clear();
    this.entryBySeries.clear();
    this.indexSize = 0;
    for (const [key, other] of Object.entries(s.metrics.series)) {
      const cur = this.series.get(key);
      const buckets = rebucketStats(other.buckets, factor);
      if (cur) {
        cur.state.points += other.points;
        if (other.firstMs < cur.state.firstMs || (other.firstMs === cur.state.firstMs && seriesKindBefore(other.cumulative, other.type, other.unit, cur.state))) {
          cur.state.type = other.type;
          cur.state.cumulative = other.cumulative;
          cur.state.unit = other.unit;
        }
        cur.state.firstMs = Math.min(cur.state.firstMs, other.firstMs);
        cur.state.lastMs = Math.max(cur.state.lastMs, other.lastMs);
        for (const [b, st] of Object.entries(buckets)) {
          const nb = Number(b);
          const into = cur.buckets.get(nb);
          cur.buckets.set(nb, into ? mergeStat(into, st) : ([...st] as BucketStat));
        }
        cur.lastBucket = NaN;
        cur.lastStat = undefined;
      } else if (!this.droppedKeys.has(key) && this.admitSeries(key)) {
        const acc = newSeriesAcc({ ...other, labels: { ...other.labels }, buckets: {} });
        for (const [b, st] of Object.entries(buckets)) acc.buckets.set(Number(b), [...st] as BucketStat);
        this.series.set(key, acc);
      }
    }
    // (after the state's kept series: a key it dropped comes after those, so it is not kept here either)
    for (const key of s.metrics.droppedKeys) if (!this.droppedKeys.has(key) && !this.series.has(key)) this.noteDropped(key, keyHash(key));
    for (const ex of s.metrics.noExemplarExamples) pushExample(this.noExemplarExamples, ex);
    for (const sig of ['traces', 'logs', 'metrics'] as const) {
      const r = s.ranges[sig];
      if (r) {
        const ends = s.rangeEnds?.[sig];
        const none: ExampleRef = { file: '', line: -1, excerpt: '' };
        this.range(sig, r[0], ends?.[0] ?? none);
        this.range(sig, r[1], ends?.[1] ?? none);
      }
    }
    if (this.bucketsOver()) this.widenBuckets();
  }

  /** Span-id index lookup of an 's:'/'t:'-prefixed key (exact sets, or Bloom with its false-positive rate). */
  static hasId(state: CorrelationState, exact: { spans: IdSet; traces: IdSet } | null, id: string): boolean {
    if (exact) return (id.startsWith('s:') ? exact.spans : exact.traces).has(id.slice(2));
    return state.spans.idBloom ? bloomHas(state.spans.idBloom, id) : false;
  }
}

/** Like rebucketStats, over a series' bucket map; old buckets are folded in ascending order (as the state's integer keys enumerate). */
function rebucketMap(buckets: Map<number, BucketStat>, factor: number): Map<number, BucketStat> {
  if (factor === 1) return buckets;
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const out = new Map<number, BucketStat>();
  for (const b of keys) {
    const nb = Math.floor(b / factor);
    out.set(nb, mergeStat(out.get(nb), buckets.get(b)!));
  }
  return out;
}

function rebucketStats(buckets: Record<number, BucketStat>, factor: number): Record<number, BucketStat> {
  if (factor === 1) return buckets;
  const out: Record<number, BucketStat> = {};
  for (const [b, st] of Object.entries(buckets)) {
    const nb = Math.floor(Number(b) / factor);
    out[nb] = mergeStat(out[nb], st);
  }
  return out;
}

/** The numeric series a metric point contributes: [series name, value, cumulative counter?]. */
function metricValues(p: MetricPoint): [string, number, boolean][] {
  const cumulative = p.temporality === 'cumulative' || (p.temporality === 'unspecified' && p.type === 'counter');
  if (p.value !== undefined) return [[p.name, p.value, cumulative && p.type === 'counter']];
  const out: [string, number, boolean][] = [];
  const h = p.histogram ?? p.exponentialHistogram ?? p.summary;
  if (!h) return out;
  const cum = p.temporality === 'cumulative' || (p.temporality === 'unspecified' && !p.summary);
  if (!cum && h.sum !== undefined && h.count > 0) out.push([p.name + ':mean', h.sum / h.count, false]);
  out.push([p.name + ':count', h.count, cum]);
  if (h.sum !== undefined) out.push([p.name + ':sum', h.sum, cum]);
  if (p.summary) for (const q of p.summary.quantiles) out.push([`${p.name}:q${q.quantile}`, q.value, false]);
  return out;
}

function idStateSize(s: IdSetState): number {
  return s.w2.length / 2 + s.w4.length / 4 + s.other.length;
}

/** Add the ids of an IdSet's state to a Bloom filter as `kind`-prefixed keys (same bits as addIdsToBloom). */
function addIdStateToBloom(bloom: BloomState, kind: 's' | 't', s: IdSetState): void {
  for (let o = 0; o < s.w2.length; o += 2) {
    idWords[0] = s.w2[o]!;
    idWords[1] = s.w2[o + 1]!;
    bloomAddIdWords(bloom, kind, 2);
  }
  for (let o = 0; o < s.w4.length; o += 4) {
    for (let i = 0; i < 4; i++) idWords[i] = s.w4[o + i]!;
    bloomAddIdWords(bloom, kind, 4);
  }
  for (const v of s.other) bloomAdd(bloom, kind + ':' + v);
}

/** Add a set's ids (as prefixed lowercase hex keys) to a Bloom filter; packed ids hash from their words. */
function addIdsToBloom(bloom: BloomState, prefix: string, set: IdSet): void {
  set.forEach((words, other) => {
    if (other !== undefined) bloomAdd(bloom, prefix + other);
    else bloomAddIdWords(bloom, prefix, words);
  });
}
