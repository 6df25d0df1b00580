// gzip inflated in the core (fflate), for .gz files inside archives: the adapters inflate a .gz
// file itself with the platform's own zlib. Same sink and limits as the zstd reader.
import { Gunzip } from 'fflate';
import { inflateLimitMessage, overInflateLimit } from './inflate-limits.js';
import type { ZstdSink } from './zstd.js';

export function isGzipHead(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Compressed bytes given to the inflater at a time: one push inflates all it is given (deflate: up to ~1032:1). */
const SLICE = 16 * 1024;

export class GzipStream {
  private readonly gunzip: Gunzip;
  private compressed = 0;
  private inflated = 0;
  private stopped = false;

  constructor(private readonly sink: ZstdSink) {
    this.gunzip = new Gunzip((data) => this.out(data));
  }

  get done(): boolean {
    return this.stopped;
  }

  get inflatedBytes(): number {
    return this.inflated;
  }

  /** The input stops here (cut short, already reported): no end-of-stream check. */
  cut(): void {
    this.stopped = true;
  }

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length && !this.stopped && this.sink.accepting; at += SLICE) {
      const slice = bytes.subarray(at, at + SLICE);
      this.compressed += slice.length;
      try {
        this.gunzip.push(slice);
      } catch (e) {
        this.stop('decompress-failed', `not a valid gzip stream: ${(e as Error).message}`);
      }
    }
  }

  end(): void {
    if (this.stopped) return;
    try {
      this.gunzip.push(new Uint8Array(0), true);
    } catch (e) {
      this.stop('decompress-failed', `not a valid gzip stream: ${(e as Error).message}`);
    }
    this.stopped = true;
  }

  private out(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    if (overInflateLimit(this.inflated + chunk.length, this.compressed)) return this.stop('decompress-limit', inflateLimitMessage(this.inflated, this.compressed));
    this.inflated += chunk.length;
    this.sink.data(chunk);
  }

  private stop(code: 'decompress-failed' | 'decompress-limit', message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.sink.fail(code, message, this.inflated);
  }
}
