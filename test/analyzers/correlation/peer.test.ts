// The callee of a client span whose callee left no span of its own, from the span's own
// attributes (OpenTelemetry semantic conventions): `peer.service`, the server address, the
// database or messaging system, and for an RPC that names no host, the service it calls (what
// AWS SDK instrumentation and X-Ray `aws` subsegments write: `rpc.service` = `DynamoDB`).
import { describe, expect, it } from 'vitest';
import { peerOf } from '../../../analyzers/correlation/collector.js';
import type { Span } from '../../../analyzers/model/index.js';

const span = (spanKind: Span['spanKind'], attributes: Span['attributes']): Span => ({
  kind: 'span',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  name: 'op',
  spanKind,
  status: { code: 'unset' },
  attributes,
  events: [],
  links: [],
  resource: { attributes: {} },
  source: { file: 'f', line: 1 },
});

describe('peerOf', () => {
  it('names the callee by peer.service, then the host, then the system', () => {
    expect(peerOf(span('client', { 'peer.service': 'payments', 'server.address': 'h' }))).toBe('http|payments');
    expect(peerOf(span('client', { 'server.address': 'api.example.com' }))).toBe('http|api.example.com');
    expect(peerOf(span('client', { 'db.system': 'postgresql', 'server.address': 'pg' }))).toBe('database|pg');
    expect(peerOf(span('producer', { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' }))).toBe('messaging|orders');
  });

  it('an RPC without a host: the service it calls', () => {
    expect(peerOf(span('client', { 'rpc.system.name': 'aws-api', 'rpc.service': 'DynamoDB', 'rpc.method': 'PutItem' }))).toBe('rpc|DynamoDB');
    expect(peerOf(span('client', { 'rpc.system': 'grpc', 'rpc.service': 'shop.Cart', 'server.address': 'cart' }))).toBe('rpc|cart');
    // not for a server span, and nothing without a name
    expect(peerOf(span('server', { 'rpc.system': 'grpc', 'rpc.service': 'shop.Cart' }))).toBe('');
    expect(peerOf(span('client', { 'rpc.system': 'grpc' }))).toBe('');
  });
});
