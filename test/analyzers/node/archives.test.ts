// Tar and zip archives through the Node adapter, on real exports: each file in a .tar, .tar.gz or
// .zip gives the very report the same file gives read from a folder (the expected values come from
// that independent path: the folder walk and the plain file read), named archive/member. The
// archives are written by the system's tar and Info-ZIP zip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { analyzeFile, createNodeSha256, expandPaths } from '../../../analyzers/node/read-inputs.js';
import type { InputReport } from '../../../analyzers/report/model.js';

const data = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const FOLDERS = ['logs-text', 'prometheus-api-json', 'logs-structured'];
const METRICS = 'prometheus-api-json/jaeger/service_span_name_datapoint_response.json';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-archives-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(paths: string[]): Promise<InputReport[]> {
  const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
  const { files } = await expandPaths(paths, dir);
  for (const f of files) await analyzeFile(analysis, f);
  return analysis.finish('2026-01-01T00:00:00Z').inputs;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Each input of `archive` has the report its file has read from the folder (`byPath`, by path inside shared/data), but for its path and `archive`. */
function expectAsFromFolder(archive: string, inputs: InputReport[], byPath: Map<string, InputReport>): void {
  expect(inputs.map((i) => i.path.slice(archive.length + 1)).sort(), archive).toEqual([...byPath.keys()].sort());
  for (const i of inputs) {
    const member = i.path.slice(archive.length + 1);
    const { path: _a, archive: arch, ...rest } = i;
    const { path: _b, ...want } = byPath.get(member)!;
    expect(arch).toBe(archive);
    // Errors name the file they are in.
    expect({ ...rest, errors: rest.errors.map((e) => ({ ...e, file: '' })) }, `${archive}: ${member}`).toEqual({ ...want, errors: want.errors.map((e) => ({ ...e, file: '' })) });
  }
}

describe.skipIf(process.platform === 'win32')('tar archives (Node adapter)', () => {
  it('each file of a .tar and a .tar.gz of real exports reports exactly as it does from the folder', async () => {
    for (const f of FOLDERS) expect(statSync(join(data, f)).isDirectory()).toBe(true);
    execFileSync('tar', ['-C', data, '-cf', join(dir, 'exports.tar'), ...FOLDERS]);
    execFileSync('tar', ['-C', data, '-czf', join(dir, 'exports.tgz'), ...FOLDERS]);
    const fromFolders = await readAll(FOLDERS.map((f) => join(data, f)));
    // The folder walk names files relative to dir's parent view; compare by path inside shared/data.
    const byPath = new Map(fromFolders.map((i) => [i.path.slice(i.path.indexOf('shared/data/') + 'shared/data/'.length), i]));
    expect(byPath.size).toBeGreaterThan(10);
    for (const archive of ['exports.tar', 'exports.tgz']) {
      const inputs = await readAll([join(dir, archive)]);
      expectAsFromFolder(archive, inputs, byPath);
      for (const i of inputs) expect(i.sha256).toBe(sha(readFileSync(join(data, i.path.slice(archive.length + 1)))));
    }
  }, 120_000);

  it('inflates a .gz inside the archive, skips hidden files, and keeps a damaged archive\'s files before and after the damage', async () => {
    const root = join(dir, 'bundle');
    mkdirSync(join(root, 'logs', '.cache'), { recursive: true });
    const log = readFileSync(join(data, 'logs-text/lnav-test/logfile_java.0'));
    writeFileSync(join(root, 'logs', 'app.log.1.gz'), gzipSync(log));
    writeFileSync(join(root, 'logs', 'app.log'), log);
    writeFileSync(join(root, 'logs', '.cache', 'x.log'), log);
    writeFileSync(join(root, 'logs', '._app.log'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]));
    copyFileSync(join(data, METRICS), join(root, 'z-metrics.json'));
    execFileSync('tar', ['-C', dir, '-cf', join(dir, 'bundle.tar'), 'bundle']);
    const inputs = await readAll([join(dir, 'bundle.tar')]);
    expect(inputs.map((i) => i.path)).toEqual(['bundle.tar/bundle/logs/app.log', 'bundle.tar/bundle/logs/app.log.1.gz', 'bundle.tar/bundle/z-metrics.json']);
    const [plain, gz] = inputs;
    expect([gz!.container, gz!.format, gz!.records, gz!.bytes]).toEqual(['gzip', plain!.format, plain!.records, plain!.bytes]);
    expect(plain!.records).toBeGreaterThan(0);

    // Break the header of app.log.1.gz: reported on a row of the archive's own; the others still read.
    const bytes = readFileSync(join(dir, 'bundle.tar'));
    const at = bytes.indexOf('bundle/logs/app.log.1.gz');
    bytes[at + 3] = bytes[at + 3]! ^ 0x55;
    writeFileSync(join(dir, 'broken.tar'), bytes);
    const broken = await readAll([join(dir, 'broken.tar')]);
    expect(broken.map((i) => i.path)).toEqual(['broken.tar', 'broken.tar/bundle/logs/app.log', 'broken.tar/bundle/z-metrics.json']);
    expect(broken[0]!.errors.map((e) => [e.code, e.offset])).toEqual([['invalid-record', at]]);
    expect(broken[0]!.sha256).toBe(sha(bytes));
    expect(broken[0]!.bytes).toBe(bytes.length);
  });

  it('an archive with no files, or cut short, is reported; a tar named .gz but plain is still read', async () => {
    const empty = join(dir, 'hidden-only');
    mkdirSync(join(empty, '.git'), { recursive: true });
    writeFileSync(join(empty, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    execFileSync('tar', ['-C', empty, '-cf', join(dir, 'hidden-only.tar'), '.git']);
    const [row] = await readAll([join(dir, 'hidden-only.tar')]);
    expect([row!.path, row!.format, row!.errors.map((e) => e.code)]).toEqual(['hidden-only.tar', 'unknown', ['empty-input']]);
    expect(row!.errors[0]!.message).toMatch(/hidden/);

    const full = readFileSync(join(dir, 'bundle.tar'));
    const cutAt = full.indexOf('bundle/logs/app.log\0') + 512 + 1000;
    writeFileSync(join(dir, 'cut.tar.gz'), gzipSync(full.subarray(0, cutAt)));
    const cut = await readAll([join(dir, 'cut.tar.gz')]);
    // Files before the cut are whole (tar stores them in the order the folder listed them).
    const truncated = cut.filter((i) => i.errors.some((e) => e.code === 'truncated'));
    expect(truncated.map((i) => [i.path, i.bytes])).toEqual([['cut.tar.gz/bundle/logs/app.log', 1000]]);
    expect(cut.every((i) => i === truncated[0] || (i.errors.length === 0 && i.records > 0))).toBe(true);

    copyFileSync(join(dir, 'bundle.tar'), join(dir, 'plain.tgz'));
    const plain = await readAll([join(dir, 'plain.tgz')]);
    expect(plain.map((i) => i.path)).toEqual(['plain.tgz', 'plain.tgz/bundle/logs/app.log', 'plain.tgz/bundle/logs/app.log.1.gz', 'plain.tgz/bundle/z-metrics.json']);
    expect(plain[0]!.errors.map((e) => e.code)).toEqual(['decompress-failed']);
  });

  it('each file of a zip (deflated, stored, and streamed with data descriptors) reports exactly as it does from the folder', async () => {
    const fromFolders = await readAll(FOLDERS.map((f) => join(data, f)));
    const byPath = new Map(fromFolders.map((i) => [i.path.slice(i.path.indexOf('shared/data/') + 'shared/data/'.length), i]));
    execFileSync('zip', ['-qr', join(dir, 'exports.zip'), ...FOLDERS], { cwd: data });
    execFileSync('zip', ['-qr0', join(dir, 'stored.zip'), ...FOLDERS], { cwd: data });
    // Written to a pipe, zip cannot seek back: sizes follow each file in a data descriptor.
    writeFileSync(join(dir, 'streamed.zip'), execFileSync('zip', ['-qr', '-', ...FOLDERS], { cwd: data, maxBuffer: 1 << 28 }));
    for (const archive of ['exports.zip', 'stored.zip', 'streamed.zip']) expectAsFromFolder(archive, await readAll([join(dir, archive)]), byPath);
  }, 120_000);

  it('a zip file compressed with a method we do not read is reported and the next file is still read; a cut zip keeps what was there; a bomb stops', async () => {
    const log = join(data, 'logs-text/lnav-test/logfile_java.0');
    const work = join(dir, 'zipwork');
    mkdirSync(work, { recursive: true });
    copyFileSync(log, join(work, 'a.log'));
    copyFileSync(log, join(work, 'b.log'));
    execFileSync('zip', ['-q', '-Z', 'bzip2', join(dir, 'methods.zip'), 'a.log'], { cwd: work });
    execFileSync('zip', ['-q', join(dir, 'methods.zip'), 'b.log'], { cwd: work });
    const [a, b] = await readAll([join(dir, 'methods.zip')]);
    expect([a!.path, a!.records, a!.errors.map((e) => e.code)]).toEqual(['methods.zip/a.log', 0, ['unsupported']]);
    expect(a!.errors[0]!.message).toMatch(/bzip2/);
    expect([b!.path, b!.records > 0, b!.errors]).toEqual(['methods.zip/b.log', true, []]);

    const whole = readFileSync(join(dir, 'methods.zip'));
    const bAt = whole.indexOf('b.log') - 30;
    writeFileSync(join(dir, 'cut.zip'), whole.subarray(0, bAt + 30 + 5 + 200));
    const cut = await readAll([join(dir, 'cut.zip')]);
    expect(cut.map((i) => [i.path, i.errors.map((e) => e.code)])).toEqual([['cut.zip/a.log', ['unsupported']], ['cut.zip/b.log', ['truncated']]]);

    // 100 MB of one comment line compresses ~330:1: past 64 MB the ratio limit stops it.
    writeFileSync(join(dir, 'bomb.zip'), execFileSync('sh', ['-c', "yes '# just a comment line repeated forever' | head -c 100000000 | zip -q -9 - -"], { maxBuffer: 1 << 26 }));
    const [bomb] = await readAll([join(dir, 'bomb.zip')]);
    expect(bomb!.errors.map((e) => e.code)).toContain('decompress-limit');
    expect(bomb!.bytes).toBeLessThan(100_000_000);
  }, 60_000);
});
