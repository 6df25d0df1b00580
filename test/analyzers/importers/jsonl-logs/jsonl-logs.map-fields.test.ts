import { describe, expect, it } from 'vitest';
import { logfmt } from '../../../../analyzers/importers/logfmt/index.js';
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
