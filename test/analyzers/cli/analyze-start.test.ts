// `obsready analyze` starts the split's worker threads before its modules load when a named input
// will very likely be split: from the command line alone (parsed as runAnalyze parses it), and
// without changing what a run does or how it ends.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { earlySplitInput } from '../../../analyzers/cli/analyze-start.js';
import { data } from '../../helpers/paths.js';
import { analyzeToJson, runCli } from '../../helpers/cli.js';

let tmp: string;
let big: string;
let small: string;
let latin1: string;
const MIN = 4096;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-early-'));
  const otlp = readFileSync(data('otlp-json/otel-tui/test_data.json'), 'utf8');
  big = join(tmp, 'big.jsonl');
  writeFileSync(big, otlp);
  small = join(tmp, 'small.jsonl');
  writeFileSync(small, otlp.split('\n')[0] + '\n');
  mkdirSync(join(tmp, 'folder'));
  // JSON Lines logs that are not UTF-8: they look splittable from the cheap check, but are read in one pass.
  const logs = Array.from({ length: 400 }, (_, i) => JSON.stringify({ time: `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z`, level: 'info', msg: `café ${i} served` })).join('\n') + '\n';
  latin1 = join(tmp, 'latin1.jsonl');
  writeFileSync(latin1, Buffer.from(logs, 'latin1'));
});

describe('earlySplitInput', () => {
  it('names the first input that will be split, whatever options come before or after it', () => {
    expect(earlySplitInput([big], MIN)).toBe(big);
    expect(earlySplitInput([small, '--json', join(tmp, 'r.json'), big, '--no-progress'], MIN)).toBe(big);
    expect(earlySplitInput(['--as', 'otlp-json', big], MIN)).toBe(big);
  });

  it('names none for small inputs, folders, pipes, an --as format never split, help, or a command line in error', () => {
    expect(earlySplitInput([small], MIN)).toBeUndefined();
    expect(earlySplitInput([join(tmp, 'folder')], MIN)).toBeUndefined();
    expect(earlySplitInput(['-'], MIN)).toBeUndefined();
    expect(earlySplitInput(['--as', 'zipkin', big], MIN)).toBeUndefined();
    expect(earlySplitInput(['--help', big], MIN)).toBeUndefined();
    expect(earlySplitInput(['--no-such-option', big], MIN)).toBeUndefined();
    // (an option's value is not an input)
    expect(earlySplitInput([small, '--incidents', big], MIN)).toBeUndefined();
  });
});

describe('a run whose workers were started early', () => {
  const early = { OBSREADY_SPLIT_MIN_BYTES: String(MIN), OBSREADY_THREADS: '2' };

  it('ends as before on a usage error found after they started (they never keep the process alive)', async () => {
    const r = await runCli(['analyze', big, '--no-progress', '--fail-under', '200'], early, 60_000);
    expect([r.code, r.signal, r.stderr.trim()]).toEqual([2, null, 'obsready analyze: --fail-under must be a number from 0 to 100, not "200"']);
  });

  it('gives the report of a sequential run when no input is split after all', { timeout: 120_000 }, async () => {
    const seq = await analyzeToJson(latin1, join(tmp, 'seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    const run = await analyzeToJson(latin1, join(tmp, 'early.json'), early);
    expect(seq.inputs[0].format).toBe('jsonl-logs');
    expect(seq.inputs[0].records).toBe(400);
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    expect(strip(run)).toBe(strip(seq));
  });

  // (a split run whose workers started early: test/analyzers/cli/parallel.test.ts, whose split runs name their file)
});
