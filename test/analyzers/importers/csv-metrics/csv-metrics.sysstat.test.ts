// sysstat's `sadf -d`: a semicolon CSV whose header is a comment (`# hostname;interval;timestamp;…`),
// one such header above each activity's rows (`sadf -d -- -A`), and a CPU column that tells apart
// the rows of one time (-1 for all, then 0, 1…). Before (mtools29 probe) the file was read as one
// log record per line, and the CPU column as a metric of its own.
import { describe, expect, it } from 'vitest';
import { csvMetrics, sniffCsvMetrics } from '../../../../analyzers/importers/csv-metrics/index.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { CHUNK_SIZES, decodeText, fingerprint, points } from '../prometheus/metrics-test-helpers.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const CPU = [
  '# hostname;interval;timestamp;CPU;%user;%idle',
  ...[3, 4, 5].flatMap((s) => [-1, 0, 1].map((c) => `vm;1;2026-11-28 09:24:0${s} UTC;${c};${s}.5${c + 1};9${s}.00`)),
];
const MEM = ['# hostname;interval;timestamp;kbmemfree;%memused', 'vm;1;2026-11-28 09:24:03 UTC;23084592;0.41', 'vm;1;2026-11-28 09:24:04 UTC;23084590;-nan'];

describe('csv-metrics: sysstat sadf -d', () => {
  it('is sniffed as a metrics CSV, one activity or several', () => {
    expect(sniffFormat(makeSniffInput(enc(MEM.join('\n') + '\n'), true)).spec?.id).toBe('csv-metrics');
    expect(sniffFormat(makeSniffInput(enc([...CPU, ...MEM].join('\n') + '\n'), true)).spec?.id).toBe('csv-metrics');
    // a comment line that is no header stays no metrics CSV
    expect(sniffCsvMetrics(makeSniffInput(enc('# just a note, nothing else\nfoo bar\n'), true))).toBe(0);
  });

  it('reads each activity with its own header; the CPU column is a label; UTC times', () => {
    const text = [...CPU, ...MEM].join('\n') + '\n';
    const r = decodeText(csvMetrics, text);
    for (const n of CHUNK_SIZES) expect(fingerprint(decodeText(csvMetrics, text, n)), `${n}-byte chunks`).toBe(fingerprint(r));
    // 9 CPU rows × (%user, %idle) + 2 memory rows × (kbmemfree, %memused); the sampling interval is a label (mtools30: was a metric, a point per row)
    expect(r.progress.records).toBe(18 + 4);
    expect([r.progress.rejected, r.errors]).toEqual([0, []]);
    const ps = points(r);
    // glibc's `-nan` is a NaN point, not an invalid number
    expect(ps.filter((p) => p.name === '%memused').map((p) => p.value)).toEqual([0.41, NaN]);
    expect([...new Set(ps.map((p) => p.name))].sort()).toEqual(['%idle', '%memused', '%user', 'kbmemfree']);
    expect(new Set(ps.map((p) => p.labels['interval']))).toEqual(new Set(['1']));
    expect(ps.filter((p) => p.name === '%user').map((p) => p.labels['CPU'])).toEqual(['-1', '0', '1', '-1', '0', '1', '-1', '0', '1']);
    expect(ps.find((p) => p.name === '%user')!.timeNs).toBe(BigInt(Date.UTC(2026, 10, 28, 9, 24, 3)) * 1_000_000n);
    expect(ps.find((p) => p.name === 'kbmemfree')!.labels['hostname']).toBe('vm');
  });

  it('a whole-number column that varies over time is still a value', () => {
    const rows = (last: string) => ['time;requests;errors', '2024-01-01T00:00:00Z;10;1', '2024-01-01T00:00:00Z;11;2', '2024-01-01T00:00:10Z;12;1', '2024-01-01T00:00:10Z;15;2', `2024-01-01T00:00:20Z;16;${last}`, '2024-01-01T00:00:20Z;17;2', ''].join('\n');
    expect([...new Set(points(decodeText(csvMetrics, rows('3'))).map((p) => p.name))]).toEqual(['requests', 'errors']);
    // the same numbers at each of three times: a key
    expect([...new Set(points(decodeText(csvMetrics, rows('1'))).map((p) => p.name))]).toEqual(['requests']);
  });

  it('a column named `interval` whose values change is measured: a metric, as before', () => {
    const text = 'timestamp,interval,latency\n2026-11-28T09:24:03Z,5,1.5\n2026-11-28T09:24:04Z,7,1.6\n';
    const r = decodeText(csvMetrics, text);
    expect(points(r).map((p) => [p.name, p.value])).toEqual([
      ['interval', 5],
      ['latency', 1.5],
      ['interval', 7],
      ['latency', 1.6],
    ]);
  });
});
