// Breaking joins in real data lowers the correlation score. Baseline: the Nezha TrainTicket logs
// and traces (every log carries TraceID/SpanID that resolve). Each variant rewrites the decoded
// records on their way to the collectors, as if the export had been made that way.
import { describe, expect, it, beforeAll } from 'vitest';
import path from 'node:path';
import type { Report } from '../../../analyzers/report/model.js';
import { hash32 } from '../../../analyzers/profile/hash.js';
import { analyzePaths, NEZHA } from './helpers.js';

const INPUTS = [path.join(NEZHA, 'log'), path.join(NEZHA, 'trace')];
const corrScore = (r: Report) => r.dimensions!.correlation.score!;
const rule = (r: Report, id: string) => r.findings!.find((f) => f.ruleId === id);

let base: Report;
beforeAll(async () => {
  base = await analyzePaths(INPUTS);
}, 120_000);

describe('breaking joins on Nezha logs + traces', () => {
  it('baseline joins: logs resolve to spans, no orphans', () => {
    expect(rule(base, 'COR-003')!.passed).toBe(true);
    expect(rule(base, 'COR-004')!.passed).toBe(true);
    expect(rule(base, 'COR-005')!.passed).toBe(true);
    expect(corrScore(base)).toBeGreaterThan(0);
  });

  it('removing trace ids from logs fails COR-003 and lowers the score', async () => {
    const r = await analyzePaths(INPUTS, (rec) => (rec.kind === 'log' ? { ...rec, traceId: undefined, spanId: undefined } : rec));
    expect(r.correlation!.logs.withTraceId).toBe(0);
    expect(rule(r, 'COR-003')!.passed).toBe(false);
    expect(rule(r, 'COR-004')).toBeUndefined(); // nothing left to resolve
    expect(corrScore(r)).toBeLessThan(corrScore(base));
  });

  it('renaming the services of one signal (logs) breaks the service join and lowers the score', async () => {
    // A different naming scheme that no pod/near-miss inference can join (e.g. team-owned app ids).
    const r = await analyzePaths(INPUTS, (rec) => (rec.kind === 'log' ? { ...rec, resource: { ...rec.resource, serviceName: `app-${hash32(rec.resource.serviceName ?? '') % 1000}` } } : rec));
    expect(rule(r, 'COR-002')!.passed).toBe(false); // every log service is now a blind spot
    expect(r.correlation!.blindSpots.length).toBeGreaterThan(20);
    expect(corrScore(r)).toBeLessThan(corrScore(base));
  });

  it('dropping half of the spans (by span id) creates orphans and unresolved logs and lowers the score', async () => {
    const r = await analyzePaths(INPUTS, (rec) => (rec.kind === 'span' && hash32(rec.spanId) % 2 === 0 ? undefined : rec));
    expect(r.correlation!.traces.orphanSpans).toBeGreaterThan(1000);
    expect(rule(r, 'COR-005')!.passed).toBe(false);
    expect(rule(r, 'COR-004')!.passed).toBe(false);
    expect(corrScore(r)).toBeLessThan(corrScore(base));
  });
});
