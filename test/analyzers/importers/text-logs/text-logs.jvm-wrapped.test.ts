// A Java program's death (an uncaught exception, then HotSpot's fatal error report) as each
// container runtime and log tool captures it: the plain lines, CRI, docker's json-file driver and
// `logcli query`'s default output. Each wrapper gives the records the plain file gives, the same
// lines in each, at the same levels; the time is the wrapper's where the report gives none.
// The lines are a real capture (test/fixtures/jvm-wrapped, see its README).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { textLogs } from '../../../../analyzers/importers/text-logs/index.js';
import { jsonlLogs } from '../../../../analyzers/importers/jsonl-logs/index.js';
import { decodeText, expectChunkingInvariant, logs } from '../jsonl-logs/log-test-helpers.js';
import type { LogRecord } from '../../../../analyzers/model/index.js';

interface Captured { t: number | bigint; stream: string; line: string; nl: boolean }
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/jvm-wrapped');
/** The capture, its times exact (ns: past a double's precision, read from the JSON text). */
function capture(name: string): (Captured & { t: bigint })[] {
  return readFileSync(path.join(DIR, name), 'utf8').split('\n').filter((l) => l !== '').map((l) => ({ ...(JSON.parse(l) as Captured), t: BigInt(/"t": (\d+)/.exec(l)![1]!) }));
}

const rfc3339Nano = (ns: bigint) => {
  const s = new Date(Number(ns / 1_000_000_000n) * 1000).toISOString().slice(0, 19);
  const frac = String(ns % 1_000_000_000n).padStart(9, '0').replace(/0+$/, '');
  return `${s}${frac ? `.${frac}` : ''}Z`;
};
const rfc3339 = (ns: bigint) => new Date(Number(ns / 1_000_000_000n) * 1000).toISOString().slice(0, 19) + 'Z';
/** Go's encoding/json string (docker's jsonlog): HTML characters escaped, UTF-8 kept. */
const goString = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const WRAP: Record<string, (c: (Captured & { t: bigint })[]) => string> = {
  plain: (c) => c.map((x) => x.line).join('\n') + '\n',
  // kubelet's CRI log: `<RFC 3339 nano> <stream> F <line>`
  cri: (c) => c.map((x) => `${rfc3339Nano(x.t)} ${x.stream} F ${x.line}`).join('\n') + '\n',
  // docker's json-file driver: one entry a line, the line with its newline, 16 KB entries at most
  docker: (c) => c.flatMap((x) => {
    const out: string[] = [];
    for (let k = 0; k === 0 || k < x.line.length; k += 16384) {
      const last = k + 16384 >= x.line.length;
      out.push(`{"log":${goString(x.line.slice(k, k + 16384) + (last && x.nl ? '\n' : ''))},"stream":"${x.stream}","time":"${rfc3339Nano(x.t)}"}`);
    }
    return out;
  }).join('\n') + '\n',
  // `logcli query --forward` (default output): the time to the second, the stream's labels padded to the widest, the line trimmed
  logcli: (c) => logcli(c),
  // `logcli query` without --forward: the same lines, newest first
  'logcli newest first': (c) => logcli([...c].reverse()),
};
function logcli(c: (Captured & { t: bigint })[]): string {
  const set = (s: string) => `{container="checkout", job="docker", stream="${s}"}`;
  const width = Math.max(...c.map((x) => set(x.stream).length));
  return c.map((x) => `${rfc3339(x.t)} ${set(x.stream).padEnd(width)} ${x.line.trim()}`).join('\n') + '\n';
}
/** The importer that reads a wrapper's output. */
const specOf = (wrapper: string) => (wrapper === 'docker' ? jsonlLogs : textLogs);

/** [first line, severity number, severity text, lines of its text] of each record. */
const shape = (recs: LogRecord[]) => recs.map((r) => [r.source.line, r.severityNumber, r.severityText, String(r.body).split('\n').length]);

describe('the JVM\'s death behind each wrapper: the records of the plain capture', () => {
  // Counted off the capture by hand: 3 log lines (the app's own time, its level), the uncaught
  // exception (its line, 2 frames, Caused by, `... 2 more`: 5 lines on stderr), the fatal error report.
  const BANNER: [number, number, string, number][] = [[1, 9, 'INFO', 1], [2, 13, 'WARN', 1], [3, 17, 'error', 5], [8, 9, 'INFO', 1], [9, 21, 'fatal', 18]];
  // -XX:+ErrorFileToStdout: the banner, the report (up to `END.`, line 927), then the 4 `#` lines the JVM prints after it
  const FULL: [number, number, string, number][] = [[1, 9, 'INFO', 1], [2, 13, 'WARN', 1], [3, 17, 'error', 5], [8, 9, 'INFO', 1], [9, 21, 'fatal', 923]];

  for (const [name, cap, expected] of [['banner', 'crash-banner.capture.jsonl', BANNER], ['full report', 'crash-full.capture.jsonl', FULL]] as const) {
    const c = capture(cap);
    for (const wrapper of Object.keys(WRAP) as (keyof typeof WRAP)[]) {
      it(`${name}, ${wrapper}: ${expected.length} records, the crash's at ERROR and FATAL`, () => {
        const text = WRAP[wrapper]!(c);
        const r = decodeText(specOf(wrapper), text);
        expect(r.errors).toEqual([]);
        const recs = logs(r);
        if (wrapper === 'logcli newest first') {
          // the same records, their first line (the oldest) at its place in the reversed file, newest stream run first
          const n = c.length;
          expect(shape(recs).sort((a, b) => Number(b[0]) - Number(a[0]))).toEqual(expected.map(([l, ...rest]) => [n + 1 - l, ...rest]));
        } else expect(shape(recs)).toEqual(expected);
        // the report's text is the plain capture's lines, oldest first (logcli trims each)
        const report = String(recs.find((x) => x.severityNumber === 21)!.body).split('\n');
        const lines = c.slice(8, 8 + expected[4]![3]).map((x) => (wrapper.startsWith('logcli') ? x.line.trim() : x.line));
        expect(report).toEqual(lines);
        expectChunkingInvariant(specOf(wrapper), new TextEncoder().encode(text));
      });
    }
  }

  it('the times: the uncaught exception at its first line\'s (none in the plain file), the full report at its Time: line', () => {
    const times = (cap: string, wrapper: keyof typeof WRAP) => logs(decodeText(specOf(wrapper), WRAP[wrapper]!(capture(cap)))).map((r) => r.timeNs);
    const banner = capture('crash-banner.capture.jsonl');
    const full = capture('crash-full.capture.jsonl');
    // `Time: Fri Nov 27 21:48:21 2026 UTC elapsed time: 1.722480 seconds (0d 0h 0m 1s)`
    const reportTime = BigInt(Date.UTC(2026, 10, 27, 21, 48, 21)) * 1_000_000n;
    expect(full.find((x) => x.line.startsWith('Time: '))!.line).toBe('Time: Fri Nov 27 21:48:21 2026 UTC elapsed time: 1.722480 seconds (0d 0h 0m 1s)');
    const sec = (ns: bigint) => (ns / 1_000_000_000n) * 1_000_000_000n;
    expect([times('crash-banner.capture.jsonl', 'plain')[2], times('crash-banner.capture.jsonl', 'plain')[4]]).toEqual([undefined, undefined]);
    for (const w of ['cri', 'docker'] as const) {
      const b = times('crash-banner.capture.jsonl', w);
      expect([b[2], b[4]], w).toEqual([banner[2]!.t, banner[8]!.t]);
      const f = times('crash-full.capture.jsonl', w);
      expect([f[2], f[4]], w).toEqual([full[2]!.t, reportTime]);
    }
    // logcli prints whole seconds
    const lb = times('crash-banner.capture.jsonl', 'logcli');
    expect([lb[2], lb[4]]).toEqual([sec(banner[2]!.t), sec(banner[8]!.t)]);
    expect(times('crash-full.capture.jsonl', 'logcli')[4]).toBe(reportTime);
    // newest first: the same times (the records newest stream run first: the fatal report is the second)
    const back = times('crash-banner.capture.jsonl', 'logcli newest first');
    expect([back[1], back[2]]).toEqual([sec(banner[8]!.t), sec(banner[2]!.t)]);
    expect(times('crash-full.capture.jsonl', 'logcli newest first')[1]).toBe(reportTime);
  });
});
