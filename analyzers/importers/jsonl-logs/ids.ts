// Trace/span ids as they appear in logs → lowercase hex (the model's form).
export type IdKind = 'trace' | 'span';

export interface IdResult {
  id?: string;
  /** Set when a value was present but is not a readable id. */
  invalid?: boolean;
}

const HEX = /^[0-9a-fA-F]+$/;
const ZEROS = /^0+$/;

function decimalToHex(digits: string, kind: IdKind): string | undefined {
  let n: bigint;
  try {
    n = BigInt(digits);
  } catch {
    return undefined;
  }
  if (n === 0n) return undefined;
  const bits = kind === 'span' ? 64n : n < 1n << 64n ? 64n : 128n;
  if (n >= 1n << bits) return undefined;
  return n.toString(16).padStart(bits === 64n ? 16 : 32, '0');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64ToHex(text: string): string | undefined {
  const s = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const ch of s) {
    const v = B64.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += ((acc >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return out;
}

/**
 * Read an id. `decimal` = the field is known to carry decimal ids (Datadog `dd.trace_id`).
 * Accepts hex (16/32, also `0x`-prefixed), UUID form, W3C traceparent, X-Ray `1-xxxxxxxx-yyyy…`, GCP
 * `projects/p/traces/HEX`, decimal (Datadog), base64 of 8/16 bytes. Zero ids mean "no id".
 */
export function normalizeId(value: unknown, kind: IdKind, decimal = false): IdResult {
  if (value === undefined || value === null) return {};
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return { invalid: true };
    if (value === 0) return {};
    const hex = decimalToHex(String(value), kind);
    return hex ? { id: hex } : { invalid: true };
  }
  if (typeof value !== 'string') return { invalid: true };
  let s = value.trim();
  if (s === '' || s === '-' || s === 'null' || s === 'undefined') return {};
  if (decimal && /^\d{1,39}$/.test(s)) {
    if (ZEROS.test(s)) return {};
    const hex = decimalToHex(s, kind);
    return hex ? { id: hex } : { invalid: true };
  }
  const slash = s.lastIndexOf('/traces/'); // GCP: projects/PROJECT/traces/TRACE_ID
  if (slash >= 0) s = s.slice(slash + 8);
  const tp = /^[0-9a-f]{2}-([0-9a-fA-F]{32})-([0-9a-fA-F]{16})-[0-9a-f]{2}$/.exec(s); // traceparent
  if (tp) s = kind === 'trace' ? tp[1]! : tp[2]!;
  const xray = /^1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})$/.exec(s);
  if (xray && kind === 'trace') s = xray[1]! + xray[2]!;
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) s = s.replace(/-/g, '');
  // `0x…`: OpenTelemetry Python's console exporters and its logging handler print ids so
  if (/^0x(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/i.test(s)) s = s.slice(2);
  if (kind === 'span' && s.length > 16 && HEX.test(s) && s.length !== 32) return { invalid: true };
  if (HEX.test(s) && (s.length === 32 || s.length === 16 || (s.length > 16 && s.length < 32 && /[a-fA-F]/.test(s)))) {
    if (ZEROS.test(s)) return {};
    // Some emitters drop leading zeros; pad to the nearest id width.
    const width = s.length <= 16 ? 16 : 32;
    return { id: s.toLowerCase().padStart(width, '0') };
  }
  if (/^\d{1,20}$/.test(s)) {
    // Not hex-shaped but all digits: a decimal id (Datadog style) under a generic name.
    if (ZEROS.test(s)) return {};
    const hex = decimalToHex(s, kind);
    return hex ? { id: hex } : { invalid: true };
  }
  // base64 of 8 or 16 bytes; without its padding only when it has the look of random bytes (digits,
  // capitals and small letters all in it), so a word of 11 letters (`hello-world`) is not an id
  if ((/^[A-Za-z0-9+/_-]{11}=$|^[A-Za-z0-9+/_-]{22}==$/.test(s) || (/^[A-Za-z0-9+/_-]{11}$|^[A-Za-z0-9+/_-]{22}$/.test(s) && /\d/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)))) {
    const hex = base64ToHex(s);
    if (hex && (hex.length === 16 || hex.length === 32)) return ZEROS.test(hex) ? {} : { id: hex };
  }
  return { invalid: true };
}
