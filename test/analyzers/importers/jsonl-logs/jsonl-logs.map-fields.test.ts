import { describe, expect, it } from 'vitest';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, logs } from './log-test-helpers.js';

const iso = (ns: bigint | undefined) => (ns === undefined ? undefined : new Date(Number(ns / 1_000_000n)).toISOString());

describe("mapLogfmtLine: the time written before the message is the line's", () => {
  it("Grafana: `t=` before msg wins over a later `time=` field; the later one stays an attribute", () => {
    const text = [
      'logger=ngalert.scheduler t=2024-01-15T10:00:06.000000000Z level=warn msg="Tick dropped" rule_uid=abc time=2024-01-15T10:00:05Z',
      'logger=context userId=1 t=2024-01-15T10:00:05.000000000+01:00 level=error msg="Request Completed" time_ms=12',
    ].join('\n');
    const recs = logs(decodeText(logfmt, text + '\n'));
    // by hand: 10:00:06Z, and 10:00:05+01:00 = 09:00:05Z
    expect(recs.map((r) => iso(r.timeNs))).toEqual(['2024-01-15T10:00:06.000Z', '2024-01-15T09:00:05.000Z']);
    expect(recs[0]!.attributes['time']).toBe('2024-01-15T10:00:05Z');
  });

  it('a time key only after the message, or an unreadable one before it, changes nothing: the usual preference', () => {
    const text = ['level=info msg=a t=2024-01-15T10:00:01Z time=2024-01-15T10:00:02Z', 't=soon level=info msg=b time=2024-01-15T10:00:03Z'].join('\n');
    // `time` ranks above `t` when neither is before the message; an unreadable `t` is passed over
    expect(logs(decodeText(logfmt, text + '\n')).map((r) => iso(r.timeNs))).toEqual(['2024-01-15T10:00:02.000Z', '2024-01-15T10:00:03.000Z']);
  });
});

describe('ASP.NET Core JSON console with IncludeScopes', () => {
  it('the trace and span ids of the first scope that has them; Scopes stays an attribute', () => {
    const scoped = { Timestamp: '2024-01-15T10:00:05.000Z', EventId: 1, LogLevel: 'Information', Category: 'Microsoft.AspNetCore.Hosting.Diagnostics', Message: 'Request starting', Scopes: [{ Message: 'ConnectionId:0HN0ABCDEF', ConnectionId: '0HN0ABCDEF' }, { Message: 'SpanId:b7ad6b7169203331, TraceId:0af7651916cd43dd8448eb211c80319c, ParentId:0000000000000000', SpanId: 'b7ad6b7169203331', TraceId: '0af7651916cd43dd8448eb211c80319c', ParentId: '0000000000000000' }] };
    const plain = { Timestamp: '2024-01-15T10:00:06.000Z', LogLevel: 'Warning', Category: 'Orders', Message: 'no scopes' };
    const recs = logs(decodeText(jsonlLogs, [scoped, plain].map((o) => JSON.stringify(o)).join('\n') + '\n'));
    // the ids as written in the second scope; the record without Scopes has none
    expect(recs.map((r) => [r.traceId, r.spanId])).toEqual([['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'], [undefined, undefined]]);
    expect(Array.isArray(recs[0]!.attributes['Scopes'])).toBe(true);
  });
});

describe('a field that names a part of a known product is no service', () => {
  it("PostgreSQL jsonlog's application_name (the client's) and Nextcloud's per-line app stay attributes", () => {
    const pg = { timestamp: '2024-01-15 10:00:05.456 UTC', user: 'app', dbname: 'shop', pid: 2345, session_id: '65a4f1b5.929', error_severity: 'ERROR', message: 'relation "foo" does not exist', application_name: 'psql', backend_type: 'client backend' };
    const nc = (app: string) => ({ reqId: 'Zabc1234DEF', level: 1, time: '2024-01-15T10:00:00+00:00', app, message: 'm', version: '28.0.1.1' });
    // elsewhere an `app` or `application_name` field still names the service
    const other = { time: '2024-01-15T10:00:00Z', level: 'info', msg: 'm', app: 'checkout' };
    const recs = logs(decodeText(jsonlLogs, [pg, nc('files'), nc('core'), other].map((o) => JSON.stringify(o)).join('\n') + '\n'));
    expect(recs.map((r) => r.resource.serviceName)).toEqual([undefined, undefined, undefined, 'checkout']);
    expect(recs.map((r) => r.attributes['application_name'] ?? r.attributes['app'])).toEqual(['psql', 'files', 'core', 'checkout']);
  });
});

describe("Elasticsearch 7's node.name", () => {
  it('beside cluster.name it is the Elasticsearch node, no Kubernetes node; elsewhere node.name still is one', () => {
    const es = { type: 'server', timestamp: '2024-01-15T10:00:00,123+01:00', level: 'INFO', component: 'o.e.n.Node', 'cluster.name': 'docker-cluster', 'node.name': 'es01', message: 'started' };
    const k8s = { time: '2024-01-15T10:00:00Z', msg: 'm', 'node.name': 'worker-1' };
    const recs = logs(decodeText(jsonlLogs, [es, k8s].map((o) => JSON.stringify(o)).join('\n') + '\n'));
    expect(recs.map((r) => r.resource.attributes['k8s.node.name'])).toEqual([undefined, 'worker-1']);
    expect(recs[0]!.attributes['node.name']).toBe('es01');
  });
});

describe("a Logstash v0 event's @fields (winston's format.logstash())", () => {
  it('are the event\'s own fields: its service, level and trace ids are read as at the top level', () => {
    const lines = [
      { '@fields': { level: 'info', service: 'orders', trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' }, '@message': 'request 0 handled', '@timestamp': '2026-11-27T12:00:00.000Z' },
      { '@fields': { amount: 4.5, component: 'repo', level: 'error', orderId: 3, service: 'orders' }, '@message': 'order 3 placed', '@timestamp': '2026-11-27T12:00:01.000Z' },
    ];
    const recs = logs(decodeText(jsonlLogs, lines.map((o) => JSON.stringify(o)).join('\n') + '\n'));
    expect(recs.map((r) => [r.resource.serviceName, r.severityText, r.severityNumber, r.body, iso(r.timeNs)])).toEqual([
      ['orders', 'info', 9, 'request 0 handled', '2026-11-27T12:00:00.000Z'],
      ['orders', 'error', 17, 'order 3 placed', '2026-11-27T12:00:01.000Z'],
    ]);
    expect(recs.map((r) => [r.traceId, r.spanId])).toEqual([['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'], [undefined, undefined]]);
    // the fields stay where they were written, with the rest of @fields
    expect(recs[1]!.attributes['@fields']).toEqual({ amount: 4.5, component: 'repo', level: 'error', orderId: 3, service: 'orders' });
  });

  it('a field of the same name elsewhere in the event is not taken for it; a top-level key of that name is still consumed as before', () => {
    const line = { '@fields': { service: 'orders' }, meta: { service: 'billing' }, '@message': 'm', '@timestamp': '2026-11-27T12:00:00.000Z', level: 'warn' };
    const [rec] = logs(decodeText(jsonlLogs, JSON.stringify(line) + '\n'));
    expect([rec!.resource.serviceName, rec!.severityNumber, rec!.attributes['level'], rec!.attributes['meta']]).toEqual(['orders', 13, undefined, { service: 'billing' }]);
  });
});
