// The real worker threads of the template miner (dist/cli/templates-worker.js, built by
// `npm test` before the tests run): mining through them gives exactly the sequential result, and
// `obsready templates` writes the same CSV with one core or several.
import { coresToUse } from '../../../analyzers/node/threads.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateMiner } from '../../../analyzers/profile/template-miner.js';
import { mineInBlocks } from '../../../analyzers/analysis/template-blocks.js';
import { TemplateWorkers, templateThreads, templateWorkerUrl } from '../../../analyzers/node/template-workers.js';
import type { PrepareRequest } from '../../../analyzers/analysis/template-frontend.js';
import { LineSplitter } from '../../../analyzers/importers/common/lines.js';
import { generateMixedLogLines } from '../../../bench/templates-synth.js';
import { CLI, REPO } from '../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'obsready-tworkers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = new TextEncoder().encode(generateMixedLogLines(60_000, 21).join('\n') + '\n');

describe('template worker threads', () => {
  it('finds the bundled worker from dist/cli, dist/chunks and dist/bench, not from the sources', () => {
    for (const from of ['dist/cli/obsready.js', 'dist/chunks/x.js', 'dist/bench/templates-bench.js']) {
      expect(templateWorkerUrl(pathToFileURL(join(REPO, from)).href)?.pathname).toBe(join(REPO, 'dist/cli/templates-worker.js'));
    }
    expect(templateWorkerUrl(pathToFileURL(join(REPO, 'analyzers/cli/templates.ts')).href)).toBeUndefined();
  });

  it('OBSREADY_THREADS sets the cores: workers are one fewer (the main thread works too), none on one core', () => {
    const old = process.env['OBSREADY_THREADS'];
    try {
      process.env['OBSREADY_THREADS'] = '1';
      expect(templateThreads()).toBe(0);
      process.env['OBSREADY_THREADS'] = '3';
      expect(templateThreads()).toBe(2);
      process.env['OBSREADY_THREADS'] = '64';
      expect(templateThreads()).toBe(7);
      // the split analysis uses the same cap: 1,000 asked for is 8, 0 or less is 1
      process.env['OBSREADY_THREADS'] = '1000';
      expect(coresToUse()).toBe(8);
      process.env['OBSREADY_THREADS'] = '0';
      expect(coresToUse()).toBe(1);
    } finally {
      if (old === undefined) delete process.env['OBSREADY_THREADS'];
      else process.env['OBSREADY_THREADS'] = old;
    }
  });

  it('mining through 2 worker threads equals mining line by line (7 MB, 60,000 lines)', async () => {
    const url = templateWorkerUrl(pathToFileURL(CLI).href);
    expect(url, 'npm test builds dist/ first').toBeDefined();
    const ref = new TemplateMiner();
    const want: number[] = [];
    const sp = new LineSplitter({ line: (t) => want.push(ref.add(t).group) });
    sp.push(bytes);
    sp.end();

    const workers = new TemplateWorkers(url!, 2);
    let sent = 0;
    // Counts the blocks the threads take; the real executor does the work.
    const counting = { slots: workers.slots, poll: () => workers.poll(), execute: (req: PrepareRequest) => (sent++, workers.execute(req)) };
    const miner = new TemplateMiner();
    const got: number[] = [];
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let o = 0; o < bytes.length; o += 1 << 16) yield bytes.slice(o, o + (1 << 16));
    }
    try {
      const stats = await mineInBlocks(chunks(), miner, { line: (g) => got.push(g), tooLong: () => got.push(0) }, counting, { blockBytes: 1 << 18 });
      expect(stats.blocks).toBeGreaterThan(20);
      expect(sent).toBeGreaterThan(0);
      expect(stats.localBlocks + sent).toBe(stats.blocks);
    } finally {
      await workers.close();
    }
    expect(got.length).toBe(60_000);
    expect(got).toEqual(want);
    expect(miner.templates()).toEqual(ref.templates());
  });

  it('obsready templates writes the same CSV and summary on one core and on two', () => {
    const file = join(dir, 'big.log');
    writeFileSync(file, bytes);
    const out: string[] = [];
    for (const threads of ['1', '2']) {
      const csv = join(dir, `out-${threads}.csv`);
      const r = spawnSync(process.execPath, [CLI, 'templates', file, '--csv', csv], { encoding: 'utf8', env: { ...process.env, OBSREADY_THREADS: threads } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('60,000 lines');
      out.push(readFileSync(csv, 'utf8') + r.stdout);
    }
    expect(out[1]).toBe(out[0]);
  });
  it('obsready templates decodes as analyze does on one core and on two: ANSI colours, UTF-8 then UTF-16 without a mark, gzip give the plain text\'s CSV', () => {
    const lines = generateMixedLogLines(24_000, 5);
    const plain = join(dir, 'plain.log');
    writeFileSync(plain, lines.join('\n') + '\n');
    // The same lines, every third with its first word coloured (ESC [ 1;31m … ESC [ 0m), the second
    // half appended in UTF-16LE without a mark (CRLF), all gzipped.
    const coloured = lines.map((l, i) => (i % 3 === 0 ? l.replace(/^(\S+)/, '\u001b[1;31m$1\u001b[0m') : l));
    const half = coloured.length / 2;
    const head = Buffer.from(coloured.slice(0, half).join('\n') + '\n', 'utf8');
    const tail = Buffer.from(coloured.slice(half).join('\r\n') + '\r\n', 'utf16le');
    expect(head.includes(0x1b) && tail.includes(0x1b)).toBe(true);
    const mixed = join(dir, 'mixed.log.gz');
    writeFileSync(mixed, gzipSync(Buffer.concat([head, tail])));
    const csvOf = (file: string, threads: string, tag: string): { csv: string; r: ReturnType<typeof spawnSync> } => {
      const csv = join(dir, `${tag}-${threads}.csv`);
      const r = spawnSync(process.execPath, [CLI, 'templates', file, '--csv', csv, '--no-progress'], { encoding: 'utf8', env: { ...process.env, OBSREADY_THREADS: threads } });
      expect(r.status, String(r.stderr)).toBe(0);
      return { csv: readFileSync(csv, 'utf8'), r };
    };
    const want = csvOf(plain, '1', 'plain').csv;
    expect(want.split('\n').length).toBe(24_000 + 2); // the header, a row a line, the last newline
    for (const threads of ['1', '2']) {
      const { csv, r } = csvOf(mixed, threads, 'mixed');
      expect(csv).toBe(want);
      expect(String(r.stdout)).toContain('24,000 lines');
      // the change, said as analyze says it, at its line
      expect(String(r.stderr)).toContain(`line ${half + 1}: the text changes from UTF-8 to UTF-16LE here (byte ${head.length} of the file, without a byte-order mark`);
    }
  });
});
