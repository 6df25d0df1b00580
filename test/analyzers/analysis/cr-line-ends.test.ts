// Logs whose lines end in a lone CR (classic Mac OS, some network devices, files saved by old
// tools) were read as one record. Line ends are decided per file from its head: CRs and no LF →
// CR-only, and every line-based log importer reads such a file line by line, with line numbers
// counting the CR-ended lines. Whole or in 1-, 7- and 4096-byte chunks, the report is the same.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import type { InputReport, Report } from '../../../analyzers/report/model.js';

function run(bytes: Uint8Array, chunk = bytes.length || 1): InputReport {
  const analysis = new Analysis({ toolVersion: '0.0.0-test' });
  const s = analysis.openInput('input', { totalBytes: bytes.length });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  s.end();
  return (analysis.finish() as Report).inputs[0]!;
}

const cr = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r') + '\r');
const summary = (i: InputReport) => [i.format, i.records, i.rejected, i.errors.map((e) => [e.code, e.line])];

function expectSameInChunks(bytes: Uint8Array): void {
  const whole = run(bytes);
  for (const n of [1, 7, 4096]) expect(run(bytes, n), `${n}-byte chunks`).toEqual(whole);
}

describe('CR-only line ends', () => {
  it('a text log: one record a line, a stack trace joined to its record, line numbers by CR', () => {
    const bytes = cr([
      '2026-11-25 15:04:05,123 INFO  [main] app.Server - started in 812 ms',
      '2026-11-25 15:04:06,001 WARN  [pool-1] app.Cache - cache miss ratio 0.42',
      '2026-11-25 15:04:07,777 ERROR [pool-2] app.Db - connection refused',
      'java.net.ConnectException: Connection refused',
      '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
      '2026-11-25 15:04:08,000 INFO  [main] app.Server - retrying',
    ]);
    // A byte that is not UTF-8 at the end of line 6 (the head is still UTF-8).
    const bad = Uint8Array.from([...bytes.subarray(0, bytes.length - 1), 0xff, 13]);
    expect(summary(run(bad))).toEqual(['text-logs', 4, 0, [['invalid-utf8', 6]]]);
    expectSameInChunks(bad);
  });

  it('JSON Lines: one record a line, a broken line reported at its own line', () => {
    const bytes = cr([
      '{"time":"2026-11-25T15:04:00Z","level":"info","msg":"a started"}',
      '{"time":"2026-11-25T15:04:01Z","level":"warn","msg":"b slow"}',
      '{"time":"2026-11-25T15:04:02Z","level":"error", broken',
      '{"time":"2026-11-25T15:04:03Z","level":"info","msg":"d done"}',
    ]);
    expect(summary(run(bytes))).toEqual(['jsonl-logs', 3, 1, [['invalid-json', 3]]]);
    expectSameInChunks(bytes);
  });

  it('logfmt: one record a line, a line without pairs a record of free text at its own line', () => {
    const bytes = cr([
      'time=2026-11-25T15:04:00Z level=info msg="a started"',
      'time=2026-11-25T15:04:01Z level=warn msg="b slow"',
      'this line has no pairs',
      'time=2026-11-25T15:04:03Z level=error msg="c failed"',
    ]);
    expect(summary(run(bytes))).toEqual(['logfmt', 4, 0, []]);
    expectSameInChunks(bytes);
  });

  it('CSV logs: header, rows, a quoted message spanning CR-ended lines, a short row at its line', () => {
    const bytes = cr([
      'timestamp,level,service,message',
      '2026-11-25T15:04:00Z,INFO,api,started',
      '2026-11-25T15:04:01Z,WARN,api,"slow, 2s"',
      '2026-11-25T15:04:02Z,ERROR,db,"failed',
      'retrying"',
      '2026-11-25T15:04:03Z',
      '2026-11-25T15:04:04Z,INFO,api,done',
    ]);
    expect(summary(run(bytes))).toEqual(['csv-logs', 4, 1, [['invalid-record', 6]]]);
    expectSameInChunks(bytes);
  });

  it('Windows-1252 text with CR-only line ends: the encoding note names the line by CR too', () => {
    const text = ['Nov 25 15:04:05 host app[1]: started', 'Nov 25 15:04:06 host app[1]: caf\xe9 closed', 'Nov 25 15:04:07 host app[1]: done'].join('\r') + '\r';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(summary(run(bytes))).toEqual(['text-logs', 3, 0, [['invalid-utf8', 2]]]);
  });

  it('a CR-only log longer than the 64 KB head, read in Node Buffers as the CLI reads files: every line (the head is not changed by sniffing)', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `081109 2035${String(i % 60).padStart(2, '0')} ${143 + i} INFO dfs.DataNode$PacketResponder: PacketResponder ${i % 3} for block blk_${38865049064139660n + BigInt(i)} terminating`);
    const bytes = Buffer.from(lines.join('\r') + '\r');
    expect(bytes.length).toBeGreaterThan(3 * 65536);
    for (const n of [65536, 1 << 20]) {
      const analysis = new Analysis({ toolVersion: '0.0.0-test' });
      const s = analysis.openInput('input', { totalBytes: bytes.length });
      for (let i = 0; i < bytes.length; i += n) s.push(Buffer.from(bytes.subarray(i, i + n)));
      s.end();
      expect(summary((analysis.finish() as Report).inputs[0]!), `${n}-byte Buffers`).toEqual(['text-logs', 2000, 0, []]);
    }
  });

  it('a stray CR in an LF or CRLF log (a progress bar) splits nothing, as before', () => {
    const lf = new TextEncoder().encode('2026-11-25 15:04:05 INFO download 10%\r50%\r100%\n2026-11-25 15:04:09 INFO done\n');
    expect(summary(run(lf))).toEqual(['text-logs', 2, 0, []]);
    const crlf = new TextEncoder().encode('2026-11-25 15:04:05 INFO download 10%\r50%\r100%\r\n2026-11-25 15:04:09 INFO done\r\n');
    expect(summary(run(crlf))).toEqual(['text-logs', 2, 0, []]);
  });
});

describe('CR-only line ends, short inputs', () => {
  it('a Prometheus scrape and JSON lines: no line is taken for the unterminated last one', () => {
    const prom = cr(['# HELP up Whether the target is up.', '# TYPE up gauge', 'up{job="a"} 1', 'up{job="b"} 0']);
    expect(summary(run(prom))).toEqual(['prometheus', 2, 0, []]);
    expectSameInChunks(prom);
    const jsonl = cr(['{"level":"info","msg":"a"}', '{"level":"warn","msg":"b"}']);
    expect(summary(run(jsonl))).toEqual(['jsonl-logs', 2, 0, []]);
    // the last line without its CR is still the one said to be unterminated
    const cut = new TextEncoder().encode('# TYPE up gauge\rup{job="a"} 1\rup{job="b"} 0');
    expect(summary(run(cut))).toEqual(['prometheus', 2, 0, [['truncated', 3]]]);
  });
});
