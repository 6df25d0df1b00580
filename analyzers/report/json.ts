// The JSON report: stable key order and formatting so the same input gives byte-identical
// output (apart from `generatedAt`).
import type { Report } from './model.js';

/**
 * Objects with their keys sorted, as JSON.stringify meets them (a replacer): a copy of one object at
 * a time, not of the whole report at once (100,000 input rows were a second report in memory).
 */
function sortedKeys(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export function serializeReport(report: Report): string {
  return serializeJson(report);
}

/** Any JSON output of ObsReady (report, diff, SARIF): sorted keys, two-space indent, final newline. */
export function serializeJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys, 2) + '\n';
}
