// Helpers shared by the log importer tests (jsonl-logs, logfmt, text-logs, csv-logs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { LogRecord } from '../../../../analyzers/model/index.js';
import { decodeBytes, type DecodeResult } from '../../../../analyzers/importers/decode.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES, type FormatSpec } from '../../../../analyzers/importers/types.js';
import { nsToIso } from '../../../../analyzers/importers/common/time.js';

/** ../shared/data next to the repository. */
export const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export function readData(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(DATA + rel));
}

export function decodeFile(spec: FormatSpec, rel: string, chunkSize?: number): DecodeResult {
  return decodeBytes(spec, readData(rel), rel, chunkSize);
}

export function decodeText(spec: FormatSpec, text: string, chunkSize?: number): DecodeResult {
  return decodeBytes(spec, new TextEncoder().encode(text), 'input', chunkSize);
}

export function logs(r: DecodeResult): LogRecord[] {
  return r.records.filter((x): x is LogRecord => x.kind === 'log');
}

/** The format sniffFormat picks for a file, as the CLI would see it. */
export function sniffedFormat(rel: string): string | undefined {
  const bytes = readData(rel);
  return sniffFormat(makeSniffInput(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES)).spec?.id;
}

/** Whole vs 1-, 7- and 4096-byte chunks must give identical records, errors and counters. */
export function expectChunkingInvariant(spec: FormatSpec, bytes: Uint8Array, sizes: number[] = [1, 7, 4096]): void {
  const whole = decodeBytes(spec, bytes, 'input');
  for (const size of sizes) {
    const chunked = decodeBytes(spec, bytes, 'input', size);
    expect(chunked.records, `records with ${size}-byte chunks`).toEqual(whole.records);
    expect(chunked.errors, `errors with ${size}-byte chunks`).toEqual(whole.errors);
    expect(chunked.progress, `progress with ${size}-byte chunks`).toEqual(whole.progress);
  }
}

/** The log records of `text`, read whole, after checking that 1-, 7- and 4096-byte chunks read the same and that no error was reported. */
export function readCleanLogs(spec: FormatSpec, text: string): LogRecord[] {
  expectChunkingInvariant(spec, new TextEncoder().encode(text));
  const r = decodeText(spec, text);
  expect(r.errors).toEqual([]);
  return logs(r);
}

/** A record's time as ISO 8601 to the nanosecond; undefined without one. */
export const isoNs = (ns: bigint | undefined): string | undefined => (ns === undefined ? undefined : nsToIso(ns));

/** Push `totalBytes` of `fill` with no newline, then end: must report line-too-long with bounded memory. */
export function pushHugeLine(spec: FormatSpec, totalBytes: number, prefix = ''): { result: DecodeResult; heapGrowthBytes: number } {
  const records: DecodeResult['records'] = [];
  const errors: DecodeResult['errors'] = [];
  const decoder = spec.create({ file: 'huge', sink: { record: (r) => records.push(r), error: (e) => errors.push(e) } });
  const chunk = new Uint8Array(1024 * 1024).fill(0x61); // 'a'
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  let peak = before;
  if (prefix) decoder.push(new TextEncoder().encode(prefix));
  for (let sent = 0; sent < totalBytes; sent += chunk.length) {
    decoder.push(chunk);
    if ((sent & (32 * 1024 * 1024 - 1)) === 0) {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
    }
  }
  decoder.end();
  return { result: { records, errors, progress: { ...decoder.progress } }, heapGrowthBytes: peak - before };
}

/** Random bytes including NULs (deterministic). */
export function junkBytes(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16 & 0xff;
  }
  return out;
}

const VALID_CODES = new Set([
  'empty-input', 'unrecognised-format', 'binary-data', 'invalid-utf8', 'invalid-json', 'truncated', 'too-deep', 'line-too-long', 'wrong-type',
  'missing-field', 'invalid-id', 'invalid-timestamp', 'invalid-number', 'invalid-line', 'invalid-record', 'duplicate', 'unsupported',
  'decompress-failed', 'decompress-limit', 'read-failed', 'too-many-attributes', 'too-many-errors',
]);

/** Every error carries a code from the closed union, the file name and a message. */
export function expectCodedErrors(r: DecodeResult, file = 'input'): void {
  for (const e of r.errors) {
    expect(VALID_CODES.has(e.code), e.code).toBe(true);
    expect(e.file).toBe(file);
    expect(e.message.length).toBeGreaterThan(0);
  }
}
