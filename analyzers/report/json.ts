// The JSON report: stable key order and formatting so the same input gives byte-identical
// output (apart from `generatedAt`).
import type { Report } from './model.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
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
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}
