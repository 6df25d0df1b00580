// A generated OTLP JSON Lines trace export with known counts (detail-sampling tests).
import { mulberry32 } from './prng.js';

export const GEN_SERVICES = ['cart', 'checkout', 'frontend', 'payment', 'shipping'];

const rng = mulberry32;

const hex = (r: () => number, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');

export interface Generated {
  text: string;
  spans: number;
  /** Spans per trace id. */
  perTrace: Map<string, number>;
  /** Error spans per service. */
  errors: Map<string, number>;
  brokenLines: number;
}

/**
 * OTLP JSON Lines: `traces` traces of 1–12 spans each; the spans of a trace are spread over
 * several lines (a line holds one span of each of up to 8 traces), under 5 services, some with
 * ERROR status; every 500th line is broken JSON.
 */
export function generateOtlpTraces(traces: number, seed = 7): Generated {
  const r = rng(seed);
  const open: { id: string; left: number; root: string }[] = [];
  const perTrace = new Map<string, number>();
  const errors = new Map<string, number>();
  const lines: string[] = [];
  let spans = 0;
  let made = 0;
  let brokenLines = 0;
  let t0 = 1_700_000_000_000_000_000n;
  while (made < traces || open.length > 0) {
    while (open.length < 8 && made < traces) {
      const id = hex(r, 32);
      open.push({ id, left: 1 + Math.floor(r() * 12), root: '' });
      perTrace.set(id, 0);
      made++;
    }
    const bySvc = new Map<string, unknown[]>();
    for (const t of open) {
      const svc = GEN_SERVICES[Math.floor(r() * GEN_SERVICES.length)]!;
      const spanId = hex(r, 16);
      const err = r() < 0.05;
      if (err) errors.set(svc, (errors.get(svc) ?? 0) + 1);
      t0 += 1_000_000n;
      const span: Record<string, unknown> = { traceId: t.id, spanId, name: `op-${Math.floor(r() * 20)}`, kind: 1 + Math.floor(r() * 3), startTimeUnixNano: String(t0), endTimeUnixNano: String(t0 + BigInt(Math.floor(r() * 9e6))), attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }], status: err ? { code: 2 } : {} };
      if (t.root) span.parentSpanId = t.root;
      else t.root = spanId;
      (bySvc.get(svc) ?? bySvc.set(svc, []).get(svc)!).push(span);
      perTrace.set(t.id, perTrace.get(t.id)! + 1);
      spans++;
      t.left--;
    }
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.left === 0) open.splice(i, 1);
    const resourceSpans = [...bySvc].map(([svc, s]) => ({ resource: { attributes: [{ key: 'service.name', value: { stringValue: svc } }] }, scopeSpans: [{ scope: { name: 'gen' }, spans: s }] }));
    lines.push(JSON.stringify({ resourceSpans }));
    if (lines.length % 500 === 0) {
      lines.push('{"resourceSpans": [ broken');
      brokenLines++;
    }
  }
  return { text: lines.join('\n') + '\n', spans, perTrace, errors, brokenLines };
}

