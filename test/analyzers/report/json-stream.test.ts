// jsonChunks: the JSON report written in pieces (the report of 200,000 inputs is never one string)
// is, joined, the very text serializeJson gives for the same value, whatever the value holds.
import { describe, expect, it } from 'vitest';
import { jsonChunks, serializeJson } from '../../../analyzers/report/json.js';
import type { InputReport, Report } from '../../../analyzers/report/model.js';
import { loadFullReport } from './helpers.js';

const joined = (v: unknown): string => [...jsonChunks(v)].join('');

function row(i: number): InputReport {
  const r: InputReport = {
    path: `logs/d${Math.floor(i / 100)}/f${i}.jsonl`,
    sha256: (i * 2654435761).toString(16).padStart(64, '0'),
    format: i % 3 ? 'json-logs' : 'unknown',
    signal: i % 3 ? 'logs' : 'none',
    bytes: 30 + (i % 7),
    records: i % 3 ? 1 : 0,
    rejected: i % 5 === 0 ? 1 : 0,
    errorCount: i % 5 === 0 ? 2 : 0,
    errors: i % 5 === 0 ? [{ code: 'invalid-json', message: `line 1: "cut\n" at ${i}`, line: 1, offset: 12 }, { code: 'empty-input', message: 'é – \u2028 😀', offset: 0 }] : [],
    detection: { by: 'content', confidence: 0.95 },
  };
  if (i % 4 === 0) r.archive = 'logs.zip';
  if (i % 6 === 0) r.container = 'gzip';
  if (i % 9 === 0) r.encoding = 'utf-16le';
  return r;
}

describe('jsonChunks', () => {
  it('gives the bytes of serializeJson for the full fixture report', () => {
    const report = loadFullReport();
    expect(joined(report)).toBe(serializeJson(report));
  });

  it('gives the bytes of serializeJson for a report of 5,000 inputs with errors, archives and encodings', () => {
    const report: Report = { ...loadFullReport(), inputs: Array.from({ length: 5000 }, (_, i) => row(i)) };
    const text = serializeJson(report);
    expect(joined(report)).toBe(text);
    // (and the rows are there, in order, under the report's sorted keys)
    const parsed = JSON.parse(text) as Report;
    expect(parsed.inputs).toHaveLength(5000);
    expect(parsed.inputs[4999]!.path).toBe('logs/d49/f4999.jsonl');
  });

  it('hands out pieces of bounded size, never the whole text', () => {
    const report: Report = { ...loadFullReport(), inputs: Array.from({ length: 20_000 }, (_, i) => row(i)) };
    const pieces = [...jsonChunks(report)];
    const total = pieces.reduce((n, p) => n + p.length, 0);
    expect(total).toBe(serializeJson(report).length);
    expect(pieces.length).toBeGreaterThan(total / (80 * 1024));
    // a piece is ~64 K characters plus at most one value of the depth below (a row, a finding)
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(64 * 1024 + 64 * 1024);
  });

  it('follows JSON.stringify on odd values: undefined, functions, symbols, non-finite numbers, bigint, toJSON, integer keys, empty containers', () => {
    const odd = {
      b: [undefined, () => 1, Symbol('s'), NaN, -Infinity, 12n, null, [], {}, [[]], [{}], { z: undefined }],
      a: { 10: 'ten', 2: 'two', x: undefined, f: () => 1, s: Symbol('s'), d: new Date(0), n: -0, e: 1e21 },
      c: [{ deep: { deeper: [1, { k: 'line\nbreak \u2028 \ud800 "q" \\' }] } }],
      emptyObj: {},
      emptyArr: [],
      toJ: { toJSON: (k: string) => ({ key: k, list: [1, 2] }) },
      nested: [[1, [2, [3]]], { y: 1, x: [{ b: 2, a: 1 }] }],
    };
    expect(joined(odd)).toBe(serializeJson(odd));
    for (const v of [undefined, null, 1, 'text', [], {}, [1, 'a', null], [undefined], { a: undefined }, new Date(0), 7n, NaN, () => 1]) {
      expect(joined(v), String(v)).toBe(serializeJson(v));
    }
  });
});
