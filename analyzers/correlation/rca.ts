// Root-cause replay on labelled incidents. Two rankers over the same candidate services (all
// services found in the data: traced services, peer callees, log and metric services):
//
// - BARO (baseline, RCAEval): per metric series, baseline = the buckets before the incident
//   start; each later point scores (x − median) / IQR of the baseline (IQR 0 → 1, as sklearn's
//   RobustScaler); metric score = the maximum; series constant in either window are dropped;
//   metrics are ranked and each service keeps its best position.
// - multi-signal: per service the strongest of span latency/error shifts, the latency callers see
//   and the time callers spend around calls into it (network, queues), error-log bursts and the
//   BARO metric score; latency and error symptoms that a callee's own symptoms explain are
//   discounted, so the most downstream anomalous service wins.
//
// Candidates come from the data only and the true service from the incidents file only; both go
// through the same name resolution (pod-name inference, near-miss join).
import type { Incident, RcaCase, RcaMethodResult, RcaRankingEntry, RcaReport } from './types.js';
import type { ServiceResolver } from './service-identity.js';
import { nearMissKey } from './service-identity.js';
import type { SpanTopology } from './spans.js';
import { pooledCounts, pooledLatency, round } from './spans.js';
import { windowValues, type ValueSeries } from './metric-series.js';
import { robustBaseline } from './sketches.js';
import { countShift, errorShift, latencyShift, msToIso, type Shift } from './detect.js';

export const BASELINE_WINDOW_MS = 60 * 60_000;
export const DEFAULT_ANOMALY_WINDOW_MS = 10 * 60_000;
/** Weight of a symptom that a callee's own symptom explains. */
export const EXPLAINED_WEIGHT = 0.3;
const RANKING_LENGTH = 10;

export interface RcaInputs {
  bucketMs: number;
  resolver: ServiceResolver;
  candidates: string[];
  topo: SpanTopology | undefined;
  metrics: ValueSeries[];
  logs: Map<string, Record<number, [number, number]>>;
  ranges: [number, number][];
}

interface Windows {
  baseFrom: number;
  start: number;
  end: number;
}

function windowsOf(inc: Incident, next: Incident | undefined, bucketMs: number): Windows {
  const startMs = Number(inc.startNs / 1_000_000n);
  let endMs = inc.endNs !== undefined ? Number(inc.endNs / 1_000_000n) : startMs + DEFAULT_ANOMALY_WINDOW_MS;
  if (inc.endNs === undefined && next) endMs = Math.min(endMs, Number(next.startNs / 1_000_000n));
  endMs = Math.max(endMs, startMs + bucketMs);
  return {
    baseFrom: Math.floor((startMs - BASELINE_WINDOW_MS) / bucketMs),
    start: Math.floor(startMs / bucketMs),
    end: Math.ceil(endMs / bucketMs),
  };
}

function isConstant(v: number[]): boolean {
  return v.length === 0 || v.every((x) => x === v[0]);
}

/** Map a metric series to a candidate service: its service label, else its name prefix. */
function serviceOfSeries(v: ValueSeries, inp: RcaInputs, keys: [string, string][]): string | undefined {
  if (v.service !== '') return inp.resolver.resolve(v.service);
  const squashed = v.name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const [k, svc] of keys) if (k.length >= 3 && squashed.startsWith(k)) return svc;
  return undefined;
}

export function baroScores(inp: RcaInputs, w: Windows, scaleOf: (median: number, iqr: number) => number = (_m, iqr) => (iqr === 0 ? 1 : iqr)): { service: string; metric: string; score: number }[] {
  const keys: [string, string][] = inp.candidates.map((c) => [nearMissKey(c), c]);
  keys.sort((a, b) => b[0].length - a[0].length);
  const scored: { service: string; metric: string; score: number }[] = [];
  for (const v of inp.metrics) {
    const service = serviceOfSeries(v, inp, keys);
    if (service === undefined) continue;
    const base = windowValues(v, w.baseFrom, w.start);
    const anomaly = windowValues(v, w.start, w.end);
    if (base.length < 3 || anomaly.length < 2 || isConstant(base) || isConstant(anomaly)) continue;
    const rb = robustBaseline(base);
    const scale = scaleOf(rb.median, rb.iqr);
    let score = -Infinity;
    for (const x of anomaly) score = Math.max(score, (x - rb.median) / scale);
    scored.push({ service, metric: v.key, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
  return scored;
}

function rankBaro(inp: RcaInputs, w: Windows): RcaRankingEntry[] {
  const seen = new Set<string>();
  const out: RcaRankingEntry[] = [];
  for (const s of baroScores(inp, w)) {
    if (seen.has(s.service)) continue;
    seen.add(s.service);
    out.push({ service: s.service, score: round(Math.min(s.score, 1e6), 3), reason: `metric ${s.metric}` });
  }
  return out;
}

interface Component {
  name: string;
  shift: Shift;
  /** May be explained by a callee (latency, errors, error logs). */
  explainable: boolean;
}

const squash = (z: number): number => Math.log1p(Math.max(0, z));

function rankMultiSignal(inp: RcaInputs, w: Windows): RcaRankingEntry[] {
  const topo = inp.topo;
  const baro = new Map<string, { metric: string; score: number }>();
  // Same robust score, but a near-zero IQR must not turn float noise into an astronomic z.
  for (const s of baroScores(inp, w, (m, iqr) => Math.max(iqr, 0.05 * Math.abs(m), 1e-9))) if (!baro.has(s.service)) baro.set(s.service, { ...s, score: Math.min(s.score, 1000) });
  const components = new Map<string, Component[]>();
  const add = (service: string, c: Component | null) => {
    if (!c || !(c.shift.z > 0)) return;
    const list = components.get(service) ?? [];
    list.push(c);
    components.set(service, list);
  };
  const latencyDelta = new Map<string, number>();
  const callDelta = new Map<string, number>();
  const callErrZ = new Map<string, number>();
  for (const service of inp.candidates) {
    if (topo) {
      const entry = topo.entry.get(service);
      const lat = latencyShift(pooledLatency(entry, w.baseFrom, w.start), pooledLatency(entry, w.start, w.end));
      if (lat) {
        latencyDelta.set(service, lat.deltaMs);
        add(service, { name: 'span latency', shift: lat, explainable: true });
      }
      const err = errorShift(pooledCounts(entry, w.baseFrom, w.start), pooledCounts(entry, w.start, w.end));
      add(service, err && { name: 'span errors', shift: err, explainable: true });
      const calls = topo.calls.get(service);
      const cl = latencyShift(pooledLatency(calls, w.baseFrom, w.start), pooledLatency(calls, w.start, w.end));
      if (cl) {
        callDelta.set(service, cl.deltaMs);
        add(service, { name: 'latency seen by callers', shift: cl, explainable: true });
      }
      const ce = errorShift(pooledCounts(calls, w.baseFrom, w.start), pooledCounts(calls, w.start, w.end));
      if (ce) {
        callErrZ.set(service, ce.z);
        add(service, { name: 'errors seen by callers', shift: ce, explainable: true });
      }
      const gaps = topo.gaps.get(service);
      const gl = latencyShift(pooledLatency(gaps, w.baseFrom, w.start), pooledLatency(gaps, w.start, w.end));
      add(service, gl && { name: 'time around calls into it (network, queues)', shift: { ...gl, text: gl.text }, explainable: false });
    }
    const logs = inp.logs.get(service);
    if (logs) {
      const base: number[] = [];
      const anomaly: number[] = [];
      for (const [b, c] of Object.entries(logs)) {
        const n = Number(b);
        if (n >= w.baseFrom && n < w.start) base.push(c[1]);
        else if (n >= w.start && n < w.end) anomaly.push(c[1]);
      }
      const ls = countShift(base, anomaly, 1);
      add(service, ls && { name: 'error-log burst', shift: { ...ls, text: `error logs ${ls.text}` }, explainable: true });
    }
    const b = baro.get(service);
    if (b) add(service, { name: 'metric anomaly', shift: { z: b.score, deltaMs: 0, text: `${b.metric}: robust z ${round(b.score, 1)}` }, explainable: false });
  }
  const out: RcaRankingEntry[] = [];
  for (const [service, list] of components) {
    // A caller's latency/errors are explained when a callee's own change is at least half as large.
    const callees = topo?.callees.get(service) ?? new Set<string>();
    let maxCalleeDelta = 0;
    let maxCalleeErr = 0;
    for (const c of callees) {
      if (c === service) continue;
      maxCalleeDelta = Math.max(maxCalleeDelta, callDelta.get(c) ?? 0);
      maxCalleeErr = Math.max(maxCalleeErr, callErrZ.get(c) ?? 0);
    }
    const ownDelta = Math.max(latencyDelta.get(service) ?? 0, callDelta.get(service) ?? 0);
    let best: { v: number; c: Component } | undefined;
    let sum = 0;
    for (const c of list) {
      let v = squash(c.shift.z);
      if (c.explainable) {
        const isErr = c.name.includes('error');
        const explained = isErr ? maxCalleeErr >= 3 : maxCalleeDelta > 0 && maxCalleeDelta >= 0.5 * ownDelta;
        if (explained) v *= EXPLAINED_WEIGHT;
      }
      sum += v;
      if (!best || v > best.v) best = { v, c };
    }
    if (!best || best.v <= 0) continue;
    const score = best.v + 0.1 * (sum - best.v);
    out.push({ service, score: round(score, 3), reason: `${best.c.name}: ${best.c.shift.text}` });
  }
  out.sort((a, b) => b.score - a.score || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  return out;
}

function summarise(method: string, cases: RcaCase[]): RcaMethodResult {
  if (cases.length === 0) return { method, cases, ac1: null, ac3: null, avg5: null, chance: null, lift: null };
  const ac = (k: number) => cases.filter((c) => c.rankOfTrue !== null && c.rankOfTrue <= k).length / cases.length;
  const avg5 = (ac(1) + ac(2) + ac(3) + ac(4) + ac(5)) / 5;
  // Chance Avg@5 for N candidates: mean over k=1..5 of min(k, N)/N (= 3/N when N ≥ 5).
  const chance = cases.reduce((a, c) => a + (c.candidates > 0 ? [1, 2, 3, 4, 5].reduce((s, k) => s + Math.min(k, c.candidates) / c.candidates, 0) / 5 : 0), 0) / cases.length;
  return {
    method,
    cases,
    ac1: round(ac(1), 4),
    ac3: round(ac(3), 4),
    avg5: round(avg5, 4),
    chance: round(chance, 4),
    lift: chance > 0 ? round(avg5 / chance, 3) : null,
  };
}

/** Replay every incident whose start the data covers; the others are listed as skipped. */
export function replayIncidents(incidents: Incident[], inp: RcaInputs): RcaReport {
  const sorted = [...incidents].sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : a.id < b.id ? -1 : 1));
  const multi: RcaCase[] = [];
  const base: RcaCase[] = [];
  const skipped: RcaReport['skipped'] = [];
  for (let i = 0; i < sorted.length; i++) {
    const inc = sorted[i]!;
    const startMs = Number(inc.startNs / 1_000_000n);
    const covered = inp.ranges.some(([a, b]) => a <= startMs + DEFAULT_ANOMALY_WINDOW_MS && b >= startMs);
    if (!covered) {
      // Say which: the data ends before the incident, or starts after its anomaly window.
      const after = inp.ranges.some(([, b]) => b >= startMs);
      const windowMin = Math.round(DEFAULT_ANOMALY_WINDOW_MS / 60_000);
      skipped.push({ id: inc.id, reason: after ? `no telemetry within ${windowMin} min of its start (the data begins later)` : 'no telemetry at or after its start (the data ends before it)' });
      continue;
    }
    const w = windowsOf(inc, sorted[i + 1], inp.bucketMs);
    const trueService = inp.resolver.resolve(inc.service, true);
    const mk = (ranking: RcaRankingEntry[]): RcaCase => {
      const idx = ranking.findIndex((r) => r.service === trueService);
      const c: RcaCase = {
        id: inc.id,
        start: msToIso(startMs),
        trueService,
        ranking: ranking.slice(0, RANKING_LENGTH),
        rankOfTrue: idx >= 0 ? idx + 1 : null,
        candidates: inp.candidates.length,
      };
      if (inc.endNs !== undefined) c.end = msToIso(Number(inc.endNs / 1_000_000n));
      if (inc.fault !== undefined) c.fault = inc.fault;
      return c;
    };
    multi.push(mk(rankMultiSignal(inp, w)));
    base.push(mk(rankBaro(inp, w)));
  }
  return { ...summarise('multi-signal', multi), baseline: summarise('baro', base), skipped };
}
