// Timestamp reading shared by importers. Everything becomes unix nanoseconds (bigint).
// A timestamp without a zone is read as UTC and flagged `withoutZone`, never guessed silently.
import { JUL_LOCAL_DATE, JUL_MONTH_FIRST, julLocalDate } from './jul-locales.js';

export interface ParsedTime {
  ns: bigint;
  withoutZone: boolean;
  /** True when the source had no year (syslog RFC 3164, glog, Android): the year was inferred. */
  withoutYear?: boolean;
}

const NS_PER_MS = 1_000_000n;

/** Bounds of the integer fields times travel in (OTLP uint64 ns, Jaeger uint64 µs, Zipkin and Prometheus int64). */
export const UINT64_MAX = 18_446_744_073_709_551_615n;
export const INT64_MAX = 9_223_372_036_854_775_807n;

/** An unsigned digit string whose value is at most `max` (cheap for the usual short ones). */
export function digitsWithin(digits: string, max: bigint): boolean {
  // Fewer digits than the bound has cannot exceed it: no BigInt for a 19-digit ns time vs uint64.
  const n = max === UINT64_MAX ? 20 : max === INT64_MAX ? 19 : max.toString().length;
  return digits.length < n || BigInt(digits) <= max;
}

/** Epoch number of unknown unit: pick s/ms/µs/ns by magnitude (valid for years ~1973–2286). */
export function epochToNs(value: number | string): bigint | undefined {
  if (typeof value === 'string') {
    const t = value.trim();
    if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
    if (!t.includes('.')) {
      const digits = t.replace('-', '').length;
      const big = BigInt(t);
      if (digits >= 17) return big; // ns
      if (digits >= 14) return big * 1000n; // µs
      if (digits >= 11) return big * NS_PER_MS; // ms
      return big * 1_000_000_000n; // s
    }
    // A decimal fraction (`1477858669.096` s): exact from its digits, not through a double
    // (which gave …095999956 ns); digits beyond the nanosecond are dropped.
    const neg = t.startsWith('-');
    const [whole, frac] = (neg ? t.slice(1) : t).split('.') as [string, string];
    const abs = Number(whole);
    const unitDigits = abs >= 1e17 ? 0 : abs >= 1e14 ? 3 : abs >= 1e11 ? 6 : 9; // ns, µs, ms, s
    const ns = BigInt(whole) * 10n ** BigInt(unitDigits) + BigInt(frac.slice(0, unitDigits).padEnd(unitDigits, '0') || '0');
    return neg ? -ns : ns;
  }
  if (!Number.isFinite(value)) return undefined;
  const abs = Math.abs(value);
  if (abs >= 1e17) return BigInt(Math.round(value));
  if (abs >= 1e14) return BigInt(Math.round(value * 1e3));
  if (abs >= 1e11) return BigInt(Math.round(value * 1e6));
  // seconds, possibly fractional: keep ns precision of the fraction as far as a double allows
  const whole = Math.floor(value);
  return BigInt(whole) * 1_000_000_000n + BigInt(Math.round((value - whole) * 1e9));
}

/**
 * Unix seconds as a JSON API writes them (a double, millisecond precision) → ns; undefined when the
 * number is no time at all (`1e306` seconds overflow to Infinity milliseconds).
 */
export function apiSecondsToNs(seconds: number): bigint | undefined {
  const ms = Math.round(seconds * 1000);
  return Number.isFinite(ms) ? BigInt(ms) * NS_PER_MS : undefined;
}

// 2023-01-30T11:51:46.123456789Z, 2023-01-30 11:51:46,123 +08:00, 2023-01-30T11:51:46+0800, and
// Go's time.Time.String(): 2021-09-30 10:46:17.68 +0000 UTC (the zone's name after its offset; a
// monotonic clock reading ` m=+0.0123` after that)
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,18}))?)?\s?(Z|z|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)?(?:(?<=[+-]\d{2}:?\d{2}) [A-Z][A-Za-z]{1,5}(?: m=[+-]\d+(?:\.\d+)?)?)?$/;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
// Apache/nginx common log: 10/Oct/2000:13:55:36 -0700
const CLF_RE = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:\s([+-]\d{4}))?$/;

/** A civil date and time at an offset (minutes east of UTC) → epoch ns; undefined when no such date (31 April, 29 February of a common year). */
export function civilToNs(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, offsetMin: number): bigint | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 24 || mi > 59 || s > 60) return undefined;
  // Offsets lie within ±18:00 (ISO 8601 / java.time's bound; real zones are −12:00 … +14:00).
  if (!Number.isFinite(offsetMin) || Math.abs(offsetMin) > 18 * 60) return undefined;
  // (Date.UTC takes a year 0–99 for 1900–1999: such a year is read 400 years on, and the 400
  // Gregorian years — 146,097 days exactly — taken off again)
  const ms = y >= 0 && y <= 99 ? Date.UTC(y + 400, mo - 1, d, h, mi, s) - 146_097 * 86_400_000 : Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(ms)) return undefined;
  // ms and the offset are exact in a double (|ms| < 2^53); the fraction (< 10^9) too: one BigInt product and sum
  const whole = BigInt(ms - offsetMin * 60_000) * NS_PER_MS;
  // (digits past nanoseconds, ISO 8601 allows any number, are cut off)
  return frac ? whole + BigInt(Number(frac.length === 9 ? frac : frac.length > 9 ? frac.slice(0, 9) : frac.padEnd(9, '0'))) : whole;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 28–31: `2024-02-30` is no date (Date.UTC would roll it over to 1 March). Proleptic Gregorian, as Date.UTC. */
function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return MONTH_DAYS[mo - 1]!;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function parseOffset(z: string): number {
  if (z === 'Z' || z === 'z' || z === 'UTC' || z === 'GMT') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (m > 59) return NaN; // `+01:75`: not an offset (civilToNs refuses it)
  return sign * (h * 60 + m);
}

/** RFC 3339 / ISO 8601 and the common log shapes. Returns undefined when unreadable. */
export function parseTimestamp(input: string | number): ParsedTime | undefined {
  if (typeof input === 'number') {
    const ns = epochToNs(input);
    return ns === undefined ? undefined : { ns, withoutZone: false };
  }
  const t = input.trim();
  if (t === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const ns = epochToNs(t);
    return ns === undefined ? undefined : { ns, withoutZone: false };
  }
  let m = ISO_RE.exec(t);
  if (m) {
    const zone = m[8];
    const ns = civilToNs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, m[7], zone ? parseOffset(zone) : 0);
    return ns === undefined ? undefined : { ns, withoutZone: !zone };
  }
  m = CLF_RE.exec(t);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (!mo) return undefined;
    const ns = civilToNs(+m[3]!, mo, +m[1]!, +m[4]!, +m[5]!, +m[6]!, m[7], m[8] ? parseOffset(m[8]) : 0);
    return ns === undefined ? undefined : { ns, withoutZone: !m[8] };
  }
  return undefined;
}

/** Go/proto durations such as "0.000123s", "1500ns", "12ms" → nanoseconds. */
const DURATION_FACTOR: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const DURATION_RE = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const DURATION_PART_RE = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * A duration with a unit: `250ms`, `1.5s` (protobuf JSON), and Go's `time.Duration` strings
 * (`1m30s`, `2h45m0.5s`, `-1.5h`, `0`; µ as the micro sign or the Greek mu).
 */
export function parseDurationNs(text: string): bigint | undefined {
  const t = text.trim();
  if (t === '0') return 0n;
  const m = DURATION_RE.exec(t);
  if (!m) return undefined;
  let v = 0;
  for (const part of t.matchAll(DURATION_PART_RE)) v += Number(part[1]) * DURATION_FACTOR[part[2]!]!;
  if (m[1] === '-') v = -v;
  return Number.isFinite(v) ? BigInt(Math.round(v)) : undefined;
}

export function nsToIso(ns: bigint): string {
  const ms = Number(ns / NS_PER_MS);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ns);
  const frac = (ns % 1_000_000_000n + 1_000_000_000n) % 1_000_000_000n;
  // (the seconds end where the fraction starts: a year past 9999 is written `+052967-…`, longer than 4 digits)
  const iso = d.toISOString();
  return iso.slice(0, iso.lastIndexOf('.')) + '.' + frac.toString().padStart(9, '0') + 'Z';
}

// ---------------------------------------------------------------------------------------------
// Log timestamp shapes. Text logs put their timestamp near the start of a line in dozens of
// shapes; `scanLeadingTimestamp` finds one among the first tokens and reports where it ends and
// which shape it was (the shape is what text importers learn a file's record header from).

export interface LogTimeOptions {
  /** "Now" for inferring a missing year (default Date.now()): the latest year not in the future. */
  nowMs?: number;
  /** Per-file memo: the shape that matched last is tried first (lines of a file share a shape). */
  memo?: { shape?: number };
  /**
   * A full date that is no date (`2020-07-66 20:34:49`, `2015-10-32 …`) is still found, with
   * `invalid` set and no instant, so the line it starts is a record of its own and the time is
   * reported, not taken for text.
   */
  reportInvalid?: boolean;
  /**
   * Slashed dates (`11/10/2023`) whose first two fields could both be the month are day first:
   * the file showed it elsewhere (`13/10/2023`). By default they are month first, as US tools write them.
   * False: the file's dates showed them month first (`10/13/2023`): log4js's spaced dates, day first
   * by default, are read month first too.
   */
  dayFirst?: boolean;
}

export interface FoundTimestamp {
  /** Undefined for shapes without a date (`11:51:46.123`). */
  ns?: bigint;
  withoutZone: boolean;
  withoutYear: boolean;
  /** Index in the line where the timestamp starts and ends (exclusive). */
  start: number;
  end: number;
  /** Stable name of the shape, e.g. `iso`, `syslog`, `glog`, `epoch-ms`. */
  shape: string;
  /** The shape of a full date whose fields are out of range (see LogTimeOptions.reportInvalid). */
  invalid?: true;
}

// Zone abbreviations we can read: the alphabetic ones the tz database uses since 2000 (what
// strftime's %Z, PostgreSQL's %t/%m and a JVM's Date write), plus SGT; the ambiguous ones (CST = US
// Central, Cuba or China; IST = India, Israel or Ireland; BST; AST = Atlantic, or Arabia in a JVM;
// SST = Samoa, or Singapore/Solomon elsewhere) are consumed as part of the timestamp but reported as
// "without zone" rather than guessed.
const ZONE_ABBREV: Record<string, number | undefined> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0,
  EST: -300, EDT: -240, MST: -420, MDT: -360, PST: -480, PDT: -420, CDT: -300,
  AKST: -540, AKDT: -480, HST: -600, HDT: -540, ADT: -180, NST: -210, NDT: -150,
  WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180, MSD: 240,
  WAT: 60, CAT: 120, SAST: 120, EAT: 180, IDT: 180, PKT: 300, PKST: 360,
  WIB: 420, WITA: 480, WIT: 540, JST: 540, KST: 540, HKT: 480, SGT: 480, ChST: 600,
  AWST: 480, AWDT: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  CST: undefined, IST: undefined, BST: undefined, AST: undefined, SST: undefined,
};
const ZONE_NAMES = Object.keys(ZONE_ABBREV).join('|');
const MON = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
const WDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\\s+';
const FRAC = '(?:[.,](\\d{1,18}))?';
// Between a date and its time: a date and a time in brackets of their own, `[11/27/2026] [12:45:25 PM]`
// (signale's displayDate and displayTimestamp); read only where the date's bracket opens (see tryShape)
// (`[2026-11-28] [03:23:31]`, and fern's README format `[2026-11-28][03:23:31]`)
const BRACKETS = '\\] ?\\[';
// zone: Z, ±hh:mm / ±hhmm / ±hh, or a known abbreviation (optionally followed by an offset: "GMT+8")
// (an offset may be followed by a colon, as in a JVM GC log's `2024-05-01T12:00:00.123+0200: 1.234:`, not by a colon and a digit)
const ZONE = `(?:\\s?(Z|z)(?![A-Za-z0-9])|\\s?([+-]\\d{2}(?::?\\d{2})?)(?!\\d|:\\d)|\\s\\(?(${ZONE_NAMES})\\)?(?![A-Za-z])([+-]\\d{1,2}(?::?\\d{2})?)?)?`;

interface Shape {
  name: string;
  /** Which first characters the shape can start with: d = digit, l = capital letter, a = another letter a localized month starts with, @. */
  first: string;
  re: RegExp;
  /** A test cheaper than the pattern that it needs to pass first, if any. */
  quick?: (line: string, pos: number) => boolean;
  /** Turn the match into civil fields; `undefined` rejects the match. */
  read(m: RegExpExecArray, opts: LogTimeOptions | undefined): Civil | undefined;
}

interface Civil {
  y?: number; // undefined → year missing
  mo?: number; // undefined (with d) → no date at all (time only)
  d?: number;
  h: number;
  mi: number;
  s: number;
  frac?: string;
  /** Offset in minutes; undefined → no zone. */
  offsetMin?: number;
  /** Already exact epoch ns (epoch and TAI64N shapes). */
  ns?: bigint;
}

function readZone(z: string | undefined, offset: string | undefined, abbrev: string | undefined, abbrevOffset: string | undefined): number | undefined {
  if (z) return 0;
  if (offset) return parseOffset(offset);
  if (abbrev) {
    const base = ZONE_ABBREV[abbrev];
    if (base === undefined) return undefined;
    return abbrevOffset ? base + parseOffset(abbrevOffset.length <= 3 ? abbrevOffset[0] + abbrevOffset.slice(1).padStart(2, '0') : abbrevOffset) : base;
  }
  return undefined;
}

/** AM/PM after a time (`1:30:00 PM`, `1:30:00pm`, `1:30:00 p.m.`). */
const MERIDIEM = '(?:\\s?([AaPp]\\.?[Mm]\\.?)(?![A-Za-z]))?';

/** The 24-hour hour of `h` on a 12-hour clock when `meridiem` is given (undefined: not a 12-hour hour). */
function clock12(h: number, meridiem: string | undefined): number | undefined {
  if (!meridiem) return h;
  if (h < 1 || h > 12) return undefined;
  return (h % 12) + (meridiem[0] === 'P' || meridiem[0] === 'p' ? 12 : 0);
}

const year2 = (yy: number): number => (yy < 69 ? 2000 + yy : 1900 + yy);
const mon = (name: string): number => MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;

const SHAPES: Shape[] = [
  {
    // 2023-01-30T11:51:46.123Z, 2015-10-18 18:01:47,978, 2025-08-13 01:45:01.123 PDT; Python's
    // `%(asctime)s.%(msecs)03d` with a `%z` datefmt puts the milliseconds after the offset:
    // 2024-01-15T10:00:00+0100.123; MariaDB's error log pads the hour with a space (`%2d`): 2026-11-28  3:13:16
    name: 'iso',
    first: 'd',
    re: new RegExp(`(\\d{4})-(\\d{2})-(\\d{2})(?:T|\\s{1,2}|${BRACKETS})(\\d{2}| \\d):(\\d{2}):(\\d{2})${FRAC}${ZONE}(?:(?<=[+-]\\d{4})[.,](\\d{3})(?!\\d))?`, 'y'),
    read: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] ?? m[12], offsetMin: readZone(m[8], m[9], m[10], m[11]) }),
  },
  {
    // 2016/09/28 04:30:30
    name: 'ymd-slash',
    first: 'd',
    re: new RegExp(`(\\d{4})/(\\d{1,2})/(\\d{1,2})(?:[ T:]|${BRACKETS})(\\d{1,2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}`, 'y'),
    read: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[8], m[9], m[10], m[11]) }),
  },
  {
    // DB2 / BGL: 2005-06-03-15.42.50.675872
    name: 'db2',
    first: 'd',
    re: /(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(\d{2})(?:\.(\d{1,9}))?/y,
    read: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] }),
  },
  {
    // 20171223-22:15:29:606, 20230130T115146Z. After a colon, 1–3 digits are milliseconds written
    // without their leading zeros (HealthApp's `22:15:35:96` is .096, after `22:15:34:851`).
    name: 'compact',
    first: 'd',
    re: new RegExp(`(\\d{4})(\\d{2})(\\d{2})[T-](\\d{2}):?(\\d{2}):?(\\d{2})(?:([.,:])(\\d{1,9}))?${ZONE}`, 'y'),
    read: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] === ':' && m[8]!.length <= 3 ? m[8]!.padStart(3, '0') : m[8], offsetMin: readZone(m[9], m[10], m[11], m[12]) }),
  },
  {
    // Sun Dec 04 04:47:44 2005, Sat May 04 07:16:00 CST 2013, Tue, 30 Jan 2023 11:51:46 +0000
    name: 'ctime',
    first: 'l',
    re: new RegExp(`${WDAY}${MON}\\s+(\\d{1,2})\\s+(\\d{2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}\\s+(\\d{4})(?!\\d)`, 'y'),
    read: (m) => ({ y: +m[11]!, mo: mon(m[1]!), d: +m[2]!, h: +m[3]!, mi: +m[4]!, s: +m[5]!, frac: m[6], offsetMin: readZone(m[7], m[8], m[9], m[10]) }),
  },
  {
    // RFC 2822: Tue, 30 Jan 2023 11:51:46 +0000 ; redis: 25 Apr 2024 05:32:35.018 ; 30-Jan-2023 11:51:46 ;
    // Erlang/OTP's error_logger: 11-Oct-2023::12:30:51
    name: 'dmy-name',
    first: 'dl',
    re: new RegExp(`(?:${WDAY})?(\\d{1,2})[ -]${MON}[ -](\\d{4})(?:[ :]|::)(\\d{2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}`, 'y'),
    read: (m) => ({ y: +m[3]!, mo: mon(m[2]!), d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[8], m[9], m[10], m[11]) }),
  },
  {
    // Apache/NCSA: 10/Oct/2000:13:55:36 -0700; Django's runserver (django.server): [10/Jan/2024 12:00:00]
    name: 'clf',
    first: 'd',
    re: new RegExp(`(\\d{1,2})/${MON}/(\\d{4})[: ](\\d{2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}`, 'y'),
    read: (m) => ({ y: +m[3]!, mo: mon(m[2]!), d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[8], m[9], m[10], m[11]) }),
  },
  {
    // Kibana's CSV/Discover dates: Jan 1, 2024 @ 00:00:00.123 (7.x+) and January 1st 2024, 00:00:00.123 (≤ 6.x);
    // java.util.logging's SimpleFormatter and WebLogic: Nov 27, 2023 1:15:30 PM (a 12-hour clock, the hour unpadded)
    name: 'mdy-name',
    first: 'l',
    re: new RegExp(`${MON}\\s+(\\d{1,2})(?:(?:st|nd|rd|th),?|,)\\s+(\\d{4})(?:,|\\s+@)?\\s+(\\d{1,2}):(\\d{2}):(\\d{2})${FRAC}${MERIDIEM}${ZONE}`, 'y'),
    read: (m) => {
      const h = clock12(+m[4]!, m[8]);
      return h === undefined ? undefined : { y: +m[3]!, mo: mon(m[1]!), d: +m[2]!, h, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[9], m[10], m[11], m[12]) };
    },
  },
  {
    // java.util.logging's SimpleFormatter on a JVM in another locale (see jul-locales.ts): nov. 27, 2026 3:36:32 PM,
    // Okt. 27, 2026 3:04:05 PM, 11月 27, 2026 3:04:05 午後 (the month and the marker in the locale's words)
    name: 'mdy-local',
    first: 'dla',
    // (a month of 1–5 characters and a two-digit day: `, ` 4 to 8 characters on; tried on most words of most lines)
    quick: (line, pos) => {
      for (let i = pos + 4; i <= pos + 8; i++) if (line.charCodeAt(i) === 44 && line.charCodeAt(i + 1) === 32) return JUL_MONTH_FIRST.has(line.charAt(pos));
      return false;
    },
    re: new RegExp(JUL_LOCAL_DATE, 'yu'),
    read: (m) => {
      const local = julLocalDate(m[1]!, m[7]!);
      const h = local ? clock12(+m[4]!, local.pm ? 'PM' : 'AM') : undefined;
      return local === undefined || h === undefined ? undefined : { y: +m[3]!, mo: local.month, d: +m[2]!, h, mi: +m[5]!, s: +m[6]! };
    },
  },
  {
    // syslog RFC 3164: Jan 30 11:51:46 (no year), also "Jan 30 2023 11:51:46", "Jan 30 11:51:46 2023"
    // and "Mar 31 02:30:00 2024 CEST" (the zone after the year)
    name: 'syslog',
    first: 'l',
    re: new RegExp(`${MON}\\s+(\\d{1,2})\\s+(?:(\\d{4})\\s+)?(\\d{2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}(?:\\s+(\\d{4})(?![\\d:])${ZONE})?`, 'y'),
    read: (m) => {
      const y = m[3] ?? m[12];
      return { y: y ? +y : undefined, mo: mon(m[1]!), d: +m[2]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[8], m[9], m[10], m[11]) ?? readZone(m[13], m[14], m[15], m[16]) };
    },
  },
  {
    // glog 0.6 and later: I20261128 11:51:46.123456 (severity letter, yyyymmdd, local time)
    name: 'glog-ymd',
    first: 'l',
    re: /[IWEFD](\d{4})(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/y,
    read: (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] }),
  },
  {
    // glog/klog: I0130 11:51:46.123456 (severity letter, mmdd, no year, local time)
    name: 'glog',
    first: 'l',
    re: /[IWEFD](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/y,
    read: (m) => ({ mo: +m[1]!, d: +m[2]!, h: +m[3]!, mi: +m[4]!, s: +m[5]!, frac: m[6] }),
  },
  {
    // MySQL 5.5/5.6 error log: 161209 14:18:50, 161209  9:05:01 (yymmdd, hour padded with a space)
    name: 'yymmdd-colon',
    first: 'd',
    re: /(\d{2})(\d{2})(\d{2}) {1,2}(\d{1,2}):(\d{2}):(\d{2})/y,
    read: (m) => ({ y: year2(+m[1]!), mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]! }),
  },
  {
    // HDFS: 081109 203615 (yymmdd hhmmss)
    name: 'yymmdd',
    first: 'd',
    re: /(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})/y,
    read: (m) => ({ y: year2(+m[1]!), mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]! }),
  },
  {
    // Spark: 17/06/09 20:10:40 (yy/mm/dd)
    name: 'yy-slash',
    first: 'd',
    re: new RegExp(`(\\d{2})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})${FRAC}`, 'y'),
    read: (m) => ({ y: year2(+m[1]!), mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7] }),
  },
  {
    // 06/09/2017 20:10:40: month first unless the first field cannot be a month (or the file's
    // other dates showed it day first: LogTimeOptions.dayFirst); a 12-hour
    // clock with AM/PM as US-locale and Windows tools write it (1/1/2024 1:30:00 PM)
    name: 'mdy-slash',
    first: 'd',
    re: new RegExp(`(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:[ ,T:]\\s?|${BRACKETS})(\\d{1,2}):(\\d{2}):(\\d{2})${FRAC}${MERIDIEM}${ZONE}`, 'y'),
    read: (m, opts) => {
      const a = +m[1]!;
      const b = +m[2]!;
      const [mo, d] = a > 12 || (opts?.dayFirst === true && b <= 12) ? [b, a] : [a, b];
      const h = clock12(+m[4]!, m[8]);
      if (h === undefined) return undefined;
      return { y: +m[3]!, mo, d, h, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[9], m[10], m[11], m[12]) };
    },
  },
  {
    // 14.11.2023 22:13:20,123: a dotted date is day first wherever it is written (de, ru, pl, cs…),
    // as Java's dd.MM.yyyy patterns and European locales print it
    name: 'dmy-dot',
    first: 'd',
    re: new RegExp(`(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?:[ T]|${BRACKETS})(\\d{1,2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}`, 'y'),
    read: (m) => ({ y: +m[3]!, mo: +m[2]!, d: +m[1]!, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[8], m[9], m[10], m[11]) }),
  },
  {
    // log4js's %d{DATETIME} (date-format's DATETIME_FORMAT `dd MM yyyy hh:mm:ss.SSS`): 27 11 2026 04:49:15.834,
    // day first as log4js writes it, unless a field cannot be (`11 27 2026`) or the file's other
    // dates showed it month first (LogTimeOptions.dayFirst false); local time
    name: 'dmy-space',
    first: 'd',
    re: new RegExp(`(\\d{2}) (\\d{2}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})${ZONE}`, 'y'),
    read: (m, opts) => {
      const a = +m[1]!;
      const b = +m[2]!;
      const [mo, d] = b > 12 || (opts?.dayFirst === false && a <= 12) ? [a, b] : [b, a];
      return { y: +m[3]!, mo, d, h: +m[4]!, mi: +m[5]!, s: +m[6]!, frac: m[7], offsetMin: readZone(m[8], m[9], m[10], m[11]) };
    },
  },
  {
    // Android logcat: 03-17 16:13:38.811 (mm-dd, no year); log15's terminal format and go-ethereum's
    // `INFO [03-17|16:13:38.811]` (a bar between the date and the time)
    name: 'md-dash',
    first: 'd',
    re: /(\d{2})-(\d{2})[ |](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?/y,
    read: (m) => ({ mo: +m[1]!, d: +m[2]!, h: +m[3]!, mi: +m[4]!, s: +m[5]!, frac: m[6] }),
  },
  {
    // daemontools TAI64N: @4000000037c219bf2ef02e94
    name: 'tai64n',
    first: '@',
    re: /@(4[0-9a-fA-F]{15})([0-9a-fA-F]{8})/y,
    read: (m) => {
      const ns = tai64nToNs(m[1]!, m[2]!);
      return ns === undefined ? undefined : { h: 0, mi: 0, s: 0, ns, offsetMin: 0 };
    },
  },
  {
    // epoch seconds (10 digits, optional fraction), ms (13), µs (16), ns (19); not a count with its
    // unit glued on (Go's `stack exceeds 1000000000-byte limit`)
    name: 'epoch',
    first: 'd',
    re: /(\d{19}|\d{16}|\d{13}(?:\.\d{1,6})?|\d{10}(?:\.\d{1,9})?)(?![\d.]|-?[A-Za-z_])/y,
    read: (m) => {
      const ns = exactEpochToNs(m[1]!);
      return ns === undefined ? undefined : { h: 0, mi: 0, s: 0, ns, offsetMin: 0 };
    },
  },
  {
    // epoch seconds in scientific notation, as zap's console encoder writes them by default
    // (controller-runtime, kubebuilder): 1.6792134703300617e+09
    name: 'epoch-sci',
    first: 'd',
    re: /(\d)\.(\d{1,17})[eE]\+09(?![\d.])/y,
    read: (m) => {
      const digits = m[1]! + m[2]!;
      const ns = exactEpochToNs(digits.length > 10 ? `${digits.slice(0, 10)}.${digits.slice(10)}` : digits.padEnd(10, '0'));
      return ns === undefined ? undefined : { h: 0, mi: 0, s: 0, ns, offsetMin: 0 };
    },
  },
  {
    // time of day only: 11:51:46.123 (no date at all)
    name: 'time-only',
    first: 'd',
    re: /(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?/y,
    read: (m) => ({ h: +m[1]!, mi: +m[2]!, s: +m[3]!, frac: m[4] }),
  },
];

/** Decimal epoch string → ns without going through a double (keeps `.496300` exact). */
export function exactEpochToNs(text: string): bigint | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return epochToNs(text);
  const whole = m[1]!;
  const frac = m[2] ?? '';
  const digits = whole.length;
  // unit by magnitude, as epochToNs: ≥17 digits ns, ≥14 µs, ≥11 ms, else s
  const unitDigits = digits >= 17 ? 0 : digits >= 14 ? 3 : digits >= 11 ? 6 : 9;
  const fracDigits = frac.slice(0, unitDigits).padEnd(unitDigits, '0');
  return BigInt(whole + fracDigits);
}

/** TAI64N label (16 hex seconds + 8 hex ns) → unix ns. daemontools labels are 2^62 + 10 + unix seconds. */
export function tai64nToNs(secondsHex: string, nanosHex: string): bigint | undefined {
  const label = BigInt('0x' + secondsHex);
  const nanos = BigInt('0x' + nanosHex);
  if (nanos >= 1_000_000_000n) return undefined;
  const unixSeconds = label - (1n << 62n) - 10n;
  return unixSeconds * 1_000_000_000n + nanos;
}

/** The latest year (relative to `nowMs`) in which month/day is not in the future. */
export function inferYear(month: number, day: number, nowMs: number = Date.now()): number {
  const y = new Date(nowMs).getUTCFullYear();
  const candidate = Date.UTC(y, month - 1, day);
  return candidate > nowMs + 86_400_000 ? y - 1 : y;
}

function civilResult(c: Civil, opts: LogTimeOptions | undefined): { ns?: bigint; withoutZone: boolean; withoutYear: boolean } | undefined {
  if (c.ns !== undefined) return { ns: c.ns, withoutZone: false, withoutYear: false };
  if (c.mo === undefined || c.d === undefined) {
    if (c.h > 23 || c.mi > 59 || c.s > 60) return undefined;
    return { withoutZone: true, withoutYear: true };
  }
  const withoutYear = c.y === undefined;
  const y = c.y ?? inferYear(c.mo, c.d, opts?.nowMs);
  const ns = civilToNs(y, c.mo, c.d, c.h, c.mi, c.s, c.frac, c.offsetMin ?? 0);
  if (ns === undefined) return undefined;
  return { ns, withoutZone: c.offsetMin === undefined, withoutYear };
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);

/** Try every shape at exactly `pos`. */
export function matchTimestampAt(line: string, pos: number, opts?: LogTimeOptions): FoundTimestamp | undefined {
  const c0 = line.charCodeAt(pos);
  const digit = c0 >= 48 && c0 <= 57;
  const upper = c0 >= 65 && c0 <= 90;
  // (a month name in lower case or another script: only a localized month, `nov.`, `déc.`, `十一月`, begins a date)
  const local = !digit && !upper && c0 !== 64 /* @ */ && JUL_MONTH_FIRST.has(line.charAt(pos));
  if (!digit && !upper && c0 !== 64 && !local) return undefined;
  const kind = digit ? 'd' : upper ? 'l' : local ? 'a' : '@';
  if (kind === 'a') return tryShape(MDY_LOCAL, kind, line, pos, opts);
  const memo = opts?.memo;
  if (memo?.shape !== undefined) {
    const hit = tryShape(SHAPES[memo.shape]!, kind, line, pos, opts);
    if (hit) return hit;
  }
  for (let i = 0; i < SHAPES.length; i++) {
    if (i === memo?.shape) continue;
    const hit = tryShape(SHAPES[i]!, kind, line, pos, opts);
    if (hit) {
      if (memo) memo.shape = i;
      return hit;
    }
  }
  return undefined;
}

/** The only shape a date in lower case or another script can be (see matchTimestampAt). */
const MDY_LOCAL = SHAPES.find((s) => s.name === 'mdy-local')!;

/** Shapes of a four-digit-year date whose out-of-range fields (month 13, day 32) are still a timestamp written wrong, not text. */
const FULL_DATE_SHAPES: ReadonlySet<string> = new Set(['iso', 'ymd-slash']);

function tryShape(shape: Shape, kind: string, line: string, pos: number, opts: LogTimeOptions | undefined): FoundTimestamp | undefined {
  if (!shape.first.includes(kind) || (shape.quick !== undefined && !shape.quick(line, pos))) return undefined;
  shape.re.lastIndex = pos;
  const m = shape.re.exec(line);
  if (!m) return undefined;
  const end = pos + m[0].length;
  if (isWordChar(line[end]) && shape.name !== 'glog' && shape.name !== 'glog-ymd') return undefined;
  // (a date and a time in brackets of their own: the date's bracket opens before it)
  if (line[pos - 1] !== '[' && /\] ?\[/.test(m[0])) return undefined;
  const civil = shape.read(m, opts);
  const r = civil ? civilResult(civil, opts) : undefined;
  if (!r) return opts?.reportInvalid && FULL_DATE_SHAPES.has(shape.name) ? { withoutZone: false, withoutYear: false, start: pos, end, shape: shape.name, invalid: true } : undefined;
  // Built field by field: an object spread of `r` cost ~2.5 µs a call here (most of the time a text log's line took to read).
  const found: FoundTimestamp = { withoutZone: r.withoutZone, withoutYear: r.withoutYear, start: pos, end, shape: shape.name };
  if (r.ns !== undefined) found.ns = r.ns;
  return found;
}

/**
 * A short word glued to a full date at a line's start: Go's `log` with a prefix and no space after
 * it (`log.New(w, "raft", log.LstdFlags)` writes `raft2026/11/27 21:22:48 INFO: …`, etcd 3.4's raft).
 */
const GLUED_PREFIX = /^[A-Za-z]{1,16}(?=\d{4}[-/]\d\d[-/]\d\d[ T])/;

/**
 * Find a timestamp that starts one of the first `maxTokens` whitespace-separated tokens of a line
 * (optionally right after `[` or `(`), or after a word glued to a full date at its start
 * (GLUED_PREFIX). Looks at most 200 characters in.
 */
export function scanLeadingTimestamp(line: string, maxTokens = 4, opts?: LogTimeOptions): FoundTimestamp | undefined {
  const limit = Math.min(line.length, 200);
  let token = 0;
  let i = 0;
  while (i < limit && token < maxTokens) {
    while (i < limit && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= limit) break;
    let p = i;
    if (line[p] === '[' || line[p] === '(') p++;
    // (Cisco IOS marks a time from an unsynchronised clock with `*`, one synchronised once with `.`)
    else if ((line[p] === '*' || line[p] === '.') && i === 0) p++;
    const found = matchTimestampAt(line, p, opts);
    if (found) return found;
    const glued = i === 0 && p === 0 ? GLUED_PREFIX.exec(line) : null;
    if (glued) {
      const after = matchTimestampAt(line, glued[0].length, opts);
      if (after && !after.invalid) return after;
    }
    while (i < limit && line[i] !== ' ' && line[i] !== '\t') i++;
    token++;
  }
  return undefined;
}

/**
 * Parse a whole string as a log timestamp: everything `parseTimestamp` reads plus the log
 * shapes above (syslog without year, glog, yymmdd hhmmss, DB2, ctime, TAI64N…).
 */
export function parseLogTimestamp(input: string | number, opts?: LogTimeOptions): ParsedTime | undefined {
  if (typeof input === 'string' && /^\s*\d+\.\d+\s*$/.test(input)) {
    const ns = exactEpochToNs(input); // decimal epoch without a detour through a double
    return ns === undefined ? undefined : { ns, withoutZone: false };
  }
  const basic = parseTimestamp(input);
  if (basic || typeof input === 'number') return basic;
  let t = input.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1).trim();
  const found = matchTimestampAt(t, 0, opts);
  if (!found || found.ns === undefined || found.end !== t.length) return undefined;
  return found.withoutYear ? { ns: found.ns, withoutZone: found.withoutZone, withoutYear: true } : { ns: found.ns, withoutZone: found.withoutZone };
}
