// The Node adapter: folders, .gz by magic bytes, corrupt gzip, decompression bombs, read
// failures — each a coded error, never a crash, and inputs never modified.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, statSync, rmSync, createWriteStream, symlinkSync, linkSync, promises as fsPromises } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync, createGzip } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256, expandPaths } from '../../../analyzers/node/read-inputs.js';

const PROM = '# HELP up Target up.\n# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n';
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-read-'));
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'a.prom'), PROM);
  writeFileSync(join(dir, 'nested', 'deeper', 'b.txt.gz'), gzipSync(PROM));
  writeFileSync(join(dir, 'nested', '.hidden'), 'ignored');
  writeFileSync(join(dir, 'fake.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from('definitely not deflate data')]));
  // A bomb: 300 MB of zeros compresses to ~300 KB (ratio ~1000:1).
  await new Promise<void>((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    const out = createWriteStream(join(dir, 'bomb.gz'));
    gz.pipe(out);
    out.on('finish', () => resolve());
    out.on('error', reject);
    const zeros = Buffer.alloc(1 << 20);
    let i = 0;
    const write = () => {
      while (i < 300) {
        i++;
        if (!gz.write(zeros)) return void gz.once('drain', write);
      }
      gz.end();
    };
    write();
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sha(path: string) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('expandPaths', () => {
  it('walks folders recursively in sorted order, skips hidden entries and reports missing paths', async () => {
    const { files, missing } = await expandPaths([dir, join(dir, 'nope')]);
    expect(files.map((f) => f.path.slice(dir.length + 1))).toEqual(['a.prom', 'bomb.gz', 'fake.gz', join('nested', 'deeper', 'b.txt.gz')]);
    expect(missing).toHaveLength(1);
    expect(missing[0]!.reason).toBe('no such file or folder');
  });
});

describe('expandPaths: links and special files', () => {
  it('walks a symlinked folder loop once and reads a file reached by two paths once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-links-'));
    try {
      mkdirSync(join(root, 'logs'));
      writeFileSync(join(root, 'logs', 'a.prom'), PROM);
      symlinkSync(root, join(root, 'logs', 'up')); // logs/up -> root: a loop
      symlinkSync(join(root, 'logs', 'a.prom'), join(root, 'alias.prom'));
      linkSync(join(root, 'logs', 'a.prom'), join(root, 'hard.prom'));
      const { files, missing, aliases } = await expandPaths([root, join(root, 'logs', 'a.prom')]);
      expect(files).toHaveLength(1);
      expect(missing).toEqual([]);
      // the other paths of that file are said, not passed over silently (walk order: alias, hard, logs/a.prom, then the path named again)
      const rel = (p: string) => p.slice(root.length + 1);
      expect(files.map((f) => rel(f.display))).toEqual(['alias.prom']);
      expect(aliases.map((a) => [rel(a.path), rel(a.sameAs)])).toEqual([
        ['hard.prom', 'alias.prom'],
        ['logs/a.prom', 'alias.prom'],
        ['logs/a.prom', 'alias.prom'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a folder inside the walk that cannot be listed is an input with read-failed; the other files are read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-locked-'));
    // (as root, chmod 000 does not stop readdir: the refusal is simulated at the file system call)
    const realReaddir = fsPromises.readdir;
    const spy = vi.spyOn(fsPromises, 'readdir').mockImplementation(((p: string, ...rest: unknown[]) => {
      if (String(p).endsWith('locked')) return Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' }));
      return (realReaddir as (...a: unknown[]) => Promise<string[]>)(p, ...rest);
    }) as typeof fsPromises.readdir);
    try {
      writeFileSync(join(root, 'a.prom'), PROM);
      mkdirSync(join(root, 'locked'));
      const { files, missing } = await expandPaths([root]);
      expect(missing).toEqual([]);
      expect(files.map((f) => [f.display.split(/[\\/]/).pop(), f.unreadable?.startsWith('a folder that cannot be listed') ?? false])).toEqual([['a.prom', false], ['locked', true]]);
      const analysis = new Analysis({ toolVersion: 'test' });
      const reports = [];
      for (const f of files) reports.push((await analyzeFile(analysis, f)).report);
      expect(reports.map((r) => [r.records, r.errors.map((e) => e.code)])).toEqual([[2, []], [0, ['read-failed']]]);
    } finally {
      spy.mockRestore();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('a dangling symlink or a link loop inside a folder is an input with read-failed, not a missing command-line path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-dangling-'));
    try {
      writeFileSync(join(root, 'a.prom'), PROM);
      symlinkSync(join(root, 'gone.log'), join(root, 'b.log')); // target never existed
      symlinkSync(join(root, 'c.log'), join(root, 'c.log')); // points at itself: ELOOP
      const { files, missing } = await expandPaths([root]);
      expect(missing).toEqual([]);
      expect(files.map((f) => [f.display.split(/[\\/]/).pop(), f.unreadable === undefined])).toEqual([['a.prom', true], ['b.log', false], ['c.log', false]]);
      const analysis = new Analysis({ toolVersion: 'test' });
      const reports = [];
      for (const f of files) reports.push((await analyzeFile(analysis, f)).report);
      expect(reports.map((r) => [r.format, r.records, r.errors.map((e) => e.code)])).toEqual([
        ['prometheus', 2, []],
        ['unknown', 0, ['read-failed']], // only read-failed: not also "the input is empty"
        ['unknown', 0, ['read-failed']],
      ]);
      expect(reports[1]!.errors[0]!.message).toContain('symbolic link whose target does not exist');
      // Named on the command line it is still a missing path (exit 2 in the CLI).
      expect((await expandPaths([join(root, 'b.log')])).missing.map((m) => m.reason)).toEqual(['no such file or folder']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('takes a FIFO given on the command line as a pipe input; one inside a folder is a row saying it is not read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-fifo-'));
    try {
      writeFileSync(join(root, 'a.prom'), PROM);
      execFileSync('mkfifo', [join(root, 'pipe')]);
      const inFolder = await expandPaths([root]);
      expect(inFolder.files.map((f) => [f.display.split(/[\\/]/).pop(), f.unreadable !== undefined])).toEqual([['a.prom', false], ['pipe', true]]);
      expect(inFolder.missing).toEqual([]);
      const named = await expandPaths([join(root, 'pipe')]);
      expect(named.missing).toEqual([]);
      expect(named.files.map((f) => ({ pipe: f.pipe, size: f.size }))).toEqual([{ pipe: true, size: 0 }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32')('reads a pipe once, front to back (obsready analyze <(kubectl logs …)); gzip on a pipe is inflated as it streams', async () => {
    const root = mkdtempSync(join(tmpdir(), 'obsready-fifo-'));
    const fifo = join(root, 'pipe');
    // A writer on the other end, as a shell process substitution has: 3,000 repetitions of the
    // 4-line exposition = 6,000 samples (two sample lines each), ~300 KB (several read chunks).
    const body = PROM.repeat(3000);
    const feed = (bytes: Buffer | string): void => {
      const w = createWriteStream(fifo);
      w.end(bytes);
    };
    try {
      execFileSync('mkfifo', [fifo]);
      const { files } = await expandPaths([fifo]);
      const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
      feed(body);
      const s = await analyzeFile(analysis, files[0]!);
      expect(s.report.format).toBe('prometheus');
      expect(s.report.records).toBe(6000);
      expect(s.report.bytes).toBe(Buffer.byteLength(body));
      expect(s.report.sha256).toBe(createHash('sha256').update(body).digest('hex'));
      const gz = gzipSync(body);
      feed(gz);
      const g = await analyzeFile(analysis, files[0]!);
      expect([g.report.format, g.report.records, g.report.container, g.report.errors]).toEqual(['prometheus', 6000, 'gzip', []]);
      expect(g.report.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
      // Cut short: what came before the cut is read, and the cut is said.
      feed(gz.subarray(0, Math.floor(gz.length / 2)));
      const cut = await analyzeFile(analysis, files[0]!);
      expect(cut.report.records).toBeGreaterThan(0);
      expect(cut.report.records).toBeLessThan(6000);
      expect(cut.report.errors.map((e) => e.code)).toContain('decompress-failed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('analyzeFile', () => {
  it('reads plain and gzip content alike; the fingerprint is of the bytes on disk', async () => {
    const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
    const { files } = await expandPaths([dir]);
    const plain = await analyzeFile(analysis, files.find((f) => String(f.path).endsWith('a.prom'))!);
    const gz = await analyzeFile(analysis, files.find((f) => String(f.path).endsWith('b.txt.gz'))!);
    expect(plain.report.format).toBe('prometheus');
    expect(gz.report.format).toBe('prometheus');
    expect(gz.report.container).toBe('gzip');
    expect(plain.report.records).toBe(2);
    expect(gz.report.records).toBe(2);
    expect(gz.report.bytes).toBe(PROM.length);
    expect(gz.report.sha256).toBe(sha(join(dir, 'nested', 'deeper', 'b.txt.gz')));
    expect(plain.report.sha256).toBe(sha(join(dir, 'a.prom')));
  });

  it('a .gz that is not gzip gives decompress-failed', async () => {
    const analysis = new Analysis({ toolVersion: 'test' });
    const s = await analyzeFile(analysis, { path: join(dir, 'fake.gz'), display: 'fake.gz', size: statSync(join(dir, 'fake.gz')).size });
    expect(s.report.errors.map((e) => e.code)).toContain('decompress-failed');
  });

  it('a .gz with no gzip header is read as it is, with a decompress-failed note that says so', async () => {
    const path = join(dir, 'plain-named.log.gz');
    writeFileSync(path, '2024-01-01T00:00:00Z INFO one\n2024-01-01T00:00:01Z WARN two\n');
    try {
      const analysis = new Analysis({ toolVersion: 'test' });
      const s = await analyzeFile(analysis, { path, display: 'plain-named.log.gz', size: statSync(path).size });
      expect([s.report.format, s.report.records, s.report.rejected]).toEqual(['text-logs', 2, 0]);
      expect(s.report.errors.map((e) => [e.code, e.offset, e.message.includes('not gzip data')])).toEqual([['decompress-failed', 0, true]]);
    } finally {
      rmSync(path);
    }
  });

  it('a .zst that is not zstd is read as it is, with a note that says so; a real .zst has none', async () => {
    const text = '2024-01-01T00:00:00Z INFO one\n2024-01-01T00:00:01Z WARN two\n';
    const plain = join(dir, 'plain-named.log.zst');
    writeFileSync(plain, text);
    const real = join(dir, 'real.log.zst');
    writeFileSync(real, execFileSync('zstd', ['-q', '-c'], { input: text }));
    try {
      const p = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path: plain, display: 'plain-named.log.zst', size: statSync(plain).size });
      expect([p.report.format, p.report.records, p.report.errors.map((e) => [e.code, e.message.includes('not zstd data')])]).toEqual(['text-logs', 2, [['decompress-failed', true]]]);
      const r = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path: real, display: 'real.log.zst', size: statSync(real).size });
      expect([r.report.format, r.report.records, r.report.errors]).toEqual(['text-logs', 2, []]);
    } finally {
      rmSync(plain);
      rmSync(real);
    }
  });

  it.runIf(process.platform === 'linux')('a file whose name is not valid UTF-8 is found and read, its name shown with the bad byte escaped', async () => {
    const folder = join(dir, 'names');
    mkdirSync(folder, { recursive: true });
    writeFileSync(Buffer.concat([Buffer.from(folder + '/bad'), Buffer.from([0xff]), Buffer.from('.prom')]), PROM);
    writeFileSync(join(folder, 'good.prom'), PROM);
    try {
      const { files, missing } = await expandPaths([folder], dir);
      expect(missing).toEqual([]);
      expect(files.map((f) => f.display)).toEqual(['names/bad\\xff.prom', 'names/good.prom']);
      const s = await analyzeFile(new Analysis({ toolVersion: 'test' }), files[0]!);
      expect([s.report.path, s.report.format, s.report.records, s.report.errors]).toEqual(['names/bad\\xff.prom', 'prometheus', 2, []]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a folder named on the command line that holds no file (or only hidden ones) is listed as empty; one walked before by another path is not', async () => {
    const empty = join(dir, 'empty.json');
    const hidden = join(dir, 'only-hidden');
    mkdirSync(empty, { recursive: true });
    mkdirSync(hidden, { recursive: true });
    writeFileSync(join(hidden, '.x.prom'), PROM);
    try {
      const r = await expandPaths([empty, hidden, hidden], dir);
      expect([r.files, r.missing, r.emptyFolders]).toEqual([[], [], ['empty.json', 'only-hidden']]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
      rmSync(hidden, { recursive: true, force: true });
    }
  });

  it('zstd data named .gz is read as zstd without a failure: the container says zstd', async () => {
    const text = '2024-01-01T00:00:00Z INFO one\n2024-01-01T00:00:01Z WARN two\n';
    const path = join(dir, 'zstd-named.log.gz');
    writeFileSync(path, execFileSync('zstd', ['-q', '-c'], { input: text }));
    try {
      const s = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path, display: 'zstd-named.log.gz', size: statSync(path).size });
      expect([s.report.format, s.report.records, s.report.container, s.report.errors]).toEqual(['text-logs', 2, 'zstd', []]);
    } finally {
      rmSync(path);
    }
  });

  it('a cut .gz that is gone when it is read again (deleted mid-read) reports the unexpected end where it was, not "cannot read" at byte 0', async () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `2024-01-01T00:00:00Z INFO line ${i}\n`).join('');
    const whole = gzipSync(text);
    const path = join(dir, 'cut-gone.log.gz');
    writeFileSync(path, whole.subarray(0, whole.length - 20));
    const realOpen = fsPromises.open.bind(fsPromises);
    let opens = 0;
    // the first open is the look at its head; the re-read for recovery finds the file gone
    const spy = vi.spyOn(fsPromises, 'open').mockImplementation(((...args: Parameters<typeof fsPromises.open>) => {
      if (++opens > 1) return Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${String(args[0])}'`), { code: 'ENOENT' }));
      return realOpen(...args);
    }) as typeof fsPromises.open);
    try {
      const s = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path, display: 'cut-gone.log.gz', size: statSync(path).size });
      expect(s.report.errors).toHaveLength(1);
      expect(s.report.errors[0]!.message).toMatch(/unexpected end/);
      expect(s.report.errors[0]!.offset).toBeGreaterThan(0);
      expect(s.report.records).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
      rmSync(path);
    }
  });

  it('gzip inside gzip is named as compressed inside compressed data (unsupported), not as binary junk', async () => {
    const path = join(dir, 'twice.prom.gz');
    writeFileSync(path, gzipSync(gzipSync(PROM)));
    try {
      const analysis = new Analysis({ toolVersion: 'test' });
      const s = await analyzeFile(analysis, { path, display: 'twice.prom.gz', size: statSync(path).size });
      expect([s.report.format, s.report.records, s.report.errors.map((e) => e.code)]).toEqual(['unknown', 0, ['unsupported']]);
      expect(s.report.errors[0]!.message).toContain('gzip-compressed inside compressed data');
    } finally {
      rmSync(path);
    }
  });

  it('trailing bytes after the gzip data lose nothing before them (gzip(1) ignores them too); the fingerprint stays the whole file', async () => {
    // 20,000 log lines (~1 MB inflated, more than one gunzip output chunk) then 13 bytes of junk:
    // Node's gunzip fails the whole last call ("incorrect header check") and dropped its output.
    const lines = Array.from({ length: 20_000 }, (_, i) => `2024-01-01T00:00:00.${String(i).padStart(6, '0')}Z INFO request ${i} served in ${i % 997} ms`);
    const text = lines.join('\n') + '\n';
    const cases: [string, Buffer, string | undefined][] = [
      ['junk.log.gz', Buffer.concat([gzipSync(text), Buffer.from('garbage-after')]), 'are not gzip'],
      ['zeros.log.gz', Buffer.concat([gzipSync(text), Buffer.alloc(512)]), undefined], // padding: fine, no error
      ['two.log.gz', Buffer.concat([gzipSync(lines.slice(0, 7).join('\n') + '\n'), gzipSync(lines.slice(7).join('\n') + '\n'), Buffer.from('x')]), 'are not gzip'],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
      const s = await analyzeFile(analysis, { path, display: name, size: bytes.length });
      expect([name, s.report.format, s.report.records, s.report.bytes]).toEqual([name, 'text-logs', 20_000, Buffer.byteLength(text)]);
      if (message === undefined) expect(s.report.errors).toEqual([]);
      else expect(s.report.errors.map((e) => [e.code, e.message.includes(message)])).toEqual([['decompress-failed', true]]);
      expect(s.report.sha256).toBe(sha(path));
    }
  });

  it('a .gz damaged early (in its first 16 KB) keeps the lines inflated before the damage', async () => {
    // Varied lines (so the damage is early in the compressed stream but after some output): a byte
    // at 3,000 of the compressed data is flipped, as in a file damaged in transfer.
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const lines = Array.from({ length: 4000 }, (_, i) => `2024-01-01T00:00:00.${String(i).padStart(6, '0')}Z INFO user=${Math.floor(rnd() * 1e9)} path=/x/${Math.floor(rnd() * 1e6)}`);
    const gz = gzipSync(lines.join('\n') + '\n');
    gz[3000] = gz[3000]! ^ 0xff;
    const path = join(dir, 'damaged.log.gz');
    writeFileSync(path, gz);
    const s = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path, display: 'damaged.log.gz', size: gz.length });
    // What zlib inflates from the compressed bytes before the damage (after the 10-byte header),
    // counted independently in whole lines; the recovery reads 1 KB at a time, so at most the
    // last KB before the damage is lost: at least the lines of the first 2 KB are read.
    const { inflateRawSync } = await import('node:zlib');
    const linesOf = (n: number) => inflateRawSync(gz.subarray(10, 10 + n), { finishFlush: 2 }).toString().split('\n').length - 1;
    const floor = linesOf(2048);
    expect(floor).toBeGreaterThan(10);
    expect(s.report.records).toBeGreaterThanOrEqual(floor);
    expect(s.report.records).toBeLessThanOrEqual(linesOf(2990) + 1);
    expect(s.report.errors.map((e) => e.code)).toEqual(['decompress-failed']);
  });

  it('a binary file is read to its end only to be fingerprinted: sha256 and bytes are of the whole file, plain, .gz or .zst', async () => {
    // 5 MB of seeded noise: reading stops decoding after the first chunk (binary-data), the
    // rest is hashed and counted without being decoded, so the report identifies the file.
    let x = 7;
    const noise = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    const plain = join(dir, 'noise.bin');
    writeFileSync(plain, noise);
    writeFileSync(join(dir, 'noise.bin.gz'), gzipSync(noise, { level: 1 }));
    execFileSync('zstd', ['-q', '-1', '-f', plain, '-o', join(dir, 'noise.bin.zst')]);
    for (const name of ['noise.bin', 'noise.bin.gz', 'noise.bin.zst']) {
      const path = join(dir, name);
      const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
      const s = await analyzeFile(analysis, { path, display: name, size: statSync(path).size });
      expect([name, s.report.format, s.report.errors[0]?.code, s.report.sha256]).toEqual([name, 'unknown', 'binary-data', sha(path)]);
      // Content bytes: the whole file when plain; what was inflated before decoding stopped when compressed.
      if (name === 'noise.bin') expect(s.report.bytes).toBe(noise.length);
      else expect(s.report.bytes).toBeLessThan(noise.length);
    }
    // A pipe may not end (/dev/urandom): it is not read past the point where decoding stopped.
    const fifo = join(dir, 'noise.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `cat '${plain}' '${plain}' > '${fifo}'`], { stdio: 'ignore' });
    const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
    const p = await analyzeFile(analysis, { path: fifo, display: 'noise.fifo', size: 0, pipe: true });
    writer.kill();
    expect(p.report.errors[0]?.code).toBe('binary-data');
    expect(p.report.bytes).toBeLessThan(noise.length);
  });

  it('a file is read up to the size it had when the run began; one that grew or shrank meanwhile is reported truncated', async () => {
    const path = join(dir, 'live.log');
    const lines = Array.from({ length: 100 }, (_, i) => `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO line ${i}`);
    writeFileSync(path, lines.join('\n') + '\n');
    const size = statSync(path).size;
    // Listed at 40 lines' worth of bytes, then grown to 100 lines: the 40 lines are read.
    const at40 = Buffer.byteLength(lines.slice(0, 40).join('\n') + '\n');
    // (the size listed is the size when the run began: a file bigger than it now grew meanwhile, with no timing involved)
    const grown = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path, display: 'live.log', size: at40 });
    expect([grown.report.records, grown.report.bytes, grown.report.errors.map((e) => [e.code, e.offset])]).toEqual([40, at40, [['truncated', at40]]]);
    // the bytes past the listed size: the file's whole size less the 40 lines', counted by hand from the same lines
    const past = Buffer.byteLength(lines.slice(40).join('\n') + '\n');
    expect(past).toBe(size - at40);
    expect(grown.report.errors[0]!.message).toBe(`the file grew while it was read: the ${at40.toLocaleString('en-US')} bytes it had when the run began were read, the ${past.toLocaleString('en-US')} bytes written to it since were not`);
    // a gzip file that grew: the same notice (its offset counts inflated bytes, as every error of a .gz does)
    const gz = join(dir, 'live.log.gz');
    const packed = gzipSync(Buffer.from(lines.join('\n') + '\n'));
    writeFileSync(gz, Buffer.concat([packed, Buffer.from('appended later')]));
    const gzGrown = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path: gz, display: 'live.log.gz', size: packed.length });
    expect([gzGrown.report.records, gzGrown.report.errors.map((e) => [e.code, e.offset])]).toEqual([100, [['truncated', size]]]);
    expect(gzGrown.report.errors[0]!.message).toContain(`the ${'appended later'.length} bytes written to it since were not`);
    // read exactly at its size: no notice
    const same = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path, display: 'live.log', size });
    expect([same.report.records, same.report.errors]).toEqual([100, []]);
    // Listed at twice its size, then cut (copytruncate): the 100 lines, and a truncated error.
    const shrank = await analyzeFile(new Analysis({ toolVersion: 'test' }), { path, display: 'live.log', size: size * 2 });
    expect([shrank.report.records, shrank.report.errors.map((e) => [e.code, e.offset])]).toEqual([100, [['truncated', size]]]);
    expect(shrank.report.errors[0]!.message).toContain(`${size} of the ${size * 2} bytes`);
  });

  it('a decompression bomb stops at the ratio limit with decompress-limit, with bounded memory', async () => {
    const before = sha(join(dir, 'bomb.gz'));
    const analysis = new Analysis({ toolVersion: 'test' });
    const rss0 = process.memoryUsage().rss;
    const s = await analyzeFile(analysis, { path: join(dir, 'bomb.gz'), display: 'bomb.gz', size: statSync(join(dir, 'bomb.gz')).size });
    const codes = s.report.errors.map((e) => e.code);
    // All-zero content is binary: the reader stops at the first chunk, or at the ratio limit.
    expect(codes.some((c) => c === 'decompress-limit' || c === 'binary-data')).toBe(true);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
    expect(sha(join(dir, 'bomb.gz'))).toBe(before);
  });

  it('a text bomb (highly repetitive text) stops at the ratio limit', async () => {
    const path = join(dir, 'textbomb.gz');
    const line = Buffer.from('# just a comment line repeated forever\n'.repeat(30000));
    await new Promise<void>((resolve) => {
      const gz = createGzip({ level: 9 });
      const out = createWriteStream(path);
      gz.pipe(out);
      out.on('finish', () => resolve());
      let i = 0;
      const write = () => {
        while (i < 200) {
          i++;
          if (!gz.write(line)) return void gz.once('drain', write);
        }
        gz.end();
      };
      write();
    });
    const analysis = new Analysis({ toolVersion: 'test', forceFormat: 'prometheus' });
    const s = await analyzeFile(analysis, { path, display: 'textbomb.gz', size: statSync(path).size });
    expect(s.report.errors.map((e) => e.code)).toContain('decompress-limit');
    expect(s.report.bytes).toBeLessThan(240 * 1024 * 1024);
  });

  it('an unreadable path becomes read-failed, not an exception', async () => {
    const analysis = new Analysis({ toolVersion: 'test' });
    const s = await analyzeFile(analysis, { path: join(dir, 'vanished'), display: 'vanished', size: 10 });
    expect(s.report.errors.map((e) => e.code)).toEqual(['read-failed']);
  });
});

describe.skipIf(process.platform === 'win32')('expandPaths and named pipes', () => {
  it('a pipe named twice is read once, as a file named twice is (/dev/stdin /dev/stdin gave a second, empty input)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'obsready-fifo-'));
    try {
      execFileSync('mkfifo', [join(d, 'pipe')]);
      const twice = await expandPaths([join(d, 'pipe'), join(d, 'pipe')]);
      expect(twice.files.map((f) => [f.pipe, f.unreadable])).toEqual([[true, undefined]]);
      const inFolder = await expandPaths([d]);
      expect(inFolder.files[0]!.unreadable).toBe('a named pipe, socket or device, not a file: not read inside a folder (name a pipe on the command line to read it as a stream)');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
