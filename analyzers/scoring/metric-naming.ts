// Metric name and unit conventions: Weaver's name format, the promlint problems (SCORING.md §4)
// and a UCUM unit validator covering the units telemetry uses (prefixes, annotations, /, ., ^).

export const WEAVER_NAME = /^[a-z][a-z0-9]*([._][a-z0-9]+)*$/;

const ABBREVIATED_UNITS = ['ms', 'msec', 'millis', 'us', 'usec', 'micros', 'ns', 'nsec', 'nanos', 'sec', 'secs', 'min', 'mins', 'hr', 'hrs', 'kb', 'mb', 'gb', 'kib', 'mib', 'gib', 'kbytes', 'mbytes', 'pct'];
/**
 * promlint's units (client_golang `testutil/promlint/validations/units.go`): each unit word and its
 * base unit. The base units map to themselves — `celsius` is one (prometheus.io "Base units":
 * Temperature celsius), so are `kelvin` and both spellings of `meters`.
 */
const PROMLINT_UNITS: Readonly<Record<string, string>> = {
  amperes: 'amperes',
  bytes: 'bytes',
  celsius: 'celsius',
  grams: 'grams',
  joules: 'joules',
  kelvin: 'kelvin',
  meters: 'meters',
  metres: 'metres',
  seconds: 'seconds',
  volts: 'volts',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  weeks: 'seconds',
  kelvins: 'kelvin',
  fahrenheit: 'celsius',
  rankine: 'celsius',
  inches: 'meters',
  yards: 'meters',
  miles: 'meters',
  bits: 'bytes',
  calories: 'joules',
  pounds: 'grams',
  ounces: 'grams',
};
/** The prefixes promlint reads before a unit word (`milliseconds`, `kilobytes`: not base units). */
const PROMLINT_PREFIXES = ['pico', 'nano', 'micro', 'milli', 'centi', 'deci', 'deca', 'hecto', 'kilo', 'kibi', 'mega', 'mibi', 'giga', 'gibi', 'tera', 'tebi', 'peta', 'pebi'];
/** Not in promlint's table, but prometheus.io's "Base units": a percentage is a `ratio` (0–1). */
const OTHER_NON_BASE: Readonly<Record<string, string>> = { percent: 'ratio' };

/**
 * The base unit to use instead of `word` when it is a unit but not a base one, as promlint's
 * non-base-unit check finds it (a unit word of its table, or one of its prefixes before a unit
 * word: `milliseconds` → `seconds`, `kilobytes` → `bytes`), and `percent` → `ratio`; undefined
 * for a base unit (`seconds`, `celsius`) and for any other word.
 */
export function nonBaseUnit(word: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(OTHER_NON_BASE, word)) return OTHER_NON_BASE[word];
  if (Object.prototype.hasOwnProperty.call(PROMLINT_UNITS, word)) {
    const base = PROMLINT_UNITS[word]!;
    return base === word ? undefined : base;
  }
  for (const p of PROMLINT_PREFIXES) {
    if (word.length > p.length && word.startsWith(p)) {
      const rest = word.slice(p.length);
      if (Object.prototype.hasOwnProperty.call(PROMLINT_UNITS, rest)) return PROMLINT_UNITS[rest];
    }
  }
  return undefined;
}

/**
 * A recording rule's output, named as Prometheus asks: `level:metric:operations` (`job:up:sum`,
 * `instance_path:requests:rate5m`; more colon-separated parts are common too, as in
 * kube-prometheus' `cluster:namespace:pod_cpu:active:kube_pod_container_resource_requests`). Colons
 * are reserved for these names; anywhere else, a colon is a naming problem.
 */
const RECORDING_RULE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*(?::[a-zA-Z0-9_]+){2,}$/;

export function isRecordingRuleName(name: string): boolean {
  return RECORDING_RULE_NAME.test(name);
}
const TYPE_WORDS = ['gauge', 'counter', 'histogram', 'summary'];
const BASE_UNIT_SUFFIXES = ['seconds', 'bytes', 'ratio', 'meters', 'grams', 'volts', 'amperes', 'joules', 'celsius', 'hertz', 'bits', 'info', 'percent', 'watts', 'kelvin'];

/** Problems of one metric name with its declared type; empty when the name is fine. */
export function metricNameProblems(name: string, types: readonly string[]): string[] {
  const problems: string[] = [];
  // A recording rule's name (level:metric:operations) is judged piece by piece: its colons are
  // what it should have; its pieces are names like any other.
  const recording = isRecordingRuleName(name);
  const pieces = recording ? name.split(':') : [name];
  if (!recording && name.includes(':')) problems.push('colon in the name outside the recording-rule form level:metric:operations (colons are reserved for recording rules)');
  else if (!pieces.every((p) => WEAVER_NAME.test(p))) {
    if (/[A-Z]/.test(name)) problems.push('camelCase or upper-case name');
    else problems.push('does not match ^[a-z][a-z0-9]*([._][a-z0-9]+)*$');
  }
  const promStyle = !name.includes('.');
  const words = pieces.map((p) => p.toLowerCase().split(/[._]/));
  const parts = words.flat();
  // A suffix is a word after `_` (`job:up:sum` ends in the operation `sum`, not in `_sum`).
  const tail = words[words.length - 1]!;
  const last = tail.length > 1 || !recording ? (tail[tail.length - 1] ?? '') : '';
  const isCounter = types.includes('counter');
  if (promStyle) {
    if (last === 'total' && !isCounter && types.length > 0 && !types.includes('unknown')) problems.push('_total on a non-counter');
    if (isCounter && last !== 'total' && types.length === 1) problems.push('counter not ending in _total');
    if (['bucket', 'count', 'sum'].includes(last) && !types.some((t) => t === 'histogram' || t === 'summary' || t === 'unknown')) problems.push(`reserved suffix _${last}`);
  }
  const abbr = words.map(unitWord).find((w) => ABBREVIATED_UNITS.includes(w));
  if (abbr !== undefined) problems.push(`abbreviated unit "${abbr}"`);
  const nonBase = parts.find((p) => nonBaseUnit(p) !== undefined);
  if (nonBase && promStyle) problems.push(`non-base unit "${nonBase}" (base unit: ${nonBaseUnit(nonBase)})`);
  // (a recording rule's operations name PromQL functions: `histogram_quantile` is not a type in the name)
  const typeWord = (recording ? words.slice(0, -1).flat() : parts).find((p) => TYPE_WORDS.includes(p));
  if (typeWord) problems.push(`metric type "${typeWord}" in the name`);
  return problems;
}

/** Words a Prometheus name may end in after its unit: a counter's, histogram's or summary's sample suffixes. */
const SAMPLE_SUFFIXES = ['total', 'bucket', 'count', 'sum', 'created', 'gcount', 'gsum'];

/**
 * The word of a name (split into lower-case words) where a unit stands: the last one, before any
 * sample suffix (`request_ms`, `request_ms_total`, `request_ms_bucket` → `ms`). An abbreviation is
 * a unit only there: `nodejs_eventloop_lag_min_seconds` is the minimum lag in seconds, not minutes,
 * and `kube_ns_pods` counts pods of a namespace. (promlint looks for its own, shorter list —
 * `s`, `ms`, `us`, `ns`, `sec`, `kb`…, no `min` — anywhere in the name.)
 */
function unitWord(parts: readonly string[]): string {
  let end = parts.length;
  while (end > 1 && SAMPLE_SUFFIXES.includes(parts[end - 1]!)) end--;
  return parts[end - 1] ?? '';
}

/** The unit spelled in the name (MET-005), if any; an abbreviation counts only in unit position (`unitWord`). */
export function unitInName(name: string, unit: string | undefined): string | undefined {
  const all = name.toLowerCase().split(/[._]/);
  const parts = all.slice(1);
  const last = unitWord(all);
  const hit = parts.find((p) => BASE_UNIT_SUFFIXES.includes(p) || nonBaseUnit(p) !== undefined) ?? (all.length > 1 && ABBREVIATED_UNITS.includes(last) ? last : undefined);
  if (hit === 'info' || hit === 'total') return undefined;
  if (hit) return hit;
  if (unit && unit.length > 1 && !unit.startsWith('{') && parts.includes(unit.toLowerCase())) return unit;
  return undefined;
}

export function hasUnitSuffix(name: string): boolean {
  const parts = name.toLowerCase().split(/[._]/);
  const trimmed = parts[parts.length - 1] === 'total' ? parts.slice(0, -1) : parts;
  return BASE_UNIT_SUFFIXES.includes(trimmed[trimmed.length - 1] ?? '');
}

// UCUM: atoms that may take a metric prefix, atoms that may not, and the prefixes.
const METRIC_ATOMS = ['s', 'm', 'g', 'By', 'bit', 'Hz', 'W', 'J', 'V', 'A', 'K', 'Cel', 'N', 'Pa', 'l', 'L', 'mol', 'cd', 'Ohm', 'C', 'F', 'T', 'Wb', 'S', 'H', 'lm', 'lx', 'Bq', 'Gy', 'Sv', 'kat', 'rad', 'sr', 'bar', 't', 'eV', 'Bd'];
const PLAIN_ATOMS = ['1', '%', 'min', 'h', 'd', 'wk', 'mo', 'a', 'deg', '[degF]', "'", "''", '[ppm]', '[ppb]', '[pi]', '10*3', '10*6', '10*9'];
const PREFIXES = ['Y', 'Z', 'E', 'P', 'T', 'G', 'M', 'k', 'h', 'da', 'd', 'c', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function validAtom(a: string): boolean {
  if (PLAIN_ATOMS.includes(a) || METRIC_ATOMS.includes(a)) return true;
  for (const p of PREFIXES) if (a.startsWith(p) && METRIC_ATOMS.includes(a.slice(p.length))) return true;
  return false;
}

function validComponent(c: string): boolean {
  // annotation only ({requests}) or atom with optional annotation and exponent: By{x}, m2, s-1
  const ann = /^\{[^{}]*\}$/;
  if (ann.test(c)) return true;
  const m = /^([^{}\d-]+|10\*\d+|1)(-?\d+)?(\{[^{}]*\})?$/.exec(c);
  if (!m) return false;
  return validAtom(m[1]!);
}

/** True when `unit` is a valid UCUM case-sensitive expression (the subset telemetry uses). */
export function isUcum(unit: string): boolean {
  if (unit === '') return false;
  if (/\s/.test(unit)) return false;
  let s = unit;
  if (s.startsWith('/')) s = '1' + s;
  const parts = s.split(/[./]/);
  if (parts.some((p) => p === '')) return false;
  return parts.every(validComponent);
}
