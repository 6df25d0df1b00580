// AWS X-Ray importer: `aws xray batch-get-traces` output (test/fixtures/xray/batch-get-traces.json,
// pretty-printed with 4 spaces as the AWS CLI prints it), the same segment documents one a line,
// chunking invariance, hostile input and sniffing.
//
// The fixture, counted by hand: trace 1-581cf771-… has two Segments. The first, "Scorekeep"
// (194fcc8747581230, fault, HTTP 500, an exception cause) holds 3 subsegments: "## MoveController.move"
// (internal) with 2 of its own: "DynamoDB" (namespace aws, UpdateItem) and "rules-engine" (namespace
// remote, fault, HTTP 503, remote exception) which holds "parse response" (depth 3); then
// "scorekeep@db.example.com" (remote SQL) and "notify" (in_progress, no end_time). 1 + 3 + 2 + 1 = 7
// spans. The second Segment, "rules" (EC2), is the downstream segment of "rules-engine" (parent_id):
// 1 span. Trace 1-5759e988-… has "Scorekeep" (HTTP 404, error) with one remote subsegment (429, error,
// throttle): 2 spans. 7 + 1 + 2 = 10 spans, nothing rejected, and one invalid-record error for the one
// id in UnprocessedTraceIds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { secondsToNs, xray } from '../../../../analyzers/importers/xray/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES } from '../../../../analyzers/importers/types.js';
import type { Span } from '../../../../analyzers/model/index.js';
import { canonical, codes, decode, expectSameInAnyChunking, listJson, readData } from '../common/json-test-helpers.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/xray/batch-get-traces.json');
const RESPONSE = readFileSync(FIXTURE, 'utf8');
const T1 = '581cf771a006649127e371903a2de979';
const T2 = '5759e988bd862e3fe1be46a994272793';

const spans = (text: string, chunk?: number): Span[] => decode(xray, text, chunk).records as Span[];
/** The segment documents of the response, one a line (as the SDKs send them to the daemon). */
function documentLines(withDaemonHeader = false): string {
  const r = JSON.parse(RESPONSE) as { Traces: { Segments: { Document: string }[] }[] };
  const docs = r.Traces.flatMap((t) => t.Segments.map((s) => s.Document));
  return docs.map((d) => (withDaemonHeader ? '{"format": "json", "version": 1}\n' : '') + d + '\n').join('');
}
const withoutSource = (records: readonly unknown[]): string => canonical((records as Span[]).map(({ source: _s, ...rest }) => rest as Span));

describe('xray: batch-get-traces output', () => {
  const result = decode(xray, RESPONSE);
  const all = result.records as Span[];
  const byId = new Map(all.map((s) => [s.spanId, s]));

  it('reads 10 spans, rejects none, reports the unprocessed trace id once', () => {
    expect([all.length, result.progress.rejected, codes(result)]).toEqual([10, 0, ['invalid-record']]);
    expect(result.errors[0]!.message).toContain('1 trace id was not processed');
  });

  it('ids, parents, kinds, names and statuses, in document order', () => {
    const rows = all.map((s) => [s.traceId, s.spanId, s.parentSpanId ?? null, s.name, s.spanKind, s.status.code, s.status.message ?? null]);
    expect(rows).toEqual([
      [T1, '194fcc8747581230', null, 'Scorekeep', 'server', 'error', 'Rules engine unavailable'],
      [T1, '0f910026178b71eb', '194fcc8747581230', '## MoveController.move', 'internal', 'unset', null],
      [T1, '3a1e8c0f5d6b7a29', '0f910026178b71eb', 'DynamoDB', 'client', 'unset', null],
      [T1, '7c2d4e6f8a9b0c1d', '0f910026178b71eb', 'rules-engine', 'client', 'error', 'Service Unavailable'],
      [T1, '5e6f7a8b9c0d1e2f', '7c2d4e6f8a9b0c1d', 'parse response', 'internal', 'unset', null],
      [T1, '2b3c4d5e6f708192', '194fcc8747581230', 'scorekeep@db.example.com', 'client', 'unset', null],
      [T1, '9a8b7c6d5e4f3a2b', '194fcc8747581230', 'notify', 'internal', 'unset', null],
      // the downstream service's own segment keeps its parent_id (the caller's subsegment)
      [T1, '1d2c3b4a59687f6e', '7c2d4e6f8a9b0c1d', 'rules', 'server', 'error', null],
      // 404 with `error`: the caller's failure, not the server's (status unset, flag kept)
      [T2, '6b7c8d9e0f1a2b3c', null, 'Scorekeep', 'server', 'unset', null],
      // 429 with `error` on a client span: an error
      [T2, '4c5d6e7f8091a2b3', '6b7c8d9e0f1a2b3c', 'sessions.example.com', 'client', 'error', null],
    ]);
  });

  it('times are exact to the digit (not through x * 1e9); an in-progress subsegment has no end', () => {
    const a = byId.get('194fcc8747581230')!;
    expect([a.startNs, a.endNs]).toEqual([1478293361271000000n, 1478293361449000000n]);
    // start_time 1478293400.000001: the microsecond survives
    expect(byId.get('6b7c8d9e0f1a2b3c')!.startNs).toBe(1478293400000001000n);
    expect(byId.get('6b7c8d9e0f1a2b3c')!.endNs).toBe(1478293400012500000n);
    const notify = byId.get('9a8b7c6d5e4f3a2b')!;
    expect([notify.startNs, 'endNs' in notify]).toEqual([1478293361446000000n, false]);
    expect(secondsToNs(1.478293361271e9)).toBe(1478293361271000000n);
    expect(secondsToNs(1e-7)).toBe(100n);
  });

  it('the segment: HTTP attributes, annotations, exception event, resource', () => {
    const a = byId.get('194fcc8747581230')!;
    expect(a.attributes).toEqual({
      gameid: 'XNP3WVJZ',
      round: 3,
      final: false,
      'http.request.method': 'POST',
      'url.full': 'http://scorekeep.elasticbeanstalk.com/api/move/XNP3WVJZ',
      'url.scheme': 'http',
      'url.path': '/api/move/XNP3WVJZ',
      'client.address': '78.255.233.48',
      'user_agent.original': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_1)',
      'http.response.body.size': 112,
      'http.response.status_code': 500,
    });
    expect(a.events).toEqual([
      {
        name: 'exception',
        attributes: {
          'exception.type': 'scorekeep.RulesException',
          'exception.message': 'Rules engine unavailable',
          'exception.stacktrace': 'scorekeep.RulesException: Rules engine unavailable\n\tat scorekeep.MoveController.move(MoveController.java: 84)',
        },
      },
    ]);
    expect(a.resource).toEqual({
      serviceName: 'Scorekeep',
      serviceVersion: '1.4.2',
      attributes: {
        'service.name': 'Scorekeep',
        'cloud.provider': 'aws',
        'cloud.platform': 'aws_ecs',
        'aws.xray.origin': 'AWS::ECS::Container',
        'service.version': '1.4.2',
        'cloud.region': 'us-west-2',
        'cloud.account.id': '123456789012',
        'container.name': 'scorekeep-api',
        'telemetry.sdk.name': 'X-Ray for Java',
        'telemetry.sdk.version': '2.4.0',
      },
    });
    // subsegments share the segment's resource; the same service in the other trace too
    for (const id of ['0f910026178b71eb', '3a1e8c0f5d6b7a29', '5e6f7a8b9c0d1e2f', '9a8b7c6d5e4f3a2b', '6b7c8d9e0f1a2b3c', '4c5d6e7f8091a2b3']) expect(byId.get(id)!.resource).toBe(a.resource);
    expect(byId.get('1d2c3b4a59687f6e')!.resource.attributes).toEqual({
      'service.name': 'rules',
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_ec2',
      'aws.xray.origin': 'AWS::EC2::Instance',
      'cloud.availability_zone': 'us-west-2c',
      'host.id': 'i-075ad396f12bc325a',
    });
  });

  it('subsegments: AWS call, remote HTTP call with fault, SQL, throttle', () => {
    expect(byId.get('3a1e8c0f5d6b7a29')!.attributes).toEqual({
      'http.response.body.size': 60,
      'http.response.status_code': 200,
      'rpc.system.name': 'aws-api',
      'rpc.service': 'DynamoDB',
      'rpc.method': 'UpdateItem',
      'aws.region': 'us-west-2',
      'aws.request_id': 'UBQNSO5AEM8T4FDA4RQDEB94OVTDRVV4K4HIRGVJF66Q9ASUAAJG',
      'aws.dynamodb.table_names': ['scorekeep-game'],
    });
    const remote = byId.get('7c2d4e6f8a9b0c1d')!;
    expect(remote.attributes).toEqual({
      'http.request.method': 'GET',
      'url.full': 'http://rules.internal:8080/api/rules/TicTacToe',
      'url.scheme': 'http',
      'server.address': 'rules.internal',
      'server.port': 8080,
      'http.response.status_code': 503,
    });
    expect(remote.events).toEqual([{ name: 'exception', attributes: { 'exception.type': 'RemoteException', 'exception.message': 'Service Unavailable', 'aws.xray.exception.remote': true } }]);
    expect(byId.get('2b3c4d5e6f708192')!.attributes).toEqual({
      'db.system.name': 'postgresql',
      'db.query.text': 'SELECT * FROM moves WHERE game = ?',
      'server.address': 'db.example.com',
      'server.port': 5432,
      'db.namespace': 'scorekeep',
    });
    expect(byId.get('6b7c8d9e0f1a2b3c')!.attributes['aws.xray.error']).toBe(true);
    expect(byId.get('4c5d6e7f8091a2b3')!.attributes['aws.xray.throttle']).toBe(true);
  });

  it('the same documents one a line (with or without daemon headers) give the same spans', () => {
    const lines = decode(xray, documentLines());
    expect([lines.records.length, codes(lines)]).toEqual([10, []]);
    expect(withoutSource(lines.records)).toBe(withoutSource(all));
    expect(withoutSource(spans(documentLines(true)))).toBe(withoutSource(all));
    // as a JSON array of segment documents
    const arr = '[' + documentLines().trim().split('\n').join(',\n') + ']';
    expect(withoutSource(spans(arr))).toBe(withoutSource(all));
  });

  it('responses in an array (jq -s), Segments elements one a line, put-trace-segments input: the same spans', () => {
    const r = JSON.parse(RESPONSE) as { Traces: { Segments: { Document: string }[] }[] };
    const elements = r.Traces.flatMap((t) => t.Segments);
    expect(withoutSource(spans(`[${RESPONSE}]`))).toBe(withoutSource(all));
    expect(withoutSource(spans(elements.map((e) => JSON.stringify(e)).join('\n')))).toBe(withoutSource(all));
    const put = decode(xray, JSON.stringify({ TraceSegmentDocuments: elements.map((e) => e.Document) }));
    expect([withoutSource(put.records), codes(put)]).toEqual([withoutSource(all), []]);
  });

  it('a subsegment sent on its own keeps its parent_id and the resource of the segment read before', () => {
    const sub = { type: 'subsegment', id: 'aaaaaaaaaaaaaaaa', trace_id: '1-581cf771-a006649127e371903a2de979', parent_id: '0f910026178b71eb', name: 'S3', namespace: 'aws', start_time: 1478293361.3, end_time: 1478293361.31 };
    const got = spans(documentLines() + JSON.stringify(sub) + '\n');
    const s = got[got.length - 1]!;
    expect([s.spanId, s.parentSpanId, s.spanKind, s.resource.serviceName]).toEqual(['aaaaaaaaaaaaaaaa', '0f910026178b71eb', 'client', 'Scorekeep']);
  });
});

describe('xray: chunking', () => {
  for (const [name, text] of [
    ['batch-get-traces', RESPONSE],
    ['one a line', documentLines(true)],
  ] as const) {
    it(`${name}: identical records, errors and counters in 1-, 7- and 4096-byte chunks`, () => {
      expect(expectSameInAnyChunking(xray, new TextEncoder().encode(text)).records.length).toBe(10);
    });
  }
});

describe('xray: hostile input gives coded errors and never throws', () => {
  const response = (docs: string[]): string => JSON.stringify({ Traces: [{ Id: 'x', Segments: docs.map((d, i) => ({ Id: String(i), Document: d })) }], UnprocessedTraceIds: [] });
  const good = JSON.stringify({ id: '1111111111111111', name: 'svc', trace_id: '1-581cf771-a006649127e371903a2de979', start_time: 1, end_time: 2 });

  it('a Document that is not JSON costs that segment only', () => {
    const r = decode(xray, response(['{"id": "2222', good]));
    expect([r.records.length, r.progress.rejected, codes(r)]).toEqual([1, 1, ['invalid-json']]);
  });

  it('a wrong trace id rejects the segment and its subsegments (2 records)', () => {
    const bad = JSON.stringify({ id: '2222222222222222', name: 'svc', trace_id: '581cf771a006649127e371903a2de979', start_time: 1, subsegments: [{ id: '3333333333333333', name: 'x', start_time: 1 }] });
    const r = decode(xray, response([bad, good]));
    expect([r.records.length, r.progress.rejected, codes(r)]).toEqual([1, 2, ['invalid-id']]);
  });

  it('missing id, trace_id or name: missing-field; a bad subsegment costs itself only', () => {
    const noName = JSON.stringify({ id: '2222222222222222', trace_id: '1-581cf771-a006649127e371903a2de979', start_time: 1 });
    const noTrace = JSON.stringify({ id: '2222222222222222', name: 'svc', start_time: 1 });
    const badSub = JSON.stringify({ ...JSON.parse(good), subsegments: [{ id: 'zz', name: 'x', start_time: 1 }, { id: '4444444444444444', name: 'ok', start_time: 1 }] });
    const r = decode(xray, response([noName, noTrace, badSub]));
    expect([r.records.length, r.progress.rejected, codes(r)]).toEqual([2, 3, ['missing-field', 'missing-field', 'invalid-id']]);
  });

  it('end before start: invalid-timestamp, the span kept without its end', () => {
    const r = decode(xray, JSON.stringify({ ...JSON.parse(good), start_time: 5, end_time: 4 }));
    const s = r.records[0] as Span;
    expect([r.records.length, r.progress.rejected, codes(r), s.startNs, s.endNs]).toEqual([1, 0, ['invalid-timestamp'], 5_000_000_000n, undefined]);
  });

  it('subsegments nested beyond MAX_DEPTH: too-deep, the rest read', () => {
    let sub: Record<string, unknown> = { id: 'ffffffffffffffff', name: 'deep', start_time: 1 };
    for (let i = 0; i < 100; i++) sub = { id: i.toString(16).padStart(16, '0'), name: `d${i}`, start_time: 1, subsegments: [sub] };
    const doc = JSON.stringify({ ...JSON.parse(good), subsegments: [sub] });
    // In a Document string: 1 segment (depth 0) + 101 nested subsegments; depths 1-63 are read
    // (64 spans with the segment) and the 38 from depth 64 on are lost.
    const r = decode(xray, response([doc, good]));
    expect([r.records.length, r.progress.rejected, codes(r)]).toEqual([65, 38, ['too-deep']]);
    // A bare document: the JSON scanner's own depth bound drops its subsegments member (one error).
    const bare = decode(xray, doc);
    expect([bare.records.length, bare.progress.rejected, codes(bare)]).toEqual([1, 1, ['too-deep']]);
  });

  it('empty file, binary junk, non-segment JSON', () => {
    expect(codes(decode(xray, ''))).toEqual(['empty-input']);
    expect(codes(decode(xray, new Uint8Array([0, 1, 2, 0xff, 0xfe, 0, 0, 7, 8, 9])))).toEqual(['binary-data']);
    const r = decode(xray, '{"hello": "world"}\n[1, "x", null]\n');
    expect([r.records.length, codes(r)]).toEqual([0, ['invalid-record', 'wrong-type', 'invalid-json', 'wrong-type']]);
  });

  it('a truncated file keeps the whole segments before the cut', () => {
    // cut inside trace 2's Segment: trace 1 (8 spans) is whole
    const cut = RESPONSE.slice(0, RESPONSE.indexOf('6b7c8d9e0f1a2b3c') + 40);
    const r = decode(xray, cut);
    expect([r.records.length, codes(r)]).toEqual([8, ['truncated']]);
  });

  it('get-trace-summaries output: one unsupported error naming batch-get-traces', () => {
    const summaries = JSON.stringify({ TraceSummaries: [{ Id: '1-581cf771-a006649127e371903a2de979', Duration: 0.1 }, { Id: '1-581cf771-a006649127e371903a2de97a' }], ApproximateTime: 1.5e9, TracesProcessedCount: 2 }, null, 4);
    const r = decode(xray, summaries);
    expect([r.records.length, r.progress.rejected, codes(r)]).toEqual([0, 0, ['unsupported']]);
    expect(r.errors[0]!.message).toContain('batch-get-traces');
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(summaries), true)).spec?.id).toBe('xray');
  });
});

describe('xray: sniffing', () => {
  const sniff = (text: string): string | undefined => sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id;

  it('picks xray for the response, bare documents and documents one a line (not JSON Lines logs)', () => {
    expect(sniff(RESPONSE)).toBe('xray');
    expect(sniff(documentLines())).toBe('xray');
    expect(sniff(documentLines(true))).toBe('xray');
    expect(sniff(documentLines().split('\n')[0]!)).toBe('xray');
    const elements = (JSON.parse(RESPONSE) as { Traces: { Segments: unknown[] }[] }).Traces.flatMap((t) => t.Segments);
    expect(sniff(elements.map((e) => JSON.stringify(e)).join('\n'))).toBe('xray');
    expect(xray.sniff(makeSniffInput(new TextEncoder().encode(documentLines().split('\n')[0]!), true))).toBeGreaterThanOrEqual(0.96);
  });

  it('a log line carrying an X-Ray trace id is still a log', () => {
    expect(sniff('{"level":"info","message":"done","xray_trace_id":"1-581cf771-a006649127e371903a2de979","timestamp":"2024-01-01T00:00:00Z"}\n')).toBe('jsonl-logs');
  });

  it('takes none of the other formats\' samples', () => {
    for (const dir of ['otlp-json', 'jaeger-json', 'zipkin-v2-json', 'prometheus-api-json', 'logs-structured', 'incident-nezha']) {
      for (const file of listJson(dir)) {
        const b = readData(file);
        const score = xray.sniff(makeSniffInput(b.subarray(0, SNIFF_BYTES), b.length <= SNIFF_BYTES));
        expect([file, score]).toEqual([file, 0]);
      }
    }
  });
});

describe('X-Ray in-progress segments', () => {
  // What the SDKs send the daemon for a long request: the segment with `in_progress: true` when it
  // starts, the completed segment (same id, with end_time) when it ends. X-Ray keeps the last.
  const header = '{"format": "json", "version": 1}';
  const started = { trace_id: '1-581cf771-a006649127e371903a2de979', id: '70de5b6f19ff9a0a', name: 'Runner', start_time: 1.478293361271e9, in_progress: true };
  const done = { ...started, in_progress: undefined, end_time: 1.478293361449e9, subsegments: [{ id: '70de5b6f19ff9a0b', name: 'DynamoDB', namespace: 'aws', start_time: 1.4782933613e9, end_time: 1.4782933614e9 }] };
  const lines = (...docs: unknown[]) => docs.map((d) => `${header}\n${JSON.stringify(d)}`).join('\n') + '\n';

  it('is replaced by its completed version, sent before or after it, in any chunking', () => {
    for (const text of [lines(started, done), lines(done, started)]) {
      const r = expectSameInAnyChunking(xray, new TextEncoder().encode(text));
      const spans = r.records as Span[];
      expect(spans.map((s) => [s.name, s.spanKind, s.endNs !== undefined])).toEqual([
        ['Runner', 'server', true],
        ['DynamoDB', 'client', true],
      ]);
      expect(r.errors).toEqual([]);
    }
  });

  it('one never completed (the capture ended first) is read as it is', () => {
    const r = decode(xray, lines(started));
    expect((r.records as Span[]).map((s) => [s.name, s.endNs])).toEqual([['Runner', undefined]]);
  });
});

describe('X-Ray subsegments streamed before their segment', () => {
  // The daemon's order: an SDK streams each finished subsegment on its own (type, parent_id,
  // trace_id) while the segment is still open, so the segment comes last. A subsegment's service
  // is its segment's: held until a (sub)segment of its parent id is read. Here: segment orders-api
  // ← subsegment compute-totals ← subsegment DynamoDB, sent deepest first: 3 spans, all orders-api.
  const header = '{"format": "json", "version": 1}';
  const trace_id = '1-5d82881a-0a9126e92a73e971eed891b9';
  const seg = { id: '70de5b6f19ff9a0a', name: 'orders-api', trace_id, start_time: 1568835610.0, end_time: 1568835611.0, origin: 'AWS::ECS::Container' };
  const mid = { type: 'subsegment', id: '1111111111111111', parent_id: '70de5b6f19ff9a0a', trace_id, name: 'compute-totals', start_time: 1568835610.1, end_time: 1568835610.2 };
  const leaf = { type: 'subsegment', id: '2222222222222222', parent_id: '1111111111111111', trace_id, name: 'DynamoDB', namespace: 'aws', start_time: 1568835610.12, end_time: 1568835610.18 };
  const lines = (...docs: unknown[]) => docs.map((d) => `${header}\n${JSON.stringify(d)}`).join('\n') + '\n';
  const view = (r: { records: readonly unknown[] }) =>
    (r.records as Span[]).map((s) => [s.name, s.spanKind, s.parentSpanId ?? '', s.resource.serviceName]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  const expected = [
    ['DynamoDB', 'client', '1111111111111111', 'orders-api'],
    ['compute-totals', 'internal', '70de5b6f19ff9a0a', 'orders-api'],
    ['orders-api', 'server', '', 'orders-api'],
  ];

  it('in any order and chunking, each subsegment has its segment service', () => {
    for (const text of [lines(seg, mid, leaf), lines(leaf, mid, seg), lines(mid, leaf, seg), lines(leaf, seg, mid)]) {
      const r = expectSameInAnyChunking(xray, new TextEncoder().encode(text));
      expect(view(r)).toEqual(expected);
      expect(r.errors).toEqual([]);
    }
  });

  it('a subsegment whose segment never comes is read at the end, without a service', () => {
    const r = decode(xray, lines(leaf));
    expect(view(r)).toEqual([['DynamoDB', 'client', '1111111111111111', undefined]]);
  });
});
