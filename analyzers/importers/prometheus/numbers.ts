// Number and timestamp grammar of the two text dialects.
// Prometheus 0.0.4 values follow Go's strconv.ParseFloat (decimal, Inf/NaN in any case);
// timestamps are int64 milliseconds. OpenMetrics 1.0 values are decimal or ±Inf/NaN and
// timestamps are (fractional) seconds; neither allows '_' separators or hex/binary/octal.
import { INT64_MAX } from '../common/time.js';

const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INF_RE = /^[+-]?(?:inf|infinity)$/i;
const NAN_RE = /^[+-]?nan$/i;
const INT_RE = /^[+-]?\d+$/;
const FIXED_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * A sample value; undefined when the text is not a number of the dialect, or a decimal beyond a
 * double's range (`1e400`: Go's strconv.ParseFloat, which Prometheus's parsers use, refuses it as
 * "value out of range"; see valueOutOfRange).
 */
export function parseSampleValue(text: string): number | undefined {
  if (isPlainDecimal(text)) return finite(Number(text));
  if (DECIMAL_RE.test(text)) return finite(Number(text));
  if (INF_RE.test(text)) return text[0] === '-' ? -Infinity : Infinity;
  if (NAN_RE.test(text)) return NaN;
  return undefined;
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/** A decimal too big for a double (`1e400`, 400 digits): what parseSampleValue refused it for. */
export function valueOutOfRange(text: string): boolean {
  return DECIMAL_RE.test(text) && !Number.isFinite(Number(text));
}

/** The message for a sample value parseSampleValue refused. */
export function badValueMessage(what: string, shown: string, text: string): string {
  return valueOutOfRange(text) ? `${what} "${shown}" is beyond a double's range (Prometheus refuses it: value out of range; write +Inf if that is meant)` : `${what} "${shown}" is not a number`;
}

/** `123`, `-1.5`, `0.25`: digits with at most one point and sign — checked without a regex. */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  let i = 0;
  if (n > 0 && (text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43)) i = 1;
  let digits = 0;
  let point = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !point) point = true;
    else return false;
  }
  return digits > 0;
}


/**
 * Prometheus text timestamp: integer milliseconds since the epoch → ns. An int64, as expfmt reads it
 * (strconv.ParseInt(…, 10, 64)): digits beyond that range are not a timestamp.
 */
export function parsePromTimestampNs(text: string): bigint | undefined {
  if (!INT_RE.test(text)) return undefined;
  const ms = BigInt(text);
  if (ms > INT64_MAX || ms < -INT64_MAX - 1n) return undefined;
  return ms * 1_000_000n;
}

/**
 * OpenMetrics timestamp: seconds, possibly fractional or with an exponent → ns.
 * Plain decimals are converted exactly (digits beyond ns are truncated, as the Python
 * reference parser does); exponent forms go through a double.
 */
export function parseOmTimestampNs(text: string): bigint | undefined {
  if (!DECIMAL_RE.test(text)) return undefined;
  const m = FIXED_RE.exec(text);
  if (m && (m[2] !== '' || (m[3] ?? '') !== '')) {
    const whole = BigInt(m[2] === '' ? '0' : m[2]!);
    const frac = BigInt(((m[3] ?? '').slice(0, 9)).padEnd(9, '0'));
    const ns = whole * 1_000_000_000n + frac;
    return m[1] === '-' ? -ns : ns;
  }
  // Exponent form (`1.7268398142239082e+09`): shift the decimal point in the digits, exactly.
  const e = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!e) return undefined;
  const exp = Number(e[4]);
  if (!Number.isFinite(exp) || Math.abs(exp) > 400) return undefined;
  const intDigits = e[2] ?? '';
  const fracDigits = e[3] ?? '';
  const digits = intDigits + fracDigits;
  const point = intDigits.length + exp + 9; // position of the ns decimal point in `digits`
  let whole: string;
  if (point <= 0) whole = '0';
  else if (point >= digits.length) whole = digits + '0'.repeat(point - digits.length);
  else whole = digits.slice(0, point);
  const ns = BigInt(whole === '' ? '0' : whole);
  return e[1] === '-' ? -ns : ns;
}

/** Seconds (a sample value, e.g. `_created`) → ns, when finite. */
export function secondsToNs(seconds: number): bigint | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  const whole = Math.floor(seconds);
  return BigInt(whole) * 1_000_000_000n + BigInt(Math.round((seconds - whole) * 1e9));
}

/** Units a metric export writes epoch times in, coarsest first. */
export type EpochUnit = 's' | 'ms' | 'µs' | 'ns';
const EPOCH_UNITS: readonly EpochUnit[] = ['s', 'ms', 'µs', 'ns'];
export const EPOCH_UNIT_NAMES: Readonly<Record<EpochUnit, string>> = { s: 'seconds', ms: 'milliseconds', µs: 'microseconds', ns: 'nanoseconds' };

/**
 * The era of telemetry, in ns: from 2001-09-09 (1e9 s) to 2100-01-01. Less than a factor of 1000
 * wide, so at most one unit puts a number in it; int64's largest millisecond (a "no end"
 * sentinel, 2262 as ns) is left alone.
 */
export const ERA_FROM_NS = 1_000_000_000n * 1_000_000_000n;
export const ERA_TO_NS = 4_102_444_800n * 1_000_000_000n;

/**
 * The unit an epoch time is evidently written in when it is not its field's: `ns` is the time as
 * read in the field's unit `declared`; when that falls outside the era (`fromNs` to 2100) but the
 * same number in another unit (1000, 10^6 or 10^9 times coarser or finer) falls inside it — a
 * 13-digit millisecond time in a seconds field, 16 digits of µs in a ms field, 10 digits of
 * seconds in a nanosecond field — that unit and the time it gives. Undefined for a time in the era, 0 or before 1970 (a
 * negative time is a choice, `-3982045` in the exposition docs), or one no unit explains.
 */
export function evidentEpochUnit(ns: bigint, declared: EpochUnit, fromNs = ERA_FROM_NS): { unit: EpochUnit; ns: bigint } | undefined {
  if (ns <= 0n || (ns >= fromNs && ns < ERA_TO_NS)) return undefined;
  const d = EPOCH_UNITS.indexOf(declared);
  for (let u = 0; u < EPOCH_UNITS.length; u++) {
    if (u === d) continue;
    const f = 1000n ** BigInt(Math.abs(u - d));
    // a finer unit read as the declared one made the time f times too big; a coarser one, too small
    const scaled = u > d ? ns / f : ns * f;
    if (scaled >= fromNs && scaled < ERA_TO_NS) return { unit: EPOCH_UNITS[u]!, ns: scaled };
  }
  return undefined;
}

/**
 * The error said once (per unit and input) when times are read in their evident unit: the first
 * such time (`what`: its field and text), what its field's unit made of it, and how it is read.
 */
export function epochUnitMessage(what: string, format: string, declared: EpochUnit, evident: EpochUnit): string {
  const asDeclared = EPOCH_UNITS.indexOf(evident) > EPOCH_UNITS.indexOf(declared) ? 'past the year 2100' : 'in 1970';
  return `${what} is in ${EPOCH_UNIT_NAMES[evident]} where ${format} has ${EPOCH_UNIT_NAMES[declared]} (as ${EPOCH_UNIT_NAMES[declared]} it is ${asDeclared}); times of that size are read as ${EPOCH_UNIT_NAMES[evident]}, said once`;
}
