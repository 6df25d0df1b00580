// Root-cause replay and correlation on the real labelled Nezha TrainTicket fault: network delay
// injected into pod ts-contacts-service-866bd68c97-dzqgd at 2023-01-30 11:51:46 UTC. The data
// (3 minutes of logs/traces, whole-day per-minute metrics for 4 pods/services) goes through the
// real importers and the Analysis pipeline, as `obsready analyze --incidents` does.
import { describe, expect, it, beforeAll } from 'vitest';
import path from 'node:path';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, expandPaths } from '../../../analyzers/node/read-inputs.js';
import { parseIncidents } from '../../../analyzers/analysis/incidents.js';
import type { Report } from '../../../analyzers/report/model.js';
import { NEZHA, REPO } from './helpers.js';

// The incidents file names the pod, as Nezha's fault list does; replay must map it to the service.
const INCIDENTS = 'id,start,service,fault\nnezha-2023-01-30-1,2023-01-30 11:51:46,ts-contacts-service-866bd68c97-dzqgd,network_delay\n';

let report: Report;
beforeAll(async () => {
  const { incidents, issues } = parseIncidents(INCIDENTS);
  expect(issues).toEqual([]);
  const analysis = new Analysis({ toolVersion: 'test', incidents });
  const { files } = await expandPaths([path.join(NEZHA, 'log'), path.join(NEZHA, 'trace'), path.join(NEZHA, 'metric')], REPO);
  for (const f of files) await analyzeFile(analysis, f);
  report = analysis.finish('2020-01-01T00:00:00Z');
}, 120_000);

describe('Nezha network-delay fault', () => {
  it('ranks ts-contacts-service first with the multi-signal ranking', () => {
    const c = report.rca!.cases[0]!;
    expect(c.trueService).toBe('ts-contacts-service');
    // Why: the callers' time around calls into ts-contacts-service (their span minus its span:
    // network) jumps from ~3 ms to ~1.5–2 s after 11:51:46 (computed with python over the trace
    // CSVs: median gap preserve→contacts 3.1 → 1497 ms, preserve-other→contacts 3.3 → 1997 ms),
    // and its pod metrics (PodClient/ServerLatencyP9x) leave their baseline; the callers'
    // (ts-preserve-*, ts-gateway-service) slower spans are explained by that callee and discounted.
    expect(c.rankOfTrue).toBe(1);
    expect(c.ranking[0]!.service).toBe('ts-contacts-service');
    // 28 traced services + Frontend and ts-ui-dashboard (metrics only) = 30 candidates.
    expect(c.candidates).toBe(30);
    expect(report.rca!.ac1).toBe(1);
    expect(report.rca!.ac3).toBe(1);
    expect(report.rca!.avg5).toBe(1);
    expect(report.rca!.chance).toBe(0.1); // 3/30
    expect(report.rca!.lift).toBe(10);
  });

  it('BARO baseline on metrics alone also ranks it in the top 3', () => {
    const b = report.rca!.baseline.cases[0]!;
    expect(b.rankOfTrue).not.toBeNull();
    expect(b.rankOfTrue!).toBeLessThanOrEqual(3);
    // Only the 4 metric files name services: BARO can rank at most these.
    expect(b.ranking.map((r) => r.service).sort()).toEqual(['Frontend', 'ts-contacts-service', 'ts-gateway-service', 'ts-ui-dashboard']);
  });

  it('builds the dependency graph from parent-child spans across services', () => {
    const g = report.dependencyGraph!;
    // Counted with python over trace/*.csv (pod → service by stripping the two pod suffixes; the
    // 151 rows the per-minute files repeat, same TraceID and SpanID, counted once: 9795 spans):
    // 54 caller→callee pairs, 1540 cross-service parent-child spans, 10 preserve→contacts calls.
    expect(g.edges.length).toBe(54);
    expect(g.edges.reduce((a, e) => a + e.calls, 0)).toBe(1540);
    const e = g.edges.find((x) => x.from === 'ts-preserve-service' && x.to === 'ts-contacts-service')!;
    expect(e.calls).toBe(10);
    expect(e.latencyMs.p50).not.toBeNull();
    expect(g.sampled).toBe(false);
  });

  it('reports the pod → service mapping it inferred and the correlation measures', () => {
    const corr = report.correlation!;
    const m = corr.mappings.find((x) => x.raw === 'ts-contacts-service-866bd68c97-dzqgd' && x.signal === 'traces')!;
    expect(m.service).toBe('ts-contacts-service');
    expect(m.reason).toBe('pod-name');
    // Every Nezha log row carries TraceID and SpanID that resolve to exported spans (5182 rows).
    expect(corr.logs.records).toBe(5182);
    expect(corr.logs.withTraceId).toBe(5182);
    expect(corr.logs.resolved).toBe(5182);
    expect(corr.traces.spans).toBe(9946);
    expect(corr.traces.traces).toBe(141);
    // the two traces with two 'root' rows had the same root row twice, in two per-minute files (python)
    expect(corr.traces.multiRootTraces).toBe(0);
    expect(corr.traces.duplicateSpans).toBe(151);
    expect(corr.blindSpots).toEqual(['Frontend', 'ts-ui-dashboard']);
    const rule = (id: string) => report.findings!.find((f) => f.ruleId === id)!;
    expect(rule('COR-001').passed).toBe(false); // traces name pods, logs name services
    expect(rule('COR-004').passed).toBe(true);
    expect(rule('COR-010').passed).toBe(false); // metrics cover the day, traces 3 minutes
    expect(rule('COR-013').passed).toBe(true);
  });

  it('detects the latency symptom of calls into ts-contacts-service after the fault', () => {
    const s = report.symptoms!.filter((x) => x.service === 'ts-contacts-service' && x.onset >= '2023-01-30T11:51:40' && x.onset < '2023-01-30T11:54');
    expect(s.length).toBeGreaterThan(0);
  });
});
