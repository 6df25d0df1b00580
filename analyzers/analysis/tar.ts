// A push reader for tar archives (POSIX ustar and pax, GNU and old v7 tar): cuts the byte
// stream into its members, streaming, with no copy of member data. Pure TypeScript: the Node
// adapter and the app's worker feed it the (inflated) bytes of a .tar or .tar.gz.
//
// No maintained tar library fits here: they are Node streams with asynchronous entries, while
// the analysis is fed synchronously, one chunk at a time, in a Web Worker as well as in Node.

const BLOCK = 512;

/** What a member is, as far as analysis cares. */
export interface TarEntry {
  /** Path inside the archive, without a leading `./`. */
  name: string;
  size: number;
  /** Byte offset of the member's header in the archive. */
  headerOffset: number;
}

export interface TarMember {
  push(bytes: Uint8Array): void;
  /** `missing` > 0 when the archive ended before the member's last byte. */
  end(missing: number): void;
}

export interface TarHandler {
  /** A regular file: a member to feed, or undefined to skip its bytes. */
  file(entry: TarEntry): TarMember | undefined;
  /** Damage in the archive itself (not in a member's content), at a byte offset of the archive. */
  damage(kind: 'bad-header' | 'truncated' | 'unsupported', message: string, offset: number): void;
}

/** Whether `block` (at least 512 bytes) is a tar header: a valid checksum, and a name or the ustar magic. */
export function isTarHeader(block: Uint8Array): boolean {
  if (block.length < BLOCK) return false;
  if (!checksumOk(block)) return false;
  // v7 tar has no magic: then the name must be printable text and the size octal.
  if (magicIs(block, 'ustar')) return true;
  if (block[0] === 0) return false;
  for (let i = 0; i < 100 && block[i] !== 0; i++) if (block[i]! < 0x20 || block[i]! > 0x7e) return false;
  return parseOctal(block, 124, 12) !== undefined;
}

function magicIs(b: Uint8Array, m: string): boolean {
  for (let i = 0; i < m.length; i++) if (b[257 + i] !== m.charCodeAt(i)) return false;
  return true;
}

/** The checksum field holds the sum of the header's bytes with that field read as spaces (unsigned, or signed by old tars). */
function checksumOk(b: Uint8Array): boolean {
  const stored = parseOctal(b, 148, 8);
  if (stored === undefined) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const v = i >= 148 && i < 156 ? 0x20 : b[i]!;
    unsigned += v;
    signed += v >= 0x80 ? v - 256 : v;
  }
  // An all-zero block sums to 256 (the spaces): it is the end marker, not a header.
  return unsigned !== 256 && (stored === unsigned || stored === signed);
}

/** An octal number field (NUL- or space-terminated, leading spaces allowed), or GNU base-256 when the top bit is set. */
function parseOctal(b: Uint8Array, at: number, len: number): number | undefined {
  if (b[at]! & 0x80) {
    if (b[at] === 0xff) return undefined; // base-256 negative: no size, no time of a member
    let v = b[at]! & 0x7f;
    for (let i = at + 1; i < at + len; i++) v = v * 256 + b[i]!;
    return v;
  }
  let i = at;
  const end = at + len;
  while (i < end && b[i] === 0x20) i++;
  let v = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) return undefined;
    v = v * 8 + (c - 0x30);
    digits++;
  }
  return digits === 0 ? (at === 148 ? undefined : 0) : v;
}

const utf8 = new TextDecoder('utf-8');

function cString(b: Uint8Array, at: number, len: number): string {
  let end = at;
  while (end < at + len && b[end] !== 0) end++;
  return utf8.decode(b.subarray(at, end));
}

/** pax extended header records: "LEN key=value\n" … */
function parsePax(text: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    let sp = i;
    while (sp < text.length && text[sp] !== 0x20) sp++;
    const len = Number(utf8.decode(text.subarray(i, sp)));
    if (!Number.isInteger(len) || len <= 0 || i + len > text.length) break;
    const rec = utf8.decode(text.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

const NOT_FILE: Record<string, string> = { '1': 'hard link', '2': 'symbolic link', '3': 'character device', '4': 'block device', '6': 'FIFO' };

/** Largest pax or GNU long-name header kept in memory; bigger ones are skipped as damage. */
const MAX_META_BYTES = 1024 * 1024;

type State =
  | { kind: 'header' }
  | { kind: 'data'; member: TarMember | undefined; left: number; pad: number; entry: TarEntry | undefined }
  | { kind: 'meta'; type: 'pax' | 'global' | 'longname' | 'skip'; parts: Uint8Array[]; got: number; left: number; pad: number }
  | { kind: 'pad'; left: number }
  | { kind: 'resync' }
  | { kind: 'done' };

export class TarReader {
  private state: State = { kind: 'header' };
  private readonly block = new Uint8Array(BLOCK);
  private blockFill = 0;
  /** Archive offset of the next byte pushed. */
  private offset = 0;
  private pax = new Map<string, string>();
  private longName: string | undefined;
  private members = 0;

  constructor(private readonly handler: TarHandler) {}

  /** Regular files met so far (skipped ones too). */
  get fileCount(): number {
    return this.members;
  }

  /** True once the end-of-archive marker was read: the bytes after it are padding. */
  get finished(): boolean {
    return this.state.kind === 'done';
  }

  push(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      const s = this.state;
      if (s.kind === 'done') return;
      if (s.kind === 'data' || s.kind === 'pad') {
        const n = Math.min(s.left, bytes.length - i);
        if (s.kind === 'data') {
          if (n > 0) s.member?.push(bytes.subarray(i, i + n));
          s.left -= n;
          if (s.left === 0) {
            s.member?.end(0);
            this.state = s.pad > 0 ? { kind: 'pad', left: s.pad } : { kind: 'header' };
          }
        } else {
          s.left -= n;
          if (s.left === 0) this.state = { kind: 'header' };
        }
        i += n;
        this.offset += n;
        continue;
      }
      if (s.kind === 'meta') {
        const n = Math.min(s.left, bytes.length - i);
        if (s.type !== 'skip') s.parts.push(bytes.slice(i, i + n));
        s.got += n;
        s.left -= n;
        i += n;
        this.offset += n;
        if (s.left === 0) {
          this.finishMeta(s);
          this.state = s.pad > 0 ? { kind: 'pad', left: s.pad } : { kind: 'header' };
        }
        continue;
      }
      // header or resync: gather one block
      const n = Math.min(BLOCK - this.blockFill, bytes.length - i);
      this.block.set(bytes.subarray(i, i + n), this.blockFill);
      this.blockFill += n;
      i += n;
      this.offset += n;
      if (this.blockFill < BLOCK) continue;
      this.blockFill = 0;
      this.onBlock(this.offset - BLOCK);
    }
  }

  /** Members that are links, devices or FIFOs (skipped: no content of their own), and the first of them. */
  private notFiles = 0;
  private firstNotFile: { name: string; at: number; what: string } | undefined;

  end(): void {
    if (this.notFiles > 0) {
      const f = this.firstNotFile!;
      this.handler.damage('unsupported', `${this.notFiles === 1 ? `"${f.name}" is a ${f.what}` : `${this.notFiles} members are links, devices or FIFOs (the first, "${f.name}", a ${f.what})`}: no content of ${this.notFiles === 1 ? 'its' : 'their'} own, not read (a link's target is read when it is a file in the archive)`, f.at);
    }
    const s = this.state;
    if (s.kind === 'data') {
      // A member being read says so itself; one that was skipped is damage to the archive.
      if (s.member) s.member.end(s.left);
      else this.handler.damage('truncated', `the archive ends inside ${s.entry ? `"${s.entry.name}"` : 'a member'}: ${s.left} of its bytes are missing`, this.offset);
    } else if (s.kind === 'meta') {
      this.handler.damage('truncated', 'the archive ends inside an extended header', this.offset);
    } else if ((s.kind === 'header' || s.kind === 'resync') && this.blockFill > 0) {
      // (a tar is whole 512-byte blocks: a part of one, zeros or not, is a cut archive)
      this.handler.damage('truncated', `the archive ends inside a header block (${this.blockFill} of 512 bytes)`, this.offset - this.blockFill);
    } else if (s.kind === 'pad') {
      this.handler.damage('truncated', `the archive ends inside the padding of a block (${s.left} bytes missing)${this.pax.size > 0 || this.longName !== undefined ? ', after an extended header, before the member it describes' : ''}`, this.offset);
    } else if (s.kind === 'header' && (this.pax.size > 0 || this.longName !== undefined)) {
      this.handler.damage('truncated', 'the archive ends after an extended header, before the member it describes', this.offset);
    }
    this.state = { kind: 'done' };
  }

  private onBlock(at: number): void {
    const b = this.block;
    if (this.state.kind === 'resync') {
      if (!isTarHeader(b)) return;
      this.state = { kind: 'header' };
    }
    if (allZero(b)) {
      // The end-of-archive marker (two zero blocks; one is accepted, as by GNU tar).
      this.state = { kind: 'done' };
      return;
    }
    if (!checksumOk(b)) {
      this.handler.damage('bad-header', `a damaged header (checksum mismatch) at byte ${at} of the archive: skipped to the next valid header; the member it described is not read`, at);
      this.pax.clear();
      this.longName = undefined;
      this.state = { kind: 'resync' };
      return;
    }
    let paxSize = this.pax.get('size');
    if (paxSize !== undefined && !/^\d{1,16}$/.test(paxSize)) {
      // as tar does: the header's own size field stands in for an extended size out of any range
      this.handler.damage('bad-header', `an extended header's size ${JSON.stringify(paxSize.slice(0, 40))} at byte ${at} of the archive is no size: the header's own is used`, at);
      paxSize = undefined;
    }
    const size = paxSize !== undefined ? Number(paxSize) : parseOctal(b, 124, 12);
    // (past 2^53 bytes — 8 PiB — a size is no size: the bytes after the header are the next members)
    if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
      this.handler.damage('bad-header', `a header with an unreadable size at byte ${at} of the archive: skipped to the next valid header`, at);
      this.pax.clear();
      this.longName = undefined;
      this.state = { kind: 'resync' };
      return;
    }
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    const type = String.fromCharCode(b[156]!);
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K' || type === 'N') {
      const keep = (type === 'x' || type === 'L') && size <= MAX_META_BYTES;
      if ((type === 'x' || type === 'L') && !keep) this.handler.damage('unsupported', `an extended header of ${size} bytes at byte ${at}: too large, ignored`, at);
      const metaType = !keep ? 'skip' : type === 'x' ? 'pax' : 'longname';
      if (size === 0) {
        this.finishMeta({ kind: 'meta', type: metaType, parts: [], got: 0, left: 0, pad: 0 });
        return;
      }
      this.state = { kind: 'meta', type: metaType, parts: [], got: 0, left: size, pad };
      return;
    }
    // GNU tar's pax sparse formats (0.x and 1.0): the member's data is a sparse map, not the file
    const sparse = this.pax.has('GNU.sparse.major') || this.pax.has('GNU.sparse.size') || this.pax.has('GNU.sparse.numblocks');
    let name = this.pax.get('GNU.sparse.name') ?? this.pax.get('path') ?? this.longName;
    if (name === undefined) {
      name = cString(b, 0, 100);
      // POSIX ustar splits long paths into a prefix and a name (GNU tar's "ustar  " header uses
      // those bytes for other fields, and long names of its own: the 'L' records above).
      if (magicIs(b, 'ustar\u0000')) {
        const prefix = cString(b, 345, 155);
        if (prefix) name = `${prefix}/${name}`;
      }
    }
    this.pax.clear();
    this.longName = undefined;
    name = name.replace(/^(\.\/)+/, '');
    const isFile = type === '0' || type === '\u0000' || type === '7';
    let member: TarMember | undefined;
    let entry: TarEntry | undefined;
    if (isFile && sparse) {
      this.handler.damage('unsupported', `"${name}" is a GNU sparse file, which is not read; extract the archive (tar -xf) and analyse the folder`, at);
    } else if (isFile && !name.endsWith('/')) {
      this.members++;
      entry = { name, size, headerOffset: at };
      member = this.handler.file(entry);
    } else if (type === 'S') {
      this.handler.damage('unsupported', `"${name}" is a GNU sparse file, which is not read; extract the archive (tar -xf) and analyse the folder`, at);
    } else if (!/[1-6]/.test(type) && !isFile && type !== 'V' && type !== 'M') {
      this.handler.damage('unsupported', `"${name}" has the unknown member type "${type}": skipped`, at);
    } else if (/[1-46]/.test(type)) {
      // links, devices and FIFOs: no content of their own, counted and said once at the end
      this.notFiles++;
      this.firstNotFile ??= { name, at, what: NOT_FILE[type]! };
    }
    // Directories, links and devices have no content to read (a hard link's content is its target's).
    const dataSize = /[1-6]/.test(type) ? 0 : size;
    if (dataSize === 0) {
      member?.end(0);
      return;
    }
    this.state = { kind: 'data', member, left: dataSize, pad: (BLOCK - (dataSize % BLOCK)) % BLOCK, entry };
  }

  private finishMeta(s: Extract<State, { kind: 'meta' }>): void {
    if (s.type === 'skip') return;
    const all = new Uint8Array(s.got);
    let o = 0;
    for (const p of s.parts) {
      all.set(p, o);
      o += p.length;
    }
    if (s.type === 'pax') for (const [k, v] of parsePax(all)) this.pax.set(k, v);
    else this.longName = cString(all, 0, all.length);
  }
}

function allZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
