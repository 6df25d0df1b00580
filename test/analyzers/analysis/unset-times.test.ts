// Times written as a date that mean "unset" (Go's zero time.Time, 0001-01-01T00:00:00Z; a log's
// 1970-01-01T00:00:00Z): read as unset, as OTLP's time 0 is, and said once per input with how many
// records had one and where the first was.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { isYearOneTime } from '../../../analyzers/analysis/record-limits.js';
import type { Report } from '../../../analyzers/report/model.js';
import { analyseInputs, analyseText } from '../../helpers/analyse.js';

const enc = new TextEncoder();
const notices = (i: { errors: { code: string; line?: number; message: string }[] }) =>
  i.errors.filter((e) => e.code === 'invalid-timestamp').map((e) => [e.line, /^(\d+) records? ha/.exec(e.message)?.[1]]);

// Year 1 in ns since 1970, by hand: 1969 years of 365 days plus 477 leap days (years 4…1968
// divisible by 4: 492, minus 100, 200, …, 1900 not divisible by 400: 15) = 719,162 days ×
// 86,400 s = 62,135,596,800 s before 1970.
const YEAR_ONE_S = -62_135_596_800n;

describe('unset times written as dates', () => {
  it('year 1 from its first instant to its last, and its eve (a zone west of UTC written without the zone), is year 1; year 2 and 1970 are not', () => {
    expect(isYearOneTime(YEAR_ONE_S * 1_000_000_000n)).toBe(true);
    expect(isYearOneTime((YEAR_ONE_S - 5n * 3600n) * 1_000_000_000n)).toBe(true); // 0000-12-31T19:00:00
    expect(isYearOneTime((YEAR_ONE_S + 365n * 86_400n) * 1_000_000_000n - 1n)).toBe(true); // 0001-12-31T23:59:59.999999999
    expect(isYearOneTime((YEAR_ONE_S + 365n * 86_400n) * 1_000_000_000n)).toBe(false); // 0002-01-01
    expect(isYearOneTime(0n)).toBe(false);
    expect(isYearOneTime(1_700_000_000_000_000_000n)).toBe(false);
  });

  it('JSON Lines, text and logfmt logs: the records are kept, without the time, and one notice says how many and where the first is', () => {
    // 5 lines; year-1 times on lines 2 and 4 (any year-1 instant, not one string), a real one on lines 1, 3, 5
    const jsonl = [
      '{"time":"2024-01-15T10:00:00Z","level":"info","msg":"a"}',
      '{"time":"0001-01-01T00:00:00Z","level":"info","msg":"b"}',
      '{"time":"2024-01-15T10:00:02Z","level":"info","msg":"c"}',
      '{"time":"0001-06-30T12:34:56.789Z","level":"info","msg":"d"}',
      '{"time":"2024-01-15T10:00:04Z","level":"info","msg":"e"}',
    ].join('\n') + '\n';
    for (const chunk of [undefined, 1, 7, 4096]) {
      const r = analyseText(jsonl, chunk);
      expect(r.records).toBe(5);
      expect(r.rejected).toBe(0);
      expect(notices(r)).toEqual([[2, '2']]);
      expect(r.errorCount).toBe(1);
    }
    // text log: Go's zero time on line 1, 1970-01-01T00:00:00Z (time 0) on line 3
    const text = '0001-01-01T00:00:00Z INFO a\n2024-01-15T10:00:00Z INFO b\n1970-01-01T00:00:00Z INFO c\n2024-01-15T10:00:01Z INFO d\n';
    const t = analyseText(text);
    expect([t.format, t.records]).toEqual(['text-logs', 4]);
    expect(notices(t)).toEqual([[1, '2']]);
    const logfmt = 'time=2024-01-15T10:00:00Z level=info msg=a\ntime=0001-01-01T00:00:00Z level=info msg=b\n';
    const l = analyseText(logfmt);
    expect([l.format, notices(l)]).toEqual(['logfmt', [[2, '1']]]);
    expect(l.errors.find((e) => e.code === 'invalid-timestamp')!.message).toMatch(/^1 record has an unset time/);
  });

  it("the signals' time range starts at the first real time, not in year 1", () => {
    const report = analyseInputs([['a.jsonl', '{"time":"0001-01-01T00:00:00Z","msg":"a"}\n{"time":"2024-01-15T10:00:00Z","msg":"b"}\n']]);
    expect(JSON.stringify(report.signals)).not.toContain('0001-01-01');
    expect(JSON.stringify(report.signals)).toContain('2024-01-15T10:00:00');
  });

  it('OTLP logs with timeUnixNano 0 (the protocol\'s own "unknown", the observed time set) get no notice', () => {
    const rec = (t: string) => ({ timeUnixNano: t, observedTimeUnixNano: '1705312800000000000', severityNumber: 9, body: { stringValue: 'ok' } });
    const otlp = JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeLogs: [{ logRecords: [rec('0'), rec('0'), rec('1705312800000000000')] }] }] });
    const r = analyseText(otlp);
    expect([r.format, r.records]).toEqual(['otlp-json', 3]);
    expect(r.errors).toEqual([]);
  });

  it('no notice for an input without such times (a pre-1970 time in another year is a time)', () => {
    const r = analyseText('{"time":"1969-12-31T23:59:59Z","msg":"a"}\n{"time":"2024-01-15T10:00:00Z","msg":"b"}\n');
    expect(r.errors).toEqual([]);
  });

  it('an input read in two pieces (two threads) gives one notice with the sum, at the first place', () => {
    const lines = Array.from({ length: 8 }, (_, i) => `{"time":"${i % 3 === 1 ? '0001-01-01T00:00:00Z' : `2024-01-15T10:00:0${i}Z`}","level":"info","msg":"m${i}"}`);
    // year-1 times on lines 2, 5, 8 (i = 1, 4, 7): 3 records, the first at line 2
    const text = lines.join('\n') + '\n';
    const whole = analyseText(text);
    expect(notices(whole)).toEqual([[2, '3']]);
    const bytes = enc.encode(text);
    const cut = lines.slice(0, 4).join('\n').length + 1; // pieces: lines 1-4 (one such time) and 5-8 (two)
    const run = new Analysis({ toolVersion: 'test' });
    const s = run.openInput('input', { totalBytes: bytes.length });
    s.declareSplit('jsonl-logs', 1, bytes.length);
    s.hashRaw(bytes);
    const a = run.openPiece('input', s.index).asPiece('jsonl-logs', 1, 0);
    a.push(bytes.subarray(0, cut), false);
    const other = new Analysis({ toolVersion: 'test' });
    const b = other.openInput('input', { index: s.index }).asPiece('jsonl-logs', 5, cut);
    b.push(bytes.subarray(cut), false);
    // A piece says no notice itself: its count and first place travel in its row (unsetTimes).
    const rowB = b.end();
    const rowA = a.end();
    expect(notices(rowB)).toEqual([]);
    expect(rowB.unsetTimes).toMatchObject({ count: 2, line: 5 });
    expect(rowA.unsetTimes).toMatchObject({ count: 1, line: 2 });
    expect(rowB.errorCount).toBe(0);
    // (pieces arrive in any order: the second first)
    s.absorb(rowB);
    s.absorb(rowA);
    s.end();
    const input = (run.finish() as Report).inputs[0]!;
    expect(input.records).toBe(8);
    expect(notices(input)).toEqual([[2, '3']]);
    expect(input.errorCount).toBe(1);
    // (the pieces' field stays internal)
    expect(input.unsetTimes).toBeUndefined();
  });
});
