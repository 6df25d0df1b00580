import { describe, expect, it } from 'vitest';
import { epochToNs, inferYear, nsToIso, parseDurationNs, parseLogTimestamp, parseTimestamp, scanLeadingTimestamp, tai64nToNs } from '../../../../analyzers/importers/common/time.js';

// Expected instants were written out by hand from each input and cross-checked with
// python3 datetime (e.g. datetime(2015,10,18,18,1,47,978000, tzinfo=timezone.utc)).
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0); // fixed "now" for year inference

describe('parseTimestamp (existing behaviour kept)', () => {
  it('RFC 3339, epoch units, CLF', () => {
    expect(parseTimestamp('2023-01-30T11:51:46.123456789Z')).toEqual({ ns: 1675079506123456789n, withoutZone: false });
    expect(parseTimestamp('2023-01-30 11:51:46')).toEqual({ ns: 1675079506000000000n, withoutZone: true });
    expect(epochToNs(1675079506)).toBe(1675079506000000000n);
    expect(epochToNs('1675079506123')).toBe(1675079506123000000n);
    expect(parseTimestamp('10/Oct/2000:13:55:36 -0700')?.ns).toBe(971211336000000000n);
  });

  it("Go's time.Time.String(): the offset decides, the zone's name after it is read past; a name alone is no zone", () => {
    expect(parseTimestamp('2021-09-30 10:46:17.68 +0000 UTC')).toEqual({ ns: 1632998777680000000n, withoutZone: false });
    expect(parseTimestamp('2023-09-07 09:57:12.045933 -0700 PDT')?.ns).toBe(1694105832045933000n);
    expect(parseTimestamp('2020-02-11 20:26:12.000000321 +0000 UTC m=+0.012345678')?.ns).toBe(1581452772000000321n);
    expect(parseTimestamp('2023-01-30 11:51:46 PST')).toBeUndefined();
  });

  // A decimal fraction went through a double: '1477858669.096' (Robust Perception's query_csv.py
  // writes Prometheus API times so) gave …095999956 ns. Expected values: the digits, shifted by hand.
  it.each([
    ['1477858669.096', 1477858669096000000n], // s
    ['1477858669.123456789123', 1477858669123456789n], // s, digits beyond ns dropped
    ['-1.5', -1500000000n],
    ['1700000000123.456', 1700000000123456000n], // ms
    ['1700000000123456.7', 1700000000123456700n], // µs
    ['1700000000123456789.9', 1700000000123456789n], // ns
    ['0.000000001', 1n],
  ])('epoch %s with a fraction → %s ns exactly', (text, ns) => {
    expect(epochToNs(text)).toBe(ns);
    expect(parseTimestamp(text)?.ns).toBe(ns);
  });
});

describe('parseLogTimestamp: log shapes', () => {
  const cases: [string, string, { zone: boolean; year: boolean }][] = [
    ['2015-10-18 18:01:47,978', '2015-10-18T18:01:47.978000000Z', { zone: false, year: true }], // log4j comma millis
    ['2005-06-03-15.42.50.675872', '2005-06-03T15:42:50.675872000Z', { zone: false, year: true }], // DB2 / BGL
    ['[Sun Dec 04 04:47:44 2005]', '2005-12-04T04:47:44.000000000Z', { zone: false, year: true }], // Apache error log
    ['Sat May 04 07:16:00 CST 2013', '2013-05-04T07:16:00.000000000Z', { zone: false, year: true }], // CST is ambiguous
    ['081109 203615', '2008-11-09T20:36:15.000000000Z', { zone: false, year: true }], // yymmdd hhmmss
    ['161209 14:18:50', '2016-12-09T14:18:50.000000000Z', { zone: false, year: true }], // MySQL 5.5 error log
    ['161209  9:05:01', '2016-12-09T09:05:01.000000000Z', { zone: false, year: true }], // its hour padded with a space
    ['17/06/09 20:10:40', '2017-06-09T20:10:40.000000000Z', { zone: false, year: true }], // yy/mm/dd (Spark)
    ['Jun 14 15:16:01', '2026-06-14T15:16:01.000000000Z', { zone: false, year: false }], // syslog, no year
    ['Dec 10 06:55:46', '2025-12-10T06:55:46.000000000Z', { zone: false, year: false }], // would be in the future → last year
    ['I0130 11:51:46.123456', '2026-01-30T11:51:46.123456000Z', { zone: false, year: false }], // glog
    ['03-17 16:13:38.811', '2026-03-17T16:13:38.811000000Z', { zone: false, year: false }], // logcat
    ['25 Apr 2024 05:32:35.018', '2024-04-25T05:32:35.018000000Z', { zone: false, year: true }], // redis
    ['Tue, 30 Jan 2023 11:51:46 +0000', '2023-01-30T11:51:46.000000000Z', { zone: true, year: true }], // RFC 2822
    ['2025-08-13 01:45:01.123 PDT', '2025-08-13T08:45:01.123000000Z', { zone: true, year: true }], // PDT = -07:00
    // tz database abbreviations (offsets from /usr/share/zoneinfo): PostgreSQL's %t with log_timezone Australia/Adelaide in summer
    ['2026-11-28 02:02:01 ACDT', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // ACDT = +10:30
    ['2026-11-27 23:32:01 AWST', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // AWST = +08:00
    ['2026-11-27 12:02:01 NST', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // Newfoundland -03:30
    ['2026-11-27 17:32:01 SAST', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // South Africa +02:00
    ['2026-11-27 22:32:01 WIB', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // Jakarta +07:00
    ['2026-11-27 23:32:01 WITA', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // Makassar +08:00
    ['2026-11-28 01:32:01 ChST', '2026-11-27T15:32:01.000000000Z', { zone: true, year: true }], // Guam +10:00
    ['2026-11-27 21:02:01 IST', '2026-11-27T21:02:01.000000000Z', { zone: false, year: true }], // India, Israel or Ireland: not guessed
    ['2026-11-27 11:32:01 AST', '2026-11-27T11:32:01.000000000Z', { zone: false, year: true }], // Atlantic, or Arabia in a JVM: not guessed
    ['20171223-22:15:29:606', '2017-12-23T22:15:29.606000000Z', { zone: false, year: true }], // HealthApp
    ['20171223-22:15:35:96', '2017-12-23T22:15:35.096000000Z', { zone: false, year: true }], // its ms without leading zeros
    ['20171223-22:15:35:7', '2017-12-23T22:15:35.007000000Z', { zone: false, year: true }],
    ['2016/09/28 04:30:30', '2016-09-28T04:30:30.000000000Z', { zone: false, year: true }],
    ['@4000000037c219bf2ef02e94', '1999-08-24T04:04:05.787492500Z', { zone: true, year: true }], // TAI64N
    ['1320279554.496300', '2011-11-03T00:19:14.496300000Z', { zone: true, year: true }], // epoch with exact fraction
    ['Jan 1, 2024 @ 00:00:00.123', '2024-01-01T00:00:00.123000000Z', { zone: false, year: true }], // Kibana 7+ CSV/Discover (was unreadable)
    ['Dec 31, 2023 @ 23:59:59.000', '2023-12-31T23:59:59.000000000Z', { zone: false, year: true }],
    ['January 1st 2024, 00:00:00.123', '2024-01-01T00:00:00.123000000Z', { zone: false, year: true }], // Kibana ≤ 6 default
    ['March 22nd 2024, 13:05:09.000', '2024-03-22T13:05:09.000000000Z', { zone: false, year: true }],
    // 12-hour clock (US locale, Windows tools): 1:30 PM was read as 01:30, 12:05 AM as 12:05
    ['1/1/2024 1:30:00 PM', '2024-01-01T13:30:00.000000000Z', { zone: false, year: true }],
    ['1/1/2024 12:05:00 AM', '2024-01-01T00:05:00.000000000Z', { zone: false, year: true }],
    ['12/31/2023 12:00:00 PM', '2023-12-31T12:00:00.000000000Z', { zone: false, year: true }],
    ['1/1/2024 1:30:00 p.m.', '2024-01-01T13:30:00.000000000Z', { zone: false, year: true }],
    // log4js %d{DATETIME} (date-format's `dd MM yyyy hh:mm:ss.SSS`): day first; month first only where the day cannot be second
    ['27 11 2026 04:49:15.834', '2026-11-27T04:49:15.834000000Z', { zone: false, year: true }],
    ['05 11 2026 04:49:15.834', '2026-11-05T04:49:15.834000000Z', { zone: false, year: true }],
    ['11 27 2026 04:49:15.834', '2026-11-27T04:49:15.834000000Z', { zone: false, year: true }],
  ];
  for (const [input, iso, flags] of cases) {
    it(input, () => {
      const t = parseLogTimestamp(input, { nowMs: NOW });
      expect(t, input).toBeDefined();
      expect(nsToIso(t!.ns)).toBe(iso);
      expect(t!.withoutZone).toBe(!flags.zone);
      expect(t!.withoutYear ?? false).toBe(!flags.year);
    });
  }
  it('rejects what is not a timestamp', () => {
    for (const s of ['hello', '2023-13-45 99:99:99', 'Foo 12 10:00:00', '', '1/1/2024 13:00:00 PM']) expect(parseLogTimestamp(s, { nowMs: NOW }), s).toBeUndefined();
  });
});

describe('scanLeadingTimestamp', () => {
  it('finds the timestamp among the first tokens and says where it ends', () => {
    const line = '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 RAS KERNEL INFO';
    const t = scanLeadingTimestamp(line, 5, { nowMs: NOW })!;
    expect(t.shape).toBe('epoch');
    expect(line.slice(t.start, t.end)).toBe('1117838570');
    expect(t.ns).toBe(1117838570000000000n);
    const redis = scanLeadingTimestamp('1:C 25 Apr 2024 05:32:35.018 * Ready', 5, { nowMs: NOW })!;
    expect(redis.shape).toBe('dmy-name');
    expect(scanLeadingTimestamp('no time in this line at all', 5)).toBeUndefined();
  });
  it('a time of day without date has no instant but a shape', () => {
    const t = scanLeadingTimestamp('19:50:59.971 INFO x')!;
    expect(t.shape).toBe('time-only');
    expect(t.ns).toBeUndefined();
  });
  it("a date and a time in brackets of their own (signale's `[11/27/2026] [12:45:25 PM]`) are one timestamp, only after the date's bracket", () => {
    const line = '[11/27/2026] [12:45:25 PM] [deploy] › ℹ  info      step 0';
    const t = scanLeadingTimestamp(line, 4, { nowMs: NOW })!;
    expect([t.shape, line.slice(t.start, t.end), nsToIso(t.ns!)]).toEqual(['mdy-slash', '11/27/2026] [12:45:25 PM', '2026-11-27T12:45:25.000000000Z']);
    const iso = scanLeadingTimestamp('[2024-01-15] [10:00:00] x', 4)!;
    expect([iso.shape, nsToIso(iso.ns!)]).toEqual(['iso', '2024-01-15T10:00:00.000000000Z']);
    // without the date's opening bracket, `] [` joins nothing: the time alone is found
    expect(scanLeadingTimestamp('11/27/2026] [12:45:25 PM] x', 4)?.shape).toBe('time-only');
    // and the log4js date with its year and time spaced out is read as one
    expect(scanLeadingTimestamp('27 11 2026 04:49:15.834 INFO tz tick 0', 4)?.shape).toBe('dmy-space');
  });
  it('log4js dates: the file may say its dates are month first (dayFirst false)', () => {
    expect(nsToIso(parseLogTimestamp('05 11 2026 04:49:15.834', { dayFirst: false })!.ns)).toBe('2026-05-11T04:49:15.834000000Z');
    expect(nsToIso(parseLogTimestamp('27 11 2026 04:49:15.834', { dayFirst: false })!.ns)).toBe('2026-11-27T04:49:15.834000000Z');
  });
  it('does not take a log level for a zone', () => {
    const t = scanLeadingTimestamp('2015-10-18 18:01:47,978 INFO [main] x')!;
    expect(t.end).toBe('2015-10-18 18:01:47,978'.length);
    expect(t.withoutZone).toBe(true);
  });
});

describe('helpers', () => {
  it('TAI64N and year inference', () => {
    // python: (0x4000000037c219bf - 2**62 - 10) = 935467445 s; 0x2ef02e94 = 787492500 ns
    expect(tai64nToNs('4000000037c219bf', '2ef02e94')).toBe(935467445787492500n);
    expect(inferYear(12, 10, NOW)).toBe(2025);
    expect(inferYear(11, 25, NOW)).toBe(2026);
  });
});

describe('parseDurationNs', () => {
  // Expected values by hand: 1m30s = 90 s; 2h45m0.5s = 9900.5 s; Go's time.Duration.String() forms.
  it('reads single-unit and Go composite durations', () => {
    expect(parseDurationNs('250ms')).toBe(250_000_000n);
    expect(parseDurationNs('1.5s')).toBe(1_500_000_000n);
    expect(parseDurationNs('5000ns')).toBe(5000n);
    expect(parseDurationNs('1m30s')).toBe(90_000_000_000n);
    expect(parseDurationNs('2h45m0.5s')).toBe(9_900_500_000_000n);
    expect(parseDurationNs('1.5µs')).toBe(1500n);
    expect(parseDurationNs('1.5μs')).toBe(1500n); // Greek mu
    expect(parseDurationNs('-1m')).toBe(-60_000_000_000n);
    expect(parseDurationNs('0')).toBe(0n);
    expect(parseDurationNs(' 3ms ')).toBe(3_000_000n);
  });

  it('refuses what is not a duration', () => {
    for (const t of ['', '12', 'ms', '1x', '1m 30s', '1s2', 's1', '--1s', '1e3ms']) expect(parseDurationNs(t), t).toBeUndefined();
  });
});

describe('calendar checks (month lengths, leap years)', () => {
  it('accepts 29 February only in leap years (Gregorian: every 4th, not centuries, but every 400th) and no 31st in 30-day months', () => {
    const ok = (s: string) => parseLogTimestamp(s) !== undefined;
    expect(['2024-02-29 00:00:00', '2000-02-29 00:00:00', '2023-02-28 23:59:59', '2023-01-31 00:00:00', '2023-12-31 00:00:00'].map(ok)).toEqual([true, true, true, true, true]);
    expect(['2023-02-29 00:00:00', '1900-02-29 00:00:00', '2100-02-29 00:00:00', '2024-02-30 00:00:00', '2023-04-31 00:00:00', '2023-13-01 00:00:00'].map(ok)).toEqual([false, false, false, false, false, false]);
    // the value is the UTC instant (python: calendar.timegm((2024, 2, 29, 12, 0, 0)) = 1709208000)
    expect(parseLogTimestamp('2024-02-29T12:00:00.5Z')?.ns).toBe(1_709_208_000_500_000_000n);
    expect(parseLogTimestamp('2024-02-29T12:00:00.123456789+01:00')?.ns).toBe(1_709_204_400_123_456_789n);
  });
});

describe('dotted European dates (day first)', () => {
  it('14.11.2023 22:13:20,123 in a log line and as a field value; impossible dates refused', () => {
    // 2023-11-14T22:13:20.123Z = 1700000000.123 s (python: calendar.timegm((2023,11,14,22,13,20)))
    expect(parseLogTimestamp('14.11.2023 22:13:20,123')).toMatchObject({ ns: 1_700_000_000_123_000_000n, withoutZone: true });
    expect(parseLogTimestamp('14.11.2023 23:13:20 +01:00')?.ns).toBe(1_700_000_000_000_000_000n);
    expect(parseLogTimestamp('31.04.2023 10:00:00')).toBeUndefined();
    expect(scanLeadingTimestamp('14.11.2023 22:13:20,123 ERROR [main] c.e.App - payment failed')?.shape).toBe('dmy-dot');
  });
});

describe("Python's milliseconds after a %z offset", () => {
  it('2024-01-15T10:00:00+0100.123 is 09:00:00.123Z; after Z or a colon offset nothing more is read', () => {
    // by hand: 10:00:00.123 at +01:00 = 09:00:00.123 UTC = Date.UTC(2024, 0, 15, 9, 0, 0, 123)
    const f = scanLeadingTimestamp('2024-01-15T10:00:00+0100.123 INFO app: started');
    expect(f?.ns).toBe(BigInt(Date.UTC(2024, 0, 15, 9, 0, 0, 123)) * 1_000_000n);
    expect(f?.end).toBe(28);
    // a fraction before the offset is the fraction; `Z.123` is not this layout (the time ends at Z)
    expect(scanLeadingTimestamp('2024-01-15T10:00:00.5+0100 x')?.ns).toBe(BigInt(Date.UTC(2024, 0, 15, 9, 0, 0, 500)) * 1_000_000n);
    expect(scanLeadingTimestamp('2024-01-15T10:00:00Z.123 x')?.end).toBe(20);
  });
});
