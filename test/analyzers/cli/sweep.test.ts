// Sweep: the CLI over the whole shared sample folder (and each top-level folder on its own), as a
// new user would run it. No crash, bounded time, every file gets a format or a coded error, and
// each file's detected format is the one its folder holds — a table of expectations by path,
// first match wins. This is where mis-sniffs show up (a broken exposition read as text logs, a
// 100k-deep JSON document read as a log line, …).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, DATA, REPO } from '../../helpers/paths.js';
import { FORMATS } from '../../../analyzers/importers/registry.js';

const RUN_TIMEOUT_MS = 180_000;
const FORMAT_IDS = FORMATS.map((f) => f.id as string);
const CODES = (() => {
  const src = readFileSync(join(REPO, 'analyzers/importers/types.ts'), 'utf8');
  const codes = new Set<string>();
  for (const line of src.slice(src.indexOf('export type ImportErrorCode =')).split('\n').slice(1)) {
    const m = /^\s*\|\s*'([a-z0-9-]+)'/.exec(line);
    if (!m) break;
    codes.add(m[1]!);
  }
  return codes;
})();

interface InputReport {
  path: string;
  format: string;
  records: number;
  rejected: number;
  errorCount: number;
  errors: { code: string; line?: number; message: string }[];
  detection?: { by: string; confidence: number };
}

interface Expectation {
  /** Path relative to the data folder, `/` separated. */
  pattern: RegExp;
  formats: string[];
  /** 'none': no error at all; 'some': at least one; undefined: not checked (format only). */
  errors?: 'none' | 'some';
  /** Every error code must be one of these. */
  codes?: string[];
  records?: number;
  /** For text read as text logs only because nothing else claimed it: the fallback confidence. */
  maxConfidence?: number;
  why: string;
}

// First match wins. Counts: loghub *_2k.log files and their *_structured.csv hold 2000 records
// each (wc -l on the logs; the structured CSV is one row per line of the same log).
const EXPECTATIONS: Expectation[] = [
  { pattern: /^SOURCES\.md$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'a Markdown document (headings, lists, links, no log header): said to look like one, not scored as logs' },
  { pattern: /(^|\/)LICENSE$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'a licence text beside the data: said to look like one, not scored as logs (it was 17 records with failing critical rules)' },
  { pattern: /^incident-nezha\/[^/]+\/log\/[^/]+_log\.csv$/, formats: ['csv-logs'], errors: 'none', why: 'Nezha log CSV (Log column)' },
  { pattern: /^incident-nezha\/[^/]+\/metric\/[^/]+\.csv$/, formats: ['csv-metrics'], errors: 'none', why: 'Nezha wide metric CSV' },
  { pattern: /^incident-nezha\/[^/]+\/trace\/[^/]+_trace\.csv$/, formats: ['csv-spans'], errors: 'none', why: 'Nezha trace CSV (TraceID/SpanID/ParentID)' },
  { pattern: /^incident-nezha\/[^/]+\/traceid\/[^/]+\.csv$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'a headerless list of trace ids, one a line: said to look like one, not log records with trace context' },
  { pattern: /^incident-nezha\/[^/]+\/[^/]+\.json$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'fault labels, not telemetry (used by --incidents)' },
  { pattern: /^jaeger-json\/jaeger-api-v3\/FindTraceSummaries\.json$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'trace summaries, not spans' },
  { pattern: /^jaeger-json\/jaeger-ui-dependencies\//, formats: ['unknown'], codes: ['unsupported'], why: 'a service dependency list, not spans (named as one)' },
  { pattern: /^jaeger-json\/jaeger-ui\/(TraceGraph|tableValuesTestTrace)\/testTrace\.json$/, formats: ['jaeger'], errors: 'some', codes: ['invalid-id', 'too-many-errors'], why: 'non-hex ids (trace-123/span-1) are rejected as invalid-id' },
  { pattern: /^jaeger-json\//, formats: ['jaeger'], errors: 'none', why: 'Jaeger JSON in its variants' },
  { pattern: /^loghub\/[^/]+\/[^/]+_2k\.log$/, formats: ['text-logs'], errors: 'none', records: 2000, why: 'Loghub raw logs' },
  { pattern: /^loghub\/[^/]+\/[^/]+_2k\.log_structured\.csv$/, formats: ['csv-logs'], errors: 'none', records: 2000, why: 'Loghub structured CSV (Content column)' },
  { pattern: /^loghub\/[^/]+\/[^/]+_templates\.csv$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'EventId,EventTemplate: templates, not records' },
  { pattern: /^logs-structured\/lnav-test\/logfile_(logfmt|grafana)\.0$/, formats: ['logfmt'], errors: 'none', why: 'logfmt' },
  { pattern: /^logs-structured\/lnav-test\/logfile_otel_collector\.jsonl$/, formats: ['otlp-json'], errors: 'none', why: 'OTLP logs as JSON Lines' },
  { pattern: /^logs-structured\/lnav-test\/logfile_(caddy_log|docker_compose|zap_console)\.0$/, formats: ['text-logs'], errors: 'none', why: 'compose-prefixed lines and zap console: text with embedded JSON' },
  { pattern: /^logs-structured\/lnav-test\/logfile_(invalid_json2?|json_invalid)\.json$/, formats: ['jsonl-logs'], errors: 'some', codes: ['invalid-json'], why: 'deliberately broken JSON lines (lnav test cases)' },
  { pattern: /^logs-structured\/lnav-test\/logfile_mixed_json2\.json$/, formats: ['jsonl-logs'], errors: 'none', why: 'JSON lines with a logfmt line and a panic among them: records of their own, not errors' },
  { pattern: /^logs-structured\//, formats: ['jsonl-logs'], why: 'JSON Lines logs (ECS, bunyan, pino, journald, …)' },
  { pattern: /^logs-text\/lnav-test\/logfile_invalid_utf8\.0$/, formats: ['text-logs'], errors: 'some', codes: ['invalid-utf8'], why: 'deliberately invalid UTF-8' },
  { pattern: /^logs-text\//, formats: ['text-logs'], errors: 'none', why: 'plain-text logs' },
  { pattern: /^otlp-json\//, formats: ['otlp-json'], why: 'OTLP JSON (some DataDog fixtures carry deliberately invalid histograms)' },
  { pattern: /^prometheus-api-json\/prometheus-codemirror-promql\//, formats: ['prom-api'], codes: ['unsupported'], why: 'metadata/labels/series responses: API JSON without samples' },
  { pattern: /^prometheus-api-json\//, formats: ['prom-api'], why: 'Prometheus HTTP API responses' },
  { pattern: /^openmetrics\/OpenMetrics-parser-tests\/[^/]+\/test\.json$/, formats: ['unknown'], codes: ['unrecognised-format'], why: 'test-case descriptors, not telemetry' },
  { pattern: /^openmetrics\/OpenMetrics-parser-tests\/bad_no_eof\/metrics$/, formats: ['unknown'], codes: ['empty-input'], why: 'an empty file' },
  { pattern: /^openmetrics\/OpenMetrics-parser-tests\/bad_[^/]+\/metrics$/, formats: ['openmetrics', 'prometheus'], errors: 'some', why: 'shouldParse false: read as an exposition, rejected with coded errors' },
  { pattern: /^openmetrics\/OpenMetrics-parser-tests\/timestamps\/metrics$/, formats: ['openmetrics'], errors: 'some', codes: ['invalid-timestamp'], why: 'shouldParse true, but one timestamp (12345678901234567890 s) is past any calendar date: the point is kept without it' },
  { pattern: /^openmetrics\/OpenMetrics-parser-tests\/[^/]+\/metrics$/, formats: ['openmetrics'], errors: 'none', why: 'shouldParse true' },
  { pattern: /^prometheus-text\/node_exporter\/textfile\/.*non_matching_file\.txt$/, formats: ['text-logs'], errors: 'none', maxConfidence: 0.2, why: 'one line of prose ("This file should be ignored.")' },
  { pattern: /^prometheus-text\/prometheus-common\/expfmt-fuzz-corpus\/from_test_parse_0$/, formats: ['unknown'], codes: ['empty-input'], why: 'only newlines' },
  { pattern: /^prometheus-text\/prometheus-common\/expfmt-fuzz-corpus\/from_test_parse_error_\d+$/, formats: ['prometheus', 'openmetrics'], errors: 'some', why: 'expfmt parse-error corpus: a broken exposition, not a log' },
  { pattern: /^prometheus-text\/prometheus-common\/expfmt-testdata\/json2$/, formats: ['prom-api'], codes: ['unsupported'], why: 'legacy JSON exposition: recognised, reported as unsupported' },
  { pattern: /^prometheus-text\/prometheus-textparse\/[^/]+\.om\.txt$/, formats: ['openmetrics'], why: 'OpenMetrics samples of the Prometheus parser' },
  { pattern: /^prometheus-text\//, formats: ['prometheus'], errors: 'none', why: 'Prometheus text 0.0.4' },
  { pattern: /^zipkin-v2-json\//, formats: ['zipkin'], errors: 'none', why: 'Zipkin v2 JSON' },
];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

function runCli(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, ms: Date.now() - t0 }));
  });
}

const rel = (p: string) => relative(DATA, p).split('\\').join('/');
let out: string;
let whole: Map<string, InputReport>;
let wholeMs = 0;
const topFolders = readdirSync(DATA)
  .filter((n) => !n.startsWith('.') && statSync(join(DATA, n)).isDirectory())
  .sort();

async function analyze(path: string, name: string): Promise<Map<string, InputReport>> {
  const json = join(out, `${name}.json`);
  const r = await runCli(['analyze', path, '--no-progress', '--json', json]);
  expect(r.signal, `killed after ${r.ms} ms`).toBeNull();
  expect(r.stderr).not.toContain('internal error');
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  if (name === 'all') wholeMs = r.ms;
  const report = JSON.parse(readFileSync(json, 'utf8')) as { inputs: InputReport[] };
  // The CLI shows paths relative to its working folder (the repo): map them back to DATA.
  return new Map(report.inputs.map((i) => [rel(resolve(REPO, i.path)), i]));
}

beforeAll(async () => {
  expect(statSync(CLI).isFile()).toBe(true);
  out = mkdtempSync(join(tmpdir(), 'obsready-sweep-'));
  whole = await analyze(DATA, 'all');
}, RUN_TIMEOUT_MS + 10_000);

describe('sweep over ../shared/data', { timeout: RUN_TIMEOUT_MS }, () => {
  it('reads every file in bounded time; each gets a format or a coded error', () => {
    const files = listFiles(DATA).map(rel);
    expect([...whole.keys()].sort()).toEqual(files.sort());
    for (const [path, i] of whole) {
      for (const e of i.errors) expect(CODES, `${path}: ${e.code}`).toContain(e.code);
      expect([...FORMAT_IDS, 'unknown'], path).toContain(i.format);
      if (i.format === 'unknown') expect(i.errors.length, `${path}: no format and no error`).toBeGreaterThan(0);
    }
    // ~17 MB in 673 files: a minute is a generous bound even on a loaded 2-core machine.
    expect(wholeMs).toBeLessThan(60_000);
  });

  it('every file is covered by an expectation of the table', () => {
    const uncovered = [...whole.keys()].filter((p) => !EXPECTATIONS.some((e) => e.pattern.test(p)));
    expect(uncovered).toEqual([]);
  });

  it('each file is detected as the format its folder holds', () => {
    const problems: string[] = [];
    for (const [path, i] of whole) {
      const exp = EXPECTATIONS.find((e) => e.pattern.test(path))!;
      // (`duplicate-input` says the same bytes came earlier in the run, not what the file holds: checked below)
      const codes = i.errors.map((e) => e.code).filter((c) => c !== 'duplicate-input');
      const errorCount = i.errorCount - (i.errors.length - codes.length);
      const say = (what: string) => problems.push(`${path}: ${what} (${exp.why}); got ${i.format}, ${i.records} records, errors ${codes.join(',') || 'none'}`);
      if (!exp.formats.includes(i.format)) say(`format should be ${exp.formats.join(' or ')}`);
      if (exp.errors === 'none' && errorCount > 0) say('no error expected');
      if (exp.errors === 'some' && errorCount === 0) say('a coded error expected');
      if (exp.codes && codes.some((c) => !exp.codes!.includes(c))) say(`codes should be within ${exp.codes.join(',')}`);
      if (exp.records !== undefined && i.records !== exp.records) say(`${exp.records} records expected`);
      if (exp.maxConfidence !== undefined && (i.detection?.confidence ?? 1) > exp.maxConfidence) say(`confidence should be ≤ ${exp.maxConfidence}, got ${i.detection?.confidence}`);
    }
    expect(problems).toEqual([]);
  });

  it('a duplicate-input error is on exactly the files whose bytes an earlier file (by path) has, with records', () => {
    const seen = new Set<string>();
    const expected: string[] = [];
    for (const path of [...whole.keys()].sort((a, b) => (resolve(DATA, a) < resolve(DATA, b) ? -1 : 1))) {
      const sha = createHash('sha256').update(readFileSync(resolve(DATA, path))).digest('hex');
      if (whole.get(path)!.records > 0 && seen.has(sha)) expected.push(path);
      if (whole.get(path)!.records > 0) seen.add(sha);
    }
    const marked = [...whole].filter(([, i]) => i.errors.some((e) => e.code === 'duplicate-input')).map(([p]) => p);
    expect(marked.sort()).toEqual(expected.sort());
  });

  it('each top-level folder on its own gives the same per-file results as the whole sweep', async () => {
    // Two folders at a time (one per core).
    const queue = [...topFolders];
    const mismatches: string[] = [];
    const worker = async () => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
        const part = await analyze(join(DATA, f), `folder-${f}`);
        expect(part.size, f).toBeGreaterThan(0);
        for (const [path, i] of part) {
          const w = whole.get(path);
          const pick = (x: InputReport | undefined) => x && { format: x.format, records: x.records, rejected: x.rejected, errorCount: x.errorCount, codes: x.errors.map((e) => e.code) };
          if (JSON.stringify(pick(i)) !== JSON.stringify(pick(w))) mismatches.push(`${path}: ${JSON.stringify(pick(i))} vs ${JSON.stringify(pick(w))}`);
        }
      }
    };
    await Promise.all([worker(), worker()]);
    expect(mismatches).toEqual([]);
  }, RUN_TIMEOUT_MS * 2);
});
