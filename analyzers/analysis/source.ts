// One file as the user gave it, before we know what it holds: a single export (one input
// session) or a tar or zip archive whose files are each an input of their own. Both adapters (the
// Node CLI and the app's worker) feed a file's bytes here, inflated when the file is a .gz.
import { Gunzip } from 'fflate';
import type { ImportErrorCode } from '../importers/types.js';
import type { InputReport } from '../report/model.js';
import type { Analysis, InputSession } from './analysis.js';
import type { Hasher } from './hasher.js';
import { createSha256 } from './hasher.js';
import { inflateLimitMessage, overInflateLimit } from './inflate-limits.js';
import { TarReader, isTarHeader, type TarEntry, type TarMember } from './tar.js';
import { ZipReader, isZipHead, type ZipMember } from './zip.js';
import { FramedZstd, ZstdStream, isFramedZstdHead, isZstdHead } from './zstd.js';

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
/** Compressed bytes given to the inflater at a time (deflate inflates at most ~1032:1). */
const GUNZIP_SLICE = 16 * 1024;

/**
 * The bytes of one file. Until its first 512 bytes are known it is undecided; then it is either
 * one input session (everything is passed through, in order) or an archive.
 */
export class InputSource {
  private single: InputSession | undefined;
  private archive: Archive | undefined;
  /** A zstd file: its inflated content is a source of its own (one input, or an archive). */
  private zstd: { inflater: ZstdStream | FramedZstd; inner: InputSource } | undefined;
  /** Before the decision: pushes (with their hash flag) and raw-hash chunks, in order. */
  private pending: { bytes: Uint8Array; hash: boolean }[] = [];
  private pendingRaw: Uint8Array[] = [];
  private pendingBytes = 0;
  private ended = false;

  constructor(
    private readonly analysis: Analysis,
    readonly display: string,
    private readonly opts: { totalBytes?: number; container?: Container } = {},
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

  /** A failure of reading the file (not of its content): read, decompression, limits. */
  fail(code: ImportErrorCode, message: string, offset?: number): void {
    if (!this.decided) this.decide();
    if (this.single) this.single.fail(code, message, offset);
    else if (this.zstd) this.zstd.inner.fail(code, message, offset);
    else this.archive!.fail(code, message, offset);
  }

  private get decided(): boolean {
    return this.single !== undefined || this.archive !== undefined || this.zstd !== undefined;
  }

  get accepting(): boolean {
    if (this.ended) return false;
    if (this.zstd) return this.zstd.inner.accepting && !this.zstd.inflater.done;
    return this.single ? this.single.accepting : true;
  }

  /** The sessions this file opened so far. */
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
    let records = 0;
    let rejected = 0;
    let errorCount = 0;
    for (const s of this.sessions) {
      const p = s.progress();
      records += p.records;
      rejected += p.rejected;
      errorCount += s.report.errorCount;
    }
    if (this.zstd) return this.zstd.inner.totals();
    const format = this.archive ? this.archive.kind : this.single ? (this.single.progress().format ?? this.single.report.format) : undefined;
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
    if (isTarHeader(head)) this.archive = new Archive(this.analysis, this.display, this.opts, 'tar');
    else if (isZipHead(head)) this.archive = new Archive(this.analysis, this.display, this.opts, 'zip');
    else if (isZstdHead(head) || isFramedZstdHead(head)) {
      const inner = new InputSource(this.analysis, this.display, { ...this.opts, container: 'zstd' });
      const sink = {
        data: (b: Uint8Array) => inner.push(b, false),
        fail: (code: ImportErrorCode, message: string, offset: number) => inner.fail(code, message, offset),
        get accepting() {
          return inner.accepting;
        },
      };
      this.zstd = { inflater: isZstdHead(head) ? new ZstdStream(sink) : new FramedZstd(sink), inner };
    } else this.single = this.analysis.openInput(this.display, this.opts);
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
  readonly sessions: InputSession[] = [];
  private readonly reader: TarReader | ZipReader;
  /** Of the whole archive as stored, for the row that reports damage to the archive itself. */
  private readonly hasher: Hasher;
  private archiveBytes = 0;
  private readonly damage: { code: ImportErrorCode; message: string; offset?: number }[] = [];

  constructor(
    private readonly analysis: Analysis,
    private readonly display: string,
    private readonly opts: { totalBytes?: number; container?: Container },
    readonly kind: ArchiveKind,
  ) {
    this.hasher = (analysis.options.createHasher ?? createSha256)();
    const damage = (kind: 'bad-header' | 'truncated' | 'unsupported', message: string, offset: number): void =>
      this.fail(kind === 'truncated' ? 'truncated' : kind === 'unsupported' ? 'unsupported' : 'invalid-record', message, offset);
    const file = (entry: TarEntry): ArchiveMember | undefined => this.open(entry);
    this.reader = kind === 'tar' ? new TarReader({ file, damage }) : new ZipReader({ file, damage });
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

  private moreDamage = 0;

  end(): void {
    this.reader.end();
    for (const s of this.sessions) s.end();
    if (this.sessions.length === 0 && this.damage.length === 0) {
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
    this.sessions.push(row);
  }

  private open(entry: TarEntry): ArchiveMember | undefined {
    if (hiddenMember(entry.name)) return undefined;
    return new ArchiveMember(this.analysis, this.display, `${this.display}/${printableName(entry.name)}`, entry.size >= 0 ? entry.size : undefined, this.sessions);
  }
}

/** A name stored in an archive, with control characters (a newline in a name would break a table row) written as escapes. */
function printableName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One member: plain content into its session, or a .gz member inflated on the way. */
class ArchiveMember implements TarMember, ZipMember {
  private session: InputSession | undefined;
  private gunzip: Gunzip | undefined;
  private head: Uint8Array | undefined;
  private raw = 0;
  private inflated = 0;
  /** Bytes of the member received (compressed ones for a .gz member). */
  private got = 0;
  private stopped = false;
  private done = false;

  constructor(
    private readonly analysis: Analysis,
    private readonly archive: string,
    private readonly path: string,
    /** Unknown for a zip written without sizes in its local headers. */
    private readonly size: number | undefined,
    private readonly sessions: InputSession[],
  ) {}

  push(bytes: Uint8Array): void {
    if (!this.session) {
      // Two bytes decide gzip or not.
      const b = this.head ? concat2(this.head, bytes) : bytes;
      if (b.length < 2 && (this.size === undefined || b.length < this.size)) {
        this.head = b.slice();
        return;
      }
      this.head = undefined;
      this.openSession(b);
      bytes = b;
    }
    this.feed(bytes);
  }

  /** Ended by a tar with the count of bytes it lacked, by a zip with whether it was cut short. */
  end(missing: number | boolean): void {
    if (!this.session) this.openSession(this.head ?? new Uint8Array(0));
    if (this.head) {
      const h = this.head;
      this.head = undefined;
      this.feed(h);
    }
    const s = this.session!;
    if (this.done) return; // already ended by fail()
    this.done = true;
    const cut = missing === true || (typeof missing === 'number' && missing > 0);
    if (this.gunzip && !this.stopped && !cut) {
      try {
        this.gunzip.push(new Uint8Array(0), true);
      } catch (e) {
        s.fail('decompress-failed', `not a valid gzip stream: ${(e as Error).message}`, this.inflated);
      }
    }
    // At the content offset where the bytes stop (inflated ones for a .gz member).
    const at = this.gunzip ? this.inflated : this.got;
    if (typeof missing === 'number' && missing > 0) s.fail('truncated', `the archive ends inside this file: ${missing} of its ${this.size} bytes are missing; what was there was read`, at);
    else if (missing === true) s.fail('truncated', 'the archive ends inside this file; what was there was read', at);
    s.end();
  }

  fail(code: 'unsupported' | 'decompress-failed' | 'decompress-limit', message: string): void {
    if (!this.session) this.openSession(this.head ?? new Uint8Array(0));
    const s = this.session!;
    if (this.done) return;
    this.done = true;
    if (this.head) {
      const h = this.head;
      this.head = undefined;
      this.feed(h);
    }
    s.fail(code, message, this.gunzip ? this.inflated : this.got);
    s.end();
  }

  private openSession(first: Uint8Array): void {
    const gzip = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
    this.session = this.analysis.openInput(this.path, { ...(this.size !== undefined ? { totalBytes: this.size } : {}), ...(gzip ? { container: 'gzip' as const } : {}) });
    this.session.report.archive = this.archive;
    this.sessions.push(this.session);
    if (gzip) {
      const s = this.session;
      this.gunzip = new Gunzip((data) => {
        if (this.stopped) return;
        this.inflated += data.length;
        if (overInflateLimit(this.inflated, this.raw)) {
          this.stopped = true;
          s.fail('decompress-limit', inflateLimitMessage(this.inflated - data.length, this.raw), this.inflated - data.length);
          return;
        }
        s.push(data, false);
      });
    }
  }

  private feed(bytes: Uint8Array): void {
    const s = this.session!;
    this.got += bytes.length;
    if (!this.gunzip) {
      s.push(bytes);
      return;
    }
    s.hashRaw(bytes);
    // In small slices: one push inflates all it is given at once, and a slice of a bomb can
    // inflate a thousandfold; this bounds the memory one push takes before the limits look.
    for (let at = 0; at < bytes.length && !this.stopped && s.accepting; at += GUNZIP_SLICE) {
      const slice = bytes.subarray(at, at + GUNZIP_SLICE);
      this.raw += slice.length;
      try {
        this.gunzip.push(slice);
      } catch (e) {
        this.stopped = true;
        s.fail('decompress-failed', `not a valid gzip stream: ${(e as Error).message}`, this.inflated);
      }
    }
  }
}

function concat2(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
