// Read-side helpers shared by every renderer (HTML, Markdown, SARIF, JUnit): stable orders of
// findings and services, and tolerant readers for the correlation fields. Correlation outputs
// are typed loosely in the report model while they land, and a report may come from an older
// or newer ObsReady, so these readers accept the documented names and never throw on a shape
// they do not know: an unreadable part reads as absent and its section says "not evaluated".
import type { Finding, Report, RuleDescriptor } from './model.js';
import { compareText, formatInt, formatSample, rankImpact } from './format.js';
import { OVERFLOW_SERVICE } from '../profile/pooled.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** First present field among `names` (reports written by different versions name things differently). */
function pick(o: Obj, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

// ---------------------------------------------------------------- findings and rules

export function compareFindings(a: Finding, b: Finding): number {
  return (
    rankImpact(a.impact) - rankImpact(b.impact) ||
    compareText(a.dimension, b.dimension) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.service, b.service)
  );
}

/**
 * Where an example record is: `file:line`, `file @ byte N` or `file`; '' when the example has no
 * file (a fact across inputs, such as a service seen only in metrics), so no renderer prints an
 * empty path.
 */
export function exampleLocation(x: { file: string; line?: number; offset?: number }): string {
  if (!x.file) return x.line !== undefined ? `line ${x.line}` : x.offset !== undefined ? `byte ${formatInt(x.offset)}` : '';
  return x.line !== undefined ? `${x.file}:${x.line}` : x.offset !== undefined ? `${x.file} @ byte ${formatInt(x.offset)}` : x.file;
}

export function listFindings(report: Report): Finding[] {
  return Array.isArray(report.findings) ? report.findings.filter((f): f is Finding => isObj(f) && typeof f.ruleId === 'string') : [];
}

export function failingFindings(report: Report): Finding[] {
  return listFindings(report).filter((f) => f.passed === false).sort(compareFindings);
}

export function passingFindings(report: Report): Finding[] {
  return listFindings(report).filter((f) => f.passed === true).sort(compareFindings);
}

export function ruleMap(report: Report): Map<string, RuleDescriptor> {
  const m = new Map<string, RuleDescriptor>();
  for (const r of Array.isArray(report.rules) ? report.rules : []) if (isObj(r) && typeof r.id === 'string') m.set(r.id, r);
  return m;
}

/** Rule catalogue in a stable order: the report's own list, else one synthesised from findings. */
export function listRules(report: Report): RuleDescriptor[] {
  const rules = [...ruleMap(report).values()];
  const known = new Set(rules.map((r) => r.id));
  for (const f of listFindings(report)) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    rules.push({
      id: f.ruleId,
      dimension: f.dimension,
      signal: f.signal,
      impact: f.impact,
      title: f.ruleId,
      passes: '',
      threshold: f.threshold === null || f.threshold === undefined ? '' : String(f.threshold),
      rationale: '',
      remediation: f.remediation ?? '',
    });
  }
  return rules.sort((a, b) => compareText(a.dimension, b.dimension) || compareText(a.id, b.id));
}

export function ruleTitle(rules: Map<string, RuleDescriptor>, id: string): string {
  const t = rules.get(id)?.title;
  return t && t !== id ? t : id;
}

/** Every service named anywhere in the report, sorted. */
export function listServiceNames(report: Report): string[] {
  const names = new Set<string>();
  for (const s of Array.isArray(report.services) ? report.services : []) if (s && typeof s.name === 'string') names.add(s.name);
  if (names.size === 0) {
    for (const k of ['traces', 'metrics', 'logs'] as const) for (const n of report.signals?.[k]?.services ?? []) names.add(n);
  }
  return [...names].sort(compareText);
}

/**
 * A signal's services in words for the "What was analysed" tables: the count (`serviceCount`, or
 * the names listed in a report before schema 1.3), and "(10,000 listed)" when the list was capped.
 */
export function signalServicesText(sig: { services?: string[]; serviceCount?: number; servicesCapped?: boolean; serviceCountApproximate?: boolean } | undefined): string {
  const listed = Array.isArray(sig?.services) ? sig.services.length : 0;
  const count = typeof sig?.serviceCount === 'number' && Number.isFinite(sig.serviceCount) ? sig.serviceCount : listed;
  return `${sig?.serviceCountApproximate === true ? '~' : ''}${formatInt(count)}${sig?.servicesCapped === true ? ` (${formatInt(listed)} listed)` : ''}`;
}

/** Some signal listed only part of its services (`servicesCapped`). */
export function servicesCapped(report: Report): boolean {
  return (['traces', 'metrics', 'logs'] as const).some((k) => report.signals?.[k]?.servicesCapped === true);
}


/**
 * When the report pooled services into OVERFLOW_SERVICE: which services were scored one by one and
 * how many more the data holds (at least: the signals count their services apart).
 */
export function pooledServicesText(report: Report): string | undefined {
  const services = Array.isArray(report.services) ? report.services : [];
  if (!services.some((s) => s?.name === OVERFLOW_SERVICE)) return undefined;
  const scored = services.length - 1;
  const more = largestServiceCount(report) - scored;
  return `${formatInt(scored)} services are scored one by one (picked by a hash of the name, the same whatever the order the data is read in); the records of ${more > 0 ? `at least ${formatInt(more)} other services` : 'the other services'} are scored together as "${OVERFLOW_SERVICE}".`;
}

/** The most services one signal counts (`serviceCount`; 0 when none says). */
export function largestServiceCount(report: Report): number {
  let n = 0;
  for (const k of ['traces', 'metrics', 'logs'] as const) {
    const c = report.signals?.[k]?.serviceCount;
    if (typeof c === 'number' && Number.isFinite(c)) n = Math.max(n, c);
  }
  return n;
}

export function totalRecords(report: Report): number {
  return (report.inputs ?? []).reduce((a, i) => a + (Number.isFinite(i.records) ? i.records : 0), 0);
}

// ---------------------------------------------------------------- service names

const SPELLINGS_SHOWN = 3;

/**
 * A per-service row's name as people read it (Markdown): with the merged name the graph shows it
 * by, the other names its records carry (pod names filed under the service) and, for a service
 * named by an attribute of its records (they carry no service.name), that attribute — "shop
 * (service from tag `app`)", "ad-service (graph: adservice; service from tag `container.name`)",
 * "checkout (also named checkout-7d4b9c6f8d-x2k9p: 4 records)".
 */
export function serviceLabel(s: ServiceRowNames, sp?: ServiceSpellings): string {
  const p = serviceLabelParts(s, sp);
  const notes: string[] = [];
  if (p.graph !== undefined) notes.push(`graph: ${p.graph}`);
  if (p.spellings.length > 0) notes.push(`also named ${spellingsText(p)}`);
  if (p.from.length > 0) notes.push(nameFromSegments(p).map((x) => (x.code !== undefined ? `\`${x.code}\`` : x.text)).join(''));
  return notes.length > 0 ? `${p.name} (${notes.join('; ')})` : p.name;
}

/**
 * Where a row's name came from, as text and code pieces (each renderer draws a tag as code): "service
 * from tag `app`" when every record was named by a tag; when some carry `service.name` themselves,
 * how many the tag named: "14,079 of 14,279 records named from tag `PodName`" (of each tag: "3 of 10
 * records named from tag `app`, 2 of 10 from `job`"). A report without `nameFromRecords` (an older
 * ObsReady's) reads as named by the tag alone.
 */
export function nameFromSegments(p: Pick<ServiceLabelParts, 'from' | 'fromRecords'>): { text?: string; code?: string }[] {
  if (p.from.length === 0) return [];
  const out: { text?: string; code?: string }[] = [];
  const fr = p.fromRecords;
  if (fr === undefined) {
    out.push({ text: 'service from tag ' });
    p.from.forEach((k, i) => {
      if (i > 0) out.push({ text: ' / ' });
      out.push({ code: k });
    });
    return out;
  }
  fr.keys.forEach((x, i) => {
    out.push({ text: i === 0 ? `${formatInt(x.records)} of ${formatInt(fr.total)} ${fr.total === 1 ? 'record' : 'records'} named from tag ` : `, ${formatInt(x.records)} of ${formatInt(fr.total)} from ` });
    out.push({ code: x.key });
  });
  return out;
}

/** What a per-service row's name is read from (a report from an older ObsReady may lack the optional fields). */
export interface ServiceRowNames {
  name: string;
  nameFrom?: unknown;
  nameFromRecords?: unknown;
  spellings?: unknown;
  spellingsNotListed?: unknown;
  records?: unknown;
}

export interface ServiceLabelParts {
  name: string;
  /** The merged name the dependency graph shows it by, when it differs. */
  graph?: string;
  /** The attribute keys that named records of it (service from tag). */
  from: string[];
  /**
   * Only when tags named some of its records and not all (the others carry `service.name`): the
   * records each key named, and all its records.
   */
  fromRecords?: { keys: { key: string; records: number }[]; total: number };
  /** Other names its records carry (pod names), most records first, at most SPELLINGS_SHOWN. */
  spellings: { name: string; records: number }[];
  /** Spellings past those shown. */
  moreSpellings: number;
  /** Spellings the report does not list (past the 32 it keeps): how many (`atLeast`), and their records. */
  notListed?: { names: number; records: number; atLeast: boolean };
}

/** "checkout-7d4b9c6f8d-x2k9p: 4 records, checkout-7d4b9c6f8d-q5z7w: 1 record, +2 more". */
export function spellingsText(p: Pick<ServiceLabelParts, 'spellings' | 'moreSpellings' | 'notListed'>): string {
  const list = p.spellings.map((x) => `${x.name}: ${formatInt(x.records)} ${x.records === 1 ? 'record' : 'records'}`);
  if (p.moreSpellings > 0) list.push(`+${p.moreSpellings} more`);
  const n = p.notListed;
  if (n !== undefined) list.push(`${n.atLeast ? 'at least ' : ''}${formatInt(n.names)} more not listed (${formatInt(n.records)} ${n.records === 1 ? 'record' : 'records'})`);
  return list.join(', ');
}

/**
 * A per-service row's name in parts, for tables that show the name on its own line and the rest
 * smaller beneath it (HTML report, app): `graph` — the merged name the dependency graph shows it
 * by, when it differs; `spellings` — other names its records carry; `from` — the attribute keys
 * that named it (service from tag).
 */
export function serviceLabelParts(s: ServiceRowNames, sp?: ServiceSpellings): ServiceLabelParts {
  const from = Array.isArray(s.nameFrom) ? s.nameFrom.filter((k): k is string => typeof k === 'string') : [];
  const all = Array.isArray(s.spellings)
    ? s.spellings.filter((x): x is { name: string; records: number } => isObj(x) && typeof x.name === 'string' && typeof x.records === 'number' && Number.isFinite(x.records))
    : [];
  const spellings = all.slice(0, SPELLINGS_SHOWN);
  const graph = sp?.merged.get(s.name);
  const fromRecords = partlyNamedByTags(s, from);
  const base: ServiceLabelParts = { name: s.name, from, spellings, moreSpellings: all.length - spellings.length };
  const nl = isObj(s.spellingsNotListed) ? s.spellingsNotListed : undefined;
  const nlNames = nl !== undefined ? num(nl.names) : null;
  if (nl !== undefined && nlNames !== null && nlNames > 0) base.notListed = { names: nlNames, records: num(nl.records) ?? 0, atLeast: nl.atLeast === true };
  if (fromRecords !== undefined) base.fromRecords = fromRecords;
  return graph !== undefined && graph !== s.name ? { ...base, graph } : base;
}

function partlyNamedByTags(s: ServiceRowNames, from: string[]): ServiceLabelParts['fromRecords'] {
  if (from.length === 0 || !isObj(s.nameFromRecords) || !isObj(s.records)) return undefined;
  const total = ['spans', 'logs', 'points'].reduce((a, k) => a + (num((s.records as Obj)[k]) ?? 0), 0);
  const keys: { key: string; records: number }[] = [];
  for (const key of from) {
    const n = num((s.nameFromRecords as Obj)[key]);
    if (n !== null && n > 0) keys.push({ key, records: n });
  }
  const named = keys.reduce((a, x) => a + x.records, 0);
  return keys.length > 0 && named < total ? { keys, total } : undefined;
}

/**
 * Spellings of one service joined in the dependency graph and the correlation (`correlation.mappings`):
 * findings and per-service rows name a service as its records do (`stlogin`, Zipkin lower-cases
 * names), the graph by its merged spelling (`stLogin`). `also`: a merged name → the other spellings
 * records name it by; `merged`: such a spelling → the merged name. Only the spellings a finding can
 * carry: a near miss, or a `service.name` read as a Kubernetes pod name.
 */
export interface ServiceSpellings {
  also: Map<string, string[]>;
  merged: Map<string, string>;
}

export function serviceSpellings(report: Report): ServiceSpellings {
  const also = new Map<string, string[]>();
  const merged = new Map<string, string>();
  const c = report.correlation as unknown;
  const list = isObj(c) ? c['mappings'] : undefined;
  for (const m of Array.isArray(list) ? list : []) {
    if (!isObj(m)) continue;
    const raw = str(m.raw);
    const to = str(m.service);
    if (raw === null || to === null || raw === to) continue;
    if (!(m.reason === 'near-miss' || (m.reason === 'pod-name' && m.from === 'resource service.name'))) continue;
    merged.set(raw, to);
    const l = also.get(to) ?? [];
    if (!l.includes(raw)) l.push(raw);
    also.set(to, l);
  }
  for (const l of also.values()) l.sort(compareText);
  return { also, merged };
}

/** A merged name with the spellings findings name it by: "stLogin (also stlogin)". */
export function withSpellings(name: string, sp: ServiceSpellings): string {
  const l = sp.also.get(name);
  if (!l || l.length === 0) return name;
  const more = l.length > SPELLINGS_SHOWN ? `, +${l.length - SPELLINGS_SHOWN} more` : '';
  return `${name} (also ${l.slice(0, SPELLINGS_SHOWN).join(', ')}${more})`;
}

/** A service as findings name it, with the merged name the graph shows it by: "stlogin (graph: stLogin)". */
export function withGraphName(name: string, sp: ServiceSpellings): string {
  const to = sp.merged.get(name);
  return to === undefined ? name : `${name} (graph: ${to})`;
}

// ---------------------------------------------------------------- dependency graph

export interface GraphEdgeView {
  from: string;
  to: string;
  calls: number | null;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Callee not instrumented: the edge comes from peer attributes of client spans. */
  inferred: boolean;
}

export interface GraphView {
  nodes: string[];
  edges: GraphEdgeView[];
  /** Nodes known only from client-span peer attributes (databases, queues, external APIs). */
  peers: Set<string>;
  /** Edge counts estimated from a sample of traces. */
  sampled: boolean;
  /** When sampled: which sample ("in a sample of 25,065 of 50,000 traces, 1 in 2"), '' if the report does not say. */
  sample: string;
  /** Services not shown (the report's own count past its limit, and any past GRAPH_VIEW_MAX here). */
  omitted: number;
}

function nodeName(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isObj(v)) return str(pick(v, 'service', 'name', 'id'));
  return null;
}

function readLatency(e: Obj, p: 'p50' | 'p95' | 'p99'): number | null {
  const direct = num(pick(e, `${p}Ms`, `${p}_ms`));
  if (direct !== null) return direct;
  const lat = pick(e, 'latencyMs', 'latency', 'durationMs');
  if (isObj(lat)) return num(pick(lat, p, `${p}Ms`));
  return null;
}

export function readDependencyGraph(report: Report): GraphView | null {
  const g = report.dependencyGraph as unknown;
  if (!isObj(g)) return null;
  const rawEdges = pick(g, 'edges', 'links', 'dependencies');
  const edges: GraphEdgeView[] = [];
  for (const e of Array.isArray(rawEdges) ? rawEdges : []) {
    if (!isObj(e)) continue;
    const from = nodeName(pick(e, 'from', 'source', 'caller', 'parent'));
    const to = nodeName(pick(e, 'to', 'target', 'callee', 'child'));
    if (!from || !to) continue;
    const calls = num(pick(e, 'calls', 'callCount', 'count'));
    let errorRate = num(pick(e, 'errorRate', 'errorShare', 'errors_rate'));
    const errors = num(pick(e, 'errors', 'errorCount'));
    if (errorRate === null && errors !== null && calls) errorRate = errors / calls;
    edges.push({
      from,
      to,
      calls,
      errorRate,
      p50Ms: readLatency(e, 'p50'),
      p95Ms: readLatency(e, 'p95'),
      p99Ms: readLatency(e, 'p99'),
      inferred: pick(e, 'inferred', 'uninstrumented', 'fromPeer') === true || pick(e, 'kind', 'source') === 'peer',
    });
  }
  const nodes = new Set<string>();
  const peers = new Set<string>();
  const rawNodes = pick(g, 'nodes', 'services');
  for (const n of Array.isArray(rawNodes) ? rawNodes : []) {
    const name = nodeName(n);
    if (name) nodes.add(name);
    if (name && isObj(n) && n.kind === 'peer') peers.add(name);
  }
  for (const e of edges) {
    nodes.add(e.from);
    nodes.add(e.to);
  }
  if (nodes.size === 0) return null;
  let omitted = num(g['omittedNodes']) ?? 0;
  let shown = edges;
  if (nodes.size > GRAPH_VIEW_MAX) {
    // A graph no page can draw (a report from elsewhere, of thousands of services): the services
    // with the most edges, and the edges between them.
    const degree = new Map<string, number>();
    for (const e of edges) {
      degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
      degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
    }
    const kept = new Set([...nodes].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || compareText(a, b)).slice(0, GRAPH_VIEW_MAX));
    omitted += nodes.size - kept.size;
    for (const n of nodes) if (!kept.has(n)) nodes.delete(n);
    shown = edges.filter((e) => kept.has(e.from) && kept.has(e.to));
  }
  shown.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || Number(a.inferred) - Number(b.inferred) || (a.calls ?? 0) - (b.calls ?? 0) || (a.errorRate ?? 0) - (b.errorRate ?? 0));
  const sampled = g.sampled === true;
  return { nodes: [...nodes].sort(compareText), edges: shown, peers, sampled, sample: sampled ? traceSampleText(report) : '', omitted };
}

/**
 * The trace sample of the report's trace checks and dependency graph, as the findings name it:
 * "in a sample of 25,065 of 50,000 traces, 1 in 2" ('' when every trace was examined).
 */
export function traceSampleText(report: Report): string {
  const c = report.correlation as unknown;
  const traces = isObj(c) && isObj(c.traces) ? c.traces : {};
  const share = num(traces.sampledShare) ?? 1;
  if (!(share > 0) || share >= 1) return '';
  const kept = num(traces.traces) ?? 0;
  const total = num(traces.totalTraces);
  return formatSample({ unit: 'traces', size: kept, total: total ?? Math.round(kept / share), ...(total === null || traces.totalTracesEstimated === true ? { estimated: true as const } : {}), share });
}

/** Services a drawn dependency graph shows at most. */
export const GRAPH_VIEW_MAX = 500;

/**
 * Deterministic layered layout: a node's layer is its longest call-path depth from a root
 * (cycles broken by visiting order), nodes in a layer ordered by the mean position of their
 * callers (one barycentre sweep), ties by name. Enough for tens of services on one page.
 */
export function layoutGraph(graph: GraphView): { layers: string[][]; layerOf: Map<string, number> } {
  const out = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  for (const n of graph.nodes) {
    out.set(n, []);
    indeg.set(n, 0);
  }
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    out.get(e.from)!.push(e.to);
    indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
  }
  // Depth-first from roots (no callers; else every node in name order) marking back edges.
  const layerOf = new Map<string, number>();
  const onStack = new Set<string>();
  const roots = graph.nodes.filter((n) => indeg.get(n) === 0);
  const order = [...roots, ...graph.nodes.filter((n) => indeg.get(n) !== 0)];
  const visit = (n: string, depth: number): void => {
    if (onStack.has(n)) return; // back edge: a cycle, ignored for layering
    const cur = layerOf.get(n);
    if (cur !== undefined && cur >= depth) return;
    layerOf.set(n, depth);
    if (depth > graph.nodes.length) return;
    onStack.add(n);
    for (const m of [...out.get(n)!].sort(compareText)) visit(m, depth + 1);
    onStack.delete(n);
  };
  for (const r of order) if (!layerOf.has(r)) visit(r, 0);
  const maxLayer = Math.max(0, ...layerOf.values());
  const layers: string[][] = Array.from({ length: maxLayer + 1 }, () => []);
  for (const n of graph.nodes) layers[layerOf.get(n) ?? 0]!.push(n);
  for (const l of layers) l.sort(compareText);
  const pos = new Map<string, number>();
  layers[0]!.forEach((n, i) => pos.set(n, i));
  for (let li = 1; li < layers.length; li++) {
    const bary = new Map<string, number>();
    for (const n of layers[li]!) {
      const callers = graph.edges.filter((e) => e.to === n && (layerOf.get(e.from) ?? 0) < li).map((e) => pos.get(e.from) ?? 0);
      bary.set(n, callers.length ? callers.reduce((a, b) => a + b, 0) / callers.length : Number.MAX_SAFE_INTEGER);
    }
    layers[li]!.sort((a, b) => bary.get(a)! - bary.get(b)! || compareText(a, b));
    layers[li]!.forEach((n, i) => pos.set(n, i));
  }
  return { layers, layerOf };
}

// ---------------------------------------------------------------- correlation facts

export interface ShareFact {
  key: string;
  label: string;
  value: number;
}

export interface TextFact {
  key: string;
  label: string;
  value: string;
}

export interface AliasFact {
  from: string;
  to: string;
  note: string;
}

const SHARE_KEY = /(share|rate|ratio|coverage|overlap|fraction|percent)$/i;

/**
 * Correlation outputs as the report can show them without knowing every field: numeric
 * shares (keys ending in share/rate/…, values 0–1) as bars, other scalars as facts, and the
 * inferred service-name mapping as a table. Nested objects are flattened one level.
 */
export interface IdentityRow {
  service: string;
  signals: string[];
  peerOnly: boolean;
}

export interface CorrelationFacts {
  shares: ShareFact[];
  facts: TextFact[];
  aliases: AliasFact[];
  /** Which service appears in which signal (from the correlation summary). */
  identity: IdentityRow[];
}

function ratio(part: unknown, whole: unknown): number | null {
  const p = num(part);
  const w = num(whole);
  return p !== null && w !== null && w > 0 ? Math.max(0, Math.min(1, p / w)) : null;
}

/** The correlation summary of issue 5 (logs/traces/metrics counters) as join rates and facts. */
function readCorrelationSummary(c: Obj): CorrelationFacts {
  const logs = isObj(c.logs) ? c.logs : {};
  const traces = isObj(c.traces) ? c.traces : {};
  const metrics = isObj(c.metrics) ? c.metrics : {};
  const shares: ShareFact[] = [];
  const add = (key: string, label: string, v: number | null): void => {
    if (v !== null) shares.push({ key, label, value: v });
  };
  const inv = (bad: unknown, whole: unknown): number | null => {
    const r = ratio(bad, whole);
    return r === null ? null : 1 - r;
  };
  add('logs.traceContext', 'Logs with trace context', ratio(logs.withTraceId, logs.records));
  // Past the memory cap the trace checks run on a sample of whole traces (sampledShare of them):
  // their counts are the sample's, so the orphans are a share of the sample's spans (sampleSpans;
  // estimated from the share in a report without it). Each sampled share says its sample as the
  // findings do: how many of how many, 1 in k.
  const traceShare = num(traces.sampledShare) ?? 1;
  const allSpans = num(traces.spans);
  const sampleSpans = num(traces.sampleSpans) ?? (allSpans === null ? null : Math.round(allSpans * traceShare));
  const keptTraces = num(traces.traces) ?? 0;
  const sampleText = traceSampleText({ correlation: c } as unknown as Report);
  const inSample = sampleText ? ` (${sampleText})` : '';
  // the logs are checked on a sample of their own past its cap, and compared with their span only
  // when the trace sample kept it (both pick traces by the same id hash: the smaller share holds)
  const logShare = num(logs.sampledShare) ?? 1;
  const skewShare = Math.min(logShare, traceShare);
  const logSample = (size: unknown, total: unknown, unit: string, share: number): string => (share < 1 ? ` (${formatSample({ unit, size: num(size) ?? 0, total: num(total) ?? 0, share })})` : '');
  add('logs.resolved', `Trace context resolving to spans${logSample(logs.checked, logs.withTraceId, 'logs with trace context', logShare)}`, ratio(logs.resolved, logs.checked));
  add('logs.inSpan', `Logs within 100 ms of their span${logSample(logs.skewChecked, logs.withSpanId, 'logs that name a span', skewShare)}`, inv(logs.skewOutsideSpan, logs.skewChecked));
  // (a sample that kept no trace tells nothing: the row is left out, as its checks are)
  if (keptTraces > 0) add('traces.parented', `Spans whose parent is in the export${inSample}`, inv(traces.orphanSpans, sampleSpans));
  add('traces.oneRoot', `Traces with exactly one root${inSample}`, inv((num(traces.multiRootTraces) ?? 0) + (num(traces.noRootTraces) ?? 0), traces.traces));
  add('traces.clocks', `Cross-service children inside their parent${inSample}`, inv(traces.childOutsideParent, traces.crossServiceChildren));
  add('metrics.exemplars', 'Metric points with exemplars', ratio(metrics.pointsWithExemplars, metrics.points));
  add('metrics.exemplarsResolved', 'Exemplars resolving to spans', ratio(metrics.exemplarsResolved, metrics.exemplarsWithTraceId));
  add('timeOverlap', 'Time overlap of the signals', num(c.timeOverlap));
  const identity: IdentityRow[] = [];
  for (const s of Array.isArray(c.services) ? c.services : []) {
    if (!isObj(s) || typeof s.service !== 'string') continue;
    identity.push({ service: s.service, signals: Array.isArray(s.signals) ? s.signals.filter((x): x is string => typeof x === 'string') : [], peerOnly: s.peerOnly === true });
  }
  identity.sort((a, b) => compareText(a.service, b.service));
  const instrumented = identity.filter((i) => !i.peerOnly);
  if (instrumented.length) add('services.traced', 'Services seen in traces', instrumented.filter((i) => i.signals.includes('traces')).length / instrumented.length);
  const facts: TextFact[] = [];
  const fact = (key: string, label: string, value: string | null): void => {
    if (value !== null && value !== '') facts.push({ key, label, value });
  };
  const score = num(c.score);
  fact('score', 'Correlation score', score === null ? null : (Math.round(score * 10) / 10).toFixed(1));
  fact('blindSpots', 'Blind spots (in logs or metrics, never in traces)', Array.isArray(c.blindSpots) ? c.blindSpots.filter((x) => typeof x === 'string').join(', ') || 'none' : null);
  const med = num(logs.skewMedianMs);
  const p95 = num(logs.skewP95Ms);
  if (med !== null || p95 !== null) fact('logs.skew', 'Log-to-span clock distance (median / p95)', `${med === null ? '–' : `${med.toFixed(1)} ms`} / ${p95 === null ? '–' : `${p95.toFixed(1)} ms`}`);
  const interval = num(metrics.medianIntervalS);
  if (interval !== null) fact('metrics.interval', 'Median metric resolution', `${interval} s`);
  const sampled = num(traces.sampledShare);
  if (sampled !== null && sampled < 1) fact('traces.sampled', 'Traces kept for the checks (memory cap)', `${(sampled * 100).toFixed(1)} %`);
  const aliases: AliasFact[] = [];
  for (const m of Array.isArray(c.mappings) ? c.mappings : []) {
    if (!isObj(m) || m.reason === 'exact') continue;
    const from = str(m.raw);
    const to = str(m.service);
    if (!from || !to) continue;
    const why = [str(m.reason) === 'pod-name' ? 'Kubernetes pod name' : str(m.reason) === 'near-miss' ? 'near-miss name' : str(m.reason), str(m.signal), str(m.from) ? `from ${str(m.from)}` : null, num(m.records) !== null ? `${num(m.records)} records` : null];
    aliases.push({ from, to, note: why.filter(Boolean).join(' · ') });
  }
  aliases.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.note, b.note));
  return { shares, facts, aliases, identity };
}

export function readCorrelationFacts(report: Report): CorrelationFacts | null {
  const c = report.correlation as unknown;
  if (!isObj(c)) return null;
  if (isObj(c.logs) || isObj(c.traces) || Array.isArray(c.services)) return readCorrelationSummary(c);
  return readGenericCorrelation(c);
}

/** Older or foreign shapes: numeric shares (keys ending in share/rate/…) as bars, other scalars as facts. */
function readGenericCorrelation(c: Obj): CorrelationFacts | null {
  const shares: ShareFact[] = [];
  const facts: TextFact[] = [];
  const aliases: AliasFact[] = [];
  const label = (k: string): string => k.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').toLowerCase().replace(/^./, (m) => m.toUpperCase());
  const addScalar = (key: string, v: unknown): void => {
    const n = num(v);
    if (n !== null && SHARE_KEY.test(key) && n >= 0 && n <= 1) shares.push({ key, label: label(key.split('.').pop()!), value: n });
    else if (n !== null || typeof v === 'string' || typeof v === 'boolean') facts.push({ key, label: label(key.split('.').pop()!), value: String(v) });
  };
  const readAliases = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const a of v) {
        if (!isObj(a)) continue;
        const from = str(pick(a, 'from', 'alias', 'observed', 'name', 'raw'));
        const to = str(pick(a, 'to', 'service', 'canonical', 'mappedTo'));
        if (from && to) aliases.push({ from, to, note: str(pick(a, 'reason', 'note', 'signal', 'by')) ?? '' });
      }
    } else if (isObj(v)) {
      for (const [from, to] of Object.entries(v)) if (typeof to === 'string') aliases.push({ from, to, note: '' });
    }
  };
  for (const [k, v] of Object.entries(c)) {
    if (/alias|mapping|serviceMap|identity/i.test(k) && (Array.isArray(v) || isObj(v))) {
      const before = aliases.length;
      readAliases(v);
      if (isObj(v)) {
        const inner = pick(v, 'aliases', 'mapping', 'mappings');
        if (inner) readAliases(inner);
        for (const [k2, v2] of Object.entries(v)) if (!isObj(v2) && !Array.isArray(v2)) addScalar(`${k}.${k2}`, v2);
      }
      if (aliases.length > before) continue;
    }
    if (isObj(v)) {
      for (const [k2, v2] of Object.entries(v)) if (!isObj(v2) && !Array.isArray(v2)) addScalar(`${k}.${k2}`, v2);
    } else if (!Array.isArray(v)) addScalar(k, v);
  }
  shares.sort((a, b) => compareText(a.key, b.key));
  facts.sort((a, b) => compareText(a.key, b.key));
  aliases.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
  if (!shares.length && !facts.length && !aliases.length) return null;
  return { shares, facts, aliases, identity: [] };
}

// ---------------------------------------------------------------- symptoms

export interface SymptomView {
  service: string;
  kind: string;
  signal: string;
  onset: string;
  strength: number | null;
  evidence: string;
}

function signalOfSymptom(kind: string): string {
  return kind.startsWith('span') || kind.startsWith('call') ? 'traces' : kind.startsWith('log') ? 'logs' : kind.startsWith('metric') ? 'metrics' : '';
}

export function readSymptoms(report: Report): SymptomView[] {
  const out: SymptomView[] = [];
  for (const s of Array.isArray(report.symptoms) ? (report.symptoms as unknown[]) : []) {
    if (!isObj(s)) continue;
    out.push({
      service: str(pick(s, 'service', 'entity')) ?? '?',
      kind: str(pick(s, 'kind', 'type', 'name')) ?? '?',
      signal: str(pick(s, 'signal', 'source')) ?? signalOfSymptom(str(pick(s, 'kind', 'type', 'name')) ?? ''),
      onset: str(pick(s, 'onset', 'start', 'onsetTime', 'time')) ?? '',
      strength: num(pick(s, 'strength', 'score', 'z', 'magnitude')),
      evidence: [str(s.metric), str(pick(s, 'evidence', 'detail'))].filter(Boolean).join(': '),
    });
  }
  return out.sort((a, b) => compareText(a.onset, b.onset) || compareText(a.service, b.service) || compareText(a.kind, b.kind));
}

// ---------------------------------------------------------------- root-cause replay

export interface RcaCaseView {
  id: string;
  trueService: string;
  fault: string;
  start: string;
  ranking: { service: string; score: number | null }[];
  rankOfTrue: number | null;
}

export interface RcaSummaryView {
  method: string;
  cases: RcaCaseView[];
  ac1: number | null;
  ac3: number | null;
  avg5: number | null;
  chance: number | null;
  lift: number | null;
}

export interface RcaView {
  main: RcaSummaryView;
  baseline: RcaSummaryView | null;
  skipped: { id: string; reason: string }[];
}

function readRcaSummary(o: Obj, fallbackMethod: string): RcaSummaryView {
  const cases: RcaCaseView[] = [];
  for (const c of Array.isArray(o.cases) ? o.cases : []) {
    if (!isObj(c)) continue;
    const ranking: RcaCaseView['ranking'] = [];
    for (const r of Array.isArray(c.ranking) ? c.ranking : []) {
      if (typeof r === 'string') ranking.push({ service: r, score: null });
      else if (isObj(r)) {
        const service = str(pick(r, 'service', 'name', 'candidate'));
        if (service) ranking.push({ service, score: num(pick(r, 'score', 'strength', 'value')) });
      }
    }
    cases.push({
      id: str(pick(c, 'id', 'incident')) ?? '',
      trueService: str(pick(c, 'trueService', 'service', 'rootCause')) ?? '',
      fault: str(pick(c, 'fault', 'kind')) ?? '',
      start: str(pick(c, 'start', 'startTime')) ?? '',
      ranking,
      rankOfTrue: num(c.rankOfTrue),
    });
  }
  return {
    method: str(o.method) ?? fallbackMethod,
    cases,
    ac1: num(pick(o, 'ac1', 'AC@1')),
    ac3: num(pick(o, 'ac3', 'AC@3')),
    avg5: num(pick(o, 'avg5', 'Avg@5')),
    chance: num(o.chance),
    lift: num(o.lift),
  };
}

export function readRca(report: Report): RcaView | null {
  const r = report.rca as unknown;
  if (!isObj(r)) return null;
  const main = readRcaSummary(r, 'multi-signal');
  const baseline = isObj(r.baseline) ? readRcaSummary(r.baseline, 'BARO') : null;
  const skipped: RcaView['skipped'] = [];
  for (const k of Array.isArray(r.skipped) ? r.skipped : []) if (isObj(k)) skipped.push({ id: str(k.id) ?? '?', reason: str(k.reason) ?? '' });
  if (main.cases.length === 0 && main.ac1 === null && main.avg5 === null && skipped.length === 0) return null;
  return { main, baseline, skipped };
}

// ---------------------------------------------------------------- workflows

export interface WorkflowView {
  name: string;
  level: string;
  riskClass: string;
  services: string[];
  readiness: number | null;
  binding: string;
  note: string;
}

export function readWorkflows(report: Report): WorkflowView[] {
  const out: WorkflowView[] = [];
  for (const w of Array.isArray(report.workflows) ? report.workflows : []) {
    if (!isObj(w)) continue;
    const lvl = pick(w, 'level', 'maturity', 'maturityLevel');
    const services = pick(w, 'services');
    const bind = pick(w, 'binding', 'bindingConstraint', 'bindingArea');
    out.push({
      name: str(pick(w, 'name', 'workflow', 'id')) ?? '?',
      level: typeof lvl === 'number' ? `L${lvl}` : (str(lvl) ?? '–'),
      riskClass: str(pick(w, 'riskClass', 'risk')) ?? '–',
      services: Array.isArray(services) ? services.map((s) => nodeName(s)).filter((s): s is string => !!s) : [],
      readiness: num(pick(w, 'dataReadiness', 'readiness', 'score')),
      binding: isObj(bind) ? (str(pick(bind, 'area', 'dimension', 'name')) ?? '–') : (str(bind) ?? '–'),
      note: str(pick(w, 'note', 'reason', 'explanation')) ?? '',
    });
  }
  return out.sort((a, b) => compareText(a.name, b.name));
}
