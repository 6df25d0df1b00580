// gzip inflated in the core (fflate), for .gz files inside archives and on pipes: the adapters
// inflate a .gz file itself with the platform's own zlib. Same sink and limits as the zstd reader.
import { Gunzip } from 'fflate';
import { LimitedInflater, type InflateSink } from './inflate-limits.js';

export function isGzipHead(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Compressed bytes given to the inflater at a time (deflate inflates up to ~1032:1). */
const SLICE = 16 * 1024;

export class GzipStream extends LimitedInflater {
  private readonly gunzip: Gunzip;

  constructor(sink: InflateSink) {
    super(sink, SLICE, 'gzip');
    this.gunzip = new Gunzip((data) => this.out(data));
  }

  protected inflate(slice: Uint8Array, final: boolean): void {
    this.gunzip.push(slice, final);
  }
}
