// Break real telemetry one thing at a time: the dimension the break belongs to must fall, the
// verdict must never improve, and repairing the data must bring the score back.
import { describe, expect, it } from 'vitest';
import type { LogRecord, MetricPoint, SignalRecord, Span } from '../../../analyzers/model/index.js';
import { otlpJson } from '../../../analyzers/importers/otlp-json/index.js';
import { textLogs } from '../../../analyzers/importers/text-logs/index.js';
import { VERDICT_RANK } from '../../../analyzers/scoring/index.js';
import type { Report } from '../../../analyzers/report/model.js';
import { decodeFile, decodeText, scoreRecords } from './helpers.js';

const all = decodeFile(otlpJson, 'otlp-json/otel-tui/test_data.json');
// The demo's collector-internal metrics carry no service.name; keep the instrumented services so
// that the baseline is not already capped by the critical rule.
const base = all.filter((r) => r.resource.serviceName !== undefined);

const clone = (r: SignalRecord): SignalRecord => ({ ...r, resource: { ...r.resource, attributes: { ...r.resource.attributes } } }) as SignalRecord;
const mapKind = <K extends SignalRecord['kind']>(records: SignalRecord[], kind: K, f: (r: Extract<SignalRecord, { kind: K }>, i: number) => SignalRecord) => {
  let i = 0;
  return records.map((r) => (r.kind === kind ? f(clone(r) as Extract<SignalRecord, { kind: K }>, i++) : r));
};

function dim(r: Report, d: 'structure' | 'noise'): number {
  return r.dimensions![d].score!;
}

const baseline = scoreRecords(base);

function expectWorse(broken: Report, d: 'structure' | 'noise', ruleIds: string[]): void {
  expect(dim(broken, d)).toBeLessThan(dim(baseline, d));
  expect(broken.score!).toBeLessThan(baseline.score!);
  expect(VERDICT_RANK[broken.verdict!]).toBeLessThanOrEqual(VERDICT_RANK[baseline.verdict!]);
  const failing = new Set(broken.findings!.filter((f) => !f.passed).map((f) => f.ruleId));
  for (const id of ruleIds) expect(failing).toContain(id);
}

describe('degrading the OpenTelemetry demo recording', () => {
  it('baseline has every service named and a structure score above 75', () => {
    expect(base.length).toBeGreaterThan(1000);
    expect(dim(baseline, 'structure')).toBeGreaterThan(75);
    expect(baseline.findings!.some((f) => f.ruleId === 'S-SERVICE-IDENTITY' && !f.passed)).toBe(false);
  });

  it('stripping severities lowers structure (S-LOG-SEVERITY)', () => {
    const broken = mapKind(base, 'log', (l: LogRecord) => ({ ...l, severityNumber: undefined, severityText: undefined }));
    expectWorse(scoreRecords(broken), 'structure', ['S-LOG-SEVERITY']);
  });

  it('dropping service names fails the critical rule and caps the verdict at not-ready', () => {
    const broken = base.map((r, i) => {
      if (i % 10 !== 0) return r;
      const c = clone(r);
      delete c.resource.serviceName;
      delete c.resource.attributes['service.name'];
      return c;
    });
    const r = scoreRecords(broken);
    expectWorse(r, 'structure', ['S-SERVICE-IDENTITY']);
    expect(r.verdict).toBe('not-ready');
    expect(r.bindingConstraint!.ruleIds).toContain('S-SERVICE-IDENTITY');
    expect(r.fixPlan![0]!.ruleId).toBe('S-SERVICE-IDENTITY');
  });

  it('a unique id label on every metric point lowers noise (unbounded label)', () => {
    const broken = mapKind(base, 'metric', (p: MetricPoint, i) => ({ ...p, labels: { ...p.labels, request_id: `req-${i}` } }));
    expectWorse(scoreRecords(broken), 'noise', ['N-MET-LABEL-CARDINALITY']);
  });

  it('turning OTLP logs into plain text lowers structure', () => {
    const logs = base.filter((r): r is LogRecord => r.kind === 'log');
    const text = logs.map((l) => `${new Date(Number((l.timeNs ?? l.observedTimeNs ?? 0n) / 1_000_000n)).toISOString()} ${l.severityText ?? 'INFO'} ${typeof l.body === 'string' ? l.body : JSON.stringify(l.body)}`).join('\n');
    const broken = [...base.filter((r) => r.kind !== 'log'), ...decodeText(textLogs, text, 'logs.txt')];
    expectWorse(scoreRecords(broken), 'structure', ['S-LOG-STRUCTURED']);
  });

  it('removing span kinds lowers structure (S-SPAN-KIND)', () => {
    const broken = mapKind(base, 'span', (s: Span) => ({ ...s, spanKind: 'unspecified' }));
    expectWorse(scoreRecords(broken), 'structure', ['S-SPAN-KIND']);
  });

  it('dropping every third span breaks parent links (S-SPAN-PARENT)', () => {
    let n = 0;
    const broken = base.filter((r) => r.kind !== 'span' || n++ % 3 !== 0);
    expectWorse(scoreRecords(broken), 'structure', ['S-SPAN-PARENT']);
  });

  it('removing metric units and descriptions lowers structure', () => {
    const broken = mapKind(base, 'metric', (p: MetricPoint) => ({ ...p, unit: undefined, description: undefined }));
    expectWorse(scoreRecords(broken), 'structure', ['S-MET-UNIT', 'S-MET-HELP']);
  });

  it('repair: restoring the records restores the exact baseline', () => {
    const repaired = scoreRecords(base.map(clone));
    expect(repaired.score).toBe(baseline.score);
    expect(repaired.dimensions).toEqual(baseline.dimensions);
  });
});
