// gzip inflated in the core (fflate), for .gz files inside archives and on pipes: the adapters
// inflate a .gz file itself with the platform's own zlib. Same sink and limits as the zstd reader.
// fflate's streaming Gunzip does not check a member's trailer; this does (CRC-32 and length of
// what came out, as gzip -t and zlib do), so damaged data is said, not read silently.
import { Gunzip } from 'fflate';
import { LimitedInflater, type InflateSink } from './inflate-limits.js';
import { crc32, hex8 } from './zip.js';

export function isGzipHead(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Compressed bytes given to the inflater at a time (deflate inflates up to ~1032:1). */
const SLICE = 16 * 1024;

export class GzipStream extends LimitedInflater {
  private readonly gunzip: Gunzip;
  /** CRC-32 and length (mod 2^32) of the current member's output. */
  private crc = 0;
  private size = 0;
  /** The last two non-empty slices given to the inflater (copies) and where each starts: a member's trailer is in them when the next member begins. */
  private prev: { at: number; bytes: Uint8Array } | undefined;
  private cur: { at: number; bytes: Uint8Array } | undefined;
  private pushed = 0;

  constructor(sink: InflateSink) {
    super(sink, SLICE, 'gzip');
    this.gunzip = new Gunzip((data) => {
      this.crc = crc32(data, this.crc);
      this.size = (this.size + data.length) >>> 0;
      this.out(data);
    });
    // (called as a member after the first begins, all of the one before having come out)
    this.gunzip.onmember = (offset) => this.memberEnds(offset);
  }

  protected inflate(slice: Uint8Array, final: boolean): void {
    if (slice.length > 0) {
      this.prev = this.cur;
      this.cur = { at: this.pushed, bytes: slice.slice() };
      this.pushed += slice.length;
    }
    this.gunzip.push(slice, final);
    if (final) this.memberEnds(this.pushed);
  }

  /** The member whose trailer ends at `end` is complete: its CRC-32 and length must be what came out. */
  private memberEnds(end: number): void {
    const trailer = this.bytesBefore(end, 8);
    if (trailer) {
      const view = new DataView(trailer.buffer, trailer.byteOffset, 8);
      const crc = view.getUint32(0, true);
      const size = view.getUint32(4, true);
      if (crc !== this.crc || size !== this.size) {
        throw new Error(`incorrect data check: the data does not match the CRC-32 and length its gzip trailer states (${hex8(this.crc)}/${this.size}, ${hex8(crc)}/${size} stated); what came before was read`);
      }
    }
    this.crc = 0;
    this.size = 0;
  }

  /** The `n` bytes before `end` (an offset in the compressed stream), when still held. */
  private bytesBefore(end: number, n: number): Uint8Array | undefined {
    const out = new Uint8Array(n);
    let got = 0;
    for (const part of [this.prev, this.cur]) {
      if (!part) continue;
      for (let i = 0; i < n; i++) {
        const at = end - n + i - part.at;
        if (at >= 0 && at < part.bytes.length) {
          out[i] = part.bytes[at]!;
          got++;
        }
      }
    }
    return got === n ? out : undefined;
  }
}
