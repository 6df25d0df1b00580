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
