// Value and timestamp grammar of the two dialects (expected values worked out by hand).
import { describe, expect, it } from 'vitest';
import { evidentEpochUnit, parseOmTimestampNs, parsePromTimestampNs, parseSampleValue } from '../../../../analyzers/importers/prometheus/numbers.js';

describe('OpenMetrics timestamps (seconds) → ns, exactly', () => {
  it.each([
    ['1.7268398142239082e+09', 1726839814223908200n],
    ['1.5e3', 1500000000000n],
    ['15e-1', 1500000000n],
    ['-1.1', -1100000000n],
    ['12345678901234567890.1234567890', 12345678901234567890123456789n],
    ['0.0000000001', 0n], // beyond ns: truncated, as the reference parser does
    ['000', 0n],
  ])('%s', (text, ns) => expect(parseOmTimestampNs(text)).toBe(ns));

  it.each(['NaN', 'Inf', '-Inf', '0x1p-3', '1_2', '1z', '1.1.1', ''])('rejects %s', (text) => expect(parseOmTimestampNs(text)).toBeUndefined());
});

describe('Prometheus timestamps are integer ms', () => {
  it('reads ms and negative ms', () => {
    expect(parsePromTimestampNs('1234567890')).toBe(1234567890000000n);
    expect(parsePromTimestampNs('-2')).toBe(-2000000n);
  });
  it.each(['2.72', '1e3', 'NaN'])('rejects %s', (t) => expect(parsePromTimestampNs(t)).toBeUndefined());
  // expfmt reads the timestamp with strconv.ParseInt(…, 10, 64): the int64 range is the limit.
  it('reads the int64 range and nothing beyond it', () => {
    expect(parsePromTimestampNs('9223372036854775807')).toBe(9223372036854775807000000n);
    expect(parsePromTimestampNs('-9223372036854775808')).toBe(-9223372036854775808000000n);
    expect(parsePromTimestampNs('9223372036854775808')).toBeUndefined();
    expect(parsePromTimestampNs('-9223372036854775809')).toBeUndefined();
    expect(parsePromTimestampNs('99999999999999999999999')).toBeUndefined();
  });
});

describe('sample values', () => {
  it('reads decimals, leading zeros, ±Inf and NaN', () => {
    expect(parseSampleValue('0000000000000000000000000000000000000000001.2e-1')).toBeCloseTo(0.12, 15);
    expect(parseSampleValue('08')).toBe(8);
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('9223372036854775808')).toBe(9223372036854775808);
  });
  it.each(['0x1', '0b1', '0o1', '1_2', 'blubb', '1\t', ''])('rejects %j', (v) => expect(parseSampleValue(v)).toBeUndefined());
  // Go's strconv.ParseFloat (Prometheus's parsers) refuses a decimal past a double's range: ErrRange
  it.each(['1e400', '-1e400', '9'.repeat(400), '1.8e308'])('rejects %j, beyond a double', (v) => expect(parseSampleValue(v)).toBeUndefined());
  it('a decimal that underflows is 0, as ParseFloat reads it', () => expect(parseSampleValue('1e-400')).toBe(0));
});

// evidentEpochUnit: 1700000000 s = 2023-11-14T22:13:20Z; the expected ns are that time, exactly,
// i.e. the digits times 10^9 / 10^6 / 10^3 / 1 for s / ms / µs / ns.
describe('evidentEpochUnit: the unit a time out of our era is evidently written in', () => {
  const T = 1_700_000_000_000_000_000n;
  it.each([
    // [as read (ns), field unit, evident unit]
    [1_700_000_000n * 1_000_000n, 'ms', 's'], // 10 digits in a ms field (as ms: January 1970)
    [1_700_000_000_000_000n * 1_000_000n, 'ms', 'µs'], // 16 digits in a ms field
    [1_700_000_000_000_000_000n * 1_000_000n, 'ms', 'ns'], // 19 digits in a ms field
    [1_700_000_000_000n * 1_000_000_000n, 's', 'ms'], // 13 digits in a seconds field
    [1_700_000_000_000n, 'ns', 'ms'], // 13 digits in a ns field (as ns: 00:28:20 on 1970-01-01)
    [1_700_000_000_000_000n, 'ns', 'µs'],
    [1_700_000_000n, 'ns', 's'],
  ] as const)('%s read as %s is %s', (ns, declared, unit) => {
    expect(evidentEpochUnit(ns, declared)).toEqual({ unit, ns: T });
  });

  it('leaves times of our era, 0, negative times and unexplained sizes alone', () => {
    expect(evidentEpochUnit(T, 'ns')).toBeUndefined();
    expect(evidentEpochUnit(0n, 'ns')).toBeUndefined();
    expect(evidentEpochUnit(-3_982_045_000_000n, 'ms')).toBeUndefined(); // the exposition docs' 1969 sample
    expect(evidentEpochUnit(1n, 'ns')).toBeUndefined();
    expect(evidentEpochUnit(9_223_372_036_854_775_807n * 1_000_000n, 'ms')).toBeUndefined(); // int64's largest ms: 2262 as ns, past 2100
    // expfmt's 1234567890 (2009 as seconds) stays ms below the 2011 floor the 0.0.4 reader passes
    expect(evidentEpochUnit(1_234_567_890n * 1_000_000n, 'ms', 1_300_000_000n * 1_000_000_000n)).toBeUndefined();
    expect(evidentEpochUnit(1_234_567_890n * 1_000_000n, 'ms')).toEqual({ unit: 's', ns: 1_234_567_890_000_000_000n });
  });
});
