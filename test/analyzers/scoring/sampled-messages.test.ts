// Checks that ran on a sample (past a memory cap) report the sample's counts: their messages must
// say so. Counts made up; the shares follow from them (3,620 of 3,620 → 100 %; 2,996 of 2,996 → 100 %).
import { describe, expect, it } from 'vitest';
import { STRUCTURE_RULES } from '../../../analyzers/scoring/structure-rules.js';
import { NOISE_RULES } from '../../../analyzers/scoring/noise-rules.js';
import type { ScoringContext } from '../../../analyzers/scoring/rule.js';
import type { ServiceView } from '../../../analyzers/scoring/context.js';

const rule = (id: string) => STRUCTURE_RULES.find((r) => r.id === id)!;
const ctx = (svc: Partial<ServiceView>): ScoringContext => ({ profile: {} as ScoringContext['profile'], extras: {}, services: [{ name: 'backend', records: { spans: 0, logs: 0, points: 0 }, series: [], templates: undefined, calm: undefined, trace: undefined, state: {} as ServiceView['state'], ...svc }] });

describe('messages of sampled checks', () => {
  it('a sampled span check says 1 in how many it examined', () => {
    const state = { spans: { checks: { 'span.semconv.protocol': { examined: 3620, failing: 3620, examples: [], sampleShare: 1 / 32 } } } } as unknown as ServiceView['state'];
    const [o] = rule('S-SPAN-SEMCONV-PROTOCOL').evaluate(ctx({ state }));
    expect(o!.message).toBe('3620 of 3620 remote spans carry no protocol attributes in a sample (1 in 32: past the memory cap this check runs on a sample) (100 %; above the 10 % allowed).');
    const whole = { spans: { checks: { 'span.semconv.protocol': { examined: 10, failing: 0, examples: [] } } } } as unknown as ServiceView['state'];
    expect(rule('S-SPAN-SEMCONV-PROTOCOL').evaluate(ctx({ state: whole }))[0]!.message).not.toContain('sample');
  });

  it('S-SPAN-PARENT on a trace sample names the sample', () => {
    const trace = { withParent: 2996, orphans: 2996, orphanExamples: [], traces: 2996, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 0, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 0, maxShortPerTrace: 0, explosionExamples: [], shortExamples: [], sampleShare: 0.25 };
    const [o] = rule('S-SPAN-PARENT').evaluate(ctx({ trace }));
    // 2,996 traces kept 1 in 4: about 2,996 × 4 = 11,984 traces of this service in all
    expect(o!.message).toContain('2996 of 2996 spans with a parent id have no parent in the export (100 %) (in a sample of 2996 traces of about 11984, 1 in 4');
  });

  it('N-SPAN-INTERNAL and N-SPAN-SHORT on a trace sample name the sample (they said "2657 of 2657 traces" with no note)', () => {
    const trace = { withParent: 0, orphans: 0, orphanExamples: [], traces: 2657, roots: 0, clientRoots: 0, clientRootExamples: [], internalExplosions: 2657, shortExplosions: 0, traceShortExplosions: 0, maxInternalPerTrace: 15, maxShortPerTrace: 15, explosionExamples: [], shortExamples: [], sampleShare: 0.5 };
    const noise = (id: string) => NOISE_RULES.find((r) => r.id === id)!;
    // 2,657 traces kept 1 in 2: about 5,314 in all
    expect(noise('N-SPAN-INTERNAL').evaluate(ctx({ trace }))[0]!.message).toBe('2657 of 2657 traces have more than 10 INTERNAL spans of this service (max 15 in one trace) (in a sample of 2657 traces of about 5314, 1 in 2: past the memory cap the trace checks run on whole traces sampled by id).');
    expect(noise('N-SPAN-SHORT').evaluate(ctx({ trace }))[0]!.message).toBe('0 of 2657 traces have more than 20 spans shorter than 5 ms of this service (max 15 in one trace) (in a sample of 2657 traces of about 5314, 1 in 2: past the memory cap the trace checks run on whole traces sampled by id).');
    const whole = { ...trace, sampleShare: undefined };
    expect(noise('N-SPAN-SHORT').evaluate(ctx({ trace: whole }))[0]!.message).toBe('0 of 2657 traces have more than 20 spans shorter than 5 ms of this service (max 15 in one trace).');
  });
});
