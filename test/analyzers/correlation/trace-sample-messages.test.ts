// Past the memory cap the trace checks run on a sample of whole traces: their counts are the
// sample's. The findings and the Markdown facts must say so and agree on the shares. The numbers
// are those of a synthetic Zipkin export (372,000 spans in 120,000 traces, 12,000 orphans) whose
// trace sample kept 1 in 4 traces: 29,838 traces, 2,996 orphans.
import { describe, expect, it } from 'vitest';
import { evaluateCorrelationRules } from '../../../analyzers/correlation/rules.js';
import type { CorrelationSummary } from '../../../analyzers/correlation/types.js';
import { readCorrelationFacts } from '../../../analyzers/report/view.js';
import type { Report } from '../../../analyzers/report/model.js';

const traces = { spans: 372_000, traces: 29_838, orphanSpans: 2_996, duplicateSpans: 0, multiRootTraces: 0, noRootTraces: 0, childOutsideParent: 0, crossServiceChildren: 29_838, sampledShare: 0.25, spanIdIndex: { kind: 'exact', falsePositiveRate: 0 } };
const summary = { services: [], mappings: [], blindSpots: [], logs: { records: 0, checked: 0 }, traces, metrics: { points: 0 }, ranges: [], timeOverlap: null, bucketWidthS: 60 } as unknown as CorrelationSummary;
// the sample's spans, estimated from the share: 372,000 / 4 = 93,000; orphans 2,996 / 93,000 = 3.22 %
const ORPHAN_SHARE = 2_996 / 93_000;

describe('trace checks on a sample', () => {
  it('COR-005/006/008 say they count a sample of N traces of M', () => {
    const f = evaluateCorrelationRules({ summary, examples: {}, connectedServices: 0, tracedServices: 0, totalTraces: 120_000 });
    const cor5 = f.find((x) => x.ruleId === 'COR-005')!;
    expect(cor5.value).toBeCloseTo(ORPHAN_SHARE, 4);
    expect(cor5.message).toContain('2996 of about 93000 spans (3.2 %)');
    for (const id of ['COR-005', 'COR-006', 'COR-008']) expect(f.find((x) => x.ruleId === id)!.message).toContain('in a sample of 29838 traces of 120000, 1 in 4');
    // without the exact trace count: estimated from the share (29,838 × 4)
    const est = evaluateCorrelationRules({ summary, examples: {}, connectedServices: 0, tracedServices: 0 });
    expect(est.find((x) => x.ruleId === 'COR-005')!.message).toContain('of about 119352');
  });

  it('the Markdown share of spans with their parent agrees with COR-005 (it divided sample orphans by all spans: 99.2 %)', () => {
    const facts = readCorrelationFacts({ correlation: summary } as unknown as Report)!;
    const parented = facts.shares.find((s) => s.key === 'traces.parented')!;
    expect(parented.value).toBeCloseTo(1 - ORPHAN_SHARE, 4);
    expect(parented.label).toContain('in a sample of 29838 traces, 1 in 4');
  });

  it('an export examined whole says nothing of a sample', () => {
    const whole = { ...summary, traces: { ...traces, sampledShare: 1, orphanSpans: 12_000, traces: 120_000 } } as CorrelationSummary;
    const f = evaluateCorrelationRules({ summary: whole, examples: {}, connectedServices: 0, tracedServices: 0, totalTraces: 120_000 });
    expect(f.find((x) => x.ruleId === 'COR-005')!.message).toBe('12000 spans (3.2 %) name a parent that is not in the export.');
    expect(readCorrelationFacts({ correlation: whole } as unknown as Report)!.shares.find((s) => s.key === 'traces.parented')!.label).toBe('Spans whose parent is in the export');
  });

  it('a sample that kept no trace (one trace larger than the cap) cannot tell: no COR-005/006/008 and no share (they passed on 0 traces)', () => {
    const none = { ...summary, traces: { ...traces, spans: 200_000, traces: 0, orphanSpans: 0, crossServiceChildren: 0, sampledShare: 0.0625 } } as CorrelationSummary;
    const f = evaluateCorrelationRules({ summary: none, examples: {}, connectedServices: 0, tracedServices: 0, totalTraces: 1 });
    expect(f.filter((x) => /^COR-00[5-8]$/.test(x.ruleId))).toEqual([]);
    expect(readCorrelationFacts({ correlation: none } as unknown as Report)!.shares.find((s) => s.key === 'traces.parented')).toBeUndefined();
  });
});
