// `obsready templates FILE [--csv OUT]`: mines the log templates of one text file (gzip too) and
// writes one CSV row per input line (`line,templateId,template`), then prints a summary.
//
// Ids are final per line: the miner may merge groups as evidence comes in (a position proves
// variable), so pass 1 mines the whole stream keeping only each line's group ordinal (4 bytes a
// line), and the CSV is written afterwards with every line's group resolved to its final id and
// final template text. Memory: the miner's bounded state plus 4 bytes per line.
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable, Writable } from 'node:stream';
import { LineSplitter } from '../importers/common/lines.js';
import { TemplateMiner } from '../profile/template-miner.js';

const USAGE = `Usage: obsready templates FILE [--csv OUT]

Mines log templates from FILE (plain text or gzip; one log line per line, raw lines with their
timestamps/levels/hosts are fine). Writes one CSV row per input line to OUT ('-' = stdout) with the
header line,templateId,template, and prints a summary (lines, templates, top templates).
`;

/** Group ordinals per line, in chunks (no single huge allocation, no copying on growth). */
class GroupColumn {
  private readonly chunks: Int32Array[] = [];
  private n = 0;
  private static readonly CHUNK = 1 << 16;

  push(v: number): void {
    const c = this.n >>> 16;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(GroupColumn.CHUNK));
    this.chunks[c]![this.n & 0xffff] = v;
    this.n++;
  }

  get(i: number): number {
    return this.chunks[i >>> 16]![i & 0xffff]!;
  }

  get length(): number {
    return this.n;
  }
}

/** Ordinal stored for a line longer than the line cap (it is not mined). */
const TOO_LONG = 0;
const TOO_LONG_ID = 'T0';
const TOO_LONG_TEMPLATE = '<line too long>';

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface ParsedArgs {
  file?: string;
  csv?: string;
  help: boolean;
  error?: string;
}

function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--csv') {
      const v = argv[++i];
      if (v === undefined) return { ...out, error: '--csv needs an output path' };
      out.csv = v;
    } else if (a.startsWith('--csv=')) out.csv = a.slice(6);
    else if (a.startsWith('-') && a !== '-') return { ...out, error: `unknown option ${a}` };
    else if (out.file === undefined) out.file = a;
    else return { ...out, error: `unexpected argument ${a}` };
  }
  return out;
}

async function openInput(file: string): Promise<Readable> {
  const fh = await fsp.open(file, 'r');
  let gz = false;
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    gz = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return gz ? raw.pipe(createGunzip()) : raw;
}

function write(out: Writable, s: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(s)) resolve();
    else {
      // Remove the other listener when one fires, so listeners never pile up on the stream.
      const onDrain = () => {
        out.off('error', onError);
        resolve();
      };
      const onError = (e: Error) => {
        out.off('drain', onDrain);
        reject(e);
      };
      out.once('drain', onDrain);
      out.once('error', onError);
    }
  });
}

export async function runTemplates(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.error || !args.file) {
    process.stderr.write(`obsready templates: ${args.error ?? 'missing FILE'}\n\n${USAGE}`);
    return 2;
  }
  const file = args.file;
  let input: Readable;
  try {
    input = await openInput(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    process.stderr.write(`obsready templates: cannot read ${file}: ${why}\n`);
    return 2;
  }

  const miner = new TemplateMiner();
  const groups = new GroupColumn();
  let tooLong = 0;
  const splitter = new LineSplitter({
    line: (text) => groups.push(miner.add(text).group),
    tooLong: () => {
      groups.push(TOO_LONG);
      tooLong++;
    },
  });
  try {
    for await (const chunk of input) splitter.push(chunk as Uint8Array);
    splitter.end();
  } catch (e) {
    process.stderr.write(`obsready templates: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }

  // Final id and template per group, resolved once.
  const resolved = new Map<number, { id: string; row: string }>();
  const rowOf = (g: number): string => {
    let r = resolved.get(g);
    if (!r) {
      const id = g === TOO_LONG ? TOO_LONG_ID : miner.resolveGroup(g);
      const tpl = g === TOO_LONG ? TOO_LONG_TEMPLATE : (miner.template(id) ?? '');
      r = { id, row: `,${csvField(id)},${csvField(tpl)}\n` };
      resolved.set(g, r);
    }
    return r.row;
  };

  const toStdout = args.csv === '-';
  if (args.csv !== undefined) {
    const out: Writable = toStdout ? process.stdout : createWriteStream(args.csv);
    const failed = new Promise<Error>((resolve) => out.once('error', resolve));
    try {
      let buf = 'line,templateId,template\n';
      for (let i = 0; i < groups.length; i++) {
        buf += String(i + 1) + rowOf(groups.get(i));
        if (buf.length > 1 << 16) {
          await Promise.race([write(out, buf), failed.then((e) => Promise.reject(e))]);
          buf = '';
        }
      }
      await Promise.race([write(out, buf), failed.then((e) => Promise.reject(e))]);
      if (!toStdout) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (e) {
      process.stderr.write(`obsready templates: cannot write ${args.csv}: ${(e as Error).message}\n`);
      return 2;
    }
  }

  // Summary (to stderr when the CSV goes to stdout).
  const log = toStdout ? process.stderr : process.stdout;
  const all = miner.templates();
  const top = all.filter((t) => !t.overflow).sort((a, b) => b.count - a.count || a.firstLine - b.firstLine).slice(0, 10);
  const lines = groups.length;
  const pct = (n: number): string => (lines ? ((100 * n) / lines).toFixed(1) : '0.0') + '%';
  let s = `${file}: ${lines.toLocaleString('en')} lines, ${miner.templateCount.toLocaleString('en')} templates`;
  if (miner.overflowCount) s += `, ${miner.overflowCount.toLocaleString('en')} lines over the template cap (overflow groups)`;
  if (tooLong) s += `, ${tooLong.toLocaleString('en')} lines too long to mine (${TOO_LONG_ID})`;
  s += '\n';
  if (top.length) s += `Top ${top.length} templates:\n`;
  const w = String(top[0]?.count ?? 0).length;
  for (const t of top) s += `  ${String(t.count).padStart(w)}  ${pct(t.count).padStart(6)}  ${t.templateId.padEnd(7)} ${t.template.length > 160 ? t.template.slice(0, 157) + '...' : t.template}\n`;
  log.write(s);
  return 0;
}
