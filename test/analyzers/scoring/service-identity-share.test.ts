// Records without a service gather under "(unknown service)", so their share of it is always
// 100 %: the S-SERVICE-IDENTITY message also says their share of everything read, and sysklogd's
// `syslogd 1.4.1:` tag (its version after its name) names its service.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

describe('S-SERVICE-IDENTITY message', () => {
  it('gives the share of all records read', () => {
    const named = Array.from({ length: 9 }, (_, i) => `{"time":"2024-01-01T00:00:0${i}Z","level":"info","msg":"m","service":"api"}`).join('\n') + '\n';
    const r = analyseInputs([['a.jsonl', named], ['b.log', 'Jun 19 04:09:11 combo syslogd 1.4.1: restart.\nJun 19 04:09:12 combo just text\n']]);
    const f = r.findings!.filter((x) => x.ruleId === 'S-SERVICE-IDENTITY' && !x.passed);
    // by hand: 9 api records, syslogd's line names syslogd, the last line names nothing: 1 of 11
    expect(f.map((x) => [x.service, x.message])).toEqual([['(unknown service)', '1 of 1 records have no usable service.name (100 %). They are 1 of all 11 records read (9.1 %).']]);
    expect(r.signals.logs.services).toEqual(['api', 'syslogd']);
  });
});

describe('estimated distinct counts', () => {
  it('never exceed the points they were counted over, and say "about" when estimated', () => {
    const text = '# TYPE foo_total counter\n' + Array.from({ length: 300 }, (_, i) => `foo_total{path="/p${i}"} ${i}`).join('\n') + '\n';
    const r = analyseInputs([['m.prom', text]]);
    const msg = (id: string) => r.findings!.find((f) => f.ruleId === id)!.message;
    // 300 points, 300 distinct paths: the sketches past their exact size may estimate 299 or 303
    expect(msg('N-MET-SERIES')).toMatch(/^1 of 1 metric names exceed 200 series; the largest is foo_total with about (29\d|300)\.$/);
    expect(msg('N-MET-LABEL-CARDINALITY')).toMatch(/^All 1 metric labels are bounded \(largest: about (29\d|300) distinct values\)\.$/);
  });
});

describe('evidence confidence', () => {
  it('is the same rule for profile and correlation findings: low under 30 examined, medium under 300', async () => {
    const { confidenceOf } = await import('../../../analyzers/profile/confidence.js');
    expect([29, 30, 299, 300].map(confidenceOf)).toEqual(['low', 'medium', 'medium', 'high']);
    const { evaluateCorrelationRules } = await import('../../../analyzers/correlation/rules.js');
    const summary = { services: [], mappings: [], blindSpots: [], logs: { records: 0, checked: 0 }, traces: { spans: 28, traces: 5, orphanSpans: 0, duplicateSpans: 0, multiRootTraces: 0, noRootTraces: 0, childOutsideParent: 0, crossServiceChildren: 0, sampledShare: 1, spanIdIndex: { kind: 'exact', falsePositiveRate: 0 } }, metrics: { points: 0 }, ranges: [], timeOverlap: null, bucketWidthS: 60 };
    // 28 spans examined: low (it said medium, from a threshold of 20 of its own)
    const f = evaluateCorrelationRules({ summary: summary as never, examples: {}, connectedServices: 0, tracedServices: 0 });
    expect(f.find((x) => x.ruleId === 'COR-005')!.evidence.confidence).toBe('low');
  });
});

describe('S-SERVICE-IDENTITY pass message says where the name came from', () => {
  const answer = (series: Record<string, string>[]) =>
    JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series.map((metric) => ({ metric, values: [0, 1].map((i) => [1_700_000_000 + 15 * i, '1']) })) } });
  const otlp = JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeMetrics: [{ metrics: [{ name: 'q', gauge: { dataPoints: [{ asDouble: 1, timeUnixNano: '1700000000000000000' }] } }] }] }] });
  const msg = (r: ReturnType<typeof analyseInputs>, svc: string) => r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === svc)!.message;

  it('a Prometheus label (job, service_name), a resource service.name, or both', () => {
    const r = analyseInputs([
      ['a.json', answer([{ __name__: 'up', job: 'node', instance: 'h:9100' }, { __name__: 'up', job: 'x', service_name: 'shop' }, { __name__: 'up', job: 'api' }])],
      ['b.json', otlp],
    ]);
    expect(msg(r, 'node')).toBe('All 2 records name service "node": service.name from the label `job`, as OpenTelemetry\'s Prometheus compatibility maps it for an export without a resource.');
    expect(msg(r, 'shop')).toBe('All 2 records name service "shop": service.name from the label `service_name`, as OpenTelemetry\'s Prometheus compatibility maps it for an export without a resource.');
    expect(msg(r, 'api')).toBe('All 3 records name service "api": service.name on their resource or, on the others, from the label `job`, as OpenTelemetry\'s Prometheus compatibility maps it for an export without a resource.');
    const only = analyseInputs([['b.json', otlp]]);
    expect(msg(only, 'api')).toBe('The 1 record carries service.name "api".');
  });
});
