// A Prometheus exposition has no resource: its points' `job` label (or `service_name`, or the
// `target_info` before them) gives their resource `service.name`, as OpenTelemetry's Prometheus
// compatibility maps it. Such points have a service identity (S-SERVICE-IDENTITY passes and says
// the name came from the label), but `services[].nameFrom` did not list the label: only attributes
// that named records without one were listed. It now lists both, with the records of each.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { serviceLabelParts, nameFromSegments } from '../../../analyzers/report/view.js';
import type { Report } from '../../../analyzers/report/model.js';

const rows = (r: Report) => r.services!.map((s) => [s.name, s.records, s.nameFrom ?? null, s.nameFromRecords ?? null]);

const exposition = ['# TYPE http_requests_total counter', 'http_requests_total{job="checkout",code="200"} 10', 'http_requests_total{job="checkout",code="500"} 1', 'http_requests_total{job="shop/cart",code="200"} 4', ''].join('\n');

const otlpSpan = (service: string) =>
  JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] });

describe('services named from the Prometheus job label', () => {
  it('list `job` in services[].nameFrom, with the points it named', () => {
    const r = analyseInputs([['scrape.prom', exposition]]);
    expect(rows(r)).toEqual([
      ['cart', { spans: 0, logs: 0, points: 1 }, ['job'], { job: 1 }],
      ['checkout', { spans: 0, logs: 0, points: 2 }, ['job'], { job: 2 }],
    ]);
    // S-SERVICE-IDENTITY still passes: the label gives the resource its service.name
    const f = r.findings!.find((x) => x.ruleId === 'S-SERVICE-IDENTITY' && x.service === 'checkout')!;
    expect([f.passed, f.message]).toEqual([true, 'All 2 records name service "checkout": service.name from the label `job`, as OpenTelemetry\'s Prometheus compatibility maps it for an export without a resource.']);
  });

  it('beside spans that carry service.name: how many of the service\'s records the label named', () => {
    const r = analyseInputs([
      ['scrape.prom', exposition],
      ['trace.json', otlpSpan('checkout')],
    ]);
    const checkout = r.services!.find((s) => s.name === 'checkout')!;
    expect([checkout.nameFrom, checkout.nameFromRecords, checkout.records]).toEqual([['job'], { job: 2 }, { spans: 1, logs: 0, points: 2 }]);
    const parts = serviceLabelParts(checkout);
    expect(nameFromSegments(parts)).toEqual([{ text: '2 of 3 records named from tag ' }, { code: 'job' }]);
  });

  it('a service whose every record carries service.name has no nameFrom', () => {
    const r = analyseInputs([['trace.json', otlpSpan('checkout')]]);
    expect(rows(r)).toEqual([['checkout', { spans: 1, logs: 0, points: 0 }, null, null]]);
  });
});
