// The embedded demo: both variants are simulated, exported with the OTLP JSON serialisers and
// analysed through the real pipeline with the injected faults as labelled incidents.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { runVariant, DEMO_SEED, DEMO_START_MS, type VariantResult } from '../../demo/run.js';
import { simulate } from '../../demo/system.js';

let well: VariantResult;
let typical: VariantResult;
let out: string;
let elapsedMs: number;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'obsready-demo-'));
  const t0 = Date.now();
  well = await runVariant('well-instrumented', out);
  typical = await runVariant('typical', out);
  elapsedMs = Date.now() - t0;
}, 120_000);

describe('npm run demo', () => {
  it('injects three faults of different kinds and writes them as an incidents file', () => {
    const inc = JSON.parse(readFileSync(path.join(well.dir, 'incidents.json'), 'utf8')) as { service: string; fault: string }[];
    expect(inc.map((i) => `${i.fault}:${i.service}`)).toEqual(['latency:inventory', 'errors:payment', 'saturation:catalog']);
  });

  it('ranks every injected fault in the top 3 in the well-instrumented variant', () => {
    const cases = well.report.rca!.cases;
    expect(cases).toHaveLength(3);
    for (const c of cases) expect(c.rankOfTrue, `${c.id}: ${JSON.stringify(c.ranking.slice(0, 3))}`).not.toBeNull();
    for (const c of cases) expect(c.rankOfTrue!).toBeLessThanOrEqual(3);
    expect(well.report.rca!.ac3).toBe(1);
  });

  it('scores well-instrumented at least 20 points above typical, overall and on correlation', () => {
    expect(well.report.score! - typical.report.score!).toBeGreaterThanOrEqual(20);
    expect(well.report.dimensions!.correlation.score! - typical.report.dimensions!.correlation.score!).toBeGreaterThanOrEqual(20);
  });

  it('shows the typical variant’s broken joins: no trace context on logs, services named differently per signal', () => {
    const t = typical.report.correlation!;
    expect(t.logs.withTraceId).toBe(0);
    expect(typical.report.findings!.find((f) => f.ruleId === 'COR-001')!.passed).toBe(false);
    // `frontendservice` in metrics is joined to `frontend` in traces only by near-miss inference;
    // the free-text lines name their pod only inside the message, so logs carry no service at all.
    const m = t.mappings.filter((x) => x.service === 'frontend').map((x) => `${x.signal}:${x.raw}:${x.reason}`).sort();
    expect(m).toEqual(['metrics:frontendservice:near-miss', 'traces:frontend:exact']);
    expect(t.mappings.filter((x) => x.signal === 'logs')).toEqual([]);
    const w = well.report.correlation!;
    expect(w.logs.resolved).toBe(w.logs.records);
    expect(w.metrics.exemplarsResolved).toBeGreaterThan(0);
  });

  it('builds the dependency graph with the uninstrumented database and queue from peer attributes', () => {
    const g = well.report.dependencyGraph!;
    const edges = g.edges.map((e) => `${e.from}->${e.to}:${e.kind}`).sort();
    expect(edges).toEqual([
      'catalog->postgres:peer',
      'checkout->inventory:call',
      'checkout->payment:call',
      'checkout->shipping:messaging',
      'frontend->gateway:call',
      'gateway->catalog:call',
      'gateway->checkout:call',
      'inventory->postgres:peer',
    ]);
    expect(g.nodes.find((n) => n.service === 'postgres')!.kind).toBe('peer');
  });

  it('runs in under 60 s (both variants, without PDF)', () => {
    expect(elapsedMs).toBeLessThan(60_000);
  });

  it('is deterministic: the same seed gives byte-identical traces', async () => {
    const a = await simulate({ seed: DEMO_SEED, variant: 'well-instrumented', minutes: 2, rate: 2, startMs: DEMO_START_MS });
    const b = await simulate({ seed: DEMO_SEED, variant: 'well-instrumented', minutes: 2, rate: 2, startMs: DEMO_START_MS });
    const c = await simulate({ seed: DEMO_SEED + 1, variant: 'well-instrumented', minutes: 2, rate: 2, startMs: DEMO_START_MS });
    const bytes = (x: typeof a) => Buffer.from(JsonTraceSerializer.serializeRequest(x.spans)!).toString('base64');
    expect(bytes(a)).toBe(bytes(b));
    expect(bytes(a)).not.toBe(bytes(c));
    rmSync(out, { recursive: true, force: true });
  }, 60_000);
});
