// One file as the user gave it, before we know what it holds: a single export (one input
// session) or a tar or zip archive whose files are each an input of their own. Both adapters (the
// Node CLI and the app's worker) feed a file's bytes here, inflated when the file is a .gz.
import type { ImportErrorCode } from '../importers/types.js';
import type { InputReport } from '../report/model.js';
import type { Analysis, InputSession } from './analysis.js';
import type { Hasher } from './hasher.js';
import { createSha256 } from './hasher.js';
import { TarReader, isTarHeader, type TarEntry, type TarMember } from './tar.js';
import { ZipReader, isZipHead, type ZipMember } from './zip.js';
import { FramedZstd, ZstdStream, isFramedZstdHead, isZstdHead } from './zstd.js';
import { GzipStream, isGzipHead } from './gzip.js';
import type { InflateSink } from './inflate-limits.js';

export type Container = 'gzip' | 'zstd';

export interface SourceTotals {
  records: number;
  rejected: number;
  errorCount: number;
  /** Inputs this file gave: 1, or the members of an archive read so far. */
  inputs: number;
  /** The format of a single input, or `tar` / `zip` for an archive. */
  format?: string;
}

/** Content bytes that decide: a tar header is one 512-byte block. */
const DECIDE_BYTES = 512;

export interface SourceOptions {
  totalBytes?: number;
  container?: Container;
  /** A file inside an archive (the archive's path): its inputs say so; gzip is inflated here; archives in it are not opened. */
  inArchive?: string;
  /** gzip is inflated here (a pipe, which the adapter reads once and does not inflate itself). */
  gzipInCore?: boolean;
  /** A zip file's members that its central directory marks as symbolic links (see ZipReader): passed over, not read. */
  zipLinks?: ReadonlySet<string>;
}

/**
 * The bytes of one file. Until its first 512 bytes are known it is undecided; then it is either
 * one input session (everything is passed through, in order) or an archive.
 */
export class InputSource {
  private single: InputSession | undefined;
  private archive: Archive | undefined;
  /** A compressed file (zstd; gzip too inside an archive): its inflated content is a source of its own (one input, or an archive). */
  private zstd: { inflater: ZstdStream | FramedZstd | GzipStream; inner: InputSource } | undefined;
  /** Before the decision: pushes (with their hash flag) and raw-hash chunks, in order. */
  private pending: { bytes: Uint8Array; hash: boolean }[] = [];
  private pendingRaw: Uint8Array[] = [];
  private pendingBytes = 0;
  private ended = false;

  constructor(
    private readonly analysis: Analysis,
    readonly display: string,
    private readonly opts: SourceOptions = {},
  ) {}

  /** Bytes as stored on disk (before decompression) for the fingerprint. */
  hashRaw(chunk: Uint8Array): void {
    if (this.single) this.single.hashRaw(chunk);
    else if (this.archive) this.archive.hashRaw(chunk);
    else if (this.zstd) this.zstd.inner.hashRaw(chunk);
    else this.pendingRaw.push(chunk.slice());
  }

  /** Content bytes (inflated). `alsoHash` false when the raw bytes are hashed with `hashRaw`. */
  push(chunk: Uint8Array, alsoHash = true): void {
    if (this.ended) return;
    if (this.single) return this.single.push(chunk, alsoHash);
    if (this.archive) return this.archive.push(chunk, alsoHash);
    if (this.zstd) {
      if (alsoHash) this.zstd.inner.hashRaw(chunk);
      return this.zstd.inflater.push(chunk);
    }
    this.pending.push({ bytes: chunk.slice(), hash: alsoHash });
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= DECIDE_BYTES) this.decide();
  }

  /**
   * The file's bytes after it stopped `accepting` (unreadable content, a decompression limit):
   * fingerprinted (and, in a plain file, counted) without being decoded, so a reader that knows
   * the file ends can give the whole file's sha256 and size.
   */
  drain(chunk: Uint8Array): void {
    if (this.ended) return;
    if (this.single && !this.opts.container) this.single.drain(chunk);
    else this.hashRaw(chunk);
  }

  /** A failure of reading the file (not of its content): read, decompression, limits. */
  fail(code: ImportErrorCode, message: string, offset?: number): void {
    if (!this.decided) this.decide();
    if (this.single) this.single.fail(code, message, offset);
    else if (this.zstd) {
      // The bytes stop here (an archive cut inside this file): the inflater has nothing more to
      // say. Offsets in a compressed input's errors count its inflated content.
      if (code === 'truncated') this.zstd.inflater.cut();
      this.zstd.inner.fail(code, message, this.zstd.inflater.inflatedBytes);
    } else this.archive!.fail(code, message, offset);
  }

  private get decided(): boolean {
    return this.single !== undefined || this.archive !== undefined || this.zstd !== undefined;
  }

  get accepting(): boolean {
    if (this.ended) return false;
    if (this.zstd) return this.zstd.inner.accepting && !this.zstd.inflater.done;
    return this.single ? this.single.accepting : true;
  }

  /**
   * The sessions this file opened so far; for an archive, only those of files still being read
   * (and its own row): an ended file's session is let go, its counts are in `totals`.
   */
  get sessions(): readonly InputSession[] {
    if (this.zstd) return this.zstd.inner.sessions;
    return this.single ? [this.single] : this.archive ? this.archive.sessions : [];
  }

  /** The report of a file that is one input (not an archive, which has one per member: see `sessions`). */
  get report(): InputReport {
    if (this.zstd) return this.zstd.inner.report;
    if (!this.single) throw new Error(this.archive ? `${this.display} is an archive: its inputs are in sessions` : `${this.display}: nothing read yet`);
    return this.single.report;
  }

  get isArchive(): boolean {
    return this.archive !== undefined || (this.zstd?.inner.isArchive ?? false);
  }

  totals(): SourceTotals {
    if (this.zstd) return this.zstd.inner.totals();
    if (this.archive) return this.archive.totals();
    let records = 0;
    let rejected = 0;
    let errorCount = 0;
    for (const s of this.sessions) {
      const p = s.progress();
      records += p.records;
      rejected += p.rejected;
      errorCount += s.report.errorCount;
    }
    const format = this.single ? (this.single.progress().format ?? this.single.report.format) : undefined;
    return { records, rejected, errorCount, inputs: this.sessions.length, ...(format !== undefined ? { format } : {}) };
  }

  end(): void {
    if (this.ended) return;
    if (!this.decided) this.decide();
    this.ended = true;
    this.single?.end();
    this.archive?.end();
    if (this.zstd) {
      this.zstd.inflater.end();
      this.zstd.inner.end();
    }
  }

  private decide(): void {
    const head = new Uint8Array(Math.min(this.pendingBytes, DECIDE_BYTES));
    let o = 0;
    for (const p of this.pending) {
      if (o >= head.length) break;
      const n = Math.min(p.bytes.length, head.length - o);
      head.set(p.bytes.subarray(0, n), o);
      o += n;
    }
    const nested = this.opts.inArchive !== undefined;
    if (!nested && isTarHeader(head)) this.archive = new Archive(this.analysis, this.display, this.opts, 'tar');
    else if (!nested && isZipHead(head)) this.archive = new Archive(this.analysis, this.display, this.opts, 'zip');
    // One compression layer a file: compressed data inside compressed data is named, not opened
    // (a crafted nesting of thousands of layers would otherwise recurse as deep).
    else if (this.opts.container === undefined && (isZstdHead(head) || isFramedZstdHead(head) || ((nested || this.opts.gzipInCore === true) && isGzipHead(head)))) {
      const gzip = isGzipHead(head);
      const inner = new InputSource(this.analysis, this.display, { ...this.opts, container: gzip ? 'gzip' : 'zstd' });
      const sink: InflateSink = {
        data: (b) => inner.push(b, false),
        fail: (code, message, offset) => inner.fail(code, message, offset),
        get accepting() {
          return inner.accepting;
        },
      };
      this.zstd = { inflater: gzip ? new GzipStream(sink) : isZstdHead(head) ? new ZstdStream(sink) : new FramedZstd(sink), inner };
    } else {
      this.single = this.analysis.openInput(this.display, this.opts);
      if (nested) this.single.report.archive = this.opts.inArchive;
    }
    const raw = this.pendingRaw;
    const pending = this.pending;
    this.pendingRaw = [];
    this.pending = [];
    for (const r of raw) this.hashRaw(r);
    for (const p of pending) this.push(p.bytes, p.hash);
  }
}

/** Whether a member's path has a hidden part (`.git/…`, macOS `._x` resource forks): skipped, as in a folder walk. */
function hiddenMember(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..');
}

type ArchiveKind = 'tar' | 'zip';

/** Problems of an archive itself (not of the files in it) listed on its row; more are counted. */
const MAX_ARCHIVE_NOTES = 100;

/** A tar or zip archive being read: each regular file in it becomes an input named `archive/path`. */
class Archive {
  /** The files being read (usually one). An ended one is let go: an archive of 100,000 files keeps their report rows only. */
  private readonly members = new Set<InputSource>();
  /** Files met (not hidden), and the counts of those ended. */
  private memberCount = 0;
  /** Input names given so far, and how often a stored name came again (a zip may hold two entries of one name). */
  private readonly names = new Map<string, number>();
  private readonly endedTotals = { records: 0, rejected: 0, errorCount: 0, inputs: 0 };
  /** The row for the archive itself, when it has damage to report or no file. */
  private row: InputSession | undefined;
  private readonly reader: TarReader | ZipReader;
  /** Of the whole archive as stored, for the row that reports damage to the archive itself. */
  private readonly hasher: Hasher;
  private archiveBytes = 0;
  private readonly damage: { code: ImportErrorCode; message: string; offset?: number }[] = [];
  private moreDamage = 0;

  constructor(
    private readonly analysis: Analysis,
    private readonly display: string,
    private readonly opts: SourceOptions,
    readonly kind: ArchiveKind,
  ) {
    this.hasher = (analysis.options.createHasher ?? createSha256)();
    const damage = (kind: 'bad-header' | 'truncated' | 'unsupported' | 'limit', message: string, offset: number): void =>
      this.fail(kind === 'truncated' ? 'truncated' : kind === 'unsupported' ? 'unsupported' : kind === 'limit' ? 'decompress-limit' : 'invalid-record', message, offset);
    const file = (entry: TarEntry): ArchiveMember | undefined => this.open(entry);
    this.reader = kind === 'tar' ? new TarReader({ file, damage }) : new ZipReader({ file, damage }, opts.zipLinks);
  }

  /** The inputs of the files read so far, and the archive's own row once there is one. */
  get sessions(): InputSession[] {
    const out = [...this.members].flatMap((m) => m.sessions);
    if (this.row) out.push(this.row);
    return out;
  }

  totals(): SourceTotals {
    const t = { ...this.endedTotals };
    for (const m of this.members) {
      const mt = m.totals();
      t.records += mt.records;
      t.rejected += mt.rejected;
      t.errorCount += mt.errorCount;
      t.inputs += mt.inputs;
    }
    if (this.row) {
      const p = this.row.progress();
      t.records += p.records;
      t.rejected += p.rejected;
      t.errorCount += this.row.report.errorCount;
      t.inputs++;
    }
    return { ...t, format: this.kind };
  }

  /** A file of the archive ended: its counts are kept, the file let go. */
  private memberEnded(source: InputSource): void {
    if (!this.members.delete(source)) return;
    const t = source.totals();
    this.endedTotals.records += t.records;
    this.endedTotals.rejected += t.rejected;
    this.endedTotals.errorCount += t.errorCount;
    this.endedTotals.inputs += t.inputs;
  }

  hashRaw(chunk: Uint8Array): void {
    this.hasher.update(chunk);
  }

  push(chunk: Uint8Array, alsoHash: boolean): void {
    if (alsoHash) this.hasher.update(chunk);
    this.archiveBytes += chunk.length;
    this.reader.push(chunk);
  }

  fail(code: ImportErrorCode, message: string, offset?: number): void {
    // Kept up to a cap (an archive of a million sparse files is a million notes), then counted.
    if (this.damage.length < MAX_ARCHIVE_NOTES) this.damage.push({ code, message, ...(offset !== undefined ? { offset } : {}) });
    else this.moreDamage++;
  }

  end(): void {
    this.reader.end();
    for (const m of [...this.members]) {
      m.end();
      this.memberEnded(m);
    }
    if (this.memberCount === 0 && this.damage.length === 0) {
      const hidden = this.reader.fileCount;
      this.damage.push({ code: 'empty-input', message: `the ${this.kind} archive holds no files${hidden ? ` but hidden ones (${hidden}, skipped as in a folder)` : ''}`, offset: 0 });
    }
    if (this.damage.length === 0) return;
    // Damage to the archive itself, or an archive with no file: a row of its own, fingerprinted
    // as the file on disk.
    const row = this.analysis.openInput(this.display, { ...this.opts, hasher: this.hasher });
    for (const d of this.damage) row.fail(d.code, d.message, d.offset);
    if (this.moreDamage > 0) {
      // As a decoder does: the note stands for the first of them; errorCount is the total.
      row.fail('too-many-errors', `more than ${MAX_ARCHIVE_NOTES} problems with the archive itself; ${this.moreDamage} further ones are only counted`);
      row.report.errorCount += this.moreDamage - 1;
    }
    row.markUnreadable();
    row.end();
    row.report.bytes = this.archiveBytes;
    this.row = row;
  }

  /** `name`, or `name (2)`, `name (3)`… when a file of the archive had that name already: each input row names one file. */
  private uniqueName(name: string): string {
    const seen = this.names.get(name);
    if (seen === undefined) {
      this.names.set(name, 1);
      return name;
    }
    for (let n = seen + 1; ; n++) {
      const next = `${name} (${n})`;
      if (!this.names.has(next)) {
        this.names.set(name, n);
        this.names.set(next, 1);
        return next;
      }
    }
  }

  private open(entry: TarEntry): ArchiveMember | undefined {
    if (hiddenMember(entry.name)) return undefined;
    const source = new InputSource(this.analysis, this.uniqueName(`${this.display}/${printableName(entry.name)}`), { ...(entry.size >= 0 ? { totalBytes: entry.size } : {}), inArchive: this.display });
    this.members.add(source);
    this.memberCount++;
    return new ArchiveMember(source, entry.size >= 0 ? entry.size : undefined, () => this.memberEnded(source));
  }
}

/** Longest stored name kept whole (a pax header may carry a megabyte of "path"). */
const MAX_NAME_CHARS = 1024;

/**
 * A name stored in an archive, as a path inside it: `.` and `..` steps and leading slashes resolved
 * the way an extracting tool keeps a member inside its folder (`../../etc/passwd` is
 * `etc/passwd`; nothing is ever written, the name only shows where the file was), control
 * characters (a newline in a name would break a table row) written as escapes, and cut with an
 * ellipsis past MAX_NAME_CHARS.
 */
export function printableName(stored: string): string {
  const parts: string[] = [];
  for (const p of stored.split(/[/\\]+/)) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  const name = parts.length > 0 ? parts.join('/') : stored;
  const cut = name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS)}…` : name;
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One file of an archive, as the tar or zip reader hands it over: its bytes go to its own source. */
class ArchiveMember implements TarMember, ZipMember {
  /** Bytes of the file received. */
  private got = 0;
  private done = false;

  constructor(
    private readonly source: InputSource,
    /** Unknown for a zip written without sizes in its local headers. */
    private readonly size: number | undefined,
    private readonly ended: () => void,
  ) {}

  push(bytes: Uint8Array): void {
    this.got += bytes.length;
    this.source.push(bytes);
  }

  /** Ended by a tar with the count of bytes it lacked, by a zip with whether it was cut short. */
  end(missing: number | boolean): void {
    if (this.done) return; // already ended by fail()
    this.done = true;
    if (typeof missing === 'number' && missing > 0) this.source.fail('truncated', `the archive ends inside this file: ${missing} of its ${this.size} bytes are missing; what was there was read`, this.got);
    else if (missing === true) this.source.fail('truncated', 'the archive ends inside this file; what was there was read', this.got);
    this.source.end();
    this.ended();
  }

  fail(code: 'unsupported' | 'decompress-failed' | 'decompress-limit', message: string): void {
    if (this.done) return;
    this.done = true;
    this.source.fail(code, message, this.got);
    this.source.end();
    this.ended();
  }
}
