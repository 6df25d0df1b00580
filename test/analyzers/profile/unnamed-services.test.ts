// Records without a usable service.name get one name everywhere: the findings, the per-service
// scores, signals.*.services, the dependency graph and the correlation.
// - The OpenTelemetry SDK default `unknown_service:<process.executable.name>` (the SDKs' fallback
//   when service.name is not set) is no service: it was listed as the service `unknown_service:java`
//   (findings, services, graph, signals.*.services) while S-SERVICE-IDENTITY failed it; now it is
//   the bucket `(unknown service: java)` everywhere, out of signals.*.services as `(unknown service)` is.
// - `component` names the instrumentation library (OpenTracing: "grpc", "django"; Envoy `proxy`),
//   not the service: a span tagged only with it is `(unknown service)` (was the service `proxy`).
// - Log records and metric points without service.name that an attribute names (`service`, `job`,
//   a pod name…) were `(unknown service)` in the findings while the correlation named them by the
//   attribute; now they are filed under that name with services[].nameFrom, as spans were.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const TID = 'ab'.repeat(16);
const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const T0 = 1_700_000_000_000_000_000n;
const ns = (ms: number) => String(T0 + BigInt(ms) * 1_000_000n);
const span = (id: string, parent: string, name: string, kind: number, attributes: unknown[] = []) => ({ traceId: TID, spanId: id, ...(parent ? { parentSpanId: parent } : {}), name, kind, startTimeUnixNano: ns(0), endTimeUnixNano: ns(20), attributes });
const log = (ms: number, body: string, attributes: unknown[] = []) => ({ timeUnixNano: ns(ms), severityNumber: 9, severityText: 'INFO', body: { stringValue: body }, attributes });
const gauge = (name: string, points: { ms: number; v: number; attributes?: unknown[] }[]) => ({ name, unit: '1', gauge: { dataPoints: points.map((p) => ({ timeUnixNano: ns(p.ms), asDouble: p.v, attributes: p.attributes ?? [] })) } });

function sdkDefaultReport() {
  const java = { attributes: [attr('service.name', 'unknown_service:java'), attr('telemetry.sdk.language', 'java')] };
  const traces = {
    resourceSpans: [
      { resource: java, scopeSpans: [{ spans: [span('00000000000000a1', '', 'GET /', 2), span('00000000000000a2', '00000000000000a1', 'call db', 3)] }] },
      { resource: { attributes: [attr('service.name', 'db')] }, scopeSpans: [{ spans: [span('00000000000000a3', '00000000000000a2', 'SELECT', 2)] }] },
      // an SDK that had no process name: unknown_service alone
      { resource: { attributes: [attr('service.name', 'unknown_service')] }, scopeSpans: [{ spans: [span('00000000000000a4', '', 'tick', 1)] }] },
    ],
  };
  const logs = { resourceLogs: [{ resource: java, scopeLogs: [{ logRecords: [log(1, 'started'), log(2, 'served')] }] }] };
  const metrics = { resourceMetrics: [{ resource: java, scopeMetrics: [{ metrics: [gauge('jvm.threads', [{ ms: 0, v: 10 }, { ms: 1000, v: 11 }])] }] }] };
  return analyseInputs([
    ['t.json', JSON.stringify(traces)],
    ['l.json', JSON.stringify(logs)],
    ['m.json', JSON.stringify(metrics)],
  ]);
}

describe('the OpenTelemetry SDK default service.name (unknown_service:java)', () => {
  it('is one bucket, "(unknown service: java)", in the services, the findings and the dependency graph', () => {
    const r = sdkDefaultReport();
    // before: services, graph nodes and signals.traces.services 'db', 'unknown_service',
    // 'unknown_service:java' (the resource's service.name attribute read back as a service tag)
    expect(r.services!.map((s) => [s.name, s.records.spans, s.records.logs, s.records.points, s.nameFrom ?? null])).toEqual([
      ['(unknown service)', 1, 0, 0, null],
      ['(unknown service: java)', 2, 2, 2, null],
      ['db', 1, 0, 0, null],
    ]);
    expect(r.dependencyGraph!.nodes.map((n) => [n.service, n.spans]).sort()).toEqual([
      ['(unknown service)', 1],
      ['(unknown service: java)', 2],
      ['db', 1],
    ]);
    expect(r.dependencyGraph!.edges.map((e) => [e.from, e.to])).toEqual([['(unknown service: java)', 'db']]);
    const services = new Set(r.findings!.map((f) => f.service));
    expect(services.has('unknown_service:java')).toBe(false);
    expect(services.has('(unknown service: java)')).toBe(true);
  });

  it('names no service in signals.*.services, as a missing service.name does', () => {
    const r = sdkDefaultReport();
    expect(r.signals.traces.services).toEqual(['db']);
    expect(r.signals.logs.services).toEqual([]);
    expect(r.signals.metrics.services).toEqual([]);
  });

  it('fails S-SERVICE-IDENTITY, saying it is the SDK default and which process ran', () => {
    const r = sdkDefaultReport();
    const id = r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === '(unknown service: java)')!;
    expect([id.passed, id.evidence.examined, id.evidence.failing]).toEqual([false, 6, 6]);
    expect(id.message).toBe('6 of 6 records have no usable service.name (100 %). Their service.name is the OpenTelemetry SDK default `unknown_service:java`: service.name was not set in the `java` process. They are 6 of all 8 records read (75 %).');
    const plain = r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === '(unknown service)')!;
    expect(plain.message).toBe('1 of 1 records have no usable service.name (100 %). They are 1 of all 8 records read (13 %).');
  });
});

describe('a span tagged only with `component`', () => {
  it('names no service: component is the instrumentation library (Envoy writes component: proxy)', () => {
    // Envoy's Zipkin span without a localEndpoint service name (zipkin-lens-testdata/envoy.json)
    const zipkin = [
      { traceId: '978883983d506fa5', id: '978883983d506fa5', kind: 'SERVER', name: 'localhost:10000', timestamp: 1570523661059232, duration: 127115, localEndpoint: { ipv4: '169.254.65.45' }, tags: { component: 'proxy', 'http.method': 'GET' } },
      { traceId: '978883983d506fa5', id: '978883983d506fa6', parentId: '978883983d506fa5', kind: 'SERVER', name: 'get', timestamp: 1570523661059300, duration: 1000, localEndpoint: { ipv4: '169.254.65.46' }, tags: { component: 'net/http', app: 'shop' } },
    ];
    const r = analyseInputs([['envoy.json', JSON.stringify(zipkin)]]);
    // before: services 'proxy' (nameFrom component) and 'shop'; graph nodes proxy, shop
    expect(r.services!.map((s) => [s.name, s.records.spans, s.nameFrom ?? null])).toEqual([
      ['(unknown service)', 1, null],
      ['shop', 1, ['app']],
    ]);
    expect(r.signals.traces.services).toEqual(['shop']);
    expect(r.dependencyGraph!.nodes.map((n) => n.service).sort()).toEqual(['(unknown service)', 'shop']);
    expect((r.correlation as { mappings: { raw: string }[] }).mappings.map((m) => m.raw)).toEqual(['shop']);
  });
});

describe('log records and metric points named only by an attribute', () => {
  function report() {
    const logs = {
      resourceLogs: [
        // no resource service.name: each record named by its own `service` attribute
        { resource: { attributes: [attr('host.name', 'vm1')] }, scopeLogs: [{ logRecords: [log(1, 'charged', [attr('service', 'billing')]), log(2, 'charged again', [attr('service', 'billing')]), log(3, 'sent', [attr('service', 'mailer')]), log(4, 'no idea whose')] }] },
        // a resource pod name mapped to its workload
        { resource: { attributes: [attr('k8s.pod.name', 'web-7d4b9c8f6d-x2x9z')] }, scopeLogs: [{ logRecords: [log(5, 'GET /')] }] },
      ],
    };
    const metrics = {
      resourceMetrics: [
        { resource: { attributes: [] }, scopeMetrics: [{ metrics: [gauge('up', [{ ms: 0, v: 1, attributes: [attr('job', 'node'), attr('instance', 'a:9100')] }, { ms: 1000, v: 1, attributes: [attr('job', 'node'), attr('instance', 'a:9100')] }, { ms: 0, v: 1, attributes: [attr('instance', 'b:9100')] }])] }] },
      ],
    };
    return analyseInputs([
      ['l.json', JSON.stringify(logs)],
      ['m.json', JSON.stringify(metrics)],
    ]);
  }

  it('are filed under that name in the services, signals.*.services and the correlation alike', () => {
    const r = report();
    // before: services ['(unknown service)' 5 logs 3 points]; signals.logs/metrics.services []
    expect(r.services!.map((s) => [s.name, s.records.logs, s.records.points, s.nameFrom ?? null])).toEqual([
      ['(unknown service)', 1, 1, null],
      ['billing', 2, 0, ['service']],
      ['mailer', 1, 0, ['service']],
      ['node', 0, 2, ['job']],
      ['web', 1, 0, ['k8s.pod.name']],
    ]);
    expect(r.signals.logs.services).toEqual(['billing', 'mailer', 'web']);
    expect(r.signals.metrics.services).toEqual(['node']);
    const corr = (r.correlation as { services: { service: string; signals: string[] }[] }).services.map((s) => [s.service, s.signals]);
    expect(corr).toEqual([
      ['billing', ['logs']],
      ['mailer', ['logs']],
      ['node', ['metrics']],
      ['web', ['logs']],
    ]);
  });

  it('still fail S-SERVICE-IDENTITY, which says where the name came from', () => {
    const r = report();
    const id = r.findings!.find((f) => f.ruleId === 'S-SERVICE-IDENTITY' && f.service === 'node')!;
    expect([id.passed, id.evidence.examined, id.evidence.failing]).toEqual([false, 2, 2]);
    expect(id.message).toBe('2 of 2 records have no usable service.name (100 %). They are 2 of all 8 records read (25 %). Service from tag `job`: the records without one are filed under "node" by it, as the dependency graph and the correlation file them.');
  });
});
