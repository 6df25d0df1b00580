// Past the memory cap the trace checks run on a sample of whole traces: their counts are the
// sample's. The findings and the Markdown facts must say so and agree on the shares. The numbers
// are those of a synthetic Zipkin export (372,000 spans in 120,000 traces, 12,000 orphans) whose
// trace sample kept 1 in 4 traces: 29,838 traces, 2,996 orphans.
import { describe, expect, it } from 'vitest';
import { evaluateCorrelationRules } from '../../../analyzers/correlation/rules.js';
import type { CorrelationSummary } from '../../../analyzers/correlation/types.js';
import { readCorrelationFacts, readDependencyGraph } from '../../../analyzers/report/view.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { loadFullReport } from '../report/helpers.js';
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
    for (const id of ['COR-005', 'COR-006', 'COR-008']) {
      const x = f.find((y) => y.ruleId === id)!;
      expect(x.message).toContain('(in a sample of 29838 of 120000 traces, 1 in 4: past the memory cap the trace checks run on whole traces sampled by id)');
      // the JSON evidence says the same sample
      expect(x.evidence.sample).toEqual({ unit: 'traces', size: 29_838, total: 120_000, share: 0.25 });
    }
    // without the exact trace count: estimated from the share (29,838 × 4)
    const est = evaluateCorrelationRules({ summary, examples: {}, connectedServices: 0, tracedServices: 0 });
    expect(est.find((x) => x.ruleId === 'COR-005')!.message).toContain('(in a sample of 29838 of about 119352 traces, 1 in 4');
    expect(est.find((x) => x.ruleId === 'COR-005')!.evidence.sample).toEqual({ unit: 'traces', size: 29_838, total: 119_352, estimated: true, share: 0.25 });
    // the summary's own count (a report's correlation.traces.totalTraces) serves as well
    const own = evaluateCorrelationRules({ summary: { ...summary, traces: { ...traces, totalTraces: 120_000 } } as CorrelationSummary, examples: {}, connectedServices: 0, tracedServices: 0 });
    expect(own.find((x) => x.ruleId === 'COR-008')!.message).toContain('(in a sample of 29838 of 120000 traces, 1 in 4');
  });

  it('the Markdown share of spans with their parent agrees with COR-005 (it divided sample orphans by all spans: 99.2 %)', () => {
    const facts = readCorrelationFacts({ correlation: summary } as unknown as Report)!;
    const parented = facts.shares.find((s) => s.key === 'traces.parented')!;
    expect(parented.value).toBeCloseTo(1 - ORPHAN_SHARE, 4);
    // (no total in this summary: estimated, 29,838 × 4; with it, the report's count)
    expect(parented.label).toBe('Spans whose parent is in the export (in a sample of 29,838 of about 119,352 traces, 1 in 4)');
    const withTotal = readCorrelationFacts({ correlation: { ...summary, traces: { ...traces, totalTraces: 120_000 } } } as unknown as Report)!;
    expect(withTotal.shares.find((s) => s.key === 'traces.oneRoot')!.label).toBe('Traces with exactly one root (in a sample of 29,838 of 120,000 traces, 1 in 4)');
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

  it('with the span count of the sample (sampleSpans) COR-005 examines the sample: examined, failing and message agree', () => {
    // an export of 108,000 spans in 5,400 traces of 20 spans, sampled 1 in 2: 2,657 traces kept,
    // 2,657 × 20 = 53,140 spans examined (the summary the run of such an export gives)
    const t = { ...traces, spans: 108_000, sampleSpans: 53_140, traces: 2_657, orphanSpans: 0, crossServiceChildren: 5_314, sampledShare: 0.5 };
    const f = evaluateCorrelationRules({ summary: { ...summary, traces: t } as CorrelationSummary, examples: {}, connectedServices: 0, tracedServices: 0, totalTraces: 5_400 });
    const cor5 = f.find((x) => x.ruleId === 'COR-005')!;
    expect([cor5.evidence.examined, cor5.evidence.failing]).toEqual([53_140, 0]);
    expect(cor5.message).toBe('0 of 53140 spans (0.0 %) name a parent that is not in the export (in a sample of 2657 of 5400 traces, 1 in 2: past the memory cap the trace checks run on whole traces sampled by id).');
    // examined whole, the spans examined are those of every trace, a copy counted once (100 spans, 2 of them copies: 98)
    const whole = evaluateCorrelationRules({ summary: { ...summary, traces: { ...traces, spans: 100, sampleSpans: 98, traces: 5, orphanSpans: 1, sampledShare: 1 } } as CorrelationSummary, examples: {}, connectedServices: 0, tracedServices: 0 });
    expect(whole.find((x) => x.ruleId === 'COR-005')!.evidence.examined).toBe(98);
  });

  it('COR-009 compares logs with spans of the traces kept: it says in a sample of how many logs naming a span', () => {
    // 32,400 logs name a span; 15,942 of them belong to the traces the 1-in-2 trace sample kept
    const logs = { records: 45_900, withTraceId: 32_400, withSpanId: 32_400, checked: 32_400, sampledShare: 1, resolved: 32_400, skewChecked: 15_942, skewOutsideSpan: 0, skewMedianMs: null, skewP95Ms: null };
    const t = { ...traces, sampleSpans: 53_140, traces: 2_657, sampledShare: 0.5 };
    const f = evaluateCorrelationRules({ summary: { ...summary, logs, traces: t } as unknown as CorrelationSummary, examples: {}, connectedServices: 0, tracedServices: 0, totalTraces: 5_400 });
    const cor9 = f.find((x) => x.ruleId === 'COR-009')!;
    expect([cor9.evidence.examined, cor9.evidence.failing]).toEqual([15_942, 0]);
    expect(cor9.message).toBe('0 of 15942 logs lie more than 100 ms outside the span they name (in a sample of 15942 of 32400 logs that name a span, 1 in 2: those of the traces kept; past the memory cap the trace checks run on whole traces sampled by id).');
    expect(cor9.evidence.sample).toEqual({ unit: 'logs that name a span', size: 15_942, total: 32_400, share: 0.5 });
    // the log sample past its own cap (1 in 4): COR-004 checked 8,100 of the 32,400 logs with trace context
    const sampledLogs = { ...logs, checked: 8_100, resolved: 8_100, sampledShare: 0.25, skewChecked: 4_000 };
    const g = evaluateCorrelationRules({ summary: { ...summary, logs: sampledLogs, traces: t } as unknown as CorrelationSummary, examples: {}, connectedServices: 0, tracedServices: 0, totalTraces: 5_400 });
    expect(g.find((x) => x.ruleId === 'COR-004')!.message).toBe('100.0 % of 8100 logs with trace context point at their trace in the export (and at their span, when they name one) (in a sample of 8100 of 32400 logs with trace context, 1 in 4: past the memory cap the logs with trace context are checked on a sample by trace id).');
    expect(g.find((x) => x.ruleId === 'COR-004')!.evidence.sample).toEqual({ unit: 'logs with trace context', size: 8_100, total: 32_400, share: 0.25 });
    expect(g.find((x) => x.ruleId === 'COR-009')!.message).toContain('(in a sample of 4000 of 32400 logs that name a span, 1 in 4: those of the traces kept;');
    expect(readCorrelationFacts({ correlation: { ...summary, logs: sampledLogs, traces: t } } as unknown as Report)!.shares.find((s) => s.key === 'logs.resolved')!.label).toBe('Trace context resolving to spans (in a sample of 8,100 of 32,400 logs with trace context, 1 in 4)');
    // nothing sampled: no note
    const none = evaluateCorrelationRules({ summary: { ...summary, logs, traces: { ...t, sampledShare: 1 } } as unknown as CorrelationSummary, examples: {}, connectedServices: 0, tracedServices: 0 });
    expect(none.find((x) => x.ruleId === 'COR-009')!.message).toBe('0 of 15942 logs lie more than 100 ms outside the span they name.');
    expect(none.find((x) => x.ruleId === 'COR-009')!.evidence.sample).toBeUndefined();
    // (it said "(in a sample, 1 in 2)": neither how many nor of how many)
    expect(readCorrelationFacts({ correlation: { ...summary, logs, traces: t } } as unknown as Report)!.shares.find((s) => s.key === 'logs.inSpan')!.label).toBe('Logs within 100 ms of their span (in a sample of 15,942 of 32,400 logs that name a span, 1 in 2)');
    // the Markdown share of parented spans reads the sample's spans when the summary has them (1 − 2,657 / 53,140 = 0.95)
    const withOrphans = { ...summary, traces: { ...t, orphanSpans: 2_657 } };
    expect(readCorrelationFacts({ correlation: withOrphans } as unknown as Report)!.shares.find((s) => s.key === 'traces.parented')!.value).toBeCloseTo(0.95, 6);
  });

  it('the dependency graph of a sample says which sample its call counts are estimated from (it said "a sample of traces")', () => {
    const full = loadFullReport();
    const report = { ...full, correlation: { ...summary, traces: { ...traces, totalTraces: 120_000 }, score: 50 }, dependencyGraph: { ...full.dependencyGraph!, sampled: true } } as unknown as Report;
    expect(readDependencyGraph(report)!.sample).toBe('in a sample of 29,838 of 120,000 traces, 1 in 4');
    const line = 'Call counts estimated from a sample of traces (in a sample of 29,838 of 120,000 traces, 1 in 4): past the memory cap.';
    expect(renderReportMarkdown(report)).toContain(line);
    expect(renderReportHtml(report)).toContain(line);
    // a graph of every trace says nothing of a sample
    const whole = { ...report, dependencyGraph: { ...full.dependencyGraph!, sampled: false } } as unknown as Report;
    expect(readDependencyGraph(whole)!.sample).toBe('');
    expect(renderReportMarkdown(whole)).not.toContain('Call counts estimated');
  });
});
