// Big JSON Lines inputs are split across worker threads; the result must equal a sequential run
// (same counts, same errors with the same line numbers), and the process must stay bounded.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CLI, REPO, data } from '../../helpers/paths.js';
import { analyzeToJson } from '../../helpers/cli.js';


let tmp: string;
let file: string;
let lines: string[];
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'obsready-par-'));
  // otel-tui's recording is JSON Lines mixing traces, metrics and logs; repeat it and put a
  // few broken lines at known places.
  const src = readFileSync(data('otlp-json/otel-tui/test_data.json'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  lines = [];
  for (let i = 0; i < 40; i++) {
    lines.push(...src);
    if (i % 10 === 3) lines.push('{"resourceSpans": [ this is broken');
  }
  file = join(tmp, 'big.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
});

// Each test runs the CLI several times (sequential and split): a longer timeout than the default.
describe('worker-thread splitting', () => {
  it('gives the same report as a sequential run', { timeout: 180_000 }, async () => {
    const seq = await analyzeToJson(file, join(tmp, 'seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    // Two decoding threads (one worker + the main thread), and three (two workers + main).
    const par = await analyzeToJson(file, join(tmp, 'par.json'), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '65536', OBSREADY_THREADS: '2' });
    const par3 = await analyzeToJson(file, join(tmp, 'par3.json'), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '16384', OBSREADY_THREADS: '3' });
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    expect(seq.inputs[0].format).toBe('otlp-json');
    expect(seq.inputs[0].errorCount).toBe(4);
    // The broken lines' numbers, counted from how the file was built.
    const broken = lines.flatMap((l, i) => (l.includes('this is broken') ? [i + 1] : []));
    expect(seq.inputs[0].errors.map((e: { line: number }) => e.line)).toEqual(broken);
    expect(strip(par)).toBe(strip(seq));
    expect(strip(par3)).toBe(strip(seq));
  });

  it('says the unset times of an input split into more pieces than the error list holds once, with their sum, as a sequential run does', { timeout: 180_000 }, async () => {
    // ~5.5 MB of JSON Lines logs, a year-1 time (Go's zero time) on every 97th line: in 8 KB pieces
    // that is ~680 pieces, nearly all with such a time — more than the 400 piece errors an input
    // holds before it trims them (4 × the 100 it lists), which once cut most of the pieces' counts.
    const out: string[] = [];
    for (let i = 0; i < 60_000; i++) out.push(JSON.stringify({ time: i % 97 === 5 ? '0001-01-01T00:00:00Z' : new Date(1.7e12 + i * 1000).toISOString(), level: 'info', msg: `request ${i} done` }));
    const f = join(tmp, 'unset-times.jsonl');
    writeFileSync(f, out.join('\n') + '\n');
    const unset = out.filter((l) => l.includes('0001-01-01')).length;
    const seq = await analyzeToJson(f, join(tmp, 'unset-seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    const par = await analyzeToJson(f, join(tmp, 'unset-par.json'), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '8192', OBSREADY_THREADS: '2' });
    const notice = (r: { inputs: { errors: { code: string; line: number; message: string }[] }[] }) => r.inputs[0]!.errors.filter((e) => e.code === 'invalid-timestamp').map((e) => [e.line, Number(/^(\d+) records/.exec(e.message)?.[1])]);
    expect(notice(seq)).toEqual([[6, unset]]);
    expect(notice(par)).toEqual([[6, unset]]);
    expect(par.inputs[0].errorCount).toBe(1);
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    expect(strip(par)).toBe(strip(seq));
  });

  it('reports a line over the line limit once, whole, as a sequential run does (also the last line, unterminated)', { timeout: 180_000 }, async () => {
    const big = join(tmp, 'long-lines.jsonl');
    const filler = 'a'.repeat(65 * 1024 * 1024); // over MAX_LINE_BYTES (64 MiB)
    const head = lines.slice(0, 30).join('\n') + '\n';
    writeFileSync(big, head + `{"resourceSpans": [], "pad": "${filler}"}\n` + head + `{"pad": "${filler}`);
    const seq = await analyzeToJson(big, join(tmp, 'long-seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    const par = await analyzeToJson(big, join(tmp, 'long-par.json'), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_THREADS: '2' });
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    const tooLong = seq.inputs[0].errors.filter((e: { code: string }) => e.code === 'line-too-long');
    expect(tooLong.map((e: { line: number }) => e.line)).toEqual([31, 62]);
    expect(strip(par)).toBe(strip(seq));
  });

  it('keeps the first errors by line, as a sequential run does, when there are more than the report holds', { timeout: 180_000 }, async () => {
    const many = join(tmp, 'many-errors.jsonl');
    const out: string[] = [];
    for (let i = 0; i < 400; i++) out.push(lines[i % lines.length]!, `{"resourceSpans": [ broken ${i}`);
    writeFileSync(many, out.join('\n') + '\n');
    const seq = await analyzeToJson(many, join(tmp, 'many-seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    const par = await analyzeToJson(many, join(tmp, 'many-par.json'), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '16384', OBSREADY_THREADS: '3' });
    // The lines JSON.parse refuses (the 400 added ones, and the source's own broken ones).
    const invalid = (l: string): boolean => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    };
    const brokenLines = out.flatMap((l, i) => (invalid(l) ? [i + 1] : []));
    expect(brokenLines.length).toBeGreaterThanOrEqual(400);
    expect(seq.inputs[0].errorCount).toBe(brokenLines.length);
    expect(seq.inputs[0].errors.map((e: { line: number }) => e.line)).toEqual(brokenLines.slice(0, 100));
    expect(par.inputs[0]).toEqual(seq.inputs[0]);
  });

  it('counts every error past the decoder\'s 1,000, as a sequential run does (each piece has its own decoder and cap)', { timeout: 180_000 }, async () => {
    const many = join(tmp, 'thousands-of-errors.jsonl');
    const out: string[] = [];
    for (let i = 0; i < 2500; i++) out.push(lines[i % lines.length]!, `{"resourceSpans": [ broken ${i}`);
    writeFileSync(many, out.join('\n') + '\n');
    const seq = await analyzeToJson(many, join(tmp, 'thousands-seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    const par = await analyzeToJson(many, join(tmp, 'thousands-par.json'), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: '65536', OBSREADY_THREADS: '2' });
    // Every line that JSON.parse refuses is one error; the sequential run used to stop at 1,001
    // (1,000 and the too-many-errors notice) while the split run summed each piece's 1,001.
    const broken = out.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    }).length;
    expect(broken).toBeGreaterThanOrEqual(2500);
    expect(seq.inputs[0].errorCount).toBe(broken);
    expect(seq.inputs[0].rejected).toBe(broken);
    expect(par.inputs[0]).toEqual(seq.inputs[0]);
  });
  it('watches the encoding past the first piece: a UTF-16 text appended to the UTF-8 one (and UTF-8 after it) gives the report of a sequential run', { timeout: 180_000 }, async () => {
    // JSON Lines logs in UTF-8, then UTF-16LE without a byte-order mark (a Windows tool appending),
    // then UTF-8 again, then UTF-16LE after a mark: each change is far past the first piece.
    const rec = (i: number, msg: string): string => JSON.stringify({ time: `2024-05-01T10:${String(i % 60).padStart(2, '0')}:00Z`, level: 'info', msg: `${msg} ${i}`, trace_id: '0123456789abcdef0123456789abcdef' });
    const part = (n: number, msg: string, sep: string): string => Array.from({ length: n }, (_, i) => rec(i, msg)).join(sep) + sep;
    const a = Buffer.from(part(3000, 'request handled', '\n'));
    const b = Buffer.from(part(200, 'utf16 line', '\r\n'), 'utf16le');
    const c = Buffer.from(part(300, 'utf8 again', '\n'));
    const d = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(part(100, 'after a mark', '\r\n'), 'utf16le')]);
    const mixed = join(tmp, 'utf8-then-utf16.jsonl');
    writeFileSync(mixed, Buffer.concat([a, b, c, d]));
    const seq = await analyzeToJson(mixed, join(tmp, 'enc-seq.json'), { OBSREADY_SPLIT_MIN_BYTES: String(1e12) });
    expect(seq.inputs[0].format).toBe('jsonl-logs');
    expect(seq.inputs[0].records).toBe(3600);
    expect(seq.inputs[0].rejected).toBe(0);
    // One note at each change, at its line and byte (counted from how the file was built).
    expect(seq.inputs[0].errors.map((e: { code: string; line: number }) => [e.code, e.line])).toEqual([
      ['invalid-utf8', 3001],
      ['invalid-utf8', 3201],
      ['invalid-utf8', 3501],
    ]);
    expect(seq.inputs[0].errors[0].message).toContain(`UTF-8 to UTF-16LE here (byte ${a.length} of the file, without a byte-order mark`);
    expect(seq.inputs[0].errors[1].message).toContain(`UTF-16LE to UTF-8 here (byte ${a.length + b.length} of the file`);
    expect(seq.inputs[0].errors[2].message).toContain(`UTF-8 to UTF-16LE here (byte ${a.length + b.length + c.length} of the file, at a byte-order mark`);
    const strip = (r: Record<string, unknown>) => JSON.stringify({ ...r, generatedAt: undefined });
    for (const [piece, threads] of [
      ['16384', '2'],
      ['65536', '3'],
    ] as const) {
      const par = await analyzeToJson(mixed, join(tmp, `enc-par-${piece}-${threads}.json`), { OBSREADY_SPLIT_MIN_BYTES: '1', OBSREADY_SPLIT_PIECE_BYTES: piece, OBSREADY_THREADS: threads });
      expect(par.inputs[0]).toEqual(seq.inputs[0]);
      expect(strip(par)).toBe(strip(seq));
    }
  });
});
