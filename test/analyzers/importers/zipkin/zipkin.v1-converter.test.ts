// The v1 → v2 split against openzipkin/zipkin's own expectations: each case is a case of
// zipkin/src/test/java/zipkin2/v1/SpanConverterTest.java and V1SpanConverterTest.java (same name),
// written as the JSON a v1 tracer sends and the v2 span(s) Zipkin makes of it.
import { describe, expect, it } from 'vitest';
import { convertZipkinV1Span } from '../../../../analyzers/importers/zipkin/map-v1.js';
import type { RawZipkinSpan } from '../../../../analyzers/importers/zipkin/map.js';
import type { ImportErrorCode } from '../../../../analyzers/importers/types.js';

const FE = { serviceName: 'frontend', ipv4: '172.17.0.13' };
const BE = { serviceName: 'backend', ipv4: '172.17.0.11', port: 9000 };
const KAFKA = { serviceName: 'kafka' };
const TS = 1472470996199000;

type Ep = Record<string, unknown> | null;
const a = (timestamp: number, value: string, endpoint: Ep = null) => (endpoint === null ? { timestamp, value } : { timestamp, value, endpoint });
const tag = (key: string, value: string, endpoint: Ep = null) => (endpoint === null ? { key, value } : { key, value, endpoint });
const addr = (key: 'ca' | 'sa' | 'ma', endpoint: Ep) => ({ key, value: true, endpoint });

/** A v1 span: trace 1, parent 2, id 3, name get unless overridden. */
const v1 = (extra: Record<string, unknown>) => ({ traceId: '1', parentId: '2', id: '3', name: 'get', annotations: [], binaryAnnotations: [], ...extra });
/** The v2 span expected, with the same defaults (ids as the importer pads them). */
const v2 = (extra: Partial<RawZipkinSpan> & Record<string, unknown>): RawZipkinSpan => ({
  traceId: '0000000000000001',
  parentId: '0000000000000002',
  id: '0000000000000003',
  name: 'get',
  annotations: [],
  tags: {},
  ...extra,
});

const CASES: [string, Record<string, unknown>, RawZipkinSpan[]][] = [
  [
    'client',
    v1({
      timestamp: TS,
      duration: 207000,
      annotations: [a(TS, 'cs', FE), a(1472470996238000, 'ws', FE), a(1472470996403000, 'wr', FE), a(1472470996406000, 'cr', FE)],
      binaryAnnotations: [tag('http.path', '/api', FE), tag('clnt/finagle.version', '6.45.0', FE), addr('sa', BE)],
    }),
    [v2({ kind: 'CLIENT', localEndpoint: FE, remoteEndpoint: BE, timestamp: TS, duration: 207000, annotations: [a(1472470996238000, 'ws'), a(1472470996403000, 'wr')], tags: { 'clnt/finagle.version': '6.45.0', 'http.path': '/api' } })],
  ],
  ['client_unfinished', v1({ timestamp: TS, annotations: [a(TS, 'cs', FE), a(1472470996238000, 'ws', FE)] }), [v2({ kind: 'CLIENT', localEndpoint: FE, timestamp: TS, annotations: [a(1472470996238000, 'ws')] })]],
  ['lateRemoteEndpoint_cr', v1({ annotations: [a(TS, 'cr', FE)], binaryAnnotations: [addr('sa', BE)] }), [v2({ kind: 'CLIENT', localEndpoint: FE, remoteEndpoint: BE, annotations: [a(TS, 'cr')] })]],
  ['lateRemoteEndpoint_sa', v1({ name: '', binaryAnnotations: [addr('sa', BE)] }), [v2({ name: '', remoteEndpoint: BE })]],
  ['noAnnotationsExceptAddresses', v1({ timestamp: TS, duration: 207000, binaryAnnotations: [tag('lc', '', FE), addr('sa', BE)] }), [v2({ localEndpoint: FE, remoteEndpoint: BE, timestamp: TS, duration: 207000 })]],
  [
    'server',
    v1({ parentId: undefined, id: '2', timestamp: TS, duration: 207000, annotations: [a(TS, 'sr', BE), a(1472470996406000, 'ss', BE)], binaryAnnotations: [tag('http.path', '/api', BE), tag('finagle.version', '6.45.0', BE), addr('ca', FE)] }),
    [v2({ parentId: undefined, id: '0000000000000002', kind: 'SERVER', localEndpoint: BE, remoteEndpoint: FE, timestamp: TS, duration: 207000, tags: { 'finagle.version': '6.45.0', 'http.path': '/api' } })],
  ],
  [
    'server_clientAddress',
    v1({
      parentId: undefined,
      id: '2',
      annotations: [a(TS, 'sr', BE), a(TS + 500, 'Gc(9,0.PSScavenge)', BE), a(TS + 207000, 'ss', BE)],
      // finagle sometimes leaves the port out of tags (port 0 = none)
      binaryAnnotations: [tag('srv/finagle.version', '6.28.0', { ...BE, port: 0 }), addr('sa', BE), addr('ca', { ...FE, port: 63840 })],
    }),
    [v2({ parentId: undefined, id: '0000000000000002', kind: 'SERVER', localEndpoint: BE, remoteEndpoint: { ...FE, port: 63840 }, timestamp: TS, duration: 207000, annotations: [a(TS + 500, 'Gc(9,0.PSScavenge)')], tags: { 'srv/finagle.version': '6.28.0' }, shared: true })],
  ],
  ['missingEndpoints', v1({ parentId: '1', id: '2', name: 'foo', timestamp: TS, duration: 207000 }), [v2({ parentId: '0000000000000001', id: '0000000000000002', name: 'foo', timestamp: TS, duration: 207000 })]],
  ['missingEndpoints_coreAnnotation', v1({ parentId: '1', id: '2', name: 'foo', timestamp: TS, annotations: [a(TS, 'sr')] }), [v2({ parentId: '0000000000000001', id: '0000000000000002', name: 'foo', timestamp: TS, annotations: [a(TS, 'sr')] })]],
  ['server_shared_v1_no_timestamp_duration', v1({ annotations: [a(TS, 'sr', BE), a(1472470996406000, 'ss', BE)] }), [v2({ kind: 'SERVER', shared: true, localEndpoint: BE, timestamp: TS, duration: 207000 })]],
  ['server_incomplete_shared', v1({ annotations: [a(TS, 'sr', BE)] }), [v2({ kind: 'SERVER', shared: true, localEndpoint: BE, timestamp: TS })]],
  ['lateRemoteEndpoint_ss', v1({ parentId: undefined, id: '2', annotations: [a(TS, 'ss', BE)], binaryAnnotations: [addr('ca', FE)] }), [v2({ parentId: undefined, id: '0000000000000002', kind: 'SERVER', localEndpoint: BE, remoteEndpoint: FE, annotations: [a(TS, 'ss')] })]],
  ['lateRemoteEndpoint_ca', v1({ parentId: undefined, id: '2', name: '', binaryAnnotations: [addr('ca', FE)] }), [v2({ parentId: undefined, id: '0000000000000002', name: '', kind: 'SERVER', remoteEndpoint: FE })]],
  ['localSpan_emptyComponent', v1({ parentId: undefined, id: '2', name: 'local', timestamp: TS, duration: 207000, binaryAnnotations: [tag('lc', '', { serviceName: 'frontend' })] }), [v2({ parentId: undefined, id: '0000000000000002', name: 'local', localEndpoint: { serviceName: 'frontend' }, timestamp: TS, duration: 207000 })]],
  ['producer_remote', v1({ name: 'send', timestamp: TS, annotations: [a(TS, 'ms', FE)], binaryAnnotations: [addr('ma', KAFKA)] }), [v2({ name: 'send', kind: 'PRODUCER', localEndpoint: FE, remoteEndpoint: KAFKA, timestamp: TS })]],
  ['producer_duration', v1({ name: 'send', timestamp: TS, duration: 51000, annotations: [a(TS, 'ms', FE), a(1472470996250000, 'ws', FE)] }), [v2({ name: 'send', kind: 'PRODUCER', localEndpoint: FE, timestamp: TS, duration: 51000 })]],
  ['consumer', v1({ name: 'next-message', timestamp: TS, annotations: [a(TS, 'mr', BE)] }), [v2({ name: 'next-message', kind: 'CONSUMER', localEndpoint: BE, timestamp: TS })]],
  ['consumer_remote', v1({ name: 'next-message', timestamp: TS, annotations: [a(TS, 'mr', BE)], binaryAnnotations: [addr('ma', KAFKA)] }), [v2({ name: 'next-message', kind: 'CONSUMER', localEndpoint: BE, remoteEndpoint: KAFKA, timestamp: TS })]],
  ['consumer_duration', v1({ name: 'next-message', timestamp: TS, duration: 51000, annotations: [a(TS, 'wr', BE), a(1472470996250000, 'mr', BE)] }), [v2({ name: 'next-message', kind: 'CONSUMER', localEndpoint: BE, timestamp: TS, duration: 51000 })]],
  [
    'clientAndServer',
    v1({
      timestamp: TS,
      duration: 207000,
      annotations: [a(TS, 'cs', FE), a(1472470996238000, 'ws', FE), a(1472470996250000, 'sr', BE), a(1472470996350000, 'ss', BE), a(1472470996403000, 'wr', FE), a(1472470996406000, 'cr', FE)],
      binaryAnnotations: [tag('http.path', '/api', FE), tag('http.path', '/BACKEND', BE), tag('clnt/finagle.version', '6.45.0', FE), tag('srv/finagle.version', '6.44.0', BE), addr('ca', FE), addr('sa', BE)],
    }),
    [
      v2({ kind: 'CLIENT', localEndpoint: FE, remoteEndpoint: BE, timestamp: TS, duration: 207000, annotations: [a(1472470996238000, 'ws'), a(1472470996403000, 'wr')], tags: { 'clnt/finagle.version': '6.45.0', 'http.path': '/api' } }),
      v2({ kind: 'SERVER', shared: true, localEndpoint: BE, remoteEndpoint: FE, timestamp: 1472470996250000, duration: 100000, tags: { 'http.path': '/BACKEND', 'srv/finagle.version': '6.44.0' } }),
    ],
  ],
  ['assumesServerWithoutTimestampIsShared', v1({ annotations: [a(1472470996250000, 'sr', BE), a(1472470996350000, 'ss', BE)] }), [v2({ kind: 'SERVER', shared: true, localEndpoint: BE, timestamp: 1472470996250000, duration: 100000 })]],
  [
    'clientAndServer_loopback',
    v1({ timestamp: TS, duration: 207000, annotations: [a(TS, 'cs', FE), a(1472470996250000, 'sr', FE), a(1472470996350000, 'ss', FE), a(1472470996406000, 'cr', FE)] }),
    [v2({ kind: 'CLIENT', localEndpoint: FE, timestamp: TS, duration: 207000 }), v2({ kind: 'SERVER', shared: true, localEndpoint: FE, timestamp: 1472470996250000, duration: 100000 })],
  ],
  ['oneway_loopback', v1({ annotations: [a(TS, 'cs', FE), a(1472470996250000, 'sr', FE)] }), [v2({ kind: 'CLIENT', localEndpoint: FE, timestamp: TS }), v2({ kind: 'SERVER', shared: true, localEndpoint: FE, timestamp: 1472470996250000 })]],
  ['producer', v1({ name: 'send', annotations: [a(TS, 'ms', FE)] }), [v2({ name: 'send', kind: 'PRODUCER', localEndpoint: FE, timestamp: TS })]],
  ['client_missingCs', v1({ parentId: undefined, id: '2', timestamp: TS, duration: 207000, annotations: [a(1472470996406000, 'cs', FE)] }), [v2({ parentId: undefined, id: '0000000000000002', kind: 'CLIENT', localEndpoint: FE, timestamp: TS, duration: 207000 })]],
  ['server_missingSr', v1({ parentId: undefined, id: '2', timestamp: TS, duration: 207000, annotations: [a(1472470996406000, 'ss', BE)] }), [v2({ parentId: undefined, id: '0000000000000002', kind: 'SERVER', localEndpoint: BE, timestamp: TS, duration: 207000 })]],
  [
    'redundantAddressAnnotations_client',
    v1({ timestamp: TS, duration: 207000, annotations: [a(TS, 'cs', FE), a(1472470996406000, 'cr', FE)], binaryAnnotations: [addr('ca', FE), addr('sa', FE)] }),
    [v2({ kind: 'CLIENT', localEndpoint: FE, remoteEndpoint: FE, timestamp: TS, duration: 207000 })],
  ],
  [
    'redundantServiceNameOnAddressAnnotations_server',
    v1({ timestamp: TS, duration: 207000, annotations: [a(TS, 'sr', FE), a(1472470996406000, 'ss', FE)], binaryAnnotations: [addr('ca', FE), addr('sa', FE)] }),
    [v2({ kind: 'SERVER', localEndpoint: FE, timestamp: TS, duration: 207000 })],
  ],
  [
    'redundantServiceNameOnAddressAnnotations_serverRetainsClientSocket',
    v1({ timestamp: TS, duration: 207000, annotations: [a(TS, 'sr', BE), a(1472470996406000, 'ss', BE)], binaryAnnotations: [addr('ca', { ...FE, serviceName: 'backend' }), addr('sa', BE)] }),
    [v2({ kind: 'SERVER', localEndpoint: BE, remoteEndpoint: { ipv4: FE.ipv4 }, timestamp: TS, duration: 207000 })],
  ],
  [
    'producerAndConsumer',
    v1({ name: 'whatev', annotations: [a(TS, 'ms', FE), a(1472470996238000, 'ws', FE), a(1472470996403000, 'wr', BE), a(1472470996406000, 'mr', BE)], binaryAnnotations: [addr('ma', KAFKA)] }),
    [
      v2({ name: 'whatev', kind: 'PRODUCER', localEndpoint: FE, remoteEndpoint: KAFKA, timestamp: TS, duration: 1472470996238000 - TS }),
      v2({ name: 'whatev', kind: 'CONSUMER', shared: true, localEndpoint: BE, remoteEndpoint: KAFKA, timestamp: 1472470996403000, duration: 3000 }),
    ],
  ],
  [
    'producerAndConsumer_loopback_shared',
    v1({ name: 'message', annotations: [a(TS, 'ms', FE), a(1472470996238000, 'ws', FE), a(1472470996403000, 'wr', FE), a(1472470996406000, 'mr', FE)] }),
    [
      v2({ name: 'message', kind: 'PRODUCER', localEndpoint: FE, timestamp: TS, duration: 1472470996238000 - TS }),
      v2({ name: 'message', kind: 'CONSUMER', shared: true, localEndpoint: FE, timestamp: 1472470996403000, duration: 3000 }),
    ],
  ],
  ['onlyAddressAnnotations', v1({ name: 'rpc', binaryAnnotations: [addr('ca', FE), addr('sa', BE)] }), [v2({ name: 'rpc', localEndpoint: FE, remoteEndpoint: BE })]],
  [
    'dataMissingEndpointGoesOnFirstSpan',
    v1({
      parentId: undefined,
      id: '2',
      name: 'missing',
      annotations: [a(TS, 'foo', FE), a(1472470996238000, 'bar', FE), a(1472470996250000, 'baz', BE), a(1472470996350000, 'qux', BE), a(1472470996403000, 'missing')],
      binaryAnnotations: [tag('foo', 'bar', FE), tag('baz', 'qux', BE), tag('missing', '')],
    }),
    [
      v2({ parentId: undefined, id: '0000000000000002', name: 'missing', localEndpoint: FE, annotations: [a(TS, 'foo'), a(1472470996238000, 'bar'), a(1472470996403000, 'missing')], tags: { foo: 'bar', missing: '' } }),
      v2({ parentId: undefined, id: '0000000000000002', name: 'missing', localEndpoint: BE, annotations: [a(1472470996250000, 'baz'), a(1472470996350000, 'qux')], tags: { baz: 'qux' } }),
    ],
  ],
  ['parsesSharedFlagFromRPCSpan', v1({ timestamp: 10, annotations: [a(20, 'sr', BE), a(30, 'ss', BE)] }), [v2({ kind: 'SERVER', shared: true, localEndpoint: BE, timestamp: 20, duration: 10 })]],
  // V1SpanConverterTest: address annotations, also the "1" zipkin-ruby wrote instead of true.
  ['convert_ma', v1({ parentId: undefined, id: '2', name: '', annotations: [a(TS, 'mr', BE)], binaryAnnotations: [addr('ma', KAFKA)] }), [v2({ parentId: undefined, id: '0000000000000002', name: '', kind: 'CONSUMER', timestamp: TS, localEndpoint: BE, remoteEndpoint: KAFKA })]],
  ['convert_sa', v1({ parentId: undefined, id: '2', name: '', annotations: [a(TS, 'cs', FE)], binaryAnnotations: [addr('sa', BE)] }), [v2({ parentId: undefined, id: '0000000000000002', name: '', kind: 'CLIENT', timestamp: TS, localEndpoint: FE, remoteEndpoint: BE })]],
  ['convert_ca', v1({ parentId: undefined, id: '2', name: '', annotations: [a(TS, 'sr', BE)], binaryAnnotations: [addr('ca', FE)] }), [v2({ parentId: undefined, id: '0000000000000002', name: '', kind: 'SERVER', timestamp: TS, localEndpoint: BE, remoteEndpoint: FE, shared: true })]],
  ['convert_sa_incorrect_value', v1({ parentId: undefined, id: '2', name: '', annotations: [a(TS, 'cs', FE)], binaryAnnotations: [tag('sa', '1', BE)] }), [v2({ parentId: undefined, id: '0000000000000002', name: '', kind: 'CLIENT', timestamp: TS, localEndpoint: FE, remoteEndpoint: BE })]],
];

describe('zipkin v1 → v2 as openzipkin converts it', () => {
  for (const [name, input, expected] of CASES) {
    it(name, () => {
      const errors: ImportErrorCode[] = [];
      const out = { record: () => {}, error: (code: ImportErrorCode) => void errors.push(code) };
      const clean = (s: RawZipkinSpan) => JSON.parse(JSON.stringify(s)) as RawZipkinSpan; // drop undefined fields
      expect(convertZipkinV1Span(JSON.parse(JSON.stringify(input)), out)).toEqual(expected.map(clean));
      expect(errors).toEqual([]);
    });
  }
});
