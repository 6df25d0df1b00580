import { describe, expect, it } from 'vitest';
import { csvSpans, mapHeaderCell } from '../../../../analyzers/importers/csv-spans/index.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { decode, readData } from '../common/json-test-helpers.js';

// [rows, root spans, traces] counted with python:
//   r=list(csv.DictReader(open(F))); len(r), sum(x['ParentID']=='root' for x in r), len({x['TraceID'] for x in r})
const EXPECTED: Record<string, [number, number, number]> = {
  'incident-nezha/trainticket-2023-01-30/trace/11_51_trace.csv': [3789, 52, 52],
  'incident-nezha/trainticket-2023-01-30/trace/11_52_trace.csv': [2694, 41, 41],
  'incident-nezha/trainticket-2023-01-30/trace/11_53_trace.csv': [3463, 50, 50],
};

describe('csv-spans on the Nezha trace CSVs', () => {
  for (const [file, [rows, roots, traces]] of Object.entries(EXPECTED)) {
    it(`reads ${file} exactly`, () => {
      const r = decode(csvSpans, readData(file), undefined, file);
      expect(r.errors).toEqual([]);
      const spans = r.records as Span[];
      expect(spans.length).toBe(rows);
      expect(spans.filter((s) => s.parentSpanId === undefined).length).toBe(roots);
      expect(new Set(spans.map((s) => s.traceId)).size).toBe(traces);
      expect(r.progress.lines).toBe(rows + 1);
    });
  }

  it('maps the first row: pod as service identity and k8s.pod.name, ns times', () => {
    const s = decode(csvSpans, readData('incident-nezha/trainticket-2023-01-30/trace/11_51_trace.csv')).records[0] as Span;
    // head -2 11_51_trace.csv
    expect(s).toMatchObject({
      traceId: 'aa00265193e2a75bdbb109b5a286b3a3',
      spanId: 'dd8e061dd1813199',
      name: '/*',
      startNs: 1675079501299000000n,
      endNs: 1675079501682364930n,
      source: { line: 2, offset: 89 },
    });
    expect(s.parentSpanId).toBeUndefined();
    expect(s.resource.serviceName).toBe('ts-gateway-service-6f6cfc45b-d9pnv');
    expect(s.resource.attributes['k8s.pod.name']).toBe('ts-gateway-service-6f6cfc45b-d9pnv');
  });

  it('maps header synonyms, units, status and kind; other columns become attributes', () => {
    expect(mapHeaderCell('Parent_Span_ID')).toEqual({ role: 'parent' });
    expect(mapHeaderCell('Duration(us)')).toEqual({ role: 'duration', unitNs: 1000n });
    expect(mapHeaderCell('duration_ms')).toEqual({ role: 'duration', unitNs: 1000000n });
    const csv = 'trace_id;span_id;parent_span_id;name;service_name;start_time;duration_ms;status_code;kind;http.route\n' +
      '0af7651916cd43dd8448eb211c80319c;b7ad6b7169203331;;GET /x;cart;2023-01-30T11:51:46.5Z;1.5;STATUS_CODE_ERROR;SPAN_KIND_SERVER;/x\n';
    const r = decode(csvSpans, csv);
    expect(r.errors).toEqual([]);
    const s = r.records[0] as Span;
    expect(s).toMatchObject({ name: 'GET /x', spanKind: 'server', status: { code: 'error' }, attributes: { 'http.route': '/x' } });
    expect(s.resource.serviceName).toBe('cart');
    expect(s.startNs).toBe(1675079506500000000n);
    expect(s.endNs! - s.startNs!).toBe(1500000n);
  });

  it('rejects rows with bad ids alone and keeps the rest', () => {
    const csv = 'TraceID,SpanID,ParentID,OperationName\nzz,1,root,a\n0af7651916cd43dd8448eb211c80319c,b7ad6b7169203331,root,b\n,2,root,c\n';
    const r = decode(csvSpans, csv);
    expect(r.records.length).toBe(1);
    expect(r.progress.rejected).toBe(2);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([
      ['invalid-id', 2],
      ['missing-field', 4],
    ]);
  });
});
