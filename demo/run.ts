// `npm run demo`: simulate the shop in two variants, export its telemetry with the OpenTelemetry
// OTLP JSON serialisers, analyse each export through the same pipeline as `obsready analyze`
// (importers → collectors → scoring/correlation → report) with the injected faults as labelled
// incidents, write report.json/html (and PDF when a Chromium is available), print a comparison.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JsonLogsSerializer, JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { Analysis } from '../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256, expandPaths } from '../analyzers/node/read-inputs.js';
import { parseIncidents } from '../analyzers/analysis/incidents.js';
import { writeOutputs } from '../analyzers/cli/outputs.js';
import type { Report } from '../analyzers/report/model.js';
import { TOOL_VERSION } from '../analyzers/version.js';
import { simulate, type Variant } from './system.js';

export const DEMO_SEED = 20240501;
export const DEMO_START_MS = Date.UTC(2024, 4, 1, 9, 0, 0);

interface Exemplar {
  ms: number;
  value: number;
  traceId: string;
  spanId: string;
  service: string;
  route: string;
}

/** Attach exemplars (slowest request per service/route/interval) to the duration histogram points. */
function addExemplars(line: string, exemplars: Exemplar[]): string {
  const req = JSON.parse(line) as { resourceMetrics: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeMetrics: { metrics: { name: string; histogram?: { dataPoints: Record<string, unknown>[] } }[] }[] }[] };
  for (const rm of req.resourceMetrics) {
    const service = rm.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
    for (const sm of rm.scopeMetrics) {
      for (const m of sm.metrics) {
        if (m.name !== 'http.server.request.duration' || !m.histogram) continue;
        for (const dp of m.histogram.dataPoints) {
          const route = (dp['attributes'] as { key: string; value: { stringValue?: string } }[]).find((a) => a.key === 'http.route')?.value.stringValue;
          const from = Number(BigInt(String(dp['startTimeUnixNano'])) / 1_000_000n);
          const to = Number(BigInt(String(dp['timeUnixNano'])) / 1_000_000n);
          const ex = exemplars.filter((e) => e.service === service && e.route === route && e.ms >= from && e.ms < to).slice(0, 1);
          if (ex.length) dp['exemplars'] = ex.map((e) => ({ timeUnixNano: String(BigInt(Math.round(e.ms * 1000)) * 1000n), asDouble: e.value, traceId: e.traceId, spanId: e.spanId }));
        }
      }
    }
  }
  return JSON.stringify(req);
}

export interface VariantResult {
  variant: Variant;
  dir: string;
  report: Report;
  files: string[];
  spans: number;
  logs: number;
  metricRequests: number;
}

export async function runVariant(variant: Variant, outDir: string, opts: { minutes?: number; rate?: number; pdf?: boolean } = {}): Promise<VariantResult> {
  const dir = path.join(outDir, variant);
  rmSync(dir, { recursive: true, force: true });
  const telemetryDir = path.join(dir, 'telemetry');
  mkdirSync(telemetryDir, { recursive: true });
  const t = await simulate({ seed: DEMO_SEED, variant, minutes: opts.minutes ?? 40, rate: opts.rate ?? 3, startMs: DEMO_START_MS });
  const dec = new TextDecoder();
  const files: string[] = [];
  const write = (name: string, text: string) => {
    writeFileSync(path.join(telemetryDir, name), text);
    files.push(name);
  };
  write('traces.otlp.json', dec.decode(JsonTraceSerializer.serializeRequest(t.spans)));
  const exemplars = ((t as unknown as { exemplars?: Exemplar[] }).exemplars ?? []) as Exemplar[];
  const metricLines = t.metrics.map((rm) => {
    const line = dec.decode(JsonMetricsSerializer.serializeRequest(rm));
    return variant === 'well-instrumented' ? addExemplars(line, exemplars) : line;
  });
  write('metrics.otlp.jsonl', metricLines.join('\n') + '\n');
  if (variant === 'well-instrumented') write('logs.otlp.json', dec.decode(JsonLogsSerializer.serializeRequest(t.logs)));
  else write('app.log', t.textLogs.join('\n') + '\n');
  const incidentsFile = path.join(dir, 'incidents.json');
  writeFileSync(incidentsFile, JSON.stringify(t.incidents, null, 2) + '\n');

  const { incidents } = parseIncidents(JSON.stringify(t.incidents));
  const analysis = new Analysis({ toolVersion: TOOL_VERSION, createHasher: createNodeSha256, incidents });
  const { files: inputs } = await expandPaths([telemetryDir]);
  for (const f of inputs) await analyzeFile(analysis, f);
  // Fixed so the same seed gives the same report bytes.
  const report = analysis.finish(new Date(DEMO_START_MS).toISOString());
  await writeOutputs(report, { json: path.join(dir, 'report.json'), html: path.join(dir, 'report.html') });
  if (opts.pdf) {
    try {
      await writeOutputs(report, { pdf: path.join(dir, 'report.pdf') });
    } catch (e) {
      console.log(`  (no PDF for ${variant}: ${(e as Error).message.split('\n')[0]})`);
    }
  }
  return { variant, dir, report, files, spans: t.spans.length, logs: t.logs.length + t.textLogs.length, metricRequests: t.metrics.length };
}

const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

export function formatComparison(results: VariantResult[]): string {
  const rows: [string, ...string[]][] = [
    ['', ...results.map((r) => r.variant)],
    ['verdict', ...results.map((r) => r.report.verdict ?? 'n/a')],
    ['overall score', ...results.map((r) => fmt(r.report.score))],
    ['structure', ...results.map((r) => fmt(r.report.dimensions?.structure.score))],
    ['noise', ...results.map((r) => fmt(r.report.dimensions?.noise.score))],
    ['correlation', ...results.map((r) => fmt(r.report.dimensions?.correlation.score))],
    ['logs with trace id', ...results.map((r) => (r.report.correlation ? `${fmt((100 * r.report.correlation.logs.withTraceId) / Math.max(1, r.report.correlation.logs.records), 0)} %` : 'n/a'))],
    ['graph edges', ...results.map((r) => String(r.report.dependencyGraph?.edges.length ?? 0))],
    ['RCA AC@1 / AC@3', ...results.map((r) => `${fmt(r.report.rca?.ac1, 2)} / ${fmt(r.report.rca?.ac3, 2)}`)],
    ['RCA Avg@5 (lift)', ...results.map((r) => `${fmt(r.report.rca?.avg5, 2)} (${fmt(r.report.rca?.lift, 1)}×)`)],
    ['BARO Avg@5', ...results.map((r) => fmt(r.report.rca?.baseline.avg5, 2))],
  ];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('   ')).join('\n') + '\n';
}

async function main(): Promise<void> {
  const started = Date.now();
  const outDir = path.resolve(process.argv[2] ?? 'demo-output');
  const results: VariantResult[] = [];
  for (const v of ['well-instrumented', 'typical'] as const) {
    const r = await runVariant(v, outDir, { pdf: !process.argv.includes('--no-pdf') });
    console.log(`${v}: ${r.spans} spans, ${r.logs} logs, ${r.metricRequests} metric exports → ${path.relative(process.cwd(), r.dir)}/{${r.files.join(',')}}, report.json, report.html`);
    results.push(r);
  }
  console.log('\n' + formatComparison(results));
  for (const r of results) {
    for (const c of r.report.rca?.cases ?? []) console.log(`${r.variant.padEnd(18)} ${c.id.padEnd(20)} true ${c.trueService.padEnd(10)} ranked ${c.rankOfTrue ?? '–'}  top: ${c.ranking.slice(0, 3).map((x) => x.service).join(', ')}`);
  }
  const html = path.resolve(outDir, 'well-instrumented', 'report.html');
  const shown = path.relative(process.cwd(), html);
  // Relative when it is under the working directory (demo-output/…), else the absolute path.
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Open ${shown.startsWith('..') || path.isAbsolute(shown) ? html : shown}.`);
}

if (process.argv[1] && /demo[\\/]run\.(ts|js)$|demo\.js$/.test(process.argv[1])) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
