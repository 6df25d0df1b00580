// Correlation: from the collector's state to the report's `correlation`, `dependencyGraph`,
// `symptoms`, `rca` fields and the correlation findings. Pure; runs once after all inputs.
import type { CorrelationState } from './collector.js';
import { CorrelationCollector, TOTAL_BUCKETS } from './collector.js';
import { baseServiceName, isUnknownService, ServiceResolver } from './service-identity.js';
import { bloomFalsePositiveRate, quantileSorted } from './sketches.js';
import { IdSet } from '../profile/id-set.js';
import { analyzeSpans, type SpanTopology } from './spans.js';
import { samplePeers } from './trace-sample.js';
import { emptySampledTracesState, type SampledTracesState } from '../analysis/sampled-traces.js';
import { lenientJoinCount } from '../analysis/trace-ids.js';
import { valueSeries, type ValueSeries } from './metric-series.js';
import { detectSymptoms } from './symptoms.js';
import { replayIncidents } from './rca.js';
import { correlationScore, evaluateCorrelationRules, CORRELATION_RULES } from './rules.js';
import { msToIso } from './detect.js';
import type {
  CorrelationEvidenceRecord,
  CorrelationFinding,
  CorrelationSignal,
  CorrelationSummary,
  DependencyGraph,
  Incident,
  RcaReport,
  ServiceIdentity,
  ServiceMapping,
  Symptom,
} from './types.js';

export { CorrelationCollector, CORRELATION_RULES, correlationScore };
export type { CorrelationState };
export type * from './types.js';

/** Logs this far outside their span count as skewed (COR-009). */
export const LOG_SKEW_MS = 100;

export interface CorrelationResult {
  /** Summary with a correlation-only score (weighted pass share of the COR rules). */
  correlation: CorrelationSummary & { score: number | null };
  dependencyGraph: DependencyGraph;
  symptoms: Symptom[];
  rca?: RcaReport;
  findings: CorrelationFinding[];
}

export interface CorrelationOptions {
  incidents?: Incident[];
  /**
   * The distinct traces of the run as the signals count them (signals.traces.traces, `approximate`
   * past their exact limit): `totalTraces` when the ids the state holds are those of the detail
   * sample only (spans.detailLevel > 0). Without it, estimated from the ids held.
   */
  traceCount?: { count: number; approximate: boolean };
}

function ex(file: string, line: number, excerpt: string, note?: string): CorrelationEvidenceRecord {
  const e: CorrelationEvidenceRecord = { file, excerpt };
  if (line >= 0) e.line = line;
  if (note !== undefined) e.note = note;
  return e;
}

/**
 * `traces`: the run's sampled traces (../analysis/sampled-traces.ts; the analysis's `traces` state),
 * none when absent (no span topology).
 */
export function analyzeCorrelation(state: CorrelationState, traces: SampledTracesState = emptySampledTracesState(), options: CorrelationOptions = {}): CorrelationResult {
  const bucketMs = state.bucketS * 1000;
  const idExact = state.spans.idExact;
  const exact = idExact !== null;
  // The exact sets are looked up only to resolve log records' ids: built on the first lookup (a
  // run without logs never builds them; they were ~0.2 s per million ids of the serial tail).
  let exactSets: { spans: IdSet; traces: IdSet } | null = null;
  const hasId = (id: string): boolean => CorrelationCollector.hasId(state, idExact ? (exactSets ??= { spans: IdSet.from(idExact.spans), traces: IdSet.from(idExact.traces) }) : null, id);
  // the distinct traces of the ids held, a Zipkin 64-bit trace id joined to the one 128-bit trace
  // of its low half counted once (lenientTraceJoin, as the trace sample reads it)
  const heldTraces = idExact ? IdSet.stateSize(idExact.traces) - lenientJoinCount(idExact.traces, state.spans.lenientTraceIds ?? []) : undefined;
  // The traces in the export: those held, when every span's ids are; at a detail level the ids
  // held are the detail sample's (1 trace in 2^level): the caller's count (the signals'), else
  // estimated from the ones held. Undefined: estimated from the trace sample below.
  const idLevel = state.spans.detailLevel ?? 0;
  const total: { count: number; exact: boolean } | undefined =
    idLevel === 0
      ? heldTraces !== undefined
        ? { count: heldTraces, exact: state.spans.lenientOverflow !== true }
        : undefined
      : options.traceCount
        ? { count: options.traceCount.count, exact: !options.traceCount.approximate }
        : heldTraces !== undefined
          ? { count: Math.round(heldTraces * 2 ** idLevel), exact: false }
          : undefined;

  // --- service identity -------------------------------------------------------------------
  const names = Object.values(state.names);
  const bases: { name: string; inTraces: boolean; records: number }[] = names.map((n) => ({ name: baseServiceName({ name: n.raw, from: n.from, pod: n.pod }).name, inTraces: n.signal === 'traces', records: n.records }));
  // (the callees client spans name: each name once, the resolver reading the distinct names only)
  for (const peer of samplePeers(traces)) bases.push({ name: peer.slice(peer.indexOf('|') + 1), inTraces: false, records: 0 });
  const resolver = new ServiceResolver(bases);
  const identities = new Map<string, ServiceIdentity>();
  const mappings: ServiceMapping[] = [];
  const examples: Record<string, CorrelationEvidenceRecord[]> = {};
  const sortedNames = [...names].sort((a, b) => (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : a.from < b.from ? -1 : 1));
  for (const n of sortedNames) {
    const base = baseServiceName({ name: n.raw, from: n.from, pod: n.pod });
    const service = resolver.resolve(base.name);
    const reason: ServiceMapping['reason'] = base.reason === 'pod-name' ? 'pod-name' : service === n.raw ? 'exact' : 'near-miss';
    mappings.push({ raw: n.raw, signal: n.signal, from: n.from, service, reason, records: n.records });
    let id = identities.get(service);
    if (!id) identities.set(service, (id = { service, signals: [], names: {} }));
    if (!id.signals.includes(n.signal)) id.signals.push(n.signal);
    const list = (id.names[n.signal] ??= []);
    if (!list.includes(n.raw)) list.push(n.raw);
    if (reason !== 'exact') (examples['COR-001'] ??= []).push(ex(n.file, n.line, `${n.signal} ${n.from} = ${n.raw}`, `${reason} → ${service}`));
  }

  // --- spans --------------------------------------------------------------------------------
  const topo: SpanTopology | undefined = state.spans.count > 0 ? analyzeSpans(state, traces, resolver, { spanTimes: state.logs.sample.length > 0 }) : undefined;
  if (topo) {
    for (const node of topo.graph.nodes) {
      if (node.kind !== 'peer' || identities.has(node.service)) continue;
      identities.set(node.service, { service: node.service, signals: [], names: {}, peerOnly: true });
    }
    examples['COR-005'] = topo.orphanExamples.map((e) => ex(e.file, e.line, e.excerpt, e.note));
    // (a finding shows 5 examples: the kind conflicts the message points at are kept among them)
    const conflicts = topo.kindConflictExamples.slice(0, 2);
    examples['COR-006'] = [...topo.rootExamples.slice(0, 5 - conflicts.length), ...conflicts].map((e) => ex(e.file, e.line, e.excerpt, e.note));
    examples['COR-008'] = topo.skewExamples.map((e) => ex(e.file, e.line, e.excerpt, e.note));
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sigOrder: CorrelationSignal[] = ['traces', 'metrics', 'logs'];
  const services = [...identities.values()]
    .map((v) => ({ ...v, signals: sigOrder.filter((s) => v.signals.includes(s)), names: Object.fromEntries(Object.entries(v.names).map(([k, l]) => [k, [...(l ?? [])].sort()])) }))
    .sort((a, b) => order(a.service, b.service));

  // --- logs ↔ spans -------------------------------------------------------------------------
  const logShare = 1 / 2 ** Math.max(state.logs.level, traces.level);
  let checked = 0;
  let resolved = 0;
  let skewChecked = 0;
  let skewOutside = 0;
  const outsideMs: number[] = [];
  const unresolved: CorrelationEvidenceRecord[] = [];
  const skewed: CorrelationEvidenceRecord[] = [];
  const sortedLogs = [...state.logs.sample].sort((a, b) => order(a[4], b[4]) || a[5] - b[5]);
  for (const l of sortedLogs) {
    checked++;
    // Resolved: its trace is in the export, and so is the span it names (a span id alone may be
    // another trace's: ids from another system, or a random one that happens to exist).
    const traceFound = hasId('t:' + l[0]);
    const ok = traceFound && (l[1] === '' || hasId('s:' + l[1]));
    if (ok) resolved++;
    else if (unresolved.length < 5) unresolved.push(ex(l[4], l[5], l[6], traceFound ? `span ${l[1]} not in the export (its trace is)` : `trace ${l[0]} not in the export`));
    if (!ok || !topo || l[1] === '' || !Number.isFinite(l[2])) continue;
    // Only logs whose trace the span sample kept can be compared with their span.
    const span = topo.spanTimes.get(l[1]);
    if (!span || 1 / 2 ** traces.level < logShare) {
      if (!span) continue;
    }
    skewChecked++;
    const d = l[2] < span[0] ? span[0] - l[2] : l[2] > span[1] ? l[2] - span[1] : 0;
    if (d > 0) outsideMs.push(d);
    if (d > LOG_SKEW_MS) {
      skewOutside++;
      if (skewed.length < 5) skewed.push(ex(l[4], l[5], l[6], `${d.toFixed(0)} ms outside its span (${span[2]})`));
    }
  }
  outsideMs.sort((a, b) => a - b);
  examples['COR-003'] = state.logs.noContextExamples.map((e) => ex(e.file, e.line, e.excerpt, 'no trace id'));
  examples['COR-004'] = unresolved;
  examples['COR-009'] = skewed;

  // --- metrics -----------------------------------------------------------------------------
  const seriesEntries = Object.entries(state.metrics.series).sort((a, b) => order(a[0], b[0]));
  const intervals: number[] = [];
  for (const [, s] of seriesEntries) if (s.points >= 2 && s.lastMs > s.firstMs) intervals.push((s.lastMs - s.firstMs) / 1000 / (s.points - 1));
  intervals.sort((a, b) => a - b);
  const metricSeries: ValueSeries[] = seriesEntries.map(([k, s]) => {
    const v = valueSeries(k, s);
    return { ...v, service: v.service === '' ? '' : resolver.resolve(v.service) };
  });
  let exemplarsResolved = 0;
  const exemplarMisses: CorrelationEvidenceRecord[] = [];
  const exSample = [...state.metrics.exemplarSample].sort((a, b) => order(a[4], b[4]) || a[5] - b[5]);
  for (const e of exSample) {
    if (e[1] !== '' ? hasId('s:' + e[1]) : hasId('t:' + e[0])) exemplarsResolved++;
    else if (exemplarMisses.length < 5) exemplarMisses.push(ex(e[4], e[5], e[6], `exemplar trace ${e[0]} not in the export`));
  }
  const exemplarShare = exSample.length > 0 ? exemplarsResolved / exSample.length : 0;
  // (the exemplars checked are a sample by trace id at a detail level or past their cap: said so)
  const exemplarSampled = state.metrics.level > 0 && state.metrics.exemplarsWithTraceId > 0 ? { exemplarsChecked: exSample.length, exemplarsSampledShare: 1 / 2 ** state.metrics.level } : {};
  examples['COR-007'] = state.metrics.exemplarsWithTraceId === 0 ? state.metrics.noExemplarExamples.map((e) => ex(e.file, e.line, e.excerpt, 'no exemplar')) : exemplarMisses;

  // --- ranges ------------------------------------------------------------------------------
  const ranges = (['traces', 'metrics', 'logs'] as const).flatMap((sig) => {
    const r = state.ranges[sig];
    return r ? [{ signal: sig as CorrelationSignal, start: msToIso(r[0]), end: msToIso(r[1]), a: r[0], b: r[1] }] : [];
  });
  let timeOverlap: number | null = null;
  examples['COR-010'] = (['traces', 'metrics', 'logs'] as const).flatMap((sig) => (state.rangeEnds?.[sig] ?? []).filter((e) => e.file !== '').map((e, i) => ex(e.file, e.line, e.excerpt, `the ${i === 0 ? 'earliest' : 'latest'} of the ${sig} (${i === 0 ? ranges.find((r) => r.signal === sig)?.start : ranges.find((r) => r.signal === sig)?.end})`)));
  if (ranges.length >= 2) {
    const inter = Math.min(...ranges.map((r) => r.b)) - Math.max(...ranges.map((r) => r.a));
    const union = Math.max(...ranges.map((r) => r.b)) - Math.min(...ranges.map((r) => r.a));
    timeOverlap = union > 0 ? Math.round((Math.max(0, inter) / union) * 10000) / 10000 : 1;
  }

  const tracedServices = topo ? [...topo.servicesWithSpans].filter((s) => !isUnknownService(s)) : [];
  const connected = new Set<string>();
  if (topo) for (const e of topo.graph.edges) if (e.kind !== 'peer') (connected.add(e.from), connected.add(e.to));
  examples['COR-012'] = tracedServices.filter((s) => !connected.has(s)).slice(0, 5).map((s) => ex('', -1, s, 'no cross-service call seen'));

  const summary: CorrelationSummary = {
    services,
    mappings,
    blindSpots: services.filter((v) => !v.peerOnly && !v.signals.includes('traces') && state.spans.count > 0).map((v) => v.service),
    logs: {
      records: state.logs.records,
      withTraceId: state.logs.withTraceId,
      withSpanId: state.logs.withSpanId,
      checked,
      // (1 without logs with trace context: nothing was left out)
      sampledShare: state.logs.withTraceId > 0 ? 1 / 2 ** state.logs.level : 1,
      resolved,
      skewOutsideSpan: skewOutside,
      skewChecked,
      skewMedianMs: outsideMs.length > 0 ? Math.round(quantileSorted(outsideMs, 0.5) * 1000) / 1000 : null,
      skewP95Ms: outsideMs.length > 0 ? Math.round(quantileSorted(outsideMs, 0.95) * 1000) / 1000 : null,
    },
    traces: {
      spans: state.spans.count,
      sampleSpans: topo?.spansStored ?? 0,
      traces: topo?.traces ?? 0,
      orphanSpans: topo?.orphanSpans ?? 0,
      duplicateSpans: topo?.duplicateSpans ?? 0,
      ...(topo && topo.duplicateKindConflicts > 0 ? { duplicateKindConflicts: topo.duplicateKindConflicts } : {}),
      fragmentSpans: topo?.fragmentSpans ?? 0,
      multiRootTraces: topo?.multiRootTraces ?? 0,
      noRootTraces: topo?.noRootTraces ?? 0,
      childOutsideParent: topo?.childOutsideParent ?? 0,
      crossServiceChildren: topo?.crossServiceChildren ?? 0,
      sampledShare: topo?.share ?? 1,
      // the traces in the export: exact while the span-id index is, else estimated from the sample
      totalTraces: total?.count ?? Math.round((topo?.traces ?? 0) / (topo?.share ?? 1)),
      ...(total?.exact === true ? {} : { totalTracesEstimated: true as const }),
      spanIdIndex: exact ? { kind: 'exact', falsePositiveRate: 0 } : { kind: 'bloom', falsePositiveRate: Math.round(bloomFalsePositiveRate(state.spans.idBloom!) * 1e6) / 1e6 },
    },
    metrics: {
      points: state.metrics.points,
      series: seriesEntries.length,
      pointsWithExemplars: state.metrics.pointsWithExemplars,
      exemplarsWithTraceId: state.metrics.exemplarsWithTraceId,
      exemplarsResolved: Math.round(exemplarShare * state.metrics.exemplarsWithTraceId),
      ...exemplarSampled,
      medianIntervalS: intervals.length > 0 ? Math.round(quantileSorted(intervals, 0.5) * 1000) / 1000 : null,
      droppedSeries: state.metrics.droppedSeries,
    },
    ranges: ranges.map(({ signal, start, end }) => ({ signal, start, end })),
    timeOverlap,
    bucketWidthS: state.bucketS,
    ...bucketCapOf(state),
    ...(idLevel > 0 ? { detailLevel: idLevel } : {}),
  };

  // --- symptoms and replay -------------------------------------------------------------------
  const logBuckets = new Map<string, Record<number, [number, number]>>();
  for (const [svc, rec] of Object.entries(state.logs.buckets)) {
    if (svc === '') continue;
    const canonical = resolver.resolve(svc);
    const cur = logBuckets.get(canonical) ?? {};
    for (const [b, c] of Object.entries(rec)) {
      const k = Number(b);
      const x = cur[k] ?? [0, 0];
      cur[k] = [x[0] + c[0], x[1] + c[1]];
    }
    logBuckets.set(canonical, cur);
  }
  const symptoms = detectSymptoms({ bucketMs, entry: topo?.entry ?? new Map(), calls: topo?.calls ?? new Map(), gaps: topo?.gaps ?? new Map(), logs: logBuckets, metrics: metricSeries });

  let rca: RcaReport | undefined;
  if (options.incidents && options.incidents.length > 0) {
    const candidates = new Set<string>();
    for (const s of services) candidates.add(s.service);
    for (const c of [...candidates]) if (isUnknownService(c)) candidates.delete(c);
    rca = replayIncidents(options.incidents, {
      bucketMs,
      resolver,
      candidates: [...candidates].sort(),
      topo,
      metrics: metricSeries,
      logs: logBuckets,
      ranges: ranges.map((r) => [r.a, r.b]),
    });
  }

  const findings = evaluateCorrelationRules({
    summary,
    examples,
    connectedServices: tracedServices.filter((s) => connected.has(s)).length,
    tracedServices: tracedServices.length,
    ...(total?.exact === true ? { totalTraces: total.count } : {}),
    ...(rca ? { rca } : {}),
  });
  const result: CorrelationResult = {
    correlation: { ...summary, score: correlationScore(findings) },
    dependencyGraph: topo ? reportedGraph(topo.graph) : { nodes: [], edges: [], sampled: false },
    symptoms,
    findings,
  };
  if (rca) result.rca = rca;
  return result;
}

/** Fold the collector's state through a fresh collector (merge check helper for workers). */
/** Services the report's dependency graph shows at most (the analysis uses the whole graph). */
export const MAX_GRAPH_NODES = 500;

/**
 * The graph as the report carries it: every service up to MAX_GRAPH_NODES; past that, the busiest
 * (spans plus the calls on their edges) and the edges between them, with how many were left out.
 * 100,000 services (a request id in service.name) made a 19 MB report and a graph no one can read.
 */
function reportedGraph(g: DependencyGraph): DependencyGraph {
  if (g.nodes.length <= MAX_GRAPH_NODES) return g;
  const weight = new Map(g.nodes.map((n) => [n.service, n.spans]));
  for (const e of g.edges) {
    weight.set(e.from, (weight.get(e.from) ?? 0) + e.calls);
    weight.set(e.to, (weight.get(e.to) ?? 0) + e.calls);
  }
  const kept = new Set(
    [...g.nodes]
      .sort((a, b) => weight.get(b.service)! - weight.get(a.service)! || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0))
      .slice(0, MAX_GRAPH_NODES)
      .map((n) => n.service),
  );
  const nodes = g.nodes.filter((n) => kept.has(n.service));
  const edges = g.edges.filter((e) => kept.has(e.from) && kept.has(e.to));
  return { nodes, edges, sampled: g.sampled, omittedNodes: g.nodes.length - nodes.length, omittedEdges: g.edges.length - edges.length };
}

export function mergeCorrelationStates(states: CorrelationState[]): CorrelationState {
  const c = new CorrelationCollector();
  for (const s of states) c.merge(s);
  return c.state();
}

/** The buckets held when near TOTAL_BUCKETS (CorrelationSummary.bucketCap), else nothing. */
function bucketCapOf(state: CorrelationState): { bucketCap?: { buckets: number; cap: number } } {
  let buckets = 0;
  for (const s of Object.values(state.metrics.series)) buckets += Object.keys(s.buckets).length;
  for (const m of Object.values(state.logs.buckets)) buckets += Object.keys(m).length;
  return buckets * 2 > TOTAL_BUCKETS ? { bucketCap: { buckets, cap: TOTAL_BUCKETS } } : {};
}
