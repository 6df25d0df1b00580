// A span without a usable service.name that an attribute names (`app`, `service`, `job`, a
// pod name…) is one service everywhere: the dependency graph has always filed it under that name;
// the findings, the per-service scores and signals.traces.services filed it under
// '(unknown service)'. Now all four use the attribute's name, and the report says where it came
// from (services[].nameFrom, the S-SERVICE-IDENTITY message).
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { renderReportMarkdown as renderMarkdown } from '../../../analyzers/report/markdown.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';

const TID = 'aa'.repeat(16);
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const span = (id: string, parent: string, name: string, kind: number, attributes: unknown[] = []) => ({ traceId: TID, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind, startTimeUnixNano: '1700000000000050000', endTimeUnixNano: '1700000000000080000', attributes });

function report() {
  const otlp = {
    resourceSpans: [
      // named only by a resource `app` attribute
      { resource: { attributes: [attr('app', 'shop')] }, scopeSpans: [{ spans: [span('00000000000000aa', '', 'GET /', 2), span('00000000000000ab', '00000000000000aa', 'call', 3)] }] },
      { resource: { attributes: [attr('service.name', 'db')] }, scopeSpans: [{ spans: [span('00000000000000ac', '00000000000000ab', 'SELECT', 2)] }] },
      // one resource, no service.name: each span named by its own `service` attribute
      { resource: { attributes: [] }, scopeSpans: [{ spans: [span('00000000000000ad', '00000000000000ab', 'pay', 2, [attr('service', 'payments')]), span('00000000000000ae', '00000000000000ab', 'mail', 2, [attr('service', 'mailer')])] }] },
    ],
  };
  return analyseInputs([['o.json', JSON.stringify(otlp)]]);
}

describe('a span named only by an attribute', () => {
  it('is filed under that name in the findings, the services, signals.traces.services and the graph alike', () => {
    const r = report();
    // before: services ['(unknown service)' 4 spans, 'db'], signals.traces.services ['db'],
    // graph nodes db, mailer, payments, shop
    expect(r.services!.map((s) => [s.name, s.records.spans, s.nameFrom ?? null])).toEqual([
      ['db', 1, null],
      ['mailer', 1, ['service']],
      ['payments', 1, ['service']],
      ['shop', 2, ['app']],
    ]);
    expect(r.signals.traces.services).toEqual(['db', 'mailer', 'payments', 'shop']);
    expect(r.dependencyGraph!.nodes.map((n) => [n.service, n.spans])).toEqual([
      ['db', 1],
      ['mailer', 1],
      ['payments', 1],
      ['shop', 2],
    ]);
    expect(r.findings!.filter((f) => f.service === '(unknown service)')).toEqual([]);
    // the per-trace checks file the spans as the graph does: shop holds the root and the client
    const kind = r.findings!.filter((f) => f.ruleId === 'S-SPAN-KIND').map((f) => [f.service, f.evidence.examined]);
    expect(kind).toEqual([
      ['db', 1],
      ['mailer', 1],
      ['payments', 1],
      ['shop', 2],
    ]);
  });

  it('still fails S-SERVICE-IDENTITY, and says where the name came from', () => {
    const r = report();
    const id = r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === 'shop')!;
    expect([id.passed, id.evidence.examined, id.evidence.failing]).toEqual([false, 2, 2]);
    expect(id.message).toBe('2 of 2 records have no usable service.name (100 %). They are 2 of all 5 records read (40 %). Service from tag `app`: the records without one are filed under "shop" by it, as the dependency graph and the correlation file them.');
    expect(r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === 'db')!.passed).toBe(true);
  });

  it('the Markdown and HTML services tables say the name came from a tag', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('| shop (service from tag `app`) |');
    expect(md).toContain('| db |');
    expect(renderReportHtml(report())).toContain('<b class="svc-name">shop</b><div class="svc-alias">service from tag <code>app</code></div>');
  });
});
