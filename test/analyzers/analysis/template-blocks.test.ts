// Mining in blocks with a front end elsewhere (mineInBlocks + TemplateMiner.addPrepared) must give
// exactly what TemplateMiner.add gives line by line through LineSplitter: same group per line, same
// ids, templates, counts and examples. Checked on real Loghub files and generated lines, with
// executors that finish blocks out of order, tiny blocks (many in flight, so the front ends cut
// with a stale header consensus and the main thread must re-cut), and odd line ends.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateMiner } from '../../../analyzers/profile/template-miner.js';
import { mineInBlocks, lastLineEnd, blockEnd, type BlockExecutor, type BlockMiningOptions, type BlockMiningStats } from '../../../analyzers/analysis/template-blocks.js';
import { prepareBlock, type PrepareRequest } from '../../../analyzers/analysis/template-frontend.js';
import { LineSplitter } from '../../../analyzers/importers/common/lines.js';
import { generateMixedLogLines, makeRng } from '../../../bench/templates-synth.js';
import { data } from '../../helpers/paths.js';

type Row = number | 'too-long';

function sequential(bytes: Uint8Array, maxLineBytes?: number, header: 'auto' | 'none' = 'auto'): { rows: Row[]; miner: TemplateMiner } {
  const miner = new TemplateMiner({ header });
  const rows: Row[] = [];
  const sp = new LineSplitter({ line: (t) => rows.push(miner.add(t).group), tooLong: () => rows.push('too-long') }, maxLineBytes);
  // Fed in odd chunks: LineSplitter is chunk-invariant, so this is the sequential reference.
  for (let o = 0; o < bytes.length; o += 7919) sp.push(bytes.subarray(o, o + 7919));
  sp.end();
  return { rows, miner };
}

/** An executor that prepares in this thread but resolves blocks after random delays (out of order). */
function shuffledExecutor(seed: number, slots = 3): BlockExecutor & { executed: number } {
  const rng = makeRng(seed);
  const ex = {
    executed: 0,
    slots,
    poll: () => new Promise<void>((r) => setImmediate(r)),
    execute(req: PrepareRequest) {
      ex.executed++;
      // The request's bytes leave this thread in the real executor: prepare from a copy to be sure
      // nothing reads the caller's buffer afterwards.
      const bytes = req.bytes.slice();
      const delay = Math.floor(rng() * 3);
      return new Promise<ReturnType<typeof prepareBlock> & { bytes: Uint8Array }>((resolve) =>
        setTimeout(() => resolve({ ...prepareBlock({ ...req, bytes }), bytes }), delay),
      );
    },
  };
  return ex;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, o + size);
}

async function inBlocks(
  bytes: Uint8Array,
  executor: BlockExecutor,
  options: BlockMiningOptions & { chunk?: number; header?: 'auto' | 'none' } = {},
): Promise<{ rows: Row[]; miner: TemplateMiner; stats: BlockMiningStats }> {
  const miner = new TemplateMiner({ header: options.header ?? 'auto' });
  const rows: Row[] = [];
  const stats = await mineInBlocks(chunked(bytes, options.chunk ?? 65536), miner, { line: (g) => rows.push(g), tooLong: () => rows.push('too-long') }, executor, options);
  return { rows, miner, stats };
}

function expectSame(a: { rows: Row[]; miner: TemplateMiner }, b: { rows: Row[]; miner: TemplateMiner }): void {
  expect(b.rows.length).toBe(a.rows.length);
  expect(b.rows).toEqual(a.rows);
  const ids = (x: { rows: Row[]; miner: TemplateMiner }) => x.rows.map((r) => (r === 'too-long' ? r : x.miner.resolveGroup(r)));
  expect(ids(b)).toEqual(ids(a));
  expect(b.miner.templates()).toEqual(a.miner.templates());
  expect(b.miner.templateCount).toBe(a.miner.templateCount);
  expect(b.miner.mergeCount).toBe(a.miner.mergeCount);
}

const enc = new TextEncoder();
const loghub = data('loghub');
const loghubFiles = existsSync(loghub)
  ? readdirSync(loghub)
      .flatMap((d) => (statSync(join(loghub, d)).isDirectory() ? readdirSync(join(loghub, d)).filter((f) => f.endsWith('_2k.log')).map((f) => join(loghub, d, f)) : []))
      .sort()
  : [];

describe('mining in blocks (front end in other threads) equals mining line by line', () => {
  it('finds the Loghub files', () => {
    expect(loghubFiles.length).toBeGreaterThanOrEqual(8);
  });

  it('every Loghub system, and all of them concatenated, with small blocks finished out of order', async () => {
    const all: Uint8Array[] = [];
    for (const f of loghubFiles) {
      const bytes = readFileSync(f);
      all.push(bytes);
      const ref = sequential(bytes);
      const ex = shuffledExecutor(bytes.length, 4);
      const got = await inBlocks(bytes, ex, { blockBytes: 16384, maxInFlight: 6 });
      expectSame(ref, got);
      expect(got.stats.blocks).toBeGreaterThan(8);
      expect(ex.executed).toBeGreaterThan(3);
      expect(got.rows.length).toBe(2000);
    }
    const cat = Buffer.concat(all);
    const ref = sequential(cat);
    const got = await inBlocks(cat, shuffledExecutor(7), { blockBytes: 8192, maxInFlight: 8, chunk: 3001 });
    expectSame(ref, got);
    // The header styles change from system to system: blocks handed out before the change cut
    // with the old consensus, and the main thread re-cut what the new one decides otherwise.
    expect(got.miner.preparedWork.decoded).toBeLessThan(got.rows.length);
  });

  it('200,000 generated mixed lines, with the main thread preparing blocks too (1 slot)', async () => {
    const bytes = enc.encode(generateMixedLogLines(200_000, 3).join('\n') + '\n');
    const ref = sequential(bytes);
    const ex = shuffledExecutor(11, 1);
    const got = await inBlocks(bytes, ex, { blockBytes: 1 << 18, chunk: 1 << 20 });
    expectSame(ref, got);
    expect(got.stats.localBlocks).toBeGreaterThan(0);
    expect(ex.executed).toBeGreaterThan(0);
    expect(got.stats.localBlocks + ex.executed).toBe(got.stats.blocks);
    // Nearly every line is routed from its fingerprint alone: decoded here only for new shapes.
    expect(got.miner.preparedWork.decoded).toBeLessThan(got.rows.length / 20);
  });

  it('a header consensus that changes mid-stream: stale front-end cuts are re-cut, ids unchanged', async () => {
    // Unanchored headers (no level, no component): the stream's mode decides the cut, and it
    // flips when the second style takes over.
    const rng = makeRng(5);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`${1000 + i} node${i % 7} request ${Math.floor(rng() * 100)} served`);
    for (let i = 0; i < 9000; i++) lines.push(`2024-01-0${1 + (i % 9)} 10:0${i % 10}:00 r${i % 5} x${i % 3} ${1000 + i} queue ${i % 4} drained in ${i % 90} ms`);
    for (let i = 0; i < 3000; i++) lines.push(`${5000 + i} node${i % 7} request ${Math.floor(rng() * 100)} served`);
    const bytes = enc.encode(lines.join('\n'));
    const ref = sequential(bytes);
    const got = await inBlocks(bytes, shuffledExecutor(3, 8), { blockBytes: 2048, maxInFlight: 16, chunk: 4096 });
    expectSame(ref, got);
    expect(got.miner.preparedWork.recut).toBeGreaterThan(0);
  });

  it('capitalised level words the consensus cuts or keeps, marks before `name:`, fields after a source location', async () => {
    // A stream of `<epoch>: msg` lines with a `Config loaded …` among them (kept in the message),
    // then one of `<time> Info msg` lines (the level cut once the stream's mode says so), exim and lighttpd lines.
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(i % 50 === 7 ? `${1795804834 + i}: Config loaded from m${i % 3}.conf.` : `${1795804834 + i}: Client c${i} disconnected.`);
    }
    for (let i = 0; i < 4000; i++) {
      const lvl = ['Info', 'Warning', 'Error', 'Debug'][i % 4]!;
      lines.push(`2026-11-27 10:${String(i % 60).padStart(2, '0')}:00 ${lvl} ${['starting worker', 'queue holds', 'worker crashed after', 'cache warmed in'][i % 4]} ${i}`);
    }
    for (let i = 0; i < 2000; i++) {
      lines.push(i % 2 ? `2026-11-27 18:41:11 1xX0sh-0003XF-${String(i % 99).padStart(2, '0')} ** user${i % 5}@localhost: Unrouteable address` : `2026-11-27 18:38:47: (response.c.${400 + (i % 7)}) ${['Request-URI', 'Doc-Root', 'Basedir', 'Path'][(i >> 1) % 4]}     : /srv/${i}`);
    }
    const bytes = enc.encode(lines.join('\n') + '\n');
    const ref = sequential(bytes);
    const got = await inBlocks(bytes, shuffledExecutor(13, 6), { blockBytes: 4096, maxInFlight: 12, chunk: 5003 });
    expectSame(ref, got);
    const texts = new Set(ref.miner.templates().map((t) => t.template));
    expect(texts.has('Config loaded from <*>')).toBe(true);
    // (the level is cut once the `<time> Level msg` lines are the stream's most frequent cut: kept in the message before)
    expect(texts.has('starting worker <*>')).toBe(true);
    expect(texts.has('Info starting worker <*>')).toBe(true);
    expect(ref.miner.templateCount).toBe(15);
    expect(texts.has('** <*> Unrouteable address')).toBe(true);
    expect(texts.has('(<*>) Doc-Root : <*>')).toBe(true);
  });

  it('line ends: CRLF, CR-only (a CRLF split between blocks too), no final newline, empty lines, a BOM, invalid UTF-8', async () => {
    const base = generateMixedLogLines(3000, 9);
    const cases: Uint8Array[] = [
      enc.encode(base.join('\r\n') + '\r\n'),
      enc.encode(base.join('\r')),
      enc.encode(base.map((l, i) => (i % 3 === 0 ? l + '\r\n' : l + '\r')).join('')),
      enc.encode(base.join('\n')),
      enc.encode('\n\n' + base.join('\n\n\n') + '\n\n'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc.encode(base.join('\n'))]),
      Buffer.concat([enc.encode(base.slice(0, 1000).join('\n') + '\nbad \xff\xfe bytes here 12 \n'), Buffer.from([0x66, 0xc3, 0x28, 0x0a, 0xe2, 0x82]), enc.encode('\n' + base.slice(1000).join('\n'))]),
      // CRs first, the first LF 20 KB in: LF line ends (the head has an LF), the CRs stay in lines.
      enc.encode(base.slice(0, 200).join('\r') + '\n' + base.slice(200).join('\n')),
      // CRs only for the first 70 KB, then LFs: CR-only line ends (decided on the head), LFs end lines too.
      enc.encode(base.slice(0, 700).join('\r') + '\r' + base.slice(700).join('\n')),
      new Uint8Array(0),
      enc.encode('one line without end 42'),
    ];
    for (const [i, bytes] of cases.entries()) {
      const ref = sequential(bytes);
      for (const blockBytes of [1, 97, 4096]) {
        const got = await inBlocks(bytes, shuffledExecutor(i * 31 + blockBytes), { blockBytes, maxInFlight: 5, chunk: 1013 });
        expectSame(ref, got);
      }
      // Blocks cut by line count (short lines), CRLF pairs never split.
      const got = await inBlocks(bytes, shuffledExecutor(i), { blockBytes: 65536, maxBlockLines: 3, maxInFlight: 5, chunk: 50_000 });
      expectSame(ref, got);
    }
  });

  it('lines over the cap are skipped as too long, in their place', async () => {
    const lines = generateMixedLogLines(2000, 4);
    for (let i = 100; i < 2000; i += 250) lines[i] = 'x'.repeat(3000) + ' 12';
    const bytes = enc.encode(lines.join('\n') + '\n');
    const ref = sequential(bytes, 2048);
    expect(ref.rows.filter((r) => r === 'too-long').length).toBe(8);
    const got = await inBlocks(bytes, shuffledExecutor(2), { blockBytes: 10000, maxLineBytes: 2048 });
    expectSame(ref, got);
  });

  it('a line longer than longLineBytes moves the rest of the stream to this thread, with the same result', async () => {
    const lines = generateMixedLogLines(5000, 8);
    lines[2500] = 'y'.repeat(300_000);
    const bytes = enc.encode(lines.join('\n') + '\n');
    for (const max of [64 * 1024, 1 << 20]) {
      const ref = sequential(bytes, max);
      const got = await inBlocks(bytes, shuffledExecutor(5), { blockBytes: 8192, longLineBytes: 65536, maxLineBytes: max, chunk: 50_000 });
      expectSame(ref, got);
      expect(got.stats.sequentialLines).toBeGreaterThan(2000);
      expect(got.rows.filter((r) => r === 'too-long').length).toBe(max < 300_000 ? 1 : 0);
    }
  });

  it("header 'none' (messages, not raw lines)", async () => {
    const bytes = enc.encode(generateMixedLogLines(5000, 12).join('\n'));
    const ref = sequential(bytes, undefined, 'none');
    const got = await inBlocks(bytes, shuffledExecutor(12), { blockBytes: 4096, header: 'none' });
    expectSame(ref, got);
  });

  it('a stream shorter than one block is prepared here, without the executor', async () => {
    const bytes = enc.encode(generateMixedLogLines(100, 1).join('\n'));
    const ex = shuffledExecutor(1);
    const got = await inBlocks(bytes, ex, { blockBytes: 1 << 20 });
    expect(ex.executed).toBe(0);
    expect(got.stats).toEqual({ blocks: 1, localBlocks: 1, sequentialLines: 0 });
    expectSame(sequential(bytes), got);
  });

  it('an executor failure rejects the whole run', async () => {
    const bytes = enc.encode(generateMixedLogLines(20_000, 1).join('\n'));
    const failing: BlockExecutor = { slots: 2, poll: () => Promise.resolve(), execute: () => Promise.reject(new Error('worker died')) };
    await expect(inBlocks(bytes, failing, { blockBytes: 4096 })).rejects.toThrow('worker died');
  });
});

describe('blockEnd', () => {
  it('cuts after the n-th line end when it comes first, else after the last one within the limit', () => {
    const b = enc.encode('a\n\n\nbb\ncc\n');
    expect(blockEnd(b, b.length, 'lf', 2)).toBe(3);
    expect(blockEnd(b, b.length, 'lf', 100)).toBe(b.length);
    expect(blockEnd(b, 5, 'lf', 100)).toBe(4);
    expect(blockEnd(enc.encode('abc'), 3, 'lf', 5)).toBe(0);
    const c = enc.encode('a\r\nb\rc\nd\r');
    expect(blockEnd(c, c.length, 'cr', 1)).toBe(3); // a CRLF is one line end
    expect(blockEnd(c, c.length, 'cr', 2)).toBe(5);
    expect(blockEnd(c, c.length, 'cr', 9)).toBe(7); // not the final CR: an LF may follow
    expect(blockEnd(c, 2, 'cr', 9)).toBe(0); // a CR at the limit is not taken either
  });
});

describe('lastLineEnd', () => {
  it('cuts after the last LF; in CR-only streams after a CR or LF, never between a final CR and what follows', () => {
    const b = enc.encode('ab\ncd\nef');
    expect(lastLineEnd(b, b.length, 'lf')).toBe(6);
    expect(lastLineEnd(enc.encode('abc'), 3, 'lf')).toBe(0);
    expect(lastLineEnd(enc.encode('a\rb\r'), 4, 'cr')).toBe(2);
    expect(lastLineEnd(enc.encode('a\r\nb'), 4, 'cr')).toBe(3);
    expect(lastLineEnd(enc.encode('a\rb'), 3, 'cr')).toBe(2);
    expect(lastLineEnd(enc.encode('\r'), 1, 'cr')).toBe(0);
  });
});
