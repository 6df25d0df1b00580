import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { layoutGraph, readDependencyGraph } from '../../../analyzers/report/view.js';
import type { Report } from '../../../analyzers/report/model.js';
import { loadFullReport, partialReport } from './helpers.js';

function text(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describe('HTML report', () => {
  it('renders every section of a full report', () => {
    const html = renderReportHtml(loadFullReport());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    for (const id of ['cover', 'inputs', 'dimensions', 'services', 'fix-plan', 'findings', 'correlation', 'rca', 'workflows', 'instrumentation-score', 'appendix']) {
      expect(html).toContain(`id="${id}"`);
    }
    const t = text(html);
    // Fixture values (see make-full-report.mjs): score 72.8, verdict not-ready, 30 of 103 findings fail.
    expect(t).toContain('Not ready');
    expect(t).toContain('72.8');
    expect(t).toContain('30 of 103 findings fail');
    expect(t).toContain('Critical — 4 failing');
    expect(t).toContain('Important — 12 failing');
    for (const s of ['cart', 'checkout', 'frontend', 'payment', 'product-catalog', 'shipping']) expect(t).toContain(s);
    // evidence with file:line (one example per failing finding at least)
    expect(html).toMatch(/exports\/app-logs\.jsonl.*line \d+/);
    // RCA: 4 incidents; INC-4's true cause ranked 4th
    expect(t).toContain('#4');
    expect(t).toContain('Lift over chance: 1.50×');
    // appendix: sha256 of every input
    for (const i of loadFullReport().inputs) expect(html).toContain(`${i.sha256.slice(0, 32)}<wbr/>${i.sha256.slice(32)}`);
    // correlation summary → join rates: 149,119 of 361,940 logs carry a trace id = 41.2 %
    expect(t).toContain('Logs with trace context');
    expect(t).toContain('41.2 %');
    // 1 − 412 / 41,250 orphan spans = 99.0 %
    expect(t).toContain('Spans whose parent is in the export');
    expect(t).toContain('99.0 %');
    expect(t).toContain('shipping-7d9f8b6c5-x2x9q');
    expect(t).toContain('Kubernetes pod name');
    expect(t).toContain('INC-5 (no data covers 2024-05-14T12:30:00Z)');
    // 9 dependency edges drawn, 3 of them to uninstrumented callees (dashed)
    expect(html.match(/marker-end="url\(#obs-arrow\)"/g)).toHaveLength(9);
  });

  it('is self-contained: no scripts, no external resources', () => {
    const html = renderReportHtml(loadFullReport());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*"(https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).not.toMatch(/@import|@font-face/);
  });

  it('renders the same bytes for the same report, and only the date moves with generatedAt', () => {
    const a = renderReportHtml(loadFullReport());
    const b = renderReportHtml(loadFullReport());
    expect(a).toBe(b);
    const later = { ...loadFullReport(), generatedAt: '2031-01-02T03:04:05Z' };
    const c = renderReportHtml(later);
    expect(c).not.toBe(a);
    expect(c.replaceAll('2031-01-02 03:04 UTC', 'X')).toBe(a.replaceAll('2024-05-14 12:00 UTC', 'X'));
  });

  it('does not depend on the order of findings, services or edges in the input', () => {
    const r = loadFullReport();
    const shuffled: Report = {
      ...r,
      findings: [...r.findings!].reverse(),
      services: [...r.services!].reverse(),
      dependencyGraph: { ...r.dependencyGraph!, edges: [...r.dependencyGraph!.edges].reverse() },
    };
    expect(renderReportHtml(shuffled)).toBe(renderReportHtml(r));
  });

  it('renders a partial report (inputs and signals only) with "not evaluated" sections', () => {
    const html = renderReportHtml(partialReport());
    const t = text(html);
    expect(t).toContain('Not evaluated');
    expect(t).toContain('Dimension scores were not evaluated');
    expect(t).toContain('No labelled incidents were given');
    expect(t).toContain('The Instrumentation Score was not evaluated');
    expect(t).toContain('41,250 spans');
    for (const s of ['cart', 'shipping']) expect(t).toContain(s);
  });

  it('escapes hostile text and survives malformed optional fields', () => {
    const r = loadFullReport();
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    r.findings![0] = { ...r.findings![0]!, passed: false, message: evil, evidence: { examined: 1, failing: 1, confidence: 'low', examples: [{ file: evil, line: 3, excerpt: evil }] } };
    r.services![0] = { ...r.services![0]!, name: evil };
    const hostile = {
      ...r,
      dependencyGraph: { edges: [null, 3, { from: 'a' }, { source: 'x', target: 'x', calls: 'many' }], nodes: 'no' },
      rca: { cases: 'none', ac1: 'high' },
      workflows: [null, 1, { name: evil, level: { deep: true } }],
      symptoms: [{}],
      correlation: { nested: { deeper: { deepest: 1 } }, list: [1, 2], share: 7, aliasMap: [{ from: evil, to: 'cart' }] },
    } as unknown as Report;
    const html = renderReportHtml(hostile);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // the self-loop edge x→x is still drawn; the malformed ones are skipped
    expect(html.match(/marker-end="url\(#obs-arrow\)"/g)).toHaveLength(1);
  });
});

describe('dependency graph layout', () => {
  it('draws a deep call chain top-down so boxes stay legible', async () => {
    const { DependencyGraph } = await import('../../../analyzers/report/html/DependencyGraph.js');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { createElement } = await import('react');
    const chain = ['load-generator-service', 'frontend-proxy-service', 'frontend-web-service', 'checkout-api-service', 'payment-gateway-service', 'fraud-detection-service'];
    const edges = chain.slice(1).map((to, i) => ({ from: chain[i], to, calls: 10 }));
    const graph = readDependencyGraph({ dependencyGraph: { nodes: [], edges } } as unknown as Report)!;
    const svg = renderToStaticMarkup(createElement(DependencyGraph, { graph, instrumented: new Set(chain) }));
    const [, , w, h] = /viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number) as number[];
    // 6 layers of one box each: a horizontal layout would be ~6 boxes wide; top-down is 1 box wide
    expect(h).toBeGreaterThan(w!);
    expect(svg.match(/<rect /g)).toHaveLength(6);
  });

  it('puts callers left of callees in name-stable layers and survives cycles', () => {
    const graph = readDependencyGraph({ dependencyGraph: { edges: [
      { from: 'frontend', to: 'checkout' }, { from: 'frontend', to: 'cart' }, { from: 'checkout', to: 'payment' },
      { from: 'checkout', to: 'cart' }, { from: 'payment', to: 'checkout' } /* cycle */,
    ] } } as unknown as Report)!;
    const { layers } = layoutGraph(graph);
    // frontend is the only root; checkout at depth 1; payment at 2; cart's longest path is frontend→checkout→cart (2)
    expect(layers).toEqual([['frontend'], ['checkout'], ['cart', 'payment']]);
  });
});
