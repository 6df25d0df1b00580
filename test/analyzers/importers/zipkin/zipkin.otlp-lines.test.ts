// A capture proxy's JSON Lines of Zipkin v2 span lists and OTLP/HTTP JSON requests whose first
// 64 KB (the sniff window) hold only Zipkin lists: sniffed as zipkin, and every OTLP line after
// the window was rejected as a span without traceId, one each. The Zipkin reader now reads an
// OTLP request among its values as OTLP, as the OTLP JSON Lines reader reads the Zipkin lists of
// such a file when an OTLP request comes first: the whole file is read whichever kind comes first.
import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import { analyseInputs } from '../../../helpers/analyse.js';
import { canonical, countKinds, decode } from '../common/json-test-helpers.js';

const T0 = 1_795_824_000_000_000; // µs
const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

function zipkinList(i: number): object[] {
  const traceId = hex(i + 1, 32);
  return [0, 1, 2, 3].map((k) => ({ traceId, id: hex(i * 10 + k + 1, 16), ...(k > 0 ? { parentId: hex(i * 10 + 1, 16) } : {}), name: 'get /api', kind: k === 0 ? 'SERVER' : 'CLIENT', timestamp: T0 + i * 1000 + k, duration: 100, localEndpoint: { serviceName: 'zsvc' } }));
}

function otlpRequest(j: number): object {
  const span = { traceId: hex(100_000 + j, 32), spanId: hex(500_000 + j, 16), name: 'op', kind: 2, startTimeUnixNano: String(BigInt(T0 + j) * 1000n), endTimeUnixNano: String(BigInt(T0 + j + 5) * 1000n), status: {} };
  const logs = { timeUnixNano: String(BigInt(T0 + j) * 1000n), severityNumber: 9, body: { stringValue: `log ${j}` } };
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'osvc' } }] };
  return j % 2 === 0 ? { resourceSpans: [{ resource, scopeSpans: [{ spans: [span] }] }] } : { resourceLogs: [{ resource, scopeLogs: [{ logRecords: [logs] }] }] };
}

// Zipkin lists past the sniff window, then 10 OTLP requests (5 of one span, 5 of one log record).
const zipkinLines: string[] = [];
for (let i = 0; zipkinLines.join('\n').length < SNIFF_BYTES + 1000; i++) zipkinLines.push(JSON.stringify(zipkinList(i)));
const otlpLines = Array.from({ length: 10 }, (_, j) => JSON.stringify(otlpRequest(j)));
const zipkinFirst = [...zipkinLines, ...otlpLines].join('\n') + '\n';
const otlpFirst = [...otlpLines, ...zipkinLines].join('\n') + '\n';
const zipkinSpans = zipkinLines.length * 4;

describe('Zipkin-first JSON Lines with OTLP requests after the sniff window', () => {
  it('is sniffed as zipkin and read in full: every Zipkin span, 5 OTLP spans and 5 log records, nothing rejected, in any chunking', () => {
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(zipkinFirst.slice(0, SNIFF_BYTES)), false)).spec?.id).toBe('zipkin');
    const whole = decode(zipkin, zipkinFirst);
    expect(whole.errors).toEqual([]);
    expect(countKinds(whole.records)).toEqual({ span: zipkinSpans + 5, log: 5 });
    expect(whole.progress.rejected).toBe(0);
    // the OTLP records carry their line
    const firstOtlp = whole.records.find((r) => r.kind === 'log' || (r.kind === 'span' && r.resource.attributes['service.name'] === 'osvc'))!;
    expect(firstOtlp.source.line).toBe(zipkinLines.length + 1);
    for (const chunk of [1, 7, 4096]) {
      const r = decode(zipkin, zipkinFirst, chunk);
      expect(canonical(r.records)).toBe(canonical(whole.records));
      expect(r.errors).toEqual([]);
    }
  });

  it('reads the same records as the OTLP-first file does (the other order), provenance aside', () => {
    const a = decode(zipkin, zipkinFirst).records;
    const b = decode(otlpJson, otlpFirst).records;
    expect(countKinds(b)).toEqual({ span: zipkinSpans + 5, log: 5 });
    const key = (rs: typeof a) => rs.map((r) => canonical([{ ...r, source: { file: '', line: 0, offset: 0 } }])).sort();
    expect(key(a)).toEqual(key(b));
  });

  it('in the whole analysis: format zipkin, signal mixed, every record counted', () => {
    const r = analyseInputs([['capture.jsonl', zipkinFirst]]);
    expect(r.inputs[0]).toMatchObject({ format: 'zipkin', signal: 'mixed', records: zipkinSpans + 10, rejected: 0 });
    expect(r.signals.traces.spans).toBe(zipkinSpans + 5);
  });

  it('leaves a single Zipkin array document as it was: pretty-printed or on one line, same spans and errors', () => {
    const list = [...zipkinList(0), { id: hex(99, 16), name: 'no trace id' }];
    for (const doc of [JSON.stringify(list), JSON.stringify(list, null, 2)]) {
      const r = decode(zipkin, doc);
      expect(r.progress.records).toBe(4);
      expect(r.progress.rejected).toBe(1);
      expect(r.errors.map((e) => e.code)).toEqual(['missing-field']);
    }
  });
});
