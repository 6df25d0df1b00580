// Hostile paths and archives met by a new user (stop 29): names that are not UTF-8 on the command
// line, errno messages in words, symbolic links stored in a zip. Fixtures are made here, at run time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { zipSync } from 'fflate';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { zipLinkNames } from '../../../analyzers/analysis/zip.js';
import { analyzeFile, createNodeSha256, expandPaths, plainReason, readZipLinks } from '../../../analyzers/node/read-inputs.js';

const LOG = '2026-11-28T08:00:01Z INFO app request 1 done\n2026-11-28T08:00:02Z WARN app request 2 slow\n2026-11-28T08:00:03Z ERROR app request 3 failed\n';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obsready-hostile-paths-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('a command-line name that is not UTF-8', () => {
  // (Linux file systems take any bytes but / and NUL in a name; macOS and Windows do not)
  it.skipIf(process.platform !== 'linux')('is found by its bytes from the raw command line, shown with \\xNN escapes', async () => {
    const raw = Buffer.concat([Buffer.from(join(dir, 'bad'), 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from('.log')]);
    writeFileSync(raw, LOG);
    // what Node puts in process.argv for those bytes
    const typed = raw.toString('utf8');
    expect(typed).toBe(join(dir, 'bad\uFFFD\uFFFD.log'));
    const argv = [Buffer.from('node'), Buffer.from('obsready.js'), Buffer.from('analyze'), raw];
    const found = await expandPaths([typed], dir, () => argv);
    expect(found.missing).toEqual([]);
    expect(found.files).toHaveLength(1);
    expect(Buffer.isBuffer(found.files[0]!.path) && found.files[0]!.path.equals(raw)).toBe(true);
    expect(found.files[0]!.display).toBe(`${join(dir, 'bad')}\\xff\\xfe.log`);
    const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
    const report = (await analyzeFile(analysis, found.files[0]!)).report;
    expect([report.format, report.records, report.errorCount]).toEqual(['text-logs', 3, 0]);
    // relative to the working folder too
    const rel = Buffer.concat([Buffer.from('bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.log')]);
    const relFound = await expandPaths([rel.toString('utf8')], dir, () => [rel]);
    expect([relFound.missing, relFound.files.map((f) => f.display)]).toEqual([[], ['bad\\xff\\xfe.log']]);
    // without the raw command line (another system) it stays a missing path, as before
    expect((await expandPaths([typed], dir, () => undefined)).missing.map((m) => m.reason)).toEqual(['no such file or folder']);
    // a name that really has U+FFFD in it is no stranger than any other
    writeFileSync(join(dir, 'real\uFFFD.log'), LOG);
    expect((await expandPaths([join(dir, 'real\uFFFD.log')], dir, () => argv)).files.map((f) => f.path)).toEqual([join(dir, 'real\uFFFD.log')]);
  });
});

describe('errno messages in words', () => {
  it('names the loop, the length, the permission, not the errno and the whole path again', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: system text, stat '/x'`), { code });
    expect(plainReason(err('ELOOP'))).toBe('a loop of symbolic links (a link that leads back to itself)');
    expect(plainReason(err('ENAMETOOLONG'))).toMatch(/^the path is longer than the system allows/);
    expect(plainReason(err('EACCES'))).toBe('permission denied (run as a user who may read it, or change its permissions)');
    expect(plainReason(err('ENOENT'))).toBe('no such file or folder');
    expect(plainReason(err('EWHATEVER'))).toBe("EWHATEVER: system text, stat '/x'");
  });

  it.skipIf(process.platform === 'win32')('a symbolic link loop named on the command line, and a path past the system limit inside a folder', async () => {
    const root = join(dir, 'loops');
    mkdirSync(root);
    symlinkSync(join(root, 'b'), join(root, 'a'));
    symlinkSync(join(root, 'a'), join(root, 'b'));
    const top = await expandPaths([join(root, 'a')], dir, () => undefined);
    expect(top.missing.map((m) => m.reason)).toEqual(['a loop of symbolic links (a link that leads back to itself)']);
    const walked = await expandPaths([root], dir, () => undefined);
    expect(walked.files.map((f) => f.unreadable)).toEqual(['a loop of symbolic links (a link that leads back to itself)', 'a loop of symbolic links (a link that leads back to itself)']);
  });
});

describe('a zip that stores symbolic links (zip -y, macOS)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  // a link's data is its target's path; Unix mode S_IFLNK in the external attributes' high 16 bits
  const link = (target: string): [Uint8Array, { os: number; attrs: number }] => [enc(target), { os: 3, attrs: (0o120777 << 16) >>> 0 }];
  const file = (text: string): [Uint8Array, { os: number; attrs: number }] => [enc(text), { os: 3, attrs: (0o100644 << 16) >>> 0 }];

  it('passes over the links (one error says so), reads the files, and leaves the archive as it was', async () => {
    const path = join(dir, 'links.zip');
    writeFileSync(path, zipSync({ 'a.log': file(LOG), 'passwd.log': link('/etc/passwd'), 'b.log': file(LOG.split('\n')[0]! + '\n'), 'up.log': link('../a.log') }));
    const before = sha(path);
    expect([...(await readZipLinks(path, readFileSync(path).length))].sort()).toEqual(['passwd.log', 'up.log']);
    const analysis = new Analysis({ toolVersion: 'test', createHasher: createNodeSha256 });
    const [f] = (await expandPaths([path], dir, () => undefined)).files;
    await analyzeFile(analysis, f!);
    const rows = analysis.finish().inputs;
    expect(rows.map((r) => [r.path, r.records, r.errors.map((e) => e.code)])).toEqual([
      ['links.zip', 0, ['unsupported']],
      ['links.zip/a.log', 3, []],
      ['links.zip/b.log', 1, []],
    ]);
    expect(rows[0]!.errors[0]!.message).toBe('2 files are symbolic links (the first, "passwd.log"): no content of their own (the data a zip stores for a link is its target\'s path), not read; a link\'s target is read when it is a file in the archive');
    expect(sha(path)).toBe(before);
  });

  it('zipLinkNames: only Unix entries with the link mode; an entry cut at the end of the piece is left for the next', () => {
    const zip = zipSync({ 'l.log': link('x'), 'dos.log': [enc('x'), { os: 0, attrs: (0o120777 << 16) >>> 0 }], 'f.log': file('x') });
    const cdAt = new DataView(zip.buffer).getUint32(zip.length - 22 + 16, true);
    const cd = zip.subarray(cdAt, zip.length - 22);
    const names = new Set<string>();
    expect(zipLinkNames(cd, names)).toBe(cd.length);
    expect([...names]).toEqual(['l.log']);
    const cut = new Set<string>();
    const first = 46 + 'l.log'.length;
    expect(zipLinkNames(cd.subarray(0, first + 3), cut)).toBe(first);
    expect([...cut]).toEqual(['l.log']);
  });

  it('a zip without a central directory (cut short) is read front to back as before', async () => {
    const whole = zipSync({ 'a.log': file(LOG), 'passwd.log': link('/etc/passwd') });
    const path = join(dir, 'cut.zip');
    writeFileSync(path, whole.subarray(0, whole.length - 30));
    expect((await readZipLinks(path, whole.length - 30)).size).toBe(0);
  });
});
