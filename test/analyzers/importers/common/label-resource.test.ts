// A metric point names its service in labels, as OpenTelemetry's Prometheus compatibility
// specification maps them: `job` = `service.namespace/service.name`, `instance` =
// `service.instance.id`, `target_info`'s labels = the target's resource attributes; a
// `service_name` label (resource-to-telemetry conversion) names the service directly. The inputs
// are written in each format's own syntax; expected services are the values written.
import { describe, expect, it } from 'vitest';
import { LabelResources } from '../../../../analyzers/importers/common/label-resource.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { decode } from './json-test-helpers.js';
import type { MetricPoint } from '../../../../analyzers/model/index.js';

describe('LabelResources', () => {
  it('job is namespace/name, instance the instance; service_name wins over job; one object per service', () => {
    const r = new LabelResources();
    const a = r.of({ job: 'shop/api', instance: 'h1:9090', code: '200' });
    expect([a.serviceName, a.serviceNamespace, a.serviceInstanceId]).toEqual(['api', 'shop', 'h1:9090']);
    expect(r.of({ job: 'shop/api', instance: 'h1:9090', code: '500' })).toBe(a);
    expect(r.of({ job: 'prometheus', service_name: 'checkout' }).serviceName).toBe('checkout');
    expect(r.of({ 'service.name': 'cart', job: 'x' }).serviceName).toBe('cart');
    expect(r.of({ code: '200' }).serviceName).toBeUndefined();
    // `service`, `app` and `application` are labels like any other, unless asked (Datadog's unified
    // service tag): exporters put other services there (ingress-nginx, Traefik and Kong label
    // requests with the backend `service` they routed to) — docs/scoring.md §1
    expect(r.of({ service: 'web' }).serviceName).toBeUndefined();
    expect(r.of({ app: 'web' }).serviceName).toBeUndefined();
    expect(r.of({ application: 'web' }).serviceName).toBeUndefined();
    expect(r.of({ service: 'shop-frontend', ingress: 'shop', controller_pod: 'ingress-nginx-controller-7d9c' }).serviceName).toBeUndefined();
    expect(new LabelResources(true).of({ service: 'web' }).serviceName).toBe('web');
  });

  it("target_info's labels are the resource of the points after it; a point's own labels still win", () => {
    const r = new LabelResources();
    r.targetInfo({ service_name: 'checkout', service_version: '1.2', telemetry_sdk_language: 'nodejs' });
    const p = r.of({ route: '/cart' });
    expect(p.serviceName).toBe('checkout');
    expect(p.attributes).toMatchObject({ service_version: '1.2', telemetry_sdk_language: 'nodejs' });
    expect(r.of({ job: 'other' }).serviceName).toBe('other');
  });
});

const metrics = (name: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  const spec = sniffFormat(makeSniffInput(bytes, true)).spec!;
  const r = decode(spec, bytes, undefined, name);
  expect(r.errors).toEqual([]);
  return r;
};

describe('service identity of metric exports that name it in labels', () => {
  it('Prometheus text: target_info (as the OpenTelemetry SDK exporters write it) names the service of every point', () => {
    const text = [
      '# HELP target_info Target metadata',
      '# TYPE target_info gauge',
      'target_info{service_name="checkout",telemetry_sdk_language="nodejs"} 1',
      '# TYPE http_requests_total counter',
      'http_requests_total{route="/cart"} 5',
      'http_requests_total{route="/pay"} 2',
      '',
    ].join('\n');
    const { records } = metrics('scrape.prom', text);
    expect((records as MetricPoint[]).map((p) => p.resource.serviceName)).toEqual(['checkout', 'checkout', 'checkout']);
  });

  it('a Prometheus API answer: each series by its job and instance', () => {
    const answer = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { __name__: 'up', job: 'shop/api', instance: 'h1:9090' }, values: [[1700000000, '1'], [1700000015, '1']] },
          { metric: { __name__: 'up', job: 'node', instance: 'h2:9100' }, values: [[1700000000, '0']] },
        ],
      },
    });
    const { records } = metrics('q.json', answer);
    expect((records as MetricPoint[]).map((p) => [p.resource.serviceName, p.resource.serviceNamespace, p.resource.serviceInstanceId])).toEqual([
      ['api', 'shop', 'h1:9090'],
      ['api', 'shop', 'h1:9090'],
      ['node', undefined, 'h2:9100'],
    ]);
  });

  it("a Datadog query answer: the service tag of its scope; a CSV header's Datadog query and a {__name__=…} header", () => {
    const dd = JSON.stringify({ status: 'ok', res_type: 'time_series', series: [{ metric: 'pool.active', pointlist: [[1722506410000, 4.0]], scope: 'service:ledger,env:prod' }] });
    expect((metrics('dd.json', dd).records as MetricPoint[]).map((p) => [p.resource.serviceName, p.labels])).toEqual([['ledger', { service: 'ledger', env: 'prod' }]]);
    const csv = 'timestamp,"sum:trace.http.request.hits{service:web,env:prod}.as_count()","{__name__=""up"", job=""node""}"\n2024-01-15T10:00:00Z,120,1\n';
    const points = metrics('export.csv', csv).records as MetricPoint[];
    expect(points.map((p) => [p.name, p.resource.serviceName, p.labels])).toEqual([
      ['trace.http.request.hits', 'web', { service: 'web', env: 'prod' }],
      ['up', 'node', { job: 'node' }],
    ]);
  });
});
