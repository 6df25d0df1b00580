// A span exported twice with two kinds (a converter that lost or changed it): same trace, span and
// parent id, service, name, times and status. It was two spans — a second root of its trace
// (COR-006 failing, SPA-004 "1 of 2 root spans are CLIENT") — and nothing said it was a copy. Now it
// is one span read by its first copy's kind, counted with the duplicates, and the conflict is
// reported (correlation.traces.duplicateKindConflicts, the COR-006 message and an example).
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const span = (kind: number) => ({ traceId: 'ab'.repeat(16), spanId: '0000000000000001', name: 'GET /', kind, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000010000000' });
const child = { traceId: 'ab'.repeat(16), spanId: '0000000000000002', parentSpanId: '0000000000000001', name: 'q', kind: 3, startTimeUnixNano: '1700000000001000000', endTimeUnixNano: '1700000000002000000' };
const doc = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [attr('service.name', 'web')] }, scopeSpans: [{ spans }] }] });

describe('a span exported twice with different kinds', () => {
  it('is one span, read by its first copy, and the conflict is reported', () => {
    const r = analyseInputs([['a.json', doc([span(2), child])], ['b.json', doc([span(3)])]]);
    const c = r.correlation!.traces as unknown as Record<string, number>;
    // before: sampleSpans 3, duplicateSpans 0, no conflict counted, multiRootTraces 1
    expect([c.spans, c.sampleSpans, c.duplicateSpans, c.duplicateKindConflicts, c.multiRootTraces]).toEqual([3, 2, 1, 1, 0]);
    const cor6 = r.findings!.find((f) => f.ruleId === 'COR-006')!;
    expect(cor6.passed).toBe(true);
    expect(cor6.message).toBe('0 traces have several root spans and 0 have none, of 1 traces examined. 1 span was exported twice (same ids, service and times) and counted once. 1 of them had a copy of another span kind (read by the kind of the copy kept: see the examples).');
    expect(cor6.evidence.examples).toEqual([{ file: 'b.json', line: 1, excerpt: 'web: GET /', note: 'span 0000000000000001 exported twice, as CLIENT here and SERVER in the copy kept: read as SERVER' }]);
    // the per-service checks read the same one span: 2 spans, the root a SERVER
    const kind = r.findings!.find((f) => f.ruleId === 'S-SPAN-KIND' && f.service === 'web')!;
    expect(kind.evidence.examined).toBe(2);
    const spa4 = r.instrumentationScore!.perService!.find((p) => p.service === 'web')!.rules.find((x) => x.id === 'SPA-004')!;
    expect([spa4.passed, spa4.detail]).toEqual([true, '0 of 1 root spans are CLIENT']);
  });

  it('a copy of the same kind is no conflict', () => {
    const r = analyseInputs([['a.json', doc([span(2), child])], ['b.json', doc([span(2)])]]);
    const c = r.correlation!.traces as unknown as Record<string, number>;
    expect([c.duplicateSpans, c.duplicateKindConflicts]).toEqual([1, undefined]);
  });
});

describe('the kind conflict among five broken traces', () => {
  it('keeps its example among the five COR-006 shows', () => {
    // five traces of one span each naming a missing parent (no root), and the conflicting copies
    const lone = (i: number) => ({ traceId: String(i).padStart(32, 'c'), spanId: '00000000000000f' + i, parentSpanId: '00000000000000e' + i, name: 'x', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000010000000' });
    const r = analyseInputs([['a.json', doc([span(2), child, ...[1, 2, 3, 4, 5].map(lone)])], ['b.json', doc([span(3)])]]);
    const cor6 = r.findings!.find((f) => f.ruleId === 'COR-006')!;
    // before this: 5 root examples, the conflict's cut off
    expect(cor6.evidence.examples.map((e) => e.note)).toEqual([
      'no root span in its trace: each of its 1 span names a parent',
      'no root span in its trace: each of its 1 span names a parent',
      'no root span in its trace: each of its 1 span names a parent',
      'no root span in its trace: each of its 1 span names a parent',
      'span 0000000000000001 exported twice, as CLIENT here and SERVER in the copy kept: read as SERVER',
    ]);
  });
});
