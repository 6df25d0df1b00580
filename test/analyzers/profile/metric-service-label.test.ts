// A metric point's own `service`, `app` or `application` label (and their `svc`, `appname`
// spellings) does not name its service (docs/scoring.md §1): a metric label is a dimension of what
// is measured, and exporters use it for other services than their own — ingress-nginx labels its
// request counter with the backend `service` it routed to, kube-state-metrics the Kubernetes
// Service an object belongs to, client_golang's example the simulated RPC service. 8ac30d2 named
// such points by the label (the ingress's scrape handed to its backends); the correlation still
// joins on these labels, as before.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import type { Report } from '../../../analyzers/report/model.js';

const rows = (r: Report) => r.services!.map((s) => [s.name, s.records.points, s.nameFrom ?? null]);
const mappings = (r: Report) => (r.correlation as { mappings: { raw: string; from: string }[] }).mappings.map((m) => [m.from, m.raw]);

describe('a metric point labelled with a service it measures', () => {
  it('an ingress scrape is not handed to its backend services', () => {
    const prom = [
      '# TYPE nginx_ingress_controller_requests counter',
      'nginx_ingress_controller_requests{service="cart",status="200"} 10',
      'nginx_ingress_controller_requests{service="payment",status="200"} 4',
      '# TYPE up gauge',
      'up 1',
      '',
    ].join('\n');
    const r = analyseInputs([['ingress.prom', prom]]);
    // 8ac30d2: cart 1 (nameFrom service), payment 1 (nameFrom service), (unknown service) 1
    expect(rows(r)).toEqual([['(unknown service)', 3, null]]);
    expect(r.signals.metrics.services).toEqual([]);
    expect(r.findings!.filter((f) => f.service !== '(unknown service)' && f.service !== '*').map((f) => f.service)).toEqual([]);
    // the correlation still joins on the label
    expect(mappings(r)).toEqual([
      ['service', 'cart'],
      ['service', 'payment'],
    ]);
  });

  it("kube-state-metrics' kube_service_info and app/application/svc/appname labels name no service", () => {
    const prom = [
      '# TYPE kube_service_info gauge',
      'kube_service_info{namespace="default",service="kubernetes",uid="6b1c"} 1',
      '# TYPE http_requests_total counter',
      'http_requests_total{app="shop",code="200"} 5',
      'http_requests_total{application="shop",code="500"} 1',
      'http_requests_total{svc="shop",code="404"} 2',
      'http_requests_total{AppName="shop",code="302"} 3',
      '',
    ].join('\n');
    const r = analyseInputs([['ksm.prom', prom]]);
    // 8ac30d2: kubernetes (nameFrom service) 1, shop (nameFrom app, application, svc, AppName) 4
    expect(rows(r)).toEqual([['(unknown service)', 5, null]]);
    expect(r.signals.metrics.services).toEqual([]);
  });

  it("a client library's `service` label on every point (OTLP data point attributes alike) names none; `job`, a pod and resource attributes still do", () => {
    const prom = [
      '# HELP app_requests_total Requests.',
      '# TYPE app_requests_total counter',
      'app_requests_total{service="checkout",method="GET"} 7',
      'app_requests_total{service="checkout",method="GET",job="checkout-job"} 7',
      'app_requests_total{service="checkout",pod="checkout-7d4b9c8f6d-x2x9z"} 7',
      '',
    ].join('\n');
    const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
    const gauge = (attributes: unknown[]) => ({ name: 'queue_depth', gauge: { dataPoints: [{ timeUnixNano: '1700000000000000000', asDouble: 1, attributes }] } });
    const otlp = {
      resourceMetrics: [
        { resource: { attributes: [] }, scopeMetrics: [{ metrics: [gauge([attr('service', 'orders')]), gauge([attr('app', 'orders')])] }] },
        // a resource attribute `app` names the service (its own, as a resource is)
        { resource: { attributes: [attr('app', 'billing')] }, scopeMetrics: [{ metrics: [gauge([attr('service', 'orders')])] }] },
      ],
    };
    const r = analyseInputs([
      ['client.prom', prom],
      ['m.json', JSON.stringify(otlp)],
    ]);
    expect(rows(r)).toEqual([
      ['(unknown service)', 3, null],
      ['billing', 1, ['app']],
      ['checkout', 1, ['pod']],
      // (named from its `job` label, which gave the point's resource its service.name: listed since misc28)
      ['checkout-job', 1, ['job']],
    ]);
    expect(r.signals.metrics.services).toEqual(['billing', 'checkout', 'checkout-job']);
  });
});

describe("client_golang's example exposition (shared data: prometheus-textparse/alltypes.5mfs.om.txt)", () => {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/prometheus-text/prometheus-textparse/alltypes.5mfs.om.txt');

  it('rpc_durations_seconds{service="exponential|normal|uniform"} are no services', () => {
    const r = analyseInputs([['alltypes.5mfs.om.txt', readFileSync(file)]]);
    // 8ac30d2: services exponential, normal, uniform (nameFrom service) beside (unknown service)
    expect(r.services!.map((s) => [s.name, s.nameFrom ?? null])).toEqual([['(unknown service)', null]]);
    expect(r.signals.metrics.services).toEqual([]);
    expect(mappings(r)).toEqual([
      ['service', 'exponential'],
      ['service', 'normal'],
      ['service', 'uniform'],
    ]);
  });
});
