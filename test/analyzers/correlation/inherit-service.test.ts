// A span without a service of its own takes its parent's when it runs in its parent's process:
// not a SERVER/CONSUMER span, and the parent no CLIENT/PRODUCER span. The case: X-Ray subsegments
// streamed before their segment, the subsegments in one file and the segment in another (the X-Ray
// importer can only join them within one input). Counts derived by hand in the comments.
import { describe, expect, it } from 'vitest';
import { analyseInputs } from '../../helpers/analyse.js';
import type { Report } from '../../../analyzers/report/model.js';

const report = (files: Record<string, string>): Report => analyseInputs(Object.entries(files));

const nodes = (r: Report) => r.dependencyGraph!.nodes.map((n) => `${n.service}:${n.spans}`);
const edges = (r: Report) => r.dependencyGraph!.edges.map((e) => [e.from, e.to, e.kind, e.calls]);
const lines = (...docs: unknown[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

describe('spans without a service of their own', () => {
  const trace_id = '1-5d82881a-0a9126e92a73e971eed891b9';
  const seg = { id: '70de5b6f19ff9a0a', name: 'orders-api', trace_id, start_time: 1568835610.0, end_time: 1568835611.0, origin: 'AWS::ECS::Container' };
  const mid = { type: 'subsegment', id: '1111111111111111', parent_id: '70de5b6f19ff9a0a', trace_id, name: 'compute-totals', start_time: 1568835610.1, end_time: 1568835610.2 };
  const leaf = { type: 'subsegment', id: '2222222222222222', parent_id: '1111111111111111', trace_id, name: 'DynamoDB', namespace: 'aws', start_time: 1568835610.12, end_time: 1568835610.18 };

  it('X-Ray subsegments in one file, their segment in another: all three spans are orders-api', () => {
    // orders-api (server) ← compute-totals (internal) ← DynamoDB (client, rpc.service DynamoDB):
    // 3 orders-api spans, one peer call orders-api → DynamoDB, no cross-service child.
    const r = report({ 'b-subsegments.jsonl': lines(leaf, mid), 'a-segment.jsonl': lines(seg) });
    expect(nodes(r)).toEqual(['DynamoDB:0', 'orders-api:3']);
    expect(edges(r)).toEqual([['orders-api', 'DynamoDB', 'peer', 1]]);
    expect(r.correlation?.traces.crossServiceChildren).toBe(0);
  });

  it('a span under a CLIENT span, or a SERVER span, keeps no service', () => {
    const T = '463ac35c9f6413ad';
    const FE = { serviceName: 'frontend' };
    // frontend SERVER a → frontend CLIENT b → x (no endpoint, SERVER: another process) and
    // y (no endpoint, local: a child of a client span is no work of the client's process).
    const spans = [
      { traceId: T, id: 'a', name: 'get /', kind: 'SERVER', timestamp: 1_000_000, duration: 10_000, localEndpoint: FE },
      { traceId: T, parentId: 'a', id: 'b', name: 'get /x', kind: 'CLIENT', timestamp: 1_001_000, duration: 8_000, localEndpoint: FE },
      { traceId: T, parentId: 'b', id: 'c', name: 'x', kind: 'SERVER', timestamp: 1_002_000, duration: 6_000 },
      { traceId: T, parentId: 'b', id: 'd', name: 'y', timestamp: 1_002_000, duration: 6_000 },
    ];
    const r = report({ 'z.json': JSON.stringify(spans) });
    expect(nodes(r)).toEqual(['(unknown service):2', 'frontend:2']);
  });
});
