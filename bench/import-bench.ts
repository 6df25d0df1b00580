// `npm run bench`: import throughput per format against a baseline measured in the same run
// (bare JSON.parse of the same lines for OTLP; bare line splitting for the text formats), and
// peak RSS of the analysing process. Inputs are generated at run time (seeded, realistic).
// Usage: npm run bench [-- --mb 500 --runs 3 --only otlp --keep --dir /tmp/obsready-bench]
// Every figure is the median of N rounds (default 3: one round on a machine with noisy neighbours
// can be off by a fifth either way) and each ratio shows its range (min–max).
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { formatById } from '../analyzers/importers/sniff.js';

const USAGE = `Usage: npm run bench [-- --mb 500 --runs 3 --only otlp|prom|csv|log --keep --dir DIR]
  --mb N     size of each generated input in MB (default 500)
  --runs N   rounds per input; figures are medians, ratios show their range (default 3)
  --only S   only the inputs whose file name contains S
  --keep     keep (and reuse) the generated inputs in DIR
  --dir DIR  where inputs are generated (default: the system's temporary folder)
`;
function args(): ReturnType<typeof parse> {
  try {
    return parse();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
function parse() {
  return parseArgs({ options: { mb: { type: 'string', default: '500' }, keep: { type: 'boolean' }, dir: { type: 'string' }, only: { type: 'string' }, runs: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } } });
}
const { values } = args();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!(Number(values.mb) > 0)) {
  process.stderr.write(`--mb must be a positive number of megabytes, not "${values.mb}"\n${USAGE}`);
  process.exit(2);
}
/** Rounds per input: each measures the baseline and then obsready, so a ratio never mixes two moments of a noisy machine. */
const rounds = Math.max(1, Math.floor(Number(values.runs)) || 1);
const targetBytes = Number(values.mb) * 1024 * 1024;
const dir = values.dir ?? join(tmpdir(), 'obsready-bench');
mkdirSync(dir, { recursive: true });
const cli = resolve(fileURLToPath(import.meta.url), '../../cli/obsready.js');

// --- seeded generators -------------------------------------------------------------------
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
const hex = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
};
const services = ['frontend', 'checkout', 'cart', 'payment', 'shipping', 'currency', 'email', 'recommendation'];
const routes = ['/api/cart', '/api/checkout', '/api/products/{id}', '/api/recommendations', '/health', '/api/currency/convert'];
const T0 = 1_764_000_000_000_000_000n;

function otlpLine(i: number): string {
  const service = pick(services);
  const traceId = hex(32);
  const spans: unknown[] = [];
  const n = 8 + Math.floor(rand() * 16);
  let parent = '';
  for (let s = 0; s < n; s++) {
    const spanId = hex(16);
    const start = T0 + BigInt(i) * 1_000_000_000n + BigInt(s * 1_000_000);
    const dur = BigInt(Math.floor(rand() * 50_000_000));
    const server = s === 0 || rand() < 0.3;
    spans.push({
      traceId,
      spanId,
      ...(parent ? { parentSpanId: parent } : {}),
      name: server ? `GET ${pick(routes)}` : `SELECT ${pick(['orders', 'carts', 'users'])}`,
      kind: server ? 2 : 3,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + dur),
      attributes: server
        ? [
            { key: 'http.request.method', value: { stringValue: 'GET' } },
            { key: 'url.path', value: { stringValue: pick(routes) } },
            { key: 'http.response.status_code', value: { intValue: String(rand() < 0.02 ? 500 : 200) } },
          ]
        : [
            { key: 'db.system.name', value: { stringValue: 'postgresql' } },
            { key: 'db.query.text', value: { stringValue: 'SELECT * FROM t WHERE id = ?' } },
          ],
      status: rand() < 0.02 ? { code: 2, message: 'internal error' } : {},
    });
    parent = spanId;
  }
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'service.instance.id', value: { stringValue: `${service}-${i % 3}` } }] },
        scopeSpans: [{ scope: { name: 'bench', version: '1.0.0' }, spans }],
      },
    ],
  }) + '\n';
}

function promBlock(i: number): string {
  let out = '';
  out += '# HELP http_requests_total Requests served.\n# TYPE http_requests_total counter\n';
  for (const s of services) for (const code of ['200', '404', '500']) out += `http_requests_total{service="${s}",code="${code}",method="GET"} ${Math.floor(rand() * 1e6)} ${1764000000000 + i * 15000}\n`;
  out += '# HELP request_duration_seconds Latency.\n# TYPE request_duration_seconds histogram\n';
  for (const s of services) {
    let c = 0;
    for (const le of ['0.005', '0.01', '0.05', '0.1', '0.5', '1', '+Inf']) {
      c += Math.floor(rand() * 100);
      out += `request_duration_seconds_bucket{service="${s}",le="${le}"} ${c}\n`;
    }
    out += `request_duration_seconds_sum{service="${s}"} ${(rand() * 1000).toFixed(3)}\nrequest_duration_seconds_count{service="${s}"} ${c}\n`;
  }
  return out;
}

function csvLine(i: number): string {
  const t = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return `${t},${(rand() * 100).toFixed(3)},${(rand() * 4096).toFixed(1)},${Math.floor(rand() * 1000)},${(rand() * 0.05).toFixed(5)},${(rand() * 2).toFixed(4)}\n`;
}

const levels = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const msgs = [
  (r: () => number) => `Received request ${hex(8)} from 10.0.${Math.floor(r() * 255)}.${Math.floor(r() * 255)} in ${Math.floor(r() * 900)} ms`,
  (r: () => number) => `Connection pool exhausted: ${Math.floor(r() * 64)} of 64 in use, waiting ${Math.floor(r() * 5000)}ms`,
  () => `Cache miss for key user:${hex(6)}`,
  (r: () => number) => `Order ${Math.floor(r() * 1e9)} shipped to region ${pick(['eu-west-1', 'us-east-1', 'ap-south-1'])}`,
  () => `Retrying upstream call to payment-service (attempt 2/3)`,
];
function textLine(i: number): string {
  const t = new Date(Date.UTC(2026, 0, 1) + i * 37).toISOString().replace('T', ' ').replace('Z', '');
  const lvl = pick(levels);
  let line = `${t} ${lvl.padEnd(5)} [${pick(services)}-worker-${Math.floor(rand() * 8)}] c.e.${pick(['OrderService', 'CartHandler', 'PaymentClient'])}: ${pick(msgs)(rand)}\n`;
  if (lvl === 'ERROR' && rand() < 0.3) line += 'java.lang.IllegalStateException: boom\n\tat com.example.A.b(A.java:42)\n\tat com.example.C.d(C.java:7)\n';
  return line;
}

async function generate(file: string, header: string, line: (i: number) => string, bytes: number): Promise<number> {
  seed = 42;
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  out.write(header);
  written += header.length;
  while (written < bytes) {
    let batch = '';
    while (batch.length < 1 << 20) batch += line(i++);
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return statSync(file).size;
}

// --- baselines (in this process, single core) ----------------------------------------------
async function baselineLines(file: string, parseJson: boolean): Promise<number> {
  const t = performance.now();
  let carry = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, encoding: 'utf8' }) as AsyncIterable<string>) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const l = text.slice(start, nl);
      if (parseJson) JSON.parse(l);
      n += l.length > 0 ? 1 : 0;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry && parseJson) JSON.parse(carry);
  return (performance.now() - t) / 1000;
}

/**
 * The import stage alone, one thread, in this process: the format's decoder turning the file into
 * records (nothing collects them). With the full run's ratio it shows what the analysis costs.
 */
async function importStage(file: string, format: string): Promise<{ seconds: number; records: number }> {
  let records = 0;
  const decoder = formatById(format)!.create({ file, sink: { record: () => void records++, error: () => undefined } });
  const t = performance.now();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) decoder.push(chunk);
  decoder.end();
  return { seconds: (performance.now() - t) / 1000, records };
}

function runCli(file: string, threads?: number): { seconds: number; rssMb: number; records: number } {
  const t = performance.now();
  const env = { ...process.env, OBSREADY_REPORT_RSS: '1', ...(threads !== undefined ? { OBSREADY_THREADS: String(threads) } : {}) };
  const r = spawnSync(process.execPath, [cli, 'analyze', file, '--no-progress', '--json', file + '.report.json'], { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`obsready failed (${r.status}): ${r.stderr}`);
  const rss = /maxRSS=(\d+)/.exec(r.stderr);
  const rec = /^\S+\s+\S+\s+\S+\s+[\d.]+ \S+\s+([\d,]+)/m.exec(r.stdout.split('\n').slice(2).join('\n'));
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, records: rec ? Number(rec[1]!.replace(/,/g, '')) : NaN };
}

const cases = [
  { name: 'OTLP JSON Lines', file: 'otlp.jsonl', header: '', line: otlpLine, json: true },
  { name: 'Prometheus text', file: 'metrics.prom', header: '', line: promBlock, json: false },
  { name: 'CSV (wide metrics)', file: 'metrics.csv', header: 'time,cpu_percent,memory_mb,requests,error_ratio,latency_seconds\n', line: csvLine, json: false },
  { name: 'text logs', file: 'app.log', header: '', line: textLine, json: false },
].filter((c) => !values.only || c.file.includes(values.only));
if (cases.length === 0) {
  process.stderr.write(`--only "${values.only}" matches none of the inputs (otlp.jsonl, metrics.prom, metrics.csv, app.log)\n`);
  process.exit(2);
}

console.log(`ObsReady import benchmark — inputs of ${values.mb} MB generated in ${dir}; ${process.version}, ${(await import('node:os')).cpus().length} cores; ${rounds} round${rounds > 1 ? 's (medians; ratio ranges in brackets; peak RSS is the highest)' : ''}\n`);
interface Sample {
  ratio: number;
  mbps: number;
  rssMb: number;
  records: number;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** Median ratio, and with several rounds its range. */
const ratioCell = (xs: Sample[]): string => `${median(xs.map((x) => x.ratio)).toFixed(2)}×${xs.length > 1 ? ` (${Math.min(...xs.map((x) => x.ratio)).toFixed(2)}–${Math.max(...xs.map((x) => x.ratio)).toFixed(2)})` : ''}`;
const mbpsCell = (xs: Sample[]): string => `${median(xs.map((x) => x.mbps)).toFixed(0)} MB/s`;
const rssCell = (xs: Sample[]): string => `${Math.max(...xs.map((x) => x.rssMb)).toFixed(0)} MB`;
const sample = (mb: number, base: number, r: { seconds: number; rssMb?: number; records: number }): Sample => ({ ratio: base / r.seconds, mbps: mb / r.seconds, rssMb: r.rssMb ?? NaN, records: r.records });

const rows: string[][] = [];
for (const c of cases) {
  const path = join(dir, c.file);
  const size = await generate(path, c.header, c.line, targetBytes);
  const mb = size / 1024 / 1024;
  const baseMbps: number[] = [];
  const full: Sample[] = [];
  const imp: Sample[] = [];
  const one: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    const base = await baselineLines(path, c.json);
    baseMbps.push(mb / base);
    full.push(sample(mb, base, runCli(path)));
    if (c.json) {
      // Where the time goes: the import stage alone (one thread), and the whole analysis on one thread.
      imp.push(sample(mb, base, await importStage(path, 'otlp-json')));
      one.push(sample(mb, base, runCli(path, 1)));
    }
  }
  rows.push([c.name, `${mb.toFixed(0)} MB`, full[0]!.records.toLocaleString('en-US'), `${median(baseMbps).toFixed(0)} MB/s`, c.json ? 'JSON.parse, 1 core' : 'line split, 1 core', mbpsCell(full), ratioCell(full), rssCell(full)]);
  if (c.json) {
    rows.push([`  import stage only, 1 thread`, '', imp[0]!.records.toLocaleString('en-US'), '', '', mbpsCell(imp), ratioCell(imp), '']);
    rows.push([`  obsready analyze, 1 thread`, '', one[0]!.records.toLocaleString('en-US'), '', '', mbpsCell(one), ratioCell(one), rssCell(one)]);
    // Flatness of memory: the same input at half size.
    const half = join(dir, 'otlp-half.jsonl');
    await generate(half, '', c.line, targetBytes / 2);
    const halfMb = statSync(half).size / 1024 / 1024;
    const h: Sample[] = [];
    for (let r = 0; r < rounds; r++) h.push(sample(halfMb, NaN, runCli(half)));
    rows.push([`${c.name} (half size)`, `${halfMb.toFixed(0)} MB`, h[0]!.records.toLocaleString('en-US'), '', '', mbpsCell(h), '', rssCell(h)]);
    if (!values.keep) rmSync(half, { force: true });
  }
  if (!values.keep) rmSync(path, { force: true });
  rmSync(path + '.report.json', { force: true });
}
const headers = ['format', 'input', 'records', 'baseline', 'baseline is', 'obsready', 'ratio', 'peak RSS'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
console.log(headers.map((h, i) => h.padEnd(widths[i]!)).join('  '));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log('\nratio = obsready analyze throughput ÷ baseline throughput, both measured in this run (targets: OTLP ≥ 1.2× with worker threads; peak RSS ≤ 400 MB and flat as input grows).');
console.log('OTLP sub-rows: the import stage alone (decoder → records, nothing collected) and the whole analysis on one thread; the first row uses every core.');
