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
});
