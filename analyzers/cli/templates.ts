// `obsready templates FILE [--csv OUT]`: mines the log templates of one text file (gzip too) and
// writes one CSV row per input line (`line,templateId,template`), then prints a summary.
//
// Ids are final per line: the miner may merge groups as evidence comes in (a position proves
// variable), so pass 1 mines the whole stream keeping only each line's group ordinal (2 bytes a
// line), and the CSV is written afterwards with every line's group resolved to its final id and
// final template text. Memory: the miner's bounded state plus 2 bytes per line (4 past 65,535 groups).
import { createReadStream, createWriteStream, mkdirSync, promises as fsp, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { isTarHeader } from '../analysis/tar.js';
import { isZipHead } from '../analysis/zip.js';
import { FramedZstd, ZstdStream, isFramedZstdHead, isZstdHead } from '../analysis/zstd.js';
import { Readable, pipeline, type Writable } from 'node:stream';
import { LineSplitter, looksBinary } from '../importers/common/lines.js';
import { AnsiStripper } from '../importers/jsonl-logs/log-output.js';
import { TextTranscoder } from '../analysis/text-encoding.js';
import { TemplateMiner } from '../profile/template-miner.js';
import { mapLogLine } from '../importers/jsonl-logs/map-fields.js';
import { mineInBlocks } from '../analysis/template-blocks.js';
import { TemplateWorkers, templateThreads, templateWorkerUrl } from '../node/template-workers.js';
import { argvPath, escapedName, plainReason } from '../node/read-inputs.js';
import { isLegacyText, windows1252Decoder } from '../analysis/analysis.js';
import { visible } from './table.js';
import { checkOutputPaths, isSpecialTarget, tempPathFor, writeTarget } from './outputs.js';
import { ProgressBar } from './progress.js';

const USAGE = `Usage: obsready templates FILE [--csv OUT] [--no-progress]

Mines log templates from FILE ('-' = standard input; plain text, gzip or zstd; UTF-8, UTF-16 or UTF-32 with or
without a byte-order mark, UTF-8 and UTF-16 joined, or Windows-1252, as analyze reads them; ANSI colour codes are
taken out; one log line per line, raw lines with their timestamps/levels/hosts are fine).
Writes one CSV row per input line to OUT ('-' = stdout) with the header line,templateId,template,
and prints a summary (lines, templates, top templates). A binary file is refused (exit 2).
A progress bar (bytes, lines, rate, ETA) is shown on stderr when it is a terminal.
Uses every core (OBSREADY_THREADS=N to cap them); the result is the same on one.
`;

/**
 * Group ordinals per line, in chunks (no single huge allocation, no copying on growth). A chunk
 * holds 16-bit values until a value does not fit (an ordinal past 65,535 or an overflow group's
 * negative one): 2 bytes a line in the common case, 4 at most.
 */
export class GroupColumn {
  private readonly chunks: (Uint16Array | Int32Array)[] = [];
  private n = 0;
  private static readonly CHUNK = 1 << 16;

  push(v: number): void {
    const c = this.n >>> 16;
    if (c === this.chunks.length) this.chunks.push(new Uint16Array(GroupColumn.CHUNK));
    let chunk = this.chunks[c]!;
    if ((v < 0 || v > 0xffff) && chunk instanceof Uint16Array) {
      chunk = Int32Array.from(chunk);
      this.chunks[c] = chunk;
    }
    chunk[this.n & 0xffff] = v;
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

/**
 * One CSV cell. A cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is a formula to a
 * spreadsheet (a log line `=HYPERLINK(…)` or `+cmd|…` would run when the CSV is opened): it is
 * written after a `'`, as OWASP's CSV-injection guidance says, and shown as text.
 */
export function csvField(s: string): string {
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface ParsedArgs {
  file?: string;
  csv?: string;
  help: boolean;
  progress: boolean;
  error?: string;
}

function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { help: false, progress: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--no-progress') out.progress = false;
    else if (a === '--csv' || a.startsWith('--csv=')) {
      const v = a === '--csv' ? argv[++i] : a.slice(6);
      if (v === undefined || v.trim() === '') return { ...out, error: '--csv needs an output path' };
      if (out.csv !== undefined) return { ...out, error: '--csv is given more than once; give it once' };
      out.csv = v;
    }
    else if (a.startsWith('-') && a !== '-') return { ...out, error: `unknown option ${a}` };
    else if (out.file === undefined) out.file = a;
    else return { ...out, error: `unexpected argument ${a}` };
  }
  return out;
}

/**
 * Opens FILE once and reads it front to back (no seek), so a pipe works too
 * (`obsready templates <(kubectl logs …)`, `/dev/stdin`); gzip and zstd are found by the magic
 * bytes of the first chunk.
 */
async function openInput(file: string): Promise<{ input: Readable; size: number | undefined; bytesRead: () => number }> {
  let raw: Readable;
  let size: number | undefined;
  if (file === '-') raw = process.stdin; // standard input, as `analyze -` reads it
  else {
    // (a name that is not UTF-8 is opened by its bytes from the command line)
    const fh = await fsp.open(argvPath(file), 'r');
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = st.isFile() ? st.size : undefined;
      raw = fh.createReadStream({ highWaterMark: 1 << 20 });
    } catch (e) {
      await fh.close();
      throw e;
    }
  }
  // Bytes of FILE taken from the stream so far (for the progress bar).
  let read = 0;
  const bytesRead = (): number => read;
  const it = (raw as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let first = await it.next();
  // A pipe may deliver a single byte first: gather eight for the magic (zstd's framed form needs 8).
  while (!first.done && first.value.length < 8) {
    const more = await it.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  const head = first.done ? undefined : first.value;
  async function* all(): AsyncGenerator<Buffer> {
    if (head) {
      read += head.length;
      yield head;
    }
    for (let r = await it.next(); !r.done; r = await it.next()) {
      read += r.value.length;
      yield r.value;
    }
  }
  if (head && (isZstdHead(head) || isFramedZstdHead(head))) return { input: Readable.from(unzstd(all(), !isZstdHead(head)), { objectMode: false }), size, bytesRead };
  const src = Readable.from(all(), { objectMode: false });
  if (!(head && head[0] === 0x1f && head[1] === 0x8b)) return { input: src, size, bytesRead };
  const gunzip = createGunzip();
  pipeline(src, gunzip, () => {
    // errors reach the reader through gunzip (destroyed with the error)
  });
  return { input: gunzip, size, bytesRead };
}

/**
 * A .zst (or the Collector's framed zstd) inflated as it streams, by the same reader `obsready
 * analyze` uses (limits included): its raw chunks are fed in 64 KB pieces, so what one piece
 * inflates is handed on before the next is read.
 */
async function* unzstd(raw: AsyncIterable<Buffer>, framed: boolean): AsyncGenerator<Buffer> {
  const out: Uint8Array[] = [];
  let failure: string | undefined;
  const sink = {
    data: (b: Uint8Array) => void out.push(b),
    fail: (_code: string, message: string) => void (failure ??= message),
    get accepting() {
      return failure === undefined;
    },
  };
  const z = framed ? new FramedZstd(sink) : new ZstdStream(sink);
  const drain = function* (): Generator<Buffer> {
    for (let b = out.shift(); b; b = out.shift()) yield Buffer.from(b.buffer, b.byteOffset, b.length);
    if (failure !== undefined) throw new Error(failure);
  };
  for await (const chunk of raw) {
    for (let at = 0; at < chunk.length; at += 64 * 1024) {
      z.push(chunk.subarray(at, at + 64 * 1024));
      yield* drain();
    }
  }
  z.end();
  yield* drain();
}

/** How much of the start of the file decides its encoding (as `obsready analyze` does). */
const HEAD_BYTES = 64 * 1024;

class BinaryInputError extends Error {}

/**
 * The text of the input as UTF-8 chunks, decoded as `obsready analyze` reads text, by the same
 * decoder (TextTranscoder: UTF-16 with or without a byte-order mark, UTF-32, a change from UTF-8
 * to UTF-16 and back, each change said through `onChange`) and Windows-1252/Latin-1 (not UTF-8,
 * no control bytes) as analyze decides it; ANSI escape sequences (colours) are taken out as
 * analyze's readers take them out of a line (stripAnsi). Binary content throws BinaryInputError
 * (its "templates" would be noise, and control bytes in the CSV). Both ways of mining (one thread,
 * worker threads) read these chunks.
 */
/** Whether the text opens with a JSON object line (JSON Lines logs); the chunks, the first one given back. */
async function withJsonLinesCheck(chunks: AsyncGenerator<Uint8Array>): Promise<{ chunks: AsyncGenerator<Uint8Array>; jsonLines: boolean }> {
  const first = await chunks.next();
  let jsonLines = false;
  if (!first.done) {
    const head = new TextDecoder().decode(first.value.subarray(0, 1 << 16));
    const line = head.replace(/^\uFEFF/, '').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
    if (line.startsWith('{') && line.endsWith('}')) {
      try {
        const v: unknown = JSON.parse(line);
        jsonLines = v !== null && typeof v === 'object' && !Array.isArray(v);
      } catch {
        jsonLines = false;
      }
    }
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  return { chunks: all(), jsonLines };
}

/** A JSON Lines line's message (its log body), as `analyze` mines it; a line that is not one, as it is. */
function messageOf(line: string): string {
  if (line.trimStart()[0] !== '{') return line;
  const body = mapLogLine(line).mapped.body;
  return typeof body === 'string' && body.trim() !== '' ? (body.length > 2048 ? body.slice(0, 2048) : body) : line;
}

async function* textChunks(input: AsyncIterable<Uint8Array>, onChange: (message: string, line: number) => void = () => undefined): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const it = input[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headBytes = 0;
  let complete = false;
  while (headBytes < HEAD_BYTES) {
    const r = await it.next();
    if (r.done) {
      complete = true;
      break;
    }
    headParts.push(r.value);
    headBytes += r.value.length;
  }
  const head = Buffer.concat(headParts);
  if (isTarHeader(head) || isZipHead(head)) {
    // One log file is mined here; `obsready analyze` opens archives.
    throw new BinaryInputError(`the file is a ${isTarHeader(head) ? 'tar' : 'zip'} archive; templates are mined from one log file: extract it first (\`obsready analyze\` reads the whole archive)`);
  }
  let decoded: Uint8Array[] = [];
  const transcoder = new TextTranscoder({ content: (b) => void decoded.push(b), change: (message, line) => onChange(message, line) });
  transcoder.push(head);
  if (complete) transcoder.end();
  const text = Buffer.concat(decoded);
  decoded = [];
  let legacy: ((chunk: Uint8Array) => Uint8Array) | undefined;
  if (!transcoder.transcoding && looksBinary(text.subarray(0, HEAD_BYTES))) throw new BinaryInputError('the file is binary, not log text');
  if (!transcoder.transcoding && isLegacyText(text.subarray(0, HEAD_BYTES), complete && text.length <= HEAD_BYTES)) {
    const d = windows1252Decoder();
    if (d) legacy = (c) => encoder.encode(d.decode(c));
  }
  const ansi = new AnsiStripper();
  const out = (c: Uint8Array): Uint8Array => ansi.push(legacy ? legacy(c) : c);
  const give = function* (): Generator<Uint8Array> {
    for (const c of decoded) {
      const o = out(c);
      if (o.length) yield o;
    }
    decoded = [];
  };
  if (text.length) {
    const o = out(text);
    if (o.length) yield o;
  }
  if (!complete) {
    for (let r = await it.next(); !r.done; r = await it.next()) {
      transcoder.push(r.value);
      yield* give();
    }
    transcoder.end();
    yield* give();
  }
  const rest = ansi.end();
  if (rest.length) yield rest;
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
  if (args.csv !== undefined && args.csv !== '-') {
    // Checked before mining, which reads the whole file first.
    try {
      checkOutputPaths({}, { '--csv': args.csv }, [file]);
    } catch (e) {
      process.stderr.write(`obsready templates: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let input: Readable;
  let opened: Awaited<ReturnType<typeof openInput>>;
  try {
    opened = await openInput(file);
    input = opened.input;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : plainReason(e);
    process.stderr.write(`obsready templates: cannot read ${shownName(file)}: ${why}\n`);
    return 2;
  }

  const groups = new GroupColumn();
  let tooLong = 0;
  // Progress on the bytes of FILE read (compressed bytes for gzip) and the lines mined.
  const bar = new ProgressBar(process.stderr, Boolean(process.stderr.isTTY) && args.progress);
  const progress = (force = false): void =>
    bar.update({ file, fileIndex: 0, fileCount: 1, bytesDone: opened.bytesRead(), bytesTotal: opened.size ?? 0, records: groups.length, unit: 'lines', rejected: 0, sizeUnknown: opened.size === undefined }, force);
  const sink = {
    line: (group: number) => {
      groups.push(group);
      if ((groups.length & 8191) === 0) progress();
    },
    tooLong: () => {
      groups.push(TOO_LONG);
      tooLong++;
    },
  };
  // The per-line front end (header, masking, fingerprint) runs in worker threads when there is
  // more than one core and the bundled worker is there; the ids are the same either way.
  // JSON Lines logs: each line's message is mined, as `analyze` mines a structured record's body
  // (the raw line gave templates such as `msg","stream":"stdout",…`); on one thread.
  let miner = new TemplateMiner();
  let workers: TemplateWorkers | undefined;
  /** Changes of encoding met in the text (as analyze reports them), said after mining. */
  const changes: string[] = [];
  try {
    const { chunks: text, jsonLines } = await withJsonLinesCheck(textChunks(input as AsyncIterable<Uint8Array>, (message, line) => changes.push(`line ${line}: ${message}`)));
    const threads = jsonLines ? 0 : templateThreads();
    const workerUrl = threads > 0 ? templateWorkerUrl(import.meta.url) : undefined;
    workers = workerUrl ? new TemplateWorkers(workerUrl, threads) : undefined;
    if (jsonLines) miner = new TemplateMiner({ header: 'none' });
    if (workers) await mineInBlocks(text, miner, sink, workers);
    else {
      const splitter = new LineSplitter({ line: (line) => sink.line(miner.add(jsonLines ? messageOf(line) : line).group), tooLong: sink.tooLong });
      for await (const chunk of text) splitter.push(chunk);
      splitter.end();
    }
  } catch (e) {
    input.destroy();
    process.stderr.write(`obsready templates: ${e instanceof BinaryInputError ? `${shownName(file)}: ${e.message}` : `cannot read ${shownName(file)}: ${plainReason(e)}`}\n`);
    return 2;
  } finally {
    bar.done();
    await workers?.close();
  }
  for (const c of changes) process.stderr.write(`obsready templates: ${shownName(file)}: ${c}\n`);

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
    let out: Writable;
    // The CSV is written to a temporary file beside it and renamed into place when complete:
    // Ctrl-C or a full disk never leaves a truncated CSV that looks complete.
    const direct = toStdout || isSpecialTarget(args.csv); // stdout, /dev/null, a FIFO: written as they are
    const target = direct ? args.csv : writeTarget(args.csv);
    const tmp = direct ? undefined : tempPathFor(target);
    const onSignal = (sig: NodeJS.Signals): void => {
      if (tmp) rmSync(tmp, { force: true });
      process.exit(sig === 'SIGINT' ? 130 : 143);
    };
    try {
      if (tmp) {
        mkdirSync(dirname(args.csv), { recursive: true });
        process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      }
      out = tmp ? createWriteStream(tmp) : toStdout ? process.stdout : createWriteStream(args.csv);
    } catch (e) {
      process.stderr.write(`obsready templates: cannot write ${args.csv}: ${(e as Error).message}\n`);
      return 2;
    }
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
      if (tmp) renameSync(tmp, target);
    } catch (e) {
      if (tmp) {
        out.destroy();
        rmSync(tmp, { force: true });
      }
      // A reader that closes stdout early (`--csv - | head`) is not an error: stop writing, as
      // analyze does, and still print the summary (on stderr).
      const code = (e as NodeJS.ErrnoException).code;
      if (!(toStdout && (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED'))) {
        process.stderr.write(`obsready templates: cannot write ${args.csv}: ${(e as Error).message}\n`);
        return 2;
      }
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
  }

  // Summary (to stderr when the CSV goes to stdout).
  const log = toStdout ? process.stderr : process.stdout;
  const all = miner.templates();
  const top = all.filter((t) => !t.overflow).sort((a, b) => b.count - a.count || a.firstLine - b.firstLine).slice(0, 10);
  const lines = groups.length;
  const pct = (n: number): string => (lines ? ((100 * n) / lines).toFixed(1) : '0.0') + '%';
  let s = `${shownName(file)}: ${counted(lines, 'line')}, ${counted(miner.templateCount, 'template')}`;
  if (miner.overflowCount) s += `, ${miner.overflowCount.toLocaleString('en')} lines over the template cap (overflow groups)`;
  if (tooLong) s += `, ${tooLong.toLocaleString('en')} lines too long to mine (${TOO_LONG_ID})`;
  s += '\n';
  if (top.length) s += top.length === 1 ? 'Top template:\n' : `Top ${top.length} templates:\n`;
  const w = String(top[0]?.count ?? 0).length;
  for (const t of top) s += `  ${String(t.count).padStart(w)}  ${pct(t.count).padStart(6)}  ${t.templateId.padEnd(7)} ${visible(t.template.length > 160 ? t.template.slice(0, 157) + '...' : t.template)}\n`;
  log.write(s);
  return 0;
}

/** `1 line`, `2 lines`, `1,000 templates`. */
function counted(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/** FILE as the summary shows it: a name that is not UTF-8 with its bad bytes as \\xNN (as analyze shows it), not U+FFFD. */
function shownName(file: string): string {
  const path = file === '-' ? file : argvPath(file);
  return typeof path === 'string' ? visible(path) : escapedName(path);
}
