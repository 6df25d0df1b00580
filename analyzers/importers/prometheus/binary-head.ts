// Binary detection over the first bytes of an input, independent of how it is chunked: the
// head is held back until HEAD_BYTES (or the end) and judged once; then everything is either
// forwarded to the text decoder or dropped with one `binary-data` error. Used by the metric
// importers so a forced format on a binary file costs one error, not one per "line".
export const HEAD_BYTES = 4096;

const utf8 = new TextDecoder('utf-8');

/** Control bytes (other than tab/CR/LF/FF/ESC) and undecodable sequences above 10 % of the head. */
export function looksLikeBinaryText(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) bad++;
  }
  const text = utf8.decode(bytes);
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) bad++;
  return bad / n > 0.1;
}

export class BinaryHead {
  private head: Uint8Array[] | undefined = [];
  private headBytes = 0;
  binary = false;

  constructor(
    private readonly forward: (chunk: Uint8Array) => void,
    private readonly onBinary: () => void,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.binary) return;
    if (!this.head) {
      this.forward(chunk);
      return;
    }
    this.head.push(chunk.slice()); // copy: the caller may reuse its buffer
    this.headBytes += chunk.length;
    if (this.headBytes >= HEAD_BYTES) this.release();
  }

  /** Call before ending the wrapped decoder. */
  end(): void {
    if (this.head) this.release();
  }

  private release(): void {
    const parts = this.head!;
    this.head = undefined;
    const all = new Uint8Array(this.headBytes);
    let o = 0;
    for (const p of parts) {
      all.set(p, o);
      o += p.length;
    }
    if (looksLikeBinaryText(all.subarray(0, HEAD_BYTES))) {
      this.binary = true;
      this.onBinary();
      return;
    }
    this.forward(all);
  }
}
