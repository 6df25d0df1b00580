import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ErrorList, SavedInputs } from '../../../../renderer/features/inputs/InputsList.js';
import { FindingDetail } from '../../../../renderer/features/findings/FindingsBrowser.js';
import { pathBreakParts } from '../../../../renderer/features/shell/rich-text.js';
import { makeUiReport } from '../../fixtures/ui-report.js';

const errs = (n: number) => Array.from({ length: n }, (_, i) => ({ code: 'bad-line', message: `problem ${i + 1}`, line: i + 1 }));
const items = (html: string) => html.match(/<li>/g)?.length ?? 0;

describe('input rows', () => {
  it('says how many problems a cut list leaves out and can show them all', () => {
    const cut = renderToStaticMarkup(createElement(ErrorList, { errors: errs(12), total: 12 }));
    expect(items(cut)).toBe(8);
    expect(cut).toContain('and 4 more');
    expect(items(renderToStaticMarkup(createElement(ErrorList, { errors: errs(12), total: 12, initiallyAll: true })))).toBe(12);
    // More problems than the worker sends: the rest is counted, not hidden.
    const many = renderToStaticMarkup(createElement(ErrorList, { errors: errs(20), total: 150 }));
    expect(many).toContain('and 142 more');
    const allSent = renderToStaticMarkup(createElement(ErrorList, { errors: errs(20), total: 150, initiallyAll: true }));
    expect(allSent).toContain('and 130 more not listed here');
    expect(renderToStaticMarkup(createElement(ErrorList, { errors: errs(3), total: 3 }))).not.toContain('more');
  });

  it('breaks long paths at separators and keeps an evidence line number whole', () => {
    expect(pathBreakParts('logs/payments-service_2024.log')).toEqual(['logs/', 'payments-', 'service_', '2024.', 'log']);
    const report = makeUiReport();
    const f = { ...report.findings![0]!, evidence: { ...report.findings![0]!.evidence, examples: [{ file: `payments-${'y'.repeat(150)}.log`, line: 17, excerpt: 'x' }] } };
    const html = renderToStaticMarkup(createElement(FindingDetail, { f, report }));
    expect(html).toContain('<span class="loc-line">:17</span>');
    expect(html).toContain('<wbr/>');
  });
});

describe('an opened saved report', () => {
  it('shows the report\'s inputs: path, format, signal, records, rejected and errors', () => {
    const html = renderToStaticMarkup(createElement(SavedInputs, { report: makeUiReport(), name: 'saved.json' }));
    expect(html).toContain('2 files, 195.3 KiB');
    expect(html).toContain('traces.<wbr/>otlp.<wbr/>json');
    expect(html).toContain('<code>otlp-json</code>');
    expect(html).toContain('1,200');
    expect(html).toContain('3 problems');
    expect(html).toContain('invalid-utf8');
    expect(html).toContain('and 2 more not listed');
    // a report without aliases says nothing of other paths
    expect(html).not.toContain('also reached as');
  });

  it('names the other paths of a file read once (inputs[].aliases) under its path', () => {
    const base = makeUiReport();
    const report = { ...base, inputs: [{ ...base.inputs[0]!, aliases: ['current/traces.json', 'traces-link.json'] }, base.inputs[1]!] };
    const html = renderToStaticMarkup(createElement(SavedInputs, { report, name: 'saved.json' }));
    expect(html.match(/data-testid="input-aliases"/g)).toHaveLength(1);
    expect(html).toContain('<span class="aliases small muted" data-testid="input-aliases">also reached as current/traces.json, traces-link.json: the same file, read once</span>');
  });

  it('says why an input was read as another format than its head showed (inputs[].detection.readAs) under its format', () => {
    const base = makeUiReport();
    const readAs = 'OpenMetrics: the input ends with `# EOF`, and nothing in it is only Prometheus 0.0.4 text or breaks an OpenMetrics rule; the two read it alike';
    const om = { ...base.inputs[1]!, format: 'openmetrics', detection: { ...base.inputs[1]!.detection, readAs } };
    const html = renderToStaticMarkup(createElement(SavedInputs, { report: { ...base, inputs: [base.inputs[0]!, om] }, name: 'saved.json' }));
    expect(html.match(/data-testid="format-read-as"/g)).toHaveLength(1);
    expect(html).toContain(`<td class="format-cell"><code>openmetrics</code><details class="read-as small" data-testid="format-read-as"><summary>not the format its first 64 KB showed</summary><p>${readAs.replace(/`([^`]+)`/g, '<code>$1</code>')}</p></details></td>`);
    expect(html).toContain('<td class="format-cell"><code>otlp-json</code></td>');
    // a report without it says nothing of it
    expect(renderToStaticMarkup(createElement(SavedInputs, { report: base, name: 'saved.json' }))).not.toContain('not the format');
  });
});
