// Reads a small side file whole (a report for `diff`, a workflows or incidents file) without
// trusting its size: a pipe or a device (`/dev/zero`) has none, and would otherwise be read until
// memory runs out. Past `maxBytes` the read stops with an error that says so.
import { closeSync, openSync, readSync, promises as fsp } from 'node:fs';

export class TooLargeError extends Error {}

export function readFileBounded(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new TooLargeError(`larger than ${maxBytes / (1024 * 1024)} MB`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * readFileBounded without blocking this thread: a named pipe nothing writes to yet waits in its
 * open, and meanwhile a timer can still say so (analyze's "waiting for data" notice).
 */
export async function readFileBoundedAsync(path: string, maxBytes: number): Promise<Buffer> {
  const fh = await fsp.open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead: n } = await fh.read(buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new TooLargeError(`larger than ${maxBytes / (1024 * 1024)} MB`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}
