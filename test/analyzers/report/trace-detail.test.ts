// `signals.traces.detail` (span details examined on a sample of a large trace input): one wording
// (formatTraceDetail) in the Markdown and HTML reports, where the trace figures are; nothing without it.
import { describe, expect, it } from 'vitest';
import { formatTraceDetail } from '../../../analyzers/report/format.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import type { Report } from '../../../analyzers/report/model.js';
import { partialReport } from './helpers.js';

const LINE = 'span details examined on 160,214 of 1,250,000 spans (10,033 traces), 1 in 8 traces by trace id; counts exact (--exact examines every span)';

function withDetail(): Report {
  const r = partialReport();
  r.signals.traces = { ...r.signals.traces, spans: 1_250_000, detail: { sampled: true, level: 3, share: 0.125, examinedSpans: 160_214, examinedTraces: 10_033 } };
  return r;
}

describe('signals.traces.detail in the reports', () => {
  it('is said in one line', () => {
    expect(formatTraceDetail(withDetail().signals.traces.detail, 1_250_000)).toBe(LINE);
    expect(formatTraceDetail({ sampled: true, level: 2, share: 0.25, examinedSpans: 10, examinedTraces: 3, approximate: true }, 40)).toBe('span details examined on 10 of 40 spans (about 3 traces), 1 in 4 traces by trace id; counts exact (--exact examines every span)');
    expect(formatTraceDetail(undefined, 5)).toBe('');
  });

  it('is in the Markdown and HTML reports under the signals table, and absent without a sample', () => {
    expect(renderReportMarkdown(withDetail())).toContain(`\nTraces: ${LINE}.\n`);
    expect(renderReportHtml(withDetail())).toContain(`<p class="small muted">Traces: ${LINE}.</p>`);
    expect(renderReportMarkdown(partialReport())).not.toContain('span details examined');
    expect(renderReportHtml(partialReport())).not.toContain('span details examined');
  });
});
