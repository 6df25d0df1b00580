// "Try the demo data": a small simulated shop (frontend → checkout → payment, inventory, db)
// written as real export files (OTLP JSON traces and logs, Prometheus text metrics, a text log
// without trace context), deterministic from a seed so every run gives the same report. They go
// through the same importers and scoring as the user's own files.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(r: () => number, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) out += Math.floor(r() * 256).toString(16).padStart(2, '0');
  return out;
}

const START_NS = 1_700_000_000_000_000_000n;
const CALLS: Record<string, string[]> = { frontend: ['checkout', 'inventory'], checkout: ['payment', 'postgres'], inventory: ['postgres'], payment: [], postgres: [] };
const ROUTES: Record<string, string> = { frontend: 'GET /cart', checkout: 'POST /checkout', inventory: 'GET /stock', payment: 'POST /charge', postgres: 'SELECT orders' };

interface DemoSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  error: boolean;
}

export function generateDemoFiles(seed = 7, traces = 240): File[] {
  const r = rng(seed);
  const spans: DemoSpan[] = [];
  const logs: { service: string; timeNs: bigint; severity: string; body: string; traceId: string; spanId: string }[] = [];
  const visit = (service: string, traceId: string, parent: string, startNs: bigint, incident: boolean): bigint => {
    const spanId = hex(r, 8);
    const slow = incident && service === 'payment';
    let t = startNs + BigInt(Math.floor(200_000 + r() * 400_000));
    for (const callee of CALLS[service] ?? []) t = visit(callee, traceId, spanId, t, incident) + 100_000n;
    const own = BigInt(Math.floor((slow ? 900 : 8) * 1e6 * (0.5 + r())));
    const endNs = t + own;
    const error = slow ? r() < 0.4 : r() < 0.01;
    spans.push({ service, traceId, spanId, parentSpanId: parent, name: ROUTES[service]!, kind: service === 'postgres' ? 3 : 2, startNs, endNs, error });
    logs.push({ service, timeNs: endNs, severity: error ? 'ERROR' : 'INFO', body: error ? `${ROUTES[service]} failed: upstream timeout after ${Number(own / 1_000_000n)} ms` : `${ROUTES[service]} handled in ${Number(own / 1_000_000n)} ms`, traceId, spanId });
    return endNs;
  };
  for (let i = 0; i < traces; i++) {
    const start = START_NS + BigInt(i) * 5_000_000_000n;
    visit('frontend', hex(r, 16), '', start, i >= traces * 0.6 && i < traces * 0.7);
  }
  const attr = (k: string, v: string) => ({ key: k, value: { stringValue: v } });
  const byService = (names: string[], fn: (s: string) => unknown) => names.map(fn);
  const services = Object.keys(CALLS);
  const traceDoc = {
    resourceSpans: byService(services, (s) => ({
      resource: { attributes: [attr('service.name', s), attr('deployment.environment', 'demo')] },
      scopeSpans: [
        {
          scope: { name: 'demo-shop' },
          spans: spans
            .filter((x) => x.service === s)
            .map((x) => ({
              traceId: x.traceId,
              spanId: x.spanId,
              ...(x.parentSpanId ? { parentSpanId: x.parentSpanId } : {}),
              name: x.name,
              kind: x.kind,
              startTimeUnixNano: String(x.startNs),
              endTimeUnixNano: String(x.endNs),
              attributes: x.kind === 3 ? [attr('db.system', 'postgresql'), attr('db.operation', 'SELECT')] : [attr('http.request.method', x.name.split(' ')[0]!), attr('http.route', x.name.split(' ')[1]!)],
              status: x.error ? { code: 2, message: 'timeout' } : { code: 0 },
            })),
        },
      ],
    })),
  };
  // checkout and payment log as OTLP with trace context; frontend writes free text without it.
  const otlpLogServices = ['checkout', 'payment', 'inventory'];
  const logDoc = {
    resourceLogs: byService(otlpLogServices, (s) => ({
      resource: { attributes: [attr('service.name', s)] },
      scopeLogs: [
        {
          scope: { name: 'demo-shop' },
          logRecords: logs
            .filter((l) => l.service === s)
            .map((l) => ({ timeUnixNano: String(l.timeNs), severityText: l.severity, severityNumber: l.severity === 'ERROR' ? 17 : 9, body: { stringValue: l.body }, traceId: l.traceId, spanId: l.spanId })),
        },
      ],
    })),
  };
  const textLog = logs
    .filter((l) => l.service === 'frontend')
    .map((l) => `${new Date(Number(l.timeNs / 1_000_000n)).toISOString()} ${l.severity === 'ERROR' ? 'ERROR' : 'INFO '} [frontend] ${l.body}`)
    .join('\n');
  const metrics: string[] = ['# HELP http_server_requests_total Requests handled.', '# TYPE http_server_requests_total counter'];
  const lat: string[] = ['# HELP http_server_duration_seconds Mean request duration.', '# TYPE http_server_duration_seconds gauge'];
  for (const s of services) {
    const mine = spans.filter((x) => x.service === s);
    const mean = mine.reduce((a, x) => a + Number(x.endNs - x.startNs), 0) / Math.max(mine.length, 1) / 1e9;
    metrics.push(`http_server_requests_total{service="${s}"} ${mine.length}`);
    lat.push(`http_server_duration_seconds{service="${s}"} ${mean.toFixed(6)}`);
  }
  return [
    new File([JSON.stringify(traceDoc)], 'traces.otlp.json', { type: 'application/json' }),
    new File([JSON.stringify(logDoc)], 'logs.otlp.json', { type: 'application/json' }),
    new File([textLog + '\n'], 'frontend.log', { type: 'text/plain' }),
    new File([[...metrics, ...lat].join('\n') + '\n'], 'metrics.prom', { type: 'text/plain' }),
  ];
}
