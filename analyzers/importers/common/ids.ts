// Trace/span id normalisation shared by the trace importers. The model wants lowercase hex;
// sources send hex in either case, base64 (OTLP proto-JSON from some SDKs, Jaeger api_v2),
// or short hex without leading zeros (Zipkin, Jaeger). Results: a hex string, `undefined`
// for "absent" (empty string / all-zero ids are "no id" in W3C and OTLP), or `null` when invalid.

const B64: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < abc.length; i++) t[abc.charCodeAt(i)] = i;
  t['-'.charCodeAt(0)] = 62; // base64url
  t['_'.charCodeAt(0)] = 63;
  return t;
})();
const HEX = '0123456789abcdef';

/** 0 = not hex, 1 = lowercase hex, 2 = hex with uppercase letters. */
function hexKind(s: string): 0 | 1 | 2 {
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) {
      upper = true;
      continue;
    }
    return 0;
  }
  return upper ? 2 : 1;
}

function isAllZero(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

/** Decode base64 to lowercase hex; null when not base64 or not `bytes` long. */
export function base64ToHex(s: string, bytes: number): string | null {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--; // '='
  if (Math.floor((end * 6) / 8) !== bytes || end > Math.ceil((bytes * 8) / 6)) return null;
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64[c]! : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (acc >> bits) & 0xff;
      out += HEX[byte >> 4]! + HEX[byte & 15]!;
    }
  }
  return out.length === bytes * 2 ? out : null;
}

/**
 * OTLP id of exactly `bytes` bytes (16 for trace, 8 for span): hex (any case) or base64.
 * Empty string and all-zero ids mean "absent".
 */
export function normalizeOtlpId(value: unknown, bytes: number): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return null;
  let hex: string | null = null;
  if (value.length === bytes * 2) {
    const k = hexKind(value);
    if (k === 1) hex = value;
    else if (k === 2) hex = value.toLowerCase();
  }
  // 32 hex chars are never valid base64 of 16 bytes (that needs 22-24 chars), so no ambiguity.
  if (hex === null) hex = base64ToHex(value, bytes);
  if (hex === null) return null;
  return isAllZero(hex) ? undefined : hex;
}

/**
 * Variable-length hex id (Zipkin, Jaeger): 1-32 hex chars, left-padded to 16 when it fits 64
 * bits and to 32 otherwise, so the same id always has one spelling. `maxHex` = 16 for span ids.
 */
export function normalizeHexId(value: unknown, maxHex = 32): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > maxHex) return null;
  const k = hexKind(value);
  if (k === 0) return null;
  let hex = k === 2 ? value.toLowerCase() : value;
  if (hex.length < 16) hex = hex.padStart(16, '0');
  else if (hex.length > 16 && hex.length < 32) hex = hex.padStart(32, '0');
  return isAllZero(hex) ? undefined : hex;
}

const ZERO_HIGH = '0000000000000000';

/**
 * A 32-hex trace id whose high half is zero → its 16-hex low half (the 64-bit id, as
 * zipkin2.Span.normalizeTraceId spells it); anything else unchanged.
 */
export function foldZeroHighTraceId(id: string): string {
  return id.length === 32 && id.charCodeAt(0) === 48 && id.startsWith(ZERO_HIGH) ? id.slice(16) : id;
}

/** Jaeger api_v2 proto-JSON ids are base64 of 16 (trace) or 8 (span) bytes; accept hex too. */
export function normalizeJaegerProtoId(value: unknown, bytes: number): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return null;
  const b64 = base64ToHex(value, bytes);
  if (b64 !== null) return isAllZero(b64) ? undefined : b64;
  return normalizeHexId(value, bytes * 2);
}
