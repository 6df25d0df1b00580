// The Services table shows a service's name as the link and, smaller beneath it, the merged name the
// dependency graph shows it by and the tag its name came from — the tag as code. It showed one link
// text "ts-config-service-5fcd447d84-9qltf (graph: ts-config-service)" (four lines in a narrow
// column) and "shop (service from tag `app`)" with the backticks.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ServicesView } from '../../../../renderer/features/services/ServicesTable.js';
import { makeUiReport } from '../../fixtures/ui-report.js';
import type { Report } from '../../../../analyzers/report/model.js';

function report(): Report {
  const base = makeUiReport();
  const [checkout, frontend] = base.services!;
  const services = [
    { ...checkout!, name: 'ts-config-service-5fcd447d84-9qltf' },
    { ...frontend!, name: 'shop', nameFrom: ['app', 'k8s.pod.name'] },
  ];
  // the correlation mapped the pod name given as service.name to its workload
  const correlation = { ...(base.correlation as object), mappings: [{ raw: 'ts-config-service-5fcd447d84-9qltf', service: 'ts-config-service', reason: 'pod-name', from: 'resource service.name', signal: 'traces', records: 600 }] };
  return { ...base, services, correlation } as Report;
}

describe('the Services table names', () => {
  it('shows a merged name as the link, the graph name smaller on its own line', () => {
    const html = renderToStaticMarkup(createElement(ServicesView, { report: report() }));
    expect(html).toContain('>ts-config-service-5fcd447d84-9qltf</button><div class="service-alias small muted">graph: ts-config-service</div></th>');
    expect(html).not.toContain('(graph:');
  });

  it('shows the tags a name came from as code, without backticks', () => {
    const html = renderToStaticMarkup(createElement(ServicesView, { report: report() }));
    expect(html).toContain('>shop</button><div class="service-alias small muted">service from tag <code>app</code> / <code>k8s.pod.name</code></div></th>');
    expect(html).not.toContain('`');
  });

  it('lists the pod names filed under a service beneath it, with their records (at most 3, then how many more)', () => {
    const base = report();
    const [first, second] = base.services!;
    const pods = ['c-7d4b9c6f8d-x2k9p', 'c-7d4b9c6f8d-q5z7w', 'c-7d4b9c6f8d-b2c4d', 'c-7d4b9c6f8d-f5g6h'];
    const services = [
      { ...first!, name: 'checkout', spellings: pods.map((name, i) => ({ name, records: 1200 - i * 400 })).slice(0, 4) },
      { ...second!, name: 'cart', spellings: [{ name: 'cart-5fcd447d84-9qltf', records: 1 }] },
    ];
    const html = renderToStaticMarkup(createElement(ServicesView, { report: { ...base, services } as Report }));
    expect(html).toContain('>checkout</button><div class="service-alias small muted">also named c-7d4b9c6f8d-x2k9p: 1,200 records, c-7d4b9c6f8d-q5z7w: 800 records, c-7d4b9c6f8d-b2c4d: 400 records, +1 more</div></th>');
    expect(html).toContain('>cart</button><div class="service-alias small muted">also named cart-5fcd447d84-9qltf: 1 record</div><div class="service-alias small muted">service from tag');
  });

  it('says how many records a tag named when the others carry service.name, with the tag as code', () => {
    const base = report();
    const [first] = base.services!;
    // 600 spans and 1,200 logs; the logs were named by container.name
    const services = [{ ...first!, name: 'ad', nameFrom: ['container.name'], nameFromRecords: { 'container.name': 1200 } }];
    const html = renderToStaticMarkup(createElement(ServicesView, { report: { ...base, services } as Report }));
    // before: "service from tag <code>container.name</code>", as if the spans had no service.name
    expect(html).toContain('>ad</button><div class="service-alias small muted">1,200 of 1,800 records named from tag <code>container.name</code></div></th>');
    expect(html).not.toContain('service from tag');
  });
});
