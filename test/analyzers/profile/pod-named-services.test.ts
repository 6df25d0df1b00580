// A `service.name` that is a Kubernetes Deployment pod name (the service's name, its pod-template
// hash and its pod suffix: `checkout-7d4b9c6f8d-x2k9p`) is that service, as the dependency graph has
// always filed it. The per-service rows filed it apart: the pods' spans under each pod name, the
// logs and the PodName-named metrics under `checkout` (Nezha's TrainTicket: `ts-contacts-service`
// and `ts-contacts-service-866bd68c97-dzqgd`, two rows of one service). Now one row, its records
// summed, its rules scored over all of them, the pod names listed as its spellings.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { serviceLabel } from '../../../analyzers/report/view.js';
import { renderReportHtml } from '../../../analyzers/report/html/render-html.js';

const TID = 'cd'.repeat(16);
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const T0 = 1_700_000_000_000_000_000n;
const ns = (ms: number) => String(T0 + BigInt(ms) * 1_000_000n);
const span = (id: string, parent: string, name: string, kind: number) => ({ traceId: TID, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind, startTimeUnixNano: ns(0), endTimeUnixNano: ns(20), attributes: [] });
const log = (ms: number, body: string) => ({ timeUnixNano: ns(ms), severityNumber: 9, severityText: 'INFO', body: { stringValue: body }, attributes: [] });
const res = (name: string) => ({ attributes: [attr('service.name', name)] });

const POD_A = 'checkout-7d4b9c6f8d-x2k9p';
const POD_B = 'checkout-7d4b9c6f8d-q5z7w';
// not a pod name: vowels are not in the alphabet Kubernetes makes pod hashes of
const LOOKALIKE = 'checkout-abcdefg-hijkl';

function report(chunk?: number) {
  const traces = {
    resourceSpans: [
      { resource: res('frontend'), scopeSpans: [{ spans: [span('00000000000000a1', '', 'GET /', 2), span('00000000000000a2', '00000000000000a1', 'checkout', 3), span('00000000000000a5', '00000000000000a1', 'work', 3), span('00000000000000a7', '00000000000000a1', 'look', 3)] }] },
      { resource: res(POD_A), scopeSpans: [{ spans: [span('00000000000000a3', '00000000000000a2', 'POST /checkout', 2), span('00000000000000a4', '00000000000000a3', 'db', 1)] }] },
      { resource: res(POD_B), scopeSpans: [{ spans: [span('00000000000000a8', '00000000000000a2', 'POST /checkout', 2)] }] },
      { resource: res('checkout-worker'), scopeSpans: [{ spans: [span('00000000000000a6', '00000000000000a5', 'work', 2)] }] },
      { resource: res(LOOKALIKE), scopeSpans: [{ spans: [span('00000000000000a9', '00000000000000a7', 'look', 2)] }] },
    ],
  };
  const logs = { resourceLogs: [{ resource: res('checkout'), scopeLogs: [{ logRecords: [log(1, 'order placed'), log(2, 'order paid')] }] }] };
  // a metric export without service.name, each series named by its pod
  const metrics = {
    resourceMetrics: [
      {
        resource: { attributes: [] },
        scopeMetrics: [{ metrics: [{ name: 'cpu_usage', unit: '1', gauge: { dataPoints: [0, 1000].map((ms) => ({ timeUnixNano: ns(ms), asDouble: 0.5, attributes: [attr('k8s.pod.name', POD_A)] })) } }] }],
      },
    ],
  };
  return analyseInputs(
    [
      ['t.json', JSON.stringify(traces)],
      ['l.json', JSON.stringify(logs)],
      ['m.json', JSON.stringify(metrics)],
    ],
    chunk,
  );
}

describe('a service.name that is a Deployment pod name', () => {
  it('is one row with the service it is a pod of: records summed, the pod names its spellings', () => {
    const r = report();
    // before: rows checkout (2 logs, 2 points, nameFrom k8s.pod.name), checkout-7d4b9c6f8d-q5z7w (1 span),
    // checkout-7d4b9c6f8d-x2k9p (2 spans), checkout-abcdefg-hijkl, checkout-worker, frontend
    expect(r.services!.map((s) => [s.name, s.signals, s.records.spans, s.records.logs, s.records.points])).toEqual([
      ['checkout', ['traces', 'metrics', 'logs'], 3, 2, 2],
      [LOOKALIKE, ['traces'], 1, 0, 0],
      ['checkout-worker', ['traces'], 1, 0, 0],
      ['frontend', ['traces'], 4, 0, 0],
    ]);
    const checkout = r.services!.find((s) => s.name === 'checkout')!;
    // the spellings its records carry, with their records (pod A: 2 spans by service.name, 2 points by k8s.pod.name)
    expect(checkout.spellings).toEqual([
      { name: POD_A, records: 4 },
      { name: POD_B, records: 1 },
    ]);
    for (const s of r.services!.filter((x) => x.name !== 'checkout')) expect(s.spellings).toBeUndefined();
    // the graph and the rows agree
    expect(r.dependencyGraph!.nodes.map((n) => n.service).sort()).toEqual(['checkout', LOOKALIKE, 'checkout-worker', 'frontend']);
    expect(r.signals.traces.services).toEqual(['checkout', LOOKALIKE, 'checkout-worker', 'frontend']);
  });

  it('is scored over all its records: findings name the service, never a pod', () => {
    const r = report();
    expect(r.findings!.some((f) => f.service === POD_A || f.service === POD_B)).toBe(false);
    const id = r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === 'checkout')!;
    // 3 spans and 2 logs carry service.name; the 2 points were named by their pod label
    expect([id.passed, id.evidence.examined, id.evidence.failing]).toEqual([false, 7, 2]);
    // the per-trace checks file the pods' spans under the service too
    const kind = r.findings!.find((f) => f.ruleId === 'S-SPAN-KIND' && f.service === 'checkout')!;
    expect(kind.evidence.examined).toBe(3);
  });

  it('gives the same rows fed in 7-byte chunks', () => {
    const a = report().services!.map((s) => [s.name, s.records, s.spellings ?? null, s.score]);
    expect(report(7).services!.map((s) => [s.name, s.records, s.spellings ?? null, s.score])).toEqual(a);
  });

  it('is one row in the Markdown and HTML reports, the pod names beneath its name', () => {
    const r = report();
    const md = renderReportMarkdown(r);
    expect(md).toContain(`| checkout (also named ${POD_A}: 4 records, ${POD_B}: 1 record; 2 of 7 records named from tag \`k8s.pod.name\`) |`);
    // (the correlation's name mappings list each pod name and its service; no services row names a pod)
    expect(md.split('\n').filter((l) => l.startsWith(`| ${POD_A} |`) && !l.includes('| checkout | Kubernetes pod name'))).toEqual([]);
    const html = renderReportHtml(r);
    expect(html).toContain(`<b class="svc-name">checkout</b><div class="svc-alias">also named ${POD_A}: 4 records, ${POD_B}: 1 record</div>`);
    expect(html).not.toContain(`<b class="svc-name">${POD_A}</b>`);
    expect(html).toContain(`1 record</div><div class="svc-alias">2 of 7 records named from tag <code>k8s.pod.name</code></div>`);
  });

  it('says how many of its records a tag named: the metric points, not the spans and logs that carry service.name', () => {
    const checkout = report().services!.find((s) => s.name === 'checkout')!;
    // before: nameFrom ['k8s.pod.name'] alone, shown as "service from tag `k8s.pod.name`" as if the whole name came from it
    expect([checkout.nameFrom, checkout.nameFromRecords]).toEqual([['k8s.pod.name'], { 'k8s.pod.name': 2 }]);
    expect(serviceLabel(checkout)).toBe(`checkout (also named ${POD_A}: 4 records, ${POD_B}: 1 record; 2 of 7 records named from tag \`k8s.pod.name\`)`);
    // a service every record of which a tag named still reads "service from tag"
    const row = { name: 'shop', nameFrom: ['app', 'job'], nameFromRecords: { app: 3, job: 2 }, records: { spans: 5, logs: 0, points: 0 } };
    expect(serviceLabel(row)).toBe('shop (service from tag `app` / `job`)');
    expect(serviceLabel({ ...row, records: { spans: 5, logs: 5, points: 0 } })).toBe('shop (3 of 10 records named from tag `app`, 2 of 10 from `job`)');
    // a report without the counts (an older ObsReady's) reads as before
    expect(serviceLabel({ name: 'shop', nameFrom: ['app'], records: { spans: 5, logs: 5, points: 0 } })).toBe('shop (service from tag `app`)');
  });

  it('keeps each pod’s metric points a series of its own', () => {
    // two pods of one Deployment export the same gauge with the same labels, no other resource attribute
    const pod = (name: string, v: number) => ({
      resource: res(name),
      scopeMetrics: [{ metrics: [{ name: 'queue_depth', unit: '1', gauge: { dataPoints: [0, 1000, 2000].map((ms) => ({ timeUnixNano: ns(ms), asDouble: v + ms / 1000, attributes: [attr('queue', 'orders')] })) } }] }],
    });
    const r = analyseInputs([['m.json', JSON.stringify({ resourceMetrics: [pod(POD_A, 1), pod(POD_B, 100)] })]]);
    expect(r.services!.map((s) => [s.name, s.records.points, s.spellings])).toEqual([['checkout', 6, [{ name: POD_B, records: 3 }, { name: POD_A, records: 3 }]]]);
    expect(r.signals.metrics.series).toBe(2);
    // the service's metric profile counts two series of queue_depth, not one that jumps between the pods
    const series = r.findings!.find((f) => f.ruleId === 'N-MET-SERIES' && f.service === 'checkout')!;
    expect(series.value).toBe(2);
  });
});
