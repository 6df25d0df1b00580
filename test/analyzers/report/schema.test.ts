// docs/report-schema.json describes the JSON report; every report ObsReady writes must
// validate against it (fixture, partial, real analyses of several formats).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { serializeReport } from '../../../analyzers/report/json.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../../../analyzers/report/model.js';
import { DATA, OTEL_TUI, REPO, analyzeReal, loadFullReport, partialReport } from './helpers.js';

const schema = JSON.parse(readFileSync(resolve(REPO, 'docs/report-schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function check(r: Report): string {
  const ok = validate(JSON.parse(serializeReport(r)));
  return ok ? 'valid' : ajv.errorsText(validate.errors);
}

describe('report JSON schema', () => {
  it('accepts the full fixture and a partial report', () => {
    expect(check(loadFullReport())).toBe('valid');
    expect(check(partialReport())).toBe('valid');
    // with the detail sample of a large trace input (signals.traces.detail), and a wrong one refused
    const detailed = partialReport();
    detailed.signals.traces.detail = { sampled: true, level: 3, share: 0.125, examinedSpans: 10, examinedTraces: 2 };
    expect(check(detailed)).toBe('valid');
    (detailed.signals.traces.detail as { level: number }).level = 0;
    expect(check(detailed)).toContain('level');
    // capped service lists (signals.*.services at most 10,000, serviceCount, the two flags)
    const capped = partialReport();
    Object.assign(capped.signals.logs, { services: Array.from({ length: 10_000 }, (_, i) => `s${i}`), serviceCount: 2_345_678, servicesCapped: true, serviceCountApproximate: true });
    expect(check(capped)).toBe('valid');
    capped.signals.logs.services.push('one-too-many');
    expect(check(capped)).toMatch(/services/);
    capped.signals.logs.services.pop();
    expect(check({ ...capped, signals: { ...capped.signals, logs: { ...capped.signals.logs, servicesCapped: false as never } } })).toMatch(/servicesCapped/);
    expect(check({ ...capped, signals: { ...capped.signals, logs: { ...capped.signals.logs, serviceCount: -1 } } })).toMatch(/serviceCount/);
  });

  it('accepts real reports', async () => {
    expect(check(await analyzeReal([OTEL_TUI]))).toBe('valid');
    expect(check(await analyzeReal([resolve(DATA, 'prometheus-text'), resolve(DATA, 'logs-structured')]))).toBe('valid');
  });

  it('accepts reports of compressed files and archives (container zstd, archive members)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'obsready-schema-'));
    try {
      // (a small exposition of the shared data; any one would do)
      const prom = resolve(DATA, 'prometheus-text', 'node_exporter');
      const first = readdirSync(prom, { recursive: true, withFileTypes: true }).find((e) => e.isFile() && !e.name.startsWith('.'))!;
      copyFileSync(join(first.parentPath, first.name), join(dir, 'scrape.prom'));
      execFileSync('zstd', ['-q', join(dir, 'scrape.prom'), '-o', join(dir, 'scrape.prom.zst')]);
      execFileSync('tar', ['-cf', join(dir, 'bundle.tar'), '-C', dir, 'scrape.prom']);
      const r = await analyzeReal([join(dir, 'scrape.prom.zst'), join(dir, 'bundle.tar')]);
      expect(r.inputs.map((i) => [i.container ?? null, i.archive !== undefined])).toEqual([
        [null, true],
        ['zstd', false],
      ]);
      expect(check(r)).toBe('valid');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects what the schema forbids', () => {
    expect(check({ ...loadFullReport(), verdict: 'maybe' as never })).toMatch(/verdict/);
    expect(check({ ...loadFullReport(), score: 120 })).toMatch(/score/);
    const r = loadFullReport();
    delete (r.findings![0] as unknown as Record<string, unknown>).evidence;
    expect(check(r)).toMatch(/evidence/);
  });

  it('describes the sample a finding was counted on (evidence.sample)', () => {
    const withSample = (sample: unknown): Report => {
      const r = loadFullReport();
      (r.findings![0]!.evidence as unknown as Record<string, unknown>).sample = sample;
      return r;
    };
    expect(check(withSample({ unit: 'spans', size: 3134, total: 100_000, share: 1 / 32 }))).toBe('valid');
    expect(check(withSample({ unit: 'traces', size: 2657, total: 5314, estimated: true, share: 0.5 }))).toBe('valid');
    expect(check(withSample({ unit: 'traces', size: -1, total: 5314, share: 0.5 }))).toMatch(/sample/);
    expect(check(withSample({ unit: 'traces', size: 1, total: 2, share: 0 }))).toMatch(/sample/);
    expect(check(withSample({ size: 1, total: 2, share: 0.5 }))).toMatch(/sample/);
  });

  it('describes the spellings of a service and the records each tag named (services[].spellings, nameFromRecords)', () => {
    const withService = (extra: Record<string, unknown>): Report => {
      const r = loadFullReport();
      Object.assign(r.services![0]!, extra);
      return r;
    };
    expect(check(withService({ nameFrom: ['PodName'], nameFromRecords: { PodName: 14079 }, spellings: [{ name: 'ts-contacts-service-866bd68c97-dzqgd', records: 14199 }] }))).toBe('valid');
    expect(check(withService({ spellings: [{ name: 'a-7d4b9c6f8d-x2k9p', records: -1 }] }))).toMatch(/spellings/);
    expect(check(withService({ spellings: [{ name: 'a-7d4b9c6f8d-x2k9p' }] }))).toMatch(/spellings/);
    expect(check(withService({ nameFromRecords: { PodName: 'many' } }))).toMatch(/nameFromRecords/);
  });

  it('documents the schema version the code writes', () => {
    const doc = readFileSync(resolve(REPO, 'docs/report-schema.md'), 'utf8');
    expect(doc).toContain(`schemaVersion\` is \`"${REPORT_SCHEMA_VERSION}"\``);
  });
});
