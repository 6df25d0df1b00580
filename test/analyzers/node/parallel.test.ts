// A big docker json-file log is split between worker threads at LFs. A run of partial entries
// (one long line docker wrote in 16 KB entries) is one record, so no piece may end inside a run
// the next piece continues; a run past its 1 MiB join limit may be cut (the next piece skips
// the rest, which a sequential read drops too). Whatever the piece size and thread count, the
// report equals a sequential run's.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO } from '../../helpers/paths.js';
import { analyzeToJson } from '../../helpers/cli.js';
import type { Report } from '../../../analyzers/report/model.js';


const entry = (log: string, stream: string, i: number): string => JSON.stringify({ log, stream, time: `2026-11-25T15:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000000001Z` });
/** A long line as docker writes it: 16 KiB entries, the last with the newline. */
function longLine(text: string, stream: string, i: number): string[] {
  const full = text + '\n';
  const out: string[] = [];
  for (let k = 0; k < full.length; k += 16384) out.push(entry(full.slice(k, k + 16384), stream, i));
  return out;
}

let tmp: string;
let file: string;
let expectedRecords = 0;
let expectedErrors: [string, number][] = [];
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-docker-par-'));
  const lines: string[] = [];
  const records = (n: number) => (expectedRecords += n);
  for (let i = 0; i < 6000; i++) {
    const stream = i % 7 === 0 ? 'stderr' : 'stdout';
    lines.push(entry(`2026-11-25T15:04:05Z ${stream === 'stderr' ? 'WARN' : 'INFO'} request ${i} served in ${i % 97} ms\n`, stream, i));
    records(1);
    if (i % 250 === 100) {
      // a crash: the logger's ERROR line, the exception and its frames, one docker entry each (one record)
      const crash = [`2026-11-25T15:04:05Z ERROR request ${i} failed`, 'java.lang.IllegalStateException: boom', ...Array.from({ length: 40 }, (_, k) => `\tat com.example.Svc.step${k}(Svc.java:${k + 1})`), 'Caused by: java.io.IOException: reset', '\t... 12 more'];
      for (const l of crash) lines.push(entry(`${l}\n`, 'stderr', i));
      records(1);
    }
    if (i % 1500 === 900) {
      // HotSpot's fatal error report (-XX:+ErrorFileToStdout), one entry a line: one record, whose
      // lines after its banner no two-entry rule would join (a piece must not end inside it)
      const report = ['#', '# A fatal error has been detected by the Java Runtime Environment:', '#', `#  SIGSEGV (0xb) at pc=0x00007f4aa18d2f94, pid=${i}, tid=7`, '#', '', '---------------  S U M M A R Y ------------', '', 'Command Line: -XX:+ErrorFileToStdout -jar app.jar', '', 'Host: AMD EPYC, 2 cores, 23G, Debian GNU/Linux 12 (bookworm)', 'Time: Wed Nov 25 15:04:05 2026 UTC elapsed time: 0.244695 seconds (0d 0h 0m 0s)', '', '---------------  P R O C E S S  ---------------', '', ...Array.from({ length: 120 }, (_, k) => `7f5fc${String(k).padStart(3, '0')}000-7f5fc${String(k + 1).padStart(3, '0')}000 r-xp 00000000 00:2cc 8151${k} /usr/lib/jvm/lib/libjava.so`), '', 'END.', '#', '# If you would like to submit a bug report, please visit:', '#   https://bugs.debian.org/openjdk-17', '#'];
      for (const l of report) lines.push(entry(`${l}\n`, 'stdout', i));
      records(1);
    }
    if (i % 400 === 17) {
      lines.push(...longLine(`{"level":"info","msg":"dump ${i}","data":"${'x'.repeat(30_000 + i)}"}`, 'stdout', i)); // 2-3 entries
      records(1);
    }
    if (i === 2500) {
      // past the join limit: 80 entries, cut at 1 MiB (one line-too-long, not rejecting)
      expectedErrors.push(['line-too-long', lines.length + 1]);
      lines.push(...longLine('y'.repeat(80 * 16384), 'stdout', i));
      records(1);
    }
    if (i === 3000) {
      // a stderr line between the entries of a stdout line: the run is read as two records
      const parts = longLine('z'.repeat(40_000), 'stdout', i);
      lines.push(parts[0]!, entry('2026-11-25T15:04:05Z ERROR in between\n', 'stderr', i), ...parts.slice(1));
      records(3);
    }
    if (i === 4000) {
      // a broken entry inside a run: reported, the run still one record
      const parts = longLine('w'.repeat(40_000), 'stdout', i);
      expectedErrors.push(['invalid-json', lines.length + 2]);
      lines.push(parts[0]!, parts[1]!.replace('"time":"', '"time":'), parts[2]!);
      records(1);
    }
  }
  // the file ends inside a run (rotated mid-line): a record as it is
  lines.push(...longLine('v'.repeat(40_000), 'stdout', 9999).slice(0, 2));
  records(1);
  expectedErrors = expectedErrors.sort((a, b) => a[1] - b[1]);
  file = join(tmp, 'container-json.log');
  writeFileSync(file, lines.join('\n') + '\n');
});

// Each test runs the CLI several times (sequential and split): a longer timeout than the default.
describe('splitting a docker json-file log between threads', () => {
  it('joins each long line once, and gives the report of a sequential run for any piece size and thread count', { timeout: 180_000 }, async () => {
    const seq = await analyzeToJson(file, join(tmp, 'seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    expect(seq.inputs[0].format).toBe('jsonl-logs');
    expect(seq.inputs[0].records).toBe(expectedRecords);
    expect(seq.inputs[0].rejected).toBe(1);
    expect(seq.inputs[0].errors.map((e: { code: string; line: number }) => [e.code, e.line])).toEqual(expectedErrors);
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    for (const [piece, threads] of [['16384', '2'], ['65536', '3'], ['300000', '2']] as const) {
      const par = await analyzeToJson(file, join(tmp, `par-${piece}-${threads}.json`), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: piece, OBSREADY_THREADS: threads });
      expect(strip(par), `pieces of ${piece} bytes, ${threads} threads`).toBe(strip(seq));
    }
  });
});

describe('splitting a JSON Lines log whose records may span lines (Elasticsearch 7 stack traces)', () => {
  it('never cuts a record written over several lines: the report equals a sequential run', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    let records = 0;
    for (let i = 0; i < 3000; i++) {
      const head = `{"type": "server", "timestamp": "2026-11-25T15:04:05,${String(i % 1000).padStart(3, '0')}Z", "level": "${i % 50 === 7 ? 'ERROR' : 'INFO'}", "component": "o.e.n.Node", "node.name": "es01", "message": "event ${i}"`;
      if (i % 50 === 7) {
        lines.push(head + ', ', `"stacktrace": ["java.lang.IllegalStateException: failed ${i}",`);
        for (let k = 0; k < 20; k++) lines.push(`"at org.elasticsearch.Frame${k}.run(Frame${k}.java:${k + 1}) ~[elasticsearch-7.17.0.jar:7.17.0]",`);
        lines.push('"at java.base/java.lang.Thread.run(Thread.java:833) [?:?]"] }');
      } else lines.push(head + ' }');
      records++;
    }
    const es7 = join(tmp, 'es7-server.json');
    writeFileSync(es7, lines.join('\n') + '\n');
    const seq = await analyzeToJson(es7, join(tmp, 'es7-seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    expect(seq.inputs[0].format).toBe('jsonl-logs');
    expect(seq.inputs[0].records).toBe(records);
    expect(seq.inputs[0].rejected).toBe(0);
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    for (const [piece, threads] of [['16384', '2'], ['65536', '3']] as const) {
      const par = await analyzeToJson(es7, join(tmp, `es7-par-${piece}-${threads}.json`), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: piece, OBSREADY_THREADS: threads });
      expect(strip(par), `pieces of ${piece} bytes, ${threads} threads`).toBe(strip(seq));
    }
  });
});

describe('the split read of a file that changes while it is read', () => {
  it('reads up to the size the file had when the run began; one that shrank is reported truncated, as a sequential read does', async () => {
    const { Analysis } = await import('../../../analyzers/analysis/analysis.js');
    const { WorkerPool, analyzeFileSplit, finishSplit } = await import('../../../analyzers/node/parallel.js');
    const path = join(tmp, 'live.jsonl');
    const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ time: `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, level: 'info', msg: `line ${i}` }));
    writeFileSync(path, lines.join('\n') + '\n');
    const size = readFileSync(path).length;
    const at40 = Buffer.byteLength(lines.slice(0, 40).join('\n') + '\n');
    const run = async (listed: number) => {
      const analysis = new Analysis({ toolVersion: 'test' });
      // no worker threads: the main thread decodes every piece
      const pool = new WorkerPool(new URL('file:///no-worker.js'), 0, {}, {});
      const session = await analyzeFileSplit(analysis, { path, display: 'live.jsonl', size: listed }, { format: 'jsonl-logs', confidence: 1 }, pool);
      await finishSplit(analysis, new Map([[session.index, session]]), pool);
      return session.report;
    };
    // Listed at 40 lines' worth of bytes, then grown to 100 lines: the 40 lines are read.
    // (a file bigger than the size listed when the run began grew meanwhile: no timing involved)
    const grown = await run(at40);
    expect([grown.records, grown.bytes, grown.errors.map((e) => [e.code, e.offset])]).toEqual([40, at40, [['truncated', at40]]]);
    expect(grown.errors[0]!.message).toContain(`the ${(size - at40).toLocaleString('en-US')} bytes written to it since were not`);
    const same = await run(size);
    expect([same.records, same.errors]).toEqual([100, []]);
    // Listed at twice its size, then cut (copytruncate): the 100 lines, and a truncated error.
    const shrank = await run(size * 2);
    expect([shrank.records, shrank.bytes, shrank.errors.map((e) => [e.code, e.offset])]).toEqual([100, size, [['truncated', size]]]);
    expect(shrank.errors[0]!.message).toContain(`${size} of the ${size * 2} bytes`);
  });
});

describe('the main thread decoding its share of the pieces straight into the run\'s analysis', () => {
  /** OTLP JSON Lines: traces of several services (some spans failing, some traces cut over two lines), a broken line. */
  function otlpLines(n: number): string[] {
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const traceId = (i % 97).toString(16).padStart(4, '0') + 'ab'.repeat(14);
      const spans = Array.from({ length: 6 }, (_, k) => ({
        traceId,
        spanId: ((i * 8 + k) % 65536).toString(16).padStart(4, '0') + 'cd'.repeat(6),
        ...(k > 0 ? { parentSpanId: ((i * 8 + k - 1) % 65536).toString(16).padStart(4, '0') + 'cd'.repeat(6) } : {}),
        name: k === 0 ? `GET /api/item/${i % 5}` : `SELECT t${k}`,
        kind: k === 0 ? 2 : 3,
        startTimeUnixNano: String(1_764_000_000_000_000_000n + BigInt(i) * 1_000_000_000n + BigInt(k) * 1_000_000n),
        endTimeUnixNano: String(1_764_000_000_000_000_000n + BigInt(i) * 1_000_000_000n + BigInt(k) * 1_000_000n + BigInt((i * 7 + k) % 50) * 1_000_000n),
        attributes: k === 0 ? [{ key: 'http.request.method', value: { stringValue: 'GET' } }, { key: 'http.response.status_code', value: { intValue: i % 13 === 0 ? '500' : '200' } }] : [{ key: 'db.system.name', value: { stringValue: 'postgresql' } }],
        status: i % 13 === 0 && k === 0 ? { code: 2, message: 'boom' } : {},
      }));
      const service = ['cart', 'checkout', 'payment'][i % 3]!;
      lines.push(JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ scope: { name: 'test' }, spans }] }] }));
      if (i === 1234) lines.push('{"resourceSpans": [ broken');
    }
    return lines;
  }

  async function sequentialAndSplit(path: string): Promise<[Report, Report]> {
    const { Analysis } = await import('../../../analyzers/analysis/analysis.js');
    const { analyzeFile } = await import('../../../analyzers/node/read-inputs.js');
    const { WorkerPool, analyzeFileSplit, finishSplit } = await import('../../../analyzers/node/parallel.js');
    const size = readFileSync(path).length;
    const at = '2026-11-28T00:00:00.000Z';
    const seq = new Analysis({ toolVersion: 'test' });
    await analyzeFile(seq, { path, display: 'otlp.jsonl', size });
    const a = seq.finish(at);
    const par = new Analysis({ toolVersion: 'test' });
    // no worker threads: the main thread decodes every piece (1 MB each), into `par` itself
    const pool = new WorkerPool(new URL('file:///no-worker.js'), 0, {}, {});
    const session = await analyzeFileSplit(par, { path, display: 'otlp.jsonl', size }, { format: 'otlp-json', confidence: a.inputs[0]!.detection.confidence }, pool);
    await finishSplit(par, new Map([[session.index, session]]), pool);
    return [a, par.finish(at)];
  }

  it('gives the report of a sequential run, with one row for the input (no row per piece)', { timeout: 120_000 }, async () => {
    const path = join(tmp, 'otlp.jsonl');
    writeFileSync(path, otlpLines(3000).join('\n') + '\n');
    expect(readFileSync(path).length).toBeGreaterThan(3 * 1024 * 1024); // several pieces
    const [seq, split] = await sequentialAndSplit(path);
    expect(split.inputs.map((i) => [i.path, i.records, i.rejected, i.errorCount])).toEqual([['otlp.jsonl', 18000, 1, 1]]);
    expect(split).toEqual(seq);
  });

  it('and when the rest of the file is read in order on this thread (a NUL byte may start a change of encoding)', { timeout: 120_000 }, async () => {
    const path = join(tmp, 'otlp-nul.jsonl');
    const lines = otlpLines(3000);
    lines.splice(2000, 0, '{"resourceSpans":[]}\u0000');
    writeFileSync(path, lines.join('\n') + '\n');
    const [seq, split] = await sequentialAndSplit(path);
    expect(split.inputs.length).toBe(1);
    expect(split.inputs[0]!.records).toBe(18000);
    expect(split).toEqual(seq);
  });
});
