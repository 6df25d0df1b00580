// `obsready analyze` and detail sampling: the level is the run's (from its input bytes; here a low
// threshold forced by OBSREADY_DETAIL_THRESHOLD_MB), the same in every thread; `--exact` turns it off.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeToJson, runCli } from '../../helpers/cli.js';
import { generateOtlpTraces } from '../../helpers/otlp-traces.js';

let tmp: string;
let file: string;
let size: number;
let spans: number;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-detail-'));
  const gen = generateOtlpTraces(3_000);
  file = join(tmp, 'traces.jsonl');
  writeFileSync(file, gen.text);
  size = Buffer.byteLength(gen.text);
  spans = gen.spans;
});

const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
// A third of the input's size: the input is past it by 1.58 doublings → level 2.
const low = () => ({ OBSREADY_DETAIL_THRESHOLD_MB: String(size / 3 / 1024 / 1024) });

describe('detail sampling in the CLI', () => {
  it('gives the same report on 1 and 2 threads, says the sample, and keeps the counts of an --exact run', { timeout: 180_000 }, async () => {
    const LOW = low();
    expect(size).toBeGreaterThan(5_000_000);
    const one = await analyzeToJson(file, join(tmp, 'one.json'), { ...LOW, OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    const two = await analyzeToJson(file, join(tmp, 'two.json'), { ...LOW, OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '65536', OBSREADY_THREADS: '2' });
    expect(strip(two)).toBe(strip(one));
    expect(one.schemaVersion).toBe('1.3');
    const d = one.signals.traces.detail;
    expect(d.sampled).toBe(true);
    expect(d.level).toBe(2);
    expect(d.share).toBe(0.25);
    const exact = await runCli(['analyze', file, '--no-progress', '--exact', '--json', join(tmp, 'exact.json')], LOW);
    expect(exact.code).toBe(0);
    expect(exact.stdout).not.toContain('span details examined');
    const ex = JSON.parse((await import('node:fs')).readFileSync(join(tmp, 'exact.json'), 'utf8'));
    expect(ex.signals.traces.detail).toBeUndefined();
    expect({ ...one.signals, traces: { ...one.signals.traces, detail: undefined } }).toEqual({ ...ex.signals, traces: { ...ex.signals.traces, detail: undefined } });
    expect(one.inputs).toEqual(ex.inputs);
    // the table's one line
    const table = await runCli(['analyze', file, '--no-progress'], LOW);
    const spans = one.signals.traces.spans.toLocaleString('en-US');
    expect(table.stdout).toContain(`         span details examined on ${d.examinedSpans.toLocaleString('en-US')} of ${spans} spans (${d.examinedTraces.toLocaleString('en-US')} traces), 1 in 4 traces by trace id; counts exact (--exact examines every span)\n`);
  });

  it('leaves a run below the threshold as it was: no sample, the same report as --exact', { timeout: 180_000 }, async () => {
    const plain = await analyzeToJson(file, join(tmp, 'plain.json'), {});
    const r = await runCli(['analyze', file, '--no-progress', '--exact', '--json', join(tmp, 'plain-exact.json')]);
    expect(r.code).toBe(0);
    const ex = JSON.parse((await import('node:fs')).readFileSync(join(tmp, 'plain-exact.json'), 'utf8'));
    expect(plain.signals.traces.detail).toBeUndefined();
    expect(strip(plain)).toBe(strip(ex));
  });

  it('sets the level from the trace inputs only: a large log file beside a small trace file leaves every span examined', { timeout: 180_000 }, async () => {
    // A log file twice the trace file's size: the run's bytes are past the threshold (size × 1.5),
    // its trace bytes (size) are not.
    const logs = join(tmp, 'app.log');
    const line = '2026-11-28T10:00:00Z INFO request served in 12 ms\n';
    writeFileSync(logs, line.repeat(Math.ceil((2 * size) / line.length)));
    const env = { OBSREADY_DETAIL_THRESHOLD_MB: String((1.5 * size) / 1024 / 1024) };
    const both = await analyzeToJson([file, logs], join(tmp, 'both.json'), env);
    expect(both.signals.traces.detail).toBeUndefined();
    expect(both.signals.traces.spans).toBe(spans);
    expect(both.signals.logs.records).toBe(Math.ceil((2 * size) / line.length));
    // the same threshold with the trace file twice (a copy: the same file twice is read once) is sampled
    const copy = join(tmp, 'traces-copy.jsonl');
    writeFileSync(copy, readFileSync(file));
    const twice = await analyzeToJson([file, copy], join(tmp, 'twice.json'), env);
    expect(twice.signals.traces.detail.level).toBe(1);
  });

  it('documents --exact in --help', async () => {
    const r = await runCli(['analyze', '--help']);
    expect(r.stdout).toContain('  --exact              examine every span');
  });
});
