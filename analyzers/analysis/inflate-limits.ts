// Limits on inflating compressed data (.gz files, .gz and deflated files inside archives): a
// decompression bomb stops with `decompress-limit` instead of running for hours.
/** A .gz stops inflating past this many bytes … */
export const MAX_INFLATED_BYTES = 32 * 1024 ** 3;
/** … or once it is past MIN_BOMB_BYTES with a compression ratio above this (a decompression bomb). */
export const MAX_INFLATE_RATIO = 250;
export const MIN_BOMB_BYTES = 64 * 1024 * 1024;

/** The message for a .gz stopped by the limits above. */
export function inflateLimitMessage(inflated: number, compressed: number): string {
  return `stopped inflating at ${inflated} bytes from ${compressed} compressed bytes (limit: ratio ${MAX_INFLATE_RATIO}:1 past ${MIN_BOMB_BYTES} bytes, or ${MAX_INFLATED_BYTES} bytes in all); the content read so far was analysed`;
}

export function overInflateLimit(inflated: number, compressed: number): boolean {
  return inflated > MAX_INFLATED_BYTES || (inflated > MIN_BOMB_BYTES && inflated / Math.max(compressed, 1) > MAX_INFLATE_RATIO);
}

/** Where inflated bytes go, and where problems are told. */
export interface InflateSink {
  data(bytes: Uint8Array): void;
  fail(code: 'decompress-failed' | 'decompress-limit', message: string, offset: number): void;
  readonly accepting: boolean;
}

/**
 * A streaming inflater under the limits above. Compressed bytes are given to the library in
 * slices: one push inflates all it is given, so the slice bounds what one push can produce before
 * the limits look. Subclasses wrap a library (fflate's Gunzip, fzstd) and hand its output to `out`.
 */
export abstract class LimitedInflater {
  private compressed = 0;
  private inflated = 0;
  private stopped = false;

  constructor(
    private readonly sink: InflateSink,
    private readonly sliceBytes: number,
    /** "gzip", "zstd": named in the damage message. */
    private readonly kind: string,
  ) {}

  /** Give the library one slice (`final`: the end of the stream, an empty slice); throws on damage. */
  protected abstract inflate(slice: Uint8Array, final: boolean): void;

  /** A reason to refuse the stream before a slice is inflated (a zstd window too large), else undefined. */
  protected refuse(_slice: Uint8Array): string | undefined {
    return undefined;
  }

  /** The library's error, as the report says it. */
  protected describe(e: unknown): string {
    return (e as Error).message;
  }

  /** True once inflating stopped (damage or a limit) or ended. */
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
    for (let at = 0; at < bytes.length && !this.stopped && this.sink.accepting; at += this.sliceBytes) {
      const slice = bytes.subarray(at, at + this.sliceBytes);
      const refused = this.refuse(slice);
      if (refused) return this.stop('decompress-limit', refused);
      this.compressed += slice.length;
      try {
        this.inflate(slice, false);
      } catch (e) {
        this.stop('decompress-failed', `not a valid ${this.kind} stream: ${this.describe(e)}`);
      }
    }
  }

  end(): void {
    if (this.stopped) return;
    try {
      this.inflate(new Uint8Array(0), true);
    } catch (e) {
      this.stop('decompress-failed', `not a valid ${this.kind} stream: ${this.describe(e)}`);
    }
    this.stopped = true;
  }

  /** The library's output: handed on, or the stream stopped at the limits. */
  protected out(chunk: Uint8Array): void {
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
