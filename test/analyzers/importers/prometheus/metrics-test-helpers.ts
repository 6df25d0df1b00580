// Helpers shared by the metric importer tests (prometheus, prom-api, csv-metrics).
import { readFileSync } from 'node:fs';
import { decodeBytes, type DecodeResult } from '../../../../analyzers/importers/decode.js';
import { makeSniffInput, sniffFormat } from '../../../../analyzers/importers/sniff.js';
import { SNIFF_BYTES, type FormatSpec } from '../../../../analyzers/importers/types.js';
import type { MetricPoint } from '../../../../analyzers/model/index.js';
import { data } from '../../../helpers/paths.js';

export { data };

export function readData(...rel: string[]): Uint8Array {
  return new Uint8Array(readFileSync(data(...rel)));
}

export function decodeData(spec: FormatSpec, rel: string, chunkSize?: number): DecodeResult {
  return decodeBytes(spec, readData(rel), rel, chunkSize);
}

export function decodeText(spec: FormatSpec, text: string, chunkSize?: number): DecodeResult {
  return decodeBytes(spec, new TextEncoder().encode(text), 'input', chunkSize);
}

export function points(r: DecodeResult): MetricPoint[] {
  return r.records.filter((x): x is MetricPoint => x.kind === 'metric');
}

/** Which registered format the sniffer picks for these bytes (as the CLI does). */
export function sniffedId(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, SNIFF_BYTES);
  return sniffFormat(makeSniffInput(head, head.length === bytes.length)).spec?.id;
}

/** Records and errors as a comparable string (bigint-safe). */
export function fingerprint(r: DecodeResult): string {
  return JSON.stringify({ records: r.records, errors: r.errors, progress: r.progress }, (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
}

export const CHUNK_SIZES = [1, 7, 4096];
