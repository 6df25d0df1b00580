// Issue 2 §4 end to end: hostile inputs through the built CLI, with every `--as` format (read
// from the registry) and with content sniffing. Each run must exit 0 or 2 (never 3 = crash,
// never a signal, never a hang), report closed-union error codes per input, keep counting the
// good records of a partly bad file, stay under 400 MB RSS, and leave the inputs untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { once } from 'node:events';
import { CLI, REPO } from '../../helpers/paths.js';
import { runCli as runCliProcess, type RunResult } from '../../helpers/cli.js';
import { FORMATS } from '../../../analyzers/importers/registry.js';
import { mulberry32 } from '../../helpers/prng.js';

const FORMAT_IDS = FORMATS.map((f) => f.id as string);
/** The closed ImportErrorCode union, read from its source so a new code needs no test edit. */
const CODES = (() => {
  const src = readFileSync(join(REPO, 'analyzers/importers/types.ts'), 'utf8');
  const after = src.slice(src.indexOf('export type ImportErrorCode ='));
  const codes = new Set<string>();
  for (const line of after.split('\n').slice(1)) {
    const m = /^\s*\|\s*'([a-z0-9-]+)'/.exec(line);
    if (!m) break; // the union ends at the first line that is not `| 'code'`
    codes.add(m[1]!);
  }
  return codes;
})();

const RUN_TIMEOUT_MS = 90_000;
const MAX_RSS_KB = 400 * 1024;

/** The CLI in a child process (RSS reported), killed if it runs past the timeout. */
const runCli = (args: string[], env: Record<string, string> = {}): Promise<RunResult> => runCliProcess(args, { OBSREADY_REPORT_RSS: '1', ...env }, RUN_TIMEOUT_MS);

function maxRssKb(stderr: string): number {
  const m = /maxRSS=(\d+)/.exec(stderr);
  expect(m, `no maxRSS in stderr: ${stderr.slice(-500)}`).not.toBeNull();
  return Number(m![1]);
}

interface InputReport {
  path: string;
  format: string;
  records: number;
  rejected: number;
  errorCount: number;
  errors: { code: string; line?: number; offset?: number; message: string }[];
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** One OTLP JSON line (ExportTraceServiceRequest) with `spans` spans. */
function otlpLine(i: number, spans: number): string {
  const list = Array.from({ length: spans }, (_, j) => ({
    traceId: hex(i + 1, 32),
    spanId: hex(i * 16 + j + 1, 16),
    name: `op-${j}`,
    kind: 2,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i * 1000 + j)),
    endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i * 1000 + j + 500)),
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: { name: 's' }, spans: list }] }] });
}

let dir: string;
let out: string;
const files: Record<string, string> = {};
let before: Map<string, { sha256: string; mtimeMs: number }>;

// Partly bad OTLP JSON Lines: 200 lines × 3 spans, line 100 cut in half.
const OTLP_LINES = 200;
const OTLP_SPANS = 3;
const OTLP_BAD_LINE = 100;
// Partly bad JSON Lines logs: 50 records, line 25 cut in half.
const LOG_LINES = 50;
const LOG_BAD_LINE = 25;
// Partly bad Prometheus text: 40 samples of one counter, sample line 21 (file line 23) broken.
const PROM_SAMPLES = 40;

const LONG_LINE_BYTES = 300 * 1024 * 1024;
const BOMB_MEMBERS = 64; // × 64 MiB each = 4 GiB inflated

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
function sha256Stream(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    import('node:fs').then(({ createReadStream }) =>
      createReadStream(path)
        .on('data', (c) => h.update(c))
        .on('end', () => resolve(h.digest('hex')))
        .on('error', reject),
    );
  });
}

async function fingerprint(): Promise<Map<string, { sha256: string; mtimeMs: number }>> {
  const m = new Map<string, { sha256: string; mtimeMs: number }>();
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    m.set(name, { sha256: st.size > 16 << 20 ? await sha256Stream(p) : sha256(p), mtimeMs: st.mtimeMs });
  }
  return m;
}

beforeAll(async () => {
  expect(statSync(CLI).isFile()).toBe(true); // npm test builds the CLI first
  dir = mkdtempSync(join(tmpdir(), 'obsready-hostile-'));
  out = mkdtempSync(join(tmpdir(), 'obsready-hostile-out-'));
  const put = (name: string, content: string | Uint8Array) => {
    files[name] = join(dir, name);
    writeFileSync(files[name], content);
  };
  const rnd = mulberry32(0x5eed);
  const junk = Buffer.alloc(256 * 1024);
  for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(rnd() * 256);
  put('junk.bin', junk);
  put('empty.txt', '');
  put('blank.txt', ' \n\t\r\n   \n\n');
  const good = otlpLine(0, 2);
  // Cut inside the second span: the first one is complete.
  put('truncated.json', good.slice(0, good.indexOf('"spanId"', good.indexOf('"spanId"') + 1) + 12));
  put('wrong-spans.json', '{"resourceSpans":"x"}');
  put('wrong-data.json', '{"data":5}');
  put('wrong-array.json', '[1,2,3]');
  put('deep-array.json', '['.repeat(100_000) + ']'.repeat(100_000));
  put('deep-object.json', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
  put('not-gzip.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), junk.subarray(0, 4096)]));
  put('invalid-utf8.log', Buffer.concat([Buffer.from('2024-01-01T00:00:00Z INFO first line\n2024-01-01T00:00:01Z WARN bad '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(' bytes\n2024-01-01T00:00:02Z INFO third\n')]));
  put('nul.log', Buffer.concat([Buffer.from('2024-01-01T00:00:00Z INFO first line\n2024-01-01T00:00:01Z WARN torn'), Buffer.from([0]), Buffer.from('write\n2024-01-01T00:00:02Z INFO third\n')]));
  put('crlf.prom', '# HELP a_total A counter.\r\n# TYPE a_total counter\r\na_total{x="1"} 1\r\na_total{x="2"} 2\r\n');
  put('bom.json', '\ufeff' + otlpLine(7, 2) + '\n');

  const otlp = Array.from({ length: OTLP_LINES }, (_, i) => otlpLine(i, OTLP_SPANS));
  otlp[OTLP_BAD_LINE - 1] = otlp[OTLP_BAD_LINE - 1]!.slice(0, Math.floor(otlp[OTLP_BAD_LINE - 1]!.length / 2));
  put('part-bad.otlp.jsonl', otlp.join('\n') + '\n');
  put('part-bad.otlp.jsonl.gz', gzipSync(otlp.join('\n') + '\n'));
  const logs = Array.from({ length: LOG_LINES }, (_, i) => JSON.stringify({ time: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, level: 'info', msg: `message ${i}` }));
  logs[LOG_BAD_LINE - 1] = logs[LOG_BAD_LINE - 1]!.slice(0, 20);
  put('part-bad.jsonl', logs.join('\n') + '\n');
  const prom = ['# HELP c_total Requests.', '# TYPE c_total counter', ...Array.from({ length: PROM_SAMPLES }, (_, i) => `c_total{i="${i}"} ${i}`)];
  prom[2 + 20] = 'c_total{i="20" 20'; // unterminated label set
  put('part-bad.prom', prom.join('\n') + '\n');

  // Decompression bombs as concatenated gzip members (gunzip reads them all): 64 × 64 MiB.
  const zeroMember = gzipSync(Buffer.alloc(64 << 20), { level: 9 });
  put('bomb-zeros.gz', Buffer.concat(Array.from({ length: BOMB_MEMBERS }, () => zeroMember)));
  const textLine = Buffer.from('2024-01-01T00:00:00Z INFO the same line again and again\n');
  const textMember = gzipSync(Buffer.alloc(64 << 20, textLine), { level: 9 });
  put('bomb-text.gz', Buffer.concat(Array.from({ length: BOMB_MEMBERS }, () => textMember)));

  // 300 MB without a newline, written as a stream (never held in memory): a JSON string that
  // never ends, so JSON importers, line importers and sniffing all meet it.
  files['long-line.json'] = join(dir, 'long-line.json');
  const ws = createWriteStream(files['long-line.json']);
  const block = Buffer.alloc(4 << 20, 'x');
  ws.write('{"resourceSpans":[{"note":"');
  for (let written = 0; written < LONG_LINE_BYTES; written += block.length) {
    if (!ws.write(block)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
  before = await fingerprint();
  void sniffedRun();
  for (const id of FORMAT_IDS) void modeRun(id);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Every input of a report: closed-union codes, a known format, and never silently nothing. */
function checkReport(report: { inputs: InputReport[] }, forced: string | undefined): Map<string, InputReport> {
  const byName = new Map<string, InputReport>();
  for (const i of report.inputs) {
    const name = i.path.split(/[\\/]/).pop()!;
    byName.set(name, i);
    for (const e of i.errors) expect(CODES, `${name}: ${e.code}`).toContain(e.code);
    expect(i.errors.length).toBeLessThanOrEqual(i.errorCount);
    if (forced) expect(i.format).toBe(forced);
    else expect([...FORMAT_IDS, 'unknown']).toContain(i.format);
    // Something was read or something was said: an input never vanishes without a word.
    expect(i.records + i.errorCount, `${name} gave neither records nor errors`).toBeGreaterThan(0);
  }
  expect([...byName.keys()].sort()).toEqual(Object.keys(files).sort());
  return byName;
}

const codesOf = (i: InputReport) => new Set(i.errors.map((e) => e.code));

async function analyzeAll(mode: string | undefined): Promise<{ run: RunResult; inputs: Map<string, InputReport> }> {
  const json = join(out, `${mode ?? 'sniffed'}.json`);
  const run = await runCli(['analyze', dir, '--no-progress', '--json', json, ...(mode ? ['--as', mode] : [])]);
  expect(run.signal, `killed by ${run.signal} after ${run.ms} ms`).toBeNull();
  expect(run.stderr).not.toContain('internal error');
  expect([0, 2], run.stderr.slice(-2000)).toContain(run.code);
  expect(maxRssKb(run.stderr)).toBeLessThan(MAX_RSS_KB);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  return { run, inputs: checkReport(report, mode) };
}

// Every mode's run starts as soon as the inputs exist, two at a time (one per core); each test
// awaits its own. The whole file then takes about the sum of the runs divided by two.
const runs = new Map<string, Promise<{ run: RunResult; inputs: Map<string, InputReport> }>>();
let slots = 2;
const waiting: (() => void)[] = [];
async function pooled<T>(job: () => Promise<T>): Promise<T> {
  if (slots === 0) await new Promise<void>((r) => waiting.push(r));
  else slots--;
  try {
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else slots++;
  }
}
function modeRun(mode: string | undefined) {
  const key = mode ?? '';
  let p = runs.get(key);
  if (!p) {
    p = pooled(() => analyzeAll(mode));
    p.catch(() => undefined); // awaited (and reported) by the test of that mode
    runs.set(key, p);
  }
  return p;
}
const sniffedRun = () => modeRun(undefined);

describe('hostile inputs through `obsready analyze`', { timeout: 240_000 }, () => {
  it('has the registry formats and the closed error-code union to test against', () => {
    expect(FORMAT_IDS.length).toBeGreaterThanOrEqual(12);
    for (const c of ['empty-input', 'binary-data', 'truncated', 'too-deep', 'line-too-long', 'decompress-failed', 'decompress-limit', 'unrecognised-format']) expect(CODES).toContain(c);
  });

  it('with sniffing: each hostile input is detected or refused with the right code', async () => {
    const { inputs } = await sniffedRun();
    const get = (n: string) => inputs.get(n)!;
    expect(codesOf(get('empty.txt'))).toEqual(new Set(['empty-input']));
    expect(codesOf(get('blank.txt'))).toEqual(new Set(['empty-input']));
    expect(get('junk.bin').format).toBe('unknown');
    expect(codesOf(get('junk.bin'))).toEqual(new Set(['binary-data']));
    // The complete first span of the cut document is kept (it closed before the cut).
    expect(get('truncated.json')).toMatchObject({ format: 'otlp-json', records: 1 });
    expect(codesOf(get('truncated.json'))).toContain('truncated');
    expect(get('wrong-spans.json').format).toBe('otlp-json');
    expect(codesOf(get('wrong-spans.json'))).toContain('wrong-type');
    expect(get('wrong-data.json').format).toBe('jaeger');
    expect(codesOf(get('wrong-data.json'))).toContain('wrong-type');
    for (const n of ['deep-array.json', 'deep-object.json']) {
      expect(get(n), n).toMatchObject({ format: 'unknown', records: 0 });
      expect(codesOf(get(n))).toEqual(new Set(['unrecognised-format']));
    }
    // A bare array of numbers is named for what it is (Netdata's format=array answers look so) and refused.
    expect(get('wrong-array.json')).toMatchObject({ format: 'unknown', records: 0 });
    expect(codesOf(get('wrong-array.json'))).toEqual(new Set(['unsupported']));
    expect(get('wrong-array.json').errors[0]!.message).toMatch(/^a JSON array of numbers without names or times/);
    expect(codesOf(get('not-gzip.gz'))).toContain('decompress-failed');
    // Valid text around the bad bytes is still read: 3 records each, the bad one reported.
    expect(get('invalid-utf8.log')).toMatchObject({ format: 'text-logs', records: 3 });
    expect(codesOf(get('invalid-utf8.log'))).toContain('invalid-utf8');
    expect(get('nul.log').format).toBe('text-logs');
    expect(get('nul.log').records + get('nul.log').rejected).toBe(3);
    expect(get('crlf.prom')).toMatchObject({ format: 'prometheus', records: 2, errorCount: 0 });
    expect(get('bom.json')).toMatchObject({ format: 'otlp-json', records: 2, errorCount: 0 });
    // A JSON document whose string never ends: the scanner streams it and reports the cut.
    expect(get('long-line.json')).toMatchObject({ format: 'otlp-json', records: 0 });
    expect(codesOf(get('long-line.json'))).toContain('truncated');
    // Zeros are refused as binary at sniffing, so reading stops long before the inflate limit.
    expect(get('bomb-zeros.gz')).toMatchObject({ format: 'unknown', records: 0 });
    expect(codesOf(get('bomb-zeros.gz'))).toEqual(new Set(['binary-data']));
    expect(codesOf(get('bomb-text.gz'))).toContain('decompress-limit');
    // The text bomb's content up to the limit is read as text logs.
    expect(get('bomb-text.gz').format).toBe('text-logs');
    expect(get('bomb-text.gz').records).toBeGreaterThan(0);
  });

  it('with sniffing: a partly bad file keeps every good record, exactly', async () => {
    const { inputs } = await sniffedRun();
    for (const n of ['part-bad.otlp.jsonl', 'part-bad.otlp.jsonl.gz']) {
      const i = inputs.get(n)!;
      // (200 − 1 cut line) × 3 spans, plus the first span of the cut line, which closed before
      // the cut (the line is cut at half: resource, scope, span 1 and part of span 2); the cut
      // line is the only error of the file, at its line. The gzip copy holds the same content as the
      // plain file, which the run also says of it (a duplicate-input error naming the plain file).
      const gz = n.endsWith('.gz');
      expect(i, n).toMatchObject({ format: 'otlp-json', records: (OTLP_LINES - 1) * OTLP_SPANS + 1, errorCount: gz ? 2 : 1 });
      expect(i.errors.filter((e) => e.code !== 'duplicate-input').map((e) => e.line)).toEqual([OTLP_BAD_LINE]);
      const dup = i.errors.filter((e) => e.code === 'duplicate-input');
      expect(dup.length).toBe(gz ? 1 : 0);
      if (gz) expect(dup[0]!.message).toContain('part-bad.otlp.jsonl');
    }
    const logs = inputs.get('part-bad.jsonl')!;
    expect(logs).toMatchObject({ format: 'jsonl-logs', records: LOG_LINES - 1, errorCount: 1 });
    expect(logs.errors[0]).toMatchObject({ code: 'invalid-json', line: LOG_BAD_LINE });
    const prom = inputs.get('part-bad.prom')!;
    expect(prom).toMatchObject({ format: 'prometheus', records: PROM_SAMPLES - 1, rejected: 1, errorCount: 1 });
    expect(prom.errors[0]!.line).toBe(23);
  });

  it('split across worker threads, a partly bad JSON Lines file counts the same', async () => {
    const json = join(out, 'split.json');
    const run = await runCli(['analyze', files['part-bad.otlp.jsonl']!, '--no-progress', '--json', json], { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '8192', OBSREADY_THREADS: '2' });
    expect(run.code, run.stderr).toBe(0);
    const [i] = JSON.parse(readFileSync(json, 'utf8')).inputs as InputReport[];
    expect(i).toMatchObject({ format: 'otlp-json', records: (OTLP_LINES - 1) * OTLP_SPANS + 1, errorCount: 1 }); // as sequentially
    expect(i!.errors[0]!.line).toBe(OTLP_BAD_LINE);
  });

  it('a complete OTLP document with a 300 MB span name: that span rejected, the next one counted, memory bounded', async () => {
    const big = join(out, 'big-name.json');
    const ws = createWriteStream(big);
    const span = (id: string, name: string) => `{"traceId":"${hex(1, 32)}","spanId":"${id}","startTimeUnixNano":"1","endTimeUnixNano":"2","name":"${name}`;
    ws.write('{"resourceSpans":[{"scopeSpans":[{"spans":[' + span(hex(1, 16), ''));
    const block = Buffer.alloc(4 << 20, 'n');
    for (let written = 0; written < LONG_LINE_BYTES; written += block.length) {
      if (!ws.write(block)) await once(ws, 'drain');
    }
    ws.end('"},' + span(hex(2, 16), 'ok') + '"}]}]}]}\n');
    await once(ws, 'finish');
    const json = join(out, 'big-name.report.json');
    const run = await runCli(['analyze', big, '--no-progress', '--json', json]);
    rmSync(big, { force: true });
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(maxRssKb(run.stderr)).toBeLessThan(MAX_RSS_KB);
    const [i] = JSON.parse(readFileSync(json, 'utf8')).inputs as InputReport[];
    expect(i).toMatchObject({ format: 'otlp-json', records: 1, errorCount: 1 });
    expect(i!.errors[0]!.code).toBe('line-too-long');
  });

  it.each(FORMAT_IDS)('--as %s: no crash, coded errors, bounded memory, container limits hold', async (id) => {
    const { inputs } = await modeRun(id);
    const get = (n: string) => inputs.get(n)!;
    expect(codesOf(get('empty.txt'))).toEqual(new Set(['empty-input']));
    expect(codesOf(get('blank.txt')), 'whitespace only').toEqual(new Set(['empty-input']));
    // Random bytes are flagged as not text, whichever way the importer words it.
    const junk = codesOf(get('junk.bin'));
    expect(junk.has('binary-data') || junk.has('invalid-utf8'), [...junk].join()).toBe(true);
    expect(codesOf(get('not-gzip.gz'))).toContain('decompress-failed');
    // A forced decoder takes any bytes, so both bombs run into the inflate limit, which stops
    // them near 64 MiB (ratio > 250:1) of the 4 GiB they would inflate to.
    for (const n of ['bomb-zeros.gz', 'bomb-text.gz']) {
      expect(codesOf(get(n)), n).toContain('decompress-limit');
      const limit = get(n).errors.find((e) => e.code === 'decompress-limit')!;
      expect(Number(/stopped inflating at (\d+) bytes/.exec(limit.message)![1]), n).toBeLessThan(128 << 20);
    }
    expect(get('bomb-zeros.gz').records).toBe(0);
    expect(get('long-line.json').records).toBe(0);
    expect(get('long-line.json').errorCount).toBeGreaterThan(0);
    // Whatever the forced format makes of them, deep nesting and wrong types are never a crash
    // and never unbounded: checked by checkReport (codes, records or errors) and the exit code.
  });

  it('inputs are never modified (sha256 and mtime before/after every run)', async () => {
    await Promise.allSettled(runs.values());
    const after = await fingerprint();
    expect(after).toEqual(before);
  });
});
