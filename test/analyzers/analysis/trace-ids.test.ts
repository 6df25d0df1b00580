// One spelling per trace id across formats: a 64-bit trace id is 16 hex in Jaeger's JSON and
// left-padded to 32 in OTLP (and W3C, and logs that print a 32-hex trace_id). A Jaeger export
// and an OTLP export of one trace counted it twice.
import { describe, expect, it } from 'vitest';
import { canonicalTraceId } from '../../../analyzers/analysis/trace-ids.js';
import { analyseInputs } from '../../helpers/analyse.js';

const TID = '463ac35c9f6413ad';

describe('canonicalTraceId', () => {
  it('folds a zero high half, leaves every other id alone', () => {
    expect(canonicalTraceId('0000000000000000' + TID)).toBe(TID);
    expect(canonicalTraceId(TID)).toBe(TID);
    expect(canonicalTraceId('5b8efff798038103d269b633813fc60c')).toBe('5b8efff798038103d269b633813fc60c');
    expect(canonicalTraceId('0000000000000001' + TID)).toBe('0000000000000001' + TID);
    expect(canonicalTraceId('00000000000000000')).toBe('00000000000000000'); // not 32 long
  });
});

describe('a trace exported by Jaeger (16 hex) and OTLP (32 hex, zero high half)', () => {
  it('is one trace: the OTLP span (and its link) joins the Jaeger spans', () => {
    const jaeger = JSON.stringify({
      data: [{
        traceID: TID,
        spans: [0, 1, 2].map((i) => ({ traceID: TID, spanID: `000000000000000${i + 1}`, operationName: 'GET /x', references: i ? [{ refType: 'CHILD_OF', traceID: TID, spanID: `000000000000000${i}` }] : [], startTime: 1700000000000000 + i * 10, duration: 100, tags: [], logs: [], processID: 'p1' })),
        processes: { p1: { serviceName: 'api', tags: [] } },
      }],
    });
    const otlp = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'db' } }] }, scopeSpans: [{ spans: [{ traceId: '0000000000000000' + TID, spanId: '00000000000000aa', parentSpanId: '0000000000000003', name: 'SELECT', kind: 3, startTimeUnixNano: '1700000000000050000', endTimeUnixNano: '1700000000000080000', links: [{ traceId: '0000000000000000' + TID, spanId: '0000000000000001' }] }] }] }] }) + '\n';
    const report = analyseInputs([['jaeger.json', jaeger], ['otlp.jsonl', otlp]]);
    expect(report.inputs.map((i) => [i.format, i.records])).toEqual([['jaeger', 3], ['otlp-json', 1]]);
    expect(report.signals.traces).toMatchObject({ spans: 4, traces: 1 });
  });
});
