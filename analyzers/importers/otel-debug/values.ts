// The value syntax of the Collector's debug exporter (exporter/debugexporter/internal/otlptext):
// attribute values as `Type(text)` (pcommon.Value's type name and AsString), times as Go's
// time.Time.String(), enums by their pdata names (`Server`, `Error`, `Info(9)`, `Cumulative`).
import { anyValueOf } from '../otel-console/map.js';
import type { RawOtlpAnyValue } from '../otlp-json/raw.js';
import { parseTimestamp } from '../common/time.js';

/** `Str(`, `Int(`… at the start of a value: its type; the text after the parenthesis. */
export const TYPED_VALUE = /^(Str|Int|Double|Bool|Map|Slice|Bytes|Empty|STRING|INT|DOUBLE|BOOL|MAP|ARRAY|BYTES|EMPTY)\(/;

/** The old logging exporter's type names (pdata before 0.50), as the current ones. */
const OLD_TYPES: Record<string, string> = { STRING: 'Str', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', MAP: 'Map', ARRAY: 'Slice', BYTES: 'Bytes', EMPTY: 'Empty' };

/** The text inside `Type(…)` (the closing parenthesis is the value's last character) as an AnyValue. */
export function typedValue(type: string, inner: string): RawOtlpAnyValue {
  switch (OLD_TYPES[type] ?? type) {
    case 'Str':
      return { stringValue: inner };
    case 'Int':
      return /^-?\d+$/.test(inner) ? { intValue: inner } : { stringValue: inner };
    case 'Double':
      return { doubleValue: goFloat(inner) };
    case 'Bool':
      return inner === 'true' || inner === 'false' ? { boolValue: inner === 'true' } : { stringValue: inner };
    case 'Bytes':
      return { bytesValue: inner };
    case 'Map':
    case 'Slice': {
      // AsString of a map or slice is its JSON
      try {
        return anyValueOf(JSON.parse(inner), 0);
      } catch {
        return { stringValue: inner };
      }
    }
    default:
      return {};
  }
}

/** A float as Go prints it (`%f`, strconv: `+Inf`, `-Inf`, `NaN`). */
export function goFloat(text: string): number {
  const t = text.trim();
  if (t === '+Inf' || t === 'Inf') return Infinity;
  if (t === '-Inf') return -Infinity;
  if (t === '') return NaN;
  return Number(t);
}

/**
 * Go's time.Time.String() (`2020-02-11 20:26:12.000000321 +0000 UTC`) → ns since the epoch as a
 * digit string; the zero time of pcommon (`1970-01-01 00:00:00 +0000 UTC`) is `0` (unset).
 * Undefined when the text is not such a time.
 */
export function goTimeNanos(text: string): string | undefined {
  const t = parseTimestamp(text);
  return t === undefined || t.withoutZone || t.ns < 0n ? undefined : String(t.ns);
}

/** `Server`, `SPAN_KIND_SERVER` → OTLP's enum name. */
export function spanKind(text: string): string {
  const k = text.trim().toUpperCase().replace(/^SPAN_KIND_/, '');
  return `SPAN_KIND_${k}`;
}

/** `Error`, `STATUS_CODE_ERROR` → OTLP's enum name. */
export function statusCode(text: string): string {
  const k = text.trim().toUpperCase().replace(/^STATUS_CODE_/, '');
  return `STATUS_CODE_${k}`;
}

/** `Cumulative`, `Delta` (`AGGREGATION_TEMPORALITY_DELTA` in older versions) → OTLP's enum name. */
export function temporality(text: string): string {
  const k = text.trim().toUpperCase().replace(/^AGGREGATION_TEMPORALITY_/, '');
  return `AGGREGATION_TEMPORALITY_${k}`;
}

/** `Info(9)` (`SEVERITY_NUMBER_INFO` in older versions) → 9; unreadable → undefined. */
export function severityNumber(text: string): number | undefined {
  const m = /\((\d+)\)\s*$/.exec(text);
  if (m) return Number(m[1]);
  const names: Record<string, number> = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 };
  const n = /^(?:SEVERITY_NUMBER_)?([A-Z]+)(\d)?$/i.exec(text.trim());
  if (!n) return undefined;
  const base = names[n[1]!.toUpperCase()];
  return base === undefined ? undefined : base + (n[2] ? Number(n[2]) - 1 : 0);
}

/** The metric types the descriptor names, as OTLP's metric fields. */
export const DATA_TYPES: Record<string, string> = {
  Gauge: 'gauge',
  Sum: 'sum',
  Histogram: 'histogram',
  ExponentialHistogram: 'exponentialHistogram',
  Summary: 'summary',
};

/** An exponential histogram's buckets as printed: `[-u, -l)` negatives (highest index first), `[0, 0]`, `(l, u]` positives. */
export interface PrintedBucket {
  lower: number;
  upper: number;
  count: string;
}

/**
 * Scale and offsets of an exponential histogram from the bucket bounds the exporter printed
 * (it prints the bounds, not the scale): a bucket (l, u] has u/l = 2^(2^-scale) and index
 * log(l)/log(u/l). Bounds are printed with 6 decimals, so the widest bucket decides; when no
 * bucket is wide enough to tell, scale 0 (the counts stay exact).
 */
export function exponentialBuckets(positive: PrintedBucket[], negative: PrintedBucket[]): { scale: number; positive: { offset: number; bucketCounts: string[] }; negative: { offset: number; bucketCounts: string[] } } {
  let factor: number | undefined;
  for (const b of [...positive, ...negative.map((n) => ({ lower: -n.upper, upper: -n.lower, count: n.count }))]) {
    if (b.lower >= 0.001 && b.upper > b.lower) {
      factor = Math.log(b.upper / b.lower);
      break;
    }
  }
  const scale = factor !== undefined ? Math.round(Math.log2(Math.LN2 / factor)) : 0;
  const f = Math.LN2 * Math.pow(2, -scale);
  const offsetOf = (lower: number, i: number): number => (lower > 0 ? Math.round(Math.log(lower) / f) - i : 0);
  const posFirst = positive.findIndex((b) => b.lower >= 0.001);
  // negatives are printed from the highest index down: the last printed is the offset
  const neg = [...negative].reverse();
  const negFirst = neg.findIndex((b) => -b.upper >= 0.001);
  return {
    scale,
    positive: { offset: posFirst >= 0 ? offsetOf(positive[posFirst]!.lower, posFirst) : 0, bucketCounts: positive.map((b) => b.count) },
    negative: { offset: negFirst >= 0 ? offsetOf(-neg[negFirst]!.upper, negFirst) : 0, bucketCounts: neg.map((b) => b.count) },
  };
}
