// OTLP data point times are uint64 nanoseconds. A time written in ms or µs (an SDK or a hand-made
// export dividing wrongly) was read as ns: 1970-01-01T00:28:20Z. Read in the unit it evidently is
// in and said once per unit, as the Prometheus/OpenMetrics text importers read a time in the
// wrong unit. Expected: every time below is 1700000000 s = 1.7e18 ns (the digits times 10^6 for
// ms, 10^3 for µs, 10^9 for s); 0 and absent stay without a time.
import { describe, expect, it } from 'vitest';
import { otlpJson } from '../../../../analyzers/importers/otlp-json/index.js';
import type { MetricPoint } from '../../../../analyzers/model/index.js';
import { decode } from '../common/json-test-helpers.js';

const gauge = (name: string, point: Record<string, unknown>) => ({ name, gauge: { dataPoints: [{ asDouble: 1, ...point }] } });
const request = (metrics: unknown[]) =>
  JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeMetrics: [{ scope: { name: 's' }, metrics }] }] });

describe('otlp-json: data point times in ms or µs', () => {
  const text = request([
    gauge('no_time', {}),
    gauge('zero_time', { timeUnixNano: '0' }),
    gauge('micros_time', { timeUnixNano: '1700000000000000' }),
    gauge('millis_time', { timeUnixNano: 1700000000000 }),
    gauge('millis_again', { timeUnixNano: '1700000000000', startTimeUnixNano: '1699999990000' }),
    { name: 'ok_time', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asInt: '5', startTimeUnixNano: '1699999990000000000', timeUnixNano: '1700000000000000000' }] } },
  ]);

  it.each([undefined, 1, 64])('are read in their evident unit, one error per unit (chunk %s)', (chunk) => {
    const r = decode(otlpJson, text, chunk);
    const p = r.records as MetricPoint[];
    expect(p.map((x) => [x.name, x.timeNs, x.startTimeNs])).toEqual([
      ['no_time', undefined, undefined],
      ['zero_time', undefined, undefined],
      ['micros_time', 1_700_000_000_000_000_000n, undefined],
      ['millis_time', 1_700_000_000_000_000_000n, undefined],
      ['millis_again', 1_700_000_000_000_000_000n, 1_699_999_990_000_000_000n],
      ['ok_time', 1_700_000_000_000_000_000n, 1_699_999_990_000_000_000n],
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-timestamp', 'invalid-timestamp']);
    expect(r.errors[0]!.message).toMatch(/^data point timeUnixNano "1700000000000000" is in microseconds where OTLP has nanoseconds/);
    expect(r.errors[1]!.message).toMatch(/^data point timeUnixNano 1700000000000 is in milliseconds where OTLP has nanoseconds/);
    expect(r.progress.rejected).toBe(0);
  });

  it('the time range of the export is 2023, not 1970', async () => {
    const { analyseInputs } = await import('../../../helpers/analyse.js');
    const range = analyseInputs([['m.json', text]]).signals.metrics.timeRange!;
    expect([range.start, range.end]).toEqual(['2023-11-14T22:13:20.000000000Z', '2023-11-14T22:13:20.000000000Z']); // the range spans the points' times (timeUnixNano), all 1700000000 s
  });
});
