// Helpers shared by the trace importer tests: locate ../shared/data, decode whole and chunked,
// compare records with bigints made comparable.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBytes, type DecodeResult } from '../../../../analyzers/importers/decode.js';
import type { FormatSpec } from '../../../../analyzers/importers/types.js';
import type { SignalRecord } from '../../../../analyzers/model/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DATA = path.resolve(repoRoot, '../shared/data');

export function dataPath(rel: string): string {
  return path.join(DATA, rel);
}

export function readData(rel: string): Uint8Array {
  return readFileSync(dataPath(rel));
}

export function listJson(relDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(DATA, p));
    }
  };
  walk(dataPath(relDir));
  return out;
}

export function canonical(records: readonly SignalRecord[]): string {
  return JSON.stringify(records, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

export function decode(spec: FormatSpec, input: Uint8Array | string, chunk?: number, file = 'input'): DecodeResult {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return decodeBytes(spec, bytes, file, chunk);
}

export function countKinds(records: readonly SignalRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

export function codes(result: DecodeResult): string[] {
  return result.errors.map((e) => e.code);
}

/** Decode whole and in 1-, 7- and 4096-byte chunks; return the canonical forms to compare. */
export function chunkings(spec: FormatSpec, bytes: Uint8Array): { whole: DecodeResult; variants: { chunk: number; records: string; errors: string; progress: DecodeResult['progress'] }[] } {
  const whole = decodeBytes(spec, bytes, 'input');
  const variants = [1, 7, 4096].map((chunk) => {
    const r = decodeBytes(spec, bytes, 'input', chunk);
    return { chunk, records: canonical(r.records), errors: JSON.stringify(r.errors), progress: r.progress };
  });
  return { whole, variants };
}

/** Assert the same records, errors and counters whole and in 1-, 7- and 4096-byte chunks; the whole result. */
export function expectSameInAnyChunking(spec: FormatSpec, bytes: Uint8Array): DecodeResult {
  const { whole, variants } = chunkings(spec, bytes);
  const records = canonical(whole.records);
  const errors = JSON.stringify(whole.errors);
  for (const v of variants) {
    expect({ chunk: v.chunk, same: v.records === records, errors: v.errors }).toEqual({ chunk: v.chunk, same: true, errors });
    expect(v.progress).toEqual(whole.progress);
  }
  return whole;
}
