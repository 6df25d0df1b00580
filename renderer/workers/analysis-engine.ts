// The analysis as the worker runs it, free of worker plumbing so tests can drive it directly:
// streams each source into the pure analyzers core, reports progress, snapshots partial
// reports while files stream, and stops promptly on cancel.
import { Analysis, type AnalysisOptions } from '../../analyzers/analysis/analysis.js';
import { SNIFF_BYTES } from '../../analyzers/importers/types.js';
import { FORMATS } from '../../analyzers/importers/registry.js';
import { sniffHead } from '../../analyzers/analysis/preamble.js';
import { TOOL_VERSION } from '../../analyzers/version.js';
import type { Report } from '../../analyzers/report/model.js';
import type { AnalyzeItem, DetectItem, Detection, FileProgress } from './protocol.js';
import { InputSource } from '../../analyzers/analysis/source.js';
import { withInputAliases, type InputAlias } from '../../analyzers/analysis/aliases.js';
import { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO, inflateLimitMessage, overInflateLimit } from '../../analyzers/analysis/inflate-limits.js';
import { isTarHeader } from '../../analyzers/analysis/tar.js';
import { isZipHead, readZipLinkNames } from '../../analyzers/analysis/zip.js';
import { FramedZstd, ZstdStream, isFramedZstdHead, isZstdHead } from '../../analyzers/analysis/zstd.js';
import { DETAIL_THRESHOLD_BYTES, detailLevelFor } from '../../analyzers/analysis/detail.js';
import { headMayHoldSpans } from '../../analyzers/analysis/trace-head.js';

/** Same limits as the Node adapter (analyzers/node/read-inputs.ts): stop inflating a .gz bomb. */
export { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO };

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Inflate as much of a gzip head as the bytes allow (a truncated stream ends early, not in error). */
async function inflateHead(head: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  let total = 0;
  const stream = new Blob([head as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  try {
    while (total < maxBytes) {
      const { value, done } = await reader.read();
      if (done || !value) break;
      out.push(value);
      total += value.length;
    }
  } catch {
    /* truncated: keep what was inflated */
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const buf = new Uint8Array(Math.min(total, maxBytes));
  let o = 0;
  for (const p of out) {
    if (o >= buf.length) break;
    const part = p.subarray(0, buf.length - o);
    buf.set(part, o);
    o += part.length;
  }
  return buf;
}

/** Inflate as much of a zstd head (plain or the Collector's framing) as the bytes allow; a refusal (a window too large) is kept. */
function inflateZstdHead(head: Uint8Array, maxBytes: number): { bytes: Uint8Array; refused?: { code: string; message: string } } {
  const out: Uint8Array[] = [];
  let total = 0;
  let refused: { code: string; message: string } | undefined;
  const sink = {
    data: (b: Uint8Array) => {
      out.push(b.slice(0, Math.max(0, maxBytes - total)));
      total += b.length;
    },
    fail: (code: string, message: string) => {
      // A head cut inside a frame is not damage; a limit is.
      if (code === 'decompress-limit') refused = { code, message };
    },
    get accepting() {
      return total < maxBytes;
    },
  };
  const z = isZstdHead(head) ? new ZstdStream(sink) : new FramedZstd(sink);
  z.push(head);
  const bytes = new Uint8Array(Math.min(total, maxBytes));
  let o = 0;
  for (const p of out) {
    bytes.set(p.subarray(0, bytes.length - o), o);
    o += Math.min(p.length, bytes.length - o);
  }
  return { bytes, ...(refused ? { refused } : {}) };
}

export async function detectInput(item: DetectItem): Promise<Detection> {
  const gzip = isGzip(item.head);
  const inflated = gzip ? await inflateHead(item.head, SNIFF_BYTES) : item.head;
  const zstd = isZstdHead(inflated) || isFramedZstdHead(inflated);
  const unzstd = zstd ? inflateZstdHead(inflated, SNIFF_BYTES) : undefined;
  if (unzstd?.refused) return { id: item.id, format: 'unknown', formatLabel: 'not read', signal: 'none', confidence: 0, gzip, zstd, problem: unzstd.refused };
  const content = unzstd ? unzstd.bytes : inflated.subarray(0, SNIFF_BYTES);
  const complete = !gzip && !zstd && item.head.length >= item.sizeBytes;
  // An archive: each file in it is an input of its own, detected as it is read.
  const compressed = gzip ? ' (gzip)' : zstd ? ' (zstd)' : '';
  if (isTarHeader(content)) return { id: item.id, format: 'tar', formatLabel: `tar archive${compressed}`, signal: 'none', confidence: 1, gzip, ...(zstd ? { zstd } : {}), archive: true };
  if (isZipHead(content)) return { id: item.id, format: 'zip', formatLabel: `zip archive${compressed}`, signal: 'none', confidence: 1, gzip, ...(zstd ? { zstd } : {}), archive: true };
  const res = sniffHead(content, complete).sniffed;
  if (!res.spec) {
    const reason = res.reason ?? 'unrecognised-format';
    const message = reason === 'empty-input' ? (res.message ?? 'the file is empty') : reason === 'binary-data' ? 'binary content, not a text or JSON telemetry export' : 'no importer recognised this content';
    return { id: item.id, format: 'unknown', formatLabel: 'not recognised', signal: 'none', confidence: res.confidence, gzip, ...(zstd ? { zstd } : {}), problem: { code: reason, message } };
  }
  return { id: item.id, format: res.spec.id, formatLabel: res.spec.label, signal: res.spec.signal, confidence: Math.round(res.confidence * 100) / 100, gzip, ...(zstd ? { zstd } : {}) };
}

export interface RunHooks {
  now(): number;
  onProgress(files: FileProgress[], elapsedMs: number): void;
  onPartial(report: Report, costMs: number): void;
  progressEveryMs: number;
  partialEveryMs: number;
  generatedAt?: string;
  isCancelled(): boolean;
  /** Let queued events (messages) run: `setTimeout(0)` in the worker. */
  yieldToEvents(): Promise<void>;
}

const YIELD_EVERY_MS = 50;
type Tick = (force?: boolean) => Promise<void>;

export type RunOutcome = { kind: 'done'; report: Report; files: FileProgress[] } | { kind: 'cancelled'; files: FileProgress[] };

const ANALYSIS_OPTIONS: AnalysisOptions = { toolVersion: TOOL_VERSION };

/**
 * A report of what has been read so far, without disturbing the running analysis: its state is
 * cloned into a fresh Analysis (the same merge the CLI uses across worker threads) and finished there.
 */
export function snapshotReport(analysis: Analysis, generatedAt?: string): Report {
  const level = analysis.options.detailLevel;
  const copy = new Analysis({ ...ANALYSIS_OPTIONS, ...(level ? { detailLevel: level } : {}) });
  copy.merge(structuredClone(analysis.state()));
  return copy.finish(generatedAt);
}

/**
 * What a run adds to the fixed options: the labelled incidents (the app's "Incident labels");
 * `exact`: every span's details examined whatever the size (the CLI's --exact);
 * `detailThresholdBytes`: another detail-sampling threshold (tests).
 */
export type RunOptions = Pick<AnalysisOptions, 'incidents'> & { exact?: boolean; detailThresholdBytes?: number };

/** Heads read at once to find the run's detail level. */
const HEAD_CONCURRENCY = 16;

/**
 * The run's detail level (analyzers/analysis/detail.ts), set as the CLI sets it: past the threshold
 * of all the picked files' bytes, from the bytes of those whose heads may hold spans (a compressed
 * file or an archive counts whole). A stream, whose bytes cannot be looked at before the run reads
 * them, counts nothing, as a pipe does for the CLI.
 */
export async function runDetailLevel(items: readonly AnalyzeItem[], threshold = DETAIL_THRESHOLD_BYTES): Promise<number> {
  if (items.reduce((a, it) => a + it.sizeBytes, 0) <= threshold) return 0;
  const sized = items.filter((it) => it.source instanceof Blob && it.sizeBytes > 0);
  let bytes = 0;
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < sized.length) {
      const it = sized[next++]!;
      const blob = it.source as Blob;
      let head: Uint8Array;
      try {
        head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
      } catch {
        continue; // unreadable now: the run reports it when it reads the file
      }
      if (head.length > 0 && headMayHoldSpans(head, head.length >= blob.size)) bytes += it.sizeBytes;
    }
  };
  await Promise.all(Array.from({ length: Math.min(HEAD_CONCURRENCY, sized.length) }, work));
  return detailLevelFor(bytes, threshold);
}

export async function runAnalysis(items: AnalyzeItem[], hooks: RunHooks, options: RunOptions = {}): Promise<RunOutcome> {
  const t0 = hooks.now();
  // Only the final report replays the incidents: snapshots stay cheap, and a ranking on part of
  // the data would be provisional anyway.
  // Detail sampling of large trace inputs, as the CLI does (its --exact: options.exact).
  const detailLevel = options.exact ? 0 : await runDetailLevel(items, options.detailThresholdBytes);
  const analysis = new Analysis({
    ...ANALYSIS_OPTIONS,
    ...(options.incidents && options.incidents.length > 0 ? { incidents: options.incidents } : {}),
    ...(detailLevel > 0 ? { detailLevel } : {}),
  });
  const files: FileProgress[] = items.map((it) => ({ id: it.id, status: 'queued', bytesRead: 0, sizeBytes: it.sizeBytes, records: 0, rejected: 0, errorCount: 0, errors: [] }));
  let lastProgress = -Infinity;
  let nextPartial = t0 + hooks.partialEveryMs;
  let lastYield = t0;
  const dirty = new Set<number>(files.map((_, i) => i));
  let current = -1;
  // The other paths of each file, on every report of the run (snapshots too, as the final one).
  const aliases = itemAliases(items);

  const tick = async (force = false) => {
    const now = hooks.now();
    // Stream reads can resolve as microtasks for a long time; yield to the task queue now and
    // then so the worker sees a 'cancel' message promptly.
    if (now - lastYield >= YIELD_EVERY_MS) {
      lastYield = now;
      await hooks.yieldToEvents();
    }
    if (force || now - lastProgress >= hooks.progressEveryMs) {
      lastProgress = now;
      // Only files that changed since the last message: a folder of thousands of files would
      // otherwise clone every entry several times a second.
      hooks.onProgress(
        [...dirty].sort((a, b) => a - b).map((i) => ({ ...files[i]!, errors: files[i]!.errors.slice() })),
        now - t0,
      );
      dirty.clear();
      if (current >= 0) dirty.add(current);
    }
    if (!force && now >= nextPartial) {
      const report = snapshotReport(analysis, hooks.generatedAt);
      report.inputs = withInputAliases(report.inputs, aliases);
      const cost = hooks.now() - now;
      hooks.onPartial(report, cost);
      // A snapshot costs time proportional to the profile size: keep it under ~10% of the run.
      nextPartial = hooks.now() + Math.max(hooks.partialEveryMs, cost * 10);
    }
  };

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const fp = files[i]!;
    if (hooks.isCancelled()) break;
    fp.status = 'reading';
    current = i;
    dirty.add(i);
    fp.startedMs = hooks.now() - t0;
    await tick(true);
    await feedItem(analysis, item, fp, tick, hooks);
    const cancelled = hooks.isCancelled();
    fp.status = cancelled ? 'cancelled' : fp.format === 'unknown' || (fp.records === 0 && fp.errorCount > 0) ? 'failed' : 'done';
    fp.endedMs = hooks.now() - t0;
    dirty.add(i);
    if (cancelled) break;
  }
  if (hooks.isCancelled()) {
    for (const f of files) if (f.status === 'queued' || f.status === 'reading') f.status = 'cancelled';
    return { kind: 'cancelled', files };
  }
  const report = analysis.finish(hooks.generatedAt);
  report.inputs = withInputAliases(report.inputs, aliases);
  // Inputs in the report are sorted by path; copy the final counts back by position of path.
  for (let i = 0; i < items.length; i++) {
    syncFromReport(files[i]!, report, items[i]!.path);
    dirty.add(i);
  }
  current = -1;
  await tick(true);
  return { kind: 'done', report, files };
}

/** The other paths of each item's file, as the CLI's path expansion gives them. */
function itemAliases(items: AnalyzeItem[]): InputAlias[] {
  return items.flatMap((it) => (it.aliases ?? []).map((path) => ({ path, sameAs: it.path })));
}

function syncFromReport(fp: FileProgress, report: Report, path: string): void {
  // The file's own row, and for an archive the rows of its members.
  const rows = report.inputs.filter((x) => x.path === path || x.archive === path);
  if (rows.length === 0) return;
  const members = rows.filter((x) => x.archive === path);
  fp.records = rows.reduce((a, x) => a + x.records, 0);
  fp.rejected = rows.reduce((a, x) => a + x.rejected, 0);
  fp.errorCount = rows.reduce((a, x) => a + x.errorCount, 0);
  fp.errors = rows.flatMap((x) => x.errors.map((e) => (x.archive === path ? { ...e, message: `${x.path.slice(path.length + 1)}: ${e.message}` } : e))).slice(0, 20);
  fp.format = members.length > 0 ? archiveFormat(members, fp.archive ?? 'tar') : rows[0]!.format;
  const readAs = members.length > 0 ? undefined : rows[0]!.detection?.readAs;
  if (readAs !== undefined) fp.readAs = readAs;
  else delete fp.readAs;
  const signals = [...new Set(rows.map((x) => x.signal).filter((x) => x !== 'none'))];
  fp.signal = signals.length === 0 ? 'none' : signals.length === 1 ? signals[0]! : 'mixed';
}

/** "tar: 3 files (jsonl-logs, prometheus)": what an archive held. */
function archiveFormat(members: { format: string }[], kind: string): string {
  const formats = [...new Set(members.map((m) => m.format).filter((f) => f !== 'unknown'))];
  return `${kind}: ${members.length} ${members.length === 1 ? 'file' : 'files'}${formats.length ? ` (${formats.slice(0, 3).join(', ')}${formats.length > 3 ? ', …' : ''})` : ''}`;
}

async function feedItem(analysis: Analysis, item: AnalyzeItem, fp: FileProgress, tick: Tick, hooks: RunHooks): Promise<void> {
  const stream = item.source instanceof Blob ? item.source.stream() : item.source;
  const reader = stream.getReader();
  let first: ReadableStreamReadResult<Uint8Array>;
  try {
    first = await reader.read();
  } catch (e) {
    const s = new InputSource(analysis, item.path, { totalBytes: item.sizeBytes });
    s.fail('read-failed', `cannot read: ${(e as Error).message}`, 0);
    s.end();
    copyProgress(fp, s);
    return;
  }
  const gzip = !first.done && isGzip(first.value);
  // A zip's symbolic links are marked only in its central directory, at the end: a picked file can be read there.
  const blob = item.source instanceof Blob ? item.source : undefined;
  const zipLinks = blob && !first.done && isZipHead(first.value) ? await readZipLinkNames(blob.size, async (at, n) => new Uint8Array(await blob.slice(at, at + n).arrayBuffer())) : undefined;
  const session = new InputSource(analysis, item.path, { totalBytes: item.sizeBytes, ...(gzip ? { container: 'gzip' as const } : {}), ...(zipLinks?.size ? { zipLinks } : {}) });
  // A file read to its end (a picked or dropped file has a size); a stream of unknown end stops.
  const finite = item.source instanceof Blob || item.sizeBytes > 0;
  try {
    if (!gzip) {
      let next = first;
      // Content that can be read no further (a binary file, a decompression limit) is read to its
      // end only to be fingerprinted and sized, as the CLI does; a stream of unknown end stops.
      while (!next.done) {
        if (session.accepting) session.push(next.value);
        else session.drain(next.value);
        fp.bytesRead += next.value.length;
        copyProgress(fp, session);
        await tick();
        if ((!session.accepting && !finite) || hooks.isCancelled()) break;
        next = await reader.read();
      }
    } else {
      await feedGzip(session, first.value!, reader, fp, tick, hooks, finite);
    }
  } catch (e) {
    session.fail('read-failed', `cannot read: ${(e as Error).message}`, fp.bytesRead);
  } finally {
    reader.cancel().catch(() => undefined);
  }
  session.end();
  copyProgress(fp, session);
}

async function feedGzip(session: InputSource, first: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>, fp: FileProgress, tick: Tick, hooks: RunHooks, finite: boolean): Promise<void> {
  // Raw bytes are hashed and counted as they are read from the file; inflated bytes go to the decoder.
  const take = (chunk: Uint8Array): void => {
    session.hashRaw(chunk);
    fp.bytesRead += chunk.length;
  };
  take(first);
  /** The read a pull has in flight: settled before the rest of the file is read directly. */
  let inflight: Promise<unknown> = Promise.resolve();
  const raw = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
    },
    pull(controller) {
      const read = reader.read().then(({ value, done }) => {
        if (done) return controller.close();
        take(value);
        try {
          controller.enqueue(value);
        } catch {
          /* the inflating side was cancelled: the bytes are hashed all the same */
        }
      });
      inflight = read.catch(() => undefined);
      return read;
    },
  });
  const inflatedReader = raw.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  let inflated = 0;
  let complete = false;
  try {
    for (;;) {
      const { value, done } = await inflatedReader.read();
      if (done) {
        complete = true;
        break;
      }
      inflated += value.length;
      if (overInflateLimit(inflated, fp.bytesRead)) {
        session.fail('decompress-limit', inflateLimitMessage(inflated, fp.bytesRead), inflated);
        break;
      }
      session.push(value, false);
      copyProgress(fp, session);
      await tick();
      if (!session.accepting || hooks.isCancelled()) break;
    }
  } catch (e) {
    session.fail('decompress-failed', `not a valid gzip stream: ${(e as Error).message}`, inflated);
  } finally {
    inflatedReader.cancel().catch(() => undefined);
  }
  // The fingerprint is of the whole file, also when inflating stopped (damage, a limit, content
  // that cannot be read), as the CLI gives it.
  if (complete || !finite || hooks.isCancelled()) return;
  await inflight;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    take(value);
    await tick();
    if (hooks.isCancelled()) break;
  }
}

function copyProgress(fp: FileProgress, source: InputSource): void {
  const t = source.totals();
  fp.records = t.records;
  fp.rejected = t.rejected;
  fp.errorCount = t.errorCount;
  const sessions = source.sessions;
  if (source.isArchive) {
    fp.archive = t.format === 'zip' ? 'zip' : 'tar';
    fp.format = `${fp.archive}: ${t.inputs} ${t.inputs === 1 ? 'file' : 'files'} so far`;
    return;
  }
  const only = sessions[0];
  if (!only) return;
  if (fp.errors.length !== Math.min(only.report.errors.length, 20)) fp.errors = only.report.errors.slice(0, 20);
  const format = t.format ?? only.report.format;
  // The signal of the format found (what the file held is known at its end: syncFromReport)
  if (format !== fp.format) {
    const spec = FORMATS.find((f) => f.id === format);
    if (spec) fp.signal = spec.signal;
  }
  fp.format = format;
  // (known when the file's reading ended)
  const readAs = only.report.detection.readAs;
  if (readAs !== undefined) fp.readAs = readAs;
}
