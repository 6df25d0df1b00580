// Every failing finding carries example records that show the failure (file and line). These
// rules had none: the template rules, "no root span", the signals' time overlap and the metric
// noise rules that cannot tell. Lines are counted by hand from the inputs built here.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import { renderReportMarkdown } from '../../../analyzers/report/markdown.js';
import { formatEvidenceCounts, formatSample } from '../../../analyzers/report/format.js';
import type { Report } from '../../../analyzers/report/model.js';

interface Finding {
  ruleId: string;
  passed: boolean;
  service: string;
  inconclusive?: true;
  evidence: { examined: number; failing: number; unit?: string; examples: { file: string; line?: number; excerpt: string; note?: string }[] };
}
const findings = (inputs: [string, string][]): Finding[] => (analyseInputs(inputs) as unknown as { findings: Finding[] }).findings;
const at = (s: number) => `2024-01-01T10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}Z`;
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango'];

describe('evidence of the template rules', () => {
  it('N-LOG-TOP-TEMPLATE shows the first record of the flooding template', () => {
    // lines 1–10: ten other messages; lines 11–160: the same health check 150 times
    const lines = WORDS.slice(0, 10).map((w, i) => `${at(i)} INFO ${w} job finished`);
    for (let i = 0; i < 150; i++) lines.push(`${at(10 + i)} INFO health check ok`);
    const f = findings([['app.log', lines.join('\n') + '\n']]).find((x) => x.ruleId === 'N-LOG-TOP-TEMPLATE')!;
    expect(f.passed).toBe(false);
    expect(f.evidence.examples.map((e) => [e.file, e.line])).toEqual([['app.log', 11]]);
    expect(f.evidence.examples[0]!.excerpt).toContain('health check ok');
    expect(f.evidence.examples[0]!.note).toContain('150 lines');
  });

  it('S-LOG-TEMPLATES shows lines of templates that do not recur', () => {
    // 20 distinct shapes, 3 lines each (60 lines, all under the 5 lines a recurring template needs)
    const lines: string[] = [];
    for (let k = 0; k < 3; k++) WORDS.forEach((w, i) => lines.push(`${at(k * 20 + i)} INFO ${w} ${'x '.repeat(i)}done`));
    const f = findings([['app.log', lines.join('\n') + '\n']]).find((x) => x.ruleId === 'S-LOG-TEMPLATES')!;
    expect(f.passed).toBe(false);
    // the first line of each of the first five templates, in file order
    expect(f.evidence.examples.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(f.evidence.examples[0]!.note).toMatch(/^a template of 3 lines: "/);
  });

  it('N-LOG-TEMPLATE-CHURN shows where late templates first appear', () => {
    // 4 templates in the first minute (lines 1–4), 16 new ones in the last (lines 5–20), over 0–119 s
    const lines = WORDS.map((w, i) => `${at(i < 4 ? i : 100 + i - 4)} INFO ${w} step started`);
    const f = findings([['app.log', lines.join('\n') + '\n']]).find((x) => x.ruleId === 'N-LOG-TEMPLATE-CHURN')!;
    expect(f.passed).toBe(false);
    expect(f.evidence.examples.map((e) => e.line)).toEqual([5, 6, 7, 8, 9]);
    expect(f.evidence.examples[0]!.note).toBe('a template first seen at 2024-01-01T10:01:40.000Z');
  });
});

describe('evidence of correlation rules', () => {
  it('COR-006 shows a span of a trace that has no root span', () => {
    const span = (id: string, parent: string, start: number) => ({ traceId: 'a'.repeat(32), spanId: id, parentSpanId: parent, name: 'work', kind: 2, startTimeUnixNano: String(1_704_103_200_000_000_000 + start * 1e6), endTimeUnixNano: String(1_704_103_200_000_000_000 + start * 1e6 + 5e6) });
    const otlp = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [span('1'.repeat(16), '9'.repeat(16), 0), span('2'.repeat(16), '1'.repeat(16), 1)] }] }] };
    const f = findings([['trace.json', JSON.stringify(otlp)]]).find((x) => x.ruleId === 'COR-006')!;
    expect(f.passed).toBe(false);
    expect(f.evidence.examples).toHaveLength(1);
    expect(f.evidence.examples[0]!.file).toBe('trace.json');
    expect(f.evidence.examples[0]!.note).toBe('no root span in its trace: each of its 2 spans names a parent');
  });

  it('COR-010 shows the records at both ends of each signal', () => {
    // logs 10:00:00–10:00:09 (lines 1–10); metrics at 12:00:00 and 13:00:00 (lines 2 and 3)
    const logs = Array.from({ length: 10 }, (_, i) => `${at(i)} INFO api request ${i}`).join('\n') + '\n';
    const prom = '# TYPE up gauge\nup{job="api"} 1 1704110400000\nup{job="api"} 1 1704114000000\n';
    const f = findings([['app.log', logs], ['up.prom', prom]]).find((x) => x.ruleId === 'COR-010')!;
    expect(f.passed).toBe(false);
    expect(f.evidence.examples.map((e) => [e.file, e.line, e.note])).toEqual([
      ['up.prom', 2, 'the earliest of the metrics (2024-01-01T12:00:00.000000000Z)'],
      ['up.prom', 3, 'the latest of the metrics (2024-01-01T13:00:00.000000000Z)'],
      ['app.log', 1, 'the earliest of the logs (2024-01-01T10:00:00.000000000Z)'],
      ['app.log', 10, 'the latest of the logs (2024-01-01T10:00:09.000000000Z)'],
    ]);
  });
});

describe('evidence of metric noise rules that cannot tell', () => {
  it('shows points without a timestamp', () => {
    const prom = '# TYPE q gauge\n' + Array.from({ length: 120 }, (_, i) => `q{shard="${i}"} ${i}`).join('\n') + '\n';
    const f = findings([['q.prom', prom]]).find((x) => x.ruleId === 'N-MET-GAPS')!;
    expect(f.passed).toBe(false);
    expect(f.evidence.examples.length).toBeGreaterThan(0);
    expect(f.evidence.examples.map((e) => [e.file, e.line, e.note])[0]).toEqual(['q.prom', 2, 'no timestamp']);
  });
});

describe('what the evidence counts, and findings the data cannot decide', () => {
  it('a rule that cannot tell is inconclusive, counts metric points, and its fix is data that can be judged', () => {
    // 120 points of 120 series without timestamps: no series to judge
    const prom = '# TYPE q gauge\n' + Array.from({ length: 120 }, (_, i) => `q{shard="${i}"} ${i}`).join('\n') + '\n';
    const report = analyseInputs([['q.prom', prom]]) as Report;
    const f = (report.findings as unknown as Finding[]).find((x) => x.ruleId === 'N-MET-GAPS')!;
    expect([f.passed, f.inconclusive, f.evidence.unit, f.evidence.examined]).toEqual([false, true, 'metric points', 120]);
    const plan = report.fixPlan!.find((p) => p.ruleId === 'N-MET-GAPS')!;
    expect(plan.action).toContain('the data cannot tell in service (unknown service): 120 of 120 metric points have no timestamp');
    const md = renderReportMarkdown(report);
    expect(md).toContain('N-MET-GAPS Series have no gaps — (unknown service) (cannot tell)');
    expect(md).toContain('- Evidence: 120 metric points examined: the data cannot tell, confidence low');
    expect(md).toContain('- Fix: First export data that can be judged (its message says what is missing');
    // a decided rule over metric names counts names
    const naming = (report.findings as unknown as Finding[]).find((x) => x.ruleId === 'S-MET-HELP')!;
    expect([naming.evidence.unit, naming.evidence.examined, naming.inconclusive]).toEqual(['metric names', 1, undefined]);
  });

  it('evidence counts read in their unit, singular for one', () => {
    expect(formatEvidenceCounts({ examined: 10, failing: 7, unit: 'services' })).toBe('7 of 10 services fail');
    expect(formatEvidenceCounts({ examined: 1, failing: 1, unit: 'services' })).toBe('1 of 1 service fail');
    expect(formatEvidenceCounts({ examined: 1, failing: 0, unit: 'metric series' })).toBe('0 of 1 metric series fail');
    expect(formatEvidenceCounts({ examined: 2400, failing: 3 })).toBe('3 of 2,400 records fail');
    expect(formatEvidenceCounts({ examined: 1, failing: 0 }, true)).toBe('1 record examined: the data cannot tell');
  });

  it('counts of a sample say its size and the total they were taken from (about it when estimated)', () => {
    const sample = { unit: 'spans', size: 5004, total: 160_000, share: 1 / 32 };
    expect(formatEvidenceCounts({ examined: 3620, failing: 3620, sample })).toBe('3,620 of 3,620 records fail (in a sample of 5,004 of 160,000 spans, 1 in 32)');
    expect(formatEvidenceCounts({ examined: 2657, failing: 0, unit: 'traces', sample: { unit: 'traces', size: 2657, total: 5314, estimated: true, share: 0.5 } })).toBe('0 of 2,657 traces fail (in a sample of 2,657 of about 5,314 traces, 1 in 2)');
    expect(formatSample({ unit: 'traces', size: 10, total: 10, share: 1 })).toBe('');
  });
});


describe('examples on one line', () => {
  it('the points of one OTLP export (one line) give one example per metric name, not five copies of one', () => {
    const point = (t: number) => ({ timeUnixNano: String(1_704_103_200_000_000_000 + t * 1e9), asDouble: t });
    const metric = (name: string) => ({ name, gauge: { dataPoints: [0, 1, 2, 3, 4].map(point) } });
    const line = JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeMetrics: [{ metrics: [metric('cpu'), metric('queue')] }] }] });
    const span = { traceId: 'a'.repeat(32), spanId: '1'.repeat(16), name: 'GET /', kind: 2, startTimeUnixNano: '1704103200000000000', endTimeUnixNano: '1704103200005000000' };
    const traces = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [span] }] }] });
    const f = findings([['m.jsonl', line + '\n'], ['t.json', traces]]).find((x) => x.ruleId === 'COR-007')!;
    expect(f.evidence.examples.map((e) => [e.file, e.line, e.excerpt.replace(/[{ ].*$/, '')])).toEqual([
      ['m.jsonl', 1, 'cpu'],
      ['m.jsonl', 1, 'queue'],
    ]);
  });
});

describe('evidence units of the span checks', () => {
  it('S-SPAN-TIMING and S-SPAN-KIND count spans ("2 of 3 spans fail"), not records', () => {
    // three spans of one trace: the 2nd and 3rd end before they start and have no kind
    const t0 = 1_704_103_200_000_000_000;
    const span = (id: string, parent: string | undefined, kind: number, start: number, end: number) => ({ traceId: 'b'.repeat(32), spanId: id, ...(parent ? { parentSpanId: parent } : {}), name: 'work', kind, startTimeUnixNano: String(t0 + start * 1e6), endTimeUnixNano: String(t0 + end * 1e6) });
    const otlp = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ spans: [span('1'.repeat(16), undefined, 2, 0, 10), span('2'.repeat(16), '1'.repeat(16), 0, 5, 1), span('3'.repeat(16), '1'.repeat(16), 0, 6, 2)] }] }] };
    const all = findings([['trace.json', JSON.stringify(otlp)]]);
    for (const id of ['S-SPAN-TIMING', 'S-SPAN-KIND']) {
      const f = all.find((x) => x.ruleId === id && x.service === 'api')!;
      expect(f.passed, id).toBe(false);
      expect([f.evidence.failing, f.evidence.examined, f.evidence.unit], id).toEqual([2, 3, 'spans']);
      expect(formatEvidenceCounts(f.evidence), id).toBe('2 of 3 spans fail');
    }
  });
});
