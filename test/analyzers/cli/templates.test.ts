import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import Papa from 'papaparse';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { GroupColumn, runTemplates } from '../../../analyzers/cli/templates.js';
import { CLI } from '../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'obsready-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 7 lines: CRLF endings, an empty line (4), a quote and a comma (6), no newline after the last.
const INPUT =
  'Jun 14 15:16:01 host sshd[1]: Connection closed by 10.0.0.1 [preauth]\r\n' +
  'Jun 14 15:16:02 host sshd[2]: Connection closed by 10.0.0.2 [preauth]\r\n' +
  'Jun 14 15:16:03 host sshd[3]: Accepted password for alice from 10.0.0.9 port 22 ssh2\r\n' +
  '\r\n' +
  'Jun 14 15:16:04 host sshd[4]: Connection closed by 10.0.0.3 [preauth]\r\n' +
  'Jun 14 15:16:05 host app[5]: said "hi", twice\r\n' +
  'Jun 14 15:16:06 host sshd[6]: Connection closed by 10.0.0.4 [preauth]';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    return { code: await runTemplates(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('obsready templates', () => {
  it('writes one CSV row per input line with final ids and templates, and a summary', async () => {
    const file = join(dir, 'in.log');
    writeFileSync(file, INPUT);
    const csv = join(dir, 'out.csv');
    const r = await run([file, '--csv', csv]);
    expect(r.code).toBe(0);
    const rows = Papa.parse<string[]>(readFileSync(csv, 'utf8'), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['line', 'templateId', 'template']);
    expect(rows.slice(1).map((x) => x[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const closed = ['T1', 'Connection closed by <*> [preauth]'];
    expect(rows[1]!.slice(1)).toEqual(closed);
    expect(rows[2]!.slice(1)).toEqual(closed);
    expect(rows[5]!.slice(1)).toEqual(closed);
    expect(rows[7]!.slice(1)).toEqual(closed);
    expect(rows[4]!.slice(1)).toEqual(['T3', '']);
    expect(rows[6]!.slice(1)).toEqual(['T4', 'said "hi", twice']);
    expect(readFileSync(csv, 'utf8')).toContain('6,T4,"said ""hi"", twice"\n');
    expect(r.out).toContain('7 lines, 4 templates');
    expect(r.out).toMatch(/4\s+57\.1%\s+T1\s+Connection closed by <\*> \[preauth\]/);
  });

  it('the summary shows control characters of the log visibly, never sends them to the terminal', async () => {
    const file = join(dir, 'esc.log');
    writeFileSync(file, 'Jun 14 15:16:01 host app[1]: \u001b]0;pwned\u0007 title set \u0007 \u001b[2J bell\nJun 14 15:16:02 host app[1]: \u001b]0;pwned\u0007 title set \u0007 \u001b[2J bell\n');
    const r = await run([file, '--csv', join(dir, 'esc.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    // (`ESC ] 0;… BEL`, a window title, and `ESC [2J` are escape sequences analyze takes out of a line too; a BEL alone is shown)
    expect(r.out).toMatch(/T1 +title set \\x07 bell\n/);
  });

  it('takes ANSI colour codes out of the lines, as analyze does: the same templates as the plain text (were `\\x1b[31mERROR\\x1b[0m` templates of their own)', async () => {
    const plain = ['ERROR connection refused to 10.0.0.1', 'ERROR connection refused to 10.0.0.2', 'INFO request served in 12 ms'];
    const coloured = ['\u001b[31mERROR\u001b[0m connection refused to 10.0.0.1', 'ERROR connection refused to 10.0.0.2', '\u001b[32mINFO\u001b[0m request served in \u001b[1m12\u001b[22m ms'];
    const rows: string[][] = [];
    for (const [name, lines] of [
      ['plain-ansi.log', plain],
      ['coloured.log', coloured],
    ] as const) {
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
      const r = await run([join(dir, name), '--csv', '-']);
      expect(r.code).toBe(0);
      rows.push(r.out.trimEnd().split('\n'));
    }
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[0]).toEqual(['line,templateId,template', '1,T1,connection refused to <*>', '2,T1,connection refused to <*>', '3,T2,request served in <*>']);
  });

  it('reads every encoding analyze reads: UTF-16 without a mark, UTF-32 with and without one, UTF-8 then UTF-16 (said on stderr)', async () => {
    const text = 'Jun 14 15:16:01 host app[1]: café 1 opened\r\nJun 14 15:16:02 host app[2]: café 2 opened\r\n';
    const expected = ['line,templateId,template', '1,T1,café <*> opened', '2,T1,café <*> opened'];
    const utf32 = (t: string, le: boolean, bom: boolean): Buffer => {
      const cps = [...((bom ? '\ufeff' : '') + t)].map((c) => c.codePointAt(0)!);
      const b = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => (le ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
      return b;
    };
    const first = text.slice(0, text.indexOf('\n') + 1);
    const second = text.slice(first.length);
    for (const [name, bytes] of [
      ['le-nomark.log', Buffer.from(text, 'utf16le')],
      ['be-nomark.log', Buffer.from(text, 'utf16le').swap16()],
      ['utf32le.log', utf32(text, true, true)],
      ['utf32be-nomark.log', utf32(text, false, false)],
      ['utf8-then-utf16.log', Buffer.concat([Buffer.from(first, 'utf8'), Buffer.from(second, 'utf16le')])],
      ['utf8-then-utf16.log.gz', gzipSync(Buffer.concat([Buffer.from(first, 'utf8'), Buffer.from(second, 'utf16le')]))],
    ] as const) {
      writeFileSync(join(dir, name), bytes);
      const r = await run([join(dir, name), '--csv', '-']);
      expect(r.code, name + r.err).toBe(0);
      expect(r.out.trimEnd().split('\n'), name).toEqual(expected);
      expect(r.err, name).toContain('2 lines, 1 template');
      if (name.startsWith('utf8-then')) expect(r.err, name).toContain(`line 2: the text changes from UTF-8 to UTF-16LE here (byte ${Buffer.byteLength(first)} of the file, without a byte-order mark`);
      else expect(r.err, name).not.toContain('changes from');
    }
  });

  it('a template a spreadsheet would run as a formula is written as text (after a quote)', async () => {
    const file = join(dir, 'formula.log');
    writeFileSync(file, '=HYPERLINK("http://x","y")\n+cmd|calc\n@SUM(1)\n-1 retries left\nplain line\n');
    const csv = join(dir, 'formula.csv');
    expect((await run([file, '--csv', csv])).code).toBe(0);
    const cells = readFileSync(csv, 'utf8').trimEnd().split('\n').slice(1).map((row) => row.slice(row.indexOf(',', row.indexOf(',') + 1) + 1));
    // (templates mask the variable parts: `-1` is a number, `<*>`)
    expect(cells[0]).toMatch(/^"'=/);
    expect(cells.slice(1)).toEqual(["'+cmd|calc", "'@SUM(<*>)", '<*> retries left', 'plain line']);
  });

  it('JSON Lines logs: each line\'s message is mined, as analyze mines it, not the raw JSON', async () => {
    const file = join(dir, 'app.jsonl');
    const lines = [0, 1, 2, 3].map((i) => JSON.stringify({ time: `2024-01-01T00:00:0${i}Z`, level: 'info', msg: `request ${i} served in ${10 + i} ms`, stream: 'stdout' }));
    writeFileSync(file, [...lines, JSON.stringify({ log: 'cache warmed\n', stream: 'stdout', time: '2024-01-01T00:00:05Z' })].join('\n') + '\n');
    const r = await run([file, '--csv', '-']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').slice(1)).toEqual(['1,T1,request <*> served in <*>', '2,T1,request <*> served in <*>', '3,T1,request <*> served in <*>', '4,T1,request <*> served in <*>', '5,T2,cache warmed']);
  });

  it('reads gzip content the same way', async () => {
    const file = join(dir, 'in.log.gz');
    writeFileSync(file, gzipSync(INPUT));
    const r = await run([file, '--csv', '-']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('1,T1,Connection closed by <*> [preauth]');
    expect(r.out.trim().split('\n').length).toBe(8);
    expect(r.err).toContain('7 lines, 4 templates');
  });

  it('reads UTF-16 with a byte-order mark and Windows-1252 as text, like analyze does', async () => {
    const text = 'Jun 14 15:16:01 host app[1]: café 1 opened\r\nJun 14 15:16:02 host app[2]: café 2 opened\r\n';
    const expected = ['line,templateId,template', '1,T1,café <*> opened', '2,T1,café <*> opened'];
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    for (const [name, bytes] of [
      ['le.log', utf16le],
      ['be.log', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be])],
      ['latin1.log', Buffer.from(text, 'latin1')],
    ] as const) {
      writeFileSync(join(dir, name), bytes);
      const r = await run([join(dir, name), '--csv', '-']);
      expect(r.code, name).toBe(0);
      expect(r.out.trimEnd().split('\n'), name).toEqual(expected);
      expect(r.err, name).toContain('2 lines, 1 template');
    }
  });

  it('a file with CR-only line ends: one row per CR-ended line, numbered as analyze numbers them', async () => {
    // The same 7 lines as INPUT, each ended by a lone CR (the 4th empty, the last without one).
    const file = join(dir, 'cr.log');
    writeFileSync(file, INPUT.replace(/\r\n/g, '\r'));
    const r = await run([file, '--csv', '-']);
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n');
    expect(rows.slice(1).map((x) => x.split(',')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rows[1]).toBe('1,T1,Connection closed by <*> [preauth]');
    expect(r.err).toContain('7 lines, 4 templates');
  });

  it('a stray CR inside a line of a CRLF file (a progress bar) does not split it', async () => {
    const file = join(dir, 'progress.log');
    writeFileSync(file, 'Jun 14 15:16:01 host app[1]: fetch 10%\r50%\r100%\r\nJun 14 15:16:02 host app[1]: done\r\n');
    const r = await run([file, '--csv', '-']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n')).toHaveLength(3);
    expect(r.err).toContain('2 lines, 2 templates');
  });

  it("'-' reads standard input, as analyze does", async () => {
    const { CLI } = await import('../../helpers/paths.js');
    const r = spawnSync(process.execPath, [CLI, 'templates', '-', '--csv', '-'], { input: INPUT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('line,templateId,template');
    expect(rows.length).toBe(INPUT.split('\n').length + 1);
  });

  it('refuses a binary file with exit 2 and writes no CSV', async () => {
    const file = join(dir, 'random.bin');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 3) * 31) & 0xff;
    writeFileSync(file, gzipSync(bytes));
    const csv = join(dir, 'random.csv');
    const r = await run([file, '--csv', csv]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('random.bin: the file is binary, not log text');
    expect(existsSync(csv)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('names an archive instead of calling it binary, and points to obsready analyze; a .zst is inflated', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, INPUT);
    const tgz = join(dir, 'logs.tgz');
    spawnSync('tar', ['-czf', tgz, '-C', dir, 'app.log']);
    const zst = join(dir, 'app.log.zst');
    writeFileSync(zst, spawnSync('zstd', ['-q', '-c', log]).stdout);
    let r = await run([tgz, '--csv', '-']);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain('logs.tgz: the file is a tar archive; templates are mined from one log file');
    r = await run([zst, '--csv', '-']);
    const plain = await run([log, '--csv', '-']);
    expect([r.code, r.out]).toEqual([0, plain.out]);
    expect(plain.out.split('\n').length).toBeGreaterThan(2);
  });

  it('never overwrites its input and checks --csv before mining', async () => {
    const file = join(dir, 'keep.log');
    writeFileSync(file, INPUT);
    let r = await run([file, '--csv', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--csv ${file} is also an input; inputs are never overwritten`);
    expect(readFileSync(file, 'utf8')).toBe(INPUT);
    r = await run([file, '--csv', join(file, 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file} is a file, not a folder`);
    expect(r.out).toBe(''); // refused before mining: no summary
    for (const bad of ['--csv=', '--csv= ']) expect((await run([file, bad])).err).toContain('--csv needs an output path');
    const twice = await run([file, '--csv', join(dir, 'c1.csv'), '--csv', join(dir, 'c2.csv')]);
    expect(twice.code).toBe(2);
    expect(twice.err).toContain('--csv is given more than once');
    const nested = join(dir, 'new', 'folder', 'out.csv');
    expect((await run([file, `--csv=${nested}`])).code).toBe(0);
    expect(readFileSync(nested, 'utf8').split('\n')[0]).toBe('line,templateId,template');
  });

  it('reads a pipe (process substitution, /dev/stdin): no seek, gzip found in the stream', async () => {
    for (const [name, bytes] of [
      ['plain', Buffer.from(INPUT)],
      ['gzip', gzipSync(INPUT)],
    ] as const) {
      const src = join(dir, `pipe-${name}`);
      writeFileSync(src, bytes);
      // through a real pipe (spawnSync's `input` is a socket, which /dev/stdin cannot open)
      const r = spawnSync('sh', ['-c', 'cat "$1" | "$2" "$3" templates /dev/stdin --csv -', 'sh', src, process.execPath, CLI], { encoding: 'utf8' });
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout.split('\n')[1], name).toBe('1,T1,Connection closed by <*> [preauth]');
      expect(r.stderr, name).toContain('7 lines, 4 templates');
    }
  });

  it('exits 2 with a clear message on a missing file', async () => {
    const r = await run([join(dir, 'nope.log')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read');
    expect(r.err).toContain('no such file');
  });

  it('exits 2 on a directory and on bad arguments', async () => {
    expect((await run([dir])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['x', '--csv'])).code).toBe(2);
  });

  it('shows a progress bar (bytes, lines, ETA) on a terminal only, and never with --no-progress', async () => {
    const file = join(dir, 'progress.log');
    writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => `Jun 14 15:16:01 host sshd[${i}]: Connection closed by 10.0.0.${i % 250}`).join('\n'));
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const shown = await run([file]);
      expect(shown.code).toBe(0);
      expect(shown.err).toMatch(/%\s+[\d.]+ (KB|MB)\/[\d.]+ (KB|MB)\s+[\d,]+ lines .*ETA/);
      expect(shown.err.endsWith('\r\x1b[K')).toBe(true); // cleared before the summary
      const quiet = await run([file, '--no-progress']);
      expect(quiet.code).toBe(0);
      expect(quiet.err).toBe('');
      expect(quiet.out).toContain('20,000 lines');
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    // Not a terminal (as in this test run): nothing on stderr.
    expect((await run([file])).err).toBe('');
  });

  it('keeps every line\'s group: 16-bit chunks widen when an ordinal past 65,535 or a negative overflow group comes', () => {
    const col = new GroupColumn();
    const want: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const v = i === 70_000 ? -3 : i === 150_001 ? 99_999 : (i * 7919) % 65_536;
      col.push(v);
      want.push(v);
    }
    expect(col.length).toBe(200_000);
    for (let i = 0; i < 200_000; i++) if (col.get(i) !== want[i]) expect.fail(`line ${i}: ${col.get(i)} ≠ ${want[i]}`);
    expect(col.get(70_000)).toBe(-3);
    expect(col.get(150_001)).toBe(99_999);
    expect(col.get(69_999)).toBe(want[69_999]);
  });
});
