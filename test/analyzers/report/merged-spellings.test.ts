// A service spelled two ways (Zipkin lower-cases names: `stlogin`; OTLP keeps `stLogin`) is one
// node of the dependency graph under its merged spelling, while the findings and the per-service
// rows name it as its records do. The report showed `stlogin` in the services table and findings and
// `stLogin` in the graph, with nothing on either side to say they are one service (the mapping sat
// in a table of its own). Now every merged name is shown with the spellings it joins, and every
// per-service row with the name the graph shows it by.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';
import { serviceLabel, serviceLabelParts, serviceSpellings, withGraphName, withSpellings } from '../../../analyzers/report/view.js';
import { ServicesView } from '../../../renderer/features/services/ServicesTable.js';
import { FindingDetail } from '../../../renderer/features/findings/FindingsBrowser.js';

const TID = '463ac35c9f6413ad';
const ts = 1_700_000_000_000_000;

function report() {
  // web (OTLP) calls stLogin (OTLP, 2 spans) and, in another trace, its Zipkin export `stlogin`
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const sp = (id: string, parent: string, kind: number, startUs: number) => ({ traceId: '0000000000000000' + TID, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name: 'login', kind, startTimeUnixNano: String((ts + startUs) * 1000), endTimeUnixNano: String((ts + startUs + 500) * 1000) });
  const otlp = {
    resourceSpans: [
      { resource: { attributes: [attr('service.name', 'web')] }, scopeSpans: [{ spans: [sp('0000000000000001', '', 2, 0), sp('0000000000000002', '0000000000000001', 3, 10)] }] },
      { resource: { attributes: [attr('service.name', 'stLogin')] }, scopeSpans: [{ spans: [sp('0000000000000003', '0000000000000002', 2, 20), sp('0000000000000004', '0000000000000003', 1, 30)] }] },
    ],
  };
  const zipkin = [{ traceId: 'bb'.repeat(8), id: '0000000000000010', name: 'login', kind: 'SERVER', timestamp: ts, duration: 400, localEndpoint: { serviceName: 'stlogin' } }];
  return analyseInputs([['o.json', JSON.stringify(otlp)], ['z.json', JSON.stringify(zipkin)]]);
}

describe('merged service spellings', () => {
  it('the analysis: findings by the records’ spellings, the graph by the merged one (the mapping says so)', () => {
    const r = report();
    expect(r.services!.map((s) => s.name)).toEqual(['stLogin', 'stlogin', 'web']);
    expect(r.dependencyGraph!.nodes.map((n) => [n.service, n.spans])).toEqual([['stLogin', 3], ['web', 2]]);
    const sp = serviceSpellings(r);
    expect([...sp.also]).toEqual([['stLogin', ['stlogin']]]);
    expect(withSpellings('stLogin', sp)).toBe('stLogin (also stlogin)');
    expect(withGraphName('stlogin', sp)).toBe('stlogin (graph: stLogin)');
    expect(withGraphName('stLogin', sp)).toBe('stLogin');
  });

  it('the Markdown shows both spellings together wherever the merged name appears', () => {
    const md = renderReportMarkdown(report());
    // before: "| stlogin |" in the services table, "| web | stLogin |" in the graph
    expect(md).toContain('| stlogin (graph: stLogin) | traces |');
    expect(md).toContain('| web | stLogin (also stlogin) | 1 |');
    expect(md).toContain('| stLogin (also stlogin) | yes | – | – |');
    // a finding's heading names the service as its records do, with the graph's name
    expect(md).toContain('### Normal: S-SPAN-SEMCONV-PROTOCOL Remote spans say which protocol they speak — stlogin (graph: stLogin)\n');
  });

  it('the HTML and the app show them too; the merged node counts as instrumented', () => {
    const r = report();
    const html = renderReportHtml(r);
    // the services table: the name, and the graph's name smaller on a line of its own beneath it
    expect(html).toContain('<b class="svc-name">stlogin</b><div class="svc-alias">graph: stLogin</div>');
    expect(html).toContain('<td>web</td><td>stLogin (also stlogin)</td>');
    expect(html).toContain('<title>stLogin (also stlogin)</title>');
    // (a node not instrumented is dashed: stLogin is a service with spans, as `stlogin` and `stLogin`)
    expect(html).not.toMatch(/stroke-dasharray="4 3"/);
    expect(html).toContain('<span class="k">Service </span><b>stlogin (graph: stLogin)</b>');
    const app = renderToStaticMarkup(createElement(ServicesView, { report: r }));
    // (was the one link text "stlogin (graph: stLogin)", wrapped over four lines for a pod name)
    expect(app).toContain('>stlogin</button><div class="service-alias small muted">graph: stLogin</div></th>');
    expect(app).not.toContain('(graph:');
    const f = r.findings!.find((x) => x.ruleId === 'S-SPAN-SEMCONV-PROTOCOL' && x.service === 'stlogin')!;
    expect(renderToStaticMarkup(createElement(FindingDetail, { f, report: r }))).toContain('traces · stlogin (graph: stLogin)');
  });
});

describe('a per-service row named by a tag and merged in the graph', () => {
  it('the Markdown label puts both notes in one parenthesis; the parts keep them apart for the tables', () => {
    const sp = { also: new Map([['adservice', ['ad-service']]]), merged: new Map([['ad-service', 'adservice']]) };
    const row = { name: 'ad-service', nameFrom: ['container.name'] };
    // (was "ad-service (graph: adservice) (service from tag `container.name`)")
    expect(serviceLabel(row, sp)).toBe('ad-service (graph: adservice; service from tag `container.name`)');
    expect(serviceLabel({ name: 'adservice' }, sp)).toBe('adservice');
    expect(serviceLabelParts(row, sp)).toEqual({ name: 'ad-service', graph: 'adservice', from: ['container.name'], spellings: [], moreSpellings: 0 });
    expect(serviceLabelParts({ name: 'web' }, sp)).toEqual({ name: 'web', from: [], spellings: [], moreSpellings: 0 });
  });
});
