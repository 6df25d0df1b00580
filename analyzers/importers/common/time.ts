// Timestamp reading shared by importers. Everything becomes unix nanoseconds (bigint).
// A timestamp without a zone is read as UTC and flagged `withoutZone`, never guessed silently.

export interface ParsedTime {
  ns: bigint;
  withoutZone: boolean;
}

const NS_PER_MS = 1_000_000n;

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
    value = Number(t);
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

// 2023-01-30T11:51:46.123456789Z, 2023-01-30 11:51:46,123 +08:00, 2023-01-30T11:51:46+0800
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|z|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)?$/;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
// Apache/nginx common log: 10/Oct/2000:13:55:36 -0700
const CLF_RE = /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:\s([+-]\d{4}))?$/;

function civilToNs(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, offsetMin: number): bigint | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(ms)) return undefined;
  const fracNs = frac ? BigInt(frac.padEnd(9, '0')) : 0n;
  return (BigInt(ms) - BigInt(offsetMin) * 60_000n) * NS_PER_MS + fracNs;
}

function parseOffset(z: string): number {
  if (z === 'Z' || z === 'z' || z === 'UTC' || z === 'GMT') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
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
export function parseDurationNs(text: string): bigint | undefined {
  const m = /^(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(text.trim());
  if (!m) return undefined;
  const factor: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const v = Number(m[1]) * factor[m[2]!]!;
  return Number.isFinite(v) ? BigInt(Math.round(v)) : undefined;
}

export function nsToIso(ns: bigint): string {
  const ms = Number(ns / NS_PER_MS);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ns);
  const frac = (ns % 1_000_000_000n + 1_000_000_000n) % 1_000_000_000n;
  return d.toISOString().slice(0, 19) + '.' + frac.toString().padStart(9, '0') + 'Z';
}
