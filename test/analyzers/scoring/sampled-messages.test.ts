// Checks that ran on a sample (past a memory cap) report the sample's counts: their messages must
// say so — how many were in the sample, of how many in all — and their evidence carries the same
// sample. Counts made up; the shares follow from them (3,620 of 3,620 → 100 %; 2,996 of 2,996 → 100 %).
import { describe, expect, it } from 'vitest';
import { STRUCTURE_RULES } from '../../../analyzers/scoring/structure-rules.js';
import { NOISE_RULES } from '../../../analyzers/scoring/noise-rules.js';
import type { ScoringContext } from '../../../analyzers/scoring/rule.js';
import type { ServiceView } from '../../../analyzers/scoring/context.js';

const rule = (id: string) => STRUCTURE_RULES.find((r) => r.id === id)!;
const ctx = (svc: Partial<ServiceView>): ScoringContext => ({ profile: {} as ScoringContext['profile'], extras: {}, services: [{ name: 'backend', records: { spans: 0, logs: 0, points: 0 }, series: [], templates: undefined, calm: undefined, trace: undefined, state: {} as ServiceView['state'], ...svc }] });

describe('messages of sampled checks', () => {
  it('a sampled span check says how many spans its sample holds, of how many, 1 in how many (it said "in a sample (1 in 32)")', () => {
    // a service of 160,000 spans whose sampled checks kept 1 in 32 traces: 5,004 of its spans
    const sample = { unit: 'spans', size: 5004, total: 160_000, share: 1 / 32 };
    const state = { spans: { checks: { 'span.semconv.protocol': { examined: 3620, failing: 3620, examples: [], sampleShare: 1 / 32, sample } } } } as unknown as ServiceView['state'];
    const [o] = rule('S-SPAN-SEMCONV-PROTOCOL').evaluate(ctx({ state }));
    expect(o!.message).toBe('3620 of 3620 remote spans carry no protocol attributes (100 %; above the 10 % allowed) (in a sample of 5004 of 160000 spans, 1 in 32: past the memory cap this check runs on the spans of whole traces sampled by id).');
    expect(o!.sample).toEqual(sample);
    const whole = { spans: { checks: { 'span.semconv.protocol': { examined: 10, failing: 0, examples: [] } } } } as unknown as ServiceView['state'];
    const [w] = rule('S-SPAN-SEMCONV-PROTOCOL').evaluate(ctx({ state: whole }));
    expect(w!.message).not.toContain('sample');
    expect(w!.sample).toBeUndefined();
  });

  it('S-SPAN-PARENT on a trace sample names the sample: the traces kept of all the export has', () => {
    // the store kept 29,838 of the export's 120,000 traces (1 in 4); this service is in 2,996 of them
    const sample = { unit: 'traces', size: 29_838, total: 120_000, share: 0.25 };
    const trace = { spans: 0, kindUnspecified: 0, kindExamples: [], kindInferred: 0, badTiming: 0, timingExamples: [], withParent: 2996, orphans: 2996, orphanExamples: [], traces: 2996, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 0, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 0, maxShortPerTrace: 0, explosionExamples: [], shortExamples: [], sampleShare: 0.25, sample };
    const [o] = rule('S-SPAN-PARENT').evaluate(ctx({ trace }));
    expect(o!.message).toBe('2996 of 2996 spans with a parent id have no parent in the export (100 %) (in a sample of 29838 of 120000 traces, 1 in 4: past the memory cap the trace checks run on whole traces sampled by id).');
    expect(o!.sample).toEqual(sample);
    // without the sample's size (stats built by hand): the service's traces, the total estimated (2,996 × 4)
    const [e] = rule('S-SPAN-PARENT').evaluate(ctx({ trace: { ...trace, sample: undefined } }));
    expect(e!.message).toContain('(in a sample of 2996 of about 11984 traces, 1 in 4:');
  });

  it('N-SPAN-INTERNAL and N-SPAN-SHORT on a trace sample name the sample (they said "2657 of 2657 traces" with no note)', () => {
    const sample = { unit: 'traces', size: 2657, total: 5400, share: 0.5 };
    const trace = { spans: 0, kindUnspecified: 0, kindExamples: [], kindInferred: 0, badTiming: 0, timingExamples: [], withParent: 0, orphans: 0, orphanExamples: [], traces: 2657, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 2657, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 15, maxShortPerTrace: 15, explosionExamples: [], shortExamples: [], sampleShare: 0.5, sample };
    const noise = (id: string) => NOISE_RULES.find((r) => r.id === id)!;
    const [internal] = noise('N-SPAN-INTERNAL').evaluate(ctx({ trace }));
    expect(internal!.message).toBe('2657 of 2657 traces have more than 10 INTERNAL spans of this service (max 15 in one trace) (in a sample of 2657 of 5400 traces, 1 in 2: past the memory cap the trace checks run on whole traces sampled by id).');
    expect(internal!.sample).toEqual(sample);
    expect(noise('N-SPAN-SHORT').evaluate(ctx({ trace }))[0]!.message).toBe('0 of 2657 traces have more than 20 spans shorter than 5 ms of this service (max 15 in one trace) (in a sample of 2657 of 5400 traces, 1 in 2: past the memory cap the trace checks run on whole traces sampled by id).');
    const whole = { ...trace, sampleShare: undefined, sample: undefined };
    expect(noise('N-SPAN-SHORT').evaluate(ctx({ trace: whole }))[0]!.message).toBe('0 of 2657 traces have more than 20 spans shorter than 5 ms of this service (max 15 in one trace).');
  });

  it('S-SPAN-KIND and S-SPAN-TIMING on a trace sample (logical spans of the kept traces) name the sample', () => {
    // the store kept 1,000 of the export's 4,000 traces (1 in 4); this service has 300 logical spans in them
    const sample = { unit: 'traces', size: 1000, total: 4000, share: 0.25 };
    const trace = { spans: 300, kindUnspecified: 30, kindExamples: [], kindInferred: 0, badTiming: 3, timingExamples: [], withParent: 0, orphans: 0, orphanExamples: [], traces: 120, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 0, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 0, maxShortPerTrace: 0, explosionExamples: [], shortExamples: [], sampleShare: 0.25, sample };
    // (the run's sampled traces, at level 2: ctx.extras.traces, ../analysis/sampled-traces.ts)
    const sampledCtx = { ...ctx({ trace }), extras: { traces: { level: 2 } } };
    const [kind] = rule('S-SPAN-KIND').evaluate(sampledCtx);
    expect(kind!.message).toBe('30 of 300 spans have kind UNSPECIFIED (10 %; above the 5 % allowed) (in a sample of 1000 of 4000 traces, 1 in 4: past the memory cap this check runs on the spans of whole traces sampled by id).');
    expect([kind!.examined, kind!.failing, kind!.unit]).toEqual([300, 30, 'spans']);
    expect(kind!.sample).toEqual(sample);
    const [timing] = rule('S-SPAN-TIMING').evaluate(sampledCtx);
    expect([timing!.examined, timing!.failing]).toEqual([300, 3]);
    expect(timing!.sample).toEqual(sample);
    // a service none of whose traces the sample kept: judged on all its span records (no sample)
    const state = { spans: { checks: { 'span.kind': { examined: 40, failing: 4, examples: [] } } } } as unknown as ServiceView['state'];
    const [records] = rule('S-SPAN-KIND').evaluate({ ...ctx({ state }), extras: sampledCtx.extras });
    expect([records!.examined, records!.failing, records!.sample]).toEqual([40, 4, undefined]);
    // not sampled: a service without logical spans (its records all pieces of other services' spans) is not judged
    expect(rule('S-SPAN-KIND').evaluate({ ...ctx({ state }), extras: { traces: { level: 0 } } })).toEqual([]);
  });
});
