// A finding the data cannot decide (`inconclusive: true` in the JSON) reads the same in every output
// and in the app: "cannot tell" (RULE_OUTCOME_LABEL, one copy in scoring/verdict.ts). The HTML and
// Markdown reports tagged it "inconclusive" where the app, the diff and the evidence said "cannot tell".
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { analyseInputs } from '../../helpers/analyse.js';
import type { Finding, Report } from '../../../analyzers/report/model.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { renderReportSarif } from '../../../analyzers/report/sarif.js';
import { renderReportJunit } from '../../../analyzers/report/junit.js';
import { formatScoreSummary } from '../../../analyzers/scoring/format-summary.js';
import { RULE_OUTCOME_LABEL, notPassingCount } from '../../../analyzers/report/format.js';
import { evidenceLine, measuredText } from '../../../renderer/features/findings/finding-text.js';
import { StatusPill } from '../../../renderer/features/findings/FindingsBrowser.js';

// 120 gauge points of 120 series without timestamps: the series rules cannot tell, nor can
// S-MET-TIMESTAMP (a scrape's samples carry none by design)
const PROM = '# TYPE q gauge\n' + Array.from({ length: 120 }, (_, i) => `q{shard="${i}"} ${i}`).join('\n') + '\n';

describe('one wording of a finding the data cannot tell', () => {
  const report = analyseInputs([['q.prom', PROM]]) as Report;
  const gaps = report.findings!.find((f) => f.ruleId === 'N-MET-GAPS')! as Finding;

  it('is "cannot tell", from one source', () => {
    expect(RULE_OUTCOME_LABEL).toEqual({ passed: 'passes', failed: 'fails', inconclusive: 'cannot tell' });
    expect([gaps.passed, gaps.inconclusive]).toEqual([false, true]);
    // the JSON keeps its values
    expect(JSON.stringify(gaps)).toContain('"inconclusive":true');
    expect(gaps.message.startsWith('Cannot tell: ')).toBe(true);
  });

  it('the HTML (and so the PDF) tags it "cannot tell", never "inconclusive"', () => {
    const html = renderReportHtml(report);
    const card = html.slice(html.indexOf('N-MET-GAPS'));
    expect(html).toContain('<span class="tag">cannot tell</span>');
    expect(html).not.toContain('<span class="tag">inconclusive</span>');
    expect(card).toContain('120 metric points examined: the data cannot tell');
    // the headings count it apart: it does not fail
    const text = html.replace(/<[^>]+>/g, '');
    const notPassing = report.findings!.filter((f) => !f.passed);
    const undecided = notPassing.filter((f) => f.inconclusive).length;
    expect(undecided).toBe(7);
    expect(text).toContain(`${notPassing.length} of ${report.findings!.length} findings do not pass (${notPassing.length - undecided} failing, ${undecided} cannot tell).`);
    expect(text).toContain('10 of 14 findings do not pass (3 failing, 7 cannot tell).');
    expect(text).toContain('Critical — 1 failing');
    expect(text).toContain('Important — 1 cannot tell');
    expect(text).toContain('Normal — 1 failing, 3 cannot tell');
    expect(text).toContain('Low — 1 failing, 3 cannot tell');
    // the cover's count too: 3 failing (1 critical), the 7 the data cannot tell said apart
    expect(text).toContain('Failing findings31 critical; 7 more the data cannot tell');
  });

  it('counts findings that do not pass apart from those the data cannot tell', () => {
    expect(notPassingCount([{}, {}])).toBe('2 failing');
    expect(notPassingCount([{}, { inconclusive: true }])).toBe('1 failing, 1 cannot tell');
    expect(notPassingCount([{ inconclusive: true }])).toBe('1 cannot tell');
    expect(notPassingCount([])).toBe('0 failing');
  });

  it('the Markdown heading says "(cannot tell)"', () => {
    const md = renderReportMarkdown(report);
    expect(md).toContain('N-MET-GAPS Series have no gaps — (unknown service) (cannot tell)');
    expect(md).not.toContain('(inconclusive)');
    expect(md).toContain('- Evidence: 120 metric points examined: the data cannot tell, confidence low');
    // the findings table counts them apart from the failing ones
    expect(md).toMatch(/\| Impact \| Failing \| Cannot tell \| Passing \|/);
    expect(md).toMatch(/\| Critical \| +1 \| +0 \| +\d+ \|/);
    expect(md).toMatch(/\| Important \| +0 \| +1 \| +\d+ \|/);
    expect(md).toMatch(/\| Normal \| +1 \| +3 \| +\d+ \|/);
    expect(md).toMatch(/\| Low \| +1 \| +3 \| +\d+ \|/);
  });

  it('SARIF and JUnit say it in the evidence, and ask first for data that can be judged', () => {
    const sarif = renderReportSarif(report) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    const msg = sarif.runs[0]!.results.find((r) => r.ruleId === 'N-MET-GAPS')!.message.text;
    expect(msg).toContain('Evidence: 120 metric points examined: the data cannot tell (confidence low).');
    expect(msg).toContain('Fix: First export data that can be judged');
    const junit = renderReportJunit(report);
    const failure = junit.slice(junit.indexOf('name="N-MET-GAPS'));
    expect(failure).toContain('evidence: 120 metric points examined: the data cannot tell, confidence low');
    expect(failure.slice(0, failure.indexOf('</failure>'))).toContain('fix: First export data that can be judged');
  });

  it('the terminal\'s fix plan says the data cannot tell, with what is missing', () => {
    const text = formatScoreSummary(report, 100);
    // (the terminal cuts an action at 110 characters)
    expect(text).toContain('    Series have no gaps — the data cannot tell in service (unknown service): 120 of 120 metric points have no tim…\n');
    expect(report.fixPlan!.find((p) => p.ruleId === 'N-MET-GAPS')!.action).toContain('— the data cannot tell in service (unknown service): 120 of 120 metric points have no timestamp');
    expect(text).not.toContain('cannot be judged in');
  });

  it('the app says it the same way', () => {
    expect(evidenceLine(gaps)).toBe('120 metric points examined: the data cannot tell · confidence low');
    expect(measuredText(gaps)).toBe('not measurable (the data cannot tell)');
    expect(renderToStaticMarkup(createElement(StatusPill, { f: gaps }))).toBe('<span class="pill inconclusive">cannot tell</span>');
  });
});
