// COR-004: a log resolves when its trace is in the export and, when it names a span, that span
// is too. A span id alone is not enough: ids from another system can hit a span of another trace.
// 4 logs by hand: 1 with the right trace and span, 1 with the right trace and no span id, 1 with
// a foreign trace but an existing span id, 1 with the right trace and a missing span id → 2 of 4.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const T = 'a'.repeat(32);
const S = '1'.repeat(16);
const BASE = 1_704_103_200_000_000_000;
const otlp = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
      scopeSpans: [{ spans: [{ traceId: T, spanId: S, name: 'GET /', kind: 2, startTimeUnixNano: String(BASE), endTimeUnixNano: String(BASE + 50e6) }] }],
    },
  ],
};
const log = (trace: string, span: string | undefined, msg: string) => JSON.stringify({ time: '2024-01-01T10:00:00.010Z', level: 'info', 'service.name': 'api', msg, trace_id: trace, ...(span ? { span_id: span } : {}) });

interface Finding {
  ruleId: string;
  passed: boolean;
  value: number;
  evidence: { examined: number; failing: number; examples: { line?: number; note?: string }[] };
}

describe('COR-004: logs resolve to their trace and span', () => {
  it('needs the trace, and the span when one is named', () => {
    const logs = [log(T, S, 'both found'), log(T, undefined, 'trace found, no span id'), log('b'.repeat(32), S, 'foreign trace, existing span id'), log(T, '2'.repeat(16), 'trace found, span missing')].join('\n') + '\n';
    const report = analyseInputs([['trace.json', JSON.stringify(otlp)], ['app.jsonl', logs]]) as unknown as { findings: Finding[] };
    const f = report.findings.find((x) => x.ruleId === 'COR-004')!;
    expect([f.value, f.evidence.examined, f.evidence.failing]).toEqual([0.5, 4, 2]);
    expect(f.evidence.examples.map((e) => [e.line, e.note])).toEqual([
      [3, `trace ${'b'.repeat(32)} not in the export`],
      [4, `span ${'2'.repeat(16)} not in the export (its trace is)`],
    ]);
    // the foreign log is not compared with the other trace's span for skew: 1 log, the resolved one with a span
    const skew = report.findings.find((x) => x.ruleId === 'COR-009')!;
    expect(skew.evidence.examined).toBe(1);
  });
});
