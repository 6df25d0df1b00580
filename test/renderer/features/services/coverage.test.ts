import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ServicesView } from '../../../../renderer/features/services/ServicesTable.js';
import { Dimensions } from '../../../../renderer/features/dashboard/Dashboard.js';
import { makeUiReport } from '../../fixtures/ui-report.js';

describe('scores on little data', () => {
  it('says that service verdicts leave correlation out when it is judged for the whole set only', () => {
    const base = makeUiReport();
    const services = base.services!.map((s) => ({ ...s, dimensions: { ...s.dimensions, correlation: { score: null, evaluated: 0, total: 4 } } }));
    const html = renderToStaticMarkup(createElement(ServicesView, { report: { ...base, services } }));
    expect(html).toContain('leave correlation out');
    expect(html).toContain('whole set');
    // With a per-service correlation score the note does not apply.
    expect(renderToStaticMarkup(createElement(ServicesView, { report: base }))).not.toContain('leave correlation out');
  });

  it('marks a dimension score resting on under a third of its rules instead of showing it plain green', () => {
    const base = makeUiReport();
    const dimensions = { ...base.dimensions!, correlation: { score: 100, evaluated: 1, total: 13, passed: 1, rules: [] } };
    const html = renderToStaticMarkup(createElement(Dimensions, { report: { ...base, dimensions } }));
    expect(html).toContain('low coverage');
    expect(html).toContain('Only 1 of 13 rules could be evaluated');
    expect(html).not.toMatch(/big score-good">100\.0/);
    // A well-covered dimension keeps its colour.
    expect(html).toMatch(/big score-good">81\.2/);
  });
});

describe('a service named by a tag of its spans', () => {
  it('says the tag as code, without the backticks (as the HTML report and the app\'s remediation texts show code)', () => {
    const base = makeUiReport();
    const services = base.services!.map((s, i) => (i === 0 ? { ...s, nameFrom: ['app'] } : s));
    const html = renderToStaticMarkup(createElement(ServicesView, { report: { ...base, services } }));
    expect(html).toContain(`>${services[0]!.name}</button><div class="service-alias small muted">service from tag <code>app</code></div>`);
    expect(html).not.toContain('`');
  });
});
