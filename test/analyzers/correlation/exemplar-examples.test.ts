// COR-007's examples are metric points without an exemplar carrying a trace id, shown like every other
// metric example (name, labels, value). They were taken from the points without a unit, so an export
// whose points all have units showed no example, and the excerpt was the bare metric name.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';

type Finding = { ruleId: string; evidence: { examples?: { file: string; line?: number; excerpt: string }[] } };
// COR-007 is judged when the export holds traces too: one Zipkin span.
const zipkin = JSON.stringify([{ traceId: '4bf92f3577b34da6', id: '00f067aa0ba902b7', name: 'get /a', kind: 'SERVER', timestamp: 1704103200000000, duration: 1000, localEndpoint: { serviceName: 'api' } }]);
const cor007 = (r: unknown) => (r as { findings: Finding[] }).findings.find((f) => f.ruleId === 'COR-007');

describe('COR-007 examples', () => {
  it('points with units but no exemplar are the examples, with labels and value', () => {
    const om = [
      '# TYPE req_duration_seconds gauge',
      '# UNIT req_duration_seconds seconds',
      'req_duration_seconds{route="/a"} 0.25 1704103200',
      'req_duration_seconds{route="/b"} 0.5 1704103205',
      '# EOF',
      '',
    ].join('\n');
    const f = cor007(analyseInputs([['m.om.txt', om], ['spans.json', zipkin]]));
    expect(f).toBeDefined();
    const ex = f!.evidence.examples ?? [];
    expect(ex.map((e) => [e.file, e.line])).toEqual([['m.om.txt', 3], ['m.om.txt', 4]]);
    expect(ex[0]!.excerpt).toContain('route="/a"');
    expect(ex[0]!.excerpt).toContain('0.25');
    expect(ex.map((e) => (e as { note?: string }).note)).toEqual(['no exemplar', 'no exemplar']);
  });
});
