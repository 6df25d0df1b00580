// CSV downloads joined into one file, and Grafana's CSV of several frames: grafana-data's
// `toCSV` writes each frame as its header, its rows and a blank line (CRLF). Each table is read
// with its own header; the second header is not a row with an unreadable time.
import { describe, expect, it } from 'vitest';
import { csvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { csvLogs } from '../../../../analyzers/importers/csv-logs/index.js';
import { csvSpans } from '../../../../analyzers/importers/csv-spans/index.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

const frame = (series: string, v: number) => [`"Time","${series}"`, ...[0, 15_000, 30_000].map((dt) => `${1_700_000_000_000 + dt},${v}`), ''].join('\r\n');

describe('csv: tables joined in one file', () => {
  it('metrics: two frames of different series give 6 points in 2 series, none rejected', () => {
    const text = '\uFEFF' + frame('up{instance=""a:9090"", job=""x""}', 1) + '\r\n' + frame('up{instance=""b:9100"", job=""x""}', 0) + '\r\n';
    const r = decodeText(csvMetrics, text);
    for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(csvMetrics, text, n)), `${n}-byte chunks`).toBe(fingerprint(r));
    expect([r.progress.records, r.progress.rejected, r.errors]).toEqual([6, 0, []]);
    expect([...new Set(points(r).map((p) => `${p.name} ${p.labels['instance']}`))]).toEqual(['up a:9090', 'up b:9100']);
    expect(points(r).map((p) => p.value)).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('logs and spans: the same header again is no record', () => {
    const logs = 'timestamp,level,message\n2024-01-01T00:00:00Z,info,a\n\ntimestamp,level,message\n2024-01-01T00:00:01Z,warn,b\n';
    const l = decodeText(csvLogs, logs);
    expect([l.progress.records, l.progress.rejected, l.errors]).toEqual([2, 0, []]);
    const spans = 'TraceId,SpanId,ParentId,Name,Start,End\nab,1,,GET,1700000000000000000,1700000000100000000\nTraceId,SpanId,ParentId,Name,Start,End\nab,2,1,db,1700000000010000000,1700000000050000000\n';
    const s = decodeText(csvSpans, spans);
    expect([s.progress.records, s.progress.rejected]).toEqual([2, 0]);
  });
});
