// The terminal's signal summary says when the trace checks ran on a sample (past the memory cap),
// as the findings and the reports do: how many traces of how many, 1 in k.
import { describe, expect, it } from 'vitest';
import { formatSignals } from '../../../analyzers/cli/analyze.js';
import type { Report } from '../../../analyzers/report/model.js';

const signals = { traces: { spans: 156_000, traces: 50_000, services: ['api', 'web'] }, metrics: { points: 0, series: 0, metricNames: 0, services: [] }, logs: { records: 0, services: [] } };
const traces = (t: Record<string, unknown>) => ({ signals, correlation: { traces: { spans: 156_000, traces: 25_065, sampledShare: 0.5, ...t } } }) as unknown as Report;

describe('formatSignals', () => {
  it('names the trace sample under the trace counts', () => {
    expect(formatSignals(traces({ totalTraces: 50_000 })).split('\n').slice(1, 3)).toEqual(['Traces:  156,000 spans in 50,000 traces, 2 services', '         trace checks: in a sample of 25,065 of 50,000 traces, 1 in 2 (memory cap)']);
    // a total estimated from the sample (past the exact id index), or a report without one
    expect(formatSignals(traces({ totalTraces: 50_130, totalTracesEstimated: true }))).toContain('trace checks: in a sample of 25,065 of about 50,130 traces, 1 in 2 (memory cap)');
    expect(formatSignals(traces({}))).toContain('trace checks: in a sample of 25,065 of about 50,130 traces, 1 in 2 (memory cap)');
  });

  it('says nothing of a sample when every trace was examined', () => {
    expect(formatSignals(traces({ sampledShare: 1, traces: 50_000 }))).not.toContain('sample');
    expect(formatSignals({ signals } as unknown as Report)).not.toContain('sample');
  });
});
