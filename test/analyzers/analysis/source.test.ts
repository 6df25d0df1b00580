// InputSource: one file's bytes become one input or, for an archive, one input per file in it.
// Archives here are built block by block (a tar header is 512 bytes with an octal checksum), so
// each case holds exactly the oddity it tests.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { Analysis } from '../../../analyzers/analysis/analysis.js';
import { InputSource, printableName } from '../../../analyzers/analysis/source.js';

function header(name: string, size: number, type = '0'): Uint8Array {
  const b = new Uint8Array(512);
  const put = (at: number, s: string) => b.set(new TextEncoder().encode(s), at);
  put(0, name);
  put(100, '0000644\0');
  put(124, size.toString(8).padStart(11, '0') + '\0');
  put(136, '00000000000\0');
  put(156, type);
  put(257, 'ustar\u000000');
  put(148, '        ');
  let sum = 0;
  for (const v of b) sum += v;
  put(148, sum.toString(8).padStart(6, '0') + '\0 ');
  return b;
}

function member(name: string, body: string, type = '0'): Uint8Array[] {
  const data = new TextEncoder().encode(body);
  const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
  padded.set(data);
  return [header(name, data.length, type), padded];
}

function tar(parts: Uint8Array[][]): Uint8Array {
  const blocks = [...parts.flat(), new Uint8Array(1024)];
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

function run(bytes: Uint8Array, chunk = bytes.length) {
  const analysis = new Analysis({ toolVersion: 'test' });
  const src = new InputSource(analysis, 'in.tar', { totalBytes: bytes.length });
  for (let o = 0; o < bytes.length; o += chunk) src.push(bytes.subarray(o, o + chunk));
  src.end();
  return { src, inputs: analysis.finish('2026-01-01T00:00:00Z').inputs };
}

const LOG = Array.from({ length: 120 }, (_, i) => `2024-01-01T00:00:00Z INFO request ${i} done`).join('\n') + '\n';

describe('InputSource', () => {
  it('a file that is no archive is one input, whatever the chunking, with the totals of that input', () => {
    const bytes = new TextEncoder().encode(LOG);
    for (const chunk of [1, 7, 511, 4096]) {
      const { src, inputs } = run(bytes, chunk);
      expect([src.isArchive, inputs.map((i) => [i.path, i.format, i.records])]).toEqual([false, [['in.tar', 'text-logs', 120]]]);
      expect(src.totals()).toMatchObject({ records: 120, inputs: 1, format: 'text-logs' });
    }
  });

  it('a file shorter than one tar block is one input too', () => {
    const { inputs } = run(new TextEncoder().encode('up 1\n'));
    expect(inputs.map((i) => [i.path, i.format])).toEqual([['in.tar', 'prometheus']]);
  });

  it('files of an archive are inputs named archive/path; links, folders and hidden files are not (a link is said on the archive row)', () => {
    const bytes = tar([member('logs/', '', '5'), member('logs/app.log', LOG), member('logs/.swp', LOG), member('logs/link.log', '', '2'), member('./metrics.prom', 'up 1\nup{a="b"} 0\n')]);
    for (const chunk of [1, 7, 4096]) {
      const { src, inputs } = run(bytes, chunk);
      expect(inputs.map((i) => [i.path, i.archive, i.format, i.records])).toEqual([
        ['in.tar', undefined, 'unknown', 0],
        ['in.tar/logs/app.log', 'in.tar', 'text-logs', 120],
        ['in.tar/metrics.prom', 'in.tar', 'prometheus', 2],
      ]);
      expect(inputs.slice(1).map((i) => i.bytes)).toEqual([LOG.length, 17]);
      expect(inputs[0]!.errors.map((e) => e.message)).toEqual(['"logs/link.log" is a symbolic link: no content of its own, not read (a link\'s target is read when it is a file in the archive)']);
      expect(src.totals()).toMatchObject({ records: 122, inputs: 3, format: 'tar' }); // (the archive's own row, for the link)
    }
  });

  it('an ended file of an archive is let go: only the file being read is held, the ended ones are counted in the totals and kept as rows', () => {
    const analysis = new Analysis({ toolVersion: 'test' });
    const src = new InputSource(analysis, 'in.tar');
    const bytes = tar(Array.from({ length: 50 }, (_, i) => member(`f${i}.log`, LOG)));
    const held: number[] = [];
    for (let o = 0; o < bytes.length; o += 4096) {
      src.push(bytes.subarray(o, o + 4096));
      held.push(src.sessions.length);
    }
    src.end();
    expect(Math.max(...held)).toBeLessThanOrEqual(1);
    expect(src.sessions).toHaveLength(0);
    expect((analysis as unknown as { live: Set<unknown> }).live.size).toBe(0);
    expect(src.totals()).toMatchObject({ records: 50 * 120, inputs: 50, format: 'tar' });
    const inputs = analysis.finish('2026-01-01T00:00:00Z').inputs;
    expect(inputs).toHaveLength(50);
    expect(inputs.every((i) => i.records === 120 && i.sha256.length === 64)).toBe(true);
  });

  it('two files of an archive stored under one name are two inputs with two names: name, name (2)', () => {
    const { inputs } = run(tar([member('same.log', LOG), member('same.log', LOG), member('same.log (2)', LOG), member('same.log', LOG)]));
    expect(inputs.map((i) => i.path)).toEqual(['in.tar/same.log', 'in.tar/same.log (2)', 'in.tar/same.log (2) (2)', 'in.tar/same.log (3)']);
  });

  it('a zip folder entry that holds data is said on the archive row, not passed over silently', async () => {
    const { zipSync } = await import('fflate');
    const bytes = zipSync({ 'dirdata/': new TextEncoder().encode(LOG), 'app.log': new TextEncoder().encode(LOG) }, { level: 0 });
    const { inputs } = run(bytes);
    expect(inputs.map((i) => [i.path, i.records])).toEqual([['in.tar', 0], ['in.tar/app.log', 120]]);
    expect(inputs[0]!.errors.map((e) => [e.code, e.message])).toEqual([['unsupported', `"dirdata/" is a folder entry that holds ${LOG.length} bytes of data: not read (a folder has no content); extract the archive to see what they are`]]);
  });

  it('problems of the archive itself are capped at 100 listed on its own row; errorCount is their total', () => {
    const odd = Array.from({ length: 150 }, (_, i) => member(`odd-${i}`, 'x', 'Z'));
    const { inputs } = run(tar([...odd, member('app.log', LOG)]));
    const row = inputs.find((i) => i.path === 'in.tar')!;
    expect(row.errors.filter((e) => e.code === 'unsupported')).toHaveLength(100);
    expect(row.errors.filter((e) => e.code === 'too-many-errors')).toHaveLength(1);
    expect(row.errorCount).toBe(150);
    expect(inputs.find((i) => i.path === 'in.tar/app.log')!.records).toBe(120);
  });
});

describe('InputSource: names stored in archives', () => {
  it('a control character in a file name is written as an escape, so a report table row stays one line', () => {
    const { inputs } = run(tar([member('evil\nname\u0007.log', LOG)]));
    expect(inputs.map((i) => i.path)).toEqual(['in.tar/evil\\x0aname\\x07.log']);
  });
});

describe('InputSource: compressed files and archives inside an archive', () => {
  const bytesMember = (name: string, data: Uint8Array): Uint8Array[] => {
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    return [header(name, data.length), padded];
  };
  const gz = new Uint8Array(gzipSync(LOG));

  it.skipIf(process.platform === 'win32')('a .gz and a .zst inside are inflated; a tar inside is named, not opened', () => {
    const zst = new Uint8Array(execFileSync('zstd', ['-q', '-c'], { input: LOG }));
    const inner = tar([member('x.log', LOG)]);
    const { inputs } = run(tar([bytesMember('a.log.gz', gz), bytesMember('b.log.zst', zst), bytesMember('c.tar', inner)]));
    expect(inputs.map((i) => [i.path, i.container, i.format, i.records, i.archive])).toEqual([
      ['in.tar/a.log.gz', 'gzip', 'text-logs', 120, 'in.tar'],
      ['in.tar/b.log.zst', 'zstd', 'text-logs', 120, 'in.tar'],
      ['in.tar/c.tar', undefined, 'unknown', 0, 'in.tar'],
    ]);
    expect(inputs[2]!.errors[0]!.message).toMatch(/tar archive inside an archive|tar inside an archive/);
  });

  it('an archive cut inside a .gz member reports that member truncated once, with what was inflated', () => {
    const whole = tar([bytesMember('a.log.gz', gz)]);
    const cut = whole.subarray(0, 512 + Math.floor(gz.length / 2));
    const [a] = run(cut).inputs;
    expect(a!.errors.map((e) => e.code)).toEqual(['truncated']);
    expect(a!.records).toBeLessThan(120);
  });
});

describe('InputSource: very long stored names', () => {
  it('a pax path of 100,000 characters is cut to 1,024 and an ellipsis in the input path', () => {
    const long = 'd/'.repeat(50_000) + 'app.log';
    const rec = (k: string, v: string) => {
      // "LEN key=value\n", LEN counting itself
      const body = ` ${k}=${v}\n`;
      let len = body.length + 1;
      while (String(len).length + body.length !== len) len = String(len).length + body.length;
      return `${len}${body}`;
    };
    const pax = bytesOf(rec('path', long));
    const padded = new Uint8Array(Math.ceil(pax.length / 512) * 512);
    padded.set(pax);
    const { inputs } = run(tar([[header('PaxHeader/x', pax.length, 'x'), padded], member('short-name', LOG)]));
    expect(inputs.map((i) => [i.path.length, i.path.endsWith('…'), i.records])).toEqual([['in.tar/'.length + 1024 + 1, true, 120]]);
  });
});

function bytesOf(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

describe('names of archive members', () => {
  it('are paths inside the archive: leading slashes and .. steps resolved, control characters escaped, long names cut', () => {
    expect(printableName('../../etc/passwd')).toBe('etc/passwd');
    expect(printableName('/abs/./logs//app.log')).toBe('abs/logs/app.log');
    expect(printableName('logs/../../../x.json')).toBe('x.json');
    expect(printableName('a\nb.log')).toBe('a\\x0ab.log');
    expect(printableName('x'.repeat(2000))).toHaveLength(1025);
  });
});
