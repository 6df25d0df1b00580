// Zstandard-compressed inputs, in the two shapes the OpenTelemetry Collector's file exporter
// writes with `compression: zstd`: a plain .zst stream (its native compression, one frame or
// many), and its legacy framing, where each exported message is a 4-byte big-endian length and
// then that many bytes of one compressed message (messages of OTLP JSON: read one a line).
// fzstd (plain JavaScript, so it runs in the app's worker too) inflates; this file adds the limits.
import { Decompress } from 'fzstd';
import { LimitedInflater, inflateLimitMessage, overInflateLimit, type InflateSink } from './inflate-limits.js';

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * A zstd frame starts here, or a skippable frame (`0x184D2A5?`, little-endian), which pzstd writes
 * before each of its frames and other tools use for metadata: `zstd -d` reads past it.
 */
export function isZstdHead(b: Uint8Array, at = 0): boolean {
  if (b.length < at + 4) return false;
  if (MAGIC.every((m, i) => b[at + i] === m)) return true;
  return (b[at]! & 0xf0) === 0x50 && b[at + 1] === 0x2a && b[at + 2] === 0x4d && b[at + 3] === 0x18;
}

/** The legacy framing: a big-endian length, then a zstd frame. */
export function isFramedZstdHead(b: Uint8Array): boolean {
  if (!isZstdHead(b, 4)) return false;
  const len = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  return len >= 9;
}

/** The largest window a frame may ask for: zstd's own default decoder limit (2^27, `--memory=128MB`). */
export const MAX_WINDOW_BYTES = 128 * 1024 * 1024;

/**
 * Compressed bytes given to fzstd at a time: it inflates all it is given before the limits look,
 * and it shifts its whole window once per block (128 MB with `zstd --long`). A slice of 1 KB of
 * RLE blocks gives at most 32 MB: a bomb of zeros stops there, in seconds (64 KB slices gave 2 GB
 * a slice, 144 s). Real data reads at the same speed either way (the analysis dominates).
 */
export const SLICE = 1024;

/**
 * Follows the frames of a zstd stream as it passes (header, blocks, checksum; skippable frames)
 * to refuse a frame whose window is beyond MAX_WINDOW_BYTES before fzstd allocates it.
 */
class FrameWatch {
  private state: 'magic' | 'header' | 'skipsize' | 'block' | 'body' | 'checksum' | 'skip' = 'magic';
  private buf: number[] = [];
  private need = 4;
  private left = 0;
  private last = false;
  private checksum = false;

  /** Why the stream is refused (a window too large), or undefined. */
  feed(b: Uint8Array): string | undefined {
    let i = 0;
    while (i < b.length) {
      if (this.state === 'body' || this.state === 'skip' || this.state === 'checksum') {
        const n = Math.min(this.left, b.length - i);
        i += n;
        this.left -= n;
        if (this.left > 0) break;
        if (this.state === 'body' && !this.last) this.want('block', 3);
        else if (this.state === 'body' && this.checksum) {
          this.state = 'checksum';
          this.left = 4;
        } else this.want('magic', 4);
        continue;
      }
      this.buf.push(b[i++]!);
      if (this.buf.length < this.need) continue;
      const h = this.buf;
      if (this.state === 'magic') {
        const magic = (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0;
        if (magic === 0xfd2fb528) this.want('header', 1);
        else if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) this.want('skipsize', 4);
        else return undefined; // not a frame: fzstd says what is wrong
      } else if (this.state === 'skipsize') {
        this.left = (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0;
        this.state = 'skip';
      } else if (this.state === 'header') {
        // Frame_Header_Descriptor, then the Window_Descriptor unless single-segment, a dictionary id, the content size.
        const fhd = h[0]!;
        const single = (fhd >> 5) & 1;
        const dictBytes = [0, 1, 2, 4][fhd & 3]!;
        const fcsBytes = [single, 2, 4, 8][fhd >> 6]!;
        const headerBytes = 1 + (single ? 0 : 1) + dictBytes + fcsBytes;
        if (h.length < headerBytes) {
          this.need = headerBytes;
          continue;
        }
        this.checksum = ((fhd >> 2) & 1) === 1;
        let window: number;
        if (!single) {
          const base = 2 ** (10 + (h[1]! >> 3));
          window = base + (base / 8) * (h[1]! & 7);
        } else {
          window = fcsBytes === 2 ? 256 : 0;
          for (let k = 0; k < fcsBytes; k++) window += h[1 + dictBytes + k]! * 2 ** (8 * k);
        }
        if (window > MAX_WINDOW_BYTES) return `a zstd frame asks for a ${Math.round(window / 1024 / 1024)} MB window, above the ${MAX_WINDOW_BYTES / 1024 / 1024} MB zstd itself decodes by default`;
        this.want('block', 3);
      } else {
        // a block header: last flag, type (raw, RLE, compressed) and size
        const v = h[0]! | (h[1]! << 8) | (h[2]! << 16);
        this.last = (v & 1) === 1;
        this.left = ((v >> 1) & 3) === 1 ? 1 : v >>> 3;
        this.buf = [];
        this.state = 'body';
        if (this.left === 0) {
          // an empty block: its end is now
          if (!this.last) this.want('block', 3);
          else if (this.checksum) {
            this.state = 'checksum';
            this.left = 4;
          } else this.want('magic', 4);
        }
      }
    }
    return undefined;
  }

  private want(state: FrameWatch['state'], n: number): void {
    this.state = state;
    this.need = n;
    this.buf = [];
  }
}

/** A zstd stream (one or more frames) inflated into `sink`, under the .gz limits. */
export class ZstdStream extends LimitedInflater {
  private readonly d: Decompress;
  private readonly watch = new FrameWatch();

  constructor(sink: InflateSink) {
    super(sink, SLICE, 'zstd');
    this.d = new Decompress((chunk) => this.out(chunk));
  }

  protected override refuse(slice: Uint8Array): string | undefined {
    return this.watch.feed(slice);
  }

  protected inflate(slice: Uint8Array, final: boolean): void {
    this.d.push(slice, final);
  }

  /** fzstd's errors are terse ("unexpected EOF"): an early end is said in words, others as they are. */
  protected override describe(e: unknown): string {
    const m = (e as Error).message ?? String(e);
    return /EOF/i.test(m) ? 'the data ends early (cut short?)' : m;
  }
}

/**
 * The Collector file exporter's legacy framing: [u32 big-endian length][that many bytes] …, each
 * message a zstd frame (or frames) of one OTLP JSON request. Inflated one after another, with a
 * newline after each, they are OTLP JSON Lines.
 */
export class FramedZstd {
  private lenBytes: number[] = [];
  private left = 0;
  private current: ZstdStream | undefined;
  /** Inflated bytes so far across messages (the limits are on the whole file). */
  private total = { compressed: 0, inflated: 0 };
  private stopped = false;
  private messages = 0;
  private readonly nl = new Uint8Array([0x0a]);

  constructor(private readonly sink: InflateSink) {}

  /** True once inflating stopped (damage or a limit) or ended. */
  get done(): boolean {
    return this.stopped;
  }

  get inflatedBytes(): number {
    return this.total.inflated;
  }

  /** The input stops here (cut short, already reported): no end-of-stream check. */
  cut(): void {
    this.current?.cut();
    this.stopped = true;
  }

  push(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length && !this.stopped && this.sink.accepting) {
      if (this.left === 0) {
        this.lenBytes.push(bytes[i++]!);
        this.total.compressed++;
        if (this.lenBytes.length < 4) continue;
        const [a, b, c, d] = this.lenBytes as [number, number, number, number];
        this.lenBytes = [];
        this.left = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
        if (this.left === 0) continue;
        this.current = this.message();
        continue;
      }
      const n = Math.min(this.left, bytes.length - i);
      this.current!.push(bytes.subarray(i, i + n));
      this.total.compressed += n;
      this.left -= n;
      i += n;
      if (this.left === 0) this.finishMessage();
    }
  }

  end(): void {
    if (this.stopped) return;
    if (this.left > 0 || this.lenBytes.length > 0) {
      this.current?.end();
      if (!this.stopped) this.fail('decompress-failed', `the file ends inside message ${this.messages + 1} (${this.left > 0 ? `${this.left} of its bytes are missing` : 'in its length'}); the messages before it were read`);
    }
    this.stopped = true;
  }

  private message(): ZstdStream {
    const sink: InflateSink = {
      data: (b) => {
        this.total.inflated += b.length;
        if (overInflateLimit(this.total.inflated, this.total.compressed + this.left)) {
          this.fail('decompress-limit', inflateLimitMessage(this.total.inflated - b.length, this.total.compressed));
          return;
        }
        this.sink.data(b);
      },
      fail: (code, message) => this.fail(code, `message ${this.messages + 1}: ${message}`),
      get accepting() {
        return true;
      },
    };
    return new ZstdStream(sink);
  }

  private finishMessage(): void {
    this.current?.end();
    this.current = undefined;
    this.messages++;
    if (!this.stopped) this.sink.data(this.nl);
  }

  private fail(code: 'decompress-failed' | 'decompress-limit', message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.sink.fail(code, message, this.total.inflated);
  }
}
