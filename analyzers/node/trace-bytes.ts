// The bytes of a run's inputs that may hold spans, known before anything is read: what the detail
// level of a run (analysis/detail.ts) is set from. A run of 1 GB of logs and a 20 MB trace export
// examines every span of that export; a 1 GB trace export is sampled.
//
// Each regular file's head is sniffed as the analysis will sniff it. A compressed file or an archive
// (gzip, zstd, tar, zip) counts whole: what it holds is not known without inflating it. A pipe has
// no size (0) and adds nothing.
import { promises as fsp } from 'node:fs';
import { formatById } from '../importers/sniff.js';
import { SNIFF_BYTES, type ForcedFormat } from '../importers/types.js';
import { headMayHoldSpans } from '../analysis/trace-head.js';
import type { ExpandedInput } from './read-inputs.js';

export { headMayHoldSpans };

/** Files whose heads are read at once. */
const CONCURRENCY = 16;

async function readHead(path: string | Buffer, size: number): Promise<Uint8Array | undefined> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(path, 'r');
    const buf = new Uint8Array(Math.min(SNIFF_BYTES, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return undefined; // the run reports it when it reads the file
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * The bytes of `files` that may hold spans. `forced` (`--as`): every file is read as that format,
 * so all of them or none count.
 */
export async function traceInputBytes(files: readonly ExpandedInput[], forced?: ForcedFormat): Promise<number> {
  const sized = files.filter((f) => f.pipe !== true && f.stdin !== true && f.unreadable === undefined && f.size > 0);
  if (forced !== undefined) {
    // a family (csv) may hold spans
    const signal = formatById(forced)?.signal;
    return signal === 'logs' || signal === 'metrics' ? 0 : sized.reduce((a, f) => a + f.size, 0);
  }
  let total = 0;
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < sized.length) {
      const f = sized[next++]!;
      const head = await readHead(f.path, f.size);
      // unreadable now: it holds nothing the run can read
      if (head !== undefined && head.length > 0 && headMayHoldSpans(head, head.length >= f.size)) total += f.size;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sized.length) }, work));
  return total;
}
