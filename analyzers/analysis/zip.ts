// A push reader for zip archives, front to back through their local headers (fflate's streaming
// Unzip), with the same member interface as the tar reader: the Node adapter and the app's worker
// feed it a file's bytes and each file in the archive comes out as a stream of its own.
import { Unzip, UnzipInflate, type AsyncFlateStreamHandler, type UnzipDecoderConstructor, type UnzipFile } from 'fflate';
import type { TarEntry } from './tar.js';
import { MAX_INFLATED_BYTES, MAX_INFLATE_RATIO, MIN_BOMB_BYTES, inflateLimitMessage, overInflateLimit } from './inflate-limits.js';

/** An archive of many bombs stops as a whole past this much inflated at the bomb ratio. */
const ARCHIVE_BOMB_BYTES = 4 * MIN_BOMB_BYTES;

export interface ZipMember {
  push(bytes: Uint8Array): void;
  /** The archive ended (or broke) before this file's last byte. */
  end(truncated: boolean): void;
  /** The file cannot be read: a compression method or encryption we do not read (`unsupported`), or damaged data. */
  fail(code: 'unsupported' | 'decompress-failed' | 'decompress-limit', message: string): void;
}

export interface ZipHandler {
  file(entry: TarEntry): ZipMember | undefined;
  damage(kind: 'bad-header' | 'truncated' | 'limit' | 'unsupported', message: string, offset: number): void;
}

/** A local file header's signature: how a zip archive starts. */
export function isZipHead(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Bytes kept back for finding a file's local header (30 bytes, its name and extra field: 64 KB covers any usual one). */
const RECENT_BYTES = 64 * 1024;

/** Compressed bytes given to fflate at a time: a slice of deflate data inflates at most ~1032:1. */
const SLICE = 16 * 1024;

const METHODS: Record<number, string> = { 1: 'Shrink', 6: 'Implode', 9: 'Deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'xz', 98: 'PPMd', 99: 'AES encryption' };

/** A file being read: its member, and where its data started in the archive. */
interface OpenFile {
  member: ZipMember | undefined;
  name: string;
  /** Archive offset of its local header. */
  start: number;
  inflated: number;
  decoder: DiscardableInflate | undefined;
  /** The CRC-32 its local header states (none when sizes and CRC follow the data), and the one of what came out. */
  expectedCrc: number | undefined;
  crc: number;
  /** Its CRC-32 follows its data, in a data descriptor (a zip written to a pipe: Java's ZipOutputStream, macOS Archive Utility). */
  descriptor: boolean;
}

/**
 * The CRC-32 a data descriptor states, read backwards from `end` (where the next local header or
 * the central directory starts) in `bytes`: `PK\x07\x08`, CRC, sizes (32 or 64 bits), or the
 * same without its signature. Its uncompressed size must be `inflated` (mod 2^32), so other bytes
 * are not taken for one. Undefined when no descriptor is found.
 */
function descriptorCrc(bytes: Uint8Array, end: number, inflated: number): number | undefined {
  const u32 = (at: number): number | undefined => (at >= 0 && at + 4 <= end ? new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true) : undefined);
  const sig = (at: number): boolean => u32(at) === 0x08074b50;
  const size = inflated >>> 0;
  if (sig(end - 16) && u32(end - 4) === size) return u32(end - 12); // 32-bit sizes
  if (sig(end - 24) && u32(end - 8) === size && u32(end - 4) === Math.floor(inflated / 2 ** 32)) return u32(end - 20); // zip64
  if (end >= 12 && !sig(end - 16) && u32(end - 4) === size) return u32(end - 12); // no signature
  return undefined;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (zip's, IEEE 802.3) of `data` continuing `crc` (start with 0). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const UTF8 = new TextEncoder();

/**
 * The CRC-32 a file's local header states, and where the header ends in `recent`: the header is
 * the first one in `recent` (the bytes given to fflate since the last header found) with the
 * file's name after its signature. The CRC is undefined when the header says it follows the data
 * (general-purpose flag bit 3); the result undefined when no such header is there.
 */
function statedCrc(recent: Uint8Array, name: string): { crc: number | undefined; start: number; end: number; encrypted: boolean } | undefined {
  const nameBytes = UTF8.encode(name);
  for (let at = 0; at + 30 <= recent.length; at++) {
    if (recent[at] !== 0x50 || recent[at + 1] !== 0x4b || recent[at + 2] !== 0x03 || recent[at + 3] !== 0x04) continue;
    const view = new DataView(recent.buffer, recent.byteOffset + at, 30);
    const nameLength = view.getUint16(26, true);
    if (nameLength !== nameBytes.length || at + 30 + nameLength > recent.length) continue;
    let same = true;
    for (let i = 0; i < nameLength && same; i++) same = recent[at + 30 + i] === nameBytes[i];
    if (!same) continue;
    const flags = view.getUint16(6, true);
    return { crc: flags & 0x08 ? undefined : view.getUint32(14, true), start: at, end: at + 30 + nameLength, encrypted: (flags & 0x01) !== 0 };
  }
  return undefined;
}

/** fflate's deflate decoder for zip files, which can be told to drop the rest of a file (a bomb) while the reader goes on. */
interface DiscardableInflate {
  discard: boolean;
}

export class ZipReader {
  private readonly unzip = new Unzip();
  private open: OpenFile | undefined;
  private offset = 0;
  /** The end of the slice being pushed: what has reached fflate when a file's data comes out. */
  private pushedTo = 0;
  /** The deflate decoder fflate made last (in `file.start()`). */
  private lastDecoder: DiscardableInflate | undefined;
  private broken = false;
  private members = 0;
  private folders = 0;
  /** Bytes inflated out of the archive so far, against `offset` compressed bytes: the bomb limits of a .gz. */
  private inflated = 0;

  /** Files passed over as symbolic links (see the constructor's `links`), and the first one's name and header offset. */
  private links = 0;
  private firstLink: { name: string; at: number } | undefined;

  /**
   * `links`: names of the files the archive's central directory marks as symbolic links (Unix
   * mode S_IFLNK, as `zip -y` and macOS store them). A link's data is its target's path, not
   * content: read as a file it was a record of text (`/etc/passwd`). The central directory is at
   * the archive's end, so only a reader of the whole file (the Node adapter) can give them.
   */
  constructor(private readonly handler: ZipHandler, private readonly linkNames?: ReadonlySet<string>) {
    const reader = this;
    this.unzip.register(
      class implements DiscardableInflate {
        static compression = 8;
        discard = false;
        ondata: AsyncFlateStreamHandler = () => undefined;
        private readonly inner = new UnzipInflate();
        constructor() {
          this.inner.ondata = (err, data, final) => this.ondata(err, data, final);
          reader.lastDecoder = this;
        }
        push(chunk: Uint8Array, final: boolean): void {
          if (!this.discard) this.inner.push(chunk, final);
          else if (final) this.ondata(null, new Uint8Array(0), true);
        }
      },
    );
    // Other methods get a decoder that drops the data: the file is reported as unsupported and
    // the reader goes on to the next one (fflate stops at a method it has no decoder for).
    for (const d of DISCARDING) this.unzip.register(d);
    this.unzip.onfile = (file) => this.onFile(file);
  }

  /** Files met so far (skipped ones too). */
  get fileCount(): number {
    return this.members;
  }

  /** The last bytes given to fflate (at least RECENT_BYTES): where a file's local header is when fflate announces the file. */
  private recent: Uint8Array[] = [];
  private recentBytes = 0;
  /** Archive offset of recent[0]'s first byte, and where the search for the next local header starts. */
  private recentStart = 0;
  private searchFrom = 0;

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length && !this.broken; at += SLICE) {
      const slice = bytes.subarray(at, at + SLICE);
      this.recent.push(slice.slice());
      this.recentBytes += slice.length;
      while (this.recentBytes - this.recent[0]!.length >= RECENT_BYTES) {
        const dropped = this.recent.shift()!.length;
        this.recentBytes -= dropped;
        this.recentStart += dropped;
      }
      this.pushedTo = this.offset + slice.length;
      try {
        this.unzip.push(slice, false);
      } catch (e) {
        this.fail(e);
      }
      this.offset += slice.length;
    }
  }

  end(): void {
    if (this.firstLink) {
      const { name, at } = this.firstLink;
      this.handler.damage('unsupported', `${this.links === 1 ? `"${printable(name)}" is a symbolic link` : `${this.links} files are symbolic links (the first, "${printable(name)}")`}: no content of ${this.links === 1 ? 'its' : 'their'} own (the data a zip stores for a link is its target's path), not read; a link's target is read when it is a file in the archive`, at);
      this.firstLink = undefined;
    }
    if (!this.broken) {
      try {
        this.unzip.push(new Uint8Array(0), true);
      } catch {
        // fflate finds the end inside a file's data or a header: the archive was cut short. A
        // file being read says so itself, below.
        if (!this.open) this.handler.damage('truncated', 'the zip archive ends inside a file header', this.offset);
      }
      // Nothing at all came out: the first header itself is incomplete (fflate waits for the rest).
      if (this.members === 0 && this.folders === 0 && !this.open) this.handler.damage('truncated', 'the zip archive ends inside its first file header', this.offset);
    }
    if (this.awaiting) {
      // The last file's descriptor ends where the central directory starts.
      const bytes = this.recentFrom(this.searchFrom);
      let end: number | undefined;
      for (let at = 0; at + 4 <= bytes.length && end === undefined; at++) {
        if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x01 && bytes[at + 3] === 0x02 && descriptorCrc(bytes, at, this.awaiting.inflated) !== undefined) end = at;
      }
      this.settle(bytes, end);
    }
    if (this.open) {
      const { member, name } = this.open;
      this.open = undefined;
      if (member) member.end(true);
      else if (!this.broken) this.handler.damage('truncated', `the archive ends inside "${name}"`, this.offset);
    }
  }

  /** A file read to its end whose CRC-32 is in the data descriptor after it, not yet read. */
  private awaiting: { member: ZipMember; crc: number; inflated: number } | undefined;

  /** Checks the awaited file against its descriptor, which ends at `end` in `bytes` (unknown: no check), and ends it. */
  private settle(bytes: Uint8Array, end: number | undefined): void {
    const a = this.awaiting;
    if (!a) return;
    this.awaiting = undefined;
    const stated = end === undefined ? undefined : descriptorCrc(bytes, end, a.inflated);
    if (stated !== undefined && stated !== a.crc) {
      a.member.fail('decompress-failed', `its data does not match the CRC-32 its zip data descriptor states (${hex8(a.crc)}, ${hex8(stated)} stated): the file is damaged in the archive; what it held was read as it is`);
    } else a.member.end(false);
  }

  /** The bytes given to fflate from archive offset `from` on (at most RECENT_BYTES back). */
  private recentFrom(from: number, to = this.pushedTo): Uint8Array {
    from = Math.max(from, this.recentStart);
    to = Math.min(to, this.pushedTo);
    const out = new Uint8Array(Math.max(0, to - from));
    let at = this.recentStart;
    for (const r of this.recent) {
      if (at >= to) break;
      const skip = Math.max(0, from - at);
      if (skip < r.length) out.set(r.subarray(skip, Math.min(r.length, to - at)), at + skip - from);
      at += r.length;
    }
    return out;
  }

  private fail(e: unknown): void {
    this.broken = true;
    this.handler.damage('bad-header', `the zip data is damaged near byte ${this.offset} (${(e as Error).message}); the files after it are not read`, this.offset);
  }

  private onFile(file: UnzipFile): void {
    // fflate (0.8) puts each file's list of pending chunks in front of an array it never trims
    // (`k.unshift`), and only ever reads its first two: left alone, an archive of n files costs
    // n²/2 element moves (a million empty entries: hours) and holds n lists. The current file
    // and the one before are all it uses, so the rest is dropped here, once fflate has added this
    // file's list.
    const pending = (this.unzip as unknown as { k?: unknown }).k;
    if (Array.isArray(pending) && pending.length > 2) pending.length = 2;
    // The one before ends here if its data never said so (a zip written without sizes that broke off).
    if (this.open) {
      this.open.member?.end(true);
      this.open = undefined;
    }
    const name = file.name.replace(/^(\.\/)+/, '');
    const dir = name.endsWith('/');
    let member: ZipMember | undefined;
    if (dir) {
      this.folders++;
      // A folder has no content; bytes stored under a folder's name are passed over, and said so.
      const stored = Math.max(file.originalSize ?? 0, file.size ?? 0);
      if (stored > 0) this.handler.damage('unsupported', `"${printable(name)}" is a folder entry that holds ${stored} bytes of data: not read (a folder has no content); extract the archive to see what they are`, this.offset);
    } else if (this.linkNames?.has(file.name)) {
      // no content of its own: counted and said once at the end, as a tar's links are
      this.links++;
      this.firstLink ??= { name, at: this.offset };
    } else {
      this.members++;
      member = this.handler.file({ name, size: file.originalSize ?? -1, headerOffset: this.offset });
    }
    // (only the bytes since the last header found are searched: each byte once over the archive)
    // The header is usually right there: a small window is copied first, a larger one only when
    // it is not in it (a copy of everything pushed since, per file, made many small files slow).
    const from = Math.max(this.searchFrom, this.recentStart);
    let recent: Uint8Array;
    let header: ReturnType<typeof statedCrc>;
    for (let window = 1024; ; window *= 8) {
      recent = this.recentFrom(from, from + window);
      header = statedCrc(recent, file.name);
      if (header || from + window >= this.pushedTo) break;
    }
    if (header) this.searchFrom = from + header.end;
    // The file before, whose CRC-32 follows its data: its descriptor ends where this header starts.
    this.settle(recent, header?.start);
    const state: OpenFile = { member, name, start: this.pushedTo, inflated: 0, decoder: undefined, expectedCrc: member ? header?.crc : undefined, crc: 0, descriptor: member !== undefined && header !== undefined && header.crc === undefined };
    this.open = state;
    if (header?.encrypted && state.member) {
      state.member.fail('unsupported', 'encrypted (a password-protected zip), which is not read; extract the archive with its password and analyse the folder');
      state.member = undefined;
    } else if (file.compression !== 0 && file.compression !== 8) {
      const method = METHODS[file.compression] ?? `zip method ${file.compression}`;
      member?.fail('unsupported', `compressed with ${method}${METHODS[file.compression] ? ` (zip method ${file.compression})` : ''}, which is not read; extract the archive and analyse the folder`);
      state.member = undefined;
    }
    file.ondata = (err, data, final) => {
      if (err) {
        if (state.member) {
          state.member.fail('decompress-failed', `its compressed data in the zip is damaged (${err.message}), or encrypted; what came before the damage was read`);
        }
        state.member = undefined;
        if (this.open === state) this.open = undefined;
        return;
      }
      if (data && data.length > 0 && state.member) {
        this.inflated += data.length;
        state.inflated += data.length;
        // A bomb is stopped file by file: the rest of its data is dropped undecoded and the files
        // after it are read. Past the absolute limit, the archive stops.
        const compressed = this.pushedTo - state.start;
        const archiveOver = this.inflated > MAX_INFLATED_BYTES || (this.inflated > ARCHIVE_BOMB_BYTES && this.inflated / Math.max(this.pushedTo, 1) > MAX_INFLATE_RATIO);
        if (overInflateLimit(state.inflated, compressed) || archiveOver) {
          state.member.fail('decompress-limit', inflateLimitMessage(state.inflated - data.length, compressed));
          state.member = undefined;
          if (state.decoder) state.decoder.discard = true;
          if (archiveOver) {
            this.broken = true;
            this.handler.damage('limit', `the archive inflated to ${this.inflated} bytes from ${this.pushedTo} (a decompression bomb: ratio over ${MAX_INFLATE_RATIO}:1 past ${ARCHIVE_BOMB_BYTES} bytes, or over ${MAX_INFLATED_BYTES} bytes); the files after "${name}" are not read`, this.offset);
          }
          return;
        }
        if (state.expectedCrc !== undefined || state.descriptor) state.crc = crc32(data, state.crc);
        state.member.push(data);
      }
      if (final) {
        if (state.member && state.expectedCrc !== undefined && state.crc !== state.expectedCrc) {
          // its bytes were read as they came: what is wrong in them is not known, only that something is
          state.member.fail('decompress-failed', `its data does not match the CRC-32 its zip header states (${hex8(state.crc)}, ${hex8(state.expectedCrc)} stated): the file is damaged in the archive; what it held was read as it is`);
        } else if (state.member && state.descriptor) {
          // ended once its descriptor, after the data, has been read (at the next header or the central directory)
          this.awaiting = { member: state.member, crc: state.crc, inflated: state.inflated };
        } else state.member?.end(false);
        state.member = undefined;
        if (this.open === state) this.open = undefined;
      }
    };
    // Started even when skipped: fflate keeps an unstarted file's data in memory.
    this.lastDecoder = undefined;
    file.start();
    state.decoder = this.lastDecoder;
    // (an encrypted file's bytes are no deflate stream: passed over, not inflated)
    const decoder = state.decoder as DiscardableInflate | undefined;
    if (header?.encrypted && decoder) decoder.discard = true;
  }
}

/**
 * The names of the files a zip's central directory marks as symbolic links (made on Unix, mode
 * S_IFLNK in the external attributes' high 16 bits), decoded as fflate decodes a local header's
 * name (UTF-8 when flag bit 11 says so, else Latin-1). `cd` is a run of central directory
 * entries; returns where the first entry not wholly in it starts, so a caller reading the
 * directory in pieces goes on from there.
 */
export function zipLinkNames(cd: Uint8Array, into: Set<string>): number {
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  let at = 0;
  while (at + 46 <= cd.length && view.getUint32(at, true) === 0x02014b50) {
    const nameLength = view.getUint16(at + 28, true);
    const size = 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (at + size > cd.length) break;
    const madeOnUnix = cd[at + 5] === 3;
    const mode = view.getUint32(at + 38, true) >>> 16;
    if (madeOnUnix && (mode & 0o170000) === 0o120000) {
      const raw = cd.subarray(at + 46, at + 46 + nameLength);
      into.add(view.getUint16(at + 8, true) & 0x800 ? new TextDecoder().decode(raw) : String.fromCharCode(...raw));
    }
    at += size;
  }
  return at;
}

/** Central directory bytes read at a time when looking for a zip's symbolic links. */
const ZIP_CD_READ_BYTES = 1024 * 1024;
/** Names of links kept at most: past it, the other links are read as files, as before. */
const MAX_ZIP_LINKS = 100_000;

/**
 * The files a zip archive's central directory (at its end) marks as symbolic links, read with
 * `readAt` (a file on disk, a picked file in the app); empty when there is none or the directory
 * cannot be found (a damaged or cut archive is read front to back as before). Read in pieces: a
 * directory of 200,000 entries is never held whole.
 */
export async function readZipLinkNames(size: number, readAt: (position: number, length: number) => Promise<Uint8Array>): Promise<Set<string>> {
  const links = new Set<string>();
  const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
  const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
  const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 2 ** 32;
  try {
    // The end of central directory record: in the last 22 + 65,535 (its comment) bytes.
    const tailAt = Math.max(0, size - (22 + 0xffff));
    const tail = await readAt(tailAt, size - tailAt);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (u32(tail, i) === 0x06054b50 && i + 22 + u16(tail, i + 20) <= tail.length) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) return links;
    let cdSize = u32(tail, eocd + 12);
    let cdAt = u32(tail, eocd + 16);
    if (cdAt === 0xffffffff || cdSize === 0xffffffff) {
      // zip64: its locator, 20 bytes before, points at the zip64 end record
      const loc = eocd - 20;
      if (loc < 0 || u32(tail, loc) !== 0x07064b50) return links;
      const rec = await readAt(u64(tail, loc + 8), 56);
      if (rec.length < 56 || u32(rec, 0) !== 0x06064b50) return links;
      cdSize = u64(rec, 40);
      cdAt = u64(rec, 48);
    }
    const end = Math.min(size, cdAt + cdSize);
    for (let pos = cdAt; pos < end && links.size < MAX_ZIP_LINKS; ) {
      const piece = await readAt(pos, Math.min(ZIP_CD_READ_BYTES, end - pos));
      const used = zipLinkNames(piece, links);
      if (used === 0) break; // not an entry (damage), or one longer than a piece: stop here
      pos += used;
    }
  } catch {
    /* unreadable: read front to back as before */
  }
  return links;
}

/** A stored name in a message: control characters escaped, long names cut. */
function printable(name: string): string {
  const cut = name.length > 200 ? `${name.slice(0, 200)}…` : name;
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A CRC-32 as 8 hex digits, for messages. */
export const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** The discarding decoders of every method but stored (0) and deflate (8), made once. */
const DISCARDING: UnzipDecoderConstructor[] = Array.from({ length: 255 }, (_, i) => i + 1)
  .filter((m) => m !== 8)
  .map((m) => discarding(m));

/** A decoder for zip method `m` that reads nothing: it only lets the stream pass the file's bytes. */
function discarding(m: number): UnzipDecoderConstructor {
  return class {
    static compression = m;
    ondata: AsyncFlateStreamHandler = () => undefined;
    push(_chunk: Uint8Array, final: boolean): void {
      if (final) this.ondata(null, new Uint8Array(0), true);
    }
  };
}
