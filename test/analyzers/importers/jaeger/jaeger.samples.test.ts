import { describe, expect, it } from 'vitest';
import { jaeger } from '../../../../analyzers/importers/jaeger/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { codes, decode, listJson, readData } from '../common/json-test-helpers.js';

// Spans per file, counted with jq:
//   jq '[(if type=="array" then .[]|select(.spanID) else empty end),
//        (.data|if type=="array" then .[].spans[] elif type=="object" then .spans[] else empty end),
//        (.spans[]?), (if type=="object" and .spanID then . else empty end),
//        (.result.resourceSpans[]?.scopeSpans[]?.spans[]?)]|length' F
// [spans read, spans rejected]. Rejections are real: TraceGraph/testTrace.json and its copy use
// non-hex ids ("trace-123"/"span-1"); FindTraceSummaries.json is a summary list, not spans.
const EXPECTED: Record<string, [number, number]> = {
  'jaeger-json/jaeger-api-v3/FindTraceSummaries.json': [0, 1],
  'jaeger-json/jaeger-api-v3/FindTraces.json': [1, 0],
  'jaeger-json/jaeger-api-v3/GetTrace.json': [1, 0],
  'jaeger-json/jaeger-es-span/es_01.json': [1, 0],
  'jaeger-json/jaeger-proto-json/domain_01.json': [1, 0],
  'jaeger-json/jaeger-proto-json/domain_02.json': [2, 0],
  'jaeger-json/jaeger-proto-json/domain_03.json': [2, 0],
  'jaeger-json/jaeger-ui/TraceFlamegraph/testTrace.json': [4, 0],
  'jaeger-json/jaeger-ui/TraceGraph/testTrace.json': [0, 11],
  'jaeger-json/jaeger-ui/TraceTimelineViewer/genaiTestTrace.json': [57, 0],
  'jaeger-json/jaeger-ui/fixtures/oltp2jaeger-multi-out.json': [4, 0],
  'jaeger-json/jaeger-ui/fixtures/otlp2jaeger-out.json': [2, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/spanAmongEachOtherGroupedAndSpans.json': [17, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/spanLongerAsParent.json': [8, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/spansAmongEachOther.json': [12, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/spansAmongEachOtherGrouped.json': [15, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/testTrace.json': [0, 11],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/testTraceNormal.json': [5, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithMultipleSpansWithTheSameValueInDifferentTags.json': [4, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithOverlappingChildren.json': [3, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithOverlappingChildrenLongerThanParent.json': [4, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithSingleChildLongerThanParentAndStartsAfterParent.json': [2, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithThreeShortChildren.json': [4, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithThreeShortOverlappingChildren.json': [4, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithTwoChildrenStartedAtTraceStart.json': [3, 0],
  'jaeger-json/jaeger-ui/tableValuesTestTrace/traceWithTwoNonOverlappingChildren.json': [3, 0],
  'jaeger-json/jaeger/trace_success.json': [2, 0],
  'jaeger-json/jaeger/ui_01.json': [5, 0],
};

describe('jaeger on the real samples', () => {
  it('covers every trace file (dependencies are tested as negatives)', () => {
    const files = listJson('jaeger-json').filter((f) => !f.includes('dependencies'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, [spans, rejected]] of Object.entries(EXPECTED)) {
    it(`reads ${file} exactly`, () => {
      const r = decode(jaeger, readData(file), undefined, file);
      expect(r.records.length).toBe(spans);
      expect(r.progress.records).toBe(spans);
      expect(r.progress.rejected).toBe(rejected);
      if (rejected === 0) expect(r.errors).toEqual([]);
    });
  }

  it('maps the UI JSON model: processes, µs times, references, logs, tag types', () => {
    const r = decode(jaeger, readData('jaeger-json/jaeger/ui_01.json'));
    const s = r.records[0] as Span;
    // jq '.spans[0]' ui_01.json: startTime 1485467191639875 µs, duration 5 µs, process p1
    expect(s.traceId).toBe('0000000000000001');
    expect(s.spanId).toBe('0000000000000002');
    expect(s.startNs).toBe(1485467191639875000n);
    expect(s.endNs).toBe(1485467191639880000n);
    expect(s.events.length).toBe(2);
    expect(s.events[0]).toEqual({ name: 'some-event', timeNs: 1485467191639875000n, attributes: {} });
    expect(s.resource.serviceName).toBe('service-x');
  });

  it('maps api_v2 proto-JSON: base64 ids, RFC 3339 start, "NNNns" duration, vType tags, span.kind', () => {
    const r = decode(jaeger, readData('jaeger-json/jaeger-proto-json/domain_01.json'));
    const s = r.records[0] as Span;
    // echo AAAAAAAAAABSlpqJVVcaPw== | base64 -d | xxd -p → 000000000000000052969a8955571a3f
    expect(s.traceId).toBe('000000000000000052969a8955571a3f');
    expect(s.spanId).toBe('0000000000647d98');
    expect(s.parentSpanId).toBe('000000000068c4e3');
    // 2017-01-26T16:46:31.639875-05:00 = 1485467191.639875 s; duration 22938000ns
    expect(s.startNs).toBe(1485467191639875000n);
    expect(s.endNs! - s.startNs!).toBe(22938000n);
    expect(s.spanKind).toBe('server');
    expect(s.attributes).toMatchObject({ 'peer.port': 53931, someBool: true, someDouble: 129.8, 'peer.service': 'rtapi' });
    expect(s.attributes['span.kind']).toBeUndefined();
    expect(s.resource.serviceName).toBe('api');
    expect(s.resource.attributes['hostname']).toBe('api246-sjc1');
  });

  it('reads the flat span array with embedded processes and the error tag', () => {
    const r = decode(jaeger, readData('jaeger-json/jaeger/trace_success.json'));
    const spans = r.records as Span[];
    expect(spans.map((s) => [s.spanKind, s.status.code, s.resource.serviceName])).toEqual([
      ['server', 'unset', '16af988c443cff37'],
      ['client', 'error', '3c220036602f839e'],
    ]);
    expect(spans[1]!.parentSpanId).toBe(spans[0]!.spanId);
  });

  it('reads api_v3 {"result": OTLP} through the OTLP mapping', () => {
    const r = decode(jaeger, readData('jaeger-json/jaeger-api-v3/GetTrace.json'));
    expect(r.records[0]).toMatchObject({ traceId: '00000000000000000000000000000001', spanId: '0000000000000002', spanKind: 'server', status: { code: 'error' }, name: 'foobar' });
  });

  it('rejects dependency links when forced, one coded error per link', () => {
    // jq length large.json → 4271
    const r = decode(jaeger, readData('jaeger-json/jaeger-ui-dependencies/large.json'));
    expect(r.records.length).toBe(0);
    expect(r.progress.rejected).toBe(4271);
    expect(new Set(codes(r).filter((c) => c !== 'too-many-errors'))).toEqual(new Set(['invalid-record']));
  });
});
