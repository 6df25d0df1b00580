// A simulated shop (frontend, gateway, catalog, checkout, payment, inventory, shipping worker,
// a PostgreSQL database and a Kafka queue) instrumented with the real OpenTelemetry JS SDK
// (TracerProvider, LoggerProvider, MeterProvider) under a simulated clock and a seeded PRNG, so
// the same seed gives byte-identical telemetry. Faults (latency, errors, resource saturation)
// are injected at known times and returned as incident labels.
//
// Two variants of the same system:
// - well-instrumented: OTLP logs with trace context and severity, semantic-convention attributes
//   (peer/db/messaging on client spans, span status on errors), units, exemplars, 15 s metrics;
// - typical: free-text logs without trace context, service names that differ per signal (pod
//   names in logs, `…service` in metrics), no span status, no peer attributes, a request-id
//   metric label (high cardinality), no units, 60 s metrics.
import { context, trace, SpanKind, SpanStatusCode, type Context, type HrTime, type Span as ApiSpan } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type IdGenerator, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { createPrng, type Prng } from './prng.js';

export type Variant = 'well-instrumented' | 'typical';

export interface DemoIncident {
  id: string;
  start: string;
  end: string;
  service: string;
  fault: 'latency' | 'errors' | 'saturation';
}

export interface DemoTelemetry {
  spans: ReadableSpan[];
  logs: ReadableLogRecord[];
  /** Free-text log lines (typical variant), one string per line. */
  textLogs: string[];
  metrics: ResourceMetrics[];
  incidents: DemoIncident[];
}

export interface DemoOptions {
  seed: number;
  variant: Variant;
  /** Simulated minutes. */
  minutes: number;
  /** Requests per simulated second. */
  rate: number;
  /** Simulated start (unix ms). */
  startMs: number;
}

const SERVICES = ['frontend', 'gateway', 'catalog', 'checkout', 'payment', 'inventory', 'shipping'] as const;
type Service = (typeof SERVICES)[number];

const POD_HASH: Record<Service, string> = {
  frontend: '7d9c8b6f5d-x2kzq',
  gateway: '5f7b9c6d48-p4wtm',
  catalog: '6b8f7d9c5b-k7vxs',
  checkout: '84c9d7f6b9-m2rtn',
  payment: '5d6f8b7c9d-q9wzl',
  inventory: '7c9b8d6f4f-h5gbn',
  shipping: '69f8c7b5d4-t8kjc',
};

class SeededIds implements IdGenerator {
  constructor(private readonly prng: Prng) {}
  generateTraceId(): string {
    return this.prng.hex(32);
  }
  generateSpanId(): string {
    return this.prng.hex(16);
  }
}

/** A reader the demo drives by hand at simulated interval ends (delta temporality). */
class ManualReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const hr = (ms: number): HrTime => {
  const whole = Math.floor(ms);
  const s = Math.floor(whole / 1000);
  return [s, (whole - s * 1000) * 1_000_000 + Math.round((ms - whole) * 1_000_000)];
};

interface Fault {
  service: Service;
  kind: DemoIncident['fault'];
  startMin: number;
  endMin: number;
}

const FAULTS: Fault[] = [
  { service: 'inventory', kind: 'latency', startMin: 12, endMin: 16 },
  { service: 'payment', kind: 'errors', startMin: 22, endMin: 26 },
  { service: 'catalog', kind: 'saturation', startMin: 32, endMin: 36 },
];

interface Instruments {
  duration: ReturnType<ReturnType<MeterProvider['getMeter']>['createHistogram']>;
  requests: ReturnType<ReturnType<MeterProvider['getMeter']>['createCounter']>;
  cpu: ReturnType<ReturnType<MeterProvider['getMeter']>['createGauge']>;
}

export async function simulate(o: DemoOptions): Promise<DemoTelemetry> {
  const prng = createPrng(o.seed);
  const idPrng = createPrng(o.seed ^ 0x5eed);
  const good = o.variant === 'well-instrumented';
  const spanExporter = new InMemorySpanExporter();
  const logExporter = new InMemoryLogRecordExporter();
  const ids = new SeededIds(idPrng);
  const tracers = new Map<Service, ReturnType<TracerProvider['getTracer']>>();
  const loggers = new Map<Service, ReturnType<LoggerProvider['getLogger']>>();
  const instruments = new Map<Service, Instruments>();
  const readers: ManualReader[] = [];
  const providers: { shutdown(): Promise<void> }[] = [];
  for (const s of SERVICES) {
    const attrs: Record<string, string> = { 'service.name': s, 'service.namespace': 'shop', 'service.version': '1.4.2', 'deployment.environment.name': 'demo', 'service.instance.id': `${s}-${POD_HASH[s]}` };
    if (good) attrs['k8s.pod.name'] = `${s}-${POD_HASH[s]}`;
    const tp = new TracerProvider({ resource: resourceFromAttributes(good ? attrs : { 'service.name': s }), idGenerator: ids, spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })] });
    tracers.set(s, tp.getTracer('shop-demo', '1.0.0'));
    providers.push(tp);
    if (good) {
      const lp = new LoggerProvider({ resource: resourceFromAttributes(attrs), processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
      loggers.set(s, lp.getLogger('shop-demo', '1.0.0'));
      providers.push(lp);
    }
    const reader = new ManualReader();
    readers.push(reader);
    // Typical: the metrics pipeline names services its own way (`frontendservice`).
    const mp = new MeterProvider({ resource: resourceFromAttributes(good ? attrs : { 'service.name': `${s}service` }), readers: [reader] });
    providers.push(mp);
    const meter = mp.getMeter('shop-demo', '1.0.0');
    instruments.set(s, {
      duration: meter.createHistogram(good ? 'http.server.request.duration' : 'request_latency', good ? { unit: 's', description: 'Duration of HTTP server requests', advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] } } : {}),
      requests: meter.createCounter(good ? 'http.server.requests' : 'requests', good ? { unit: '{request}' } : {}),
      cpu: meter.createGauge(good ? 'process.cpu.utilization' : 'cpu', good ? { unit: '1' } : {}),
    });
  }

  const intervalMs = good ? 15_000 : 60_000;
  const textLogs: string[] = [];
  const metrics: ResourceMetrics[] = [];
  const exemplarCandidates = new Map<string, { ms: number; value: number; traceId: string; spanId: string; service: string; route: string }>();
  const faultAt = (s: Service, ms: number): Fault | undefined => {
    const min = (ms - o.startMs) / 60_000;
    return FAULTS.find((f) => f.service === s && min >= f.startMin && min < f.endMin);
  };
  const busy = new Map<Service, number>();

  const log = (s: Service, ms: number, severity: 'INFO' | 'WARN' | 'ERROR', body: string, ctx: Context, attrs: Record<string, string | number> = {}) => {
    if (good) {
      const sev = severity === 'ERROR' ? SeverityNumber.ERROR : severity === 'WARN' ? SeverityNumber.WARN : SeverityNumber.INFO;
      loggers.get(s)!.emit({ timestamp: hr(ms), observedTimestamp: hr(ms + 1), severityNumber: sev, severityText: severity, body, attributes: attrs, context: ctx });
    } else {
      // A typical Java/Node app log line: local format, pod name, no trace context.
      const t = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
      textLogs.push(`${t} ${severity.padEnd(5)} [${s}-${POD_HASH[s]}] ${body}${Object.keys(attrs).length ? ' ' + Object.entries(attrs).map(([k, v]) => `${k}=${v}`).join(' ') : ''}`);
    }
  };

  /** One operation in a service: server span, own work, calls; returns its end time and error. */
  const serve = (s: Service, route: string, startMs: number, parent: Context, requestId: string, kind: SpanKind = SpanKind.SERVER): { endMs: number; error: boolean } => {
    const tracer = tracers.get(s)!;
    const attrs: Record<string, string | number> = good ? { 'http.request.method': 'GET', 'http.route': route, 'url.path': route, 'url.scheme': 'http' } : { path: route };
    const span = tracer.startSpan(kind === SpanKind.CONSUMER ? 'process orders' : `GET ${route}`, { kind, startTime: hr(startMs), attributes: kind === SpanKind.CONSUMER && good ? { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders', 'messaging.operation.type': 'process' } : attrs }, parent);
    const ctx = trace.setSpan(parent, span);
    const fault = faultAt(s, startMs);
    let t = startMs + work(s, fault, startMs);
    let error = false;
    const call = (callee: Service, r: string) => {
      const net = 0.4 + prng.next() * 0.6;
      const client = tracer.startSpan(`GET ${r}`, { kind: SpanKind.CLIENT, startTime: hr(t), attributes: good ? { 'http.request.method': 'GET', 'server.address': callee, 'server.port': 8080, 'url.full': `http://${callee}:8080${r}`, 'peer.service': callee } : {} }, ctx);
      const res = serve(callee, r, t + net / 2, trace.setSpan(ctx, client), requestId);
      const end = res.endMs + net / 2;
      if (res.error) {
        if (good) client.setStatus({ code: SpanStatusCode.ERROR, message: 'HTTP 500' });
        if (good) client.setAttribute('http.response.status_code', 500);
        error = true;
      }
      client.end(hr(end));
      t = end;
    };
    const db = (statement: string) => {
      const d = 1.5 + prng.exp(2) + (fault?.kind === 'saturation' && s === 'catalog' ? prng.exp(30) : 0);
      const c = tracer.startSpan(good ? `SELECT shop.${statement}` : 'query', { kind: SpanKind.CLIENT, startTime: hr(t), attributes: good ? { 'db.system.name': 'postgresql', 'db.namespace': 'shop', 'db.collection.name': statement, 'server.address': 'postgres', 'server.port': 5432, 'db.operation.name': 'SELECT' } : {} }, ctx);
      t += d;
      c.end(hr(t));
    };
    switch (s) {
      case 'frontend':
        call('gateway', route);
        break;
      case 'gateway':
        if (route === '/checkout') call('checkout', '/orders');
        else call('catalog', '/products');
        break;
      case 'catalog':
        db('products');
        break;
      case 'checkout': {
        call('inventory', '/reserve');
        call('payment', '/charge');
        if (!error) {
          const p = tracer.startSpan('orders publish', { kind: SpanKind.PRODUCER, startTime: hr(t), attributes: good ? { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders', 'messaging.operation.type': 'send', 'server.address': 'kafka' } : {} }, ctx);
          const pubEnd = t + 0.8 + prng.exp(0.5);
          p.end(hr(pubEnd));
          // Typical: context is not propagated through the queue, the consumer starts a new trace.
          const consumerParent = good ? trace.setSpan(ctx, p) : context.active();
          serve('shipping', '/orders', pubEnd + 5 + prng.exp(20), consumerParent, requestId, SpanKind.CONSUMER);
          t = pubEnd;
        }
        break;
      }
      case 'inventory':
        db('stock');
        break;
      case 'payment':
        if (fault?.kind === 'errors' && prng.next() < 0.45) error = true;
        break;
      case 'shipping':
        break;
    }
    const endMs = t + 0.3;
    if (error) {
      if (good) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: s === 'payment' ? 'card processor timeout' : 'upstream call failed' });
        span.setAttribute('http.response.status_code', 500);
      }
      log(s, endMs, 'ERROR', s === 'payment' ? 'charge failed: card processor timeout after retries' : `request ${route} failed: upstream returned 500`, ctx, good ? { 'http.route': route } : { request_id: requestId });
    } else if (prng.next() < 0.15) {
      log(s, endMs, 'INFO', `handled ${route} in ${(endMs - startMs).toFixed(1)} ms`, ctx, good ? { 'http.route': route } : { request_id: requestId });
    }
    span.end(hr(endMs));
    const durS = (endMs - startMs) / 1000;
    const inst = instruments.get(s)!;
    const mAttrs: Record<string, string | number> = good ? { 'http.route': route, 'http.response.status_code': error ? 500 : 200 } : { path: route, request_id: requestId };
    inst.duration.record(durS, mAttrs);
    inst.requests.add(1, mAttrs);
    busy.set(s, (busy.get(s) ?? 0) + (endMs - startMs));
    if (good) {
      // The slowest request per service, route and export interval becomes that point's exemplar.
      const key = `${s}|${route}|${Math.floor((endMs - o.startMs) / intervalMs)}`;
      const cur = exemplarCandidates.get(key);
      const sc = span.spanContext();
      if (!cur || durS > cur.value) exemplarCandidates.set(key, { ms: endMs, value: durS, traceId: sc.traceId, spanId: sc.spanId, service: s, route });
    }
    return { endMs, error };
  };

  /** Own processing time of a service for one request (ms). */
  function work(s: Service, fault: Fault | undefined, _ms: number): number {
    const base: Record<Service, number> = { frontend: 3, gateway: 1.5, catalog: 4, checkout: 6, payment: 12, inventory: 5, shipping: 8 };
    let w = base[s] * (0.7 + prng.next() * 0.6) + prng.exp(base[s] * 0.2);
    if (fault?.kind === 'latency') w += 250 + prng.exp(100);
    if (fault?.kind === 'saturation') w = w * 4 + prng.exp(60);
    return w;
  }

  const totalMs = o.minutes * 60_000;
  let nextCollect = o.startMs + intervalMs;
  let seq = 0;
  const collect = async (untilMs: number) => {
    // CPU utilisation per service over the interval: busy time share plus background, saturated
    // when a saturation fault runs.
    for (const s of SERVICES) {
      const f = FAULTS.find((x) => x.service === s && x.kind === 'saturation' && (untilMs - intervalMs / 2 - o.startMs) / 60_000 >= x.startMin && (untilMs - intervalMs / 2 - o.startMs) / 60_000 < x.endMin);
      const util = f ? 0.95 + prng.next() * 0.04 : Math.min(0.9, 0.08 + (busy.get(s) ?? 0) / intervalMs / 4 + prng.next() * 0.03);
      instruments.get(s)!.cpu.record(util, good ? { 'cpu.mode': 'user' } : {});
      busy.set(s, 0);
    }
    for (const r of readers) {
      const { resourceMetrics } = await r.collect();
      // The SDK stamps points with the wall clock; the demo runs on simulated time.
      for (const sm of resourceMetrics.scopeMetrics) {
        for (const m of sm.metrics) {
          for (const dp of m.dataPoints as { startTime: HrTime; endTime: HrTime }[]) {
            dp.startTime = hr(untilMs - intervalMs);
            dp.endTime = hr(untilMs);
          }
        }
      }
      metrics.push(resourceMetrics);
    }
    seq++;
  };
  const requests = Math.round((totalMs / 1000) * o.rate);
  for (let i = 0; i < requests; i++) {
    const ms = o.startMs + (i / requests) * totalMs + prng.next() * (1000 / o.rate);
    while (ms >= nextCollect) {
      await collect(nextCollect);
      nextCollect += intervalMs;
    }
    const route = prng.next() < 0.35 ? '/checkout' : '/products';
    serve('frontend', route, ms, context.active(), `req-${prng.hex(12)}`);
  }
  await collect(nextCollect);
  void seq;

  const spans = spanExporter.getFinishedSpans().slice();
  const logs = logExporter.getFinishedLogRecords().slice();
  for (const p of providers) await p.shutdown().catch(() => undefined);
  const incidents: DemoIncident[] = FAULTS.map((f, i) => ({
    id: `demo-${i + 1}-${f.kind}`,
    start: new Date(o.startMs + f.startMin * 60_000).toISOString(),
    end: new Date(o.startMs + f.endMin * 60_000).toISOString(),
    service: f.service,
    fault: f.kind,
  }));
  return { spans, logs, textLogs, metrics, incidents, ...(good ? { exemplars: [...exemplarCandidates.values()] } : {}) } as DemoTelemetry & { exemplars?: unknown };
}

export { SERVICES, FAULTS };
