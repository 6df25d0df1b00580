// Zipkin v1 JSON (api/v1/spans and /api/v1/traces bodies, JSON Kafka topic dumps): read into the same
// spans as Zipkin v2, split as openzipkin/zipkin's V1SpanConverter splits them. Every count below
// is derived by hand from the fixture next to it.
import { describe, expect, it } from 'vitest';
import { zipkin } from '../../../../analyzers/importers/zipkin/index.js';
import { Analysis } from '../../../../analyzers/analysis/analysis.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import type { Span } from '../../../../analyzers/model/index.js';
import type { Report } from '../../../../analyzers/report/model.js';
import { codes, decode } from '../common/json-test-helpers.js';

const FRONTEND = { serviceName: 'frontend', ipv4: '192.168.99.1', port: 49282 };
const BACKEND = { serviceName: 'backend', ipv4: '192.168.99.101', port: 9000 };
const T0 = 1556604172355737;

// One RPC logged by both sides under one span id: cs/cr by frontend, sr/ss by backend. The span's
// own timestamp + duration end exactly at cr. Zipkin makes it a CLIENT span (frontend, the span's
// timestamp/duration, remote = "sa") and a SERVER span (backend, shared, start sr, duration
// ss − sr = 1000 µs, remote = "ca"); string binary annotations go to the side that logged them.
const SHARED = {
  traceId: '5af7183fb1d4cf5f',
  parentId: '6b221d5bc9e6496c',
  id: '352bff9a74ca9ad2',
  name: 'get /api',
  timestamp: T0,
  duration: 1431,
  annotations: [
    { timestamp: T0 + 1431, value: 'cr', endpoint: FRONTEND },
    { timestamp: T0, value: 'cs', endpoint: FRONTEND },
    { timestamp: T0 + 163, value: 'sr', endpoint: BACKEND },
    { timestamp: T0 + 500, value: 'cache.miss', endpoint: BACKEND },
    { timestamp: T0 + 1163, value: 'ss', endpoint: BACKEND },
  ],
  binaryAnnotations: [
    { key: 'http.path', value: '/api', endpoint: BACKEND },
    { key: 'clnt/finagle.version', value: '6.45.0', endpoint: FRONTEND },
    { key: 'sa', value: true, endpoint: BACKEND },
    { key: 'ca', value: true, endpoint: { ipv4: '192.168.99.1', port: 49282 } },
    { key: 'error', value: 'timeout', endpoint: BACKEND },
  ],
};

// A local span: no core annotations, the empty "lc" binary annotation names the service (and is
// not a tag); a second "lc" with a value is a tag (the component). One span, kind unspecified.
const LOCAL = {
  traceId: '5af7183fb1d4cf5f',
  parentId: '352bff9a74ca9ad2',
  id: '0000000000000abc',
  name: 'compute',
  timestamp: T0 + 200,
  duration: 50,
  binaryAnnotations: [{ key: 'lc', value: '', endpoint: { serviceName: 'backend', ipv4: '192.168.99.101' } }],
};

// No span timestamp or duration: the server side alone (sr/ss) gets start = sr and duration =
// ss − sr, and is "shared" (v1 convention: a server side without the span timestamp joined the
// client's span). A client side alone with only cs gets start = cs and no duration.
const UNTIMED_SERVER = {
  traceId: '00000000000000aa',
  id: 'b1',
  parentId: 'b0',
  name: 'post',
  annotations: [
    { timestamp: 1000, value: 'sr', endpoint: { serviceName: 'api' } },
    { timestamp: 1250, value: 'ss', endpoint: { serviceName: 'api' } },
  ],
  binaryAnnotations: [],
};
const UNTIMED_CLIENT = {
  traceId: 'aa',
  id: 'b2',
  parentId: 'b1',
  name: 'get',
  annotations: [{ timestamp: 1100, value: 'cs', endpoint: { serviceName: 'api' } }],
};

describe('zipkin v1', () => {
  it('splits a client+server span into a CLIENT and a shared SERVER span with the same id', () => {
    const r = decode(zipkin, JSON.stringify([SHARED]));
    expect([codes(r), r.progress.records, r.progress.rejected]).toEqual([[], 2, 0]);
    const [client, server] = r.records as Span[];
    expect(client).toMatchObject({ traceId: '5af7183fb1d4cf5f', spanId: '352bff9a74ca9ad2', parentSpanId: '6b221d5bc9e6496c', spanKind: 'client', name: 'get /api' });
    expect(client!.resource.serviceName).toBe('frontend');
    expect([client!.startNs, client!.endNs]).toEqual([BigInt(T0) * 1000n, BigInt(T0 + 1431) * 1000n]);
    expect(client!.attributes).toEqual({ 'clnt/finagle.version': '6.45.0', 'peer.service': 'backend', 'server.address': '192.168.99.101', 'server.port': 9000 });
    expect(client!.status).toEqual({ code: 'unset' });
    // cs/cr are the span's bounds, not events.
    expect(client!.events).toEqual([]);
    expect(server).toMatchObject({ traceId: '5af7183fb1d4cf5f', spanId: '352bff9a74ca9ad2', parentSpanId: '6b221d5bc9e6496c', spanKind: 'server' });
    expect(server!.resource.serviceName).toBe('backend');
    expect(server!.resource.attributes['host.ip']).toBe('192.168.99.101');
    expect([server!.startNs, server!.endNs]).toEqual([BigInt(T0 + 163) * 1000n, BigInt(T0 + 1163) * 1000n]);
    expect(server!.attributes).toEqual({ 'http.path': '/api', error: 'timeout', 'client.address': '192.168.99.1', 'client.port': 49282, 'zipkin.shared': true });
    expect(server!.status).toEqual({ code: 'error', message: 'timeout' });
    expect(server!.events.map((e) => [e.name, e.timeNs])).toEqual([['cache.miss', BigInt(T0 + 500) * 1000n]]);
  });

  it('a loopback call (both sides one service) still gives two spans', () => {
    const loop = { ...SHARED, binaryAnnotations: [], annotations: SHARED.annotations.map((a) => ({ ...a, endpoint: FRONTEND })) };
    const spans = decode(zipkin, JSON.stringify(loop)).records as Span[];
    expect(spans.map((s) => [s.spanKind, s.resource.serviceName, s.attributes['zipkin.shared']])).toEqual([
      ['client', 'frontend', undefined],
      ['server', 'frontend', true],
    ]);
  });

  it('a local span takes its service from "lc"', () => {
    const withComponent = { ...LOCAL, id: 'abd', binaryAnnotations: [...LOCAL.binaryAnnotations, { key: 'lc', value: 'spring-async', endpoint: { serviceName: 'backend' } }] };
    const r = decode(zipkin, JSON.stringify([LOCAL, withComponent]));
    expect(codes(r)).toEqual([]);
    const spans = r.records as Span[];
    expect(spans.map((s) => [s.spanId, s.spanKind, s.resource.serviceName, s.attributes])).toEqual([
      // (a local span: timestamp, duration, a local endpoint, no remote one — Zipkin v2 has no INTERNAL kind)
      ['0000000000000abc', 'internal', 'backend', {}],
      // Binary annotations are sorted by key and the last "lc" wins, as Zipkin's tag map does.
      ['0000000000000abd', 'internal', 'backend', { lc: 'spring-async' }],
    ]);
    expect(spans[0]!.endNs! - spans[0]!.startNs!).toBe(50_000n);
  });

  it('derives missing timestamps from the annotations', () => {
    const r = decode(zipkin, JSON.stringify([UNTIMED_SERVER, UNTIMED_CLIENT]));
    expect(codes(r)).toEqual([]);
    const [server, client] = r.records as Span[];
    expect([server!.spanKind, server!.startNs, server!.endNs, server!.attributes['zipkin.shared']]).toEqual(['server', 1_000_000n, 1_250_000n, true]);
    expect([client!.spanKind, client!.startNs, client!.endNs]).toEqual(['client', 1_100_000n, undefined]);
    // Short ids are left-padded, as for v2.
    expect([server!.traceId, server!.spanId, client!.traceId, client!.parentSpanId]).toEqual(['00000000000000aa', '00000000000000b1', '00000000000000aa', '00000000000000b1']);
  });

  it('reads 128-bit trace ids, from a 32-hex traceId or from traceIdHigh', () => {
    const base = { name: 'x', timestamp: 1, duration: 1, binaryAnnotations: [] };
    const spans = [
      { ...base, traceId: '463ac35c9f6413ad48485a3953bb6124', id: '1' },
      { ...base, traceId: '48485a3953bb6124', traceIdHigh: '463ac35c9f6413ad', id: '2' },
      // A 32-hex id whose high half is zero is a 64-bit id (V1Span.Builder.traceId).
      { ...base, traceId: '000000000000000048485a3953bb6124', id: '3' },
      // Thrift's i64 traceIdHigh written as a JSON number.
      { ...base, traceId: '48485a3953bb6124', traceIdHigh: 1, id: '4' },
      // Both a number too large to be exact and a non-hex string are refused.
      { ...base, traceId: '48485a3953bb6124', traceIdHigh: 2 ** 60, id: '5' },
      { ...base, traceId: '48485a3953bb6124', traceIdHigh: 'xyz', id: '6' },
    ];
    const r = decode(zipkin, JSON.stringify(spans));
    expect((r.records as Span[]).map((s) => s.traceId)).toEqual(['463ac35c9f6413ad48485a3953bb6124', '463ac35c9f6413ad48485a3953bb6124', '48485a3953bb6124', '000000000000000148485a3953bb6124']);
    expect([codes(r), r.progress.rejected]).toEqual([['invalid-id', 'invalid-id'], 2]);
  });

  it('reads the /api/v1/traces shape (an array of traces), a single span object and JSON Lines', () => {
    const traces = JSON.stringify([[SHARED, LOCAL], [UNTIMED_SERVER, UNTIMED_CLIENT]]);
    const r = decode(zipkin, traces);
    // SHARED → 2 spans, LOCAL → 1, UNTIMED_SERVER → 1, UNTIMED_CLIENT → 1.
    expect([codes(r), r.records.length]).toEqual([[], 5]);
    expect(decode(zipkin, JSON.stringify(SHARED)).records.length).toBe(2);
    const lines = decode(zipkin, `${JSON.stringify(SHARED)}\n${JSON.stringify(LOCAL)}\n`);
    expect(lines.records.map((s) => s.source.line)).toEqual([1, 1, 2]);
  });

  it('a broken span in the middle is counted and reported, the rest is read', () => {
    const text = [
      '[',
      JSON.stringify(SHARED) + ',',
      // line 3: binaryAnnotations is not an array
      JSON.stringify({ traceId: 'a', id: 'b', binaryAnnotations: 'oops' }) + ',',
      // line 4: an id that is not hex
      JSON.stringify({ traceId: 'a', id: 'not-hex', annotations: [{ timestamp: 1, value: 'cs', endpoint: FRONTEND }] }) + ',',
      // line 5: an annotation without timestamp is skipped (Zipkin refuses it); the span is kept
      JSON.stringify({ ...LOCAL, annotations: [{ value: 'x', endpoint: FRONTEND }] }) + ',',
      JSON.stringify(UNTIMED_SERVER),
      ']',
    ].join('\n');
    for (const chunk of [undefined, 1, 7, 4096]) {
      const r = decode(zipkin, text, chunk);
      // 2 (SHARED) + 1 (LOCAL) + 1 (UNTIMED_SERVER) spans; 2 v1 spans rejected.
      expect([r.records.length, r.progress.rejected]).toEqual([4, 2]);
      expect(r.errors.map((e) => [e.code, e.line])).toEqual([
        ['wrong-type', 3],
        ['invalid-id', 4],
        ['missing-field', 5],
      ]);
    }
  });

  it('a file mixing v2 and v1 spans is read span by span', () => {
    const v2 = { traceId: '5af7183fb1d4cf5f', id: '6b221d5bc9e6496c', name: 'get', kind: 'SERVER', timestamp: T0 - 10, duration: 2000, localEndpoint: { serviceName: 'gateway' }, annotations: [{ timestamp: T0, value: 'wr' }] };
    const r = decode(zipkin, JSON.stringify([v2, SHARED]));
    expect(codes(r)).toEqual([]);
    expect((r.records as Span[]).map((s) => [s.spanKind, s.resource.serviceName, s.events.length])).toEqual([
      ['server', 'gateway', 1], // a v2 annotation is an event, whatever its value
      ['client', 'frontend', 0],
      ['server', 'backend', 1],
    ]);
  });

  it('messaging: ms/mr split into PRODUCER and shared CONSUMER, ma is the broker', () => {
    const msg = {
      traceId: 'c',
      id: 'd',
      name: 'send',
      annotations: [
        { timestamp: 10, value: 'ms', endpoint: { serviceName: 'producer' } },
        { timestamp: 12, value: 'ws', endpoint: { serviceName: 'producer' } },
        { timestamp: 30, value: 'wr', endpoint: { serviceName: 'consumer' } },
        { timestamp: 35, value: 'mr', endpoint: { serviceName: 'consumer' } },
      ],
      binaryAnnotations: [{ key: 'ma', value: true, endpoint: { serviceName: 'kafka' } }],
    };
    const spans = decode(zipkin, JSON.stringify(msg)).records as Span[];
    expect(spans.map((s) => [s.spanKind, s.resource.serviceName, s.startNs, s.endNs, s.attributes['peer.service']])).toEqual([
      ['producer', 'producer', 10_000n, 12_000n, 'kafka'],
      ['consumer', 'consumer', 30_000n, 35_000n, 'kafka'],
    ]);
  });

  it('is sniffed as zipkin (also one span a line), never as a log', () => {
    const sniff = (text: string): string | undefined => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;
    expect(sniff(JSON.stringify([SHARED]))).toBe('zipkin');
    expect(sniff(JSON.stringify(UNTIMED_CLIENT) + '\n')).toBe('zipkin');
    expect(sniff(`${JSON.stringify(LOCAL)}\n${JSON.stringify(LOCAL)}\n`)).toBe('zipkin');
    expect(sniff(JSON.stringify([[UNTIMED_SERVER]], null, 2))).toBe('zipkin');
  });

  it('spans, traces and services of a v1 export are exact in the report', () => {
    // Trace 5af7183fb1d4cf5f: SHARED (client frontend + server backend) and LOCAL (backend);
    // trace 00000000000000aa: UNTIMED_SERVER and UNTIMED_CLIENT (api). 5 spans, 2 traces,
    // services api, backend, frontend.
    const analysis = new Analysis({ toolVersion: '0.0.0-test' });
    const bytes = new TextEncoder().encode(JSON.stringify([[SHARED, LOCAL], [UNTIMED_SERVER, UNTIMED_CLIENT]]));
    const input = analysis.openInput('v1.json', { totalBytes: bytes.length });
    input.push(bytes);
    input.end();
    const report = analysis.finish() as Report;
    expect([report.inputs[0]!.format, report.inputs[0]!.records, report.inputs[0]!.rejected]).toEqual(['zipkin', 5, 0]);
    expect(report.signals.traces).toMatchObject({ spans: 5, traces: 2, services: ['api', 'backend', 'frontend'] });
  });
});
