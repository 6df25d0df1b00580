// Whether an input may hold spans, from its head: what a run's detail level (detail.ts) is set from,
// before anything is read. Shared by the CLI (node/trace-bytes.ts) and the app's analysis worker.
// A compressed file or an archive (gzip, zstd, tar, zip) may: what it holds is not known without
// inflating it.
import { makeSniffInput, sniffFormat } from '../importers/sniff.js';
import { isGzipHead } from './gzip.js';
import { isTarHeader } from './tar.js';
import { isZipHead } from './zip.js';
import { isFramedZstdHead, isZstdHead } from './zstd.js';

/** Whether a head read from a file's start may hold spans (`complete`: the head is the whole file). */
export function headMayHoldSpans(head: Uint8Array, complete: boolean): boolean {
  if (isGzipHead(head) || isZstdHead(head) || isFramedZstdHead(head) || isZipHead(head)) return true;
  if (head.length >= 512 && isTarHeader(head.subarray(0, 512))) return true;
  const spec = sniffFormat(makeSniffInput(head, complete)).spec;
  return spec !== undefined && (spec.signal === 'traces' || spec.signal === 'mixed');
}
