// A CSV without a header row whose first row is data — PostgreSQL's csvlog (log_destination =
// 'csvlog': time, user, database, pid, …, error_severity, sqlstate, message, …) — was claimed as
// wide metrics with that first row as the header: one "series" per field (`1234`, a pid, with
// labels named after the messages). A first row holding a date and a time is data, not names.
// (csvlog itself is read as CSV logs with its documented columns: csv-logs.platforms.test.ts)
import { describe, expect, it } from 'vitest';
import { csvMetrics, sniffCsvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { decodeText, points } from '../prometheus/metrics-test-helpers.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { analyseText } from '../../../helpers/analyse.js';

const csvlog = [
  '2023-11-14 22:13:20.123 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,1,"SELECT",2023-11-14 22:13:19 UTC,3/12,0,ERROR,42P01,"relation ""orders"" does not exist",,,,,,"SELECT * FROM orders",15,,"psql","client backend",,0',
  '2023-11-14 22:13:21.000 UTC,"postgres","shop",1234,"127.0.0.1:5432",6553a1b0.4d2,2,"idle",2023-11-14 22:13:19 UTC,3/13,0,LOG,00000,"statement: SELECT 1",,,,,,,,,"psql","client backend",,0',
  '',
].join('\n');

describe('csv-metrics: a first row that is data', () => {
  it('PostgreSQL csvlog is not metrics; it is read as CSV logs by its documented columns, each row a record with its time', () => {
    const input = makeSniffInput(new TextEncoder().encode(csvlog), true);
    expect(sniffCsvMetrics(input)).toBe(0);
    expect(sniffFormat(input).spec?.id).toBe('csv-logs');
    const report = analyseText(csvlog, undefined, 'postgresql.csv');
    expect([report.format, report.signal, report.records, report.rejected]).toEqual(['csv-logs', 'logs', 2, 0]);
  });

  it('a header naming series is still a header (also series named by numbers), its time column below it', () => {
    for (const text of ['time,cpu,mem\n2023-11-14 22:13:20,0.5,100\n2023-11-14 22:13:30,0.6,110\n', '"Time","200","500"\n"2023-11-14T22:13:20Z",12,1\n"2023-11-14T22:13:30Z",13,0\n']) {
      expect(sniffFormat(makeSniffInput(new TextEncoder().encode(text), true)).spec?.id).toBe('csv-metrics');
    }
  });
});

describe('csv-metrics: times in a locale format that names its day order', () => {
  it('US English (12-hour clock, month first) and dotted European (day first) are read, as zone-less UTC; a slashed 24-hour date is not guessed', () => {
    const us = '"Time","200","500"\n"11/14/2023, 10:13:20 PM",12,1\n"11/14/2023, 10:13:30 PM",13,0\n"2/29/2024, 12:00:00 AM",1,1\n';
    const de = 'Zeit;cpu;mem\n14.11.2023 22:13:20;0,5;100\n14.11.2023 22:13:30,250;0,6;110\n';
    const times = (text: string) => [...new Set(points(decodeText(csvMetrics, text)).map((p) => p.timeNs))];
    // 22:13:20Z = 1700000000 s; 29 Feb 2024 00:00Z = 1709164800 s (python: calendar.timegm)
    expect(times(us)).toEqual([1_700_000_000_000_000_000n, 1_700_000_010_000_000_000n, 1_709_164_800_000_000_000n]);
    expect(times(de)).toEqual([1_700_000_000_000_000_000n, 1_700_000_010_250_000_000n]);
    const r = decodeText(csvMetrics, us);
    expect(r.errors.map((e) => e.code)).toEqual(['invalid-timestamp']); // the one "no zone; read as UTC" notice
    expect(sniffFormat(makeSniffInput(new TextEncoder().encode(us), true)).spec?.id).toBe('csv-metrics');
    // ambiguous: 03/04 may be 3 April or 4 March
    expect(sniffCsvMetrics(makeSniffInput(new TextEncoder().encode('time,cpu\n03/04/2023 10:00:00,1\n03/05/2023 10:00:00,2\n'), true))).toBe(0);
    // impossible dates are not times
    expect(times('"Time","x"\n"2/30/2024, 1:00:00 PM",1\n"11/14/2023, 10:13:20 PM",2\n')).toEqual([1_700_000_000_000_000_000n]);
  });
});

describe('csv-metrics: slashed dates with a 24-hour clock', () => {
  const times = (text: string) => [...new Set(points(decodeText(csvMetrics, text)).map((p) => p.timeNs))];
  const score = (text: string) => sniffCsvMetrics(makeSniffInput(new TextEncoder().encode(text), true));

  it('are read day or month first when the column\'s own cells say so (a first field above 12 is a day, a second one a month)', () => {
    // 13 April 2023 10:00Z = 1681380000 s, 14 April = 1681466400 s (python: calendar.timegm)
    const dmy = 'time,cpu\n13/04/2023 10:00:00,1\n14/04/2023 10:00:00,2\n';
    const mdy = 'time,cpu\n04/13/2023 10:00:00,1\n04/14/2023 10:00:00,2\n';
    expect(times(dmy)).toEqual([1_681_380_000_000_000_000n, 1_681_466_400_000_000_000n]);
    expect(times(mdy)).toEqual([1_681_380_000_000_000_000n, 1_681_466_400_000_000_000n]);
    expect(score(dmy)).toBeGreaterThan(0);
    // days up to 12 that the column already decided are read the same way: 03/05 after 13/05 is 3 May
    expect(times('time,cpu\n13/05/2023 10:00:00,1\n03/05/2023 10:00:00,2\n')).toEqual([1_683_972_000_000_000_000n, 1_683_108_000_000_000_000n]);
  });

  it('are not guessed when no cell tells, or when the cells contradict each other', () => {
    expect(score('time,cpu\n03/04/2023 10:00:00,1\n03/05/2023 10:00:00,2\n')).toBe(0);
    expect(score('time,cpu\n13/04/2023 10:00:00,1\n04/14/2023 10:00:00,2\n')).toBe(0);
  });

  it('undecided, the file is named as a metrics CSV and the reason given, not "unrecognised"; forced, the same reason', () => {
    const text = 'Time,cpu_usage,mem_usage\n03/04/2023 10:00,0.5,100\n03/04/2023 10:01,0.6,101\n03/05/2023 10:02,0.7,102\n';
    const sniffed = sniffFormat(makeSniffInput(new TextEncoder().encode(text), true));
    expect([sniffed.spec, sniffed.reason]).toEqual([undefined, 'unsupported']);
    expect(sniffed.message).toBe('a metrics CSV that is not read: the dates of column "Time" (such as "03/04/2023 10:00") could be day/month or month/day, and no cell has a day above 12 to tell which; export the times as ISO 8601 (2023-04-03T10:00:00Z) or epoch seconds');
    const r = decodeText(csvMetrics, text);
    expect([points(r).length, r.progress.rejected, r.errors.map((e) => e.code)]).toEqual([0, 3, ['invalid-timestamp']]);
    expect(r.errors[0]!.message).toMatch(/^not read: the dates of column "Time"/);
    // Contradicting cells are not this case: no time column at all.
    const mixed = sniffFormat(makeSniffInput(new TextEncoder().encode('time,cpu\n13/04/2023 10:00:00,1\n04/14/2023 10:00:00,2\n'), true));
    expect(mixed.reason).toBe('unrecognised-format');
  });

  it('a later row that contradicts the order the first rows showed is an unreadable time (its values skipped, reported)', () => {
    const rows = ['time,cpu', ...Array.from({ length: 60 }, (_, i) => `${String(13 + (i % 10)).padStart(2, '0')}/04/2023 10:00:00,${i}`)];
    rows.push('04/25/2023 10:00:00,99'); // month first: 25 is not a month in this day-first column
    const r = decodeText(csvMetrics, rows.join('\n') + '\n');
    expect(points(r)).toHaveLength(60); // the columns are planned on the first 50 rows (PLAN_ROWS)
    expect(r.errors.filter((e) => e.message.startsWith('time "04/25/2023')).map((e) => e.code)).toEqual(['invalid-timestamp']);
  });
});

describe('CSV metrics: identifier columns', () => {
  it('a column named as an id (request_id, Event ID, userId) is a label, not a series, however numeric', async () => {
    const { csvMetrics } = await import('../../../../analyzers/importers/csv-metrics/index.js');
    const { decode } = await import('../common/json-test-helpers.js');
    const r = decode(csvMetrics, 'time,request_id,userId,latency_ms\n2024-01-10T12:00:00Z,1001,7,12.5\n2024-01-10T12:00:01Z,1002,8,13\n');
    expect(r.records.map((p) => [(p as { name: string }).name, (p as { labels: Record<string, string> }).labels])).toEqual([
      ['latency_ms', { request_id: '1001', userId: '7' }],
      ['latency_ms', { request_id: '1002', userId: '8' }],
    ]);
  });
});
