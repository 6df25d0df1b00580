// Time 0 (1970-01-01T00:00:00Z) is OTLP's "unset": an OTel SDK writes it for a record emitted
// without a timestamp. The log profile must read it as no timestamp, as the signals' time range
// (analysis/signals-summary.ts) already does; a span starting or ending at 0 fails its timing check.
import { describe, expect, it } from 'vitest';
import { LogProfile } from '../../../analyzers/profile/log-profile.js';
import { SpanProfile } from '../../../analyzers/profile/span-profile.js';
import { resourceFromAttributes, type LogRecord, type Span } from '../../../analyzers/model/index.js';

const resource = resourceFromAttributes({ 'service.name': 'checkout' });
function log(line: number, timeNs: bigint | undefined): LogRecord {
  return { kind: 'log', body: `m${line}`, severityNumber: 9, severityText: 'INFO', attributes: {}, resource, source: { file: 'f', line }, structured: true, ...(timeNs !== undefined ? { timeNs } : {}) } as LogRecord;
}
const T = 1_795_000_000_000_000_000n; // 2026-11-18T…Z

describe('log profile: time 0 is no timestamp', () => {
  it('S-LOG-TIMESTAMP fails a record at time 0 and says why; the zone check and the time range leave it out', () => {
    const p = new LogProfile();
    [log(1, 0n), log(2, T), log(3, undefined), log(4, 0n), log(5, T + 1_000_000_000n)].forEach((r) => p.add(r));
    const s = p.state();
    const ts = s.checks['log.timestamp']!;
    expect([ts.examined, ts.failing]).toEqual([5, 3]);
    expect(ts.examples.map((e) => [e.line, e.note])).toEqual([
      [1, 'time 0 (1970-01-01T00:00:00Z: unset)'],
      [3, 'no parseable timestamp'],
      [4, 'time 0 (1970-01-01T00:00:00Z: unset)'],
    ]);
    expect(s.checks['log.timestamp-zone']!.examined).toBe(2);
    expect(s.timeRangeMs).toEqual([Number(T / 1_000_000n), Number(T / 1_000_000n) + 1000]);
    // the error-rate buckets hold only the timed records
    expect(s.buckets.reduce((n, b) => n + b[1], 0)).toBe(2);
  });
});

describe('span profile: time 0 is unset', () => {
  it('a span starting at 0 fails the timing check, named as unset', () => {
    const p = new SpanProfile();
    const span = (line: number, startNs: bigint, endNs: bigint): Span => ({ kind: 'span', traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'GET /', spanKind: 'server', status: { code: 'unset' }, attributes: {}, events: [], links: [], resource, source: { file: 'f', line }, startNs, endNs });
    p.add(span(1, 0n, 5n), 0);
    p.add(span(2, T, T + 5n), 0);
    p.add(span(3, T, T - 5n), 0);
    const c = p.state().checks['span.timing']!;
    expect([c.examined, c.failing]).toEqual([3, 2]);
    expect(c.examples.map((e) => [e.line, e.note])).toEqual([[1, 'start or end time 0 (1970-01-01T00:00:00Z: unset)'], [3, 'end before start']]);
  });
});
