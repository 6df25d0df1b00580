// Engine messages mark names, keys and values as `code` (as the rule catalogue does). The app showed
// a finding's message, the verdict reason and the binding constraint with the backticks as text
// ("Service from tag `PodName`: …"); it shows them as <code> now, escaped by React (a message
// quotes the data: a tag key or a value may hold markup), and the JSON report keeps the backticks.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FindingDetail } from '../../../../renderer/features/findings/FindingsBrowser.js';
import { makeUiReport } from '../../fixtures/ui-report.js';
import { serializeReport } from '../../../../analyzers/report/json.js';
import { renderReportHtml } from '../../../../analyzers/report/html/render-html.js';
import type { Report } from '../../../../analyzers/report/model.js';

const MESSAGE = '2 of 7 records have no usable service.name (29 %). Service from tag `PodName`: the records without one are filed under "checkout" by it; label `<img src=x onerror=alert(1)>` seen.';

function report(): Report {
  const base = makeUiReport();
  const findings = base.findings!.map((f, i) => (i === 0 ? { ...f, message: MESSAGE } : f));
  return { ...base, findings, verdictReason: 'Critical rule S-SERVICE-IDENTITY failed for `checkout`.', bindingConstraint: { ...base.bindingConstraint!, explanation: 'Set `service.name` in every SDK.' } } as Report;
}

describe('a finding message with `code` spans', () => {
  it('is shown with the spans as <code>, no backticks, markup escaped (app)', () => {
    const r = report();
    const html = renderToStaticMarkup(createElement(FindingDetail, { f: r.findings![0]!, report: r }));
    // before: <p class="finding-message">2 of 7 … Service from tag `PodName`: …</p>
    expect(html).toContain(
      '<p class="finding-message">2 of 7 records have no usable service.name (29 %). Service from tag <code>PodName</code>: the records without one are filed under &quot;checkout&quot; by it; label <code>&lt;img src=x onerror=alert(1)&gt;</code> seen.</p>',
    );
    expect(html).not.toContain('<img');
  });

  it('is shown so in the verdict reason and the binding constraint of the dashboard (app)', async () => {
    const { Dashboard } = await import('../../../../renderer/features/dashboard/Dashboard.js');
    const { useApp } = await import('../../../../renderer/state/store.js');
    // (the dashboard reads the store; a server render reads its initial state: set it there)
    const initial = useApp.getInitialState();
    const saved = initial.report;
    initial.report = report();
    try {
      const html = renderToStaticMarkup(createElement(Dashboard));
      expect(html).toContain('<p class="verdict-reason">Critical rule S-SERVICE-IDENTITY failed for <code>checkout</code>.</p>');
      expect(html).toContain('<p>Set <code>service.name</code> in every SDK.</p>');
      expect(html).not.toContain('`');
    } finally {
      initial.report = saved;
    }
  });

  it('is shown as <code> in the HTML report (and so the PDF), escaped, and kept as written in the JSON report', () => {
    const r = report();
    const html = renderReportHtml(r);
    expect(html).toContain('Service from tag <code>PodName</code>: the records without one are filed under &quot;checkout&quot; by it; label <code>&lt;img src=x onerror=alert(1)&gt;</code> seen.');
    expect(html).not.toContain('<img src=x');
    expect(JSON.parse(serializeReport(r)).findings[0].message).toBe(MESSAGE);
  });
});
