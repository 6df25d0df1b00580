// Fluentd's out_file writes `<time>\t<tag>\t<record as JSON>` a line: the record is a structured
// log (fields, level, message, trace ids), the time column its event time, the tag an attribute.
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';

const FLUENTD = [
  '2024-01-01T00:00:00+00:00\tapp.payment\t{"level":"error","message":"card declined","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","service":"payment"}',
  '2024-01-01T00:00:01+00:00\tapp.payment\t{"level":"info","msg":"retry ok","time":"2024-01-01T00:00:00.500Z"}',
  '2024-01-01T00:00:02+00:00\tapp.cart\t{"level":"warn","message":"slow", "nested": {"ms": 812}}',
  '2024-01-01T00:00:03+00:00\tapp.cart\t{not json}',
].join('\n') + '\n';

describe('text-logs: Fluentd out_file lines', () => {
  it('reads each record as a structured log with the time column as its event time and the tag as an attribute', () => {
    const r = decodeText(textLogs, FLUENTD);
    const l = logs(r);
    // Four lines, each its own record; the last one's JSON does not parse, so it stays text.
    expect(l).toHaveLength(4);
    expect(r.errors).toEqual([]);
    expect(l.map((x) => x.severityText)).toEqual(['error', 'info', 'warn', undefined]);
    expect(l[0]!.body).toBe('card declined');
    expect(l[0]!.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(l[0]!.resource.attributes['service.name']).toBe('payment');
    expect(l[0]!.attributes['fluentd.tag']).toBe('app.payment');
    // The line's time is the event time; a record with its own time keeps it.
    expect(l[0]!.timeNs).toBe(1_704_067_200_000_000_000n);
    expect(l[1]!.timeNs).toBe(1_704_067_200_500_000_000n);
    expect(l[2]!.timeNs).toBe(1_704_067_202_000_000_000n);
    expect(l[3]!.body).toBe('2024-01-01T00:00:03+00:00\tapp.cart\t{not json}');
    expect(l[3]!.attributes['fluentd.tag']).toBeUndefined();
  });

  it('gives the same records in 1-, 7- and 4096-byte chunks', () => {
    expectChunkingInvariant(textLogs, new TextEncoder().encode(FLUENTD));
  });
});
